// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * dns: count DNS queries by name.  For a UDP packet to port 53 whose DNS
 * header says "query", the first question's name, lowercased and dotted
 * ("www.example.com", the root is "."), is a key in map 0 whose 8-byte
 * counter goes up by one.  A query that cannot be parsed (cut short,
 * compressed or over-long labels, no question) counts under "malformed" in
 * map 1, a name longer than a map key under "toolong".  Every packet is
 * accepted: this filter only watches.
 */
#include "packet.h"

#define MAP_NAMES	0
#define MAP_ERRORS	1
#define DNS_PORT	53
#define NAME_MAX	253	/* dotted text of the longest DNS name */

static u8 name[NAME_MAX + 64];

static void count_error(const char *what, int n)
{
	kwasm_map_add(MAP_ERRORS, what, n, 1);
}

/* The dotted, lowercased name at @off; its length, or -1 if malformed. */
static int read_name(int off, int end)
{
	int n = 0, i;
	u8 l;

	for (;;) {
		if (off >= end || kwasm_pkt_read(off, &l, 1) != 1)
			return -1;
		off++;
		if (!l)
			break;
		/* 0xc0: compression pointer, 0x40/0x80: reserved; none in a query. */
		if (l & 0xc0 || off + l > end || n + 1 + l > NAME_MAX + 1)
			return -1;
		if (n)
			name[n++] = '.';
		kwasm_pkt_read(off, name + n, l);
		for (i = n; i < n + l; i++)
			if (name[i] >= 'A' && name[i] <= 'Z')
				name[i] += 'a' - 'A';
		n += l;
		off += l;
	}
	/* QTYPE and QCLASS must follow. */
	if (off + 4 > end)
		return -1;
	if (!n)
		name[n++] = '.';
	return n;
}

KWASM_EXPORT(filter)
int filter(int len)
{
	u8 udp[8], dns[12];
	struct ip ip;
	int p, n;

	if (ip_parse(len, &ip) || ip.proto != IPPROTO_UDP || ip.l4 < 0 ||
	    ip.l4 + 8 > ip.end || kwasm_pkt_read(ip.l4, udp, 8) != 8 ||
	    be16(udp + 2) != DNS_PORT)
		return KWASM_VERDICT_ACCEPT;
	p = ip.l4 + 8;
	if (p + 12 > ip.end || kwasm_pkt_read(p, dns, 12) != 12 || !be16(dns + 4)) {
		count_error("malformed", 9);
		return KWASM_VERDICT_ACCEPT;
	}
	if (dns[2] & 0x80)	/* QR: a response */
		return KWASM_VERDICT_ACCEPT;
	n = read_name(p + 12, ip.end);
	if (n < 0)
		count_error("malformed", 9);
	else if (n > KWASM_MAP_KEY_MAX)
		count_error("toolong", 7);
	else
		kwasm_map_add(MAP_NAMES, name, n, 1);
	return KWASM_VERDICT_ACCEPT;
}
