#!/bin/sh
# Generate the decode benchmark corpus: COUNT (default 10000) realistic TLS
# server certificates under two intermediates and two roots, reusing the
# test keys in data/keys (no key generation).
#   bench/gen-corpus.sh [OUTDIR [COUNT]]      (OUTDIR default: bench/corpus)
# Writes OUTDIR/leaves.pem, OUTDIR/cas.pem and OUTDIR/small.pem.  Needs
# python3 and openssl; signing goes through libcrypto in-process when
# python's ctypes can load it (about 10 s for 10,000), else one openssl
# process per certificate (slower).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/corpus}
count=${2:-10000}
python3 "$here/corpus.py" "$out" "$count" "$here/../data/keys"
n=$(grep -c 'BEGIN CERTIFICATE' "$out/leaves.pem")
echo "gen-corpus: $n leaves in $out/leaves.pem" \
    "($(wc -c <"$out/leaves.pem") bytes)"
# Spot check: the first two leaves (one per intermediate) must verify.
sed -n '1,/END CERTIFICATE/p' "$out/leaves.pem" >"$out/.first.pem"
awk 'n == 1 { print } /END CERTIFICATE/ { n++ }' "$out/leaves.pem" |
    sed -n '1,/END CERTIFICATE/p' >"$out/.second.pem"
for f in "$out/.first.pem" "$out/.second.pem"; do
	openssl verify -no_check_time -CAfile "$out/cas.pem" "$f" \
	    >/dev/null || { echo "gen-corpus: $f does not verify" >&2; exit 1; }
done
rm -f "$out/.first.pem" "$out/.second.pem"
