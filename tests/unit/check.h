/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The CHECK() counter shared by the C tests: each failed check prints its
 * line, its condition and an optional printf-style message; check_done()
 * prints the "N passed, N failed" line the runners add up.
 */
#ifndef KW_TEST_CHECK_H
#define KW_TEST_CHECK_H

#include <stdbool.h>
#include <stdio.h>

static unsigned long passed, failed;

/* CHECK(cond) or CHECK(cond, "format", args...): count, and say what failed. */
#define CHECK(cond, ...)						\
	do {								\
		if (!check(!!(cond), #cond, __FILE__, __LINE__)) {	\
			printf(" " __VA_ARGS__);			\
			putchar('\n');					\
		}							\
	} while (0)

static inline bool check(bool ok, const char *what, const char *file, int line)
{
	if (ok) {
		passed++;
		return true;
	}
	failed++;
	printf("FAIL %s:%d: %s", file, line, what);
	return false;
}

/**
 * check_done() - print the line the unit test runner adds up
 * @name: prefix for the line, or NULL
 *
 * Return: main()'s exit status: 0 when every check passed.
 */
static inline int check_done(const char *name)
{
	if (name)
		printf("%s: ", name);
	printf("%lu passed, %lu failed\n", passed, failed);
	return failed ? 1 : 0;
}

#endif /* KW_TEST_CHECK_H */
