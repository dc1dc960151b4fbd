/*
 * Workload 4: uncontended mutex lock/unlock, in a process that has already
 * had a second thread (glibc skips its atomics until then).
 *   mutex_uncontended [pairs=10000000] [reps=3] [layout]
 * Reports ns per lock+unlock pair.
 *
 * The lock word and the counter the loop increments sit where this file
 * puts them, alike for the three libraries. Before, the linker placed them:
 * threadbare's counter was 8 bytes below its lock word (one 16-byte block),
 * musl's 36 bytes (one line), glibc's in another line. layout:
 *   apart     each at the start of its own 64-byte line (the default: no
 *             library is helped or hurt by where the other word falls)
 *   together  one line: the mutex at byte 0, the counter at byte 48
 *   adjacent  the counter right after the mutex, as in a struct (8 bytes
 *             from threadbare's lock word, 40 from glibc's, 36 from musl's)
 */
#define BT_USE_MUTEX 1
#include "bench.h"

/* a 64-byte line: the mutex at 0, the counter at 48 (after any of the three
 * mutexes: pthread_mutex_t is 40 bytes) */
struct line {
	union {
		bt_mutex mu;
		char pad[48];
	} m;
	volatile uint64_t counter;
} __attribute__((aligned(64)));

_Static_assert(sizeof(bt_mutex) <= 48, "the counter follows the mutex");

/* adjacent: the counter right after the mutex, as in a struct */
struct pair {
	bt_mutex mu;
	volatile uint64_t counter;
} __attribute__((aligned(64)));

static struct line apart_mu, apart_counter, together;
static struct pair adjacent;

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
	const char *layout = argc > 3 ? argv[3] : "apart";
	bt_mutex *mu = &apart_mu.m.mu;
	volatile uint64_t *counter = &apart_counter.counter;
	char name[48];
	struct bt_cfg cfg;
	bt_thread t;

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
		bt_snprintf(name, sizeof(name), "mutex_uncontended");
	else
		bt_snprintf(name, sizeof(name), "mutex_uncontended_%s", layout);
	bt_mutex_init(mu);
	bt_cfg_init(&cfg, 0);
	BT_CHECK(bt_spawn(&t, &cfg, empty, NULL) == 0);
	bt_join(t);
	run(mu, counter, n / 10 + 1);
	for (uint64_t r = 0; r < reps; r++) {
		uint64_t t0 = bt_now_ns();

		run(mu, counter, n);
		bt_report(name, "ns/op", bt_now_ns() - t0, n);
	}
	return 0;
}
