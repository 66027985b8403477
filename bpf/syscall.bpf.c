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

SEC("syscall")
int kw_call(struct kw_syscall_args *args)
{
	return kw_run(args, KW_CALL);
}

SEC("syscall")
int kw_noop(struct kw_syscall_args *args)
{
	return kw_run(args, KW_NOOP);
}

SEC("syscall")
int kw_call_ro(struct kw_syscall_args *args)
{
	return kw_run(args, KW_CALL_RO);
}

SEC("syscall")
int kw_call_xdp(struct kw_syscall_args *args)
{
	return kw_run(args, KW_CALL_XDP);
}

char LICENSE[] SEC("license") = "GPL";
