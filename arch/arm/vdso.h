/*
 * arm vDSO: the 64-bit-time clock_gettime (kernels since 5.5). The 32-bit-time
 * __vdso_clock_gettime of older kernels is not used: the clock then takes
 * the syscall, as it does when the kernel maps no vDSO (no user-readable
 * timer).
 */
#ifndef TB_ARCH_VDSO_H
#define TB_ARCH_VDSO_H

#define ARCH_VDSO_CLOCK_GETTIME 1
#define ARCH_VDSO_CLOCK_GETTIME_SYM "__vdso_clock_gettime64"
#define ARCH_VDSO_VERSION "LINUX_2.6"

#endif
