// SPDX-License-Identifier: GPL-2.0 OR MIT
// IP header parsing shared by the AssemblyScript filters (as packet.h for
// C).  Results live in static memory and module globals: no allocation.

import { pkt_read } from "../../../sdk/assemblyscript/kwasm";

export const IPPROTO_ICMP: i32 = 1;
export const IPPROTO_TCP: i32 = 6;
export const IPPROTO_UDP: i32 = 17;

// Source and destination addresses, network order; ipAlen bytes of each.
export const ipSrc = memory.data(16);
export const ipDst = memory.data(16);
// Address length: 4 (IPv4) or 16 (IPv6).
export let ipAlen: i32 = 0;
// Transport protocol (IPv6: the first next header, no extensions).
export let ipProto: i32 = 0;
// Offset of the transport header; -1 in a non-first fragment.
export let ipL4: i32 = -1;
// End of the IP packet within the input.
export let ipEnd: i32 = 0;

const hdr = memory.data(40);

export function be16(p: usize): i32 {
  return (<i32>load<u8>(p) << 8) | <i32>load<u8>(p + 1);
}

// Parse an IPv4 or IPv6 header of len input bytes; false if neither.
export function ipParse(len: i32): bool {
  if (pkt_read(0, hdr, 20) != 20) return false;
  const ver = load<u8>(hdr) >> 4;
  if (ver == 4) {
    const hlen = (<i32>load<u8>(hdr) & 15) * 4;
    const total = be16(hdr + 2);
    if (hlen < 20 || total < hlen || len < hlen) return false;
    ipAlen = 4;
    memory.copy(ipSrc, hdr + 12, 4);
    memory.copy(ipDst, hdr + 16, 4);
    ipProto = load<u8>(hdr + 9);
    ipL4 = be16(hdr + 6) & 0x1fff ? -1 : hlen;
    ipEnd = min(total, len);
    return true;
  }
  if (ver != 6 || pkt_read(0, hdr, 40) != 40) return false;
  ipAlen = 16;
  memory.copy(ipSrc, hdr + 8, 16);
  memory.copy(ipDst, hdr + 24, 16);
  ipProto = load<u8>(hdr + 6);
  ipL4 = 40;
  ipEnd = min(40 + be16(hdr + 4), len);
  return true;
}
