#!/bin/sh
# cli-lint.sh - 'certshow lint' end to end: the exit code for clean input
# (0), warnings only (4), errors (1), unreadable input (3) and usage
# errors (2); every fixture of data/lint/ gives exactly the findings that
# data/lint/expected.txt lists; JSON output parses; 'dump --lint' and
# 'verify --lint' and 'connect --lint' (loopback test server): findings,
# exit status precedence (3 > 1 > 4 > 0) and the findings inside one JSON
# document.
set -u
: "${CERTSHOW:?}" "${TEST_DATA_DIR:?}"
D=$TEST_DATA_DIR/lint
NOW=--at=2024-06-01T00:00:00Z
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cli-lint.XXXXXX") || exit 99
SPID=""
stop_server()
{
	if [ -n "$SPID" ]; then
		kill "$SPID" 2>/dev/null
		wait "$SPID" 2>/dev/null
		SPID=""
	fi
}
trap 'stop_server; rm -rf "$TMP"' EXIT INT TERM
fail=0

bad()
{
	echo "FAIL: $*"
	fail=1
}

# expect RC CMD...: exit code only; output in $TMP/out, $TMP/err.
expect()
{
	want=$1
	shift
	"$@" > "$TMP/out" 2> "$TMP/err"
	rc=$?
	[ "$rc" -eq "$want" ] || bad "$*: exit $rc, want $want"
}

expect 0 "$CERTSHOW" lint "$NOW" "$D/leaf-clean.pem" "$D/ca-clean.pem"
[ "$(tail -n 1 "$TMP/out")" = "2 certificates: 0 errors, 0 warnings, 0 notices" ] ||
    bad "clean summary: $(tail -n 1 "$TMP/out")"
expect 4 "$CERTSHOW" lint "$NOW" "$D/expires-soon.pem"
grep -q '^\[0\] .*expires-soon.pem: warning expires-soon: expires in 14 days' "$TMP/out" ||
    bad "expires-soon line missing"
expect 0 "$CERTSHOW" lint "$NOW" --warn-days 10 "$D/expires-soon.pem"
expect 1 "$CERTSHOW" lint "$NOW" "$D/sig-sha1.pem"
expect 1 "$CERTSHOW" lint "$NOW" "$D/expires-soon.pem" "$D/sig-sha1.pem"
expect 0 "$CERTSHOW" lint "$NOW" --profile rfc5280 "$D/validity-too-long.pem"
expect 1 "$CERTSHOW" lint --at=2026-01-01T00:00:00Z "$D/leaf-clean.pem"
grep -q 'error expired:' "$TMP/out" || bad "expired at 2026"
# Malformed DER is linted, not refused.
expect 1 "$CERTSHOW" lint "$NOW" "$D/der-length-indefinite.pem"
grep -q 'error der-length-indefinite: indefinite length at offset 4 (X.690 10.1)$' \
    "$TMP/out" || bad "indefinite length finding"
# Unreadable input: 3, even with findings in other files.
expect 3 "$CERTSHOW" lint "$NOW" "$TMP/missing.pem"
printf 'not a certificate\n' > "$TMP/junk.txt"
expect 3 "$CERTSHOW" lint "$NOW" "$TMP/junk.txt" "$D/sig-sha1.pem"
grep -q 'junk.txt: no certificate' "$TMP/err" || bad "junk: $(cat "$TMP/err")"
# Usage errors.
expect 2 "$CERTSHOW" lint
expect 2 "$CERTSHOW" lint --format python "$D/leaf-clean.pem"
expect 2 "$CERTSHOW" lint --at yesterday "$D/leaf-clean.pem"
expect 2 "$CERTSHOW" lint --warn-days x "$D/leaf-clean.pem"
# Standard input.
"$CERTSHOW" lint "$NOW" - < "$D/serial-zero.pem" > "$TMP/out" 2>&1
[ $? -eq 1 ] && grep -q '^\[0\] -: error serial-zero:' "$TMP/out" ||
    bad "stdin: $(cat "$TMP/out")"

# dump --lint: the dump on stdout, findings on stderr, lint's exit code.
expect 0 "$CERTSHOW" dump --lint "$NOW" "$D/leaf-clean.pem"
expect 1 "$CERTSHOW" dump --lint "$NOW" "$D/sig-sha1.pem"
grep -q 'error sig-sha1:' "$TMP/err" || bad "dump --lint stderr"
# A UTF-8 file name stays UTF-8 in JSON (not one \u00XX per byte).
cp "$D/expires-soon.pem" "$TMP/café.pem"
expect 4 "$CERTSHOW" lint -f json "$NOW" "$TMP/café.pem"
grep -q '"source": "[^"]*/café.pem"' "$TMP/out" ||
    bad "lint -f json: UTF-8 source name not kept: $(grep source "$TMP/out")"
expect 4 "$CERTSHOW" dump --lint -f json "$NOW" "$D/expires-soon.pem"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/out" 2>/dev/null ||
    ! command -v python3 >/dev/null || bad "dump --lint -f json: stdout is not JSON"

# dump --lint: exit status for errors and warnings in several inputs, and
# an unreadable input (3) over both.
expect 1 "$CERTSHOW" dump --lint "$NOW" "$D/expires-soon.pem" "$D/sig-sha1.pem"
expect 3 "$CERTSHOW" dump --lint "$NOW" "$D/sig-sha1.pem" "$TMP/missing.pem"
expect 4 "$CERTSHOW" dump --lint -f pem "$NOW" "$D/expires-soon.pem"
grep -q '^-----BEGIN CERTIFICATE-----$' "$TMP/out" || bad "dump --lint -f pem stdout"
grep -q 'warning expires-soon:' "$TMP/err" || bad "dump --lint -f pem stderr"

# verify --lint. Exit status: 3 over 1 over 4 over 0, where 1 is a failed
# verification or a lint error and 4 lint warnings only.
AT=--at=2024-06-01T00:00:00Z
CA="--cafile $D/ca-clean.pem"
expect 0 "$CERTSHOW" verify "$AT" $CA --lint "$D/leaf-clean.pem"
grep -q '^\[0\] .*leaf-clean.pem: no findings$' "$TMP/err" || bad "verify --lint clean: $(cat "$TMP/err")"
expect 4 "$CERTSHOW" verify "$AT" $CA --lint "$D/expires-soon.pem"
# The result on stdout (the short report, whose last line is the
# verdict), the findings on stderr.
grep -q '^File: .*expires-soon.pem (' "$TMP/out" &&
    [ "$(tail -n 1 "$TMP/out")" = "Verdict: verified" ] ||
    bad "verify --lint: result on stdout"
grep -q '^\[0\] .*expires-soon.pem: warning expires-soon: expires in 14 days' "$TMP/err" ||
    bad "verify --lint: finding on stderr"
expect 0 "$CERTSHOW" verify "$AT" $CA "$D/expires-soon.pem"
# Verified, but a lint error: 1.
expect 1 "$CERTSHOW" verify "$AT" $CA --lint "$D/validity-too-long.pem"
[ "$(tail -n 1 "$TMP/out")" = "Verdict: verified" ] ||
    bad "validity-too-long verifies"
grep -q 'error validity-too-long:' "$TMP/err" || bad "validity-too-long finding"
# --profile rfc5280 lints without the Baseline Requirements rules.
expect 0 "$CERTSHOW" verify "$AT" $CA --profile rfc5280 --lint "$D/validity-too-long.pem"
# Failed verification with lint warnings only: 1, whatever the order.
expect 1 "$CERTSHOW" verify "$AT" $CA --host other.example --lint "$D/expires-soon.pem"
expect 1 "$CERTSHOW" verify "$AT" $CA --lint "$D/expires-soon.pem" "$D/sig-sha1.pem"
expect 1 "$CERTSHOW" verify "$AT" $CA --lint "$D/sig-sha1.pem" "$D/expires-soon.pem"
expect 1 "$CERTSHOW" verify "$AT" $CA --lint "$D/expires-soon.pem" "$D/expired.pem"
# An unreadable FILE: 3 over everything, in either order.
expect 3 "$CERTSHOW" verify "$AT" $CA --lint "$D/expires-soon.pem" "$TMP/missing.pem"
expect 3 "$CERTSHOW" verify "$AT" $CA --lint "$TMP/missing.pem" "$D/sig-sha1.pem"

# verify --lint -f json: one document, a "lint" member per result with
# exactly the expected findings; an intermediate from --untrusted is
# linted as "path #1", the trust anchor is not.
if command -v python3 >/dev/null 2>&1; then
	C=$TEST_DATA_DIR/chains
	expect 1 "$CERTSHOW" verify "$AT" $CA --lint -f json "$D/expires-soon.pem" \
	    "$D/leaf-clean.pem" "$D/validity-too-long.pem"
	python3 - "$TMP/out" <<'PY' || bad "verify --lint -f json: $(cat "$TMP/out")"
import json, sys
d = json.load(open(sys.argv[1]))
assert list(d) == ["format_version", "results"], list(d)
got = [(r["source"].rsplit("/", 1)[1], r["verified"],
        [(f["id"], f["severity"], f["certificate"]) for f in r["lint"]["findings"]],
        len(r["lint"]["certificates"])) for r in d["results"]]
want = [("expires-soon.pem", True, [("expires-soon", "warning", 0)], 1),
        ("leaf-clean.pem", True, [], 1),
        ("validity-too-long.pem", True, [("validity-too-long", "error", 0)], 1)]
assert got == want, got
assert list(d["results"][0])[-1] == "lint"
PY
	expect 1 "$CERTSHOW" verify "$AT" --cafile "$C/ca-root.pem" --untrusted \
	    "$C/ca-int.pem" --lint -f json "$C/leaf.pem"
	python3 - "$TMP/out" <<'PY' || bad "verify --lint --untrusted: $(cat "$TMP/out")"
import json, sys
d = json.load(open(sys.argv[1]))
(r,) = d["results"]
assert r["verified"] is True and len(r["path"]) == 3
l = r["lint"]
assert [c["index"] for c in l["certificates"]] == [0, 1]
assert l["certificates"][0]["source"].endswith("/leaf.pem")
assert l["certificates"][1]["source"] == "path #1"
got = sorted((f["certificate"], f["id"]) for f in l["findings"])
assert got == [(0, "serial-low-entropy"), (0, "validity-too-long"),
               (1, "serial-low-entropy")], got
PY
	# --jobs: the same document as one at a time.
	"$CERTSHOW" verify "$AT" $CA --lint -f json "$D"/*.pem > "$TMP/j1" 2>/dev/null
	rc1=$?
	"$CERTSHOW" verify "$AT" $CA --lint -f json -j 3 "$D"/*.pem > "$TMP/j3" 2>/dev/null
	rc3=$?
	[ $rc1 -eq $rc3 ] && cmp -s "$TMP/j1" "$TMP/j3" || bad "verify --lint -j 3 differs"
	# dump --lint -f json: a top-level "lint" after "certificates".
	expect 1 "$CERTSHOW" dump --lint -f json "$NOW" "$D/expires-soon.pem" "$D/sig-sha1.pem"
	[ -s "$TMP/err" ] && bad "dump --lint -f json wrote to stderr: $(cat "$TMP/err")"
	python3 - "$TMP/out" <<'PY' || bad "dump --lint -f json: $(cat "$TMP/out")"
import json, sys
d = json.load(open(sys.argv[1]))
assert list(d) == ["format_version", "certificates", "lint"], list(d)
assert len(d["certificates"]) == 2
got = [(f["id"], f["certificate"]) for f in d["lint"]["findings"]]
assert got == [("expires-soon", 0), ("sig-sha1", 1)], got
PY
else
	echo "SKIP: python3 missing, JSON checks of --lint skipped"
fi

# connect --lint against the loopback test server (tests/e2e/tls-server
# on 127.0.0.1, an ephemeral port): the same exit status rules, findings
# on stderr or in the JSON result. Every data/lint leaf uses keys/leaf.key.
SERVER=${TEST_BUILDDIR:-.}/tests/e2e/tls-server
# start_server CHAIN: serve CHAIN in the background, set PORT.
start_server()
{
	: > "$TMP/port"
	"$SERVER" --chain "$1" --key "$D/keys/leaf.key" --addr 127.0.0.1 \
	    > "$TMP/port" 2> "$TMP/server.err" &
	SPID=$!
	i=0
	while [ ! -s "$TMP/port" ]; do
		if ! kill -0 "$SPID" 2>/dev/null || [ $i -ge 100 ]; then
			stop_server
			return 1
		fi
		sleep 0.05
		i=$((i + 1))
	done
	PORT=$(cat "$TMP/port")
}
if [ -x "$SERVER" ]; then
	CONN="connect $CA $AT --host www.example.com --lint"
	start_server "$D/expires-soon.pem" || bad "test server did not start"
	expect 4 "$CERTSHOW" $CONN "127.0.0.1:$PORT"
	grep -q "^\[0\] tls:127.0.0.1:$PORT: warning expires-soon:" "$TMP/err" ||
	    bad "connect --lint: finding on stderr: $(cat "$TMP/err")"
	# Without --lint, the verification's own expiry warning (--warn-days,
	# default 30, the same rule): 4; --warn-days 0 turns it off.
	expect 4 "$CERTSHOW" connect $CA $AT --host www.example.com "127.0.0.1:$PORT"
	expect 0 "$CERTSHOW" connect $CA $AT --warn-days 0 --host www.example.com "127.0.0.1:$PORT"
	# --warn-days is lint's threshold too: 13 days left, no finding at 10.
	expect 0 "$CERTSHOW" $CONN --warn-days 10 "127.0.0.1:$PORT"
	# Failed verification (name mismatch) with lint warnings only: 1.
	expect 1 "$CERTSHOW" connect $CA $AT --host other.example --lint "127.0.0.1:$PORT"
	if command -v python3 >/dev/null 2>&1; then
		expect 4 "$CERTSHOW" $CONN -f json "127.0.0.1:$PORT"
		python3 - "$TMP/out" "$PORT" <<'PY' || bad "connect --lint -f json: $(cat "$TMP/out")"
import json, sys
d = json.load(open(sys.argv[1]))
assert list(d) == ["format_version", "connection", "certificates", "results"], list(d)
l = d["results"][0]["lint"]
assert l["certificates"] == [{"index": 0, "source": "tls:127.0.0.1:" + sys.argv[2]}], l
assert [(f["id"], f["certificate"]) for f in l["findings"]] == [("expires-soon", 0)], l
PY
	fi
	stop_server
	# Verified, but a lint error: 1.
	start_server "$D/validity-too-long.pem" || bad "test server did not start"
	expect 1 "$CERTSHOW" $CONN "127.0.0.1:$PORT"
	grep -q 'verification failed' "$TMP/err" && bad "validity-too-long: not a verification failure"
	grep -q 'error validity-too-long:' "$TMP/err" || bad "connect: validity-too-long finding"
	stop_server
	start_server "$D/leaf-clean.pem" || bad "test server did not start"
	expect 0 "$CERTSHOW" $CONN "127.0.0.1:$PORT"
	stop_server
else
	echo "SKIP: no test server, connect --lint not run"
fi

# Every fixture: exactly the expected ids (JSON, via python3 if present).
if command -v python3 >/dev/null 2>&1; then
	grep -v '^#' "$D/expected.txt" | while read -r f ids; do
		"$CERTSHOW" lint -f json "$NOW" --warn-days 30 "$D/$f" \
		    > "$TMP/j" 2> /dev/null
		rc=$?
		got=$(python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
assert d["format_version"] == 1
print(",".join(sorted(x["id"] for x in d["findings"])) or "-")' "$TMP/j") ||
		    { echo "FAIL: $f: JSON does not parse"; exit 1; }
		want=$(echo "$ids" | tr ',' '\n' | sort | paste -sd, -)
		[ "$got" = "$want" ] || { echo "FAIL: $f: got $got want $want"; exit 1; }
		case $want in
		-) [ $rc -eq 0 ] || { echo "FAIL: $f: exit $rc"; exit 1; } ;;
		esac
	done || fail=1
else
	echo "SKIP: python3 missing, JSON fixture loop skipped"
fi

[ $fail -eq 0 ] && echo "PASS: cli-lint"
exit $fail
