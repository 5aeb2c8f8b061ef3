#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <flowsim/configuration_view.hpp>
#include <flowsim/route_cover.hpp>
#include <flowsim/scenario.hpp>

namespace flowsim::io {

/// The attributes that the GraphML and JSON graph exports give each node and edge, in one
/// table so that the two formats always carry the same ones.
enum class AttributeType {
    kString,
    kStrings,  ///< a list: a JSON array, joined with ';' in GraphML
    kNumber,
    kCount,  ///< a whole number: a JSON integer, a GraphML long
    kFlag,
    kPairs,  ///< kind conversions: a JSON object, "a->b;c->d" in GraphML
};

struct AttributeKey {
    std::string_view name;
    AttributeType type;
};

struct AttributeValue {
    /// false: the scenario gives the element no such value (no state, no cut_cost, no note,
    /// no tags, no conversions), and the exports leave it out (docs/cli.md, "JSON").
    bool present = true;
    std::string text;
    std::vector<std::string> strings;
    std::vector<std::pair<std::string, std::string>> pairs;
    double number = 0;
    std::size_t count = 0;
    bool flag = false;
};

/// Every node, and every edge, in the byte order of their ids: the order of every export.
std::vector<NodeIndex> nodes_in_id_order(const Scenario& scenario);
std::vector<EdgeIndex> edges_in_id_order(const Scenario& scenario);

/// Node attributes after the id: kind, label, state, county, place, tags, produces, note;
/// with `routes`, then on_route, route_count and route_evidence (the routes of a query).
std::vector<AttributeKey> node_attribute_keys(bool routes);
/// Edge attributes after id, from and to: carries, mechanism, when, gates, status,
/// sources, likelihood, cut_cost, lever, convert, since, until, note, active; with `routes`,
/// then on_route, route_count and route_evidence.
std::vector<AttributeKey> edge_attribute_keys(bool routes);

/// The values of node_attribute_keys(routes != nullptr) for `node`, in the same order:
/// `on_route` and `route_count` for every node, `route_evidence` (the best evidence among
/// the routes through it) only for a node on a route.
std::vector<AttributeValue> node_attributes(const Scenario& scenario,
                                            NodeIndex node,
                                            const RouteCover* routes);
/// The values of edge_attribute_keys(routes != nullptr) for `edge`; `active` from
/// active_edges(); the route attributes as for nodes.
std::vector<AttributeValue> edge_attributes(const Scenario& scenario,
                                            EdgeIndex edge,
                                            bool active,
                                            const RouteCover* routes);

}  // namespace flowsim::io
