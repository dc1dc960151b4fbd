/*
 * 64-bit division for riscv32, whose div/rem are 32 bits wide. Compilers
 * call these four for a 64-bit / or %; libgcc would provide them, but there
 * is no riscv32 gcc on Debian and so no libgcc (cross/riscv32.ini). Each
 * runtime timeout split into seconds needs one (core/sync/futex.c, core/base/time.c).
 *
 * Shift-subtract, no 64-bit / anywhere (the compiler would turn it into a
 * call to these very functions); operands that fit in 32 bits take the
 * hardware divide. A zero divisor traps, as it does under libgcc.
 */
#include <stdint.h>
#include "cpu.h"
#include "../common/shift_divide.h"

#define hidden __attribute__((visibility("hidden")))

hidden uint64_t __udivdi3(uint64_t n, uint64_t d);
hidden uint64_t __umoddi3(uint64_t n, uint64_t d);
hidden int64_t __divdi3(int64_t a, int64_t b);
hidden int64_t __moddi3(int64_t a, int64_t b);

/* operands that fit in 32 bits take the hardware divide */
static uint64_t udivmod(uint64_t n, uint64_t d, uint64_t *rem)
{
	if (d && !(n >> 32) && !(d >> 32)) {
		*rem = (uint32_t)n % (uint32_t)d;
		return (uint32_t)n / (uint32_t)d;
	}
	return tb__shift_divide(n, d, rem);
}

uint64_t __udivdi3(uint64_t n, uint64_t d)
{
	uint64_t r;

	return udivmod(n, d, &r);
}

uint64_t __umoddi3(uint64_t n, uint64_t d)
{
	uint64_t r;

	udivmod(n, d, &r);
	return r;
}

/* magnitudes as unsigned, so INT64_MIN needs no special case */
static uint64_t mag(int64_t x)
{
	return x < 0 ? -(uint64_t)x : (uint64_t)x;
}

int64_t __divdi3(int64_t a, int64_t b)
{
	uint64_t r, q = udivmod(mag(a), mag(b), &r);

	return (int64_t)((a < 0) != (b < 0) ? -q : q);
}

int64_t __moddi3(int64_t a, int64_t b)
{
	uint64_t r;

	udivmod(mag(a), mag(b), &r);
	return (int64_t)(a < 0 ? -r : r);
}
