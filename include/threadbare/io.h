/*
 * Just enough output for tests, examples and error messages.
 * Formats: %d %i %u %x %X %p %s %c %% with the l, ll, z length modifiers, a
 * minimum field width (at most 4096: wider is clamped) and the 0 and - flags.
 */
#ifndef THREADBARE_IO_H
#define THREADBARE_IO_H

#include "types.h"

/* Writes all len bytes (retrying short and interrupted writes). Returns len,
 * or -errno; -EIO when a write makes no progress (returns 0). */
long tb_write_all(int fd, const void *buf, __SIZE_TYPE__ len);

/* Like snprintf: returns the length the full output would have. */
int tb_snprintf(char *buf, __SIZE_TYPE__ size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int tb_vsnprintf(char *buf, __SIZE_TYPE__ size, const char *fmt, __builtin_va_list ap);

/* Formats into fd (output longer than 1 KiB is cut). Returns bytes written or -errno. */
int tb_dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
