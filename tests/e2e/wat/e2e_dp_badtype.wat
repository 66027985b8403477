;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; Imports kwasm.pkt_len with the wrong signature: LOAD must refuse it.
(module
  (import "kwasm" "pkt_len" (func (param i32) (result i32)))
  (func (export "f") (param i32) (result i32) (i32.const 0)))
