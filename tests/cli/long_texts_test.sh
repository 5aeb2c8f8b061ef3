#!/usr/bin/env bash
# Long texts in a valid scenario (issue 14, items 9 and 11):
# - a `when` of 20,000 terms is printed in linear time and memory by every command that
#   prints it (export json and dot, query's blocked route, the report), here under a
#   virtual memory cap (MEMORY_KIB; 0 for none, as under AddressSanitizer, which needs
#   terabytes of address space);
# - a label, a note and a source title of 20,000 bytes give DOT that Graphviz accepts
#   (shortened in the diagram), while JSON keeps the full text.
#   long_texts_test.sh FLOWSIM MEMORY_KIB
flowsim=$1
memory_kib=$2
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ "$memory_kib" -gt 0 ] && limits="ulimit -v $memory_kib"

long=$(head -c 20000 /dev/zero | tr '\0' 'x')
chain="a$(for _ in $(seq 19999); do printf ' and a'; done)"
cat >"$work/scenario.yaml" <<YAML
flowsim: 1
title: Long texts
as_of: 2026-01-01
sources:
  s: {title: "T$long", publisher: P, url: "https://example.org/s", date: 2025-01-01}
parameters:
  a: {default: true}
nodes:
  - {id: cams, kind: camera, produces: [plate_read], label: "L$long"}
  - {id: pd, kind: local_agency, note: "N$long"}
  - {id: ice, kind: federal_agency, tags: [ice]}
edges:
  - {from: cams, to: pd, carries: [plate_read], status: documented, sources: [s]}
  - {from: pd, to: ice, carries: [plate_read], when: "$chain", status: documented, sources: [s], note: "E$long"}
YAML
scenario=$work/scenario.yaml

run 0 check "$scenario"
run 0 export "$scenario" --format json
grep -qF "$chain" "$work/out" || fail "export json: the when is not printed in full"
grep -qF "L$long" "$work/out" || fail "export json: the label is not kept in full"
grep -qF "E$long" "$work/out" || fail "export json: the note is not kept in full"
run 0 export "$scenario" --format graphml
run 0 export "$scenario" --routes -o "$work/diagram.dot"
run 1 query "$scenario" --set a=false
grep -qF "a and a and a" "$work/out" || fail "query: the blocked route's condition is not shown"
run 0 report "$scenario" --format md --set a=false

if command -v dot >/dev/null; then
    dot -Tsvg "$work/diagram.dot" -o "$work/diagram.svg" 2>"$work/dot.err" ||
        fail "Graphviz rejects the diagram: $(head -c 300 "$work/dot.err")"
fi

finish "20,000-term when and 20,000-byte texts: printed, and drawn by Graphviz"
