/*
 * rseq (issue 22): every thread's registration, read the way code written
 * for glibc reads it (the thread pointer plus __rseq_offset), its cpu_id
 * against getcpu across forced migrations (the caller pinned to each CPU of
 * its mask in turn: sched_setaffinity moves it before it returns, and the
 * kernel rewrites cpu_id on that return), tb_cpu_current, detached threads
 * that unmap their own mapping while registered, and fork.
 *
 * Where the kernel has no rseq (alpha, hppa, m68k, sparc64; qemu-user,
 * which gives -ENOSYS) the registration checks say SKIP and the rest checks
 * the fallback: __rseq_size 0, tb_cpu_current is getcpu.
 *
 * Built twice: as t_rseq_off with T_RSEQ_OFF, a program that turns the
 * registration off (tb_rseq_disabled) and registers areas of its own.
 */
#include <linux/rseq.h>
#include "prims.h"
#include "cpu.h" /* arch/<arch>/cpu.h: ARCH_RSEQ, ARCH_RSEQ_SIG */
#include "tp.h"	 /* arch/<arch>/tp.h: arch_tp_get */

#ifdef T_RSEQ_OFF
const int tb_rseq_disabled = 1;
#endif

#define MAX_CPUS 1024
#define WORDS (MAX_CPUS / (8 * sizeof(unsigned long)))
#define W (8 * sizeof(unsigned long))

static unsigned long all_cpus[WORDS];
static int ncpus, cpus[MAX_CPUS];

static long sys_rseq(void *area, unsigned len, int flags, uint32_t sig)
{
	return tb_syscall(__NR_rseq, (long)area, len, flags, (long)sig, 0, 0);
}

/* Whether the kernel (or qemu-user) has rseq at all: an unregister of an
 * area that is not registered is -EINVAL there, -ENOSYS where it has none. */
static bool kernel_rseq(void)
{
	return sys_rseq(0, 32, RSEQ_FLAG_UNREGISTER, 0) != -ENOSYS;
}

/* Whether threadbare registers threads here */
static bool expect_registered(void)
{
#ifdef T_RSEQ_OFF
	return false;
#else
	return ARCH_RSEQ && kernel_rseq();
#endif
}

/* The thread pointer as the compiler sees it, which __rseq_offset is relative to */
static uintptr_t tp(void)
{
#ifdef T_BUILTIN_TP
	return (uintptr_t)__builtin_thread_pointer();
#else
	return arch_tp_get();
#endif
}

static volatile struct rseq *area(void)
{
	return (volatile struct rseq *)(tp() + __rseq_offset);
}

static int getcpu(void)
{
	unsigned cpu = ~0u;
	long r = tb_syscall(__NR_getcpu, (long)&cpu, 0, 0, 0, 0, 0);

	return r < 0 ? (int)r : (int)cpu;
}

static int pin(int cpu)
{
	unsigned long one[WORDS] = { 0 };

	one[cpu / W] = 1UL << (cpu % W);
	return tb_thread_set_affinity(0, one, sizeof(one));
}

static void unpin(void)
{
	T_EXPECT_EQ(tb_thread_set_affinity(0, all_cpus, sizeof(all_cpus)), 0);
}

static bool load_cpus(void)
{
	int r = tb_thread_get_affinity(0, all_cpus, sizeof(all_cpus));

	if (r < 0)
		return false;
	ncpus = 0;
	for (int c = 0; c < MAX_CPUS; c++)
		if (all_cpus[c / W] & (1UL << (c % W)))
			cpus[ncpus++] = c;
	return ncpus > 0;
}

/* The caller's registration is the area at TP + __rseq_offset, with this ABI's signature. */
static void check_registration(void)
{
	volatile struct rseq *a = area();

	T_EXPECT_EQ((uintptr_t)a % 32, 0);
	if (expect_registered()) {
		T_EXPECT_EQ(__rseq_size, 32);
		T_EXPECT((int32_t)a->cpu_id >= 0);
#if ARCH_RSEQ
		/* the kernel: the same area, length and signature as registered: -EBUSY;
		 * another signature: -EPERM; another area: -EINVAL */
		T_EXPECT_EQ(sys_rseq((void *)a, 32, 0, ARCH_RSEQ_SIG), -EBUSY);
		T_EXPECT_EQ(sys_rseq((void *)a, 32, 0, ARCH_RSEQ_SIG ^ 1), -EPERM);
		T_EXPECT_EQ(sys_rseq((char *)a + 32, 32, 0, ARCH_RSEQ_SIG), -EINVAL);
#endif
	} else {
		T_EXPECT_EQ(__rseq_size, 0);
		T_EXPECT_EQ((int32_t)a->cpu_id, RSEQ_CPU_ID_REGISTRATION_FAILED);
	}
	T_EXPECT_EQ(__rseq_flags, 0);
}

/*
 * rounds passes over the caller's CPUs, pinned to each in turn: getcpu,
 * tb_cpu_current and (registered) the area's cpu_id all name it. Returns
 * the checks that failed.
 */
static int migrate(int rounds, volatile struct rseq *own)
{
	int bad = 0;

	for (int r = 0; r < rounds; r++) {
		for (int i = 0; i < ncpus; i++) {
			int c = cpus[(i + r) % ncpus];

			if (pin(c) != 0) {
				bad++;
				continue;
			}
			if (own && (int32_t)own->cpu_id != c)
				bad++, t_fail(__FILE__, __LINE__, "own->cpu_id == c", own->cpu_id, c);
			if (__rseq_size && (int32_t)area()->cpu_id != c)
				bad++, t_fail(__FILE__, __LINE__, "area()->cpu_id == c", area()->cpu_id, c);
			if (tb_cpu_current() != c)
				bad++, t_fail(__FILE__, __LINE__, "tb_cpu_current() == c", tb_cpu_current(), c);
			if (getcpu() != c)
				bad++, t_fail(__FILE__, __LINE__, "getcpu() == c", getcpu(), c);
			if (r % 4 == 3)
				tb_thread_yield();
		}
	}
	unpin();
	return bad;
}

static int rounds(void)
{
	return (t_emulated() ? 20 : 300) * TB_TEST_SCALE;
}

static void t_symbols(void)
{
#ifdef T_BUILTIN_TP
	/* the runtime's thread pointer is the compiler's */
	T_EXPECT_EQ((uintptr_t)__builtin_thread_pointer(), arch_tp_get());
#endif
	T_EXPECT_EQ(__rseq_flags, 0);
	T_EXPECT_EQ(__rseq_size, expect_registered() ? 32 : 0);
	T_EXPECT_EQ(__rseq_offset % 32, 0);
	check_registration();
	if (!expect_registered())
		T_SKIP(!ARCH_RSEQ       ? "no rseq in this ABI's kernel"
		       : kernel_rseq() ? "turned off (tb_rseq_disabled)"
				       : "rseq is ENOSYS here (qemu-user or an old kernel)");
}

static void t_main_migrates(void)
{
	T_ASSERT(load_cpus());
	check_registration();
	T_EXPECT_EQ(migrate(rounds(), 0), 0);
	if (!expect_registered())
		T_SKIP("no registration: the getcpu fallback only");
}

static int in_thread(void *arg)
{
	(void)arg;
	check_registration();
	return migrate(rounds() / 2, 0);
}

static void t_threads_migrate(void)
{
	enum { N = 4 };
	struct tb_thread *t[N];

	T_ASSERT(load_cpus());
	for (int round = 0; round < 3; round++) {
		/* 3 rounds: the later ones run on mappings the stack cache kept */
		for (int i = 0; i < N; i++)
			T_ASSERT(tb_thread_spawn(&t[i], 0, in_thread, 0) == 0);
		for (int i = 0; i < N; i++)
			T_EXPECT_EQ(tb_thread_join(t[i]), 0);
	}
	if (!expect_registered())
		T_SKIP("no registration: the getcpu fallback only");
}

/*
 * Detached threads that end together, many more than the stack cache keeps:
 * most unmap their own mapping (exit_detached) while registered. The kernel
 * writes cpu_id on every return to user mode, and a thread that blocks in
 * its munmap (the mmap lock is contended here) returns to user mode once
 * more: were it still registered, the write would hit the unmapped area
 * (SIGSEGV, the process dies) or a mapping another thread made meanwhile.
 */
static uint32_t go, done;

static int churner(void *arg)
{
	(void)arg;
	check_registration();
	while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
		tb_futex_wait(&go, 0, -1);
	T_EXPECT(tb_cpu_current() >= 0);
	__atomic_add_fetch(&done, 1, __ATOMIC_RELEASE);
	return 0;
}

static void t_detached_churn(void)
{
	static const struct tb_thread_config cfg = { .stack_size = 64 << 10 };
	int batches = (t_emulated() ? 20 : 200) * TB_TEST_SCALE, per = 24, spawned = 0;

	for (int b = 0; b < batches; b++) {
		__atomic_store_n(&go, 0, __ATOMIC_RELAXED);
		for (int i = 0; i < per; i++) {
			struct tb_thread *t;

			if (tb_thread_spawn(&t, &cfg, churner, 0) != 0)
				continue;
			spawned++;
			T_EXPECT_EQ(tb_thread_detach(t), 0);
		}
		__atomic_store_n(&go, 1, __ATOMIC_RELEASE);
		tb_futex_wake(&go, UINT32_MAX);
		while (__atomic_load_n(&done, __ATOMIC_ACQUIRE) != (uint32_t)spawned)
			tb_thread_yield();
	}
	T_EXPECT(spawned > 0);
	t_threads_settle(t_threads_at_start > 0 ? t_threads_at_start : 1);
	check_registration();
	if (!expect_registered())
		T_SKIP("no registration: churn without it");
}

/* A forked child keeps the forker's registration (the kernel copies it). */
static int fork_child_checks(void)
{
	uint32_t before = __atomic_load_n(&t_failures, __ATOMIC_SEQ_CST);

	check_registration();
	migrate(t_emulated() ? 3 : 20, 0);
	return __atomic_load_n(&t_failures, __ATOMIC_SEQ_CST) != before;
}

static int fork_from(void *arg)
{
	int status = -1;
	long pid;

	(void)arg;
	pid = tb_fork();
	if (pid == 0)
		tb_exit(fork_child_checks());
	if (pid < 0 || t_wait4(pid, &status) != pid)
		return -1;
	return status;
}

static void t_fork_keeps(void)
{
	struct tb_thread *t;
	int status;

	T_ASSERT(load_cpus());
	t_threads_settle(t_threads_at_start > 0 ? t_threads_at_start : 1);
	T_EXPECT_EQ(fork_from(0), 0); /* the main thread forks */
	T_ASSERT(tb_thread_spawn(&t, 0, fork_from, 0) == 0);
	T_EXPECT_EQ(tb_thread_join_result(t, &status), 0);
	T_EXPECT_EQ(status, 0); /* a spawned thread forks */
	check_registration();
	if (!expect_registered())
		T_SKIP("no registration: fork with the fallback only");
}

/*
 * With the registration off, the program's own registration works: what a
 * runtime that registers rseq itself does.
 */
static int own_area(void *arg)
{
	int bad = 0;

	(void)arg;
	if (!ARCH_RSEQ || !kernel_rseq())
		return migrate(3, 0);
#if ARCH_RSEQ
	struct rseq own __attribute__((aligned(32))) = { .cpu_id = RSEQ_CPU_ID_UNINITIALIZED };

	if (sys_rseq(&own, 32, 0, ARCH_RSEQ_SIG) != 0)
		return -1;
	bad = migrate(t_emulated() ? 5 : 50, &own);
	if (sys_rseq(&own, 32, RSEQ_FLAG_UNREGISTER, ARCH_RSEQ_SIG) != 0)
		bad++;
#endif
	return bad;
}

static void t_own_registration(void)
{
	struct tb_thread *t;
	int r;

	T_ASSERT(load_cpus());
	if (expect_registered()) {
#if ARCH_RSEQ
		struct rseq own __attribute__((aligned(32))) = { 0 };

		/* a second registration of the thread is refused: the one it has stays */
		T_EXPECT_EQ(sys_rseq(&own, 32, 0, ARCH_RSEQ_SIG), -EINVAL);
		check_registration();
#endif
		return;
	}
	T_EXPECT_EQ(own_area(0), 0);
	T_ASSERT(tb_thread_spawn(&t, 0, own_area, 0) == 0);
	T_EXPECT_EQ(tb_thread_join_result(t, &r), 0);
	T_EXPECT_EQ(r, 0);
	if (!ARCH_RSEQ || !kernel_rseq())
		T_SKIP("no rseq here");
}

int main(int argc, char **argv)
{
	return t_run(argc, argv,
		     (struct t_case[]){ T_CASE(t_symbols), T_CASE(t_main_migrates),
					T_CASE(t_threads_migrate), T_CASE(t_detached_churn),
					T_CASE(t_fork_keeps), T_CASE(t_own_registration), { 0 } });
}
