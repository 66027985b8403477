// SPDX-License-Identifier: GPL-2.0 OR MIT
// AssemblyScript guest for kwasm: string hashing, 64-bit integer math, a
// sort in linear memory and floats.  Built with the stub runtime and the
// abort import removed, so the module imports nothing.

const TEXT = "Happy families are all alike; every unhappy family is unhappy in its own way.";

// Scratch for median(): 1024 u32 slots in the module's static data.
const SCRATCH_SLOTS: i32 = 1024;
const scratch = memory.data(SCRATCH_SLOTS * 4);

export function textLength(): i32 {
  return TEXT.length;
}

// djb2 (h * 33 + c) over the first `len` UTF-16 units of the text.
export function djb2(len: i32): u32 {
  const n = min(max(len, 0), TEXT.length);
  let h: u32 = 5381;
  for (let i = 0; i < n; i++) h = h * 33 + <u32>TEXT.charCodeAt(i);
  return h;
}

export function countVowels(): i32 {
  let count = 0;
  for (let i = 0; i < TEXT.length; i++) {
    const c = TEXT.charCodeAt(i) | 0x20;
    if (c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6f || c == 0x75) count++;
  }
  return count;
}

// Trial division by 6k +- 1 on the unsigned 64-bit value of `n`.
export function isPrime(n: u64): bool {
  if (n < 2) return false;
  if (n < 4) return true;
  if (n % 2 == 0 || n % 3 == 0) return false;
  for (let d: u64 = 5; d <= n / d; d += 6) {
    if (n % d == 0 || n % (d + 2) == 0) return false;
  }
  return true;
}

// C(n, k) by the multiplicative formula; each step's division is exact.
export function binomial(n: i32, k: i32): i64 {
  if (k < 0 || k > n) return 0;
  if (k > n - k) k = n - k;
  let r: i64 = 1;
  for (let i = 1; i <= k; i++) r = r * <i64>(n - k + i) / <i64>i;
  return r;
}

// Median of `n` pseudo-random u32 (LCG from `seed`), insertion-sorted in
// linear memory; n is clamped to 1..SCRATCH_SLOTS.
export function median(seed: u32, n: i32): u32 {
  n = min(max(n, 1), SCRATCH_SLOTS);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = x * 1664525 + 1013904223;
    store<u32>(scratch + (<usize>i << 2), x);
  }
  for (let i = 1; i < n; i++) {
    const v = load<u32>(scratch + (<usize>i << 2));
    let j = i - 1;
    while (j >= 0 && load<u32>(scratch + (<usize>j << 2)) > v) {
      store<u32>(scratch + (<usize>(j + 1) << 2), load<u32>(scratch + (<usize>j << 2)));
      j--;
    }
    store<u32>(scratch + (<usize>(j + 1) << 2), v);
  }
  return load<u32>(scratch + (<usize>(n >> 1) << 2));
}

export function circleArea(r: f64): f64 {
  return Math.PI * r * r;
}

export function distance(x1: f64, y1: f64, x2: f64, y2: f64): f64 {
  const dx = x2 - x1;
  const dy = y2 - y1;
  return Math.sqrt(dx * dx + dy * dy);
}

export function lerp32(a: f32, b: f32, t: f32): f32 {
  return a + (b - a) * t;
}
