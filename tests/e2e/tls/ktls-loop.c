// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ktls-loop: prove that the kernel's TLS (kTLS) carries a loopback TCP
 * connection, with no TLS library: both ends take the "tls" ULP and fixed
 * test keys (no handshake), as a TLS agent would after its handshake.
 *
 *   ktls-loop [-v 1.2|1.3] [-c CIPHER] [-n BYTES] echo|wire|ctl|badkey
 *
 *   echo  both ends kTLS (TX and RX); the client sends BYTES (default
 *         65536) in chunks, the server checks and echoes them back, the
 *         client checks the echo
 *   wire  only the client's TX is kTLS; the server reads the raw bytes and
 *         checks they form one application-data record that does not
 *         contain the plaintext
 *   ctl   the client sends an alert record (TLS_SET_RECORD_TYPE); a recv()
 *         without control-message space gets EIO, a recvmsg() with it gets
 *         the record and its type
 *   badkey  the server's RX key differs from the client's TX key: recv()
 *         must fail with EBADMSG (TlsDecryptError counts it)
 *
 * CIPHER: aes-gcm-128 (default), aes-gcm-256, aes-ccm-128,
 * chacha20-poly1305.  Exit 0 on success; 1 with a message on stderr
 * otherwise.  Counters move in /proc/net/tls_stat; the caller checks them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/tls.h>

#ifndef SOL_TLS
#define SOL_TLS 282
#endif

#define CHUNK 4096
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

union crypto {
	struct tls12_crypto_info_aes_gcm_128 gcm128;
	struct tls12_crypto_info_aes_gcm_256 gcm256;
	struct tls12_crypto_info_aes_ccm_128 ccm128;
	struct tls12_crypto_info_chacha20_poly1305 chacha;
};

static const struct {
	const char *name;
	int type;
	size_t size;
} ciphers[] = {
	{ "aes-gcm-128", TLS_CIPHER_AES_GCM_128,
	  sizeof(struct tls12_crypto_info_aes_gcm_128) },
	{ "aes-gcm-256", TLS_CIPHER_AES_GCM_256,
	  sizeof(struct tls12_crypto_info_aes_gcm_256) },
	{ "aes-ccm-128", TLS_CIPHER_AES_CCM_128,
	  sizeof(struct tls12_crypto_info_aes_ccm_128) },
	{ "chacha20-poly1305", TLS_CIPHER_CHACHA20_POLY1305,
	  sizeof(struct tls12_crypto_info_chacha20_poly1305) },
};

static int cipher;
static int version = TLS_1_3_VERSION;

static void die(const char *what)
{
	fprintf(stderr, "ktls-loop: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void fail(const char *what)
{
	fprintf(stderr, "ktls-loop: %s\n", what);
	exit(1);
}

/*
 * Fill the key material of one direction; seed tells the directions apart.
 * Every field after the header is a byte array, so one pattern fills
 * them all (rec_seq included: any start value is valid).
 */
static void fill(union crypto *c, unsigned char seed)
{
	unsigned char *p = (unsigned char *)c;
	size_t i;

	memset(c, 0, sizeof(*c));
	c->gcm128.info.version = version;
	c->gcm128.info.cipher_type = ciphers[cipher].type;
	for (i = sizeof(c->gcm128.info); i < ciphers[cipher].size; i++)
		p[i] = seed + i;
}

static void ulp(int fd)
{
	if (setsockopt(fd, IPPROTO_TCP, TCP_ULP, "tls", sizeof("tls")))
		die("setsockopt TCP_ULP tls");
}

static void key(int fd, int dir, unsigned char seed)
{
	union crypto c;

	fill(&c, seed);
	if (setsockopt(fd, SOL_TLS, dir, &c, ciphers[cipher].size))
		die(dir == TLS_TX ? "setsockopt TLS_TX" : "setsockopt TLS_RX");
}

/* A connected loopback pair: *cli connects, *srv is the accepted end. */
static void pair(int *cli, int *srv)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	int l;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0)
		die("socket");
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&a, &len))
		die("listen");
	*cli = socket(AF_INET, SOCK_STREAM, 0);
	if (*cli < 0 || connect(*cli, (struct sockaddr *)&a, sizeof(a)))
		die("connect");
	*srv = accept(l, NULL, NULL);
	if (*srv < 0)
		die("accept");
	close(l);
}

static void send_all(int fd, const unsigned char *buf, size_t n)
{
	ssize_t r;

	while (n) {
		r = send(fd, buf, n, 0);
		if (r < 0)
			die("send");
		buf += r;
		n -= r;
	}
}

static void recv_all(int fd, unsigned char *buf, size_t n)
{
	ssize_t r;

	while (n) {
		r = recv(fd, buf, n, 0);
		if (r < 0)
			die("recv");
		if (r == 0)
			fail("recv: early EOF");
		buf += r;
		n -= r;
	}
}

static void echo(size_t total)
{
	static unsigned char out[CHUNK], in[CHUNK], back[CHUNK];
	size_t done, n, i;
	int cli, srv;

	pair(&cli, &srv);
	ulp(cli);
	ulp(srv);
	key(cli, TLS_TX, 0x10);
	key(srv, TLS_RX, 0x10);
	key(srv, TLS_TX, 0x80);
	key(cli, TLS_RX, 0x80);
	for (done = 0; done < total; done += n) {
		n = total - done < CHUNK ? total - done : CHUNK;
		for (i = 0; i < n; i++)
			out[i] = (done + i) * 7 + 3;
		send_all(cli, out, n);
		recv_all(srv, in, n);
		if (memcmp(in, out, n))
			fail("the server got other bytes than sent");
		send_all(srv, in, n);
		recv_all(cli, back, n);
		if (memcmp(back, out, n))
			fail("the client got other bytes back");
	}
	close(cli);
	close(srv);
}

static void on_wire(void)
{
	static const char text[] = "GET /secret HTTP/1.1 plaintext marker";
	unsigned char raw[512];
	size_t tag = 16, want;
	int cli, srv;

	pair(&cli, &srv);
	ulp(cli);
	key(cli, TLS_TX, 0x10);
	send_all(cli, (const unsigned char *)text, sizeof(text));
	/*
	 * TLS 1.3: header, text, inner content type, tag; TLS 1.2: header,
	 * explicit nonce (none for ChaCha20), text, tag.
	 */
	if (version == TLS_1_3_VERSION)
		want = 5 + sizeof(text) + 1 + tag;
	else
		want = 5 + (ciphers[cipher].type ==
			    TLS_CIPHER_CHACHA20_POLY1305 ? 0 : 8) +
		       sizeof(text) + tag;
	recv_all(srv, raw, want);
	if (raw[0] != 0x17 || raw[1] != 3 || raw[2] != 3)
		fail("no application-data record header seen");
	if ((size_t)(raw[3] << 8 | raw[4]) != want - 5)
		fail("unexpected record length");
	if (memmem(raw, want, "plaintext marker", 16))
		fail("the plaintext went out unencrypted");
	close(cli);
	close(srv);
}

static void ctl(void)
{
	unsigned char alert[2] = { 1, 0 }, buf[16];
	char cbuf[CMSG_SPACE(sizeof(unsigned char))];
	struct iovec iov = { alert, sizeof(alert) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *cm;
	int cli, srv;
	ssize_t r;

	pair(&cli, &srv);
	ulp(cli);
	ulp(srv);
	key(cli, TLS_TX, 0x10);
	key(srv, TLS_RX, 0x10);
	m.msg_control = cbuf;
	m.msg_controllen = sizeof(cbuf);
	cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_TLS;
	cm->cmsg_type = TLS_SET_RECORD_TYPE;
	cm->cmsg_len = CMSG_LEN(sizeof(unsigned char));
	*CMSG_DATA(cm) = 21;
	if (sendmsg(cli, &m, 0) != sizeof(alert))
		die("sendmsg alert");
	r = recv(srv, buf, sizeof(buf), 0);
	if (r >= 0 || errno != EIO)
		fail("recv() without cmsg space did not fail with EIO");
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	m.msg_controllen = sizeof(cbuf);
	r = recvmsg(srv, &m, 0);
	if (r < 0)
		die("recvmsg alert");
	cm = CMSG_FIRSTHDR(&m);
	if (r != 2 || buf[0] != 1 || buf[1] != 0)
		fail("recvmsg() did not return the alert");
	if (!cm || cm->cmsg_level != SOL_TLS ||
	    cm->cmsg_type != TLS_GET_RECORD_TYPE || *CMSG_DATA(cm) != 21)
		fail("no record type 21 in the control message");
	close(cli);
	close(srv);
}

static void badkey(void)
{
	static const unsigned char text[] = "sealed with another key";
	unsigned char buf[64];
	int cli, srv;

	pair(&cli, &srv);
	ulp(cli);
	ulp(srv);
	key(cli, TLS_TX, 0x10);
	key(srv, TLS_RX, 0x11);
	send_all(cli, text, sizeof(text));
	if (recv(srv, buf, sizeof(buf), 0) >= 0 || errno != EBADMSG)
		fail("a record under the wrong key did not fail with EBADMSG");
	close(cli);
	close(srv);
}

static void bad_usage(void)
{
	fail("usage: ktls-loop [-v 1.2|1.3] [-c CIPHER] [-n BYTES] echo|wire|ctl|badkey");
}

int main(int argc, char **argv)
{
	size_t total = 65536;
	size_t i;
	int o;

	while ((o = getopt(argc, argv, "v:c:n:")) != -1) {
		switch (o) {
		case 'v':
			if (!strcmp(optarg, "1.2"))
				version = TLS_1_2_VERSION;
			else if (strcmp(optarg, "1.3"))
				bad_usage();
			break;
		case 'c':
			for (i = 0; i < ARRAY_SIZE(ciphers); i++)
				if (!strcmp(optarg, ciphers[i].name))
					break;
			if (i == ARRAY_SIZE(ciphers))
				bad_usage();
			cipher = i;
			break;
		case 'n':
			total = strtoul(optarg, NULL, 0);
			break;
		default:
			bad_usage();
		}
	}
	if (optind != argc - 1)
		bad_usage();
	if (!strcmp(argv[optind], "echo"))
		echo(total);
	else if (!strcmp(argv[optind], "wire"))
		on_wire();
	else if (!strcmp(argv[optind], "ctl"))
		ctl();
	else if (!strcmp(argv[optind], "badkey"))
		badkey();
	else
		bad_usage();
	return 0;
}
