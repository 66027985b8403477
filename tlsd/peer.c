// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-tlsd: does the peer's certificate carry an allowed identity?
 *
 * Identities are subjectAltName entries only (RFC 6125 deprecates the
 * subject CN): "dns:NAME" matches a dNSName ignoring ASCII case, "uri:URI"
 * (e.g. a SPIFFE ID) a uniformResourceIdentifier exactly.  Wildcard SANs
 * are compared as text: "*.example.com" matches only "dns:*.example.com",
 * so a rule names what it trusts and a broad certificate is not stretched.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <openssl/x509v3.h>

#include "internal.h"

/* A SAN's text, if it has one of the two kinds and no embedded NUL. */
static const char *san_text(const GENERAL_NAME *gn, const char **kind, size_t *len)
{
	const ASN1_IA5STRING *s;

	if (gn->type == GEN_DNS) {
		*kind = "dns";
		s = gn->d.dNSName;
	} else if (gn->type == GEN_URI) {
		*kind = "uri";
		s = gn->d.uniformResourceIdentifier;
	} else {
		return NULL;
	}
	*len = ASN1_STRING_length(s);
	if (memchr(ASN1_STRING_get0_data(s), 0, *len))
		return NULL;
	return (const char *)ASN1_STRING_get0_data(s);
}

static bool san_is(const char *kind, const char *text, size_t len, const char *peer)
{
	size_t klen = strlen(kind);

	if (strncmp(peer, kind, klen) || peer[klen] != ':')
		return false;
	peer += klen + 1;
	if (strlen(peer) != len)
		return false;
	return kind[0] == 'd' ? !strncasecmp(peer, text, len) : !memcmp(peer, text, len);
}

/**
 * tlsd_peer_valid() - is this a well-formed identity for a rule?
 * @peer: "dns:NAME" or "uri:URI"
 *
 * Return: true if it has a known kind and a non-empty value of printable
 * ASCII without spaces, at most KWASM_TLS_PEER_MAX - 1 bytes in all.
 */
bool tlsd_peer_valid(const char *peer)
{
	const char *v;

	if (strncmp(peer, "dns:", 4) && strncmp(peer, "uri:", 4))
		return false;
	if (strlen(peer) >= KWASM_TLS_PEER_MAX || !peer[4])
		return false;
	for (v = peer + 4; *v; v++)
		if (*v <= ' ' || *v > '~')
			return false;
	return true;
}

/**
 * tlsd_peer_match() - find an allowed identity among a certificate's SANs
 * @cert: the peer's verified leaf certificate
 * @peers: the allowed identities; with none, any certificate matches
 * @npeers: how many
 * @id: out: the identity that matched ("kind:value"); if none did, or with
 *	no @peers, the first DNS or URI SAN, for the log ("" if there is none)
 * @idlen: size of @id
 *
 * Return: whether the peer is allowed.
 */
bool tlsd_peer_match(struct x509_st *cert, const char *const *peers, unsigned int npeers,
		     char *id, size_t idlen)
{
	GENERAL_NAMES *names;
	const char *kind, *text;
	bool ok = !npeers;
	unsigned int j;
	size_t len;
	int i;

	id[0] = 0;
	names = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
	for (i = 0; names && i < sk_GENERAL_NAME_num(names); i++) {
		text = san_text(sk_GENERAL_NAME_value(names, i), &kind, &len);
		if (!text)
			continue;
		if (!id[0])
			snprintf(id, idlen, "%s:%.*s", kind, (int)len, text);
		if (!npeers)
			break;
		for (j = 0; j < npeers; j++) {
			if (san_is(kind, text, len, peers[j])) {
				snprintf(id, idlen, "%s", peers[j]);
				ok = true;
				goto out;
			}
		}
	}
out:
	GENERAL_NAMES_free(names);
	return ok;
}
