# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# `kwasm tls add`'s option parser and rule encoding, without a kernel:
#   make -f tests/unit/tls.mk tls-rule-test
# The file may also be included from another makefile.

CC ?= gcc
BUILD ?= build
include mk/sanitize.mk
TLS_RULE_TEST := $(BUILD)/unit/test_tls_rule
TLS_RULE_SRCS := cli/tls_rule.c cli/tls_proto.c cli/nl.c

.PHONY: tls-rule-test

tls-rule-test: $(TLS_RULE_TEST)
	@$(TLS_RULE_TEST)

$(TLS_RULE_TEST): tests/unit/test_tls_rule.c tests/unit/check.h cli/tls.h cli/nl.h \
		include/uapi/linux/kwasm_tls.h $(TLS_RULE_SRCS)
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Werror -O1 -g \
		$(SANITIZE) \
		-Iengine/include -Iport/user -Icli -o $@ $< $(TLS_RULE_SRCS)
