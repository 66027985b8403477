/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The "spectest" host module that the official test suite imports from.
 */
#ifndef KWASM_CLI_SPECTEST_H
#define KWASM_CLI_SPECTEST_H

#include "kwasm/engine.h"

struct spectest;

int spectest_new(bool verbose, struct spectest **out);
void spectest_free(struct spectest *st);
int spectest_lookup(struct spectest *st, const struct kw_import_desc *imp,
		    struct kw_extern *out);
bool spectest_is_module(const struct kw_import_desc *imp);

#endif /* KWASM_CLI_SPECTEST_H */
