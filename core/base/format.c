/*
 * tb_snprintf, tb_dprintf and their va_list forms: C99's printf for
 * integers, characters, strings and pointers.
 *
 *   conversions  d i u o x X c s p %
 *   lengths      hh h l ll j z t (and L, q taken as ll for integers, as glibc does)
 *   flags        - + space # 0, any order and repeated
 *   width        digits or *, a negative * meaning -
 *   precision    .digits or .*, a negative * meaning none
 *
 * The output is glibc's for the same call (tests/format_host.c compares the
 * two on a table), including glibc's choices where C leaves the behaviour to
 * the implementation: %p is "(nil)" for NULL and else %#lx (the sign, space,
 * 0 flags and the precision apply), a NULL %s prints "(null)" unless the
 * precision is under 6 (then nothing), 0 pads %s and %c with spaces, + and
 * space are ignored by the unsigned conversions and # by d, i, u, c, s.
 *
 * Not formatted: floating point (a e f g A E F G, with or without L), %n,
 * %lc, %ls and anything unknown. Those are printed as written ("%8.3f") and
 * their argument is taken by its type (a double, a long double, a pointer,
 * a wint_t), so every later conversion still gets its own argument. Floating
 * point is left out because printing it exactly (as glibc does) needs big
 * integer arithmetic, several KiB of code for every program that prints.
 *
 * This file uses only the public <threadbare/io.h> (and tb_write_all), so
 * that tests/format_host.c can build it against glibc (TB_FORMAT_HOST), and
 * one arch fact, ARCH_VA_LDOUBLE_ALIGN.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <threadbare/errno.h>
#include <threadbare/io.h>
#ifdef TB_FORMAT_HOST
#define ARCH_VA_LDOUBLE_ALIGN 0 /* x86_64, against glibc */
#else
#include "../arch.h"
#endif

#define INT_LIMIT ((size_t)__INT_MAX__)

struct out {
	char *buf;
	size_t cap;  /* bytes buf may hold (snprintf: size - 1, for the NUL) */
	size_t pos;  /* bytes in buf */
	size_t len;  /* bytes of the whole output, cut or not */
	int fd;      /* >= 0: buf is flushed to fd when full; < 0: output past cap is dropped */
	long err;    /* the first failed write */
};

static void flush(struct out *o)
{
	if (o->pos && !o->err) {
		long r = tb_write_all(o->fd, o->buf, o->pos);

		if (r < 0)
			o->err = r;
	}
	o->pos = 0;
}

/* n bytes from s, or n copies of c when s is NULL. */
static void put(struct out *o, const char *s, char c, size_t n)
{
	o->len = n > (size_t)-1 - o->len ? (size_t)-1 : o->len + n;
	while (n) {
		size_t k = o->cap - o->pos;

		if (!k) {
			if (o->fd < 0)
				return;
			flush(o);
			k = o->cap;
		}
		if (k > n)
			k = n;
		for (size_t i = 0; i < k; i++)
			o->buf[o->pos + i] = s ? s[i] : c;
		if (s)
			s += k;
		o->pos += k;
		n -= k;
	}
}

enum { LEFT = 1, PLUS = 2, SPACE = 4, ALT = 8, ZERO = 16 };
enum { LEN_HH = 1, LEN_H, LEN_NONE, LEN_L, LEN_Z, LEN_T, LEN_LL, LEN_J, LEN_BIG_L };

static void pad(struct out *o, size_t used, int width)
{
	if ((size_t)width > used)
		put(o, 0, ' ', (size_t)width - used);
}

/* A field of n bytes from s, padded with spaces to width. */
static void field(struct out *o, const char *s, size_t n, int flags, int width)
{
	if (!(flags & LEFT))
		pad(o, n, width);
	put(o, s, 0, n);
	if (flags & LEFT)
		pad(o, n, width);
}

static void integer(struct out *o, unsigned long long v, bool neg, char conv, int flags,
		    int width, int prec)
{
	const char *digits = conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned base = conv == 'o' ? 8 : conv == 'x' || conv == 'X' ? 16 : 10;
	char tmp[24], prefix[3];
	size_t n = 0, np = 0, zeros, total;

	for (unsigned long long w = v; w; w /= base)
		tmp[sizeof(tmp) - ++n] = digits[w % base];
	if (prec < 0)
		prec = 1;
	else
		flags &= ~ZERO;
	zeros = (size_t)prec > n ? (size_t)prec - n : 0;
	if (conv == 'o' && (flags & ALT) && !zeros)
		zeros = 1; /* %#o: the first digit is a 0 (the digits never start with one) */
	if (neg)
		prefix[np++] = '-';
	else if (flags & PLUS)
		prefix[np++] = '+';
	else if (flags & SPACE)
		prefix[np++] = ' ';
	if ((flags & ALT) && base == 16 && v) {
		prefix[np++] = '0';
		prefix[np++] = conv;
	}
	total = np + zeros + n;
	if ((flags & (ZERO | LEFT)) == ZERO && (size_t)width > total) {
		zeros += (size_t)width - total;
		total = (size_t)width;
	}
	if (!(flags & LEFT))
		pad(o, total, width);
	put(o, prefix, 0, np);
	put(o, 0, '0', zeros);
	put(o, tmp + sizeof(tmp) - n, 0, n);
	if (flags & LEFT)
		pad(o, total, width);
}

/* A decimal number at *f; -EOVERFLOW past INT_MAX. */
static int number(const char **f, int *val)
{
	size_t v = 0;

	for (; **f >= '0' && **f <= '9'; (*f)++) {
		size_t d = (size_t)(**f - '0');

		if (v > (INT_LIMIT - d) / 10)
			return -EOVERFLOW; /* checked before it can wrap a 32-bit size_t */
		v = v * 10 + d;
	}
	*val = (int)v;
	return 0;
}

/*
 * An integer argument, as the bits of an unsigned long long (sign-extended
 * when sgn). On every Linux ABI size_t and ptrdiff_t are as wide as long and
 * intmax_t as long long, so three va_arg types cover the eight lengths.
 */
_Static_assert(sizeof(__SIZE_TYPE__) == sizeof(long) && sizeof(__PTRDIFF_TYPE__) == sizeof(long) &&
		       sizeof(__INTMAX_TYPE__) == sizeof(long long),
	       "z and t are l, j is ll");

static unsigned long long arg_int(__builtin_va_list *ap, int len, bool sgn)
{
	int v;

	if (len >= LEN_LL)
		return __builtin_va_arg(*ap, unsigned long long);
	if (len >= LEN_L)
		return sgn ? (unsigned long long)__builtin_va_arg(*ap, long)
			   : __builtin_va_arg(*ap, unsigned long);
	v = __builtin_va_arg(*ap, int);
	if (len == LEN_HH)
		return sgn ? (unsigned long long)(signed char)v : (unsigned char)v;
	if (len == LEN_H)
		return sgn ? (unsigned long long)(short)v : (unsigned short)v;
	return sgn ? (unsigned long long)v : (unsigned)v;
}

/* Takes the argument of a conversion that is not formatted, by its type. */
static void skip_arg(__builtin_va_list *ap, char conv, int len)
{
	switch (conv) {
	case 'a': case 'A': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
		if (len == LEN_BIG_L) {
#if ARCH_VA_LDOUBLE_ALIGN
			*ap = (void *)(((uintptr_t)*ap + ARCH_VA_LDOUBLE_ALIGN - 1) &
				       -(uintptr_t)ARCH_VA_LDOUBLE_ALIGN);
#endif
			(void)__builtin_va_arg(*ap, long double);
		}
		else
			(void)__builtin_va_arg(*ap, double);
		break;
	case 'n':
	case 's': /* %ls */
		(void)__builtin_va_arg(*ap, void *);
		break;
	case 'c': /* %lc */
		(void)__builtin_va_arg(*ap, __WINT_TYPE__);
		break;
	}
}

static int format(struct out *o, const char *f, __builtin_va_list *ap)
{
	while (*f) {
		const char *start = f, *s;
		int flags = 0, width = 0, prec = -1, len = LEN_NONE;
		size_t n;
		char conv;

		while (*f && *f != '%')
			f++;
		put(o, start, 0, (size_t)(f - start));
		if (!*f)
			break;
		start = f;
		for (f++;; f++) {
			int fl = *f == '-' ? LEFT : *f == '+' ? PLUS : *f == ' ' ? SPACE :
				 *f == '#' ? ALT : *f == '0' ? ZERO : 0;

			if (!fl)
				break;
			flags |= fl;
		}
		if (*f == '*') {
			f++;
			width = __builtin_va_arg(*ap, int);
			if (width < 0) {
				if (width == -__INT_MAX__ - 1)
					return -EOVERFLOW;
				flags |= LEFT;
				width = -width;
			}
		} else if (number(&f, &width)) {
			return -EOVERFLOW;
		}
		if (*f == '.') {
			f++;
			if (*f == '*') {
				f++;
				prec = __builtin_va_arg(*ap, int);
				if (prec < 0)
					prec = -1;
			} else if (number(&f, &prec)) {
				return -EOVERFLOW;
			}
		}
		switch (*f) {
		case 'h': len = *++f == 'h' ? (f++, LEN_HH) : LEN_H; break;
		case 'l': len = *++f == 'l' ? (f++, LEN_LL) : LEN_L; break;
		case 'q': f++; len = LEN_LL; break;
		case 'L': f++; len = LEN_BIG_L; break;
		case 'j': f++; len = LEN_J; break;
		case 'z': f++; len = LEN_Z; break;
		case 't': f++; len = LEN_T; break;
		}
		conv = *f;
		if (conv)
			f++;
		switch (conv) {
		case 'd':
		case 'i': {
			unsigned long long v = arg_int(ap, len, true);
			bool neg = (long long)v < 0;

			integer(o, neg ? 0ULL - v : v, neg, conv, flags, width, prec);
			continue;
		}
		case 'u':
		case 'o':
		case 'x':
		case 'X':
			integer(o, arg_int(ap, len, false), false, conv, flags & ~(PLUS | SPACE), width,
				prec);
			continue;
		case 'p': {
			void *p = __builtin_va_arg(*ap, void *);

			if (p)
				integer(o, (uintptr_t)p, false, 'x', flags | ALT, width, prec);
			else
				field(o, "(nil)", 5, flags, width);
			continue;
		}
		case 'c': {
			char c;

			if (len != LEN_NONE)
				break;
			c = (char)__builtin_va_arg(*ap, int);
			field(o, &c, 1, flags, width);
			continue;
		}
		case 's':
			if (len != LEN_NONE)
				break;
			s = __builtin_va_arg(*ap, const char *);
			if (!s)
				s = prec < 0 || prec >= 6 ? "(null)" : "";
			for (n = 0; (prec < 0 || n < (size_t)prec) && s[n]; n++)
				;
			field(o, s, n, flags, width);
			continue;
		case '%':
			put(o, "%", 0, 1);
			continue;
		}
		/* Not formatted: shown as written, its argument taken. */
		skip_arg(ap, conv, len);
		put(o, start, 0, (size_t)(f - start));
	}
	return o->len > INT_LIMIT ? -EOVERFLOW : 0;
}

int tb_vsnprintf(char *buf, size_t size, const char *fmt, __builtin_va_list ap)
{
	struct out o = { buf, size ? size - 1 : 0, 0, 0, -1, 0 };
	__builtin_va_list aq;
	int r;

	__builtin_va_copy(aq, ap);
	r = format(&o, fmt, &aq);
	__builtin_va_end(aq);

	if (size)
		buf[o.pos] = 0;
	return r ? r : (int)o.len;
}

int tb_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	__builtin_va_list ap;
	int n;

	__builtin_va_start(ap, fmt);
	n = tb_vsnprintf(buf, size, fmt, ap);
	__builtin_va_end(ap);
	return n;
}

int tb_vdprintf(int fd, const char *fmt, __builtin_va_list ap)
{
	char buf[1024];
	struct out o = { buf, sizeof(buf), 0, 0, fd, 0 };
	__builtin_va_list aq;
	int r;

	__builtin_va_copy(aq, ap);
	r = format(&o, fmt, &aq);
	__builtin_va_end(aq);

	flush(&o);
	if (o.err)
		return (int)o.err;
	return r ? r : (int)o.len;
}

int tb_dprintf(int fd, const char *fmt, ...)
{
	__builtin_va_list ap;
	int n;

	__builtin_va_start(ap, fmt);
	n = tb_vdprintf(fd, fmt, ap);
	__builtin_va_end(ap);
	return n;
}
