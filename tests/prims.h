/*
 * Helpers shared by the synchronisation-primitive tests: a monotonic clock,
 * spawning a group of threads, and the emulation check (qemu-user is slow:
 * some stress counts shrink there, never the counts the Zig tests name).
 */
#ifndef TB_TEST_PRIMS_H
#define TB_TEST_PRIMS_H

#include <linux/time.h>
#include <linux/time_types.h>
#include "harness.h"

#define MS 1000000LL
#define SEC 1000000000LL

static inline int64_t t_now_ns(void)
{
	struct __kernel_timespec ts;

#if defined(__NR_clock_gettime64) && !defined(__NR_clock_gettime)
	tb_syscall(__NR_clock_gettime64, CLOCK_MONOTONIC, (long)&ts, 0, 0, 0, 0);
	return (int64_t)ts.tv_sec * SEC + ts.tv_nsec;
#elif defined(__NR_clock_gettime64)
	if (tb_syscall(__NR_clock_gettime64, CLOCK_MONOTONIC, (long)&ts, 0, 0, 0, 0) == 0)
		return (int64_t)ts.tv_sec * SEC + ts.tv_nsec;
	{
		struct {
			long tv_sec, tv_nsec;
		} o;

		tb_syscall(__NR_clock_gettime, CLOCK_MONOTONIC, (long)&o, 0, 0, 0, 0);
		return (int64_t)o.tv_sec * SEC + o.tv_nsec;
	}
#else
	tb_syscall(__NR_clock_gettime, CLOCK_MONOTONIC, (long)&ts, 0, 0, 0, 0);
	return (int64_t)ts.tv_sec * SEC + ts.tv_nsec;
#endif
}

static inline bool t_emulated(void)
{
	return tb_getenv("TB_EMULATED") != 0;
}

/*
 * A gate that releases many threads at one moment: they spin a little (so
 * that natively they leave together), then sleep on the futex. A pure spin
 * costs a whole time slice per waiter on one CPU before the opener runs
 * again: once's 16-thread race took 353 s on hppa's one-CPU real kernel.
 */
static inline void t_gate_wait(const uint32_t *gate)
{
	for (int i = 0; i < 1000; i++)
		if (__atomic_load_n(gate, __ATOMIC_ACQUIRE))
			return;
	while (!__atomic_load_n(gate, __ATOMIC_ACQUIRE))
		tb_futex_wait(gate, 0, -1);
}

static inline void t_gate_open(uint32_t *gate)
{
	__atomic_store_n(gate, 1, __ATOMIC_RELEASE);
	tb_futex_wake(gate, UINT32_MAX);
}

/* Spawns n threads running fn(arg + i * stride); a failed spawn is a failed check. */
static inline void t_spawn_n(struct tb_thread **t, int n, int (*fn)(void *), void *arg,
			     size_t stride)
{
	struct tb_thread_config cfg = { .stack_size = 256 << 10 };

	for (int i = 0; i < n; i++) {
		int r = tb_thread_spawn(&t[i], &cfg, fn, (char *)arg + (size_t)i * stride);

		T_EXPECT_EQ(r, 0);
		if (r)
			t[i] = 0;
	}
}

static inline void t_join_n(struct tb_thread **t, int n)
{
	for (int i = 0; i < n; i++)
		if (t[i])
			tb_thread_join(t[i]);
}

/* A 128-bit counter written as two 64-bit halves through volatile stores
 * (Zig's NonAtomicCounter): unsynchronised increments lose counts or tear. */
struct t_counter {
	volatile uint64_t lo, hi;
};

static inline void t_counter_inc(struct t_counter *c)
{
	uint64_t lo = c->lo, hi = c->hi;

	c->lo = lo + 1;
	c->hi = hi + (lo + 1 == 0);
}

#endif
