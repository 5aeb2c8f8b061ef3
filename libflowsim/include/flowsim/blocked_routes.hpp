#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "flowsim/configuration_view.hpp"
#include "flowsim/route_finder.hpp"

namespace flowsim {

/// A route that exists in the graph but not under the configuration, with every reason
/// each of its edges is inactive.
struct BlockedRoute {
    Route route;  ///< `data` is the starting kind the blockers were worked out for
    std::vector<std::pair<EdgeIndex, Blocker>> blockers;  ///< in route order
};

/// Why no route exists: the shortest structural routes (ignoring everything but the
/// graph; docs/cli.md, `query`), at most `limit` of them, in the fixed order, each with what
/// blocks it. For a route that several starting kinds could take, the kind with the
/// fewest blockers is shown.
std::vector<BlockedRoute> blocked_routes(const ConfigurationView& view,
                                         const RouteQuery& query,
                                         std::size_t limit);

}  // namespace flowsim
