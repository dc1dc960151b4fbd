#!/bin/sh
# Runs tests/pie.c's program twice (under the cross file's exe_wrapper, which
# meson test passes as MESON_EXE_WRAPPER). Each run must pass; in a static
# PIE (ELF type DYN) main must not be at its link-time address (it was
# relocated), and the two runs must put main and the global at different
# addresses (ASLR) where the kernel loads the program: qemu-user loads a PIE
# at the same base every time, so there that check is a SKIP. TAP.
# usage: pie.sh PROGRAM
prog=$1
echo "1..4"
fail=0
for i in 1 2; do
	# shellcheck disable=SC2086 # a shell-quoted command line without spaces in its words
	out=$(${MESON_EXE_WRAPPER:-} "$prog" 2>&1)
	rc=$?
	echo "$out" | sed 's/^/# /'
	a=$(echo "$out" | sed -n 's/^# main \(0x[0-9a-f]*\) global \(0x[0-9a-f]*\)$/\1 \2/p')
	if [ $i = 1 ]; then a1=$a; else a2=$a; fi
	if [ $rc = 0 ] && [ -n "$a" ]; then
		echo "ok $i - run $i passes (main, global: $a)"
	else
		echo "not ok $i - run $i failed (exit $rc)"; fail=1
	fi
done
main1=${a1%% *}
if ! readelf -hW "$prog" | grep -q 'Type: *DYN'; then
	echo "ok 3 - relocated # SKIP not a static PIE (the plain build)"
	echo "ok 4 - two runs, two addresses # SKIP not a static PIE (the plain build)"
	exit $fail
fi
linked=$(readelf -sW "$prog" | awk '$8 == "main" {print $2}' | sed 's/^0*//')
if [ -n "$main1" ] && [ "${main1#0x}" != "$linked" ]; then
	echo "ok 3 - relocated: main at $main1, linked at 0x$linked"
else
	echo "not ok 3 - main at $main1, its link-time address 0x$linked"; fail=1
fi
if [ -n "$a1" ] && [ "$a1" != "$a2" ]; then
	echo "ok 4 - two runs, two addresses ($a1; $a2)"
elif [ -n "${MESON_EXE_WRAPPER:-}" ]; then
	echo "ok 4 - two runs, two addresses # SKIP qemu-user loads a PIE at one base ($a1)"
else
	echo "not ok 4 - two runs put main and the global at the same addresses ($a1)"; fail=1
fi
exit $fail
