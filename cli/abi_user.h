/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The guest ABI (import module "kwasm", docs/DATAPATH.md) in userspace, so
 * that `kwasm run` can run data-path filters: packets from the command line
 * stand for the data path's input, maps live for the whole run.
 */
#ifndef KWASM_CLI_ABI_USER_H
#define KWASM_CLI_ABI_USER_H

#include <stdio.h>

#include "kwasm/engine.h"
#include "abi_map.h"

/* The guest ABI's limits are sdk/c/kwasm_abi.h's KWASM_*_MAX. */
#define ABI_WIRE_MAX	65535	/* largest packet accepted on the command line */
#define ABI_PEER_MAX	1024	/* KWASM_TLS_PEER_MAX */

/**
 * struct abi_conn - the connection conn_meta and conn_read report (--conn)
 * @on: a --conn was given; without one they say "not in a connection"
 * @meta: conn_meta values, by KWASM_CONN_* field
 * @laddr: local address (@meta[KWASM_CONN_FAMILY] says 4 or 16 bytes)
 * @raddr: remote address
 * @comm: the task's name
 * @peer: the verified peer identity
 */
struct abi_conn {
	bool on;
	u64 meta[KWASM_CONN_META_MAX + 1];
	u8 laddr[16];
	u8 raddr[16];
	char comm[16];
	char peer[ABI_PEER_MAX];
};

struct abi_packet {
	u8 *data;
	u32 len;
};

/**
 * struct abi_user - the "kwasm" host module of one `kwasm run`
 * @name: module name for log lines (the file's basename without .wasm)
 * @pkts: the packets given on the command line, in order
 * @npkts: their number
 * @map_opts: the --map arguments, applied by abi_user_prepare()
 * @nmap_opts: their number
 * @pkt: input of the current call (NULL: none)
 * @pkt_len: bytes of it visible to the guest
 * @wire_len: the whole packet's length (pkt_meta LEN)
 * @read_only: pkt_write refused, as on a netfilter hook
 * @hook: KWASM_HOOK_* (pkt_meta HOOK); not NONE means netfilter rules
 * @proto: pkt_meta PROTO when @proto_set; else the IP version's ETH_P_*
 *	on a hook (netfilter knows it) and 0 without one (a kfunc buffer)
 * @proto_set: --meta proto= was given
 * @ifindex: pkt_meta IFINDEX
 * @mark: pkt_meta MARK
 * @fake_clock: time_ns() is @clock_start + packet index * @clock_step
 * @clock_start: first fake time
 * @clock_step: fake time between packets
 * @now: the current call's fake time
 * @dump_maps: print the maps after the last call
 * @map_entries: entries per map (--map-entries)
 * @maps: the maps
 * @conn: what a TLS policy sees (--conn)
 * @funcs: one host function per import, in the order of abi_user.c's table
 */
struct abi_user {
	char name[64];
	struct abi_packet *pkts;
	u32 npkts;
	const char **map_opts;
	u32 nmap_opts;
	u8 *pkt;
	u32 pkt_len;
	u32 wire_len;
	bool read_only;
	u32 hook;
	u64 proto;
	bool proto_set;
	u64 ifindex;
	u64 mark;
	bool fake_clock;
	u64 clock_start;
	u64 clock_step;
	u64 now;
	bool dump_maps;
	u32 map_entries;
	struct abi_maps maps;
	struct abi_conn conn;
	struct kw_func *funcs[KWASM_ABI_NFUNCS];
};

/* abi_user.c: the host functions */
int abi_user_new(struct abi_user **out);
void abi_user_free(struct abi_user *ab);
bool abi_user_is_module(const struct kw_import_desc *imp);
int abi_user_lookup(struct abi_user *ab, const struct kw_import_desc *imp,
		    struct kw_extern *out);
u32 abi_user_select(struct abi_user *ab, u32 idx);

/* abi_conn.c: conn_meta and conn_read, and --conn */
extern const char abi_conn_usage[];
int abi_fn_conn_meta(struct kw_host_call *hc, const u64 *args, u64 *res);
int abi_fn_conn_read(struct kw_host_call *hc, const u64 *args, u64 *res);
int abi_conn_option(struct abi_user *ab, const char *arg);

/* abi_opts.c: the command line */
extern const char abi_user_usage[];
int abi_user_option(struct abi_user *ab, int argc, char **argv, int i);
int abi_user_prepare(struct abi_user *ab, const char *file);
void abi_user_finish(struct abi_user *ab, FILE *f);

#endif /* KWASM_CLI_ABI_USER_H */
