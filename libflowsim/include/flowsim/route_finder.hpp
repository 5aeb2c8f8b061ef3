#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "flowsim/completion.hpp"
#include "flowsim/configuration_view.hpp"
#include "flowsim/route.hpp"
#include "flowsim/scenario.hpp"

namespace flowsim {

/// Which routes to look for: between which nodes, with which data, through and around
/// what. Node lists are indices into the scenario; duplicates are ignored.
struct RouteQuery {
    std::vector<NodeIndex> from;
    std::vector<NodeIndex> to;
    std::optional<DataKindIndex> data;          ///< else what each source produces, else all
    std::optional<std::vector<NodeIndex>> via;  ///< keep routes that touch one of these
    std::vector<NodeIndex> avoid;               ///< no route starts at, passes or ends at these
    std::optional<std::size_t> max_hops;
    /// Ignore everything but the graph and what edges carry: every edge active for the
    /// kinds it carries (conversions still apply), whatever its `when`, dates, status and
    /// gates; no policies, no avoided nodes. For explaining why no route exists: a route
    /// that could never carry the data is not a blocked route.
    bool structural = false;
};

/// How an enumeration ended.
struct Enumeration {
    std::size_t routes = 0;  ///< routes handed to the callback
    /// Limited when the callback said stop; cut short by `stop` (checked every thousand
    /// or so steps).
    Completion completion;
};

/// Finds routes (docs/cli.md, `paths`) in the fixed order: fewer hops first, then by node ids,
/// then by edge ids, then by starting data kind, all compared as byte strings.
///
/// Cost follows the answer: a partial route is extended only while its last node can
/// still reach a target, within the hop budget, without revisiting the route's own nodes
/// (checked against the current route, so dead ends behind the route cost nothing).
class RouteFinder {
public:
    using Clock = std::chrono::steady_clock;

    /// `view` and its scenario must outlive the finder.
    RouteFinder(const ConfigurationView& view, RouteQuery query);
    ~RouteFinder();
    RouteFinder(const RouteFinder&) = delete;
    RouteFinder& operator=(const RouteFinder&) = delete;

    /// Calls `on_route` with each route in order until it returns false, `stop` says
    /// so, or none are left. Memory does not grow with the number of routes.
    Enumeration enumerate(const std::function<bool(const Route&)>& on_route,
                          const StopCondition& stop = {});

    /// As enumerate, but only the routes that start at `source` (one of sources()) and,
    /// when given, with starting kind `kind`.
    Enumeration enumerate_from(NodeIndex source,
                               std::optional<DataKindIndex> kind,
                               const std::function<bool(const Route&)>& on_route,
                               const StopCondition& stop = {});

    /// The sources routes may start from, in node-id order: the query's `from` without
    /// repeats, avoided nodes and targets.
    const std::vector<NodeIndex>& sources() const;

    /// The kinds routes from `source` start with: the query's data kind, else what the
    /// source produces, else every kind; in data-kind id order.
    std::vector<DataKindIndex> start_kinds(NodeIndex source) const;

    /// The `k` most likely routes (product of their edges' likelihoods), most likely
    /// first, handed to `on_route` after the search ends; equally likely routes keep the
    /// fixed order. Routes whose likelihood is unknown (an edge without one) come after
    /// every route whose likelihood is known, in the fixed order. Routes are ranked by
    /// likelihood_cost summed over their edges in route order. Partial routes that cannot beat the
    /// k-th best so far are dropped, so the cost follows k, not the number of routes; memory holds
    /// k routes. When `stop` cuts the search short, the result is incomplete and the routes are
    /// only the best found.
    Enumeration most_likely(std::size_t k,
                            const std::function<bool(const Route&)>& on_route,
                            const StopCondition& stop = {});

    /// False only when no route can exist: reachability over (node, data kind) states,
    /// without enumerating. True may still mean no route (a route may need to revisit a
    /// node after a conversion); enumerate to be sure.
    bool maybe_reachable() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace flowsim
