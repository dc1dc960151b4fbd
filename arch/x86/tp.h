/*
 * i386 thread pointer: the base of the GDT TLS slot that %gs selects. TLS
 * variant II, as on x86_64: the block lies below TP and the word at TP points
 * to itself (compilers load %gs:0).
 *
 * The main thread asks the kernel for a free slot (entry_number -1; 6 under
 * qemu-i386, 12 on an x86_64 kernel) and loads %gs with its selector
 * (entry << 3 | 3: GDT, ring 3). Every thread shares that selector, so the
 * slot in use is always %gs >> 3; clone's tls argument is a user_desc for
 * that slot with the new thread's base.
 */
#ifndef TB_ARCH_TP_H
#define TB_ARCH_TP_H

#include <stdint.h>
#include <asm/ldt.h>
#include "syscall.h"

#define ARCH_TLS_ABOVE_TP 0
#define ARCH_TLS_GAP_ABOVE_TP 0
#define ARCH_TP_OFFSET 0
/* clone's CLONE_SETTLS argument is a struct user_desc: arch_clone_tls() below */
#define ARCH_CLONE_TLS_IS_TP 0

/* Stack protector: gcc and clang read the canary at %gs:0x14. */
#define ARCH_SSP_TP_OFFSET 0x14

_Static_assert(sizeof(struct user_desc) == 16, "set_thread_area's user_desc is 16 bytes");

static inline uintptr_t arch_tp_get(void)
{
	uintptr_t tp;

	__asm__("mov %%gs:0, %0" : "=r"(tp));
	return tp;
}

/* A flat, 4 GiB, 32-bit, writable data segment based at tp (flags 0x51). */
static inline void arch_user_desc(struct user_desc *d, unsigned entry, uintptr_t tp)
{
	*d = (struct user_desc){
		.entry_number = entry,
		.base_addr = (unsigned)tp,
		.limit = 0xfffff,
		.seg_32bit = 1,
		.limit_in_pages = 1,
		.useable = 1,
	};
}

/* Main thread only; spawned threads get TP from clone's CLONE_SETTLS. */
static inline int arch_tp_set(uintptr_t tp)
{
	struct user_desc d;
	long r;

	arch_user_desc(&d, -1U, tp);
	r = arch_syscall6(__NR_set_thread_area, (long)&d, 0, 0, 0, 0, 0);
	if (r)
		return (int)r;
	__asm__ volatile("mov %0, %%gs" : : "r"(d.entry_number << 3 | 3) : "memory");
	return 0;
}

/* What clone's tls argument must be for a thread whose TP is tp. */
struct arch_clone_tls {
	struct user_desc desc;
};

static inline void *arch_clone_tls(struct arch_clone_tls *scratch, uintptr_t tp)
{
	unsigned gs;

	__asm__("mov %%gs, %0" : "=r"(gs));
	arch_user_desc(&scratch->desc, gs >> 3, tp);
	return &scratch->desc;
}

#endif
