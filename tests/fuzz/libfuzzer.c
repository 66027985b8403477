// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer entry point; built with clang -fsanitize=fuzzer,address,undefined.
 */
#include <stddef.h>
#include <stdint.h>

#include "target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return kw_fuzz_one(data, size);
}
