#!/usr/bin/env bash
# Same seed, same bytes, whatever the threads (SPEC section 6): `flowsim simulate` prints
# exactly the same text and JSON with 1, 2 and 8 threads, and another seed changes them.
# Usage: simulate_threads_test.sh PROGRAM SCENARIO [OPTION...]
set -u
program=$1
scenario=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
for format in text json; do
    for threads in 1 2 8; do
        "$program" simulate "$scenario" "$@" --runs 20000 --seed 7 --threads "$threads" \
            --format "$format" >"$work/$format.$threads" || {
            echo "FAILED: --threads $threads --format $format exited $?"
            failed=1
        }
    done
    for threads in 2 8; do
        if ! cmp -s "$work/$format.1" "$work/$format.$threads"; then
            echo "FAILED: --format $format: --threads $threads printed other bytes than --threads 1"
            diff "$work/$format.1" "$work/$format.$threads" | head -20
            failed=1
        fi
    done
done
"$program" simulate "$scenario" "$@" --runs 20000 --seed 8 --format json >"$work/json.seed8"
if cmp -s "$work/json.1" "$work/json.seed8"; then
    echo "FAILED: seeds 7 and 8 printed the same results"
    failed=1
fi
[ "$failed" -eq 0 ] && echo "1, 2 and 8 threads: the same bytes"
exit "$failed"
