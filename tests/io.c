/*
 * The formatter and fd output: C99's conversions on this ABI, bad format
 * input gets a defined result, and a write that makes no progress ends
 * tb_write_all instead of looping.
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

/* Widths up to INT_MAX are honoured without writing past the buffer or
 * taking time for what is cut; past INT_MAX, -EOVERFLOW (glibc: EOVERFLOW). */
static void t_huge_width(void)
{
	static char b[8192];
	int n = fmt(b, sizeof(b), "%4096d", 5);

	T_EXPECT_EQ(n, 4096);
	T_EXPECT_EQ(b[0], ' ');
	T_EXPECT_EQ(b[4094], ' ');
	T_EXPECT_EQ(b[4095], '5');
	T_EXPECT_EQ(b[4096], 0);
	T_EXPECT_EQ(fmt(b, 16, "%2147483646d|", 5), 2147483647);
	T_EXPECT(t_streq(b, "               "));
	T_EXPECT_EQ(fmt(b, 16, "%-*s|", 2147483646, "x"), 2147483647);
	T_EXPECT(t_streq(b, "x              "));
	T_EXPECT_EQ(fmt(b, sizeof(b), "%99999999999d", 5), -EOVERFLOW);
	T_EXPECT_EQ(fmt(b, sizeof(b), "%-2147483648s|", "x"), -EOVERFLOW);
	T_EXPECT_EQ(fmt(b, sizeof(b), "%0999999999999999999999x", 1u), -EOVERFLOW);
	T_EXPECT_EQ(fmt(b, sizeof(b), "%.2147483648d", 1), -EOVERFLOW);
	T_EXPECT_EQ(fmt(b, 16, "%2147483647d%d", 1, 2), -EOVERFLOW);
	T_EXPECT_EQ(fmt(b, sizeof(b), "%5"), 2); /* a format cut short prints as written */
	T_EXPECT(t_streq(b, "%5"));
}

static int slen(const char *s)
{
	int n = 0;

	while (s[n])
		n++;
	return n;
}

/*
 * C99's flags, precisions and lengths on this ABI (tests/format_host.c
 * compares thousands more with glibc, natively): each length's va_arg type,
 * and the arguments of what is not formatted (a double, a long double) taken
 * so that the next conversion gets its own.
 */
static void t_c99_formats(void)
{
	static const char *const want[] = {
		"[he|+5|0x1f| 7|-5   |-05|00042|     |0|0X1F|017|0x00ff|(nil)|%f|3]",
		"[-128|65535|-9223372036854775808|18446744073709551615|-2|4294967295|-3]",
		"[%Lf|7|%8.3e|8|%n|9|x    |    y|hello|(null)]",
	};
	char b[128];
	void *nil = 0;
	int r;

	r = fmt(b, sizeof(b), "[%.2s|%+d|%#x|% d|%-5d|%03d|%.5d|%5.0d|%#o|%#X|%#o|%#06x|%p|%f|%d]",
		"hello", 5, 31u, 7, -5, -5, 42, 0, 0u, 31u, 15u, 255u, nil, 1.5, 3);
	T_EXPECT(t_streq(b, want[0]));
	T_EXPECT_EQ(r, slen(want[0]));
	r = fmt(b, sizeof(b), "[%hhd|%hu|%jd|%ju|%zd|%zu|%td]", 128, 65535, (intmax_t)INT64_MIN,
		(uintmax_t)-1, (size_t)-2, (size_t)4294967295u, (ptrdiff_t)-3);
	T_EXPECT(t_streq(b, want[1]));
	T_EXPECT_EQ(r, slen(want[1]));
	r = fmt(b, sizeof(b), "[%Lf|%d|%8.3e|%d|%n|%d|%-5c|%*c|%s|%s]", (long double)2.5, 7, 1.0,
		8, (int *)0, 9, 'x', 5, 'y', "hello", (char *)0);
	T_EXPECT(t_streq(b, want[2]));
	T_EXPECT_EQ(r, slen(want[2]));
	T_EXPECT_EQ(tb_snprintf(b, sizeof(b), "%p", (void *)0x1234), 6);
	T_EXPECT(t_streq(b, "0x1234"));
	T_EXPECT_EQ(tb_snprintf(b, 3, "%s", "truncated"), 9);
	T_EXPECT(t_streq(b, "tr"));
	T_EXPECT_EQ(tb_snprintf(0, 0, "%d", 12345), 5);
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
		T_CASE(t_c99_formats),
		T_CASE(t_write_no_progress),
		{ 0 } });
}
