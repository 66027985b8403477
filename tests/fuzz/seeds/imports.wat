;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; Every import kind, a host function with more values than the 32 slots
;; kw_call() keeps for host calls, and exports that use them all.
(module
  (import "env" "wide" (func $wide
    (param i32 i64 f32 f64 i32 i64 f32 f64 i32 i64 f32 f64 i32 i64 f32 f64
           i32 i64 f32 f64 i32 i64 f32 f64 i32 i64 f32 f64 i32 i64 f32 f64 funcref externref)
    (result i64 i64 i64 i64 i32 f64 funcref externref)))
  (import "env" "nop" (func $nop))
  (import "env" "tab" (table $t 2 20 funcref))
  (import "env" "ext" (table $e 1 externref))
  (import "env" "mem" (memory 1 3))
  (import "env" "g32" (global $g32 (mut i32)))
  (import "env" "g64" (global $g64 i64))
  (import "env" "gref" (global $gref (mut funcref)))
  (export "wide" (func $wide))
  (export "tab" (table $t))
  (export "g32" (global $g32))
  (elem (table $t) (i32.const 0) func $nop $use)
  (func $use (export "use") (result i32)
    (call $wide
      (i32.const 1) (i64.const 2) (f32.const 3) (f64.const 4)
      (i32.const 1) (i64.const 2) (f32.const 3) (f64.const 4)
      (i32.const 1) (i64.const 2) (f32.const 3) (f64.const 4)
      (i32.const 1) (i64.const 2) (f32.const 3) (f64.const 4)
      (i32.const 1) (i64.const 2) (f32.const 3) (f64.const 4)
      (i32.const 1) (i64.const 2) (f32.const 3) (f64.const 4)
      (i32.const 1) (i64.const 2) (f32.const 3) (f64.const 4)
      (i32.const 1) (i64.const 2) (f32.const 3) (f64.const 4)
      (ref.func $use) (ref.null extern))
    drop drop drop drop drop drop drop drop
    (call_indirect $t (i32.const 0))
    (global.set $g32 (i32.add (global.get $g32) (i32.wrap_i64 (global.get $g64))))
    (global.set $gref (table.get $t (i32.const 1)))
    (drop (memory.grow (i32.const 2)))
    (drop (memory.grow (i32.const 1)))
    (drop (table.grow $t (ref.null func) (i32.const 100)))
    (drop (table.grow $e (ref.null extern) (i32.const 100000)))
    (i32.store (i32.const 131068) (memory.size))
    (call_indirect $t (result i32) (i32.const 1))))
