;; SPDX-License-Identifier: GPL-2.0 OR MIT
;;
;; Fused cells of the compiler (engine/src/ops.h): each function below is
;; shaped so that one fusion applies, or must not.  Run by fusion_test.sh.

(module
  (memory 1)
  (data (i32.const 0) "\01\02\03\04\05\06\07\08\09\0a\0b\0c")
  (data (i32.const 65528) "\a1\a2\a3\a4\a5\a6\a7\a8")

  ;; add_imm + br_i32_ne_imm, i32 wraparound: from 0xfffffffe up to 2.
  (func (export "wrap_ne") (result i32) (local $i i32) (local $n i32)
    i32.const -2
    local.set $i
    loop
      local.get $n
      i32.const 1
      i32.add
      local.set $n
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      i32.const 2
      i32.ne
      br_if 0
    end
    local.get $n)

  ;; add (two locals) + br_i32_lt_s (two locals): signed, across zero.
  (func (export "step_lt_s") (param $i i32) (param $step i32) (param $lim i32) (result i32)
    (local $n i32)
    loop
      local.get $n
      i32.const 1
      i32.add
      local.set $n
      local.get $i
      local.get $step
      i32.add
      local.tee $i
      local.get $lim
      i32.lt_s
      br_if 0
    end
    local.get $n)

  ;; The same, unsigned: -5 is huge, so one iteration.
  (func (export "step_lt_u") (param $i i32) (param $step i32) (param $lim i32) (result i32)
    (local $n i32)
    loop
      local.get $n
      i32.const 1
      i32.add
      local.set $n
      local.get $i
      local.get $step
      i32.add
      local.tee $i
      local.get $lim
      i32.lt_u
      br_if 0
    end
    local.get $n)

  ;; add_imm + br_i32_ge_s_imm with the operands swapped (imm on the left
  ;; becomes le_s), and the add's result only on the stack.
  (func (export "stack_ge") (param $x i32) (result i32)
    local.get $x
    i32.const 100
    i32.add
    i32.const 50
    i32.le_s
    if (result i32)
      i32.const 1
    else
      i32.const 2
    end)

  ;; add + br_i32_eq (if, negated into ne), the add read as the left operand.
  (func (export "if_eq") (param $a i32) (param $b i32) (param $c i32) (result i32)
    local.get $a
    local.get $b
    i32.add
    local.tee $a
    local.get $c
    i32.eq
    if (result i32)
      local.get $a
    else
      i32.const -1
    end)

  ;; The compare is a branch target (end of a block): no fusion with the
  ;; add before it, which the branch skips.
  (func (export "target") (param $skip i32) (param $x i32) (result i32)
    block
      local.get $skip
      br_if 0
      local.get $x
      i32.const 10
      i32.add
      local.set $x
    end
    local.get $x
    i32.const 15
    i32.gt_u
    if (result i32)
      i32.const 1
    else
      i32.const 0
    end)

  ;; The add is a loop head and the branch target: fused cell starts there.
  (func (export "head") (param $n i32) (result i32) (local $i i32)
    loop
      local.get $i
      i32.const 3
      i32.add
      local.tee $i
      local.get $n
      i32.le_u
      br_if 0
    end
    local.get $i)

  ;; local.tee of an address add, then a load: rr and ri, i32/i64/u8.
  (func (export "tee_i32") (param $p i32) (result i32) (local $a i32)
    local.get $p
    i32.const 4
    i32.add
    local.tee $a
    i32.load offset=1
    local.get $a
    i32.add)
  (func (export "tee_i64") (param $p i32) (param $q i32) (result i64) (local $a i32)
    local.get $p
    local.get $q
    i32.add
    local.tee $a
    i64.load
    local.get $a
    i64.extend_i32_u
    i64.add)
  (func (export "tee_u8") (param $p i32) (param $q i32) (result i32) (local $a i32)
    local.get $p
    local.get $q
    i32.add
    local.tee $a
    i32.load8_u offset=2
    local.get $a
    i32.const 8
    i32.shl
    i32.or)
  ;; The tee'd local is the add's own operand.
  (func (export "tee_self") (param $p i32) (result i32)
    local.get $p
    i32.const 1
    i32.add
    local.tee $p
    i32.load8_u
    local.get $p
    i32.const 8
    i32.shl
    i32.or)

  ;; i32.const 0 into a local that is not known zero must be kept.
  (func (export "zero_loop") (result i32) (local $i i32) (local $z i32) (local $acc i32)
    loop
      i32.const 0
      local.set $z
      local.get $acc
      local.get $z
      i32.add
      local.set $acc
      i32.const 100
      local.set $z
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      i32.const 3
      i32.lt_u
      br_if 0
    end
    local.get $acc)
  (func (export "zero_after_set") (param $x i32) (result i64) (local $z i64)
    local.get $x
    i64.extend_i32_u
    local.set $z
    i64.const 0
    local.set $z
    local.get $z)
  ;; Each call starts with zeroed locals, recursion included.
  (func $zr (export "zero_rec") (param $d i32) (result i32) (local $z i32)
    i32.const 0
    local.set $z
    local.get $d
    if
      local.get $d
      i32.const -1
      i32.add
      call $zr
      drop
    end
    local.get $z
    local.get $d
    i32.add
    local.set $z
    local.get $z)
)

(assert_return (invoke "wrap_ne") (i32.const 4))
(assert_return (invoke "step_lt_s" (i32.const -7) (i32.const 3) (i32.const 5)) (i32.const 4))
(assert_return (invoke "step_lt_s" (i32.const 2147483646) (i32.const 1) (i32.const 0))
  (i32.const 1))
(assert_return (invoke "step_lt_u" (i32.const -8) (i32.const 3) (i32.const 5)) (i32.const 1))
(assert_return (invoke "step_lt_u" (i32.const -8) (i32.const 8) (i32.const 5)) (i32.const 2))
(assert_return (invoke "stack_ge" (i32.const -50)) (i32.const 1))
(assert_return (invoke "stack_ge" (i32.const -49)) (i32.const 2))
(assert_return (invoke "stack_ge" (i32.const 2147483647)) (i32.const 1))
(assert_return (invoke "if_eq" (i32.const 3) (i32.const 4) (i32.const 7)) (i32.const 7))
(assert_return (invoke "if_eq" (i32.const -1) (i32.const 1) (i32.const 0)) (i32.const 0))
(assert_return (invoke "if_eq" (i32.const 3) (i32.const 4) (i32.const 8)) (i32.const -1))
(assert_return (invoke "target" (i32.const 1) (i32.const 10)) (i32.const 0))
(assert_return (invoke "target" (i32.const 0) (i32.const 10)) (i32.const 1))
(assert_return (invoke "target" (i32.const 1) (i32.const 16)) (i32.const 1))
(assert_return (invoke "head" (i32.const 10)) (i32.const 12))
(assert_return (invoke "head" (i32.const 0)) (i32.const 3))
(assert_return (invoke "tee_i32" (i32.const 0)) (i32.const 0x0908070a))
(assert_return (invoke "tee_i32" (i32.const 65520)) (i32.const 0xa100fff4))
(assert_trap (invoke "tee_i32" (i32.const 65528)) "out of bounds memory access")
(assert_trap (invoke "tee_i32" (i32.const -5)) "out of bounds memory access")
(assert_return (invoke "tee_i32" (i32.const -4)) (i32.const 0x05040302))
(assert_return (invoke "tee_i64" (i32.const 1) (i32.const 2))
  (i64.const 0x0b0a090807060507))
(assert_return (invoke "tee_i64" (i32.const -1) (i32.const 65529))
  (i64.const -6293878723864911207))
(assert_trap (invoke "tee_i64" (i32.const 65529) (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "tee_i64" (i32.const 0) (i32.const -8)) "out of bounds memory access")
(assert_return (invoke "tee_u8" (i32.const 3) (i32.const 4)) (i32.const 0x070a))
(assert_return (invoke "tee_u8" (i32.const 65530) (i32.const 3)) (i32.const 0xfffda8))
(assert_trap (invoke "tee_u8" (i32.const 65530) (i32.const 4)) "out of bounds memory access")
(assert_return (invoke "tee_self" (i32.const 4)) (i32.const 0x0506))
(assert_return (invoke "tee_self" (i32.const -1)) (i32.const 0x01))
(assert_return (invoke "zero_loop") (i32.const 0))
(assert_return (invoke "zero_after_set" (i32.const 9)) (i64.const 0))
(assert_return (invoke "zero_rec" (i32.const 5)) (i32.const 5))

;; Compare-and-branch for i64 (with immediates) and floats.  Each function
;; returns (br_if taken) * 2 + (if taken): 3 or 0, both fusions agreeing with
;; the compare.  The if uses the negated branch, which for floats must stay
;; exact with NaN operands: !(a < b) is not a >= b.
(module
  (func (export "f32.eq") (param f32 f32) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      f32.eq
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      f32.eq
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "f32.ne") (param f32 f32) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      f32.ne
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      f32.ne
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "f32.lt") (param f32 f32) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      f32.lt
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      f32.lt
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "f32.gt") (param f32 f32) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      f32.gt
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      f32.gt
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "f32.le") (param f32 f32) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      f32.le
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      f32.le
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "f32.ge") (param f32 f32) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      f32.ge
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      f32.ge
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "f64.eq") (param f64 f64) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      f64.eq
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      f64.eq
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "f64.ne") (param f64 f64) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      f64.ne
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      f64.ne
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "f64.lt") (param f64 f64) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      f64.lt
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      f64.lt
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "f64.gt") (param f64 f64) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      f64.gt
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      f64.gt
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "f64.le") (param f64 f64) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      f64.le
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      f64.le
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "f64.ge") (param f64 f64) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      f64.ge
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      f64.ge
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.eq") (param i64 i64) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      i64.eq
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      i64.eq
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.eq_big") (param i64) (result i32)
    (local $r i32)
    block
      local.get 0
      i64.const 4294967296
      i64.eq
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      i64.const 4294967296
      i64.eq
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.eq_m1") (param i64) (result i32)
    (local $r i32)
    block
      local.get 0
      i64.const -1
      i64.eq
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      i64.const -1
      i64.eq
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.ne") (param i64 i64) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      i64.ne
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      i64.ne
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.ne_big") (param i64) (result i32)
    (local $r i32)
    block
      local.get 0
      i64.const 4294967296
      i64.ne
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      i64.const 4294967296
      i64.ne
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.ne_m1") (param i64) (result i32)
    (local $r i32)
    block
      local.get 0
      i64.const -1
      i64.ne
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      i64.const -1
      i64.ne
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.lt_s") (param i64 i64) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      i64.lt_s
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      i64.lt_s
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.lt_s_big") (param i64) (result i32)
    (local $r i32)
    block
      local.get 0
      i64.const 4294967296
      i64.lt_s
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      i64.const 4294967296
      i64.lt_s
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.lt_s_m1") (param i64) (result i32)
    (local $r i32)
    block
      local.get 0
      i64.const -1
      i64.lt_s
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      i64.const -1
      i64.lt_s
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.lt_u") (param i64 i64) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      i64.lt_u
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      i64.lt_u
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.lt_u_big") (param i64) (result i32)
    (local $r i32)
    block
      local.get 0
      i64.const 4294967296
      i64.lt_u
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      i64.const 4294967296
      i64.lt_u
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.lt_u_m1") (param i64) (result i32)
    (local $r i32)
    block
      local.get 0
      i64.const -1
      i64.lt_u
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      i64.const -1
      i64.lt_u
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.gt_s") (param i64 i64) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      i64.gt_s
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      i64.gt_s
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.gt_s_big") (param i64) (result i32)
    (local $r i32)
    block
      local.get 0
      i64.const 4294967296
      i64.gt_s
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      i64.const 4294967296
      i64.gt_s
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.gt_s_m1") (param i64) (result i32)
    (local $r i32)
    block
      local.get 0
      i64.const -1
      i64.gt_s
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      i64.const -1
      i64.gt_s
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.gt_u") (param i64 i64) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      i64.gt_u
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      i64.gt_u
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.gt_u_big") (param i64) (result i32)
    (local $r i32)
    block
      local.get 0
      i64.const 4294967296
      i64.gt_u
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      i64.const 4294967296
      i64.gt_u
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.gt_u_m1") (param i64) (result i32)
    (local $r i32)
    block
      local.get 0
      i64.const -1
      i64.gt_u
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      i64.const -1
      i64.gt_u
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.le_s") (param i64 i64) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      i64.le_s
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      i64.le_s
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.le_s_big") (param i64) (result i32)
    (local $r i32)
    block
      local.get 0
      i64.const 4294967296
      i64.le_s
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      i64.const 4294967296
      i64.le_s
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.le_s_m1") (param i64) (result i32)
    (local $r i32)
    block
      local.get 0
      i64.const -1
      i64.le_s
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      i64.const -1
      i64.le_s
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.le_u") (param i64 i64) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      i64.le_u
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      i64.le_u
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.le_u_big") (param i64) (result i32)
    (local $r i32)
    block
      local.get 0
      i64.const 4294967296
      i64.le_u
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      i64.const 4294967296
      i64.le_u
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.le_u_m1") (param i64) (result i32)
    (local $r i32)
    block
      local.get 0
      i64.const -1
      i64.le_u
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      i64.const -1
      i64.le_u
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.ge_s") (param i64 i64) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      i64.ge_s
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      i64.ge_s
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.ge_s_big") (param i64) (result i32)
    (local $r i32)
    block
      local.get 0
      i64.const 4294967296
      i64.ge_s
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      i64.const 4294967296
      i64.ge_s
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.ge_s_m1") (param i64) (result i32)
    (local $r i32)
    block
      local.get 0
      i64.const -1
      i64.ge_s
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      i64.const -1
      i64.ge_s
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.ge_u") (param i64 i64) (result i32)
    (local $r i32)
    block
      local.get 0
      local.get 1
      i64.ge_u
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      local.get 1
      i64.ge_u
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.ge_u_big") (param i64) (result i32)
    (local $r i32)
    block
      local.get 0
      i64.const 4294967296
      i64.ge_u
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      i64.const 4294967296
      i64.ge_u
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.ge_u_m1") (param i64) (result i32)
    (local $r i32)
    block
      local.get 0
      i64.const -1
      i64.ge_u
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      i64.const -1
      i64.ge_u
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "i64.eqz") (param i64) (result i32)
    (local $r i32)
    block
      local.get 0
      i64.eqz
      br_if 0
      i32.const -2
      local.set $r
    end
    local.get 0
      i64.eqz
    if (result i32)
      local.get $r
      i32.const 3
      i32.add
    else
      local.get $r
      i32.const 2
      i32.add
    end)
  (func (export "f64_mid") (param f64 f64 i32) (result i32)
    block
      block (result i32)
        i32.const 7
        local.get 2
        br_if 0
        drop
        local.get 0
        local.get 1
        f64.lt
      end
      br_if 0
      i32.const 0
      return
    end
    i32.const 1)
)
(assert_return (invoke "f32.eq" (f32.const 1) (f32.const 2)) (i32.const 0))
(assert_return (invoke "f32.eq" (f32.const 2) (f32.const 1)) (i32.const 0))
(assert_return (invoke "f32.eq" (f32.const 2) (f32.const 2)) (i32.const 3))
(assert_return (invoke "f32.eq" (f32.const nan) (f32.const 1)) (i32.const 0))
(assert_return (invoke "f32.eq" (f32.const 1) (f32.const nan)) (i32.const 0))
(assert_return (invoke "f32.eq" (f32.const nan) (f32.const nan)) (i32.const 0))
(assert_return (invoke "f32.eq" (f32.const -0) (f32.const 0)) (i32.const 3))
(assert_return (invoke "f32.eq" (f32.const -inf) (f32.const inf)) (i32.const 0))
(assert_return (invoke "f32.eq" (f32.const nan:0x1) (f32.const -inf)) (i32.const 0))
(assert_return (invoke "f32.ne" (f32.const 1) (f32.const 2)) (i32.const 3))
(assert_return (invoke "f32.ne" (f32.const 2) (f32.const 1)) (i32.const 3))
(assert_return (invoke "f32.ne" (f32.const 2) (f32.const 2)) (i32.const 0))
(assert_return (invoke "f32.ne" (f32.const nan) (f32.const 1)) (i32.const 3))
(assert_return (invoke "f32.ne" (f32.const 1) (f32.const nan)) (i32.const 3))
(assert_return (invoke "f32.ne" (f32.const nan) (f32.const nan)) (i32.const 3))
(assert_return (invoke "f32.ne" (f32.const -0) (f32.const 0)) (i32.const 0))
(assert_return (invoke "f32.ne" (f32.const -inf) (f32.const inf)) (i32.const 3))
(assert_return (invoke "f32.ne" (f32.const nan:0x1) (f32.const -inf)) (i32.const 3))
(assert_return (invoke "f32.lt" (f32.const 1) (f32.const 2)) (i32.const 3))
(assert_return (invoke "f32.lt" (f32.const 2) (f32.const 1)) (i32.const 0))
(assert_return (invoke "f32.lt" (f32.const 2) (f32.const 2)) (i32.const 0))
(assert_return (invoke "f32.lt" (f32.const nan) (f32.const 1)) (i32.const 0))
(assert_return (invoke "f32.lt" (f32.const 1) (f32.const nan)) (i32.const 0))
(assert_return (invoke "f32.lt" (f32.const nan) (f32.const nan)) (i32.const 0))
(assert_return (invoke "f32.lt" (f32.const -0) (f32.const 0)) (i32.const 0))
(assert_return (invoke "f32.lt" (f32.const -inf) (f32.const inf)) (i32.const 3))
(assert_return (invoke "f32.lt" (f32.const nan:0x1) (f32.const -inf)) (i32.const 0))
(assert_return (invoke "f32.gt" (f32.const 1) (f32.const 2)) (i32.const 0))
(assert_return (invoke "f32.gt" (f32.const 2) (f32.const 1)) (i32.const 3))
(assert_return (invoke "f32.gt" (f32.const 2) (f32.const 2)) (i32.const 0))
(assert_return (invoke "f32.gt" (f32.const nan) (f32.const 1)) (i32.const 0))
(assert_return (invoke "f32.gt" (f32.const 1) (f32.const nan)) (i32.const 0))
(assert_return (invoke "f32.gt" (f32.const nan) (f32.const nan)) (i32.const 0))
(assert_return (invoke "f32.gt" (f32.const -0) (f32.const 0)) (i32.const 0))
(assert_return (invoke "f32.gt" (f32.const -inf) (f32.const inf)) (i32.const 0))
(assert_return (invoke "f32.gt" (f32.const nan:0x1) (f32.const -inf)) (i32.const 0))
(assert_return (invoke "f32.le" (f32.const 1) (f32.const 2)) (i32.const 3))
(assert_return (invoke "f32.le" (f32.const 2) (f32.const 1)) (i32.const 0))
(assert_return (invoke "f32.le" (f32.const 2) (f32.const 2)) (i32.const 3))
(assert_return (invoke "f32.le" (f32.const nan) (f32.const 1)) (i32.const 0))
(assert_return (invoke "f32.le" (f32.const 1) (f32.const nan)) (i32.const 0))
(assert_return (invoke "f32.le" (f32.const nan) (f32.const nan)) (i32.const 0))
(assert_return (invoke "f32.le" (f32.const -0) (f32.const 0)) (i32.const 3))
(assert_return (invoke "f32.le" (f32.const -inf) (f32.const inf)) (i32.const 3))
(assert_return (invoke "f32.le" (f32.const nan:0x1) (f32.const -inf)) (i32.const 0))
(assert_return (invoke "f32.ge" (f32.const 1) (f32.const 2)) (i32.const 0))
(assert_return (invoke "f32.ge" (f32.const 2) (f32.const 1)) (i32.const 3))
(assert_return (invoke "f32.ge" (f32.const 2) (f32.const 2)) (i32.const 3))
(assert_return (invoke "f32.ge" (f32.const nan) (f32.const 1)) (i32.const 0))
(assert_return (invoke "f32.ge" (f32.const 1) (f32.const nan)) (i32.const 0))
(assert_return (invoke "f32.ge" (f32.const nan) (f32.const nan)) (i32.const 0))
(assert_return (invoke "f32.ge" (f32.const -0) (f32.const 0)) (i32.const 3))
(assert_return (invoke "f32.ge" (f32.const -inf) (f32.const inf)) (i32.const 0))
(assert_return (invoke "f32.ge" (f32.const nan:0x1) (f32.const -inf)) (i32.const 0))
(assert_return (invoke "f64.eq" (f64.const 1) (f64.const 2)) (i32.const 0))
(assert_return (invoke "f64.eq" (f64.const 2) (f64.const 1)) (i32.const 0))
(assert_return (invoke "f64.eq" (f64.const 2) (f64.const 2)) (i32.const 3))
(assert_return (invoke "f64.eq" (f64.const nan) (f64.const 1)) (i32.const 0))
(assert_return (invoke "f64.eq" (f64.const 1) (f64.const nan)) (i32.const 0))
(assert_return (invoke "f64.eq" (f64.const nan) (f64.const nan)) (i32.const 0))
(assert_return (invoke "f64.eq" (f64.const -0) (f64.const 0)) (i32.const 3))
(assert_return (invoke "f64.eq" (f64.const -inf) (f64.const inf)) (i32.const 0))
(assert_return (invoke "f64.eq" (f64.const nan:0x1) (f64.const -inf)) (i32.const 0))
(assert_return (invoke "f64.ne" (f64.const 1) (f64.const 2)) (i32.const 3))
(assert_return (invoke "f64.ne" (f64.const 2) (f64.const 1)) (i32.const 3))
(assert_return (invoke "f64.ne" (f64.const 2) (f64.const 2)) (i32.const 0))
(assert_return (invoke "f64.ne" (f64.const nan) (f64.const 1)) (i32.const 3))
(assert_return (invoke "f64.ne" (f64.const 1) (f64.const nan)) (i32.const 3))
(assert_return (invoke "f64.ne" (f64.const nan) (f64.const nan)) (i32.const 3))
(assert_return (invoke "f64.ne" (f64.const -0) (f64.const 0)) (i32.const 0))
(assert_return (invoke "f64.ne" (f64.const -inf) (f64.const inf)) (i32.const 3))
(assert_return (invoke "f64.ne" (f64.const nan:0x1) (f64.const -inf)) (i32.const 3))
(assert_return (invoke "f64.lt" (f64.const 1) (f64.const 2)) (i32.const 3))
(assert_return (invoke "f64.lt" (f64.const 2) (f64.const 1)) (i32.const 0))
(assert_return (invoke "f64.lt" (f64.const 2) (f64.const 2)) (i32.const 0))
(assert_return (invoke "f64.lt" (f64.const nan) (f64.const 1)) (i32.const 0))
(assert_return (invoke "f64.lt" (f64.const 1) (f64.const nan)) (i32.const 0))
(assert_return (invoke "f64.lt" (f64.const nan) (f64.const nan)) (i32.const 0))
(assert_return (invoke "f64.lt" (f64.const -0) (f64.const 0)) (i32.const 0))
(assert_return (invoke "f64.lt" (f64.const -inf) (f64.const inf)) (i32.const 3))
(assert_return (invoke "f64.lt" (f64.const nan:0x1) (f64.const -inf)) (i32.const 0))
(assert_return (invoke "f64.gt" (f64.const 1) (f64.const 2)) (i32.const 0))
(assert_return (invoke "f64.gt" (f64.const 2) (f64.const 1)) (i32.const 3))
(assert_return (invoke "f64.gt" (f64.const 2) (f64.const 2)) (i32.const 0))
(assert_return (invoke "f64.gt" (f64.const nan) (f64.const 1)) (i32.const 0))
(assert_return (invoke "f64.gt" (f64.const 1) (f64.const nan)) (i32.const 0))
(assert_return (invoke "f64.gt" (f64.const nan) (f64.const nan)) (i32.const 0))
(assert_return (invoke "f64.gt" (f64.const -0) (f64.const 0)) (i32.const 0))
(assert_return (invoke "f64.gt" (f64.const -inf) (f64.const inf)) (i32.const 0))
(assert_return (invoke "f64.gt" (f64.const nan:0x1) (f64.const -inf)) (i32.const 0))
(assert_return (invoke "f64.le" (f64.const 1) (f64.const 2)) (i32.const 3))
(assert_return (invoke "f64.le" (f64.const 2) (f64.const 1)) (i32.const 0))
(assert_return (invoke "f64.le" (f64.const 2) (f64.const 2)) (i32.const 3))
(assert_return (invoke "f64.le" (f64.const nan) (f64.const 1)) (i32.const 0))
(assert_return (invoke "f64.le" (f64.const 1) (f64.const nan)) (i32.const 0))
(assert_return (invoke "f64.le" (f64.const nan) (f64.const nan)) (i32.const 0))
(assert_return (invoke "f64.le" (f64.const -0) (f64.const 0)) (i32.const 3))
(assert_return (invoke "f64.le" (f64.const -inf) (f64.const inf)) (i32.const 3))
(assert_return (invoke "f64.le" (f64.const nan:0x1) (f64.const -inf)) (i32.const 0))
(assert_return (invoke "f64.ge" (f64.const 1) (f64.const 2)) (i32.const 0))
(assert_return (invoke "f64.ge" (f64.const 2) (f64.const 1)) (i32.const 3))
(assert_return (invoke "f64.ge" (f64.const 2) (f64.const 2)) (i32.const 3))
(assert_return (invoke "f64.ge" (f64.const nan) (f64.const 1)) (i32.const 0))
(assert_return (invoke "f64.ge" (f64.const 1) (f64.const nan)) (i32.const 0))
(assert_return (invoke "f64.ge" (f64.const nan) (f64.const nan)) (i32.const 0))
(assert_return (invoke "f64.ge" (f64.const -0) (f64.const 0)) (i32.const 3))
(assert_return (invoke "f64.ge" (f64.const -inf) (f64.const inf)) (i32.const 0))
(assert_return (invoke "f64.ge" (f64.const nan:0x1) (f64.const -inf)) (i32.const 0))
(assert_return (invoke "i64.eq" (i64.const 0) (i64.const 1)) (i32.const 0))
(assert_return (invoke "i64.eq" (i64.const 1) (i64.const 0)) (i32.const 0))
(assert_return (invoke "i64.eq" (i64.const 5) (i64.const 5)) (i32.const 3))
(assert_return (invoke "i64.eq" (i64.const -1) (i64.const 1)) (i32.const 0))
(assert_return (invoke "i64.eq" (i64.const -9223372036854775808) (i64.const 9223372036854775807)) (i32.const 0))
(assert_return (invoke "i64.eq" (i64.const 4294967296) (i64.const 0)) (i32.const 0))
(assert_return (invoke "i64.eq" (i64.const 4294967295) (i64.const 8589934591)) (i32.const 0))
(assert_return (invoke "i64.eq" (i64.const -1) (i64.const -1)) (i32.const 3))
(assert_return (invoke "i64.eq_big" (i64.const 0)) (i32.const 0))
(assert_return (invoke "i64.eq_big" (i64.const 1)) (i32.const 0))
(assert_return (invoke "i64.eq_big" (i64.const 4294967296)) (i32.const 3))
(assert_return (invoke "i64.eq_big" (i64.const 4294967295)) (i32.const 0))
(assert_return (invoke "i64.eq_big" (i64.const 4294967297)) (i32.const 0))
(assert_return (invoke "i64.eq_big" (i64.const -1)) (i32.const 0))
(assert_return (invoke "i64.eq_big" (i64.const -2)) (i32.const 0))
(assert_return (invoke "i64.eq_big" (i64.const -9223372036854775808)) (i32.const 0))
(assert_return (invoke "i64.eq_big" (i64.const 9223372036854775807)) (i32.const 0))
(assert_return (invoke "i64.eq_m1" (i64.const 0)) (i32.const 0))
(assert_return (invoke "i64.eq_m1" (i64.const 1)) (i32.const 0))
(assert_return (invoke "i64.eq_m1" (i64.const 4294967296)) (i32.const 0))
(assert_return (invoke "i64.eq_m1" (i64.const 4294967295)) (i32.const 0))
(assert_return (invoke "i64.eq_m1" (i64.const 4294967297)) (i32.const 0))
(assert_return (invoke "i64.eq_m1" (i64.const -1)) (i32.const 3))
(assert_return (invoke "i64.eq_m1" (i64.const -2)) (i32.const 0))
(assert_return (invoke "i64.eq_m1" (i64.const -9223372036854775808)) (i32.const 0))
(assert_return (invoke "i64.eq_m1" (i64.const 9223372036854775807)) (i32.const 0))
(assert_return (invoke "i64.ne" (i64.const 0) (i64.const 1)) (i32.const 3))
(assert_return (invoke "i64.ne" (i64.const 1) (i64.const 0)) (i32.const 3))
(assert_return (invoke "i64.ne" (i64.const 5) (i64.const 5)) (i32.const 0))
(assert_return (invoke "i64.ne" (i64.const -1) (i64.const 1)) (i32.const 3))
(assert_return (invoke "i64.ne" (i64.const -9223372036854775808) (i64.const 9223372036854775807)) (i32.const 3))
(assert_return (invoke "i64.ne" (i64.const 4294967296) (i64.const 0)) (i32.const 3))
(assert_return (invoke "i64.ne" (i64.const 4294967295) (i64.const 8589934591)) (i32.const 3))
(assert_return (invoke "i64.ne" (i64.const -1) (i64.const -1)) (i32.const 0))
(assert_return (invoke "i64.ne_big" (i64.const 0)) (i32.const 3))
(assert_return (invoke "i64.ne_big" (i64.const 1)) (i32.const 3))
(assert_return (invoke "i64.ne_big" (i64.const 4294967296)) (i32.const 0))
(assert_return (invoke "i64.ne_big" (i64.const 4294967295)) (i32.const 3))
(assert_return (invoke "i64.ne_big" (i64.const 4294967297)) (i32.const 3))
(assert_return (invoke "i64.ne_big" (i64.const -1)) (i32.const 3))
(assert_return (invoke "i64.ne_big" (i64.const -2)) (i32.const 3))
(assert_return (invoke "i64.ne_big" (i64.const -9223372036854775808)) (i32.const 3))
(assert_return (invoke "i64.ne_big" (i64.const 9223372036854775807)) (i32.const 3))
(assert_return (invoke "i64.ne_m1" (i64.const 0)) (i32.const 3))
(assert_return (invoke "i64.ne_m1" (i64.const 1)) (i32.const 3))
(assert_return (invoke "i64.ne_m1" (i64.const 4294967296)) (i32.const 3))
(assert_return (invoke "i64.ne_m1" (i64.const 4294967295)) (i32.const 3))
(assert_return (invoke "i64.ne_m1" (i64.const 4294967297)) (i32.const 3))
(assert_return (invoke "i64.ne_m1" (i64.const -1)) (i32.const 0))
(assert_return (invoke "i64.ne_m1" (i64.const -2)) (i32.const 3))
(assert_return (invoke "i64.ne_m1" (i64.const -9223372036854775808)) (i32.const 3))
(assert_return (invoke "i64.ne_m1" (i64.const 9223372036854775807)) (i32.const 3))
(assert_return (invoke "i64.lt_s" (i64.const 0) (i64.const 1)) (i32.const 3))
(assert_return (invoke "i64.lt_s" (i64.const 1) (i64.const 0)) (i32.const 0))
(assert_return (invoke "i64.lt_s" (i64.const 5) (i64.const 5)) (i32.const 0))
(assert_return (invoke "i64.lt_s" (i64.const -1) (i64.const 1)) (i32.const 3))
(assert_return (invoke "i64.lt_s" (i64.const -9223372036854775808) (i64.const 9223372036854775807)) (i32.const 3))
(assert_return (invoke "i64.lt_s" (i64.const 4294967296) (i64.const 0)) (i32.const 0))
(assert_return (invoke "i64.lt_s" (i64.const 4294967295) (i64.const 8589934591)) (i32.const 3))
(assert_return (invoke "i64.lt_s" (i64.const -1) (i64.const -1)) (i32.const 0))
(assert_return (invoke "i64.lt_s_big" (i64.const 0)) (i32.const 3))
(assert_return (invoke "i64.lt_s_big" (i64.const 1)) (i32.const 3))
(assert_return (invoke "i64.lt_s_big" (i64.const 4294967296)) (i32.const 0))
(assert_return (invoke "i64.lt_s_big" (i64.const 4294967295)) (i32.const 3))
(assert_return (invoke "i64.lt_s_big" (i64.const 4294967297)) (i32.const 0))
(assert_return (invoke "i64.lt_s_big" (i64.const -1)) (i32.const 3))
(assert_return (invoke "i64.lt_s_big" (i64.const -2)) (i32.const 3))
(assert_return (invoke "i64.lt_s_big" (i64.const -9223372036854775808)) (i32.const 3))
(assert_return (invoke "i64.lt_s_big" (i64.const 9223372036854775807)) (i32.const 0))
(assert_return (invoke "i64.lt_s_m1" (i64.const 0)) (i32.const 0))
(assert_return (invoke "i64.lt_s_m1" (i64.const 1)) (i32.const 0))
(assert_return (invoke "i64.lt_s_m1" (i64.const 4294967296)) (i32.const 0))
(assert_return (invoke "i64.lt_s_m1" (i64.const 4294967295)) (i32.const 0))
(assert_return (invoke "i64.lt_s_m1" (i64.const 4294967297)) (i32.const 0))
(assert_return (invoke "i64.lt_s_m1" (i64.const -1)) (i32.const 0))
(assert_return (invoke "i64.lt_s_m1" (i64.const -2)) (i32.const 3))
(assert_return (invoke "i64.lt_s_m1" (i64.const -9223372036854775808)) (i32.const 3))
(assert_return (invoke "i64.lt_s_m1" (i64.const 9223372036854775807)) (i32.const 0))
(assert_return (invoke "i64.lt_u" (i64.const 0) (i64.const 1)) (i32.const 3))
(assert_return (invoke "i64.lt_u" (i64.const 1) (i64.const 0)) (i32.const 0))
(assert_return (invoke "i64.lt_u" (i64.const 5) (i64.const 5)) (i32.const 0))
(assert_return (invoke "i64.lt_u" (i64.const -1) (i64.const 1)) (i32.const 0))
(assert_return (invoke "i64.lt_u" (i64.const -9223372036854775808) (i64.const 9223372036854775807)) (i32.const 0))
(assert_return (invoke "i64.lt_u" (i64.const 4294967296) (i64.const 0)) (i32.const 0))
(assert_return (invoke "i64.lt_u" (i64.const 4294967295) (i64.const 8589934591)) (i32.const 3))
(assert_return (invoke "i64.lt_u" (i64.const -1) (i64.const -1)) (i32.const 0))
(assert_return (invoke "i64.lt_u_big" (i64.const 0)) (i32.const 3))
(assert_return (invoke "i64.lt_u_big" (i64.const 1)) (i32.const 3))
(assert_return (invoke "i64.lt_u_big" (i64.const 4294967296)) (i32.const 0))
(assert_return (invoke "i64.lt_u_big" (i64.const 4294967295)) (i32.const 3))
(assert_return (invoke "i64.lt_u_big" (i64.const 4294967297)) (i32.const 0))
(assert_return (invoke "i64.lt_u_big" (i64.const -1)) (i32.const 0))
(assert_return (invoke "i64.lt_u_big" (i64.const -2)) (i32.const 0))
(assert_return (invoke "i64.lt_u_big" (i64.const -9223372036854775808)) (i32.const 0))
(assert_return (invoke "i64.lt_u_big" (i64.const 9223372036854775807)) (i32.const 0))
(assert_return (invoke "i64.lt_u_m1" (i64.const 0)) (i32.const 3))
(assert_return (invoke "i64.lt_u_m1" (i64.const 1)) (i32.const 3))
(assert_return (invoke "i64.lt_u_m1" (i64.const 4294967296)) (i32.const 3))
(assert_return (invoke "i64.lt_u_m1" (i64.const 4294967295)) (i32.const 3))
(assert_return (invoke "i64.lt_u_m1" (i64.const 4294967297)) (i32.const 3))
(assert_return (invoke "i64.lt_u_m1" (i64.const -1)) (i32.const 0))
(assert_return (invoke "i64.lt_u_m1" (i64.const -2)) (i32.const 3))
(assert_return (invoke "i64.lt_u_m1" (i64.const -9223372036854775808)) (i32.const 3))
(assert_return (invoke "i64.lt_u_m1" (i64.const 9223372036854775807)) (i32.const 3))
(assert_return (invoke "i64.gt_s" (i64.const 0) (i64.const 1)) (i32.const 0))
(assert_return (invoke "i64.gt_s" (i64.const 1) (i64.const 0)) (i32.const 3))
(assert_return (invoke "i64.gt_s" (i64.const 5) (i64.const 5)) (i32.const 0))
(assert_return (invoke "i64.gt_s" (i64.const -1) (i64.const 1)) (i32.const 0))
(assert_return (invoke "i64.gt_s" (i64.const -9223372036854775808) (i64.const 9223372036854775807)) (i32.const 0))
(assert_return (invoke "i64.gt_s" (i64.const 4294967296) (i64.const 0)) (i32.const 3))
(assert_return (invoke "i64.gt_s" (i64.const 4294967295) (i64.const 8589934591)) (i32.const 0))
(assert_return (invoke "i64.gt_s" (i64.const -1) (i64.const -1)) (i32.const 0))
(assert_return (invoke "i64.gt_s_big" (i64.const 0)) (i32.const 0))
(assert_return (invoke "i64.gt_s_big" (i64.const 1)) (i32.const 0))
(assert_return (invoke "i64.gt_s_big" (i64.const 4294967296)) (i32.const 0))
(assert_return (invoke "i64.gt_s_big" (i64.const 4294967295)) (i32.const 0))
(assert_return (invoke "i64.gt_s_big" (i64.const 4294967297)) (i32.const 3))
(assert_return (invoke "i64.gt_s_big" (i64.const -1)) (i32.const 0))
(assert_return (invoke "i64.gt_s_big" (i64.const -2)) (i32.const 0))
(assert_return (invoke "i64.gt_s_big" (i64.const -9223372036854775808)) (i32.const 0))
(assert_return (invoke "i64.gt_s_big" (i64.const 9223372036854775807)) (i32.const 3))
(assert_return (invoke "i64.gt_s_m1" (i64.const 0)) (i32.const 3))
(assert_return (invoke "i64.gt_s_m1" (i64.const 1)) (i32.const 3))
(assert_return (invoke "i64.gt_s_m1" (i64.const 4294967296)) (i32.const 3))
(assert_return (invoke "i64.gt_s_m1" (i64.const 4294967295)) (i32.const 3))
(assert_return (invoke "i64.gt_s_m1" (i64.const 4294967297)) (i32.const 3))
(assert_return (invoke "i64.gt_s_m1" (i64.const -1)) (i32.const 0))
(assert_return (invoke "i64.gt_s_m1" (i64.const -2)) (i32.const 0))
(assert_return (invoke "i64.gt_s_m1" (i64.const -9223372036854775808)) (i32.const 0))
(assert_return (invoke "i64.gt_s_m1" (i64.const 9223372036854775807)) (i32.const 3))
(assert_return (invoke "i64.gt_u" (i64.const 0) (i64.const 1)) (i32.const 0))
(assert_return (invoke "i64.gt_u" (i64.const 1) (i64.const 0)) (i32.const 3))
(assert_return (invoke "i64.gt_u" (i64.const 5) (i64.const 5)) (i32.const 0))
(assert_return (invoke "i64.gt_u" (i64.const -1) (i64.const 1)) (i32.const 3))
(assert_return (invoke "i64.gt_u" (i64.const -9223372036854775808) (i64.const 9223372036854775807)) (i32.const 3))
(assert_return (invoke "i64.gt_u" (i64.const 4294967296) (i64.const 0)) (i32.const 3))
(assert_return (invoke "i64.gt_u" (i64.const 4294967295) (i64.const 8589934591)) (i32.const 0))
(assert_return (invoke "i64.gt_u" (i64.const -1) (i64.const -1)) (i32.const 0))
(assert_return (invoke "i64.gt_u_big" (i64.const 0)) (i32.const 0))
(assert_return (invoke "i64.gt_u_big" (i64.const 1)) (i32.const 0))
(assert_return (invoke "i64.gt_u_big" (i64.const 4294967296)) (i32.const 0))
(assert_return (invoke "i64.gt_u_big" (i64.const 4294967295)) (i32.const 0))
(assert_return (invoke "i64.gt_u_big" (i64.const 4294967297)) (i32.const 3))
(assert_return (invoke "i64.gt_u_big" (i64.const -1)) (i32.const 3))
(assert_return (invoke "i64.gt_u_big" (i64.const -2)) (i32.const 3))
(assert_return (invoke "i64.gt_u_big" (i64.const -9223372036854775808)) (i32.const 3))
(assert_return (invoke "i64.gt_u_big" (i64.const 9223372036854775807)) (i32.const 3))
(assert_return (invoke "i64.gt_u_m1" (i64.const 0)) (i32.const 0))
(assert_return (invoke "i64.gt_u_m1" (i64.const 1)) (i32.const 0))
(assert_return (invoke "i64.gt_u_m1" (i64.const 4294967296)) (i32.const 0))
(assert_return (invoke "i64.gt_u_m1" (i64.const 4294967295)) (i32.const 0))
(assert_return (invoke "i64.gt_u_m1" (i64.const 4294967297)) (i32.const 0))
(assert_return (invoke "i64.gt_u_m1" (i64.const -1)) (i32.const 0))
(assert_return (invoke "i64.gt_u_m1" (i64.const -2)) (i32.const 0))
(assert_return (invoke "i64.gt_u_m1" (i64.const -9223372036854775808)) (i32.const 0))
(assert_return (invoke "i64.gt_u_m1" (i64.const 9223372036854775807)) (i32.const 0))
(assert_return (invoke "i64.le_s" (i64.const 0) (i64.const 1)) (i32.const 3))
(assert_return (invoke "i64.le_s" (i64.const 1) (i64.const 0)) (i32.const 0))
(assert_return (invoke "i64.le_s" (i64.const 5) (i64.const 5)) (i32.const 3))
(assert_return (invoke "i64.le_s" (i64.const -1) (i64.const 1)) (i32.const 3))
(assert_return (invoke "i64.le_s" (i64.const -9223372036854775808) (i64.const 9223372036854775807)) (i32.const 3))
(assert_return (invoke "i64.le_s" (i64.const 4294967296) (i64.const 0)) (i32.const 0))
(assert_return (invoke "i64.le_s" (i64.const 4294967295) (i64.const 8589934591)) (i32.const 3))
(assert_return (invoke "i64.le_s" (i64.const -1) (i64.const -1)) (i32.const 3))
(assert_return (invoke "i64.le_s_big" (i64.const 0)) (i32.const 3))
(assert_return (invoke "i64.le_s_big" (i64.const 1)) (i32.const 3))
(assert_return (invoke "i64.le_s_big" (i64.const 4294967296)) (i32.const 3))
(assert_return (invoke "i64.le_s_big" (i64.const 4294967295)) (i32.const 3))
(assert_return (invoke "i64.le_s_big" (i64.const 4294967297)) (i32.const 0))
(assert_return (invoke "i64.le_s_big" (i64.const -1)) (i32.const 3))
(assert_return (invoke "i64.le_s_big" (i64.const -2)) (i32.const 3))
(assert_return (invoke "i64.le_s_big" (i64.const -9223372036854775808)) (i32.const 3))
(assert_return (invoke "i64.le_s_big" (i64.const 9223372036854775807)) (i32.const 0))
(assert_return (invoke "i64.le_s_m1" (i64.const 0)) (i32.const 0))
(assert_return (invoke "i64.le_s_m1" (i64.const 1)) (i32.const 0))
(assert_return (invoke "i64.le_s_m1" (i64.const 4294967296)) (i32.const 0))
(assert_return (invoke "i64.le_s_m1" (i64.const 4294967295)) (i32.const 0))
(assert_return (invoke "i64.le_s_m1" (i64.const 4294967297)) (i32.const 0))
(assert_return (invoke "i64.le_s_m1" (i64.const -1)) (i32.const 3))
(assert_return (invoke "i64.le_s_m1" (i64.const -2)) (i32.const 3))
(assert_return (invoke "i64.le_s_m1" (i64.const -9223372036854775808)) (i32.const 3))
(assert_return (invoke "i64.le_s_m1" (i64.const 9223372036854775807)) (i32.const 0))
(assert_return (invoke "i64.le_u" (i64.const 0) (i64.const 1)) (i32.const 3))
(assert_return (invoke "i64.le_u" (i64.const 1) (i64.const 0)) (i32.const 0))
(assert_return (invoke "i64.le_u" (i64.const 5) (i64.const 5)) (i32.const 3))
(assert_return (invoke "i64.le_u" (i64.const -1) (i64.const 1)) (i32.const 0))
(assert_return (invoke "i64.le_u" (i64.const -9223372036854775808) (i64.const 9223372036854775807)) (i32.const 0))
(assert_return (invoke "i64.le_u" (i64.const 4294967296) (i64.const 0)) (i32.const 0))
(assert_return (invoke "i64.le_u" (i64.const 4294967295) (i64.const 8589934591)) (i32.const 3))
(assert_return (invoke "i64.le_u" (i64.const -1) (i64.const -1)) (i32.const 3))
(assert_return (invoke "i64.le_u_big" (i64.const 0)) (i32.const 3))
(assert_return (invoke "i64.le_u_big" (i64.const 1)) (i32.const 3))
(assert_return (invoke "i64.le_u_big" (i64.const 4294967296)) (i32.const 3))
(assert_return (invoke "i64.le_u_big" (i64.const 4294967295)) (i32.const 3))
(assert_return (invoke "i64.le_u_big" (i64.const 4294967297)) (i32.const 0))
(assert_return (invoke "i64.le_u_big" (i64.const -1)) (i32.const 0))
(assert_return (invoke "i64.le_u_big" (i64.const -2)) (i32.const 0))
(assert_return (invoke "i64.le_u_big" (i64.const -9223372036854775808)) (i32.const 0))
(assert_return (invoke "i64.le_u_big" (i64.const 9223372036854775807)) (i32.const 0))
(assert_return (invoke "i64.le_u_m1" (i64.const 0)) (i32.const 3))
(assert_return (invoke "i64.le_u_m1" (i64.const 1)) (i32.const 3))
(assert_return (invoke "i64.le_u_m1" (i64.const 4294967296)) (i32.const 3))
(assert_return (invoke "i64.le_u_m1" (i64.const 4294967295)) (i32.const 3))
(assert_return (invoke "i64.le_u_m1" (i64.const 4294967297)) (i32.const 3))
(assert_return (invoke "i64.le_u_m1" (i64.const -1)) (i32.const 3))
(assert_return (invoke "i64.le_u_m1" (i64.const -2)) (i32.const 3))
(assert_return (invoke "i64.le_u_m1" (i64.const -9223372036854775808)) (i32.const 3))
(assert_return (invoke "i64.le_u_m1" (i64.const 9223372036854775807)) (i32.const 3))
(assert_return (invoke "i64.ge_s" (i64.const 0) (i64.const 1)) (i32.const 0))
(assert_return (invoke "i64.ge_s" (i64.const 1) (i64.const 0)) (i32.const 3))
(assert_return (invoke "i64.ge_s" (i64.const 5) (i64.const 5)) (i32.const 3))
(assert_return (invoke "i64.ge_s" (i64.const -1) (i64.const 1)) (i32.const 0))
(assert_return (invoke "i64.ge_s" (i64.const -9223372036854775808) (i64.const 9223372036854775807)) (i32.const 0))
(assert_return (invoke "i64.ge_s" (i64.const 4294967296) (i64.const 0)) (i32.const 3))
(assert_return (invoke "i64.ge_s" (i64.const 4294967295) (i64.const 8589934591)) (i32.const 0))
(assert_return (invoke "i64.ge_s" (i64.const -1) (i64.const -1)) (i32.const 3))
(assert_return (invoke "i64.ge_s_big" (i64.const 0)) (i32.const 0))
(assert_return (invoke "i64.ge_s_big" (i64.const 1)) (i32.const 0))
(assert_return (invoke "i64.ge_s_big" (i64.const 4294967296)) (i32.const 3))
(assert_return (invoke "i64.ge_s_big" (i64.const 4294967295)) (i32.const 0))
(assert_return (invoke "i64.ge_s_big" (i64.const 4294967297)) (i32.const 3))
(assert_return (invoke "i64.ge_s_big" (i64.const -1)) (i32.const 0))
(assert_return (invoke "i64.ge_s_big" (i64.const -2)) (i32.const 0))
(assert_return (invoke "i64.ge_s_big" (i64.const -9223372036854775808)) (i32.const 0))
(assert_return (invoke "i64.ge_s_big" (i64.const 9223372036854775807)) (i32.const 3))
(assert_return (invoke "i64.ge_s_m1" (i64.const 0)) (i32.const 3))
(assert_return (invoke "i64.ge_s_m1" (i64.const 1)) (i32.const 3))
(assert_return (invoke "i64.ge_s_m1" (i64.const 4294967296)) (i32.const 3))
(assert_return (invoke "i64.ge_s_m1" (i64.const 4294967295)) (i32.const 3))
(assert_return (invoke "i64.ge_s_m1" (i64.const 4294967297)) (i32.const 3))
(assert_return (invoke "i64.ge_s_m1" (i64.const -1)) (i32.const 3))
(assert_return (invoke "i64.ge_s_m1" (i64.const -2)) (i32.const 0))
(assert_return (invoke "i64.ge_s_m1" (i64.const -9223372036854775808)) (i32.const 0))
(assert_return (invoke "i64.ge_s_m1" (i64.const 9223372036854775807)) (i32.const 3))
(assert_return (invoke "i64.ge_u" (i64.const 0) (i64.const 1)) (i32.const 0))
(assert_return (invoke "i64.ge_u" (i64.const 1) (i64.const 0)) (i32.const 3))
(assert_return (invoke "i64.ge_u" (i64.const 5) (i64.const 5)) (i32.const 3))
(assert_return (invoke "i64.ge_u" (i64.const -1) (i64.const 1)) (i32.const 3))
(assert_return (invoke "i64.ge_u" (i64.const -9223372036854775808) (i64.const 9223372036854775807)) (i32.const 3))
(assert_return (invoke "i64.ge_u" (i64.const 4294967296) (i64.const 0)) (i32.const 3))
(assert_return (invoke "i64.ge_u" (i64.const 4294967295) (i64.const 8589934591)) (i32.const 0))
(assert_return (invoke "i64.ge_u" (i64.const -1) (i64.const -1)) (i32.const 3))
(assert_return (invoke "i64.ge_u_big" (i64.const 0)) (i32.const 0))
(assert_return (invoke "i64.ge_u_big" (i64.const 1)) (i32.const 0))
(assert_return (invoke "i64.ge_u_big" (i64.const 4294967296)) (i32.const 3))
(assert_return (invoke "i64.ge_u_big" (i64.const 4294967295)) (i32.const 0))
(assert_return (invoke "i64.ge_u_big" (i64.const 4294967297)) (i32.const 3))
(assert_return (invoke "i64.ge_u_big" (i64.const -1)) (i32.const 3))
(assert_return (invoke "i64.ge_u_big" (i64.const -2)) (i32.const 3))
(assert_return (invoke "i64.ge_u_big" (i64.const -9223372036854775808)) (i32.const 3))
(assert_return (invoke "i64.ge_u_big" (i64.const 9223372036854775807)) (i32.const 3))
(assert_return (invoke "i64.ge_u_m1" (i64.const 0)) (i32.const 0))
(assert_return (invoke "i64.ge_u_m1" (i64.const 1)) (i32.const 0))
(assert_return (invoke "i64.ge_u_m1" (i64.const 4294967296)) (i32.const 0))
(assert_return (invoke "i64.ge_u_m1" (i64.const 4294967295)) (i32.const 0))
(assert_return (invoke "i64.ge_u_m1" (i64.const 4294967297)) (i32.const 0))
(assert_return (invoke "i64.ge_u_m1" (i64.const -1)) (i32.const 3))
(assert_return (invoke "i64.ge_u_m1" (i64.const -2)) (i32.const 0))
(assert_return (invoke "i64.ge_u_m1" (i64.const -9223372036854775808)) (i32.const 0))
(assert_return (invoke "i64.ge_u_m1" (i64.const 9223372036854775807)) (i32.const 0))
(assert_return (invoke "i64.eqz" (i64.const 0)) (i32.const 3))
(assert_return (invoke "i64.eqz" (i64.const 1)) (i32.const 0))
(assert_return (invoke "i64.eqz" (i64.const 4294967296)) (i32.const 0))
(assert_return (invoke "i64.eqz" (i64.const -9223372036854775808)) (i32.const 0))
(assert_return (invoke "i64.eqz" (i64.const -1)) (i32.const 0))
(assert_return (invoke "f64_mid" (f64.const 1) (f64.const 2) (i32.const 0)) (i32.const 1))
(assert_return (invoke "f64_mid" (f64.const 2) (f64.const 1) (i32.const 0)) (i32.const 0))
(assert_return (invoke "f64_mid" (f64.const nan) (f64.const 1) (i32.const 0)) (i32.const 0))
(assert_return (invoke "f64_mid" (f64.const 2) (f64.const 1) (i32.const 1)) (i32.const 1))

;; Calls: frames no longer record their function, so traps and results
;; across recursion, call_indirect and deep stacks must still come out right.
(module
  (type $ii (func (param i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $fib $boom)
  (func $fib (type $ii)
    (local $t i32)
    local.get $t
    if unreachable end
    local.get 0
    i32.const 2
    i32.lt_u
    if (result i32)
      local.get 0
    else
      local.get 0
      i32.const 1
      i32.sub
      i32.const 0
      call_indirect (type $ii)
      local.get 0
      i32.const 2
      i32.sub
      call $fib
      i32.add
      local.tee $t
    end)
  (func $boom (type $ii)
    local.get 0
    i32.const 100
    i32.div_u)
  (func (export "fib") (param i32) (result i32) local.get 0 call $fib)
  (func (export "div") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    call_indirect (type $ii))
  (func $down (export "down") (param i32) (result i32)
    local.get 0
    i32.eqz
    if (result i32)
      i32.const 0
    else
      local.get 0
      i32.const 1
      i32.sub
      call $down
      i32.const 1
      i32.add
    end)
  (func (export "divzero") (param i32) (result i32)
    local.get 0
    i32.const 0
    i32.div_u
    local.get 0
    i32.const 1
    call_indirect (type $ii)
    i32.add))
(assert_return (invoke "fib" (i32.const 0)) (i32.const 0))
(assert_return (invoke "fib" (i32.const 20)) (i32.const 6765))
(assert_return (invoke "div" (i32.const 700) (i32.const 1)) (i32.const 7))
(assert_trap (invoke "div" (i32.const 7) (i32.const 2)) "undefined element")
(assert_return (invoke "down" (i32.const 5000)) (i32.const 5000))
(assert_exhaustion (invoke "down" (i32.const -1)) "call stack exhausted")
(assert_return (invoke "fib" (i32.const 10)) (i32.const 55))
(assert_trap (invoke "divzero" (i32.const 1)) "integer divide by zero")
