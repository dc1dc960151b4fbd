/*
 * Typed raw system calls: tb_syscall0(n) ... tb_syscall6(n, a, b, c, d, e, f)
 * over tb_syscall (threadbare/sys.h). Each argument is converted to long
 * here, so ints, pointers and sizes pass with no cast at the call site:
 *
 *   long r = tb_syscall3(__NR_write, 1, "hi\n", 3);
 *
 * Each argument is one register: a 64-bit value on a 32-bit ABI (an off_t
 * of pread64) is the caller's to split as that ABI wants. Returns what the
 * kernel returns: a value, or -errno (-4095..-1) on failure.
 */
#ifndef THREADBARE_SYSCALL_H
#define THREADBARE_SYSCALL_H

#include "sys.h"

#define TB__SYSARG(x) ((long)(x))

#define tb_syscall0(n) tb_syscall((n), 0, 0, 0, 0, 0, 0)
#define tb_syscall1(n, a) tb_syscall((n), TB__SYSARG(a), 0, 0, 0, 0, 0)
#define tb_syscall2(n, a, b) tb_syscall((n), TB__SYSARG(a), TB__SYSARG(b), 0, 0, 0, 0)
#define tb_syscall3(n, a, b, c) \
	tb_syscall((n), TB__SYSARG(a), TB__SYSARG(b), TB__SYSARG(c), 0, 0, 0)
#define tb_syscall4(n, a, b, c, d) \
	tb_syscall((n), TB__SYSARG(a), TB__SYSARG(b), TB__SYSARG(c), TB__SYSARG(d), 0, 0)
#define tb_syscall5(n, a, b, c, d, e)                                                   \
	tb_syscall((n), TB__SYSARG(a), TB__SYSARG(b), TB__SYSARG(c), TB__SYSARG(d), \
		   TB__SYSARG(e), 0)
#define tb_syscall6(n, a, b, c, d, e, f)                                                \
	tb_syscall((n), TB__SYSARG(a), TB__SYSARG(b), TB__SYSARG(c), TB__SYSARG(d), \
		   TB__SYSARG(e), TB__SYSARG(f))

#endif
