# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# kwasm-tlstest, the "kwasm_tls" family's test client and fake agent for
# tests/e2e/66-tls-rules.sh, linked statically for the busybox initramfs.
# Included from the top-level Makefile; `make tlstest` builds it, and
# test-qemu builds it too.  It reuses the CLI's netlink codec (cli/nl.c).

TLSTEST := $(STATIC_DIR)/kwasm-tlstest
# Only its own sources: tests/e2e/tls holds other helpers (ktls-loop.c).
TLSTEST_SRCS := tests/e2e/tls/tlstest.c tests/e2e/tls/agent.c tests/e2e/tls/conn.c \
	tests/e2e/tls/fuzz.c cli/nl.c cli/tls_proto.c
TLSTEST_HDRS := tests/e2e/tls/tlstest.h cli/nl.h cli/tls.h include/uapi/linux/kwasm_tls.h

.PHONY: tlstest

tlstest: $(TLSTEST)

test-qemu: tlstest

$(TLSTEST): $(TLSTEST_SRCS) $(TLSTEST_HDRS)
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -D_GNU_SOURCE -static -Iinclude/uapi -Iport/user -Icli $(WARN) $(OPT) \
		-o $@ $(TLSTEST_SRCS)
