# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Tests of the CLI's kernel side, none of which needs the kwasm module:
#   make -f tests/unit/nl.mk nl-test    netlink layer and messages (canned bytes)
#   make -f tests/unit/nl.mk dpmsg-test the data-path messages (canned bytes)
#   make -f tests/unit/nl.mk kcli-test  load/unload/list/call/stats against a
#                                       fake kwasm family (LD_PRELOAD)
#   make -f tests/unit/nl.mk kdp-test   attach/detach/map and the data path in
#                                       list and stats, against the same fake
# The file may also be included from another makefile.

CC ?= gcc
BUILD ?= build
include mk/sanitize.mk
NL_TEST := $(BUILD)/unit/test_nl
DP_TEST := $(BUILD)/unit/test_dpmsg
NL_FAKE := $(BUILD)/unit/fake_kwasm.so
NL_SRCS := cli/nl.c cli/kproto.c cli/kproto_dp.c
NL_DEPS := $(NL_SRCS) cli/nl.h cli/kproto.h include/uapi/linux/kwasm.h
NL_WARN := -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Werror \
	-Iengine/include -Iport/user -Icli
NL_CFLAGS := $(NL_WARN) -O1 -g $(SANITIZE)

.PHONY: nl-test dpmsg-test kcli-test kdp-test

nl-test: $(NL_TEST)
	@$(NL_TEST)

dpmsg-test: $(DP_TEST)
	@$(DP_TEST)

# The CLI under test must not be an ASan build: ASan wants to be preloaded first.
kcli-test: $(NL_FAKE)
	@$(MAKE) -s $(BUILD)/hw/kwasm BUILD=$(BUILD)
	@KWASM=$(BUILD)/hw/kwasm FAKE=$(abspath $(NL_FAKE)) tests/unit/kcli_test.sh

kdp-test: $(NL_FAKE)
	@$(MAKE) -s $(BUILD)/hw/kwasm BUILD=$(BUILD)
	@KWASM=$(BUILD)/hw/kwasm FAKE=$(abspath $(NL_FAKE)) tests/unit/kdp_test.sh

$(NL_TEST) $(DP_TEST): $(BUILD)/unit/%: tests/unit/%.c tests/unit/check.h tests/unit/nl_canned.h $(NL_DEPS)
	@mkdir -p $(@D)
	$(CC) $(NL_CFLAGS) -o $@ $< $(NL_SRCS)

$(NL_FAKE): tests/unit/fake_kwasm.c tests/unit/fake_dp.c tests/unit/fake_kwasm.h \
		tests/unit/fake_nlerr.h $(NL_DEPS)
	@mkdir -p $(@D)
	$(CC) $(NL_WARN) -O1 -g -shared -fPIC -o $@ tests/unit/fake_kwasm.c tests/unit/fake_dp.c \
		$(NL_SRCS) -ldl
