#!/bin/sh
# fetch-bench.sh - wall time of "connect, fetch the chain, verify it"
# against the loopback test server, for certshow and three reference
# clients: openssl s_client -showcerts, gnutls-cli --print-cert and a
# Python ssl script (create_default_context(cafile=...) + getpeercert()).
# Each is run N times (default 30) with two trust stores: a two-root CA
# file and the system bundle plus our root. Prints medians and the ratio
# to certshow. Run from a built tree: bench/fetch-bench.sh [N]
set -eu
N=${1:-30}
top=$(cd "$(dirname "$0")/.." && pwd)
D=$top/data
CERTSHOW=${CERTSHOW:-$top/tools/certshow}
SERVER=${SERVER:-$top/tests/e2e/tls-server}
SYSBUNDLE=${SYSBUNDLE:-/etc/ssl/certs/ca-certificates.crt}
HOST=www.example.com
for f in "$CERTSHOW" "$SERVER"; do
	[ -x "$f" ] || { echo "build first: $f missing" >&2; exit 1; }
done
# In a build tree tools/certshow is a libtool wrapper script: time the
# real binary instead, not a shell's startup.
if [ -x "$top/tools/.libs/certshow" ] && [ "$CERTSHOW" = "$top/tools/certshow" ]
then
	CERTSHOW=$top/tools/.libs/certshow
	LD_LIBRARY_PATH=$top/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
	export LD_LIBRARY_PATH
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fetch-bench.XXXXXX")
SPID=""
trap 'if [ -n "$SPID" ]; then kill "$SPID" 2>/dev/null; fi; rm -rf "$tmp"' EXIT INT TERM

"$SERVER" --chain "$D/chains/chain-valid.pem" --key "$D/keys/leaf.key" \
    > "$tmp/port" 2> "$tmp/server.err" &
SPID=$!
while [ ! -s "$tmp/port" ]; do sleep 0.05; done
PORT=$(cat "$tmp/port")

cp "$D/chains/trust-both-roots.pem" "$tmp/two-roots.pem"
if [ -r "$SYSBUNDLE" ]; then
	cat "$SYSBUNDLE" "$D/chains/ca-root.pem" > "$tmp/system.pem"
	bundles="two-roots system"
else
	bundles="two-roots"
fi

# The interpreter itself, not a version manager's shim script.
PYTHON=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null || true)

cat > "$tmp/py.py" <<'PY'
import socket, ssl, sys
ctx = ssl.create_default_context(cafile=sys.argv[1])
with socket.create_connection(("127.0.0.1", int(sys.argv[2]))) as s:
    with ctx.wrap_socket(s, server_hostname=sys.argv[3]) as t:
        t.getpeercert()
PY

# One client run: $1 tool, $2 CA file. Exit status must be 0 (verified).
run_tool() {
	case $1 in
	certshow)
		"$CERTSHOW" connect "127.0.0.1:$PORT" --host "$HOST" \
		    --cafile "$2" > /dev/null ;;
	openssl)
		openssl s_client -connect "127.0.0.1:$PORT" -servername "$HOST" \
		    -showcerts -CAfile "$2" -verify_hostname "$HOST" \
		    -verify_return_error < /dev/null > /dev/null 2>&1 ;;
	gnutls-cli)
		gnutls-cli --print-cert --x509cafile="$2" --port="$PORT" \
		    --sni-hostname="$HOST" --verify-hostname="$HOST" 127.0.0.1 \
		    < /dev/null > /dev/null 2>&1 ;;
	python3)
		"$PYTHON" "$tmp/py.py" "$2" "$PORT" "$HOST" ;;
	esac
}

now_ns() { date +%s%N; }

# median of N runs in microseconds
measure() {
	i=0
	: > "$tmp/times"
	while [ $i -lt "$N" ]; do
		t0=$(now_ns)
		if ! run_tool "$1" "$2"; then
			echo "FAILED" ; return
		fi
		t1=$(now_ns)
		echo $(( (t1 - t0) / 1000 )) >> "$tmp/times"
		i=$((i + 1))
	done
	sort -n "$tmp/times" | awk '{ a[NR] = $1 } END {
	    if (NR % 2) print a[(NR + 1) / 2];
	    else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}

printf "%-10s %-10s %12s %8s\n" "trust" "tool" "median(us)" "ratio"
for b in $bundles; do
	ca=$tmp/$b.pem
	base=""
	for tool in certshow openssl gnutls-cli python3; do
		if [ "$tool" != certshow ] && ! command -v "$tool" >/dev/null 2>&1; then
			continue
		fi
		m=$(measure "$tool" "$ca")
		if [ "$m" = FAILED ]; then
			printf "%-10s %-10s %12s\n" "$b" "$tool" "failed"
			continue
		fi
		[ -z "$base" ] && base=$m
		printf "%-10s %-10s %12s %8s\n" "$b" "$tool" "$m" \
		    "$(awk -v a="$m" -v b="$base" 'BEGIN { printf "%.2f", a / b }')"
	done
done
