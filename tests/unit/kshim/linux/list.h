/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* kmod/map.c in userspace: see ../kshim.h. */
#include "../kshim.h"
