;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; Imports a function the guest ABI does not have: LOAD must name it.
(module
  (import "kwasm" "pkt_len" (func (result i32)))
  (import "kwasm" "no_such_fn" (func (param i32)))
  (func (export "f") (param i32) (result i32) (i32.const 0)))
