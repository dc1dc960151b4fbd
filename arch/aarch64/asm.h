/*
 * Branch protection for the .S files (-mbranch-protection=standard, which
 * the compiler announces to assembler files too): each function starts
 * with a BTI landing pad, and each file carries the GNU property note that
 * says BTI and PAC, since the linker marks the program only when every
 * input object is marked. None of these functions saves LR to memory, so
 * PAC needs nothing more from them.
 */
#ifndef TB_ARCH_ASM_H
#define TB_ARCH_ASM_H

#if defined(__ARM_FEATURE_BTI_DEFAULT) && __ARM_FEATURE_BTI_DEFAULT
#define BTI_C bti c
#define TB_FEATURE_BTI 1
#else
#define BTI_C
#define TB_FEATURE_BTI 0
#endif
#if defined(__ARM_FEATURE_PAC_DEFAULT) && __ARM_FEATURE_PAC_DEFAULT
#define TB_FEATURE_PAC 2
#else
#define TB_FEATURE_PAC 0
#endif

/* NT_GNU_PROPERTY_TYPE_0 with GNU_PROPERTY_AARCH64_FEATURE_1_AND (0xc0000000) */
#if TB_FEATURE_BTI || TB_FEATURE_PAC
#define GNU_PROPERTY_NOTE                                                       \
	.pushsection .note.gnu.property, "a";                                   \
	.balign 8;                                                              \
	.long 4;                                                                \
	.long 16;                                                               \
	.long 5;                                                                \
	.asciz "GNU";                                                           \
	.long 0xc0000000;                                                       \
	.long 4;                                                                \
	.long TB_FEATURE_BTI | TB_FEATURE_PAC;                                  \
	.long 0;                                                                \
	.popsection
#else
#define GNU_PROPERTY_NOTE
#endif

#endif
