// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-nlfuzz: fuzz the kwasm and kwasm_tls generic netlink families
 * (nlfuzz.h).
 *
 *   kwasm-nlfuzz [--seed N] [--seconds N] [--count N] [--jobs N]
 *                [--unpriv N] [--dir DIR]... [--ack-timeout MS]
 *                [--long MS] [--synth LIST] [--no-traffic] [-v]
 *   kwasm-nlfuzz --load-fd PATH NAME   one LOAD of PATH's own descriptor
 *
 * The parent never sends fuzzed requests itself: it loads the base
 * modules, forks the workers, kills a worker stuck in a request longer
 * than allowed (a missing ack is a finding, a long guest call is not),
 * restarts it, and at the end unloads everything from a child process it
 * also times.  Exit status: 0 without findings, 1 with, 2 on bad usage or
 * when the family cannot be found.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nlfuzz.h"

struct fz_cfg fz_cfg = {
	.seed = 1,
	.jobs = 3,
	.unpriv = 1,
	.ack_ms = 30000,
	.long_ms = 5000,
	.synth = ~0u,
	.traffic = true,
};

/* Past this after SIGKILL, a worker is stuck in the kernel (debug kernels are slow). */
#define FZ_KILL_MS	60000
/* Cleanup gets this long before it counts as hung. */
#define FZ_CLEANUP_MS	120000

static void usage(void)
{
	fprintf(stderr,
		"Usage: kwasm-nlfuzz [--seed N] [--seconds N] [--count N] [--jobs N] [--unpriv N]\n"
		"                    [--dir DIR]... [--ack-timeout MS] [--long MS] [--synth LIST]\n"
		"                    [--no-traffic] [-v]\n"
		"       kwasm-nlfuzz --load-fd PATH NAME\n");
	exit(2);
}

static uint64_t number(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || !*s || *end)
		usage();
	return v;
}

static void parse(int argc, char **argv)
{
	const char *arg;
	int i, ret;

	for (i = 1; i < argc; i++) {
		arg = argv[i];
		if (!strcmp(arg, "-v")) {
			fz_cfg.verbose = true;
			continue;
		}
		if (!strcmp(arg, "--no-traffic")) {
			fz_cfg.traffic = false;
			continue;
		}
		if (i + 1 >= argc)
			usage();
		if (!strcmp(arg, "--load-fd") && i + 2 < argc)
			exit(fz_load_fd(argv[i + 1], argv[i + 2]));
		if (!strcmp(arg, "--seed")) {
			fz_cfg.seed = number(argv[++i]);
		} else if (!strcmp(arg, "--seconds")) {
			fz_cfg.seconds = number(argv[++i]);
		} else if (!strcmp(arg, "--count")) {
			fz_cfg.count = number(argv[++i]);
		} else if (!strcmp(arg, "--jobs")) {
			fz_cfg.jobs = number(argv[++i]);
		} else if (!strcmp(arg, "--unpriv")) {
			fz_cfg.unpriv = number(argv[++i]);
		} else if (!strcmp(arg, "--ack-timeout")) {
			fz_cfg.ack_ms = number(argv[++i]);
		} else if (!strcmp(arg, "--long")) {
			fz_cfg.long_ms = number(argv[++i]);
		} else if (!strcmp(arg, "--synth")) {
			if (fz_synth_parse(argv[++i]))
				usage();
		} else if (!strcmp(arg, "--dir")) {
			ret = fz_corpus_add_dir(argv[++i], 2);
			if (ret)
				fprintf(stderr, "nlfuzz: %s: %s (skipped)\n", argv[i],
					strerror(-ret));
		} else {
			usage();
		}
	}
	if (fz_cfg.jobs + fz_cfg.unpriv > FZ_MAX_WORKERS || !(fz_cfg.jobs + fz_cfg.unpriv) ||
	    !fz_cfg.ack_ms || !fz_cfg.long_ms)
		usage();
	if (!fz_cfg.seconds && !fz_cfg.count)
		fz_cfg.seconds = 10;
}

static void start(int id)
{
	struct fz_slot *slot = &fz_sh->slot[id];
	pid_t pid;

	slot->busy_since = 0;
	slot->killed = 0;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		fz_finding("fork: %s", strerror(errno));
		return;
	}
	if (!pid)
		_exit(fz_worker_main(id, id < (int)fz_cfg.jobs, slot->gen));
	slot->pid = pid;
	slot->gen++;
}

/* A worker ended: say why, if that was not our doing. */
static void reaped(int id, int status)
{
	struct fz_slot *slot = &fz_sh->slot[id];

	if (slot->killed)
		return;
	if (WIFSIGNALED(status))
		fz_finding("worker %d killed by signal %d (%s) in %s", id, WTERMSIG(status),
			   strsignal(WTERMSIG(status)), fz_cmd_name(slot->cmd));
	else if (WEXITSTATUS(status))
		fz_finding("worker %d exited with status %d", id, WEXITSTATUS(status));
}

/* Kill workers that are in one request for too long. */
static void watchdog(int id, uint64_t now)
{
	struct fz_slot *slot = &fz_sh->slot[id];
	uint64_t since = __atomic_load_n(&slot->busy_since, __ATOMIC_ACQUIRE);

	if (slot->killed) {
		if (now - slot->killed_at > FZ_KILL_MS) {
			fz_finding("worker %d did not die within %u ms of SIGKILL in %s", id,
				   FZ_KILL_MS, fz_cmd_name(slot->cmd));
			slot->pid = 0;	/* stuck in the kernel: give up on it */
		}
		return;
	}
	/* Not busy, or busy since after @now was read. */
	if (!since || since >= now)
		return;
	if (slot->may_run_long && now - since > fz_cfg.long_ms) {
		fz_add(&fz_sh->busy_kills, 1);
	} else if (now - since > 2ULL * fz_cfg.ack_ms) {
		/* The worker checks acks itself; this is send() never returning. */
		fz_finding("%s: no ack within %u ms: the request blocks in send() (worker %d)",
			   fz_cmd_name(slot->cmd), 2 * fz_cfg.ack_ms, id);
	} else {
		return;
	}
	slot->killed = 1;
	slot->killed_at = now;
	kill(slot->pid, SIGKILL);
}

/* Run the workers until the budget is spent and all of them are gone. */
static void run(void)
{
	uint32_t n = fz_cfg.jobs + fz_cfg.unpriv, i, running;
	uint64_t end = fz_cfg.seconds ? fz_now_ms() + fz_cfg.seconds * 1000ULL : 0;
	uint64_t now;
	int status;
	pid_t pid;

	for (i = 0; i < n; i++)
		start(i);
	for (;;) {
		now = fz_now_ms();
		if ((end && now >= end) || (fz_cfg.count && fz_sh->tickets >= fz_cfg.count))
			__atomic_store_n(&fz_sh->stop, 1, __ATOMIC_RELAXED);
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			for (i = 0; i < n; i++) {
				if (fz_sh->slot[i].pid != pid)
					continue;
				reaped(i, status);
				fz_sh->slot[i].pid = 0;
				/* Killed in a long call: carry on with a fresh stream. */
				if (fz_sh->slot[i].killed && !fz_sh->stop)
					start(i);
			}
		}
		running = 0;
		for (i = 0; i < n; i++) {
			if (!fz_sh->slot[i].pid)
				continue;
			running++;
			watchdog(i, now);
		}
		if (!running && fz_sh->stop)
			return;
		usleep(20000);
	}
}

/* Unload everything in a child, so a hung kernel cannot hang us. */
static void cleanup(void)
{
	uint64_t end;
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		fz_finding("fork: %s", strerror(errno));
		return;
	}
	if (!pid)
		_exit(fz_pool_cleanup() ? 1 : 0);
	end = fz_now_ms() + FZ_CLEANUP_MS;
	while (fz_now_ms() < end) {
		if (waitpid(pid, &status, WNOHANG) == pid) {
			if (WIFSIGNALED(status))
				fz_finding("unloading killed by signal %d", WTERMSIG(status));
			return;
		}
		usleep(20000);
	}
	fz_finding("unloading did not finish within %u ms", FZ_CLEANUP_MS);
	kill(pid, SIGKILL);
}

int main(int argc, char **argv)
{
	struct nl_ext_err ext;
	struct nl_sock s;
	int rc, loaded;

	parse(argc, argv);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (geteuid()) {
		fprintf(stderr, "nlfuzz: must run as root (it drops privileges itself)\n");
		return 2;
	}
	if (fz_shared_init()) {
		perror("nlfuzz: mmap");
		return 2;
	}
	rc = fz_sock_open(&s);
	if (!rc)
		rc = nl_family(&s, KWASM_GENL_NAME, &fz_cfg.family, &ext);
	if (rc) {
		fprintf(stderr, "nlfuzz: generic netlink family %s: %s\n", KWASM_GENL_NAME,
			strerror(-rc));
		return 2;
	}
	if (nl_family(&s, KWASM_TLS_GENL_NAME, &fz_cfg.tls_family, &ext))
		fprintf(stderr, "nlfuzz: no %s family: fuzzing %s only\n", KWASM_TLS_GENL_NAME,
			KWASM_GENL_NAME);
	fz_pool_init();
	rc = fz_pool_snapshot(&s);
	if (!rc)
		rc = fz_tls_snapshot(&s);
	if (rc) {
		fprintf(stderr, "nlfuzz: LIST dump: %s\n", strerror(-rc));
		return 2;
	}
	loaded = fz_pool_setup(&s);
	nl_close(&s);
	printf("nlfuzz: seed %llu, %u+%u workers, %u s, %llu messages max, ",
	       (unsigned long long)fz_cfg.seed, fz_cfg.jobs, fz_cfg.unpriv, fz_cfg.seconds,
	       (unsigned long long)fz_cfg.count);
	printf("%u module files, %d base modules\n", fz_corpus.n, loaded);
	run();
	cleanup();
	fz_report();
	return fz_sh->findings ? 1 : 0;
}
