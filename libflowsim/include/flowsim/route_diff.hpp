#pragma once

#include <cstddef>
#include <vector>

#include "flowsim/configuration_view.hpp"
#include "flowsim/route.hpp"
#include "flowsim/route_finder.hpp"
#include "flowsim/scenario.hpp"

namespace flowsim {

/// What changes between two settings for the same question (SPEC section 4, `diff`).
struct RouteDiff {
    std::vector<Route> opened;  ///< routes under `second` only, in the fixed order
    std::vector<Route> closed;  ///< routes under `first` only, in the fixed order
    /// Edges whose activity differs: the kinds they pass on, or the kinds some origin's
    /// policies let through. Ascending by edge id.
    std::vector<EdgeIndex> changed_edges;
    std::size_t first_routes = 0;   ///< routes under `first` (at most the limit)
    std::size_t second_routes = 0;  ///< routes under `second` (at most the limit)
    /// Limited when a side had more routes than the limit; cut short by `stop`.
    Completion completion;

    bool same() const { return opened.empty() && closed.empty() && changed_edges.empty(); }
};

/// Compares the routes `query` finds under `first` and under `second`, two views of the
/// same scenario. Routes are the same when they start with the same kind and take the
/// same edges (their stable ids agree). Holds up to `limit` routes a side.
RouteDiff diff_routes(const ConfigurationView& first,
                      const ConfigurationView& second,
                      const RouteQuery& query,
                      std::size_t limit,
                      const StopCondition& stop = {});

}  // namespace flowsim
