/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * What the filter programs (filter.bpf.c, types.bpf.c) share: the maps
 * their loader reads and writes, and the sizes they hand to the kfuncs.
 * BPF only, after vmlinux.h, <bpf/bpf_helpers.h> and kwasm_bpf.h.
 */
#ifndef KWASM_MAPS_H
#define KWASM_MAPS_H

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct kw_config);
} kw_config SEC(".maps");

/* The input lives here, not on the 512-byte BPF stack. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct kw_scratch);
} kw_scratch SEC(".maps");

/* kw_config[0] in @c and this CPU's scratch, or NULL if either is missing. */
static __always_inline struct kw_scratch *kw_lookup(struct kw_config **c)
{
	__u32 key = 0;

	*c = bpf_map_lookup_elem(&kw_config, &key);
	if (!*c)
		return NULL;
	return bpf_map_lookup_elem(&kw_scratch, &key);
}

/* Bytes to hand over from @off of a @len-byte packet, 0..KW_FILTER_BYTES. */
static __always_inline __u32 kw_span(__u64 len, __u32 off)
{
	if (len <= off)
		return 0;
	len -= off;
	return len < KW_FILTER_BYTES ? len : KW_FILTER_BYTES;
}

/*
 * The kfuncs want a size the verifier can prove to be 1..KW_FILTER_BYTES:
 * kw_size() rebuilds @n (1..KW_FILTER_BYTES) from a mask after a barrier,
 * so the compiler cannot fold the bounds away.
 */
static __always_inline __u32 kw_size(__u32 n)
{
	n -= 1;
	barrier_var(n);
	return (n & (KW_FILTER_BYTES - 1)) + 1;
}

#endif /* KWASM_MAPS_H */
