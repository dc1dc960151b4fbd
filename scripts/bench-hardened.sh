#!/bin/sh
# The hardened build's row pairs (issue 19): the library built as
# distributions build programs (-Dhardened=true: -fstack-protector-strong,
# static PIE, -fcf-protection or -mbranch-protection) against the plain
# build, on spawn_join, mutex_uncontended and pingpong_cond, pinned to CPU 0
# and unpinned, the two builds interleaved run by run; and both builds'
# stripped size_spawn. Prints a Markdown table: median [min-max] of all reps
# of all runs, and hardened/plain. Run it on a quiet machine (2-4 minutes).
#
#   ./scripts/bench-hardened.sh [--runs 7] [--quick]
#
# Trees: build/bench (scripts/bench.sh's plain one) and build/bench-hardened.
cd "$(dirname "$0")/.." || exit 2
runs=7 quick=0
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift 2 ;;
	--quick) quick=1 runs=3; shift ;;
	*) echo "usage: $0 [--runs N] [--quick]" >&2; exit 2 ;;
	esac
done
./scripts/deps.sh bench || exit 2
for t in taskset python3 strip; do
	command -v $t >/dev/null || { echo "bench-hardened.sh: '$t' is missing" >&2; exit 2; }
done
if [ $quick = 1 ]; then
	N_SPAWN=3000 N_MUTEX=2000000 N_PINGPONG=2000 reps=2
else
	N_SPAWN=10000 N_MUTEX=10000000 N_PINGPONG=10000 reps=3
fi
out=build/bench-results
mkdir -p "$out"
for v in plain hardened; do
	dir=build/bench opt=""
	[ $v = hardened ] && dir=build/bench-hardened opt=-Dhardened=true
	set --
	[ -f $dir/build.ninja ] && set -- --wipe
	# shellcheck disable=SC2086 # $opt: one option or none
	meson setup $dir "$@" -Dbench=true -Dtests=false -Dexamples=false $opt >"$out/$v-setup.log" 2>&1 &&
		ninja -C $dir bench/spawn_join bench/mutex_uncontended bench/pingpong_cond bench/size_spawn \
			>"$out/$v-build.log" 2>&1 ||
		{ tail -20 "$out/$v-setup.log" "$out/$v-build.log" >&2; echo "bench-hardened.sh: $v build failed" >&2; exit 1; }
done
if ! readelf -hW build/bench-hardened/bench/spawn_join | grep -q 'Type: *DYN'; then
	echo "bench-hardened.sh: the hardened spawn_join is no static PIE" >&2
	exit 1
fi

raw=$out/hardened-raw.txt
: >"$raw"
for v in plain hardened; do
	d=build/bench
	[ $v = hardened ] && d=build/bench-hardened
	strip -s -o "$out/$v-size_spawn" $d/bench/size_spawn || exit 1
	echo "size $v size_spawn bytes $(wc -c <"$out/$v-size_spawn")" >>"$raw"
done
echo "# $(date -u '+%Y-%m-%d %H:%M UTC') $(uname -srm), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), runs=$runs reps=$reps$([ $quick = 1 ] && echo ' (quick)')"
for mode in pinned unpinned; do
	pin=""
	[ $mode = pinned ] && pin="taskset -c 0"
	for w in "spawn_join $N_SPAWN $reps 0" "mutex_uncontended $N_MUTEX $reps" "pingpong_cond $N_PINGPONG $reps"; do
		r=0
		while [ $r -lt "$runs" ]; do
			order="plain hardened"
			[ $((r % 2)) = 1 ] && order="hardened plain"
			for v in $order; do
				d=build/bench
				[ $v = hardened ] && d=build/bench-hardened
				# shellcheck disable=SC2086 # $pin and $w: words
				timeout 60 $pin $d/bench/$w </dev/null >"$out/last.txt" 2>&1 ||
					{ cat "$out/last.txt" >&2; echo "bench-hardened.sh: $v $w failed" >&2; exit 1; }
				sed -n "s/^RESULT /$mode $v /p" "$out/last.txt" >>"$raw"
			done
			r=$((r + 1))
		done
	done
done
python3 - "$raw" <<'EOF'
import statistics, sys
cells, sizes = {}, {}
for line in open(sys.argv[1]):
    f = line.split()
    if f[0] == "size":
        sizes[f[1]] = int(f[4])
        continue
    mode, v, work, unit, val = f[0], f[1], f[2], f[3], float(f[4])
    cells.setdefault((mode, work, unit), {}).setdefault(v, []).append(val)
print("| mode | workload | unit | plain | hardened | hardened/plain |")
print("|---|---|---|---|---|---|")
for (mode, work, unit), c in cells.items():
    def cell(xs):
        return "%.1f [%.1f-%.1f]" % (statistics.median(xs), min(xs), max(xs))
    ratio = statistics.median(c["hardened"]) / statistics.median(c["plain"])
    print("| %s | %s | %s | %s | %s | %.2f |" % (mode, work, unit, cell(c["plain"]), cell(c["hardened"]), ratio))
print("| - | size_spawn (stripped) | bytes | %d | %d | %.2f |" % (
    sizes["plain"], sizes["hardened"], sizes["hardened"] / sizes["plain"]))
EOF
