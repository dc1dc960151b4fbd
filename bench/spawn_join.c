/*
 * Workload 1: spawn + join of a thread that does nothing, one after another.
 *   spawn_join [iterations=10000] [reps=3] [stack KiB, 0 = default config]
 * Reports µs per spawn+join pair.
 */
#include "bench.h"

BT_THREAD(empty, arg)
{
	(void)arg;
	BT_RETURN;
}

static int run(const struct bt_cfg *cfg, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		bt_thread t;

		BT_CHECK(bt_spawn(&t, cfg, empty, NULL) == 0);
		bt_join(t);
	}
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t n = bt_arg(argc, argv, 1, 10000);
	uint64_t reps = bt_arg(argc, argv, 2, 3);
	uint64_t kib = bt_arg(argc, argv, 3, 0);
	struct bt_cfg cfg;
	char name[32];

	bt_cfg_init(&cfg, kib * 1024);
	if (kib)
		bt_snprintf(name, sizeof(name), "spawn_join_%uk", (unsigned)kib);
	else
		bt_snprintf(name, sizeof(name), "spawn_join");
	if (run(&cfg, n / 10 + 1))
		return 1;
	for (uint64_t r = 0; r < reps; r++) {
		uint64_t t0 = bt_now_ns();

		if (run(&cfg, n))
			return 1;
		bt_report(name, "us/op", bt_now_ns() - t0, n * 1000);
	}
	return 0;
}
