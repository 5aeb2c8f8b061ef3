#!/usr/bin/env python3
"""Write one valid scenario, all in YAML, of about SIZE megabytes: for measuring what
loading YAML costs (docs/performance.md, "Loading YAML"). Deterministic.

  block  nodes and edges as block mappings, one key a line (about 12 bytes a YAML node)
  flow   one node or edge a line, as a flow mapping (about 6 bytes a YAML node: the
         harder case for memory, which grows with the number of nodes)

Usage: bench/yaml_scenario.py SIZE_MB block|flow OUT.yaml
Then:  /usr/bin/time -v build/bin/flowsim check OUT.yaml   (Maximum resident set size)
"""
import random
import sys


def main() -> None:
    size_mb, style, out = float(sys.argv[1]), sys.argv[2], sys.argv[3]
    target = int(size_mb * 1e6)
    rng = random.Random(1)
    if style == "block":
        lines = ["flowsim: 1", "title: big", "sources:", "  s1: {title: Source one, kind: record}",
                 "parameters:", "  sharing: {default: true}", "nodes:"]
        count = max(100, target // 400)
        for i in range(count):
            lines.append(f"  - id: n{i}\n    kind: local_agency\n    label: Agency number {i}\n"
                         f"    jurisdiction: {{state: IL, place: Town {i}}}\n"
                         f"    tags: [flock, city]\n    produces: [plate_read]")
        edge = ("  - from: n{a}\n    to: n{b}\n    carries: [plate_read]\n    mechanism: lookup\n"
                "    when: sharing\n    status: reported\n    sources: [s1]")
    else:
        lines = ["flowsim: 1", "sources: {s1: {title: Source one, kind: record}}", "nodes:"]
        count = max(100, target // 200)
        for i in range(count):
            lines.append(f"  - {{id: n{i}, kind: local_agency, tags: [flock], produces: [plate_read]}}")
        edge = "  - {{from: n{a}, to: n{b}, carries: [plate_read], status: reported, sources: [s1]}}"
    lines.append("  - {id: ice, kind: federal_agency, tags: [ice]}")
    lines.append("edges:")
    size = sum(len(line) + 1 for line in lines)
    while size < target:
        a, b = rng.randrange(count), rng.randrange(count)
        if a != b:
            line = edge.format(a=a, b=b)
            lines.append(line)
            size += len(line) + 1
    lines.append("  - {from: n0, to: ice, carries: [plate_read], status: reported, sources: [s1]}")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
