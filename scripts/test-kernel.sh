#!/bin/sh
# Runs each configuration's test programs on a real Linux kernel under
# qemu-system, and ends with "N passed, N failed".
#
#   ./scripts/test-kernel.sh                  every line of cross/kernels
#   ./scripts/test-kernel.sh aarch64 mipsel   only these
#   ./scripts/test-kernel.sh --build [CFG..]  only install and build (what a
#                                             new machine needs; no kernel)
#   ./scripts/test-kernel.sh --fetch [CFG..]  only fetch or build the kernels
#
# The kernel facts (package or built kernel, qemu machine, console) are the
# lines of cross/kernels; how to build and what to install are the line of
# the same name in cross/configs (scripts/deps.sh installs it). Per line: the
# gcc build tree of ./scripts/test.sh (build/<config>-gcc, set up here when
# missing, always brought up to date), its meson test programs
# (tests/kernel/programs.py) and tests/kernel's init packed into an initramfs
# (tests/kernel/initramfs.py), the kernel booted on it. The init
# (tests/kernel/init.c) runs `t_spawn t_names` before mounting /proc, then
# every program under its meson timeout times TB_KERNEL_SCALE (default 3),
# frames what it prints with "TB|" and powers off; a crash, a hang or a boot
# that never reports is a failure. Console logs: build/kernel/<config>.log.
#
# Debian kernels are fetched once through a private apt state (the machine's
# apt sources are left alone) into $TB_KERNEL_CACHE (default
# /var/cache/threadbare/kernels where writable, else build/kernels); a
# "build:<karch>" flavour is built once by scripts/build-kernel.sh into the
# same cache (hppa about 8 minutes, sparc64 about 3.5 on 2 vCPUs). x86_64 and
# x32 use KVM when it works, else TCG; under TCG the init's environment has
# TB_EMULATED=1, which shrinks the stress counts as under qemu-user. A boot is
# stopped when its console is silent for longer than the longest program
# limit plus 120 s, or after TB_KERNEL_TIMEOUT (default 3600) s.
# TB_KERNEL_RUN="PROGRAM [CASE]" runs only that program.
cd "$(dirname "$0")/.." || exit 2
top=$(pwd)
mode=run
case ${1:-} in --build | --fetch) mode=${1#--}; shift ;; esac
lines() { sed -e 's/#.*//' -e '/^[[:space:]]*$/d' cross/kernels; }
configs=${*:-$(lines | awk '{ print $1 }')}
cache=${TB_KERNEL_CACHE:-}
if [ -z "$cache" ]; then
	cache=/var/cache/threadbare/kernels
	mkdir -p "$cache" 2>/dev/null && [ -w "$cache" ] || cache=$top/build/kernels
fi
mkdir -p "$cache" build/kernel || exit 2

# apt_install PACKAGE...: as root, or through sudo
apt_install() {
	echo "test-kernel: installing $*" >&2
	SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
	{ $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
		$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null; } ||
		{ echo "test-kernel: could not install $*" >&2; exit 2; }
}

# The qemu-system binaries and firmware the chosen lines boot with.
qemu_deps() {
	need=""
	for q in $(for c in $configs; do lines | awk -v c="$c" '$1 == c { print $5 }'; done | sort -u); do
		[ -x "/usr/bin/qemu-system-$q" ] && continue
		case $q in
		x86_64 | i386) p="qemu-system-x86" ;; aarch64 | arm) p="qemu-system-arm" ;;
		mips*) p="qemu-system-mips" ;; ppc64) p="qemu-system-ppc" ;; sparc64) p="qemu-system-sparc" ;;
		*) p="qemu-system-misc" ;;
		esac
		case " $need " in *" $p "*) ;; *) need="$need $p" ;; esac
	done
	[ -f /usr/share/qemu/opensbi-riscv64-generic-fw_dynamic.bin ] || need="$need qemu-system-data"
	[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || need="$need debian-archive-keyring"
	# shellcheck disable=SC2086
	[ -z "$need" ] || apt_install $need
}

# The Debian mirror this machine's apt uses, else deb.debian.org.
mirror() {
	m=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 's/^URIs: *\([^ ]*debian\/*\)$/\1/p' | head -1)
	[ -n "$m" ] || m=$(sed -n 's/^deb \(\[[^]]*\] \)*\([^ ]*\) bookworm.* main.*/\2/p' /etc/apt/sources.list 2>/dev/null | head -1)
	echo "${m:-http://deb.debian.org/debian}"
}

# kernel DARCH SUITE FLAVOUR: prints the cached kernel image, fetching (or,
# for build:KARCH, building) it once.
kernel() {
	case $3 in build:*) TB_KERNEL_CACHE=$cache ./scripts/build-kernel.sh "${3#build:}"; return ;; esac
	d=$cache/$2-$1-$3
	if ! ls "$d"/vmlinu* >/dev/null 2>&1; then
		st=$d.apt f=$3
		rm -rf "$st" && mkdir -p "$st/lists/partial" "$st/cache/archives/partial" "$st/deb" || return 1
		echo "deb [arch=$1 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(mirror) $2 main" >"$st/sources.list"
		echo "test-kernel: fetching the $f kernel ($1, $2)" >&2
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

# build CFG: the line's gcc build tree, as ./scripts/test.sh sets it up
build() {
	TB_CC=gcc ./scripts/deps.sh test "$1" || return 1
	# shellcheck disable=SC2046
	set -- $(./scripts/configs.sh "$1") || return 1
	dir=build/$1-gcc cross=$3 options=$5
	set --
	[ "$cross" != - ] && set -- --cross-file cross/linux.ini --cross-file "cross/$cross.ini"
	[ "$options" != - ] && for kv in $(echo "$options" | tr , ' '); do set -- "$@" "-D$kv"; done
	{ [ -f "$dir/build.ninja" ] || nice meson setup "$dir" "$@" --werror >"$dir.setup.log" 2>&1; } &&
		nice ninja -C "$dir" >"$dir.build.log" 2>&1 && return
	for l in "$dir.setup.log" "$dir.build.log"; do [ -f "$l" ] && tail -n 20 "$l" | sed 's/^/    /'; done
	return 1
}

# boot: the kernel $k on build/kernel/$cfg.cpio with $accel, console into $log
boot() {
	# shellcheck disable=SC2086
	nice "qemu-system-$qemu" $machine -accel "$accel" -m 512 -display none -monitor none \
		-serial stdio -no-reboot -kernel "$k" -initrd "build/kernel/$cfg.cpio" \
		-append "console=$con panic=-1 quiet loglevel=1 PATH=/t $env $kargs" </dev/null >"$log" 2>&1 &
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

# tally P F WHAT: one configuration's result, into the totals and the summary
passed=0 failed=0 summary="" t_all=$(date +%s)
tally() {
	passed=$((passed + $1)) failed=$((failed + $2))
	summary="$summary$(printf '%-9s %3d passed, %d failed  %s' "$cfg" "$1" "$2" "$3")
"
}

[ "$mode" = build ] || qemu_deps
scale=${TB_KERNEL_SCALE:-3}
for cfg in $configs; do
	echo "=== $cfg (real kernel$([ "$mode" = run ] || echo ", $mode only"))"
	# shellcheck disable=SC2046
	set -- $(lines | awk -v c="$cfg" '$1 == c')
	[ $# = 8 ] || { echo "    no line for $cfg in cross/kernels"; tally 0 1 "(no kernel line)"; continue; }
	darch=$2 suite=$3 flav=$4 qemu=$5 machine=$(echo "$6" | tr , ' ') con=$7 kargs=$(echo "$8" | tr , ' ')
	[ "$machine" = - ] && machine=""
	[ "$kargs" = - ] && kargs=""
	dir=build/$cfg-gcc log=build/kernel/$cfg.log
	if [ "$mode" != fetch ] && ! build "$cfg"; then echo "    build failed"; tally 0 1 "(build)"; continue; fi
	[ "$mode" = build ] && { tally 1 0 "(built)"; continue; }
	if ! k=$(kernel "$darch" "$suite" "$flav"); then
		echo "    no kernel ($flav, $darch, $suite)"; tally 0 1 "(no kernel)"; continue
	fi
	[ "$mode" = fetch ] && { echo "    $k"; tally 1 0 "(kernel at hand)"; continue; }
	progs=$(meson introspect --tests "$dir" | python3 tests/kernel/programs.py)
	if [ -n "${TB_KERNEL_RUN:-}" ]; then
		# one program (and case), for a closer look
		echo proc
		echo "$progs" | awk -v p="${TB_KERNEL_RUN%% *}" -v c="${TB_KERNEL_RUN#* }" -v s="$scale" \
			'{ n = split($3, f, "/") } f[n] == p { print $1, $2 * s, "/t/" p, (c != p ? c : "") }'
	else
		echo "# run before /proc is mounted: naming another thread without it"
		echo "tap 60 /t/t_spawn t_names"
		echo proc
		echo "$progs" | while read -r how t p; do echo "$how $((t * scale)) /t/${p##*/}"; done
	fi >"build/kernel/$cfg.tests"
	# shellcheck disable=SC2046
	python3 tests/kernel/initramfs.py "build/kernel/$cfg.cpio" "build/kernel/$cfg.tests" \
		"$dir/tests/kernel/tb_init" $(echo "$progs" | cut -d' ' -f3) || exit 2
	accel=tcg env=TB_EMULATED=1
	[ "$qemu" = x86_64 ] && [ -w /dev/kvm ] && [ "${TB_KERNEL_KVM:-1}" = 1 ] && accel=kvm env=
	t0=$(date +%s)
	idle=$(($(echo "$progs" | awk '$2 > m { m = $2 } END { print m + 0 }') * scale + 120))
	boot; rc=$?
	if [ "$accel" = kvm ] && ! grep -q 'TB||' "$log"; then
		echo "    KVM boot failed (rc $rc), retrying with TCG"
		accel=tcg env=TB_EMULATED=1; boot; rc=$?
	fi
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
	echo "    $kver, qemu-system-$qemu $machine ($accel): $p passed, $f failed, $(($(date +%s) - t0)) s"
	tally "$p" "$f" "$(printf '%4d s  %s %s' $(($(date +%s) - t0)) "$kver" "$accel")"
done
echo
echo "=== summary (real kernels, $(($(date +%s) - t_all)) s)"
printf '%s' "$summary"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
