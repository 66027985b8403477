// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Must-fail canary for the QEMU harness: loading this module breaks the
 * kernel on purpose, so a harness that still reports success is broken.
 *
 *   mode=warn    WARN() (a panic under panic_on_warn=1)
 *   mode=oops    NULL pointer dereference (a panic under oops=panic)
 *   mode=lockup  spin with preemption off until softlockup_panic fires
 *   mode=none    load cleanly (checks the harness itself passes)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bug.h>
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/string.h>

static char *mode = "warn";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "how to break the kernel: warn, oops, lockup, none");

/* Never set: the kernel builds with -fno-delete-null-pointer-checks. */
static int *null_ptr;

static int __init kw_canary_init(void)
{
	pr_warn("triggering %s\n", mode);
	if (!strcmp(mode, "warn")) {
		WARN(1, "kwasm_canary: deliberate warning\n");
	} else if (!strcmp(mode, "oops")) {
		WRITE_ONCE(*READ_ONCE(null_ptr), 1);
	} else if (!strcmp(mode, "lockup")) {
		preempt_disable();
		for (;;)
			mdelay(1);
	} else if (strcmp(mode, "none")) {
		pr_err("unknown mode %s\n", mode);
		return -EINVAL;
	}
	pr_warn("survived %s\n", mode);
	return 0;
}

static void __exit kw_canary_exit(void)
{
}

module_init(kw_canary_init);
module_exit(kw_canary_exit);
MODULE_DESCRIPTION("kwasm QEMU harness must-fail canary");
MODULE_LICENSE("Dual MIT/GPL");
