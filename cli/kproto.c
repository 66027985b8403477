// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm control-plane messages: argument encoding and reply decoding.
 *
 * Decoders are nl_request() callbacks.  Required attributes that are missing
 * or malformed make the reply -EBADMSG; optional counters default to 0, so
 * an older or newer kernel with fewer or more attributes still works.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kproto.h"

/* The 64 value bits of an argument or result, as KWASM_V_BITS carries them. */
static u64 value_bits(const struct kw_value *v)
{
	switch (v->type) {
	case KW_I32:
		return v->i32;
	case KW_F32:
		return v->f32;
	case KW_I64:
		return v->i64;
	case KW_F64:
		return v->f64;
	case KW_EXTERNREF:
		/* Opaque to the kernel, which hands the same bits back. */
		return (kw_uptr)v->ref;
	default:
		return v->ref ? 1 : 0;
	}
}

static void value_set(struct kw_value *v, u8 type, u64 bits)
{
	memset(v, 0, sizeof(*v));
	v->type = type;
	switch (type) {
	case KW_I32:
		v->i32 = bits;
		break;
	case KW_F32:
		v->f32 = bits;
		break;
	case KW_I64:
		v->i64 = bits;
		break;
	case KW_F64:
		v->f64 = bits;
		break;
	case KW_EXTERNREF:
		/* Our own bits, as we passed them. */
		v->ref = (void *)(kw_uptr)bits;
		break;
	default:
		/* Function references cannot leave the kernel; only null-ness is shown. */
		v->ref = bits ? (void *)1 : NULL;
		break;
	}
}

/**
 * kp_put_args() - append KWASM_A_ARGS for a CALL request
 * @m: the message
 * @args: the arguments, in order
 * @n: their number
 */
void kp_put_args(struct nl_msg *m, const struct kw_value *args, u32 n)
{
	size_t nest, val;
	u32 i;

	nest = nl_nest_start(m, KWASM_A_ARGS);
	for (i = 0; i < n; i++) {
		val = nl_nest_start(m, KWASM_A_VALUE);
		nl_put_u8(m, KWASM_V_TYPE, args[i].type);
		nl_put_u64(m, KWASM_V_BITS, value_bits(&args[i]));
		nl_nest_end(m, val);
	}
	nl_nest_end(m, nest);
}

/**
 * kp_id_cb() - read KWASM_A_ID from a LOAD reply
 * @genl: the generic netlink header
 * @attrs: the attributes
 * @len: their length
 * @arg: u32 *, the id
 *
 * Return: 0 or -EBADMSG.
 */
int kp_id_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg)
{
	const struct nlattr *tb[KWASM_A_MAX + 1];

	if (nl_parse(attrs, len, tb, KWASM_A_MAX))
		return -EBADMSG;
	/* A failed load may reply with its status only; the error follows. */
	nl_get_u32(tb[KWASM_A_ID], arg);
	return 0;
}

/* A binary attribute of value types, copied to a malloc'd array. */
static int get_types(const struct nlattr *a, u8 **out, u32 *n)
{
	*out = NULL;
	*n = 0;
	if (!a || !nl_len(a))
		return 0;
	*out = malloc(nl_len(a));
	if (!*out)
		return -ENOMEM;
	memcpy(*out, nl_data(a), nl_len(a));
	*n = nl_len(a);
	return 0;
}

/*
 * Decode the @type entries of the nest @list with @one into a malloc'd array
 * of @size-byte elements.  Each element is counted before it is decoded, so
 * on failure the caller frees every one that was started.
 */
static int parse_nest_list(const struct nlattr *list, u16 type, size_t size, void **v, u32 *n,
			   int (*one)(const struct nlattr *a, void *elem))
{
	const struct nlattr *a;
	size_t off = 0;
	u32 count = 0;
	int rc;

	if (nl_parse(nl_data(list), nl_len(list), NULL, 0))
		return -EBADMSG;
	while ((a = nl_next(nl_data(list), nl_len(list), &off)))
		count += (a->nla_type & NLA_TYPE_MASK) == type;
	*v = calloc(count ? count : 1, size);
	if (!*v)
		return -ENOMEM;
	off = 0;
	while ((a = nl_next(nl_data(list), nl_len(list), &off))) {
		if ((a->nla_type & NLA_TYPE_MASK) != type)
			continue;
		(*n)++;
		rc = one(a, (u8 *)*v + (*n - 1) * size);
		if (rc)
			return rc;
	}
	return 0;
}

static int parse_export(const struct nlattr *entry, void *elem)
{
	const struct nlattr *tb[KWASM_E_MAX + 1];
	struct kp_export *e = elem;
	const char *name;

	if (nl_parse(nl_data(entry), nl_len(entry), tb, KWASM_E_MAX))
		return -EBADMSG;
	name = nl_get_str(tb[KWASM_E_NAME]);
	if (!name)
		return -EBADMSG;
	e->name = strdup(name);
	if (!e->name || get_types(tb[KWASM_E_PARAMS], &e->params, &e->nparams) ||
	    get_types(tb[KWASM_E_RESULTS], &e->results, &e->nresults))
		return -ENOMEM;
	if (tb[KWASM_E_HANDLE] && !nl_get_u32(tb[KWASM_E_HANDLE], &e->handle))
		return -EBADMSG;
	e->has_handle = tb[KWASM_E_HANDLE];
	return 0;
}

static int parse_attach(const struct nlattr *entry, void *elem)
{
	const struct nlattr *tb[KWASM_T_MAX + 1];
	struct kp_attach *t = elem;
	const char *export;
	u8 fail_closed = 0;
	u32 prio = 0;

	if (nl_parse(nl_data(entry), nl_len(entry), tb, KWASM_T_MAX))
		return -EBADMSG;
	export = nl_get_str(tb[KWASM_T_EXPORT]);
	if (!export || !nl_get_u32(tb[KWASM_T_HOOK], &t->hook))
		return -EBADMSG;
	t->export = strdup(export);
	if (!t->export)
		return -ENOMEM;
	nl_get_u32(tb[KWASM_T_NETNS], &t->netns);
	nl_get_u8(tb[KWASM_T_FAIL_CLOSED], &fail_closed);
	t->fail_closed = fail_closed;
	nl_get_u32(tb[KWASM_T_PRIORITY], &prio);
	t->priority = (s32)prio;
	nl_get_u64(tb[KWASM_T_PACKETS], &t->packets);
	nl_get_u64(tb[KWASM_T_ACCEPTS], &t->accepts);
	nl_get_u64(tb[KWASM_T_DROPS], &t->drops);
	nl_get_u64(tb[KWASM_T_ERRORS], &t->errors);
	return 0;
}

static int parse_stats(const struct nlattr *nest, struct kp_module *m)
{
	const struct nlattr *tb[KWASM_S_MAX + 1];

	if (!nest)
		return 0;
	if (nl_parse(nl_data(nest), nl_len(nest), tb, KWASM_S_MAX))
		return -EBADMSG;
	nl_get_u64(tb[KWASM_S_CALLS], &m->calls);
	nl_get_u64(tb[KWASM_S_TRAPS], &m->traps);
	nl_get_u64(tb[KWASM_S_FUEL], &m->fuel_used);
	nl_get_u64(tb[KWASM_S_TIME_NS], &m->time_ns);
	nl_get_u64(tb[KWASM_S_DP_CALLS], &m->dp_calls);
	nl_get_u64(tb[KWASM_S_DP_BUSY], &m->dp_busy);
	nl_get_u64(tb[KWASM_S_DP_ERRORS], &m->dp_errors);
	return nl_get_u64_table(tb[KWASM_S_TRAP_KINDS], m->trap_kinds, 0, KP_TRAP_KINDS - 1);
}

static void module_free(struct kp_module *m)
{
	u32 i;

	for (i = 0; i < m->nexports; i++) {
		free(m->exports[i].name);
		free(m->exports[i].params);
		free(m->exports[i].results);
	}
	free(m->exports);
	m->exports = NULL;
	m->nexports = 0;
	for (i = 0; i < m->nattach; i++)
		free(m->attach[i].export);
	free(m->attach);
	m->attach = NULL;
	m->nattach = 0;
}

/**
 * kp_module_cb() - decode one module of a LIST reply
 * @genl: the generic netlink header
 * @attrs: the attributes
 * @len: their length
 * @arg: struct kp_modules *, which the module is appended to
 *
 * Return: 0, -EBADMSG or -ENOMEM.
 */
int kp_module_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg)
{
	const struct nlattr *tb[KWASM_A_MAX + 1];
	struct kp_modules *l = arg;
	struct kp_module *m, *v;
	const char *name;
	int rc;

	if (nl_parse(attrs, len, tb, KWASM_A_MAX))
		return -EBADMSG;
	name = nl_get_str(tb[KWASM_A_NAME]);
	if (!name || strlen(name) >= KWASM_NAME_MAX)
		return -EBADMSG;
	v = realloc(l->v, (l->n + 1) * sizeof(*l->v));
	if (!v)
		return -ENOMEM;
	l->v = v;
	m = &l->v[l->n];
	memset(m, 0, sizeof(*m));
	strcpy(m->name, name);
	nl_get_u32(tb[KWASM_A_ID], &m->id);
	nl_get_u64(tb[KWASM_A_SIZE], &m->size);
	nl_get_u64(tb[KWASM_A_FUEL], &m->fuel);
	nl_get_u32(tb[KWASM_A_MAX_PAGES], &m->max_pages);
	nl_get_u32(tb[KWASM_A_MEM_PAGES], &m->mem_pages);
	m->datapath = tb[KWASM_A_DATAPATH];
	nl_get_u32(tb[KWASM_A_EXPORTS_OMITTED], &m->exports_omitted);
	rc = 0;
	if (tb[KWASM_A_EXPORTS])
		rc = parse_nest_list(tb[KWASM_A_EXPORTS], KWASM_A_EXPORT_ENTRY, sizeof(*m->exports),
				     (void **)&m->exports, &m->nexports, parse_export);
	if (!rc && tb[KWASM_A_ATTACHMENTS])
		rc = parse_nest_list(tb[KWASM_A_ATTACHMENTS], KWASM_A_ATTACH_ENTRY,
				     sizeof(*m->attach), (void **)&m->attach, &m->nattach,
				     parse_attach);
	if (!rc)
		rc = parse_stats(tb[KWASM_A_STATS], m);
	if (rc) {
		module_free(m);
		return rc;
	}
	l->n++;
	return 0;
}

static int parse_value(const struct nlattr *a, void *elem)
{
	const struct nlattr *tb[KWASM_V_MAX + 1];
	u64 bits;
	u8 type;

	if (nl_parse(nl_data(a), nl_len(a), tb, KWASM_V_MAX) ||
	    !nl_get_u8(tb[KWASM_V_TYPE], &type) || !nl_get_u64(tb[KWASM_V_BITS], &bits))
		return -EBADMSG;
	value_set(elem, type, bits);
	return 0;
}

/**
 * kp_call_cb() - decode a CALL reply
 * @genl: the generic netlink header
 * @attrs: the attributes
 * @len: their length
 * @arg: struct kp_call *, zeroed by the caller
 *
 * Return: 0, -EBADMSG or -ENOMEM.
 */
int kp_call_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg)
{
	const struct nlattr *tb[KWASM_A_MAX + 1];
	struct kp_call *c = arg;
	const char *msg;

	if (nl_parse(attrs, len, tb, KWASM_A_MAX))
		return -EBADMSG;
	nl_get_u64(tb[KWASM_A_FUEL_USED], &c->fuel_used);
	if (tb[KWASM_A_TRAP_CODE]) {
		if (!nl_get_u32(tb[KWASM_A_TRAP_CODE], &c->trap_code))
			return -EBADMSG;
		c->trapped = true;
		nl_get_u32(tb[KWASM_A_TRAP_FUNC], &c->trap_func);
		nl_get_u32(tb[KWASM_A_TRAP_OFFSET], &c->trap_offset);
		msg = nl_get_str(tb[KWASM_A_TRAP_MSG]);
		if (msg)
			snprintf(c->trap_msg, sizeof(c->trap_msg), "%s", msg);
		return 0;
	}
	if (!tb[KWASM_A_RESULTS])
		return 0;
	kp_call_free(c);
	return parse_nest_list(tb[KWASM_A_RESULTS], KWASM_A_VALUE, sizeof(*c->results),
			       (void **)&c->results, &c->nresults, parse_value);
}

/**
 * kp_stats_cb() - decode a STATS reply
 * @genl: the generic netlink header
 * @attrs: the attributes
 * @len: their length
 * @arg: struct kp_stats *
 *
 * Return: 0 or -EBADMSG.
 */
int kp_stats_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg)
{
	const struct nlattr *tb[KWASM_A_MAX + 1];
	struct kp_stats *s = arg;
	u32 bpf = 0;

	if (nl_parse(attrs, len, tb, KWASM_A_MAX) ||
	    !nl_get_u32(tb[KWASM_A_NMODULES], &s->nmodules))
		return -EBADMSG;
	nl_get_u64(tb[KWASM_A_ALLOCS], &s->allocs);
	nl_get_u64(tb[KWASM_A_FUEL], &s->fuel);
	nl_get_u32(tb[KWASM_A_MAX_PAGES], &s->max_pages);
	nl_get_u32(tb[KWASM_A_MAX_MODULES], &s->max_modules);
	nl_get_u32(tb[KWASM_A_MAX_FILE], &s->max_file);
	s->has_bpf = nl_get_u32(tb[KWASM_A_BPF], &bpf);
	s->bpf = (s32)bpf;
	return 0;
}

/**
 * kp_find_export() - look up an exported function by name
 * @m: the module
 * @name: export name
 *
 * Return: the export, or NULL.
 */
const struct kp_export *kp_find_export(const struct kp_module *m, const char *name)
{
	u32 i;

	for (i = 0; i < m->nexports; i++)
		if (!strcmp(m->exports[i].name, name))
			return &m->exports[i];
	return NULL;
}

/**
 * kp_modules_free() - free what kp_module_cb() collected
 * @l: the list; it is left empty
 */
void kp_modules_free(struct kp_modules *l)
{
	u32 i;

	for (i = 0; i < l->n; i++)
		module_free(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/**
 * kp_call_free() - free what kp_call_cb() allocated
 * @c: the reply
 */
void kp_call_free(struct kp_call *c)
{
	free(c->results);
	c->results = NULL;
	c->nresults = 0;
}
