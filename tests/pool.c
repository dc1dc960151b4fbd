/*
 * Pool: the C port of Zig's Pool "spawn" test (notes §11 item 29), FIFO
 * order, 100 000 jobs each run exactly once, jobs that submit jobs, a pool
 * with no workers, no leaks, and an init whose worker spawn fails part way
 * (Zig #18643: started workers joined, the table freed exactly once).
 */
#include <linux/resource.h>
#include "prims.h"

#define container_of(p, type, member) ((type *)((char *)(p) - __builtin_offsetof(type, member)))

struct flag_job {
	struct tb_pool_job job;
	bool completed;
};

static void set_completed(struct tb_pool_job *j)
{
	container_of(j, struct flag_job, job)->completed = true;
}

/* §11.29: deinit runs what is queued */
static void t_spawn(void)
{
	struct tb_pool pool;
	struct flag_job f = { TB_POOL_JOB_INIT(set_completed), false };

	T_ASSERT(tb_pool_init(&pool, 0) == 0);
	tb_pool_submit(&pool, &f.job);
	tb_pool_deinit(&pool);
	T_EXPECT(f.completed);
	T_EXPECT_EQ(pool.n_threads, 0);
}

enum { FIFO_N = 1000 };

struct fifo {
	struct tb_wait_group wg;
	uint32_t order[FIFO_N];
	uint32_t n;
};

struct fifo_job {
	struct tb_pool_job job;
	struct fifo *f;
	uint32_t index;
};

static void record(struct tb_pool_job *j)
{
	struct fifo_job *fj = container_of(j, struct fifo_job, job);

	fj->f->order[fj->f->n++] = fj->index; /* one worker: no race */
	tb_wait_group_done(&fj->f->wg);
}

/* one worker runs the jobs in submission order (Zig's queue is LIFO, #21856) */
static void t_fifo(void)
{
	static struct fifo f;
	static struct fifo_job jobs[FIFO_N];
	struct tb_pool pool;
	uint32_t in_order = 1;

	T_ASSERT(tb_pool_init(&pool, 1) == 0);
	tb_wait_group_add(&f.wg, FIFO_N);
	for (uint32_t i = 0; i < FIFO_N; i++) {
		jobs[i] = (struct fifo_job){ TB_POOL_JOB_INIT(record), &f, i };
		tb_pool_submit(&pool, &jobs[i].job);
	}
	tb_wait_group_wait(&f.wg); /* not tb_pool_wait: it would run jobs here too */
	for (uint32_t i = 0; i < FIFO_N; i++)
		in_order &= f.order[i] == i;
	T_EXPECT_EQ(f.n, FIFO_N);
	T_EXPECT(in_order);
	tb_pool_deinit(&pool);
}

enum { MANY = 100000, SUBMITTERS = 3 };

struct count_job {
	struct tb_pool_job job;
	uint32_t runs;
};

static struct count_job many[MANY];
static uint32_t fn_runs[MANY];
static uint32_t total_runs;

static void count_run(struct tb_pool_job *j)
{
	__atomic_fetch_add(&container_of(j, struct count_job, job)->runs, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&total_runs, 1, __ATOMIC_RELAXED);
}

static void count_fn(void *arg)
{
	__atomic_fetch_add((uint32_t *)arg, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&total_runs, 1, __ATOMIC_RELAXED);
}

struct submitter {
	struct tb_pool *pool;
	uint32_t first, n;
	uint32_t enomem;
};

static int submit_range(void *arg)
{
	struct submitter *s = arg;

	for (uint32_t i = s->first; i < s->first + s->n; i++) {
		if (i % 2) {
			many[i] = (struct count_job){ TB_POOL_JOB_INIT(count_run), 0 };
			tb_pool_submit(s->pool, &many[i].job);
		} else if (tb_pool_submit_fn(s->pool, count_fn, &fn_runs[i]) != 0) {
			s->enomem++;
		}
	}
	return 0;
}

/* 100 000 jobs from 3 submitting threads, half intrusive, half through
 * tb_pool_submit_fn: every one runs exactly once */
static void t_stress_100000_once(void)
{
	struct tb_pool pool;
	struct submitter s[SUBMITTERS];
	struct tb_thread *t[SUBMITTERS];
	uint32_t bad = 0;

	T_ASSERT(tb_pool_init(&pool, 4) == 0);
	for (uint32_t k = 0; k < SUBMITTERS; k++)
		s[k] = (struct submitter){ &pool, k * (MANY / SUBMITTERS),
					   k == SUBMITTERS - 1 ? MANY - k * (MANY / SUBMITTERS)
							       : MANY / SUBMITTERS, 0 };
	t_spawn_n(t, SUBMITTERS, submit_range, s, sizeof(s[0]));
	t_join_n(t, SUBMITTERS);
	tb_pool_wait(&pool);
	T_EXPECT_EQ(__atomic_load_n(&total_runs, __ATOMIC_RELAXED), MANY);
	for (uint32_t i = 0; i < MANY; i++)
		bad += (i % 2 ? many[i].runs : fn_runs[i]) != 1;
	T_EXPECT_EQ(bad, 0);
	for (uint32_t k = 0; k < SUBMITTERS; k++)
		T_EXPECT_EQ(s[k].enomem, 0);
	tb_pool_deinit(&pool);
	T_EXPECT_EQ(__atomic_load_n(&total_runs, __ATOMIC_RELAXED), MANY);
}

struct tree {
	struct tb_pool *pool;
	uint32_t nodes;
	uint32_t depth;
};

static void tree_fn(void *arg);

struct tree_arg {
	struct tree *t;
	uint32_t depth;
};

static struct tree_arg tree_args[16];

static void tree_fn(void *arg)
{
	struct tree_arg *a = arg;

	__atomic_fetch_add(&a->t->nodes, 1, __ATOMIC_RELAXED);
	if (a->depth + 1 < a->t->depth)
		for (int i = 0; i < 2; i++)
			T_EXPECT_EQ(tb_pool_submit_fn(a->t->pool, tree_fn, &tree_args[a->depth + 1]),
				    0);
}

/* jobs that submit jobs: tb_pool_wait returns only when the whole tree ran */
static void t_jobs_submit_jobs(void)
{
	struct tb_pool pool;
	uint32_t depth = t_emulated() ? 12 : 16;
	struct tree tr = { &pool, 0, depth };

	for (uint32_t d = 0; d < 16; d++)
		tree_args[d] = (struct tree_arg){ &tr, d };
	T_ASSERT(tb_pool_init(&pool, 3) == 0);
	T_EXPECT_EQ(tb_pool_submit_fn(&pool, tree_fn, &tree_args[0]), 0);
	tb_pool_wait(&pool);
	T_EXPECT_EQ(__atomic_load_n(&tr.nodes, __ATOMIC_RELAXED), (1u << depth) - 1);
	tb_pool_deinit(&pool);
}

static void note_thread(void *arg)
{
	*(uint32_t *)arg = tb_thread_id();
}

/* a zeroed pool has no workers: tb_pool_wait runs the jobs in the caller */
static void t_zero_pool(void)
{
	struct tb_pool pool = TB_POOL_INIT;
	uint32_t ran_on[3] = { 0, 0, 0 };

	for (int i = 0; i < 3; i++)
		T_EXPECT_EQ(tb_pool_submit_fn(&pool, note_thread, &ran_on[i]), 0);
	tb_pool_wait(&pool);
	for (int i = 0; i < 3; i++)
		T_EXPECT_EQ(ran_on[i], tb_thread_id());
	tb_pool_deinit(&pool);
}

/* init/deinit cycles and 100 batches of closures leave no mapping behind */
static void t_no_leak(void)
{
	struct tb_pool pool;
	uint32_t runs = 0;
	int base;

	T_ASSERT(tb_pool_init(&pool, 2) == 0); /* warm up the allocator */
	T_EXPECT_EQ(tb_pool_submit_fn(&pool, count_fn, &runs), 0);
	tb_pool_deinit(&pool);
	tb_thread_cache_trim();
	base = t_map_count();
	for (int round = 0; round < 10; round++) {
		T_ASSERT(tb_pool_init(&pool, 3) == 0);
		for (int batch = 0; batch < 10; batch++) {
			for (int i = 0; i < 500; i++)
				T_EXPECT_EQ(tb_pool_submit_fn(&pool, count_fn, &runs), 0);
			tb_pool_wait(&pool);
		}
		tb_pool_deinit(&pool);
	}
	tb_thread_cache_trim();
	/* freed closures are reused: at most one more 64 KiB chunk (500 x 64 bytes) */
	T_EXPECT(t_map_count() <= base + 1);
	T_EXPECT_EQ(runs, 1 + 10 * 10 * 500);
}

static int wait_gate(void *arg)
{
	while (!__atomic_load_n((uint32_t *)arg, __ATOMIC_ACQUIRE))
		tb_futex_wait(arg, 0, -1);
	return 0;
}

/* Child body: returns the exit status (0 ok, 77 no setuid, 78 no partial failure possible). */
static int init_failure_child(void)
{
	struct rlimit64 lim = { 6, 6 };
	struct tb_thread_config cfg = { .stack_size = 64 << 10 };
	struct tb_thread *t[32];
	struct flag_job f = { TB_POOL_JOB_INIT(set_completed), false };
	struct tb_pool pool;
	uint32_t gate = 0;
	int m = 0, maps, threads, r;

	if (tb_syscall(__NR_setuid, 65534, 0, 0, 0, 0, 0) != 0)
		return 77;
	if (tb_syscall(__NR_prlimit64, 0, RLIMIT_NPROC, (long)&lim, 0, 0, 0) != 0)
		return 77;
	/* how many threads this user may start here */
	while (m < 32 && tb_thread_spawn(&t[m], &cfg, wait_gate, &gate) == 0)
		m++;
	__atomic_store_n(&gate, 1, __ATOMIC_RELEASE);
	tb_futex_wake(&gate, UINT32_MAX);
	for (int i = 0; i < m; i++)
		tb_thread_join(t[i]);
	tb_thread_cache_trim();
	tb_sleep_ns(100 * MS); /* the kernel uncounts exited threads a little after join */
	if (m == 0 || m == 32)
		return 78;
	maps = t_map_count();
	threads = t_threads_now();
	if (threads < 1)
		return 16;
	r = tb_pool_init(&pool, (uint32_t)m + 3); /* m start, the next one fails */
	tb_thread_cache_trim();
	if (r != -EAGAIN)
		return 10;
	if (pool.n_threads != 0 || pool.threads != 0)
		return 11;
	if (t_threads_settle(threads) != threads)
		return 12; /* a started worker was not joined */
	if (t_map_count() != maps)
		return 13; /* a stack or the table leaked */
	/* the failed pool can be initialised again */
	tb_sleep_ns(100 * MS);
	if (tb_pool_init(&pool, 1) != 0)
		return 14;
	tb_pool_submit(&pool, &f.job);
	tb_pool_deinit(&pool);
	return f.completed ? 0 : 15;
}

static void t_init_failure_joins_started(void)
{
	long pid;
	int status = 0;

	if (tb_syscall(__NR_getuid, 0, 0, 0, 0, 0, 0) != 0)
		T_SKIP("needs root to switch to an unprivileged user");
	pid = t_fork();
	T_ASSERT(pid >= 0);
	if (pid == 0)
		tb_exit(init_failure_child());
	T_ASSERT(t_wait4(pid, &status) == pid);
	T_EXPECT_EQ(status & 0x7f, 0);
	if (((status >> 8) & 0xff) == 77)
		T_SKIP("setuid or RLIMIT_NPROC is not allowed here");
	if (((status >> 8) & 0xff) == 78)
		T_SKIP("this user's thread limit cannot be reached part way");
	T_EXPECT_EQ((status >> 8) & 0xff, 0);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (const struct t_case[]){
		T_CASE(t_spawn),
		T_CASE(t_fifo),
		T_CASE(t_stress_100000_once),
		T_CASE(t_jobs_submit_jobs),
		T_CASE(t_zero_pool),
		T_CASE(t_no_leak),
		T_CASE(t_init_failure_joins_started),
		{ 0, 0 },
	});
}
