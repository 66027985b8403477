// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Hex text to bytes (the grammar is in hex.h); linked by kwasm, kwasm-bpf
 * and kwasm-tlsd alike, so all three accept the same input.
 */
#include <errno.h>

#include "hex.h"

/**
 * hex_digit() - the value of one hex digit
 * @c: the character
 *
 * Return: 0..15, or -1 if @c is not a hex digit.
 */
int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/**
 * hex_parse() - decode hex text into bytes
 * @text: the text, NUL-terminated, in hex.h's grammar
 * @buf: where the bytes go
 * @cap: room in @buf
 * @len: out: the number of bytes, on success
 *
 * Return: 0, -EINVAL if @text is not in the grammar, -E2BIG if its bytes
 * do not fit in @cap.
 */
int hex_parse(const char *text, unsigned char *buf, size_t cap, size_t *len)
{
	size_t n = 0;
	int hi, lo;

	while (*text) {
		if (n && (*text == ' ' || *text == ':'))
			text++;
		hi = hex_digit(text[0]);
		lo = hi < 0 ? -1 : hex_digit(text[1]);
		if (lo < 0)
			return -EINVAL;
		if (n == cap)
			return -E2BIG;
		buf[n++] = hi << 4 | lo;
		text += 2;
	}
	*len = n;
	return 0;
}
