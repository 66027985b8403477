;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; Imports a function the guest ABI does not have: kwasm run must refuse it.
(module
  (import "kwasm" "nope" (func (result i32)))
  (func (export "filter") (param i32) (result i32) (i32.const 0)))
