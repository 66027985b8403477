// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * btfids: fill in the .BTF_ids section of a kernel module, as the kernel's
 * resolve_btfids does, for headers that do not ship it (Debian's 6.1).
 *
 *   btfids -b BASE MODULE.ko
 *
 * BASE is the kernel's BTF: a vmlinux ELF with .BTF or the raw BTF of
 * /sys/kernel/btf/vmlinux.  The module's .BTF (from pahole) is split BTF on
 * top of it.  Each __BTF_ID__<kind>__<name>__<n> symbol in .BTF_ids gets the
 * id of the first type of that kind and name; each __BTF_ID__set__<name> and
 * __BTF_ID__set8__<name> gets its count and its ids sorted, since the kernel
 * looks kfuncs up by binary search.  Only libc: the DKMS build on a user's
 * machine has gcc and nothing else to link against.
 */
#include <elf.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define BTF_MAGIC 0xeB9F
#define ID_PREFIX "__BTF_ID__"
#define MAX_IDS 1024
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

enum { K_FUNC = 12, K_STRUCT = 4, K_UNION = 5, K_TYPEDEF = 8, K_SET, K_SET8 };

struct btf_hdr {
	uint16_t magic;
	uint8_t version;
	uint8_t flags;
	uint32_t hdr_len;
	uint32_t type_off;
	uint32_t type_len;
	uint32_t str_off;
	uint32_t str_len;
};

/* One BTF blob: its type records in id order and its strings. */
struct btf {
	const uint8_t *types;
	uint32_t types_len;
	const char *strs;
	uint32_t strs_len;
};

struct id {
	int kind;
	char name[128];
	size_t off;		/* in .BTF_ids */
	uint32_t cnt;		/* sets: entries */
	uint32_t value;		/* types: the id found, 0 if none */
};

static struct id ids[MAX_IDS];
static int nids;

static void die(const char *msg, const char *arg)
{
	fprintf(stderr, "btfids: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
	exit(1);
}

static uint8_t *map_file(const char *path, size_t *len, int writable)
{
	struct stat st;
	uint8_t *p;
	int fd = open(path, writable ? O_RDWR : O_RDONLY);

	if (fd < 0 || fstat(fd, &st) < 0)
		die("cannot open", path);
	p = mmap(NULL, st.st_size, PROT_READ | (writable ? PROT_WRITE : 0),
		 MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		die("cannot map", path);
	close(fd);
	*len = st.st_size;
	return p;
}

static const Elf64_Shdr *elf_section(const uint8_t *f, size_t len, const char *want,
				     const char *path)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)f;
	const Elf64_Shdr *sh, *names;
	int i;

	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_shoff + (size_t)eh->e_shnum * sizeof(*sh) > len)
		die("not a 64-bit ELF file", path);
	sh = (const Elf64_Shdr *)(f + eh->e_shoff);
	names = &sh[eh->e_shstrndx];
	for (i = 0; i < eh->e_shnum; i++)
		if (!strcmp((const char *)f + names->sh_offset + sh[i].sh_name, want))
			return &sh[i];
	return NULL;
}

static void btf_parse(struct btf *b, const uint8_t *p, size_t len, const char *path)
{
	const struct btf_hdr *h = (const struct btf_hdr *)p;

	if (len < sizeof(*h) || h->magic != BTF_MAGIC ||
	    (size_t)h->hdr_len + h->type_off + h->type_len > len ||
	    (size_t)h->hdr_len + h->str_off + h->str_len > len)
		die("bad BTF", path);
	b->types = p + h->hdr_len + h->type_off;
	b->types_len = h->type_len;
	b->strs = (const char *)p + h->hdr_len + h->str_off;
	b->strs_len = h->str_len;
}

/* BTF from a raw blob or from an ELF file's .BTF section. */
static void btf_load(struct btf *b, const uint8_t *f, size_t len, const char *path)
{
	const Elf64_Shdr *sh;

	if (len >= 2 && *(const uint16_t *)f == BTF_MAGIC) {
		btf_parse(b, f, len, path);
		return;
	}
	sh = elf_section(f, len, ".BTF", path);
	if (!sh || sh->sh_offset + sh->sh_size > len)
		die("no .BTF section", path);
	btf_parse(b, f + sh->sh_offset, sh->sh_size, path);
}

/* Bytes after the 12-byte common part of a type record. */
static long btf_extra(uint32_t info)
{
	uint32_t vlen = info & 0xffff;

	switch ((info >> 24) & 0x1f) {
	case 1: case 14: case 17:	/* int, var, decl_tag */
		return 4;
	case 3:				/* array */
		return 12;
	case 4: case 5: case 15: case 19: /* struct, union, datasec, enum64 */
		return 12L * vlen;
	case 6: case 13:		/* enum, func_proto */
		return 8L * vlen;
	case 2: case 7: case 8: case 9: case 10: case 11: case 12: case 16: case 18:
		return 0;
	}
	return -1;
}

static const char *btf_name(const struct btf *base, const struct btf *mod, uint32_t off)
{
	if (off < base->strs_len)
		return base->strs + off;
	off -= base->strs_len;
	return off < mod->strs_len ? mod->strs + off : "";
}

/* Give each wanted type the first id (base, then module) of its kind and name. */
static void resolve(const struct btf *base, const struct btf *mod)
{
	const struct btf *blobs[2] = { base, mod };
	uint32_t type_id = 1;
	int i, j;

	for (j = 0; j < 2; j++) {
		const uint8_t *p = blobs[j]->types, *end = p + blobs[j]->types_len;

		while (p + 12 <= end) {
			uint32_t name_off = ((const uint32_t *)p)[0];
			uint32_t info = ((const uint32_t *)p)[1];
			int kind = (info >> 24) & 0x1f;
			long extra = btf_extra(info);

			if (extra < 0)
				die("unknown BTF kind", NULL);
			for (i = 0; i < nids; i++)
				if (ids[i].kind == kind && !ids[i].value &&
				    !strcmp(ids[i].name, btf_name(base, mod, name_off)))
					ids[i].value = type_id;
			p += 12 + extra;
			type_id++;
		}
	}
}

/* __BTF_ID__func__vfs_close__1 -> kind func, name vfs_close. */
static void add_id(const char *sym, size_t off, size_t size)
{
	static const struct { const char *s; int kind; } kinds[] = {
		{ "func__", K_FUNC }, { "struct__", K_STRUCT }, { "union__", K_UNION },
		{ "typedef__", K_TYPEDEF }, { "set8__", K_SET8 }, { "set__", K_SET },
	};
	const char *rest = sym + strlen(ID_PREFIX), *end;
	struct id *id;
	size_t i, n;

	if (nids == MAX_IDS)
		die("too many BTF ids", NULL);
	id = &ids[nids];
	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (!strncmp(rest, kinds[i].s, strlen(kinds[i].s)))
			break;
	if (i == ARRAY_SIZE(kinds))
		die("unsupported BTF id", sym);
	id->kind = kinds[i].kind;
	rest += strlen(kinds[i].s);
	end = rest + strlen(rest);
	if (id->kind == K_SET8) {
		id->cnt = size / 8 - 1;
	} else if (id->kind == K_SET) {
		id->cnt = size / 4 - 1;
	} else {
		/* cut the unique __<n> suffix */
		end = strrchr(rest, '_');
		if (!end || end == rest || end[-1] != '_')
			die("cannot parse", sym);
		end--;
	}
	n = end - rest;
	if (n >= sizeof(id->name))
		die("name too long", sym);
	memcpy(id->name, rest, n);
	id->name[n] = '\0';
	id->off = off;
	nids++;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	const Elf64_Shdr *sh, *idsec = NULL, *symtab = NULL;
	const Elf64_Ehdr *eh;
	struct btf base, mod;
	uint8_t *ko, *bf, *data;
	size_t ko_len, bf_len;
	const char *strtab;
	int i, bad = 0;
	size_t n;

	if (argc != 4 || strcmp(argv[1], "-b"))
		die("usage: btfids -b BASE_BTF MODULE.ko", NULL);
	bf = map_file(argv[2], &bf_len, 0);
	btf_load(&base, bf, bf_len, argv[2]);
	ko = map_file(argv[3], &ko_len, 1);
	btf_load(&mod, ko, ko_len, argv[3]);

	idsec = elf_section(ko, ko_len, ".BTF_ids", argv[3]);
	if (!idsec)
		return 0;	/* nothing to resolve */
	eh = (const Elf64_Ehdr *)ko;
	sh = (const Elf64_Shdr *)(ko + eh->e_shoff);
	for (i = 0; i < eh->e_shnum; i++)
		if (sh[i].sh_type == SHT_SYMTAB)
			symtab = &sh[i];
	if (!symtab)
		die("no symbol table", argv[3]);
	strtab = (const char *)ko + sh[symtab->sh_link].sh_offset;
	data = ko + idsec->sh_offset;
	for (n = 0; n < symtab->sh_size / sizeof(Elf64_Sym); n++) {
		const Elf64_Sym *s = (const Elf64_Sym *)(ko + symtab->sh_offset) + n;
		const char *name = strtab + s->st_name;

		if (s->st_shndx != idsec - sh || strncmp(name, ID_PREFIX, strlen(ID_PREFIX)))
			continue;
		if (s->st_value - idsec->sh_addr + 4 > idsec->sh_size)
			die("symbol outside .BTF_ids", name);
		add_id(name, s->st_value - idsec->sh_addr, s->st_size);
	}

	resolve(&base, &mod);
	for (i = 0; i < nids; i++) {
		uint32_t *w = (uint32_t *)(data + ids[i].off);
		size_t need = ids[i].kind == K_SET8 ? 8 + 8 * (size_t)ids[i].cnt :
			      4 + 4 * (size_t)ids[i].cnt;

		if (ids[i].off + need > idsec->sh_size)
			die("set outside .BTF_ids", ids[i].name);
		if (ids[i].kind == K_SET || ids[i].kind == K_SET8) {
			w[0] = ids[i].cnt;
			continue;
		}
		if (!ids[i].value) {
			fprintf(stderr, "btfids: unresolved symbol %s\n", ids[i].name);
			bad = 1;
		}
		*w = ids[i].value;
	}
	/* Sorted after every id is in: a set lists ids patched above. */
	for (i = 0; i < nids; i++) {
		uint32_t *w = (uint32_t *)(data + ids[i].off);

		if (ids[i].kind == K_SET)
			qsort(w + 1, ids[i].cnt, 4, cmp_u32);
		else if (ids[i].kind == K_SET8)
			qsort(w + 2, ids[i].cnt, 8, cmp_u32);
	}
	if (msync(ko, ko_len, MS_SYNC) < 0)
		die("cannot write", argv[3]);
	return bad;
}
