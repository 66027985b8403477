// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: KWASM_CMD_ATTACH and KWASM_CMD_DETACH, netfilter attachments
 * of data-path filters (nf.c).  Process context; both need CAP_SYS_ADMIN.
 */
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/netfilter_ipv4.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>

#include "dp.h"
#include "genl.h"
#include "nf.h"
#include "registry.h"

/* Export names are printed up to this many bytes in messages. */
#define KW_GENL_NF_SHOW	48

/**
 * struct kw_genl_nf_req - what ATTACH and DETACH have in common
 * @name: the module's name
 * @export: the export's name in the request, not NUL-terminated
 * @elen: its length
 * @hook: KWASM_HOOK_*
 * @net: the network namespace, with a reference
 */
struct kw_genl_nf_req {
	char name[KWASM_NAME_MAX];
	const char *export;
	u32 elen;
	u32 hook;
	struct net *net;
};

static int kw_genl_nf_netns(struct genl_info *info, struct kw_genl_nf_req *r)
{
	struct nlattr *a = info->attrs[KWASM_A_NETNS_FD];

	if (!a) {
		r->net = get_net(genl_info_net(info));
		return 0;
	}
	r->net = get_net_ns_by_fd(nla_get_u32(a));
	if (!IS_ERR(r->net))
		return 0;
	if (PTR_ERR(r->net) == -EBADF)
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "kwasm: KWASM_A_NETNS_FD is not an open file descriptor");
	else
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "kwasm: KWASM_A_NETNS_FD is not a network namespace (/proc/PID/ns/net)");
	return PTR_ERR(r->net);
}

/* On success the caller put_net()s r->net. */
static int kw_genl_nf_parse(struct genl_info *info, struct kw_genl_nf_req *r)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *a;
	int ret;

	ret = kw_genl_get_name(info, r->name);
	if (ret)
		return ret;
	ret = kw_genl_get_export(info, &r->export, &r->elen);
	if (ret)
		return ret;
	a = info->attrs[KWASM_A_HOOK];
	if (!a) {
		NL_SET_ERR_MSG_MOD(extack, "missing netfilter hook (KWASM_A_HOOK)");
		NL_SET_ERR_ATTR_MISS(extack, NULL, KWASM_A_HOOK);
		return -EINVAL;
	}
	r->hook = nla_get_u32(a);
	if (r->hook == KWASM_HOOK_NONE || r->hook > KWASM_HOOK_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "kwasm: unknown netfilter hook (KWASM_A_HOOK, KWASM_HOOK_*)");
		return -EINVAL;
	}
	return kw_genl_nf_netns(info, r);
}

/**
 * kw_genl_attach() - KWASM_CMD_ATTACH
 * @skb: the request
 * @info: its attributes
 *
 * Return: 0 or a negative errno, with an extack message.
 */
int kw_genl_attach(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct kw_status st = {};
	struct kw_genl_nf_req r;
	s32 prio = NF_IP_PRI_FILTER;	/* NF_IP6_PRI_FILTER is the same */
	struct kw_dp_fn *fn;
	struct kw_entry *m;
	int ret;

	if (kw_genl_need_admin(skb, info))
		return -EPERM;
	ret = kw_genl_nf_parse(info, &r);
	if (ret)
		return ret;
	if (info->attrs[KWASM_A_PRIORITY])
		prio = nla_get_s32(info->attrs[KWASM_A_PRIORITY]);

	m = kw_registry_attach_get(r.name, &st);
	if (IS_ERR_OR_NULL(m)) {
		ret = m ? PTR_ERR(m) : -ENOENT;
		if (st.msg[0])
			NL_SET_ERR_MSG_FMT_MOD(extack, "%s", st.msg);
		else
			NL_SET_ERR_MSG_FMT_MOD(extack, "no data-path module named %s", r.name);
		goto out_net;
	}
	fn = kw_dp_find(m, r.export, r.elen);
	if (!fn) {
		NL_SET_ERR_MSG_FMT_MOD(extack, "no data-path export %.*s in %s",
				       (int)min_t(u32, r.elen, KW_GENL_NF_SHOW), r.export, r.name);
		ret = -ENOENT;
		goto out_put;
	}
	ret = kw_nf_attach(m, fn, r.hook, r.net, nla_get_flag(info->attrs[KWASM_A_FAIL_CLOSED]),
			   prio, extack);
	if (!ret)
		goto out_net;	/* the attachment keeps the module reference */
out_put:
	kw_registry_attach_put(m);
out_net:
	put_net(r.net);
	return ret;
}

/**
 * kw_genl_detach() - KWASM_CMD_DETACH
 * @skb: the request
 * @info: its attributes
 *
 * Return: 0 or a negative errno, with an extack message.
 */
int kw_genl_detach(struct sk_buff *skb, struct genl_info *info)
{
	struct kw_genl_nf_req r;
	int ret;

	if (kw_genl_need_admin(skb, info))
		return -EPERM;
	if (info->attrs[KWASM_A_FAIL_CLOSED] || info->attrs[KWASM_A_PRIORITY]) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "KWASM_A_FAIL_CLOSED and KWASM_A_PRIORITY are for ATTACH only");
		return -EINVAL;
	}
	ret = kw_genl_nf_parse(info, &r);
	if (ret)
		return ret;
	ret = kw_nf_detach(r.name, r.export, r.elen, r.hook, r.net, info->extack);
	put_net(r.net);
	return ret;
}
