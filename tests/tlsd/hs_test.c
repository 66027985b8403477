// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * One handshake of the kwasm-tlsd core against a peer, and what follows.
 *
 *   hs_test --side server|client [core options] --expect ok|ERRNO-NAME
 *           [--expect-peer ID] [--expect-reason TEXT] [--expect-suite NAME]
 *           (-- PEER COMMAND... | --garbage | --silent | --self [other options])
 *
 * Server side: the test listens on 127.0.0.1, runs the peer command with
 * %PORT% replaced (openssl s_client), accepts, and runs the core.  Client
 * side: the peer command (openssl s_server -rev -accept 0) says its port on
 * stdout; the test connects and runs the core.  --garbage and --silent are
 * built-in clients that send HTTP or nothing; --self runs the core as the
 * client in a child with the --other-* credentials.
 *
 * After a successful handshake the raw records are read from the socket and
 * decrypted with the RX crypto info, and records sealed with the TX one are
 * sent: s_client's stdin carries "kwasm ping" from before the handshake (so
 * it arrives right behind the client's Finished), the test answers "kwasm
 * pong", which s_client must print; s_server -rev must answer the test's
 * "kwasm ping" with "gnip msawk" after its two session tickets.  Prints one
 * line "ok ..." or "FAIL ..." and exits 0 or 1.
 */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "record.h"

#define MAXP	8
#define PING	"kwasm ping\n"
#define PONG	"kwasm pong\n"
#define GNIP	"gnip msawk"

enum peer_kind { PEER_CMD, PEER_GARBAGE, PEER_SILENT, PEER_SELF };

static struct {
	struct tlsd_hs_params p;
	const char *peers[MAXP];
	struct tlsd_hs_params o;
	const char *opeers[MAXP];
	const char *expect;
	const char *expect_peer;
	const char *expect_reason;
	const char *expect_suite;
	enum peer_kind kind;
	char **cmd;
} t;

static pid_t child = -1;
static int child_in = -1, child_out = -1;
static char out_buf[65536];
static size_t out_len;

static void die(const char *fmt, const char *arg)
{
	printf("FAIL ");
	printf(fmt, arg);
	printf("\n");
	if (child > 0)
		kill(child, SIGKILL);
	exit(1);
}

static int side_of(const char *s)
{
	if (!strcmp(s, "server"))
		return KWASM_TLS_SERVER;
	if (!strcmp(s, "client"))
		return KWASM_TLS_CLIENT;
	die("bad side %s", s);
	return 0;
}

static void parse(int argc, char **argv)
{
	struct tlsd_hs_params *p;
	const char **peers;
	int i;

	t.p.timeout_ms = 5000;
	t.p.action = KWASM_TLS_ACT_TLS;
	t.o = t.p;
	t.p.peers = t.peers;
	t.o.peers = t.opeers;
	t.expect = "ok";
	for (i = 1; i < argc; i++) {
		char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL, opt[32];
		bool other = !strncmp(a, "--other-", 8);

		p = other ? &t.o : &t.p;
		peers = other ? t.opeers : t.peers;
		if (other) {
			snprintf(opt, sizeof(opt), "--%s", a + 8);
			a = opt;
		}
		if (!strcmp(a, "--")) {
			t.cmd = argv + i + 1;
			return;
		} else if (!strcmp(a, "--garbage")) {
			t.kind = PEER_GARBAGE;
			continue;
		} else if (!strcmp(a, "--silent")) {
			t.kind = PEER_SILENT;
			continue;
		} else if (!strcmp(a, "--self")) {
			t.kind = PEER_SELF;
			continue;
		} else if (!strcmp(a, "--server-only")) {
			p->action = KWASM_TLS_ACT_SERVER_ONLY;
			continue;
		}
		if (!v)
			die("%s needs a value", a);
		i++;
		if (!strcmp(a, "--side"))
			p->side = side_of(v);
		else if (!strcmp(a, "--cert"))
			p->cert = v;
		else if (!strcmp(a, "--key"))
			p->key = v;
		else if (!strcmp(a, "--ca"))
			p->ca = v;
		else if (!strcmp(a, "--sni"))
			p->sni = v;
		else if (!strcmp(a, "--timeout"))
			p->timeout_ms = atoi(v);
		else if (!strcmp(a, "--peer") && p->npeers < MAXP)
			peers[p->npeers++] = v;
		else if (!strcmp(a, "--expect"))
			t.expect = v;
		else if (!strcmp(a, "--expect-peer"))
			t.expect_peer = v;
		else if (!strcmp(a, "--expect-reason"))
			t.expect_reason = v;
		else if (!strcmp(a, "--expect-suite"))
			t.expect_suite = v;
		else
			die("unknown option %s", a);
	}
}

/* Run the peer command, %PORT% replaced, stdin and stdout+stderr piped. */
static void spawn(int port)
{
	int in[2], out[2], i, n;
	char portbuf[16];
	char *argv[64];

	for (n = 0; t.cmd[n] && n < 63; n++)
		argv[n] = t.cmd[n];
	argv[n] = NULL;
	snprintf(portbuf, sizeof(portbuf), "%d", port);
	if (pipe(in) || pipe(out))
		die("pipe: %s", strerror(errno));
	child = fork();
	if (!child) {
		for (i = 0; i < n; i++) {
			char *s = strstr(argv[i], "%PORT%");

			if (s) {
				char *r = malloc(strlen(argv[i]) + 16);

				sprintf(r, "%.*s%s%s", (int)(s - argv[i]), argv[i], portbuf, s + 6);
				argv[i] = r;
			}
		}
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(out[1], 2);
		close(in[1]);
		close(out[0]);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	child_in = in[1];
	child_out = out[0];
}

/* Collect the peer's output until @want appears, EOF, or @ms pass. */
static bool collect(const char *want, int ms)
{
	struct pollfd pfd = { .fd = child_out, .events = POLLIN };
	ssize_t n;

	for (;;) {
		out_buf[out_len] = 0;
		if (want && strstr(out_buf, want))
			return true;
		if (child_out < 0 || poll(&pfd, 1, ms) <= 0)
			return false;
		n = read(child_out, out_buf + out_len, sizeof(out_buf) - 1 - out_len);
		if (n <= 0) {
			close(child_out);
			child_out = -1;
			return false;
		}
		out_len += n;
	}
}

static int listen_local(int *port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (void *)&sa, sizeof(sa)) || listen(fd, 4) ||
	    getsockname(fd, (void *)&sa, &len))
		die("listen: %s", strerror(errno));
	*port = ntohs(sa.sin_port);
	return fd;
}

static int connect_local(int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || connect(fd, (void *)&sa, sizeof(sa)))
		return -1;
	return fd;
}

static void set_timeout(int fd)
{
	struct timeval tv = { .tv_sec = 5 };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

static void send_rec(int fd, const union tlsd_crypto *c, uint64_t *seq, uint8_t type,
		     const void *data, size_t len)
{
	static uint8_t rec[REC_MAX];
	size_t n;

	if (rec_seal(c, (*seq)++, type, data, len, rec, &n) || write(fd, rec, n) != (ssize_t)n)
		die("cannot send a record%s", "");
}

/*
 * Read records until the application data contains @want; count the
 * handshake records (session tickets) before it.  Every record must
 * decrypt in order from sequence 0: a byte consumed by the core breaks it.
 */
static int recv_until(int fd, const union tlsd_crypto *c, const char *want, int *handshakes)
{
	static uint8_t rec[REC_MAX], pt[REC_MAX];
	char text[4096] = "";
	size_t len, n, tl = 0;
	uint64_t seq = 0;
	uint8_t type;
	int rc;

	*handshakes = 0;
	while (!strstr(text, want)) {
		rc = rec_read(fd, rec, &len);
		if (rc)
			return rc;
		if (rec[0] != 23)	/* a change_cipher_spec in compat mode */
			continue;
		rc = rec_open(c, seq++, rec, len, &type, pt, &n);
		if (rc)
			return rc;
		if (type == 22)
			(*handshakes)++;
		if (type != 23)
			continue;
		if (n > sizeof(text) - 1 - tl)
			n = sizeof(text) - 1 - tl;
		memcpy(text + tl, pt, n);
		tl += n;
		text[tl] = 0;
	}
	return 0;
}

static const uint8_t close_notify[2] = { 1, 0 };

/* What the self-test's client child does after its handshake. */
static int self_client(int port)
{
	struct tlsd_hs_result r;
	uint64_t seq = 0;
	int fd = connect_local(port), hs, rc;

	if (fd < 0)
		return 2;
	t.o.side = KWASM_TLS_CLIENT;
	rc = tlsd_hs_run(fd, &t.o, &r);
	if (rc) {
		fprintf(stderr, "self client: %s\n", r.reason);
		return 3;
	}
	set_timeout(fd);
	send_rec(fd, &r.tx, &seq, 23, PING, strlen(PING));
	rc = recv_until(fd, &r.rx, PONG, &hs);
	tlsd_hs_result_clear(&r);
	return rc || hs ? 4 : 0;
}

static void builtin_client(int port)
{
	static const char http[] = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
	int fd;

	child = fork();
	if (child)
		return;
	if (t.kind == PEER_SELF)
		_exit(self_client(port));
	fd = connect_local(port);
	if (fd >= 0 && t.kind == PEER_GARBAGE && write(fd, http, strlen(http)) < 0)
		_exit(1);
	sleep(10);
	_exit(0);
}

static int get_socket(void)
{
	int lfd, fd, port;
	char *s;

	if (t.p.side == KWASM_TLS_SERVER) {
		struct pollfd pfd;

		lfd = listen_local(&port);
		if (t.kind == PEER_CMD)
			spawn(port);
		else
			builtin_client(port);
		pfd.fd = lfd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 10000) != 1)
			die("the peer did not connect%s", "");
		fd = accept(lfd, NULL, NULL);
		close(lfd);
		return fd;
	}
	spawn(0);
	if (!collect("ACCEPT", 10000) || !collect("\n", 1000))
		die("the peer did not listen: %s", out_buf);
	s = strrchr(strstr(out_buf, "ACCEPT"), ':');
	port = s ? atoi(s + 1) : 0;
	fd = connect_local(port);
	if (fd < 0)
		die("cannot connect: %s", strerror(errno));
	return fd;
}

/* After the handshake: application data both ways through the crypto infos. */
static void exchange(int fd, struct tlsd_hs_result *r)
{
	uint64_t seq = 0;
	int hs, rc, status;

	set_timeout(fd);
	if (t.kind == PEER_SELF || (t.p.side == KWASM_TLS_SERVER && t.kind == PEER_CMD)) {
		rc = recv_until(fd, &r->rx, "kwasm ping", &hs);
		if (rc)
			die("cannot read the peer's data: %s", strerror(-rc));
		send_rec(fd, &r->tx, &seq, 23, PONG, strlen(PONG));
		send_rec(fd, &r->tx, &seq, 21, close_notify, sizeof(close_notify));
		if (t.kind == PEER_SELF) {
			waitpid(child, &status, 0);
			child = -1;
			if (!WIFEXITED(status) || WEXITSTATUS(status))
				die("the self-test client failed%s", "");
			return;
		}
		if (!collect("kwasm pong", 5000))
			die("s_client did not print our data: %s", out_buf);
		return;
	}
	send_rec(fd, &r->tx, &seq, 23, PING, strlen(PING));
	rc = recv_until(fd, &r->rx, GNIP, &hs);
	if (rc)
		die("cannot read the peer's data: %s", strerror(-rc));
	/* OpenSSL servers send two tickets; they must still be in the socket. */
	if (hs != 2)
		die("expected 2 session tickets before the data, got %s", hs ? "other" : "0");
	send_rec(fd, &r->tx, &seq, 21, close_notify, sizeof(close_notify));
}

static const char *errname(int rc)
{
	switch (-rc) {
	case 0: return "ok";
	case EACCES: return "EACCES";
	case EPROTO: return "EPROTO";
	case ETIMEDOUT: return "ETIMEDOUT";
	case ECONNRESET: return "ECONNRESET";
	case EINVAL: return "EINVAL";
	}
	return strerror(-rc);
}

int main(int argc, char **argv)
{
	struct tlsd_hs_result r;
	struct timespec a, b;
	int fd, rc;
	long ms;

	signal(SIGPIPE, SIG_IGN);
	parse(argc, argv);
	if (!t.p.side || (t.kind == PEER_CMD && (!t.cmd || !t.cmd[0])))
		die("usage: see the top of hs_test.c%s", "");
	if (tlsd_hs_init())
		die("cannot initialise OpenSSL%s", "");
	fd = get_socket();
	if (t.kind == PEER_CMD && child_in >= 0 && write(child_in, PING, strlen(PING)) < 0)
		die("cannot write to the peer%s", "");
	clock_gettime(CLOCK_MONOTONIC, &a);
	rc = tlsd_hs_run(fd, &t.p, &r);
	clock_gettime(CLOCK_MONOTONIC, &b);
	ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
	if (strcmp(errname(rc), t.expect))
		die("%s", rc ? r.reason : "handshake succeeded");
	if (t.expect_reason && !strstr(r.reason, t.expect_reason))
		die("reason: %s", r.reason);
	if (!strcmp(t.expect, "ETIMEDOUT") && (ms < t.p.timeout_ms || ms > t.p.timeout_ms + 1000))
		die("timeout not kept%s", "");
	if (!rc) {
		if (t.expect_peer && strcmp(r.peer_id, t.expect_peer))
			die("peer id: '%s'", r.peer_id);
		if (t.expect_suite && strcmp(r.suite, t.expect_suite))
			die("suite: %s", r.suite);
		if (r.tx.info.version != TLS_1_3_VERSION || r.rx.info.version != TLS_1_3_VERSION)
			die("not TLS 1.3 crypto info%s", "");
		exchange(fd, &r);
	}
	tlsd_hs_result_clear(&r);
	close(fd);
	if (child > 0) {
		kill(child, SIGTERM);
		waitpid(child, NULL, 0);
	}
	if (rc)
		printf("ok %s (%s) %ldms\n", errname(rc), r.reason, ms);
	else
		printf("ok %s %s %ldms\n", r.peer_id[0] ? r.peer_id : "-", r.suite, ms);
	return 0;
}
