/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Decoder state shared by decode.c (module structure) and decode_seg.c
 * (constant expressions, element and data segments).
 */
#ifndef KW_DECODE_H
#define KW_DECODE_H

#include "internal.h"
#include "leb128.h"

/*
 * @r reads the whole binary: like the reference interpreter, section
 * contents are read against the end of the file and the section size is
 * checked afterwards ("section size mismatch").
 *
 * Validation errors (-KW_EINVALID) do not stop decoding: the first one is
 * kept in @inv_msg/@inv_off and reported only if the binary turns out to be
 * well formed, since malformed binaries are reported as such first.
 */
struct kw_dec {
	struct kw_module *m;
	struct kw_reader r;
	struct kw_error *err;
	const char *inv_msg;
	u32 inv_off;
	bool in_section;
	u32 datacount;
};

/* Compare a reader message with a literal (string literals may not be merged across files). */
static inline bool kw_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

int kw_dec_fail(struct kw_dec *d, int ret, const char *msg);
int kw_dec_rerr(struct kw_dec *d);
void kw_dec_invalid(struct kw_dec *d, const char *msg);
void *kw_dec_alloc(size_t n, size_t size);
int kw_dec_count(struct kw_dec *d, u32 *out);
int kw_dec_u32(struct kw_dec *d, u32 *out);
int kw_dec_u8(struct kw_dec *d, u8 *out);
int kw_dec_valtype(struct kw_dec *d, u8 *out);
int kw_dec_reftype(struct kw_dec *d, u8 *out);
void kw_dec_mark_ref(struct kw_module *m, u32 func_idx);

int kw_dec_constexpr(struct kw_dec *d, u8 type, struct kw_constexpr *ce);
int kw_dec_elem_section(struct kw_dec *d);
int kw_dec_data_section(struct kw_dec *d);

#endif /* KW_DECODE_H */
