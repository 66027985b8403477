// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * JSON for the spec runner, on json-c (README, "Dependencies").  json-c
 * keeps each string's length, so an escaped NUL in a name survives.
 */
#include <limits.h>
#include <stdio.h>

#include "json.h"

/**
 * json_parse() - parse one JSON document
 * @text: the document, not necessarily NUL-terminated
 * @len: its length in bytes; all of it must be the document (white space
 *	 may follow it, nothing else)
 * @err: where to write why it failed, or NULL
 * @errlen: size of @err
 *
 * Strict JSON (no comments, single quotes or trailing commas), valid UTF-8,
 * nested at most JSON_MAX_DEPTH deep, so hostile input cannot recurse on.
 *
 * Return: the root, to be released with json_object_put(), or NULL.
 */
struct json_object *json_parse(const char *text, size_t len, char *err, size_t errlen)
{
	struct json_tokener *tok = json_tokener_new_ex(JSON_MAX_DEPTH);
	struct json_object *root;
	enum json_tokener_error e;
	size_t end;

	if (!tok) {
		if (err && errlen)
			snprintf(err, errlen, "out of memory");
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	root = json_tokener_parse_ex(tok, text, len);
	e = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (root && end < len)
		e = json_tokener_error_parse_unexpected;
	if (e == json_tokener_success)
		return root;
	json_object_put(root);
	if (err && errlen)
		snprintf(err, errlen, "offset %zu: %s", end,
			 e == json_tokener_continue ? "unexpected end of input" :
			 json_tokener_error_desc(e));
	return NULL;
}

/**
 * json_get() - a member of an object
 * @obj: the object (anything else has no members)
 * @key: the member's name
 *
 * Return: the member, or NULL if @obj is not an object or has no @key.
 */
struct json_object *json_get(const struct json_object *obj, const char *key)
{
	struct json_object *v = NULL;

	if (!json_object_is_type(obj, json_type_object) ||
	    !json_object_object_get_ex(obj, key, &v))
		return NULL;
	return v;
}

/**
 * json_get_array() - an array member of an object
 * @obj: the object
 * @key: the member's name
 *
 * Return: the member, or NULL if it is absent or not an array.
 */
struct json_object *json_get_array(const struct json_object *obj, const char *key)
{
	struct json_object *v = json_get(obj, key);

	return json_object_is_type(v, json_type_array) ? v : NULL;
}

/**
 * json_str() - the text of a string value
 * @j: the value
 * @len: where to store its length in bytes, or NULL
 *
 * Return: the NUL-terminated text (it may hold more NULs: see @len), or
 * NULL if @j is not a string.
 */
const char *json_str(const struct json_object *j, size_t *len)
{
	if (!json_object_is_type(j, json_type_string))
		return NULL;
	if (len)
		*len = json_object_get_string_len(j);
	/* json-c's getter is not const-qualified; it does not change @j. */
	return json_object_get_string((struct json_object *)j);
}

/**
 * json_get_str() - a string member of an object
 * @obj: the object
 * @key: the member's name
 * @len: as json_str()
 *
 * Return: as json_str(); NULL if the member is absent.
 */
const char *json_get_str(const struct json_object *obj, const char *key, size_t *len)
{
	return json_str(json_get(obj, key), len);
}

/**
 * json_get_long() - an integer member of an object
 * @obj: the object
 * @key: the member's name
 * @out: the value
 *
 * Return: true if the member is an integer that fits a long.
 */
bool json_get_long(const struct json_object *obj, const char *key, long *out)
{
	struct json_object *v = json_get(obj, key);
	int64_t n;

	if (!json_object_is_type(v, json_type_int))
		return false;
	n = json_object_get_int64(v);
	if (n < LONG_MIN || n > LONG_MAX)
		return false;
	*out = n;
	return true;
}
