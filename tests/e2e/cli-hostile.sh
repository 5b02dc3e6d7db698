#!/bin/sh
# cli-hostile.sh - the certshow CLI on hostile input. Each row asserts the
# exact exit code and the exact stderr. Large inputs (100 MB, 100,000
# certificates, 100,000 names) are built at test time in a temporary
# directory that is removed at the end; rows that need python3 to craft
# their input are skipped without it.
set -u
: "${CERTSHOW:?}" "${TEST_DATA_DIR:?}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cli-hostile.XXXXXX") || exit 99
trap 'rm -rf "$TMP"' EXIT INT TERM
cd "$TMP" || exit 99
fail=0
n=0
PY=
if command -v python3 > /dev/null 2>&1; then
	PY=python3
fi

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
	rm -f "$out.inert"
}

# inert FILE: no C0 control but newline, and no DEL, in FILE.
inert()
{
	LC_ALL=C tr -d '\000-\011\013-\037\177' < "$1" > "$1.inert"
	cmp -s "$1" "$1.inert" || bad "$1: raw control bytes in the output"
	rm -f "$1.inert"
}

# no_c1 FILE: no C1 control (U+0080..U+009F as UTF-8) in FILE; the text
# format escapes those too (U+009B is CSI on some terminals).
no_c1()
{
	if LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1"; then
		bad "$1: raw C1 control in the text output"
	fi
}

# count PATTERN: lines of the last stdout matching PATTERN.
count()
{
	LC_ALL=C grep -c -- "$1" "$out"
}

skip()
{
	echo "SKIP: $*"
}

DER=$TEST_DATA_DIR/certs/rsa2048.der
PEM=$TEST_DATA_DIR/certs/rsa2048.pem

# --- Nothing usable. ---
: > empty
expect 3 'certshow: empty: empty input' "$CERTSHOW" dump empty
printf ' \t\r\n\n   \r\n' > blank
expect 3 'certshow: blank: no certificate found (only whitespace)' \
    "$CERTSHOW" dump blank
# Binary junk that does not start like DER.
printf '\245\001\377\000\033[2J\200\217\377\376' > junk
i=0
while [ $i -lt 7 ]; do
	cat junk junk > junk2 && mv junk2 junk
	i=$((i + 1))
done
expect 3 'certshow: junk: no certificate found (no PEM BEGIN line, and not DER)' \
    "$CERTSHOW" dump junk

# --- Broken PEM. ---
printf -- '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUPqa2\n' > no-end.pem
expect 3 'certshow: no-end.pem: certificate #0: missing END line for BEGIN CERTIFICATE at line 1 (end of input)' \
    "$CERTSHOW" dump no-end.pem
printf -- '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmg*wIBAgIUPqa2\n-----END CERTIFICATE-----\n' > b64.pem
expect 3 "certshow: b64.pem: certificate #0: bad base64 at line 2: unexpected character '*'" \
    "$CERTSHOW" dump b64.pem

# --- A real certificate truncated at a sample of lengths. ---
for k in 1 2 4 5 6 100 433 867; do
	head -c $k "$DER" > cut.der
	case $k in
	1) want='certshow: cut.der: no certificate found (no PEM BEGIN line, and not DER)' ;;
	2 | 4) want="certshow: cut.der: truncated DER: $k bytes" ;;
	*) want="certshow: cut.der: truncated DER: the header announces 868 bytes, the input has $k" ;;
	esac
	expect 3 "$want" "$CERTSHOW" dump cut.der
done
for k in 27 28 100 1000 1207; do
	head -c $k "$PEM" > cut.pem
	expect 3 'certshow: cut.pem: certificate #0: missing END line for BEGIN CERTIFICATE at line 1 (end of input)' \
	    "$CERTSHOW" dump cut.pem
done

# --- DER framing. ---
cat "$DER" > trailing.der
printf '\000' >> trailing.der
expect 3 'certshow: trailing.der: trailing data after the DER certificate at byte offset 868' \
    "$CERTSHOW" dump trailing.der
{ printf '\060\200'; tail -c +5 "$DER"; printf '\000\000'; } > ber.der
expect 3 'certshow: ber.der: indefinite length (BER) at byte offset 1: DER required' \
    "$CERTSHOW" dump ber.der
printf '\060\204\377\377\377\377\002\001\000' > len84.der
expect 3 'certshow: len84.der: certificate #0: 4294967301 bytes, larger than the certificate size limit (1048576 bytes)' \
    "$CERTSHOW" dump len84.der
printf '\060\210\377\377\377\377\377\377\377\377\002\001\000' > len88.der
expect 3 'certshow: len88.der: no certificate found (no PEM BEGIN line, and not DER)' \
    "$CERTSHOW" dump len88.der

# --- Deep nesting (10,000 SEQUENCEs). ---
if [ -n "$PY" ]; then
	$PY - << 'EOF'
def tlv(tag, body):
    n = len(body)
    if n < 128:
        h = bytes([n])
    else:
        b = n.to_bytes((n.bit_length() + 7) // 8, "big")
        h = bytes([0x80 | len(b)]) + b
    return bytes([tag]) + h + body
x = b"\x05\x00"
for _ in range(10000):
    x = tlv(0x30, x)
open("deep.der", "wb").write(x)
EOF
	expect 3 'certshow: deep.der: certificate #0: certificate: signatureAlgorithm at offset 39833: truncated' \
	    "$CERTSHOW" dump deep.der
	expect 3 'certshow: deep.der: certificate #0: certificate: signatureAlgorithm at offset 39833: truncated' \
	    "$CERTSHOW" verify --cafile "$TEST_DATA_DIR/chains/ca-root.pem" deep.der
	# The raw view stops at its nesting limit (64) and says so.
	expect 3 'certshow: deep.der: certificate #0: certificate: signatureAlgorithm at offset 39833: truncated; showing the raw input
certshow: deep.der: at offset 256: nesting deeper than 64' \
	    "$CERTSHOW" asn1 deep.der
	[ "$(tail -n 1 "$out")" = '  256: ** stopped: nesting deeper than 64' ] ||
	    bad "asn1 deep.der: last line '$(tail -n 1 "$out")'"
	expect 1 '' "$CERTSHOW" lint deep.der
	[ "$(head -n 1 "$out")" = '[0] deep.der: error der-malformed: structure broken at offset 256: nesting deeper than 64 (X.690 8.1)' ] ||
	    bad "lint deep.der: '$(head -n 1 "$out")'"
else
	skip "deep nesting (no python3)"
fi

# --- 100 MB: a sparse file is refused at once; a stream stops at the
# input size limit (64 MiB). ---
dd if=/dev/null of=big bs=1 seek=100000000 2> /dev/null
expect 3 'certshow: big: input larger than the input size limit (67108864 bytes)' \
    "$CERTSHOW" dump big
rm -f big
expect 3 'certshow: -: input larger than the input size limit (67108864 bytes)' \
    sh -c 'dd if=/dev/zero bs=1000000 count=100 2> /dev/null | "$CERTSHOW" dump -'

# --- 100,000 certificates (the default count limit) and one more. ---
cp "$TEST_DATA_DIR/certs/ed25519.pem" x1
for p in 10 100 1000 10000 100000; do
	q=$((p / 10))
	cat "x$q" "x$q" "x$q" "x$q" "x$q" "x$q" "x$q" "x$q" "x$q" "x$q" > "x$p"
	rm -f "x$q"
done
mv x100000 bundle100k.pem
start=$(date +%s)
expect 0 '' "$CERTSHOW" dump -f pem bundle100k.pem
[ "$(count 'BEGIN CERTIFICATE')" = 100000 ] ||
    bad "bundle100k: $(count 'BEGIN CERTIFICATE') certificates out, want 100000"
rm -f "$out"
expect 0 '' "$CERTSHOW" dump --at @1700000000 bundle100k.pem
[ "$(count '^Certificate #')" = 100000 ] ||
    bad "bundle100k text: $(count '^Certificate #') certificates out, want 100000"
rm -f "$out"
cat "$TEST_DATA_DIR/certs/ed25519.pem" >> bundle100k.pem
expect 3 'certshow: bundle100k.pem: more than 100000 certificates (certificate count limit)' \
    "$CERTSHOW" dump -f pem bundle100k.pem
[ "$(count 'BEGIN CERTIFICATE')" = 100000 ] ||
    bad "bundle100k+1: $(count 'BEGIN CERTIFICATE') certificates out, want 100000"
rm -f "$out" bundle100k.pem
secs=$(( $(date +%s) - start ))
echo "100,000-certificate bundle: ${secs}s for three runs"
# Generous: the sanitizer build on a loaded machine is far slower.
[ "$secs" -lt 300 ] || bad "100,000 certificates took ${secs}s"

# --- Crafted certificates (python3): 100,000 SANs, hostile strings. ---
if [ -n "$PY" ]; then
	$PY - "$TEST_DATA_DIR/certs/ecdsa-p256.der" << 'EOF'
import sys

def tlv(tag, body):
    n = len(body)
    if n < 128:
        h = bytes([n])
    else:
        b = n.to_bytes((n.bit_length() + 7) // 8, "big")
        h = bytes([0x80 | len(b)]) + b
    return bytes([tag]) + h + body

def read_tlv(d, i):
    tag, n = d[i], d[i + 1]
    i += 2
    if n & 0x80:
        k = n & 0x7F
        n = int.from_bytes(d[i:i + k], "big")
        i += k
    return tag, d[i:i + n], i + n

def children(body):
    i, out = 0, []
    while i < len(body):
        start = i
        _, _, i = read_tlv(body, i)
        out.append(body[start:i])
    return out

der = open(sys.argv[1], "rb").read()
_, cert, _ = read_tlv(der, 0)
_, tbs, _ = read_tlv(cert, 0)
spki = children(tbs)[6]

OID = lambda b: tlv(0x06, b)
sha256rsa = tlv(0x30, OID(bytes.fromhex("2a864886f70d01010b")) + b"\x05\x00")

def name(pairs):
    return tlv(0x30, b"".join(tlv(0x31, tlv(0x30, OID(o) + tlv(t, v)))
                              for o, t, v in pairs))

def ext(oid, value):
    return tlv(0x30, OID(oid) + tlv(0x04, value))

def cert_der(subject, exts):
    tbs = (bytes.fromhex("a003020102") + b"\x02\x01\x01" + sha256rsa +
           name([(b"\x55\x04\x03", 0x0C, b"hostile issuer")]) +
           tlv(0x30, tlv(0x17, b"000101000000Z") +
               tlv(0x18, b"20991231235959Z")) +
           subject + spki + tlv(0xA3, tlv(0x30, b"".join(exts))))
    return tlv(0x30, tlv(0x30, tbs) + sha256rsa + tlv(0x03, b"\x00\xab\xcd"))

SAN = b"\x55\x1d\x11"
def sans(n):
    names = b"".join(tlv(0x82, b"%06d" % i) for i in range(n))
    return cert_der(name([(b"\x55\x04\x03", 0x0C, b"sans.example")]),
                    [ext(SAN, tlv(0x30, names))])
open("sans100k.der", "wb").write(sans(100000))
open("sans100k1.der", "wb").write(sans(100001))

evil = (b"a\x00b\x1b]0;pwned\x07\x1b[2J\r\x7f\xc2\x9b31m\xff\xfe\xc0\xaf"
        b"\xe2\x80\xaez")
aia = tlv(0x30, tlv(0x30, OID(bytes.fromhex("2b06010505073001")) +
                    tlv(0x86, evil)))
crldp = tlv(0x30, tlv(0x30, tlv(0xA0, tlv(0xA0, tlv(0x86, evil)))))
c = cert_der(name([(b"\x55\x04\x03", 0x0C, evil), (b"\x55\x04\x0a", 0x0C, evil)]),
             [ext(SAN, tlv(0x30, tlv(0x82, evil) + tlv(0x81, evil) +
                           tlv(0x86, evil))),
              ext(bytes.fromhex("2b06010505070101"), aia),
              ext(b"\x55\x1d\x1f", crldp)])
open("evil.der", "wb").write(c)
EOF
	expect 0 '' "$CERTSHOW" dump -f json sans100k.der
	got=$($PY -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["certificates"][0]["subject_alt_names"]))' "$out" 2>&1)
	[ "$got" = 100000 ] || bad "sans100k: $got SANs in JSON, want 100000"
	expect 3 'certshow: sans100k1.der: certificate #0: certificate: 100001 names (subject alternative names and name constraints), more than the limit of 100000' \
	    "$CERTSHOW" dump sans100k1.der
	[ ! -s "$out" ] || bad "sans100k1: output for a refused certificate"
	for f in text json python; do
		expect 0 '' "$CERTSHOW" dump --at @1700000000 -f $f evil.der
		inert "$out"
		[ $f != text ] || no_c1 "$out"
		LC_ALL=C grep -q 'pwned' "$out" || bad "evil.der $f: name not shown"
	done
	# The same names through verify (verdict messages quote names), the
	# raw view and lint: stdout and stderr stay inert.
	ca="--cafile $TEST_DATA_DIR/chains/ca-root.pem"
	for args in "verify $ca --host www.example.com" \
	    "verify $ca -f json --email a@example.com" "asn1" "lint" \
	    "lint -f json"; do
		# shellcheck disable=SC2086
		run "$CERTSHOW" $args evil.der
		case $args in
		verify*) want=1 ;;
		asn1*) want=0 ;;
		lint*) want=1 ;;
		esac
		[ "$rc" -eq "$want" ] || bad "$args evil.der: exit $rc, want $want"
		inert "$out"
		inert "$err"
		case $args in
		*json*) ;;
		*) no_c1 "$out" ;;
		esac
	done
	rm -f sans100k.der sans100k1.der
else
	skip "100,000 SANs and crafted hostile names (no python3)"
fi

# Hostile names from data/: NUL, control characters, invalid UTF-8.
for f in name-nul name-ctrl name-bad-utf8 san-all; do
	for fmt in text json python; do
		expect 0 '' "$CERTSHOW" dump --at @1700000000 -f $fmt \
		    "$TEST_DATA_DIR/certs/$f.pem"
		inert "$out"
		[ $fmt != text ] || no_c1 "$out"
	done
done

# --- Not regular files. ---
mkdir dir
expect 3 'certshow: dir: cannot read: Is a directory' "$CERTSHOW" dump dir
if mkfifo fifo 2> /dev/null; then
	cat "$TEST_DATA_DIR/certs/bundle.pem" > fifo &
	writer=$!
	expect 0 '' "$CERTSHOW" dump -f pem fifo
	[ "$(count 'BEGIN CERTIFICATE')" = 5 ] || bad "fifo: want 5 certificates"
	kill "$writer" 2> /dev/null
	wait "$writer" 2> /dev/null
	cat junk > fifo &
	writer=$!
	expect 3 'certshow: fifo: no certificate found (no PEM BEGIN line, and not DER)' \
	    "$CERTSHOW" dump fifo
	kill "$writer" 2> /dev/null
	wait "$writer" 2> /dev/null
	: > fifo &
	writer=$!
	expect 3 'certshow: fifo: empty input' "$CERTSHOW" dump fifo
	kill "$writer" 2> /dev/null
	wait "$writer" 2> /dev/null
else
	skip "FIFO (mkfifo failed)"
fi
cp "$PEM" secret.pem
chmod 000 secret.pem
if [ "$(id -u)" = 0 ]; then
	skip "unreadable file (running as root)"
else
	expect 3 'certshow: secret.pem: cannot open: Permission denied' \
	    "$CERTSHOW" dump secret.pem
fi
chmod 600 secret.pem

# Errors and the rest: one bad input does not stop the next one.
expect 3 'certshow: empty: empty input
certshow: dir: cannot read: Is a directory' "$CERTSHOW" dump -f pem empty "$PEM" dir
cmp -s "$out" "$PEM" || bad "good input between bad ones not shown"

exit $fail
