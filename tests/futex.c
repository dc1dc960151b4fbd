/*
 * The futex layer: C ports of Zig's Futex tests (notes §11 items 5-8), plus
 * huge and negative timeouts and timed waits that must not end early.
 */
#include "prims.h"

/* §11.5 */
static void t_smoke(void)
{
	uint32_t v = 0;

	T_EXPECT_EQ(tb_futex_wait(&v, 0xdeadbeef, -1), -EAGAIN);
	T_EXPECT_EQ(tb_futex_wait(&v, 0xdeadbeef, 0), -EAGAIN);
	T_EXPECT_EQ(tb_futex_wait(&v, 0, 0), -ETIMEDOUT);
	T_EXPECT_EQ(tb_futex_wait(&v, 0, 1 * MS), -ETIMEDOUT);
	tb_futex_wake(&v, 0);
	tb_futex_wake(&v, 1);
	tb_futex_wake(&v, UINT32_MAX);
}

/* The kernel's errors come back: no caller loops on a bad address. */
static void t_bad_address(void)
{
	static uint32_t words[2];
	const uint32_t *bad = (const uint32_t *)(uintptr_t)4096; /* the zero page is never mapped */
	const uint32_t *odd = (const uint32_t *)((const char *)words + 1);

	T_EXPECT_EQ(tb_futex_wait(bad, 0, 0), -EFAULT);
	T_EXPECT_EQ(tb_futex_wait(bad, 0, 1 * MS), -EFAULT);
	T_EXPECT_EQ(tb_futex_wait(bad, 0, -1), -EFAULT);
	T_EXPECT_EQ(tb_futex_wait(odd, 0, 0), -EINVAL);
	T_EXPECT_EQ(tb_futex_wait(odd, 0, -1), -EINVAL);
	tb_futex_wake(bad, 1); /* ignored, no crash */
}

struct paddle {
	uint32_t value;
	uint32_t current;
	struct paddle *next;
};

static void hit(struct paddle *p)
{
	__atomic_fetch_add(&p->value, 1, __ATOMIC_RELEASE);
	tb_futex_wake(&p->value, 1);
}

static int paddle_run(void *arg)
{
	struct paddle *self = arg;

	while (self->current < 4) {
		uint32_t nv;

		while ((nv = __atomic_load_n(&self->value, __ATOMIC_ACQUIRE)) == self->current)
			tb_futex_wait(&self->value, self->current, -1);
		T_EXPECT_EQ(nv, self->current + 1);
		self->current = nv;
		hit(self->next);
	}
	return 0;
}

/* §11.6: 4 threads pass a token around a ring 4 times */
static void t_signaling(void)
{
	struct paddle p[4] = { { 0, 0, 0 } };
	struct tb_thread *t[4];

	for (int i = 0; i < 4; i++)
		p[i].next = &p[(i + 1) % 4];
	t_spawn_n(t, 4, paddle_run, p, sizeof(p[0]));
	hit(&p[0]);
	t_join_n(t, 4);
	for (int i = 0; i < 4; i++)
		T_EXPECT_EQ(p[i].current, 4);
}

struct barrier {
	uint32_t count;
	uint32_t futex;
};

static struct barrier barriers[4];

static void barrier_wait(struct barrier *b)
{
	uint32_t c = __atomic_fetch_sub(&b->count, 1, __ATOMIC_RELEASE);

	T_EXPECT(c > 0 && c <= 4);
	if (c - 1 == 0) {
		(void)__atomic_load_n(&b->count, __ATOMIC_ACQUIRE);
		__atomic_store_n(&b->futex, 1, __ATOMIC_RELEASE);
		tb_futex_wake(&b->futex, 3);
	} else {
		while (__atomic_load_n(&b->futex, __ATOMIC_ACQUIRE) == 0)
			tb_futex_wait(&b->futex, 0, -1);
	}
}

static int barrier_run(void *arg)
{
	(void)arg;
	for (int i = 0; i < 4; i++)
		barrier_wait(&barriers[i]);
	return 0;
}

/* §11.7: 4 threads pass 4 barriers in order */
static void t_broadcasting(void)
{
	struct tb_thread *t[4];

	for (int i = 0; i < 4; i++)
		barriers[i] = (struct barrier){ 4, 0 };
	t_spawn_n(t, 4, barrier_run, 0, 0);
	t_join_n(t, 4);
}

/* §11.8: a deadline loop ends with a timeout, and not before the deadline */
static void t_deadline(void)
{
	uint32_t w = 0;
	int64_t start = t_now_ns(), deadline = start + 100 * MS;

	for (;;) {
		int64_t left = deadline - t_now_ns();

		if (tb_futex_wait(&w, 0, left > 0 ? left : 0) == -ETIMEDOUT)
			break;
	}
	T_EXPECT(t_now_ns() >= deadline);
	T_EXPECT(t_now_ns() - start < 60 * SEC);
}

/* a single timed wait never reports a timeout before it is due */
static void t_timeout_not_early(void)
{
	uint32_t w = 0;
	static const int64_t waits[] = { 1, 1000, 1 * MS, 20 * MS, 50 * MS };

	for (unsigned i = 0; i < sizeof(waits) / sizeof(waits[0]); i++) {
		int64_t start = t_now_ns();
		int r = tb_futex_wait(&w, 0, waits[i]);

		T_EXPECT(r == -ETIMEDOUT || r == 0);
		if (r == -ETIMEDOUT)
			T_EXPECT(t_now_ns() - start >= waits[i]);
	}
}

struct waker {
	uint32_t word;
	int64_t delay;
};

static int wake_later(void *arg)
{
	struct waker *w = arg;

	tb_sleep_ns((uint64_t)w->delay);
	__atomic_store_n(&w->word, 1, __ATOMIC_RELEASE);
	tb_futex_wake(&w->word, 1);
	return 0;
}

/* huge timeouts are clamped, never an error that turns a wait into a spin */
static void t_huge_and_negative_timeouts(void)
{
	static const int64_t timeouts[] = { INT64_MAX, INT64_MAX - 1, 0x7fffffffLL * SEC + 5,
					    ((int64_t)1 << 62), -1, INT64_MIN };

	for (unsigned i = 0; i < sizeof(timeouts) / sizeof(timeouts[0]); i++) {
		struct waker w = { 0, 20 * MS };
		struct tb_thread *t;
		int r;

		t_spawn_n(&t, 1, wake_later, &w, 0);
		do
			r = tb_futex_wait(&w.word, 0, timeouts[i]);
		while (r == 0 && !__atomic_load_n(&w.word, __ATOMIC_ACQUIRE));
		/* it slept until the waker's store: no early -ETIMEDOUT, no -EINVAL spin */
		T_EXPECT(r == 0 || r == -EAGAIN);
		T_EXPECT_EQ(__atomic_load_n(&w.word, __ATOMIC_ACQUIRE), 1);
		t_join_n(&t, 1);
	}
}

/* a waiter that sleeps for real is woken (not a spin on -EAGAIN) */
static void t_wake_sleeper(void)
{
	struct waker w = { 0, 50 * MS };
	struct tb_thread *t;
	int64_t start = t_now_ns();
	int spurious = 0;

	t_spawn_n(&t, 1, wake_later, &w, 0);
	while (!__atomic_load_n(&w.word, __ATOMIC_ACQUIRE))
		spurious += tb_futex_wait(&w.word, 0, -1) != 0;
	T_EXPECT(t_now_ns() - start >= 50 * MS);
	T_EXPECT(spurious < 100); /* a signal may interrupt it; -EINVAL turned into a spin would not */
	t_join_n(&t, 1);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (const struct t_case[]){
		T_CASE(t_smoke),
		T_CASE(t_bad_address),
		T_CASE(t_signaling),
		T_CASE(t_broadcasting),
		T_CASE(t_deadline),
		T_CASE(t_timeout_not_early),
		T_CASE(t_huge_and_negative_timeouts),
		T_CASE(t_wake_sleeper),
		{ 0, 0 },
	});
}
