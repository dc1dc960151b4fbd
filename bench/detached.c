/*
 * Workload 3: detached spawn throughput.
 *   detached [threads=20000] [reps=3]
 * Spawns n detached threads back to back; each decrements a counter and the
 * last one wakes main. Reports µs per thread, from the first spawn until the
 * last thread has run. A spawn refused with EAGAIN (too many threads still
 * exiting) is retried after a yield; the retries are printed as a comment.
 */
#include "bench.h"

static uint32_t left;

BT_THREAD(work, arg)
{
	(void)arg;
	if (__atomic_sub_fetch(&left, 1, __ATOMIC_ACQ_REL) == 0)
		bt_futex_wake(&left, 1);
	BT_RETURN;
}

static int run(const struct bt_cfg *cfg, uint32_t n, uint64_t *retries)
{
	uint32_t l;

	__atomic_store_n(&left, n, __ATOMIC_RELEASE);
	for (uint32_t i = 0; i < n; i++) {
		bt_thread t;
		int r;

		while ((r = bt_spawn(&t, cfg, work, NULL)) == EAGAIN) {
			++*retries;
			bt_yield();
		}
		BT_CHECK(r == 0);
		bt_detach(t);
	}
	while ((l = __atomic_load_n(&left, __ATOMIC_ACQUIRE)) != 0)
		bt_futex_wait(&left, l);
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t n = bt_arg(argc, argv, 1, 20000);
	uint64_t reps = bt_arg(argc, argv, 2, 3);
	uint64_t retries = 0;
	struct bt_cfg cfg;

	BT_CHECK(n > 0 && n < UINT32_MAX);
	bt_cfg_init(&cfg, 0);
	if (run(&cfg, (uint32_t)(n / 10 + 1), &retries))
		return 1;
	for (uint64_t r = 0; r < reps; r++) {
		uint64_t t0 = bt_now_ns();

		if (run(&cfg, (uint32_t)n, &retries))
			return 1;
		bt_report("detached", "us/thread", bt_now_ns() - t0, n * 1000);
	}
	if (retries)
		bt_printf("# detached: %llu spawns retried after EAGAIN\n", (unsigned long long)retries);
	return 0;
}
