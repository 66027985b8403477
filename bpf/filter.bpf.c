// SPDX-License-Identifier: GPL-2.0
/*
 * Packet filters that ask a Wasm export of kwasm.ko for a verdict: up to
 * KW_FILTER_BYTES after the Ethernet header go to bpf_kwasm_call() (XDP)
 * or bpf_kwasm_call_ro() (tc, where kwasm.ko offers only that); result
 * 1 drops the packet, 0 passes it.  Anything else fails open (the packet
 * passes) and is counted, so a broken or unloaded filter cannot cut the
 * network off.  The handle is in kw_config, which the loader fills in (and
 * may change while the filter is attached).  xdp_filter_noop is xdp_filter
 * with bpf_kwasm_noop(), the baseline for `kwasm-bpf bench`.  The guest's
 * changes reach the packet only from XDP, with write_back set.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#include "kwasm_kfuncs.h"
#include "kwasm_bpf.h"
#include "kwasm_maps.h"

#define ETH_HLEN	14
#define XDP_DROP	1
#define XDP_PASS	2
#define TC_ACT_OK	0
#define TC_ACT_SHOT	2

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, KW_STATS);
	__type(key, __u32);
	__type(value, __u64);
} kw_stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, KW_ERRNO_SLOTS);
	__type(key, __u32);
	__type(value, __u64);
} kw_errors SEC(".maps");

static __always_inline void kw_count(void *map, __u32 key)
{
	__u64 *n = bpf_map_lookup_elem(map, &key);

	if (n)
		(*n)++;
}

/* Count @ret and turn it into drop (true) or pass (false). */
static __always_inline bool kw_verdict(struct kw_scratch *s, int ret)
{
	s->result = ret;
	if (ret == 0 || ret == 1) {
		kw_count(&kw_stats, ret ? KW_STAT_DROP : KW_STAT_PASS);
		return ret;
	}
	kw_count(&kw_stats, KW_STAT_ERROR);
	kw_count(&kw_errors, ret > 0 ? 0 : -ret < KW_ERRNO_SLOTS ? -ret : KW_ERRNO_SLOTS - 1);
	return false;
}

static __always_inline int kw_xdp(struct xdp_md *ctx, bool noop)
{
	struct kw_config *c;
	struct kw_scratch *s;
	int ret;
	__u32 n;

	s = kw_lookup(&c);
	if (!s)
		return XDP_PASS;
	n = kw_span(bpf_xdp_get_buff_len(ctx), ETH_HLEN);
	s->len = n;
	if (!n) {
		s->result = 0;
		kw_count(&kw_stats, KW_STAT_SHORT);
		return XDP_PASS;
	}
	n = kw_size(n);
	if (bpf_xdp_load_bytes(ctx, ETH_HLEN, s->data, n))
		return XDP_PASS;
	if (noop || c->noop)
		ret = bpf_kwasm_noop(c->handle, s->data, n);
	else if (c->ro)
		ret = bpf_kwasm_call_ro(c->handle, s->data, n);
	else
		ret = bpf_kwasm_call(c->handle, s->data, n);
	if (c->write_back && ret >= 0)
		bpf_xdp_store_bytes(ctx, ETH_HLEN, s->data, n);
	return kw_verdict(s, ret) ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
int xdp_filter(struct xdp_md *ctx)
{
	return kw_xdp(ctx, false);
}

SEC("xdp")
int xdp_filter_noop(struct xdp_md *ctx)
{
	return kw_xdp(ctx, true);
}

SEC("tc")
int tc_filter(struct __sk_buff *skb)
{
	struct kw_config *c;
	struct kw_scratch *s;
	int ret;
	__u32 n;

	s = kw_lookup(&c);
	if (!s)
		return TC_ACT_OK;
	n = kw_span(skb->len, ETH_HLEN);
	s->len = n;
	if (!n) {
		s->result = 0;
		kw_count(&kw_stats, KW_STAT_SHORT);
		return TC_ACT_OK;
	}
	n = kw_size(n);
	if (bpf_skb_load_bytes(skb, ETH_HLEN, s->data, n))
		return TC_ACT_OK;
	if (c->noop)
		ret = bpf_kwasm_noop(c->handle, s->data, n);
	else
		ret = bpf_kwasm_call_ro(c->handle, s->data, n);
	return kw_verdict(s, ret) ? TC_ACT_SHOT : TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
