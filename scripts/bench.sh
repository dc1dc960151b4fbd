#!/bin/sh
# Builds the benchmarks against threadbare, glibc pthreads and musl pthreads,
# runs them side by side pinned to CPU 0 and unpinned, and prints medians
# [min-max] with the ratios threadbare/glibc and threadbare/musl.
#
#   ./scripts/bench.sh                  full run (6-10 minutes on 2 vCPUs)
#   ./scripts/bench.sh --quick          fewer iterations and runs (under 3 minutes)
#   ./scripts/bench.sh --json out.json  also write the medians as JSON
#   ./scripts/bench.sh --runs 9         process runs per workload and implementation
#   ./scripts/bench.sh --no-counts      skip the instruction counts
#   ./scripts/bench.sh --counts-only    build, then only the instruction counts
#                                       (about a minute; any load on the machine)
#
# Each workload is one program (bench/<name>.c) run --runs times per
# implementation, the three implementations interleaved run by run; each
# process times 2-3 reps in-process after an untimed warm-up, and a cell is
# the median over all reps. Lower is better everywhere. Then
# scripts/bench-counts.sh counts the instructions per operation of the
# single-thread rows under valgrind (exact: they guard against regressions
# that time on a shared VM cannot see). Raw lines are kept in
# build/bench-results/raw.txt. Benchmarks are not tests: nothing here fails
# on a slow number.
quick=0 json="" runs="" counts=1 times=1
while [ $# -gt 0 ]; do
	case $1 in
	--quick) quick=1 ;;
	--json) json=$2; shift ;;
	--json=*) json=${1#--json=} ;;
	--runs) runs=$2; shift ;;
	--no-counts) counts=0 ;;
	--counts-only) times=0 ;;
	-h|--help) sed -n '2,22s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) echo "bench.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
	esac
	shift
done
case $json in /*|"") ;; *) json=$(pwd)/$json ;; esac
cd "$(dirname "$0")/.." || exit 2

./scripts/deps.sh bench || exit 2
for t in taskset python3 strip $([ $counts = 1 ] && echo valgrind); do
	command -v $t >/dev/null || { echo "bench.sh: '$t' is missing" >&2; exit 2; }
done

# Iterations per rep: N_* (the quick run keeps the shapes, with fewer iterations).
if [ $quick = 1 ]; then
	runs=${runs:-3} reps=2 limit=20
	N_SPAWN=3000 N_DETACHED=5000 N_MUTEX=2000000 N_CONT=400000 N_PINGPONG=2000
	N_RWLOCK=200000 N_POOL=20000 N_CLOCK=2000000
else
	runs=${runs:-5} reps=3 limit=60
	N_SPAWN=10000 N_DETACHED=20000 N_MUTEX=10000000 N_CONT=2000000 N_PINGPONG=10000
	N_RWLOCK=1000000 N_POOL=100000 N_CLOCK=10000000
fi

# ---- build: threadbare through Meson, as a user's program links; pthreads by hand
tb=build/bench glibc=build/bench-glibc musl=build/bench-musl out=build/bench-results
mkdir -p "$glibc" "$musl" "$out"
# --wipe: the project's default options (optimization...) and the header checks
# of bench/meson.build apply only at a first setup; a reconfigure keeps stale ones
set --
[ -f $tb/build.ninja ] && set -- --wipe
meson setup $tb "$@" -Dbench=true -Dtests=false -Dexamples=false >"$out/setup.log" 2>&1 ||
	{ cat "$out/setup.log" >&2; echo "bench.sh: meson setup failed" >&2; exit 1; }
# -k 0: a workload whose primitive does not build yet shows as n/a; the rest still runs
if ! ninja -C $tb -k 0 >"$out/build.log" 2>&1; then
	[ -x $tb/bench/spawn_join ] ||
		{ tail -30 "$out/build.log" >&2; echo "bench.sh: threadbare build failed" >&2; exit 1; }
	echo "bench.sh: some threadbare workloads did not build (see $out/build.log)" >&2
fi
for src in bench/*.c; do
	p=$(basename "$src" .c)
	gcc -O2 -static -pthread -DBENCH_PTHREAD -Ibench -o "$glibc/$p" "$src" &&
		musl-gcc -O2 -static -DBENCH_PTHREAD -Ibench -o "$musl/$p" "$src" ||
		{ echo "bench.sh: pthread build of $src failed" >&2; exit 1; }
done
bin() { # impl program -> path of the binary (empty when not built)
	case $1 in threadbare) d=$tb/bench ;; glibc) d=$glibc ;; musl) d=$musl ;; esac
	[ -x "$d/$2" ] && echo "$d/$2"
}

raw=$out/raw.txt skip=$out/skip.txt
: >"$raw"
: >"$skip"
if [ $times = 0 ]; then
	echo "# $(date -u '+%Y-%m-%d %H:%M UTC') $(uname -srm): instruction counts only"
	./scripts/bench-counts.sh "$raw"
	grep '^# ' "$raw"
	set -- "$raw"
	[ -n "$json" ] && set -- "$raw" --json "$json"
	exec python3 bench/aggregate.py "$@"
fi
echo "# $(date -u '+%Y-%m-%d %H:%M UTC') $(uname -srm), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), runs=$runs reps=$reps$([ $quick = 1 ] && echo ' (quick)')"

# ---- sizes (stripped; mode-independent, recorded under both modes)
for p in size_spawn size_all; do
	for impl in threadbare glibc musl; do
		b=$(bin $impl $p) || continue
		strip -s -o "$out/$impl-$p" "$b" || continue
		n=$(wc -c <"$out/$impl-$p")
		for mode in pinned unpinned; do echo "$mode $impl $p bytes $n" >>"$raw"; done
	done
done

# ---- runs: program and arguments (iterations, reps, variant)
plan="spawn_join $N_SPAWN $reps 0
spawn_join $N_SPAWN $reps 64
spawn_many 1000 $reps
spawn_tbss 200 $reps
detached $N_DETACHED $reps
mutex_uncontended $N_MUTEX $reps
mutex_contended $N_CONT $reps 2
mutex_contended $N_CONT $reps 4
pingpong_cond $N_PINGPONG $reps
pingpong_sem $N_PINGPONG $reps
rwlock $N_RWLOCK $reps 4
pool $N_POOL $reps
clock $N_CLOCK $reps
mtx_c11 $N_MUTEX $reps
once $N_MUTEX $reps
tss $N_MUTEX $reps"

for mode in pinned unpinned; do
	pin=""
	[ $mode = pinned ] && pin="taskset -c 0"
	echo "$plan" | while read -r p args; do
		printf '  %-9s %-18s %s\n' "$mode" "$p" "$args" >&2
		r=0
		while [ $r -lt "$runs" ]; do
			# rotate the order run by run so that no implementation always goes first
			case $((r % 3)) in
			0) order="threadbare glibc musl" ;; 1) order="glibc musl threadbare" ;;
			*) order="musl threadbare glibc" ;;
			esac
			for impl in $order; do
				b=$(bin $impl "$p") || continue
				grep -qxF "$mode $impl $p $args" "$skip" && continue
				# shellcheck disable=SC2086
				timeout $limit $pin "$b" $args </dev/null >"$out/last.txt" 2>&1
				rc=$?
				if [ $rc != 0 ]; then
					# a hang or crash: keep what it printed, skip its later runs
					[ $rc = 124 ] && why="timed out after $limit s" || why="exit status $rc"
					echo "# FAILED $mode $impl $p $args: $why; its later runs skipped" >>"$raw"
					echo "$mode $impl $p $args" >>"$skip"
					tail -3 "$out/last.txt" >&2
				fi
				sed -n "s/^RESULT /$mode $impl /p" "$out/last.txt" >>"$raw"
				grep '^#' "$out/last.txt" | sed "s/^/# $mode $impl /" >>"$raw"
			done
			r=$((r + 1))
		done
	done
done
missing=""
for p in $(echo "$plan" | cut -d' ' -f1 | uniq) size_spawn size_all; do
	for impl in threadbare glibc musl; do
		bin $impl "$p" >/dev/null || missing="$missing $impl/$p"
	done
done
[ -n "$missing" ] && echo "# not built (shown as n/a):$missing"
if [ $counts = 1 ]; then
	echo "  counting instructions (valgrind)" >&2
	./scripts/bench-counts.sh "$raw"
fi
grep '^# ' "$raw"
set -- "$raw"
[ -n "$json" ] && set -- "$raw" --json "$json"
python3 bench/aggregate.py "$@"
