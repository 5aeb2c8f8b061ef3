#!/usr/bin/env python3
"""`flowsim audit` on the shipped Eugene log agrees with an independent count.

The count here uses Python's csv module and nothing of flowsim: rows, date range,
searches per month, searches per scope (the three clusters of camera counts are plain in
the data: under 1,000 cameras, 1,000 to 10,000, over 10,000; a search of 0 cameras, run
while the cameras were switched off, has no scope), and immigration-related
reasons. No reason in this log is about immigration, while a naive substring match finds
some ("police" contains "ice"; the stolen-vehicle alert "E287021" contains "287"): flowsim
must report none.

usage: audit_eugene_test.py FLOWSIM LOG.csv
"""
import collections
import csv
import json
import subprocess
import sys


def main():
    flowsim, log = sys.argv[1], sys.argv[2]
    with open(log, newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    months = collections.Counter(row["searchDate"][:7] for row in rows)
    scopes = collections.Counter()
    for row in rows:
        cameras = int(row["cameraCount"])
        scopes["unknown" if cameras == 0 else "own" if cameras < 1000
               else "state" if cameras <= 10000 else "national"] += 1
    dates = sorted(row["searchDate"][:10] for row in rows)
    naive = [row["reason"] for row in rows
             if any(word in row["reason"].lower() for word in ("ice", "287", "ero", "hsi"))]

    done = subprocess.run([flowsim, "audit", log, "--format", "json"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    failures = []

    def expect(what, actual, wanted):
        if actual != wanted:
            failures.append(f"{what}: flowsim says {actual!r}, the independent count {wanted!r}")

    expect("rows", got["logs"][0]["rows"], len(rows))
    expect("skipped", got["logs"][0]["skipped"], 0)
    expect("searches", got["searches"], len(rows))
    expect("first date", got["first_date"], dates[0])
    expect("last date", got["last_date"], dates[-1])
    expect("months", {m["month"]: m["searches"] for m in got["months"]}, dict(months))
    expect("scopes", {k: v for k, v in got["total"]["scopes"].items() if v},
           dict(scopes))
    expect("immigration hits", got["immigration_hits"], 0)
    expect("immigration category", got["total"]["reasons"]["immigration"], 0)
    if not any("police" in reason.lower() for reason in naive) or \
            not any("E287021" in reason for reason in naive):
        failures.append("the naive substring match should find 'police' and 'E287021'")
    # The same log twice (overlapping portal exports): every row counted once, by id.
    twice = subprocess.run([flowsim, "audit", log, log, "--format", "json"],
                           capture_output=True, text=True, check=False)
    assert twice.returncode == 0, twice.stderr
    both = json.loads(twice.stdout)
    expect("searches in the log read twice", both["searches"], len(rows))
    expect("repeated rows", both["logs"][1]["duplicates"], len(rows))
    print(f"{len(rows)} rows, {dates[0]} to {dates[-1]}, scopes {dict(scopes)}; "
          f"naive substring matches: {len(naive)}, flowsim immigration hits: "
          f"{got['immigration_hits']}")
    if failures:
        print("\n".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
