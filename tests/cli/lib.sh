# What the shell tests of tests/cli share; each sources it first:
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# It gives a scratch folder $work, removed on exit, and:
#   fail MESSAGE                 prints "FAILED: MESSAGE" and marks the test failed;
#   expect_status WANT GOT WHAT  fails unless exit status GOT is WANT (with the start of
#                                $work/err, where `run` puts stderr);
#   run WANT ARGS...             runs "$flowsim" ARGS... (stdout in $work/out, stderr in
#                                $work/err) under the shell commands in $limits, if any
#                                (say limits="ulimit -s 256"), and expects status WANT;
#   finish SUMMARY               prints SUMMARY when nothing failed; exits 0 or 1.
# The test sets $flowsim (the program) itself.
set -u
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
limits=

fail() {
    echo "FAILED: $*"
    failed=1
}

expect_status() {
    local expected=$1 actual=$2 what=$3
    [ "$actual" -eq "$expected" ] ||
        fail "$what: exit $actual, expected $expected: $(head -c 300 "$work/err" 2>/dev/null)"
}

run() {
    local expected=$1
    shift
    (
        eval "${limits:-:}"
        "$flowsim" "$@" >"$work/out" 2>"$work/err"
    )
    expect_status "$expected" $? "flowsim ${*:1:2} ..."
}

finish() {
    [ "$failed" -eq 0 ] && echo "$1"
    exit "$failed"
}
