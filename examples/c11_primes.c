/*
 * A parallel prime count written against C11 <threads.h> only: the same
 * file builds against glibc (gcc -pthread) and against threadbare with no
 * libc (scripts/demo.sh builds, runs and compares both).
 *
 *   c11_primes [limit=5000000] [threads=4]
 *
 * Workers take blocks of odd numbers from a counter under a mutex, sieve
 * each block with the base primes (computed once, by whichever worker
 * comes first, through call_once), and return their count through
 * thrd_join. The only non-C11 line is the output: printf with a libc,
 * tb_dprintf without one.
 */
#include <threads.h>

#if __STDC_HOSTED__
#include <stdio.h>
#define say printf
#else
#include <threadbare/io.h>
#define say(...) tb_dprintf(1, __VA_ARGS__)
#endif

enum { BLOCK = 1 << 16, MAX_BASE = 1 << 16, MAX_THREADS = 64 };

static long limit = 5000000;
static int base[MAX_BASE], nbase;
static once_flag base_once = ONCE_FLAG_INIT;
static mtx_t next_lock;
static long next_start = 3;

static void find_base(void)
{
	static unsigned char composite[MAX_BASE];
	long top = 1;

	while (top * top <= limit)
		top++;
	for (long i = 2; i < top && i < MAX_BASE; i++) {
		if (composite[i])
			continue;
		base[nbase++] = (int)i;
		for (long j = i * i; j < MAX_BASE; j += i)
			composite[j] = 1;
	}
}

/* primes among the odd numbers in [lo, hi) */
static int count_block(long lo, long hi)
{
	static thread_local unsigned char odd_composite[BLOCK / 2];
	int n = 0;

	for (long i = 0; i < (hi - lo + 1) / 2; i++)
		odd_composite[i] = 0;
	for (int k = 1; k < nbase; k++) { /* base[0] is 2: odd numbers only */
		long p = base[k], first = (lo + p - 1) / p * p;

		if (p * p >= hi)
			break;
		if (first < p * p)
			first = p * p;
		if (first % 2 == 0)
			first += p;
		for (long j = first; j < hi; j += 2 * p)
			odd_composite[(j - lo) / 2] = 1;
	}
	for (long i = lo; i < hi; i += 2)
		n += !odd_composite[(i - lo) / 2];
	return n;
}

static int worker(void *arg)
{
	int n = 0;

	(void)arg;
	call_once(&base_once, find_base);
	for (;;) {
		long lo;

		mtx_lock(&next_lock);
		lo = next_start;
		next_start += BLOCK;
		mtx_unlock(&next_lock);
		if (lo >= limit)
			return n;
		n += count_block(lo, lo + BLOCK < limit ? lo + BLOCK : limit);
	}
}

static long number(const char *s, long def)
{
	long v = 0;

	if (!s || !*s)
		return def;
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (*s - '0');
	return v;
}

int main(int argc, char **argv)
{
	thrd_t t[MAX_THREADS];
	int threads = 4;
	long total;

	limit = number(argc > 1 ? argv[1] : 0, limit);
	threads = (int)number(argc > 2 ? argv[2] : 0, threads);
	/* at most 2e9: every sum below fits a 32-bit long */
	if (limit > 2000000000L || threads < 1 || threads > MAX_THREADS) {
		say("usage: c11_primes [limit <= 2000000000] [threads 1..%d]\n", MAX_THREADS);
		return 2;
	}
	total = limit > 2; /* the prime 2 */
	if (mtx_init(&next_lock, mtx_plain) != thrd_success)
		return 1;
	for (int i = 0; i < threads; i++)
		if (thrd_create(&t[i], worker, NULL) != thrd_success)
			return 1;
	for (int i = 0; i < threads; i++) {
		int n;

		thrd_join(t[i], &n);
		total += n;
	}
	mtx_destroy(&next_lock);
	say("primes below %ld: %ld (%d threads)\n", limit, total, threads);
	return 0;
}
