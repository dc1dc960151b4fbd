/*
 * C11 conditions: signal and broadcast wake waiters; cnd_timedwait never
 * times out before its TIME_UTC deadline (checked with timespec_get) and
 * works with a recursive mutex; a bounded buffer moves 40 000 items from 4
 * producers to 4 consumers (half of them using cnd_timedwait), each item
 * consumed exactly once.
 */
#include "check.h"

enum { ITEMS = 40000, PRODUCERS = 4, CONSUMERS = 4, SLOTS = 16 };

struct buffer {
	mtx_t m;
	cnd_t not_full, not_empty;
	int items[SLOTS];
	int head, count, produced_by[PRODUCERS];
	int taken; /* items consumed so far, under m */
	unsigned seen[ITEMS];
};

static struct buffer b;

static int producer(void *arg)
{
	int id = (int)(long)arg;

	for (int i = id; i < ITEMS; i += PRODUCERS) {
		CHECK(mtx_lock(&b.m) == thrd_success);
		while (b.count == SLOTS)
			CHECK(cnd_wait(&b.not_full, &b.m) == thrd_success);
		b.items[(b.head + b.count) % SLOTS] = i;
		b.count++;
		CHECK(cnd_signal(&b.not_empty) == thrd_success);
		CHECK(mtx_unlock(&b.m) == thrd_success);
	}
	return 0;
}

static int consumer(void *arg)
{
	int timed = (int)(long)arg % 2;

	for (;;) {
		int item;

		CHECK(mtx_lock(&b.m) == thrd_success);
		while (b.count == 0 && b.taken < ITEMS) {
			if (timed) {
				struct timespec d = c_in(2 * 1000000LL);
				int r = cnd_timedwait(&b.not_empty, &b.m, &d);

				CHECK(r == thrd_success || r == thrd_timedout);
			} else {
				CHECK(cnd_wait(&b.not_empty, &b.m) == thrd_success);
			}
		}
		if (b.taken == ITEMS) {
			CHECK(mtx_unlock(&b.m) == thrd_success);
			return 0;
		}
		item = b.items[b.head];
		b.head = (b.head + 1) % SLOTS;
		b.count--;
		if (++b.taken == ITEMS)
			CHECK(cnd_broadcast(&b.not_empty) == thrd_success); /* the rest stop */
		CHECK(cnd_signal(&b.not_full) == thrd_success);
		CHECK(mtx_unlock(&b.m) == thrd_success);
		CHECK(item >= 0 && item < ITEMS);
		if (item >= 0 && item < ITEMS)
			__atomic_add_fetch(&b.seen[item], 1, __ATOMIC_RELAXED);
	}
}

static void test_bounded_buffer(void)
{
	thrd_t t[PRODUCERS + CONSUMERS];
	int bad = 0;

	CHECK(mtx_init(&b.m, mtx_plain) == thrd_success);
	CHECK(cnd_init(&b.not_full) == thrd_success);
	CHECK(cnd_init(&b.not_empty) == thrd_success);
	for (long i = 0; i < CONSUMERS; i++)
		CHECK(thrd_create(&t[i], consumer, (void *)i) == thrd_success);
	for (long i = 0; i < PRODUCERS; i++)
		CHECK(thrd_create(&t[CONSUMERS + i], producer, (void *)i) == thrd_success);
	for (int i = 0; i < PRODUCERS + CONSUMERS; i++)
		CHECK(thrd_join(t[i], NULL) == thrd_success);
	for (int i = 0; i < ITEMS; i++)
		bad += b.seen[i] != 1;
	CHECK(bad == 0);
	CHECK(b.count == 0);
	cnd_destroy(&b.not_full);
	cnd_destroy(&b.not_empty);
	mtx_destroy(&b.m);
}

struct wake {
	mtx_t m;
	cnd_t c;
	int go, waiting, woke;
};

static int waiter(void *arg)
{
	struct wake *w = arg;

	CHECK(mtx_lock(&w->m) == thrd_success);
	w->waiting++;
	while (!w->go)
		CHECK(cnd_wait(&w->c, &w->m) == thrd_success);
	w->woke++;
	CHECK(mtx_unlock(&w->m) == thrd_success);
	return 0;
}

static void wait_for_waiters(struct wake *w, int n)
{
	for (;;) {
		int k;

		mtx_lock(&w->m);
		k = w->waiting;
		mtx_unlock(&w->m);
		if (k == n)
			break;
		thrd_yield();
	}
	c_sleep_ms(5); /* let the last one reach cnd_wait */
}

static void test_signal_broadcast(void)
{
	static struct wake w;
	thrd_t t[5];

	CHECK(mtx_init(&w.m, mtx_plain) == thrd_success);
	CHECK(cnd_init(&w.c) == thrd_success);
	/* one waiter, one signal */
	CHECK(thrd_create(&t[0], waiter, &w) == thrd_success);
	wait_for_waiters(&w, 1);
	mtx_lock(&w.m);
	w.go = 1;
	CHECK(cnd_signal(&w.c) == thrd_success);
	mtx_unlock(&w.m);
	CHECK(thrd_join(t[0], NULL) == thrd_success);
	CHECK(w.woke == 1);
	/* five waiters, one broadcast */
	w.go = w.waiting = w.woke = 0;
	for (int i = 0; i < 5; i++)
		CHECK(thrd_create(&t[i], waiter, &w) == thrd_success);
	wait_for_waiters(&w, 5);
	mtx_lock(&w.m);
	w.go = 1;
	CHECK(cnd_broadcast(&w.c) == thrd_success);
	mtx_unlock(&w.m);
	for (int i = 0; i < 5; i++)
		CHECK(thrd_join(t[i], NULL) == thrd_success);
	CHECK(w.woke == 5);
	cnd_destroy(&w.c);
	mtx_destroy(&w.m);
}

static void test_timedwait_not_early(int type)
{
	static const long long waits_ns[] = { 0, 1000, 1000000, 30000000 };
	mtx_t m;
	cnd_t c;

	CHECK(mtx_init(&m, type) == thrd_success);
	CHECK(cnd_init(&c) == thrd_success);
	for (unsigned i = 0; i < sizeof(waits_ns) / sizeof(waits_ns[0]); i++) {
		struct timespec d = c_in(waits_ns[i]);
		int r;

		CHECK(mtx_lock(&m) == thrd_success);
		/* nobody signals: loop over spurious wake-ups until the time-out */
		while ((r = cnd_timedwait(&c, &m, &d)) == thrd_success)
			;
		CHECK(r == thrd_timedout);
		CHECK(c_now_ns() >= c_ns(&d));
		if (type & mtx_recursive) {
			/* still held once, by us: a second lock nests */
			CHECK(mtx_trylock(&m) == thrd_success);
			CHECK(mtx_unlock(&m) == thrd_success);
		}
		CHECK(mtx_unlock(&m) == thrd_success);
	}
	{
		struct timespec past = c_in(-NSEC);

		CHECK(mtx_lock(&m) == thrd_success);
		CHECK(cnd_timedwait(&c, &m, &past) == thrd_timedout);
		CHECK(mtx_unlock(&m) == thrd_success);
	}
	cnd_destroy(&c);
	mtx_destroy(&m);
}

int main(void)
{
	test_signal_broadcast();
	test_timedwait_not_early(mtx_plain);
	test_timedwait_not_early(mtx_timed | mtx_recursive);
	test_bounded_buffer();
	return c_result();
}
