// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm spec: run the official test suite from wast2json output.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "spec.h"
#include "values.h"

#define DEFAULT_TIMEOUT_S	60	/* per call; only a broken engine gets near it */

const char spec_more[] =
	"  PATH                 a wast2json .json file or a directory of them\n"
	"  --kernel             run the modules in kwasm.ko (needs CAP_SYS_ADMIN)\n"
	"  --spectest FILE      with --kernel: load FILE (spectest.wasm) first, for\n"
	"                       imports from \"spectest\"\n"
	"  --quiet, -q          no line per failed command: one per file, and the total\n"
	"  --verbose, -v        also skipped commands, notes and spectest.print calls\n"
	"  --timeout SECONDS    per call (default 60)\n";

static int spec_usage(const char *why)
{
	if (why)
		fprintf(stderr, "kwasm: spec: %s\n", why);
	fprintf(stderr, "Usage: kwasm spec " SPEC_ARGS "\n%s", spec_more);
	return EXIT_ERROR;
}

static int json_only(const struct dirent *d)
{
	size_t l = strlen(d->d_name);

	return l > 5 && !strcmp(d->d_name + l - 5, ".json");
}

static void run_dir(const char *dir, unsigned int *index, const struct spec_opts *o,
		    struct spec_counts *c)
{
	struct dirent **list;
	char *path;
	int n, i;

	n = scandir(dir, &list, json_only, alphasort);
	if (n < 0) {
		printf("FAIL %s: cannot read directory\n", dir);
		c->failed++;
		return;
	}
	if (n == 0) {
		printf("FAIL %s: no .json files\n", dir);
		c->failed++;
	}
	for (i = 0; i < n; i++) {
		path = malloc(strlen(dir) + strlen(list[i]->d_name) + 2);
		if (path) {
			sprintf(path, "%s/%s", dir, list[i]->d_name);
			spec_run_file(path, (*index)++, o, c);
		} else {
			c->failed++;
		}
		free(path);
		free(list[i]);
	}
	free(list);
}

/**
 * cmd_spec() - the `kwasm spec` subcommand
 * @argc: argument count, argv[0] being "spec"
 * @argv: arguments
 *
 * Ends with the line "N passed, N failed, N skipped" counting commands.
 *
 * Return: EXIT_OK if nothing failed, else EXIT_ERROR.
 */
int cmd_spec(int argc, char **argv)
{
	struct spec_opts o = {
		.timeout_ns = DEFAULT_TIMEOUT_S * 1000000000ull,
		.backend = &spec_user,
	};
	struct spec_counts c = { 0 };
	unsigned int index = 0;
	struct stat stbuf;
	int i, npaths = 0;
	u64 v;

	/* Line-buffered, so a crash in the engine still shows every line before it. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quiet") || !strcmp(argv[i], "-q")) {
			o.quiet = true;
		} else if (!strcmp(argv[i], "--kernel")) {
			o.backend = &spec_kernel;
		} else if (!strcmp(argv[i], "--spectest")) {
			if (i + 1 >= argc)
				return spec_usage("--spectest needs a file");
			o.spectest = argv[++i];
		} else if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v")) {
			o.verbose = true;
		} else if (!strcmp(argv[i], "--timeout")) {
			if (i + 1 >= argc || val_parse_u64(argv[++i], &v) || v > 1000000)
				return spec_usage("--timeout needs a number of seconds");
			o.timeout_ns = v * 1000000000ull;
		} else if (argv[i][0] != '-') {
			npaths++;
		} else {
			fprintf(stderr, "kwasm: spec: unknown option '%s'\n", argv[i]);
			return spec_usage(NULL);
		}
	}
	if (!npaths)
		return spec_usage("no path given");
	if (o.spectest && o.backend != &spec_kernel)
		return spec_usage("--spectest goes with --kernel");
	for (i = 1; i < argc; i++) {
		if (argv[i][0] == '-') {
			i += !strcmp(argv[i], "--timeout") || !strcmp(argv[i], "--spectest");
			continue;
		}
		if (stat(argv[i], &stbuf)) {
			printf("FAIL %s: no such file or directory\n", argv[i]);
			c.failed++;
		} else if (S_ISDIR(stbuf.st_mode)) {
			run_dir(argv[i], &index, &o, &c);
		} else {
			spec_run_file(argv[i], index++, &o, &c);
		}
		fflush(stdout);
	}
	printf("%lu passed, %lu failed, %lu skipped\n", c.passed, c.failed, c.skipped);
	return c.failed ? EXIT_ERROR : EXIT_OK;
}
