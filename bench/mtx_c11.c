/*
 * Workload: uncontended C11 mtx_lock/mtx_unlock on a mtx_plain mutex, in a
 * process that has already had a second thread (as mutex_uncontended).
 * Built against threadbare's <threads.h> and against glibc's and musl's;
 * compare with mutex_uncontended (tb_mutex): a plain mtx_t should cost
 * about the same. The lock and the counter are placed as there.
 *   mtx_c11 [pairs=10000000] [reps=3] [layout=apart|together|adjacent]
 * Reports ns per lock+unlock pair.
 */
#include <threads.h>
#include "bench.h"

/* a 64-byte line: the mutex at 0, the counter at 48 (after any of the three
 * mutexes: pthread_mutex_t is 40 bytes) */
struct line {
	union {
		mtx_t mu;
		char pad[48];
	} m;
	volatile uint64_t counter;
} __attribute__((aligned(64)));

_Static_assert(sizeof(mtx_t) <= 48, "the counter follows the mutex");

/* adjacent: the counter right after the mutex, as in a struct */
struct pair {
	mtx_t mu;
	volatile uint64_t counter;
} __attribute__((aligned(64)));

static struct line apart_mu, apart_counter, together;
static struct pair adjacent;

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
	const char *layout = argc > 3 ? argv[3] : "apart";
	mtx_t *mu = &apart_mu.m.mu;
	volatile uint64_t *counter = &apart_counter.counter;
	char name[48];
	thrd_t t;

	if (bt_streq(layout, "together")) {
		mu = &together.m.mu;
		counter = &together.counter;
	} else if (bt_streq(layout, "adjacent")) {
		mu = &adjacent.mu;
		counter = &adjacent.counter;
	} else {
		BT_CHECK(bt_streq(layout, "apart"));
	}
	if (bt_streq(layout, "apart"))
		bt_snprintf(name, sizeof(name), "c11_mtx_uncontended");
	else
		bt_snprintf(name, sizeof(name), "c11_mtx_uncontended_%s", layout);
	BT_CHECK(mtx_init(mu, mtx_plain) == thrd_success);
	BT_CHECK(thrd_create(&t, empty, NULL) == thrd_success);
	thrd_join(t, NULL);
	run(mu, counter, n / 10 + 1);
	for (uint64_t r = 0; r < reps; r++) {
		uint64_t t0 = bt_now_ns();

		run(mu, counter, n);
		bt_report(name, "ns/op", bt_now_ns() - t0, n);
	}
	return 0;
}
