/*
 * Whether a signal handler that returns on one of several threads keeps its
 * TLS here: not under qemu-i386, whose sigreturn reloads %gs from the one
 * descriptor table it keeps for all threads (arch/x86/signal.h says so).
 */
#ifndef TB_TEST_SIGRETURN_TLS_H
#define TB_TEST_SIGRETURN_TLS_H

#include "prims.h"
#include "signal.h" /* arch/<arch>/signal.h: ARCH_QEMU_SIGRETURN_LOSES_TLS */

static inline bool t_sigreturn_loses_tls(void)
{
#ifdef ARCH_QEMU_SIGRETURN_LOSES_TLS
	return tb_getenv("TB_QEMU_USER") != 0;
#else
	return false;
#endif
}

#endif
