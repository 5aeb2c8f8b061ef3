#!/usr/bin/env python3
"""Flock sharing does not chain: no route in flock-network-2024 passes two sharing hops in a row.

    flock_network_no_chain_test.py FLOWSIM SCENARIO

If A shares with B and B with C, C can search B's cameras, not A's
(docs/method.md, "Sharing does not chain"). The test checks it two ways:

1. On the graph (`flowsim export --format json`): no `flock_sharing` edge
   leaves a node that a `flock_sharing` edge enters, so no route anywhere
   can hold two in a row.
2. Then on the routes flowsim finds (`flowsim paths --format json`): from every
   node of the network (cameras and agencies, 4,800 sources) to ICE, on the
   three dates of the data and with national sharing on and off, no route has
   two consecutive `flock_sharing` edges, and every route is at most
   cameras -> agency -> ICE. A bound of 6 hops and a timeout keep a
   regression (chains multiply routes by the million) from hanging the test.

It also fails if the walk finds too few routes to mean anything.
"""

import json
import subprocess
import sys

SHARING = "flock_sharing"
RUNS = [
    ["--as-of", "2024-04-26"],
    ["--as-of", "2025-07-18"],
    [],                                       # the scenario's as_of, 2026-07-24
    ["--config", "in_state_only"],
]


def flowsim_json(flowsim, args):
    out = subprocess.run([flowsim] + args + ["--format", "json"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, timeout=300)
    if out.returncode not in (0, 1):
        sys.exit(f"FAIL: flowsim {' '.join(args)} exited {out.returncode} "
                 f"(3 is the time limit: a chain multiplies routes): {out.stderr.strip()}")
    return json.loads(out.stdout)


def main():
    flowsim, scenario = sys.argv[1], sys.argv[2]
    failures = []

    graph = flowsim_json(flowsim, ["export", scenario])
    mech = {e["id"]: e.get("mechanism", "") for e in graph["edges"]}
    share_heads = {e["to"] for e in graph["edges"] if e.get("mechanism", "") == SHARING}
    share_tails = {e["from"] for e in graph["edges"] if e.get("mechanism", "") == SHARING}
    both = sorted(share_heads & share_tails)
    if both:
        failures.append(f"{len(both)} nodes both receive and give sharing access, e.g. {both[:5]}")
    if len(share_heads) < 1000 or len(share_tails) < 100:
        failures.append(f"too few sharing edges to test: {len(share_tails)} tails, {len(share_heads)} heads")
    if failures:                              # chains: walking every route would take hours
        for f in failures:
            print("FAIL:", f)
        return 1

    total = 0
    sources = set()
    for extra in RUNS:
        data = flowsim_json(flowsim, ["paths", scenario, "--from", "tag:flock", "--limit", "0",
                                      "--max-hops", "6", "--timeout", "60"] + extra)
        for r in data["routes"]:
            total += 1
            sources.add(r["source"])
            ms = [mech[e] for e in r["edges"]]
            if any(a == SHARING and b == SHARING for a, b in zip(ms, ms[1:])):
                failures.append(f"route {r['id']} ({' '.join(extra) or 'default'}) passes two sharing "
                                f"hops in a row: {' -> '.join(r['nodes'])}")
            elif r["hops"] > 2:
                failures.append(f"route {r['id']} has {r['hops']} hops: {' -> '.join(r['nodes'])}")
    if total < 5000 or len(sources) < 500:
        failures.append(f"the walk found only {total} routes from {len(sources)} sources")

    for f in failures[:20]:
        print("FAIL:", f)
    if failures:
        return 1
    print(f"ok: {total} routes from {len(sources)} sources over {len(RUNS)} runs; "
          f"no two sharing hops in a row")
    return 0


if __name__ == "__main__":
    sys.exit(main())
