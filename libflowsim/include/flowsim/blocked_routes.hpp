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

/// Why no route exists (docs/cli.md, `query`): for each source and starting data kind of the
/// query, in that order (sources by id, kinds by id), its nearest blocked routes: the
/// fewest-hop routes that exist in the graph and could carry that kind (every edge
/// carries the kind that reaches it, after conversions), whatever the configuration,
/// dates, evidence floor, gates, policies and avoided nodes; each with every reason it is
/// blocked (a policy with the sources asked about that it applies to). Each source and
/// kind gets at most max(1, limit / pairs) routes, where pairs is the number of source and
/// kind pairs, and there are at most `limit` routes in all. A source and kind that no
/// route could ever carry adds none.
std::vector<BlockedRoute> blocked_routes(const ConfigurationView& view,
                                         const RouteQuery& query,
                                         std::size_t limit);

}  // namespace flowsim
