// SPDX-License-Identifier: GPL-2.0 OR MIT
/* Table-driven CRC-32 (IEEE, reflected): a load-dependent lookup per byte. */
#include <stdint.h>

#define BUF_LEN		(1 << 20)
#define ROUNDS		24

static uint8_t buf[BUF_LEN];
static uint32_t table[256];

static void make_table(void)
{
	uint32_t i, c;
	int k;

	for (i = 0; i < 256; i++) {
		c = i;
		for (k = 0; k < 8; k++)
			c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
		table[i] = c;
	}
}

static uint32_t crc32(uint32_t crc, const uint8_t *p, uint32_t len)
{
	uint32_t i;

	crc = ~crc;
	for (i = 0; i < len; i++)
		crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
	return ~crc;
}

int run(void)
{
	uint32_t x = 362436069u, crc = 0;
	int i, r;

	make_table();
	for (i = 0; i < BUF_LEN; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (uint8_t)x;
	}
	for (r = 0; r < ROUNDS; r++)
		crc = crc32(crc, buf + r, BUF_LEN - r);
	return (int)(crc & 0x7fffffff);
}
