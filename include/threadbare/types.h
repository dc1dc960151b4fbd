/*
 * The types of the public headers.
 *
 * The declarations spell their integer types as the compiler predefines
 * them (__UINT32_TYPE__, __INT64_TYPE__, __UINT64_TYPE__, __SIZE_TYPE__),
 * which is exactly what the compiler's <stdint.h> and <stddef.h> call
 * uint32_t, int64_t, uint64_t and size_t: a program sees the same
 * prototypes either way. They do not rest on those typedefs because a libc
 * beside threadbare may define the names otherwise: the kernel's nolibc
 * (tools/include/nolibc) makes int64_t long long on every ABI (the
 * compiler's is long on LP64), its 6.1 version makes size_t unsigned long
 * and both make ptrdiff_t long (int on ILP32), and two typedefs of one name
 * to different types do not compile.
 *
 * For the same reason <stddef.h> and <stdint.h> are included here, as a
 * convenience for programs with no libc, only when nolibc's headers have not
 * been: a program that uses nolibc includes "nolibc.h" (or one of its
 * headers) before <threadbare.h>, and takes those names from nolibc.
 */
#ifndef THREADBARE_TYPES_H
#define THREADBARE_TYPES_H

#include <stdbool.h> /* macros only: the same as nolibc's */
#if !defined(NOLIBC) && !defined(_NOLIBC_STD_H)
#include <stddef.h>
#include <stdint.h>
#endif

#endif
