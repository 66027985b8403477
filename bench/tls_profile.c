// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * tls_profile PORT PKI: one client handshake of kwasm-tlsd's core
 * (tlsd_hs_run(), as the agent's child runs it for a client rule) against
 * a TLS server on 127.0.0.1:PORT, in a freshly forked child, twice: first
 * with OpenSSL as the agent's parent leaves it ("cold"), then after the
 * parent has done one handshake itself ("warm").  Each child zeroes
 * callgrind's counters first, so under valgrind --tool=callgrind its
 * profile holds its own handshake only.  Prints "cold PID" and "warm PID"
 * for bench/tls-profile.sh, which reads the profiles.
 *
 * The certificate is PKI/client-p256.pem, the peer must be
 * dns:server.example.org, as in bench/vm/tls.sh.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <valgrind/callgrind.h>

#include "hs.h"

static char cert[4096], key[4096], ca[4096];
static const char *const peers[] = { "dns:server.example.org" };
static const struct tlsd_hs_params params = {
	.side = KWASM_TLS_CLIENT,
	.action = KWASM_TLS_ACT_TLS,
	.cert = cert,
	.key = key,
	.ca = ca,
	.peers = peers,
	.npeers = 1,
	.timeout_ms = 60000,
};

/* One handshake on a new connection; 0 or -1. */
static int handshake(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	struct tlsd_hs_result r;
	int fd, rc;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		perror("tls_profile: connect");
		return -1;
	}
	rc = tlsd_hs_run(fd, &params, &r);
	if (rc)
		fprintf(stderr, "tls_profile: the TLS setup failed (%d): %s\n", rc, r.reason);
	tlsd_hs_result_clear(&r);
	close(fd);
	return rc ? -1 : 0;
}

/* The handshake in a child, as kwasm-tlsd runs it; 0 or -1. */
static int child(const char *name, int port)
{
	pid_t pid;
	int st;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		CALLGRIND_ZERO_STATS;
		_exit(handshake(port) ? 1 : 0);
	}
	printf("%s %d\n", name, (int)pid);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	int port;

	if (argc != 3) {
		fprintf(stderr, "usage: tls_profile PORT PKI\n");
		return 2;
	}
	port = atoi(argv[1]);
	snprintf(cert, sizeof(cert), "%s/client-p256.pem", argv[2]);
	snprintf(key, sizeof(key), "%s/client-p256.key", argv[2]);
	snprintf(ca, sizeof(ca), "%s/ca.pem", argv[2]);
	if (tlsd_hs_init())
		return 1;
	if (child("cold", port) || handshake(port) || child("warm", port))
		return 1;
	return 0;
}
