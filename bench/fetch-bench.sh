#!/bin/sh
# fetch-bench.sh - "connect, fetch the chain, verify it" against the
# loopback test server, for certshow and three reference clients: openssl
# s_client -showcerts, gnutls-cli --print-cert and a Python ssl script
# (create_default_context(cafile=...) + getpeercert()).
#
# Each is run N times (default 30) with two trust stores: a two-root CA
# file and the system bundle plus our root. Every run goes through a tiny
# wrapper (compiled here) that forks, execs and reaps the client with
# wait4(), so it reports the client's own wall time, CPU time (user+sys,
# microseconds) and peak resident set size, without a shell in between.
# Prints medians of wall and CPU time, the largest peak RSS, and the
# ratios to openssl s_client; then checks certshow against the targets
# (system bundle): wall <= 0.6x and CPU <= 0.55x openssl's, peak RSS <=
# 10 MiB.
#
# Run from a built tree: bench/fetch-bench.sh [N]
set -eu
N=${1:-30}
top=$(cd "$(dirname "$0")/.." && pwd)
D=$top/data
CERTSHOW=${CERTSHOW:-$top/tools/certshow}
SERVER=${SERVER:-$top/tests/e2e/tls-server}
SYSBUNDLE=${SYSBUNDLE:-/etc/ssl/certs/ca-certificates.crt}
CC=${CC:-cc}
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

# runstat OUT CMD...: run CMD, append "wall_us cpu_us maxrss_kib status"
# to OUT.
cat > "$tmp/runstat.c" <<'C'
#define _GNU_SOURCE 1
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	FILE *out;
	pid_t pid;
	int st;

	if (argc < 3) {
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &st, 0, &ru) < 0) {
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	out = fopen(argv[1], "a");
	if (out == NULL) {
		return 2;
	}
	fprintf(out, "%lld %lld %ld %d\n",
	    (long long)(t1.tv_sec - t0.tv_sec) * 1000000 +
	    (t1.tv_nsec - t0.tv_nsec) / 1000,
	    (long long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 +
	    ru.ru_utime.tv_usec + ru.ru_stime.tv_usec, ru.ru_maxrss,
	    WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	return fclose(out) == 0 ? 0 : 2;
}
C
if ! "$CC" -O2 -o "$tmp/runstat" "$tmp/runstat.c" 2> "$tmp/cc.err"; then
	echo "cannot compile the measuring wrapper with $CC:" >&2
	cat "$tmp/cc.err" >&2
	exit 1
fi

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

# One measured client run: $1 tool, $2 CA file, $3 stats file.
run_tool() {
	case $1 in
	certshow)
		"$tmp/runstat" "$3" "$CERTSHOW" connect "127.0.0.1:$PORT" \
		    --host "$HOST" --cafile "$2" ;;
	openssl)
		"$tmp/runstat" "$3" openssl s_client \
		    -connect "127.0.0.1:$PORT" -servername "$HOST" \
		    -showcerts -CAfile "$2" -verify_hostname "$HOST" \
		    -verify_return_error ;;
	gnutls-cli)
		"$tmp/runstat" "$3" gnutls-cli --print-cert \
		    --x509cafile="$2" --port="$PORT" --sni-hostname="$HOST" \
		    --verify-hostname="$HOST" 127.0.0.1 ;;
	python3)
		"$tmp/runstat" "$3" "$PYTHON" "$tmp/py.py" "$2" "$PORT" \
		    "$HOST" ;;
	esac
}

# median FIELD: median of a column of the stats file.
median() {
	awk -v f="$1" '{ print $f }' "$tmp/stats" | sort -n | awk '
	    { a[NR] = $1 }
	    END {
		if (NR % 2) { print a[(NR + 1) / 2] }
		else { print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }
	    }'
}

# measure TOOL CA: "wall_med_us cpu_med_us maxrss_kib", or FAILED when a
# run did not exit 0 (every client must verify the chain).
measure() {
	: > "$tmp/stats"
	i=0
	while [ $i -lt "$N" ]; do
		run_tool "$1" "$2" "$tmp/stats" < /dev/null > /dev/null 2>&1
		i=$((i + 1))
	done
	if awk '$4 != 0 { bad = 1 } END { exit !bad }' "$tmp/stats"; then
		echo FAILED
		return
	fi
	w=$(median 1)
	c=$(median 2)
	r=$(awk 'BEGIN { m = 0 } $3 > m { m = $3 } END { print m }' \
	    "$tmp/stats")
	echo "$w $c $r"
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b;
	    else printf "-" }'
}

printf "%-10s %-10s %10s %10s %10s %8s %8s\n" "trust" "tool" \
    "wall(us)" "cpu(us)" "rss(KiB)" "wall/os" "cpu/os"
for b in $bundles; do
	ca=$tmp/$b.pem
	# openssl first: it is the reference of the ratios.
	ow=0 oc=0
	: > "$tmp/rows"
	for tool in openssl certshow gnutls-cli python3; do
		if [ "$tool" != certshow ] && ! command -v "$tool" >/dev/null 2>&1; then
			continue
		fi
		m=$(measure "$tool" "$ca")
		if [ "$m" = FAILED ]; then
			printf "%-10s %-10s %10s\n" "$b" "$tool" "failed" \
			    >> "$tmp/rows"
			continue
		fi
		set -- $m
		if [ "$tool" = openssl ]; then
			ow=$1 oc=$2
		fi
		if [ "$tool" = certshow ]; then
			echo "$b $1 $2 $3 $ow $oc" >> "$tmp/certshow"
		fi
		printf "%-10s %-10s %10s %10s %10s %8s %8s\n" "$b" "$tool" \
		    "$1" "$2" "$3" "$(ratio "$1" "$ow")" "$(ratio "$2" "$oc")" \
		    >> "$tmp/rows"
	done
	# certshow's row first, as before.
	grep " certshow " "$tmp/rows" || true
	grep -v " certshow " "$tmp/rows" || true
done

# Targets, on the largest trust store measured.
if [ -s "$tmp/certshow" ]; then
	tail -n 1 "$tmp/certshow" | awk '
	function verdict(ok) { return ok ? "ok" : "MISSED" }
	{
		ok = 1
		if ($5 > 0) {
			wr = $2 / $5
			cr = $3 / $6
			printf "targets (%s): wall %.2fx openssl (<= 0.60) %s, ",
			    $1, wr, verdict(wr <= 0.60)
			printf "cpu %.2fx (<= 0.55) %s, ", cr, verdict(cr <= 0.55)
			if (wr > 0.60 || cr > 0.55) { ok = 0 }
		} else {
			printf "targets (%s): no openssl to compare with, ", $1
		}
		printf "peak RSS %d KiB (<= 10240) %s\n", $4,
		    verdict($4 <= 10240)
		if ($4 > 10240) { ok = 0 }
		exit !ok
	}'
fi
