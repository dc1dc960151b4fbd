/*
 * Semaphore: a C port of Zig's Semaphore test (notes §11 item 21), timed
 * waits, and a bounded-buffer stress test in which a generous timeout firing
 * means a lost wake-up.
 */
#include "prims.h"

struct sem_n {
	struct tb_sem sem;
	uint32_t n;
};

static int wait_inc_post(void *arg)
{
	struct sem_n *s = arg;

	tb_sem_wait(&s->sem);
	s->n += 1;
	tb_sem_post(&s->sem);
	return 0;
}

/* §11.21 */
static void t_zig(void)
{
	struct sem_n s = { TB_SEM_INIT(1), 0 };
	struct tb_thread *t[3];

	t_spawn_n(t, 3, wait_inc_post, &s, 0);
	t_join_n(t, 3);
	tb_sem_wait(&s.sem);
	T_EXPECT_EQ(s.n, 3);
}

static void t_smoke(void)
{
	struct tb_sem zero = { 0 }, two = TB_SEM_INIT(2);

	T_EXPECT_EQ(tb_sem_timedwait(&zero, 0), -ETIMEDOUT);
	T_EXPECT_EQ(tb_sem_timedwait(&zero, 1 * MS), -ETIMEDOUT);
	tb_sem_post(&zero);
	T_EXPECT_EQ(tb_sem_timedwait(&zero, 0), 0);
	T_EXPECT_EQ(tb_sem_timedwait(&zero, 0), -ETIMEDOUT);
	tb_sem_wait(&two);
	T_EXPECT_EQ(tb_sem_timedwait(&two, 1 * MS), 0);
	T_EXPECT_EQ(tb_sem_timedwait(&two, 0), -ETIMEDOUT);
	T_EXPECT_EQ(zero.waiters, 0);
	T_EXPECT_EQ(two.waiters, 0);
}

static void t_timeout_not_early(void)
{
	struct tb_sem s = TB_SEM_INIT(0);
	static const int64_t waits[] = { 1, 1000, 1 * MS, 20 * MS, 50 * MS };

	for (unsigned i = 0; i < sizeof(waits) / sizeof(waits[0]); i++) {
		int64_t start = t_now_ns();

		T_EXPECT_EQ(tb_sem_timedwait(&s, waits[i]), -ETIMEDOUT);
		T_EXPECT(t_now_ns() - start >= waits[i]);
	}
}

struct poster {
	struct tb_sem *s;
	int64_t delay;
};

static int post_later(void *arg)
{
	struct poster *p = arg;

	tb_sleep_ns((uint64_t)p->delay);
	tb_sem_post(p->s);
	return 0;
}

/* a sleeping waiter is woken by a post long before its timeout */
static void t_wake_sleeper(void)
{
	struct tb_sem s = TB_SEM_INIT(0);
	struct poster p = { &s, 30 * MS };
	struct tb_thread *t;
	int64_t start = t_now_ns();

	t_spawn_n(&t, 1, post_later, &p, 0);
	T_EXPECT_EQ(tb_sem_timedwait(&s, 60 * SEC), 0);
	T_EXPECT(t_now_ns() - start >= 30 * MS);
	t_join_n(&t, 1);
	T_EXPECT_EQ(s.permits, 0);
}

/* A bounded buffer from two semaphores (free slots and filled slots) and a
 * mutex. Every wait has a 30 s timeout that must never fire. */
enum { SLOTS = 4, PRODUCERS = 3, CONSUMERS = 3 };

struct ring {
	struct tb_sem free_slots, filled;
	struct tb_mutex m;
	uint32_t buf[SLOTS];
	uint32_t head, tail;
	uint32_t per_thread;
	uint64_t sum;
	uint32_t timeouts;
};

static void sem_take(struct ring *r, struct tb_sem *s)
{
	while (tb_sem_timedwait(s, 30 * SEC) == -ETIMEDOUT)
		__atomic_fetch_add(&r->timeouts, 1, __ATOMIC_RELAXED);
}

static int ring_producer(void *arg)
{
	struct ring *r = arg;

	for (uint32_t i = 1; i <= r->per_thread; i++) {
		sem_take(r, &r->free_slots);
		tb_mutex_lock(&r->m);
		r->buf[r->tail++ % SLOTS] = i;
		tb_mutex_unlock(&r->m);
		tb_sem_post(&r->filled);
	}
	return 0;
}

static int ring_consumer(void *arg)
{
	struct ring *r = arg;

	for (uint32_t i = 0; i < r->per_thread; i++) {
		uint32_t v;

		if (i % 2)
			sem_take(r, &r->filled);
		else
			tb_sem_wait(&r->filled);
		tb_mutex_lock(&r->m);
		v = r->buf[r->head++ % SLOTS];
		r->sum += v;
		tb_mutex_unlock(&r->m);
		tb_sem_post(&r->free_slots);
	}
	return 0;
}

static void t_stress_bounded_buffer(void)
{
	static struct ring r = { .free_slots = TB_SEM_INIT(SLOTS), .filled = TB_SEM_INIT(0) };
	struct tb_thread *t[PRODUCERS + CONSUMERS];
	uint64_t n = (t_emulated() ? 5000 : 50000) * TB_TEST_SCALE;

	r.per_thread = (uint32_t)n;
	t_spawn_n(t, PRODUCERS, ring_producer, &r, 0);
	t_spawn_n(t + PRODUCERS, CONSUMERS, ring_consumer, &r, 0);
	t_join_n(t, PRODUCERS + CONSUMERS);
	T_EXPECT_EQ(r.timeouts, 0);
	T_EXPECT_EQ(r.sum, n * (n + 1) / 2 * PRODUCERS);
	T_EXPECT_EQ(r.free_slots.permits, SLOTS);
	T_EXPECT_EQ(r.filled.permits, 0);
	T_EXPECT_EQ(r.free_slots.waiters, 0);
	T_EXPECT_EQ(r.filled.waiters, 0);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (const struct t_case[]){
		T_CASE(t_zig),
		T_CASE(t_smoke),
		T_CASE(t_timeout_not_early),
		T_CASE(t_wake_sleeper),
		T_CASE(t_stress_bounded_buffer),
		{ 0, 0 },
	});
}
