/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * IP header parsing shared by the C filters: where the addresses, the
 * transport protocol and its header are, read through kwasm_pkt_read().
 */
#ifndef KWASM_FILTER_PACKET_H
#define KWASM_FILTER_PACKET_H

#include "kwasm_guest.h"

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;

#define IPPROTO_ICMP	1
#define IPPROTO_TCP	6
#define IPPROTO_UDP	17

/**
 * struct ip - what a filter needs from the IP header
 * @alen: address length, 4 (IPv4) or 16 (IPv6)
 * @src: source address, network order
 * @dst: destination address, network order
 * @proto: transport protocol (IPv6: the first next header, no extensions)
 * @l4: offset of the transport header; -1 in a non-first fragment
 * @end: end of the IP packet within the input
 */
struct ip {
	int alen;
	u8 src[16];
	u8 dst[16];
	int proto;
	int l4;
	int end;
};

static inline u32 be16(const u8 *p)
{
	return (u32)p[0] << 8 | p[1];
}

static inline void copy(u8 *dst, const u8 *src, int n)
{
	while (n--)
		*dst++ = *src++;
}

/* Fill @ip from an IPv4 or IPv6 header of @len input bytes; -1 if neither. */
static inline int ip_parse(int len, struct ip *ip)
{
	u8 h[40];
	int hlen, total;

	if (kwasm_pkt_read(0, h, 20) != 20)
		return -1;
	if (h[0] >> 4 == 4) {
		hlen = (h[0] & 15) * 4;
		total = be16(h + 2);
		if (hlen < 20 || total < hlen || len < hlen)
			return -1;
		ip->alen = 4;
		copy(ip->src, h + 12, 4);
		copy(ip->dst, h + 16, 4);
		ip->proto = h[9];
		ip->l4 = be16(h + 6) & 0x1fff ? -1 : hlen;
		ip->end = total < len ? total : len;
		return 0;
	}
	if (h[0] >> 4 != 6 || kwasm_pkt_read(0, h, 40) != 40)
		return -1;
	total = 40 + be16(h + 4);
	ip->alen = 16;
	copy(ip->src, h + 8, 16);
	copy(ip->dst, h + 24, 16);
	ip->proto = h[6];
	ip->l4 = 40;
	ip->end = total < len ? total : len;
	return 0;
}

#endif /* KWASM_FILTER_PACKET_H */
