#!/bin/sh
# check-exports.sh - the ABI is lib/certshow.sym, a checked-in list:
#  1. the shared library exports exactly the symbols of lib/certshow.sym;
#  2. include/certshow.h declares exactly those functions with CERTSHOW_API.
# Adding or removing a public function is therefore a deliberate edit of
# certshow.sym (and of -version-info in configure.ac at release).
set -u
srcdir=${TEST_SRCDIR:-.}
builddir=${TEST_BUILDDIR:-.}
so=$(ls "$builddir"/lib/.libs/libcertshow.so.* 2>/dev/null | head -n 1)
if [ -z "$so" ] || ! command -v nm >/dev/null 2>&1; then
	echo "SKIP: no shared library or no nm"; exit 77
fi
tmp=${TMPDIR:-/tmp}/check-exports.$$
trap 'rm -f "$tmp".*' EXIT
sort -u "$srcdir/lib/certshow.sym" > "$tmp.sym"
nm -D --defined-only "$so" | awk '$2 ~ /^[TDBR]$/ {print $3}' |
	grep -v '^_' | sort -u > "$tmp.got"
# Every CERTSHOW_API declaration: the identifier before '('.
# Preprocessor lines are dropped first: a declaration that follows a run
# of #defines would otherwise be discarded with them.
grep -v '^#' "$srcdir/include/certshow.h" | tr '\n' ' ' | sed 's/;/;\n/g' |
	grep 'CERTSHOW_API' |
	sed -n 's/.*[ *]\(certshow_[a-z0-9_]*\)(.*/\1/p' | sort -u > "$tmp.hdr"
rv=0
if ! diff -u "$tmp.sym" "$tmp.got"; then
	echo "FAIL: the library's exports differ from lib/certshow.sym (- list, + library)"
	rv=1
fi
if ! diff -u "$tmp.sym" "$tmp.hdr"; then
	echo "FAIL: certshow.h's CERTSHOW_API declarations differ from lib/certshow.sym (- list, + header)"
	rv=1
fi
if [ "$rv" = 0 ]; then
	echo "PASS: $(wc -l < "$tmp.got") symbols exported, as lib/certshow.sym lists and certshow.h declares"
fi
exit "$rv"
