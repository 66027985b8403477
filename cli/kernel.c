// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm load, unload, call: the kernel module's control plane,
 * spoken over generic netlink (family "kwasm").
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel.h"
#include "values.h"

#define LOAD_ARGS \
	"FILE.wasm [--name NAME] [--datapath] [--fuel N] [--max-pages N] [--import MOD=NAME]..."
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
 * @datapath: load for the data path (--datapath)
 * @imports: --import MOD=NAME arguments: imports from MOD bind to module NAME
 * @nimports: their number
 */
struct load_opts {
	const char *file;
	const char *name;
	u64 fuel;
	u64 max_pages;
	bool has_max_pages;
	bool datapath;
	const char *imports[LOAD_MAX_IMPORTS];
	u32 nimports;
};

/*
 * The file is opened and copied into a memfd before talking to the
 * kernel: its errors come first, and the kernel reads only memory.
 */
static int open_module(const char *file)
{
	int fd, mfd;

	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "kwasm: load: %s: %s\n", file, strerror(errno));
		return -1;
	}
	mfd = kmodule_memfd(fd);
	close(fd);
	if (mfd == -EINVAL || mfd == -EISDIR)
		fprintf(stderr, "kwasm: load: %s: not a regular file\n", file);
	else if (mfd < 0)
		fprintf(stderr, "kwasm: load: %s: %s\n", file, strerror(-mfd));
	return mfd < 0 ? -1 : mfd;
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
	if (o->datapath)
		nl_put(&m, KWASM_A_DATAPATH, NULL, 0);
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
	rc = ksend(k, &m, kp_id_cb, &id, &ext);
	/*
	 * The id comes only once the module is in place (the kernel unloads
	 * it when that reply cannot be delivered), so an error after it is a
	 * lost acknowledgment (ENOBUFS), not a failed load.
	 */
	if (rc && !id)
		return kfail(k, NULL, rc, &ext);
	if (rc)
		fprintf(stderr, "kwasm: load: the kernel's acknowledgment was lost (%s)\n",
			strerror(-rc));
	printf("loaded %s (id %u%s)\n", o->name, id, o->datapath ? ", data path" : "");
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
		} else if (!strcmp(a, "--datapath")) {
			o.datapath = true;
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
				return kusage("load", LOAD_ARGS, "--import wants MOD=NAME");
			if (o.nimports == LOAD_MAX_IMPORTS)
				return kusage("load", LOAD_ARGS, "too many --import");
			o.imports[o.nimports++] = val;
			i++;
		} else if (a[0] == '-' && a[1]) {
			return kusage("load", LOAD_ARGS, "unknown option or missing value");
		} else if (!o.file) {
			o.file = a;
		} else {
			return kusage("load", LOAD_ARGS,
				      "only one file at a time (name the module with --name NAME)");
		}
	}
	if (!o.file)
		return kusage("load", LOAD_ARGS, "no module given");
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

/* EBUSY without the kernel's word for it: the module's own LIST tells why. */
static int unload_busy(struct kconn *k, const char *name)
{
	struct kp_modules l = { 0 };
	bool attached;

	if (klist(k, name, &l))
		return EXIT_ERROR;
	attached = l.n && l.v[0].nattach;
	kp_modules_free(&l);
	if (attached)
		fprintf(stderr,
			"kwasm: unload: module is attached to a netfilter hook: detach it first\n");
	else
		fprintf(stderr,
			"kwasm: unload: module is imported by another module: unload that first\n");
	return EXIT_ERROR;
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
		return kusage("unload", "NAME",
			     argc < 2 ? "no module given" : "one module at a time");
	if (check_name("unload", argv[1]) || kconnect(&k, "unload"))
		return EXIT_ERROR;
	rc = kmsg(&k, &m, KWASM_CMD_UNLOAD, NLM_F_ACK);
	if (!rc) {
		nl_put_str(&m, KWASM_A_NAME, argv[1]);
		rc = ksend_settle(&k, &m, ENOENT, &ext);
		if (rc == -EBUSY && !ext.msg[0])
			rc = unload_busy(&k, argv[1]);
		else if (rc)
			rc = kfail(&k, argv[1], rc, &ext);
	}
	nl_close(&k.sock);
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
	rc = ksend(k, &m, kp_call_cb, &c, &ext);
	if (rc) {
		rc = kfail(k, name, rc, &ext);
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
			kusage("call", CALL_ARGS, NULL);
			goto err;
		}
	}
	if (npos < 2) {
		kusage("call", CALL_ARGS, "no module or export given");
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
