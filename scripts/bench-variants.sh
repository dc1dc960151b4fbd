#!/bin/sh
# Times variants of the uncontended tb_mutex and C11 mtx_t paths against
# musl and glibc in one interleaved run pinned to CPU 0, and counts their
# instructions, so that the variant to keep is picked by measurement (issue
# 24). Run it on a quiet machine; it takes 2-5 minutes:
#
#   ./scripts/bench-variants.sh [--rounds 7] [--pairs 5000000] [--no-counts]
#   ./scripts/bench-variants.sh --rwlock [--rounds 5]
#
# --rwlock instead counts where rwlock_95r_4t's time goes (issue 24): it
# builds bench/rwlock.c against core/sync/rwlock.c with -DTB__RWLOCK_STATS=1
# (event counters: CAS retries, blocked readers, futex waits and wakes) and
# prints the events per 1000 operations beside the time, pinned and
# unpinned, times tb-rwlock-guess (-DTB__RWLOCK_READ_GUESS=1: the reader's
# first CAS without the load before it) beside the library as built, and,
# when strace is there, the futex calls per 1000 operations
# of all three libraries (strace -f slows every system call: those runs
# count, they do not time). Counts, unlike times, mean something even on a
# busy machine; which interleavings happen still depends on it.
#
# Each variant changes one thing against "tb" (the library as built):
#   tb-lock-xchg     lock by xchg instead of lock cmpxchg (-DTB__MUTEX_LOCK_XCHG=1)
#   tb-unlock-sub    unlock by lock sub instead of xchg (-DTB__MUTEX_UNLOCK_SUB=1)
#   tb-fn-align64    the library's functions aligned to 64 bytes
#   tb-inline        the benchmark and core/sync/mutex.c as one translation
#                    unit, so the compiler inlines the fast paths (what LTO
#                    or an inline fast path in the header would give)
#   X-loop64         the benchmark's loop aligned to 64 bytes, for X = tb,
#                    glibc, musl
#   tb-c11-base      (C11 rows) core/c11/threads.c as of $BASE (default
#                    0813529, before mtx_lock's recursive path went out of
#                    line), if git has it
# and every binary runs with the three layouts of bench/mutex_uncontended.c:
# lock word and counter in separate lines ("apart", bench.sh's), in one
# line 48 bytes apart ("together"), and the counter right after the mutex
# ("adjacent": 8 bytes from threadbare's lock word, 36-40 from the libcs').
# A process times 3 reps of --pairs lock+unlock pairs; a cell is the median
# [min-max] over all reps of all rounds; "/musl" is median over musl's
# median for the same row and layout. The variants are built from
# build/bench's own compile and link commands (scripts/bench.sh's tree; set
# up here when missing), with only the one change. Raw lines:
# build/bench-results/variants.txt.
rounds=7 pairs=5000000 rwlock=0 counts=1
while [ $# -gt 0 ]; do
	case $1 in
	--rwlock) rwlock=1 ;;
	--no-counts) counts=0 ;;
	--rounds) rounds=$2; shift ;;
	--pairs) pairs=$2; shift ;;
	-h|--help) sed -n '2,42s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) echo "bench-variants.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
	esac
	shift
done
cd "$(dirname "$0")/.." || exit 2
root=$(pwd)
./scripts/deps.sh bench || exit 2
[ "$(uname -m)" = x86_64 ] || { echo "bench-variants.sh: x86_64 only (the variants are x86 instruction choices)" >&2; exit 2; }

tb=build/bench out=build/bench-results v=build/bench-variants
mkdir -p "$out" "$v"
if [ ! -f $tb/build.ninja ]; then
	meson setup $tb -Dbench=true -Dtests=false -Dexamples=false >"$out/setup.log" 2>&1 ||
		{ cat "$out/setup.log" >&2; exit 1; }
fi
ninja -C $tb bench/mutex_uncontended bench/mtx_c11 >"$out/variants-build.log" 2>&1 ||
	{ tail -20 "$out/variants-build.log" >&2; exit 1; }

# cmd compile SRC OBJ [FLAGS...]: build/bench's compile command of SRC
# (a path ending as in compile_commands.json), writing OBJ, plus FLAGS
# cmd link PROGRAM OUT OBJ...: its link command of bench/PROGRAM, with the
# OBJs in front of the library (so their symbols win) and the program's
# own object replaced when the first OBJ is a program object
cmd() {
	python3 - "$root/$tb" "$@" <<'EOF'
import json, shlex, subprocess, sys
build, what = sys.argv[1], sys.argv[2]
if what == "compile":
    src, obj, extra = sys.argv[3], sys.argv[4], sys.argv[5:]
    for e in json.load(open(build + "/compile_commands.json")):
        if e["file"].endswith(src):
            a = shlex.split(e["command"])
            break
    else:
        sys.exit("no compile command for " + src)
    out, skip = [], 0
    for i, x in enumerate(a):
        if skip:
            skip -= 1
        elif x in ("-MD",):
            pass
        elif x in ("-MQ", "-MF", "-o", "-c"):
            skip = 1
        else:
            out.append(x)
    print(shlex.join(out + extra + ["-o", obj, "-c", a[a.index("-c") + 1]]))
else:
    prog, exe, objs = sys.argv[3], sys.argv[4], sys.argv[5:]
    line = subprocess.run(["ninja", "-C", build, "-t", "commands", "bench/" + prog],
                          capture_output=True, text=True, check=True).stdout.splitlines()[-1]
    a = shlex.split(line)
    own = "bench/%s.p/%s.c.o" % (prog, prog)
    if objs and objs[0].endswith(".main.o"):
        a.remove(own)
    a[a.index("-o") + 1] = exe
    i = a.index("-Wl,--start-group")
    print(shlex.join(a[:i] + objs + a[i:]))
EOF
}
# in build/bench, as ninja runs them
run_in() { (cd $tb && eval "$1") >>"$root/$out/variants-build.log" 2>&1; }
built="" fail=""

if [ $rwlock = 1 ]; then
	ninja -C $tb bench/rwlock >>"$out/variants-build.log" 2>&1 || { tail -20 "$out/variants-build.log" >&2; exit 1; }
	c=$(cmd compile bench/rwlock.c "$root/$v/rwstats.main.o" -DBT_RWLOCK_STATS) && run_in "$c" &&
		c=$(cmd compile core/sync/rwlock.c "$root/$v/rwstats.o" -DTB__RWLOCK_STATS=1) && run_in "$c" &&
		c=$(cmd link rwlock "$root/$v/rwstats" "$root/$v/rwstats.main.o" "$root/$v/rwstats.o") && run_in "$c" ||
		{ tail -20 "$out/variants-build.log" >&2; exit 1; }
	gcc -O2 -static -pthread -DBENCH_PTHREAD -Ibench -o "$v/glibc-rwlock" bench/rwlock.c &&
		musl-gcc -O2 -static -DBENCH_PTHREAD -Ibench -o "$v/musl-rwlock" bench/rwlock.c || exit 1
	c=$(cmd compile core/sync/rwlock.c "$root/$v/rwguess.o" -DTB__RWLOCK_READ_GUESS=1) && run_in "$c" &&
		c=$(cmd link rwlock "$root/$v/tb-rwlock-guess" "$root/$v/rwguess.o") && run_in "$c" ||
		{ tail -20 "$out/variants-build.log" >&2; exit 1; }
	cp $tb/bench/rwlock "$v/tb-rwlock"
	raw=$out/rwlock-counts.txt
	ops=1000000
	echo "# $(date -u '+%Y-%m-%d %H:%M UTC') $(uname -srm), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), rounds=$rounds, rwlock $ops 3 4" | tee "$raw"
	r=0
	while [ $r -lt "$rounds" ]; do
		for mode in pinned unpinned; do
			pin=""
			[ $mode = pinned ] && pin="taskset -c 0"
			for b in rwstats tb-rwlock tb-rwlock-guess glibc-rwlock musl-rwlock; do
				# shellcheck disable=SC2086
				timeout 60 $pin "$v/$b" $ops 3 4 </dev/null | sed -n "s/^RESULT /$mode $b /p" >>"$raw"
			done
		done
		r=$((r + 1))
	done
	if command -v strace >/dev/null; then
		for mode in pinned unpinned; do
			pin=""
			[ $mode = pinned ] && pin="taskset -c 0"
			for b in tb-rwlock glibc-rwlock musl-rwlock; do
				# one rep: ops plus the warm-up's tenth
				# shellcheck disable=SC2086
				$pin strace -f -c -e trace=futex -o "$v/strace.txt" "$v/$b" $ops 1 4 >/dev/null 2>&1 &&
					awk -v m=$mode -v b="$b" -v o=$((ops + ops / 10)) '$NF == "futex" { printf "%s %s futex_calls per1000ops %.3f\n", m, b, $4 * 1000 / o }' "$v/strace.txt" >>"$raw"
			done
		done
	fi
	python3 - "$raw" <<'PY'
import statistics, sys
d, order = {}, []
for line in open(sys.argv[1]):
    p = line.split()
    if len(p) != 5 or p[0] not in ("pinned", "unpinned"):
        continue
    k = (p[0], p[1], p[2] + " " + p[3])
    if k[2] not in order:
        order.append(k[2])
    d.setdefault(k, []).append(float(p[4]))
bins = ("rwstats", "tb-rwlock", "tb-rwlock-guess", "glibc-rwlock", "musl-rwlock")
# what the sleeps would cost if each paid the ~40 us idle-vCPU wake-up of
# ../shared/notes/perf-anchors.md (finding 0): per1000 x 40 us / 1000 = x 40 ns
for (mode, b, row) in list(d):
    if b == "rwstats" and row == "rd_futex_wait per1000ops":
        w = [r + x for r, x in zip(d[(mode, b, row)], d.get((mode, b, "wr_futex_wait per1000ops"), []))]
        d[(mode, b, "sleeps_x_40us ns/op")] = [x * 40 for x in w]
        if "sleeps_x_40us ns/op" not in order:
            order.append("sleeps_x_40us ns/op")
for mode in ("pinned", "unpinned"):
    print("\n== %s: medians [min-max]; events per 1000 operations (rwstats: threadbare with counters)" % mode)
    print("%-36s" % "row" + "".join("%-24s" % b for b in bins))
    for row in order:
        cells = []
        for b in bins:
            v = d.get((mode, b, row))
            cells.append("%.2f [%.2f-%.2f]" % (statistics.median(v), min(v), max(v)) if v else "-")
        print("%-36s" % row + "".join("%-24s" % c for c in cells))
# rep by rep (the figure: does the time follow the sleeps or the CAS retries?)
for mode in ("pinned", "unpinned"):
    t = d.get((mode, "rwstats", "rwlock_95r_4t ns/op"), [])
    get = lambda r: d.get((mode, "rwstats", r), [])
    cf, rw, ww = get("rd_cas_fail per1000ops"), get("rd_futex_wait per1000ops"), get("wr_futex_wait per1000ops")
    print("\n== %s, rwstats rep by rep, sorted by time: ns/op | reader CAS retries, reader and writer futex waits per 1000 ops" % mode)
    for x in sorted(zip(t, cf, rw, ww)):
        print("  %8.2f | %7.3f %7.3f %7.3f" % x)
PY
	exit 0
fi
# variant NAME PROGRAM SOURCE(|"") MUTEXFLAGS MAINFLAGS
variant() {
	name=$1 prog=$2 src=$3 mflags=$4 pflags=$5
	objs=""
	if [ -n "$pflags" ]; then
		# shellcheck disable=SC2086
		c=$(cmd compile "bench/$prog.c" "$root/$v/$name.main.o" $pflags) && run_in "$c" || { fail="$fail $name"; return; }
		objs="$root/$v/$name.main.o"
	fi
	if [ -n "$src" ]; then
		# shellcheck disable=SC2086
		c=$(cmd compile "$src" "$root/$v/$name.o" $mflags) && run_in "$c" || { fail="$fail $name"; return; }
		objs="$objs $root/$v/$name.o"
	fi
	# shellcheck disable=SC2086
	c=$(cmd link "$prog" "$root/$v/$name" $objs) && run_in "$c" || { fail="$fail $name"; return; }
	built="$built $name:$prog"
}
variant tb-lock-xchg mutex_uncontended core/sync/mutex.c -DTB__MUTEX_LOCK_XCHG=1 ""
variant tb-unlock-sub mutex_uncontended core/sync/mutex.c -DTB__MUTEX_UNLOCK_SUB=1 ""
variant tb-fn-align64 mutex_uncontended core/sync/mutex.c -falign-functions=64 ""
variant tb-loop64 mutex_uncontended "" "" -falign-loops=64
# one translation unit: mutex.c, then the benchmark (its object replaced)
printf '#include "%s/core/sync/mutex.c"\n#include "%s/bench/mutex_uncontended.c"\n' "$root" "$root" >"$v/inline.c"
# (the library's flags: its include path has arch/; the benchmark's has bench/)
c=$(cmd compile core/sync/mutex.c "$root/$v/tb-inline.main.o" -I"$root/bench" -Wno-missing-prototypes) &&
	c=$(echo "$c" | sed "s|[^ ]*core/sync/mutex.c\$|$root/$v/inline.c|") &&
	run_in "$c" && c=$(cmd link mutex_uncontended "$root/$v/tb-inline" "$root/$v/tb-inline.main.o") && run_in "$c" &&
	built="$built tb-inline:mutex_uncontended" || fail="$fail tb-inline"
variant tb-c11-fn-align64 mtx_c11 core/c11/threads.c -falign-functions=64 ""
base=${BASE:-0813529}
if git show "$base:core/c11/threads.c" >"$v/threads-base.c" 2>/dev/null; then
	c=$(cmd compile core/c11/threads.c "$root/$v/tb-c11-base.o") &&
		c=$(echo "$c" | sed "s|[^ ]*core/c11/threads.c\$|$root/$v/threads-base.c|") &&
		run_in "$c" && c=$(cmd link mtx_c11 "$root/$v/tb-c11-base" "$root/$v/tb-c11-base.o") && run_in "$c" &&
		built="$built tb-c11-base:mtx_c11" || fail="$fail tb-c11-base"
fi
for impl in glibc musl; do
	for p in mutex_uncontended mtx_c11; do
		for loop in "" 64; do
			cc=musl-gcc
			[ $impl = glibc ] && cc="gcc -pthread"
			# shellcheck disable=SC2086
			$cc -O2 -static -DBENCH_PTHREAD -Ibench ${loop:+-falign-loops=64} -o "$v/$impl-$p${loop:+-loop64}" "bench/$p.c" ||
				{ fail="$fail $impl-$p"; continue; }
		done
	done
	built="$built $impl:mutex_uncontended $impl-loop64:mutex_uncontended $impl-c11:mtx_c11 $impl-c11-loop64:mtx_c11"
done
cp $tb/bench/mutex_uncontended "$v/tb"
cp $tb/bench/mtx_c11 "$v/tb-c11"
built="tb:mutex_uncontended tb-c11:mtx_c11 $built"
[ -n "$fail" ] && echo "bench-variants.sh: not built:$fail (see $out/variants-build.log)" >&2

path() { # NAME -> the binary
	case $1 in
	glibc|musl) echo "$v/$1-mutex_uncontended" ;;
	glibc-loop64|musl-loop64) echo "$v/${1%-loop64}-mutex_uncontended-loop64" ;;
	glibc-c11|musl-c11) echo "$v/${1%-c11}-mtx_c11" ;;
	glibc-c11-loop64|musl-c11-loop64) echo "$v/${1%-c11-loop64}-mtx_c11-loop64" ;;
	*) echo "$v/$1" ;;
	esac
}

raw=$out/variants.txt
echo "# $(date -u '+%Y-%m-%d %H:%M UTC') $(uname -srm), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), load $(cut -d' ' -f1-3 /proc/loadavg), rounds=$rounds pairs=$pairs" | tee "$raw"
# instruction counts (exact; a few seconds each)
if [ $counts = 1 ] && command -v valgrind >/dev/null; then
	for e in $built; do
		name=${e%%:*}
		b=$(path "$name")
		i1=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$b" 100000 1 2>&1 | sed -n 's/.*I *refs: *//p' | tr -d ,)
		i2=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$b" 200000 1 2>&1 | sed -n 's/.*I *refs: *//p' | tr -d ,)
		[ -n "$i1" ] && [ -n "$i2" ] && awk -v n="$name" -v a="$i1" -v b="$i2" \
			'BEGIN { printf "count %s %.1f\n", n, (b - a) / 110000 }' >>"$raw"
	done
fi
r=0
while [ $r -lt "$rounds" ]; do
	echo "  round $((r + 1))/$rounds" >&2
	# rotate the order round by round
	# shellcheck disable=SC2086
	set -- $built
	k=0
	while [ $k -lt $((r % $#)) ]; do
		x=$1; shift; set -- "$@" "$x"; k=$((k + 1))
	done
	for e; do
		name=${e%%:*}
		for layout in apart together adjacent; do
			taskset -c 0 "$(path "$name")" "$pairs" 3 $layout </dev/null 2>&1 |
				sed -n "s/^RESULT [^ ]* [^ ]* /time $name $layout /p" >>"$raw"
		done
	done
	r=$((r + 1))
done

python3 - "$raw" <<'EOF'
import statistics, sys
t, cnt = {}, {}
for line in open(sys.argv[1]):
    p = line.split()
    if p[:1] == ["time"]:
        t.setdefault((p[1], p[2]), []).append(float(p[3]))
    elif p[:1] == ["count"]:
        cnt[p[1]] = p[2]
names = []
for n, _ in t:
    if n not in names:
        names.append(n)
def med(n, l):
    v = t.get((n, l))
    return statistics.median(v) if v else None
layouts = ("apart", "together", "adjacent")
print("%-18s %6s" % ("variant", "instr") + "".join("  %-21s %6s" % (l + " ns/pair", "/musl") for l in layouts))
for n in names:
    ref = "musl-c11" if ("c11" in n) else "musl"
    cells = []
    for l in layouts:
        v = t.get((n, l))
        if not v:
            cells += ["n/a", ""]
            continue
        m, rm = med(n, l), med(ref, l)
        cells += ["%.2f [%.2f-%.2f]" % (m, min(v), max(v)), "%.3f" % (m / rm) if rm else ""]
    print("%-18s %6s" % (n, cnt.get(n, "?")) + "".join("  %-21s %6s" % (cells[2 * i], cells[2 * i + 1]) for i in range(3)))
EOF
