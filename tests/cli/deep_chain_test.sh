#!/usr/bin/env bash
# A long chain of nodes (a valid scenario) must not exhaust the stack: every search runs
# without recursion whose depth follows the input. The chain is kept small and the stack
# smaller (ulimit -s), so that one stack frame per hop fails here as a 60,000-node chain
# fails with the usual 8 MiB.
#   deep_chain_test.sh FLOWSIM [NODES] [STACK_KIB]
flowsim=$1
nodes=${2:-20000}
stack_kib=${3:-1024}
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# n0 (camera) -> n1 -> ... -> n<last> (ICE); every edge can be cut; the last one needs a
# parameter with a lever.
last=$((nodes - 1))
{
    echo "flowsim: 1"
    echo "title: Chain"
    echo "as_of: 2026-01-01"
    echo "sources:"
    echo "  s: {title: S, publisher: P, url: \"https://example.org/s\", date: 2025-01-01}"
    echo "parameters:"
    echo "  open: {default: true, lever: council}"
    echo "nodes:"
    echo "  - {id: n0, kind: camera, produces: [plate_read]}"
    seq 1 $((last - 1)) | awk '{ print "  - {id: n" $1 ", kind: local_agency}" }'
    echo "  - {id: n$last, kind: federal_agency, tags: [ice]}"
    echo "edges:"
    seq 0 $((last - 2)) | awk '{ print "  - {from: n" $1 ", to: n" ($1 + 1) ", carries: [plate_read], status: documented, sources: [s], likelihood: 0.9, cut_cost: 2}" }'
    echo "  - {from: n$((last - 1)), to: n$last, carries: [plate_read], when: open, status: documented, sources: [s]}"
} >"$work/chain.yaml"

limits="ulimit -s $stack_kib"

chain=$work/chain.yaml
run 0 check "$chain"
run 0 paths "$chain" --count
grep -qx 1 "$work/out" || fail "paths --count printed $(head -c 100 "$work/out")"
run 0 paths "$chain" --format json
run 0 query "$chain"
run 1 query "$chain" --set open=false  # no: the blocked route is explained
run 0 likely "$chain" -k 2
run 0 cut "$chain"
run 0 diff "$chain" --vs-set open=true
run 0 sweep "$chain" --params open
run 0 export "$chain" --routes -o "$work/chain.dot"
run 0 report "$chain" --format md  # on stdout: no diagram
run 0 report "$chain" --format md --set open=false

finish "a chain of $nodes nodes with a $stack_kib KiB stack: every command answers"
