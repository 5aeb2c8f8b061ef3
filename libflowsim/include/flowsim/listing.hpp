#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "flowsim/node.hpp"
#include "flowsim/scenario.hpp"

namespace flowsim {

/// One of the lists a scenario holds, as `flowsim show` names them.
enum class ScenarioList {
    kNodes,
    kEdges,
    kParameters,
    kGates,
    kPolicies,
    kConfigurations,
    kQuestions,
    kSources,
};

/// "nodes", "edges", "parameters", "gates", "policies", "configurations", "questions",
/// "sources", in that order (the order of ScenarioList).
const std::vector<std::string_view>& scenario_list_names();
std::string_view scenario_list_name(ScenarioList list);
/// The inverse of scenario_list_name; nullopt for anything else.
std::optional<ScenarioList> parse_scenario_list(std::string_view name);

/// Which nodes to list, and which edges (those with an end node that matches): every
/// condition given must hold. Absent conditions match every node.
struct ListFilter {
    std::optional<std::string> tag;
    std::optional<NodeKind> kind;
    std::optional<std::string> state;  ///< two-letter code, any case

    bool empty() const { return !tag && !kind && !state; }
    bool matches(const Node& node) const;
};

/// One entry of a list: its id, its label (a node's or parameter's label, an edge's
/// mechanism, a question's description, a source's title; empty when it has none), and
/// what else tells it apart, as (name, text) pairs in a fixed order for its list, each only
/// when it has a value: a node's kind, state and tags; an edge's from, to and status; a
/// parameter's default and lever; a configuration's values; a question's expectation; a
/// source's publisher, date and kind.
struct ListedItem {
    std::string id;
    std::string label;
    std::vector<std::pair<std::string, std::string>> details;
};

/// The entries of `list` in the order the scenario declares them; `filter` selects nodes
/// and edges (it must be empty for the other lists).
std::vector<ListedItem> list_items(const Scenario& scenario,
                                   ScenarioList list,
                                   const ListFilter& filter = {});

}  // namespace flowsim
