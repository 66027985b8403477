// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Module files reach the kernel as sealed memfds: kwasm.ko reads only
 * memory-backed files, since its LOAD handler holds a lock that every
 * generic netlink family shares and must not wait on a slow file system.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel.h"

/**
 * kmodule_memfd() - copy an open module file into a sealed memfd
 * @fd: the file, open for reading; left open
 *
 * Return: the memfd (close-on-exec), or a negative errno: -EISDIR/-EINVAL
 * if @fd is not a regular file, or what reading or copying failed with.
 */
int kmodule_memfd(int fd)
{
	enum { CHUNK = 65536 };
	struct stat st;
	ssize_t n, w;
	int mfd, err;
	char *buf;

	if (fstat(fd, &st))
		return -errno;
	if (!S_ISREG(st.st_mode))
		return S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
	buf = malloc(CHUNK);
	if (!buf)
		return -ENOMEM;
	mfd = memfd_create("kwasm-module", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (mfd < 0) {
		err = -errno;
		free(buf);
		return err;
	}
	while ((n = read(fd, buf, CHUNK)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		for (w = 0; w < n; ) {
			ssize_t k = write(mfd, buf + w, n - w);

			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0)
				goto fail;
			w += k;
		}
	}
	/* The kernel reads what the user loaded, not what changes later. */
	if (fcntl(mfd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL))
		goto fail;
	if (lseek(mfd, 0, SEEK_SET) < 0)
		goto fail;
	free(buf);
	return mfd;
fail:
	err = -errno;
	free(buf);
	close(mfd);
	return err;
}
