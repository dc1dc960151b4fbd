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
 * Misuse: an initialised pool carries live == its own address ^ LIVE, so a
 * second init returns -EBUSY without touching it, while an uninitialised
 * (garbage) pool is told apart but for a 2^-32 chance (or 2^-64). A big
 * n_workers is checked against the kernel's thread, pid and mapping limits
 * first, so an init that cannot succeed fails at once instead of after
 * spawning and joining tens of thousands of workers.
 *
 * Deviations from Zig's Pool: FIFO instead of LIFO (#21856); jobs are
 * intrusive, so submit cannot fail; tb_pool_wait helps run jobs (Zig's
 * waitAndWork); and an init that fails after starting some workers joins
 * them and frees the thread table exactly once (Zig #18643 freed it twice).
 */
#include <linux/fcntl.h>
#include <threadbare/pool.h>
#include <threadbare/thread.h>
#include "internal.h"
#include "sys.h"

#define LIVE ((uintptr_t)0x9e3779b97f4a7c15ull)
#define CHECK_LIMITS_FROM 256 /* workers; below, the first failed spawn comes fast */

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
			tb__cond_wait_uninterruptible(&p->work, &p->lock);
	}
	tb_mutex_unlock(&p->lock);
	return 0;
}

static void stop_and_join(struct tb_pool *p)
{
	bool interrupted = false;

	tb_mutex_lock(&p->lock);
	p->stopping = true;
	tb_mutex_unlock(&p->lock);
	tb_cond_broadcast(&p->work);
	for (uint32_t i = 0; i < p->n_threads; i++)
		while (tb_thread_join(p->threads[i]) == -ECANCELED)
			interrupted = true; /* every worker is joined all the same */
	if (interrupted)
		tb__interrupt_keep(); /* for the caller's next interruptible call */
	if (p->threads)
		tb__sys_munmap(p->threads, p->threads_bytes);
	*p = (struct tb_pool)TB_POOL_INIT;
}

/* The decimal number in a /proc/sys file, or -1 (no /proc, unreadable). */
static long proc_number(const char *path)
{
	char buf[24];
	long n = -1, len;
	int fd = (int)tb__syscall4(__NR_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	len = tb__syscall3(__NR_read, fd, buf, sizeof(buf));
	tb__syscall1(__NR_close, fd);
	for (long i = 0; i < len && buf[i] >= '0' && buf[i] <= '9'; i++)
		n = (n < 0 ? 0 : n * 10) + (buf[i] - '0');
	return n;
}

/*
 * Whether n more threads can exist: -EAGAIN when n exceeds the kernel's
 * limits (threads-max and pid_max count threads, and each worker's mapping
 * is two areas against vm.max_map_count), -ENOMEM when their default stacks
 * cannot fit the address space, else 0. Without /proc only the latter.
 */
static int check_limits(uint32_t n)
{
	static const char *const per_thread[] = { "/proc/sys/kernel/threads-max",
						  "/proc/sys/kernel/pid_max" };
	long maps = proc_number("/proc/sys/vm/max_map_count");

	if ((uint64_t)n * (TB_THREAD_STACK_DEFAULT + tb__rt.page_size) > SIZE_MAX)
		return -ENOMEM;
	for (unsigned i = 0; i < 2; i++) {
		long lim = proc_number(per_thread[i]);

		if (lim >= 0 && n >= (uint64_t)lim)
			return -EAGAIN;
	}
	if (maps >= 0 && n >= (uint64_t)maps / 2)
		return -EAGAIN;
	return 0;
}

TB__NO_SSP int tb_pool_init(struct tb_pool *p, uint32_t n_workers)
{
	struct tb_thread_config cfg = { .name = "tb-pool" };
	size_t page = tb__rt.page_size, bytes;
	long r;

	if (!p)
		return -EINVAL;
	if (p->live == ((uintptr_t)p ^ LIVE))
		return -EBUSY;
	*p = (struct tb_pool)TB_POOL_INIT;
	if (!page)
		return -EPERM;
	if (n_workers == 0) {
		long n = tb_cpu_count();

		n_workers = n > 0 && n < (long)UINT32_MAX ? (uint32_t)n : 1;
	}
	if (n_workers > (SIZE_MAX - page) / sizeof(*p->threads))
		return -ENOMEM;
	if (n_workers >= CHECK_LIMITS_FROM && (r = check_limits(n_workers)) != 0)
		return (int)r;
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
	p->live = (uintptr_t)p ^ LIVE;
	return 0;
}

int tb_pool_submit(struct tb_pool *p, struct tb_pool_job *j)
{
	if (!j || !j->fn)
		return -EINVAL;
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
	return 0;
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
	struct fn_job *c;

	if (!fn)
		return -EINVAL;
	c = tb__node_alloc();
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
			tb__cond_wait_uninterruptible(&p->idle, &p->lock);
	}
	tb_mutex_unlock(&p->lock);
}

void tb_pool_deinit(struct tb_pool *p)
{
	tb_pool_wait(p);
	stop_and_join(p);
}
