#!/bin/sh
# Runs each configuration's test programs on a real Linux kernel under
# qemu-system, and ends with "N passed, N failed".
#
#   ./scripts/test-kernel.sh                  every configuration in the table
#   ./scripts/test-kernel.sh aarch64 mipsel   only these
#
# For each configuration: the gcc build of ./scripts/test.sh (build/<config>-gcc,
# set up here when missing, always brought up to date), its meson test
# programs and tests/kernel's init packed into a newc initramfs, a Debian
# kernel booted on it with a time limit. The init (tests/kernel/init.c) runs
# `t_spawn t_names` once before mounting /proc, then every program, each under
# its meson timeout, frames what it prints with "TB|" and powers off; a crash,
# a hang or a boot that never reports is a failure. Console logs are kept in
# build/kernel/<config>.log.
#
# Kernels are Debian packages, fetched once through a private apt state (the
# machine's own apt sources and architectures are left alone) into
# $TB_KERNEL_CACHE (default /var/cache/threadbare/kernels where writable, else
# build/kernels), and never fetched again. hppa's is built instead (flavour
# build:parisc: scripts/build-kernel.sh, linux-source-6.1 with
# tests/kernel/parisc.config) into the same cache, once per machine: about 8
# minutes on a 2-vCPU machine, so it runs by default, in .ci/run too (its boot
# then takes about 5 minutes more). sparc64's is built the same way
# (build:sparc64, about 3.5 minutes; its boot and run well under a minute). x86_64 and x32 use KVM when it
# works, else TCG. Under TCG the init's environment has TB_EMULATED=1, which
# shrinks the stress counts as under qemu-user (TB_QEMU_USER stays unset: the
# syscalls are the kernel's own).
#
# Each program's limit is its meson timeout times TB_KERNEL_SCALE (default 3:
# a whole emulated machine is slower than qemu-user, whose pace meson's
# timeouts were set for). A boot is stopped when its console is silent for
# longer than the longest limit plus 120 s, or after TB_KERNEL_TIMEOUT
# (default 3600) s. TB_KERNEL_RUN="PROGRAM [CASE]" runs only that program.
cd "$(dirname "$0")/.." || exit 2
top=$(pwd)

# One line per configuration:
# config | Debian arch | suite | kernel flavour | qemu | machine | console | kernel arguments
table='
x86_64   | amd64    | bookworm | amd64       | x86_64   | -M pc -cpu max -smp 2             | ttyS0   | no_timer_check
i386     | i386     | bookworm | 686         | i386     | -M pc -cpu max -smp 2             | ttyS0   | no_timer_check
aarch64  | arm64    | bookworm | arm64       | aarch64  | -M virt -cpu cortex-a57 -smp 2    | ttyAMA0 |
armhf    | armhf    | bookworm | armmp       | arm      | -M virt -cpu cortex-a15 -smp 2    | ttyAMA0 |
riscv64  | riscv64  | trixie   | riscv64     | riscv64  | -M virt -smp 2 -bios default      | ttyS0   |
mipsel   | mipsel   | bookworm | 4kc-malta   | mipsel   | -M malta                          | ttyS0   |
mips64el | mips64el | bookworm | 5kc-malta   | mips64el | -M malta -cpu 5KEc                | ttyS0   |
ppc64le  | ppc64el  | bookworm | powerpc64le | ppc64    | -M pseries -cpu power9 -smp 2     | hvc0    |
x32      | amd64    | bookworm | amd64       | x86_64   | -M pc -cpu max -smp 2             | ttyS0   | syscall.x32=y no_timer_check
s390x    | s390x    | bookworm | s390x       | s390x    | -M s390-ccw-virtio -cpu max -smp 2 | ttysclp0 |
armel    | armhf    | bookworm | armmp       | arm      | -M virt -cpu cortex-a15 -smp 2    | ttyAMA0 |
hppa     | -        | -        | build:parisc | hppa    | -smp 2                            | ttyS0   |
sparc64  | -        | -        | build:sparc64 | sparc64 | -M sun4u                         | ttyS0   |
'
# (malta hangs with more than one CPU; no_timer_check: on a loaded host a TCG
# x86 can fail the kernel's IO-APIC timer check and panic at boot.)
# hppa: Debian's main archive has no parisc kernel (hppa is a Debian-ports
# architecture), so "build:parisc" builds one (scripts/build-kernel.sh, from
# linux-source-6.1 and tests/kernel/parisc.config) into the same cache. No -M:
# qemu 7.2 calls its only machine "hppa", later ones "B160L" (the default) and
# "C3700"; both default to the 32-bit B160L, whose first 8250, the one
# -serial stdio feeds, is ttyS0 (Dino's, at 0xfff83800, is ttyS1). It powers
# off ("reboot: Power down", and qemu exits). qemu runs hppa's two CPUs
# round-robin on one host thread (x86 hosts are weaker-ordered than PA-RISC,
# so no MTTCG by default): programs that spin waiting on another thread are
# slow there (t_once: 211 s with -smp 2, 13 s with -smp 1, 7 s with
# -accel tcg,thread=multi), but it is the only ordering-exact SMP.
# sparc64: built too ("build:sparc64", tests/kernel/sparc64.config), booted
# by -kernel through qemu's OpenBIOS. sun4u takes one CPU only (qemu refuses
# -smp 2); its console is the "su" 16550, ttyS0. It powers off through
# OpenBIOS ("reboot: Power down", and qemu exits).

row() { printf '%s\n' "$table" | awk -F'|' -v c="$1" '{ f = $1; gsub(/ /, "", f) } f == c'; }
field() { printf '%s\n' "$1" | awk -F'|' -v n="$2" '{ gsub(/^ +| +$/, "", $n); print $n }'; }

# --- what a fresh Debian machine lacks
need=""
for q in x86_64 i386 aarch64 arm riscv64 mipsel mips64el ppc64 s390x hppa sparc64; do
	command -v "qemu-system-$q" >/dev/null 2>&1 && continue
	case $q in
	x86_64|i386) p=qemu-system-x86 ;; aarch64|arm) p=qemu-system-arm ;;
	mips*) p=qemu-system-mips ;; ppc64) p=qemu-system-ppc ;; sparc64) p=qemu-system-sparc ;;
	*) p=qemu-system-misc ;;
	esac
	case " $need " in *" $p "*) ;; *) need="$need $p" ;; esac
done
[ -f /usr/share/qemu/opensbi-riscv64-generic-fw_dynamic.bin ] || need="$need qemu-system-data"
if [ -n "$need" ]; then
	echo "test-kernel: installing$need" >&2
	SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
	export DEBIAN_FRONTEND=noninteractive
	{ $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends$need >/dev/null; } ||
		{ echo "test-kernel: could not install$need" >&2; exit 2; }
fi

cache=${TB_KERNEL_CACHE:-}
if [ -z "$cache" ]; then
	cache=/var/cache/threadbare/kernels
	mkdir -p "$cache" 2>/dev/null && [ -w "$cache" ] || cache=$top/build/kernels
fi
mkdir -p "$cache" build/kernel || exit 2

# The Debian mirror this machine's apt uses, else deb.debian.org.
mirror() {
	m=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 's/^URIs: *\([^ ]*debian\/*\)$/\1/p' | head -1)
	[ -n "$m" ] || m=$(sed -n 's/^deb \(\[[^]]*\] \)*\([^ ]*\) bookworm.* main.*/\2/p' /etc/apt/sources.list 2>/dev/null | head -1)
	echo "${m:-http://deb.debian.org/debian}"
}

# kernel ARCH SUITE FLAVOUR: prints the cached kernel image, fetching it once
# (FLAVOUR build:KARCH: building it once, with scripts/build-kernel.sh).
kernel() {
	case $3 in build:*)
		TB_KERNEL_CACHE=$cache ./scripts/build-kernel.sh "${3#build:}"
		return ;;
	esac
	d=$cache/$2-$1-$3
	if ! ls "$d"/vmlinu* >/dev/null 2>&1; then
		st=$d.apt
		rm -rf "$st" && mkdir -p "$st/lists/partial" "$st/cache/archives/partial" "$st/deb" || return 1
		echo "deb [arch=$1 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(mirror) $2 main" \
			>"$st/sources.list"
		echo "test-kernel: fetching the $3 kernel ($1, $2)" >&2
		f=$3
		set -- -o Dir::Etc::sourcelist="$st/sources.list" -o Dir::Etc::sourceparts=- \
			-o Dir::State::Lists="$st/lists" -o Dir::Cache="$st/cache" \
			-o Dir::State::status=/dev/null -o APT::Architectures::="$1" -o APT::Architecture="$1"
		apt-get "$@" -qq update >&2 || return 1
		pkg=$(apt-cache "$@" depends "linux-image-$f" | sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*\).*/\1/p' | head -1)
		[ -n "$pkg" ] || { echo "test-kernel: no linux-image-$f in the archive" >&2; return 1; }
		(cd "$st/deb" && apt-get "$@" -qq download "$pkg" 2>&1 | grep -v unsandboxed >&2)
		mkdir -p "$d.new" && dpkg-deb -x "$st/deb/${pkg}_"*.deb "$d.new/x" || return 1
		mv "$d.new/x/boot/"vmlinu* "$d.new/" && echo "$pkg" >"$d.new/package" &&
			rm -rf "$d.new/x" "$d" && mv "$d.new" "$d" && rm -rf "$st" || return 1
	fi
	ls "$d"/vmlinu* | head -1
}

# newc cpio: /dev/console, /proc, /init, /tests and /t/<program>...
initramfs() { # OUT LIST INIT PROGRAM...
	python3 - "$@" <<'EOF'
import os, sys
out, lst, init, progs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
ino = [100]
def entry(f, name, mode, data=b"", rdev=(0, 0)):
    ino[0] += 1
    hdr = "070701" + "".join("%08X" % v for v in (
        ino[0], mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(name) + 1, 0))
    f.write(hdr.encode() + name.encode() + b"\0")
    f.write(b"\0" * (-(110 + len(name) + 1) % 4))
    f.write(data + b"\0" * (-len(data) % 4))
with open(out, "wb") as f:
    for d in ("dev", "proc", "t"):
        entry(f, d, 0o40755)
    entry(f, "dev/console", 0o20600, rdev=(5, 1))
    entry(f, "init", 0o100755, open(init, "rb").read())
    entry(f, "tests", 0o100644, open(lst, "rb").read())
    for p in progs:
        entry(f, "t/" + os.path.basename(p), 0o100755, open(p, "rb").read())
    entry(f, "TRAILER!!!", 0)
EOF
}

# The programs meson tests (one static executable, no arguments: a program
# with an ELF interpreter is a host-only unit test): "tap|exit TIMEOUT PATH".
programs() {
	meson introspect --tests "$1" | python3 -c '
import json, struct, sys
def static(path):
    with open(path, "rb") as f:
        e = f.read(64)
        if e[:4] != b"\x7fELF":
            return False
        end = "<" if e[5] == 1 else ">"
        if e[4] == 2:
            phoff, = struct.unpack(end + "Q", e[32:40])
            phsize, phnum = struct.unpack(end + "HH", e[54:58])
        else:
            phoff, = struct.unpack(end + "I", e[28:32])
            phsize, phnum = struct.unpack(end + "HH", e[42:46])
        f.seek(phoff)
        ph = f.read(phsize * phnum)
    return all(struct.unpack(end + "I", ph[i:i + 4])[0] != 3 for i in range(0, len(ph), phsize))
for t in json.load(sys.stdin):
    c = t["cmd"]
    if len(c) == 1 and static(c[0]):
        print("tap" if t["protocol"] == "tap" else "exit", t["timeout"], c[0])'
}

# boot ACCEL: the configuration's kernel on its initramfs, console into $log.
# qemu is stopped once the console has been silent for $idle s (the init
# prints at least once per test limit) or after TB_KERNEL_TIMEOUT s in all.
boot() {
	# shellcheck disable=SC2086
	nice "$qemu" $machine -accel "$1" -m 512 \
		-display none -monitor none -serial stdio -no-reboot -kernel "$k" \
		-initrd "build/kernel/$cfg.cpio" \
		-append "console=$con panic=-1 quiet loglevel=1 PATH=/t $env $kargs" \
		</dev/null >"$log" 2>&1 &
	qpid=$! last=-1 quiet=0 spent=0 stopped=""
	while kill -0 "$qpid" 2>/dev/null; do
		sleep 2
		spent=$((spent + 2)) size=$(wc -c <"$log")
		if [ "$size" != "$last" ]; then last=$size quiet=0; else quiet=$((quiet + 2)); fi
		if [ "$quiet" -ge "$idle" ] || [ "$spent" -ge "${TB_KERNEL_TIMEOUT:-3600}" ]; then
			stopped="stopped after $spent s, $quiet s without output"
			kill "$qpid"; sleep 2; kill -9 "$qpid" 2>/dev/null
			break
		fi
	done
	wait "$qpid"
}

# The output of each failed program, but its "ok" lines.
failures() {
	awk '/^TB\|\| FAIL / { t = substr($0, 11); sub(/ \(.*$/, "", t); bad[t] = 1 }
	     { line[NR] = $0 }
	     END { for (i = 1; i <= NR; i++) {
		if (line[i] !~ /^TB\|[^|]+\| /) continue
		t = substr(line[i], 4); sub(/\| .*$/, "", t)
		if ((t in bad) && line[i] !~ /^TB\|[^|]+\| ok /)
			print "      " substr(line[i], length(t) + 6)
	     } }' "$1"
}

kvm_ok() {
	[ -r /dev/kvm ] && [ -w /dev/kvm ] && [ "${TB_KERNEL_KVM:-1}" = 1 ]
}

scale=${TB_KERNEL_SCALE:-3}
passed=0 failed=0 summary="" t_all=$(date +%s)
configs=${*:-$(printf '%s\n' "$table" | awk -F'|' 'NF > 1 { gsub(/ /, "", $1); print $1 }')}
for cfg in $configs; do
	echo "=== $cfg (real kernel)"
	r=$(row "$cfg")
	if [ -z "$r" ]; then
		echo "    no kernel line for $cfg in scripts/test-kernel.sh"
		failed=$((failed + 1)) summary="$summary$(printf '%-9s   0 passed, 1 failed (no kernel)' "$cfg")
"
		continue
	fi
	darch=$(field "$r" 2) suite=$(field "$r" 3) flav=$(field "$r" 4) qemu=qemu-system-$(field "$r" 5)
	machine=$(field "$r" 6) con=$(field "$r" 7) kargs=$(field "$r" 8)
	dir=build/$cfg-gcc log=build/kernel/$cfg.log
	# the build tree as ./scripts/test.sh sets it up (cross/configs)
	if ./scripts/configs.sh "$cfg" >/dev/null 2>&1; then TB_CC=gcc ./scripts/deps.sh test "$cfg" || exit 2; fi
	if line=$(./scripts/configs.sh "$cfg" 2>/dev/null); then
		# shellcheck disable=SC2086
		set -- $line
		cross=$3 options=$5
	elif [ -f "cross/$cfg.ini" ]; then
		cross=$cfg options=-	# a port only real kernels run (x32)
	else
		failed=$((failed + 1)) summary="$summary$(printf '%-9s   0 passed, 1 failed (not in cross/configs)' "$cfg")
"
		continue
	fi
	set --
	[ "$cross" != - ] && set -- --cross-file cross/linux.ini --cross-file "cross/$cross.ini"
	[ "$options" != - ] && for kv in $(echo "$options" | tr , ' '); do set -- "$@" "-D$kv"; done
	if ! { [ -f "$dir/build.ninja" ] || nice meson setup "$dir" "$@" --werror >"$dir.setup.log" 2>&1; } ||
	   ! nice ninja -C "$dir" >"$dir.build.log" 2>&1; then
		echo "    build failed:"; for l in "$dir.setup.log" "$dir.build.log"; do
			[ -f "$l" ] && tail -n 20 "$l" | sed 's/^/    /'; done
		failed=$((failed + 1)) summary="$summary$(printf '%-9s   0 passed, 1 failed (build)' "$cfg")
"
		continue
	fi
	if ! k=$(kernel "$darch" "$suite" "$flav"); then
		case $flav in
		build:*) echo "    no kernel: scripts/build-kernel.sh ${flav#build:} failed" ;;
		*) echo "    no kernel: linux-image-$flav ($darch, $suite) could not be fetched" ;;
		esac
		failed=$((failed + 1)) summary="$summary$(printf '%-9s   0 passed, 1 failed (no kernel)' "$cfg")
"
		continue
	fi
	progs=$(programs "$dir")
	if [ -n "${TB_KERNEL_RUN:-}" ]; then
		# one program (and case), for a closer look
		echo proc
		echo "$progs" | awk -v p="${TB_KERNEL_RUN%% *}" -v c="${TB_KERNEL_RUN#* }" \
			-v s="$scale" '{ n = split($3, f, "/") } f[n] == p { print $1, $2 * s, "/t/" p, (c != p ? c : "") }'
	else
		echo "# run before /proc is mounted: naming another thread without it"
		echo "tap 60 /t/t_spawn t_names"
		echo proc
		echo "$progs" | while read -r how t p; do echo "$how $((t * scale)) /t/${p##*/}"; done
	fi >build/kernel/$cfg.tests
	initramfs build/kernel/$cfg.cpio build/kernel/$cfg.tests "$dir/tests/kernel/tb_init" \
		$(echo "$progs" | cut -d' ' -f3) || exit 2
	accel=tcg env=TB_EMULATED=1
	[ "$qemu" = qemu-system-x86_64 ] && kvm_ok && accel=kvm env=
	t0=$(date +%s)
	idle=$(($(echo "$progs" | awk '$2 > m { m = $2 } END { print m + 0 }') * scale + 120))
	boot "$accel"; rc=$?
	if [ "$accel" = kvm ] && ! grep -q 'TB||' "$log"; then
		echo "    KVM boot failed (rc $rc), retrying with TCG"
		accel=tcg env=TB_EMULATED=1; boot tcg; rc=$?
	fi
	secs=$(($(date +%s) - t0))
	tr -d '\r' <"$log" | sed -n 's/^.*\(TB|[^|]*| \)/\1/p' >"$log.tb"
	p=$(grep -c '^TB|| PASS ' "$log.tb") f=$(grep -c '^TB|| FAIL ' "$log.tb")
	sed -n 's/^TB|| \(PASS\|FAIL\) /    \1 /p' "$log.tb"
	failures "$log.tb"
	if ! grep -q '^TB|| [0-9]* passed, [0-9]* failed' "$log.tb"; then
		echo "    no summary from the init (qemu rc $rc${stopped:+, $stopped}): the console's end:"
		tr -d '\r' <"$log" | tail -n 25 | sed 's/^/      /'
		f=$((f + 1))
	fi
	kver=$(sed 's/^linux-image-//' "${k%/*}/package")
	echo "    $kver, $qemu $machine ($accel): $p passed, $f failed, $secs s"
	passed=$((passed + p)) failed=$((failed + f))
	summary="$summary$(printf '%-9s %3d passed, %d failed  %4d s  %s %s' "$cfg" "$p" "$f" "$secs" "$kver" "$accel")
"
done
echo
echo "=== summary (real kernels, $(($(date +%s) - t_all)) s)"
printf '%s' "$summary"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
