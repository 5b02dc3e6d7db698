#!/bin/sh
# check-exports.sh - the shared library exports exactly the functions that
# include/certshow.h declares with CERTSHOW_API, and nothing else.
set -u
srcdir=${TEST_SRCDIR:-.}
builddir=${TEST_BUILDDIR:-.}
so=$(ls "$builddir"/lib/.libs/libcertshow.so.* 2>/dev/null | head -n 1)
if [ -z "$so" ] || ! command -v nm >/dev/null 2>&1; then
	echo "SKIP: no shared library or no nm"; exit 77
fi
tmp=${TMPDIR:-/tmp}/check-exports.$$
trap 'rm -f "$tmp".*' EXIT
# Every CERTSHOW_API declaration: the identifier before '('.
# Preprocessor lines are dropped first: a declaration that follows a run
# of #defines would otherwise be discarded with them.
grep -v '^#' "$srcdir/include/certshow.h" | tr '\n' ' ' | sed 's/;/;\n/g' |
	grep 'CERTSHOW_API' |
	sed -n 's/.*[ *]\(certshow_[a-z0-9_]*\)(.*/\1/p' | sort -u > "$tmp.want"
nm -D --defined-only "$so" | awk '$2 ~ /^[TDBR]$/ {print $3}' |
	grep -v '^_' | sort -u > "$tmp.got"
if ! diff -u "$tmp.want" "$tmp.got"; then
	echo "FAIL: exported symbols differ from certshow.h (- header, + library)"
	exit 1
fi
echo "PASS: $(wc -l < "$tmp.got") symbols exported, all declared"
