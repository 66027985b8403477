// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-bpf: the environment (is kwasm.ko there, with kfuncs?), libbpf's
 * messages, bpffs, and argument helpers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <unistd.h>
#include <linux/capability.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "loader.h"

#define BPF_FS_MAGIC	0xcafe4a11
#define KB_LOG_SIZE	(64 * 1024)

/* libbpf's messages, kept for when a load fails; all printed with -v. */
static char kb_log[KB_LOG_SIZE];
static size_t kb_log_len;
static bool kb_verbose;

static int kb_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	int n;

	if (kb_verbose)
		return vfprintf(stderr, fmt, ap);
	if (level == LIBBPF_DEBUG)
		return 0;
	/* Keep the tail: the verifier's complaint is at the end. */
	if (kb_log_len > KB_LOG_SIZE / 2) {
		memmove(kb_log, kb_log + KB_LOG_SIZE / 4, kb_log_len - KB_LOG_SIZE / 4);
		kb_log_len -= KB_LOG_SIZE / 4;
	}
	n = vsnprintf(kb_log + kb_log_len, KB_LOG_SIZE - kb_log_len, fmt, ap);
	if (n > 0)
		kb_log_len += (size_t)n < KB_LOG_SIZE - kb_log_len ? (size_t)n :
			KB_LOG_SIZE - kb_log_len - 1;
	return n;
}

/**
 * kb_log_setup() - route libbpf's messages
 * @verbose: print all of them (debug level too) as they come
 */
void kb_log_setup(bool verbose)
{
	kb_verbose = verbose;
	libbpf_set_print(kb_print);
}

static bool kb_btf_has_func(const struct btf *btf, const char *name)
{
	return btf__find_by_name_kind(btf, name, BTF_KIND_FUNC) > 0;
}

/**
 * kb_check_kernel() - say clearly why the kfuncs cannot be used, if so
 *
 * Return: KB_OK, or KB_FAIL after printing the reason.
 */
int kb_check_kernel(void)
{
	static const char * const kfuncs[] = {
		"bpf_kwasm_call", "bpf_kwasm_call_sys", "bpf_kwasm_call_ro", "bpf_kwasm_noop",
	};
	struct btf *base, *btf;
	size_t i;
	int ret = KB_OK;

	if (access("/sys/module/kwasm", F_OK)) {
		fprintf(stderr, "kwasm-bpf: kwasm.ko is not loaded (insmod kwasm.ko first)\n");
		return KB_FAIL;
	}
	if (access("/sys/kernel/btf/vmlinux", R_OK)) {
		fprintf(stderr, "kwasm-bpf: the kernel has no BTF (/sys/kernel/btf/vmlinux)\n");
		return KB_FAIL;
	}
	if (access("/sys/kernel/btf/kwasm", R_OK)) {
		fprintf(stderr,
			"kwasm-bpf: kwasm.ko has no BTF (/sys/kernel/btf/kwasm), so its kfuncs cannot be called: build it with scripts/kmod-build.sh, which adds module BTF\n");
		return KB_FAIL;
	}
	base = btf__load_vmlinux_btf();
	if (!base) {
		fprintf(stderr, "kwasm-bpf: cannot read the kernel's BTF: %s\n", strerror(errno));
		return KB_FAIL;
	}
	btf = btf__parse_split("/sys/kernel/btf/kwasm", base);
	if (!btf) {
		fprintf(stderr, "kwasm-bpf: cannot read kwasm.ko's BTF: %s\n", strerror(errno));
		btf__free(base);
		return KB_FAIL;
	}
	for (i = 0; i < ARRAY_SIZE(kfuncs); i++) {
		if (!kb_btf_has_func(btf, kfuncs[i])) {
			fprintf(stderr, "kwasm-bpf: kwasm.ko's BTF lacks %s (no eBPF support?)\n",
				kfuncs[i]);
			ret = KB_FAIL;
		}
	}
	btf__free(btf);
	btf__free(base);
	return ret;
}

/**
 * kb_log_text() - libbpf's messages so far (the tail, without -v)
 *
 * Return: the text, NUL-terminated.
 */
const char *kb_log_text(void)
{
	return kb_log;
}

/**
 * kb_load_failed() - explain a failed skeleton open or load
 * @what: the skeleton
 * @err: its negative errno
 */
void kb_load_failed(const char *what, int err)
{
	kb_load_refused(what, err, NULL);
}

/**
 * kb_load_refused() - kb_load_failed(), with the reason for a refused kfunc
 * @what: the skeleton
 * @err: its negative errno
 * @why: why the verifier refused the kwasm kfunc for this program type,
 *	 or NULL if it should not have (kwasm.ko did not register it)
 */
void kb_load_refused(const char *what, int err, const char *why)
{
	const char *tail = kb_log;
	int lines = 0;
	size_t i;

	/* The last 40 lines of libbpf's messages hold the verifier's verdict. */
	for (i = kb_log_len; i > 0; i--) {
		if (kb_log[i - 1] == '\n' && ++lines > 40) {
			tail = kb_log + i;
			break;
		}
	}
	if (!kb_verbose)
		fputs(tail, stderr);
	if (why && strstr(kb_log, "calling kernel function") && strstr(kb_log, "is not allowed"))
		fprintf(stderr, "kwasm-bpf: %s: the verifier refused the kwasm kfunc: %s\n", what,
			why);
	else if (strstr(kb_log, "calling kernel function") && strstr(kb_log, "is not allowed"))
		fprintf(stderr,
			"kwasm-bpf: %s: the kernel refuses the kwasm kfunc for this program type: kwasm.ko did not register its kfuncs (see dmesg, kwasm status)\n",
			what);
	else if (strstr(kb_log, "not found in kernel or module BTFs"))
		fprintf(stderr, "kwasm-bpf: %s: a kwasm kfunc is missing from kwasm.ko's BTF\n",
			what);
	else if (err == -EPERM)
		fprintf(stderr,
			"kwasm-bpf: %s: not permitted (need CAP_BPF, and CAP_NET_ADMIN for XDP, tc, LWT and netfilter programs)\n",
			what);
	else
		fprintf(stderr, "kwasm-bpf: %s: loading failed: %s\n", what, strerror(-err));
}

/**
 * kb_mount_bpffs() - make sure bpffs is mounted on /sys/fs/bpf
 *
 * A busybox initramfs does not mount it; pins need it.
 *
 * Return: 0, or -errno.
 */
int kb_mount_bpffs(void)
{
	struct statfs st;

	if (!statfs("/sys/fs/bpf", &st) && st.f_type == BPF_FS_MAGIC)
		return 0;
	if (mkdir("/sys/fs/bpf", 0700) && errno != EEXIST)
		return -errno;
	if (mount("bpf", "/sys/fs/bpf", "bpf", 0, "mode=0700"))
		return -errno;
	return 0;
}

/**
 * kb_parse_long() - parse a non-negative decimal or 0x number
 * @s: the text
 * @out: the value
 *
 * Return: 0, or -EINVAL.
 */
int kb_parse_long(const char *s, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 0);
	if (errno || end == s || *end || *out < 0)
		return -EINVAL;
	return 0;
}

/**
 * kb_parse_u32() - parse a handle
 * @s: the text
 * @out: the value
 *
 * Return: 0, or -EINVAL.
 */
int kb_parse_u32(const char *s, __u32 *out)
{
	long v;

	if (kb_parse_long(s, &v) || v > 0xffffffffL)
		return -EINVAL;
	*out = (__u32)v;
	return 0;
}

/**
 * kb_print_hex() - print "LABEL HEX" on one line
 * @label: what the bytes are
 * @buf: the bytes
 * @len: how many
 */
void kb_print_hex(const char *label, const __u8 *buf, size_t len)
{
	size_t i;

	printf("%s ", label);
	for (i = 0; i < len; i++)
		printf("%02x", buf[i]);
	printf("\n");
}

/**
 * kb_errname() - name a kfunc result
 * @err: the result
 *
 * Return: " ENOENT" and the like for negative results, else "".
 */
const char *kb_errname(int err)
{
	static char buf[32];
	const char *name;

	if (err >= 0)
		return "";
	name = strerrorname_np(-err);
	snprintf(buf, sizeof(buf), " %s", name ? name : "E?");
	return buf;
}

/**
 * kb_pin_cpu() - stay on the current CPU
 *
 * Test runs use the per-CPU scratch of the CPU they run on; pinning makes
 * that the CPU whose slot is read afterwards.
 *
 * Return: the CPU, or -errno.
 */
int kb_pin_cpu(void)
{
	cpu_set_t set;
	int cpu = sched_getcpu();

	if (cpu < 0)
		return -errno;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		return -errno;
	return cpu;
}

/* The capabilities --caps knows, by name. */
static const struct {
	const char *name;
	int cap;
} kb_caps[] = {
	{ "bpf", CAP_BPF },
	{ "net_admin", CAP_NET_ADMIN },
	{ "sys_admin", CAP_SYS_ADMIN },
	{ "perfmon", CAP_PERFMON },
};

static int kb_cap_bits(const char *list, __u64 *bits)
{
	char buf[128], *tok, *save;
	size_t i;

	*bits = 0;
	if (!strcmp(list, "none"))
		return 0;
	if (strlen(list) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, list);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < ARRAY_SIZE(kb_caps) && strcmp(tok, kb_caps[i].name); i++)
			;
		if (i == ARRAY_SIZE(kb_caps))
			return -EINVAL;
		*bits |= 1ULL << kb_caps[i].cap;
	}
	return 0;
}

/* Become nobody with only @bits: the capability sets are 64 bits. */
static int kb_become_nobody(__u64 bits)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2] = { 0 };
	int i;

	for (i = 0; i < 2; i++) {
		data[i].permitted = (__u32)(bits >> (32 * i));
		data[i].effective = data[i].permitted;
	}
	/* KEEPCAPS keeps the permitted set across setuid(); capset() narrows it. */
	if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) || setgroups(0, NULL) || setgid(65534) ||
	    setuid(65534) || syscall(SYS_capset, &hdr, data) ||
	    prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0))
		return -errno;
	return 0;
}

static bool kb_caps_pending;
static __u64 kb_caps_bits;

#define KB_SEC_SLEEPABLE	1

/* Called by libbpf right before each BPF_PROG_LOAD: drop, once. */
static int kb_prepare_load(struct bpf_program *prog, struct bpf_prog_load_opts *opts,
			   long cookie)
{
	int err;

	/* What libbpf's own handler for SEC("syscall") would do. */
	if (cookie & KB_SEC_SLEEPABLE)
		opts->prog_flags |= BPF_F_SLEEPABLE;
	if (!kb_caps_pending)
		return 0;
	kb_caps_pending = false;
	err = kb_become_nobody(kb_caps_bits);
	if (err)
		fprintf(stderr, "kwasm-bpf: --caps: %s\n", strerror(-err));
	return err;
}

/* The sections of bpf/ *.bpf.c, with libbpf 1.1's types for them. */
static const struct {
	const char *sec;
	enum bpf_prog_type type;
	enum bpf_attach_type attach;
	long cookie;
} kb_secs[] = {
	{ "syscall", BPF_PROG_TYPE_SYSCALL, 0, KB_SEC_SLEEPABLE },
	{ "xdp", BPF_PROG_TYPE_XDP, BPF_XDP, 0 },
	{ "tc", BPF_PROG_TYPE_SCHED_CLS, 0, 0 },
	{ "action", BPF_PROG_TYPE_SCHED_ACT, 0, 0 },
	{ "socket", BPF_PROG_TYPE_SOCKET_FILTER, 0, 0 },
	{ "cgroup_skb/ingress", BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_INGRESS, 0 },
	{ "lwt_in", BPF_PROG_TYPE_LWT_IN, 0, 0 },
	{ "lwt_out", BPF_PROG_TYPE_LWT_OUT, 0, 0 },
	{ "lwt_xmit", BPF_PROG_TYPE_LWT_XMIT, 0, 0 },
	/* NETFILTER and its attach type (6.4+): unknown to libbpf 1.1 */
	{ "netfilter", 32, 45, 0 },
};

/**
 * kb_drop_caps() - load and run the programs as nobody with few capabilities
 * @list: "bpf", "net_admin", "sys_admin", "perfmon", comma-separated, or
 *	  "none"
 *
 * For tests of what a less privileged user may do (busybox has no capsh
 * or setpriv).  The drop happens right before the first BPF_PROG_LOAD,
 * through custom libbpf section handlers: libbpf needs CAP_SYS_ADMIN
 * (BPF_BTF_GET_FD_BY_ID) for the module BTF that kfunc calls name, so the
 * result is a user who was handed kwasm's BTF fd.  PR_SET_KEEPCAPS keeps
 * the permitted set across setuid(65534); capset() narrows permitted and
 * effective to @list and empties the inheritable set.
 *
 * Return: 0, or -errno after saying what failed.
 */
int kb_drop_caps(const char *list)
{
	LIBBPF_OPTS(libbpf_prog_handler_opts, h, .prog_prepare_load_fn = kb_prepare_load);
	size_t i;
	int err;

	if (kb_cap_bits(list, &kb_caps_bits)) {
		fprintf(stderr,
			"kwasm-bpf: --caps: bad list '%s' (bpf, net_admin, sys_admin, perfmon, none)\n",
			list);
		return -EINVAL;
	}
	for (i = 0; i < ARRAY_SIZE(kb_secs); i++) {
		h.cookie = kb_secs[i].cookie;
		err = libbpf_register_prog_handler(kb_secs[i].sec, kb_secs[i].type,
						   kb_secs[i].attach, &h);
		if (err < 0) {
			fprintf(stderr, "kwasm-bpf: --caps: %s\n", strerror(-err));
			return err;
		}
	}
	kb_caps_pending = true;
	return 0;
}

/**
 * kb_run_as() - become nobody with --run-caps, between load and test run
 * @o: the options; nothing to do without --run-caps
 *
 * For tests of what a task may do with a program fd that a more
 * privileged one loaded: the kfuncs' checks, if any, look at the task
 * that runs the program, not at its loader.
 *
 * Return: 0, or -errno after saying what failed.
 */
int kb_run_as(const struct kb_opts *o)
{
	__u64 bits;
	int err;

	if (!o->run_caps)
		return 0;
	if (kb_cap_bits(o->run_caps, &bits)) {
		fprintf(stderr, "kwasm-bpf: --run-caps: bad list '%s'\n", o->run_caps);
		return -EINVAL;
	}
	err = kb_become_nobody(bits);
	if (err)
		fprintf(stderr, "kwasm-bpf: --run-caps: %s\n", strerror(-err));
	return err;
}
