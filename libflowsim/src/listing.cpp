#include "flowsim/listing.hpp"

#include <algorithm>
#include <cctype>

#include "flowsim/evidence.hpp"
#include "flowsim/source_kind.hpp"

namespace flowsim {
namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string text;
    for (const std::string& item : items) {
        text += (text.empty() ? "" : ", ") + item;
    }
    return text;
}

std::string upper(std::string text) {
    for (char& c : text) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return text;
}

std::string truth(bool value) {
    return value ? "true" : "false";
}

}  // namespace

const std::vector<std::string_view>& scenario_list_names() {
    static const std::vector<std::string_view> names = {"nodes",     "edges",    "parameters",
                                                        "gates",     "policies", "configurations",
                                                        "questions", "sources"};
    return names;
}

std::string_view scenario_list_name(ScenarioList list) {
    return scenario_list_names()[static_cast<std::size_t>(list)];
}

std::optional<ScenarioList> parse_scenario_list(std::string_view name) {
    const auto& names = scenario_list_names();
    const auto found = std::find(names.begin(), names.end(), name);
    if (found == names.end()) {
        return std::nullopt;
    }
    return static_cast<ScenarioList>(found - names.begin());
}

bool ListFilter::matches(const Node& node) const {
    return (!tag || node.has_tag(*tag)) && (!kind || node.kind == *kind) &&
           (!state ||
            (node.jurisdiction.state && upper(*node.jurisdiction.state) == upper(*state)));
}

std::vector<ListedItem> list_items(const Scenario& scenario,
                                   ScenarioList list,
                                   const ListFilter& filter) {
    std::vector<ListedItem> items;
    const auto& nodes = scenario.nodes();
    switch (list) {
        case ScenarioList::kNodes:
            for (const Node& node : nodes) {
                if (!filter.matches(node)) {
                    continue;
                }
                ListedItem item{
                    node.id, node.label, {{"kind", std::string(node_kind_name(node.kind))}}};
                if (node.jurisdiction.state) {
                    item.details.emplace_back("state", *node.jurisdiction.state);
                }
                if (!node.tags.empty()) {
                    item.details.emplace_back("tags", joined(node.tags));
                }
                items.push_back(std::move(item));
            }
            break;
        case ScenarioList::kEdges:
            for (const Edge& edge : scenario.edges()) {
                if (!filter.empty() && !filter.matches(nodes[edge.from]) &&
                    !filter.matches(nodes[edge.to])) {
                    continue;
                }
                items.push_back({edge.id,
                                 edge.mechanism,
                                 {{"from", nodes[edge.from].id},
                                  {"to", nodes[edge.to].id},
                                  {"status", std::string(evidence_name(edge.status))}}});
            }
            break;
        case ScenarioList::kParameters:
            for (const Parameter& parameter : scenario.parameters()) {
                ListedItem item{
                    parameter.id, parameter.label, {{"default", truth(parameter.default_value)}}};
                if (!parameter.lever.empty()) {
                    item.details.emplace_back("lever", parameter.lever);
                }
                items.push_back(std::move(item));
            }
            break;
        case ScenarioList::kGates:
            for (const Gate& gate : scenario.gates()) {
                items.push_back({gate.id, gate.label, {}});
            }
            break;
        case ScenarioList::kPolicies:
            for (const Policy& policy : scenario.policies()) {
                items.push_back({policy.id, policy.label, {}});
            }
            break;
        case ScenarioList::kConfigurations:
            for (const Configuration& configuration : scenario.configurations()) {
                std::vector<std::string> values;
                for (const auto& [parameter, value] : configuration.values) {
                    values.push_back(scenario.parameters()[parameter].id + "=" + truth(value));
                }
                items.push_back({configuration.id, "", {{"values", joined(values)}}});
            }
            break;
        case ScenarioList::kQuestions:
            for (const Question& question : scenario.questions()) {
                items.push_back(
                    {question.id,
                     question.description,
                     {{"expect", question.expect_reachable ? "reachable" : "unreachable"}}});
            }
            break;
        case ScenarioList::kSources:
            for (const Source& source : scenario.sources()) {
                ListedItem item{source.id, source.title, {}};
                if (!source.publisher.empty()) {
                    item.details.emplace_back("publisher", source.publisher);
                }
                if (source.date) {
                    item.details.emplace_back("date", source.date->to_string());
                }
                if (source.kind) {
                    item.details.emplace_back("kind", std::string(source_kind_name(*source.kind)));
                }
                items.push_back(std::move(item));
            }
            break;
    }
    return items;
}

}  // namespace flowsim
