#!/bin/sh
# Instructions per operation of the single-thread benchmark rows, counted by
# valgrind's callgrind (user-space instructions only, exact and independent
# of the machine's load), for the binaries scripts/bench.sh built:
#
#   ./scripts/bench-counts.sh [OUT]    OUT: where to append the lines
#                                      (default: stdout)
#
# Called by scripts/bench.sh (which builds first); run on its own, it needs
# build/bench/bench/, build/bench-glibc/ and build/bench-musl/ (bench.sh
# --counts-only builds them and runs this alone).
#
# Method: each program runs twice under callgrind, at N and 2N iterations
# with one rep; the difference of the two totals divided by the difference
# of the operations done (N + N/10 + 1 each: the rep and the warm-up pass)
# cancels start-up, thread creation and exit, leaving the loop: one call
# (or pair) plus the loop's own few instructions, the same for the three
# libraries. Lines: "counts <impl> <workload> instr/op <value>", as
# bench/aggregate.py reads them.
#
# Under valgrind there is no vDSO (it hides AT_SYSINFO_EHDR), so the
# clock_monotonic row counts each library's syscall fallback, not its vDSO
# path; spawn_join counts only the user-space part of a spawn+join (the
# kernel's clone, mmap and futex work is not counted).
cd "$(dirname "$0")/.." || exit 2
out=${1:-/dev/stdout}
command -v valgrind >/dev/null || { echo "bench-counts.sh: valgrind is missing (./scripts/deps.sh bench)" >&2; exit 2; }

# program workload N [extra argument]
rows="mutex_uncontended mutex_uncontended 100000
mtx_c11 c11_mtx_uncontended 100000
once once_done 100000
tss tss_set_get 100000
clock clock_monotonic 100000
spawn_join spawn_join 1000"

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
# instructions a run executed (callgrind's "I refs" total), or nothing
irefs() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" >"$tmp/out" 2>"$tmp/err" &&
		grep -q '^RESULT ' "$tmp/out" &&
		sed -n 's/.*I *refs: *//p' "$tmp/err" | tr -d ,
}

echo "$rows" | while read -r p wl n; do
	for impl in threadbare glibc musl; do
		case $impl in threadbare) b=build/bench/bench/$p ;; glibc) b=build/bench-glibc/$p ;; musl) b=build/bench-musl/$p ;; esac
		[ -x "$b" ] || { echo "# counts: $impl/$p not built" >>"$out"; continue; }
		a=$(irefs "$b" "$n" 1) && c=$(irefs "$b" $((2 * n)) 1) && [ -n "$a" ] && [ -n "$c" ] || {
			echo "# counts: $impl $p failed under valgrind: $(tail -1 "$tmp/err")" >>"$out"
			continue
		}
		ops=$((2 * n + 2 * n / 10 - n - n / 10))
		awk -v i="$impl" -v w="$wl" -v a="$a" -v c="$c" -v o="$ops" \
			'BEGIN { printf "counts %s %s instr/op %.1f\n", i, w, (c - a) / o }' >>"$out"
	done
done
