/*
 * Included by glibc's C11 thread tests, which print only through
 * support/check.h's macros: nothing else is needed from it here.
 */
#ifndef TB_EXTERNAL_STDIO_H
#define TB_EXTERNAL_STDIO_H
#endif
