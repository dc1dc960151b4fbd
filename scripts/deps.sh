#!/bin/sh
# Installs what one use of the project needs on a Debian machine, only when
# something it really uses is missing, in one apt-get call; then checks again
# and names what is still missing.
#
#   ./scripts/deps.sh demo              the native toolchain (scripts/demo.sh)
#   ./scripts/deps.sh test [CONFIG...]  what scripts/test.sh needs for these
#                                       configurations (default: the ones it
#                                       runs), for the compilers in TB_CC
#                                       (default: gcc clang)
#   ./scripts/deps.sh bench             scripts/bench.sh: native toolchain,
#                                       static glibc, musl-gcc, valgrind
#                                       (the instruction counts, --counts)
#   ./scripts/deps.sh fresh             scripts/fresh-check.sh: mmdebstrap, git
#   ./scripts/deps.sh                   the same as "test"
#
# The checks are on the files the build really uses, not only on commands:
# each compiler, its libgcc (-print-libgcc-file-name), the target's UAPI
# headers where meson.build looks for them (asm/unistd.h, linux/futex.h,
# asm-generic/), the qemu of the cross file's exe_wrapper, meson and ninja.
# The configurations and their packages come from cross/configs.
# shellcheck disable=SC2317 # the checks run through req
set -u
cd "$(dirname "$0")/.." || exit 2

need="" missing=""
# req PACKAGES WHAT COMMAND...: PACKAGES are needed when COMMAND fails
req() {
	_pk=$1 _what=$2
	shift 2
	if ! "$@" >/dev/null 2>&1; then
		need="$need $_pk"
		missing="$missing
    $_what"
	fi
}
has() { command -v "$1"; }
is_file() { [ -f "$1" ]; }
# a compiler's libgcc: gcc prints the bare name when it has none
libgcc_of() { f=$("$@" -print-libgcc-file-name 2>/dev/null) && [ -f "$f" ] && echo "$f"; }
has_libgcc() { [ -n "$(libgcc_of "$@")" ]; }
# the file a compiler finds for -print-file-name (crt1.o, libc.a)
has_lib() { f=$("$2" -print-file-name="$1" 2>/dev/null) && [ -f "$f" ]; }

# ini_value FILE KEY: the first string of KEY in a Meson cross file, with the
# triplet constant substituted (c = triplet + '-gcc'; exe_wrapper = ['qemu-x'])
ini_value() {
	_t=$(sed -n "s/^triplet *= *'\([^']*\)'.*/\1/p" "$1")
	sed -n "s/^$2 *= *//p" "$1" | head -n 1 |
		sed -e 's/^\[//' -e 's/[],].*//' -e "s/\<triplet\>/'$_t'/g" -e "s/[' +]//g"
}

# uapi_files TRIPLET CC...: the header files meson.build's uapi/ farm links
# to, found the way meson.build finds them (TRIPLET "": CC -print-multiarch)
uapi_files() {
	_tri=$1
	shift
	[ -n "$_tri" ] || _tri=$("$@" -print-multiarch 2>/dev/null)
	if [ -d "/usr/$_tri/include/asm" ]; then _kh=/usr/$_tri/include; else _kh=/usr/include; fi
	if [ -d "$_kh/asm" ]; then _asm=$_kh/asm; else _asm=$_kh/$_tri/asm; fi
	echo "$_asm/unistd.h $_kh/linux/futex.h $_kh/asm-generic/unistd.h"
}
has_files() { for f; do [ -f "$f" ] || return 1; done; }

build_tools() {
	req meson "meson (command)" has meson
	req ninja-build "ninja (command)" has ninja
	# tests/pkgconfig.sh: a consumer through the installed threadbare.pc
	# (meson only recommends it, so a new machine has none)
	[ "$purpose" = test ] && req pkgconf "pkg-config (command, tests/pkgconfig.sh)" has pkg-config
	# tests/shellcheck.sh: the project's shell scripts, CI's included
	[ "$purpose" = test ] && req shellcheck "shellcheck (command, tests/shellcheck.sh)" has shellcheck
}

# config NAME FOLDER CROSS CLANG OPTIONS PACKAGES...: what building and
# testing that line of cross/configs needs, for the compilers in $compilers
config() {
	name=$1 cross=$3 clang=$4
	shift 5
	pkgs=$*
	if [ "$cross" = - ]; then
		cc=gcc tri="" wrapper=""
	else
		ini=cross/$cross.ini
		cc=$(ini_value "$ini" c)
		tri=$(ini_value "$ini" uapi_triplet)
		wrapper=$(ini_value "$ini" exe_wrapper)
	fi
	for comp in $compilers; do
		if [ "$comp" = gcc ] && [ "$clang" = only ]; then
			:	# clang only: no gcc, no libgcc (cross/configs)
		elif [ "$comp" = gcc ]; then
			req "$pkgs" "$name: $cc (command)" has "$cc"
			req "$pkgs" "$name: libgcc of $cc" has_libgcc "$cc"
			h=$(uapi_files "$tri" "$cc")
			# shellcheck disable=SC2086
			req "$pkgs" "$name: UAPI headers $h" has_files $h
			if [ "$cross" = - ]; then
				# meson's sanity check and the host-only tls_layout test are hosted
				req "$pkgs" "$name: $cc's crt1.o (libc6-dev)" has_lib crt1.o "$cc"
				req "$pkgs" "$name: /usr/include/stdio.h (libc6-dev)" is_file /usr/include/stdio.h
				[ "$purpose" = test ] && req strace "$name: strace (tests/clock_strace.sh)" has strace
			fi
			# tests/cxx_thread_local.cc only: the g++ a cross file names (native: g++)
			if [ "$purpose" = test ]; then
				cxx=""
				if [ "$cross" = - ]; then cxx=g++ cxxpkg=g++
				elif grep -q '^cpp *=' "$ini"; then
					# Debian's package names spell the triplet's _ as - (g++-x86-64-linux-gnux32)
					cxx=${cc%-gcc}-g++ cxxpkg=g++-$(echo "${cc%-gcc}" | tr _ -)
				fi
				[ -n "$cxx" ] && req "$cxxpkg" "$name: $cxx (tests/cxx_thread_local.cc)" has "$cxx"
			fi
		elif [ "$clang" != - ]; then
			req "clang" "$name: clang (command)" has clang
			req "llvm" "$name: llvm-ar, llvm-strip (commands)" has_files "$(command -v llvm-ar)" "$(command -v llvm-strip)"
			if [ "$clang" = native ]; then
				ld=lld clangcc=clang
			elif [ "$clang" = only ]; then
				ld=$(ini_value "$ini" c_ld)
				clangcc="clang --target=$(sed -n "s/^triplet *= *'\([^']*\)'.*/\1/p" "$ini")"
			else
				ld=$(ini_value "cross/$clang.ini" c_ld)
				clangcc="clang --target=$(sed -n "s/^triplet *= *'\([^']*\)'.*/\1/p" "$ini")"
			fi
			case $ld in
			lld) req lld "$name: ld.lld (command)" has ld.lld ;;
			bfd) req "$pkgs" "$name: $tri-ld (command)" has "$tri-ld" ;;
			esac
			# shellcheck disable=SC2086
			[ "$clang" = only ] || req "clang $pkgs" "$name: libgcc for $clangcc" has_libgcc $clangcc
			# shellcheck disable=SC2086
			h=$(uapi_files "$tri" $clangcc)
			# shellcheck disable=SC2086
			req "$pkgs" "$name: UAPI headers $h" has_files $h
		fi
	done
	[ -n "$wrapper" ] && req qemu-user-static "$name: $wrapper (command)" has "$wrapper"
}

# the demo: meson, ninja and the first native line of cross/configs, with gcc
demo_checks() {
	build_tools
	compilers=gcc
	# shellcheck disable=SC2046
	config $(./scripts/configs.sh --all | awk '$3 == "-" && $5 == "-"' | head -n 1)
	req binutils "strip, readelf, nm (commands)" has_files "$(command -v strip)" "$(command -v readelf)" "$(command -v nm)"
	req file "file (command)" has file
	# the C11 example's glibc build (gcc -static -pthread)
	req libc6-dev "static glibc (gcc -print-file-name=libc.a)" has_lib libc.a gcc
}

# the checks of one purpose (run before and after installing)
check() {
	case $purpose in
	demo)
		demo_checks ;;
	test)
		build_tools
		compilers=${TB_CC:-gcc clang}
		for comp in $compilers; do
			case $comp in gcc|clang) ;; *) echo "deps: TB_CC must be gcc or clang, not '$comp'" >&2; exit 2 ;; esac
		done
		lines=$(./scripts/configs.sh "$@" 2>/dev/null) || { ./scripts/configs.sh "$@" >/dev/null; exit 2; }
		while read -r line; do
			# shellcheck disable=SC2086
			[ -n "$line" ] && config $line
		done <<EOF
$lines
EOF
		;;
	bench)
		demo_checks
		req libc6-dev "static glibc (gcc -print-file-name=libc.a)" has_lib libc.a gcc
		req musl-tools "musl-gcc (command)" has musl-gcc
		req python3 "python3 (command)" has python3
		req util-linux "taskset (command)" has taskset
		req valgrind "valgrind (command; bench-counts.sh)" has valgrind ;;
	fresh)
		req "mmdebstrap gpg mount" "mmdebstrap (command)" has mmdebstrap
		req git "git (command)" has git ;;
	*)
		echo "usage: deps.sh demo | test [CONFIG...] | bench | fresh" >&2
		exit 2 ;;
	esac
}

purpose=${1:-test}
[ $# -gt 0 ] && shift
check "$@"
[ -z "$need" ] && exit 0

# shellcheck disable=SC2086
pkgs=$(printf '%s\n' $need | sort -u | tr '\n' ' ')
echo "deps: installing $pkgs" >&2
echo "deps: because of:$missing" >&2
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
mkdir -p build
log=build/deps-apt.log
$SUDO apt-get update >"$log" 2>&1 || echo "deps: apt-get update failed (see $log); trying the install anyway" >&2
# shellcheck disable=SC2086
if ! $SUDO apt-get install -y --no-install-recommends $pkgs >>"$log" 2>&1; then
	tail -n 20 "$log" >&2
	echo "deps: apt-get install failed (whole log: $log)" >&2
	exit 1
fi

need="" missing=""
check "$@"
[ -z "$need" ] && exit 0
echo "deps: still missing after installing $pkgs:$missing" >&2
exit 1
