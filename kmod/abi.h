/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm.ko: the guest ABI, import module "kwasm" (docs/DATAPATH.md).
 *
 * Every instance that imports from "kwasm" has a struct kw_abi_inst owning
 * its host functions.  The input of the current call (a kfunc buffer or a
 * packet) hangs off it while the call runs; the instance's owner makes
 * sure only one call uses it at a time.  Host functions never sleep or
 * allocate: they run on the data path.
 */
#ifndef KW_ABI_H
#define KW_ABI_H

#include <linux/kwasm.h>
#include <linux/skbuff.h>
#include <linux/types.h>

#include "kwasm/engine.h"
#include "../include/uapi/linux/kwasm_abi.h"

struct kw_entry;

/**
 * struct kw_dp_input - what pkt_* functions see during one call
 * @skb: the packet, for netfilter calls (read-only), or NULL
 * @skb_off: offset of the network header in @skb
 * @buf: a kfunc's buffer, when @skb is NULL
 * @len: bytes visible from the start (network header or @buf)
 * @writable: pkt_write may change @buf
 * @wire_len: packet length for pkt_meta(LEN)
 * @proto: ETH_P_* in host order, 0 if unknown
 * @ifindex: interface index, 0 if none
 * @mark: skb mark
 * @hook: KWASM_HOOK_*
 */
struct kw_dp_input {
	const struct sk_buff *skb;
	u32 skb_off;
	u8 *buf;
	u32 len;
	bool writable;
	u32 wire_len;
	u32 proto;
	u32 ifindex;
	u32 mark;
	u32 hook;
};

/**
 * struct kw_conn_input - what conn_* functions see during a TLS policy call
 * @side: enum kwasm_tls_side
 * @family: AF_INET or AF_INET6
 * @lport: local port, host order
 * @rport: remote port, host order
 * @laddr: local address, @family's 4 or 16 bytes
 * @raddr: remote address, likewise
 * @uid: the connecting or accepting task's uid, in the namespace's user ns
 * @pid: its process id, in the initial pid namespace
 * @cgroup: its cgroup v2 id, or 0
 * @netns: the network namespace's inode number
 * @rule: the id of the rule that matched
 * @tls: called after a TLS handshake
 * @comm: the task's name, NUL-terminated
 * @peer: the verified peer identity (not NUL-terminated), or NULL
 * @peer_len: its length
 */
struct kw_conn_input {
	u8 side;
	u16 family;
	u16 lport;
	u16 rport;
	u8 laddr[16];
	u8 raddr[16];
	u32 uid;
	u32 pid;
	u64 cgroup;
	u64 netns;
	u32 rule;
	bool tls;
	char comm[16];
	const char *peer;
	u32 peer_len;
};

#define KW_ABI_NFUNCS	KWASM_ABI_NFUNCS

/**
 * struct kw_abi_inst - guest ABI state of one instance
 * @m: the module; outlives its instances
 * @in: the current call's input, or NULL
 * @conn: the connection of the current TLS policy call, or NULL; set and
 *	cleared under the module's call mutex (kw_entry_call_conn())
 * @funcs: host functions, created as imports ask for them
 */
struct kw_abi_inst {
	struct kw_entry *m;
	const struct kw_dp_input *in;
	const struct kw_conn_input *conn;
	struct kw_func *funcs[KW_ABI_NFUNCS];
};

bool kw_abi_is_module(const char *name, u32 len);
bool kw_abi_wants_maps(const struct kw_module *mod);
int kw_abi_resolve(struct kw_abi_inst *ai, const struct kw_import_desc *d,
		   struct kw_extern *ext);
void kw_abi_release(struct kw_abi_inst *ai);

#endif /* KW_ABI_H */
