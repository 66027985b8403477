;; SPDX-License-Identifier: GPL-2.0 OR MIT
;;
;; Integer op chains (KW_INTCHAIN_OPS in engine/src/ops.h): an i32 op fused
;; with the cell that produced its operand.  Each function is shaped so
;; that one fusion applies, or must not.  Run by fusion_test.sh.

(module
  (memory 1)
  (data (i32.const 0) "\01\02\03\04\05\06\07\08\09\0a\0b\0c\fd\fe\ff\80")
  (data (i32.const 65528) "\a1\a2\a3\a4\a5\a6\a7\a8")

  ;; xor_rotl_imm, the rotate as the right operand, then as the left one.
  (func (export "xor_rotl") (param $x i32) (param $y i32) (result i32)
    local.get $x
    local.get $y
    i32.const 7
    i32.rotl
    i32.xor)
  (func (export "rotl_xor") (param $x i32) (param $y i32) (result i32)
    local.get $y
    i32.const 25
    i32.rotl
    local.get $x
    i32.xor)
  ;; Counts past 31 wrap: rotl 33 is rotl 1, shl 32 is shl 0, shr_u 35 is 3.
  (func (export "rotl33") (param $x i32) (param $y i32) (result i32)
    local.get $x
    local.get $y
    i32.const 33
    i32.rotl
    i32.xor)
  (func (export "rotl0") (param $x i32) (param $y i32) (result i32)
    local.get $x
    local.get $y
    i32.const 0
    i32.rotl
    i32.xor)
  (func (export "xor_shl") (param $x i32) (param $y i32) (result i32)
    local.get $x
    local.get $y
    i32.const 31
    i32.shl
    i32.xor)
  (func (export "shl32") (param $x i32) (param $y i32) (result i32)
    local.get $x
    local.get $y
    i32.const 32
    i32.shl
    i32.xor)
  (func (export "xor_shr_u") (param $x i32) (param $y i32) (result i32)
    local.get $y
    i32.const 35
    i32.shr_u
    local.get $x
    i32.xor)

  ;; dst is a source: x = x ^ rotl(x, 13), y = x ^ (y << 3).
  (func (export "alias_rotl") (param $x i32) (result i32)
    local.get $x
    local.get $x
    i32.const 13
    i32.rotl
    i32.xor
    local.set $x
    local.get $x)
  (func (export "alias_shl") (param $x i32) (param $y i32) (result i32)
    local.get $x
    local.get $y
    i32.const 3
    i32.shl
    i32.xor
    local.tee $y
    local.get $y
    i32.const 1
    i32.shr_u
    i32.xor)

  ;; SHA-256's Sigma0: a chain of fused cells, each reading the last.
  (func (export "sigma0") (param $a i32) (result i32)
    local.get $a
    i32.const 30
    i32.rotl
    local.get $a
    i32.const 19
    i32.rotl
    i32.xor
    local.get $a
    i32.const 10
    i32.rotl
    i32.xor)

  ;; xorshift32, n rounds, in a loop.
  (func (export "xorshift") (param $x i32) (param $n i32) (result i32)
    loop
      local.get $x
      i32.const 13
      i32.shl
      local.get $x
      i32.xor
      local.tee $x
      i32.const 17
      i32.shr_u
      local.get $x
      i32.xor
      local.tee $x
      i32.const 5
      i32.shl
      local.get $x
      i32.xor
      local.set $x
      local.get $n
      i32.const -1
      i32.add
      local.tee $n
      br_if 0
    end
    local.get $x)

  ;; add_load_ri: the sum wraps; the address sum wraps before the offset
  ;; is added, and the offset itself never wraps.
  (func (export "add_load") (param $x i32) (param $p i32) (result i32)
    local.get $x
    local.get $p
    i32.const 4
    i32.add
    i32.load
    i32.add)
  (func (export "add_load_off") (param $x i32) (param $p i32) (result i32)
    local.get $p
    i32.const 4
    i32.add
    i32.load offset=8
    local.get $x
    i32.add)
  ;; The load's base is the local the result goes to.
  (func (export "alias_load") (param $p i32) (result i32)
    local.get $p
    local.get $p
    i32.const 1
    i32.add
    i32.load
    i32.add
    local.set $p
    local.get $p)

  ;; xor_load8_u_ri: no sign extension; a crc32-like step with a temp.
  (func (export "xor_load8") (param $x i32) (param $p i32) (result i32)
    local.get $x
    local.get $p
    i32.const 1
    i32.add
    i32.load8_u
    i32.xor)
  (func (export "crc_step") (param $c i32) (param $p i32) (result i32)
    local.get $c
    i32.const 255
    i32.and
    local.get $p
    i32.const 2
    i32.add
    i32.load8_u
    i32.xor
    i32.const 2
    i32.shl
    local.get $c
    i32.const 8
    i32.shr_u
    i32.xor)
  ;; FNV-1a over bytes [p, p + n).
  (func (export "fnv") (param $p i32) (param $n i32) (result i32)
    (local $h i32)
    i32.const -2128831035
    local.set $h
    loop
      local.get $h
      local.get $p
      i32.const 0
      i32.add
      i32.load8_u
      i32.xor
      i32.const 16777619
      i32.mul
      local.set $h
      local.get $p
      i32.const 1
      i32.add
      local.set $p
      local.get $n
      i32.const -1
      i32.add
      local.tee $n
      br_if 0
    end
    local.get $h)


  ;; add_mul_imm (xxHash's lane: y * imm + x), wrapping.
  (func (export "add_mul") (param $x i32) (param $y i32) (result i32)
    local.get $y
    i32.const -2048144777
    i32.mul
    local.get $x
    i32.add)
  ;; SHA-256's Maj and Ch: and_xor, xor_and, add_and.
  (func (export "maj") (param $a i32) (param $b i32) (param $c i32) (result i32)
    local.get $a
    local.get $b
    local.get $c
    i32.xor
    i32.and
    local.get $b
    local.get $c
    i32.and
    i32.xor)
  (func (export "ch_sum") (param $e i32) (param $f i32) (param $g i32) (param $h i32)
    (result i32)
    local.get $h
    local.get $f
    local.get $e
    i32.and
    i32.add
    local.get $g
    local.get $e
    i32.const -1
    i32.xor
    i32.and
    i32.add)
  ;; xor_and with overlapping bits, the and as the left operand.
  (func (export "xor_and") (param $x i32) (param $y i32) (param $z i32) (result i32)
    local.get $y
    local.get $z
    i32.and
    local.get $x
    i32.xor)
  ;; dst is every source: a = a & (a ^ b), then a = (a & b) + a.
  (func (export "alias_bb") (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $a
    local.get $b
    i32.xor
    i32.and
    local.set $a
    local.get $a
    local.get $b
    i32.and
    local.get $a
    i32.add
    local.set $a
    local.get $a)
  ;; Must not fuse: the xor is also kept in a local.
  (func (export "no_bb_tee") (param $a i32) (param $b i32) (result i32)
    (local $t i32)
    local.get $a
    local.get $a
    local.get $b
    i32.xor
    local.tee $t
    i32.and
    local.get $t
    i32.add)

  ;; copy3: a rotation whose copies must run in order; then four and five
  ;; copies in a row.  Returns the locals packed in nibbles.
  (func (export "rotate") (param $a i32) (param $b i32) (param $c i32) (param $d i32)
    (param $n i32) (result i32)
    (local $t i32)
    loop
      local.get $a
      local.set $t
      local.get $b
      local.set $a
      local.get $c
      local.set $b
      local.get $d
      local.set $c
      local.get $t
      local.set $d
      local.get $n
      i32.const -1
      i32.add
      local.tee $n
      br_if 0
    end
    local.get $a
    i32.const 12
    i32.shl
    local.get $b
    i32.const 8
    i32.shl
    i32.or
    local.get $c
    i32.const 4
    i32.shl
    i32.or
    local.get $d
    i32.or)
  ;; Must not fuse: a branch lands between the copy2 and the third copy.
  (func (export "copy_target") (param $a i32) (param $b i32) (param $c i32) (param $k i32)
    (result i32)
    block
      local.get $k
      br_if 0
      local.get $b
      local.set $a
      local.get $c
      local.set $b
    end
    local.get $a
    local.set $c
    local.get $a
    i32.const 8
    i32.shl
    local.get $b
    i32.const 4
    i32.shl
    i32.or
    local.get $c
    i32.or)
  ;; load_shl_ri: a table indexed by y << 2 (wraps), at 4 + offset.
  (func (export "load_shl") (param $y i32) (result i32)
    local.get $y
    i32.const 2
    i32.shl
    i32.const 4
    i32.add
    i32.load)
  (func (export "load_shl_off") (param $y i32) (result i32)
    local.get $y
    i32.const 3
    i32.shl
    i32.const -8
    i32.add
    i32.load offset=4)
  ;; The result goes to the shifted local.
  (func (export "alias_shl_load") (param $y i32) (result i32)
    local.get $y
    i32.const 1
    i32.shl
    i32.const 1
    i32.add
    i32.load
    local.set $y
    local.get $y)
  ;; Must not fuse: the shift kept in a local; a branch target between
  ;; the shift and the add.
  (func (export "no_shl_tee") (param $y i32) (result i32)
    (local $t i32)
    local.get $y
    i32.const 2
    i32.shl
    local.tee $t
    i32.const 4
    i32.add
    i32.load
    local.get $t
    i32.add)
  (func (export "no_shl_target") (param $y i32) (param $c i32) (result i32)
    block (result i32)
      i32.const 8
      local.get $c
      br_if 0
      drop
      local.get $y
      i32.const 2
      i32.shl
    end
    i32.const 4
    i32.add
    i32.load)
  ;; Must not fuse into fnv_load8_u_ri: the xor kept by local.tee; the
  ;; multiplier a local, not a constant.
  (func (export "no_fnv_tee") (param $h i32) (param $p i32) (result i32)
    (local $t i32)
    local.get $h
    local.get $p
    i32.const 1
    i32.add
    i32.load8_u
    i32.xor
    local.tee $t
    i32.const 16777619
    i32.mul
    local.get $t
    i32.add)
  (func (export "no_fnv_local") (param $h i32) (param $p i32) (param $m i32) (result i32)
    local.get $h
    local.get $p
    i32.const 1
    i32.add
    i32.load8_u
    i32.xor
    local.get $m
    i32.mul)
  ;; Must not fuse: a branch target between the rotate and the xor, the
  ;; rotate also kept in a local, a constant operand, a load kept in a local.
  (func (export "no_target") (param $x i32) (param $y i32) (param $c i32) (result i32)
    local.get $y
    i32.const 7
    i32.rotl
    block
      local.get $c
      br_if 0
      local.get $x
      i32.const 1
      i32.add
      local.set $x
    end
    local.get $x
    i32.xor)
  (func (export "no_tee") (param $x i32) (param $y i32) (result i32)
    (local $t i32)
    local.get $x
    local.get $y
    i32.const 7
    i32.rotl
    local.tee $t
    i32.xor
    local.get $t
    i32.add)
  (func (export "no_const") (param $y i32) (result i32)
    local.get $y
    i32.const 7
    i32.rotl
    i32.const 0x55
    i32.xor)
  (func (export "no_load_set") (param $x i32) (param $p i32) (result i32)
    (local $t i32)
    local.get $x
    local.get $p
    i32.const 4
    i32.add
    i32.load
    local.tee $t
    i32.add
    local.get $t
    i32.xor)
)
(assert_return (invoke "xor_rotl" (i32.const 0) (i32.const 1)) (i32.const 128))
(assert_return (invoke "rotl_xor" (i32.const 0) (i32.const 1)) (i32.const 33554432))
(assert_return (invoke "rotl33" (i32.const 0) (i32.const 1)) (i32.const 2))
(assert_return (invoke "rotl0" (i32.const 0) (i32.const 1)) (i32.const 1))
(assert_return (invoke "xor_shl" (i32.const 0) (i32.const 1)) (i32.const -2147483648))
(assert_return (invoke "shl32" (i32.const 0) (i32.const 1)) (i32.const 1))
(assert_return (invoke "xor_shr_u" (i32.const 0) (i32.const 1)) (i32.const 0))
(assert_return (invoke "alias_shl" (i32.const 0) (i32.const 1)) (i32.const 12))
(assert_return (invoke "no_tee" (i32.const 0) (i32.const 1)) (i32.const 256))
(assert_return (invoke "no_target" (i32.const 0) (i32.const 1) (i32.const 0)) (i32.const 129))
(assert_return (invoke "no_target" (i32.const 0) (i32.const 1) (i32.const 1)) (i32.const 128))
(assert_return (invoke "xor_rotl" (i32.const 305419896) (i32.const -2147483647)) (i32.const 305419960))
(assert_return (invoke "rotl_xor" (i32.const 305419896) (i32.const -2147483647)) (i32.const 288642680))
(assert_return (invoke "rotl33" (i32.const 305419896) (i32.const -2147483647)) (i32.const 305419899))
(assert_return (invoke "rotl0" (i32.const 305419896) (i32.const -2147483647)) (i32.const -1842063751))
(assert_return (invoke "xor_shl" (i32.const 305419896) (i32.const -2147483647)) (i32.const -1842063752))
(assert_return (invoke "shl32" (i32.const 305419896) (i32.const -2147483647)) (i32.const -1842063751))
(assert_return (invoke "xor_shr_u" (i32.const 305419896) (i32.const -2147483647)) (i32.const 36984440))
(assert_return (invoke "alias_shl" (i32.const 305419896) (i32.const -2147483647)) (i32.const 456031560))
(assert_return (invoke "no_tee" (i32.const 305419896) (i32.const -2147483647)) (i32.const 305420152))
(assert_return (invoke "no_target" (i32.const 305419896) (i32.const -2147483647) (i32.const 0)) (i32.const 305419961))
(assert_return (invoke "no_target" (i32.const 305419896) (i32.const -2147483647) (i32.const 1)) (i32.const 305419960))
(assert_return (invoke "xor_rotl" (i32.const -1) (i32.const -559038737)) (i32.const -1457485808))
(assert_return (invoke "rotl_xor" (i32.const -1) (i32.const -559038737)) (i32.const 541238402))
(assert_return (invoke "rotl33" (i32.const -1) (i32.const -559038737)) (i32.const 1118077472))
(assert_return (invoke "rotl0" (i32.const -1) (i32.const -559038737)) (i32.const 559038736))
(assert_return (invoke "xor_shl" (i32.const -1) (i32.const -559038737)) (i32.const 2147483647))
(assert_return (invoke "shl32" (i32.const -1) (i32.const -559038737)) (i32.const 559038736))
(assert_return (invoke "xor_shr_u" (i32.const -1) (i32.const -559038737)) (i32.const -466991070))
(assert_return (invoke "alias_shl" (i32.const -1) (i32.const -559038737)) (i32.const 266013892))
(assert_return (invoke "no_tee" (i32.const -1) (i32.const -559038737)) (i32.const -1))
(assert_return (invoke "no_target" (i32.const -1) (i32.const -559038737) (i32.const 0)) (i32.const 1457485807))
(assert_return (invoke "no_target" (i32.const -1) (i32.const -559038737) (i32.const 1)) (i32.const -1457485808))
(assert_return (invoke "alias_rotl" (i32.const 1)) (i32.const 8193))
(assert_return (invoke "sigma0" (i32.const 1)) (i32.const 1074267136))
(assert_return (invoke "no_const" (i32.const 1)) (i32.const 213))
(assert_return (invoke "alias_rotl" (i32.const 1779033703)) (i32.const 1455754022))
(assert_return (invoke "sigma0" (i32.const 1779033703)) (i32.const -836717442))
(assert_return (invoke "no_const" (i32.const 1779033703)) (i32.const 83047392))
(assert_return (invoke "alias_rotl" (i32.const -2147483648)) (i32.const -2147479552))
(assert_return (invoke "sigma0" (i32.const -2147483648)) (i32.const 537133568))
(assert_return (invoke "no_const" (i32.const -2147483648)) (i32.const 21))
(assert_return (invoke "alias_rotl" (i32.const -1)) (i32.const 0))
(assert_return (invoke "sigma0" (i32.const -1)) (i32.const -1))
(assert_return (invoke "no_const" (i32.const -1)) (i32.const -86))
(assert_return (invoke "xorshift" (i32.const -1831433054) (i32.const 1)) (i32.const 723471715))
(assert_return (invoke "xorshift" (i32.const -1831433054) (i32.const 1000)) (i32.const -995970708))
(assert_return (invoke "add_load" (i32.const 1) (i32.const 0)) (i32.const 134678022))
(assert_return (invoke "add_load" (i32.const -1) (i32.const 0)) (i32.const 134678020))
(assert_return (invoke "add_load" (i32.const -2147483648) (i32.const 8)) (i32.const 16776957))
(assert_return (invoke "add_load" (i32.const 5) (i32.const -4)) (i32.const 67305990))
(assert_return (invoke "add_load" (i32.const 7) (i32.const 65528)) (i32.const -1465407828))
(assert_trap (invoke "add_load" (i32.const 0) (i32.const 65529)) "out of bounds memory access")
(assert_trap (invoke "add_load" (i32.const 0) (i32.const -5)) "out of bounds memory access")
(assert_return (invoke "add_load_off" (i32.const -1) (i32.const 0)) (i32.const -2130706692))
(assert_return (invoke "add_load_off" (i32.const 3) (i32.const 65516)) (i32.const -1532779868))
(assert_trap (invoke "add_load_off" (i32.const 0) (i32.const -12)) "out of bounds memory access")
(assert_trap (invoke "add_load_off" (i32.const 0) (i32.const 65521)) "out of bounds memory access")
(assert_return (invoke "alias_load" (i32.const 0)) (i32.const 84148994))
(assert_return (invoke "alias_load" (i32.const 65527)) (i32.const -1532714344))
(assert_return (invoke "no_load_set" (i32.const -1) (i32.const 0)) (i32.const 1))
(assert_return (invoke "xor_load8" (i32.const 0) (i32.const 0)) (i32.const 2))
(assert_return (invoke "xor_load8" (i32.const -256) (i32.const 65534)) (i32.const -88))
(assert_return (invoke "xor_load8" (i32.const 90) (i32.const 13)) (i32.const 165))
(assert_return (invoke "xor_load8" (i32.const -1) (i32.const 11)) (i32.const -254))
(assert_trap (invoke "xor_load8" (i32.const 0) (i32.const 65535)) "out of bounds memory access")
(assert_trap (invoke "xor_load8" (i32.const 0) (i32.const -2)) "out of bounds memory access")
(assert_return (invoke "xor_load8" (i32.const 9) (i32.const -1)) (i32.const 8))
(assert_return (invoke "crc_step" (i32.const -1) (i32.const 0)) (i32.const 16776207))
(assert_return (invoke "crc_step" (i32.const 305419896) (i32.const 12)) (i32.const 1193546))
(assert_return (invoke "crc_step" (i32.const 0) (i32.const 65533)) (i32.const 672))
(assert_trap (invoke "crc_step" (i32.const 0) (i32.const 65534)) "out of bounds memory access")
(assert_return (invoke "fnv" (i32.const 0) (i32.const 16)) (i32.const -222808683))
(assert_return (invoke "fnv" (i32.const 65528) (i32.const 8)) (i32.const -381292403))
(assert_trap (invoke "fnv" (i32.const 65530) (i32.const 8)) "out of bounds memory access")
(assert_return (invoke "add_mul" (i32.const 0) (i32.const 1)) (i32.const -2048144777))
(assert_return (invoke "add_mul" (i32.const 1) (i32.const 305419896)) (i32.const 2058805705))
(assert_return (invoke "add_mul" (i32.const -1) (i32.const -1)) (i32.const 2048144776))
(assert_return (invoke "add_mul" (i32.const -2147483648) (i32.const 2147483647)) (i32.const 2048144777))
(assert_return (invoke "maj" (i32.const 0) (i32.const 0) (i32.const 0)) (i32.const 0))
(assert_return (invoke "maj" (i32.const 1779033703) (i32.const -1150833019) (i32.const 1013904242)) (i32.const 980412007))
(assert_return (invoke "maj" (i32.const -1) (i32.const 252645135) (i32.const -252645136)) (i32.const -1))
(assert_return (invoke "ch_sum" (i32.const 1359893119) (i32.const -1694144372) (i32.const 528734635) (i32.const 1541459225)) (i32.const 2070320805))
(assert_return (invoke "ch_sum" (i32.const -1) (i32.const -1) (i32.const -1) (i32.const -1)) (i32.const -2))
(assert_return (invoke "ch_sum" (i32.const 0) (i32.const -1) (i32.const -1) (i32.const 1)) (i32.const 0))
(assert_return (invoke "alias_bb" (i32.const 305419896) (i32.const 267390960)) (i32.const 268718088))
(assert_return (invoke "no_bb_tee" (i32.const 305419896) (i32.const 267390960)) (i32.const 768125328))
(assert_return (invoke "alias_bb" (i32.const -1) (i32.const 1)) (i32.const -2))
(assert_return (invoke "no_bb_tee" (i32.const -1) (i32.const 1)) (i32.const -4))
(assert_return (invoke "alias_bb" (i32.const -2147483648) (i32.const -2147483648)) (i32.const 0))
(assert_return (invoke "no_bb_tee" (i32.const -2147483648) (i32.const -2147483648)) (i32.const 0))
(assert_return (invoke "rotate" (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 1)) (i32.const 9025))
(assert_return (invoke "rotate" (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 2)) (i32.const 13330))
(assert_return (invoke "rotate" (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 3)) (i32.const 16675))
(assert_return (invoke "rotate" (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5)) (i32.const 9025))
(assert_return (invoke "copy_target" (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 0)) (i32.const 562))
(assert_return (invoke "copy_target" (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 1)) (i32.const 289))
(assert_return (invoke "xor_and" (i32.const -1) (i32.const 0x0ff00ff0) (i32.const 0x00ffff00)) (i32.const -15732481))
(assert_return (invoke "xor_and" (i32.const 0x1234) (i32.const 0x1234) (i32.const -1)) (i32.const 0))
(assert_return (invoke "load_shl" (i32.const 0)) (i32.const 134678021))
(assert_return (invoke "load_shl" (i32.const 1)) (i32.const 202050057))
(assert_return (invoke "load_shl" (i32.const 2)) (i32.const -2130706691))
(assert_return (invoke "load_shl" (i32.const 1073741825)) (i32.const 202050057))
(assert_return (invoke "load_shl" (i32.const -2147483646)) (i32.const -2130706691))
(assert_return (invoke "load_shl" (i32.const 16381)) (i32.const -1532779871))
(assert_trap (invoke "load_shl" (i32.const 16383)) "out of bounds memory access")
(assert_return (invoke "load_shl" (i32.const 1073741823)) (i32.const 67305985))
(assert_return (invoke "load_shl_off" (i32.const 1)) (i32.const 134678021))
(assert_return (invoke "load_shl_off" (i32.const 2)) (i32.const -2130706691))
(assert_return (invoke "load_shl_off" (i32.const 536870913)) (i32.const 134678021))
(assert_return (invoke "load_shl_off" (i32.const 8192)) (i32.const -1465407835))
(assert_trap (invoke "load_shl_off" (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "load_shl_off" (i32.const 8193)) "out of bounds memory access")
(assert_return (invoke "alias_shl_load" (i32.const 0)) (i32.const 84148994))
(assert_return (invoke "alias_shl_load" (i32.const 32763)) (i32.const -1549623040))
(assert_return (invoke "no_shl_tee" (i32.const 0)) (i32.const 134678021))
(assert_return (invoke "no_shl_tee" (i32.const 3)) (i32.const 12))
(assert_return (invoke "no_shl_tee" (i32.const 1073741824)) (i32.const 134678021))
(assert_return (invoke "no_shl_target" (i32.const 1) (i32.const 0)) (i32.const 202050057))
(assert_return (invoke "no_shl_target" (i32.const 1) (i32.const 1)) (i32.const -2130706691))
(assert_return (invoke "no_shl_target" (i32.const 2) (i32.const 0)) (i32.const -2130706691))
(assert_return (invoke "no_fnv_tee" (i32.const -2128831035) (i32.const 0)) (i32.const -2010579444))
(assert_return (invoke "no_fnv_local" (i32.const -2128831035) (i32.const 0) (i32.const -3)) (i32.const 2091525803))
(assert_return (invoke "no_fnv_tee" (i32.const -1) (i32.const 65534)) (i32.const 1459549516))
(assert_return (invoke "no_fnv_local" (i32.const -1) (i32.const 65534) (i32.const -3)) (i32.const 507))
(assert_return (invoke "no_fnv_tee" (i32.const 0) (i32.const 13)) (i32.const -16674196))
(assert_return (invoke "no_fnv_local" (i32.const 0) (i32.const 13) (i32.const -3)) (i32.const -765))
(assert_trap (invoke "no_fnv_local" (i32.const 1) (i32.const 65535) (i32.const 3)) "out of bounds memory access")
