// SPDX-License-Identifier: GPL-2.0 OR MIT
//! blocklist: drop packets from or to an address in map 0 (4-byte IPv4 or
//! 16-byte IPv6 keys, network order), or to a TCP/UDP destination port in
//! map 1 (2-byte keys, network order).  ICMP, other protocols and
//! non-first fragments are matched by address only; non-IP passes.

#![no_std]

#[path = "../../../sdk/rust/kwasm.rs"]
mod kwasm;
mod packet;

use packet::{ip_parse, IPPROTO_TCP, IPPROTO_UDP};

const MAP_ADDRS: u32 = 0;
const MAP_PORTS: u32 = 1;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// Whether `key` is in `map` (a zero-length read: the value is not needed).
fn listed(map: u32, key: &[u8]) -> bool {
    kwasm::map_get(map, key, &mut []) >= 0
}

#[no_mangle]
pub extern "C" fn filter(len: i32) -> i32 {
    let ip = match ip_parse(len as u32) {
        Some(ip) => ip,
        None => return kwasm::VERDICT_ACCEPT,
    };
    if listed(MAP_ADDRS, ip.src()) || listed(MAP_ADDRS, ip.dst()) {
        return kwasm::VERDICT_DROP;
    }
    if let (IPPROTO_TCP | IPPROTO_UDP, Some(l4)) = (ip.proto, ip.l4) {
        let mut ports = [0u8; 4];
        if l4 + 4 <= ip.end && kwasm::pkt_read(l4, &mut ports) == 4 && listed(MAP_PORTS, &ports[2..])
        {
            return kwasm::VERDICT_DROP;
        }
    }
    kwasm::VERDICT_ACCEPT
}
