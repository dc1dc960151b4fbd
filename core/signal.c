/*
 * Signal actions (tb_signal_action): the public struct in the kernel's
 * layout for this ABI (arch_sigaction_full), with the restorer a returning
 * handler needs where the program must supply one (ARCH_SIGRETURN_ASM,
 * emitted here once). The checks below hold struct tb_siginfo, whose
 * layout <threadbare/signal.h> states per ABI, to the kernel's siginfo_t
 * on every build.
 */
#include <asm/siginfo.h>
#include <asm/signal.h>
#include <threadbare/signal.h>
#include "internal.h"
#include "sys.h"

#ifdef ARCH_SIGRETURN_ASM
__asm__(ARCH_SIGRETURN_ASM);
#endif

#define SAME_PLACE(tb, k)                                                                      \
	_Static_assert(__builtin_offsetof(struct tb_siginfo, tb) == __builtin_offsetof(siginfo_t, k), \
		       "struct tb_siginfo's " #tb " is not where this kernel writes " #k)
SAME_PLACE(si_signo, si_signo);
SAME_PLACE(si_errno, si_errno);
SAME_PLACE(si_code, si_code);
SAME_PLACE(si.kill.pid, si_pid);
SAME_PLACE(si.kill.uid, si_uid);
SAME_PLACE(si.kill.value, si_value);
SAME_PLACE(si.addr, si_addr);
_Static_assert(sizeof(struct tb_siginfo) <= sizeof(siginfo_t), "a view, not more");

static const struct {
	unsigned tb;
	unsigned long sa;
} flag_map[] = {
	{ TB_SIGNAL_SIGINFO, SA_SIGINFO },     { TB_SIGNAL_ONSTACK, SA_ONSTACK },
	{ TB_SIGNAL_RESTART, SA_RESTART },     { TB_SIGNAL_NODEFER, SA_NODEFER },
	{ TB_SIGNAL_RESETHAND, SA_RESETHAND }, { TB_SIGNAL_NOCLDSTOP, SA_NOCLDSTOP },
	{ TB_SIGNAL_NOCLDWAIT, SA_NOCLDWAIT },
};
#define FLAG_COUNT (sizeof(flag_map) / sizeof(flag_map[0]))
#define KERNEL_SIGNALS (ARCH_SIGSET_BYTES * 8)
#define MASK_WORDS (ARCH_SIGSET_BYTES / sizeof(unsigned long))

int tb_signal_action(int sig, const struct tb_signal_action *act, struct tb_signal_action *old)
{
	struct arch_sigaction a = { 0 }, o = { 0 };
	unsigned all = 0;
	long r;

	if (sig < 1 || sig > KERNEL_SIGNALS)
		return -EINVAL;
	if (act && sig == tb__interrupt_signal_installed())
		return -EBUSY; /* tb_thread_interrupt's (base/interrupt.c) */
	if (act) {
		for (unsigned i = 0; i < FLAG_COUNT; i++) {
			all |= flag_map[i].tb;
			if (act->flags & flag_map[i].tb)
				a.flags |= flag_map[i].sa;
		}
		if ((act->flags & ~all) || sig == SIGKILL || sig == SIGSTOP)
			return -EINVAL;
		a.handler = (__sighandler_t)(void (*)(void))act->handler;
		/* a function gets info; SIG_DFL and SIG_IGN take no flag from it */
		if (act->handler != TB_SIGNAL_DEFAULT && act->handler != TB_SIGNAL_IGNORE)
			a.flags |= SA_SIGINFO;
		for (unsigned i = 0; i < MASK_WORDS; i++)
			a.mask[i] = act->mask.word[i];
	}
	r = arch_sigaction_full(sig, act ? &a : 0, &o);
	if (r)
		return (int)r;
	if (old) {
		old->handler = (void (*)(int, struct tb_siginfo *, void *))(void (*)(void))o.handler;
		old->flags = 0;
		for (unsigned i = 0; i < FLAG_COUNT; i++)
			if (o.flags & flag_map[i].sa)
				old->flags |= flag_map[i].tb;
		tb_sigset_empty(&old->mask);
		for (unsigned i = 0; i < MASK_WORDS; i++)
			old->mask.word[i] = o.mask[i];
	}
	return 0;
}
