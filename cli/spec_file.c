// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Run the commands of one wast2json file: modules, registrations, actions
 * and assertions, on a backend (spec_user.c, spec_kernel.c).  Every
 * instance (even one created by an assertion that expected failure) lives
 * until the end of the file, because other instances and shared tables
 * may refer to its functions; they are freed newest first, so importers
 * go before what they import.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "spec.h"

enum outcome { PASS, FAIL, SKIP };

/* What an action did, and how to name it in messages. */
struct action_res {
	struct spec_result r;
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

/**
 * spec_spec_put_name() - append a Wasm name to @buf, escaping control bytes and quotes
 * @buf: NUL-terminated buffer
 * @len: its size
 * @name: the name (not NUL-terminated)
 * @nlen: its length
 */
void spec_put_name(char *buf, size_t len, const char *name, size_t nlen)
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
/**
 * spec_spec_put_text() - append text to @buf
 * @buf: NUL-terminated buffer
 * @len: its size
 * @text: the text
 */
void spec_put_text(char *buf, size_t len, const char *text)
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

static struct spec_mod *add_mod(struct spec_file *sf, struct spec_mod *m)
{
	m->next = sf->mods;
	sf->mods = m;
	return m;
}

/*
 * Load (and unless @load_only instantiate) the module a command names.
 * Returns the new module, not yet listed, with m->rc set; NULL if out of
 * memory.
 */
static struct spec_mod *make_mod(struct spec_file *sf, const struct json_object *cmd,
				 bool load_only, bool *loaded, struct kw_trap *trap, char *why,
				 size_t len)
{
	const char *file = json_get_str(cmd, "filename", NULL);
	const char *name = json_get_str(cmd, "name", NULL);
	struct spec_mod *m = calloc(1, sizeof(*m));
	char *path = NULL;

	*loaded = false;
	memset(trap, 0, sizeof(*trap));
	if (m && name && !load_only)
		m->name = strdup(name);
	if (!m || (name && !load_only && !m->name) ||
	    (file && asprintf(&path, "%s/%s", sf->dir, file) < 0)) {
		snprintf(why, len, "out of memory");
		if (m)
			free(m->name);
		free(m);
		return NULL;
	}
	if (!file) {
		snprintf(why, len, "no filename");
		m->rc = -KW_EARG;
	} else {
		m->rc = sf->o->backend->load(sf, m, path, load_only, loaded, trap, why, len);
	}
	m->live = !m->rc && !load_only;
	free(path);
	return m;
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
static int assert_module(struct spec_file *sf, const struct json_object *cmd, struct kw_trap *trap,
			 bool *loaded, char *why, size_t len)
{
	struct spec_mod *m = make_mod(sf, cmd, false, loaded, trap, why, len);

	if (!m)
		return -KW_ENOMEM;
	add_mod(sf, m);
	return m->rc;
}

static enum outcome cmd_module(struct spec_file *sf, const struct json_object *cmd)
{
	struct kw_trap trap;
	struct spec_mod *m;
	char why[256];
	bool loaded;

	m = make_mod(sf, cmd, false, &loaded, &trap, why, sizeof(why));
	if (!m)
		return report(sf, FAIL, "out of memory");
	/* Failed modules stay current, so later commands on them fail (or skip) too. */
	add_mod(sf, m);
	sf->current = m;
	if (m->rc == -KW_EUNSUPPORTED)
		return report(sf, SKIP, "%s", why);
	if (m->rc)
		return report(sf, FAIL, "%s", why);
	return PASS;
}

static enum outcome cmd_register(struct spec_file *sf, const struct json_object *cmd)
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
	if (!m->live && m->rc == -KW_EUNSUPPORTED)
		return report(sf, SKIP, "module not supported");
	return m->live ? PASS : report(sf, FAIL, "module did not instantiate");
}

static void describe_action(const struct json_object *act, char *buf, size_t len)
{
	const char *mod = json_get_str(act, "module", NULL);
	const struct json_object *args = json_get_array(act, "args");
	char v[SPEC_DESC_LEN];
	const char *field;
	size_t flen, i;

	field = json_get_str(act, "field", &flen);
	snprintf(buf, len, "%s%s\"", mod ? mod : "", mod ? " " : "");
	if (field)
		spec_put_name(buf, len, field, flen);
	spec_put_text(buf, len, "\"");
	if (!args)
		return;
	spec_put_text(buf, len, "(");
	for (i = 0; i < json_object_array_length(args); i++) {
		spec_value_describe_json(json_object_array_get_idx(args, i), v, sizeof(v));
		if (i)
			spec_put_text(buf, len, ", ");
		spec_put_text(buf, len, v);
	}
	spec_put_text(buf, len, ")");
}

static enum outcome invoke(struct spec_file *sf, const struct json_object *act, struct spec_mod *m,
			   const char *field, size_t flen, struct action_res *ar)
{
	const struct json_object *args = json_get_array(act, "args");
	struct kw_value *argv;
	char why[256];
	u32 n;
	int rc;

	if (!args)
		return report(sf, FAIL, "%s: no args", ar->desc);
	argv = calloc(json_object_array_length(args) + 1, sizeof(*argv));
	if (!argv)
		return report(sf, FAIL, "out of memory");
	for (n = 0; n < json_object_array_length(args); n++) {
		enum spec_val v = spec_value_arg(json_object_array_get_idx(args, n), &argv[n]);

		if (v != SPEC_VAL_OK) {
			free(argv);
			if (v == SPEC_VAL_SIMD)
				return report(sf, SKIP, "SIMD value");
			return report(sf, FAIL, "%s: malformed argument", ar->desc);
		}
	}
	rc = sf->o->backend->invoke(sf, m, field, flen, argv, n, &ar->r, why, sizeof(why));
	free(argv);
	if (rc)
		return report(sf, FAIL, "%s: %s", ar->desc, why);
	return PASS;
}

/* Run an action; PASS means it ran (see ar->r.rc), FAIL/SKIP that it could not. */
static enum outcome do_action(struct spec_file *sf, const struct json_object *act,
			      struct action_res *ar)
{
	const char *type = json_get_str(act, "type", NULL);
	struct spec_mod *m;
	const char *field;
	char why[256];
	size_t flen;

	describe_action(act, ar->desc, sizeof(ar->desc));
	m = find_mod(sf, json_get_str(act, "module", NULL));
	field = json_get_str(act, "field", &flen);
	if (!type || !field)
		return report(sf, FAIL, "malformed action");
	if (!m)
		return report(sf, FAIL, "%s: no such module", ar->desc);
	if (!m->live && m->rc == -KW_EUNSUPPORTED)
		return report(sf, SKIP, "module not supported");
	if (!m->live)
		return report(sf, FAIL, "%s: module did not instantiate", ar->desc);
	if (!strcmp(type, "invoke"))
		return invoke(sf, act, m, field, flen, ar);
	if (strcmp(type, "get"))
		return report(sf, FAIL, "unknown action type \"%s\"", type);
	if (sf->o->backend->get(sf, m, field, flen, &ar->r, why, sizeof(why)))
		return report(sf, FAIL, "%s: %s", ar->desc, why);
	return PASS;
}

static const char *outcome_text(const struct spec_result *r, char *buf, size_t len)
{
	if (r->rc == -KW_ETRAP)
		snprintf(buf, len, "trap \"%s\"", kw_trap_message(r->trap.code));
	else
		snprintf(buf, len, "error \"%s\"", kw_strerror(r->rc));
	return buf;
}

static enum outcome check_results(struct spec_file *sf, const struct json_object *exp,
				  const struct action_res *ar)
{
	const struct spec_result *r = &ar->r;
	char got[512] = "", want[512] = "", v[SPEC_DESC_LEN];
	enum spec_val worst = SPEC_VAL_OK, s;
	size_t i, n;

	if (!json_object_is_type(exp, json_type_array))
		return report(sf, FAIL, "%s: no expected values", ar->desc);
	n = json_object_array_length(exp);
	for (i = 0; i < n && i < r->nresults; i++) {
		s = spec_value_check(json_object_array_get_idx(exp, i), &r->results[i]);
		if (s > worst)
			worst = s;
	}
	if (worst == SPEC_VAL_SIMD)
		return report(sf, SKIP, "SIMD value");
	if (worst == SPEC_VAL_OK && n == r->nresults)
		return PASS;
	for (i = 0; i < r->nresults; i++) {
		spec_value_describe(&r->results[i], v, sizeof(v));
		spec_put_text(got, sizeof(got), i ? ", " : "");
		spec_put_text(got, sizeof(got), v);
	}
	for (i = 0; i < n; i++) {
		spec_value_describe_json(json_object_array_get_idx(exp, i), v, sizeof(v));
		spec_put_text(want, sizeof(want), i ? ", " : "");
		spec_put_text(want, sizeof(want), v);
	}
	if (worst == SPEC_VAL_BAD)
		return report(sf, FAIL, "%s: malformed expected value", ar->desc);
	return report(sf, FAIL, "%s: got [%s], expected [%s]", ar->desc, got, want);
}

static enum outcome cmd_action(struct spec_file *sf, const struct json_object *cmd)
{
	const char *text = json_get_str(cmd, "text", NULL);
	struct action_res ar = { 0 };
	const char *type = sf->type;
	struct spec_result *r = &ar.r;
	enum outcome out;
	char buf[128];

	out = do_action(sf, json_get(cmd, "action"), &ar);
	if (out != PASS)
		goto done;
	if (!strcmp(type, "assert_return")) {
		if (r->rc)
			out = report(sf, FAIL, "%s: got %s", ar.desc,
				     outcome_text(r, buf, sizeof(buf)));
		else
			out = check_results(sf, json_get(cmd, "expected"), &ar);
	} else if (!strcmp(type, "action")) {
		if (r->rc)
			out = report(sf, FAIL, "%s: got %s", ar.desc,
				     outcome_text(r, buf, sizeof(buf)));
	} else {
		/* assert_trap and assert_exhaustion */
		if (!text)
			out = report(sf, FAIL, "no expected text");
		else if (r->rc != -KW_ETRAP)
			out = report(sf, FAIL, "%s: got %s, expected trap \"%s\"", ar.desc,
				     r->rc ? outcome_text(r, buf, sizeof(buf)) : "a result", text);
		else if (!trap_matches(r->trap.code, text))
			out = report(sf, FAIL, "%s: got %s, expected trap \"%s\"", ar.desc,
				     outcome_text(r, buf, sizeof(buf)), text);
	}
done:
	free(r->results);
	return out;
}

/*
 * The start of assert_uninstantiable and assert_unlinkable: load and
 * instantiate.  Returns true with the outcome in *out when that already
 * decided it: unsupported, or the module did not load (@unloaded, said as
 * @unloaded_note).
 */
static bool instantiate(struct spec_file *sf, const struct json_object *cmd, struct kw_trap *trap,
			int *rc, char *why, size_t len, enum outcome unloaded,
			const char *unloaded_note, enum outcome *out)
{
	bool loaded;

	*rc = assert_module(sf, cmd, trap, &loaded, why, len);
	if (*rc == -KW_EUNSUPPORTED)
		*out = report(sf, SKIP, "%s", why);
	else if (!loaded)
		*out = report(sf, unloaded, "%s: %s", unloaded_note, why);
	else
		return false;
	return true;
}

/* assert_uninstantiable, and assert_trap on a module: instantiation must trap. */
static enum outcome cmd_uninstantiable(struct spec_file *sf, const struct json_object *cmd)
{
	const char *text = json_get_str(cmd, "text", NULL);
	enum outcome out;
	struct kw_trap trap;
	char why[256];
	int rc;

	if (instantiate(sf, cmd, &trap, &rc, why, sizeof(why), FAIL, "module failed to load",
			&out))
		return out;
	if (rc != -KW_ETRAP)
		return report(sf, FAIL, "got %s, expected trap \"%s\"",
			      rc ? why : "an instance", text ? text : "?");
	if (!text || !trap_matches(trap.code, text))
		return report(sf, FAIL, "got %s, expected trap \"%s\"", why, text ? text : "?");
	return PASS;
}

static enum outcome cmd_trap(struct spec_file *sf, const struct json_object *cmd)
{
	if (!json_get(cmd, "action") && json_get(cmd, "filename"))
		return cmd_uninstantiable(sf, cmd);
	return cmd_action(sf, cmd);
}

static enum outcome cmd_unlinkable(struct spec_file *sf, const struct json_object *cmd)
{
	enum outcome out;
	struct kw_trap trap;
	char why[256];
	int rc;

	if (instantiate(sf, cmd, &trap, &rc, why, sizeof(why), PASS,
			"failed to load rather than link", &out))
		return out;
	if (rc != -KW_ELINK)
		return report(sf, FAIL, "got %s, expected a link error",
			      rc ? why : "an instance");
	return PASS;
}

/* assert_invalid and assert_malformed: loading must fail. */
static enum outcome cmd_invalid(struct spec_file *sf, const struct json_object *cmd)
{
	const char *mtype = json_get_str(cmd, "module_type", NULL);
	int want = strcmp(sf->type, "assert_invalid") ? -KW_EMALFORMED : -KW_EINVALID;
	struct kw_trap trap;
	struct spec_mod *m;
	char why[256];
	bool loaded;
	int rc;

	if (mtype && strcmp(mtype, "binary"))
		return report(sf, SKIP, "text format");
	m = make_mod(sf, cmd, true, &loaded, &trap, why, sizeof(why));
	if (!m)
		return report(sf, FAIL, "out of memory");
	rc = m->rc;
	if (!rc)
		/* Nothing was instantiated from it, so it can go now. */
		sf->o->backend->unload_now(sf, m);
	free(m);
	if (!rc) {
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
	enum outcome (*fn)(struct spec_file *sf, const struct json_object *cmd);
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

static enum outcome run_command(struct spec_file *sf, const struct json_object *cmd)
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

	sf->o->backend->end(sf);
	for (m = sf->mods; m; m = mn) {
		mn = m->next;
		free(m->name);
		free(m);
	}
	for (r = sf->regs; r; r = rn) {
		rn = r->next;
		free(r->as);
		free(r);
	}
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
 * @index: the file's number in this run (keeps kernel module names unique)
 * @o: options
 * @c: counts to add this file's outcomes to
 *
 * Prints one summary line for the file, and one line per failed command
 * unless @o->quiet.  A file that cannot be read or parsed counts as one
 * failed command.
 */
void spec_run_file(const char *path, unsigned int index, const struct spec_opts *o,
		   struct spec_counts *c)
{
	struct spec_file sf = { .o = o, .index = index };
	const char *base = strrchr(path, '/');
	struct json_object *root = NULL;
	const struct json_object *cmds;
	char err[128];
	u8 *text;
	size_t len, i;
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
	cmds = json_get_array(root, "commands");
	if (!cmds) {
		snprintf(err, sizeof(err), "no \"commands\" array");
		goto bad;
	}
	/* SIMD is not implemented yet: do not even try. */
	if (!strncmp(base, "simd_", 5)) {
		sf.c.skipped = json_object_array_length(cmds);
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
	if (o->backend->begin(&sf, err, sizeof(err))) {
		free(sf.dir);
		goto bad;
	}
	for (i = 0; i < json_object_array_length(cmds); i++)
		count(&sf.c, run_command(&sf, json_object_array_get_idx(cmds, i)));
	free_state(&sf);
	fflush(stdout);
	print_summary(base, &sf.c, "");
	goto out;
bad:
	printf("FAIL %s: %s\n", base, err);
	sf.c.failed = 1;
out:
	json_object_put(root);
	c->passed += sf.c.passed;
	c->failed += sf.c.failed;
	c->skipped += sf.c.skipped;
}
