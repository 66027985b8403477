/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Text <-> struct kw_value: command-line arguments, printed results and the
 * bit-pattern strings of wast2json output.
 */
#ifndef KWASM_CLI_VALUES_H
#define KWASM_CLI_VALUES_H

#include "kwasm/engine.h"

/* Enough for any formatted value, including "-nan:0x" + 13 hex digits. */
#define VAL_BUF_LEN	48

const char *val_type_name(u32 type);
int val_type_parse(const char *name, u32 *type);
int val_parse_int(const char *s, unsigned int bits, u64 *out);
int val_parse_f32(const char *s, u32 *bits);
int val_parse_f64(const char *s, u64 *bits);
int val_parse_u64(const char *s, u64 *out);
int val_parse_arg(const char *s, u32 type, struct kw_value *out);
void val_format_f32(u32 bits, char *buf, size_t len);
void val_format_f64(u64 bits, char *buf, size_t len);
void val_format(const struct kw_value *v, char *buf, size_t len);

/* Host pointer standing for `ref.extern N`; offset by one so null stays distinct. */
static inline void *val_extern_ref(u64 n)
{
	return (void *)(kw_uptr)(n + 1);
}

#endif /* KWASM_CLI_VALUES_H */
