#!/bin/sh
# The link mistake of a first try: `gcc -static prog.c libthreadbare.a`,
# -nostdlib forgotten, so the libc's start files come in. It must fail, and
# the linker's message must name the fix, -nostdlib (core/libc_trap.c).
# usage: libc_link.sh OUT PROG.C LIBTHREADBARE.A INCLUDEDIR CC [FLAGS...]
out=$1 src=$2 lib=$3 inc=$4
shift 4
echo "1..1"
# The include path and the archive are threadbare's; the rest is the
# mistake: no -nostdinc, no -nostdlib.
if "$@" -O2 -static -I "$inc" "$src" "$lib" -o "$out" >"$out.log" 2>&1; then
	echo "not ok 1 - linked with the libc's start files, and nothing said so: $*"
	exit 1
fi
if grep -q -- 'threadbare: link with -nostdlib' "$out.log"; then
	echo "ok 1 - the link fails, naming the fix: $(grep -m1 -o "threadbare: link with -nostdlib[^'\"]*" "$out.log")"
	exit 0
fi
# No libc for this target (clang with no gcc toolchain): there is no mistake
# to make.
if grep -qE "crt1\.o|cannot find -lc|unable to find library -lc|stdio\.h|threadbare\.h" "$out.log" &&
	! grep -q libthreadbare "$out.log"; then
	sed 's/^/# /' "$out.log" | head -n 5
	echo "ok 1 # SKIP no libc start files for this target"
	exit 0
fi
sed 's/^/# /' "$out.log"
echo "not ok 1 - the link failed, but the message does not name -nostdlib"
exit 1
