#!/bin/sh
# Proves the link is freestanding:
#  - the test program has no INTERP and no DT_NEEDED (a DYNAMIC program
#    header only in a static PIE);
#  - it contains no symbol from glibc's start files or libc;
#  - every undefined symbol of libthreadbare.a is defined by the archive
#    itself or by libgcc.a (besides main and the linker's weak
#    __*_array_start/end).
# usage: freestanding.sh PROGRAM LIBTHREADBARE.A LIBGCC.A
prog=$1 lib=$2 libgcc=$3
fail=0
# readelf -sW without ppc64 ELFv2's extra "[<localentry>: 8]" column (or
# alpha's "[STD GPLOAD]", "[NOPV]"), which
# would shift the Ndx and Name fields
syms() { readelf -sW "$@" 2>/dev/null | sed -e 's/ \[<[a-z]*>: [0-9]*\]//' -e 's/ \[[A-Z][A-Z ]*\]//'; }
echo "1..3"
# (a static PIE has a dynamic section, for its own relative relocations, and
# no interpreter and no needed library)
if readelf -lW "$prog" | grep -qE '^ *INTERP '; then
	echo "not ok 1 - $prog has an interpreter"; fail=1
elif readelf -dW "$prog" | grep -q '(NEEDED)'; then
	echo "not ok 1 - $prog needs a shared library"; fail=1
elif readelf -lW "$prog" | grep -qE '^ *DYNAMIC ' && ! readelf -hW "$prog" | grep -q 'Type: *DYN'; then
	echo "not ok 1 - $prog has a dynamic section and is not a static PIE"; fail=1
else
	echo "ok 1 - no interpreter, no needed library"
fi
libc=$(syms "$prog" | awk '$7 != "UND" {print $8}' |
	grep -xE '__libc_start_main|__libc_csu_init|__libc_setup_tls|_IO_stdin_used|__libc_start_call_main|_dl_relocate_static_pie|malloc|printf|__errno_location|pthread_create' || true)
if [ -n "$libc" ]; then
	echo "not ok 2 - libc symbols in $prog: $libc"; fail=1
else
	echo "ok 2 - no symbol from libc or its start files"
fi
defined() { syms "$@" | awk '$7 != "UND" && $5 != "LOCAL" && $8 != "" {print $8}'; }
# weak references are the linker's (__init_array_start...), and so are .TOC.
# (the ppc64 ELFv2 TOC base every function's global entry computes) and
# $global$ (hppa's data pointer base, which _start loads into dp); main is
# the user's; "threadbare: link with -nostdlib ..." is core/libc_trap.c's
# deliberate error, in a member only a libc's crt1.o pulls in; ppc64's
# _savegpr0_N/_restgpr0_N (and the fpr/vr kind), the out-of-line register
# saves gcc calls at -Os (core/base/format.c), are made by the linker;
# _GLOBAL_OFFSET_TABLE_ is the linker's too (PIC code on i386, ppc32, ...)
undef=$(syms "$lib" | awk '$7 == "UND" && $5 != "WEAK" && $8 != "" && $8 != "main" && $8 != ".TOC." && $8 != "$global$" && $8 != "threadbare:" && $8 != "_GLOBAL_OFFSET_TABLE_" && $8 !~ /^_(save|rest)(gpr[01]|fpr|vr)_[0-9]+$/ {print $8}' | sort -u)
known=$( (defined "$lib"; defined "$libgcc") | sort -u)
missing=$(printf '%s\n' "$undef" | while read -r s; do
	[ -z "$s" ] && continue
	printf '%s\n' "$known" | grep -qxF "$s" || echo "$s"
done)
if [ -n "$missing" ]; then
	echo "not ok 3 - undefined in libthreadbare.a and libgcc.a: $(echo $missing)"; fail=1
else
	echo "ok 3 - library objects need nothing beyond themselves and libgcc ($(echo "$undef" | grep -c .) external references)"
fi
exit $fail
