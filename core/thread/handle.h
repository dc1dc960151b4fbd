/*
 * Thread handles that cannot alias (core/thread/handle.c has the design).
 * A public struct tb_thread * is not a control block's address but
 *
 *     gen << TB__IDX_BITS | idx
 *
 * an index into a table of slots, and the generation the slot had when the
 * handle was issued. Included by the files that take handles.
 */
#ifndef TB_CORE_THREAD_HANDLE_H
#define TB_CORE_THREAD_HANDLE_H

#include <threadbare/thread.h>
#include "../internal.h"

struct tb__slot {
	uint32_t gen;		/* bumped when the handle issued from it dies (join, detach) */
	uint32_t next;		/* the free list's next index (0: none), while free */
	struct tb__thread *t;	/* the control block of the mapping that owns it; NULL while free */
};

/* The low bits index slots, the others hold the generation (all 32 of it on 64-bit). */
#if UINTPTR_MAX > 0xffffffffu
#define TB__IDX_BITS 22		/* 64-bit: 4 Mi threads and cached mappings at once */
#else
#define TB__IDX_BITS 16		/* 32-bit: 65535 (slot 0 is never used) */
#endif
#define TB__SLOTS_MAX ((uintptr_t)1 << TB__IDX_BITS)
#define TB__IDX_MASK (TB__SLOTS_MAX - 1)
#define TB__GEN_MASK (UINTPTR_MAX >> TB__IDX_BITS)
#define TB__CHUNK ((uint32_t)(TB__SLOTS_MAX / 16))	/* slots mapped at once (64-bit: 4 MiB) */

/* Chunks of TB__CHUNK slots; a chunk, once published, is never unmapped. */
hidden extern struct tb__slot *tb__slot_dir[TB__SLOTS_MAX / TB__CHUNK];

static inline struct tb__slot *tb__slot_at(uint32_t idx)
{
	return &tb__slot_dir[idx / TB__CHUNK][idx % TB__CHUNK];
}

/*
 * The control block a handle names while it is valid (issued and neither
 * joined nor detached since), else NULL. Reads only slot memory, which is
 * never unmapped, so any handle value is safe to look up.
 */
static inline struct tb__thread *tb__handle_slot(struct tb_thread *h, struct tb__slot **slot)
{
	uintptr_t v = (uintptr_t)h, idx = v & TB__IDX_MASK;
	struct tb__slot *c, *s;

	*slot = NULL;
	c = __atomic_load_n(&tb__slot_dir[idx / TB__CHUNK], __ATOMIC_ACQUIRE);
	if (unlikely(!c))
		return NULL;
	*slot = s = &c[idx % TB__CHUNK];
	if (((uintptr_t)__atomic_load_n(&s->gen, __ATOMIC_ACQUIRE) & TB__GEN_MASK) !=
	    v >> TB__IDX_BITS)
		return NULL;
	return __atomic_load_n(&s->t, __ATOMIC_RELAXED);
}

static inline struct tb__thread *tb__handle_get(struct tb_thread *h)
{
	struct tb__slot *s;

	return tb__handle_slot(h, &s);
}

/*
 * For the calls that do not free the thread (kill, names, affinity, stack):
 * as tb__handle_get, and a thread may always use its own handle, from
 * tb_thread_self, even once it has detached itself.
 */
static inline struct tb__thread *tb__thread_of(struct tb_thread *h)
{
	struct tb__thread *self = tb__self();

	if ((uintptr_t)h == self->handle)
		return self;
	return tb__handle_get(h);
}

/*
 * Control block t owns slot idx (a spawn on a new or a cached mapping);
 * returns the handle of the slot's current generation, which the spawn
 * stores in t->handle.
 */
static inline uintptr_t tb__handle_issue(struct tb__thread *t, uint32_t idx)
{
	struct tb__slot *s = tb__slot_at(idx);

	t->slot = idx;
	__atomic_store_n(&s->t, t, __ATOMIC_RELAXED);
	return ((uintptr_t)__atomic_load_n(&s->gen, __ATOMIC_RELAXED) & TB__GEN_MASK)
	       << TB__IDX_BITS | idx;
}

/* The handle issued from slot s dies: it no longer resolves (the owner's join or detach). */
static inline void tb__handle_retire(struct tb__slot *s)
{
	__atomic_store_n(&s->gen, s->gen + 1, __ATOMIC_RELEASE);
}

/*
 * A free slot for a new mapping, in *idx (tb__handle_issue gives it its t):
 * 0, -EAGAIN (the table is full) or -ENOMEM.
 */
hidden int tb__slot_new(uint32_t *idx);
/* The mapping that owned slot idx is gone (unmapped or about to be). */
hidden void tb__slot_free(uint32_t idx);
/*
 * Gives the main thread (t) a slot and returns its handle; its first
 * tb_thread_self calls it (again, should that have found no memory: the
 * handle it returned then names nothing for other threads).
 */
hidden uintptr_t tb__handle_main(struct tb__thread *t);
/* core/thread/thread.c: the stack cache's lock, which the slot table shares (and tb_fork holds). */
hidden void tb__cache_lock(void);
hidden void tb__cache_unlock(void);

#endif
