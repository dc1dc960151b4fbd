/*
 * C11 call_once: 16 threads released together call it on one flag; the
 * function runs exactly once and every caller returns after it finished.
 */
#include "check.h"

enum { RACERS = 16 };

static once_flag flag = ONCE_FLAG_INIT;
static int runs, finished, gate, saw_finished;

static void init(void)
{
	__atomic_add_fetch(&runs, 1, __ATOMIC_SEQ_CST);
	c_sleep_ms(5); /* the others reach call_once meanwhile */
	finished = 1; /* plain store: call_once publishes it */
}

static int racer(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&gate, __ATOMIC_ACQUIRE))
		thrd_yield();
	call_once(&flag, init);
	CHECK(finished == 1);
	__atomic_add_fetch(&saw_finished, finished, __ATOMIC_SEQ_CST);
	call_once(&flag, init);
	return 0;
}

static int count;

static void bump(void)
{
	count++;
}

int main(void)
{
	thrd_t t[RACERS];
	once_flag local = ONCE_FLAG_INIT;

	for (int i = 0; i < RACERS; i++)
		CHECK(thrd_create(&t[i], racer, NULL) == thrd_success);
	__atomic_store_n(&gate, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < RACERS; i++)
		CHECK(thrd_join(t[i], NULL) == thrd_success);
	CHECK(runs == 1);
	CHECK(saw_finished == RACERS);
	call_once(&local, bump);
	call_once(&local, bump);
	CHECK(count == 1);
	return c_result();
}
