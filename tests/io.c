/*
 * The formatter and fd output: bad format input gets a defined result, and
 * a write that makes no progress ends tb_write_all instead of looping.
 */
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <linux/prctl.h>
#include "prims.h"

static void t_formats(void)
{
	char b[64];

	T_EXPECT_EQ(tb_snprintf(b, sizeof(b), "%d|%5u|%-3x|%03X|%s|%c%%", -12, 7u, 10u, 0xau, "ok",
				'z'), 23);
	T_EXPECT(t_streq(b, "-12|    7|a  |00A|ok|z%"));
	T_EXPECT_EQ(tb_snprintf(b, 4, "%s", "truncated"), 9);
	T_EXPECT(t_streq(b, "tru"));
	T_EXPECT_EQ(tb_snprintf(b, sizeof(b), "%lld %zu", -9223372036854775807LL - 1, (size_t)3),
		    22);
	T_EXPECT(t_streq(b, "-9223372036854775808 3"));
}

/* Formats with formats the compiler would reject at compile time. */
static int fmt(char *b, size_t n, const char *f, ...)
{
	__builtin_va_list ap;
	int r;

	__builtin_va_start(ap, f);
	r = tb_vsnprintf(b, n, f, ap);
	__builtin_va_end(ap);
	return r;
}

/* A width beyond int is clamped to 4096, not overflowed into a negative or a hang. */
static void t_huge_width(void)
{
	static char b[8192];
	int n = fmt(b, sizeof(b), "%99999999999d", 5);

	T_EXPECT_EQ(n, 4096);
	T_EXPECT_EQ(b[0], ' ');
	T_EXPECT_EQ(b[4094], ' ');
	T_EXPECT_EQ(b[4095], '5');
	T_EXPECT_EQ(b[4096], 0);
	T_EXPECT_EQ(fmt(b, sizeof(b), "%-2147483648s|", "x"), 4097);
	T_EXPECT_EQ(fmt(b, sizeof(b), "%0999999999999999999999x", 1u), 4096);
	T_EXPECT_EQ(fmt(b, sizeof(b), "%5"), 0); /* a format cut short prints nothing */
}

/*
 * write() returning 0 for a non-empty buffer: a seccomp filter makes every
 * write return 0 in a forked child (RET_ERRNO with errno 0). Natively only:
 * qemu-user would apply the filter to its own host syscalls.
 */
static void t_write_no_progress(void)
{
	long pid;
	int status = 0;

	if (tb_getenv("TB_QEMU_USER"))
		T_SKIP("seccomp filters apply to qemu itself");
	pid = t_fork();
	T_ASSERT(pid >= 0);
	if (pid == 0) {
		struct sock_filter prog[] = {
			BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0), /* seccomp_data.nr */
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_write, 0, 1),
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 0),
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		};
		struct sock_fprog fp = { sizeof(prog) / sizeof(prog[0]), prog };

		if (tb_syscall(__NR_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0, 0) ||
		    tb_syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, (long)&fp, 0, 0, 0))
			tb_exit(77);
		tb_exit(tb_write_all(1, "x", 1) == -EIO ? 0 : 1);
	}
	T_ASSERT(t_wait4(pid, &status) == pid);
	if (((status >> 8) & 0xff) == 77)
		T_SKIP("no seccomp");
	T_EXPECT_EQ(status & 0x7f, 0);		/* exited, not killed */
	T_EXPECT_EQ((status >> 8) & 0xff, 0); /* tb_write_all returned -EIO */
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (const struct t_case[]){
		T_CASE(t_formats),
		T_CASE(t_huge_width),
		T_CASE(t_write_no_progress),
		{ 0 } });
}
