;; SPDX-License-Identifier: GPL-2.0 OR MIT
;;
;; c[j] += (x*y)*z as one cell (compile_float.c, fuse_mul3_mem), with and
;; without the i32 add of the address in front: two roundings, address
;; wraparound, a trap before any write, a base that is also the address,
;; and shapes that must not fuse.

(module
  (memory 1)

  ;; f64_addi_mul3_add_mem: $q = $p + imm, then [$q + 8] += (x*y)*z.
  ;; Returns the stored f64; "addi_q" returns $q after the same.
  (func $addi (param $p i32) (param $x f64) (param $y f64) (param $z f64) (result i32)
    (local $q i32)
    local.get $p
    i32.const -24
    i32.add
    local.tee $q
    local.get $x
    local.get $y
    f64.mul
    local.get $z
    f64.mul
    local.get $q
    f64.load offset=8
    f64.add
    f64.store offset=8
    local.get $q)
  (func (export "addi") (param $p i32) (param $x f64) (param $y f64) (param $z f64) (result f64)
    (f64.load offset=8 (call $addi (local.get $p) (local.get $x) (local.get $y) (local.get $z))))
  (func (export "addi_q") (param $p i32) (param $x f64) (param $y f64) (param $z f64) (result i32)
    (call $addi (local.get $p) (local.get $x) (local.get $y) (local.get $z)))
  ;; $q as an i64: the i32 result's upper half is zero though the sum carries.
  (func (export "addi_q64") (param $p i32) (result i64)
    (i64.extend_i32_u (call $addi (local.get $p) (f64.const 1) (f64.const 1) (f64.const 1))))
  ;; The address overwrites its own base: $p = $p + 16.
  (func (export "addi_alias") (param $p i32) (param $x f64) (result f64)
    local.get $p
    i32.const 16
    i32.add
    local.tee $p
    local.get $x
    local.get $x
    f64.mul
    local.get $x
    f64.mul
    local.get $p
    f64.load
    f64.add
    f64.store
    local.get $p
    f64.load)
  ;; f64_mul3_add_mem: the address from a local, no add in front.
  (func (export "mem") (param $p i32) (param $x f64) (param $y f64) (param $z f64) (result f64)
    local.get $p
    local.get $x
    local.get $y
    f64.mul
    local.get $z
    f64.mul
    local.get $p
    f64.load
    f64.add
    f64.store
    local.get $p
    f64.load)
  ;; Not fused: the product is also kept in $x, which must be written.
  (func (export "mem_tee") (param $p i32) (param $x f64) (param $y f64) (param $z f64) (result f64)
    local.get $p
    local.get $x
    local.get $y
    f64.mul
    local.get $z
    f64.mul
    local.tee $x
    local.get $p
    f64.load
    f64.add
    f64.store
    local.get $x)
  ;; Not fused: the store goes elsewhere than the load ($p + 8).
  (func (export "mem_other") (param $p i32) (param $x f64) (param $y f64) (param $z f64) (result f64)
    local.get $p
    local.get $x
    local.get $y
    f64.mul
    local.get $z
    f64.mul
    local.get $p
    f64.load offset=8
    f64.add
    f64.store
    local.get $p
    f64.load)
  (func (export "set") (param $a i32) (param $v f64)
    (f64.store (local.get $a) (local.get $v)))
  (func (export "get") (param $a i32) (result f64)
    (f64.load (local.get $a))))

;; (x*y)*z overflows where x*(y*z) would not; (1 + 2^-52)^2 - 1 is 2^-51
;; with the product rounded, as Wasm says (an FMA: 2^-51 + 2^-104).
(invoke "set" (i32.const 8) (f64.const 1))
(assert_return (invoke "addi" (i32.const 24) (f64.const 0x1p+1023) (f64.const 2) (f64.const 0.5))
  (f64.const inf))
(invoke "set" (i32.const 8) (f64.const 1))
(assert_return (invoke "addi" (i32.const 24) (f64.const 3) (f64.const -2) (f64.const 0.5))
  (f64.const -2))
(invoke "set" (i32.const 8) (f64.const 1))
(assert_return (invoke "addi" (i32.const 24) (f64.const 0x1p-53) (f64.const 1) (f64.const 1))
  (f64.const 1))
(invoke "set" (i32.const 8) (f64.const -1))
(assert_return (invoke "addi" (i32.const 24) (f64.const 0x1.0000000000001p+0)
  (f64.const 0x1.0000000000001p+0) (f64.const 1)) (f64.const 0x1p-51))
(assert_return (invoke "addi_q" (i32.const 100) (f64.const 1) (f64.const 1) (f64.const 1))
  (i32.const 76))
(assert_return (invoke "addi_q64" (i32.const 100)) (i64.const 76))
;; $p + -24 wraps: 20 - 24 = 2^32 - 4, out of range; so is 65545 - 16.
(assert_trap (invoke "addi" (i32.const 20) (f64.const 1) (f64.const 1) (f64.const 1))
  "out of bounds memory access")
(assert_trap (invoke "addi" (i32.const 65545) (f64.const 1) (f64.const 1) (f64.const 1))
  "out of bounds memory access")
(invoke "set" (i32.const 65520) (f64.const 5))
(assert_return (invoke "addi" (i32.const 65536) (f64.const 1) (f64.const 2) (f64.const 3))
  (f64.const 11))
(invoke "set" (i32.const 48) (f64.const 1))
(assert_return (invoke "addi_alias" (i32.const 32) (f64.const 2)) (f64.const 9))
(assert_trap (invoke "addi_alias" (i32.const 65528) (f64.const 2)) "out of bounds memory access")
(invoke "set" (i32.const 200) (f64.const 0.5))
(assert_return (invoke "mem" (i32.const 200) (f64.const 3) (f64.const 5) (f64.const 0.5))
  (f64.const 8))
(assert_return (invoke "mem" (i32.const 200) (f64.const 0x1p+1023) (f64.const 2) (f64.const 0.5))
  (f64.const inf))
(assert_trap (invoke "mem" (i32.const 65529) (f64.const 1) (f64.const 1) (f64.const 1))
  "out of bounds memory access")
(assert_return (invoke "get" (i32.const 65520)) (f64.const 11))
(invoke "set" (i32.const 300) (f64.const 1))
(assert_return (invoke "mem_tee" (i32.const 300) (f64.const 3) (f64.const 5) (f64.const 0.5))
  (f64.const 7.5))
(assert_return (invoke "get" (i32.const 300)) (f64.const 8.5))
(invoke "set" (i32.const 400) (f64.const 1))
(invoke "set" (i32.const 408) (f64.const 10))
(assert_return (invoke "mem_other" (i32.const 400) (f64.const 3) (f64.const 5) (f64.const 0.5))
  (f64.const 17.5))
(assert_return (invoke "get" (i32.const 408)) (f64.const 10))
