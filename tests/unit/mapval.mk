# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Unit tests of the typed map key/value text (cli/mapval.c) and the
# userspace maps of `kwasm run` (cli/abi_map.c); no engine needed:
#   make -f tests/unit/mapval.mk mapval-test
# The file may also be included from another makefile.

CC ?= gcc
BUILD ?= build
include mk/sanitize.mk
MAPVAL_TEST := $(BUILD)/unit/test_mapval
MAPVAL_SRCS := tests/unit/test_mapval.c cli/mapval.c cli/hex.c cli/abi_map.c
MAPVAL_CFLAGS := -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Werror \
	-O1 -g $(SANITIZE) \
	-Iport/user -Icli

.PHONY: mapval-test

mapval-test: $(MAPVAL_TEST)
	@$(MAPVAL_TEST)

$(MAPVAL_TEST): $(MAPVAL_SRCS) tests/unit/check.h cli/mapval.h cli/hex.h cli/abi_map.h
	@mkdir -p $(@D)
	$(CC) $(MAPVAL_CFLAGS) -o $@ $(MAPVAL_SRCS)
