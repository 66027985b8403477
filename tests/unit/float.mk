# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Differential test of engine/src/float_hw.c against engine/src/float_soft.c.
# Run from the top of the tree:
#   make -f tests/unit/float.mk float-test        # -O2 build
#   make -f tests/unit/float.mk float-test-asan   # ASan + UBSan build
# or include this file from another makefile.  FLOAT_TEST_ARGS (e.g. -n 1000000)
# sets the number of random cases per operation.
#
# float_soft*.c are compiled with every kw_ name from kw_float.h renamed to
# sf_kw_, so both implementations link into one binary.

CC ?= gcc
BUILD ?= build
include mk/sanitize.mk
FLOAT_TEST_ARGS ?=

FLOAT_CFLAGS := -std=gnu11 -fno-strict-aliasing -fwrapv -ffp-contract=off -Wframe-larger-than=1024 \
	-Iengine/include -Iengine/src -Iport/user \
	-Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Werror -O2 -g
FLOAT_SAN := $(SANITIZE)
# The names come from the preprocessed header: its X-macro lists make most of them.
FLOAT_NAMES := $(shell $(CC) -E -P -Iengine/include -Iengine/src -Iport/user engine/src/kw_float.h | \
	grep -o 'kw_[fi]\(32\|64\)_[a-z0-9_]*' | sort -u)
FLOAT_RENAME := $(foreach f,$(FLOAT_NAMES),-D$(f)=sf_$(f))
FLOAT_SOFT := engine/src/float_soft.c engine/src/float_soft_div.c
FLOAT_DEPS := tests/unit/test_float.c engine/src/float_hw.c $(FLOAT_SOFT) engine/src/float_soft.h \
	engine/src/kw_float.h engine/include/kwasm/kw_port.h engine/include/kwasm/engine.h

.PHONY: float-test float-test-asan

# $(1) output binary, $(2) extra flags
define float_test_bin
$(1): $(FLOAT_DEPS)
	@mkdir -p $$(@D)
	$$(CC) $$(FLOAT_CFLAGS) $(2) -c engine/src/float_hw.c -o $$@.hw.o
	$$(CC) $$(FLOAT_CFLAGS) $(2) $$(FLOAT_RENAME) -c engine/src/float_soft.c -o $$@.soft.o
	$$(CC) $$(FLOAT_CFLAGS) $(2) $$(FLOAT_RENAME) -c engine/src/float_soft_div.c -o $$@.div.o
	$$(CC) $$(FLOAT_CFLAGS) $(2) -c tests/unit/test_float.c -o $$@.test.o
	$$(CC) $(2) -o $$@ $$@.test.o $$@.hw.o $$@.soft.o $$@.div.o -lm
endef

$(eval $(call float_test_bin,$(BUILD)/unit/test_float,))
$(eval $(call float_test_bin,$(BUILD)/unit/test_float_asan,$(FLOAT_SAN)))

float-test: $(BUILD)/unit/test_float
	$(BUILD)/unit/test_float $(FLOAT_TEST_ARGS)

float-test-asan: $(BUILD)/unit/test_float_asan
	$(BUILD)/unit/test_float_asan -n 20000 $(FLOAT_TEST_ARGS)
