#!/usr/bin/env python3
"""Count the routes of scenarios/flock-network-2024.yaml with flowsim, for docs/flock-network-2024.md.

Every number comes from `flowsim paths --format json` (the routes) and
`flowsim export --format json` (each edge's mechanism, each node's state): the
script only tallies what flowsim answers. Dates: the day the sharing lists
were read (2024-04-26) and the dates of the two 287(g) lists (ICE's workbook
of 2025-07-18, the list of 2026-07-24, the scenario's default).

    python3 scripts/count-flock-network.py --flowsim build/bin/flowsim            # print the tables
    python3 scripts/count-flock-network.py --flowsim build/bin/flowsim --write    # put them in the page
    python3 scripts/count-flock-network.py --flowsim build/bin/flowsim --check    # exit 1 if the page differs

The tables go between `<!-- counts: begin -->` and `<!-- counts: end -->` in
docs/flock-network-2024.md. Python 3 standard library only; the same
scenario gives the same bytes.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys

SCENARIO = "scenarios/flock-network-2024.yaml"
PAGE = "docs/flock-network-2024.md"
BEGIN = "<!-- counts: begin (scripts/count-flock-network.py --write; do not edit by hand) -->"
END = "<!-- counts: end -->"
DATES = [("2024-04-26", "sharing lists read"),
         ("2025-07-18", "ICE's earlier 287(g) workbook"),
         ("2026-07-24", "the later 287(g) list; the default")]
MODELS = [("287g_task_force", "task force (TFM, `alleged`)"),
          ("287g_warrant_service", "warrant service (WSO, `hypothetical`)"),
          ("287g_jail", "jail (JEM, `hypothetical`)")]
SHARING = "flock_sharing"
OWN = "own_cameras"


def run_json(flowsim: str, args: list[str], root: str) -> dict:
    out = subprocess.run([flowsim] + args + ["--format", "json"], cwd=root, check=False,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if out.returncode not in (0, 1):          # 1: "no route" is an answer
        sys.exit(f"flowsim {' '.join(args)} failed ({out.returncode}): {out.stderr}")
    return json.loads(out.stdout)


def tally(flowsim: str, root: str) -> str:
    graph = run_json(flowsim, ["export", SCENARIO], root)
    mech = {e["id"]: e.get("mechanism", "") for e in graph["edges"]}
    state = {n["id"]: n.get("state", "") for n in graph["nodes"]}
    portals = sorted(n["id"] for n in graph["nodes"] if "portal" in n.get("tags", []))

    def routes(*extra):
        data = run_json(flowsim, ["paths", SCENARIO, "--from", "tag:portal", "--limit", "0"] + list(extra), root)
        for r in data["routes"]:
            ms = [mech[e] for e in r["edges"]]
            for a, b in zip(ms, ms[1:]):
                if a == SHARING and b == SHARING:
                    sys.exit(f"route {r['id']} passes two sharing hops in a row: {r['nodes']}")
        return data["routes"]

    by_date = {d: routes("--as-of", d) for d, _ in DATES}
    in_state = {d: routes("--as-of", d, "--config", "in_state_only") for d, _ in DATES}

    def reach(rs, pred=lambda r: True):
        return {r["source"] for r in rs if pred(r)}

    def last_mech(r):
        return mech[r["edges"][-1]]

    def first_mech(r):
        return mech[r["edges"][0]]

    L = [BEGIN, ""]
    add = L.append
    n = len(portals)
    kinds = collections.Counter(nd["kind"] for nd in graph["nodes"])
    mechs = collections.Counter((e.get("mechanism", ""), e["status"], e.get("when", "true"),
                                 e.get("until", "")) for e in graph["edges"])
    add("The model (`flowsim export --format json`):")
    add("")
    add("| nodes | count |")
    add("|---|---:|")
    for kd, c in sorted(kinds.items()):
        add(f"| `{kd}` | {c} |")
    add(f"| all | {sum(kinds.values())} |")
    add("")
    add("| edges: mechanism | status | `when` | `until` | count |")
    add("|---|---|---|---|---:|")
    for (m, st, w, u), c in sorted(mechs.items()):
        add(f"| `{m}` | `{st}` | `{w}` | {u or '—'} | {c} |")
    add(f"| all | | | | {sum(mechs.values())} |")
    add("")
    add(f"Portals: {n}. A route is the portal's cameras → the agency itself (`{OWN}`) or an "
        f"agency on its sharing list (`{SHARING}`, one hop) → `ice_ero` through that agency's "
        "287(g) agreement. Counts are of portals with at least one such route.")
    add("")
    add("| as of | routes | portals reaching ICE | through their own agency's 287(g) | "
        "through one sharing hop | " + " | ".join(f"through a {label}" for _, label in MODELS) +
        " | with national sharing off (`in_state_only`) |")
    add("|---|---:|---:|---:|---:|" + "---:|" * len(MODELS) + "---:|")
    for d, what in DATES:
        rs = by_date[d]
        row = [f"{d} ({what})", str(len(rs)), str(len(reach(rs))),
               str(len(reach(rs, lambda r: first_mech(r) == OWN))),
               str(len(reach(rs, lambda r: first_mech(r) == SHARING)))]
        for m, _ in MODELS:
            row.append(str(len(reach(rs, lambda r, m=m: last_mech(r) == m))))
        row.append(str(len(reach(in_state[d]))))
        add("| " + " | ".join(row) + " |")
    add("")
    add("Per state of the portal agency: portals, and how many reach ICE on each date; "
        "then, on the default date, how many through a task-force agreement (the routes "
        "left at `--min-evidence alleged`) and how many with national sharing off.")
    add("")
    add("| state | portals | " + " | ".join(d for d, _ in DATES) +
        f" | task force ({DATES[-1][0]}) | in state only ({DATES[-1][0]}) |")
    add("|---|---:|" + "---:|" * len(DATES) + "---:|---:|")
    per_state = collections.defaultdict(list)
    for p in portals:
        per_state[state.get(p) or "(none)"].append(p)
    last = DATES[-1][0]
    totals = [0] * (len(DATES) + 3)
    for st in sorted(per_state):
        ps = set(per_state[st])
        cells = [len(ps)]
        for d, _ in DATES:
            cells.append(len(reach(by_date[d]) & ps))
        cells.append(len(reach(by_date[last], lambda r: last_mech(r) == "287g_task_force") & ps))
        cells.append(len(reach(in_state[last]) & ps))
        totals = [a + b for a, b in zip(totals, cells)]
        add(f"| {st} | " + " | ".join(str(c) for c in cells) + " |")
    add("| all | " + " | ".join(str(c) for c in totals) + " |")
    add("")
    add(END)
    return "\n".join(L)


def main(argv=None) -> int:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--flowsim", default=os.path.join(root, "build", "bin", "flowsim"))
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--write", action="store_true", help=f"replace the tables in {PAGE}")
    g.add_argument("--check", action="store_true", help=f"exit 1 if the tables in {PAGE} differ")
    args = ap.parse_args(argv)
    block = tally(os.path.abspath(args.flowsim), root)
    if not (args.write or args.check):
        print(block)
        return 0
    path = os.path.join(root, PAGE)
    with open(path, encoding="utf-8") as f:
        page = f.read()
    a, b = page.find(BEGIN), page.find(END)
    if a < 0 or b < a:
        sys.exit(f"{PAGE}: no '{BEGIN}' ... '{END}' block")
    new = page[:a] + block + page[b + len(END):]
    if args.check:
        if new != page:
            print(f"out of date: {PAGE} (run scripts/count-flock-network.py --write)", file=sys.stderr)
            return 1
        return 0
    if new != page:
        with open(path, "w", encoding="utf-8") as f:
            f.write(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
