#!/bin/sh
# gen.sh - regenerate the lint fixtures of data/lint/ (run by hand; make
# check never runs it). Keys are made once with openssl and kept in keys/,
# so the certificates (RSA PKCS#1 v1.5 signatures) regenerate byte for
# byte. The certificates themselves are crafted by gen.py.
set -eu
cd "$(dirname "$0")"
command -v openssl >/dev/null || { echo "gen.sh: openssl is needed" >&2; exit 1; }
command -v python3 >/dev/null || { echo "gen.sh: python3 is needed" >&2; exit 1; }
mkdir -p keys
key() {
	f=keys/$1; shift
	[ -f "$f" ] || openssl genpkey -out "$f" "$@" 2>/dev/null
}
key ca.key -algorithm RSA -pkeyopt rsa_keygen_bits:2048
key leaf.key -algorithm RSA -pkeyopt rsa_keygen_bits:2048
key rsa1024.key -algorithm RSA -pkeyopt rsa_keygen_bits:1024
key rsa-e3.key -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
	-pkeyopt rsa_keygen_pubexp:3
key ec-p256.key -algorithm EC -pkeyopt ec_paramgen_curve:P-256
key ec-p224.key -algorithm EC -pkeyopt ec_paramgen_curve:P-224
key ec-k256.key -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1
python3 gen.py
echo "gen.sh: $(grep -vc '^#' expected.txt) fixtures written"
