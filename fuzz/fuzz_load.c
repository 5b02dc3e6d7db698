/*
 * fuzz_load.c - loading (PEM, DER, PKCS#7) plus every accessor and every
 * output format over what loaded.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "certshow.h"
#include "fuzz.h"

static void
touch_name(const struct certshow_name *n)
{
	size_t i, j;

	(void)certshow_name_string(n);
	for (i = 0; i < certshow_name_rdn_count(n); i++) {
		for (j = 0; j < certshow_name_attr_count(n, i); j++) {
			const char *oid, *type, *val;
			size_t len;

			(void)certshow_name_attr(n, i, j, &oid, &type, &val,
			    &len);
		}
	}
}

static void
touch_cert(const struct certshow_cert *c)
{
	enum certshow_gn_type type;
	const char *s, *oid, *name;
	const uint8_t *v;
	uint64_t ts;
	size_t i, len;
	unsigned bits;
	int a, b;

	(void)certshow_cert_der(c, &len);
	(void)certshow_cert_version(c);
	(void)certshow_cert_serial_hex(c);
	(void)certshow_cert_serial(c, &len);
	(void)certshow_cert_sig_alg_oid(c);
	(void)certshow_cert_sig_alg_name(c);
	(void)certshow_cert_key_alg(c);
	(void)certshow_cert_key_bits(c);
	(void)certshow_cert_key_curve(c);
	(void)certshow_cert_spki(c, &len);
	(void)certshow_cert_fingerprint(c, CERTSHOW_FP_SHA256);
	(void)certshow_cert_fingerprint(c, CERTSHOW_FP_SHA1);
	(void)certshow_cert_fingerprint(c, CERTSHOW_FP_SPKI_PIN_SHA256);
	touch_name(certshow_cert_subject(c));
	touch_name(certshow_cert_issuer(c));
	(void)certshow_cert_not_before(c);
	(void)certshow_cert_not_after(c);
	for (i = 0; i < certshow_cert_san_count(c); i++) {
		(void)certshow_cert_san(c, i, &type, &oid, &v, &len);
	}
	for (i = 0; i < certshow_cert_ocsp_count(c); i++) {
		s = certshow_cert_ocsp(c, i);
		(void)s;
	}
	for (i = 0; i < certshow_cert_ca_issuers_count(c); i++) {
		(void)certshow_cert_ca_issuers(c, i);
	}
	for (i = 0; i < certshow_cert_crl_dp_count(c); i++) {
		(void)certshow_cert_crl_dp(c, i);
	}
	(void)certshow_cert_key_usage(c, &bits);
	for (i = 0; i < certshow_cert_eku_count(c); i++) {
		(void)certshow_cert_eku(c, i);
	}
	(void)certshow_cert_basic_constraints(c, &a, &b);
	(void)certshow_cert_subject_key_id(c, &len);
	(void)certshow_cert_authority_key_id(c, &len);
	for (i = 0; i < certshow_cert_policy_count(c); i++) {
		(void)certshow_cert_policy(c, i);
	}
	for (a = 0; a < 2; a++) {
		for (i = 0; i < certshow_cert_name_constraint_count(c, a);
		    i++) {
			(void)certshow_cert_name_constraint(c, a, i, &type, &v,
			    &len);
		}
	}
	for (i = 0; i < certshow_cert_sct_count(c); i++) {
		(void)certshow_cert_sct(c, i, &v, &ts);
	}
	(void)certshow_cert_must_staple(c);
	for (i = 0; i < certshow_cert_ext_count(c); i++) {
		(void)certshow_cert_ext(c, i, &oid, &name, &a, &v, &len);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum certshow_format fmts[] = { CERTSHOW_FORMAT_TEXT,
		CERTSHOW_FORMAT_JSON, CERTSHOW_FORMAT_PYTHON,
		CERTSHOW_FORMAT_PEM };
	struct certshow_write_opts wo = CERTSHOW_WRITE_OPTS_INIT;
	struct certshow_writer *w[4] = { NULL, NULL, NULL, NULL };
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_reader *r = NULL;
	struct certshow_cert *c;
	FILE *devnull = fopen("/dev/null", "w");
	size_t i;

	if (ctx == NULL || devnull == NULL) {
		abort();
	}
	wo.now = 1700000000;
	for (i = 0; i < 4; i++) {
		if (certshow_writer_new(ctx, &w[i], devnull, fmts[i], &wo) != 0) {
			abort();
		}
	}
	if (certshow_reader_open_mem(ctx, &r, data, size, "fuzz") == 0) {
		while (certshow_reader_next(ctx, r, &c) == 0 && c != NULL) {
			touch_cert(c);
			for (i = 0; i < 4; i++) {
				(void)certshow_writer_add_cert(ctx, w[i], c);
			}
			certshow_cert_free(c);
		}
	}
	for (i = 0; i < 4; i++) {
		(void)certshow_writer_finish(ctx, w[i]);
		certshow_writer_free(w[i]);
	}
	certshow_reader_free(r);
	certshow_ctx_free(ctx);
	fclose(devnull);
	return 0;
}
