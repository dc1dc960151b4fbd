/*
 * Once: one word, four states.
 *
 *   NEW      no caller has started fn
 *   RUNNING  one caller runs fn; nobody sleeps on the word
 *   WAITED   one caller runs fn; others may sleep on the word
 *   DONE     fn has returned
 *
 *   call:  load (acquire) == DONE: return (the only work once done).
 *          CAS NEW -> RUNNING wins the run: fn(arg); swap DONE (release);
 *          if the old value was WAITED: wake all.
 *          Else loop: DONE: return; RUNNING: CAS -> WAITED;
 *          futex-wait while WAITED.
 *
 * Invariant: the word only moves forward (NEW -> RUNNING -> WAITED -> DONE,
 * or RUNNING -> DONE), so exactly one CAS from NEW succeeds: fn runs once. A
 * sleeper sleeps only on WAITED, and the runner's swap sees WAITED whenever
 * one may sleep, so it wakes them; the release swap and the acquire loads
 * make fn's writes visible to every caller that returns.
 */
#include <threadbare/once.h>
#include "../internal.h"

enum { NEW, RUNNING, WAITED, DONE };

static void wait_done(struct tb_once *o)
{
	uint32_t s = __atomic_load_n(&o->state, __ATOMIC_ACQUIRE);

	while (s != DONE) {
		if (s == RUNNING &&
		    !__atomic_compare_exchange_n(&o->state, &s, WAITED, false, __ATOMIC_ACQUIRE,
						 __ATOMIC_ACQUIRE))
			continue; /* s reloaded: DONE, or WAITED already */
		tb__chaos();
		tb__futex_wait(&o->state, WAITED, -1, false);
		s = __atomic_load_n(&o->state, __ATOMIC_ACQUIRE);
	}
}

void tb_once_call(struct tb_once *o, void (*fn)(void *), void *arg)
{
	uint32_t s = __atomic_load_n(&o->state, __ATOMIC_ACQUIRE);

	if (likely(s == DONE))
		return;
	if (s == NEW && __atomic_compare_exchange_n(&o->state, &s, RUNNING, false,
						    __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)) {
		tb__chaos();
		fn(arg);
		tb__chaos();
		if (__atomic_exchange_n(&o->state, DONE, __ATOMIC_RELEASE) == WAITED)
			tb__futex_wake(&o->state, UINT32_MAX, false);
		return;
	}
	wait_done(o);
}
