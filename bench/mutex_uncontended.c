/*
 * Workload 4: uncontended mutex lock/unlock, in a process that has already
 * had a second thread (glibc skips its atomics until then).
 *   mutex_uncontended [pairs=10000000] [reps=3] [layout=apart|together]
 * Reports ns per lock+unlock pair.
 *
 * The lock word and the counter the loop increments sit where this file
 * puts them, the same for every library (before, the linker placed them:
 * threadbare's and musl's shared a cache line, glibc's did not):
 *   apart     each at the start of its own 64-byte line (the default)
 *   together  one 64-byte line, the counter right after the mutex (a
 *             struct with its lock and its data)
 */
#define BT_USE_MUTEX 1
#include "bench.h"

struct line {
	bt_mutex mu;
	volatile uint64_t counter;
} __attribute__((aligned(64)));

static struct line apart_mu, apart_counter, together;

BT_THREAD(empty, arg)
{
	(void)arg;
	BT_RETURN;
}

static __attribute__((noinline)) void run(bt_mutex *mu, volatile uint64_t *counter, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		bt_mutex_lock(mu);
		*counter = *counter + 1;
		bt_mutex_unlock(mu);
	}
}

int main(int argc, char **argv)
{
	uint64_t n = bt_arg(argc, argv, 1, 10000000);
	uint64_t reps = bt_arg(argc, argv, 2, 3);
	bool apart = argc <= 3 || bt_streq(argv[3], "apart");
	bt_mutex *mu = apart ? &apart_mu.mu : &together.mu;
	volatile uint64_t *counter = apart ? &apart_counter.counter : &together.counter;
	struct bt_cfg cfg;
	bt_thread t;

	BT_CHECK(apart || bt_streq(argv[3], "together"));
	bt_mutex_init(mu);
	bt_cfg_init(&cfg, 0);
	BT_CHECK(bt_spawn(&t, &cfg, empty, NULL) == 0);
	bt_join(t);
	run(mu, counter, n / 10 + 1);
	for (uint64_t r = 0; r < reps; r++) {
		uint64_t t0 = bt_now_ns();

		run(mu, counter, n);
		bt_report(apart ? "mutex_uncontended" : "mutex_uncontended_together", "ns/op",
			  bt_now_ns() - t0, n);
	}
	return 0;
}
