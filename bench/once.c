/*
 * Workload: tb_once_call / pthread_once on a once that has already run:
 * the cost every later caller pays (one acquire load in threadbare), in a
 * process that has already had a second thread.
 *   once [calls=10000000] [reps=3]
 * Reports ns per call.
 */
#define BT_USE_ONCE 1
#include "bench.h"

static bt_once once = BT_ONCE_INIT;
static volatile uint32_t runs;

BT_ONCE_FN(init_once)
{
	runs = runs + 1;
}

BT_THREAD(empty, arg)
{
	(void)arg;
	BT_RETURN;
}

static __attribute__((noinline)) void run(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		bt_once_call(&once, init_once);
}

int main(int argc, char **argv)
{
	uint64_t n = bt_arg(argc, argv, 1, 10000000);
	uint64_t reps = bt_arg(argc, argv, 2, 3);
	struct bt_cfg cfg;
	bt_thread t;

	bt_cfg_init(&cfg, 0);
	BT_CHECK(bt_spawn(&t, &cfg, empty, NULL) == 0);
	bt_join(t);
	run(n / 10 + 1);
	BT_CHECK(runs == 1);
	for (uint64_t r = 0; r < reps; r++) {
		uint64_t t0 = bt_now_ns();

		run(n);
		bt_report("once_done", "ns/op", bt_now_ns() - t0, n);
	}
	return 0;
}
