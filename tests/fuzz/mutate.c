// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Deterministic mutation fuzzer: no coverage feedback, same inputs on every
 * run, so it can gate `make` and a failure reproduces by rerunning.
 *
 *   mutate [-a] [-k K] [-n N] [-s SEED] [-o CRASHDIR] DIR|FILE...
 *
 * runs every DIR/ *.wasm (up to 64 KiB) and every FILE (any size), plus K
 * mutants of each that loads and K/8 of each other one.  -n N fails the Nth
 * engine allocation of each unmutated run (to reproduce an "oom-" crash).
 *
 * -a adds an allocation-failure sweep over the inputs that load: the 1st,
 * 2nd, ... engine allocation fails until a run completes without failing.
 *
 * A crash, sanitizer report or leak kills the process; the input being run
 * is written to CRASHDIR first.
 */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "target.h"

#define MAX_FILE	(64 * 1024)

/* Room for a mutant: twice the largest input. */
static size_t max_mutant;

struct file {
	char *name;
	u8 *data;
	size_t len;
	bool loads;
};

static struct file *files;
static size_t nfiles;

/* The input being run, for the crash dump. */
static const u8 *cur_data;
static size_t cur_len;
static char cur_path[512];

static u64 rng_state;
static unsigned long passed;

static u64 rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ull;
}

/* splitmix64 finaliser: seeds that differ in one bit give unrelated streams. */
static u64 mix(u64 z)
{
	z += 0x9e3779b97f4a7c15ull;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static size_t below(size_t n)
{
	return n ? (size_t)(rnd() % n) : 0;
}

/* Async-signal-safe: the process is dying, write what it was running. */
static void dump_input(void)
{
	static int done;
	char num[24];
	int fd, i = sizeof(num);
	unsigned long n = passed;

	if (done || !cur_data || !cur_path[0])
		return;
	done = 1;
	fd = open(cur_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		if (write(fd, cur_data, cur_len) < 0)
			cur_len = 0;
		close(fd);
	}
	write(2, "fuzz-smoke: crashing input saved as ", 36);
	write(2, cur_path, strlen(cur_path));
	write(2, "\n", 1);
	/* The runner's summary line, which main() will not get to print. */
	do {
		num[--i] = '0' + n % 10;
		n /= 10;
	} while (n);
	write(1, "fuzz-smoke: ", 12);
	write(1, num + i, sizeof(num) - i);
	write(1, " passed, 1 failed\n", 18);
}

static void on_signal(int sig)
{
	dump_input();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Sanitizers call this before they exit. */
void __sanitizer_set_death_callback(void (*cb)(void));

static int cmp_files(const void *a, const void *b)
{
	return strcmp(((const struct file *)a)->name, ((const struct file *)b)->name);
}

static bool read_file(const char *path, struct file *f, off_t max)
{
	struct stat st;
	FILE *fp;

	memset(f, 0, sizeof(*f));
	if (stat(path, &st) || !S_ISREG(st.st_mode) || st.st_size > max)
		return false;
	fp = fopen(path, "rb");
	if (!fp)
		return false;
	f->len = st.st_size;
	f->data = malloc(f->len + 1);
	if (!f->data || fread(f->data, 1, f->len, fp) != f->len) {
		fclose(fp);
		free(f->data);
		return false;
	}
	fclose(fp);
	f->name = strdup(path);
	return f->name;
}

static void add_file(const char *path, off_t max)
{
	struct file f;

	if (!read_file(path, &f, max)) {
		if (max > MAX_FILE)
			perror(path);
		return;
	}
	files = realloc(files, (nfiles + 1) * sizeof(*files));
	if (!files)
		abort();
	files[nfiles++] = f;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

static void load_dir(const char *dir)
{
	struct dirent *de;
	char path[4096];
	DIR *d = opendir(dir);

	if (!d) {
		perror(dir);
		exit(2);
	}
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);

		if (n < 5 || strcmp(de->d_name + n - 5, ".wasm"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		add_file(path, MAX_FILE);
	}
	closedir(d);
}

/*
 * Where the code section body lies, so that length-preserving edits can
 * reach the validator and interpreter instead of the section framing.
 */
static bool code_section(const u8 *p, size_t n, size_t *start, size_t *end)
{
	size_t i = 8;

	while (i + 1 < n) {
		u8 id = p[i++];
		u64 size = 0;
		int shift;

		for (shift = 0; shift < 35 && i < n; shift += 7) {
			size |= (u64)(p[i] & 0x7f) << shift;
			if (!(p[i++] & 0x80))
				break;
		}
		if (size > n - i)
			return false;
		if (id == 10) {
			*start = i;
			*end = i + size;
			return size > 0;
		}
		i += size;
	}
	return false;
}

/* One random edit of buf[0..*len), which has room for max_mutant bytes. */
static void mutate_once(u8 *buf, size_t *len, const struct file *self)
{
	static const u8 interesting[] = { 0x00, 0x01, 0x7f, 0x80, 0xff, 0x40, 0x41, 0x0b, 0x7e };
	size_t n = *len, pos = below(n + 1), k, i, cs, ce;
	const struct file *o;

	switch (below(14)) {
	case 0:		/* truncate */
		*len = pos;
		break;
	case 1:		/* flip a few bits */
		for (k = 1 + below(4); n && k; k--)
			buf[below(n)] ^= 1 << below(8);
		break;
	case 2:		/* random bytes */
		for (k = 1 + below(4); n && k; k--)
			buf[below(n)] = rnd();
		break;
	case 3:		/* insert random bytes */
		k = 1 + below(8);
		if (n + k > max_mutant)
			break;
		memmove(buf + pos + k, buf + pos, n - pos);
		for (i = 0; i < k; i++)
			buf[pos + i] = rnd();
		*len = n + k;
		break;
	case 4:		/* delete a range */
		k = 1 + below(16);
		if (pos + k > n)
			k = n - pos;
		memmove(buf + pos, buf + pos + k, n - pos - k);
		*len = n - k;
		break;
	case 5:		/* duplicate a chunk of the input at another place */
		i = below(n + 1);
		k = below(n - i + 1);
		if (k > 256)
			k = 256;
		if (n + k > max_mutant)
			break;
		memmove(buf + pos + k, buf + pos, n - pos);
		memmove(buf + pos, buf + (i < pos ? i : i + k), k);
		*len = n + k;
		break;
	case 6:		/* splice: our head, another module's tail */
		o = &files[below(nfiles)];
		i = below(o->len + 1);
		k = o->len - i;
		if (pos + k > max_mutant || o == self)
			break;
		memcpy(buf + pos, o->data + i, k);
		*len = pos + k;
		break;
	case 7:		/* LEB tweaks: continuation bit, all ones, overlong */
		if (!n)
			break;
		buf[below(n)] = below(2) ? 0x80 : 0xff;
		break;
	case 8:		/* an interesting byte */
		if (n)
			buf[below(n)] = interesting[below(sizeof(interesting))];
		break;
	case 9:		/* a huge LEB count over 5 bytes */
		if (n < 5)
			break;
		pos = below(n - 4);
		memcpy(buf + pos, "\xff\xff\xff\xff\x0f", 5);
		break;
	default:	/* same-length edits inside function bodies */
		if (!code_section(buf, n, &cs, &ce))
			break;
		for (k = 1 + below(3); k; k--) {
			pos = cs + below(ce - cs);
			if (below(2))
				buf[pos] = interesting[below(sizeof(interesting))];
			else if (below(2))
				buf[pos] = rnd();
			else
				buf[pos] ^= 1 << below(8);
		}
		break;
	}
}

/* @tag and @k name the crash file: mutant k of file fi, or the failed allocation. */
static void run(const u8 *data, size_t len, const char *crash_dir, const char *tag, size_t fi,
		long k)
{
	cur_data = data;
	cur_len = len;
	snprintf(cur_path, sizeof(cur_path), "%s/%s-%zu-%ld.wasm", crash_dir, tag, fi, k);
	kw_fuzz_one(data, len);
	cur_data = NULL;
	passed++;
}

/*
 * Fail the 1st, 2nd, ... allocation of every corpus module that loads, until
 * a run needs fewer: each failure must be clean and free everything.
 */
static void oom_sweep(const char *crash_dir)
{
	size_t fi;
	long n;

	kw_fuzz_allow_enomem = true;
	for (fi = 0; fi < nfiles; fi++) {
		if (!files[fi].loads)
			continue;
		for (n = 1; ; n++) {
			kw_port_fail_after = n;
			run(files[fi].data, files[fi].len, crash_dir, "oom", fi, n);
			if (kw_port_fail_after > 0)
				break;
		}
		kw_port_fail_after = 0;
	}
	kw_fuzz_allow_enomem = false;
}

static int print_usage(const char *prog)
{
	fprintf(stderr, "usage: %s [-a] [-k K] [-n N] [-s SEED] [-o CRASHDIR] DIR | FILE...\n",
		prog);
	return 2;
}

int main(int argc, char **argv)
{
	const char *crash_dir = "build/fuzz/crashes";
	unsigned long seed = 1;
	long k = 0, j, fail_nth = 0;
	bool oom = false;
	size_t fi;
	u8 *buf;
	int opt;

	while ((opt = getopt(argc, argv, "ak:n:s:o:")) != -1) {
		switch (opt) {
		case 'a':
			oom = true;
			break;
		case 'k':
			k = atol(optarg);
			break;
		case 'n':
			fail_nth = atol(optarg);
			kw_fuzz_allow_enomem = true;
			break;
		case 's':
			seed = strtoul(optarg, NULL, 0);
			break;
		case 'o':
			crash_dir = optarg;
			break;
		default:
			return print_usage(argv[0]);
		}
	}
	if (optind >= argc)
		return print_usage(argv[0]);
	mkdir(crash_dir, 0755);
	__sanitizer_set_death_callback(dump_input);
	/* Our own checks abort(); faults are left to ASan, which reports them. */
	signal(SIGABRT, on_signal);

	for (; optind < argc; optind++) {
		if (is_dir(argv[optind]))
			load_dir(argv[optind]);
		else
			add_file(argv[optind], 1 << 30);
	}
	/* readdir order is not stable across file systems; the run must be. */
	qsort(files, nfiles, sizeof(*files), cmp_files);
	if (!nfiles) {
		fprintf(stderr, "fuzz-smoke: no input files\n");
		printf("fuzz-smoke: 0 passed, 1 failed\n");
		return 1;
	}
	for (fi = 0; fi < nfiles; fi++)
		if (2 * files[fi].len + 64 > max_mutant)
			max_mutant = 2 * files[fi].len + 64;
	buf = malloc(max_mutant);
	if (!buf)
		return 1;
	for (fi = 0; fi < nfiles; fi++) {
		const struct file *f = &files[fi];

		unsigned long loaded = kw_fuzz_stats.loaded;
		long kf;

		kw_port_fail_after = fail_nth;
		run(f->data, f->len, crash_dir, "orig", fi, 0);
		kw_port_fail_after = 0;
		/* Mutants of a module that does not load mostly stay that way. */
		files[fi].loads = kw_fuzz_stats.loaded > loaded;
		kf = files[fi].loads ? k : k / 8;
		for (j = 0; j < kf; j++) {
			size_t len = f->len;
			int edits;

			/* Each mutant depends only on (seed, file, j): reproducible alone. */
			rng_state = mix(mix(mix(seed) ^ fi) ^ (u64)j) | 1;
			memcpy(buf, f->data, len);
			for (edits = 1 + below(3); edits; edits--)
				mutate_once(buf, &len, f);
			run(buf, len, crash_dir, "mutant", fi, j);
			}
	}
	if (oom)
		oom_sweep(crash_dir);
	fprintf(stderr, "fuzz-smoke: %zu files; %lu malformed, %lu invalid, %lu unsupported, ",
		nfiles, kw_fuzz_stats.malformed, kw_fuzz_stats.invalid,
		kw_fuzz_stats.unsupported);
	fprintf(stderr, "%lu over limits, %lu loaded, %lu instantiated, %lu skipped, ",
		kw_fuzz_stats.limited, kw_fuzz_stats.loaded, kw_fuzz_stats.instantiated,
		kw_fuzz_stats.skipped);
	fprintf(stderr, "%lu calls, %lu traps, %lu deadlines\n", kw_fuzz_stats.calls,
		kw_fuzz_stats.traps, kw_fuzz_stats.deadlines);
	for (fi = 0; fi < nfiles; fi++) {
		free(files[fi].name);
		free(files[fi].data);
	}
	free(files);
	free(buf);
	printf("fuzz-smoke: %lu passed, 0 failed\n", passed);
	return 0;
}
