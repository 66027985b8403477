// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm run: load a module, instantiate it, call one export, print results.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi_user.h"
#include "cli.h"
#include "spectest.h"
#include "values.h"

struct run_opts {
	const char *file;
	const char *invoke;
	char **args;
	int nargs;
	u64 fuel;
	u32 max_pages;
	bool stats;
	struct abi_user *ab;
};

struct run_state {
	u8 *bytes;
	struct kw_module *mod;
	struct kw_instance *inst;
	struct spectest *st;
	struct kw_extern *imports;
	struct kw_value *argv;
	struct kw_value *results;
};

static int run_usage(const char *why)
{
	if (why)
		fprintf(stderr, "kwasm: run: %s\n", why);
	fprintf(stderr, "Usage: kwasm run " RUN_ARGS "\n%s%s", abi_user_usage, abi_conn_usage);
	return EXIT_ERROR;
}

static bool takes_value(const char *opt)
{
	return !strcmp(opt, "--invoke") || !strcmp(opt, "--fuel") || !strcmp(opt, "--max-pages");
}

/* Options may come anywhere; arguments such as -1 or -inf are positional. */
static int parse_opts(int argc, char **argv, struct run_opts *o)
{
	bool only_args = false;
	int i, used;
	u64 v;

	o->invoke = "_start";
	o->args = calloc(argc, sizeof(*o->args));
	if (!o->args)
		return run_usage("out of memory");
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		/* --packet, --map...: the guest ABI's options. */
		used = only_args ? 0 : abi_user_option(o->ab, argc, argv, i);
		if (used < 0)
			return run_usage(NULL);
		if (used) {
			i += used - 1;
			continue;
		}
		if (only_args || strncmp(a, "--", 2)) {
			if (!o->file)
				o->file = a;
			else
				o->args[o->nargs++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = true;
		} else if (!strcmp(a, "--stats")) {
			o->stats = true;
		} else if (!takes_value(a)) {
			fprintf(stderr, "kwasm: run: unknown option '%s'\n", a);
			return run_usage(NULL);
		} else if (i + 1 >= argc) {
			return run_usage("option needs a value");
		} else if (!strcmp(a, "--invoke")) {
			o->invoke = argv[++i];
		} else if (!strcmp(a, "--fuel")) {
			if (val_parse_int(argv[++i], 64, &o->fuel) || argv[i][0] == '-')
				return run_usage("--fuel needs a number");
		} else if (!strcmp(a, "--max-pages")) {
			if (val_parse_int(argv[++i], 32, &v) || argv[i][0] == '-' || v > 65536)
				return run_usage("--max-pages needs a number up to 65536");
			o->max_pages = v;
		}
	}
	if (!o->file)
		return run_usage("no module given");
	if (o->ab->npkts && o->nargs)
		return run_usage("with packets, the argument is each packet's length");
	return abi_user_prepare(o->ab, o->file) ? EXIT_ERROR : 0;
}

static int link_imports(const struct run_opts *o, struct run_state *s, u32 n)
{
	struct kw_import_desc imp;
	u32 i;

	s->imports = calloc(n ? n : 1, sizeof(*s->imports));
	if (!s->imports)
		return -KW_ENOMEM;
	for (i = 0; i < n; i++) {
		if (kw_module_import(s->mod, i, &imp))
			return -KW_ELINK;
		if (spectest_is_module(&imp)) {
			if (!s->st && spectest_new(false, &s->st)) {
				fprintf(stderr, "kwasm: %s: out of memory\n", o->file);
				return -KW_ENOMEM;
			}
			if (!spectest_lookup(s->st, &imp, &s->imports[i]))
				continue;
		}
		if (abi_user_is_module(&imp) && !abi_user_lookup(o->ab, &imp, &s->imports[i]))
			continue;
		fprintf(stderr, "kwasm: %s: unknown import ", o->file);
		cli_print_name(stderr, imp.module, imp.module_len);
		fputc('.', stderr);
		cli_print_name(stderr, imp.name, imp.name_len);
		fputc('\n', stderr);
		return -KW_ELINK;
	}
	return 0;
}

static int report_trap(const struct kw_call_ctx *ctx)
{
	fprintf(stderr, "kwasm: trap: %s\n", kw_trap_message(ctx->trap.code));
	return EXIT_TRAP;
}

/* Find the export, check and convert the arguments. */
static int prepare_call(const struct run_opts *o, struct run_state *s, struct kw_func **fn,
			struct kw_functype *ft)
{
	struct kw_extern ext;
	int i;

	if (kw_instance_export(s->inst, o->invoke, strlen(o->invoke), &ext) ||
	    ext.kind != KW_EXTERN_FUNC) {
		fprintf(stderr, "kwasm: %s: no exported function '%s'\n", o->file, o->invoke);
		return EXIT_ERROR;
	}
	*fn = ext.func;
	kw_func_type(*fn, ft);
	if (o->ab->npkts && (ft->nparams != 1 || ft->types[0] != KW_I32)) {
		fprintf(stderr, "kwasm: %s: with packets, it must take one i32 (the length)\n",
			o->invoke);
		return EXIT_ERROR;
	}
	if (!o->ab->npkts && (u32)o->nargs != ft->nparams) {
		fprintf(stderr, "kwasm: %s expects %u argument%s (", o->invoke, ft->nparams,
			ft->nparams == 1 ? "" : "s");
		for (i = 0; i < (int)ft->nparams; i++)
			fprintf(stderr, "%s%s", i ? " " : "", val_type_name(ft->types[i]));
		fprintf(stderr, "), got %d\n", o->nargs);
		return EXIT_ERROR;
	}
	s->argv = calloc(ft->nparams + 1, sizeof(*s->argv));
	s->results = calloc(ft->nresults + 1, sizeof(*s->results));
	if (!s->argv || !s->results) {
		fprintf(stderr, "kwasm: out of memory\n");
		return EXIT_ERROR;
	}
	for (i = 0; i < o->nargs; i++) {
		if (val_parse_arg(o->args[i], ft->types[i], &s->argv[i])) {
			fprintf(stderr, "kwasm: argument %d: '%s' is not a valid %s\n", i + 1,
				o->args[i], val_type_name(ft->types[i]));
			return EXIT_ERROR;
		}
	}
	return EXIT_OK;
}

#ifdef KW_COUNT_DISPATCH
static void print_dispatch(const char *name, u64 n, void *arg)
{
	fprintf(stderr, "dispatch %s %llu\n", name, (unsigned long long)n);
}
#endif

static int call_once(const struct run_opts *o, struct run_state *s, struct kw_func *fn,
		     const struct kw_functype *ft)
{
	struct kw_call_ctx ctx = { .fuel = o->fuel };
	char vbuf[VAL_BUF_LEN];
	u32 i;
	int rc;

	rc = kw_call(s->inst, fn, s->argv, ft->nparams, s->results, ft->nresults, &ctx);
	if (o->stats)
		fprintf(stderr, "kwasm: fuel used: %llu\n", (unsigned long long)ctx.fuel_used);
#ifdef KW_COUNT_DISPATCH
	kw_dispatch_report(print_dispatch, NULL);
#endif
	if (rc == -KW_ETRAP)
		return report_trap(&ctx);
	if (rc) {
		fprintf(stderr, "kwasm: %s: call failed: %s\n", o->invoke, kw_strerror(rc));
		return EXIT_ERROR;
	}
	for (i = 0; i < ft->nresults; i++) {
		val_format(&s->results[i], vbuf, sizeof(vbuf));
		printf("%s\n", vbuf);
	}
	return EXIT_OK;
}

static int run(const struct run_opts *o, struct run_state *s)
{
	struct kw_limits limits = { .max_memory_pages = o->max_pages };
	struct kw_call_ctx ctx = { .fuel = o->fuel };
	struct kw_error err = { 0 };
	struct kw_functype ft;
	struct kw_func *fn;
	char buf[256];
	size_t len;
	u32 p;
	int rc;

	rc = cli_read_file(o->file, &s->bytes, &len);
	if (rc) {
		fprintf(stderr, "kwasm: %s: cannot read: %s\n", o->file, strerror(-rc));
		return EXIT_ERROR;
	}
	rc = kw_module_load(s->bytes, len, &s->mod, &err);
	if (rc) {
		fprintf(stderr, "kwasm: %s: %s\n", o->file,
			cli_error_text(rc, &err, buf, sizeof(buf)));
		return EXIT_ERROR;
	}
	rc = link_imports(o, s, kw_module_import_count(s->mod));
	if (rc)
		return EXIT_ERROR;
	rc = kw_instance_new(s->mod, s->imports, kw_module_import_count(s->mod), &limits,
			     &s->inst, &ctx, &err);
	if (rc == -KW_ETRAP)
		return report_trap(&ctx);
	if (rc) {
		fprintf(stderr, "kwasm: %s: %s\n", o->file,
			cli_error_text(rc, &err, buf, sizeof(buf)));
		return EXIT_ERROR;
	}
	rc = prepare_call(o, s, &fn, &ft);
	if (rc)
		return rc;
	/* One call per packet (argument: its length), else one with the ARGs. */
	for (p = 0; p < (o->ab->npkts ? o->ab->npkts : 1); p++) {
		len = abi_user_select(o->ab, p);
		if (o->ab->npkts)
			s->argv[0] = (struct kw_value){ .type = KW_I32, .i32 = len };
		rc = call_once(o, s, fn, &ft);
		if (rc)
			break;
	}
	abi_user_finish(o->ab, stdout);
	return rc;
}

/**
 * cmd_run() - the `kwasm run` subcommand
 * @argc: argument count, argv[0] being "run"
 * @argv: arguments
 *
 * Return: EXIT_OK, EXIT_ERROR or EXIT_TRAP.
 */
int cmd_run(int argc, char **argv)
{
	struct run_opts o = { 0 };
	struct run_state s = { 0 };
	int rc;

	if (abi_user_new(&o.ab)) {
		fprintf(stderr, "kwasm: out of memory\n");
		return EXIT_ERROR;
	}
	rc = parse_opts(argc, argv, &o);
	if (!rc)
		rc = run(&o, &s);
	/* Instance before what it borrows (spectest, kwasm) and the module it came from. */
	kw_instance_free(s.inst);
	spectest_free(s.st);
	abi_user_free(o.ab);
	kw_module_free(s.mod);
	free(s.results);
	free(s.argv);
	free(s.imports);
	free(s.bytes);
	free(o.args);
	fflush(stdout);
	return rc;
}
