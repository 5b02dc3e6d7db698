#!/bin/sh
# cli-usage.sh - the option vocabulary and argument checks every command
# shares: exit codes and messages of usage errors (2), all found before
# any network or file work; other tools' spellings with their certshow
# equivalent; misspelled commands; FILE operands that are never looked up
# as hosts; deprecated spellings (--now, --rfc5280) with a note; messages
# that are elided in the middle, never cut. No test here reaches the
# network: the only connection attempt is to 127.0.0.1 port 1.
set -u
: "${CERTSHOW:?}" "${TEST_DATA_DIR:?}"
d=$TEST_DATA_DIR/chains
L=$TEST_DATA_DIR/lint
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cli-usage.XXXXXX") || exit 99
trap 'rm -rf "$TMP"' EXIT INT TERM
fail=0

bad()
{
	echo "FAIL: $*"
	fail=1
}

# row STATUS STDERR-SUBSTRING ARGS...: certshow ARGS exits STATUS and its
# standard error holds the substring ("" for none).
row()
{
	want=$1
	msg=$2
	shift 2
	"$CERTSHOW" "$@" > "$TMP/out" 2> "$TMP/err" < /dev/null
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		bad "certshow $*: exit $rc, want $want: $(head -c 300 "$TMP/err")"
		return
	fi
	if [ -n "$msg" ] && ! grep -qF -- "$msg" "$TMP/err"; then
		bad "certshow $*: stderr lacks '$msg': $(head -c 300 "$TMP/err")"
	fi
}

# --- ports: 1 to 65535, as operand or option -------------------------
row 2 "'example.invalid:0': invalid port '0' (expected 1 to 65535)" \
    example.invalid:0
row 2 "'example.invalid:80000': invalid port '80000' (expected 1 to 65535)" \
    example.invalid:80000
row 2 "'example.invalid:abc': invalid port 'abc' (expected 1 to 65535)" \
    example.invalid:abc
row 2 "invalid --port '0' (expected 1 to 65535)" example.invalid --port 0
row 2 "invalid --port '80000' (expected 1 to 65535)" \
    connect example.invalid --port 80000
row 2 "invalid --port 'abc' (expected 1 to 65535)" \
    example.invalid --port abc

# --- contradictory or empty values -------------------------------------
row 2 "--tls1.2 and --tls1.3 exclude each other" \
    example.invalid --tls1.2 --tls1.3
row 2 "--tls1.2 and --tls1.3 exclude each other" \
    example.invalid --tls1.3 --tls1.2
row 2 "invalid --alpn '' (a comma-separated list" example.invalid --alpn ''
row 2 "invalid --alpn 'h2,,http/1.1'" example.invalid --alpn 'h2,,http/1.1'
row 2 "--sni and --no-sni exclude each other" \
    example.invalid --sni a --no-sni
# STARTTLS: the valid names listed; any case.
row 2 "unknown --starttls 'http' (expected smtp, imap, pop3, ftp, xmpp, ldap, postgres, mysql or none)" \
    example.invalid --starttls http
row 3 "" 127.0.0.1:1 --starttls SMTP --timeout 2 --insecure-no-verify
grep -q -- "--starttls" "$TMP/err" && bad "--starttls SMTP refused: $(cat "$TMP/err")"
# The twins of the usage errors: one TLS version, a non-empty ALPN list.
row 3 "" 127.0.0.1:1 --tls1.3 --alpn h2 --timeout 2 --insecure-no-verify

# --- --insecure-* only in full -----------------------------------------
row 2 "unknown option '--insec' (the --insecure-* options are taken only when spelled out in full, e.g. --insecure-no-verify)" \
    --insec example.invalid
row 2 "unknown option '--insecure-no'" connect example.invalid --insecure-no
row 2 "unknown option '--insecure'; did you mean --insecure-no-verify?" \
    example.invalid --insecure
row 3 "" 127.0.0.1:1 --insecure-no-verify --timeout 2
# Other long options still take an unambiguous prefix (--caf).
row 3 "cannot access trust path" verify --caf "$TMP/none.pem" \
    "$d/chain-valid.pem"

# --- openssl and gnutls-cli spellings ----------------------------------
row 2 "unknown option '-CAfile'; did you mean --cafile?" \
    example.invalid -CAfile x.pem
row 2 "unknown option '-CApath'; did you mean --capath?" \
    example.invalid -CApath /etc/ssl/certs
row 2 "unknown option '-servername'; did you mean --sni?" \
    example.invalid -servername a.example
row 2 "unknown option '-showcerts'; did you mean -f pem?" \
    example.invalid -showcerts
row 2 "unknown option '--x509cafile'; did you mean --cafile?" \
    example.invalid --x509cafile=x.pem
row 2 "unknown option '-connect'; did you mean HOST:PORT as the operand?" \
    connect -connect example.invalid:443
row 2 "unknown option '-starttls'; did you mean --starttls?" \
    example.invalid -starttls smtp
row 2 "unknown option '-verify_hostname'; did you mean --host?" \
    verify -verify_hostname a.example "$d/chain-valid.pem"
row 2 "unknown option '-untrusted'; did you mean --untrusted?" \
    verify -untrusted x.pem "$d/chain-valid.pem"
row 2 "unknown option '-crl_check'; did you mean --crl-check leaf?" \
    verify -crl_check "$d/chain-valid.pem"
row 2 "unknown option '-attime'; did you mean --at?" \
    verify -attime 0 "$d/chain-valid.pem"
row 2 "unknown option '-CAfile'; did you mean --cafile?" \
    verify -CAfile x.pem "$d/chain-valid.pem"
# A command without the option gets no hint for it.
row 2 "dump: unknown option '-servername'" dump -servername x \
    "$d/chain-valid.pem"
grep -q "did you mean" "$TMP/err" && bad "dump -servername: $(cat "$TMP/err")"

# --- misspelled commands -----------------------------------------------
row 2 "unknown command 'verfy'; did you mean 'verify'?" verfy x.pem
row 2 "unknown command 'dupm'; did you mean 'dump'?" dupm x.pem
row 2 "unknown command 'lnit'; did you mean 'lint'?" lnit x.pem
row 2 "no such command: 'verfy'; did you mean 'verify'?" help verfy

# --- FILE or HOST ------------------------------------------------------
# A name with a certificate file's extension is a file, never a host.
for f in root.pem x.crt x.cer x.der x.p7b x.p7c X.PEM; do
	row 3 "$f: cannot open: No such file or directory" "$TMP/$f"
	grep -q "note: no such file; a name ending in .pem" "$TMP/err" ||
	    bad "$f: no note: $(cat "$TMP/err")"
	grep -q "resolve" "$TMP/err" && bad "$f was resolved"
done
row 3 "no-such.pem: cannot open: No such file or directory" no-such.pem \
    --cafile "$d/ca-root.pem"
# An existing file is verified like 'certshow verify FILE', options before
# or after it; a file without an extension too.
row 0 "" "$d/chain-valid.pem" --cafile "$d/ca-root.pem" \
    --host www.example.com --at 2024-06-01
# The short report, as for a host: the verdict is the last line.
grep -qxF "File: $d/chain-valid.pem (2 certificates)" "$TMP/out" &&
    [ "$(tail -n 1 "$TMP/out")" = "Verdict: verified" ] ||
    bad "FILE: $(cat "$TMP/out")"
cp "$d/chain-valid.pem" "$TMP/chain"
row 0 "" --cafile "$d/ca-root.pem" --at 2024-06-01 "$TMP/chain" \
    --host www.example.com -f json
grep -q '"verified": true' "$TMP/out" || bad "FILE json: $(head -c 300 "$TMP/out")"
row 1 "" "$d/chain-int-expired.pem" --cafile "$d/ca-root.pem" \
    --at 2024-06-01

# --- one vocabulary: --at (a date, RFC 3339, @SECONDS), --profile ------
"$CERTSHOW" verify --cafile "$d/ca-root.pem" --at 2024-06-01 \
    "$d/chain-valid.pem" > "$TMP/a" 2>&1
"$CERTSHOW" verify --cafile "$d/ca-root.pem" --at 2024-06-01T00:00:00Z \
    "$d/chain-valid.pem" > "$TMP/b" 2>&1
"$CERTSHOW" verify --cafile "$d/ca-root.pem" --at @1717200000 \
    "$d/chain-valid.pem" > "$TMP/c" 2>&1
cmp -s "$TMP/a" "$TMP/b" && cmp -s "$TMP/a" "$TMP/c" ||
    bad "--at date, RFC 3339 and @SECONDS differ"
row 2 "invalid --at '2024-02-30' (expected RFC 3339, a date such as 2027-01-01, or @SECONDS)" \
    verify --at 2024-02-30 "$d/chain-valid.pem"
row 2 "invalid --at 'tomorrow'" example.invalid --at tomorrow
# --warn-days N: 0 to 36500, the same words in every command; off for
# 'certshow FILE' unless given (the chain ends 2099-12-31 23:59:59 UTC).
row 2 "invalid --warn-days 'soon' (expected 0 to 36500)" \
    example.invalid --warn-days soon
row 2 "invalid --warn-days '-1' (expected 0 to 36500)" \
    verify --warn-days -1 "$d/chain-valid.pem"
row 2 "lint: invalid --warn-days '36501' (expected 0 to 36500)" \
    lint --warn-days 36501 "$L/leaf-clean.pem"
row 0 "" "$d/chain-valid.pem" --cafile "$d/ca-root.pem" \
    --host www.example.com --at 2099-12-02T23:59:59Z
row 4 "" "$d/chain-valid.pem" --cafile "$d/ca-root.pem" \
    --host www.example.com --at 2099-12-02T23:59:59Z --warn-days 30
[ "$(tail -n 1 "$TMP/out")" = \
    "Verdict: verified, with warnings (EXPIRES_SOON)" ] ||
    bad "FILE --warn-days: $(cat "$TMP/out")"
row 0 "" dump --at 2024-06-01 "$L/leaf-clean.pem"
row 0 "" lint --at 2024-06-01 --profile webpki "$L/leaf-clean.pem"
row 2 "lint: unknown --profile 'strict' (webpki or rfc5280)" \
    lint --profile strict "$L/leaf-clean.pem"
row 2 "dump: unknown --profile 'x' (webpki or rfc5280)" \
    dump --lint --profile x "$L/leaf-clean.pem"
# The profile decides the Baseline Requirements rules of lint, in lint
# and in dump --lint alike: validity-too-long is a BR rule.
row 1 "" lint --at 2024-06-01 "$L/validity-too-long.pem"
row 0 "" lint --at 2024-06-01 --profile rfc5280 "$L/validity-too-long.pem"
row 1 "" dump --lint --at 2024-06-01 "$L/validity-too-long.pem"
row 0 "" dump --lint --at 2024-06-01 --profile rfc5280 \
    "$L/validity-too-long.pem"
# Deprecated spellings still work, with a note.
row 0 "dump: note: --now is deprecated, use --at" \
    dump --now 2024-06-01 "$L/leaf-clean.pem"
row 0 "lint: note: --now is deprecated, use --at" \
    lint --now 2024-06-01 "$L/leaf-clean.pem"
row 0 "lint: note: --rfc5280 is deprecated, use --profile rfc5280" \
    lint --at 2024-06-01 --rfc5280 "$L/validity-too-long.pem"
row 0 "" lint --at 2024-06-01 "$L/leaf-clean.pem"
[ -s "$TMP/err" ] && bad "a note without a deprecated option: $(cat "$TMP/err")"

# --- input errors: the same words and exit 3 in every command ---------
# The reader's words (the library owns them) for each kind of input that
# cannot be used, in dump, verify, 'certshow FILE', lint and asn1; the
# valid twins follow the table (exit 0).
LD=$TEST_DATA_DIR/load
CRL=$TEST_DATA_DIR/chains-crl
mkdir "$TMP/adir"
cp "$LD/leaf.pem" "$TMP/noperm.pem"
chmod 000 "$TMP/noperm.pem"
cat > "$TMP/rows" <<EOF
$TMP/none.pem|: cannot open: No such file or directory
$TMP/adir|: cannot read: Is a directory
$TMP/noperm.pem|: cannot open: Permission denied
$LD/empty.pem|: empty input
$LD/blank.pem|: no certificate found (only whitespace)
$CRL/int.crl.pem|: no certificate found (skipped 1 PEM block, the first is X509 CRL at line 1)
$CRL/int.crl.der|: no certificate found (a DER CRL)
$LD/csr.pem|: no certificate found (skipped 1 PEM block, the first is CERTIFICATE REQUEST at line 1)
$LD/csr.der|: no certificate found (a DER certificate request (CSR))
$LD/key-only.pem|: no certificate found (skipped 1 PEM block, the first is PRIVATE KEY at line 1)
$LD/p7-nocert.pem|: no certificate found (the PKCS#7 bundle holds none)
$LD/garbage.bin|: no certificate found (no PEM BEGIN line, and not DER)
EOF
# Running as root, a mode-000 file is readable: that row is skipped.
can_deny=1
[ -r "$TMP/noperm.pem" ] && can_deny=0
while IFS='|' read -r f why; do
	if [ "$can_deny" -eq 0 ] && [ "$f" = "$TMP/noperm.pem" ]; then
		echo "SKIP: unreadable file (running as root)"
		continue
	fi
	row 3 "certshow: $f$why" dump "$f"
	row 3 "certshow: $f$why" verify --cafile "$d/ca-root.pem" "$f"
	row 3 "certshow: $f$why" lint --at 2024-06-01 "$f"
	# lint: the error is the whole report, no "0 certificates" line
	# and no made-up finding.
	[ -s "$TMP/out" ] && bad "lint $f: stdout '$(cat "$TMP/out")'"
	case $f in
	*.pem | *.der)
		row 3 "certshow: $f$why" "$f" --cafile "$d/ca-root.pem" ;;
	esac
	case $why in
	*"no certificate found"*)
		# asn1 shows any input: the note, then the raw structure.
		"$CERTSHOW" asn1 "$f" > "$TMP/out" 2> "$TMP/err" < /dev/null
		grep -qF -- "certshow: $f$why; showing the raw input" \
		    "$TMP/err" || bad "asn1 $f: $(head -c 300 "$TMP/err")" ;;
	*)
		row 3 "certshow: $f$why" asn1 "$f" ;;
	esac
done < "$TMP/rows"
# The valid twins: the same commands on a certificate.
row 0 "" dump "$LD/leaf.der"
row 0 "" lint --at 2024-06-01 --profile rfc5280 "$LD/leaf.der"
row 0 "" asn1 "$LD/leaf.der"
row 0 "" verify --cafile "$LD/ca.pem" --untrusted "$LD/int.pem" \
    --at 2024-06-01 --profile rfc5280 --host load.example "$LD/leaf.der"
# A readable input and an unreadable one: lint reports both, the run is
# incomplete (3), and the summary says what was not linted.
row 3 "certshow: $TMP/none.pem: cannot open: No such file or directory" \
    lint --at 2024-06-01 --profile rfc5280 "$LD/leaf.der" "$TMP/none.pem"
grep -q "^1 certificate: 0 errors, 0 warnings, 0 notices; 1 input not linted$" \
    "$TMP/out" || bad "lint summary: $(cat "$TMP/out")"

# dump --warn-days: the rule of verify (lib/expiry.c) at N-1, N and N+1
# whole days before notAfter (2099-12-31 23:59:59 UTC, @4102444799), and
# "days_left" in JSON relative to --at; off unless given.
LEAF=$TEST_DATA_DIR/load/leaf.pem
row 4 "certshow: warning: $LEAF: certificate #0 expires 2099-12-31 23:59:59 UTC, in 29 days (warning period 30 days)" \
    dump --warn-days 30 --at @4099939199 "$LEAF"
row 0 "" dump --warn-days 30 --at @4099852799 "$LEAF"
[ -s "$TMP/err" ] && bad "dump --warn-days at N days: $(cat "$TMP/err")"
row 0 "" dump --warn-days 30 --at @4099766399 "$LEAF"
row 0 "" dump --at @4099939199 "$LEAF"
[ -s "$TMP/err" ] && bad "dump without --warn-days warned: $(cat "$TMP/err")"
row 0 "" dump --warn-days 0 --at @4099939199 "$LEAF"
for at in 4099939199:29 4099852799:30 4099766399:31; do
	row 0 "" dump -f json --at "@${at%:*}" "$LEAF"
	grep -q "\"days_left\": ${at#*:}$" "$TMP/out" ||
	    bad "dump -f json --at @${at%:*}: no days_left ${at#*:}"
done
# An expired certificate fails elsewhere; it is not "expiring".
row 0 "" dump --warn-days 30 --at @4102444800 "$LEAF"
row 2 "dump: invalid --warn-days 'x' (expected 0 to 36500)" \
    dump --warn-days x "$LEAF"
# An unreadable input (3) wins over the warning (4).
row 3 "" dump --warn-days 30 --at @4099939199 "$LEAF" "$TMP/none.pem"

# --- long values: elided in the middle, the reason kept -----------------
long=$(awk 'BEGIN { while (i++ < 5000) printf "a" }')
for cmd in dump lint asn1 verify; do
	row 3 "File name too long" $cmd "$long"
	n=$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$TMP/err")
	[ "$n" -le 1100 ] || bad "$cmd: a $n-byte message line"
done
row 3 "File name too long" "$long.pem"
row 2 "host too long" "$long"
row 2 "[...]" example.invalid --port "$long"
row 2 "(expected 1 to 65535)" example.invalid --port "$long"

exit $fail
