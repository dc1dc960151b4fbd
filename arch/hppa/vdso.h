/*
 * hppa: the kernel's vDSO (Linux 5.18 and later) holds only the signal
 * return trampolines, no clock_gettime; the clock takes the syscall.
 */
#ifndef TB_ARCH_VDSO_H
#define TB_ARCH_VDSO_H

#define ARCH_VDSO_CLOCK_GETTIME 0

#endif
