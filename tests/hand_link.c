/*
 * Linked by hand (tests/hand_link.sh), not through threadbare_dep: the
 * archive and -lgcc alone must be enough. It divides 64-bit values (libgcc's
 * helpers on 32-bit targets, and arm's division-by-zero hook), shifts them,
 * uses __thread and spawns a thread, and exits 0 only when every result is
 * right.
 */
#include <threadbare.h>

static volatile long long num = -7000000000LL;
static volatile unsigned long long unum = 9000000000ULL;
static volatile int shift = 33;
static __thread int tv = 5;

static int child(void *arg)
{
	tv += (int)(long)arg;
	return tv;
}

int main(int argc, char **argv, char **envp)
{
	struct tb_thread *t;
	long long d = argc + 2;			/* 3: not known at compile time */
	int bad = 0;

	(void)argv;
	(void)envp;
	bad |= (num / d != -2333333333LL) << 0;
	bad |= (num % d != -1) << 1;
	bad |= (unum / (unsigned long long)(d + 1) != 2250000000ULL) << 2;
	bad |= (unum % (unsigned long long)(d + 4) != 9000000000ULL % 7) << 3;
	bad |= ((unum << shift) != 3522435033161793536ULL) << 4;
	if (tb_thread_spawn(&t, 0, child, (void *)37L) != 0)
		bad |= 1 << 5;
	else if (tb_thread_join(t) != 42 || tv != 5)
		bad |= 1 << 6;
	tb_dprintf(1, "# hand-linked program: %s (bits %d)\n", bad ? "wrong" : "right", bad);
	return bad;
}
