#!/usr/bin/env bash
# Runs every libFuzzer target in BUILD_DIR/bin for SECONDS each, with seed corpora from
# the shipped scenarios and the test inputs. Exits non-zero on the first finding; the
# crashing input is left in fuzz/findings/ to become a regression test.
set -euo pipefail
build_dir=${1:?usage: run-fuzzers.sh BUILD_DIR SECONDS}
seconds=${2:-60}
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$top/fuzz/findings"

seed() {  # seed TARGET FILES...
    local dir="$work/$1"
    mkdir -p "$dir"
    shift
    for file in "$@"; do
        [ -f "$file" ] && cp "$file" "$dir/$(echo "$file" | tr '/' '_')"
    done
    true
}
seed scenario_loader "$top"/scenarios/*.yaml "$top"/tests/golden/errors/*/*.yaml "$top"/tests/cli/cases/*.yaml
seed csv_reader "$top"/tests/golden/errors/*/*.csv
# Include trees: the error cases' scenarios (the target reads its files and choices
# from any bytes; these give it YAML and CSV to start from).
seed include_tree "$top"/tests/golden/errors/*/*.yaml "$top"/tests/golden/errors/*/*.csv
seed search_audit "$top"/tests/cli/cases/audit/*.csv
# Scenarios that load, for the writers: the shipped ones and the golden diagrams' inputs.
seed writers_round_trip "$top"/scenarios/*.yaml "$top"/tests/golden/dot/*/scenario.yaml "$top"/tests/cli/cases/*.yaml
mkdir -p "$work/expression_parser"
grep -ho 'when: .*' "$top"/scenarios/*.yaml | sed 's/^when: //' | sort -u | while read -r line; do
    printf '%s' "$line" > "$work/expression_parser/$(printf '%s' "$line" | md5sum | cut -c1-12)"
done

for target in scenario_loader expression_parser csv_reader search_audit include_tree writers_round_trip; do
    echo "fuzzing $target for ${seconds}s"
    "$top/$build_dir/bin/${target}_fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
        -artifact_prefix="$top/fuzz/findings/${target}-" -print_final_stats=0 "$work/$target" \
        2>"$work/$target.log" || { tail -40 "$work/$target.log"; exit 1; }
    grep -E '^#[0-9]+.*DONE' "$work/$target.log" | tail -1 || true
done
echo "fuzzing finished without findings"
