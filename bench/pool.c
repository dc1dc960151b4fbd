/*
 * Workload 8: a thread pool running many small jobs. Jobs are intrusive
 * (the caller owns them, no allocation); each adds its index to a counter.
 * The glibc and musl columns use px_pool.h, a simple pool of the same shape.
 *   pool [jobs=100000] [reps=3] [workers=2]
 * Reports ns per job: submitting all of them, then waiting for the pool.
 */
#define BT_USE_POOL 1
#include "bench.h"

struct item {
	bt_job job; /* first: the job's address is the item's */
	uint64_t value;
};

static uint64_t sum;

BT_JOB_FN(add, job)
{
	__atomic_add_fetch(&sum, ((struct item *)job)->value, __ATOMIC_RELAXED);
}

#define MAX_JOBS 1000000
static struct item items[MAX_JOBS];

static int run(bt_pool *pool, uint64_t n, uint64_t *ns)
{
	__atomic_store_n(&sum, 0, __ATOMIC_RELAXED);
	for (uint64_t i = 0; i < n; i++) {
		bt_job_init(&items[i].job, add);
		items[i].value = i;
	}
	uint64_t t0 = bt_now_ns();
	for (uint64_t i = 0; i < n; i++)
		bt_pool_submit(pool, &items[i].job);
	bt_pool_wait(pool);
	*ns = bt_now_ns() - t0;
	BT_CHECK(__atomic_load_n(&sum, __ATOMIC_RELAXED) == n * (n - 1) / 2);
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t n = bt_arg(argc, argv, 1, 100000);
	uint64_t reps = bt_arg(argc, argv, 2, 3);
	uint64_t workers = bt_arg(argc, argv, 3, 2);
	static bt_pool pool;
	uint64_t ns;

	BT_CHECK(n > 0 && n <= MAX_JOBS);
	BT_CHECK(bt_pool_init(&pool, (int)workers) == 0);
	if (run(&pool, n / 10 + 1, &ns))
		return 1;
	for (uint64_t r = 0; r < reps; r++) {
		if (run(&pool, n, &ns))
			return 1;
		bt_report("pool", "ns/job", ns, n);
	}
	bt_pool_deinit(&pool);
	return 0;
}
