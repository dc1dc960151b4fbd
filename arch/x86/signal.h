/*
 * i386 signal actions (rt_sigaction): handler, flags, restorer, mask.
 * The layout is shared: arch/common/sigaction.h. tb__sigreturn is the
 * restorer of handlers that return (tb_signal_action).
 */
#ifndef TB_ARCH_SIGNAL_H
#define TB_ARCH_SIGNAL_H

#define ARCH_SIGACTION_RESTORER 1
#define ARCH_SIGACTION_FLAGS_FIRST 0
#define ARCH_FAULT_NEEDS_SP 0 /* a guard-page fault's si_addr is the address touched */
/*
 * For tests only: qemu-user (7.2) keeps one GDT for all of a process's
 * threads, so each set_thread_area (every spawn) overwrites the one TLS
 * entry, and a sigreturn, which reloads %gs from it, leaves the thread
 * with the newest thread's TLS. A handler that returns breaks TLS there
 * once a newer thread exists (seen: a spawner's tb_thread_join found
 * itself to be its child, -EDEADLK); a kernel keeps the entries per
 * thread. The tests of returning handlers on several threads skip there.
 */
#define ARCH_QEMU_SIGRETURN_LOSES_TLS 1
/* the restorer a returning handler needs (the kernel's vDSO one may be absent) */
#define ARCH_SIGRETURN_ASM                                                                     \
	".pushsection .text\n.globl tb__sigreturn\n.hidden tb__sigreturn\n"                    \
	".type tb__sigreturn,@function\ntb__sigreturn:\n"                                      \
	"\tmovl $" ARCH_SIGRETURN_STR(__NR_rt_sigreturn) ", %eax\n\tint $0x80\n\thlt\n"        \
	".size tb__sigreturn, .-tb__sigreturn\n.popsection\n"
#define ARCH_SIGRETURN_STR(x) ARCH_SIGRETURN_STR_(x)
#define ARCH_SIGRETURN_STR_(x) #x
#include "../common/sigaction.h"

/* the interrupted PC (core/base/interrupt.c) */
#include <asm/sigcontext.h>
#include <asm/ucontext.h>
#define ARCH_UCONTEXT struct ucontext
#define ARCH_CONTEXT_PC uc_mcontext.eip
#include "../common/context.h"

#endif
