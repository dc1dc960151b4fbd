/*
 * Integer division for alpha, which has no divide instruction. gcc calls
 * __divq, __remq, __divqu, __remqu and the 32-bit __divl, __reml, __divlu,
 * __remlu, which on Linux come from libc (glibc's alpha divrem), not from
 * libgcc: divrem.S gives them their special calling convention and calls
 * tb__alpha_divrem for the arithmetic, a shift-subtract with no division
 * in it (the compiler would turn one into a call to these very helpers).
 * A zero divisor traps.
 */
#include <stdint.h>
#include "cpu.h"
#include "../common/shift_divide.h"

__attribute__((visibility("hidden"))) uint64_t tb__alpha_divrem(uint64_t n, uint64_t d, long op);

/* op: bit 0 remainder, bit 1 signed, bit 2 32-bit (operands and result) */
uint64_t tb__alpha_divrem(uint64_t n, uint64_t d, long op)
{
	int sgn = op & 2, rem = op & 1, w32 = op & 4;
	int64_t sn, sd;
	uint64_t q, r, res;

	if (w32) {
		sn = sgn ? (int64_t)(int32_t)n : (int64_t)(uint32_t)n;
		sd = sgn ? (int64_t)(int32_t)d : (int64_t)(uint32_t)d;
	} else {
		sn = (int64_t)n;
		sd = (int64_t)d;
	}
	if (sgn) {
		q = tb__shift_divide(sn < 0 ? -(uint64_t)sn : (uint64_t)sn, sd < 0 ? -(uint64_t)sd : (uint64_t)sd, &r);
		if ((sn < 0) != (sd < 0))
			q = -q;
		if (sn < 0)
			r = -r;
	} else {
		q = tb__shift_divide((uint64_t)sn, (uint64_t)sd, &r);
	}
	res = rem ? r : q;
	/* 32-bit results are sign-extended in their register, as alpha keeps longs */
	return w32 ? (uint64_t)(int64_t)(int32_t)res : res;
}
