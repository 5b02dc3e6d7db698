#!/bin/sh
# gen.sh - CRL fixtures: a root, an intermediate, leaves, and CRLs with one
# defect each next to a valid twin. Run by hand from this directory
# (`sh gen.sh`); make check never runs it. Needs openssl (>= 3.0 for
# -crl_lastupdate). Keys are EC P-256 and reused when present.
#
# Certificates (valid 2000-01-01 .. 2099-12-31):
#   root.pem            root CA (keyCertSign, cRLSign)
#   int.pem             intermediate CA under root.pem (keyCertSign, cRLSign),
#                       serial 0x1001
#   int-nocrlsign.pem   intermediate CA whose keyUsage lacks cRLSign
#   leaf-good.pem       www.example.com under int.pem, serial 0x2001
#   leaf-revoked.pem    www.example.com under int.pem, serial 0x2002
#   leaf-nocrlsign.pem  www.example.com under int-nocrlsign.pem, 0x2003
#   chain-good.pem      leaf-good + int;  chain-revoked.pem  leaf-revoked + int
#   chain-nocrlsign.pem leaf-nocrlsign + int-nocrlsign
#
# CRLs (thisUpdate 2000-01-01, nextUpdate 2099-12-31, cRLNumber, unless
# said otherwise; revocations dated 2020-01-01):
#   int.crl.pem         of int: 0x2002 revoked, keyCompromise (valid twin)
#   int.crl.der         the same in DER
#   int-expired.crl.pem       nextUpdate 2001-01-01
#   int-notyet.crl.pem        thisUpdate 2090-01-01
#   int-nonumber.crl.pem      no cRLNumber
#   int-critext.crl.pem       unknown critical extension 1.3.6.1.4.1.55555.1.2
#   int-badsig.crl.pem        last signature octet changed
#   int-noreason.crl.pem      0x2002 revoked without a reason code
#   root.crl.pem        of root: nothing revoked (valid twin)
#   root-revokes-int.crl.pem  of root: 0x1001 (int) revoked, cACompromise
#   nocrlsign.crl.pem   of int-nocrlsign, signed with its key
#   both.crl.pem        root.crl.pem and int.crl.pem in one file
set -eu
cd "$(dirname "$0")"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
START=20000101000000Z
END=20991231235959Z
REVOKED=200101000000Z
mkdir -p keys

key() {
	[ -f "keys/$1.key" ] || openssl genpkey -algorithm EC \
	    -pkeyopt ec_paramgen_curve:P-256 -out "keys/$1.key"
}

# ca_cnf DIR: an openssl ca configuration using database DIR.
ca_cnf() {
	mkdir -p "$1"
	[ -f "$1/index.txt" ] || : >"$1/index.txt"
	cat <<CNF
[ ca ]
default_ca = d
[ d ]
database = $1/index.txt
serial = $1/serial
new_certs_dir = $1
default_md = sha256
policy = p
unique_subject = no
email_in_dn = no
copy_extensions = none
default_crl_days = 30
[ p ]
organizationName = optional
commonName = supplied
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = x
[ root ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ int ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ int_nocrlsign ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ leaf ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:www.example.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ crl_ok ]
authorityKeyIdentifier = keyid:always
[ crl_critext ]
authorityKeyIdentifier = keyid:always
1.3.6.1.4.1.55555.1.2 = critical, DER:05:00
CNF
}

# issue OUT SUBJECT KEY SECTION SIGNER_CERT|self SIGNER_KEY SERIAL
issue() {
	out=$1 subj=$2 k=$3 sect=$4 scert=$5 skey=$6 serial=$7
	db="$TMP/db-$skey"
	ca_cnf "$db" >"$TMP/ca.cnf"
	echo "$serial" >"$db/serial"
	openssl req -new -key "keys/$k.key" -subj "$subj" \
	    -config "$TMP/ca.cnf" -out "$TMP/req.csr"
	if [ "$scert" = self ]; then
		set -- -selfsign
	else
		set -- -cert "$scert"
	fi
	openssl ca -batch -config "$TMP/ca.cnf" -notext "$@" \
	    -keyfile "keys/$skey.key" -in "$TMP/req.csr" -extensions "$sect" \
	    -startdate $START -enddate $END -out "$TMP/out.pem" \
	    2>"$TMP/log" || { cat "$TMP/log" >&2; exit 1; }
	openssl x509 -in "$TMP/out.pem" -out "$out"
}

# crl OUT CERT KEY SECTION|- LAST NEXT NUMBER|- REVOKED_LINES
# REVOKED_LINES: "serial reason" pairs separated by ';' (reason "-" for
# none). The database is written by hand so revocation dates are fixed.
crl() {
	out=$1 cert=$2 k=$3 sect=$4 last=$5 next=$6 num=$7 revs=$8
	db="$TMP/crl-db"
	rm -rf "$db"
	ca_cnf "$db" >"$TMP/crl.cnf"
	if [ "$num" != - ]; then
		echo "$num" >"$db/crlnumber"
		echo "crlnumber = $db/crlnumber" >>"$TMP/crl.cnf"
		# keep the option inside [ d ]
		sed -i '/^crlnumber = /d' "$TMP/crl.cnf"
		sed -i "s|^default_crl_days = 30|default_crl_days = 30\ncrlnumber = $db/crlnumber|" \
		    "$TMP/crl.cnf"
	fi
	echo "$revs" | tr ';' '\n' | while read -r serial reason; do
		[ -n "$serial" ] || continue
		when=$REVOKED
		[ "$reason" = - ] || when="$REVOKED,$reason"
		printf 'R\t991231235959Z\t%s\t%s\tunknown\t/CN=revoked\n' \
		    "$when" "$serial" >>"$db/index.txt"
	done
	if [ "$sect" = - ]; then
		set --
	else
		set -- -crlexts "$sect"
	fi
	openssl ca -batch -config "$TMP/crl.cnf" -gencrl "$@" \
	    -cert "$cert" -keyfile "keys/$k.key" -crl_lastupdate "$last" \
	    -crl_nextupdate "$next" -out "$out" 2>"$TMP/log" ||
	    { cat "$TMP/log" >&2; exit 1; }
}

for k in root int int-nocrlsign leaf-good leaf-revoked leaf-nocrlsign; do
	key "$k"
done
issue root.pem "/O=certshow tests/CN=CRL Test Root" root root self root 1000
issue int.pem "/O=certshow tests/CN=CRL Test Intermediate" int int \
    root.pem root 1001
issue int-nocrlsign.pem "/O=certshow tests/CN=CRL Test Intermediate No CRLSign" \
    int-nocrlsign int_nocrlsign root.pem root 1002
issue leaf-good.pem "/O=certshow tests/CN=www.example.com" leaf-good leaf \
    int.pem int 2001
issue leaf-revoked.pem "/O=certshow tests/CN=www.example.com" leaf-revoked \
    leaf int.pem int 2002
issue leaf-nocrlsign.pem "/O=certshow tests/CN=www.example.com" \
    leaf-nocrlsign leaf int-nocrlsign.pem int-nocrlsign 2003
cat leaf-good.pem int.pem >chain-good.pem
cat leaf-revoked.pem int.pem >chain-revoked.pem
cat leaf-nocrlsign.pem int-nocrlsign.pem >chain-nocrlsign.pem

U=20000101000000Z
N=20991231235959Z
crl int.crl.pem int.pem int crl_ok $U $N 01 "2002 keyCompromise"
openssl crl -in int.crl.pem -outform DER -out int.crl.der
crl int-expired.crl.pem int.pem int crl_ok $U 20010101000000Z 02 \
    "2002 keyCompromise"
crl int-notyet.crl.pem int.pem int crl_ok 20900101000000Z $N 03 \
    "2002 keyCompromise"
crl int-nonumber.crl.pem int.pem int crl_ok $U $N - "2002 keyCompromise"
crl int-critext.crl.pem int.pem int crl_critext $U $N 04 "2002 keyCompromise"
crl int-noreason.crl.pem int.pem int crl_ok $U $N 05 "2002 -"
# Change the last octet of the signature (the end of ECDSA's s INTEGER):
# still DER, no longer a valid signature.
openssl crl -in int.crl.pem -outform DER -out "$TMP/c.der"
python3 - "$TMP/c.der" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
b[-1] ^= 0x01
open(p, 'wb').write(bytes(b))
PY
openssl crl -inform DER -in "$TMP/c.der" -out int-badsig.crl.pem
crl root.crl.pem root.pem root crl_ok $U $N 01 ""
crl root-revokes-int.crl.pem root.pem root crl_ok $U $N 02 \
    "1001 CACompromise"
crl nocrlsign.crl.pem int-nocrlsign.pem int-nocrlsign crl_ok $U $N 01 ""
cat root.crl.pem int.crl.pem >both.crl.pem
