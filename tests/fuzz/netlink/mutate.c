// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-nlfuzz: mutations.  Module files: real modules from the corpus,
 * mutated copies, random bytes, empty and oversized files, each in a fresh
 * memfd (a regular file, as KWASM_A_FD wants).  Messages: attribute
 * lengths of zero, below a header, past the end; truncation, bit flips,
 * trailing garbage, and datagrams the kernel must drop unanswered.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "nlfuzz.h"

/* Above the max_file_size parameter's default (16 MiB): sparse, costs nothing. */
#define FZ_OVERSIZE	((16 << 20) + 1)

static const char wasm_magic[8] = { 0, 'a', 's', 'm', 1, 0, 0, 0 };

/* Mostly a file known to load, so that mutants get past the decoder. */
static uint8_t *corpus_file(struct fz_rng *r, size_t *len, int *src)
{
	uint32_t i, ngood = __atomic_load_n(&fz_sh->ngood, __ATOMIC_RELAXED);
	uint8_t *buf = NULL;

	if (!fz_corpus.n)
		return NULL;
	if (ngood > FZ_MAX_GOOD)
		ngood = FZ_MAX_GOOD;
	if (ngood && fz_chance(r, 70))
		i = fz_sh->good[fz_below(r, ngood)];
	else
		i = fz_below(r, fz_corpus.n);
	if (i >= fz_corpus.n || fz_read_file(fz_corpus.paths[i], &buf, len))
		return NULL;
	*src = (int)i;
	return buf;
}

/* One in-place or resizing edit; the buffer has room for @cap bytes. */
static void mutate_once(struct fz_rng *r, uint8_t *b, size_t *len, size_t cap)
{
	static const uint8_t leb_max[5] = { 0xff, 0xff, 0xff, 0xff, 0x0f };
	static const uint8_t special[] = { 0, 0x7f, 0x80, 0xff, 0x40, 0x41, 0x0b };
	size_t n = *len, at, k;

	if (!n)
		return;
	at = fz_below(r, n);
	switch (fz_below(r, 7)) {
	case 0:		/* bit flips */
		for (k = 1 + fz_below(r, 8); k; k--)
			b[fz_below(r, n)] ^= 1u << fz_below(r, 8);
		break;
	case 1:		/* interesting bytes */
		b[at] = special[fz_below(r, ARRAY_SIZE(special))];
		break;
	case 2:		/* truncation */
		*len = at;
		break;
	case 3:		/* a huge LEB128 count */
		k = n - at < sizeof(leb_max) ? n - at : sizeof(leb_max);
		memcpy(b + at, leb_max, k);
		break;
	case 4:		/* insert random bytes */
		k = 1 + fz_below(r, 16);
		if (n + k > cap)
			break;
		memmove(b + at + k, b + at, n - at);
		fz_fill(r, b + at, k);
		*len = n + k;
		break;
	case 5:		/* delete a chunk */
		k = fz_below(r, n - at) + 1;
		memmove(b + at, b + at + k, n - at - k);
		*len = n - k;
		break;
	default:	/* duplicate a chunk */
		k = fz_below(r, n - at < 64 ? n - at : 64) + 1;
		if (n + k > cap)
			break;
		memmove(b + at + k, b + at, n - at);
		*len = n + k;
		break;
	}
}

static int write_all(int fd, const uint8_t *b, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, b, len);
		if (n <= 0)
			return -1;
		b += n;
		len -= n;
	}
	return 0;
}

/**
 * fz_module_fd() - a fresh memfd holding a module, or something like one
 * @r: the worker's random stream
 * @src: out: the corpus index of the bytes if they are an unmodified file, else -1
 *
 * Return: the file descriptor (offset 0), or -1.
 */
int fz_module_fd(struct fz_rng *r, int *src)
{
	uint32_t what = fz_below(r, 100);
	uint8_t *b = NULL, *m;
	size_t len = 0, cap, k;
	int fd;

	*src = -1;
	fd = memfd_create("nlfuzz", MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	if (what < 4)
		return fd;	/* empty */
	if (what < 6) {
		if (ftruncate(fd, what < 5 ? FZ_OVERSIZE : 0x100000000LL))
			goto fail;
		return fd;
	}
	if (what < 9 && fz_cfg.synth) {
		b = fz_synth(r, &len);
		if (!b)
			goto fail;
	} else if (what < 16) {
		len = fz_below(r, 4096);
		b = malloc(len + sizeof(wasm_magic));
		if (!b)
			goto fail;
		fz_fill(r, b, len);
		if (fz_chance(r, 70) && len >= sizeof(wasm_magic))
			memcpy(b, wasm_magic, sizeof(wasm_magic));
	} else {
		b = corpus_file(r, &len, src);
		if (!b)
			goto fail;
		if (what >= 60) {
			*src = -1;
			cap = len + 256;
			m = realloc(b, cap);
			if (!m)
				goto fail;
			b = m;
			for (k = 1 + fz_below(r, 4); k; k--)
				mutate_once(r, b, &len, cap);
		}
	}
	if (write_all(fd, b, len) || lseek(fd, 0, SEEK_SET))
		goto fail;
	free(b);
	return fd;
fail:
	free(b);
	close(fd);
	return -1;
}

/* A random attribute header in the message, top level or one nest down. */
static struct nlattr *pick_attr(struct fz_rng *r, uint8_t *buf, size_t len, size_t *end)
{
	size_t base = NLMSG_HDRLEN + GENL_HDRLEN, off = 0, inner = 0, n = 0;
	const struct nlattr *a, *found = NULL;

	if (len <= base)
		return NULL;
	/* Reservoir sampling: each attribute is picked with the same chance. */
	while ((a = nl_next(buf + base, len - base, &off)))
		if (!fz_below(r, ++n))
			found = a;
	if (!found)
		return NULL;
	*end = len;
	if ((found->nla_type & NLA_F_NESTED) && fz_chance(r, 50)) {
		a = nl_next(nl_data(found), nl_len(found), &inner);
		if (a) {
			*end = (const uint8_t *)nl_data(found) - buf + nl_len(found);
			found = a;
		}
	}
	return (struct nlattr *)found;
}

/**
 * fz_mutate_msg() - damage a built request
 * @r: the worker's random stream
 * @rq: the request; its only message's nlmsg_len is rewritten to fit,
 *	except when @rq->noack is set here
 */
void fz_mutate_msg(struct fz_rng *r, struct fz_req *rq)
{
	uint16_t lens[] = { 0, 1, 3, 4, 0xffff, 0, 0, 0 };
	struct nl_msg *m = &rq->m;
	struct nlmsghdr *nlh;
	struct nlattr *a;
	size_t end = 0, k;
	uint8_t *p;

	switch (fz_below(r, 8)) {
	case 0:
	case 1:
	case 2:		/* an attribute length: 0, below a header, past the end, off by one */
		a = pick_attr(r, m->buf, m->len, &end);
		if (!a)
			break;
		k = (uint8_t *)a - m->buf;
		lens[5] = end - k + 4;
		lens[6] = a->nla_len - 1;
		lens[7] = a->nla_len + 1;
		a->nla_len = lens[fz_below(r, ARRAY_SIZE(lens))];
		break;
	case 3:		/* truncate anywhere after the netlink header */
		m->len = NLMSG_HDRLEN + fz_below(r, m->len - NLMSG_HDRLEN + 1);
		break;
	case 4:		/* flip bits after the generic netlink header */
		if (m->len <= NLMSG_HDRLEN + GENL_HDRLEN)
			break;
		for (k = 1 + fz_below(r, 8); k; k--)
			m->buf[NLMSG_HDRLEN + GENL_HDRLEN +
			       fz_below(r, m->len - NLMSG_HDRLEN - GENL_HDRLEN)] ^=
				1u << fz_below(r, 8);
		break;
	case 5:		/* trailing garbage */
		k = 1 + fz_below(r, 64);
		p = realloc(m->buf, m->len + k);
		if (!p)
			break;
		m->buf = p;
		m->cap = m->len + k;
		fz_fill(r, m->buf + m->len, k);
		m->len += k;
		break;
	case 6:		/* the generic netlink header's version and reserved field */
		if (m->len >= NLMSG_HDRLEN + GENL_HDRLEN)
			fz_fill(r, m->buf + NLMSG_HDRLEN + 1, 3);
		break;
	default:	/* nlmsg_len disagrees with the datagram: dropped unanswered */
		nlh = (struct nlmsghdr *)m->buf;
		nlh->nlmsg_len = fz_chance(r, 50) ? m->len + 4 + fz_below(r, 4096) :
			fz_below(r, NLMSG_HDRLEN);
		rq->noack = true;
		return;
	}
	((struct nlmsghdr *)m->buf)->nlmsg_len = m->len;
}
