#include "flowsim/io/wording.hpp"

#include <algorithm>

namespace flowsim::io {
namespace {

std::vector<std::string> labels_of(const Scenario& scenario, const std::vector<std::string>& ids) {
    std::vector<std::string> labels;
    for (const std::string& id : ids) {
        labels.push_back(scenario.nodes()[*scenario.find_node(id)].label);
    }
    return labels;
}

}  // namespace

std::string plural(std::size_t count, std::string_view one, std::string_view many) {
    std::string text = std::to_string(count) + " ";
    if (count == 1) {
        return text.append(one);
    }
    return many.empty() ? text.append(one) + "s" : text.append(many);
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            text.append(separator);
        }
        text += items[i];
    }
    return text;
}

std::string series(const std::vector<std::string>& items, bool semicolons) {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            const bool last = i + 1 == items.size();
            text += last ? (semicolons && items.size() > 2 ? "; and " : " and ")
                         : (semicolons ? "; " : ", ");
        }
        text += items[i];
    }
    return text;
}

std::string describe_nodes(const Scenario& scenario, const std::vector<std::string>& ids) {
    const std::vector<std::string> labels = labels_of(scenario, ids);
    if (labels.empty()) {
        return "no node";
    }
    if (labels.size() > 3) {
        return std::to_string(labels.size()) + " nodes (" + labels[0] + ", " + labels[1] + ", " +
               labels[2] + ", ...)";
    }
    return series(labels);
}

std::string list_nodes(const Scenario& scenario, const std::vector<std::string>& ids) {
    constexpr std::size_t kMostNamed = 6;
    if (ids.empty()) {
        return "no node";
    }
    std::vector<std::string> labels = labels_of(
        scenario,
        {ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), kMostNamed))});
    const bool commas = std::any_of(labels.begin(), labels.end(), [](const std::string& label) {
        return label.find(',') != std::string::npos;
    });
    if (ids.size() > labels.size()) {
        labels.push_back(std::to_string(ids.size() - labels.size()) + " more");
    }
    return series(labels, commas);
}

std::string list_nodes(const Scenario& scenario, const std::vector<NodeIndex>& nodes) {
    return list_nodes(scenario, node_ids(scenario, nodes));
}

std::string name_or_count_nodes(const Scenario& scenario,
                                const std::vector<NodeIndex>& nodes,
                                std::string_view plural_noun) {
    std::vector<NodeIndex> distinct = nodes;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    if (distinct.empty()) {
        return "no node";
    }
    if (distinct.size() > 2) {
        return std::to_string(distinct.size()) + " " + std::string(plural_noun);
    }
    std::vector<std::string> labels;
    for (const NodeIndex node : distinct) {
        labels.push_back(scenario.nodes()[node].label);
    }
    std::sort(labels.begin(), labels.end());
    return series(labels);
}

std::vector<std::string> node_ids(const Scenario& scenario, const std::vector<NodeIndex>& nodes) {
    std::vector<std::string> ids;
    for (const NodeIndex node : nodes) {
        ids.push_back(scenario.nodes()[node].id);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

std::string path_text(const Scenario& scenario, const std::vector<NodeIndex>& nodes) {
    std::string text;
    for (const NodeIndex node : nodes) {
        text += (text.empty() ? "" : " → ") + scenario.nodes()[node].label;
    }
    return text;
}

std::string conditions(const QueryHeader& header) {
    std::string text = "configuration: " + header.configuration;
    if (header.as_of) {
        text += "; as of " + *header.as_of;
    }
    return text;
}

std::string settings_text(const Scenario& scenario,
                          const std::vector<std::pair<ParameterIndex, bool>>& settings) {
    std::vector<std::string> parts;
    for (const auto& [parameter, value] : settings) {
        parts.push_back(scenario.parameters()[parameter].id + "=" + (value ? "true" : "false"));
    }
    return join(parts, ", ");
}

}  // namespace flowsim::io
