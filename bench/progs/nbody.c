// SPDX-License-Identifier: GPL-2.0 OR MIT
/* N-body simulation of five planets in doubles, with f64.sqrt. */
#include <stdint.h>

#define NB	5
#define STEPS	700000
#define PI	3.141592653589793
#define SOLAR_MASS	(4 * PI * PI)
#define DAYS	365.24

struct body {
	double x, y, z, vx, vy, vz, mass;
};

static struct body bodies[NB];

static const struct body initial[NB] = {
	{ 0, 0, 0, 0, 0, 0, SOLAR_MASS },
	{ 4.84143144246472090, -1.16032004402742839, -0.103622044471123109,
	  0.00166007664274403694 * DAYS, 0.00769901118419740425 * DAYS,
	  -0.0000690460016972063023 * DAYS, 0.000954791938424326609 * SOLAR_MASS },
	{ 8.34336671824457987, 4.12479856412430479, -0.403523417114321381,
	  -0.00276742510726862411 * DAYS, 0.00499852801234917238 * DAYS,
	  0.0000230417297573763929 * DAYS, 0.000285885980666130812 * SOLAR_MASS },
	{ 12.8943695621391310, -15.1111514016986312, -0.223307578892655734,
	  0.00296460137564761618 * DAYS, 0.00237847173959480950 * DAYS,
	  -0.0000296589568540237556 * DAYS, 0.0000436624404335156298 * SOLAR_MASS },
	{ 15.3796971148509165, -25.9193146099879641, 0.179258772950371181,
	  0.00268067772490389322 * DAYS, 0.00162824170038242295 * DAYS,
	  -0.0000951592254519715870 * DAYS, 0.0000515138902046611451 * SOLAR_MASS },
};

static void offset_momentum(void)
{
	double px = 0, py = 0, pz = 0;
	int i;

	for (i = 0; i < NB; i++) {
		px += bodies[i].vx * bodies[i].mass;
		py += bodies[i].vy * bodies[i].mass;
		pz += bodies[i].vz * bodies[i].mass;
	}
	bodies[0].vx = -px / SOLAR_MASS;
	bodies[0].vy = -py / SOLAR_MASS;
	bodies[0].vz = -pz / SOLAR_MASS;
}

static double energy(void)
{
	double e = 0;
	int i, j;

	for (i = 0; i < NB; i++) {
		struct body *b = &bodies[i];

		e += 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
		for (j = i + 1; j < NB; j++) {
			struct body *c = &bodies[j];
			double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;

			e -= b->mass * c->mass / __builtin_sqrt(dx * dx + dy * dy + dz * dz);
		}
	}
	return e;
}

static void advance(double dt)
{
	int i, j;

	for (i = 0; i < NB; i++) {
		struct body *b = &bodies[i];

		for (j = i + 1; j < NB; j++) {
			struct body *c = &bodies[j];
			double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
			double d2 = dx * dx + dy * dy + dz * dz;
			double mag = dt / (d2 * __builtin_sqrt(d2));

			b->vx -= dx * c->mass * mag;
			b->vy -= dy * c->mass * mag;
			b->vz -= dz * c->mass * mag;
			c->vx += dx * b->mass * mag;
			c->vy += dy * b->mass * mag;
			c->vz += dz * b->mass * mag;
		}
	}
	for (i = 0; i < NB; i++) {
		bodies[i].x += dt * bodies[i].vx;
		bodies[i].y += dt * bodies[i].vy;
		bodies[i].z += dt * bodies[i].vz;
	}
}

int run(void)
{
	double e0, e1;
	int i;

	for (i = 0; i < NB; i++)
		bodies[i] = initial[i];
	offset_momentum();
	e0 = energy();
	for (i = 0; i < STEPS; i++)
		advance(0.01);
	e1 = energy();
	/* energies are about -0.17; keep 12 decimal digits (exact IEEE on both sides) */
	return (int)((uint64_t)(int64_t)((e0 - e1) * 1e12 + e1 * -1e9) & 0x7fffffff);
}
