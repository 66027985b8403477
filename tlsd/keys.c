// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-tlsd: TLS 1.3 traffic secrets to the structs kTLS takes.
 *
 * RFC 8446 7.3: key = HKDF-Expand-Label(secret, "key", "", key_length),
 * iv = HKDF-Expand-Label(secret, "iv", "", 12), with the suite's hash.
 * kTLS builds the TLS 1.3 nonce as salt || iv and XORs in the record
 * sequence number (net/tls: tls_set_sw_offload, xor_iv_with_seq), so an
 * AES-GCM iv splits into salt = its first 4 bytes and iv = the last 8;
 * ChaCha20-Poly1305 has no salt and takes all 12 bytes as iv.
 */
#include <errno.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>

#include "internal.h"

#define TLS13_IV_LEN		12
#define LABEL_PREFIX		"tls13 "

/* HKDF-Expand-Label with an empty context. */
static int expand_label(const char *md, const unsigned char *secret, size_t secret_len,
			const char *label, unsigned char *out, size_t out_len)
{
	unsigned char info[2 + 1 + 255 + 1];
	size_t plen = strlen(LABEL_PREFIX), llen = strlen(label), n = 0;
	OSSL_PARAM params[5], *p = params;
	EVP_KDF_CTX *kctx;
	EVP_KDF *kdf;
	int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY, rc;

	info[n++] = out_len >> 8;
	info[n++] = out_len & 0xff;
	info[n++] = plen + llen;
	memcpy(info + n, LABEL_PREFIX, plen);
	n += plen;
	memcpy(info + n, label, llen);
	n += llen;
	info[n++] = 0;

	kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
	kctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
	EVP_KDF_free(kdf);
	if (!kctx)
		return -ENOMEM;
	*p++ = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
	*p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)md, 0);
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)secret, secret_len);
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info, n);
	*p = OSSL_PARAM_construct_end();
	rc = EVP_KDF_derive(kctx, out, out_len, params) == 1 ? 0 : -EPROTO;
	EVP_KDF_CTX_free(kctx);
	return rc;
}

/**
 * tlsd_keys_fill() - derive the kTLS material of one direction
 * @c: out: the crypto info, rec_seq 0 (the first application record)
 * @len: out: the size of the struct filled in @c
 * @suite: the negotiated TLS 1.3 suite (0x1301, 0x1302 or 0x1303)
 * @secret: that direction's application traffic secret
 * @secret_len: its length, the suite's hash length
 *
 * Return: 0, -EPROTONOSUPPORT for another suite, or -EPROTO.
 */
int tlsd_keys_fill(union tlsd_crypto *c, size_t *len, unsigned int suite,
		   const unsigned char *secret, size_t secret_len)
{
	unsigned char key[32], iv[TLS13_IV_LEN];
	size_t key_len;
	const char *md;
	int rc;

	memset(c, 0, sizeof(*c));
	switch (suite) {
	case 0x1301:	/* TLS_AES_128_GCM_SHA256 */
		md = "SHA256";
		key_len = TLS_CIPHER_AES_GCM_128_KEY_SIZE;
		c->info.cipher_type = TLS_CIPHER_AES_GCM_128;
		*len = sizeof(c->gcm128);
		break;
	case 0x1302:	/* TLS_AES_256_GCM_SHA384 */
		md = "SHA384";
		key_len = TLS_CIPHER_AES_GCM_256_KEY_SIZE;
		c->info.cipher_type = TLS_CIPHER_AES_GCM_256;
		*len = sizeof(c->gcm256);
		break;
	case 0x1303:	/* TLS_CHACHA20_POLY1305_SHA256 */
		md = "SHA256";
		key_len = TLS_CIPHER_CHACHA20_POLY1305_KEY_SIZE;
		c->info.cipher_type = TLS_CIPHER_CHACHA20_POLY1305;
		*len = sizeof(c->chacha);
		break;
	default:
		return -EPROTONOSUPPORT;
	}
	c->info.version = TLS_1_3_VERSION;
	rc = expand_label(md, secret, secret_len, "key", key, key_len);
	if (!rc)
		rc = expand_label(md, secret, secret_len, "iv", iv, sizeof(iv));
	if (rc)
		goto out;
	switch (c->info.cipher_type) {
	case TLS_CIPHER_AES_GCM_128:
		memcpy(c->gcm128.salt, iv, 4);
		memcpy(c->gcm128.iv, iv + 4, 8);
		memcpy(c->gcm128.key, key, key_len);
		break;
	case TLS_CIPHER_AES_GCM_256:
		memcpy(c->gcm256.salt, iv, 4);
		memcpy(c->gcm256.iv, iv + 4, 8);
		memcpy(c->gcm256.key, key, key_len);
		break;
	default:
		memcpy(c->chacha.iv, iv, sizeof(iv));
		memcpy(c->chacha.key, key, key_len);
		break;
	}
out:
	OPENSSL_cleanse(key, sizeof(key));
	OPENSSL_cleanse(iv, sizeof(iv));
	if (rc)
		OPENSSL_cleanse(c, sizeof(*c));
	return rc;
}
