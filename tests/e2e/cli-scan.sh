#!/bin/sh
# cli-scan.sh - 'certshow scan' against loopback test servers
# (tests/e2e/tls-server): exact jsonl status per target line, csv
# columns, shard coverage, --merge, the HTML report, the rate limit and
# Ctrl-C. Verification time pinned with --at; only 127.0.0.1 is used.
set -u

: "${TEST_DATA_DIR:?}" "${TEST_BUILDDIR:?}" "${CERTSHOW:?}"
D=$TEST_DATA_DIR
SERVER=$TEST_BUILDDIR/tests/e2e/tls-server
if [ ! -x "$SERVER" ] || [ ! -x "$CERTSHOW" ]; then
	echo "SKIP: no test server or no certshow binary"; exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP: python3 is needed to read the JSON Lines"; exit 77
fi
AT=2050-01-01T00:00:00Z
KEY=$D/keys/leaf.key
ROOT=$D/chains/ca-root.pem
C=$D/chains
TIMEOUT=""
if command -v timeout >/dev/null 2>&1; then
	TIMEOUT="timeout 120"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli-scan.XXXXXX")
PIDS=""
cleanup() {
	for p in $PIDS; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

fails=0
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); echo "FAIL $n - $1"; fails=$((fails + 1)); }

# start NAME ARGS...: a server in the background; its port in $NAME.
start() {
	sname=$1
	shift
	"$SERVER" "$@" > "$tmp/$sname.port" 2> "$tmp/$sname.err" &
	PIDS="$PIDS $!"
	spid=$!
	i=0
	while [ ! -s "$tmp/$sname.port" ]; do
		if ! kill -0 "$spid" 2>/dev/null || [ $i -ge 600 ]; then
			echo "FAIL: server $sname did not start"
			cat "$tmp/$sname.err"
			exit 1
		fi
		sleep 0.05
		i=$((i + 1))
	done
	eval "$sname=\$(cat \"\$tmp/$sname.port\")"
}

start VALID --chain "$C/chain-valid.pem" --key "$KEY"
start EXPIRED --chain "$C/chain-leaf-expired.pem" --key "$KEY"
start SMTP --chain "$C/chain-valid.pem" --key "$KEY" --starttls smtp
start SILENT --mode silent
# A closed port: one a server had and gave back.
start GONE --chain "$C/chain-valid.pem" --key "$KEY"
for p in $PIDS; do :; done
kill "$p"; wait "$p" 2>/dev/null
PIDS=$(echo "$PIDS" | sed "s/ $p\$//")

# The target list; the expected result of each line is in expect.txt
# (line number, status, reason).
: > "$tmp/expect.txt"
lineno=0
add() { # add LINE [STATUS REASON]
	lineno=$((lineno + 1))
	printf '%s\n' "$1" >> "$tmp/targets.txt"
	if [ $# -gt 1 ]; then
		printf '%s %s %s\n' "$lineno" "$2" "$3" >> "$tmp/expect.txt"
	fi
}
add "# certshow scan test targets"
add ""
for k in 1 2 3 4 5 6; do
	add "127.0.0.1:$VALID sni=www.example.com" ok -
	add "127.0.0.1:$EXPIRED sni=www.example.com   # expired leaf" \
	    failed EXPIRED
	add "127.0.0.1:$VALID sni=www.example.net" failed HOSTNAME_MISMATCH
	add "127.0.0.1:$GONE" error CONNECT
	add "127.0.0.1:$SMTP starttls=smtp sni=www.example.com" ok -
	add "[127.0.0.1:$VALID" error MALFORMED
done
add "127.0.0.1:$SILENT sni=www.example.com" error TIMEOUT
add "127.0.0.1:99999" error MALFORMED
add "127.0.0.1:$VALID frob=1" error MALFORMED
add "127.0.0.1:$VALID starttls=gopher" error MALFORMED
add "   "
add "[::1]:$VALID sni=www.example.com  # not listening on ::1" error ANY
total=$(wc -l < "$tmp/expect.txt")

SCAN="$CERTSHOW scan --at $AT --cafile $ROOT --timeout 2 -j 8"

# check_jsonl FILE: every expected line exactly once, exact status and
# reason (ANY: any error code), nothing else.
check_jsonl() {
	python3 - "$1" "$tmp/expect.txt" <<'PY'
import json, sys
want = {}
for l in open(sys.argv[2]):
    k, st, reason = l.split()
    want[int(k)] = (st, reason)
seen = {}
bad = 0
for raw in open(sys.argv[1]):
    o = json.loads(raw)
    k = o["line"]
    if k in seen:
        print("line %d twice" % k); bad = 1
    seen[k] = 1
    if k not in want:
        print("unexpected line %d: %s" % (k, raw.strip())); bad = 1
        continue
    st, reason = want[k]
    got_reason = o["reason"] or "-"
    if o["status"] != st or (reason != "ANY" and got_reason != reason):
        print("line %d: got %s %s, want %s %s" % (k, o["status"],
              got_reason, st, reason)); bad = 1
    if st == "failed" and reason != "ANY" and reason not in o["flags"]:
        print("line %d: flags %s lack %s" % (k, o["flags"], reason)); bad = 1
    if st == "ok" and (o["flags"] != [] or o["days_left"] != 18261
                       or o["address"] != "127.0.0.1"):
        print("line %d: ok but %s" % (k, raw.strip())); bad = 1
for k in want:
    if k not in seen:
        print("line %d missing" % k); bad = 1
sys.exit(bad)
PY
}

# --- The whole list, jsonl ------------------------------------------
$TIMEOUT $SCAN -i "$tmp/targets.txt" > "$tmp/all.jsonl" 2> "$tmp/err"
rc=$?
if [ $rc = 3 ] && check_jsonl "$tmp/all.jsonl"; then
	ok "jsonl: $total targets, exact status per line, exit 3"
else
	fail "jsonl (exit $rc)"; head -n 5 "$tmp/err"
fi

# --- Operands and stdin; exit codes ------------------------------------
$TIMEOUT $SCAN "127.0.0.1:$VALID sni=www.example.com" > "$tmp/one" 2>&1
rc=$?
if [ $rc = 0 ] && grep -q '"status":"ok"' "$tmp/one"; then
	ok "operand, verified: exit 0"
else
	fail "operand, verified: exit $rc"
fi
echo "127.0.0.1:$EXPIRED sni=www.example.com" |
    $TIMEOUT $SCAN -i - > "$tmp/one" 2>&1
rc=$?
if [ $rc = 1 ] && grep -q '"flags":\["EXPIRED"\]' "$tmp/one"; then
	ok "stdin, expired: exit 1"
else
	fail "stdin, expired: exit $rc"
fi
$TIMEOUT $SCAN --warn-days 36500 "127.0.0.1:$VALID sni=www.example.com" \
    > "$tmp/one" 2>&1
rc=$?
if [ $rc = 4 ] &&
    grep -q '"status":"warning","reason":"EXPIRES_SOON"' "$tmp/one"; then
	ok "--warn-days: warning, exit 4"
else
	fail "--warn-days"
fi
$CERTSHOW scan > /dev/null 2>&1
rc1=$?
$CERTSHOW scan --shard 4/4 x > /dev/null 2>&1
rc2=$?
if [ $rc1 = 2 ] && [ $rc2 = 2 ]; then
	ok "usage errors: exit 2"
else
	fail "usage errors: exit $rc1 $rc2"
fi

# --- CSV -------------------------------------------------------------
$TIMEOUT $SCAN -f csv -i "$tmp/targets.txt" > "$tmp/all.csv" 2>/dev/null
python3 - "$tmp/all.csv" "$total" "$VALID" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
want = ["target", "source", "line", "address", "port", "status", "reason",
        "flags", "not_after", "days_left", "ms_total", "message"]
assert list(rows[0].keys()) == want, rows[0].keys()
assert len(rows) == int(sys.argv[2]), len(rows)
r = [x for x in rows if x["line"] == "5"][0]
assert r["target"] == "127.0.0.1:%s sni=www.example.net" % sys.argv[3], r
assert (r["address"], r["port"], r["status"], r["flags"], r["days_left"]) \
    == ("127.0.0.1", sys.argv[3], "failed", "HOSTNAME_MISMATCH", "18261"), r
assert r["not_after"] == "2099-12-31T23:59:59Z", r
PY
if [ $? = 0 ]; then ok "csv: header, one row per target, columns"; else fail "csv"; fi

# --- Shards: together exactly the whole list -------------------------
: > "$tmp/shards.jsonl"
for i in 0 1 2; do
	$TIMEOUT $SCAN --shard $i/3 -i "$tmp/targets.txt" \
	    > "$tmp/shard$i.jsonl" 2>/dev/null
	cat "$tmp/shard$i.jsonl" >> "$tmp/shards.jsonl"
done
empty=0
for i in 0 1 2; do
	[ -s "$tmp/shard$i.jsonl" ] || empty=1
done
if check_jsonl "$tmp/shards.jsonl" && [ $empty = 0 ]; then
	ok "shards 0/3..2/3: every line exactly once, none empty"
else
	fail "shards"
fi

# --- doc/scale-out.md's GNU parallel recipe ---------------------------
if command -v parallel >/dev/null 2>&1 &&
    parallel --version 2>/dev/null | grep -q "GNU parallel"; then
	parallel -j 3 $SCAN --shard {}/3 -i "$tmp/targets.txt" ::: 0 1 2 \
	    > "$tmp/parallel.jsonl" 2>/dev/null
	if check_jsonl "$tmp/parallel.jsonl"; then
		ok "GNU parallel, 3 shards: every line exactly once"
	else
		fail "GNU parallel recipe"
	fi
else
	echo "ok - # SKIP no GNU parallel"
fi

# --- Merge -------------------------------------------------------------
$SCAN -f text -i "$tmp/targets.txt" > "$tmp/summary.txt" 2>/dev/null
$CERTSHOW scan --merge "$tmp/shard0.jsonl" "$tmp/shard1.jsonl" \
    "$tmp/shard2.jsonl" > "$tmp/merged.txt"
rc=$?
c6=$(grep -c . "$tmp/expect.txt")
if [ $rc = 3 ] && cmp -s "$tmp/summary.txt" "$tmp/merged.txt" &&
    grep -Fxq "$c6 targets: 12 ok, 0 warning, 12 failed, $((c6 - 24)) error" \
    "$tmp/merged.txt" &&
    grep -Eq '^  MALFORMED +9$' "$tmp/merged.txt" &&
    grep -Eq '^  EXPIRED +6$' "$tmp/merged.txt"; then
	ok "--merge of the shards == the summary of one run"
else
	fail "--merge (exit $rc)"; diff "$tmp/summary.txt" "$tmp/merged.txt"
	cat "$tmp/merged.txt"
fi
echo "not json" > "$tmp/bad.jsonl"
$CERTSHOW scan --merge "$tmp/bad.jsonl" > /dev/null 2> "$tmp/err"
rc=$?
if [ $rc = 3 ] && grep -q "bad.jsonl:1: not a 'certshow scan' jsonl line" \
    "$tmp/err"; then
	ok "--merge of a foreign file: exit 3 with its line"
else
	fail "--merge of a foreign file: exit $rc"
fi

# --- HTML --------------------------------------------------------------
$CERTSHOW scan --at $AT --merge -f html "$tmp/all.jsonl" > "$tmp/r.html"
if grep -q '<svg id="timeline"' "$tmp/r.html" &&
    grep -q '<rect class="bad"' "$tmp/r.html" &&
    [ "$(grep -c '^<tr><td>' "$tmp/r.html")" = "$total" ] &&
    ! grep -Eqi '(src|href)=|@import|url\(' "$tmp/r.html"; then
	ok "html: table row per target, inline SVG, no external resource"
else
	fail "html"
fi
CHROME=""
for b in chromium chromium-browser google-chrome; do
	command -v $b >/dev/null 2>&1 && CHROME=$b && break
done
if [ -n "$CHROME" ]; then
	$TIMEOUT $CHROME --headless --disable-gpu --no-sandbox \
	    --screenshot="$tmp/r.png" "file://$tmp/r.html" > /dev/null 2>&1
	if [ -s "$tmp/r.png" ]; then
		ok "html renders in $CHROME"
	else
		fail "html does not render in $CHROME"
	fi
else
	echo "ok - # SKIP no chromium"
fi

# --- Rate limit ------------------------------------------------------
: > "$tmp/ten.txt"
for k in 1 2 3 4 5 6 7 8 9 10; do
	echo "127.0.0.1:$VALID sni=www.example.com" >> "$tmp/ten.txt"
done
t0=$(date +%s.%N)
$TIMEOUT $SCAN --rate 5 -i "$tmp/ten.txt" > "$tmp/ten.jsonl" 2>/dev/null
t1=$(date +%s.%N)
if python3 -c "import sys; sys.exit(0 if $t1 - $t0 >= 1.75 else 1)" &&
    [ "$(grep -c '"status":"ok"' "$tmp/ten.jsonl")" = 10 ]; then
	ok "--rate 5: 10 connections take at least 1.8 s"
else
	fail "--rate 5: $t0 .. $t1"
fi

# --- Concurrency bounds: a server that counts connections in flight ---
# It accepts, holds each connection 0.4 s and closes it (a TLS error for
# the scan); on stdin EOF it prints the highest number seen at once.
cat > "$tmp/count.py" <<'PY'
import socket, sys, threading, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(64)
print(s.getsockname()[1], flush=True)
lock = threading.Lock()
cur = [0, 0]
def hold(c):
    with lock:
        cur[0] += 1
        cur[1] = max(cur[1], cur[0])
    time.sleep(0.4)
    with lock:
        cur[0] -= 1
    c.close()
def accept():
    while True:
        c, _ = s.accept()
        threading.Thread(target=hold, args=(c,), daemon=True).start()
threading.Thread(target=accept, daemon=True).start()
sys.stdin.read()
time.sleep(0.5)
print(cur[1], flush=True)
PY
# bound CHECK_NAME WANT SCAN_OPTIONS...: 12 targets on the counting server.
bound() {
	bname=$1 bwant=$2
	shift 2
	rm -f "$tmp/count.out"
	mkfifo "$tmp/fifo"
	python3 "$tmp/count.py" < "$tmp/fifo" > "$tmp/count.out" &
	cpid=$!
	exec 9> "$tmp/fifo"
	while [ ! -s "$tmp/count.out" ]; do sleep 0.05; done
	cport=$(head -n 1 "$tmp/count.out")
	: > "$tmp/same.txt"
	for k in 1 2 3 4 5 6 7 8 9 10 11 12; do
		echo "127.0.0.1:$cport" >> "$tmp/same.txt"
	done
	$TIMEOUT $CERTSHOW scan --timeout 3 "$@" -i "$tmp/same.txt" \
	    > "$tmp/same.jsonl" 2>/dev/null
	exec 9>&-
	wait $cpid
	rm -f "$tmp/fifo"
	got=$(sed -n 2p "$tmp/count.out")
	if [ "$got" = "$bwant" ] &&
	    [ "$(grep -c '"status":"error"' "$tmp/same.jsonl")" = 12 ]; then
		ok "$bname: at most $bwant connections at once"
	else
		fail "$bname: $got connections at once, want $bwant"
	fi
}
bound "per-address limit (default 4)" 4 -j 32 --insecure-no-verify
bound "-j 3" 3 -j 3 --per-address 100 --insecure-no-verify

# --- Ctrl-C ----------------------------------------------------------
: > "$tmp/slow.txt"
for k in $(seq 1 40); do
	echo "127.0.0.1:$SILENT" >> "$tmp/slow.txt"
done
$CERTSHOW scan --timeout 1 -j 2 -i "$tmp/slow.txt" > "$tmp/int.jsonl" \
    2> "$tmp/int.err" &
spid=$!
sleep 1.5
t0=$(date +%s.%N)
kill -INT $spid
wait $spid
rc=$?
t1=$(date +%s.%N)
lines=$(wc -l < "$tmp/int.jsonl")
if [ $rc = 130 ] && [ "$lines" -ge 1 ] && [ "$lines" -lt 40 ] &&
    python3 -c "import sys; sys.exit(0 if $t1 - $t0 < 2.5 else 1)" &&
    python3 -c "
import json, sys
for l in open('$tmp/int.jsonl'):
    assert json.loads(l)['reason'] == 'TIMEOUT'
" && grep -q "^Interrupted after $lines targets" "$tmp/int.err"; then
	ok "SIGINT: exit 130, valid jsonl so far, summary on stderr"
else
	fail "SIGINT: exit $rc, $lines lines"; cat "$tmp/int.err"
fi

# Ctrl-C while workers wait for their turn of the rate limit: no new
# connection, the end within a second.
$SCAN --rate 0.5 -i "$tmp/ten.txt" > "$tmp/int2.jsonl" 2> "$tmp/int2.err" &
spid=$!
sleep 1
t0=$(date +%s.%N)
kill -INT $spid
wait $spid
rc=$?
t1=$(date +%s.%N)
lines=$(wc -l < "$tmp/int2.jsonl")
if [ $rc = 130 ] && [ "$lines" = 1 ] &&
    python3 -c "import sys; sys.exit(0 if $t1 - $t0 < 1 else 1)"; then
	ok "SIGINT during --rate waits: exit 130 within 1 s, 1 result"
else
	fail "SIGINT during --rate waits: exit $rc, $lines lines, $t0 .. $t1"
fi

echo "$n tests, $fails failed"
[ $fails = 0 ]
