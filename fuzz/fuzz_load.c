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

/* Every certificate list, read through its getter. */
static void
touch_lists(const struct certshow_cert *c)
{
	static const enum certshow_list gn[] = { CERTSHOW_LIST_SAN,
		CERTSHOW_LIST_NC_PERMITTED, CERTSHOW_LIST_NC_EXCLUDED };
	static const enum certshow_list str[] = { CERTSHOW_LIST_OCSP,
		CERTSHOW_LIST_CA_ISSUERS, CERTSHOW_LIST_CRL_DP,
		CERTSHOW_LIST_EKU, CERTSHOW_LIST_POLICY };
	enum certshow_gn_type type;
	const char *oid, *name;
	const uint8_t *v;
	uint64_t ts;
	size_t i, k, len;
	int crit;

	for (k = 0; k < sizeof(gn) / sizeof(gn[0]); k++) {
		for (i = 0; i < certshow_cert_count(c, gn[k]); i++) {
			(void)certshow_cert_general_name(c, gn[k], i, &type,
			    &oid, &v, &len);
		}
	}
	for (k = 0; k < sizeof(str) / sizeof(str[0]); k++) {
		for (i = 0; i < certshow_cert_count(c, str[k]); i++) {
			(void)certshow_cert_string(c, str[k], i);
		}
	}
	for (i = 0; i < certshow_cert_count(c, CERTSHOW_LIST_SCT); i++) {
		(void)certshow_cert_sct(c, i, &v, &ts);
	}
	for (i = 0; i < certshow_cert_count(c, CERTSHOW_LIST_EXT); i++) {
		(void)certshow_cert_ext(c, i, &oid, &name, &crit, &v, &len);
	}
}

static void
touch_cert(const struct certshow_cert *c)
{
	const char *s1, *s2;
	size_t len, idx;
	int64_t t1, t2;
	unsigned bits;
	int a, b;

	(void)certshow_cert_raw(c, CERTSHOW_RAW_DER, &len);
	(void)certshow_cert_source(c, &idx);
	(void)certshow_cert_version(c);
	(void)certshow_cert_serial_hex(c);
	(void)certshow_cert_raw(c, CERTSHOW_RAW_SERIAL, &len);
	certshow_cert_sig_alg(c, &s1, &s2);
	certshow_cert_key(c, &s1, &bits, &s2);
	(void)certshow_cert_raw(c, CERTSHOW_RAW_SPKI, &len);
	(void)certshow_cert_fingerprint(c, CERTSHOW_FP_SHA256);
	(void)certshow_cert_fingerprint(c, CERTSHOW_FP_SHA1);
	(void)certshow_cert_fingerprint(c, CERTSHOW_FP_SPKI_PIN_SHA256);
	touch_name(certshow_cert_name(c, CERTSHOW_DN_SUBJECT));
	touch_name(certshow_cert_name(c, CERTSHOW_DN_ISSUER));
	certshow_cert_validity(c, &t1, &t2);
	(void)certshow_cert_key_usage(c, &bits);
	(void)certshow_cert_basic_constraints(c, &a, &b);
	(void)certshow_cert_raw(c, CERTSHOW_RAW_SUBJECT_KEY_ID, &len);
	(void)certshow_cert_raw(c, CERTSHOW_RAW_AUTHORITY_KEY_ID, &len);
	(void)certshow_cert_must_staple(c);
	touch_lists(c);
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
