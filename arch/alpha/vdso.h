/*
 * alpha: no vDSO; the clock takes the syscall.
 */
#ifndef TB_ARCH_VDSO_H
#define TB_ARCH_VDSO_H

#define ARCH_VDSO_CLOCK_GETTIME 0

#endif
