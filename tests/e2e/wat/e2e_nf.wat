;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; Netfilter test filters for tests/e2e/70-netfilter.sh and 75-nf-churn.sh.
(module
  (import "kwasm" "pkt_read" (func $pkt_read (param i32 i32 i32) (result i32)))
  (import "kwasm" "pkt_meta" (func $pkt_meta (param i32) (result i64)))
  (memory 1)
  (func (export "accept") (param i32) (result i32) i32.const 0)
  (func (export "drop") (param i32) (result i32) i32.const 1)
  (func (export "bad") (param i32) (result i32) i32.const 7)
  (func (export "trap") (param i32) (result i32) unreachable)
  (func (export "spin") (param i32) (result i32) (loop $l (br $l)) i32.const 0)
  ;; IPv4 ICMP (protocol byte 9 == 1) is dropped, the rest accepted
  (func (export "drop_icmp") (param $len i32) (result i32)
    (drop (call $pkt_read (i32.const 9) (i32.const 0) (i32.const 1)))
    (i32.eq (i32.load8_u (i32.const 0)) (i32.const 1)))
  ;; IPv6 ICMPv6 (next header byte 6 == 58) dropped
  (func (export "drop_icmp6") (param $len i32) (result i32)
    (drop (call $pkt_read (i32.const 6) (i32.const 0) (i32.const 1)))
    (i32.eq (i32.load8_u (i32.const 0)) (i32.const 58)))
  ;; drops when the argument (visible length) is above 2048: must never happen
  (func (export "len_cap") (param $len i32) (result i32)
    (i32.gt_u (local.get $len) (i32.const 2048)))
)
