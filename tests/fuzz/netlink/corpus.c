// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-nlfuzz: the module files given on the command line (the VM's test
 * guests, the spec testsuite): their paths, read again whenever a request
 * needs one, so a large corpus costs no memory.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nlfuzz.h"

/* Files larger than this are left out: mutating them costs more than it finds. */
#define FZ_MAX_CORPUS_FILE	(1 << 20)

struct fz_corpus fz_corpus;

static int add_path(const char *path)
{
	char **p = realloc(fz_corpus.paths, (fz_corpus.n + 1) * sizeof(*p));

	if (!p)
		return -ENOMEM;
	fz_corpus.paths = p;
	p[fz_corpus.n] = strdup(path);
	if (!p[fz_corpus.n])
		return -ENOMEM;
	fz_corpus.n++;
	return 0;
}

/**
 * fz_corpus_add_dir() - add the *.wasm files of a directory
 * @dir: the directory
 * @depth: how many levels of subdirectories to enter too
 *
 * Return: 0 or a negative errno.
 */
int fz_corpus_add_dir(const char *dir, int depth)
{
	char path[4096];
	struct dirent *e;
	struct stat st;
	size_t n;
	int ret = 0;
	DIR *d;

	d = opendir(dir);
	if (!d)
		return -errno;
	while (!ret && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= sizeof(path))
			continue;
		if (stat(path, &st))
			continue;
		n = strlen(e->d_name);
		if (S_ISDIR(st.st_mode) && depth > 0)
			ret = fz_corpus_add_dir(path, depth - 1);
		else if (S_ISREG(st.st_mode) && n > 5 && !strcmp(e->d_name + n - 5, ".wasm") &&
			 st.st_size <= FZ_MAX_CORPUS_FILE)
			ret = add_path(path);
	}
	closedir(d);
	return ret;
}

/**
 * fz_read_file() - read a whole file
 * @path: the file
 * @buf: out: its bytes, malloc()ed (at least one byte allocated)
 * @len: out: their number
 *
 * Return: 0 or a negative errno.
 */
int fz_read_file(const char *path, uint8_t **buf, size_t *len)
{
	struct stat st;
	ssize_t n;
	size_t got = 0;
	int fd, ret = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || st.st_size > FZ_MAX_CORPUS_FILE) {
		close(fd);
		return -EFBIG;
	}
	*buf = malloc(st.st_size + 1);
	if (!*buf) {
		close(fd);
		return -ENOMEM;
	}
	while (got < (size_t)st.st_size) {
		n = read(fd, *buf + got, st.st_size - got);
		if (n <= 0) {
			ret = n ? -errno : -EIO;
			break;
		}
		got += n;
	}
	close(fd);
	if (ret) {
		free(*buf);
		return ret;
	}
	*len = got;
	return 0;
}

/**
 * fz_corpus_find() - the first corpus file with this base name
 * @base: e.g. "e2e_dp.wasm"
 *
 * Return: its index, or -1.
 */
int fz_corpus_find(const char *base)
{
	const char *slash;
	uint32_t i;

	for (i = 0; i < fz_corpus.n; i++) {
		slash = strrchr(fz_corpus.paths[i], '/');
		if (!strcmp(slash ? slash + 1 : fz_corpus.paths[i], base))
			return (int)i;
	}
	return -1;
}

/**
 * fz_corpus_good() - remember a file that loaded unmodified
 * @idx: its corpus index
 *
 * Mutants are mostly made from such files.  Racing workers may add a file
 * twice; that only weighs it more.
 */
void fz_corpus_good(uint32_t idx)
{
	uint32_t i, n = __atomic_load_n(&fz_sh->ngood, __ATOMIC_RELAXED);

	for (i = 0; i < n && i < FZ_MAX_GOOD; i++)
		if (fz_sh->good[i] == idx)
			return;
	i = __atomic_fetch_add(&fz_sh->ngood, 1, __ATOMIC_RELAXED);
	if (i < FZ_MAX_GOOD)
		fz_sh->good[i] = idx;
}
