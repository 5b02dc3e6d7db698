#!/bin/sh
# cli-lint.sh - 'certshow lint' end to end: the exit code for clean input
# (0), warnings only (4), errors (1), unreadable input (3) and usage
# errors (2); every fixture of data/lint/ gives exactly the findings that
# data/lint/expected.txt lists; JSON output parses; --lint's helper via
# the same exit codes.
set -u
: "${CERTSHOW:?}" "${TEST_DATA_DIR:?}"
D=$TEST_DATA_DIR/lint
NOW=--now=2024-06-01T00:00:00Z
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cli-lint.XXXXXX") || exit 99
trap 'rm -rf "$TMP"' EXIT INT TERM
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
expect 0 "$CERTSHOW" lint "$NOW" --rfc5280 "$D/validity-too-long.pem"
expect 1 "$CERTSHOW" lint --now=2026-01-01T00:00:00Z "$D/leaf-clean.pem"
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
expect 2 "$CERTSHOW" lint --now yesterday "$D/leaf-clean.pem"
expect 2 "$CERTSHOW" lint --warn-days x "$D/leaf-clean.pem"
# Standard input.
"$CERTSHOW" lint "$NOW" - < "$D/serial-zero.pem" > "$TMP/out" 2>&1
[ $? -eq 1 ] && grep -q '^\[0\] -: error serial-zero:' "$TMP/out" ||
    bad "stdin: $(cat "$TMP/out")"

# dump --lint: the dump on stdout, findings on stderr, lint's exit code.
expect 0 "$CERTSHOW" dump --lint "$NOW" "$D/leaf-clean.pem"
expect 1 "$CERTSHOW" dump --lint "$NOW" "$D/sig-sha1.pem"
grep -q 'error sig-sha1:' "$TMP/err" || bad "dump --lint stderr"
expect 4 "$CERTSHOW" dump --lint -f json "$NOW" "$D/expires-soon.pem"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/out" 2>/dev/null ||
    ! command -v python3 >/dev/null || bad "dump --lint -f json: stdout is not JSON"

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
