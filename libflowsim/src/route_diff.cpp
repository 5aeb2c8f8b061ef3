#include "flowsim/route_diff.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace flowsim {
namespace {

// A route as diff compares it: its starting kind and its edges.
using RouteKey = std::pair<DataKindIndex, std::vector<EdgeIndex>>;

struct Side {
    std::vector<Route> routes;
    Enumeration enumeration;
    bool over_limit = false;
};

Side list_routes(const ConfigurationView& view,
                 const RouteQuery& query,
                 std::size_t limit,
                 const StopCondition& stop) {
    RouteFinder finder(view, query);
    Side side;
    side.enumeration = finder.enumerate(
        [&](const Route& route) {
            if (side.routes.size() == limit) {
                side.over_limit = true;
                return false;
            }
            side.routes.push_back(route);
            return true;
        },
        stop);
    return side;
}

// The routes of `from` that `other` lacks, in the order of `from`.
std::vector<Route> missing_from(const std::vector<Route>& from, const std::vector<Route>& other) {
    std::set<RouteKey> present;
    for (const Route& route : other) {
        present.emplace(route.data, route.edges);
    }
    std::vector<Route> result;
    for (const Route& route : from) {
        if (present.count({route.data, route.edges}) == 0) {
            result.push_back(route);
        }
    }
    return result;
}

}  // namespace

RouteDiff diff_routes(const ConfigurationView& first_view,
                      const ConfigurationView& second_view,
                      const RouteQuery& query,
                      std::size_t limit,
                      const StopCondition& stop) {
    const Scenario& scenario = first_view.scenario();
    RouteDiff diff;

    const std::vector<bool> first_active = active_edges(first_view);
    const std::vector<bool> second_active = active_edges(second_view);
    for (EdgeIndex e = 0; e < scenario.edges().size(); ++e) {
        if (first_active[e] != second_active[e] ||
            first_view.unconditional_kinds(e) != second_view.unconditional_kinds(e)) {
            diff.changed_edges.push_back(e);
        }
    }
    std::sort(diff.changed_edges.begin(), diff.changed_edges.end(), [&](EdgeIndex a, EdgeIndex b) {
        return scenario.edges()[a].id < scenario.edges()[b].id;
    });

    const Side before = list_routes(first_view, query, limit, stop);
    const Side after = list_routes(second_view, query, limit, stop);
    for (const Side* side : {&before, &after}) {
        diff.completion.merge(side->enumeration.completion);
    }
    diff.first_routes = before.routes.size();
    diff.second_routes = after.routes.size();
    diff.opened = missing_from(after.routes, before.routes);
    diff.closed = missing_from(before.routes, after.routes);
    return diff;
}

}  // namespace flowsim
