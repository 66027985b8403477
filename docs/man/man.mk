# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The man pages, for `include` from the top Makefile: `make man` writes
# $(BUILD)/man/kwasm.8, kwasm-bpf.8, kwasm-tlsd.8 and kwasm-guest.7.  Each has one
# source: the programs' own help (plus the *.in page for what help cannot
# say) and sdk/c/kwasm_guest.h for the guest ABI.

MAN_DIR := $(BUILD)/man
MAN_PAGES := $(MAN_DIR)/kwasm.8 $(MAN_DIR)/kwasm-bpf.8 $(MAN_DIR)/kwasm-tlsd.8 \
	$(MAN_DIR)/kwasm-guest.7
# The generators, with their shared roff helpers.
MAN_CLI := scripts/man-cli.sh scripts/man-roff.awk
MAN_GUEST := scripts/man-guest.sh scripts/man-roff.awk

.PHONY: man

man: $(MAN_PAGES)

$(MAN_DIR)/kwasm.8: docs/man/kwasm.8.in $(MAN_CLI) $(HW_DIR)/kwasm
	@mkdir -p $(@D)
	scripts/man-cli.sh $(HW_DIR)/kwasm $< COMMANDS >$@.tmp
	mv $@.tmp $@

$(MAN_DIR)/kwasm-bpf.8: docs/man/kwasm-bpf.8.in $(MAN_CLI) $(BPF_OUT)/kwasm-bpf
	@mkdir -p $(@D)
	scripts/man-cli.sh $(BPF_OUT)/kwasm-bpf $< "COMMANDS AND OPTIONS" >$@.tmp
	mv $@.tmp $@

$(MAN_DIR)/kwasm-tlsd.8: docs/man/kwasm-tlsd.8.in $(MAN_CLI) $(TLSD)
	@mkdir -p $(@D)
	scripts/man-cli.sh $(TLSD) $< DESCRIPTION >$@.tmp
	mv $@.tmp $@

$(MAN_DIR)/kwasm-guest.7: sdk/c/kwasm_guest.h sdk/c/kwasm_abi.h $(MAN_GUEST) $(VERSION_H)
	@mkdir -p $(@D)
	KWASM_VERSION=$(KWASM_VERSION) scripts/man-guest.sh $< >$@.tmp
	mv $@.tmp $@
