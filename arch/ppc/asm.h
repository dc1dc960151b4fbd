/*
 * Function entry/exit for the three powerpc ABIs, for the .S files only.
 *
 * ELFv1 (ppc64 big-endian): a function symbol names a descriptor in .opd,
 * { entry, TOC, environment }, and the code starts at the local label
 * .L<name>; callers (and the kernel, for _start) load the entry and r2 from
 * it, and `bl name` is redirected to the code by the linker.
 * ELFv2 (ppc64le) and ppc32: the symbol is the code. None of our asm entry
 * points uses the TOC, so ELFv2 needs no global-entry prologue except in
 * _start (start64.S). `.abiversion 2` sets e_flags; a program whose objects
 * all lack it is loaded as ELFv1 (probed: qemu-ppc64le then treats e_entry
 * as a descriptor and jumps to NULL).
 */
#ifndef TB_ARCH_PPC_ASM_H
#define TB_ARCH_PPC_ASM_H

/* PPC_ELFV1 / PPC_ELFV2: 0 or 1; both 0 on ppc32. */
#ifdef _CALL_ELF
#define PPC_ELFV2 (_CALL_ELF == 2)
#else
#define PPC_ELFV2 0
#endif
#ifdef __powerpc64__
#define PPC_ELFV1 (!PPC_ELFV2)
#else
#define PPC_ELFV1 0
#endif

#if PPC_ELFV1
#define ENTRY(name)                                                                    \
	.globl name;                                                                   \
	.section ".opd", "aw";                                                         \
	.p2align 3;                                                                    \
name:	.quad .L##name, .TOC.@tocbase, 0;                                              \
	.previous;                                                                     \
	.type name, @function;                                                         \
.L##name:
#define END(name) .size name, . - .L##name
#else
#if PPC_ELFV2
	.abiversion 2
#endif
#define ENTRY(name)                                                                    \
	.globl name;                                                                   \
	.type name, @function;                                                         \
name:
#define END(name) .size name, . - name
#endif

#endif
