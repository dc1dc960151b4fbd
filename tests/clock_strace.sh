#!/bin/sh
# Under strace -f -c, 1000 tb_clock_ns calls (t_clock t_loop_1000) make no
# clock_gettime syscall: they go through the vDSO. TAP; skips when strace
# is missing or cannot trace here. Registered for native builds of ports
# whose arch/<arch>/vdso.h names a vDSO clock.
prog=$1
out=${TMPDIR:-/tmp}/tb-clock-strace.$$
echo "1..1"
if ! command -v strace >/dev/null 2>&1; then
	echo "ok 1 - no clock_gettime syscall # SKIP strace is not installed"; exit 0
fi
if ! strace -f -c -o "$out" true >/dev/null 2>&1; then
	rm -f "$out"
	echo "ok 1 - no clock_gettime syscall # SKIP strace cannot trace here"; exit 0
fi
if ! strace -f -c -o "$out" "$prog" t_loop_1000 >/dev/null; then
	rm -f "$out"
	echo "not ok 1 - no clock_gettime syscall # the program failed"; exit 1
fi
n=$(awk '$NF ~ /^clock_gettime(64)?$/ { s += $4 } END { print s + 0 }' "$out")
sed 's/^/# /' "$out"
rm -f "$out"
if [ "$n" = 0 ]; then
	echo "ok 1 - no clock_gettime syscall in 1000 calls"
else
	echo "not ok 1 - $n clock_gettime syscalls in 1000 calls"; exit 1
fi
