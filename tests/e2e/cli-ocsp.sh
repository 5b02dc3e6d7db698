#!/bin/sh
# cli-ocsp.sh - revocation checking against a loopback HTTP responder
# (tests/e2e/httpd.py bound to 127.0.0.1, ephemeral port): live OCSP
# (good, revoked, unknown, responder down, slow, huge, malformed, wrong key,
# delegated responder with and without id-kp-OCSPSigning, stale, nonce
# mismatch, no responder), the soft/hard policy with exact exit codes,
# GET and cache use by request count, CRL download revoking an
# intermediate, and must-staple over TLS (tests/e2e/tls-server). The PKI
# and the answers are generated per run (tests/e2e/ocsp-pki.py) once the
# server's port is known, with fixed dates: --at is fixed.
set -u
: "${CERTSHOW:?}" "${TEST_SRCDIR:?}"
command -v python3 >/dev/null 2>&1 || exit 77
python3 -c 'import cryptography' 2>/dev/null || exit 77

at=2050-01-01T00:00:00Z
. "$TEST_SRCDIR/tests/e2e/online-lib.sh"
online_setup cli-ocsp
spid=
httpd_start
# A responder that is down: a loopback port nothing listens on (taken
# and released; connecting is refused).
down=http://127.0.0.1:$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')
python3 "$TEST_SRCDIR/tests/e2e/ocsp-pki.py" "$base" "$tmp" "$down" || exit 99
: >"$tmp/log"

# expect NAME RC NEW_REQUESTS [verify args...]: exit status and number of
# HTTP requests of one 'certshow verify' run; output in $tmp/out.
expect() {
	name=$1 want_rc=$2 want_req=$3
	shift 3
	before=$(requests)
	(cd "$tmp" && "$CERTSHOW" verify --cafile root.pem --untrusted int.pem \
	    --at "$at" "$@") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	got_req=$(($(requests) - before))
	if [ "$rc" != "$want_rc" ] || { [ "$want_req" != "-" ] &&
	    [ "$got_req" != "$want_req" ]; }; then
		echo "FAIL: $name: exit $rc (want $want_rc), $got_req HTTP" \
		    "requests (want $want_req)"
		sed 's/^/  | /' "$tmp/out" "$tmp/err" | head -20
		fail=1
	fi
}

# Off unless asked: nothing fetched, nothing said about revocation.
expect off 0 0 leaf-good.pem
has off "leaf-good.pem: verified"
if grep -q "revocation:" "$tmp/out"; then
	echo "FAIL: off: revocation reported without being asked"
	fail=1
fi

# Good, the leaf only and then the whole path (the intermediate has its
# own responder, signed by the root).
expect good 0 1 --ocsp=leaf leaf-good.pem
has good "leaf-good.pem: verified"
has good "0  OCSP $base/ocsp/good: good, produced"
has good "next update in 6 d"
expect good-all 0 2 --ocsp leaf-good.pem
has good-all "1  OCSP $base/ocsp/int: good"
expect good-leaf-opt 0 1 --ocsp-leaf leaf-good.pem
# A small request goes by GET (RFC 5019 5): URL + "/" + base64.
if ! grep -q "^GET /ocsp/good/" "$tmp/log"; then
	echo "FAIL: good: no OCSP GET request in the log"
	fail=1
fi

# Revoked, with reason and time; the JSON agrees with the exit status.
expect revoked 1 1 --ocsp=leaf leaf-revoked.pem
has revoked "leaf-revoked.pem: FAILED (REVOKED)"
has revoked "OCSP $base/ocsp/revoked: revoked 2020-01-01 00:00:00 UTC (reason: keyCompromise)"
expect revoked-json 1 1 --ocsp=leaf -f json leaf-revoked.pem
has revoked-json '"verified": false,'
has revoked-json '"flags": ["REVOKED"],'
has revoked-json '"revocation": {"status": "revoked", "source": "ocsp"'
has revoked-json '"reason": "keyCompromise", "revoked_at": "2020-01-01T00:00:00Z"'

# Answers that decide nothing: soft (the default online) warns with exit
# 4, hard fails with REVOCATION_UNKNOWN.
for n in unknown down malformed wrongkey delegnoeku stale noocsp; do
	req=1
	[ "$n" = noocsp ] || [ "$n" = down ] && req=0
	expect "$n-soft" 4 $req --ocsp=leaf "leaf-$n.pem"
	has "$n-soft" "leaf-$n.pem: verified, with warnings (REVOCATION_UNKNOWN)"
	has "$n-soft" "[REVOCATION_UNKNOWN, warning]"
	expect "$n-hard" 1 $req --ocsp=leaf --revocation hard "leaf-$n.pem"
	has "$n-hard" "leaf-$n.pem: FAILED (REVOCATION_UNKNOWN)"
done
has noocsp "no revocation source"
expect unknown 4 1 --ocsp=leaf leaf-unknown.pem
has unknown "the responder does not know the certificate"
expect down 4 0 --ocsp=leaf leaf-down.pem
has down "0  OCSP $down/ocsp/down: "
expect malformed 4 1 --ocsp=leaf leaf-malformed.pem
has malformed "not a valid OCSP response"
expect wrongkey 4 1 --ocsp=leaf leaf-wrongkey.pem
has wrongkey "OCSP $base/ocsp/wrongkey: the signature does not verify"
expect delegnoeku 4 1 --ocsp=leaf leaf-delegnoeku.pem
has delegnoeku "lacks id-kp-OCSPSigning"
expect stale 4 1 --ocsp=leaf leaf-stale.pem
has stale "the response is stale"
# The delegated responder with id-kp-OCSPSigning is the valid twin.
expect deleg 0 1 --ocsp=leaf leaf-deleg.pem
has deleg "0  OCSP $base/ocsp/deleg: good"

# Nonce: an answer carrying another nonce is refused; without
# --ocsp-nonce the same answer is good (its twin).
expect nonce 1 1 --ocsp=leaf --ocsp-nonce --revocation hard leaf-nonce.pem
has nonce "nonce is not the one sent"
expect nonce-twin 0 1 --ocsp=leaf leaf-nonce.pem

# Cache: the answer is kept by CertID until nextUpdate, in memory (one
# process, the same leaf twice: one request) and on disk (a second run
# makes no request). A nonce bypasses the cache.
expect mem 0 1 --ocsp=leaf leaf-good.pem leaf-good.pem
mkdir "$tmp/cache"
expect disk1 0 1 --ocsp=leaf --cache-dir "$tmp/cache" leaf-good.pem
expect disk2 0 0 --ocsp=leaf --cache-dir "$tmp/cache" leaf-good.pem
has disk2 "0  OCSP $base/ocsp/good: good"

# CRL download: the root's CRL revokes the intermediate; its twin (an
# empty CRL) verifies.
expect crl-rev 1 2 --cafile root2.pem --untrusted int2.pem --crl-download \
    leaf-crlrev.pem
has crl-rev "leaf-crlrev.pem: FAILED (REVOKED)"
has crl-rev "certificate 1 (CN=CRL Int 2) was revoked 2020-01-01"
expect crl-ok 0 2 --cafile root3.pem --untrusted int3.pem --crl-download \
    leaf-crlok.pem
has crl-ok "leaf-crlok.pem: verified"
has crl-ok "1  CRL: good (not listed)"

# A slow responder: the fetch ends at --http-timeout (soft: a warning;
# hard: a failure); a huge answer stops at the 64 KiB cap.
printf '{"/ocsp/good": {"delay": 5}}' >"$tmp/www/.rules"
t0=$(date +%s)
expect slow 4 1 --ocsp=leaf --http-timeout 1 leaf-good.pem
t1=$(date +%s)
has slow "[REVOCATION_UNKNOWN, warning]"
if [ $((t1 - t0)) -ge 4 ]; then
	echo "FAIL: slow: took $((t1 - t0)) s with --http-timeout 1"
	fail=1
fi
expect slow-hard 1 1 --ocsp=leaf --http-timeout 1 --revocation hard \
    leaf-good.pem
printf '{"/ocsp/good": {"size": 100000}}' >"$tmp/www/.rules"
expect huge 4 1 --ocsp=leaf leaf-good.pem
has huge "larger than 65536 bytes"
rm -f "$tmp/www/.rules"
expect rules-gone 0 1 --ocsp=leaf leaf-good.pem

# Must-staple (RFC 7633) over TLS: no staple fails, a good staple is its
# twin.
server=${TEST_BUILDDIR:-.}/tests/e2e/tls-server
connect() { # name rc [server options]
	name=$1 want_rc=$2
	shift 2
	: >"$tmp/sport"
	"$server" --chain "$tmp/staple-chain.pem" --key "$tmp/leaf-staple.key" \
	    "$@" >"$tmp/sport" 2>"$tmp/server.err" &
	spid=$!
	i=0
	while [ ! -s "$tmp/sport" ] && [ $i -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	"$CERTSHOW" connect "127.0.0.1:$(cat "$tmp/sport")" --host localhost \
	    --cafile "$tmp/root.pem" --at "$at" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	kill "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null
	spid=
	if [ "$rc" != "$want_rc" ]; then
		echo "FAIL: $name: exit $rc (want $want_rc)"
		sed 's/^/  | /' "$tmp/out" "$tmp/err" | head -30
		fail=1
	fi
}
if [ -x "$server" ]; then
	connect must-staple 1
	has must-staple "FAILED (MUST_STAPLE)"
	connect must-staple-twin 0 --ocsp "$tmp/staple-good.der"
	has must-staple-twin "0  stapled OCSP response: good"
fi

exit $fail
