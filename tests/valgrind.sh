#!/bin/sh
# valgrind.sh - the certshow CLI under valgrind's memcheck on a sample of
# data/: dump in every format, verify, asn1, lint and connect (against the
# loopback test server), on good and on malformed input, so error paths are
# covered too. Any memory error or definite leak fails the test.
#
# Skipped (77) without valgrind, and in sanitizer builds (valgrind and
# AddressSanitizer do not mix). Valgrind's own error exit code is 97, so
# it cannot be confused with certshow's exit codes (0-4).
set -u
: "${CERTSHOW:?}" "${TEST_DATA_DIR:?}" "${TEST_BUILDDIR:?}" "${TEST_SRCDIR:?}"
if ! command -v valgrind > /dev/null 2>&1; then
	echo "SKIP: valgrind not found"
	exit 77
fi
if grep -q -- '-fsanitize' "$TEST_BUILDDIR/Makefile" 2> /dev/null; then
	echo "SKIP: sanitizer build"
	exit 77
fi
D=$TEST_DATA_DIR
TMP=$(mktemp -d "${TMPDIR:-/tmp}/valgrind.XXXXXX") || exit 99
SPID=
cleanup()
{
	if [ -n "$SPID" ]; then
		kill "$SPID" 2> /dev/null
		wait "$SPID" 2> /dev/null
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
fail=0
n=0
start=$(date +%s)

# vg WANT_EXIT ARGS...: run certshow ARGS under memcheck (through libtool,
# so the uninstalled shared library is used).
vg()
{
	want=$1
	shift
	n=$((n + 1))
	"$TEST_BUILDDIR/libtool" --mode=execute valgrind -q \
	    --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite \
	    --error-exitcode=97 \
	    --suppressions="$TEST_SRCDIR/tests/valgrind.supp" \
	    --log-file="$TMP/vg.$n" \
	    "$CERTSHOW" "$@" > "$TMP/out" 2> "$TMP/err"
	rc=$?
	if [ "$rc" -ne "$want" ] || [ -s "$TMP/vg.$n" ]; then
		echo "FAIL: certshow $*: exit $rc, want $want"
		sed 's/^/  valgrind: /' "$TMP/vg.$n" | head -n 40
		sed 's/^/  stderr: /' "$TMP/err" | head -n 5
		fail=1
	else
		echo "ok $n - certshow $1 (exit $rc)"
	fi
}

NOW=--at=@1700000000
GOOD="$D/certs/san-all.pem $D/certs/bundle.p7b $D/certs/name-nul.pem
$D/certs/name-ctrl.pem $D/certs/name-bad-utf8.pem $D/certs/sct.pem
$D/certs/policies.pem $D/certs/name-constraints.pem $D/certs/ed25519.der
$D/certs/bmp.pem $D/certs/dates-1949-9999.pem $D/certs/serial-negative.pem"
BAD="$D/bad/truncated.der $D/bad/ber-indefinite.der $D/bad/trailing-data.der
$D/bad/length-overflow.der $D/bad/nonminimal-serial.pem $D/bad/bad-base64.pem
$D/bad/key-as-cert.pem $D/load/missing-end.pem $D/load/truncated.pem
$D/bad/empty.der $D"

# --- dump: every format, good input; then malformed input (exit 3). ---
for f in text json python pem; do
	# shellcheck disable=SC2086
	vg 0 dump $NOW -f $f $GOOD
done
# shellcheck disable=SC2086
vg 3 dump $NOW -f json $BAD
# shellcheck disable=SC2086
vg 3 dump $NOW $BAD

# --- verify: a verified chain, defects (exit 1), both formats. ---
AT=--at=2050-01-01T00:00:00Z
C=$D/chains
vg 0 verify $AT --cafile "$C/ca-root.pem" --host www.example.com \
    "$C/chain-valid.pem" "$C/chain-out-of-order.pem" \
    "$C/chain-duplicated.pem"
vg 1 verify $AT --cafile "$C/ca-root.pem" --host www.example.com \
    "$C/chain-leaf-expired.pem" "$C/chain-loop.pem" "$C/chain-wronghost.pem" \
    "$C/chain-nc-violated.pem" "$C/chain-missing-int.pem" \
    "$C/chain-int-noca.pem" "$C/chain-md5.pem"
vg 1 verify $AT -f json --cafile "$C/trust-both-roots.pem" \
    --untrusted "$C/ca-int-cross.pem" --host www.example.com \
    "$C/chain-pathlen.pem" "$C/chain-critext.pem" "$C/chain-rsa1024.pem" \
    "$C/chain-cross.pem"
vg 3 verify $AT --cafile "$D/bad/truncated.der" "$C/chain-valid.pem"

# --- asn1 and lint, when this build has them. ---
if "$CERTSHOW" help asn1 > /dev/null 2>&1; then
	vg 0 asn1 "$D/certs/san-all.pem"
	# Not DER: shown with notes, exit 1.
	vg 1 asn1 "$D/bad/ber-indefinite.der"
fi
if "$CERTSHOW" help lint > /dev/null 2>&1; then
	"$CERTSHOW" lint $NOW "$D/certs/policies.pem" > /dev/null 2>&1
	vg $? lint $NOW "$D/certs/policies.pem"
	"$CERTSHOW" lint $NOW -f json "$D/bad/nonminimal-serial.pem" \
	    > /dev/null 2>&1
	vg $? lint $NOW -f json "$D/bad/nonminimal-serial.pem"
fi

# --- connect: the loopback test server, one handshake per run. ---
SERVER=$TEST_BUILDDIR/tests/e2e/tls-server
if [ -x "$SERVER" ] && "$CERTSHOW" help connect > /dev/null 2>&1; then
	for mode in normal garbage; do
		: > "$TMP/port"
		"$SERVER" --chain "$C/chain-valid.pem" --key "$D/keys/leaf.key" \
		    --mode $mode > "$TMP/port" 2> /dev/null &
		SPID=$!
		i=0
		while [ ! -s "$TMP/port" ] && [ $i -lt 100 ]; do
			sleep 0.05
			i=$((i + 1))
		done
		port=$(cat "$TMP/port")
		if [ $mode = normal ]; then
			want=0
		else
			want=3
		fi
		vg $want connect "127.0.0.1:$port" $AT --host www.example.com \
		    --cafile "$C/ca-root.pem" -f json
		kill "$SPID" 2> /dev/null
		wait "$SPID" 2> /dev/null
		SPID=
	done
fi

echo "$n runs in $(( $(date +%s) - start ))s"
exit $fail
