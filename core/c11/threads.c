/*
 * C11 <threads.h> (include/c11/threads.h) over threadbare's public API
 * only: no core/ internal is used, so this file shows the API is enough,
 * and -ffunction-sections keeps what a program does not call out of it.
 *
 * thrd_create and *thr. The standard has *thr stored before func starts;
 * tb_thread_spawn stores its handle only after the clone. So a start
 * record carries func, arg and thr to the new thread, and the thread and
 * its creator race to store *thr, exactly once, through the record's gate:
 *
 *   OPEN --(child wins the CAS)--> CHILD  --(child stores *thr)--> STORED
 *   OPEN --(parent wins the CAS)--> PARENT --(parent stores *thr)--> STORED
 *
 * The loser waits for STORED (the winner has one store left), so func
 * never runs before *thr is set, thrd_create never returns before it, and
 * nothing writes *thr after thrd_create returns (the caller may reuse it).
 * Records come from a static table (no malloc): busy is claimed by CAS and
 * freed when refs, one for each side, drops to 0. When every record is in
 * use (threads created faster than they start), the creator yields until
 * one is free. A fork copies the records of every thrd_create under way,
 * whose threads are not in the child: a tb_atfork child handler, registered
 * before the first record is taken, frees them all there (no thrd_create is
 * under way in the child; tb_fork holds its handler table's lock across the
 * fork, so a registration is either in the table or its caller has taken
 * no record yet). Registering is idempotent in effect, so it needs no lock:
 * threads that race to the first thrd_create may each register one.
 *
 * Mutexes: plain and timed types are a bare tb_mutex (the type test is a
 * plain load: no extra atomic). mtx_recursive adds an owner and a depth;
 * the owner field is written only by the owning thread, so a thread that
 * reads itself there holds the lock. The depth never wraps: a lock that
 * would take it past UINT_MAX fails with thrd_error.
 *
 * Deadlines: a TIME_UTC timespec becomes nanoseconds with saturation, so
 * tv_sec = LLONG_MAX waits (for 292 years) and a deadline far in the past
 * has passed.
 */
#include <threads.h>
#include <threadbare/clock.h>
#include <threadbare/errno.h>
#include <threadbare/sys.h>

#define NSEC 1000000000LL
#define SLICE_NS (100 * 1000000LL) /* timed waits re-read the wall clock this often */

enum { OPEN, CHILD, PARENT, STORED };
enum { RECORDS = 16 }; /* 640 bytes of .bss on 64-bit (tests/c11_size.sh) */

struct start {
	uint32_t busy;
	uint32_t gate;
	uint32_t refs;
	thrd_start_t func;
	void *arg;
	thrd_t *thr;
};

static struct start records[RECORDS];
static uint32_t next_record;

static struct start *record_get(void)
{
	for (;;) {
		uint32_t h = __atomic_fetch_add(&next_record, 1, __ATOMIC_RELAXED);

		for (uint32_t i = 0; i < RECORDS; i++) {
			struct start *s = &records[(h + i) % RECORDS];

			if (!__atomic_load_n(&s->busy, __ATOMIC_RELAXED) &&
			    !__atomic_exchange_n(&s->busy, 1, __ATOMIC_ACQUIRE))
				return s;
		}
		tb_thread_yield();
	}
}

/* In a fork's child: no thrd_create is under way there (see above). */
static void records_free(void)
{
	for (uint32_t i = 0; i < RECORDS; i++)
		records[i].busy = 0;
}

/* Weak: tb_atfork is in the file of tb_fork (core/fork.c), which only a
 * program that forks links; one that does not needs no handler. Hidden: a
 * weak reference of default visibility makes a dynamic symbol in a static
 * PIE, whose GOT entry m68k's ld fills wrongly (not NULL when absent). */
extern int tb_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void))
	__attribute__((weak, visibility("hidden")));

static uint32_t fork_ready;

static void fork_safe(void)
{
	if (tb_atfork && !__atomic_load_n(&fork_ready, __ATOMIC_ACQUIRE) &&
	    tb_atfork(0, 0, records_free) == 0)
		__atomic_store_n(&fork_ready, 1, __ATOMIC_RELEASE);
}

static void record_put(struct start *s)
{
	if (__atomic_sub_fetch(&s->refs, 1, __ATOMIC_ACQ_REL) == 0)
		__atomic_store_n(&s->busy, 0, __ATOMIC_RELEASE);
}

/* Stores *thr if this side wins the gate, else waits for the winner's store. */
static void publish(struct start *s, uint32_t side, thrd_t t)
{
	uint32_t open = OPEN;

	if (__atomic_compare_exchange_n(&s->gate, &open, side, false, __ATOMIC_ACQ_REL,
					__ATOMIC_ACQUIRE)) {
		__atomic_store_n(s->thr, t, __ATOMIC_RELAXED);
		__atomic_store_n(&s->gate, STORED, __ATOMIC_RELEASE);
	} else {
		while (__atomic_load_n(&s->gate, __ATOMIC_ACQUIRE) != STORED)
			tb_thread_yield();
	}
}

static int start(void *arg)
{
	struct start *s = arg;
	thrd_start_t func = s->func;
	void *farg = s->arg;

	publish(s, CHILD, tb_thread_self());
	record_put(s);
	return func(farg);
}

int thrd_create(thrd_t *thr, thrd_start_t func, void *arg)
{
	struct start *s;
	struct tb_thread *t;
	int r;

	fork_safe();
	s = record_get();
	s->gate = OPEN;
	s->refs = 2;
	s->func = func;
	s->arg = arg;
	s->thr = thr;
	r = tb_thread_spawn(&t, 0, start, s);
	if (r) {
		__atomic_store_n(&s->busy, 0, __ATOMIC_RELEASE);
		return r == -ENOMEM ? thrd_nomem : thrd_error;
	}
	publish(s, PARENT, t);
	record_put(s);
	return thrd_success;
}

/* join_result keeps a thread's negative result apart from an error (a stale,
 * detached or NULL handle, the caller itself): those are thrd_error */
int thrd_join(thrd_t thr, int *res)
{
	return tb_thread_join_result(thr, res) ? thrd_error : thrd_success;
}

int thrd_detach(thrd_t thr)
{
	return tb_thread_detach(thr) ? thrd_error : thrd_success;
}

thrd_t thrd_current(void)
{
	return tb_thread_self();
}

int thrd_equal(thrd_t a, thrd_t b)
{
	return a == b;
}

void thrd_yield(void)
{
	tb_thread_yield();
}

int thrd_sleep(const struct timespec *duration, struct timespec *remaining)
{
	uint64_t left = 0;
	int r;

	if (duration->tv_sec < 0 || duration->tv_nsec < 0 || duration->tv_nsec >= NSEC)
		return -2;
	/* more seconds than 2^64 ns hold (584 years) sleep that long */
	r = tb_clock_sleep_ns(TB_CLOCK_REALTIME,
			      (uint64_t)duration->tv_sec >= UINT64_MAX / NSEC
				      ? UINT64_MAX
				      : (uint64_t)duration->tv_sec * NSEC + (uint64_t)duration->tv_nsec,
			      &left);
	if (r == 0)
		return 0;
	if (r == -EINTR || r == -ECANCELED) { /* a signal, or tb_thread_interrupt */
		if (remaining) {
			remaining->tv_sec = (time_t)(left / NSEC);
			remaining->tv_nsec = (long)(left % NSEC);
		}
		return -1;
	}
	return -2;
}

/* ---- mutexes */

int mtx_init(mtx_t *mtx, int type)
{
	if ((type & ~(mtx_recursive | mtx_timed)) != 0)
		return thrd_error;
	mtx->__m = (struct tb_mutex)TB_MUTEX_INIT;
	mtx->__type = type;
	mtx->__owner = 0;
	mtx->__depth = 0;
	return thrd_success;
}

static int held_by_me(mtx_t *mtx, thrd_t me)
{
	return __atomic_load_n(&mtx->__owner, __ATOMIC_RELAXED) == me;
}

static void take(mtx_t *mtx, thrd_t me)
{
	__atomic_store_n(&mtx->__owner, me, __ATOMIC_RELAXED);
	mtx->__depth = 1;
}

/* One more level of a recursive mutex the caller holds; never wraps */
static int deeper(mtx_t *mtx)
{
	if (mtx->__depth == (unsigned)-1)
		return thrd_error;
	mtx->__depth++;
	return thrd_success;
}

/* Out of line, so that the plain path of mtx_lock saves no registers for
 * it: with this inlined, gcc pushed and popped two callee-saved registers on
 * every plain lock (bench-counts.sh: 39 instructions per pair, 34 without). */
static __attribute__((noinline)) int lock_recursive(mtx_t *mtx)
{
	thrd_t me = tb_thread_self();

	if (held_by_me(mtx, me))
		return deeper(mtx);
	tb_mutex_lock(&mtx->__m);
	take(mtx, me);
	return thrd_success;
}

int mtx_lock(mtx_t *mtx)
{
	if (mtx->__type & mtx_recursive)
		return lock_recursive(mtx);
	tb_mutex_lock(&mtx->__m);
	return thrd_success;
}

int mtx_trylock(mtx_t *mtx)
{
	thrd_t me;

	if (!(mtx->__type & mtx_recursive))
		return tb_mutex_trylock(&mtx->__m) ? thrd_success : thrd_busy;
	me = tb_thread_self();
	if (held_by_me(mtx, me))
		return deeper(mtx);
	if (!tb_mutex_trylock(&mtx->__m))
		return thrd_busy;
	take(mtx, me);
	return thrd_success;
}

/*
 * ns from now until the TIME_UTC deadline ts (<= 0: reached), saturated:
 * seconds beyond what int64_t ns hold are the farthest or the earliest
 * deadline there is. ts->tv_nsec is in [0, 1e9) (bad_deadline).
 */
static int64_t until(const struct timespec *ts)
{
	const long long lim = INT64_MAX / NSEC - 1; /* lim * NSEC + tv_nsec fits */
	int64_t now = tb_clock_ns(TB_CLOCK_REALTIME), at;

	if (now < 0)
		now = 0; /* no clock (it cannot fail on Linux): the epoch */
	if (ts->tv_sec > lim)
		return INT64_MAX - now;
	if (ts->tv_sec < -lim)
		return -1;
	at = (int64_t)ts->tv_sec * NSEC + ts->tv_nsec;
	return at > now ? at - now : 0;
}

static int bad_deadline(const struct timespec *ts)
{
	return ts->tv_nsec < 0 || ts->tv_nsec >= NSEC;
}

int mtx_timedlock(mtx_t *restrict mtx, const struct timespec *restrict ts)
{
	thrd_t me = 0;
	int64_t left;

	if (mtx->__type & mtx_recursive) {
		me = tb_thread_self();
		if (held_by_me(mtx, me))
			return deeper(mtx);
	}
	if (!tb_mutex_trylock(&mtx->__m)) {
		if (bad_deadline(ts))
			return thrd_error;
		for (;;) {
			left = until(ts);
			if (left <= 0)
				return thrd_timedout;
			if (tb_mutex_timedlock(&mtx->__m, left < SLICE_NS ? left : SLICE_NS) == 0)
				break;
		}
	}
	if (me)
		take(mtx, me);
	return thrd_success;
}

int mtx_unlock(mtx_t *mtx)
{
	if (mtx->__type & mtx_recursive) {
		if (--mtx->__depth)
			return thrd_success;
		__atomic_store_n(&mtx->__owner, (thrd_t)0, __ATOMIC_RELAXED);
	}
	tb_mutex_unlock(&mtx->__m);
	return thrd_success;
}

void mtx_destroy(mtx_t *mtx)
{
	(void)mtx;
}

/* ---- conditions */

int cnd_init(cnd_t *cond)
{
	cond->__c = (struct tb_cond)TB_COND_INIT;
	return thrd_success;
}

int cnd_signal(cnd_t *cond)
{
	tb_cond_signal(&cond->__c);
	return thrd_success;
}

int cnd_broadcast(cnd_t *cond)
{
	tb_cond_broadcast(&cond->__c);
	return thrd_success;
}

/* A recursive mutex is released whole for the wait (the standard expects
 * it locked once) and its owner and depth restored after. */
int cnd_wait(cnd_t *cond, mtx_t *mtx)
{
	unsigned depth = mtx->__depth;
	int r;

	if (mtx->__type & mtx_recursive)
		__atomic_store_n(&mtx->__owner, (thrd_t)0, __ATOMIC_RELAXED);
	r = tb_cond_wait(&cond->__c, &mtx->__m);
	if (mtx->__type & mtx_recursive) {
		take(mtx, tb_thread_self());
		mtx->__depth = depth;
	}
	/* -ECANCELED: tb_thread_interrupt; mtx is held again, as C11 wants on error */
	return r ? thrd_error : thrd_success;
}

int cnd_timedwait(cnd_t *restrict cond, mtx_t *restrict mtx, const struct timespec *restrict ts)
{
	unsigned depth = mtx->__depth;
	int64_t left;
	int r;

	if (bad_deadline(ts))
		return thrd_error;
	left = until(ts);
	if (left <= 0)
		return thrd_timedout;
	if (mtx->__type & mtx_recursive)
		__atomic_store_n(&mtx->__owner, (thrd_t)0, __ATOMIC_RELAXED);
	r = tb_cond_timedwait(&cond->__c, &mtx->__m, left < SLICE_NS ? left : SLICE_NS);
	if (mtx->__type & mtx_recursive) {
		take(mtx, tb_thread_self());
		mtx->__depth = depth;
	}
	if (r == -ECANCELED) /* tb_thread_interrupt: mtx is held again */
		return thrd_error;
	/* the end of a slice before the deadline is a spurious wake-up */
	return r == 0 || until(ts) > 0 ? thrd_success : thrd_timedout;
}

void cnd_destroy(cnd_t *cond)
{
	(void)cond;
}

/* ---- call_once */

static void call_plain(void *p)
{
	(*(void (**)(void))p)();
}

void call_once(once_flag *flag, void (*func)(void))
{
	tb_once_call(flag, call_plain, &func);
}

/* ---- <time.h> */

int timespec_get(struct timespec *ts, int base)
{
	int64_t t;

	if (base != TIME_UTC)
		return 0;
	t = tb_clock_ns(TB_CLOCK_REALTIME);
	if (t < 0)
		return 0;
	ts->tv_sec = t / NSEC;
	ts->tv_nsec = (long)(t % NSEC);
	return base;
}

int clock_gettime(clockid_t clock, struct timespec *ts)
{
	int64_t t = tb_clock_ns(clock);

	if (t < 0)
		return -1;
	ts->tv_sec = t / NSEC;
	ts->tv_nsec = (long)(t % NSEC);
	return 0;
}

time_t time(time_t *t)
{
	time_t now = tb_clock_ns(TB_CLOCK_REALTIME) / NSEC;

	if (t)
		*t = now;
	return now;
}
