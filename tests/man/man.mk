# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# `make test-man`: the man pages, the version and the bash completion, on
# this host (no kernel).  The top Makefile builds what they need first.

BUILD ?= build

.PHONY: man-test completion-test

man-test:
	MAN=$(BUILD)/man KWASM=$(BUILD)/hw/kwasm KWASM_BPF=$(BUILD)/bpf/kwasm-bpf \
		KWASM_TLSD=$(BUILD)/static/kwasm-tlsd tests/man/man_test.sh

completion-test:
	KWASM=$(BUILD)/hw/kwasm KWASM_BPF=$(BUILD)/bpf/kwasm-bpf \
		FAKE=$(BUILD)/unit/fake_kwasm.so tests/man/completion_test.bash
