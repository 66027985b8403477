;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; 35-hardening.sh, a data-path module whose only filter is exported as
;; "a\0x" next to a global exported as "a": names are counted bytes, and
;; the data path must call the function, never the global.
(module
  (func $f (param i32) (result i32) (i32.const 77))
  (global $g i32 (i32.const 5))
  (export "a\00x" (func $f))
  (export "a" (global $g)))
