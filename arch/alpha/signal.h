/*
 * alpha signal actions: the kernel's struct has no restorer field;
 * rt_sigaction takes the restorer as a fifth argument instead (0 here).
 */
#ifndef TB_ARCH_SIGNAL_H
#define TB_ARCH_SIGNAL_H

#include <asm/signal.h>
#include "cpu.h"
#include "syscall.h"

/* rt_sigaction's struct sigaction, as this kernel reads it */
struct arch_sigaction {
	__sighandler_t handler;
	unsigned long flags;
	unsigned long mask[ARCH_SIGSET_BYTES / sizeof(unsigned long)];
};

/*
 * With set, installs handler for sig with flags and an empty mask; without,
 * changes nothing. Stores the previous handler in *old (unless NULL).
 * Returns 0 or -errno. The handler must not return (no restorer is given).
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
