/*
 * The rt_sigaction layouts most ABIs share, written once:
 *   handler, flags, restorer, mask    aarch64, arm, i386, m68k, ppc, s390x
 *   handler, flags, mask              riscv, hppa, alpha (whose rt_sigaction
 *                                     takes the restorer as a fifth argument:
 *                                     0, as every call here passes)
 *   flags (unsigned int), handler, mask   mips (o32 and n64)
 * An arch/<a>/signal.h defines ARCH_SIGACTION_RESTORER (1 or 0) and
 * ARCH_SIGACTION_FLAGS_FIRST (1 or 0), and ARCH_SIGACTION_QEMU_TAIL where
 * qemu-user 7.2 reads one word more than the kernel (its signal.h says
 * why), then includes this file.
 */
#ifndef TB_ARCH_SIGACTION_H
#define TB_ARCH_SIGACTION_H

#include <asm/signal.h>
#include "cpu.h"
#include "syscall.h"

#if !defined(ARCH_SIGACTION_RESTORER) || !defined(ARCH_SIGACTION_FLAGS_FIRST)
#error "define ARCH_SIGACTION_RESTORER (1: a restorer before the mask) and ARCH_SIGACTION_FLAGS_FIRST (1: mips)"
#endif

/* rt_sigaction's struct sigaction, as this kernel reads it */
struct arch_sigaction {
#if ARCH_SIGACTION_FLAGS_FIRST
	unsigned int flags;
	__sighandler_t handler;
#else
	__sighandler_t handler;
	unsigned long flags;
#endif
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

#ifdef ARCH_SIGRETURN_ASM
/* the restorer ARCH_SIGRETURN_ASM defines (emitted once, by core/signal.c) */
extern void tb__sigreturn(void) __attribute__((visibility("hidden")));
#endif

/*
 * rt_sigaction with a whole struct: installs *a (NULL: changes nothing)
 * and stores the action in place in *o (NULL: not asked). A handler it
 * installs may return: where the program must supply the return path
 * (ARCH_SIGRETURN_ASM: an SA_RESTORER field, or alpha's fifth argument),
 * this supplies tb__sigreturn; elsewhere the kernel's own (vDSO, sigpage,
 * or a trampoline) serves. Returns 0 or -errno.
 */
static inline long arch_sigaction_full(int sig, struct arch_sigaction *a, struct arch_sigaction *o)
{
	long restorer = 0;

#ifdef ARCH_SIGRETURN_ASM
	restorer = (long)tb__sigreturn;
#if ARCH_SIGACTION_RESTORER
	if (a) {
		a->flags |= SA_RESTORER;
		a->restorer = tb__sigreturn;
		restorer = 0;
	}
#endif
#endif
	return arch_syscall6(__NR_rt_sigaction, sig, (long)a, (long)o, ARCH_SIGSET_BYTES,
			     restorer, 0);
}

#endif
