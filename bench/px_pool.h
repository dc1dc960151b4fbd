/*
 * A simple pthread pool of the same shape as tb_pool, for the glibc and musl
 * columns: one mutex, a condition variable for work, one for "all done", a
 * FIFO queue of intrusive jobs and n worker threads.
 */
#ifndef BENCH_PX_POOL_H
#define BENCH_PX_POOL_H

#include <pthread.h>

#define PX_POOL_MAX 64

struct px_pool_job {
	void (*fn)(struct px_pool_job *job);
	struct px_pool_job *next;
};

struct px_pool {
	pthread_mutex_t mu;
	pthread_cond_t work; /* the queue is not empty, or stop is set */
	pthread_cond_t idle; /* pending dropped to 0 */
	struct px_pool_job *head, *tail;
	unsigned long pending; /* submitted and not finished */
	int stop, n;
	pthread_t th[PX_POOL_MAX];
};

static void *px_pool_worker(void *p)
{
	struct px_pool *pool = p;

	pthread_mutex_lock(&pool->mu);
	for (;;) {
		struct px_pool_job *job;

		while (!pool->head && !pool->stop)
			pthread_cond_wait(&pool->work, &pool->mu);
		if (!pool->head)
			break;
		job = pool->head;
		pool->head = job->next;
		if (!pool->head)
			pool->tail = NULL;
		pthread_mutex_unlock(&pool->mu);
		job->fn(job);
		pthread_mutex_lock(&pool->mu);
		if (--pool->pending == 0)
			pthread_cond_broadcast(&pool->idle);
	}
	pthread_mutex_unlock(&pool->mu);
	return NULL;
}

static inline int px_pool_init(struct px_pool *pool, int n)
{
	pthread_mutex_init(&pool->mu, NULL);
	pthread_cond_init(&pool->work, NULL);
	pthread_cond_init(&pool->idle, NULL);
	pool->head = pool->tail = NULL;
	pool->pending = 0;
	pool->stop = 0;
	pool->n = n < 1 ? 1 : n > PX_POOL_MAX ? PX_POOL_MAX : n;
	for (int i = 0; i < pool->n; i++)
		if (pthread_create(&pool->th[i], NULL, px_pool_worker, pool))
			return -1;
	return 0;
}

static inline void px_pool_submit(struct px_pool *pool, struct px_pool_job *job)
{
	job->next = NULL;
	pthread_mutex_lock(&pool->mu);
	if (pool->tail)
		pool->tail->next = job;
	else
		pool->head = job;
	pool->tail = job;
	pool->pending++;
	pthread_cond_signal(&pool->work);
	pthread_mutex_unlock(&pool->mu);
}

/* Waits until every job submitted so far has finished. */
static inline void px_pool_wait(struct px_pool *pool)
{
	pthread_mutex_lock(&pool->mu);
	while (pool->pending)
		pthread_cond_wait(&pool->idle, &pool->mu);
	pthread_mutex_unlock(&pool->mu);
}

static inline void px_pool_deinit(struct px_pool *pool)
{
	pthread_mutex_lock(&pool->mu);
	pool->stop = 1;
	pthread_cond_broadcast(&pool->work);
	pthread_mutex_unlock(&pool->mu);
	for (int i = 0; i < pool->n; i++)
		pthread_join(pool->th[i], NULL);
}

typedef struct px_pool bt_pool;
typedef struct px_pool_job bt_job;
#define BT_JOB_FN(name, job) static void name(bt_job *job)
static inline void bt_job_init(bt_job *job, void (*fn)(bt_job *)) { job->fn = fn; }
static inline int bt_pool_init(bt_pool *p, int n) { return px_pool_init(p, n); }
static inline void bt_pool_submit(bt_pool *p, bt_job *job) { px_pool_submit(p, job); }
static inline void bt_pool_wait(bt_pool *p) { px_pool_wait(p); }
static inline void bt_pool_deinit(bt_pool *p) { px_pool_deinit(p); }

#endif
