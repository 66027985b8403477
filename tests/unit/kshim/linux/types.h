/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* kmod/map.c in userspace: the uapi types first, then ../kshim.h. */
#include_next <linux/types.h>
#include "../kshim.h"
