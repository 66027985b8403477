// SPDX-License-Identifier: GPL-2.0 OR MIT
//! Rust bindings of the kwasm guest ABI, version 2 (docs/DATAPATH.md,
//! sdk/c/kwasm_guest.h): the raw imports from module "kwasm" in `sys`,
//! and safe wrappers over slices.  Use it with `mod kwasm;` beside this
//! file; it needs no `std`.

#![allow(dead_code)]

/// 1: pkt_*, log, time_ns, random, map_*; 2: conn_* (TLS policies).
pub const ABI_VERSION: u32 = 2;

pub const VERDICT_ACCEPT: i32 = 0;
pub const VERDICT_DROP: i32 = 1;

pub const MAPS: u32 = 4;
pub const MAP_KEY_MAX: usize = 64;
pub const MAP_VALUE_MAX: usize = 64;
pub const BUF_MAX: usize = 4096;
pub const PKT_MAX: usize = 2048;
pub const LOG_MAX: usize = 200;
pub const RANDOM_MAX: usize = 256;

/// `pkt_meta` fields.
pub const META_LEN: u32 = 0;
pub const META_PROTO: u32 = 1;
pub const META_IFINDEX: u32 = 2;
pub const META_MARK: u32 = 3;
pub const META_HOOK: u32 = 4;

/// `pkt_meta(META_HOOK)` values (KWASM_HOOK_*).
pub const HOOK_NONE: i64 = 0;
pub const HOOK_IPV4_IN: i64 = 1;
pub const HOOK_IPV4_OUT: i64 = 2;
pub const HOOK_IPV6_IN: i64 = 3;
pub const HOOK_IPV6_OUT: i64 = 4;
pub const HOOK_FORWARD: i64 = 5;

/// Return codes.
pub const ERR: i32 = -1;
pub const MAP_ABSENT: i32 = -1;
pub const MAP_FULL: i32 = -1;
pub const MAP_BAD: i32 = -2;

/// `conn_meta` fields (version 2), as in sdk/c/kwasm_guest.h.
pub const CONN_SIDE: u32 = 0;
pub const CONN_FAMILY: u32 = 1;
pub const CONN_LOCAL_PORT: u32 = 2;
pub const CONN_REMOTE_PORT: u32 = 3;
pub const CONN_UID: u32 = 4;
pub const CONN_PID: u32 = 5;
pub const CONN_CGROUP: u32 = 6;
pub const CONN_NETNS: u32 = 7;
pub const CONN_RULE: u32 = 8;
pub const CONN_TLS: u32 = 9;
pub const CONN_META_MAX: u32 = 9;

/// `conn_read` fields (version 2).
pub const CONN_LOCAL_ADDR: u32 = 0;
pub const CONN_REMOTE_ADDR: u32 = 1;
pub const CONN_COMM: u32 = 2;
pub const CONN_PEER: u32 = 3;
pub const CONN_READ_MAX: u32 = 3;

/// `conn_*` return codes: unknown field, not in a policy call.
pub const CONN_BAD: i32 = -1;
pub const CONN_NONE: i32 = -2;

/// What a TLS policy returns.
pub const POLICY_DENY: i32 = 0;
pub const POLICY_ALLOW: i32 = 1;

/// The imports, as `sdk/c/kwasm_guest.h` documents them.  Pointers are
/// addresses in the guest's memory; a buffer outside it traps.
pub mod sys {
    #[link(wasm_import_module = "kwasm")]
    extern "C" {
        pub fn pkt_len() -> i32;
        pub fn pkt_read(off: u32, dst: *mut u8, len: u32) -> i32;
        pub fn pkt_write(off: u32, src: *const u8, len: u32) -> i32;
        pub fn pkt_meta(field: u32) -> i64;
        pub fn log(msg: *const u8, len: u32);
        pub fn time_ns() -> u64;
        pub fn random(dst: *mut u8, len: u32) -> i32;
        pub fn map_get(map: u32, key: *const u8, klen: u32, val: *mut u8, vcap: u32) -> i32;
        pub fn map_set(map: u32, key: *const u8, klen: u32, val: *const u8, vlen: u32) -> i32;
        pub fn map_del(map: u32, key: *const u8, klen: u32) -> i32;
        pub fn map_add(map: u32, key: *const u8, klen: u32, delta: i64) -> i64;
        pub fn conn_meta(field: u32) -> i64;
        pub fn conn_read(field: u32, dst: *mut u8, len: u32) -> i32;
    }
}

pub fn pkt_len() -> i32 {
    unsafe { sys::pkt_len() }
}

/// Copy input bytes from `off` into `dst`: bytes copied, or ERR.
pub fn pkt_read(off: u32, dst: &mut [u8]) -> i32 {
    unsafe { sys::pkt_read(off, dst.as_mut_ptr(), dst.len() as u32) }
}

/// Copy `src` into the input at `off`: bytes written, or ERR.
pub fn pkt_write(off: u32, src: &[u8]) -> i32 {
    unsafe { sys::pkt_write(off, src.as_ptr(), src.len() as u32) }
}

pub fn pkt_meta(field: u32) -> i64 {
    unsafe { sys::pkt_meta(field) }
}

pub fn log(msg: &[u8]) {
    unsafe { sys::log(msg.as_ptr(), msg.len() as u32) }
}

pub fn time_ns() -> u64 {
    unsafe { sys::time_ns() }
}

pub fn random(dst: &mut [u8]) -> i32 {
    unsafe { sys::random(dst.as_mut_ptr(), dst.len() as u32) }
}

/// The value's full length (at most `val.len()` bytes copied), MAP_ABSENT
/// or MAP_BAD.
pub fn map_get(map: u32, key: &[u8], val: &mut [u8]) -> i32 {
    unsafe { sys::map_get(map, key.as_ptr(), key.len() as u32, val.as_mut_ptr(), val.len() as u32) }
}

pub fn map_set(map: u32, key: &[u8], val: &[u8]) -> i32 {
    unsafe { sys::map_set(map, key.as_ptr(), key.len() as u32, val.as_ptr(), val.len() as u32) }
}

pub fn map_del(map: u32, key: &[u8]) -> i32 {
    unsafe { sys::map_del(map, key.as_ptr(), key.len() as u32) }
}

/// Add `delta` to the 8-byte little-endian counter at `key` (created as
/// 0): the new value, or -1 if the map is full or an argument is bad.
pub fn map_add(map: u32, key: &[u8], delta: i64) -> i64 {
    unsafe { sys::map_add(map, key.as_ptr(), key.len() as u32, delta) }
}

/// A number about the connection a policy decides on: its value, CONN_BAD
/// or CONN_NONE (as i64).
pub fn conn_meta(field: u32) -> i64 {
    unsafe { sys::conn_meta(field) }
}

/// Bytes about the connection into `dst`: `Some(length)` when the whole
/// field fit, `None` when it did not, the field is unknown or this is not
/// a policy call.
pub fn conn_read(field: u32, dst: &mut [u8]) -> Option<usize> {
    let n = unsafe { sys::conn_read(field, dst.as_mut_ptr(), dst.len() as u32) };
    if n < 0 || n as usize > dst.len() {
        None
    } else {
        Some(n as usize)
    }
}
