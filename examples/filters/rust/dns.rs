// SPDX-License-Identifier: GPL-2.0 OR MIT
//! dns: count DNS queries by name.  For a UDP packet to port 53 whose DNS
//! header says "query", the first question's name, lowercased and dotted
//! ("www.example.com", the root is "."), is a key in map 0 whose 8-byte
//! counter goes up by one.  A query that cannot be parsed counts under
//! "malformed" in map 1, a name longer than a map key under "toolong".
//! Every packet is accepted.

#![no_std]

#[path = "../../../sdk/rust/kwasm.rs"]
mod kwasm;
mod packet;

use packet::{be16, ip_parse, IPPROTO_UDP};

const MAP_NAMES: u32 = 0;
const MAP_ERRORS: u32 = 1;
const DNS_PORT: u32 = 53;
/// Dotted text of the longest DNS name.
const NAME_MAX: usize = 253;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// The dotted, lowercased name at `off` into `name`: its length, or None
/// if malformed (cut short, a compression pointer, too long, no QTYPE and
/// QCLASS after it).
fn read_name(mut off: u32, end: u32, name: &mut [u8; NAME_MAX + 1]) -> Option<usize> {
    let mut n = 0;
    loop {
        let mut l = [0u8; 1];
        if off >= end || kwasm::pkt_read(off, &mut l) != 1 {
            return None;
        }
        off += 1;
        let l = l[0] as usize;
        if l == 0 {
            break;
        }
        if l & 0xc0 != 0 || off + l as u32 > end {
            return None;
        }
        if n > 0 {
            *name.get_mut(n)? = b'.';
            n += 1;
        }
        let label = name.get_mut(n..n + l)?;
        kwasm::pkt_read(off, label);
        label.make_ascii_lowercase();
        n += l;
        off += l as u32;
    }
    if off + 4 > end {
        return None;
    }
    if n == 0 {
        name[0] = b'.';
        n = 1;
    }
    Some(n)
}

#[no_mangle]
pub extern "C" fn filter(len: i32) -> i32 {
    let ip = match ip_parse(len as u32) {
        Some(ip) => ip,
        None => return kwasm::VERDICT_ACCEPT,
    };
    let l4 = match (ip.proto, ip.l4) {
        (IPPROTO_UDP, Some(l4)) if l4 + 8 <= ip.end => l4,
        _ => return kwasm::VERDICT_ACCEPT,
    };
    let mut udp = [0u8; 8];
    if kwasm::pkt_read(l4, &mut udp) != 8 || be16(&udp[2..]) != DNS_PORT {
        return kwasm::VERDICT_ACCEPT;
    }
    let p = l4 + 8;
    let mut dns = [0u8; 12];
    if p + 12 > ip.end || kwasm::pkt_read(p, &mut dns) != 12 || be16(&dns[4..]) == 0 {
        kwasm::map_add(MAP_ERRORS, b"malformed", 1);
        return kwasm::VERDICT_ACCEPT;
    }
    if dns[2] & 0x80 != 0 {
        return kwasm::VERDICT_ACCEPT; // QR: a response
    }
    let mut name = [0u8; NAME_MAX + 1];
    match read_name(p + 12, ip.end, &mut name) {
        None => kwasm::map_add(MAP_ERRORS, b"malformed", 1),
        Some(n) if n > kwasm::MAP_KEY_MAX => kwasm::map_add(MAP_ERRORS, b"toolong", 1),
        Some(n) => kwasm::map_add(MAP_NAMES, &name[..n.min(kwasm::MAP_KEY_MAX)], 1),
    };
    kwasm::VERDICT_ACCEPT
}
