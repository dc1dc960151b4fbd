/*
 * The detached-exit race (Zig leaves it open, notes §1.6): a detached thread
 * that unmaps its own stack must first drop its CLONE_CHILD_CLEARTID address,
 * or the kernel's clear-tid write at exit lands in whatever another thread has
 * mapped at that address in the meantime.
 *
 * A sweeper thread maps the victim's TLS page (where the tid word lives, in
 * the control block beside the victim's __thread data; a handle is not an
 * address) the moment the victim unmaps it, fills it with a pattern, waits for the victim
 * to be gone and checks that no byte changed. The stack cache is filled first
 * so that the victims take the self-unmap path.
 */
#include <linux/mman.h>
#include "harness.h"

struct race {
	uintptr_t page;		/* the victim's TLS page (it stores it); 0 between rounds */
	uint32_t tid;		/* the victim's tid, once it runs */
	uint32_t round;
	uint32_t done_round;
	uint32_t caught;	/* rounds where the sweeper got the page in time */
	uint32_t corrupt;
};

static long map_fixed(uintptr_t at, size_t len)
{
#ifdef __NR_mmap2
	return tb_syscall(__NR_mmap2, (long)at, (long)len, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
#else
	return tb_syscall(__NR_mmap, (long)at, (long)len, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
#endif
}

static bool gone(uint32_t tid)
{
	long pid = tb_syscall(__NR_getpid, 0, 0, 0, 0, 0, 0);

	return tid && tb_syscall(__NR_tgkill, pid, tid, 0, 0, 0, 0) == -ESRCH;
}

static int sweeper(void *p)
{
	struct race *r = p;
	size_t page = tb_page_size();

	for (uint32_t seen = 0;;) {
		uint32_t round = __atomic_load_n(&r->round, __ATOMIC_ACQUIRE);
		uintptr_t at = __atomic_load_n(&r->page, __ATOMIC_ACQUIRE);
		bool mine = false;
		long m = 0;

		if (round == UINT32_MAX)
			return 0;
		if (round == seen || !at)
			continue;
		seen = round;
		while (!gone(__atomic_load_n(&r->tid, __ATOMIC_ACQUIRE))) {
			m = map_fixed(at, page);
			if ((uintptr_t)m == at) {
				mine = true;
				for (size_t i = 0; i < page; i++)
					((volatile unsigned char *)at)[i] = 0xa5;
				break;
			}
			if (m > 0 || m < -4095) /* an old kernel took it as a hint */
				tb_syscall(__NR_munmap, m, (long)page, 0, 0, 0, 0);
		}
		while (!gone(__atomic_load_n(&r->tid, __ATOMIC_ACQUIRE)))
			tb_thread_yield();
		if (mine) {
			__atomic_add_fetch(&r->caught, 1, __ATOMIC_RELAXED);
			for (size_t i = 0; i < page; i++)
				if (((volatile unsigned char *)at)[i] != 0xa5) {
					__atomic_add_fetch(&r->corrupt, 1, __ATOMIC_RELAXED);
					break;
				}
			tb_syscall(__NR_munmap, (long)at, (long)page, 0, 0, 0, 0);
		}
		__atomic_store_n(&r->done_round, round, __ATOMIC_RELEASE);
	}
}

static __thread int victim_tls;

static int victim(void *p)
{
	struct race *r = p;

	__atomic_store_n(&r->page, (uintptr_t)&victim_tls & ~(uintptr_t)(tb_page_size() - 1),
			 __ATOMIC_RELEASE);
	__atomic_store_n(&r->tid, tb_thread_id(), __ATOMIC_RELEASE);
	return 0;
}

static int blocker(void *p)
{
	(void)p;
	return 0;
}

static void t_detached_exit_clears_tid_address(void)
{
	struct race r = { 0, 0, 0, 0, 0, 0 };
	struct tb_thread_config small = { .stack_size = 64 << 10 };
	struct tb_thread *fill[8], *sw, *v;
	int rounds = tb_getenv("TB_EMULATED") ? 100 : 400;

	/* fill the stack cache so that detached victims unmap themselves */
	tb_thread_cache_trim();
	for (int i = 0; i < 8; i++)
		T_ASSERT(tb_thread_spawn(&fill[i], 0, blocker, 0) == 0);
	for (int i = 0; i < 8; i++)
		tb_thread_join(fill[i]);
	T_ASSERT(tb_thread_spawn(&sw, &small, sweeper, &r) == 0);
	for (int i = 1; i <= rounds; i++) {
		__atomic_store_n(&r.tid, 0, __ATOMIC_RELEASE);
		T_ASSERT(tb_thread_spawn(&v, &small, victim, &r) == 0);
		__atomic_store_n(&r.round, (uint32_t)i, __ATOMIC_RELEASE);
		T_EXPECT_EQ(tb_thread_detach(v), 0);
		while (__atomic_load_n(&r.done_round, __ATOMIC_ACQUIRE) != (uint32_t)i)
			tb_thread_yield();
		__atomic_store_n(&r.page, 0, __ATOMIC_RELEASE);
	}
	__atomic_store_n(&r.round, UINT32_MAX, __ATOMIC_RELEASE);
	tb_thread_join(sw);
	tb_dprintf(1, "# %d rounds, the sweeper mapped the victim's page before its exit in %u\n",
		   rounds, r.caught);
	T_EXPECT_EQ(r.corrupt, 0);
	tb_thread_cache_trim();
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (const struct t_case[]){
		T_CASE(t_detached_exit_clears_tid_address),
		{ 0, 0 },
	});
}
