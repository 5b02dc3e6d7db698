#!/bin/sh
# cli-dump.sh - 'certshow dump' end to end: inputs in every accepted
# form, every error path with its exact exit code and stderr line, large
# inputs built at test time, standard input and FIFOs.
set -u
: "${CERTSHOW:?}" "${TEST_DATA_DIR:?}"
D=$TEST_DATA_DIR/load
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cli-dump.XXXXXX") || exit 99
trap 'rm -rf "$TMP"' EXIT INT TERM
fail=0
n=0

# run CMD...: sets $rc, and $out / $err to files holding stdout / stderr.
run()
{
	n=$((n + 1))
	out=$TMP/out.$n
	err=$TMP/err.$n
	"$@" > "$out" 2> "$err"
	rc=$?
}

bad()
{
	echo "FAIL: $*"
	fail=1
}

# expect RC 'STDERR' CMD...: exit code and the whole stderr ('' = none).
expect()
{
	want_rc=$1 want_err=$2
	shift 2
	run "$@"
	[ "$rc" -eq "$want_rc" ] || bad "$*: exit $rc, want $want_rc"
	got=$(cat "$err")
	[ "$got" = "$want_err" ] ||
	    bad "$*: stderr '$got', want '$want_err'"
}

# expect_usage 'FIRST STDERR LINE' ARGS...: exit 2, a hint line, no output.
expect_usage()
{
	want_err=$1
	shift
	run "$CERTSHOW" dump "$@"
	[ "$rc" -eq 2 ] || bad "dump $*: exit $rc, want 2"
	got=$(sed -n 1p "$err")
	[ "$got" = "$want_err" ] || bad "dump $*: stderr '$got', want '$want_err'"
	[ "$(sed -n 2p "$err")" = "Try 'certshow help dump' for more information." ] ||
	    bad "dump $*: no hint line"
	[ ! -s "$out" ] || bad "dump $*: output on a usage error"
}

# same_as FILE: the last command's stdout equals FILE byte for byte.
same_as()
{
	cmp -s "$out" "$1" || bad "output #$n differs from $1"
}

count_certs()
{
	grep -c -- '-----BEGIN CERTIFICATE-----' "$out"
}

cd "$D" || exit 99

# --- Accepted inputs: PEM output reproduces the certificates exactly. ---
for f in chain.pem crlf.pem chain.p7.pem chain.p7b; do
	expect 0 '' "$CERTSHOW" dump --format pem "$f"
	same_as chain.pem
done
expect 0 '' "$CERTSHOW" dump --format pem leaf.der
same_as leaf.pem
expect 0 '' "$CERTSHOW" dump --format pem trusted.pem
same_as ca.pem
expect 0 '' "$CERTSHOW" dump --format pem text-around.pem
cat leaf.pem int.pem > "$TMP/leaf-int.pem"
same_as "$TMP/leaf-int.pem"
# Several files, in order, into one output.
expect 0 '' "$CERTSHOW" dump -f pem leaf.pem int.pem ca.pem
same_as chain.pem
for fmt in text json python; do
	expect 0 '' "$CERTSHOW" dump --format "$fmt" --at 2024-03-01T12:00:00Z \
	    chain.pem
	[ -s "$out" ] || bad "--format $fmt: no output"
done
expect 0 '' "$CERTSHOW" dump --at @1709294400 leaf.pem
# JSON: one document for the whole run.
if command -v python3 > /dev/null 2>&1; then
	expect 0 '' "$CERTSHOW" dump --format json leaf.pem chain.p7b
	got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));
print(d["format_version"], len(d["certificates"]))' "$out") ||
	    bad "json output does not parse"
	[ "$got" = "1 4" ] || bad "json: '$got', want '1 4'"
fi

# --- Standard input and FIFOs. ---
expect 0 '' sh -c "\"\$CERTSHOW\" dump -f pem - < chain.p7b"
same_as chain.pem
expect 0 '' sh -c "cat chain.pem | \"\$CERTSHOW\" dump -f pem -"
same_as chain.pem
expect 3 'certshow: -: empty input' sh -c "\"\$CERTSHOW\" dump - < /dev/null"
if mkfifo "$TMP/fifo" 2> /dev/null; then
	cat chain.pem > "$TMP/fifo" &
	writer=$!
	expect 0 '' "$CERTSHOW" dump -f pem "$TMP/fifo"
	same_as chain.pem
	# Never leave the writer blocked if the FIFO was not opened.
	kill "$writer" 2> /dev/null
	wait "$writer" 2> /dev/null
fi

# --- Input errors: exit 3 and one line naming the input. ---
expect 3 'certshow: nope.pem: cannot open: No such file or directory' \
    "$CERTSHOW" dump nope.pem
expect 3 'certshow: empty.pem: empty input' "$CERTSHOW" dump empty.pem
expect 3 'certshow: blank.pem: no certificate found (only whitespace)' \
    "$CERTSHOW" dump blank.pem
expect 3 'certshow: garbage.bin: no certificate found (no PEM BEGIN line, and not DER)' \
    "$CERTSHOW" dump garbage.bin
expect 3 'certshow: key-only.pem: no certificate found (skipped 1 PEM block, the first is PRIVATE KEY at line 1)' \
    "$CERTSHOW" dump key-only.pem
expect 3 "certshow: bad-base64.pem: certificate #0: bad base64 at line 3: unexpected character '!'" \
    "$CERTSHOW" dump bad-base64.pem
expect 3 'certshow: der-trailing.der: trailing data after the DER certificate at byte offset 433' \
    "$CERTSHOW" dump der-trailing.der
# Truncated PEM: the complete first certificate is still shown.
expect 3 'certshow: truncated.pem: certificate #1: missing END line for BEGIN CERTIFICATE at line 13 (end of input)' \
    "$CERTSHOW" dump -f pem truncated.pem
same_as leaf.pem
# Missing END line: the next block is still read.
expect 3 'certshow: missing-end.pem: certificate #0: missing END line for BEGIN CERTIFICATE at line 1 (BEGIN CERTIFICATE at line 12)' \
    "$CERTSHOW" dump -f pem missing-end.pem
same_as int.pem
# A bad file does not stop the others.
expect 3 'certshow: nope.pem: cannot open: No such file or directory' \
    "$CERTSHOW" dump -f pem nope.pem leaf.pem
same_as leaf.pem
mkdir "$TMP/dir"
expect 3 "certshow: $TMP/dir: cannot read: Is a directory" \
    "$CERTSHOW" dump "$TMP/dir"
if [ "$(id -u)" != 0 ]; then
	cp leaf.pem "$TMP/noperm.pem"
	chmod 000 "$TMP/noperm.pem"
	expect 3 "certshow: $TMP/noperm.pem: cannot open: Permission denied" \
	    "$CERTSHOW" dump "$TMP/noperm.pem"
fi

# --- Large inputs, built here and deleted on exit. ---
# 10 MB: a certificate chain after 10 MiB of text (163840 lines of 64).
line=$(printf '%063d' 0)
i=0; : > "$TMP/l16"
while [ $i -lt 16 ]; do echo "$line" >> "$TMP/l16"; i=$((i + 1)); done
cat "$TMP/l16" "$TMP/l16" "$TMP/l16" "$TMP/l16" > "$TMP/l64"
cat "$TMP/l64" "$TMP/l64" "$TMP/l64" "$TMP/l64" > "$TMP/l256"
cat "$TMP/l256" "$TMP/l256" "$TMP/l256" "$TMP/l256" > "$TMP/l1k"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do cat "$TMP/l1k"; done \
    > "$TMP/1m.txt"
rm -f "$TMP"/l*
{
	for i in 1 2 3 4 5 6 7 8 9 10; do
		cat "$TMP/1m.txt"
	done
	cat chain.pem
} > "$TMP/big.pem"
rm -f "$TMP/1m.txt"
size=$(wc -c < "$TMP/big.pem")
[ "$size" -ge 10000000 ] || bad "big.pem is only $size bytes"
expect 0 '' "$CERTSHOW" dump -f pem "$TMP/big.pem"
same_as chain.pem
expect 3 "certshow: $TMP/big.pem: input larger than the input size limit (1048576 bytes)" \
    "$CERTSHOW" dump --max-input-size 1M "$TMP/big.pem"
expect 3 'certshow: -: input larger than the input size limit (1048576 bytes)' \
    sh -c "cat \"$TMP/big.pem\" | \"\$CERTSHOW\" dump --max-input-size 1M -"
rm -f "$TMP/big.pem"

# 5,000 certificates in one PEM bundle.
cat leaf.pem leaf.pem leaf.pem leaf.pem leaf.pem > "$TMP/b5"
cat "$TMP/b5" "$TMP/b5" "$TMP/b5" "$TMP/b5" "$TMP/b5" > "$TMP/b25"
cat "$TMP/b25" "$TMP/b25" "$TMP/b25" "$TMP/b25" > "$TMP/b100"
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$TMP/b100"; done > "$TMP/b1000"
for i in 1 2 3 4 5; do cat "$TMP/b1000"; done > "$TMP/bundle.pem"
rm -f "$TMP"/b[0-9]*
expect 0 '' "$CERTSHOW" dump -f pem "$TMP/bundle.pem"
same_as "$TMP/bundle.pem"
expect 0 '' "$CERTSHOW" dump -f text "$TMP/bundle.pem"
expect 3 "certshow: $TMP/bundle.pem: more than 4999 certificates (certificate count limit)" \
    "$CERTSHOW" dump -f pem --max-certs 4999 "$TMP/bundle.pem"
[ "$(count_certs)" = 4999 ] || bad "--max-certs 4999: $(count_certs) shown"
# A bad block after 5,000 good ones: its index and line are exact.
cat "$TMP/bundle.pem" bad-base64.pem > "$TMP/bad-bundle.pem"
bad_line=$(($(wc -l < "$TMP/bundle.pem") + 3))
expect 3 "certshow: $TMP/bad-bundle.pem: certificate #5000: bad base64 at line $bad_line: unexpected character '!'" \
    "$CERTSHOW" dump -f pem "$TMP/bad-bundle.pem"
same_as "$TMP/bundle.pem"
rm -f "$TMP/bundle.pem" "$TMP/bad-bundle.pem"
# The certificate size limit.
expect 3 'certshow: leaf.pem: certificate #0: larger than the certificate size limit (400 bytes) (PEM block at line 1)' \
    "$CERTSHOW" dump --max-cert-size 400 leaf.pem

# --- Usage errors: exit 2. ---
expect_usage "certshow: dump: no input file (use '-' for standard input)"
expect_usage "certshow: dump: unknown option '--bogus'" --bogus leaf.pem
expect_usage "certshow: dump: unknown option '-z'" -z leaf.pem
expect_usage "certshow: dump: unknown format 'xml' (expected text, json, python or pem)" \
    --format xml leaf.pem
expect_usage "certshow: dump: option '--format' needs an argument" --format
expect_usage "certshow: dump: invalid --at 'yesterday' (expected RFC 3339, a date such as 2027-01-01, or @SECONDS)" \
    --at yesterday leaf.pem
expect_usage "certshow: dump: invalid --max-certs '0' (expected a positive number)" \
    --max-certs 0 leaf.pem
expect 0 '' "$CERTSHOW" dump --help
grep -q '^usage: certshow dump ' "$out" || bad "dump --help: no usage line"
expect 0 '' "$CERTSHOW" help dump
grep -q '^usage: certshow dump ' "$out" || bad "help dump: no usage line"

echo "$n commands run"
[ "$fail" -eq 0 ] && echo "PASS: cli-dump" || echo "FAIL: cli-dump"
exit "$fail"
