/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Subcommands of the kwasm tool and the helpers they share.
 */
#ifndef KWASM_CLI_CLI_H
#define KWASM_CLI_CLI_H

#include <stdio.h>

#include "kwasm/engine.h"

/* Exit statuses of every subcommand. */
#define EXIT_OK		0
#define EXIT_ERROR	1	/* usage, I/O, invalid module, failed tests */
#define EXIT_TRAP	2	/* the guest trapped */

/* The kernel's ARRAY_SIZE(), which userspace lacks. */
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

int cmd_run(int argc, char **argv);
int cmd_spec(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_unload(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_call(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_attach(int argc, char **argv);
int cmd_detach(int argc, char **argv);
int cmd_map(int argc, char **argv);
int cmd_tls(int argc, char **argv);

/* Argument synopses and option lists, for usage errors and `kwasm help`. */
#define RUN_ARGS	"FILE.wasm [--invoke NAME] [ARG...] [--fuel N] [--max-pages N] [--stats]"
#define SPEC_ARGS	\
	"[--kernel [--spectest FILE]] [--quiet|-q] [--verbose|-v] [--timeout SECONDS] PATH..."
extern const char spec_more[];

int cli_read_file(const char *path, u8 **data, size_t *len);
const char *cli_error_text(int rc, const struct kw_error *err, char *buf, size_t len);
void cli_print_name(FILE *f, const char *name, size_t len);

#endif /* KWASM_CLI_CLI_H */
