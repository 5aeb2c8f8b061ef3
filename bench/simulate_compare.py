#!/usr/bin/python3
"""`flowsim simulate` beside a plain Python Monte Carlo over networkx, same model.

On a generated network (bench/generate.py), from meta.json's `source_agency` to
`ice_ero`, plate reads, the defaults: each run draws each edge it reaches once (open with
its likelihood, an empty one counting as 1; a delay uniform over whole seconds in its
range) and closes it when the delay is longer than its tail's retention; the record
reaches ICE when an open route exists, at the least total delay (routes are simple paths,
and the generated edges never convert, so a least-time search over the open edges is
exact). The Python side is that model written plainly over a networkx DiGraph
(random.Random, its own stream), so the two agree only within sampling error:

    share reached, and share reached within --within: |flowsim - python| <= 4 standard
    errors of the difference (binomial); the script exits 1 when either is further apart.

flowsim runs on one thread (per-core numbers: runs and edge trials per second, from its
`-v` log, which times the runs alone) and on every core. Prints a Markdown table.

    /usr/bin/python3 bench/simulate_compare.py build/bench/M-base \\
        --flowsim build-bench/bin/flowsim [--runs 20000] [--python-runs 300]
"""

from __future__ import annotations

import argparse
import csv
import heapq
import json
import math
import os
import random
import re
import subprocess
import sys
import time

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400, "y": 365 * 86400}


def seconds(text: str) -> int:
    """A duration as the generator writes them: 0, 30m, 6h, 60d (one unit)."""
    if text in ("", "0"):
        return 0
    match = re.fullmatch(r"(\d+)([smhdwy])", text)
    if not match:
        raise SystemExit(f"simulate_compare: cannot read the duration {text!r}")
    return int(match.group(1)) * UNITS[match.group(2)]


def delay_range(text: str) -> tuple[int, int]:
    low, _, high = text.partition("..")
    return seconds(low), seconds(high or low)


def load(directory: str, meta: dict, settings: dict):
    """networkx DiGraph of the plate-read edges active under the defaults and `settings`
    (parameter -> bool), with p and delay range; and each node's retention (None:
    unlimited)."""
    import networkx as nx
    from compare import plate_read_rows  # bench/compare.py: the same edges it compares
    graph = nx.DiGraph()
    for row in plate_read_rows(directory, meta, settings):
        low, high = delay_range(row.get("delay", ""))
        graph.add_edge(row["from"], row["to"], p=float(row["likelihood"] or 1), low=low,
                       high=high)
    retention = {}
    for table in ("nodes.csv", "cameras.csv"):
        with open(os.path.join(directory, table), newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row.get("retention"):
                    retention[row["id"]] = seconds(row["retention"])
    return graph, retention


def python_monte_carlo(graph, retention, source, target, runs, within, seed):
    """Plain Monte Carlo: per run, Dijkstra from the source, each edge drawn when its tail
    is settled. Returns the counts and the wall and processor seconds."""
    rng = random.Random(seed)
    reached = within_count = trials = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(runs):
        best = {source: 0}
        done = set()
        queue = [(0, source)]
        while queue:
            t, u = heapq.heappop(queue)
            if u in done:
                continue
            done.add(u)
            if u == target:
                reached += 1
                within_count += t <= within
                break
            limit = retention.get(u)
            for v, edge in graph[u].items():
                if v in done:
                    continue
                trials += 1
                if rng.random() >= edge["p"]:
                    continue
                delay = rng.randint(edge["low"], edge["high"])
                if limit is not None and delay > limit:
                    continue
                if t + delay < best.get(v, math.inf):
                    best[v] = t + delay
                    heapq.heappush(queue, (t + delay, v))
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return {"reached": reached, "within": within_count, "runs": runs, "wall": wall, "cpu": cpu,
            "runs_per_s": runs / wall, "trials_per_s": trials / wall,
            "runs_per_cpu_s": runs / cpu, "trials_per_cpu_s": trials / cpu,
            "trials_per_run": trials / runs}


def run_flowsim(program, directory, source, target, runs, threads, within, seed, settings):
    """flowsim simulate: (reached, reached within, runs, runs/s, edge trials/s) from its
    JSON and its -v log."""
    command = [program, "simulate", os.path.join(directory, "scenario.yaml"), "--from", source,
               "--to", target, "--data", "plate_read", "--runs", str(runs), "--threads",
               str(threads), "--within", within, "--seed", str(seed), "--format", "json", "-v"]
    for name, value in settings.items():
        command += ["--set", f"{name}={'true' if value else 'false'}"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"simulate_compare: {' '.join(command)} exited {done.returncode}:\n"
                         f"{done.stderr}")
    pair = json.loads(done.stdout)["pairs"][0]
    match = re.search(r"(\d+) runs in ([\d.]+) s: (\d+) runs/s, (\d+) edge trials, ([\d.e+]+) "
                      r"edge trials/s; ([\d.]+) s of processor time: (\d+) runs/s and ([\d.e+]+) "
                      r"edge trials/s per core", done.stderr)
    if not match:
        raise SystemExit(f"simulate_compare: no timing in flowsim's -v log:\n{done.stderr}")
    runs = int(match.group(1))
    return {"reached": pair["reached"], "within": pair["within"], "runs": runs,
            "wall": float(match.group(2)), "runs_per_s": float(match.group(3)),
            "trials_per_s": float(match.group(5)), "cpu": float(match.group(6)),
            "runs_per_cpu_s": float(match.group(7)), "trials_per_cpu_s": float(match.group(8)),
            "trials_per_run": float(match.group(4)) / runs}


def agree(a: int, n: int, b: int, m: int) -> tuple[float, float, bool]:
    """Difference of two binomial shares, its standard error, and whether it is within 4."""
    p, q = a / n, b / m
    se = math.sqrt(p * (1 - p) / n + q * (1 - q) / m)
    return p - q, se, abs(p - q) <= 4 * se + 1e-12


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("directory")
    parser.add_argument("--flowsim", required=True)
    parser.add_argument("--runs", type=int, default=20000, help="flowsim's runs")
    parser.add_argument("--python-runs", type=int, default=300)
    parser.add_argument("--within", default="7d")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=true|false",
                        help="a parameter for both sides (repeatable)")
    options = parser.parse_args()
    settings = {}
    for item in options.set:
        name, _, value = item.partition("=")
        settings[name] = value == "true"
    with open(os.path.join(options.directory, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    source, target = meta["source_agency"], meta["target"]
    within = seconds(options.within)

    cores = os.cpu_count() or 1
    one = run_flowsim(options.flowsim, options.directory, source, target, options.runs, 1,
                      options.within, options.seed, settings)
    every = run_flowsim(options.flowsim, options.directory, source, target, options.runs, cores,
                        options.within, options.seed, settings)
    load_start = time.perf_counter()
    graph, retention = load(options.directory, meta, settings)
    load_seconds = time.perf_counter() - load_start
    py = python_monte_carlo(graph, retention, source, target, options.python_runs, within,
                            options.seed)

    name = os.path.basename(os.path.normpath(options.directory))
    asked = ", ".join(options.set) or "the defaults"
    print(f"### Simulation: {name}, from {source} to {target}, plate reads, {asked}, within "
          f"{options.within}\n")
    print("| tool | threads | runs | reached | within | runs/s | edge trials/s | runs/s per "
          "core (CPU) | edge trials/s per core (CPU) | trials per run |")
    print("|---|---:|---:|---|---|---:|---:|---:|---:|---:|")

    def share(count, runs):
        p = count / runs
        return f"{p:.4f} ± {math.sqrt(p * (1 - p) / runs):.4f}"

    for label, threads, r in (("flowsim", 1, one), ("flowsim", cores, every),
                              ("Python + networkx", 1, py)):
        print(f"| {label} | {threads} | {r['runs']} | {share(r['reached'], r['runs'])} | "
              f"{share(r['within'], r['runs'])} | {r['runs_per_s']:,.1f} | "
              f"{r['trials_per_s']:.3g} | {r['runs_per_cpu_s']:,.1f} | "
              f"{r['trials_per_cpu_s']:.3g} | {r['trials_per_run']:,.0f} |")
    same = all(one[key] == every[key] for key in ("reached", "within", "runs"))
    print(f"\n(networkx graph built in {load_seconds:.1f} s, not counted.) Same seed, same "
          f"numbers: flowsim on 1 and {cores} threads {'agree exactly' if same else 'DIFFER'}.")
    failed = not same
    for label in ("reached", "within"):
        difference, se, ok = agree(one[label], one["runs"], py[label], py["runs"])
        print(f"{label}: flowsim - python = {difference:+.4f}, "
              f"{abs(difference) / se if se else 0:.1f} standard errors "
              f"({'agree' if ok else 'DISAGREE'}: the bound is 4)")
        failed = failed or not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
