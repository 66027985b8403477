// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-nlfuzz: one sender process.  Unprivileged workers drop to
 * uid/gid 65534 with no capabilities first, keeping the file descriptors
 * root opened (a valid module fd must not help them).  The loop publishes
 * what it is doing in its slot, so the parent can time it.
 */
#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "nlfuzz.h"

#define FZ_NOBODY	65534
#define FZ_RECV_BUF	(8 << 20)

/* Effective capabilities, from /proc: 0 means none. */
static unsigned long long cap_eff(void)
{
	unsigned long long v = ~0ULL;
	char line[128];
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return v;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &v) == 1)
			break;
	fclose(f);
	return v;
}

static int drop_privileges(int id)
{
	if (setgroups(0, NULL) || setgid(FZ_NOBODY) || setuid(FZ_NOBODY)) {
		fz_finding("worker %d: cannot become uid %d: %s", id, FZ_NOBODY, strerror(errno));
		return -1;
	}
	if (cap_eff()) {
		fz_finding("worker %d: still has capabilities %llx after setuid", id, cap_eff());
		return -1;
	}
	return 0;
}

static bool budget_left(void)
{
	uint64_t t;

	if (__atomic_load_n(&fz_sh->stop, __ATOMIC_RELAXED))
		return false;
	if (!fz_cfg.count)
		return true;
	t = __atomic_fetch_add(&fz_sh->tickets, 1, __ATOMIC_RELAXED);
	return t < fz_cfg.count;
}

static void trace(struct fz_worker *w, const struct fz_req *rq)
{
	const struct nlmsghdr *nlh = (const void *)rq->m.buf;

	fprintf(stderr, "nlfuzz: w%d seq %u %s%s flags 0x%x len %zu%s%s\n", w->id, rq->seq[0],
		fz_cmd_name(fz_cmd_index(rq->tls[0], rq->cmd[0])), rq->dump[0] ? " dump" : "",
		nlh->nlmsg_flags, rq->m.len, rq->noack ? " noack" : "", rq->nmsgs > 1 ? " +1" : "");
}

/**
 * fz_worker_main() - send requests until the budget is spent
 * @id: the worker's slot
 * @priv: keep root's privileges
 * @gen: how many times this slot was started before (a fresh random stream each time)
 *
 * Return: the process exit status: 0, or 1 if it could not start.
 */
int fz_worker_main(int id, bool priv, uint32_t gen)
{
	struct fz_slot *slot = &fz_sh->slot[id];
	struct fz_worker w = { .id = id, .priv = priv, .learn = -1 };
	struct fz_req rq;

	/* Never outlive the parent, whatever happens to it. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		return 1;
	w.rng.s = fz_cfg.seed * 0x100000001b3ULL + ((uint64_t)id << 32) + gen;
	w.seq = (uint32_t)(id + 1) << 24 | gen << 16;
	w.cap = FZ_RECV_BUF;
	w.buf = malloc(w.cap);
	if (!w.buf || fz_sock_open(&w.sock)) {
		fz_finding("worker %d: cannot open a netlink socket", id);
		return 1;
	}
	w.fds = fz_fds_new(w.sock.fd);
	if (!w.fds || (!priv && drop_privileges(id)))
		return 1;
	while (budget_left()) {
		if (fz_gen(&w, &rq)) {
			nl_msg_free(&rq.m);
			fz_fds_release(w.fds);
			continue;
		}
		if (fz_cfg.verbose)
			trace(&w, &rq);
		slot->cmd = fz_cmd_index(rq.tls[0], rq.cmd[0]);
		slot->may_run_long = rq.may_run_long;
		__atomic_store_n(&slot->busy_since, fz_now_ms(), __ATOMIC_RELEASE);
		fz_exchange(&w, &rq);
		__atomic_store_n(&slot->busy_since, 0, __ATOMIC_RELEASE);
		slot->msgs++;
		nl_msg_free(&rq.m);
		fz_fds_release(w.fds);
		/* Now and then anyway: other workers' filters may be attached. */
		if (fz_cfg.traffic && (w.traffic || fz_chance(&w.rng, 2)))
			fz_traffic();
		w.traffic = false;
	}
	return 0;
}
