// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-nlfuzz: the file descriptors a request can name in KWASM_A_FD and
 * KWASM_A_NETNS_FD.  The kernel looks them up in the sender's table, so
 * each worker opens its own zoo: every kind of file the handlers must
 * refuse, a network namespace, and fresh module files per request.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nlfuzz.h"

#define FZ_ZOO	16

/**
 * struct fz_fds - a worker's file descriptors
 * @zoo: files that are not modules (pipe ends, directory, socket...)
 * @n: their number
 * @closed: a number that was an fd and is not any more
 * @netns: /proc/self/ns/net, or -1
 * @module: the module file of the current request, or -1
 * @src: corpus index of @module's bytes if unmodified, else -1
 */
struct fz_fds {
	int zoo[FZ_ZOO];
	int n;
	int closed;
	int netns;
	int module;
	int src;
};

static void add(struct fz_fds *f, int fd)
{
	if (fd >= 0 && f->n < FZ_ZOO)
		f->zoo[f->n++] = fd;
}

/**
 * fz_fds_new() - open a worker's zoo
 * @nlfd: the worker's netlink socket, itself a candidate
 *
 * Return: the zoo, or NULL when out of memory.
 */
struct fz_fds *fz_fds_new(int nlfd)
{
	struct fz_fds *f = calloc(1, sizeof(*f));
	int p[2], s[2];

	if (!f)
		return NULL;
	f->module = -1;
	if (!pipe(p)) {
		add(f, p[0]);
		add(f, p[1]);
	}
	if (!socketpair(AF_UNIX, SOCK_DGRAM, 0, s)) {
		add(f, s[0]);
		close(s[1]);
	}
	add(f, open("/", O_RDONLY | O_DIRECTORY));
	add(f, open("/dev/null", O_RDWR));
	add(f, open("/proc/self/status", O_RDONLY));
	add(f, eventfd(0, 0));
	add(f, epoll_create1(0));
	add(f, nlfd);
	f->netns = open("/proc/self/ns/net", O_RDONLY);
	add(f, f->netns);
	f->closed = open("/dev/null", O_RDONLY);
	close(f->closed);
	return f;
}

/* Numbers that are never open, or were never valid. */
static uint32_t odd_number(struct fz_rng *r, struct fz_fds *f)
{
	static const uint32_t odd[] = { 0, 1, 2, 255, 1023, 1024, 65535, 0x7fffffff,
					0x80000000, 0xfffffffe, 0xffffffff };

	if (fz_chance(r, 30))
		return (uint32_t)f->closed;
	if (fz_chance(r, 50))
		return odd[fz_below(r, ARRAY_SIZE(odd))];
	return fz_below(r, 64);
}

/**
 * fz_fds_pick() - a file descriptor number for KWASM_A_FD
 * @f: the zoo
 * @r: the worker's random stream
 * @module: mostly a fresh module file (real, mutated or random bytes)
 * @src: out: the corpus index of the module file picked, if unmodified, else -1
 *
 * A module file opened here stays open until fz_fds_release().
 *
 * Return: the number, which may not be open at all.
 */
uint32_t fz_fds_pick(struct fz_fds *f, struct fz_rng *r, bool module, int *src)
{
	*src = -1;
	if (module && fz_chance(r, 85)) {
		if (f->module < 0)
			f->module = fz_module_fd(r, &f->src);
		if (f->module >= 0) {
			*src = f->src;
			return (uint32_t)f->module;
		}
	}
	if (fz_chance(r, 70) && f->n)
		return (uint32_t)f->zoo[fz_below(r, f->n)];
	return odd_number(r, f);
}

/**
 * fz_fds_netns() - a file descriptor number for KWASM_A_NETNS_FD
 * @f: the zoo
 * @r: the worker's random stream
 *
 * Return: mostly the worker's own network namespace.
 */
uint32_t fz_fds_netns(struct fz_fds *f, struct fz_rng *r)
{
	int src;

	if (f->netns >= 0 && fz_chance(r, 70))
		return (uint32_t)f->netns;
	return fz_fds_pick(f, r, fz_chance(r, 10), &src);
}

/**
 * fz_fds_file() - open a file as the current request's module file
 * @f: the zoo
 * @path: the file
 *
 * Return: the file descriptor number (one that is closed, if open failed).
 */
uint32_t fz_fds_file(struct fz_fds *f, const char *path)
{
	fz_fds_release(f);
	f->module = open(path, O_RDONLY | O_CLOEXEC);
	f->src = -1;
	return f->module >= 0 ? (uint32_t)f->module : (uint32_t)f->closed;
}

/**
 * fz_fds_release() - close the current request's module file
 * @f: the zoo
 */
void fz_fds_release(struct fz_fds *f)
{
	if (f->module >= 0)
		close(f->module);
	f->module = -1;
}
