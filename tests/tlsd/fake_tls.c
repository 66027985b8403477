// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * A fake kwasm_tls family for testing kwasm-tlsd's loop without a kernel:
 * an LD_PRELOAD library that turns each generic netlink socket into one
 * end of a socketpair and answers from the other end, as kwasm.ko would.
 *
 * Joining the agent group gets a READY.  ACCEPT hands out, in order:
 *   1  a client connection to openssl s_server -rev on FAKE_TLS_PORT,
 *      mutual TLS, peer dns:server.test
 *   2  the same with peer dns:other.test only (to be refused)
 *   3  a connection to a listener that never answers, timeout 300 ms
 *   4  a request without a side (malformed), with an fd
 * then -ENOENT.  DONE is logged to FAKE_TLS_LOG ("done id=.. status=..
 * peer=.. tx=.. rx=.."); on success the fake then does what the kernel
 * would: it uses the TX/RX crypto info on the socket ("data ok id=..").
 * Certificates come from FAKE_TLS_PKI.  The rule commands of `kwasm tls`
 * are answered by fake_tls_rules.c.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../unit/fake_nlerr.h"
#include "fake_tls.h"
#include "record.h"

#define GROUP		7
#define NSOCKS		4
#define NREQS		4

static struct {
	int app;
	int kern;
} socks[NSOCKS] = { { -1, -1 }, { -1, -1 }, { -1, -1 }, { -1, -1 } };

static ssize_t (*real_send)(int fd, const void *buf, size_t len, int flags);
static int next_req = 1, silent_fd = -1, req_fd[NREQS + 1];

/*
 * The fake lives in the agent's process, so its own copies of the sockets
 * would outlive their requests in every handshake child; the kernel's do
 * not exist in the agent.  Children drop them.
 */
static void drop_in_child(void)
{
	int i;

	for (i = 1; i <= NREQS; i++)
		if (req_fd[i] > 0)
			close(req_fd[i]);
	if (silent_fd >= 0)
		close(silent_fd);
}

__attribute__((constructor)) static void init(void)
{
	pthread_atfork(NULL, NULL, drop_in_child);
}

void fake_log(const char *fmt, ...)
{
	const char *path = getenv("FAKE_TLS_LOG");
	FILE *f = path ? fopen(path, "a") : NULL;
	va_list ap;

	if (!f)
		return;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fclose(f);
}

static int kern_of(int fd)
{
	int i;

	for (i = 0; i < NSOCKS; i++)
		if (socks[i].app == fd && fd >= 0)
			return socks[i].kern;
	return -1;
}

int socket(int domain, int type, int protocol)
{
	int (*real)(int d, int t, int p) = dlsym(RTLD_NEXT, "socket");
	int sv[2], i;

	if (domain != AF_NETLINK || protocol != NETLINK_GENERIC)
		return real(domain, type, protocol);
	for (i = 0; i < NSOCKS && socks[i].app >= 0; i++)
		;
	if (i == NSOCKS || socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv))
		return -1;
	socks[i].app = sv[0];
	socks[i].kern = sv[1];
	return sv[0];
}

int bind(int fd, const struct sockaddr *sa, socklen_t len)
{
	int (*real)(int f, const struct sockaddr *a, socklen_t l) = dlsym(RTLD_NEXT, "bind");

	return kern_of(fd) >= 0 ? 0 : real(fd, sa, len);
}

void fake_reply(int kern, struct nl_msg *m, u16 type, u16 flags, u32 seq)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)m->buf;

	nlh->nlmsg_len = m->len;
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	real_send(kern, m->buf, m->len, 0);
	nl_msg_free(m);
}

/* NLMSG_ERROR (0 is the ACK), capped, with an extack message if @msg. */
void fake_ack(int kern, u32 seq, int error, const char *msg)
{
	u8 buf[FAKE_NLERR_MAX] __attribute__((aligned(4))) = { 0 };

	real_send(kern, buf, fake_nlerr(buf, 0, seq, error, msg), 0);
}

static void ack(int kern, u32 seq, int error)
{
	fake_ack(kern, seq, error, NULL);
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	int (*real)(int f, int l, int n, const void *v, socklen_t s) =
		dlsym(RTLD_NEXT, "setsockopt");
	int kern = kern_of(fd);
	struct nl_msg m;

	if (kern < 0)
		return real(fd, level, name, val, len);
	if (name == NETLINK_ADD_MEMBERSHIP) {
		if (len != sizeof(u32) || *(const u32 *)val != GROUP)
			return errno = EINVAL, -1;
		if (!real_send)
			real_send = dlsym(RTLD_NEXT, "send");
		nl_msg_init(&m, FAMILY, 0, KWASM_TLS_CMD_READY, KWASM_TLS_GENL_VERSION);
		fake_reply(kern, &m, FAMILY, 0, 0);
	}
	return 0;
}

static int tcp_to(int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd >= 0 && connect(fd, (void *)&sa, sizeof(sa))) {
		close(fd);
		return -1;
	}
	return fd;
}

/* A listener whose connections complete in the backlog and hear nothing. */
static int silent_port(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (silent_fd < 0) {
		silent_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (bind(silent_fd, (void *)&sa, sizeof(sa)) || listen(silent_fd, 4))
			return -1;
	}
	getsockname(silent_fd, (void *)&sa, &len);
	return ntohs(sa.sin_port);
}

static void put_path(struct nl_msg *m, u16 type, const char *name)
{
	char path[KWASM_TLS_PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", getenv("FAKE_TLS_PKI"), name);
	nl_put_str(m, type, path);
}

static void do_accept(int kern, u32 seq)
{
	const char *port = getenv("FAKE_TLS_PORT");
	struct sockaddr_in local, remote;
	socklen_t len = sizeof(local);
	int n = next_req, fd;
	struct nl_msg m;
	size_t nest;

	if (n > NREQS)
		return ack(kern, seq, -ENOENT);
	next_req++;
	fd = tcp_to(n == 3 ? silent_port() : atoi(port ? port : "0"));
	if (fd < 0)
		return ack(kern, seq, -ECONNREFUSED);
	req_fd[n] = fd;
	getsockname(fd, (void *)&local, &len);
	len = sizeof(remote);
	getpeername(fd, (void *)&remote, &len);
	nl_msg_init(&m, FAMILY, 0, KWASM_TLS_CMD_ACCEPT, KWASM_TLS_GENL_VERSION);
	nl_put_u64(&m, KWASM_TLS_A_REQ_ID, n);
	/* In the kernel, a new fd for the same file; here, a dup of the fake's. */
	nl_put_u32(&m, KWASM_TLS_A_FD, fcntl(fd, F_DUPFD_CLOEXEC, 0));
	if (n != 4)
		nl_put_u8(&m, KWASM_TLS_A_SIDE, KWASM_TLS_CLIENT);
	nl_put_u32(&m, KWASM_TLS_A_RULE_ID, 10 + n);
	put_path(&m, KWASM_TLS_A_CERT, "client.crt");
	put_path(&m, KWASM_TLS_A_KEY, "client.key");
	put_path(&m, KWASM_TLS_A_CA, "ca.crt");
	nest = nl_nest_start(&m, KWASM_TLS_A_PEERS);
	nl_put_str(&m, KWASM_TLS_A_PEER, n == 2 ? "dns:other.test" : "dns:server.test");
	nl_nest_end(&m, nest);
	nl_put_u32(&m, KWASM_TLS_A_TIMEOUT_MS, n == 3 ? 300 : 5000);
	nl_put(&m, KWASM_TLS_A_LOCAL, &local, sizeof(local));
	nl_put(&m, KWASM_TLS_A_REMOTE, &remote, sizeof(remote));
	fake_reply(kern, &m, FAMILY, 0, seq);
	ack(kern, seq, 0);
}

/* What kwasm.ko does with the keys: here, one exchange with s_server -rev. */
static bool use_keys(int fd, const struct nlattr *tx, const struct nlattr *rx)
{
	static uint8_t rec[REC_MAX], pt[REC_MAX];
	struct timeval tv = { .tv_sec = 5 };
	union tlsd_crypto ctx = { 0 }, crx = { 0 };
	uint64_t seq = 0;
	size_t n, len;
	uint8_t type;

	if (nl_len(tx) > sizeof(ctx) || nl_len(rx) > sizeof(crx))
		return false;
	memcpy(&ctx, nl_data(tx), nl_len(tx));
	memcpy(&crx, nl_data(rx), nl_len(rx));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (rec_seal(&ctx, 0, 23, "kwasm ping\n", 11, rec, &n) ||
	    real_send(fd, rec, n, MSG_NOSIGNAL) != (ssize_t)n)
		return false;
	for (;;) {
		if (rec_read(fd, rec, &len) || rec_open(&crx, seq++, rec, len, &type, pt, &n))
			return false;
		if (type == 23)
			return n >= 10 && !memcmp(pt, "gnip msawk", 10);
	}
}

static void do_done(int kern, u32 seq, const struct nlattr **tb)
{
	const char *peer = nl_get_str(tb[KWASM_TLS_A_PEER_ID]);
	u32 status = ~0u;
	u64 id = 0;

	nl_get_u64(tb[KWASM_TLS_A_REQ_ID], &id);
	nl_get_u32(tb[KWASM_TLS_A_STATUS], &status);
	fake_log("done id=%llu status=%u peer=%s tx=%zu rx=%zu\n", (unsigned long long)id,
		 status, peer ? peer : "-", tb[KWASM_TLS_A_TX] ? nl_len(tb[KWASM_TLS_A_TX]) : 0,
		 tb[KWASM_TLS_A_RX] ? nl_len(tb[KWASM_TLS_A_RX]) : 0);
	if (id < 1 || id > NREQS)
		return ack(kern, seq, -ENOENT);
	if (!status && tb[KWASM_TLS_A_TX] && tb[KWASM_TLS_A_RX])
		fake_log("data %s id=%llu\n",
			 use_keys(req_fd[id], tb[KWASM_TLS_A_TX], tb[KWASM_TLS_A_RX]) ? "ok" :
			 "FAIL", (unsigned long long)id);
	close(req_fd[id]);
	req_fd[id] = 0;
	ack(kern, seq, 0);
}

static void answer(int kern, const void *buf, size_t len)
{
	const struct nlmsghdr *nlh = buf;
	const struct genlmsghdr *g = NLMSG_DATA(nlh);
	const struct nlattr *tb[KWASM_TLS_A_MAX + 1];
	const char *fam;
	struct nl_msg m;
	size_t nest, grp;

	if (len < NLMSG_HDRLEN + GENL_HDRLEN ||
	    nl_parse(g + 1, len - NLMSG_HDRLEN - GENL_HDRLEN, tb, KWASM_TLS_A_MAX))
		return ack(kern, nlh->nlmsg_seq, -EINVAL);
	if (nlh->nlmsg_type == FAMILY && g->cmd == KWASM_TLS_CMD_ACCEPT)
		return do_accept(kern, nlh->nlmsg_seq);
	if (nlh->nlmsg_type == FAMILY && g->cmd == KWASM_TLS_CMD_DONE)
		return do_done(kern, nlh->nlmsg_seq, tb);
	if (nlh->nlmsg_type == FAMILY)
		return fake_rules(kern, nlh, g->cmd, tb);
	if (nlh->nlmsg_type != GENL_ID_CTRL)
		return ack(kern, nlh->nlmsg_seq, -EOPNOTSUPP);
	fam = nl_get_str(tb[CTRL_ATTR_FAMILY_NAME]);
	if (!fam || strcmp(fam, KWASM_TLS_GENL_NAME) || getenv("FAKE_TLS_ABSENT"))
		return ack(kern, nlh->nlmsg_seq, -ENOENT);
	nl_msg_init(&m, GENL_ID_CTRL, 0, CTRL_CMD_NEWFAMILY, 2);
	nl_put_str(&m, CTRL_ATTR_FAMILY_NAME, KWASM_TLS_GENL_NAME);
	nl_put(&m, CTRL_ATTR_FAMILY_ID, &(u16){ FAMILY }, 2);
	nest = nl_nest_start(&m, CTRL_ATTR_MCAST_GROUPS);
	grp = nl_nest_start(&m, 1);
	nl_put_str(&m, CTRL_ATTR_MCAST_GRP_NAME, KWASM_TLS_MCGRP_AGENT);
	nl_put_u32(&m, CTRL_ATTR_MCAST_GRP_ID, GROUP);
	nl_nest_end(&m, grp);
	nl_nest_end(&m, nest);
	fake_reply(kern, &m, GENL_ID_CTRL, 0, nlh->nlmsg_seq);
	ack(kern, nlh->nlmsg_seq, 0);
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	int kern;

	if (!real_send)
		real_send = dlsym(RTLD_NEXT, "send");
	kern = kern_of(fd);
	if (kern < 0)
		return real_send(fd, buf, len, flags);
	answer(kern, buf, len);
	return len;
}
