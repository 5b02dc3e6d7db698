#!/bin/sh
# cli-json-errors.sh - with --format json, standard output holds one
# valid JSON document in which every input appears, readable or not: a
# certificate or RESULT for one that was used, {"source", "error":
# {"code", "message"}} for one that was not, with the library's stable
# code (certshow_error_name()). The exit status is the one without JSON.
# The only connection is to a closed loopback port: the test binds a
# socket to 127.0.0.1 port 0, closes it and uses that port.
set -u
: "${CERTSHOW:?}" "${TEST_DATA_DIR:?}"
command -v python3 > /dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cli-json-errors.XXXXXX") || exit 99
trap 'rm -rf "$TMP"' EXIT INT TERM
LD=$TEST_DATA_DIR/load
C=$TEST_DATA_DIR/chains
fail=0

bad()
{
	echo "FAIL: $*"
	fail=1
}

# check STATUS SPEC ARGS...: certshow ARGS exits STATUS and its stdout is
# one JSON document matching SPEC (see json-check below).
check()
{
	want=$1
	spec=$2
	shift 2
	"$CERTSHOW" "$@" > "$TMP/out" 2> "$TMP/err" < /dev/null
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		bad "certshow $*: exit $rc, want $want: $(head -c 300 "$TMP/err")"
		return
	fi
	if ! python3 "$TMP/json-check.py" "$spec" < "$TMP/out" > "$TMP/why"; then
		bad "certshow $*: $(cat "$TMP/why")"
	else
		echo "PASS: certshow $*"
	fi
}

# SPEC: "LIST" (results, certificates or errors of lint) then
# ";"-separated SOURCE=WHAT, in input order, where WHAT is "ok" (a result
# without error, or a certificate of that source) or an error code; and
# "errors" entries of dump and lint come after their certificates.
cat > "$TMP/json-check.py" <<'PYEOF'
import json, sys
spec = sys.argv[1].split(";")
kind, rows = spec[0], [r.split("=", 1) for r in spec[1:]]
doc = json.load(sys.stdin)   # exactly one document, or a ValueError
if doc.get("format_version") != 1:
    sys.exit("no format_version 1")
if kind == "results":
    got = []
    for r in doc["results"]:
        if "error" in r:
            e = r["error"]
            if set(r) != {"source", "error"} or set(e) != {"code", "message"}:
                sys.exit("bad error result %r" % r)
            if not e["message"]:
                sys.exit("empty message %r" % r)
            got.append((r["source"], e["code"]))
        else:
            got.append((r["source"], "ok"))
else:
    # dump: "certificates"; lint: "certificates" [{"index", "source"}].
    got = []
    for c in doc["certificates"]:
        if not got or got[-1] != (c["source"], "ok"):
            got.append((c["source"], "ok"))
    errs = doc.get("errors", [])
    if "errors" in doc and not errs:
        sys.exit("an empty errors member")
    for e in errs:
        if e["error"]["message"] == "":
            sys.exit("empty message %r" % e)
        got.append((e["source"], e["error"]["code"]))
want = [(s, w) for s, w in rows]
if got != want:
    sys.exit("got %r, want %r" % (got, want))
PYEOF

# verify: every FILE is a result, in order, readable or not.
mkdir "$TMP/dir"
check 3 "results;$C/chain-valid.pem=ok;$TMP/none.pem=io;$TEST_DATA_DIR/chains-crl/int.crl.pem=parse;$TMP/dir=io;$LD/empty.pem=parse;$LD/csr.der=parse" \
    verify -f json --at 2030-01-01 --cafile "$C/ca-root.pem" \
    --host www.example.com "$C/chain-valid.pem" "$TMP/none.pem" \
    "$TEST_DATA_DIR/chains-crl/int.crl.pem" "$TMP/dir" "$LD/empty.pem" \
    "$LD/csr.der"
# The same with worker threads: the order is the inputs'.
check 3 "results;$TMP/none.pem=io;$C/chain-valid.pem=ok;$LD/key-only.pem=parse" \
    verify -f json -j 2 --at 2030-01-01 --cafile "$C/ca-root.pem" \
    --host www.example.com "$TMP/none.pem" "$C/chain-valid.pem" \
    "$LD/key-only.pem"
# Only unreadable inputs: still a results document.
check 3 "results;$TMP/none.pem=io" verify -f json \
    --cafile "$C/ca-root.pem" "$TMP/none.pem"
# The valid twin: no error, exit 0.
check 0 "results;$C/chain-valid.pem=ok" verify -f json --at 2030-01-01 \
    --cafile "$C/ca-root.pem" --host www.example.com "$C/chain-valid.pem"
# What every FILE needs cannot be loaded: each FILE is a result with that
# error (an unusable --cafile is found before any input is read).
check 3 "results;$C/chain-valid.pem=io;$TMP/none.pem=io" verify -f json \
    --cafile "$TMP/none-ca.pem" "$C/chain-valid.pem" "$TMP/none.pem"
check 3 "results;$C/chain-valid.pem=parse" verify -f json \
    --cafile "$LD/empty.pem" "$C/chain-valid.pem"
check 3 "results;$C/chain-valid.pem=parse" verify -f json \
    --cafile "$C/ca-root.pem" --untrusted "$LD/csr.pem" "$C/chain-valid.pem"
# certshow FILE is verify.
check 3 "results;$TMP/none.pem=io" "$TMP/none.pem" -f json \
    --cafile "$C/ca-root.pem"
# dump: the certificates, then "errors" in input order.
check 3 "certificates;$LD/leaf.pem=ok;$LD/ca.pem=ok;$TMP/none.pem=io;$LD/p7-nocert.pem=parse;$LD/garbage.bin=parse" \
    dump -f json "$LD/leaf.pem" "$TMP/none.pem" "$LD/p7-nocert.pem" \
    "$LD/ca.pem" "$LD/garbage.bin"
check 0 "certificates;$LD/leaf.pem=ok" dump -f json "$LD/leaf.pem"
# A malformed certificate inside a readable file is an error of it too.
check 3 "certificates;$LD/truncated.pem=ok;$LD/truncated.pem=parse" \
    dump -f json "$LD/truncated.pem"
check 3 "certificates;$TMP/none.pem=io" dump -f json "$TMP/none.pem"
# A size limit is its own code.
check 3 "certificates;$LD/leaf.pem=limit" dump -f json --max-input-size 100 \
    "$LD/leaf.pem"

# lint: the same "errors" after the findings.
check 3 "certificates;$LD/leaf.der=ok;$TMP/none.pem=io;$LD/csr.pem=parse;$TEST_DATA_DIR/chains-crl/int.crl.der=parse" \
    lint -f json --at 2024-06-01 --profile rfc5280 "$LD/leaf.der" \
    "$TMP/none.pem" "$LD/csr.pem" "$TEST_DATA_DIR/chains-crl/int.crl.der"
check 0 "certificates;$LD/leaf.der=ok" lint -f json --at 2024-06-01 \
    --profile rfc5280 "$LD/leaf.der"

# certshow HOST: a connection refused on a closed loopback port.
port=$(python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()')
check 3 "results;tls:127.0.0.1:$port=connect" "127.0.0.1:$port" -f json \
    --cafile "$C/ca-root.pem" --timeout 5
check 3 "results;tls:127.0.0.1:$port=connect" connect -f json \
    --cafile "$C/ca-root.pem" "127.0.0.1:$port"
grep -q "^certshow: cannot connect to 127.0.0.1 port $port" "$TMP/err" ||
    bad "connect: stderr $(cat "$TMP/err")"
# An unusable --cafile: found before any connection, still the result.
check 3 "results;tls:127.0.0.1:$port=io" "127.0.0.1:$port" -f json \
    --cafile "$TMP/none-ca.pem"
check 3 "results;tls:127.0.0.1:$port=parse" "127.0.0.1:$port" -f json \
    --cafile "$LD/empty.pem"

exit $fail
