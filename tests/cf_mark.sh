#!/bin/sh
# The linked program carries the control-flow property the build asked for
# (-Dhardened=true): "AArch64 feature: BTI, PAC" or "x86 feature: IBT,
# SHSTK" in its .note.gnu.property, which the linker keeps only when every
# input object, the .S files included, has it. TAP.
# usage: cf_mark.sh PROGRAM PATTERN
echo "1..1"
notes=$(readelf -nW "$1" 2>&1)
if echo "$notes" | grep -q "$2"; then
	echo "ok 1 - marked: $2"
else
	echo "$notes" | sed 's/^/# /'
	echo "not ok 1 - not marked '$2'"
	exit 1
fi
