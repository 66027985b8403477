// SPDX-License-Identifier: GPL-2.0
/*
 * SYSCALL programs for test runs of the kfuncs (BPF_PROG_TEST_RUN with a
 * struct kw_syscall_args as the context): kw_call runs bpf_kwasm_call_sys()
 * on the context's data, which comes back with the guest's changes;
 * kw_noop calls bpf_kwasm_noop().  Both store the result in the context
 * and return it.  kw_call_ro and kw_call_xdp call bpf_kwasm_call_ro() and
 * bpf_kwasm_call(), which kwasm.ko does not offer to SYSCALL programs
 * (the task would go unchecked): the loader loads them only to see the
 * verifier refuse them.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#include "kwasm_kfuncs.h"
#include "kwasm_bpf.h"

enum kw_kfunc { KW_CALL, KW_NOOP, KW_CALL_RO, KW_CALL_XDP };

static __always_inline int kw_run(struct kw_syscall_args *args, enum kw_kfunc f)
{
	__u32 len = args->len;
	int ret;

	if (len > KW_SYSCALL_BYTES)
		return -KWASM_E2BIG;
	if (f == KW_NOOP)
		ret = bpf_kwasm_noop(args->handle, args->data, len);
	else if (f == KW_CALL_RO)
		ret = bpf_kwasm_call_ro(args->handle, args->data, len);
	else if (f == KW_CALL_XDP)
		ret = bpf_kwasm_call(args->handle, args->data, len);
	else
		ret = bpf_kwasm_call_sys(args->handle, args->data, len);
	args->result = ret;
	return ret;
}

/* One program per kfunc; the loader picks which to load. */
#define KW_SYSCALL_PROG(name, f)					\
	SEC("syscall") int name(struct kw_syscall_args *args)		\
	{								\
		return kw_run(args, f);					\
	}

KW_SYSCALL_PROG(kw_call, KW_CALL)
KW_SYSCALL_PROG(kw_noop, KW_NOOP)
KW_SYSCALL_PROG(kw_call_ro, KW_CALL_RO)
KW_SYSCALL_PROG(kw_call_xdp, KW_CALL_XDP)

char LICENSE[] SEC("license") = "GPL";
