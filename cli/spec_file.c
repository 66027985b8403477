// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Run the commands of one wast2json file: modules, registrations, actions
 * and assertions.  Every instance (even one created by an assertion that
 * expected failure) lives until the end of the file, because other
 * instances and shared tables may refer to its functions; they are freed
 * newest first, so importers go before what they import.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kwasm/kw_port.h"
#include "spec.h"
#include "spectest.h"

/* One module command's outcome; @inst is NULL if it did not instantiate. */
struct spec_mod {
	struct spec_mod *next;
	char *name;
	struct kw_module *mod;
	struct kw_instance *inst;
	int rc;
};

/* A (register "as" $M) entry: imports from module "as" resolve to @m. */
struct spec_reg {
	struct spec_reg *next;
	char *as;
	size_t as_len;
	struct spec_mod *m;
};

struct spec_file {
	const struct spec_opts *o;
	char *dir;
	struct spectest *st;
	struct spec_mod *mods;		/* newest first */
	struct spec_mod *current;
	struct spec_reg *regs;		/* newest first */
	struct spec_counts c;
	long line;
	const char *type;
};

enum outcome { PASS, FAIL, SKIP };

/* What an action did; @rc is 0, -KW_ETRAP or another engine error. */
struct action_res {
	int rc;
	struct kw_trap trap;
	u32 nresults;
	struct kw_value *results;
	char desc[160];
};

static enum outcome report(struct spec_file *sf, enum outcome out, const char *fmt, ...)
{
	va_list ap;

	if (out == FAIL ? sf->o->quiet : !sf->o->verbose)
		return out;
	printf("  %s line %ld: %s: ", out == FAIL ? "FAIL" : out == SKIP ? "skip" : "note",
	       sf->line, sf->type);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	return out;
}

/* Append a Wasm name to @buf, escaping control bytes and quotes. */
static void put_name(char *buf, size_t len, const char *name, size_t nlen)
{
	size_t n = strlen(buf), i;

	for (i = 0; i < nlen && n + 4 < len; i++) {
		unsigned char c = name[i];

		if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
			n += snprintf(buf + n, len - n, "\\%02x", c);
		else
			buf[n++] = c;
	}
	buf[n] = '\0';
}

/* Append plain text to @buf. */
static void put_text(char *buf, size_t len, const char *text)
{
	size_t n = strlen(buf);

	snprintf(buf + n, len - n, "%s", text);
}

static struct spec_mod *find_mod(struct spec_file *sf, const char *name)
{
	struct spec_mod *m;

	if (!name)
		return sf->current;
	for (m = sf->mods; m; m = m->next)
		if (m->name && !strcmp(m->name, name))
			return m;
	return NULL;
}

static struct spec_mod *add_mod(struct spec_file *sf, const char *name, struct kw_module *mod,
				struct kw_instance *inst, int rc)
{
	struct spec_mod *m = calloc(1, sizeof(*m));

	if (m && name)
		m->name = strdup(name);
	if (!m || (name && !m->name)) {
		/* Out of memory: leak rather than free objects others may still use. */
		free(m);
		return NULL;
	}
	m->mod = mod;
	m->inst = inst;
	m->rc = rc;
	m->next = sf->mods;
	sf->mods = m;
	return m;
}

static int load(struct spec_file *sf, const struct json *cmd, struct kw_module **mod,
		char *why, size_t len)
{
	const char *file = json_get_str(cmd, "filename", NULL);
	struct kw_error err = { 0 };
	char *path;
	size_t n;
	u8 *bytes;
	int rc;

	if (!file) {
		snprintf(why, len, "no filename");
		return -KW_EARG;
	}
	if (asprintf(&path, "%s/%s", sf->dir, file) < 0) {
		snprintf(why, len, "out of memory");
		return -KW_ENOMEM;
	}
	rc = cli_read_file(path, &bytes, &n);
	if (rc) {
		snprintf(why, len, "%s: cannot read: %s", path, strerror(-rc));
		free(path);
		return -KW_EARG;
	}
	free(path);
	rc = kw_module_load(bytes, n, mod, &err);
	free(bytes);
	if (rc)
		cli_error_text(rc, &err, why, len);
	return rc;
}

static struct spec_reg *find_reg(struct spec_file *sf, const char *name, size_t len)
{
	struct spec_reg *r;

	for (r = sf->regs; r; r = r->next)
		if (r->as_len == len && !memcmp(r->as, name, len))
			return r;
	return NULL;
}

static int resolve_one(struct spec_file *sf, const struct kw_import_desc *imp,
		       struct kw_extern *out)
{
	struct spec_reg *r = find_reg(sf, imp->module, imp->module_len);

	if (r) {
		if (!r->m->inst)
			return r->m->rc == -KW_EUNSUPPORTED ? -KW_EUNSUPPORTED : -KW_ELINK;
		if (kw_instance_export(r->m->inst, imp->name, imp->name_len, out) ||
		    out->kind != imp->kind)
			return -KW_ELINK;
		return 0;
	}
	if (!spectest_is_module(imp))
		return -KW_ELINK;
	if (!sf->st && spectest_new(sf->o->verbose, &sf->st))
		return -KW_ENOMEM;
	return spectest_lookup(sf->st, imp, out);
}

/* Resolve imports and instantiate; @ctx->trap tells why on -KW_ETRAP. */
static int instantiate(struct spec_file *sf, struct kw_module *mod, struct kw_instance **inst,
		       struct kw_call_ctx *ctx, char *why, size_t len)
{
	u32 n = kw_module_import_count(mod), i;
	struct kw_error err = { 0 };
	struct kw_import_desc imp;
	struct kw_extern *ext;
	int rc = 0;

	ext = calloc(n ? n : 1, sizeof(*ext));
	if (!ext)
		return -KW_ENOMEM;
	for (i = 0; i < n && !rc; i++) {
		rc = kw_module_import(mod, i, &imp);
		if (!rc)
			rc = resolve_one(sf, &imp, &ext[i]);
		if (rc) {
			snprintf(why, len, "unknown import \"");
			put_name(why, len, imp.module, imp.module_len);
			put_text(why, len, "\" \"");
			put_name(why, len, imp.name, imp.name_len);
			put_text(why, len, "\"");
		}
	}
	if (!rc) {
		memset(ctx, 0, sizeof(*ctx));
		if (sf->o->timeout_ns)
			ctx->deadline_ns = kw_port_time_ns() + sf->o->timeout_ns;
		rc = kw_instance_new(mod, ext, n, NULL, inst, ctx, &err);
		if (rc == -KW_ETRAP)
			snprintf(why, len, "trap: %s", kw_trap_message(ctx->trap.code));
		else if (rc)
			cli_error_text(rc, &err, why, len);
	}
	free(ext);
	return rc;
}

/*
 * Does the trap's message agree with the expected text?  The suite's text
 * may be our message or a prefix of it, or add a detail after a space
 * ("uninitialized element 2").
 */
static bool trap_matches(u32 code, const char *text)
{
	const char *msg = kw_trap_message(code);
	size_t ml = strlen(msg), tl = strlen(text);

	if (!strncmp(msg, text, tl))
		return true;
	return tl > ml && !strncmp(text, msg, ml) && text[ml] == ' ';
}

/* Load and instantiate the module of an assertion; it is kept until the end. */
static int assert_module(struct spec_file *sf, const struct json *cmd, struct kw_call_ctx *ctx,
			 bool *loaded, char *why, size_t len)
{
	struct kw_instance *inst = NULL;
	struct kw_module *mod;
	int rc;

	*loaded = false;
	rc = load(sf, cmd, &mod, why, len);
	if (rc)
		return rc;
	*loaded = true;
	rc = instantiate(sf, mod, &inst, ctx, why, len);
	if (!add_mod(sf, NULL, mod, inst, rc))
		snprintf(why, len, "out of memory");
	return rc;
}

static enum outcome cmd_module(struct spec_file *sf, const struct json *cmd)
{
	const char *name = json_get_str(cmd, "name", NULL);
	struct kw_instance *inst = NULL;
	struct kw_module *mod = NULL;
	struct kw_call_ctx ctx;
	struct spec_mod *m;
	char why[256];
	int rc;

	rc = load(sf, cmd, &mod, why, sizeof(why));
	if (!rc)
		rc = instantiate(sf, mod, &inst, &ctx, why, sizeof(why));
	/* Failed modules stay current, so later commands on them fail (or skip) too. */
	m = add_mod(sf, name, mod, inst, rc);
	if (!m)
		return report(sf, FAIL, "out of memory");
	sf->current = m;
	if (rc == -KW_EUNSUPPORTED)
		return report(sf, SKIP, "%s", why);
	if (rc)
		return report(sf, FAIL, "%s", why);
	return PASS;
}

static enum outcome cmd_register(struct spec_file *sf, const struct json *cmd)
{
	const char *name = json_get_str(cmd, "name", NULL);
	struct spec_mod *m = find_mod(sf, name);
	struct spec_reg *r;
	const char *as;
	size_t len;

	as = json_get_str(cmd, "as", &len);
	if (!as || !m)
		return report(sf, FAIL, "%s", as ? "no such module" : "no \"as\" name");
	r = calloc(1, sizeof(*r));
	if (r)
		r->as = malloc(len + 1);
	if (!r || !r->as) {
		free(r);
		return report(sf, FAIL, "out of memory");
	}
	memcpy(r->as, as, len + 1);
	r->as_len = len;
	r->m = m;
	r->next = sf->regs;
	sf->regs = r;
	if (!m->inst && m->rc == -KW_EUNSUPPORTED)
		return report(sf, SKIP, "module not supported");
	return m->inst ? PASS : report(sf, FAIL, "module did not instantiate");
}

static void describe_action(const struct json *act, char *buf, size_t len)
{
	const char *mod = json_get_str(act, "module", NULL);
	const struct json *args = json_get(act, "args"), *a;
	char v[SPEC_DESC_LEN];
	const char *field;
	size_t flen;

	field = json_get_str(act, "field", &flen);
	snprintf(buf, len, "%s%s\"", mod ? mod : "", mod ? " " : "");
	if (field)
		put_name(buf, len, field, flen);
	put_text(buf, len, "\"");
	if (!args)
		return;
	put_text(buf, len, "(");
	for (a = args->child; a; a = a->next) {
		spec_value_describe_json(a, v, sizeof(v));
		if (a != args->child)
			put_text(buf, len, ", ");
		put_text(buf, len, v);
	}
	put_text(buf, len, ")");
}

static enum outcome invoke(struct spec_file *sf, const struct json *act, struct kw_func *fn,
			   struct kw_instance *inst, struct action_res *r)
{
	const struct json *args = json_get(act, "args"), *a;
	struct kw_call_ctx ctx = { 0 };
	struct kw_value *argv;
	struct kw_functype ft;
	u32 n = 0;

	if (!args || args->type != JSON_ARRAY)
		return report(sf, FAIL, "%s: no args", r->desc);
	argv = calloc(args->count + 1, sizeof(*argv));
	if (!argv)
		return report(sf, FAIL, "out of memory");
	for (a = args->child; a; a = a->next, n++) {
		enum spec_val v = spec_value_arg(a, &argv[n]);

		if (v != SPEC_VAL_OK) {
			free(argv);
			if (v == SPEC_VAL_SIMD)
				return report(sf, SKIP, "SIMD value");
			return report(sf, FAIL, "%s: malformed argument", r->desc);
		}
	}
	kw_func_type(fn, &ft);
	r->nresults = ft.nresults;
	r->results = calloc(ft.nresults + 1, sizeof(*r->results));
	if (!r->results) {
		free(argv);
		return report(sf, FAIL, "out of memory");
	}
	if (sf->o->timeout_ns)
		ctx.deadline_ns = kw_port_time_ns() + sf->o->timeout_ns;
	r->rc = kw_call(inst, fn, argv, n, r->results, r->nresults, &ctx);
	r->trap = ctx.trap;
	free(argv);
	return PASS;
}

/* Run an action; PASS means it ran (see r->rc), FAIL/SKIP that it could not. */
static enum outcome do_action(struct spec_file *sf, const struct json *act,
			      struct action_res *r)
{
	const char *type = json_get_str(act, "type", NULL);
	struct spec_mod *m;
	struct kw_extern ext;
	const char *field;
	size_t flen;

	describe_action(act, r->desc, sizeof(r->desc));
	m = find_mod(sf, json_get_str(act, "module", NULL));
	field = json_get_str(act, "field", &flen);
	if (!type || !field)
		return report(sf, FAIL, "malformed action");
	if (!m)
		return report(sf, FAIL, "%s: no such module", r->desc);
	if (!m->inst && m->rc == -KW_EUNSUPPORTED)
		return report(sf, SKIP, "module not supported");
	if (!m->inst)
		return report(sf, FAIL, "%s: module did not instantiate", r->desc);
	if (kw_instance_export(m->inst, field, flen, &ext))
		return report(sf, FAIL, "%s: no such export", r->desc);
	if (!strcmp(type, "invoke")) {
		if (ext.kind != KW_EXTERN_FUNC)
			return report(sf, FAIL, "%s: not a function", r->desc);
		return invoke(sf, act, ext.func, m->inst, r);
	}
	if (strcmp(type, "get"))
		return report(sf, FAIL, "unknown action type \"%s\"", type);
	if (ext.kind != KW_EXTERN_GLOBAL)
		return report(sf, FAIL, "%s: not a global", r->desc);
	r->results = calloc(1, sizeof(*r->results));
	if (!r->results)
		return report(sf, FAIL, "out of memory");
	r->nresults = 1;
	kw_global_get(ext.global, r->results);
	return PASS;
}

static const char *outcome_text(const struct action_res *r, char *buf, size_t len)
{
	if (r->rc == -KW_ETRAP)
		snprintf(buf, len, "trap \"%s\"", kw_trap_message(r->trap.code));
	else
		snprintf(buf, len, "error \"%s\"", kw_strerror(r->rc));
	return buf;
}

static enum outcome check_results(struct spec_file *sf, const struct json *exp,
				  const struct action_res *r)
{
	char got[512] = "", want[512] = "", v[SPEC_DESC_LEN];
	enum spec_val worst = SPEC_VAL_OK, s;
	const struct json *e;
	u32 i;

	if (!exp || exp->type != JSON_ARRAY)
		return report(sf, FAIL, "%s: no expected values", r->desc);
	for (i = 0, e = exp->child; e && i < r->nresults; i++, e = e->next) {
		s = spec_value_check(e, &r->results[i]);
		if (s > worst)
			worst = s;
	}
	if (worst == SPEC_VAL_SIMD)
		return report(sf, SKIP, "SIMD value");
	if (worst == SPEC_VAL_OK && exp->count == r->nresults)
		return PASS;
	for (i = 0; i < r->nresults; i++) {
		spec_value_describe(&r->results[i], v, sizeof(v));
		put_text(got, sizeof(got), i ? ", " : "");
		put_text(got, sizeof(got), v);
	}
	for (e = exp->child; e; e = e->next) {
		spec_value_describe_json(e, v, sizeof(v));
		put_text(want, sizeof(want), e != exp->child ? ", " : "");
		put_text(want, sizeof(want), v);
	}
	if (worst == SPEC_VAL_BAD)
		return report(sf, FAIL, "%s: malformed expected value", r->desc);
	return report(sf, FAIL, "%s: got [%s], expected [%s]", r->desc, got, want);
}

static enum outcome cmd_action(struct spec_file *sf, const struct json *cmd)
{
	const char *type = sf->type;
	struct action_res r = { 0 };
	enum outcome out;
	char buf[128];
	const char *text = json_get_str(cmd, "text", NULL);

	out = do_action(sf, json_get(cmd, "action"), &r);
	if (out != PASS)
		goto done;
	if (!strcmp(type, "assert_return")) {
		if (r.rc)
			out = report(sf, FAIL, "%s: got %s", r.desc,
				     outcome_text(&r, buf, sizeof(buf)));
		else
			out = check_results(sf, json_get(cmd, "expected"), &r);
	} else if (!strcmp(type, "action")) {
		if (r.rc)
			out = report(sf, FAIL, "%s: got %s", r.desc,
				     outcome_text(&r, buf, sizeof(buf)));
	} else {
		/* assert_trap and assert_exhaustion */
		if (!text)
			out = report(sf, FAIL, "no expected text");
		else if (r.rc != -KW_ETRAP)
			out = report(sf, FAIL, "%s: got %s, expected trap \"%s\"", r.desc,
				     r.rc ? outcome_text(&r, buf, sizeof(buf)) : "a result", text);
		else if (!trap_matches(r.trap.code, text))
			out = report(sf, FAIL, "%s: got %s, expected trap \"%s\"", r.desc,
				     outcome_text(&r, buf, sizeof(buf)), text);
	}
done:
	free(r.results);
	return out;
}

/* assert_uninstantiable, and assert_trap on a module: instantiation must trap. */
static enum outcome cmd_uninstantiable(struct spec_file *sf, const struct json *cmd)
{
	const char *text = json_get_str(cmd, "text", NULL);
	struct kw_call_ctx ctx;
	char why[256];
	bool loaded;
	int rc;

	rc = assert_module(sf, cmd, &ctx, &loaded, why, sizeof(why));
	if (rc == -KW_EUNSUPPORTED)
		return report(sf, SKIP, "%s", why);
	if (!loaded)
		return report(sf, FAIL, "module failed to load: %s", why);
	if (rc != -KW_ETRAP)
		return report(sf, FAIL, "got %s, expected trap \"%s\"",
			      rc ? why : "an instance", text ? text : "?");
	if (!text || !trap_matches(ctx.trap.code, text))
		return report(sf, FAIL, "got %s, expected trap \"%s\"", why, text ? text : "?");
	return PASS;
}

static enum outcome cmd_trap(struct spec_file *sf, const struct json *cmd)
{
	if (!json_get(cmd, "action") && json_get(cmd, "filename"))
		return cmd_uninstantiable(sf, cmd);
	return cmd_action(sf, cmd);
}

static enum outcome cmd_unlinkable(struct spec_file *sf, const struct json *cmd)
{
	struct kw_call_ctx ctx;
	char why[256];
	bool loaded;
	int rc;

	rc = assert_module(sf, cmd, &ctx, &loaded, why, sizeof(why));
	if (rc == -KW_EUNSUPPORTED)
		return report(sf, SKIP, "%s", why);
	if (!loaded)
		return report(sf, PASS, "failed to load rather than link: %s", why);
	if (rc != -KW_ELINK)
		return report(sf, FAIL, "got %s, expected a link error",
			      rc ? why : "an instance");
	return PASS;
}

/* assert_invalid and assert_malformed: loading must fail. */
static enum outcome cmd_invalid(struct spec_file *sf, const struct json *cmd)
{
	const char *mtype = json_get_str(cmd, "module_type", NULL);
	int want = strcmp(sf->type, "assert_invalid") ? -KW_EMALFORMED : -KW_EINVALID;
	struct kw_module *mod = NULL;
	char why[256];
	int rc;

	if (mtype && strcmp(mtype, "binary"))
		return report(sf, SKIP, "text format");
	rc = load(sf, cmd, &mod, why, sizeof(why));
	if (!rc) {
		/* Nothing was instantiated from it, so it can go now. */
		kw_module_free(mod);
		return report(sf, FAIL, "module loaded, expected \"%s\"",
			      json_get_str(cmd, "text", NULL) ?: "an error");
	}
	if (rc == -KW_EARG || rc == -KW_ENOMEM)
		return report(sf, FAIL, "%s", why);
	if (rc != want)
		return report(sf, PASS, "failed as %s, not %s: %s", kw_strerror(rc),
			      kw_strerror(want), why);
	return PASS;
}

static const struct {
	const char *type;
	enum outcome (*fn)(struct spec_file *sf, const struct json *cmd);
} handlers[] = {
	{ "module", cmd_module },
	{ "register", cmd_register },
	{ "action", cmd_action },
	{ "assert_return", cmd_action },
	{ "assert_trap", cmd_trap },
	{ "assert_exhaustion", cmd_action },
	{ "assert_uninstantiable", cmd_uninstantiable },
	{ "assert_unlinkable", cmd_unlinkable },
	{ "assert_invalid", cmd_invalid },
	{ "assert_malformed", cmd_invalid },
};

static enum outcome run_command(struct spec_file *sf, const struct json *cmd)
{
	size_t i;

	sf->type = json_get_str(cmd, "type", NULL);
	if (!json_get_long(cmd, "line", &sf->line))
		sf->line = 0;
	if (!sf->type) {
		sf->type = "?";
		return report(sf, FAIL, "command without a type");
	}
	for (i = 0; i < ARRAY_SIZE(handlers); i++)
		if (!strcmp(handlers[i].type, sf->type))
			return handlers[i].fn(sf, cmd);
	return report(sf, FAIL, "unknown command type");
}

static void free_state(struct spec_file *sf)
{
	struct spec_mod *m, *mn;
	struct spec_reg *r, *rn;

	/* Instances newest first: importers before exporters; then modules. */
	for (m = sf->mods; m; m = m->next)
		kw_instance_free(m->inst);
	for (m = sf->mods; m; m = mn) {
		mn = m->next;
		kw_module_free(m->mod);
		free(m->name);
		free(m);
	}
	for (r = sf->regs; r; r = rn) {
		rn = r->next;
		free(r->as);
		free(r);
	}
	spectest_free(sf->st);
	free(sf->dir);
}

static void count(struct spec_counts *c, enum outcome out)
{
	if (out == PASS)
		c->passed++;
	else if (out == FAIL)
		c->failed++;
	else
		c->skipped++;
}

static void print_summary(const char *base, const struct spec_counts *c, const char *note)
{
	const char *verdict = c->failed ? "FAIL" : c->passed || !c->skipped ? "PASS" : "SKIP";

	printf("%s %s: %lu passed, %lu failed, %lu skipped%s\n", verdict, base, c->passed,
	       c->failed, c->skipped, note);
}

/**
 * spec_run_file() - run every command of one wast2json file
 * @path: the .json file; the .wasm files it names are next to it
 * @o: options
 * @c: counts to add this file's outcomes to
 *
 * Prints one summary line for the file, and one line per failed command
 * unless @o->quiet.  A file that cannot be read or parsed counts as one
 * failed command.
 */
void spec_run_file(const char *path, const struct spec_opts *o, struct spec_counts *c)
{
	struct spec_file sf = { .o = o };
	const char *base = strrchr(path, '/');
	const struct json *cmds, *cmd;
	struct json *root = NULL;
	char err[128];
	u8 *text;
	size_t len;
	int rc;

	base = base ? base + 1 : path;
	rc = cli_read_file(path, &text, &len);
	if (rc) {
		snprintf(err, sizeof(err), "cannot read: %s", strerror(-rc));
		goto bad;
	}
	root = json_parse((const char *)text, len, err, sizeof(err));
	free(text);
	if (!root)
		goto bad;
	cmds = json_get(root, "commands");
	if (!cmds || cmds->type != JSON_ARRAY) {
		snprintf(err, sizeof(err), "no \"commands\" array");
		goto bad;
	}
	/* SIMD is not implemented yet: do not even try. */
	if (!strncmp(base, "simd_", 5)) {
		sf.c.skipped = cmds->count;
		print_summary(base, &sf.c, " (SIMD)");
		goto out;
	}
	sf.dir = strdup(path);
	if (!sf.dir) {
		snprintf(err, sizeof(err), "out of memory");
		goto bad;
	}
	if (strrchr(sf.dir, '/'))
		*strrchr(sf.dir, '/') = '\0';
	else
		strcpy(sf.dir, ".");
	for (cmd = cmds->child; cmd; cmd = cmd->next)
		count(&sf.c, run_command(&sf, cmd));
	free_state(&sf);
	fflush(stdout);
	print_summary(base, &sf.c, "");
	goto out;
bad:
	printf("FAIL %s: %s\n", base, err);
	sf.c.failed = 1;
out:
	json_free(root);
	c->passed += sf.c.passed;
	c->failed += sf.c.failed;
	c->skipped += sf.c.skipped;
}
