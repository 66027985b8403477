/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm-tlsd: the TLS 1.3 handshake on a socket the kernel handed over.
 *
 * The handshake runs over the connection's own socket and stops exactly at
 * the end of the handshake: the records that follow (the peer's application
 * data, a server's NewSessionTickets) stay in the socket for kTLS.  The
 * result is the kTLS material for both directions, or the reason it failed.
 */
#ifndef KWASM_TLSD_HS_H
#define KWASM_TLSD_HS_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/tls.h>

#include "../include/uapi/linux/kwasm_tls.h"

/**
 * struct tlsd_hs_params - what one handshake needs
 * @side: KWASM_TLS_SERVER or KWASM_TLS_CLIENT
 * @action: KWASM_TLS_ACT_TLS (both present a certificate) or
 *	KWASM_TLS_ACT_SERVER_ONLY
 * @cert: PEM certificate chain to present, or NULL (server-only client)
 * @key: its PEM private key
 * @ca: PEM trust bundle for the peer, or NULL if the peer is not verified
 * @peers: allowed peer identities, "dns:NAME" or "uri:URI"; any verified
 *	peer is allowed when there are none
 * @npeers: how many
 * @sni: server name a client sends, or NULL
 * @timeout_ms: deadline of the whole handshake
 */
struct tlsd_hs_params {
	int side;
	int action;
	const char *cert;
	const char *key;
	const char *ca;
	const char *const *peers;
	unsigned int npeers;
	const char *sni;
	unsigned int timeout_ms;
};

/**
 * union tlsd_crypto - the struct tls12_crypto_info_* kTLS takes
 * @info: version and cipher, common to all
 * @gcm128: TLS_CIPHER_AES_GCM_128
 * @gcm256: TLS_CIPHER_AES_GCM_256
 * @chacha: TLS_CIPHER_CHACHA20_POLY1305
 */
union tlsd_crypto {
	struct tls_crypto_info info;
	struct tls12_crypto_info_aes_gcm_128 gcm128;
	struct tls12_crypto_info_aes_gcm_256 gcm256;
	struct tls12_crypto_info_chacha20_poly1305 chacha;
};

/**
 * struct tlsd_hs_result - the outcome of one handshake
 * @peer_id: the identity that matched (or the first SAN), on success
 * @reason: why it failed, for the log; "" on success
 * @tx: kTLS material for what this side sends
 * @rx: kTLS material for what it receives
 * @crypto_len: size of the struct in @tx and @rx
 * @suite: IANA name of the negotiated cipher suite
 */
struct tlsd_hs_result {
	char peer_id[KWASM_TLS_PEER_MAX];
	char reason[256];
	union tlsd_crypto tx;
	union tlsd_crypto rx;
	size_t crypto_len;
	char suite[32];
};

int tlsd_hs_init(void);
int tlsd_hs_run(int fd, const struct tlsd_hs_params *p, struct tlsd_hs_result *r);
void tlsd_hs_result_clear(struct tlsd_hs_result *r);

#endif /* KWASM_TLSD_HS_H */
