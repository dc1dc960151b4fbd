#!/bin/sh
# Proves the README's two commands on a new Debian 12 machine: builds a root
# with mmdebstrap --variant=apt bookworm (plus git, file and python3 only),
# from the package sources this machine's apt uses, clones the committed HEAD
# into it and runs ./scripts/demo.sh and ./scripts/test.sh there exactly as
# the README writes them, then ./scripts/test-kernel.sh --build (what the
# real-kernel matrix installs and builds for every line, x32 included), with
# /proc and /dev mounted. The closing line is test.sh's. The output is relayed
# (and kept in build/fresh-check.log); the last line is the test command's
# "N passed, N failed". On success the verified commit is written to
# build/fresh-check.ok, so that a check older than HEAD shows.
#
#   ./scripts/fresh-check.sh              the README's commands (as root)
#   ./scripts/fresh-check.sh CONFIG...    ./scripts/test.sh CONFIG... instead
#                                         (TB_CC passes through); a quicker
#                                         try that writes no fresh-check.ok
#                                         (TB_FRESH_KERNELS="x32 ...": only
#                                         these real-kernel lines are built)
#
# The root tarball is cached in $TB_FRESH_CACHE (default
# /var/cache/threadbare), keyed on the sources and the package list, and the
# .deb files the root downloads are kept there too (apt-archives/): the root
# is still new each time, the mirror is not asked twice for one file.
# TB_FRESH_KEEP=1 keeps the root (its path is printed) instead of removing it.
set -u
cd "$(dirname "$0")/.." || exit 2
top=$(pwd)
cache=${TB_FRESH_CACHE:-/var/cache/threadbare}
log=$top/build/fresh-check.log
mkdir -p build
: >"$log"
say() { echo "fresh-check: $*" | tee -a "$log"; }
# fail WHY: the check could not run; one failure in the closing line
fail() { say "$*"; echo "0 passed, 1 failed" | tee -a "$log"; exit 1; }

[ "$(id -u)" = 0 ] || fail "needs root (mmdebstrap, chroot and mount)"
./scripts/deps.sh fresh || fail "scripts/deps.sh fresh failed"
commit=$(git rev-parse HEAD) || fail "not a git checkout"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
	say "note: uncommitted changes are not checked; this checks $commit"

# --- the package sources this machine's apt uses, as one-line entries
# (bookworm suites only: the root is Debian 12)
sources=$(
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] && sed -e 's/#.*//' "$f" | awk '$1 == "deb"'
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		# deb822 stanzas: one line per URI and suite
		awk '
		function flush() {
			if (types ~ /(^| )deb( |$)/ && enabled != "no")
				for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++)
					print "deb " (key != "" ? "[signed-by=" key "] " : "") u[i] " " s[j] " " comps
			types = ""; nu = ns = 0; comps = ""; key = ""; enabled = ""
		}
		/^[ \t]*#/ { next }
		/^[ \t]*$/ { flush(); next }
		{
			k = tolower($1); sub(/:$/, "", k); $1 = ""; sub(/^ +/, "")
			if (k == "types") types = $0
			else if (k == "uris") nu = split($0, u, " ")
			else if (k == "suites") ns = split($0, s, " ")
			else if (k == "components") comps = $0
			else if (k == "signed-by") key = $0
			else if (k == "enabled") enabled = tolower($0)
		}
		END { flush() }' "$f"
	done | awk '$0 ~ / bookworm(-[a-z-]+)? /'
)
[ -n "$sources" ] || fail "no bookworm source in /etc/apt/sources.list{,.d}"
# apt options the root needs to reach the same sources (a proxy; a snapshot
# mirror's expired Valid-Until)
aptopts=$(apt-config dump 2>/dev/null |
	grep -E '^Acquire::(https?::Proxy|Check-Valid-Until|Check-Date) ' || true)
packages=git,file,python3

key=$(printf '%s\n%s\n%s\n' "$sources" "$aptopts" "variant=apt bookworm $packages" |
	sha256sum | cut -c1-16)
tarball=$cache/bookworm-apt-$key.tar
mkdir -p "$cache/apt-archives/partial" || fail "cannot create $cache"
if [ -f "$tarball" ]; then
	say "root: cached $tarball"
else
	say "root: mmdebstrap --variant=apt --include=$packages bookworm, from:"
	printf '%s\n' "$sources" | sed 's/^/    /' | tee -a "$log"
	mkdir -p "$cache/fresh-$$.d"
	printf '%s\n' "$sources" >"$cache/fresh-$$.d/host-sources.list"
	# a file given to --aptopt is appended to the root's apt.conf.d/99mmdebstrap
	printf '%s\n' "$aptopts" >"$cache/fresh-$$.conf"
	t0=$(date +%s)
	if ! mmdebstrap --variant=apt --format=tar --include="$packages" \
		--aptopt="$cache/fresh-$$.conf" bookworm \
		"$cache/fresh-$$.tar" "$cache/fresh-$$.d/host-sources.list" >>"$log" 2>&1; then
		rm -rf "$cache/fresh-$$.tar" "$cache/fresh-$$.d" "$cache/fresh-$$.conf"
		tail -n 20 "$log"
		fail "mmdebstrap failed (whole log: $log)"
	fi
	rm -rf "$cache/fresh-$$.d" "$cache/fresh-$$.conf"
	mv "$cache/fresh-$$.tar" "$tarball"
	say "root: made in $(($(date +%s) - t0)) s, $(du -h "$tarball" | cut -f1)"
fi

# --- a new root from the tarball, the commit cloned into it
root=$(mktemp -d /var/tmp/threadbare-fresh.XXXXXX) || fail "mktemp failed"
mounted() { awk -v r="$root" 'index($2, r) == 1' /proc/mounts | grep -q .; }
cleanup() {
	for m in "$root/var/cache/apt/archives" "$root/proc"; do
		mountpoint -q "$m" 2>/dev/null && umount "$m"
	done
	mountpoint -q "$root/dev" 2>/dev/null && umount -R "$root/dev"
	if mounted; then
		echo "fresh-check: $root still has mounts; left in place" >&2
	elif [ "${TB_FRESH_KEEP:-0}" = 1 ]; then
		echo "fresh-check: root kept in $root" >&2
	else
		rm -rf --one-file-system "$root"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
tar -C "$root" -xf "$tarball" || fail "cannot unpack $tarball"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
git clone -q --no-hardlinks "$top" "$root/root/threadbare" &&
	git -C "$root/root/threadbare" checkout -q --detach "$commit" ||
	fail "cannot clone $commit into the root"
mkdir -p "$root/var/cache/apt/archives" &&
	mount -t proc proc "$root/proc" &&
	mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev" &&
	mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives" ||
	fail "cannot mount /proc, /dev or the .deb cache in the root"

# run CMD...: one of the README's commands, as a new machine's root shell
# runs it (a subset run also passes TB_CC)
cc_env=""
[ $# -gt 0 ] && cc_env=${TB_CC:+TB_CC=$TB_CC}
run() {
	# shellcheck disable=SC2086
	env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		LANG=C.UTF-8 TERM=dumb $cc_env \
		chroot "$root" /bin/sh -c 'cd /root/threadbare && exec "$@"' sh "$@" </dev/null 2>&1
}
t0=$(date +%s)
say "run: ./scripts/demo.sh"
{ run ./scripts/demo.sh; echo $? >"$root/demo.rc"; } | tee -a "$log"
demo_rc=$(cat "$root/demo.rc")
t1=$(date +%s)
say "run: ./scripts/test.sh${*:+ $*}${cc_env:+ ($cc_env)}"
{ run ./scripts/test.sh "$@"; echo $? >"$root/test.rc"; } | tee -a "$log"
test_rc=$(cat "$root/test.rc")
t2=$(date +%s)
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
[ -n "$line" ] || line="0 passed, 1 failed"
# The real-kernel matrix's build step for every line of cross/kernels (what
# it installs and builds, x32 included, which test.sh does not run); its
# kernels and boots are .ci/run's next part, on this machine.
# TB_FRESH_KERNELS="x32 ..." builds only those lines (a quicker try).
kern_rc=0
say "run: ./scripts/test-kernel.sh --build ${TB_FRESH_KERNELS:-}"
# shellcheck disable=SC2086
{ run ./scripts/test-kernel.sh --build ${TB_FRESH_KERNELS:-}; echo $? >"$root/kern.rc"; } | tee -a "$log"
kern_rc=$(cat "$root/kern.rc")
t3=$(date +%s)

say "demo.sh: exit $demo_rc, $((t1 - t0)) s; test.sh: exit $test_rc, $((t2 - t1)) s; test-kernel.sh --build: exit $kern_rc, $((t3 - t2)) s"
ok=0
[ "$demo_rc" = 0 ] && [ "$test_rc" = 0 ] && [ "$kern_rc" = 0 ] && ok=1
if [ $ok = 1 ] && [ $# = 0 ]; then
	echo "$commit" >build/fresh-check.ok
	say "verified $commit (build/fresh-check.ok)"
elif [ $ok = 1 ]; then
	say "configurations $* pass on a new root; build/fresh-check.ok is written only for the full check"
else
	[ "$demo_rc" = 0 ] || say "FAILED: ./scripts/demo.sh exited $demo_rc"
	[ "$test_rc" = 0 ] || say "FAILED: ./scripts/test.sh exited $test_rc"
	[ "$kern_rc" = 0 ] || say "FAILED: ./scripts/test-kernel.sh --build exited $kern_rc"
	# the root goes away: keep its logs
	keep=build/fresh-check-logs
	rm -rf "$keep" && mkdir -p "$keep"
	(cd "$root/root/threadbare/build" 2>/dev/null &&
		find . -maxdepth 3 \( -name '*.log' -o -name testlog.txt \) -exec cp --parents {} "$top/$keep" \;)
	say "the root's build logs are in $keep/"
fi
echo "$line" | tee -a "$log"
[ $ok = 1 ]
