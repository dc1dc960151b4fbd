/*
 * The shape of glibc 2.36's nptl/tst-thrd-detach: a thread detaches itself
 * and ends; thrd_join on it must then fail (thrd_error), not succeed. Also:
 * thrd_join of the caller fails, and a negative result is a result, not an
 * error. Runs against threadbare and, natively, against glibc.
 */
#include "check.h"

static int ended;

static int detach_thrd(void *arg)
{
	(void)arg;
	CHECK(thrd_detach(thrd_current()) == thrd_success);
	__atomic_store_n(&ended, 1, __ATOMIC_SEQ_CST);
	thrd_exit(thrd_success);
}

static int join_self(void *arg)
{
	(void)arg;
	return thrd_join(thrd_current(), 0);
}

static int negative(void *arg)
{
	(void)arg;
	return -3;
}

int main(void)
{
	struct timespec pause = { 0, 200 * 1000000L };
	thrd_t id;
	int res = 0;

	CHECK(thrd_create(&id, detach_thrd, 0) == thrd_success);
	/* give the thread time to finish (glibc's test sleeps 2 s) */
	while (!__atomic_load_n(&ended, __ATOMIC_SEQ_CST))
		thrd_yield();
	thrd_sleep(&pause, 0);
	CHECK(thrd_join(id, 0) != thrd_success);

	CHECK(thrd_create(&id, join_self, 0) == thrd_success);
	CHECK(thrd_join(id, &res) == thrd_success);
	CHECK(res == thrd_error);

	CHECK(thrd_create(&id, negative, 0) == thrd_success);
	CHECK(thrd_join(id, &res) == thrd_success);
	CHECK(res == -3);
	return c_result();
}
