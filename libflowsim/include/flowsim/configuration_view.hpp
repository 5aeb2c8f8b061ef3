#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "flowsim/date.hpp"
#include "flowsim/evidence.hpp"
#include "flowsim/ids.hpp"
#include "flowsim/scenario.hpp"

namespace flowsim {

/// Data kinds as a bit set; a scenario has at most kMaxDataKinds kinds.
using KindMask = std::uint64_t;
inline constexpr std::size_t kMaxDataKinds = 64;

/// What decides which edges are active, apart from the route itself: the configuration
/// (defaults, then a named configuration, then single settings), the date, the evidence
/// floor and the excluded gates. docs/scenario-format.md, sections 11 to 16.
struct ActivitySettings {
    std::optional<ConfigurationIndex> configuration;
    std::vector<std::pair<ParameterIndex, bool>> settings;  ///< applied in order, last wins
    std::optional<Date> as_of;  ///< nullopt: the scenario's as_of; with neither, no date check
    Evidence min_evidence = Evidence::kHypothetical;
    std::vector<GateIndex> without;
    /// Edges taken out entirely, as `cut` does when it ends an agreement: inactive for
    /// every kind, whatever their `when`.
    std::vector<EdgeIndex> ended;
};

/// Why an edge is not active for a data kind on a route from an origin.
struct Blocker {
    enum class Reason { kParameter, kPolicy, kDate, kEvidence, kGate, kData, kAvoid, kEnded };
    Blocker() = default;
    Blocker(Reason why, std::string what, std::optional<std::uint32_t> by = std::nullopt)
        : reason(why), detail(std::move(what)), policy(by) {}
    Reason reason = Reason::kParameter;
    std::string detail;  ///< e.g. "national_lookup is false", a policy id, a gate id
    std::optional<std::uint32_t> policy;  ///< the policy, for kPolicy
    /// For kPolicy, from blocked_routes: the sources asked about that the policy applies
    /// to (origins_of_policy), for which it blocks the hop; empty: not worked out.
    std::vector<NodeIndex> origins;
};

/// "parameter", "policy", "date", "evidence", "gate", "data", "avoid", "ended".
std::string_view blocker_reason_name(Blocker::Reason reason);

/// A configuration applied to a scenario: which edges are active for which data kind
/// from which origin. Computed once per query, O(edges × policies); the scenario is not
/// copied and must outlive the view.
class ConfigurationView {
public:
    ConfigurationView(const Scenario& scenario, const ActivitySettings& settings);

    const Scenario& scenario() const { return *scenario_; }
    const std::vector<bool>& parameter_values() const { return parameter_values_; }
    /// The date edges are checked against, if any.
    const std::optional<Date>& date() const { return date_; }

    /// The kinds edge `edge` passes on for every origin, before policies.
    KindMask unconditional_kinds(EdgeIndex edge) const { return edge_kinds_[edge]; }

    /// The kinds edge `edge` passes on for a route whose source is `origin`.
    KindMask active_kinds(EdgeIndex edge, NodeIndex origin) const;

    /// Every active policy whose origin matcher matches `origin`, ascending. Sources with
    /// the same list see the same active edges.
    std::vector<std::uint32_t> policies_for_origin(NodeIndex origin) const;

    /// The kinds that the policies `policies` (from policies_for_origin) deny on `edge`.
    KindMask denied_kinds(EdgeIndex edge, const std::vector<std::uint32_t>& policies) const;

    /// Every reason edge `edge` is not active for `kind` from `origin`; empty when it is.
    std::vector<Blocker> blockers(EdgeIndex edge, DataKindIndex kind, NodeIndex origin) const;

    /// Widens this view to pass whatever `other`, a view of the same scenario, passes: an
    /// edge passes the kinds either view passes, and a policy stays active only when it
    /// is active in both. The routes under the widened view include those under each, so
    /// one enumeration serves many settings (explore_states). Only what routes are found
    /// from changes: the parameter values, date and blockers stay this view's.
    void widen(const ConfigurationView& other);

    /// This view with `edges` ended as well, as if ActivitySettings::ended had named them:
    /// a copy, without evaluating every edge again (`cut` asks one per set of levers).
    ConfigurationView with_ended(const std::vector<EdgeIndex>& edges) const;

private:
    const Scenario* scenario_;
    std::vector<bool> parameter_values_;
    std::optional<Date> date_;
    Evidence min_evidence_;
    std::vector<bool> gate_excluded_;
    std::vector<bool> edge_ended_;
    std::vector<KindMask> edge_kinds_;            // per edge: carried kinds if otherwise active
    std::vector<std::uint32_t> active_policies_;  // when holds and in force
};

/// Per edge: true when it is active for some data kind on a route from some origin under
/// `view` (its `when`, dates, evidence floor and gates allow it, and not every origin has a
/// policy that denies it every kind it carries). O(nodes × policies + edges × policies ×
/// the number of distinct origin policy lists).
std::vector<bool> active_edges(const ConfigurationView& view);

/// Per edge: the policies (by id) that block it for every origin in `origins`: the edge
/// passes some kind under `view` apart from policies, yet from each origin the active
/// policies deny it every kind it passes; listed are the policies that deny it some kind
/// from some origin. Empty for an edge some origin can use, for an edge inactive for
/// another reason, and when `origins` is empty. Origins with the same active policies are
/// tried once.
std::vector<std::vector<std::uint32_t>> edges_blocked_by_policies(
    const ConfigurationView& view, const std::vector<NodeIndex>& origins);

/// An edge that policies block for some of the origins asked about and not for the others
/// (docs/cli.md: a diagram draws it as usual, and the report says for which sources it
/// is blocked).
struct PartlyBlockedEdge {
    EdgeIndex edge = 0;
    /// The policies that deny it some kind from the origins it is blocked for, by id.
    std::vector<std::uint32_t> policies;
    /// The origins it is blocked for (as edges_blocked_by_policies decides), in the order
    /// of `origins`; never all of them.
    std::vector<NodeIndex> origins;
};

/// Every edge on the way from `origins` to `targets` that policies block, as
/// edges_blocked_by_policies decides, for some of `origins` but not for all of them, in
/// edge order. On the way: in the graph (whatever the configuration and data kinds), its
/// tail can be reached from one of the origins it is blocked for and a target from its
/// head, so an edge that data from those origins could never pass is left out.
/// O((edges + nodes) × the number of distinct origin policy lists).
std::vector<PartlyBlockedEdge> edges_partly_blocked_by_policies(
    const ConfigurationView& view,
    const std::vector<NodeIndex>& origins,
    const std::vector<NodeIndex>& targets);

/// The origins of `origins` that policy `policy` applies to under `view` (it is active
/// and its origin matcher matches them), in the order given: those for which it blocks
/// what it denies.
std::vector<NodeIndex> origins_of_policy(const ConfigurationView& view,
                                         std::uint32_t policy,
                                         const std::vector<NodeIndex>& origins);

/// The mask with only `kind` set.
inline KindMask kind_bit(DataKindIndex kind) {
    return KindMask{1} << kind;
}

}  // namespace flowsim
