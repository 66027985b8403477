;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; The guest ABI's connection imports (version 2) for abi_test.sh.
(module
  (import "kwasm" "conn_meta" (func $meta (param i32) (result i64)))
  (import "kwasm" "conn_read" (func $read (param i32 i32 i32) (result i32)))
  (memory 1)
  (func (export "meta") (param $f i32) (result i64)
    (call $meta (local.get $f)))
  ;; the field's length as conn_read says, read into 64 bytes at 0
  (func (export "len") (param $f i32) (param $cap i32) (result i32)
    (call $read (local.get $f) (i32.const 0) (local.get $cap)))
  ;; byte i of the field after a read of cap bytes into 0xee-filled memory
  (func (export "byte") (param $f i32) (param $cap i32) (param $i i32) (result i32)
    (memory.fill (i32.const 0) (i32.const 0xee) (i32.const 64))
    (drop (call $read (local.get $f) (i32.const 0) (local.get $cap)))
    (i32.load8_u (local.get $i)))
  ;; a buffer that leaves memory by one byte
  (func (export "oob") (result i32)
    (call $read (i32.const 3) (i32.const 65535) (i32.const 2))))
