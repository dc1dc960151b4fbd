/*
 * Thread pool: a FIFO queue of intrusive jobs under one mutex, workers that
 * sleep on one condition, and waiters of tb_pool_wait on another.
 *
 *   submit:  lock; append; pending++; unlock; signal(work)
 *   worker:  lock; loop { pop and run (unlocked), then pending--, and
 *            broadcast(idle) at 0; or, queue empty: exit if stopping, else
 *            wait(work) }
 *   wait:    lock; while pending: pop and run, or wait(idle)
 *   deinit:  wait; stopping = true; broadcast(work); join every worker;
 *            unmap the thread table
 *
 * Deviations from Zig's Pool: FIFO instead of LIFO (#21856); jobs are
 * intrusive, so submit cannot fail; tb_pool_wait helps run jobs (Zig's
 * waitAndWork); and an init that fails after starting some workers joins
 * them and frees the thread table exactly once (Zig #18643 freed it twice).
 */
#include <threadbare/pool.h>
#include <threadbare/thread.h>
#include "internal.h"
#include "sys.h"

static struct tb_pool_job *pop(struct tb_pool *p)
{
	struct tb_pool_job *j = p->head;

	if (j) {
		p->head = j->next;
		if (!p->head)
			p->tail = 0;
	}
	return j;
}

/* Runs j with the lock dropped; j is not touched once fn starts. */
static void run_locked(struct tb_pool *p, struct tb_pool_job *j)
{
	tb_mutex_unlock(&p->lock);
	j->fn(j);
	tb_mutex_lock(&p->lock);
	if (--p->pending == 0)
		tb_cond_broadcast(&p->idle);
}

static int worker(void *arg)
{
	struct tb_pool *p = arg;

	tb_mutex_lock(&p->lock);
	for (;;) {
		struct tb_pool_job *j = pop(p);

		if (j)
			run_locked(p, j);
		else if (p->stopping)
			break;
		else
			tb_cond_wait(&p->work, &p->lock);
	}
	tb_mutex_unlock(&p->lock);
	return 0;
}

static void stop_and_join(struct tb_pool *p)
{
	tb_mutex_lock(&p->lock);
	p->stopping = true;
	tb_mutex_unlock(&p->lock);
	tb_cond_broadcast(&p->work);
	for (uint32_t i = 0; i < p->n_threads; i++)
		tb_thread_join(p->threads[i]);
	if (p->threads)
		tb__sys_munmap(p->threads, p->threads_bytes);
	*p = (struct tb_pool)TB_POOL_INIT;
}

TB__NO_SSP int tb_pool_init(struct tb_pool *p, uint32_t n_workers)
{
	struct tb_thread_config cfg = { .name = "tb-pool" };
	size_t page = tb__rt.page_size, bytes;
	long r;

	*p = (struct tb_pool)TB_POOL_INIT;
	if (!page)
		return -EPERM;
	if (n_workers == 0) {
		long n = tb_cpu_count();

		n_workers = n > 0 && n < (long)UINT32_MAX ? (uint32_t)n : 1;
	}
	if (n_workers > (SIZE_MAX - page) / sizeof(*p->threads))
		return -ENOMEM;
	bytes = (n_workers * sizeof(*p->threads) + page - 1) & ~(page - 1);
	r = tb__sys_mmap(0, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	if (tb__is_err(r))
		return -ENOMEM;
	p->threads = (struct tb_thread **)r;
	p->threads_bytes = bytes;
	for (uint32_t i = 0; i < n_workers; i++) {
		int e = tb_thread_spawn(&p->threads[i], &cfg, worker, p);

		if (e) {
			stop_and_join(p); /* joins the i started, unmaps the table once */
			return e;
		}
		p->n_threads = i + 1;
	}
	return 0;
}

void tb_pool_submit(struct tb_pool *p, struct tb_pool_job *j)
{
	j->next = 0;
	tb_mutex_lock(&p->lock);
	if (p->tail)
		p->tail->next = j;
	else
		p->head = j;
	p->tail = j;
	p->pending++;
	tb_mutex_unlock(&p->lock);
	tb_cond_signal(&p->work);
}

struct fn_job {
	struct tb_pool_job job;
	void (*fn)(void *);
	void *arg;
};

_Static_assert(sizeof(struct fn_job) <= TB__NODE_SIZE, "a closure fits one block");

static void run_fn_job(struct tb_pool_job *j)
{
	struct fn_job *c = (struct fn_job *)j;
	void (*fn)(void *) = c->fn;
	void *arg = c->arg;

	tb__node_free(c);
	fn(arg);
}

int tb_pool_submit_fn(struct tb_pool *p, void (*fn)(void *arg), void *arg)
{
	struct fn_job *c = tb__node_alloc();

	if (!c)
		return -ENOMEM;
	c->job.fn = run_fn_job;
	c->fn = fn;
	c->arg = arg;
	tb_pool_submit(p, &c->job);
	return 0;
}

void tb_pool_wait(struct tb_pool *p)
{
	tb_mutex_lock(&p->lock);
	while (p->pending) {
		struct tb_pool_job *j = pop(p);

		if (j)
			run_locked(p, j);
		else
			tb_cond_wait(&p->idle, &p->lock);
	}
	tb_mutex_unlock(&p->lock);
}

void tb_pool_deinit(struct tb_pool *p)
{
	tb_pool_wait(p);
	stop_and_join(p);
}
