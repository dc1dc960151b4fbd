/*
 * A signal handler in a thread that has not started yet (issue 17). A thread
 * spawned with a name sets the kernel's copy of it before its fn runs,
 * under its own name lock; a handler that ran there and asked for the
 * thread's own name (threadbare.h allows it) waited for that lock forever.
 * Here a thread sends SIGUSR1 to each new named thread, again and again,
 * until it has started; the handler asks for the name and ends the thread
 * (the runtime's arch_sigaction sets no return path: the handler must not
 * return). Every thread must end, by its fn or by the handler.
 */
#include "prims.h"
#include "signal.h" /* arch/<arch>/signal.h: arch_sigaction */

#define STARTED 1

struct victim {
	uint32_t state;
};

static void on_usr1(int sig)
{
	char buf[TB_THREAD_NAME_MAX + 1];

	(void)sig;
	T_EXPECT_EQ(tb_thread_get_name(0, buf), 7);
	T_EXPECT(t_streq(buf, "starter"));
	tb_thread_exit(7);
}

/* blocks SIGUSR1 first: no handler runs in fn */
static int victim(void *p)
{
	struct victim *v = p;
	unsigned long set[16 / sizeof(unsigned long)] = { 0 };

	set[(SIGUSR1 - 1) / (8 * sizeof(unsigned long))] =
		1UL << ((SIGUSR1 - 1) % (8 * sizeof(unsigned long)));
	tb_syscall(__NR_rt_sigprocmask, SIG_BLOCK, (long)set, 0, ARCH_SIGSET_BYTES, 0, 0);
	__atomic_store_n(&v->state, STARTED, __ATOMIC_RELEASE);
	return 1;
}

static void t_signal_before_fn(void)
{
	struct tb_thread_config cfg = { .stack_size = 128 << 10, .name = "starter" };
	int n = t_emulated() ? 100 : 1000, by_handler = 0;

	T_ASSERT(arch_sigaction(SIGUSR1, on_usr1, 0, 0, 1) == 0);
	for (int i = 0; i < n; i++) {
		struct victim v = { 0 };
		struct tb_thread *t;
		int64_t until;
		int res = 0, r;

		T_ASSERT(tb_thread_spawn(&t, &cfg, victim, &v) == 0);
		/* the first signal a little later each time (0 to 40 us after the
		 * spawn): one sent before the thread runs is taken at once, before
		 * the name is set; one that lands while it sets it is the case */
		until = t_now_ns() + (int64_t)(i * 7919u % 40000u);
		while (t_now_ns() < until)
			;
		until += (t_emulated() ? 20 : 5) * SEC;
		while (!__atomic_load_n(&v.state, __ATOMIC_ACQUIRE) && t_now_ns() < until &&
		       tb_thread_kill(t, SIGUSR1) == 0)
			;
		r = tb_thread_timedjoin(t, SEC, &res);
		T_EXPECT_EQ(r, 0);
		if (r) {
			tb_dprintf(1, "# thread %d of %d never ended\n", i + 1, n);
			break;
		}
		T_EXPECT(res == 1 || res == 7);
		by_handler += res == 7;
	}
	tb_dprintf(1, "# %d of %d threads ended in the handler\n", by_handler, n);
	arch_sigaction(SIGUSR1, SIG_DFL, 0, 0, 1);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (struct t_case[]){ T_CASE(t_signal_before_fn), { 0 } });
}
