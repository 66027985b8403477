;; SPDX-License-Identifier: GPL-2.0 OR MIT
;;
;; Imports spectest's i32 global as an i64: linking must refuse it.
(module
  (import "spectest" "global_i32" (global i64)))
