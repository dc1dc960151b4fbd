#ifndef THREADBARE_RSEQ_H
#define THREADBARE_RSEQ_H

/*
 * rseq (restartable sequences, Linux 4.18+). tb_init registers the main
 * thread's struct rseq (<linux/rseq.h>: 32 bytes, 32-aligned) with the
 * kernel, and every spawned thread registers its own before its fn runs,
 * where the kernel has rseq: not on alpha, hppa, m68k and sparc64 (no rseq
 * in the kernel there), nor where the main thread's registration fails
 * (-ENOSYS: an old kernel, qemu-user; -EPERM: a seccomp filter; -EINVAL or
 * -EBUSY: something registered it first). Nothing else changes then:
 * tb_cpu_current (<threadbare/thread.h>) takes getcpu.
 *
 * glibc 2.35's symbols, with glibc's meaning, so that code written for
 * glibc's registration (tcmalloc, librseq) uses this one instead of making
 * its own (which the kernel would refuse: -EINVAL, one area per thread):
 *   __rseq_offset  the area's offset in bytes from the thread pointer as
 *                  __builtin_thread_pointer() gives it (TP biases included:
 *                  ppc, mips, m68k), the same for every thread;
 *   __rseq_size    the registered size, 32, or 0 when the main thread is
 *                  not registered (no thread is then); tb_init sets it
 *                  (0 before: an embedder that calls tb_init reads it after);
 *   __rseq_flags   0.
 * A thread that registered its area keeps it registered until it ends: do
 * not unregister it (other code in the process may rely on it).
 *
 * To turn registration off, define in the program (a static program has no
 * environment-free tunable otherwise):
 *   const int tb_rseq_disabled = 1;      (C++: extern const int ...)
 * Then no thread registers, __rseq_size is 0, and the program may register
 * rseq areas of its own. tb_init reads it: it takes effect from the start.
 */

extern const __PTRDIFF_TYPE__ __rseq_offset;
extern const unsigned int __rseq_size;
extern const unsigned int __rseq_flags;

extern const int tb_rseq_disabled;

#endif
