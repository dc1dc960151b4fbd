/*
 * A minimal <time.h> for C11 programs built against threadbare with no libc
 * (the C11 layer, include/c11/). It declares only what threadbare provides:
 * the types, TIME_UTC and timespec_get that <threads.h> needs, and
 * clock_gettime and time over tb_clock_ns. There is no errno: clock_gettime
 * returns -1 on failure without setting one. time_t is 64 bits on every
 * port.
 */
#ifndef TB_C11_TIME_H
#define TB_C11_TIME_H

#include <stddef.h>

typedef long long time_t;
typedef int clockid_t;

/* <linux/time.h> may be included too: it then keeps this timespec */
#define _STRUCT_TIMESPEC
struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

#define TIME_UTC 1

/* The kernel's clock ids (tb_clock_ns accepts these three). */
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_BOOTTIME 7

/* Stores the current TIME_UTC time (CLOCK_REALTIME) in *ts and returns
 * base; returns 0 for any other base, with *ts unchanged. */
int timespec_get(struct timespec *ts, int base);

/* Stores the time of clock in *ts and returns 0; returns -1 (no errno) for
 * a clock other than the three above, with *ts unchanged. */
int clock_gettime(clockid_t clock, struct timespec *ts);

/* Seconds since 1970 (TIME_UTC), also stored in *t when t is not NULL. */
time_t time(time_t *t);

#endif
