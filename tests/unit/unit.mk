# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Engine and CLI unit tests, run by `make test-unit`.  Each test binary
# prints its own `N passed, N failed`; scripts/sum-results.sh adds them up.

CC ?= gcc
BUILD ?= build

include mk/sanitize.mk

include tests/unit/float.mk
include tests/unit/values.mk
include tests/unit/decode.mk
include tests/unit/nl.mk
include tests/unit/mapval.mk
include tests/unit/tls.mk
include tests/unit/map.mk

UNIT_CFLAGS := -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Werror \
	-O1 -g $(SANITIZE) \
	-Iengine/include -Iport/user
WAT := $(patsubst tests/unit/wat/%.wat,$(BUILD)/unit/wat/%.wasm,$(wildcard tests/unit/wat/*.wat))

$(BUILD)/unit/wat/%.wasm: tests/unit/wat/%.wat
	@mkdir -p $(@D)
	wat2wasm $< -o $@

# The engine under ASan/UBSan comes from the asan flavour of the main Makefile.
$(BUILD)/unit/test_exec: tests/unit/test_exec.c $(BUILD)/asan/libkwasm.a tests/unit/check.h
	@mkdir -p $(@D)
	$(CC) $(UNIT_CFLAGS) -o $@ $(filter %.c %.a,$^) -lm

$(BUILD)/unit/test_fuel: tests/unit/test_fuel.c $(BUILD)/asan/libkwasm.a tests/unit/check.h
	@mkdir -p $(@D)
	$(CC) $(UNIT_CFLAGS) -o $@ $(filter %.c %.a,$^) -lm

fuel-test: $(BUILD)/unit/test_fuel
	$(BUILD)/unit/test_fuel

.PHONY: fuel-test exec-test cli-test fma-test abi-test fusion-test run

exec-test: $(BUILD)/unit/test_exec $(WAT)
	$(BUILD)/unit/test_exec $(BUILD)/unit/wat

cli-test: $(WAT)
	KWASM=$(BUILD)/hw/kwasm WATDIR=$(BUILD)/unit/wat tests/unit/cli_test.sh

fma-test: $(WAT)
	KWASM=$(BUILD)/hw/kwasm KWASM_FMA=$(BUILD)/fma/kwasm WATDIR=$(BUILD)/unit/wat \
		tests/unit/fma_test.sh

fusion-test:
	KWASM=$(BUILD)/hw/kwasm OUT=$(BUILD)/unit/wast tests/unit/fusion_test.sh

abi-test: $(WAT)
	KWASM=$(BUILD)/hw/kwasm WATDIR=$(BUILD)/unit/wat tests/unit/abi_test.sh

run:
	@scripts/sum-results.sh unit "$(MAKE) -s -f tests/unit/unit.mk BUILD=$(BUILD)" \
		float-test values-test decode-test exec-test fuel-test cli-test fma-test nl-test \
		dpmsg-test kcli-test kdp-test mapval-test map-test abi-test tls-rule-test fusion-test
