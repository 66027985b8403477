/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm.ko: the TLS 1.3 records a plaintext application must never see.
 *
 * After the handshake kTLS hands every record that is not application data
 * to whoever reads with a control buffer; kwasm reads them and feeds them
 * here.  Pure code, no kernel calls: tests/fuzz/records.c runs it in
 * userspace against a naive reference (RFC 8446 sections 4.6, 5.1, 6).
 */
#ifndef KW_TLS_RECORD_H
#define KW_TLS_RECORD_H

#include "kw_port_types.h"

/* Record content types (RFC 8446 section 5.1). */
#define KW_TLS_REC_CCS		20
#define KW_TLS_REC_ALERT	21
#define KW_TLS_REC_HANDSHAKE	22
#define KW_TLS_REC_DATA		23

/* Largest plaintext of a record: 2^14. */
#define KW_TLS_REC_MAX		16384

/* Post-handshake messages (RFC 8446 section 4.6) and their sizes. */
#define KW_TLS_HS_NEW_SESSION_TICKET	4
#define KW_TLS_HS_KEY_UPDATE		24
/* lifetime, age_add, nonce<0..255>, ticket<1..2^16-1>, extensions<0..2^16-2> */
#define KW_TLS_NST_MIN		(4 + 4 + 1 + 2 + 1 + 2)
#define KW_TLS_NST_MAX		(4 + 4 + 1 + 255 + 2 + 65535 + 2 + 65534)

#define KW_TLS_ALERT_CLOSE_NOTIFY	0
#define KW_TLS_ALERT_USER_CANCELED	90

/**
 * enum kw_tls_rec_verdict - what a record means for the connection
 * @KW_TLS_REC_MORE: taken; nothing for the application
 * @KW_TLS_REC_CLOSE: close_notify: the peer sends nothing more
 * @KW_TLS_REC_REKEY: a KeyUpdate: the next records use keys kTLS cannot
 *	install on these kernels, so the connection ends cleanly here
 * @KW_TLS_REC_FATAL: an error alert, or a record TLS 1.3 forbids here
 */
enum kw_tls_rec_verdict {
	KW_TLS_REC_MORE,
	KW_TLS_REC_CLOSE,
	KW_TLS_REC_REKEY,
	KW_TLS_REC_FATAL,
};

/**
 * struct kw_tls_rec - the post-handshake reader of one connection
 * @server: this end is the server (a NewSessionTicket is then an error)
 * @hdr: the current handshake message's header, as far as seen
 * @hdr_len: bytes of @hdr seen, 0..4
 * @left: bytes of the current message's body still to come
 * @done: a verdict other than MORE was given; every later record is FATAL
 * @alert: the last alert's description, for the log
 */
struct kw_tls_rec {
	bool server;
	u8 hdr[4];
	u8 hdr_len;
	u32 left;
	bool done;
	u8 alert;
};

int kw_tls_rec_feed(struct kw_tls_rec *r, u8 type, const u8 *data, u32 len);

#endif /* KW_TLS_RECORD_H */
