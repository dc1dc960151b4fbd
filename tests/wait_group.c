/*
 * WaitGroup (no Zig 0.11 test exists): the basic contract, many waiters,
 * reuse, and a group released by 10 000 done calls from many threads.
 */
#include "prims.h"

static void t_smoke(void)
{
	struct tb_wait_group wg = TB_WAIT_GROUP_INIT;

	T_EXPECT(tb_wait_group_is_done(&wg));
	tb_wait_group_wait(&wg); /* zero: returns at once */
	tb_wait_group_add(&wg, 2);
	T_EXPECT(!tb_wait_group_is_done(&wg));
	tb_wait_group_done(&wg);
	T_EXPECT(!tb_wait_group_is_done(&wg));
	tb_wait_group_done(&wg);
	T_EXPECT(tb_wait_group_is_done(&wg));
	tb_wait_group_wait(&wg);
	tb_wait_group_add(&wg, 5);
	tb_wait_group_reset(&wg);
	T_EXPECT(tb_wait_group_is_done(&wg));
	T_EXPECT_EQ(wg.state, 0);
}

enum { SLOTS = 10000, DONERS = 8, WAITERS = 3 };

struct release {
	struct tb_wait_group wg;
	uint32_t slot[SLOTS];
	uint32_t next;
	uint32_t seen_all;
	uint32_t gate;
};

static int doner(void *arg)
{
	struct release *r = arg;
	uint32_t i;

	while (!__atomic_load_n(&r->gate, __ATOMIC_ACQUIRE))
		tb_thread_yield();
	while ((i = __atomic_fetch_add(&r->next, 1, __ATOMIC_RELAXED)) < SLOTS) {
		r->slot[i] = i + 1; /* plain store: done's release publishes it */
		tb_wait_group_done(&r->wg);
	}
	return 0;
}

static int waiter(void *arg)
{
	struct release *r = arg;
	uint32_t ok = 1;

	tb_wait_group_wait(&r->wg);
	T_EXPECT(tb_wait_group_is_done(&r->wg));
	for (uint32_t i = 0; i < SLOTS; i++)
		ok &= r->slot[i] == i + 1;
	T_EXPECT(ok);
	__atomic_fetch_add(&r->seen_all, ok, __ATOMIC_SEQ_CST);
	return 0;
}

/* 10 000 done calls from 8 threads release 3 waiting threads and main */
static void t_stress_10000_done(void)
{
	static struct release r;
	struct tb_thread *t[DONERS + WAITERS];
	int rounds = t_emulated() ? 3 : 20;

	for (int round = 0; round < rounds; round++) {
		for (uint32_t i = 0; i < SLOTS; i++)
			r.slot[i] = 0;
		r.next = r.seen_all = r.gate = 0;
		tb_wait_group_add(&r.wg, SLOTS);
		t_spawn_n(t, WAITERS, waiter, &r, 0);
		t_spawn_n(t + WAITERS, DONERS, doner, &r, 0);
		if (round % 2)
			tb_sleep_ns(5 * MS); /* let the waiters go to sleep first */
		__atomic_store_n(&r.gate, 1, __ATOMIC_RELEASE);
		waiter(&r);
		t_join_n(t, DONERS + WAITERS);
		T_EXPECT_EQ(r.seen_all, WAITERS + 1);
		T_EXPECT_EQ(r.wg.state, 0); /* reusable without a reset */
	}
}

struct one_by_one {
	struct tb_wait_group wg;
	uint32_t count;
};

static int add_done(void *arg)
{
	struct one_by_one *o = arg;

	__atomic_fetch_add(&o->count, 1, __ATOMIC_RELAXED);
	tb_wait_group_done(&o->wg);
	return 0;
}

/* the usual pattern: add before each spawn, done at the end of each thread */
static void t_add_per_thread(void)
{
	struct one_by_one o = { TB_WAIT_GROUP_INIT, 0 };
	struct tb_thread *t[16];

	for (int i = 0; i < 16; i++) {
		tb_wait_group_add(&o.wg, 1);
		t_spawn_n(&t[i], 1, add_done, &o, 0);
	}
	tb_wait_group_wait(&o.wg);
	T_EXPECT_EQ(__atomic_load_n(&o.count, __ATOMIC_RELAXED), 16);
	t_join_n(t, 16);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (const struct t_case[]){
		T_CASE(t_smoke),
		T_CASE(t_stress_10000_done),
		T_CASE(t_add_per_thread),
		{ 0, 0 },
	});
}
