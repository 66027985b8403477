/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm.ko: kfuncs that let eBPF programs call data-path exports
 * (docs/DATAPATH.md, bpf/kwasm_kfuncs.h).
 */
#ifndef KW_BPF_H
#define KW_BPF_H

int kw_bpf_init(void);
int kw_bpf_status(void);

#endif /* KW_BPF_H */
