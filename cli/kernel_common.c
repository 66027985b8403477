// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Shared by the kernel subcommands: connecting to the kwasm family, sending
 * a request, wording its failure, and checking names and numbers.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"
#include "../include/uapi/linux/kwasm_tls.h"
#include "values.h"

/**
 * kusage() - report a usage error
 * @cmd: the subcommand
 * @args: its argument synopsis
 * @why: what was wrong, or NULL
 *
 * Return: EXIT_ERROR.
 */
int kusage(const char *cmd, const char *args, const char *why)
{
	if (why)
		fprintf(stderr, "kwasm: %s: %s\n", cmd, why);
	fprintf(stderr, "Usage: kwasm %s %s\n", cmd, args);
	return EXIT_ERROR;
}

/**
 * kfail_say() - report a failed request the way the kernel explained it, if it did
 * @k: the connection
 * @err: the negative errno
 * @ext: the extended ACK, or NULL
 * @cap: the capability that -EPERM asks for
 * @enoent: printf format of our words for a bare -ENOENT, or NULL for strerror()
 *
 * Return: EXIT_ERROR.
 */
int kfail_say(const struct kconn *k, int err, const struct nl_ext_err *ext, const char *cap,
	      const char *enoent, ...)
{
	/* NL_SET_ERR_MSG_MOD() prefixes a name; we print our own. */
	static const char *const prefixes[] = { KWASM_TLS_GENL_NAME ": ", KWASM_GENL_NAME ": " };
	const char *msg = ext ? ext->msg : "";
	va_list ap;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(prefixes); i++)
		if (!strncmp(msg, prefixes[i], strlen(prefixes[i])))
			msg += strlen(prefixes[i]);
	/* EPERM reads the same whatever the kernel adds: the fix is the capability. */
	if (err == -EPERM) {
		fprintf(stderr, "kwasm: %s: %s (need %s)\n", k->cmd, strerror(EPERM), cap);
	} else if (msg[0]) {
		fprintf(stderr, "kwasm: %s: %s\n", k->cmd, msg);
	} else if (err == -ENOENT && enoent) {
		fprintf(stderr, "kwasm: %s: ", k->cmd);
		va_start(ap, enoent);
		vfprintf(stderr, enoent, ap);
		va_end(ap);
		fputc('\n', stderr);
	} else if (err == -EBADMSG) {
		fprintf(stderr, "kwasm: %s: malformed reply from the kernel\n", k->cmd);
	} else {
		fprintf(stderr, "kwasm: %s: %s\n", k->cmd, strerror(-err));
	}
	return EXIT_ERROR;
}

/**
 * kfail() - report a failed request on the kwasm family
 * @k: the connection
 * @module: the module the request named, for a bare -ENOENT; or NULL
 * @err: the negative errno
 * @ext: the extended ACK, or NULL
 *
 * Return: EXIT_ERROR.
 */
int kfail(const struct kconn *k, const char *module, int err, const struct nl_ext_err *ext)
{
	return kfail_say(k, err, ext, strcmp(k->cmd, "list") ? "CAP_SYS_ADMIN" : "CAP_NET_ADMIN",
			 module ? "%s: no such module" : NULL, module);
}

/**
 * kconnect_family() - open a netlink socket and find one of kwasm's families
 * @k: the connection to set up; nl_close(&k->sock) when done
 * @cmd: the subcommand, for messages
 * @family: the generic netlink family's name
 * @version: its version, for the requests kmsg() starts
 * @missing: what to say when the family is not registered
 *
 * Return: EXIT_OK, or EXIT_ERROR after saying why.
 */
int kconnect_family(struct kconn *k, const char *cmd, const char *family, u8 version,
		    const char *missing)
{
	struct nl_ext_err ext;
	int rc;

	k->cmd = cmd;
	k->version = version;
	rc = nl_open(&k->sock);
	if (rc) {
		fprintf(stderr, "kwasm: cannot open a netlink socket: %s\n", strerror(-rc));
		return EXIT_ERROR;
	}
	rc = nl_family(&k->sock, family, &k->family, &ext);
	if (!rc)
		return EXIT_OK;
	if (rc == -ENOENT)
		fprintf(stderr, "kwasm: %s\n", missing);
	else
		kfail(k, NULL, rc, &ext);
	nl_close(&k->sock);
	return EXIT_ERROR;
}

/**
 * kconnect() - open a netlink socket and find the kwasm family
 * @k: the connection to set up; nl_close(&k->sock) when done
 * @cmd: the subcommand, for messages
 *
 * Return: EXIT_OK, or EXIT_ERROR after saying why.
 */
int kconnect(struct kconn *k, const char *cmd)
{
	return kconnect_family(k, cmd, KWASM_GENL_NAME, KWASM_GENL_VERSION,
			       "the kwasm kernel module is not loaded (try: modprobe kwasm)");
}

/**
 * kmsg() - start a request to the connection's family
 * @k: the connection
 * @m: the message to initialise
 * @cmd: enum kwasm_cmd
 * @flags: NLM_F_ACK or NLM_F_DUMP
 *
 * Return: EXIT_OK, or EXIT_ERROR after saying why.
 */
int kmsg(struct kconn *k, struct nl_msg *m, u8 cmd, u16 flags)
{
	if (nl_msg_init(m, k->family, flags, cmd, k->version)) {
		fprintf(stderr, "kwasm: %s: out of memory\n", k->cmd);
		return EXIT_ERROR;
	}
	return EXIT_OK;
}

/**
 * ksend() - send a request, read its reply and free the message
 * @k: the connection
 * @m: the request, built with kmsg()
 * @cb: called for each data message of the reply, or NULL
 * @arg: passed to @cb
 * @ext: out: what the kernel said on failure
 *
 * Return: 0 or a negative errno, to be worded by kfail() or the caller.
 */
int ksend(struct kconn *k, struct nl_msg *m, nl_cb_t cb, void *arg, struct nl_ext_err *ext)
{
	int rc = nl_request(&k->sock, m, cb, arg, ext);

	nl_msg_free(m);
	return rc;
}

/**
 * ksend_settle() - ksend() a request whose outcome a repeat can tell
 * @k: the connection
 * @m: the request; freed
 * @done: the errno a repeat gets when the first request took effect
 *	(EEXIST, ENOENT), or 0 for a request that a repeat just does again
 * @ext: out: the kernel's extended error message, if any
 *
 * When the kernel cannot allocate its acknowledgment (ENOBUFS), the
 * request may or may not have taken effect.  It is sent once more, and a
 * repeat that says @done means the first one did: the state asked for is
 * there, which is what the user is told.
 *
 * Return: 0 or a negative errno.
 */
int ksend_settle(struct kconn *k, struct nl_msg *m, int done, struct nl_ext_err *ext)
{
	int rc = nl_request(&k->sock, m, NULL, NULL, ext);

	if (rc == -ENOBUFS) {
		rc = nl_request(&k->sock, m, NULL, NULL, ext);
		if (done && rc == -done)
			rc = 0;
		if (!rc) {
			if (ext)
				memset(ext, 0, sizeof(*ext));
			fprintf(stderr, "kwasm: %s: %s; a repeat found the request done\n",
				k->cmd, "the kernel's acknowledgment was lost");
		}
	}
	nl_msg_free(m);
	return rc;
}

/**
 * klist() - LIST one module or all of them
 * @k: the connection
 * @name: the module, or NULL for all
 * @l: the modules are appended here
 *
 * Return: EXIT_OK, or EXIT_ERROR after saying why.
 */
int klist(struct kconn *k, const char *name, struct kp_modules *l)
{
	struct nl_ext_err ext;
	struct nl_msg m;
	int rc;

	if (kmsg(k, &m, KWASM_CMD_LIST, name ? NLM_F_ACK : NLM_F_DUMP))
		return EXIT_ERROR;
	if (name)
		nl_put_str(&m, KWASM_A_NAME, name);
	rc = ksend(k, &m, kp_module_cb, l, &ext);
	return rc ? kfail(k, name, rc, &ext) : EXIT_OK;
}

static bool valid_name(const char *s)
{
	size_t n = strlen(s);

	if (!n || n >= KWASM_NAME_MAX)
		return false;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") == n;
}

/**
 * check_name() - check a module name as the kernel will
 * @cmd: the subcommand, for the message
 * @name: the name
 *
 * Return: EXIT_OK, or EXIT_ERROR after saying why.
 */
int check_name(const char *cmd, const char *name)
{
	if (valid_name(name))
		return EXIT_OK;
	fprintf(stderr,
		"kwasm: %s: invalid module name '%s' (1-%d characters of A-Z a-z 0-9 _ . -)\n",
		cmd, name, KWASM_NAME_MAX - 1);
	return EXIT_ERROR;
}

/**
 * opt_u64() - an unsigned option value
 * @cmd: the subcommand, for the message
 * @opt: the option, for the message
 * @s: its value, or NULL if it was missing
 * @max: the largest value allowed
 * @out: the value
 *
 * Return: EXIT_OK, or EXIT_ERROR after saying why.
 */
int opt_u64(const char *cmd, const char *opt, const char *s, u64 max, u64 *out)
{
	if (s && s[0] != '-' && !val_parse_int(s, 64, out) && *out <= max)
		return EXIT_OK;
	if (max == ~0ull)
		fprintf(stderr, "kwasm: %s: %s needs a number\n", cmd, opt);
	else
		fprintf(stderr, "kwasm: %s: %s needs a number up to %llu\n", cmd, opt,
			(unsigned long long)max);
	return EXIT_ERROR;
}

/**
 * opt_s32() - a signed 32-bit option value, in decimal
 * @cmd: the subcommand, for the message
 * @opt: the option, for the message
 * @s: its value, or NULL if it was missing
 * @out: the value
 *
 * Return: EXIT_OK, or EXIT_ERROR after saying why.
 */
int opt_s32(const char *cmd, const char *opt, const char *s, s32 *out)
{
	long long v;
	char *end;

	errno = 0;
	v = s ? strtoll(s, &end, 10) : 0;
	if (s && *s && !*end && !errno && v >= INT_MIN && v <= INT_MAX) {
		*out = v;
		return EXIT_OK;
	}
	fprintf(stderr, "kwasm: %s: %s needs a number from %d to %d\n", cmd, opt, INT_MIN,
		INT_MAX);
	return EXIT_ERROR;
}

/**
 * kjson_str() - print a JSON string
 * @s: UTF-8 text (the engine validates names); control characters are escaped
 */
void kjson_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}
