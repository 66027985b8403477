/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm.ko: the generic netlink family (genl.c), its LIST replies
 * (genl_list.c), the ATTACH and DETACH commands (genl_nf.c) and the
 * MAP_* commands (genl_map.c).
 */
#ifndef KW_GENL_H
#define KW_GENL_H

#include <net/genetlink.h>

int kw_genl_init(void);
void kw_genl_uninit(void);

int kw_genl_get_name(struct genl_info *info, char *name);
int kw_genl_get_export(struct genl_info *info, const char **export, u32 *elen);
int kw_genl_need_admin(struct sk_buff *skb, struct genl_info *info);

extern struct genl_family kw_genl_family;

int kw_genl_attach(struct sk_buff *skb, struct genl_info *info);
int kw_genl_detach(struct sk_buff *skb, struct genl_info *info);

int kw_genl_map_get(struct sk_buff *skb, struct genl_info *info);
int kw_genl_map_set(struct sk_buff *skb, struct genl_info *info);
int kw_genl_map_del(struct sk_buff *skb, struct genl_info *info);
int kw_genl_map_dump_start(struct netlink_callback *cb);
int kw_genl_map_dump(struct sk_buff *skb, struct netlink_callback *cb);
int kw_genl_map_dump_done(struct netlink_callback *cb);

int kw_genl_list_dump_start(struct netlink_callback *cb);
int kw_genl_list_one(const char *name, struct sk_buff *skb, struct genl_info *info,
		     struct genl_family *family);
int kw_genl_list_dump_all(struct sk_buff *skb, struct netlink_callback *cb,
			  struct genl_family *family);

#endif /* KW_GENL_H */
