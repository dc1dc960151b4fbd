/*
 * The rt_sigaction layout of the ABIs whose struct sigaction is handler, flags,
 * restorer, mask (aarch64, arm, m68k, ppc, s390x): included by their
 * arch/<a>/signal.h, so that one layout is written once.
 */
#ifndef TB_ARCH_SIGACTION_RESTORER_H
#define TB_ARCH_SIGACTION_RESTORER_H

#include <asm/signal.h>
#include "cpu.h"
#include "syscall.h"

/* rt_sigaction's struct sigaction, as this kernel reads it */
struct arch_sigaction {
	__sighandler_t handler;
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask[ARCH_SIGSET_BYTES / sizeof(unsigned long)];
};

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
	a.flags = flags;
	r = arch_syscall6(__NR_rt_sigaction, sig, set ? (long)&a : 0, (long)&o, ARCH_SIGSET_BYTES, 0, 0);
	if (!r && old)
		*old = o.handler;
	return r;
}


#endif
