/*
 * C11 keys and thrd_exit: per-thread values (NULL at first, in the main
 * thread too), destructors at a thread's return and at thrd_exit with the
 * thread's value, destructor rounds (a destructor that sets its value again
 * runs again, at most TSS_DTOR_ITERATIONS times), no destructor for a
 * deleted key or a NULL value, and thrd_exit's result seen by thrd_join.
 */
#include "check.h"

static tss_t key, rekey, deleted_key;
static int dtor_calls, dtor_bad, redtor_calls, deleted_calls;
static int values[8];

static void dtor(void *v)
{
	__atomic_add_fetch(&dtor_calls, 1, __ATOMIC_SEQ_CST);
	if (v < (void *)&values[0] || v > (void *)&values[7])
		__atomic_add_fetch(&dtor_bad, 1, __ATOMIC_SEQ_CST);
	/* the value is already NULL while its destructor runs */
	if (tss_get(key) != NULL)
		__atomic_add_fetch(&dtor_bad, 1, __ATOMIC_SEQ_CST);
}

/* sets its value again while *v > 0: runs *v + 1 times, at most TSS_DTOR_ITERATIONS */
static void redtor(void *v)
{
	int *left = v;

	__atomic_add_fetch(&redtor_calls, 1, __ATOMIC_SEQ_CST);
	if (*left > 0) {
		--*left;
		tss_set(rekey, left);
	}
}

static void deleted_dtor(void *v)
{
	(void)v;
	__atomic_add_fetch(&deleted_calls, 1, __ATOMIC_SEQ_CST);
}

static int use_key(void *arg)
{
	int i = (int)(long)arg;

	CHECK(tss_get(key) == NULL);
	CHECK(tss_set(key, &values[i]) == thrd_success);
	thrd_yield();
	CHECK(tss_get(key) == &values[i]);
	return i;
}

static void exit_inner(void)
{
	thrd_exit(40 + (int)(tss_get(key) == &values[5]));
}

static void exit_outer(void)
{
	exit_inner();
}

static int exits(void *arg)
{
	(void)arg;
	CHECK(tss_set(key, &values[5]) == thrd_success);
	exit_outer();
	CHECK(0); /* not reached */
	return 0;
}

static int rounds(void *arg)
{
	CHECK(tss_set(rekey, arg) == thrd_success);
	return 0;
}

static int holder_set, key_deleted;

/* sets a value under deleted_key, then exits only after main deleted the key */
static int sets_deleted(void *arg)
{
	int wait_for_delete = (int)(long)arg;

	CHECK(tss_set(deleted_key, &values[1]) == thrd_success);
	__atomic_store_n(&holder_set, 1, __ATOMIC_SEQ_CST);
	while (wait_for_delete && !__atomic_load_n(&key_deleted, __ATOMIC_SEQ_CST))
		thrd_yield();
	return 0;
}

static int sets_null(void *arg)
{
	(void)arg;
	CHECK(tss_set(key, NULL) == thrd_success);
	return 0;
}

int main(void)
{
	thrd_t t[8];
	int res, left;

	CHECK(tss_create(&key, dtor) == thrd_success);
	CHECK(tss_create(&rekey, redtor) == thrd_success);
	CHECK(tss_get(key) == NULL);
	CHECK(tss_set(key, &values[0]) == thrd_success);
	CHECK(tss_get(key) == &values[0]);

	/* each thread its own value, one destructor call each */
	for (long i = 0; i < 8; i++)
		CHECK(thrd_create(&t[i], use_key, (void *)i) == thrd_success);
	for (int i = 0; i < 8; i++) {
		CHECK(thrd_join(t[i], &res) == thrd_success);
		CHECK(res == i);
	}
	CHECK(dtor_calls == 8);
	CHECK(dtor_bad == 0);
	CHECK(tss_get(key) == &values[0]); /* main's value untouched */

	/* thrd_exit from a nested call: the result reaches join, destructors run */
	CHECK(thrd_create(&t[0], exits, NULL) == thrd_success);
	CHECK(thrd_join(t[0], &res) == thrd_success);
	CHECK(res == 41);
	CHECK(dtor_calls == 9);

	/* a NULL value gets no destructor call */
	CHECK(thrd_create(&t[0], sets_null, NULL) == thrd_success);
	CHECK(thrd_join(t[0], NULL) == thrd_success);
	CHECK(dtor_calls == 9);

	/* destructor rounds: set again twice -> 3 calls; always -> TSS_DTOR_ITERATIONS */
	left = 2;
	CHECK(thrd_create(&t[0], rounds, &left) == thrd_success);
	CHECK(thrd_join(t[0], NULL) == thrd_success);
	CHECK(redtor_calls == 3);
	left = 1000;
	redtor_calls = 0;
	CHECK(thrd_create(&t[0], rounds, &left) == thrd_success);
	CHECK(thrd_join(t[0], NULL) == thrd_success);
	CHECK(TSS_DTOR_ITERATIONS >= 4);
	CHECK(redtor_calls == TSS_DTOR_ITERATIONS);

	/* a deleted key's destructor never runs: once while the key lives,
	 * then not for a thread that set a value and exits after the delete */
	CHECK(tss_create(&deleted_key, deleted_dtor) == thrd_success);
	CHECK(thrd_create(&t[0], sets_deleted, (void *)0L) == thrd_success);
	CHECK(thrd_join(t[0], NULL) == thrd_success);
	CHECK(deleted_calls == 1);
	holder_set = 0;
	CHECK(thrd_create(&t[0], sets_deleted, (void *)1L) == thrd_success);
	while (!__atomic_load_n(&holder_set, __ATOMIC_SEQ_CST))
		thrd_yield();
	tss_delete(deleted_key);
	__atomic_store_n(&key_deleted, 1, __ATOMIC_SEQ_CST);
	CHECK(thrd_join(t[0], NULL) == thrd_success);
	CHECK(deleted_calls == 1);

	tss_delete(key);
	tss_delete(rekey);
	return c_result();
}
