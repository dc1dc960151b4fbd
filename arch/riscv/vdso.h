/*
 * riscv64 vDSO: clock_gettime with a 64-bit timespec.
 */
#ifndef TB_ARCH_VDSO_H
#define TB_ARCH_VDSO_H

#define ARCH_VDSO_CLOCK_GETTIME 1
#define ARCH_VDSO_CLOCK_GETTIME_SYM "__vdso_clock_gettime"
#define ARCH_VDSO_VERSION "LINUX_4.15"

#endif
