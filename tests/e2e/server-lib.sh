# server-lib.sh - sourced by the e2e tests that run tests/e2e/tls-server
# (cli-scan.sh, cli-scan-opts.sh).
#
#   tls_start NAME ARGS...   $SERVER ARGS in the background (loopback
#                            only: tls-server binds the --addr given,
#                            127.0.0.1 by default); its first port in
#                            $NAME, its pid added to $pids (the caller
#                            stops them); 1 when it does not come up
#                            (no ::1, a bad chain), its stderr in
#                            $tmp/NAME.err

tls_start() {
	sname=$1
	shift
	: > "$tmp/$sname.port"
	"$SERVER" "$@" > "$tmp/$sname.port" 2> "$tmp/$sname.err" &
	spid=$!
	pids="$pids $spid"
	i=0
	while [ ! -s "$tmp/$sname.port" ]; do
		if ! kill -0 "$spid" 2>/dev/null || [ $i -ge 600 ]; then
			return 1
		fi
		sleep 0.05
		i=$((i + 1))
	done
	eval "$sname=\$(head -n 1 \"\$tmp/$sname.port\")"
	return 0
}
