#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The demo, as far as the project goes today: the engine runs a guest in
# userspace.  Booting Debian's kernel in QEMU with kwasm.ko is not built yet.
set -eu
build=${1:-build}
k=$build/hw/kwasm
mkdir -p "$build/demo"
cat >"$build/demo/demo.wat" <<'WAT'
(module
  (func $fib (export "fib") (param i64) (result i64)
    local.get 0 i64.const 2 i64.lt_u
    if (result i64) local.get 0
    else local.get 0 i64.const 1 i64.sub call $fib
         local.get 0 i64.const 2 i64.sub call $fib i64.add end)
  (func (export "hypot") (param f64 f64) (result f64)
    local.get 0 local.get 0 f64.mul local.get 1 local.get 1 f64.mul f64.add f64.sqrt)
  (func (export "spin") (loop br 0)))
WAT
wat2wasm "$build/demo/demo.wat" -o "$build/demo/demo.wasm"
echo "kwasm demo (userspace engine; the kernel module is not built yet)"
echo "  fib(30)        = $($k run "$build/demo/demo.wasm" --invoke fib 30)"
echo "  hypot(3, 4)    = $($k run "$build/demo/demo.wasm" --invoke hypot 3 4)"
printf '  spin, 1M fuel  = '
$k run "$build/demo/demo.wasm" --invoke spin --fuel 1000000 2>&1 || true
