/*
 * gnutls_verify_loop.c - the GnuTLS baseline of bench/verify-bench.sh: a
 * bare gnutls_x509_trust_list_verify_crt2() loop over many leaf files.
 *
 *   gnutls-verify-loop ROOTS INTERMEDIATES EPOCH FILE...
 *
 * The roots go into one trust list, the intermediates are imported once,
 * and each FILE is read, its first certificate imported and verified as
 * [leaf, intermediates...] (GnuTLS sorts the list and ignores the
 * intermediate that does not belong) at time EPOCH. Prints one line per
 * FILE ("FILE: OK" or "FILE: FAILED (status)") and exits 0 when every
 * FILE verified, 1 otherwise. Built by the benchmark script, not by make.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

static time_t fixed_time;

static time_t
bench_time(time_t *t)
{
	if (t != NULL) {
		*t = fixed_time;
	}
	return fixed_time;
}

int
main(int argc, char **argv)
{
	gnutls_x509_trust_list_t tl;
	gnutls_x509_crt_t *inter = NULL, chain[16], leaf;
	gnutls_datum_t d;
	unsigned n_inter = 0, status, i, n;
	unsigned long ok = 0, bad = 0;
	int k, rv;

	if (argc < 5) {
		fprintf(stderr, "usage: %s ROOTS INTERMEDIATES EPOCH FILE...\n",
		    argv[0]);
		return 2;
	}
	/* A benchmark program may set the process-wide time; the library
	 * under test never does. */
	fixed_time = (time_t)strtoll(argv[3], NULL, 10);
	gnutls_global_set_time_function(bench_time);
	if (gnutls_x509_trust_list_init(&tl, 0) < 0 ||
	    gnutls_x509_trust_list_add_trust_file(tl, argv[1], NULL,
	    GNUTLS_X509_FMT_PEM, 0, 0) <= 0) {
		fprintf(stderr, "%s: no trust anchors\n", argv[1]);
		return 3;
	}
	if (gnutls_load_file(argv[2], &d) < 0 ||
	    gnutls_x509_crt_list_import2(&inter, &n_inter, &d,
	    GNUTLS_X509_FMT_PEM, 0) < 0 || n_inter > 15) {
		fprintf(stderr, "%s: cannot load\n", argv[2]);
		return 3;
	}
	gnutls_free(d.data);
	for (k = 4; k < argc; k++) {
		if (gnutls_load_file(argv[k], &d) < 0) {
			fprintf(stderr, "%s: cannot read\n", argv[k]);
			return 3;
		}
		gnutls_x509_crt_init(&leaf);
		rv = gnutls_x509_crt_import(leaf, &d, GNUTLS_X509_FMT_PEM);
		gnutls_free(d.data);
		if (rv < 0) {
			fprintf(stderr, "%s: %s\n", argv[k], gnutls_strerror(rv));
			return 3;
		}
		n = 0;
		chain[n++] = leaf;
		for (i = 0; i < n_inter; i++) {
			chain[n++] = inter[i];
		}
		rv = gnutls_x509_trust_list_verify_crt2(tl, chain, n, NULL, 0,
		    0, &status, NULL);
		if (rv < 0) {
			fprintf(stderr, "%s: %s\n", argv[k], gnutls_strerror(rv));
			return 3;
		}
		if (status == 0) {
			printf("%s: OK\n", argv[k]);
			ok++;
		} else {
			printf("%s: FAILED (0x%x)\n", argv[k], status);
			bad++;
		}
		gnutls_x509_crt_deinit(leaf);
	}
	for (i = 0; i < n_inter; i++) {
		gnutls_x509_crt_deinit(inter[i]);
	}
	gnutls_free(inter);
	gnutls_x509_trust_list_deinit(tl, 1);
	fprintf(stderr, "gnutls-verify-loop: %lu OK, %lu failed\n", ok, bad);
	return bad == 0 ? 0 : 1;
}
