;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; Bulk memory and table operations in loops: each costs little fuel but
;; touches up to 512 KiB or 5000 elements, so fuel must scale with length
;; for 100000 fuel to finish well before the 1 s deadline.
(module
  (memory 8 8)
  (table $t 5000 5000 funcref)
  (table $u 5000 5000 funcref)
  (func $f)
  (elem declare func $f)
  (func (export "memory")
    (loop
      (memory.fill (i32.const 0) (i32.const 7) (i32.const 524288))
      (memory.copy (i32.const 1) (i32.const 0) (i32.const 524287))
      (br 0)))
  (func (export "table")
    (loop
      (table.fill $t (i32.const 0) (ref.func $f) (i32.const 5000))
      (table.copy $u $t (i32.const 0) (i32.const 0) (i32.const 5000))
      (br 0))))
