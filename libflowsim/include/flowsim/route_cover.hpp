#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "flowsim/configuration_view.hpp"
#include "flowsim/evidence.hpp"
#include "flowsim/route_finder.hpp"
#include "flowsim/scenario.hpp"

namespace flowsim {

/// The nodes and edges that lie on at least one route: what a diagram highlights, and
/// what graph exports mark (how many routes pass each, and how well the best of them is
/// supported).
struct RouteCover {
    std::vector<bool> nodes;               ///< per node
    std::vector<bool> edges;               ///< per edge
    std::vector<std::size_t> node_routes;  ///< per node: the routes seen through it
    std::vector<std::size_t> edge_routes;  ///< per edge: the routes seen through it
    /// Per node and per edge on a route: the best evidence among the routes through it
    /// (each route's evidence is its weakest edge's status); hypothetical elsewhere.
    std::vector<Evidence> node_evidence;
    std::vector<Evidence> edge_evidence;
    std::size_t routes = 0;  ///< routes seen
    Completion completion;   ///< how the enumeration ended (cut short by `stop`, say)
};

/// Marks every node and edge on a route of `query` under `view`, by enumerating the routes
/// with RouteFinder (so "on a route" means exactly what `paths` lists). Costs what
/// enumerating them costs; `stop` bounds it, and the cover is then partial.
RouteCover cover_routes(const ConfigurationView& view,
                        const RouteQuery& query,
                        const StopCondition& stop = {});

/// As above, handing each route to `on_route` as well, in the fixed order, so that one
/// search serves a diagram and a listing; when `on_route` returns false the search stops
/// and the cover is partial (limited).
RouteCover cover_routes(const ConfigurationView& view,
                        const RouteQuery& query,
                        const StopCondition& stop,
                        const std::function<bool(const Route&)>& on_route);

}  // namespace flowsim
