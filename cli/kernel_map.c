// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm map get|set|del|dump: read and write a kernel module's key-value
 * maps.  Keys and values are typed text (mapval.h), as for kwasm run --map.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kernel.h"
#include "mapval.h"

/**
 * struct map_op - one map subcommand
 * @name: "get", "set", "del" or "dump"
 * @cmd: enum kwasm_cmd
 * @npos: positional arguments after @name: NAME MAP KEY VALUE, in that
 *	order, as many as the command takes (dump: NAME, MAP optional)
 * @args: its synopsis
 */
struct map_op {
	const char *name;
	u8 cmd;
	int npos;
	const char *args;
};

static const struct map_op ops[] = {
	{ "get", KWASM_CMD_MAP_GET, 3, "get NAME MAP KEY" },
	{ "set", KWASM_CMD_MAP_SET, 4, "set NAME MAP KEY VALUE" },
	{ "del", KWASM_CMD_MAP_DEL, 3, "del NAME MAP KEY" },
	{ "dump", KWASM_CMD_MAP_DUMP, 2, "dump [-j] NAME [MAP]" },
};

#define MAP_ARGS "get|set|del|dump NAME [MAP [KEY [VALUE]]]"

/**
 * struct map_args - a parsed map command line
 * @op: the subcommand
 * @cmd: "map get" and so on, for messages
 * @json: dump -j
 * @req: the request
 * @key: room for the key
 * @value: room for the value
 */
struct map_args {
	const struct map_op *op;
	char cmd[16];
	bool json;
	struct kp_map_req req;
	u8 key[KWASM_MAP_KEY_MAX];
	u8 value[KWASM_MAP_VALUE_MAX];
};

/* A typed key or value into @buf; "key 'x': why" when it is not one. */
static int typed(const struct map_args *a, const char *what, const char *text, u8 *buf,
		 size_t cap, u32 *len)
{
	const char *why = NULL;
	size_t n;

	if (mapval_parse(text, buf, cap, &n, &why)) {
		fprintf(stderr, "kwasm: %s: %s '%s': %s\n", a->cmd, what, text, why);
		return EXIT_ERROR;
	}
	if (!n && buf != a->value) {
		fprintf(stderr, "kwasm: %s: %s '%s': a key needs at least one byte\n", a->cmd,
			what, text);
		return EXIT_ERROR;
	}
	*len = n;
	return EXIT_OK;
}

static int parse_pos(struct map_args *a, char **pos, int npos)
{
	u64 map;

	if (check_name(a->cmd, pos[0]))
		return EXIT_ERROR;
	a->req.name = pos[0];
	a->req.map = -1;
	if (npos > 1) {
		if (opt_u64(a->cmd, "MAP", pos[1], KWASM_MAPS - 1, &map))
			return EXIT_ERROR;
		a->req.map = map;
	}
	if (npos > 2) {
		if (typed(a, "key", pos[2], a->key, sizeof(a->key), &a->req.klen))
			return EXIT_ERROR;
		a->req.key = a->key;
	}
	if (npos > 3) {
		if (typed(a, "value", pos[3], a->value, sizeof(a->value), &a->req.vlen))
			return EXIT_ERROR;
		a->req.value = a->value;
	}
	return EXIT_OK;
}

static int parse(int argc, char **argv, struct map_args *a)
{
	char *pos[4];
	int i, npos = 0;
	size_t j;

	if (argc < 2)
		return kusage("map", MAP_ARGS, "no map command given");
	for (j = 0; j < ARRAY_SIZE(ops); j++)
		if (!strcmp(argv[1], ops[j].name))
			a->op = &ops[j];
	if (!a->op) {
		fprintf(stderr, "kwasm: map: unknown map command '%s'\n", argv[1]);
		return kusage("map", MAP_ARGS, NULL);
	}
	snprintf(a->cmd, sizeof(a->cmd), "map %s", a->op->name);
	for (i = 2; i < argc; i++) {
		if (a->op->cmd == KWASM_CMD_MAP_DUMP &&
		    (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json"))) {
			a->json = true;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "kwasm: %s: unknown option '%s'\n", a->cmd, argv[i]);
			return kusage("map", a->op->args, NULL);
		} else if (npos < a->op->npos) {
			pos[npos++] = argv[i];
		} else {
			return kusage("map", a->op->args, "too many arguments");
		}
	}
	/* Only dump's MAP is optional. */
	if (npos < (a->op->cmd == KWASM_CMD_MAP_DUMP ? 1 : a->op->npos))
		return kusage("map", a->op->args, "missing arguments");
	return parse_pos(a, pos, npos);
}

static void print_entries(const struct map_args *a, const struct kp_map_entries *l)
{
	char key[MAPVAL_TEXT_MAX], value[MAPVAL_TEXT_MAX];
	u32 i;

	if (a->op->cmd == KWASM_CMD_MAP_GET) {
		mapval_format(l->v[0].value, l->v[0].vlen, value, sizeof(value));
		printf("%s\n", value);
		return;
	}
	if (a->json)
		printf("[");
	for (i = 0; i < l->n; i++) {
		mapval_format(l->v[i].key, l->v[i].klen, key, sizeof(key));
		mapval_format(l->v[i].value, l->v[i].vlen, value, sizeof(value));
		/* MAP:KEY=VALUE, what `kwasm run --map` takes back. */
		if (!a->json) {
			printf("%u:%s=%s\n", l->v[i].map, key, value);
			continue;
		}
		printf("%s{\"map\":%u,\"key\":", i ? ",\n " : "", l->v[i].map);
		kjson_str(key);
		printf(",\"value\":");
		kjson_str(value);
		putchar('}');
	}
	if (a->json)
		printf("]\n");
}

static int map_request(struct kconn *k, const struct map_args *a)
{
	struct kp_map_entries l = { 0 };
	bool dump = a->op->cmd == KWASM_CMD_MAP_DUMP;
	struct nl_ext_err ext;
	struct nl_msg m;
	int rc;

	if (kmsg(k, &m, a->op->cmd, dump ? NLM_F_DUMP : NLM_F_ACK))
		return EXIT_ERROR;
	kp_put_map(&m, &a->req);
	if (a->op->cmd == KWASM_CMD_MAP_SET || a->op->cmd == KWASM_CMD_MAP_DEL)
		rc = ksend_settle(k, &m, a->op->cmd == KWASM_CMD_MAP_DEL ? ENOENT : 0, &ext);
	else
		rc = ksend(k, &m, dump ? kp_map_entry_cb : a->op->cmd == KWASM_CMD_MAP_GET ?
			   kp_map_value_cb : NULL, &l, &ext);
	if (!rc && a->op->cmd == KWASM_CMD_MAP_GET && l.n != 1)
		rc = -EBADMSG;
	if (rc == -ENOENT && !ext.msg[0]) {
		/* Without the kernel's word, any of the three may be missing. */
		fprintf(stderr, "kwasm: %s: no such module, map or key\n", k->cmd);
		rc = EXIT_ERROR;
	} else if (rc) {
		rc = kfail(k, NULL, rc, &ext);
	} else {
		print_entries(a, &l);
	}
	kp_map_entries_free(&l);
	return rc;
}

/**
 * cmd_map() - the `kwasm map` subcommand
 * @argc: argument count, argv[0] being "map"
 * @argv: arguments: get, set, del or dump, then theirs
 *
 * Return: EXIT_OK or EXIT_ERROR.
 */
int cmd_map(int argc, char **argv)
{
	struct map_args a = { 0 };
	struct kconn k;
	int rc;

	if (parse(argc, argv, &a) || kconnect(&k, a.cmd))
		return EXIT_ERROR;
	rc = map_request(&k, &a);
	nl_close(&k.sock);
	return rc;
}
