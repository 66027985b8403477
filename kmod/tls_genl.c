// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: the "kwasm_tls" generic netlink family, as documented in
 * include/uapi/linux/kwasm_tls.h: rules and status here, the handshake
 * upcall in tls_upcall.c.
 *
 * Handlers run in the sender's process context and may sleep; the family
 * is parallel_ops and everything it touches lives in the sender's network
 * namespace.  Every command needs CAP_NET_ADMIN in that namespace's user
 * namespace (GENL_UNS_ADMIN_PERM), so a container's root manages its own
 * rules and runs its own agent; so does joining the agent group.
 *
 * Limits: strings are paths (KWASM_TLS_PATH_MAX counts the NUL, as
 * PATH_MAX does), a peer identity has at most KWASM_TLS_PEER_MAX - 1
 * bytes, a server name at most 255.
 */
#include <linux/cred.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/uidgid.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "registry.h"
#include "tls.h"

#define KW_TLS_SNI_MAX		255
#define KW_TLS_EXPORT_MAX	4096

static const struct nla_policy kw_tls_pol_policy[KWASM_TLS_P_MAX + 1] = {
	[KWASM_TLS_P_MODULE] = { .type = NLA_STRING },
	[KWASM_TLS_P_EXPORT] = { .type = NLA_STRING },
};

/* Lengths and ranges are checked by the handlers, with clearer messages. */
static const struct nla_policy kw_tls_genl_policy[KWASM_TLS_A_MAX + 1] = {
	[KWASM_TLS_A_RULE_ID] = { .type = NLA_U32 },
	[KWASM_TLS_A_SIDE] = { .type = NLA_U8 },
	[KWASM_TLS_A_PORT] = { .type = NLA_U16 },
	[KWASM_TLS_A_ADDR] = { .type = NLA_BINARY },
	[KWASM_TLS_A_PREFIX] = { .type = NLA_U8 },
	[KWASM_TLS_A_UID] = { .type = NLA_U32 },
	[KWASM_TLS_A_CGROUP] = { .type = NLA_U64 },
	[KWASM_TLS_A_ACTION] = { .type = NLA_U8 },
	[KWASM_TLS_A_CERT] = { .type = NLA_STRING },
	[KWASM_TLS_A_KEY] = { .type = NLA_STRING },
	[KWASM_TLS_A_CA] = { .type = NLA_STRING },
	[KWASM_TLS_A_PEERS] = { .type = NLA_NESTED },
	[KWASM_TLS_A_SNI] = { .type = NLA_STRING },
	[KWASM_TLS_A_POLICY] = NLA_POLICY_NESTED(kw_tls_pol_policy),
	[KWASM_TLS_A_TIMEOUT_MS] = { .type = NLA_U32 },
	[KWASM_TLS_A_FAIL_OPEN] = { .type = NLA_FLAG },
	[KWASM_TLS_A_REQ_ID] = { .type = NLA_U64 },
	[KWASM_TLS_A_STATUS] = { .type = NLA_U32 },
	[KWASM_TLS_A_PEER_ID] = { .type = NLA_STRING },
	[KWASM_TLS_A_TX] = { .type = NLA_BINARY },
	[KWASM_TLS_A_RX] = { .type = NLA_BINARY },
};

static const struct genl_multicast_group kw_tls_mcgrps[] = {
	[KW_TLS_MCGRP_AGENT] = {
		.name = KWASM_TLS_MCGRP_AGENT,
		.flags = GENL_MCAST_CAP_NET_ADMIN,
	},
};

/**
 * kw_tls_check_str() - a string attribute: 1..@max bytes, no NUL inside
 * @a: the attribute (its trailing NUL is optional)
 * @max: the longest length allowed
 * @what: its name in the message
 * @lenp: out: its length
 * @extack: for the reason of a failure
 *
 * Return: 0 or -EINVAL with an extack message.
 */
int kw_tls_check_str(const struct nlattr *a, size_t max, const char *what, size_t *lenp,
		     struct netlink_ext_ack *extack)
{
	size_t len = strnlen(nla_data(a), nla_len(a));

	if (len + 1 < nla_len(a)) {
		NL_SET_ERR_MSG_FMT_MOD(extack, "%s holds a NUL byte", what);
	} else if (!len) {
		NL_SET_ERR_MSG_FMT_MOD(extack, "%s is empty", what);
	} else if (len > max) {
		NL_SET_ERR_MSG_FMT_MOD(extack, "%s is longer than %zu bytes", what, max);
	} else {
		*lenp = len;
		return 0;
	}
	NL_SET_BAD_ATTR(extack, a);
	return -EINVAL;
}

/* A copy of the string attribute @a, if present, in *@out. */
static int kw_tls_strdup(const struct nlattr *a, size_t max, const char *what, char **out,
			 struct netlink_ext_ack *extack)
{
	size_t len;
	int ret;

	if (!a)
		return 0;
	ret = kw_tls_check_str(a, max, what, &len, extack);
	if (ret)
		return ret;
	*out = kmemdup_nul(nla_data(a), len, GFP_KERNEL_ACCOUNT);
	return *out ? 0 : -ENOMEM;
}

/* KWASM_TLS_A_PEERS, rebuilt with NUL-terminated strings. */
static int kw_tls_parse_peers(const struct nlattr *nest, struct kw_tls_rule *r,
			      struct netlink_ext_ack *extack)
{
	size_t len, total = 0;
	struct nlattr *a, *p;
	u32 n = 0;
	int rem, ret;
	u8 *pos;

	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) != KWASM_TLS_A_PEER) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "kwasm: KWASM_TLS_A_PEERS holds only KWASM_TLS_A_PEER");
			return -EINVAL;
		}
		if (++n > KWASM_TLS_PEERS_MAX) {
			NL_SET_ERR_MSG_FMT_MOD(extack, "more than %u peer identities",
					       KWASM_TLS_PEERS_MAX);
			NL_SET_BAD_ATTR(extack, a);
			return -EINVAL;
		}
		ret = kw_tls_check_str(a, KWASM_TLS_PEER_MAX - 1, "peer identity", &len, extack);
		if (ret)
			return ret;
		if (len < 5 || (memcmp(nla_data(a), "dns:", 4) && memcmp(nla_data(a), "uri:", 4))) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "kwasm: a peer identity is dns:NAME or uri:URI");
			return -EINVAL;
		}
		total += nla_total_size(len + 1);
	}
	if (rem > 0) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "kwasm: KWASM_TLS_A_PEERS is malformed");
		return -EINVAL;
	}
	if (!n) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "kwasm: KWASM_TLS_A_PEERS is empty");
		return -EINVAL;
	}
	if (total > U16_MAX - NLA_HDRLEN) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "kwasm: the peer identities are too long");
		return -EINVAL;
	}
	r->peers = kzalloc(NLA_HDRLEN + total, GFP_KERNEL_ACCOUNT);
	if (!r->peers)
		return -ENOMEM;
	r->peers->nla_type = KWASM_TLS_A_PEERS | NLA_F_NESTED;
	r->peers->nla_len = NLA_HDRLEN + total;
	pos = nla_data(r->peers);
	nla_for_each_nested(a, nest, rem) {
		len = strnlen(nla_data(a), nla_len(a));
		p = (struct nlattr *)pos;
		p->nla_type = KWASM_TLS_A_PEER;
		p->nla_len = nla_attr_size(len + 1);
		memcpy(nla_data(p), nla_data(a), len);
		pos += nla_total_size(len + 1);
	}
	return 0;
}

/* KWASM_TLS_A_POLICY: a loaded module that is not a data-path one. */
static int kw_tls_parse_policy(const struct nlattr *nest, struct kw_tls_rule *r,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[KWASM_TLS_P_MAX + 1];
	struct kw_entry *m;
	bool dp;
	int ret;

	/* A deny rule resets before anything could be asked. */
	if (r->action == KWASM_TLS_ACT_DENY) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "kwasm: a deny rule takes no policy");
		return -EINVAL;
	}
	ret = nla_parse_nested(tb, KWASM_TLS_P_MAX, nest, kw_tls_pol_policy, extack);
	if (ret)
		return ret;
	if (!tb[KWASM_TLS_P_MODULE] || !tb[KWASM_TLS_P_EXPORT]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "kwasm: a policy needs KWASM_TLS_P_MODULE and KWASM_TLS_P_EXPORT");
		return -EINVAL;
	}
	ret = kw_tls_strdup(tb[KWASM_TLS_P_MODULE], KWASM_NAME_MAX - 1, "policy module",
			    &r->pol_module, extack);
	if (!ret)
		ret = kw_tls_strdup(tb[KWASM_TLS_P_EXPORT], KW_TLS_EXPORT_MAX, "policy export",
				    &r->pol_export, extack);
	if (ret)
		return ret;
	m = kw_registry_get(r->pol_module);
	if (!m) {
		NL_SET_ERR_MSG_FMT_MOD(extack, "no kwasm module named %.35s for the policy",
				       r->pol_module);
		NL_SET_BAD_ATTR(extack, tb[KWASM_TLS_P_MODULE]);
		return -ENOENT;
	}
	dp = m->dp;
	kw_entry_put(m);
	if (dp) {
		NL_SET_ERR_MSG_ATTR(extack, tb[KWASM_TLS_P_MODULE],
				    "kwasm: a policy module must not be a data-path module");
		return -EINVAL;
	}
	return 0;
}

/* Nonzero bits of @a (@bytes long) after the first @prefix bits. */
static bool kw_tls_host_bits(const u8 *a, unsigned int bytes, unsigned int prefix)
{
	unsigned int i = prefix / 8;

	if (prefix % 8 && (a[i++] & (0xff >> (prefix % 8))))
		return true;
	for (; i < bytes; i++)
		if (a[i])
			return true;
	return false;
}

static int kw_tls_parse_addr(struct nlattr **attrs, struct kw_tls_rule *r,
			     struct netlink_ext_ack *extack)
{
	const struct nlattr *a = attrs[KWASM_TLS_A_ADDR], *p = attrs[KWASM_TLS_A_PREFIX];
	unsigned int len, bits;

	if (!a) {
		if (p) {
			NL_SET_ERR_MSG_ATTR(extack, p,
					    "kwasm: KWASM_TLS_A_PREFIX needs KWASM_TLS_A_ADDR");
			return -EINVAL;
		}
		return 0;
	}
	if (r->side != KWASM_TLS_CLIENT) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "kwasm: KWASM_TLS_A_ADDR (remote network) is for client rules");
		return -EINVAL;
	}
	len = nla_len(a);
	if (len != 4 && len != 16) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "kwasm: KWASM_TLS_A_ADDR is 4 (IPv4) or 16 (IPv6) bytes");
		return -EINVAL;
	}
	bits = len * 8;
	r->family = len == 4 ? AF_INET : AF_INET6;
	memcpy(r->addr.s6_addr, nla_data(a), len);
	r->prefix = p ? nla_get_u8(p) : bits;
	if (r->prefix > bits) {
		NL_SET_ERR_MSG_FMT_MOD(extack, "prefix length %u is longer than the address (%u)",
				       r->prefix, bits);
		NL_SET_BAD_ATTR(extack, p);
		return -EINVAL;
	}
	if (kw_tls_host_bits(r->addr.s6_addr, len, r->prefix)) {
		NL_SET_ERR_MSG_FMT_MOD(extack, "the address has bits set beyond its /%u prefix",
				       r->prefix);
		NL_SET_BAD_ATTR(extack, a);
		return -EINVAL;
	}
	return 0;
}

/* Side, port, action and who: the fixed-size part of a rule. */
static int kw_tls_parse_match(struct nlattr **attrs, struct kw_tls_rule *r,
			      struct netlink_ext_ack *extack)
{
	struct nlattr *a;
	u32 uid;

	a = attrs[KWASM_TLS_A_SIDE];
	if (!a) {
		NL_SET_ERR_MSG_MOD(extack, "missing side (KWASM_TLS_A_SIDE)");
		NL_SET_ERR_ATTR_MISS(extack, NULL, KWASM_TLS_A_SIDE);
		return -EINVAL;
	}
	r->side = nla_get_u8(a);
	if (r->side != KWASM_TLS_SERVER && r->side != KWASM_TLS_CLIENT) {
		NL_SET_ERR_MSG_FMT_MOD(extack, "side %u is neither 1 (server) nor 2 (client)",
				       r->side);
		NL_SET_BAD_ATTR(extack, a);
		return -EINVAL;
	}
	a = attrs[KWASM_TLS_A_PORT];
	if (!a) {
		NL_SET_ERR_MSG_MOD(extack, "missing port (KWASM_TLS_A_PORT)");
		NL_SET_ERR_ATTR_MISS(extack, NULL, KWASM_TLS_A_PORT);
		return -EINVAL;
	}
	r->port = nla_get_u16(a);
	if (!r->port) {
		NL_SET_ERR_MSG_ATTR(extack, a, "kwasm: port 0 matches nothing (1..65535)");
		return -EINVAL;
	}
	r->action = KWASM_TLS_ACT_TLS;
	a = attrs[KWASM_TLS_A_ACTION];
	if (a) {
		r->action = nla_get_u8(a);
		if (!r->action || r->action > KWASM_TLS_ACT_MAX) {
			NL_SET_ERR_MSG_FMT_MOD(extack, "unknown action %u (1..%u)", r->action,
					       KWASM_TLS_ACT_MAX);
			NL_SET_BAD_ATTR(extack, a);
			return -EINVAL;
		}
	}
	a = attrs[KWASM_TLS_A_UID];
	if (a) {
		uid = nla_get_u32(a);
		r->uid = make_kuid(current_user_ns(), uid);
		if (!uid_valid(r->uid)) {
			NL_SET_ERR_MSG_FMT_MOD(extack, "uid %u is unmapped in your user ns",
					       uid);
			NL_SET_BAD_ATTR(extack, a);
			return -EINVAL;
		}
		r->has_uid = true;
	}
	a = attrs[KWASM_TLS_A_CGROUP];
	if (a) {
		r->cgroup = nla_get_u64(a);
		if (!r->cgroup) {
			NL_SET_ERR_MSG_ATTR(extack, a, "kwasm: cgroup id 0 names no cgroup");
			return -EINVAL;
		}
	}
	r->timeout_ms = KWASM_TLS_TIMEOUT_DEFAULT;
	a = attrs[KWASM_TLS_A_TIMEOUT_MS];
	if (a) {
		r->timeout_ms = nla_get_u32(a);
		if (r->timeout_ms < KWASM_TLS_TIMEOUT_MIN ||
		    r->timeout_ms > KWASM_TLS_TIMEOUT_MAX) {
			NL_SET_ERR_MSG_FMT_MOD(extack, "timeout %u ms is outside %u..%u",
					       r->timeout_ms, KWASM_TLS_TIMEOUT_MIN,
					       KWASM_TLS_TIMEOUT_MAX);
			NL_SET_BAD_ATTR(extack, a);
			return -EINVAL;
		}
	}
	r->fail_open = nla_get_flag(attrs[KWASM_TLS_A_FAIL_OPEN]);
	return kw_tls_parse_addr(attrs, r, extack);
}

/* Which credentials the action needs on this side. */
static int kw_tls_check_creds(struct nlattr **attrs, struct kw_tls_rule *r,
			      struct netlink_ext_ack *extack)
{
	bool tls = r->action == KWASM_TLS_ACT_TLS || r->action == KWASM_TLS_ACT_SERVER_ONLY;
	bool present = r->action == KWASM_TLS_ACT_TLS ||
		       (r->action == KWASM_TLS_ACT_SERVER_ONLY && r->side == KWASM_TLS_SERVER);
	bool verify = r->action == KWASM_TLS_ACT_TLS ||
		      (r->action == KWASM_TLS_ACT_SERVER_ONLY && r->side == KWASM_TLS_CLIENT);

	if (present && !r->cert) {
		NL_SET_ERR_MSG_MOD(extack, "this action presents a certificate: KWASM_TLS_A_CERT");
		NL_SET_ERR_ATTR_MISS(extack, NULL, KWASM_TLS_A_CERT);
		return -EINVAL;
	}
	if (r->cert && !r->key) {
		NL_SET_ERR_MSG_MOD(extack, "the certificate needs its key: KWASM_TLS_A_KEY");
		NL_SET_ERR_ATTR_MISS(extack, NULL, KWASM_TLS_A_KEY);
		return -EINVAL;
	}
	if (r->key && !r->cert) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[KWASM_TLS_A_KEY],
				    "kwasm: KWASM_TLS_A_KEY without KWASM_TLS_A_CERT");
		return -EINVAL;
	}
	if (verify && !r->ca) {
		NL_SET_ERR_MSG_MOD(extack, "verifying the peer needs a CA bundle: KWASM_TLS_A_CA");
		NL_SET_ERR_ATTR_MISS(extack, NULL, KWASM_TLS_A_CA);
		return -EINVAL;
	}
	if (r->peers && !verify) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[KWASM_TLS_A_PEERS],
				    "kwasm: KWASM_TLS_A_PEERS needs a rule that verifies the peer");
		return -EINVAL;
	}
	if (r->sni && (r->side != KWASM_TLS_CLIENT || !tls)) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[KWASM_TLS_A_SNI],
				    "kwasm: KWASM_TLS_A_SNI is for client rules that do TLS");
		return -EINVAL;
	}
	return 0;
}

static size_t kw_tls_str_size(const char *s)
{
	return s ? nla_total_size(strlen(s) + 1) : 0;
}

/* What kw_tls_put_rule() and kw_tls_put_counters() need, with headers. */
static size_t kw_tls_rule_size(const struct kw_tls_rule *r)
{
	return NLMSG_HDRLEN + GENL_HDRLEN + NLMSG_ALIGNTO +
	       nla_total_size(sizeof(u32)) +			/* RULE_ID */
	       2 * nla_total_size(sizeof(u8)) +			/* SIDE, ACTION */
	       nla_total_size(sizeof(u16)) +			/* PORT */
	       nla_total_size(16) + nla_total_size(sizeof(u8)) +	/* ADDR, PREFIX */
	       nla_total_size(sizeof(u32)) +			/* UID */
	       nla_total_size_64bit(sizeof(u64)) +		/* CGROUP */
	       nla_total_size(sizeof(u32)) + nla_total_size(0) +	/* TIMEOUT, FAIL_OPEN */
	       kw_tls_str_size(r->cert) + kw_tls_str_size(r->key) + kw_tls_str_size(r->ca) +
	       kw_tls_str_size(r->sni) +
	       (r->peers ? nla_total_size(nla_len(r->peers)) : 0) +
	       nla_total_size(0) + kw_tls_str_size(r->pol_module) +
	       kw_tls_str_size(r->pol_export) +
	       nla_total_size(0) + KWASM_TLS_C_MAX * nla_total_size_64bit(sizeof(u64));
}

static int kw_tls_parse_rule(struct genl_info *info, struct kw_tls_rule *r)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **attrs = info->attrs;
	int ret;

	ret = kw_tls_parse_match(attrs, r, extack);
	if (ret)
		return ret;
	ret = kw_tls_strdup(attrs[KWASM_TLS_A_CERT], KWASM_TLS_PATH_MAX - 1,
			    "certificate path", &r->cert, extack);
	if (!ret)
		ret = kw_tls_strdup(attrs[KWASM_TLS_A_KEY], KWASM_TLS_PATH_MAX - 1, "key path",
				    &r->key, extack);
	if (!ret)
		ret = kw_tls_strdup(attrs[KWASM_TLS_A_CA], KWASM_TLS_PATH_MAX - 1,
				    "CA bundle path", &r->ca, extack);
	if (!ret)
		ret = kw_tls_strdup(attrs[KWASM_TLS_A_SNI], KW_TLS_SNI_MAX, "server name",
				    &r->sni, extack);
	if (!ret && attrs[KWASM_TLS_A_PEERS])
		ret = kw_tls_parse_peers(attrs[KWASM_TLS_A_PEERS], r, extack);
	if (!ret && attrs[KWASM_TLS_A_POLICY])
		ret = kw_tls_parse_policy(attrs[KWASM_TLS_A_POLICY], r, extack);
	if (!ret)
		ret = kw_tls_check_creds(attrs, r, extack);
	r->msg_size = kw_tls_rule_size(r);
	return ret;
}

/**
 * kw_tls_put_counters() - a KWASM_TLS_A_COUNTERS nest
 * @msg: the message
 * @ctr: counters indexed by enum kwasm_tls_counter
 *
 * Return: 0 or -EMSGSIZE.
 */
int kw_tls_put_counters(struct sk_buff *msg, const atomic64_t *ctr)
{
	struct nlattr *nest = nla_nest_start(msg, KWASM_TLS_A_COUNTERS);
	unsigned int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = KWASM_TLS_C_MATCHED; i <= KWASM_TLS_C_MAX; i++)
		if (nla_put_u64_64bit(msg, i, atomic64_read(&ctr[i]), KWASM_TLS_C_PAD))
			return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int kw_tls_put_str(struct sk_buff *msg, int type, const char *s)
{
	return s ? nla_put_string(msg, type, s) : 0;
}

/**
 * kw_tls_put_rule() - a rule's attributes, as added
 * @msg: the message
 * @r: the rule
 * @timeout_ms: the KWASM_TLS_A_TIMEOUT_MS to report (ACCEPT: the time left)
 *
 * The uid is translated into the current task's user namespace.
 *
 * Return: 0 or -EMSGSIZE.
 */
int kw_tls_put_rule(struct sk_buff *msg, const struct kw_tls_rule *r, u32 timeout_ms)
{
	struct nlattr *nest;

	if (nla_put_u32(msg, KWASM_TLS_A_RULE_ID, r->id) ||
	    nla_put_u8(msg, KWASM_TLS_A_SIDE, r->side) ||
	    nla_put_u16(msg, KWASM_TLS_A_PORT, r->port) ||
	    nla_put_u8(msg, KWASM_TLS_A_ACTION, r->action) ||
	    nla_put_u32(msg, KWASM_TLS_A_TIMEOUT_MS, timeout_ms))
		return -EMSGSIZE;
	if (r->family &&
	    (nla_put(msg, KWASM_TLS_A_ADDR, r->family == AF_INET ? 4 : 16, r->addr.s6_addr) ||
	     nla_put_u8(msg, KWASM_TLS_A_PREFIX, r->prefix)))
		return -EMSGSIZE;
	if (r->has_uid &&
	    nla_put_u32(msg, KWASM_TLS_A_UID, from_kuid_munged(current_user_ns(), r->uid)))
		return -EMSGSIZE;
	if (r->cgroup &&
	    nla_put_u64_64bit(msg, KWASM_TLS_A_CGROUP, r->cgroup, KWASM_TLS_A_PAD))
		return -EMSGSIZE;
	if ((r->fail_open && nla_put_flag(msg, KWASM_TLS_A_FAIL_OPEN)) ||
	    kw_tls_put_str(msg, KWASM_TLS_A_CERT, r->cert) ||
	    kw_tls_put_str(msg, KWASM_TLS_A_KEY, r->key) ||
	    kw_tls_put_str(msg, KWASM_TLS_A_CA, r->ca) ||
	    kw_tls_put_str(msg, KWASM_TLS_A_SNI, r->sni))
		return -EMSGSIZE;
	if (r->peers &&
	    nla_put(msg, KWASM_TLS_A_PEERS | NLA_F_NESTED, nla_len(r->peers),
		    nla_data(r->peers)))
		return -EMSGSIZE;
	if (r->pol_module) {
		nest = nla_nest_start(msg, KWASM_TLS_A_POLICY);
		if (!nest || nla_put_string(msg, KWASM_TLS_P_MODULE, r->pol_module) ||
		    nla_put_string(msg, KWASM_TLS_P_EXPORT, r->pol_export))
			return -EMSGSIZE;
		nla_nest_end(msg, nest);
	}
	return 0;
}

static int kw_tls_rule_msg(struct sk_buff *msg, u32 portid, u32 seq, int flags,
			   const struct kw_tls_rule *r)
{
	void *hdr = genlmsg_put(msg, portid, seq, &kw_tls_genl_family, flags,
				KWASM_TLS_CMD_RULE_LIST);

	if (!hdr)
		return -EMSGSIZE;
	if (kw_tls_put_rule(msg, r, r->timeout_ms) || kw_tls_put_counters(msg, r->ctr)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

static int kw_tls_genl_rule_add(struct sk_buff *skb, struct genl_info *info)
{
	struct kw_tls_net *tn = kw_tls_net(genl_info_net(info));
	struct kw_tls_rule *r;
	struct sk_buff *msg;
	void *hdr;
	u32 id;
	int ret;

	r = kw_tls_rule_alloc();
	if (!r)
		return -ENOMEM;
	ret = kw_tls_parse_rule(info, r);
	if (!ret)
		ret = kw_tls_rule_add(tn, r, info->extack);
	if (ret) {
		kw_tls_rule_free(r);
		return ret;
	}
	id = r->id;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		ret = -ENOMEM;
		goto del;
	}
	hdr = genlmsg_put_reply(msg, info, &kw_tls_genl_family, 0, KWASM_TLS_CMD_RULE_ADD);
	if (!hdr || nla_put_u32(msg, KWASM_TLS_A_RULE_ID, id)) {
		nlmsg_free(msg);
		ret = -EMSGSIZE;
		goto del;
	}
	genlmsg_end(msg, hdr);
	/* A caller that never learns the id could not delete the rule. */
	ret = genlmsg_reply(msg, info);
	if (!ret)
		return 0;
del:
	kw_tls_rule_del(tn, id, NULL);
	return ret;
}

static int kw_tls_get_id(struct genl_info *info, u32 *id)
{
	if (!info->attrs[KWASM_TLS_A_RULE_ID]) {
		NL_SET_ERR_MSG_MOD(info->extack, "missing rule id (KWASM_TLS_A_RULE_ID)");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, KWASM_TLS_A_RULE_ID);
		return -EINVAL;
	}
	*id = nla_get_u32(info->attrs[KWASM_TLS_A_RULE_ID]);
	return 0;
}

static int kw_tls_genl_rule_del(struct sk_buff *skb, struct genl_info *info)
{
	u32 id;
	int ret;

	ret = kw_tls_get_id(info, &id);
	if (ret)
		return ret;
	return kw_tls_rule_del(kw_tls_net(genl_info_net(info)), id, info->extack);
}

static int kw_tls_genl_rule_get(struct sk_buff *skb, struct genl_info *info)
{
	struct kw_tls_net *tn = kw_tls_net(genl_info_net(info));
	struct kw_tls_rule *r;
	struct sk_buff *msg;
	u32 id;
	int ret;

	ret = kw_tls_get_id(info, &id);
	if (ret) {
		NL_SET_ERR_MSG_MOD(info->extack, "LIST needs KWASM_TLS_A_RULE_ID or NLM_F_DUMP");
		return ret;
	}
	mutex_lock(&tn->lock);
	r = kw_tls_rule_find(tn, id);
	if (!r) {
		mutex_unlock(&tn->lock);
		NL_SET_ERR_MSG_FMT_MOD(info->extack, "no TLS rule %u in this network namespace",
				       id);
		return -ENOENT;
	}
	msg = genlmsg_new(r->msg_size, GFP_KERNEL);
	ret = msg ? kw_tls_rule_msg(msg, info->snd_portid, info->snd_seq, 0, r) : -ENOMEM;
	mutex_unlock(&tn->lock);
	if (ret) {
		nlmsg_free(msg);
		return ret;
	}
	return genlmsg_reply(msg, info);
}

/* Every rule's message fits in one dump buffer. */
static int kw_tls_genl_rule_dump_start(struct netlink_callback *cb)
{
	struct kw_tls_net *tn = kw_tls_net(sock_net(cb->skb->sk));
	struct kw_tls_rule *r;
	size_t max = 0;

	mutex_lock(&tn->lock);
	list_for_each_entry(r, &tn->rules, node)
		max = max(max, r->msg_size);
	mutex_unlock(&tn->lock);
	cb->min_dump_alloc = max;
	return 0;
}

/* cb->args[0]: sequence number of the next rule to send. */
static int kw_tls_genl_rule_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct kw_tls_net *tn = kw_tls_net(sock_net(cb->skb->sk));
	struct kw_tls_rule *r;
	int ret = 0;

	mutex_lock(&tn->lock);
	list_for_each_entry(r, &tn->rules, node) {
		if (r->seq < cb->args[0])
			continue;
		ret = kw_tls_rule_msg(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				      NLM_F_MULTI, r);
		if (ret)
			break;
		cb->args[0] = r->seq + 1;
	}
	mutex_unlock(&tn->lock);
	/* A rule added after start that fits no buffer: fail, do not loop. */
	if (ret && !skb->len)
		return ret;
	return skb->len;
}

/*
 * genl_has_listeners() reads one bitmap for all namespaces: on these
 * kernels it says whether an agent listens anywhere, not how many here.
 */
static u32 kw_tls_agents(struct net *net)
{
	return genl_has_listeners(&kw_tls_genl_family, net, KW_TLS_MCGRP_AGENT);
}

static int kw_tls_genl_status(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct kw_tls_net *tn = kw_tls_net(net);
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &kw_tls_genl_family, 0, KWASM_TLS_CMD_STATUS);
	if (!hdr ||
	    nla_put_u32(msg, KWASM_TLS_A_AGENTS, kw_tls_agents(net)) ||
	    nla_put_u32(msg, KWASM_TLS_A_PENDING, kw_tls_pending(tn)) ||
	    nla_put_u32(msg, KWASM_TLS_A_WRAPPED, atomic_read(&tn->wrapped)) ||
	    kw_tls_put_counters(msg, tn->totals)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static const struct genl_ops kw_tls_genl_ops[] = {
	{
		.cmd = KWASM_TLS_CMD_RULE_ADD,
		.doit = kw_tls_genl_rule_add,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KWASM_TLS_CMD_RULE_DEL,
		.doit = kw_tls_genl_rule_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KWASM_TLS_CMD_RULE_LIST,
		.doit = kw_tls_genl_rule_get,
		.start = kw_tls_genl_rule_dump_start,
		.dumpit = kw_tls_genl_rule_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KWASM_TLS_CMD_STATUS,
		.doit = kw_tls_genl_status,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KWASM_TLS_CMD_ACCEPT,
		.doit = kw_tls_genl_accept,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KWASM_TLS_CMD_DONE,
		.doit = kw_tls_genl_done,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

struct genl_family kw_tls_genl_family __ro_after_init = {
	.name = KWASM_TLS_GENL_NAME,
	.version = KWASM_TLS_GENL_VERSION,
	.maxattr = KWASM_TLS_A_MAX,
	.policy = kw_tls_genl_policy,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = kw_tls_genl_ops,
	.n_ops = ARRAY_SIZE(kw_tls_genl_ops),
	.mcgrps = kw_tls_mcgrps,
	.n_mcgrps = ARRAY_SIZE(kw_tls_mcgrps),
	/* A new family: strict validation of every command (see genetlink.h). */
	.resv_start_op = 0,
};

/**
 * kw_tls_genl_init() - register the "kwasm_tls" family
 *
 * Return: 0 or a negative errno.
 */
int __init kw_tls_genl_init(void)
{
	return genl_register_family(&kw_tls_genl_family);
}

/**
 * kw_tls_genl_uninit() - unregister it; returns once no handler runs
 */
void kw_tls_genl_uninit(void)
{
	genl_unregister_family(&kw_tls_genl_family);
}
