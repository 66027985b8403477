// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Helpers shared by the subcommands: reading files, wording engine errors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/**
 * cli_read_file() - read a whole file into memory
 * @path: the file
 * @data: out: malloc'd contents (free() it)
 * @len: out: size in bytes
 *
 * Return: 0 or a negative errno.
 */
int cli_read_file(const char *path, u8 **data, size_t *len)
{
	size_t cap = 65536, n = 0, got;
	u8 *buf, *tmp;
	FILE *f;
	int err;

	f = fopen(path, "rb");
	if (!f)
		return -errno;
	buf = malloc(cap);
	if (!buf)
		goto nomem;
	/* Read in chunks: works for pipes and files whose size changes. */
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n < cap)
			continue;
		tmp = realloc(buf, cap * 2);
		if (!tmp)
			goto nomem;
		buf = tmp;
		cap *= 2;
	}
	if (ferror(f)) {
		err = errno ? -errno : -EIO;
		free(buf);
		fclose(f);
		return err;
	}
	fclose(f);
	*data = buf;
	*len = n;
	return 0;
nomem:
	free(buf);
	fclose(f);
	return -ENOMEM;
}

/**
 * cli_error_text() - "0x1f: reason (detail)" for a failed load or instantiation
 * @rc: the negative KW_E* code returned
 * @err: what the engine filled in
 * @buf: output
 * @len: its size
 *
 * Return: @buf.
 */
const char *cli_error_text(int rc, const struct kw_error *err, char *buf, size_t len)
{
	const char *msg = err->msg && *err->msg ? err->msg : kw_strerror(rc);

	if (err->detail[0])
		snprintf(buf, len, "0x%x: %s (%.*s)", err->offset, msg,
			 (int)sizeof(err->detail), err->detail);
	else
		snprintf(buf, len, "0x%x: %s", err->offset, msg);
	return buf;
}

/**
 * cli_print_name() - print a Wasm name, escaping bytes that are not printable
 * @f: the stream
 * @name: the bytes (may contain NUL)
 * @len: their number
 */
void cli_print_name(FILE *f, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = name[i];

		if (c < 0x20 || c == 0x7f || c == '\\')
			fprintf(f, "\\%02x", c);
		else
			fputc(c, f);
	}
}
