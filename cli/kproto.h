/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The kwasm control-plane messages: building requests and decoding replies
 * of the "kwasm" generic netlink family (include/uapi/linux/kwasm.h).
 * Sockets and printing live elsewhere, so this is testable on canned bytes.
 */
#ifndef KWASM_CLI_KPROTO_H
#define KWASM_CLI_KPROTO_H

#include "kwasm/engine.h"
#include "nl.h"
#include "../include/uapi/linux/kwasm.h"

/* Per-module trap counters kept, indexed by enum kw_trap_code. */
#define KP_TRAP_KINDS	32

/* Longest trap message kept from a CALL reply. */
#define KP_TRAP_MSG_LEN	128

/**
 * struct kp_export - an exported function and its signature
 * @name: export name (malloc'd)
 * @params: one enum kw_valtype per parameter (malloc'd, may be NULL)
 * @nparams: their number
 * @results: one enum kw_valtype per result (malloc'd, may be NULL)
 * @nresults: their number
 * @handle: data-path handle, if @has_handle
 * @has_handle: whether the kernel gave the export a handle
 */
struct kp_export {
	char *name;
	u8 *params;
	u32 nparams;
	u8 *results;
	u32 nresults;
	u32 handle;
	bool has_handle;
};

/**
 * struct kp_attach - a netfilter attachment as LIST describes it
 * @hook: KWASM_HOOK_*
 * @export: the filter export (malloc'd)
 * @netns: inode number of the network namespace
 * @fail_closed: whether a failing filter drops the packet
 * @priority: netfilter priority
 * @packets: packets seen
 * @accepts: packets accepted
 * @drops: packets dropped
 * @errors: failed filter calls
 */
struct kp_attach {
	u32 hook;
	char *export;
	u32 netns;
	bool fail_closed;
	s32 priority;
	u64 packets;
	u64 accepts;
	u64 drops;
	u64 errors;
};

/**
 * struct kp_module - one module as LIST describes it
 * @name: its name
 * @id: its id
 * @size: binary size in bytes
 * @fuel: fuel per call (effective limit)
 * @max_pages: linear memory cap in pages (effective limit)
 * @mem_pages: current linear memory size in pages
 * @calls: calls made
 * @traps: calls that trapped
 * @fuel_used: fuel used by all calls
 * @time_ns: time spent in calls
 * @trap_kinds: traps by enum kw_trap_code
 * @exports: exported functions
 * @nexports: their number
 * @datapath: loaded for the data path (one instance per CPU)
 * @dp_calls: data-path calls
 * @dp_busy: data-path calls refused because the instance was running
 * @dp_errors: failed data-path calls
 * @attach: netfilter attachments
 * @nattach: their number
 */
struct kp_module {
	char name[KWASM_NAME_MAX];
	u32 id;
	u64 size;
	u64 fuel;
	u32 max_pages;
	u32 mem_pages;
	u64 calls;
	u64 traps;
	u64 fuel_used;
	u64 time_ns;
	u64 trap_kinds[KP_TRAP_KINDS];
	struct kp_export *exports;
	u32 nexports;
	u32 exports_omitted;
	bool datapath;
	u64 dp_calls;
	u64 dp_busy;
	u64 dp_errors;
	struct kp_attach *attach;
	u32 nattach;
};

/**
 * struct kp_modules - what a LIST request returned
 * @v: the modules, in reply order
 * @n: their number
 */
struct kp_modules {
	struct kp_module *v;
	u32 n;
};

/**
 * struct kp_call - what a CALL request returned
 * @results: the results (malloc'd), if the call returned
 * @nresults: their number
 * @trapped: whether the guest trapped
 * @trap_code: enum kw_trap_code
 * @trap_func: function index of the trap
 * @trap_offset: byte offset of the trapping instruction
 * @trap_msg: the kernel's trap message, or "" if none was sent
 * @fuel_used: fuel the call used
 */
struct kp_call {
	struct kw_value *results;
	u32 nresults;
	bool trapped;
	u32 trap_code;
	u32 trap_func;
	u32 trap_offset;
	char trap_msg[KP_TRAP_MSG_LEN];
	u64 fuel_used;
};

/**
 * struct kp_stats - what a STATS request returned
 * @nmodules: modules loaded
 * @allocs: live engine allocations
 * @fuel: default fuel per call
 * @max_pages: default memory cap in pages
 * @max_modules: most modules that may be loaded
 * @max_file: largest module file in bytes
 * @bpf: 0 if the kfuncs are registered with BPF, else a negative errno
 * @has_bpf: whether the kernel said (older ones do not)
 */
struct kp_stats {
	u32 nmodules;
	u64 allocs;
	u64 fuel;
	u32 max_pages;
	u32 max_modules;
	u32 max_file;
	s32 bpf;
	bool has_bpf;
};

/**
 * struct kp_attach_req - an ATTACH or DETACH request
 * @name: the module
 * @export: its filter export
 * @hook: KWASM_HOOK_*
 * @netns_fd: a network namespace file, or -1 for the caller's
 * @fail_closed: ATTACH: drop packets when the filter fails
 * @priority: ATTACH: netfilter priority, if @has_priority
 * @has_priority: whether to send @priority
 */
struct kp_attach_req {
	const char *name;
	const char *export;
	u32 hook;
	int netns_fd;
	bool fail_closed;
	s32 priority;
	bool has_priority;
};

/**
 * struct kp_map_req - a MAP_GET, MAP_SET, MAP_DEL or MAP_DUMP request
 * @name: the module
 * @map: map index, or -1 (DUMP only) for every map
 * @key: the key, or NULL (DUMP)
 * @klen: its length
 * @value: SET: the value, else NULL
 * @vlen: its length
 */
struct kp_map_req {
	const char *name;
	s32 map;
	const u8 *key;
	u32 klen;
	const u8 *value;
	u32 vlen;
};

/**
 * struct kp_map_entry - one map entry from a MAP_GET or MAP_DUMP reply
 * @map: map index (DUMP)
 * @key: the key (DUMP)
 * @klen: its length
 * @value: the value
 * @vlen: its length
 */
struct kp_map_entry {
	u32 map;
	u8 key[KWASM_MAP_KEY_MAX];
	u32 klen;
	u8 value[KWASM_MAP_VALUE_MAX];
	u32 vlen;
};

/**
 * struct kp_map_entries - what a MAP_GET or MAP_DUMP request returned
 * @v: the entries, in reply order (malloc'd)
 * @n: their number
 */
struct kp_map_entries {
	struct kp_map_entry *v;
	u32 n;
};

void kp_put_args(struct nl_msg *m, const struct kw_value *args, u32 n);
void kp_put_attach(struct nl_msg *m, const struct kp_attach_req *r, bool attach);
void kp_put_map(struct nl_msg *m, const struct kp_map_req *r);

int kp_hook_parse(const char *s);
const char *kp_hook_name(u32 hook);

int kp_id_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg);
int kp_module_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg);
int kp_call_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg);
int kp_stats_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg);
int kp_map_value_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg);
int kp_map_entry_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg);

const struct kp_export *kp_find_export(const struct kp_module *m, const char *name);
void kp_modules_free(struct kp_modules *l);
void kp_call_free(struct kp_call *c);
void kp_map_entries_free(struct kp_map_entries *l);

#endif /* KWASM_CLI_KPROTO_H */
