#!/usr/bin/python3
"""flowsim side by side with networkx, igraph and a tight CSR kernel.

Runs every tool on the same generated network (bench/generate.py) and the same
questions, one after another, each in its own child process, and prints one table:
times, ratios against flowsim, route counts and peak memory (the child's maximum
resident set size, as `/usr/bin/time -v` reports it; it cannot be less than this
script's own size, about 10 MiB, from which the child is forked), and the machine.

    /usr/bin/python3 bench/compare.py build/bench/M-base build/bench/M-deadend ...

Questions, from meta.json's `source_agency` (base and clique variants) or
`deadend_camera` (deadend variant) to `ice_ero`, plate reads only:

  load        flowsim: `check` (the whole scenario, CSV includes and all); networkx and
              igraph: building their graph from the same CSV edge tables
  reach       can the source reach ICE, with the fewest-hops route as witness
  hops-H      every route of at most H hops, counted
  unbounded   every route, no hop bound (dead-end variant)
  shortest    the first 100 routes, fewest hops first (networkx shortest_simple_paths,
              igraph get_k_shortest_paths)
  stream-H    flowsim only: every route of at most H hops written as JSON to a file on
              /dev/shm (tmpfs; deleted afterwards), and stream-H-null to /dev/null
              (base and clique variants, the largest hop bound asked); the line under
              the table gives routes per second; the count must be hops-H's
  likely      the 100 most likely routes, likelihood the product over the edges
              (flowsim `likely`; networkx shortest_simple_paths and igraph
              get_k_shortest_paths on -log likelihood); answers compared as the sorted
              likelihoods, rounded to 9 digits
  cut         the cheapest set of edges to end so that no route is left, priced by
              `cut_cost` (flowsim `cut`; networkx minimum_cut_value and igraph mincut on
              the same capacities, edges without a cut_cost uncuttable); answers compared
              as the cost; the question's levers must be edges only (the generated
              networks have no parameter with a `lever`), else it is a mismatch

The load rows give peak RSS per edge. After the networks, a growth table puts the base
networks side by side (flowsim `query`'s loading phase, whole process, CPU and peak RSS,
per edge too; the reach and hops-5 engine times), with each measure's growth factor
against the edges' from one network to the next.

flowsim's time is, from its `-v` phases, the engine alone: everything after loading
(the configuration view, the route finder, the search and the writing; for load, the
loading phase of `check`), and the whole process; networkx's and igraph's are the question
alone, after building their graph. The route counts must agree wherever a tool
finished; the script fails loudly (exit 1) when they do not.

Python baselines run under a timeout (--timeout, default 30 s); a ratio against a
tool that timed out is a lower bound and is printed with `>`.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import platform
import re
import selectors
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# ---------------------------------------------------------------------------------------
# Workers: one child process per (tool, question) for networkx and igraph.

def plate_read_rows(directory: str, meta: dict, settings: dict | None = None):
    """The rows of the CSV edge tables that carry plate reads and are active under the
    defaults, with `settings` (parameter -> bool) applied over them."""
    values = dict(meta["parameters"], **(settings or {}))
    off = {name for name, value in values.items() if not value}
    for table in meta["edge_tables"]:
        with open(os.path.join(directory, table), newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if "plate_read" not in row["carries"].split(";"):
                    continue
                if row["when"] and row["when"] in off:
                    continue
                yield row


def read_edges(directory: str, meta: dict):
    """The plate-read edges active under the defaults, as (from, to, likelihood, cut cost)
    with likelihood and cut cost None where the table leaves them empty."""
    return [(row["from"], row["to"], float(row["likelihood"]) if row["likelihood"] else None,
             float(row["cut_cost"]) if row["cut_cost"] else None)
            for row in plate_read_rows(directory, meta)]


def worker(tool: str, directory: str, question: str, source: str, target: str, k: int):
    """Builds the tool's graph, reports, answers one question, reports. Prints JSON lines."""
    with open(os.path.join(directory, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    edges = read_edges(directory, meta)
    if question == "likely":
        # flowsim ranks a route through an edge of unknown likelihood after every route
        # whose likelihood is known (docs/cli.md, `likely`): the top k known ones are the
        # k most likely routes of the graph without such edges.
        edges = [edge for edge in edges if edge[2] is not None]
    start = time.perf_counter()
    # Edges without a cut cost cannot be cut: a capacity above every cuttable edge together.
    uncuttable = 1 + sum(cost for _, _, _, cost in edges if cost is not None)
    if tool == "networkx":
        import networkx as nx
        graph = nx.DiGraph()
        if question in ("likely", "cut"):
            graph.add_edges_from(
                (a, b, {"cost": -math.log(p or 1), "capacity": uncuttable if c is None else c})
                for a, b, p, c in edges)
        else:
            graph.add_edges_from((a, b) for a, b, _, _ in edges)
        s, t = source, target
    else:
        import igraph
        names = {}
        pairs = []
        for a, b, _, _ in edges:
            pairs.append((names.setdefault(a, len(names)), names.setdefault(b, len(names))))
        graph = igraph.Graph(n=len(names), edges=pairs, directed=True)
        costs = [-math.log(p or 1) for _, _, p, _ in edges]
        capacities = [uncuttable if c is None else c for _, _, _, c in edges]
        s, t = names[source], names[target]
    del edges
    print(json.dumps({"event": "loaded", "seconds": time.perf_counter() - start}), flush=True)
    if question == "load":
        return

    start = time.perf_counter()
    result = {}
    if question == "reach":
        if tool == "networkx":
            try:
                result["hops"] = len(nx.shortest_path(graph, s, t)) - 1
            except nx.NetworkXNoPath:
                result["hops"] = None
        else:
            path = graph.get_shortest_paths(s, to=t, output="vpath")[0]
            result["hops"] = len(path) - 1 if path else None
    elif question.startswith("hops-") or question == "unbounded":
        cutoff = None if question == "unbounded" else int(question[5:])
        if tool == "networkx":
            result["routes"] = sum(1 for _ in nx.all_simple_paths(graph, s, t, cutoff=cutoff))
        else:
            result["routes"] = len(graph.get_all_simple_paths(
                s, to=t, cutoff=-1 if cutoff is None else cutoff))
    elif question == "shortest":
        if tool == "networkx":
            import itertools
            paths = itertools.islice(nx.shortest_simple_paths(graph, s, t), k)
            result["hop_counts"] = [len(p) - 1 for p in paths]
        else:
            result["hop_counts"] = [len(p) - 1 for p in graph.get_k_shortest_paths(s, to=t, k=k)]
    elif question == "likely":
        if tool == "networkx":
            import itertools
            paths = itertools.islice(nx.shortest_simple_paths(graph, s, t, weight="cost"), k)
            costs_of = [sum(graph[a][b]["cost"] for a, b in zip(p, p[1:])) for p in paths]
        else:
            costs_of = [sum(costs[e] for e in p) for p in
                        graph.get_k_shortest_paths(s, to=t, k=k, weights=costs, output="epath")]
        result["likelihoods"] = sorted(round(math.exp(-c), 9) for c in costs_of)
    elif question == "cut":
        if tool == "networkx":
            value = nx.minimum_cut_value(graph, s, t, capacity="capacity")
        else:
            value = graph.mincut_value(s, t, capacity=capacities)
        result["cost"] = None if value >= uncuttable else round(value, 6)
    result["event"] = "answered"
    result["seconds"] = time.perf_counter() - start
    print(json.dumps(result), flush=True)


# ---------------------------------------------------------------------------------------
# Running children: wall time, peak memory, a timeout.

# flowsim's -v phase lines ("flowsim: loading FILE: 812.3 ms"), which the stderr of a child
# keeps however long it is.
PHASE_LINE = re.compile(rb"^flowsim: [^\n]* ms\n", re.MULTILINE)


class Stderr:
    """A child's stderr: its first 64 KiB (error messages) and every -v phase line after
    them. `check` prints a warning for every edge that cites no source, as every generated
    edge does: about 9.7 MB on S and hundreds of MB on M and L, too much to keep (or to
    append to one string, which copies it every time)."""
    HEAD = 1 << 16

    def __init__(self):
        self.head, self.phases, self.partial, self.size = bytearray(), [], b"", 0

    def add(self, chunk: bytes):
        if self.size < self.HEAD:
            self.head += chunk[:self.HEAD - self.size]
        self.size += len(chunk)
        data = self.partial + chunk
        complete = data.rfind(b"\n") + 1
        if self.size > self.HEAD:
            self.phases += PHASE_LINE.findall(data, 0, complete)
        self.partial = data[complete:]

    def text(self) -> str:
        if self.size <= self.HEAD:
            return self.head.decode(errors="replace")
        return (self.head.decode(errors="replace") + "\n[...]\n"
                + b"".join(self.phases).decode(errors="replace"))


def run_child(command, timeout: float, stdout_path: str | None = None):
    """Runs `command`; returns (exit status or None on timeout, wall seconds, CPU seconds
    (user and system), peak RSS in bytes, stdout lines, stderr text: see Stderr). Output
    is read as it comes, so a timeout still keeps what was reported before it."""
    start = time.perf_counter()
    out_file = open(stdout_path, "wb") if stdout_path else None
    process = subprocess.Popen(command, stdout=out_file or subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True)
    out, err = [], Stderr()
    selector = selectors.DefaultSelector()
    if not out_file:
        selector.register(process.stdout, selectors.EVENT_READ, out.append)
    selector.register(process.stderr, selectors.EVENT_READ, err.add)
    timed_out = False
    open_streams = 2 if not out_file else 1
    while open_streams:
        remaining = timeout - (time.perf_counter() - start)
        if remaining <= 0:
            timed_out = True
            os.killpg(process.pid, signal.SIGKILL)
            break
        for key, _ in selector.select(timeout=min(remaining, 1.0)):
            chunk = os.read(key.fileobj.fileno(), 1 << 20)
            if not chunk:
                selector.unregister(key.fileobj)
                open_streams -= 1
                continue
            key.data(chunk)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if out_file:
        out_file.close()
    code = None if timed_out else os.waitstatus_to_exitcode(status)
    return (code, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024,
            b"".join(out).decode(errors="replace").splitlines(), err.text())


# ---------------------------------------------------------------------------------------
# The questions each tool is asked.

class Result:
    def __init__(self, tool, question, seconds=None, wall=None, rss=None, answer=None,
                 timed_out=False, note="", cpu=None, where=None, levers=(), loading=None):
        self.tool, self.question = tool, question
        self.seconds, self.wall, self.rss, self.cpu = seconds, wall, rss, cpu
        self.answer, self.timed_out, self.note = answer, timed_out, note
        self.where = where      # stream-H: where the JSON went
        self.levers = levers    # cut: the types of flowsim's levers
        self.loading = loading  # flowsim: its loading phase, seconds (from -v)


def phases(stderr: str) -> dict:
    """flowsim's `-v` log ("flowsim: loading FILE: 812.3 ms", "flowsim: listing routes:
    1,234 routes in 250.3 ms", "flowsim: total: 1062.9 ms") as phase -> (milliseconds,
    items or None); "loading FILE" is keyed as "loading"."""
    found = {}
    for match in re.finditer(r"^flowsim: (.+?): (?:([0-9,]+) \w+ in )?([0-9.]+) ms$", stderr,
                             re.MULTILINE):
        name = "loading" if match.group(1).startswith("loading ") else match.group(1)
        items = int(match.group(2).replace(",", "")) if match.group(2) else None
        found[name] = (float(match.group(3)), items)
    return found


def stream_path(question: str) -> tuple[str, str]:
    """Where stream-H writes (a file on tmpfs) and stream-H-null (/dev/null), and how the
    table names it."""
    if question.endswith("-null"):
        return os.devnull, "/dev/null"
    directory = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
    return (os.path.join(directory, f"flowsim-stream-{os.getpid()}.json"),
            f"a file in {directory}")


def ask_flowsim(flowsim, scenario, question, source, target, k, timeout):
    base = [flowsim]
    query = ["--from", source, "--to", target, "--data", "plate_read", "-v"]
    stdout_path = None
    if question == "load":
        command = base + ["check", scenario, "-v"]
    elif question == "reach":
        command = base + ["query", scenario] + query + ["--format", "json", "--count-limit", "1"]
    elif question.startswith("hops-") or question == "unbounded":
        hops = [] if question == "unbounded" else ["--max-hops", question[5:]]
        command = base + ["paths", scenario] + query + hops + ["--count", "--format", "json"]
    elif question == "shortest":
        command = base + ["paths", scenario] + query + ["--limit", str(k), "--format", "json"]
    elif question == "likely":
        command = base + ["likely", scenario] + query + ["-k", str(k), "--format", "json"]
    elif question == "cut":
        command = base + ["cut", scenario] + query + ["--format", "json"]
    elif question.startswith("stream-"):
        stdout_path, where = stream_path(question)
        command = base + ["paths", scenario] + query + [
            "--max-hops", question.split("-")[1], "--limit", "0", "--format", "json"]
    try:
        code, wall, cpu, rss, lines, err = run_child(command, timeout, stdout_path)
        if code is None:
            return Result("flowsim", question, wall=wall, rss=rss, timed_out=True)
        if code not in (0, 1):
            raise SystemExit(f"compare.py: flowsim failed ({code}) on {question}:\n{err}")
        logged = phases(err)
        if "loading" not in logged or "total" not in logged:
            raise SystemExit(f"compare.py: no loading and total times in flowsim's -v log:\n{err}")
        loading = logged["loading"][0] / 1000
        if question == "load":
            # Loading alone; the CPU is the whole process's (check also validates and
            # answers the saved questions).
            return Result("flowsim", question, loading, wall, rss, cpu=cpu, loading=loading)
        # The engine: everything after loading (the configuration view, the route finder,
        # the search and the writing).
        seconds = logged["total"][0] / 1000 - loading
        if stdout_path == os.devnull:
            answer = logged.get("listing routes", (None, None))[1]
            return Result("flowsim", question, seconds, wall, rss, answer, cpu=cpu,
                          note=f"to {where}", where=where, loading=loading)
        if stdout_path:
            # The totals come after the routes: read only the end of a large file.
            size = os.path.getsize(stdout_path)
            with open(stdout_path, "rb") as f:
                f.seek(max(0, size - 4096))
                tail = f.read().decode(errors="replace")
            answer = int(re.search(r'"route_count": *([0-9]+)', tail).group(1))
            return Result("flowsim", question, seconds, wall, rss, answer, cpu=cpu,
                          note=f"{size / 1e6:,.0f} MB of JSON to {where}", where=where,
                          loading=loading)
    finally:
        if stdout_path and stdout_path != os.devnull and os.path.exists(stdout_path):
            os.remove(stdout_path)
    document = json.loads("\n".join(lines))
    note, levers = "", ()
    if question == "reach":
        routes = document.get("routes", [])
        answer = routes[0]["hops"] if routes else None
    elif question == "shortest":
        answer = [route["hops"] for route in document["routes"]]
    elif question == "likely":
        answer = sorted(round(route["likelihood"], 9) for route in document["routes"])
    elif question == "cut":
        answer = round(float(document["cost"]), 6) if document["found"] else None
        levers = [lever["type"] for lever in document.get("levers", [])]
        note = f"{len(levers)} levers: {', '.join(sorted(set(levers))) or 'none'}"
        if document["found"]:
            note += f"; {document['method']}"
    else:
        answer = document["route_count"]
    return Result("flowsim", question, seconds, wall, rss, answer, cpu=cpu, note=note,
                  levers=tuple(levers), loading=loading)


def ask_python(tool, directory, question, source, target, k, timeout):
    command = [sys.executable, os.path.abspath(__file__), "--worker", tool, directory, question,
               source, target, str(k)]
    code, wall, cpu, rss, lines, err = run_child(command, timeout)
    events = [json.loads(line) for line in lines if line.startswith("{")]
    loaded = next((e for e in events if e["event"] == "loaded"), None)
    answered = next((e for e in events if e["event"] == "answered"), None)
    if question == "load":
        if loaded is None:
            return Result(tool, question, wall=wall, rss=rss, timed_out=True)
        return Result(tool, question, loaded["seconds"], wall, rss, cpu=cpu)
    if answered is None:
        if code is not None:
            raise SystemExit(f"compare.py: {tool} failed on {question}:\n{err}")
        # Timed out: the question ran for the time left after loading.
        spent = timeout - (loaded["seconds"] if loaded else 0)
        return Result(tool, question, spent, wall, rss, timed_out=True)
    answer = next((answered[key] for key in ("routes", "hops", "hop_counts", "likelihoods",
                                                "cost") if key in answered), None)
    return Result(tool, question, answered["seconds"], wall, rss, answer, cpu=cpu)


def ask_kernel(kernel, directory, hop_questions, source, target, timeout):
    hops = [q[5:] for q in hop_questions]
    code, wall, cpu, rss, lines, err = run_child([kernel, directory, source, target] + hops,
                                                 timeout)
    if code != 0:
        raise SystemExit(f"compare.py: csr_kernel failed:\n{err}")
    results = []
    for line in lines[1:]:
        entry = json.loads(line)
        results.append(Result("csr kernel", f"hops-{entry['hops']}", entry["seconds"], wall, rss,
                              entry["routes"], cpu=cpu))
    return results


# ---------------------------------------------------------------------------------------

def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    # Versions from the package metadata: importing the libraries here would make this
    # process large, and every child's peak RSS starts at its parent's size.
    from importlib import metadata
    versions = []
    for module in ("networkx", "igraph"):
        try:
            versions.append(f"{module} {metadata.version(module)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{module} missing")
    return (f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {platform.node()}; "
            f"{cpu}; {os.cpu_count()} cores; {memory:.0f} GiB; {platform.platform()}; "
            f"Python {platform.python_version()}; " + ", ".join(versions))


def fmt_seconds(seconds, timed_out=False):
    if seconds is None:
        return "-"
    text = f"{seconds * 1000:.2f} ms" if seconds < 1 else f"{seconds:.2f} s"
    return ("> " + text) if timed_out else text


def fmt_answer(answer, question=""):
    if question == "likely" and isinstance(answer, list):
        return (f"{len(answer)} routes, likelihood {min(answer):.3g}-{max(answer):.3g}"
                if answer else "0 routes")
    if question == "cut":
        return "no cut" if answer is None else f"cost {answer:g}"
    if isinstance(answer, list):
        return f"{len(answer)} routes, {min(answer)}-{max(answer)} hops" if answer else "0 routes"
    return "-" if answer is None else str(answer)


def compare(directory, args):
    """Asks every tool every question on one network. Returns the table's lines, the
    disagreements, and the network's row of the growth table (None for other variants)."""
    with open(os.path.join(directory, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    scenario = os.path.join(directory, "scenario.yaml")
    name = os.path.basename(os.path.normpath(directory))
    deadend = meta["variant"] == "deadend"
    source = meta["deadend_camera"] if deadend else meta["source_agency"]
    target = meta["target"]
    questions = ["load", "reach"]
    if deadend:
        questions += ["hops-8", "unbounded"]
    elif meta["variant"] == "clique":
        # Route counts explode: 2.2 million routes of at most 5 hops on S already.
        questions += [f"hops-{h}" for h in args.clique_hops]
        questions += [f"stream-{max(args.clique_hops)}", f"stream-{max(args.clique_hops)}-null"]
    elif meta["size"] != "L":
        questions += [f"hops-{h}" for h in args.hops] + [
            "shortest", "likely", "cut", f"stream-{max(args.hops)}",
            f"stream-{max(args.hops)}-null"]
    if args.questions:
        questions = [q for q in questions if q == "load" or q in args.questions
                     or (q.startswith("stream-") and "stream" in args.questions)]
    tools = [t for t in args.tools if not (meta["size"] == "L" and t == "networkx")]

    results = []
    for question in questions:
        results.append(ask_flowsim(args.flowsim, scenario, question, source, target, args.k,
                                   args.flowsim_timeout))
        if question.startswith("stream-"):
            continue
        for tool in tools:
            if meta["size"] == "L" and question != "load":
                continue
            results.append(ask_python(tool, directory, question, source, target, args.k,
                                      args.timeout))
    hop_questions = [q for q in questions if q.startswith("hops-")]
    if args.kernel and hop_questions:
        results += ask_kernel(args.kernel, directory, hop_questions, source, target,
                              args.flowsim_timeout)

    # Answers must agree wherever a tool finished; a stream's route count must be the
    # count of its hop bound.
    problems = []
    for question in questions:
        answers = {r.tool: r.answer for r in results
                   if r.question == question and not r.timed_out and question != "load"}
        if question.startswith("stream-"):
            answers.update({f"{r.tool} (hops-{question.split('-')[1]})": r.answer
                            for r in results if r.question == f"hops-{question.split('-')[1]}"
                            and not r.timed_out})
        if len({json.dumps(a) for a in answers.values()}) > 1:
            problems.append(f"{name} {question}: the tools disagree: {answers}")
    # The cut is compared with a plain minimum cut: every lever must be an edge.
    for r in results:
        if r.question == "cut" and r.tool == "flowsim" and set(r.levers) - {"edge"}:
            problems.append(f"{name} cut: flowsim pulled levers other than edges ({r.note}), "
                            "so its cost is not comparable with a minimum edge cut")

    lines = [f"### {name}: {meta['nodes']:,} nodes, {meta['edges']:,} edges; "
             f"from {source} to {target}, plate reads", "",
             "| question | tool | time | whole process | ratio (tool / flowsim) | answer | peak RSS |",
             "|---|---|---|---|---|---|---|"]
    for question in questions:
        mine = next(r for r in results if r.tool == "flowsim" and r.question == question)
        for r in [x for x in results if x.question == question]:
            ratio = "-"
            if r.tool != "flowsim" and r.seconds and mine.seconds and not mine.timed_out:
                ratio = ("> " if r.timed_out else "") + f"{r.seconds / mine.seconds:,.0f}×" \
                    if r.seconds / mine.seconds >= 10 else \
                    ("> " if r.timed_out else "") + f"{r.seconds / mine.seconds:.2f}×"
            if question == "load":
                answer = "timed out" if r.timed_out else \
                    f"{(r.rss or 0) / meta['edges']:,.0f} bytes of peak RSS per edge"
            else:
                answer = "timed out" if r.timed_out else fmt_answer(r.answer, question)
            if r.note:
                answer += f" ({r.note})"
            lines.append(f"| {question} | {r.tool} | {fmt_seconds(r.seconds, r.timed_out)} | "
                         f"{fmt_seconds(r.wall)} | {ratio} | {answer} | "
                         f"{(r.rss or 0) / 2**20:,.0f} MiB |")
    streams = [r for r in results if r.question.startswith("stream-")]
    if streams:
        lines.append("")
        lines.append("Streaming every route as JSON (`paths --limit 0 --format json`; time "
                     "after loading): " + "; ".join(
                         f"{r.answer:,} routes to {r.where} in {fmt_seconds(r.seconds)}: "
                         f"{r.answer / r.seconds:,.0f} routes per second"
                         if r.seconds and r.answer else f"{r.question}: no time"
                         for r in streams) + ".")
    lines.append("")
    for problem in problems:
        lines.append(f"**MISMATCH** {problem}")

    growth = None
    if meta["variant"] == "base":
        def first(tool, question):
            return next((r for r in results if r.tool == tool and r.question == question
                         and not r.timed_out), None)
        growth = {"name": name, "nodes": meta["nodes"], "edges": meta["edges"],
                  "reach": first("flowsim", "reach"),
                  "hops-5": first("flowsim", "hops-5"), "igraph": first("igraph", "load")}
    return lines, problems, growth


def growth_table(rows) -> list[str]:
    """Load time, memory and query times of the base networks side by side, and how each
    grows against the edges from one network to the next."""
    lines = ["### Growth: the base networks", "",
             "flowsim `query` (the reach question) as a whole process: its loading phase "
             "(from `-v`), wall time, CPU time (user and system) and peak RSS; the engine "
             "time after loading of reach and of `paths --max-hops 5 --count` (hops-5); "
             "igraph's peak RSS building its graph (the load question).", "",
             "| network | nodes | edges | load | load per edge | whole process | CPU | "
             "peak RSS | bytes per edge | igraph bytes per edge | reach | hops-5 |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]

    def value(result, attribute):
        return getattr(result, attribute) if result else None

    for row in rows:
        reach, edges = row["reach"], row["edges"]
        loading, rss = value(reach, "loading"), value(reach, "rss")
        igraph_rss = value(row["igraph"], "rss")
        lines.append(
            f"| {row['name']} | {row['nodes']:,} | {edges:,} | {fmt_seconds(loading)} | "
            + (f"{loading / edges * 1e6:.2f} µs" if loading else "-") + " | "
            f"{fmt_seconds(value(reach, 'wall'))} | {fmt_seconds(value(reach, 'cpu'))} | "
            + (f"{rss / 2**20:,.0f} MiB | {rss / edges:,.0f}" if rss else "- | -") + " | "
            + (f"{igraph_rss / edges:,.0f}" if igraph_rss else "-") + " | "
            f"{fmt_seconds(value(reach, 'seconds'))} | "
            f"{fmt_seconds(value(row['hops-5'], 'seconds'))} |")
    lines.append("")
    # Linear growth: each measure grows by about the factor the edges grow by.
    for a, b in zip(rows, rows[1:]):
        factors = [f"edges ×{b['edges'] / a['edges']:.1f}"]
        for label, key, attribute in (
                ("load", "reach", "loading"), ("whole process", "reach", "wall"),
                ("CPU", "reach", "cpu"), ("peak RSS", "reach", "rss"),
                ("reach", "reach", "seconds"), ("hops-5", "hops-5", "seconds")):
            before, after = value(a[key], attribute), value(b[key], attribute)
            if before and after:
                factors.append(f"{label} ×{after / before:.1f}")
        lines.append(f"- {a['name']} → {b['name']}: " + ", ".join(factors))
    lines.append("")
    return lines


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        tool, directory, question, source, target, k = sys.argv[2:8]
        worker(tool, directory, question, source, target, int(k))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directories", nargs="+", help="generated networks (bench/generate.py)")
    parser.add_argument("--flowsim", default=os.path.join(ROOT, "build", "bin", "flowsim"))
    parser.add_argument("--kernel", help="the CSR kernel (build-bench/bin/csr_kernel)")
    parser.add_argument("--tools", default="networkx,igraph",
                        type=lambda s: [t for t in s.split(",") if t])
    parser.add_argument("--hops", default="4,5,6", type=lambda s: [int(h) for h in s.split(",")])
    parser.add_argument("--k", type=int, default=100)
    parser.add_argument("--clique-hops", default="3,4",
                        type=lambda s: [int(h) for h in s.split(",")],
                        help="hop bounds on the clique variant")
    parser.add_argument("--timeout", type=float, default=30.0,
                        help="seconds for each networkx or igraph run, graph building included")
    parser.add_argument("--flowsim-timeout", type=float, default=600.0)
    parser.add_argument("--questions", type=lambda s: [q for q in s.split(",") if q],
                        help="ask only these (e.g. likely,cut); load is always asked")
    parser.add_argument("-o", "--output", help="also write the tables (Markdown) here")
    args = parser.parse_args()

    report = ["Machine: " + machine(), ""]
    print(report[0], flush=True)
    all_problems, growth = [], []
    for directory in args.directories:
        lines, problems, row = compare(directory, args)
        print("\n".join(lines), flush=True)
        report += lines
        all_problems += problems
        if row and row["reach"]:
            growth.append(row)
    if growth:
        # Smallest first, whatever order the networks came in.
        lines = growth_table(sorted(growth, key=lambda row: row["edges"]))
        print("\n".join(lines), flush=True)
        report += lines
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write("\n".join(report) + "\n")
    if all_problems:
        print("compare.py: route counts disagree:\n  " + "\n  ".join(all_problems),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
