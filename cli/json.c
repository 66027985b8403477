// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * A small recursive-descent JSON parser.  Recursion is bounded by
 * JSON_MAX_DEPTH, so hostile input cannot exhaust the (userspace) stack.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

struct parser {
	const char *p;
	const char *start;
	const char *end;
	char *err;
	size_t errlen;
	bool failed;
};

static void fail(struct parser *ps, const char *what)
{
	if (ps->failed)
		return;
	ps->failed = true;
	if (ps->err && ps->errlen)
		snprintf(ps->err, ps->errlen, "offset %zu: %s", (size_t)(ps->p - ps->start), what);
}

static void skip_ws(struct parser *ps)
{
	while (ps->p < ps->end &&
	       (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static struct json *new_node(struct parser *ps, enum json_type type)
{
	struct json *n = calloc(1, sizeof(*n));

	if (!n)
		fail(ps, "out of memory");
	else
		n->type = type;
	return n;
}

static int hex4(struct parser *ps, unsigned int *out)
{
	unsigned int v = 0;
	int i;

	if (ps->end - ps->p < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		char c = *ps->p++;

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* Encode a code point as UTF-8; lone surrogates are kept (WTF-8) rather than rejected. */
static size_t put_utf8(char *dst, unsigned int cp)
{
	if (cp < 0x80) {
		dst[0] = cp;
		return 1;
	}
	if (cp < 0x800) {
		dst[0] = 0xc0 | (cp >> 6);
		dst[1] = 0x80 | (cp & 0x3f);
		return 2;
	}
	if (cp < 0x10000) {
		dst[0] = 0xe0 | (cp >> 12);
		dst[1] = 0x80 | ((cp >> 6) & 0x3f);
		dst[2] = 0x80 | (cp & 0x3f);
		return 3;
	}
	dst[0] = 0xf0 | (cp >> 18);
	dst[1] = 0x80 | ((cp >> 12) & 0x3f);
	dst[2] = 0x80 | ((cp >> 6) & 0x3f);
	dst[3] = 0x80 | (cp & 0x3f);
	return 4;
}

static int parse_escape(struct parser *ps, char *dst, size_t *n)
{
	static const char plain[] = "\"\\/bfnrt";
	static const char value[] = "\"\\/\b\f\n\r\t";
	unsigned int cp, lo;
	char c = *ps->p++;
	const char *hit;

	if (c != 'u') {
		hit = c ? strchr(plain, c) : NULL;
		if (!hit)
			return -1;
		dst[(*n)++] = value[hit - plain];
		return 0;
	}
	if (hex4(ps, &cp))
		return -1;
	/* Join a surrogate pair when the low half follows. */
	if (cp >= 0xd800 && cp < 0xdc00 && ps->end - ps->p >= 6 &&
	    ps->p[0] == '\\' && ps->p[1] == 'u') {
		const char *save = ps->p;

		ps->p += 2;
		if (!hex4(ps, &lo) && lo >= 0xdc00 && lo < 0xe000)
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
		else
			ps->p = save;
	}
	*n += put_utf8(dst + *n, cp);
	return 0;
}

/* Parse a string at ps->p (just past the quote); returns a malloc'd copy. */
static char *parse_string(struct parser *ps, size_t *len)
{
	const char *q, *save_end;
	size_t n = 0;
	char *s;

	/* Decoded text is never longer than the source. */
	for (q = ps->p; q < ps->end && *q != '"'; q++)
		if (*q == '\\')
			q++;
	if (q >= ps->end) {
		fail(ps, "unterminated string");
		return NULL;
	}
	s = malloc(q - ps->p + 1);
	if (!s) {
		fail(ps, "out of memory");
		return NULL;
	}
	/* Decode up to the closing quote only, so escapes cannot read past it. */
	save_end = ps->end;
	ps->end = q;
	while (ps->p < q) {
		unsigned char c = *ps->p++;

		if (c < 0x20) {
			fail(ps, "control character in string");
			goto err;
		}
		if (c != '\\') {
			s[n++] = c;
			continue;
		}
		if (parse_escape(ps, s, &n)) {
			fail(ps, "bad escape in string");
			goto err;
		}
	}
	ps->end = save_end;
	ps->p++;
	s[n] = '\0';
	*len = n;
	return s;
err:
	ps->end = save_end;
	free(s);
	return NULL;
}

static struct json *parse_value(struct parser *ps, int depth);

static struct json *parse_number(struct parser *ps)
{
	const char *b = ps->p;
	struct json *n;

	if (ps->p < ps->end && *ps->p == '-')
		ps->p++;
	if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') {
		fail(ps, "bad number");
		return NULL;
	}
	while (ps->p < ps->end && strchr("0123456789+-.eE", *ps->p))
		ps->p++;
	n = new_node(ps, JSON_NUMBER);
	if (!n)
		return NULL;
	n->len = ps->p - b;
	n->str = malloc(n->len + 1);
	if (!n->str) {
		fail(ps, "out of memory");
		free(n);
		return NULL;
	}
	memcpy(n->str, b, n->len);
	n->str[n->len] = '\0';
	return n;
}

static bool match_word(struct parser *ps, const char *w)
{
	size_t l = strlen(w);

	if (ps->end - ps->p < (long)l || memcmp(ps->p, w, l))
		return false;
	ps->p += l;
	return true;
}

/* Arrays and objects share the list logic; objects also read "key": before each value. */
static struct json *parse_list(struct parser *ps, int depth, bool object)
{
	struct json *n = new_node(ps, object ? JSON_OBJECT : JSON_ARRAY);
	struct json **tail;
	char close = object ? '}' : ']';

	if (!n)
		return NULL;
	tail = &n->child;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return n;
	}
	for (;;) {
		struct json *item;
		char *key = NULL;
		size_t key_len = 0;

		skip_ws(ps);
		if (object) {
			if (ps->p >= ps->end || *ps->p != '"') {
				fail(ps, "expected member name");
				goto err;
			}
			ps->p++;
			key = parse_string(ps, &key_len);
			if (!key)
				goto err;
			skip_ws(ps);
			if (ps->p >= ps->end || *ps->p != ':') {
				free(key);
				fail(ps, "expected ':'");
				goto err;
			}
			ps->p++;
		}
		item = parse_value(ps, depth + 1);
		if (!item) {
			free(key);
			goto err;
		}
		item->key = key;
		item->key_len = key_len;
		*tail = item;
		tail = &item->next;
		n->count++;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
			return n;
		}
		fail(ps, object ? "expected ',' or '}'" : "expected ',' or ']'");
		goto err;
	}
err:
	json_free(n);
	return NULL;
}

static struct json *parse_value(struct parser *ps, int depth)
{
	struct json *n;

	if (depth > JSON_MAX_DEPTH) {
		fail(ps, "nested too deeply");
		return NULL;
	}
	skip_ws(ps);
	if (ps->p >= ps->end) {
		fail(ps, "unexpected end of input");
		return NULL;
	}
	switch (*ps->p) {
	case '{':
		ps->p++;
		return parse_list(ps, depth, true);
	case '[':
		ps->p++;
		return parse_list(ps, depth, false);
	case '"':
		ps->p++;
		n = new_node(ps, JSON_STRING);
		if (!n)
			return NULL;
		n->str = parse_string(ps, &n->len);
		if (!n->str) {
			free(n);
			return NULL;
		}
		return n;
	}
	if (match_word(ps, "true") || match_word(ps, "false")) {
		n = new_node(ps, JSON_BOOL);
		if (n)
			n->boolean = ps->p[-1] == 'e' && ps->p[-2] == 'u';
		return n;
	}
	if (match_word(ps, "null"))
		return new_node(ps, JSON_NULL);
	return parse_number(ps);
}

/**
 * json_parse() - parse a complete JSON document
 * @text: the document (need not be NUL-terminated)
 * @len: its length
 * @err: where to write a message on failure (may be NULL)
 * @errlen: size of @err
 *
 * Return: the root node (free with json_free()), or NULL on error.
 */
struct json *json_parse(const char *text, size_t len, char *err, size_t errlen)
{
	struct parser ps = {
		.p = text, .start = text, .end = text + len, .err = err, .errlen = errlen,
	};
	struct json *root = parse_value(&ps, 0);

	if (!root)
		return NULL;
	skip_ws(&ps);
	if (ps.p != ps.end) {
		fail(&ps, "trailing garbage");
		json_free(root);
		return NULL;
	}
	return root;
}

/**
 * json_free() - free a tree from json_parse()
 * @node: the root, or NULL
 */
void json_free(struct json *node)
{
	while (node) {
		struct json *next = node->next;

		json_free(node->child);
		free(node->str);
		free(node->key);
		free(node);
		node = next;
	}
}

/**
 * json_get() - find an object member by name
 * @obj: an object node (anything else yields NULL)
 * @key: NUL-terminated member name
 *
 * Return: the first member with that name, or NULL.
 */
struct json *json_get(const struct json *obj, const char *key)
{
	size_t l = strlen(key);
	struct json *m;

	if (!obj || obj->type != JSON_OBJECT)
		return NULL;
	for (m = obj->child; m; m = m->next)
		if (m->key_len == l && !memcmp(m->key, key, l))
			return m;
	return NULL;
}

/**
 * json_get_str() - the string value of an object member
 * @obj: an object node
 * @key: member name
 * @len: out: string length (may be NULL)
 *
 * Return: the decoded string, or NULL if missing or not a string.
 */
const char *json_get_str(const struct json *obj, const char *key, size_t *len)
{
	struct json *m = json_get(obj, key);

	if (!m || m->type != JSON_STRING)
		return NULL;
	if (len)
		*len = m->len;
	return m->str;
}

/**
 * json_get_long() - the integer value of an object member
 * @obj: an object node
 * @key: member name
 * @out: the value
 *
 * Return: true if the member exists and is an integral number.
 */
bool json_get_long(const struct json *obj, const char *key, long *out)
{
	struct json *m = json_get(obj, key);
	char *end;

	if (!m || m->type != JSON_NUMBER)
		return false;
	*out = strtol(m->str, &end, 10);
	return *end == '\0';
}
