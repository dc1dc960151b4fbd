/*
 * threadbare demo: a -nostdlib -static program with no libc. It spawns
 * threads that each count in their own __thread variable, names them, joins
 * them, detaches one more, and prints what happened and its own size.
 */
#include <threadbare.h>
#include <asm/unistd.h>

static __thread unsigned long counted = 100;	/* .tdata: every thread starts at 100 */
static __thread char scratch[64];		/* .tbss: every thread starts zeroed */

struct job {
	int index;
	unsigned long sum;
	char name[TB_THREAD_NAME_MAX + 1];
	uint32_t tid;
};

static int work(void *p)
{
	struct job *j = p;

	for (int i = 0; i <= 1000 * (j->index + 1); i++)
		counted += (unsigned long)i;
	scratch[0] = (char)('A' + j->index);
	j->sum = counted;
	j->tid = tb_thread_id();
	tb_thread_get_name(tb_thread_self(), j->name);
	return j->index * 10;
}

static uint32_t detached_done;

static int detached(void *p)
{
	(void)p;
	__atomic_store_n(&detached_done, 1, __ATOMIC_RELEASE);
	tb_futex_wake(&detached_done, 1);
	return 0;
}

static long file_size(const char *path)
{
	/* struct stat differs per arch; lseek to the end is portable */
	int fd = (int)tb_syscall(__NR_openat, -100, (long)path, 0, 0, 0, 0);
	long size;

	if (fd < 0)
		return fd;
#ifdef __NR_lseek
	size = tb_syscall(__NR_lseek, fd, 0, 2 /* SEEK_END */, 0, 0, 0);
#else
	{
		/* 32-bit ABIs born with 64-bit off_t have only _llseek */
		long long off = 0;

		size = tb_syscall(__NR_llseek, fd, 0, 0, (long)&off, 2 /* SEEK_END */, 0);
		if (size == 0)
			size = (long)off;
	}
#endif
	tb_syscall(__NR_close, fd, 0, 0, 0, 0, 0);
	return size;
}

int main(int argc, char **argv)
{
	enum { N = 4 };
	struct tb_thread *t[N], *d;
	struct job jobs[N];
	char name[TB_THREAD_NAME_MAX + 1];
	long size;

	(void)argc;
	tb_dprintf(1, "threadbare demo: main thread tid %u, %ld CPUs\n", tb_thread_id(),
		   tb_cpu_count());
	for (int i = 0; i < N; i++) {
		struct tb_thread_config cfg = { .stack_size = 64 << 10 };

		tb_snprintf(name, sizeof(name), "worker-%d", i);
		cfg.name = name;
		jobs[i] = (struct job){ .index = i };
		if (tb_thread_spawn(&t[i], &cfg, work, &jobs[i]) < 0) {
			tb_dprintf(2, "spawn failed\n");
			return 1;
		}
	}
	for (int i = 0; i < N; i++) {
		int r = tb_thread_join(t[i]);

		tb_dprintf(1, "  %s (tid %u) returned %d, its __thread counter reached %lu\n",
			   jobs[i].name, jobs[i].tid, r, jobs[i].sum);
	}
	tb_dprintf(1, "  main's own __thread counter is still %lu, scratch[0] = %d\n", counted,
		   scratch[0]);

	if (tb_thread_spawn(&d, 0, detached, 0) == 0 && tb_thread_detach(d) == 0) {
		while (!__atomic_load_n(&detached_done, __ATOMIC_ACQUIRE))
			tb_futex_wait(&detached_done, 0, -1);
		tb_dprintf(1, "  a detached thread ran and freed itself\n");
	}
	size = file_size(argv[0]);
	if (size > 0)
		tb_dprintf(1, "this binary: %s, %ld bytes, static, no libc\n", argv[0], size);
	return 0;
}
