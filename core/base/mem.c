/*
 * The four functions compilers emit calls to even with -ffreestanding.
 * Built with -fno-tree-loop-distribute-patterns (core/meson.build) so gcc
 * does not turn these loops back into calls to themselves.
 */
#include <stdint.h>
#include <threadbare/string.h>

typedef unsigned long __attribute__((may_alias)) word;

void *memcpy(void *restrict d, const void *restrict s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	if (!(((uintptr_t)dp | (uintptr_t)sp | n) & (sizeof(long) - 1))) {
		for (; n; n -= sizeof(long), dp += sizeof(long), sp += sizeof(long))
			*(word *)(void *)dp = *(const word *)(const void *)sp;
		return d;
	}
	while (n--)
		*dp++ = *sp++;
	return d;
}

void *memmove(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	if (dp == sp || n == 0)
		return d;
	if (dp < sp || dp >= sp + n)
		return memcpy(d, s, n);
	while (n--)
		dp[n] = sp[n];
	return d;
}

void *memset(void *d, int c, size_t n)
{
	unsigned char *dp = d;

	if (!(((uintptr_t)dp | n) & (sizeof(long) - 1))) {
		unsigned long w = (unsigned char)c * (~0UL / 255);

		for (; n; n -= sizeof(long), dp += sizeof(long))
			*(word *)(void *)dp = w;
		return d;
	}
	while (n--)
		*dp++ = (unsigned char)c;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}
