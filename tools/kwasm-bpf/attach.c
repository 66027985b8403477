// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-bpf xdp|tc attach|detach|stats: attach the example filter to an
 * interface and leave it there after the command returns.  XDP uses a BPF
 * link pinned in bpffs; tc a clsact filter (which holds the program) with
 * the program pinned for reference.  The counters' maps are pinned next to
 * them: KB_PIN_ROOT/xdp-IFACE or KB_PIN_ROOT/tc-IFACE-ingress|egress.
 */
#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <linux/if_link.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "loader.h"
#include "filter.skel.h"

/* Our clsact filter's handle and priority, so detach finds it. */
#define KB_TC_HANDLE	0x4b57
#define KB_TC_PRIO	0x4b57

/* Room for KB_PIN_ROOT/tc-IFACE-ingress, IFACE up to IFNAMSIZ. */
#define KB_DIR_MAX	64

static const char * const kb_pins[] = { "link", "prog", "config", "stats", "errors" };

static int kb_pin_dir(char *dir, size_t cap, bool xdp, const char *ifname, bool egress)
{
	if (strlen(ifname) >= IFNAMSIZ) {
		fprintf(stderr, "kwasm-bpf: interface name too long: %s\n", ifname);
		return -EINVAL;
	}
	if (xdp)
		snprintf(dir, cap, "%s/xdp-%s", KB_PIN_ROOT, ifname);
	else
		snprintf(dir, cap, "%s/tc-%s-%s", KB_PIN_ROOT, ifname,
			 egress ? "egress" : "ingress");
	return 0;
}

static void kb_unpin(const char *dir)
{
	char path[PATH_MAX];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kb_pins); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, kb_pins[i]);
		unlink(path);
	}
	rmdir(dir);
}

static int kb_pin(int fd, const char *dir, const char *name)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (bpf_obj_pin(fd, path)) {
		fprintf(stderr, "kwasm-bpf: pinning %s: %s\n", path, strerror(errno));
		return -errno;
	}
	return 0;
}

static int kb_ifindex(const char *ifname)
{
	int ifindex = if_nametoindex(ifname);

	if (!ifindex)
		fprintf(stderr, "kwasm-bpf: no interface '%s'\n", ifname);
	return ifindex;
}

static int kb_attach_tc(struct kw_filter *skel, int ifindex, bool egress)
{
	LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = ifindex,
		    .attach_point = egress ? BPF_TC_EGRESS : BPF_TC_INGRESS);
	LIBBPF_OPTS(bpf_tc_opts, to, .handle = KB_TC_HANDLE, .priority = KB_TC_PRIO,
		    .prog_fd = bpf_program__fd(skel->progs.tc_filter));
	int err;

	err = bpf_tc_hook_create(&hook);
	if (err && err != -EEXIST) {
		fprintf(stderr, "kwasm-bpf: creating the clsact qdisc: %s\n", strerror(-err));
		return err;
	}
	err = bpf_tc_attach(&hook, &to);
	if (err)
		fprintf(stderr, "kwasm-bpf: attaching the tc filter: %s\n", strerror(-err));
	return err;
}

/**
 * kb_attach() - attach the filter to an interface and pin it
 * @type: "xdp" or "tc"
 * @ifname: the interface
 * @o: handle, --write-back, --skb-mode (xdp), --egress (tc)
 *
 * Return: KB_OK or KB_FAIL.
 */
int kb_attach(const char *type, const char *ifname, const struct kb_opts *o)
{
	bool xdp = !strcmp(type, "xdp");
	struct kw_filter *skel;
	char dir[KB_DIR_MAX];
	int ifindex, fd, err;

	ifindex = kb_ifindex(ifname);
	if (!ifindex)
		return KB_FAIL;
	err = kb_mount_bpffs();
	if (err) {
		fprintf(stderr, "kwasm-bpf: mounting bpffs on /sys/fs/bpf: %s\n", strerror(-err));
		return KB_FAIL;
	}
	if (kb_pin_dir(dir, sizeof(dir), xdp, ifname, o->egress))
		return KB_FAIL;
	if (mkdir(KB_PIN_ROOT, 0700) && errno != EEXIST) {
		fprintf(stderr, "kwasm-bpf: mkdir %s: %s\n", KB_PIN_ROOT, strerror(errno));
		return KB_FAIL;
	}
	if (mkdir(dir, 0700)) {
		if (errno == EEXIST)
			fprintf(stderr, "kwasm-bpf: %s: already attached (%s detach %s)\n",
				ifname, type, ifname);
		else
			fprintf(stderr, "kwasm-bpf: mkdir %s: %s\n", dir, strerror(errno));
		return KB_FAIL;
	}
	skel = kb_filter_load(o, xdp ? KB_XDP : KB_TC);
	if (!skel) {
		rmdir(dir);
		return KB_FAIL;
	}
	if (xdp) {
		LIBBPF_OPTS(bpf_link_create_opts, lo,
			    .flags = o->skb_mode ? XDP_FLAGS_SKB_MODE : 0);

		fd = bpf_link_create(bpf_program__fd(skel->progs.xdp_filter), ifindex, BPF_XDP,
				     &lo);
		err = fd < 0 ? -errno : kb_pin(fd, dir, "link");
		if (fd < 0)
			fprintf(stderr, "kwasm-bpf: attaching XDP to %s: %s%s\n", ifname,
				strerror(-err), err == -EBUSY ? " (it has one already)" : "");
		else
			close(fd);
	} else {
		err = kb_attach_tc(skel, ifindex, o->egress) ?:
			kb_pin(bpf_program__fd(skel->progs.tc_filter), dir, "prog");
	}
	err = err ?: kb_pin(bpf_map__fd(skel->maps.kw_config), dir, "config");
	err = err ?: kb_pin(bpf_map__fd(skel->maps.kw_stats), dir, "stats");
	err = err ?: kb_pin(bpf_map__fd(skel->maps.kw_errors), dir, "errors");
	kw_filter__destroy(skel);
	if (err) {
		kb_detach(type, ifname, o);
		return KB_FAIL;
	}
	printf("%s: kwasm filter (handle %u) on %s%s, pinned in %s\n", type, o->handle, ifname,
	       xdp ? "" : o->egress ? " egress" : " ingress", dir);
	return KB_OK;
}

/**
 * kb_detach() - remove what kb_attach() attached
 * @type: "xdp" or "tc"
 * @ifname: the interface
 * @o: --egress (tc)
 *
 * Return: KB_OK, or KB_FAIL if nothing was attached.
 */
int kb_detach(const char *type, const char *ifname, const struct kb_opts *o)
{
	bool xdp = !strcmp(type, "xdp");
	char dir[KB_DIR_MAX];
	struct stat st;
	int ifindex, err;

	if (kb_pin_dir(dir, sizeof(dir), xdp, ifname, o->egress))
		return KB_FAIL;
	if (stat(dir, &st)) {
		fprintf(stderr, "kwasm-bpf: %s: no kwasm %s filter attached (no %s)\n",
			ifname, type, dir);
		return KB_FAIL;
	}
	if (!xdp) {
		ifindex = kb_ifindex(ifname);
		LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = ifindex,
			    .attach_point = o->egress ? BPF_TC_EGRESS : BPF_TC_INGRESS);
		LIBBPF_OPTS(bpf_tc_opts, to, .handle = KB_TC_HANDLE, .priority = KB_TC_PRIO);

		err = ifindex ? bpf_tc_detach(&hook, &to) : 0;
		if (err && err != -ENOENT)
			fprintf(stderr, "kwasm-bpf: detaching the tc filter: %s\n", strerror(-err));
	}
	/* The XDP link goes with its last pin. */
	kb_unpin(dir);
	printf("%s: detached from %s\n", type, ifname);
	return KB_OK;
}

/* Sum a pinned per-CPU u64 array's slot over all CPUs. */
static int kb_sum(int fd, __u32 key, __u64 *sum)
{
	int i, ncpu = libbpf_num_possible_cpus();
	__u64 *v;

	if (ncpu < 0)
		return ncpu;
	v = calloc(ncpu, sizeof(*v));
	if (!v)
		return -ENOMEM;
	*sum = 0;
	if (bpf_map_lookup_elem(fd, &key, v)) {
		free(v);
		return -errno;
	}
	for (i = 0; i < ncpu; i++)
		*sum += v[i];
	free(v);
	return 0;
}

static int kb_open_pin(const char *dir, const char *name)
{
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = bpf_obj_get(path);
	if (fd < 0)
		fprintf(stderr, "kwasm-bpf: %s: %s\n", path, strerror(errno));
	return fd;
}

/**
 * kb_stats() - print an attached filter's counters
 * @type: "xdp" or "tc"
 * @ifname: the interface
 * @o: --egress (tc)
 *
 * Lines "pass N", "drop N", "error N", "short N", then "error NAME N" for
 * each kind of error seen ("error result>1 N" for results above 1).
 *
 * Return: KB_OK or KB_FAIL.
 */
int kb_stats(const char *type, const char *ifname, const struct kb_opts *o)
{
	static const char * const names[KW_STATS] = { "pass", "drop", "error", "short" };
	char dir[KB_DIR_MAX];
	int sfd, efd, ret = KB_FAIL;
	__u64 n;
	__u32 i;

	kb_mount_bpffs();
	if (kb_pin_dir(dir, sizeof(dir), !strcmp(type, "xdp"), ifname, o->egress))
		return KB_FAIL;
	sfd = kb_open_pin(dir, "stats");
	efd = sfd < 0 ? -1 : kb_open_pin(dir, "errors");
	if (efd < 0)
		goto out;
	for (i = 0; i < KW_STATS; i++) {
		if (kb_sum(sfd, i, &n))
			goto out;
		printf("%s %llu\n", names[i], (unsigned long long)n);
	}
	for (i = 0; i < KW_ERRNO_SLOTS; i++) {
		if (kb_sum(efd, i, &n))
			goto out;
		if (!n)
			continue;
		if (i)
			printf("error%s %llu\n", kb_errname(-(int)i), (unsigned long long)n);
		else
			printf("error result>1 %llu\n", (unsigned long long)n);
	}
	ret = KB_OK;
out:
	if (sfd >= 0)
		close(sfd);
	if (efd >= 0)
		close(efd);
	return ret;
}
