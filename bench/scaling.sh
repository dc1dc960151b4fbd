#!/bin/sh
# Contention scaling: the contended workloads at 1, 2, 4, 8 and 16 threads,
# threadbare, glibc and musl side by side, on a machine with enough cores.
# Needs the binaries from ./scripts/bench.sh (build/bench, build/bench-glibc,
# build/bench-musl); uses only sh and awk, so it runs on a bare machine.
#   bench/scaling.sh [runs=5]
cd "$(dirname "$0")/.." || exit 2
runs=${1:-5}
tb=${TB_BENCH_DIR:-build/bench/bench} glibc=build/bench-glibc musl=build/bench-musl
for w in mutex_contended rwlock pool; do
	for d in $tb $glibc $musl; do
		[ -x $d/$w ] || { echo "scaling.sh: $d/$w missing: run ./scripts/bench.sh first" >&2; exit 2; }
	done
done
echo "cores: $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
printf '%-16s %4s %14s %14s %14s %9s %9s\n' workload thr threadbare glibc musl tb/glibc tb/musl
for w in mutex_contended rwlock pool; do
	case $w in
	mutex_contended) ops=2000000 unit=ns/op ;;
	rwlock) ops=1000000 unit=ns/op ;;
	pool) ops=100000 unit=ns/job ;;
	esac
	for n in 1 2 4 8 16; do
		for r in $(seq "$runs"); do
			for impl in tb glibc musl; do
				eval d=\$$impl
				timeout 60 "$d/$w" $ops 3 $n | awk -v i=$impl '/^RESULT/ {print i, $4}'
			done
		done | awk -v w=$w -v n=$n -v u=$unit '
			{ v[$1, ++c[$1]] = $2 }
			function med(i,   k, j, t, a) {
				for (k = 1; k <= c[i]; k++) a[k] = v[i, k]
				for (k = 1; k <= c[i]; k++) for (j = k + 1; j <= c[i]; j++)
					if (a[j] < a[k]) { t = a[k]; a[k] = a[j]; a[j] = t }
				return c[i] ? a[int((c[i] + 1) / 2)] : 0
			}
			END {
				t = med("tb"); g = med("glibc"); m = med("musl")
				printf "%-16s %4d %9.1f %-4s %9.1f %-4s %9.1f %-4s %9.2f %9.2f\n", w, n, t, "", g, "", m, "", \
					g ? t / g : 0, m ? t / m : 0
			}'
	done
done
