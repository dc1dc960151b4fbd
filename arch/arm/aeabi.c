/*
 * libgcc's division helpers call these on a zero divisor. libgcc's own
 * versions (_dvmd_lnx.o) raise SIGFPE through libc's raise(), which does not
 * exist here; trapping is what integer division by zero does on most CPUs.
 * start.S names both, so that the archive member with _start pulls this one
 * in before libgcc is searched; meson.build also passes -u for embedders
 * whose _start is their own.
 */
#include "cpu.h"

__attribute__((visibility("hidden"))) int __aeabi_idiv0(int r);
__attribute__((visibility("hidden"))) long long __aeabi_ldiv0(long long r);

int __aeabi_idiv0(int r)
{
	(void)r;
	arch_trap();
}

long long __aeabi_ldiv0(long long r)
{
	(void)r;
	arch_trap();
}
