/*
 * ResetEvent: C ports of Zig's ResetEvent tests (notes §11 items 22-24),
 * timed waits that must not end early, and one set waking many sleepers.
 */
#include "prims.h"

/* §11.22 */
static void t_smoke(void)
{
	struct tb_event e = TB_EVENT_INIT;

	T_EXPECT(!tb_event_is_set(&e));
	tb_event_set(&e);
	T_EXPECT(tb_event_is_set(&e));
	tb_event_reset(&e);
	T_EXPECT(!tb_event_is_set(&e));
	T_EXPECT_EQ(tb_event_timedwait(&e, 0), -ETIMEDOUT);
	T_EXPECT_EQ(tb_event_timedwait(&e, 1 * MS), -ETIMEDOUT);
	tb_event_set(&e);
	tb_event_wait(&e);
	T_EXPECT_EQ(tb_event_timedwait(&e, 1 * MS), 0);
	T_EXPECT(tb_event_is_set(&e));
}

struct pingpong {
	struct tb_event in, out;
	uint32_t value;
};

static int output(void *arg)
{
	struct pingpong *p = arg;

	T_EXPECT_EQ(p->value, 0);
	p->value = 1;
	tb_event_set(&p->in);
	tb_event_wait(&p->out);
	tb_event_reset(&p->out);
	T_EXPECT_EQ(p->value, 2);
	p->value = 3;
	tb_event_set(&p->in);
	tb_event_wait(&p->out);
	tb_event_reset(&p->out);
	T_EXPECT_EQ(p->value, 4);
	return 0;
}

/* §11.23 */
static void t_signaling(void)
{
	struct pingpong p = { TB_EVENT_INIT, TB_EVENT_INIT, 0 };
	struct tb_thread *t;

	t_spawn_n(&t, 1, output, &p, 0);
	tb_event_wait(&p.in);
	tb_event_reset(&p.in);
	T_EXPECT_EQ(p.value, 1);
	p.value = 2;
	tb_event_set(&p.out);
	tb_event_wait(&p.in);
	tb_event_reset(&p.in);
	T_EXPECT_EQ(p.value, 3);
	p.value = 4;
	tb_event_set(&p.out);
	t_join_n(&t, 1);
}

struct ebarrier {
	uint32_t counter;
	struct tb_event event;
};

static void ebarrier_wait(struct ebarrier *b)
{
	if (__atomic_fetch_sub(&b->counter, 1, __ATOMIC_ACQ_REL) == 1)
		tb_event_set(&b->event);
}

struct bcast {
	struct ebarrier start, finish;
};

static int bcast_run(void *arg)
{
	struct bcast *b = arg;

	ebarrier_wait(&b->start);
	ebarrier_wait(&b->finish);
	return 0;
}

/* §11.24: 10 participants set concurrently */
static void t_broadcast(void)
{
	struct bcast b = { { 10, TB_EVENT_INIT }, { 10, TB_EVENT_INIT } };
	struct tb_thread *t[9];

	t_spawn_n(t, 9, bcast_run, &b, 0);
	bcast_run(&b);
	t_join_n(t, 9);
	T_EXPECT(tb_event_is_set(&b.start.event));
	T_EXPECT(tb_event_is_set(&b.finish.event));
}

static void t_timeout_not_early(void)
{
	struct tb_event e = TB_EVENT_INIT;
	static const int64_t waits[] = { 1, 1000, 1 * MS, 20 * MS, 50 * MS };

	for (unsigned i = 0; i < sizeof(waits) / sizeof(waits[0]); i++) {
		int64_t start = t_now_ns();

		T_EXPECT_EQ(tb_event_timedwait(&e, waits[i]), -ETIMEDOUT);
		T_EXPECT(t_now_ns() - start >= waits[i]);
	}
	tb_event_set(&e); /* after timed-out waits left WAITING behind */
	T_EXPECT_EQ(tb_event_timedwait(&e, 0), 0);
}

struct many {
	struct tb_event go;
	uint32_t ready, woken, timeouts;
	uint32_t value;
};

static int many_wait(void *arg)
{
	struct many *m = arg;

	__atomic_fetch_add(&m->ready, 1, __ATOMIC_SEQ_CST);
	if (tb_event_timedwait(&m->go, 60 * SEC) == -ETIMEDOUT)
		__atomic_fetch_add(&m->timeouts, 1, __ATOMIC_SEQ_CST);
	else
		T_EXPECT_EQ(m->value, 42); /* set's release, the wait's acquire */
	__atomic_fetch_add(&m->woken, 1, __ATOMIC_SEQ_CST);
	return 0;
}

/* one set wakes every sleeper, round after round */
static void t_stress_wake_all(void)
{
	enum { N = 8 };
	int rounds = t_emulated() ? 20 : 200;

	for (int r = 0; r < rounds; r++) {
		struct many m = { TB_EVENT_INIT, 0, 0, 0, 0 };
		struct tb_thread *t[N];

		t_spawn_n(t, N, many_wait, &m, 0);
		if (r % 2)
			while (__atomic_load_n(&m.ready, __ATOMIC_SEQ_CST) != N)
				tb_thread_yield();
		m.value = 42;
		tb_event_set(&m.go);
		t_join_n(t, N);
		T_EXPECT_EQ(m.woken, N);
		T_EXPECT_EQ(m.timeouts, 0);
	}
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (const struct t_case[]){
		T_CASE(t_smoke),
		T_CASE(t_signaling),
		T_CASE(t_broadcast),
		T_CASE(t_timeout_not_early),
		T_CASE(t_stress_wake_all),
		{ 0, 0 },
	});
}
