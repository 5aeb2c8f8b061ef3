#include "route_text.hpp"

namespace flowsim::io {

std::string describe_nodes(const Scenario& scenario, const std::vector<std::string>& ids) {
    std::vector<std::string> labels;
    for (const std::string& id : ids) {
        labels.push_back(scenario.nodes()[*scenario.find_node(id)].label);
    }
    if (labels.empty()) {
        return "no node";
    }
    if (labels.size() > 3) {
        return std::to_string(labels.size()) + " nodes (" + labels[0] + ", " + labels[1] + ", " +
               labels[2] + ", ...)";
    }
    std::string text = labels[0];
    for (std::size_t i = 1; i < labels.size(); ++i) {
        text += (i + 1 == labels.size() ? " and " : ", ") + labels[i];
    }
    return text;
}

std::string plural(std::size_t count, const std::string& noun) {
    return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

std::string path_text(const Scenario& scenario, const std::vector<NodeIndex>& nodes) {
    std::string text;
    for (const NodeIndex node : nodes) {
        text += (text.empty() ? "" : " → ") + scenario.nodes()[node].label;
    }
    return text;
}

std::size_t SourceNumbers::number(SourceIndex source) {
    const auto [entry, inserted] = numbers_.emplace(source, order_.size() + 1);
    if (inserted) {
        order_.push_back(source);
    }
    return entry->second;
}

}  // namespace flowsim::io
