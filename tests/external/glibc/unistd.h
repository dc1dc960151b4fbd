/*
 * Included by glibc's C11 thread tests, which call nothing from it.
 */
#ifndef TB_EXTERNAL_UNISTD_H
#define TB_EXTERNAL_UNISTD_H
#endif
