# SPDX-License-Identifier: GPL-2.0 OR MIT
# shellcheck shell=bash
#
# Bash completion for kwasm and kwasm-bpf.
#
# Commands, options, hooks and other choices come from the programs' own
# help (`kwasm help COMMAND`, `kwasm-bpf --help`), so they follow the
# program.  Module names, exports and data-path handles come from
# `kwasm list`, and only while the kwasm kernel module is loaded: asking
# the kernel for the family would otherwise load the module.  Any failure
# completes nothing and prints nothing.  bash-completion loads a file by
# the command's name: install it as completions/kwasm with a link
# completions/kwasm-bpf -> kwasm.

# Where the loaded module shows; tests point this elsewhere.
: "${_kwasm_sysmod:=/sys/module/kwasm}"

# COMPREPLY from the lines of $2 that start with $1, quoted for the
# command line (an export may be named anything).
_kwasm_reply() {
	local cur=$1 line
	COMPREPLY=()
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		case $line in
		"$cur"*) COMPREPLY+=("$(printf '%q' "$line")") ;;
		esac
	done <<<"$2"
}

# The commands `kwasm help` lists: "  name   args".
_kwasm_commands() {
	"$1" help 2>/dev/null | awk '/^  [a-z]/ { print $1 }'
}

# What `kwasm help CMD` says about the command line: its synopsis (the
# Usage line and its continuation lines, indented 9) on the first line,
# then the tags of its option list (after the blank line, indented 2).
_kwasm_syntax() {
	"$1" help "$2" 2>/dev/null | awk '
		NR == 1 { sub(/^Usage: [^ ]+ [^ ]+ ?/, ""); syn = $0; next }
		!d && /^         / { sub(/^ +/, ""); syn = syn " " $0; next }
		!d { print syn; d = 1 }
		/^$/ { m = 1 }
		m && /^  [^ ]/ { s = substr($0, 3); sub(/  .*/, "", s); print s }
		END { if (!d) print syn }'
}

# The options in a syntax text.
_kwasm_opts() {
	printf '%s\n' "$1" | grep -oE '(^|[][ |,])--?[a-z][a-z-]*' | sed 's/^[][ |,]//' |
		sort -u
}

# What follows option $2 in syntax text $1: a metavariable (FILE, N, ...)
# or choices (a|b|c); nothing for a flag ("[-j]", "--fail-closed]").
_kwasm_optarg() {
	printf '%s\n' "$1" | tr -s ' ' '\n' | awk -v opt="$2" '
		f { if ($0 !~ /^[[-]/ && $0 != "|") { sub(/[]]+[.]*$/, ""); print }; exit }
		{ w = $0; sub(/^[[]+/, "", w); closed = sub(/[],]+$/, "", w) }
		w ~ /[|]/ { n = split(w, a, "|"); for (i = 1; i <= n; i++) if (a[i] == opt) w = opt }
		w == opt { if (closed) exit; f = 1 }'
}

# The verbs of a command with " | "-separated forms (map get|set|..., tls add|del|...).
_kwasm_verbs() {
	case $1 in
	*" | "*) printf '%s\n' "$1" | head -n 1 | sed 's/ | /\n/g' | awk '$1 ~ /^[a-z]+$/ { print $1 }' ;;
	esac
}

# Loaded modules; nothing unless kwasm.ko is loaded.
_kwasm_modules() {
	[ -d "$_kwasm_sysmod" ] || return 0
	"$1" list 2>/dev/null | awk 'NR > 1 && /^[^ ]/ { print $1 }'
}

# Exports of module $2: all, or with $3 = dp those of type (i32) -> i32, or
# with $3 = attached those attached to a hook.
_kwasm_exports() {
	[ -d "$_kwasm_sysmod" ] || return 0
	"$1" list "$2" 2>/dev/null | awk -v want="${3:-}" '
		NR == 1 { col = index($0, "EXPORTS"); next }
		/^  attached: / { if (want == "attached") print $2; next }
		want == "attached" || NR != 2 || !col { next }
		{
			s = substr($0, col)
			while (s != "" && s !~ /^[(-]/ && match(s, /\(/)) {
				name = substr(s, 1, RSTART - 1)
				s = substr(s, RSTART + 1)
				params = substr(s, 1, index(s, ")") - 1)
				s = substr(s, index(s, ")") + 1)
				res = ""
				if (substr(s, 1, 2) == "->") {
					s = substr(s, 3)
					res = s
					if (s ~ /^\(/)
						sub(/\).*/, ")", res)
					else
						sub(/ .*/, "", res)
					s = substr(s, length(res) + 1)
				}
				sub(/^ /, "", s)
				if (want != "dp" || (params == "i32" && res == "i32"))
					print name
			}
		}'
}

_kwasm() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local prog=${COMP_WORDS[0]} cmd syntax arg verbs verb="" i w n=0 pos=()
	COMPREPLY=()
	if [ "$COMP_CWORD" -eq 1 ]; then
		_kwasm_reply "$cur" "$(_kwasm_commands "$prog"; printf '%s\n' --help --version)"
		return 0
	fi
	cmd=${COMP_WORDS[1]}
	if [ "$cmd" = help ]; then
		[ "$COMP_CWORD" -eq 2 ] && _kwasm_reply "$cur" "$(_kwasm_commands "$prog")"
		return 0
	fi
	syntax=$(_kwasm_syntax "$prog" "$cmd") || return 0
	[ -n "$syntax" ] || return 0

	# The value of an option.
	case $prev in
	-*)
		arg=$(_kwasm_optarg "$syntax" "$prev")
		# run --hook NAME takes the hooks attach lists.
		[ "$prev" = --hook ] && arg=$(_kwasm_optarg "$(_kwasm_syntax "$prog" attach)" --hook)
		case $arg in
		"") ;;
		*"|"*) _kwasm_reply "$cur" "$(printf '%s\n' "$arg" | tr '|' '\n')"; return 0 ;;
		FILE* | F | PATH)
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
			return 0
			;;
		*) return 0 ;;
		esac
		;;
	esac
	if [[ $cur == -* ]]; then
		_kwasm_reply "$cur" "$(_kwasm_opts "$syntax")"
		return 0
	fi

	# The words before this one that are not options or their values.
	for ((i = 2; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == -* ]]; then
			[ -n "$(_kwasm_optarg "$syntax" "$w")" ] && i=$((i + 1))
			continue
		fi
		pos+=("$w")
	done
	n=${#pos[@]}
	verbs=$(_kwasm_verbs "$syntax")
	if [ -n "$verbs" ]; then
		if [ "$n" -eq 0 ]; then
			_kwasm_reply "$cur" "$(printf '%s\n' "$verbs")"
			return 0
		fi
		verb=${pos[0]}
		pos=("${pos[@]:1}")
		n=${#pos[@]}
	fi

	case $cmd:$n in
	run:0 | load:0)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -X '!*.wasm' -- "$cur"; compgen -d -- "$cur")
		;;
	spec:*)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		;;
	unload:0 | list:0 | call:0 | attach:0 | detach:0 | map:0)
		_kwasm_reply "$cur" "$(_kwasm_modules "$prog")"
		;;
	call:1)
		_kwasm_reply "$cur" "$(_kwasm_exports "$prog" "${pos[0]}")"
		;;
	attach:1)
		_kwasm_reply "$cur" "$(_kwasm_exports "$prog" "${pos[0]}" dp)"
		;;
	detach:1)
		_kwasm_reply "$cur" "$(_kwasm_exports "$prog" "${pos[0]}" attached | sort -u)"
		;;
	map:1)
		# KWASM_MAPS maps per module.
		[ "$verb" = dump ] || [ "$verb" = get ] || [ "$verb" = set ] || [ "$verb" = del ] &&
			_kwasm_reply "$cur" "$(printf '%s\n' 0 1 2 3)"
		;;
	esac
	return 0
}

# kwasm-bpf: its --help lists "  COMMAND [VERB|VERB...] ARGS" lines.
_kwasm_bpf() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local prog=${COMP_WORDS[0]} help i w pos=()
	COMPREPLY=()
	help=$("$prog" --help 2>/dev/null) || return 0
	case $prev in
	--data | --size | --repeat | --caps) return 0 ;;
	esac
	if [[ $cur == -* ]]; then
		_kwasm_reply "$cur" "$(printf '%s\n' "$help" | grep -oE '(^|[][ |])--?[a-z][a-z-]*' |
			sed 's/^[][ |]//' | sort -u)"
		return 0
	fi
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		--data | --size | --repeat | --caps) i=$((i + 1)) ;;
		-*) ;;
		*) pos+=("$w") ;;
		esac
	done
	case ${#pos[@]} in
	0)
		_kwasm_reply "$cur" "$(printf '%s\n' "$help" | awk '/^  [a-z]/ { print $1 }' | sort -u)"
		;;
	1)
		case ${pos[0]} in
		check | bench) _kwasm_bpf_handles "$cur" ;;
		*)
			# test-run's program types, xdp's and tc's verbs.
			_kwasm_reply "$cur" "$(printf '%s\n' "$help" | awk -v c="${pos[0]}" '
				/^  [a-z]/ && $1 == c && $2 ~ /^[a-z_]+(\|[a-z_]+)*$/ {
					n = split($2, a, "|"); for (i = 1; i <= n; i++) print a[i] }' |
				sort -u)"
			;;
		esac
		;;
	2)
		case ${pos[0]} in
		xdp | tc) _kwasm_reply "$cur" "$(ls /sys/class/net 2>/dev/null)" ;;
		test-run) _kwasm_bpf_handles "$cur" ;;
		esac
		;;
	3)
		[ "${pos[1]}" = attach ] && _kwasm_bpf_handles "$cur"
		;;
	esac
	return 0
}

# Data-path handles from `kwasm list`: "data path: handles filter=3 count=4; ...".
_kwasm_bpf_handles() {
	local kw
	COMPREPLY=()
	kw=$(command -v kwasm) || return 0
	[ -d "$_kwasm_sysmod" ] || return 0
	_kwasm_reply "$1" "$("$kw" list 2>/dev/null | awk '/^  data path: handles / {
		for (i = 4; i <= NF; i++) {
			h = $i
			sub(/.*=/, "", h)
			sub(/;$/, "", h)
			print h
			if ($i ~ /;$/)
				break
		} }')"
}

complete -F _kwasm kwasm
complete -F _kwasm_bpf kwasm-bpf
