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

# The C11 example (examples/c11_primes.c, <threads.h> only), built twice:
# against threadbare (no libc) and against glibc (gcc -static -pthread).
# Both must print the same; their stripped sizes are shown side by side.
echo
echo "== C11 <threads.h>: examples/c11_primes.c against threadbare and against glibc"
ninja -C "$dir" examples/c11_primes >/dev/null
strip -o "$dir/c11_primes-threadbare" "$dir/examples/c11_primes"
gcc -O2 -static -pthread -o "$dir/c11_primes-glibc" examples/c11_primes.c
strip "$dir/c11_primes-glibc"
tb_out=$("$dir/c11_primes-threadbare" 5000000 4)
glibc_out=$("$dir/c11_primes-glibc" 5000000 4)
echo "threadbare: $tb_out"
echo "glibc:      $glibc_out"
if [ "$tb_out" != "$glibc_out" ]; then
	echo "unexpected: the two builds print different results" >&2
	exit 1
fi
echo "same output; stripped static sizes: threadbare $(stat -c %s "$dir/c11_primes-threadbare") bytes, glibc $(stat -c %s "$dir/c11_primes-glibc") bytes"

# The kernel's nolibc as the libc beside threadbare (examples/nolibc_count.c),
# when it is at hand: unpacked by scripts/test-external.sh (which fetches
# linux-source-6.1 and -6.12; the demo fetches nothing). Built by hand, as the
# README shows, and checked against wc.
ext=${TB_EXTERNAL_CACHE:-/var/cache/threadbare/external}
[ -d "$ext/src" ] || ext=build/external-cache
echo
found=0
for v in 6.1 6.12; do
	nl=$ext/src/nolibc-$v
	[ -f "$nl/nolibc.h" ] || continue
	found=1
	echo "== nolibc $v ($(basename "$(readlink "$nl" || echo "$nl")")) + threadbare: examples/nolibc_count.c"
	ninja -C "$dir" libthreadbare.a >/dev/null
	gcc -O2 -ffreestanding -fno-pie -fno-stack-protector -nostdlib -static -isystem "$nl" -I include \
		examples/nolibc_count.c "$dir/libthreadbare.a" -lgcc -o "$dir/nolibc_count-$v"
	out=$("$dir/nolibc_count-$v" core/*.c core/*/*.c | tail -n 1)
	want=$(cat core/*.c core/*/*.c | wc -lc | awk '{ print $1, $2 }')
	echo "nolibc_count core/*.c core/*/*.c: $out; wc: $want"
	case $out in
	"$want total"*) ;;
	*) echo "unexpected: nolibc_count and wc disagree" >&2; exit 1 ;;
	esac
done
[ "$found" = 1 ] || echo "(nolibc is not at hand: ./scripts/test-external.sh --fetch unpacks it, then the demo builds examples/nolibc_count.c)"
