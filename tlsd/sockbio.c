// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-tlsd: a BIO over the connection's socket.
 *
 * The fd shares its open file with the application that owns the
 * connection, so its flags are not ours to change: setting O_NONBLOCK
 * would make a blocking application see EAGAIN.  Every call passes
 * MSG_DONTWAIT instead (the handshake loop polls with its deadline), and
 * MSG_NOSIGNAL so a peer that resets cannot kill the agent with SIGPIPE.
 */
#include <errno.h>
#include <sys/socket.h>

#include <openssl/bio.h>

#include "internal.h"

/* OpenSSL's BIO_METHOD, made once and kept for the process. */
static struct bio_method_st *method;

static int sock_write(BIO *b, const char *buf, int len)
{
	ssize_t n;

	BIO_clear_retry_flags(b);
	do {
		n = send(BIO_get_fd(b, NULL), buf, len, MSG_DONTWAIT | MSG_NOSIGNAL);
	} while (n < 0 && errno == EINTR);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		BIO_set_retry_write(b);
	return n;
}

static int sock_read(BIO *b, char *buf, int len)
{
	ssize_t n;

	BIO_clear_retry_flags(b);
	do {
		n = recv(BIO_get_fd(b, NULL), buf, len, MSG_DONTWAIT);
	} while (n < 0 && errno == EINTR);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		BIO_set_retry_read(b);
	return n;
}

static long sock_ctrl(BIO *b, int cmd, long num, void *ptr)
{
	switch (cmd) {
	case BIO_C_SET_FD:
		BIO_set_data(b, (void *)(long)*(int *)ptr);
		BIO_set_init(b, 1);
		return 1;
	case BIO_C_GET_FD:
		if (ptr)
			*(int *)ptr = (int)(long)BIO_get_data(b);
		return (long)BIO_get_data(b);
	case BIO_CTRL_FLUSH:
		return 1;
	default:
		return 0;
	}
}

/**
 * tlsd_sockbio_new() - a BIO that reads and writes a socket without blocking
 * @fd: the socket; the BIO never closes it
 *
 * Return: the BIO, or NULL without memory.
 */
BIO *tlsd_sockbio_new(int fd)
{
	BIO *b;

	if (!method) {
		method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK |
				      BIO_TYPE_DESCRIPTOR, "kwasm-tlsd socket");
		if (!method || !BIO_meth_set_write(method, sock_write) ||
		    !BIO_meth_set_read(method, sock_read) ||
		    !BIO_meth_set_ctrl(method, sock_ctrl)) {
			BIO_meth_free(method);
			method = NULL;
			return NULL;
		}
	}
	b = BIO_new(method);
	if (b)
		BIO_set_fd(b, fd, BIO_NOCLOSE);
	return b;
}
