#!/bin/sh
# Runs a command and compares what it did with what was expected:
#
#     golden.sh STATUS STDOUT STDERR COMMAND [ARG...]
#
# STATUS is the exit status expected, STDOUT and STDERR files holding the output expected ('-'
# for a stream not compared). Any difference is printed as a diff and fails the test.
# With GOLDEN_UPDATE=1 in the environment the expected files are rewritten instead; review the
# diff before committing it, since it blesses whatever the command now prints.
set -u
status=$1 want_out=$2 want_err=$3
shift 3
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
"$@" >"$tmp/out" 2>"$tmp/err"
got=$?
if [ "${GOLDEN_UPDATE:-}" = 1 ]; then
    [ "$want_out" = - ] || cp "$tmp/out" "$want_out"
    [ "$want_err" = - ] || cp "$tmp/err" "$want_err"
fi
fail=0
if [ "$got" -ne "$status" ]; then
    echo "exit status $got, expected $status; stderr:"
    cat "$tmp/err"
    fail=1
fi
[ "$want_out" = - ] || diff -u "$want_out" "$tmp/out" || fail=1
[ "$want_err" = - ] || diff -u "$want_err" "$tmp/err" || fail=1
exit $fail
