# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The example BPF programs and their static loader, for `include` from the
# top Makefile (which sets BUILD and CC).  Everything goes to $(BUILD)/bpf:
#
#   bpf          vmlinux.h, *.bpf.o, *.skel.h and kwasm-bpf
#   bpf-vmlinux  just $(BUILD)/bpf/vmlinux.h
#
# vmlinux.h comes from the 6.1 kernel's BTF (scripts/btf-vmlinux.sh); the
# programs use CO-RE, so the same objects load on 6.1 and 6.12.

BPF_SRC := bpf
BPF_LOADER_DIR := tools/kwasm-bpf
BPF_OUT := $(BUILD)/bpf
BPF_PROGS := filter syscall types
BPF_HDRS := $(wildcard $(BPF_SRC)/*.h) include/uapi/linux/kwasm_abi.h
BPF_LOADER_SRCS := $(wildcard $(BPF_LOADER_DIR)/*.c)
BPFTOOL ?= $(shell command -v bpftool || echo /usr/sbin/bpftool)
BPF_CLANG ?= clang
BPF_CFLAGS := -g -O2 -target bpf -D__TARGET_ARCH_x86 -Wall -Werror \
	-I$(BPF_OUT) -I$(BPF_SRC)
BPF_LOADER_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Wno-unused-parameter -Werror \
	-I$(BPF_OUT) -I$(BPF_SRC) -I$(BPF_LOADER_DIR) -I$(GEN_DIR) -Icli
# Debian's libelf.a wants zstd and zlib.
BPF_LOADER_LIBS := -static -lbpf -lelf -lz -lzstd

.PHONY: bpf bpf-vmlinux

bpf: $(BPF_OUT)/kwasm-bpf $(patsubst %,$(BPF_OUT)/%.bpf.o,$(BPF_PROGS)) \
	$(patsubst %,$(BPF_OUT)/%.skel.h,$(BPF_PROGS))

bpf-vmlinux: $(BPF_OUT)/vmlinux.h

$(BPF_OUT)/.deps: scripts/btf-deps.sh
	@mkdir -p $(@D)
	@scripts/btf-deps.sh
	@touch $@

$(BPF_OUT)/vmlinux.h: | $(BPF_OUT)/.deps
	$(BPFTOOL) btf dump file "$$(scripts/btf-vmlinux.sh 6.1 $(BUILD))" format c >$@.tmp
	mv $@.tmp $@

$(BPF_OUT)/%.bpf.o: $(BPF_SRC)/%.bpf.c $(BPF_HDRS) $(BPF_OUT)/vmlinux.h
	$(BPF_CLANG) $(BPF_CFLAGS) -c $< -o $@

$(BPF_OUT)/%.skel.h: $(BPF_OUT)/%.bpf.o
	$(BPFTOOL) gen skeleton $< name kw_$* >$@.tmp
	mv $@.tmp $@

$(BPF_OUT)/loader/%.o: $(BPF_LOADER_DIR)/%.c $(BPF_HDRS) $(wildcard $(BPF_LOADER_DIR)/*.h) \
		$(patsubst %,$(BPF_OUT)/%.skel.h,$(BPF_PROGS))
	@mkdir -p $(@D)
	$(CC) $(BPF_LOADER_CFLAGS) -c $< -o $@

$(BPF_OUT)/loader/main.o: $(VERSION_H)

# The hex grammar every tool shares.
$(BPF_OUT)/loader/hex.o: cli/hex.c cli/hex.h
	@mkdir -p $(@D)
	$(CC) $(BPF_LOADER_CFLAGS) -c $< -o $@

# The loader's objects, for the static tool here and the packages' dynamic one.
BPF_LOADER_OBJS := $(patsubst $(BPF_LOADER_DIR)/%.c,$(BPF_OUT)/loader/%.o,$(BPF_LOADER_SRCS)) \
	$(BPF_OUT)/loader/hex.o

$(BPF_OUT)/kwasm-bpf: $(BPF_LOADER_OBJS)
	$(CC) -o $@ $^ $(BPF_LOADER_LIBS)
