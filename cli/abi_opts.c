// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The options of `kwasm run` that feed the guest ABI: packets, map
 * contents, packet metadata, a fake clock, and the map dump at the end.
 */
#include <stdlib.h>
#include <string.h>

#include "abi_user.h"
#include "cli.h"
#include "hex.h"
#include "kproto.h"
#include "mapval.h"
#include "values.h"

const char abi_user_usage[] =
	"Guest ABI (import module \"kwasm\"), for filters of type (i32) -> i32:\n"
	"  --packet HEX | --packet-file FILE   one call per packet, in order, with\n"
	"                                      the packet's length as the argument\n"
	"  --map N:KEY=VALUE    preload map N; KEY, VALUE: ip:A.B.C.D, port:N, u8: u16:\n"
	"                       u32: u64: (little endian), i64:, str:TEXT, hex:0a0b\n"
	"  --map-entries N      entries per map (default 512)\n"
	"  --hook NAME          pkt_meta HOOK (ipv4-in ipv4-out ipv6-in ipv6-out forward):\n"
	"                       read-only input cut to 2048 bytes, as on netfilter\n"
	"  --meta proto=N|ifindex=N|mark=N   other pkt_meta fields\n"
	"  --clock START[:STEP]  time_ns() is START + STEP * packet index\n"
	"  --dump-maps          print 'map N KEY VALUE' lines after the last call\n";

static int opt_error(const char *opt, const char *arg, const char *why)
{
	fprintf(stderr, "kwasm: run: %s '%s': %s\n", opt, arg, why);
	return -1;
}

/* A plain unsigned number: decimal or 0x hex, at most @max. */
static int parse_num(const char *s, u64 max, u64 *out)
{
	if (*s == '-' || *s == '+' || val_parse_int(s, 64, out))
		return -1;
	return *out > max ? -1 : 0;
}

static int add_packet(struct abi_user *ab, u8 *data, u32 len)
{
	struct abi_packet *p = realloc(ab->pkts, (ab->npkts + 1) * sizeof(*p));

	if (!p) {
		free(data);
		fprintf(stderr, "kwasm: out of memory\n");
		return -1;
	}
	ab->pkts = p;
	ab->pkts[ab->npkts].data = data;
	ab->pkts[ab->npkts++].len = len;
	return 0;
}

static int opt_packet(struct abi_user *ab, const char *opt, const char *arg)
{
	size_t len;
	u8 *data;
	int rc;

	if (!strcmp(opt, "--packet")) {
		data = malloc(strlen(arg) / 2 + 1);
		if (!data || hex_parse(arg, data, strlen(arg) / 2, &len) || !len) {
			free(data);
			return opt_error(opt, arg, "needs pairs of hex digits");
		}
	} else {
		rc = cli_read_file(arg, &data, &len);
		if (rc)
			return opt_error(opt, arg, strerror(-rc));
		if (!len) {
			free(data);
			return opt_error(opt, arg, "empty file");
		}
	}
	if (len > ABI_WIRE_MAX) {
		free(data);
		return opt_error(opt, arg, "longer than 65535 bytes");
	}
	return add_packet(ab, data, len);
}

static int opt_meta(struct abi_user *ab, const char *arg)
{
	const char *eq = strchr(arg, '=');
	u64 v;

	if (!eq || parse_num(eq + 1, ~0ull, &v))
		return opt_error("--meta", arg, "expected FIELD=NUMBER");
	if (eq - arg == 5 && !strncmp(arg, "proto", 5)) {
		ab->proto = v;
		ab->proto_set = true;
	} else if (eq - arg == 7 && !strncmp(arg, "ifindex", 7)) {
		ab->ifindex = v;
	} else if (eq - arg == 4 && !strncmp(arg, "mark", 4)) {
		ab->mark = v;
	} else {
		return opt_error("--meta", arg, "fields are proto, ifindex and mark");
	}
	return 0;
}

/* The names `kwasm attach` takes, plus "none" for no pkt_meta hook. */
static int opt_hook(struct abi_user *ab, const char *arg)
{
	int hook = strcmp(arg, "none") ? kp_hook_parse(arg) : KWASM_HOOK_NONE;

	if (hook < 0)
		return opt_error("--hook", arg, "not a hook name");
	ab->hook = hook;
	return 0;
}

static int opt_clock(struct abi_user *ab, const char *arg)
{
	char start[24];
	const char *colon = strchr(arg, ':');
	size_t n = colon ? (size_t)(colon - arg) : strlen(arg);

	if (n >= sizeof(start))
		return opt_error("--clock", arg, "expected START[:STEP] in ns");
	memcpy(start, arg, n);
	start[n] = 0;
	if (parse_num(start, ~0ull, &ab->clock_start) ||
	    (colon && parse_num(colon + 1, ~0ull, &ab->clock_step)))
		return opt_error("--clock", arg, "expected START[:STEP] in ns");
	ab->fake_clock = true;
	return 0;
}

static int opt_map(struct abi_user *ab, const char *arg)
{
	const char **m = realloc(ab->map_opts, (ab->nmap_opts + 1) * sizeof(*m));

	if (!m) {
		fprintf(stderr, "kwasm: out of memory\n");
		return -1;
	}
	ab->map_opts = m;
	ab->map_opts[ab->nmap_opts++] = arg;
	return 0;
}

/**
 * abi_user_option() - take one guest-ABI option of `kwasm run`
 * @ab: the host module
 * @argc: argument count
 * @argv: arguments
 * @i: index of the option in @argv
 *
 * Return: the number of arguments used (1 or 2), 0 if @argv[@i] is not a
 * guest-ABI option, -1 after printing an error.
 */
int abi_user_option(struct abi_user *ab, int argc, char **argv, int i)
{
	const char *opt = argv[i], *arg = i + 1 < argc ? argv[i + 1] : NULL;
	int rc = 0;
	u64 v;

	if (!strcmp(opt, "--dump-maps")) {
		ab->dump_maps = true;
		return 1;
	}
	if (strcmp(opt, "--packet") && strcmp(opt, "--packet-file") && strcmp(opt, "--map") &&
	    strcmp(opt, "--map-entries") && strcmp(opt, "--hook") && strcmp(opt, "--meta") &&
	    strcmp(opt, "--clock") && strcmp(opt, "--conn"))
		return 0;
	if (!arg) {
		fprintf(stderr, "kwasm: run: %s needs a value\n", opt);
		return -1;
	}
	if (!strcmp(opt, "--packet") || !strcmp(opt, "--packet-file"))
		rc = opt_packet(ab, opt, arg);
	else if (!strcmp(opt, "--map"))
		rc = opt_map(ab, arg);
	else if (!strcmp(opt, "--hook"))
		rc = opt_hook(ab, arg);
	else if (!strcmp(opt, "--meta"))
		rc = opt_meta(ab, arg);
	else if (!strcmp(opt, "--clock"))
		rc = opt_clock(ab, arg);
	else if (!strcmp(opt, "--conn"))
		rc = abi_conn_option(ab, arg);
	else if (parse_num(arg, 1 << 20, &v) || !v)
		rc = opt_error(opt, arg, "needs a number from 1 to 1048576");
	else
		ab->map_entries = v;
	return rc ? -1 : 2;
}

/**
 * abi_user_prepare() - check the options together and fill the maps
 * @ab: the host module, all options taken
 * @file: the module's file, whose basename (without .wasm) names log lines
 *
 * Return: 0, or -1 after printing an error.
 */
int abi_user_prepare(struct abi_user *ab, const char *file)
{
	u8 key[MAPVAL_MAX], val[MAPVAL_MAX];
	const char *base = strrchr(file, '/'), *why;
	size_t klen, vlen, n;
	u32 i, map;

	base = base ? base + 1 : file;
	n = strlen(base);
	if (n > 5 && !strcmp(base + n - 5, ".wasm"))
		n -= 5;
	snprintf(ab->name, sizeof(ab->name), "%.*s", (int)n, base);
	ab->now = ab->clock_start;	/* for a start function */
	for (i = 0; ab->hook == KWASM_HOOK_NONE && i < ab->npkts; i++) {
		if (ab->pkts[i].len > KWASM_BUF_MAX) {
			fprintf(stderr,
				"kwasm: run: packet %u: over %d bytes (a kfunc refuses it; a --hook cuts it)\n",
				i + 1, KWASM_BUF_MAX);
			return -1;
		}
	}
	if (abi_maps_init(&ab->maps, ab->map_entries)) {
		fprintf(stderr, "kwasm: out of memory\n");
		return -1;
	}
	for (i = 0; i < ab->nmap_opts; i++) {
		if (mapval_parse_entry(ab->map_opts[i], KWASM_MAPS, &map, key, &klen, val, &vlen,
				       &why))
			return opt_error("--map", ab->map_opts[i], why);
		if (abi_map_set(&ab->maps, map, key, klen, val, vlen))
			return opt_error("--map", ab->map_opts[i], "map full");
	}
	return 0;
}

/**
 * abi_user_finish() - after the last call: print the maps if asked to
 * @ab: the host module
 * @f: the stream
 */
void abi_user_finish(struct abi_user *ab, FILE *f)
{
	if (ab->dump_maps)
		abi_maps_dump(&ab->maps, f);
}
