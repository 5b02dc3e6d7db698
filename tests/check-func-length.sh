#!/bin/sh
# check-func-length.sh - no function over 80 lines in lib/ and tools/.
#
# A function is counted from its opening brace to its closing brace,
# both lines included. The code is KNF: a function body opens with "{"
# and closes with "}" at the start of a line, and the function's name is
# on the last line before the "{" that starts at column 0 with an
# identifier (the return type on its own line above it). Coordinating
# functions call named steps rather than grow.
set -u
srcdir=${TEST_SRCDIR:-.}
max=${CERTSHOW_MAX_FUNC_LINES:-80}
files=$(ls "$srcdir"/lib/*.c "$srcdir"/tools/*.c 2>/dev/null)
if [ -z "$files" ]; then
	echo "SKIP: no sources under $srcdir"; exit 77
fi
# shellcheck disable=SC2086
long=$(awk -v max="$max" '
	FNR == 1 { name = ""; start = 0; inbody = 0 }
	!inbody && /^[A-Za-z_][A-Za-z0-9_ \t*]*\(/ {
		name = $0; sub(/\(.*/, "", name); sub(/.*[ \t*]/, "", name)
		start = FNR
	}
	!inbody && /^\{/ && start { inbody = 1; open = FNR; next }
	inbody && /^\}/ {
		n = FNR - open + 1
		if (n > max) {
			f = FILENAME; sub(/.*\//, "", f)
			d = FILENAME; sub(/\/[^\/]*$/, "", d); sub(/.*\//, "", d)
			printf "%s/%s:%d: %s %d lines\n", d, f, start, name, n
		}
		inbody = 0; start = 0
	}' $files)
if [ -n "$long" ]; then
	echo "FAIL: functions over $max lines (split them into named steps):"
	printf '%s\n' "$long" | sed 's/^/  /'
	exit 1
fi
echo "PASS: no function in lib/ or tools/ over $max lines"
