// SPDX-License-Identifier: GPL-2.0 OR MIT
//! Rust guest for kwasm: checksums over text baked into the module, 64-bit
//! integer math and floats.  `no_std` with an abort-style panic handler, so
//! the module needs no imports and runs where the host offers none.

#![no_std]

use core::arch::wasm32;

static TEXT: &[u8] = b"Call me Ishmael. Some years ago, never mind how long precisely, \
having little or no money in my purse, I thought I would sail about a little.";

/// Any panic (none is expected) becomes a Wasm trap instead of a hang.
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    wasm32::unreachable()
}

/// The first `len` bytes of the text, clamped to what exists.
fn prefix(len: i32) -> &'static [u8] {
    let n = if len < 0 { 0 } else { len as usize };
    &TEXT[..n.min(TEXT.len())]
}

#[no_mangle]
pub extern "C" fn text_len() -> i32 {
    TEXT.len() as i32
}

/// CRC-32 (IEEE, reflected, as zlib) bit by bit: no table to keep in memory.
#[no_mangle]
pub extern "C" fn crc32(len: i32) -> u32 {
    let mut crc = !0u32;
    for &b in prefix(len) {
        crc ^= b as u32;
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xedb8_8320 & mask);
        }
    }
    !crc
}

#[no_mangle]
pub extern "C" fn adler32(len: i32) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &c in prefix(len) {
        a = (a + c as u32) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

/// Length of the longest run of ASCII letters.
#[no_mangle]
pub extern "C" fn longest_word() -> i32 {
    let (mut best, mut cur) = (0, 0);
    for &c in TEXT {
        if c.is_ascii_alphabetic() {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

/// Fibonacci number `n`, wrapping on overflow (exact up to n = 92).
#[no_mangle]
pub extern "C" fn fib(n: i32) -> i64 {
    let (mut a, mut b) = (0i64, 1i64);
    for _ in 0..n {
        let t = a.wrapping_add(b);
        a = b;
        b = t;
    }
    a
}

/// `b^e mod m` on unsigned 64-bit values; products go through u128.
#[no_mangle]
pub extern "C" fn modpow(b: u64, e: u64, m: u64) -> u64 {
    if m == 0 {
        return 0;
    }
    let (mut base, mut e, mut acc) = ((b % m) as u128, e, 1u128 % m as u128);
    while e > 0 {
        if e & 1 == 1 {
            acc = acc * base % m as u128;
        }
        base = base * base % m as u128;
        e >>= 1;
    }
    acc as u64
}

/// Integer square root of an unsigned 64-bit value, by Newton's method.
#[no_mangle]
pub extern "C" fn isqrt(n: u64) -> u64 {
    if n < 2 {
        return n;
    }
    let mut x = n;
    // ceil(n / 2) without the overflow of (n + 1) / 2 at u64::MAX.
    let mut y = n / 2 + (n & 1);
    while y < x {
        x = y;
        y = (x + n / x) / 2;
    }
    x
}

/// Leibniz series for pi with `terms` terms, summed in order.
#[no_mangle]
pub extern "C" fn leibniz_pi(terms: i32) -> f64 {
    let mut sum = 0.0f64;
    let mut sign = 1.0f64;
    for k in 0..terms {
        sum += sign / (2 * k + 1) as f64;
        sign = -sign;
    }
    4.0 * sum
}

/// Square root by Newton's method from a bit-level first guess: core has no
/// `f64::sqrt` in this Rust, and calling libm would need an import.
#[no_mangle]
pub extern "C" fn newton_sqrt(a: f64) -> f64 {
    if a.is_nan() || a < 0.0 {
        return f64::NAN;
    }
    if a == 0.0 || a.is_infinite() {
        return a;
    }
    // Halving the biased exponent roughly halves log2(a).
    let mut x = f64::from_bits((a.to_bits() >> 1) + (1023u64 << 51));
    for _ in 0..64 {
        let next = 0.5 * (x + a / x);
        if next == x {
            break;
        }
        x = next;
    }
    x
}

/// Euclidean length of (x, y, z), built on `newton_sqrt`.
#[no_mangle]
pub extern "C" fn norm3(x: f64, y: f64, z: f64) -> f64 {
    newton_sqrt(x * x + y * y + z * z)
}

#[no_mangle]
pub extern "C" fn c_to_f(c: f32) -> f32 {
    c * 1.8 + 32.0
}
