;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; Guest for tests/unit/cli_test.sh: argument parsing and result printing.
(module
  (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func (export "neg64") (param i64) (result i64) i64.const 0 local.get 0 i64.sub)
  (func (export "fdiv") (param f64 f64) (result f64) local.get 0 local.get 1 f64.div)
  (func (export "fsqrt") (param f32) (result f32) local.get 0 f32.sqrt)
  (func (export "multi") (result i32 i64 f32) i32.const -1 i64.const 9000000000 f32.const 0.5)
  (func (export "spin") (loop br 0))
  (func $r (export "recurse") (param i32) (result i32) local.get 0 call $r)
  (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
  (func (export "oob") (result i32) i32.const 70000 i32.load)
  ;; x * y + z as two roundings; a fused multiply-add would round once.
  (func (export "mla64") (param f64 f64 f64) (result f64)
    local.get 0 local.get 1 f64.mul local.get 2 f64.add)
  (func (export "mla32") (param f32 f32 f32) (result f32)
    local.get 0 local.get 1 f32.mul local.get 2 f32.add)
  (func (export "_start"))
  (memory 1)
)
