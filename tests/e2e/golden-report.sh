#!/bin/sh
# golden-report.sh - the short report of 'certshow verify' (files) and of
# 'certshow HOST' (tests/e2e/tls-server on 127.0.0.1), compared byte for
# byte with tests/golden/report/*.txt: a healthy chain, an expired leaf,
# a missing intermediate, a wrong host (and, for HOST, --insecure-no-verify
# and SSL_CERT_FILE). Each case runs three ways: through a pipe (no
# colour), on a pseudo-terminal (`script`, colour: NAME.color.txt) and on
# a pseudo-terminal with NO_COLOR set (no colour again). The
# verification time is pinned with --at and the server's port is masked
# as PORT; every exit status is checked too.
#
# Regenerate after an intended change (and review the diff):
#   make update-golden        (or: tests/e2e/golden-report.sh --update)
set -u
here=$(cd "$(dirname "$0")" && pwd)
srcdir=${TEST_SRCDIR:-$here/../..}
data=${TEST_DATA_DIR:-$srcdir/data}
certshow=${CERTSHOW:-$srcdir/tools/certshow}
builddir=${TEST_BUILDDIR:-$srcdir}
server=$builddir/tests/e2e/tls-server
golden=$srcdir/tests/golden/report
update=0
[ "${1:-}" = "--update" ] && update=1
if [ ! -x "$certshow" ]; then
	echo "SKIP: no certshow binary"; exit 77
fi
pty=1
if ! command -v script >/dev/null 2>&1 ||
    ! script -qec true /dev/null >/dev/null 2>&1; then
	echo "note: no usable 'script': the colour cases are skipped"
	pty=0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/golden-report.XXXXXX")
SPID=""
cleanup() {
	if [ -n "$SPID" ]; then
		kill "$SPID" 2>/dev/null
		wait "$SPID" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
# The environment must not choose the colours or the trust store.
unset NO_COLOR SSL_CERT_FILE SSL_CERT_DIR
status=0
PORT=""

# compare NAME FILE: FILE against tests/golden/report/NAME.
compare() {
	if [ $update -eq 1 ]; then
		mkdir -p "$golden"
		cp "$2" "$golden/$1"
		echo "updated tests/golden/report/$1"
	elif ! cmp -s "$2" "$golden/$1"; then
		echo "FAIL: $3: differs from tests/golden/report/$1:"
		diff -u "$golden/$1" "$2" | head -40
		status=1
	else
		echo "PASS: $3"
	fi
}

# Quote each argument for sh -c.
quote() {
	for a in "$@"; do
		printf "'%s' " "$(printf '%s' "$a" | sed "s/'/'\\\\''/g")"
	done
}

# case NAME WANT_EXIT ARGS...: run certshow ARGS in data/chains (relative
# file names: nothing of this machine in the goldens) three ways.
check() {
	cname=$1 want=$2
	shift 2
	mask="s/port $PORT\\b/port PORT/g"
	[ -z "$PORT" ] && mask="s/^//"
	(cd "$data/chains" && "$certshow" "$@") 2> "$tmp/err" |
	    sed "$mask" > "$tmp/out"
	(cd "$data/chains" && "$certshow" "$@" > /dev/null 2>&1)
	got=$?
	if [ "$got" != "$want" ]; then
		echo "FAIL: $cname: exit $got, want $want"
		sed 's/^/  stderr: /' "$tmp/err" | head -5
		status=1
	fi
	compare "$cname.txt" "$tmp/out" "$cname (pipe)"
	[ $pty -eq 1 ] || return 0
	cmd="cd $(quote "$data/chains") && $(quote "$certshow" "$@") 2>/dev/null"
	# script(1) turns each newline into CR LF on the terminal.
	script -qec "$cmd" /dev/null < /dev/null | tr -d '\r' |
	    sed "$mask" > "$tmp/tty"
	compare "$cname.color.txt" "$tmp/tty" "$cname (terminal)"
	NO_COLOR=1 script -qec "$cmd" /dev/null < /dev/null | tr -d '\r' |
	    sed "$mask" > "$tmp/tty"
	if [ $update -eq 0 ]; then
		compare "$cname.txt" "$tmp/tty" "$cname (terminal, NO_COLOR)"
	fi
}

AT=2024-01-01T00:00:00Z
H="--host www.example.com"

# --- certshow verify FILE ------------------------------------------------
check verify-valid 0 verify --at $AT --cafile ca-root.pem $H chain-valid.pem
check verify-expired-leaf 1 verify --at $AT --cafile ca-root.pem $H \
    chain-leaf-expired.pem
check verify-missing-intermediate 1 verify --at $AT --cafile ca-root.pem \
    $H chain-missing-int.pem
check verify-wrong-host 1 verify --at $AT --cafile ca-root.pem $H \
    chain-wronghost.pem
check file-valid 0 chain-valid.pem --at $AT --cafile ca-root.pem $H

# --- certshow HOST -------------------------------------------------------
if [ ! -x "$server" ]; then
	echo "note: no tests/e2e/tls-server: the HOST cases are skipped"
	exit $status
fi
start_server() {
	: > "$tmp/port"
	"$server" "$@" > "$tmp/port" 2> "$tmp/server.err" &
	SPID=$!
	i=0
	while [ ! -s "$tmp/port" ]; do
		if ! kill -0 "$SPID" 2>/dev/null || [ $i -ge 600 ]; then
			echo "FAIL: server did not start: $(cat "$tmp/server.err")"
			wait "$SPID" 2>/dev/null
			SPID=""
			status=1
			return 1
		fi
		sleep 0.05
		i=$((i + 1))
	done
	PORT=$(cat "$tmp/port")
}
stop_server() {
	kill "$SPID" 2>/dev/null
	wait "$SPID" 2>/dev/null
	SPID=""
	PORT=""
}
# host NAME WANT_EXIT CHAIN [certshow options]: one server, one case.
host() {
	hname=$1 hwant=$2 hchain=$3
	shift 3
	start_server --chain "$data/chains/$hchain" --key "$data/keys/leaf.key" \
	    --tls13 || return
	check "$hname" "$hwant" "127.0.0.1:$PORT" --at $AT "$@"
	stop_server
}
host host-valid 0 chain-valid.pem $H --cafile ca-root.pem
host host-expired-leaf 1 chain-leaf-expired.pem $H --cafile ca-root.pem
host host-missing-intermediate 1 chain-missing-int.pem $H \
    --cafile ca-root.pem
host host-wrong-host 1 chain-valid.pem --host www.example.net \
    --cafile ca-root.pem
host host-insecure 0 chain-valid.pem $H --insecure-no-verify
# SSL_CERT_FILE names the anchors when no --cafile is given; the report
# says so.
SSL_CERT_FILE=ca-root.pem
export SSL_CERT_FILE
host host-ssl-cert-file 0 chain-valid.pem $H
unset SSL_CERT_FILE
exit $status
