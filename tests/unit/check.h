/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The CHECK() counter shared by the C unit tests: each failed check prints
 * its line; main() prints "passed, failed" from the two counters.
 */
#ifndef KW_TEST_CHECK_H
#define KW_TEST_CHECK_H

#include <stdbool.h>
#include <stdio.h>

static unsigned long passed, failed;

#define CHECK(cond) check(!!(cond), #cond, __LINE__)

static void check(bool ok, const char *what, int line)
{
	if (ok) {
		passed++;
		return;
	}
	failed++;
	printf("FAIL line %d: %s\n", line, what);
}

#endif /* KW_TEST_CHECK_H */
