// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Native side of the benchmarks: link with one program, call its run() REPS
 * times and print "CHECKSUM BEST_MS".  The minimum is the least noisy estimate
 * of the time the work itself takes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int run(void);

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	int reps = argc > 1 ? atoi(argv[1]) : 5;
	double best = 0;
	int i, sum = 0;

	if (reps < 1)
		reps = 1;
	for (i = 0; i < reps; i++) {
		double t0 = now_ms();
		int r = run();
		double t = now_ms() - t0;

		/* every call must do the same work and give the same answer */
		if (i > 0 && r != sum) {
			fprintf(stderr, "run() not repeatable: %d then %d\n", sum, r);
			return 1;
		}
		sum = r;
		if (i == 0 || t < best)
			best = t;
	}
	printf("%d %.3f\n", sum, best);
	return 0;
}
