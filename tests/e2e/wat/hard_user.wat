;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; 35-hardening.sh, an importer (--import env=EXPORTER): its function,
;; which calls the host function kwasm.log, goes into the exporter's table
;; and must keep working after this module is unloaded.
(module
  (import "env" "t" (table 1 funcref))
  (import "kwasm" "log" (func $log (param i32 i32)))
  (memory 1)
  (data (i32.const 0) "hard_user still here")
  (func $f (result i32)
    (call $log (i32.const 0) (i32.const 20))
    (i32.const 42))
  (elem (i32.const 0) $f))
