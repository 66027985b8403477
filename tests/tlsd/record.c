// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * TLS 1.3 records sealed and opened with EVP and a kTLS crypto info.
 *
 * The nonce is built the way net/tls does for TLS 1.3: salt || iv (12
 * bytes), the big-endian record sequence number XORed into its last 8; the
 * additional data is the 5-byte record header; the plaintext is content,
 * then the real content type, then optional zero padding (RFC 8446 5.2).
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "record.h"

#define TAG_LEN		16
#define HDR_LEN		5

static const EVP_CIPHER *suite(const union tlsd_crypto *c, const uint8_t **key,
			       uint8_t nonce[12])
{
	switch (c->info.cipher_type) {
	case TLS_CIPHER_AES_GCM_128:
		memcpy(nonce, c->gcm128.salt, 4);
		memcpy(nonce + 4, c->gcm128.iv, 8);
		*key = c->gcm128.key;
		return EVP_aes_128_gcm();
	case TLS_CIPHER_AES_GCM_256:
		memcpy(nonce, c->gcm256.salt, 4);
		memcpy(nonce + 4, c->gcm256.iv, 8);
		*key = c->gcm256.key;
		return EVP_aes_256_gcm();
	case TLS_CIPHER_CHACHA20_POLY1305:
		memcpy(nonce, c->chacha.iv, 12);
		*key = c->chacha.key;
		return EVP_chacha20_poly1305();
	}
	return NULL;
}

/* The record's nonce; rec_seq in the crypto info is the starting sequence. */
static const EVP_CIPHER *setup(const union tlsd_crypto *c, uint64_t seq, const uint8_t **key,
			       uint8_t nonce[12])
{
	const EVP_CIPHER *ciph = suite(c, key, nonce);
	const uint8_t *start = c->info.cipher_type == TLS_CIPHER_CHACHA20_POLY1305 ?
			       c->chacha.rec_seq : c->info.cipher_type == TLS_CIPHER_AES_GCM_256 ?
			       c->gcm256.rec_seq : c->gcm128.rec_seq;
	uint64_t base = 0;
	int i;

	for (i = 0; i < 8; i++)
		base = base << 8 | start[i];
	seq += base;
	for (i = 0; i < 8; i++)
		nonce[4 + i] ^= seq >> (56 - 8 * i);
	return ciph;
}

/**
 * rec_seal() - build one encrypted record
 * @c: the sender's crypto info
 * @seq: records already sent with it
 * @type: the real content type (23 data, 21 alert)
 * @data: the content
 * @len: its length
 * @out: the record, at least @len + 22 bytes
 * @out_len: out: its length
 *
 * Return: 0 or -EINVAL.
 */
int rec_seal(const union tlsd_crypto *c, uint64_t seq, uint8_t type, const void *data,
	     size_t len, uint8_t *out, size_t *out_len)
{
	size_t clen = len + 1 + TAG_LEN;
	const uint8_t *key;
	uint8_t nonce[12];
	const EVP_CIPHER *ciph = setup(c, seq, &key, nonce);
	EVP_CIPHER_CTX *x;
	int n, ok;

	if (!ciph || len > 16384)
		return -EINVAL;
	out[0] = 23;
	out[1] = 3;
	out[2] = 3;
	out[3] = clen >> 8;
	out[4] = clen & 0xff;
	memcpy(out + HDR_LEN, data, len);
	out[HDR_LEN + len] = type;
	x = EVP_CIPHER_CTX_new();
	ok = x && EVP_EncryptInit_ex(x, ciph, NULL, key, nonce) &&
	     EVP_EncryptUpdate(x, NULL, &n, out, HDR_LEN) &&
	     EVP_EncryptUpdate(x, out + HDR_LEN, &n, out + HDR_LEN, len + 1) &&
	     EVP_EncryptFinal_ex(x, out + HDR_LEN + n, &n) &&
	     EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_AEAD_GET_TAG, TAG_LEN, out + HDR_LEN + len + 1);
	EVP_CIPHER_CTX_free(x);
	*out_len = HDR_LEN + clen;
	return ok ? 0 : -EINVAL;
}

/**
 * rec_open() - decrypt and check one record
 * @c: the receiver's crypto info
 * @seq: records already received with it
 * @rec: the whole record, header included
 * @rec_len: its length
 * @type: out: the real content type
 * @out: the content, at least @rec_len bytes
 * @out_len: out: its length
 *
 * Return: 0, or -EBADMSG if it does not authenticate or is malformed.
 */
int rec_open(const union tlsd_crypto *c, uint64_t seq, const uint8_t *rec, size_t rec_len,
	     uint8_t *type, uint8_t *out, size_t *out_len)
{
	const uint8_t *key;
	uint8_t nonce[12];
	const EVP_CIPHER *ciph = setup(c, seq, &key, nonce);
	size_t clen = rec_len - HDR_LEN;
	EVP_CIPHER_CTX *x;
	int n, m, ok;

	if (!ciph || rec_len < HDR_LEN + TAG_LEN + 1 || rec[0] != 23)
		return -EBADMSG;
	x = EVP_CIPHER_CTX_new();
	ok = x && EVP_DecryptInit_ex(x, ciph, NULL, key, nonce) &&
	     EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_AEAD_SET_TAG, TAG_LEN,
				 (void *)(rec + rec_len - TAG_LEN)) &&
	     EVP_DecryptUpdate(x, NULL, &n, rec, HDR_LEN) &&
	     EVP_DecryptUpdate(x, out, &n, rec + HDR_LEN, clen - TAG_LEN) &&
	     EVP_DecryptFinal_ex(x, out + n, &m) > 0;
	EVP_CIPHER_CTX_free(x);
	if (!ok)
		return -EBADMSG;
	n = clen - TAG_LEN;
	while (n > 0 && !out[n - 1])
		n--;
	if (!n)
		return -EBADMSG;
	*type = out[n - 1];
	*out_len = n - 1;
	return 0;
}

static int read_full(int fd, uint8_t *p, size_t len)
{
	ssize_t n;

	while (len) {
		n = read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n ? -errno : -ECONNRESET;
		p += n;
		len -= n;
	}
	return 0;
}

/**
 * rec_read() - read one raw record from a socket
 * @fd: the socket (with a receive timeout)
 * @rec: out: the record, REC_MAX bytes
 * @len: out: its length
 *
 * Return: 0 or a negative errno.
 */
int rec_read(int fd, uint8_t *rec, size_t *len)
{
	size_t body;
	int rc;

	rc = read_full(fd, rec, HDR_LEN);
	if (rc)
		return rc;
	body = rec[3] << 8 | rec[4];
	if (body > REC_MAX - HDR_LEN)
		return -EMSGSIZE;
	rc = read_full(fd, rec + HDR_LEN, body);
	*len = HDR_LEN + body;
	return rc;
}
