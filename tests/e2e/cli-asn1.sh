#!/bin/sh
# cli-asn1.sh - 'certshow asn1' end to end: a good certificate (exit 0,
# field names), input the decoder rejects (shown raw, exit 1, stop line),
# unreadable input (3) and usage errors (2).
set -u
: "${CERTSHOW:?}" "${TEST_DATA_DIR:?}"
D=$TEST_DATA_DIR/lint
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cli-asn1.XXXXXX") || exit 99
trap 'rm -rf "$TMP"' EXIT INT TERM
fail=0

bad()
{
	echo "FAIL: $*"
	fail=1
}

expect()
{
	want=$1
	shift
	"$@" > "$TMP/out" 2> "$TMP/err"
	rc=$?
	[ "$rc" -eq "$want" ] || bad "$*: exit $rc, want $want"
}

has()
{
	grep -qxF -- "$1" "$TMP/out" || bad "missing line: $1"
}

expect 0 "$CERTSHOW" asn1 "$D/leaf-clean.pem"
has "# $D/leaf-clean.pem: certificate #0, 956 bytes"
has "  114:d=3  hl=2 l=   13 prim:       UTCTime (tbsCertificate.validity.notBefore): '240101000000Z' (2024-01-01 00:00:00 UTC)"
expect 0 "$CERTSHOW" asn1 --no-names --headers-only "$D/leaf-clean.pem"
has "  114:d=3  hl=2 l=   13 prim:       UTCTime"

# Truncated: the reader refuses it, the view shows it raw and stops.
head -c 700 "$D/../lint/leaf-clean.pem" > "$TMP/cut.pem"
expect 1 "$CERTSHOW" asn1 "$TMP/cut.pem"
grep -q '^    0: \*\* truncated: length 952 exceeds the ' "$TMP/out" ||
    bad "truncated mark"
tail -n 1 "$TMP/out" | grep -q '^    -: \*\* PEM: block 1 (BEGIN CERTIFICATE at line 1, byte offset 0): no END line (end of input)$' ||
    bad "PEM problem line: $(tail -n 1 "$TMP/out")"
grep -q 'showing the raw input' "$TMP/err" || bad "fallback note"

# Non-minimal length: marked where it is.
expect 1 "$CERTSHOW" asn1 "$D/der-length-nonminimal.pem"
has "   13: !! not DER: length not in minimal form (X.690 10.1)"

# Trailing data after the certificate.
expect 1 "$CERTSHOW" asn1 "$D/der-trailing-data.pem"
has "  956: ** stopped: end-of-contents or zero bytes outside an indefinite-length value (4 bytes left)"

"$CERTSHOW" asn1 --raw "$D/leaf-clean.pem" > /dev/null || bad "--raw"
expect 3 "$CERTSHOW" asn1 "$TMP/missing.der"
expect 2 "$CERTSHOW" asn1
expect 2 "$CERTSHOW" asn1 --max-depth 0 "$D/leaf-clean.pem"
expect 3 "$CERTSHOW" asn1 --max-lines 5 "$D/leaf-clean.pem"
[ "$(tail -n 1 "$TMP/out")" = "...: output stopped after 5 lines" ] ||
    bad "line limit"

[ $fail -eq 0 ] && echo "PASS: cli-asn1"
exit $fail
