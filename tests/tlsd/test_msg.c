// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-tlsd's messages without a kernel: ACCEPT replies built with the
 * CLI's netlink encoder and parsed by the agent (well-formed, defaults,
 * and every malformation it must refuse while still naming the request),
 * DONE requests built by the agent and read back attribute by attribute.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/check.h"
#include "agent.h"

#define HDRS	(NLMSG_HDRLEN + GENL_HDRLEN)

static struct nl_msg m;

static void start(void)
{
	nl_msg_free(&m);
	nl_msg_init(&m, 0x20, 0, KWASM_TLS_CMD_ACCEPT, KWASM_TLS_GENL_VERSION);
}

static void base(void)
{
	start();
	nl_put_u64(&m, KWASM_TLS_A_REQ_ID, 7);
	nl_put_u32(&m, KWASM_TLS_A_FD, 5);
	nl_put_u8(&m, KWASM_TLS_A_SIDE, KWASM_TLS_SERVER);
}

static int parse(struct tlsd_req *req)
{
	int rc = tlsd_msg_parse_accept(m.buf + HDRS, m.len - HDRS, req);

	if (rc)
		tlsd_req_free(req);
	return rc;
}

static void test_full(void)
{
	struct sockaddr_in6 s6 = { .sin6_family = AF_INET6, .sin6_port = htons(4000) };
	struct sockaddr_in s4 = { .sin_family = AF_INET, .sin_port = htons(8000) };
	struct tlsd_req req;
	char buf[64];
	size_t nest;

	inet_pton(AF_INET, "10.0.0.1", &s4.sin_addr);
	inet_pton(AF_INET6, "2001:db8::1", &s6.sin6_addr);
	base();
	nl_put_u32(&m, KWASM_TLS_A_RULE_ID, 3);
	nl_put_u8(&m, KWASM_TLS_A_ACTION, KWASM_TLS_ACT_SERVER_ONLY);
	nl_put_str(&m, KWASM_TLS_A_CERT, "/etc/kwasm/c.pem");
	nl_put_str(&m, KWASM_TLS_A_KEY, "/etc/kwasm/k.pem");
	nl_put_str(&m, KWASM_TLS_A_CA, "/etc/kwasm/ca.pem");
	nl_put_str(&m, KWASM_TLS_A_SNI, "api.test");
	nest = nl_nest_start(&m, KWASM_TLS_A_PEERS);
	nl_put_str(&m, KWASM_TLS_A_PEER, "dns:x.test");
	nl_put_str(&m, KWASM_TLS_A_PEER, "uri:spiffe://kwasm.test/y");
	nl_nest_end(&m, nest);
	nl_put_u32(&m, KWASM_TLS_A_TIMEOUT_MS, 2500);
	nl_put(&m, KWASM_TLS_A_LOCAL, &s4, sizeof(s4));
	nl_put(&m, KWASM_TLS_A_REMOTE, &s6, sizeof(s6));
	nl_put_u32(&m, 200, 1);		/* a newer kernel's attribute */
	CHECK(parse(&req) == 0);
	CHECK(req.id == 7 && req.fd == 5 && req.rule_id == 3);
	CHECK(req.params.side == KWASM_TLS_SERVER);
	CHECK(req.params.action == KWASM_TLS_ACT_SERVER_ONLY);
	CHECK(req.params.cert && !strcmp(req.params.cert, "/etc/kwasm/c.pem"));
	CHECK(req.params.key && !strcmp(req.params.key, "/etc/kwasm/k.pem"));
	CHECK(req.params.ca && !strcmp(req.params.ca, "/etc/kwasm/ca.pem"));
	CHECK(req.params.sni && !strcmp(req.params.sni, "api.test"));
	CHECK(req.params.npeers == 2 && !strcmp(req.params.peers[0], "dns:x.test") &&
	      !strcmp(req.params.peers[1], "uri:spiffe://kwasm.test/y"));
	CHECK(req.params.timeout_ms == 2500);
	CHECK(!strcmp(tlsd_addr_str(&req.local, buf, sizeof(buf)), "10.0.0.1:8000"));
	CHECK(!strcmp(tlsd_addr_str(&req.remote, buf, sizeof(buf)), "[2001:db8::1]:4000"));
	tlsd_req_free(&req);
}

static void test_defaults(void)
{
	struct tlsd_req req;
	char buf[64];

	base();
	CHECK(parse(&req) == 0);
	CHECK(req.params.action == KWASM_TLS_ACT_TLS);
	CHECK(req.params.timeout_ms == KWASM_TLS_TIMEOUT_DEFAULT);
	CHECK(!req.params.npeers && !req.params.cert && !req.params.sni);
	CHECK(!strcmp(tlsd_addr_str(&req.remote, buf, sizeof(buf)), "?"));
	tlsd_req_free(&req);
	base();
	nl_put_u32(&m, KWASM_TLS_A_TIMEOUT_MS, 0);
	CHECK(parse(&req) == 0 && req.params.timeout_ms == 1);
	tlsd_req_free(&req);
}

static void test_malformed(void)
{
	static const char unterminated[4] = { 'a', 'b', 'c', 'd' };
	struct sockaddr_in s4 = { .sin_family = AF_INET };
	struct tlsd_req req;
	char peer[32];
	size_t nest;
	int i;

	start();
	nl_put_u32(&m, KWASM_TLS_A_FD, 5);
	nl_put_u8(&m, KWASM_TLS_A_SIDE, KWASM_TLS_SERVER);
	CHECK(parse(&req) == -EBADMSG && req.fd == 5 && !req.id);

	start();
	nl_put_u64(&m, KWASM_TLS_A_REQ_ID, 9);
	nl_put_u8(&m, KWASM_TLS_A_SIDE, KWASM_TLS_CLIENT);
	CHECK(parse(&req) == -EBADMSG && req.id == 9 && req.fd == -1);

	start();
	nl_put_u64(&m, KWASM_TLS_A_REQ_ID, 9);
	nl_put_u32(&m, KWASM_TLS_A_FD, 6);
	nl_put_u8(&m, KWASM_TLS_A_SIDE, 9);
	CHECK(parse(&req) == -EBADMSG && req.id == 9 && req.fd == 6);

	base();
	nl_put_u32(&m, KWASM_TLS_A_SIDE, 1);	/* a u32 where a u8 belongs */
	CHECK(parse(&req) == -EBADMSG && req.id == 7 && req.fd == 5);

	base();
	nl_put_str(&m, KWASM_TLS_A_CERT, "certs/c.pem");
	CHECK(parse(&req) == -EINVAL && req.id == 7 && req.fd == 5);

	base();
	nl_put(&m, KWASM_TLS_A_KEY, unterminated, sizeof(unterminated));
	CHECK(parse(&req) == -EBADMSG);

	base();
	nl_put(&m, KWASM_TLS_A_LOCAL, &s4, sizeof(s4) - 1);
	CHECK(parse(&req) == -EBADMSG);

	base();
	s4.sin_family = AF_INET6;
	nl_put(&m, KWASM_TLS_A_REMOTE, &s4, sizeof(s4));
	CHECK(parse(&req) == -EBADMSG);

	base();
	nl_put_u8(&m, KWASM_TLS_A_ACTION, KWASM_TLS_ACT_PASSTHROUGH);
	CHECK(parse(&req) == -EINVAL && req.id == 7 && req.fd == 5);

	base();
	nest = nl_nest_start(&m, KWASM_TLS_A_PEERS);
	for (i = 0; i < KWASM_TLS_PEERS_MAX; i++) {
		snprintf(peer, sizeof(peer), "dns:h%d", i);
		nl_put_str(&m, KWASM_TLS_A_PEER, peer);
	}
	nl_nest_end(&m, nest);
	CHECK(parse(&req) == 0 && req.params.npeers == KWASM_TLS_PEERS_MAX);
	tlsd_req_free(&req);
	base();
	nest = nl_nest_start(&m, KWASM_TLS_A_PEERS);
	for (i = 0; i <= KWASM_TLS_PEERS_MAX; i++)
		nl_put_str(&m, KWASM_TLS_A_PEER, "dns:h");
	nl_nest_end(&m, nest);
	CHECK(parse(&req) == -EBADMSG);

	/* An attribute that claims more bytes than the message has. */
	base();
	((struct nlattr *)(m.buf + m.len - 8))->nla_len = 64;
	CHECK(parse(&req) == -EBADMSG);
}

static void test_done(void)
{
	const struct nlattr *tb[KWASM_TLS_A_MAX + 1];
	struct tlsd_hs_result r;
	u64 id = 0;
	u32 status = 1;

	memset(&r, 0, sizeof(r));
	snprintf(r.peer_id, sizeof(r.peer_id), "dns:client.test");
	r.tx.info.version = TLS_1_3_VERSION;
	r.tx.info.cipher_type = TLS_CIPHER_AES_GCM_256;
	memset(r.tx.gcm256.key, 0xab, sizeof(r.tx.gcm256.key));
	r.rx = r.tx;
	r.rx.gcm256.salt[0] = 1;
	r.crypto_len = sizeof(r.tx.gcm256);
	start();
	tlsd_msg_put_done(&m, 42, 0, &r);
	CHECK(!m.oom && nl_parse(m.buf + HDRS, m.len - HDRS, tb, KWASM_TLS_A_MAX) == 0);
	CHECK(nl_get_u64(tb[KWASM_TLS_A_REQ_ID], &id) && id == 42);
	CHECK(nl_get_u32(tb[KWASM_TLS_A_STATUS], &status) && status == 0);
	CHECK(nl_get_str(tb[KWASM_TLS_A_PEER_ID]) &&
	      !strcmp(nl_get_str(tb[KWASM_TLS_A_PEER_ID]), "dns:client.test"));
	CHECK(tb[KWASM_TLS_A_TX] && nl_len(tb[KWASM_TLS_A_TX]) == sizeof(r.tx.gcm256) &&
	      !memcmp(nl_data(tb[KWASM_TLS_A_TX]), &r.tx, sizeof(r.tx.gcm256)));
	CHECK(tb[KWASM_TLS_A_RX] && nl_len(tb[KWASM_TLS_A_RX]) == sizeof(r.rx.gcm256) &&
	      !memcmp(nl_data(tb[KWASM_TLS_A_RX]), &r.rx, sizeof(r.rx.gcm256)));

	start();
	tlsd_msg_put_done(&m, 43, -EACCES, &r);
	CHECK(nl_parse(m.buf + HDRS, m.len - HDRS, tb, KWASM_TLS_A_MAX) == 0);
	CHECK(nl_get_u32(tb[KWASM_TLS_A_STATUS], &status) && status == EACCES);
	CHECK(!tb[KWASM_TLS_A_TX] && !tb[KWASM_TLS_A_RX] && !tb[KWASM_TLS_A_PEER_ID]);
}

/*
 * Every truncation and 20000 random byte flips of a full ACCEPT reply:
 * parsing never reads out of bounds (ASan) and yields a usable request
 * or an error, never a request without its id and fd.
 */
static void test_mutations(void)
{
	struct tlsd_req req;
	size_t len, i;
	bool sane = true;
	u8 *orig, *buf;
	unsigned int seed = 1, k;
	int rc;

	test_full();		/* leaves the full message in m */
	len = m.len - HDRS;
	orig = malloc(len);
	buf = malloc(len);
	if (!orig || !buf) {
		CHECK(!"out of memory");
		free(orig);
		free(buf);
		return;
	}
	memcpy(orig, m.buf + HDRS, len);
	for (i = 0; i < len; i++) {
		memcpy(buf, orig, i);
		rc = tlsd_msg_parse_accept(buf, i, &req);
		sane &= rc || (req.id && req.fd >= 0);
		tlsd_req_free(&req);
	}
	for (k = 0; k < 20000; k++) {
		memcpy(buf, orig, len);
		seed = seed * 1103515245 + 12345;
		buf[(seed >> 8) % len] ^= 1 << ((seed >> 4) & 7);
		seed = seed * 1103515245 + 12345;
		if (seed & 0x100)
			buf[(seed >> 8) % len] = seed >> 24;
		rc = tlsd_msg_parse_accept(buf, len, &req);
		sane &= rc || (req.id && req.fd >= 0 && req.params.side &&
			       req.params.timeout_ms);
		tlsd_req_free(&req);
	}
	CHECK(sane);
	free(orig);
	free(buf);
}

int main(void)
{
	test_full();
	test_mutations();
	test_defaults();
	test_malformed();
	test_done();
	nl_msg_free(&m);
	return check_done("tlsd msg");
}
