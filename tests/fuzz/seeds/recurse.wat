;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; Recursion until "call stack exhausted": direct with big frames, indirect,
;; and mutual through a host import in the middle.
(module
  (import "env" "host" (func $host (param i64) (result i64)))
  (type $v (func))
  (table 2 funcref)
  (elem (i32.const 0) $ind $big)
  (func $big (export "big") (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
      i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
      i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (call $big))
  (func $ind (export "ind") (call_indirect (type $v) (i32.const 0)))
  (func $mix (export "mix") (param i64) (result i64)
    (call $mix (call $host (local.get 0))))
  (func (export "wrong") (call_indirect (type $v) (i32.const 5)))
  (func (export "ret") (result i32 i64 f32 f64)
    (i32.const 1) (i64.const 2) (f32.const 3) (f64.const 4)))
