/*
 * The error numbers threadbare's calls return negated (-ETIMEDOUT, -EINVAL,
 * ...): the kernel's, from the target's UAPI <linux/errno.h>, which
 * threadbare's compile flags put on the include path. Their values differ
 * between ABIs (ETIMEDOUT is 110, or 145 on mips), so compare by name. The
 * one public header that includes a UAPI header; the others include only
 * <stdbool.h>, and <stddef.h> and <stdint.h> where no nolibc header came
 * first (threadbare/types.h).
 */
#ifndef THREADBARE_ERRNO_H
#define THREADBARE_ERRNO_H

#include <linux/errno.h>

#endif
