// SPDX-License-Identifier: GPL-2.0 OR MIT
/* Mandelbrot set escape counts in double precision: f64 add/mul/compare. */
#include <stdint.h>

#define W	480
#define H	360
#define MAXIT	400

int run(void)
{
	uint32_t total = 0, h = 0;
	int px, py, it;

	for (py = 0; py < H; py++) {
		double ci = -1.2 + 2.4 * py / H;

		for (px = 0; px < W; px++) {
			double cr = -2.1 + 3.0 * px / W;
			double zr = 0.0, zi = 0.0, zr2 = 0.0, zi2 = 0.0;

			for (it = 0; it < MAXIT && zr2 + zi2 <= 4.0; it++) {
				zi = 2.0 * zr * zi + ci;
				zr = zr2 - zi2 + cr;
				zr2 = zr * zr;
				zi2 = zi * zi;
			}
			total += it;
			h = (h ^ it) * 0x01000193u;
		}
	}
	return (int)((total ^ h) & 0x7fffffff);
}
