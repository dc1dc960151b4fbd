/*
 * Workload: thread-specific storage, one set and one get of a key per
 * iteration (tb_tss_set/get, pthread_setspecific/getspecific), in the main
 * thread of a process that has already had a second thread.
 *   tss [pairs=10000000] [reps=3]
 * Reports ns per set+get pair.
 */
#define BT_USE_TSS 1
#include "bench.h"

static bt_tss key;
static volatile uintptr_t sink;

BT_THREAD(empty, arg)
{
	(void)arg;
	BT_RETURN;
}

static __attribute__((noinline)) void run(uint64_t n)
{
	uintptr_t s = 0;

	for (uint64_t i = 0; i < n; i++) {
		bt_tss_set(key, (void *)(uintptr_t)(i + 1));
		s += (uintptr_t)bt_tss_get(key);
	}
	sink = s;
}

int main(int argc, char **argv)
{
	uint64_t n = bt_arg(argc, argv, 1, 10000000);
	uint64_t reps = bt_arg(argc, argv, 2, 3);
	struct bt_cfg cfg;
	bt_thread t;

	BT_CHECK(bt_tss_create(&key) == 0);
	bt_cfg_init(&cfg, 0);
	BT_CHECK(bt_spawn(&t, &cfg, empty, NULL) == 0);
	bt_join(t);
	run(n / 10 + 1);
	BT_CHECK(sink == (n / 10 + 1) * (n / 10 + 2) / 2);
	for (uint64_t r = 0; r < reps; r++) {
		uint64_t t0 = bt_now_ns();

		run(n);
		bt_report("tss_set_get", "ns/op", bt_now_ns() - t0, n);
	}
	return 0;
}
