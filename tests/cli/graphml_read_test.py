"""GraphML and JSON exports as other tools read them.

    graphml_read_test.py FLOWSIM SCENARIO...

For each scenario: `flowsim export --format graphml` gives the same bytes twice; networkx
and igraph read the file as it is (no warnings), with as many nodes and edges as the JSON
export lists and the same attributes; and the JSON export gives the same bytes twice.
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


def export(flowsim, scenario, fmt):
    runs = [subprocess.run([flowsim, "export", scenario, "--format", fmt],
                           capture_output=True, check=True).stdout for _ in range(2)]
    assert runs[0] == runs[1], f"{scenario}: two {fmt} exports differ"
    return runs[0]


def check(flowsim, scenario):
    graph = json.loads(export(flowsim, scenario, "json"))
    graphml = export(flowsim, scenario, "graphml")
    with tempfile.NamedTemporaryFile(suffix=".graphml") as file:
        file.write(graphml)
        file.flush()
        nx_graph = networkx.read_graphml(file.name)
        ig_graph = igraph.Graph.Read_GraphML(file.name)

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


if __name__ == "__main__":
    main()
