// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-tlsd: the TLS handshake agent of kwasm's transparent mutual TLS.
 *
 * One process per handshake: the parent takes requests (ACCEPT), forks a
 * child that does the handshake on the request's socket and writes the
 * outcome into a pipe, and reports it (DONE).  A handshake parses hostile
 * input with a large library and reads private keys; in a child, a crash
 * or a leak costs one connection and no key outlives its handshake, while
 * the parent stays small, keeps the netlink sockets, and enforces every
 * deadline by killing a child that overruns it.  A fork costs less than
 * the handshake's public-key operations.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <openssl/opensslv.h>

#include "agent.h"
#include "version.h"	/* KWASM_VERSION, generated from VERSION */

#define JOBS_DEFAULT	64
#define JOBS_LIMIT	1024
#define GRACE_MS	500	/* past the request's own deadline */
#define RESCAN_MS	1000	/* look for work even without READY */
#define CHECK_MS	5000	/* is the family still there? */

/**
 * struct report - what a child writes to its pipe, in one atomic write
 * @err: tlsd_hs_run()'s return
 * @r: its result
 */
struct report {
	int err;
	struct tlsd_hs_result r;
};

_Static_assert(sizeof(struct report) <= PIPE_BUF, "one atomic pipe write");

/**
 * struct job - a handshake running in a child
 * @pid: the child
 * @pipe: its report, -1 for a free slot
 * @req: the request (its fd stays open here until DONE)
 * @start: when it began, in ms of CLOCK_MONOTONIC
 * @deadline: when the child is killed
 */
struct job {
	pid_t pid;
	int pipe;
	struct tlsd_req req;
	long start;
	long deadline;
};

static struct job *jobs;
static unsigned int njobs, max_jobs = JOBS_DEFAULT;
static int verbose;
static int sig_fd = -1;

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *errno_name(int err)
{
	switch (err) {
	case EACCES: return "EACCES";
	case EPROTO: return "EPROTO";
	case ETIMEDOUT: return "ETIMEDOUT";
	case ECONNRESET: return "ECONNRESET";
	case EINVAL: return "EINVAL";
	case EBADMSG: return "EBADMSG";
	case ENOMEM: return "ENOMEM";
	}
	return "error";
}

/* One line per handshake: rule, side, peer address, identity or reason, time. */
static void log_done(const struct job *j, int err, const struct tlsd_hs_result *r)
{
	const struct tlsd_hs_params *p = &j->req.params;
	char addr[INET6_ADDRSTRLEN + 8];

	tlsd_addr_str(&j->req.remote, addr, sizeof(addr));
	if (!err)
		fprintf(stderr, "kwasm-tlsd: rule %u %s %s %s %ldms %s\n", j->req.rule_id,
			p->side == KWASM_TLS_SERVER ? "server" : "client", addr,
			r->peer_id[0] ? r->peer_id : "-", now_ms() - j->start, r->suite);
	else
		fprintf(stderr, "kwasm-tlsd: rule %u %s %s refused %s: %s %ldms\n",
			j->req.rule_id, p->side == KWASM_TLS_SERVER ? "server" : "client", addr,
			errno_name(-err), r && r->reason[0] ? r->reason : strerror(-err),
			now_ms() - j->start);
}

static void done(struct tlsd_agent *a, struct job *j, int err, struct tlsd_hs_result *r)
{
	struct nl_ext_err ext;
	int rc;

	rc = tlsd_agent_done(a, j->req.id, err, r, &ext);
	log_done(j, err, r);
	if (rc)
		fprintf(stderr, "kwasm-tlsd: DONE of request %llu: %s\n",
			(unsigned long long)j->req.id, ext.msg[0] ? ext.msg : strerror(-rc));
	if (r)
		tlsd_hs_result_clear(r);
	if (j->req.fd >= 0)
		close(j->req.fd);
	if (j->pipe >= 0)
		close(j->pipe);
	tlsd_req_free(&j->req);
	j->pipe = -1;
	j->pid = 0;
	njobs--;
}

/* In the child: the handshake, its report, nothing else. */
static void __attribute__((noreturn)) child(struct tlsd_agent *a, struct job *j, int wfd)
{
	struct report rep;
	unsigned int i;
	ssize_t n;

	close(a->req.fd);
	close(a->ev.fd);
	close(sig_fd);
	for (i = 0; i < max_jobs; i++) {
		if (jobs[i].pipe >= 0 && &jobs[i] != j) {
			close(jobs[i].pipe);
			close(jobs[i].req.fd);
		}
	}
	memset(&rep, 0, sizeof(rep));
	rep.err = tlsd_hs_run(j->req.fd, &j->req.params, &rep.r);
	n = write(wfd, &rep, sizeof(rep));
	explicit_bzero(&rep, sizeof(rep));
	_exit(n == sizeof(rep) ? 0 : 1);
}

static void start(struct tlsd_agent *a, struct job *j)
{
	int p[2];

	j->start = now_ms();
	j->deadline = j->start + j->req.params.timeout_ms + GRACE_MS;
	j->pipe = -1;
	njobs++;
	if (pipe(p)) {
		done(a, j, -errno, NULL);
		return;
	}
	j->pid = fork();
	if (!j->pid) {
		close(p[0]);
		child(a, j, p[1]);
	}
	close(p[1]);
	j->pipe = p[0];
	if (j->pid < 0) {
		j->pid = 0;
		done(a, j, -EAGAIN, NULL);
	}
}

/* ACCEPT until nothing is pending or every slot is busy. */
static int take(struct tlsd_agent *a)
{
	static int last_err;
	struct tlsd_hs_result bad;
	struct nl_ext_err ext;
	unsigned int i;
	struct job *j;
	int rc;

	while (njobs < max_jobs) {
		for (i = 0, j = NULL; i < max_jobs && !j; i++)
			if (jobs[i].pipe < 0 && !jobs[i].pid)
				j = &jobs[i];
		rc = tlsd_agent_accept(a, &j->req, &ext);
		if (rc == -ENOENT) {
			last_err = 0;
			return 0;
		}
		if (!rc) {
			if (verbose)
				fprintf(stderr, "kwasm-tlsd: request %llu, rule %u\n",
					(unsigned long long)j->req.id, j->req.rule_id);
			start(a, j);
			continue;
		}
		/* A malformed request that names itself is failed; its fd is closed. */
		if (j->req.id) {
			memset(&bad, 0, sizeof(bad));
			snprintf(bad.reason, sizeof(bad.reason), "%s",
				 rc == -EINVAL ? "a relative path, or an action without TLS" :
				 "malformed request from the kernel");
			njobs++;
			j->pipe = -1;
			j->start = now_ms();
			done(a, j, rc, &bad);
			continue;
		}
		if (j->req.fd >= 0)
			close(j->req.fd);
		tlsd_req_free(&j->req);
		/* Retried every second: say it once, not every time. */
		if (rc != last_err || verbose)
			fprintf(stderr, "kwasm-tlsd: ACCEPT: %s\n",
				ext.msg[0] ? ext.msg : strerror(-rc));
		last_err = rc;
		return rc;
	}
	return 0;
}

static void collect(struct tlsd_agent *a, struct job *j)
{
	struct report rep;
	ssize_t n;

	do {
		n = read(j->pipe, &rep, sizeof(rep));
	} while (n < 0 && errno == EINTR);
	if (n == sizeof(rep)) {
		done(a, j, rep.err, &rep.r);
	} else {
		memset(&rep, 0, sizeof(rep));
		snprintf(rep.r.reason, sizeof(rep.r.reason), "handshake process died");
		done(a, j, -EPROTO, &rep.r);
	}
	explicit_bzero(&rep, sizeof(rep));
}

/* Until SIGTERM or SIGINT (read from @sfd) or the family goes away. */
static int loop(struct tlsd_agent *a, int sfd)
{
	struct pollfd *pfd = calloc(max_jobs + 2, sizeof(*pfd));
	unsigned int *map = calloc(max_jobs + 2, sizeof(*map));
	long next_scan = 0, next_check = now_ms() + CHECK_MS, t, wait;
	struct tlsd_hs_result late;
	unsigned int i, n, k;
	bool want = true;
	struct job *j;
	int rc = -EIO;

	if (!pfd || !map) {
		free(pfd);
		free(map);
		return -ENOMEM;
	}
	for (;;) {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		t = now_ms();
		if (t >= next_scan) {
			want = true;
			next_scan = t + RESCAN_MS;
		}
		if (t >= next_check) {
			rc = tlsd_agent_check(a);
			if (rc) {
				fprintf(stderr, "kwasm-tlsd: the %s family %s\n",
					KWASM_TLS_GENL_NAME, rc == -ESTALE ?
					"went away or was reloaded" : "cannot be looked up");
				break;
			}
			next_check = t + CHECK_MS;
		}
		if (want && njobs < max_jobs) {
			want = false;
			take(a);
		}
		wait = next_scan - now_ms();
		pfd[0].fd = a->ev.fd;
		pfd[0].events = POLLIN;
		pfd[1].fd = sfd;
		pfd[1].events = POLLIN;
		for (i = 0, n = 2; i < max_jobs; i++) {
			if (jobs[i].pipe < 0)
				continue;
			if (jobs[i].deadline - now_ms() < wait)
				wait = jobs[i].deadline - now_ms();
			map[n] = i;
			pfd[n].fd = jobs[i].pipe;
			pfd[n++].events = POLLIN;
		}
		if (poll(pfd, n, wait > 0 ? wait : 0) < 0 && errno != EINTR) {
			rc = -errno;
			break;
		}
		if (pfd[1].revents) {
			rc = 0;
			break;
		}
		if (pfd[0].revents && tlsd_agent_events(a) != 0)
			want = true;
		for (k = 2; k < n; k++) {
			if (pfd[k].revents) {
				collect(a, &jobs[map[k]]);
				want = true;
			}
		}
		for (i = 0; i < max_jobs; i++) {
			j = &jobs[i];
			if (j->pipe >= 0 && now_ms() >= j->deadline) {
				/* Not reaped yet (only waitpid() above does), so the pid is its. */
				kill(j->pid, SIGKILL);
				memset(&late, 0, sizeof(late));
				snprintf(late.reason, sizeof(late.reason),
					 "handshake process overran its deadline");
				done(a, j, -ETIMEDOUT, &late);
				want = true;
			}
		}
	}
	for (i = 0; i < max_jobs; i++)
		if (jobs[i].pipe >= 0)
			kill(jobs[i].pid, SIGKILL);
	free(pfd);
	free(map);
	return rc;
}

static void usage(FILE *f)
{
	/* Also the source of kwasm-tlsd(8) (scripts/man-cli.sh). */
	fprintf(f,
		"Usage: kwasm-tlsd [-v] [--max N]\n"
		"       kwasm-tlsd --help | --version\n"
		"The TLS handshake agent of kwasm's transparent mutual TLS: it joins the\n"
		"\"%s\" generic netlink family of kwasm.ko, does the TLS 1.3 handshake of\n"
		"each connection a `kwasm tls add` rule selects, and hands the keys back to\n"
		"the kernel, which installs kTLS.  One process per handshake; one log line\n"
		"per handshake on stderr.  Needs CAP_NET_ADMIN; one agent per network\n"
		"namespace is enough (several share the work).\n"
		"\n"
		"  -v, --verbose   also log requests and the agent's own events\n"
		"  --max N         handshakes at once (default %d, at most %d)\n"
		"  -h, --help      this text\n"
		"  --version       the version, and OpenSSL's\n"
		"\n"
		"Exit status: 0 after SIGTERM or SIGINT, 1 when kwasm.ko is not loaded, goes\n"
		"away or refuses the agent, or when its arguments are wrong.\n",
		KWASM_TLS_GENL_NAME, JOBS_DEFAULT, JOBS_LIMIT);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "max", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct tlsd_agent a;
	struct nl_ext_err ext;
	unsigned int i;
	sigset_t set;
	char *end;
	long v;
	int c, rc;

	while ((c = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
		switch (c) {
		case 'v':
			verbose++;
			break;
		case 'm':
			v = strtol(optarg, &end, 10);
			if (*end || v < 1 || v > JOBS_LIMIT) {
				fprintf(stderr, "kwasm-tlsd: --max needs a number from 1 to %d\n",
					JOBS_LIMIT);
				return 1;
			}
			max_jobs = v;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("kwasm-tlsd %s (%s)\n", KWASM_VERSION, OPENSSL_VERSION_TEXT);
			return 0;
		default:
			usage(stderr);
			return 1;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	/* Termination arrives as a readable fd in the poll loop. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sig_fd = sigprocmask(SIG_BLOCK, &set, NULL) ? -1 : signalfd(-1, &set, SFD_CLOEXEC);
	if (sig_fd < 0) {
		perror("kwasm-tlsd: signalfd");
		return 1;
	}
	jobs = calloc(max_jobs, sizeof(*jobs));
	if (!jobs || tlsd_hs_init()) {
		fprintf(stderr, "kwasm-tlsd: out of memory\n");
		return 1;
	}
	for (i = 0; i < max_jobs; i++)
		jobs[i].pipe = -1;
	rc = tlsd_agent_open(&a, &ext);
	if (rc) {
		if (rc == -ENOENT)
			fprintf(stderr, "kwasm-tlsd: no %s family: is kwasm.ko loaded?\n",
				KWASM_TLS_GENL_NAME);
		else
			fprintf(stderr, "kwasm-tlsd: cannot join %s: %s\n", KWASM_TLS_GENL_NAME,
				ext.msg[0] ? ext.msg : strerror(-rc));
		return 1;
	}
	if (verbose)
		fprintf(stderr, "kwasm-tlsd %s: family %u, group %u, up to %u handshakes\n",
			KWASM_VERSION, a.family, a.group, max_jobs);
	rc = loop(&a, sig_fd);
	tlsd_agent_close(&a);
	free(jobs);
	return rc ? 1 : 0;
}
