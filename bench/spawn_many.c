/*
 * Workload 2: 1000 threads alive at once, then joined.
 *   spawn_many [threads=1000] [reps=3]
 * Each thread bumps a counter and blocks on a futex gate. Once all have
 * started, main samples VmRSS, opens the gate and joins them all. Reports
 * the time from the first spawn to the last join (ms), and the resident
 * memory per idle thread (KiB: VmRSS with all alive minus VmRSS just before
 * the first spawn, divided by the thread count).
 */
#include "bench.h"

/* bench/spawn_tbss.c reuses this file with a big .tbss and its own row names */
#ifndef ROW_TIME
#define ROW_TIME "spawn_1000_alive"
#define ROW_RSS "rss_per_idle_thread"
#endif

#define MAX_THREADS 10000

static bt_thread threads[MAX_THREADS];
static uint32_t started, target, gate;

BT_THREAD(idle, arg)
{
	(void)arg;
	if (__atomic_add_fetch(&started, 1, __ATOMIC_ACQ_REL) == target)
		bt_futex_wake(&started, 1);
	bt_gate_wait(&gate);
	BT_RETURN;
}

static int run(const struct bt_cfg *cfg, uint32_t n, uint64_t *ns, long *rss_delta)
{
	uint32_t s;
	long before, alive;

	__atomic_store_n(&started, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&gate, 0, __ATOMIC_RELAXED);
	target = n;
	before = bt_vmrss_kib();
	uint64_t t0 = bt_now_ns();
	for (uint32_t i = 0; i < n; i++)
		BT_CHECK(bt_spawn(&threads[i], cfg, idle, NULL) == 0);
	while ((s = __atomic_load_n(&started, __ATOMIC_ACQUIRE)) != n)
		bt_futex_wait(&started, s);
	uint64_t t1 = bt_now_ns();
	alive = bt_vmrss_kib();
	uint64_t t2 = bt_now_ns();
	bt_gate_open(&gate);
	for (uint32_t i = 0; i < n; i++)
		bt_join(threads[i]);
	*ns = bt_now_ns() - t2 + (t1 - t0); /* the VmRSS read is not counted */
	*rss_delta = alive - before;
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t n = bt_arg(argc, argv, 1, 1000);
	uint64_t reps = bt_arg(argc, argv, 2, 3);
	struct bt_cfg cfg;
	uint64_t ns;
	long kib;

	BT_CHECK(n > 0 && n <= MAX_THREADS);
	bt_cfg_init(&cfg, 0);
	if (run(&cfg, (uint32_t)n, &ns, &kib))
		return 1;
	for (uint64_t r = 0; r < reps; r++) {
		if (run(&cfg, (uint32_t)n, &ns, &kib))
			return 1;
		bt_report(ROW_TIME, "ms", ns, 1000000);
		bt_report(ROW_RSS, "KiB", kib > 0 ? (uint64_t)kib : 0, n);
	}
	return 0;
}
