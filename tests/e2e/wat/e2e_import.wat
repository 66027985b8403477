;; SPDX-License-Identifier: GPL-2.0 OR MIT
;;
;; An importer for the linking checks of 40-spec.sh: loaded with
;; `--import spectest=NAME` it reads NAME's global and writes NAME's memory.
(module
  (import "spectest" "global_i32" (global $g i32))
  (import "spectest" "memory" (memory 1))
  (func (export "get") (result i32) (global.get $g))
  (func (export "poke") (param i32) (i32.store (i32.const 0) (local.get 0)))
  (func (export "peek") (result i32) (i32.load (i32.const 0))))
