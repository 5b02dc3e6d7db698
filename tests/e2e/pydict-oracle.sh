#!/bin/sh
# pydict-oracle.sh - `certshow dump --format python` against CPython's ssl
# module (the reference), and `--format json` through python3's json
# module, for every certificate in data/ (malformed inputs under bad/
# excepted), synthetic hostile certificates, and the system CA bundle when
# there is one. Skips (77) without python3.
set -u
here=$(cd "$(dirname "$0")" && pwd)
srcdir=${TEST_SRCDIR:-$here/../..}
data=${TEST_DATA_DIR:-$srcdir/data}
certshow=${CERTSHOW:-$srcdir/tools/certshow}

if ! command -v python3 >/dev/null 2>&1 ||
    ! python3 -c 'import ssl; ssl._ssl._test_decode_cert' 2>/dev/null; then
	echo "SKIP: no python3 with the ssl module"
	exit 77
fi
files=$(cd "$data" && find . \( -name '*.pem' -o -name '*.der' -o \
    -name '*.p7b' -o -name '*.crt' \) ! -path './bad/*' | sort)
bundle=/etc/ssl/certs/ca-certificates.crt
[ -r "$bundle" ] || bundle=
cd "$data" || exit 1
# shellcheck disable=SC2086
exec python3 "$here/pydict_oracle.py" "$certshow" --synthetic . $files \
    $bundle
