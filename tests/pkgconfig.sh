#!/bin/sh
# A consumer of an installed threadbare through pkg-config: `meson install`
# of this build into a temporary root, then a program compiled and linked
# with nothing but the .pc file's Cflags and Libs. Its <threads.h> must be
# threadbare's (sizeof(mtx_t) is the library's, not glibc's 40), it must
# run, and `#include <string.h>` must fail to compile (no libc header is
# reachable) instead of silently taking glibc's.
# usage: pkgconfig.sh BUILDDIR WORKDIR CONSUMER.C REFERENCE CC [FLAGS...]
# REFERENCE: CONSUMER.C built through threadbare_dep, whose output is the
# library's sizeof(mtx_t)
build=$1 work=$2 src=$3 ref=$4
shift 4
echo "1..4"
# shellcheck disable=SC2086 # MESON_EXE_WRAPPER: the cross file's runner (none natively)
want=$(${MESON_EXE_WRAPPER:-} "$ref") || { echo "Bail out! the reference program failed"; exit 99; }
rm -rf "$work" && mkdir -p "$work/root" || exit 99
if ! meson install -C "$build" --no-rebuild --destdir "$work/root" >"$work/install.log" 2>&1; then
	sed 's/^/# /' "$work/install.log" | tail -n 20
	echo "not ok 1 - meson install --destdir"
	exit 1
fi
pc=$(find "$work/root" -name threadbare.pc | head -n 1)
prefix=$(sed -n 's/^prefix=//p' "$pc")
if [ -z "$pc" ] || [ ! -e "$(dirname "$pc")/../threadbare/uapi/linux/futex.h" ]; then
	echo "not ok 1 - no threadbare.pc, or no UAPI links beside it, under $work/root"
	exit 1
fi
pkg() { PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --define-variable=prefix="$work/root$prefix" "$@" threadbare; }
cflags=$(pkg --cflags) libs=$(pkg --libs --static)
echo "ok 1 - installed; Cflags: $cflags"
echo "# Libs: $libs"
# shellcheck disable=SC2086 # the flags are words
if "$@" -O2 $cflags "$src" $libs -o "$work/prog" >"$work/build.log" 2>&1; then
	echo "ok 2 - built with the .pc flags alone"
else
	sed 's/^/# /' "$work/build.log"
	echo "not ok 2 - does not build with the .pc flags"
	echo "not ok 3 - runs # SKIP not built"
	echo "not ok 4 - <string.h> # SKIP"
	exit 1
fi
# shellcheck disable=SC2086
got=$(${MESON_EXE_WRAPPER:-} "$work/prog")
rc=$?
if [ $rc = 0 ] && [ "$got" = "$want" ]; then
	echo "ok 3 - runs; <threads.h> is threadbare's: $got"
else
	echo "not ok 3 - printed \"$got\" (exit $rc), want \"$want\" (threadbare_dep's) and exit 0"
	exit 1
fi
printf '#include <string.h>\nint f(void);\nint f(void) { return 0; }\n' >"$work/string.c"
# shellcheck disable=SC2086
if "$@" $cflags -c "$work/string.c" -o "$work/string.o" >"$work/string.log" 2>&1; then
	echo "not ok 4 - #include <string.h> compiles with the .pc flags: a libc header is reachable"
	exit 1
fi
echo "ok 4 - #include <string.h> is an error: $(grep -m1 -o 'string.h.*' "$work/string.log")"
