/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The key-value maps of the guest ABI, in userspace: KWASM_MAPS maps of
 * preallocated entries, with the return codes of kwasm.map_* (see
 * docs/DATAPATH.md).
 */
#ifndef KWASM_CLI_ABI_MAP_H
#define KWASM_CLI_ABI_MAP_H

#include <stdio.h>

#include "kw_port_types.h"
#include "../include/uapi/linux/kwasm.h"
#include "../include/uapi/linux/kwasm_abi.h"

/* The kernel's map_entries parameter default. */
#define ABI_MAP_ENTRIES	512

struct abi_map_entry {
	u8 key[KWASM_MAP_KEY_MAX];
	u8 val[KWASM_MAP_VALUE_MAX];
	u8 klen;	/* 0: free */
	u8 vlen;
};

struct abi_maps {
	u32 entries;	/* per map */
	struct abi_map_entry *map[KWASM_MAPS];
};

int abi_maps_init(struct abi_maps *m, u32 entries);
void abi_maps_free(struct abi_maps *m);
int abi_map_get(struct abi_maps *m, u32 map, const u8 *key, u32 klen, u8 *val, u32 vcap);
int abi_map_set(struct abi_maps *m, u32 map, const u8 *key, u32 klen, const u8 *val,
		u32 vlen);
int abi_map_del(struct abi_maps *m, u32 map, const u8 *key, u32 klen);
s64 abi_map_add(struct abi_maps *m, u32 map, const u8 *key, u32 klen, s64 delta);
void abi_maps_dump(const struct abi_maps *m, FILE *f);

#endif /* KWASM_CLI_ABI_MAP_H */
