/*
 * riscv64 vDSO: clock_gettime with a 64-bit timespec.
 *
 * riscv32: none. The kernel builds the riscv vDSO's clock functions only
 * for 64-bit kernels (GENERIC_TIME_VSYSCALL if 64BIT); the clock takes
 * clock_gettime64.
 */
#ifndef TB_ARCH_VDSO_H
#define TB_ARCH_VDSO_H

#if __riscv_xlen == 64
#define ARCH_VDSO_CLOCK_GETTIME 1
#define ARCH_VDSO_CLOCK_GETTIME_SYM "__vdso_clock_gettime"
#define ARCH_VDSO_VERSION "LINUX_4.15"
#else
#define ARCH_VDSO_CLOCK_GETTIME 0
#endif

#endif
