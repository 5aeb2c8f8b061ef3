#!/usr/bin/env bash
# Every phase of a command obeys --timeout and Ctrl-C, not only the search (issue 14,
# item 12; the sweep's rows, item 14):
# - `likely -k HUGE --timeout 1` stops writing the routes it found soon after the
#   deadline: exit 3, the listing says it was cut short, stderr says by what;
# - `report --limit 0 --count-limit 0 --timeout 1` stops its table likewise, and says so
#   in the page;
# - `diff` stops writing its routes likewise;
# - `sweep` writes each row as soon as it is answered (streams them): the rows answered
#   before a Ctrl-C are on stdout while the next one is still being counted.
# The clique's labels are long, so that writing every route found in a second would take
# minutes and gigabytes (here under a virtual memory cap, MEMORY_KIB; 0 for none, as
# under AddressSanitizer); ctest's TIMEOUT is the backstop, not a timing assertion.
#   phases_test.sh FLOWSIM CLIQUE_SCENARIO MEMORY_KIB
flowsim=$1
clique=$2
memory_kib=$3
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ "$memory_kib" -gt 0 ] && limits="ulimit -v $memory_kib"

long=$(head -c 8000 /dev/zero | tr '\0' 'x')
sed "s/kind: local_agency}/kind: local_agency, label: \"Agency $long\"}/" "$clique" >"$work/long.yaml"
grep -q "Agency x" "$work/long.yaml" || fail "no long labels in the scenario"
long_clique=$work/long.yaml

# Runs flowsim ARGS keeping only the part of stdout that $keep selects (the last 2,000
# bytes, or the first lines) in $work/out: before the fix, each of these would write
# gigabytes.
keep="tail -c 2000"
run_tail() {
    local expected=$1
    shift
    (
        eval "${limits:-:}"
        "$flowsim" "$@" 2>"$work/err" | $keep >"$work/out"
        exit "${PIPESTATUS[0]}"
    )
    expect_status "$expected" $? "flowsim ${*:1:2} ..."
    grep -qF "cut short by the time limit (--timeout)" "$work/err" ||
        fail "flowsim ${*:1:2}: stderr does not say what cut it short: $(head -c 300 "$work/err")"
}

run_tail 3 likely "$long_clique" -k 1000000000 --timeout 1
grep -qF "the listing was cut short" "$work/out" || fail "likely: $(tail -c 300 "$work/out")"
run_tail 3 likely "$long_clique" -k 1000000000 --timeout 1 --format json
grep -qF '"complete": false' "$work/out" || fail "likely json: $(tail -c 300 "$work/out")"
keep="sed -n 1,12p"  # the intro of the table; sed reads on to the end
run_tail 3 report "$long_clique" --format md --limit 0 --count-limit 0 --timeout 1
grep -qF "The table was cut short by the time limit" "$work/out" ||
    fail "report: the page does not say where its table stops"
keep="tail -c 2000"
run_tail 3 diff "$long_clique" --vs-set sharing=false --timeout 1
grep -qF "Incomplete: stopped by the time limit" "$work/out" || fail "diff: $(tail -c 300 "$work/out")"

# The sweep streams: with sharing=false the clique has no route, so the first four rows
# (sharing first, changing slowest) come at once; the fifth counts the clique's routes
# for minutes.
sed 's/^parameters:$/parameters:\n  d1: {default: true}\n  d2: {default: true}/' "$clique" >"$work/sweep.yaml"
"$flowsim" sweep "$work/sweep.yaml" --params sharing,d1,d2 --count-limit 1000000000 \
    >"$work/out" 2>"$work/err" &
pid=$!
rows() { grep -cE '^ [ *] (true|false) ' "$work/out"; }
for _ in $(seq 300); do
    [ "$(rows)" -ge 4 ] && break
    sleep 0.1
done
[ "$(rows)" -ge 4 ] ||
    fail "sweep: the rows already answered are not written: $(cat "$work/out")"
kill -INT "$pid"
wait "$pid"
expect_status 3 $? "sweep interrupted"
grep -qF "Stopped by an interruption after 4 rows." "$work/out" || fail "sweep: $(cat "$work/out")"

finish "likely, report and diff stop writing at the deadline and say so; sweep streams its rows"
