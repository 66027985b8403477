;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; Guest for tests/unit/test_exec.c: runaway code, traps, host calls, memory.
(module
  (import "env" "peek" (func $peek (param i32) (result i32)))
  (import "env" "reenter" (func $reenter (result i32)))
  (memory (export "mem") 1 100)
  (data (i32.const 16) "kwasm")
  (func (export "spin") (loop br 0))
  (func $rec (export "recurse") (param i32) (result i32)
    local.get 0 i32.const 1 i32.add call $rec)
  (func (export "sum") (param i32) (result i32) (local i32)
    block
      loop
        local.get 0 i32.eqz br_if 1
        local.get 1 local.get 0 i32.add local.set 1
        local.get 0 i32.const 1 i32.sub local.set 0
        br 0
      end
    end
    local.get 1)
  (func (export "boom") (param i32) (result i32)
    local.get 0 if unreachable end local.get 0)
  (func (export "peek") (param i32) (result i32) local.get 0 call $peek)
  (func (export "reenter") (result i32) call $reenter)
  (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
  (func (export "load") (param i32) (result i32) local.get 0 i32.load8_u)
  ;; A trap in a callee, and one in a caller after a call returned: the
  ;; report names the function that trapped (10 and 11 here).
  (func (export "callboom") (param i32) (result i32)
    i32.const 7 local.get 0 call 5 i32.add)
  (func (export "after") (param i32) (result i32)
    i32.const 0 call 5 drop local.get 0 if unreachable end i32.const 1)
  ;; Two parameters: more than a one-slot stack holds.
  (func (export "add2") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.add)
)
