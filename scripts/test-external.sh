#!/bin/sh
# Builds tests written outside this project against threadbare and runs them
# on every configuration of cross/configs (natively on x86_64, the others
# under qemu-user), and ends with "N passed, N failed":
#  - glibc 2.36's 14 C11 thread tests (sysdeps/pthread/tst-mtx-*.c,
#    tst-cnd-*.c, tst-thrd-*.c, tst-call-once.c, tst-tss-basic.c, with the
#    three -time64 wrappers), from Debian's glibc-source package, over
#    tests/external/glibc/ (this project's stand-ins for the parts of glibc's
#    support/ they use);
#  - the kernel's nolibc (tools/include/nolibc) of Debian's linux-source-6.1
#    (bookworm) and linux-source-6.12 (trixie) as the libc beside threadbare:
#    tests/external/nolibc_threads.c and examples/nolibc_count.c, wherever
#    that nolibc supports the configuration (the list is printed).
#
#   ./scripts/test-external.sh                  every configuration test.sh runs
#   ./scripts/test-external.sh x86_64 aarch64   only these
#   ./scripts/test-external.sh --fetch          fetch and unpack only; prints the folder
#   TB_CC=clang ./scripts/test-external.sh      that compiler (default: gcc, and
#                                               clang where a line is clang only)
#
# The sources are fetched at test time and never committed: apt-get download
# of glibc-source (the machine's apt sources), linux-source-6.1 as
# scripts/build-kernel.sh gets it (/usr/src/linux-source-6.1.tar.xz, installed
# when missing), linux-source-6.12 through a private apt state for trixie (the
# machine's apt sources are left alone). Only the files used are unpacked, into
# $TB_EXTERNAL_CACHE (default /var/cache/threadbare/external where writable,
# else build/external-cache), once per package version; SRC=<cache>/src links
# to the current ones.
#
# Build trees are test.sh's (build/<config>-<compiler>, set up as test.sh sets
# them up when missing), configured with -Dexternal=SRC: tests/external/
# registers the programs as meson tests of the suite "external", which
# test.sh leaves out and this script runs. They are static programs with no
# arguments (but the count example), so scripts/test-kernel.sh, run after
# this script on the same trees, boots them on the real kernels too.
#
# A test is left out only through the list below, with the reason beside it;
# the list is printed. Logs: build/<config>-<compiler>.external.log (setup,
# build) and .external-test.log (meson test).
cd "$(dirname "$0")/.." || exit 2
top=$(pwd)

# The skip list: CONFIGURATION TEST REASON ("*": every configuration). TEST is
# a glibc test (tst-...) or nolibc-VERSION (both nolibc programs).
skips=$(cat <<'LIST'
armhf         nolibc-6.1  6.1 has no 6-argument syscall on arm and mips o32 (my_syscall6): its mmap returns -ENOSYS, so malloc fails (6.12 has one)
armel         nolibc-6.1  the same
mips          nolibc-6.1  the same
mipsel        nolibc-6.1  the same
x32           nolibc-6.1  6.1's x86_64 _start steps over 8-byte stack words, x32's are 4: envp skips argc+1 entries, so getenv misses them (6.12 reads longs)
LIST
)

cache=${TB_EXTERNAL_CACHE:-}
if [ -z "$cache" ]; then
	cache=/var/cache/threadbare/external
	mkdir -p "$cache" 2>/dev/null && [ -w "$cache" ] || cache=$top/build/external-cache
fi
mkdir -p "$cache" build || exit 2
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive

# --- fetching (each step: once per package version)

# The Debian mirror this machine's apt uses, else deb.debian.org (as
# scripts/test-kernel.sh finds it).
mirror() {
	m=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 's/^URIs: *\([^ ]*debian\/*\)$/\1/p' | head -1)
	[ -n "$m" ] || m=$(sed -n 's/^deb \(\[[^]]*\] \)*\([^ ]*\) bookworm.* main.*/\2/p' /etc/apt/sources.list 2>/dev/null | head -1)
	echo "${m:-http://deb.debian.org/debian}"
}

fail_fetch() { echo "test-external: $*" >&2; exit 2; }

# glibc: the C11 thread tests of the tarball in glibc-source
fetch_glibc() {
	d=$cache/debs
	mkdir -p "$d"
	set -- "$d"/glibc-source_*.deb
	if [ ! -f "$1" ]; then
		echo "test-external: fetching glibc-source" >&2
		(cd "$d" && apt-get -qq download glibc-source 2>&1 | grep -v unsandboxed >&2) ||
			{ $SUDO apt-get -qq update >&2 && (cd "$d" && apt-get -qq download glibc-source 2>&1 | grep -v unsandboxed >&2); }
		set -- "$d"/glibc-source_*.deb
		[ -f "$1" ] || fail_fetch "could not download glibc-source"
	fi
	ver=$(dpkg-deb -f "$1" Version) || fail_fetch "$1 is no package"
	out=$cache/glibc-$ver
	if [ ! -f "$out/tst-call-once.c" ]; then
		rm -rf "$out.new" && mkdir -p "$out.new" || exit 2
		dpkg-deb --fsys-tarfile "$1" | tar -xO --wildcards './usr/src/glibc/glibc-*.tar.xz' |
			tar -xJ -C "$out.new" --strip-components=3 --wildcards \
				'glibc-*/sysdeps/pthread/tst-mtx-*.c' 'glibc-*/sysdeps/pthread/tst-cnd-*.c' \
				'glibc-*/sysdeps/pthread/tst-thrd-*.c' 'glibc-*/sysdeps/pthread/tst-call-once.c' \
				'glibc-*/sysdeps/pthread/tst-tss-basic.c' ||
			fail_fetch "could not unpack the C11 tests from $1"
		rm -rf "$out" && mv "$out.new" "$out" || exit 2
	fi
	ln -sfn "$out" "$cache/src/glibc"
}

# nolibc_from TARBALL VERSION: tools/include/nolibc of a linux-source tarball
nolibc_from() {
	out=$cache/nolibc-$2
	rm -rf "$out.new" && mkdir -p "$out.new" || exit 2
	tar -xJf "$1" -C "$out.new" --strip-components=4 --wildcards '*/tools/include/nolibc/*' ||
		fail_fetch "could not unpack tools/include/nolibc from $1"
	rm -rf "$out" && mv "$out.new" "$out"
}

# nolibc 6.1: the tarball scripts/build-kernel.sh uses, installed the same way
fetch_nolibc61() {
	set -- /usr/src/linux-source-6.1.tar.*
	if [ ! -f "$1" ]; then
		echo "test-external: installing linux-source-6.1 (as scripts/build-kernel.sh does)" >&2
		{ $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends linux-source-6.1 >/dev/null; } ||
			fail_fetch "could not install linux-source-6.1"
		set -- /usr/src/linux-source-6.1.tar.*
	fi
	ver=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null) || ver=unknown
	[ -f "$cache/nolibc-6.1-$ver/nolibc.h" ] || nolibc_from "$1" "6.1-$ver"
	ln -sfn "$cache/nolibc-6.1-$ver" "$cache/src/nolibc-6.1"
}

# nolibc 6.12: trixie's linux-source-6.12 through a private apt state (as
# scripts/test-kernel.sh fetches trixie's riscv64 kernel)
fetch_nolibc612() {
	st=$cache/trixie.apt
	mkdir -p "$st/lists/partial" "$st/cache/archives/partial" "$st/deb" || exit 2
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(mirror) trixie main" >"$st/sources.list"
	set -- -o Dir::Etc::sourcelist="$st/sources.list" -o Dir::Etc::sourceparts=- \
		-o Dir::State::Lists="$st/lists" -o Dir::Cache="$st/cache" -o Dir::State::status=/dev/null
	if ! ls "$st/lists/"*trixie*Packages* >/dev/null 2>&1; then
		apt-get "$@" -qq update >&2 || fail_fetch "apt-get update (trixie) failed"
	fi
	ver=$(apt-cache "$@" show linux-source-6.12 2>/dev/null | sed -n 's/^Version: //p' | head -1)
	[ -n "$ver" ] || fail_fetch "no linux-source-6.12 in trixie"
	if [ ! -f "$cache/nolibc-6.12-$ver/nolibc.h" ]; then
		echo "test-external: fetching linux-source-6.12 $ver (trixie, about 150 MB)" >&2
		deb=$(ls "$st/deb/linux-source-6.12_$ver"_*.deb 2>/dev/null | head -1)
		[ -n "$deb" ] || (cd "$st/deb" && rm -f ./*.deb &&
			apt-get "$@" -qq download "linux-source-6.12=$ver" 2>&1 | grep -v unsandboxed >&2)
		deb=$(ls "$st/deb/"linux-source-6.12_*.deb 2>/dev/null | head -1)
		if [ -z "$deb" ]; then	# the lists may be older than the archive
			apt-get "$@" -qq update >&2 &&
				ver=$(apt-cache "$@" show linux-source-6.12 2>/dev/null | sed -n 's/^Version: //p' | head -1) &&
				(cd "$st/deb" && apt-get "$@" -qq download "linux-source-6.12=$ver" 2>&1 | grep -v unsandboxed >&2)
			deb=$(ls "$st/deb/"linux-source-6.12_*.deb 2>/dev/null | head -1)
		fi
		[ -n "$deb" ] || fail_fetch "could not download linux-source-6.12"
		tmp=$st/linux-source-6.12.tar.xz
		dpkg-deb --fsys-tarfile "$deb" | tar -xO --wildcards './usr/src/linux-source-6.12.tar.*' >"$tmp" ||
			fail_fetch "could not unpack $deb"
		nolibc_from "$tmp" "6.12-$ver"
		rm -f "$tmp" "$deb"	# only tools/include/nolibc is kept
	fi
	ln -sfn "$cache/nolibc-6.12-$ver" "$cache/src/nolibc-6.12"
}

mkdir -p "$cache/src" || exit 2
t_fetch=$(date +%s)
fetch_glibc
fetch_nolibc61
fetch_nolibc612
src=$cache/src
if [ "${1:-}" = --fetch ]; then
	echo "$src"
	exit 0
fi
n_glibc=$(ls "$src/glibc/"tst-*.c | wc -l)
echo "=== sources in $src ($(($(date +%s) - t_fetch)) s): $n_glibc glibc test files ($(basename "$(readlink "$src/glibc")")), $(basename "$(readlink "$src/nolibc-6.1")"), $(basename "$(readlink "$src/nolibc-6.12")")"
[ "$n_glibc" = 14 ] || { echo "test-external: expected 14 glibc test files, found $n_glibc" >&2; exit 2; }

# --- the configurations

./scripts/deps.sh test "$@" || exit 2
rows=$(./scripts/configs.sh "$@") || exit 2
# By default the ABIs only: a line with meson options (chaos, fault,
# hardened) builds the same ABI's code another way, and these tests look at
# the ABI (CI's time: 33 lines would take twice as long as the 22 ABIs).
[ $# = 0 ] && rows=$(printf '%s\n' "$rows" | awk '$5 == "-"')
# Ports that only real kernels run (scripts/test-kernel.sh's table): their
# trees are configured and built here, not run (qemu-user has no x32).
build_only=""
if [ $# = 0 ] && [ -f cross/x32.ini ] && ! printf '%s\n' "$rows" | grep -q '^x32 ' &&
   command -v x86_64-linux-gnux32-gcc >/dev/null 2>&1; then
	build_only=x32
	rows="$rows
x32 x86_64 x32 - - -"
fi

echo "=== skip list (scripts/test-external.sh)"
if [ -n "$(printf '%s' "$skips" | tr -d '[:space:]')" ]; then
	printf '%s\n' "$skips" | sed -e '/^[[:space:]]*$/d' -e 's/^/    /'
else
	echo "    (empty)"
fi

# skipped CONFIG: the skip list's tests for CONFIG, comma-separated
skipped() {
	printf '%s\n' "$skips" | awk -v c="$1" '$1 == c || $1 == "*" { print $2 }' | sort -u | paste -sd, -
}

passed=0 failed=0 summary="" unsupported="" t_all=$(date +%s)
while read -r cfg folder cross clang options pkgs; do
	[ -n "$cfg" ] || continue
	: "$folder" "$pkgs"
	comps=${TB_CC:-gcc}
	[ -z "${TB_CC:-}" ] && [ "$clang" = only ] && comps=clang
	for comp in $comps; do
		[ "$comp" = gcc ] && [ "$clang" = only ] && continue
		[ "$comp" = clang ] && [ "$clang" = - ] && continue
		dir=build/$cfg-$comp log=build/$cfg-$comp.external.log
		unset CC CC_LD
		# the setup of scripts/test.sh (cross/configs)
		set --
		[ "$cross" != - ] && set -- --cross-file cross/linux.ini --cross-file "cross/$cross.ini"
		if [ "$comp" = clang ]; then
			case $clang in
			only) ;;
			native) export CC=clang CC_LD=lld ;;
			*) set -- "$@" --cross-file "cross/$clang.ini" ;;
			esac
		fi
		if [ "$options" != - ]; then
			for kv in $(echo "$options" | tr , ' '); do set -- "$@" "-D$kv"; done
		fi
		ext="-Dexternal=$src -Dexternal_skip=$(skipped "$cfg")"
		echo "=== $cfg ($comp)"
		t0=$(date +%s) ok=0
		# shellcheck disable=SC2086 # $ext: two options
		if [ -f "$dir/build.ninja" ]; then
			nice meson setup --reconfigure "$dir" $ext </dev/null >"$log" 2>&1 && ok=1
		elif nice meson setup "$dir" "$@" --werror $ext </dev/null >"$log" 2>&1; then
			ok=1
		else
			rm -rf "$dir"
		fi
		unset CC CC_LD
		if [ $ok = 1 ]; then
			# only what the external tests need (test.sh and test-kernel.sh build the rest)
			targets=$(meson introspect --tests "$dir" | python3 -c '
import json, os, sys
d = os.path.realpath(sys.argv[1])
for t in json.load(sys.stdin):
    if "external" in t["suite"]:
        print(os.path.relpath(t["cmd"][0], d))' "$dir")
			# shellcheck disable=SC2086 # a list of targets
			nice ninja -C "$dir" $targets </dev/null >>"$log" 2>&1 || ok=0
		fi
		# each nolibc that does not compile here, with the compiler's first error
		nl=$(sed -n 's/^Message: \(nolibc-[0-9.]*\): not supported on this configuration: \(.*\)/\1 (\2)/p' \
			"$dir/meson-logs/meson-log.txt" 2>/dev/null | sed 's|/[^ ]*/nolibc-[0-9.]*/||g')
		[ -n "$nl" ] && unsupported="$unsupported$(printf '%s\n' "$nl" | sed "s/^/    $cfg ($comp): /")
"
		if [ $ok = 1 ] && [ "$cfg" = "$build_only" ]; then
			echo "    built for scripts/test-kernel.sh only: qemu-user cannot run $cfg"
			summary="$summary$(printf '%-13s %-6s built, not run (real kernels only)' "$cfg" "$comp")
"
			continue
		elif [ $ok = 1 ]; then
			tlog=$dir.external-test.log
			nice meson test -C "$dir" --suite external --no-rebuild --num-processes 2 --print-errorlogs \
				</dev/null >"$tlog" 2>&1
			p=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$tlog")
			f=0
			for k in Fail Timeout "Unexpected Pass"; do
				n=$(sed -n "s/^$k: *\([0-9]*\).*/\1/p" "$tlog")
				f=$((f + ${n:-0}))
			done
			p=${p:-0}
			[ "$p" = 0 ] && [ "$f" = 0 ] && f=1
			grep -E '^ *[0-9]+/[0-9]+ ' "$tlog" | sed 's/^/    /'
			# the failed tests' commands and output (--print-errorlogs)
			[ "$f" != 0 ] && sed '/^Summary of Failures/,$d' "$tlog" |
				grep -vE '^ *[0-9]+/[0-9]+ |^$' | tail -n 40 | sed 's/^/    | /'
		else
			echo "    setup or build failed ($log):"
			tail -n 25 "$log" | sed 's/^/    | /'
			p=0 f=1
		fi
		[ -n "$nl" ] && printf '%s\n' "$nl" | sed 's/^/    not supported here: /'
		passed=$((passed + p)) failed=$((failed + f))
		summary="$summary$(printf '%-13s %-6s %3d passed, %d failed  %4d s' "$cfg" "$comp" "$p" "$f" $(($(date +%s) - t0)))
"
	done
done <<EOF
$rows
EOF
echo
echo "=== skip list"
if [ -n "$(printf '%s' "$skips" | tr -d '[:space:]')" ]; then
	printf '%s\n' "$skips" | sed -e '/^[[:space:]]*$/d' -e 's/^/    /'
else
	echo "    (empty)"
fi
echo "=== nolibc versions that do not support a configuration (nolibc.h does not compile there)"
printf '%s' "${unsupported:-    none
}"
echo "=== summary ($(($(date +%s) - t_all)) s)"
printf '%s' "$summary"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
