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
    --host www.example.com --at "$at" --full "$d/chain-valid.pem"
grep -q '^.*chain-valid.pem: verified$' "$tmp.out" || { echo "FAIL: text"; fail=1; }
# The short report (the default): the verdict is the last line, after
# what was checked (byte-exact goldens: tests/e2e/golden-report.sh).
check 0 "valid chain, short report" "$CERTSHOW" verify --cafile \
    "$d/ca-root.pem" --host www.example.com --at "$at" "$d/chain-valid.pem"
[ "$(tail -n 1 "$tmp.out")" = "Verdict: verified" ] &&
    grep -qxF "  trust:      file $d/ca-root.pem (1 anchor)" "$tmp.out" ||
    { echo "FAIL: short report"; cat "$tmp.out"; fail=1; }
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
    --host www.example.com --at "$at" -v "$d/leaf.pem"
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
# --warn-days (off by default for files): every certificate of
# chain-valid.pem ends 2099-12-31 23:59:59 UTC; 29, 30 and 31 whole days
# before that with --warn-days 30.
vw() { # want at [options]
	w=$1 t=$2; shift 2
	check "$w" "warn-days at $t" "$CERTSHOW" verify --cafile "$d/ca-root.pem" \
	    --host www.example.com --at "$t" --full "$@" "$d/chain-valid.pem"
}
vw 4 2099-12-02T23:59:59Z --warn-days 30
grep -qx '.*chain-valid.pem: verified, with warnings (EXPIRES_SOON)' "$tmp.out" ||
    { echo "FAIL: warn-days verdict"; cat "$tmp.out"; fail=1; }
grep -qxF '  - certificate 1 (CN=certshow Test Intermediate CA,O=certshow tests) expires 2099-12-31 23:59:59 UTC, in 29 days (warning period 30 days) [EXPIRES_SOON, warning]' \
    "$tmp.out" || { echo "FAIL: warn-days message"; cat "$tmp.out"; fail=1; }
vw 0 2099-12-01T23:59:59Z --warn-days 30
grep -q 'EXPIRES_SOON' "$tmp.out" && { echo "FAIL: warned at 30 days"; fail=1; }
vw 0 2099-11-30T23:59:59Z --warn-days 30
vw 0 2099-12-02T23:59:59Z
vw 0 2099-12-02T23:59:59Z --warn-days 0
vw 1 2100-01-01 --warn-days 30
grep -q 'FAILED (EXPIRED)$' "$tmp.out" || { echo "FAIL: expired"; fail=1; }
check 2 "warn-days: not a number" "$CERTSHOW" verify --warn-days soon x
check 2 "warn-days: too large" "$CERTSHOW" verify --warn-days 36501 x
vw 4 2099-12-02T23:59:59Z --warn-days 30 -f json
if command -v python3 >/dev/null 2>&1; then
	python3 - "$tmp.out" <<'PYEOF' || fail=1
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
assert r["verified"] is True and r["flags"] == [], r
assert r["warnings"] == ["EXPIRES_SOON"], r["warnings"]
assert [p["days_left"] for p in r["path"]] == [29, 29, 29], r["path"]
for p in r["path"]:
    assert [(q["code"], q["warning"]) for q in p["problems"]] == \
        [("EXPIRES_SOON", True)], p["problems"]
PYEOF
fi
vw 0 2099-11-30T23:59:59Z -f json
grep -q '"days_left": 31,' "$tmp.out" || { echo "FAIL: days_left 31"; fail=1; }
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
# Relying-party rules (data/chains-rp): what only an issuer must do is a
# note, never a failure; each defect has its twin (chain-ok).
r=$TEST_DATA_DIR/chains-rp
for prof in webpki rfc5280; do
	check 0 "rp: valid twin ($prof)" "$CERTSHOW" verify --profile $prof \
	    --cafile "$r/root.pem" --host www.example.com --at "$at" \
	    "$r/chain-ok.pem"
	check 1 "rp: precertificate poison ($prof)" "$CERTSHOW" verify \
	    --profile $prof --cafile "$r/root.pem" --host www.example.com \
	    --at "$at" "$r/chain-poison.pem"
	grep -q 'FAILED (UNKNOWN_CRITICAL)$' "$tmp.out" ||
	    { echo "FAIL: poison flag ($prof)"; fail=1; }
	check 0 "rp: no EKU under --cafile ($prof)" "$CERTSHOW" verify \
	    --profile $prof --cafile "$r/root.pem" --host www.example.com \
	    --at "$at" "$r/chain-no-eku.pem"
	grep -q 'has no extKeyUsage: any purpose under this anchor .* \[NOTE\]$' \
	    "$tmp.out" || { echo "FAIL: no-EKU note ($prof)"; fail=1; }
	check 1 "rp: EKU without serverAuth ($prof)" "$CERTSHOW" verify \
	    --profile $prof --cafile "$r/root.pem" --host www.example.com \
	    --at "$at" "$r/chain-eku-client.pem"
	grep -q 'FAILED (EXT_KEY_USAGE)$' "$tmp.out" ||
	    { echo "FAIL: EKU flag ($prof)"; fail=1; }
	check 0 "rp: CN outside the SANs ($prof)" "$CERTSHOW" verify \
	    --profile $prof --cafile "$r/root.pem" --host www.example.com \
	    --at "$at" "$r/chain-cn-not-in-san.pem"
	check 0 "rp: IP CN under DNS constraints ($prof)" "$CERTSHOW" verify \
	    --profile $prof --cafile "$r/root.pem" --ip 192.0.2.10 \
	    --at "$at" "$r/chain-ip-cn.pem"
	check 1 "rp: TAB under an excluded dirName ($prof)" "$CERTSHOW" verify \
	    --profile $prof --cafile "$r/root.pem" --host www.example.com \
	    --at "$at" "$r/chain-dn-tab.pem"
	grep -q 'FAILED (NAME_CONSTRAINTS)$' "$tmp.out" ||
	    { echo "FAIL: dirName flag ($prof)"; fail=1; }
done
check 0 "rp: non-critical basicConstraints (rfc5280)" "$CERTSHOW" verify \
    --profile rfc5280 --cafile "$r/root.pem" --host www.example.com \
    --at "$at" "$r/chain-bc-noncrit.pem"
grep -q 'non-critical basicConstraints .*\[NOTE\]$' "$tmp.out" ||
    { echo "FAIL: bc note"; fail=1; }
# SSL_CERT_FILE names the user's anchors, like --cafile.
check 0 "rp: no EKU under SSL_CERT_FILE" env SSL_CERT_FILE="$r/root.pem" \
    "$CERTSHOW" verify --host www.example.com --at "$at" "$r/chain-no-eku.pem"
check 3 "SSL_CERT_FILE unreadable" env SSL_CERT_FILE="$r/no-such.pem" \
    "$CERTSHOW" verify --at "$at" "$r/chain-no-eku.pem"
# ... and what was checked says so, in text and JSON (SSL_CERT_DIR is
# unset: only the file is a source).
check 0 "SSL_CERT_FILE in the report" env -u SSL_CERT_DIR \
    SSL_CERT_FILE="$r/root.pem" "$CERTSHOW" verify --host www.example.com \
    --at "$at" "$r/chain-no-eku.pem"
grep -qxF "  trust:      SSL_CERT_FILE=$r/root.pem (1 anchor)" "$tmp.out" ||
    { echo "FAIL: SSL_CERT_FILE text"; cat "$tmp.out"; fail=1; }
check 0 "SSL_CERT_FILE in JSON" env -u SSL_CERT_DIR \
    SSL_CERT_FILE="$r/root.pem" "$CERTSHOW" verify -f json \
    --host www.example.com --at "$at" "$r/chain-no-eku.pem"
if command -v python3 >/dev/null 2>&1; then
	python3 - "$tmp.out" "$r/root.pem" <<'PYEOF' || fail=1
import json, sys
c = json.load(open(sys.argv[1]))["results"][0]["checked"]
assert c["peer"] == {"name": "www.example.com", "type": "dns"}, c
assert c["trust"] == {"anchors": 1, "sources": [{"type": "file",
    "path": sys.argv[2], "env": "SSL_CERT_FILE", "anchors": 1}]}, c
assert (c["profile"], c["purpose"], c["purpose_oid"]) == \
    ("webpki", "server", "1.3.6.1.5.5.7.3.1"), c
assert (c["time"], c["time_given"]) == ("2024-06-01T00:00:00Z", True), c
assert (c["revocation"], c["crls"]) == ([], 0), c
PYEOF
fi
# lint reports the issuance rules the verdict does not enforce.
check 1 "rp: non-critical basicConstraints, lint" "$CERTSHOW" lint \
    "$r/int-bc-noncrit.pem"
grep -q 'error ca-bc-not-critical' "$tmp.out" || { echo "FAIL: bc lint"; fail=1; }
check 1 "rp: CN outside the SANs, lint" "$CERTSHOW" lint \
    "$r/leaf-cn-not-in-san.pem"
grep -q 'error cn-not-in-san' "$tmp.out" || { echo "FAIL: cn lint"; fail=1; }
check 1 "rp: poison, dump agrees" "$CERTSHOW" lint "$r/leaf-poison.pem"
grep -q 'ext-unknown-critical' "$tmp.out" || { echo "FAIL: poison lint"; fail=1; }

# A malformed base64 anchor file is refused at load (one reader, strict
# base64), naming the file and the line.
check 3 "anchor with one base64 character too many" "$CERTSHOW" verify \
    --cafile "$TEST_DATA_DIR/bad/anchor-base64-extra.pem" --at "$at" \
    "$d/chain-valid.pem"
grep -q 'anchor-base64-extra.pem: certificate #0: bad base64 at line 19: incomplete final group' \
    "$tmp.err" || { echo "FAIL: base64 anchor message"; cat "$tmp.err"; fail=1; }

# The label is the FILE given, never the trust store holding the same
# certificate.
cat "$d/ca-root-b.pem" "$r/root.pem" > "$tmp.bundle"
cp "$r/root.pem" "$tmp.copy"
check 0 "label of a FILE in the trust store" "$CERTSHOW" verify \
    --purpose any --cafile "$tmp.bundle" --at "$at" --full "$tmp.copy"
head -n 1 "$tmp.out" | grep -qx "$tmp.copy: verified" ||
    { echo "FAIL: label"; cat "$tmp.out"; fail=1; }

# Certificate policies (data/chains-policy): the rfc5280 profile always
# processes them, webpki only with a policy option.
p=$TEST_DATA_DIR/chains-policy
P1=1.3.6.1.4.1.55555.2.1
P2=1.3.6.1.4.1.55555.2.2
check 0 "policy: map, rfc5280" "$CERTSHOW" verify --full --profile rfc5280 \
    --cafile "$p/root.pem" --host www.example.com --at "$at" "$p/map.pem"
grep -q "^  authority-constrained policies: $P1\$" "$tmp.out" &&
    grep -q "^  user-constrained policies: $P1\$" "$tmp.out" ||
    { echo "FAIL: policy text"; cat "$tmp.out"; fail=1; }
check 0 "policy: webpki without options" "$CERTSHOW" verify --full \
    --cafile "$p/root.pem" --host www.example.com --at "$at" \
    "$p/explicit.pem"
grep -q "policies:" "$tmp.out" && { echo "FAIL: webpki policies"; fail=1; }
check 1 "policy: --policy --explicit-policy" "$CERTSHOW" verify \
    --cafile "$p/root.pem" --host www.example.com --at "$at" \
    --policy "$P2" --explicit-policy "$p/same.pem"
grep -q 'FAILED (POLICY)$' "$tmp.out" || { echo "FAIL: policy"; fail=1; }
check 0 "policy: repeated --policy" "$CERTSHOW" verify \
    --cafile "$p/root.pem" --host www.example.com --at "$at" \
    --policy "$P2" --policy "$P1" --explicit-policy "$p/same.pem"
check 1 "policy: --inhibit-policy-mapping" "$CERTSHOW" verify \
    --cafile "$p/root.pem" --host www.example.com --at "$at" \
    --inhibit-policy-mapping --explicit-policy "$p/map.pem"
check 1 "policy: --inhibit-any-policy" "$CERTSHOW" verify \
    --profile rfc5280 --cafile "$p/root.pem" --host www.example.com \
    --at "$at" --inhibit-any-policy "$p/any.pem"
check 0 "policy: any.pem twin" "$CERTSHOW" verify \
    --profile rfc5280 --cafile "$p/root.pem" --host www.example.com \
    --at "$at" "$p/any.pem"
check 1 "policy: tree bound" "$CERTSHOW" verify --profile rfc5280 \
    --cafile "$p/root.pem" --host www.example.com --at "$at" \
    "$p/tree-big.pem"
grep -q 'FAILED (POLICY_LIMIT)$' "$tmp.out" ||
    { echo "FAIL: policy limit"; fail=1; }
check 0 "policy: json" "$CERTSHOW" verify -f json --policy "$P2" \
    --cafile "$p/root.pem" --host www.example.com --at "$at" "$p/map.pem"
grep -q "\"policies\": {\"authority_constrained\": \[\"$P1\"\], \"user_constrained\": \[\]}" \
    "$tmp.out" || { echo "FAIL: policy json"; cat "$tmp.out"; fail=1; }
check 2 "policy: not an OID" "$CERTSHOW" verify --policy anyPolicy \
    --cafile "$p/root.pem" --at "$at" "$p/map.pem"
# A CRL whose signer can only be validated under another anchor: the
# message says why (it once carried an uninitialised buffer).
c=$TEST_DATA_DIR/chains-crl
check 1 "CRL signer under another anchor" "$CERTSHOW" verify -f json \
    --at @1700000000 --cafile "$d/ca-root.pem" \
    --crl "$c/int-crlkey.crl.pem" "$c/chain-crlkey.pem"
grep -q 'int-crlkey.crl.pem is signed by a certificate that has no valid path to the anchor of this path (RFC 5280 6.3.3 (f))", "warning": false}' \
    "$tmp.out" || { echo "FAIL: CRL signer message"; cat "$tmp.out"; fail=1; }
grep -qF '"time": "2023-11-14T22:13:20Z", "time_given": true, "revocation": ["crl_files"], "crls": 1}' \
    "$tmp.out" || { echo "FAIL: checked CRL files"; cat "$tmp.out"; fail=1; }
[ "$fail" = 0 ] && echo "PASS"
exit $fail
