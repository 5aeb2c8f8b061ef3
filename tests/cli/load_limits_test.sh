#!/usr/bin/env bash
# What the command reads, and how much (issue 14, items 5, 6, 19 and 20):
# - one budget for every file of a scenario together (--max-input-bytes): past it every
#   command that loads a scenario says "input budget exceeded" and exits 4, never 2;
# - running out of memory while loading is a budget too, never "invalid YAML" (checked
#   under a small address-space limit, when the build has no sanitizer);
# - includes stay in the scenario's folder unless --include-dir allows another; a link
#   out of it, to /proc or to a device is refused, and nothing of those files is printed;
# - only regular files are read: a FIFO, /dev/zero and /proc files are refused at once.
#   load_limits_test.sh FLOWSIM MEMORY_KIB (0: skip the memory check)
set -u
flowsim=$1
memory_kib=$2
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Its own `run` (below) takes a description and a time limit, unlike lib.sh's.
# run EXPECTED_STATUS WHAT ARGS...: runs flowsim (at most 20 s), output in $work/out, err.
run() {
    local expected=$1 what=$2
    shift 2
    timeout 20 "$flowsim" "$@" >"$work/out" 2>"$work/err"
    local status=$?
    [ "$status" -eq "$expected" ] ||
        fail "$what: exit $status, expected $expected: $(head -c 400 "$work/err")"
}
expect_err() {  # expect_err WHAT TEXT: stderr holds TEXT
    grep -qF -- "$2" "$work/err" || fail "$1: stderr lacks '$2': $(head -c 400 "$work/err")"
}
refuse_err() {  # refuse_err WHAT TEXT: stderr does not hold TEXT
    ! grep -qF -- "$2" "$work/err" || fail "$1: stderr holds '$2'"
}

mkdir -p "$work/s/tables" "$work/shared"
cat >"$work/s/scenario.yaml" <<'YAML'
flowsim: 1
include: [tables/a.csv, tables/b.csv, tables/c.csv]
nodes:
  - {id: cams, kind: camera, produces: [plate_read]}
  - {id: ice, kind: federal_agency, tags: [ice]}
YAML
for table in a b c; do
    {
        echo "from,to,carries"
        for _ in $(seq 1 30); do echo "cams,ice,plate_read"; done
    } >"$work/s/tables/$table.csv"
done
scenario=$work/s/scenario.yaml

# 1. The budget counts every file together; the default reads the scenario whole.
run 0 "default budget" check -q "$scenario"
run 4 "check past the budget" check "$scenario" --max-input-bytes 1500
expect_err "check past the budget" "tables/c.csv': reading it would take"
refuse_err "check past the budget" "invalid"
for command in query paths likely export report; do
    run 4 "$command past the budget" "$command" "$scenario" --max-input-bytes 1kb
    expect_err "$command past the budget" "input budget exceeded"
done
run 0 "a larger budget" check -q "$scenario" --max-input-bytes 2kib
run 2 "a budget that is not a size" check "$scenario" --max-input-bytes lots
run 2 "a negative budget" check "$scenario" --max-input-bytes=-5
expect_err "a negative budget" "expected a size, 0 or more"

# 2. Includes stay in the scenario's folder; --include-dir allows another.
printf 'from,to,carries\ncams,ice,plate_read\n' >"$work/shared/edges.csv"
cat >"$work/s/outside.yaml" <<'YAML'
flowsim: 1
include: [../shared/edges.csv]
nodes:
  - {id: cams, kind: camera, produces: [plate_read]}
  - {id: ice, kind: federal_agency, tags: [ice]}
YAML
run 2 "an include outside the folder" check "$work/s/outside.yaml"
expect_err "an include outside the folder" "it leads outside the scenario's folder"
run 0 "--include-dir" check -q "$work/s/outside.yaml" --include-dir "$work/shared"

# 3. Links out of the folder, to /proc and to devices: refused, nothing of them shown.
export FLOWSIM_TEST_SECRET=hunter2-in-the-environment
ln -s /proc/self/environ "$work/s/environ.yaml"
ln -s /dev/zero "$work/s/zero.csv"
ln -s /etc/passwd "$work/s/passwd.yaml"
cat >"$work/s/links.yaml" <<'YAML'
flowsim: 1
include: [environ.yaml, zero.csv, passwd.yaml, /proc/self/environ.yaml]
YAML
run 2 "links out of the folder" check "$work/s/links.yaml"
[ "$(grep -c "it leads outside the scenario's folder" "$work/err")" -eq 4 ] ||
    fail "links out of the folder: four refusals expected: $(cat "$work/err")"
refuse_err "links out of the folder" "hunter2"
refuse_err "links out of the folder" "root:"

# 4. Only regular files: a FIFO (which would block a reader), a device, /proc.
mkfifo "$work/s/pipe.yaml"
printf 'flowsim: 1\ninclude: [pipe.yaml]\n' >"$work/s/fifo.yaml"
run 2 "an included FIFO" check "$work/s/fifo.yaml"
expect_err "an included FIFO" "not a regular file"
run 2 "a FIFO as the scenario" check "$work/s/pipe.yaml"
run 2 "/dev/zero as the scenario" check /dev/zero
expect_err "/dev/zero as the scenario" "not a regular file"
run 2 "/proc/self/environ as the scenario" check /proc/self/environ
expect_err "/proc/self/environ as the scenario" "a file of /proc or /sys"
refuse_err "/proc/self/environ as the scenario" "hunter2"

# 5. Out of memory while loading is a budget, never invalid input.
if [ "$memory_kib" -gt 0 ]; then
    {
        echo "flowsim: 1"
        echo "nodes:"
        for i in $(seq 0 999); do echo "  - {id: n$i, kind: camera, produces: [plate_read]}"; done
        echo "edges:"
        python3 -c '
import random
random.seed(7)
for _ in range(400000):
    a, b = random.sample(range(1000), 2)
    print(f"  - {{from: n{a}, to: n{b}, carries: [plate_read], status: reported}}")
'
    } >"$work/s/large.yaml"
    (ulimit -v "$memory_kib" && exec timeout 120 "$flowsim" check "$work/s/large.yaml") \
        >"$work/out" 2>"$work/err"
    status=$?
    [ "$status" -eq 4 ] || fail "out of memory: exit $status, expected 4: $(head -c 400 "$work/err")"
    expect_err "out of memory" "input budget exceeded"
    refuse_err "out of memory" "invalid"
fi

[ "$failed" -eq 0 ] && echo "load limits: all checks passed"
exit "$failed"
