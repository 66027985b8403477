;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; Imports kwasm.pkt_len with the wrong signature: instantiation must fail.
(module
  (import "kwasm" "pkt_len" (func (param i32) (result i32)))
  (func (export "filter") (param i32) (result i32) (i32.const 0)))
