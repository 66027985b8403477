// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ratelimit: a token bucket per source address.  Map 1 holds the settings
 * as 8-byte little-endian numbers: "rate" (packets per second, default 10)
 * and "burst" (bucket size, default 20).  Map 0 holds each source's bucket,
 * keyed by its address (4 or 16 bytes): struct bucket below, 16 bytes.  A
 * packet takes one token or is dropped and counted under "drops" in map 2.
 * Packets that are not IP pass, and so does everything if map 0 is full.
 */
#include "packet.h"

#define MAP_BUCKETS	0
#define MAP_CONFIG	1
#define MAP_STATS	2
#define RATE_DEFAULT	10
#define BURST_DEFAULT	20
#define NS		1000000000ull	/* one token, in the bucket's units */

/**
 * struct bucket - a source's state in map 0, little endian
 * @tokens: tokens left, in billionths: time_ns() * rate adds up exactly
 * @last: time_ns() of the source's last packet
 */
struct bucket {
	u64 tokens;
	u64 last;
};

static u64 setting(const char *key, int klen, u64 dflt)
{
	u64 v;

	return kwasm_map_get(MAP_CONFIG, key, klen, &v, 8) == 8 ? v : dflt;
}

KWASM_EXPORT(filter)
int filter(int len)
{
	u64 rate, burst, cap, now, elapsed, room;
	struct bucket b;
	struct ip ip;
	int verdict;

	if (ip_parse(len, &ip))
		return KWASM_VERDICT_ACCEPT;
	rate = setting("rate", 4, RATE_DEFAULT);
	burst = setting("burst", 5, BURST_DEFAULT);
	cap = burst > ~0ull / NS ? ~0ull : burst * NS;
	now = kwasm_time_ns();
	if (kwasm_map_get(MAP_BUCKETS, ip.src, ip.alen, &b, sizeof(b)) != sizeof(b)) {
		b.tokens = cap;	/* a new source starts with a full bucket */
	} else {
		elapsed = now > b.last ? now - b.last : 0;
		if (b.tokens > cap)
			b.tokens = cap;	/* burst was lowered */
		room = cap - b.tokens;
		/* elapsed * rate may overflow; compare by division instead. */
		if (rate && elapsed > room / rate)
			b.tokens = cap;
		else
			b.tokens += elapsed * rate;
	}
	b.last = now;
	if (b.tokens >= NS) {
		b.tokens -= NS;
		verdict = KWASM_VERDICT_ACCEPT;
	} else {
		kwasm_map_add(MAP_STATS, "drops", 5, 1);
		verdict = KWASM_VERDICT_DROP;
	}
	kwasm_map_set(MAP_BUCKETS, ip.src, ip.alen, &b, sizeof(b));
	return verdict;
}
