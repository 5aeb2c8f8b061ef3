#include "flowsim/route_cover.hpp"

namespace flowsim {

RouteCover cover_routes(const ConfigurationView& view,
                        const RouteQuery& query,
                        const StopCondition& stop) {
    return cover_routes(view, query, stop, [](const Route&) { return true; });
}

RouteCover cover_routes(const ConfigurationView& view,
                        const RouteQuery& query,
                        const StopCondition& stop,
                        const std::function<bool(const Route&)>& on_route) {
    const Scenario& scenario = view.scenario();
    RouteCover cover;
    cover.nodes.assign(scenario.nodes().size(), false);
    cover.edges.assign(scenario.edges().size(), false);
    RouteFinder finder(view, query);
    // A "no" needs no enumeration.
    if (!finder.maybe_reachable()) {
        return cover;
    }
    const Enumeration enumeration = finder.enumerate(
        [&](const Route& route) {
            for (const NodeIndex node : route.nodes) {
                cover.nodes[node] = true;
            }
            for (const EdgeIndex edge : route.edges) {
                cover.edges[edge] = true;
            }
            return on_route(route);
        },
        stop);
    cover.routes = enumeration.routes;
    cover.completion = enumeration.completion;
    return cover;
}

}  // namespace flowsim
