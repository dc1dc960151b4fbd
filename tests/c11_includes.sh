#!/bin/sh
# The C11 layer (core/c11/) promises to use threadbare's public API alone.
# This holds it to that: every #include in its files must name a public
# header (<threadbare/...>, <threadbare.h>, <threads.h>, <time.h> of
# include/c11, <c11/...>) or one of the compiler's own freestanding headers.
# Run by the build (meson.build's c11_includes target), so a file that
# includes "../internal.h" or a UAPI header fails the build.
#   tests/c11_includes.sh STAMP FILE...
stamp=$1
shift
bad=0
for f; do
	# shellcheck disable=SC2016
	out=$(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*\(.*\)$/\1/p' "$f" | while read -r h; do
		case $h in
		'<threadbare/'*'>' | '<threadbare.h>' | '<threads.h>' | '<time.h>' | '<c11/'*'>') ;;
		'<stddef.h>' | '<stdint.h>' | '<stdbool.h>' | '<stdalign.h>' | '<stdarg.h>' | \
			'<stdatomic.h>' | '<stdnoreturn.h>' | '<limits.h>' | '<float.h>' | '<iso646.h>') ;;
		*) echo "$h" ;;
		esac
	done)
	if [ -n "$out" ]; then
		for h in $out; do echo "c11_includes: $f includes $h: core/c11/ may use the public headers only" >&2; done
		bad=1
	fi
done
[ $bad = 0 ] && : >"$stamp"
exit $bad
