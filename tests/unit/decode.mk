# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Unit tests of the module decoder, instances and runtime objects, built with
# ASan + UBSan against the whole engine (soft floats) and the user port:
#   make -f tests/unit/decode.mk decode-test
# The file may also be included from another makefile.

CC ?= gcc
BUILD ?= build
include mk/sanitize.mk
DECODE_TEST := $(BUILD)/unit/test_decode
DECODE_SRCS := tests/unit/test_decode.c port/user/port_user.c \
	$(filter-out engine/src/float_hw.c,$(wildcard engine/src/*.c))
DECODE_CFLAGS := -std=gnu11 -fno-strict-aliasing -fwrapv -ffp-contract=off \
	-Wall -Wextra -Wno-unused-parameter \
	-Wno-sign-compare -Werror -O1 -g \
	$(SANITIZE) \
	-Iengine/include -Iengine/src -Iport/user

.PHONY: decode-test

decode-test: $(DECODE_TEST)
	@$(DECODE_TEST)

$(DECODE_TEST): $(DECODE_SRCS) tests/unit/check.h $(wildcard engine/src/*.h engine/include/kwasm/*.h port/user/*.h)
	@mkdir -p $(@D)
	$(CC) $(DECODE_CFLAGS) -o $@ $(DECODE_SRCS) -lm
