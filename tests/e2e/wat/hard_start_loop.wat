;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; 35-hardening.sh: a start function that never ends; with unlimited fuel
;; only the call_ms deadline stops it.
(module
  (func $spin (loop $l (br $l)))
  (start $spin))
