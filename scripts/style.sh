#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Linux coding style: run the kernel's checkpatch.pl over every C file.
# checkpatch comes from Debian's linux-source package (extracted once into
# build/tools); options live in .checkpatch.conf, which checkpatch reads.
# That file cannot hold comments, so the reasons for its --ignore lines are
# here:
#   FILE_PATH_CHANGES, SPDX_LICENSE_TAG  we check files, not patches; the
#       dual "GPL-2.0 OR MIT" tag is deliberate (the engine is shared)
#   NEW_TYPEDEFS, PREFER_KERNEL_TYPES  the port headers define u8..u64 for
#       code that sees no kernel headers; userspace code uses <stdint.h>
#   COMPLEX_MACRO, MULTISTATEMENT_MACRO_USE_DO_WHILE, MACRO_WITH_FLOW_CONTROL,
#   MACRO_ARG_REUSE, MACRO_ARG_PRECEDENCE, TRAILING_SEMICOLON  the X-macro
#       op lists and the interpreter's handler macros expand to labels and
#       jumps, not expressions
#   PREFER_DEFINED_ATTRIBUTE_MACRO  the freestanding engine cannot include
#       the kernel's compiler_attributes.h
#   BIT_MACRO  BIT() is the kernel's; kwasm_guest.h and the benchmarks build in
#       userspace and to wasm32 too
#   CAMELCASE  its only hit is C's own _Bool keyword in the null port, which
#       cannot include <stdbool.h>
set -eu
tools=${BUILD:-build}/tools/checkpatch
# checkpatch comes with the linux-source download that builds resolve_btfids.
[ -x "$tools/checkpatch.pl" ] || "$(dirname "$0")"/btf-tools.sh "${BUILD:-build}" >/dev/null
. "$(dirname "$0")"/lib_check.sh
for f in $(git ls-files '*.c' '*.h'); do
	# A link is checked as the file it points to.
	[ -L "$f" ] && continue
	t_check "$f" "$tools"/checkpatch.pl --no-tree -f -q "$f"
done
t_done style
