/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm.ko: the generic netlink family (genl.c) and its LIST replies
 * (genl_list.c).
 */
#ifndef KW_GENL_H
#define KW_GENL_H

#include <net/genetlink.h>

int kw_genl_init(void);
void kw_genl_uninit(void);

int kw_genl_list_one(const char *name, struct genl_info *info, struct genl_family *family);
int kw_genl_list_dump_all(struct sk_buff *skb, struct netlink_callback *cb,
			  struct genl_family *family);

#endif /* KW_GENL_H */
