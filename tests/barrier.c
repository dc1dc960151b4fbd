/*
 * Barrier: argument errors, a barrier of one, and 1000 rounds with 8
 * threads in which no thread leaves a round before every thread has
 * arrived, exactly one TB_BARRIER_SERIAL comes back per round, and the
 * next round starts at once (threads that leave early re-arrive while the
 * slow ones are still waking; some rounds have a thread arrive late).
 */
#include <threadbare/barrier.h>
#include "prims.h"

enum { THREADS = 8, ROUNDS = 1000 };

struct rounds {
	struct tb_barrier b;
	uint32_t arrived[ROUNDS]; /* bumped before the wait */
	uint32_t serial[ROUNDS];
	uint32_t value[2][THREADS];
};

struct worker {
	struct rounds *r;
	uint32_t id;
};

static int worker(void *arg)
{
	struct worker *w = arg;
	struct rounds *r = w->r;

	for (uint32_t k = 0; k < ROUNDS; k++) {
		int ret;

		r->value[k % 2][w->id] = k; /* plain store, read by all after the wait */
		if ((k + w->id) % 97 == 0)
			tb_sleep_ns(1 * MS); /* one thread arrives late */
		else if ((k * 7 + w->id) % 13 == 0)
			tb_thread_yield();
		__atomic_add_fetch(&r->arrived[k], 1, __ATOMIC_SEQ_CST);
		ret = tb_barrier_wait(&r->b);
		T_EXPECT(ret == 0 || ret == TB_BARRIER_SERIAL);
		if (ret == TB_BARRIER_SERIAL)
			__atomic_add_fetch(&r->serial[k], 1, __ATOMIC_SEQ_CST);
		T_EXPECT_EQ(__atomic_load_n(&r->arrived[k], __ATOMIC_SEQ_CST), THREADS);
		for (uint32_t i = 0; i < THREADS; i++)
			if (r->value[k % 2][i] != k) {
				T_EXPECT_EQ(r->value[k % 2][i], k);
				break;
			}
		/* value[k % 2] is written again in round k + 2 only: a second
		 * barrier wait lies between, which every reader must pass */
	}
	return 0;
}

static void t_1000_rounds(void)
{
	static struct rounds r;
	struct worker w[THREADS];
	struct tb_thread *t[THREADS];
	uint32_t bad = 0;

	T_ASSERT(tb_barrier_init(&r.b, THREADS) == 0);
	for (uint32_t i = 0; i < THREADS; i++) {
		w[i] = (struct worker){ &r, i };
		T_EXPECT_EQ(tb_thread_spawn(&t[i], 0, worker, &w[i]), 0);
	}
	for (uint32_t i = 0; i < THREADS; i++)
		tb_thread_join(t[i]);
	for (uint32_t k = 0; k < ROUNDS; k++)
		bad += r.serial[k] != 1 || r.arrived[k] != THREADS;
	T_EXPECT_EQ(bad, 0);
	T_EXPECT_EQ(r.b.arrived, 0);
	T_EXPECT_EQ(r.b.round, ROUNDS);
}

static void t_errors_and_one(void)
{
	struct tb_barrier zero = { 0 }, one = TB_BARRIER_INIT(1), b = TB_BARRIER_INIT(3);

	T_EXPECT_EQ(tb_barrier_init(0, 2), -EINVAL);
	T_EXPECT_EQ(tb_barrier_init(&b, 0), -EINVAL);
	T_EXPECT_EQ(b.count, 3); /* unchanged */
	T_EXPECT_EQ(tb_barrier_wait(&zero), -EINVAL);
	T_EXPECT_EQ(zero.arrived, 0);
	for (int i = 0; i < 5; i++)
		T_EXPECT_EQ(tb_barrier_wait(&one), TB_BARRIER_SERIAL);
}

struct held {
	struct tb_barrier b;
	uint32_t passed;
};

static int pass_once(void *arg)
{
	struct held *h = arg;

	tb_barrier_wait(&h->b);
	__atomic_add_fetch(&h->passed, 1, __ATOMIC_SEQ_CST);
	return 0;
}

/* two of three arrivals: nobody passes until the third comes */
static void t_holds_until_last(void)
{
	static struct held h;
	struct tb_thread *t[2];

	T_ASSERT(tb_barrier_init(&h.b, 3) == 0);
	t_spawn_n(t, 2, pass_once, &h, 0);
	tb_sleep_ns(30 * MS);
	T_EXPECT_EQ(__atomic_load_n(&h.passed, __ATOMIC_SEQ_CST), 0);
	T_EXPECT_EQ(tb_barrier_wait(&h.b) >= 0, 1);
	t_join_n(t, 2);
	T_EXPECT_EQ(h.passed, 2);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (struct t_case[]){
		T_CASE(t_errors_and_one),
		T_CASE(t_holds_until_last),
		T_CASE(t_1000_rounds),
		{ 0 } });
}
