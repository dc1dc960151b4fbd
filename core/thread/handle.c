/*
 * Thread handles that cannot alias.
 *
 * A thread's control block lives in its mapping, and the mapping is reused
 * (the stack cache) or unmapped and later mapped again at the same address.
 * So a handle is not the control block's address: it is a slot index and a
 * generation (core/thread/handle.h),
 *
 *     handle = gen << IDX_BITS | idx      IDX_BITS: 22 on 64-bit, 16 on 32-bit
 *
 * Slot idx belongs to one thread mapping from its mmap to its munmap (a
 * cached mapping keeps it, so a spawn from the cache takes no lock here);
 * the main thread takes one at its first tb_thread_self. A spawn issues the slot's current gen; the
 * owner's tb_thread_join (once the thread is gone) or tb_thread_detach bumps
 * it, and from then on the old handle resolves to nothing (-ESRCH), whatever
 * runs on the mapping later. A handle aliases a later thread only when its
 * slot has been issued 2^32 (64-bit) or 2^16 (32-bit) more times, i.e. after
 * that many later spawns on the same mapping.
 *
 * Invariants:
 *   - slot memory is never unmapped (chunks are mapped when first needed and
 *     published once in tb__slot_dir), so looking up any handle value, stale
 *     or forged, reads only slot memory;
 *   - a live slot's gen has one writer: the owner of its current handle
 *     (join, detach; those calls must not race each other on one handle);
 *     free list and chunk growth are under the stack cache's lock (which
 *     tb_fork holds across the fork); slot.t is NULL while the slot is free.
 */
#include "handle.h"
#include "../sys.h"

struct tb__slot *tb__slot_dir[TB__SLOTS_MAX / TB__CHUNK];

/* under the stack cache's lock (tb__cache_lock) */
static uint32_t free_head;	/* 0: none */
static uint32_t next_new = 1;	/* slots below it have been handed out; 0 is never used */

int tb__slot_new(uint32_t *out)
{
	uint32_t idx = 0;
	int r = 0;

	tb__cache_lock();
	if (free_head) {
		idx = free_head;
		free_head = tb__slot_at(idx)->next;
	} else if (next_new >= TB__SLOTS_MAX) {
		r = -EAGAIN;
	} else if (!tb__slot_dir[next_new / TB__CHUNK]) {
		long m = tb__sys_mmap(0, TB__CHUNK * sizeof(struct tb__slot),
				      PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);

		if (tb__is_err(m))
			r = -ENOMEM;
		else
			__atomic_store_n(&tb__slot_dir[next_new / TB__CHUNK], (struct tb__slot *)m,
					 __ATOMIC_RELEASE);
	}
	if (!r && !idx)
		idx = next_new++;
	tb__cache_unlock();
	*out = idx;
	return r;
}

void tb__slot_free(uint32_t idx)
{
	struct tb__slot *s = tb__slot_at(idx);

	tb__cache_lock();
	__atomic_store_n(&s->t, NULL, __ATOMIC_RELAXED);
	s->next = free_head;
	free_head = idx;
	tb__cache_unlock();
}

uintptr_t tb__handle_main(struct tb__thread *t)
{
	uint32_t idx;

	if (tb__slot_new(&idx))
		return TB__SLOTS_MAX; /* slot 0, generation 1: never issued, names nothing */
	return t->handle = tb__handle_issue(t, idx);
}
