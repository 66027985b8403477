// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: the post-handshake reader (tls_record.h).  It keeps no bytes:
 * a NewSessionTicket is only skipped (the agent never resumes), so all it
 * remembers of a handshake message split over records is its header and
 * how much of its body is still to come.
 */
#include "tls_record.h"

static int kw_rec_fatal(struct kw_tls_rec *r)
{
	r->done = true;
	return KW_TLS_REC_FATAL;
}

/*
 * In TLS 1.3 an alert is one whole record of two bytes, its level is not
 * looked at, and all but close_notify and user_canceled are errors.
 */
static int kw_rec_alert(struct kw_tls_rec *r, const u8 *data, u32 len)
{
	if (len != 2)
		return kw_rec_fatal(r);
	r->alert = data[1];
	if (data[1] == KW_TLS_ALERT_USER_CANCELED)
		return KW_TLS_REC_MORE;
	if (data[1] != KW_TLS_ALERT_CLOSE_NOTIFY)
		return kw_rec_fatal(r);
	r->done = true;
	return KW_TLS_REC_CLOSE;
}

/* A complete header: is this a message the peer may send now? */
static bool kw_rec_header_ok(struct kw_tls_rec *r)
{
	r->left = (u32)r->hdr[1] << 16 | (u32)r->hdr[2] << 8 | r->hdr[3];
	switch (r->hdr[0]) {
	case KW_TLS_HS_NEW_SESSION_TICKET:
		return !r->server && r->left >= KW_TLS_NST_MIN && r->left <= KW_TLS_NST_MAX;
	case KW_TLS_HS_KEY_UPDATE:
		return r->left == 1;
	default:
		return false;
	}
}

static int kw_rec_handshake(struct kw_tls_rec *r, const u8 *data, u32 len)
{
	u32 n;

	/* Zero-length handshake fragments are forbidden. */
	if (!len)
		return kw_rec_fatal(r);
	while (len) {
		if (r->hdr_len < sizeof(r->hdr)) {
			r->hdr[r->hdr_len++] = *data++;
			len--;
			if (r->hdr_len == sizeof(r->hdr) && !kw_rec_header_ok(r))
				return kw_rec_fatal(r);
			continue;
		}
		if (r->hdr[0] == KW_TLS_HS_KEY_UPDATE) {
			/* update_not_requested or update_requested, ending the record */
			if (len != 1 || data[0] > 1)
				return kw_rec_fatal(r);
			r->done = true;
			return KW_TLS_REC_REKEY;
		}
		n = len < r->left ? len : r->left;
		data += n;
		len -= n;
		r->left -= n;
		if (!r->left)
			r->hdr_len = 0;
	}
	return KW_TLS_REC_MORE;
}

/**
 * kw_tls_rec_feed() - one record that is not application data
 * @r: the connection's reader, zeroed but for @r->server at the start
 * @type: its content type
 * @data: its plaintext
 * @len: its length, at most KW_TLS_REC_MAX
 *
 * Return: an enum kw_tls_rec_verdict.  After any verdict but MORE, every
 * further record is FATAL: nothing may follow close_notify, and what
 * follows a KeyUpdate is under keys kwasm does not have.
 */
int kw_tls_rec_feed(struct kw_tls_rec *r, u8 type, const u8 *data, u32 len)
{
	if (r->done || len > KW_TLS_REC_MAX)
		return kw_rec_fatal(r);
	if (type == KW_TLS_REC_HANDSHAKE)
		return kw_rec_handshake(r, data, len);
	/* Handshake messages must not be interleaved with other records. */
	if (r->hdr_len)
		return kw_rec_fatal(r);
	if (type == KW_TLS_REC_ALERT)
		return kw_rec_alert(r, data, len);
	return kw_rec_fatal(r);
}
