#!/usr/bin/env bash
# The benchmark generator (bench/generate.py) is deterministic and its output is a valid
# scenario that means what it says:
#   generator_test.sh FLOWSIM GENERATE_PY
# - the same size, variant and seed give the same bytes; another seed gives other edges;
# - `flowsim check` accepts the S network and its dead-end variant, with the node and
#   edge counts meta.json gives, and answers their saved questions as expected;
# - the dead-end camera has exactly one route to ICE with no hop bound.
# The scratch folder $work, fail and finish: the shell tests' shared helpers.
. "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"
flowsim=$1
generate=$2
meta() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$@"; }

python3 "$generate" --size S --out "$work/a" 2>/dev/null || fail "generate exited $?"
python3 "$generate" --size S --out "$work/b" 2>/dev/null || fail "generate exited $?"
diff -r "$work/a" "$work/b" >/dev/null || fail "two runs with the same seed differ"
python3 "$generate" --size S --seed 2 --out "$work/c" 2>/dev/null || fail "generate exited $?"
cmp -s "$work/a/edges.csv" "$work/c/edges.csv" && fail "seeds 1 and 2 give the same edges"

for variant in base deadend; do
    dir=$work/$variant
    python3 "$generate" --size S --variant $variant --out "$dir" 2>/dev/null ||
        fail "generate --variant $variant exited $?"
    "$flowsim" check "$dir/scenario.yaml" >"$work/check.out" 2>&1 ||
        fail "flowsim check $variant exited $?: $(cat "$work/check.out")"
    grep -q "^  $(meta "$dir/meta.json" nodes) nodes:" "$work/check.out" ||
        fail "$variant: node count differs from meta.json: $(cat "$work/check.out")"
    grep -q "^  $(meta "$dir/meta.json" edges) edges:" "$work/check.out" ||
        fail "$variant: edge count differs from meta.json: $(cat "$work/check.out")"
done

camera=$(meta "$work/deadend/meta.json" deadend_camera)
routes=$("$flowsim" paths "$work/deadend/scenario.yaml" --from "$camera" --count)
[ "$routes" = 1 ] || fail "the dead-end camera has $routes routes, not 1"

finish "generator: deterministic, valid, one dead-end route"
