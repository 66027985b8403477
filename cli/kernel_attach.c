// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm attach, detach: run a data-path module's export as a netfilter hook
 * in one network namespace, and stop.
 */
#define _GNU_SOURCE	/* CLONE_NEWNET */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/nsfs.h>

#include "kernel.h"

#define HOOKS "ipv4-in|ipv4-out|ipv6-in|ipv6-out|forward"
#define ATTACH_ARGS "NAME EXPORT --hook " HOOKS " [--netns PATH] [--fail-closed] [--priority N]"
#define DETACH_ARGS "NAME EXPORT --hook " HOOKS " [--netns PATH]"

/*
 * Open a network namespace file such as /proc/PID/ns/net or one that
 * `ip netns add` bind-mounted; checked here so a wrong path gets its own
 * message rather than the kernel's EINVAL.
 */
static int open_netns(const char *cmd, const char *path)
{
	int fd, type;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "kwasm: %s: --netns %s: %s\n", cmd, path, strerror(errno));
		return -1;
	}
	type = ioctl(fd, NS_GET_NSTYPE);
	if (type != CLONE_NEWNET) {
		fprintf(stderr, "kwasm: %s: --netns %s: not a network namespace%s\n", cmd, path,
			type < 0 ? " file (try /proc/PID/ns/net or /run/netns/NAME)" : "");
		close(fd);
		return -1;
	}
	return fd;
}

/* The command line into @r; --netns is opened last, after every other check. */
static int parse(int argc, char **argv, bool attach, struct kp_attach_req *r)
{
	const char *cmd = argv[0], *args = attach ? ATTACH_ARGS : DETACH_ARGS;
	const char *pos[2], *netns = NULL;
	int i, npos = 0, hook = -1;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--hook")) {
			if (!val)
				return kusage(cmd, args, "--hook needs a hook name");
			hook = kp_hook_parse(val);
			if (hook < 0) {
				fprintf(stderr, "kwasm: %s: unknown hook '%s' (one of %s)\n", cmd,
					val, HOOKS);
				return EXIT_ERROR;
			}
			i++;
		} else if (!strcmp(a, "--netns")) {
			if (!val)
				return kusage(cmd, args, "--netns needs a path");
			netns = argv[++i];
		} else if (attach && !strcmp(a, "--fail-closed")) {
			r->fail_closed = true;
		} else if (attach && !strcmp(a, "--priority")) {
			if (opt_s32(cmd, a, val, &r->priority))
				return EXIT_ERROR;
			r->has_priority = true;
			i++;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "kwasm: %s: unknown option '%s'\n", cmd, a);
			return kusage(cmd, args, NULL);
		} else if (npos < 2) {
			pos[npos++] = a;
		} else {
			return kusage(cmd, args, "too many arguments");
		}
	}
	if (npos < 2)
		return kusage(cmd, args, npos ? "no export given" : "no module or export given");
	if (hook < 0)
		return kusage(cmd, args, "--hook is required");
	if (check_name(cmd, pos[0]))
		return EXIT_ERROR;
	r->name = pos[0];
	r->export = pos[1];
	r->hook = hook;
	r->netns_fd = netns ? open_netns(cmd, netns) : -1;
	return netns && r->netns_fd < 0 ? EXIT_ERROR : EXIT_OK;
}

static int attach_detach(int argc, char **argv, bool attach)
{
	struct kp_attach_req r = { 0 };
	struct nl_ext_err ext;
	struct nl_msg m;
	struct kconn k;
	int rc;

	if (parse(argc, argv, attach, &r))
		return EXIT_ERROR;
	rc = kconnect(&k, argv[0]);
	if (!rc) {
		rc = kmsg(&k, &m, attach ? KWASM_CMD_ATTACH : KWASM_CMD_DETACH, NLM_F_ACK);
		if (!rc) {
			kp_put_attach(&m, &r, attach);
			rc = ksend_settle(&k, &m, attach ? EEXIST : ENOENT, &ext);
			rc = rc ? kfail(&k, r.name, rc, &ext) : EXIT_OK;
		}
		nl_close(&k.sock);
	}
	if (r.netns_fd >= 0)
		close(r.netns_fd);
	if (!rc)
		printf("%s %s %s %s %s\n", attach ? "attached" : "detached", r.name, r.export,
		       attach ? "to" : "from", kp_hook_name(r.hook));
	return rc;
}

/**
 * cmd_attach() - the `kwasm attach` subcommand
 * @argc: argument count, argv[0] being "attach"
 * @argv: arguments
 *
 * Return: EXIT_OK or EXIT_ERROR.
 */
int cmd_attach(int argc, char **argv)
{
	return attach_detach(argc, argv, true);
}

/**
 * cmd_detach() - the `kwasm detach` subcommand
 * @argc: argument count, argv[0] being "detach"
 * @argv: arguments
 *
 * Return: EXIT_OK or EXIT_ERROR.
 */
int cmd_detach(int argc, char **argv)
{
	return attach_detach(argc, argv, false);
}
