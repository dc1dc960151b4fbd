/*
 * The parts of the C11 layer that a test written against <threads.h> alone
 * cannot reach (or where glibc's answer differs): thrd_current in a thread
 * started by tb_thread_spawn, mtx_init's type check, thrd_error for
 * deadlines with a bad tv_nsec, and clock_gettime/time/timespec_get against
 * tb_clock_ns.
 */
#include <threads.h>
#include "harness.h"

static int current_is_self(void *arg)
{
	struct tb_thread **seen = arg;

	*seen = thrd_current();
	T_EXPECT(thrd_equal(thrd_current(), tb_thread_self()));
	return 0;
}

static void t_current_in_spawned_thread(void)
{
	struct tb_thread *t, *seen = 0;

	T_ASSERT(tb_thread_spawn(&t, 0, current_is_self, &seen) == 0);
	tb_thread_join(t);
	T_EXPECT(seen == t);
	T_EXPECT(thrd_equal(thrd_current(), tb_thread_self()));
	T_EXPECT(!thrd_equal(thrd_current(), seen));
}

static void t_mtx_types(void)
{
	static const int bad[] = { 4, 8, -1, mtx_timed | 4, 0x100 };
	mtx_t m;

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		T_EXPECT_EQ(mtx_init(&m, bad[i]), thrd_error);
	T_EXPECT_EQ(mtx_init(&m, mtx_plain | mtx_recursive), thrd_success);
	T_EXPECT_EQ(sizeof(((mtx_t *)0)->__m), sizeof(struct tb_mutex));
}

static void t_bad_deadlines(void)
{
	struct timespec bad = { 0, 1000000000 }, neg = { 1, -1 };
	mtx_t m;
	cnd_t c;

	T_ASSERT(mtx_init(&m, mtx_timed) == thrd_success);
	T_ASSERT(cnd_init(&c) == thrd_success);
	T_EXPECT_EQ(mtx_timedlock(&m, &bad), thrd_success); /* free: taken without waiting */
	T_EXPECT_EQ(cnd_timedwait(&c, &m, &bad), thrd_error);
	T_EXPECT_EQ(cnd_timedwait(&c, &m, &neg), thrd_error);
	T_EXPECT_EQ(mtx_unlock(&m), thrd_success);
}

static void t_time_h(void)
{
	struct timespec ts = { 5, 5 };
	int64_t before = tb_clock_ns(TB_CLOCK_REALTIME), ours;
	time_t t = 0;

	T_EXPECT_EQ(timespec_get(&ts, TIME_UTC), TIME_UTC);
	ours = ts.tv_sec * 1000000000LL + ts.tv_nsec;
	T_EXPECT(ours >= before && ours - before < 1000000000LL);
	T_EXPECT(ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000L);
	ts.tv_sec = 5;
	T_EXPECT_EQ(timespec_get(&ts, 2), 0);
	T_EXPECT_EQ(ts.tv_sec, 5);
	T_EXPECT_EQ(clock_gettime(CLOCK_MONOTONIC, &ts), 0);
	T_EXPECT_EQ(clock_gettime(CLOCK_BOOTTIME, &ts), 0);
	T_EXPECT_EQ(clock_gettime(3, &ts), -1);
	T_EXPECT(time(&t) >= before / 1000000000LL);
	T_EXPECT(t >= before / 1000000000LL && t - before / 1000000000LL <= 1);
}

static int try_elsewhere(void *arg)
{
	int r = mtx_trylock(arg);

	if (r == thrd_success)
		mtx_unlock(arg);
	return r;
}

/* A recursive mutex's depth stops at UINT_MAX with thrd_error (issue 17: it
 * wrapped, and one unlock then let go of a mutex its owner still held). The
 * depth is set near the limit by hand: 2^32 locks take too long. */
static void t_mtx_depth_limit(void)
{
	struct timespec ts;
	thrd_t t;
	mtx_t m;
	int r;

	T_ASSERT(mtx_init(&m, mtx_timed | mtx_recursive) == thrd_success);
	T_ASSERT(mtx_lock(&m) == thrd_success);
	m.__depth = (unsigned)-2;
	T_EXPECT_EQ(mtx_lock(&m), thrd_success);
	T_EXPECT_EQ(m.__depth, (unsigned)-1);
	T_EXPECT_EQ(mtx_lock(&m), thrd_error);
	T_EXPECT_EQ(mtx_trylock(&m), thrd_error);
	T_ASSERT(timespec_get(&ts, TIME_UTC) == TIME_UTC);
	ts.tv_sec += 10;
	T_EXPECT_EQ(mtx_timedlock(&m, &ts), thrd_error);
	T_EXPECT_EQ(m.__depth, (unsigned)-1);
	/* still held: another thread cannot take it */
	T_ASSERT(thrd_create(&t, try_elsewhere, &m) == thrd_success);
	T_ASSERT(thrd_join(t, &r) == thrd_success);
	T_EXPECT_EQ(r, thrd_busy);
	m.__depth = 1;
	T_EXPECT_EQ(mtx_unlock(&m), thrd_success);
	T_ASSERT(thrd_create(&t, try_elsewhere, &m) == thrd_success);
	T_ASSERT(thrd_join(t, &r) == thrd_success);
	T_EXPECT_EQ(r, thrd_success);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (struct t_case[]){
		T_CASE(t_current_in_spawned_thread),
		T_CASE(t_mtx_types),
		T_CASE(t_bad_deadlines),
		T_CASE(t_time_h),
		T_CASE(t_mtx_depth_limit),
		{ 0 } });
}
