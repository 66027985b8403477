// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: KWASM_CMD_MAP_GET, MAP_SET, MAP_DEL and MAP_DUMP: userspace
 * access to a module's key-value maps.  Process context; the maps'
 * spinlocks are the only locks taken, so map requests never wait for a
 * running call.
 */
#include <linux/errno.h>
#include <linux/kwasm.h>
#include <net/genetlink.h>

#include "genl.h"
#include "map.h"
#include "registry.h"

/* The module named in the request, with its maps, and a reference. */
static struct kw_entry *kw_genl_map_mod(struct genl_info *info)
{
	char name[KWASM_NAME_MAX];
	struct kw_entry *m;

	if (kw_genl_get_name(info, name))
		return ERR_PTR(-EINVAL);
	m = kw_registry_get(name);
	if (!m) {
		NL_SET_ERR_MSG_FMT_MOD(info->extack, "no module named %s", name);
		return ERR_PTR(-ENOENT);
	}
	if (!m->maps) {
		NL_SET_ERR_MSG_FMT_MOD(info->extack,
				       "module %s has no maps (it imports no kwasm.map_* function)",
				       name);
		kw_entry_put(m);
		return ERR_PTR(-ENOENT);
	}
	return m;
}

/* A request's MAP, KEY and, for SET, VALUE. */
struct kw_map_req {
	u32 map;
	const void *key;
	u32 klen;
	const void *val;
	u32 vlen;
};

/* Parse MAP and KEY (and VALUE when @val is set) into @req. */
static int kw_genl_map_parse(struct genl_info *info, struct kw_map_req *req, bool val)
{
	static const int need[] = { KWASM_A_MAP, KWASM_A_KEY, KWASM_A_MAP_VALUE };
	u32 i;

	for (i = 0; i < ARRAY_SIZE(need) - !val; i++) {
		if (!info->attrs[need[i]]) {
			NL_SET_ERR_MSG_FMT_MOD(info->extack, "missing %s",
					       i == 0 ? "map number" : i == 1 ? "key" : "value");
			NL_SET_ERR_ATTR_MISS(info->extack, NULL, need[i]);
			return -EINVAL;
		}
	}
	req->map = nla_get_u32(info->attrs[KWASM_A_MAP]);
	req->key = nla_data(info->attrs[KWASM_A_KEY]);
	req->klen = nla_len(info->attrs[KWASM_A_KEY]);
	if (val) {
		req->val = nla_data(info->attrs[KWASM_A_MAP_VALUE]);
		req->vlen = nla_len(info->attrs[KWASM_A_MAP_VALUE]);
	}
	return 0;
}

/* The common start of GET, SET and DEL: permission, module, attributes. */
static struct kw_entry *kw_genl_map_begin(struct sk_buff *skb, struct genl_info *info,
					  struct kw_map_req *req, bool val)
{
	struct kw_entry *m;
	int ret;

	if (kw_genl_need_admin(skb, info))
		return ERR_PTR(-EPERM);
	m = kw_genl_map_mod(info);
	if (IS_ERR(m))
		return m;
	ret = kw_genl_map_parse(info, req, val);
	if (ret) {
		kw_entry_put(m);
		return ERR_PTR(ret);
	}
	return m;
}

/**
 * kw_genl_map_get() - KWASM_CMD_MAP_GET: reply with one value
 * @skb: the request
 * @info: its parsed form
 *
 * Return: 0 or a negative errno (-ENOENT for an absent key).
 */
int kw_genl_map_get(struct sk_buff *skb, struct genl_info *info)
{
	u8 val[KWASM_MAP_VALUE_MAX];
	struct kw_map_req req;
	struct sk_buff *msg;
	struct kw_entry *m;
	void *hdr;
	int ret;

	m = kw_genl_map_begin(skb, info, &req, false);
	if (IS_ERR(m))
		return PTR_ERR(m);
	ret = kw_map_get(m->maps, req.map, req.key, req.klen, val, sizeof(val));
	kw_entry_put(m);
	if (ret == -ENOENT)
		NL_SET_ERR_MSG_MOD(info->extack, "no such key");
	if (ret < 0)
		return ret;
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &kw_genl_family, 0, KWASM_CMD_MAP_GET);
	if (!hdr || nla_put(msg, KWASM_A_MAP_VALUE, ret, val)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/**
 * kw_genl_map_set() - KWASM_CMD_MAP_SET: insert or replace a value
 * @skb: the request
 * @info: its parsed form
 *
 * Return: 0 or a negative errno (-ENOSPC when the map is full).
 */
int kw_genl_map_set(struct sk_buff *skb, struct genl_info *info)
{
	struct kw_map_req req;
	struct kw_entry *m;
	int ret;

	m = kw_genl_map_begin(skb, info, &req, true);
	if (IS_ERR(m))
		return PTR_ERR(m);
	ret = kw_map_set(m->maps, req.map, req.key, req.klen, req.val, req.vlen);
	kw_entry_put(m);
	if (ret == -ENOSPC)
		NL_SET_ERR_MSG_FMT_MOD(info->extack, "map %u is full (map_entries = %u)", req.map,
				       READ_ONCE(kw_param_map_entries));
	return ret;
}

/**
 * kw_genl_map_del() - KWASM_CMD_MAP_DEL: remove a key
 * @skb: the request
 * @info: its parsed form
 *
 * Return: 0 or a negative errno (-ENOENT for an absent key).
 */
int kw_genl_map_del(struct sk_buff *skb, struct genl_info *info)
{
	struct kw_map_req req;
	struct kw_entry *m;
	int ret;

	m = kw_genl_map_begin(skb, info, &req, false);
	if (IS_ERR(m))
		return PTR_ERR(m);
	ret = kw_map_del(m->maps, req.map, req.key, req.klen);
	kw_entry_put(m);
	if (ret == -ENOENT)
		NL_SET_ERR_MSG_MOD(info->extack, "no such key");
	return ret;
}

/* cb->args: [0] the module (a reference), [1] current map, [2] walk position, [3] last map. */
struct kw_map_dump {
	struct sk_buff *skb;
	struct netlink_callback *cb;
};

static int kw_genl_map_put(void *arg, u32 map, const u8 *key, u32 klen, const u8 *val,
			   u32 vlen)
{
	struct kw_map_dump *d = arg;
	void *hdr;

	hdr = genlmsg_put(d->skb, NETLINK_CB(d->cb->skb).portid, d->cb->nlh->nlmsg_seq,
			  &kw_genl_family, NLM_F_MULTI, KWASM_CMD_MAP_DUMP);
	if (!hdr)
		return 1;
	if (nla_put_u32(d->skb, KWASM_A_MAP, map) || nla_put(d->skb, KWASM_A_KEY, klen, key) ||
	    nla_put(d->skb, KWASM_A_MAP_VALUE, vlen, val)) {
		genlmsg_cancel(d->skb, hdr);
		return 1;
	}
	genlmsg_end(d->skb, hdr);
	return 0;
}

/**
 * kw_genl_map_dump_start() - KWASM_CMD_MAP_DUMP: find the module
 * @cb: the dump state
 *
 * Return: 0 or a negative errno.
 */
int kw_genl_map_dump_start(struct netlink_callback *cb)
{
	struct nlattr **attrs = kw_compat_dump_attrs(cb);
	struct genl_info info = { .attrs = attrs, .extack = cb->extack };
	struct kw_entry *m;

	if (!netlink_capable(cb->skb, CAP_SYS_ADMIN)) {
		NL_SET_ERR_MSG_MOD(cb->extack, "need CAP_SYS_ADMIN");
		return -EPERM;
	}
	m = kw_genl_map_mod(&info);
	if (IS_ERR(m))
		return PTR_ERR(m);
	cb->args[0] = (long)m;
	cb->args[1] = 0;
	cb->args[3] = KWASM_MAPS - 1;
	if (attrs[KWASM_A_MAP]) {
		cb->args[1] = nla_get_u32(attrs[KWASM_A_MAP]);
		cb->args[3] = cb->args[1];
	}
	cb->args[2] = 0;
	return 0;
}

/**
 * kw_genl_map_dump() - KWASM_CMD_MAP_DUMP: one message per entry
 * @skb: the dump buffer
 * @cb: the dump state
 *
 * Return: bytes added, 0 when done.
 */
int kw_genl_map_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct kw_entry *m = (struct kw_entry *)cb->args[0];
	struct kw_map_dump d = { .skb = skb, .cb = cb };
	u64 pos;

	while (cb->args[1] <= cb->args[3]) {
		pos = cb->args[2];
		if (kw_map_walk(m->maps, cb->args[1], &pos, kw_genl_map_put, &d) > 0) {
			cb->args[2] = pos;
			/* One entry always fits an empty skb: a full one ends this round. */
			return skb->len;
		}
		cb->args[1]++;
		cb->args[2] = 0;
	}
	return skb->len;
}

/**
 * kw_genl_map_dump_done() - drop the dump's module reference
 * @cb: the dump state
 *
 * Return: 0.
 */
int kw_genl_map_dump_done(struct netlink_callback *cb)
{
	kw_entry_put((struct kw_entry *)cb->args[0]);
	return 0;
}
