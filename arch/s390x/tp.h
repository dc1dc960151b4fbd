/*
 * s390x thread pointer: access registers a0 (high 32 bits) and a1 (low 32
 * bits), read with ear and written with sar from user mode. TLS variant II,
 * as on x86_64: the TLS block lies below TP. The control block sits at TP
 * (glibc's tcbhead_t puts its own tcb pointer at 0 too; the stack protector
 * would read TP + 0x28, and the build has none).
 *
 * Probed under qemu-s390x 7.2: gcc 12's local-exec code is
 * "ear r,a0; sllg r,r,32; ear r,a1" plus a negative @NTPOFF (a lone 8-byte
 * __thread variable lies at TP - 8), and sar/ear round-trip a value set in
 * user mode. The kernel's copy_thread loads a0/a1 from clone's tls
 * argument, so that argument is TP itself.
 */
#ifndef TB_ARCH_TP_H
#define TB_ARCH_TP_H

#include <stdint.h>

#define ARCH_TLS_ABOVE_TP 0
#define ARCH_TLS_GAP_ABOVE_TP 0
#define ARCH_TP_OFFSET 0
/* clone's CLONE_SETTLS argument is the thread pointer itself */
#define ARCH_CLONE_TLS_IS_TP 1

/* Stack protector: gcc and clang read the canary at TP + 40 (a0:a1 + 40). */
#define ARCH_SSP_TP_OFFSET 40

static inline uintptr_t arch_tp_get(void)
{
	uintptr_t tp;

	__asm__("ear %0, %%a0\n\t"
		"sllg %0, %0, 32\n\t"
		"ear %0, %%a1"
		: "=&d"(tp));
	return tp;
}

static inline int arch_tp_set(uintptr_t tp)
{
	__asm__ volatile("sar %%a1, %0\n\t"
			 "srlg %0, %0, 32\n\t"
			 "sar %%a0, %0"
			 : "+d"(tp)
			 :
			 : "memory");
	return 0;
}

#endif
