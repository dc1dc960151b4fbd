/*
 * Condition: C ports of Zig's Condition tests (notes §11 items 12-17), a
 * producer/consumer stress test in which a generous timeout firing means a
 * lost wake-up, and timed waits that must not end early.
 */
#include "prims.h"

/* §11.12 */
static void t_smoke(void)
{
	struct tb_mutex m = TB_MUTEX_INIT;
	struct tb_cond c = TB_COND_INIT;

	tb_mutex_lock(&m);
	T_EXPECT_EQ(tb_cond_timedwait(&c, &m, 0), -ETIMEDOUT);
	T_EXPECT_EQ(tb_cond_timedwait(&c, &m, 1 * MS), -ETIMEDOUT);
	tb_cond_signal(&c);
	tb_cond_broadcast(&c);
	tb_mutex_unlock(&m);
	tb_cond_broadcast(&c);
	tb_cond_signal(&c);
	T_EXPECT_EQ(m.state, 0);
	T_EXPECT(c.head == 0 && c.lock.state == 0); /* no waiter left, internal lock free */
}

struct shared {
	struct tb_mutex m;
	struct tb_cond c;
	struct tb_cond completed;
	uint32_t count;
	bool notified;
	uint32_t to_wake;
	uint32_t wakeups;
};

static int wait_and_signal(void *arg)
{
	struct shared *s = arg;

	tb_mutex_lock(&s->m);
	s->count++;
	tb_cond_wait(&s->c, &s->m);
	(void)tb_cond_timedwait(&s->c, &s->m, 1 * MS);
	tb_cond_signal(&s->c);
	tb_mutex_unlock(&s->m);
	return 0;
}

/* §11.13: one signal starts a chain that wakes all 4 threads */
static void t_wait_and_signal(void)
{
	struct shared s = { 0 };
	struct tb_thread *t[4];

	t_spawn_n(t, 4, wait_and_signal, &s, 0);
	for (;;) {
		tb_sleep_ns(100 * MS);
		tb_mutex_lock(&s.m);
		if (s.count == 4) {
			tb_mutex_unlock(&s.m);
			break;
		}
		tb_mutex_unlock(&s.m);
	}
	tb_cond_signal(&s.c);
	t_join_n(t, 4);
}

static int signal_run(void *arg)
{
	struct shared *s = arg;

	tb_mutex_lock(&s->m);
	s->count++;
	for (int i = 0; !s->notified; i++) {
		if (i < 5)
			(void)tb_cond_timedwait(&s->c, &s->m, 1);
		else
			tb_cond_wait(&s->c, &s->m);
	}
	T_EXPECT(s->notified);
	tb_cond_signal(&s->c);
	tb_mutex_unlock(&s->m);
	return 0;
}

/* §11.14: the signal is sent outside the lock */
static void t_signal(void)
{
	struct shared s = { 0 };
	struct tb_thread *t[4];

	t_spawn_n(t, 4, signal_run, &s, 0);
	for (;;) {
		tb_sleep_ns(10 * MS);
		tb_mutex_lock(&s.m);
		if (s.count > 0) {
			tb_mutex_unlock(&s.m);
			break;
		}
		tb_mutex_unlock(&s.m);
	}
	tb_mutex_lock(&s.m);
	T_EXPECT(!s.notified);
	s.notified = true;
	tb_mutex_unlock(&s.m);
	tb_cond_signal(&s.c);
	t_join_n(t, 4);
}

struct mpaddle {
	struct tb_mutex m;
	struct tb_cond c;
	uint32_t value;
	struct mpaddle *next;
};

static void mhit(struct mpaddle *p)
{
	tb_mutex_lock(&p->m);
	p->value++;
	tb_mutex_unlock(&p->m);
	tb_cond_signal(&p->c);
}

static int mpaddle_run(void *arg)
{
	struct mpaddle *self = arg;

	tb_mutex_lock(&self->m);
	for (uint32_t current = 0; current < 4; current++) {
		while (self->value == current)
			tb_cond_wait(&self->c, &self->m);
		T_EXPECT_EQ(self->value, current + 1);
		mhit(self->next);
	}
	tb_mutex_unlock(&self->m);
	return 0;
}

/* §11.15 */
static void t_multi_signal(void)
{
	struct mpaddle p[4] = { { TB_MUTEX_INIT, TB_COND_INIT, 0, 0 } };
	struct tb_thread *t[4];

	for (int i = 0; i < 4; i++)
		p[i].next = &p[(i + 1) % 4];
	t_spawn_n(t, 4, mpaddle_run, p, sizeof(p[0]));
	mhit(&p[0]);
	t_join_n(t, 4);
	for (int i = 0; i < 4; i++)
		T_EXPECT_EQ(p[i].value, 4 + (i == 0 ? 1 : 0));
}

static int broadcast_run(void *arg)
{
	struct shared *s = arg;

	tb_mutex_lock(&s->m);
	if (++s->count == 10)
		tb_cond_signal(&s->completed);
	for (int i = 0; s->count != 0; i++) {
		if (i < 10)
			(void)tb_cond_timedwait(&s->c, &s->m, 1);
		else
			tb_cond_wait(&s->c, &s->m);
	}
	tb_mutex_unlock(&s->m);
	return 0;
}

/* §11.16 */
static void t_broadcasting(void)
{
	struct shared s = { 0 };
	struct tb_thread *t[10];

	t_spawn_n(t, 10, broadcast_run, &s, 0);
	tb_mutex_lock(&s.m);
	while (s.count != 10)
		(void)tb_cond_timedwait(&s.completed, &s.m, 1 * SEC);
	s.count = 0;
	tb_cond_broadcast(&s.c);
	tb_mutex_unlock(&s.m);
	t_join_n(t, 10);
}

struct wake_all {
	struct shared *s;
	uint32_t id;
};

static int wake_all_run(void *arg)
{
	struct wake_all *w = arg;
	struct shared *s = w->s;

	tb_mutex_lock(&s->m);
	if (++s->count == 10)
		tb_cond_signal(&s->completed);
	while (s->to_wake != w->id) {
		(void)tb_cond_timedwait(&s->c, &s->m, 1 * SEC);
		s->wakeups++;
	}
	if (s->to_wake <= 10) {
		s->to_wake++;
		tb_cond_broadcast(&s->c);
	}
	tb_mutex_unlock(&s->m);
	return 0;
}

/* §11.17: regression for Zig #12877, broadcast must wake every thread */
static void t_broadcasting_wake_all(void)
{
	struct shared s = { 0 };
	struct wake_all w[10];
	struct tb_thread *t[10];

	for (uint32_t i = 0; i < 10; i++)
		w[i] = (struct wake_all){ &s, i + 1 };
	t_spawn_n(t, 10, wake_all_run, w, sizeof(w[0]));
	tb_mutex_lock(&s.m);
	while (s.count != 10)
		(void)tb_cond_timedwait(&s.completed, &s.m, 1 * SEC);
	s.to_wake = 1;
	tb_cond_broadcast(&s.c);
	tb_mutex_unlock(&s.m);
	t_join_n(t, 10);
	T_EXPECT_EQ(s.to_wake, 11);
}

/* A bounded queue: producers wait on not_full, consumers on not_empty, each
 * woken by one signal. A wait that times out after 30 s is a lost wake-up. */
enum { QCAP = 8, PRODUCERS = 3, CONSUMERS = 3 };

struct queue {
	struct tb_mutex m;
	struct tb_cond not_empty, not_full;
	uint32_t buf[QCAP];
	uint32_t head, len;
	uint32_t per_producer;
	uint32_t consumed;
	uint64_t sum;
	uint32_t timeouts;
};

static int producer(void *arg)
{
	struct queue *q = arg;

	for (uint32_t i = 1; i <= q->per_producer; i++) {
		tb_mutex_lock(&q->m);
		while (q->len == QCAP)
			if (tb_cond_timedwait(&q->not_full, &q->m, 30 * SEC) == -ETIMEDOUT)
				q->timeouts++;
		q->buf[(q->head + q->len++) % QCAP] = i;
		tb_mutex_unlock(&q->m);
		tb_cond_signal(&q->not_empty);
	}
	return 0;
}

static int consumer(void *arg)
{
	struct queue *q = arg;
	uint32_t total = q->per_producer * PRODUCERS;

	for (;;) {
		uint32_t v;

		tb_mutex_lock(&q->m);
		while (q->len == 0 && q->consumed < total)
			if (tb_cond_timedwait(&q->not_empty, &q->m, 30 * SEC) == -ETIMEDOUT)
				q->timeouts++;
		if (q->len == 0) { /* everything consumed: pass the news on */
			tb_mutex_unlock(&q->m);
			tb_cond_broadcast(&q->not_empty);
			return 0;
		}
		v = q->buf[q->head];
		q->head = (q->head + 1) % QCAP;
		q->len--;
		q->consumed++;
		q->sum += v;
		tb_mutex_unlock(&q->m);
		tb_cond_signal(&q->not_full);
	}
}

static void t_stress_producer_consumer(void)
{
	static struct queue q;
	struct tb_thread *t[PRODUCERS + CONSUMERS];
	uint64_t n = (t_emulated() ? 5000 : 50000) * TB_TEST_SCALE;

	q.per_producer = (uint32_t)n;
	t_spawn_n(t, PRODUCERS, producer, &q, 0);
	t_spawn_n(t + PRODUCERS, CONSUMERS, consumer, &q, 0);
	t_join_n(t, PRODUCERS + CONSUMERS);
	T_EXPECT_EQ(q.timeouts, 0);
	T_EXPECT_EQ(q.consumed, n * PRODUCERS);
	T_EXPECT_EQ(q.sum, n * (n + 1) / 2 * PRODUCERS);
	T_EXPECT(q.not_empty.head == 0 && q.not_full.head == 0);
}

/* a timed wait reports a timeout only after the time asked, and holds m again */
static void t_timeout_not_early(void)
{
	struct tb_mutex m = TB_MUTEX_INIT;
	struct tb_cond c = TB_COND_INIT;
	static const int64_t waits[] = { 1, 1000, 1 * MS, 20 * MS, 50 * MS };

	tb_mutex_lock(&m);
	for (unsigned i = 0; i < sizeof(waits) / sizeof(waits[0]); i++) {
		int64_t start = t_now_ns();

		T_EXPECT_EQ(tb_cond_timedwait(&c, &m, waits[i]), -ETIMEDOUT);
		T_EXPECT(t_now_ns() - start >= waits[i]);
		T_EXPECT(!tb_mutex_trylock(&m));
	}
	tb_mutex_unlock(&m);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (const struct t_case[]){
		T_CASE(t_smoke),
		T_CASE(t_wait_and_signal),
		T_CASE(t_signal),
		T_CASE(t_multi_signal),
		T_CASE(t_broadcasting),
		T_CASE(t_broadcasting_wake_all),
		T_CASE(t_stress_producer_consumer),
		T_CASE(t_timeout_not_early),
		{ 0, 0 },
	});
}
