;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; 35-hardening.sh, an importer whose instantiation traps after its element
;; segment has put a function (calling kwasm.log) into the exporter's table.
(module
  (import "env" "t" (table 1 funcref))
  (import "kwasm" "log" (func $log (param i32 i32)))
  (memory 1)
  (data (i32.const 0) "trapped importer still here")
  (func $f (result i32)
    (call $log (i32.const 0) (i32.const 27))
    (i32.const 43))
  (elem (i32.const 0) $f)
  (func $start unreachable)
  (start $start))
