// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * C guest for kwasm: text processing over data baked into the module, 64-bit
 * integer arithmetic and f64 math.  Built freestanding (no libc, no imports),
 * so every helper it needs is written here.
 */

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef long long s64;

#define EXPORT(name) __attribute__((export_name(#name)))
#define ARRAY_SIZE(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char text[] =
	"It was the best of times, it was the worst of times, it was the age of wisdom.";

#define TEXT_LEN ((int)sizeof(text) - 1)

static const double samples[] = {
	2.5, 3.75, -1.25, 8.0, 0.5, 12.125, 7.0, -4.5, 3.0, 9.875, 1.0, 6.25,
};

#define NSAMPLES ARRAY_SIZE(samples)

/* Scratch for the sieve: lives in the module's memory, not on the stack. */
#define SIEVE_MAX 65536
static u8 composite[SIEVE_MAX];

static int clamp(int n, int max)
{
	if (n < 0)
		return 0;
	return n > max ? max : n;
}

/* 32-bit FNV-1a over the first @len bytes of the text (clamped). */
EXPORT(fnv1a)
u32 fnv1a(int len)
{
	u32 h = 2166136261u;
	int i;

	len = clamp(len, TEXT_LEN);
	for (i = 0; i < len; i++) {
		h ^= (u8)text[i];
		h *= 16777619u;
	}
	return h;
}

EXPORT(text_len)
int text_len(void)
{
	return TEXT_LEN;
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Words are maximal runs of letters. */
EXPORT(word_count)
int word_count(void)
{
	int i, words = 0, in_word = 0;

	for (i = 0; i < TEXT_LEN; i++) {
		int a = is_alpha(text[i]);

		if (a && !in_word)
			words++;
		in_word = a;
	}
	return words;
}

/* Occurrences of @c, ignoring ASCII case. */
EXPORT(count_char)
int count_char(int c)
{
	int i, n = 0;

	c |= 0x20;
	for (i = 0; i < TEXT_LEN; i++)
		if ((text[i] | 0x20) == c)
			n++;
	return n;
}

/* Steps for @n to reach 1 under 3n+1; -1 if @n < 1 or a step would overflow. */
EXPORT(collatz_steps)
s64 collatz_steps(s64 n)
{
	u64 x = (u64)n;
	s64 steps = 0;

	if (n < 1)
		return -1;
	while (x != 1) {
		if (x & 1) {
			if (x > (~0ull - 1) / 3)
				return -1;
			x = 3 * x + 1;
		} else {
			x >>= 1;
		}
		steps++;
	}
	return steps;
}

/* Binary GCD on the 64-bit unsigned values of @a and @b. */
EXPORT(gcd64)
u64 gcd64(u64 a, u64 b)
{
	int shift = 0;

	if (!a)
		return b;
	if (!b)
		return a;
	while (!((a | b) & 1)) {
		a >>= 1;
		b >>= 1;
		shift++;
	}
	while (!(a & 1))
		a >>= 1;
	do {
		while (!(b & 1))
			b >>= 1;
		if (a > b) {
			u64 t = a;

			a = b;
			b = t;
		}
		b -= a;
	} while (b);
	return a << shift;
}

/* Primes below @n (clamped to SIEVE_MAX), Eratosthenes in linear memory. */
EXPORT(count_primes)
int count_primes(int n)
{
	int i, j, count = 0;

	n = clamp(n, SIEVE_MAX);
	for (i = 0; i < n; i++)
		composite[i] = 0;
	for (i = 2; i < n; i++) {
		if (composite[i])
			continue;
		count++;
		for (j = 2 * i; j < n; j += i)
			composite[j] = 1;
	}
	return count;
}

/* Mean of the first @n samples (clamped; 0 for none). */
EXPORT(mean)
double mean(int n)
{
	double sum = 0;
	int i;

	n = clamp(n, NSAMPLES);
	if (!n)
		return 0;
	for (i = 0; i < n; i++)
		sum += samples[i];
	return sum / n;
}

/* Population standard deviation of the first @n samples; sqrt is one Wasm op. */
EXPORT(stddev)
double stddev(int n)
{
	double m = mean(n), acc = 0;
	int i;

	n = clamp(n, NSAMPLES);
	if (!n)
		return 0;
	for (i = 0; i < n; i++)
		acc += (samples[i] - m) * (samples[i] - m);
	return __builtin_sqrt(acc / n);
}

EXPORT(hypot)
double hypot(double x, double y)
{
	return __builtin_sqrt(x * x + y * y);
}
