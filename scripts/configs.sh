#!/bin/sh
# Prints lines of the configuration table (cross/configs) without comments:
#   name folder cross clang options packages...
#
#   ./scripts/configs.sh            the lines test.sh runs by default: those
#                                   whose arch folder and meson options exist
#   ./scripts/configs.sh NAME...    these lines, in this order
#   ./scripts/configs.sh --all      every line
#
# Lines left out by default are named on stderr with the reason. An unknown
# NAME is an error (exit 2) that lists the known ones.
cd "$(dirname "$0")/.." || exit 2
table=cross/configs
rows() { sed -e 's/#.*//' -e 's/[[:space:]][[:space:]]*/ /g' -e 's/^ //' -e 's/ $//' -e '/^$/d' "$table"; }

# why_not FOLDER CROSS OPTIONS: prints why test.sh cannot run the line, or nothing
why_not() {
	[ -f "arch/$1/meson.build" ] || { echo "no arch/$1/meson.build"; return; }
	[ "$2" = - ] || grep -q '^exe_wrapper' "cross/$2.ini" ||
		{ echo "cross/$2.ini has no exe_wrapper: it runs on real kernels only (scripts/test-kernel.sh)"; return; }
	[ "$3" = - ] && return
	for kv in $(echo "$3" | tr , ' '); do
		grep -q "^option('${kv%%=*}'" meson_options.txt ||
			{ echo "no meson option ${kv%%=*}"; return; }
	done
}

case ${1:-} in
--all)
	rows ;;
"")
	rows | while read -r name folder rest; do
		# shellcheck disable=SC2086
		set -- $rest
		why=$(why_not "$folder" "$1" "$3")
		if [ -n "$why" ]; then
			echo "configs: $name is not run by default: $why" >&2
		else
			echo "$name $folder $rest"
		fi
	done ;;
*)
	for want; do
		line=$(rows | awk -v n="$want" '$1 == n')
		if [ -z "$line" ]; then
			echo "configs: unknown configuration '$want'; known: $(rows | awk '{print $1}' | tr '\n' ' ')" >&2
			exit 2
		fi
		echo "$line"
	done ;;
esac
