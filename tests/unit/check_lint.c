/* check_lint.c - certificate lint (lib/lint.c). One fixture per finding
 * (data/lint/, made by data/lint/gen.sh) and clean twins that produce
 * none; every row asserts the exact set of finding ids. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "testutil.h"

/* 2024-06-01T00:00:00Z: the check time of every row. */
#define NOW 1717200000LL

struct row {
	const char *file;
	const char *ids[4];   /* expected finding ids, NULL-terminated */
};

static const struct row rows[] = {
	{ "leaf-clean.pem", { NULL } },
	{ "ca-clean.pem", { NULL } },
	{ "der-malformed.pem", { "der-malformed", NULL } },
	{ "der-trailing-data.pem", { "der-trailing-data", NULL } },
	{ "der-length-nonminimal.pem", { "der-length-nonminimal", NULL } },
	{ "der-length-indefinite.pem", { "der-length-indefinite", NULL } },
	{ "der-integer-nonminimal.pem", { "der-integer-nonminimal", NULL } },
	{ "der-encoding.pem", { "der-encoding", NULL } },
	{ "der-default-encoded.pem", { "der-default-encoded", NULL } },
	{ "der-named-bits-nonminimal.pem", { "der-named-bits-nonminimal", NULL } },
	{ "name-multivalued-rdn.pem", { "name-multivalued-rdn", NULL } },
	{ "der-set-unsorted.pem", { "der-set-unsorted", "name-multivalued-rdn", NULL } },
	{ "time-format.pem", { "time-format", NULL } },
	{ "time-generalized-before-2050.pem", { "time-generalized-before-2050", NULL } },
	{ "name-string-type.pem", { "name-string-type", NULL } },
	{ "name-string-deprecated.pem", { "name-string-deprecated", NULL } },
	{ "name-printable-charset.pem", { "name-printable-charset", NULL } },
	{ "name-utf8-invalid.pem", { "name-utf8-invalid", NULL } },
	{ "version-invalid.pem", { "version-invalid", NULL } },
	{ "version-mismatch.pem", { "version-mismatch", NULL } },
	{ "serial-too-long.pem", { "serial-too-long", NULL } },
	{ "serial-negative.pem", { "serial-negative", NULL } },
	{ "serial-zero.pem", { "serial-zero", NULL } },
	{ "serial-low-entropy.pem", { "serial-low-entropy", NULL } },
	{ "sig-md5.pem", { "sig-md5", NULL } },
	{ "sig-sha1.pem", { "sig-sha1", NULL } },
	{ "sig-alg-mismatch.pem", { "sig-alg-mismatch", NULL } },
	{ "rsa-key-too-small.pem", { "rsa-key-too-small", NULL } },
	{ "rsa-exponent.pem", { "rsa-exponent", NULL } },
	{ "rsa-params-not-null.pem", { "rsa-params-not-null", NULL } },
	{ "ec-curve-unnamed.pem", { "ec-curve-unnamed", NULL } },
	{ "ec-curve-weak.pem", { "ec-curve-weak", NULL } },
	{ "ec-curve-not-allowed.pem", { "ec-curve-not-allowed", NULL } },
	{ "ec-clean.pem", { NULL } },
	{ "validity-negative.pem", { "validity-negative", NULL } },
	{ "validity-too-long.pem", { "validity-too-long", NULL } },
	{ "expired.pem", { "expired", NULL } },
	{ "not-yet-valid.pem", { "not-yet-valid", NULL } },
	{ "expires-soon.pem", { "expires-soon", NULL } },
	{ "san-missing.pem", { "san-missing", NULL } },
	{ "cn-not-in-san.pem", { "cn-not-in-san", NULL } },
	{ "wildcard-invalid.pem", { "wildcard-invalid", NULL } },
	{ "dns-name-invalid.pem", { "dns-name-invalid", NULL } },
	{ "ext-duplicate.pem", { "ext-duplicate", NULL } },
	{ "ext-unknown-critical.pem", { "ext-unknown-critical", NULL } },
	{ "ext-malformed.pem", { "ext-malformed", NULL } },
	{ "ca-no-keycertsign.pem", { "ca-no-keycertsign", NULL } },
	{ "ca-no-ski.pem", { "ca-no-ski", NULL } },
	{ "ca-bc-not-critical.pem", { "ca-bc-not-critical", NULL } },
	{ "keycertsign-not-ca.pem", { "keycertsign-not-ca", NULL } },
	{ "pathlen-not-ca.pem", { "pathlen-not-ca", NULL } },
	{ "leaf-ca-true.pem", { "leaf-ca-true", NULL } },
	{ "aki-missing.pem", { "aki-missing", NULL } },
	{ "empty-subject-san-not-critical.pem", { "empty-subject-san-not-critical", NULL } },
	{ "empty-subject-clean.pem", { NULL } },
	{ "ku-empty.pem", { "ku-empty", NULL } },
	{ "ku-encipher-decipher-only.pem", { "ku-encipher-decipher-only", NULL } },
	{ "ku-key-mismatch.pem", { "ku-key-mismatch", NULL } },
	{ "ku-tls-leaf-bits.pem", { "ku-tls-leaf-bits", NULL } },
	{ "ca-policy-clean.pem", { NULL } },
	{ "inhibitanypolicy-not-critical.pem", { "inhibitanypolicy-not-critical", NULL } },
	{ "inhibitanypolicy-negative.pem", { "inhibitanypolicy-negative", NULL } },
	{ "policyconstraints-not-critical.pem", { "policyconstraints-not-critical", NULL } },
	{ "policyconstraints-empty.pem", { "policyconstraints-empty", NULL } },
	{ "policymappings-anypolicy.pem", { "policymappings-anypolicy", NULL } },
	{ "san-no-entries.pem", { "san-no-entries", NULL } },
	{ "san-empty-name.pem", { "san-empty-name", NULL } },
	{ "san-ip-length.pem", { "san-ip-length", NULL } },
	{ "aki-critical.pem", { "aki-critical", NULL } },
	{ "ski-critical.pem", { "ski-critical", NULL } },
	{ "ku-not-critical.pem", { "ku-not-critical", NULL } },
	{ "rsa-modulus-even.pem", { "rsa-modulus-even", NULL } },
	{ "unique-id-present.pem", { "unique-id-present", NULL } },
	{ "issuer-empty.pem", { "issuer-empty", NULL } },
	{ "qc-clean.pem", { NULL } },
	{ "policy-qualifiers-clean.pem", { NULL } },
};

static struct certshow_lint *
lint_file(struct certshow_ctx *ctx, const char *file,
    const struct certshow_lint_opts *o)
{
	struct certshow_lint *l = NULL;
	uint8_t *data;
	size_t len;
	int rv;

	data = test_read_file(test_data_path(file), &len);
	ck_assert_int_eq(certshow_lint_new(ctx, &l), 0);
	rv = certshow_lint_add_input(ctx, l, data, len, file, o);
	ck_assert_msg(rv == 0, "%s: add_input returned %d (%s)", file, rv,
	    certshow_ctx_error(ctx));
	ck_assert_uint_eq(certshow_lint_count(l, CERTSHOW_LINT_CERTS), 1);
	free(data);
	return l;
}

static bool
has_id(const char *const *ids, const char *id)
{
	size_t i;

	for (i = 0; ids[i] != NULL; i++) {
		if (strcmp(ids[i], id) == 0) {
			return true;
		}
	}
	return false;
}

START_TEST(test_fixture)
{
	const struct row *r = &rows[_i];
	struct certshow_lint_opts o = CERTSHOW_LINT_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_lint *l;
	char path[256];
	size_t i, want = 0;

	o.has_now = 1;
	o.now = NOW;
	o.warn_days = 30;
	snprintf(path, sizeof(path), "lint/%s", r->file);
	l = lint_file(ctx, path, &o);
	while (r->ids[want] != NULL) {
		want++;
	}
	for (i = 0; i < certshow_lint_count(l, CERTSHOW_LINT_FINDINGS); i++) {
		ck_assert_msg(has_id(r->ids, test_finding(l, i).id),
		    "row %d (%s): unexpected finding %s: %s", _i, r->file,
		    test_finding(l, i).id, test_finding(l, i).message);
		ck_assert_uint_eq(test_finding(l, i).cert_index, 0);
		ck_assert_ptr_nonnull(test_finding(l, i).citation);
		ck_assert_ptr_nonnull(test_finding(l, i).message);
	}
	ck_assert_msg(certshow_lint_count(l, CERTSHOW_LINT_FINDINGS) == want,
	    "row %d (%s): %zu findings, want %zu", _i, r->file,
	    certshow_lint_count(l, CERTSHOW_LINT_FINDINGS), want);
	certshow_lint_free(l);
	certshow_ctx_free(ctx);
}
END_TEST

/* The decoded-certificate entry point gives the same answer as raw DER. */
START_TEST(test_cert_api)
{
	struct certshow_lint_opts o = CERTSHOW_LINT_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_chain *chain = NULL;
	struct certshow_lint *l = NULL;
	struct certshow_lint_finding f = CERTSHOW_LINT_FINDING_INIT;

	o.has_now = 1;
	o.now = NOW;
	ck_assert_int_eq(certshow_chain_load_file(ctx, &chain,
	    test_data_path("lint/sig-sha1.pem")), 0);
	ck_assert_int_eq(certshow_lint_new(ctx, &l), 0);
	ck_assert_int_eq(test_lint_cert(ctx, l,
	    certshow_chain_get(chain, 0), &o), 0);
	ck_assert_uint_eq(certshow_lint_count(l, CERTSHOW_LINT_FINDINGS), 1);
	ck_assert_str_eq(test_finding(l, 0).id, "sig-sha1");
	ck_assert_int_eq(test_finding(l, 0).severity, CERTSHOW_LINT_ERROR);
	ck_assert_str_eq(test_finding(l, 0).citation, "CABF BR 7.1.3.2");
	ck_assert_uint_eq(certshow_lint_count(l, CERTSHOW_LINT_CERTS), 1);
	/* Out of range, and a struct of an unknown version. */
	f.id = NULL;
	ck_assert_int_eq(certshow_lint_finding(l, 1, &f), CERTSHOW_E_NOTFOUND);
	ck_assert_ptr_null(f.id);
	f.version = CERTSHOW_LINT_FINDING_VERSION + 1;
	ck_assert_int_eq(certshow_lint_finding(l, 0, &f), CERTSHOW_E_INVAL);
	ck_assert_ptr_null(f.id);
	ck_assert_int_eq(certshow_lint_finding(l, 0, NULL), CERTSHOW_E_INVAL);
	ck_assert_int_eq(certshow_lint_finding(NULL, 0, &f), CERTSHOW_E_INVAL);
	certshow_lint_free(l);
	certshow_chain_free(chain);
	certshow_ctx_free(ctx);
}
END_TEST

/* Two certificates: findings carry the index of the one they concern. */
START_TEST(test_cert_index)
{
	struct certshow_lint_opts o = CERTSHOW_LINT_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_lint *l = NULL;
	uint8_t *a, *b, *both;
	size_t alen, blen;

	o.has_now = 1;
	o.now = NOW;
	a = test_read_file(test_data_path("lint/leaf-clean.pem"), &alen);
	b = test_read_file(test_data_path("lint/serial-zero.pem"), &blen);
	both = malloc(alen + blen);
	ck_assert_ptr_nonnull(both);
	memcpy(both, a, alen);
	memcpy(both + alen, b, blen);
	ck_assert_int_eq(certshow_lint_new(ctx, &l), 0);
	ck_assert_int_eq(certshow_lint_add_input(ctx, l, both, alen + blen,
	    "two", &o), 0);
	ck_assert_uint_eq(certshow_lint_count(l, CERTSHOW_LINT_CERTS), 2);
	ck_assert_uint_eq(certshow_lint_count(l, CERTSHOW_LINT_FINDINGS), 1);
	ck_assert_str_eq(test_finding(l, 0).id, "serial-zero");
	ck_assert_uint_eq(test_finding(l, 0).cert_index, 1);
	certshow_lint_free(l);
	free(a);
	free(b);
	free(both);
	certshow_ctx_free(ctx);
}
END_TEST

/* Options: no time -> no expiry checks; RFC 5280 only -> no BR rules. */
START_TEST(test_options)
{
	struct certshow_lint_opts o = CERTSHOW_LINT_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_lint *l;

	l = lint_file(ctx, "lint/expired.pem", &o);
	ck_assert_uint_eq(certshow_lint_count(l, CERTSHOW_LINT_FINDINGS), 0);
	certshow_lint_free(l);

	o.has_now = 1;
	o.now = NOW;
	o.flags = CERTSHOW_LINT_F_RFC5280_ONLY;
	l = lint_file(ctx, "lint/validity-too-long.pem", &o);
	ck_assert_uint_eq(certshow_lint_count(l, CERTSHOW_LINT_FINDINGS), 0);
	certshow_lint_free(l);
	o.flags = 0;
	l = lint_file(ctx, "lint/validity-too-long.pem", &o);
	ck_assert_uint_eq(certshow_lint_count(l, CERTSHOW_LINT_FINDINGS), 1);
	certshow_lint_free(l);

	/* warn-days: 14 days left warns at 30, not at 10. */
	o.warn_days = 10;
	l = lint_file(ctx, "lint/expires-soon.pem", &o);
	ck_assert_uint_eq(certshow_lint_count(l, CERTSHOW_LINT_FINDINGS), 0);
	certshow_lint_free(l);

	o.version = 99;
	ck_assert_int_eq(certshow_lint_new(ctx, &l), 0);
	ck_assert_int_eq(certshow_lint_add_der(ctx, l,
	    (const uint8_t *)"\x30\x00", 2, NULL, &o), CERTSHOW_E_INVAL);
	certshow_lint_free(l);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_no_certificate)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_lint *l = NULL;

	ck_assert_int_eq(certshow_lint_new(ctx, &l), 0);
	ck_assert_int_eq(certshow_lint_add_input(ctx, l,
	    (const uint8_t *)"hello", 5, "x", NULL), CERTSHOW_E_PARSE);
	ck_assert_int_eq(certshow_lint_add_input(ctx, l,
	    (const uint8_t *)"", 0, "x", NULL), CERTSHOW_E_PARSE);
	ck_assert_uint_eq(certshow_lint_count(l, CERTSHOW_LINT_CERTS), 0);
	certshow_lint_free(l);
	certshow_lint_free(NULL);
	certshow_ctx_free(ctx);
}
END_TEST

static char *
write_out(struct certshow_ctx *ctx, enum certshow_format fmt,
    const struct certshow_lint *l, int *rv)
{
	FILE *fp = tmpfile();
	char *buf;
	long n;

	ck_assert_ptr_nonnull(fp);
	*rv = certshow_lint_write(ctx, fp, fmt, l);
	n = ftell(fp);
	rewind(fp);
	buf = calloc(1, (size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	return buf;
}

START_TEST(test_output)
{
	struct certshow_lint_opts o = CERTSHOW_LINT_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_lint *l;
	char *s;
	int rv;

	o.has_now = 1;
	o.now = NOW;
	l = lint_file(ctx, "lint/serial-zero.pem", &o);
	s = write_out(ctx, CERTSHOW_FORMAT_TEXT, l, &rv);
	ck_assert_int_eq(rv, 0);
	ck_assert_str_eq(s,
	    "[0] lint/serial-zero.pem: error serial-zero: serial number is "
	    "zero (RFC 5280 4.1.2.2)\n"
	    "1 certificate: 1 error, 0 warnings, 0 notices\n");
	free(s);
	s = write_out(ctx, CERTSHOW_FORMAT_JSON, l, &rv);
	ck_assert_int_eq(rv, 0);
	ck_assert_str_eq(s,
	    "{\n  \"format_version\": 1,\n  \"certificates\": [\n"
	    "    {\"index\": 0, \"source\": \"lint/serial-zero.pem\"}\n  ],\n"
	    "  \"findings\": [\n"
	    "    {\"id\": \"serial-zero\", \"severity\": \"error\", "
	    "\"certificate\": 0, \"message\": \"serial number is zero\", "
	    "\"citation\": \"RFC 5280 4.1.2.2\"}\n  ]\n}\n");
	free(s);
	s = write_out(ctx, CERTSHOW_FORMAT_PYTHON, l, &rv);
	ck_assert_int_eq(rv, CERTSHOW_E_UNSUPPORTED);
	free(s);
	certshow_lint_free(l);
	certshow_ctx_free(ctx);
}
END_TEST

/* certshow_writer_set_lint(): the findings inside one JSON document. */
static char *
read_back(FILE *fp)
{
	long n = ftell(fp);
	char *buf;

	rewind(fp);
	buf = calloc(1, (size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	return buf;
}

START_TEST(test_writer_lint)
{
	struct certshow_lint_opts o = CERTSHOW_LINT_OPTS_INIT;
	struct certshow_verify_opts vo = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_writer *w = NULL;
	struct certshow_chain *chain = NULL;
	struct certshow_trust *t = NULL;
	struct certshow_result *res = NULL;
	struct certshow_lint *l = NULL, *l2 = NULL;
	uint8_t *data;
	size_t len;
	FILE *fp;
	char *s, *p;

	o.has_now = 1;
	o.now = NOW;
	data = test_read_file(test_data_path("lint/serial-zero.pem"), &len);
	ck_assert_int_eq(certshow_chain_load_mem(ctx, &chain, data, len,
	    "serial-zero.pem"), 0);
	free(data);
	ck_assert_int_eq(certshow_lint_new(ctx, &l), 0);
	ck_assert_int_eq(test_lint_cert(ctx, l,
	    certshow_chain_get(chain, 0), &o), 0);

	/* A certificates document: "lint" after "certificates". */
	fp = tmpfile();
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(certshow_writer_new(ctx, &w, fp, CERTSHOW_FORMAT_JSON,
	    NULL), 0);
	ck_assert_int_eq(certshow_writer_add_cert(ctx, w,
	    certshow_chain_get(chain, 0)), 0);
	ck_assert_int_eq(certshow_writer_set_lint(ctx, w, l), 0);
	ck_assert_int_eq(certshow_writer_finish(ctx, w), 0);
	ck_assert_int_eq(certshow_writer_set_lint(ctx, w, l),
	    CERTSHOW_E_INVAL);
	certshow_writer_free(w);
	s = read_back(fp);
	p = strstr(s, "\n  ],\n  \"lint\": {\n");
	ck_assert_msg(p != NULL, "%s", s);
	ck_assert_str_eq(p,
	    "\n  ],\n  \"lint\": {\n    \"certificates\": [\n"
	    "      {\"index\": 0, \"source\": \"serial-zero.pem\"}\n"
	    "    ],\n    \"findings\": [\n"
	    "      {\"id\": \"serial-zero\", \"severity\": \"error\", "
	    "\"certificate\": 0, \"message\": \"serial number is zero\", "
	    "\"citation\": \"RFC 5280 4.1.2.2\"}\n    ]\n  }\n}\n");
	free(s);

	/* Results: the next result takes the findings, the one after does
	 * not. */
	ck_assert_int_eq(certshow_trust_new(ctx, &t), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, t,
	    test_data_path("lint/ca-clean.pem"), 0), 0);
	vo.has_time = 1;
	vo.time = NOW;
	ck_assert_int_eq(certshow_verify(ctx, &res, chain, NULL, t, &vo), 0);
	fp = tmpfile();
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(certshow_writer_new(ctx, &w, fp, CERTSHOW_FORMAT_JSON,
	    NULL), 0);
	ck_assert_int_eq(certshow_writer_set_lint(ctx, w, l), 0);
	ck_assert_int_eq(certshow_writer_add_result(ctx, w, chain, res), 0);
	ck_assert_int_eq(certshow_writer_add_result(ctx, w, chain, res), 0);
	ck_assert_int_eq(certshow_writer_finish(ctx, w), 0);
	certshow_writer_free(w);
	s = read_back(fp);
	/* "lint" is the last member, after "checked". */
	p = strstr(s, "      \"missing_issuer\": null,\n      \"checked\": {");
	ck_assert_msg(p != NULL, "%s", s);
	p = strstr(p,
	    "\"crls\": 0},\n      \"lint\": {\n"
	    "        \"certificates\": [\n");
	ck_assert_msg(p != NULL, "%s", s);
	p = strstr(p, "\"lint\"") + 6;
	ck_assert_ptr_null(strstr(p, "\"lint\""));
	ck_assert_ptr_nonnull(strstr(p,
	    "\"crls\": 0}\n"
	    "    }\n  ]\n}\n"));
	free(s);

	/* The findings are copied at the call: the list may be freed (or
	 * grow) right after it and the document shows them as they were. */
	ck_assert_int_eq(certshow_lint_new(ctx, &l2), 0);
	ck_assert_int_eq(test_lint_cert(ctx, l2,
	    certshow_chain_get(chain, 0), &o), 0);
	fp = tmpfile();
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(certshow_writer_new(ctx, &w, fp, CERTSHOW_FORMAT_JSON,
	    NULL), 0);
	ck_assert_int_eq(certshow_writer_set_lint(ctx, w, l2), 0);
	certshow_lint_free(l2);
	ck_assert_int_eq(certshow_writer_add_result(ctx, w, chain, res), 0);
	ck_assert_int_eq(certshow_writer_finish(ctx, w), 0);
	certshow_writer_free(w);
	s = read_back(fp);
	ck_assert_msg(strstr(s, "\"message\": \"serial number is zero\"") !=
	    NULL, "%s", s);
	free(s);
	/* Cleared with NULL: no "lint" member. */
	fp = tmpfile();
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(certshow_writer_new(ctx, &w, fp, CERTSHOW_FORMAT_JSON,
	    NULL), 0);
	ck_assert_int_eq(certshow_writer_set_lint(ctx, w, l), 0);
	ck_assert_int_eq(certshow_writer_set_lint(ctx, w, NULL), 0);
	ck_assert_int_eq(certshow_writer_add_result(ctx, w, chain, res), 0);
	ck_assert_int_eq(certshow_writer_finish(ctx, w), 0);
	certshow_writer_free(w);
	s = read_back(fp);
	ck_assert_ptr_null(strstr(s, "\"lint\""));
	free(s);

	certshow_result_free(res);
	certshow_trust_free(t);
	certshow_lint_free(l);
	certshow_chain_free(chain);
	certshow_ctx_free(ctx);
}
END_TEST

/* Short descriptions of the extensions without a model accessor. */
struct desc_row {
	const char *oid;
	uint8_t der[40];
	size_t len;
	int want_rv;
	const char *want;
};

static const struct desc_row desc_rows[] = {
	{ "2.5.29.54", { 0x02, 0x01, 0x00 }, 3, 0, "skipCerts=0" },
	{ "2.5.29.36", { 0x30, 0x06, 0x80, 0x01, 0x00, 0x81, 0x01, 0x02 }, 8,
	    0, "requireExplicitPolicy=0, inhibitPolicyMapping=2" },
	{ "2.5.29.36", { 0x30, 0x00 }, 2, 0, "(empty)" },
	{ "2.5.29.33", { 0x30, 0x0D, 0x30, 0x0B, 0x06, 0x04, 0x55, 0x1D, 0x20,
	    0x00, 0x06, 0x03, 0x67, 0x81, 0x0C }, 15, 0,
	    "anyPolicy -> 2.23.140" },
	{ "1.3.6.1.5.5.7.1.3", { 0x30, 0x1A, 0x30, 0x08, 0x06, 0x06, 0x04,
	    0x00, 0x8E, 0x46, 0x01, 0x01, 0x30, 0x0E, 0x06, 0x06, 0x04, 0x00,
	    0x8E, 0x46, 0x01, 0x06, 0x30, 0x04, 0x06, 0x02, 0x04, 0x00 }, 28,
	    0, "QcCompliance, QcType(0.4.0)" },
	/* Truncated statement; negative skipCerts (RFC 5280 4.2.1.14). */
	{ "1.3.6.1.5.5.7.1.3", { 0x30, 0x03, 0x30, 0x01, 0x06 }, 5,
	    CERTSHOW_E_PARSE, NULL },
	{ "2.5.29.54", { 0x02, 0x01, 0xFF }, 3, CERTSHOW_E_PARSE, NULL },
	{ "2.5.29.19", { 0x30, 0x00 }, 2, CERTSHOW_E_NOTFOUND, NULL },
};

START_TEST(test_describe)
{
	const struct desc_row *r = &desc_rows[_i];
	char *s = NULL;
	int rv;

	rv = certshow__asn1_ext_describe(NULL, r->oid, r->der, r->len, &s);
	ck_assert_msg(rv == r->want_rv, "row %d: rv %d want %d", _i, rv,
	    r->want_rv);
	if (r->want != NULL) {
		ck_assert_str_eq(s, r->want);
	} else {
		ck_assert_ptr_null(s);
	}
	free(s);
}
END_TEST

/* qcStatements from a fixture, through the certificate model. */
START_TEST(test_describe_qc)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_chain *chain = NULL;
	const struct certshow_cert *c;
	const uint8_t *v;
	const char *oid;
	size_t i, len;
	char *s = NULL;
	int found = 0;

	ck_assert_int_eq(certshow_chain_load_file(ctx, &chain,
	    test_data_path("lint/qc-clean.pem")), 0);
	c = certshow_chain_get(chain, 0);
	for (i = 0; i < certshow_cert_count(c, CERTSHOW_LIST_EXT); i++) {
		ck_assert_int_eq(certshow_cert_ext(c, i, &oid, NULL, NULL, &v,
		    &len), 0);
		if (strcmp(oid, "1.3.6.1.5.5.7.1.3") == 0) {
			ck_assert_int_eq(certshow__asn1_ext_describe(ctx, oid, v,
			    len, &s), 0);
			ck_assert_str_eq(s, "QcCompliance, QcType(web)");
			free(s);
			found = 1;
		}
	}
	ck_assert_int_eq(found, 1);
	certshow_chain_free(chain);
	certshow_ctx_free(ctx);
}
END_TEST

/* An input that holds no certificate is no input to lint: the reader's
 * words and CERTSHOW_E_PARSE, no made-up finding. The twin (leaf.der,
 * the same shape class as csr.der) is linted. */
static const struct {
	const char *file;
	const char *want;
} nocert_rows[] = {
	{ "load/csr.pem",
	    "load/csr.pem: no certificate found (skipped 1 "
	    "PEM block, the first is CERTIFICATE REQUEST at line 1)" },
	{ "load/csr.der",
	    "load/csr.der: no certificate found (a DER "
	    "certificate request (CSR))" },
	{ "chains-crl/int.crl.der",
	    "chains-crl/int.crl.der: no certificate "
	    "found (a DER CRL)" },
	{ "chains-crl/int.crl.pem",
	    "chains-crl/int.crl.pem: no certificate "
	    "found (skipped 1 PEM block, the first is X509 CRL at line 1)" },
	{ "load/key-only.pem",
	    "load/key-only.pem: no certificate found "
	    "(skipped 1 PEM block, the first is PRIVATE KEY at line 1)" },
	{ "load/p7-nocert.pem",
	    "load/p7-nocert.pem: no certificate found "
	    "(the PKCS#7 bundle holds none)" },
	{ "load/empty.pem", "load/empty.pem: empty input" },
	{ "load/leaf.der", NULL },
};

START_TEST(test_lint_not_a_certificate)
{
	struct certshow_lint_opts o = CERTSHOW_LINT_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_lint *l = NULL;
	const char *file = nocert_rows[_i].file;
	uint8_t *data;
	size_t len;
	int rv;

	data = test_read_file(test_data_path(file), &len);
	ck_assert_int_eq(certshow_lint_new(ctx, &l), 0);
	rv = certshow_lint_add_input(ctx, l, data, len, file, &o);
	if (nocert_rows[_i].want == NULL) {
		ck_assert_msg(rv == 0, "%s: %s", file, certshow_ctx_error(ctx));
		ck_assert_uint_eq(certshow_lint_count(l, CERTSHOW_LINT_CERTS),
		    1);
	} else {
		ck_assert_int_eq(rv, CERTSHOW_E_PARSE);
		ck_assert_str_eq(certshow_ctx_error(ctx), nocert_rows[_i].want);
		ck_assert_uint_eq(certshow_lint_count(l, CERTSHOW_LINT_CERTS),
		    0);
		ck_assert_uint_eq(certshow_lint_count(l,
				      CERTSHOW_LINT_FINDINGS),
		    0);
	}
	free(data);
	certshow_lint_free(l);
	certshow_ctx_free(ctx);
}
END_TEST

static char *
lint_out(struct certshow_lint *l, enum certshow_format fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(certshow_lint_write(NULL, fp, fmt, l), 0);
	fclose(fp);
	return buf;
}

START_TEST(test_lint_errors)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_lint *l = NULL;
	char *out;

	ck_assert_int_eq(certshow_lint_new(ctx, &l), 0);
	ck_assert_int_eq(certshow_lint_add_error(ctx, l, "x.pem", CERTSHOW_E_IO,
			     "x.pem: cannot open: No such file or directory"),
	    0);
	/* Nothing linted: no "0 certificates: 0 errors" line. */
	out = lint_out(l, CERTSHOW_FORMAT_TEXT);
	ck_assert_str_eq(out, "");
	free(out);
	out = lint_out(l, CERTSHOW_FORMAT_JSON);
	ck_assert_str_eq(out,
	    "{\n  \"format_version\": 1,\n"
	    "  \"certificates\": [],\n  \"findings\": [],\n  \"errors\": [\n"
	    "    {\n      \"source\": \"x.pem\",\n      \"error\": {\n"
	    "        \"code\": \"io\",\n        \"message\": \"x.pem: cannot "
	    "open: No such file or directory\"\n      }\n    }\n  ]\n}\n");
	free(out);
	certshow_lint_free(l);
	/* With a certificate linted: the summary says one was not. */
	l = lint_file(ctx, "load/leaf.der", NULL);
	ck_assert_int_eq(certshow_lint_add_error(ctx, l, NULL, CERTSHOW_E_PARSE,
			     NULL),
	    0);
	out = lint_out(l, CERTSHOW_FORMAT_TEXT);
	ck_assert_ptr_nonnull(strstr(out, "1 certificate: "));
	ck_assert_ptr_nonnull(strstr(out, "; 1 input not linted\n"));
	free(out);
	out = lint_out(l, CERTSHOW_FORMAT_JSON);
	ck_assert_ptr_nonnull(strstr(out,
	    "\"source\": null,\n      "
	    "\"error\": {\n        \"code\": \"parse\",\n        "
	    "\"message\": \"malformed input\"\n"));
	free(out);
	certshow_lint_free(l);
	certshow_ctx_free(ctx);
}
END_TEST

/* Verify chains/leaf.pem's file against chains/ca-root.pem at NOW with
 * `untrusted` (may be NULL) as more intermediates. */
static struct certshow_result *
verify_at(struct certshow_ctx *ctx, const struct certshow_chain *chain,
    const struct certshow_chain *untrusted)
{
	struct certshow_verify_opts vo = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_trust *t = NULL;
	struct certshow_result *res = NULL;

	ck_assert_int_eq(certshow_trust_new(ctx, &t), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, t,
			     test_data_path("chains/ca-root.pem"), 0),
	    0);
	vo.has_time = 1;
	vo.time = NOW;
	ck_assert_int_eq(certshow_verify(ctx, &res, chain, untrusted, t, &vo),
	    0);
	ck_assert_uint_eq(certshow_result_flags(res), 0);
	ck_assert_uint_eq(certshow_result_path_len(res), 3);
	certshow_trust_free(t);
	return res;
}

/* The findings as "cert:id" joined by spaces, in order. */
static void
finding_list(const struct certshow_lint *l, char *buf, size_t size)
{
	struct certshow_lint_finding f;
	size_t i, n = certshow_lint_count(l, CERTSHOW_LINT_FINDINGS), off = 0;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		f = test_finding(l, i);
		off += (size_t)snprintf(buf + off, size - off, "%s%zu:%s",
		    i > 0 ? " " : "", f.cert_index, f.id);
		ck_assert_uint_lt(off, size);
	}
}

/* certshow_lint_add_verified(): the presented chain, then the path's
 * certificates taken from elsewhere (an untrusted intermediate, named
 * "path #1"), never the anchor; without a result, the chain alone; a
 * chain that holds the intermediate lints it once. */
START_TEST(test_add_verified)
{
	struct certshow_lint_opts o = CERTSHOW_LINT_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_chain *leaf = NULL, *inter = NULL, *full = NULL;
	struct certshow_result *res;
	struct certshow_lint *l = NULL;
	struct certshow_cert *copy = NULL;
	char got[256], *out;
	const uint8_t *der;
	size_t len;

	o.has_now = 1;
	o.now = NOW;
	ck_assert_int_eq(certshow_chain_load_file(ctx, &leaf,
			     test_data_path("chains/leaf.pem")),
	    0);
	/* No source (as a CLI's --untrusted pool): named by its place. */
	ck_assert_int_eq(certshow_chain_load_file(ctx, &full,
			     test_data_path("chains/ca-int.pem")),
	    0);
	der = certshow_cert_raw(certshow_chain_get(full, 0), CERTSHOW_RAW_DER,
	    &len);
	ck_assert_int_eq(certshow_cert_from_der(ctx, &copy, der, len), 0);
	ck_assert_int_eq(certshow_chain_new(ctx, &inter), 0);
	ck_assert_int_eq(certshow_chain_add(ctx, inter, copy), 0);
	certshow_chain_free(full);
	full = NULL;
	res = verify_at(ctx, leaf, inter);

	ck_assert_int_eq(certshow_lint_new(ctx, &l), 0);
	ck_assert_int_eq(certshow_lint_add_verified(ctx, l, leaf, res, &o), 0);
	ck_assert_uint_eq(certshow_lint_count(l, CERTSHOW_LINT_CERTS), 2);
	finding_list(l, got, sizeof(got));
	ck_assert_str_eq(got,
	    "0:serial-low-entropy 0:validity-too-long "
	    "1:serial-low-entropy");
	out = lint_out(l, CERTSHOW_FORMAT_JSON);
	ck_assert_msg(strstr(out,
			  "{\"index\": 1, \"source\": \"path #1\"}\n") != NULL,
	    "%s", out);
	free(out);
	certshow_lint_free(l);

	/* No result: the chain alone. */
	ck_assert_int_eq(certshow_lint_new(ctx, &l), 0);
	ck_assert_int_eq(certshow_lint_add_verified(ctx, l, leaf, NULL, &o), 0);
	ck_assert_uint_eq(certshow_lint_count(l, CERTSHOW_LINT_CERTS), 1);
	finding_list(l, got, sizeof(got));
	ck_assert_str_eq(got, "0:serial-low-entropy 0:validity-too-long");
	certshow_lint_free(l);
	certshow_result_free(res);

	/* The intermediate sent along: linted once, as the chain's. */
	ck_assert_int_eq(certshow_chain_load_file(ctx, &full,
			     test_data_path("chains/chain-valid.pem")),
	    0);
	ck_assert_uint_eq(certshow_chain_count(full), 2);
	res = verify_at(ctx, full, NULL);
	ck_assert_int_eq(certshow_lint_new(ctx, &l), 0);
	ck_assert_int_eq(certshow_lint_add_verified(ctx, l, full, res, &o), 0);
	ck_assert_uint_eq(certshow_lint_count(l, CERTSHOW_LINT_CERTS), 2);
	finding_list(l, got, sizeof(got));
	ck_assert_str_eq(got,
	    "0:serial-low-entropy 0:validity-too-long "
	    "1:serial-low-entropy");
	out = lint_out(l, CERTSHOW_FORMAT_JSON);
	ck_assert_ptr_null(strstr(out, "path #"));
	free(out);

	ck_assert_int_eq(certshow_lint_add_verified(ctx, l, NULL, res, &o),
	    CERTSHOW_E_INVAL);
	ck_assert_int_eq(certshow_lint_add_verified(ctx, NULL, full, res, &o),
	    CERTSHOW_E_INVAL);
	certshow_lint_free(l);
	certshow_result_free(res);
	certshow_chain_free(full);
	certshow_chain_free(inter);
	certshow_chain_free(leaf);
	certshow_ctx_free(ctx);
}
END_TEST

static Suite *
lint_suite(void)
{
	Suite *s = suite_create("lint");
	TCase *tc = tcase_create("fixtures");

	tcase_add_loop_test(tc, test_fixture, 0,
	    (int)(sizeof(rows) / sizeof(rows[0])));
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	tc = tcase_create("api");
	tcase_add_test(tc, test_cert_api);
	tcase_add_test(tc, test_cert_index);
	tcase_add_test(tc, test_options);
	tcase_add_test(tc, test_no_certificate);
	tcase_add_test(tc, test_output);
	tcase_add_test(tc, test_writer_lint);
	tcase_add_loop_test(tc, test_lint_not_a_certificate, 0,
	    (int)(sizeof(nocert_rows) / sizeof(nocert_rows[0])));
	tcase_add_test(tc, test_lint_errors);
	tcase_add_test(tc, test_add_verified);
	tcase_add_loop_test(tc, test_describe, 0,
	    (int)(sizeof(desc_rows) / sizeof(desc_rows[0])));
	tcase_add_test(tc, test_describe_qc);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(lint_suite());
}
