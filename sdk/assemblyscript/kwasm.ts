// SPDX-License-Identifier: GPL-2.0 OR MIT
// AssemblyScript bindings of the kwasm guest ABI, version 1
// (docs/DATAPATH.md, sdk/c/kwasm_guest.h).  Pointers are addresses in the
// guest's memory (usize); a buffer outside it traps.  Filters keep their
// buffers in static memory (memory.data): with the stub runtime nothing is
// ever freed, so a filter that allocates per packet would run out of memory.

export const ABI_VERSION: i32 = 1;

export const VERDICT_ACCEPT: i32 = 0;
export const VERDICT_DROP: i32 = 1;

export const MAPS: u32 = 4;
export const MAP_KEY_MAX: i32 = 64;
export const MAP_VALUE_MAX: i32 = 64;
export const BUF_MAX: i32 = 4096;
export const PKT_MAX: i32 = 2048;
export const LOG_MAX: i32 = 200;
export const RANDOM_MAX: i32 = 256;

// pkt_meta fields
export const META_LEN: u32 = 0;
export const META_PROTO: u32 = 1;
export const META_IFINDEX: u32 = 2;
export const META_MARK: u32 = 3;
export const META_HOOK: u32 = 4;

// pkt_meta(META_HOOK) values (KWASM_HOOK_*)
export const HOOK_NONE: i64 = 0;
export const HOOK_IPV4_IN: i64 = 1;
export const HOOK_IPV4_OUT: i64 = 2;
export const HOOK_IPV6_IN: i64 = 3;
export const HOOK_IPV6_OUT: i64 = 4;
export const HOOK_FORWARD: i64 = 5;

// Return codes
export const ERR: i32 = -1;
export const MAP_ABSENT: i32 = -1;
export const MAP_FULL: i32 = -1;
export const MAP_BAD: i32 = -2;

// Bytes of input visible to this call (also the filter's argument).
@external("kwasm", "pkt_len")
export declare function pkt_len(): i32;

// Copy input [off, off + len) to dst: bytes copied, or ERR past the end.
@external("kwasm", "pkt_read")
export declare function pkt_read(off: u32, dst: usize, len: u32): i32;

// Copy src into the input at off: bytes written, or ERR (read-only input,
// off past the end).
@external("kwasm", "pkt_write")
export declare function pkt_write(off: u32, src: usize, len: u32): i32;

// A META_* property of the packet; -1 for an unknown field.
@external("kwasm", "pkt_meta")
export declare function pkt_meta(field: u32): i64;

// One kernel log line "kwasm: NAME: TEXT", at most LOG_MAX bytes, rate-limited.
@external("kwasm", "log")
export declare function log(msg: usize, len: u32): void;

// Monotonic clock in ns.
@external("kwasm", "time_ns")
export declare function time_ns(): u64;

// Random bytes: 0, or ERR if len > RANDOM_MAX.
@external("kwasm", "random")
export declare function random(dst: usize, len: u32): i32;

// The value's full length (at most vcap bytes copied), MAP_ABSENT or MAP_BAD.
@external("kwasm", "map_get")
export declare function map_get(map: u32, key: usize, klen: u32, val: usize, vcap: u32): i32;

// 0, MAP_FULL or MAP_BAD.
@external("kwasm", "map_set")
export declare function map_set(map: u32, key: usize, klen: u32, val: usize, vlen: u32): i32;

// 0, MAP_ABSENT or MAP_BAD.
@external("kwasm", "map_del")
export declare function map_del(map: u32, key: usize, klen: u32): i32;

// Add delta to the 8-byte little-endian counter at key (created as 0): the
// new value, or -1 if the map is full or an argument is bad.
@external("kwasm", "map_add")
export declare function map_add(map: u32, key: usize, klen: u32, delta: i64): i64;
