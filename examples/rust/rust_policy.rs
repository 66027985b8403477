// SPDX-License-Identifier: GPL-2.0 OR MIT
//! Example policies of transparent TLS in Rust, the same as c_policy.c
//! (docs/TLS.md, "Policy"): each export is () -> i32, called once per
//! connection, and returns `POLICY_ALLOW` to let it through.
//!
//!   spiffe_root    root's connections whose verified peer is
//!                  uri:spiffe://example.org/client
//!   loopback_only  peers in 127.0.0.0/8 or ::1, any handshake or none
#![no_std]

#[path = "../../sdk/rust/kwasm.rs"]
mod kwasm;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

const SPIFFE: &[u8] = b"uri:spiffe://example.org/client";

#[no_mangle]
pub extern "C" fn spiffe_root() -> i32 {
    let mut peer = [0u8; 256];

    if kwasm::conn_meta(kwasm::CONN_UID) != 0 {
        return kwasm::POLICY_DENY;
    }
    match kwasm::conn_read(kwasm::CONN_PEER, &mut peer) {
        Some(n) if &peer[..n] == SPIFFE => kwasm::POLICY_ALLOW,
        _ => kwasm::POLICY_DENY,
    }
}

#[no_mangle]
pub extern "C" fn loopback_only() -> i32 {
    let mut addr = [0u8; 16];
    let mut v6_loopback = [0u8; 16];

    v6_loopback[15] = 1;
    match kwasm::conn_read(kwasm::CONN_REMOTE_ADDR, &mut addr) {
        Some(4) if addr[0] == 127 => kwasm::POLICY_ALLOW,
        Some(16) if addr == v6_loopback => kwasm::POLICY_ALLOW,
        // Not in a policy call (CONN_NONE), or another peer.
        _ => kwasm::POLICY_DENY,
    }
}
