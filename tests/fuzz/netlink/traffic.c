// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-nlfuzz: a few packets over loopback after an ATTACH worked, so
 * the filters the fuzzer attached run at their netfilter hooks: on IPv4
 * and IPv6, in and out.  Nobody listens; only the hooks matter.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "nlfuzz.h"

#define FZ_DISCARD_PORT	9

static void send_one(int family)
{
	static int fds[2] = { -1, -1 };
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	struct sockaddr_in a4 = { .sin_family = AF_INET };
	int *fd = &fds[family == AF_INET6];
	char data[64];

	if (*fd < 0)
		*fd = socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (*fd < 0)
		return;
	memset(data, 0x45, sizeof(data));
	a4.sin_port = htons(FZ_DISCARD_PORT);
	a4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a6.sin6_port = htons(FZ_DISCARD_PORT);
	if (family == AF_INET6)
		sendto(*fd, data, sizeof(data), 0, (struct sockaddr *)&a6, sizeof(a6));
	else
		sendto(*fd, data, sizeof(data), 0, (struct sockaddr *)&a4, sizeof(a4));
}

/**
 * fz_traffic() - send a UDP datagram to 127.0.0.1 and one to ::1
 *
 * Failures (no IPv6, a filter dropping) do not matter.
 */
void fz_traffic(void)
{
	send_one(AF_INET);
	send_one(AF_INET6);
}
