#!/bin/sh
# cli-scan.sh - 'certshow scan' against loopback test servers
# (tests/e2e/tls-server) on 127.0.0.1 and ::1: a list of more than 200
# lines mixing good, expired, wrong-host and missing-intermediate chains
# with STARTTLS, refusing, silent, garbage, closed and slow servers and
# malformed lines, every line exactly once with its exact status, reason
# and flags; csv columns; shards 0/4..3/4 equal to the unsharded run;
# --merge; the HTML report (and its render in a headless Chromium when
# one is installed); the rate limit and the concurrency bounds counted
# in the server; Ctrl-C. Verification time pinned with --at.
set -u

: "${TEST_DATA_DIR:?}" "${TEST_BUILDDIR:?}" "${TEST_SRCDIR:?}" "${CERTSHOW:?}"
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
pids=""
cleanup() {
	for p in $pids; do
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

# tls_start NAME ARGS...: a server in the background, its port in $NAME
# (the first one with --listen); 1 when it does not come up.
. "$TEST_SRCDIR/tests/e2e/server-lib.sh"
# start NAME ARGS...: the same, and the test fails when it does not.
start() {
	if ! tls_start "$@"; then
		echo "FAIL: server $1 did not start"
		cat "$tmp/$1.err"
		exit 1
	fi
}
# Servers answer every connection at once (--concurrent) like a real
# estate; each serves one chain or misbehaves in one way.
VK="--key $KEY --concurrent"
start VALID --chain "$C/chain-valid.pem" $VK
start EXPIRED --chain "$C/chain-leaf-expired.pem" $VK
start WRONG --chain "$C/chain-wronghost.pem" $VK
start MISSING --chain "$C/chain-missing-int.pem" $VK
start SMTP --chain "$C/chain-valid.pem" $VK --starttls smtp
start REFUSE --chain "$C/chain-valid.pem" $VK --starttls smtp \
    --refuse-starttls
start SLOW --chain "$C/chain-valid.pem" $VK --delay 500
start SILENT --mode silent --concurrent
start GARBAGE --mode garbage --concurrent
# A closed port: one a server had and gave back.
start GONE --chain "$C/chain-valid.pem" --key "$KEY"
for p in $pids; do :; done
kill "$p"; wait "$p" 2>/dev/null
pids=$(echo "$pids" | sed "s/ $p\$//")
# The same chains on ::1, when this machine has an IPv6 loopback.
V6=0
if tls_start VALID6 --addr ::1 --chain "$C/chain-valid.pem" $VK &&
    tls_start EXPIRED6 --addr ::1 --chain "$C/chain-leaf-expired.pem" $VK &&
    tls_start MISSING6 --addr ::1 --chain "$C/chain-missing-int.pem" $VK
then
	V6=1
else
	echo "# no IPv6 loopback: the list has no ::1 targets"
fi

# The target list; the expected result of each line is in expect.txt:
# line number, status, reason, flags (comma-separated, '-' for none),
# address ('-' for none).
: > "$tmp/expect.txt"
: > "$tmp/targets.txt"
lineno=0
add() { # add LINE [STATUS REASON FLAGS ADDRESS]
	lineno=$((lineno + 1))
	printf '%s\n' "$1" >> "$tmp/targets.txt"
	if [ $# -gt 1 ]; then
		printf '%s %s %s %s %s\n' "$lineno" "$2" "$3" "$4" "$5" \
		    >> "$tmp/expect.txt"
	fi
}
L=127.0.0.1
MI=UNTRUSTED,MISSING_ISSUER
add "# certshow scan test targets"
add ""
for k in 1 2 3 4 5 6 7 8 9 10 11 12 13; do
	add "$L:$VALID sni=www.example.com" ok - - $L
	add "$L:$EXPIRED sni=www.example.com   # expired leaf" \
	    failed EXPIRED EXPIRED $L
	add "$L:$VALID sni=www.example.net" \
	    failed HOSTNAME_MISMATCH HOSTNAME_MISMATCH $L
	add "$L:$WRONG sni=www.example.com" \
	    failed HOSTNAME_MISMATCH HOSTNAME_MISMATCH $L
	add "$L:$MISSING sni=www.example.com" failed UNTRUSTED $MI $L
	add "$L:$GONE" error CONNECT - -
	add "$L:$SMTP starttls=smtp sni=www.example.com" ok - - $L
	add "$L:$REFUSE starttls=smtp sni=www.example.com" error STARTTLS - -
	add "$L:$GARBAGE sni=www.example.com" error TLS - -
	add "$L:$SLOW sni=www.example.com" ok - - $L
	add "[$L:$VALID" error MALFORMED - -
	add "	$L:$VALID	sni=www.example.com	" ok - - $L
	if [ $V6 = 1 ]; then
		add "[::1]:$VALID6 sni=www.example.com" ok - - ::1
		add "[::1]:$EXPIRED6 sni=www.example.com" \
		    failed EXPIRED EXPIRED ::1
		add "[::1]:$MISSING6 sni=www.example.com" \
		    failed UNTRUSTED $MI ::1
		add "[::1]:$VALID6 sni=www.example.org" \
		    failed HOSTNAME_MISMATCH HOSTNAME_MISMATCH ::1
	fi
	case $k in
	1 | 5 | 9 | 13)
		add "$L:$SILENT sni=www.example.com" error TIMEOUT - -
		add "# a comment line"
		;;
	2) add "$L:99999" error MALFORMED - - ;;
	3) add "$L:$VALID frob=1" error MALFORMED - - ;;
	4) add "$L:$VALID starttls=gopher" error MALFORMED - - ;;
	6) add "[::1" error MALFORMED - - ;;
	7) add "   " ;;
	esac
done
total=$(wc -l < "$tmp/expect.txt")
if [ $V6 = 1 ] && [ "$total" -lt 200 ]; then
	echo "FAIL: only $total targets"; exit 1
fi

SCAN="$CERTSHOW scan --at $AT --cafile $ROOT --timeout 2 -j 8"

# check_jsonl FILE: every expected line exactly once, exact status,
# reason, flags and address, the days left of a chain, nothing else.
check_jsonl() {
	python3 - "$1" "$tmp/expect.txt" <<'PY'
import json, sys
want = {}
for l in open(sys.argv[2]):
    k, st, reason, flags, addr = l.split()
    want[int(k)] = (st, reason, [] if flags == "-" else flags.split(","),
                    None if addr == "-" else addr)
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
    st, reason, flags, addr = want[k]
    got = (o["status"], o["reason"] or "-", sorted(o["flags"]), o["address"])
    if got != (st, reason, sorted(flags), addr):
        print("line %d: got %s, want %s" % (k, got,
              (st, reason, sorted(flags), addr))); bad = 1
    # A fetched chain: its leaf ends 2099-12-31 (expired: 2001-01-01).
    days = None if addr is None else -17897 if "EXPIRED" in flags else 18261
    if o["days_left"] != days:
        print("line %d: days_left %s, want %s" % (k, o["days_left"], days))
        bad = 1
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

# --- Shards: together exactly the unsharded run ---------------------
# results_set FILE...: the target results of jsonl files as a sorted
# list, timings left out (the one field that may differ between runs).
cat > "$tmp/results_set.py" <<'PY'
import json, sys
out = []
for f in sys.argv[1:]:
    for raw in open(f):
        o = json.loads(raw)
        del o["ms"]
        out.append(json.dumps(o, sort_keys=True))
for l in sorted(out):
    print(l)
PY
: > "$tmp/shards.jsonl"
empty=0
for i in 0 1 2 3; do
	$TIMEOUT $SCAN --shard $i/4 -i "$tmp/targets.txt" \
	    > "$tmp/shard$i.jsonl" 2>/dev/null
	[ -s "$tmp/shard$i.jsonl" ] || empty=1
	cat "$tmp/shard$i.jsonl" >> "$tmp/shards.jsonl"
done
python3 "$tmp/results_set.py" "$tmp/all.jsonl" > "$tmp/set.all"
python3 "$tmp/results_set.py" "$tmp/shards.jsonl" > "$tmp/set.shards"
if check_jsonl "$tmp/shards.jsonl" && [ $empty = 0 ] &&
    [ "$(wc -l < "$tmp/set.all")" = "$total" ] &&
    cmp -s "$tmp/set.all" "$tmp/set.shards"; then
	ok "shards 0/4..3/4: together the unsharded run, none empty"
else
	fail "shards"; diff "$tmp/set.all" "$tmp/set.shards" | head -n 5
fi

# --- doc/scale-out.md's GNU parallel recipe ---------------------------
if command -v parallel >/dev/null 2>&1 &&
    parallel --version 2>/dev/null | grep -q "GNU parallel"; then
	parallel -j 4 $SCAN --shard {}/4 -i "$tmp/targets.txt" ::: 0 1 2 3 \
	    > "$tmp/parallel.jsonl" 2>/dev/null
	python3 "$tmp/results_set.py" "$tmp/parallel.jsonl" > "$tmp/set.par"
	if check_jsonl "$tmp/parallel.jsonl" &&
	    cmp -s "$tmp/set.all" "$tmp/set.par"; then
		ok "GNU parallel, 4 shards: the unsharded run"
	else
		fail "GNU parallel recipe"
	fi
else
	echo "ok - # SKIP no GNU parallel"
fi

# --- Merge -------------------------------------------------------------
$SCAN -f text -i "$tmp/targets.txt" > "$tmp/summary.txt" 2>/dev/null
$CERTSHOW scan --merge "$tmp/shard0.jsonl" "$tmp/shard1.jsonl" \
    "$tmp/shard2.jsonl" "$tmp/shard3.jsonl" > "$tmp/merged.txt"
rc=$?
# The counts the summary must show, from expect.txt.
awk '{ st[$2]++; if ($3 != "-") rs[$3]++ }
    END { printf "%d targets: %d ok, %d warning, %d failed, %d error\n",
	NR, st["ok"], st["warning"], st["failed"], st["error"]
	for (r in rs) printf "  %-20s %9d\n", r, rs[r] }' \
    "$tmp/expect.txt" > "$tmp/counts.txt"
counts_ok=1
while IFS= read -r line; do
	case $line in
	" "*) pat="^  $(echo $line | sed 's/ .*//') +$(echo $line |
	    sed 's/.* //')\$" ;;
	*) pat="^$line\$" ;;
	esac
	grep -Eq "$pat" "$tmp/merged.txt" || {
		counts_ok=0; echo "# not in the summary: $line"
	}
done < "$tmp/counts.txt"
if [ $rc = 3 ] && cmp -s "$tmp/summary.txt" "$tmp/merged.txt" &&
    [ $counts_ok = 1 ]; then
	ok "--merge of the shards == the summary of one run, exact counts"
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
# In a real browser, when one is installed ($CHROMIUM names another):
# a headless screenshot that shows something (several colours, among
# them the red of the failures in the timeline) and no console errors.
cat > "$tmp/png.py" <<'PY'
import struct, sys, zlib
# A small PNG reader (8-bit RGB or RGBA, not interlaced, as Chromium
# writes them): how many colours, and whether the failures' red is there.
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat = 8, b""
while pos < len(data):
    ln, typ = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + ln]
    if typ == b"IHDR":
        w, h, depth, ctype, _, _, lace = struct.unpack(">IIBBBBB", body)
    elif typ == b"IDAT":
        idat += body
    pos += 12 + ln
assert depth == 8 and ctype in (2, 6) and lace == 0, (depth, ctype, lace)
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), w * bpp
prev, colours, red = bytearray(stride), set(), False
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        if f == 1:
            line[i] = (line[i] + a) & 255
        elif f == 2:
            line[i] = (line[i] + b) & 255
        elif f == 3:
            line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
            line[i] = (line[i] + pr) & 255
    for i in range(0, stride, bpp):
        px = tuple(line[i:i + 3])
        colours.add(px)
        red = red or (px[0] >= 180 and px[1] <= 40 and px[2] <= 40)
    prev = line
print("%dx%d, %d colours, red %s" % (w, h, len(colours), red))
sys.exit(0 if len(colours) >= 3 and red else 1)
PY
CHROME=${CHROMIUM:-}
if [ -z "$CHROME" ]; then
	for b in chromium chromium-browser google-chrome; do
		if command -v $b >/dev/null 2>&1; then
			CHROME=$b
			break
		fi
	done
fi
# The browser runs without a network (a namespace of its own, as
# unshare -rn gives): it must not reach any other address, and a page
# that needed the network would show it.
NONET=""
if [ -n "$CHROME" ]; then
	if unshare -rn true 2> /dev/null; then
		NONET="unshare -rn"
	else
		echo "ok - html in a browser # SKIP unshare -rn is not allowed" \
		    "here (the browser runs only without a network)"
		CHROME=""
		NONET=skip
	fi
fi
if [ -n "$CHROME" ]; then
	$TIMEOUT $NONET "$CHROME" --headless --disable-gpu --no-sandbox \
	    --no-first-run --disable-extensions --hide-scrollbars \
	    --user-data-dir="$tmp/chrome-profile" --window-size=1000,800 \
	    --virtual-time-budget=2000 --enable-logging=stderr --v=0 \
	    --screenshot="$tmp/r.png" "file://$tmp/r.html" \
	    > "$tmp/chrome.out" 2> "$tmp/chrome.err"
	# Console messages come as "...:CONSOLE(LINE)] "TEXT", source: ..."
	# or, in newer versions, "...:INFO:CONSOLE:LINE] ...".
	grep -E 'CONSOLE[(:]|Uncaught' "$tmp/chrome.err" > "$tmp/console.txt"
	if [ -s "$tmp/r.png" ] && python3 "$tmp/png.py" "$tmp/r.png" &&
	    [ ! -s "$tmp/console.txt" ]; then
		ok "html renders in $CHROME, no console errors"
	else
		fail "html in $CHROME"; head -n 5 "$tmp/console.txt"
	fi
elif [ -z "$NONET" ]; then
	echo "ok - html in a browser # SKIP no chromium, chromium-browser" \
	    "or google-chrome (set CHROMIUM to one)"
fi

# --- Rate limit and concurrency bounds, counted in the server ---------
# counted NAME ARGS...: a concurrent chain-valid server logging every
# connection (tls-server --log: "open MS WAITING" at the accept, "answer
# MS WAITING" when it starts to answer, WAITING the connections accepted
# and not answered yet, each of which the client still holds); its ports
# in $tmp/NAME.port, its log $tmp/NAME.log.
counted() {
	cname=$1
	shift
	start "$cname" --chain "$C/chain-valid.pem" $VK --log "$tmp/$cname.log" \
	    "$@"
}
# serverlog LOG: the highest number of connections at once, the number
# of connections, and the shortest time between the k-th and the j-th
# accept divided by j - k (the rate the server saw, as an interval).
serverlog() {
	python3 - "$1" <<'PY'
import sys
opens, peak = [], 0
for l in open(sys.argv[1]):
    ev, ms, cur = l.split()
    if ev == "open":
        opens.append(int(ms))
        peak = max(peak, int(cur))
opens.sort()
gap = min([(opens[j] - opens[k]) / (j - k) for k in range(len(opens))
           for j in range(k + 1, len(opens))] or [0])
print(peak, len(opens), int(gap))
PY
}

# --rate 5: ten connections, the server sees them at least 200 ms apart
# on average between any two (100 ms of slack for the scheduler).
counted RATE
for k in 1 2 3 4 5 6 7 8 9 10; do
	echo "127.0.0.1:$RATE sni=www.example.com"
done > "$tmp/ten.txt"
$TIMEOUT $SCAN --rate 5 --per-address 100 -i "$tmp/ten.txt" \
    > "$tmp/ten.jsonl" 2>/dev/null
set -- $(serverlog "$tmp/RATE.log")
if [ "$2" = 10 ] && [ "$3" -ge 100 ] &&
    [ "$(grep -c '"status":"ok"' "$tmp/ten.jsonl")" = 10 ] &&
    awk '$1 == "open" { if (!t0) t0 = $2; t1 = $2 }
	END { exit !(t1 - t0 >= 1700) }' "$tmp/RATE.log"; then
	ok "--rate 5: the server saw 10 connections over >= 1.7 s, >= $3 ms apart"
else
	fail "--rate 5: $2 connections, $3 ms apart"; cat "$tmp/RATE.log"
fi

# Each connection held 600 ms by the server (--delay) before it answers,
# all of them verified: the bounds must be reached and never exceeded.
# bound NAME WANT SERVER SCAN_OPTIONS...: 12 targets, one per port of
# SERVER (the same port over and over for a one-port server).
bound() {
	bname=$1 bwant=$2 bsrv=$3
	shift 3
	: > "$tmp/$bsrv.log"
	: > "$tmp/bound.txt"
	for k in 1 2 3 4 5 6 7 8 9 10 11 12; do
		bport=$(sed -n "${k}p" "$tmp/$bsrv.port")
		[ -n "$bport" ] || bport=$(head -n 1 "$tmp/$bsrv.port")
		echo "127.0.0.1:$bport sni=www.example.com" >> "$tmp/bound.txt"
	done
	$TIMEOUT $SCAN "$@" -i "$tmp/bound.txt" > "$tmp/bound.jsonl" \
	    2>/dev/null
	set -- $(serverlog "$tmp/$bsrv.log")
	if [ "$1" = "$bwant" ] && [ "$2" = 12 ] &&
	    [ "$(grep -c '"status":"ok"' "$tmp/bound.jsonl")" = 12 ]; then
		ok "$bname: the server saw at most $bwant connections at once"
	else
		fail "$bname: $1 connections at once of $2, want $bwant"
	fi
}
counted ONE --delay 600
counted TWELVE --delay 600 --listen 12
bound "per-address limit (default 4), one endpoint" 4 ONE -j 32
bound "-j 3, one endpoint, --per-address 100" 3 ONE -j 3 \
    --per-address 100
bound "-j 5, 12 endpoints" 5 TWELVE -j 5

# --- Ctrl-C ----------------------------------------------------------
: > "$tmp/slow.txt"
for k in $(seq 1 40); do
	echo "127.0.0.1:$SILENT" >> "$tmp/slow.txt"
done
# sigint TIMEOUT: scan the 40 silent targets with -j 2 and that
# --timeout, Ctrl-C after 1.5 s; sets rc, lines, secs and int_ok (exit
# 130, 1 to 39 valid jsonl lines, all TIMEOUT, the summary on stderr).
sigint() {
	$CERTSHOW scan --timeout "$1" -j 2 -i "$tmp/slow.txt" \
	    > "$tmp/int.jsonl" 2> "$tmp/int.err" &
	spid=$!
	sleep 1.5
	t0=$(date +%s.%N)
	kill -INT $spid
	wait $spid
	rc=$?
	t1=$(date +%s.%N)
	secs=$(python3 -c "print('%.2f' % ($t1 - $t0))")
	lines=$(wc -l < "$tmp/int.jsonl")
	int_ok=0
	if [ $rc = 130 ] && [ "$lines" -ge 1 ] && [ "$lines" -lt 40 ] &&
	    python3 -c "
import json, sys
for l in open('$tmp/int.jsonl'):
    assert json.loads(l)['reason'] == 'TIMEOUT'
" && grep -q "^Interrupted after $lines targets" "$tmp/int.err" &&
	    grep -Eq "^  TIMEOUT +$lines\$" "$tmp/int.err"; then
		int_ok=1
	fi
}
# Handshakes in flight with a 1 s timeout: they end by then.
sigint 1
if [ $int_ok = 1 ] &&
    python3 -c "import sys; sys.exit(0 if $secs < 2.5 else 1)"; then
	ok "SIGINT: exit 130 in $secs s, valid jsonl so far, summary"
else
	fail "SIGINT: exit $rc, $lines lines, $secs s"; cat "$tmp/int.err"
fi
# The end within a second whatever the timeouts: the stop cuts the
# handshakes in flight (here with a 4 s deadline) short.
sigint 4
if [ $int_ok = 1 ] &&
    python3 -c "import sys; sys.exit(0 if $secs < 1 else 1)"; then
	ok "SIGINT with 4 s handshakes in flight: exit 130 in $secs s"
else
	fail "SIGINT with 4 s handshakes in flight: exit $rc in $secs s," \
	    "$lines lines (want 130 within 1 s)"
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

# --- Streaming: targets are read as workers free up ---------------------
# first_line FILE: wait up to 10 s for FILE to hold a line (it may not
# exist yet: the scan's shell opens it after the list's pipe); 1 when it
# does not.
first_line() {
	i=0
	while [ "$(cat "$1" 2> /dev/null | wc -l)" -lt 1 ]; do
		[ $i -lt 100 ] || return 1
		sleep 0.1
		i=$((i + 1))
	done
}

# A list on a pipe that is still open: the first target's result comes
# out before the list ends (the whole list is never read first).
mkfifo "$tmp/fifo"
$TIMEOUT $SCAN -i "$tmp/fifo" > "$tmp/stream.jsonl" 2> "$tmp/stream.err" &
spid=$!
exec 7> "$tmp/fifo"
echo "127.0.0.1:$VALID sni=www.example.com" >&7
first_line "$tmp/stream.jsonl"
early=$(cat "$tmp/stream.jsonl" 2> /dev/null | wc -l)
printf '# a comment\n127.0.0.1:%s sni=www.example.com\n[x\n' "$EXPIRED" >&7
exec 7>&-
wait $spid
rc=$?
if [ "$early" = 1 ] && [ $rc = 3 ] &&
    python3 - "$tmp/stream.jsonl" <<'PY'
import json, sys
L = sorted((json.loads(x) for x in open(sys.argv[1])), key=lambda o: o["line"])
got = [(o["line"], o["status"], o["reason"]) for o in L]
sys.exit(got != [(1, "ok", None), (3, "failed", "EXPIRED"),
                 (4, "error", "MALFORMED")])
PY
then
	ok "a list on an open pipe: the first result before the list ends"
else
	fail "streaming from a pipe: $early line(s) early, exit $rc"
	cat "$tmp/stream.jsonl" "$tmp/stream.err"
fi

# Ctrl-C while the list's pipe stays open with nothing more in it: the
# wait for the next line ends too (exit 130 within a second).
rm -f "$tmp/fifo" "$tmp/idle.pid" "$tmp/idle.rc"
mkfifo "$tmp/fifo"
# The scan's exit status lands in idle.rc when it ends (a shell's
# kill -0 also finds a child that ended and was not waited for yet).
(
	$SCAN -i - < "$tmp/fifo" > "$tmp/idle.jsonl" 2> "$tmp/idle.err" &
	echo $! > "$tmp/idle.pid"
	wait $!
	echo $? > "$tmp/idle.rc"
) &
wpid=$!
exec 7> "$tmp/fifo"
echo "127.0.0.1:$VALID sni=www.example.com" >&7
# Only once a result is out is the scan past installing its SIGINT
# handler (before that, a background command ignores SIGINT).
first_line "$tmp/idle.jsonl" || echo "# no result within 10 s"
t0=$(date +%s.%N)
kill -INT "$(cat "$tmp/idle.pid")"
# Up to 3 s for it to end by itself; then the list is closed, so that a
# scan still waiting for it ends anyway (and the check fails).
i=0
while [ ! -s "$tmp/idle.rc" ] && [ $i -lt 300 ]; do
	sleep 0.01
	i=$((i + 1))
done
t1=$(date +%s.%N)
exec 7>&-
wait $wpid
rc=$(cat "$tmp/idle.rc")
if [ $rc = 130 ] && [ "$(wc -l < "$tmp/idle.jsonl")" = 1 ] &&
    grep -q '^Interrupted after 1 targets: 1 ok' "$tmp/idle.err" &&
    python3 -c "import sys; sys.exit(0 if $t1 - $t0 < 1 else 1)"; then
	ok "SIGINT while the list's pipe is open and idle: exit 130 within 1 s"
else
	fail "SIGINT, idle pipe: exit $rc, $t0 .. $t1"; cat "$tmp/idle.err"
fi

# CRLF line ends and a last line without newline are lines like others;
# a line of 8192 bytes or more is malformed (named by its start) and the
# lines after it are read as usual.
long=$(printf '%010000d' 0 | tr 0 a)
printf '127.0.0.1:%s sni=www.example.com\r\n# c\r\n[x\r\n%s\r\n127.0.0.1:%s sni=www.example.com' \
    "$VALID" "$long" "$EXPIRED" > "$tmp/crlf.txt"
$TIMEOUT $SCAN -i "$tmp/crlf.txt" > "$tmp/crlf.jsonl" 2> /dev/null
rc=$?
if [ $rc = 3 ] && python3 - "$tmp/crlf.jsonl" <<'PY'
import json, sys
L = sorted((json.loads(x) for x in open(sys.argv[1])), key=lambda o: o["line"])
got = [(o["line"], o["target"], o["status"], o["reason"]) for o in L]
want = [(1, L[0]["target"], "ok", None), (3, "[x", "error", "MALFORMED"),
        (4, "a" * 40 + "...", "error", "MALFORMED"),
        (5, L[3]["target"], "failed", "EXPIRED")]
sys.exit(got != want or L[2]["message"] != "line longer than 8192 bytes" or
         any(o["target"].endswith(("\r", " ")) for o in L))
PY
then
	ok "CRLF lines, a last line without newline, a line of 10,000 bytes"
else
	fail "CRLF / no final newline / long line (exit $rc)"
	cut -c1-300 "$tmp/crlf.jsonl"
fi

# The progress line on a terminal: done/total and an ETA for a file
# (counted ahead), the count alone for a list read once (a pipe).
if command -v script > /dev/null 2>&1; then
	printf '127.0.0.1:%s sni=www.example.com\n' "$VALID" "$VALID" \
	    > "$tmp/two.txt"
	TERM=dumb script -qec "$SCAN -f text -i $tmp/two.txt" /dev/null \
	    < /dev/null > "$tmp/p1" 2>&1
	TERM=dumb script -qec "cat $tmp/two.txt | $SCAN -f text -i -" \
	    /dev/null < /dev/null > "$tmp/p2" 2>&1
	if grep -q '2/2 done, .* 0 failed, 0 errors, ETA ' "$tmp/p1" &&
	    grep -q '2 done, .* 0 failed, 0 errors   ' "$tmp/p2" &&
	    ! grep -q '/2 done\|ETA' "$tmp/p2" &&
	    grep -q '^2 targets: 2 ok, 0 warning, 0 failed, 0 error' "$tmp/p2"
	then
		ok "progress: done/total and ETA from a file, the count from a pipe"
	else
		fail "progress line"; cat -v "$tmp/p1" "$tmp/p2"
	fi
else
	echo "ok - progress line # SKIP no script(1)"
fi

echo "$n tests, $fails failed"
[ $fails = 0 ]
