#!/bin/sh
# Builds and tests threadbare for every implemented configuration, with gcc
# and (where clang 14 supports it) clang, and ends with "N passed, N failed".
#
#   ./scripts/test.sh                     all configurations, gcc and clang
#   ./scripts/test.sh aarch64 mips        only these
#   TB_CC=gcc ./scripts/test.sh           one compiler (gcc or clang)
#   TB_REPEAT=20 ./scripts/test.sh x86_64 each test 20 times
#
# The configurations are the lines of cross/configs (./scripts/configs.sh
# lists the ones run by default). x86_64 runs natively; the others run under
# qemu-user through their Meson cross file's exe_wrapper. A configuration
# that fails to set up or build counts as a failed test, and its error is
# shown. Build trees live in build/<config>-<compiler>. The suite "external"
# (glibc's and nolibc's programs, in a tree that scripts/test-external.sh
# configured) is left to that script.
cd "$(dirname "$0")/.." || exit 2
./scripts/deps.sh test "$@" || exit 2
rows=$(./scripts/configs.sh "$@") || exit 2
compilers=${TB_CC:-gcc clang}
repeat=${TB_REPEAT:-1}

mkdir -p build
passed=0 failed=0 summary=""
# show LOG WHAT: the end of a failed step's log
show() {
	echo "    $2 failed ($1):"
	tail -n 25 "$1" | sed 's/^/    | /'
}
# (stdin is the table: the commands in the loop read /dev/null)
while read -r cfg folder cross clang options pkgs; do
	[ -n "$cfg" ] || continue
	: "$folder" "$pkgs"
	for comp in $compilers; do
		dir=build/$cfg-$comp
		unset CC CC_LD
		set --
		if [ "$cross" != - ]; then
			set -- --cross-file cross/linux.ini --cross-file "cross/$cross.ini"
		fi
		[ "$comp" = gcc ] && [ "$clang" = only ] && continue	# clang only
		if [ "$comp" = clang ]; then
			case $clang in
			-) continue ;;	# gcc only (cross/configs)
			only) ;;	# the cross file names clang
			native) export CC=clang CC_LD=lld ;;
			*) set -- "$@" --cross-file "cross/$clang.ini" ;;
			esac
		fi
		if [ "$options" != - ]; then
			for kv in $(echo "$options" | tr , ' '); do set -- "$@" "-D$kv"; done
		fi
		echo "=== $cfg ($comp)"
		ok=0
		if [ ! -f "$dir/build.ninja" ] && ! meson setup "$dir" "$@" --werror </dev/null >"$dir.setup.log" 2>&1; then
			show "$dir.setup.log" "meson setup"
			rm -rf "$dir"
		elif ! ninja -C "$dir" </dev/null >"$dir.build.log" 2>&1; then
			show "$dir.build.log" build
		else
			ok=1
		fi
		unset CC CC_LD
		if [ $ok = 1 ]; then
			meson test -C "$dir" --no-suite external --num-processes 2 --repeat "$repeat" --print-errorlogs \
				</dev/null >"$dir.test.log" 2>&1
			p=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$dir.test.log")
			f=0
			for k in Fail Timeout "Unexpected Pass"; do
				n=$(sed -n "s/^$k: *\([0-9]*\).*/\1/p" "$dir.test.log")
				f=$((f + ${n:-0}))
			done
			p=${p:-0}
			[ "$p" = 0 ] && [ "$f" = 0 ] && f=1
			grep -E '^ *[0-9]+/[0-9]+ ' "$dir.test.log" | sed 's/^/    /'
			# the failed tests' result lines, commands and output, which meson
			# prints among the others' results (--print-errorlogs)
			[ "$f" != 0 ] && sed '/^Summary of Failures/,$d' "$dir.test.log" |
				grep -vE '^ *[0-9]+/[0-9]+ .* (OK|SKIP|EXPECTEDFAIL) |^$' | tail -n 60 |
				sed 's/^/    | /' &&
				grep -E '^(not ok|# FAIL)' "$dir/meson-logs/testlog.txt" | tail -n 20 |
				sed 's/^/    | /' &&
				echo "    (all of it: $dir/meson-logs/testlog.txt)"
		else
			p=0 f=1
		fi
		passed=$((passed + p)) failed=$((failed + f))
		summary="$summary$(printf '%-13s %-6s %3d passed, %d failed' "$cfg" "$comp" "$p" "$f")
"
	done
done <<EOF
$rows
EOF
echo
echo "=== summary"
printf '%s' "$summary"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
