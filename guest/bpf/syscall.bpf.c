// SPDX-License-Identifier: GPL-2.0
/*
 * SYSCALL programs for test runs of the kfuncs (BPF_PROG_TEST_RUN with a
 * struct kw_syscall_args as the context): kw_call runs bpf_kwasm_call() on
 * the context's data, which comes back with the guest's changes; kw_noop
 * calls bpf_kwasm_noop().  Both store the result in the context and return
 * it.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#include "kwasm_kfuncs.h"
#include "kwasm_bpf.h"

static __always_inline int kw_run(struct kw_syscall_args *args, bool noop)
{
	__u32 len = args->len;
	int ret;

	if (len > KW_SYSCALL_BYTES)
		return -KWASM_E2BIG;
	if (noop)
		ret = bpf_kwasm_noop(args->handle, args->data, len);
	else
		ret = bpf_kwasm_call(args->handle, args->data, len);
	args->result = ret;
	return ret;
}

SEC("syscall")
int kw_call(struct kw_syscall_args *args)
{
	return kw_run(args, false);
}

SEC("syscall")
int kw_noop(struct kw_syscall_args *args)
{
	return kw_run(args, true);
}

char LICENSE[] SEC("license") = "GPL";
