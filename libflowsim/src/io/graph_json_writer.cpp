#include "flowsim/io/graph_json_writer.hpp"

#include <algorithm>

#include <flowsim/io/json_writer.hpp>

#include "graph_attributes.hpp"
#include "route_text.hpp"

namespace flowsim::io {
namespace {

void write_value(JsonWriter& json, const AttributeKey& key, const AttributeValue& value) {
    switch (key.type) {
        case AttributeType::kString:
            json.value(value.text);
            break;
        case AttributeType::kStrings:
            json.strings(value.strings);
            break;
        case AttributeType::kNumber:
            json.value(value.number);
            break;
        case AttributeType::kCount:
            json.value(value.count);
            break;
        case AttributeType::kFlag:
            json.value(value.flag);
            break;
        case AttributeType::kPairs:
            json.begin_object();
            for (const auto& [from, to] : value.pairs) {
                json.key(from).value(to);
            }
            json.end_object();
            break;
    }
}

void write_attributes(JsonWriter& json,
                      const std::vector<AttributeKey>& keys,
                      const std::vector<AttributeValue>& values) {
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (values[i].present) {
            json.key(keys[i].name);
            write_value(json, keys[i], values[i]);
        }
    }
}

}  // namespace

void write_graph_json(std::ostream& out,
                      const ConfigurationView& view,
                      const QueryHeader& header,
                      const RouteCover* routes) {
    const Scenario& scenario = view.scenario();
    const std::vector<bool> active = active_edges(view);
    const std::vector<AttributeKey> node_keys = node_attribute_keys(routes != nullptr);
    const std::vector<AttributeKey> edge_keys = edge_attribute_keys(routes != nullptr);
    JsonWriter json(out);
    json.begin_object();
    write_header_fields(json, header);
    if (routes != nullptr) {
        json.key("route_count").value(routes->routes);
        json.key("complete").value(routes->completion.complete());
    }
    json.key("nodes").begin_array(true);
    for (const NodeIndex node : nodes_in_id_order(scenario)) {
        json.begin_object();
        json.key("id").value(scenario.nodes()[node].id);
        write_attributes(json, node_keys, node_attributes(scenario, node, routes));
        json.end_object();
    }
    json.end_array();
    json.key("edges").begin_array(true);
    for (const EdgeIndex edge : edges_in_id_order(scenario)) {
        const Edge& e = scenario.edges()[edge];
        json.begin_object();
        json.key("id").value(e.id);
        json.key("from").value(scenario.nodes()[e.from].id);
        json.key("to").value(scenario.nodes()[e.to].id);
        write_attributes(json, edge_keys, edge_attributes(scenario, edge, active[edge], routes));
        json.end_object();
    }
    json.end_array();
    // The sources, so that a reader can judge what each edge rests on; id order.
    std::vector<const Source*> sources;
    for (const Source& source : scenario.sources()) {
        sources.push_back(&source);
    }
    std::sort(sources.begin(), sources.end(),
              [](const Source* a, const Source* b) { return a->id < b->id; });
    json.key("sources").begin_array(true);
    for (const Source* listed : sources) {
        const Source& source = *listed;
        json.begin_object();
        json.key("id").value(source.id);
        json.key("title").value(source.title);
        for (const auto& [key, text] :
             {std::pair{"publisher", &source.publisher}, std::pair{"url", &source.url}}) {
            if (!text->empty()) {
                json.key(key).value(*text);
            }
        }
        if (source.date) {
            json.key("date").value(source.date->to_string());
        }
        if (source.kind) {
            json.key("kind").value(source_kind_name(*source.kind));
        }
        json.end_object();
    }
    json.end_array();
    json.end_object();
    out << "\n";
}

}  // namespace flowsim::io
