;; SPDX-License-Identifier: GPL-2.0 OR MIT
;;
;; SHA-256's sigmas as one cell (i32_rot2, i32_rot3, i32_rot2_shr in
;; engine/src/ops.h): xors of rotations and a shift of one value.  Each
;; function is shaped so that the fusion applies, or must not.

(module
  ;; Sigma0 of the rounds: rot3.
  (func (export "rot3") (param $x i32) (result i32)
    local.get $x
    i32.const 30
    i32.rotl
    local.get $x
    i32.const 19
    i32.rotl
    i32.xor
    local.get $x
    i32.const 10
    i32.rotl
    i32.xor)
  ;; sigma0 of the schedule: rot2_shr.
  (func (export "rot2_shr") (param $x i32) (result i32)
    local.get $x
    i32.const 25
    i32.rotl
    local.get $x
    i32.const 14
    i32.rotl
    i32.xor
    local.get $x
    i32.const 3
    i32.shr_u
    i32.xor)
  ;; Two rotations only: rot2.  Counts past 31 wrap, 0 is no rotation.
  (func (export "rot2") (param $x i32) (result i32)
    local.get $x
    i32.const 33
    i32.rotl
    local.get $x
    i32.const 0
    i32.rotl
    i32.xor)
  (func (export "rot3_wrap") (param $x i32) (result i32)
    local.get $x
    i32.const 0
    i32.rotl
    local.get $x
    i32.const 32
    i32.rotl
    i32.xor
    local.get $x
    i32.const 63
    i32.shr_u
    i32.xor)
  ;; The result kept in the source local: dst aliases y.
  (func (export "rot3_self") (param $x i32) (result i32)
    local.get $x
    i32.const 26
    i32.rotl
    local.get $x
    i32.const 21
    i32.rotl
    i32.xor
    local.get $x
    i32.const 7
    i32.rotl
    i32.xor
    local.set $x
    local.get $x)
  ;; y a stack temp: the first rotation overwrites it, so no fusion.
  (func (export "rot_tee") (param $x i32) (result i32)
    (local $t i32)
    local.get $x
    i32.const 1
    i32.add
    local.tee $t
    i32.const 30
    i32.rotl
    local.get $t
    i32.const 19
    i32.rotl
    i32.xor
    local.get $t
    i32.const 10
    i32.rotl
    i32.xor)
  ;; Rotations of different values: no fusion.
  (func (export "rot_two") (param $x i32) (param $y i32) (result i32)
    local.get $x
    i32.const 30
    i32.rotl
    local.get $y
    i32.const 19
    i32.rotl
    i32.xor
    local.get $x
    i32.const 10
    i32.rotl
    i32.xor)
  ;; A branch target between the rotations: no fusion across it.
  (func (export "rot_label") (param $x i32) (result i32)
    local.get $x
    i32.const 30
    i32.rotl
    block (param i32) (result i32)
      local.get $x
      i32.const 19
      i32.rotl
      i32.xor
    end
    local.get $x
    i32.const 10
    i32.rotl
    i32.xor)
)

(assert_return (invoke "rot3" (i32.const 1)) (i32.const 1074267136))
(assert_return (invoke "rot3" (i32.const -2147483647)) (i32.const 1611400704))
(assert_return (invoke "rot3" (i32.const 1779033703)) (i32.const -836717442))
(assert_return (invoke "rot3" (i32.const -1)) (i32.const -1))
(assert_return (invoke "rot2_shr" (i32.const 1)) (i32.const 33570816))
(assert_return (invoke "rot2_shr" (i32.const -2147483647)) (i32.const 318791680))
(assert_return (invoke "rot2_shr" (i32.const 1779033703)) (i32.const -1173555838))
(assert_return (invoke "rot2_shr" (i32.const -1)) (i32.const 536870911))
(assert_return (invoke "rot2" (i32.const 1)) (i32.const 3))
(assert_return (invoke "rot2" (i32.const -2147483647)) (i32.const -2147483646))
(assert_return (invoke "rot2" (i32.const 1779033703)) (i32.const -1105581399))
(assert_return (invoke "rot2" (i32.const -1)) (i32.const 0))
(assert_return (invoke "rot3_wrap" (i32.const 1)) (i32.const 0))
(assert_return (invoke "rot3_wrap" (i32.const -2147483647)) (i32.const 1))
(assert_return (invoke "rot3_wrap" (i32.const 1779033703)) (i32.const 0))
(assert_return (invoke "rot3_wrap" (i32.const -1)) (i32.const 1))
(assert_return (invoke "rot3_self" (i32.const 1)) (i32.const 69206144))
(assert_return (invoke "rot3_self" (i32.const -2147483647)) (i32.const 103809216))
(assert_return (invoke "rot3_self" (i32.const 1779033703)) (i32.const 1438012688))
(assert_return (invoke "rot3_self" (i32.const -1)) (i32.const -1))
(assert_return (invoke "rot_tee" (i32.const 1)) (i32.const -2146433024))
(assert_return (invoke "rot_tee" (i32.const -2147483647)) (i32.const -1609299456))
(assert_return (invoke "rot_tee" (i32.const 1779033703)) (i32.const 240683133))
(assert_return (invoke "rot_tee" (i32.const -1)) (i32.const 0))
(assert_return (invoke "rot_label" (i32.const 1)) (i32.const 1074267136))
(assert_return (invoke "rot_label" (i32.const -2147483647)) (i32.const 1611400704))
(assert_return (invoke "rot_label" (i32.const 1779033703)) (i32.const -836717442))
(assert_return (invoke "rot_label" (i32.const -1)) (i32.const -1))
(assert_return (invoke "rot_two" (i32.const 1) (i32.const 2)) (i32.const 1074791424))
(assert_return (invoke "rot_two" (i32.const 1779033703) (i32.const -1150833019)) (i32.const -1992933620))
(assert_return (invoke "rot_two" (i32.const -1) (i32.const 0)) (i32.const 0))
