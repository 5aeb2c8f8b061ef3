#!/usr/bin/env python3
"""Sharing does not chain in the hand-written scenarios that model it with a conversion.

Usage: overview_no_chain_test.py FLOWSIM SCENARIO...

In these scenarios every edge into an agency that searches another agency's cameras
(1:1, statewide or national sharing, a federal pilot) converts plate_read into
searched_read, and no sharing edge carries searched_read. The test checks both: the
structure (no sharing edge carries searched_read) and the routes (with every parameter
switched on, on several dates, from every node that produces data to each agency in
turn, no route takes two such search edges).
"""
import json
import re
import subprocess
import sys

SHARING = {"share_1to1", "statewide_lookup", "national_lookup", "federal_1to1",
           "federal_pilot", "flock_sharing"}
DATES = ["2021-01-01", "2025-06-01", "2025-12-01", "2026-07-01"]
AGENCY_KINDS = {"local_agency", "state_agency", "federal_agency"}


def flowsim(program, *args):
    done = subprocess.run([program, *args], capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"flowsim {' '.join(args)} exited {done.returncode}: {done.stderr}")
    return json.loads(done.stdout)


def check(program, scenario):
    graph = flowsim(program, "export", scenario, "--format", "json")
    edges = graph["edges"]
    searches = {e["id"] for e in edges if e.get("convert", {}).get("plate_read") == "searched_read"}
    if not searches:
        return [f"{scenario}: no edge converts plate_read into searched_read"]
    problems = [f"{scenario}: sharing edge {e['id']} carries searched_read"
                for e in edges if e.get("mechanism") in SHARING
                and "searched_read" in e["carries"]]
    params = sorted({name for e in edges for name in re.findall(r"[A-Za-z_][\w.-]*",
                                                                   e.get("when", ""))}
                    - {"not", "and", "or", "true", "false"})
    settings = [arg for name in params for arg in ("--set", f"{name}=true")]
    # One agency at a time: a route ends at the first target it reaches, so a
    # target list would hide the routes that pass through one agency to another.
    targets = [n["id"] for n in graph["nodes"] if n["kind"] in AGENCY_KINDS]
    routes_seen = 0
    for date in DATES:
        routes = [route for target in targets
                  for route in flowsim(program, "paths", scenario, "--format", "json",
                                       "--limit", "0", "--to", target, "--as-of", date,
                                       *settings)["routes"]]
        for route in routes:
            routes_seen += 1
            hops = [edge for edge in route["edges"] if edge in searches]
            if len(hops) > 1:
                problems.append(f"{scenario} ({date}): route {route['id']} takes two search "
                                f"hops {hops}: {' -> '.join(route['nodes'])}")
    if routes_seen == 0:
        problems.append(f"{scenario}: no route found at all; the test checks nothing")
    return problems


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    problems = [p for scenario in sys.argv[2:] for p in check(sys.argv[1], scenario)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
