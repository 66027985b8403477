// SPDX-License-Identifier: GPL-2.0
/*
 * The kfuncs from the program types that kwasm.ko registers only where
 * the kernel has kfunc hooks for them (6.4+, so 6.12 but not 6.1):
 * SCHED_ACT, LWT_IN/OUT/XMIT and NETFILTER.  Each hands up to
 * KW_FILTER_BYTES of its packet to bpf_kwasm_call_ro() (or
 * bpf_kwasm_noop() if kw_config says so), from the Ethernet payload on
 * (SCHED_ACT) or from the network header on (all others), and keeps the
 * result in kw_scratch like the filters of filter.bpf.c: 1 drops, 0 and
 * errors pass.  Read-only: no --write-back.
 *
 * sock_filter and cgskb_filter do the same from SOCKET_FILTER and
 * CGROUP_SKB programs, which CAP_BPF alone may load, and kprobe_call and
 * fentry_call call bpf_kwasm_call() from tracing contexts, which could
 * interrupt the engine: kwasm.ko registers none of these types, so the
 * verifier must reject all four on every kernel.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#include "kwasm_kfuncs.h"
#include "kwasm_bpf.h"
#include "kwasm_maps.h"

#define ETH_HLEN	14
#define TC_ACT_OK	0
#define TC_ACT_SHOT	2
#define BPF_LWT_OK	0	/* BPF_OK, BPF_DROP: not in 6.1's vmlinux.h */
#define BPF_LWT_DROP	2
#define NF_DROP		0
#define NF_ACCEPT	1

/* 6.4+; vmlinux.h comes from 6.1, so declare it here (CO-RE fixes it up). */
struct bpf_nf_ctx {
	const struct nf_hook_state *state;
	struct sk_buff *skb;
} __attribute__((preserve_access_index));

/* Weak: 6.1 has no such kfunc, and the object must still open there. */
extern int bpf_dynptr_from_skb(struct __sk_buff *skb, __u64 flags,
			       struct bpf_dynptr *ptr__uninit) __ksym __weak;

/* The call on s->data[0..n); true to drop the packet. */
static __always_inline bool kw_call(struct kw_config *c, struct kw_scratch *s, __u32 n)
{
	int ret;

	if (c->noop)
		ret = bpf_kwasm_noop(c->handle, s->data, n);
	else
		ret = bpf_kwasm_call_ro(c->handle, s->data, n);
	s->result = ret;
	return ret == 1;
}

/*
 * Packets with an skb context: bytes from @off on.  -1 to pass without a
 * call (no config, or nothing to hand over), else whether to drop.
 */
static __always_inline int kw_skb(struct __sk_buff *skb, __u32 off)
{
	struct kw_config *c;
	struct kw_scratch *s;
	__u32 n;

	s = kw_lookup(&c);
	if (!s)
		return -1;
	n = kw_span(skb->len, off);
	s->len = n;
	s->result = 0;
	if (!n)
		return -1;
	n = kw_size(n);
	if (bpf_skb_load_bytes(skb, off, s->data, n))
		return -1;
	return kw_call(c, s, n);
}

SEC("action")
int act_filter(struct __sk_buff *skb)
{
	return kw_skb(skb, ETH_HLEN) == 1 ? TC_ACT_SHOT : TC_ACT_OK;
}

/* Must not load: a socket filter returns the bytes to keep. */
SEC("socket")
int sock_filter(struct __sk_buff *skb)
{
	return kw_skb(skb, 0) == 1 ? 0 : skb->len;
}

/* Must not load either. */
SEC("cgroup_skb/ingress")
int cgskb_filter(struct __sk_buff *skb)
{
	return kw_skb(skb, 0) == 1 ? 0 : 1;
}

SEC("lwt_in")
int lwt_in_filter(struct __sk_buff *skb)
{
	return kw_skb(skb, 0) == 1 ? BPF_LWT_DROP : BPF_LWT_OK;
}

SEC("lwt_out")
int lwt_out_filter(struct __sk_buff *skb)
{
	return kw_skb(skb, 0) == 1 ? BPF_LWT_DROP : BPF_LWT_OK;
}

SEC("lwt_xmit")
int lwt_xmit_filter(struct __sk_buff *skb)
{
	return kw_skb(skb, 0) == 1 ? BPF_LWT_DROP : BPF_LWT_OK;
}

/*
 * libbpf 1.1 does not know SEC("netfilter"): the loader sets the program
 * type and attach type itself.  No skb helpers here: a dynptr reads it.
 */
SEC("netfilter")
int nf_filter(struct bpf_nf_ctx *ctx)
{
	struct sk_buff *skb = ctx->skb;
	struct bpf_dynptr ptr;
	struct kw_config *c;
	struct kw_scratch *s;
	__u32 n;

	s = kw_lookup(&c);
	if (!s)
		return NF_ACCEPT;
	n = kw_span(skb->len, 0);
	s->len = n;
	s->result = 0;
	if (!n || bpf_dynptr_from_skb((struct __sk_buff *)skb, 0, &ptr))
		return NF_ACCEPT;
	n = kw_size(n);
	if (bpf_dynptr_read(s->data, n, &ptr, 0, 0))
		return NF_ACCEPT;
	return kw_call(c, s, n) ? NF_DROP : NF_ACCEPT;
}

/* Tracing contexts: these two must never load. */
static __always_inline int kw_unsafe(void)
{
	__u32 key = 0;
	struct kw_scratch *s = bpf_map_lookup_elem(&kw_scratch, &key);

	if (s)
		s->result = bpf_kwasm_call(0, s->data, 1);
	return 0;
}

SEC("kprobe/bpf_fentry_test1")
int kprobe_call(void *ctx)
{
	return kw_unsafe();
}

SEC("fentry/bpf_fentry_test1")
int fentry_call(void *ctx)
{
	return kw_unsafe();
}

char LICENSE[] SEC("license") = "GPL";
