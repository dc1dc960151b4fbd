/*
 * What the target core has, from the compiler's predefined macros; macros
 * only, so that the .S files can include it too.
 *
 * ARCH_ARM_TPIDRURO: the user read-only thread ID register exists (ARMv6K
 * and later: armhf). Without it (ARMv5TE: armel) TP comes from the kernel's
 * kuser helper, and there is no yield hint and no ldrex/strex either.
 */
#ifndef TB_ARCH_FEATURES_H
#define TB_ARCH_FEATURES_H

#if __ARM_ARCH >= 7 || defined(__ARM_ARCH_6K__) || defined(__ARM_ARCH_6KZ__) || \
	defined(__ARM_ARCH_6ZK__)
#define ARCH_ARM_TPIDRURO 1
#else
#define ARCH_ARM_TPIDRURO 0
#endif

#endif
