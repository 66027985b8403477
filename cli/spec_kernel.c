// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The spec runner's kernel backend (kwasm spec --kernel): every module is
 * LOADed into kwasm.ko, actions are CALLs (a global is read by CALLing its
 * export), and registrations become LOAD import mappings.  The spectest
 * module is a guest (tests/e2e/wat/spectest.wat) loaded before each file.
 * Names are s<file>_<n> (s<file>_st for spectest); everything is unloaded
 * newest first at the end of the file, so importers go before targets.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "kernel.h"
#include "kproto.h"
#include "nl.h"
#include "spec.h"

/* Generous but finite: a runaway guest must end. */
#define KSPEC_FUEL	10000000000ull
/* Like the userspace backend: the whole wasm32 address space. */
#define KSPEC_MAX_PAGES	65536

/**
 * struct kspec - the kernel backend's state for one file
 * @sock: the netlink socket
 * @family: the kwasm family id
 * @spectest: the spectest module's kernel name, "" if none
 */
struct kspec {
	struct nl_sock sock;
	u16 family;
	char spectest[KWASM_NAME_MAX];
};

/* What a failed LOAD told us, besides the extack. */
struct kload_reply {
	u32 id;
	u32 status;
	u32 trap_code;
	bool has_status;
};

static int kload_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg)
{
	const struct nlattr *tb[KWASM_A_MAX + 1];
	struct kload_reply *r = arg;

	if (nl_parse(attrs, len, tb, KWASM_A_MAX))
		return -EBADMSG;
	nl_get_u32(tb[KWASM_A_ID], &r->id);
	if (nl_get_u32(tb[KWASM_A_STATUS], &r->status))
		r->has_status = true;
	nl_get_u32(tb[KWASM_A_TRAP_CODE], &r->trap_code);
	return 0;
}

static void ext_text(const struct nl_ext_err *ext, int err, char *why, size_t len)
{
	const char *msg = ext->msg;

	if (!strncmp(msg, KWASM_GENL_NAME ": ", strlen(KWASM_GENL_NAME) + 2))
		msg += strlen(KWASM_GENL_NAME) + 2;
	if (msg[0])
		snprintf(why, len, "%s", msg);
	else
		snprintf(why, len, "%s", strerror(-err));
}

/* LOAD @path as @name with @nmaps (from, to) pairs; 0 or -KW_* with @why. */
static int kload(struct kspec *k, const char *name, const char *path,
		 const char *const *maps, u32 nmaps, bool *loaded, struct kw_trap *trap,
		 char *why, size_t len)
{
	struct kload_reply r = { 0 };
	struct nl_ext_err ext = { 0 };
	struct nl_msg m;
	size_t nest, ent;
	int fd, rc;
	u32 i;

	*loaded = false;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, len, "%s: cannot open: %s", path, strerror(errno));
		return -KW_EARG;
	}
	rc = kmodule_memfd(fd);
	close(fd);
	if (rc < 0) {
		snprintf(why, len, "%s: cannot copy: %s", path, strerror(-rc));
		return -KW_EARG;
	}
	fd = rc;
	if (nl_msg_init(&m, k->family, NLM_F_ACK, KWASM_CMD_LOAD, KWASM_GENL_VERSION)) {
		close(fd);
		snprintf(why, len, "out of memory");
		return -KW_ENOMEM;
	}
	nl_put_str(&m, KWASM_A_NAME, name);
	nl_put_u32(&m, KWASM_A_FD, fd);
	nl_put_u64(&m, KWASM_A_FUEL, KSPEC_FUEL);
	nl_put_u32(&m, KWASM_A_MAX_PAGES, KSPEC_MAX_PAGES);
	if (nmaps) {
		nest = nl_nest_start(&m, KWASM_A_IMPORTS);
		for (i = 0; i < nmaps; i++) {
			ent = nl_nest_start(&m, KWASM_A_IMPORT_MAP);
			nl_put_str(&m, KWASM_M_FROM, maps[2 * i]);
			nl_put_str(&m, KWASM_M_TO, maps[2 * i + 1]);
			nl_nest_end(&m, ent);
		}
		nl_nest_end(&m, nest);
	}
	rc = nl_request(&k->sock, &m, kload_cb, &r, &ext);
	nl_msg_free(&m);
	close(fd);
	if (!rc) {
		*loaded = true;
		return 0;
	}
	ext_text(&ext, rc, why, len);
	if (!r.has_status)
		return rc == -ENOMEM ? -KW_ENOMEM : -KW_EARG;
	/* Decode and validation failures come from kw_module_load(). */
	*loaded = !strstr(why, "decoding failed") && !strstr(why, "validation failed") &&
		  !strstr(why, "load failed");
	if (r.status == KW_ETRAP)
		trap->code = r.trap_code;
	return -(int)r.status;
}

static int kunload(struct kspec *k, const char *name, char *why, size_t len)
{
	struct nl_ext_err ext = { 0 };
	struct nl_msg m;
	int rc;

	if (nl_msg_init(&m, k->family, NLM_F_ACK, KWASM_CMD_UNLOAD, KWASM_GENL_VERSION))
		return -ENOMEM;
	nl_put_str(&m, KWASM_A_NAME, name);
	rc = nl_request(&k->sock, &m, NULL, NULL, &ext);
	nl_msg_free(&m);
	if (rc)
		ext_text(&ext, rc, why, len);
	return rc;
}

static int kernel_begin(struct spec_file *sf, char *why, size_t len)
{
	struct nl_ext_err ext = { 0 };
	struct kw_trap trap;
	struct kspec *k;
	bool loaded;
	int rc;

	k = calloc(1, sizeof(*k));
	if (!k) {
		snprintf(why, len, "out of memory");
		return -1;
	}
	rc = nl_open(&k->sock);
	if (rc) {
		snprintf(why, len, "cannot open a netlink socket: %s", strerror(-rc));
		free(k);
		return -1;
	}
	rc = nl_family(&k->sock, KWASM_GENL_NAME, &k->family, &ext);
	if (rc) {
		snprintf(why, len, "%s", rc == -ENOENT ? "the kwasm kernel module is not loaded" :
			 strerror(-rc));
		nl_close(&k->sock);
		free(k);
		return -1;
	}
	sf->priv = k;
	if (!sf->o->spectest)
		return 0;
	snprintf(k->spectest, sizeof(k->spectest), "s%u_st", sf->index);
	rc = kload(k, k->spectest, sf->o->spectest, NULL, 0, &loaded, &trap, why, len);
	if (rc) {
		/* why says what the kernel said; say which module. */
		char tmp[256];

		snprintf(tmp, sizeof(tmp), "spectest: %s", why);
		snprintf(why, len, "%s", tmp);
		k->spectest[0] = '\0';
		nl_close(&k->sock);
		free(k);
		sf->priv = NULL;
		return -1;
	}
	return 0;
}

static int kernel_load(struct spec_file *sf, struct spec_mod *m, const char *path,
		       bool load_only, bool *loaded, struct kw_trap *trap, char *why, size_t len)
{
	struct kspec *k = sf->priv;
	const char **maps;
	struct spec_reg *r;
	u32 n = 0;
	int rc;

	for (r = sf->regs; r; r = r->next)
		n++;
	maps = calloc(2 * (n + 1), sizeof(*maps));
	if (!maps) {
		snprintf(why, len, "out of memory");
		return -KW_ENOMEM;
	}
	/* Newest registration first, then spectest: the kernel takes the first match. */
	n = 0;
	for (r = sf->regs; r; r = r->next) {
		if (!r->m->live || memchr(r->as, '\0', r->as_len))
			continue;
		maps[2 * n] = r->as;
		maps[2 * n + 1] = r->m->kname;
		n++;
	}
	if (k->spectest[0]) {
		maps[2 * n] = "spectest";
		maps[2 * n + 1] = k->spectest;
		n++;
	}
	snprintf(m->kname, sizeof(m->kname), "s%u_%u", sf->index, sf->seq++);
	rc = kload(k, m->kname, path, maps, n, loaded, trap, why, len);
	free(maps);
	if (rc)
		m->kname[0] = '\0';
	/* Only the binary was in question: it decoded and validated. */
	if (load_only && rc && *loaded)
		return 0;
	return rc;
}

static void kernel_unload_now(struct spec_file *sf, struct spec_mod *m)
{
	char why[256];

	if (m->kname[0] && kunload(sf->priv, m->kname, why, sizeof(why))) {
		printf("  FAIL unload %s: %s\n", m->kname, why);
		sf->c.failed++;
	}
	m->kname[0] = '\0';
}

/* CALL @field of @m; a global export reads as the single result. */
static int kcall(struct spec_file *sf, struct spec_mod *m, const char *field, size_t flen,
		 const struct kw_value *args, u32 nargs, struct spec_result *r, char *why,
		 size_t len)
{
	struct nl_ext_err ext = { 0 };
	struct kspec *k = sf->priv;
	struct kp_call c = { 0 };
	struct nl_msg m_;
	char *export;
	int rc;

	/* Names may hold NUL bytes: the kernel takes all but the one we add. */
	export = malloc(flen + 1);
	if (!export || nl_msg_init(&m_, k->family, NLM_F_ACK, KWASM_CMD_CALL,
				   KWASM_GENL_VERSION)) {
		free(export);
		snprintf(why, len, "out of memory");
		return -KW_ENOMEM;
	}
	memcpy(export, field, flen);
	export[flen] = '\0';
	nl_put_str(&m_, KWASM_A_NAME, m->kname);
	nl_put(&m_, KWASM_A_EXPORT, export, flen + 1);
	free(export);
	if (nargs)
		kp_put_args(&m_, args, nargs);
	rc = nl_request(&k->sock, &m_, kp_call_cb, &c, &ext);
	nl_msg_free(&m_);
	if (rc) {
		ext_text(&ext, rc, why, len);
		kp_call_free(&c);
		return rc == -ENOENT ? -KW_ENOTFOUND : -KW_EARG;
	}
	r->rc = c.trapped ? -KW_ETRAP : 0;
	r->trap.code = c.trap_code;
	r->trap.func_idx = c.trap_func;
	r->trap.offset = c.trap_offset;
	r->results = c.results;
	r->nresults = c.nresults;
	c.results = NULL;
	kp_call_free(&c);
	return 0;
}

static int kernel_invoke(struct spec_file *sf, struct spec_mod *m, const char *field,
			 size_t flen, const struct kw_value *args, u32 nargs,
			 struct spec_result *r, char *why, size_t len)
{
	return kcall(sf, m, field, flen, args, nargs, r, why, len);
}

static int kernel_get(struct spec_file *sf, struct spec_mod *m, const char *field, size_t flen,
		      struct spec_result *r, char *why, size_t len)
{
	return kcall(sf, m, field, flen, NULL, 0, r, why, len);
}

static void kernel_end(struct spec_file *sf)
{
	struct kspec *k = sf->priv;
	struct spec_mod *m;
	char why[256];

	if (!k)
		return;
	for (m = sf->mods; m; m = m->next)
		kernel_unload_now(sf, m);
	if (k->spectest[0] && kunload(k, k->spectest, why, sizeof(why))) {
		printf("  FAIL unload %s: %s\n", k->spectest, why);
		sf->c.failed++;
	}
	nl_close(&k->sock);
	free(k);
	sf->priv = NULL;
}

const struct spec_backend spec_kernel = SPEC_BACKEND(kernel);
