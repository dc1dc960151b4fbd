/*
 * Process start: argc/argv/envp, AT_PAGESZ, .preinit_array, .init_array
 * (constructors get argc, argv, envp as glibc passes them), .fini_array at
 * tb_exit, and main's return value as the exit status.
 */
#include "harness.h"

static int init_order[4], init_n;
static int ctor_argc;
static char **ctor_argv;
static int fini_fd = -1;

static void preinit(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	init_order[init_n++] = 1;
}

__attribute__((used, section(".preinit_array")))
static void (*const preinit_entry)(int, char **, char **) = preinit;

__attribute__((constructor)) static void ctor(int argc, char **argv, char **envp)
{
	(void)envp;
	ctor_argc = argc;
	ctor_argv = argv;
	init_order[init_n++] = 2;
}

__attribute__((destructor)) static void dtor(void)
{
	if (fini_fd >= 0)
		tb_syscall(__NR_write, fini_fd, (long)"fini", 4, 0, 0, 0);
}

static void t_init_arrays(void)
{
	T_EXPECT_EQ(init_n, 2);
	T_EXPECT_EQ(init_order[0], 1); /* .preinit_array runs first */
	T_EXPECT_EQ(init_order[1], 2);
	T_EXPECT(ctor_argc >= 1);
	T_EXPECT(ctor_argv && ctor_argv[0] && ctor_argv[0][0]);
}

static void t_page_size(void)
{
	size_t p = tb_page_size();

	T_EXPECT(p >= 4096);
	T_EXPECT_EQ(p & (p - 1), 0);
}

static void t_environment(void)
{
	/* meson sets TB_EMULATED for cross runs only; MALLOC_PERTURB_ always */
	T_EXPECT(tb_getenv("MALLOC_PERTURB_") != 0 || tb_getenv("PATH") != 0);
	T_EXPECT(tb_getenv("TB_NO_SUCH_VARIABLE_SET") == 0);
}

/* .fini_array runs at tb_exit, and the status reaches the parent */
static void t_fini_array_and_status(void)
{
	int fds[2], status = 0;
	char buf[8] = { 0 };
	long pid;

	T_ASSERT(tb_syscall(__NR_pipe2, (long)fds, 0, 0, 0, 0, 0) == 0);
	pid = t_fork();
	T_ASSERT(pid >= 0);
	if (pid == 0) {
		fini_fd = fds[1];
		tb_exit(42);
	}
	tb_syscall(__NR_close, fds[1], 0, 0, 0, 0, 0);
	T_ASSERT(t_wait4(pid, &status) == pid);
	T_EXPECT_EQ(tb_syscall(__NR_read, fds[0], (long)buf, sizeof(buf), 0, 0, 0), 4);
	T_EXPECT(t_streq(buf, "fini"));
	T_EXPECT_EQ((status >> 8) & 0xff, 42);
	tb_syscall(__NR_close, fds[0], 0, 0, 0, 0, 0);
}

int main(int argc, char **argv, char **envp)
{
	T_EXPECT(argc >= 1);
	T_EXPECT(argv[argc] == 0);
	T_EXPECT(envp != 0);
	return t_run(argc, argv, (const struct t_case[]){
		T_CASE(t_init_arrays),
		T_CASE(t_page_size),
		T_CASE(t_environment),
		T_CASE(t_fini_array_and_status),
		{ 0, 0 },
	});
}
