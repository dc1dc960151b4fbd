/*
 * Workload 7: read-mostly rwlock. T threads share the total number of
 * operations; every 20th operation of a thread takes the lock exclusively
 * and writes, the others (95%) take it shared and read.
 *   rwlock [total ops=1000000] [reps=3] [threads=4]
 * Reports ns per operation (wall time / total ops).
 */
#define BT_USE_RWLOCK 1
#include "bench.h"

#define MAX_THREADS 64

#ifdef BT_RWLOCK_STATS
/* core/sync/rwlock.c built with -DTB__RWLOCK_STATS=1: its event counters */
#define STATS 8
extern uint64_t tb__rwlock_stats[STATS][8];
static const char *const stat_names[STATS] = {
	"rd_cas_fail", "rd_blocked", "rd_futex_wait", "wr_busy", "wr_cas_fail", "wr_futex_wait",
	"wake_writer", "wake_readers",
};
#endif

static bt_rwlock lock;
static volatile uint64_t value;
static uint64_t per_thread;
static uint32_t ready, gate;

BT_THREAD(worker, arg)
{
	uint64_t sum = 0;

	__atomic_add_fetch(&ready, 1, __ATOMIC_ACQ_REL);
	bt_futex_wake(&ready, 1);
	bt_gate_wait(&gate);
	for (uint64_t i = 0; i < per_thread; i++) {
		if (i % 20 == 0) {
			bt_rwlock_lock(&lock);
			value = value + 1;
			bt_rwlock_unlock(&lock);
		} else {
			bt_rwlock_lock_shared(&lock);
			sum += value;
			bt_rwlock_unlock_shared(&lock);
		}
	}
	*(uint64_t *)arg = sum;
	BT_RETURN;
}

static int run(uint32_t nthreads, uint64_t *ns)
{
	static uint64_t sums[MAX_THREADS];
	bt_thread t[MAX_THREADS];
	struct bt_cfg cfg;
	uint32_t r;

	bt_cfg_init(&cfg, 0);
	ready = gate = 0;
	for (uint32_t i = 0; i < nthreads; i++)
		BT_CHECK(bt_spawn(&t[i], &cfg, worker, &sums[i]) == 0);
	while ((r = __atomic_load_n(&ready, __ATOMIC_ACQUIRE)) != nthreads)
		bt_futex_wait(&ready, r);
	uint64_t t0 = bt_now_ns();
	bt_gate_open(&gate);
	for (uint32_t i = 0; i < nthreads; i++)
		bt_join(t[i]);
	*ns = bt_now_ns() - t0;
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t total = bt_arg(argc, argv, 1, 1000000);
	uint64_t reps = bt_arg(argc, argv, 2, 3);
	uint64_t nthreads = bt_arg(argc, argv, 3, 4);
	char name[32];
	uint64_t ns;

	BT_CHECK(nthreads >= 1 && nthreads <= MAX_THREADS);
	bt_rwlock_init(&lock);
	bt_snprintf(name, sizeof(name), "rwlock_95r_%ut", (unsigned)nthreads);
	per_thread = total / nthreads / 10 + 1;
	if (run((uint32_t)nthreads, &ns))
		return 1;
	per_thread = total / nthreads;
	for (uint64_t r = 0; r < reps; r++) {
#ifdef BT_RWLOCK_STATS
		__builtin_memset(tb__rwlock_stats, 0, sizeof(tb__rwlock_stats));
#endif
		if (run((uint32_t)nthreads, &ns))
			return 1;
		bt_report(name, "ns/op", ns, per_thread * nthreads);
#ifdef BT_RWLOCK_STATS
		/* events per 1000 operations (scripts/bench-variants.sh --rwlock) */
		for (int i = 0; i < STATS; i++)
			bt_report(stat_names[i], "per1000ops", tb__rwlock_stats[i][0] * 1000,
				  per_thread * nthreads);
#endif
	}
	return 0;
}
