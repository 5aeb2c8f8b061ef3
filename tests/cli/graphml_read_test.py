"""GraphML and JSON exports as other tools read them.

    graphml_read_test.py FLOWSIM SCENARIO...

For each scenario: `flowsim export --format graphml` gives the same bytes twice; networkx
and igraph read the file as it is (no warnings), with as many nodes and edges as the JSON
export lists and the same attributes; and the JSON export gives the same bytes twice.
With `--routes`, both exports mark the routes of the query: on_route, route_count and
route_evidence on every node and edge (declared keys, read by both libraries) are what
`flowsim paths --limit 0` lists: the elements its routes use, how many use each, and the
best of their evidence.
Both libraries are required (python3-networkx and python3-igraph, installed by
scripts/install-deps.sh): a test that skips itself proves nothing.
"""
import json
import math
import subprocess
import sys
import tempfile
import warnings

import igraph
import networkx

warnings.simplefilter("error")  # igraph reports GraphML trouble as a RuntimeWarning


EVIDENCE = ["documented", "reported", "alleged", "announced", "hypothetical"]


def export(flowsim, scenario, fmt, *options):
    runs = [subprocess.run([flowsim, "export", scenario, "--format", fmt, *options],
                           capture_output=True, check=True).stdout for _ in range(2)]
    assert runs[0] == runs[1], f"{scenario}: two {fmt} exports differ"
    return runs[0]


def read_graphml(graphml):
    with tempfile.NamedTemporaryFile(suffix=".graphml") as file:
        file.write(graphml)
        file.flush()
        return networkx.read_graphml(file.name), igraph.Graph.Read_GraphML(file.name)


def check_routes(flowsim, scenario):
    """--routes marks exactly what `paths` lists, in GraphML and in JSON alike."""
    graph = json.loads(export(flowsim, scenario, "json", "--routes"))
    nx_graph, ig_graph = read_graphml(export(flowsim, scenario, "graphml", "--routes"))
    listing = json.loads(subprocess.run([flowsim, "paths", scenario, "--limit", "0", "--format",
                                         "json"], capture_output=True, check=False).stdout)
    assert listing["complete"] and graph["complete"], scenario
    assert graph["route_count"] == listing["route_count"] == nx_graph.graph["route_count"]
    counts, best = {}, {}
    for route in listing["routes"]:
        rank = EVIDENCE.index(route["evidence"])
        for element in route["nodes"] + route["edges"]:
            counts[element] = counts.get(element, 0) + 1
            best[element] = min(best.get(element, rank), rank)

    def expect(attributes, element, what):
        on_route = element in counts
        assert attributes["on_route"] is on_route, (what, element)
        assert attributes["route_count"] == counts.get(element, 0), (what, element)
        expected = EVIDENCE[best[element]] if on_route else None
        assert attributes.get("route_evidence") == expected, (what, element)

    multigraph = nx_graph.is_multigraph()
    for node in graph["nodes"]:
        expect(node, node["id"], "json node")
        expect(nx_graph.nodes[node["id"]], node["id"], "graphml node")
        assert ig_graph.vs.find(id=node["id"])["on_route"] is (node["id"] in counts)
    for edge in graph["edges"]:
        expect(edge, edge["id"], "json edge")
        key = (edge["from"], edge["to"], edge["id"]) if multigraph else (edge["from"], edge["to"])
        expect(nx_graph.edges[key], edge["id"], "graphml edge")
        assert ig_graph.es.find(id=edge["id"])["route_count"] == counts.get(edge["id"], 0)
    marked = sum(1 for edge in graph["edges"] if edge["on_route"])
    print(f"{scenario}: {listing['route_count']} routes marked on {marked} edges in GraphML and JSON")


def check(flowsim, scenario):
    graph = json.loads(export(flowsim, scenario, "json"))
    nx_graph, ig_graph = read_graphml(export(flowsim, scenario, "graphml"))

    nodes, edges = graph["nodes"], graph["edges"]
    assert nx_graph.is_directed() and ig_graph.is_directed()
    assert nx_graph.number_of_nodes() == len(nodes), (nx_graph.number_of_nodes(), len(nodes))
    assert nx_graph.number_of_edges() == len(edges), (nx_graph.number_of_edges(), len(edges))
    assert ig_graph.vcount() == len(nodes) and ig_graph.ecount() == len(edges)
    assert nx_graph.graph["title"] == graph["scenario"]

    for node in nodes:
        attributes = nx_graph.nodes[node["id"]]
        assert attributes["kind"] == node["kind"], node["id"]
        assert attributes["label"] == node["label"], node["id"]
        assert attributes.get("state") == node.get("state"), node["id"]
        assert attributes.get("tags", "") == ";".join(node.get("tags", [])), node["id"]
        assert ig_graph.vs.find(id=node["id"])["label"] == node["label"]

    multigraph = nx_graph.is_multigraph()
    for edge in edges:
        if multigraph:
            attributes = nx_graph.edges[edge["from"], edge["to"], edge["id"]]
        else:
            attributes = nx_graph.edges[edge["from"], edge["to"]]
            assert attributes["id"] == edge["id"]
        assert attributes["active"] is edge["active"], edge["id"]
        assert attributes["status"] == edge["status"], edge["id"]
        assert attributes["carries"] == ";".join(edge["carries"]), edge["id"]
        # An edge without a likelihood (unknown) has none in either file.
        assert ("likelihood" in attributes) == ("likelihood" in edge), edge["id"]
        if "likelihood" in edge:
            assert math.isclose(attributes["likelihood"], edge["likelihood"]), edge["id"]
        assert attributes.get("note") == edge.get("note"), edge["id"]
        ig_edge = ig_graph.es.find(id=edge["id"])
        assert ig_graph.vs[ig_edge.source]["id"] == edge["from"], edge["id"]
        assert ig_edge["active"] is edge["active"], edge["id"]
    print(f"{scenario}: {len(nodes)} nodes and {len(edges)} edges read by networkx and igraph")


def main():
    flowsim, scenarios = sys.argv[1], sys.argv[2:]
    for scenario in scenarios:
        check(flowsim, scenario)
        check_routes(flowsim, scenario)


if __name__ == "__main__":
    main()
