/*
 * Compiled by tests/format_warn.sh with each WRONG=n: every call below with
 * a wrong argument must warn (the declarations carry format(printf)).
 * Without WRONG, it must compile cleanly.
 */
#include <stdint.h>
#include <threadbare.h>

void use(char *b, __builtin_va_list ap);

void use(char *b, __builtin_va_list ap)
{
	tb_snprintf(b, 8, "%d %s %lu %p", 1, "s", 2UL, (void *)b);
	tb_dprintf(2, "%zu %jd %hhx", sizeof(b), (intmax_t)1, (unsigned char)3);
	tb_vsnprintf(b, 8, "%d", ap);
#if WRONG == 1
	tb_snprintf(b, 8, "%d", "a string for an int");
#elif WRONG == 2
	tb_dprintf(2, "%s", 42);
#elif WRONG == 3
	tb_snprintf(b, 8, "%lu", 1);
#elif WRONG == 4
	tb_dprintf(2, "%d %d", 1);
#elif WRONG == 5
	tb_vsnprintf(b, 8, "%y", ap);
#elif WRONG == 6
	tb_vdprintf(2, "%k", ap);
#elif WRONG == 7
	tb_snprintf(b, 8, "%lld", (int64_t)1 + 0.5);
#endif
}
