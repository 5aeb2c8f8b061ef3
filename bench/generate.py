#!/usr/bin/env python3
"""Generate a synthetic, surveillance-like national network as a flowsim scenario.

The network is made up, but shaped like the real one (docs/flock-network-2024.md,
/work/shared/research/performance.md): law-enforcement agencies in 50 states with
heavy-tailed Flock sharing lists (most partners in-state), a statewide lookup pool per
state and a national lookup pool, a fusion centre and state police per state, federal
users (HSI, CBP, FBI, ATF, DEA), 287(g) partners linked to ICE, Flock cameras feeding
their agencies, and Ring doorbells behind Community Requests. Parameters switch the
mechanisms; a policy (off by default) stands for sanctuary laws.

Sizes (nodes / edges, about):
  S   11k / 37k
  M  100k / 750k
  L  1.1M / 8.6M   (1M Ring doorbells, and the national lookup as a 2,500-agency clique)

Variants:
  base     as above
  clique   the national lookup also as a clique: 1,500 agencies (M; 300 for S) that
           may each search all the others directly. Route counts explode.
  deadend  one state (CA) keeps its data home: its agencies share only in-state, and the
           state's only way out is one liaison agency, a 287(g) partner, with one edge to
           ICE. A camera feeding the liaison has exactly one route, however many hops are
           allowed; every other walk through the state comes back to the liaison.

Output directory (default build/bench/<size>-<variant>):
  scenario.yaml      the scenario, including the tables below
  nodes.csv          agencies, state and federal nodes, pools
  cameras.csv        Flock cameras and Ring doorbells
  edges.csv          every plate-read edge (sharing, pools, fusion, federal, 287(g), clique)
  camera-edges.csv   camera -> agency and doorbell -> Community Requests
  ring-requests.yaml Community Requests -> agency (footage, owner's consent per clip)
  meta.json          counts, parameters, and the benchmark's chosen sources, for the
                     side-by-side comparison (bench/compare.py)

Every plate-read edge is in a CSV table, each `when` is one parameter name, and no two
edges join the same two nodes, so that other tools can load the same edges from the CSV
files and must find the same routes.

Deterministic: the same size, variant and seed give the same bytes (Python 3 standard
library only; random.Random with an integer seed, only .random() is used).
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import sys

# Postal codes, most populous first; weights fall off as 1 / rank^0.8.
STATES = (
    "CA TX FL NY PA IL OH GA NC MI NJ VA WA AZ TN MA IN MD MO WI CO MN SC AL LA KY OR OK "
    "CT UT IA NV AR MS KS NM NE ID WV HI NH ME MT RI DE SD ND AK VT WY"
).split()

FEDERAL_USERS = ("hsi", "cbp", "fbi", "atf", "dea")
ICE = "ice_ero"
NATIONAL_POOL = "flock_national_lookup"
RING_REQUESTS = "ring_community_requests"
DEADEND_STATE = "CA"

# name -> (default, label). Every `when` in the tables is one of these names.
PARAMETERS = {
    "national_sharing": (True, "Agencies let agencies in other states search their plate reads"),
    "statewide_lookup": (True, "Agencies take part in their state's Flock lookup pool"),
    "national_lookup": (True, "Agencies take part in Flock's national lookup"),
    "partners_act_for_ice": (True, "287(g) partners use their Flock access for ICE work"),
    "federal_users": (True, "Federal agencies on sharing lists search for immigration cases"),
    "fusion_to_federal": (True, "Fusion centres pass plate reads to federal partners"),
    "community_requests": (True, "Agencies post Ring Community Requests"),
    "sanctuary_laws_enforced": (False, "State sanctuary laws keep plate reads from federal agencies"),
}
SANCTUARY_STATES = ("CA", "IL", "OR", "WA", "NJ", "NY", "CO", "VT")

# Time, for `flowsim simulate` (bench/simulate_compare.py): made-up constants by
# mechanism and kind, with no random draws, so the network is the same with or without
# them. An agency searches a partner's (or a pool's) reads at any time in the two months
# after the read; Flock data is kept 30 days, Ring clips 60.
SEARCH_DELAY = "0..60d"
DELAYS = {"share": SEARCH_DELAY, "fusion": "0..7d", "dhs_internal": "0..7d",
          "287g_task_force": "0..1d"}
RETENTION = "30d"
RING_RETENTION = "60d"


def is_pool(node: str) -> bool:
    return node == NATIONAL_POOL or node.endswith("_statewide_lookup")


def edge_delay(row) -> str:
    """The delay of a generated edge row (from, to, carries, mechanism, ...)."""
    tail, mechanism = row[0], row[3]
    if mechanism in ("statewide_lookup", "national_lookup"):
        # Contributing to a pool takes no time; a member's search through it does. The
        # clique's direct searches are searches too.
        return "" if is_pool(row[1]) else SEARCH_DELAY
    return DELAYS.get(mechanism, "")


def node_retention(row) -> str:
    """The retention of a generated node row (id, kind, state, tags, produces)."""
    tags = row[3].split(";")
    if "ring" in tags and row[1] == "camera":
        return RING_RETENTION
    if row[1] in ("local_agency", "camera") or "pool" in tags:
        return RETENTION
    return ""

SIZES = {
    # agencies, Flock cameras, Ring doorbells, sharing edges, longest sharing list, 287(g)
    # partners, national lookup clique size (variant `clique`, and L)
    "S": dict(agencies=1500, cameras=8500, doorbells=1000, sharing=24000, max_list=300,
              partners=25, clique=300),
    "M": dict(agencies=15000, cameras=85000, doorbells=5000, sharing=640000, max_list=1500,
              partners=40, clique=1500),
    "L": dict(agencies=18000, cameras=80000, doorbells=1000000, sharing=1150000,
              max_list=1500, partners=60, clique=2500),
}
VARIANTS = ("base", "clique", "deadend")


class Rng:
    """random.Random's .random() only: stable across Python versions for an int seed."""

    def __init__(self, seed: int):
        import random
        self._random = random.Random(seed)

    def uniform01(self) -> float:
        return self._random.random()

    def below(self, n: int) -> int:
        return min(n - 1, int(self._random.random() * n))

    def pareto(self, alpha: float) -> float:
        """A Pareto(alpha) sample, at least 1."""
        return (1.0 - self._random.random()) ** (-1.0 / alpha)


class WeightedPicker:
    """Picks items with probability proportional to their weight."""

    def __init__(self, items, weights):
        self.items = list(items)
        self.cumulative = []
        total = 0.0
        for weight in weights:
            total += weight
            self.cumulative.append(total)
        self.total = total

    def pick(self, rng: Rng):
        index = bisect.bisect_right(self.cumulative, rng.uniform01() * self.total)
        return self.items[min(index, len(self.items) - 1)]


def scaled_counts(rng: Rng, n: int, total: int, alpha: float, cap: int, floor: int):
    """n heavy-tailed counts (Pareto alpha) between floor and cap summing to about total."""
    raw = [rng.pareto(alpha) for _ in range(n)]
    scale = total / sum(raw)
    for _ in range(20):  # re-scale so that the capped sum lands near the total
        counts = [max(floor, min(cap, int(r * scale + 0.5))) for r in raw]
        got = sum(counts)
        if abs(got - total) <= total * 0.005:
            break
        scale *= total / max(got, 1)
    return counts


class Network:
    def __init__(self, size: str, variant: str, seed: int):
        self.size = size
        self.variant = variant
        self.params = SIZES[size]
        self.rng = Rng(seed * 1000 + list(SIZES).index(size))  # variants share the draws
        self.nodes = []          # (id, kind, state, tags, produces)
        self.cameras = []        # same shape, written to cameras.csv
        self.edges = []          # (from, to, carries, mechanism, when, status, likelihood, cut_cost)
        self.camera_edges = []
        self.request_edges = []  # (community requests -> agency), written as YAML
        self.out_degree = {}     # agency -> number of sharing partners
        self.meta = {}

    # -- building -----------------------------------------------------------------------

    def build(self):
        rng = self.rng
        p = self.params
        deadend = self.variant == "deadend"

        state_picker = WeightedPicker(STATES, [1.0 / (rank + 1) ** 0.8 for rank in range(50)])
        per_state = {state: [] for state in STATES}
        for _ in range(p["agencies"]):
            state = state_picker.pick(rng)
            per_state[state].append(None)
        agencies = []  # (id, state)
        for state in STATES:
            for k in range(len(per_state[state])):
                agencies.append((f"{state.lower()}_pd{k}", state))
            per_state[state] = [a for a, s in agencies if s == state]
        state_of = dict(agencies)
        agency_ids = [a for a, _ in agencies]

        # Fixed nodes.
        self.nodes.append((ICE, "federal_agency", "", "ice;federal", ""))
        for user in FEDERAL_USERS:
            self.nodes.append((user, "federal_agency", "", "federal", ""))
        self.nodes.append((NATIONAL_POOL, "platform", "", "flock;pool", ""))
        self.nodes.append((RING_REQUESTS, "platform", "", "ring", ""))
        for state in STATES:
            s = state.lower()
            self.nodes.append((f"{s}_statewide_lookup", "platform", state, "flock;pool", ""))
            self.nodes.append((f"{s}_state_police", "state_agency", state, "flock", ""))
            self.nodes.append((f"{s}_fusion_centre", "state_agency", state, "fusion_centre", ""))

        # 287(g) partners: a fixed number per size (ICE is fed by a few dozen task-force
        # edges, as in the research graphs), none in sanctuary states, more likely in the
        # states with the most agreements. In the dead-end variant the closed state has
        # exactly one: its liaison.
        candidates = [agency for agency, state in agencies if state not in SANCTUARY_STATES]
        partner_picker = WeightedPicker(
            candidates, [3.0 if state_of[a] in ("TX", "FL", "GA", "TN", "OK") else 1.0
                         for a in candidates])
        partners = set()
        while len(partners) < p["partners"]:
            partners.add(partner_picker.pick(rng))
        liaison = None
        if deadend:
            liaison = per_state[DEADEND_STATE][0]
            partners.add(liaison)
        closed = set(per_state[DEADEND_STATE]) if deadend else set()

        for agency, state in agencies:
            tags = "flock;287g" if agency in partners else "flock"
            self.nodes.append((agency, "local_agency", state, tags, ""))

        # Sharing lists: heavy-tailed lengths; partners picked by popularity (heavy-tailed
        # too), 75% in-state.
        popularity = [rng.pareto(1.5) for _ in agencies]
        everyone = WeightedPicker(agency_ids, popularity)
        in_state = {}
        for state in STATES:
            members = per_state[state]
            if members:
                weights = [popularity[agency_ids.index(members[0]) + i] for i in range(len(members))]
                in_state[state] = WeightedPicker(members, weights)
        lengths = scaled_counts(rng, len(agencies), p["sharing"], 1.4, p["max_list"], 1)
        shares = {}
        for (agency, state), length in zip(agencies, lengths):
            members = per_state[state]
            chosen = set()
            attempts = 0
            stay_home = agency in closed
            limit = min(length, (len(members) - 1) if stay_home else len(agency_ids) - 1)
            while len(chosen) < limit and attempts < 20 * length:
                attempts += 1
                if stay_home or rng.uniform01() < 0.75:
                    if len(members) < 2:
                        continue
                    other = in_state[state].pick(rng)
                else:
                    other = everyone.pick(rng)  # may be in the closed state: harmless
                if other != agency:
                    chosen.add(other)
            shares[agency] = sorted(chosen)
            self.out_degree[agency] = len(chosen)
            for other in shares[agency]:
                cross = state_of[other] != state
                likelihood = f"{0.05 + 0.45 * rng.uniform01():.2f}"
                self.edges.append((agency, other, "plate_read", "share",
                                   "national_sharing" if cross else "", "documented",
                                   likelihood, "1"))
            # A few lists name a federal user or the state police.
            if not stay_home and rng.uniform01() < 0.01:
                user = FEDERAL_USERS[rng.below(len(FEDERAL_USERS))]
                self.edges.append((agency, user, "plate_read", "share", "federal_users",
                                   "reported", "0.20", "1"))
            if rng.uniform01() < 0.10:
                self.edges.append((agency, f"{state.lower()}_state_police", "plate_read",
                                   "share", "", "documented", "0.30", "1"))

        # Pools (hub encoding): members contribute to and search through the pool.
        national_members = []
        for agency, state in agencies:
            s = state.lower()
            if rng.uniform01() < 0.5:
                self.edges.append((agency, f"{s}_statewide_lookup", "plate_read",
                                   "statewide_lookup", "statewide_lookup", "documented", "", ""))
                self.edges.append((f"{s}_statewide_lookup", agency, "plate_read",
                                   "statewide_lookup", "statewide_lookup", "documented", "0.10", ""))
            if agency not in closed and rng.uniform01() < 0.3:
                national_members.append(agency)
                self.edges.append((agency, NATIONAL_POOL, "plate_read", "national_lookup",
                                   "national_lookup", "documented", "", ""))
                self.edges.append((NATIONAL_POOL, agency, "plate_read", "national_lookup",
                                   "national_lookup", "documented", "0.05", ""))
            if agency not in closed and rng.uniform01() < 0.4:
                self.edges.append((agency, f"{s}_fusion_centre", "plate_read", "fusion",
                                   "", "reported", "0.30", ""))

        for state in STATES:
            s = state.lower()
            self.edges.append((f"{s}_state_police", f"{s}_fusion_centre", "plate_read",
                               "fusion", "", "documented", "0.50", ""))
            # A third of the fusion centres pass plate reads on to HSI.
            if rng.uniform01() < 0.3 and not (deadend and state == DEADEND_STATE):
                self.edges.append((f"{s}_fusion_centre", "hsi", "plate_read", "fusion",
                                   "fusion_to_federal", "reported", "0.20", "1"))

        # Federal users that pass on to ICE (same department, or joint task forces).
        self.edges.append(("hsi", ICE, "plate_read", "dhs_internal", "federal_users",
                           "reported", "0.50", ""))
        self.edges.append(("cbp", ICE, "plate_read", "dhs_internal", "federal_users",
                           "reported", "0.30", ""))

        # 287(g) partners to ICE, for plate reads and Ring footage alike.
        for agency in sorted(partners):
            self.edges.append((agency, ICE, "plate_read;footage", "287g_task_force",
                               "partners_act_for_ice", "alleged", "0.50", "1"))

        # The national lookup as a clique (variant `clique`, and L): the most popular
        # members may search each other directly. No edge doubles a sharing edge.
        clique_size = p["clique"] if (self.variant == "clique" or self.size == "L") else 0
        clique = []
        if clique_size:
            ranked = sorted(range(len(agencies)), key=lambda i: (-popularity[i], i))
            clique = sorted([agency_ids[i] for i in ranked
                             if agency_ids[i] not in closed][:clique_size])
            for agency in clique:
                listed = set(shares[agency])
                for other in clique:
                    if other != agency and other not in listed:
                        self.edges.append((agency, other, "plate_read", "national_lookup",
                                           "national_lookup", "documented", "", ""))

        # Flock cameras feed their agency; heavy-tailed counts, at least one each.
        camera_counts = scaled_counts(rng, len(agencies), p["cameras"], 1.3, 2000, 1)
        c = 0
        deadend_camera = None
        for (agency, state), count in zip(agencies, camera_counts):
            for _ in range(count):
                camera = f"c{c}"
                c += 1
                self.cameras.append((camera, "camera", state, "flock", "plate_read"))
                self.camera_edges.append((camera, agency, "plate_read", "flock_upload", "",
                                          "documented", "", ""))
                if agency == liaison and deadend_camera is None:
                    deadend_camera = camera

        # Ring doorbells behind Community Requests; about 30% of agencies post requests.
        for d in range(p["doorbells"]):
            agency, state = agencies[rng.below(len(agencies))]
            self.cameras.append((f"r{d}", "camera", state, "ring", "footage"))
            self.camera_edges.append((f"r{d}", RING_REQUESTS, "footage", "ring_upload", "",
                                      "documented", "", ""))
        for agency, state in agencies:
            if rng.uniform01() < 0.3:
                self.request_edges.append(agency)

        # The benchmark's questions: one ordinary agency (median list length, not a 287(g)
        # partner, outside the closed state), and the dead-end camera.
        ordinary = sorted((self.out_degree[a], a) for a in agency_ids
                          if a not in partners and a not in closed)
        source = ordinary[len(ordinary) // 2][1]
        self.meta = {
            "size": self.size,
            "variant": self.variant,
            "nodes": len(self.nodes) + len(self.cameras),
            "edges": len(self.edges) + len(self.camera_edges) + len(self.request_edges),
            "agencies": len(agencies),
            "cameras": p["cameras"],
            "doorbells": p["doorbells"],
            "partners_287g": len(partners),
            "clique": len(clique),
            "target": ICE,
            "source_agency": source,
            "deadend_camera": deadend_camera,
            "edge_tables": ["edges.csv", "camera-edges.csv"],
            "yaml_edges_carry": "footage",
            "parameters": {name: default for name, (default, _) in PARAMETERS.items()},
        }

    # -- writing -------------------------------------------------------------------------

    def write(self, out: str):
        os.makedirs(out, exist_ok=True)

        def table(name, header, rows):
            with open(os.path.join(out, name), "w", encoding="utf-8", newline="\n") as f:
                f.write(header + "\n")
                f.writelines(",".join(row) + "\n" for row in rows)

        node_header = "id,kind,state,tags,produces,retention"
        table("nodes.csv", node_header, [row + (node_retention(row),) for row in self.nodes])
        table("cameras.csv", node_header, [row + (node_retention(row),) for row in self.cameras])
        # Every edge cites the one `synthetic` source: a documented edge without a source
        # is a warning, and 760,000 warnings would be what `check` spends its time on.
        edge_header = "from,to,carries,mechanism,when,status,likelihood,cut_cost,delay,sources"
        table("edges.csv", edge_header,
              [row + (edge_delay(row), "synthetic") for row in self.edges])
        table("camera-edges.csv", edge_header,
              [row + (edge_delay(row), "synthetic") for row in self.camera_edges])
        with open(os.path.join(out, "ring-requests.yaml"), "w", encoding="utf-8") as f:
            f.write("# Ring Community Requests: the owner decides for each clip.\n")
            f.write("edges:\n")
            for agency in self.request_edges:
                f.write(f"  - {{from: {RING_REQUESTS}, to: {agency}, carries: footage, "
                        f"mechanism: community_request, when: community_requests, "
                        f"gates: owner_consent, status: documented, sources: [synthetic]}}\n")
        with open(os.path.join(out, "scenario.yaml"), "w", encoding="utf-8") as f:
            f.write(self.scenario_yaml())
        with open(os.path.join(out, "meta.json"), "w", encoding="utf-8") as f:
            json.dump(self.meta, f, indent=2, sort_keys=True)
            f.write("\n")

    def scenario_yaml(self) -> str:
        m = self.meta
        lines = [
            "# Generated by bench/generate.py; do not edit. Synthetic: no node is a real agency.",
            "flowsim: 1",
            f"title: Synthetic national network {self.size}-{self.variant}",
            "description: >-",
            f"  {m['agencies']} agencies in 50 states with heavy-tailed Flock sharing lists,",
            "  statewide and national lookup pools, fusion centres, federal users,",
            f"  {m['partners_287g']} 287(g) partners linked to ICE, {m['cameras']} Flock cameras and",
            f"  {m['doorbells']} Ring doorbells. Made up for benchmarks.",
            "as_of: 2026-07-01",
            "include:",
            "  - nodes.csv",
            "  - cameras.csv",
            "  - edges.csv",
            "  - camera-edges.csv",
            "  - ring-requests.yaml",
            "sources:",
            "  synthetic:",
            "    title: Synthetic benchmark network (bench/generate.py)",
            "gates:",
            "  owner_consent: {label: The doorbell owner agrees to share this clip}",
            "parameters:",
        ]
        for name, (default, label) in PARAMETERS.items():
            lines.append(f"  {name}: {{default: {'true' if default else 'false'}, label: {label}}}")
        lines += [
            "policies:",
            "  - id: sanctuary_laws",
            "    label: Plate reads from sanctuary states may not go to federal agencies",
            "    when: sanctuary_laws_enforced",
            "    deny:",
            "      carries: [plate_read]",
            f"      origin: {{state: [{', '.join(SANCTUARY_STATES)}]}}",
            "      to: {kind: federal_agency}",
            "    sources: [synthetic]",
            "configurations:",
            "  sanctuary: {sanctuary_laws_enforced: true}",
            "  no_federal_flows: {partners_act_for_ice: false, federal_users: false, "
            "fusion_to_federal: false}",
            "questions:",
            "  # Every route to ICE ends with a 287(g) edge, HSI or CBP; with all three off,",
            "  # nothing arrives.",
            "  - id: ordinary-agency-cut-off",
            f"    from: {m['source_agency']}",
            "    data: plate_read",
            "    configuration: no_federal_flows",
            "    expect: unreachable",
        ]
        if m["deadend_camera"]:
            lines += [
                "  # The liaison is the closed state's only 287(g) partner and only way out.",
                "  - id: deadend-camera-reaches-ice",
                f"    from: {m['deadend_camera']}",
                "    expect: reachable",
                "  - id: deadend-camera-stays-home-without-partners",
                f"    from: {m['deadend_camera']}",
                "    configuration: no_federal_flows",
                "    expect: unreachable",
            ]
        return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="S")
    parser.add_argument("--variant", choices=VARIANTS, default="base")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", help="output directory (default build/bench/SIZE-VARIANT)")
    args = parser.parse_args()
    out = args.out or os.path.join("build", "bench", f"{args.size}-{args.variant}")
    network = Network(args.size, args.variant, args.seed)
    network.build()
    network.write(out)
    m = network.meta
    print(f"{out}: {m['nodes']} nodes, {m['edges']} edges "
          f"(source agency {m['source_agency']}"
          + (f", dead-end camera {m['deadend_camera']}" if m["deadend_camera"] else "") + ")",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
