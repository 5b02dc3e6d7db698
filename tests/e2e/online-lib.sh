# online-lib.sh - sourced by the online e2e tests (cli-ocsp.sh,
# cli-online-aia.sh): a scratch directory removed on exit, the loopback
# HTTP server (tests/e2e/httpd.py on 127.0.0.1, an ephemeral port) and
# the helpers that count its requests and check the last output.
#
#   online_setup NAME   $tmp, cleanup of $tmp and of every pid in $pids
#   httpd_start         serves $tmp/www, logs to $tmp/log; sets $pid,
#                       $port and $base (http://127.0.0.1:PORT)
#   requests            the number of requests logged so far
#   has NAME TEXT       fails the test ($fail=1) unless $tmp/out has TEXT

online_setup() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX") || exit 99
	pids=
	fail=0
	trap online_cleanup EXIT
	trap 'exit 99' INT TERM
	# The library reads no environment; libcurl honours proxies. The
	# tests talk to 127.0.0.1 only.
	unset http_proxy HTTP_PROXY https_proxy HTTPS_PROXY all_proxy \
	    ALL_PROXY
}

online_cleanup() {
	for p in $pids ${spid:-}; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	rm -rf "$tmp"
}

httpd_start() {
	mkdir -p "$tmp/www"
	python3 "$TEST_SRCDIR/tests/e2e/httpd.py" --bind 127.0.0.1 \
	    --root "$tmp/www" --port-file "$tmp/port" --log "$tmp/log" \
	    2>"$tmp/httpd.err" &
	pid=$!
	pids="$pids $pid"
	i=0
	while [ ! -s "$tmp/port" ]; do
		i=$((i + 1))
		if [ $i -gt 100 ] || ! kill -0 "$pid" 2>/dev/null; then
			echo "FAIL: httpd.py did not start"
			exit 99
		fi
		sleep 0.1
	done
	port=$(cat "$tmp/port")
	base=http://127.0.0.1:$port
}

requests() {
	wc -l <"$tmp/log" | tr -d ' '
}

has() {
	if ! grep -qF -- "$2" "$tmp/out"; then
		echo "FAIL: $1: no '$2' in the output"
		sed 's/^/  | /' "$tmp/out" | head -20
		fail=1
	fi
}
