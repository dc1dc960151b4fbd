/*
 * Three syscall levels, as in the kernel's nolibc:
 *   1. arch/<arch>/syscall.h: arch_syscall6(), one asm statement, -errno.
 *   2. this file: typed wrappers that pick the right syscall by what the
 *      target's UAPI headers offer (mmap2 or mmap, futex_time64 or futex).
 *   3. the public API in the core/ modules.
 * Every level returns 0 (or a value) on success and -errno on failure.
 */
#ifndef TB_CORE_SYS_H
#define TB_CORE_SYS_H

#include <stddef.h>
#include <stdint.h>
#include <asm/unistd.h>
#include <linux/errno.h>
#include <linux/mman.h>
#include "arch.h"

#define tb__syscall0(n) arch_syscall6(n, 0, 0, 0, 0, 0, 0)
#define tb__syscall1(n, a) arch_syscall6(n, (long)(a), 0, 0, 0, 0, 0)
#define tb__syscall2(n, a, b) arch_syscall6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define tb__syscall3(n, a, b, c) arch_syscall6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define tb__syscall4(n, a, b, c, d) \
	arch_syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define tb__syscall5(n, a, b, c, d, e) \
	arch_syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)
#define tb__syscall6(n, a, b, c, d, e, f) \
	arch_syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

/* A pointer-valued result (mmap) is an error when it lies in the top 4095 values. */
static inline int tb__is_err(long r)
{
	return (unsigned long)r > -4096UL;
}

static inline long tb__sys_mmap(void *addr, size_t len, int prot, int flags)
{
#ifdef __NR_mmap2
	return tb__syscall6(__NR_mmap2, addr, len, prot, flags, -1, 0);
#else
	return tb__syscall6(__NR_mmap, addr, len, prot, flags, -1, 0);
#endif
}

static inline int tb__sys_munmap(void *addr, size_t len)
{
	return (int)tb__syscall2(__NR_munmap, addr, len);
}

static inline int tb__sys_mprotect(void *addr, size_t len, int prot)
{
	return (int)tb__syscall3(__NR_mprotect, addr, len, prot);
}

static inline long tb__sys_write(int fd, const void *buf, size_t len)
{
	return tb__syscall3(__NR_write, fd, buf, len);
}

static inline _Noreturn void tb__sys_exit_group(int status)
{
	for (;;)
		tb__syscall1(__NR_exit_group, status);
}

#endif
