#!/usr/bin/env bash
# What `-o FILE` and stdout may and may not do (issue 14, items 2, 3, 4 and 16):
# - the temporary file is created exclusively: a planted `FILE.tmp` symlink is not
#   followed, and no temporary file is left behind, after success or failure;
# - a FIFO or a character device is written in place, never replaced; a directory or a
#   socket is refused (exit 2); a symbolic link stays a link;
# - a file the scenario was loaded from (the scenario, an include, under any name) is
#   refused with exit 2, naming it, and left as it was;
# - a second Ctrl-C (or SIGTERM) ends flowsim at once and removes -o's temporary file;
# - the first failed write stops the work: exit 4 with the system's reason, on a file
#   (RLIMIT_FSIZE) and on stdout (/dev/full), even while listing millions of routes, and
#   for every command (check, export and audit too).
#   output_files_test.sh FLOWSIM CLIQUE_SCENARIO
flowsim=$1
clique=$2
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cat >"$work/scenario.yaml" <<'YAML'
flowsim: 1
title: Output
as_of: 2026-01-01
include: [part.yaml]
sources:
  s: {title: S, publisher: P, url: "https://example.org/s", date: 2025-01-01}
parameters:
  sharing: {default: true, lever: council}
nodes:
  - {id: cams, kind: camera, produces: [plate_read]}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {from: cams, to: pd, carries: [plate_read], status: documented, sources: [s]}
  - {from: pd, to: ice, carries: [plate_read], when: sharing, status: documented, sources: [s]}
YAML
cat >"$work/part.yaml" <<'YAML'
nodes:
  - {id: pd, kind: local_agency}
YAML
cp "$work/scenario.yaml" "$work/scenario.orig"
cp "$work/part.yaml" "$work/part.orig"

# 2. A planted FILE.tmp symlink is not followed; nothing but FILE is added.
mkdir "$work/planted"
echo "important" >"$work/planted/important.txt"
ln -s important.txt "$work/planted/victim.dot.tmp"
"$flowsim" export "$work/scenario.yaml" -o "$work/planted/victim.dot" 2>"$work/err"
expect_status 0 $? "export -o beside a planted symlink"
[ "$(cat "$work/planted/important.txt")" = "important" ] || fail "the planted symlink was followed"
grep -q '^digraph' "$work/planted/victim.dot" || fail "victim.dot was not written"
files=$(cd "$work/planted" && ls -A | tr '\n' ' ')
[ "$files" = "important.txt victim.dot victim.dot.tmp " ] || fail "files left: $files"

# 3. A FIFO is written in place and stays a FIFO.
mkfifo "$work/fifo"
cat "$work/fifo" >"$work/from_fifo" &
reader=$!
"$flowsim" export "$work/scenario.yaml" -o "$work/fifo" 2>"$work/err"
expect_status 0 $? "export -o FIFO"
# The reader ends when flowsim closes the FIFO; if flowsim never opened it, it would
# wait forever.
for _ in $(seq 100); do
    kill -0 "$reader" 2>/dev/null || break
    sleep 0.1
done
kill "$reader" 2>/dev/null
wait "$reader"
[ -p "$work/fifo" ] || fail "the FIFO was replaced"
grep -q '^digraph' "$work/from_fifo" || fail "nothing came through the FIFO"
# A character device (made here when allowed, i.e. as root) likewise.
if mknod "$work/null" c 1 3 2>/dev/null; then
    "$flowsim" export "$work/scenario.yaml" -o "$work/null" 2>"$work/err"
    expect_status 0 $? "export -o a null device"
    [ -c "$work/null" ] || fail "the device was replaced"
fi
# A directory and a socket are refused.
mkdir "$work/folder"
"$flowsim" export "$work/scenario.yaml" -o "$work/folder" 2>"$work/err"
expect_status 2 $? "export -o a directory"
[ -d "$work/folder" ] || fail "the directory was replaced"
if python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$work/socket"; then
    "$flowsim" export "$work/scenario.yaml" -o "$work/socket" 2>"$work/err"
    expect_status 2 $? "export -o a socket"
    [ -S "$work/socket" ] || fail "the socket was replaced"
fi
# A symbolic link to a file stays a link; its target gets the result.
echo old >"$work/target.dot"
ln -s target.dot "$work/link.dot"
"$flowsim" export "$work/scenario.yaml" -o "$work/link.dot" 2>"$work/err"
expect_status 0 $? "export -o a symlink"
[ -L "$work/link.dot" ] || fail "the symlink was replaced"
grep -q '^digraph' "$work/target.dot" || fail "the link's target was not written"

# 4. Never over a file the scenario was loaded from, whatever the name.
ln -s scenario.yaml "$work/alias.yaml"
for target in scenario.yaml part.yaml alias.yaml ./part.yaml; do
    "$flowsim" export "$work/scenario.yaml" -o "$work/$target" 2>"$work/err"
    expect_status 2 $? "export -o $target"
    grep -qF "which the scenario was loaded from" "$work/err" || fail "-o $target: $(cat "$work/err")"
done
"$flowsim" report "$work/scenario.yaml" --format md -o "$work/part.yaml" 2>"$work/err"
expect_status 2 $? "report -o part.yaml"
cmp -s "$work/scenario.yaml" "$work/scenario.orig" || fail "the scenario was overwritten"
cmp -s "$work/part.yaml" "$work/part.orig" || fail "the included file was overwritten"

# 16. The first failed write stops the work: a file over RLIMIT_FSIZE (SIGXFSZ ignored,
# so write fails with EFBIG), then stdout on /dev/full. The clique has millions of routes:
# only stopping ends these runs (ctest's TIMEOUT is the backstop).
mkdir "$work/limited"
(
    trap '' XFSZ
    ulimit -f 64
    "$flowsim" paths "$clique" --limit 0 --format json -o "$work/limited/routes.json" 2>"$work/err"
)
expect_status 4 $? "paths -o over the file size limit"
grep -qF "cannot write '$work/limited/routes.json': File too large" "$work/err" ||
    fail "no reason given: $(cat "$work/err")"
files=$(cd "$work/limited" && ls -A | tr '\n' ' ')
[ -z "$files" ] || fail "left behind after a failed write: $files"

# A second signal ends flowsim at once (a stuck program can still be stopped), and takes
# the temporary file of -o with it. Stopped, sent Ctrl-C and then SIGTERM, and continued,
# flowsim sees both before it runs on.
mkdir "$work/killed"
"$flowsim" paths "$clique" --limit 0 -o "$work/killed/routes.txt" 2>"$work/err" &
pid=$!
for _ in $(seq 200); do
    [ -n "$(ls -A "$work/killed")" ] && break
    sleep 0.05
done
kill -STOP "$pid"
kill -INT "$pid"
kill -TERM "$pid"
kill -CONT "$pid"
wait "$pid"
status=$?
# Ended by whichever of the two came second: SIGINT (130) or SIGTERM (143).
[ "$status" -eq 130 ] || [ "$status" -eq 143 ] ||
    fail "paths -o ended by a second signal: exit $status: $(head -c 300 "$work/err")"
files=$(cd "$work/killed" && ls -A | tr '\n' ' ')
[ -z "$files" ] || fail "left behind by a second signal: $files"
if [ -w /dev/full ]; then
    "$flowsim" paths "$clique" --limit 0 >/dev/full 2>"$work/err"
    expect_status 4 $? "paths >/dev/full"
    grep -qF "cannot write to stdout: No space left on device" "$work/err" ||
        fail "stdout: no reason given: $(cat "$work/err")"
    "$flowsim" query "$work/scenario.yaml" >/dev/full 2>"$work/err"
    expect_status 4 $? "query >/dev/full"
    grep -qF "No space left on device" "$work/err" || fail "query: no reason given: $(cat "$work/err")"
    "$flowsim" export "$work/scenario.yaml" -o /dev/full 2>"$work/err"
    expect_status 4 $? "export -o /dev/full"
    [ -c /dev/full ] || fail "/dev/full was replaced"
    # Every command, whatever it writes.
    audit_log=$(dirname "${BASH_SOURCE[0]}")/cases/audit/constructed_reasons.csv
    while read -r -a words; do
        "$flowsim" "${words[@]}" >/dev/full 2>"$work/err"
        expect_status 4 $? "${words[*]} >/dev/full"
        grep -qF "cannot write to stdout: No space left on device" "$work/err" ||
            fail "${words[*]} >/dev/full: $(head -c 300 "$work/err")"
    done <<LIST
check $work/scenario.yaml
check -v $work/scenario.yaml
query $work/scenario.yaml --format json
paths $work/scenario.yaml --count
likely $work/scenario.yaml
cut $work/scenario.yaml
sweep $work/scenario.yaml --params sharing
diff $work/scenario.yaml --vs-set sharing=false
export $work/scenario.yaml
export $work/scenario.yaml --format json
export $work/scenario.yaml --format graphml
report $work/scenario.yaml --format md
audit $audit_log
audit $audit_log --format json
LIST
fi

finish "-o and stdout: exclusive temporary files, devices and FIFOs in place, scenario files refused, first failed write stops"
