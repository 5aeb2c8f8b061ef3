#!/usr/bin/env bash
# `make bench`: generates the networks (build/bench/, not committed), runs Google Benchmark
# on the library and the side-by-side comparison with networkx, igraph and the CSR kernel,
# and writes the tables to build/bench/results-<date>.md. docs/performance.md explains them.
#
#     bench/run.sh [BUILD_DIR]        # default build-bench (the `bench` preset)
#
# BENCH_NETWORKS (default "S-base M-base M-deadend M-clique L-base") picks the networks
# (`make bench BENCH_NETWORKS="S-base M-base"` passes it through); BENCH_TIMEOUT (default
# 30) is the seconds each networkx or igraph run may take. compare.py ends with a growth
# table across the base networks (S, M, L). On M-base it also runs
# bench/simulate_compare.py (flowsim simulate against a Python Monte Carlo over networkx).
# The results end with how long each piece took.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-bench}
networks=${BENCH_NETWORKS:-S-base M-base M-deadend M-clique L-base}
timeout=${BENCH_TIMEOUT:-30}
python=/usr/bin/python3   # Debian's, which has python3-networkx and python3-igraph
out=build/bench/results-$(date -u +%Y-%m-%d).md

# How long each piece took (wall seconds), written at the end of the results.
took=()
started=$SECONDS
lap() {
    took+=("| $1 | $((SECONDS - started)) s |")
    started=$SECONDS
}

for network in $networks; do
    dir=build/bench/$network
    # Regenerated when missing or older than the generator.
    if [ ! -f "$dir/meta.json" ] || [ bench/generate.py -nt "$dir/meta.json" ]; then
        "$python" bench/generate.py --size "${network%%-*}" --variant "${network#*-}" --out "$dir"
        lap "generate $network"
    fi
done

meta() { "$python" -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$@"; }

mkdir -p build/bench
{
    echo "# flowsim benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "## Google Benchmark (library, $build)"
    echo
    echo '```'
} > "$out"
for network in $networks; do
    dir=build/bench/$network
    case $network in
        L-*) continue ;;  # loading L takes long: compare.py measures it, whole process
        *-deadend) source=$(meta "$dir/meta.json" deadend_camera); hops="8 0" ;;
        *-clique) source=$(meta "$dir/meta.json" source_agency); hops="3 4" ;;
        *) source=$(meta "$dir/meta.json" source_agency); hops="4 5 6" ;;
    esac
    echo "== $network (from $source, hop bounds $hops; 0 = none)" | tee -a "$out"
    "$build/bin/flowsim_bench" --benchmark_min_time=0.5 "$dir" "$source" $hops 2>&1 | tee -a "$out"
    lap "Google Benchmark, $network"
done
echo '```' >> "$out"
echo >> "$out"
echo "## Side by side" >> "$out"
echo >> "$out"

dirs=()
for network in $networks; do dirs+=("build/bench/$network"); done
"$python" bench/compare.py --flowsim "$build/bin/flowsim" --kernel "$build/bin/csr_kernel" \
    --timeout "$timeout" -o "$out.compare" "${dirs[@]}"
lap "compare.py, $networks"
cat "$out.compare" >> "$out"
rm -f "$out.compare"

# The simulation against a plain Python Monte Carlo over networkx (same model; the shares
# must agree within 4 standard errors). BENCH_SIM_RUNS and BENCH_SIM_PYTHON_RUNS set the
# runs of each.
for network in $networks; do
    case $network in
        M-base)
            # The defaults (every run reaches ICE; the share within a week is the test),
            # then each state on its own (about a third of the runs reach ICE).
            echo >> "$out"
            "$python" bench/simulate_compare.py "build/bench/$network" --flowsim "$build/bin/flowsim" \
                --runs "${BENCH_SIM_RUNS:-20000}" --python-runs "${BENCH_SIM_PYTHON_RUNS:-300}" \
                | tee -a "$out"
            echo >> "$out"
            "$python" bench/simulate_compare.py "build/bench/$network" --flowsim "$build/bin/flowsim" \
                --runs "${BENCH_SIM_RUNS:-20000}" --python-runs "${BENCH_SIM_PYTHON_RUNS:-3000}" \
                --set national_lookup=false --set statewide_lookup=false \
                --set national_sharing=false | tee -a "$out"
            lap "simulate_compare.py, $network (twice)"
            ;;
    esac
done
{
    echo
    echo "## Time taken (wall, this run)"
    echo
    echo "| piece | time |"
    echo "|---|---:|"
    printf '%s\n' "${took[@]}"
} >> "$out"
echo "Wrote $out"
