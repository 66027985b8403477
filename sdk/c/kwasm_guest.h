/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm guest ABI, version 2 (KWASM_ABI_VERSION): the functions a WebAssembly
 * guest imports from the host module "kwasm" to run on kwasm's data path
 * (eBPF kfuncs and netfilter hooks; `kwasm run --packet` in userspace).
 * docs/DATAPATH.md is the reference; this header is its C spelling, and
 * the source of the kwasm-guest(7) man page (scripts/man-guest.sh).
 *
 * A filter is an export of type (i32) -> i32: its argument is the number
 * of input bytes visible through kwasm_pkt_*() (on netfilter, the packet
 * from its IP header on), its result a verdict:
 *
 *	#include "kwasm_guest.h"
 *
 *	KWASM_EXPORT(filter)
 *	int filter(int len)
 *	{
 *		unsigned char ver;
 *
 *		if (kwasm_pkt_read(0, &ver, 1) != 1)
 *			return KWASM_VERDICT_ACCEPT;
 *		return ver >> 4 == 4 ? KWASM_VERDICT_ACCEPT : KWASM_VERDICT_DROP;
 *	}
 *
 *	clang --target=wasm32 -O2 -nostdlib -Wl,--no-entry \
 *		-Wl,-z,stack-size=16384 -I sdk/c -o filter.wasm filter.c
 *
 * Pointers are addresses in the guest's memory 0; any byte of a buffer
 * outside it makes the call trap, as a load or store would.  Lengths are
 * unsigned 32-bit.  Nothing here allocates or blocks: every function may
 * run in softirq context.
 *
 * Version 2 adds kwasm_conn_meta() and kwasm_conn_read(), which a policy of
 * transparent TLS (docs/TLS.md, "Policy") reads its connection through:
 * an export of type () -> i32 that returns KWASM_POLICY_ALLOW to let the
 * connection through; anything else denies it.  Outside a policy call
 * they return KWASM_CONN_NONE.
 *
 * The imports and constants are defined once, in kwasm_abi.h: kwasm.ko and
 * the `kwasm` command include this header too, which is why the
 * declarations are for Wasm targets only.
 */
#ifndef KWASM_GUEST_H
#define KWASM_GUEST_H

#define KWASM_IMPORT(name) \
	__attribute__((import_module("kwasm"), import_name(#name)))
#define KWASM_EXPORT(name)	__attribute__((export_name(#name)))

#include "kwasm_abi.h"

#ifdef __wasm__

/**
 * kwasm_pkt_len() - bytes of input visible to this call
 *
 * Return: the length (0 outside the data path), also the filter's argument.
 */
KWASM_IMPORT(pkt_len) int kwasm_pkt_len(void);

/**
 * kwasm_pkt_read() - copy input bytes [@off, @off + @len) to @dst
 * @off: offset in the input
 * @dst: where the bytes go; all @len bytes must be guest memory
 * @len: bytes wanted
 *
 * Return: bytes copied (fewer at the end of the input), KWASM_ERR if @off is
 * past the end.
 */
KWASM_IMPORT(pkt_read) int kwasm_pkt_read(unsigned int off, void *dst, unsigned int len);

/**
 * kwasm_pkt_write() - copy @len bytes from @src into the input at @off
 * @off: offset in the input
 * @src: the bytes
 * @len: how many (fewer are written at the end of the input)
 *
 * Return: bytes written, KWASM_ERR if the input is read-only (netfilter) or
 * @off is past the end.
 */
KWASM_IMPORT(pkt_write) int kwasm_pkt_write(unsigned int off, const void *src,
					    unsigned int len);

/**
 * kwasm_pkt_meta() - a property of the current packet
 * @field: KWASM_META_*
 *
 * Return: its value (0 outside the data path), -1 for an unknown field.
 */
KWASM_IMPORT(pkt_meta) long long kwasm_pkt_meta(unsigned int field);

/**
 * kwasm_log() - write one line to the kernel log ("kwasm: NAME: TEXT")
 * @msg: the text; bytes outside printable ASCII show as '?'
 * @len: its length; cut at KWASM_LOG_MAX, rate-limited per module
 */
KWASM_IMPORT(log) void kwasm_log(const void *msg, unsigned int len);

/**
 * kwasm_time_ns() - monotonic clock
 *
 * Return: nanoseconds since boot (any fixed origin).
 */
KWASM_IMPORT(time_ns) unsigned long long kwasm_time_ns(void);

/**
 * kwasm_random() - fill @dst with random bytes
 * @dst: the buffer
 * @len: its length, at most KWASM_RANDOM_MAX
 *
 * Return: 0, or KWASM_ERR if @len is too big.
 */
KWASM_IMPORT(random) int kwasm_random(void *dst, unsigned int len);

/**
 * kwasm_map_get() - read a map entry
 * @map: 0..KWASM_MAPS-1
 * @key: the key
 * @klen: its length, 1..KWASM_MAP_KEY_MAX
 * @val: where the value goes
 * @vcap: room at @val; a longer value is cut
 *
 * Return: the value's full length, KWASM_MAP_ABSENT or KWASM_MAP_BAD.
 */
KWASM_IMPORT(map_get) int kwasm_map_get(unsigned int map, const void *key, unsigned int klen,
					void *val, unsigned int vcap);

/**
 * kwasm_map_set() - insert or replace a map entry
 * @map: 0..KWASM_MAPS-1
 * @key: the key
 * @klen: its length, 1..KWASM_MAP_KEY_MAX
 * @val: the value
 * @vlen: its length, 0..KWASM_MAP_VALUE_MAX
 *
 * Return: 0, KWASM_MAP_FULL or KWASM_MAP_BAD.
 */
KWASM_IMPORT(map_set) int kwasm_map_set(unsigned int map, const void *key, unsigned int klen,
					const void *val, unsigned int vlen);

/**
 * kwasm_map_del() - remove a map entry
 * @map: 0..KWASM_MAPS-1
 * @key: the key
 * @klen: its length
 *
 * Return: 0, KWASM_MAP_ABSENT or KWASM_MAP_BAD.
 */
KWASM_IMPORT(map_del) int kwasm_map_del(unsigned int map, const void *key, unsigned int klen);

/**
 * kwasm_map_add() - add to a counter: an 8-byte little-endian value
 * @map: 0..KWASM_MAPS-1
 * @key: the key; an absent one is created at 0
 * @klen: its length
 * @delta: what to add; the counter wraps
 *
 * Atomic with respect to other CPUs' map calls.
 *
 * Return: the new value, or -1 if the map is full or an argument is bad.
 */
KWASM_IMPORT(map_add) long long kwasm_map_add(unsigned int map, const void *key,
					      unsigned int klen, long long delta);

/**
 * kwasm_conn_meta() - a number about the connection a policy decides on
 * @field: KWASM_CONN_* of the first list (version 2)
 *
 * Return: its value (never negative), KWASM_CONN_BAD for an unknown field,
 * KWASM_CONN_NONE outside a policy call.
 */
KWASM_IMPORT(conn_meta) long long kwasm_conn_meta(unsigned int field);

/**
 * kwasm_conn_read() - bytes about the connection a policy decides on
 * @field: KWASM_CONN_* of the second list (version 2)
 * @dst: where the bytes go; all @len bytes must be guest memory
 * @len: room at @dst; a longer field is cut
 *
 * Return: the field's full length (compare it with @len), KWASM_CONN_BAD
 * for an unknown field, KWASM_CONN_NONE outside a policy call.
 */
KWASM_IMPORT(conn_read) int kwasm_conn_read(unsigned int field, void *dst, unsigned int len);

#endif /* __wasm__ */

#endif /* KWASM_GUEST_H */
