#!/bin/sh
# fuzz/build.sh - build the libFuzzer harnesses with clang and run each for
# a given number of seconds.
#
#   fuzz/build.sh                 build fuzz/out/fuzz_* (needs a configured
#                                 tree: config.h from ./configure)
#   fuzz/build.sh run SECONDS     build, then run every harness SECONDS
#                                 seconds over its corpus (fuzz/corpus/NAME),
#                                 adding new inputs to fuzz/out/corpus/NAME
#   FUZZ_JOBS=2 to run two harnesses at once.
set -eu
cd "$(dirname "$0")/.."
CC=${CLANG:-clang}
SAN="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
out=fuzz/out
mkdir -p "$out"
if [ ! -f config.h ]; then
	echo "fuzz/build.sh: run ./configure first (config.h is needed)" >&2
	exit 2
fi
cflags="-g -O1 -fno-omit-frame-pointer -DCERTSHOW_BUILDING -I. -Iinclude -Ilib -Ifuzz \
$(pkg-config --cflags gnutls libtasn1 jansson libpsl)"
libs="$(pkg-config --libs gnutls libtasn1 jansson libpsl)"
libsrc=$(ls lib/*.c)

# Build the library objects once, instrumented for coverage.
objdir=$out/obj
mkdir -p "$objdir"
for f in $libsrc; do
	o=$objdir/$(basename "$f" .c).o
	if [ ! -f "$o" ] || [ "$f" -nt "$o" ] || [ lib/internal.h -nt "$o" ]; then
		# shellcheck disable=SC2086
		$CC $cflags -fsanitize=fuzzer-no-link,address,undefined \
		    -c "$f" -o "$o"
	fi
done
# Link only the objects of the current sources (not stale ones).
objs=""
for f in $libsrc; do
	objs="$objs $objdir/$(basename "$f" .c).o"
done
harnesses=""
for h in fuzz/fuzz_*.c; do
	name=$(basename "$h" .c)
	# shellcheck disable=SC2086
	$CC $cflags $SAN "$h" $objs $libs -o "$out/$name"
	harnesses="$harnesses $name"
done
echo "built:$harnesses"

if [ "${1:-}" = run ]; then
	secs=${2:-60}
	status=0
	for name in $harnesses; do
		short=${name#fuzz_}
		mkdir -p "$out/corpus/$short" "fuzz/corpus/$short"
		echo "== $name for ${secs}s"
		rc=0
		"$out/$name" -max_total_time="$secs" -max_len=65536 \
		    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		    -artifact_prefix="$out/$name-" \
		    "$out/corpus/$short" "fuzz/corpus/$short" \
		    > "$out/$name.log" 2>&1 || rc=$?
		grep -E '^(#[0-9]+[[:space:]]+DONE|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|==[0-9]+==ERROR|SUMMARY|artifact|Test unit)' \
		    "$out/$name.log" || true
		if [ "$rc" -ne 0 ]; then
			echo "fuzz/build.sh: $name failed (exit $rc), log in $out/$name.log" >&2
			status=1
		fi
	done
	exit $status
fi
