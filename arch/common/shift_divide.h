/*
 * 64-bit unsigned division by shift and subtract, for the ports whose
 * compiler helpers this library provides itself (alpha has no divide
 * instruction; riscv32 has no libgcc). It contains no / or %, which the
 * compiler would turn into a call to those very helpers. A zero divisor
 * traps, as it does under libgcc. Included by the arch's .c file after its
 * cpu.h (arch_trap).
 */
#ifndef TB_ARCH_SHIFT_DIVIDE_H
#define TB_ARCH_SHIFT_DIVIDE_H

#include <stdint.h>

static inline uint64_t tb__shift_divide(uint64_t n, uint64_t d, uint64_t *rem)
{
	uint64_t q = 0, bit = 1;

	if (!d)
		arch_trap();
	/* the largest d << k that still fits under n (2d <= n cannot overflow) */
	while (d <= n >> 1) {
		d <<= 1;
		bit <<= 1;
	}
	for (; bit; d >>= 1, bit >>= 1) {
		if (n >= d) {
			n -= d;
			q |= bit;
		}
	}
	*rem = n;
	return q;
}

#endif
