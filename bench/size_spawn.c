/*
 * Workload 9a (size only, never run by the suite): the smallest useful
 * threaded program, spawn one thread and join it. scripts/bench.sh reports
 * its stripped static size.
 */
#include "bench.h"

static volatile int seen;

BT_THREAD(work, arg)
{
	seen = (int)(intptr_t)arg;
	BT_RETURN;
}

int main(void)
{
	struct bt_cfg cfg;
	bt_thread t;

	bt_cfg_init(&cfg, 0);
	if (bt_spawn(&t, &cfg, work, (void *)(intptr_t)1))
		return 1;
	bt_join(t);
	return seen == 1 ? 0 : 1;
}
