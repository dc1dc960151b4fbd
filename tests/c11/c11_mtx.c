/*
 * C11 mutexes, every type (plain, timed, plain|recursive, timed|recursive):
 * lock, trylock (thrd_busy while another thread holds it, and for a plain
 * mutex its owner too), mutual exclusion under 4 threads, recursive depth
 * counting, and mtx_timedlock: never early against timespec_get, at once
 * for a past deadline, and in time when the holder lets go.
 */
#include "check.h"

static const int types[] = { mtx_plain, mtx_timed, mtx_plain | mtx_recursive,
			     mtx_timed | mtx_recursive };

struct shared {
	mtx_t m;
	volatile long counter;
	int result;
};

static int try_once(void *arg)
{
	struct shared *s = arg;

	s->result = mtx_trylock(&s->m);
	if (s->result == thrd_success)
		mtx_unlock(&s->m);
	return 0;
}

/* mtx_trylock's result in another thread */
static int trylock_elsewhere(struct shared *s)
{
	thrd_t t;

	s->result = -1;
	CHECK(thrd_create(&t, try_once, s) == thrd_success);
	CHECK(thrd_join(t, NULL) == thrd_success);
	return s->result;
}

enum { ADDERS = 4, ADDS = 20000 };

static int adder(void *arg)
{
	struct shared *s = arg;

	for (int i = 0; i < ADDS; i++) {
		CHECK(mtx_lock(&s->m) == thrd_success);
		s->counter = s->counter + 1;
		if (i % 1000 == 0)
			thrd_yield();
		CHECK(mtx_unlock(&s->m) == thrd_success);
	}
	return 0;
}

static void test_type(int type)
{
	static struct shared s;
	thrd_t t[ADDERS];

	CHECK(mtx_init(&s.m, type) == thrd_success);
	CHECK(mtx_lock(&s.m) == thrd_success);
	CHECK(trylock_elsewhere(&s) == thrd_busy);
	if (!(type & mtx_recursive))
		CHECK(mtx_trylock(&s.m) == thrd_busy);
	CHECK(mtx_unlock(&s.m) == thrd_success);
	CHECK(trylock_elsewhere(&s) == thrd_success);
	CHECK(mtx_trylock(&s.m) == thrd_success);
	CHECK(mtx_unlock(&s.m) == thrd_success);

	s.counter = 0;
	for (int i = 0; i < ADDERS; i++)
		CHECK(thrd_create(&t[i], adder, &s) == thrd_success);
	for (int i = 0; i < ADDERS; i++)
		CHECK(thrd_join(t[i], NULL) == thrd_success);
	CHECK(s.counter == (long)ADDERS * ADDS);
	mtx_destroy(&s.m);
}

static void test_recursive(int type)
{
	static struct shared s;
	struct timespec soon = c_in(NSEC);

	CHECK(mtx_init(&s.m, type | mtx_recursive) == thrd_success);
	CHECK(mtx_lock(&s.m) == thrd_success);
	CHECK(mtx_trylock(&s.m) == thrd_success);
	CHECK(mtx_lock(&s.m) == thrd_success);
	if (type & mtx_timed)
		CHECK(mtx_timedlock(&s.m, &soon) == thrd_success); /* depth 4 */
	else
		CHECK(mtx_lock(&s.m) == thrd_success);
	for (int depth = 4; depth > 0; depth--) {
		CHECK(trylock_elsewhere(&s) == thrd_busy);
		CHECK(mtx_unlock(&s.m) == thrd_success);
	}
	CHECK(trylock_elsewhere(&s) == thrd_success);
	mtx_destroy(&s.m);
}

static int hold(void *arg)
{
	struct shared *s = arg;

	CHECK(mtx_lock(&s->m) == thrd_success);
	__atomic_store_n(&s->result, 1, __ATOMIC_SEQ_CST);
	/* held until the main thread has seen its timed locks time out: a
	 * fixed hold time would let a loaded machine end it too early */
	while (__atomic_load_n(&s->result, __ATOMIC_SEQ_CST) != 2)
		c_sleep_ms(1);
	c_sleep_ms(20);
	CHECK(mtx_unlock(&s->m) == thrd_success);
	return 0;
}

static void test_timedlock(int type)
{
	static struct shared s;
	thrd_t t;
	struct timespec past = c_in(-NSEC), later;
	long long start;

	CHECK(mtx_init(&s.m, type) == thrd_success);
	s.result = 0;
	CHECK(thrd_create(&t, hold, &s) == thrd_success);
	while (!__atomic_load_n(&s.result, __ATOMIC_SEQ_CST))
		thrd_yield();
	/* held: a past deadline fails at once, 10 ms times out; once the holder
	 * is told to let go (20 ms later), 10 s gets it */
	CHECK(mtx_timedlock(&s.m, &past) == thrd_timedout);
	later = c_in(10 * 1000000LL);
	CHECK(mtx_timedlock(&s.m, &later) == thrd_timedout);
	CHECK(c_now_ns() >= c_ns(&later));
	__atomic_store_n(&s.result, 2, __ATOMIC_SEQ_CST);
	start = c_now_ns();
	later = c_in(10 * NSEC);
	CHECK(mtx_timedlock(&s.m, &later) == thrd_success);
	CHECK(c_now_ns() - start < 9 * NSEC);
	CHECK(mtx_unlock(&s.m) == thrd_success);
	CHECK(thrd_join(t, NULL) == thrd_success);
	/* free: succeeds even with a past deadline */
	CHECK(mtx_timedlock(&s.m, &past) == thrd_success);
	CHECK(mtx_unlock(&s.m) == thrd_success);
	mtx_destroy(&s.m);
}

int main(void)
{
	for (unsigned i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		test_type(types[i]);
	test_recursive(mtx_plain);
	test_recursive(mtx_timed);
	test_timedlock(mtx_timed);
	test_timedlock(mtx_timed | mtx_recursive);
	return c_result();
}
