// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-tlsd-ktls: the agent's handshake core, then the kernel's kTLS with
 * the crypto info it derived; for the test VM only (tests/e2e/68-tlsd-ktls),
 * never on a host: it sets TCP_ULP "tls".
 *
 *   kwasm-tlsd-ktls client PORT [options]  connect to 127.0.0.1:PORT (openssl
 *       s_server -rev), send "kwasm ping", expect "gnip msawk" back
 *   kwasm-tlsd-ktls server PORT [options]  accept on 127.0.0.1:PORT (openssl
 *       s_client), expect "kwasm ping", answer "kwasm pong"
 *   options: --cert F --key F --ca F --peer ID --sni NAME --server-only
 *   --after-close TEXT: then close_notify, then TEXT in an application-data
 *       record, which the peer must never read (RFC 8446 section 6.1);
 *       waits for the peer to close
 *   --submit RULE: no handshake here; the socket goes to kwasm.ko's test
 *       hook (debugfs kwasm_tls/submit, tls_test_hook=1) as if RULE had
 *       matched it, kwasm-tlsd handshakes, kwasm.ko installs kTLS; then the
 *       same exchange, as the plaintext application
 *
 * After the handshake everything goes through plain send()/recvmsg() on the
 * kTLS socket; non-data records (the server's session tickets) are read
 * with cmsg space and skipped, as kwasm.ko must do; a close_notify alert
 * ends the connection.  Prints the suite and exits 0 when the text came
 * back.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../tlsd/hs.h"

#ifndef SOL_TLS
#define SOL_TLS		282
#endif

#define SUBMIT	"/sys/kernel/debug/kwasm_tls/submit"

static bool keyed(int fd, int dir)
{
	union tlsd_crypto c;
	socklen_t len = sizeof(c);

	return !getsockopt(fd, SOL_TLS, dir, &c, &len);
}

/* Hand the socket to kwasm.ko and wait until it carries kTLS. */
static int submit(int fd, const char *rule)
{
	char buf[32], ulp[16];
	socklen_t len;
	FILE *f;
	int i;

	f = fopen(SUBMIT, "w");
	if (!f)
		return -errno;
	snprintf(buf, sizeof(buf), "%d %s", fd, rule);
	if (fputs(buf, f) < 0 || fclose(f))
		return -errno;
	/*
	 * Nothing gates the socket here: wait until both directions are keyed,
	 * or the kernel resets the connection (a refused handshake).
	 */
	for (i = 0; i < 600; i++) {
		struct pollfd pfd = { .fd = fd };

		if (poll(&pfd, 1, 0) > 0 && (pfd.revents & (POLLERR | POLLHUP)))
			return -ECONNRESET;
		len = sizeof(ulp);
		memset(ulp, 0, sizeof(ulp));
		if (!getsockopt(fd, SOL_TCP, TCP_ULP, ulp, &len) && !strcmp(ulp, "tls") &&
		    keyed(fd, TLS_TX) && keyed(fd, TLS_RX))
			return 0;
		usleep(50000);
	}
	return -ETIMEDOUT;
}

static int fail(const char *what, const char *detail)
{
	fprintf(stderr, "kwasm-tlsd-ktls: %s%s%s\n", what, detail ? ": " : "",
		detail ? detail : "");
	return 1;
}

static int tcp(bool server, int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	int fd = socket(AF_INET, SOCK_STREAM, 0), lfd, one = 1;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (!server)
		return fd >= 0 && !connect(fd, (void *)&sa, sizeof(sa)) ? fd : -1;
	lfd = fd;
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (lfd < 0 || bind(lfd, (void *)&sa, sizeof(sa)) || listen(lfd, 1))
		return -1;
	fd = accept(lfd, NULL, NULL);
	close(lfd);
	return fd;
}

/* Application data into @buf until it holds @want; other records are skipped. */
static int recv_until(int fd, const char *want, char *buf, size_t len)
{
	char cbuf[CMSG_SPACE(sizeof(unsigned char))];
	struct iovec iov;
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *c;
	size_t have = 0;
	unsigned char type;
	ssize_t n;

	buf[0] = 0;
	while (!strstr(buf, want)) {
		iov.iov_base = buf + have;
		iov.iov_len = len - 1 - have;
		msg.msg_control = cbuf;
		msg.msg_controllen = sizeof(cbuf);
		n = recvmsg(fd, &msg, 0);
		if (n <= 0)
			return n ? -errno : -ECONNRESET;
		type = 23;
		c = CMSG_FIRSTHDR(&msg);
		if (c && c->cmsg_level == SOL_TLS && c->cmsg_type == TLS_GET_RECORD_TYPE)
			type = *CMSG_DATA(c);
		if (type != 23) {
			buf[have] = 0;	/* a NewSessionTicket (22): skipped */
			continue;
		}
		have += n;
		buf[have] = 0;
	}
	return 0;
}

static void close_notify(int fd)
{
	char cbuf[CMSG_SPACE(sizeof(unsigned char))] = { 0 };
	unsigned char alert[2] = { 1, 0 };
	struct iovec iov = { .iov_base = alert, .iov_len = sizeof(alert) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);

	c->cmsg_level = SOL_TLS;
	c->cmsg_type = TLS_SET_RECORD_TYPE;
	c->cmsg_len = CMSG_LEN(sizeof(unsigned char));
	*CMSG_DATA(c) = 21;
	sendmsg(fd, &msg, 0);
}

/* Data after close_notify, then wait (10 s at most) for the peer's end. */
static void after_close(int fd, const char *text)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	char buf[256];

	close_notify(fd);
	send(fd, text, strlen(text), MSG_NOSIGNAL);
	while (poll(&pfd, 1, 10000) > 0 && recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		;
}

int main(int argc, char **argv)
{
	struct tlsd_hs_params p = { .action = KWASM_TLS_ACT_TLS, .timeout_ms = 30000 };
	const char *peers[8];
	struct tlsd_hs_result r = { 0 };
	const char *rule = NULL, *after = NULL;
	char buf[4096];
	bool server;
	int fd, i, rc;

	if (argc < 3 || (strcmp(argv[1], "client") && strcmp(argv[1], "server")))
		return fail("usage: kwasm-tlsd-ktls client|server PORT [options]", NULL);
	server = argv[1][0] == 's';
	p.side = server ? KWASM_TLS_SERVER : KWASM_TLS_CLIENT;
	p.peers = peers;
	for (i = 3; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(argv[i], "--server-only")) {
			p.action = KWASM_TLS_ACT_SERVER_ONLY;
			continue;
		}
		if (!v)
			return fail("a value is missing after", argv[i]);
		i++;
		if (!strcmp(argv[i - 1], "--cert"))
			p.cert = v;
		else if (!strcmp(argv[i - 1], "--key"))
			p.key = v;
		else if (!strcmp(argv[i - 1], "--ca"))
			p.ca = v;
		else if (!strcmp(argv[i - 1], "--sni"))
			p.sni = v;
		else if (!strcmp(argv[i - 1], "--peer") && p.npeers < 8)
			peers[p.npeers++] = v;
		else if (!strcmp(argv[i - 1], "--submit"))
			rule = v;
		else if (!strcmp(argv[i - 1], "--after-close"))
			after = v;
		else
			return fail("unknown option", argv[i - 1]);
	}
	fd = tcp(server, atoi(argv[2]));
	if (fd < 0)
		return fail("cannot connect or accept", strerror(errno));
	if (rule) {
		rc = submit(fd, rule);
		if (rc)
			return fail("kwasm.ko did not install kTLS", strerror(-rc));
		snprintf(r.suite, sizeof(r.suite), "kernel");
	} else {
		if (tlsd_hs_run(fd, &p, &r))
			return fail("handshake", r.reason);
		if (setsockopt(fd, SOL_TCP, TCP_ULP, "tls", sizeof("tls")) ||
		    setsockopt(fd, SOL_TLS, TLS_TX, &r.tx, r.crypto_len) ||
		    setsockopt(fd, SOL_TLS, TLS_RX, &r.rx, r.crypto_len))
			return fail("kTLS", strerror(errno));
		tlsd_hs_result_clear(&r);
	}
	if (server) {
		if (recv_until(fd, "kwasm ping", buf, sizeof(buf)))
			return fail("no ping through kTLS", buf);
		if (send(fd, "kwasm pong\n", 11, 0) != 11)
			return fail("send", strerror(errno));
	} else {
		if (send(fd, "kwasm ping\n", 11, 0) != 11)
			return fail("send", strerror(errno));
		if (recv_until(fd, "gnip msawk", buf, sizeof(buf)))
			return fail("no answer through kTLS", buf);
	}
	if (after)
		after_close(fd, after);
	else
		close_notify(fd);
	printf("%s %s ok\n", r.suite, r.peer_id[0] ? r.peer_id : "-");
	close(fd);
	return 0;
}
