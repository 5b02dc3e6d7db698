#!/bin/sh
# cli-scan-opts.sh - the connection, revocation and trust options of
# 'certshow scan' (those of 'certshow HOST'): -4/-6 against servers on
# 127.0.0.1 and ::1, --alpn, --tls1.2/--tls1.3, live OCSP through
# tests/e2e/httpd.py with one HTTP cache for every connection (counted at
# the responder), --revocation soft/hard, and --compare-trust with two
# stores that disagree. Loopback only; verification time pinned.
set -u

: "${TEST_DATA_DIR:?}" "${TEST_BUILDDIR:?}" "${CERTSHOW:?}"
: "${TEST_SRCDIR:?}"
D=$TEST_DATA_DIR
SERVER=$TEST_BUILDDIR/tests/e2e/tls-server
if [ ! -x "$SERVER" ] || [ ! -x "$CERTSHOW" ]; then
	echo "SKIP: no test server or no certshow binary"; exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP: python3 is needed to read the JSON Lines"; exit 77
fi
AT=2050-01-01T00:00:00Z
KEY=$D/keys/leaf.key
ROOT=$D/chains/ca-root.pem
VALID=$D/chains/chain-valid.pem
SCAN="$CERTSHOW scan --at $AT --timeout 5"

# $tmp, the cleanup of every pid in $pids, httpd_start and requests.
. "$TEST_SRCDIR/tests/e2e/online-lib.sh"
online_setup cli-scan-opts

fails=0
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); echo "FAIL $n - $1"; fails=$((fails + 1)); }

# tls_start NAME ARGS...: a tls-server in the background, its port in
# $NAME; 1 when it cannot start (e.g. no ::1).
. "$TEST_SRCDIR/tests/e2e/server-lib.sh"

# jq_check FILE PYTHON-EXPRESSION...: each expression true of the jsonl
# lines (a list `L` of objects, in line order of the target file).
jq_check() {
	f=$1
	shift
	python3 - "$f" "$@" <<'PY'
import json, sys
L = [json.loads(x) for x in open(sys.argv[1])]
L.sort(key=lambda o: o["line"])
bad = 0
for e in sys.argv[2:]:
    if not eval(e):
        print("  false: %s" % e)
        bad = 1
if bad:
    for o in L:
        o.pop("result", None)
        print("  | %s" % json.dumps(o))
sys.exit(bad)
PY
}

# check NAME WANT_RC RC FILE EXPR...
check() {
	cname=$1 want=$2 got=$3 file=$4
	shift 4
	if [ "$got" = "$want" ] && jq_check "$file" "$@"; then
		ok "$cname"
	else
		fail "$cname (exit $got, want $want)"
		head -n 3 "$tmp/err" 2>/dev/null
	fi
}

tls_start V4 --chain "$VALID" --key "$KEY" || { echo "FAIL: no server"; exit 1; }

# --- -4 / -6 ------------------------------------------------------------
$SCAN --cafile "$ROOT" -4 "127.0.0.1:$V4 sni=www.example.com" \
    > "$tmp/o" 2> "$tmp/err"
check "-4, server on 127.0.0.1: ok" 0 $? "$tmp/o" \
    'L[0]["status"] == "ok" and L[0]["address"] == "127.0.0.1"'
# A family mismatch that needs no resolver: glibc refuses an IPv4
# literal asked for as IPv6 by itself (other C libraries may ask DNS).
GLIBC=0
getconf GNU_LIBC_VERSION >/dev/null 2>&1 && GLIBC=1
if [ $GLIBC = 1 ]; then
	$SCAN --cafile "$ROOT" -6 "127.0.0.1:$V4 sni=www.example.com" \
	    > "$tmp/o" 2> "$tmp/err"
	check "-6, IPv4 literal: error DNS" 3 $? "$tmp/o" \
	    'L[0]["status"] == "error" and L[0]["reason"] == "DNS"' \
	    'L[0]["address"] is None and L[0]["result"] is None'
fi
if tls_start V6 --addr ::1 --chain "$VALID" --key "$KEY"; then
	$SCAN --cafile "$ROOT" -6 "[::1]:$V6 sni=www.example.com" \
	    > "$tmp/o" 2> "$tmp/err"
	check "-6, server on ::1: ok" 0 $? "$tmp/o" \
	    'L[0]["status"] == "ok" and L[0]["address"] == "::1"'
	if [ $GLIBC = 1 ]; then
		$SCAN --cafile "$ROOT" -4 "[::1]:$V6 sni=www.example.com" \
		    > "$tmp/o" 2> "$tmp/err"
		check "-4, IPv6 literal: error DNS" 3 $? "$tmp/o" \
		    'L[0]["status"] == "error" and L[0]["reason"] == "DNS"'
	fi
else
	echo "ok - -6 on ::1 # SKIP $(cat "$tmp/V6.err")"
fi

# --- --alpn -----------------------------------------------------------
tls_start H2 --chain "$VALID" --key "$KEY" --alpn h2 || exit 1
$SCAN --cafile "$ROOT" --alpn h2,http/1.1 \
    "127.0.0.1:$H2 sni=www.example.com" > "$tmp/o" 2> "$tmp/err"
check "--alpn h2,http/1.1: h2 negotiated" 0 $? "$tmp/o" \
    'L[0]["status"] == "ok" and L[0]["tls"]["alpn"] == "h2"'
$SCAN --cafile "$ROOT" "127.0.0.1:$H2 sni=www.example.com" \
    > "$tmp/o" 2> "$tmp/err"
check "no --alpn: none negotiated" 0 $? "$tmp/o" \
    'L[0]["status"] == "ok" and L[0]["tls"]["alpn"] is None'
$SCAN --alpn h2,,x 127.0.0.1:1 > /dev/null 2> "$tmp/err"
rc=$?
if [ $rc = 2 ] && grep -q "invalid --alpn 'h2,,x'" "$tmp/err"; then
	ok "--alpn h2,,x: usage error"
else
	fail "--alpn h2,,x: exit $rc"
fi

# --- --tls1.2 / --tls1.3 ----------------------------------------------
tls_start T13 --chain "$VALID" --key "$KEY" --tls13 || exit 1
$SCAN --cafile "$ROOT" --tls1.2 "127.0.0.1:$T13 sni=www.example.com" \
    > "$tmp/o" 2> "$tmp/err"
check "--tls1.2 against a TLS 1.3-only server: error ALERT" 3 $? \
    "$tmp/o" 'L[0]["status"] == "error" and L[0]["reason"] == "ALERT"' \
    'L[0]["error"] == "ALERT" and "alert" in L[0]["message"]'
$SCAN --cafile "$ROOT" --tls1.3 "127.0.0.1:$T13 sni=www.example.com" \
    > "$tmp/o" 2> "$tmp/err"
check "--tls1.3 against it: ok, TLS1.3" 0 $? "$tmp/o" \
    'L[0]["status"] == "ok" and L[0]["tls"]["version"] == "TLS1.3"'
$SCAN --tls1.2 --tls1.3 127.0.0.1:1 > /dev/null 2> "$tmp/err"
rc=$?
if [ $rc = 2 ] && grep -q "exclude each other" "$tmp/err"; then
	ok "--tls1.2 --tls1.3: usage error"
else
	fail "--tls1.2 --tls1.3: exit $rc"
fi

# --- --compare-trust ----------------------------------------------------
tls_start EXP --chain "$D/chains/chain-leaf-expired.pem" --key "$KEY" || exit 1
printf '%s\n' "127.0.0.1:$V4 sni=www.example.com" \
    "127.0.0.1:$EXP sni=www.example.com" "[127.0.0.1:1" > "$tmp/cmp.txt"
CMP="--cafile $ROOT --compare-trust test=$ROOT
    --compare-trust other=$D/chains/ca-root-b.pem"
$SCAN $CMP -i "$tmp/cmp.txt" > "$tmp/o" 2> "$tmp/err"
check "--compare-trust: one status per store" 3 $? "$tmp/o" \
    'len(L) == 3' \
    'L[0]["status"] == "ok" and L[0]["trust"]["test"] == {"status": "ok", "flags": []}' \
    'L[0]["trust"]["other"] == {"status": "failed", "flags": ["UNTRUSTED", "MISSING_ISSUER"]}' \
    'L[1]["status"] == "failed" and L[1]["trust"]["test"] == {"status": "failed", "flags": ["EXPIRED"]}' \
    'L[1]["trust"]["other"]["status"] == "failed"' \
    'L[2]["status"] == "error" and L[2]["trust"]["other"] == {"status": "error", "flags": []}' \
    'list(L[0]["trust"]) == ["test", "other"]'
$SCAN $CMP -f text -i "$tmp/cmp.txt" > "$tmp/sum" 2> "$tmp/err"
if tr -s ' ' < "$tmp/sum" | grep -Fxq " STATUS test other" &&
    tr -s ' ' < "$tmp/sum" | grep -Fxq " ok 1 0" &&
    tr -s ' ' < "$tmp/sum" | grep -Fxq " failed 1 2" &&
    tr -s ' ' < "$tmp/sum" | grep -Fxq " error 1 1"; then
	ok "--compare-trust: summary, one column per store"
else
	fail "--compare-trust summary"; cat "$tmp/sum"
fi
$SCAN $CMP -f csv -i "$tmp/cmp.txt" > "$tmp/csv" 2> "$tmp/err"
python3 - "$tmp/csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert list(rows[0].keys())[-2:] == ["test", "other"], rows[0].keys()
got = sorted((r["line"], r["status"], r["test"], r["other"]) for r in rows)
assert got == [("1", "ok", "ok", "failed"), ("2", "failed", "failed", "failed"),
               ("3", "error", "error", "error")], got
PY
if [ $? = 0 ]; then ok "--compare-trust: csv, one column per store"; else fail "--compare-trust csv"; fi
# --merge reads the "trust" members back: the merged summary is the live
# one (the same per-store table), the HTML report one column per store.
$SCAN $CMP -i "$tmp/cmp.txt" > "$tmp/cmp.jsonl" 2> "$tmp/err"
head -n 1 "$tmp/cmp.jsonl" > "$tmp/cmp-a.jsonl"
tail -n +2 "$tmp/cmp.jsonl" > "$tmp/cmp-b.jsonl"
$CERTSHOW scan --merge "$tmp/cmp-a.jsonl" "$tmp/cmp-b.jsonl" \
    > "$tmp/msum" 2> "$tmp/err"
rc=$?
if [ $rc = 3 ] && grep -q "^Trust stores:" "$tmp/msum" &&
    sed -n '/^Trust stores:/,/^$/p' "$tmp/sum" > "$tmp/live.t" &&
    sed -n '/^Trust stores:/,/^$/p' "$tmp/msum" > "$tmp/merged.t" &&
    cmp -s "$tmp/live.t" "$tmp/merged.t" && cmp -s "$tmp/sum" "$tmp/msum"
then
	ok "--merge with --compare-trust: the live summary's per-store table"
else
	fail "--merge with --compare-trust (exit $rc)"
	diff "$tmp/sum" "$tmp/msum"; cat "$tmp/err"
fi
$CERTSHOW scan --at $AT --merge -f html "$tmp/cmp.jsonl" > "$tmp/cmp.html" \
    2> "$tmp/err"
rc=$?
python3 - "$tmp/cmp.html" "127.0.0.1:$V4 sni=www.example.com" \
    "127.0.0.1:$EXP sni=www.example.com" <<'PY'
import re, sys
h = open(sys.argv[1]).read()
head = re.search(r"<thead><tr>(.*?)</tr></thead>", h).group(1)
assert re.findall(r"<th[^>]*>([^<]*)</th>", head)[-2:] == ["test", "other"], head
got = {}
for t, rest in re.findall(r"<tr><td>([^<]*)</td>(.*?)</tr>", h):
    got[t] = re.findall(r"<td[^>]*>([^<]*)</td>", rest)[-2:]
want = {sys.argv[2]: ["ok", "failed"], sys.argv[3]: ["failed", "failed"],
        "[127.0.0.1:1": ["error", "error"]}
assert got == want, got
PY
prc=$?
if [ $rc = 3 ] && [ $prc = 0 ]; then
	ok "--merge -f html: one column per store, exact statuses"
else
	fail "--merge -f html with stores (exit $rc)"
fi
printf '%s\n' "127.0.0.1:$V4 sni=www.example.com" > "$tmp/one.txt"
$SCAN --cafile "$ROOT" -i "$tmp/one.txt" > "$tmp/plain.jsonl" 2> "$tmp/err"
$CERTSHOW scan --merge "$tmp/cmp.jsonl" "$tmp/plain.jsonl" > /dev/null \
    2> "$tmp/err"
rc=$?
if [ $rc = 3 ] && grep -q "plain.jsonl:1: .*other --compare-trust stores" \
    "$tmp/err"; then
	ok "--merge of runs with other stores: exit 3 with the line"
else
	fail "--merge of runs with other stores: exit $rc"; cat "$tmp/err"
fi
$SCAN --compare-trust nosource 127.0.0.1:1 > /dev/null 2> "$tmp/err"
rc=$?
if [ $rc = 2 ] && grep -q "invalid --compare-trust 'nosource'" "$tmp/err"
then
	ok "--compare-trust without SOURCE: usage error"
else
	fail "--compare-trust without SOURCE: exit $rc"
fi

# --- --untrusted, --crl, --purpose (as 'certshow HOST') -------------------
tls_start MISS --chain "$D/chains/chain-missing-int.pem" --key "$KEY" || exit 1
$SCAN --cafile "$ROOT" "127.0.0.1:$MISS sni=www.example.com" \
    > "$tmp/o" 2> "$tmp/err"
check "no --untrusted, leaf without its intermediate: failed" 1 $? \
    "$tmp/o" 'L[0]["status"] == "failed"' \
    'L[0]["flags"] == ["UNTRUSTED", "MISSING_ISSUER"]'
$SCAN --cafile "$ROOT" --untrusted "$D/chains/ca-int.pem" \
    "127.0.0.1:$MISS sni=www.example.com" "127.0.0.1:$V4 sni=www.example.com" \
    > "$tmp/o" 2> "$tmp/err"
check "--untrusted: the intermediate for every target, both ok" 0 $? \
    "$tmp/o" 'len(L) == 2' \
    'all(o["status"] == "ok" and o["flags"] == [] for o in L)' \
    'len(L[0]["result"]["path"]) == 3'
C=$D/chains-crl
tls_start CGOOD --chain "$C/chain-good.pem" --key "$C/keys/leaf-good.key" ||
    exit 1
tls_start CREV --chain "$C/chain-revoked.pem" --key "$C/keys/leaf-revoked.key" ||
    exit 1
printf '%s\n' "127.0.0.1:$CGOOD sni=www.example.com" \
    "127.0.0.1:$CREV sni=www.example.com" > "$tmp/crl.txt"
$SCAN --cafile "$C/root.pem" -i "$tmp/crl.txt" > "$tmp/o" 2> "$tmp/err"
check "no --crl: the revoked leaf verifies" 0 $? "$tmp/o" \
    'len(L) == 2 and all(o["status"] == "ok" for o in L)'
$SCAN --cafile "$C/root.pem" --crl "$C/int.crl.pem" --crl "$C/root.crl.pem" \
    -i "$tmp/crl.txt" > "$tmp/o" 2> "$tmp/err"
check "--crl (twice): the good leaf ok, the revoked one failed REVOKED" 1 \
    $? "$tmp/o" 'len(L) == 2' \
    'L[0]["status"] == "ok" and L[0]["flags"] == []' \
    'L[1]["status"] == "failed" and L[1]["reason"] == "REVOKED"' \
    'L[1]["flags"] == ["REVOKED"]' \
    'L[1]["result"]["path"][0]["revocation"]["status"] == "revoked"'
$SCAN --cafile "$C/root.pem" --crl "$tmp/none.crl" -i "$tmp/crl.txt" \
    > "$tmp/o" 2> "$tmp/err"
rc=$?
if [ $rc = 3 ] && grep -q "none.crl" "$tmp/err" && [ ! -s "$tmp/o" ]; then
	ok "--crl of a missing file: operational error, no scan"
else
	fail "--crl of a missing file: exit $rc"
fi
tls_start CLI --chain "$D/chains/chain-clientauth.pem" --key "$KEY" || exit 1
$SCAN --cafile "$ROOT" "127.0.0.1:$CLI sni=www.example.com" \
    > "$tmp/o" 2> "$tmp/err"
check "clientAuth-only leaf, default purpose server: failed" 1 $? \
    "$tmp/o" 'L[0]["status"] == "failed"' \
    'L[0]["flags"] == ["EXT_KEY_USAGE"]'
$SCAN --cafile "$ROOT" --purpose client "127.0.0.1:$CLI sni=www.example.com" \
    > "$tmp/o" 2> "$tmp/err"
check "--purpose client: the same leaf ok" 0 $? "$tmp/o" \
    'L[0]["status"] == "ok" and L[0]["flags"] == []'
$SCAN --purpose nosuch 127.0.0.1:1 > /dev/null 2> "$tmp/err"
rc=$?
if [ $rc = 2 ] && grep -q "unknown --purpose 'nosuch'" "$tmp/err"; then
	ok "--purpose nosuch: usage error"
else
	fail "--purpose nosuch: exit $rc"
fi

# --- Online revocation: live OCSP, one HTTP cache ----------------------
if ! python3 -c 'import cryptography' 2>/dev/null; then
	echo "ok - OCSP # SKIP no python3 cryptography"
	echo "$n tests, $fails failed"
	[ $fails = 0 ]
	exit
fi
httpd_start
down=http://127.0.0.1:$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')
python3 "$TEST_SRCDIR/tests/e2e/ocsp-pki.py" "$base" "$tmp" "$down" || exit 99
tls_start GOOD --chain "$tmp/chain-good.pem" --key "$tmp/leaf-good.key" || exit 1
tls_start REV --chain "$tmp/chain-revoked.pem" --key "$tmp/leaf-revoked.key" ||
    exit 1
tls_start DOWN --chain "$tmp/chain-down.pem" --key "$tmp/leaf-down.key" || exit 1
: > "$tmp/ocsp.txt"
for k in 1 2 3 4 5 6; do
	echo "127.0.0.1:$GOOD sni=good.example.test" >> "$tmp/ocsp.txt"
done
for k in 1 2 3; do
	echo "127.0.0.1:$REV sni=revoked.example.test" >> "$tmp/ocsp.txt"
done
OSCAN="$SCAN --cafile $tmp/root.pem -j 8 --per-address 1"

# Off unless asked: no request, the revoked leaf verifies.
: > "$tmp/log"
$OSCAN -i "$tmp/ocsp.txt" > "$tmp/o" 2> "$tmp/err"
rc=$?
reqs=$(requests)
check "no --ocsp: no request, all ok" 0 $rc "$tmp/o" \
    'len(L) == 9 and all(o["status"] == "ok" for o in L)' "$reqs == 0"

# Eight workers, one cache: each responder is asked once (per-address 1
# makes each target on a server start after the one before ended; with
# a cache per worker the later ones would ask again).
: > "$tmp/log"
$OSCAN --ocsp=leaf -i "$tmp/ocsp.txt" > "$tmp/o" 2> "$tmp/err"
rc=$?
good=$(grep -c "^GET /ocsp/good/" "$tmp/log")
revk=$(grep -c "^GET /ocsp/revoked/" "$tmp/log")
all=$(requests)
check "--ocsp=leaf, 9 targets, 8 workers: exact statuses" 1 $rc "$tmp/o" \
    'len(L) == 9' \
    'all(o["status"] == "ok" for o in L[:6])' \
    'all(o["status"] == "failed" and o["flags"] == ["REVOKED"] for o in L[6:])' \
    'L[6]["result"]["path"][0]["revocation"]["status"] == "revoked"' \
    'L[0]["result"]["path"][0]["revocation"]["source"] == "ocsp"'
if [ "$good" = 1 ] && [ "$revk" = 1 ] && [ "$all" = 2 ]; then
	ok "one HTTP cache for all workers: 2 OCSP requests for 9 targets"
else
	fail "shared HTTP cache: $good good, $revk revoked, $all in all"
	cat "$tmp/log"
fi

# An unreachable responder: soft (the default online) warns, hard fails.
$OSCAN --ocsp=leaf "127.0.0.1:$DOWN sni=down.example.test" > "$tmp/o" \
    2> "$tmp/err"
check "--revocation soft (default), responder down: warning" 4 $? \
    "$tmp/o" 'L[0]["status"] == "warning"' \
    'L[0]["reason"] == "REVOCATION_UNKNOWN" and L[0]["flags"] == []'
$OSCAN --ocsp=leaf --revocation hard "127.0.0.1:$DOWN sni=down.example.test" \
    > "$tmp/o" 2> "$tmp/err"
check "--revocation hard, responder down: failed" 1 $? "$tmp/o" \
    'L[0]["status"] == "failed"' \
    'L[0]["flags"] == ["REVOCATION_UNKNOWN"]'

# --- --lint ----------------------------------------------------------------
# data/lint/'s fixtures share one key and are issued by ca-clean.pem: the
# clean leaf has no finding, validity-too-long.pem one error and
# serial-low-entropy.pem one warning; all three verify (status ok), so
# only --lint's findings change the exit status.
LK=$D/lint/keys/leaf.key
tls_start LCLEAN --chain "$D/lint/leaf-clean.pem" --key "$LK" || exit 1
tls_start LLONG --chain "$D/lint/validity-too-long.pem" --key "$LK" || exit 1
tls_start LLOW --chain "$D/lint/serial-low-entropy.pem" --key "$LK" || exit 1
LSCAN="$CERTSHOW scan --at 2024-06-01T00:00:00Z --timeout 5
    --cafile $D/lint/ca-clean.pem"
T_CLEAN="127.0.0.1:$LCLEAN sni=www.example.com"
T_LONG="127.0.0.1:$LLONG sni=www.example.com"
T_LOW="127.0.0.1:$LLOW sni=www.example.com"
$LSCAN --lint -f jsonl "$T_CLEAN" "$T_LONG" "$T_LOW" ":1" > "$tmp/lint.jsonl" \
    2> "$tmp/err"
check "--lint jsonl: exact counts and ids per target, error wins (3)" 3 $? \
    "$tmp/lint.jsonl" 'len(L) == 4' \
    '[o["status"] for o in L] == ["ok", "ok", "ok", "error"]' \
    '[(o["lint"]["errors"], o["lint"]["warnings"], o["lint"]["notices"]) for o in L[:3]] == [(0, 0, 0), (1, 0, 0), (0, 1, 0)]' \
    '[[f["id"] for f in o["lint"]["findings"]] for o in L[:3]] == [[], ["validity-too-long"], ["serial-low-entropy"]]' \
    'L[1]["lint"]["findings"][0]["severity"] == "error" and L[1]["lint"]["findings"][0]["certificate"] == 0' \
    '"lint" not in L[3] and L[3]["reason"] == "MALFORMED"' \
    'L[1]["result"]["lint"]["findings"] == L[1]["lint"]["findings"]' \
    'list(L[1])[-2:] == ["lint", "result"]'
$LSCAN --lint "$T_CLEAN" "$T_LONG" > "$tmp/o" 2> "$tmp/err"
check "--lint: lint error, every target ok: exit 1" 1 $? "$tmp/o" \
    '[o["lint"]["errors"] for o in L] == [0, 1]'
$LSCAN --lint "$T_CLEAN" "$T_LOW" > "$tmp/o" 2> "$tmp/err"
check "--lint: lint warning only: exit 4" 4 $? "$tmp/o" \
    '[o["status"] for o in L] == ["ok", "ok"]'
$LSCAN "$T_CLEAN" "$T_LONG" "$T_LOW" > "$tmp/o" 2> "$tmp/err"
check "without --lint: no lint member, exit 0" 0 $? "$tmp/o" \
    'all("lint" not in o and "lint" not in o["result"] for o in L)'

$LSCAN --lint -f csv "$T_CLEAN" "$T_LONG" ":1" > "$tmp/o.csv" 2> "$tmp/err"
rc=$?
python3 - "$tmp/o.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
assert rows[0][-2:] == ["lint_errors", "lint_warnings"], rows[0]
got = sorted((r[2], r[5], r[-2], r[-1]) for r in rows[1:])
assert got == [("1", "ok", "0", "0"), ("2", "ok", "1", "0"),
               ("3", "error", "", "")], got
assert all(len(r) == len(rows[0]) for r in rows), rows
PY
if [ $? = 0 ] && [ $rc = 3 ]; then
	ok "--lint csv: lint_errors, lint_warnings columns"
else
	fail "--lint csv (exit $rc)"; cat "$tmp/o.csv"
fi
$LSCAN -f csv "$T_CLEAN" > "$tmp/o.csv" 2> "$tmp/err"
if ! grep -q lint "$tmp/o.csv" && [ "$(wc -l < "$tmp/o.csv")" = 2 ]; then
	ok "csv without --lint: no lint column"
else
	fail "csv without --lint"; cat "$tmp/o.csv"
fi

printf '%s\n' "Lint: 3 targets linted, 1 with errors, 1 with warnings" \
    "  FINDING                        COUNT" \
    "  serial-low-entropy                 1" \
    "  validity-too-long                  1" > "$tmp/lint-want"
$LSCAN --lint -f text "$T_CLEAN" "$T_LONG" "$T_LOW" > "$tmp/sum" 2> "$tmp/err"
rc=$?
sed -n '/^Lint:/,$p' "$tmp/sum" > "$tmp/lint-got"
if [ $rc = 1 ] && cmp -s "$tmp/lint-want" "$tmp/lint-got"; then
	ok "--lint text: the Lint block"
else
	fail "--lint text (exit $rc)"; cat "$tmp/sum"
fi
$LSCAN -f text "$T_CLEAN" "$T_LONG" > "$tmp/sum" 2> "$tmp/err"
rc=$?
if [ $rc = 0 ] && ! grep -q "^Lint" "$tmp/sum"; then
	ok "text without --lint: no Lint block"
else
	fail "text without --lint (exit $rc)"; cat "$tmp/sum"
fi
# --merge: the block from the lines' "lint" members; the error target
# (not linted) keeps the exit status 3.
"$CERTSHOW" scan --merge "$tmp/lint.jsonl" > "$tmp/sum" 2> "$tmp/err"
rc=$?
sed -n '/^Lint:/,$p' "$tmp/sum" > "$tmp/lint-got"
if [ $rc = 3 ] && cmp -s "$tmp/lint-want" "$tmp/lint-got"; then
	ok "--merge of --lint lines: the Lint block"
else
	fail "--merge of --lint lines (exit $rc)"; cat "$tmp/sum" "$tmp/err"
fi
$LSCAN --lint -f html "$T_CLEAN" "$T_LONG" > "$tmp/o.html" 2> "$tmp/err"
rc=$?
if [ $rc = 1 ] && grep -q "<th>lint</th>" "$tmp/o.html" &&
    grep -q '<td class="failed">1 error, 0 warnings</td>' "$tmp/o.html" &&
    grep -q '<td class="ok">0 errors, 0 warnings</td>' "$tmp/o.html"; then
	ok "--lint html: a lint column"
else
	fail "--lint html (exit $rc)"
fi
$LSCAN -f html "$T_CLEAN" > "$tmp/o.html" 2> "$tmp/err"
if ! grep -q "<th>lint</th>" "$tmp/o.html"; then
	ok "html without --lint: no lint column"
else
	fail "html without --lint"
fi

echo "$n tests, $fails failed"
[ $fails = 0 ]
