// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-records: the kernel's post-handshake record reader
 * (kmod/tls_record.c) against a deliberately naive reference that buffers
 * the whole handshake stream and parses only complete messages, over
 * random record sequences: well-formed ones (session tickets split at
 * random points, KeyUpdates, alerts) with random corruptions, and pure
 * noise.  Built with ASan and UBSan; the same seed gives the same run.
 *
 *   records [-n SEQUENCES] [-s SEED]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tls_record.h"

#define MAX_RECS	24

struct rec {
	u8 type;
	u32 len;
	u8 data[KW_TLS_REC_MAX + 1];
};

static struct rec recs[MAX_RECS];
static unsigned long long rng_state;

static u32 rnd(void)
{
	/* xorshift64*: deterministic and good enough to pick cases. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (u32)((rng_state * 0x2545F4914F6CDD1Dull) >> 32);
}

static u32 below(u32 n)
{
	return n ? rnd() % n : 0;
}

/* The reference: the handshake stream so far, parsed when complete. */
struct ref {
	bool server, done;
	u8 *buf;
	size_t len;
};

static int ref_fatal(struct ref *r)
{
	r->done = true;
	return KW_TLS_REC_FATAL;
}

static int ref_handshake(struct ref *r, const u8 *data, u32 len)
{
	size_t body;
	u8 type;

	if (!len)
		return ref_fatal(r);
	r->buf = realloc(r->buf, r->len + len);
	if (!r->buf)
		abort();
	memcpy(r->buf + r->len, data, len);
	r->len += len;
	while (r->len >= 4) {
		type = r->buf[0];
		body = (size_t)r->buf[1] << 16 | (size_t)r->buf[2] << 8 | r->buf[3];
		if (type == KW_TLS_HS_KEY_UPDATE) {
			if (body != 1)
				return ref_fatal(r);
			if (r->len < 5)
				return KW_TLS_REC_MORE;
			/* It must be the last byte of its record. */
			if (r->len != 5 || r->buf[4] > 1)
				return ref_fatal(r);
			r->done = true;
			return KW_TLS_REC_REKEY;
		}
		if (type != KW_TLS_HS_NEW_SESSION_TICKET || r->server ||
		    body < KW_TLS_NST_MIN || body > KW_TLS_NST_MAX)
			return ref_fatal(r);
		if (r->len < 4 + body)
			return KW_TLS_REC_MORE;
		memmove(r->buf, r->buf + 4 + body, r->len - 4 - body);
		r->len -= 4 + body;
	}
	return KW_TLS_REC_MORE;
}

static int ref_feed(struct ref *r, u8 type, const u8 *data, u32 len)
{
	if (r->done || len > KW_TLS_REC_MAX)
		return ref_fatal(r);
	if (type == KW_TLS_REC_HANDSHAKE)
		return ref_handshake(r, data, len);
	if (r->len)
		return ref_fatal(r);
	if (type != KW_TLS_REC_ALERT || len != 2)
		return ref_fatal(r);
	if (data[1] == KW_TLS_ALERT_USER_CANCELED)
		return KW_TLS_REC_MORE;
	if (data[1] != KW_TLS_ALERT_CLOSE_NOTIFY)
		return ref_fatal(r);
	r->done = true;
	return KW_TLS_REC_CLOSE;
}

/* A handshake stream of tickets, maybe a KeyUpdate last, cut into records. */
static unsigned int gen_stream(struct rec *out, unsigned int max)
{
	static u8 stream[8 * (4 + 2048) + 5];
	size_t len = 0, off = 0, n, cut;
	unsigned int i, tickets = below(5), nrec = 0;

	for (i = 0; i < tickets; i++) {
		n = KW_TLS_NST_MIN + below(2048 - KW_TLS_NST_MIN);
		/* Lengths around the limits: the body is then cut short. */
		if (below(8) == 0)
			n = below(2 * KW_TLS_NST_MIN);
		else if (below(16) == 0)
			n = KW_TLS_NST_MAX - 1 + below(3);
		stream[len++] = KW_TLS_HS_NEW_SESSION_TICKET;
		stream[len++] = n >> 16;
		stream[len++] = n >> 8;
		stream[len++] = n;
		for (cut = 0; cut < n && cut < 2048; cut++)
			stream[len++] = rnd();
	}
	if (below(3) == 0) {
		stream[len++] = KW_TLS_HS_KEY_UPDATE;
		stream[len++] = 0;
		stream[len++] = 0;
		stream[len++] = below(8) ? 1 : below(3);
		stream[len++] = below(3) ? below(2) : rnd();
	}
	while (off < len && nrec < max) {
		cut = below(3) ? len - off : 1 + below(len - off);
		out[nrec].type = KW_TLS_REC_HANDSHAKE;
		out[nrec].len = cut;
		memcpy(out[nrec].data, stream + off, cut);
		off += cut;
		nrec++;
	}
	return nrec;
}

static void gen_alert(struct rec *r)
{
	static const u8 descs[] = { 0, 90, 10, 20, 40, 42, 80, 255 };

	r->type = KW_TLS_REC_ALERT;
	r->len = 2;
	r->data[0] = 1 + below(2);
	r->data[1] = descs[below(sizeof(descs))];
}

/* Damage one record: a byte, its length, its type. */
static void corrupt(struct rec *r)
{
	switch (below(4)) {
	case 0:
		if (r->len)
			r->data[below(r->len)] ^= 1 + below(255);
		break;
	case 1:
		r->len = below(r->len + 2);
		break;
	case 2:
		r->type = below(3) ? 20 + below(5) : rnd();
		break;
	default:
		r->len = KW_TLS_REC_MAX + below(2);
		memset(r->data, rnd(), r->len);
		break;
	}
}

static unsigned int gen(void)
{
	unsigned int n = 0, i;

	if (below(8) == 0) {
		/* Noise. */
		n = 1 + below(MAX_RECS);
		for (i = 0; i < n; i++) {
			recs[i].type = below(2) ? KW_TLS_REC_HANDSHAKE : rnd();
			recs[i].len = below(64);
			for (u32 j = 0; j < recs[i].len; j++)
				recs[i].data[j] = below(4) ? rnd() : below(30);
		}
		return n;
	}
	while (n < MAX_RECS - 1 && below(4)) {
		if (below(4)) {
			n += gen_stream(recs + n, MAX_RECS - 1 - n);
		} else {
			gen_alert(&recs[n]);
			n++;
		}
	}
	if (below(2)) {
		gen_alert(&recs[n]);
		recs[n].data[1] = KW_TLS_ALERT_CLOSE_NOTIFY;
		n++;
	}
	if (n && below(4) == 0)
		corrupt(&recs[below(n)]);
	return n;
}

/* Both readers over one sequence; 0 when they agree on every record. */
static int run(unsigned long seq, bool server)
{
	struct kw_tls_rec k = { .server = server };
	struct ref r = { .server = server };
	unsigned int n = gen(), i;
	int a, b, ret = 0;

	for (i = 0; i < n; i++) {
		a = kw_tls_rec_feed(&k, recs[i].type, recs[i].data, recs[i].len);
		b = ref_feed(&r, recs[i].type, recs[i].data, recs[i].len);
		if (a != b) {
			fprintf(stderr,
				"records: sequence %lu (%s), record %u of %u (type %u, %u bytes): kernel %d, reference %d\n",
				seq, server ? "server" : "client", i, n, recs[i].type,
				recs[i].len, a, b);
			ret = 1;
			break;
		}
	}
	free(r.buf);
	return ret;
}

int main(int argc, char **argv)
{
	unsigned long n = 200000, seed = 1, i, failed = 0;
	int c;

	while ((c = getopt(argc, argv, "n:s:")) != -1) {
		if (c == 'n')
			n = strtoul(optarg, NULL, 0);
		else if (c == 's')
			seed = strtoul(optarg, NULL, 0);
		else
			return 2;
	}
	rng_state = seed * 0x9E3779B97F4A7C15ull | 1;
	for (i = 0; i < n; i++)
		failed += run(i, i & 1);
	printf("records: %lu passed, %lu failed\n", n - failed, failed);
	return failed ? 1 : 0;
}
