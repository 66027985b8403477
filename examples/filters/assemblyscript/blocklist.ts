// SPDX-License-Identifier: GPL-2.0 OR MIT
// blocklist: drop packets from or to an address in map 0 (4-byte IPv4 or
// 16-byte IPv6 keys, network order), or to a TCP/UDP destination port in
// map 1 (2-byte keys, network order).  ICMP, other protocols and non-first
// fragments are matched by address only; non-IP passes.

import { map_get, pkt_read, VERDICT_ACCEPT, VERDICT_DROP } from "../../../sdk/assemblyscript/kwasm";
import { ipAlen, ipDst, ipEnd, ipL4, ipParse, ipProto, ipSrc, IPPROTO_TCP, IPPROTO_UDP } from "./packet";

const MAP_ADDRS: u32 = 0;
const MAP_PORTS: u32 = 1;

const ports = memory.data(4);

// vcap 0: only whether the key is there.
function listed(map: u32, key: usize, klen: i32): bool {
  return map_get(map, key, klen, ports, 0) >= 0;
}

export function filter(len: i32): i32 {
  if (!ipParse(len)) return VERDICT_ACCEPT;
  if (listed(MAP_ADDRS, ipSrc, ipAlen) || listed(MAP_ADDRS, ipDst, ipAlen)) return VERDICT_DROP;
  if ((ipProto == IPPROTO_TCP || ipProto == IPPROTO_UDP) && ipL4 >= 0 && ipL4 + 4 <= ipEnd &&
      pkt_read(ipL4, ports, 4) == 4 && listed(MAP_PORTS, ports + 2, 2))
    return VERDICT_DROP;
  return VERDICT_ACCEPT;
}
