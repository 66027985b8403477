;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; 35-hardening.sh: `spin` never returns, `f` is an import target.
(module
  (func (export "spin") (result i32) (loop $l (br $l)) (i32.const 0))
  (func (export "f")))
