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
 * The constants below are the ABI's one definition: kwasm.ko and the
 * `kwasm` command include this header too, which is why the declarations
 * are for Wasm targets only.
 */
#ifndef KWASM_GUEST_H
#define KWASM_GUEST_H

#define KWASM_ABI_VERSION	2	/* 1: pkt_*, log, time_ns, random, map_*; 2: conn_* */

#define KWASM_IMPORT(name) \
	__attribute__((import_module("kwasm"), import_name(#name)))
#define KWASM_EXPORT(name)	__attribute__((export_name(#name)))

/* Also in <linux/kwasm.h>; the same values, for guests that lack it. */
#ifndef _UAPI_LINUX_KWASM_H
#define KWASM_VERDICT_ACCEPT	0
#define KWASM_VERDICT_DROP	1
#define KWASM_MAPS		4	/* maps 0..3 per module */
#define KWASM_MAP_KEY_MAX	64	/* keys are 1..64 bytes */
#define KWASM_MAP_VALUE_MAX	64	/* values are 0..64 bytes */
#define KWASM_HOOK_NONE		0	/* a kfunc or `kwasm call`, not netfilter */
#define KWASM_HOOK_IPV4_IN	1
#define KWASM_HOOK_IPV4_OUT	2
#define KWASM_HOOK_IPV6_IN	3
#define KWASM_HOOK_IPV6_OUT	4
#define KWASM_HOOK_FORWARD	5
#endif

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

/* Errors of kwasm_conn_meta() and kwasm_conn_read() */
#define KWASM_CONN_BAD		(-1)	/* conn_*: unknown field */
#define KWASM_CONN_NONE		(-2)	/* conn_*: not called as a TLS policy */

/* What a TLS policy returns. */
#define KWASM_POLICY_DENY	0
#define KWASM_POLICY_ALLOW	1

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
