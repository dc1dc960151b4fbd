/*
 * aarch64 branch protection: in a program built with
 * -mbranch-protection=standard (-Dhardened=true), whose every object carries
 * the BTI property note (arch/aarch64/asm.h for the .S files), an indirect
 * call to an instruction that is not a landing pad faults with SIGILL where
 * the CPU has BTI (qemu-user -cpu max, the default of qemu-aarch64). In the
 * plain build, or on a CPU without BTI, the same call simply returns.
 */
#include <asm/hwcap.h>
#include <asm/signal.h>
#include <linux/auxvec.h>
#include "harness.h"

int main(int argc, char **argv, char **envp);
int tb_test_no_pad(void);

/* A function with no landing pad: plain asm, no bti */
__asm__(".text\n"
	".globl tb_test_no_pad\n"
	".type tb_test_no_pad, %function\n"
	"tb_test_no_pad:\n"
	"	mov w0, #42\n"
	"	ret\n"
	".size tb_test_no_pad, . - tb_test_no_pad\n");

static int with_pad(void)
{
	return 43;
}

static unsigned long hwcap2;

/* An indirect call (blr) the compiler cannot turn into a direct one */
static int call(int (*f)(void))
{
	__asm__ volatile("" : "+r"(f));
	return f();
}

static void t_landing_pad(void)
{
	T_EXPECT_EQ(call(with_pad), 43);
}

static void t_no_landing_pad(void)
{
	bool enforced = false;
	int status;
	long pid;

#if defined(__ARM_FEATURE_BTI_DEFAULT) && __ARM_FEATURE_BTI_DEFAULT
	enforced = (hwcap2 & HWCAP2_BTI) != 0;
#endif
	pid = t_fork();
	if (pid == 0)
		tb_exit(call(tb_test_no_pad) == 42 ? 0 : 1);
	T_ASSERT(pid > 0 && t_wait4(pid, &status) == pid);
	tb_dprintf(1, "# BTI %s: child's wait status %d\n", enforced ? "enforced" : "not enforced",
		   status);
	if (enforced)
		T_EXPECT_EQ(status & 0x7f, SIGILL);
	else
		T_EXPECT_EQ(status, 0);
}

int main(int argc, char **argv, char **envp)
{
	char **p = envp;

	while (*p)
		p++;
	for (const unsigned long *a = (const unsigned long *)(p + 1); a[0] != AT_NULL; a += 2)
		if (a[0] == AT_HWCAP2)
			hwcap2 = a[1];
	return t_run(argc, argv, (const struct t_case[]){
		T_CASE(t_landing_pad),
		T_CASE(t_no_landing_pad),
		{ 0 },
	});
}
