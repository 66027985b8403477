// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm stats: module count, engine allocations, module parameters and
 * whether the eBPF bridge (the kfuncs) is registered.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kernel.h"

/**
 * cmd_stats() - the `kwasm stats` subcommand
 * @argc: argument count, argv[0] being "stats"
 * @argv: arguments
 *
 * Return: EXIT_OK or EXIT_ERROR.
 */
int cmd_stats(int argc, char **argv)
{
	struct kp_stats s = { 0 };
	struct nl_ext_err ext;
	bool json = false;
	struct nl_msg m;
	struct kconn k;
	int rc;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "-j") && strcmp(argv[1], "--json")))
		return kusage("stats", "[-j]", NULL);
	json = argc == 2;
	if (kconnect(&k, "stats"))
		return EXIT_ERROR;
	rc = kmsg(&k, &m, KWASM_CMD_STATS, NLM_F_ACK);
	if (!rc) {
		rc = ksend(&k, &m, kp_stats_cb, &s, &ext);
		rc = rc ? kfail(&k, NULL, rc, &ext) : EXIT_OK;
	}
	nl_close(&k.sock);
	if (rc)
		return rc;
	if (json) {
		printf("{\"modules\":%u,\"allocations\":%llu,\"fuel\":%llu,\"max_pages\":%u,",
		       s.nmodules, (unsigned long long)s.allocs, (unsigned long long)s.fuel,
		       s.max_pages);
		printf("\"max_modules\":%u,\"max_file_size\":%u", s.max_modules, s.max_file);
		if (s.has_bpf)
			printf(",\"bpf_kfuncs\":%s,\"bpf_errno\":%d", s.bpf ? "false" : "true",
			       -s.bpf);
		printf("}\n");
		return EXIT_OK;
	}
	printf("modules:            %u (max %u)\n", s.nmodules, s.max_modules);
	printf("engine allocations: %llu\n", (unsigned long long)s.allocs);
	printf("default fuel:       %llu\n", (unsigned long long)s.fuel);
	printf("max memory pages:   %u\n", s.max_pages);
	printf("max file size:      %u bytes\n", s.max_file);
	/* An older kwasm.ko has no eBPF bridge and does not say. */
	if (s.has_bpf && !s.bpf)
		printf("eBPF bridge:        kfuncs registered\n");
	else if (s.has_bpf && s.bpf == -ENOKEY)
		/* kw_bpf_init()'s code for a module built without BTF */
		printf("eBPF bridge:        not registered (kwasm.ko has no BTF: %s)\n",
		       "its build output says why");
	else if (s.has_bpf)
		printf("eBPF bridge:        not registered (%s)\n", strerror(-s.bpf));
	return EXIT_OK;
}
