#ifndef THREADBARE_RWLOCK_H
#define THREADBARE_RWLOCK_H

#include "types.h"

/*
 * A reader-writer lock, 8 bytes, valid when zeroed. Writer-preferring: once
 * a writer waits, new readers wait too (as Zig's DefaultRwLock). Up to
 * 2^30-2 readers at once. Not recursive. Uncontended lock and unlock make
 * no system call.
 * Misuse: tb_rwlock_unlock of a lock that is not write-locked, or
 * tb_rwlock_unlock_shared of one that is not read-locked, crashes in a
 * -Ddebug_checks build and otherwise does nothing (the lock works on).
 * Undefined: unlocking a hold another thread took (it is released as if
 * that thread had unlocked), relocking a lock the caller holds (deadlock),
 * and a NULL lock.
 */
struct tb_rwlock {
	__UINT32_TYPE__ state;         /* private: reader count or WRITE_LOCKED, and two waiting bits */
	__UINT32_TYPE__ writer_notify; /* private: writers sleep on it */
};

#define TB_RWLOCK_INIT { 0, 0 }

/* Blocks until the caller holds the lock exclusively. Cannot fail. */
void tb_rwlock_lock(struct tb_rwlock *l);

/* Takes the lock exclusively if it is free: true on success. Never blocks. */
bool tb_rwlock_trylock(struct tb_rwlock *l);

/* Releases an exclusive hold and wakes a waiting writer, or else all waiting readers. */
void tb_rwlock_unlock(struct tb_rwlock *l);

/* Blocks until the caller holds the lock shared. Cannot fail (crashes past 2^30-2 readers). */
void tb_rwlock_lock_shared(struct tb_rwlock *l);

/* Takes the lock shared if no writer holds or waits for it: true on success. Never blocks. */
bool tb_rwlock_trylock_shared(struct tb_rwlock *l);

/* Releases a shared hold; the last reader out wakes a waiting writer. */
void tb_rwlock_unlock_shared(struct tb_rwlock *l);

#endif
