// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The spec runner's userspace backend: modules run in this process, and
 * imports from "spectest" resolve to the host module of spectest.c.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kwasm/kw_port.h"
#include "spec.h"
#include "spectest.h"

static int user_begin(struct spec_file *sf, char *why, size_t len)
{
	return 0;
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

/* Resolve imports and instantiate; @trap tells why on -KW_ETRAP. */
static int instantiate(struct spec_file *sf, struct kw_module *mod, struct kw_instance **inst,
		       struct kw_trap *trap, char *why, size_t len)
{
	u32 n = kw_module_import_count(mod), i;
	struct kw_call_ctx ctx = { 0 };
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
			spec_put_name(why, len, imp.module, imp.module_len);
			spec_put_text(why, len, "\" \"");
			spec_put_name(why, len, imp.name, imp.name_len);
			spec_put_text(why, len, "\"");
		}
	}
	if (!rc) {
		if (sf->o->timeout_ns)
			ctx.deadline_ns = kw_port_time_ns() + sf->o->timeout_ns;
		rc = kw_instance_new(mod, ext, n, NULL, inst, &ctx, &err);
		*trap = ctx.trap;
		if (rc == -KW_ETRAP)
			snprintf(why, len, "trap: %s", kw_trap_message(ctx.trap.code));
		else if (rc)
			cli_error_text(rc, &err, why, len);
	}
	free(ext);
	return rc;
}

static int user_load(struct spec_file *sf, struct spec_mod *m, const char *path, bool load_only,
		     bool *loaded, struct kw_trap *trap, char *why, size_t len)
{
	struct kw_error err = { 0 };
	size_t n;
	u8 *bytes;
	int rc;

	rc = cli_read_file(path, &bytes, &n);
	if (rc) {
		snprintf(why, len, "%s: cannot read: %s", path, strerror(-rc));
		return -KW_EARG;
	}
	rc = kw_module_load(bytes, n, &m->mod, &err);
	free(bytes);
	if (rc) {
		cli_error_text(rc, &err, why, len);
		return rc;
	}
	*loaded = true;
	if (load_only)
		return 0;
	return instantiate(sf, m->mod, &m->inst, trap, why, len);
}

static void user_unload_now(struct spec_file *sf, struct spec_mod *m)
{
	kw_module_free(m->mod);
	m->mod = NULL;
}

/* The export an action names, if it is of @kind; else why not. */
static int find_export(struct spec_mod *m, const char *field, size_t flen, u32 kind,
		       struct kw_extern *ext, char *why, size_t len)
{
	if (kw_instance_export(m->inst, field, flen, ext)) {
		snprintf(why, len, "no such export");
		return -1;
	}
	if (ext->kind != kind) {
		snprintf(why, len, "not a %s", kind == KW_EXTERN_FUNC ? "function" : "global");
		return -1;
	}
	return 0;
}

static int user_invoke(struct spec_file *sf, struct spec_mod *m, const char *field, size_t flen,
		       const struct kw_value *args, u32 nargs, struct spec_result *r,
		       char *why, size_t len)
{
	struct kw_call_ctx ctx = { 0 };
	struct kw_functype ft;
	struct kw_extern ext;

	if (find_export(m, field, flen, KW_EXTERN_FUNC, &ext, why, len))
		return -KW_ENOTFOUND;
	kw_func_type(ext.func, &ft);
	r->nresults = ft.nresults;
	r->results = calloc(ft.nresults + 1, sizeof(*r->results));
	if (!r->results) {
		snprintf(why, len, "out of memory");
		return -KW_ENOMEM;
	}
	if (sf->o->timeout_ns)
		ctx.deadline_ns = kw_port_time_ns() + sf->o->timeout_ns;
	r->rc = kw_call(m->inst, ext.func, args, nargs, r->results, r->nresults, &ctx);
	r->trap = ctx.trap;
	return 0;
}

static int user_get(struct spec_file *sf, struct spec_mod *m, const char *field, size_t flen,
		    struct spec_result *r, char *why, size_t len)
{
	struct kw_extern ext;

	if (find_export(m, field, flen, KW_EXTERN_GLOBAL, &ext, why, len))
		return -KW_ENOTFOUND;
	r->results = calloc(1, sizeof(*r->results));
	if (!r->results) {
		snprintf(why, len, "out of memory");
		return -KW_ENOMEM;
	}
	r->nresults = 1;
	kw_global_get(ext.global, r->results);
	return 0;
}

static void user_end(struct spec_file *sf)
{
	struct spec_mod *m;

	/* Instances newest first: importers before exporters; then modules. */
	for (m = sf->mods; m; m = m->next)
		kw_instance_free(m->inst);
	for (m = sf->mods; m; m = m->next)
		kw_module_free(m->mod);
	spectest_free(sf->st);
}

const struct spec_backend spec_user = SPEC_BACKEND(user);
