#!/bin/sh
# Runs shellcheck at warning level over the project's shell scripts (TAP, one
# line per file): scripts/, tests/*.sh and .ci/run. An error or a warning
# fails; what it prints goes into the test log.
# usage: sh shellcheck.sh SHELLCHECK_PATH SOURCE_ROOT
sc=$1 root=$2
cd "$root" || exit 1
set -- scripts/*.sh tests/*.sh .ci/run
echo "1..$#"
n=0 fail=0
for f; do
	n=$((n + 1))
	if out=$("$sc" -S warning "$f" 2>&1); then
		echo "ok $n - $f"
	else
		echo "not ok $n - $f"
		printf '%s\n' "$out" | sed 's/^/# /'
		fail=1
	fi
done
exit $fail
