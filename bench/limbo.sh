#!/bin/sh
# limbo.sh - the x509-limbo conformance cases (../shared/limbo/limbo.json
# next to the source tree) through bench/limbo: at least 94% of the cases
# pass and no case that must fail is accepted. Skips when the data is
# absent.
set -u
srcdir=${TEST_SRCDIR:-.}
builddir=${TEST_BUILDDIR:-.}
data="$srcdir/../shared/limbo/limbo.json"
if [ ! -r "$data" ]; then
	echo "SKIP: $data not found"
	exit 77
fi
exec "$builddir/bench/limbo" --min-pass 94 --max-false-accepts 0 "$data"
