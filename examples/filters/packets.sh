# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Packet builders for filters/check.sh (sourced, POSIX sh): each prints the
# hex of a real packet from its IP header on, checksums included, in the
# form `kwasm run --packet` takes.

# Hex of the bytes of a string.
hexstr() {
	printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'
}

# Internet checksum (RFC 1071) of hex bytes.
csum() {
	s=$1
	sum=0
	[ $((${#s} % 4)) -eq 2 ] && s=${s}00
	while [ -n "$s" ]; do
		sum=$((sum + 0x${s%"${s#????}"}))
		s=${s#????}
	done
	while [ $((sum >> 16)) -ne 0 ]; do
		sum=$(((sum & 0xffff) + (sum >> 16)))
	done
	printf '%04x' $((~sum & 0xffff))
}

# 10.0.0.1 -> 0a000001
ip4() {
	# shellcheck disable=SC2046 # the four numbers, split on purpose
	printf '%02x%02x%02x%02x' $(echo "$1" | tr . ' ')
}

# Little-endian hex of a 64-bit number, as the guests store u64s.
le64() {
	h=$(printf '%016x' "$1")
	o=""
	while [ -n "$h" ]; do
		o=${h%"${h#??}"}$o
		h=${h#??}
	done
	echo "$o"
}

# ipv4 SRC DST PROTO PAYLOAD-HEX [FLAGS+FRAGMENT-HEX]: DF, TTL 64 by default.
ipv4() {
	total=$((20 + ${#4} / 2))
	h=4500$(printf '%04x' $total)1c46${5:-4000}40$(printf '%02x' "$3")
	src=$(ip4 "$1")
	dst=$(ip4 "$2")
	echo "$h$(csum "${h}0000$src$dst")$src$dst$4"
}

# Transport checksum over the IPv4 pseudo-header and the segment.
l4sum4() {
	csum "$(ip4 "$1")$(ip4 "$2")00$(printf '%02x' "$3")$(printf '%04x' $((${#4} / 2)))$4"
}

# udp4 SRC DST SPORT DPORT PAYLOAD-HEX
udp4() {
	u=$(printf '%04x%04x%04x' "$3" "$4" $((8 + ${#5} / 2)))
	ipv4 "$1" "$2" 17 "$u$(l4sum4 "$1" "$2" 17 "${u}0000$5")$5"
}

# tcp4 SRC DST SPORT DPORT: a SYN, no options.
tcp4() {
	t=$(printf '%04x%04x' "$3" "$4")000003e8000000005002ffff
	c=$(l4sum4 "$1" "$2" 6 "${t}00000000")
	ipv4 "$1" "$2" 6 "$t${c}0000"
}

# icmp4 SRC DST: an echo request, id 1, sequence 1, 8 bytes of data.
icmp4() {
	d=000100016162636465666768
	ipv4 "$1" "$2" 1 "0800$(csum "08000000$d")$d"
}

# udp6 SRC-HEX DST-HEX SPORT DPORT PAYLOAD-HEX (addresses as 32 hex digits)
udp6() {
	len=$((8 + ${#5} / 2))
	u=$(printf '%04x%04x%04x' "$3" "$4" $len)
	c=$(csum "$1$2$(printf '%08x' $len)00000011${u}0000$5")
	echo "60000000$(printf '%04x' $len)1140$1$2$u$c$5"
}

# dns_name www.example.com -> 03777777076578616d706c6503636f6d00
dns_name() {
	out=""
	rest=$1
	while [ -n "$rest" ]; do
		l=${rest%%.*}
		case $rest in
		*.*) rest=${rest#*.} ;;
		*) rest="" ;;
		esac
		out=$out$(printf '%02x' ${#l})$(hexstr "$l")
	done
	echo "${out}00"
}

# dns_query NAME [FLAGS-HEX] [QDCOUNT-HEX]: one question, type A, class IN.
dns_query() {
	echo "1234${2:-0100}${3:-0001}000000000000$(dns_name "$1")00010001"
}
