#!/bin/sh
# check-cycles.sh - no new cycle between lib/ modules.
#
# A module is one lib/*.c file. Module A uses module B when A's object
# has an undefined symbol that B's object defines (nm). An edge A -> B
# that lies on a cycle (B also reaches A) is allowed only when
# tests/lib-cycles.allow lists it: those are the cycles that existed when
# this test was written, known debt (doc/architecture.md). A new cycle
# fails; an allowed edge that is no longer on a cycle is reported, so
# the list can shrink as the debt is paid.
set -u
srcdir=${TEST_SRCDIR:-.}
builddir=${TEST_BUILDDIR:-.}
allow="$srcdir/tests/lib-cycles.allow"
prefix=libcertshow_internal_la-
# Objects of the convenience library: the PIC ones, or the static-only
# build's.
objs=$(ls "$builddir"/lib/.libs/$prefix*.o 2>/dev/null)
if [ -z "$objs" ]; then
	objs=$(ls "$builddir"/lib/$prefix*.o 2>/dev/null)
fi
if [ -z "$objs" ] || ! command -v nm >/dev/null 2>&1; then
	echo "SKIP: no library objects or no nm"; exit 77
fi
if [ ! -r "$allow" ]; then
	echo "FAIL: $allow is missing"; exit 1
fi
tmp=${TMPDIR:-/tmp}/check-cycles.$$
trap 'rm -f "$tmp".*' EXIT

for o in $objs; do
	m=${o##*/"$prefix"}
	m=${m%.o}
	nm -P "$o" | awk -v m="$m" '
		$2 == "U" { print "U", m, $1 }
		$2 ~ /^[TDBRCGSVW]$/ { print "D", m, $1 }'
done > "$tmp.syms"

# Edges between modules, then the ones on a cycle (B reaches A: the
# transitive closure, Floyd-Warshall over a few dozen modules).
awk '
	$1 == "D" { def[$3] = $2 }
	$1 == "U" { n++; um[n] = $2; us[n] = $3 }
	END {
		for (i = 1; i <= n; i++) {
			if ((us[i] in def) && def[us[i]] != um[i]) {
				print um[i], def[us[i]]
			}
		}
	}' "$tmp.syms" | sort -u > "$tmp.edges"
awk '
	{ r[$1, $2] = 1; v[$1] = 1; v[$2] = 1; e[NR] = $1 " " $2 }
	END {
		for (k in v) for (i in v) if ((i, k) in r)
			for (j in v) if ((k, j) in r) r[i, j] = 1
		for (x = 1; x <= NR; x++) {
			split(e[x], p, " ")
			if ((p[2], p[1]) in r) print p[1] " -> " p[2]
		}
	}' "$tmp.edges" | sort -u > "$tmp.cycle"
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$allow" | sort -u \
    > "$tmp.allow"

rv=0
new=$(comm -23 "$tmp.cycle" "$tmp.allow")
if [ -n "$new" ]; then
	echo "FAIL: lib modules that call each other (edges on a cycle that"
	echo "tests/lib-cycles.allow does not list):"
	printf '%s\n' "$new" | sed 's/^/  /'
	echo "Move the shared code to the lower module (doc/architecture.md)."
	rv=1
fi
gone=$(comm -13 "$tmp.cycle" "$tmp.allow")
if [ -n "$gone" ]; then
	echo "NOTE: allowed edges no longer on a cycle (delete them from"
	echo "tests/lib-cycles.allow):"
	printf '%s\n' "$gone" | sed 's/^/  /'
fi
if [ "$rv" = 0 ]; then
	echo "PASS: $(wc -l < "$tmp.edges") module edges," \
	    "$(wc -l < "$tmp.cycle") on allow-listed cycles"
fi
exit "$rv"
