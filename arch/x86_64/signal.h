/*
 * x86_64 signal actions: the generic layout; the kernel requires SA_RESTORER.
 */
#ifndef TB_ARCH_SIGNAL_H
#define TB_ARCH_SIGNAL_H

#include <asm/signal.h>
#include "cpu.h"
#include "syscall.h"

#define ARCH_FAULT_NEEDS_SP 0 /* a guard-page fault's si_addr is the address touched */

/* rt_sigaction's struct sigaction, as this kernel reads it */
struct arch_sigaction {
	__sighandler_t handler;
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask[ARCH_SIGSET_BYTES / sizeof(unsigned long)];
};

/* The kernel insists on a restorer (it refuses to deliver without one); the
 * handlers installed through arch_sigaction never return, so it is never run. */
static inline void arch_sigaction_never_returns(void)
{
	arch_trap();
}

/*
 * With set, installs handler (an SA_SIGINFO one cast to __sighandler_t, or SIG_DFL)
 * for sig with flags and an empty sa_mask; without, changes nothing. Stores
 * the handler that was in place in *old (unless NULL). Returns 0 or -errno.
 * The handler must not return (no restorer is set up for it).
 */
static inline long arch_sigaction(int sig, __sighandler_t handler, unsigned long flags,
				  __sighandler_t *old, int set)
{
	struct arch_sigaction a = { 0 }, o = { 0 };
	long r;

	a.handler = handler;
	a.flags = flags | SA_RESTORER;
	a.restorer = arch_sigaction_never_returns;
	r = arch_syscall6(__NR_rt_sigaction, sig, set ? (long)&a : 0, (long)&o, ARCH_SIGSET_BYTES, 0, 0);
	if (!r && old)
		*old = o.handler;
	return r;
}

#endif
