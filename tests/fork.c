/*
 * tb_fork from a threaded program (issue 17): the child is whole whatever
 * the other threads were doing. Each case forks while another thread holds,
 * over and over, one of the runtime's locks that the child then needs (the
 * forker's tid lock and name lock, the key table's mutex, the overflow
 * report's lock, the C11 start records), and gives every child a deadline:
 * a child that hangs is killed and fails the case. Then: the forking
 * thread, ending in the child, is joined there, and a detached one that
 * caches its mapping lets tb_thread_cache_trim return; tb_atfork's order
 * and errors.
 */
#include <threads.h>
#include "prims.h"

#define CHILD_MS (t_emulated() ? 20000 : 3000) /* far beyond a healthy child's time */

static struct tb_thread_config small = { .stack_size = 256 << 10 };

/*
 * The wait status of child pid (exit code, or 128 + signal), or -1 when it
 * has not ended within ms: then it is killed and reaped.
 */
static int wait_child(long pid, int ms)
{
	siginfo_t si;

	if (pid < 0)
		return -2;
	for (int i = 0; i < ms; i++) {
		si.si_pid = 0;
		if (tb_syscall(__NR_waitid, P_PID, pid, (long)&si, WEXITED | WNOHANG, 0, 0) < 0)
			return -2;
		if (si.si_pid == pid)
			return si.si_code == CLD_EXITED ? si.si_status : 128 + si.si_status;
		tb_sleep_ns(1000 * 1000);
	}
	tb_syscall(__NR_kill, pid, 9 /* SIGKILL */, 0, 0, 0, 0);
	tb_syscall(__NR_waitid, P_PID, pid, (long)&si, WEXITED, 0, 0);
	return -1;
}

/* ---- a thread that keeps taking one of the forker's or the runtime's locks */

enum { KILL, NAME, KEYS, AFFINITY };

struct hammer {
	struct tb_thread *target;
	int what;
	uint32_t started, stop;
};

static int hammer(void *p)
{
	struct hammer *h = p;
	unsigned char mask[128];

	for (unsigned i = 0; !__atomic_load_n(&h->stop, __ATOMIC_ACQUIRE); i++) {
		struct tb_tss k;

		switch (h->what) {
		case KILL:
			T_EXPECT_EQ(tb_thread_kill(h->target, 0), 0);
			break;
		case NAME:
			T_EXPECT_EQ(tb_thread_set_name(h->target, i & 1 ? "hammer-a" : "hammer-bb"), 0);
			break;
		case KEYS:
			T_EXPECT_EQ(tb_tss_create(&k, 0), 0);
			T_EXPECT_EQ(tb_tss_delete(k), 0);
			break;
		case AFFINITY:
			T_EXPECT(tb_thread_get_affinity(h->target, mask, sizeof(mask)) > 0);
			break;
		}
		__atomic_store_n(&h->started, 1, __ATOMIC_RELEASE);
		if (i % 4 == 0)
			tb_thread_yield(); /* the forker's spin for the lock gets a turn */
	}
	return 0;
}

/* In the child: what needs the lock the hammer kept taking. 0: all held. */
static int child_check(int what)
{
	char buf[TB_THREAD_NAME_MAX + 1];
	struct tb_tss k;

	switch (what) {
	case KILL:
	case AFFINITY:
		return tb_thread_kill(tb_thread_self(), 0) == 0 ? 0 : 2;
	case NAME:
		if (tb_thread_set_name(0, "child") != 0 || tb_thread_get_name(0, buf) != 5)
			return 2;
		return t_streq(buf, "child") ? 0 : 3;
	case KEYS:
		if (tb_tss_create(&k, 0) != 0 || tb_tss_set(k, &k) != 0 || tb_tss_get(k) != &k)
			return 2;
		return tb_tss_delete(k) == 0 ? 0 : 3;
	}
	return 4;
}

/* Forks trials times while the hammer runs; every child must get through. */
static void fork_under_hammer(int what)
{
	struct hammer h = { tb_thread_self(), what, 0, 0 };
	int trials = t_emulated() ? 8 : 60;
	struct tb_thread *t;

	T_ASSERT(tb_thread_spawn(&t, &small, hammer, &h) == 0);
	while (!__atomic_load_n(&h.started, __ATOMIC_ACQUIRE))
		tb_thread_yield();
	for (int i = 0; i < trials; i++) {
		long pid = tb_fork();
		int st;

		T_ASSERT(pid >= 0);
		if (pid == 0)
			tb_exit(child_check(what));
		st = wait_child(pid, CHILD_MS);
		T_EXPECT_EQ(st, 0);
		if (st != 0) {
			tb_dprintf(1, "# child %d of %d: %s\n", i + 1, trials,
				   st == -1 ? "hung, killed" : "failed");
			break;
		}
	}
	__atomic_store_n(&h.stop, 1, __ATOMIC_RELEASE);
	tb_thread_join(t);
}

/* another thread in tb_thread_kill(forker): the child's own kill and exit */
static void t_fork_tid_lock(void)
{
	fork_under_hammer(KILL);
}

/* another thread in an affinity call on the forker (the same tid lock) */
static void t_fork_tid_lock_affinity(void)
{
	fork_under_hammer(AFFINITY);
}

/* another thread naming the forker: the child names itself */
static void t_fork_name_lock(void)
{
	fork_under_hammer(NAME);
	tb_thread_set_name(0, "t_fork");
}

/* another thread creating and deleting keys: the child creates one. With
 * the table nearly full, tb_tss_create looks for the free index for longer
 * under the mutex. */
static void t_fork_keys_lock(void)
{
	static struct tb_tss held[TB_TSS_MAX - 4];
	int n = 0;

	while (n < TB_TSS_MAX - 4 && tb_tss_create(&held[n], 0) == 0)
		n++;
	T_EXPECT_EQ(n, TB_TSS_MAX - 4);
	fork_under_hammer(KEYS);
	while (n-- > 0)
		T_EXPECT_EQ(tb_tss_delete(held[n]), 0);
}

/* ---- the overflow report's lock: a fork while another thread turns it on */

struct turn_on {
	uint32_t ready, go;
	int64_t delay;
};

static int turn_on(void *p)
{
	struct turn_on *o = p;
	int64_t until;

	__atomic_store_n(&o->ready, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&o->go, __ATOMIC_ACQUIRE))
		;
	until = t_now_ns() + o->delay;
	while (t_now_ns() < until)
		;
	return tb_thread_report_overflows();
}

/*
 * A fork while another thread turns the report on. The fork takes a while
 * to copy the process, and turning the report on takes a while (sigaction,
 * mmap, /proc/self/maps): each trial starts it a little later after the
 * fork began, so that some trial's fork lands in the middle.
 */
static void t_fork_overflow_lock(void)
{
	int trials = t_emulated() ? 8 : 100;

	for (int i = 0; i < trials; i++) {
		long pid = t_fork();
		int st;

		T_ASSERT(pid >= 0);
		if (pid == 0) {
			/* a fresh process with the report off: one thread turns it on,
			 * this one forks at about the same moment (0 to 250 us apart) */
			struct turn_on o = { 0, 0, (int64_t)(i * 37 % 100) * 2500 };
			struct tb_thread *t;
			long g;

			if (tb_thread_spawn(&t, &small, turn_on, &o) != 0)
				tb_exit(5);
			while (!__atomic_load_n(&o.ready, __ATOMIC_ACQUIRE))
				;
			__atomic_store_n(&o.go, 1, __ATOMIC_RELEASE);
			g = tb_fork();
			if (g == 0)
				tb_exit(tb_thread_report_overflows() == 0 ? 0 : 2);
			st = wait_child(g, CHILD_MS);
			tb_exit(st == 0 && tb_thread_join(t) == 0 ? 0 : st == -1 ? 6 : 7);
		}
		st = wait_child(pid, 2 * CHILD_MS);
		T_EXPECT_EQ(st, 0);
		if (st != 0) {
			tb_dprintf(1, "# trial %d of %d: %s\n", i + 1, trials,
				   st == 6 ? "the grandchild hung" : "failed");
			break;
		}
	}
}

/* ---- the forking thread ends in the child: another thread joins it */

struct forker {
	uint32_t go, done;
	int status;
};

static int join_forker(void *p)
{
	int res = -1, r = tb_thread_timedjoin(p, 2 * SEC, &res);

	tb_exit(r == 0 && res == 5 ? 0 : r == -ETIMEDOUT ? 2 : 3);
}

static int fork_then_exit(void *p)
{
	struct forker *f = p;
	struct tb_thread *g;
	long pid;

	pid = tb_fork();
	if (pid == 0) {
		if (tb_thread_spawn(&g, &small, join_forker, tb_thread_self()) != 0)
			tb_exit(4);
		tb_thread_exit(5);
	}
	f->status = wait_child(pid, CHILD_MS);
	return 0;
}

static void t_fork_join_forker(void)
{
	struct forker f = { 0, 0, -3 };
	struct tb_thread *t;

	t_threads_settle(t_threads_at_start > 0 ? t_threads_at_start : 1);
	T_ASSERT(tb_thread_spawn(&t, &small, fork_then_exit, &f) == 0);
	tb_thread_join(t);
	T_EXPECT_EQ(f.status, 0);
}

/* ---- a detached forker caches its mapping in the child; trim returns */

static int trim_cache(void *p)
{
	(void)p;
	tb_sleep_ns(100 * MS); /* the forker has ended by then, cached */
	tb_thread_cache_trim();
	tb_exit(0);
}

static int detached_fork(void *p)
{
	struct forker *f = p;
	struct tb_thread *g;
	long pid;

	while (!__atomic_load_n(&f->go, __ATOMIC_ACQUIRE))
		tb_thread_yield();
	pid = tb_fork();
	if (pid == 0) {
		if (tb_thread_spawn(&g, &small, trim_cache, 0) != 0)
			tb_exit(4);
		return 0; /* detached: caches its own mapping and exits */
	}
	f->status = wait_child(pid, CHILD_MS);
	__atomic_store_n(&f->done, 1, __ATOMIC_RELEASE);
	return 0;
}

static void t_fork_detached_trim(void)
{
	struct forker f = { 0, 0, -3 };
	struct tb_thread *t;

	tb_thread_cache_trim(); /* room in the cache for the forker's mapping */
	t_threads_settle(t_threads_at_start > 0 ? t_threads_at_start : 1);
	T_ASSERT(tb_thread_spawn(&t, &small, detached_fork, &f) == 0);
	tb_thread_detach(t);
	__atomic_store_n(&f.go, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&f.done, __ATOMIC_ACQUIRE))
		tb_sleep_ns(MS);
	T_EXPECT_EQ(f.status, 0);
}

/* ---- a fork while other threads are inside thrd_create */

enum { CREATORS = 40 };

struct creators {
	uint32_t go, stop, made;
};

static int nothing(void *p)
{
	(void)p;
	return 0;
}

static int creator(void *p)
{
	struct creators *c = p;
	thrd_t t;

	while (!__atomic_load_n(&c->go, __ATOMIC_ACQUIRE))
		tb_thread_yield();
	while (!__atomic_load_n(&c->stop, __ATOMIC_ACQUIRE)) {
		if (thrd_create(&t, nothing, 0) != thrd_success)
			continue;
		thrd_detach(t);
		__atomic_add_fetch(&c->made, 1, __ATOMIC_RELAXED);
	}
	return 0;
}

/*
 * 40 threads keep 32 start records busy: a child forked then must still
 * create threads. (Not under qemu-user: it can deadlock a child forked while
 * threads exit, inside its own clone lock; see t_fork in harness.h.)
 */
static void t_fork_thrd_create(void)
{
	int trials = t_emulated() ? 4 : 20, made = t_emulated() ? 60 : 200;

	if (tb_getenv("TB_QEMU_USER"))
		T_SKIP("qemu-user deadlocks a child forked while threads exit");
	for (int i = 0; i < trials; i++) {
		long pid = t_fork();
		int st;

		T_ASSERT(pid >= 0);
		if (pid == 0) {
			static struct creators c;
			struct tb_thread *t[CREATORS];
			thrd_t x;
			long g;

			for (int j = 0; j < CREATORS; j++)
				if (tb_thread_spawn(&t[j], &small, creator, &c) != 0)
					tb_exit(5);
			__atomic_store_n(&c.go, 1, __ATOMIC_RELEASE);
			while (__atomic_load_n(&c.made, __ATOMIC_RELAXED) < (uint32_t)made)
				tb_thread_yield();
			g = tb_fork();
			if (g == 0) {
				int res = -1;

				if (thrd_create(&x, nothing, (void *)0) != thrd_success)
					tb_exit(2);
				thrd_join(x, &res);
				tb_exit(res == 0 ? 0 : 3);
			}
			__atomic_store_n(&c.stop, 1, __ATOMIC_RELEASE);
			st = wait_child(g, CHILD_MS);
			for (int j = 0; j < CREATORS; j++)
				tb_thread_join(t[j]);
			tb_exit(st == 0 ? 0 : st == -1 ? 6 : 7);
		}
		st = wait_child(pid, 4 * CHILD_MS);
		T_EXPECT_EQ(st, 0);
		if (st != 0) {
			tb_dprintf(1, "# trial %d of %d: %s\n", i + 1, trials,
				   st == 6 ? "the grandchild hung" : "failed");
			break;
		}
	}
}

/* ---- tb_atfork */

static char order[32];
static uint32_t order_len;

static void note(char c)
{
	order[__atomic_fetch_add(&order_len, 1, __ATOMIC_RELAXED) % 31] = c;
}

static void prep_a(void) { note('A'); }
static void prep_b(void) { note('B'); }
static void par_a(void) { note('a'); }
static void par_b(void) { note('b'); }
static void kid_a(void) { note('1'); }
static void kid_b(void) { note('2'); }

static int nested_atfork, nested_fork;

static void prep_nested(void)
{
	nested_atfork = tb_atfork(prep_a, 0, 0);
	nested_fork = (int)tb_fork();
	note('N');
}

/* prepare newest first, parent and child oldest first; a handler may not fork or register */
static void t_atfork_order(void)
{
	long pid;
	int st;

	T_ASSERT(tb_atfork(prep_a, par_a, kid_a) == 0);
	T_ASSERT(tb_atfork(prep_b, par_b, kid_b) == 0);
	T_ASSERT(tb_atfork(prep_nested, 0, 0) == 0);
	T_EXPECT_EQ(tb_atfork(0, 0, 0), 0);
	order_len = 0;
	pid = t_fork();
	T_ASSERT(pid >= 0);
	if (pid == 0) {
		order[order_len] = 0;
		tb_exit(t_streq(order, "NBA12") && nested_atfork == -EDEADLK &&
				nested_fork == -EDEADLK ? 0 : 1);
	}
	order[order_len] = 0;
	T_EXPECT(t_streq(order, "NBAab"));
	if (!t_streq(order, "NBAab"))
		tb_dprintf(1, "# parent's handlers ran as '%s'\n", order);
	T_EXPECT_EQ(nested_atfork, -EDEADLK);
	T_EXPECT_EQ(nested_fork, -EDEADLK);
	st = wait_child(pid, CHILD_MS);
	T_EXPECT_EQ(st, 0);
}

/* the table holds TB_ATFORK_MAX registrations, then -ENOMEM (in a child: the table stays) */
static void t_atfork_full(void)
{
	long pid = t_fork();

	T_ASSERT(pid >= 0);
	if (pid == 0) {
		int n = 0, r;

		while ((r = tb_atfork(0, 0, kid_a)) == 0 && n <= TB_ATFORK_MAX)
			n++;
		order_len = 0;
		/* a child of the child runs every child handler */
		pid = tb_fork();
		if (pid == 0)
			tb_exit((int)order_len);
		tb_exit(r == -ENOMEM && n <= TB_ATFORK_MAX && wait_child(pid, CHILD_MS) >= n ? 0 : 1);
	}
	T_EXPECT_EQ(wait_child(pid, CHILD_MS), 0);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv,
		     (struct t_case[]){ T_CASE(t_fork_tid_lock), T_CASE(t_fork_tid_lock_affinity),
					T_CASE(t_fork_name_lock), T_CASE(t_fork_keys_lock),
					T_CASE(t_fork_overflow_lock), T_CASE(t_fork_join_forker),
					T_CASE(t_fork_detached_trim), T_CASE(t_fork_thrd_create),
					T_CASE(t_atfork_order), T_CASE(t_atfork_full), { 0 } });
}
