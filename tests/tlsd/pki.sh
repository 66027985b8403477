#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# pki.sh DIR: a throw-away PKI for the kwasm-tlsd tests, made with the
# openssl CLI.  Two CAs; under the first a server (RSA), a client (P-256)
# and an expired server; under the second a server and a client that the
# first CA's bundle must refuse.  Every leaf has a DNS and a SPIFFE URI SAN.
set -eu
d=$1
mkdir -p "$d"
cd "$d"
q() { "$@" >/dev/null 2>&1 || { echo "pki: $* failed" >&2; "$@"; exit 1; }; }

ca() { # name CN
	q openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout "$1.key" -out "$1.crt" -subj "/CN=$2" -days 2 \
		-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign
}

leaf() { # name ca keyalg host days
	case $3 in
	rsa) q openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" ;;
	*) q openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" ;;
	esac
	cat >"$1.ext" <<EXT
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth,clientAuth
subjectAltName = DNS:$4,URI:spiffe://kwasm.test/$4
EXT
	q openssl req -new -key "$1.key" -subj "/CN=$4" -out "$1.csr"
	# -days -1 ends the validity a day before it begins: an expired certificate.
	q openssl x509 -req -in "$1.csr" -CA "$2.crt" -CAkey "$2.key" -days "$5" \
		-extfile "$1.ext" -out "$1.crt"
}

ca ca "kwasm test CA"
ca ca2 "kwasm other CA"
leaf server ca rsa server.test 2
leaf client ca ec client.test 2
leaf expired ca ec server.test -1
leaf server2 ca2 ec server.test 2
leaf client2 ca2 ec client.test 2
