/*
 * The real-kernel init's supervisor (supervise.h): a program that passes, one
 * whose TAP says it failed, one that exits badly, crashes, hangs, prints no
 * plan, or leaves a grandchild holding its output; each must get the right
 * verdict, promptly, with its output relayed and nothing left running.
 */
#include "supervise.h"
#include "../prims.h"

static int out[2];
static char got[16384];

static int say(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	tb_write_all(1, s, n);
	return 0;
}

static int c_pass(void *p)
{
	(void)p;
	say("ok 1 - a\nok 2 - b # SKIP no\n");
	return say("1..2\n");
}

static int c_not_ok(void *p)
{
	(void)p;
	return say("ok 1 - a\nnot ok 2 - b\n1..2\n");
}

static int c_exit(void *p)
{
	(void)p;
	say("ok 1 - a\n1..1\n");
	return 3;
}

static int c_crash(void *p)
{
	(void)p;
	say("ok 1 - a\n");
	tb_syscall(__NR_kill, tb_syscall(__NR_getpid, 0, 0, 0, 0, 0, 0), SIGSEGV, 0, 0, 0, 0);
	return 0;
}

static int c_hang(void *p)
{
	(void)p;
	say("ok 1 - a\n");
	tb_sleep_ns(60 * SEC);
	return 0;
}

static int c_no_plan(void *p)
{
	(void)p;
	return say("ok 1 - a\n");
}

static int c_orphan(void *p)
{
	int *side = p;

	if (tb_fork() == 0) {
		tb_sleep_ns(3 * SEC);
		tb_write_all(side[1], "alive", 5);
		return 0;
	}
	return say("ok 1 - a\n1..1\n");
}

static int c_long_line(void *p)
{
	static char l[1500];

	(void)p;
	for (int i = 0; i < (int)sizeof(l) - 1; i++)
		l[i] = 'x';
	say(l);
	return say("\nok 1 - a\n1..1");
}

/* Runs child with the given limit, relaying into out[1]; returns the elapsed ns. */
static int64_t run_as(struct sv_result *r, int (*child)(void *), void *arg, int64_t limit, bool tap)
{
	int64_t t0;
	long n;

	t_threads_settle(t_threads_at_start > 0 ? t_threads_at_start : 1);
	t0 = t_now_ns();
	T_EXPECT_EQ(sv_run(r, child, arg, limit, out[1], "x", tap), 0);
	t0 = t_now_ns() - t0;
	n = tb_syscall(__NR_read, out[0], (long)got, sizeof(got) - 1, 0, 0, 0);
	got[n > 0 ? n : 0] = 0;
	return t0;
}

static int64_t run(struct sv_result *r, int (*child)(void *), void *arg, int64_t limit)
{
	return run_as(r, child, arg, limit, true);
}

static bool has(const char *s)
{
	for (const char *g = got; *g; g++)
		if (sv_starts(g, s))
			return true;
	return false;
}

static void t_pass(void)
{
	struct sv_result r;

	run(&r, c_pass, 0, 30 * SEC);
	T_EXPECT(sv_passed(&r));
	T_EXPECT_EQ(r.plan, 2);
	T_EXPECT_EQ(r.ok, 2);
	T_EXPECT_EQ(r.skip, 1);
	T_EXPECT(has("TB|x| ok 1 - a\nTB|x| ok 2 - b # SKIP no\nTB|x| 1..2\n"));
}

static void t_not_ok(void)
{
	struct sv_result r;
	char why[32];

	run(&r, c_not_ok, 0, 30 * SEC);
	T_EXPECT(!sv_passed(&r));
	T_EXPECT_EQ(r.not_ok, 1);
	sv_verdict(&r, why, sizeof(why));
	T_EXPECT(t_streq(why, "tap 1/2 ok"));
}

static void t_exit_status(void)
{
	struct sv_result r;
	char why[32];

	run(&r, c_exit, 0, 30 * SEC);
	T_EXPECT(!sv_passed(&r));
	sv_verdict(&r, why, sizeof(why));
	T_EXPECT(t_streq(why, "exit 3"));
}

static void t_crash(void)
{
	struct sv_result r;

	run(&r, c_crash, 0, 30 * SEC);
	T_EXPECT(!sv_passed(&r));
	T_EXPECT(!r.timed_out);
	T_EXPECT(!sv_exited(&r));
	T_EXPECT_EQ(r.status & 0x7f, SIGSEGV);
}

static void t_hang_is_killed(void)
{
	struct sv_result r;
	int64_t ns = run(&r, c_hang, 0, 300 * MS);
	char why[32];

	T_EXPECT(!sv_passed(&r));
	T_EXPECT(r.timed_out);
	T_EXPECT(ns >= 300 * MS);
	T_EXPECT(ns < 20 * SEC);
	T_EXPECT_EQ(r.status & 0x7f, SIGKILL);
	sv_verdict(&r, why, sizeof(why));
	T_EXPECT(t_streq(why, "timeout"));
	T_EXPECT(has("TB|x| ok 1 - a\n"));
}

static void t_no_plan(void)
{
	struct sv_result r;

	run(&r, c_no_plan, 0, 30 * SEC);
	T_EXPECT(!sv_passed(&r));
	T_EXPECT_EQ(r.plan, 0);
}

/* a grandchild holding the pipe keeps the run open until the limit kills the group */
static void t_orphan_is_killed(void)
{
	struct sv_result r;
	int side[2];
	int64_t ns;
	char buf[8];

	T_ASSERT(tb_syscall(__NR_pipe2, (long)side, 0, 0, 0, 0, 0) == 0);
	ns = run(&r, c_orphan, side, 500 * MS);
	T_EXPECT(!sv_passed(&r));
	T_EXPECT(r.timed_out);
	T_EXPECT(sv_exited(&r));
	T_EXPECT(ns >= 500 * MS);
	T_EXPECT(ns < 20 * SEC);
	T_EXPECT_EQ(r.plan, 1);
	/* the grandchild died without writing: the side pipe ends with no data */
	tb_syscall(__NR_close, side[1], 0, 0, 0, 0, 0);
	T_EXPECT_EQ(tb_syscall(__NR_read, side[0], (long)buf, sizeof(buf), 0, 0, 0), 0);
	tb_syscall(__NR_close, side[0], 0, 0, 0, 0, 0);
}

static int c_status(void *p)
{
	say("no TAP here\n");
	return (int)(long)p;
}

/* a program that is not TAP is judged by its exit status alone; 77 is a skip */
static void t_exit_protocol(void)
{
	struct sv_result r;
	char why[32];

	run_as(&r, c_status, (void *)0L, 30 * SEC, false);
	T_EXPECT(sv_passed(&r));
	T_EXPECT(has("TB|x| no TAP here\n"));
	run_as(&r, c_status, (void *)77L, 30 * SEC, false);
	T_EXPECT(!sv_passed(&r));
	T_EXPECT(sv_skipped(&r));
	sv_verdict(&r, why, sizeof(why));
	T_EXPECT(t_streq(why, "skip"));
	run_as(&r, c_status, (void *)1L, 30 * SEC, false);
	T_EXPECT(!sv_passed(&r) && !sv_skipped(&r));
	run_as(&r, c_status, (void *)0L, 30 * SEC, true);
	T_EXPECT(!sv_passed(&r)); /* as TAP it has no plan */
}

static void t_long_line(void)
{
	struct sv_result r;

	run(&r, c_long_line, 0, 30 * SEC);
	T_EXPECT(sv_passed(&r));
	T_EXPECT(has("xxx\nTB|x| xxx"));
	T_EXPECT(has("TB|x| 1..1\n"));
}

int main(int argc, char **argv)
{
	if (tb_syscall(__NR_pipe2, (long)out, 0, 0, 0, 0, 0) != 0)
		return 99;
	return t_run(argc, argv, (struct t_case[]){
		T_CASE(t_pass), T_CASE(t_not_ok), T_CASE(t_exit_status), T_CASE(t_crash),
		T_CASE(t_hang_is_killed), T_CASE(t_no_plan), T_CASE(t_orphan_is_killed),
		T_CASE(t_exit_protocol), T_CASE(t_long_line), { 0 } });
}
