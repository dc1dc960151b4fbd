#!/bin/sh
# Builds and tests threadbare for every implemented configuration, with gcc
# and (where clang 14 supports it) clang, and ends with "N passed, N failed".
#
#   ./scripts/test.sh                     all configurations, gcc and clang
#   ./scripts/test.sh aarch64 mips        only these
#   TB_CC=gcc ./scripts/test.sh           one compiler (gcc or clang)
#   TB_REPEAT=20 ./scripts/test.sh x86_64 each test 20 times
#
# x86_64 runs natively; the others run under qemu-user through their Meson
# cross file's exe_wrapper. A configuration that fails to build counts as a
# failed test. Build trees live in build/<config>-<compiler>.
cd "$(dirname "$0")/.." || exit 2
./scripts/deps.sh || exit 2

all="x86_64 i386 aarch64 armhf riscv64 mips mipsel mips64el ppc ppc64 ppc64le sparc64
     s390x mips64"
folder() {
	case $1 in
	i386) echo x86 ;; armhf) echo arm ;; mips|mipsel|mips64el|mips64) echo mips ;;
	ppc|ppc64|ppc64le) echo ppc ;; *) echo "$1" ;;
	esac
}
configs=${*:-$(for c in $all; do [ -f "arch/$(folder "$c")/meson.build" ] && echo "$c"; done)}
compilers=${TB_CC:-gcc clang}
repeat=${TB_REPEAT:-1}

mkdir -p build
passed=0 failed=0 summary=""
for cfg in $configs; do
	for comp in $compilers; do
		dir=build/$cfg-$comp
		if [ "$cfg" = x86_64 ]; then
			set -- ; [ "$comp" = clang ] && export CC=clang CC_LD=lld
		else
			set -- --cross-file cross/linux.ini --cross-file "cross/$cfg.ini"
			case $cfg in ppc64|s390x) cl=clang-bfd ;; *) cl=clang ;; esac
			[ "$comp" = clang ] && set -- "$@" --cross-file "cross/$cl.ini"
		fi
		echo "=== $cfg ($comp)"
		if { [ -f "$dir/build.ninja" ] || meson setup "$dir" "$@" --werror >"$dir.setup.log" 2>&1; } &&
		   ninja -C "$dir" >"$dir.build.log" 2>&1; then
			meson test -C "$dir" --num-processes 2 --repeat "$repeat" --print-errorlogs \
				>"$dir.test.log" 2>&1
			p=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$dir.test.log")
			f=0
			for k in Fail Timeout "Unexpected Pass"; do
				n=$(sed -n "s/^$k: *\([0-9]*\).*/\1/p" "$dir.test.log")
				f=$((f + ${n:-0}))
			done
			p=${p:-0}
			[ "$p" = 0 ] && [ "$f" = 0 ] && f=1
			grep -E '^ *[0-9]+/[0-9]+ ' "$dir.test.log" | sed 's/^/    /'
			[ "$f" != 0 ] && sed -n '/^=* *[0-9]*\/[0-9]* *=*$/,$p' "$dir.test.log" | tail -40
		else
			p=0 f=1
			echo "    build failed:"; tail -20 "$dir.setup.log" "$dir.build.log" 2>/dev/null | sed 's/^/    /'
			unset CC CC_LD
			rm -rf "$dir"
		fi
		unset CC CC_LD
		passed=$((passed + p)) failed=$((failed + f))
		summary="$summary$(printf '%-9s %-6s %3d passed, %d failed' "$cfg" "$comp" "$p" "$f")
"
	done
done
echo
echo "=== summary"
printf '%s' "$summary"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
