/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * A small JSON reader for the spec runner (wast2json output).
 *
 * The whole document is parsed into a tree of struct json nodes.  Strings are
 * decoded (\u escapes become UTF-8) and may contain NUL bytes, so every string
 * carries its length; it is also NUL-terminated for convenience.  Numbers are
 * kept as their source text: callers convert them with the precision they need.
 */
#ifndef KWASM_CLI_JSON_H
#define KWASM_CLI_JSON_H

#include <stdbool.h>
#include <stddef.h>

enum json_type {
	JSON_NULL,
	JSON_BOOL,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT,
};

/**
 * struct json - one JSON value
 * @type: enum json_type
 * @boolean: the value of a JSON_BOOL
 * @str: decoded text of a JSON_STRING, source text of a JSON_NUMBER
 * @len: length of @str in bytes
 * @key: member name when this node is an object member, else NULL
 * @key_len: length of @key
 * @child: first element or member of an array or object
 * @next: next sibling in the parent array or object
 * @count: number of children
 */
struct json {
	enum json_type type;
	bool boolean;
	char *str;
	size_t len;
	char *key;
	size_t key_len;
	struct json *child;
	struct json *next;
	size_t count;
};

/* Deepest nesting accepted; wast2json output needs 5. */
#define JSON_MAX_DEPTH	128

struct json *json_parse(const char *text, size_t len, char *err, size_t errlen);
void json_free(struct json *node);
struct json *json_get(const struct json *obj, const char *key);
const char *json_get_str(const struct json *obj, const char *key, size_t *len);
bool json_get_long(const struct json *obj, const char *key, long *out);

#endif /* KWASM_CLI_JSON_H */
