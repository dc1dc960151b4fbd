/*
 * hppa thread pointer: control register 27. User code reads it (mfctl);
 * only the kernel writes it: clone's CLONE_SETTLS, or the gateway page's
 * set_thread_pointer at 0xe0 (ble 0xe0(%sr2, %r0) with TP in r26; it
 * returns to r31 and touches nothing else).
 * TLS variant I with an 8-byte TCB gap: gcc's local-exec offsets count the
 * block from TP + 8 (probed under qemu-hppa: with cr27 set to an area, the
 * first .tdata word read at area + 8). No bias (ARCH_TP_OFFSET 0).
 */
#ifndef TB_ARCH_TP_H
#define TB_ARCH_TP_H

#include <stdint.h>

#define ARCH_TLS_ABOVE_TP 1
#define ARCH_TLS_GAP_ABOVE_TP 8
#define ARCH_TP_OFFSET 0
/* clone's CLONE_SETTLS argument is the thread pointer itself */
#define ARCH_CLONE_TLS_IS_TP 1

/*
 * Stack protector: Debian's gcc 12 has none for hppa ("-fstack-protector not
 * supported for this target") and clang 14 no hppa target. glibc keeps the
 * canary in the global __stack_chk_guard here, where a compiler that gains
 * it would read.
 */
#define ARCH_SSP_GLOBAL 1

static inline uintptr_t arch_tp_get(void)
{
	uintptr_t tp;

	__asm__("mfctl %%cr27, %0" : "=r"(tp));
	return tp;
}

/* Main thread only; spawned threads get TP from clone's CLONE_SETTLS. */
static inline int arch_tp_set(uintptr_t tp)
{
	register uintptr_t r26 __asm__("r26") = tp;

	__asm__ volatile("ble 0xe0(%%sr2, %%r0)\n\tnop" : "+r"(r26) : : "r31", "memory");
	return 0;
}

#endif
