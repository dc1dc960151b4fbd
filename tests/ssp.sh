#!/bin/sh
# Runs tests/ssp.c's program twice (under the cross file's exe_wrapper, which
# meson test passes as MESON_EXE_WRAPPER): each run must pass, and the two
# canaries it prints ("# canary <hex>") must differ, since each exec gets new
# AT_RANDOM bytes. TAP.
# usage: ssp.sh PROGRAM
prog=$1
echo "1..3"
fail=0
for i in 1 2; do
	# shellcheck disable=SC2086 # a shell-quoted command line without spaces in its words
	out=$(${MESON_EXE_WRAPPER:-} "$prog" 2>&1)
	rc=$?
	echo "$out" | sed 's/^/# /'
	c=$(echo "$out" | sed -n 's/^# canary \([0-9a-f]*\)$/\1/p')
	eval "c$i=\$c"
	if [ $rc = 0 ] && [ -n "$c" ]; then
		echo "ok $i - run $i passes (canary $c)"
	else
		echo "not ok $i - run $i failed (exit $rc)"; fail=1
	fi
done
# shellcheck disable=SC2154 # c1 and c2 are set by the eval above
if [ -n "$c1" ] && [ "$c1" != "$c2" ]; then
	echo "ok 3 - two runs, two canaries ($c1, $c2)"
else
	echo "not ok 3 - two runs gave the same canary ($c1, $c2)"; fail=1
fi
exit $fail
