;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; Data-path guest for tests/e2e/64-bpf-perm.sh: does the kfunc let it
;; write the buffer?
(module
  (import "kwasm" "pkt_write" (func $pkt_write (param i32 i32 i32) (result i32)))
  (memory 1)
  ;; Fills the input with 0xee through pkt_write and returns what
  ;; pkt_write returned plus one: 0 if the input is read-only (-1),
  ;; else the input's length + 1.
  (func (export "fill") (param $len i32) (result i32)
    (memory.fill (i32.const 1024) (i32.const 0xee) (local.get $len))
    (i32.add (call $pkt_write (i32.const 0) (i32.const 1024) (local.get $len)) (i32.const 1))))
