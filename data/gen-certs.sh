#!/bin/sh
# Regenerate every certificate fixture under data/.  Run by hand (never by
# make check):   sh data/gen-certs.sh [section...]
# Sections: certs chains tls bad list (default: all; list, which rewrites
# data/Makefile.inc, always runs last).
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
# tmpl/openssl.cnf reads both; every openssl ca run needs them defined.
OCA_DIR=$TMP/oca SCT_HEX=0000
export OCA_DIR SCT_HEX

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
	# Same as ca-int but with an EKU that leaves out serverAuth.
	ct $C/ca-int-eku-client.pem ca-int int 0x1109 valid $R tls_www_client
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
	bundle $C/chain-int-eku-client.pem $L $C/ca-int-eku-client.pem
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

# oca OUT SERIAL_HEX START END SUBJECT_KEY SUBJECT EXT_SECTION [ARG...]
# Issue OUT with `openssl ca` from the decode CA (certs/ca.pem, or
# $OCA_CERT with keys/$OCA_KEY.key); START and END are YYYYMMDDHHMMSSZ;
# extra ARGs go to openssl ca (-utf8, -name, -extfile ...).
oca()
{
	out=$1 serial=$2 start=$3 end=$4 skey=$5 subj=$6 ext=$7
	shift 7
	rm -rf "$OCA_DIR"
	mkdir -p "$OCA_DIR"
	: >"$OCA_DIR/index.txt"
	echo "$serial" >"$OCA_DIR/serial"
	openssl req -new -key "keys/$skey.key" -subj "/CN=request" \
	    -out "$OCA_DIR/req.csr" 2>"$TMP/log" || {
		cat "$TMP/log" >&2; die "openssl req: $out"; }
	openssl ca -batch -config tmpl/openssl.cnf -notext \
	    -cert "${OCA_CERT:-certs/ca.pem}" \
	    -keyfile "keys/${OCA_KEY:-certs-ca}.key" \
	    -in "$OCA_DIR/req.csr" -out "$out" -startdate "$start" \
	    -enddate "$end" -subj "$subj" -preserveDN -extensions "$ext" "$@" \
	    >"$TMP/log" 2>&1 || { cat "$TMP/log" >&2; die "openssl ca: $out"; }
	# openssl ca writes a PEM; keep only the certificate block.
	sed -n '/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p' \
	    "$out" >"$TMP/oca.pem"
	mv "$TMP/oca.pem" "$out"
}

# sans_cnf FILE FIRST LAST PRINTF_FORMAT [TYPE:VALUE...]: an openssl
# extension file with section ext_sans: a server profile whose SAN lists
# the TYPE:VALUE entries, then dNSNames FORMAT % FIRST..LAST.
sans_cnf()
{
	f=$1 first=$2 last=$3 fmt=$4
	shift 4
	{
		printf '[ ext_sans ]\nbasicConstraints = critical, CA:FALSE\n'
		printf 'keyUsage = critical, digitalSignature, keyEncipherment\n'
		printf 'extendedKeyUsage = serverAuth\n'
		printf 'subjectKeyIdentifier = hash\n'
		printf 'authorityKeyIdentifier = keyid\n'
		printf 'subjectAltName = @sans\n[ sans ]\n'
		n=0
		for e in "$@"; do
			n=$((n + 1))
			echo "${e%%:*}.$n = ${e#*:}"
		done
		awk -v a="$first" -v b="$last" -v f="$fmt" -v n="$n" \
		    'BEGIN { for (i = a; i <= b; i++) \
			printf "DNS.%d = " f "\n", ++n, i }'
	} >"$f"
}

V0=20000101000000Z
V1=20991231235959Z

gen_certs()
{
	C=certs
	newkey certs-ca rsa2048
	newkey certs-leaf p256
	newkey rsa2048 rsa2048
	newkey rsa4096 rsa4096
	newkey ecdsa-p256 p256
	newkey ecdsa-p384 p384
	newkey ed25519 ed25519

	ct $C/ca.pem certs-ca certs-ca 0x2001 valid self -
	CA="$C/ca.pem certs-ca"

	# One self-signed certificate per key type.
	for k in rsa2048:0x2101 rsa4096:0x2102 ecdsa-p256:0x2103 \
	    ecdsa-p384:0x2104 ed25519:0x2105; do
		n=${k%%:*}
		ct $C/$n.pem keytype $n ${k#*:} valid self - \
		    "cn = \"$n.example.com\"" "dns_name = \"$n.example.com\""
	done

	# Names.
	oca $C/multi-rdn.pem 2201 $V0 $V1 certs-leaf \
	    "/C=US/O=certshow tests/OU=Engineering+OU=Security/CN=multi.example.com+UID=multi" \
	    ext_multi_rdn -multivalue-rdn
	oca $C/utf8.pem 2202 $V0 $V1 certs-leaf \
	    "/C=DE/O=Bücher & Söhne GmbH/L=Zürich/OU=Ωμέγα 日本語 😀/CN=bücher.example" \
	    ext_utf8 -utf8
	oca $C/bmp.pem 2203 $V0 $V1 certs-leaf \
	    "/O=Bücher & Söhne GmbH/OU=Ωμέγα 日本語/CN=bücher.example" \
	    ext_utf8 -utf8 -name tca_bmp
	oca $C/ev.pem 2204 $V0 $V1 certs-leaf \
	    "/businessCategory=Private Organization/jurisdictionC=US/jurisdictionST=Delaware/serialNumber=5157550/street=1 Example Street/postalCode=94105/C=US/ST=California/L=San Francisco/O=Example Inc./CN=ev.example.com" \
	    ext_ev -utf8
	# NUL, control characters and invalid UTF-8: issue with placeholders
	# of the same length, then patch the bytes and sign again.
	ct $TMP/name-nul.pem plain certs-leaf 0x2205 valid $CA \
	    'cn = "www.example.comZ.evil.example"' \
	    'dns_name = "www.example.comZ.evil.example"'
	$DERUTIL resign $TMP/name-nul.pem $C/name-nul.pem \
	    --key keys/certs-ca.key --count 2 \
	    --sub 'www.example.comZ.evil' 'www.example.com\x00.evil'
	ct $TMP/name-ctrl.pem plain certs-leaf 0x2206 valid $CA \
	    'cn = "CTRL_PLACEHOLDER_abcdefghij"' \
	    'organization = "CTRL_PLACEHOLDER_abcdefghij"' \
	    'dns_name = "www.QQQQQ.example.com"'
	$DERUTIL resign $TMP/name-ctrl.pem $C/name-ctrl.pem \
	    --key keys/certs-ca.key --count 2 \
	    --sub 'CTRL_PLACEHOLDER_abcdefghij' \
	    '\x1b[31mred\x1b[0m\r\n\x07\x08\x7f\x1b]0;pwned\x07' \
	    --count 1 --sub 'www.QQQQQ.example' 'www.\x1b[2Jx.example'
	ct $TMP/name-bad-utf8.pem plain certs-leaf 0x2207 valid $CA \
	    'cn = "BAD_UTF8_PLACEHOLDER"' 'dns_name = "badutf8.example.com"'
	$DERUTIL resign $TMP/name-bad-utf8.pem $C/name-bad-utf8.pem \
	    --key keys/certs-ca.key \
	    --sub 'BAD_UTF8_PLACEHOLDER' 'bad8:\xc3\x28|\xff\xfe|\xe0\x80\xaf|\xed\xa0\x80|\xc3'

	# Subject alternative names.
	oca $C/san-all.pem 2301 $V0 $V1 certs-leaf \
	    "/O=certshow tests/CN=san-all.example.com" ext_san_all
	# certtool stops at 128 names per type: use openssl ca for this one.
	sans_cnf "$TMP/sans.cnf" 1 500 'host%03d.example.com'
	oca $C/many-sans.pem 2302 $V0 $V1 certs-leaf \
	    "/O=certshow tests/CN=host001.example.com" ext_sans \
	    -extfile "$TMP/sans.cnf"

	# Versions, serials, dates.
	ct $TMP/v1.pem plain certs-leaf 0x2401 valid $CA \
	    'cn = "v1.example.com"'
	certtool --generate-certificate --v1 --load-privkey keys/certs-leaf.key \
	    --load-ca-certificate $C/ca.pem --load-ca-privkey keys/certs-ca.key \
	    --template "$TMP/cert.tmpl" --no-text --outfile $C/v1.pem \
	    >"$TMP/log" 2>&1 || { cat "$TMP/log" >&2; die "certtool --v1"; }
	ct $TMP/no-ext.pem plain certs-leaf 0x2402 valid $CA \
	    'cn = "noext.example.com"'
	$DERUTIL resign $TMP/no-ext.pem $C/no-ext.pem \
	    --key keys/certs-ca.key --drop-extensions
	ct $C/serial-highbit.pem plain certs-leaf 0x008000000000000001 valid \
	    $CA 'cn = "serial-highbit.example.com"'
	ct $C/serial-20byte.pem plain certs-leaf \
	    0x7fa1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3 valid $CA \
	    'cn = "serial-20byte.example.com"'
	ct $TMP/serial-negative.pem plain certs-leaf 0x7e11223344556677 \
	    valid $CA 'cn = "serial-negative.example.com"'
	$DERUTIL resign $TMP/serial-negative.pem $C/serial-negative.pem \
	    --key keys/certs-ca.key \
	    --sub '\x02\x08\x7e\x11\x22\x33' '\x02\x08\xfe\x11\x22\x33'
	oca $C/dates-1969-2050.pem 2403 19690720201740Z 20500101000000Z \
	    certs-leaf "/O=certshow tests/CN=dates-1969-2050.example.com" \
	    ext_plain
	oca $C/dates-1949-9999.pem 2404 19491231235959Z 99991231235959Z \
	    certs-leaf "/O=certshow tests/CN=dates-1949-9999.example.com" \
	    ext_plain

	# Extensions.
	ct $C/aia-crldp.pem aia-crldp certs-leaf 0x2501 valid $CA
	ct $C/policies.pem policies certs-leaf 0x2502 valid $CA
	ct $C/name-constraints.pem name-constraints certs-leaf 0x2503 valid $CA
	ct $C/must-staple.pem must-staple certs-leaf 0x2504 valid $CA
	SCT_HEX=$($DERUTIL sct-list)
	export SCT_HEX
	oca $C/sct.pem 2505 $V0 $V1 certs-leaf \
	    "/O=certshow tests/CN=sct.example.com" ext_sct

	# Bundles and DER copies.
	bundle $C/bundle.pem $C/ca.pem $C/rsa2048.pem $C/ecdsa-p256.pem \
	    $C/ed25519.pem $C/san-all.pem
	openssl crl2pkcs7 -nocrl -certfile $C/bundle.pem -out $C/bundle.p7b
	openssl crl2pkcs7 -nocrl -certfile $C/bundle.pem -outform DER \
	    -out $C/bundle-der.p7b
	for f in $C/*.pem; do
		case $f in
		*/bundle.pem) continue ;;
		esac
		$DERUTIL pem2der "$f" "${f%.pem}.der"
	done
}

# ocsp_pair CERT PREFIX: good and revoked OCSP responses for CERT (issued
# by chains/ca-int.pem) signed by tls/ocsp-responder.pem, with fixed times:
# producedAt = thisUpdate = 2020-01-01, nextUpdate = 2099-12-01; the
# revoked one says revocationTime 2010-01-01, reason keyCompromise.
ocsp_pair()
{
	cert=$1 prefix=$2
	serial=$(openssl x509 -in "$cert" -noout -serial | sed 's/^serial=//')
	subj=$(openssl x509 -in "$cert" -noout -subject -nameopt compat |
	    sed 's/^subject=//')
	openssl ocsp -issuer chains/ca-int.pem -cert "$cert" -no_nonce \
	    -reqout "$TMP/req.der" >/dev/null 2>&1 || die "ocsp request"
	printf 'V\t991231235959Z\t\t%s\tunknown\t%s\n' "$serial" "$subj" \
	    >"$TMP/index-good"
	printf 'R\t991231235959Z\t100101000000Z,keyCompromise\t%s\tunknown\t%s\n' \
	    "$serial" "$subj" >"$TMP/index-revoked"
	for st in good revoked; do
		openssl ocsp -index "$TMP/index-$st" -CA chains/ca-int.pem \
		    -rsigner tls/ocsp-responder.pem -rkey keys/ocsp.key \
		    -rmd sha256 -reqin "$TMP/req.der" -ndays 1 \
		    -respout "$TMP/resp.der" >"$TMP/log" 2>&1 || {
			cat "$TMP/log" >&2; die "openssl ocsp"; }
		$DERUTIL ocsp-resign "$TMP/resp.der" "tls/$prefix-$st.der" \
		    --key keys/ocsp.key \
		    --times 20200101000000Z,20200101000000Z,20991201000000Z \
		    --keep-time 20100101000000Z
	done
}

gen_tls()
{
	C=chains T=tls
	newkey ocsp rsa2048
	I="$C/ca-int.pem int"

	cp $C/ca-root.pem $T/ca-root.pem
	ct $T/localhost.pem leaf-localhost leaf 0x3001 valid $I
	bundle $T/localhost-chain.pem $T/localhost.pem $C/ca-int.pem
	ct $T/wildcard.pem leaf-wildcard leaf 0x3002 valid $I
	bundle $T/wildcard-chain.pem $T/wildcard.pem $C/ca-int.pem

	# 10,000 SANs: localhost, 127.0.0.1, ::1 and n4..n10000.example.com.
	sans_cnf "$TMP/sans.cnf" 4 10000 'n%d.example.com' \
	    DNS:localhost IP:127.0.0.1 IP:::1
	OCA_CERT=$C/ca-int.pem OCA_KEY=int oca $T/many-sans.pem 3003 $V0 $V1 \
	    leaf "/O=certshow tests/CN=localhost" ext_sans \
	    -extfile "$TMP/sans.cnf"
	bundle $T/many-sans-chain.pem $T/many-sans.pem $C/ca-int.pem

	# 30 certificates: leaf (localhost), 28 intermediates, root.
	long_chain Chain30 30 leaf-localhost $T/chain-30.pem \
	    $T/ca-chain30-root.pem

	# ca-int signed by the root with SHA-1.
	ct $TMP/ca-int-sha1.pem ca-int int 0x3101 valid $C/ca-root.pem root
	$DERUTIL resign $TMP/ca-int-sha1.pem $T/ca-int-sha1.pem \
	    --key keys/root.key --digest sha1 \
	    --sub "$OID_RSA_SHA256" "$OID_RSA_SHA1"
	bundle $T/sha1-int-chain.pem $T/localhost.pem $T/ca-int-sha1.pem

	# OCSP.
	ct $T/ocsp-responder.pem ocsp-responder ocsp 0x3201 valid $I
	ocsp_pair $C/leaf.pem ocsp-leaf
	ocsp_pair $T/localhost.pem ocsp-localhost
}

# Malformed encodings, each made from certs/rsa2048.der (or a copy of
# chains/ca-int.pem patched and signed again, so only the encoding is wrong).
gen_bad()
{
	B=bad
	src=certs/rsa2048.der
	python3 - "$src" <<'PY'
import sys
der = open(sys.argv[1], "rb").read()
assert der[0] == 0x30 and der[1] == 0x82
body = der[4:]
def w(name, data):
    open("bad/" + name, "wb").write(data)
# Indefinite length outer SEQUENCE (BER, X.690 8.1.3.6).
w("ber-indefinite.der", b"\x30\x80" + body + b"\x00\x00")
# Outer length in three octets where two suffice (X.690 10.1).
w("nonminimal-length.der", b"\x30\x83\x00" + der[2:4] + body)
# Last 10 octets missing.
w("truncated.der", der[:-10])
# Four octets after the certificate.
w("trailing-data.der", der + b"JUNK")
# Outer length one larger than the data.
w("length-overflow.der", der[:2] + (len(body) + 1).to_bytes(2, "big") + body)
# Empty file.
w("empty.der", b"")
PY
	openssl x509 -in certs/rsa2048.pem -outform PEM >$B/truncated.pem
	# Drop the END line and the last base64 line.
	sed -i '$d' $B/truncated.pem
	sed -i '$d' $B/truncated.pem
	# A '!' in the middle of the base64 text.
	sed '3s/^\(....\)./\1!/' certs/rsa2048.pem >$B/bad-base64.pem
	# One base64 character too many (line 4) in an otherwise valid
	# anchor: the final group is incomplete.
	sed '4s/$/A/' chains/ca-root.pem >$B/anchor-base64-extra.pem
	# PEM without any certificate block.
	printf 'this is not a certificate\n' >$B/no-pem.pem
	# PEM label CERTIFICATE around a private key.
	$DERUTIL pem2der keys/leaf-rsa1024.key "$TMP/key.der"
	python3 -c 'import base64, sys
d = base64.b64encode(open(sys.argv[1], "rb").read()).decode()
print("-----BEGIN CERTIFICATE-----")
for i in range(0, len(d), 64):
    print(d[i:i + 64])
print("-----END CERTIFICATE-----")' "$TMP/key.der" >$B/key-as-cert.pem
	# BOOLEAN TRUE encoded as 01 instead of FF in basicConstraints cA
	# (BER, not DER: X.690 11.1), signature valid.
	$DERUTIL resign chains/ca-int.pem $B/ber-boolean.pem \
	    --key keys/root.key \
	    --sub '\x30\x03\x01\x01\xff' '\x30\x03\x01\x01\x01'
	# Serial 0x1101 replaced by 0x11 in two octets (00 11): a superfluous
	# leading zero (X.690 8.3.2),
	# signature valid.
	$DERUTIL resign chains/ca-int.pem $B/nonminimal-serial.pem \
	    --key keys/root.key \
	    --sub '\x02\x02\x11\x01' '\x02\x02\x00\x11'
}

# List every file this script owns under data/ for EXTRA_DIST (no
# wildcards, so make dist and distcheck see exactly what is committed).  `gen-certs.sh list`
# rewrites only this list.
gen_list()
{
	{
		echo "# Generated by data/gen-certs.sh: the files it owns under data/."
		echo "EXTRA_DIST += \\"
		find README.md gen-certs.sh derutil.py tmpl keys certs chains \
		    tls bad -type f ! -path '*/__pycache__/*' |
		    sort | sed 's|^|\tdata/|; s|$| \\|'
		printf '\tdata/Makefile.inc\n'
	} >Makefile.inc
}

section()
{
	echo "== $1" >&2
	"gen_$1"
}

if [ $# -eq 0 ]; then
	set -- certs chains tls bad
fi
for s in "$@"; do
	if [ "$s" != list ]; then
		section "$s"
	fi
done
section list

