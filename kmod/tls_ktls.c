// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: installing kTLS on a connection with the keys an agent
 * reports in KWASM_TLS_CMD_DONE (docs/TLS.md).
 *
 * TLS 1.3 only, with the ciphers of its suites that kTLS offers on both
 * kernels: AES-GCM-128, AES-GCM-256 and ChaCha20-Poly1305.  Process
 * context; the socket is unlocked (its setsockopt takes the lock).
 */
#include <linux/kernel.h>
#include <linux/kmod.h>
#include <linux/moduleparam.h>
#include <linux/net.h>
#include <linux/netlink.h>
#include <linux/sockptr.h>
#include <linux/string.h>
#include <linux/tcp.h>
#include <linux/tls.h>
#include <net/inet_connection_sock.h>
#include <net/netlink.h>
#include <net/tls.h>

#include "tls.h"

/*
 * TLS 1.3 hides a record's type behind optional padding, so kTLS decrypts
 * into a kernel buffer and copies, unless told the peer does not pad: then
 * it decrypts straight into the reader's buffer, and retries the old way
 * (counted as TlsRxNoPadViolation) when a record turns out padded.
 * OpenSSL, GnuTLS and kwasm-tlsd's peers do not pad.
 */
static bool kw_tls_no_pad = true;
module_param_named(tls_rx_no_pad, kw_tls_no_pad, bool, 0644);
MODULE_PARM_DESC(tls_rx_no_pad,
		 "Set TLS_RX_EXPECT_NO_PAD on wrapped sockets: decrypt into the reader's buffer (default on)");

/* The size of a TLS 1.3 crypto_info for its cipher, or 0 if unsupported. */
static u32 kw_tls_info_size(const struct tls_crypto_info *ci)
{
	if (ci->version != TLS_1_3_VERSION)
		return 0;
	switch (ci->cipher_type) {
	case TLS_CIPHER_AES_GCM_128:
		return sizeof(struct tls12_crypto_info_aes_gcm_128);
	case TLS_CIPHER_AES_GCM_256:
		return sizeof(struct tls12_crypto_info_aes_gcm_256);
	case TLS_CIPHER_CHACHA20_POLY1305:
		return sizeof(struct tls12_crypto_info_chacha20_poly1305);
	default:
		return 0;
	}
}

/**
 * kw_tls_ktls_check() - validate DONE's KWASM_TLS_A_TX and KWASM_TLS_A_RX
 * @tx: the attribute, or NULL
 * @rx: the attribute, or NULL
 * @extack: for the reason of a failure
 *
 * Both must be present, of the same cipher, TLS 1.3, and exactly the size
 * of that cipher's struct tls12_crypto_info_*.
 *
 * Return: 0 or -EINVAL with an extack message.
 */
int kw_tls_ktls_check(const struct nlattr *tx, const struct nlattr *rx,
		      struct netlink_ext_ack *extack)
{
	const struct tls_crypto_info *t, *r;

	if (!tx || !rx) {
		NL_SET_ERR_MSG_MOD(extack, "a successful DONE carries KWASM_TLS_A_TX and _RX");
		return -EINVAL;
	}
	if (nla_len(tx) < sizeof(*t) || nla_len(rx) < sizeof(*r)) {
		NL_SET_ERR_MSG_MOD(extack, "KWASM_TLS_A_TX/_RX are shorter than tls_crypto_info");
		return -EINVAL;
	}
	t = nla_data(tx);
	r = nla_data(rx);
	if (!kw_tls_info_size(t) || t->cipher_type != r->cipher_type ||
	    t->version != r->version) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "need TLS 1.3 AES-GCM/ChaCha20 keys (tx %#x/%u, rx %#x/%u)",
				       t->version, t->cipher_type, r->version, r->cipher_type);
		return -EINVAL;
	}
	if (nla_len(tx) != kw_tls_info_size(t) || nla_len(rx) != kw_tls_info_size(r)) {
		NL_SET_ERR_MSG_FMT_MOD(extack, "cipher %u: crypto_info is %hu bytes, not %hu/%hu",
				       t->cipher_type, (u16)kw_tls_info_size(t), (u16)nla_len(tx),
				       (u16)nla_len(rx));
		return -EINVAL;
	}
	return 0;
}

/**
 * kw_tls_ktls_install() - take the "tls" ULP and set both directions' keys
 * @sock: an established TCP socket carrying its own proto again
 * @tx: crypto_info checked by kw_tls_ktls_check()
 * @rx: likewise
 * @len: their size
 *
 * Goes through the socket's own setsockopt with kernel pointers, exactly
 * as an application would.  A failure leaves the connection unusable; the
 * caller resets it.  TLS_RX_EXPECT_NO_PAD (module parameter tls_rx_no_pad)
 * is only a hint: its failure is not one.
 *
 * Return: 0 or a negative errno.
 */
int kw_tls_ktls_install(struct socket *sock, const void *tx, const void *rx, u32 len)
{
	int ret = 0;

	if (!inet_csk(sock->sk)->icsk_ulp_ops)
		ret = kw_tls_ktls_ulp(sock);
	if (!ret)
		ret = sock->ops->setsockopt(sock, SOL_TLS, TLS_TX, KERNEL_SOCKPTR((void *)tx), len);
	if (!ret)
		ret = sock->ops->setsockopt(sock, SOL_TLS, TLS_RX, KERNEL_SOCKPTR((void *)rx), len);
	if (!ret && READ_ONCE(kw_tls_no_pad)) {
		int on = 1;

		sock->ops->setsockopt(sock, SOL_TLS, TLS_RX_EXPECT_NO_PAD, KERNEL_SOCKPTR(&on),
				      sizeof(on));
	}
	return ret;
}

/**
 * kw_tls_ktls_ulp() - put the "tls" ULP on a connection, without keys
 * @sock: the socket
 *
 * kTLS takes only an established connection: done before the handshake,
 * a peer's FIN right after its last handshake message cannot refuse it.
 * Without keys the ULP passes bytes through unchanged.
 *
 * Return: 0 or a negative errno.
 */
int kw_tls_ktls_ulp(struct socket *sock)
{
	static const char ulp[] = "tls";

	return sock->ops->setsockopt(sock, SOL_TCP, TCP_ULP, KERNEL_SOCKPTR((void *)ulp),
				     sizeof(ulp) - 1);
}

/**
 * kw_tls_ktls_rx() - whether kTLS receives on a connection
 * @sk: the connection, locked
 *
 * Return: true once kTLS has receive keys (its parser then owns the
 * socket's receive queue).
 */
bool kw_tls_ktls_rx(struct sock *sk)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);

	return icsk->icsk_ulp_ops && !strcmp(icsk->icsk_ulp_ops->name, "tls") &&
	       tls_get_ctx(sk)->rx_conf != TLS_BASE;
}

/**
 * kw_tls_ktls_load() - load the tls module now
 *
 * TCP_ULP autoloads it only for a task with CAP_NET_ADMIN in the initial
 * namespace, which DONE's caller need not have.  A failure shows later,
 * as DONE's error.
 */
void kw_tls_ktls_load(void)
{
	request_module("tls");
}
