#!/bin/sh
# gen.sh - trust anchors with the legacy encodings of some roots of the
# common bundles, each with one defect, a conforming twin, and a leaf
# under each. Run by hand from this directory (`sh gen.sh`); make check
# never runs it. Needs openssl. Keys are EC P-256 and reused when present.
#
#   root-ok.pem          conforming CA/B root (critical basicConstraints,
#                        SKI, AKI = keyIdentifier only); leaf-ok.pem
#   root-bc-noncrit.pem  basicConstraints not critical (as Go Daddy Class 2,
#                        Starfield Class 2, Chunghwa ePKI); leaf-bc-noncrit.pem
#   root-no-ski.pem      no subjectKeyIdentifier (as TWCA Global Root CA);
#                        leaf-no-ski.pem
#   root-aki-full.pem    AKI with keyIdentifier, authorityCertIssuer and
#                        authorityCertSerialNumber, all naming the root
#                        itself (as QuoVadis Root CA 2, Certigna);
#                        leaf-aki-full.pem
#
# Every certificate is valid from 2000-01-01 to 2099-12-31; leaves are
# server certificates for www.example.com.
set -eu
cd "$(dirname "$0")"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
START=20000101000000Z
END=20991231235959Z
mkdir -p keys

key() {
	[ -f "keys/$1.key" ] || openssl genpkey -algorithm EC \
	    -pkeyopt ec_paramgen_curve:P-256 -out "keys/$1.key"
}

# issue OUT SUBJECT KEY SECTION SIGNER_CERT SIGNER_KEY SERIAL
# (SIGNER_CERT "self": self-signed). Extensions come from $TMP/ext.cnf.
issue() {
	out=$1 subj=$2 k=$3 sect=$4 scert=$5 skey=$6 serial=$7
	rm -rf "$TMP/db" && mkdir "$TMP/db"
	: >"$TMP/db/index.txt"
	echo "$serial" >"$TMP/db/serial"
	cat >"$TMP/ca.cnf" <<CNF
[ ca ]
default_ca = d
[ d ]
database = $TMP/db/index.txt
serial = $TMP/db/serial
new_certs_dir = $TMP/db
default_md = sha256
policy = p
unique_subject = no
email_in_dn = no
copy_extensions = none
[ p ]
organizationName = optional
commonName = supplied
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = x
CNF
	cat "$TMP/ext.cnf" >>"$TMP/ca.cnf"
	openssl req -new -key "keys/$k.key" -subj "$subj" \
	    -config "$TMP/ca.cnf" -out "$TMP/req.csr"
	if [ "$scert" = self ]; then
		openssl ca -batch -config "$TMP/ca.cnf" -notext -selfsign \
		    -keyfile "keys/$k.key" -in "$TMP/req.csr" \
		    -extensions "$sect" -startdate $START -enddate $END \
		    -out "$TMP/out.pem" 2>"$TMP/log" ||
		    { cat "$TMP/log" >&2; exit 1; }
	else
		openssl ca -batch -config "$TMP/ca.cnf" -notext \
		    -cert "$scert" -keyfile "keys/$skey.key" \
		    -in "$TMP/req.csr" -extensions "$sect" \
		    -startdate $START -enddate $END \
		    -out "$TMP/out.pem" 2>"$TMP/log" ||
		    { cat "$TMP/log" >&2; exit 1; }
	fi
	openssl x509 -in "$TMP/out.pem" -out "$out"
}

cat >"$TMP/ext.cnf" <<'CNF'
[ root_ok ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ root_bc_noncrit ]
basicConstraints = CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = none
[ root_no_ski ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = none
authorityKeyIdentifier = none
[ root_aki_full ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always, issuer:always
[ leaf ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:www.example.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
CNF

for r in ok bc-noncrit no-ski aki-full; do
	key "root-$r"
	key "leaf-$r"
	sect=$(echo "root_$r" | tr - _)
	issue "root-$r.pem" "/O=certshow tests/CN=Anchor Root $r" "root-$r" \
	    "$sect" self "root-$r" 1000
	# The leaf's AKI keyIdentifier is the root's SKI or, for the root
	# without one, the SHA-1 of its key (RFC 5280 4.2.1.2 method 1: the
	# 65 octets of the P-256 point), which openssl ca will not compute.
	lsect=leaf
	if [ "$r" = no-ski ]; then
		kid=$(openssl pkey -in "keys/root-$r.key" -pubout -outform DER |
		    tail -c 65 | openssl dgst -sha1 -binary | od -An -tx1 |
		    tr -d ' \n' | sed 's/../&:/g; s/:$//')
		printf '[ leaf_kid ]\n%s\n2.5.29.35 = DER:30:16:80:14:%s\n' \
		    "$(sed -n '/^\[ leaf \]/,/^subjectKeyIdentifier/p' \
		    "$TMP/ext.cnf" | tail -n +2)" "$kid" >>"$TMP/ext.cnf"
		lsect=leaf_kid
	fi
	issue "leaf-$r.pem" "/O=certshow tests/CN=www.example.com" "leaf-$r" \
	    "$lsect" "root-$r.pem" "root-$r" 2000
done
