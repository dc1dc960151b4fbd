/*
 * The only includer of arch/<arch>/ headers, and the check of the arch
 * contract (arch/README.md). There are no defaults: a port that forgets an
 * item fails to build here rather than inheriting a wrong value.
 */
#ifndef TB_CORE_ARCH_H
#define TB_CORE_ARCH_H

#include "syscall.h"

#ifndef TB_FAULT
#define TB_FAULT 0 /* meson -Dfault=true: every system call can be made to fail (core/base/fault.c) */
#endif
#if TB_FAULT
/*
 * Testing only: from here on every arch_syscall6 the runtime's C code makes
 * (sys.h's wrappers, the time64 fallback, the arch headers below: the thread
 * pointer, sigaction) goes through core/base/fault.c, which may fail it on
 * demand; (arch_syscall6)(...) is the real call. The asm's own system calls
 * cannot be reached: _start's (none), tb__clone's child exit, and
 * tb__unmap_and_exit's munmap and exit. tb__clone and arch_fork are
 * checked at their C call sites (internal.h, below).
 */
__attribute__((visibility("hidden"))) long tb__fault_syscall6(long n, long a, long b, long c,
							       long d, long e, long f);
/* 0, or the -errno a call of n with first arguments a..d is to fail with */
__attribute__((visibility("hidden"))) long tb__fault_check(long n, long a, long b, long c, long d);
#define arch_syscall6(n, a, b, c, d, e, f) tb__fault_syscall6(n, a, b, c, d, e, f)

static inline long tb__fault_fork(void)
{
	long r = tb__fault_check(__NR_clone, 0, 0, 0, 0);

	return r ? r : (arch_fork)();
}
#define arch_fork() tb__fault_fork()
#endif

#include "tp.h"
#include "cpu.h"
#include "vdso.h"
#include "signal.h"

#ifndef ARCH_TLS_ABOVE_TP
#error "arch/<arch>/tp.h must define ARCH_TLS_ABOVE_TP (1: variant I, 0: variant II)"
#endif
#ifndef ARCH_TLS_GAP_ABOVE_TP
#error "arch/<arch>/tp.h must define ARCH_TLS_GAP_ABOVE_TP"
#endif
#ifndef ARCH_TP_OFFSET
#error "arch/<arch>/tp.h must define ARCH_TP_OFFSET"
#endif
#ifndef ARCH_SIGSET_BYTES
#error "arch/<arch>/syscall.h must define ARCH_SIGSET_BYTES"
#endif
#ifndef ARCH_CLONE_TLS_IS_TP
#error "arch/<arch>/tp.h must define ARCH_CLONE_TLS_IS_TP (1, or 0 with arch_clone_tls())"
#endif
#ifndef ARCH_STACK_ALIGN
#error "arch/<arch>/cpu.h must define ARCH_STACK_ALIGN"
#endif
#ifndef ARCH_STACK_GROWS_UP
#error "arch/<arch>/cpu.h must define ARCH_STACK_GROWS_UP (0: down, 1: up, the guard above the stack)"
#endif
#ifndef ARCH_VA_LDOUBLE_ALIGN
#error "arch/<arch>/cpu.h must define ARCH_VA_LDOUBLE_ALIGN (0, or the alignment format.c gives a pointer va_list before a long double)"
#endif
#ifndef ARCH_VDSO_CLOCK_GETTIME
#error "arch/<arch>/vdso.h must define ARCH_VDSO_CLOCK_GETTIME (1 with its symbol and version, or 0)"
#endif
#if ARCH_VDSO_CLOCK_GETTIME && (!defined(ARCH_VDSO_CLOCK_GETTIME_SYM) || !defined(ARCH_VDSO_VERSION))
#error "arch/<arch>/vdso.h must name ARCH_VDSO_CLOCK_GETTIME_SYM and ARCH_VDSO_VERSION"
#endif
#ifndef ARCH_FAULT_NEEDS_SP
#error "arch/<arch>/signal.h must define ARCH_FAULT_NEEDS_SP (0: si_addr is reliable, 1: with arch_fault_sp())"
#endif
#if defined(ARCH_SSP_TP_OFFSET) == defined(ARCH_SSP_GLOBAL)
#error "arch/<arch>/tp.h must define one of ARCH_SSP_TP_OFFSET (the canary at TP + offset) or ARCH_SSP_GLOBAL 1 (__stack_chk_guard)"
#endif
#ifndef ARCH_RELOC_RELATIVE
#error "arch/<arch>/cpu.h must define ARCH_RELOC_RELATIVE (the R_*_RELATIVE type, or 0: no static-PIE)"
#endif
#ifndef ARCH_RELOC_JUMP_SLOT
#error "arch/<arch>/cpu.h must define ARCH_RELOC_JUMP_SLOT (the R_*_JUMP_SLOT type a static PIE keeps, or 0: none)"
#endif
#ifndef ARCH_RSEQ
#error "arch/<arch>/cpu.h must define ARCH_RSEQ (1 with ARCH_RSEQ_SIG, or 0: the kernel has no rseq there)"
#endif
#if ARCH_RSEQ && !defined(ARCH_RSEQ_SIG)
#error "arch/<arch>/cpu.h must define ARCH_RSEQ_SIG, the rseq abort signature of the ABI"
#endif
#ifndef ARCH_ATOMICS_INLINE
#error "arch/<arch>/cpu.h must define ARCH_ATOMICS_INLINE (1: inline, 0: libgcc's lock-free helpers)"
#endif

/*
 * What clone's tls argument must be for a thread whose TP is tp: TP itself
 * on most ABIs; otherwise the arch builds it in scratch (a descriptor, on one ABI).
 */
#if ARCH_CLONE_TLS_IS_TP
struct arch_clone_tls {
	char unused;
};

static inline void *arch_clone_tls(struct arch_clone_tls *scratch, uintptr_t tp)
{
	(void)scratch;
	return (void *)tp;
}
#endif

/*
 * 32-bit and pointer atomics are inline instructions, or (ARCH_ATOMICS_INLINE
 * 0) calls to libgcc helpers that the arch states are lock-free, such as
 * ARMv5's kuser cmpxchg; never libatomic's locks (tests/freestanding.sh
 * checks that the archive needs nothing beyond libgcc).
 */
#if ARCH_ATOMICS_INLINE
_Static_assert(__GCC_ATOMIC_INT_LOCK_FREE == 2, "32-bit atomics must be lock-free");
_Static_assert(__GCC_ATOMIC_POINTER_LOCK_FREE == 2, "pointer atomics must be lock-free");
#else
_Static_assert(__GCC_ATOMIC_INT_LOCK_FREE >= 1, "32-bit atomics must not take a lock");
_Static_assert(__GCC_ATOMIC_POINTER_LOCK_FREE >= 1, "pointer atomics must not take a lock");
#endif

#endif
