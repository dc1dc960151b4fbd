/*
 * Stack bounds (tb_thread_stack), for garbage collectors that scan stacks.
 * A spawned thread's stack is the part of its mapping core/thread/thread.c lays
 * out for it. The main thread's is found as glibc's pthread_getattr_np
 * finds it: the mapping that holds the initial stack pointer in
 * /proc/self/maps, RLIMIT_STACK, and the neighbouring mapping the stack
 * grows towards (below it, or above it where the stack grows up), which it
 * can never grow into.
 */
#include <linux/fcntl.h>
#include <linux/resource.h>
#include <threadbare/thread.h>
#include "../internal.h"
#include "../sys.h"
#include "handle.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The mapping that holds an address, and its neighbours' near ends. */
struct around {
	uintptr_t lo, hi;
	uintptr_t below;	/* the end of the mapping before it, 0 if none */
	uintptr_t above;	/* the start of the mapping after it, 0 if none */
};

/*
 * Finds the mapping that holds addr in /proc/self/maps. Lines start
 * "lo-hi "; the rest of each line is skipped, however long.
 */
static int find_mapping(uintptr_t addr, struct around *m)
{
	char buf[512];
	uintptr_t v[2] = { 0, 0 }, prev = 0;
	int fd, field = 0; /* 0: lo, 1: hi, 2: the rest of the line */
	bool found = false;
	long n;

	fd = (int)tb__syscall4(__NR_openat, AT_FDCWD, "/proc/self/maps", O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return fd;
	while ((n = tb__syscall3(__NR_read, fd, buf, sizeof(buf))) > 0) {
		for (long i = 0; i < n; i++) {
			char c = buf[i];

			if (c == '\n') {
				if (found) {
					m->above = v[0];
					goto out;
				}
				if (v[0] <= addr && addr < v[1]) {
					m->lo = v[0];
					m->hi = v[1];
					m->below = prev;
					m->above = 0;
					found = true;
				}
				prev = v[1];
				v[0] = v[1] = 0;
				field = 0;
			} else if (field < 2 && hexval(c) >= 0) {
				v[field] = v[field] << 4 | (uintptr_t)hexval(c);
			} else if (field < 2) {
				field++; /* the '-' after lo, the ' ' after hi */
			}
		}
	}
out:
	tb__syscall1(__NR_close, fd);
	if (found)
		return 0;
	return n < 0 ? (int)n : -ENOENT;
}

int tb__main_stack(void **lo, size_t *size)
{
	uintptr_t sp = (uintptr_t)tb__initial_sp, page = tb__rt.page_size;
	uintptr_t start, args;
	struct around m;
	struct rlimit64 rl;
	uint64_t limit, sz;
	int r;

	if (!sp)
		return -EOPNOTSUPP;
	r = find_mapping(sp, &m);
	if (r)
		return r;
	r = (int)tb__syscall4(__NR_prlimit64, 0, RLIMIT_STACK, 0, &rl);
	limit = r ? 8 << 20 : rl.rlim_cur;
	/* the page of the initial sp starts the stack; the arguments, environment
	 * and auxiliary vector beyond it count against the limit */
	start = ARCH_STACK_GROWS_UP ? sp & ~(page - 1) : (sp & ~(page - 1)) + page;
	args = ARCH_STACK_GROWS_UP ? start - m.lo : m.hi - start;
	sz = limit > args ? (limit - args) & ~(uint64_t)(page - 1) : 0;
	if (ARCH_STACK_GROWS_UP) {
		/* what is mapped already is stack (qemu-user maps it all at once),
		 * and it stops at the next mapping */
		if (sz < m.hi - start)
			sz = m.hi - start;
		if (m.above && sz > m.above - start)
			sz = m.above - start;
		*lo = (void *)start;
	} else {
		if (sz > start - m.below)
			sz = start - m.below;
		*lo = (void *)(start - (uintptr_t)sz);
	}
	*size = (size_t)sz;
	return 0;
}

int tb_thread_stack(struct tb_thread *h, void **lo, size_t *size)
{
	struct tb__thread *t = h ? tb__thread_of(h) : tb__self();
	uintptr_t from, to;

	if (!lo || !size)
		return -EINVAL;
	if (!t)
		return -ESRCH; /* a stale handle */
	if (__atomic_load_n(&t->state, __ATOMIC_ACQUIRE) == TB__COMPLETED)
		return -ESRCH;
	if (!t->map_base)
		return tb__main_stack(lo, size);
	tb__thread_stack(t, &from, &to);
	*lo = (void *)from;
	*size = to - from;
	return 0;
}
