// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * blocklist: drop packets from or to an address in map 0 (4-byte IPv4 or
 * 16-byte IPv6 keys, network order), or to a TCP/UDP destination port in
 * map 1 (2-byte keys, network order).  Only the keys matter, not their
 * values.  ICMP, other protocols and non-first fragments are matched by
 * address only; anything that is not IP passes.
 */
#include "packet.h"

#define MAP_ADDRS	0
#define MAP_PORTS	1

static int listed(int map, const u8 *key, int klen)
{
	u8 none;

	/* vcap 0: only whether the key is there. */
	return kwasm_map_get(map, key, klen, &none, 0) >= 0;
}

KWASM_EXPORT(filter)
int filter(int len)
{
	struct ip ip;
	u8 ports[4];

	if (ip_parse(len, &ip))
		return KWASM_VERDICT_ACCEPT;
	if (listed(MAP_ADDRS, ip.src, ip.alen) || listed(MAP_ADDRS, ip.dst, ip.alen))
		return KWASM_VERDICT_DROP;
	if ((ip.proto == IPPROTO_TCP || ip.proto == IPPROTO_UDP) && ip.l4 >= 0 &&
	    ip.l4 + 4 <= ip.end && kwasm_pkt_read(ip.l4, ports, 4) == 4 &&
	    listed(MAP_PORTS, ports + 2, 2))
		return KWASM_VERDICT_DROP;
	return KWASM_VERDICT_ACCEPT;
}
