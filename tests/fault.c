/*
 * Faults survived (a -Dfault=true build; core/base/fault.c, tests/fault.h).
 *
 * For each public call that makes system calls, a scenario runs it once
 * with a trace on, which records the system calls it makes; then, for each
 * recorded call that can fail and each errno the kernel documents for it
 * (errs_for below), runs it again with that call failed, and checks:
 *   - the call returned a negative errno (the injected one, or one its
 *     header lists), or a documented fallback succeeded: the scenario
 *     verifies a success (a thread ran, a name is set, a wait waited), and
 *     a wrong one is a "lie" (the op returns 1);
 *   - nothing leaked: /proc/self/maps (after tb_thread_cache_trim) is the
 *     same text as before, and the Threads: count and the open
 *     descriptors are back where they were;
 *   - the same scenario, not failed, then succeeds;
 *   - nothing hung: an alarm per run (SIGALRM kills the test).
 * The "nth call of number nr" that a run fails is counted in the run
 * itself, so a call that a concurrent thread makes in another order is
 * still one that can fail; a run where the nth call never came is counted
 * as not reached. Scenarios marked cold run in a forked child, before the
 * parent has warmed any cache (the allocator's first chunk, the pool's
 * first closure), and report_overflows, which turns on once for good, runs
 * only in children. Start-up: the test re-executes itself (natively) with
 * TB_FAULT_ARM set, failing each call start-up makes; the process must
 * start, or end with one line on stderr. No /proc: openat and readlinkat
 * fail with ENOENT while names, stacks and the overflow report are used.
 *
 * Built twice: t_fault, and t_fault_big_tls with a 128 KiB .tbss (the main
 * thread's TLS is mapped at start-up, a reused stack gets fresh TLS pages).
 */
#include "harness.h"
#include "fault.h"
#include <linux/fcntl.h>
#include <asm/signal.h>
#include <linux/futex.h>
#include <linux/mman.h>

#ifdef T_BIG_TLS
#define BIG ((size_t)128 << 10)
static __thread unsigned char big[BIG];
#endif

#define MS 1000000LL
#define LOG_CAP 4096

/* ---- what a run leaves behind ---- */

struct snap {
	char maps[32768];
	long maps_len;
	int threads, fds, keys;
};

static long read_file(const char *path, char *buf, long size)
{
	long fd = tb_syscall(__NR_openat, AT_FDCWD, (long)path, O_RDONLY | O_CLOEXEC, 0, 0, 0), n, len = 0;

	if (fd < 0)
		return fd;
	while (len < size && (n = tb_syscall(__NR_read, fd, (long)(buf + len), size - len, 0, 0, 0)) > 0)
		len += n;
	tb_syscall(__NR_close, fd, 0, 0, 0, 0, 0);
	return len;
}

static int count_fds(void)
{
	char buf[2048];
	long fd = tb_syscall(__NR_openat, AT_FDCWD, (long)"/proc/self/fd",
			     O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0, 0, 0), n;
	int count = 0;

	if (fd < 0)
		return (int)fd;
	while ((n = tb_syscall(__NR_getdents64, fd, (long)buf, sizeof(buf), 0, 0, 0)) > 0) {
		for (long off = 0; off < n;) {
			unsigned short reclen = *(unsigned short *)(buf + off + 16);
			const char *name = buf + off + 19;

			if (name[0] != '.')
				count++;
			off += reclen;
		}
	}
	tb_syscall(__NR_close, fd, 0, 0, 0, 0, 0);
	return count - 1; /* the directory's own descriptor */
}

/* how many keys tb_tss_create can still hand out (none is left created) */
static int free_keys(void)
{
	static struct tb_tss k[TB_TSS_MAX];
	int n = 0;

	while (n < TB_TSS_MAX && tb_tss_create(&k[n], 0) == 0)
		n++;
	for (int i = 0; i < n; i++)
		tb_tss_delete(k[i]);
	return n;
}

static void take(struct snap *s, int want_threads)
{
	/* a detached thread caches its own mapping as it ends: settle (up to
	 * 10 s on a loaded machine), then trim */
	for (int i = 0; i < 5 && (s->threads = t_threads_settle(want_threads)) != want_threads; i++)
		;
	tb_thread_cache_trim();
	s->maps_len = read_file("/proc/self/maps", s->maps, sizeof(s->maps));
	s->fds = count_fds();
	s->keys = free_keys();
}

static bool same_maps(const struct snap *a, const struct snap *b)
{
	if (a->maps_len != b->maps_len)
		return false;
	for (long i = 0; i < a->maps_len; i++)
		if (a->maps[i] != b->maps[i])
			return false;
	return true;
}

/* ---- the watchdog ---- */

static void watchdog(unsigned seconds)
{
#ifdef __NR_alarm
	tb_syscall(__NR_alarm, seconds, 0, 0, 0, 0, 0);
#else
	(void)seconds; /* meson's timeout still ends a hung run */
#endif
}

/* ---- which errnos each system call documents, as the runtime calls it ---- */

/* the runtime's clock read: fatal when CLOCK_MONOTONIC fails (tb__now_ns) */
static bool is_clock_gettime(long nr)
{
#ifdef __NR_clock_gettime
	if (nr == __NR_clock_gettime)
		return true;
#endif
#ifdef __NR_clock_gettime64
	if (nr == __NR_clock_gettime64)
		return true;
#endif
	return false;
}

static bool is_nanosleep(long nr)
{
#ifdef __NR_clock_nanosleep
	if (nr == __NR_clock_nanosleep)
		return true;
#endif
#ifdef __NR_clock_nanosleep_time64
	if (nr == __NR_clock_nanosleep_time64)
		return true;
#endif
	return false;
}

static int errs_for(const struct tb_fault_call *c, int *e)
{
	int n = 0;

	switch (c->nr) {
#ifdef __NR_mmap2
	case __NR_mmap2:
#endif
#ifdef __NR_mmap
	case __NR_mmap:
#endif
		e[n++] = ENOMEM, e[n++] = EAGAIN;
		break;
	case __NR_mprotect:
		e[n++] = ENOMEM, e[n++] = EACCES;
		break;
	case __NR_clone:
		e[n++] = EAGAIN, e[n++] = ENOMEM;
		break;
#ifdef __NR_futex
	case __NR_futex:
#endif
#ifdef __NR_futex_time64
	case __NR_futex_time64:
#endif
		e[n++] = EINTR, e[n++] = EAGAIN;
		if (c->d)
			e[n++] = ETIMEDOUT; /* only a wait with a timeout can time out */
		break;
	case __NR_prctl:
		e[n++] = EINVAL, e[n++] = EFAULT;
		break;
	case __NR_sigaltstack:
		e[n++] = ENOMEM, e[n++] = EPERM, e[n++] = EINVAL;
		break;
	case __NR_openat:
		e[n++] = ENOENT, e[n++] = EACCES, e[n++] = EMFILE, e[n++] = ENOMEM;
		break;
	case __NR_read:
		e[n++] = EINTR, e[n++] = EIO;
		break;
	case __NR_write:
		e[n++] = EINTR, e[n++] = EIO, e[n++] = EINVAL;
		break;
	case __NR_readlinkat:
		e[n++] = ENOENT, e[n++] = EACCES;
		break;
	case __NR_sched_getaffinity:
		e[n++] = EINVAL, e[n++] = EFAULT, e[n++] = ESRCH;
		break;
	case __NR_sched_setaffinity:
		e[n++] = EINVAL, e[n++] = EPERM, e[n++] = ESRCH;
		break;
	case __NR_tgkill:
		e[n++] = EINVAL, e[n++] = EPERM, e[n++] = ESRCH, e[n++] = EAGAIN;
		break;
	case __NR_rt_sigaction:
		e[n++] = EINVAL, e[n++] = EFAULT;
		break;
	case __NR_prlimit64:
		e[n++] = EPERM, e[n++] = EFAULT, e[n++] = EINVAL;
		break;
	case __NR_rseq: /* no rseq, seccomp, another area or already registered */
		e[n++] = ENOSYS, e[n++] = EPERM, e[n++] = EINVAL, e[n++] = EBUSY;
		break;
	default: /* clock_gettime, clock_nanosleep and the rest */
		e[n++] = EINVAL, e[n++] = EFAULT;
		if (is_nanosleep(c->nr))
			e[n++] = EINTR;
		break;
	}
	return n;
}

static const char *nr_name(long nr)
{
	switch (nr) {
#ifdef __NR_mmap2
	case __NR_mmap2: return "mmap2";
#endif
#ifdef __NR_mmap
	case __NR_mmap: return "mmap";
#endif
	case __NR_munmap: return "munmap";
	case __NR_mprotect: return "mprotect";
	case __NR_clone: return "clone";
	case __NR_execve: return "execve";
	case __NR_waitid: return "waitid";
	case __NR_kill: return "kill";
#ifdef __NR_futex
	case __NR_futex: return "futex";
#endif
#ifdef __NR_futex_time64
	case __NR_futex_time64: return "futex_time64";
#endif
	case __NR_prctl: return "prctl";
	case __NR_sigaltstack: return "sigaltstack";
	case __NR_openat: return "openat";
	case __NR_read: return "read";
	case __NR_write: return "write";
	case __NR_close: return "close";
	case __NR_readlinkat: return "readlinkat";
	case __NR_sched_getaffinity: return "sched_getaffinity";
	case __NR_sched_setaffinity: return "sched_setaffinity";
	case __NR_sched_yield: return "sched_yield";
	case __NR_tgkill: return "tgkill";
	case __NR_getpid: return "getpid";
	case __NR_gettid: return "gettid";
	case __NR_rt_sigaction: return "rt_sigaction";
	case __NR_rt_sigprocmask: return "rt_sigprocmask";
	case __NR_prlimit64: return "prlimit64";
	case __NR_set_tid_address: return "set_tid_address";
	case __NR_rseq: return "rseq";
#ifdef __NR_clock_gettime
	case __NR_clock_gettime: return "clock_gettime";
#endif
#ifdef __NR_clock_gettime64
	case __NR_clock_gettime64: return "clock_gettime64";
#endif
#ifdef __NR_clock_nanosleep
	case __NR_clock_nanosleep: return "clock_nanosleep";
#endif
#ifdef __NR_clock_nanosleep_time64
	case __NR_clock_nanosleep_time64: return "clock_nanosleep_time64";
#endif
#ifdef __NR_arch_prctl
	case __NR_arch_prctl: return "arch_prctl";
#endif
#ifdef __NR_set_thread_area
	case __NR_set_thread_area: return "set_thread_area";
#endif
	}
	return "?";
}

/* ---- scenarios: a public call and what proves it did what it said ---- */

struct scen {
	const char *name;
	long (*op)(void);		/* 0: done and verified; <0: the call's -errno; 1: a lie */
	void (*setup)(void);		/* before each run, not failed */
	void (*teardown)(void);		/* after each run, not failed */
	bool cold;			/* in a forked child, each run */
};

/* the test's own clock, through tb_syscall: never failed, never counted */
static int64_t now(void)
{
	struct {
		int64_t sec;
		long long nsec;
	} ts = { 0, 0 };

#ifdef __NR_clock_gettime64
	tb_syscall(__NR_clock_gettime64, TB_CLOCK_MONOTONIC, (long)&ts, 0, 0, 0, 0);
	return ts.sec * 1000000000 + ts.nsec;
#else
	long t[2] = { 0, 0 }; /* the ABI's own timespec: 64-bit longs */

	tb_syscall(__NR_clock_gettime, TB_CLOCK_MONOTONIC, (long)t, 0, 0, 0, 0);
	(void)ts;
	return (int64_t)t[0] * 1000000000 + t[1];
#endif
}

static int ret7(void *arg)
{
	(void)arg;
#ifdef T_BIG_TLS
	/* a fresh or reused mapping's TLS starts zeroed */
	if (big[0] || big[BIG - 1])
		return 9;
	big[0] = big[BIG - 1] = 1;
#endif
	return 7;
}

static long spawn_join(const struct tb_thread_config *cfg, int (*fn)(void *), void *arg)
{
	struct tb_thread *t = 0;
	int r = tb_thread_spawn(&t, cfg, fn, arg);

	if (r)
		return r;
	r = tb_thread_join(t);
	return r == 7 ? 0 : r < 0 ? r : 1;
}

static long op_spawn_default(void)
{
	return spawn_join(0, ret7, 0);
}

static int named(void *arg)
{
	char buf[16];

	(void)arg;
	if (tb_thread_get_name(0, buf) != 11 || !t_streq(buf, "fault-named"))
		return 8;
	return ret7(0);
}

/* (after fill_cache) the default spawn reuses a cached mapping */
static long op_spawn_cached(void)
{
	return spawn_join(0, ret7, 0);
}

static long op_spawn_named(void)
{
	struct tb_thread_config cfg = { .name = "fault-named" };

	return spawn_join(&cfg, named, 0);
}

static long op_spawn_stack_guard(void)
{
	struct tb_thread_config cfg = { .stack_size = (64 << 10) + 1, .guard_size = 3 * tb_page_size() };

	return spawn_join(&cfg, ret7, 0);
}

static void fill_cache(void)
{
	T_EXPECT_EQ(spawn_join(0, ret7, 0), 0);
}

static struct tb_tss key;
static uint32_t dtor_runs;

static void dtor(void *v)
{
	(void)v;
	__atomic_add_fetch(&dtor_runs, 1, __ATOMIC_SEQ_CST);
}

static void key_up(void)
{
	T_EXPECT_EQ(tb_tss_create(&key, dtor), 0);
	dtor_runs = 0;
}

static void key_down(void)
{
	T_EXPECT_EQ(tb_tss_delete(key), 0);
}

static int set_key(void *arg)
{
	int r = tb_tss_set(key, arg);

	return r ? r : ret7(0);
}

static long op_spawn_keys(void)
{
	long r = spawn_join(0, set_key, &key);

	if (r)
		return r;
	return dtor_runs == 1 ? 0 : 1;
}

static uint32_t callbacks;

static void on_exit_cb(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&callbacks, 1, __ATOMIC_SEQ_CST);
}

static int at_exit_thread(void *arg)
{
	int r = tb_thread_at_exit(on_exit_cb, arg);

	return r ? r : 7;
}

static long op_at_exit(void)
{
	long r;

	callbacks = 0;
	r = spawn_join(0, at_exit_thread, 0);
	if (r < 0)
		return r;
	return r == 0 && callbacks == 1 ? 0 : 1;
}

/* a thread that waits until told */
static struct tb_event go, ready;
static struct tb_thread *target;
static uint32_t target_tid;

static int wait_go(void *arg)
{
	(void)arg;
	target_tid = tb_thread_id();
	tb_event_set(&ready);
	tb_event_wait(&go);
	return 7;
}

static void target_up(void)
{
	tb_event_reset(&go);
	tb_event_reset(&ready);
	T_EXPECT_EQ(tb_thread_spawn(&target, 0, wait_go, 0), 0);
	tb_event_wait(&ready);
}

static void target_down(void)
{
	tb_event_set(&go);
	if (target) /* (NULL: a wrong timed join took it) */
		T_EXPECT_EQ(tb_thread_join(target), 7);
}

/* a timed wait that must time out, not early unless the kernel said so */
static int injected;

static long timed_out(long r, int64_t t0, int64_t timeout)
{
	if (r == -ETIMEDOUT)
		return now() - t0 >= timeout || injected == ETIMEDOUT ? 0 : 1;
	return r == 0 ? 1 : r;
}

static long op_timedjoin_timeout(void)
{
	int64_t t0 = now();
	int res = 0, r = tb_thread_timedjoin(target, 2 * MS, &res);

	if (r == 0)
		target = 0; /* joined: a lie, reported; teardown must not join it again */
	return timed_out(r, t0, 2 * MS);
}

static long op_timedjoin(void)
{
	struct tb_thread *t = 0;
	int res = 0, r = tb_thread_spawn(&t, 0, ret7, 0);

	if (r)
		return r;
	r = tb_thread_timedjoin(t, 5000 * MS, &res);
	if (r)
		return r == -ETIMEDOUT ? 1 : r;
	return res == 7 ? 0 : 1;
}

static long op_join_waits(void)
{
	tb_event_set(&go);
	return tb_thread_join(target) == 7 ? 0 : 1;
}

static long op_detach(void)
{
	struct tb_thread *t = 0;
	int r = tb_thread_spawn(&t, 0, ret7, 0);

	if (r)
		return r;
	tb_thread_detach(t);
	return 0;
}

static uint32_t jobs_run;

static void job_fn(struct tb_pool_job *j)
{
	(void)j;
	__atomic_add_fetch(&jobs_run, 1, __ATOMIC_SEQ_CST);
}

static void closure_fn(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&jobs_run, 1, __ATOMIC_SEQ_CST);
}

static long op_pool(void)
{
	static struct tb_pool pool;
	struct tb_pool_job jobs[6];
	uint32_t want = 6;
	int r = tb_pool_init(&pool, 3);

	if (r)
		return r;
	jobs_run = 0;
	for (int i = 0; i < 6; i++) {
		jobs[i].fn = job_fn;
		tb_pool_submit(&pool, &jobs[i]);
	}
	for (int i = 0; i < 2; i++) {
		r = tb_pool_submit_fn(&pool, closure_fn, 0);
		if (r && r != -ENOMEM) {
			tb_pool_deinit(&pool);
			return 1;
		}
		if (r)
			break;
		want++;
	}
	tb_pool_wait(&pool);
	r = jobs_run == want ? 0 : 1;
	tb_pool_deinit(&pool);
	if (!r && want != 8)
		return -ENOMEM; /* tb_pool_submit_fn said so, and nothing ran for it */
	return r;
}

static struct tb_mutex mutex;
static struct tb_cond cond;

static void lock_up(void)
{
	tb_mutex_lock(&mutex);
}

static void lock_down(void)
{
	tb_mutex_unlock(&mutex);
}

static long op_mutex_timed(void)
{
	int64_t t0 = now();

	return timed_out(tb_mutex_timedlock(&mutex, 2 * MS), t0, 2 * MS);
}

static long op_cond_timed(void)
{
	int64_t t0 = now();
	long r;

	tb_mutex_lock(&mutex);
	r = tb_cond_timedwait(&cond, &mutex, 2 * MS);
	tb_mutex_unlock(&mutex);
	return timed_out(r, t0, 2 * MS);
}

static long op_sem_timed(void)
{
	struct tb_sem sem = TB_SEM_INIT(0);
	int64_t t0 = now();

	return timed_out(tb_sem_timedwait(&sem, 2 * MS), t0, 2 * MS);
}

static long op_event_timed(void)
{
	struct tb_event ev = { 0 };
	int64_t t0 = now();

	return timed_out(tb_event_timedwait(&ev, 2 * MS), t0, 2 * MS);
}

/* a contended lock: the holder lets go while the caller sleeps in the kernel */
static int hold_then_release(void *arg)
{
	(void)arg;
	tb_mutex_lock(&mutex);
	tb_event_set(&go);
	tb_sleep_ns(2 * MS);
	tb_mutex_unlock(&mutex);
	return 7;
}

static long op_mutex_contended(void)
{
	struct tb_thread *t = 0;
	int r;

	tb_event_reset(&go);
	r = tb_thread_spawn(&t, 0, hold_then_release, 0);
	if (r)
		return r;
	tb_event_wait(&go);
	r = tb_mutex_timedlock(&mutex, 5000 * MS);
	if (!r)
		tb_mutex_unlock(&mutex);
	if (tb_thread_join(t) != 7)
		return 1;
	return r == -ETIMEDOUT ? (injected == ETIMEDOUT ? r : 1) : r;
}

static long op_sleep(void)
{
	int64_t t0 = now();
	int r = tb_sleep_ns(1 * MS);

	if (r)
		return r;
	return now() - t0 >= 1 * MS ? 0 : 1;
}

static long op_clock(void)
{
	int64_t t = tb_clock_ns(TB_CLOCK_MONOTONIC);

	return t > 0 ? 0 : t < 0 ? t : 1;
}

/* the public futex: a timeout, or (a signal, a changed word) a wake-up */
static long op_futex_wait(void)
{
	static uint32_t word;
	int64_t t0 = now();
	int r = tb_futex_wait(&word, 0, 2 * MS);

	if (r == 0 && (injected == EINTR || injected == EAGAIN))
		return 0; /* documented: a wake-up the caller re-checks */
	return timed_out(r, t0, 2 * MS);
}

/* a relative sleep on a named clock (thrd_sleep's): -EINTR says how long was left */
static long op_clock_sleep(void)
{
	uint64_t left = ~0ULL;
	int64_t t0 = now();
	int r = tb_clock_sleep_ns(TB_CLOCK_MONOTONIC, 1 * MS, &left);

	if (r == -EINTR)
		return left <= 1 * MS ? r : 1;
	if (r)
		return r;
	return now() - t0 >= 1 * MS ? 0 : 1;
}

static int null_fd = -1;

static void null_up(void)
{
	null_fd = (int)tb_syscall(__NR_openat, AT_FDCWD, (long)"/dev/null", O_WRONLY | O_CLOEXEC, 0, 0, 0);
	T_EXPECT(null_fd >= 0);
}

static void null_down(void)
{
	tb_syscall(__NR_close, null_fd, 0, 0, 0, 0, 0);
}

/* output: a write interrupted by a signal is written again, not cut short */
static long op_dprintf(void)
{
	int r = tb_dprintf(null_fd, "fault %d\n", 21);

	return r == 9 ? 0 : r < 0 ? r : 1;
}

static unsigned name_seq;

static void next_name(char *buf)
{
	tb_snprintf(buf, 16, "fault-%u", ++name_seq % 100000);
}

static bool kernel_name_is(uint32_t tid, const char *want)
{
	char path[48], buf[32];
	long n;

	tb_snprintf(path, sizeof(path), "/proc/self/task/%u/comm", (unsigned)tid);
	n = read_file(path, buf, sizeof(buf) - 1);
	if (n <= 0)
		return false;
	buf[n - (buf[n - 1] == '\n')] = 0;
	return t_streq(buf, want);
}

/* set, then get: the name is the new one exactly when the set succeeded */
static long set_and_check(struct tb_thread *t, uint32_t tid)
{
	char name[16], got[16];
	int r, g;

	next_name(name);
	r = tb_thread_set_name(t, name);
	g = tb_thread_get_name(t, got);
	if (g < 0)
		return r ? r : g;
	if (r)
		return t_streq(got, name) ? 1 : r;
	return t_streq(got, name) && kernel_name_is(tid, name) ? 0 : 1;
}

static long op_name_self(void)
{
	return set_and_check(0, tb_thread_id());
}

static long op_name_other(void)
{
	return set_and_check(target, target_tid);
}

/* a thread never named through threadbare: the kernel's name, read from /proc */
static long op_name_get_kernel_other(void)
{
	char got[16];
	int n = tb_thread_get_name(target, got);

	if (n < 0)
		return n;
	return n > 0 && kernel_name_is(target_tid, got) ? 0 : 1;
}

/* the main thread, never named: the kernel's name through prctl (cold: before any set) */
static long op_name_get_kernel_self(void)
{
	char got[16];
	int n = tb_thread_get_name(0, got);

	if (n < 0)
		return n;
	return n > 0 && kernel_name_is(tb_thread_id(), got) ? 0 : 1;
}

static unsigned long mask[128];

static long op_affinity_size(void)
{
	int n = tb_thread_get_affinity(0, 0, 0);

	return n > 0 ? 0 : n < 0 ? n : 1;
}

static long affinity_roundtrip(struct tb_thread *t)
{
	int n = tb_thread_get_affinity(t, mask, sizeof(mask));

	if (n < 0)
		return n;
	if (n == 0 || !mask[0])
		return 1;
	return tb_thread_set_affinity(t, mask, (size_t)n);
}

static long op_affinity_self(void)
{
	return affinity_roundtrip(0);
}

static long op_affinity_other(void)
{
	return affinity_roundtrip(target);
}

static long op_kill(void)
{
	return tb_thread_kill(target, 0);
}

static long op_stack_main(void)
{
	void *lo = 0;
	size_t size = 0;
	int r = tb_thread_stack(0, &lo, &size);

	if (r)
		return r;
	return lo && size && (uintptr_t)&r - (uintptr_t)lo < size ? 0 : 1;
}

static long op_cpu_count(void)
{
	long n = tb_cpu_count();

	return n > 0 ? 0 : n < 0 ? n : 1;
}

static long op_cache_trim(void)
{
	tb_thread_cache_trim();
	return 0;
}

static long op_tss(void)
{
	struct tb_tss k;
	int x, r = tb_tss_create(&k, 0);

	if (r)
		return r;
	r = tb_tss_set(k, &x);
	if (!r && tb_tss_get(k) != &x)
		r = 1;
	tb_tss_delete(k);
	return r;
}

/* a process started and waited for: /bin/false's status comes back; a
 * failed wait leaves no zombie behind (the raw wait4 is never failed) */
static long op_process_spawn(void)
{
	char *argv[] = { "false", 0 };
	struct tb_process p;
	struct tb_process_status st;
	long r = tb_process_spawn(&p, "/bin/false", argv, 0);

	if (r)
		return r;
	r = tb_process_wait(p.pid, 0, &st);
	if (r < 0) {
		tb_syscall(__NR_wait4, p.pid, 0, 0, 0, 0, 0);
		return r;
	}
	return r == p.pid && st.exited && st.code == 1 ? 0 : 1;
}

/* the same through the PATH search: "false" is found in /bin or /usr/bin */
static long op_process_spawnp(void)
{
	char *argv[] = { "false", 0 };
	struct tb_process p;
	struct tb_process_status st;
	long r = tb_process_spawnp(&p, "false", argv, 0);

	if (r)
		return r;
	r = tb_process_wait(p.pid, 0, &st);
	if (r < 0) {
		tb_syscall(__NR_wait4, p.pid, 0, 0, 0, 0, 0);
		return r;
	}
	return r == p.pid && st.exited && st.code == 1 ? 0 : 1;
}

/* a sleeping child killed: the status says SIGKILL; a failed kill or wait
 * leaves no child behind (raw kill and wait4, never failed) */
static long op_process_kill(void)
{
	char *argv[] = { "sleep", "60", 0 };
	struct tb_process p;
	struct tb_process_status st;
	long r = tb_process_spawn(&p, "/bin/sleep", argv, 0);

	if (r)
		return r;
	r = tb_process_kill(p.pid, SIGKILL, 0);
	if (r == 0)
		r = tb_process_wait(p.pid, 0, &st);
	if (r < 0) {
		tb_syscall(__NR_kill, p.pid, SIGKILL, 0, 0, 0, 0);
		tb_syscall(__NR_wait4, p.pid, 0, 0, 0, 0, 0);
		return r;
	}
	return r == p.pid && st.killed && st.signal == SIGKILL ? 0 : 1;
}

static long op_fork(void)
{
	int status = -1;
	long pid;

	t_threads_settle(t_threads_at_start > 0 ? t_threads_at_start : 1);
	pid = tb_fork();
	if (pid < 0)
		return pid;
	if (pid == 0)
		tb_exit(tb_thread_id() == (uint32_t)tb_syscall(__NR_gettid, 0, 0, 0, 0, 0, 0) ? 0 : 3);
	if (t_wait4(pid, &status) != pid)
		return 1;
	return status == 0 ? 0 : 1;
}

static long op_report_overflows(void)
{
	return tb_thread_report_overflows();
}

/* ---- the runner ---- */

/* the trace run's record, shared with forked children */
static struct shared {
	unsigned long count;
	struct tb_fault_call log[LOG_CAP];
} *shared;
static unsigned long runs, injections, lies_total, reached, fatal;

struct outcome {
	long r;
	unsigned long fired;
};

static struct outcome run_once(const struct scen *s, long nr, unsigned long nth, int err)
{
	struct outcome o;

	if (s->setup)
		s->setup();
	injected = err;
	watchdog(60);
	if (nr == -2) {
		tb_fault_trace(shared->log, LOG_CAP);
	} else if (nr >= 0) {
		tb_fault_arm(nr, nth, err);
	}
	o.r = s->op();
	o.fired = tb_fault_disarm();
	if (nr == -2) {
		shared->count = tb_fault_count();
		tb_fault_trace(0, 0);
	}
	watchdog(0);
	injected = 0;
	if (s->teardown)
		s->teardown();
	runs++;
	return o;
}

/* maps: whether the mappings must be back too (see inject) */
static void check_snap(const struct scen *s, const struct snap *base, const char *when, long nr,
		       unsigned long nth, int err, bool maps)
{
	static struct snap now_;

	take(&now_, base->threads);
	if ((maps && !same_maps(base, &now_)) || now_.threads != base->threads || now_.fds != base->fds ||
	    now_.keys != base->keys) {
		T_EXPECT(0);
		tb_dprintf(1, "# %s: leak %s (%s #%lu, errno %d): maps %s, threads %d -> %d, fds %d -> %d, "
			      "free keys %d -> %d\n",
			   s->name, when, nr_name(nr), nth, err, same_maps(base, &now_) ? "same" : "differ",
			   base->threads, now_.threads, base->fds, now_.fds, base->keys, now_.keys);
		if (maps && !same_maps(base, &now_)) {
			tb_write_all(1, "# before:\n", 10);
			tb_write_all(1, base->maps, (size_t)base->maps_len);
			tb_write_all(1, "# after:\n", 9);
			tb_write_all(1, now_.maps, (size_t)now_.maps_len);
		}
	}
}

/* One failure injected, checked for the four properties. */
static void inject(const struct scen *s, const struct snap *base, long nr, unsigned long nth, int err)
{
	struct outcome o = run_once(s, nr, nth, err), again;

	injections++;
	if (o.fired)
		reached++;
	if (o.r > 0 || (o.r < 0 && !o.fired) || (o.r < 0 && o.r != -err && o.r != -ENOMEM && o.r != -EAGAIN)) {
		T_EXPECT(0);
		lies_total++;
		tb_dprintf(1, "# %s: %s #%lu failed with errno %d: the call returned %ld%s\n", s->name,
			   nr_name(nr), nth, err, o.r, o.r > 0 ? " (a success that is not one)" : "");
	}
	/* a cold scenario's success keeps what it maps for good (the allocator's
	 * first chunk, the report's alternate stack): after a success only the
	 * threads and descriptors must be back */
	check_snap(s, base, "after the failure", nr, nth, err, !s->cold || o.r < 0);
	again = run_once(s, -3, 0, 0);
	if (again.r != 0) {
		T_EXPECT(0);
		tb_dprintf(1, "# %s: after %s #%lu failed with errno %d, the call then returned %ld\n",
			   s->name, nr_name(nr), nth, err, again.r);
	}
	check_snap(s, base, "after the retry", nr, nth, err, !s->cold);
}

/* out holds exactly one line, threadbare's */
static bool one_line(const char *out)
{
	int lines = 0;

	const char *first = 0;

	/* (qemu-user adds its own line about the signal) */
	for (const char *p = out; *p; p++) {
		if (p == out || p[-1] == '\n') {
			if (p[0] == 'q' && p[1] == 'e' && p[2] == 'm' && p[3] == 'u' && p[4] == ':')
				continue;
			if (!first)
				first = p;
			lines++;
		}
	}
	return lines == 1 && first[0] == 't' && first[1] == 'h' && first[2] == 'r' && first[3] == 'e';
}

/*
 * Runs s's body in a forked child; its exit status says whether every check
 * held. may_die: the failure is one the runtime declares fatal (a
 * CLOCK_MONOTONIC read, core/base/time.c's tb__now_ns): the child may also
 * end by a signal, after exactly one line on stderr.
 */
static bool in_child(const struct scen *s, long nr, unsigned long nth, int err, bool may_die)
{
	static char out[1024];
	int status = -1, fds[2] = { -1, -1 };
	long pid;

	if (may_die && tb_syscall(__NR_pipe2, (long)fds, O_CLOEXEC, 0, 0, 0, 0))
		return false;
	pid = t_fork();
	if (pid == 0) {
		static struct snap base;

		if (may_die)
			tb_syscall(__NR_dup3, fds[1], 2, 0, 0, 0, 0);
		t_failures = 0; /* the parent's, counted there */
		take(&base, t_threads_now()); /* 1, and qemu-user's own threads */
		if (nr == -2) {
			struct outcome o = run_once(s, -2, 0, 0);

			if (o.r)
				tb_dprintf(1, "# %s: the traced run returned %ld\n", s->name, o.r);
			tb_exit(o.r ? 1 : 0);
		}
		inject(s, &base, nr, nth, err);
		tb_exit(t_failures ? 1 : 0);
	}
	if (may_die) {
		tb_syscall(__NR_close, fds[1], 0, 0, 0, 0, 0);
		status = t_collect(fds[0], pid, out, sizeof(out));
		if (status == 0 || ((status & 0x7f) != 0 && one_line(out))) {
			if (status)
				fatal++;
			return true;
		}
	} else if (pid >= 0 && t_wait4(pid, &status) == pid && status == 0) {
		return true;
	}
	T_EXPECT(0);
	tb_dprintf(1, "# %s: child for %s #%lu errno %d: status %d\n", s->name, nr_name(nr), nth, err,
		   status);
	if (may_die)
		tb_dprintf(1, "# its stderr: %s\n", out);
	return false;
}

static unsigned long calls_total, scen_total;

static void run_scen(const struct scen *s)
{
	static struct snap base;
	static struct tb_fault_call log[LOG_CAP];
	unsigned long n, inj0 = injections, reached0 = reached, inproc = 0;
	char used[256];
	int ulen = 0;

	if (!s->cold) {
		struct outcome warm = run_once(s, -3, 0, 0); /* caches, first chunks, lookups */

		if (warm.r)
			tb_dprintf(1, "# %s: the warm-up run returned %ld\n", s->name, warm.r);
		T_EXPECT_EQ(warm.r, 0);
		take(&base, t_threads_at_start);
		T_EXPECT_EQ(run_once(s, -2, 0, 0).r, 0);
		check_snap(s, &base, "after the traced run", 0, 0, 0, true);
	} else if (!in_child(s, -2, 0, 0, false)) {
		return;
	}
	n = shared->count < LOG_CAP ? shared->count : LOG_CAP;
	for (unsigned long i = 0; i < n; i++)
		log[i] = shared->log[i];
	calls_total += n;
	scen_total++;
	used[0] = 0;
	for (unsigned long k = 0; k < n; k++) {
		unsigned long nth = 0;
		int errs[8], ne;
		bool seen_before = false;

		for (unsigned long j = 0; j < k; j++)
			seen_before |= log[j].nr == log[k].nr;
		if (!seen_before && ulen < 200)
			ulen += tb_snprintf(used + ulen, sizeof(used) - (size_t)ulen, "%s%s", ulen ? " " : "",
					    nr_name(log[k].nr));
		if (!log[k].failable)
			continue;
		for (unsigned long j = 0; j <= k; j++)
			nth += log[j].nr == log[k].nr && log[j].failable;
		ne = errs_for(&log[k], errs);
		for (int e = 0; e < ne; e++) {
			if (s->cold || is_clock_gettime(log[k].nr)) {
				in_child(s, log[k].nr, nth, errs[e], is_clock_gettime(log[k].nr));
				injections++;
				runs += 2;
			} else {
				inject(s, &base, log[k].nr, nth, errs[e]);
				inproc++;
			}
		}
	}
	tb_dprintf(1, "# %-24s %3lu calls [%s], %lu failures injected%s\n", s->name, n,
		   n ? used : "none", injections - inj0,
		   s->cold ? " (each in a child)" : "");
	if (inproc && reached == reached0)
		tb_dprintf(1, "#   (no injected call was reached)\n");
}

#define S(n, ...) { #n, op_##n, __VA_ARGS__ }

/* cold: each run in a child forked before the parent warmed anything */
static const struct scen cold[] = {
	S(at_exit, 0, 0, true),
	S(pool, 0, 0, true),
	S(affinity_size, 0, 0, true),
	S(name_get_kernel_self, 0, 0, true),
	S(report_overflows, 0, 0, true),
	{ 0, 0, 0, 0, false },
};

static const struct scen warm[] = {
	S(spawn_default, 0, 0, false),
	S(spawn_named, 0, 0, false),
	S(spawn_stack_guard, 0, 0, false),
	S(spawn_cached, fill_cache, 0, false),
	S(spawn_keys, key_up, key_down, false),
	S(at_exit, 0, 0, false),
	S(timedjoin_timeout, target_up, target_down, false),
	S(timedjoin, 0, 0, false),
	S(join_waits, target_up, 0, false),
	S(detach, 0, 0, false),
	S(pool, 0, 0, false),
	S(mutex_timed, lock_up, lock_down, false),
	S(mutex_contended, 0, 0, false),
	S(cond_timed, 0, 0, false),
	S(sem_timed, 0, 0, false),
	S(event_timed, 0, 0, false),
	S(sleep, 0, 0, false),
	S(clock_sleep, 0, 0, false),
	S(futex_wait, 0, 0, false),
	S(clock, 0, 0, false),
	S(dprintf, null_up, null_down, false),
	S(name_self, 0, 0, false),
	S(name_other, target_up, target_down, false),
	S(name_get_kernel_other, target_up, target_down, false),
	S(affinity_self, 0, 0, false),
	S(affinity_other, target_up, target_down, false),
	S(kill, target_up, target_down, false),
	S(stack_main, 0, 0, false),
	S(cpu_count, 0, 0, false),
	S(cache_trim, fill_cache, 0, false),
	S(tss, 0, 0, false),
	S(fork, 0, 0, false),
	S(process_spawn, 0, 0, false),
	S(process_spawnp, 0, 0, false),
	S(process_kill, 0, 0, false),
	{ 0, 0, 0, 0, false },
};

/* once the overflow report is on, a spawn also sets an alternate stack */
static const struct scen after_report[] = {
	S(spawn_default, 0, 0, false),
	S(spawn_named, 0, 0, false),
	{ 0, 0, 0, 0, false },
};

/* on a 32-bit ABI, once the _time64 calls have said ENOSYS (a kernel before 5.1) */
static const struct scen old_time[] = {
	S(spawn_default, 0, 0, false),
	S(timedjoin_timeout, target_up, target_down, false),
	S(pool, 0, 0, false),
	S(mutex_timed, lock_up, lock_down, false),
	S(mutex_contended, 0, 0, false),
	S(cond_timed, 0, 0, false),
	S(sem_timed, 0, 0, false),
	S(event_timed, 0, 0, false),
	S(sleep, 0, 0, false),
	S(clock, 0, 0, false),
	{ 0, 0, 0, 0, false },
};

static void t_cold(void)
{
	/* The handle table (core/thread/handle.c) maps its slot chunks once and
	 * never unmaps them, by design (a stale handle's lookup must always read
	 * slot memory): the main thread's tb_thread_self takes its slot and maps
	 * the first chunk here, so that a cold spawn that fails leaves the maps
	 * as they were. (Not covered so: that first chunk's mmap failing.) */
	T_ASSERT(tb_thread_self() != 0);
	for (const struct scen *s = cold; s->name; s++)
		run_scen(s);
}

static void t_warm(void)
{
	for (const struct scen *s = warm; s->name; s++)
		run_scen(s);
}

static void t_after_report(void)
{
	T_ASSERT(tb_thread_report_overflows() == 0);
	for (const struct scen *s = after_report; s->name; s++)
		run_scen(s);
}

/* ---- no /proc: every openat and readlinkat fails with ENOENT ---- */

static void no_proc(void)
{
	tb_fault_arm(__NR_openat, 0, ENOENT);
	tb_fault_arm_more(__NR_readlinkat);
}

static void t_no_proc(void)
{
	struct tb_thread *t2 = 0;
	char got[16];
	void *lo;
	size_t size;
	int status = -1;
	long pid;

	target_up();
	T_ASSERT(tb_thread_spawn(&t2, 0, wait_go, 0) == 0);
	no_proc();
	/* another thread's name is recorded; the kernel's copy cannot be set */
	T_EXPECT_EQ(tb_thread_set_name(target, "no-proc"), 0);
	T_EXPECT_EQ(tb_thread_get_name(target, got), 7);
	T_EXPECT(t_streq(got, "no-proc"));
	/* a name never given through threadbare needs /proc */
	T_EXPECT_EQ(tb_thread_get_name(t2, got), -ENOENT);
	/* the caller's own name needs none */
	T_EXPECT_EQ(tb_thread_set_name(0, "no-proc-main"), 0);
	T_EXPECT_EQ(tb_thread_get_name(0, got), 12);
	T_EXPECT_EQ(tb_thread_stack(0, &lo, &size), -ENOENT);
	T_EXPECT(tb_fault_disarm() > 0);
	/* the overflow report starts without the main stack's bounds (in a child: it stays on) */
	pid = t_fork();
	if (pid == 0) {
		no_proc();
		tb_exit(tb_thread_report_overflows() == 0 && tb_fault_disarm() > 0 ? 0 : 1);
	}
	T_EXPECT_EQ(t_wait4(pid, &status), pid);
	T_EXPECT_EQ(status, 0);
	tb_event_set(&go);
	T_EXPECT_EQ(tb_thread_join(t2), 7);
	target_down();
}

/* ---- start-up: the test runs itself again with TB_FAULT_ARM set ---- */

static char **environ_;

/* Runs this program with argv[1] = "start-child" and one more environment
 * entry; returns its wait status, its stdout and stderr in out. */
static int run_self(const char *extra, char *out, size_t size)
{
	static char *envp[256];
	char *argv[] = { "t_fault", "start-child", 0 };
	int fds[2], n = 0;
	long pid;

	for (char **e = environ_; e && *e && n < 254; e++)
		envp[n++] = *e;
	envp[n++] = (char *)extra;
	envp[n] = 0;
	if (tb_syscall(__NR_pipe2, (long)fds, O_CLOEXEC, 0, 0, 0, 0))
		return -1;
	pid = t_fork();
	if (pid == 0) {
		tb_syscall(__NR_dup3, fds[1], 1, 0, 0, 0, 0);
		tb_syscall(__NR_dup3, fds[1], 2, 0, 0, 0, 0);
		tb_syscall(__NR_execve, (long)"/proc/self/exe", (long)argv, (long)envp, 0, 0, 0);
		tb_exit(126);
	}
	tb_syscall(__NR_close, fds[1], 0, 0, 0, 0, 0);
	return t_collect(fds[0], pid, out, size);
}

/* In the re-executed child: what start-up did, then "started". */
static int start_child(void)
{
	unsigned long fired = tb_fault_disarm(), n = tb_fault_count();
	const struct tb_fault_call *log = tb_fault_log();

	if (n > 64)
		n = 64;
	for (unsigned long i = 0; i < n; i++)
		tb_dprintf(1, "call %ld %d\n", log[i].nr, log[i].failable);
	tb_dprintf(1, "started %lu\n", fired);
	return 0;
}

static long parse_num(const char **p)
{
	long v = 0;

	while (**p >= '0' && **p <= '9')
		v = v * 10 + (*(*p)++ - '0');
	return v;
}

static void t_start_up(void)
{
	static char out[8192], out2[8192];
	struct tb_fault_call calls[64];
	int n = 0, status;

	if (tb_getenv("TB_QEMU_USER"))
		T_SKIP("re-executing itself needs binfmt_misc under qemu-user");
	status = run_self("TB_FAULT_NONE=1", out, sizeof(out));
	T_ASSERT(status == 0);
	for (const char *p = out; *p && n < 64;) {
		if (p[0] == 'c' && p[1] == 'a' && p[2] == 'l' && p[3] == 'l' && p[4] == ' ') {
			p += 5;
			calls[n].nr = parse_num(&p);
			p++;
			calls[n].failable = (int)parse_num(&p);
			calls[n].d = 0;
			n++;
		}
		while (*p && *p++ != '\n')
			;
	}
	T_ASSERT(n > 0);
	for (int k = 0; k < n; k++) {
		unsigned long nth = 0;
		int errs[8], ne;

		if (!calls[k].failable)
			continue;
		for (int j = 0; j <= k; j++)
			nth += calls[j].nr == calls[k].nr && calls[j].failable;
		ne = errs_for(&calls[k], errs);
		for (int e = 0; e < ne; e++) {
			char arm[64];
			bool started = false;

			tb_snprintf(arm, sizeof(arm), "TB_FAULT_ARM=%ld,%lu,%d", calls[k].nr, nth, errs[e]);
			status = run_self(arm, out2, sizeof(out2));
			injections++;
			runs++;
			for (const char *p = out2; *p; p++)
				started |= p[0] == 's' && p[1] == 't' && p[2] == 'a' && p[3] == 'r' && p[4] == 't';
			tb_dprintf(1, "# start-up: %s #%lu errno %d: %s", nr_name(calls[k].nr), nth, errs[e],
				   status == 0 && started ? "started\n" : out2);
			if (!(status == 0 && started) && !((status & 0x7f) != 0 && one_line(out2))) {
				T_EXPECT(0);
				tb_dprintf(1, "# start-up: status %d, output:\n%s", status, out2);
			}
		}
	}
	tb_dprintf(1, "# start-up: %d calls\n", n);
}

/* ENOSYS from a _time64 call: the documented fallback to the old call, for good */
static void t_time64_fallback(void)
{
#if defined(__NR_clock_nanosleep_time64) && defined(__NR_clock_nanosleep)
	int64_t t0 = now();
	bool old = false;

	tb_fault_arm(__NR_clock_nanosleep_time64, 1, ENOSYS);
	T_EXPECT_EQ(tb_sleep_ns(1 * MS), 0);
	T_EXPECT_EQ(tb_fault_disarm(), 1);
	T_EXPECT(now() - t0 >= 1 * MS);
	tb_fault_trace(shared->log, LOG_CAP);
	T_EXPECT_EQ(tb_sleep_ns(1000), 0);
	for (unsigned long i = 0; i < tb_fault_count() && i < LOG_CAP; i++) {
		T_EXPECT(shared->log[i].nr != __NR_clock_nanosleep_time64);
		old |= shared->log[i].nr == __NR_clock_nanosleep;
	}
	tb_fault_trace(0, 0);
	T_EXPECT(old);
	for (const struct scen *s = old_time; s->name; s++)
		run_scen(s);
#else
	(void)old_time;
	T_SKIP("no old time32 calls on this ABI");
#endif
}

static void t_totals(void)
{
	tb_dprintf(1, "# totals: %lu scenarios, %lu system calls traced, %lu failures injected "
		      "(%lu reached in-process, %lu fatal by design), %lu runs, %lu lies\n",
		   scen_total, calls_total, injections, reached, fatal, runs, lies_total);
	T_EXPECT(injections > 0);
}

int main(int argc, char **argv, char **envp)
{
	long m;

	if (argc > 1 && t_streq(argv[1], "start-child"))
		return start_child();
	environ_ = envp;
#ifdef __NR_mmap2
	m = tb_syscall(__NR_mmap2, 0, sizeof(*shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
#else
	m = tb_syscall(__NR_mmap, 0, sizeof(*shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
#endif
	if ((unsigned long)m > -4096UL)
		return 99;
	shared = (struct shared *)m;
	return t_run(argc, argv, (struct t_case[]){
		T_CASE(t_cold), T_CASE(t_start_up), T_CASE(t_no_proc), T_CASE(t_warm),
		T_CASE(t_after_report), T_CASE(t_time64_fallback), T_CASE(t_totals), { 0 } });
}
