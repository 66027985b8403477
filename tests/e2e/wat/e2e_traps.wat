;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; Every trap kind a kernel call can end with, plus runaway code and memory.
(module
  (memory 1)
  (table 2 funcref)
  (type $v (func))
  (elem (i32.const 0) $nop)
  (func $nop)
  (func (export "unreachable") unreachable)
  (func (export "oob") (result i32) i32.const 65536 i32.load)
  (func (export "div0") (param i32) (result i32) i32.const 1 local.get 0 i32.div_u)
  (func (export "overflow") (result i32) i32.const 0x80000000 i32.const -1 i32.div_s)
  (func (export "conv") (result i32) f32.const nan i32.trunc_f32_s)
  (func (export "undef") (call_indirect (type $v) (i32.const 7)))
  (func (export "uninit") (call_indirect (type $v) (i32.const 1)))
  (func (export "mismatch") (result i32) i32.const 0 call_indirect (result i32))
  (func $r (export "recurse") (param i32) (result i32) local.get 0 call $r)
  (func (export "spin") (loop br 0))
  (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
  (func (export "size") (result i32) memory.size)
  (func (export "count") (param i32) (result i32) (local i32)
    (block (loop
      local.get 0 i32.eqz br_if 1
      local.get 1 i32.const 1 i32.add local.set 1
      local.get 0 i32.const 1 i32.sub local.set 0
      br 0))
    local.get 1))
