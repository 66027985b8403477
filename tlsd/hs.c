// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-tlsd: one TLS 1.3 handshake with OpenSSL, ending in kTLS material.
 *
 * Only TLS 1.3, its three suites and the groups X25519, P-256 and P-384
 * (OpenSSL clients send an X25519 share only; the others go through
 * HelloRetryRequest).  read_ahead stays off so OpenSSL reads exactly the
 * records of the handshake; a server sends no session tickets (the agent
 * never resumes, and kTLS then starts both directions at sequence 0); a
 * client returns as soon as its Finished is written, before the server's
 * tickets arrive, which stay queued for the kernel.  The application
 * traffic secrets come from the keylog callback, the only place OpenSSL 3.0
 * hands them out when it is not built with kTLS.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "hex.h"
#include "internal.h"

#define SUITES	"TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256"
#define GROUPS	"X25519:P-256:P-384"
#define SECRET_MAX	EVP_MAX_MD_SIZE

/**
 * struct hs - one handshake in progress, reachable from its SSL
 * @p: the parameters
 * @r: the result being filled
 * @peers: @p's identities, or the SNI a client checks when it has none
 * @npeers: how many
 * @sni_peer: storage for "dns:" + SNI
 * @secret: the client's (0) and the server's (1) application traffic secret
 * @secret_len: their lengths, 0 until the keylog callback saw them
 * @verify_failed: the peer's certificate or identity was refused
 */
struct hs {
	const struct tlsd_hs_params *p;
	struct tlsd_hs_result *r;
	const char *const *peers;
	unsigned int npeers;
	char sni_peer[KWASM_TLS_PEER_MAX];
	const char *sni_list[1];
	unsigned char secret[2][SECRET_MAX];
	size_t secret_len[2];
	bool verify_failed;
};

static int hs_index = -1;

/**
 * tlsd_hs_init() - set up OpenSSL once per process
 *
 * The system's openssl.cnf is not read: the agent's behaviour must not
 * depend on the machine's OpenSSL policy, and the test VM has none.
 *
 * Return: 0 or -ENOMEM.
 */
int tlsd_hs_init(void)
{
	if (hs_index >= 0)
		return 0;
	if (!OPENSSL_init_ssl(OPENSSL_INIT_NO_LOAD_CONFIG, NULL))
		return -ENOMEM;
	hs_index = SSL_get_ex_new_index(0, NULL, NULL, NULL, NULL);
	return hs_index < 0 ? -ENOMEM : 0;
}

/* "LABEL <client random hex> <secret hex>"; keep the two we need. */
static void keylog(const SSL *ssl, const char *line)
{
	static const char *const labels[2] = {
		"CLIENT_TRAFFIC_SECRET_0 ", "SERVER_TRAFFIC_SECRET_0 ",
	};
	struct hs *hs = SSL_get_ex_data(ssl, hs_index);
	const char *hex;
	size_t n;
	int d;

	for (d = 0; d < 2; d++)
		if (!strncmp(line, labels[d], strlen(labels[d])))
			break;
	if (!hs || d == 2)
		return;
	hex = strchr(line + strlen(labels[d]), ' ');
	if (!hex)
		return;
	if (hex_parse(hex + 1, hs->secret[d], SECRET_MAX, &n))
		return;
	hs->secret_len[d] = n;
}

/* Chain and validity by OpenSSL; then, on the leaf, the identity. */
static int verify(int ok, X509_STORE_CTX *xs)
{
	SSL *ssl = X509_STORE_CTX_get_ex_data(xs, SSL_get_ex_data_X509_STORE_CTX_idx());
	struct hs *hs = SSL_get_ex_data(ssl, hs_index);
	int depth = X509_STORE_CTX_get_error_depth(xs);
	struct tlsd_hs_result *r = hs->r;

	if (!ok) {
		const char *why = X509_verify_cert_error_string(X509_STORE_CTX_get_error(xs));

		hs->verify_failed = true;
		if (!r->reason[0])
			snprintf(r->reason, sizeof(r->reason), "peer certificate (depth %d): %s",
				 depth, why);
		return 0;
	}
	if (depth)
		return 1;
	if (tlsd_peer_match(X509_STORE_CTX_get_current_cert(xs), hs->peers, hs->npeers,
			    r->peer_id, sizeof(r->peer_id)))
		return 1;
	hs->verify_failed = true;
	snprintf(r->reason, sizeof(r->reason), "peer identity not allowed (has %.200s)",
		 r->peer_id[0] ? r->peer_id : "no DNS or URI SAN");
	r->peer_id[0] = 0;
	X509_STORE_CTX_set_error(xs, X509_V_ERR_APPLICATION_VERIFICATION);
	return 0;
}

static int fail(struct tlsd_hs_result *r, int err, const char *what, const char *path)
{
	unsigned long e = ERR_peek_last_error();

	if (!r->reason[0])
		snprintf(r->reason, sizeof(r->reason), "%s%s%s%s%s", what, path ? " " : "",
			 path ? path : "", e ? ": " : "", e ? ERR_reason_error_string(e) : "");
	ERR_clear_error();
	return err;
}

static bool key_ok(SSL_CTX *ctx, const char *key)
{
	return key && SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) == 1 &&
	       SSL_CTX_check_private_key(ctx) == 1;
}

static SSL_CTX *make_ctx(const struct tlsd_hs_params *p, struct tlsd_hs_result *r, int *err)
{
	bool server = p->side == KWASM_TLS_SERVER;
	int mode = SSL_VERIFY_PEER;
	SSL_CTX *ctx;

	*err = -ENOMEM;
	ctx = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());
	if (!ctx)
		return NULL;
	if (!SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) ||
	    !SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION) ||
	    !SSL_CTX_set_ciphersuites(ctx, SUITES) || !SSL_CTX_set1_groups_list(ctx, GROUPS) ||
	    !SSL_CTX_set_num_tickets(ctx, 0))
		goto err;
	SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
	SSL_CTX_set_read_ahead(ctx, 0);
	SSL_CTX_set_keylog_callback(ctx, keylog);
	*err = -EINVAL;
	if (p->cert && SSL_CTX_use_certificate_chain_file(ctx, p->cert) != 1) {
		fail(r, -EINVAL, "cannot load certificate", p->cert);
		goto err;
	}
	if (p->cert && !key_ok(ctx, p->key)) {
		/* A key that does not match makes OpenSSL drop the certificate. */
		ERR_clear_error();
		fail(r, -EINVAL, "cannot load a key for the certificate from", p->key);
		goto err;
	}
	if (server && !p->cert) {
		fail(r, -EINVAL, "a server needs a certificate", NULL);
		goto err;
	}
	if (server && p->action == KWASM_TLS_ACT_SERVER_ONLY) {
		mode = SSL_VERIFY_NONE;
	} else if (!p->ca) {
		fail(r, -EINVAL, "no CA bundle to verify the peer", NULL);
		goto err;
	} else {
		if (SSL_CTX_load_verify_file(ctx, p->ca) != 1) {
			fail(r, -EINVAL, "cannot load CA bundle", p->ca);
			goto err;
		}
		if (server)
			mode |= SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
	}
	SSL_CTX_set_verify(ctx, mode, verify);
	*err = 0;
	return ctx;
err:
	SSL_CTX_free(ctx);
	return NULL;
}

static long ms_left(const struct timespec *deadline)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (deadline->tv_sec - now.tv_sec) * 1000 +
	       (deadline->tv_nsec - now.tv_nsec) / 1000000;
}

/* Drive the handshake, polling the socket until the deadline. */
static int drive(SSL *ssl, int fd, struct hs *hs)
{
	struct tlsd_hs_result *r = hs->r;
	struct timespec deadline;
	struct pollfd pfd = { .fd = fd };
	int rc, e, serr;
	long left;

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += hs->p->timeout_ms / 1000;
	deadline.tv_nsec += (hs->p->timeout_ms % 1000) * 1000000L;
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	for (;;) {
		errno = 0;
		rc = SSL_do_handshake(ssl);
		if (rc == 1)
			return 0;
		e = SSL_get_error(ssl, rc);
		serr = errno;
		if (e == SSL_ERROR_WANT_READ) {
			pfd.events = POLLIN;
		} else if (e == SSL_ERROR_WANT_WRITE) {
			pfd.events = POLLOUT;
		} else if (hs->verify_failed || ERR_GET_REASON(ERR_peek_error()) ==
			   SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE) {
			return fail(r, -EACCES, "peer refused", NULL);
		} else if (e == SSL_ERROR_SYSCALL || e == SSL_ERROR_ZERO_RETURN) {
			if (ERR_peek_error())
				return fail(r, -EPROTO, "TLS error", NULL);
			snprintf(r->reason, sizeof(r->reason), "connection %s during handshake",
				 serr ? strerror(serr) : "closed by the peer");
			return serr ? -serr : -ECONNRESET;
		} else {
			return fail(r, -EPROTO, "TLS error", NULL);
		}
		do {
			left = ms_left(&deadline);
			if (left <= 0) {
				snprintf(r->reason, sizeof(r->reason),
					 "handshake timed out after %u ms", hs->p->timeout_ms);
				return -ETIMEDOUT;
			}
			rc = poll(&pfd, 1, left);
		} while (rc < 0 && errno == EINTR);
		if (rc < 0)
			return fail(r, -errno, "poll", NULL);
	}
}

static int take_keys(SSL *ssl, struct hs *hs)
{
	const SSL_CIPHER *c = SSL_get_current_cipher(ssl);
	struct tlsd_hs_result *r = hs->r;
	int tx = hs->p->side == KWASM_TLS_SERVER, rc;
	size_t len;

	if (SSL_version(ssl) != TLS1_3_VERSION || !c || !hs->secret_len[0] ||
	    !hs->secret_len[1]) {
		snprintf(r->reason, sizeof(r->reason), "no TLS 1.3 traffic secrets");
		return -EPROTO;
	}
	snprintf(r->suite, sizeof(r->suite), "%s", SSL_CIPHER_get_name(c));
	rc = tlsd_keys_fill(&r->tx, &len, SSL_CIPHER_get_protocol_id(c), hs->secret[tx],
			    hs->secret_len[tx]);
	if (!rc)
		rc = tlsd_keys_fill(&r->rx, &r->crypto_len, SSL_CIPHER_get_protocol_id(c),
				    hs->secret[!tx], hs->secret_len[!tx]);
	if (rc)
		snprintf(r->reason, sizeof(r->reason), "cannot derive keys for %s", r->suite);
	return rc;
}

/**
 * tlsd_hs_run() - do a TLS 1.3 handshake on a connected socket
 * @fd: the socket; its file flags are left alone and it is not closed
 * @p: side, action, credentials, allowed peers, SNI, deadline
 * @r: out: on success the peer identity and kTLS material, else a reason;
 *	clear it with tlsd_hs_result_clear() when done
 *
 * Nothing past the handshake is read from @fd, and nothing but handshake
 * records (and an alert on failure) is written to it.
 *
 * Return: 0; -EACCES if the peer was refused (chain, validity, identity);
 * -ETIMEDOUT; -EPROTO for a TLS failure (including a peer without TLS 1.3);
 * -ECONNRESET or another errno if the connection broke; -EINVAL if the
 * certificate, key or CA bundle cannot be used; -ENOMEM.
 */
int tlsd_hs_run(int fd, const struct tlsd_hs_params *p, struct tlsd_hs_result *r)
{
	struct hs *hs;
	SSL_CTX *ctx;
	SSL *ssl = NULL;
	BIO *bio;
	int rc;

	memset(r, 0, sizeof(*r));
	ERR_clear_error();
	rc = tlsd_hs_init();
	hs = rc ? NULL : OPENSSL_zalloc(sizeof(*hs));
	if (!hs)
		return -ENOMEM;
	hs->p = p;
	hs->r = r;
	hs->peers = p->peers;
	hs->npeers = p->npeers;
	/* A client told no identities checks the name it asked for, as browsers do. */
	if (p->side == KWASM_TLS_CLIENT && !p->npeers && p->sni) {
		snprintf(hs->sni_peer, sizeof(hs->sni_peer), "dns:%s", p->sni);
		hs->sni_list[0] = hs->sni_peer;
		hs->peers = hs->sni_list;
		hs->npeers = 1;
	}
	ctx = make_ctx(p, r, &rc);
	if (!ctx)
		goto out;
	rc = -ENOMEM;
	ssl = SSL_new(ctx);
	bio = ssl ? tlsd_sockbio_new(fd) : NULL;
	if (!bio)
		goto out;
	SSL_set_bio(ssl, bio, bio);
	SSL_set_ex_data(ssl, hs_index, hs);
	if (p->side == KWASM_TLS_SERVER) {
		SSL_set_accept_state(ssl);
	} else {
		SSL_set_connect_state(ssl);
		if (p->sni && !SSL_set_tlsext_host_name(ssl, p->sni)) {
			rc = fail(r, -EINVAL, "invalid SNI", p->sni);
			goto out;
		}
	}
	rc = drive(ssl, fd, hs);
	if (!rc)
		rc = take_keys(ssl, hs);
out:
	if (rc) {
		tlsd_hs_result_clear(r);
		r->peer_id[0] = 0;
	}
	SSL_free(ssl);
	SSL_CTX_free(ctx);
	OPENSSL_clear_free(hs, sizeof(*hs));
	ERR_clear_error();
	return rc;
}

/**
 * tlsd_hs_result_clear() - wipe the keys of a result
 * @r: the result; its identity and reason stay for the log
 */
void tlsd_hs_result_clear(struct tlsd_hs_result *r)
{
	OPENSSL_cleanse(&r->tx, sizeof(r->tx));
	OPENSSL_cleanse(&r->rx, sizeof(r->rx));
	r->crypto_len = 0;
}
