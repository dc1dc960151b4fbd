/*
 * Control-flow protection for x86 .S files (-fcf-protection, which gcc and
 * clang announce to assembler files as __CET__: bit 0 IBT, bit 1 SHSTK):
 * each function starts with ENDBR (the including asm.h names the
 * instruction, endbr64 or endbr32, as TB_ENDBR_INSN), and each file carries
 * the GNU property note with the same bits, since the linker marks the
 * program only when every input object is marked. None of the functions
 * returns past a frame it did not enter, so they suit a shadow stack; but
 * nothing here enables one, and no test enforces IBT (no CET machine or
 * kernel here). Shared by arch/x86 and arch/x86_64.
 */
#ifndef TB_ARCH_COMMON_X86_CET_H
#define TB_ARCH_COMMON_X86_CET_H

#if defined(__CET__) && (__CET__ & 1)
#define ENDBR TB_ENDBR_INSN
#else
#define ENDBR
#endif

/* NT_GNU_PROPERTY_TYPE_0 with GNU_PROPERTY_X86_FEATURE_1_AND (0xc0000002) */
#if defined(__CET__) && __CET__
#if defined(__x86_64__) && !defined(__ILP32__)
#define TB_NOTE_ALIGN 8
#else
#define TB_NOTE_ALIGN 4
#endif
#define GNU_PROPERTY_NOTE                                                       \
	.pushsection .note.gnu.property, "a";                                   \
	.balign TB_NOTE_ALIGN;                                                  \
	.long 4;                                                                \
	.long (4 + 4 + 4 + (TB_NOTE_ALIGN - 4));                                \
	.long 5;                                                                \
	.asciz "GNU";                                                           \
	.long 0xc0000002;                                                       \
	.long 4;                                                                \
	.long __CET__;                                                          \
	.balign TB_NOTE_ALIGN;                                                  \
	.popsection
#else
#define GNU_PROPERTY_NOTE
#endif

#endif
