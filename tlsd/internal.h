/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm-tlsd: the pieces of the handshake core, shared by its files only.
 */
#ifndef KWASM_TLSD_INTERNAL_H
#define KWASM_TLSD_INTERNAL_H

#include <openssl/bio.h>
#include <openssl/x509.h>

#include "hs.h"

/* peer.c: the identity check, run on the verified leaf certificate. */
bool tlsd_peer_match(struct x509_st *cert, const char *const *peers, unsigned int npeers,
		     char *id, size_t idlen);
bool tlsd_peer_valid(const char *peer);

/* keys.c: a TLS 1.3 traffic secret to kTLS material. */
int tlsd_keys_fill(union tlsd_crypto *c, size_t *len, unsigned int suite,
		   const unsigned char *secret, size_t secret_len);

/* sockbio.c: a BIO over a socket that never blocks and never raises SIGPIPE. */
BIO *tlsd_sockbio_new(int fd);

#endif /* KWASM_TLSD_INTERNAL_H */
