#!/bin/sh
# Builds a small Linux kernel from Debian's linux-source-6.1 for a port whose
# architecture Debian's main archive has no kernel package for, and prints the
# cached image's path. scripts/test-kernel.sh calls it for a table line whose
# kernel flavour is "build:ARCH".
#
#   ./scripts/build-kernel.sh parisc     prints CACHE/build-parisc-KEY/vmlinux
#   ./scripts/build-kernel.sh sparc64    prints CACHE/build-sparc64-KEY/vmlinux
#
# The configuration is `make tinyconfig` plus tests/kernel/ARCH.config (merged
# with the kernel's scripts/kconfig/merge_config.sh, then olddefconfig); every
# option of the fragment that did not survive is reported, and fails the build.
# The image is cached in $TB_KERNEL_CACHE (default /var/cache/threadbare/kernels
# where writable, else build/kernels), in a folder keyed by the linux-source
# package's version, the cross compiler's version and the hash of the
# fragment's options, so it is built once per machine; a changed option builds
# a new one (a changed comment does not). The
# source is unpacked into the cache's work folder and removed once the image
# is in place (the build's log and .config stay next to the image).
#
# Cost, measured once on a 2-vCPU machine shared with another build (nice 19,
# -j2; TB_KERNEL_JOBS sets -j): 461 s from unpacking to vmlinux (unpacking
# about 25 s of it), plus the linux-source-6.1 download (138 MB) on a fresh
# machine; a 4.9 MB vmlinux from a 1159-line .config (244 options =y).
# sparc64: 189 s (196 s the first time) from unpacking to a 3.8 MB vmlinux
# (an ELF that qemu-system-sparc64's OpenBIOS boots with -kernel) from a
# 1412-line .config (265 =y). The
# unpacked source (over 1 GB) lives only while it builds. Two builds of the
# same ARCH at once share the work folder: do not run two test-kernel.sh hppa
# side by side on a machine without the cached kernel.
set -u
cd "$(dirname "$0")/.." || exit 2
top=$(pwd)

arch=${1:?usage: build-kernel.sh ARCH}
frag=$top/tests/kernel/$arch.config
[ -f "$frag" ] || { echo "build-kernel: no $frag" >&2; exit 2; }
case $arch in
parisc) cross=hppa-linux-gnu- crosspkg="gcc-hppa-linux-gnu binutils-hppa-linux-gnu" image=vmlinux ;;
sparc64) cross=sparc64-linux-gnu- crosspkg="gcc-sparc64-linux-gnu binutils-sparc64-linux-gnu" image=vmlinux ;;
*) echo "build-kernel: no cross compiler known for $arch" >&2; exit 2 ;;
esac
src=linux-source-6.1

# --- what a fresh Debian machine lacks (build tools, the source, the compiler)
need=""
for c in make:make flex:flex bison:bison bc:bc xz:xz-utils perl:perl "${cross}gcc:$crosspkg"; do
	command -v "${c%%:*}" >/dev/null 2>&1 || need="$need ${c#*:}"
done
set -- /usr/src/$src.tar.*
[ -f "$1" ] || need="$need $src"
if [ -n "$need" ]; then
	echo "build-kernel: installing$need" >&2
	SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
	export DEBIAN_FRONTEND=noninteractive
	# shellcheck disable=SC2086 # a list of packages
	{ $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null; } ||
		{ echo "build-kernel: could not install$need" >&2; exit 2; }
fi
set -- /usr/src/$src.tar.*
tarball=$1

cache=${TB_KERNEL_CACHE:-}
if [ -z "$cache" ]; then
	cache=/var/cache/threadbare/kernels
	mkdir -p "$cache" 2>/dev/null && [ -w "$cache" ] || cache=$top/build/kernels
fi
ver=$(dpkg-query -W -f='${Version}' "$src" 2>/dev/null) || ver=$(basename "$tarball")
# the key: the source, the compiler and the fragment's options (not its comments)
key=$({ echo "$ver"; "${cross}gcc" --version | head -1
	grep -E '^CONFIG_|^# CONFIG_[A-Z0-9_]* is not set' "$frag"; } | sha256sum | cut -c1-12)
d=$cache/build-$arch-$ver-$key
if [ -f "$d/$image" ]; then
	echo "$d/$image"
	exit 0
fi

w=$cache/build-$arch.work
rm -rf "$w" "$d.new" && mkdir -p "$w/obj" "$d.new" || exit 2
log=$d.new/build.log
t0=$(date +%s)
echo "build-kernel: building a $arch kernel from $src $ver into $d" >&2
# fail MESSAGE: the unpacked source goes, the log stays (in $d.new)
fail() { rm -rf "$w"; echo "build-kernel: $1" >&2; exit 1; }
mk() { nice -n 19 make -C "$w/$src" ARCH="$arch" CROSS_COMPILE="$cross" O="$w/obj" "$@"; }
{
	nice -n 19 tar -xf "$tarball" -C "$w" &&
	mk tinyconfig &&
	(cd "$w/$src" && nice -n 19 ./scripts/kconfig/merge_config.sh -m -O "$w/obj" "$w/obj/.config" "$frag") &&
	mk olddefconfig
} >"$log" 2>&1 || fail "configuration failed, see $log"
# every option the fragment sets must be in the final configuration
lost=$(sed -n 's/^\(CONFIG_[A-Z0-9_]*=.*\)/\1/p; s/^# \(CONFIG_[A-Z0-9_]*\) is not set/\1=n/p' "$frag" |
	while IFS= read -r o; do
		n=${o%%=*} v=${o#*=}
		if [ "$v" = n ]; then grep -q "^$n=" "$w/obj/.config" && echo "$o"
		else grep -qx "$n=$v" "$w/obj/.config" || echo "$o"; fi
	done | tr '\n' ' ')
if [ -n "$lost" ]; then
	fail "tests/kernel/$arch.config asks for what kconfig did not keep: $lost"
fi
mk -j"${TB_KERNEL_JOBS:-$(nproc)}" "$image" >>"$log" 2>&1 ||
	{ tail -n 20 "$log" >&2; fail "the build failed, see $log"; }
cp "$w/obj/$image" "$w/obj/.config" "$d.new/" &&
	echo "linux-image-$ver-$arch-built" >"$d.new/package" &&
	echo "$(($(date +%s) - t0)) s" >"$d.new/build-time" &&
	rm -rf "$d" && mv "$d.new" "$d" && rm -rf "$w" || exit 1
echo "build-kernel: built in $(cat "$d/build-time")" >&2
echo "$d/$image"
