/* check_ocsp.c - OCSP response checking (lib/ocsp.c) and the revocation
 * stage of certshow_verify() with a stapled response (lib/revocation.c),
 * on the committed fixtures of data/tls-extra (fixed dates: thisUpdate
 * 2000-01-01, nextUpdate 2099-12-31, revoked 2010-01-01 keyCompromise).
 * Every unusable answer has a usable twin: ocsp-good.der for the leaf
 * and int-a at 2050. */
#include <stdlib.h>
#include <string.h>

#include <gnutls/gnutls.h>
#include <gnutls/ocsp.h>

#include "verify.h"
#include "ocsp.h"
#include "testutil.h"

#define V(x) CERTSHOW_V_##x
#define T2050 2524608000
#define T_THIS 946684800     /* 2000-01-01 */
#define T_NEXT 4102444799    /* 2099-12-31 23:59:59 */
#define T_REVOKED 1262304000 /* 2010-01-01 */

static struct certshow_chain *
load_chain(struct certshow_ctx *ctx, const char *rel)
{
	struct certshow_chain *ch = NULL;

	ck_assert_msg(certshow_chain_load_file(ctx, &ch,
	    test_data_path(rel)) == 0, "%s: %s", rel,
	    certshow_ctx_error(ctx));
	return ch;
}

static uint8_t *
load_der(const char *rel, size_t *len)
{
	uint8_t *p = test_read_file(test_data_path(rel), len);

	ck_assert_ptr_nonnull(p);
	return p;
}

struct check_row {
	const char *resp;        /* NULL: garbage bytes */
	const char *leaf;        /* file whose first certificate is asked */
	int64_t now;
	bool nonce;              /* the query expects a nonce */
	enum certshow_rev_status want;
	const char *why;         /* substring of the reason, for ERROR */
};

static const struct check_row check_rows[] = {
	{ "tls-extra/ocsp-good.der", "tls-extra/leaf.pem", T2050, false,
	    CERTSHOW_REV_GOOD, NULL },
	{ "tls-extra/ocsp-revoked.der", "tls-extra/leaf.pem", T2050, false,
	    CERTSHOW_REV_REVOKED, NULL },
	{ "tls-extra/ocsp-badsig.der", "tls-extra/leaf.pem", T2050, false,
	    CERTSHOW_REV_ERROR, "signature" },
	{ "tls-extra/ocsp-good.der", "tls-extra/chain-rsa1024.pem", T2050,
	    false, CERTSHOW_REV_ERROR, "another certificate" },
	/* nextUpdate passed (beyond the skew allowance) */
	{ "tls-extra/ocsp-good.der", "tls-extra/leaf.pem",
	    T_NEXT + CERTSHOW__OCSP_SKEW + 1, false, CERTSHOW_REV_ERROR,
	    "stale" },
	/* within the skew allowance: still current */
	{ "tls-extra/ocsp-good.der", "tls-extra/leaf.pem",
	    T_NEXT + CERTSHOW__OCSP_SKEW, false, CERTSHOW_REV_GOOD, NULL },
	{ "tls-extra/ocsp-good.der", "tls-extra/leaf.pem",
	    T_THIS - CERTSHOW__OCSP_SKEW - 1, false, CERTSHOW_REV_ERROR,
	    "not yet valid" },
	{ "tls-extra/ocsp-good.der", "tls-extra/leaf.pem", T2050, true,
	    CERTSHOW_REV_ERROR, "no nonce" },
	{ NULL, "tls-extra/leaf.pem", T2050, false, CERTSHOW_REV_ERROR,
	    "not a valid OCSP response" },
};

START_TEST(test_ocsp_check)
{
	const struct check_row *r = &check_rows[_i];
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_chain *leaf, *iss;
	struct certshow__ocsp_query q;
	struct certshow__ocsp_answer a;
	static const uint8_t garbage[] = "not an OCSP response";
	uint8_t nonce[CERTSHOW__OCSP_NONCE_LEN] = { 0 }, *der = NULL;
	size_t len = sizeof(garbage);

	leaf = load_chain(ctx, r->leaf);
	iss = load_chain(ctx, "tls-extra/int-a.pem");
	if (r->resp != NULL) {
		der = load_der(r->resp, &len);
	}
	memset(&q, 0, sizeof(q));
	q.cert = certshow_chain_get(leaf, 0);
	q.issuer = certshow_chain_get(iss, 0);
	q.now = r->now;
	if (r->nonce) {
		q.nonce = nonce;
		q.nonce_len = sizeof(nonce);
	}
	ck_assert_int_eq(certshow__ocsp_check(ctx, der != NULL ? der :
	    garbage, len, &q, &a), 0);
	ck_assert_msg(a.status == r->want, "row %d (%s): %s (%s)", _i,
	    r->resp != NULL ? r->resp : "garbage",
	    certshow_rev_status_name(a.status), a.why);
	if (r->why != NULL) {
		ck_assert_msg(strstr(a.why, r->why) != NULL,
		    "row %d: reason '%s' lacks '%s'", _i, a.why, r->why);
	}
	if (r->want == CERTSHOW_REV_GOOD || r->want == CERTSHOW_REV_REVOKED) {
		ck_assert_int_eq(a.this_update, T_THIS);
		ck_assert_int_eq(a.next_update, T_NEXT);
		ck_assert_int_gt(a.produced_at, 0);
		ck_assert_int_eq(a.revoked_at, r->want == CERTSHOW_REV_REVOKED ?
		    T_REVOKED : -1);
		ck_assert_int_eq(a.reason, r->want == CERTSHOW_REV_REVOKED ?
		    1 : -1);
	}
	free(der);
	certshow_chain_free(leaf);
	certshow_chain_free(iss);
	certshow_ctx_free(ctx);
}
END_TEST

/* The leaf's issuer, not the leaf, signs: the same response checked
 * against the wrong issuer fails (its CertID names int-a). */
START_TEST(test_ocsp_wrong_issuer)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_chain *leaf, *root;
	struct certshow__ocsp_query q;
	struct certshow__ocsp_answer a;
	uint8_t *der;
	size_t len;

	leaf = load_chain(ctx, "tls-extra/leaf.pem");
	root = load_chain(ctx, "tls-extra/root-a.pem");
	der = load_der("tls-extra/ocsp-good.der", &len);
	memset(&q, 0, sizeof(q));
	q.cert = certshow_chain_get(leaf, 0);
	q.issuer = certshow_chain_get(root, 0);
	q.now = T2050;
	ck_assert_int_eq(certshow__ocsp_check(ctx, der, len, &q, &a), 0);
	ck_assert_int_eq(a.status, CERTSHOW_REV_ERROR);
	ck_assert_ptr_nonnull(strstr(a.why, "another certificate"));
	free(der);
	certshow_chain_free(leaf);
	certshow_chain_free(root);
	certshow_ctx_free(ctx);
}
END_TEST

/* Our request parses, names the leaf (SHA-1 CertID) and carries the
 * nonce we were given; the cache key is the CertID. */
START_TEST(test_ocsp_request)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_chain *leaf, *iss;
	gnutls_ocsp_req_t req;
	gnutls_datum_t d, got = { NULL, 0 }, sn = { NULL, 0 };
	gnutls_digest_algorithm_t dig;
	uint8_t nonce[CERTSHOW__OCSP_NONCE_LEN], *der = NULL;
	char key[256];
	size_t len = 0;

	leaf = load_chain(ctx, "tls-extra/leaf.pem");
	iss = load_chain(ctx, "tls-extra/int-a.pem");
	ck_assert_int_eq(certshow__ocsp_request(ctx,
	    certshow_chain_get(leaf, 0), certshow_chain_get(iss, 0), nonce,
	    &der, &len), 0);
	ck_assert_int_eq(gnutls_ocsp_req_init(&req), 0);
	d.data = der;
	d.size = (unsigned)len;
	ck_assert_int_eq(gnutls_ocsp_req_import(req, &d), 0);
	ck_assert_int_eq(gnutls_ocsp_req_get_cert_id(req, 0, &dig, NULL, NULL,
	    &sn), 0);
	ck_assert_int_eq(dig, GNUTLS_DIG_SHA1);
	ck_assert_uint_eq(sn.size, certshow_chain_get(leaf, 0)->serial_len);
	ck_assert_int_eq(memcmp(sn.data, certshow_chain_get(leaf, 0)->serial,
	    sn.size), 0);
	ck_assert_int_eq(gnutls_ocsp_req_get_nonce(req, NULL, &got), 0);
	ck_assert_uint_eq(got.size, sizeof(nonce));
	ck_assert_int_eq(memcmp(got.data, nonce, sizeof(nonce)), 0);
	gnutls_free(got.data);
	gnutls_free(sn.data);
	gnutls_ocsp_req_deinit(req);
	free(der);
	/* Without a nonce: none in the request. */
	ck_assert_int_eq(certshow__ocsp_request(ctx,
	    certshow_chain_get(leaf, 0), certshow_chain_get(iss, 0), NULL,
	    &der, &len), 0);
	ck_assert_int_eq(gnutls_ocsp_req_init(&req), 0);
	d.data = der;
	d.size = (unsigned)len;
	ck_assert_int_eq(gnutls_ocsp_req_import(req, &d), 0);
	ck_assert_int_lt(gnutls_ocsp_req_get_nonce(req, NULL, &got), 0);
	gnutls_ocsp_req_deinit(req);
	free(der);
	ck_assert_int_eq(certshow__ocsp_cache_key(certshow_chain_get(leaf, 0),
	    certshow_chain_get(iss, 0), key, sizeof(key)), 0);
	ck_assert_int_eq(strncmp(key, "ocsp:", 5), 0);
	/* 20-byte name hash, 20-byte key hash, then the serial. */
	ck_assert_uint_eq(strlen(key), 5 + 40 + 1 + 40 + 1 +
	    2 * certshow_chain_get(leaf, 0)->serial_len);
	ck_assert_int_eq(certshow__ocsp_cache_key(certshow_chain_get(leaf, 0),
	    certshow_chain_get(iss, 0), key, 20), -1);
	certshow_chain_free(leaf);
	certshow_chain_free(iss);
	certshow_ctx_free(ctx);
}
END_TEST

/* The stapled response in certshow_verify(): exact flags and warnings
 * under each mode. */
struct staple_row {
	const char *resp;        /* NULL: none */
	enum certshow_revocation_mode mode;
	unsigned vflags;
	uint32_t want_flags, want_warnings;
	enum certshow_rev_status want;
};

static const struct staple_row staple_rows[] = {
	{ NULL, CERTSHOW_REVOCATION_DEFAULT, 0, 0, 0,
	    CERTSHOW_REV_NOT_CHECKED },
	{ "tls-extra/ocsp-good.der", CERTSHOW_REVOCATION_DEFAULT, 0, 0, 0,
	    CERTSHOW_REV_GOOD },
	{ "tls-extra/ocsp-revoked.der", CERTSHOW_REVOCATION_DEFAULT, 0,
	    V(REVOKED), 0, CERTSHOW_REV_REVOKED },
	/* soft does not soften a valid "revoked" */
	{ "tls-extra/ocsp-revoked.der", CERTSHOW_REVOCATION_SOFT, 0,
	    V(REVOKED), 0, CERTSHOW_REV_REVOKED },
	/* a bad staple: hard (the default offline) fails, soft warns */
	{ "tls-extra/ocsp-badsig.der", CERTSHOW_REVOCATION_DEFAULT, 0,
	    V(REVOCATION_UNKNOWN), 0, CERTSHOW_REV_ERROR },
	{ "tls-extra/ocsp-badsig.der", CERTSHOW_REVOCATION_SOFT, 0, 0,
	    V(REVOCATION_UNKNOWN), CERTSHOW_REV_ERROR },
	/* the leaf has no must-staple extension: FROM_TLS changes
	 * nothing */
	{ NULL, CERTSHOW_REVOCATION_DEFAULT, CERTSHOW_VF_FROM_TLS, 0, 0,
	    CERTSHOW_REV_NOT_CHECKED },
};

START_TEST(test_staple_verdict)
{
	const struct staple_row *r = &staple_rows[_i];
	struct certshow_verify_opts vo = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_chain *ch;
	struct certshow_trust *t = NULL;
	struct certshow_result *res = NULL;
	struct certshow_revocation rv;
	uint8_t *der = NULL;
	size_t len = 0;

	ch = load_chain(ctx, "tls-extra/chain-valid.pem");
	ck_assert_int_eq(certshow_trust_new(ctx, &t), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, t,
	    test_data_path("tls-extra/ca-a.pem"), 0), 0);
	if (r->resp != NULL) {
		der = load_der(r->resp, &len);
	}
	vo.has_time = 1;
	vo.time = T2050;
	vo.ocsp_staple = der;
	vo.ocsp_staple_len = len;
	vo.revocation = r->mode;
	vo.flags = r->vflags;
	ck_assert_int_eq(certshow_verify(ctx, &res, ch, NULL, t, &vo), 0);
	ck_assert_msg(certshow_result_flags(res) == r->want_flags,
	    "row %d: flags 0x%x", _i, certshow_result_flags(res));
	ck_assert_msg(certshow_result_warnings(res) == r->want_warnings,
	    "row %d: warnings 0x%x", _i, certshow_result_warnings(res));
	rv.version = CERTSHOW_REVOCATION_VERSION;
	ck_assert_int_eq(certshow_result_revocation(res, 0, &rv), 0);
	ck_assert_msg(rv.status == r->want, "row %d: %s (%s)", _i,
	    certshow_rev_status_name(rv.status), rv.message);
	ck_assert_ptr_nonnull(rv.message);
	ck_assert_int_eq(rv.source, r->resp != NULL ?
	    CERTSHOW_REV_SOURCE_STAPLE : CERTSHOW_REV_SOURCE_NONE);
	/* Out of range and unknown versions. */
	ck_assert_int_eq(certshow_result_revocation(res, 99, &rv),
	    CERTSHOW_E_INVAL);
	rv.version = 99;
	ck_assert_int_eq(certshow_result_revocation(res, 0, &rv),
	    CERTSHOW_E_INVAL);
	certshow_result_free(res);
	certshow_trust_free(t);
	certshow_chain_free(ch);
	free(der);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_names)
{
	ck_assert_str_eq(certshow_rev_status_name(CERTSHOW_REV_GOOD), "good");
	ck_assert_str_eq(certshow_rev_status_name(CERTSHOW_REV_ERROR),
	    "error");
	ck_assert_str_eq(certshow_rev_status_name(CERTSHOW_REV_NOT_CHECKED),
	    "not_checked");
	ck_assert_str_eq(certshow_rev_source_name(CERTSHOW_REV_SOURCE_STAPLE),
	    "staple");
	ck_assert_str_eq(certshow_rev_source_name(CERTSHOW_REV_SOURCE_NONE),
	    "none");
	ck_assert_uint_eq(certshow_result_warnings(NULL), 0);
}
END_TEST

static Suite *
ocsp_suite(void)
{
	Suite *s = suite_create("ocsp");
	TCase *tc = tcase_create("check");

	tcase_add_loop_test(tc, test_ocsp_check, 0,
	    (int)(sizeof(check_rows) / sizeof(check_rows[0])));
	tcase_add_test(tc, test_ocsp_wrong_issuer);
	tcase_add_test(tc, test_ocsp_request);
	suite_add_tcase(s, tc);
	tc = tcase_create("verdict");
	tcase_add_loop_test(tc, test_staple_verdict, 0,
	    (int)(sizeof(staple_rows) / sizeof(staple_rows[0])));
	tcase_add_test(tc, test_names);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(ocsp_suite());
}
