/*
 * <threadbare/string.h> (through <threadbare.h>): the four functions are
 * declared with C's prototypes, so a program's own declarations of them
 * (here without restrict, as many freestanding programs write them) agree,
 * and they do what C says, overlaps and unaligned ends included.
 */
#include "harness.h"

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* Through pointers, so the compiler calls them instead of expanding them. */
static void *(*volatile cpy)(void *, const void *, size_t) = memcpy;
static void *(*volatile move)(void *, const void *, size_t) = memmove;
static void *(*volatile set)(void *, int, size_t) = memset;
static int (*volatile cmp)(const void *, const void *, size_t) = memcmp;

static void t_string(void)
{
	char a[40], b[40];

	for (int i = 0; i < 40; i++)
		a[i] = (char)('a' + i % 26);
	T_EXPECT(cpy(b, a, 40) == b);
	T_EXPECT_EQ(cmp(a, b, 40), 0);
	T_EXPECT(move(a + 3, a, 20) == a + 3);	/* overlap, forwards */
	T_EXPECT_EQ(a[3], 'a');
	T_EXPECT_EQ(a[22], 't');
	move(a, a + 3, 20);			/* overlap, backwards */
	T_EXPECT_EQ(cmp(a, b, 20), 0);
	T_EXPECT(set(a + 1, 0x80, 13) == a + 1); /* unaligned start and end */
	T_EXPECT_EQ((unsigned char)a[1], 0x80);
	T_EXPECT_EQ((unsigned char)a[13], 0x80);
	T_EXPECT_EQ(a[0], 'a');
	T_EXPECT_EQ(a[14], 'o');
	T_EXPECT(cmp(a, b, 40) > 0);		/* bytes compare unsigned: 0x80 > 'b' */
	T_EXPECT(cmp(b, a, 40) < 0);
	T_EXPECT_EQ(cmp(a, b, 0), 0);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (const struct t_case[]){ T_CASE(t_string), { 0 } });
}
