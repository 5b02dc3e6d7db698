#!/bin/sh
# Decode benchmark: time `certshow dump` (JSON and text) against
# `openssl storeutl -noout -text` and `certtool -i` on the corpus made by
# bench/gen-corpus.sh (generated on first use), then on one small file.
#
#   bench/dump.sh [-n RUNS] [-c CORPUS_DIR] [CERTSHOW]
#
# CERTSHOW defaults to tools/certshow of the source tree.  Each command
# runs RUNS times (default 3) with output to /dev/null; the table shows
# the median wall time, microseconds per certificate, the peak RSS of one
# extra run (only when /usr/bin/time -v works) and the ratio to
# `certshow dump --format json` (or to openssl when certshow fails).
set -u

here=$(cd "$(dirname "$0")" && pwd)
runs=3
corpus=$here/corpus
while getopts n:c:h opt; do
	case $opt in
	n)	runs=$OPTARG ;;
	c)	corpus=$OPTARG ;;
	*)	sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
		exit 2 ;;
	esac
done
shift $((OPTIND - 1))
certshow=${1:-$here/../tools/certshow}

# An uninstalled libtool build: tools/certshow is a shell wrapper whose
# start-up would dominate the small-file timing; run the real binary.
if [ -f "$certshow" ] && head -c 200 "$certshow" 2>/dev/null |
    grep -q 'shell script\|libtool' &&
    [ -x "$(dirname "$certshow")/.libs/$(basename "$certshow")" ]; then
	d=$(cd "$(dirname "$certshow")" && pwd)
	certshow=$d/.libs/$(basename "$certshow")
	LD_LIBRARY_PATH=$d/../lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
	export LD_LIBRARY_PATH
fi

if [ ! -s "$corpus/leaves.pem" ]; then
	"$here/gen-corpus.sh" "$corpus" || exit 3
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# Wall clock in nanoseconds (GNU date, else python3).
if [ "$(date +%N)" != N ]; then
	now() { date +%s%N; }
else
	now() { python3 -c 'import time; print(time.monotonic_ns())'; }
fi

rss_ok=no
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
	rss_ok=yes
fi

# measure LABEL CMD...: append "label<TAB>median_ms<TAB>rss_kb" to
# $tmp/rows, or "label<TAB>failed (exit N)".
measure()
{
	label=$1
	shift
	: >"$tmp/times"
	i=0
	while [ $i -lt "$runs" ]; do
		t0=$(now)
		"$@" >/dev/null 2>"$tmp/err"
		rc=$?
		t1=$(now)
		if [ $rc -ne 0 ]; then
			printf '%s\tfailed (exit %d: %s)\n' "$label" $rc \
			    "$(head -c 60 "$tmp/err" | tr '\n\t' '  ')" \
			    >>"$tmp/rows"
			return
		fi
		echo $(((t1 - t0) / 1000)) >>"$tmp/times"
		i=$((i + 1))
	done
	med=$(sort -n "$tmp/times" | awk '{ v[NR] = $1 }
	    END { if (NR % 2) { m = v[(NR + 1) / 2] }
		  else { m = (v[NR / 2] + v[NR / 2 + 1]) / 2 }
		  printf "%.3f", m / 1000 }')
	rss=-
	if [ $rss_ok = yes ]; then
		/usr/bin/time -v -o "$tmp/tv" "$@" >/dev/null 2>&1
		rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' \
		    "$tmp/tv")
	fi
	printf '%s\t%s\t%s\n' "$label" "$med" "${rss:--}" >>"$tmp/rows"
}

# table FILE COUNT: run every command on FILE and print the table.
table()
{
	file=$1 count=$2
	: >"$tmp/rows"
	if [ -x "$certshow" ]; then
		measure "certshow dump --format json" \
		    "$certshow" dump --format json "$file"
		measure "certshow dump --format text" \
		    "$certshow" dump --format text "$file"
	else
		printf 'certshow dump --format json\tfailed (%s not found)\n' \
		    "$certshow" >>"$tmp/rows"
	fi
	if command -v openssl >/dev/null 2>&1; then
		measure "openssl storeutl -noout -text" \
		    openssl storeutl -noout -text "$file"
	fi
	if command -v certtool >/dev/null 2>&1; then
		measure "certtool -i" certtool -i --infile "$file"
	fi
	printf '\n%s: %d certificate(s), %d bytes, median of %d runs;\n' \
	    "$file" "$count" "$(wc -c <"$file")" "$runs"
	printf 'ratio = median / median of the first command that worked\n' 
	awk -F'\t' -v n="$count" -v rss="$rss_ok" '
	NF == 3 && base == "" { base = $2 }
	{ row[NR] = $0 }
	END {
		if (rss == "yes") {
			printf "%-32s %10s %10s %10s %8s\n", "command", \
			    "median ms", "us/cert", "RSS MiB", "ratio"
		} else {
			printf "%-32s %10s %10s %8s\n", "command", \
			    "median ms", "us/cert", "ratio"
		}
		for (i = 1; i <= NR; i++) {
			split(row[i], f, "\t")
			if (f[3] == "") {
				printf "%-32s %s\n", f[1], f[2]
				continue
			}
			ratio = base > 0 ? f[2] / base : 0
			if (rss == "yes") {
				printf "%-32s %10.2f %10.2f %10.1f %7.2fx\n", \
				    f[1], f[2], f[2] * 1000 / n, \
				    f[3] / 1024, ratio
			} else {
				printf "%-32s %10.2f %10.2f %7.2fx\n", f[1], \
				    f[2], f[2] * 1000 / n, ratio
			}
		}
	}' "$tmp/rows"
}

table "$corpus/leaves.pem" \
    "$(grep -c 'BEGIN CERTIFICATE' "$corpus/leaves.pem")"
table "$corpus/small.pem" 1
