#!/usr/bin/env bash
# Graphviz is bounded (issue 14, item 10):
# - a diagram of more than 500 nodes is not laid out (export --format svg, report): exit
#   2, saying how to narrow it; DOT is still written, and --routes-only narrows it (a
#   report draws only its routes above 300 nodes);
# - dot runs under the command's --timeout and stops on Ctrl-C, however often pressed: it
#   and its process group are killed, its temporary folder removed, exit 3;
# - dot runs with its address space capped (--dot-memory);
# - a dot that exits 0 without writing the diagram is an error (exit 4).
# A stand-in `dot` on PATH plays each misbehaviour.
#   graphviz_bounds_test.sh FLOWSIM
flowsim=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# 600 nodes: a camera, 598 agencies it shares with, ICE behind one of them.
{
    echo "flowsim: 1"
    echo "title: Wide"
    echo "nodes:"
    echo "  - {id: cams, kind: camera, produces: [plate_read]}"
    seq 1 598 | awk '{ print "  - {id: pd" $1 ", kind: local_agency}" }'
    echo "  - {id: ice, kind: federal_agency, tags: [ice]}"
    echo "edges:"
    seq 1 598 | awk '{ print "  - {from: cams, to: pd" $1 ", carries: [plate_read]}" }'
    echo "  - {from: pd1, to: ice, carries: [plate_read]}"
} >"$work/wide.yaml"
wide=$work/wide.yaml

if command -v dot >/dev/null; then
    "$flowsim" export "$wide" --routes --format svg -o "$work/wide.svg" 2>"$work/err"
    expect_status 2 $? "export svg of 600 nodes"
    grep -qF -- "--routes-only" "$work/err" || fail "no advice: $(cat "$work/err")"
    [ -e "$work/wide.svg" ] && fail "an SVG was written"
    # Above 300 nodes a report draws its routes alone (exit 0), unless they alone are too
    # many: ICE behind every agency.
    "$flowsim" report "$wide" -o "$work/wide.html" 2>"$work/err"
    expect_status 0 $? "report of 600 nodes, drawn by its routes"
    grep -qF "The nodes and sharing links on the routes" "$work/wide.html" ||
        fail "the report does not say it draws only the routes"
    sed 's/^  - {from: pd1, to: ice, carries: \[plate_read\]}$//' "$wide" >"$work/every.yaml"
    seq 1 598 | awk '{ print "  - {from: pd" $1 ", to: ice, carries: [plate_read]}" }' >>"$work/every.yaml"
    "$flowsim" report "$work/every.yaml" -o "$work/every.html" 2>"$work/err"
    expect_status 2 $? "report of 600 nodes on its routes"
    grep -qF -- "--collapse-by" "$work/err" || fail "no advice: $(cat "$work/err")"
    "$flowsim" export "$wide" --routes-only --format svg -o "$work/narrow.svg" 2>"$work/err"
    expect_status 0 $? "export --routes-only"
    "$flowsim" report "$wide" --routes-only -o "$work/narrow.html" 2>"$work/err"
    expect_status 0 $? "report --routes-only"
fi
"$flowsim" export "$wide" --routes -o "$work/wide.dot" 2>"$work/err"
expect_status 0 $? "export dot of 600 nodes (not laid out)"
"$flowsim" report "$wide" --format md >/dev/null 2>"$work/err"
expect_status 0 $? "report md on stdout (no diagram)"

# Stand-ins for dot.
small=$work/small.yaml
head -4 "$wide" >"$small"
echo "  - {id: ice, kind: federal_agency, tags: [ice]}" >>"$small"
echo "edges:" >>"$small"
echo "  - {from: cams, to: ice, carries: [plate_read]}" >>"$small"
mkdir "$work/bin" "$work/tmp" "$work/dest"
fake() {
    printf '#!/bin/sh\n%s\n' "$1" >"$work/bin/dot"
    chmod +x "$work/bin/dot"
}
run_fake() {
    PATH="$work/bin:$PATH" TMPDIR="$work/tmp" PIDS="$work/pids" "$flowsim" "$@"
}
no_leftovers() {
    local what=$1 pid state
    for pid in $(cat "$work/pids" 2>/dev/null); do
        # A killed process whose parent died may stay a zombie until init reaps it.
        state=$(ps -o stat= -p "$pid" 2>/dev/null)
        [ -n "$state" ] && [ "${state#Z}" = "$state" ] &&
            fail "$what: process $pid of dot is still running ($state)"
    done
    [ -z "$(ls -A "$work/tmp")" ] || fail "$what: left in TMPDIR: $(ls -A "$work/tmp")"
    rm -f "$work/pids"
}

# A dot that never ends (with a child of its own): --timeout stops it.
fake 'sleep 600 & echo $! >>"$PIDS"; echo $$ >>"$PIDS"; wait'
run_fake export "$small" --format svg --timeout 1 -o "$work/t.svg" 2>"$work/err"
expect_status 3 $? "export --timeout with a dot that never ends"
grep -qF "time limit" "$work/err" || fail "timeout: $(cat "$work/err")"
[ -e "$work/t.svg" ] && fail "an SVG was written after the timeout"
no_leftovers "timeout"
run_fake report "$small" --timeout 1 -o "$work/t.html" 2>"$work/err"
expect_status 3 $? "report --timeout with a dot that never ends"
no_leftovers "report timeout"

# Ctrl-C while dot runs, once; and a second signal, which must not end flowsim at once (as
# it does elsewhere): that would leave dot running in its own process group and its
# temporary folder (and -o's temporary file) behind. flowsim stops dot, cleans up and
# exits 3 itself. For a second signal that surely comes before flowsim runs on, flowsim
# is stopped, sent Ctrl-C and SIGTERM, and continued; then Ctrl-C twice in a row.
for round in once stopped twice; do
    # flowsim itself in the background (not a function's subshell), so that $! is flowsim.
    PATH="$work/bin:$PATH" TMPDIR="$work/tmp" PIDS="$work/pids" \
        "$flowsim" export "$small" --format svg -o "$work/dest/i.svg" 2>"$work/err" &
    flowsim_pid=$!
    for _ in $(seq 200); do
        [ -s "$work/pids" ] && [ "$(wc -l <"$work/pids")" -ge 2 ] && break
        sleep 0.05
    done
    case $round in
        once) kill -INT "$flowsim_pid" ;;
        stopped)
            kill -STOP "$flowsim_pid"
            kill -INT "$flowsim_pid"
            kill -TERM "$flowsim_pid"
            kill -CONT "$flowsim_pid"
            ;;
        twice)
            kill -INT "$flowsim_pid"
            sleep 0.001
            kill -INT "$flowsim_pid" 2>/dev/null
            ;;
    esac
    wait "$flowsim_pid"
    expect_status 3 $? "export interrupted while dot runs ($round)"
    no_leftovers "interrupted ($round)"
    [ -z "$(ls -A "$work/dest")" ] || fail "left beside -o: $(ls -A "$work/dest")"
done

# The memory cap reaches dot.
fake 'ulimit -v >"$PIDS.limit"; exit 1'
run_fake export "$small" --format svg --dot-memory 300 -o "$work/m.svg" 2>"$work/err"
expect_status 4 $? "export with a failing dot"
[ "$(cat "$work/pids.limit" 2>/dev/null)" = "307200" ] ||
    fail "dot's address space: $(cat "$work/pids.limit" 2>/dev/null), expected 307200 KiB"
grep -qF "300 MiB" "$work/err" || fail "the failure does not name the cap: $(cat "$work/err")"
rm -f "$work/pids.limit"

# A dot that exits 0 without writing anything.
fake 'exit 0'
run_fake export "$small" --format svg -o "$work/e.svg" 2>"$work/err"
expect_status 4 $? "export with a dot that writes nothing"
grep -qF "without writing" "$work/err" || fail "empty output: $(cat "$work/err")"
[ -e "$work/e.svg" ] && fail "an empty SVG was written"
no_leftovers "empty output"

finish "dot: large diagrams refused, timeout and Ctrl-C kill its group, memory capped, empty output an error"
