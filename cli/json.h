/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The spec runner's view of a JSON document (wast2json output), read with
 * json-c: strict parsing with bounded depth, and member lookups that check
 * the member's type.  Strings keep their length (names may hold NUL bytes).
 */
#ifndef KWASM_CLI_JSON_H
#define KWASM_CLI_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include <json-c/json.h>

/* Deepest nesting accepted; wast2json output needs 5. */
#define JSON_MAX_DEPTH	128

struct json_object *json_parse(const char *text, size_t len, char *err, size_t errlen);
struct json_object *json_get(const struct json_object *obj, const char *key);
struct json_object *json_get_array(const struct json_object *obj, const char *key);
const char *json_str(const struct json_object *j, size_t *len);
const char *json_get_str(const struct json_object *obj, const char *key, size_t *len);
bool json_get_long(const struct json_object *obj, const char *key, long *out);

#endif /* KWASM_CLI_JSON_H */
