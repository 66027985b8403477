// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm: one command, several subcommands (like ip, bpftool, wg).
 *
 * Each subcommand is a row in the table below: run and spec use the engine
 * in userspace, the others talk to the kwasm kernel module (kernel.c).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

struct subcommand {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *args;
	const char *help;
};

static int cmd_help(int argc, char **argv);

static const struct subcommand subcommands[] = {
	{ "run", cmd_run, "FILE.wasm [--invoke NAME] [ARG...] [--fuel N] [--max-pages N] [--stats]",
	  "run a module in userspace and print the results" },
	{ "spec", cmd_spec, "[--kernel [--spectest FILE]] [--quiet|-v] PATH...",
	  "run wast2json spec tests (.json files or directories of them)" },
	{ "load", cmd_load,
	  "FILE.wasm [--name NAME] [--datapath] [--fuel N] [--max-pages N] [--import MOD=NAME]...",
	  "load a module into the kernel (name: the file's, without .wasm); imports from MOD\n"
	  "         bind to the exports of the loaded module NAME; --datapath: one instance per\n"
	  "         CPU, for eBPF programs and netfilter hooks" },
	{ "unload", cmd_unload, "NAME", "unload a module from the kernel" },
	{ "list", cmd_list, "[-j] [NAME]",
	  "show the kernel's modules: limits, counters, exports, data-path handles and\n"
	  "         netfilter attachments (-j: JSON)" },
	{ "call", cmd_call, "NAME EXPORT [ARG...] [--fuel N] [--stats]",
	  "call a function of a kernel module and print the results" },
	{ "attach", cmd_attach,
	  "NAME EXPORT --hook ipv4-in|ipv4-out|ipv6-in|ipv6-out|forward [--netns PATH]\n"
	  "         [--fail-closed] [--priority N]",
	  "run an (i32)->i32 export of a data-path module on every packet at a netfilter\n"
	  "         hook (PATH: e.g. /proc/PID/ns/net; default: this network namespace); it\n"
	  "         returns 0 to accept, 1 to drop; if it fails the packet is accepted, or\n"
	  "         dropped with --fail-closed" },
	{ "detach", cmd_detach,
	  "NAME EXPORT --hook ipv4-in|ipv4-out|ipv6-in|ipv6-out|forward [--netns PATH]",
	  "remove a netfilter attachment" },
	{ "map", cmd_map,
	  "get NAME MAP KEY | set NAME MAP KEY VALUE | del NAME MAP KEY | dump [-j] NAME [MAP]",
	  "read and write a kernel module's maps (MAP: 0-3); KEY and VALUE are typed:\n"
	  "         ip:10.0.0.2 port:53 u8:N u16:N u32:N u64:N i64:N str:TEXT hex:0a0b;\n"
	  "         dump prints MAP:KEY=VALUE lines, as kwasm run --map takes them" },
	{ "stats", cmd_stats, "[-j]",
	  "show module count, engine allocations, module parameters and whether the eBPF\n"
	  "         bridge (kfuncs) is registered" },
	{ "tls", cmd_tls,
	  "add --server|--client --port N [--addr A/P] [--uid N] [--cgroup PATH]\n"
	  "         [--action tls|tls-server-only|passthrough|deny] [--cert F --key F] [--ca F]\n"
	  "         [--peer dns:NAME|uri:URI]... [--sni NAME] [--policy MODULE:EXPORT]\n"
	  "         [--timeout-ms N] [--fail-open] | del ID | list [-j] [ID] | status [-j]",
	  "transparent mutual TLS: rules that make kwasm.ko wrap matching TCP connections in\n"
	  "         TLS 1.3 (kTLS; the handshake is kwasm-tlsd's): --server for accepted\n"
	  "         connections to a local port, --client for connections to a remote port;\n"
	  "         first match wins; relative paths are made absolute; --cgroup: a cgroup v2\n"
	  "         directory, absolute or under /sys/fs/cgroup; list shows each rule's counters" },
	{ "help", cmd_help, "[COMMAND]", "show this help" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: kwasm COMMAND [ARGS...]\n\nCommands:\n");
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

static int cmd_help(int argc, char **argv)
{
	const struct subcommand *sc;

	if (argc < 2) {
		usage(stdout);
		return EXIT_OK;
	}
	sc = find(argv[1]);
	if (!sc) {
		fprintf(stderr, "kwasm: unknown command '%s'\n", argv[1]);
		return EXIT_ERROR;
	}
	printf("Usage: kwasm %s %s\n  %s\n", sc->name, sc->args, sc->help);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	const struct subcommand *sc;

	if (argc < 2) {
		usage(stderr);
		return EXIT_ERROR;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return EXIT_OK;
	}
	sc = find(argv[1]);
	if (!sc) {
		fprintf(stderr, "kwasm: unknown command '%s'\n", argv[1]);
		usage(stderr);
		return EXIT_ERROR;
	}
	/* `kwasm COMMAND --help` is `kwasm help COMMAND`: cmd_help only reads argv[1]. */
	if (argc > 2 && (!strcmp(argv[2], "--help") || !strcmp(argv[2], "-h")))
		return cmd_help(2, argv);
	return sc->fn(argc - 1, argv + 1);
}
