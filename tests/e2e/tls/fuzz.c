// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-tlstest fuzz SECS [SEED]: random requests to the "kwasm_tls"
 * family for SECS seconds: every command (and unknown ones), dump or not,
 * up to 12 attributes of any type and length, half of them shaped like
 * the real thing (valid sides, ports, strings, peers, policies, crypto
 * infos), nested ones with random contents.  Every request must end with
 * an ack or an error, and every reply must parse; anything else is a
 * finding (exit 1).  Prints "N requests, N acked, N rules added".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/tls.h>

#include "tlstest.h"

static u32 rng_state;

static u32 rnd(u32 n)
{
	/* xorshift32: reproducible from the seed. */
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return n ? rng_state % n : rng_state;
}

static void put_random(struct nl_msg *m, u16 type)
{
	static const u16 sizes[] = { 0, 1, 2, 3, 4, 5, 8, 16, 17, 40, 56, 255, 4096, 5000 };
	char buf[5000];
	size_t len = sizes[rnd(sizeof(sizes) / sizeof(*sizes))], i;

	for (i = 0; i < len; i++)
		buf[i] = rnd(4) ? 'a' + rnd(26) : rnd(256);
	nl_put(m, type, buf, len);
}

static void put_peers(struct nl_msg *m)
{
	size_t nest = nl_nest_start(m, KWASM_TLS_A_PEERS);
	u32 i, n = rnd(70);

	for (i = 0; i < n; i++) {
		if (rnd(8))
			nl_put_str(m, KWASM_TLS_A_PEER, rnd(2) ? "dns:a.test" : "uri:x:y");
		else
			put_random(m, rnd(4));
	}
	nl_nest_end(m, nest);
}

static void put_keys(struct nl_msg *m, u16 type)
{
	struct tls12_crypto_info_aes_gcm_256 k = {};

	k.info.version = rnd(4) ? TLS_1_3_VERSION : rnd(0x10000);
	k.info.cipher_type = 51 + rnd(6);
	nl_put(m, type, &k, rnd(4) ? 40 + 16 * rnd(2) : rnd(sizeof(k)));
}

/* A value of attribute @type shaped like a real one. */
static void put_shaped(struct nl_msg *m, u16 type)
{
	size_t nest;

	switch (type) {
	case KWASM_TLS_A_SIDE:
	case KWASM_TLS_A_ACTION:
	case KWASM_TLS_A_PREFIX:
		nl_put_u8(m, type, rnd(4) ? rnd(5) : rnd(256));
		break;
	case KWASM_TLS_A_PORT:
		nl_put(m, type, &(u16){ rnd(3) ? 1 + rnd(100) : 0 }, 2);
		break;
	case KWASM_TLS_A_ADDR:
		nl_put(m, type, "\x0a\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00",
		       rnd(2) ? 4 : 16);
		break;
	case KWASM_TLS_A_CERT:
	case KWASM_TLS_A_KEY:
	case KWASM_TLS_A_CA:
	case KWASM_TLS_A_SNI:
	case KWASM_TLS_A_PEER_ID:
		nl_put_str(m, type, rnd(8) ? "/tls/x.pem" : "");
		break;
	case KWASM_TLS_A_PEERS:
		put_peers(m);
		break;
	case KWASM_TLS_A_POLICY:
		nest = nl_nest_start(m, type);
		if (rnd(2))
			nl_put_str(m, KWASM_TLS_P_MODULE, rnd(2) ? "fz" : "");
		if (rnd(2))
			nl_put_str(m, KWASM_TLS_P_EXPORT, "policy");
		if (!rnd(4))
			put_random(m, rnd(5));
		nl_nest_end(m, nest);
		break;
	case KWASM_TLS_A_TX:
	case KWASM_TLS_A_RX:
		put_keys(m, type);
		break;
	case KWASM_TLS_A_REQ_ID:
	case KWASM_TLS_A_CGROUP:
		nl_put_u64(m, type, rnd(4));
		break;
	case KWASM_TLS_A_FAIL_OPEN:
		nl_put(m, type, NULL, 0);
		break;
	default:
		nl_put_u32(m, type, rnd(4) ? rnd(8) : rnd(0));
		break;
	}
}

static int count_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg)
{
	/* Every reply must be a well-formed attribute stream. */
	return nl_parse(attrs, len, NULL, 0) ? -EBADMSG : 0;
}

/**
 * tt_fuzz() - the fuzz subcommand
 * @t: the connection
 * @argc: arguments after "fuzz"
 * @argv: them
 *
 * Return: the exit status.
 */
int tt_fuzz(struct tt *t, int argc, char **argv)
{
	unsigned long n = 0, acked = 0, added = 0;
	time_t end;
	struct nl_msg m;
	u32 i, nattr;
	u8 cmd;
	int rc;

	if (argc < 1)
		return 2;
	end = time(NULL) + atoi(argv[0]);
	rng_state = argc > 1 ? strtoul(argv[1], NULL, 0) : 1;
	if (!rng_state)
		rng_state = 1;
	while (time(NULL) < end) {
		cmd = rnd(10) ? 1 + rnd(KWASM_TLS_CMD_MAX) : rnd(256);
		/* READY is the kernel's; only dumps of LIST make sense. */
		rc = nl_msg_init(&m, t->family,
				 cmd == KWASM_TLS_CMD_RULE_LIST && rnd(2) ? NLM_F_DUMP : NLM_F_ACK,
				 cmd, rnd(8) ? KWASM_TLS_GENL_VERSION : rnd(256));
		if (rc)
			return tt_fail("fuzz", rc, NULL);
		/* Half the additions start valid, so rules exist to list and delete. */
		if (cmd == KWASM_TLS_CMD_RULE_ADD && rnd(2)) {
			nl_put_u8(&m, KWASM_TLS_A_SIDE, 1 + rnd(2));
			nl_put(&m, KWASM_TLS_A_PORT, &(u16){ 1 + rnd(100) }, 2);
			nl_put_str(&m, KWASM_TLS_A_CERT, "/c");
			nl_put_str(&m, KWASM_TLS_A_KEY, "/k");
			nl_put_str(&m, KWASM_TLS_A_CA, "/ca");
		}
		nattr = rnd(13);
		for (i = 0; i < nattr; i++) {
			u16 type = rnd(8) ? 1 + rnd(KWASM_TLS_A_MAX) : rnd(64);

			if (rnd(2))
				put_shaped(&m, type);
			else
				put_random(&m, type | (rnd(8) ? 0 : NLA_F_NESTED));
		}
		rc = nl_request(&t->nl, &m, count_cb, NULL, NULL);
		nl_msg_free(&m);
		n++;
		if (rc == -EBADMSG || rc == -ENOBUFS || rc == -ECONNRESET) {
			fprintf(stderr, "kwasm-tlstest: fuzz: request %lu (cmd %u): %s\n", n, cmd,
				strerror(-rc));
			return 1;
		}
		if (!rc) {
			acked++;
			added += cmd == KWASM_TLS_CMD_RULE_ADD;
		}
	}
	printf("%lu requests, %lu acked, %lu rules added\n", n, acked, added);
	return 0;
}
