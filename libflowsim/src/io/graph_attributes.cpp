#include "graph_attributes.hpp"

#include <algorithm>
#include <numeric>

namespace flowsim::io {
namespace {

AttributeValue text(std::string value) {
    AttributeValue result;
    result.text = std::move(value);
    return result;
}

// A text the scenario may leave out: absent when empty (a note, a mechanism).
AttributeValue given_text(std::string value) {
    AttributeValue result = text(std::move(value));
    result.present = !result.text.empty();
    return result;
}

AttributeValue optional_text(const std::optional<std::string>& value) {
    AttributeValue result;
    result.present = value.has_value();
    result.text = value.value_or("");
    return result;
}

AttributeValue optional_date(const std::optional<Date>& value) {
    AttributeValue result;
    result.present = value.has_value();
    result.text = value ? value->to_string() : "";
    return result;
}

// A list the scenario may leave out: absent when empty (no tags, no gates).
AttributeValue given_strings(std::vector<std::string> strings) {
    AttributeValue result;
    result.strings = std::move(strings);
    result.present = !result.strings.empty();
    return result;
}

template <typename T, typename Index>
AttributeValue ids(const std::vector<T>& items, const std::vector<Index>& indices) {
    std::vector<std::string> strings;
    for (const Index index : indices) {
        strings.push_back(items[index].id);
    }
    return given_strings(std::move(strings));
}

AttributeValue number(double value) {
    AttributeValue result;
    result.number = value;
    return result;
}

template <typename Tag, typename T>
std::vector<Index<Tag>> by_id(const std::vector<T>& items) {
    std::vector<Index<Tag>> order(items.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](Index<Tag> a, Index<Tag> b) { return items[a].id < items[b].id; });
    return order;
}

// `keys`, then, with `routes`, what the routes of a query add to every node and edge.
std::vector<AttributeKey> with_route_keys(std::vector<AttributeKey> keys, bool routes) {
    if (routes) {
        keys.push_back({"on_route", AttributeType::kFlag});
        keys.push_back({"route_count", AttributeType::kCount});
        keys.push_back({"route_evidence", AttributeType::kString});
    }
    return keys;
}

void add_route_values(std::vector<AttributeValue>& values,
                      bool on_route,
                      std::size_t count,
                      Evidence evidence) {
    AttributeValue flag;
    flag.flag = on_route;
    values.push_back(flag);
    AttributeValue routes;
    routes.count = count;
    values.push_back(routes);
    AttributeValue best = text(std::string(evidence_name(evidence)));
    best.present = on_route;
    values.push_back(best);
}

}  // namespace

std::vector<NodeIndex> nodes_in_id_order(const Scenario& scenario) {
    return by_id<NodeTag>(scenario.nodes());
}

std::vector<EdgeIndex> edges_in_id_order(const Scenario& scenario) {
    return by_id<EdgeTag>(scenario.edges());
}

std::vector<AttributeKey> node_attribute_keys(bool routes) {
    return with_route_keys({{"kind", AttributeType::kString},
                            {"label", AttributeType::kString},
                            {"state", AttributeType::kString},
                            {"county", AttributeType::kString},
                            {"place", AttributeType::kString},
                            {"tags", AttributeType::kStrings},
                            {"produces", AttributeType::kStrings},
                            {"note", AttributeType::kString}},
                           routes);
}

std::vector<AttributeKey> edge_attribute_keys(bool routes) {
    return with_route_keys({{"carries", AttributeType::kStrings},
                            {"mechanism", AttributeType::kString},
                            {"when", AttributeType::kString},
                            {"gates", AttributeType::kStrings},
                            {"status", AttributeType::kString},
                            {"sources", AttributeType::kStrings},
                            {"likelihood", AttributeType::kNumber},
                            {"cut_cost", AttributeType::kNumber},
                            {"lever", AttributeType::kString},
                            {"convert", AttributeType::kPairs},
                            {"since", AttributeType::kString},
                            {"until", AttributeType::kString},
                            {"note", AttributeType::kString},
                            {"active", AttributeType::kFlag}},
                           routes);
}

std::vector<AttributeValue> node_attributes(const Scenario& scenario,
                                            NodeIndex node,
                                            const RouteCover* routes) {
    const Node& n = scenario.nodes()[node];
    std::vector<AttributeValue> values = {
        text(std::string(node_kind_name(n.kind))), text(n.label),
        optional_text(n.jurisdiction.state),       optional_text(n.jurisdiction.county),
        optional_text(n.jurisdiction.place),       given_strings(n.tags),
        ids(scenario.data_kinds(), n.produces),    given_text(n.note)};
    if (routes != nullptr) {
        add_route_values(values, routes->nodes[node], routes->node_routes[node],
                         routes->node_evidence[node]);
    }
    return values;
}

std::vector<AttributeValue> edge_attributes(const Scenario& scenario,
                                            EdgeIndex edge,
                                            bool active,
                                            const RouteCover* routes) {
    const Edge& e = scenario.edges()[edge];
    AttributeValue cut_cost = number(e.cut_cost.value_or(0));
    cut_cost.present = e.cut_cost.has_value();
    AttributeValue likelihood = number(e.likelihood.value_or(0));
    likelihood.present = e.likelihood.has_value();
    AttributeValue convert;
    convert.present = !e.convert.empty();
    for (const Conversion& conversion : e.convert) {
        convert.pairs.emplace_back(scenario.data_kinds()[conversion.from].id,
                                   scenario.data_kinds()[conversion.to].id);
    }
    AttributeValue is_active;
    is_active.flag = active;
    std::vector<AttributeValue> values = {ids(scenario.data_kinds(), e.carries),
                                          given_text(e.mechanism),
                                          text(e.when.to_string()),
                                          ids(scenario.gates(), e.gates),
                                          text(std::string(evidence_name(e.status))),
                                          ids(scenario.sources(), e.sources),
                                          likelihood,
                                          cut_cost,
                                          given_text(e.lever),
                                          convert,
                                          optional_date(e.in_force.since),
                                          optional_date(e.in_force.until),
                                          given_text(e.note),
                                          is_active};
    if (routes != nullptr) {
        add_route_values(values, routes->edges[edge], routes->edge_routes[edge],
                         routes->edge_evidence[edge]);
    }
    return values;
}

}  // namespace flowsim::io
