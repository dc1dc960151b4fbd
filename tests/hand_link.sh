#!/bin/sh
# Links tests/hand_link.c by hand, the way the README's "Linking by hand"
# line does, without Meson's dependency flags (no -Wl,-u, no -Wl,-e): the
# archive and -lgcc alone must be enough. Then runs it (under the cross
# file's exe_wrapper, which meson test passes as MESON_EXE_WRAPPER).
# usage: hand_link.sh OUT PROG.C LIBTHREADBARE.A INCLUDEDIR CC [FLAGS...]
# HAND_LINK_LIBGCC (default -lgcc) is empty for a compiler with no libgcc for
# its target (meson.build's libgcc_link): the archive alone must do there.
out=$1 src=$2 lib=$3 inc=$4
libgcc=${HAND_LINK_LIBGCC--lgcc}
shift 4
echo "1..2"
# shellcheck disable=SC2086 # $libgcc is one flag or none
if "$@" -O2 -ffreestanding -fno-pie -fno-stack-protector -I "$inc" "$src" "$lib" \
	-nostdlib -static $libgcc -o "$out" >"$out.log" 2>&1 && ! grep -q warning "$out.log"; then
	echo "ok 1 - links by hand: $* ... $(basename "$src") libthreadbare.a $libgcc"
else
	sed 's/^/# /' "$out.log"
	echo "not ok 1 - hand link: $* ... $(basename "$src") libthreadbare.a $libgcc"
	echo "not ok 2 - runs # SKIP not linked"
	exit 1
fi
# MESON_EXE_WRAPPER is a shell-quoted command line; the cross files' have no spaces
# shellcheck disable=SC2086
if ${MESON_EXE_WRAPPER:-} "$out"; then
	echo "ok 2 - runs: its divisions, shifts, __thread and a thread are right"
else
	echo "not ok 2 - the hand-linked program failed (exit $?)"
	exit 1
fi
