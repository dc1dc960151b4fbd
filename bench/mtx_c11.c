/*
 * Workload: uncontended C11 mtx_lock/mtx_unlock on a mtx_plain mutex, in a
 * process that has already had a second thread (as mutex_uncontended).
 * Built against threadbare's <threads.h> and against glibc's and musl's;
 * compare with mutex_uncontended (tb_mutex): a plain mtx_t should cost
 * about the same. The lock and the counter are placed as there.
 *   mtx_c11 [pairs=10000000] [reps=3] [layout=apart|together]
 * Reports ns per lock+unlock pair.
 */
#include <threads.h>
#include "bench.h"

struct line {
	mtx_t mu;
	volatile uint64_t counter;
} __attribute__((aligned(64)));

static struct line apart_mu, apart_counter, together;

static int empty(void *arg)
{
	(void)arg;
	return 0;
}

static __attribute__((noinline)) void run(mtx_t *mu, volatile uint64_t *counter, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		mtx_lock(mu);
		*counter = *counter + 1;
		mtx_unlock(mu);
	}
}

int main(int argc, char **argv)
{
	uint64_t n = bt_arg(argc, argv, 1, 10000000);
	uint64_t reps = bt_arg(argc, argv, 2, 3);
	bool apart = argc <= 3 || bt_streq(argv[3], "apart");
	mtx_t *mu = apart ? &apart_mu.mu : &together.mu;
	volatile uint64_t *counter = apart ? &apart_counter.counter : &together.counter;
	thrd_t t;

	BT_CHECK(apart || bt_streq(argv[3], "together"));
	BT_CHECK(mtx_init(mu, mtx_plain) == thrd_success);
	BT_CHECK(thrd_create(&t, empty, NULL) == thrd_success);
	thrd_join(t, NULL);
	run(mu, counter, n / 10 + 1);
	for (uint64_t r = 0; r < reps; r++) {
		uint64_t t0 = bt_now_ns();

		run(mu, counter, n);
		bt_report(apart ? "c11_mtx_uncontended" : "c11_mtx_uncontended_together", "ns/op",
			  bt_now_ns() - t0, n);
	}
	return 0;
}
