#!/bin/sh
# online-bench.sh - 'certshow HOST --online' against loopback servers,
# by hand from a built tree (not part of `make check`):
#
#   server: tests/e2e/tls-server on 127.0.0.1 sending only the leaf
#   (its intermediate must be fetched from the caIssuers URL), and
#   tests/e2e/httpd.py on 127.0.0.1 serving the intermediate and an OCSP
#   response (tests/e2e/online-pki.py makes the PKI for its port).
#
#   rows (median wall time of N runs, default 20):
#     certshow --online           a fresh process each run: fetches the
#                                 intermediate (and OCSP, CRLs when the
#                                 revocation stage asks) over HTTP
#     certshow --online --cache-dir  the cache-hit path: no HTTP request
#                                 (checked through the server's log)
#     openssl by hand             openssl s_client -status -showcerts,
#                                 curl of the caIssuers URL + openssl x509,
#                                 openssl ocsp -url ... for the leaf: what
#                                 a person does for the same answers
#
# usage: bench/online-bench.sh [N]
set -eu
N=${1:-20}
top=$(cd "$(dirname "$0")/.." && pwd)
CERTSHOW=${CERTSHOW:-$top/tools/certshow}
SERVER=${SERVER:-$top/tests/e2e/tls-server}
for f in "$CERTSHOW" "$SERVER"; do
	[ -x "$f" ] || { echo "build first: $f missing" >&2; exit 1; }
done
if [ -x "$top/tools/.libs/certshow" ] && [ "$CERTSHOW" = "$top/tools/certshow" ]
then
	CERTSHOW=$top/tools/.libs/certshow
	LD_LIBRARY_PATH=$top/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
	export LD_LIBRARY_PATH
fi
unset http_proxy HTTP_PROXY https_proxy HTTPS_PROXY all_proxy ALL_PROXY

tmp=$(mktemp -d "${TMPDIR:-/tmp}/online-bench.XXXXXX")
HPID="" SPID=""
cleanup() {
	for p in $HPID $SPID; do
		kill "$p" 2>/dev/null || true
	done
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

mkdir "$tmp/www"
python3 "$top/tests/e2e/httpd.py" --bind 127.0.0.1 --root "$tmp/www" \
    --port-file "$tmp/hport" --log "$tmp/log" 2>/dev/null &
HPID=$!
i=0
while [ ! -s "$tmp/hport" ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || { echo "httpd.py did not start" >&2; exit 1; }
	sleep 0.1
done
base=http://127.0.0.1:$(cat "$tmp/hport")
python3 "$top/tests/e2e/online-pki.py" "$base" "$tmp"
echo '{"/ocsp": {"content_type": "application/ocsp-response"}}' \
    >"$tmp/www/.rules"
"$SERVER" --chain "$tmp/leaf-bench.pem" --key "$tmp/leaf-bench.key" \
    >"$tmp/sport" 2>/dev/null &
SPID=$!
i=0
while [ ! -s "$tmp/sport" ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || { echo "tls-server did not start" >&2; exit 1; }
	sleep 0.1
done
sport=$(head -1 "$tmp/sport")
at=2024-06-01T00:00:00Z

certshow_fresh() {
	"$CERTSHOW" --cafile "$tmp/root.pem" --host online.test --at "$at" \
	    --online "127.0.0.1:$sport" >"$tmp/out" 2>&1
}
certshow_cached() {
	"$CERTSHOW" --cafile "$tmp/root.pem" --host online.test --at "$at" \
	    --online --cache-dir "$tmp/cache" "127.0.0.1:$sport" \
	    >"$tmp/out" 2>&1
}
openssl_by_hand() {
	openssl s_client -connect "127.0.0.1:$sport" -servername online.test \
	    -status -showcerts </dev/null >"$tmp/sc.out" 2>/dev/null
	openssl x509 -in "$tmp/sc.out" -out "$tmp/leaf.pem" 2>/dev/null
	curl -s -o "$tmp/int.der" "$base/ca/int.der"
	openssl x509 -inform DER -in "$tmp/int.der" -out "$tmp/int.pem"
	openssl ocsp -issuer "$tmp/int.pem" -cert "$tmp/leaf.pem" \
	    -url "$base/ocsp" -CAfile "$tmp/root.pem" -no_nonce \
	    >"$tmp/ocsp.out" 2>&1
}

# median_ms FUNC: N runs, the median wall time in ms.
median_ms() {
	: >"$tmp/times"
	j=0
	while [ $j -lt "$N" ]; do
		t0=$(date +%s%N)
		"$1" || true
		t1=$(date +%s%N)
		echo $(((t1 - t0) / 1000)) >>"$tmp/times"
		j=$((j + 1))
	done
	sort -n "$tmp/times" | awk '{v[NR]=$1} END {
	    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
	    printf "%.2f\n", m / 1000 }'
}

requests() { wc -l <"$tmp/log" | tr -d ' '; }

certshow_fresh
grep -q "verified with a fetched intermediate" "$tmp/out" || {
	echo "certshow did not verify with the fetched intermediate:" >&2
	cat "$tmp/out" >&2
	exit 1
}
r0=$(requests)
fresh=$(median_ms certshow_fresh)
per_run=$((($(requests) - r0) / N))
certshow_cached
r0=$(requests)
cached=$(median_ms certshow_cached)
cache_req=$(($(requests) - r0))
openssl_by_hand || true
grep -q "good" "$tmp/ocsp.out" || {
	echo "openssl ocsp did not answer good:" >&2
	cat "$tmp/ocsp.out" >&2
	exit 1
}
by_hand=$(median_ms openssl_by_hand)

printf '%-40s %10s %8s\n' "median of $N runs" "wall ms" "ratio"
printf '%-40s %10s %8s\n' "openssl s_client+curl+x509+ocsp" "$by_hand" "1.00"
for row in "certshow --online:$fresh" "certshow --online --cache-dir (hit):$cached"
do
	name=${row%:*} v=${row##*:}
	printf '%-40s %10s %8s\n' "$name" "$v" \
	    "$(awk -v a="$v" -v b="$by_hand" 'BEGIN { printf "%.2f", a / b }')"
done
echo "HTTP requests per certshow --online run: $per_run;" \
    "with a warm --cache-dir: $cache_req in $N runs"
[ "$cache_req" -eq 0 ] || { echo "FAIL: the cache-hit path made requests"; exit 1; }
