#!/usr/bin/env bash
# Renders a scenario's diagram with Graphviz and checks what a reader would see:
#   export_svg_test.sh FLOWSIM SCENARIO NODES TEXTS [export options...]
# - `flowsim export --format dot` gives the same bytes twice;
# - `dot -Tsvg` renders it with nothing on stderr;
# - the SVG has exactly NODES nodes besides the legend's (an injected node would add one;
#   "any" skips this check);
# - every line of the file TEXTS occurs in the SVG (texts as Graphviz writes them, so
#   '"' is &quot; and '-' is &#45;), and no raw markup from the scenario does;
# - `flowsim export --format svg` writes the same SVG as dot does from the DOT file.
flowsim=$1
scenario=$2
nodes=$3
texts=$4
shift 4
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$flowsim" export "$scenario" "$@" --format dot -o "$work/first.dot" || fail "export exited $?"
"$flowsim" export "$scenario" "$@" --format dot -o "$work/second.dot" || fail "export exited $?"
cmp -s "$work/first.dot" "$work/second.dot" || fail "two exports differ"

dot -Tsvg "$work/first.dot" -o "$work/dot.svg" 2>"$work/dot.err" || fail "dot exited $?"
if [ -s "$work/dot.err" ]; then
    fail "dot printed on stderr:"
    cat "$work/dot.err"
fi

# Each node is a <g class="node"> followed by its <title>, the node's DOT name.
titles=$(grep -A1 'class="node"' "$work/dot.svg" | grep -o '<title>[^<]*</title>')
drawn=$(printf '%s\n' "$titles" | grep -vc '^<title>legend:')
if [ "$nodes" != any ] && [ "$drawn" != "$nodes" ]; then
    fail "$drawn nodes drawn, expected $nodes:"
    printf '%s\n' "$titles"
fi

while IFS= read -r text; do
    [ -z "$text" ] && continue
    grep -qF -- "$text" "$work/dot.svg" || fail "not in the SVG: $text"
done <"$texts"
for markup in '<b>' '<i>' '<table>' '<script' '<svg onload' '<br/>' '<![CDATA['; do
    grep -qF -- "$markup" "$work/dot.svg" && fail "raw markup in the SVG: $markup"
done

"$flowsim" export "$scenario" "$@" --format svg -o "$work/flowsim.svg" || fail "export --format svg exited $?"
cmp -s "$work/dot.svg" "$work/flowsim.svg" || fail "export --format svg differs from dot -Tsvg"

finish "$drawn nodes, texts intact, no warnings"
