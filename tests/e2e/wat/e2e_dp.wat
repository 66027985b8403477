;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; Data-path guest for tests/e2e/60-datapath.sh and the kfunc test runs:
;; every outcome a data-path call can have, driven by its input.
(module
  (import "kwasm" "pkt_len" (func $pkt_len (result i32)))
  (import "kwasm" "pkt_read" (func $pkt_read (param i32 i32 i32) (result i32)))
  (import "kwasm" "pkt_write" (func $pkt_write (param i32 i32 i32) (result i32)))
  (import "kwasm" "map_add" (func $map_add (param i32 i32 i32 i64) (result i64)))
  (import "kwasm" "map_get" (func $map_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "kwasm" "log" (func $log (param i32 i32)))
  (memory 1)
  (data (i32.const 0) "hits")
  (data (i32.const 16) "e2e_dp says hello")
  ;; Result: the first input byte (0 for an empty input); the input's
  ;; length is written back into byte 1, and every byte is incremented.
  (func (export "echo") (param $len i32) (result i32)
    (local $i i32)
    (if (i32.eqz (local.get $len)) (then (return (i32.const 0))))
    (drop (call $pkt_read (i32.const 0) (i32.const 1024) (local.get $len)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (i32.store8 offset=1024 (local.get $i)
          (i32.add (i32.load8_u offset=1024 (local.get $i)) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (drop (call $pkt_write (i32.const 0) (i32.const 1024) (local.get $len)))
    (i32.sub (i32.load8_u (i32.const 1024)) (i32.const 1)))
  (func (export "empty") (param i32) (result i32) (i32.const 0))
  (func (export "len") (param i32) (result i32) (call $pkt_len))
  (func (export "spin") (param i32) (result i32) (loop $l (br $l)) (i32.const 0))
  (func (export "trap") (param i32) (result i32) unreachable)
  (func (export "neg") (param i32) (result i32) (i32.const -5))
  ;; Counts calls in map 0 under "hits"; returns the new count.
  (func (export "count") (param i32) (result i32)
    (i32.wrap_i64 (call $map_add (i32.const 0) (i32.const 0) (i32.const 4) (i64.const 1))))
  ;; The value of map 1 key "hits" (8 bytes, low 32 bits), -1 absent -> ERANGE.
  (func (export "rule") (param i32) (result i32)
    (drop (call $map_get (i32.const 1) (i32.const 0) (i32.const 4) (i32.const 64) (i32.const 8)))
    (i32.load (i32.const 64)))
  (func (export "hello") (param i32) (result i32)
    (call $log (i32.const 16) (i32.const 17)) (i32.const 0))
  ;; Grows memory by the argument; 1 if it worked, 0 if not.
  (func (export "grow") (param i32) (result i32)
    (i32.ne (memory.grow (local.get 0)) (i32.const -1)))
  ;; Runs for about the argument in instructions x 5 (for re-entry tests).
  (func (export "busy") (param $n i32) (result i32)
    (loop $l
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (i32.gt_s (local.get $n) (i32.const 0))))
    (i32.const 7))
  (func (export "not_a_filter") (param i64) (result i64) (local.get 0)))
