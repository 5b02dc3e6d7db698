#!/bin/sh
# fuzz-replay.sh - replay every committed fuzz corpus through its harness
# (built without libFuzzer), so a crash once found stays a regression test.
set -u
srcdir=${TEST_SRCDIR:-.}
builddir=${TEST_BUILDDIR:-.}
rv=0
n=0
for corpus in "$srcdir"/fuzz/corpus/*/; do
	name=$(basename "$corpus")
	bin=$builddir/fuzz/replay_$name
	if [ ! -x "$bin" ]; then
		echo "FAIL: no replay program for corpus '$name'"
		rv=1
		continue
	fi
	if ! "$bin" "$corpus"; then
		echo "FAIL: replay of corpus '$name'"
		rv=1
	fi
	n=$((n + 1))
done
if [ "$n" = 0 ]; then
	echo "FAIL: no corpus found"; exit 1
fi
exit $rv
