# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Unit tests of the CLI's JSON reading and value parsing/printing.  They need
# no engine, so they build and run on their own:
#   make -f tests/unit/values.mk values-test
# The file may also be included from another makefile.

CC ?= gcc
BUILD ?= build
include mk/sanitize.mk
VALUES_TEST := $(BUILD)/unit/test_values
VALUES_SRCS := tests/unit/test_values.c cli/json.c cli/values.c
VALUES_CFLAGS := -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Werror \
	-O1 -g $(SANITIZE) \
	-Iengine/include -Iport/user -Icli

.PHONY: values-test

values-test: $(VALUES_TEST)
	@$(VALUES_TEST)

$(VALUES_TEST): $(VALUES_SRCS) tests/unit/check.h tests/unit/xorshift.h cli/cli.h cli/json.h cli/values.h engine/include/kwasm/engine.h
	@mkdir -p $(@D)
	$(CC) $(VALUES_CFLAGS) -o $@ $(VALUES_SRCS) -ljson-c -lm
