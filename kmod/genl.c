// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: the generic netlink control plane, as documented in
 * include/uapi/linux/kwasm.h.
 *
 * Every handler runs in the sending task's process context and may sleep.
 * The family is parallel_ops: a long guest call must not hold genl_mutex,
 * which every other generic netlink family shares.
 *
 * When the engine rejects something, the extack carries the reason and a
 * reply message carrying KWASM_A_STATUS (and KWASM_A_OFFSET) precedes the
 * error ack.
 */
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/magic.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/genetlink.h>

#include "bpf.h"
#include "genl.h"
#include "registry.h"

/* Wasm allows at most 1000 parameters and results per function type. */
#define KW_GENL_MAX_ARGS 1000
/* Export names are arbitrary bytes; this is far above any real one. */
#define KW_GENL_MAX_EXPORT 4096
/* The whole wasm32 address space. */
#define KW_GENL_MAX_PAGES 65536U

static const struct nla_policy kw_genl_value_policy[KWASM_V_MAX + 1] = {
	[KWASM_V_TYPE] = { .type = NLA_U8 },
	[KWASM_V_BITS] = { .type = NLA_U64 },
};

static const struct nla_policy kw_genl_map_policy[KWASM_M_MAX + 1] = {
	[KWASM_M_FROM] = { .type = NLA_STRING, .len = 255 },
	[KWASM_M_TO] = { .type = NLA_STRING, .len = KWASM_NAME_MAX - 1 },
};

static const struct nla_policy kw_genl_policy[KWASM_A_MAX + 1] = {
	[KWASM_A_NAME] = { .type = NLA_STRING, .len = KWASM_NAME_MAX - 1 },
	[KWASM_A_FD] = { .type = NLA_U32 },
	[KWASM_A_FUEL] = { .type = NLA_U64 },
	[KWASM_A_MAX_PAGES] = { .type = NLA_U32 },
	[KWASM_A_EXPORT] = { .type = NLA_STRING, .len = KW_GENL_MAX_EXPORT },
	[KWASM_A_ARGS] = NLA_POLICY_NESTED_ARRAY(kw_genl_value_policy),
	[KWASM_A_IMPORTS] = NLA_POLICY_NESTED_ARRAY(kw_genl_map_policy),
	[KWASM_A_DATAPATH] = { .type = NLA_FLAG },
	[KWASM_A_HOOK] = NLA_POLICY_RANGE(NLA_U32, 1, KWASM_HOOK_MAX),
	[KWASM_A_NETNS_FD] = { .type = NLA_U32 },
	[KWASM_A_FAIL_CLOSED] = { .type = NLA_FLAG },
	[KWASM_A_PRIORITY] = { .type = NLA_S32 },
	[KWASM_A_MAP] = NLA_POLICY_MAX(NLA_U32, KWASM_MAPS - 1),
	[KWASM_A_KEY] = NLA_POLICY_RANGE(NLA_BINARY, 1, KWASM_MAP_KEY_MAX),
	[KWASM_A_MAP_VALUE] = { .type = NLA_BINARY, .len = KWASM_MAP_VALUE_MAX },
};

/* One entry per import module name; a module has at most this many imports anyway. */
#define KW_GENL_MAX_MAPS 1000

static bool kw_genl_name_ok(const char *name)
{
	const char *p;

	if (!*name)
		return false;
	/* ASCII only: the kernel's isalnum() takes Latin-1 letters too. */
	for (p = name; *p; p++)
		if (!(*p >= 'a' && *p <= 'z') && !(*p >= 'A' && *p <= 'Z') &&
		    !(*p >= '0' && *p <= '9') && *p != '_' && *p != '.' && *p != '-')
			return false;
	return true;
}

/**
 * kw_genl_get_name() - the request's KWASM_A_NAME, validated
 * @info: the request
 * @name: KWASM_NAME_MAX bytes, filled on success
 *
 * Return: 0 or -EINVAL with an extack message.
 */
int kw_genl_get_name(struct genl_info *info, char *name)
{
	struct nlattr *a = info->attrs[KWASM_A_NAME];

	if (!a) {
		NL_SET_ERR_MSG_MOD(info->extack, "missing module name (KWASM_A_NAME)");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, KWASM_A_NAME);
		return -EINVAL;
	}
	if (nla_strscpy(name, a, KWASM_NAME_MAX) < 0 || !kw_genl_name_ok(name)) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "kwasm: module names are 1-63 characters of [A-Za-z0-9_.-]");
		return -EINVAL;
	}
	return 0;
}

/**
 * kw_genl_get_export() - the request's KWASM_A_EXPORT
 * @info: the request
 * @export: set to the name's bytes, not NUL-terminated
 * @elen: set to its length
 *
 * Return: 0, or -EINVAL with an extack message when it is missing.
 */
int kw_genl_get_export(struct genl_info *info, const char **export, u32 *elen)
{
	struct nlattr *a = info->attrs[KWASM_A_EXPORT];

	if (!a) {
		NL_SET_ERR_MSG_MOD(info->extack, "missing function name (KWASM_A_EXPORT)");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, KWASM_A_EXPORT);
		return -EINVAL;
	}
	/* Wasm names may hold NUL bytes: the name is all but one terminating NUL. */
	*export = nla_data(a);
	*elen = nla_len(a);
	if (*elen && !(*export)[*elen - 1])
		(*elen)--;
	return 0;
}

/* Engine failures: extack text, plus a reply with the engine's status. */
static int kw_genl_fail(struct genl_info *info, int err, const struct kw_status *st)
{
	struct sk_buff *msg;
	void *hdr;

	if (st->msg[0])
		NL_SET_ERR_MSG_FMT_MOD(info->extack, "%s", st->msg);
	if (!st->status)
		return err;
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return err;
	hdr = genlmsg_put_reply(msg, info, &kw_genl_family, 0, info->genlhdr->cmd);
	if (!hdr || nla_put_u32(msg, KWASM_A_STATUS, st->status) ||
	    nla_put_u32(msg, KWASM_A_OFFSET, st->offset) ||
	    (st->status == KW_ETRAP &&
	     nla_put_u32(msg, KWASM_A_TRAP_CODE, st->trap_code))) {
		nlmsg_free(msg);
		return err;
	}
	genlmsg_end(msg, hdr);
	genlmsg_reply(msg, info);
	return err;
}

/* Read the whole module file; the caller kvfree()s *bufp. */
static int kw_genl_read_fd(u32 fd, u8 **bufp, size_t *lenp, struct netlink_ext_ack *extack)
{
	unsigned int max = READ_ONCE(kw_param_max_file_size);
	struct file *file;
	loff_t size, pos = 0;
	ssize_t n;
	int ret = 0;
	u8 *buf;

	file = fget(fd);
	if (!file) {
		NL_SET_ERR_MSG_MOD(extack, "KWASM_A_FD is not an open file descriptor");
		return -EBADF;
	}
	/* kernel_read() WARNs on files not open for reading: check first. */
	if (!(file->f_mode & FMODE_READ) || !S_ISREG(file_inode(file)->i_mode)) {
		NL_SET_ERR_MSG_MOD(extack, "KWASM_A_FD is not a regular file open for reading");
		ret = -EBADF;
		goto out;
	}
	/*
	 * This handler holds genetlink's cb_lock, which every family shares:
	 * read only from memory, never from a file system that may block
	 * (FUSE, NFS).  A memfd lives on tmpfs.
	 */
	switch (file_inode(file)->i_sb->s_magic) {
	case TMPFS_MAGIC:
	case RAMFS_MAGIC:
		break;
	default:
		NL_SET_ERR_MSG_MOD(extack,
				   "KWASM_A_FD must be a memfd or a tmpfs file (kwasm load copies files into a memfd)");
		ret = -EBADF;
		goto out;
	}
	size = i_size_read(file_inode(file));
	if (size > max) {
		NL_SET_ERR_MSG_FMT_MOD(extack, "module file has %lld bytes, max_file_size is %u",
				       size, max);
		ret = -EFBIG;
		goto out;
	}
	/* Even an empty file goes to the decoder: it is a malformed module. */
	buf = kvmalloc(max_t(loff_t, size, 1), GFP_KERNEL_ACCOUNT);
	if (!buf) {
		ret = -ENOMEM;
		goto out;
	}
	while (pos < size) {
		n = kernel_read(file, buf + pos, size - pos, &pos);
		if (n <= 0) {
			ret = n ? (int)n : -EIO;
			NL_SET_ERR_MSG_FMT_MOD(extack, "reading the module file failed (%d)", ret);
			kvfree(buf);
			goto out;
		}
	}
	*bufp = buf;
	*lenp = size;
out:
	fput(file);
	return ret;
}

/**
 * kw_genl_need_admin() - require CAP_SYS_ADMIN
 * @skb: the request
 * @info: its parsed form
 *
 * GENL_ADMIN_PERM checks CAP_NET_ADMIN; running code in the kernel is a
 * system administration act, so the mutating commands want CAP_SYS_ADMIN.
 *
 * Return: 0 or -EPERM with an extack message.
 */
int kw_genl_need_admin(struct sk_buff *skb, struct genl_info *info)
{
	if (netlink_capable(skb, CAP_SYS_ADMIN))
		return 0;
	NL_SET_ERR_MSG_MOD(info->extack, "need CAP_SYS_ADMIN");
	return -EPERM;
}

/* The caller kfree()s *mapsp; its FROM names point into the request. */
static int kw_genl_parse_maps(struct nlattr *nest, struct kw_import_map **mapsp, u32 *np,
			      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[KWASM_M_MAX + 1];
	struct kw_import_map *maps;
	struct nlattr *a;
	int rem, ret;
	u32 n = 0;

	*mapsp = NULL;
	*np = 0;
	if (!nest)
		return 0;
	nla_for_each_nested(a, nest, rem)
		n++;
	if (n > KW_GENL_MAX_MAPS) {
		NL_SET_ERR_MSG_MOD(extack, "too many import mappings");
		return -E2BIG;
	}
	maps = kcalloc(max_t(u32, n, 1), sizeof(*maps), GFP_KERNEL);
	if (!maps)
		return -ENOMEM;
	n = 0;
	nla_for_each_nested(a, nest, rem) {
		ret = -EINVAL;
		if (nla_type(a) != KWASM_A_IMPORT_MAP) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "kwasm: KWASM_A_IMPORTS holds only KWASM_A_IMPORT_MAP");
			goto bad;
		}
		ret = nla_parse_nested(tb, KWASM_M_MAX, a, kw_genl_map_policy, extack);
		if (ret)
			goto bad;
		ret = -EINVAL;
		if (!tb[KWASM_M_FROM] || !tb[KWASM_M_TO]) {
			NL_SET_ERR_MSG_ATTR(extack, a, "kwasm: import map needs FROM and TO");
			goto bad;
		}
		/* NLA_STRING may or may not carry a NUL: measure without it. */
		maps[n].from = nla_data(tb[KWASM_M_FROM]);
		maps[n].from_len = strnlen(maps[n].from, nla_len(tb[KWASM_M_FROM]));
		nla_strscpy(maps[n].to, tb[KWASM_M_TO], sizeof(maps[n].to));
		n++;
	}
	*mapsp = maps;
	*np = n;
	return 0;
bad:
	kfree(maps);
	return ret;
}

static int kw_genl_load(struct sk_buff *skb, struct genl_info *info)
{
	struct kw_import_map *maps = NULL;
	struct kw_load_opts opts = {};
	char name[KWASM_NAME_MAX];
	struct kw_status st;
	struct sk_buff *msg;
	u32 id, max_pages, nmaps;
	size_t len = 0;
	u8 *buf = NULL;
	void *hdr;
	u64 fuel;
	int ret;

	if (kw_genl_need_admin(skb, info))
		return -EPERM;

	ret = kw_genl_get_name(info, name);
	if (ret)
		return ret;
	if (!info->attrs[KWASM_A_FD]) {
		NL_SET_ERR_MSG_MOD(info->extack, "missing module file (KWASM_A_FD)");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, KWASM_A_FD);
		return -EINVAL;
	}
	opts.datapath = nla_get_flag(info->attrs[KWASM_A_DATAPATH]);
	fuel = info->attrs[KWASM_A_FUEL] ? nla_get_u64(info->attrs[KWASM_A_FUEL]) : 0;
	if (!fuel)
		fuel = opts.datapath ? READ_ONCE(kw_param_dp_fuel) : READ_ONCE(kw_param_fuel);
	/* Data-path calls run with bottom halves off: they must be bounded. */
	if (!fuel && opts.datapath) {
		NL_SET_ERR_MSG_MOD(info->extack, "a data-path module needs a fuel limit");
		return -EINVAL;
	}
	if (opts.datapath && fuel > READ_ONCE(kw_param_dp_fuel_max)) {
		NL_SET_ERR_MSG_FMT_MOD(info->extack,
				       "data-path fuel %llu is above dp_fuel_max (%llu)", fuel,
				       READ_ONCE(kw_param_dp_fuel_max));
		return -EINVAL;
	}
	max_pages = info->attrs[KWASM_A_MAX_PAGES] ?
		    nla_get_u32(info->attrs[KWASM_A_MAX_PAGES]) : 0;
	if (max_pages > KW_GENL_MAX_PAGES) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[KWASM_A_MAX_PAGES],
				    "kwasm: KWASM_A_MAX_PAGES is above 65536 (4 GiB)");
		return -EINVAL;
	}
	if (!max_pages)
		max_pages = min(opts.datapath ? READ_ONCE(kw_param_dp_max_pages) :
				READ_ONCE(kw_param_max_pages), KW_GENL_MAX_PAGES);
	/* Preallocated on every possible CPU: the admin caps it. */
	if (opts.datapath && max_pages > READ_ONCE(kw_param_dp_pages_limit)) {
		NL_SET_ERR_MSG_FMT_MOD(info->extack,
				       "data-path max_pages %u is above dp_pages_limit %u (x %u CPUs)",
				       max_pages, READ_ONCE(kw_param_dp_pages_limit),
				       num_possible_cpus());
		return -EINVAL;
	}

	ret = kw_genl_parse_maps(info->attrs[KWASM_A_IMPORTS], &maps, &nmaps, info->extack);
	if (ret)
		return ret;
	ret = kw_genl_read_fd(nla_get_u32(info->attrs[KWASM_A_FD]), &buf, &len, info->extack);
	if (ret) {
		kfree(maps);
		return ret;
	}
	opts.fuel = fuel;
	opts.max_pages = max_pages;
	opts.maps = maps;
	opts.nmaps = nmaps;
	ret = kw_registry_load(name, buf, len, &opts, &id, &st);
	kfree(maps);
	kvfree(buf);
	if (ret)
		return kw_genl_fail(info, ret, &st);

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		goto unload;
	hdr = genlmsg_put_reply(msg, info, &kw_genl_family, 0, KWASM_CMD_LOAD);
	if (!hdr || nla_put_u32(msg, KWASM_A_ID, id)) {
		nlmsg_free(msg);
		goto unload;
	}
	genlmsg_end(msg, hdr);
	/* An undelivered reply fails the request too (fault injection found it). */
	ret = genlmsg_reply(msg, info);
	if (!ret)
		return 0;
	goto out_unload;

unload:
	ret = -ENOMEM;
out_unload:
	/* Nobody learns about a module whose load reported failure: this one, by id. */
	kw_registry_unload(name, id, &st);
	return ret;
}

static int kw_genl_unload(struct sk_buff *skb, struct genl_info *info)
{
	char name[KWASM_NAME_MAX];
	struct kw_status st;
	int ret;

	if (kw_genl_need_admin(skb, info))
		return -EPERM;

	ret = kw_genl_get_name(info, name);
	if (ret)
		return ret;
	ret = kw_registry_unload(name, 0, &st);
	if (ret)
		NL_SET_ERR_MSG_FMT_MOD(info->extack, "%s", st.msg);
	return ret;
}

static int kw_genl_parse_value(const struct nlattr *a, struct kw_value *v, u32 i,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[KWASM_V_MAX + 1];
	u64 bits;
	int ret;

	if (nla_type(a) != KWASM_A_VALUE) {
		NL_SET_ERR_MSG_ATTR(extack, a, "kwasm: KWASM_A_ARGS holds only KWASM_A_VALUE");
		return -EINVAL;
	}
	ret = nla_parse_nested(tb, KWASM_V_MAX, a, kw_genl_value_policy, extack);
	if (ret)
		return ret;
	if (!tb[KWASM_V_TYPE] || !tb[KWASM_V_BITS]) {
		NL_SET_ERR_MSG_FMT_MOD(extack, "argument %u needs KWASM_V_TYPE and KWASM_V_BITS",
				       i);
		return -EINVAL;
	}
	v->type = nla_get_u8(tb[KWASM_V_TYPE]);
	bits = nla_get_u64(tb[KWASM_V_BITS]);
	switch (v->type) {
	case KW_I32:
	case KW_F32:
		v->i32 = (u32)bits;
		return 0;
	case KW_I64:
	case KW_F64:
		v->i64 = bits;
		return 0;
	case KW_EXTERNREF:
		/* Opaque host values: the engine never dereferences them. */
		v->ref = (void *)(uintptr_t)bits;
		return 0;
	case KW_FUNCREF:
		/* Userspace cannot name kernel objects: null only. */
		if (!bits) {
			v->ref = NULL;
			return 0;
		}
		NL_SET_ERR_MSG_FMT_MOD(extack, "argument %u: only null funcrefs can be passed",
				       i);
		return -EINVAL;
	default:
		NL_SET_ERR_MSG_FMT_MOD(extack, "argument %u has unknown type 0x%x", i, v->type);
		return -EINVAL;
	}
}

/* The caller kfree()s *argsp. */
static int kw_genl_parse_args(struct nlattr *nest, struct kw_value **argsp, u32 *nargsp,
			      struct netlink_ext_ack *extack)
{
	struct kw_value *args;
	struct nlattr *a;
	u32 n = 0;
	int rem, ret;

	*argsp = NULL;
	*nargsp = 0;
	if (!nest)
		return 0;
	nla_for_each_nested(a, nest, rem)
		n++;
	if (n > KW_GENL_MAX_ARGS) {
		NL_SET_ERR_MSG_MOD(extack, "too many arguments");
		return -E2BIG;
	}
	args = kcalloc(max_t(u32, n, 1), sizeof(*args), GFP_KERNEL);
	if (!args)
		return -ENOMEM;
	n = 0;
	nla_for_each_nested(a, nest, rem) {
		ret = kw_genl_parse_value(a, &args[n], n, extack);
		if (ret) {
			kfree(args);
			return ret;
		}
		n++;
	}
	*argsp = args;
	*nargsp = n;
	return 0;
}

static int kw_genl_put_value(struct sk_buff *msg, const struct kw_value *v)
{
	struct nlattr *nest;
	u64 bits;

	switch (v->type) {
	case KW_I32:
	case KW_F32:
		bits = v->i32;
		break;
	case KW_EXTERNREF:
		/* Userspace's own opaque bits, handed back. */
		bits = (uintptr_t)v->ref;
		break;
	case KW_FUNCREF:
		/* Never a kernel pointer: only whether the reference is null. */
		bits = v->ref ? 1 : 0;
		break;
	default:
		bits = v->i64;
		break;
	}
	nest = nla_nest_start(msg, KWASM_A_VALUE);
	if (!nest || nla_put_u8(msg, KWASM_V_TYPE, v->type) ||
	    nla_put_u64_64bit(msg, KWASM_V_BITS, bits, KWASM_V_PAD))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int kw_genl_put_call(struct sk_buff *msg, const struct kw_call_out *out)
{
	const struct kw_trap *trap = &out->ctx.trap;
	struct nlattr *nest;
	u32 i;

	if (out->trapped) {
		if (nla_put_u32(msg, KWASM_A_TRAP_CODE, trap->code) ||
		    nla_put_string(msg, KWASM_A_TRAP_MSG, kw_trap_message(trap->code)) ||
		    nla_put_u32(msg, KWASM_A_TRAP_FUNC, trap->func_idx) ||
		    nla_put_u32(msg, KWASM_A_TRAP_OFFSET, trap->offset))
			return -EMSGSIZE;
	} else {
		nest = nla_nest_start(msg, KWASM_A_RESULTS);
		if (!nest)
			return -EMSGSIZE;
		for (i = 0; i < out->nresults; i++)
			if (kw_genl_put_value(msg, &out->results[i]))
				return -EMSGSIZE;
		nla_nest_end(msg, nest);
	}
	return nla_put_u64_64bit(msg, KWASM_A_FUEL_USED, out->ctx.fuel_used, KWASM_A_PAD);
}

static int kw_genl_call(struct sk_buff *skb, struct genl_info *info)
{
	char name[KWASM_NAME_MAX];
	struct kw_value *args = NULL;
	const char *export;
	u32 elen;
	struct kw_status st;
	struct kw_call_out out;
	struct sk_buff *msg;
	struct kw_entry *m;
	size_t size;
	u32 nargs;
	void *hdr;
	u64 fuel;
	int ret;

	if (kw_genl_need_admin(skb, info))
		return -EPERM;

	ret = kw_genl_get_name(info, name);
	if (ret)
		return ret;
	ret = kw_genl_get_export(info, &export, &elen);
	if (ret)
		return ret;
	fuel = info->attrs[KWASM_A_FUEL] ? nla_get_u64(info->attrs[KWASM_A_FUEL]) : 0;
	ret = kw_genl_parse_args(info->attrs[KWASM_A_ARGS], &args, &nargs, info->extack);
	if (ret)
		return ret;

	m = kw_registry_get(name);
	if (!m) {
		NL_SET_ERR_MSG_FMT_MOD(info->extack, "no module named %s", name);
		kfree(args);
		return -ENOENT;
	}
	ret = kw_entry_call(m, export, elen, args, nargs, fuel, &out, &st);
	kw_entry_put(m);
	kfree(args);
	if (ret)
		return kw_genl_fail(info, ret, &st);

	/* Per result: nest, type, bits with room for padding. */
	size = 256 + (size_t)out.nresults * (3 * NLA_HDRLEN + 16);
	ret = -ENOMEM;
	msg = genlmsg_new(size, GFP_KERNEL);
	if (!msg)
		goto out;
	hdr = genlmsg_put_reply(msg, info, &kw_genl_family, 0, KWASM_CMD_CALL);
	if (!hdr || kw_genl_put_call(msg, &out)) {
		nlmsg_free(msg);
		ret = -EMSGSIZE;
		goto out;
	}
	genlmsg_end(msg, hdr);
	ret = genlmsg_reply(msg, info);
out:
	kfree(out.results);
	return ret;
}

static int kw_genl_list(struct sk_buff *skb, struct genl_info *info)
{
	char name[KWASM_NAME_MAX];
	int ret;

	if (!info->attrs[KWASM_A_NAME]) {
		NL_SET_ERR_MSG_MOD(info->extack, "LIST needs KWASM_A_NAME or NLM_F_DUMP");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, KWASM_A_NAME);
		return -EINVAL;
	}
	ret = kw_genl_get_name(info, name);
	if (ret)
		return ret;
	ret = kw_genl_list_one(name, skb, info, &kw_genl_family);
	if (ret == -ENOENT)
		NL_SET_ERR_MSG_MOD(info->extack, "no such module");
	return ret;
}

static int kw_genl_list_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return kw_genl_list_dump_all(skb, cb, &kw_genl_family);
}

static int kw_genl_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &kw_genl_family, 0, KWASM_CMD_STATS);
	if (!hdr ||
	    nla_put_u32(msg, KWASM_A_NMODULES, kw_registry_count()) ||
	    nla_put_u64_64bit(msg, KWASM_A_ALLOCS, atomic_long_read(&kw_port_allocs),
			      KWASM_A_PAD) ||
	    nla_put_u64_64bit(msg, KWASM_A_FUEL, READ_ONCE(kw_param_fuel), KWASM_A_PAD) ||
	    nla_put_u32(msg, KWASM_A_MAX_PAGES,
			min(READ_ONCE(kw_param_max_pages), KW_GENL_MAX_PAGES)) ||
	    nla_put_u32(msg, KWASM_A_MAX_MODULES, READ_ONCE(kw_param_max_modules)) ||
	    nla_put_u32(msg, KWASM_A_MAX_FILE, READ_ONCE(kw_param_max_file_size)) ||
	    nla_put_s32(msg, KWASM_A_BPF, kw_bpf_status())) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static const struct genl_ops kw_genl_ops[] = {
	{
		.cmd = KWASM_CMD_LOAD,
		.doit = kw_genl_load,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = KWASM_CMD_UNLOAD,
		.doit = kw_genl_unload,
		.flags = GENL_ADMIN_PERM,
	},
	{
		/* Names, exports, handles and counters: for network admins. */
		.cmd = KWASM_CMD_LIST,
		.doit = kw_genl_list,
		.start = kw_genl_list_dump_start,
		.dumpit = kw_genl_list_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KWASM_CMD_CALL,
		.doit = kw_genl_call,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = KWASM_CMD_STATS,
		.doit = kw_genl_stats,
	},
	{
		.cmd = KWASM_CMD_ATTACH,
		.doit = kw_genl_attach,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = KWASM_CMD_DETACH,
		.doit = kw_genl_detach,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = KWASM_CMD_MAP_GET,
		.doit = kw_genl_map_get,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = KWASM_CMD_MAP_SET,
		.doit = kw_genl_map_set,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = KWASM_CMD_MAP_DEL,
		.doit = kw_genl_map_del,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = KWASM_CMD_MAP_DUMP,
		.start = kw_genl_map_dump_start,
		.dumpit = kw_genl_map_dump,
		.done = kw_genl_map_dump_done,
		.flags = GENL_ADMIN_PERM,
	},
};

struct genl_family kw_genl_family __ro_after_init = {
	.name = KWASM_GENL_NAME,
	.version = KWASM_GENL_VERSION,
	.maxattr = KWASM_A_MAX,
	.policy = kw_genl_policy,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = kw_genl_ops,
	.n_ops = ARRAY_SIZE(kw_genl_ops),
	/* Strict validation for every command. */
	.resv_start_op = KWASM_CMD_STATS + 1,
};

/**
 * kw_genl_init() - register the generic netlink family
 *
 * Return: 0 or a negative errno.
 */
int __init kw_genl_init(void)
{
	return genl_register_family(&kw_genl_family);
}

/**
 * kw_genl_uninit() - unregister the family
 *
 * Returns once no handler runs any more: genl_unregister_family() takes
 * the lock every request holds for reading.
 */
void kw_genl_uninit(void)
{
	genl_unregister_family(&kw_genl_family);
}
