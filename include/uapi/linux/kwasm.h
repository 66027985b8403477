/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR MIT) */
/*
 * kwasm: WebAssembly in the Linux kernel — the generic netlink control plane.
 *
 * Family name "kwasm" (KWASM_GENL_NAME), version KWASM_GENL_VERSION.
 * Mutating commands (LOAD, UNLOAD, CALL) need CAP_SYS_ADMIN.  Every
 * rejection carries an extack message; engine failures also carry the
 * engine's status in KWASM_A_STATUS and, for traps, the KWASM_A_TRAP_*
 * attributes.  No kernel pointer is ever sent to userspace.
 *
 * KWASM_CMD_LOAD (doit)
 *   in:  KWASM_A_NAME       string, 1..KWASM_NAME_MAX-1 bytes, [A-Za-z0-9_.-]
 *        KWASM_A_FD         u32, a memfd or a tmpfs/ramfs file open for
 *                           reading that holds the module binary (an empty
 *                           one is a malformed module); the kernel reads it
 *                           (up to the max_file_size module parameter).  Other
 *                           file systems may block (FUSE, NFS) while the
 *                           handler holds a lock all genetlink families
 *                           share, so they are -EBADF: kwasm load copies the
 *                           file into a sealed memfd.
 *        KWASM_A_FUEL       u64, optional: fuel per call (0: the default);
 *                           a data-path module's is at most the dp_fuel_max
 *                           module parameter
 *        KWASM_A_MAX_PAGES  u32, optional: linear memory cap in 64 KiB pages;
 *                           a data-path module's is at most dp_pages_limit
 *        KWASM_A_IMPORTS    nested, optional: one KWASM_A_IMPORT_MAP per
 *                           import module name: nested { KWASM_M_FROM
 *                           string (as the binary spells it, up to 255
 *                           bytes; the first match wins), KWASM_M_TO
 *                           string (a loaded kwasm module) }; each import
 *                           (FROM, field) binds to TO's export "field"
 *   out: KWASM_A_ID         u32, the new module's id
 *   Decode, validation and instantiation happen here.  On failure the
 *   extack says why ("validation failed at offset 0x1f3: type mismatch")
 *   and the reply carries KWASM_A_STATUS and KWASM_A_OFFSET, and for a
 *   trapping instantiation KWASM_A_TRAP_CODE.  An import that is not
 *   mapped or not exported is -ENOENT ("unknown import MOD.FIELD"), one of
 *   the wrong kind or type -EINVAL ("incompatible import type ..."); both
 *   with status KW_ELINK.  A module with imports and the modules it imports
 *   from are "linked": calls into linked modules run one at a time, kernel
 *   wide, since they may share memories, tables and globals.  Data-path
 *   modules cannot be imported from (-EINVAL).  The start function runs
 *   under the call_ms deadline.
 *
 * KWASM_CMD_UNLOAD (doit)
 *   in:  KWASM_A_NAME
 *   Waits for calls in flight to finish, then frees the module.  A module
 *   that a loaded module imports from is -EBUSY: unload importers first.
 *
 * KWASM_CMD_LIST (doit with KWASM_A_NAME, or dump)
 *   Needs CAP_NET_ADMIN in the network namespace's user namespace.
 *   out, one message per module:
 *        KWASM_A_NAME, KWASM_A_ID, KWASM_A_SIZE (u64, binary size),
 *        KWASM_A_FUEL, KWASM_A_MAX_PAGES (the effective limits),
 *        KWASM_A_MEM_PAGES (u32, current linear memory size),
 *        KWASM_A_EXPORTS    nested, one KWASM_A_EXPORT_ENTRY per function
 *                           export: nested { KWASM_E_NAME string,
 *                           KWASM_E_PARAMS binary (one enum kw_valtype byte
 *                           per parameter), KWASM_E_RESULTS binary }
 *        KWASM_A_EXPORTS_OMITTED u32: function exports left out because
 *                           the message is full (more than about 700), if any
 *        KWASM_A_STATS      nested { KWASM_S_CALLS u64, KWASM_S_TRAPS u64,
 *                           KWASM_S_FUEL u64 (fuel used by all calls),
 *                           KWASM_S_TIME_NS u64 (time in calls),
 *                           KWASM_S_TRAP_KINDS nested: one u64 per trap
 *                           kind, attribute type = enum kw_trap_code }
 *
 * KWASM_CMD_CALL (doit)
 *   in:  KWASM_A_NAME, KWASM_A_EXPORT (string, the function's export name:
 *                           any bytes, up to 4096, then one NUL),
 *        KWASM_A_ARGS       nested: KWASM_A_VALUE per argument, in order;
 *                           each nested { KWASM_V_TYPE u8 (enum kw_valtype),
 *                           KWASM_V_BITS u64 (i32/f32 in the low 32 bits) }
 *        KWASM_A_FUEL       u64, optional: this call's budget, at most the
 *                           module's (-EINVAL above it); the call also ends
 *                           with "deadline exceeded" after the call_ms module
 *                           parameter (default 10 s)
 *   out: KWASM_A_RESULTS    nested KWASM_A_VALUE list, on success
 *        KWASM_A_TRAP_CODE  u32 (enum kw_trap_code), KWASM_A_TRAP_MSG
 *                           string (the spec's wording), KWASM_A_TRAP_FUNC
 *                           u32, KWASM_A_TRAP_OFFSET u32, when it trapped
 *        KWASM_A_FUEL_USED  u64, always
 *   A trap is a successful reply (the call ran); bad arguments are -EINVAL.
 *   If KWASM_A_EXPORT names an exported global, no arguments are allowed
 *   and its value is the single result.  Reference values: funcref
 *   arguments must be null (0) and results are 1 (non-null) or 0;
 *   externref values are opaque bits, returned as they were passed.
 *
 * KWASM_CMD_STATS (doit)
 *   out: KWASM_A_NMODULES u32, KWASM_A_ALLOCS u64 (live engine allocations:
 *        0 once every module is unloaded), and the module parameters:
 *        KWASM_A_FUEL (default fuel), KWASM_A_MAX_PAGES,
 *        KWASM_A_MAX_MODULES u32, KWASM_A_MAX_FILE u32 (bytes)
 *
 * KWASM_CMD_LOAD also takes
 *        KWASM_A_DATAPATH   flag: instantiate once per possible CPU for the
 *                           data path (kfuncs, netfilter); memory is
 *                           preallocated up to KWASM_A_MAX_PAGES (default:
 *                           the dp_max_pages parameter) and the default
 *                           fuel is the dp_fuel parameter.  Every export of
 *                           type (i32) -> i32 gets a handle, see LIST.
 *   Imports from the module "kwasm" bind to the guest ABI
 *   (sdk/c/kwasm_guest.h); an unknown one fails with "unknown import
 *   kwasm.FIELD".
 *
 * KWASM_CMD_LIST also returns
 *        KWASM_A_DATAPATH   flag, for data-path modules
 *        KWASM_E_HANDLE     u32 in an export entry: its data-path handle
 *        KWASM_A_ATTACHMENTS nested, one KWASM_A_ATTACH_ENTRY each: nested
 *                           { KWASM_T_HOOK u32 (KWASM_HOOK_*),
 *                           KWASM_T_EXPORT string, KWASM_T_NETNS u32 (the
 *                           netns inode number), KWASM_T_FAIL_CLOSED u8,
 *                           KWASM_T_PRIORITY s32, KWASM_T_PACKETS,
 *                           KWASM_T_ACCEPTS, KWASM_T_DROPS, KWASM_T_ERRORS
 *                           (u64 each; errors = traps, fuel, bad verdicts) }
 *        KWASM_S_DP_CALLS, KWASM_S_DP_BUSY (refused re-entries) and
 *        KWASM_S_DP_ERRORS (failed data-path calls) in KWASM_A_STATS
 *
 * KWASM_CMD_ATTACH (doit) / KWASM_CMD_DETACH (doit)
 *   in:  KWASM_A_NAME, KWASM_A_EXPORT (an (i32) -> i32 export of a
 *        data-path module), KWASM_A_HOOK u32 (KWASM_HOOK_*),
 *        KWASM_A_NETNS_FD u32 optional (a network namespace file, e.g.
 *        /proc/PID/ns/net; default: the caller's), and for ATTACH only
 *        KWASM_A_FAIL_CLOSED flag (drop when the filter fails; default
 *        accept), KWASM_A_PRIORITY s32 optional (netfilter priority,
 *        default NF_IP_PRI_FILTER)
 *   The export sees the packet from its network header on (a bounded
 *   copy) through the guest ABI and returns KWASM_VERDICT_ACCEPT (0) or
 *   KWASM_VERDICT_DROP (1); anything else, a trap or running out of fuel
 *   is an error and follows the fail-closed setting.  One attachment per
 *   (module, export, hook, netns); a second one is -EEXIST.  UNLOAD of an
 *   attached module is -EBUSY until it is detached; a network namespace
 *   going away detaches its attachments.
 *
 * KWASM_CMD_MAP_GET / MAP_SET / MAP_DEL (doit), KWASM_CMD_MAP_DUMP (dump)
 *   in:  KWASM_A_NAME, KWASM_A_MAP u32 (0..KWASM_MAPS-1; DUMP: optional,
 *        default all), KWASM_A_KEY binary (1..KWASM_MAP_KEY_MAX bytes; not
 *        for DUMP), KWASM_A_MAP_VALUE binary (SET only, up to
 *        KWASM_MAP_VALUE_MAX bytes)
 *   out: GET: KWASM_A_MAP_VALUE; DUMP: one message per entry with
 *        KWASM_A_MAP, KWASM_A_KEY, KWASM_A_MAP_VALUE.
 *   A module has maps only if it imports a kwasm.map_* function (else
 *   -ENOENT); each map holds up to the map_entries parameter entries
 *   (-ENOSPC when full).  GET and DEL of an absent key are -ENOENT.
 *
 * KWASM_CMD_STATS also returns KWASM_A_BPF s32: 0 when the kfuncs are
 * registered with BPF, else the negative errno of the registration.
 */
#ifndef _UAPI_LINUX_KWASM_H
#define _UAPI_LINUX_KWASM_H

/* The guest ABI: verdicts, hooks (KWASM_HOOK_*), map limits. */
#include "kwasm_abi.h"

#define KWASM_GENL_NAME		"kwasm"
#define KWASM_GENL_VERSION	1
#define KWASM_NAME_MAX		64

enum kwasm_cmd {
	KWASM_CMD_UNSPEC,
	KWASM_CMD_LOAD,
	KWASM_CMD_UNLOAD,
	KWASM_CMD_LIST,
	KWASM_CMD_CALL,
	KWASM_CMD_STATS,
	KWASM_CMD_ATTACH,
	KWASM_CMD_DETACH,
	KWASM_CMD_MAP_GET,
	KWASM_CMD_MAP_SET,
	KWASM_CMD_MAP_DEL,
	KWASM_CMD_MAP_DUMP,
	__KWASM_CMD_MAX,
};

#define KWASM_CMD_MAX (__KWASM_CMD_MAX - 1)

enum kwasm_attr {
	KWASM_A_UNSPEC,
	KWASM_A_PAD,
	KWASM_A_NAME,
	KWASM_A_FD,
	KWASM_A_FUEL,
	KWASM_A_MAX_PAGES,
	KWASM_A_ID,
	KWASM_A_SIZE,
	KWASM_A_MEM_PAGES,
	KWASM_A_EXPORT,
	KWASM_A_EXPORTS,
	KWASM_A_EXPORT_ENTRY,
	KWASM_A_ARGS,
	KWASM_A_RESULTS,
	KWASM_A_VALUE,
	KWASM_A_TRAP_CODE,
	KWASM_A_TRAP_MSG,
	KWASM_A_TRAP_FUNC,
	KWASM_A_TRAP_OFFSET,
	KWASM_A_FUEL_USED,
	KWASM_A_STATS,
	KWASM_A_STATUS,
	KWASM_A_OFFSET,
	KWASM_A_NMODULES,
	KWASM_A_ALLOCS,
	KWASM_A_MAX_MODULES,
	KWASM_A_MAX_FILE,
	KWASM_A_IMPORTS,
	KWASM_A_IMPORT_MAP,
	KWASM_A_DATAPATH,
	KWASM_A_ATTACHMENTS,
	KWASM_A_ATTACH_ENTRY,
	KWASM_A_HOOK,
	KWASM_A_NETNS_FD,
	KWASM_A_FAIL_CLOSED,
	KWASM_A_PRIORITY,
	KWASM_A_MAP,
	KWASM_A_KEY,
	KWASM_A_MAP_VALUE,
	KWASM_A_BPF,
	KWASM_A_EXPORTS_OMITTED,
	__KWASM_A_MAX,
};

#define KWASM_A_MAX (__KWASM_A_MAX - 1)

/* Inside KWASM_A_VALUE. */
enum kwasm_value_attr {
	KWASM_V_UNSPEC,
	KWASM_V_PAD,
	KWASM_V_TYPE,
	KWASM_V_BITS,
	__KWASM_V_MAX,
};

#define KWASM_V_MAX (__KWASM_V_MAX - 1)

/* Inside KWASM_A_EXPORT_ENTRY. */
enum kwasm_export_attr {
	KWASM_E_UNSPEC,
	KWASM_E_NAME,
	KWASM_E_PARAMS,
	KWASM_E_RESULTS,
	KWASM_E_HANDLE,
	__KWASM_E_MAX,
};

#define KWASM_E_MAX (__KWASM_E_MAX - 1)

/* Inside KWASM_A_IMPORT_MAP. */
enum kwasm_map_attr {
	KWASM_M_UNSPEC,
	KWASM_M_FROM,
	KWASM_M_TO,
	__KWASM_M_MAX,
};

#define KWASM_M_MAX (__KWASM_M_MAX - 1)

/* Inside KWASM_A_STATS. */
enum kwasm_stats_attr {
	KWASM_S_UNSPEC,
	KWASM_S_PAD,
	KWASM_S_CALLS,
	KWASM_S_TRAPS,
	KWASM_S_FUEL,
	KWASM_S_TIME_NS,
	KWASM_S_TRAP_KINDS,
	KWASM_S_DP_CALLS,
	KWASM_S_DP_BUSY,
	KWASM_S_DP_ERRORS,
	__KWASM_S_MAX,
};

#define KWASM_S_MAX (__KWASM_S_MAX - 1)

/* Inside KWASM_A_ATTACH_ENTRY. */
enum kwasm_attach_attr {
	KWASM_T_UNSPEC,
	KWASM_T_PAD,
	KWASM_T_HOOK,
	KWASM_T_EXPORT,
	KWASM_T_NETNS,
	KWASM_T_FAIL_CLOSED,
	KWASM_T_PRIORITY,
	KWASM_T_PACKETS,
	KWASM_T_ACCEPTS,
	KWASM_T_DROPS,
	KWASM_T_ERRORS,
	__KWASM_T_MAX,
};

#define KWASM_T_MAX (__KWASM_T_MAX - 1)

#endif /* _UAPI_LINUX_KWASM_H */
