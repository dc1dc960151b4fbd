/*
 * tb_clock_ns: -EINVAL for other clocks, agreement with the clock_gettime
 * syscall within 1 ms for each clock (the syscall read on both sides of the
 * call), monotonic order within and across threads, and the deadline users
 * (tb_sleep_ns) still sleep at least their time. clock_strace.sh checks, on
 * a native build whose port uses the vDSO, that 1000 calls make no
 * clock_gettime syscall (argv[1] = t_loop_1000 runs only that loop).
 */
#include <linux/time.h>
#include <threadbare/clock.h>
#include "prims.h"

static int64_t sys_ns(int clock)
{
	struct __kernel_timespec ts;

#if defined(__NR_clock_gettime64) && !defined(__NR_clock_gettime)
	tb_syscall(__NR_clock_gettime64, clock, (long)&ts, 0, 0, 0, 0);
#elif defined(__NR_clock_gettime64)
	if (tb_syscall(__NR_clock_gettime64, clock, (long)&ts, 0, 0, 0, 0) != 0) {
		struct {
			long tv_sec, tv_nsec;
		} o;

		tb_syscall(__NR_clock_gettime, clock, (long)&o, 0, 0, 0, 0);
		return (int64_t)o.tv_sec * SEC + o.tv_nsec;
	}
#else
	tb_syscall(__NR_clock_gettime, clock, (long)&ts, 0, 0, 0, 0);
#endif
	return (int64_t)ts.tv_sec * SEC + ts.tv_nsec;
}

static void t_invalid(void)
{
	static const int bad[] = { -1, 2, 3, 4, 5, 6, 8, 11, 16, 1000, -2147483647 - 1 };

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		T_EXPECT_EQ(tb_clock_ns(bad[i]), -EINVAL);
}

/* before <= ours <= after, with after - before under 1 ms (retried when preempted) */
static void agree(int clock)
{
	int64_t before, ours, after;
	int tries = 0;

	do {
		before = sys_ns(clock);
		ours = tb_clock_ns(clock);
		after = sys_ns(clock);
	} while (after - before >= 1 * MS && ++tries < 100);
	T_EXPECT(ours >= 0);
	T_EXPECT(after - before < 1 * MS);
	/* the vDSO and the syscall read one clock: ours lies in between, give or take
	 * nothing; 1 ms of slack covers a coarser source and is the bound */
	T_EXPECT(ours >= before - 1 * MS);
	T_EXPECT(ours <= after + 1 * MS);
	if (ours < before - 1 * MS || ours > after + 1 * MS)
		tb_dprintf(1, "# clock %d: before %lld ours %lld after %lld\n", clock,
			   (long long)before, (long long)ours, (long long)after);
}

static void t_agrees_with_syscall(void)
{
	for (int i = 0; i < 100; i++) {
		agree(TB_CLOCK_MONOTONIC);
		agree(TB_CLOCK_REALTIME);
		agree(TB_CLOCK_BOOTTIME);
	}
	/* the wall clock is after 2020-01-01; boot time includes monotonic time */
	T_EXPECT(tb_clock_ns(TB_CLOCK_REALTIME) > 1577836800LL * SEC);
	T_EXPECT(tb_clock_ns(TB_CLOCK_BOOTTIME) >= tb_clock_ns(TB_CLOCK_MONOTONIC) - 1 * MS);
}

static int64_t shared_last; /* under shared_lock: no 64-bit atomics on 32-bit ports */
static struct tb_mutex shared_lock;

static int never_back(void *arg)
{
	int64_t prev = tb_clock_ns(TB_CLOCK_MONOTONIC);
	int backwards = 0;

	(void)arg;
	for (int i = 0; i < 100000; i++) {
		int64_t now = tb_clock_ns(TB_CLOCK_MONOTONIC);

		backwards += now < prev;
		prev = now;
	}
	T_EXPECT_EQ(backwards, 0);
	/* across threads: a time published by another thread is never ahead of ours */
	for (int i = 0; i < 10000; i++) {
		int64_t now;

		tb_mutex_lock(&shared_lock);
		now = tb_clock_ns(TB_CLOCK_MONOTONIC);
		backwards += now < shared_last;
		shared_last = now;
		tb_mutex_unlock(&shared_lock);
	}
	T_EXPECT_EQ(backwards, 0);
	return 0;
}

static void t_monotonic_threads(void)
{
	struct tb_thread *t[4];

	t_spawn_n(t, 4, never_back, 0, 0);
	never_back(0);
	t_join_n(t, 4);
}

static void t_sleep_not_early(void)
{
	for (int64_t ns = 1; ns <= 20 * MS; ns *= 25) {
		int64_t start = sys_ns(CLOCK_MONOTONIC);

		T_EXPECT_EQ(tb_sleep_ns((uint64_t)ns), 0);
		T_EXPECT(sys_ns(CLOCK_MONOTONIC) - start >= ns);
	}
}

static void t_loop_1000(void)
{
	int64_t sum = 0;

	for (int i = 0; i < 1000; i++)
		sum += tb_clock_ns(i % 3 == 0 ? TB_CLOCK_MONOTONIC
					      : i % 3 == 1 ? TB_CLOCK_REALTIME : TB_CLOCK_BOOTTIME) > 0;
	T_EXPECT_EQ(sum, 1000);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (struct t_case[]){
		T_CASE(t_invalid),
		T_CASE(t_agrees_with_syscall),
		T_CASE(t_monotonic_threads),
		T_CASE(t_sleep_not_early),
		T_CASE(t_loop_1000),
		{ 0 } });
}
