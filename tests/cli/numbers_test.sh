#!/usr/bin/env bash
# Numbers on the command line (issue 14, items 14 and 15):
# - a negative, fractional or non-numeric whole number (--limit -5, likely -k -1,
#   --count-limit -1, cut --exact-routes -1, sweep --max-combinations -1, --max-hops -1,
#   ...) is refused with exit 2 and one message, never read as a number near 2^64;
# - --timeout takes finite numbers of seconds, 0 or more: nan, inf and negative numbers
#   are refused (exit 2); a huge one (1e10, 1e308) means no limit, not "stop at once".
#   numbers_test.sh FLOWSIM MINIMAL_SCENARIO
flowsim=$1
scenario=$2
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

refused() {
    local option=$1 value=$2 minimum=$3
    shift 3
    run 2 "$@" "$scenario" "$option" "$value"
    grep -qxF -- "$option: expected a whole number, $minimum or more; got '$value'" "$work/err" ||
        fail "flowsim $1 $option $value: $(head -c 300 "$work/err")"
}
refused --limit -5 0 paths
refused --limit 1.5 0 paths
refused --limit 0x10 0 paths
refused --limit -1 0 query
refused --count-limit -1 0 query
refused --count-limit -1 0 paths --count
refused --limit -1 0 report --format md
refused --count-limit -1 0 report --format md
refused -k -1 1 likely
refused -k 0 1 likely
refused --exact-routes -1 0 cut
refused --max-combinations -1 0 sweep --params national_lookup
refused --count-limit 0 1 sweep --params national_lookup
refused --limit -1 1 diff --vs-set national_lookup=false
refused --max-hops -1 0 paths
refused --max-hops -1 0 export
refused --dot-memory -1 0 export

# A leading zero is decimal, not octal: --max-hops 010 is ten hops.
run 0 paths "$scenario" --max-hops 010

for value in nan NaN inf -inf infinity -1 -0.5 1e99999x; do
    run 2 paths "$scenario" --timeout "$value"
    grep -qF "expected a number of seconds, 0 or more; got '$value'" "$work/err" ||
        fail "--timeout '$value': $(head -c 300 "$work/err")"
done
for value in 0 0.5 1e10 1e308 1e400; do
    run 0 paths "$scenario" --timeout "$value"
    grep -qF "1 route." "$work/out" || fail "--timeout $value: $(head -c 300 "$work/out")"
done

finish "negative and malformed numbers refused with one message; --timeout finite, huge ones no limit"
