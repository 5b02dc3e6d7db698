#!/bin/sh
# pkits.sh - the NIST PKITS paths through bench/pkits: certificates and
# CRLs from the python3-cryptography-vectors package (its
# x509/PKITS_data), expected results and policy inputs from
# ../shared/pkits/cases.tsv next to the source tree. Skips (77) when
# either is absent.
#
# Gate: no false accept and no error in any row: `basic`, `policy` and
# `crl` (RFC 5280 6.3 revocation checking).
set -u
srcdir=${TEST_SRCDIR:-.}
builddir=${TEST_BUILDDIR:-.}
cases="$srcdir/../shared/pkits/cases.tsv"
if [ ! -r "$cases" ]; then
	echo "SKIP: $cases not found"
	exit 77
fi
data=${PKITS_DATA:-}
if [ -z "$data" ]; then
	for d in $(python3 -c 'import os, cryptography_vectors as v; print(os.path.dirname(v.__file__))' 2>/dev/null) \
	    /usr/lib/python3/dist-packages/cryptography_vectors; do
		if [ -d "$d/x509/PKITS_data/certs" ]; then
			data="$d/x509/PKITS_data"
			break
		fi
	done
fi
if [ -z "$data" ] || [ ! -d "$data/certs" ]; then
	echo "SKIP: PKITS_data not found (install python3-cryptography-vectors or set PKITS_DATA)"
	exit 77
fi
exec "$builddir/bench/pkits" --gate basic,policy,crl "$data" "$cases"
