/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm guest ABI: its one definition, shared by kwasm.ko (kmod/abi.c),
 * `kwasm run` (cli/abi_user.c), the netlink API (<linux/kwasm.h> includes
 * it) and guests (the guest SDK's header of this name, in sdk/c, is a
 * link to this file; kwasm_guest.h includes it and documents each
 * import).  The Rust and AssemblyScript bindings in sdk/ are checked
 * against this file by scripts/check-bindings.sh (make test-guest).
 *
 * Plain #defines and macros only, no includes: it builds freestanding for
 * wasm32, in the kernel and in userspace.
 */
#ifndef KWASM_ABI_H
#define KWASM_ABI_H

#define KWASM_ABI_VERSION	2	/* 1: pkt_*, log, time_ns, random, map_*; 2: conn_* */

/*
 * KWASM_ABI_IMPORTS(X) - every import of module "kwasm", in a fixed order:
 * X(name, version, nparams, nresults, types...), the types being the
 * parameters' then the results', each I32 or I64.  The includer defines
 * X, I32 and I64 (e.g. as its engine's value type codes).
 */
#define KWASM_ABI_IMPORTS(X)						\
	X(pkt_len, 1, 0, 1, I32)					\
	X(pkt_read, 1, 3, 1, I32, I32, I32, I32)			\
	X(pkt_write, 1, 3, 1, I32, I32, I32, I32)			\
	X(pkt_meta, 1, 1, 1, I32, I64)					\
	X(log, 1, 2, 0, I32, I32)					\
	X(time_ns, 1, 0, 1, I64)					\
	X(random, 1, 2, 1, I32, I32, I32)				\
	X(map_get, 1, 5, 1, I32, I32, I32, I32, I32, I32)		\
	X(map_set, 1, 5, 1, I32, I32, I32, I32, I32, I32)		\
	X(map_del, 1, 3, 1, I32, I32, I32, I32)				\
	X(map_add, 1, 4, 1, I32, I32, I32, I64, I64)			\
	X(conn_meta, 2, 1, 1, I32, I64)					\
	X(conn_read, 2, 3, 1, I32, I32, I32, I32)

#define KWASM_ABI_FN_INDEX(name, ...)	KWASM_FN_##name,

/* Index of each import in KWASM_ABI_IMPORTS(), and their number. */
enum kwasm_abi_fn {
	KWASM_ABI_IMPORTS(KWASM_ABI_FN_INDEX)
	KWASM_ABI_NFUNCS
};

/* What a filter export returns. */
#define KWASM_VERDICT_ACCEPT	0
#define KWASM_VERDICT_DROP	1

/* Per-module key-value maps. */
#define KWASM_MAPS		4	/* maps 0..3 per module */
#define KWASM_MAP_KEY_MAX	64	/* keys are 1..64 bytes */
#define KWASM_MAP_VALUE_MAX	64	/* values are 0..64 bytes */

/* Netfilter hooks (pkt_meta HOOK, KWASM_A_HOOK); NONE: a kfunc or `kwasm call` */
#define KWASM_HOOK_NONE		0
#define KWASM_HOOK_IPV4_IN	1	/* NF_INET_LOCAL_IN, IPv4 */
#define KWASM_HOOK_IPV4_OUT	2	/* NF_INET_LOCAL_OUT, IPv4 */
#define KWASM_HOOK_IPV6_IN	3
#define KWASM_HOOK_IPV6_OUT	4
#define KWASM_HOOK_FORWARD	5	/* NF_INET_FORWARD, IPv4 */
#define KWASM_HOOK_MAX		KWASM_HOOK_FORWARD

/* Sizes */
#define KWASM_BUF_MAX		4096	/* largest kfunc buffer */
#define KWASM_PKT_MAX		2048	/* bytes of a packet a netfilter filter sees */
#define KWASM_LOG_MAX		200	/* longer log lines are cut */
#define KWASM_RANDOM_MAX	256	/* bytes per kwasm_random() call */

/* kwasm_pkt_meta() fields */
#define KWASM_META_LEN		0	/* the whole packet's length */
#define KWASM_META_PROTO	1	/* ETH_P_*, e.g. 0x0800 for IPv4; 0 if unknown */
#define KWASM_META_IFINDEX	2	/* interface index, 0 if none */
#define KWASM_META_MARK		3	/* the packet's mark */
#define KWASM_META_HOOK		4	/* KWASM_HOOK_* */

/* Return codes */
#define KWASM_ERR		(-1)	/* pkt_*: out of range or read-only; random: too long */
#define KWASM_MAP_ABSENT	(-1)	/* map_get, map_del: no such key */
#define KWASM_MAP_FULL		(-1)	/* map_set: no free entry */
#define KWASM_MAP_BAD		(-2)	/* map_*: bad map number, key or value length */

/* kwasm_conn_meta() fields (version 2) */
#define KWASM_CONN_SIDE		0	/* 1 server (accepted), 2 client (connected) */
#define KWASM_CONN_FAMILY	1	/* 2 (AF_INET) or 10 (AF_INET6) */
#define KWASM_CONN_LOCAL_PORT	2
#define KWASM_CONN_REMOTE_PORT	3
#define KWASM_CONN_UID		4	/* of the task that connected or accepted */
#define KWASM_CONN_PID		5	/* its process id (initial pid namespace) */
#define KWASM_CONN_CGROUP	6	/* its cgroup v2 id, 0 if none */
#define KWASM_CONN_NETNS	7	/* inode number of the network namespace */
#define KWASM_CONN_RULE		8	/* id of the rule that matched */
#define KWASM_CONN_TLS		9	/* 1 after a TLS handshake, 0 without one */
#define KWASM_CONN_META_MAX	9

/* kwasm_conn_read() fields (version 2) */
#define KWASM_CONN_LOCAL_ADDR	0	/* 4 or 16 bytes, network order */
#define KWASM_CONN_REMOTE_ADDR	1	/* likewise */
#define KWASM_CONN_COMM		2	/* the task's name, without NUL, up to 15 bytes */
#define KWASM_CONN_PEER		3	/* verified peer identity, "uri:..." or "dns:...";
					 * empty without a verified peer
					 */
#define KWASM_CONN_READ_MAX	3

/* Errors of kwasm_conn_meta() and kwasm_conn_read() (version 2) */
#define KWASM_CONN_BAD		(-1)	/* conn_*: unknown field */
#define KWASM_CONN_NONE		(-2)	/* conn_*: not called as a TLS policy */

/* What a TLS policy returns (version 2) */
#define KWASM_POLICY_DENY	0
#define KWASM_POLICY_ALLOW	1

#endif /* KWASM_ABI_H */
