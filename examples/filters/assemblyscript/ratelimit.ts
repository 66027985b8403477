// SPDX-License-Identifier: GPL-2.0 OR MIT
// ratelimit: a token bucket per source address.  Map 1 holds the settings
// as 8-byte little-endian numbers: "rate" (packets per second, default 10)
// and "burst" (bucket size, default 20).  Map 0 holds each source's bucket
// keyed by its address (4 or 16 bytes): tokens in billionths, then the
// time_ns() of its last packet, two u64 LE (16 bytes).  A packet takes one
// token or is dropped and counted under "drops" in map 2.  Non-IP passes,
// and so does everything if map 0 is full.

import { map_add, map_get, map_set, time_ns, VERDICT_ACCEPT, VERDICT_DROP } from "../../../sdk/assemblyscript/kwasm";
import { ipAlen, ipParse, ipSrc } from "./packet";

const MAP_BUCKETS: u32 = 0;
const MAP_CONFIG: u32 = 1;
const MAP_STATS: u32 = 2;
const RATE_DEFAULT: u64 = 10;
const BURST_DEFAULT: u64 = 20;
const NS: u64 = 1_000_000_000; // one token, in the bucket's units

// Map keys are bytes, not AssemblyScript's UTF-16 strings.
const RATE = memory.data<u8>([0x72, 0x61, 0x74, 0x65]);
const BURST = memory.data<u8>([0x62, 0x75, 0x72, 0x73, 0x74]);
const DROPS = memory.data<u8>([0x64, 0x72, 0x6f, 0x70, 0x73]);

// The bucket: tokens (u64 LE), then last (u64 LE).
const bucket = memory.data(16);

function setting(key: usize, klen: u32, dflt: u64): u64 {
  return map_get(MAP_CONFIG, key, klen, bucket, 8) == 8 ? load<u64>(bucket) : dflt;
}

export function filter(len: i32): i32 {
  if (!ipParse(len)) return VERDICT_ACCEPT;
  const rate = setting(RATE, 4, RATE_DEFAULT);
  const burst = setting(BURST, 5, BURST_DEFAULT);
  const cap = burst > U64.MAX_VALUE / NS ? U64.MAX_VALUE : burst * NS;
  const now = time_ns();
  let tokens = cap; // a new source starts with a full bucket
  if (map_get(MAP_BUCKETS, ipSrc, ipAlen, bucket, 16) == 16) {
    tokens = min(load<u64>(bucket), cap);
    const last = load<u64>(bucket, 8);
    const elapsed = now > last ? now - last : 0;
    // elapsed * rate may overflow: compare by division instead.
    if (rate != 0 && elapsed > (cap - tokens) / rate) tokens = cap;
    else tokens += elapsed * rate;
  }
  let verdict = VERDICT_ACCEPT;
  if (tokens >= NS) {
    tokens -= NS;
  } else {
    map_add(MAP_STATS, DROPS, 5, 1);
    verdict = VERDICT_DROP;
  }
  store<u64>(bucket, tokens);
  store<u64>(bucket, now, 8);
  map_set(MAP_BUCKETS, ipSrc, ipAlen, bucket, 16);
  return verdict;
}
