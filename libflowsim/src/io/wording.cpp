#include "flowsim/io/wording.hpp"

#include <algorithm>
#include <cstdio>

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

std::string capped_series(std::vector<std::string> shown, std::size_t total) {
    const bool commas = std::any_of(shown.begin(), shown.end(), [](const std::string& item) {
        return item.find(',') != std::string::npos;
    });
    if (total > shown.size()) {
        const std::size_t rest = total - shown.size();
        shown.push_back(std::to_string(rest) + (rest == 1 ? " other" : " others"));
    }
    return series(shown, commas);
}

std::string list_nodes(const Scenario& scenario, const std::vector<std::string>& ids) {
    if (ids.empty()) {
        return "no node";
    }
    // Only the labels shown are looked up: a list may name thousands of nodes.
    const std::size_t shown = std::min(ids.size(), kMostListed);
    return capped_series(
        labels_of(scenario, {ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(shown)}),
        ids.size());
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

std::string id_words(std::string_view id) {
    std::string text(id);
    std::replace(text.begin(), text.end(), '_', ' ');
    return text;
}

RouteLines::RouteLines(const Scenario& scenario)
    : scenario_(&scenario), first_out_(scenario.nodes().size() + 1, 0) {
    const std::vector<Edge>& edges = scenario.edges();
    // Out-edges by tail (a counting sort), then each node's by head.
    for (const Edge& edge : edges) {
        ++first_out_[edge.from + 1];
    }
    for (std::size_t node = 0; node < scenario.nodes().size(); ++node) {
        first_out_[node + 1] += first_out_[node];
    }
    out_.resize(edges.size());
    std::vector<std::size_t> next(first_out_.begin(), first_out_.end() - 1);
    for (EdgeIndex edge = 0; edge < edges.size(); ++edge) {
        out_[next[edges[edge].from]++] = edge;
    }
    for (std::size_t node = 0; node < scenario.nodes().size(); ++node) {
        std::sort(out_.begin() + static_cast<std::ptrdiff_t>(first_out_[node]),
                  out_.begin() + static_cast<std::ptrdiff_t>(first_out_[node + 1]),
                  [&](EdgeIndex a, EdgeIndex b) {
                      return std::make_pair(edges[a].to, a) < std::make_pair(edges[b].to, b);
                  });
    }
}

std::pair<const EdgeIndex*, const EdgeIndex*> RouteLines::parallel(EdgeIndex edge) const {
    const std::vector<Edge>& edges = scenario_->edges();
    const Edge& e = edges[edge];
    const EdgeIndex* begin = out_.data() + first_out_[e.from];
    const EdgeIndex* end = out_.data() + first_out_[e.from + 1];
    const auto head_below = [&](EdgeIndex a, NodeIndex head) {
        return edges[a].to < head;
    };
    const auto head_above = [&](NodeIndex head, EdgeIndex a) {
        return head < edges[a].to;
    };
    return {std::lower_bound(begin, end, e.to, head_below),
            std::upper_bound(begin, end, e.to, head_above)};
}

std::string RouteLines::hop_name(EdgeIndex edge) const {
    // Named pointers, not a structured binding: the lambda below captures them, which
    // clang (the fuzz build) refuses for structured bindings before C++20.
    const auto range = parallel(edge);
    const EdgeIndex* const begin = range.first;
    const EdgeIndex* const end = range.second;
    if (end - begin < 2) {
        return "";
    }
    const std::vector<Edge>& edges = scenario_->edges();
    const Edge& e = edges[edge];
    const auto unique = [&](const auto& same) {
        return std::none_of(begin, end,
                            [&](EdgeIndex other) { return other != edge && same(edges[other]); });
    };
    if (!e.mechanism.empty() &&
        unique([&](const Edge& other) { return other.mechanism == e.mechanism; })) {
        return id_words(e.mechanism);
    }
    // The same mechanism (or none) on another parallel edge: say what each carries.
    if (unique([&](const Edge& other) {
            return other.mechanism == e.mechanism && other.carries == e.carries;
        })) {
        std::vector<std::string> kinds;
        for (const DataKindIndex kind : e.carries) {
            kinds.push_back(scenario_->data_kinds()[kind].label);
        }
        return (e.mechanism.empty() ? "" : id_words(e.mechanism) + ", ") + "carrying " +
               series(kinds);
    }
    return e.id;
}

std::string RouteLines::line(const std::vector<NodeIndex>& nodes,
                             const std::vector<EdgeIndex>& edges) const {
    std::string text;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        text += (i == 0 ? "" : " → ") + scenario_->nodes()[nodes[i]].label;
        if (i > 0 && i <= edges.size()) {
            const std::string name = hop_name(edges[i - 1]);
            if (!name.empty()) {
                text += " (" + name + ")";
            }
        }
    }
    return text;
}

std::vector<Assumption> assumptions_of(const ConfigurationView& view, const ResolvedQuery& query) {
    const Scenario& scenario = view.scenario();
    const ActivitySettings& activity = query.activity;
    std::vector<Assumption> result;
    if (activity.configuration) {
        const std::string& id = scenario.configurations()[*activity.configuration].id;
        result.push_back({"configuration", id, std::nullopt, id, "configuration " + id});
    }
    // The values before any --set: defaults, then the configuration.
    std::vector<bool> before;
    for (const Parameter& parameter : scenario.parameters()) {
        before.push_back(parameter.default_value);
    }
    if (activity.configuration) {
        for (const auto& [parameter, value] :
             scenario.configurations()[*activity.configuration].values) {
            before[parameter] = value;
        }
    }
    std::vector<bool> listed(scenario.parameters().size(), false);
    for (const auto& [parameter, ignored] : activity.settings) {
        const bool value = view.parameter_values()[parameter];
        if (listed[parameter] || value == before[parameter]) {
            continue;
        }
        listed[parameter] = true;
        const Parameter& p = scenario.parameters()[parameter];
        result.push_back({"set", p.id, value, value ? "true" : "false",
                          (p.label.empty() ? p.id : p.label) + ": " + (value ? "on" : "off")});
    }
    for (const GateIndex gate : activity.without) {
        const Gate& g = scenario.gates()[gate];
        result.push_back({"without", g.id, false, "false",
                          "never given: " + (g.label.empty() ? g.id : g.label)});
    }
    const auto ids_text = [&](const std::vector<NodeIndex>& nodes) {
        return join(node_ids(scenario, nodes), ",");
    };
    if (!query.routes.avoid.empty()) {
        result.push_back({"avoid", "avoid", std::nullopt, ids_text(query.routes.avoid),
                          "avoiding " + list_nodes(scenario, query.routes.avoid)});
    }
    if (query.routes.via) {
        result.push_back({"via", "via", std::nullopt, ids_text(*query.routes.via),
                          "only through " + list_nodes(scenario, *query.routes.via)});
    }
    if (activity.min_evidence != Evidence::kHypothetical) {
        const std::string level(evidence_name(activity.min_evidence));
        result.push_back(
            {"min_evidence", "min_evidence", std::nullopt, level, "only edges at least " + level});
    }
    if (activity.as_of) {
        std::string phrase = "facts as of " + activity.as_of->to_string();
        if (scenario.as_of() && *scenario.as_of() != *activity.as_of) {
            phrase += " (not the scenario's " + scenario.as_of()->to_string() + ")";
        }
        result.push_back({"as_of", "as_of", std::nullopt, activity.as_of->to_string(), phrase});
    }
    return result;
}

std::string conditions(const QueryHeader& header) {
    std::string text = "configuration: " + header.configuration;
    bool date_stated = false;
    for (const Assumption& assumption : header.assumptions) {
        if (assumption.kind == "configuration") {
            continue;  // named above
        }
        text += "; " + assumption.phrase;
        date_stated = date_stated || assumption.kind == "as_of";
    }
    if (header.as_of && !date_stated) {
        text += "; as of " + *header.as_of;
    }
    return text;
}

std::string reach_sentence(const Scenario& scenario,
                           const QueryHeader& header,
                           const std::vector<NodeIndex>& reaching,
                           const std::vector<NodeIndex>& not_reaching,
                           std::size_t route_count,
                           bool at_least,
                           std::optional<Evidence> strongest) {
    const std::size_t asked = reaching.size() + not_reaching.size();
    std::string text = "data from " + list_nodes(scenario, reaching) + " can reach " +
                       list_nodes(scenario, header.to) + " by " + (at_least ? "at least " : "") +
                       plural(route_count, "route");
    if (asked > 1) {
        text += not_reaching.empty()
                    ? (asked == 2 ? std::string(", from both sources")
                                  : ", from all " + std::to_string(asked) + " sources")
                    : ", from " + std::to_string(reaching.size()) + " of " + std::to_string(asked) +
                          " sources; not from " + list_nodes(scenario, not_reaching);
    }
    text += " (" + conditions(header) + ").";
    if (strongest) {
        text += " The best-evidenced route is " + std::string(evidence_name(*strongest)) + ".";
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

std::string source_citation(const Source& source) {
    std::string text = source.title;
    if (!source.publisher.empty()) {
        text += " — " + source.publisher;
    }
    if (source.date) {
        text += ", " + source.date->to_string();
    }
    if (source.kind) {
        text += " (" + std::string(source_kind_name(*source.kind)) + ")";
    }
    if (!source.url.empty()) {
        text += ". " + source.url;
    }
    return text;
}

std::string stop_reason(Completion completion) {
    return completion.timed_out()     ? "the time limit"
           : completion.interrupted() ? "an interruption"
                                      : "a limit";
}

std::string duration_words(Seconds seconds) {
    if (seconds <= 0) {
        return "at once";
    }
    struct Unit {
        Seconds seconds;
        const char* name;
    };
    static constexpr Unit kUnits[] = {{Seconds{365} * 86400, "year"},
                                      {86400, "day"},
                                      {3600, "hour"},
                                      {60, "minute"},
                                      {1, "second"}};
    std::vector<std::string> parts;
    Seconds rest = seconds;
    for (const Unit& unit : kUnits) {
        if (rest >= unit.seconds && parts.size() < 2) {
            parts.push_back(plural(static_cast<std::size_t>(rest / unit.seconds), unit.name));
            rest %= unit.seconds;
        } else if (!parts.empty()) {
            break;  // two units, or a gap: "1 day 5 seconds" would be too exact to read
        }
    }
    return join(parts, " ");
}

std::string percent_text(double share) {
    if (share <= 0) {
        return "0%";
    }
    if (share >= 1) {
        return "100%";
    }
    const double percent = share * 100;
    if (percent >= 99.95) {
        return "more than 99.9%";  // "100.0%" would say every one
    }
    if (percent < 0.001) {
        return "less than 0.001%";
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, percent >= 1 ? "%.1f%%" : "%.2g%%", percent);
    return buffer;
}

}  // namespace flowsim::io
