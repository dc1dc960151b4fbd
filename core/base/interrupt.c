/*
 * Interruptible system calls (tb_syscall_interruptible, and the runtime's
 * own waits through tb__syscall_cp) and the signal that interrupts them.
 *
 * A thread's control block holds one word, interrupt: tb_thread_interrupt
 * (core/thread/thread_info.c) sets it to 1 and then sends the interrupt
 * signal to the thread (tgkill). Only the thread itself clears it, with an
 * exchange, and the call that clears it returns -ECANCELED: that is what
 * "consumed" means. Several interrupts before one is consumed are one.
 *
 * The race every flag-then-syscall design has: the thread checks the word,
 * finds 0, the interrupt lands (word set, signal handled), and the thread
 * then enters the syscall and blocks for good. It is closed the way musl
 * closes it for pthread_cancel: the check and the syscall instruction are
 * one piece of asm per ABI (arch/<arch>/interrupt.S,
 * tb__syscall_cp_asm), between the labels tb__cp_begin and tb__cp_end, the
 * latter just past the syscall instruction. The handler looks at the
 * interrupted program counter (arch_context_pc): if it lies in
 * [tb__cp_begin, tb__cp_end) and the word is set, it moves it to
 * tb__cp_cancel, which returns -ECANCELED without the syscall. Cases:
 *   - the signal lands before the check or between check and syscall:
 *     the PC is in range and the word is set: cancelled, no syscall made;
 *   - the signal lands while the thread is blocked in the syscall: the
 *     handler is installed with SA_RESTART, so a restartable call comes back
 *     with the PC rewound onto the syscall instruction (in range:
 *     cancelled), and one the kernel does not restart (timed waits, sleeps)
 *     returns -EINTR with the PC at tb__cp_end, which tb__syscall_cp turns
 *     into -ECANCELED when the word is set;
 *   - the syscall had completed (PC at or past tb__cp_end, a real result):
 *     the word stays set and the thread's next interruptible call ends at
 *     its check. An interrupt is never lost.
 * The handler moves the PC only when the word is set, so a late copy of an
 * interrupt signal whose request was already consumed (the check saw it
 * first) does nothing: an interrupt never ends an unrelated call. The word
 * is only cleared by its thread, so the cancel path always finds it set.
 * The interrupt signal is installed with SA_RESTART: a thread it hits
 * outside an interruptible call (or with no request pending) resumes what it
 * was doing as if nothing happened, which is why other code never sees it.
 */
#include <asm/siginfo.h>
#include <threadbare/sys.h>
#include <threadbare/thread.h>
#include "../internal.h"
#include "../sys.h"

struct tb__cp_args {
	long n, a, b, c, d, e, f;
};

/* arch/<arch>/interrupt.S */
hidden long tb__syscall_cp_asm(const uint32_t *pending, const struct tb__cp_args *args);
hidden extern const char tb__cp_begin[], tb__cp_end[], tb__cp_cancel[];

#define DEFAULT_SIGNAL 32 /* SIGRTMIN: what glibc and musl keep for their own cancellation */
#define KERNEL_SIGNALS (ARCH_SIGSET_BYTES * 8)

static int chosen = DEFAULT_SIGNAL;
static int installed; /* the signal whose handler is in place; 0: none yet */
static uint32_t install_lock;

int tb__interrupt_signal_installed(void)
{
	return __atomic_load_n(&installed, __ATOMIC_ACQUIRE);
}

static void on_interrupt(int sig, siginfo_t *si, void *ctx)
{
	struct tb__thread *self = tb__self();
	uintptr_t pc = arch_context_pc(si, ctx);

	(void)sig;
	if (pc >= (uintptr_t)tb__cp_begin && pc < (uintptr_t)tb__cp_end &&
	    __atomic_load_n(&self->interrupt, __ATOMIC_SEQ_CST))
		arch_context_set_pc(si, ctx, (uintptr_t)tb__cp_cancel);
}

/* sig's handler, installed unless another is: 0 or -errno (-EBUSY). Under install_lock. */
static int install(int sig)
{
	struct arch_sigaction a = { 0 }, o = { 0 };
	long r;

	if (installed)
		return installed == sig ? 0 : -EBUSY;
	r = arch_sigaction_full(sig, 0, &o);
	if (r)
		return (int)r;
	if (o.handler != SIG_DFL)
		return -EBUSY; /* the program's own: never replaced */
	a.handler = (__sighandler_t)(void (*)(void))on_interrupt;
	a.flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK;
	r = arch_sigaction_full(sig, &a, 0);
	if (r)
		return (int)r;
	__atomic_store_n(&installed, sig, __ATOMIC_RELEASE);
	return 0;
}

static int install_locked(int sig)
{
	int r;

	while (__atomic_exchange_n(&install_lock, 1, __ATOMIC_ACQUIRE))
		tb__syscall0(__NR_sched_yield);
	if (sig == 0)
		sig = chosen;
	r = install(sig);
	if (!r)
		chosen = sig;
	__atomic_store_n(&install_lock, 0, __ATOMIC_RELEASE);
	return r ? r : sig;
}

int tb_interrupt_signal(int sig)
{
	if (sig == 0) {
		int s = __atomic_load_n(&installed, __ATOMIC_ACQUIRE);

		return s ? s : DEFAULT_SIGNAL;
	}
	if (sig < 1 || sig > KERNEL_SIGNALS || sig == SIGKILL || sig == SIGSTOP)
		return -EINVAL;
	sig = install_locked(sig);
	return sig < 0 ? sig : 0;
}

int tb__interrupt_install(void)
{
	int s = __atomic_load_n(&installed, __ATOMIC_ACQUIRE);

	return s ? s : install_locked(0);
}

long tb__syscall_cp(long n, long a, long b, long c, long d, long e, long f)
{
	struct tb__thread *self = tb__self();
	const struct tb__cp_args args = { n, a, b, c, d, e, f };
	long r;

#if TB_FAULT
	r = tb__fault_check(n, a, b, c, d);
	if (r)
		return r;
#endif
	tb__chaos(); /* a chaos build: between the caller's intent and the check */
	r = tb__syscall_cp_asm(&self->interrupt, &args);
	/* the cancel path, or a wait the kernel ended early for the signal */
	if ((r == -ECANCELED || r == -EINTR) && __atomic_load_n(&self->interrupt, __ATOMIC_RELAXED) &&
	    __atomic_exchange_n(&self->interrupt, 0, __ATOMIC_SEQ_CST))
		return -ECANCELED;
	return r;
}

long tb_syscall_interruptible(long n, long a, long b, long c, long d, long e, long f)
{
	return tb__syscall_cp(n, a, b, c, d, e, f);
}

void tb__interrupt_keep(void)
{
	__atomic_store_n(&tb__self()->interrupt, 1, __ATOMIC_SEQ_CST);
}

bool tb_interrupt_take(void)
{
	struct tb__thread *self = tb__self();

	return __atomic_load_n(&self->interrupt, __ATOMIC_RELAXED) &&
	       __atomic_exchange_n(&self->interrupt, 0, __ATOMIC_SEQ_CST);
}
