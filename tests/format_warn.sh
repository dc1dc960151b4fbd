#!/bin/sh
# A call of tb_snprintf, tb_dprintf or their va_list forms with a wrong
# argument type, a missing argument or an unknown conversion warns: each
# WRONG=n case of tests/format_warn.c must fail to compile with
# -Werror=format, and the file without WRONG must compile.
# usage: format_warn.sh SRC CC [FLAGS...]
src=$1
shift
n=7
echo "1..$((n + 1))"
fail=0
if "$@" -Wall -Werror -fsyntax-only "$src" >/tmp/format_warn.$$ 2>&1; then
	echo "ok 1 - the right calls compile with -Wall -Werror"
else
	sed 's/^/# /' /tmp/format_warn.$$
	echo "not ok 1 - the right calls do not compile"
	fail=1
fi
i=1
while [ $i -le $n ]; do
	if "$@" -Wformat -Werror=format -fsyntax-only -DWRONG=$i "$src" >/tmp/format_warn.$$ 2>&1; then
		echo "not ok $((i + 1)) - WRONG=$i compiles without a format warning"
		fail=1
	elif grep -qE 'W(error=)?format' /tmp/format_warn.$$; then
		echo "ok $((i + 1)) - WRONG=$i: $(grep -m1 -o 'error: .*' /tmp/format_warn.$$)"
	else
		sed 's/^/# /' /tmp/format_warn.$$
		echo "not ok $((i + 1)) - WRONG=$i fails, but not with a format warning"
		fail=1
	fi
	i=$((i + 1))
done
rm -f /tmp/format_warn.$$
exit $fail
