/*
 * Workload 9b (size only, never run by the suite): a program that uses every
 * primitive and the pool once. The pthread build uses what POSIX has (mutex,
 * condition variable, semaphore, rwlock) and the suite's px_pool.h; event
 * and wait group exist only on the threadbare side.
 */
#define BT_USE_MUTEX 1
#define BT_USE_COND 1
#define BT_USE_SEM 1
#define BT_USE_RWLOCK 1
#define BT_USE_EVENT 1
#define BT_USE_WAIT_GROUP 1
#define BT_USE_POOL 1
#include "bench.h"

static bt_mutex mu;
static bt_cond cv;
static bt_sem sem;
static bt_rwlock rw;
static int flag;
static uint64_t sum;
#ifndef BENCH_PTHREAD
static struct tb_event ev;
static struct tb_wait_group wg;
#endif

BT_JOB_FN(job_fn, job)
{
	(void)job;
	__atomic_add_fetch(&sum, 1, __ATOMIC_RELAXED);
}

BT_THREAD(work, arg)
{
	(void)arg;
	bt_rwlock_lock_shared(&rw);
	bt_rwlock_unlock_shared(&rw);
	bt_sem_post(&sem);
	bt_mutex_lock(&mu);
	flag = 1;
	bt_cond_signal(&cv);
	bt_mutex_unlock(&mu);
#ifndef BENCH_PTHREAD
	tb_event_set(&ev);
	tb_wait_group_done(&wg);
#endif
	BT_RETURN;
}

int main(void)
{
	static bt_pool pool;
	static bt_job job;
	struct bt_cfg cfg;
	bt_thread t;

	bt_mutex_init(&mu);
	bt_cond_init(&cv);
	bt_sem_init(&sem, 0);
	bt_rwlock_init(&rw);
	bt_cfg_init(&cfg, 0);
	bt_rwlock_lock(&rw);
	bt_rwlock_unlock(&rw);
#ifndef BENCH_PTHREAD
	tb_wait_group_add(&wg, 1);
#endif
	if (bt_spawn(&t, &cfg, work, NULL))
		return 1;
	bt_sem_wait(&sem);
	bt_mutex_lock(&mu);
	while (!flag)
		bt_cond_wait(&cv, &mu);
	bt_mutex_unlock(&mu);
#ifndef BENCH_PTHREAD
	tb_event_wait(&ev);
	tb_wait_group_wait(&wg);
#endif
	bt_join(t);
	if (bt_pool_init(&pool, 2))
		return 1;
	bt_job_init(&job, job_fn);
	bt_pool_submit(&pool, &job);
	bt_pool_wait(&pool);
	bt_pool_deinit(&pool);
	return sum == 1 ? 0 : 1;
}
