/*
 * decode_bench.c - time certshow's decoder against a bare GnuTLS loop.
 *
 * Not built by default. From a configured and built tree:
 *
 *   cc -O2 -Iinclude bench/decode_bench.c lib/.libs/libcertshow.a \
 *       $(pkg-config --cflags --libs gnutls libtasn1 libpsl) \
 *       -o decode_bench
 *   ./decode_bench data/dec/leaf-rsa.pem 20000
 *   ./decode_bench /etc/ssl/certs/ca-certificates.crt 200
 *
 * An optional third argument, "certshow" or "gnutls", runs one side only
 * (for profiling).
 * For each of the N rounds every certificate of the PEM bundle is decoded
 * from DER. "certshow" is certshow_cert_from_der() + certshow_cert_free(),
 * which decodes every field, name and known extension; the fingerprints
 * are computed on first use, so "+ fingerprints" adds the three
 * certshow_cert_fingerprint() calls (SHA-256, SHA-1, SPKI pin) that text
 * and JSON output make. "gnutls" is gnutls_x509_crt_import() plus the
 * getters a tool needs for the same fields: DNs, serial, validity, key
 * algorithm and size, and every extension through its
 * gnutls_x509_ext_import_*() function. Each figure is the best of 5 runs
 * of ROUNDS/5 rounds, in microseconds per certificate, to damp the noise
 * of a shared machine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <gnutls/x509-ext.h>

#include "certshow.h"

struct blob {
	unsigned char *p;
	size_t len;
};

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (fp == NULL) {
		perror(path);
		exit(1);
	}
	for (;;) {
		if (n + 1 >= cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			if (buf == NULL) {
				exit(1);
			}
		}
		r = fread(buf + n, 1, cap - n - 1, fp);
		if (r == 0) {
			break;
		}
		n += r;
	}
	fclose(fp);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static size_t
split_pem(char *pem, struct blob **out)
{
	static const char begin[] = "-----BEGIN CERTIFICATE-----";
	static const char end[] = "-----END CERTIFICATE-----";
	struct blob *v = NULL;
	size_t n = 0;
	char *p = pem, *q;

	while ((p = strstr(p, begin)) != NULL) {
		gnutls_datum_t in, der;

		q = strstr(p, end);
		if (q == NULL) {
			break;
		}
		q += sizeof(end) - 1;
		in.data = (unsigned char *)p;
		in.size = (unsigned)(q - p);
		if (gnutls_pem_base64_decode2("CERTIFICATE", &in, &der) == 0) {
			v = realloc(v, (n + 1) * sizeof(*v));
			if (v == NULL) {
				exit(1);
			}
			v[n].p = der.data;
			v[n].len = der.size;
			n++;
		}
		p = q;
	}
	*out = v;
	return n;
}

static int
gnutls_one(const struct blob *b)
{
	gnutls_x509_crt_t crt;
	gnutls_datum_t d = { b->p, (unsigned)b->len }, dn, ext;
	unsigned char serial[64];
	size_t slen = sizeof(serial);
	unsigned bits, i, crit;
	char oid[128];
	size_t oid_len;
	int rv;

	if (gnutls_x509_crt_init(&crt) < 0) {
		return -1;
	}
	rv = gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_DER);
	if (rv < 0) {
		gnutls_x509_crt_deinit(crt);
		return -1;
	}
	(void)gnutls_x509_crt_get_version(crt);
	(void)gnutls_x509_crt_get_serial(crt, serial, &slen);
	if (gnutls_x509_crt_get_dn3(crt, &dn, 0) >= 0) {
		gnutls_free(dn.data);
	}
	if (gnutls_x509_crt_get_issuer_dn3(crt, &dn, 0) >= 0) {
		gnutls_free(dn.data);
	}
	(void)gnutls_x509_crt_get_activation_time(crt);
	(void)gnutls_x509_crt_get_expiration_time(crt);
	(void)gnutls_x509_crt_get_pk_algorithm(crt, &bits);
	(void)gnutls_x509_crt_get_signature_algorithm(crt);
	for (i = 0;; i++) {
		oid_len = sizeof(oid);
		rv = gnutls_x509_crt_get_extension_info(crt, i, oid, &oid_len,
		    &crit);
		if (rv < 0) {
			break;
		}
		if (gnutls_x509_crt_get_extension_data2(crt, i, &ext) < 0) {
			continue;
		}
		if (strcmp(oid, "2.5.29.17") == 0) {
			gnutls_subject_alt_names_t san;

			gnutls_subject_alt_names_init(&san);
			gnutls_x509_ext_import_subject_alt_names(&ext, san, 0);
			gnutls_subject_alt_names_deinit(san);
		} else if (strcmp(oid, "2.5.29.19") == 0) {
			unsigned ca;
			int pl;

			gnutls_x509_ext_import_basic_constraints(&ext, &ca, &pl);
		} else if (strcmp(oid, "2.5.29.15") == 0) {
			unsigned ku;

			gnutls_x509_ext_import_key_usage(&ext, &ku);
		} else if (strcmp(oid, "2.5.29.37") == 0) {
			gnutls_x509_key_purposes_t kp;

			gnutls_x509_key_purpose_init(&kp);
			gnutls_x509_ext_import_key_purposes(&ext, kp, 0);
			gnutls_x509_key_purpose_deinit(kp);
		} else if (strcmp(oid, "2.5.29.14") == 0) {
			gnutls_datum_t id;

			if (gnutls_x509_ext_import_subject_key_id(&ext,
			    &id) >= 0) {
				gnutls_free(id.data);
			}
		} else if (strcmp(oid, "2.5.29.35") == 0) {
			gnutls_x509_aki_t aki;

			gnutls_x509_aki_init(&aki);
			gnutls_x509_ext_import_authority_key_id(&ext, aki, 0);
			gnutls_x509_aki_deinit(aki);
		} else if (strcmp(oid, "2.5.29.32") == 0) {
			gnutls_x509_policies_t pol;

			gnutls_x509_policies_init(&pol);
			gnutls_x509_ext_import_policies(&ext, pol, 0);
			gnutls_x509_policies_deinit(pol);
		} else if (strcmp(oid, "2.5.29.30") == 0) {
			gnutls_x509_name_constraints_t nc;

			gnutls_x509_name_constraints_init(&nc);
			gnutls_x509_ext_import_name_constraints(&ext, nc, 0);
			gnutls_x509_name_constraints_deinit(nc);
		} else if (strcmp(oid, "1.3.6.1.5.5.7.1.1") == 0) {
			gnutls_x509_aia_t aia;

			gnutls_x509_aia_init(&aia);
			gnutls_x509_ext_import_aia(&ext, aia, 0);
			gnutls_x509_aia_deinit(aia);
		} else if (strcmp(oid, "2.5.29.31") == 0) {
			gnutls_x509_crl_dist_points_t dp;

			gnutls_x509_crl_dist_points_init(&dp);
			gnutls_x509_ext_import_crl_dist_points(&ext, dp, 0);
			gnutls_x509_crl_dist_points_deinit(dp);
		} else if (strcmp(oid, "1.3.6.1.5.5.7.1.24") == 0) {
			gnutls_x509_tlsfeatures_t tf;

			gnutls_x509_tlsfeatures_init(&tf);
			gnutls_x509_ext_import_tlsfeatures(&ext, tf, 0);
			gnutls_x509_tlsfeatures_deinit(tf);
		} else if (strcmp(oid, "1.3.6.1.4.1.11129.2.4.2") == 0) {
			gnutls_x509_ct_scts_t scts;

			gnutls_x509_ext_ct_scts_init(&scts);
			gnutls_x509_ext_ct_import_scts(&ext, scts, 0);
			gnutls_x509_ext_ct_scts_deinit(scts);
		}
		gnutls_free(ext.data);
	}
	gnutls_x509_crt_deinit(crt);
	return 0;
}

static size_t n_certs;
static struct blob *certs;
static struct certshow_ctx *bctx;

static size_t
run_certshow(size_t rounds)
{
	size_t r, i, fail = 0;

	for (r = 0; r < rounds; r++) {
		for (i = 0; i < n_certs; i++) {
			struct certshow_cert *c;

			if (certshow_cert_from_der(bctx, &c, certs[i].p,
			    certs[i].len) != 0) {
				fail++;
				continue;
			}
			certshow_cert_free(c);
		}
	}
	return fail;
}

static size_t
run_gnutls(size_t rounds)
{
	size_t r, i, fail = 0;

	for (r = 0; r < rounds; r++) {
		for (i = 0; i < n_certs; i++) {
			if (gnutls_one(&certs[i]) != 0) {
				fail++;
			}
		}
	}
	return fail;
}

static size_t
run_certshow_fp(size_t rounds)
{
	size_t r, i, fail = 0;

	for (r = 0; r < rounds; r++) {
		for (i = 0; i < n_certs; i++) {
			struct certshow_cert *c;

			if (certshow_cert_from_der(bctx, &c, certs[i].p,
			    certs[i].len) != 0) {
				fail++;
				continue;
			}
			if (certshow_cert_fingerprint(c, CERTSHOW_FP_SHA256) ==
			    NULL || certshow_cert_fingerprint(c,
			    CERTSHOW_FP_SHA1) == NULL ||
			    certshow_cert_fingerprint(c,
			    CERTSHOW_FP_SPKI_PIN_SHA256) == NULL) {
				fail++;
			}
			certshow_cert_free(c);
		}
	}
	return fail;
}

/* Best of 5 runs, in microseconds per certificate. */
static double
best(size_t (*fn)(size_t), size_t rounds, size_t *fail)
{
	double t0, t, min = -1;
	size_t k, per = rounds / 5 > 0 ? rounds / 5 : 1;

	*fail = 0;
	for (k = 0; k < 5; k++) {
		t0 = now_us();
		*fail = fn(per) / per;
		t = (now_us() - t0) / (double)(per * n_certs);
		if (min < 0 || t < min) {
			min = t;
		}
	}
	return min;
}

int
main(int argc, char **argv)
{
	const char *only = argc > 3 ? argv[3] : "";
	size_t len, i, rounds, f_cs = 0, f_gt = 0, f_h = 0;
	double t_cs = 0, t_gt = 0, t_h = 0;
	char *pem;

	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: %s BUNDLE.pem ROUNDS [certshow|gnutls]\n",
		    argv[0]);
		return 2;
	}
	rounds = strtoul(argv[2], NULL, 10);
	pem = slurp(argv[1], &len);
	n_certs = split_pem(pem, &certs);
	if (n_certs == 0 || rounds == 0) {
		fprintf(stderr, "no certificates\n");
		return 1;
	}
	bctx = certshow_ctx_new();
	gnutls_global_init();

	/* Warm up both paths once. */
	run_certshow(1);
	run_gnutls(1);
	if (strcmp(only, "gnutls") != 0) {
		t_cs = best(run_certshow, rounds, &f_cs);
		t_h = best(run_certshow_fp, rounds, &f_h);
	}
	if (strcmp(only, "certshow") != 0) {
		t_gt = best(run_gnutls, rounds, &f_gt);
	}
	printf("%zu certificates x %zu rounds\n", n_certs, rounds);
	if (t_cs > 0) {
		printf("certshow: %8.2f us/cert (%zu failed)\n", t_cs, f_cs);
		printf("  + fingerprints: %8.2f us/cert (%zu failed)\n", t_h,
		    f_h);
	}
	if (t_gt > 0) {
		printf("gnutls:   %8.2f us/cert (%zu failed)\n", t_gt, f_gt);
	}
	if (t_cs > 0 && t_gt > 0) {
		printf("ratio:    %8.1fx\n", t_gt / t_cs);
	}
	for (i = 0; i < n_certs; i++) {
		gnutls_free(certs[i].p);
	}
	free(certs);
	free(pem);
	certshow_ctx_free(bctx);
	gnutls_global_deinit();
	return 0;
}
