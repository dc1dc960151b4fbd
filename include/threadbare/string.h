/*
 * memcpy, memmove, memset and memcmp: the four functions compilers call even
 * with -ffreestanding, which libthreadbare.a provides (core/base/mem.c).
 * The prototypes are C's, so a program's own declarations of them (with
 * restrict or without) agree with these. This is not <string.h>: there is
 * no strlen, strcmp or the rest.
 */
#ifndef THREADBARE_STRING_H
#define THREADBARE_STRING_H

#include <stddef.h>

void *memcpy(void *__restrict dst, const void *__restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#endif
