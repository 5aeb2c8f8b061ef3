#!/usr/bin/env python3
"""A large search-audit log streams through `flowsim audit` in flat memory.

A generator writes a log of BYTES bytes (default 2 GB) in the portal export's columns
into flowsim's stdin (`flowsim audit -`); nothing is stored on disk. The peak resident
memory of that run must stay within SLACK (default 8 MiB) of a run on a 100 MB log: memory
that grew with the rows would add hundreds of megabytes. The count of searches must be
the number of rows written. Labelled `slow` in ctest (a minute or so for 2 GB).

usage: audit_stream_test.py FLOWSIM [--bytes N] [--slack-mib M]
"""
import argparse
import json
import subprocess
import sys
import time

HEADER = b'"id","userId","searchDate","cameraCount","reason"\n'
REASONS = [b"investigation", b"Property Crime", b"UUV", b"police", b"ICE assist",
           b'"theft, ""quoted"", two\nlines"']
CAMERAS = [94, 135, 2510, 2734, 85112]


def block(month):
    """About 1 MB of rows, all in one month of 2025."""
    rows = []
    for i in range(8000):
        reason = REASONS[i % len(REASONS)]
        if not reason.startswith(b'"'):
            reason = b'"' + reason + b'"'
        rows.append(b'"%08d-0000-4000-8000-000000000000","u%d","2025-%02d-%02d %02d:%02d:00.000",'
                    b'%d,%s\n' % (i, i % 37, month, 1 + i % 28, i % 24, i % 60,
                                  CAMERAS[i % len(CAMERAS)], reason))
    return b"".join(rows), len(rows)


def run(flowsim, size):
    """Streams `size` bytes into flowsim; returns (rows written, peak RSS in KiB, output, s)."""
    started = time.monotonic()
    process = subprocess.Popen([flowsim, "audit", "-", "--format", "json", "-q"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    blocks = [block(month) for month in range(1, 13)]
    written, rows = 0, 0
    process.stdin.write(HEADER)
    index = 0
    while written < size:
        data, count = blocks[index % 12]
        process.stdin.write(data)
        written += len(data)
        rows += count
        index += 1
    # flowsim's own peak (VmHWM, since its exec), read while it still runs: the
    # rusage of a child would also count the memory of this Python process it was
    # forked from.
    with open(f"/proc/{process.pid}/status", encoding="ascii") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    process.stdin.close()
    output = process.stdout.read()
    assert process.wait() == 0, f"flowsim exited {process.returncode}"
    return rows, peak, output, time.monotonic() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("flowsim")
    parser.add_argument("--bytes", type=int, default=2 * 1024 ** 3)
    parser.add_argument("--slack-mib", type=int, default=8)
    args = parser.parse_args()
    small_rows, small_rss, _, _ = run(args.flowsim, 100 * 1024 ** 2)
    rows, rss, output, seconds = run(args.flowsim, args.bytes)
    searches = json.loads(output)["searches"]
    print(f"100 MB: {small_rows} rows, peak RSS {small_rss / 1024:.1f} MiB; "
          f"{args.bytes / 1024 ** 2:.0f} MB: {rows} rows, peak RSS {rss / 1024:.1f} MiB, "
          f"{seconds:.1f} s ({args.bytes / 1024 ** 2 / seconds:.0f} MB/s)")
    if searches != rows:
        sys.exit(f"flowsim counted {searches} searches, the generator wrote {rows}")
    if rss > small_rss + args.slack_mib * 1024:
        sys.exit(f"memory grew with the log: {small_rss} KiB -> {rss} KiB")


if __name__ == "__main__":
    main()
