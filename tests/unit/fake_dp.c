// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The fake kwasm family's data path: ATTACH, DETACH and the MAP_* commands
 * for the module "fw", and the request log that lets the tests see exactly
 * which attributes the CLI sent.
 *
 * fw has filter attached to ipv4-in and count to ipv6-out; map 0 holds
 * ip:10.0.0.2 = u64:5 and str:example.com = hex:0a0b, map 1 port:53 =
 * str:allow.  A second attach of filter to ipv4-in is -EEXIST; deleting an
 * absent key is -ENOENT without a message.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "fake_kwasm.h"

static const struct {
	u32 map;
	const char *key;
	u32 klen;
	const char *value;
	u32 vlen;
} entries[] = {
	{ 0, "\x0a\x00\x00\x02", 4, "\x05\0\0\0\0\0\0\0", 8 },
	{ 0, "example.com", 11, "\x0a\x0b", 2 },
	{ 1, "\x00\x35", 2, "allow", 5 },
};

static const char *const cmd_names[] = {
	[KWASM_CMD_LOAD] = "LOAD", [KWASM_CMD_ATTACH] = "ATTACH",
	[KWASM_CMD_DETACH] = "DETACH", [KWASM_CMD_MAP_GET] = "MAP_GET",
	[KWASM_CMD_MAP_SET] = "MAP_SET", [KWASM_CMD_MAP_DEL] = "MAP_DEL",
	[KWASM_CMD_MAP_DUMP] = "MAP_DUMP",
};

static void log_u32(FILE *f, const char *label, const struct nlattr *a, bool is_signed)
{
	u32 v;

	if (!a)
		return;
	if (!nl_get_u32(a, &v))
		fprintf(f, " %s=BAD", label);
	else if (is_signed)
		fprintf(f, " %s=%d", label, (s32)v);
	else
		fprintf(f, " %s=%u", label, v);
}

static void log_str(FILE *f, const char *label, const struct nlattr *a)
{
	if (a)
		fprintf(f, " %s=%s", label, nl_get_str(a) ? nl_get_str(a) : "BAD");
}

static void log_hex(FILE *f, const char *label, const struct nlattr *a)
{
	const u8 *p;
	size_t i;

	if (!a)
		return;
	p = nl_data(a);
	fprintf(f, " %s=", label);
	for (i = 0; i < nl_len(a); i++)
		fprintf(f, "%02x", p[i]);
}

static void log_flag(FILE *f, const char *label, const struct nlattr *a)
{
	if (a)
		fprintf(f, " %s%s", label, nl_len(a) ? "=BAD" : "");
}

/* "self" if the fd is this process's network namespace, which the CLI is. */
static void log_netns(FILE *f, const struct nlattr *a)
{
	struct stat fd_st, self;
	u32 fd;

	if (!a)
		return;
	if (!nl_get_u32(a, &fd) || fstat(fd, &fd_st) || stat("/proc/self/ns/net", &self))
		fprintf(f, " netns=BAD");
	else
		fprintf(f, " netns=%s", fd_st.st_ino == self.st_ino ? "self" : "other");
}

/**
 * fake_log() - append a data-path request to $FAKE_LOG, as decoded
 * @cmd: enum kwasm_cmd
 * @tb: its attributes
 */
void fake_log(u8 cmd, const struct nlattr **tb)
{
	const char *path = getenv("FAKE_LOG");
	FILE *f;

	if (!path || cmd >= ARRAY_SIZE(cmd_names) || !cmd_names[cmd])
		return;
	f = fopen(path, "a");
	if (!f)
		return;
	fprintf(f, "%s", cmd_names[cmd]);
	log_str(f, "name", tb[KWASM_A_NAME]);
	log_flag(f, "datapath", tb[KWASM_A_DATAPATH]);
	log_str(f, "export", tb[KWASM_A_EXPORT]);
	log_u32(f, "hook", tb[KWASM_A_HOOK], false);
	log_netns(f, tb[KWASM_A_NETNS_FD]);
	log_flag(f, "fail_closed", tb[KWASM_A_FAIL_CLOSED]);
	log_u32(f, "priority", tb[KWASM_A_PRIORITY], true);
	log_u32(f, "map", tb[KWASM_A_MAP], false);
	log_hex(f, "key", tb[KWASM_A_KEY]);
	log_hex(f, "value", tb[KWASM_A_MAP_VALUE]);
	fputc('\n', f);
	fclose(f);
}

/**
 * fake_attach() - answer ATTACH or DETACH
 * @seq: the request's sequence number
 * @cmd: KWASM_CMD_ATTACH or KWASM_CMD_DETACH
 * @tb: its attributes; the module exists
 */
void fake_attach(u32 seq, u8 cmd, const struct nlattr **tb)
{
	const char *export = nl_get_str(tb[KWASM_A_EXPORT]);
	bool filter_in, count_out;
	u32 hook = 0;

	if (strcmp(nl_get_str(tb[KWASM_A_NAME]), "fw"))
		return fake_ack(seq, -EINVAL, "kwasm: not a data-path module");
	if (!export || (strcmp(export, "filter") && strcmp(export, "count")))
		return fake_ack(seq, -ENOENT, "no (i32) -> i32 export by that name");
	if (!nl_get_u32(tb[KWASM_A_HOOK], &hook) || !hook || hook > KWASM_HOOK_MAX)
		return fake_ack(seq, -EINVAL, "fake: bad hook");
	filter_in = !strcmp(export, "filter") && hook == KWASM_HOOK_IPV4_IN;
	count_out = !strcmp(export, "count") && hook == KWASM_HOOK_IPV6_OUT;
	if (cmd == KWASM_CMD_ATTACH && filter_in)
		return fake_ack(seq, -EEXIST, "already attached to this hook in this netns");
	if (cmd == KWASM_CMD_DETACH && !filter_in && !count_out)
		return fake_ack(seq, -ENOENT, "not attached to this hook in this netns");
	fake_ack(seq, 0, NULL);
}

static int find(u32 map, const struct nlattr *key)
{
	size_t i;

	for (i = 0; key && i < ARRAY_SIZE(entries); i++)
		if (entries[i].map == map && entries[i].klen == nl_len(key) &&
		    !memcmp(entries[i].key, nl_data(key), nl_len(key)))
			return i;
	return -1;
}

static void send_entry(u32 seq, u8 cmd, size_t i, u16 flags)
{
	struct nl_msg m;

	nl_msg_init(&m, FAMILY, 0, cmd, 1);
	if (cmd == KWASM_CMD_MAP_DUMP) {
		nl_put_u32(&m, KWASM_A_MAP, entries[i].map);
		nl_put(&m, KWASM_A_KEY, entries[i].key, entries[i].klen);
	}
	nl_put(&m, KWASM_A_MAP_VALUE, entries[i].value, entries[i].vlen);
	fake_reply(&m, FAMILY, flags, seq);
}

/**
 * fake_map() - answer MAP_GET, MAP_SET, MAP_DEL or MAP_DUMP
 * @seq: the request's sequence number
 * @cmd: the command
 * @tb: its attributes; the module exists
 */
void fake_map(u32 seq, u8 cmd, const struct nlattr **tb)
{
	bool all = !tb[KWASM_A_MAP];
	u32 map = 0;
	size_t i;
	int e;

	if (strcmp(nl_get_str(tb[KWASM_A_NAME]), "fw"))
		return fake_ack(seq, -ENOENT, "kwasm: module has no maps");
	if (!all && (!nl_get_u32(tb[KWASM_A_MAP], &map) || map >= KWASM_MAPS))
		return fake_ack(seq, -EINVAL, "fake: bad map");
	if (cmd == KWASM_CMD_MAP_DUMP) {
		for (i = 0; i < ARRAY_SIZE(entries); i++)
			if (all || entries[i].map == map)
				send_entry(seq, cmd, i, NLM_F_MULTI);
		return fake_done(seq);
	}
	if (all || !tb[KWASM_A_KEY])
		return fake_ack(seq, -EINVAL, "fake: map and key are required");
	e = find(map, tb[KWASM_A_KEY]);
	if (cmd == KWASM_CMD_MAP_SET)
		return fake_ack(seq, tb[KWASM_A_MAP_VALUE] ? 0 : -EINVAL, NULL);
	if (e < 0)
		return fake_ack(seq, -ENOENT, cmd == KWASM_CMD_MAP_GET ? "no such key" : NULL);
	if (cmd == KWASM_CMD_MAP_GET)
		send_entry(seq, cmd, e, 0);
	fake_ack(seq, 0, NULL);
}
