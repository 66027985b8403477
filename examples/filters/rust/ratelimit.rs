// SPDX-License-Identifier: GPL-2.0 OR MIT
//! ratelimit: a token bucket per source address.  Map 1 holds the settings
//! as 8-byte little-endian numbers: "rate" (packets per second, default 10)
//! and "burst" (bucket size, default 20).  Map 0 holds each source's bucket
//! keyed by its address (4 or 16 bytes): tokens in billionths, then the
//! time_ns() of its last packet, two u64 LE (16 bytes).  A packet takes one
//! token or is dropped and counted under "drops" in map 2.  Non-IP passes,
//! and so does everything if map 0 is full.

#![no_std]

#[path = "../../../sdk/rust/kwasm.rs"]
mod kwasm;
mod packet;

use packet::ip_parse;

const MAP_BUCKETS: u32 = 0;
const MAP_CONFIG: u32 = 1;
const MAP_STATS: u32 = 2;
const RATE_DEFAULT: u64 = 10;
const BURST_DEFAULT: u64 = 20;
/// One token, in the bucket's units: time_ns() * rate adds up exactly.
const NS: u64 = 1_000_000_000;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

fn setting(key: &[u8], default: u64) -> u64 {
    let mut v = [0u8; 8];
    if kwasm::map_get(MAP_CONFIG, key, &mut v) == 8 {
        u64::from_le_bytes(v)
    } else {
        default
    }
}

#[no_mangle]
pub extern "C" fn filter(len: i32) -> i32 {
    let ip = match ip_parse(len as u32) {
        Some(ip) => ip,
        None => return kwasm::VERDICT_ACCEPT,
    };
    let rate = setting(b"rate", RATE_DEFAULT);
    let burst = setting(b"burst", BURST_DEFAULT);
    let cap = burst.saturating_mul(NS);
    let now = kwasm::time_ns();
    let mut b = [0u8; 16];
    let mut tokens = if kwasm::map_get(MAP_BUCKETS, ip.src(), &mut b) == 16 {
        let (t, l) = b.split_at(8);
        let tokens = u64::from_le_bytes(t.try_into().unwrap_or([0; 8])).min(cap);
        let last = u64::from_le_bytes(l.try_into().unwrap_or([0; 8]));
        let elapsed = now.saturating_sub(last);
        // elapsed * rate may overflow: compare by division instead.
        if rate != 0 && elapsed > (cap - tokens) / rate {
            cap
        } else {
            tokens + elapsed * rate
        }
    } else {
        cap // a new source starts with a full bucket
    };
    let verdict = if tokens >= NS {
        tokens -= NS;
        kwasm::VERDICT_ACCEPT
    } else {
        kwasm::map_add(MAP_STATS, b"drops", 1);
        kwasm::VERDICT_DROP
    };
    b[..8].copy_from_slice(&tokens.to_le_bytes());
    b[8..].copy_from_slice(&now.to_le_bytes());
    kwasm::map_set(MAP_BUCKETS, ip.src(), &b);
    verdict
}
