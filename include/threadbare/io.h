/*
 * Output to a file descriptor, and a printf for integers, characters,
 * strings and pointers (core/base/format.c; its output is glibc's):
 *
 *   conversions  %d %i %u %o %x %X %c %s %p %%
 *   lengths      hh h l ll j z t
 *   flags        - + space # 0
 *   width and precision, as digits or *
 *
 * No floating point: %f %e %g %a (any case, also with L), and %n, %lc, %ls
 * and unknown conversions, are printed as written ("%8.3f") and their
 * argument is taken by its type, so the later conversions stay in step.
 * The declarations carry format(printf): the compiler checks the calls.
 */
#ifndef THREADBARE_IO_H
#define THREADBARE_IO_H

#include "types.h"

/* Writes all len bytes (retrying short and interrupted writes). Returns len,
 * or -errno; -EIO when a write makes no progress (returns 0). */
long tb_write_all(int fd, const void *buf, __SIZE_TYPE__ len);

/* Like snprintf: writes at most size bytes, the NUL included (nothing when
 * size is 0), and returns the length the whole output has, however much
 * was cut. -EOVERFLOW (nothing is promised about buf's contents) when that
 * length, a width or a precision exceeds INT_MAX. */
int tb_snprintf(char *buf, __SIZE_TYPE__ size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int tb_vsnprintf(char *buf, __SIZE_TYPE__ size, const char *fmt, __builtin_va_list ap)
	__attribute__((format(printf, 3, 0)));

/* Formats to fd, any length; up to 1 KiB of output goes out in one write, so
 * that lines from several threads do not mix. Returns the bytes written, or
 * the -errno of the first failed write (tb_write_all's), or -EOVERFLOW. */
int tb_dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int tb_vdprintf(int fd, const char *fmt, __builtin_va_list ap)
	__attribute__((format(printf, 2, 0)));

#endif
