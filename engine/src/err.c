// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Status and trap strings.  Trap texts are the spec testsuite's wording.
 */
#include "internal.h"

static const char *const err_text[] = {
	[0] = "success",
	[KW_ENOMEM - KW_ENOMEM + 1] = "out of memory",
	[KW_EMALFORMED - KW_ENOMEM + 1] = "malformed module",
	[KW_EINVALID - KW_ENOMEM + 1] = "invalid module",
	[KW_ELINK - KW_ENOMEM + 1] = "link error",
	[KW_ELIMIT - KW_ENOMEM + 1] = "resource limit exceeded",
	[KW_ETRAP - KW_ENOMEM + 1] = "trap",
	[KW_ENOTFOUND - KW_ENOMEM + 1] = "not found",
	[KW_EARG - KW_ENOMEM + 1] = "bad arguments",
	[KW_EUNSUPPORTED - KW_ENOMEM + 1] = "unsupported feature",
	[KW_EBUSY - KW_ENOMEM + 1] = "instance busy",
};

static const char *const trap_text[] = {
	[KW_TRAP_NONE] = "no trap",
	[KW_TRAP_UNREACHABLE] = "unreachable",
	[KW_TRAP_MEM_OOB] = "out of bounds memory access",
	[KW_TRAP_DIV_ZERO] = "integer divide by zero",
	[KW_TRAP_INT_OVERFLOW] = "integer overflow",
	[KW_TRAP_INVALID_CONV] = "invalid conversion to integer",
	[KW_TRAP_UNDEF_ELEM] = "undefined element",
	[KW_TRAP_UNINIT_ELEM] = "uninitialized element",
	[KW_TRAP_INDIRECT_MISMATCH] = "indirect call type mismatch",
	[KW_TRAP_TABLE_OOB] = "out of bounds table access",
	[KW_TRAP_STACK_EXHAUSTED] = "call stack exhausted",
	[KW_TRAP_FUEL] = "fuel exhausted",
	[KW_TRAP_DEADLINE] = "deadline exceeded",
	[KW_TRAP_INTERRUPTED] = "interrupted",
	[KW_TRAP_HOST] = "host function failed",
	[KW_TRAP_NULL_REF] = "null reference",
};

/**
 * kw_strerror() - text for an engine status code
 * @err: a KW_E* code, negated or not
 *
 * Return: a static string.
 */
const char *kw_strerror(int err)
{
	if (err < 0)
		err = -err;
	if (err == 0)
		return err_text[0];
	if (err >= KW_ENOMEM && err < __KW_E_LAST)
		return err_text[err - KW_ENOMEM + 1];
	return "unknown error";
}

/**
 * kw_trap_message() - the spec's wording for a trap
 * @code: enum kw_trap_code
 *
 * Return: a static string.
 */
const char *kw_trap_message(u32 code)
{
	if (code < __KW_TRAP_LAST)
		return trap_text[code];
	return "unknown trap";
}

/**
 * kw_error_set() - record why loading or instantiating failed
 * @err: the error to fill, or NULL
 * @offset: byte offset in the module binary
 * @msg: static text
 *
 * Only the first error is kept, so that the innermost reporter wins when
 * callers report again on the way out; kw_module_load() and
 * kw_instance_new() clear @err first.
 *
 * Return: 0.
 */
int kw_error_set(struct kw_error *err, u32 offset, const char *msg)
{
	if (!err || err->msg)
		return 0;
	err->offset = offset;
	err->msg = msg;
	return 0;
}
