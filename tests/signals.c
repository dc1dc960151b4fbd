/*
 * Signals (issue 22, parts 1): a new thread's mask, handlers installed with
 * tb_signal_action that return (the runtime's restorer) with siginfo read
 * through struct tb_siginfo, the per-thread alternate signal stack.
 *
 * t_mask_during_spawns forces the bad interleaving: the spawning thread S
 * has SIGUSR1 open, every other thread blocks it, and a sender floods the
 * process with SIGUSR1 while S spawns threads asking SIGUSR1 blocked. The
 * kernel hands a process-directed signal to any thread that does not block
 * it (S is often busy with one already), so a child that starts with S's
 * mask and blocks SIGUSR1 only in its fn (-DTB_TEST_OLD_MASK: what a
 * program had to do before the sigmask option) runs the handler now and
 * then; with the option, never.
 */
#include <asm/signal.h>
#include <linux/signal.h> /* SS_ONSTACK, SS_DISABLE */
#include "sigreturn_tls.h"

#if defined(__NR_getuid32)
#define NR_GETUID __NR_getuid32
#elif defined(__NR_getuid)
#define NR_GETUID __NR_getuid
#else
#define NR_GETUID __NR_getxuid /* alpha */
#endif

#ifdef TB_TEST_OLD_MASK
/*
 * Built against main's code before issue 22 (x86_64 only): no
 * tb_signal_action, so a raw rt_sigaction with a restorer of our own.
 */
struct tb_siginfo;
struct tb_signal_action {
	void (*handler)(int, struct tb_siginfo *, void *);
};
__asm__(".text\nt_restorer:\n\tmovl $15, %eax\n\tsyscall\n");
extern void t_restorer(void);

static int tb_signal_action(int sig, const struct tb_signal_action *a, struct tb_signal_action *o)
{
	struct {
		void *h;
		unsigned long flags;
		void (*r)(void);
		unsigned long mask;
	} k = { (void *)a->handler, SA_SIGINFO | 0x04000000 /* SA_RESTORER */, t_restorer, 0 };

	(void)o;
	return (int)tb_syscall(__NR_rt_sigaction, sig, (long)&k, 0, 8, 0, 0);
}
#endif

static void one(struct tb_sigset *s, int sig)
{
	tb_sigset_empty(s);
	tb_sigset_add(s, sig);
}

/* the kernel's part of two sets (64 or 128 signals) is the same */
static bool same_mask(const struct tb_sigset *a, const struct tb_sigset *b)
{
	for (int sig = 1; sig <= TB_SIGSET_MAX; sig++)
		if (tb_sigset_has(a, sig) != tb_sigset_has(b, sig))
			return false;
	return true;
}

/* ---- the mask at spawn ---- */

static struct {
	uint32_t spawner_tid;
	uint32_t spawned;	/* children S has spawned so far */
	uint32_t done;
	uint32_t handled;	/* SIGUSR1 handlers run in S */
	uint32_t wrong;		/* SIGUSR1 handlers run in a child that asked it blocked */
	uint32_t bad_mask;
	int spawns, signals;
} ms;

static void on_usr1(int sig, struct tb_siginfo *info, void *ctx)
{
	(void)sig, (void)info, (void)ctx;
	if (tb_thread_id() == __atomic_load_n(&ms.spawner_tid, __ATOMIC_RELAXED))
		__atomic_add_fetch(&ms.handled, 1, __ATOMIC_RELAXED);
	else
		__atomic_add_fetch(&ms.wrong, 1, __ATOMIC_RELAXED);
}

static int child(void *p)
{
	struct tb_sigset want, now;

	(void)p;
	one(&want, SIGUSR1);
#ifdef TB_TEST_OLD_MASK
	tb_signal_mask(TB_SIG_BLOCK, &want, 0);
#endif
	T_EXPECT_EQ(tb_signal_mask(TB_SIG_BLOCK, 0, &now), 0);
	if (!same_mask(&now, &want))
		__atomic_add_fetch(&ms.bad_mask, 1, __ATOMIC_RELAXED);
	return 5;
}

static int spawner(void *p)
{
	struct tb_sigset usr1;
	struct tb_thread_config cfg = { .stack_size = 64 << 10 };

	(void)p;
	one(&usr1, SIGUSR1);
#ifndef TB_TEST_OLD_MASK
	cfg.sigmask = &usr1;
#else
	tb_signal_mask(TB_SIG_UNBLOCK, &usr1, 0); /* spawned with the main thread's */
#endif
	__atomic_store_n(&ms.spawner_tid, tb_thread_id(), __ATOMIC_RELEASE);
	for (int i = 0; i < ms.spawns; i++) {
		struct tb_thread *t;

		if (tb_thread_spawn(&t, &cfg, child, 0) != 0) {
			T_EXPECT(0);
			break;
		}
		__atomic_store_n(&ms.spawned, (uint32_t)i + 1, __ATOMIC_RELEASE);
		T_EXPECT_EQ(tb_thread_join(t), 5);
	}
	__atomic_store_n(&ms.done, 1, __ATOMIC_RELEASE);
	return 0;
}

/* process-directed SIGUSR1s, paced to the spawns: signals/spawns per spawn */
static int sender(void *p)
{
	int pid = (int)tb_syscall(__NR_getpid, 0, 0, 0, 0, 0, 0), per = ms.signals / ms.spawns;

	(void)p;
	for (int sent = 0; sent < ms.signals; sent++) {
		while ((int)__atomic_load_n(&ms.spawned, __ATOMIC_ACQUIRE) * per < sent &&
		       !__atomic_load_n(&ms.done, __ATOMIC_ACQUIRE))
			tb_thread_yield();
		T_EXPECT_EQ(tb_process_kill(pid, SIGUSR1, 0), 0);
	}
	return 0;
}

static void t_mask_during_spawns(void)
{
	struct tb_signal_action act = { .handler = on_usr1 }, old;
	struct tb_sigset usr1, empty, saved;
	struct tb_thread_config blocked = { .stack_size = 64 << 10 }, open = blocked;
	struct tb_thread *s, *d;

	if (t_sigreturn_loses_tls())
		T_SKIP("qemu-user's i386 sigreturn reloads %gs from its one GDT (arch/x86/signal.h)");
	ms.spawns = t_emulated() ? 100 : 1000;
	ms.signals = ms.spawns * 10;
	one(&usr1, SIGUSR1);
	tb_sigset_empty(&empty);
#ifndef TB_TEST_OLD_MASK
	blocked.sigmask = &usr1;
	open.sigmask = &empty;
#endif
	T_ASSERT(tb_signal_action(SIGUSR1, &act, &old) == 0);
	/* only S takes them, or a child that wrongly has SIGUSR1 open */
	T_ASSERT(tb_signal_mask(TB_SIG_BLOCK, &usr1, &saved) == 0);
	T_ASSERT(tb_thread_spawn(&s, &open, spawner, 0) == 0);
	while (!__atomic_load_n(&ms.spawner_tid, __ATOMIC_ACQUIRE))
		tb_thread_yield(); /* S knows itself before the first signal */
	T_ASSERT(tb_thread_spawn(&d, &blocked, sender, 0) == 0);
	T_EXPECT_EQ(tb_thread_join(d), 0);
	T_EXPECT_EQ(tb_thread_join(s), 0);
	/* what is left pending for the process: taken here */
	while (tb_signal_wait(&usr1, 0) == SIGUSR1)
		;
	tb_dprintf(1, "# %u handled by the spawner, %u in children that asked SIGUSR1 blocked, "
		  "%u wrong masks\n", ms.handled, ms.wrong, ms.bad_mask);
	T_EXPECT_EQ(ms.wrong, 0);
	T_EXPECT_EQ(ms.bad_mask, 0);
	T_EXPECT(ms.handled > 0);
	T_EXPECT_EQ(tb_signal_mask(TB_SIG_SETMASK, &saved, 0), 0);
#ifndef TB_TEST_OLD_MASK
	T_EXPECT_EQ(tb_signal_action(SIGUSR1, &old, 0), 0);
#endif
}

#ifndef TB_TEST_OLD_MASK
static int report_mask(void *p)
{
	struct tb_sigset *out = p;

	return tb_signal_mask(TB_SIG_BLOCK, 0, out);
}

/* NULL: the spawner's mask, exactly; a set: exactly that set */
static void t_mask_exact(void)
{
	struct tb_sigset mine, got, ask, saved;
	struct tb_thread_config cfg = { .stack_size = 64 << 10 };
	struct tb_thread *t;

	tb_sigset_empty(&mine);
	tb_sigset_add(&mine, SIGUSR2);
	tb_sigset_add(&mine, SIGHUP);
	tb_sigset_add(&mine, 40);
	T_ASSERT(tb_signal_mask(TB_SIG_SETMASK, &mine, &saved) == 0);
	T_ASSERT(tb_thread_spawn(&t, &cfg, report_mask, &got) == 0);
	T_EXPECT_EQ(tb_thread_join(t), 0);
	T_EXPECT(same_mask(&got, &mine));

	tb_sigset_empty(&ask);
	tb_sigset_add(&ask, SIGINT);
	tb_sigset_add(&ask, 35);
	cfg.sigmask = &ask;
	T_ASSERT(tb_thread_spawn(&t, &cfg, report_mask, &got) == 0);
	T_EXPECT_EQ(tb_thread_join(t), 0);
	T_EXPECT(same_mask(&got, &ask));
	/* and the spawner's own mask is as it was */
	T_EXPECT_EQ(tb_signal_mask(TB_SIG_SETMASK, &saved, &got), 0);
	T_EXPECT(same_mask(&got, &mine));
}

/* ---- handlers that return, and their siginfo ---- */

static struct {
	int runs;
	int signo, code, errno_, pid;
	unsigned uid;
	int value;
	void *local;
	stack_t alt;
} hs;

static void on_usr2(int sig, struct tb_siginfo *info, void *ctx)
{
	int here;

	(void)ctx;
	hs.runs++;
	hs.signo = info->si_signo;
	hs.code = info->si_code;
	hs.errno_ = info->si_errno;
	hs.pid = info->si.kill.pid;
	hs.uid = info->si.kill.uid;
	hs.value = info->si.kill.value.sival_int;
	hs.local = &here;
	tb_syscall(__NR_sigaltstack, 0, (long)&hs.alt, 0, 0, 0, 0);
	T_EXPECT_EQ(sig, SIGUSR2);
}

/* on the newest thread (qemu-i386's sigreturn keeps its TLS), the only one with SIGUSR2 open */
static int siginfo_body(void *p)
{
	int pid = (int)tb_syscall(__NR_getpid, 0, 0, 0, 0, 0, 0);
	unsigned uid = (unsigned)tb_syscall(NR_GETUID, 0, 0, 0, 0, 0, 0);
	siginfo_t si;

	(void)p;

	/* tgkill: SI_TKILL; the handler returns (the restorer) and we go on */
	hs.runs = 0;
	T_EXPECT_EQ(tb_thread_kill(tb_thread_self(), SIGUSR2), 0);
	T_EXPECT_EQ(hs.runs, 1);
	T_EXPECT_EQ(hs.signo, SIGUSR2);
	T_EXPECT_EQ(hs.code, SI_TKILL);
	T_EXPECT_EQ(hs.errno_, 0);
	T_EXPECT_EQ(hs.pid, pid);
	T_EXPECT_EQ(hs.uid, uid);

	/* kill: SI_USER (this thread takes it: every other blocks SIGUSR2) */
	T_EXPECT_EQ(tb_process_kill(pid, SIGUSR2, 0), 0);
	for (int64_t until = t_now_ns() + 10 * SEC; hs.runs < 2 && t_now_ns() < until;)
		tb_thread_yield(); /* the kernel may wake this thread for it a little later */
	T_EXPECT_EQ(hs.runs, 2);
	T_EXPECT_EQ(hs.code, SI_USER);
	T_EXPECT_EQ(hs.pid, pid);
	T_EXPECT_EQ(hs.uid, uid);

	/* rt_tgsigqueueinfo from self: SI_QUEUE with a value */
	for (size_t i = 0; i < sizeof(si); i++)
		((char *)&si)[i] = 0;
	si.si_signo = SIGUSR2;
	si.si_code = SI_QUEUE;
	si.si_pid = pid;
	si.si_uid = uid;
	si.si_int = 4242;
	T_EXPECT_EQ(tb_syscall(__NR_rt_tgsigqueueinfo, pid, tb_thread_id(), SIGUSR2, (long)&si, 0, 0), 0);
	T_EXPECT_EQ(hs.runs, 3);
	T_EXPECT_EQ(hs.code, SI_QUEUE);
	T_EXPECT_EQ(hs.pid, pid);
	T_EXPECT_EQ(hs.value, 4242);
	return 0;
}

static void t_action_siginfo(void)
{
	struct tb_signal_action act = { .handler = on_usr2, .flags = TB_SIGNAL_RESTART }, old, now;
	struct tb_sigset usr2, empty, saved;
	struct tb_thread_config cfg = { .stack_size = 128 << 10, .sigmask = &empty };
	struct tb_thread *t;

	one(&usr2, SIGUSR2);
	tb_sigset_empty(&empty);
	T_ASSERT(tb_signal_action(SIGUSR2, &act, &old) == 0);
	T_EXPECT(old.handler == TB_SIGNAL_DEFAULT);
	T_ASSERT(tb_signal_mask(TB_SIG_BLOCK, &usr2, &saved) == 0);
	T_ASSERT(tb_thread_spawn(&t, &cfg, siginfo_body, 0) == 0);
	T_EXPECT_EQ(tb_thread_join(t), 0);
	T_EXPECT_EQ(tb_signal_mask(TB_SIG_SETMASK, &saved, 0), 0);

	/* the action reads back as installed */
	T_ASSERT(tb_signal_action(SIGUSR2, 0, &now) == 0);
	T_EXPECT(now.handler == on_usr2);
	T_EXPECT_EQ(now.flags, TB_SIGNAL_SIGINFO | TB_SIGNAL_RESTART);
	T_EXPECT_EQ(tb_signal_action(SIGUSR2, &old, 0), 0);
}

/* TB_SIGNAL_ONSTACK on a thread spawned with an alternate stack: the handler runs on it */
static int raise_usr2(void *p)
{
	(void)p;
	hs.runs = 0;
	hs.alt.ss_flags = 0;
	T_EXPECT_EQ(tb_thread_kill(tb_thread_self(), SIGUSR2), 0);
	T_EXPECT_EQ(hs.runs, 1);
	return 0;
}

static void t_action_onstack(void)
{
	struct tb_signal_action act = { .handler = on_usr2, .flags = TB_SIGNAL_ONSTACK }, old;
	struct tb_thread_config cfg = { .stack_size = 64 << 10, .alt_stack_size = 1 };
	struct tb_thread *t;
	char *lo;

	T_ASSERT(tb_signal_action(SIGUSR2, &act, &old) == 0);
	T_ASSERT(tb_thread_spawn(&t, &cfg, raise_usr2, 0) == 0);
	T_EXPECT_EQ(tb_thread_join(t), 0);
	lo = hs.alt.ss_sp;
	T_EXPECT(hs.alt.ss_flags & SS_ONSTACK);
	T_EXPECT(hs.alt.ss_size >= TB_THREAD_ALT_STACK_MIN);
	T_EXPECT((char *)hs.local >= lo && (char *)hs.local < lo + hs.alt.ss_size);

	/* without one: the handler runs on the thread's stack */
	cfg.alt_stack_size = 0;
	T_ASSERT(tb_thread_spawn(&t, &cfg, raise_usr2, 0) == 0);
	T_EXPECT_EQ(tb_thread_join(t), 0);
	T_EXPECT(!(hs.alt.ss_flags & SS_ONSTACK));
	T_EXPECT(hs.alt.ss_flags & SS_DISABLE);
	T_EXPECT_EQ(tb_signal_action(SIGUSR2, &old, 0), 0);
}

/* ---- bad input: a clear errno and nothing changed ---- */

static void t_bad_input(void)
{
	struct tb_signal_action act = { .handler = on_usr2 }, before, after;
	struct tb_thread_config cfg = { .alt_stack_size = (size_t)-1 };
	struct tb_thread *t = 0;

	T_ASSERT(tb_signal_action(SIGUSR2, 0, &before) == 0);
	T_EXPECT_EQ(tb_signal_action(0, &act, 0), -EINVAL);
	T_EXPECT_EQ(tb_signal_action(-3, 0, &after), -EINVAL);
	T_EXPECT_EQ(tb_signal_action(TB_SIGSET_MAX + 1, &act, 0), -EINVAL);
	T_EXPECT_EQ(tb_signal_action(SIGKILL, &act, 0), -EINVAL);
	T_EXPECT_EQ(tb_signal_action(SIGSTOP, &act, 0), -EINVAL);
	T_EXPECT_EQ(tb_signal_action(SIGKILL, 0, &after), 0); /* reading is fine */
	act.flags = 0x1000;
	T_EXPECT_EQ(tb_signal_action(SIGUSR2, &act, &after), -EINVAL);
	T_ASSERT(tb_signal_action(SIGUSR2, 0, &after) == 0);
	T_EXPECT(after.handler == before.handler);
	T_EXPECT_EQ(after.flags, before.flags);
	T_EXPECT_EQ(tb_thread_spawn(&t, &cfg, report_mask, 0), -ENOMEM);
	T_EXPECT(t == 0);
	T_EXPECT_EQ(tb_thread_visit(0, 0), -EINVAL);
}
#endif

int main(int argc, char **argv)
{
	return t_run(argc, argv, (struct t_case[]){
		T_CASE(t_mask_during_spawns),
#ifndef TB_TEST_OLD_MASK
		T_CASE(t_mask_exact),
		T_CASE(t_action_siginfo),
		T_CASE(t_action_onstack),
		T_CASE(t_bad_input),
#endif
		{ 0 } });
}
