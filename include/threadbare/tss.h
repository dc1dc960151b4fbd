#ifndef THREADBARE_TSS_H
#define THREADBARE_TSS_H

/*
 * Thread-specific storage: one void * per thread and key (C11's tss_*).
 * Every thread, the main thread included, starts with NULL for every key.
 */

#include "types.h"

#define TB_TSS_MAX 1024			/* keys that can exist at once */
#define TB_TSS_DTOR_ITERATIONS 4	/* destructor rounds at thread exit */
#define TB_TSS_KEYS_PER_INDEX ((1u << 22) - 1)	/* keys one slot index serves, one after another */

struct tb_tss {
	__UINT32_TYPE__ id; /* private; 0 is never a valid key */
};

/*
 * Creates a key and stores it in *key. When a thread ends (its fn returns or
 * it calls tb_thread_exit), dtor(value) runs for each of its non-NULL values,
 * after its tb_thread_at_exit callbacks, with the value already reset to
 * NULL; while destructors set values again, up to TB_TSS_DTOR_ITERATIONS
 * rounds run, and what is left after them is dropped. dtor may be NULL. tb_exit
 * and a return from main run no key destructors (as C's exit).
 * Returns 0, or:
 *   -EINVAL  key is NULL
 *   -EAGAIN  TB_TSS_MAX keys exist already, or every free key index has
 *            served its TB_TSS_KEYS_PER_INDEX keys: an id is never handed
 *            out twice (so a deleted key's values never show through a new
 *            one), and a process can create TB_TSS_MAX * TB_TSS_KEYS_PER_INDEX
 *            (about 4.3e9) keys in all
 *   -EPERM   the runtime is not initialised
 */
int tb_tss_create(struct tb_tss *key, void (*dtor)(void *));

/*
 * Deletes key: its destructor never runs again (a call an exiting thread had
 * already started finishes), and values stored under it are no longer seen
 * by tb_tss_get. Destructors are not called for them; freeing is the caller's
 * business. Returns 0, or -EINVAL when key is not a live key.
 */
int tb_tss_delete(struct tb_tss key);

/* Sets the caller's value for key; no lock, no syscall. Returns 0, or -EINVAL
 * when key is not a live key. */
int tb_tss_set(struct tb_tss key, void *value);

/* The caller's value for key: NULL if never set, or if key is not live
 * (deleted, or 0). No lock, no syscall. */
void *tb_tss_get(struct tb_tss key);

#endif
