# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Hostile-input testing of the engine (run from the top of the tree):
#
#   make -f tests/fuzz/fuzz.mk fuzz-smoke       deterministic mutations of the spec corpus
#                                               under ASan/UBSan (gcc), about a minute; then
#                                               the kernel's TLS record reader against a
#                                               naive reference (tests/fuzz/records.c)
#   make -f tests/fuzz/fuzz.mk fuzz [FUZZ_SECONDS=60]   libFuzzer (clang), coverage-guided
#
# Both use tests/fuzz/target.c.  The engine is compiled here, with soft floats
# like the asan flavour, so the fuzz builds never race the main Makefile's.
# libFuzzer needs clang and its runtime (Debian: clang, libclang-rt-14-dev).

SHELL := /bin/bash
CC ?= gcc
CLANG ?= clang
BUILD ?= build
KWASM_SPEC_DIR ?= ../shared/wasm-testsuite
FUZZ_SECONDS ?= 60
# Mutants per corpus file for fuzz-smoke; fixed so every run is the same.
FUZZ_SMOKE_K ?= 1200
FUZZ_SMOKE_SEED ?= 1

FZ := $(BUILD)/fuzz
SPEC_JSON := $(BUILD)/spec-json
CORPUS := $(FZ)/corpus
CRASHES := $(FZ)/crashes

ENGINE_SRCS := $(filter-out engine/src/float_hw.c,$(wildcard engine/src/*.c)) \
	port/user/port_user.c
ENGINE_HDRS := $(wildcard engine/src/*.h engine/include/kwasm/*.h port/user/*.h)
INC := -Iengine/include -Iengine/src -Iport/user
BASE := -std=gnu11 -fno-strict-aliasing -fwrapv -ffp-contract=off -O1 -g $(INC)
include mk/sanitize.mk
SAN := $(SANITIZE)
# Our own files build with -Werror; engine warnings are the engine's business.
WARN := -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Werror

# Hand-written hostile modules, fuzzed along with the spec corpus.
SEEDS := $(patsubst tests/fuzz/seeds/%.wat,$(FZ)/seeds/%.wasm,$(wildcard tests/fuzz/seeds/*.wat))

GCC_OBJS := $(patsubst %.c,$(FZ)/gcc/%.o,$(ENGINE_SRCS))
CLANG_OBJS := $(patsubst %.c,$(FZ)/clang/%.o,$(ENGINE_SRCS))

.PHONY: fuzz fuzz-smoke fuzz-build spec-json

fuzz-build: $(FZ)/mutate $(FZ)/libfuzzer

$(FZ)/gcc/%.o: %.c $(ENGINE_HDRS)
	@mkdir -p $(@D)
	$(CC) $(BASE) $(SAN) -c $< -o $@

$(FZ)/clang/%.o: %.c $(ENGINE_HDRS)
	@mkdir -p $(@D)
	$(CLANG) $(BASE) $(SAN) -fsanitize=fuzzer-no-link -c $< -o $@

$(FZ)/mutate: tests/fuzz/mutate.c tests/fuzz/target.c tests/fuzz/target.h $(GCC_OBJS)
	$(CC) $(BASE) $(SAN) $(WARN) -o $@ tests/fuzz/mutate.c tests/fuzz/target.c \
		$(GCC_OBJS) -lm

$(FZ)/libfuzzer: tests/fuzz/libfuzzer.c tests/fuzz/target.c tests/fuzz/target.h $(CLANG_OBJS)
	$(CLANG) $(BASE) $(SAN) -fsanitize=fuzzer $(WARN) -o $@ tests/fuzz/libfuzzer.c \
		tests/fuzz/target.c $(CLANG_OBJS) -lm

# kmod/tls_record.c is pure C: the kernel's own file, built for userspace.
$(FZ)/records: tests/fuzz/records.c kmod/tls_record.c kmod/tls_record.h
	@mkdir -p $(@D)
	$(CC) $(BASE) -Ikmod $(SAN) $(WARN) -o $@ tests/fuzz/records.c kmod/tls_record.c

$(FZ)/seeds/%.wasm: tests/fuzz/seeds/%.wat
	@mkdir -p $(@D)
	wat2wasm $< -o $@

# The spec testsuite's modules seed both fuzzers; convert them if nobody has.
spec-json:
	@if ! ls $(SPEC_JSON)/*.wasm >/dev/null 2>&1; then \
		command -v wast2json >/dev/null || \
			{ echo "fuzz: wast2json (Debian: wabt) missing"; exit 1; }; \
		mkdir -p $(SPEC_JSON); \
		for w in $(KWASM_SPEC_DIR)/*.wast; do \
			n=$$(basename $$w .wast); \
			wast2json $$w -o $(SPEC_JSON)/$$n.json >$(SPEC_JSON)/$$n.log 2>&1 || \
				echo "fuzz: wast2json failed on $$w"; \
		done; \
	fi

fuzz-smoke: $(FZ)/mutate $(FZ)/records spec-json $(SEEDS)
	@ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:allocator_may_return_null=0 \
		$(FZ)/mutate -a -k $(FUZZ_SMOKE_K) -s $(FUZZ_SMOKE_SEED) -o $(CRASHES) \
		$(SPEC_JSON) $(FZ)/seeds
	@ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 $(FZ)/records -s $(FUZZ_SMOKE_SEED)

# -rss_limit_mb: a guest gets at most 16 pages, so more means the engine let it have more.
# Extra libFuzzer flags go in FUZZ_FLAGS (e.g. FUZZ_FLAGS="-jobs=2 -workers=2").
fuzz: $(FZ)/libfuzzer spec-json $(SEEDS)
	@mkdir -p $(CORPUS) $(CRASHES)
	@for f in $(SPEC_JSON)/*.wasm $(SEEDS); do \
		[ $$(stat -c %s $$f) -le 65536 ] && cp -n $$f $(CORPUS)/; \
	done; true
	@ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 \
		$(FZ)/libfuzzer -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
		-max_len=65536 -dict=tests/fuzz/wasm.dict -artifact_prefix=$(CRASHES)/ \
		-print_final_stats=1 $(FUZZ_FLAGS) \
		$(CORPUS) 2>&1 | tee $(FZ)/fuzz.log; \
	rc=$${PIPESTATUS[0]}; \
	n=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FZ)/fuzz.log | tail -n 1); \
	if [ $$rc -eq 0 ]; then echo "fuzz: $${n:-0} passed, 0 failed"; \
	else echo "fuzz: $${n:-0} passed, 1 failed"; exit $$rc; fi
