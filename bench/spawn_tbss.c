/*
 * Workload 2b: workload 2's idle threads in a program with 1 MiB of .tbss
 * that the threads never touch. A runtime that zeroes or copies the whole
 * TLS block at spawn commits 1 MiB per thread; one that relies on fresh
 * mappings being zero commits only what is used. scripts/bench.sh runs 200
 * threads (glibc then commits 200 MiB), reported per thread.
 *   spawn_tbss [threads=1000] [reps=3]
 */
#define ROW_TIME "spawn_200_alive_tbss_1mib"
#define ROW_RSS "rss_per_idle_thread_tbss_1mib"

/* main touches one byte, so that the block is in the program and in use */
static __thread char big_tbss[1 << 20];
static void touch_tbss(void) __attribute__((constructor));
static void touch_tbss(void)
{
	big_tbss[0] = 1;
	__asm__ volatile("" : : "r"(big_tbss) : "memory");
}

#include "spawn_many.c"
