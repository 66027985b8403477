# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# kwasm-nlfuzz, the generic netlink fuzzer (kwasm and kwasm_tls families), linked statically so that it
# runs in the busybox initramfs of the QEMU tests (tests/e2e/90-nlfuzz.sh).
# Included from the top-level Makefile; `make nlfuzz` builds it.  It reuses
# the CLI's netlink codec (cli/nl.c).

NLFUZZ := $(STATIC_DIR)/kwasm-nlfuzz
NLFUZZ_SRCS := $(wildcard tests/fuzz/netlink/*.c) cli/nl.c
NLFUZZ_HDRS := $(wildcard tests/fuzz/netlink/*.h) cli/nl.h include/uapi/linux/kwasm.h \
	include/uapi/linux/kwasm_tls.h

.PHONY: nlfuzz

nlfuzz: $(NLFUZZ)

$(NLFUZZ): $(NLFUZZ_SRCS) $(NLFUZZ_HDRS)
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -D_GNU_SOURCE -static -Iinclude/uapi -Iport/user -Icli $(WARN) $(OPT) \
		-o $@ $(NLFUZZ_SRCS)
