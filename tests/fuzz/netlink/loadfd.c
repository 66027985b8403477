// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-nlfuzz --load-fd PATH NAME: one LOAD whose KWASM_A_FD is PATH
 * opened as it is, not copied into a memfd as kwasm load does, so tests
 * can check which files the kernel agrees to read (35-hardening.sh).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/kwasm.h>

#include "nl.h"
#include "nlfuzz.h"

/**
 * fz_load_fd() - send one LOAD of @path's descriptor and print the answer
 * @path: the file, opened read-only
 * @name: the module name to load it under
 *
 * Prints "load-fd: ok" or "load-fd: <errno text>: <extack>".
 *
 * Return: 0 if the kernel answered, 1 if it could not be asked.
 */
int fz_load_fd(const char *path, const char *name)
{
	struct nl_ext_err ext;
	struct nl_sock s;
	struct nl_msg m;
	u16 family;
	int fd, rc;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "load-fd: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (fz_sock_open(&s) || nl_family(&s, KWASM_GENL_NAME, &family, &ext)) {
		fprintf(stderr, "load-fd: no kwasm generic netlink family\n");
		close(fd);
		return 1;
	}
	if (nl_msg_init(&m, family, NLM_F_ACK, KWASM_CMD_LOAD, KWASM_GENL_VERSION)) {
		close(fd);
		return 1;
	}
	nl_put_str(&m, KWASM_A_NAME, name);
	nl_put_u32(&m, KWASM_A_FD, fd);
	rc = nl_request(&s, &m, NULL, NULL, &ext);
	nl_msg_free(&m);
	close(fd);
	if (rc)
		printf("load-fd: %s: %s\n", strerror(-rc), ext.msg);
	else
		printf("load-fd: ok\n");
	return 0;
}
