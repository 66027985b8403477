// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-tlstest conn RULE MODE [SECS [PORT]]: a loopback TCP connection of
 * our own (to 127.0.0.1:PORT, default any), handed to the handshake upcall
 * through kwasm.ko's test hook (tls_test_hook=1, debugfs kwasm_tls/submit):
 * RULE is a rule id (as if it matched the client end), or client or
 * server (that end goes through the rule matcher); then wait up to SECS
 * (default 10) for the outcome MODE on the submitted end:
 *
 *   reset  it is reset (recv fails with ECONNRESET)
 *   pass   the request ends (STATUS pending=0) and plaintext still flows
 *   ktls   it carries the "tls" ULP; the other end takes the same keys
 *          the fake agent reported (zero AES-GCM-128, TLS 1.3) and data
 *          round-trips through kTLS both ways
 *
 * Prints "submitted" and then the mode's name on success.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <linux/tls.h>

#include "tlstest.h"

#ifndef SOL_TLS
#define SOL_TLS		282
#endif
#ifndef TCP_ULP
#define TCP_ULP		31
#endif

#define SUBMIT "/sys/kernel/debug/kwasm_tls/submit"

static int fail(const char *what)
{
	fprintf(stderr, "kwasm-tlstest: conn: %s: %s\n", what, strerror(errno));
	return 1;
}

static int pair(int *c, int *s, int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	socklen_t len = sizeof(a);
	int l, one = 1;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l >= 0)
		setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (l < 0 || bind(l, (void *)&a, sizeof(a)) || listen(l, 1) ||
	    getsockname(l, (void *)&a, &len))
		return fail("listen");
	*c = socket(AF_INET, SOCK_STREAM, 0);
	if (*c < 0 || connect(*c, (void *)&a, sizeof(a)))
		return fail("connect");
	*s = accept(l, NULL, NULL);
	if (*s < 0)
		return fail("accept");
	close(l);
	return 0;
}

static void timeouts(int fd, int secs)
{
	struct timeval tv = { .tv_sec = secs };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

/* One message from @from arrives whole at @to. */
static int echo(int from, int to, const char *msg)
{
	char buf[64];
	size_t len = strlen(msg);
	ssize_t n;

	if (send(from, msg, len, 0) != (ssize_t)len)
		return fail("send");
	n = recv(to, buf, len, MSG_WAITALL);
	if (n != (ssize_t)len || memcmp(buf, msg, len)) {
		fprintf(stderr, "kwasm-tlstest: conn: sent '%s', received %zd bytes (%s)\n", msg,
			n, n < 0 ? strerror(errno) : "");
		return 1;
	}
	return 0;
}

static int wait_pending_zero(int secs)
{
	char line[512];
	struct tt t;
	int i, rc;

	rc = tt_open(&t);
	if (rc)
		return rc;
	for (i = 0; i < secs * 10; i++) {
		rc = tt_status_line(&t, line, sizeof(line));
		if (rc || strstr(line, " pending=0 "))
			break;
		usleep(100000);
	}
	nl_close(&t.nl);
	if (!rc && !strstr(line, " pending=0 ")) {
		fprintf(stderr, "kwasm-tlstest: conn: still pending: %s\n", line);
		rc = 1;
	}
	return rc;
}

static int ulp_is_tls(int fd)
{
	char name[16] = "";
	socklen_t len = sizeof(name);

	return !getsockopt(fd, SOL_TCP, TCP_ULP, name, &len) && !strcmp(name, "tls");
}

/*
 * Both directions keyed: the kernel sets TLS_RX last.  Nothing gates the
 * application yet, so it must not send before (the ULP alone is not enough).
 */
static int ktls_ready(int fd)
{
	struct tls_crypto_info ci;
	socklen_t len = sizeof(ci);	/* the header only: any cipher */

	return ulp_is_tls(fd) && !getsockopt(fd, SOL_TLS, TLS_RX, &ci, &len);
}

static int mode_ktls(int c, int s, int secs)
{
	struct tls12_crypto_info_aes_gcm_128 k = {
		.info.version = TLS_1_3_VERSION,
		.info.cipher_type = TLS_CIPHER_AES_GCM_128,
	};
	int i;

	for (i = 0; i < secs * 10 && !ktls_ready(c); i++)
		usleep(100000);
	if (!ktls_ready(c)) {
		fprintf(stderr, "kwasm-tlstest: conn: no kTLS keys on the submitted end\n");
		return 1;
	}
	if (setsockopt(s, SOL_TCP, TCP_ULP, "tls", 3) ||
	    setsockopt(s, SOL_TLS, TLS_TX, &k, sizeof(k)) ||
	    setsockopt(s, SOL_TLS, TLS_RX, &k, sizeof(k)))
		return fail("kTLS on the server end");
	if (echo(c, s, "ping through kTLS") || echo(s, c, "pong through kTLS"))
		return 1;
	printf("ktls\n");
	return 0;
}

/**
 * tt_conn() - the conn subcommand
 * @argc: arguments after "conn"
 * @argv: them
 *
 * Return: the exit status.
 */
int tt_conn(int argc, char **argv)
{
	int c, s, h, secs = argc > 2 ? atoi(argv[2]) : 10;
	char buf[64], b;
	ssize_t n;

	if (argc < 2)
		return 2;
	if (pair(&c, &s, argc > 3 ? atoi(argv[3]) : 0))
		return 1;
	timeouts(c, secs);
	timeouts(s, secs);
	if (!strcmp(argv[0], "server")) {
		/* The accepted end is the one submitted: swap the roles. */
		h = c;
		c = s;
		s = h;
		snprintf(buf, sizeof(buf), "%d match server", c);
	} else if (!strcmp(argv[0], "client")) {
		snprintf(buf, sizeof(buf), "%d match client", c);
	} else {
		snprintf(buf, sizeof(buf), "%d %s", c, argv[0]);
	}
	h = open(SUBMIT, O_WRONLY);
	if (h < 0 || write(h, buf, strlen(buf)) < 0)
		return fail(SUBMIT);
	close(h);
	printf("submitted\n");
	fflush(stdout);
	if (!strcmp(argv[1], "reset")) {
		n = recv(c, &b, 1, 0);
		if (n < 0 && errno == ECONNRESET) {
			printf("reset\n");
			return 0;
		}
		fprintf(stderr, "kwasm-tlstest: conn: recv returned %zd (%s), not a reset\n", n,
			n < 0 ? strerror(errno) : "data");
		return 1;
	}
	if (!strcmp(argv[1], "pass")) {
		if (wait_pending_zero(secs) || echo(c, s, "plain") || echo(s, c, "text"))
			return 1;
		if (ulp_is_tls(c)) {
			fprintf(stderr, "kwasm-tlstest: conn: a passed connection has kTLS\n");
			return 1;
		}
		printf("pass\n");
		return 0;
	}
	if (!strcmp(argv[1], "ktls"))
		return mode_ktls(c, s, secs);
	return 2;
}
