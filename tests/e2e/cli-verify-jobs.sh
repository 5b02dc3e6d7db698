#!/bin/sh
# cli-verify-jobs.sh - 'certshow verify --jobs N': the same standard
# output, error output and exit status as one thread, in input order,
# for text and JSON, with verdicts, unreadable files and more files than
# the workers may run ahead of the writer.
set -u
: "${CERTSHOW:?}" "${TEST_DATA_DIR:?}"
d=$TEST_DATA_DIR/chains
at=2024-06-01T00:00:00Z
fail=0
tmp=${TMPDIR:-/tmp}/cli-verify-jobs.$$
trap 'rm -f "$tmp".*' EXIT

# Verdicts of every kind, an unreadable file and a file that is not a
# certificate, in an order that is not sorted.
files="$d/chain-valid.pem $d/chain-wronghost.pem $d/no-such.pem
$d/chain-int-expired.pem $d/chain-missing-int.pem $d/chain-cross.pem
$d/chain-loop.pem $TEST_DATA_DIR/bad/truncated.pem $d/chain-deep.pem
$d/chain-sha1.pem $d/chain-valid.pem $d/chain-nc-violated.pem"
# Enough files (300) for the workers to wait for the writer.
many=
i=0
while [ $i -lt 25 ]; do
	many="$many $files"
	i=$((i + 1))
done

run() { # name jobs format files...
	name=$1 jobs=$2 fmt=$3
	shift 3
	# shellcheck disable=SC2086
	"$CERTSHOW" verify $jobs -f "$fmt" --cafile "$d/ca-root.pem" \
	    --host www.example.com --at "$at" "$@" \
	    >"$tmp.$name.out" 2>"$tmp.$name.err"
	echo $? >"$tmp.$name.rc"
}

same() { # what name1 name2
	for x in out err rc; do
		if ! cmp -s "$tmp.$2.$x" "$tmp.$3.$x"; then
			echo "FAIL: $1: std$x differs ($2, $3)"
			diff "$tmp.$2.$x" "$tmp.$3.$x" | head -20
			fail=1
		fi
	done
}

for fmt in text json; do
	# shellcheck disable=SC2086
	run seq "" $fmt $files
	# shellcheck disable=SC2086
	run j2 "--jobs 2" $fmt $files
	# shellcheck disable=SC2086
	run j5 "-j 5" $fmt $files
	# shellcheck disable=SC2086
	run j0 "--jobs=0" $fmt $files
	same "$fmt --jobs 2" seq j2
	same "$fmt -j 5" seq j5
	same "$fmt --jobs 0" seq j0
	# shellcheck disable=SC2086
	run mseq "" $fmt $many
	# shellcheck disable=SC2086
	run mj3 "--jobs 3" $fmt $many
	same "$fmt 300 files --jobs 3" mseq mj3
done

# The sequential run itself: status 3 (unreadable input), every FILE
# reported once, in input order.
if [ "$(cat "$tmp.seq.rc")" != 3 ]; then
	echo "FAIL: exit $(cat "$tmp.seq.rc"), want 3"
	fail=1
fi
"$CERTSHOW" verify --full --cafile "$d/ca-root.pem" \
    --host www.example.com --at "$at" $files >"$tmp.text.out" 2>/dev/null
grep -E ': (verified|FAILED)' "$tmp.text.out" | sed 's/:.*//' \
    >"$tmp.order"
for f in $files; do
	case $f in
	*no-such.pem | */bad/*) ;;
	*) echo "$f" ;;
	esac
done >"$tmp.want"
if ! cmp -s "$tmp.order" "$tmp.want"; then
	echo "FAIL: files not reported in input order"
	diff "$tmp.want" "$tmp.order"
	fail=1
fi
grep -q 'no-such.pem' "$tmp.seq.err" || { echo "FAIL: no error for a missing file"; fail=1; }

# Usage errors.
for bad in -1 x 1025 ""; do
	"$CERTSHOW" verify --jobs "$bad" --cafile "$d/ca-root.pem" \
	    "$d/chain-valid.pem" >/dev/null 2>"$tmp.err"
	rc=$?
	if [ $rc != 2 ]; then
		echo "FAIL: --jobs '$bad': exit $rc, want 2"
		fail=1
	fi
done
# One worker: the same as no option.
"$CERTSHOW" verify --jobs 1 --full --cafile "$d/ca-root.pem" --at "$at" \
    --host www.example.com "$d/chain-valid.pem" >"$tmp.one" 2>&1 ||
    { echo "FAIL: --jobs 1"; fail=1; }
grep -q 'chain-valid.pem: verified$' "$tmp.one" || { echo "FAIL: --jobs 1 output"; fail=1; }

exit $fail
