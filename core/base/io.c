/*
 * A small formatter and fd output, for tests, examples and error messages.
 */
#include <threadbare/io.h>
#include "../internal.h"
#include "../sys.h"

#define WIDTH_MAX 4096 /* wider field widths are clamped: no int overflow */

long tb_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	size_t done = 0;

	while (done < len) {
		long r = tb__sys_write(fd, p + done, len - done);

		if (r == -EINTR)
			continue;
		if (r < 0)
			return r;
		if (r == 0)
			return -EIO; /* no progress: retrying would loop forever */
		done += (size_t)r;
	}
	return (long)done;
}

/* Says what went wrong on stderr and traps; no formatting, so that a small
 * program that never prints does not carry the formatter. */
_Noreturn void tb__crash(const char *what)
{
	size_t n = 0;

	while (what[n])
		n++;
	tb_write_all(2, "threadbare: ", 12);
	tb_write_all(2, what, n);
	tb_write_all(2, "\n", 1);
	arch_trap();
}

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_num(struct out *o, unsigned long long v, unsigned base, bool upper, bool neg,
		    int width, char pad, bool left)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (neg && pad == '0')
		put(o, '-');
	width -= n + neg;
	while (!left && width-- > 0)
		put(o, pad);
	if (neg && pad != '0')
		put(o, '-');
	while (n)
		put(o, tmp[--n]);
	while (left && width-- > 0)
		put(o, ' ');
}

int tb_vsnprintf(char *buf, size_t size, const char *f, __builtin_va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *f; f++) {
		bool left = false, upper = false;
		char pad = ' ';
		int width = 0, lng = 0;
		unsigned long long u;
		long long s;

		if (*f != '%') {
			put(&o, *f);
			continue;
		}
		f++;
		for (; *f == '-' || *f == '0'; f++)
			*f == '-' ? (left = true) : (pad = '0');
		for (; *f >= '0' && *f <= '9'; f++)
			if (width <= WIDTH_MAX)
				width = width * 10 + (*f - '0');
		if (width > WIDTH_MAX)
			width = WIDTH_MAX;
		for (; *f == 'l' || *f == 'z'; f++)
			lng++; /* size_t is unsigned long on every Linux ABI */
		switch (*f) {
		case 'd':
		case 'i':
			s = lng >= 2 ? __builtin_va_arg(ap, long long)
			    : lng ? __builtin_va_arg(ap, long) : __builtin_va_arg(ap, int);
			put_num(&o, s < 0 ? 0ULL - (unsigned long long)s : (unsigned long long)s, 10,
				false, s < 0, width, pad, left);
			break;
		case 'u':
		case 'x':
		case 'X':
			u = lng >= 2 ? __builtin_va_arg(ap, unsigned long long)
			    : lng ? __builtin_va_arg(ap, unsigned long) : __builtin_va_arg(ap, unsigned);
			upper = *f == 'X';
			put_num(&o, u, *f == 'u' ? 10 : 16, upper, false, width, pad, left);
			break;
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			put_num(&o, (uintptr_t)__builtin_va_arg(ap, void *), 16, false, false, width, pad,
				left);
			break;
		case 'c':
			put(&o, (char)__builtin_va_arg(ap, int));
			break;
		case 's': {
			const char *str = __builtin_va_arg(ap, const char *);
			int n = 0;

			if (!str)
				str = "(null)";
			while (str[n])
				n++;
			while (!left && width-- > n)
				put(&o, ' ');
			for (int i = 0; i < n; i++)
				put(&o, str[i]);
			while (left && width-- > n)
				put(&o, ' ');
			break;
		}
		case '%':
			put(&o, '%');
			break;
		default:
			if (!*f)
				f--;
			break;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return (int)o.len;
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

int tb_dprintf(int fd, const char *fmt, ...)
{
	char buf[1024];
	__builtin_va_list ap;
	int n;

	__builtin_va_start(ap, fmt);
	n = tb_vsnprintf(buf, sizeof(buf), fmt, ap);
	__builtin_va_end(ap);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	return (int)tb_write_all(fd, buf, (size_t)n);
}
