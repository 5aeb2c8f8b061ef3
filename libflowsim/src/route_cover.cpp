#include "flowsim/route_cover.hpp"

#include <algorithm>

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
    cover.node_routes.assign(scenario.nodes().size(), 0);
    cover.edge_routes.assign(scenario.edges().size(), 0);
    cover.node_evidence.assign(scenario.nodes().size(), Evidence::kHypothetical);
    cover.edge_evidence.assign(scenario.edges().size(), Evidence::kHypothetical);
    RouteFinder finder(view, query);
    // A "no" needs no enumeration.
    if (!finder.maybe_reachable()) {
        return cover;
    }
    const Enumeration enumeration = finder.enumerate(
        [&](const Route& route) {
            // The route's evidence: its weakest edge's status (a later status is weaker).
            Evidence evidence = Evidence::kDocumented;
            for (const EdgeIndex edge : route.edges) {
                evidence = std::max(evidence, scenario.edges()[edge].status);
            }
            for (const NodeIndex node : route.nodes) {
                cover.nodes[node] = true;
                ++cover.node_routes[node];
                cover.node_evidence[node] = std::min(cover.node_evidence[node], evidence);
            }
            for (const EdgeIndex edge : route.edges) {
                cover.edges[edge] = true;
                ++cover.edge_routes[edge];
                cover.edge_evidence[edge] = std::min(cover.edge_evidence[edge], evidence);
            }
            return on_route(route);
        },
        stop);
    cover.routes = enumeration.routes;
    cover.completion = enumeration.completion;
    return cover;
}

}  // namespace flowsim
