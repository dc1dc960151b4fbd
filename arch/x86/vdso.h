/*
 * i386 vDSO (linux-gate.so.1): the 64-bit-time clock_gettime, in kernels since 5.6
 * (an x86_64 kernel gives 32-bit programs the same). Older kernels have only
 * __vdso_clock_gettime with a 32-bit timespec, which is not used: the clock
 * then takes the syscall.
 */
#ifndef TB_ARCH_VDSO_H
#define TB_ARCH_VDSO_H

#define ARCH_VDSO_CLOCK_GETTIME 1
#define ARCH_VDSO_CLOCK_GETTIME_SYM "__vdso_clock_gettime64"
#define ARCH_VDSO_VERSION "LINUX_2.6"

#endif
