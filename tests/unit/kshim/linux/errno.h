/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* kmod/map.c in userspace: the uapi error numbers, then ../kshim.h. */
#include_next <linux/errno.h>
#include "../kshim.h"
