#!/bin/sh
# check-headers.sh - the public header compiles on its own, as C99 and
# C++, under strict flags.
set -u
srcdir=${TEST_SRCDIR:-.}
cc=${CC:-cc}
tmp=${TMPDIR:-/tmp}/check-headers.$$
trap 'rm -f "$tmp".*' EXIT
printf '#include "certshow.h"\nint main(void) { return 0; }\n' > "$tmp.c"
if ! $cc -std=c99 -pedantic -Wall -Wextra -Werror -I"$srcdir/include" \
    -c "$tmp.c" -o "$tmp.o"; then
	echo "FAIL: certshow.h does not compile alone as C99"; exit 1
fi
if command -v c++ >/dev/null 2>&1; then
	cp "$tmp.c" "$tmp.cc"
	if ! c++ -std=c++11 -pedantic -Wall -Wextra -Werror \
	    -I"$srcdir/include" -c "$tmp.cc" -o "$tmp.o"; then
		echo "FAIL: certshow.h does not compile as C++"; exit 1
	fi
fi
echo "PASS: certshow.h is self-contained"
