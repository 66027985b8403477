;; SPDX-License-Identifier: GPL-2.0 OR MIT
;;
;; Stores fused with the cell that computed their value, i32 loads fused
;; into a multiply-add, and the read-modify-write cells (KW_RMW_OPS in
;; engine/src/ops.h, compile_rmw.c).  Each function is shaped so that one
;; fusion applies, or must not.  Run by fusion_test.sh.

(module
  (memory 1)

  (func (export "poke") (param $a i32) (param $v i32)
    local.get $a
    local.get $v
    i32.store)
  (func (export "peek") (param $a i32) (result i32)
    local.get $a
    i32.load)
  (func (export "peek64") (param $a i32) (result i64)
    local.get $a
    i64.load)

  ;; i32.add then i32.store: one add_st cell.
  (func (export "add_st") (param $p i32) (param $a i32) (param $b i32) (result i32)
    local.get $p
    local.get $a
    local.get $b
    i32.add
    i32.store offset=4
    local.get $p
    i32.load offset=4)

  ;; i32.sub then i32.store: one sub_st cell.
  (func (export "sub_st") (param $p i32) (param $a i32) (param $b i32) (result i32)
    local.get $p
    local.get $a
    local.get $b
    i32.sub
    i32.store offset=4
    local.get $p
    i32.load offset=4)

  ;; i32 mul + add then store: mla_st, the address also an operand.
  (func (export "mla_st") (param $p i32) (param $x i32) (param $c i32) (result i32)
    local.get $p
    local.get $c
    local.get $x
    local.get $p
    i32.mul
    i32.add
    i32.store offset=4
    local.get $p
    i32.load offset=4)

  (func (export "i64_add_st") (param $p i32) (param $a i64) (param $b i64) (result i64)
    local.get $p
    local.get $a
    local.get $b
    i64.add
    i64.store offset=8
    local.get $p
    i64.load offset=8)

  (func (export "i64_sub_st") (param $p i32) (param $a i64) (param $b i64) (result i64)
    local.get $p
    local.get $a
    local.get $b
    i64.sub
    i64.store offset=8
    local.get $p
    i64.load offset=8)

  (func (export "i64_mla_st") (param $p i32) (param $x i64) (param $y i64) (param $c i64)
    (result i64)
    local.get $p
    local.get $x
    local.get $y
    i64.mul
    local.get $c
    i64.add
    i64.store
    local.get $p
    i64.load)

  (func (export "f64_add_st") (param $p i32) (param $a f64) (param $b f64) (result f64)
    local.get $p
    local.get $a
    local.get $b
    f64.add
    f64.store offset=16
    local.get $p
    f64.load offset=16)

  (func (export "f64_sub_st") (param $p i32) (param $a f64) (param $b f64) (result f64)
    local.get $p
    local.get $a
    local.get $b
    f64.sub
    f64.store offset=16
    local.get $p
    f64.load offset=16)

  (func (export "f64_mul_st") (param $p i32) (param $a f64) (param $b f64) (result f64)
    local.get $p
    local.get $a
    local.get $b
    f64.mul
    f64.store offset=16
    local.get $p
    f64.load offset=16)

  ;; Two roundings: c + x * y is not a fused multiply-add.
  (func (export "f64_mla_st") (param $p i32) (param $x f64) (param $y f64) (param $c f64)
    (result f64)
    local.get $p
    local.get $c
    local.get $x
    local.get $y
    f64.mul
    f64.add
    f64.store
    local.get $p
    f64.load)

  ;; Must not fuse: i64.store32 of an i64.add writes 4 bytes, not 8.
  (func (export "i64_add_store32") (param $p i32) (param $a i64) (param $b i64) (result i64)
    local.get $p
    i64.const -1
    i64.store
    local.get $p
    local.get $a
    local.get $b
    i64.add
    i64.store32
    local.get $p
    i64.load)

  ;; Must not fuse: the sum is also kept in a local (local.tee).
  (func (export "add_tee_st") (param $p i32) (param $a i32) (param $b i32) (result i32)
    (local $t i32)
    local.get $p
    local.get $a
    local.get $b
    i32.add
    local.tee $t
    i32.store
    local.get $t
    local.get $p
    i32.load
    i32.xor)

  ;; c + load * y, the load's five address forms.
  (func (export "lmla") (param $p i32) (param $y i32) (param $c i32) (result i32)
    local.get $c
    local.get $p
    i32.load
    local.get $y
    i32.mul
    i32.add)
  (func (export "lmla_rr") (param $p i32) (param $q i32) (param $y i32) (param $c i32)
    (result i32)
    local.get $c
    local.get $y
    local.get $p
    local.get $q
    i32.add
    i32.load offset=2
    i32.mul
    i32.add)
  (func (export "lmla_ri") (param $p i32) (param $y i32) (param $c i32) (result i32)
    local.get $p
    i32.const 4
    i32.add
    i32.load
    local.get $y
    i32.mul
    local.get $c
    i32.add)
  ;; The multiplier is the tee'd local: read after the load writes it.
  (func (export "lmla_rr_tee") (param $p i32) (param $q i32) (param $c i32) (result i32)
    (local $t i32)
    local.get $c
    local.get $p
    local.get $q
    i32.add
    local.tee $t
    i32.load
    local.get $t
    i32.mul
    i32.add
    local.get $t
    i32.const 16
    i32.shl
    i32.xor)
  ;; The addend is the tee'd local.
  (func (export "lmla_ri_tee") (param $p i32) (param $y i32) (result i32)
    (local $t i32)
    local.get $p
    i32.const 4
    i32.add
    local.tee $t
    i32.load offset=1
    local.get $y
    i32.mul
    local.get $t
    i32.add)
  ;; Must not fuse: a loop head (a branch target) between load and mul.
  (func (export "lmla_loop") (param $p i32) (param $y i32) (param $c i32) (result i32)
    local.get $p
    i32.load
    loop (param i32) (result i32)
      local.get $y
      i32.mul
    end
    local.get $c
    i32.add)
  ;; Must not fuse: the loaded value is kept in a local too.
  (func (export "lmla_set") (param $p i32) (param $y i32) (param $c i32) (result i32)
    (local $v i32)
    local.get $p
    i32.load
    local.tee $v
    local.get $y
    i32.mul
    local.get $c
    i32.add
    local.get $v
    i32.xor)

  ;; mem[s + 8] = c + load * y, the five load forms.
  (func (export "lmla_st") (param $s i32) (param $p i32) (param $y i32) (param $c i32)
    local.get $s
    local.get $c
    local.get $p
    i32.load
    local.get $y
    i32.mul
    i32.add
    i32.store offset=8)
  (func (export "lmla_rr_st") (param $s i32) (param $p i32) (param $q i32) (param $y i32)
    (param $c i32)
    local.get $s
    local.get $c
    local.get $p
    local.get $q
    i32.add
    i32.load
    local.get $y
    i32.mul
    i32.add
    i32.store offset=8)
  (func (export "lmla_ri_st") (param $s i32) (param $p i32) (param $y i32) (param $c i32)
    local.get $s
    local.get $c
    local.get $p
    i32.const 4
    i32.add
    i32.load
    local.get $y
    i32.mul
    i32.add
    i32.store offset=8)
  (func (export "lmla_rr_tee_st") (param $s i32) (param $p i32) (param $q i32) (param $y i32)
    (param $c i32) (result i32)
    (local $t i32)
    local.get $s
    local.get $c
    local.get $p
    local.get $q
    i32.add
    local.tee $t
    i32.load
    local.get $y
    i32.mul
    i32.add
    i32.store offset=8
    local.get $t)
  ;; The store address is a copy of the tee'd local, taken before the tee.
  (func (export "lmla_tee_addr_st") (param $p i32) (param $q i32) (param $y i32) (param $c i32)
    (result i32)
    (local $t i32)
    local.get $p
    local.get $q
    i32.add
    local.tee $t
    local.get $c
    local.get $p
    local.get $q
    i32.add
    local.tee $t
    i32.load
    local.get $y
    i32.mul
    i32.add
    i32.store offset=8
    local.get $t)
  (func (export "lmla_ri_tee_st") (param $s i32) (param $p i32) (param $c i32) (result i32)
    (local $t i32)
    local.get $s
    local.get $c
    local.get $p
    i32.const 4
    i32.add
    local.tee $t
    i32.load
    local.get $t
    i32.mul
    i32.add
    i32.store offset=8
    local.get $t)

  (func (export "rmw_rr_ld") (param $p i32) (param $q i32) (param $r i32) (param $s i32)
    (param $y i32) (result i32)
    (local $m i32) (local $t i32)
    local.get $p
    local.get $q
    i32.add
    local.tee $m
    local.get $m
    i32.load offset=4
    local.get $r
    i32.load offset=1
    local.get $y
    i32.mul
    i32.add
    i32.store offset=4
    local.get $m
    local.get $t
    i32.const 16
    i32.shl
    i32.xor)

  (func (export "rmw_rr_rr") (param $p i32) (param $q i32) (param $r i32) (param $s i32)
    (param $y i32) (result i32)
    (local $m i32) (local $t i32)
    local.get $p
    local.get $q
    i32.add
    local.tee $m
    local.get $m
    i32.load offset=4
    local.get $r
    local.get $s
    i32.add
    i32.load offset=1
    local.get $y
    i32.mul
    i32.add
    i32.store offset=4
    local.get $m
    local.get $t
    i32.const 16
    i32.shl
    i32.xor)

  (func (export "rmw_rr_ri") (param $p i32) (param $q i32) (param $r i32) (param $s i32)
    (param $y i32) (result i32)
    (local $m i32) (local $t i32)
    local.get $p
    local.get $q
    i32.add
    local.tee $m
    local.get $m
    i32.load offset=4
    local.get $r
    i32.const 12
    i32.add
    i32.load offset=1
    local.get $y
    i32.mul
    i32.add
    i32.store offset=4
    local.get $m
    local.get $t
    i32.const 16
    i32.shl
    i32.xor)

  (func (export "rmw_rr_rr_tee") (param $p i32) (param $q i32) (param $r i32) (param $s i32)
    (param $y i32) (result i32)
    (local $m i32) (local $t i32)
    local.get $p
    local.get $q
    i32.add
    local.tee $m
    local.get $m
    i32.load offset=4
    local.get $r
    local.get $s
    i32.add
    local.tee $t
    i32.load offset=1
    local.get $t
    i32.mul
    i32.add
    i32.store offset=4
    local.get $m
    local.get $t
    i32.const 16
    i32.shl
    i32.xor)

  (func (export "rmw_rr_ri_tee") (param $p i32) (param $q i32) (param $r i32) (param $s i32)
    (param $y i32) (result i32)
    (local $m i32) (local $t i32)
    local.get $p
    local.get $q
    i32.add
    local.tee $m
    local.get $m
    i32.load offset=4
    local.get $r
    i32.const 12
    i32.add
    local.tee $t
    i32.load offset=1
    local.get $m
    i32.mul
    i32.add
    i32.store offset=4
    local.get $m
    local.get $t
    i32.const 16
    i32.shl
    i32.xor)

  (func (export "rmw_ri_ld") (param $p i32) (param $q i32) (param $r i32) (param $s i32)
    (param $y i32) (result i32)
    (local $m i32) (local $t i32)
    local.get $p
    i32.const 8
    i32.add
    local.tee $m
    local.get $m
    i32.load offset=4
    local.get $r
    i32.load offset=1
    local.get $y
    i32.mul
    i32.add
    i32.store offset=4
    local.get $m
    local.get $t
    i32.const 16
    i32.shl
    i32.xor)

  (func (export "rmw_ri_rr") (param $p i32) (param $q i32) (param $r i32) (param $s i32)
    (param $y i32) (result i32)
    (local $m i32) (local $t i32)
    local.get $p
    i32.const 8
    i32.add
    local.tee $m
    local.get $m
    i32.load offset=4
    local.get $r
    local.get $s
    i32.add
    i32.load offset=1
    local.get $y
    i32.mul
    i32.add
    i32.store offset=4
    local.get $m
    local.get $t
    i32.const 16
    i32.shl
    i32.xor)

  (func (export "rmw_ri_ri") (param $p i32) (param $q i32) (param $r i32) (param $s i32)
    (param $y i32) (result i32)
    (local $m i32) (local $t i32)
    local.get $p
    i32.const 8
    i32.add
    local.tee $m
    local.get $m
    i32.load offset=4
    local.get $r
    i32.const 12
    i32.add
    i32.load offset=1
    local.get $y
    i32.mul
    i32.add
    i32.store offset=4
    local.get $m
    local.get $t
    i32.const 16
    i32.shl
    i32.xor)

  (func (export "rmw_ri_rr_tee") (param $p i32) (param $q i32) (param $r i32) (param $s i32)
    (param $y i32) (result i32)
    (local $m i32) (local $t i32)
    local.get $p
    i32.const 8
    i32.add
    local.tee $m
    local.get $m
    i32.load offset=4
    local.get $r
    local.get $s
    i32.add
    local.tee $t
    i32.load offset=1
    local.get $t
    i32.mul
    i32.add
    i32.store offset=4
    local.get $m
    local.get $t
    i32.const 16
    i32.shl
    i32.xor)

  (func (export "rmw_ri_ri_tee") (param $p i32) (param $q i32) (param $r i32) (param $s i32)
    (param $y i32) (result i32)
    (local $m i32) (local $t i32)
    local.get $p
    i32.const 8
    i32.add
    local.tee $m
    local.get $m
    i32.load offset=4
    local.get $r
    i32.const 12
    i32.add
    local.tee $t
    i32.load offset=1
    local.get $m
    i32.mul
    i32.add
    i32.store offset=4
    local.get $m
    local.get $t
    i32.const 16
    i32.shl
    i32.xor)

  ;; Must not merge: the store offset is not the load's.
  (func (export "rmw_off") (param $p i32) (param $q i32) (param $r i32) (param $y i32)
    (local $m i32)
    local.get $p
    local.get $q
    i32.add
    local.tee $m
    local.get $m
    i32.load offset=4
    local.get $r
    i32.load
    local.get $y
    i32.mul
    i32.add
    i32.store offset=8)
  ;; Must not merge: the addend is not mem[m] (mem[m] is the multiplier).
  (func (export "rmw_notc") (param $p i32) (param $q i32) (param $r i32) (param $c i32)
    (local $m i32)
    local.get $p
    local.get $q
    i32.add
    local.tee $m
    local.get $c
    local.get $m
    i32.load
    local.get $r
    i32.load
    i32.mul
    i32.add
    i32.store)
  ;; Must not merge: the second load's tee overwrites m, so the store goes
  ;; to the address kept on the stack before.
  (func (export "rmw_same_tee") (param $p i32) (param $q i32) (param $r i32) (param $y i32)
    (result i32)
    (local $m i32)
    local.get $p
    local.get $q
    i32.add
    local.tee $m
    local.get $m
    i32.load
    local.get $r
    local.get $q
    i32.add
    local.tee $m
    i32.load
    local.get $y
    i32.mul
    i32.add
    i32.store
    local.get $m)
)


(assert_return (invoke "add_st" (i32.const 0) (i32.const 5) (i32.const 7)) (i32.const 12))
(assert_return (invoke "add_st" (i32.const 100) (i32.const -1) (i32.const 2)) (i32.const 1))
(assert_return (invoke "add_st" (i32.const 200) (i32.const -2147483648) (i32.const -2147483647)) (i32.const 1))
(assert_return (invoke "add_st" (i32.const 65528) (i32.const 3) (i32.const 4)) (i32.const 7))
(assert_trap (invoke "add_st" (i32.const 65529) (i32.const 1) (i32.const 2)) "out of bounds memory access")
(assert_trap (invoke "add_st" (i32.const 65532) (i32.const 1) (i32.const 2)) "out of bounds memory access")
(assert_trap (invoke "add_st" (i32.const -4) (i32.const 1) (i32.const 2)) "out of bounds memory access")
(assert_return (invoke "sub_st" (i32.const 0) (i32.const 5) (i32.const 7)) (i32.const -2))
(assert_return (invoke "sub_st" (i32.const 100) (i32.const -1) (i32.const 2)) (i32.const -3))
(assert_return (invoke "sub_st" (i32.const 200) (i32.const -2147483648) (i32.const -2147483647)) (i32.const -1))
(assert_return (invoke "sub_st" (i32.const 65528) (i32.const 3) (i32.const 4)) (i32.const -1))
(assert_trap (invoke "sub_st" (i32.const 65529) (i32.const 1) (i32.const 2)) "out of bounds memory access")
(assert_trap (invoke "sub_st" (i32.const 65532) (i32.const 1) (i32.const 2)) "out of bounds memory access")
(assert_trap (invoke "sub_st" (i32.const -4) (i32.const 1) (i32.const 2)) "out of bounds memory access")
(assert_return (invoke "mla_st" (i32.const 0) (i32.const 3) (i32.const 4)) (i32.const 4))
(assert_return (invoke "mla_st" (i32.const 16) (i32.const 65537) (i32.const -1)) (i32.const 1048591))
(assert_return (invoke "mla_st" (i32.const 65528) (i32.const 2) (i32.const 2)) (i32.const 131058))
(assert_trap (invoke "mla_st" (i32.const 65530) (i32.const 1) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "i64_add_st" (i32.const 8) (i64.const 1099511627776) (i64.const 3)) (i64.const 1099511627779))
(assert_return (invoke "i64_add_st" (i32.const 24) (i64.const -1) (i64.const 2)) (i64.const 1))
(assert_return (invoke "i64_add_st" (i32.const 65520) (i64.const -9223372036854775808) (i64.const -9223372036854775808)) (i64.const 0))
(assert_trap (invoke "i64_add_st" (i32.const 65521) (i64.const 1) (i64.const 1)) "out of bounds memory access")
(assert_return (invoke "i64_sub_st" (i32.const 8) (i64.const 1099511627776) (i64.const 3)) (i64.const 1099511627773))
(assert_return (invoke "i64_sub_st" (i32.const 24) (i64.const -1) (i64.const 2)) (i64.const -3))
(assert_return (invoke "i64_sub_st" (i32.const 65520) (i64.const -9223372036854775808) (i64.const -9223372036854775808)) (i64.const 0))
(assert_trap (invoke "i64_sub_st" (i32.const 65521) (i64.const 1) (i64.const 1)) "out of bounds memory access")
(assert_return (invoke "i64_mla_st" (i32.const 40) (i64.const 3) (i64.const 5) (i64.const 7)) (i64.const 22))
(assert_return (invoke "i64_mla_st" (i32.const 48) (i64.const 8589934592) (i64.const 8589934592) (i64.const -1)) (i64.const -1))
(assert_return (invoke "i64_mla_st" (i32.const 65528) (i64.const -1) (i64.const -1) (i64.const 1)) (i64.const 2))
(assert_trap (invoke "i64_mla_st" (i32.const 65529) (i64.const 1) (i64.const 1) (i64.const 1)) "out of bounds memory access")
(assert_return (invoke "f64_add_st" (i32.const 64) (f64.const 0x1.999999999999ap-4) (f64.const 0x1.999999999999ap-3)) (f64.const 0x1.3333333333334p-2))
(assert_return (invoke "f64_add_st" (i32.const 80) (f64.const 0x1.1ccf385ebc8a0p+1023) (f64.const 0x1.1ccf385ebc8a0p+1023)) (f64.const inf))
(assert_return (invoke "f64_add_st" (i32.const 65512) (f64.const -0x1.c000000000000p+1) (f64.const 0x1.2000000000000p+1)) (f64.const -0x1.4000000000000p+0))
(assert_trap (invoke "f64_add_st" (i32.const 65513) (f64.const 0x1.0000000000000p+0) (f64.const 0x1.0000000000000p+0)) "out of bounds memory access")
(assert_return (invoke "f64_sub_st" (i32.const 64) (f64.const 0x1.999999999999ap-4) (f64.const 0x1.999999999999ap-3)) (f64.const -0x1.999999999999ap-4))
(assert_return (invoke "f64_sub_st" (i32.const 80) (f64.const 0x1.1ccf385ebc8a0p+1023) (f64.const 0x1.1ccf385ebc8a0p+1023)) (f64.const 0x0.0p+0))
(assert_return (invoke "f64_sub_st" (i32.const 65512) (f64.const -0x1.c000000000000p+1) (f64.const 0x1.2000000000000p+1)) (f64.const -0x1.7000000000000p+2))
(assert_trap (invoke "f64_sub_st" (i32.const 65513) (f64.const 0x1.0000000000000p+0) (f64.const 0x1.0000000000000p+0)) "out of bounds memory access")
(assert_return (invoke "f64_mul_st" (i32.const 64) (f64.const 0x1.999999999999ap-4) (f64.const 0x1.999999999999ap-3)) (f64.const 0x1.47ae147ae147cp-6))
(assert_return (invoke "f64_mul_st" (i32.const 80) (f64.const 0x1.1ccf385ebc8a0p+1023) (f64.const 0x1.1ccf385ebc8a0p+1023)) (f64.const inf))
(assert_return (invoke "f64_mul_st" (i32.const 65512) (f64.const -0x1.c000000000000p+1) (f64.const 0x1.2000000000000p+1)) (f64.const -0x1.f800000000000p+2))
(assert_trap (invoke "f64_mul_st" (i32.const 65513) (f64.const 0x1.0000000000000p+0) (f64.const 0x1.0000000000000p+0)) "out of bounds memory access")
(assert_return (invoke "f64_mla_st" (i32.const 96) (f64.const 0x1.0000002000000p+0) (f64.const 0x1.0000002000000p+0) (f64.const -0x1.0000000000000p+0)) (f64.const 0x1.0000000000000p-26))
(assert_return (invoke "f64_mla_st" (i32.const 65528) (f64.const 0x1.0000002000000p+0) (f64.const 0x1.0000002000000p+0) (f64.const 0x1.0000000000000p-1)) (f64.const 0x1.8000004000000p+0))
(assert_trap (invoke "f64_mla_st" (i32.const 65532) (f64.const 0x1.0000000000000p+0) (f64.const 0x1.0000000000000p+0) (f64.const 0x1.0000000000000p+0)) "out of bounds memory access")
(assert_return (invoke "i64_add_store32" (i32.const 128) (i64.const 305419896) (i64.const 286331153)) (i64.const -3703216247))
(assert_return (invoke "i64_add_store32" (i32.const 136) (i64.const -1) (i64.const 2)) (i64.const -4294967295))
(assert_return (invoke "add_tee_st" (i32.const 144) (i32.const 5) (i32.const 6)) (i32.const 0))
(assert_return (invoke "add_tee_st" (i32.const 152) (i32.const -1) (i32.const -1)) (i32.const 0))
(assert_return (invoke "poke" (i32.const 0) (i32.const 67305985)))
(assert_return (invoke "poke" (i32.const 4) (i32.const 134678021)))
(assert_return (invoke "poke" (i32.const 8) (i32.const 202050057)))
(assert_return (invoke "poke" (i32.const 65532) (i32.const -1532779871)))
(assert_return (invoke "poke" (i32.const 1000) (i32.const -1698898192)))
(assert_return (invoke "lmla" (i32.const 0) (i32.const 2) (i32.const 1)) (i32.const 134611971))
(assert_return (invoke "lmla" (i32.const 4) (i32.const 256) (i32.const -1)) (i32.const 117835007))
(assert_return (invoke "lmla" (i32.const 65532) (i32.const 3) (i32.const 0)) (i32.const -303372317))
(assert_return (invoke "lmla" (i32.const 1000) (i32.const 65536) (i32.const 5)) (i32.const -554696699))
(assert_trap (invoke "lmla" (i32.const 65533) (i32.const 1) (i32.const 1)) "out of bounds memory access")
(assert_trap (invoke "lmla" (i32.const -1) (i32.const 1) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "lmla_rr" (i32.const 0) (i32.const 2) (i32.const 3) (i32.const 4)) (i32.const 404034067))
(assert_return (invoke "lmla_rr" (i32.const -1) (i32.const 1001) (i32.const 7) (i32.const -1)) (i32.const 277283))
(assert_return (invoke "lmla_rr" (i32.const 65526) (i32.const 4) (i32.const 1) (i32.const 1)) (i32.const -1532779870))
(assert_trap (invoke "lmla_rr" (i32.const 65532) (i32.const 1) (i32.const 1) (i32.const 1)) "out of bounds memory access")
(assert_trap (invoke "lmla_rr" (i32.const -2) (i32.const 1) (i32.const 1) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "lmla_ri" (i32.const 0) (i32.const 5) (i32.const 6)) (i32.const 673390111))
(assert_return (invoke "lmla_ri" (i32.const 996) (i32.const 2147483647) (i32.const 1)) (i32.const 1698898193))
(assert_return (invoke "lmla_ri" (i32.const 65528) (i32.const 2) (i32.const 3)) (i32.const 1229407557))
(assert_trap (invoke "lmla_ri" (i32.const 65529) (i32.const 1) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "lmla_rr_tee" (i32.const 0) (i32.const 4) (i32.const 9)) (i32.const 538449949))
(assert_return (invoke "lmla_rr_tee" (i32.const 1000) (i32.const 0) (i32.const 1)) (i32.const 1915672961))
(assert_return (invoke "lmla_rr_tee" (i32.const -4) (i32.const 65536) (i32.const 2)) (i32.const -269585026))
(assert_trap (invoke "lmla_rr_tee" (i32.const 65536) (i32.const 0) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "lmla_ri_tee" (i32.const 0) (i32.const 3)) (i32.const 454563094))
(assert_return (invoke "lmla_ri_tee" (i32.const 995) (i32.const 16777216)) (i32.const -268434457))
(assert_return (invoke "lmla_ri_tee" (i32.const 65527) (i32.const 2)) (i32.const 1229473085))
(assert_trap (invoke "lmla_ri_tee" (i32.const 65528) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "lmla_loop" (i32.const 0) (i32.const 2) (i32.const 1)) (i32.const 134611971))
(assert_return (invoke "lmla_set" (i32.const 0) (i32.const 2) (i32.const 1)) (i32.const 201655810))
(assert_return (invoke "lmla_loop" (i32.const 65532) (i32.const 65536) (i32.const 3)) (i32.const -1566507005))
(assert_return (invoke "lmla_set" (i32.const 65532) (i32.const 65536) (i32.const 3)) (i32.const 100836002))
(assert_return (invoke "lmla_st" (i32.const 2000) (i32.const 0) (i32.const 2) (i32.const 1)))
(assert_return (invoke "peek" (i32.const 2008)) (i32.const 134611971))
(assert_return (invoke "lmla_st" (i32.const 2000) (i32.const 4) (i32.const 65536) (i32.const -1)))
(assert_return (invoke "peek" (i32.const 2008)) (i32.const 100990975))
(assert_return (invoke "lmla_st" (i32.const 65524) (i32.const 65532) (i32.const 5) (i32.const 5)))
(assert_return (invoke "peek" (i32.const 65532)) (i32.const 926035242))
(assert_return (invoke "poke" (i32.const 2008) (i32.const 77)))
(assert_trap (invoke "lmla_st" (i32.const 2000) (i32.const 65534) (i32.const 1) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 2008)) (i32.const 77))
(assert_trap (invoke "lmla_st" (i32.const 65525) (i32.const 0) (i32.const 1) (i32.const 1)) "out of bounds memory access")
(assert_trap (invoke "lmla_st" (i32.const -8) (i32.const 0) (i32.const 1) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "lmla_rr_st" (i32.const 2100) (i32.const 0) (i32.const 4) (i32.const 3) (i32.const 3)))
(assert_return (invoke "peek" (i32.const 2108)) (i32.const 404034066))
(assert_return (invoke "lmla_rr_st" (i32.const 2100) (i32.const 999) (i32.const 1) (i32.const -1) (i32.const 0)))
(assert_return (invoke "peek" (i32.const 2108)) (i32.const 1698898192))
(assert_return (invoke "lmla_rr_st" (i32.const 2104) (i32.const -1) (i32.const 1) (i32.const 1) (i32.const 1)))
(assert_return (invoke "peek" (i32.const 2112)) (i32.const 67305986))
(assert_trap (invoke "lmla_rr_st" (i32.const 2100) (i32.const 65535) (i32.const 0) (i32.const 1) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 2108)) (i32.const 1698898192))
(assert_trap (invoke "lmla_rr_st" (i32.const 65528) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "lmla_ri_st" (i32.const 2200) (i32.const 0) (i32.const 3) (i32.const 3)))
(assert_return (invoke "peek" (i32.const 2208)) (i32.const 404034066))
(assert_return (invoke "lmla_ri_st" (i32.const 2200) (i32.const 996) (i32.const 256) (i32.const -2147483648)))
(assert_return (invoke "peek" (i32.const 2208)) (i32.const 1021243392))
(assert_trap (invoke "lmla_ri_st" (i32.const 2200) (i32.const 65530) (i32.const 1) (i32.const 1)) "out of bounds memory access")
(assert_trap (invoke "lmla_ri_st" (i32.const 65527) (i32.const 0) (i32.const 1) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "lmla_tee_addr_st" (i32.const 0) (i32.const 4) (i32.const 3) (i32.const 3)) (i32.const 4))
(assert_return (invoke "peek" (i32.const 12)) (i32.const 404034066))
(assert_return (invoke "lmla_tee_addr_st" (i32.const 2300) (i32.const 0) (i32.const 2) (i32.const 1)) (i32.const 2300))
(assert_return (invoke "peek" (i32.const 2308)) (i32.const 1))
(assert_return (invoke "lmla_tee_addr_st" (i32.const 2300) (i32.const 0) (i32.const 2) (i32.const 1)) (i32.const 2300))
(assert_return (invoke "peek" (i32.const 2308)) (i32.const 1))
(assert_trap (invoke "lmla_tee_addr_st" (i32.const 65532) (i32.const 0) (i32.const 1) (i32.const 1)) "out of bounds memory access")
(assert_trap (invoke "lmla_tee_addr_st" (i32.const 65534) (i32.const 0) (i32.const 1) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "lmla_rr_tee_st" (i32.const 2500) (i32.const 0) (i32.const 4) (i32.const 3) (i32.const 3)) (i32.const 4))
(assert_return (invoke "peek" (i32.const 2508)) (i32.const 404034066))
(assert_return (invoke "lmla_rr_tee_st" (i32.const 2500) (i32.const 2496) (i32.const 4) (i32.const 2) (i32.const -1)) (i32.const 2500))
(assert_return (invoke "peek" (i32.const 2508)) (i32.const -1))
(assert_return (invoke "poke" (i32.const 2508) (i32.const 99)))
(assert_trap (invoke "lmla_rr_tee_st" (i32.const 2500) (i32.const 65534) (i32.const 0) (i32.const 1) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 2508)) (i32.const 99))
(assert_trap (invoke "lmla_rr_tee_st" (i32.const 65528) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "lmla_ri_tee_st" (i32.const 2400) (i32.const 0) (i32.const 3)) (i32.const 4))
(assert_return (invoke "peek" (i32.const 2408)) (i32.const 538712087))
(assert_return (invoke "lmla_ri_tee_st" (i32.const 2400) (i32.const 2396) (i32.const 1)) (i32.const 2400))
(assert_return (invoke "peek" (i32.const 2408)) (i32.const 1))
(assert_trap (invoke "lmla_ri_tee_st" (i32.const -9) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "poke" (i32.const 3012) (i32.const 16909060)))
(assert_return (invoke "poke" (i32.const 3016) (i32.const 2147483647)))
(assert_return (invoke "poke" (i32.const 3040) (i32.const 286331153)))
(assert_return (invoke "rmw_rr_ld" (i32.const 3000) (i32.const 8) (i32.const 3039) (i32.const 0) (i32.const 3)) (i32.const 3008))
(assert_return (invoke "peek" (i32.const 3012)) (i32.const 875902519))
(assert_return (invoke "rmw_rr_ld" (i32.const 3000) (i32.const 8) (i32.const 3039) (i32.const 0) (i32.const 3)) (i32.const 3008))
(assert_return (invoke "peek" (i32.const 3012)) (i32.const 1734895978))
(assert_return (invoke "rmw_rr_ld" (i32.const 2992) (i32.const 24) (i32.const 3039) (i32.const 20) (i32.const 65537)) (i32.const 3016))
(assert_return (invoke "peek" (i32.const 3020)) (i32.const 572657937))
(assert_return (invoke "rmw_rr_ld" (i32.const 2992) (i32.const 24) (i32.const 3039) (i32.const 20) (i32.const 65537)) (i32.const 3016))
(assert_return (invoke "peek" (i32.const 3020)) (i32.const 1145315874))
(assert_trap (invoke "rmw_rr_ld" (i32.const 65532) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "poke" (i32.const 65524) (i32.const 1515870810)))
(assert_trap (invoke "rmw_rr_ld" (i32.const 65520) (i32.const 0) (i32.const 65534) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65524)) (i32.const 1515870810))
(assert_trap (invoke "rmw_rr_ld" (i32.const 65520) (i32.const 0) (i32.const -13) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65524)) (i32.const 1515870810))
(assert_return (invoke "poke" (i32.const 3076) (i32.const 16909061)))
(assert_return (invoke "poke" (i32.const 3080) (i32.const 2147483647)))
(assert_return (invoke "poke" (i32.const 3104) (i32.const 572662306)))
(assert_return (invoke "rmw_rr_rr" (i32.const 3064) (i32.const 8) (i32.const 3104) (i32.const 0) (i32.const 3)) (i32.const 3072))
(assert_return (invoke "peek" (i32.const 3076)) (i32.const 23619947))
(assert_return (invoke "rmw_rr_rr" (i32.const 3064) (i32.const 8) (i32.const 3104) (i32.const 0) (i32.const 3)) (i32.const 3072))
(assert_return (invoke "peek" (i32.const 3076)) (i32.const 30330833))
(assert_return (invoke "rmw_rr_rr" (i32.const 3056) (i32.const 24) (i32.const 3084) (i32.const 20) (i32.const 65537)) (i32.const 3080))
(assert_return (invoke "peek" (i32.const 3084)) (i32.const 574890530))
(assert_return (invoke "rmw_rr_rr" (i32.const 3056) (i32.const 24) (i32.const 3084) (i32.const 20) (i32.const 65537)) (i32.const 3080))
(assert_return (invoke "peek" (i32.const 3084)) (i32.const 1149781060))
(assert_trap (invoke "rmw_rr_rr" (i32.const 65532) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "poke" (i32.const 65524) (i32.const 1515870810)))
(assert_trap (invoke "rmw_rr_rr" (i32.const 65520) (i32.const 0) (i32.const 65534) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65524)) (i32.const 1515870810))
(assert_trap (invoke "rmw_rr_rr" (i32.const 65520) (i32.const 0) (i32.const -13) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65524)) (i32.const 1515870810))
(assert_return (invoke "poke" (i32.const 3140) (i32.const 16909062)))
(assert_return (invoke "poke" (i32.const 3144) (i32.const 2147483647)))
(assert_return (invoke "poke" (i32.const 3168) (i32.const 858993459)))
(assert_return (invoke "rmw_rr_ri" (i32.const 3128) (i32.const 8) (i32.const 3156) (i32.const 0) (i32.const 3)) (i32.const 3136))
(assert_return (invoke "peek" (i32.const 3140)) (i32.const 26975391))
(assert_return (invoke "rmw_rr_ri" (i32.const 3128) (i32.const 8) (i32.const 3156) (i32.const 0) (i32.const 3)) (i32.const 3136))
(assert_return (invoke "peek" (i32.const 3140)) (i32.const 37041720))
(assert_return (invoke "rmw_rr_ri" (i32.const 3120) (i32.const 24) (i32.const 3136) (i32.const 20) (i32.const 65537)) (i32.const 3144))
(assert_return (invoke "peek" (i32.const 3148)) (i32.const 0))
(assert_return (invoke "rmw_rr_ri" (i32.const 3120) (i32.const 24) (i32.const 3136) (i32.const 20) (i32.const 65537)) (i32.const 3144))
(assert_return (invoke "peek" (i32.const 3148)) (i32.const 0))
(assert_trap (invoke "rmw_rr_ri" (i32.const 65532) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "poke" (i32.const 65524) (i32.const 1515870810)))
(assert_trap (invoke "rmw_rr_ri" (i32.const 65520) (i32.const 0) (i32.const 65534) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65524)) (i32.const 1515870810))
(assert_trap (invoke "rmw_rr_ri" (i32.const 65520) (i32.const 0) (i32.const -13) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65524)) (i32.const 1515870810))
(assert_return (invoke "poke" (i32.const 3204) (i32.const 16909063)))
(assert_return (invoke "poke" (i32.const 3208) (i32.const 2147483647)))
(assert_return (invoke "poke" (i32.const 3232) (i32.const 286331153)))
(assert_return (invoke "rmw_rr_rr_tee" (i32.const 3192) (i32.const 8) (i32.const 3232) (i32.const 0) (i32.const 3)) (i32.const 211815552))
(assert_return (invoke "peek" (i32.const 3204)) (i32.const -663127641))
(assert_return (invoke "rmw_rr_rr_tee" (i32.const 3192) (i32.const 8) (i32.const 3232) (i32.const 0) (i32.const 3)) (i32.const 211815552))
(assert_return (invoke "peek" (i32.const 3204)) (i32.const -1343164345))
(assert_return (invoke "rmw_rr_rr_tee" (i32.const 3184) (i32.const 24) (i32.const 3212) (i32.const 20) (i32.const 65537)) (i32.const 211815560))
(assert_return (invoke "peek" (i32.const 3212)) (i32.const -680036704))
(assert_return (invoke "rmw_rr_rr_tee" (i32.const 3184) (i32.const 24) (i32.const 3212) (i32.const 20) (i32.const 65537)) (i32.const 211815560))
(assert_return (invoke "peek" (i32.const 3212)) (i32.const -1360073408))
(assert_trap (invoke "rmw_rr_rr_tee" (i32.const 65532) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "poke" (i32.const 65524) (i32.const 1515870810)))
(assert_trap (invoke "rmw_rr_rr_tee" (i32.const 65520) (i32.const 0) (i32.const 65534) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65524)) (i32.const 1515870810))
(assert_trap (invoke "rmw_rr_rr_tee" (i32.const 65520) (i32.const 0) (i32.const -13) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65524)) (i32.const 1515870810))
(assert_return (invoke "poke" (i32.const 3268) (i32.const 16909064)))
(assert_return (invoke "poke" (i32.const 3272) (i32.const 2147483647)))
(assert_return (invoke "poke" (i32.const 3296) (i32.const 572662306)))
(assert_return (invoke "rmw_rr_ri_tee" (i32.const 3256) (i32.const 8) (i32.const 3284) (i32.const 0) (i32.const 3)) (i32.const 216009920))
(assert_return (invoke "peek" (i32.const 3268)) (i32.const -1271581560))
(assert_return (invoke "rmw_rr_ri_tee" (i32.const 3256) (i32.const 8) (i32.const 3284) (i32.const 0) (i32.const 3)) (i32.const 216009920))
(assert_return (invoke "peek" (i32.const 3268)) (i32.const 1734895112))
(assert_return (invoke "rmw_rr_ri_tee" (i32.const 3248) (i32.const 24) (i32.const 3264) (i32.const 20) (i32.const 65537)) (i32.const 214699208))
(assert_return (invoke "peek" (i32.const 3276)) (i32.const 0))
(assert_return (invoke "rmw_rr_ri_tee" (i32.const 3248) (i32.const 24) (i32.const 3264) (i32.const 20) (i32.const 65537)) (i32.const 214699208))
(assert_return (invoke "peek" (i32.const 3276)) (i32.const 0))
(assert_trap (invoke "rmw_rr_ri_tee" (i32.const 65532) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "poke" (i32.const 65524) (i32.const 1515870810)))
(assert_trap (invoke "rmw_rr_ri_tee" (i32.const 65520) (i32.const 0) (i32.const 65534) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65524)) (i32.const 1515870810))
(assert_trap (invoke "rmw_rr_ri_tee" (i32.const 65520) (i32.const 0) (i32.const -13) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65524)) (i32.const 1515870810))
(assert_return (invoke "poke" (i32.const 3332) (i32.const 16909065)))
(assert_return (invoke "poke" (i32.const 3336) (i32.const 2147483647)))
(assert_return (invoke "poke" (i32.const 3360) (i32.const 858993459)))
(assert_return (invoke "rmw_ri_ld" (i32.const 3324) (i32.const 8) (i32.const 3359) (i32.const 0) (i32.const 3)) (i32.const 3332))
(assert_return (invoke "peek" (i32.const 3336)) (i32.const 429496728))
(assert_return (invoke "rmw_ri_ld" (i32.const 3324) (i32.const 8) (i32.const 3359) (i32.const 0) (i32.const 3)) (i32.const 3332))
(assert_return (invoke "peek" (i32.const 3336)) (i32.const -1288490191))
(assert_return (invoke "rmw_ri_ld" (i32.const 3328) (i32.const 24) (i32.const 3359) (i32.const 20) (i32.const 65537)) (i32.const 3336))
(assert_return (invoke "peek" (i32.const 3340)) (i32.const 1717973811))
(assert_return (invoke "rmw_ri_ld" (i32.const 3328) (i32.const 24) (i32.const 3359) (i32.const 20) (i32.const 65537)) (i32.const 3336))
(assert_return (invoke "peek" (i32.const 3340)) (i32.const -859019674))
(assert_trap (invoke "rmw_ri_ld" (i32.const 65532) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "poke" (i32.const 65532) (i32.const 1515870810)))
(assert_trap (invoke "rmw_ri_ld" (i32.const 65520) (i32.const 0) (i32.const 65534) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65532)) (i32.const 1515870810))
(assert_trap (invoke "rmw_ri_ld" (i32.const 65520) (i32.const 0) (i32.const -13) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65532)) (i32.const 1515870810))
(assert_return (invoke "poke" (i32.const 3396) (i32.const 16909066)))
(assert_return (invoke "poke" (i32.const 3400) (i32.const 2147483647)))
(assert_return (invoke "poke" (i32.const 3424) (i32.const 286331153)))
(assert_return (invoke "rmw_ri_rr" (i32.const 3388) (i32.const 8) (i32.const 3424) (i32.const 0) (i32.const 3)) (i32.const 3396))
(assert_return (invoke "peek" (i32.const 3400)) (i32.const -2144128206))
(assert_return (invoke "rmw_ri_rr" (i32.const 3388) (i32.const 8) (i32.const 3424) (i32.const 0) (i32.const 3)) (i32.const 3396))
(assert_return (invoke "peek" (i32.const 3400)) (i32.const -2140772763))
(assert_return (invoke "rmw_ri_rr" (i32.const 3392) (i32.const 24) (i32.const 3404) (i32.const 20) (i32.const 65537)) (i32.const 3400))
(assert_return (invoke "peek" (i32.const 3404)) (i32.const 287445265))
(assert_return (invoke "rmw_ri_rr" (i32.const 3392) (i32.const 24) (i32.const 3404) (i32.const 20) (i32.const 65537)) (i32.const 3400))
(assert_return (invoke "peek" (i32.const 3404)) (i32.const 574890530))
(assert_trap (invoke "rmw_ri_rr" (i32.const 65532) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "poke" (i32.const 65532) (i32.const 1515870810)))
(assert_trap (invoke "rmw_ri_rr" (i32.const 65520) (i32.const 0) (i32.const 65534) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65532)) (i32.const 1515870810))
(assert_trap (invoke "rmw_ri_rr" (i32.const 65520) (i32.const 0) (i32.const -13) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65532)) (i32.const 1515870810))
(assert_return (invoke "poke" (i32.const 3460) (i32.const 16909067)))
(assert_return (invoke "poke" (i32.const 3464) (i32.const 2147483647)))
(assert_return (invoke "poke" (i32.const 3488) (i32.const 572662306)))
(assert_return (invoke "rmw_ri_ri" (i32.const 3452) (i32.const 8) (i32.const 3476) (i32.const 0) (i32.const 3)) (i32.const 3460))
(assert_return (invoke "peek" (i32.const 3464)) (i32.const -2140772763))
(assert_return (invoke "rmw_ri_ri" (i32.const 3452) (i32.const 8) (i32.const 3476) (i32.const 0) (i32.const 3)) (i32.const 3460))
(assert_return (invoke "peek" (i32.const 3464)) (i32.const -2134061877))
(assert_return (invoke "rmw_ri_ri" (i32.const 3456) (i32.const 24) (i32.const 3456) (i32.const 20) (i32.const 65537)) (i32.const 3464))
(assert_return (invoke "peek" (i32.const 3468)) (i32.const 0))
(assert_return (invoke "rmw_ri_ri" (i32.const 3456) (i32.const 24) (i32.const 3456) (i32.const 20) (i32.const 65537)) (i32.const 3464))
(assert_return (invoke "peek" (i32.const 3468)) (i32.const 0))
(assert_trap (invoke "rmw_ri_ri" (i32.const 65532) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "poke" (i32.const 65532) (i32.const 1515870810)))
(assert_trap (invoke "rmw_ri_ri" (i32.const 65520) (i32.const 0) (i32.const 65534) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65532)) (i32.const 1515870810))
(assert_trap (invoke "rmw_ri_ri" (i32.const 65520) (i32.const 0) (i32.const -13) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65532)) (i32.const 1515870810))
(assert_return (invoke "poke" (i32.const 3524) (i32.const 16909068)))
(assert_return (invoke "poke" (i32.const 3528) (i32.const 2147483647)))
(assert_return (invoke "poke" (i32.const 3552) (i32.const 858993459)))
(assert_return (invoke "rmw_ri_rr_tee" (i32.const 3516) (i32.const 8) (i32.const 3552) (i32.const 0) (i32.const 3)) (i32.const 232787396))
(assert_return (invoke "peek" (i32.const 3528)) (i32.const 1181115295))
(assert_return (invoke "rmw_ri_rr_tee" (i32.const 3516) (i32.const 8) (i32.const 3552) (i32.const 0) (i32.const 3)) (i32.const 232787396))
(assert_return (invoke "peek" (i32.const 3528)) (i32.const 214746943))
(assert_return (invoke "rmw_ri_rr_tee" (i32.const 3520) (i32.const 24) (i32.const 3532) (i32.const 20) (i32.const 65537)) (i32.const 232787400))
(assert_return (invoke "peek" (i32.const 3532)) (i32.const -966368352))
(assert_return (invoke "rmw_ri_rr_tee" (i32.const 3520) (i32.const 24) (i32.const 3532) (i32.const 20) (i32.const 65537)) (i32.const 232787400))
(assert_return (invoke "peek" (i32.const 3532)) (i32.const -1932736704))
(assert_trap (invoke "rmw_ri_rr_tee" (i32.const 65532) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "poke" (i32.const 65532) (i32.const 1515870810)))
(assert_trap (invoke "rmw_ri_rr_tee" (i32.const 65520) (i32.const 0) (i32.const 65534) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65532)) (i32.const 1515870810))
(assert_trap (invoke "rmw_ri_rr_tee" (i32.const 65520) (i32.const 0) (i32.const -13) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65532)) (i32.const 1515870810))
(assert_return (invoke "poke" (i32.const 3588) (i32.const 16909069)))
(assert_return (invoke "poke" (i32.const 3592) (i32.const 2147483647)))
(assert_return (invoke "poke" (i32.const 3616) (i32.const 286331153)))
(assert_return (invoke "rmw_ri_ri_tee" (i32.const 3580) (i32.const 8) (i32.const 3604) (i32.const 0) (i32.const 3)) (i32.const 236981764))
(assert_return (invoke "peek" (i32.const 3592)) (i32.const 1865626179))
(assert_return (invoke "rmw_ri_ri_tee" (i32.const 3580) (i32.const 8) (i32.const 3604) (i32.const 0) (i32.const 3)) (i32.const 236981764))
(assert_return (invoke "peek" (i32.const 3592)) (i32.const 1583768711))
(assert_return (invoke "rmw_ri_ri_tee" (i32.const 3584) (i32.const 24) (i32.const 3584) (i32.const 20) (i32.const 65537)) (i32.const 235671048))
(assert_return (invoke "peek" (i32.const 3596)) (i32.const 0))
(assert_return (invoke "rmw_ri_ri_tee" (i32.const 3584) (i32.const 24) (i32.const 3584) (i32.const 20) (i32.const 65537)) (i32.const 235671048))
(assert_return (invoke "peek" (i32.const 3596)) (i32.const 0))
(assert_trap (invoke "rmw_ri_ri_tee" (i32.const 65532) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "poke" (i32.const 65532) (i32.const 1515870810)))
(assert_trap (invoke "rmw_ri_ri_tee" (i32.const 65520) (i32.const 0) (i32.const 65534) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65532)) (i32.const 1515870810))
(assert_trap (invoke "rmw_ri_ri_tee" (i32.const 65520) (i32.const 0) (i32.const -13) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65532)) (i32.const 1515870810))
(assert_return (invoke "poke" (i32.const 4008) (i32.const 305419896)))
(assert_return (invoke "poke" (i32.const 4100) (i32.const 7)))
(assert_return (invoke "rmw_off" (i32.const 4000) (i32.const 4) (i32.const 4100) (i32.const 3)))
(assert_return (invoke "peek" (i32.const 4008)) (i32.const 305419896))
(assert_return (invoke "peek" (i32.const 4012)) (i32.const 305419917))
(assert_return (invoke "rmw_off" (i32.const 4000) (i32.const 4) (i32.const 4100) (i32.const 3)))
(assert_return (invoke "peek" (i32.const 4008)) (i32.const 305419896))
(assert_return (invoke "peek" (i32.const 4012)) (i32.const 305419917))
(assert_return (invoke "poke" (i32.const 4200) (i32.const 10)))
(assert_return (invoke "poke" (i32.const 4300) (i32.const 20)))
(assert_return (invoke "rmw_notc" (i32.const 4200) (i32.const 0) (i32.const 4300) (i32.const 5)))
(assert_return (invoke "peek" (i32.const 4200)) (i32.const 205))
(assert_return (invoke "rmw_notc" (i32.const 4200) (i32.const 0) (i32.const 4200) (i32.const 5)))
(assert_return (invoke "peek" (i32.const 4200)) (i32.const 42030))
(assert_return (invoke "poke" (i32.const 4400) (i32.const 3)))
(assert_return (invoke "poke" (i32.const 4404) (i32.const 4)))
(assert_return (invoke "rmw_same_tee" (i32.const 4400) (i32.const 0) (i32.const 4404) (i32.const 2)) (i32.const 4404))
(assert_return (invoke "peek" (i32.const 4400)) (i32.const 11))

;; Read-modify-write through a plain local: a load, the arithmetic and the
;; store back through the same local and offset, one RMW_IP cell.
(module
  (memory 1)
  (func (export "poke") (param $a i32) (param $v i32)
    (i32.store (local.get $a) (local.get $v)))
  (func (export "peek") (param $a i32) (result i32)
    (i32.load (local.get $a)))
  (func (export "peek64") (param $a i32) (result i64)
    (i64.load (local.get $a)))

  (func (export "inc8") (param $p i32)
    (i32.store8 offset=1 (local.get $p)
      (i32.add (i32.load8_u offset=1 (local.get $p)) (i32.const 1))))
  (func (export "xor8s") (param $p i32)
    (i32.store8 (local.get $p)
      (i32.xor (i32.load8_s (local.get $p)) (i32.const 0x1f0))))
  (func (export "sub16") (param $p i32) (param $v i32)
    (i32.store16 offset=2 (local.get $p)
      (i32.sub (i32.load16_u offset=2 (local.get $p)) (local.get $v))))
  (func (export "and16s") (param $p i32) (param $v i32)
    (i32.store16 (local.get $p)
      (i32.and (local.get $v) (i32.load16_s (local.get $p)))))
  (func (export "add32") (param $p i32) (param $v i32)
    (i32.store offset=8 (local.get $p)
      (i32.add (local.get $v) (i32.load offset=8 (local.get $p)))))
  (func (export "or32i") (param $p i32)
    (i32.store (local.get $p)
      (i32.or (i32.load (local.get $p)) (i32.const 0x80000001))))
  (func (export "and32i") (param $p i32)
    (i32.store (local.get $p)
      (i32.and (i32.load (local.get $p)) (i32.const 0xff00ff00))))
  (func (export "self32") (param $p i32)
    (i32.store (local.get $p)
      (i32.xor (i32.load (local.get $p)) (local.get $p))))
  (func (export "add64i") (param $p i32)
    (i64.store (local.get $p)
      (i64.add (i64.load (local.get $p)) (i64.const 0x100000001))))
  (func (export "sub64") (param $p i32) (param $v i64)
    (i64.store offset=16 (local.get $p)
      (i64.sub (i64.load offset=16 (local.get $p)) (local.get $v))))
  (func (export "or64") (param $p i32) (param $v i64)
    (i64.store (local.get $p)
      (i64.or (local.get $v) (i64.load (local.get $p)))))
  ;; Must not fuse: v - load, load + load, p written in between, another
  ;; offset, a branch target between the load and the add.
  (func (export "rsub32") (param $p i32) (param $v i32)
    (i32.store (local.get $p)
      (i32.sub (local.get $v) (i32.load (local.get $p)))))
  (func (export "twice32") (param $p i32)
    (i32.store (local.get $p)
      (i32.add (i32.load (local.get $p)) (i32.load (local.get $p)))))
  (func (export "moved32") (param $p i32) (param $q i32)
    (i32.store (local.get $p)
      (i32.add (i32.load (local.get $p)) (local.tee $p (local.get $q)))))
  (func (export "moved32b") (param $p i32) (param $q i32)
    (i32.store (local.get $p)
      (i32.add (i32.load (local.tee $p (local.get $q))) (i32.const 1))))
  (func (export "offs32") (param $p i32)
    (i32.store offset=4 (local.get $p)
      (i32.add (i32.load (local.get $p)) (i32.const 1))))
  (func (export "label32") (param $p i32)
    (i32.store (local.get $p)
      (i32.add (block (result i32) (i32.load (local.get $p))) (i32.const 1))))
  ;; In a loop, as the data path's echo: every byte of [0, n) + 1.
  (func (export "echo") (param $n i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store8 offset=1024 (local.get $i)
          (i32.add (i32.load8_u offset=1024 (local.get $i)) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
)

(assert_return (invoke "poke" (i32.const 100) (i32.const 0x11ff22ff)))
(assert_return (invoke "inc8" (i32.const 99)))
(assert_return (invoke "peek" (i32.const 100)) (i32.const 0x11ff2200))
(assert_return (invoke "inc8" (i32.const 101)))
(assert_return (invoke "peek" (i32.const 100)) (i32.const 0x11002200))
(assert_return (invoke "inc8" (i32.const 101)))
(assert_return (invoke "peek" (i32.const 100)) (i32.const 0x11012200))
(assert_return (invoke "inc8" (i32.const 65534)))
(assert_trap (invoke "inc8" (i32.const 65535)) "out of bounds memory access")
(assert_trap (invoke "inc8" (i32.const -1)) "out of bounds memory access")
(assert_return (invoke "poke" (i32.const 104) (i32.const 0x000000f1)))
(assert_return (invoke "xor8s" (i32.const 104)))
(assert_return (invoke "peek" (i32.const 104)) (i32.const 0x01))
(assert_return (invoke "poke" (i32.const 108) (i32.const 0x00050000)))
(assert_return (invoke "sub16" (i32.const 108) (i32.const 7)))
(assert_return (invoke "peek" (i32.const 108)) (i32.const 0xfffe0000))
(assert_return (invoke "sub16" (i32.const 108) (i32.const 0x1fffe)))
(assert_return (invoke "peek" (i32.const 108)) (i32.const 0))
(assert_trap (invoke "sub16" (i32.const 65533) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "poke" (i32.const 112) (i32.const 0x1234f0f0)))
(assert_return (invoke "and16s" (i32.const 112) (i32.const 0xffff3cff)))
(assert_return (invoke "peek" (i32.const 112)) (i32.const 0x123430f0))
(assert_trap (invoke "and16s" (i32.const 65535) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "poke" (i32.const 124) (i32.const 0xfffffffe)))
(assert_return (invoke "add32" (i32.const 116) (i32.const 3)))
(assert_return (invoke "peek" (i32.const 124)) (i32.const 1))
(assert_trap (invoke "add32" (i32.const 65528) (i32.const 3)) "out of bounds memory access")
(assert_return (invoke "or32i" (i32.const 124)))
(assert_return (invoke "peek" (i32.const 124)) (i32.const 0x80000001))
(assert_return (invoke "poke" (i32.const 124) (i32.const 0x12345678)))
(assert_return (invoke "and32i" (i32.const 124)))
(assert_return (invoke "peek" (i32.const 124)) (i32.const 0x12005600))
(assert_trap (invoke "and32i" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "poke" (i32.const 128) (i32.const 0x80)))
(assert_return (invoke "self32" (i32.const 128)))
(assert_return (invoke "peek" (i32.const 128)) (i32.const 0))
(assert_return (invoke "poke" (i32.const 136) (i32.const -1)))
(assert_return (invoke "poke" (i32.const 140) (i32.const 7)))
(assert_return (invoke "add64i" (i32.const 136)))
(assert_return (invoke "peek64" (i32.const 136)) (i64.const 0x900000000))
(assert_trap (invoke "add64i" (i32.const 65529)) "out of bounds memory access")
(assert_return (invoke "sub64" (i32.const 120) (i64.const 0x900000001)))
(assert_return (invoke "peek64" (i32.const 136)) (i64.const -1))
(assert_trap (invoke "sub64" (i32.const 65520) (i64.const 1)) "out of bounds memory access")
(assert_return (invoke "or64" (i32.const 136) (i64.const 5)))
(assert_return (invoke "peek64" (i32.const 136)) (i64.const -1))
(assert_return (invoke "poke" (i32.const 200) (i32.const 3)))
(assert_return (invoke "rsub32" (i32.const 200) (i32.const 10)))
(assert_return (invoke "peek" (i32.const 200)) (i32.const 7))
(assert_return (invoke "twice32" (i32.const 200)))
(assert_return (invoke "peek" (i32.const 200)) (i32.const 14))
(assert_return (invoke "poke" (i32.const 204) (i32.const 0)))
(assert_return (invoke "moved32" (i32.const 200) (i32.const 204)))
(assert_return (invoke "peek" (i32.const 200)) (i32.const 218))
(assert_return (invoke "peek" (i32.const 204)) (i32.const 0))
(assert_return (invoke "moved32b" (i32.const 200) (i32.const 204)))
(assert_return (invoke "peek" (i32.const 200)) (i32.const 1))
(assert_return (invoke "peek" (i32.const 204)) (i32.const 0))
(assert_return (invoke "offs32" (i32.const 200)))
(assert_return (invoke "peek" (i32.const 204)) (i32.const 2))
(assert_return (invoke "label32" (i32.const 200)))
(assert_return (invoke "peek" (i32.const 200)) (i32.const 2))
(assert_return (invoke "inc8" (i32.const 199)))
(assert_return (invoke "peek" (i32.const 200)) (i32.const 3))
(assert_return (invoke "poke" (i32.const 1024) (i32.const 0x7f01ff00)))
(assert_return (invoke "poke" (i32.const 1028) (i32.const 0x55)))
(assert_return (invoke "echo" (i32.const 4)))
(assert_return (invoke "peek" (i32.const 1024)) (i32.const 0x80020001))
(assert_return (invoke "peek" (i32.const 1028)) (i32.const 0x55))

;; A call whose last argument is an i32.add_imm: one call_addi cell.
(module
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.add (local.get $n) (i32.const -1)))
                     (call $fib (i32.add (local.get $n) (i32.const -2)))))))
  (func $two (param $a i32) (param $b i32) (result i32)
    (i32.sub (local.get $a) (local.get $b)))
  (func (export "last") (param $x i32) (result i32)
    (call $two (local.get $x) (i32.add (local.get $x) (i32.const 0x7fffffff))))
  ;; Must not fuse: the add is the first argument, not the last.
  (func (export "first") (param $x i32) (result i32)
    (call $two (i32.add (local.get $x) (i32.const 1)) (local.get $x)))
  (func $deep (export "deep") (param $n i32) (result i32)
    (call $deep (i32.add (local.get $n) (i32.const 1))))
  (func $id (param $v i32) (result i32) (local.get $v))
  (func (export "wrap") (param $x i32) (result i32)
    (call $id (i32.add (local.get $x) (i32.const 1))))
)

(assert_return (invoke "fib" (i32.const 0)) (i32.const 0))
(assert_return (invoke "fib" (i32.const 20)) (i32.const 6765))
(assert_return (invoke "last" (i32.const 2)) (i32.const 0x80000001))
(assert_return (invoke "first" (i32.const 5)) (i32.const 1))
(assert_return (invoke "wrap" (i32.const -1)) (i32.const 0))
(assert_return (invoke "wrap" (i32.const 0x7fffffff)) (i32.const 0x80000000))
(assert_exhaustion (invoke "deep" (i32.const 0)) "call stack exhausted")
