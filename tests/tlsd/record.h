/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * A TLS 1.3 record layer driven by a struct tls12_crypto_info_*, exactly
 * as kTLS would use it, so the tests check the agent's output the way the
 * kernel will consume it.
 */
#ifndef KWASM_TEST_TLSD_RECORD_H
#define KWASM_TEST_TLSD_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "../../tlsd/hs.h"

#define REC_MAX		(16384 + 256)

int rec_seal(const union tlsd_crypto *c, uint64_t seq, uint8_t type, const void *data,
	     size_t len, uint8_t *out, size_t *out_len);
int rec_open(const union tlsd_crypto *c, uint64_t seq, const uint8_t *rec, size_t rec_len,
	     uint8_t *type, uint8_t *out, size_t *out_len);
int rec_read(int fd, uint8_t *rec, size_t *len);

#endif /* KWASM_TEST_TLSD_RECORD_H */
