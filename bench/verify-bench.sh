#!/bin/sh
# verify-bench.sh - timings of the verification code, run by hand from the
# build tree (not part of `make check`):
#   1. loading the system CA bundle: certshow_trust_add_path() against
#      GnuTLS's gnutls_x509_trust_list_add_trust_file() on the same file
#      (the target is at most 0.3x);
#   2. one certshow_verify() of data/chains/chain-valid.pem, and of the
#      same chain against the whole system bundle plus the test root;
#   3. the limbo conformance file, when ../shared/limbo/limbo.json exists.
# usage: bench/verify-bench.sh [BUNDLE]   (run from the build directory)
set -eu
srcdir=${TEST_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${TEST_BUILDDIR:-.}
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
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
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

int
main(int argc, char **argv)
{
	const char *bundle = argv[1], *datadir = argv[2];
	double t_ours[RUNS], t_gnutls[RUNS], t_v[RUNS], t_vs[RUNS], t0;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_trust *t, *big;
	struct certshow_chain *ch;
	struct certshow_result *res;
	char path[4096];
	size_t n = 0;
	int i, k, ng = 0;

	(void)argc;
	for (i = 0; i < RUNS; i++) {
		gnutls_x509_trust_list_t tl;

		t0 = now();
		certshow_trust_new(ctx, &t);
		if (certshow_trust_add_path(ctx, t, bundle) != 0) {
			fprintf(stderr, "%s\n", certshow_ctx_error(ctx));
			return 1;
		}
		t_ours[i] = now() - t0;
		n = certshow_trust_count(t);
		certshow_trust_free(t);
		t0 = now();
		gnutls_x509_trust_list_init(&tl, 0);
		ng = gnutls_x509_trust_list_add_trust_file(tl, bundle, NULL,
		    GNUTLS_X509_FMT_PEM, 0, 0);
		t_gnutls[i] = now() - t0;
		gnutls_x509_trust_list_deinit(tl, 1);
	}
	qsort(t_ours, RUNS, sizeof(double), cmp);
	qsort(t_gnutls, RUNS, sizeof(double), cmp);
	printf("bundle %s: %zu anchors (GnuTLS: %d)\n", bundle, n, ng);
	printf("  certshow_trust_add_path          median %8.3f ms\n",
	    t_ours[RUNS / 2] * 1e3);
	printf("  gnutls_x509_trust_list_add_trust_file median %8.3f ms\n",
	    t_gnutls[RUNS / 2] * 1e3);
	printf("  ratio %.2fx (target <= 0.30x)\n",
	    t_ours[RUNS / 2] / t_gnutls[RUNS / 2]);

	o.has_time = 1;
	o.time = 1717200000;
	o.peer_kind = CERTSHOW_PEER_DNS;
	o.peer_name = "www.example.com";
	snprintf(path, sizeof(path), "%s/chains/chain-valid.pem", datadir);
	certshow_chain_load_file(ctx, &ch, path);
	certshow_trust_new(ctx, &t);
	snprintf(path, sizeof(path), "%s/chains/ca-root.pem", datadir);
	certshow_trust_add_path(ctx, t, path);
	certshow_trust_new(ctx, &big);
	certshow_trust_add_path(ctx, big, bundle);
	certshow_trust_add_path(ctx, big, path);
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
	qsort(t_v, RUNS, sizeof(double), cmp);
	qsort(t_vs, RUNS, sizeof(double), cmp);
	printf("certshow_verify chain-valid (3 certs, 1 anchor)   median %7.1f us\n",
	    t_v[RUNS / 2] * 1e6);
	printf("certshow_verify chain-valid (system bundle + root) median %7.1f us\n",
	    t_vs[RUNS / 2] * 1e6);
	certshow_chain_free(ch);
	certshow_trust_free(t);
	certshow_trust_free(big);
	certshow_ctx_free(ctx);
	return 0;
}
CEOF
# shellcheck disable=SC2046
${CC:-cc} -O2 -o "$tmp/bench" "$tmp/bench.c" -I"$srcdir/include" \
    $(pkg-config --cflags --libs gnutls) \
    "$builddir/lib/.libs/libcertshow.so" -Wl,-rpath,"$builddir/lib/.libs"
"$tmp/bench" "$bundle" "$srcdir/data"
limbo="$srcdir/../shared/limbo/limbo.json"
if [ -r "$limbo" ] && [ -x "$builddir/bench/limbo" ]; then
	"$builddir/bench/limbo" "$limbo" | grep -E '^(overall|path-building|false accepts|time)'
fi
