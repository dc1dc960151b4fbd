/*
 * Misuse that crashed, hung or leaked (issue 18, section 2), and what each
 * call now returns: a NULL pool job, a second tb_pool_init, a pool too big
 * to start, an unlock of an rwlock not held that way, one
 * tb_wait_group_done too many.
 *
 * The rwlock and wait group cases: a -Ddebug_checks build crashes on the
 * misuse (checked in a forked child); a release build leaves the object
 * working for correct use afterwards.
 */
#include "harness.h"

#define MS 1000000LL
#define SEC 1000000000LL

#if defined(TB_DEBUG) && TB_DEBUG
#define DEBUG_CHECKS 1
#else
#define DEBUG_CHECKS 0
#endif

static uint32_t ran;

static void count(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&ran, 1, __ATOMIC_SEQ_CST);
}

/* Issue item: submit_fn(pool, NULL) returned 0, then a worker crashed. */
static void t_pool_submit_null(void)
{
	struct tb_pool pool;
	struct tb_pool_job nofn = TB_POOL_JOB_INIT(0);

	T_ASSERT(tb_pool_init(&pool, 2) == 0);
	T_EXPECT_EQ(tb_pool_submit_fn(&pool, 0, 0), -EINVAL);
	T_EXPECT_EQ(tb_pool_submit(&pool, &nofn), -EINVAL);
	T_EXPECT_EQ(tb_pool_submit(&pool, 0), -EINVAL);
	__atomic_store_n(&ran, 0, __ATOMIC_SEQ_CST);
	T_EXPECT_EQ(tb_pool_submit_fn(&pool, count, 0), 0);
	tb_pool_wait(&pool);
	T_EXPECT_EQ(ran, 1);
	tb_pool_deinit(&pool);
}

/* Issue item: init of a running pool returned 0 and leaked its workers. */
static void t_pool_init_twice(void)
{
	struct tb_pool pool;
	int before = t_threads_settle(t_threads_at_start); /* earlier cases' threads gone */

	T_ASSERT(tb_pool_init(&pool, 2) == 0);
	T_EXPECT_EQ(tb_pool_init(&pool, 3), -EBUSY);
	T_EXPECT_EQ(t_threads_settle(before + 2), before + 2);
	__atomic_store_n(&ran, 0, __ATOMIC_SEQ_CST);
	for (int i = 0; i < 10; i++)
		T_EXPECT_EQ(tb_pool_submit_fn(&pool, count, 0), 0);
	tb_pool_wait(&pool);
	T_EXPECT_EQ(ran, 10);
	tb_pool_deinit(&pool);
	T_EXPECT_EQ(t_threads_settle(before), before);
	/* deinit'ed: it may be initialised again */
	T_ASSERT(tb_pool_init(&pool, 1) == 0);
	tb_pool_deinit(&pool);
	T_EXPECT_EQ(tb_pool_init(0, 1), -EINVAL);
}

static long proc_number(const char *path)
{
	char buf[32];
	long n = -1, len;
	int fd = (int)tb_syscall(__NR_openat, -100, (long)path, 0, 0, 0, 0);

	if (fd < 0)
		return -1;
	len = tb_syscall(__NR_read, fd, (long)buf, sizeof(buf), 0, 0, 0);
	tb_syscall(__NR_close, fd, 0, 0, 0, 0, 0);
	for (long i = 0; i < len && buf[i] >= '0' && buf[i] <= '9'; i++)
		n = (n < 0 ? 0 : n * 10) + (buf[i] - '0');
	return n;
}

/* Issue item: init(pool, 100000) took 2.8 s to return -EAGAIN. */
static void t_pool_init_huge(void)
{
	struct tb_pool pool;
	int before = t_threads_settle(t_threads_at_start); /* earlier cases' threads gone */
	int64_t t0;
	int r;

	if (sizeof(void *) == 8 && proc_number("/proc/sys/vm/max_map_count") > 200000 &&
	    proc_number("/proc/sys/kernel/threads-max") > 100000 &&
	    proc_number("/proc/sys/kernel/pid_max") > 100000)
		T_SKIP("this kernel's limits allow 100000 threads");
	t0 = tb_clock_ns(TB_CLOCK_MONOTONIC);
	r = tb_pool_init(&pool, 100000);
	T_EXPECT(r == -EAGAIN || r == -ENOMEM);
	T_EXPECT(tb_clock_ns(TB_CLOCK_MONOTONIC) - t0 < 500 * MS);
	T_EXPECT_EQ(t_threads_settle(before), before);
	/* nothing is left behind: the pool is zeroed and may be initialised */
	T_ASSERT(tb_pool_init(&pool, 2) == 0);
	tb_pool_deinit(&pool);
}

/* Runs fn in a forked child: its wait status, or -1. */
static int in_child(void (*fn)(void))
{
	long pid = t_fork();
	int status = -1;

	if (pid == 0) {
		fn();
		tb_exit(0);
	}
	if (pid < 0 || t_wait4(pid, &status) != pid)
		return -1;
	return status;
}

static bool killed_by_signal(int status)
{
	return status > 0 && (status & 0x7f) != 0 && (status & 0x7f) != 0x7f;
}

static struct tb_rwlock misused;

static void unlock_unlocked(void)
{
	tb_rwlock_unlock(&misused);
}

static void unlock_shared_unlocked(void)
{
	tb_rwlock_unlock_shared(&misused);
}

/* The lock works for correct use: both words as after a plain lock/unlock. */
static void expect_rwlock_works(struct tb_rwlock *l)
{
	T_EXPECT_EQ(l->state, 0);
	T_EXPECT(tb_rwlock_trylock(l));
	T_EXPECT(!tb_rwlock_trylock_shared(l));
	tb_rwlock_unlock(l);
	T_EXPECT(tb_rwlock_trylock_shared(l));
	T_EXPECT(tb_rwlock_trylock_shared(l));
	T_EXPECT(!tb_rwlock_trylock(l));
	tb_rwlock_unlock_shared(l);
	tb_rwlock_unlock_shared(l);
	tb_rwlock_lock(l);
	tb_rwlock_unlock(l);
	T_EXPECT_EQ(l->state, 0);
}

/* Issue item: in release builds an unlock of an unlocked rwlock broke it for good. */
static void t_rwlock_unlock_not_held(void)
{
	struct tb_rwlock l = TB_RWLOCK_INIT;

	if (DEBUG_CHECKS) {
		T_EXPECT(killed_by_signal(in_child(unlock_unlocked)));
		T_EXPECT(killed_by_signal(in_child(unlock_shared_unlocked)));
		return;
	}
	tb_rwlock_unlock(&l);			/* not locked at all */
	expect_rwlock_works(&l);
	tb_rwlock_unlock_shared(&l);
	expect_rwlock_works(&l);
	tb_rwlock_lock_shared(&l);		/* read-locked: not write-locked */
	tb_rwlock_unlock(&l);
	tb_rwlock_unlock_shared(&l);
	expect_rwlock_works(&l);
	tb_rwlock_lock(&l);			/* write-locked: not read-locked */
	tb_rwlock_unlock_shared(&l);
	tb_rwlock_unlock(&l);
	expect_rwlock_works(&l);
}

static struct tb_wait_group wg_misused;

static void done_too_many(void)
{
	tb_wait_group_done(&wg_misused);
}

static int waiter(void *p)
{
	tb_wait_group_wait(p);
	return 1;
}

/* Issue item: one done too many made the next wait hang. */
static void t_wait_group_done_too_many(void)
{
	static struct tb_wait_group wg = TB_WAIT_GROUP_INIT;
	struct tb_thread *t;
	int r = 0;

	if (DEBUG_CHECKS) {
		T_EXPECT(killed_by_signal(in_child(done_too_many)));
		return;
	}
	tb_wait_group_done(&wg);
	T_EXPECT(tb_wait_group_is_done(&wg));
	tb_wait_group_wait(&wg);		/* returns at once */
	tb_wait_group_add(&wg, 1);
	T_ASSERT(tb_thread_spawn(&t, 0, waiter, &wg) == 0);
	tb_sleep_ns(10 * MS);
	tb_wait_group_done(&wg);
	T_EXPECT_EQ(tb_thread_timedjoin(t, 10 * SEC, &r), 0);
	T_EXPECT_EQ(r, 1);
	T_EXPECT_EQ(wg.state, 0);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv,
		     (struct t_case[]){
			     T_CASE(t_pool_submit_null),
			     T_CASE(t_pool_init_twice),
			     T_CASE(t_pool_init_huge),
			     T_CASE(t_rwlock_unlock_not_held),
			     T_CASE(t_wait_group_done_too_many),
			     { 0 },
		     });
}
