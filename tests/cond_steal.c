/*
 * Adversarial tests of the condition variable: wake-ups that a late waiter
 * could steal, signals stranded by a timed-out waiter, and a smasher of many
 * threads mixing blocking waits, timed waits and broadcasts, and a randomized
 * bounded queue with every kind of wait and wake.
 *
 * Each case checks the one property a program relies on: a thread blocked in
 * tb_cond_wait when a signal or broadcast is sent wakes up. A wake-up that is
 * lost shows as a waiter that has not moved 10 s (30 s under emulation) after
 * the broadcast that was meant for it (a generous bound: under load a thread
 * may wait long for a CPU); the case then fails, and broadcasts
 * until every thread has left, so that a broken condition fails the test
 * instead of hanging it.
 */
#include "prims.h"

static int64_t patience(void)
{
	return (t_emulated() ? 30 : 10) * SEC;
}

/* Polls *word until it reads want or the patience runs out. */
static bool await_u32(const uint32_t *word, uint32_t want)
{
	int64_t end = t_now_ns() + patience();

	while (__atomic_load_n(word, __ATOMIC_ACQUIRE) != want) {
		if (t_now_ns() > end)
			return false;
		tb_thread_yield();
	}
	return true;
}

/* Waits (polling under m) until *word == want, or the patience runs out. */
static bool smash_ready(struct tb_mutex *m, const uint32_t *word, uint32_t want)
{
	int64_t end = t_now_ns() + patience();

	for (;;) {
		bool ok;

		tb_mutex_lock(m);
		ok = *word == want;
		tb_mutex_unlock(m);
		if (ok)
			return true;
		if (t_now_ns() > end)
			return false;
		tb_thread_yield();
	}
}

static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* ---- 1. a broadcast wakes the thread that was blocked, whatever late waiters do ---- */

struct gen {
	struct tb_mutex m;
	struct tb_cond c;
	uint32_t gen;	 /* bumped by the main thread, under m */
	uint32_t at;	 /* 1 + the generation the watcher waits to see change */
	uint32_t seen;	 /* the last generation the watcher saw */
	uint32_t stop;
	uint32_t noise_timeout_ns;
};

static int watcher(void *arg)
{
	struct gen *g = arg;

	tb_mutex_lock(&g->m);
	while (!g->stop) {
		uint32_t my = g->gen;

		__atomic_store_n(&g->at, my + 1, __ATOMIC_RELEASE);
		while (g->gen == my && !g->stop)
			tb_cond_wait(&g->c, &g->m);
		__atomic_store_n(&g->seen, g->gen, __ATOMIC_RELEASE);
	}
	tb_mutex_unlock(&g->m);
	return 0;
}

/* Late waiters: each enters after the broadcast, and times out at once. */
static int late_waiter(void *arg)
{
	struct gen *g = arg;

	while (!__atomic_load_n(&g->stop, __ATOMIC_ACQUIRE)) {
		tb_mutex_lock(&g->m);
		tb_cond_timedwait(&g->c, &g->m, g->noise_timeout_ns);
		tb_mutex_unlock(&g->m);
	}
	return 0;
}

/* Joins t[0..n) while another thread keeps broadcasting c: a condition that
 * lost a wake-up fails its case, and this lets its stuck threads go. */
struct releaser {
	struct tb_cond *c;
	uint32_t stop;
};

static int release_run(void *arg)
{
	struct releaser *r = arg;

	while (!__atomic_load_n(&r->stop, __ATOMIC_ACQUIRE)) {
		tb_cond_broadcast(r->c);
		tb_sleep_ns(MS);
	}
	return 0;
}

static void join_releasing(struct tb_cond *c, struct tb_thread **t, int n)
{
	struct releaser r = { c, 0 };
	struct tb_thread *rt;

	t_spawn_n(&rt, 1, release_run, &r, 0);
	t_join_n(t, n);
	__atomic_store_n(&r.stop, 1, __ATOMIC_RELEASE);
	t_join_n(&rt, 1);
}

static void stop_all(struct gen *g, struct tb_thread **t, int n)
{
	tb_mutex_lock(&g->m);
	__atomic_store_n(&g->stop, 1, __ATOMIC_RELEASE);
	tb_mutex_unlock(&g->m);
	join_releasing(&g->c, t, n);
}

static void broadcast_late_waiters(bool under_mutex, uint32_t noise_timeout_ns)
{
	static struct gen g;
	struct tb_thread *t[3];
	int rounds = (t_emulated() ? 2000 : 20000) * TB_TEST_SCALE, lost = 0;

	g = (struct gen){ .noise_timeout_ns = noise_timeout_ns };
	t_spawn_n(t, 1, watcher, &g, 0);
	t_spawn_n(t + 1, 2, late_waiter, &g, 0);
	for (int i = 0; i < rounds && !lost; i++) {
		uint32_t next;

		/* the watcher is blocked once it announced the generation and let go of m */
		if (!await_u32(&g.at, g.gen + 1)) {
			lost = 1;
			break;
		}
		tb_mutex_lock(&g.m);
		next = ++g.gen;
		if (under_mutex)
			tb_cond_broadcast(&g.c);
		tb_mutex_unlock(&g.m);
		if (!under_mutex)
			tb_cond_broadcast(&g.c);
		if (!await_u32(&g.seen, next)) {
			tb_dprintf(1, "# round %d: the watcher missed broadcast %u\n", i, next);
			lost = 1;
		}
	}
	T_EXPECT_EQ(lost, 0);
	stop_all(&g, t, 3);
}

static void t_broadcast_late_waiters_locked(void)
{
	broadcast_late_waiters(true, 0);
}

static void t_broadcast_late_waiters_unlocked(void)
{
	broadcast_late_waiters(false, 0);
}

/* late waiters that sleep a little, so that some are woken by the broadcast too */
static void t_broadcast_late_short_sleepers(void)
{
	broadcast_late_waiters(false, 20000);
}

/* ---- 2. a signal that lands in a timed-out waiter's exit window is not stranded ---- */

enum { PROBES = 8 };

struct strand {
	struct tb_mutex m;
	struct tb_cond c;
	uint32_t stop;
	uint32_t ready, tickets, done;
};

static int zero_waiter(void *arg)
{
	struct strand *s = arg;

	while (!__atomic_load_n(&s->stop, __ATOMIC_ACQUIRE)) {
		tb_mutex_lock(&s->m);
		tb_cond_timedwait(&s->c, &s->m, 0);
		tb_mutex_unlock(&s->m);
	}
	return 0;
}

static int spam_signaller(void *arg)
{
	struct strand *s = arg;

	while (!__atomic_load_n(&s->stop, __ATOMIC_ACQUIRE))
		tb_cond_signal(&s->c);
	return 0;
}

static int probe_waiter(void *arg)
{
	struct strand *s = arg;

	tb_mutex_lock(&s->m);
	s->ready++;
	while (!s->tickets)
		tb_cond_wait(&s->c, &s->m);
	s->tickets--;
	__atomic_add_fetch(&s->done, 1, __ATOMIC_RELEASE);
	tb_mutex_unlock(&s->m);
	return 0;
}

/*
 * Noise (zero-timeout waiters racing a stream of signals) leaves the
 * condition in whatever state its last step left it; then PROBES blocked
 * waiters get one signal each, one at a time, and every signal must wake
 * one of them. A signal stranded by a timed-out waiter's exit would make the
 * condition believe a blocked waiter had already been signalled.
 */
static void t_signal_in_timeout_window(void)
{
	static struct strand s;
	int phases = (t_emulated() ? 10 : 100) * TB_TEST_SCALE, stuck = 0;

	s = (struct strand){ 0 };
	for (int p = 0; p < phases && !stuck; p++) {
		struct tb_thread *t[3], *w[PROBES];

		__atomic_store_n(&s.stop, 0, __ATOMIC_RELEASE);
		t_spawn_n(t, 2, zero_waiter, &s, 0);
		t_spawn_n(t + 2, 1, spam_signaller, &s, 0);
		tb_sleep_ns((t_emulated() ? 20 : 5) * MS);
		__atomic_store_n(&s.stop, 1, __ATOMIC_RELEASE);
		t_join_n(t, 3);

		s.ready = s.tickets = s.done = 0;
		t_spawn_n(w, PROBES, probe_waiter, &s, 0);
		if (!smash_ready(&s.m, &s.ready, PROBES)) {
			stuck = 1;
			break;
		}
		for (uint32_t i = 1; i <= PROBES && !stuck; i++) {
			tb_mutex_lock(&s.m);
			s.tickets++;
			tb_mutex_unlock(&s.m);
			tb_cond_signal(&s.c);
			if (!await_u32(&s.done, i)) {
				tb_dprintf(1, "# phase %d: signal %u woke none of the blocked waiters\n",
					   p, i);
				stuck = 1;
			}
		}
		tb_mutex_lock(&s.m);
		s.tickets = PROBES;
		tb_mutex_unlock(&s.m);
		join_releasing(&s.c, w, PROBES);
	}
	T_EXPECT_EQ(stuck, 0);
}

/* ---- 3. the smasher: phases of broadcasts to many waiters among timed waits and signals ---- */

enum { SMASH_WAITERS = 8, SMASH_NOISE = 3 };

struct smash {
	struct tb_mutex m;
	struct tb_cond c;
	uint32_t gen;
	uint32_t arrived; /* waiters blocked (or about to be) on the current even generation */
	uint32_t left;	  /* waiters that saw it end (and wait for the next even one) */
	uint32_t stop;
	uint32_t early;	  /* timed waits that returned -ETIMEDOUT too soon */
};

struct smasher {
	struct smash *s;
	uint32_t seed;
	bool timed;
};

static int smash_waiter(void *arg)
{
	struct smasher *me = arg;
	struct smash *s = me->s;

	tb_mutex_lock(&s->m);
	while (!s->stop) {
		uint32_t my = s->gen;

		s->arrived++;
		while (s->gen == my && !s->stop) {
			if (me->timed && (rnd(&me->seed) & 1)) {
				int64_t want = rnd(&me->seed) % 200000, t0 = t_now_ns();

				if (tb_cond_timedwait(&s->c, &s->m, want) == -ETIMEDOUT &&
				    t_now_ns() - t0 < want)
					s->early++;
			} else {
				tb_cond_wait(&s->c, &s->m);
			}
		}
		s->left++;
		/* the main thread bumps gen again once everyone has left */
		my = s->gen;
		while (s->gen == my && !s->stop)
			tb_cond_wait(&s->c, &s->m);
	}
	tb_mutex_unlock(&s->m);
	return 0;
}

/* Noise: zero and short timed waits at random, each a chance to steal a
 * wake-up meant for the blocked waiters (no signals: they would mask a lost
 * wake-up by waking the stuck waiter later). */
static int smash_noise(void *arg)
{
	struct smasher *me = arg;
	struct smash *s = me->s;

	while (!__atomic_load_n(&s->stop, __ATOMIC_ACQUIRE)) {
		switch (rnd(&me->seed) % 3) {
		case 0:
			tb_mutex_lock(&s->m);
			tb_cond_timedwait(&s->c, &s->m, 0);
			tb_mutex_unlock(&s->m);
			break;
		case 1:
			tb_mutex_lock(&s->m);
			tb_cond_timedwait(&s->c, &s->m, rnd(&me->seed) % 50000);
			tb_mutex_unlock(&s->m);
			break;
		default:
			tb_thread_yield();
		}
	}
	return 0;
}

static void t_smasher(void)
{
	static struct smash s;
	static struct smasher who[SMASH_WAITERS + SMASH_NOISE];
	struct tb_thread *t[SMASH_WAITERS + SMASH_NOISE];
	int rounds = (t_emulated() ? 150 : 1500) * TB_TEST_SCALE, lost = 0;

	s = (struct smash){ 0 };
	for (int i = 0; i < SMASH_WAITERS + SMASH_NOISE; i++)
		who[i] = (struct smasher){ &s, 0x9e3779b9u * (uint32_t)(i + 1), i % 2 == 0 };
	t_spawn_n(t, SMASH_WAITERS, smash_waiter, &who[0], sizeof(who[0]));
	t_spawn_n(t + SMASH_WAITERS, SMASH_NOISE, smash_noise, &who[SMASH_WAITERS],
		  sizeof(who[0]));
	for (int r = 0; r < rounds && !lost; r++) {
		if (!smash_ready(&s.m, &s.arrived, SMASH_WAITERS)) {
			tb_dprintf(1, "# round %d: waiters did not arrive (%u)\n", r, s.arrived);
			lost = 1;
			break;
		}
		tb_mutex_lock(&s.m);
		s.gen++;
		s.left = 0;
		/* half the rounds broadcast under the mutex, half after it */
		if (r & 1)
			tb_cond_broadcast(&s.c);
		tb_mutex_unlock(&s.m);
		if (!(r & 1))
			tb_cond_broadcast(&s.c);
		if (!smash_ready(&s.m, &s.left, SMASH_WAITERS)) {
			tb_dprintf(1, "# round %d: %u of %d waiters saw the broadcast\n", r, s.left,
				   SMASH_WAITERS);
			lost = 1;
			break;
		}
		tb_mutex_lock(&s.m);
		s.arrived = 0;
		s.gen++;
		tb_mutex_unlock(&s.m);
		tb_cond_broadcast(&s.c);
	}
	T_EXPECT_EQ(lost, 0);
	T_EXPECT_EQ(s.early, 0);
	tb_mutex_lock(&s.m);
	__atomic_store_n(&s.stop, 1, __ATOMIC_RELEASE);
	tb_mutex_unlock(&s.m);
	join_releasing(&s.c, t, SMASH_WAITERS + SMASH_NOISE);
}

/* ---- 4. a long randomized stress: a bounded queue with every kind of wait and wake ---- */

enum { RQ_CAP = 4, RQ_PRODUCERS = 3, RQ_CONSUMERS = 3 };

struct rq {
	struct tb_mutex m;
	struct tb_cond not_empty, not_full;
	uint32_t buf[RQ_CAP];
	uint32_t head, len, per_producer, consumed, producers_left;
	uint64_t sum;
	uint32_t stop;
};

struct rq_thread {
	struct rq *q;
	uint32_t seed;
};

static void rq_wait(struct tb_cond *c, struct tb_mutex *m, uint32_t *seed)
{
	uint32_t r = rnd(seed);

	if (r % 3 == 0)
		tb_cond_wait(c, m);
	else
		tb_cond_timedwait(c, m, (r >> 4) % 100000);
}

static void rq_wake(struct tb_cond *c, uint32_t *seed)
{
	if (rnd(seed) % 4 == 0)
		tb_cond_broadcast(c);
	else
		tb_cond_signal(c);
}

static int rq_producer(void *arg)
{
	struct rq_thread *me = arg;
	struct rq *q = me->q;

	for (uint32_t i = 1; i <= q->per_producer; i++) {
		bool inside = rnd(&me->seed) & 1;

		tb_mutex_lock(&q->m);
		while (q->len == RQ_CAP && !q->stop)
			rq_wait(&q->not_full, &q->m, &me->seed);
		if (q->stop) {
			tb_mutex_unlock(&q->m);
			return 0;
		}
		q->buf[(q->head + q->len++) % RQ_CAP] = i;
		if (inside)
			rq_wake(&q->not_empty, &me->seed);
		tb_mutex_unlock(&q->m);
		if (!inside)
			rq_wake(&q->not_empty, &me->seed);
	}
	tb_mutex_lock(&q->m);
	q->producers_left--;
	tb_mutex_unlock(&q->m);
	tb_cond_broadcast(&q->not_empty);
	return 0;
}

static int rq_consumer(void *arg)
{
	struct rq_thread *me = arg;
	struct rq *q = me->q;

	for (;;) {
		tb_mutex_lock(&q->m);
		while (q->len == 0 && q->producers_left && !q->stop)
			rq_wait(&q->not_empty, &q->m, &me->seed);
		if (q->len == 0) {
			tb_mutex_unlock(&q->m);
			tb_cond_broadcast(&q->not_empty);
			return 0;
		}
		q->sum += q->buf[q->head];
		q->head = (q->head + 1) % RQ_CAP;
		q->len--;
		q->consumed++;
		tb_mutex_unlock(&q->m);
		rq_wake(&q->not_full, &me->seed);
	}
}

static void t_random_stress(void)
{
	static struct rq q;
	static struct rq_thread who[RQ_PRODUCERS + RQ_CONSUMERS];
	struct tb_thread *t[RQ_PRODUCERS + RQ_CONSUMERS];
	uint32_t n = (t_emulated() ? 4000 : 40000) * TB_TEST_SCALE;
	int64_t end;
	bool finished;

	q = (struct rq){ .per_producer = n, .producers_left = RQ_PRODUCERS };
	for (int i = 0; i < RQ_PRODUCERS + RQ_CONSUMERS; i++)
		who[i] = (struct rq_thread){ &q, 0x2545f491u * (uint32_t)(i + 3) };
	t_spawn_n(t, RQ_PRODUCERS, rq_producer, &who[0], sizeof(who[0]));
	t_spawn_n(t + RQ_PRODUCERS, RQ_CONSUMERS, rq_consumer, &who[RQ_PRODUCERS],
		  sizeof(who[0]));
	/* progress watchdog: the consumed count must keep moving */
	end = t_now_ns() + patience();
	for (uint32_t last = 0;;) {
		uint32_t now;

		tb_mutex_lock(&q.m);
		now = q.consumed;
		finished = now == n * RQ_PRODUCERS;
		tb_mutex_unlock(&q.m);
		if (finished)
			break;
		if (now != last) {
			last = now;
			end = t_now_ns() + patience();
		} else if (t_now_ns() > end) {
			tb_dprintf(1, "# no progress at %u of %u items\n", now, n * RQ_PRODUCERS);
			break;
		}
		tb_sleep_ns(MS);
	}
	T_EXPECT(finished);
	tb_mutex_lock(&q.m);
	q.stop = 1;
	tb_mutex_unlock(&q.m);
	tb_cond_broadcast(&q.not_full);
	join_releasing(&q.not_full, t, RQ_PRODUCERS);
	join_releasing(&q.not_empty, t + RQ_PRODUCERS, RQ_CONSUMERS);
	T_EXPECT_EQ(q.consumed, n * RQ_PRODUCERS);
	T_EXPECT_EQ(q.sum, (uint64_t)n * (n + 1) / 2 * RQ_PRODUCERS);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (const struct t_case[]){
		T_CASE(t_broadcast_late_waiters_locked),
		T_CASE(t_broadcast_late_waiters_unlocked),
		T_CASE(t_broadcast_late_short_sleepers),
		T_CASE(t_signal_in_timeout_window),
		T_CASE(t_smasher),
		T_CASE(t_random_stress),
		{ 0 } });
}
