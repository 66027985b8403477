/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm.ko: linking registry entries (link.c), for registry.c, inst.c and
 * call.c only.  registry.h describes linking and the graveyard.
 */
#ifndef KW_LINK_H
#define KW_LINK_H

#include <linux/types.h>

struct kw_entry;
struct kw_extern;
struct kw_import_map;
struct kw_status;

int kw_link_resolve(struct kw_entry *m, const struct kw_import_map *maps, u32 nmaps,
		    struct kw_extern *ext, struct kw_status *st);
void kw_link_drop_targets(struct kw_entry *m);
u32 kw_link_grave_count(void);
void kw_link_inst_begin(struct kw_entry *m);
void kw_link_inst_end(struct kw_entry *m, int ret);
int kw_link_call_begin(void);
void kw_link_call_end(void);
void kw_link_retire(struct kw_entry *m);
void kw_link_uninit(void);

#endif /* KW_LINK_H */
