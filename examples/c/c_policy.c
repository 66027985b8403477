// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Example policies of transparent TLS in C (docs/TLS.md, "Policy"): each
 * export is () -> i32, called once per connection of a rule added with
 * `kwasm tls add ... --policy NAME:EXPORT`, and returns KWASM_POLICY_ALLOW
 * to let the connection through.  They read the connection through the
 * guest ABI version 2 (kwasm_conn_meta(), kwasm_conn_read()).
 *
 *   spiffe_root    root's connections whose verified peer is
 *                  uri:spiffe://example.org/client
 *   loopback_only  peers in 127.0.0.0/8 or ::1, any handshake or none
 */
#include "kwasm_guest.h"

static const char spiffe[] = "uri:spiffe://example.org/client";

static int same(const char *a, const char *b, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

KWASM_EXPORT(spiffe_root)
int spiffe_root(void)
{
	char peer[256];
	int n;

	if (kwasm_conn_meta(KWASM_CONN_UID) != 0)
		return KWASM_POLICY_DENY;
	n = kwasm_conn_read(KWASM_CONN_PEER, peer, sizeof(peer));
	if (n != (int)sizeof(spiffe) - 1 || !same(peer, spiffe, n))
		return KWASM_POLICY_DENY;
	return KWASM_POLICY_ALLOW;
}

KWASM_EXPORT(loopback_only)
int loopback_only(void)
{
	static const unsigned char v6_loopback[16] = { [15] = 1 };
	unsigned char addr[16];
	int n = kwasm_conn_read(KWASM_CONN_REMOTE_ADDR, addr, sizeof(addr));

	if (n == 4)
		return addr[0] == 127 ? KWASM_POLICY_ALLOW : KWASM_POLICY_DENY;
	if (n == 16 && same((const char *)addr, (const char *)v6_loopback, 16))
		return KWASM_POLICY_ALLOW;
	/* KWASM_CONN_NONE outside a policy call: deny too. */
	return KWASM_POLICY_DENY;
}
