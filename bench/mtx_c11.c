/*
 * Workload: uncontended C11 mtx_lock/mtx_unlock on a mtx_plain mutex, in a
 * process that has already had a second thread (as mutex_uncontended).
 * Built against threadbare's <threads.h> and against glibc's and musl's;
 * compare with mutex_uncontended (tb_mutex): a plain mtx_t should cost the
 * same.
 *   mtx_c11 [pairs=10000000] [reps=3]
 * Reports ns per lock+unlock pair.
 */
#include <threads.h>
#include "bench.h"

static mtx_t mu;
static volatile uint64_t counter;

static int empty(void *arg)
{
	(void)arg;
	return 0;
}

static __attribute__((noinline)) void run(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		mtx_lock(&mu);
		counter = counter + 1;
		mtx_unlock(&mu);
	}
}

int main(int argc, char **argv)
{
	uint64_t n = bt_arg(argc, argv, 1, 10000000);
	uint64_t reps = bt_arg(argc, argv, 2, 3);
	thrd_t t;

	BT_CHECK(mtx_init(&mu, mtx_plain) == thrd_success);
	BT_CHECK(thrd_create(&t, empty, NULL) == thrd_success);
	thrd_join(t, NULL);
	run(n / 10 + 1);
	for (uint64_t r = 0; r < reps; r++) {
		uint64_t t0 = bt_now_ns();

		run(n);
		bt_report("c11_mtx_uncontended", "ns/op", bt_now_ns() - t0, n);
	}
	return 0;
}
