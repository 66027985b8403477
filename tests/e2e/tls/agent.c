// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-tlstest agent: a fake handshake agent (the upcall of
 * include/uapi/linux/kwasm_tls.h).
 */
#include <stdio.h>

#include "tlstest.h"

/**
 * tt_agent() - the agent subcommands
 * @t: the connection
 * @argc: arguments after "agent"
 * @argv: them
 *
 * Return: the exit status.
 */
int tt_agent(struct tt *t, int argc, char **argv)
{
	fprintf(stderr, "kwasm-tlstest: agent: not implemented\n");
	return 2;
}
