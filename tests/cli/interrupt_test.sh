#!/usr/bin/env bash
# Ctrl-C during long work (a listing of millions of routes, a sweep or a cut that counts
# them): flowsim stops with exit status 3 and what it wrote is valid JSON that says it is
# incomplete.
# Usage: interrupt_test.sh PROGRAM SCENARIO COMMAND [OPTION...]
set -u
program=$1
scenario=$2
command=$3
shift 3
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$program" "$command" "$scenario" "$@" --format json >"$out" 2>/dev/null &
pid=$!
sleep 1
kill -INT "$pid"
wait "$pid"
status=$?
if [ "$status" -ne 3 ]; then
    echo "exit status $status, expected 3"
    exit 1
fi
python3 - "$out" "$command" <<'PY'
import json, sys
with open(sys.argv[1]) as f:
    answer = json.load(f)
assert answer["complete"] is False, "complete should be false"
if sys.argv[2] == "paths":
    assert answer["route_count"] == len(answer["routes"]) > 0, "route_count should match"
    print(f"interrupted after {answer['route_count']} routes; JSON valid")
else:
    print(f"{sys.argv[2]} interrupted; JSON valid")
PY
