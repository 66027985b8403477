;; SPDX-License-Identifier: GPL-2.0 OR MIT
;;
;; The f64 fusions of compile_float.c and the add-and-branch on non-zero:
;; two roundings where an FMA would round once, overflow that a reordered
;; product would avoid, address wraparound, traps before any write, results
;; that alias their sources, and shapes that must not fuse.

(module
  (memory 1)

  ;; f64_mls: c - x*y.  x*y = 1 - 2^-60 rounds to 1, so 0 (an FMA: 2^-60).
  (func (export "mls") (param $c f64) (param $x f64) (param $y f64) (result f64)
    local.get $c
    local.get $x
    local.get $y
    f64.mul
    f64.sub)
  ;; The same, c on the stack (dst = c's slot) and the result into $x.
  (func (export "mls_alias") (param $c f64) (param $x f64) (param $y f64) (result f64)
    local.get $c
    f64.const 0
    f64.add
    local.get $x
    local.get $y
    f64.mul
    f64.sub
    local.set $x
    local.get $x)
  ;; Not fused: the product is the left operand of the sub.
  (func (export "mul_sub") (param $c f64) (param $x f64) (param $y f64) (result f64)
    local.get $x
    local.get $y
    f64.mul
    local.get $c
    f64.sub)

  ;; f64_mul3: (x*y)*z overflows where x*(y*z) would not.
  (func (export "mul3") (param $x f64) (param $y f64) (param $z f64) (result f64)
    local.get $x
    local.get $y
    f64.mul
    local.get $z
    f64.mul)
  (func (export "mul3_b") (param $x f64) (param $y f64) (param $z f64) (result f64)
    local.get $z
    local.get $x
    local.get $y
    f64.mul
    f64.mul
    local.tee $y
    local.get $y
    f64.add)

  ;; f64_sub_ldri: a - [p + 8 + offset 8], the i32 add wraps.
  (func (export "sub_ldri") (param $a f64) (param $p i32) (param $v f64) (result f64)
    i32.const 16
    local.get $v
    f64.store
    local.get $a
    local.get $p
    i32.const 8
    i32.add
    f64.load offset=8
    f64.sub)
  ;; f64_add_ld / f64_mul_ld, the loaded value on either side.
  (func (export "add_ld") (param $a f64) (param $p i32) (param $v f64) (result f64)
    i32.const 24
    local.get $v
    f64.store
    local.get $a
    local.get $p
    f64.load offset=24
    f64.add)
  (func (export "mul_ld") (param $a f64) (param $p i32) (param $v f64) (result f64)
    i32.const 24
    local.get $v
    f64.store
    local.get $p
    f64.load offset=24
    local.get $a
    f64.mul)
  ;; Not fused: the loaded value is the minuend.
  (func (export "ld_sub") (param $a f64) (param $p i32) (param $v f64) (result f64)
    i32.const 24
    local.get $v
    f64.store
    local.get $p
    f64.load offset=24
    local.get $a
    f64.sub)

  ;; f64_add_mem: [p + 32] += v; then the stored value.
  (func (export "add_mem") (param $p i32) (param $v f64) (param $old f64) (result f64)
    i32.const 32
    local.get $old
    f64.store
    local.get $p
    local.get $v
    local.get $p
    f64.load offset=32
    f64.add
    f64.store offset=32
    i32.const 32
    f64.load)
  ;; f64_sub_mem: [p] = v - [p].
  (func (export "sub_mem") (param $p i32) (param $v f64) (result f64)
    local.get $p
    f64.const 2
    f64.store
    local.get $p
    local.get $v
    local.get $p
    f64.load
    f64.sub
    f64.store
    local.get $p
    f64.load)
  ;; Not a read-modify-write: load and store 8 bytes apart.
  (func (export "add_other") (param $p i32) (param $v f64) (result f64)
    i32.const 40
    f64.const 0
    f64.store
    i32.const 48
    f64.const 5
    f64.store
    local.get $p
    local.get $v
    local.get $p
    f64.load offset=48
    f64.mul
    f64.store offset=40
    i32.const 40
    f64.load
    i32.const 48
    f64.load
    f64.add)
  (func (export "peek") (param $p i32) (result f64)
    local.get $p
    f64.load)

  ;; Results stored: sub, add, mul, then mla, mls, mul3 at p + 56.
  (func (export "st") (param $k i32) (param $p i32) (param $x f64) (param $y f64)
    (param $c f64) (result f64)
    i32.const 56
    f64.const 0
    f64.store
    block $done
      block $mul3
        block $mls
          block $mla
            block $mul
              block $add
                block $sub
                  local.get $k
                  br_table $sub $add $mul $mla $mls $mul3
                end
                local.get $p
                local.get $x
                local.get $y
                f64.sub
                f64.store offset=56
                br $done
              end
              local.get $p
              local.get $x
              local.get $y
              f64.add
              f64.store offset=56
              br $done
            end
            local.get $p
            local.get $x
            local.get $y
            f64.mul
            f64.store offset=56
            br $done
          end
          local.get $p
          local.get $c
          local.get $x
          local.get $y
          f64.mul
          f64.add
          f64.store offset=56
          br $done
        end
        local.get $p
        local.get $c
        local.get $x
        local.get $y
        f64.mul
        f64.sub
        f64.store offset=56
        br $done
      end
      local.get $p
      local.get $x
      local.get $y
      f64.mul
      local.get $c
      f64.mul
      f64.store offset=56
    end
    i32.const 56
    f64.load)

  ;; f64_add_sub: c + (x - y), x - y rounded first (exactly: 1, here 0).
  (func (export "add_sub") (param $c f64) (param $x f64) (param $y f64) (result f64)
    local.get $c
    local.get $x
    local.get $y
    f64.sub
    f64.add)
  (func (export "sub_add") (param $c f64) (param $x f64) (param $y f64) (result f64)
    local.get $x
    local.get $y
    f64.sub
    local.get $c
    f64.add
    local.tee $x)

  ;; fadd_br_le: a loop while (acc += step) <= lim.
  (func (export "fadd_le") (param $step f64) (param $lim f64) (result f64) (local $acc f64)
    loop
      local.get $acc
      local.get $step
      f64.add
      local.tee $acc
      local.get $lim
      f64.le
      br_if 0
    end
    local.get $acc)
  ;; Negated forms through if: nlt, ngt, ne (for eq) and a ge br_if.
  (func (export "fadd_lt") (param $x f64) (param $y f64) (param $l f64) (result i32)
    local.get $x
    local.get $y
    f64.add
    local.get $l
    f64.lt
    if (result i32)
      i32.const 1
    else
      i32.const 0
    end)
  (func (export "fadd_gt") (param $x f64) (param $y f64) (param $l f64) (result i32)
    local.get $x
    local.get $y
    f64.add
    local.get $l
    f64.gt
    if (result i32)
      i32.const 1
    else
      i32.const 0
    end)
  (func (export "fadd_eq") (param $x f64) (param $y f64) (param $l f64) (result i32)
    local.get $x
    local.get $y
    f64.add
    local.get $l
    f64.eq
    if (result i32)
      i32.const 1
    else
      i32.const 0
    end)
  (func (export "fadd_ge") (param $x f64) (param $y f64) (param $l f64) (result i32)
    block
      local.get $x
      local.get $y
      f64.add
      local.get $l
      f64.ge
      br_if 0
      i32.const 0
      return
    end
    i32.const 1)
  ;; Not fused: a branch target between the add and the compare.
  (func (export "fadd_target") (param $x f64) (param $y f64) (param $skip i32) (result i32)
    (local $s f64)
    local.get $x
    local.set $s
    block
      local.get $skip
      br_if 0
      local.get $x
      local.get $y
      f64.add
      local.set $s
    end
    local.get $s
    local.get $y
    f64.lt
    if (result i32)
      i32.const 1
    else
      i32.const 0
    end)

  ;; A stored result that a local.tee also keeps: add_st, mla_st.
  (func (export "st_tee") (param $p i32) (param $x f64) (param $y f64) (result f64)
    local.get $p
    local.get $x
    local.get $y
    f64.add
    local.tee $x
    f64.store offset=56
    local.get $x
    i32.const 56
    f64.load
    f64.add)
  (func (export "mla_tee") (param $p i32) (param $c f64) (param $x f64) (param $y f64)
    (result f64)
    local.get $p
    local.get $c
    local.get $x
    local.get $y
    f64.mul
    f64.add
    local.tee $c
    f64.store offset=56
    local.get $c
    i32.const 56
    f64.load
    f64.add)

  ;; add_imm + br on non-zero, through local.tee: i from -3 up to 0.
  (func (export "nez_tee") (param $i i32) (result i32) (local $n i32)
    loop
      local.get $n
      i32.const 1
      i32.add
      local.set $n
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      br_if 0
    end
    local.get $n)
  ;; add of two locals on the stack, branch while x + n != 0 (wraps).
  (func (export "nez_stack") (param $x i32) (result i32) (local $n i32)
    loop
      local.get $n
      i32.const 1
      i32.add
      local.set $n
      local.get $x
      local.get $n
      i32.add
      br_if 0
    end
    local.get $n)
  ;; The negated form: if on the decremented counter.
  (func (export "nez_if") (param $i i32) (result i32)
    local.get $i
    i32.const -1
    i32.add
    local.tee $i
    if (result i32)
      local.get $i
    else
      i32.const 77
    end)
)

(assert_return (invoke "mls" (f64.const 1) (f64.const 0x1.00000004p+0)
  (f64.const 0x1.fffffff8p-1)) (f64.const 0))
(assert_return (invoke "mls" (f64.const 10) (f64.const 3) (f64.const 2)) (f64.const 4))
(assert_return (invoke "mls_alias" (f64.const 1) (f64.const 0x1.00000004p+0)
  (f64.const 0x1.fffffff8p-1)) (f64.const 0))
(assert_return (invoke "mls_alias" (f64.const 0.5) (f64.const 3) (f64.const 2)) (f64.const -5.5))
(assert_return (invoke "mul_sub" (f64.const 1) (f64.const 3) (f64.const 2)) (f64.const 5))
(assert_return (invoke "mul_sub" (f64.const 1) (f64.const 0x1.00000004p+0)
  (f64.const 0x1.fffffff8p-1)) (f64.const 0))
(assert_return (invoke "mul3" (f64.const 0x1p+1023) (f64.const 2) (f64.const 0.5)) (f64.const inf))
(assert_return (invoke "mul3" (f64.const 3) (f64.const -2) (f64.const 0.5)) (f64.const -3))
(assert_return (invoke "mul3_b" (f64.const 0x1p+1023) (f64.const 2) (f64.const 0.5))
  (f64.const inf))
(assert_return (invoke "mul3_b" (f64.const 3) (f64.const 5) (f64.const 0.5)) (f64.const 15))
(assert_return (invoke "sub_ldri" (f64.const 10) (i32.const 0) (f64.const 2.5)) (f64.const 7.5))
(assert_return (invoke "sub_ldri" (f64.const 10) (i32.const -8) (f64.const 2.5)) (f64.const 10))
(assert_return (invoke "sub_ldri" (f64.const 1) (i32.const 65512) (f64.const 2)) (f64.const 1))
(assert_trap (invoke "sub_ldri" (f64.const 1) (i32.const 65513) (f64.const 2))
  "out of bounds memory access")
(assert_trap (invoke "sub_ldri" (f64.const 1) (i32.const -16) (f64.const 2))
  "out of bounds memory access")
(assert_return (invoke "add_ld" (f64.const 1) (i32.const 0) (f64.const 2)) (f64.const 3))
(assert_return (invoke "add_ld" (f64.const 1) (i32.const 65504) (f64.const 2)) (f64.const 1))
(assert_trap (invoke "add_ld" (f64.const 1) (i32.const 65505) (f64.const 2))
  "out of bounds memory access")
(assert_trap (invoke "add_ld" (f64.const 1) (i32.const -1) (f64.const 2))
  "out of bounds memory access")
(assert_return (invoke "mul_ld" (f64.const 3) (i32.const 0) (f64.const 2)) (f64.const 6))
(assert_trap (invoke "mul_ld" (f64.const 3) (i32.const 65505) (f64.const 2))
  "out of bounds memory access")
(assert_return (invoke "ld_sub" (f64.const 3) (i32.const 0) (f64.const 2)) (f64.const -1))
(assert_return (invoke "add_mem" (i32.const 0) (f64.const 1.5) (f64.const 2)) (f64.const 3.5))
(assert_return (invoke "add_mem" (i32.const 8) (f64.const 1.5) (f64.const 2)) (f64.const 2))
(assert_return (invoke "peek" (i32.const 40)) (f64.const 1.5))
(assert_trap (invoke "add_mem" (i32.const 65497) (f64.const 1) (f64.const 4))
  "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 32)) (f64.const 4))
(assert_return (invoke "sub_mem" (i32.const 64) (f64.const 7)) (f64.const 5))
(assert_trap (invoke "sub_mem" (i32.const 65529) (f64.const 7)) "out of bounds memory access")
(assert_return (invoke "add_other" (i32.const 0) (f64.const 3)) (f64.const 20))
(assert_return (invoke "st" (i32.const 0) (i32.const 0) (f64.const 5) (f64.const 3) (f64.const 0))
  (f64.const 2))
(assert_return (invoke "st" (i32.const 1) (i32.const 0) (f64.const 5) (f64.const 3) (f64.const 0))
  (f64.const 8))
(assert_return (invoke "st" (i32.const 2) (i32.const 0) (f64.const 5) (f64.const 3) (f64.const 0))
  (f64.const 15))
(assert_return (invoke "st" (i32.const 3) (i32.const 0) (f64.const 5) (f64.const 3) (f64.const 1))
  (f64.const 16))
(assert_return (invoke "st" (i32.const 4) (i32.const 0) (f64.const 0x1.00000004p+0)
  (f64.const 0x1.fffffff8p-1) (f64.const 1)) (f64.const 0))
(assert_return (invoke "st" (i32.const 4) (i32.const 0) (f64.const 3) (f64.const 2)
  (f64.const 10)) (f64.const 4))
(assert_return (invoke "st" (i32.const 5) (i32.const 0) (f64.const 0x1p+1023) (f64.const 2)
  (f64.const 0.5)) (f64.const inf))
(assert_trap (invoke "st" (i32.const 5) (i32.const -8) (f64.const 2) (f64.const 2)
  (f64.const 2)) "out of bounds memory access")
(assert_trap (invoke "st" (i32.const 0) (i32.const 65473) (f64.const 1) (f64.const 1)
  (f64.const 1)) "out of bounds memory access")
(assert_trap (invoke "st" (i32.const 1) (i32.const 65473) (f64.const 1) (f64.const 1)
  (f64.const 1)) "out of bounds memory access")
(assert_trap (invoke "st" (i32.const 2) (i32.const 65473) (f64.const 1) (f64.const 1)
  (f64.const 1)) "out of bounds memory access")
(assert_trap (invoke "st" (i32.const 3) (i32.const 65473) (f64.const 1) (f64.const 1)
  (f64.const 1)) "out of bounds memory access")
(assert_trap (invoke "st" (i32.const 4) (i32.const 65473) (f64.const 1) (f64.const 1)
  (f64.const 1)) "out of bounds memory access")
(assert_trap (invoke "st" (i32.const 5) (i32.const 65473) (f64.const 1) (f64.const 1)
  (f64.const 1)) "out of bounds memory access")
(assert_return (invoke "nez_tee" (i32.const -3)) (i32.const 3))
(assert_return (invoke "nez_tee" (i32.const -1)) (i32.const 1))
(assert_return (invoke "nez_stack" (i32.const -5)) (i32.const 5))
(assert_return (invoke "nez_if" (i32.const 1)) (i32.const 77))
(assert_return (invoke "nez_if" (i32.const 0)) (i32.const -1))
(assert_return (invoke "nez_if" (i32.const 5)) (i32.const 4))
(assert_return (invoke "add_sub" (f64.const -0x1p+53) (f64.const 0x1p+53) (f64.const -1))
  (f64.const 0))
(assert_return (invoke "add_sub" (f64.const 1) (f64.const 5) (f64.const 2)) (f64.const 4))
(assert_return (invoke "sub_add" (f64.const -0x1p+53) (f64.const 0x1p+53) (f64.const -1))
  (f64.const 0))
(assert_return (invoke "sub_add" (f64.const 1) (f64.const 5) (f64.const 2)) (f64.const 4))
(assert_return (invoke "fadd_le" (f64.const 1) (f64.const 3.5)) (f64.const 4))
(assert_return (invoke "fadd_le" (f64.const 1) (f64.const 4)) (f64.const 5))
(assert_return (invoke "fadd_le" (f64.const nan) (f64.const 4)) (f64.const nan:arithmetic))
(assert_return (invoke "fadd_lt" (f64.const 1) (f64.const 2) (f64.const 3.5)) (i32.const 1))
(assert_return (invoke "fadd_lt" (f64.const 1) (f64.const 2) (f64.const 3)) (i32.const 0))
(assert_return (invoke "fadd_lt" (f64.const nan) (f64.const 2) (f64.const 3)) (i32.const 0))
(assert_return (invoke "fadd_gt" (f64.const 1) (f64.const 2) (f64.const 2.5)) (i32.const 1))
(assert_return (invoke "fadd_gt" (f64.const 1) (f64.const 2) (f64.const 3)) (i32.const 0))
(assert_return (invoke "fadd_gt" (f64.const 1) (f64.const nan) (f64.const 3)) (i32.const 0))
(assert_return (invoke "fadd_eq" (f64.const 1) (f64.const 2) (f64.const 3)) (i32.const 1))
(assert_return (invoke "fadd_eq" (f64.const 1) (f64.const 2) (f64.const 4)) (i32.const 0))
(assert_return (invoke "fadd_eq" (f64.const 1) (f64.const 2) (f64.const nan)) (i32.const 0))
(assert_return (invoke "fadd_ge" (f64.const 1) (f64.const 2) (f64.const 3)) (i32.const 1))
(assert_return (invoke "fadd_ge" (f64.const 1) (f64.const 2) (f64.const 3.5)) (i32.const 0))
(assert_return (invoke "fadd_ge" (f64.const inf) (f64.const -inf) (f64.const 0)) (i32.const 0))
(assert_return (invoke "fadd_target" (f64.const 1) (f64.const 5) (i32.const 1)) (i32.const 1))
(assert_return (invoke "fadd_target" (f64.const 1) (f64.const 5) (i32.const 0)) (i32.const 0))
(assert_return (invoke "fadd_target" (f64.const 1) (f64.const -5) (i32.const 1)) (i32.const 0))
(assert_return (invoke "fadd_target" (f64.const 1) (f64.const -0.5) (i32.const 0)) (i32.const 0))
(assert_return (invoke "fadd_target" (f64.const -1) (f64.const 0.5) (i32.const 0)) (i32.const 1))
(assert_return (invoke "st_tee" (i32.const 0) (f64.const 1) (f64.const 2)) (f64.const 6))
(assert_trap (invoke "st_tee" (i32.const 65473) (f64.const 1) (f64.const 2))
  "out of bounds memory access")
(assert_return (invoke "mla_tee" (i32.const 0) (f64.const 1) (f64.const 2) (f64.const 3))
  (f64.const 14))
(assert_trap (invoke "mla_tee" (i32.const -1) (f64.const 1) (f64.const 2) (f64.const 3))
  "out of bounds memory access")
