#!/bin/sh
# api-example.sh - the EXAMPLE program of libcertshow(3) (doc/example.c),
# built against the public header only, verifies a valid chain (exit 0,
# exact first line) and reports a wrong host name (exit 1, exact flag).
set -u
builddir=${TEST_BUILDDIR:-.}
data=${TEST_DATA_DIR:-data}
ex=$builddir/doc/example
at=1704067200  # 2024-01-01T00:00:00Z
out=$("$ex" "$data/chains/chain-valid.pem" "$data/chains/ca-root.pem" \
    www.example.com "$at")
rc=$?
first=$(printf '%s\n' "$out" | head -n 1)
if [ "$rc" != 0 ] || [ "$first" != "verified, path of 3 certificates" ]; then
	echo "FAIL: valid chain: rc=$rc first line '$first'"; exit 1
fi
if ! printf '%s\n' "$out" | grep -q '"format_version": 1'; then
	echo "FAIL: no JSON document after the verdict"; exit 1
fi
out=$("$ex" "$data/chains/chain-valid.pem" "$data/chains/ca-root.pem" \
    www.example.org "$at")
rc=$?
first=$(printf '%s\n' "$out" | head -n 1 | cut -d: -f1)
if [ "$rc" != 1 ] || [ "$first" != "HOSTNAME_MISMATCH" ]; then
	echo "FAIL: wrong host: rc=$rc first field '$first'"; exit 1
fi
"$ex" /nonexistent "$data/chains/ca-root.pem" www.example.com "$at" \
    2>/dev/null
rc=$?
if [ "$rc" != 3 ]; then
	echo "FAIL: missing file: rc=$rc"; exit 1
fi
echo "PASS: libcertshow(3) example"
