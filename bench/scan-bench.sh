#!/bin/sh
# scan-bench.sh - 'certshow scan' against N distinct loopback endpoints
# (one tests/e2e/tls-server process listening on N ports of 127.0.0.1,
# a thread per connection, so every endpoint answers at once), versus
# the same scan with -j 1, a shell loop of 'certshow HOST' and a shell
# loop of 'openssl s_client' over the same N targets: wall time and CPU
# (user+sys of the client side, GNU time), with ratios against the
# openssl loop. Then peak RSS of 'scan -j 32' at N and at BIG targets
# (BIG lines cycling over the N endpoints): streaming means it is flat.
#
#   bench/scan-bench.sh [N] [BIG]     (run from the build directory;
#                                      defaults 1000 and 10000)
#
# DELAY=MS (default 0) makes the server wait MS milliseconds before it
# answers each connection (tls-server --delay): endpoints that are MS
# away rather than on the same machine, where a scan overlaps the waits
# and a loop pays each one in turn.
#
# ALG=ecdsa serves a P-256 chain made for the run (openssl) instead of
# data/'s RSA-2048 one: the server's signature then costs a few tens of
# microseconds instead of about 1.5 ms, so the server, which shares the
# machine's cores with the client, weighs less on the result.
#
# RSS_ONLY=1 runs only the two memory measurements (scan -j 32 at N and
# at BIG targets).
#
# Targets (issue 16): scan -j 32 at least 20x faster in wall time than
# the openssl loop; CPU per target at most 0.3x of one openssl
# s_client; peak RSS under 64 MiB at 10,000 targets. The server's own
# CPU is not counted (it is the same work for every client) but shares
# the machine's cores with the client under test.
set -u
N=${1:-1000}
BIG=${2:-10000}
DELAY=${DELAY:-0}
B=${TEST_BUILDDIR:-.}
D=${TEST_DATA_DIR:-$(dirname "$0")/../data}
CERTSHOW=${CERTSHOW:-$B/tools/certshow}
SERVER=$B/tests/e2e/tls-server
# In the build tree tools/certshow is libtool's wrapper script, which
# costs ~80 ms of shell per run: time the real program, as installed.
if [ -x "$B/tools/.libs/certshow" ] && [ "$CERTSHOW" = "$B/tools/certshow" ]
then
	CERTSHOW=$B/tools/.libs/certshow
	LD_LIBRARY_PATH=$B/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
	export LD_LIBRARY_PATH
fi
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time)"; exit 77; }
[ -x "$SERVER" ] || { echo "build tests/e2e/tls-server first"; exit 77; }
command -v bc > /dev/null 2>&1 || { echo "needs bc"; exit 77; }
# N listening sockets plus the connections in flight.
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((N + 256)) ]; then
	ulimit -n $((N + 256)) 2> /dev/null ||
	    { echo "needs ulimit -n of at least $((N + 256))"; exit 77; }
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/scan-bench.XXXXXX")
SPID=""
trap '[ -n "$SPID" ] && kill $SPID 2>/dev/null; rm -rf "$tmp"' EXIT
CHAIN=$D/chains/chain-valid.pem
LEAFKEY=$D/keys/leaf.key
ROOT=$D/chains/ca-root.pem
if [ "${ALG:-rsa}" = ecdsa ]; then
	# A root and a leaf for www.example.com, P-256, valid for 100 years
	# from today (the scans verify at 2050-01-01).
	command -v openssl > /dev/null 2>&1 || { echo "ALG=ecdsa needs openssl"; exit 77; }
	e() { openssl "$@" > /dev/null 2>&1 || { echo "openssl $1 failed"; exit 1; }; }
	e ecparam -name prime256v1 -genkey -noout -out "$tmp/root.key"
	e ecparam -name prime256v1 -genkey -noout -out "$tmp/leaf.key"
	e req -x509 -new -key "$tmp/root.key" -subj "/CN=Bench ECDSA Root" \
	    -days 36500 -addext basicConstraints=critical,CA:TRUE \
	    -addext keyUsage=critical,keyCertSign,cRLSign -out "$tmp/root.pem"
	e req -new -key "$tmp/leaf.key" -subj "/CN=www.example.com" \
	    -out "$tmp/leaf.csr"
	printf '%s\n' "basicConstraints=critical,CA:FALSE" \
	    "keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth" \
	    "subjectAltName=DNS:www.example.com" > "$tmp/leaf.ext"
	e x509 -req -in "$tmp/leaf.csr" -CA "$tmp/root.pem" \
	    -CAkey "$tmp/root.key" -set_serial 2 -days 36500 \
	    -extfile "$tmp/leaf.ext" \
	    -out "$tmp/leaf.pem"
	CHAIN=$tmp/leaf.pem LEAFKEY=$tmp/leaf.key ROOT=$tmp/root.pem
fi
: > "$tmp/ports"
"$SERVER" --chain "$CHAIN" --key "$LEAFKEY" \
    --listen "$N" --delay "$DELAY" > "$tmp/ports" 2> "$tmp/server.err" &
SPID=$!
i=0
while [ "$(wc -l < "$tmp/ports")" -lt "$N" ]; do
	if ! kill -0 $SPID 2> /dev/null || [ $i -ge 600 ]; then
		echo "the server did not start"; cat "$tmp/server.err"; exit 1
	fi
	sleep 0.05
	i=$((i + 1))
done
sed 's/^\(.*\)$/127.0.0.1:\1 sni=www.example.com/' "$tmp/ports" \
    > "$tmp/targets.txt"
[ -s "$tmp/targets.txt" ] || { echo "no targets"; exit 1; }
: > "$tmp/big.txt"
while [ "$(wc -l < "$tmp/big.txt")" -lt "$BIG" ]; do
	cat "$tmp/targets.txt" >> "$tmp/big.txt"
done
head -n "$BIG" "$tmp/big.txt" > "$tmp/big1.txt"
AT=2050-01-01
OPTS="--at $AT --cafile $ROOT"
ATSEC=$(date -u -d "$AT" +%s)

# measure NAME TARGETS CMD...: wall s, CPU s, peak RSS KiB into
# $tmp/r.NAME; standard output into $tmp/out.NAME.
measure() {
	name=$1 targets=$2
	shift 2
	s0=$(server_cpu)
	/usr/bin/time -f "%e %U %S %M" -o "$tmp/t" "$@" > "$tmp/out.$name" \
	    2> /dev/null
	s1=$(server_cpu)
	read -r wall usr sys rss < "$tmp/t"
	echo "$targets $wall $(echo "$usr + $sys" | bc) $rss" \
	    "$(echo "scale=2; ($s1 - $s0) / $TCK" | bc)" > "$tmp/r.$name"
}
# server_cpu: the test server's user+sys CPU so far, in clock ticks.
TCK=$(getconf CLK_TCK)
server_cpu() {
	sed 's/^.*) //' "/proc/$SPID/stat" | awk '{ print $12 + $13 }'
}
cat > "$tmp/loop-certshow.sh" << EOS
while read -r t sni; do
	"$CERTSHOW" $OPTS --host "\${sni#sni=}" "\$t" -f json
done < "$tmp/targets.txt"
EOS
cat > "$tmp/loop-openssl.sh" << EOS
while read -r t sni; do
	openssl s_client -connect "\$t" -servername "\${sni#sni=}" \\
	    -CAfile "$ROOT" -verify_hostname "\${sni#sni=}" \\
	    -attime $ATSEC < /dev/null
done < "$tmp/targets.txt"
EOS

echo "$N distinct loopback endpoints (one server process, $(nproc) cores," \
    "${ALG:-rsa} chain, server delay $DELAY ms," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg))"
measure scan-j32 "$N" "$CERTSHOW" scan $OPTS -j 32 -i "$tmp/targets.txt"
if [ "${RSS_ONLY:-0}" != 1 ]; then
	measure scan-j1 "$N" "$CERTSHOW" scan $OPTS -j 1 -i "$tmp/targets.txt"
	measure certshow-loop "$N" sh "$tmp/loop-certshow.sh"
	if command -v openssl > /dev/null 2>&1; then
		measure openssl-loop "$N" sh "$tmp/loop-openssl.sh"
	fi
fi
measure "scan-j32-$BIG" "$BIG" "$CERTSHOW" scan $OPTS -j 32 \
    -i "$tmp/big1.txt"

# The numbers mean something only when every target was verified.
for r in scan-j32 scan-j1 "scan-j32-$BIG"; do
	[ -f "$tmp/r.$r" ] || continue
	good=$(grep -c '"status":"ok"' "$tmp/out.$r")
	want=$(cut -d' ' -f1 "$tmp/r.$r")
	[ "$good" = "$want" ] || echo "WARNING: $r: $good of $want targets ok"
done
if [ -f "$tmp/r.certshow-loop" ]; then
	good=$(grep -c '"verified": true' "$tmp/out.certshow-loop")
	[ "$good" = "$N" ] || echo "WARNING: certshow-loop: $good of $N verified"
fi
if [ -f "$tmp/r.openssl-loop" ]; then
	good=$(grep -c 'Verify return code: 0 (ok)' "$tmp/out.openssl-loop")
	[ "$good" = "$N" ] || echo "WARNING: openssl-loop: $good of $N ok"
fi

echo
printf '| %-16s | %7s | %7s | %7s | %13s | %8s | %12s | %11s | %15s |\n' \
    run targets "wall s" "CPU s" "CPU ms/target" "RSS MiB" \
    "wall vs ossl" "CPU vs ossl" "server CPU ms/t"
echo "|------------------|--------:|--------:|--------:|--------------:|---------:|-------------:|------------:|----------------:|"
for r in scan-j32 scan-j1 certshow-loop openssl-loop "scan-j32-$BIG"; do
	[ -f "$tmp/r.$r" ] || continue
	read -r tg wall cpu rss scpu < "$tmp/r.$r"
	cpt=$(echo "scale=3; 1000 * $cpu / $tg" | bc)
	spt=$(echo "scale=3; 1000 * $scpu / $tg" | bc)
	vw="-" vc="-"
	if [ -f "$tmp/r.openssl-loop" ]; then
		read -r otg owall ocpu orss oscpu < "$tmp/r.openssl-loop"
		vw=$(printf '%.1fx faster' \
		    "$(echo "scale=3; $owall * $tg / $otg / $wall" | bc)")
		vc=$(printf '%.3fx' \
		    "$(echo "scale=5; ($cpu / $tg) / ($ocpu / $otg)" | bc)")
	fi
	printf '| %-16s | %7s | %7.2f | %7.2f | %13.3f | %8.1f | %12s | %11s | %15.3f |\n' \
	    "$r" "$tg" "$wall" "$cpu" "$cpt" "$(echo "scale=2; $rss / 1024" | bc)" \
	    "$vw" "$vc" "$spt"
done

echo
read -r tg wall cpu rss scpu < "$tmp/r.scan-j32"
read -r btg bwall bcpu brss bscpu < "$tmp/r.scan-j32-$BIG"
printf 'peak RSS: %.1f MiB at %s targets, %.1f MiB at %s (%+.1f MiB)\n' \
    "$(echo "scale=2; $rss / 1024" | bc)" "$tg" \
    "$(echo "scale=2; $brss / 1024" | bc)" "$btg" \
    "$(echo "scale=2; ($brss - $rss) / 1024" | bc)"
verdict() { # verdict TEXT CONDITION(bc)
	if [ "$(echo "$2" | bc)" = 1 ]; then
		echo "target met:    $1"
	else
		echo "target MISSED: $1"
	fi
}
if [ -f "$tmp/r.openssl-loop" ]; then
	read -r otg owall ocpu orss oscpu < "$tmp/r.openssl-loop"
	verdict "scan -j 32 >= 20x faster (wall) than the openssl loop" \
	    "$owall * $tg / $otg >= 20 * $wall"
	verdict "scan -j 32 CPU per target <= 0.3x one openssl s_client" \
	    "$cpu / $tg <= 0.3 * $ocpu / $otg"
fi
verdict "peak RSS at $btg targets < 64 MiB" "$brss < 65536"
