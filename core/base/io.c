/*
 * fd output and tb__crash. The formatter is core/base/format.c.
 */
#include <threadbare/io.h>
#include "../internal.h"
#include "../sys.h"

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
