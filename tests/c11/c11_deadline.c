/*
 * Deadlines at the ends of time_t (issue 17): mtx_timedlock and
 * cnd_timedwait turned an absolute TIME_UTC deadline into nanoseconds with
 * an unchecked multiply. tv_sec = LLONG_MAX (the usual "no deadline") timed
 * out at once; tv_sec = -9223372037 (long past) blocked mtx_timedlock and
 * made cnd_timedwait return thrd_success every 100 ms. Now: the far one
 * waits, the past one has passed. Built against glibc too, which gets all
 * four right.
 */
#include "check.h"

static const struct timespec never = { 0x7fffffffffffffffLL, 0 };
static const struct timespec long_ago = { -9223372037LL, 0 };

struct shared {
	mtx_t m;
	cnd_t c;
	int result, done, flag;
};

static int timedlock(void *arg)
{
	struct shared *s = arg;
	const struct timespec *ts = s->flag ? &long_ago : &never;

	s->result = mtx_timedlock(&s->m, ts);
	__atomic_store_n(&s->done, 1, __ATOMIC_RELEASE);
	if (s->result == thrd_success)
		mtx_unlock(&s->m);
	return 0;
}

/* mtx_timedlock on a mutex main holds for ms (flag: the deadline long past) */
static int timedlock_held(int past, int ms, int *done_early)
{
	struct shared s = { .flag = past };
	thrd_t t;

	CHECK(mtx_init(&s.m, mtx_timed) == thrd_success);
	mtx_lock(&s.m);
	CHECK(thrd_create(&t, timedlock, &s) == thrd_success);
	for (int i = 0; i < ms && !__atomic_load_n(&s.done, __ATOMIC_ACQUIRE); i++)
		c_sleep_ms(1);
	*done_early = __atomic_load_n(&s.done, __ATOMIC_ACQUIRE);
	mtx_unlock(&s.m);
	thrd_join(t, 0);
	mtx_destroy(&s.m);
	return s.result;
}

static int signal_later(void *arg)
{
	struct shared *s = arg;

	c_sleep_ms(250);
	mtx_lock(&s->m);
	s->flag = 1;
	cnd_signal(&s->c);
	mtx_unlock(&s->m);
	return 0;
}

int main(void)
{
	struct shared s = { 0 };
	int early, r;
	thrd_t t;

	/* no deadline: waits until the holder lets go 300 ms later */
	r = timedlock_held(0, 300, &early);
	CHECK(!early);
	CHECK(r == thrd_success);

	/* long past: thrd_timedout at once, while the mutex is still held */
	r = timedlock_held(1, 3000, &early);
	CHECK(early);
	CHECK(r == thrd_timedout);

	CHECK(mtx_init(&s.m, mtx_plain) == thrd_success);
	CHECK(cnd_init(&s.c) == thrd_success);
	/* long past: thrd_timedout, never thrd_success */
	mtx_lock(&s.m);
	CHECK(cnd_timedwait(&s.c, &s.m, &long_ago) == thrd_timedout);
	/* no deadline: never thrd_timedout; woken by the signal */
	CHECK(thrd_create(&t, signal_later, &s) == thrd_success);
	while (!s.flag) {
		r = cnd_timedwait(&s.c, &s.m, &never);
		CHECK(r == thrd_success);
		if (r != thrd_success)
			break;
	}
	mtx_unlock(&s.m);
	thrd_join(t, 0);
	cnd_destroy(&s.c);
	mtx_destroy(&s.m);
	return c_result();
}
