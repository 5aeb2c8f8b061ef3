#!/usr/bin/env bash
# Writes a scenario's report as files and checks what lands on disk:
#   report_files_test.sh FLOWSIM SCENARIO [report options...]
# - `--format md -o DIR/report.md` writes report.md and, beside it, report.svg, which the
#   Markdown shows by its relative name; the SVG is the one `export --routes --format svg`
#   draws;
# - `--format html -o DIR/report.html` writes one file with the SVG inline (no XML
#   prolog inside the page);
# - two runs write the same bytes, and nothing else is left in the folder.
flowsim=$1
scenario=$2
shift 2
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

for run in 1 2; do
    mkdir -p "$work/$run"
    "$flowsim" report "$scenario" "$@" --format md -o "$work/$run/report.md" || fail "md exited $?"
    "$flowsim" report "$scenario" "$@" --format html -o "$work/$run/report.html" ||
        fail "html exited $?"
done
files=$(cd "$work/1" && ls | tr '\n' ' ')
[ "$files" = "report.html report.md report.svg " ] || fail "files written: $files"
grep -qF '](<report.svg>)' "$work/1/report.md" || fail "report.md does not show report.svg"
head -c 200 "$work/1/report.svg" | grep -qF '<?xml' || fail "report.svg is not an SVG document"
"$flowsim" export "$scenario" "$@" --routes --format svg -o "$work/export.svg" ||
    fail "export exited $?"
cmp -s "$work/1/report.svg" "$work/export.svg" || fail "report.svg differs from export --routes"
grep -qE '<svg( |$)' "$work/1/report.html" || fail "no inline SVG in report.html"
grep -qF '<?xml' "$work/1/report.html" && fail "an XML prolog inside report.html"
for file in report.md report.svg report.html; do
    cmp -s "$work/1/$file" "$work/2/$file" || fail "$file differs between two runs"
done

finish "report.md with report.svg beside it, report.html self-contained, same bytes twice"
