/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The kwasm control-plane messages: building requests and decoding replies
 * of the "kwasm" generic netlink family (include/uapi/linux/kwasm.h).
 * Sockets and printing live elsewhere, so this is testable on canned bytes.
 */
#ifndef KWASM_CLI_KPROTO_H
#define KWASM_CLI_KPROTO_H

#include "kwasm/kwasm.h"
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
 */
struct kp_export {
	char *name;
	u8 *params;
	u32 nparams;
	u8 *results;
	u32 nresults;
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
 */
struct kp_stats {
	u32 nmodules;
	u64 allocs;
	u64 fuel;
	u32 max_pages;
	u32 max_modules;
	u32 max_file;
};

void kp_put_args(struct nl_msg *m, const struct kw_value *args, u32 n);

int kp_id_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg);
int kp_module_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg);
int kp_call_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg);
int kp_stats_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg);

const struct kp_export *kp_find_export(const struct kp_module *m, const char *name);
void kp_modules_free(struct kp_modules *l);
void kp_call_free(struct kp_call *c);

#endif /* KWASM_CLI_KPROTO_H */
