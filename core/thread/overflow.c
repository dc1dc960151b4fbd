/*
 * The opt-in stack-overflow report (tb_thread_report_overflows).
 *
 * A SIGSEGV handler runs on an alternate signal stack: threads spawned once
 * the report is on get one carved from their own mapping (core/thread/thread.c,
 * between the stack and the key table), and the thread that turns it on
 * gets one mapped for it. A fault in the calling thread's guard pages prints
 * one line to fd 2; every SIGSEGV then ends the same way: the handler puts
 * back the default action, unblocks SIGSEGV and raises it again at the
 * thread (tgkill), so the process dies of SIGSEGV as it would have without
 * the report. The handler never returns, so no arch needs a sigreturn
 * trampoline. (Not SA_RESETHAND: qemu-user drops the handler before it
 * builds the frame.)
 */
#include <asm/siginfo.h>
#include <linux/prctl.h>
#include <threadbare/io.h>
#include <threadbare/thread.h>
#include "../internal.h"
#include "../sys.h"

#define ALT_STACK ((size_t)64 << 10)
#define MAIN_GUARD ((size_t)1 << 20) /* the kernel's stack guard gap, around main's far end */

static uintptr_t main_guard_lo, main_guard_hi;
static uint32_t lock;

static bool in_guard(const struct tb__thread *t, uintptr_t a)
{
	if (t->map_base)
		return tb__in_guard(t, a);
	return a >= main_guard_lo && a < main_guard_hi;
}

static void report(const struct tb__thread *t)
{
	char name[TB_THREAD_NAME_MAX + 1], line[96];
	int n;

	/* no name_lock here: the faulting thread may hold it */
	for (n = 0; n < TB_THREAD_NAME_MAX && t->name[n]; n++)
		name[n] = t->name[n];
	name[n] = 0;
	if (!n && tb__syscall2(__NR_prctl, PR_GET_NAME, name) < 0)
		name[0] = 0;
	name[TB_THREAD_NAME_MAX] = 0;
	n = tb_snprintf(line, sizeof(line), "threadbare: thread '%s' (tid %u) overflowed its stack\n",
			name, (unsigned)tb__syscall0(__NR_gettid));
	tb_write_all(2, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

/* A fault in the guard: the address touched is there or, where the kernel
 * may not know that address (ARCH_FAULT_NEEDS_SP), the stack pointer is. */
static bool overflowed(const struct tb__thread *t, const siginfo_t *si, const void *ctx)
{
	if (in_guard(t, (uintptr_t)si->si_addr))
		return true;
#if ARCH_FAULT_NEEDS_SP
	return in_guard(t, arch_fault_sp(si, ctx));
#else
	(void)ctx;
	return false;
#endif
}

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	unsigned long unblock[ARCH_SIGSET_BYTES / sizeof(unsigned long)] = { 0 };

	/* si_code > 0: a fault the kernel raised, not one sent with kill */
	if (si->si_code > 0 && overflowed(tb__self(), si, ctx))
		report(tb__self());
	arch_sigaction(sig, SIG_DFL, 0, 0, 1);
	unblock[(sig - 1) / (8 * sizeof(unsigned long))] = 1UL << ((sig - 1) % (8 * sizeof(unsigned long)));
	tb__syscall4(__NR_rt_sigprocmask, SIG_UNBLOCK, unblock, 0, ARCH_SIGSET_BYTES);
	for (;;) {
		tb__syscall3(__NR_tgkill, tb__syscall0(__NR_getpid), tb__syscall0(__NR_gettid), sig);
		arch_trap();
	}
}

/* The caller's own alternate stack (it was spawned before, or is main);
 * the one it had goes in *old, the mapping's address in *map. */
static int alt_stack_for_caller(stack_t *old, long *map)
{
	long m = tb__sys_mmap(0, ALT_STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	stack_t ss = { 0 };
	long r;

	if (tb__is_err(m))
		return -ENOMEM;
	ss.ss_sp = (void *)m;
	ss.ss_size = ALT_STACK;
	r = tb__syscall2(__NR_sigaltstack, &ss, old);
	if (r)
		tb__sys_munmap((void *)m, ALT_STACK);
	*map = m;
	return (int)r;
}

static void lock_take(void)
{
	while (__atomic_exchange_n(&lock, 1, __ATOMIC_ACQUIRE))
		tb__syscall0(__NR_sched_yield);
}

static void lock_drop(void)
{
	__atomic_store_n(&lock, 0, __ATOMIC_RELEASE);
}

/* tb_fork holds the lock across the fork (core/fork.c), so the child never
 * inherits it from a thread that was turning the report on */
void tb__overflow_fork(int phase)
{
	if (phase == TB__FORK_PREPARE)
		lock_take();
	else
		lock_drop();
}

TB__NO_SSP int tb_thread_report_overflows(void)
{
	static bool on;
	__sighandler_t old = SIG_DFL;
	stack_t old_ss = { 0 };
	long alt = 0;
	void *lo;
	size_t size;
	long r;

	if (!tb__rt.page_size)
		return -EPERM;
	lock_take();
	r = 0;
	if (on)
		goto out;
	r = arch_sigaction(SIGSEGV, 0, 0, &old, 0);
	if (!r && old != SIG_DFL)
		r = -EBUSY; /* the program has its own SIGSEGV handling */
	if (!r)
		r = alt_stack_for_caller(&old_ss, &alt);
	if (r)
		goto out;
	if (tb__main_stack(&lo, &size) == 0) {
		/* The stack stops growing at its far end (RLIMIT_STACK), or at a guard
		 * gap before the neighbouring mapping (no limit): a fault within
		 * MAIN_GUARD of that end, on either side, is an overflow. */
		uintptr_t end = (uintptr_t)lo + (ARCH_STACK_GROWS_UP ? size : 0);
		size_t in = size < MAIN_GUARD ? size : MAIN_GUARD;

		if (ARCH_STACK_GROWS_UP) {
			main_guard_lo = end - in;
			main_guard_hi = end < UINTPTR_MAX - MAIN_GUARD ? end + MAIN_GUARD : UINTPTR_MAX;
		} else {
			main_guard_lo = end > MAIN_GUARD ? end - MAIN_GUARD : 0;
			main_guard_hi = end + in;
		}
	}
	/* (through void (*)(void): an SA_SIGINFO handler travels in sa_handler) */
	r = arch_sigaction(SIGSEGV, (__sighandler_t)(void (*)(void))on_segv,
			   SA_SIGINFO | SA_ONSTACK, 0, 1);
	if (r) {
		/* no report: the caller's alternate stack as it was, ours unmapped */
		tb__syscall2(__NR_sigaltstack, &old_ss, 0);
		tb__sys_munmap((void *)alt, ALT_STACK);
		goto out;
	}
	__atomic_store_n(&tb__alt_stack_bytes, ALT_STACK, __ATOMIC_RELAXED);
	on = true;
out:
	lock_drop();
	return (int)r;
}
