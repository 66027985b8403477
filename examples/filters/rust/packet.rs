// SPDX-License-Identifier: GPL-2.0 OR MIT
//! IP header parsing shared by the Rust filters (as packet.h for C).

#![allow(dead_code)]

use crate::kwasm;

pub const IPPROTO_ICMP: u8 = 1;
pub const IPPROTO_TCP: u8 = 6;
pub const IPPROTO_UDP: u8 = 17;

/// What a filter needs from the IP header.
pub struct Ip {
    /// Address length: 4 (IPv4) or 16 (IPv6).
    pub alen: usize,
    /// Source and destination addresses, network order.
    pub src: [u8; 16],
    pub dst: [u8; 16],
    /// Transport protocol (IPv6: the first next header, no extensions).
    pub proto: u8,
    /// Offset of the transport header; None in a non-first fragment.
    pub l4: Option<u32>,
    /// End of the IP packet within the input.
    pub end: u32,
}

pub fn be16(b: &[u8]) -> u32 {
    (b[0] as u32) << 8 | b[1] as u32
}

impl Ip {
    /// Constant slice bounds: no panic path (and no formatting code) in
    /// the module.
    pub fn src(&self) -> &[u8] {
        if self.alen == 4 { &self.src[..4] } else { &self.src }
    }

    pub fn dst(&self) -> &[u8] {
        if self.alen == 4 { &self.dst[..4] } else { &self.dst }
    }
}

/// Parse an IPv4 or IPv6 header of `len` input bytes.
pub fn ip_parse(len: u32) -> Option<Ip> {
    let mut h = [0u8; 40];
    if kwasm::pkt_read(0, &mut h[..20]) != 20 {
        return None;
    }
    let mut ip = Ip { alen: 4, src: [0; 16], dst: [0; 16], proto: 0, l4: None, end: 0 };
    match h[0] >> 4 {
        4 => {
            let hlen = (h[0] as u32 & 15) * 4;
            let total = be16(&h[2..]);
            if hlen < 20 || total < hlen || len < hlen {
                return None;
            }
            ip.src[..4].copy_from_slice(&h[12..16]);
            ip.dst[..4].copy_from_slice(&h[16..20]);
            ip.proto = h[9];
            ip.l4 = if be16(&h[6..]) & 0x1fff != 0 { None } else { Some(hlen) };
            ip.end = total.min(len);
        }
        6 => {
            if kwasm::pkt_read(0, &mut h) != 40 {
                return None;
            }
            ip.alen = 16;
            ip.src.copy_from_slice(&h[8..24]);
            ip.dst.copy_from_slice(&h[24..40]);
            ip.proto = h[6];
            ip.l4 = Some(40);
            ip.end = (40 + be16(&h[4..])).min(len);
        }
        _ => return None,
    }
    Some(ip)
}
