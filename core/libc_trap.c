/*
 * A link that takes a libc's start files (`gcc -static prog.c
 * libthreadbare.a`, -nostdlib forgotten) must fail, not give a program whose
 * every call returns -EPERM because tb_init never ran. Every libc's crt1.o
 * has a _start that calls __libc_start_main. This archive member defines it,
 * so the linker takes it from libthreadbare.a (named before the libc), and
 * it refers to a symbol that nothing defines, whose name is the fix:
 *
 *   undefined reference to `threadbare: link with -nostdlib -static ...'
 *
 * A correct link has no crt1.o: nothing asks for __libc_start_main and this
 * member stays out of the program. Were it linked anyway (undefined symbols
 * ignored), calling it says the same on fd 2 and traps.
 *
 * The reference is data (a pointer), not code: every assembler takes a
 * quoted symbol name in a data directive. clang writes the label as given,
 * gcc hands it to the assembler, which wants the quotes.
 */
#include "internal.h"

#define FIX "threadbare: link with -nostdlib -static (libc start files are in this link)"

#ifdef __clang__
extern const char tb__link_error[] __asm__(FIX);
#else
extern const char tb__link_error[] __asm__("\"" FIX "\"");
#endif

static const char *const link_error = tb__link_error;

void __libc_start_main(void);

/* weak: when the libc's own definition comes in too (lld pulls libc.a's
 * start code for other symbols), it wins without a duplicate-symbol error,
 * which lld would report before the undefined symbol that names the fix */
__attribute__((weak)) void __libc_start_main(void)
{
	(void)*(const char *const volatile *)&link_error;
	tb__crash(FIX);
}
