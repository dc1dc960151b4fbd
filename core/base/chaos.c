/*
 * Chaos points (core/internal.h, tb__chaos): in a -Dchaos=true build each
 * call draws from a shared pseudo-random sequence and, one time in two,
 * perturbs the calling thread: a sched_yield, a spin of up to ~1000 hints,
 * or a sleep of up to 50 us. The sequence is a Weyl counter through a
 * 32-bit mixer; races on it only make it more random. Nothing here runs in
 * a release build: the file compiles to nothing.
 */
#include "../internal.h"

#if TB_CHAOS
#include <threadbare/thread.h>
#include <linux/time.h>
#include <linux/time_types.h>
#include "../sys.h"

static uint32_t chaos_seq;

static uint32_t mix(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352du;
	x ^= x >> 15;
	x *= 0x846ca68bu;
	return x ^ (x >> 16);
}

void tb__chaos(void)
{
	uint32_t r = mix(__atomic_add_fetch(&chaos_seq, 0x9e3779b9u, __ATOMIC_RELAXED));

	switch (r & 7) {
	case 0:
	case 1:
		tb__syscall0(__NR_sched_yield);
		break;
	case 2:
	case 3:
		for (uint32_t i = (r >> 8) & 1023; i; i--)
			arch_spin_hint();
		break;
	case 4: {
		/* a plain sleep: tb_sleep_ns would take an interrupt meant for the caller */
		struct __kernel_timespec ts = { 0, (long)((r >> 8) % 50000) };

		tb__syscall_ts(TB__NR_CLOCK_NANOSLEEP, CLOCK_MONOTONIC, 0, (long)&ts, 0, 2, -1);
		break;
	}
	default:
		break;
	}
}
#endif
