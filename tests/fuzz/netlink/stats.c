// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-nlfuzz: counters and findings shared by every process, and the
 * final report.  Workers may be killed at any point, so everything they
 * learn is written here at once, with atomic adds.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "nlfuzz.h"

struct fz_shared *fz_sh;

static const char *const cmd_names[FZ_NCMDS] = {
	[KWASM_CMD_UNSPEC] = "UNSPEC",
	[KWASM_CMD_LOAD] = "LOAD",
	[KWASM_CMD_UNLOAD] = "UNLOAD",
	[KWASM_CMD_LIST] = "LIST",
	[KWASM_CMD_CALL] = "CALL",
	[KWASM_CMD_STATS] = "STATS",
	[KWASM_CMD_ATTACH] = "ATTACH",
	[KWASM_CMD_DETACH] = "DETACH",
	[KWASM_CMD_MAP_GET] = "MAP_GET",
	[KWASM_CMD_MAP_SET] = "MAP_SET",
	[KWASM_CMD_MAP_DEL] = "MAP_DEL",
	[KWASM_CMD_MAP_DUMP] = "MAP_DUMP",
	[FZ_CMD_UNKNOWN] = "unknown",
	[FZ_TLS_CMD(KWASM_TLS_CMD_UNSPEC)] = "T_UNSPEC",
	[FZ_TLS_CMD(KWASM_TLS_CMD_RULE_ADD)] = "T_ADD",
	[FZ_TLS_CMD(KWASM_TLS_CMD_RULE_DEL)] = "T_DEL",
	[FZ_TLS_CMD(KWASM_TLS_CMD_RULE_LIST)] = "T_LIST",
	[FZ_TLS_CMD(KWASM_TLS_CMD_STATUS)] = "T_STATUS",
	[FZ_TLS_CMD(KWASM_TLS_CMD_READY)] = "T_READY",
	[FZ_TLS_CMD(KWASM_TLS_CMD_ACCEPT)] = "T_ACCEPT",
	[FZ_TLS_CMD(KWASM_TLS_CMD_DONE)] = "T_DONE",
	[FZ_TLS_UNKNOWN] = "T_unknown",
};

/**
 * fz_cmd_index() - a request's counter index
 * @tls: the request goes to kwasm_tls, else to kwasm
 * @cmd: its command number
 *
 * Return: an index below FZ_NCMDS.
 */
int fz_cmd_index(bool tls, uint8_t cmd)
{
	if (tls)
		return cmd <= KWASM_TLS_CMD_MAX ? FZ_TLS_CMD(cmd) : FZ_TLS_UNKNOWN;
	return cmd <= KWASM_CMD_MAX ? cmd : FZ_CMD_UNKNOWN;
}

/**
 * fz_cmd_name() - a command's name, for messages
 * @idx: fz_cmd_index() of the request
 *
 * Return: the name.
 */
const char *fz_cmd_name(int idx)
{
	return idx >= 0 && idx < FZ_NCMDS ? cmd_names[idx] : "?";
}

/**
 * fz_shared_init() - map the shared counters
 *
 * Return: 0 or -1.
 */
int fz_shared_init(void)
{
	void *p = mmap(NULL, sizeof(*fz_sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		       -1, 0);

	if (p == MAP_FAILED)
		return -1;
	fz_sh = p;
	return 0;
}

/**
 * fz_add() - add to a shared counter
 * @counter: a field of fz_sh
 * @n: how much
 */
void fz_add(uint64_t *counter, uint64_t n)
{
	__atomic_fetch_add(counter, n, __ATOMIC_RELAXED);
}

/**
 * fz_now_ms() - CLOCK_MONOTONIC in milliseconds
 *
 * Return: the time; never 0.
 */
uint64_t fz_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 + 1;
}

/**
 * fz_finding() - record something the kernel must not do
 * @fmt: printf format of the description
 *
 * Printed at once (a crash may follow) and kept for the report.
 */
void fz_finding(const char *fmt, ...)
{
	char buf[FZ_FINDING_LEN];
	uint32_t i;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fprintf(stderr, "nlfuzz: FINDING: %s\n", buf);
	i = __atomic_fetch_add(&fz_sh->findings, 1, __ATOMIC_RELAXED);
	if (i < FZ_MAX_FINDINGS)
		memcpy(fz_sh->finding[i], buf, sizeof(buf));
}

static void report_errnos(void)
{
	char line[512];
	size_t off = 0;
	int e;

	for (e = 1; e < FZ_ERRNOS; e++) {
		if (!fz_sh->errnos[e] || off >= sizeof(line) - 40)
			continue;
		off += snprintf(line + off, sizeof(line) - off, "%s%s %llu",
				off ? ", " : "", e == FZ_ERRNOS - 1 ? "other" : strerrorname_np(e),
				(unsigned long long)fz_sh->errnos[e]);
	}
	printf("nlfuzz: error acks: %s\n", off ? line : "none");
}

/**
 * fz_report() - print the counters, the findings and the summary line
 */
void fz_report(void)
{
	uint64_t total = 0, tls = 0;
	uint32_t i, n;

	printf("nlfuzz: %-9s %8s %8s %8s %8s\n", "command", "sent", "ok", "error", "data");
	for (i = 0; i < FZ_NCMDS; i++) {
		total += fz_sh->sent[i];
		if (i >= FZ_TLS_CMD(0))
			tls += fz_sh->sent[i];
		printf("nlfuzz: %-9s %8llu %8llu %8llu %8llu\n", cmd_names[i],
		       (unsigned long long)fz_sh->sent[i], (unsigned long long)fz_sh->ok[i],
		       (unsigned long long)fz_sh->err[i], (unsigned long long)fz_sh->data[i]);
	}
	report_errnos();
	for (i = 0; i < fz_cfg.jobs + fz_cfg.unpriv; i++)
		printf("nlfuzz: worker %u (%s): %llu datagrams, started %u times\n", i,
		       i < fz_cfg.jobs ? "root" : "uid 65534",
		       (unsigned long long)fz_sh->slot[i].msgs, fz_sh->slot[i].gen);
	printf("nlfuzz: dropped by design (bad nlmsg_len): %llu, stale replies: %llu\n",
	       (unsigned long long)fz_sh->noack, (unsigned long long)fz_sh->stale);
	printf("nlfuzz: long requests killed: %llu, send errors: %llu, overruns: %llu\n",
	       (unsigned long long)fz_sh->busy_kills, (unsigned long long)fz_sh->send_errors,
	       (unsigned long long)fz_sh->overruns);
	n = fz_sh->findings < FZ_MAX_FINDINGS ? fz_sh->findings : FZ_MAX_FINDINGS;
	for (i = 0; i < n; i++)
		printf("nlfuzz: finding %u: %s\n", i + 1, fz_sh->finding[i]);
	printf("nlfuzz: kwasm_tls: %llu messages (T_*)\n", (unsigned long long)tls);
	printf("nlfuzz: %llu messages, %u findings\n", (unsigned long long)total,
	       fz_sh->findings);
	fflush(stdout);
}
