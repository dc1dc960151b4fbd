/* Compiles where the nolibc on the include path supports the target (tests/external/meson.build). */
#include "nolibc.h"

int main(void)
{
	return 0;
}
