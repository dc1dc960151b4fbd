#ifndef THREADBARE_CLOCK_H
#define THREADBARE_CLOCK_H

#include "types.h"

/* The clocks tb_clock_ns reads; the values are the kernel's clock ids. */
#define TB_CLOCK_REALTIME 0  /* wall-clock time since 1970; steps when it is set */
#define TB_CLOCK_MONOTONIC 1 /* since an unspecified start; never steps, stops in suspend */
#define TB_CLOCK_BOOTTIME 7  /* as MONOTONIC, but counts time in suspend */

/*
 * The current time of clock in nanoseconds (which fits in 63 bits until
 * 2262), read through the vDSO where the kernel maps one that this port
 * uses (arch/<arch>/vdso.h), with no system call; otherwise, or before
 * tb_init, through clock_gettime. Every deadline the runtime computes
 * (timed waits, tb_sleep_ns) reads TB_CLOCK_MONOTONIC this way.
 * Returns the time, or:
 *   -EINVAL  clock is not one of the three above
 *   or the errno of clock_gettime (not expected on Linux)
 * A TB_CLOCK_REALTIME before 1970 would be negative too: set clocks are not
 * expected there.
 */
__INT64_TYPE__ tb_clock_ns(int clock);

/*
 * Sleeps ns nanoseconds of clock, relative to now. Unlike tb_sleep_ns it
 * does not resume after a signal handler ran: it returns -EINTR then, and
 * stores the time that was left in *left when left is not NULL (C11's
 * thrd_sleep is this call on TB_CLOCK_REALTIME). Returns 0, or:
 *   -EINTR   a signal handler ran; *left is what was left
 *   -ECANCELED  tb_thread_interrupt ended it; *left is what was left
 *   -EINVAL  clock is not one of the three above
 */
int tb_clock_sleep_ns(int clock, __UINT64_TYPE__ ns, __UINT64_TYPE__ *left);

#endif
