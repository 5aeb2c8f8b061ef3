#!/usr/bin/env bash
# -o FILE chooses the format when --format is absent (issue 17, item 4), in every command
# that writes more than one: each extension a command supports gives that format, in any
# case; an extension that names no format keeps the default; --format that agrees with
# the extension is fine; one that contradicts it, or an extension naming a format the
# command does not write, is refused with exit 2 and writes nothing.
#   output_format_test.sh FLOWSIM SCENARIO AUDIT_LOG
set -u
flowsim=$1
scenario=$2
log=$3
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# writes WHAT PATTERN FILE ARGS...: exit 0, and FILE's first bytes match PATTERN.
writes() {
    local what=$1 pattern=$2 file=$3
    shift 3
    "$flowsim" "$@" -o "$work/$file" 2>"$work/err"
    local status=$?
    if [ "$status" -ne 0 ]; then
        fail "$what: exit $status: $(head -c 300 "$work/err")"
    elif ! head -c 600 "$work/$file" | LC_ALL=C grep -aq "$pattern"; then
        fail "$what: $file does not start like $pattern: $(head -c 80 "$work/$file")"
    fi
}

# refuses WHAT FILE ARGS...: exit 2, a message naming -o FILE, FILE not written.
refuses() {
    local what=$1 file=$2
    shift 2
    "$flowsim" "$@" -o "$work/$file" >"$work/out" 2>"$work/err"
    local status=$?
    [ "$status" -eq 2 ] || fail "$what: exit $status, expected 2"
    grep -q -- "-o $work/$file" "$work/err" || fail "$what: the message does not name -o: $(cat "$work/err")"
    [ ! -e "$work/$file" ] || fail "$what: $file was written"
    [ ! -s "$work/out" ] || fail "$what: printed on stdout"
}

# Route listings: text or json.
writes "paths -o .json" '^{"scenario"' routes.json paths "$scenario"
writes "query -o .JSON" '^{"scenario"' answer.JSON query "$scenario"
writes "cut -o .json" '^{"scenario"' cut.json cut "$scenario"
writes "paths -o .txt keeps text" '^Routes from' routes.txt paths "$scenario"
writes "paths --format json -o .json" '^{"scenario"' agreed.json paths "$scenario" --format json
refuses "paths -o .svg" routes.svg paths "$scenario"
refuses "likely --format text -o .json" likely.json likely "$scenario" --format text

# export: dot (.dot, .gv), svg, png, graphml, json.
writes "export -o .dot" '^digraph' diagram.dot export "$scenario"
writes "export -o .gv" '^digraph' diagram.gv export "$scenario"
writes "export -o .svg" '<svg' diagram.svg export "$scenario" --routes
writes "export -o .SVG" '<svg' upper.SVG export "$scenario"
writes "export -o .png" 'PNG' diagram.png export "$scenario"
writes "export -o .graphml" '<graphml' graph.graphml export "$scenario"
writes "export -o .json" '^{"scenario"' graph.json export "$scenario"
writes "export --format svg -o .svg" '<svg' agreed.svg export "$scenario" --format svg
refuses "export --format dot -o .svg" contradiction.svg export "$scenario" --format dot
refuses "export -o .md" diagram.md export "$scenario"

# report: html (.html, .htm) or md (the diagram beside it).
writes "report -o .html" '^<!DOCTYPE html>' report.html report "$scenario"
writes "report -o .htm" '^<!DOCTYPE html>' report.htm report "$scenario"
writes "report -o .md" '^# ' report.md report "$scenario"
[ -s "$work/report.svg" ] || fail "report -o report.md wrote no report.svg beside it"
refuses "report --format html -o .md" other.md report "$scenario" --format html
refuses "report -o .json" report.json report "$scenario"

# audit: text, json or md (the chart beside it).
writes "audit -o .json" '^{"kind"' audit.json audit "$log"
writes "audit -o .md" '^# Search audit' audit.md audit "$log"
[ -s "$work/audit.svg" ] || fail "audit -o audit.md wrote no audit.svg beside it"
refuses "audit -o .html" audit.html audit "$log"
refuses "audit --format json -o .md" wrong.md audit "$log" --format json

exit $failed
