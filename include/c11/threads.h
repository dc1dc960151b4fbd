/*
 * C11 <threads.h> (ISO C11 7.26) over threadbare, for programs built with
 * no libc. The same program builds against glibc or musl unchanged. Every
 * function of 7.26 is here, with the standard's semantics; the notes below
 * say what threadbare adds or leaves to the standard's "undefined".
 *
 *   thrd_t       a thread's handle (threadbare's struct tb_thread *);
 *                thrd_current works in every thread, the main thread and
 *                threads started by tb_thread_spawn included
 *   mtx_t        a tb_mutex, plus its type and, for mtx_recursive, the
 *                owner and depth; plain and timed mutexes cost what
 *                tb_mutex does (no extra atomics)
 *   cnd_t        a tb_cond
 *   tss_t        a tb_tss key; TSS_DTOR_ITERATIONS destructor rounds
 *   once_flag    a tb_once
 *
 * mtx_timedlock and cnd_timedwait take absolute TIME_UTC deadlines. They
 * wait in slices of at most 100 ms of CLOCK_MONOTONIC, re-reading the wall
 * clock after each: a step of the wall clock moves the expiry (a step
 * forward takes effect within 100 ms), and they never return thrd_timedout
 * before timespec_get says the deadline has passed. cnd_timedwait may
 * return thrd_success at the end of a slice (a spurious wake-up, which the
 * standard allows): callers loop on their predicate, as always. A deadline
 * beyond what 64-bit nanoseconds hold saturates: tv_sec = LLONG_MAX waits
 * (292 years), a tv_sec of -2^63 has passed.
 *
 * A recursive mutex counts its depth in an unsigned: a lock that would take
 * it past UINT_MAX (mtx_lock, mtx_trylock, mtx_timedlock by the owner)
 * returns thrd_error and changes nothing.
 *
 * Fork: in a program that links tb_fork, thrd_create registers one tb_atfork
 * child handler, at its first call, which frees in the child the start
 * records of thrd_create calls that other threads had under way.
 */
#ifndef TB_C11_THREADS_H
#define TB_C11_THREADS_H

#include <time.h>
#include <threadbare/thread.h>
#include <threadbare/mutex.h>
#include <threadbare/condition.h>
#include <threadbare/once.h>
#include <threadbare/tss.h>

#ifndef __cplusplus
#define thread_local _Thread_local
#endif

enum {
	thrd_success = 0,
	thrd_busy = 1,
	thrd_error = 2,
	thrd_nomem = 3,
	thrd_timedout = 4,
};

enum {
	mtx_plain = 0,
	mtx_recursive = 1,
	mtx_timed = 2,
};

typedef struct tb_thread *thrd_t;
typedef int (*thrd_start_t)(void *);

typedef struct {
	struct tb_mutex __m;
	int __type;
	struct tb_thread *__owner; /* mtx_recursive only */
	unsigned __depth;          /* mtx_recursive only */
} mtx_t;

typedef struct {
	struct tb_cond __c;
} cnd_t;

typedef struct tb_tss tss_t;
typedef void (*tss_dtor_t)(void *);
#define TSS_DTOR_ITERATIONS TB_TSS_DTOR_ITERATIONS

typedef struct tb_once once_flag;
#define ONCE_FLAG_INIT TB_ONCE_INIT

/* Threads (7.26.5) */

/* thrd_success, thrd_nomem (no memory or address space for the thread) or
 * thrd_error (the kernel refused a thread, or the runtime is not
 * initialised). *thr is stored before func starts. */
int thrd_create(thrd_t *thr, thrd_start_t func, void *arg);
/* thrd_success (res may be NULL), or thrd_error: thr is detached, joined
 * already, the caller or the main thread (tb_thread_join's errors) */
int thrd_join(thrd_t thr, int *res);
int thrd_detach(thrd_t thr);         /* thrd_success, or thrd_error: detached or joined already */
thrd_t thrd_current(void);
int thrd_equal(thrd_t a, thrd_t b);  /* nonzero when a and b are one thread */
/* Ends the calling thread with result res (thrd_join sees it) after its tss
 * destructors; from the main thread, the process exits with status 0 once
 * the last thread has ended (tb_thread_exit). */
_Noreturn void thrd_exit(int res);
/* 0 after sleeping duration (TIME_UTC), -1 when a signal cut it short
 * (*remaining, if not NULL, gets what was left), -2 for a bad duration. */
int thrd_sleep(const struct timespec *duration, struct timespec *remaining);
void thrd_yield(void);

/* Mutexes (7.26.4). type: mtx_plain or mtx_timed, either | mtx_recursive;
 * anything else is thrd_error. */
int mtx_init(mtx_t *mtx, int type);
int mtx_lock(mtx_t *mtx);      /* thrd_success; thrd_error at a recursive depth of UINT_MAX */
/* thrd_success, or thrd_timedout once TIME_UTC has reached *ts;
 * thrd_error for a tv_nsec outside [0, 1e9) or at the recursive depth limit. */
int mtx_timedlock(mtx_t *restrict mtx, const struct timespec *restrict ts);
int mtx_trylock(mtx_t *mtx);   /* thrd_success or thrd_busy (held, also by the caller unless recursive);
				* thrd_error at the recursive depth limit */
int mtx_unlock(mtx_t *mtx);    /* thrd_success */
void mtx_destroy(mtx_t *mtx);

/* Conditions (7.26.3) */
int cnd_init(cnd_t *cond);     /* thrd_success */
int cnd_signal(cnd_t *cond);   /* thrd_success */
int cnd_broadcast(cnd_t *cond); /* thrd_success */
int cnd_wait(cnd_t *cond, mtx_t *mtx); /* thrd_success */
/* thrd_success (signalled, or spuriously), thrd_timedout once TIME_UTC has
 * reached *ts, thrd_error for a tv_nsec outside [0, 1e9). */
int cnd_timedwait(cnd_t *restrict cond, mtx_t *restrict mtx, const struct timespec *restrict ts);
void cnd_destroy(cnd_t *cond);

/* Thread-specific storage (7.26.6): at most TB_TSS_MAX keys at once */
int tss_create(tss_t *key, tss_dtor_t dtor); /* thrd_success, or thrd_error (no key left) */
void tss_delete(tss_t key);                  /* its destructor never runs again */
void *tss_get(tss_t key);                    /* NULL if unset; no lock, no syscall */
int tss_set(tss_t key, void *val);           /* thrd_success, or thrd_error (not a live key) */

/* 7.26.2 */
void call_once(once_flag *flag, void (*func)(void));

#endif
