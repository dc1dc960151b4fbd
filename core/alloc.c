/*
 * Fixed-size blocks for what a caller cannot embed (the closures of
 * tb_pool_submit_fn). There is no malloc: blocks of TB__NODE_SIZE bytes are
 * carved from chunks of at least 64 KiB mapped with mmap, and freed blocks
 * go on a free list that later allocations take first. Chunks are never
 * unmapped, so the memory held is the peak in use, rounded up to a chunk.
 * One mutex guards the free list and the carving cursor.
 *
 *   alloc: pop the free list; else carve from the current chunk; else map a
 *          new chunk (-ENOMEM from mmap gives NULL)
 *   free:  push on the free list
 */
#include <threadbare/mutex.h>
#include "internal.h"
#include "sys.h"

#define CHUNK ((size_t)64 << 10)

_Static_assert(TB__NODE_SIZE % sizeof(void *) == 0, "blocks hold pointers");

static struct tb_mutex lock;
static void *free_list;
static char *cur, *end;

void *tb__node_alloc(void)
{
	void *p;

	tb_mutex_lock(&lock);
	p = free_list;
	if (p) {
		free_list = *(void **)p;
	} else {
		if (cur == end) {
			size_t len = tb__rt.page_size > CHUNK ? tb__rt.page_size : CHUNK;
			long r = tb__sys_mmap(0, len, PROT_READ | PROT_WRITE,
					      MAP_PRIVATE | MAP_ANONYMOUS);

			if (tb__is_err(r)) {
				tb_mutex_unlock(&lock);
				return 0;
			}
			cur = (char *)r;
			end = cur + len - len % TB__NODE_SIZE;
		}
		p = cur;
		cur += TB__NODE_SIZE;
	}
	tb_mutex_unlock(&lock);
	return p;
}

void tb__node_free(void *p)
{
	if (!p)
		return;
	tb_mutex_lock(&lock);
	*(void **)p = free_list;
	free_list = p;
	tb_mutex_unlock(&lock);
}

void tb__alloc_fork(int phase)
{
	if (phase == TB__FORK_PREPARE)
		tb_mutex_lock(&lock);
	else if (phase == TB__FORK_PARENT)
		tb_mutex_unlock(&lock);
	else
		lock = (struct tb_mutex)TB_MUTEX_INIT; /* a sleeper in the parent is not here */
}
