/*
 * Thread names, signals, yield and affinity (sleep is in base/time.c, the
 * CPU count in base/cpu.c).
 *
 * Invariant: a syscall that targets another thread by tid (tgkill, its
 * /proc directory) runs only under tb__tid_hold, which fails once the thread
 * has finished; so it never reaches a thread that reused the tid.
 */
#include <linux/fcntl.h>
#include <linux/prctl.h>
#include <linux/time_types.h>
#include <threadbare/io.h>
#include <threadbare/thread.h>
#include "../internal.h"
#include "../sys.h"
#include "handle.h"

/*
 * Names. t->name is the name given through threadbare (the spawn config or
 * tb_thread_set_name), under t->name_lock; it is what tb_thread_get_name
 * returns, so the spawner sees a new thread's name at once and naming works
 * without /proc. The kernel's copy (ps, /proc/<pid>/task/<tid>/comm) is set
 * by prctl for the caller, through /proc for another thread, and by a new
 * thread itself before its fn runs.
 */
static void name_lock(struct tb__thread *t)
{
	while (__atomic_exchange_n(&t->name_lock, 1, __ATOMIC_ACQUIRE))
		tb__syscall0(__NR_sched_yield);
}

static void name_unlock(struct tb__thread *t)
{
	__atomic_store_n(&t->name_lock, 0, __ATOMIC_RELEASE);
}

static bool finished(const struct tb__thread *t)
{
	return __atomic_load_n(&t->state, __ATOMIC_ACQUIRE) == TB__COMPLETED;
}

/*
 * /proc/self/task/<tid>/comm of another thread, opened while its tid is held:
 * the descriptor stays bound to that thread (it fails with -ESRCH once the
 * thread is gone), never to a later thread that reuses the tid.
 */
static int open_comm(struct tb__thread *t, int flags)
{
	char path[48];
	int fd;

	if (!tb__tid_hold(t))
		return -ESRCH;
	tb_snprintf(path, sizeof(path), "/proc/self/task/%u/comm", (unsigned)t->tid);
	fd = (int)tb__syscall4(__NR_openat, AT_FDCWD, path, flags | O_CLOEXEC, 0);
	tb__tid_release(t);
	return fd;
}

static void copy_name(char *dst, const char *src, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		dst[i] = src[i];
	for (; i <= TB_THREAD_NAME_MAX; i++)
		dst[i] = 0;
}

/* Whether /proc is mounted: its self link resolves. */
static bool have_proc(void)
{
	char buf[16];

	return tb__syscall4(__NR_readlinkat, AT_FDCWD, "/proc/self", buf, sizeof(buf)) > 0;
}

int tb_thread_set_name(struct tb_thread *h, const char *name)
{
	struct tb__thread *t = h ? tb__thread_of(h) : tb__self();
	size_t n = 0;
	long r = 0;
	int fd;

	if (!name)
		return -EINVAL;
	if (!t)
		return -ESRCH; /* a stale handle */
	while (name[n] && n <= TB_THREAD_NAME_MAX)
		n++;
	if (n > TB_THREAD_NAME_MAX)
		return -ERANGE;
	name_lock(t);
	if (t == tb__self()) {
		r = tb__syscall2(__NR_prctl, PR_SET_NAME, name);
	} else if (finished(t)) {
		r = -ESRCH;
	} else if (!(t->flags & TB__F_NAME_PENDING)) {
		/* (a pending thread sets the kernel's copy from t->name itself) */
		fd = open_comm(t, O_WRONLY);
		if (fd >= 0) {
			r = tb__sys_write(fd, name, n);
			tb__syscall1(__NR_close, fd);
			r = r < 0 ? r : 0;
		} else if (fd == -ENOENT && !have_proc()) {
			r = 0; /* no /proc: recorded here; the kernel's copy stays */
		} else {
			r = fd;
		}
	}
	if (!r)
		copy_name(t->name, name, n);
	name_unlock(t);
	return (int)r;
}

int tb_thread_get_name(struct tb_thread *h, char buf[TB_THREAD_NAME_MAX + 1])
{
	struct tb__thread *t = h ? tb__thread_of(h) : tb__self();
	long n;
	int fd;

	if (!buf)
		return -EINVAL;
	if (!t)
		return -ESRCH; /* a stale handle */
	if (t != tb__self() && finished(t))
		return -ESRCH;
	name_lock(t);
	for (n = 0; n <= TB_THREAD_NAME_MAX && t->name[n]; n++)
		buf[n] = t->name[n];
	name_unlock(t);
	if (n) {
		buf[n] = 0;
		return (int)n;
	}
	/* never named through threadbare: the kernel's name */
	buf[TB_THREAD_NAME_MAX] = 0;
	if (t == tb__self()) {
		n = tb__syscall2(__NR_prctl, PR_GET_NAME, buf);
		if (n < 0)
			return (int)n;
		for (n = 0; buf[n]; n++)
			;
		return (int)n;
	}
	fd = open_comm(t, O_RDONLY);
	if (fd < 0)
		return fd;
	n = tb__syscall3(__NR_read, fd, buf, TB_THREAD_NAME_MAX + 1);
	tb__syscall1(__NR_close, fd);
	if (n < 0)
		return (int)n;
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	buf[n] = 0;
	return (int)n;
}

int tb_thread_kill(struct tb_thread *h, int sig)
{
	struct tb__thread *t = h ? tb__thread_of(h) : NULL;
	long r;

	if (!h)
		return -EINVAL;
	if (!t || !tb__tid_hold(t))
		return -ESRCH;
	r = tb__syscall3(__NR_tgkill, tb__syscall0(__NR_getpid), t->tid, sig);
	tb__tid_release(t);
	return (int)r;
}

/*
 * The request is set while t's tid is held (t has not finished), then the
 * signal goes to that tid (base/interrupt.c has the argument). A request
 * left on a thread that finishes dies with it: a reused mapping's control
 * block starts cleared. -EAGAIN from tgkill (the queue of real-time signals
 * is full: t blocks the signal, or has copies on the way) still leaves the
 * request pending, which is all the call promises.
 */
int tb_thread_interrupt(struct tb_thread *h)
{
	struct tb__thread *t = h ? tb__thread_of(h) : NULL;
	int sig;
	long r;

	if (!h)
		return -EINVAL;
	if (!t)
		return -ESRCH;
	sig = tb__interrupt_install();
	if (sig < 0)
		return sig;
	if (!tb__tid_hold(t))
		return -ESRCH;
	__atomic_store_n(&t->interrupt, 1, __ATOMIC_SEQ_CST);
	tb__chaos(); /* a chaos build: between the request and the signal */
	r = tb__syscall3(__NR_tgkill, tb__syscall0(__NR_getpid), t->tid, sig);
	tb__tid_release(t);
	return r == -EAGAIN ? 0 : (int)r;
}

void tb_thread_yield(void)
{
	tb__syscall0(__NR_sched_yield);
}

/*
 * The size of the kernel's CPU mask (nr_cpu_ids bits rounded up to a long):
 * sched_getaffinity refuses a smaller buffer with -EINVAL and reports this
 * size for a bigger one.
 */
static long mask_bytes(void)
{
	static long cached;
	unsigned long small[128 / sizeof(unsigned long)];
	long n = __atomic_load_n(&cached, __ATOMIC_RELAXED);

	if (n > 0)
		return n;
	n = tb__syscall3(__NR_sched_getaffinity, 0, sizeof(small), small);
	for (size_t bytes = 1024; n == -EINVAL && bytes <= (1 << 20); bytes *= 8) {
		long m = tb__sys_mmap(0, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);

		if (tb__is_err(m))
			return m;
		n = tb__syscall3(__NR_sched_getaffinity, 0, bytes, m);
		tb__sys_munmap((void *)m, bytes);
	}
	if (n > 0)
		__atomic_store_n(&cached, n, __ATOMIC_RELAXED);
	return n;
}

/* sched_{get,set}affinity on t (NULL: the caller), under its tid hold */
static long affinity(int nr, struct tb_thread *h, void *mask, size_t bytes)
{
	struct tb__thread *t = h ? tb__thread_of(h) : tb__self();
	long r;

	if (!t)
		return -ESRCH; /* a stale handle */
	if (t == tb__self())
		return tb__syscall3(nr, 0, bytes, mask);
	if (!tb__tid_hold(t))
		return -ESRCH;
	r = tb__syscall3(nr, t->tid, bytes, mask);
	tb__tid_release(t);
	return r;
}

int tb_thread_get_affinity(struct tb_thread *t, void *mask, size_t bytes)
{
	long n;

	if (t && !tb__thread_of(t))
		return -ESRCH; /* a stale handle */
	if (!mask)
		return bytes ? -EINVAL : (int)mask_bytes();
	n = affinity(__NR_sched_getaffinity, t, mask, bytes);
	if (n < 0)
		return (int)n;
	for (size_t i = (size_t)n; i < bytes; i++)
		((unsigned char *)mask)[i] = 0;
	return (int)n;
}

int tb_thread_set_affinity(struct tb_thread *t, const void *mask, size_t bytes)
{
	if (!mask || !bytes)
		return -EINVAL;
	return (int)affinity(__NR_sched_setaffinity, t, (void *)mask, bytes);
}
