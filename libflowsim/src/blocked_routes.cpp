#include "flowsim/blocked_routes.hpp"

#include <algorithm>

namespace flowsim {
namespace {

std::vector<std::pair<EdgeIndex, Blocker>> blockers_along(const ConfigurationView& view,
                                                          const RouteQuery& query,
                                                          const Route& route) {
    const Scenario& scenario = view.scenario();
    const auto avoided = [&](NodeIndex node) {
        return std::find(query.avoid.begin(), query.avoid.end(), node) != query.avoid.end();
    };
    std::vector<std::pair<EdgeIndex, Blocker>> result;
    DataKindIndex kind = route.data;
    for (const EdgeIndex index : route.edges) {
        const Edge& edge = scenario.edges()[index];
        for (Blocker& blocker : view.blockers(index, kind, route.source)) {
            result.emplace_back(index, std::move(blocker));
        }
        for (const NodeIndex node : {edge.from, edge.to}) {
            if (avoided(node) && (node == edge.to || index == route.edges.front())) {
                result.emplace_back(index,
                                    Blocker{Blocker::Reason::kAvoid, scenario.nodes()[node].id});
            }
        }
        // Data the edge does not carry cannot change kind on it.
        if (edge.carries_kind(kind)) {
            kind = edge.converted(kind);
        }
    }
    return result;
}

}  // namespace

std::vector<BlockedRoute> blocked_routes(const ConfigurationView& view,
                                         const RouteQuery& query,
                                         std::size_t limit) {
    RouteQuery structural = query;
    structural.structural = true;
    RouteFinder finder(view, structural);
    std::vector<BlockedRoute> result;
    std::size_t hops = 0;
    finder.enumerate([&](const Route& route) {
        // The shortest structural routes only: stop at the first longer one.
        if (!result.empty() && route.hops() > hops) {
            return false;
        }
        hops = route.hops();
        BlockedRoute candidate{route, blockers_along(view, query, route)};
        // The same edges with another starting kind: keep the variant blocked least.
        if (!result.empty() && result.back().route.edges == route.edges) {
            if (candidate.blockers.size() < result.back().blockers.size()) {
                result.back() = std::move(candidate);
            }
            return true;
        }
        if (result.size() == limit) {
            return false;
        }
        result.push_back(std::move(candidate));
        return true;
    });
    return result;
}

}  // namespace flowsim
