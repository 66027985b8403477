;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; Hand-written WAT guest for kwasm: i64 loops, multi-value results,
;; saturating conversions and f32/f64 math.  No imports.
(module
  (memory (export "memory") 1)
  ;; Eight little-endian u16 weights for weighted_sum.
  (data (i32.const 16) "\01\00\02\00\03\00\05\00\08\00\0d\00\15\00\22\00")

  ;; n! with wrapping i64 multiplication (exact up to 20!).
  (func (export "factorial") (param $n i64) (result i64)
    (local $acc i64)
    (local.set $acc (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i64.le_s (local.get $n) (i64.const 1)))
        (local.set $acc (i64.mul (local.get $acc) (local.get $n)))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $next)))
    (local.get $acc))

  ;; Truncating signed quotient and remainder as two results.
  (func (export "divmod") (param $a i32) (param $b i32) (result i32 i32)
    (i32.div_s (local.get $a) (local.get $b))
    (i32.rem_s (local.get $a) (local.get $b)))

  ;; Population count, leading zeros, trailing zeros of a 64-bit word.
  (func (export "bits") (param $x i64) (result i32 i32 i32)
    (i32.wrap_i64 (i64.popcnt (local.get $x)))
    (i32.wrap_i64 (i64.clz (local.get $x)))
    (i32.wrap_i64 (i64.ctz (local.get $x))))

  ;; Sum of the first $n (clamped to 8) u16 weights times 1..n.
  (func (export "weighted_sum") (param $n i32) (result i32)
    (local $i i32) (local $sum i32)
    (if (i32.gt_u (local.get $n) (i32.const 8))
      (then (local.set $n (i32.const 8))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $sum
          (i32.add (local.get $sum)
            (i32.mul
              (i32.load16_u offset=16 (i32.shl (local.get $i) (i32.const 1)))
              (i32.add (local.get $i) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $sum))

  (func (export "hypot32") (param $x f32) (param $y f32) (result f32)
    (f32.sqrt
      (f32.add (f32.mul (local.get $x) (local.get $x))
               (f32.mul (local.get $y) (local.get $y)))))

  ;; 2x^3 - 3x^2 + 0.5x - 7 by Horner's rule.
  (func (export "poly") (param $x f64) (result f64)
    (f64.sub
      (f64.mul
        (f64.add
          (f64.mul
            (f64.sub (f64.mul (f64.const 2) (local.get $x)) (f64.const 3))
            (local.get $x))
          (f64.const 0.5))
        (local.get $x))
      (f64.const 7)))

  ;; Round half to even, then convert without trapping (NaN -> 0, clamps).
  (func (export "round_sat") (param $x f64) (result i64)
    (i64.trunc_sat_f64_s (f64.nearest (local.get $x))))
)
