/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Bytes written in hex, the one grammar of every kwasm tool (`kwasm run
 * --packet`, map keys and values, kwasm-bpf --data, kwasm-tlsd's key log):
 * pairs of hex digits, either case; one ' ' or ':' may separate two bytes
 * (none before the first or after the last); "" is zero bytes.
 */
#ifndef KWASM_CLI_HEX_H
#define KWASM_CLI_HEX_H

#include <stddef.h>

int hex_digit(char c);
int hex_parse(const char *text, unsigned char *buf, size_t cap, size_t *len);

#endif /* KWASM_CLI_HEX_H */
