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
            if (blocker.policy) {
                blocker.origins = origins_of_policy(view, *blocker.policy, query.from);
            }
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
    std::vector<std::pair<NodeIndex, DataKindIndex>> pairs;
    for (const NodeIndex source : finder.sources()) {
        for (const DataKindIndex kind : finder.start_kinds(source)) {
            pairs.emplace_back(source, kind);
        }
    }
    std::vector<BlockedRoute> result;
    if (pairs.empty() || limit == 0) {
        return result;
    }
    const std::size_t share = std::max<std::size_t>(1, limit / pairs.size());
    for (const auto& [source, kind] : pairs) {
        if (result.size() == limit) {
            break;
        }
        std::size_t taken = 0;
        std::size_t hops = 0;
        finder.enumerate_from(source, kind, [&](const Route& route) {
            // The nearest routes only: stop at the first longer one.
            if (taken == share || result.size() == limit || (taken > 0 && route.hops() > hops)) {
                return false;
            }
            hops = route.hops();
            result.push_back({route, blockers_along(view, query, route)});
            ++taken;
            return true;
        });
    }
    return result;
}

}  // namespace flowsim
