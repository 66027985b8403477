// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-tlstest agent: a fake handshake agent (the upcall of
 * include/uapi/linux/kwasm_tls.h) that does no TLS at all.
 *
 *   agent accept                 one ACCEPT; prints "req=ID fd=FD side=S
 *                                rule=R timeout_ms=T local=1 remote=1"
 *   agent done ID STATUS [KEYS]  one DONE; KEYS is what TX and RX carry:
 *                                gcm128, gcm256, chacha (valid TLS 1.3
 *                                crypto_info, zero keys), tls12 (TLS 1.2),
 *                                long (gcm128 plus a byte), mixed (gcm128
 *                                out, gcm256 in), tx-only; none by default
 *   agent serve SECS WHAT [KEYS] join the group, wait up to SECS for a
 *                                READY, ACCEPT, check the fd is a socket,
 *                                then by WHAT: an errno or 0 (DONE with
 *                                it and KEYS), exit (no DONE: an agent
 *                                that dies), hang (no DONE for SECS),
 *                                other (a child process tries DONE first
 *                                and must be refused; then DONE 71)
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/tls.h>

#include "tlstest.h"

struct accepted {
	u64 id;
	u32 fd;
};

static int accept_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg)
{
	struct accepted *acc = arg;
	const struct nlattr *tb[KWASM_TLS_A_MAX + 1];
	u32 fd, rule, tmo;
	u64 id;
	u8 side;

	if (nl_parse(attrs, len, tb, KWASM_TLS_A_MAX) ||
	    !nl_get_u64(tb[KWASM_TLS_A_REQ_ID], &id) || !nl_get_u32(tb[KWASM_TLS_A_FD], &fd) ||
	    !nl_get_u8(tb[KWASM_TLS_A_SIDE], &side) ||
	    !nl_get_u32(tb[KWASM_TLS_A_RULE_ID], &rule) ||
	    !nl_get_u32(tb[KWASM_TLS_A_TIMEOUT_MS], &tmo))
		return -EBADMSG;
	if (acc) {
		acc->id = id;
		acc->fd = fd;
	}
	printf("req=%llu fd=%u side=%u rule=%u timeout_ms=%u local=%d remote=%d\n",
	       (unsigned long long)id, fd, side, rule, tmo, !!tb[KWASM_TLS_A_LOCAL],
	       !!tb[KWASM_TLS_A_REMOTE]);
	return 0;
}

static int cmd_accept(struct tt *t, struct accepted *acc)
{
	struct nl_ext_err ext;
	struct nl_msg m;
	int rc;

	rc = nl_msg_init(&m, t->family, NLM_F_ACK, KWASM_TLS_CMD_ACCEPT, KWASM_TLS_GENL_VERSION);
	if (rc)
		return tt_fail("accept", rc, NULL);
	rc = nl_request(&t->nl, &m, accept_cb, acc, &ext);
	nl_msg_free(&m);
	return rc ? tt_fail("accept", rc, &ext) : 0;
}

union keys {
	struct tls12_crypto_info_aes_gcm_128 gcm128;
	struct tls12_crypto_info_aes_gcm_256 gcm256;
	struct tls12_crypto_info_chacha20_poly1305 chacha;
	unsigned char bytes[128];
};

static size_t make_keys(union keys *k, const char *kind, bool rx)
{
	memset(k, 0, sizeof(*k));
	k->gcm128.info.version = TLS_1_3_VERSION;
	k->gcm128.info.cipher_type = TLS_CIPHER_AES_GCM_128;
	if (!strcmp(kind, "gcm128") || !strcmp(kind, "tx-only"))
		return sizeof(k->gcm128);
	if (!strcmp(kind, "long"))
		return sizeof(k->gcm128) + 1;
	if (!strcmp(kind, "tls12")) {
		k->gcm128.info.version = TLS_1_2_VERSION;
		return sizeof(k->gcm128);
	}
	if (!strcmp(kind, "mixed") && !rx)
		return sizeof(k->gcm128);
	if (!strcmp(kind, "gcm256") || !strcmp(kind, "mixed")) {
		k->gcm256.info.cipher_type = TLS_CIPHER_AES_GCM_256;
		return sizeof(k->gcm256);
	}
	if (!strcmp(kind, "chacha")) {
		k->chacha.info.cipher_type = TLS_CIPHER_CHACHA20_POLY1305;
		return sizeof(k->chacha);
	}
	return 0;
}

static int cmd_done(struct tt *t, int argc, char **argv)
{
	struct nl_ext_err ext;
	union keys tx, rx;
	struct nl_msg m;
	size_t len;
	int rc;

	if (argc < 2)
		return 2;
	rc = nl_msg_init(&m, t->family, NLM_F_ACK, KWASM_TLS_CMD_DONE, KWASM_TLS_GENL_VERSION);
	if (rc)
		return tt_fail("done", rc, NULL);
	/* An id of "-" leaves it out. */
	if (strcmp(argv[0], "-"))
		nl_put_u64(&m, KWASM_TLS_A_REQ_ID, strtoull(argv[0], NULL, 0));
	nl_put_u32(&m, KWASM_TLS_A_STATUS, strtoul(argv[1], NULL, 0));
	if (argc > 2) {
		nl_put_str(&m, KWASM_TLS_A_PEER_ID, "dns:peer.test");
		len = make_keys(&tx, argv[2], false);
		if (len)
			nl_put(&m, KWASM_TLS_A_TX, &tx, len);
		len = make_keys(&rx, argv[2], true);
		if (len && strcmp(argv[2], "tx-only"))
			nl_put(&m, KWASM_TLS_A_RX, &rx, len);
	}
	rc = nl_request(&t->nl, &m, NULL, NULL, &ext);
	nl_msg_free(&m);
	return rc ? tt_fail("done", rc, &ext) : 0;
}

static int wait_ready(struct tt *t, int secs)
{
	struct pollfd p = { .fd = t->nl.fd, .events = POLLIN };
	const struct genlmsghdr *g;
	char buf[8192];
	ssize_t n;
	int rc;

	rc = tt_join(t);
	if (rc)
		return rc;
	/* The test starts the connection once it sees this line. */
	printf("listening\n");
	fflush(stdout);
	while (poll(&p, 1, secs * 1000) == 1) {
		n = recv(t->nl.fd, buf, sizeof(buf), 0);
		if (n < (ssize_t)(NLMSG_HDRLEN + GENL_HDRLEN))
			break;
		g = (const void *)(buf + NLMSG_HDRLEN);
		if (g->cmd == KWASM_TLS_CMD_READY) {
			printf("ready\n");
			return 0;
		}
	}
	fprintf(stderr, "kwasm-tlstest: agent: no READY\n");
	return 1;
}

static int cmd_serve(struct tt *t, int argc, char **argv)
{
	struct accepted acc = {};
	char id[32], *done[3];
	struct stat st;
	int rc, wst;
	pid_t pid;

	if (argc < 2)
		return 2;
	rc = wait_ready(t, atoi(argv[0]));
	if (!rc)
		rc = cmd_accept(t, &acc);
	if (rc)
		return rc;
	if (fstat(acc.fd, &st) || !S_ISSOCK(st.st_mode)) {
		fprintf(stderr, "kwasm-tlstest: agent: fd %u is not a socket\n", acc.fd);
		return 1;
	}
	fflush(stdout);
	if (!strcmp(argv[1], "exit"))
		return 0;
	if (!strcmp(argv[1], "hang")) {
		sleep(atoi(argv[0]));
		return 0;
	}
	snprintf(id, sizeof(id), "%llu", (unsigned long long)acc.id);
	done[0] = id;
	done[1] = argv[1];
	done[2] = argc > 2 ? argv[2] : NULL;
	if (!strcmp(argv[1], "other")) {
		pid = fork();
		if (!pid) {
			done[1] = "0";
			done[2] = "gcm128";
			/* Not the accepting process: must be refused. */
			_exit(cmd_done(t, 3, done) == 1 ? 0 : 1);
		}
		if (pid < 0 || waitpid(pid, &wst, 0) != pid || !WIFEXITED(wst) ||
		    WEXITSTATUS(wst)) {
			fprintf(stderr, "kwasm-tlstest: agent: a child's DONE was not refused\n");
			return 1;
		}
		printf("child refused\n");
		done[1] = "71";
		done[2] = NULL;
	}
	rc = cmd_done(t, done[2] ? 3 : 2, done);
	if (!rc)
		printf("done\n");
	return rc;
}

/**
 * tt_agent() - the agent subcommands
 * @t: the connection
 * @argc: arguments after "agent"
 * @argv: them
 *
 * Return: the exit status.
 */
int tt_agent(struct tt *t, int argc, char **argv)
{
	if (argc >= 1 && !strcmp(argv[0], "accept"))
		return cmd_accept(t, NULL);
	if (argc >= 1 && !strcmp(argv[0], "done"))
		return cmd_done(t, argc - 1, argv + 1);
	if (argc >= 1 && !strcmp(argv[0], "serve"))
		return cmd_serve(t, argc - 1, argv + 1);
	fprintf(stderr, "usage: kwasm-tlstest agent accept|done|serve ...\n");
	return 2;
}
