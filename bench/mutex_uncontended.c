/*
 * Workload 4: uncontended mutex lock/unlock, in a process that has already
 * had a second thread (glibc skips its atomics until then).
 *   mutex_uncontended [pairs=10000000] [reps=3]
 * Reports ns per lock+unlock pair.
 */
#define BT_USE_MUTEX 1
#include "bench.h"

static bt_mutex mu;
static volatile uint64_t counter;

BT_THREAD(empty, arg)
{
	(void)arg;
	BT_RETURN;
}

static __attribute__((noinline)) void run(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		bt_mutex_lock(&mu);
		counter = counter + 1;
		bt_mutex_unlock(&mu);
	}
}

int main(int argc, char **argv)
{
	uint64_t n = bt_arg(argc, argv, 1, 10000000);
	uint64_t reps = bt_arg(argc, argv, 2, 3);
	struct bt_cfg cfg;
	bt_thread t;

	bt_mutex_init(&mu);
	bt_cfg_init(&cfg, 0);
	BT_CHECK(bt_spawn(&t, &cfg, empty, NULL) == 0);
	bt_join(t);
	run(n / 10 + 1);
	for (uint64_t r = 0; r < reps; r++) {
		uint64_t t0 = bt_now_ns();

		run(n);
		bt_report("mutex_uncontended", "ns/op", bt_now_ns() - t0, n);
	}
	return 0;
}
