/*
 * Interruption (issue 22, part 2): tb_thread_interrupt ends exactly one
 * interruptible call with -ECANCELED, never hangs one, never ends an
 * unrelated one, and leaves nothing pending once consumed.
 *
 * The race cases force the bad interleaving: each round the target thread
 * is released into an interruptible call that blocks for good (a read of an
 * empty pipe, a long sleep, a cond wait nobody signals, a join of a thread
 * that waits for the round to end), and the interrupt comes after a random
 * delay, from nothing to past the call's entry: before the call's check,
 * between the check and the syscall instruction (the window
 * core/base/interrupt.c closes), or while it blocks. A lost interrupt is a
 * round that does not end in time (the test then frees the thread and
 * fails). After each cancelled call the thread makes a call that must not
 * be cancelled (late copies of the signal land there) and checks that no
 * request is left (tb_interrupt_take).
 */
#include <asm/signal.h>
#include <linux/fcntl.h>
#include <threadbare/condition.h>
#include <threadbare/mutex.h>
#include "prims.h"
#include "sigreturn_tls.h"

enum kind { K_READ, K_SLEEP, K_COND, K_JOIN, K_KINDS };
static const char *const kind_name[] = { "read", "sleep", "cond", "join" };

static struct {
	int fd[2];		/* the empty pipe */
	enum kind kind;
	uint32_t round;		/* the main thread bumps it to start a round */
	uint32_t done;		/* the target sets it to the round it ended */
	uint32_t finish;	/* the target's join child waits for it */
	uint32_t quit;
	long result;		/* what the round's call returned */
	uint32_t stray;		/* a call after the cancelled one that was cancelled too */
	uint32_t left;		/* a request left pending after the cancelled call */
	struct tb_mutex m;
	struct tb_cond c;
} rs;

static int wait_finish(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&rs.finish, __ATOMIC_ACQUIRE))
		tb_futex_wait(&rs.finish, 0, -1); /* its own interrupts: none come */
	return 7;
}

/* The one interruptible call of a round, blocking for good unless interrupted. */
static long blocking_call(enum kind k)
{
	char b;
	long r;
	struct tb_thread *child;

	switch (k) {
	case K_READ:
		return tb_syscall_interruptible(__NR_read, rs.fd[0], (long)&b, 1, 0, 0, 0);
	case K_SLEEP:
		return tb_sleep_ns(3600 * SEC);
	case K_COND:
		tb_mutex_lock(&rs.m);
		r = tb_cond_wait(&rs.c, &rs.m);
		/* m is held again on every return: unlocking it must be ours to do */
		if (!tb_mutex_trylock(&rs.m))
			tb_mutex_unlock(&rs.m);
		else
			r = -1000; /* trylock succeeded: m was not held */
		return r;
	case K_JOIN:
		if (tb_thread_spawn(&child, 0, wait_finish, 0))
			return -2000;
		r = tb_thread_join(child);
		if (r == -ECANCELED) {
			/* the child is still there and still joinable */
			__atomic_store_n(&rs.finish, 1, __ATOMIC_RELEASE);
			tb_futex_wake(&rs.finish, 1);
			if (tb_thread_join(child) != 7)
				r = -3000;
			__atomic_store_n(&rs.finish, 0, __ATOMIC_RELAXED);
		}
		return r;
	default:
		return -4000;
	}
}

static int target(void *arg)
{
	uint32_t seen = 0;

	(void)arg;
	for (;;) {
		uint32_t r;

		/* spin, then yield (one CPU): no interruptible wait here, the
		 * round's interrupt must reach the round's call */
		for (int i = 0; (r = __atomic_load_n(&rs.round, __ATOMIC_ACQUIRE)) == seen &&
				!__atomic_load_n(&rs.quit, __ATOMIC_ACQUIRE);
		     i++)
			if (i > 1000)
				tb_thread_yield();
		if (__atomic_load_n(&rs.quit, __ATOMIC_ACQUIRE))
			return 0;
		seen = r;
		rs.result = blocking_call(rs.kind);
		/* an unrelated call: a late copy of the signal must not end it */
		if (tb_syscall_interruptible(__NR_getpid, 0, 0, 0, 0, 0, 0) < 0)
			__atomic_add_fetch(&rs.stray, 1, __ATOMIC_RELAXED);
		if (tb_interrupt_take())
			__atomic_add_fetch(&rs.left, 1, __ATOMIC_RELAXED);
		__atomic_store_n(&rs.done, seen, __ATOMIC_RELEASE);
		tb_futex_wake(&rs.done, 1);
	}
}

/* A pseudo-random delay of 0 to about 2^bits spin hints. */
static void delay(uint32_t *seed, int bits)
{
	uint32_t n;

	*seed = *seed * 1103515245u + 12345u;
	n = (*seed >> 8) & ((1u << bits) - 1);
	if ((*seed >> 30) == 0)
		n = 0; /* a quarter of the rounds: at once */
	for (volatile uint32_t i = 0; i < n; i++)
		;
}

static bool skip_sigreturn(void)
{
	if (t_sigreturn_loses_tls())
		t_skip_reason = "qemu-i386 loses TLS on a handler's return with several threads";
	return t_sigreturn_loses_tls();
}

static void race(enum kind k, int rounds)
{
	struct tb_thread *t;
	uint32_t seed = 12345 + k;
	int64_t limit = (t_emulated() ? 20 : 5) * SEC;
	int hung = 0, wrong = 0;

	if (skip_sigreturn())
		return;
	T_ASSERT(tb_syscall(__NR_pipe2, (long)rs.fd, O_CLOEXEC, 0, 0, 0, 0) == 0);
	rs.kind = k;
	rs.round = rs.done = rs.quit = rs.stray = rs.left = 0;
	T_ASSERT(tb_thread_spawn(&t, 0, target, 0) == 0);
	for (int i = 1; i <= rounds && !hung; i++) {
		int64_t end = t_now_ns() + limit;
		uint32_t d;

		__atomic_store_n(&rs.round, (uint32_t)i, __ATOMIC_RELEASE);
		delay(&seed, t_emulated() ? 12 : 14);
		T_ASSERT(tb_thread_interrupt(t) == 0);
		while ((d = __atomic_load_n(&rs.done, __ATOMIC_ACQUIRE)) != (uint32_t)i) {
			int64_t left = end - t_now_ns();

			if (left <= 0) {
				hung = i;
				break;
			}
			tb_futex_wait(&rs.done, d, left);
		}
		if (!hung && rs.result != -ECANCELED) {
			if (!wrong)
				tb_dprintf(1, "# %s round %d returned %ld\n", kind_name[k], i, rs.result);
			wrong++;
		}
	}
	if (hung) {
		tb_dprintf(1, "# %s round %d: the interrupt was lost (the call still blocks)\n",
			  kind_name[k], hung);
		/* free it: a byte, a broadcast, the child's release; the sleep cannot be */
		tb_syscall(__NR_write, rs.fd[1], (long)"x", 1, 0, 0, 0);
		tb_cond_broadcast(&rs.c);
		__atomic_store_n(&rs.finish, 1, __ATOMIC_RELEASE);
		tb_futex_wake(&rs.finish, 1);
	}
	__atomic_store_n(&rs.quit, 1, __ATOMIC_RELEASE);
	T_EXPECT_EQ(hung, 0);
	if (!hung)
		T_EXPECT_EQ(tb_thread_join(t), 0);
	T_EXPECT_EQ(wrong, 0);
	T_EXPECT_EQ(rs.stray, 0);
	T_EXPECT_EQ(rs.left, 0);
	tb_syscall(__NR_close, rs.fd[0], 0, 0, 0, 0, 0);
	tb_syscall(__NR_close, rs.fd[1], 0, 0, 0, 0, 0);
}

static int rounds(void)
{
	return t_emulated() ? 1000 : 100000;
}

static void t_race_syscall(void)
{
	race(K_READ, rounds());
}

static void t_race_sleep(void)
{
	race(K_SLEEP, rounds() / 4);
}

static void t_race_cond(void)
{
	race(K_COND, rounds() / 4);
}

static void t_race_join(void)
{
	race(K_JOIN, rounds() / 20); /* a spawn per round */
}

/* ---- latency: a thread blocked in read() returns soon after the interrupt ---- */

static struct {
	int fd[2];
	uint32_t entered, returned;
	int64_t returned_at;
	long r, again, after_write;
	bool left;
} ls;

static int reader(void *arg)
{
	char b = 0;

	(void)arg;
	__atomic_store_n(&ls.entered, 1, __ATOMIC_RELEASE);
	ls.r = tb_syscall_interruptible(__NR_read, ls.fd[0], (long)&b, 1, 0, 0, 0);
	ls.returned_at = t_now_ns();
	__atomic_store_n(&ls.returned, 1, __ATOMIC_RELEASE);
	ls.left = tb_interrupt_take();
	/* the request is consumed: the next call blocks until the byte comes */
	ls.again = tb_syscall_interruptible(__NR_read, ls.fd[0], (long)&b, 1, 0, 0, 0);
	ls.after_write = b;
	return 0;
}

static void t_read_latency(void)
{
	struct tb_thread *t;
	int64_t sent, limit = (t_emulated() ? 100 : 10) * MS;

	if (skip_sigreturn())
		return;
	T_ASSERT(tb_syscall(__NR_pipe2, (long)ls.fd, O_CLOEXEC, 0, 0, 0, 0) == 0);
	T_ASSERT(tb_thread_spawn(&t, 0, reader, 0) == 0);
	while (!__atomic_load_n(&ls.entered, __ATOMIC_ACQUIRE))
		tb_thread_yield();
	tb_sleep_ns(50 * MS); /* well inside the read by now */
	sent = t_now_ns();
	T_ASSERT(tb_thread_interrupt(t) == 0);
	while (!__atomic_load_n(&ls.returned, __ATOMIC_ACQUIRE) && t_now_ns() - sent < 10 * SEC)
		tb_thread_yield();
	T_ASSERT(__atomic_load_n(&ls.returned, __ATOMIC_ACQUIRE));
	T_EXPECT_EQ(ls.r, -ECANCELED);
	if (ls.returned_at - sent > limit)
		tb_dprintf(1, "# returned %lld us after the interrupt\n",
			  (long long)(ls.returned_at - sent) / 1000);
	T_EXPECT(ls.returned_at - sent <= limit);
	tb_sleep_ns(20 * MS);
	T_EXPECT_EQ(tb_syscall(__NR_write, ls.fd[1], (long)"y", 1, 0, 0, 0), 1);
	T_EXPECT_EQ(tb_thread_join(t), 0);
	T_EXPECT(!ls.left);
	T_EXPECT_EQ(ls.again, 1);
	T_EXPECT_EQ(ls.after_write, 'y');
	tb_syscall(__NR_close, ls.fd[0], 0, 0, 0, 0, 0);
	tb_syscall(__NR_close, ls.fd[1], 0, 0, 0, 0, 0);
}

/* ---- a request made outside a call waits for the next one; other calls go on ---- */

static struct {
	int fd[2];
	uint32_t go, entered;
	long plain, next, after;
} ps;

static int plain_reader(void *arg)
{
	char b = 0;

	(void)arg;
	__atomic_store_n(&ps.entered, 1, __ATOMIC_RELEASE);
	/* not interruptible: the signal comes, SA_RESTART resumes the read */
	ps.plain = tb_syscall(__NR_read, ps.fd[0], (long)&b, 1, 0, 0, 0);
	/* the request is still pending: the next interruptible call ends at once */
	ps.next = tb_sleep_ns(3600 * SEC);
	ps.after = tb_sleep_ns(1);
	return 0;
}

static void t_pending_next(void)
{
	struct tb_thread *t;

	if (skip_sigreturn())
		return;
	/* the caller itself: a request on oneself ends one call */
	T_ASSERT(tb_thread_interrupt(tb_thread_self()) == 0);
	T_EXPECT_EQ(tb_syscall_interruptible(__NR_getpid, 0, 0, 0, 0, 0, 0), -ECANCELED);
	T_EXPECT(tb_syscall_interruptible(__NR_getpid, 0, 0, 0, 0, 0, 0) > 0);
	T_ASSERT(tb_thread_interrupt(tb_thread_self()) == 0);
	T_ASSERT(tb_thread_interrupt(tb_thread_self()) == 0); /* two before a call are one */
	T_EXPECT(tb_interrupt_take());
	T_EXPECT(!tb_interrupt_take());
	T_EXPECT_EQ(tb_sleep_ns(1000), 0);

	T_ASSERT(tb_syscall(__NR_pipe2, (long)ps.fd, O_CLOEXEC, 0, 0, 0, 0) == 0);
	T_ASSERT(tb_thread_spawn(&t, 0, plain_reader, 0) == 0);
	while (!__atomic_load_n(&ps.entered, __ATOMIC_ACQUIRE))
		tb_thread_yield();
	tb_sleep_ns(30 * MS);
	T_ASSERT(tb_thread_interrupt(t) == 0);
	tb_sleep_ns(30 * MS);
	T_EXPECT_EQ(tb_syscall(__NR_write, ps.fd[1], (long)"z", 1, 0, 0, 0), 1);
	T_EXPECT_EQ(tb_thread_join(t), 0);
	T_EXPECT_EQ(ps.plain, 1);
	T_EXPECT_EQ(ps.next, -ECANCELED);
	T_EXPECT_EQ(ps.after, 0);
	tb_syscall(__NR_close, ps.fd[0], 0, 0, 0, 0, 0);
	tb_syscall(__NR_close, ps.fd[1], 0, 0, 0, 0, 0);
}

/* ---- bad input: a clear errno and nothing changed ---- */

static int quick(void *arg)
{
	(void)arg;
	return 0;
}

static void t_bad_input(void)
{
	struct tb_signal_action act = { .handler = 0 }, old;
	struct tb_thread *t;
	int sig = tb_interrupt_signal(0);

	T_EXPECT_EQ(sig, 32);
	T_EXPECT_EQ(tb_thread_interrupt(0), -EINVAL);
	T_ASSERT(tb_thread_spawn(&t, 0, quick, 0) == 0);
	T_ASSERT(tb_thread_join(t) == 0);
	T_EXPECT_EQ(tb_thread_interrupt(t), -ESRCH); /* stale */
	T_EXPECT_EQ(tb_interrupt_signal(-1), -EINVAL);
	T_EXPECT_EQ(tb_interrupt_signal(SIGKILL), -EINVAL);
	T_EXPECT_EQ(tb_interrupt_signal(SIGSTOP), -EINVAL);
	T_EXPECT_EQ(tb_interrupt_signal(TB_SIGSET_MAX + 1), -EINVAL);
	/* a signal the program handles is never taken over */
	act.handler = TB_SIGNAL_IGNORE;
	T_ASSERT(tb_signal_action(SIGUSR2, &act, &old) == 0);
	T_EXPECT_EQ(tb_interrupt_signal(SIGUSR2), -EBUSY);
	T_ASSERT(tb_signal_action(SIGUSR2, 0, &act) == 0);
	T_EXPECT(act.handler == TB_SIGNAL_IGNORE);
	T_ASSERT(tb_signal_action(SIGUSR2, &old, 0) == 0);
	/* once chosen, it stays, and the program cannot change its action */
	T_EXPECT_EQ(tb_interrupt_signal(sig), 0);
	T_EXPECT_EQ(tb_interrupt_signal(sig + 1), -EBUSY);
	T_EXPECT_EQ(tb_interrupt_signal(0), sig);
	act.handler = TB_SIGNAL_IGNORE;
	T_EXPECT_EQ(tb_signal_action(sig, &act, 0), -EBUSY);
	T_EXPECT_EQ(tb_signal_action(sig, 0, &old), 0); /* reading is fine */
	T_EXPECT(old.handler != TB_SIGNAL_DEFAULT && old.handler != TB_SIGNAL_IGNORE);
	T_EXPECT(old.flags & TB_SIGNAL_RESTART);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (struct t_case[]){
		T_CASE(t_bad_input),
		T_CASE(t_pending_next),
		T_CASE(t_read_latency),
		T_CASE(t_race_syscall),
		T_CASE(t_race_sleep),
		T_CASE(t_race_cond),
		T_CASE(t_race_join),
		{ 0 } });
}
