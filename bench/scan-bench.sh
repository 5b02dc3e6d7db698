#!/bin/sh
# scan-bench.sh - 'certshow scan' against N loopback targets spread over
# S test servers (tests/e2e/tls-server, one handshake at a time each):
# -j 32 versus -j 1, a shell loop of 'certshow HOST' and a shell loop of
# 'openssl s_client'. Wall time, CPU (user+sys) and peak RSS (GNU time).
#
#   bench/scan-bench.sh [N] [SERVERS]     (run from the build directory)
set -u
N=${1:-200}
S=${2:-16}
B=${TEST_BUILDDIR:-.}
D=${TEST_DATA_DIR:-$(dirname "$0")/../data}
CERTSHOW=${CERTSHOW:-$B/tools/certshow}
SERVER=$B/tests/e2e/tls-server
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time)"; exit 77; }
[ -x "$SERVER" ] || { echo "build tests/e2e/tls-server first"; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/scan-bench.XXXXXX")
PIDS=""
trap 'for p in $PIDS; do kill $p 2>/dev/null; done; rm -rf "$tmp"' EXIT
ports=""
for i in $(seq 1 "$S"); do
	"$SERVER" --chain "$D/chains/chain-valid.pem" --key "$D/keys/leaf.key" \
	    > "$tmp/p$i" 2>/dev/null &
	PIDS="$PIDS $!"
done
for i in $(seq 1 "$S"); do
	while [ ! -s "$tmp/p$i" ]; do sleep 0.05; done
	ports="$ports $(cat "$tmp/p$i")"
done
set -- $ports
: > "$tmp/targets.txt"
k=0
while [ $k -lt "$N" ]; do
	for p in $ports; do
		[ $k -lt "$N" ] || break
		echo "127.0.0.1:$p sni=www.example.com" >> "$tmp/targets.txt"
		k=$((k + 1))
	done
done
OPTS="--at 2050-01-01 --cafile $D/chains/ca-root.pem"

# measure NAME CMD...: one row of wall s, CPU s, peak RSS KiB.
measure() {
	name=$1
	shift
	/usr/bin/time -f "%e %U %S %M" -o "$tmp/t" "$@" > /dev/null 2>&1
	read -r wall usr sys rss < "$tmp/t"
	cpu=$(echo "$usr + $sys" | bc | sed "s/^\./0./")
	printf '%-28s %8s %8s %9s\n' "$name" "$wall" "$cpu" "$rss"
	echo "$wall" > "$tmp/wall.$name"
}
cat > "$tmp/loop-certshow.sh" <<EOS
while read -r t sni; do
	"$CERTSHOW" connect $OPTS --host "\${sni#sni=}" "\$t" -f json
done < "$tmp/targets.txt"
EOS
cat > "$tmp/loop-openssl.sh" <<EOS
while read -r t sni; do
	openssl s_client -connect "\$t" -servername "\${sni#sni=}" < /dev/null
done < "$tmp/targets.txt"
EOS
echo "$N targets on $S loopback servers"
printf '%-28s %8s %8s %9s\n' "" "wall s" "CPU s" "RSS KiB"
measure scan-j32 "$CERTSHOW" scan $OPTS -j 32 -i "$tmp/targets.txt"
measure scan-j1 "$CERTSHOW" scan $OPTS -j 1 -i "$tmp/targets.txt"
measure certshow-loop sh "$tmp/loop-certshow.sh"
if command -v openssl > /dev/null 2>&1; then
	measure openssl-loop sh "$tmp/loop-openssl.sh"
fi
j32=$(cat "$tmp/wall.scan-j32")
for r in scan-j1 certshow-loop openssl-loop; do
	[ -f "$tmp/wall.$r" ] || continue
	printf "%s / scan-j32, wall time: %.1fx\\n" "$r" "$(echo "scale=2; $(cat "$tmp/wall.$r") / $j32" | bc)"
done
