/*
 * mips: no vDSO clock is used; the clock always takes the syscall. The
 * kernel's mips vDSO (since 4.4) is abicalls PIC code entered with $25
 * holding its address, which the -mno-abicalls builds (clang, n64) do not
 * promise for a call through a pointer, and it falls back to the syscall
 * itself on the many mips timers that user space cannot read. qemu-user 7.2
 * maps none, so no test here could check a use of it.
 */
#ifndef TB_ARCH_VDSO_H
#define TB_ARCH_VDSO_H

#define ARCH_VDSO_CLOCK_GETTIME 0

#endif
