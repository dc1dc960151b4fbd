/*
 * Workload 5: contended mutex. T threads share the total number of
 * lock/increment/unlock operations on one mutex.
 *   mutex_contended [total ops=2000000] [reps=3] [threads=2]
 * Reports ns per operation (wall time / total ops), from the moment all
 * threads are released to the last join.
 */
#define BT_USE_MUTEX 1
#include "bench.h"

#define MAX_THREADS 64

static bt_mutex mu;
static uint64_t counter, per_thread;
static uint32_t ready, gate;

BT_THREAD(worker, arg)
{
	(void)arg;
	__atomic_add_fetch(&ready, 1, __ATOMIC_ACQ_REL);
	bt_futex_wake(&ready, 1);
	bt_gate_wait(&gate);
	for (uint64_t i = 0; i < per_thread; i++) {
		bt_mutex_lock(&mu);
		counter++;
		bt_mutex_unlock(&mu);
	}
	BT_RETURN;
}

static int run(uint32_t nthreads, uint64_t *ns)
{
	bt_thread t[MAX_THREADS];
	struct bt_cfg cfg;
	uint32_t r;

	bt_cfg_init(&cfg, 0);
	ready = gate = 0;
	counter = 0;
	for (uint32_t i = 0; i < nthreads; i++)
		BT_CHECK(bt_spawn(&t[i], &cfg, worker, NULL) == 0);
	while ((r = __atomic_load_n(&ready, __ATOMIC_ACQUIRE)) != nthreads)
		bt_futex_wait(&ready, r);
	uint64_t t0 = bt_now_ns();
	bt_gate_open(&gate);
	for (uint32_t i = 0; i < nthreads; i++)
		bt_join(t[i]);
	*ns = bt_now_ns() - t0;
	BT_CHECK(counter == per_thread * nthreads);
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t total = bt_arg(argc, argv, 1, 2000000);
	uint64_t reps = bt_arg(argc, argv, 2, 3);
	uint64_t nthreads = bt_arg(argc, argv, 3, 2);
	char name[32];
	uint64_t ns;

	BT_CHECK(nthreads >= 1 && nthreads <= MAX_THREADS);
	bt_mutex_init(&mu);
	bt_snprintf(name, sizeof(name), "mutex_contended_%ut", (unsigned)nthreads);
	per_thread = total / nthreads / 10 + 1;
	if (run((uint32_t)nthreads, &ns))
		return 1;
	per_thread = total / nthreads;
	for (uint64_t r = 0; r < reps; r++) {
		if (run((uint32_t)nthreads, &ns))
			return 1;
		bt_report(name, "ns/op", ns, per_thread * nthreads);
	}
	return 0;
}
