# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Unit tests of the kernel's map table: the real kmod/map.c, built in
# userspace against the small kernel shims of tests/unit/kshim:
#   make -f tests/unit/map.mk map-test
# The file may also be included from another makefile.

CC ?= gcc
BUILD ?= build
include mk/sanitize.mk
MAP_TEST := $(BUILD)/unit/test_map
MAP_SRCS := tests/unit/test_map.c kmod/map.c
MAP_CFLAGS := -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Werror \
	-O1 -g $(SANITIZE) -Itests/unit/kshim -Iinclude/uapi -Ikmod

.PHONY: map-test

map-test: $(MAP_TEST)
	@$(MAP_TEST)

$(MAP_TEST): $(MAP_SRCS) tests/unit/check.h kmod/map.h include/uapi/linux/kwasm.h \
		$(wildcard tests/unit/kshim/*.h tests/unit/kshim/linux/*.h)
	@mkdir -p $(@D)
	$(CC) $(MAP_CFLAGS) -o $@ $(MAP_SRCS)
