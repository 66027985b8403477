;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; 35-hardening.sh, the exporter: a table that importers fill, and `go`,
;; which calls whatever sits in slot 0 (a function of another module).
(module
  (type $ret_i32 (func (result i32)))
  (table (export "t") 1 funcref)
  (func (export "go") (result i32)
    (call_indirect (type $ret_i32) (i32.const 0))))
