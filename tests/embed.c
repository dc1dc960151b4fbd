/*
 * An embedder with its own start code: threadbare's _start still runs (it is
 * the arch's entry), but this program supplies the C half itself, as a
 * program built on other start code would, and calls tb_init explicitly.
 * Before tb_init, spawning must fail cleanly; after it, everything works.
 *
 * Before tb_init the thread pointer is not set, and where the compiler reads
 * the stack-protector canary through it (x86, ppc, s390x, sparc64) code
 * built with the stack protector cannot run: this C half is built without
 * it, and it prints (tb_dprintf is built with it) only after tb_init. In a
 * static PIE (-Dhardened=true) start code relocates the program first.
 */
#include "harness.h"

static __thread int tls_value = 99;

static int child(void *p)
{
	return *(int *)p + tls_value;
}

static const unsigned long *auxv_of(long *sp)
{
	char **p = (char **)(sp + 1) + sp[0] + 1;

	while (*p)
		p++;
	return (const unsigned long *)(p + 1);
}

void tb__start_c(long *sp);
void tb__relocate(long *sp); /* core/relocate.c: a static PIE's own relocation */

__attribute__((no_stack_protector)) void tb__start_c(long *sp)
{
	struct tb_thread *t = 0;
	int one = 1, n = 0, early, early_null, early_cpu;
	unsigned early_rseq;

	tb__relocate(sp); /* before anything reads an address from memory */
	early = tb_thread_spawn(&t, 0, child, &one);
	early_cpu = tb_cpu_current(); /* getcpu: no thread pointer yet */
	early_rseq = *(const volatile unsigned *)&__rseq_size; /* const: gcc may load it later */
	early_null = tb_init(0);
	T_EXPECT_EQ(tb_init(auxv_of(sp)), 0);
	T_EXPECT_EQ(early, -EPERM);
	T_EXPECT(t == 0);
	tb_dprintf(1, "%s %d - spawn before tb_init fails with -EPERM\n", t_failures ? "not ok" : "ok", ++n);
	T_EXPECT_EQ(early_null, -EINVAL);
	T_EXPECT_EQ(tb_init(auxv_of(sp)), 0); /* a second call changes nothing */
	tb_dprintf(1, "%s %d - tb_init\n", t_failures ? "not ok" : "ok", ++n);
	T_EXPECT_EQ(tls_value, 99);
	if (tb_thread_spawn(&t, 0, child, &one) == 0)
		T_EXPECT_EQ(tb_thread_join(t), 100);
	else
		T_EXPECT(0);
	tb_dprintf(1, "%s %d - spawn and TLS after tb_init\n", t_failures ? "not ok" : "ok", ++n);
	T_EXPECT(early_cpu >= 0);
	T_EXPECT_EQ(early_rseq, 0);
	T_EXPECT(tb_cpu_current() >= 0);
	tb_dprintf(1, "%s %d - tb_cpu_current before and after tb_init\n", t_failures ? "not ok" : "ok", ++n);
	tb_dprintf(1, "1..%d\n", n);
	tb_exit(t_failures ? 1 : 0);
}
