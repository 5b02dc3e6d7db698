#!/bin/sh
# golden.sh - `certshow dump` in every output format, compared byte for
# byte with tests/golden/dump.{txt,json,py,pem}. The reference time is
# fixed with --at, so relative expiry text does not depend on the clock.
#
# Regenerate after an intended change (and review the diff):
#   make update-golden        (or: tests/e2e/golden.sh --update)
set -u
here=$(cd "$(dirname "$0")" && pwd)
srcdir=${TEST_SRCDIR:-$here/../..}
data=${TEST_DATA_DIR:-$srcdir/data}
certshow=${CERTSHOW:-$srcdir/tools/certshow}
golden=$srcdir/tests/golden
update=0
[ "${1:-}" = "--update" ] && update=1

# One fixture per kind of field: every SAN type, hostile control
# characters, AIA/CRL DP, SCTs, name constraints, multi-valued RDNs,
# BMPString, a negative serial.
fixtures="certs/san-all.pem certs/name-ctrl.pem certs/aia-crldp.pem
certs/sct.pem certs/name-constraints.pem certs/multi-rdn.pem certs/bmp.pem
certs/serial-negative.pem certs/policies.pem certs/must-staple.pem
lint/policy-qualifiers-clean.pem"
now=2024-01-01T00:00:00Z

tmp=${TMPDIR:-/tmp}/golden.$$
trap 'rm -f "$tmp"' EXIT
status=0
for fmt in text:txt json:json python:py pem:pem; do
	name=${fmt%%:*}
	ext=${fmt#*:}
	# Relative paths: the "source" fields must not name this machine.
	(cd "$data" && NO_COLOR=1 "$certshow" dump --format "$name" \
	    --at "$now" $fixtures) > "$tmp"
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "FAIL: certshow dump --format $name exited $rc"
		status=1
		continue
	fi
	if [ $update -eq 1 ]; then
		mkdir -p "$golden"
		cp "$tmp" "$golden/dump.$ext"
		echo "updated tests/golden/dump.$ext"
	elif ! cmp -s "$tmp" "$golden/dump.$ext"; then
		echo "FAIL: --format $name differs from tests/golden/dump.$ext:"
		diff -u "$golden/dump.$ext" "$tmp" | head -50
		status=1
	else
		echo "PASS: --format $name"
	fi
done
exit $status
