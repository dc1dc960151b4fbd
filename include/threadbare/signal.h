/*
 * Signals: sets and the calling thread's mask, waiting for a signal, and
 * handlers installed without a line of asm (tb_signal_action supplies the
 * return path each ABI needs). A new thread's mask and alternate signal
 * stack are options of tb_thread_spawn (<threadbare/thread.h>).
 *
 * Signal numbers are the kernel's: take them from <asm/signal.h>, which
 * differs between ABIs (mips, alpha, sparc, hppa number some apart).
 */
#ifndef THREADBARE_SIGNAL_H
#define THREADBARE_SIGNAL_H

#include "types.h"

/* A set of signals 1..128 (every ABI's signals fit), laid out as the
 * kernel's sigset: bit (sig - 1) % bits-per-long of word (sig - 1) / that. */
#define TB_SIGSET_MAX 128
struct tb_sigset {
	unsigned long word[TB_SIGSET_MAX / (8 * sizeof(unsigned long))];
};

#define TB__SIGWORD(sig) (((unsigned)(sig) - 1) / (8 * sizeof(unsigned long)))
#define TB__SIGBIT(sig) (1UL << (((unsigned)(sig) - 1) % (8 * sizeof(unsigned long))))

static inline void tb_sigset_empty(struct tb_sigset *s)
{
	for (__SIZE_TYPE__ i = 0; i < sizeof(s->word) / sizeof(s->word[0]); i++)
		s->word[i] = 0;
}

static inline void tb_sigset_fill(struct tb_sigset *s)
{
	for (__SIZE_TYPE__ i = 0; i < sizeof(s->word) / sizeof(s->word[0]); i++)
		s->word[i] = ~0UL;
}

/* Signals outside 1..TB_SIGSET_MAX are ignored (add, del) or absent (has). */
static inline void tb_sigset_add(struct tb_sigset *s, int sig)
{
	if (sig >= 1 && sig <= TB_SIGSET_MAX)
		s->word[TB__SIGWORD(sig)] |= TB__SIGBIT(sig);
}

static inline void tb_sigset_del(struct tb_sigset *s, int sig)
{
	if (sig >= 1 && sig <= TB_SIGSET_MAX)
		s->word[TB__SIGWORD(sig)] &= ~TB__SIGBIT(sig);
}

static inline bool tb_sigset_has(const struct tb_sigset *s, int sig)
{
	return sig >= 1 && sig <= TB_SIGSET_MAX && (s->word[TB__SIGWORD(sig)] & TB__SIGBIT(sig));
}

/* tb_signal_mask's how (the kernel's values differ between ABIs) */
#define TB_SIG_BLOCK 0
#define TB_SIG_UNBLOCK 1
#define TB_SIG_SETMASK 2

/*
 * The calling thread's signal mask (pthread_sigmask; what a thread-mask
 * call would be: there is one, this), through rt_sigprocmask: blocks, unblocks or sets (how)
 * the signals in set (NULL: changes nothing), and stores the mask that was
 * in place in *old unless old is NULL. Signals beyond the kernel's count
 * (64 on most ABIs) are left out; SIGKILL and SIGSTOP cannot be blocked.
 * Returns 0, or -EINVAL (how is none of the three).
 */
int tb_signal_mask(int how, const struct tb_sigset *set, struct tb_sigset *old);

/*
 * Waits at most timeout_ns nanoseconds (negative: no limit) for one of the
 * signals in set to be pending for the calling thread, takes it and returns
 * its number. The signals should be blocked in every thread (else one may
 * be delivered elsewhere instead). Returns the signal, or:
 *   -EAGAIN  none came in time
 *   -EINTR   a handler for another signal ran
 */
int tb_signal_wait(const struct tb_sigset *set, __INT64_TYPE__ timeout_ns);


/*
 * What a handler learns about a signal: a view of the first fields of the
 * kernel's siginfo, laid out as each ABI's kernel writes them (mips swaps
 * si_code and si_errno; the union starts after three ints on 32-bit ABIs,
 * x32 included, at 16 bytes on 64-bit ones: core/signal.c checks it
 * against the kernel's siginfo_t on every build). Which member of si is meaningful
 * depends on si_code, as for the kernel's siginfo:
 *   si.kill     SI_USER (kill), SI_TKILL (tgkill), SI_QUEUE (sigqueue:
 *               value too), SIGCHLD: the sender's pid and real uid
 *   si.addr     SIGSEGV, SIGBUS, SIGILL, SIGFPE: the faulting address
 * The kernel's siginfo is bigger (128 bytes): read it through the pointer
 * the handler gets, never copy one of these in place of it.
 */
union tb_sigval {
	int sival_int;
	void *sival_ptr;
};

#if defined(__mips__) /* the kernel's __ARCH_HAS_SWAPPED_SIGINFO */
#define TB__SI_CODE_ERRNO int si_code; int si_errno;
#else
#define TB__SI_CODE_ERRNO int si_errno; int si_code;
#endif

struct tb_siginfo {
	int si_signo;
	TB__SI_CODE_ERRNO
	union {
		struct {
			int pid;
			unsigned uid;
			union tb_sigval value;
		} kill;
		void *addr;
	} si;
};

/* struct tb_signal_action's handler besides a function */
#define TB_SIGNAL_DEFAULT ((void (*)(int, struct tb_siginfo *, void *))0)
#define TB_SIGNAL_IGNORE ((void (*)(int, struct tb_siginfo *, void *))1)

/* struct tb_signal_action's flags (the kernel's SA_* values differ between ABIs) */
#define TB_SIGNAL_SIGINFO 0x01   /* the handler takes info and context: always so for
				    tb_signal_action's; reported for an old action */
#define TB_SIGNAL_ONSTACK 0x02   /* runs on the thread's alternate signal stack, if it has one */
#define TB_SIGNAL_RESTART 0x04   /* interrupted system calls restart where they can */
#define TB_SIGNAL_NODEFER 0x08   /* sig is not blocked while its handler runs */
#define TB_SIGNAL_RESETHAND 0x10 /* back to the default action once it ran */
#define TB_SIGNAL_NOCLDSTOP 0x20 /* SIGCHLD: not for stopped or continued children */
#define TB_SIGNAL_NOCLDWAIT 0x40 /* SIGCHLD: children are reaped by the kernel */

struct tb_signal_action {
	/* a function, TB_SIGNAL_DEFAULT or TB_SIGNAL_IGNORE; it gets the signal,
	 * what came with it, and the kernel's ucontext_t */
	void (*handler)(int sig, struct tb_siginfo *info, void *context);
	struct tb_sigset mask;		/* blocked while the handler runs (sig too, unless NODEFER) */
	unsigned flags;			/* TB_SIGNAL_* */
};

/*
 * Sets the action of signal sig for the whole process (rt_sigaction) to
 * *act unless act is NULL, and stores the action that was in place in *old
 * unless old is NULL. A handler installed here may return: the runtime
 * supplies the ABI's return path (SA_RESTORER where the kernel wants one),
 * so no program needs asm for it. It always gets info and context
 * (SA_SIGINFO). An old action installed by other code is reported as the
 * kernel holds it: its handler as stored (call it with info only when its
 * flags have TB_SIGNAL_SIGINFO), flags outside TB_SIGNAL_* dropped.
 * A handler may call what threadbare.h lists as safe in handlers.
 * Returns 0, or, with nothing changed:
 *   -EINVAL  sig is not a signal of this kernel (below 1 or above its
 *            count: 64, 128 on mips), act changes SIGKILL or SIGSTOP, or
 *            act->flags has a bit outside TB_SIGNAL_*
 *   -EBUSY   act would change the interrupt signal, which the runtime's
 *            tb_thread_interrupt uses (<threadbare/thread.h>)
 */
int tb_signal_action(int sig, const struct tb_signal_action *act, struct tb_signal_action *old);

#endif
