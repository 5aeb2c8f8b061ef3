// libFuzzer target: any bytes as a scenario file; when they load, the scenario is written
// as DOT, as graph JSON and as GraphML, and each is read back by a parser that is not ours:
// Graphviz's own (libcgraph, agmemread), nlohmann::json, and libxml2. Every output must
// parse and hold exactly the scenario's nodes and edges, by id (DOT has no edge ids, so its
// edges are compared by their two ends), and JSON and GraphML must give back node labels
// and notes (and, in JSON, edge notes and mechanisms) exactly as loaded; folded diagrams
// must still parse. Anything else
// aborts, so that libFuzzer keeps the input.
//
// Boost.Graph's read_graphml is not used: it refuses GraphML booleans written "true" and
// "false", which the GraphML schema allows and networkx and igraph read.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <flowsim/configuration_view.hpp>
#include <flowsim/io/dot_writer.hpp>
#include <flowsim/io/graph_json_writer.hpp>
#include <flowsim/io/graphml_writer.hpp>
#include <flowsim/io/scenario_loader.hpp>
#include <flowsim/query_request.hpp>

#include <graphviz/cgraph.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <nlohmann/json.hpp>

namespace {

using IdCounts = std::map<std::string, int>;

[[noreturn]] void fail(std::string_view what, const std::string& output) {
    std::fprintf(stderr, "writers_round_trip_fuzzer: %.*s\n--- output ---\n%s\n",
                 static_cast<int>(what.size()), what.data(), output.c_str());
    std::abort();
}

IdCounts scenario_node_ids(const flowsim::Scenario& scenario) {
    IdCounts ids;
    for (const flowsim::Node& node : scenario.nodes()) {
        ++ids[node.id];
    }
    return ids;
}

IdCounts scenario_edge_ids(const flowsim::Scenario& scenario) {
    IdCounts ids;
    for (const flowsim::Edge& edge : scenario.edges()) {
        ++ids[edge.id];
    }
    return ids;
}

using EdgeEnds = std::map<std::pair<std::string, std::string>, int>;

EdgeEnds scenario_edge_ends(const flowsim::Scenario& scenario) {
    EdgeEnds ends;
    for (const flowsim::Edge& edge : scenario.edges()) {
        ++ends[{scenario.nodes()[edge.from].id, scenario.nodes()[edge.to].id}];
    }
    return ends;
}

// The legend is drawn in the subgraph "cluster_legend" and is not part of the scenario.
bool in_legend(Agraph_t* legend, Agnode_t* node) {
    return legend != nullptr && agsubnode(legend, node, 0) != nullptr;
}

// Parses `dot` with Graphviz; returns the graph, or aborts with Graphviz's message.
Agraph_t* parse_dot(const std::string& dot) {
    Agraph_t* graph = agmemread(dot.c_str());
    if (graph == nullptr) {
        fail("Graphviz could not parse the DOT: " + std::string(aglasterr() ? aglasterr() : ""),
             dot);
    }
    return graph;
}

// The whole diagram: every scenario node once under its id, every edge once (edges carry
// no id in DOT, so they are counted per (tail, head) pair).
void check_dot(const flowsim::Scenario& scenario, const std::string& dot) {
    Agraph_t* graph = parse_dot(dot);
    Agraph_t* legend = agsubg(graph, const_cast<char*>("cluster_legend"), 0);
    IdCounts nodes;
    EdgeEnds edges;
    for (Agnode_t* node = agfstnode(graph); node != nullptr; node = agnxtnode(graph, node)) {
        if (in_legend(legend, node)) {
            continue;
        }
        ++nodes[agnameof(node)];
        for (Agedge_t* edge = agfstout(graph, node); edge != nullptr;
             edge = agnxtout(graph, edge)) {
            ++edges[{agnameof(agtail(edge)), agnameof(aghead(edge))}];
        }
    }
    agclose(graph);
    if (nodes != scenario_node_ids(scenario)) {
        fail("DOT read back by Graphviz holds other nodes than the scenario", dot);
    }
    if (edges != scenario_edge_ends(scenario)) {
        fail("DOT read back by Graphviz holds other edges than the scenario", dot);
    }
}

IdCounts json_ids(const nlohmann::json& list) {
    IdCounts ids;
    for (const nlohmann::json& element : list) {
        ++ids[element.at("id").get<std::string>()];
    }
    return ids;
}

void check_json(const flowsim::Scenario& scenario, const std::string& text) {
    try {
        const nlohmann::json json = nlohmann::json::parse(text);
        if (json_ids(json.at("nodes")) != scenario_node_ids(scenario)) {
            fail("graph JSON holds other node ids than the scenario", text);
        }
        if (json_ids(json.at("edges")) != scenario_edge_ids(scenario)) {
            fail("graph JSON holds other edge ids than the scenario", text);
        }
        // Every text must come back exactly as loaded (the loader accepts only valid UTF-8).
        std::map<std::string, const flowsim::Node*> nodes;
        for (const flowsim::Node& node : scenario.nodes()) {
            nodes[node.id] = &node;
        }
        for (const nlohmann::json& node : json.at("nodes")) {
            const flowsim::Node& loaded = *nodes.at(node.at("id").get<std::string>());
            if (node.value("label", "") != loaded.label || node.value("note", "") != loaded.note) {
                fail("graph JSON changed a node's label or note: " + loaded.id, text);
            }
        }
        std::map<std::string, const flowsim::Edge*> edges;
        for (const flowsim::Edge& edge : scenario.edges()) {
            edges[edge.id] = &edge;
        }
        for (const nlohmann::json& edge : json.at("edges")) {
            const flowsim::Edge& loaded = *edges.at(edge.at("id").get<std::string>());
            if (edge.at("from").get<std::string>() != scenario.nodes()[loaded.from].id ||
                edge.at("to").get<std::string>() != scenario.nodes()[loaded.to].id ||
                edge.value("note", "") != loaded.note ||
                edge.value("mechanism", "") != loaded.mechanism) {
                fail("graph JSON changed an edge's ends, note or mechanism: " + loaded.id, text);
            }
        }
    } catch (const nlohmann::json::exception& error) {
        fail(std::string("graph JSON does not parse: ") + error.what(), text);
    }
}

std::string xml_attribute(xmlNode* element, const char* name) {
    xmlChar* value = xmlGetProp(element, reinterpret_cast<const xmlChar*>(name));
    std::string text = value ? reinterpret_cast<const char*>(value) : "";
    xmlFree(value);
    return text;
}

bool named(xmlNode* element, const char* name) {
    return element->type == XML_ELEMENT_NODE &&
           xmlStrcmp(element->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

// `text` as XML can carry it: U+FFFE and U+FFFF become U+FFFD (the GraphML writer's
// contract). The loader has already refused ill-formed UTF-8 and control characters.
std::string as_xml_carries(const std::string& text) {
    std::string carried = text;
    for (std::size_t i = 0; i + 2 < carried.size(); ++i) {
        if (carried.compare(i, 2, "\xEF\xBF") == 0 &&
            (carried[i + 2] == '\xBE' || carried[i + 2] == '\xBF')) {
            carried[i + 2] = '\xBD';
        }
    }
    return carried;
}

// <graphml><graph><node id=…/>…<edge id=… source=… target=…/>…</graph></graphml>
void check_graphml(const flowsim::Scenario& scenario, const std::string& text) {
    xmlDoc* document =
        xmlReadMemory(text.data(), static_cast<int>(text.size()), "graphml.xml", nullptr,
                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
    if (document == nullptr) {
        const xmlError* error = xmlGetLastError();
        fail(std::string("GraphML is not well-formed XML: ") + (error ? error->message : ""), text);
    }
    IdCounts nodes;
    IdCounts edges;
    EdgeEnds ends;
    std::map<std::string, std::string> key_names;   // key id -> "node label", "edge note"…
    std::map<std::string, std::string> node_texts;  // "id label" / "id note" -> text
    xmlNode* root = xmlDocGetRootElement(document);
    for (xmlNode* element = root ? root->children : nullptr; element; element = element->next) {
        if (named(element, "key")) {
            key_names[xml_attribute(element, "id")] =
                xml_attribute(element, "for") + " " + xml_attribute(element, "attr.name");
        }
    }
    for (xmlNode* graph = root ? root->children : nullptr; graph; graph = graph->next) {
        if (!named(graph, "graph")) {
            continue;
        }
        for (xmlNode* element = graph->children; element; element = element->next) {
            if (named(element, "node")) {
                const std::string id = xml_attribute(element, "id");
                ++nodes[id];
                for (xmlNode* data = element->children; data; data = data->next) {
                    if (named(data, "data")) {
                        xmlChar* content = xmlNodeGetContent(data);
                        node_texts[id + " " + key_names[xml_attribute(data, "key")]] =
                            reinterpret_cast<const char*>(content);
                        xmlFree(content);
                    }
                }
            } else if (named(element, "edge")) {
                ++edges[xml_attribute(element, "id")];
                ++ends[{xml_attribute(element, "source"), xml_attribute(element, "target")}];
            }
        }
    }
    xmlFreeDoc(document);
    if (nodes != scenario_node_ids(scenario) || edges != scenario_edge_ids(scenario) ||
        ends != scenario_edge_ends(scenario)) {
        fail("GraphML read back by libxml2 holds other nodes or edges than the scenario", text);
    }
    // Texts must come back exactly as loaded; a value a node lacks is left out.
    for (const flowsim::Node& node : scenario.nodes()) {
        const auto label = node_texts.find(node.id + " node label");
        const auto note = node_texts.find(node.id + " node note");
        if ((label == node_texts.end() ? "" : label->second) != as_xml_carries(node.label) ||
            (note == node_texts.end() ? "" : note->second) != as_xml_carries(node.note)) {
            fail("GraphML read back by libxml2 changed a node's label or note: " + node.id, text);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    agseterr(AGMAX);  // Graphviz's warnings would flood the log; errors are checked
    xmlInitParser();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const flowsim::io::LoadResult result =
        flowsim::io::load_scenario(text, "/nonexistent-flowsim-fuzz/input.yaml");
    if (!result.ok()) {
        return 0;
    }
    const flowsim::Scenario& scenario = *result.scenario;
    // The question `export` asks by default (every producing node to tag:ice); when the
    // scenario has no such tag, none at all, so that the diagram is still drawn.
    std::vector<std::string> errors;
    flowsim::ResolvedQuery query = flowsim::resolve_request(scenario, {}, errors);
    if (!errors.empty()) {
        query = flowsim::ResolvedQuery{};
    }
    const flowsim::ConfigurationView view(scenario, query.activity);

    // The diagram as `export` draws it (no routes: their search may take any time).
    flowsim::io::DiagramShape shape;
    shape.untitled_name = scenario.description();
    check_dot(scenario, flowsim::io::draw_diagram(view, query, shape).dot);

    // Folded diagrams replace nodes and merge edges, so only their syntax is checked.
    for (const flowsim::io::CollapseBy collapse :
         {flowsim::io::CollapseBy::kKind, flowsim::io::CollapseBy::kState}) {
        shape.collapse = collapse;
        agclose(parse_dot(flowsim::io::draw_diagram(view, query, shape).dot));
    }

    flowsim::io::QueryHeader header;
    header.scenario = scenario.title();
    header.configuration = "default";
    std::ostringstream json;
    flowsim::io::write_graph_json(json, view, header);
    check_json(scenario, json.str());

    std::ostringstream graphml;
    flowsim::io::write_graphml(graphml, view, header);
    check_graphml(scenario, graphml.str());
    return 0;
}
