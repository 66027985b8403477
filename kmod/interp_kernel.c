// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: the engine's interpreter, plus what objtool needs to know.
 *
 * run() dispatches through computed gotos, which objtool cannot follow
 * (the kernel's BPF interpreter is annotated the same way).  Per-file
 * OBJECT_FILES_NON_STANDARD is not enough: with IBT (6.12) objtool checks
 * the linked module instead.  The annotation lives here so the engine
 * stays free of kernel headers.
 */
#include <linux/objtool.h>

#include "interp.c"

STACK_FRAME_NON_STANDARD(run);
