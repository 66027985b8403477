# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# kwasm-tlsd, the TLS handshake agent: OpenSSL 3 (libssl-dev) linked
# statically so the one binary runs in the busybox initramfs of the QEMU
# tests; it reuses the CLI's netlink codec (cli/nl.c).  Included from the
# top-level Makefile:
#   make tlsd        build/static/kwasm-tlsd, and kwasm-tlsd-ktls for the
#                    VM's tests (both also built by `make static`)
#   make test-tlsd   on this host, without kTLS or kwasm.ko: its messages,
#                    its loop and `kwasm tls` against a fake kwasm_tls
#                    family, and the handshake core against openssl
#                    s_server/s_client

TLSD := $(STATIC_DIR)/kwasm-tlsd
TLSD_CORE := tlsd/hs.c tlsd/keys.c tlsd/peer.c tlsd/sockbio.c cli/hex.c
TLSD_SRCS := $(TLSD_CORE) tlsd/msg.c tlsd/agent.c tlsd/main.c cli/nl.c
TLSD_HDRS := $(wildcard tlsd/*.h) cli/nl.h cli/hex.h include/uapi/linux/kwasm_tls.h
TLSD_CFLAGS := -std=gnu11 -Iport/user -Icli -Itlsd -I$(GEN_DIR) $(WARN)
TLSD_TEST := $(BUILD)/tlsd/hs_test
TLSD_KTLS := $(STATIC_DIR)/kwasm-tlsd-ktls
TLSD_MSG_TEST := $(BUILD)/tlsd/test_msg
TLSD_FAKE := $(BUILD)/tlsd/fake_tls.so
TLSD_DYN := $(BUILD)/tlsd/kwasm-tlsd-dyn

.PHONY: tlsd test-tlsd

tlsd: $(TLSD) $(TLSD_KTLS)

static: $(TLSD) $(TLSD_KTLS)

# glibc warns that libcrypto's dlopen/getaddrinfo/gethostbyname need its
# shared libraries at run time; kwasm-tlsd loads no engine or config and
# resolves no names, so those three warnings (only) are filtered out.
TLSD_LD_NOISE := requires at runtime the shared libraries|libcrypto-lib-(dso_dlfcn|bio_addr|bio_sock)\.o

$(TLSD): $(TLSD_SRCS) $(TLSD_HDRS) $(VERSION_H)
	@mkdir -p $(@D)
	@$(CC) $(TLSD_CFLAGS) $(OPT) -static -o $@ $(TLSD_SRCS) -lssl -lcrypto 2>$@.log || \
		{ cat $@.log; exit 1; }
	@grep -Ev '$(TLSD_LD_NOISE)' $@.log || true

# The core keying the kernel's kTLS, for tests/e2e/68-tlsd-ktls in the VM
# (it sets TCP_ULP: never run it on a host).
$(TLSD_KTLS): tests/tlsd/ktls_peer.c $(TLSD_CORE) $(TLSD_HDRS)
	@mkdir -p $(@D)
	@$(CC) $(TLSD_CFLAGS) $(OPT) -static -o $@ tests/tlsd/ktls_peer.c $(TLSD_CORE) \
		-lssl -lcrypto 2>$@.log || { cat $@.log; exit 1; }
	@grep -Ev '$(TLSD_LD_NOISE)' $@.log || true

# The tests run under ASan/UBSan, linked with the shared OpenSSL for speed.
$(TLSD_TEST): tests/tlsd/hs_test.c tests/tlsd/record.c tests/tlsd/record.h $(TLSD_CORE) $(TLSD_HDRS)
	@mkdir -p $(@D)
	$(CC) $(TLSD_CFLAGS) -O1 -g $(SAN) -o $@ tests/tlsd/hs_test.c tests/tlsd/record.c \
		$(TLSD_CORE) -lssl -lcrypto

$(TLSD_MSG_TEST): tests/tlsd/test_msg.c tests/unit/check.h tlsd/msg.c cli/nl.c $(TLSD_HDRS)
	@mkdir -p $(@D)
	$(CC) $(TLSD_CFLAGS) -O1 -g $(SAN) -o $@ tests/tlsd/test_msg.c tlsd/msg.c cli/nl.c

# The agent against a fake kwasm_tls family (LD_PRELOAD), so not static and
# not under ASan, which must be the first library loaded.
$(TLSD_DYN): $(TLSD_SRCS) $(TLSD_HDRS) $(VERSION_H)
	@mkdir -p $(@D)
	$(CC) $(TLSD_CFLAGS) -O1 -g -o $@ $(TLSD_SRCS) -lssl -lcrypto

TLSD_FAKE_SRCS := tests/tlsd/fake_tls.c tests/tlsd/fake_tls_rules.c tests/tlsd/record.c cli/nl.c

$(TLSD_FAKE): $(TLSD_FAKE_SRCS) tests/tlsd/fake_tls.h tests/unit/fake_nlerr.h tests/tlsd/record.h $(TLSD_HDRS)
	@mkdir -p $(@D)
	$(CC) $(TLSD_CFLAGS) -O1 -g -shared -fPIC -o $@ $(TLSD_FAKE_SRCS) -ldl -lcrypto

# `kwasm tls` against the same fake: the CLI must not be an ASan build either.
test-tlsd: deps $(TLSD_TEST) $(TLSD_MSG_TEST) $(TLSD) $(TLSD_DYN) $(TLSD_FAKE) $(HW_DIR)/kwasm
	@tests/tlsd/run.sh $(BUILD)
