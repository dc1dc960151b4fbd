/*
 * Workload: reading CLOCK_MONOTONIC: tb_clock_ns (the vDSO where the port
 * uses one) against the libc's clock_gettime (glibc and musl also go
 * through the vDSO).
 *   clock [reads=10000000] [reps=3]
 * Reports ns per read.
 */
#define BT_USE_CLOCK 1
#include "bench.h"

static volatile uint64_t sink;

static __attribute__((noinline)) void run(uint64_t n)
{
	uint64_t s = 0;

	for (uint64_t i = 0; i < n; i++)
		s += bt_clock_monotonic_ns();
	sink = s;
}

int main(int argc, char **argv)
{
	uint64_t n = bt_arg(argc, argv, 1, 10000000);
	uint64_t reps = bt_arg(argc, argv, 2, 3);

	BT_CHECK(bt_clock_monotonic_ns() > 0);
	run(n / 10 + 1);
	for (uint64_t r = 0; r < reps; r++) {
		uint64_t t0 = bt_now_ns();

		run(n);
		bt_report("clock_monotonic", "ns/op", bt_now_ns() - t0, n);
	}
	return 0;
}
