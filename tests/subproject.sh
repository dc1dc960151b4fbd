#!/bin/sh
# threadbare as a Meson subproject of a consumer (subprojects/threadbare, a
# link to this tree): the consumer's build has the library and none of
# threadbare's tests or examples, and `meson install --destdir` installs the
# consumer's program and nothing of threadbare. Asked for
# (-Dthreadbare:install=true), the install has the archive and threadbare.pc.
# usage: subproject.sh SRCROOT WORKDIR   (CC and CC_LD from the environment)
src=$1 work=$2
echo "1..4"
rm -rf "$work" && mkdir -p "$work/consumer/subprojects" || exit 99
ln -s "$src" "$work/consumer/subprojects/threadbare"
cat >"$work/consumer/meson.build" <<'MESON'
project('consumer', 'c', default_options: ['c_std=c11'])
threadbare = subproject('threadbare').get_variable('threadbare_dep')
executable('prog', 'prog.c', dependencies: threadbare, install: true)
MESON
cat >"$work/consumer/prog.c" <<'C'
#include <threadbare.h>
static int child(void *arg) { return (int)(long)arg; }
int main(void)
{
	struct tb_thread *t;
	return tb_thread_spawn(&t, 0, child, (void *)5L) == 0 && tb_thread_join(t) == 5 ? 0 : 1;
}
C
b=$work/consumer/build
if ! meson setup "$b" "$work/consumer" >"$work/setup.log" 2>&1 || ! ninja -C "$b" >"$work/build.log" 2>&1; then
	tail -n 30 "$work/setup.log" "$work/build.log" 2>/dev/null | sed 's/^/# /'
	echo "not ok 1 - the consumer does not build"
	exit 1
fi
if "$b/prog"; then
	echo "ok 1 - the consumer builds and its program runs"
else
	echo "not ok 1 - the consumer's program failed (exit $?)"
	exit 1
fi
fail=0
built=$(find "$b/subprojects" -type f -perm -u+x \( -name 't_*' -o -name demo -o -name c11_primes \) | wc -l)
listed=$(meson test -C "$b" --no-rebuild --list 2>/dev/null | grep -vc '^No tests defined')
if [ "$built" = 0 ] && [ "$listed" = 0 ]; then
	echo "ok 2 - no threadbare test or example built or registered"
else
	echo "not ok 2 - $built threadbare test or example programs built, $listed tests registered"
	fail=1
fi
meson install -C "$b" --destdir "$work/root" >"$work/install.log" 2>&1
files=$(cd "$work/root" 2>/dev/null && find . ! -type d | sort)
if [ "$(echo "$files" | grep -c .)" = 1 ] && echo "$files" | grep -q '/prog$'; then
	echo "ok 3 - meson install installs the program alone: $(echo $files)"
else
	echo "$files" | head -n 20 | sed 's/^/# /'
	echo "not ok 3 - meson install installs more than the program"
	fail=1
fi
rm -rf "$work/root"
if meson configure "$b" -Dthreadbare:install=true >"$work/configure.log" 2>&1 &&
	meson install -C "$b" --destdir "$work/root" >"$work/install.log" 2>&1 &&
	[ -n "$(find "$work/root" -name libthreadbare.a)" ] &&
	[ -n "$(find "$work/root" -name threadbare.pc)" ]; then
	echo "ok 4 - with -Dthreadbare:install=true it installs the archive and threadbare.pc"
else
	tail -n 20 "$work/configure.log" "$work/install.log" | sed 's/^/# /'
	echo "not ok 4 - -Dthreadbare:install=true does not install the archive and threadbare.pc"
	fail=1
fi
exit $fail
