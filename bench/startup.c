// SPDX-License-Identifier: GPL-2.0 OR MIT
/* Trivial module: timing it measures process start, load and compile alone. */
int run(void)
{
	return 42;
}
