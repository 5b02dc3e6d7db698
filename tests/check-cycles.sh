#!/bin/sh
# check-cycles.sh - no cycle between lib/ modules.
#
# A module is one lib/*.c file. Module A uses module B when A's object
# has an undefined symbol that B's object defines (nm). Any edge A -> B
# that lies on a cycle (B also reaches A, directly or through other
# modules) fails: the shared piece belongs in a lower module
# (doc/architecture.md, "Layers").
set -u
builddir=${TEST_BUILDDIR:-.}
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
if [ -s "$tmp.cycle" ]; then
	echo "FAIL: lib modules that call each other (edges on a cycle, with"
	echo "the symbols that make them):"
	while read -r a _ b; do
		syms=$(awk -v a="$a" -v b="$b" '
			$1 == "D" && $2 == b { d[$3] = 1 }
			$1 == "U" && $2 == a { u[$3] = 1 }
			END { for (s in u) if (s in d) print s }' "$tmp.syms" |
		    sort | tr '\n' ' ')
		echo "  $a -> $b: $syms"
	done < "$tmp.cycle"
	echo "Move the shared code to the lower module (doc/architecture.md)."
	exit 1
fi
echo "PASS: $(wc -l < "$tmp.edges") module edges, no cycle"
