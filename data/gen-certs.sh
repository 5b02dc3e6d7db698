#!/bin/sh
# Regenerate every certificate fixture under data/.  Run by hand (never by
# make check):   sh data/gen-certs.sh [section...]
# Sections: chains certs tls bad (default: all, in that order).
#
# Needs certtool (GnuTLS >= 3.7), openssl (>= 3.0) and python3 (stdlib).
# Keys in data/keys/ are created only when missing and are otherwise
# reused, so a rerun reproduces the RSA and Ed25519 signed files byte for
# byte (fixed serials, fixed dates); ECDSA signatures differ per run.
#
# Validity windows sit far from "now" so tests never depend on the clock:
#   valid          2000-01-01 00:00:00Z .. 2099-12-31 23:59:59Z
#   expired        2000-01-01 00:00:00Z .. 2001-01-01 00:00:00Z
#   not yet valid  2090-01-01 00:00:00Z .. 2099-12-31 23:59:59Z
set -eu

cd "$(dirname "$0")"
export TZ=UTC LC_ALL=C
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
mkdir -p keys certs chains tls bad
DERUTIL="python3 derutil.py"

die()
{
	echo "gen-certs.sh: $*" >&2
	exit 1
}

# newkey NAME rsaBITS|p256|p384|ed25519: create keys/NAME.key once.
newkey()
{
	f=keys/$1.key
	if [ -s "$f" ]; then
		return 0
	fi
	case $2 in
	rsa*)	set -- -algorithm RSA -pkeyopt "rsa_keygen_bits:${2#rsa}" ;;
	p256)	set -- -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
		    -pkeyopt ec_param_enc:named_curve ;;
	p384)	set -- -algorithm EC -pkeyopt ec_paramgen_curve:P-384 \
		    -pkeyopt ec_param_enc:named_curve ;;
	ed25519) set -- -algorithm ED25519 ;;
	*)	die "unknown key type $2" ;;
	esac
	openssl genpkey "$@" -out "$f" 2>/dev/null || die "genpkey $f"
}

# validity valid|expired|notyet: certtool template date lines.
validity()
{
	case $1 in
	valid)	 a="2000-01-01 00:00:00"; e="2099-12-31 23:59:59" ;;
	expired) a="2000-01-01 00:00:00"; e="2001-01-01 00:00:00" ;;
	notyet)	 a="2090-01-01 00:00:00"; e="2099-12-31 23:59:59" ;;
	*)	die "unknown validity $1" ;;
	esac
	printf 'activation_date = "%s UTC"\nexpiration_date = "%s UTC"\n' \
	    "$a" "$e"
}

# ct OUT TMPL KEY SERIAL VALIDITY ISSUER_CERT|self ISSUER_KEY [LINE...]
# Issue OUT from tmpl/TMPL.tmpl plus serial, dates and the extra template
# LINEs (and the file $XTMPL when set).  $HASH overrides certtool's
# default digest (SHA-256 for RSA and ECDSA).
ct()
{
	out=$1 tmpl=$2 key=$3 serial=$4 val=$5 icert=$6 ikey=$7
	shift 7
	t=$TMP/cert.tmpl
	{
		cat "tmpl/$tmpl.tmpl"
		echo "serial = $serial"
		validity "$val"
		for l in "$@"; do
			echo "$l"
		done
		if [ -n "${XTMPL:-}" ]; then
			cat "$XTMPL"
		fi
	} >"$t"
	if [ "$icert" = self ]; then
		set -- --generate-self-signed
	else
		set -- --generate-certificate --load-ca-certificate "$icert" \
		    --load-ca-privkey "keys/$ikey.key"
	fi
	certtool "$@" --load-privkey "keys/$key.key" --template "$t" \
	    ${HASH:+--hash "$HASH"} --no-text --outfile "$out" \
	    >"$TMP/log" 2>&1 || { cat "$TMP/log" >&2; die "certtool: $out"; }
}

# bundle OUT IN...: concatenate PEM files.
bundle()
{
	out=$1
	shift
	cat "$@" >"$out"
}

# Signature algorithm OIDs as DER TLVs (same length, so derutil can swap
# them in place): sha256WithRSAEncryption, sha1With..., md5With...
OID_RSA_SHA256='\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0b'
OID_RSA_SHA1='\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x05'
OID_RSA_MD5='\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x04'

# long_chain PREFIX N LEAF_TMPL OUT_CHAIN OUT_ROOT: a chain of N
# certificates (leaf, N-2 intermediates, root), each CA with its own
# Ed25519 key keys/long-NN.key; OUT_CHAIN holds all N, leaf first.
long_chain()
{
	prefix=$1 n=$2 ltmpl=$3 ochain=$4 oroot=$5
	ncas=$((n - 1))
	i=0
	files=
	while [ $i -lt $ncas ]; do
		nn=$(printf %02d $i)
		newkey "long-$nn" ed25519
		f=$TMP/$prefix-$nn.pem
		cn="cn = \"certshow Test $prefix CA $nn\""
		if [ $i -eq 0 ]; then
			ct "$f" ca-long "long-$nn" "0x50$nn" valid self - "$cn"
		else
			ct "$f" ca-long "long-$nn" "0x50$nn" valid "$prev" \
			    "long-$pnn" "$cn"
		fi
		files="$f $files"
		prev=$f pnn=$nn
		i=$((i + 1))
	done
	ct "$TMP/$prefix-leaf.pem" "$ltmpl" leaf 0x5999 valid "$prev" \
	    "long-$pnn"
	# shellcheck disable=SC2086
	bundle "$ochain" "$TMP/$prefix-leaf.pem" $files
	cp "$TMP/$prefix-00.pem" "$oroot"
}

gen_chains()
{
	C=chains
	for k in root root-b root-samename int sub leaf loop-x loop-y; do
		newkey $k rsa2048
	done
	newkey leaf-rsa1024 rsa1024

	# Roots.
	ct $C/ca-root.pem ca-root root 0x1001 valid self -
	ct $C/ca-root-expired.pem ca-root root 0x1002 expired self -
	ct $C/ca-root-notyet.pem ca-root root 0x1003 notyet self -
	ct $C/ca-root-samename.pem ca-root root-samename 0x1004 valid self -
	ct $C/ca-root-b.pem ca-root-b root-b 0x1005 valid self -

	# Intermediates: all share the subject and key of ca-int, so each
	# can stand in for it under the same leaves.
	R="$C/ca-root.pem root"
	ct $C/ca-int.pem ca-int int 0x1101 valid $R
	ct $C/ca-int-expired.pem ca-int int 0x1102 expired $R
	ct $C/ca-int-notyet.pem ca-int int 0x1103 notyet $R
	ct $C/ca-int-pathlen0.pem ca-int-pathlen0 int 0x1104 valid $R
	ct $C/ca-int-noca.pem ca-int-noca int 0x1105 valid $R
	ct $C/ca-int-nokeycertsign.pem ca-int-nokeycertsign int 0x1106 \
	    valid $R
	ct $C/ca-int-nc.pem ca-int-nc int 0x1107 valid $R
	ct $C/ca-int-cross.pem ca-int int 0x1108 valid $C/ca-root-b.pem root-b
	ct $C/ca-sub.pem ca-sub sub 0x1201 valid $C/ca-int.pem int

	# Leaves under ca-int.
	I="$C/ca-int.pem int"
	ct $C/leaf.pem leaf leaf 0x1301 valid $I
	ct $C/leaf-expired.pem leaf leaf 0x1302 expired $I
	ct $C/leaf-notyet.pem leaf leaf 0x1303 notyet $I
	ct $C/leaf-wronghost.pem leaf-wronghost leaf 0x1304 valid $I
	ct $C/leaf-wildcard.pem leaf-wildcard leaf 0x1305 valid $I
	ct $C/leaf-ip.pem leaf-ip leaf 0x1306 valid $I
	ct $C/leaf-org.pem leaf-org leaf 0x1307 valid $I
	ct $C/leaf-clientauth.pem leaf-clientauth leaf 0x1308 valid $I
	ct $C/leaf-critext.pem leaf-critext leaf 0x1309 valid $I
	ct $C/leaf-rsa1024.pem leaf leaf-rsa1024 0x130a valid $I
	# SHA-1 and MD5: issue with SHA-256, swap the algorithm OID and sign
	# the to-be-signed bytes again (GnuTLS refuses to sign with either).
	ct $TMP/leaf-sha1.pem leaf leaf 0x130b valid $I
	$DERUTIL resign $TMP/leaf-sha1.pem $C/leaf-sha1.pem \
	    --key keys/int.key --digest sha1 --count 1 \
	    --sub "$OID_RSA_SHA256" "$OID_RSA_SHA1"
	ct $TMP/leaf-md5.pem leaf leaf 0x130c valid $I
	$DERUTIL resign $TMP/leaf-md5.pem $C/leaf-md5.pem \
	    --key keys/int.key --digest md5 --count 1 \
	    --sub "$OID_RSA_SHA256" "$OID_RSA_MD5"
	ct $C/leaf-sub.pem leaf leaf 0x1310 valid $C/ca-sub.pem sub

	# The loop: X and Y certify each other; Y also has a certificate
	# from the root (the exit used by the valid twin).
	ct $C/ca-loop-y-by-root.pem ca-loop-y loop-y 0x1401 valid $R
	ct $C/ca-loop-x-by-y.pem ca-loop-x loop-x 0x1402 valid \
	    $C/ca-loop-y-by-root.pem loop-y
	ct $C/ca-loop-y-by-x.pem ca-loop-y loop-y 0x1403 valid \
	    $C/ca-loop-x-by-y.pem loop-x
	ct $C/leaf-loop.pem leaf leaf 0x1404 valid $C/ca-loop-x-by-y.pem loop-x

	# Presented chains (leaf first).
	L=$C/leaf.pem
	bundle $C/chain-valid.pem $L $C/ca-int.pem
	bundle $C/chain-leaf-expired.pem $C/leaf-expired.pem $C/ca-int.pem
	bundle $C/chain-leaf-notyet.pem $C/leaf-notyet.pem $C/ca-int.pem
	bundle $C/chain-int-expired.pem $L $C/ca-int-expired.pem
	bundle $C/chain-int-notyet.pem $L $C/ca-int-notyet.pem
	bundle $C/chain-wronghost.pem $C/leaf-wronghost.pem $C/ca-int.pem
	bundle $C/chain-wildcard.pem $C/leaf-wildcard.pem $C/ca-int.pem
	bundle $C/chain-ip.pem $C/leaf-ip.pem $C/ca-int.pem
	bundle $C/chain-missing-int.pem $L
	bundle $C/chain-deep.pem $C/leaf-sub.pem $C/ca-sub.pem $C/ca-int.pem
	bundle $C/chain-out-of-order.pem $C/leaf-sub.pem $C/ca-int.pem \
	    $C/ca-sub.pem
	bundle $C/chain-duplicated.pem $L $C/ca-int.pem $C/ca-int.pem
	bundle $C/chain-alt-path.pem $L $C/ca-int-expired.pem $C/ca-int.pem
	bundle $C/chain-cross.pem $L $C/ca-int-expired.pem $C/ca-int-cross.pem
	bundle $C/chain-pathlen.pem $C/leaf-sub.pem $C/ca-sub.pem \
	    $C/ca-int-pathlen0.pem
	bundle $C/chain-int-noca.pem $L $C/ca-int-noca.pem
	bundle $C/chain-int-nokeycertsign.pem $L $C/ca-int-nokeycertsign.pem
	bundle $C/chain-clientauth.pem $C/leaf-clientauth.pem $C/ca-int.pem
	bundle $C/chain-nc-ok.pem $L $C/ca-int-nc.pem
	bundle $C/chain-nc-violated.pem $C/leaf-org.pem $C/ca-int-nc.pem
	bundle $C/chain-org.pem $C/leaf-org.pem $C/ca-int.pem
	bundle $C/chain-critext.pem $C/leaf-critext.pem $C/ca-int.pem
	bundle $C/chain-sha1.pem $C/leaf-sha1.pem $C/ca-int.pem
	bundle $C/chain-md5.pem $C/leaf-md5.pem $C/ca-int.pem
	bundle $C/chain-rsa1024.pem $C/leaf-rsa1024.pem $C/ca-int.pem
	bundle $C/chain-loop.pem $C/leaf-loop.pem $C/ca-loop-x-by-y.pem \
	    $C/ca-loop-y-by-x.pem
	bundle $C/chain-loop-exit.pem $C/leaf-loop.pem $C/ca-loop-x-by-y.pem \
	    $C/ca-loop-y-by-root.pem $C/ca-loop-y-by-x.pem

	# Trust bundles.
	bundle $C/trust-samename-first.pem $C/ca-root-samename.pem \
	    $C/ca-root.pem
	bundle $C/trust-root-and-int.pem $C/ca-root.pem $C/ca-int.pem
	bundle $C/trust-both-roots.pem $C/ca-root.pem $C/ca-root-b.pem

	# 50 certificates: leaf, 48 intermediates, root.
	long_chain Chain50 50 leaf $C/chain-50.pem $C/ca-chain50-root.pem
}

section()
{
	echo "== $1" >&2
	"gen_$1"
}

if [ $# -eq 0 ]; then
	set -- chains certs tls bad
fi
for s in "$@"; do
	section "$s"
done
