#!/usr/bin/env python3
"""`flowsim audit --format md -o FILE.md` writes the report and, beside it, FILE.svg: the
bar chart of searches by scope and month, which the report shows. Both are the same bytes
on a second run, the SVG is well-formed XML with one bar segment per month and scope that
has searches, and the segment titles add up to the searches.

With a third argument, the chart committed for the worked example
(docs/examples/eugene-search-audit.svg) must be what `--svg` writes now.

usage: audit_markdown_test.py FLOWSIM LOG.csv [COMMITTED.svg]
"""
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path


def run(flowsim, log, folder):
    out = Path(folder) / "audit.md"
    done = subprocess.run([flowsim, "audit", log, "--format", "md", "-o", str(out)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "", "the report goes to the file, not stdout"
    return out.read_bytes(), (Path(folder) / "audit.svg").read_bytes()


def main():
    flowsim, log = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        first, second = run(flowsim, log, a), run(flowsim, log, b)
    assert first == second, "two runs wrote different bytes"
    markdown, svg = first[0].decode(), first[1]
    assert "![Searches by scope and month](audit.svg)" in markdown, "the report shows the chart"
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    total = 0
    for rect in root.iter(ns + "rect"):
        title = rect.find(ns + "title")
        if title is not None:
            total += int(re.search(r": (\d+)$", title.text).group(1))
    searches = int(re.search(r"\*\*(\d+)\*\*", markdown).group(1))
    assert total == searches, f"bars add up to {total}, the log holds {searches}"
    if len(sys.argv) > 3:
        with tempfile.TemporaryDirectory() as folder:
            chart = Path(folder) / "chart.svg"
            subprocess.run([flowsim, "audit", log, "--svg", str(chart), "-q"], check=True,
                           stdout=subprocess.DEVNULL)
            if chart.read_bytes() != Path(sys.argv[3]).read_bytes():
                sys.exit(f"{sys.argv[3]} is out of date: rewrite it with "
                         f"flowsim audit {log} --svg {sys.argv[3]}")
    print(f"report {len(markdown)} bytes, chart {len(svg)} bytes, bars add up to {total}")


if __name__ == "__main__":
    main()
