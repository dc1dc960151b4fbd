/*
 * The rt_sigaction layouts most ABIs share, written once: handler, flags,
 * restorer, mask (aarch64, arm, i386, m68k, ppc, s390x) or, without
 * SA_RESTORER, handler, flags, mask (riscv, hppa). An arch/<a>/signal.h
 * defines ARCH_SIGACTION_RESTORER (1 or 0) and includes this file; riscv
 * also defines ARCH_SIGACTION_QEMU_TAIL (see arch/riscv/signal.h).
 */
#ifndef TB_ARCH_SIGACTION_H
#define TB_ARCH_SIGACTION_H

#include <asm/signal.h>
#include "cpu.h"
#include "syscall.h"

#ifndef ARCH_SIGACTION_RESTORER
#error "define ARCH_SIGACTION_RESTORER (1: a restorer field before the mask, 0: none)"
#endif

/* rt_sigaction's struct sigaction, as this kernel reads it */
struct arch_sigaction {
	__sighandler_t handler;
	unsigned long flags;
#if ARCH_SIGACTION_RESTORER
	void (*restorer)(void);
#endif
	unsigned long mask[ARCH_SIGSET_BYTES / sizeof(unsigned long)];
#ifdef ARCH_SIGACTION_QEMU_TAIL
	unsigned long qemu_tail;	/* zero: see the arch's signal.h */
#endif
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
