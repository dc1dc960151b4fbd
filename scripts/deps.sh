#!/bin/sh
# Installs what building and testing threadbare needs on a Debian machine,
# only when something is missing: meson, ninja, qemu-user, the cross
# compilers of every configuration, lld, musl-tools and strace.
set -e
need=""
check() { command -v "$1" >/dev/null 2>&1 || need="$need $2"; }
check meson meson
check ninja ninja-build
check qemu-aarch64-static qemu-user-static
check clang clang
check ld.lld lld
check llvm-ar llvm
check musl-gcc musl-tools
check strace strace # tests/clock_strace.sh
check i686-linux-gnu-gcc gcc-i686-linux-gnu
check aarch64-linux-gnu-gcc gcc-aarch64-linux-gnu
check arm-linux-gnueabihf-gcc gcc-arm-linux-gnueabihf
check riscv64-linux-gnu-gcc gcc-riscv64-linux-gnu
check mips-linux-gnu-gcc gcc-mips-linux-gnu
check mipsel-linux-gnu-gcc gcc-mipsel-linux-gnu
check mips64el-linux-gnuabi64-gcc gcc-mips64el-linux-gnuabi64
check powerpc-linux-gnu-gcc gcc-powerpc-linux-gnu
check powerpc64-linux-gnu-gcc gcc-powerpc64-linux-gnu
check powerpc64le-linux-gnu-gcc gcc-powerpc64le-linux-gnu
check sparc64-linux-gnu-gcc gcc-sparc64-linux-gnu
check s390x-linux-gnu-gcc "gcc-s390x-linux-gnu linux-libc-dev-s390x-cross"
check mips64-linux-gnuabi64-gcc "gcc-mips64-linux-gnuabi64 linux-libc-dev-mips64-cross"
[ -z "$need" ] && exit 0
echo "deps: installing$need" >&2
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends$need >/dev/null
