#!/usr/bin/env bash
# Ctrl-C during a listing of millions of routes: flowsim stops with exit status 3 and
# what it wrote so far is valid JSON that says it is incomplete.
set -u
program=$1
scenario=$2
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$program" paths "$scenario" --limit 0 --format json >"$out" 2>/dev/null &
pid=$!
sleep 1
kill -INT "$pid"
wait "$pid"
status=$?
if [ "$status" -ne 3 ]; then
    echo "exit status $status, expected 3"
    exit 1
fi
python3 - "$out" <<'PY'
import json, sys
with open(sys.argv[1]) as f:
    listing = json.load(f)
assert listing["complete"] is False, "complete should be false"
assert listing["route_count"] == len(listing["routes"]) > 0, "route_count should match the routes"
print(f"interrupted after {listing['route_count']} routes; JSON valid")
PY
