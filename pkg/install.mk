# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Installing kwasm without packages, for `include` from the top Makefile:
#   make install [DESTDIR=...] [PREFIX=/usr/local]   tools, man pages, bash
#       completion, the kwasm-tlsd unit, the engine library, headers and
#       pkg-config files
#   make uninstall [DESTDIR=...] [PREFIX=...]        removes exactly those
#   make dkms-src [DESTDIR=...]                      the module source for DKMS
#       in /usr/src/kwasm-VERSION (then: dkms install kwasm/VERSION)
# The module itself: make module-install KVER=... (top Makefile) or DKMS.
# debian/rules calls the same targets, so the packages hold these files.

PREFIX ?= /usr/local
SBINDIR ?= $(PREFIX)/sbin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system

# The library's ABI version: the soname changes when the API does.
LIB_SOVERSION := 0
LIB_VERSION := $(shell cat VERSION)
LIB_SONAME := libkwasm.so.$(LIB_SOVERSION)
LIB_SHARED := libkwasm.so.$(LIB_VERSION)

# The library is the soft-float engine, as in kwasm.ko: integer-only floats,
# the same results everywhere.  PIC objects for the shared library.
PIC_DIR := $(BUILD)/pic
$(eval $(call flavour,$(PIC_DIR),soft,-fPIC))
PIC_OBJS := $(patsubst engine/src/%.c,$(PIC_DIR)/engine/%.o,$(ENGINE_SRCS) \
	$(wildcard engine/src/float_soft*.c)) $(PIC_DIR)/port/port_user.o
LIB_DIR := $(BUILD)/lib

$(LIB_DIR)/$(LIB_SHARED): $(PIC_OBJS)
	@mkdir -p $(@D)
	$(CC) -shared -Wl,-soname,$(LIB_SONAME) $(LDFLAGS) -o $@ $^ -lm

# FORCE: they hold PREFIX, which may differ from the last make.
$(LIB_DIR)/%.pc: pkg/%.pc.in FORCE
	@mkdir -p $(@D)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
		-e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(KWASM_VERSION)|' $< >$@

# The unit names the agent where it is installed.
$(BUILD)/kwasm-tlsd.service: tlsd/kwasm-tlsd.service FORCE
	sed 's|^ExecStart=.*|ExecStart=$(SBINDIR)/kwasm-tlsd|' $< >$@

# kwasm-bpf and kwasm-tlsd are static for the tests' busybox initramfs; an
# installed system gets them linked against its libbpf and OpenSSL, which
# its security updates then reach (Debian forbids embedded copies).
DYN_DIR := $(BUILD)/dyn
$(DYN_DIR)/kwasm-bpf: $(BPF_LOADER_OBJS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ -lbpf -lelf

$(DYN_DIR)/kwasm-tlsd: $(TLSD_SRCS) $(TLSD_HDRS) $(VERSION_H)
	@mkdir -p $(@D)
	$(CC) $(TLSD_CFLAGS) $(OPT) $(LDFLAGS) -o $@ $(TLSD_SRCS) -lssl -lcrypto

# What `make install` installs; debian/rules may point these at other builds.
INSTALL_KWASM ?= $(HW_DIR)/kwasm
INSTALL_BPF ?= $(DYN_DIR)/kwasm-bpf
INSTALL_TLSD ?= $(DYN_DIR)/kwasm-tlsd
PUBLIC_HDRS := engine/include/kwasm/engine.h engine/include/kwasm/kw_port.h \
	port/user/kw_port_types.h
COMPLETION := cli/completion/kwasm.bash

.PHONY: install uninstall install-tools install-lib dkms-src lib

lib: $(SOFT_DIR)/libkwasm.a $(LIB_DIR)/$(LIB_SHARED) $(LIB_DIR)/kwasm.pc $(LIB_DIR)/kwasm-guest.pc

install: install-tools install-lib

install-tools: $(INSTALL_KWASM) $(INSTALL_BPF) $(INSTALL_TLSD) $(MAN_PAGES) \
		$(BUILD)/kwasm-tlsd.service
	install -D -m 0755 $(INSTALL_KWASM) $(DESTDIR)$(SBINDIR)/kwasm
	install -D -m 0755 $(INSTALL_BPF) $(DESTDIR)$(SBINDIR)/kwasm-bpf
	install -D -m 0755 $(INSTALL_TLSD) $(DESTDIR)$(SBINDIR)/kwasm-tlsd
	install -D -m 0644 $(MAN_DIR)/kwasm.8 $(DESTDIR)$(MANDIR)/man8/kwasm.8
	install -D -m 0644 $(MAN_DIR)/kwasm-bpf.8 $(DESTDIR)$(MANDIR)/man8/kwasm-bpf.8
	install -D -m 0644 $(MAN_DIR)/kwasm-tlsd.8 $(DESTDIR)$(MANDIR)/man8/kwasm-tlsd.8
	install -D -m 0644 $(MAN_DIR)/kwasm-guest.7 $(DESTDIR)$(MANDIR)/man7/kwasm-guest.7
	install -D -m 0644 $(COMPLETION) $(DESTDIR)$(BASHCOMPDIR)/kwasm
	ln -sf kwasm $(DESTDIR)$(BASHCOMPDIR)/kwasm-bpf
	install -D -m 0644 $(BUILD)/kwasm-tlsd.service \
		$(DESTDIR)$(SYSTEMDUNITDIR)/kwasm-tlsd.service

install-lib: lib
	install -D -m 0644 $(SOFT_DIR)/libkwasm.a $(DESTDIR)$(LIBDIR)/libkwasm.a
	install -D -m 0644 $(LIB_DIR)/$(LIB_SHARED) $(DESTDIR)$(LIBDIR)/$(LIB_SHARED)
	ln -sf $(LIB_SHARED) $(DESTDIR)$(LIBDIR)/$(LIB_SONAME)
	ln -sf $(LIB_SONAME) $(DESTDIR)$(LIBDIR)/libkwasm.so
	install -d $(DESTDIR)$(INCLUDEDIR)/kwasm $(DESTDIR)$(INCLUDEDIR)/kwasm-guest
	install -m 0644 $(PUBLIC_HDRS) $(DESTDIR)$(INCLUDEDIR)/kwasm/
	install -m 0644 sdk/c/kwasm_guest.h sdk/c/kwasm_abi.h $(DESTDIR)$(INCLUDEDIR)/kwasm-guest/
	install -D -m 0644 $(LIB_DIR)/kwasm.pc $(DESTDIR)$(PKGCONFIGDIR)/kwasm.pc
	install -D -m 0644 $(LIB_DIR)/kwasm-guest.pc $(DESTDIR)$(PKGCONFIGDIR)/kwasm-guest.pc

uninstall:
	rm -f $(addprefix $(DESTDIR)$(SBINDIR)/,kwasm kwasm-bpf kwasm-tlsd) \
		$(addprefix $(DESTDIR)$(MANDIR)/man8/,kwasm.8 kwasm-bpf.8 kwasm-tlsd.8) \
		$(DESTDIR)$(MANDIR)/man7/kwasm-guest.7 \
		$(DESTDIR)$(BASHCOMPDIR)/kwasm $(DESTDIR)$(BASHCOMPDIR)/kwasm-bpf \
		$(DESTDIR)$(SYSTEMDUNITDIR)/kwasm-tlsd.service \
		$(addprefix $(DESTDIR)$(LIBDIR)/,libkwasm.a $(LIB_SHARED) $(LIB_SONAME) libkwasm.so) \
		$(addprefix $(DESTDIR)$(INCLUDEDIR)/kwasm/,$(notdir $(PUBLIC_HDRS))) \
		$(addprefix $(DESTDIR)$(INCLUDEDIR)/kwasm-guest/,kwasm_guest.h kwasm_abi.h) \
		$(DESTDIR)$(PKGCONFIGDIR)/kwasm.pc $(DESTDIR)$(PKGCONFIGDIR)/kwasm-guest.pc
	rmdir $(DESTDIR)$(INCLUDEDIR)/kwasm $(DESTDIR)$(INCLUDEDIR)/kwasm-guest 2>/dev/null || true

# The module source as DKMS wants it: Kbuild, the C files it compiles and
# the headers they include, the build scripts, dkms.conf and VERSION (the
# module's MODULE_VERSION).
DKMS_DIR = $(DESTDIR)/usr/src/kwasm-$(KWASM_VERSION)
DKMS_FILES = Kbuild $(wildcard kmod/*.[ch] engine/src/*.[ch] engine/include/kwasm/*.h \
	port/kernel/* include/uapi/linux/*.h) sdk/c/kwasm_guest.h sdk/c/kwasm_abi.h \
	scripts/kmod-btf.sh tools/btfids/btfids.c

dkms-src:
	@for f in $(DKMS_FILES); do install -D -m 0644 $$f $(DKMS_DIR)/$$f || exit 1; done
	install -m 0755 pkg/dkms-build.sh $(DKMS_DIR)/scripts/dkms-build.sh
	sed 's|#MODULE_VERSION#|$(KWASM_VERSION)|' pkg/dkms.conf.in >$(DKMS_DIR)/dkms.conf
	echo '$(KWASM_VERSION)' >$(DKMS_DIR)/VERSION

# The three Debian packages, into $(BUILD)/deb (pkg/deb.sh), and their test.
.PHONY: deb test-pkg

deb:
	@pkg/deb.sh $(BUILD)

test-pkg:
	@tests/pkg/check.sh $(BUILD)
