# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# kwasm userspace build.  `make check` runs every test; `make demo` (with the
# kernel module) the main job.  Build output goes to build/.

CC ?= gcc
BUILD ?= build
KWASM_SPEC_DIR ?= ../shared/wasm-testsuite

WARN := -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Werror
# -ffp-contract=off: Wasm rounds every float operation; a fused multiply-add
# (what GCC makes of the mul+add cells where the target has FMA) rounds once.
ENGINE_FLAGS := -std=gnu11 -fno-strict-aliasing -fwrapv -ffp-contract=off \
	-Wframe-larger-than=1024 -Iengine/include -Iengine/src
OPT ?= -O2 -g
# GCC's global CSE hurts computed-goto dispatch (its manual says so): with it,
# adding handlers to interp.c can push ip out of its register into a stack slot.
INTERP_FLAGS := -fno-gcse

ENGINE_SRCS := $(filter-out engine/src/float_%.c,$(wildcard engine/src/*.c))
CLI_SRCS := $(wildcard cli/*.c)

# The version `kwasm --version` and the man pages print: VERSION, or git
# describe past its tag (scripts/version.sh); `make KWASM_VERSION=...` wins.
ifndef KWASM_VERSION
KWASM_VERSION := $(shell scripts/version.sh)
endif
# Exported, so the scripts make runs (man pages, tests) see the same.
export KWASM_VERSION
GEN_DIR := $(BUILD)/gen
VERSION_H := $(GEN_DIR)/version.h

# Three userspace flavours: hardware floats, soft floats, soft floats + ASan/UBSan.
HW_DIR := $(BUILD)/hw
SOFT_DIR := $(BUILD)/soft
ASAN_DIR := $(BUILD)/asan
# ASan redzones inflate frames; the 1 KiB frame rule is enforced by the other builds.
include mk/sanitize.mk
SAN := $(SANITIZE) -Wframe-larger-than=16384

.PHONY: all cli static module module-install module-uninstall test-qemu check deps test-unit test-man test-spec test-fuzz test-guest freestanding-check bench dispatch-count style demo \
	clean test-debug tls-profile test-install

all: cli

cli: $(HW_DIR)/kwasm $(SOFT_DIR)/kwasm

define flavour
$(1)/engine/%.o: engine/src/%.c $$(wildcard engine/src/*.h engine/include/kwasm/*.h)
	@mkdir -p $$(@D)
	$$(CC) $$(ENGINE_FLAGS) -Iport/user $$(WARN) $$(OPT) $(3) \
		$$(if $$(filter interp,$$*),$$(INTERP_FLAGS)) -c $$< -o $$@
$(1)/port/%.o: port/user/%.c engine/include/kwasm/kw_port.h
	@mkdir -p $$(@D)
	$$(CC) -std=gnu11 -Iengine/include -Iport/user $$(WARN) $$(OPT) $(3) -c $$< -o $$@
$(1)/cli/%.o: cli/%.c $$(wildcard cli/*.h engine/include/kwasm/*.h include/uapi/linux/*.h)
	@mkdir -p $$(@D)
	$$(CC) -std=gnu11 -Iengine/include -Iport/user -Icli -I$(GEN_DIR) $$(WARN) $$(OPT) $(3) -c $$< -o $$@
$(1)/libkwasm.a: $$(patsubst engine/src/%.c,$(1)/engine/%.o,$$(ENGINE_SRCS) \
		$$(wildcard engine/src/float_$(2)*.c)) \
		$(1)/port/port_user.o
	rm -f $$@ && gcc-ar rcs $$@ $$^
$(1)/cli/main.o: $(VERSION_H)
$(1)/kwasm: $$(patsubst cli/%.c,$(1)/cli/%.o,$$(CLI_SRCS)) $(1)/libkwasm.a
	$$(CC) $(3) -o $$@ $$^ -ljson-c -lm
endef

# Rewritten only when the version changes, so main.o is rebuilt only then.
$(VERSION_H): FORCE
	@mkdir -p $(@D)
	@echo '#define KWASM_VERSION "$(KWASM_VERSION)"' >$@.tmp
	@if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

.PHONY: FORCE
FORCE:

# The hardware-float build inlines float_hw.c into the interpreter through LTO.
$(eval $(call flavour,$(HW_DIR),hw,-flto=auto))
$(eval $(call flavour,$(SOFT_DIR),soft,))
$(eval $(call flavour,$(ASAN_DIR),soft,$(SAN)))
# A static CLI for the busybox initramfs of the QEMU tests.
STATIC_DIR := $(BUILD)/static
$(eval $(call flavour,$(STATIC_DIR),hw,-static -flto=auto))

static: $(STATIC_DIR)/kwasm

# Counts dispatches per instruction (kwasm run prints them): bench/dispatch.sh.
COUNT_DIR := $(BUILD)/count
$(eval $(call flavour,$(COUNT_DIR),hw,-DKW_COUNT_DISPATCH -flto=auto))

dispatch-count: $(HW_DIR)/kwasm $(COUNT_DIR)/kwasm
	@$(MAKE) -s -C bench BUILD=$(abspath $(BUILD)) all
	@bench/dispatch.sh $(BUILD)

# Hardware floats for a CPU with FMA (x86-64-v3), where contraction would
# show: test-unit checks that this build rounds as Wasm says.
ifeq ($(shell uname -m),x86_64)
FMA_DIR := $(BUILD)/fma
$(eval $(call flavour,$(FMA_DIR),hw,-march=x86-64-v3 -flto=auto))
# Every indirect jump through a retpoline, as in a kernel built with
# CONFIG_RETPOLINE on a CPU without eIBRS: what each dispatch costs there.
RETP_DIR := $(BUILD)/retpoline
$(eval $(call flavour,$(RETP_DIR),hw,-mindirect-branch=thunk -mindirect-branch-register \
	-flto=auto))
endif

# kwasm-nlfuzz, the netlink fuzzer of tests/e2e/90-nlfuzz.sh, also static.
include tests/fuzz/netlink/nlfuzz.mk
include tests/e2e/tls/tlstest.mk

# kwasm-tlsd, the TLS handshake agent, also static; and its host test.
include tlsd/tlsd.mk

QEMU_KERNELS ?= 6.1 6.12

# kwasm.ko for every QEMU kernel, built against headers of the same version
# as the image that boots (kernel.sh fetches and caches both).  With KVER
# (e.g. KVER=$$(uname -r)) or KDIR (a headers folder), for that kernel only:
# $(BUILD)/kmod/KVER/kwasm.ko, BTF as scripts/kmod-btf.sh finds it.
ifneq ($(KVER)$(KDIR),)
MOD_KDIR := $(or $(KDIR),/usr/src/linux-headers-$(KVER))
MOD_KVER := $(or $(KVER),$(shell cat $(MOD_KDIR)/include/config/kernel.release 2>/dev/null))
MOD_KO := $(BUILD)/kmod/$(MOD_KVER)/kwasm.ko

module:
	@test -n "$(MOD_KVER)" || { echo "module: no kernel.release in $(MOD_KDIR)" >&2; exit 2; }
	KDIR=$(MOD_KDIR) scripts/kmod-build.sh $(MOD_KVER) $(abspath $(BUILD))/kmod/$(MOD_KVER)

# DESTDIR/lib/modules/KVER/updates/kwasm.ko; depmod only for a real install
# (DESTDIR empty).  A DKMS install (kwasm-dkms, README) rebuilds on upgrades.
module-install: module
	install -D -m 0644 $(MOD_KO) $(DESTDIR)/lib/modules/$(MOD_KVER)/updates/kwasm.ko
	$(if $(DESTDIR),,depmod -a $(MOD_KVER))

module-uninstall:
	rm -f $(DESTDIR)/lib/modules/$(MOD_KVER)/updates/kwasm.ko
	$(if $(DESTDIR),,depmod -a $(MOD_KVER))
else
module:
	@for k in $(QEMU_KERNELS); do \
		kver=$$(tests/qemu/kver.sh $$k) && \
		tests/qemu/kernel.sh $$kver $(BUILD) >/dev/null && \
		KDIR=$$(tests/qemu/headers.sh $$kver $(BUILD)) REQUIRE_BTF=1 \
		scripts/kmod-build.sh $$kver $(abspath $(BUILD))/kmod/$$kver W=1 \
			>$(BUILD)/kmod-$$kver.log 2>&1 || { cat $(BUILD)/kmod-$$kver.log; exit 1; }; \
		if grep 'warning:' $(BUILD)/kmod-$$kver.log | grep -qv 'jobserver unavailable'; then \
			cat $(BUILD)/kmod-$$kver.log; exit 1; fi; \
	done

module-install module-uninstall:
	@echo "$@: say which kernel: make $@ KVER=\$$(uname -r) [DESTDIR=...]" >&2; exit 2
endif

# Boot Debian's 6.1 and 6.12 in QEMU (TCG), run tests/e2e inside each, then
# prove with the must-fail canary that a kernel crash fails the run.
E2E_WASM := $(patsubst tests/e2e/wat/%.wat,$(BUILD)/guest/e2e/%.wasm,$(wildcard tests/e2e/wat/*.wat))

$(BUILD)/guest/e2e/%.wasm: tests/e2e/wat/%.wat
	@mkdir -p $(@D)
	wat2wasm $< -o $@

include bpf/bpf.mk
include docs/man/man.mk
include pkg/install.mk

test-qemu: deps static module bpf nlfuzz $(E2E_WASM)
	@$(MAKE) -s -C examples BUILD=$(abspath $(BUILD)) all
	@tests/qemu/check.sh $(BUILD) $(QEMU_KERNELS)

# The debug-kernel lane: Debian's 6.1 source built with KASAN, lockdep,
# UBSAN, kmemleak, KFENCE and fault injection (cached in build/debug-kernel),
# kwasm.ko against it, every tests/e2e script plus tests/debug/vm in QEMU.
# Not part of check: it takes longer than check's budget (README, Tests).
test-debug: deps static bpf nlfuzz tlstest $(E2E_WASM)
	@$(MAKE) -s -C examples BUILD=$(abspath $(BUILD)) all
	@KWASM_SPEC_DIR=$(KWASM_SPEC_DIR) tests/debug/check.sh $(BUILD)

# The install test: a real Debian 12 system (mmdebstrap image, cached in
# build/install) boots in QEMU, installs the .debs of `make deb` with apt
# (DKMS builds kwasm.ko in the VM), upgrades to a second kernel, removes
# them.  Not part of check: it takes longer than check's budget (README).
test-install: deb $(BUILD)/guest/e2e/e2e_traps.wasm
	@tests/install/run.sh $(BUILD) $(BUILD)/deb

deps:
	@scripts/deps.sh

test-unit: deps $(HW_DIR)/kwasm $(ASAN_DIR)/libkwasm.a $(if $(FMA_DIR),$(FMA_DIR)/kwasm)
	@$(MAKE) -s -f tests/unit/unit.mk BUILD=$(BUILD) run

# The man pages, --version and the bash completion (tests/man).
test-man: deps man $(HW_DIR)/kwasm
	@$(MAKE) -s -f tests/unit/unit.mk BUILD=$(BUILD) $(BUILD)/unit/fake_kwasm.so
	@scripts/sum-results.sh test-man "$(MAKE) -s -f tests/man/man.mk BUILD=$(BUILD)" \
		man-test completion-test

test-spec: deps $(HW_DIR)/kwasm $(SOFT_DIR)/kwasm $(ASAN_DIR)/kwasm
	@scripts/spec.sh "$(KWASM_SPEC_DIR)" $(BUILD)

freestanding-check:
	@scripts/freestanding-check.sh

# The example guests (C, Rust, AssemblyScript, WAT) against their expected results.
test-guest: deps $(HW_DIR)/kwasm
	@$(MAKE) -s -C examples BUILD=$(abspath $(BUILD)) KWASM=$(abspath $(HW_DIR))/kwasm check

# Mutated spec-suite modules through load/instantiate/call under ASan+UBSan.
test-fuzz: deps
	@$(MAKE) -s -f tests/fuzz/fuzz.mk BUILD=$(BUILD) fuzz-smoke

# Where a kwasm-tlsd handshake spends its instructions (callgrind, on this
# machine, no kernel): the agent's handshake code, static like the agent.
TLS_PROFILE := $(BUILD)/bench/tls_profile
$(TLS_PROFILE): bench/tls_profile.c $(TLSD_CORE) $(TLSD_HDRS)
	@mkdir -p $(@D)
	@$(CC) $(TLSD_CFLAGS) $(OPT) -static -o $@ bench/tls_profile.c $(TLSD_CORE) \
		-lssl -lcrypto 2>$@.log || { cat $@.log; exit 1; }
	@grep -Ev '$(TLSD_LD_NOISE)' $@.log || true

tls-profile: deps $(TLS_PROFILE)
	@bench/tls-profile.sh $(BUILD)

# Load speed and memory per module and instance (bench/load.c), on the
# engine library the CLI links.
LOAD_BENCH := $(BUILD)/bench/load
$(LOAD_BENCH): bench/load.c $(HW_DIR)/libkwasm.a
	@mkdir -p $(@D)
	@$(CC) -std=gnu11 -Iengine/include -Iport/user $(WARN) $(OPT) -flto=auto -o $@ \
		bench/load.c $(HW_DIR)/libkwasm.a -lm

bench: deps $(HW_DIR)/kwasm $(SOFT_DIR)/kwasm $(if $(RETP_DIR),$(RETP_DIR)/kwasm) static \
		module bpf $(E2E_WASM) $(TLS_PROFILE) $(LOAD_BENCH) $(COUNT_DIR)/kwasm
	@$(MAKE) -s -C bench BUILD=$(abspath $(BUILD)) KWASM_HW=$(abspath $(HW_DIR))/kwasm \
		KWASM_SOFT=$(abspath $(SOFT_DIR))/kwasm \
		KWASM_RETP=$(if $(RETP_DIR),$(abspath $(RETP_DIR))/kwasm) run
	@echo && echo "dispatches per program (the counting build):" && bench/dispatch.sh $(BUILD)
	@$(MAKE) -s -C examples BUILD=$(abspath $(BUILD)) all
	@echo && echo "load: the largest example guest, then a generated module" && \
		$(LOAD_BENCH) $$(ls -S $$(find $(BUILD)/guest -name '*.wasm') | head -n 1)
	@echo && bench/datapath.sh $(BUILD) $(QEMU_KERNELS)
	@echo && bench/tls.sh $(BUILD) $(QEMU_KERNELS)
	@echo && bench/tls-profile.sh $(BUILD)

# Boot Debian's 6.1 kernel in QEMU, load guests in four languages into kwasm.ko, call them,
# then call a Wasm filter from eBPF and drop traffic with it.
demo: deps static module bpf $(E2E_WASM)
	@$(MAKE) -s -C examples BUILD=$(abspath $(BUILD)) all
	@scripts/demo.sh $(BUILD)

style:
	@scripts/style.sh

# The last line adds up every suite's `N passed, N failed`.
check: deps
	@scripts/sum-results.sh check "$(MAKE) -s" freestanding-check style test-unit test-man test-pkg test-tlsd \
		test-guest test-fuzz test-spec test-qemu

clean:
	rm -rf $(BUILD)
