#!/bin/sh
# cli-online-aia.sh - fetching missing intermediates (--fetch-missing,
# AIA caIssuers) against a loopback HTTP server (tests/e2e/httpd.py bound
# to 127.0.0.1, ephemeral port): DER and PKCS#7 issuers, two in a row,
# a loop, an unrelated certificate, a slow server, a huge answer, a
# redirect loop, 404, a non-http URL; nothing fetched unless asked; the
# on-disk cache (a second run makes no request: the server's request
# log says so). The PKI is generated per run (tests/e2e/online-pki.py)
# once the server's port is known, with fixed dates: --at is fixed.
set -u
: "${CERTSHOW:?}" "${TEST_SRCDIR:?}"
command -v python3 >/dev/null 2>&1 || exit 77
python3 -c 'import cryptography' 2>/dev/null || exit 77

at=2024-06-01T00:00:00Z
. "$TEST_SRCDIR/tests/e2e/online-lib.sh"
online_setup cli-online-aia
spid=
httpd_start
python3 "$TEST_SRCDIR/tests/e2e/online-pki.py" "$base" "$tmp" || exit 99
cat >"$tmp/www/.rules" <<EOT
{"/slow/int.der": {"delay": 5},
 "/huge/int.der": {"size": 100000},
 "/redir/int.der": {"redirect": "/redir/int.der"},
 "/ca/int2.der": {"cache_control": "no-store"}}
EOT

# expect NAME RC NEW_REQUESTS [verify args...]: the exit status and the
# number of HTTP requests the run made; output in $tmp/out, $tmp/err.
expect() {
	name=$1 want_rc=$2 want_req=$3
	shift 3
	before=$(requests)
	(cd "$tmp" && "$CERTSHOW" verify --cafile root.pem --at "$at" "$@") \
	    >"$tmp/out" 2>"$tmp/err"
	rc=$?
	got_req=$(($(requests) - before))
	if [ "$rc" != "$want_rc" ] || [ "$got_req" != "$want_req" ]; then
		echo "FAIL: $name: exit $rc (want $want_rc), $got_req HTTP" \
		    "requests (want $want_req)"
		sed 's/^/  | /' "$tmp/out" "$tmp/err" | head -20
		fail=1
	fi
}

# Off unless asked: the missing issuer is reported, nothing fetched.
expect off 1 0 leaf-der.pem
has off "FAILED (UNTRUSTED, MISSING_ISSUER)"
has off "caIssuers: $base/ca/int.der"
# The valid twin: the issuer given, nothing to fetch.
expect twin 0 0 --fetch-missing --untrusted int.pem leaf-der.pem
has twin "leaf-der.pem: verified"

# DER certificate and PKCS#7 bundle; --online includes AIA.
expect der 0 1 --fetch-missing leaf-der.pem
has der "leaf-der.pem: verified with a fetched intermediate"
has der "1  CN=Online Int  [fetched from $base/ca/int.der]"
expect p7 0 1 --fetch-missing leaf-p7.pem
has p7 "[fetched from $base/ca/int.p7c]"
# --online also checks revocation (soft): the intermediate's CRL is
# downloaded (a second request) and says good; the leaf names no OCSP
# responder and no CRL, a warning (exit 4).
expect online 4 2 --online leaf-der.pem
has online "verified with a fetched intermediate, with warnings (REVOCATION_UNKNOWN)"
has online "1  CRL: good (not listed)"
# JSON says it per result and per certificate.
expect json 0 1 --fetch-missing -f json leaf-der.pem
has json '"fetched_intermediate": true,'
has json "\"fetched_from\": \"$base/ca/int.der\","
# Two issuers in a row, each fetched once.
expect deep 0 2 --fetch-missing leaf-deep.pem
has deep "2  CN=Online Int  [fetched from $base/ca/int.der]"
# One process, the same URL twice: one request (the memory cache).
expect memory 0 1 --fetch-missing leaf-der.pem leaf-der.pem
# Two URLs (int.der, int.p7c), each fetched once.
expect memory2 0 2 --fetch-missing leaf-der.pem leaf-p7.pem leaf-der.pem \
    leaf-p7.pem

# A loop: a.der's issuer is b.der's subject and back; each URL once.
expect loop 1 2 --fetch-missing leaf-loop.pem
has loop "FAILED (UNTRUSTED)"
# An unrelated certificate changes nothing.
expect unrelated 1 1 --fetch-missing leaf-unrel.pem
has unrelated "FAILED (UNTRUSTED, MISSING_ISSUER)"
# 404, a huge answer, a redirect loop: notes, the same verdict.
expect 404 1 1 --fetch-missing leaf-404.pem
has 404 "caIssuers: $base/ca/none.der: HTTP status 404 [NOTE]"
expect huge 1 1 --fetch-missing leaf-huge.pem
has huge "caIssuers: $base/huge/int.der: answer larger than 65536 bytes"
expect redirect 1 4 --fetch-missing leaf-redir.pem
has redirect "caIssuers: $base/redir/int.der: more than 3 redirects"
# Only http and https are fetched.
expect ldap 1 0 --fetch-missing leaf-ldap.pem
has ldap "caIssuers: ldap://127.0.0.1/cn=x"

# A slow server: the fetch ends at --http-timeout, not at the server.
t0=$(date +%s)
expect slow 1 1 --fetch-missing --http-timeout 1 leaf-slow.pem
t1=$(date +%s)
has slow "caIssuers: $base/slow/int.der: "
if [ $((t1 - t0)) -ge 4 ]; then
	echo "FAIL: slow: took $((t1 - t0)) s with --http-timeout 1"
	fail=1
fi
grep -q "timed out" "$tmp/out" || {
	echo "FAIL: slow: no timeout note"
	fail=1
}

# The disk cache: the second run makes no request, same verdict.
expect cache1 0 1 --fetch-missing --cache-dir "$tmp/cache" leaf-der.pem
cp "$tmp/out" "$tmp/out.first"
expect cache2 0 0 --fetch-missing --cache-dir "$tmp/cache" leaf-der.pem
if ! cmp -s "$tmp/out" "$tmp/out.first"; then
	echo "FAIL: cache2: output differs from the first run"
	fail=1
fi
# ... and without the cache directory it is fetched again.
expect cache3 0 1 --fetch-missing leaf-der.pem
# Cache-Control: no-store (int2.der) is honoured: fetched each run, while
# int.der comes from the cache.
for run in 1 2; do
	expect nostore$run 0 1 --fetch-missing --cache-dir "$tmp/cache" \
	    leaf-deep.pem
	if [ "$(tail -1 "$tmp/log")" != "GET /ca/int2.der 0" ]; then
		echo "FAIL: nostore$run: fetched $(tail -1 "$tmp/log")"
		fail=1
	fi
done
# --jobs: the workers share one cache (two may miss at the same moment).
before=$(requests)
(cd "$tmp" && "$CERTSHOW" verify --cafile root.pem --at "$at" --jobs 2 \
    --fetch-missing leaf-p7.pem leaf-p7.pem leaf-p7.pem leaf-p7.pem) \
    >"$tmp/out" 2>"$tmp/err"
rc=$? got=$(($(requests) - before))
if [ $rc != 0 ] || [ $got -lt 1 ] || [ $got -gt 2 ]; then
	echo "FAIL: jobs: exit $rc (want 0), $got requests (want 1 or 2)"
	fail=1
fi

# certshow HOST: a server that sends only its leaf. Fetched, verified;
# the served-chain analysis still says the server misses it.
server=${TEST_BUILDDIR:-.}/tests/e2e/tls-server
if [ -x "$server" ]; then
	"$server" --chain "$tmp/leaf-bench.pem" --key "$tmp/leaf-bench.key" \
	    >"$tmp/sport" 2>/dev/null &
	spid=$!
	i=0
	while [ ! -s "$tmp/sport" ] && [ $i -lt 100 ]; do
		i=$((i + 1))
		sleep 0.1
	done
	sport=$(head -1 "$tmp/sport")
	for mode in off on; do
		want=1 want_req=0 opt=
		if [ $mode = on ]; then
			want=0 want_req=1 opt=--fetch-missing
		fi
		before=$(requests)
		# shellcheck disable=SC2086
		"$CERTSHOW" --cafile "$tmp/root.pem" --host online.test \
		    --at "$at" $opt "127.0.0.1:$sport" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		got_req=$(($(requests) - before))
		if [ $rc != $want ] || [ "$got_req" != "$want_req" ]; then
			echo "FAIL: connect $mode: exit $rc (want $want)," \
			    "$got_req requests (want $want_req)"
			sed 's/^/  | /' "$tmp/err" | head
			fail=1
		fi
		has "connect $mode" "[MISSING_INTERMEDIATE] missing intermediate"
	done
	has "connect on" "tls:127.0.0.1:$sport: verified with a fetched intermediate"
	kill "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null
fi

# Option errors are usage errors.
expect badtimeout 2 0 --http-timeout 0 leaf-der.pem
expect badtimeout2 2 0 --http-timeout abc leaf-der.pem
"$CERTSHOW" --fetch-missing --http-timeout -1 127.0.0.1 >/dev/null 2>&1
rc=$?
if [ $rc != 2 ]; then
	echo "FAIL: certshow HOST --http-timeout -1: exit $rc (want 2)"
	fail=1
fi

exit $fail
