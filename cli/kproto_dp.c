// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm data-path messages: netfilter hook names, ATTACH/DETACH requests,
 * and the MAP_* requests and replies.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kproto.h"

/* Hook names as the command line spells them, indexed by KWASM_HOOK_*. */
static const char *const hook_names[KWASM_HOOK_MAX + 1] = {
	[KWASM_HOOK_IPV4_IN] = "ipv4-in",
	[KWASM_HOOK_IPV4_OUT] = "ipv4-out",
	[KWASM_HOOK_IPV6_IN] = "ipv6-in",
	[KWASM_HOOK_IPV6_OUT] = "ipv6-out",
	[KWASM_HOOK_FORWARD] = "forward",
};

/**
 * kp_hook_parse() - a netfilter hook by its command-line name
 * @s: "ipv4-in", "ipv4-out", "ipv6-in", "ipv6-out" or "forward"
 *
 * Return: KWASM_HOOK_*, or -EINVAL for any other name.
 */
int kp_hook_parse(const char *s)
{
	int i;

	for (i = KWASM_HOOK_NONE + 1; i <= KWASM_HOOK_MAX; i++)
		if (!strcmp(s, hook_names[i]))
			return i;
	return -EINVAL;
}

/**
 * kp_hook_name() - the command-line name of a netfilter hook
 * @hook: KWASM_HOOK_*
 *
 * Return: the name, or NULL for KWASM_HOOK_NONE and unknown hooks.
 */
const char *kp_hook_name(u32 hook)
{
	return hook <= KWASM_HOOK_MAX ? hook_names[hook] : NULL;
}

/**
 * kp_put_attach() - append the attributes of an ATTACH or DETACH request
 * @m: the message
 * @r: what to attach or detach
 * @attach: true for ATTACH; DETACH takes no fail-closed flag or priority
 */
void kp_put_attach(struct nl_msg *m, const struct kp_attach_req *r, bool attach)
{
	nl_put_str(m, KWASM_A_NAME, r->name);
	nl_put_str(m, KWASM_A_EXPORT, r->export);
	nl_put_u32(m, KWASM_A_HOOK, r->hook);
	if (r->netns_fd >= 0)
		nl_put_u32(m, KWASM_A_NETNS_FD, r->netns_fd);
	if (!attach)
		return;
	if (r->fail_closed)
		nl_put(m, KWASM_A_FAIL_CLOSED, NULL, 0);
	if (r->has_priority)
		nl_put_u32(m, KWASM_A_PRIORITY, (u32)r->priority);
}

/**
 * kp_put_map() - append the attributes of a MAP_* request
 * @m: the message
 * @r: module, map, and key and value when the command takes them
 */
void kp_put_map(struct nl_msg *m, const struct kp_map_req *r)
{
	nl_put_str(m, KWASM_A_NAME, r->name);
	if (r->map >= 0)
		nl_put_u32(m, KWASM_A_MAP, r->map);
	if (r->key)
		nl_put(m, KWASM_A_KEY, r->key, r->klen);
	if (r->value)
		nl_put(m, KWASM_A_MAP_VALUE, r->value, r->vlen);
}

/* Copy a binary attribute of at most @cap bytes; an absent one is 0 bytes. */
static bool get_bytes(const struct nlattr *a, u8 *out, u32 cap, u32 *len)
{
	*len = 0;
	if (!a)
		return true;
	if (nl_len(a) > cap)
		return false;
	*len = nl_len(a);
	memcpy(out, nl_data(a), *len);
	return true;
}

/* Append one entry decoded from @attrs; DUMP entries must name map and key. */
static int map_reply(const void *attrs, size_t len, struct kp_map_entries *l, bool dump)
{
	const struct nlattr *tb[KWASM_A_MAX + 1];
	struct kp_map_entry e = { 0 }, *v;

	if (nl_parse(attrs, len, tb, KWASM_A_MAX) || !tb[KWASM_A_MAP_VALUE] ||
	    (dump && (!nl_get_u32(tb[KWASM_A_MAP], &e.map) || !tb[KWASM_A_KEY])) ||
	    !get_bytes(tb[KWASM_A_KEY], e.key, sizeof(e.key), &e.klen) ||
	    !get_bytes(tb[KWASM_A_MAP_VALUE], e.value, sizeof(e.value), &e.vlen))
		return -EBADMSG;
	v = realloc(l->v, (l->n + 1) * sizeof(*l->v));
	if (!v)
		return -ENOMEM;
	l->v = v;
	l->v[l->n++] = e;
	return 0;
}

/**
 * kp_map_value_cb() - decode a MAP_GET reply
 * @genl: the generic netlink header
 * @attrs: the attributes
 * @len: their length
 * @arg: struct kp_map_entries *; the value is appended as an entry
 *
 * Return: 0, -EBADMSG or -ENOMEM.
 */
int kp_map_value_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg)
{
	return map_reply(attrs, len, arg, false);
}

/**
 * kp_map_entry_cb() - decode one entry of a MAP_DUMP reply
 * @genl: the generic netlink header
 * @attrs: the attributes
 * @len: their length
 * @arg: struct kp_map_entries *, which the entry is appended to
 *
 * Return: 0, -EBADMSG or -ENOMEM.
 */
int kp_map_entry_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg)
{
	return map_reply(attrs, len, arg, true);
}

/**
 * kp_map_entries_free() - free what the map callbacks collected
 * @l: the entries; left empty
 */
void kp_map_entries_free(struct kp_map_entries *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
