/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Typed text for map keys and values, shared by `kwasm run --map` and
 * `kwasm map get|set|del|dump`:
 *
 *   ip:10.0.0.2  ip:2001:db8::1   IPv4 (4 bytes) or IPv6 (16), network order
 *   port:53                       2 bytes, network order
 *   u8:N u16:N u32:N u64:N        little endian (the guest's order), decimal
 *                                 or 0x hex
 *   i64:-N                        8 bytes little endian, two's complement
 *   str:example.com               the bytes after "str:", no terminating NUL
 *   hex:0a0b                      bytes in hex (hex.h: one space or ':'
 *                                 between bytes allowed); "hex:" alone is
 *                                 empty
 */
#ifndef KWASM_CLI_MAPVAL_H
#define KWASM_CLI_MAPVAL_H

#include "kw_port_types.h"
#include "../include/uapi/linux/kwasm.h"

/* Largest key or value: the guest ABI's, keys and values alike. */
#define MAPVAL_MAX	KWASM_MAP_KEY_MAX
_Static_assert(KWASM_MAP_VALUE_MAX == MAPVAL_MAX, "one limit for keys and values");

/* Room for mapval_format() of MAPVAL_MAX bytes, NUL included. */
#define MAPVAL_TEXT_MAX	(4 + 2 * MAPVAL_MAX + 1)

int mapval_parse(const char *text, u8 *buf, size_t cap, size_t *len, const char **why);
void mapval_format(const u8 *data, size_t len, char *buf, size_t cap);
int mapval_parse_entry(const char *text, u32 nmaps, u32 *map, u8 *key, size_t *klen,
		       u8 *val, size_t *vlen, const char **why);

#endif /* KWASM_CLI_MAPVAL_H */
