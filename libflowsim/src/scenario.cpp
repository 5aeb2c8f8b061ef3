#include "flowsim/scenario.hpp"

#include <algorithm>
#include <stdexcept>

namespace flowsim {
namespace {

template <typename T>
std::optional<std::uint32_t> find_by_id(const std::vector<T>& items, std::string_view id) {
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].id == id) {
            return static_cast<std::uint32_t>(i);
        }
    }
    return std::nullopt;
}

}  // namespace

Scenario::Scenario(ScenarioParts parts) : parts_(std::move(parts)) {
    node_ids_.reserve(parts_.nodes.size());
    for (std::size_t i = 0; i < parts_.nodes.size(); ++i) {
        const Node& node = parts_.nodes[i];
        if (!node_ids_.emplace(node.id, static_cast<NodeIndex>(i)).second) {
            throw std::invalid_argument("Scenario: duplicate node id '" + node.id + "'");
        }
        tags_.insert(tags_.end(), node.tags.begin(), node.tags.end());
    }
    std::sort(tags_.begin(), tags_.end());
    tags_.erase(std::unique(tags_.begin(), tags_.end()), tags_.end());
}

std::optional<NodeIndex> Scenario::find_node(std::string_view id) const {
    const auto found = node_ids_.find(std::string(id));
    if (found == node_ids_.end()) {
        return std::nullopt;
    }
    return found->second;
}

std::optional<DataKindIndex> Scenario::find_data_kind(std::string_view id) const {
    return find_by_id(parts_.data_kinds, id);
}

std::optional<ParameterIndex> Scenario::find_parameter(std::string_view id) const {
    return find_by_id(parts_.parameters, id);
}

std::optional<GateIndex> Scenario::find_gate(std::string_view id) const {
    return find_by_id(parts_.gates, id);
}

std::optional<SourceIndex> Scenario::find_source(std::string_view id) const {
    return find_by_id(parts_.sources, id);
}

std::optional<ConfigurationIndex> Scenario::find_configuration(std::string_view id) const {
    return find_by_id(parts_.configurations, id);
}

}  // namespace flowsim
