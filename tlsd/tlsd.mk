# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# kwasm-tlsd, the TLS handshake agent: OpenSSL 3 (libssl-dev) linked
# statically so the one binary runs in the busybox initramfs of the QEMU
# tests.  Included from the top-level Makefile:
#   make tlsd        build/static/kwasm-tlsd
#   make test-tlsd   the handshake core against openssl s_server/s_client
#                    on this host, without kTLS (tests/tlsd/run.sh)

TLSD_CORE := tlsd/hs.c tlsd/keys.c tlsd/peer.c tlsd/sockbio.c
TLSD_HDRS := $(wildcard tlsd/*.h) include/uapi/linux/kwasm_tls.h
TLSD_TEST := $(BUILD)/tlsd/hs_test

.PHONY: test-tlsd

# The core under ASan/UBSan, linked with the shared OpenSSL for speed.
$(TLSD_TEST): tests/tlsd/hs_test.c tests/tlsd/record.c tests/tlsd/record.h $(TLSD_CORE) $(TLSD_HDRS)
	@mkdir -p $(@D)
	$(CC) -std=gnu11 $(WARN) -O1 -g $(SAN) -o $@ tests/tlsd/hs_test.c tests/tlsd/record.c \
		$(TLSD_CORE) -lssl -lcrypto

test-tlsd: deps $(TLSD_TEST)
	@tests/tlsd/run.sh $(BUILD)
