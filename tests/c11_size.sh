#!/bin/sh
# The stripped size of PROGRAM is at most LIMIT bytes. TAP.
# usage: c11_size.sh PROGRAM STRIP LIMIT
prog=$1 strip=$2 limit=$3
out=${TMPDIR:-/tmp}/tb-size.$$
echo "1..1"
if ! "$strip" -s -o "$out" "$prog"; then
	echo "not ok 1 - $strip failed"; exit 1
fi
n=$(wc -c <"$out")
rm -f "$out"
if [ "$n" -le "$limit" ]; then
	echo "ok 1 - $n bytes stripped (limit $limit)"
else
	echo "not ok 1 - $n bytes stripped, over the limit of $limit"; exit 1
fi
