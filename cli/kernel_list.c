// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm list: the kernel's modules as a table or JSON: limits, counters,
 * exports and, for data-path modules, handles and netfilter attachments.
 */
#include <stdio.h>
#include <string.h>

#include "kernel.h"
#include "values.h"

/* JSON keys of the per-kind trap counters; stable, unlike the messages. */
static const char *const trap_keys[KP_TRAP_KINDS] = {
	[KW_TRAP_UNREACHABLE] = "unreachable",
	[KW_TRAP_MEM_OOB] = "memory_oob",
	[KW_TRAP_DIV_ZERO] = "div_by_zero",
	[KW_TRAP_INT_OVERFLOW] = "int_overflow",
	[KW_TRAP_INVALID_CONV] = "invalid_conversion",
	[KW_TRAP_UNDEF_ELEM] = "undefined_element",
	[KW_TRAP_UNINIT_ELEM] = "uninitialized_element",
	[KW_TRAP_INDIRECT_MISMATCH] = "indirect_call_mismatch",
	[KW_TRAP_TABLE_OOB] = "table_oob",
	[KW_TRAP_STACK_EXHAUSTED] = "stack_exhausted",
	[KW_TRAP_FUEL] = "fuel_exhausted",
	[KW_TRAP_DEADLINE] = "deadline_exceeded",
	[KW_TRAP_INTERRUPTED] = "interrupted",
	[KW_TRAP_HOST] = "host_function_failed",
	[KW_TRAP_NULL_REF] = "null_reference",
};

/* "add(i32,i32)->i32"; several results in parentheses, none without "->". */
static void print_sig(FILE *f, const struct kp_export *e)
{
	u32 i;

	cli_print_name(f, e->name, strlen(e->name));
	fputc('(', f);
	for (i = 0; i < e->nparams; i++)
		fprintf(f, "%s%s", i ? "," : "", val_type_name(e->params[i]));
	fputc(')', f);
	if (!e->nresults)
		return;
	fprintf(f, "->%s", e->nresults > 1 ? "(" : "");
	for (i = 0; i < e->nresults; i++)
		fprintf(f, "%s%s", i ? "," : "", val_type_name(e->results[i]));
	if (e->nresults > 1)
		fputc(')', f);
}

static void format_time(u64 ns, char *buf, size_t len)
{
	if (ns < 1000)
		snprintf(buf, len, "%lluns", (unsigned long long)ns);
	else if (ns < 1000000)
		snprintf(buf, len, "%.1fus", ns / 1e3);
	else if (ns < 1000000000)
		snprintf(buf, len, "%.1fms", ns / 1e6);
	else
		snprintf(buf, len, "%.2fs", ns / 1e9);
}

#define LIST_COLS	9
#define CELL_LEN	KWASM_NAME_MAX

static const char *const list_heads[LIST_COLS] = {
	"NAME", "ID", "SIZE", "PAGES", "FUEL", "CALLS", "TRAPS", "FUEL-USED", "TIME",
};

static void list_cells(const struct kp_module *m, char cell[LIST_COLS][CELL_LEN])
{
	snprintf(cell[0], CELL_LEN, "%s", m->name);
	snprintf(cell[1], CELL_LEN, "%u", m->id);
	snprintf(cell[2], CELL_LEN, "%llu", (unsigned long long)m->size);
	snprintf(cell[3], CELL_LEN, "%u/%u", m->mem_pages, m->max_pages);
	snprintf(cell[4], CELL_LEN, "%llu", (unsigned long long)m->fuel);
	snprintf(cell[5], CELL_LEN, "%llu", (unsigned long long)m->calls);
	snprintf(cell[6], CELL_LEN, "%llu", (unsigned long long)m->traps);
	snprintf(cell[7], CELL_LEN, "%llu", (unsigned long long)m->fuel_used);
	format_time(m->time_ns, cell[8], CELL_LEN);
}

/* An attachment's hook by name; a newer kernel's unknown hook by number. */
static const char *hook_text(u32 hook, char *buf, size_t len)
{
	const char *name = kp_hook_name(hook);

	if (name)
		return name;
	snprintf(buf, len, "hook-%u", hook);
	return buf;
}

/* Under a data-path module's row: its handles and counters, then its hooks. */
static void list_datapath(const struct kp_module *m)
{
	const struct kp_attach *t;
	char hook[16];
	u32 i, n;

	if (!m->datapath && !m->nattach)
		return;
	printf("  data path:");
	for (i = 0, n = 0; i < m->nexports; i++) {
		if (!m->exports[i].has_handle)
			continue;
		printf(n++ ? " " : " handles ");
		cli_print_name(stdout, m->exports[i].name, strlen(m->exports[i].name));
		printf("=%u", m->exports[i].handle);
	}
	printf("%s calls %llu, busy %llu, errors %llu\n", n ? ";" : "",
	       (unsigned long long)m->dp_calls, (unsigned long long)m->dp_busy,
	       (unsigned long long)m->dp_errors);
	for (i = 0; i < m->nattach; i++) {
		t = &m->attach[i];
		printf("  attached: ");
		cli_print_name(stdout, t->export, strlen(t->export));
		printf(" on %s, netns %u, %s, priority %d: ",
		       hook_text(t->hook, hook, sizeof(hook)), t->netns,
		       t->fail_closed ? "fail-closed" : "fail-open", t->priority);
		printf("%llu packets, %llu accepts, %llu drops, %llu errors\n",
		       (unsigned long long)t->packets, (unsigned long long)t->accepts,
		       (unsigned long long)t->drops, (unsigned long long)t->errors);
	}
}

/* The table: name left-aligned, numbers right-aligned, exports last. */
static void list_table(const struct kp_modules *l)
{
	char cell[LIST_COLS][CELL_LEN];
	int w[LIST_COLS], c;
	u32 i, j;

	if (!l->n)
		return;
	for (c = 0; c < LIST_COLS; c++)
		w[c] = strlen(list_heads[c]);
	for (i = 0; i < l->n; i++) {
		list_cells(&l->v[i], cell);
		for (c = 0; c < LIST_COLS; c++)
			if ((int)strlen(cell[c]) > w[c])
				w[c] = strlen(cell[c]);
	}
	printf("%-*s", w[0], list_heads[0]);
	for (c = 1; c < LIST_COLS; c++)
		printf("  %*s", w[c], list_heads[c]);
	printf("  EXPORTS\n");
	for (i = 0; i < l->n; i++) {
		list_cells(&l->v[i], cell);
		printf("%-*s", w[0], cell[0]);
		for (c = 1; c < LIST_COLS; c++)
			printf("  %*s", w[c], cell[c]);
		printf("  %s", l->v[i].nexports ? "" : "-");
		for (j = 0; j < l->v[i].nexports; j++) {
			if (j)
				putchar(' ');
			print_sig(stdout, &l->v[i].exports[j]);
		}
		if (l->v[i].exports_omitted)
			printf(" (%u more not listed)", l->v[i].exports_omitted);
		putchar('\n');
		list_datapath(&l->v[i]);
	}
}

static void json_types(const char *key, const u8 *t, u32 n)
{
	u32 i;

	printf(",\"%s\":[", key);
	for (i = 0; i < n; i++)
		printf("%s\"%s\"", i ? "," : "", val_type_name(t[i]));
	putchar(']');
}

static void json_attach(const struct kp_attach *t, u32 i)
{
	char hook[16];

	printf("%s{\"hook\":\"%s\",\"export\":", i ? "," : "",
	       hook_text(t->hook, hook, sizeof(hook)));
	kjson_str(t->export);
	printf(",\"netns\":%u,\"fail_closed\":%s,\"priority\":%d", t->netns,
	       t->fail_closed ? "true" : "false", t->priority);
	printf(",\"packets\":%llu,\"accepts\":%llu,\"drops\":%llu,\"errors\":%llu}",
	       (unsigned long long)t->packets, (unsigned long long)t->accepts,
	       (unsigned long long)t->drops, (unsigned long long)t->errors);
}

static void json_module(const struct kp_module *m)
{
	bool first = true;
	u32 i;

	printf("{\"name\":");
	kjson_str(m->name);
	printf(",\"id\":%u,\"size\":%llu,\"mem_pages\":%u,\"max_pages\":%u,\"fuel_limit\":%llu",
	       m->id, (unsigned long long)m->size, m->mem_pages, m->max_pages,
	       (unsigned long long)m->fuel);
	printf(",\"calls\":%llu,\"traps\":%llu,\"fuel_used\":%llu,\"time_ns\":%llu",
	       (unsigned long long)m->calls, (unsigned long long)m->traps,
	       (unsigned long long)m->fuel_used, (unsigned long long)m->time_ns);
	/* Every known kind, even at 0, so the shape does not change; then any newer ones. */
	printf(",\"trap_kinds\":{");
	for (i = 1; i < KP_TRAP_KINDS; i++) {
		if (!trap_keys[i] && !m->trap_kinds[i])
			continue;
		if (trap_keys[i])
			printf("%s\"%s\":", first ? "" : ",", trap_keys[i]);
		else
			printf("%s\"trap_%u\":", first ? "" : ",", i);
		printf("%llu", (unsigned long long)m->trap_kinds[i]);
		first = false;
	}
	printf("},\"exports\":[");
	for (i = 0; i < m->nexports; i++) {
		printf("%s{\"name\":", i ? "," : "");
		kjson_str(m->exports[i].name);
		json_types("params", m->exports[i].params, m->exports[i].nparams);
		json_types("results", m->exports[i].results, m->exports[i].nresults);
		if (m->exports[i].has_handle)
			printf(",\"handle\":%u", m->exports[i].handle);
		putchar('}');
	}
	printf("],\"exports_omitted\":%u", m->exports_omitted);
	printf(",\"datapath\":%s,\"dp_calls\":%llu,\"dp_busy\":%llu,\"dp_errors\":%llu",
	       m->datapath ? "true" : "false", (unsigned long long)m->dp_calls,
	       (unsigned long long)m->dp_busy, (unsigned long long)m->dp_errors);
	printf(",\"attachments\":[");
	for (i = 0; i < m->nattach; i++)
		json_attach(&m->attach[i], i);
	printf("]}");
}

static void list_json(const struct kp_modules *l)
{
	u32 i;

	if (!l->n) {
		printf("[]\n");
		return;
	}
	for (i = 0; i < l->n; i++) {
		printf("%s", i ? ",\n " : "[");
		json_module(&l->v[i]);
	}
	printf("]\n");
}

/**
 * cmd_list() - the `kwasm list` subcommand
 * @argc: argument count, argv[0] being "list"
 * @argv: arguments
 *
 * Return: EXIT_OK or EXIT_ERROR.
 */
int cmd_list(int argc, char **argv)
{
	struct kp_modules l = { 0 };
	const char *name = NULL;
	bool json = false;
	struct kconn k;
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json"))
			json = true;
		else if (argv[i][0] != '-' && !name)
			name = argv[i];
		else
			return kusage("list", "[-j] [NAME]", NULL);
	}
	if ((name && check_name("list", name)) || kconnect(&k, "list"))
		return EXIT_ERROR;
	rc = klist(&k, name, &l);
	nl_close(&k.sock);
	if (!rc && json)
		list_json(&l);
	else if (!rc)
		list_table(&l);
	kp_modules_free(&l);
	return rc;
}
