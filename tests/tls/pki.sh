#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# pki.sh OUTDIR: a throwaway test PKI for the TLS tests, made with the
# openssl CLI at test time (never committed).  OUTDIR gets, each as
# NAME.pem (certificate) and NAME.key (PKCS#8 key, no passphrase):
#
#   ca            the test CA (ECDSA P-256), trusted by the tests
#   other-ca      an unrelated CA (ECDSA P-256), trusted by nobody
#   server-rsa, server-p256, server-p384
#                 signed by ca; DNS server.example.org, localhost,
#                 IP 127.0.0.1, URI spiffe://example.org/web
#   client-rsa, client-p256, client-p384
#                 signed by ca; DNS client.example.org,
#                 URI spiffe://example.org/client
#   server-expired, client-expired
#                 as server-p256 / client-p256, valid only in January 2020
#   server-other, client-other
#                 as server-p256 / client-p256, signed by other-ca
#   server-rogue, client-rogue
#                 signed by ca, valid, but named DNS rogue.example.net and
#                 URI spiffe://example.org/rogue: in no allow list
#
# RSA keys are 2048 bits.  Leaves expire after 30 days, CAs after 60:
# a run regenerates everything.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
command -v openssl >/dev/null 2>&1 || "$(dirname "$0")/../qemu/deps.sh"
out=$1
mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

key() {
	case $2 in
	rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
		-out "$out/$1.key" 2>/dev/null ;;
	p256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
		-out "$out/$1.key" ;;
	p384) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 \
		-out "$out/$1.key" ;;
	esac
}

# ca NAME
ca() {
	key "$1" p256
	openssl req -new -x509 -key "$out/$1.key" -out "$out/$1.pem" -days 60 \
		-subj "/O=kwasm test/CN=kwasm $1" \
		-addext basicConstraints=critical,CA:TRUE \
		-addext keyUsage=critical,keyCertSign,cRLSign
}

# ext FILE ROLE DNS URI [IP]: the leaf extensions.
ext() {
	case $2 in
	server) eku=serverAuth ;;
	*) eku=clientAuth ;;
	esac
	{
		echo "basicConstraints=critical,CA:FALSE"
		echo "keyUsage=critical,digitalSignature,keyEncipherment"
		echo "extendedKeyUsage=$eku"
		echo "subjectAltName=DNS:$3${5:+,DNS:localhost,IP:$5},URI:$4"
	} >"$1"
}

# leaf NAME KEYTYPE ROLE ISSUER DNS URI [IP]
leaf() {
	key "$1" "$2"
	ext "$tmp/$1.ext" "$3" "$5" "$6" "${7:-}"
	openssl req -new -key "$out/$1.key" -subj "/O=kwasm test/CN=$5" \
		-out "$tmp/$1.csr"
	openssl x509 -req -in "$tmp/$1.csr" -CA "$out/$4.pem" -CAkey "$out/$4.key" \
		-CAcreateserial -CAserial "$tmp/$4.srl" -days 30 -sha256 \
		-extfile "$tmp/$1.ext" -out "$out/$1.pem" 2>/dev/null
}

# expired NAME ROLE DNS URI [IP]: openssl ca, the only 3.0 command that
# takes a validity window in the past.
expired() {
	key "$1" p256
	ext "$tmp/$1.ext" "$2" "$3" "$4" "${5:-}"
	openssl req -new -key "$out/$1.key" -subj "/O=kwasm test/CN=$3" \
		-out "$tmp/$1.csr"
	mkdir -p "$tmp/ca.db"
	: >"$tmp/ca.db/index.txt"
	[ -f "$tmp/ca.db/serial" ] || echo 1000 >"$tmp/ca.db/serial"
	cat >"$tmp/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
database = $tmp/ca.db/index.txt
serial = $tmp/ca.db/serial
new_certs_dir = $tmp/ca.db
default_md = sha256
policy = any
unique_subject = no
[any]
organizationName = optional
commonName = supplied
CNF
	openssl ca -batch -notext -config "$tmp/ca.cnf" -cert "$out/ca.pem" \
		-keyfile "$out/ca.key" -startdate 20200101000000Z \
		-enddate 20200131000000Z -extfile "$tmp/$1.ext" \
		-in "$tmp/$1.csr" -out "$out/$1.pem" 2>/dev/null
}

ca ca
ca other-ca
for t in rsa p256 p384; do
	leaf server-$t $t server ca server.example.org spiffe://example.org/web 127.0.0.1
	leaf client-$t $t client ca client.example.org spiffe://example.org/client
done
expired server-expired server server.example.org spiffe://example.org/web 127.0.0.1
expired client-expired client client.example.org spiffe://example.org/client
leaf server-other p256 server other-ca server.example.org spiffe://example.org/web 127.0.0.1
leaf client-other p256 client other-ca client.example.org spiffe://example.org/client
leaf server-rogue p256 server ca rogue.example.net spiffe://example.org/rogue 127.0.0.1
leaf client-rogue p256 client ca rogue.example.net spiffe://example.org/rogue

# Self-check: what the tests rely on holds.
verify() {
	openssl verify -CAfile "$out/$1.pem" "$out/$2.pem" >/dev/null 2>&1
}
bad() {
	echo "pki: $*" >&2
	exit 1
}
for n in server-rsa server-p256 server-p384 client-rsa client-p256 client-p384 \
	server-rogue client-rogue; do
	verify ca $n || bad "$n does not verify"
done
for n in server-expired client-expired; do
	! verify ca $n || bad "$n verifies"
done
for n in server-other client-other; do
	! verify ca $n || bad "$n verifies against ca"
	verify other-ca $n || bad "$n does not verify against other-ca"
done
# The VM tests may run as nobody; these keys protect nothing.
chmod 644 "$out"/*.key
