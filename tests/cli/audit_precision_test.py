#!/usr/bin/env python3
"""Precision and recall of the reason classifier's immigration category on the
hand-labelled, constructed fixture tests/cli/cases/audit/constructed_reasons.csv (its
`immigration` column is the label). Every labelled positive must be found and no near
miss flagged: precision and recall 1.0 on this fixture.

usage: audit_precision_test.py FLOWSIM FIXTURE.csv
"""
import csv
import json
import subprocess
import sys


def main():
    flowsim, fixture = sys.argv[1], sys.argv[2]
    with open(fixture, newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    # Data rows start on line 2.
    labelled = {line: row["immigration"] == "1" for line, row in enumerate(rows, start=2)}
    done = subprocess.run([flowsim, "audit", fixture, "--format", "json"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    flagged = {hit["line"] for hit in got["hits"] if hit["category"] == "immigration"}
    positives = {line for line, positive in labelled.items() if positive}
    true_positives = flagged & positives
    precision = len(true_positives) / len(flagged) if flagged else 0.0
    recall = len(true_positives) / len(positives)
    print(f"{len(positives)} positives, {len(labelled) - len(positives)} near misses; "
          f"precision {precision:.2f}, recall {recall:.2f}")
    for line in sorted(flagged - positives):
        print(f"false positive, line {line}: {rows[line - 2]['reason']!r}")
    for line in sorted(positives - flagged):
        print(f"missed, line {line}: {rows[line - 2]['reason']!r}")
    if precision < 1.0 or recall < 1.0 or got["immigration_hits"] != len(flagged):
        sys.exit(1)


if __name__ == "__main__":
    main()
