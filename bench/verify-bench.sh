#!/bin/sh
# verify-bench.sh - verification speed, side by side in one run, by hand
# from the build tree (not part of `make check`):
#
#   1. many chains: COUNT leaves under two intermediates and two roots
#      (bench/gen-corpus.sh, one file per leaf) verified by
#        openssl verify -attime T -CAfile roots -untrusted inters FILE...
#        a bare gnutls_x509_trust_list_verify_crt2() loop
#          (bench/gnutls_verify_loop.c)
#        certshow verify --at T --cafile roots --untrusted inters FILE...
#        the same with --jobs 2
#      runs interleaved, medians of wall and CPU time, per-chain cost and
#      throughput ratios to openssl and to the GnuTLS loop;
#   2. in-process: loading the system CA bundle with
#      certshow_trust_add_path() against
#      gnutls_x509_trust_list_add_trust_file() (target: at most 0.3x), and
#      certshow_verify() per chain with the verification cache on and off;
#   3. one chain, process included: certshow verify, certtool --verify and
#      openssl verify of data/chains/chain-valid.pem against the system
#      bundle plus the test root (hyperfine when installed, else medians
#      of a loop);
#   4. the limbo conformance file, when ../shared/limbo/limbo.json exists.
#
# usage: bench/verify-bench.sh [-r RUNS] [-n COUNT] [-c CORPUS] [BUNDLE]
#   RUNS   runs per bulk command (default 3), COUNT leaves (default 10000),
#   CORPUS directory of bench/gen-corpus.sh output (default bench/corpus,
#   generated when missing), BUNDLE the system CA bundle (default: the
#   usual paths). Needs python3, openssl, certtool and a C compiler.
#   CERTSHOW_BASE=PATH adds a row for another certshow binary (an older
#   build, for before/after numbers) to the table of section 1.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
srcdir=${TEST_SRCDIR:-$(cd "$here/.." && pwd)}
builddir=${TEST_BUILDDIR:-$(pwd)}
runs=3
count=10000
corpus=$here/corpus
while getopts r:n:c:h opt; do
	case $opt in
	r)	runs=$OPTARG ;;
	n)	count=$OPTARG ;;
	c)	corpus=$OPTARG ;;
	*)	sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'
		exit 2 ;;
	esac
done
shift $((OPTIND - 1))
bundle=${1:-}
if [ -z "$bundle" ]; then
	for f in /etc/ssl/certs/ca-certificates.crt \
	    /etc/pki/tls/certs/ca-bundle.crt /etc/ssl/ca-bundle.pem \
	    /etc/ssl/cert.pem; do
		if [ -r "$f" ]; then bundle=$f; break; fi
	done
fi
if [ -z "$bundle" ]; then
	echo "no CA bundle found; pass one as argument" >&2
	exit 77
fi
for tool in python3 openssl certtool pkg-config; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "verify-bench: $tool is needed" >&2
		exit 77
	fi
done

# The real binary, not libtool's wrapper script (its start-up would
# dominate the one-chain timing).
certshow=$builddir/tools/certshow
libdir=$builddir/lib/.libs
if [ -x "$builddir/tools/.libs/certshow" ]; then
	certshow=$builddir/tools/.libs/certshow
fi
LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export LD_LIBRARY_PATH

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# ---------------------------------------------------------------------
# Corpus: one file per leaf, roots and intermediates apart.
# ---------------------------------------------------------------------
if [ ! -s "$corpus/leaves.pem" ] ||
    [ "$(grep -c 'BEGIN CERTIFICATE' "$corpus/leaves.pem")" -lt "$count" ]; then
	"$here/gen-corpus.sh" "$corpus" "$count"
fi
vdir=$corpus/verify-$count
if [ ! -s "$vdir/roots.pem" ] ||
    [ "$(find "$vdir/leaves" -name '*.pem' | wc -l)" -ne "$count" ]; then
	rm -rf "$vdir"
	mkdir -p "$vdir/leaves"
	awk -v dir="$vdir/leaves" -v max="$count" '
	    /BEGIN CERTIFICATE/ { if (n == max) { exit }
				  f = sprintf("%s/l%05d.pem", dir, n++) }
	    f != "" { print > f }
	    /END CERTIFICATE/ { close(f); f = "" }' "$corpus/leaves.pem"
	# cas.pem: the two intermediates, then the two roots.
	awk '/BEGIN CERTIFICATE/ { n++ } n <= 2' "$corpus/cas.pem" \
	    >"$vdir/inters.pem"
	awk '/BEGIN CERTIFICATE/ { n++ } n > 2' "$corpus/cas.pem" \
	    >"$vdir/roots.pem"
fi
# 2024-07-01T00:00:00Z: inside the validity of about a third of the
# leaves (issued through 2024 for 90 or 397 days); every tool verifies
# at this time, so all do the same work and their counts must agree.
at=1719792000
at_text=2024-07-01T00:00:00Z

cc=${CC:-cc}
# shellcheck disable=SC2046
$cc -O2 -o "$tmp/gnutls-verify-loop" "$here/gnutls_verify_loop.c" \
    $(pkg-config --cflags --libs gnutls)

# ---------------------------------------------------------------------
# 1. Many chains
# ---------------------------------------------------------------------
ncpu=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
echo "== $count chains (leaf + 2 intermediates + 2 roots), $ncpu CPUs," \
    "median of $runs interleaved runs"
python3 - "$tmp" "$runs" "$count" "$vdir" "$at" "$at_text" "$certshow" \
    "$tmp/gnutls-verify-loop" "${CERTSHOW_BASE:-}" <<'PYEOF'
import glob
import os
import resource
import statistics
import subprocess
import sys
import time

tmp, runs, count, vdir, at, at_text, certshow, gloop, base = sys.argv[1:]
runs, count = int(runs), int(count)
leaves = sorted(glob.glob(os.path.join(vdir, "leaves", "*.pem")))
roots = os.path.join(vdir, "roots.pem")
inters = os.path.join(vdir, "inters.pem")
cs = [certshow, "verify", "--at", at_text, "--cafile", roots,
      "--untrusted", inters]
cmds = [
    ("openssl verify", ["openssl", "verify", "-attime", at, "-CAfile",
                        roots, "-untrusted", inters] + leaves, ": OK"),
    ("GnuTLS verify_crt2 loop", [gloop, roots, inters, at] + leaves,
     ": OK"),
    ("certshow verify", cs + leaves, ": verified"),
    ("certshow verify --jobs 2", cs[:2] + ["--jobs", "2"] + cs[2:] + leaves,
     ": verified"),
]
if base:
    cmds.append(("certshow verify (base)", [base] + cs[1:] + leaves,
                 ": verified"))
res = {name: [] for name, _, _ in cmds}
ok = {}
for r in range(runs):
    for name, cmd, tag in cmds:
        out = os.path.join(tmp, "out")
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        with open(out, "wb") as f:
            p = subprocess.run(cmd, stdout=f, stderr=subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL)
        t1 = time.perf_counter()
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        if p.returncode not in (0, 1, 2):
            sys.exit("%s: exit %d" % (name, p.returncode))
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        res[name].append((t1 - t0, cpu))
        with open(out, "rb") as f:
            ok[name] = sum(1 for line in f
                           if line.rstrip().endswith(tag.encode()))

def med(name, k):
    return statistics.median(v[k] for v in res[name])

base_o = med("openssl verify", 0)
base_g = med("GnuTLS verify_crt2 loop", 0)
base_oc = med("openssl verify", 1)
print("%-26s %8s %8s %8s %9s %9s %8s %8s %8s" % (
    "command", "verified", "wall s", "CPU s", "us/chain", "CPU us/ch",
    "x openssl", "x GnuTLS", "CPU x ossl"))
for name, _, _ in cmds:
    w, c = med(name, 0), med(name, 1)
    print("%-26s %8d %8.2f %8.2f %9.1f %9.1f %8.2fx %8.2fx %8.2fx" % (
        name, ok[name], w, c, w / count * 1e6, c / count * 1e6,
        base_o / w, base_g / w, base_oc / c))
print("(x openssl, x GnuTLS: throughput relative to that command, wall "
      "time; CPU x ossl: same on CPU time, user + system)")
if len(set(ok.values())) != 1:
    print("note: the commands disagree on how many chains verify")
PYEOF

# ---------------------------------------------------------------------
# 2. In-process: CA bundle loading, certshow_verify() per chain
# ---------------------------------------------------------------------
cat > "$tmp/bench.c" <<'CEOF'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include "certshow.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

#define RUNS 21

static double
median(double *v, int n)
{
	qsort(v, n, sizeof(double), cmp);
	return v[n / 2];
}

/* Verify every leaf of `leaves` (one chain each) with the verification
 * cache on or off (the first 2000 at most: without the cache a pass
 * takes long); median seconds per chain over 3 passes. Only the
 * certshow_verify() calls are timed. */
static double
corpus_pass(struct certshow_chain *leaves, struct certshow_chain *inters,
    struct certshow_trust *roots, int cache, int64_t at, size_t *nok)
{
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_ctx *ctx;
	struct certshow_result *res;
	struct certshow_chain *one;
	struct certshow_cert *copy;
	const uint8_t *der;
	size_t i, n = certshow_chain_count(leaves), len;
	double t[3], t0;
	int k;

	if (n > 2000) {
		n = 2000;
	}
	o.has_time = 1;
	o.time = at;
	for (k = 0; k < 3; k++) {
		/* A new context per pass: each leaf is new to the cache, as
		 * in one run of the command line tool. */
		ctx = certshow_ctx_new();
		if (!cache) {
			certshow_ctx_set_verify_cache(ctx, 0);
		}
		*nok = 0;
		t[k] = 0;
		for (i = 0; i < n; i++) {
			der = certshow_cert_raw(certshow_chain_get(leaves, i), CERTSHOW_RAW_DER,
			    &len);
			certshow_chain_new(ctx, &one);
			certshow_cert_from_der(ctx, &copy, der, len);
			certshow_chain_add(ctx, one, copy);
			t0 = now();
			certshow_verify(ctx, &res, one, inters, roots, &o);
			t[k] += now() - t0;
			*nok += certshow_result_flags(res) == 0;
			certshow_result_free(res);
			certshow_chain_free(one);
		}
		t[k] /= n;
		certshow_ctx_free(ctx);
	}
	return median(t, 3);
}

int
main(int argc, char **argv)
{
	const char *bundle = argv[1], *datadir = argv[2], *vdir = argv[3];
	int64_t at = strtoll(argv[4], NULL, 10);
	double t_ours[RUNS], t_gnutls[RUNS], t_v[RUNS], t_vs[RUNS], t0;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_trust *t, *big, *roots;
	struct certshow_chain *ch, *leaves, *inters;
	struct certshow_result *res;
	char path[4096];
	size_t n = 0, nok;
	int i, k, ng = 0;
	double on, off;

	(void)argc;
	for (i = 0; i < RUNS; i++) {
		gnutls_x509_trust_list_t tl;

		t0 = now();
		certshow_trust_new(ctx, &t);
		if (certshow_trust_add_path(ctx, t, bundle, 0) != 0) {
			fprintf(stderr, "%s\n", certshow_ctx_error(ctx));
			return 1;
		}
		t_ours[i] = now() - t0;
		n = certshow_trust_count(t, CERTSHOW_TRUST_ANCHORS);
		certshow_trust_free(t);
		t0 = now();
		gnutls_x509_trust_list_init(&tl, 0);
		ng = gnutls_x509_trust_list_add_trust_file(tl, bundle, NULL,
		    GNUTLS_X509_FMT_PEM, 0, 0);
		t_gnutls[i] = now() - t0;
		gnutls_x509_trust_list_deinit(tl, 1);
	}
	printf("bundle %s: %zu anchors (GnuTLS: %d), median of %d\n", bundle,
	    n, ng, RUNS);
	printf("  certshow_trust_add_path()                %8.3f ms\n",
	    median(t_ours, RUNS) * 1e3);
	printf("  gnutls_x509_trust_list_add_trust_file()  %8.3f ms\n",
	    median(t_gnutls, RUNS) * 1e3);
	printf("  ratio %.3fx (target <= 0.30x)\n",
	    median(t_ours, RUNS) / median(t_gnutls, RUNS));

	o.has_time = 1;
	o.time = 1717200000;
	o.peer_kind = CERTSHOW_PEER_DNS;
	o.peer_name = "www.example.com";
	snprintf(path, sizeof(path), "%s/chains/chain-valid.pem", datadir);
	certshow_chain_load_file(ctx, &ch, path);
	certshow_trust_new(ctx, &t);
	snprintf(path, sizeof(path), "%s/chains/ca-root.pem", datadir);
	certshow_trust_add_path(ctx, t, path, 0);
	certshow_trust_new(ctx, &big);
	certshow_trust_add_path(ctx, big, bundle, 0);
	certshow_trust_add_path(ctx, big, path, 0);
	for (i = 0; i < RUNS; i++) {
		t0 = now();
		for (k = 0; k < 100; k++) {
			certshow_verify(ctx, &res, ch, NULL, t, &o);
			if (certshow_result_flags(res) != 0) {
				fprintf(stderr, "chain-valid did not verify\n");
				return 1;
			}
			certshow_result_free(res);
		}
		t_v[i] = (now() - t0) / 100;
		t0 = now();
		for (k = 0; k < 100; k++) {
			certshow_verify(ctx, &res, ch, NULL, big, &o);
			certshow_result_free(res);
		}
		t_vs[i] = (now() - t0) / 100;
	}
	printf("certshow_verify() of chain-valid (RSA, 3 certificates), "
	    "again and again in one context:\n");
	printf("  1 anchor                        %7.1f us\n",
	    median(t_v, RUNS) * 1e6);
	printf("  system bundle + root            %7.1f us\n",
	    median(t_vs, RUNS) * 1e6);

	snprintf(path, sizeof(path), "%s/roots.pem", vdir);
	certshow_trust_new(ctx, &roots);
	certshow_trust_add_path(ctx, roots, path, 0);
	snprintf(path, sizeof(path), "%s/inters.pem", vdir);
	certshow_chain_load_file(ctx, &inters, path);
	snprintf(path, sizeof(path), "%s/../leaves.pem", vdir);
	certshow_chain_load_file(ctx, &leaves, path);
	on = corpus_pass(leaves, inters, roots, 1, at, &nok);
	printf("certshow_verify() of %zu corpus leaves (%zu verified), "
	    "median of 3 passes:\n", certshow_chain_count(leaves) < 2000 ?
	    certshow_chain_count(leaves) : 2000, nok);
	off = corpus_pass(leaves, inters, roots, 0, at, &nok);
	printf("  verification cache on           %7.1f us/chain\n", on * 1e6);
	printf("  verification cache off          %7.1f us/chain (%.2fx)\n",
	    off * 1e6, off / on);
	certshow_chain_free(leaves);
	certshow_chain_free(inters);
	certshow_trust_free(roots);
	certshow_chain_free(ch);
	certshow_trust_free(t);
	certshow_trust_free(big);
	certshow_ctx_free(ctx);
	return 0;
}
CEOF
echo
echo "== in-process"
# shellcheck disable=SC2046
$cc -O2 -o "$tmp/bench" "$tmp/bench.c" -I"$srcdir/include" \
    $(pkg-config --cflags --libs gnutls) \
    "$libdir/libcertshow.so" -Wl,-rpath,"$libdir"
"$tmp/bench" "$bundle" "$srcdir/data" "$vdir" "$at"

# ---------------------------------------------------------------------
# 3. One chain, process included
# ---------------------------------------------------------------------
echo
echo "== one chain (data/chains/chain-valid.pem) against the system" \
    "bundle + the test root, process included"
cat "$bundle" "$srcdir/data/chains/ca-root.pem" >"$tmp/store.pem"
chain=$srcdir/data/chains/chain-valid.pem
if command -v hyperfine >/dev/null 2>&1; then
	hyperfine -N -w 5 -r 50 --export-json "$tmp/hf.json" \
	    "$certshow verify --cafile $tmp/store.pem $chain" \
	    "certtool --verify --load-ca-certificate $tmp/store.pem --infile $chain" \
	    "openssl verify -CAfile $tmp/store.pem -untrusted $chain $chain" \
	    >/dev/null 2>&1
	python3 - "$tmp/hf.json" <<'PYEOF'
import json
import sys

r = json.load(open(sys.argv[1]))["results"]
base = r[0]["median"]
print("%-16s %10s %10s %10s" % ("command", "median ms", "user ms",
                                "x certshow"))
for e, name in zip(r, ("certshow verify", "certtool --verify",
                       "openssl verify")):
    print("%-16s %10.2f %10.2f %9.2fx" % (name, e["median"] * 1e3,
                                         e["user"] * 1e3,
                                         e["median"] / base))
print("(hyperfine, 50 runs each; x certshow: how many times longer "
      "than certshow)")
PYEOF
else
	python3 - "$certshow" "$tmp/store.pem" "$chain" <<'PYEOF'
import statistics
import subprocess
import sys
import time

certshow, store, chain = sys.argv[1:]
cmds = [("certshow verify", [certshow, "verify", "--cafile", store, chain]),
        ("certtool --verify", ["certtool", "--verify",
                               "--load-ca-certificate", store,
                               "--infile", chain]),
        ("openssl verify", ["openssl", "verify", "-CAfile", store,
                            "-untrusted", chain, chain])]
t = {n: [] for n, _ in cmds}
for r in range(55):
    for n, c in cmds:
        t0 = time.perf_counter()
        subprocess.run(c, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        if r >= 5:
            t[n].append(time.perf_counter() - t0)
base = statistics.median(t["certshow verify"])
print("%-16s %10s %10s" % ("command", "median ms", "x certshow"))
for n, _ in cmds:
    m = statistics.median(t[n])
    print("%-16s %10.2f %9.2fx" % (n, m * 1e3, m / base))
print("(median of 50 runs each, interleaved)")
PYEOF
fi

# ---------------------------------------------------------------------
# 4. Conformance
# ---------------------------------------------------------------------
limbo="$srcdir/../shared/limbo/limbo.json"
if [ -r "$limbo" ] && [ -x "$builddir/bench/limbo" ]; then
	echo
	echo "== limbo"
	"$builddir/bench/limbo" "$limbo" |
	    grep -E '^(overall|path-building|false accepts|time)'
fi
