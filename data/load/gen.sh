#!/bin/sh
# gen.sh - regenerate the loader fixtures in data/load/ (PEM/DER/PKCS#7
# inputs and their malformed variants). Run by hand, never by make check:
#   sh data/load/gen.sh
# Needs certtool (GnuTLS >= 3.7) and openssl (>= 3.0). Keys in keys/ are
# created only when missing; Ed25519 signatures are deterministic, so a
# rerun reproduces every file byte for byte. See README.md for the list.
set -eu

cd "$(dirname "$0")"
export TZ=UTC LC_ALL=C
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
mkdir -p keys

newkey()
{
	if [ ! -s "keys/$1.key" ]; then
		openssl genpkey -algorithm ED25519 -out "keys/$1.key"
	fi
}

# cert OUT KEY SERIAL CN CA(yes|no) ISSUER(self|NAME)
cert()
{
	t=$TMP/$1.tmpl
	{
		echo "cn = \"$4\""
		echo "organization = \"certshow test\""
		echo "serial = $3"
		echo 'activation_date = "2000-01-01 00:00:00 UTC"'
		echo 'expiration_date = "2099-12-31 23:59:59 UTC"'
		if [ "$5" = yes ]; then
			echo "ca"
			echo "cert_signing_key"
		else
			echo "dns_name = \"$4\""
			echo "tls_www_server"
			echo "signing_key"
		fi
	} > "$t"
	if [ "$6" = self ]; then
		certtool --generate-self-signed --load-privkey "keys/$2.key" \
		    --template "$t" --outfile "$TMP/$1.full" 2>/dev/null
	else
		certtool --generate-certificate --load-privkey "keys/$2.key" \
		    --load-ca-certificate "$6.pem" \
		    --load-ca-privkey "keys/$6.key" \
		    --template "$t" --outfile "$TMP/$1.full" 2>/dev/null
	fi
	# certtool prints a text dump before the PEM: keep the PEM only.
	sed -n '/^-----BEGIN/,/^-----END/p' "$TMP/$1.full" > "$1.pem"
}

newkey ca
newkey int
newkey leaf
cert ca ca 1 "certshow load root" yes self
cert int int 2 "certshow load intermediate" yes ca
cert leaf leaf 3 "load.example" no int

# Good inputs.
cat leaf.pem int.pem ca.pem > chain.pem
openssl x509 -in leaf.pem -outform DER -out leaf.der
{
	echo "Subject: load.example (text before the first block is ignored)"
	echo
	cat leaf.pem
	echo "Between blocks: any text, and a private key that is skipped."
	cat keys/leaf.key
	cat int.pem
	echo "trailing text"
} > text-around.pem
sed 's/$/\r/' chain.pem > crlf.pem
openssl x509 -in ca.pem -trustout -addtrust serverAuth \
    -setalias "certshow root" -out trusted.pem
openssl crl2pkcs7 -nocrl -certfile chain.pem -outform PEM -out chain.p7.pem
openssl crl2pkcs7 -nocrl -certfile chain.pem -outform DER -out chain.p7b
cat keys/leaf.key > key-only.pem

# Malformed inputs, one defect each.
: > empty.pem
printf '  \n\t\n\r\n   ' > blank.pem
# 512 fixed pseudo-random bytes that do not start like DER.
openssl enc -aes-128-ctr -K 000102030405060708090a0b0c0d0e0f \
    -iv 00000000000000000000000000000000 -in /dev/zero 2>/dev/null |
    head -c 512 > garbage.bin
# The leaf, then the intermediate cut in the middle of its base64.
{ cat leaf.pem; head -n 5 int.pem; } > truncated.pem
# The leaf with a '!' in place of the first character of line 3.
sed '3s/^./!/' leaf.pem > bad-base64.pem
# The leaf without its END line, followed by the intermediate.
{ sed '$d' leaf.pem; cat int.pem; } > missing-end.pem
# DER certificate followed by two extra bytes.
{ cat leaf.der; printf '\000\000'; } > der-trailing.der

# Inputs that hold no certificate but something else (the reader names
# it): a CSR (Ed25519 signatures are deterministic) as PEM and DER, and a
# PKCS#7 bundle holding only a CRL (from ../chains-crl).
openssl req -new -key keys/leaf.key -subj /CN=load.example -out csr.pem
openssl req -in csr.pem -outform DER -out csr.der
openssl crl2pkcs7 -in ../chains-crl/int.crl.pem -outform PEM -out p7-nocert.pem
