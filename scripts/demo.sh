#!/bin/sh
# Builds and runs the example program (examples/demo.c) natively: a static
# program with no libc that spawns named threads using __thread variables.
# Then shows that the stripped binary has no interpreter, no dynamic section
# and no libc symbol.
set -e
cd "$(dirname "$0")/.."
./scripts/deps.sh demo
dir=build/demo
[ -f "$dir/build.ninja" ] || meson setup "$dir" -Dtests=false >/dev/null
ninja -C "$dir" examples/demo >/dev/null
strip -o "$dir/demo-stripped" "$dir/examples/demo"
"$dir/demo-stripped"
echo
echo "stripped size: $(stat -c %s "$dir/demo-stripped") bytes"
echo "file: $(file -b "$dir/demo-stripped" 2>/dev/null || echo n/a)"
echo "program headers: $(readelf -lW "$dir/demo-stripped" | awk '/^  [A-Z]/ && $1 != "Type" && $1 != "Segment" {print $1}' | sort -u | tr '\n' ' ')"
if readelf -lW "$dir/demo-stripped" | grep -qE 'INTERP|DYNAMIC'; then
	echo "unexpected: the binary has an interpreter or a dynamic section" >&2
	exit 1
fi
echo "symbols from libc start files: $(nm "$dir/examples/demo" | grep -cE ' (__libc_start_main|__libc_csu_init|_init|_fini|__libc_setup_tls)$' || true)"
