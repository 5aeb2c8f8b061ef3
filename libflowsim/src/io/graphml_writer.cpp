#include "flowsim/io/graphml_writer.hpp"

#include <flowsim/io/json_writer.hpp>
#include <flowsim/io/wording.hpp>

#include "graph_attributes.hpp"
#include "markup_text.hpp"

namespace flowsim::io {
namespace {

std::string_view graphml_type(AttributeType type) {
    switch (type) {
        case AttributeType::kNumber:
            return "double";
        case AttributeType::kCount:
            return "long";
        case AttributeType::kFlag:
            return "boolean";
        default:
            return "string";
    }
}

std::string graphml_value(const AttributeKey& key, const AttributeValue& value) {
    switch (key.type) {
        case AttributeType::kString:
            return value.text;
        case AttributeType::kStrings:
            return join(value.strings, ";");
        case AttributeType::kNumber:
            return json_number(value.number);
        case AttributeType::kCount:
            return std::to_string(value.count);
        case AttributeType::kFlag:
            return value.flag ? "true" : "false";
        case AttributeType::kPairs: {
            std::vector<std::string> pairs;
            for (const auto& [from, to] : value.pairs) {
                pairs.push_back(from + "->" + to);
            }
            return join(pairs, ";");
        }
    }
    return {};
}

void write_key(std::ostream& out,
               std::string_view id,
               std::string_view domain,
               std::string_view name,
               std::string_view type) {
    out << "  <key id=\"" << id << "\" for=\"" << domain << "\" attr.name=\"" << name
        << "\" attr.type=\"" << type << "\"/>\n";
}

void write_data(std::ostream& out,
                std::string_view prefix,
                const std::vector<AttributeKey>& keys,
                const std::vector<AttributeValue>& values) {
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (values[i].present) {
            out << "      <data key=\"" << prefix << keys[i].name << "\">"
                << xml_escape(graphml_value(keys[i], values[i])) << "</data>\n";
        }
    }
}

}  // namespace

void write_graphml(std::ostream& out,
                   const ConfigurationView& view,
                   const QueryHeader& header,
                   const RouteCover* routes) {
    const Scenario& scenario = view.scenario();
    const std::vector<bool> active = active_edges(view);
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
           "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
           "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
    // Key names are fixed words of ours, so they need no escaping.
    write_key(out, "g_title", "graph", "title", "string");
    write_key(out, "g_configuration", "graph", "configuration", "string");
    write_key(out, "g_as_of", "graph", "as_of", "string");
    if (routes != nullptr) {
        write_key(out, "g_route_count", "graph", "route_count", "long");
        write_key(out, "g_complete", "graph", "complete", "boolean");
    }
    const std::vector<AttributeKey> node_keys = node_attribute_keys(routes != nullptr);
    const std::vector<AttributeKey> edge_keys = edge_attribute_keys(routes != nullptr);
    for (const AttributeKey& key : node_keys) {
        write_key(out, "n_" + std::string(key.name), "node", key.name, graphml_type(key.type));
    }
    for (const AttributeKey& key : edge_keys) {
        write_key(out, "e_" + std::string(key.name), "edge", key.name, graphml_type(key.type));
    }
    out << "  <graph id=\"scenario\" edgedefault=\"directed\">\n";
    out << "    <data key=\"g_title\">" << xml_escape(header.scenario) << "</data>\n";
    out << "    <data key=\"g_configuration\">" << xml_escape(header.configuration) << "</data>\n";
    if (header.as_of) {
        out << "    <data key=\"g_as_of\">" << *header.as_of << "</data>\n";
    }
    if (routes != nullptr) {
        out << "    <data key=\"g_route_count\">" << routes->routes << "</data>\n";
        out << "    <data key=\"g_complete\">" << (routes->completion.complete() ? "true" : "false")
            << "</data>\n";
    }
    for (const NodeIndex node : nodes_in_id_order(scenario)) {
        out << "    <node id=\"" << xml_escape(scenario.nodes()[node].id) << "\">\n";
        write_data(out, "n_", node_keys, node_attributes(scenario, node, routes));
        out << "    </node>\n";
    }
    for (const EdgeIndex edge : edges_in_id_order(scenario)) {
        const Edge& e = scenario.edges()[edge];
        out << "    <edge id=\"" << xml_escape(e.id) << "\" source=\""
            << xml_escape(scenario.nodes()[e.from].id) << "\" target=\""
            << xml_escape(scenario.nodes()[e.to].id) << "\">\n";
        write_data(out, "e_", edge_keys, edge_attributes(scenario, edge, active[edge], routes));
        out << "    </edge>\n";
    }
    out << "  </graph>\n</graphml>\n";
}

}  // namespace flowsim::io
