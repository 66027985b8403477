# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The sanitizer flags of every ASan + UBSan build (the asan flavour, the unit
# tests, the fuzzers): one definition, so all of them check the same things.
# -fno-sanitize-recover=all makes the first report fatal, so a test fails;
# frame pointers give whole stack traces.
SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
