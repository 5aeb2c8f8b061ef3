#!/usr/bin/env bash
# bench/compare.py reads flowsim's -v phases, streams to tmpfs and /dev/null, and prints
# the growth table:
#   compare_test.sh FLOWSIM GENERATE_PY COMPARE_PY
# On the S network, flowsim only (and igraph when Debian's python3-igraph is there), with
# the cheap questions: every flowsim row has a time, the two stream rows count the routes
# hops-4 counts, the stream file on tmpfs is gone afterwards, and the growth table has
# the S row. A disagreement between the tools makes compare.py exit 1.
# The scratch folder $work, fail and finish: the shell tests' shared helpers.
. "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"
flowsim=$1
generate=$2
compare=$3
python=python3
tools=
if /usr/bin/python3 -c 'import igraph' 2>/dev/null; then
    python=/usr/bin/python3
    tools=igraph
fi

streams() { ls /dev/shm 2>/dev/null | grep '^flowsim-stream-' | sort; }
before=$(streams)
"$python" "$generate" --size S --out "$work/S-base" 2>/dev/null || fail "generate exited $?"
"$python" "$compare" --flowsim "$flowsim" --tools "$tools" --hops 4 \
    --questions reach,hops-4,cut,stream -o "$work/out.md" "$work/S-base" >"$work/log" 2>&1 ||
    fail "compare.py exited $?: $(cat "$work/log")"
out=$work/out.md
for question in load reach hops-4 cut stream-4 stream-4-null; do
    grep -Eq "^\| $question \| flowsim \| [0-9.]+ (ms|s) \| " "$out" ||
        fail "no flowsim row with a time for $question"
done
routes=$(grep -E '^\| hops-4 \| flowsim ' "$out" | cut -d'|' -f7 | tr -d ' ')
grep -Eq "^\| stream-4 \| flowsim \|.*\| $routes \(.* MB of JSON to a file in /dev/shm\)" "$out" ||
    fail "stream-4 did not stream the $routes routes of hops-4 to /dev/shm"
grep -Eq "^\| stream-4-null \| flowsim \|.*\| $routes \(to /dev/null\)" "$out" ||
    fail "stream-4-null did not stream the $routes routes of hops-4 to /dev/null"
grep -q "routes to /dev/null in .*routes per second" "$out" || fail "no routes per second"
grep -q "levers: edge; " "$out" || fail "cut does not say its levers are edges"
grep -Eq '^\| S-base \| 11,172 \| 37,082 \| [0-9.]+ (ms|s) \|' "$out" ||
    fail "no S-base row in the growth table"
[ "$(streams)" = "$before" ] || fail "a stream file is left in /dev/shm"

finish "compare.py: times, streams, cut levers and growth table on S"
