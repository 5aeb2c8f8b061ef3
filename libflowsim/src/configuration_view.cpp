#include "flowsim/configuration_view.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <set>

namespace flowsim {
namespace {

KindMask mask_of(const std::vector<DataKindIndex>& kinds) {
    KindMask mask = 0;
    for (const DataKindIndex kind : kinds) {
        mask |= kind_bit(kind);
    }
    return mask;
}

// Why a `when` is false, in words: "national_lookup is false" for a lone parameter,
// else the expression with the value of every parameter it names.
std::string explain_false(const Scenario& scenario,
                          const Expression& when,
                          const std::vector<bool>& values) {
    const auto& terms = when.terms();
    const Expression::Term& root = terms[when.root()];
    const auto value_of = [&](std::uint32_t parameter) {
        return values[parameter] ? std::string("true") : std::string("false");
    };
    if (root.op == Expression::Op::kParameter) {
        return root.name + " is " + value_of(root.parameter);
    }
    if (root.op == Expression::Op::kNot && terms[root.left].op == Expression::Op::kParameter) {
        return terms[root.left].name + " is " + value_of(terms[root.left].parameter);
    }
    if (root.op == Expression::Op::kConstant) {
        return "the condition is 'false'";
    }
    std::string detail = "'" + when.to_string() + "' is false:";
    const char* separator = " ";
    for (const std::uint32_t parameter : when.parameters()) {
        detail += separator + scenario.parameters()[parameter].id + " is " + value_of(parameter);
        separator = ", ";
    }
    return detail;
}

std::string describe_window(const DateWindow& window, const Date& date) {
    std::string detail = "not in force on " + date.to_string() + " (";
    if (window.since) {
        detail += "from " + window.since->to_string();
    }
    if (window.until) {
        detail += std::string(window.since ? " " : "") + "until " + window.until->to_string();
    }
    return detail + ")";
}

}  // namespace

std::string_view blocker_reason_name(Blocker::Reason reason) {
    static constexpr std::array<std::string_view, 8> kNames = {
        "parameter", "policy", "date", "evidence", "gate", "data", "avoid", "ended"};
    return kNames.at(static_cast<std::size_t>(reason));
}

ConfigurationView::ConfigurationView(const Scenario& scenario, const ActivitySettings& settings)
    : scenario_(&scenario),
      date_(settings.as_of ? settings.as_of : scenario.as_of()),
      min_evidence_(settings.min_evidence),
      gate_excluded_(scenario.gates().size(), false),
      edge_ended_(scenario.edges().size(), false) {
    for (const Parameter& parameter : scenario.parameters()) {
        parameter_values_.push_back(parameter.default_value);
    }
    if (settings.configuration) {
        for (const auto& [parameter, value] :
             scenario.configurations().at(*settings.configuration).values) {
            parameter_values_[parameter] = value;
        }
    }
    for (const auto& [parameter, value] : settings.settings) {
        parameter_values_.at(parameter) = value;
    }
    for (const GateIndex gate : settings.without) {
        gate_excluded_.at(gate) = true;
    }
    for (const EdgeIndex edge : settings.ended) {
        edge_ended_.at(edge) = true;
    }
    edge_kinds_.reserve(scenario.edges().size());
    for (EdgeIndex index = 0; index < scenario.edges().size(); ++index) {
        const Edge& edge = scenario.edges()[index];
        bool active = !edge_ended_[index] && edge.when.evaluate(parameter_values_) &&
                      edge.in_force.contains(date_) && at_least(edge.status, min_evidence_);
        for (const GateIndex gate : edge.gates) {
            active = active && !gate_excluded_[gate];
        }
        edge_kinds_.push_back(active ? mask_of(edge.carries) : 0);
    }
    for (std::uint32_t i = 0; i < scenario.policies().size(); ++i) {
        const Policy& policy = scenario.policies()[i];
        if (policy.when.evaluate(parameter_values_) && policy.in_force.contains(date_)) {
            active_policies_.push_back(i);
        }
    }
}

ConfigurationView ConfigurationView::with_ended(const std::vector<EdgeIndex>& edges) const {
    ConfigurationView view = *this;
    for (const EdgeIndex edge : edges) {
        view.edge_ended_.at(edge) = true;
        view.edge_kinds_[edge] = 0;
    }
    return view;
}

std::vector<std::uint32_t> ConfigurationView::policies_for_origin(NodeIndex origin) const {
    std::vector<std::uint32_t> result;
    const Node& node = scenario_->nodes()[origin];
    for (const std::uint32_t index : active_policies_) {
        const auto& matcher = scenario_->policies()[index].deny.origin;
        if (!matcher || matcher->matches(node, origin)) {
            result.push_back(index);
        }
    }
    return result;
}

KindMask ConfigurationView::denied_kinds(EdgeIndex edge,
                                         const std::vector<std::uint32_t>& policies) const {
    if (policies.empty()) {
        return 0;  // the common case, without touching the edge and node records
    }
    const Edge& e = scenario_->edges()[edge];
    const Node& tail = scenario_->nodes()[e.from];
    const Node& head = scenario_->nodes()[e.to];
    KindMask denied = 0;
    for (const std::uint32_t index : policies) {
        const DenyRule& deny = scenario_->policies()[index].deny;
        if ((!deny.from || deny.from->matches(tail, e.from)) &&
            (!deny.to || deny.to->matches(head, e.to))) {
            denied |= deny.carries.empty() ? ~KindMask{0} : mask_of(deny.carries);
        }
    }
    return denied;
}

KindMask ConfigurationView::active_kinds(EdgeIndex edge, NodeIndex origin) const {
    return edge_kinds_[edge] & ~denied_kinds(edge, policies_for_origin(origin));
}

std::vector<Blocker> ConfigurationView::blockers(EdgeIndex edge,
                                                 DataKindIndex kind,
                                                 NodeIndex origin) const {
    const Edge& e = scenario_->edges()[edge];
    std::vector<Blocker> result;
    if (edge_ended_[edge]) {
        result.push_back({Blocker::Reason::kEnded, "ended"});
    }
    if (!e.when.evaluate(parameter_values_)) {
        result.push_back(
            {Blocker::Reason::kParameter, explain_false(*scenario_, e.when, parameter_values_)});
    }
    if (!e.in_force.contains(date_)) {
        result.push_back({Blocker::Reason::kDate, describe_window(e.in_force, *date_)});
    }
    if (!at_least(e.status, min_evidence_)) {
        result.push_back({Blocker::Reason::kEvidence,
                          std::string(evidence_name(e.status)) + " is below the evidence floor " +
                              std::string(evidence_name(min_evidence_))});
    }
    for (const GateIndex gate : e.gates) {
        if (gate_excluded_[gate]) {
            result.push_back({Blocker::Reason::kGate, scenario_->gates()[gate].id});
        }
    }
    if (!e.carries_kind(kind)) {
        result.push_back(
            {Blocker::Reason::kData, "does not carry " + scenario_->data_kinds()[kind].id});
    }
    for (const std::uint32_t index : policies_for_origin(origin)) {
        if (denied_kinds(edge, {index}) & kind_bit(kind)) {
            result.push_back({Blocker::Reason::kPolicy, scenario_->policies()[index].id, index});
        }
    }
    return result;
}

void ConfigurationView::widen(const ConfigurationView& other) {
    for (std::size_t edge = 0; edge < edge_kinds_.size(); ++edge) {
        edge_kinds_[edge] |= other.edge_kinds_.at(edge);
    }
    std::vector<std::uint32_t> both;
    std::set_intersection(active_policies_.begin(), active_policies_.end(),
                          other.active_policies_.begin(), other.active_policies_.end(),
                          std::back_inserter(both));
    active_policies_ = std::move(both);
}

std::vector<bool> active_edges(const ConfigurationView& view) {
    const Scenario& scenario = view.scenario();
    // Origins with the same active policies see the same edges, so each distinct list of
    // policies is tried once rather than each origin.
    std::set<std::vector<std::uint32_t>> origin_policies;
    for (NodeIndex node = 0; node < scenario.nodes().size(); ++node) {
        origin_policies.insert(view.policies_for_origin(node));
    }
    std::vector<bool> active(scenario.edges().size(), false);
    for (EdgeIndex edge = 0; edge < scenario.edges().size(); ++edge) {
        const KindMask kinds = view.unconditional_kinds(edge);
        for (const auto& policies : origin_policies) {
            if (kinds != 0 && (kinds & ~view.denied_kinds(edge, policies)) != 0) {
                active[edge] = true;
                break;
            }
        }
    }
    return active;
}

namespace {

// Origins grouped by the active policies that apply to them (origins with the same list
// see the same edges): each distinct list once, in the order first met, and the group of
// each origin by its position.
struct OriginGroups {
    std::vector<std::vector<std::uint32_t>> policies;
    std::vector<std::size_t> group_of;
};

OriginGroups group_origins(const ConfigurationView& view, const std::vector<NodeIndex>& origins) {
    OriginGroups groups;
    std::map<std::vector<std::uint32_t>, std::size_t> index;
    for (const NodeIndex origin : origins) {
        std::vector<std::uint32_t> policies = view.policies_for_origin(origin);
        const auto [entry, inserted] = index.emplace(policies, groups.policies.size());
        if (inserted) {
            groups.policies.push_back(std::move(policies));
        }
        groups.group_of.push_back(entry->second);
    }
    return groups;
}

// Calls `blocked(edge, groups_blocked, policies)` for every edge that passes some kind
// under `view` apart from policies and that the policies of some group deny every kind
// it passes: `groups_blocked` flags the groups it is blocked for, `policies` (sorted by
// id) are those that deny it some kind from those groups.
template <typename Visit>
void visit_blocked_edges(const ConfigurationView& view,
                         const std::vector<std::vector<std::uint32_t>>& groups,
                         Visit&& blocked) {
    const Scenario& scenario = view.scenario();
    const bool any_policy =
        std::any_of(groups.begin(), groups.end(),
                    [](const std::vector<std::uint32_t>& policies) { return !policies.empty(); });
    if (!any_policy) {
        return;
    }
    std::vector<bool> groups_blocked(groups.size());
    for (EdgeIndex edge = 0; edge < scenario.edges().size(); ++edge) {
        const KindMask kinds = view.unconditional_kinds(edge);
        if (kinds == 0) {
            continue;
        }
        bool some = false;
        std::set<std::uint32_t> denying;
        for (std::size_t g = 0; g < groups.size(); ++g) {
            const std::vector<std::uint32_t>& policies = groups[g];
            groups_blocked[g] = (kinds & ~view.denied_kinds(edge, policies)) == 0;
            if (!groups_blocked[g]) {
                continue;
            }
            some = true;
            for (const std::uint32_t policy : policies) {
                if ((view.denied_kinds(edge, {policy}) & kinds) != 0) {
                    denying.insert(policy);
                }
            }
        }
        if (some) {
            std::vector<std::uint32_t> sorted(denying.begin(), denying.end());
            std::sort(sorted.begin(), sorted.end(), [&](std::uint32_t a, std::uint32_t b) {
                return scenario.policies()[a].id < scenario.policies()[b].id;
            });
            blocked(edge, groups_blocked, sorted);
        }
    }
}

// The nodes that can be reached from `starts` in the graph, along edges (`forward`) or
// against them, whatever the configuration.
std::vector<bool> reached_from(const Scenario& scenario,
                               const std::vector<NodeIndex>& starts,
                               bool forward) {
    const std::vector<Edge>& edges = scenario.edges();
    std::vector<std::size_t> first(scenario.nodes().size() + 1, 0);
    for (const Edge& edge : edges) {
        ++first[(forward ? edge.from : edge.to) + 1];
    }
    for (std::size_t node = 0; node < scenario.nodes().size(); ++node) {
        first[node + 1] += first[node];
    }
    std::vector<NodeIndex> next_nodes(edges.size());
    std::vector<std::size_t> fill(first.begin(), first.end() - 1);
    for (const Edge& edge : edges) {
        next_nodes[fill[forward ? edge.from : edge.to]++] = forward ? edge.to : edge.from;
    }
    std::vector<bool> reached(scenario.nodes().size(), false);
    std::vector<NodeIndex> stack;
    for (const NodeIndex start : starts) {
        if (!reached[start]) {
            reached[start] = true;
            stack.push_back(start);
        }
    }
    while (!stack.empty()) {
        const NodeIndex node = stack.back();
        stack.pop_back();
        for (std::size_t i = first[node]; i < first[node + 1]; ++i) {
            if (!reached[next_nodes[i]]) {
                reached[next_nodes[i]] = true;
                stack.push_back(next_nodes[i]);
            }
        }
    }
    return reached;
}

}  // namespace

std::vector<std::vector<std::uint32_t>> edges_blocked_by_policies(
    const ConfigurationView& view, const std::vector<NodeIndex>& origins) {
    std::vector<std::vector<std::uint32_t>> result(view.scenario().edges().size());
    visit_blocked_edges(view, group_origins(view, origins).policies,
                        [&](EdgeIndex edge, const std::vector<bool>& groups_blocked,
                            const std::vector<std::uint32_t>& policies) {
                            if (std::all_of(groups_blocked.begin(), groups_blocked.end(),
                                            [](bool b) { return b; })) {
                                result[edge] = policies;
                            }
                        });
    return result;
}

std::vector<PartlyBlockedEdge> edges_partly_blocked_by_policies(
    const ConfigurationView& view,
    const std::vector<NodeIndex>& origins,
    const std::vector<NodeIndex>& targets) {
    const Scenario& scenario = view.scenario();
    std::vector<PartlyBlockedEdge> result;
    const OriginGroups groups = group_origins(view, origins);
    const std::vector<bool> leads_to_target = reached_from(scenario, targets, false);
    std::vector<std::vector<bool>> reached_by_group(groups.policies.size());
    for (std::size_t g = 0; g < groups.policies.size(); ++g) {
        if (groups.policies[g].empty()) {
            continue;  // no policy applies: nothing is blocked for these origins
        }
        std::vector<NodeIndex> members;
        for (std::size_t i = 0; i < origins.size(); ++i) {
            if (groups.group_of[i] == g) {
                members.push_back(origins[i]);
            }
        }
        reached_by_group[g] = reached_from(scenario, members, true);
    }
    visit_blocked_edges(view, groups.policies,
                        [&](EdgeIndex edge, const std::vector<bool>& groups_blocked,
                            const std::vector<std::uint32_t>& policies) {
                            if (std::all_of(groups_blocked.begin(), groups_blocked.end(),
                                            [](bool b) { return b; })) {
                                return;  // blocked for every origin: drawn as such
                            }
                            const Edge& e = scenario.edges()[edge];
                            if (!leads_to_target[e.to]) {
                                return;
                            }
                            PartlyBlockedEdge partly{edge, policies, {}};
                            bool on_the_way = false;
                            for (std::size_t i = 0; i < origins.size(); ++i) {
                                const std::size_t g = groups.group_of[i];
                                if (groups_blocked[g]) {
                                    partly.origins.push_back(origins[i]);
                                    on_the_way = on_the_way || reached_by_group[g][e.from];
                                }
                            }
                            if (on_the_way) {
                                result.push_back(std::move(partly));
                            }
                        });
    return result;
}

std::vector<NodeIndex> origins_of_policy(const ConfigurationView& view,
                                         std::uint32_t policy,
                                         const std::vector<NodeIndex>& origins) {
    std::vector<NodeIndex> result;
    for (const NodeIndex origin : origins) {
        const std::vector<std::uint32_t> policies = view.policies_for_origin(origin);
        if (std::find(policies.begin(), policies.end(), policy) != policies.end()) {
            result.push_back(origin);
        }
    }
    return result;
}

}  // namespace flowsim
