/*
 * memcpy, memmove, memset and memcmp: the four functions compilers call even
 * with -ffreestanding, which libthreadbare.a provides (core/base/mem.c).
 * The prototypes are C's, so a program's own declarations of them (with
 * restrict or without) agree with these. This is not <string.h>: there is
 * no strlen, strcmp or the rest.
 */
#ifndef THREADBARE_STRING_H
#define THREADBARE_STRING_H

#include "types.h"

/* The kernel's nolibc defines its own four (and its 6.1 size_t differs from
 * the compiler's on 32-bit ABIs): with nolibc first, nothing is declared. */
#if !defined(NOLIBC) && !defined(_NOLIBC_STD_H)
void *memcpy(void *__restrict dst, const void *__restrict src, __SIZE_TYPE__ n);
void *memmove(void *dst, const void *src, __SIZE_TYPE__ n);
void *memset(void *dst, int c, __SIZE_TYPE__ n);
int memcmp(const void *a, const void *b, __SIZE_TYPE__ n);
#endif

#endif
