/*
 * powerpc vDSO: __kernel_clock_gettime (64-bit timespec) on ppc64, and the
 * 64-bit-time __kernel_clock_gettime64 (kernels since 5.11) on ppc32, both in
 * version LINUX_2.6.15. They return 0, or set CR0.SO and return a positive
 * errno: any nonzero result sends the call to the syscall instead.
 *
 * ELFv1 (big-endian ppc64) uses none: a C call through a pointer there
 * needs a function descriptor, and the vDSO's symbols are bare code
 * addresses. The clock takes the syscall.
 */
#ifndef TB_ARCH_VDSO_H
#define TB_ARCH_VDSO_H

#if defined(__powerpc64__) && (!defined(_CALL_ELF) || _CALL_ELF != 2)
#define ARCH_VDSO_CLOCK_GETTIME 0
#elif defined(__powerpc64__)
#define ARCH_VDSO_CLOCK_GETTIME 1
#define ARCH_VDSO_CLOCK_GETTIME_SYM "__kernel_clock_gettime"
#define ARCH_VDSO_VERSION "LINUX_2.6.15"
#else
#define ARCH_VDSO_CLOCK_GETTIME 1
#define ARCH_VDSO_CLOCK_GETTIME_SYM "__kernel_clock_gettime64"
#define ARCH_VDSO_VERSION "LINUX_2.6.15"
#endif

#endif
