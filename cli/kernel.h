/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * What the subcommands that talk to kwasm.ko share: the connection to the
 * "kwasm" generic netlink family, error reporting and argument checks.
 */
#ifndef KWASM_CLI_KERNEL_H
#define KWASM_CLI_KERNEL_H

#include "cli.h"
#include "kproto.h"

/**
 * struct kconn - a connection to one of kwasm's generic netlink families
 * @sock: the netlink socket
 * @family: the family's id
 * @version: the family's version
 * @cmd: subcommand name, for messages
 */
struct kconn {
	struct nl_sock sock;
	u16 family;
	u8 version;
	const char *cmd;
};

int kusage(const char *cmd, const char *args, const char *why);
int kmodule_memfd(int fd);
int kconnect_family(struct kconn *k, const char *cmd, const char *family, u8 version,
		    const char *missing);
int kconnect(struct kconn *k, const char *cmd);
int kmsg(struct kconn *k, struct nl_msg *m, u8 cmd, u16 flags);
int ksend(struct kconn *k, struct nl_msg *m, nl_cb_t cb, void *arg, struct nl_ext_err *ext);
int ksend_settle(struct kconn *k, struct nl_msg *m, int done, struct nl_ext_err *ext);
int kfail_say(const struct kconn *k, int err, const struct nl_ext_err *ext, const char *cap,
	      const char *enoent, ...) __attribute__((format(printf, 5, 6)));
int kfail(const struct kconn *k, const char *module, int err, const struct nl_ext_err *ext);
int klist(struct kconn *k, const char *name, struct kp_modules *l);
int check_name(const char *cmd, const char *name);
int opt_u64(const char *cmd, const char *opt, const char *s, u64 max, u64 *out);
int opt_s32(const char *cmd, const char *opt, const char *s, s32 *out);
void kjson_str(const char *s);

#endif /* KWASM_CLI_KERNEL_H */
