// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm load, unload, list, call, stats: the kernel module's control plane,
 * spoken over generic netlink (family "kwasm").
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "kproto.h"
#include "values.h"

/* JSON keys of the per-kind trap counters; stable, unlike the messages. */
static const char *const trap_keys[KP_TRAP_KINDS] = {
	[KW_TRAP_UNREACHABLE] = "unreachable",
	[KW_TRAP_MEM_OOB] = "memory_oob",
	[KW_TRAP_DIV_ZERO] = "div_by_zero",
	[KW_TRAP_INT_OVERFLOW] = "int_overflow",
	[KW_TRAP_INVALID_CONV] = "invalid_conversion",
	[KW_TRAP_UNDEF_ELEM] = "undefined_element",
	[KW_TRAP_UNINIT_ELEM] = "uninitialized_element",
	[KW_TRAP_INDIRECT_MISMATCH] = "indirect_call_mismatch",
	[KW_TRAP_TABLE_OOB] = "table_oob",
	[KW_TRAP_STACK_EXHAUSTED] = "stack_exhausted",
	[KW_TRAP_FUEL] = "fuel_exhausted",
	[KW_TRAP_DEADLINE] = "deadline_exceeded",
	[KW_TRAP_INTERRUPTED] = "interrupted",
	[KW_TRAP_HOST] = "host_function_failed",
	[KW_TRAP_NULL_REF] = "null_reference",
};

/**
 * struct kconn - a connection to the kwasm family
 * @sock: the netlink socket
 * @family: the family's id
 * @cmd: subcommand name, for messages
 */
struct kconn {
	struct nl_sock sock;
	u16 family;
	const char *cmd;
};

static int usage(const char *cmd, const char *args, const char *why)
{
	if (why)
		fprintf(stderr, "kwasm: %s: %s\n", cmd, why);
	fprintf(stderr, "Usage: kwasm %s %s\n", cmd, args);
	return EXIT_ERROR;
}

/* Report a failed request the way the kernel explained it, if it did. */
static int fail(const struct kconn *k, const char *module, int err, const struct nl_ext_err *ext)
{
	const char *msg = ext ? ext->msg : "";

	/* NL_SET_ERR_MSG_MOD() prefixes the module name; we print our own. */
	if (!strncmp(msg, KWASM_GENL_NAME ": ", strlen(KWASM_GENL_NAME) + 2))
		msg += strlen(KWASM_GENL_NAME) + 2;
	/* EPERM reads the same whatever the kernel adds: the fix is the capability. */
	if (err == -EPERM)
		fprintf(stderr, "kwasm: %s: %s (need CAP_SYS_ADMIN)\n", k->cmd, strerror(EPERM));
	else if (msg[0])
		fprintf(stderr, "kwasm: %s: %s\n", k->cmd, msg);
	else if (err == -ENOENT && module)
		fprintf(stderr, "kwasm: %s: %s: no such module\n", k->cmd, module);
	else if (err == -EBADMSG)
		fprintf(stderr, "kwasm: %s: malformed reply from the kernel\n", k->cmd);
	else
		fprintf(stderr, "kwasm: %s: %s\n", k->cmd, strerror(-err));
	return EXIT_ERROR;
}

static int kconnect(struct kconn *k, const char *cmd)
{
	struct nl_ext_err ext;
	int rc;

	k->cmd = cmd;
	rc = nl_open(&k->sock);
	if (rc) {
		fprintf(stderr, "kwasm: cannot open a netlink socket: %s\n", strerror(-rc));
		return EXIT_ERROR;
	}
	rc = nl_family(&k->sock, KWASM_GENL_NAME, &k->family, &ext);
	if (rc == -ENOENT) {
		fprintf(stderr,
			"kwasm: the kwasm kernel module is not loaded (try: modprobe kwasm)\n");
		nl_close(&k->sock);
		return EXIT_ERROR;
	}
	if (rc) {
		fail(k, NULL, rc, &ext);
		nl_close(&k->sock);
		return EXIT_ERROR;
	}
	return EXIT_OK;
}

static int kmsg(struct kconn *k, struct nl_msg *m, u8 cmd, u16 flags)
{
	if (nl_msg_init(m, k->family, flags, cmd, KWASM_GENL_VERSION)) {
		fprintf(stderr, "kwasm: %s: out of memory\n", k->cmd);
		return EXIT_ERROR;
	}
	return EXIT_OK;
}

static bool valid_name(const char *s)
{
	size_t n = strlen(s);

	if (!n || n >= KWASM_NAME_MAX)
		return false;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") == n;
}

static int check_name(const char *cmd, const char *name)
{
	if (valid_name(name))
		return EXIT_OK;
	fprintf(stderr,
		"kwasm: %s: invalid module name '%s' (1-%d characters of A-Z a-z 0-9 _ . -)\n",
		cmd, name, KWASM_NAME_MAX - 1);
	return EXIT_ERROR;
}

/* Unsigned option value; @max bounds it. */
static int opt_u64(const char *cmd, const char *opt, const char *s, u64 max, u64 *out)
{
	if (s && s[0] != '-' && !val_parse_int(s, 64, out) && *out <= max)
		return EXIT_OK;
	if (max == ~0ull)
		fprintf(stderr, "kwasm: %s: %s needs a number\n", cmd, opt);
	else
		fprintf(stderr, "kwasm: %s: %s needs a number up to %llu\n", cmd, opt,
			(unsigned long long)max);
	return EXIT_ERROR;
}

/* LIST for one module (@name) or all; appends to @l. */
static int klist(struct kconn *k, const char *name, struct kp_modules *l)
{
	struct nl_ext_err ext;
	struct nl_msg m;
	int rc;

	if (kmsg(k, &m, KWASM_CMD_LIST, name ? NLM_F_ACK : NLM_F_DUMP))
		return EXIT_ERROR;
	if (name)
		nl_put_str(&m, KWASM_A_NAME, name);
	rc = nl_request(&k->sock, &m, kp_module_cb, l, &ext);
	nl_msg_free(&m);
	if (rc)
		return fail(k, name, rc, &ext);
	return EXIT_OK;
}

#define LOAD_ARGS "FILE.wasm [--name NAME] [--fuel N] [--max-pages N] [--import MOD=NAME]..."
#define LOAD_MAX_IMPORTS 64

/* Module name from the file name: basename without ".wasm". */
static void default_name(const char *file, char *name, size_t len)
{
	const char *base = strrchr(file, '/');
	size_t n;

	base = base ? base + 1 : file;
	n = strlen(base);
	if (n > 5 && !strcmp(base + n - 5, ".wasm"))
		n -= 5;
	snprintf(name, len, "%.*s", (int)n, base);
}

/**
 * struct load_opts - what `kwasm load` was asked to do
 * @file: the module file
 * @name: the module's name in the kernel
 * @fuel: fuel per call, 0 for the kernel's default
 * @max_pages: memory cap in pages, if @has_max_pages
 * @has_max_pages: whether --max-pages was given
 * @imports: --import MOD=NAME arguments: imports from MOD bind to module NAME
 * @nimports: their number
 */
struct load_opts {
	const char *file;
	const char *name;
	u64 fuel;
	u64 max_pages;
	bool has_max_pages;
	const char *imports[LOAD_MAX_IMPORTS];
	u32 nimports;
};

/* The file is opened before talking to the kernel: its errors come first. */
static int open_module(const char *file)
{
	struct stat st;
	int fd;

	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		fprintf(stderr, "kwasm: load: %s: %s\n", file, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	/* The kernel reads regular files only; say so before it says EINVAL. */
	if (!S_ISREG(st.st_mode)) {
		fprintf(stderr, "kwasm: load: %s: not a regular file\n", file);
		close(fd);
		return -1;
	}
	return fd;
}

static int load_file(struct kconn *k, const struct load_opts *o, int fd)
{
	struct nl_ext_err ext;
	struct nl_msg m;
	u32 id = 0;
	int rc;

	rc = kmsg(k, &m, KWASM_CMD_LOAD, NLM_F_ACK);
	if (rc)
		return rc;
	nl_put_str(&m, KWASM_A_NAME, o->name);
	nl_put_u32(&m, KWASM_A_FD, fd);
	if (o->fuel)
		nl_put_u64(&m, KWASM_A_FUEL, o->fuel);
	if (o->has_max_pages)
		nl_put_u32(&m, KWASM_A_MAX_PAGES, o->max_pages);
	if (o->nimports) {
		size_t nest = nl_nest_start(&m, KWASM_A_IMPORTS), ent;
		const char *eq;
		u32 i;

		for (i = 0; i < o->nimports; i++) {
			eq = strchr(o->imports[i], '=');
			ent = nl_nest_start(&m, KWASM_A_IMPORT_MAP);
			nl_put(&m, KWASM_M_FROM, o->imports[i], eq - o->imports[i]);
			nl_put_str(&m, KWASM_M_TO, eq + 1);
			nl_nest_end(&m, ent);
		}
		nl_nest_end(&m, nest);
	}
	rc = nl_request(&k->sock, &m, kp_id_cb, &id, &ext);
	nl_msg_free(&m);
	if (rc)
		return fail(k, NULL, rc, &ext);
	printf("loaded %s (id %u)\n", o->name, id);
	return EXIT_OK;
}

/**
 * cmd_load() - the `kwasm load` subcommand
 * @argc: argument count, argv[0] being "load"
 * @argv: arguments
 *
 * Return: EXIT_OK or EXIT_ERROR.
 */
int cmd_load(int argc, char **argv)
{
	char defname[KWASM_NAME_MAX * 4];
	struct load_opts o = { 0 };
	struct kconn k;
	int i, fd, rc;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--name") && val) {
			o.name = argv[++i];
		} else if (!strcmp(a, "--fuel")) {
			if (opt_u64("load", a, val, ~0ull, &o.fuel))
				return EXIT_ERROR;
			i++;
		} else if (!strcmp(a, "--max-pages")) {
			if (opt_u64("load", a, val, 65536, &o.max_pages))
				return EXIT_ERROR;
			o.has_max_pages = true;
			i++;
		} else if (!strcmp(a, "--import") && val) {
			if (!strchr(val, '=') || strchr(val, '=') == val ||
			    check_name("load", strchr(val, '=') + 1))
				return usage("load", LOAD_ARGS, "--import wants MOD=NAME");
			if (o.nimports == LOAD_MAX_IMPORTS)
				return usage("load", LOAD_ARGS, "too many --import");
			o.imports[o.nimports++] = val;
			i++;
		} else if (a[0] == '-' && a[1]) {
			return usage("load", LOAD_ARGS, "unknown option or missing value");
		} else if (!o.file) {
			o.file = a;
		} else {
			return usage("load", LOAD_ARGS, "only one file at a time");
		}
	}
	if (!o.file)
		return usage("load", LOAD_ARGS, "no module given");
	if (!o.name) {
		default_name(o.file, defname, sizeof(defname));
		o.name = defname;
	}
	if (check_name("load", o.name))
		return EXIT_ERROR;
	fd = open_module(o.file);
	if (fd < 0)
		return EXIT_ERROR;
	rc = kconnect(&k, "load");
	if (!rc) {
		rc = load_file(&k, &o, fd);
		nl_close(&k.sock);
	}
	close(fd);
	return rc;
}

/**
 * cmd_unload() - the `kwasm unload` subcommand
 * @argc: argument count, argv[0] being "unload"
 * @argv: arguments
 *
 * Return: EXIT_OK or EXIT_ERROR.
 */
int cmd_unload(int argc, char **argv)
{
	struct nl_ext_err ext;
	struct nl_msg m;
	struct kconn k;
	int rc;

	if (argc != 2)
		return usage("unload", "NAME",
			     argc < 2 ? "no module given" : "one module at a time");
	if (check_name("unload", argv[1]) || kconnect(&k, "unload"))
		return EXIT_ERROR;
	rc = kmsg(&k, &m, KWASM_CMD_UNLOAD, NLM_F_ACK);
	if (!rc) {
		nl_put_str(&m, KWASM_A_NAME, argv[1]);
		rc = nl_request(&k.sock, &m, NULL, NULL, &ext);
		nl_msg_free(&m);
		if (rc)
			rc = fail(&k, argv[1], rc, &ext);
	}
	nl_close(&k.sock);
	return rc;
}

/* "add(i32,i32)->i32"; several results in parentheses, none without "->". */
static void print_sig(FILE *f, const struct kp_export *e)
{
	u32 i;

	cli_print_name(f, e->name, strlen(e->name));
	fputc('(', f);
	for (i = 0; i < e->nparams; i++)
		fprintf(f, "%s%s", i ? "," : "", val_type_name(e->params[i]));
	fputc(')', f);
	if (!e->nresults)
		return;
	fprintf(f, "->%s", e->nresults > 1 ? "(" : "");
	for (i = 0; i < e->nresults; i++)
		fprintf(f, "%s%s", i ? "," : "", val_type_name(e->results[i]));
	if (e->nresults > 1)
		fputc(')', f);
}

static void format_time(u64 ns, char *buf, size_t len)
{
	if (ns < 1000)
		snprintf(buf, len, "%lluns", (unsigned long long)ns);
	else if (ns < 1000000)
		snprintf(buf, len, "%.1fus", ns / 1e3);
	else if (ns < 1000000000)
		snprintf(buf, len, "%.1fms", ns / 1e6);
	else
		snprintf(buf, len, "%.2fs", ns / 1e9);
}

#define LIST_COLS	9
#define CELL_LEN	KWASM_NAME_MAX

static const char *const list_heads[LIST_COLS] = {
	"NAME", "ID", "SIZE", "PAGES", "FUEL", "CALLS", "TRAPS", "FUEL-USED", "TIME",
};

static void list_cells(const struct kp_module *m, char cell[LIST_COLS][CELL_LEN])
{
	snprintf(cell[0], CELL_LEN, "%s", m->name);
	snprintf(cell[1], CELL_LEN, "%u", m->id);
	snprintf(cell[2], CELL_LEN, "%llu", (unsigned long long)m->size);
	snprintf(cell[3], CELL_LEN, "%u/%u", m->mem_pages, m->max_pages);
	snprintf(cell[4], CELL_LEN, "%llu", (unsigned long long)m->fuel);
	snprintf(cell[5], CELL_LEN, "%llu", (unsigned long long)m->calls);
	snprintf(cell[6], CELL_LEN, "%llu", (unsigned long long)m->traps);
	snprintf(cell[7], CELL_LEN, "%llu", (unsigned long long)m->fuel_used);
	format_time(m->time_ns, cell[8], CELL_LEN);
}

/* The table: name left-aligned, numbers right-aligned, exports last. */
static void list_table(const struct kp_modules *l)
{
	char cell[LIST_COLS][CELL_LEN];
	int w[LIST_COLS], c;
	u32 i, j;

	if (!l->n)
		return;
	for (c = 0; c < LIST_COLS; c++)
		w[c] = strlen(list_heads[c]);
	for (i = 0; i < l->n; i++) {
		list_cells(&l->v[i], cell);
		for (c = 0; c < LIST_COLS; c++)
			if ((int)strlen(cell[c]) > w[c])
				w[c] = strlen(cell[c]);
	}
	printf("%-*s", w[0], list_heads[0]);
	for (c = 1; c < LIST_COLS; c++)
		printf("  %*s", w[c], list_heads[c]);
	printf("  EXPORTS\n");
	for (i = 0; i < l->n; i++) {
		list_cells(&l->v[i], cell);
		printf("%-*s", w[0], cell[0]);
		for (c = 1; c < LIST_COLS; c++)
			printf("  %*s", w[c], cell[c]);
		printf("  %s", l->v[i].nexports ? "" : "-");
		for (j = 0; j < l->v[i].nexports; j++) {
			if (j)
				putchar(' ');
			print_sig(stdout, &l->v[i].exports[j]);
		}
		putchar('\n');
	}
}

/* A JSON string; names are UTF-8 (the engine validates them). */
static void json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void json_types(const char *key, const u8 *t, u32 n)
{
	u32 i;

	printf(",\"%s\":[", key);
	for (i = 0; i < n; i++)
		printf("%s\"%s\"", i ? "," : "", val_type_name(t[i]));
	putchar(']');
}

static void json_module(const struct kp_module *m)
{
	bool first = true;
	u32 i;

	printf("{\"name\":");
	json_str(m->name);
	printf(",\"id\":%u,\"size\":%llu,\"mem_pages\":%u,\"max_pages\":%u,\"fuel_limit\":%llu",
	       m->id, (unsigned long long)m->size, m->mem_pages, m->max_pages,
	       (unsigned long long)m->fuel);
	printf(",\"calls\":%llu,\"traps\":%llu,\"fuel_used\":%llu,\"time_ns\":%llu",
	       (unsigned long long)m->calls, (unsigned long long)m->traps,
	       (unsigned long long)m->fuel_used, (unsigned long long)m->time_ns);
	/* Every known kind, even at 0, so the shape does not change; then any newer ones. */
	printf(",\"trap_kinds\":{");
	for (i = 1; i < KP_TRAP_KINDS; i++) {
		if (!trap_keys[i] && !m->trap_kinds[i])
			continue;
		if (trap_keys[i])
			printf("%s\"%s\":", first ? "" : ",", trap_keys[i]);
		else
			printf("%s\"trap_%u\":", first ? "" : ",", i);
		printf("%llu", (unsigned long long)m->trap_kinds[i]);
		first = false;
	}
	printf("},\"exports\":[");
	for (i = 0; i < m->nexports; i++) {
		printf("%s{\"name\":", i ? "," : "");
		json_str(m->exports[i].name);
		json_types("params", m->exports[i].params, m->exports[i].nparams);
		json_types("results", m->exports[i].results, m->exports[i].nresults);
		putchar('}');
	}
	printf("]}");
}

static void list_json(const struct kp_modules *l)
{
	u32 i;

	if (!l->n) {
		printf("[]\n");
		return;
	}
	for (i = 0; i < l->n; i++) {
		printf("%s", i ? ",\n " : "[");
		json_module(&l->v[i]);
	}
	printf("]\n");
}

/**
 * cmd_list() - the `kwasm list` subcommand
 * @argc: argument count, argv[0] being "list"
 * @argv: arguments
 *
 * Return: EXIT_OK or EXIT_ERROR.
 */
int cmd_list(int argc, char **argv)
{
	struct kp_modules l = { 0 };
	const char *name = NULL;
	bool json = false;
	struct kconn k;
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json"))
			json = true;
		else if (argv[i][0] != '-' && !name)
			name = argv[i];
		else
			return usage("list", "[-j] [NAME]", NULL);
	}
	if ((name && check_name("list", name)) || kconnect(&k, "list"))
		return EXIT_ERROR;
	rc = klist(&k, name, &l);
	nl_close(&k.sock);
	if (!rc && json)
		list_json(&l);
	else if (!rc)
		list_table(&l);
	kp_modules_free(&l);
	return rc;
}

#define CALL_ARGS "NAME EXPORT [ARG...] [--fuel N] [--stats]"

/* Arguments typed by the export's signature; only null references can travel. */
static int call_args(const struct kp_export *e, char **args, int nargs, struct kw_value *v)
{
	int i;

	if ((u32)nargs != e->nparams) {
		fprintf(stderr, "kwasm: %s expects %u argument%s (", e->name, e->nparams,
			e->nparams == 1 ? "" : "s");
		for (i = 0; i < (int)e->nparams; i++)
			fprintf(stderr, "%s%s", i ? " " : "", val_type_name(e->params[i]));
		fprintf(stderr, "), got %d\n", nargs);
		return EXIT_ERROR;
	}
	for (i = 0; i < nargs; i++) {
		if (val_parse_arg(args[i], e->params[i], &v[i]) ||
		    ((e->params[i] == KW_FUNCREF || e->params[i] == KW_EXTERNREF) && v[i].ref)) {
			fprintf(stderr, "kwasm: argument %d: '%s' is not a valid %s%s\n", i + 1,
				args[i], val_type_name(e->params[i]),
				e->params[i] == KW_EXTERNREF ? " (only null for the kernel)" : "");
			return EXIT_ERROR;
		}
	}
	return EXIT_OK;
}

static int call(struct kconn *k, const char *name, const char *export, char **args, int nargs,
		u64 fuel, bool stats)
{
	struct kp_modules l = { 0 };
	struct kp_call c = { 0 };
	const struct kp_export *e;
	char vbuf[VAL_BUF_LEN];
	struct kw_value *v = NULL;
	struct nl_ext_err ext;
	struct nl_msg m;
	int rc;
	u32 i;

	rc = klist(k, name, &l);
	if (rc)
		return rc;
	e = l.n ? kp_find_export(&l.v[0], export) : NULL;
	if (!e) {
		fprintf(stderr, "kwasm: %s: %s: no exported function '%s'\n", k->cmd, name, export);
		rc = EXIT_ERROR;
		goto out;
	}
	v = calloc(e->nparams + 1, sizeof(*v));
	if (!v) {
		fprintf(stderr, "kwasm: out of memory\n");
		rc = EXIT_ERROR;
		goto out;
	}
	rc = call_args(e, args, nargs, v);
	if (rc || kmsg(k, &m, KWASM_CMD_CALL, NLM_F_ACK)) {
		rc = EXIT_ERROR;
		goto out;
	}
	nl_put_str(&m, KWASM_A_NAME, name);
	nl_put_str(&m, KWASM_A_EXPORT, export);
	kp_put_args(&m, v, e->nparams);
	if (fuel)
		nl_put_u64(&m, KWASM_A_FUEL, fuel);
	rc = nl_request(&k->sock, &m, kp_call_cb, &c, &ext);
	nl_msg_free(&m);
	if (rc) {
		rc = fail(k, name, rc, &ext);
		goto out;
	}
	if (stats)
		fprintf(stderr, "kwasm: fuel used: %llu\n", (unsigned long long)c.fuel_used);
	if (c.trapped) {
		fprintf(stderr, "kwasm: trap: %s\n",
			c.trap_msg[0] ? c.trap_msg : kw_trap_message(c.trap_code));
		rc = EXIT_TRAP;
		goto out;
	}
	for (i = 0; i < c.nresults; i++) {
		val_format(&c.results[i], vbuf, sizeof(vbuf));
		printf("%s\n", vbuf);
	}
out:
	kp_call_free(&c);
	kp_modules_free(&l);
	free(v);
	return rc;
}

/**
 * cmd_call() - the `kwasm call` subcommand
 * @argc: argument count, argv[0] being "call"
 * @argv: arguments
 *
 * Options may come anywhere; arguments such as -1 or -inf are positional,
 * and everything after "--" is.
 *
 * Return: EXIT_OK, EXIT_ERROR or EXIT_TRAP.
 */
int cmd_call(int argc, char **argv)
{
	bool only_args = false, stats = false;
	int i, npos = 0, rc;
	struct kconn k;
	char **pos;
	u64 fuel = 0;

	pos = calloc(argc, sizeof(*pos));
	if (!pos)
		return EXIT_ERROR;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (only_args || strncmp(a, "--", 2)) {
			pos[npos++] = argv[i];
		} else if (!strcmp(a, "--")) {
			only_args = true;
		} else if (!strcmp(a, "--stats")) {
			stats = true;
		} else if (!strcmp(a, "--fuel")) {
			if (opt_u64("call", a, i + 1 < argc ? argv[i + 1] : NULL, ~0ull, &fuel))
				goto err;
			i++;
		} else {
			fprintf(stderr, "kwasm: call: unknown option '%s'\n", a);
			usage("call", CALL_ARGS, NULL);
			goto err;
		}
	}
	if (npos < 2) {
		usage("call", CALL_ARGS, "no module or export given");
		goto err;
	}
	if (check_name("call", pos[0]) || kconnect(&k, "call"))
		goto err;
	rc = call(&k, pos[0], pos[1], pos + 2, npos - 2, fuel, stats);
	nl_close(&k.sock);
	free(pos);
	fflush(stdout);
	return rc;
err:
	free(pos);
	return EXIT_ERROR;
}

/**
 * cmd_stats() - the `kwasm stats` subcommand
 * @argc: argument count, argv[0] being "stats"
 * @argv: arguments
 *
 * Return: EXIT_OK or EXIT_ERROR.
 */
int cmd_stats(int argc, char **argv)
{
	struct kp_stats s = { 0 };
	struct nl_ext_err ext;
	bool json = false;
	struct nl_msg m;
	struct kconn k;
	int rc;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "-j") && strcmp(argv[1], "--json")))
		return usage("stats", "[-j]", NULL);
	json = argc == 2;
	if (kconnect(&k, "stats"))
		return EXIT_ERROR;
	rc = kmsg(&k, &m, KWASM_CMD_STATS, NLM_F_ACK);
	if (!rc) {
		rc = nl_request(&k.sock, &m, kp_stats_cb, &s, &ext);
		nl_msg_free(&m);
		rc = rc ? fail(&k, NULL, rc, &ext) : EXIT_OK;
	}
	nl_close(&k.sock);
	if (rc)
		return rc;
	if (json) {
		printf("{\"modules\":%u,\"allocations\":%llu,\"fuel\":%llu,\"max_pages\":%u,",
		       s.nmodules, (unsigned long long)s.allocs, (unsigned long long)s.fuel,
		       s.max_pages);
		printf("\"max_modules\":%u,\"max_file_size\":%u}\n", s.max_modules, s.max_file);
		return EXIT_OK;
	}
	printf("modules:            %u (max %u)\n", s.nmodules, s.max_modules);
	printf("engine allocations: %llu\n", (unsigned long long)s.allocs);
	printf("default fuel:       %llu\n", (unsigned long long)s.fuel);
	printf("max memory pages:   %u\n", s.max_pages);
	printf("max file size:      %u bytes\n", s.max_file);
	return EXIT_OK;
}
