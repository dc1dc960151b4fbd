#!/bin/sh
# The README's "Linking by hand" command, taken from README.md itself (its
# first sh block) so the two cannot drift, run as a reader would after
# ./scripts/demo.sh: from a directory holding include/ and build/demo/ (here
# links to this tree's include/ and to this build, which has the demo's
# layout: libthreadbare.a and uapi/ at its top), with prog.c. The program
# must run, and its stripped size must be the Meson build's for the same
# source (within 1 %).
# usage: readme_hand_link.sh README SRCROOT BUILDDIR WORKDIR PROG.C MESON_PROG STRIP
readme=$1 src=$2 build=$3 work=$4 prog=$5 meson_prog=$6 strip=$7
echo "1..3"
rm -rf "$work" && mkdir -p "$work/build" || exit 99
ln -s "$src/include" "$work/include"
ln -s "$build" "$work/build/demo"
cp "$prog" "$work/prog.c"
awk '/^## Linking by hand/ {s = 1} s && /^```sh/ {b = 1; next} b && /^```/ {exit} b' \
	"$readme" >"$work/hand-link.sh"
if ! grep -q 'prog\.c' "$work/hand-link.sh"; then
	echo "not ok 1 - no sh block with prog.c under \"## Linking by hand\" in $readme"
	exit 1
fi
sed 's/^/# | /' "$work/hand-link.sh"
if (cd "$work" && sh -e ./hand-link.sh) >"$work/build.log" 2>&1 && [ -x "$work/prog" ]; then
	echo "ok 1 - the README's command builds prog"
else
	sed 's/^/# /' "$work/build.log"
	echo "not ok 1 - the README's command fails"
	exit 1
fi
if "$work/prog"; then
	echo "ok 2 - prog runs"
else
	echo "not ok 2 - prog failed (exit $?)"
	exit 1
fi
"$strip" -o "$work/prog.stripped" "$work/prog" && "$strip" -o "$work/meson.stripped" "$meson_prog" || exit 99
a=$(stat -c %s "$work/prog.stripped") m=$(stat -c %s "$work/meson.stripped")
d=$((a > m ? a - m : m - a))
if [ $((d * 100)) -le "$m" ]; then
	echo "ok 3 - stripped size $a bytes by hand, $m through Meson"
else
	echo "not ok 3 - stripped size $a bytes by hand, $m through Meson"
	exit 1
fi
