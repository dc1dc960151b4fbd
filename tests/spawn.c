/*
 * Spawn, join, detach, names, ids: C ports of Zig's std.Thread tests (notes
 * §11 items 1, 3, 4, 25-27) plus scale and lifetime checks.
 */
#include <asm/signal.h>
#include <linux/mman.h>
#include <linux/mount.h>
#include <linux/resource.h>
#include <linux/sched.h>
#include "harness.h"

#define MNT_DETACH 2 /* umount2's flag; not in the UAPI headers */

/* A one-shot event from the raw futex API (the primitives have their own tests). */
static void ev_set(uint32_t *e)
{
	__atomic_store_n(e, 1, __ATOMIC_RELEASE);
	tb_futex_wake(e, UINT32_MAX);
}

static void ev_wait(uint32_t *e)
{
	while (!__atomic_load_n(e, __ATOMIC_ACQUIRE))
		tb_futex_wait(e, 0, -1);
}

struct incr {
	uint32_t value;
	uint32_t event;
};

static int increment_notify(void *p)
{
	struct incr *c = p;

	__atomic_add_fetch(&c->value, 1, __ATOMIC_SEQ_CST);
	ev_set(&c->event);
	return 0;
}

/* §11.3 */
static void t_join(void)
{
	struct incr c = { 0, 0 };
	struct tb_thread *t;

	T_ASSERT(tb_thread_spawn(&t, 0, increment_notify, &c) == 0);
	T_EXPECT_EQ(tb_thread_join(t), 0);
	T_EXPECT_EQ(c.value, 1);
}

/* §11.4 */
static void t_detach(void)
{
	static struct incr c; /* the detached thread may outlive this frame */
	struct tb_thread *t;

	c.value = c.event = 0;
	T_ASSERT(tb_thread_spawn(&t, 0, increment_notify, &c) == 0);
	T_EXPECT_EQ(tb_thread_detach(t), 0);
	ev_wait(&c.event);
	T_EXPECT_EQ(c.value, 1);
}

static int return_arg(void *p)
{
	return (int)(intptr_t)p;
}

static void t_join_result(void)
{
	struct tb_thread *t[3];
	int want[3] = { 0, 42, -7 };

	for (int i = 0; i < 3; i++)
		T_ASSERT(tb_thread_spawn(&t[i], 0, return_arg, (void *)(intptr_t)want[i]) == 0);
	for (int i = 0; i < 3; i++)
		T_EXPECT_EQ(tb_thread_join(t[i]), want[i]);
}

static int store_id(void *p)
{
	*(uint32_t *)p = tb_thread_id();
	return 0;
}

/* §11.25 */
static void t_current_id(void)
{
	uint32_t child = 0;
	struct tb_thread *t;
	uint32_t me = tb_thread_id();

	T_EXPECT(me == (uint32_t)tb_syscall(__NR_gettid, 0, 0, 0, 0, 0, 0));
	T_ASSERT(tb_thread_spawn(&t, 0, store_id, &child) == 0);
	tb_thread_join(t);
	T_EXPECT(child != 0);
	T_EXPECT(child != me);
}

static int start1(void *p)
{
	(void)p;
	return 0;
}

static int start2(void *p)
{
	__atomic_add_fetch((uint32_t *)p, 1, __ATOMIC_SEQ_CST);
	return 0;
}

/* §11.26 */
static void t_spawn_threads(void)
{
	uint32_t shared = 1;
	struct tb_thread *t[4];

	T_ASSERT(tb_thread_spawn(&t[0], 0, start1, 0) == 0);
	for (int i = 1; i < 4; i++)
		T_ASSERT(tb_thread_spawn(&t[i], 0, start2, &shared) == 0);
	for (int i = 0; i < 4; i++)
		tb_thread_join(t[i]);
	T_EXPECT_EQ(shared, 4);
}

/* §11.27 */
static void t_cpu_count(void)
{
	T_EXPECT(tb_cpu_count() >= 1);
}

struct name_ctx {
	uint32_t start_wait, test_done, thread_done;
	struct tb_thread *thread;
};

static void check_names(struct tb_thread *t)
{
	static const char *const cases[] = { "mythread", "bbbbbbbbbbbbbbb" };
	char buf[TB_THREAD_NAME_MAX + 1];

	for (int i = 0; i < 2; i++) {
		int n = 0;

		while (cases[i][n])
			n++;
		T_EXPECT_EQ(tb_thread_set_name(t, cases[i]), 0);
		T_EXPECT_EQ(tb_thread_get_name(t, buf), n);
		T_EXPECT(t_streq(buf, cases[i]));
	}
}

static int name_thread(void *p)
{
	struct name_ctx *c = p;
	char buf[TB_THREAD_NAME_MAX + 1];

	/* the name from the config is in place before fn runs */
	T_EXPECT_EQ(tb_thread_get_name(tb_thread_self(), buf), 12);
	T_EXPECT(t_streq(buf, "spawned-name"));
	ev_wait(&c->start_wait);
	check_names(c->thread); /* names itself through its own handle */
	check_names(tb_thread_self());
	ev_set(&c->test_done);
	ev_wait(&c->thread_done);
	return 0;
}

/* §11.1, plus the name given at spawn */
static void t_names(void)
{
	struct name_ctx c = { 0, 0, 0, 0 };
	struct tb_thread_config cfg = { .name = "spawned-name" };
	char buf[TB_THREAD_NAME_MAX + 1];
	struct tb_thread *t;

	T_ASSERT(tb_thread_spawn(&t, &cfg, name_thread, &c) == 0);
	c.thread = t;
	ev_set(&c.start_wait);
	ev_wait(&c.test_done);
	check_names(t); /* main names the child */
	ev_set(&c.thread_done);
	tb_thread_join(t);
	T_EXPECT_EQ(tb_thread_set_name(0, "main-thread"), 0);
	T_EXPECT_EQ(tb_thread_get_name(tb_thread_self(), buf), 11);
	T_EXPECT(t_streq(buf, "main-thread"));
}

struct gate {
	uint32_t started;
	uint32_t release;
};

static int wait_gate(void *p)
{
	struct gate *g = p;

	__atomic_add_fetch(&g->started, 1, __ATOMIC_SEQ_CST);
	ev_wait(&g->release);
	return 7;
}

/* the name from the config is what the spawner reads back at once */
static void t_name_at_spawn(void)
{
	int n = tb_getenv("TB_EMULATED") ? 50 : 500;

	for (int i = 0; i < n; i++) {
		struct tb_thread_config cfg = { .name = "at-spawn" };
		char buf[TB_THREAD_NAME_MAX + 1];
		struct gate g = { 0, 0 };
		struct tb_thread *t;

		T_ASSERT(tb_thread_spawn(&t, &cfg, wait_gate, &g) == 0);
		T_EXPECT_EQ(tb_thread_get_name(t, buf), 8);
		T_EXPECT(t_streq(buf, "at-spawn"));
		if (i == 0) {
			/* renamed before it can have run: the new name wins everywhere */
			T_EXPECT_EQ(tb_thread_set_name(t, "renamed"), 0);
			T_EXPECT_EQ(tb_thread_get_name(t, buf), 7);
			T_EXPECT(t_streq(buf, "renamed"));
		}
		ev_set(&g.release);
		tb_thread_join(t);
	}
}

static int quick(void *p)
{
	(void)p;
	return 3;
}

/* finished threads: -ESRCH, before and after the kernel is done with them */
static void t_finished_esrch(void)
{
	char buf[TB_THREAD_NAME_MAX + 1];
	struct tb_thread_config cfg = { .name = "short-lived" };
	struct tb_thread *t;
	int spins = 0;

	T_ASSERT(tb_thread_spawn(&t, &cfg, quick, 0) == 0);
	while (tb_thread_kill(t, 0) == 0 && spins++ < 1000000)
		tb_thread_yield();
	T_EXPECT_EQ(tb_thread_kill(t, 0), -ESRCH);
	T_EXPECT_EQ(tb_thread_kill(t, SIGUSR1), -ESRCH);
	T_EXPECT_EQ(tb_thread_get_name(t, buf), -ESRCH);
	T_EXPECT_EQ(tb_thread_set_name(t, "late"), -ESRCH);
	tb_sleep_ns(20 * 1000 * 1000); /* the kernel has reaped it: its tid is free for reuse */
	T_EXPECT_EQ(tb_thread_kill(t, 0), -ESRCH);
	T_EXPECT_EQ(tb_thread_get_name(t, buf), -ESRCH);
	T_EXPECT_EQ(tb_thread_set_name(t, "late"), -ESRCH);
	T_EXPECT_EQ(tb_thread_join(t), 3);
}

struct sig_ctx {
	uint32_t ready, sent, seen;
};

static int wait_signal(void *p)
{
	struct sig_ctx *c = p;
	unsigned long set[16 / sizeof(unsigned long)] = { 0 };
	int word = (SIGUSR1 - 1) / (8 * (int)sizeof(unsigned long));
	unsigned long bit = 1UL << ((SIGUSR1 - 1) % (8 * sizeof(unsigned long)));
	long bytes = 8;

	/* the kernel's sigset size (_NSIG / 8) differs by ABI: the first it takes */
	set[word] = bit;
	while (tb_syscall(__NR_rt_sigprocmask, SIG_BLOCK, (long)set, 0, bytes, 0, 0) == -EINVAL &&
	       bytes < 16)
		bytes *= 2;
	ev_set(&c->ready);
	ev_wait(&c->sent);
	for (int i = 0; i < 2000; i++) {
		set[word] = 0;
		tb_syscall(__NR_rt_sigpending, (long)set, bytes, 0, 0, 0, 0);
		if (set[word] & bit) {
			c->seen = 1;
			break;
		}
		tb_sleep_ns(1000 * 1000);
	}
	return 0;
}

/* tb_thread_kill reaches the thread it names (the signal is pending there) */
static void t_kill(void)
{
	struct sig_ctx c = { 0, 0, 0 };
	struct tb_thread *t;

	T_EXPECT_EQ(tb_thread_kill(0, 0), -EINVAL);
	T_ASSERT(tb_thread_spawn(&t, 0, wait_signal, &c) == 0);
	ev_wait(&c.ready);
	T_EXPECT_EQ(tb_thread_kill(t, 0), 0);
	T_EXPECT_EQ(tb_thread_kill(t, 200), -EINVAL); /* above every ABI's _NSIG */
	T_EXPECT_EQ(tb_thread_kill(t, SIGUSR1), 0);
	ev_set(&c.sent);
	tb_thread_join(t);
	T_EXPECT_EQ(c.seen, 1);
	T_EXPECT_EQ(tb_thread_kill(tb_thread_self(), 0), 0);
}

struct no_proc_ctx {
	uint32_t named, renamed, checked, ok;
};

static int named_by_main(void *p)
{
	struct no_proc_ctx *c = p;
	char buf[TB_THREAD_NAME_MAX + 1];
	uint32_t ok = 1;

	ev_wait(&c->named);
	ok &= tb_thread_get_name(0, buf) == 9 && t_streq(buf, "from-main");
	ok &= tb_thread_set_name(0, "by-itself") == 0;
	c->ok = ok;
	ev_set(&c->renamed);
	ev_wait(&c->checked); /* finished threads have no name to read */
	return 0;
}

/* the kernel's masks are arrays of unsigned long (as cpu_set_t), whatever the byte order */
#define WORD_BITS (8 * (int)sizeof(unsigned long))

static int popcount(const unsigned long *m, int bytes)
{
	int n = 0;

	for (int i = 0; i < bytes * 8; i++)
		n += (m[i / WORD_BITS] >> (i % WORD_BITS)) & 1;
	return n;
}

struct aff_ctx {
	uint32_t set, checked;
	int want_cpu, got_cpu;
};

static int on_one_cpu(void *p)
{
	struct aff_ctx *c = p;
	unsigned cpu = 0;

	ev_wait(&c->set);
	tb_thread_yield(); /* the kernel moves us off a CPU we may no longer use */
	tb_syscall(__NR_getcpu, (long)&cpu, 0, 0, 0, 0, 0);
	c->got_cpu = (int)cpu;
	ev_set(&c->checked);
	return 0;
}

static void t_affinity(void)
{
	static unsigned long mask[8192 / sizeof(unsigned long)], one[8192 / sizeof(unsigned long)];
	struct aff_ctx c = { 0, 0, -1, -1 };
	struct tb_thread *t;
	int bytes = tb_thread_get_affinity(0, 0, 0);

	T_ASSERT(bytes > 0 && bytes <= (int)sizeof(mask));
	T_EXPECT_EQ(bytes % (int)sizeof(long), 0);
	for (int i = 0; i < (int)(sizeof(mask) / sizeof(mask[0])); i++)
		mask[i] = 0xa5a5a5a5;
	T_EXPECT_EQ(tb_thread_get_affinity(0, mask, sizeof(mask)), bytes);
	T_EXPECT_EQ(popcount(mask, bytes), tb_cpu_count());
	T_EXPECT_EQ(mask[sizeof(mask) / sizeof(mask[0]) - 1], 0); /* the rest is zeroed */
	T_EXPECT_EQ(tb_thread_get_affinity(0, mask, (size_t)bytes - 1), -EINVAL);
	T_EXPECT_EQ(tb_thread_get_affinity(0, 0, 8), -EINVAL);
	T_EXPECT_EQ(tb_thread_set_affinity(0, one, (size_t)bytes), -EINVAL); /* no CPU */
	T_EXPECT_EQ(tb_thread_set_affinity(0, 0, 8), -EINVAL);

	T_ASSERT(tb_thread_spawn(&t, 0, on_one_cpu, &c) == 0);
	for (int i = bytes * 8 - 1; i >= 0; i--)
		if (mask[i / WORD_BITS] >> (i % WORD_BITS) & 1)
			c.want_cpu = i; /* the lowest allowed CPU */
	one[c.want_cpu / WORD_BITS] = 1UL << (c.want_cpu % WORD_BITS);
	T_EXPECT_EQ(tb_thread_set_affinity(t, one, (size_t)bytes), 0);
	T_EXPECT_EQ(tb_thread_get_affinity(t, mask, sizeof(mask)), bytes);
	T_EXPECT_EQ(popcount(mask, bytes), 1);
	T_EXPECT(mask[c.want_cpu / WORD_BITS] == one[c.want_cpu / WORD_BITS]);
	ev_set(&c.set);
	ev_wait(&c.checked);
	T_EXPECT_EQ(c.got_cpu, c.want_cpu);
	while (tb_thread_kill(t, 0) == 0)
		tb_thread_yield();
	T_EXPECT_EQ(tb_thread_get_affinity(t, mask, sizeof(mask)), -ESRCH);
	T_EXPECT_EQ(tb_thread_set_affinity(t, one, (size_t)bytes), -ESRCH);
	tb_thread_join(t);
}

struct stack_ctx {
	uint32_t ready, done;
	char *lo;
	size_t size;
	int ok;
};

static __thread char tls_mark[64];

/* [a, a + n) and [lo, lo + size) share no byte */
static bool apart(const void *a, size_t n, const char *lo, size_t size)
{
	return (const char *)a + n <= lo || (const char *)a >= lo + size;
}

static int check_own_stack(void *p)
{
	struct stack_ctx *c = p;
	volatile char here = 0;
	void *lo = 0;
	size_t size = 0;

	c->ok = tb_thread_stack(0, &lo, &size) == 0;
	c->lo = lo;
	c->size = size;
	c->ok &= (char *)&here >= c->lo && (char *)&here < c->lo + size;
	/* the TLS area and the control block lie beside the stack, whichever way it grows */
	c->ok &= apart(tls_mark, sizeof(tls_mark), c->lo, size);
	c->ok &= apart(tb_thread_self(), 1, c->lo, size);
	if (c->ok) {
		/* the whole range is usable stack (the top byte rewritten with its own
		 * value: it belongs to a live frame, thread_start's canary on aarch64) */
		((volatile char *)lo)[0] = 1;
		((volatile char *)lo)[size - 1] = ((volatile char *)lo)[size - 1];
	}
	ev_set(&c->ready);
	ev_wait(&c->done);
	return 0;
}

static void t_stack_bounds(void)
{
	struct tb_thread_config cfg = { .stack_size = 256 << 10 };
	struct stack_ctx c = { 0, 0, 0, 0, 0 };
	volatile char here = 0;
	struct tb_thread *t;
	void *lo = 0;
	size_t size = 0;
	int r;

	T_EXPECT_EQ(tb_thread_stack(0, 0, &size), -EINVAL);
	T_EXPECT_EQ(tb_thread_stack(0, &lo, 0), -EINVAL);
	T_ASSERT(tb_thread_spawn(&t, &cfg, check_own_stack, &c) == 0);
	ev_wait(&c.ready);
	T_EXPECT(c.ok);
	T_EXPECT(c.size >= (size_t)256 << 10 && c.size <= ((size_t)256 << 10) + (64 << 10));
	T_EXPECT_EQ(tb_thread_stack(t, &lo, &size), 0);
	T_EXPECT(lo == c.lo && size == c.size);
	ev_set(&c.done);
	while (tb_thread_kill(t, 0) == 0)
		tb_thread_yield();
	T_EXPECT_EQ(tb_thread_stack(t, &lo, &size), -ESRCH);
	tb_thread_join(t);

	/* the main thread: the initial stack, from /proc/self/maps */
	r = tb_thread_stack(0, &lo, &size);
	if (r == -ENOENT)
		T_SKIP("no /proc/self/maps here: the main thread's bounds are unknown");
	T_EXPECT_EQ(r, 0);
	T_EXPECT((char *)&here >= (char *)lo && (char *)&here < (char *)lo + size);
	T_EXPECT(size >= tb_page_size() && size % tb_page_size() == 0);
}

/* without /proc (a new mount namespace with /proc unmounted), in a child */
static void t_names_no_proc(void)
{
	int status = 0;
	long pid;

	if (tb_syscall(__NR_getuid, 0, 0, 0, 0, 0, 0) != 0)
		T_SKIP("needs root to unmount /proc in a new mount namespace");
	pid = t_fork();
	T_ASSERT(pid >= 0);
	if (pid == 0) {
		struct tb_thread_config cfg = { .name = "no-proc" };
		struct no_proc_ctx c = { 0, 0, 0, 0 };
		char buf[TB_THREAD_NAME_MAX + 1];
		struct tb_thread *t;
		int fd, bad = 0;

		if (tb_syscall(__NR_unshare, CLONE_NEWNS, 0, 0, 0, 0, 0) != 0 ||
		    tb_syscall(__NR_mount, (long)"none", (long)"/", 0, MS_REC | MS_PRIVATE, 0, 0) != 0 ||
		    tb_syscall(__NR_umount2, (long)"/proc", MNT_DETACH, 0, 0, 0, 0) != 0)
			tb_exit(77);
		fd = (int)tb_syscall(__NR_openat, -100, (long)"/proc/self/status", 0, 0, 0, 0);
		if (fd >= 0)
			tb_exit(78); /* something else is mounted there */
		if (tb_thread_spawn(&t, &cfg, named_by_main, &c) != 0)
			tb_exit(10);
		bad |= (tb_thread_get_name(t, buf) != 7 || !t_streq(buf, "no-proc")) << 0;
		bad |= (tb_thread_set_name(t, "from-main") != 0) << 1;
		bad |= (tb_thread_get_name(t, buf) != 9 || !t_streq(buf, "from-main")) << 2;
		ev_set(&c.named);
		ev_wait(&c.renamed);
		bad |= (!c.ok) << 3;
		bad |= (tb_thread_get_name(t, buf) != 9 || !t_streq(buf, "by-itself")) << 4;
		ev_set(&c.checked);
		tb_thread_join(t);
		tb_exit(bad ? 20 + bad : 0);
	}
	T_ASSERT(t_wait4(pid, &status) == pid);
	if ((status & 0x7f) == 0 && ((status >> 8) & 0xff) == 77)
		T_SKIP("no new mount namespace here (unshare, mount or umount2 refused)");
	if ((status & 0x7f) == 0 && ((status >> 8) & 0xff) == 78)
		T_SKIP("/proc is still reachable after the unmount");
	T_EXPECT_EQ(status, 0);
}

/* 1000 threads alive at once, then all joined */
static void t_many_alive(void)
{
	enum { N = 1000 };
	static struct tb_thread *t[N];
	struct tb_thread_config cfg = { .stack_size = 64 << 10 };
	struct gate g = { 0, 0 };
	int base = t_map_count(), sum = 0;

	for (int i = 0; i < N; i++)
		T_ASSERT(tb_thread_spawn(&t[i], &cfg, wait_gate, &g) == 0);
	while (__atomic_load_n(&g.started, __ATOMIC_SEQ_CST) != N)
		tb_thread_yield();
	ev_set(&g.release);
	for (int i = 0; i < N; i++)
		sum += tb_thread_join(t[i]);
	T_EXPECT_EQ(sum, 7 * N);
	T_EXPECT_EQ(t_map_count(), base);
}

static int spawn_child(void *p)
{
	struct tb_thread *t;
	uint32_t v = 0;

	(void)p;
	T_EXPECT_EQ(tb_thread_spawn(&t, 0, start2, &v), 0);
	T_EXPECT_EQ(tb_thread_join(t), 0);
	T_EXPECT_EQ(v, 1);
	return 5;
}

static void t_nested(void)
{
	struct tb_thread *t;

	T_ASSERT(tb_thread_spawn(&t, 0, spawn_child, 0) == 0);
	T_EXPECT_EQ(tb_thread_join(t), 5);
}

static int join_other(void *p)
{
	return tb_thread_join(p) + 1;
}

/* a thread joined by a thread other than its spawner */
static void t_join_by_other(void)
{
	struct gate g = { 0, 0 };
	struct tb_thread *a, *b;

	T_ASSERT(tb_thread_spawn(&a, 0, wait_gate, &g) == 0);
	T_ASSERT(tb_thread_spawn(&b, 0, join_other, a) == 0);
	ev_set(&g.release);
	T_EXPECT_EQ(tb_thread_join(b), 8);
}

static void t_spawn_join_loop(void)
{
	int n = 10000 / (tb_getenv("TB_EMULATED") ? 5 : 1);
	int base = t_map_count();
	uint32_t v = 0;

	for (int i = 0; i < n; i++) {
		struct tb_thread *t;

		T_ASSERT(tb_thread_spawn(&t, 0, start2, &v) == 0);
		tb_thread_join(t);
	}
	T_EXPECT_EQ(v, n);
	T_EXPECT_EQ(t_map_count(), base);
}

static int count_done(void *p)
{
	__atomic_add_fetch((uint32_t *)p, 1, __ATOMIC_SEQ_CST);
	return 0;
}

/* wait (up to ~10 s) for detached threads to finish unmapping themselves */
static int settle_maps(int want)
{
	int now = t_map_count();

	for (int i = 0; i < 1000 && now != want; i++) {
		tb_sleep_ns(10 * 1000 * 1000);
		now = t_map_count();
	}
	return now;
}

static void t_detached_loop(void)
{
	int n = 10000 / (tb_getenv("TB_EMULATED") ? 5 : 1);
	int base = t_map_count();
	struct tb_thread_config cfg = { .stack_size = 64 << 10 };
	uint32_t done = 0;

	for (int i = 0; i < n; i++) {
		struct tb_thread *t;
		int r;

		while ((r = tb_thread_spawn(&t, &cfg, count_done, &done)) == -EAGAIN)
			tb_thread_yield();
		T_ASSERT(r == 0);
		T_EXPECT_EQ(tb_thread_detach(t), 0);
	}
	while (__atomic_load_n(&done, __ATOMIC_SEQ_CST) != (uint32_t)n)
		tb_thread_yield();
	T_EXPECT_EQ(settle_maps(base), base);
}

/* deep enough to overflow any stack here; the bound only silences -Winfinite-recursion */
static int recurse(int depth)
{
	volatile char pad[256];

	pad[0] = (char)depth;
	if (depth > (1 << 30))
		return 0;
	return recurse(depth + 1) + pad[0];
}

static int overflow(void *p)
{
	(void)p;
	return recurse(0);
}

/* a thread that overflows its stack dies with SIGSEGV at the guard page */
static void t_stack_overflow(void)
{
	long pid = t_fork();
	int status = 0;

	T_ASSERT(pid >= 0);
	if (pid == 0) {
		struct tb_thread_config cfg = { .stack_size = 64 << 10 };
		struct tb_thread *t;

		if (tb_thread_spawn(&t, &cfg, overflow, 0) == 0)
			tb_thread_join(t);
		tb_exit(0); /* not reached if the guard works */
	}
	T_ASSERT(t_wait4(pid, &status) == pid);
	T_EXPECT_EQ(status & 0x7f, 11 /* SIGSEGV */);
}

static int overflow_thread(void *p)
{
	(void)p;
	return recurse(0);
}

static int bad_store(void *p)
{
	volatile uintptr_t addr = (uintptr_t)p;

	*(volatile int *)addr = 1;
	return 0;
}

/* A child that turns the report on and then dies as mode says; returns its
 * wait status and its fd 2 in out. */
static int report_child(int mode, char *out, size_t size, long *pid_out)
{
	int fds[2];
	long pid;

	if (tb_syscall(__NR_pipe2, (long)fds, 0, 0, 0, 0, 0) != 0)
		return -1;
	pid = t_fork();
	if (pid == 0) {
		struct tb_thread_config cfg = { .stack_size = 64 << 10, .name = "deep-thread" };
		struct tb_thread *t;

		tb_syscall(__NR_dup3, fds[1], 2, 0, 0, 0, 0);
		if (tb_thread_report_overflows() != 0 || tb_thread_report_overflows() != 0)
			tb_exit(10);
		if (mode == 0 && tb_thread_spawn(&t, &cfg, overflow_thread, 0) == 0)
			tb_thread_join(t);
		if (mode == 1 && tb_thread_spawn(&t, &cfg, bad_store, (void *)8) == 0)
			tb_thread_join(t);
		if (mode == 2)
			recurse(0);
		if (mode == 3)
			tb_syscall(__NR_tgkill, tb_syscall(__NR_getpid, 0, 0, 0, 0, 0, 0),
				   tb_thread_id(), SIGSEGV, 0, 0, 0);
		tb_exit(11); /* not reached */
	}
	tb_syscall(__NR_close, fds[1], 0, 0, 0, 0, 0);
	*pid_out = pid;
	return t_collect(fds[0], pid, out, size);
}

/* "threadbare: thread '<name>' (tid N) overflowed its stack\n" as the first
 * line (qemu-user adds a line of its own after it): the tid, or -1 */
static long parse_report(const char *s, const char *name)
{
	static const char head[] = "threadbare: thread '", mid[] = "' (tid ",
			  tail[] = ") overflowed its stack\n";
	long tid = 0;
	int i;

	for (i = 0; head[i]; i++, s++)
		if (*s != head[i])
			return -1;
	for (i = 0; name && name[i]; i++, s++)
		if (*s != name[i])
			return -1;
	while (!name && *s && *s != '\'')
		s++;
	for (i = 0; mid[i]; i++, s++)
		if (*s != mid[i])
			return -1;
	if (*s < '1' || *s > '9')
		return -1;
	while (*s >= '0' && *s <= '9')
		tid = tid * 10 + (*s++ - '0');
	for (i = 0; tail[i]; i++, s++)
		if (*s != tail[i])
			return -1;
	return tid;
}

static bool mentions_threadbare(const char *s)
{
	for (; *s; s++) {
		const char *w = "threadbare:";
		int i = 0;

		while (w[i] && s[i] == w[i])
			i++;
		if (!w[i])
			return true;
	}
	return false;
}

/* the opt-in report: the line on fd 2 for a guard-page fault, nothing for any
 * other SIGSEGV, and the process dies of SIGSEGV either way */
static void t_overflow_report(void)
{
	static char out[256];
	long pid = 0, tid;
	int status;

	status = report_child(0, out, sizeof(out), &pid);
	T_EXPECT_EQ(status & 0x7f, SIGSEGV);
	tid = parse_report(out, "deep-thread");
	T_EXPECT(tid > 0 && tid != pid); /* the spawned thread's own tid */
	if (tid <= 0)
		tb_dprintf(1, "# child wrote: '%s'\n", out);

	status = report_child(1, out, sizeof(out), &pid);
	T_EXPECT_EQ(status & 0x7f, SIGSEGV);
	T_EXPECT(!mentions_threadbare(out));

	status = report_child(3, out, sizeof(out), &pid);
	T_EXPECT_EQ(status & 0x7f, SIGSEGV);
	T_EXPECT(!mentions_threadbare(out));

	/* the main thread (it turned the report on): its tid is the pid */
	status = report_child(2, out, sizeof(out), &pid);
	T_EXPECT_EQ(status & 0x7f, SIGSEGV);
	if (mentions_threadbare(out) || tb_thread_stack(0, &(void *){ 0 }, &(size_t){ 0 }) == 0) {
		T_EXPECT_EQ(parse_report(out, 0), pid);
		if (parse_report(out, 0) != pid)
			tb_dprintf(1, "# child wrote: '%s'\n", out);
	}
}

/* after tb_fork the child's cached tid is its own, and it can spawn */
static void t_fork_child(void)
{
	struct tb_thread *t;
	int status = 0;
	long pid;

	/* leave a mapping in the stack cache for the child to reuse */
	T_ASSERT(tb_thread_spawn(&t, 0, start1, 0) == 0);
	tb_thread_join(t);
	pid = t_fork();
	T_ASSERT(pid >= 0);
	if (pid == 0) {
		uint32_t v = 0;
		bool ok = tb_thread_id() == (uint32_t)tb_syscall(__NR_gettid, 0, 0, 0, 0, 0, 0);

		for (int i = 0; i < 20 && ok; i++) {
			ok = tb_thread_spawn(&t, 0, start2, &v) == 0;
			if (ok)
				tb_thread_join(t);
		}
		tb_thread_cache_trim();
		tb_exit(ok && v == 20 ? 0 : 1);
	}
	T_ASSERT(t_wait4(pid, &status) == pid);
	T_EXPECT_EQ(status, 0);
}

static void t_err_args(void)
{
	struct tb_thread *t = (struct tb_thread *)&t;
	struct tb_thread_config long_name = { .name = "sixteen-chars-xx" };
	struct tb_thread_config ok_name = { .name = "fifteen-chars-x" };
	int base = t_map_count();

	T_EXPECT_EQ(tb_thread_spawn(0, 0, start1, 0), -EINVAL);
	T_EXPECT_EQ(tb_thread_spawn(&t, 0, 0, 0), -EINVAL);
	T_EXPECT_EQ(tb_thread_spawn(&t, &long_name, start1, 0), -ERANGE);
	T_EXPECT(t == (struct tb_thread *)&t);
	T_EXPECT_EQ(tb_thread_set_name(0, "sixteen-chars-xx"), -ERANGE);
	T_EXPECT_EQ(tb_thread_set_name(0, 0), -EINVAL);
	T_EXPECT_EQ(t_map_count(), base);
	T_ASSERT(tb_thread_spawn(&t, &ok_name, start1, 0) == 0);
	tb_thread_join(t);
}

static void t_err_huge_stack(void)
{
	struct tb_thread_config cfg = { .stack_size = SIZE_MAX };
	struct tb_thread *t = 0;
	int base = t_map_count(), r;

	T_EXPECT_EQ(tb_thread_spawn(&t, &cfg, start1, 0), -ENOMEM);
	cfg.stack_size = SIZE_MAX - 4095;
	T_EXPECT_EQ(tb_thread_spawn(&t, &cfg, start1, 0), -ENOMEM);
	cfg.stack_size = 64 << 10;
	cfg.guard_size = SIZE_MAX;
	T_EXPECT_EQ(tb_thread_spawn(&t, &cfg, start1, 0), -ENOMEM);
	/* fits the arithmetic; no 64-bit address space can hold it, so mmap
	 * fails there. A 32-bit process can map a 1 GiB reservation: then the
	 * spawn must simply work. */
	cfg.guard_size = 0;
	cfg.stack_size = SIZE_MAX / 4 - (64 << 10);
	r = tb_thread_spawn(&t, &cfg, start1, 0);
	if (sizeof(void *) < 8 && r == 0) {
		T_EXPECT_EQ(tb_thread_join(t), 0);
	} else {
		T_EXPECT_EQ(r, -ENOMEM);
		T_EXPECT(t == 0);
	}
	T_EXPECT_EQ(t_map_count(), base);
}

static long raw_mmap(size_t len)
{
#ifdef __NR_mmap2
	return tb_syscall(__NR_mmap2, 0, (long)len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
#else
	return tb_syscall(__NR_mmap, 0, (long)len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
#endif
}

/* mmap failure through RLIMIT_AS; qemu-user ignores RLIMIT_AS, so it skips there */
static void t_err_rlimit_as(void)
{
	struct rlimit64 old, lim;
	struct tb_thread *t = 0;
	int base = t_map_count();
	long probe;
	bool limited;

	T_ASSERT(tb_syscall(__NR_prlimit64, 0, RLIMIT_AS, 0, (long)&old, 0, 0) == 0);
	lim.rlim_max = old.rlim_max;
	lim.rlim_cur = 1 << 20; /* far below what is already mapped */
	T_ASSERT(tb_syscall(__NR_prlimit64, 0, RLIMIT_AS, (long)&lim, 0, 0, 0) == 0);
	probe = raw_mmap(1 << 20);
	limited = probe == -ENOMEM;
	if (limited) {
		T_EXPECT_EQ(tb_thread_spawn(&t, 0, start1, 0), -ENOMEM);
		T_EXPECT(t == 0);
	} else if (probe > 0 || probe < -4095) {
		tb_syscall(__NR_munmap, probe, 1 << 20, 0, 0, 0, 0);
	}
	T_ASSERT(tb_syscall(__NR_prlimit64, 0, RLIMIT_AS, (long)&old, 0, 0, 0) == 0);
	T_EXPECT_EQ(t_map_count(), base);
	T_ASSERT(tb_thread_spawn(&t, 0, start1, 0) == 0);
	tb_thread_join(t);
	T_EXPECT_EQ(t_map_count(), base);
	if (!limited)
		T_SKIP("RLIMIT_AS has no effect here (qemu-user ignores it)");
}

/* clone failure: an unprivileged user at its RLIMIT_NPROC, in a forked child */
static void t_err_clone(void)
{
	long pid;
	int status = 0;

	if (tb_syscall(__NR_getuid, 0, 0, 0, 0, 0, 0) != 0)
		T_SKIP("needs root to switch to an unprivileged user");
	pid = t_fork();
	T_ASSERT(pid >= 0);
	if (pid == 0) {
		struct rlimit64 lim = { 0, 0 };
		struct tb_thread *t = 0;
		int base, r;

		if (tb_syscall(__NR_setuid, 65534, 0, 0, 0, 0, 0) != 0)
			tb_exit(77);
		if (tb_syscall(__NR_prlimit64, 0, RLIMIT_NPROC, (long)&lim, 0, 0, 0) != 0)
			tb_exit(78);
		base = t_map_count();
		r = tb_thread_spawn(&t, 0, start1, 0);
		tb_exit(r == -EAGAIN && t == 0 && t_map_count() == base ? 0 : 1);
	}
	T_ASSERT(t_wait4(pid, &status) == pid);
	if ((status & 0x7f) == 0 && ((status >> 8) & 0xff) == 77)
		T_SKIP("setuid is not allowed here");
	T_EXPECT_EQ(status, 0);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (const struct t_case[]){
		T_CASE(t_join),
		T_CASE(t_detach),
		T_CASE(t_join_result),
		T_CASE(t_current_id),
		T_CASE(t_spawn_threads),
		T_CASE(t_cpu_count),
		T_CASE(t_names),
		T_CASE(t_name_at_spawn),
		T_CASE(t_finished_esrch),
		T_CASE(t_kill),
		T_CASE(t_names_no_proc),
		T_CASE(t_affinity),
		T_CASE(t_stack_bounds),
		T_CASE(t_nested),
		T_CASE(t_join_by_other),
		T_CASE(t_many_alive),
		T_CASE(t_spawn_join_loop),
		T_CASE(t_detached_loop),
		T_CASE(t_stack_overflow),
		T_CASE(t_overflow_report),
		T_CASE(t_fork_child),
		T_CASE(t_err_args),
		T_CASE(t_err_huge_stack),
		T_CASE(t_err_rlimit_as),
		T_CASE(t_err_clone),
		{ 0, 0 },
	});
}
