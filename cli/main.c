// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm: one command, several subcommands (like ip, bpftool, wg).
 *
 * Each subcommand is a row in the table below: run and spec use the engine
 * in userspace, the others talk to the kwasm kernel module (kernel.c).
 * The table is also the source of the kwasm(8) man page and of the bash
 * completion (docs/man/, cli/completion/), which read `kwasm help`.
 */
#include <stdio.h>
#include <string.h>

#include "abi_user.h"
#include "cli.h"
#include "version.h"

/**
 * struct subcommand - one row of `kwasm help`
 * @name: what the user types
 * @fn: runs it, with argv[0] the name
 * @args: the argument synopsis
 * @help: what it does
 * @more: option lists that only `kwasm help NAME` prints, NULL-terminated; or NULL
 */
struct subcommand {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *args;
	const char *help;
	const char *const *more;
};

static const char *const run_more[] = { abi_user_usage, abi_conn_usage, NULL };
static const char *const spec_more_list[] = { spec_more, NULL };

static int cmd_help(int argc, char **argv);

static const struct subcommand subcommands[] = {
	{ "run", cmd_run, RUN_ARGS,
	  "run a module in userspace and print the results; with --packet, call a filter\n"
	  "         once per packet through the guest ABI (kwasm help run lists its options)",
	  run_more },
	{ "spec", cmd_spec, SPEC_ARGS,
	  "run wast2json spec tests (.json files or directories of them)", spec_more_list },
	{ "load", cmd_load,
	  "FILE.wasm [--name NAME] [--datapath] [--fuel N] [--max-pages N] [--import MOD=NAME]...",
	  "load a module into the kernel (name: the file's, without .wasm); imports from MOD\n"
	  "         bind to the exports of the loaded module NAME; --datapath: one instance per\n"
	  "         CPU, for eBPF programs and netfilter hooks", NULL },
	{ "unload", cmd_unload, "NAME", "unload a module from the kernel", NULL },
	{ "list", cmd_list, "[-j] [NAME]",
	  "show the kernel's modules: limits, counters, exports, data-path handles and\n"
	  "         netfilter attachments (-j: JSON)", NULL },
	{ "call", cmd_call, "NAME EXPORT [ARG...] [--fuel N] [--stats]",
	  "call a function of a kernel module and print the results", NULL },
	{ "attach", cmd_attach,
	  "NAME EXPORT --hook ipv4-in|ipv4-out|ipv6-in|ipv6-out|forward [--netns PATH]\n"
	  "         [--fail-closed] [--priority N]",
	  "run an (i32)->i32 export of a data-path module on every packet at a netfilter\n"
	  "         hook (PATH: e.g. /proc/PID/ns/net; default: this network namespace); it\n"
	  "         returns 0 to accept, 1 to drop; if it fails the packet is accepted, or\n"
	  "         dropped with --fail-closed", NULL },
	{ "detach", cmd_detach,
	  "NAME EXPORT --hook ipv4-in|ipv4-out|ipv6-in|ipv6-out|forward [--netns PATH]",
	  "remove a netfilter attachment", NULL },
	{ "map", cmd_map,
	  "get NAME MAP KEY | set NAME MAP KEY VALUE | del NAME MAP KEY | dump [-j] NAME [MAP]",
	  "read and write a kernel module's maps (MAP: 0-3); KEY and VALUE are typed:\n"
	  "         ip:10.0.0.2 port:53 u8:N u16:N u32:N u64:N i64:N str:TEXT hex:0a0b;\n"
	  "         dump prints MAP:KEY=VALUE lines, as kwasm run --map takes them", NULL },
	{ "stats", cmd_stats, "[-j]",
	  "show module count, engine allocations, module parameters and whether the eBPF\n"
	  "         bridge (kfuncs) is registered", NULL },
	{ "tls", cmd_tls,
	  "add --server|--client --port N [--addr A/P] [--uid N] [--cgroup PATH]\n"
	  "         [--action tls|tls-server-only|passthrough|deny] [--cert F --key F] [--ca F]\n"
	  "         [--peer dns:NAME|uri:URI]... [--sni NAME] [--policy MODULE:EXPORT]\n"
	  "         [--timeout-ms N] [--fail-open] | del ID | list [-j] [ID] | status [-j]",
	  "transparent mutual TLS: rules that make kwasm.ko wrap matching TCP connections in\n"
	  "         TLS 1.3 (kTLS; the handshake is kwasm-tlsd's): --server for accepted\n"
	  "         connections to a local port, --client for connections to a remote port;\n"
	  "         first match wins; relative paths are made absolute; --cgroup: a cgroup v2\n"
	  "         directory, absolute or under /sys/fs/cgroup; list shows each rule's counters",
	  NULL },
	{ "help", cmd_help, "[COMMAND]", "show this help", NULL },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: kwasm COMMAND [ARGS...]\n       kwasm --version\n\nCommands:\n");
	for (i = 0; i < ARRAY_SIZE(subcommands); i++)
		fprintf(f, "  %-6s %s\n         %s\n", subcommands[i].name, subcommands[i].args,
			subcommands[i].help);
	fprintf(f, "\nExit status: 0 success, 1 error or failed tests, 2 the guest trapped.\n");
}

static const struct subcommand *find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(subcommands); i++)
		if (!strcmp(subcommands[i].name, name))
			return &subcommands[i];
	return NULL;
}

/* Edit distance of @a and @b (at most 31 bytes each count), for typos. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strnlen(a, 31), lb = strnlen(b, 31), i, j;
	size_t row[32], diag, up;

	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			up = row[j];
			row[j] = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[lb];
}

/* The command @name was probably meant to be: a unique prefix, or a near miss. */
static const struct subcommand *guess(const char *name)
{
	const struct subcommand *best = NULL;
	size_t i, n = 0, d, best_d = 3;

	for (i = 0; i < ARRAY_SIZE(subcommands); i++)
		if (name[0] && !strncmp(subcommands[i].name, name, strlen(name))) {
			best = &subcommands[i];
			n++;
		}
	if (n == 1)
		return best;
	best = NULL;
	for (i = 0; i < ARRAY_SIZE(subcommands); i++) {
		d = distance(name, subcommands[i].name);
		if (d < best_d) {
			best_d = d;
			best = &subcommands[i];
		}
	}
	return best;
}

static int no_such_command(const char *name)
{
	const struct subcommand *sc = guess(name);

	if (sc)
		fprintf(stderr, "kwasm: unknown command '%s'; did you mean '%s'?\n", name,
			sc->name);
	else
		fprintf(stderr, "kwasm: unknown command '%s'\n", name);
	fprintf(stderr, "Run 'kwasm help' for the list of commands.\n");
	return EXIT_ERROR;
}

static int cmd_help(int argc, char **argv)
{
	const struct subcommand *sc;
	const char *const *m;

	if (argc < 2) {
		usage(stdout);
		return EXIT_OK;
	}
	sc = find(argv[1]);
	if (!sc)
		return no_such_command(argv[1]);
	printf("Usage: kwasm %s %s\n  %s\n", sc->name, sc->args, sc->help);
	if (sc->more) {
		putchar('\n');
		for (m = sc->more; *m; m++)
			fputs(*m, stdout);
	}
	return EXIT_OK;
}

static bool is_opt(const char *arg, const char *lng, const char *shrt)
{
	return !strcmp(arg, lng) || !strcmp(arg, shrt);
}

int main(int argc, char **argv)
{
	const struct subcommand *sc;

	if (argc < 2) {
		usage(stderr);
		return EXIT_ERROR;
	}
	if (is_opt(argv[1], "--help", "-h")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (is_opt(argv[1], "--version", "-V")) {
		printf("kwasm %s\n", KWASM_VERSION);
		return EXIT_OK;
	}
	sc = find(argv[1]);
	if (!sc)
		return no_such_command(argv[1]);
	/* `kwasm COMMAND --help` is `kwasm help COMMAND`: cmd_help only reads argv[1]. */
	if (argc > 2 && is_opt(argv[2], "--help", "-h"))
		return cmd_help(2, argv);
	return sc->fn(argc - 1, argv + 1);
}
