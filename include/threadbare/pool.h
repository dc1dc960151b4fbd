#ifndef THREADBARE_POOL_H
#define THREADBARE_POOL_H

#include "types.h"
#include "condition.h"
#include "mutex.h"

/*
 * A pool of worker threads running submitted jobs in FIFO order.
 *
 * Jobs are intrusive: embed a struct tb_pool_job in your own data, set fn,
 * and submit a pointer to it; fn receives that pointer (recover your data
 * with offsetof), and the pool does not touch the job again once fn has
 * started, so fn may free or reuse it. Submitting needs no memory.
 * tb_pool_submit_fn is the convenience form: it takes a small block from the
 * runtime's own allocator for the (fn, arg) pair.
 *
 * The pool must stay at one address from init to deinit. A zeroed pool
 * (TB_POOL_INIT) has no workers: jobs submitted to it run in the thread that
 * calls tb_pool_wait or tb_pool_deinit.
 */
struct tb_thread;

struct tb_pool_job {
	void (*fn)(struct tb_pool_job *job);
	struct tb_pool_job *next; /* private */
};

struct tb_pool {		   /* every field is private */
	struct tb_mutex lock;
	struct tb_cond work;	   /* workers wait for jobs */
	struct tb_cond idle;	   /* tb_pool_wait waits for pending == 0 */
	struct tb_pool_job *head, *tail;
	__SIZE_TYPE__ pending;		   /* submitted and not yet finished */
	bool stopping;
	__UINT32_TYPE__ n_threads;
	struct tb_thread **threads; /* [n_threads], mmap'd */
	__SIZE_TYPE__ threads_bytes;
	__UINTPTR_TYPE__ live;		   /* marks an initialised pool (tb_pool_init's -EBUSY) */
};

#define TB_POOL_INIT { TB_MUTEX_INIT, TB_COND_INIT, TB_COND_INIT, 0, 0, 0, false, 0, 0, 0, 0 }
#define TB_POOL_JOB_INIT(fn) { (fn), 0 }

/*
 * Starts n_workers threads (0: tb_cpu_count()) in pool, which may hold
 * anything but an initialised pool. On failure nothing is left behind:
 * workers already started are stopped and joined, and the pool is zeroed.
 * Returns 0, or:
 *   -EINVAL  pool is NULL
 *   -EBUSY   pool is initialised already (not deinit'ed): nothing is changed
 *   -ENOMEM  no memory for the thread table or a worker's stack, or the
 *            workers' stacks cannot fit the address space (checked first)
 *   -EAGAIN  the kernel refused another thread (e.g. RLIMIT_NPROC); from 256
 *            workers up, the kernel's thread, pid and mapping limits are
 *            checked first (/proc/sys), so that this comes at once
 *   -EPERM   the runtime is not initialised
 */
int tb_pool_init(struct tb_pool *pool, __UINT32_TYPE__ n_workers);

/*
 * Queues job (job->fn must be set; the job must stay valid until fn starts).
 * Returns 0, or -EINVAL (job or job->fn is NULL; nothing is queued).
 */
int tb_pool_submit(struct tb_pool *pool, struct tb_pool_job *job);

/* Queues fn(arg). Returns 0, or -EINVAL (fn is NULL), -ENOMEM (the runtime allocator has no memory). */
int tb_pool_submit_fn(struct tb_pool *pool, void (*fn)(void *arg), void *arg);

/*
 * Returns once every job submitted so far has finished, jobs they submitted
 * included. The caller runs queued jobs itself while it waits. Cannot fail.
 */
void tb_pool_wait(struct tb_pool *pool);

/*
 * Runs every queued job, stops and joins the workers, releases the thread
 * table and zeroes the pool (which may then be initialised again). No job
 * may be submitted concurrently with it. Cannot fail. Undefined: a pool
 * used after tb_pool_deinit without a new tb_pool_init behaves as a zeroed
 * pool (jobs run in tb_pool_wait's caller); a NULL pool crashes.
 */
void tb_pool_deinit(struct tb_pool *pool);

#endif
