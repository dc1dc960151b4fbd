/*
 * Reader-writer lock: two futex words (the design of Rust's futex RwLock).
 *
 *   state bits 0-29  0: unlocked; 1..MAX_READERS: that many readers;
 *                    WRITE_LOCKED (all 30 bits set): one writer
 *         bit 30     READERS_WAITING: readers sleep on state
 *         bit 31     WRITERS_WAITING: writers sleep on writer_notify
 *   writer_notify    bumped before each writer wake (a sequence word)
 *
 *   lock_shared:   +1 reader by CAS while no writer holds or waits and no
 *                  reader waits; else set READERS_WAITING and
 *                  futex-wait on state
 *   unlock_shared: -1 reader; the last one out wakes a writer if any waits
 *   lock:          0 -> WRITE_LOCKED by CAS; else set WRITERS_WAITING, read writer_notify, re-check state and
 *                  futex-wait on writer_notify. A writer that slept keeps
 *                  WRITERS_WAITING set when it takes the lock (others may wait).
 *   unlock:        -WRITE_LOCKED; if anyone waits: wake_writer_or_readers
 *
 * wake_writer_or_readers, on an unlocked state: only writers waiting ->
 * clear the bit and wake one writer; both -> leave READERS_WAITING, wake one
 * writer, and if no writer was asleep wake the readers instead; only readers
 * -> clear the bit and wake them all. If the lock was taken meanwhile, its
 * new holder does the waking when it unlocks.
 *
 * Misuse: an unlock of a lock not held that way (unlock of an unlocked or
 * read-locked lock, unlock_shared of an unlocked or write-locked one) is
 * seen in the value its subtraction returns, which a correct unlock never
 * gives; debug builds crash, release builds add the amount back and wake
 * every sleeper (who re-check), so the lock works on for correct callers.
 * That costs the fast path a compare, no atomic. An unlock by a thread other
 * than the holder cannot be told from the holder's (undefined).
 *
 * Zig's DefaultRwLock keeps a usize of counts beside a Mutex and a Semaphore
 * (its counts are 15 bits on 32-bit targets, and it once leaked writer
 * counts, #13163); this one is two 32-bit words, has the same writer
 * preference, and leaves both words zero after an uncontended lock/unlock.
 * It does not spin before sleeping: bench/scaling.sh measured no gain at
 * 2-16 threads on 16 cores, nor bench.sh on 2 vCPUs. Unpinned on 2 vCPUs it
 * takes about 2x glibc's time at 95% reads. Letting readers spin instead of
 * sleeping behind a waiting writer did not change that (measured). The
 * standing guess was the CAS loop on the shared word when two CPUs really
 * run readers at once (glibc's readers enter with one fetch_add); the other
 * candidate is sleeps, each ~40 us when the other vCPU must be woken, which
 * glibc's readers avoid by not yielding to waiting writers.
 * scripts/bench-variants.sh --rwlock counts both (TB__RWLOCK_STATS below)
 * and times TB__RWLOCK_READ_GUESS, a reader entry without the load before
 * its CAS, against this one.
 */
#include "../internal.h"
#include <threadbare/rwlock.h>

/*
 * -DTB__RWLOCK_STATS=1 (scripts/bench-variants.sh --rwlock only, never a
 * real build): counts the events that cost under contention, each counter on
 * its own cache line, so that bench/rwlock.c can print them per operation.
 * The fast paths are not counted, only their failures.
 */
#ifndef TB__RWLOCK_STATS
#define TB__RWLOCK_STATS 0
#endif
#ifndef TB__RWLOCK_READ_GUESS
#define TB__RWLOCK_READ_GUESS 0
#endif
#if TB__RWLOCK_STATS
enum {
	ST_RD_CAS_FAIL,  /* a reader's CAS on state lost to another change */
	ST_RD_BLOCKED,   /* a reader found the lock not read-lockable */
	ST_RD_WAIT,      /* a reader's futex wait */
	ST_WR_BUSY,      /* a writer's fast path found the lock not free */
	ST_WR_CAS_FAIL,  /* a writer's CAS on state lost in the slow loop */
	ST_WR_WAIT,      /* a writer's futex wait */
	ST_WAKE_WRITER,  /* futex wakes of writer_notify */
	ST_WAKE_READERS, /* futex wakes of state (all readers) */
	ST_COUNT
};
hidden uint64_t tb__rwlock_stats[ST_COUNT][8];
#define STAT(i) __atomic_fetch_add(&tb__rwlock_stats[i][0], 1, __ATOMIC_RELAXED)
#else
#define STAT(i) ((void)0)
#endif

#define MASK ((1u << 30) - 1)
#define WRITE_LOCKED MASK
#define MAX_READERS (MASK - 1)
#define READERS_WAITING (1u << 30)
#define WRITERS_WAITING (1u << 31)

static bool is_unlocked(uint32_t s)
{
	return (s & MASK) == 0;
}

/* Readers also stay out while readers wait: that only happens right after an
 * unlock that is waking a writer, and writers go first. */
static bool is_read_lockable(uint32_t s)
{
	return (s & MASK) < MAX_READERS && !(s & (READERS_WAITING | WRITERS_WAITING));
}

static bool cas(uint32_t *p, uint32_t *expect, uint32_t want, int success_order)
{
	return __atomic_compare_exchange_n(p, expect, want, false, success_order, __ATOMIC_RELAXED);
}

bool tb_rwlock_trylock_shared(struct tb_rwlock *l)
{
	uint32_t s = __atomic_load_n(&l->state, __ATOMIC_RELAXED);

	while (is_read_lockable(s))
		if (cas(&l->state, &s, s + 1, __ATOMIC_ACQUIRE))
			return true;
	return false;
}

static void lock_shared_slow(struct tb_rwlock *l)
{
	uint32_t s = __atomic_load_n(&l->state, __ATOMIC_RELAXED);

	for (;;) {
		if (is_read_lockable(s)) {
			if (cas(&l->state, &s, s + 1, __ATOMIC_ACQUIRE))
				return;
			STAT(ST_RD_CAS_FAIL);
			continue;
		}
		STAT(ST_RD_BLOCKED);
		if ((s & MASK) == MAX_READERS)
			tb__crash("tb_rwlock_lock_shared: too many readers");
		if (!(s & READERS_WAITING) && !cas(&l->state, &s, s | READERS_WAITING, __ATOMIC_RELAXED))
			continue;
		tb__chaos();
		STAT(ST_RD_WAIT);
		tb__futex_wait(&l->state, s | READERS_WAITING, -1, false);
		s = __atomic_load_n(&l->state, __ATOMIC_RELAXED);
	}
}

void tb_rwlock_lock_shared(struct tb_rwlock *l)
{
#if TB__RWLOCK_READ_GUESS
	uint32_t s = 0;
#else
	uint32_t s = __atomic_load_n(&l->state, __ATOMIC_RELAXED);
#endif

#if TB__RWLOCK_READ_GUESS
	/* a variant (scripts/bench-variants.sh --rwlock): no load before the
	 * CAS. The load fetches the line shared and the CAS must then own it: two
	 * transfers when another CPU's reader just wrote it. A CAS from 0 takes
	 * the lock, or fails having owned the line and read the word, so the
	 * second CAS usually finds it still here */
	if (likely(cas(&l->state, &s, 1, __ATOMIC_ACQUIRE)))
		return;
	if (unlikely(!is_read_lockable(s) || !cas(&l->state, &s, s + 1, __ATOMIC_ACQUIRE)))
		lock_shared_slow(l);
#elif TB__RWLOCK_STATS
	if (is_read_lockable(s)) {
		if (cas(&l->state, &s, s + 1, __ATOMIC_ACQUIRE))
			return;
		STAT(ST_RD_CAS_FAIL);
	}
	lock_shared_slow(l);
#else
	if (unlikely(!is_read_lockable(s) || !cas(&l->state, &s, s + 1, __ATOMIC_ACQUIRE)))
		lock_shared_slow(l);
#endif
}

/* Wakes one writer; true if one was asleep (else it may still have been
 * about to sleep, and will see writer_notify move). */
static bool wake_writer(struct tb_rwlock *l)
{
	__atomic_fetch_add(&l->writer_notify, 1, __ATOMIC_RELEASE);
	tb__chaos();
	STAT(ST_WAKE_WRITER);
	return tb__futex_wake(&l->writer_notify, 1, false) > 0;
}

/* An unlock subtracted n from a lock not held that way: take it back. */
static void __attribute__((noinline)) unlock_misuse(struct tb_rwlock *l, uint32_t n,
						     const char *what)
{
	if (TB_DEBUG)
		tb__crash(what);
	__atomic_fetch_add(&l->state, n, __ATOMIC_RELAXED);
	/* anyone who went to sleep on the wrong value re-checks */
	__atomic_fetch_add(&l->writer_notify, 1, __ATOMIC_RELEASE);
	tb__futex_wake(&l->writer_notify, UINT32_MAX, false);
	tb__futex_wake(&l->state, UINT32_MAX, false);
}

static void wake_writer_or_readers(struct tb_rwlock *l, uint32_t s)
{
	if (s == WRITERS_WAITING) {
		if (cas(&l->state, &s, 0, __ATOMIC_RELAXED)) {
			wake_writer(l);
			return;
		}
		/* readers may be waiting now too: fall through with the new s */
	}
	if (s == (READERS_WAITING | WRITERS_WAITING)) {
		if (!cas(&l->state, &s, READERS_WAITING, __ATOMIC_RELAXED))
			return; /* locked again: its holder will wake them */
		tb__chaos();
		if (wake_writer(l))
			return;
		s = READERS_WAITING; /* no writer was asleep: let the readers go */
	}
	if (s == READERS_WAITING && cas(&l->state, &s, 0, __ATOMIC_RELAXED)) {
		STAT(ST_WAKE_READERS);
		tb__futex_wake(&l->state, UINT32_MAX, false);
	}
}

void tb_rwlock_unlock_shared(struct tb_rwlock *l)
{
	uint32_t s = __atomic_sub_fetch(&l->state, 1, __ATOMIC_RELEASE);

	/* from 1..MAX_READERS readers a correct unlock leaves 0..MAX_READERS-1 */
	if (unlikely((s & MASK) >= MAX_READERS)) {
		unlock_misuse(l, 1, "tb_rwlock_unlock_shared: not read-locked");
		return;
	}
	/* readers wait on a read-locked lock only behind a waiting writer */
	if (is_unlocked(s) && (s & WRITERS_WAITING))
		wake_writer_or_readers(l, s);
}

bool tb_rwlock_trylock(struct tb_rwlock *l)
{
	uint32_t s = __atomic_load_n(&l->state, __ATOMIC_RELAXED);

	while (is_unlocked(s))
		if (cas(&l->state, &s, s + WRITE_LOCKED, __ATOMIC_ACQUIRE))
			return true;
	return false;
}

static void lock_slow(struct tb_rwlock *l)
{
	uint32_t s = __atomic_load_n(&l->state, __ATOMIC_RELAXED), other_writers = 0;

	for (;;) {
		uint32_t seq;

		if (is_unlocked(s)) {
			if (cas(&l->state, &s, s | WRITE_LOCKED | other_writers, __ATOMIC_ACQUIRE))
				return;
			STAT(ST_WR_CAS_FAIL);
			continue;
		}
		if (!(s & WRITERS_WAITING) && !cas(&l->state, &s, s | WRITERS_WAITING, __ATOMIC_RELAXED)) {
			STAT(ST_WR_CAS_FAIL);
			continue;
		}
		/* others may sleep too: keep the bit once we get the lock */
		other_writers = WRITERS_WAITING;
		/* read the sequence before re-checking state, so no wake is missed */
		seq = __atomic_load_n(&l->writer_notify, __ATOMIC_ACQUIRE);
		tb__chaos();
		s = __atomic_load_n(&l->state, __ATOMIC_RELAXED);
		if (is_unlocked(s) || !(s & WRITERS_WAITING))
			continue;
		STAT(ST_WR_WAIT);
		tb__futex_wait(&l->writer_notify, seq, -1, false);
		s = __atomic_load_n(&l->state, __ATOMIC_RELAXED);
	}
}

void tb_rwlock_lock(struct tb_rwlock *l)
{
	uint32_t s = 0;

	if (unlikely(!cas(&l->state, &s, WRITE_LOCKED, __ATOMIC_ACQUIRE))) {
		STAT(ST_WR_BUSY);
		lock_slow(l);
	}
}

void tb_rwlock_unlock(struct tb_rwlock *l)
{
	uint32_t s = __atomic_sub_fetch(&l->state, WRITE_LOCKED, __ATOMIC_RELEASE);

	/* from WRITE_LOCKED a correct unlock leaves a count of 0 */
	if (unlikely(!is_unlocked(s))) {
		unlock_misuse(l, WRITE_LOCKED, "tb_rwlock_unlock: not write-locked");
		return;
	}
	if (s & (READERS_WAITING | WRITERS_WAITING))
		wake_writer_or_readers(l, s);
}
