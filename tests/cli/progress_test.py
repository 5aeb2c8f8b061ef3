#!/usr/bin/env python3
"""Progress and phases on stderr (issue 17, item 5; issue 14, item 13).

- On a terminal (a pseudo-terminal here), long work shows what it is doing, a count and
  the time elapsed, on one line redrawn in place; with stderr in a pipe, nothing of it.
  -q turns it off.
- `paths --count` stops at --count-limit when given ("at least", exit 0), at --timeout
  and at Ctrl-C (exit 3), and has no cap of its own.
- -v prints each phase's time and the total.

    progress_test.py FLOWSIM CLIQUE_SCENARIO MINIMAL_SCENARIO
"""
import json
import os
import pty
import signal
import subprocess
import sys
import time

flowsim, clique, minimal = sys.argv[1:4]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def on_terminal(args, interrupt_when=None):
    """Runs flowsim with stderr on a pseudo-terminal; returns (status, stdout, stderr).
    `interrupt_when`: send SIGINT once stderr contains this text."""
    master, slave = pty.openpty()
    process = subprocess.Popen([flowsim] + args, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    seen = b""
    interrupted = False
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # EIO: every end of the terminal is closed
            break
        if not data:
            break
        seen += data
        if interrupt_when and not interrupted and interrupt_when.encode() in seen:
            process.send_signal(signal.SIGINT)
            interrupted = True
    os.close(master)
    out = process.stdout.read().decode()
    process.wait()
    return process.returncode, out, seen.decode(errors="replace")


def in_pipe(args):
    done = subprocess.run([flowsim] + args, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=50)
    return done.returncode, done.stdout, done.stderr


# On a terminal: the phase, a count, the time; redrawn in place.
status, out, err = on_terminal(["paths", clique, "--count", "--timeout", "2"])
check(status == 3, f"paths --count --timeout 2 on a terminal: exit {status}")
check("\rflowsim: counting routes: " in err and " routes, " in err and " s" in err,
      f"no progress on the terminal: {err[:300]!r}")
check(out.strip().endswith("(at least; cut short)"), f"count: {out!r}")
check("cut short by the time limit (--timeout)" in err, f"no word of the timeout: {err[-300:]!r}")

# In a pipe: none of it (the note on what cut the count short is not progress).
status, out, err = in_pipe(["paths", clique, "--count", "--timeout", "1"])
check(status == 3, f"paths --count --timeout 1: exit {status}")
check(err == "flowsim: cut short by the time limit (--timeout)\n",
      f"stderr in a pipe should hold only the note: {err[:300]!r}")

# -q: no progress, even on a terminal.
status, out, err = on_terminal(["paths", clique, "--count", "--timeout", "1", "-q"])
check(status == 3 and "counting routes" not in err, f"-q on a terminal: {status} {err[:300]!r}")

# Ctrl-C stops the count (exit 3), once the progress line shows it is under way.
status, out, err = on_terminal(["paths", clique, "--count"], interrupt_when="counting routes")
check(status == 3, f"paths --count interrupted: exit {status}")
check(out.strip().endswith("(at least; cut short)"), f"interrupted count: {out!r}")

# --count-limit: "at least", exit 0; the default --limit (1000) does not cap a count.
status, out, err = in_pipe(["paths", clique, "--count", "--count-limit", "5000"])
check(status == 0, f"paths --count --count-limit 5000: exit {status}: {err[:300]}")
check(out == "5000 (at least; counting stopped at the limit)\n", f"count limited: {out!r}")
status, out, err = in_pipe(["paths", clique, "--count", "--count-limit", "5000",
                            "--format", "json"])
count = json.loads(out)
check((count["route_count"], count["complete"]) == (5000, False), f"json: {out!r}")
check(err == "", f"stderr of a count that stopped at its limit: {err!r}")
status, out, err = in_pipe(["paths", clique, "--count", "--max-hops", "7"])
check(status == 0 and out == "5861\n", f"a count over 1000 is whole: {status} {out!r}")
status, out, err = in_pipe(["paths", clique, "--count", "--max-hops", "7", "--count-limit", "0"])
check(status == 0 and out == "5861\n", f"--count-limit 0 counts them all: {status} {out!r}")
status, out, err = in_pipe(["paths", clique, "--count", "--max-hops", "7", "--count-limit",
                            "5861"])
check(status == 0 and out == "5861\n", f"a limit the count reaches exactly: {status} {out!r}")

# -v: the phases' times and the total.
status, out, err = in_pipe(["paths", minimal, "-v"])
check(status == 0, f"paths -v: exit {status}")
for phase in ("flowsim: loading ", "flowsim: applying the configuration: ",
              "flowsim: listing routes: 1 route in ", "flowsim: total: "):
    check(phase in err, f"-v does not say {phase!r}: {err!r}")
check("\r" not in err, f"-v in a pipe drew progress: {err!r}")

if failures:
    print("FAILED:\n" + "\n".join(failures))
    sys.exit(1)
print("progress on a terminal only, -q silent, --count bounded by --count-limit, --timeout "
      "and Ctrl-C, -v times each phase")
