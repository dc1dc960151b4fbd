/*
 * alpha thread pointer: the PALcode "unique" value, read with rduniq
 * (call_pal 0x9e, into v0) and written with wruniq (call_pal 0x9f, from
 * a0), both from user mode. TLS variant I with a 16-byte TCB: gcc's
 * local-exec code is rduniq plus !tprel offsets, the block at TP + 16.
 * clone's CLONE_SETTLS argument becomes the child's unique value.
 */
#ifndef TB_ARCH_TP_H
#define TB_ARCH_TP_H

#include <stdint.h>

#define ARCH_TLS_ABOVE_TP 1
#define ARCH_TLS_GAP_ABOVE_TP 16
#define ARCH_TP_OFFSET 0
/* clone's CLONE_SETTLS argument is the thread pointer itself */
#define ARCH_CLONE_TLS_IS_TP 1

/*
 * Stack protector: Debian's gcc 12 has none for alpha ("-fstack-protector not
 * supported for this target") and clang 14 no alpha target. glibc keeps the
 * canary in the global __stack_chk_guard here, where a compiler that gains
 * it would read.
 */
#define ARCH_SSP_GLOBAL 1

static inline uintptr_t arch_tp_get(void)
{
	register uintptr_t v0 __asm__("$0");

	__asm__("call_pal 0x9e" : "=r"(v0));
	return v0;
}

static inline int arch_tp_set(uintptr_t tp)
{
	register uintptr_t a0 __asm__("$16") = tp;

	__asm__ volatile("call_pal 0x9f" : : "r"(a0) : "memory");
	return 0;
}

#endif
