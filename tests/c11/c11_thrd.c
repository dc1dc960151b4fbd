/*
 * C11 threads: create and join (a result, a NULL result pointer), *thr
 * stored before the thread starts (also with 64 threads created at once),
 * detach, current and equal in the main thread and others, sleep (never
 * early, bad durations), yield.
 */
#include "check.h"

static thrd_t published;

static int returns_arg(void *arg)
{
	/* thrd_create stored *thr before this thread started */
	CHECK(thrd_equal(thrd_current(), published));
	return (int)(long)arg;
}

struct many {
	thrd_t t[64];
	int started;
};

static int check_own(void *arg)
{
	struct many *m = arg;
	int i = __atomic_fetch_add(&m->started, 1, __ATOMIC_SEQ_CST), found = 0;

	(void)i;
	for (int k = 0; k < 64; k++)
		found += thrd_equal(thrd_current(), m->t[k]) != 0;
	CHECK(found == 1);
	return 0;
}

static int detached_done;

static int set_flag(void *arg)
{
	thrd_yield();
	__atomic_store_n((int *)arg, 1, __ATOMIC_SEQ_CST);
	return 0;
}

static thrd_t main_thread;

static int not_main(void *arg)
{
	(void)arg;
	CHECK(!thrd_equal(thrd_current(), main_thread));
	CHECK(thrd_equal(thrd_current(), thrd_current()));
	return 7;
}

static void test_create_join(void)
{
	int res = 0;

	for (int i = 0; i < 20; i++) {
		CHECK(thrd_create(&published, returns_arg, (void *)(long)(i * 3)) == thrd_success);
		CHECK(thrd_join(published, &res) == thrd_success);
		CHECK(res == i * 3);
	}
	CHECK(thrd_create(&published, returns_arg, (void *)5L) == thrd_success);
	CHECK(thrd_join(published, NULL) == thrd_success);
}

static void test_many_at_once(void)
{
	static struct many m;

	for (int k = 0; k < 64; k++)
		CHECK(thrd_create(&m.t[k], check_own, &m) == thrd_success);
	for (int k = 0; k < 64; k++)
		CHECK(thrd_join(m.t[k], NULL) == thrd_success);
	CHECK(m.started == 64);
}

static void test_detach(void)
{
	thrd_t t;
	long long give_up = c_now_ns() + 10 * NSEC;

	CHECK(thrd_create(&t, set_flag, &detached_done) == thrd_success);
	CHECK(thrd_detach(t) == thrd_success);
	while (!__atomic_load_n(&detached_done, __ATOMIC_SEQ_CST) && c_now_ns() < give_up)
		c_sleep_ms(1);
	CHECK(detached_done == 1);
}

static void test_current_equal(void)
{
	thrd_t t;
	int res = 0;

	main_thread = thrd_current();
	CHECK(thrd_equal(main_thread, thrd_current()));
	CHECK(thrd_create(&t, not_main, NULL) == thrd_success);
	CHECK(!thrd_equal(t, main_thread));
	CHECK(thrd_join(t, &res) == thrd_success);
	CHECK(res == 7);
}

static void test_sleep_yield(void)
{
	static const long waits_ms[] = { 0, 1, 5, 20 };

	for (unsigned i = 0; i < sizeof(waits_ms) / sizeof(waits_ms[0]); i++) {
		struct timespec d = { 0, waits_ms[i] * 1000000L }, rem = { 99, 99 };
		long long start = c_now_ns();

		CHECK(thrd_sleep(&d, &rem) == 0);
		CHECK(c_now_ns() - start >= waits_ms[i] * 1000000LL);
	}
	{
		struct timespec bad = { 0, -1 }, bad2 = { 0, NSEC }, rem;

		CHECK(thrd_sleep(&bad, &rem) < -1);
		CHECK(thrd_sleep(&bad2, NULL) < -1);
	}
	thrd_yield();
}

int main(void)
{
	test_create_join();
	test_many_at_once();
	test_detach();
	test_current_equal();
	test_sleep_yield();
	return c_result();
}
