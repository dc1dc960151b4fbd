/*
 * nolibc_count: counts the lines and bytes of many files in parallel, like
 * `wc -lc FILE...`, with the kernel's nolibc as the libc (output, strings,
 * allocation, sys_* calls) and threadbare's threads. Built by
 * scripts/demo.sh and scripts/test-external.sh when nolibc is at hand:
 *
 *   gcc -O2 -ffreestanding -fno-pie -fno-stack-protector -nostdlib -static \
 *       -isystem NOLIBC -I include examples/nolibc_count.c \
 *       build/demo/libthreadbare.a -lgcc -o nolibc_count
 *
 * (NOLIBC: tools/include/nolibc of a kernel source tree, 6.1 or 6.12.)
 *
 * How the two fit (README, "With the kernel's nolibc"):
 *   - nolibc.h first, then <threadbare.h>: threadbare's headers then take
 *     int64_t and size_t from nolibc instead of <stdint.h>;
 *   - nolibc's _start runs (threadbare's stays in the archive), so main
 *     calls tb_init with the auxiliary vector before any threadbare call,
 *     and ends with tb_exit, which ends every thread: nolibc's exit(), and
 *     returning from main, end only the calling thread;
 *   - nolibc 6.1 sets no environ (6.12 does): main sets it for getenv;
 *   - nolibc's errno is one int for the whole process: threads call the
 *     sys_* functions, which return -errno and leave errno alone.
 */
#include "nolibc.h"
#include <threadbare.h>

char **environ; /* nolibc 6.1's getenv needs one; 6.12's weak one is this */

struct file {
	const char *path;
	unsigned long lines, bytes;
	int error; /* -errno from sys_open or sys_read, or 0 */
};

static struct file *files;
static int n_files;
static int next_file; /* the next file a worker takes (atomic) */

static void count(struct file *f, char *buf, int size)
{
	int fd = sys_open(f->path, O_RDONLY, 0);
	ssize_t r;

	if (fd < 0) {
		f->error = fd;
		return;
	}
	while ((r = sys_read(fd, buf, size)) > 0) {
		f->bytes += r;
		for (ssize_t i = 0; i < r; i++)
			f->lines += buf[i] == '\n';
	}
	if (r < 0)
		f->error = r;
	sys_close(fd);
}

static int worker(void *arg)
{
	int size = 64 * 1024, i;
	char *buf = malloc(size);

	(void)arg;
	if (!buf)
		return -ENOMEM;
	while ((i = __atomic_fetch_add(&next_file, 1, __ATOMIC_RELAXED)) < n_files)
		count(&files[i], buf, size);
	free(buf);
	return 0;
}

/* The auxiliary vector follows the environment's closing NULL. */
static const unsigned long *auxv_after(char **envp)
{
	while (*envp)
		envp++;
	return (const unsigned long *)(envp + 1);
}

int main(int argc, char **argv, char **envp)
{
	struct tb_thread **threads;
	unsigned long lines = 0, bytes = 0;
	long n_threads = 4;
	int status = 0, r;

	environ = envp;
	r = tb_init(auxv_after(envp));
	if (r) {
		printf("tb_init: %d\n", r);
		tb_exit(2);
	}
	if (argc < 2) {
		printf("usage: %s FILE...\n", argv[0]);
		tb_exit(2);
	}
	if (getenv("COUNT_THREADS"))
		n_threads = atol(getenv("COUNT_THREADS"));
	else if (tb_cpu_count() > n_threads)
		n_threads = tb_cpu_count();
	if (n_threads > argc - 1)
		n_threads = argc - 1;
	if (n_threads < 1)
		n_threads = 1;
	n_files = argc - 1;
	files = calloc(n_files, sizeof(*files));
	threads = calloc(n_threads, sizeof(*threads));
	if (!files || !threads) {
		printf("out of memory\n");
		tb_exit(2);
	}
	for (int i = 0; i < n_files; i++)
		files[i].path = argv[i + 1];
	for (long t = 0; t < n_threads; t++) {
		r = tb_thread_spawn(&threads[t], 0, worker, 0);
		if (r) {
			printf("tb_thread_spawn: %d\n", r);
			tb_exit(2);
		}
	}
	for (long t = 0; t < n_threads; t++) {
		r = tb_thread_join(threads[t]);
		if (r) {
			printf("worker: %d\n", r);
			status = 1;
		}
	}
	for (int i = 0; i < n_files; i++) {
		if (files[i].error) {
			printf("%s: error %d\n", files[i].path, -files[i].error);
			status = 1;
			continue;
		}
		printf("%lu %lu %s\n", files[i].lines, files[i].bytes, files[i].path);
		lines += files[i].lines;
		bytes += files[i].bytes;
	}
	if (n_files > 1)
		printf("%lu %lu total (%ld threads)\n", lines, bytes, n_threads);
	free(threads);
	free(files);
	tb_exit(status);
}
