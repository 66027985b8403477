// SPDX-License-Identifier: GPL-2.0 OR MIT
// dns: count DNS queries by name.  For a UDP packet to port 53 whose DNS
// header says "query", the first question's name, lowercased and dotted
// ("www.example.com", the root is "."), is a key in map 0 whose 8-byte
// counter goes up by one.  A query that cannot be parsed counts under
// "malformed" in map 1, a name longer than a map key under "toolong".
// Every packet is accepted.

import { map_add, pkt_read, MAP_KEY_MAX, VERDICT_ACCEPT } from "../../../sdk/assemblyscript/kwasm";
import { be16, ipEnd, ipL4, ipParse, ipProto, IPPROTO_UDP } from "./packet";

const MAP_NAMES: u32 = 0;
const MAP_ERRORS: u32 = 1;
const DNS_PORT: i32 = 53;
const NAME_MAX: i32 = 253; // dotted text of the longest DNS name

// Map keys are bytes, not AssemblyScript's UTF-16 strings.
const MALFORMED = memory.data<u8>([0x6d, 0x61, 0x6c, 0x66, 0x6f, 0x72, 0x6d, 0x65, 0x64]);
const TOOLONG = memory.data<u8>([0x74, 0x6f, 0x6f, 0x6c, 0x6f, 0x6e, 0x67]);

const name = memory.data(NAME_MAX + 1);
const buf = memory.data(12);

// The dotted, lowercased name at off into `name`: its length, or -1 if
// malformed (cut short, a compression pointer, too long, no QTYPE and
// QCLASS after it).
function readName(off: i32, end: i32): i32 {
  let n = 0;
  for (;;) {
    if (off >= end || pkt_read(off, buf, 1) != 1) return -1;
    off++;
    const l = <i32>load<u8>(buf);
    if (l == 0) break;
    if ((l & 0xc0) != 0 || off + l > end || n + 1 + l > NAME_MAX + 1) return -1;
    if (n > 0) store<u8>(name + n++, 0x2e);
    pkt_read(off, name + n, l);
    for (let i = n; i < n + l; i++) {
      const c = load<u8>(name + i);
      if (c >= 0x41 && c <= 0x5a) store<u8>(name + i, c + 0x20);
    }
    n += l;
    off += l;
  }
  if (off + 4 > end) return -1;
  if (n == 0) store<u8>(name + n++, 0x2e);
  return n;
}

export function filter(len: i32): i32 {
  if (!ipParse(len) || ipProto != IPPROTO_UDP || ipL4 < 0 || ipL4 + 8 > ipEnd ||
      pkt_read(ipL4, buf, 8) != 8 || be16(buf + 2) != DNS_PORT)
    return VERDICT_ACCEPT;
  const p = ipL4 + 8;
  if (p + 12 > ipEnd || pkt_read(p, buf, 12) != 12 || be16(buf + 4) == 0) {
    map_add(MAP_ERRORS, MALFORMED, 9, 1);
    return VERDICT_ACCEPT;
  }
  if (load<u8>(buf + 2) & 0x80) return VERDICT_ACCEPT; // QR: a response
  const n = readName(p + 12, ipEnd);
  if (n < 0) map_add(MAP_ERRORS, MALFORMED, 9, 1);
  else if (n > MAP_KEY_MAX) map_add(MAP_ERRORS, TOOLONG, 7, 1);
  else map_add(MAP_NAMES, name, n, 1);
  return VERDICT_ACCEPT;
}
