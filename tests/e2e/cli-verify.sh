#!/bin/sh
# cli-verify.sh - 'certshow verify': verdicts, exit codes, JSON output.
set -u
: "${CERTSHOW:?}" "${TEST_DATA_DIR:?}"
d=$TEST_DATA_DIR/chains
at=2024-06-01T00:00:00Z
fail=0
tmp=${TMPDIR:-/tmp}/cli-verify.$$
trap 'rm -f "$tmp".*' EXIT

check() { # expected-status description command...
	want=$1; what=$2; shift 2
	"$@" > "$tmp.out" 2> "$tmp.err"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "FAIL: $what: exit $got, want $want"; cat "$tmp.out" "$tmp.err"
		fail=1
	fi
}

check 0 "valid chain" "$CERTSHOW" verify --cafile "$d/ca-root.pem" \
    --host www.example.com --at "$at" "$d/chain-valid.pem"
grep -q '^.*chain-valid.pem: verified$' "$tmp.out" || { echo "FAIL: text"; fail=1; }
check 1 "expired intermediate" "$CERTSHOW" verify --cafile "$d/ca-root.pem" \
    --host www.example.com --at "$at" "$d/chain-int-expired.pem"
grep -q 'FAILED (EXPIRED)$' "$tmp.out" || { echo "FAIL: reason"; fail=1; }
grep -q 'certificate 1 (CN=certshow Test Intermediate CA,O=certshow tests) expired 2001-01-01' \
    "$tmp.out" || { echo "FAIL: message"; fail=1; }
check 1 "one of two fails" "$CERTSHOW" verify --cafile "$d/ca-root.pem" \
    --host www.example.com --at "$at" "$d/chain-valid.pem" "$d/chain-wronghost.pem"
check 0 "untrusted intermediates" "$CERTSHOW" verify --cafile "$d/ca-root.pem" \
    --untrusted "$d/ca-int.pem" --host www.example.com --at "$at" "$d/leaf.pem"
check 1 "missing intermediate" "$CERTSHOW" verify --cafile "$d/ca-root.pem" \
    --host www.example.com --at "$at" "$d/leaf.pem"
grep -q 'missing issuer: CN=certshow Test Intermediate CA' "$tmp.out" ||
    { echo "FAIL: missing issuer"; fail=1; }
check 0 "ip" "$CERTSHOW" verify --cafile "$d/ca-root.pem" --ip ::1 \
    --at "$at" "$d/chain-ip.pem"
check 0 "rfc5280 profile accepts SHA-1" "$CERTSHOW" verify --profile rfc5280 \
    --cafile "$d/ca-root.pem" --host www.example.com --at "$at" "$d/chain-sha1.pem"
check 1 "webpki refuses SHA-1" "$CERTSHOW" verify --cafile "$d/ca-root.pem" \
    --host www.example.com --at "$at" "$d/chain-sha1.pem"
check 1 "client purpose" "$CERTSHOW" verify --purpose client \
    --cafile "$d/ca-root.pem" --at "$at" "$d/chain-valid.pem"
check 1 "max depth" "$CERTSHOW" verify --max-depth 3 \
    --cafile "$d/ca-root.pem" --at "$at" "$d/chain-deep.pem"
check 0 "capath" "$CERTSHOW" verify --capath "$d" --host www.example.com \
    --at "$at" "$d/chain-valid.pem"
check 2 "usage: no file" "$CERTSHOW" verify --cafile "$d/ca-root.pem"
check 2 "usage: two peers" "$CERTSHOW" verify --host a.example --ip ::1 x
check 2 "usage: bad time" "$CERTSHOW" verify --at yesterday x
check 2 "usage: bad format" "$CERTSHOW" verify -f pem x
check 3 "unreadable trust" "$CERTSHOW" verify --cafile "$d/no-such.pem" \
    "$d/chain-valid.pem"
check 3 "unreadable input" "$CERTSHOW" verify --cafile "$d/ca-root.pem" \
    "$d/no-such.pem"
check 1 "json" "$CERTSHOW" verify -f json --cafile "$d/ca-root.pem" \
    --host www.example.com --at "$at" "$d/chain-valid.pem" "$d/chain-missing-int.pem"
if command -v python3 >/dev/null 2>&1; then
	python3 - "$tmp.out" <<'PYEOF' || fail=1
import json, sys
doc = json.load(open(sys.argv[1]))
r = doc["results"]
assert doc["format_version"] == 1 and len(r) == 2, doc
assert r[0]["verified"] is True and r[0]["flags"] == [], r[0]
assert [p["anchor"] for p in r[0]["path"]] == [False, False, True]
assert r[1]["flags"] == ["UNTRUSTED", "MISSING_ISSUER"], r[1]["flags"]
assert r[1]["missing_issuer"]["name"].startswith("CN=certshow Test Intermediate")
assert r[1]["path"][0]["problems"][0]["code"] == "UNTRUSTED"
PYEOF
fi
# Anchors with legacy encodings (data/chains-anchor): a configured anchor
# is held to the CA/B root profile in webpki, not in rfc5280.
a=$TEST_DATA_DIR/chains-anchor
check 0 "conforming configured root" "$CERTSHOW" verify --cafile "$a/root-ok.pem" \
    --host www.example.com --at "$at" "$a/leaf-ok.pem"
for r in bc-noncrit no-ski aki-full; do
	check 1 "configured root $r, webpki" "$CERTSHOW" verify \
	    --cafile "$a/root-$r.pem" --host www.example.com --at "$at" \
	    "$a/leaf-$r.pem"
	grep -q 'FAILED (MALFORMED)$' "$tmp.out" ||
	    { echo "FAIL: $r: reason"; fail=1; }
	grep -q 'not from a root program to the CA/B root profile' \
	    "$tmp.out" || { echo "FAIL: $r: message"; fail=1; }
	check 0 "configured root $r, rfc5280" "$CERTSHOW" verify \
	    --profile rfc5280 --cafile "$a/root-$r.pem" \
	    --host www.example.com --at "$at" "$a/leaf-$r.pem"
done
# Revocation from CRL files (data/chains-crl).
c=$TEST_DATA_DIR/chains-crl
check 0 "crl: not revoked" "$CERTSHOW" verify --cafile "$c/root.pem" \
    --crl "$c/int.crl.pem" --crl "$c/root.crl.pem" --host www.example.com \
    --at "$at" "$c/chain-good.pem"
check 1 "crl: revoked" "$CERTSHOW" verify --cafile "$c/root.pem" \
    --crl "$c/int.crl.pem" --crl "$c/root.crl.pem" --host www.example.com \
    --at "$at" "$c/chain-revoked.pem"
grep -q 'FAILED (REVOKED)$' "$tmp.out" || { echo "FAIL: crl reason"; fail=1; }
grep -q 'was revoked 2020-01-01 (reason: keyCompromise): serial .* is on the CRL .*int.crl.pem of CN=CRL Test Intermediate' \
    "$tmp.out" || { echo "FAIL: crl message"; cat "$tmp.out"; fail=1; }
check 0 "crl: revoked, no --crl" "$CERTSHOW" verify --cafile "$c/root.pem" \
    --host www.example.com --at "$at" "$c/chain-revoked.pem"
check 1 "crl: DER, root and intermediate CRLs" "$CERTSHOW" verify \
    --cafile "$c/root.pem" --crl "$c/root.crl.pem" --crl "$c/int.crl.der" \
    --host www.example.com --at "$at" "$c/chain-revoked.pem"
check 1 "crl: expired CRL" "$CERTSHOW" verify --cafile "$c/root.pem" \
    --crl "$c/int-expired.crl.pem" --crl "$c/root.crl.pem" \
    --host www.example.com --at "$at" "$c/chain-good.pem"
grep -q 'FAILED (REVOCATION_UNKNOWN)$' "$tmp.out" ||
    { echo "FAIL: crl unknown"; fail=1; }
# Every certificate below the anchor needs a CRL (the intermediate's is
# the root's); --crl-check leaf asks for the leaf's only.
check 1 "crl: no CRL of the root" "$CERTSHOW" verify --cafile "$c/root.pem" \
    --crl "$c/int.crl.pem" --host www.example.com --at "$at" \
    "$c/chain-good.pem"
grep -q 'certificate 1 (CN=CRL Test Intermediate.*unknown revocation status: no CRL given covers it \[REVOCATION_UNKNOWN\]' \
    "$tmp.out" || { echo "FAIL: crl missing"; cat "$tmp.out"; fail=1; }
check 0 "crl: --crl-check leaf" "$CERTSHOW" verify --cafile "$c/root.pem" \
    --crl "$c/int.crl.pem" --crl-check leaf --host www.example.com \
    --at "$at" "$c/chain-good.pem"
check 2 "crl: --crl-check bad" "$CERTSHOW" verify --cafile "$c/root.pem" \
    --crl "$c/int.crl.pem" --crl-check some --at "$at" "$c/chain-good.pem"
check 1 "crl: delta CRL" "$CERTSHOW" verify --cafile "$c/root.pem" \
    --crl "$c/int-base-empty.crl.pem" --crl "$c/int-delta-revoke.crl.pem" \
    --crl "$c/root.crl.pem" --host www.example.com --at "$at" \
    "$c/chain-good.pem"
grep -q 'is on the delta CRL .*int-delta-revoke.crl.pem' "$tmp.out" ||
    { echo "FAIL: crl delta"; cat "$tmp.out"; fail=1; }
check 1 "crl: json" "$CERTSHOW" verify -f json --cafile "$c/root.pem" \
    --crl "$c/root-revokes-int.crl.pem" --crl "$c/int.crl.pem" \
    --host www.example.com --at "$at" "$c/chain-good.pem"
grep -q '"REVOKED"' "$tmp.out" || { echo "FAIL: crl json"; fail=1; }
check 3 "crl: not a CRL" "$CERTSHOW" verify --cafile "$c/root.pem" \
    --crl "$c/root.pem" --at "$at" "$c/chain-good.pem"
grep -q -- '--crl: ' "$tmp.err" || { echo "FAIL: crl error"; fail=1; }
check 3 "crl: missing file" "$CERTSHOW" verify --cafile "$c/root.pem" \
    --crl "$c/no-such.crl" --at "$at" "$c/chain-good.pem"
[ "$fail" = 0 ] && echo "PASS"
exit $fail
