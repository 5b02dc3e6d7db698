/* check_verify.c - path building and validation (lib/verify.c) on the
 * fixtures of data/chains (one defect each, with a valid twin) and
 * data/chains-extra. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verify.h"
#include "testutil.h"

/* 2024-06-01T00:00:00Z: inside every "valid" window, after every
 * "expired" one, before every "not yet valid" one (data/README.md). */
#define T_FIXED 1717200000

#define V(x) CERTSHOW_V_##x
#define WEB CERTSHOW_PROFILE_WEBPKI
#define RFC CERTSHOW_PROFILE_RFC5280

struct row {
	const char *chain;   /* under data/ */
	const char *trust;   /* under data/ */
	enum certshow_peer_kind kind;
	const char *name;
	enum certshow_profile profile;
	unsigned max_depth;
	uint32_t want;
	size_t want_len;     /* path length, 0: not checked */
};

static const struct row rows[] = {
	/* the valid twin, and peer names */
	{ "chains/chain-valid.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "www.example.com", WEB, 0, 0, 3 },
	{ "chains/chain-valid.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "WWW.EXAMPLE.COM.", WEB, 0, 0, 3 },
	{ "chains/chain-valid.pem", "chains/ca-root.pem", CERTSHOW_PEER_NONE,
	    NULL, WEB, 0, 0, 3 },
	{ "chains/chain-wronghost.pem", "chains/ca-root.pem",
	    CERTSHOW_PEER_DNS, "www.example.com", WEB, 0,
	    V(HOSTNAME_MISMATCH), 3 },
	{ "chains/chain-wildcard.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "foo.example.com", WEB, 0, 0, 3 },
	{ "chains/chain-wildcard.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "example.com", WEB, 0, V(HOSTNAME_MISMATCH), 3 },
	{ "chains/chain-wildcard.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "a.b.example.com", WEB, 0, V(HOSTNAME_MISMATCH), 3 },
	{ "chains/chain-ip.pem", "chains/ca-root.pem", CERTSHOW_PEER_IP,
	    "127.0.0.1", WEB, 0, 0, 3 },
	{ "chains/chain-ip.pem", "chains/ca-root.pem", CERTSHOW_PEER_IP,
	    "::1", WEB, 0, 0, 3 },
	{ "chains/chain-ip.pem", "chains/ca-root.pem", CERTSHOW_PEER_IP,
	    "127.0.0.2", WEB, 0, V(HOSTNAME_MISMATCH), 3 },
	{ "chains/chain-ip.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "127.0.0.1", WEB, 0, V(HOSTNAME_MISMATCH), 3 },
	/* validity at each position */
	{ "chains/chain-leaf-expired.pem", "chains/ca-root.pem",
	    CERTSHOW_PEER_DNS, "www.example.com", WEB, 0, V(EXPIRED), 3 },
	{ "chains/chain-leaf-notyet.pem", "chains/ca-root.pem",
	    CERTSHOW_PEER_DNS, "www.example.com", WEB, 0, V(NOT_YET_VALID), 3 },
	{ "chains/chain-int-expired.pem", "chains/ca-root.pem",
	    CERTSHOW_PEER_DNS, "www.example.com", WEB, 0, V(EXPIRED), 3 },
	{ "chains/chain-int-notyet.pem", "chains/ca-root.pem",
	    CERTSHOW_PEER_DNS, "www.example.com", WEB, 0, V(NOT_YET_VALID), 3 },
	{ "chains/chain-valid.pem", "chains/ca-root-expired.pem",
	    CERTSHOW_PEER_DNS, "www.example.com", WEB, 0, V(EXPIRED), 3 },
	{ "chains/chain-valid.pem", "chains/ca-root-notyet.pem",
	    CERTSHOW_PEER_DNS, "www.example.com", WEB, 0, V(NOT_YET_VALID), 3 },
	/* incomplete, disordered, duplicated chains */
	{ "chains/chain-missing-int.pem", "chains/ca-root.pem",
	    CERTSHOW_PEER_DNS, "www.example.com", WEB, 0,
	    V(UNTRUSTED) | V(MISSING_ISSUER), 1 },
	{ "chains/chain-deep.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "www.example.com", WEB, 0, 0, 4 },
	{ "chains/chain-out-of-order.pem", "chains/ca-root.pem",
	    CERTSHOW_PEER_DNS, "www.example.com", WEB, 0, 0, 4 },
	{ "chains/chain-duplicated.pem", "chains/ca-root.pem",
	    CERTSHOW_PEER_DNS, "www.example.com", WEB, 0, 0, 3 },
	/* alternatives: the first candidate is expired */
	{ "chains/chain-alt-path.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "www.example.com", WEB, 0, 0, 3 },
	{ "chains/chain-cross.pem", "chains/ca-root-b.pem", CERTSHOW_PEER_DNS,
	    "www.example.com", WEB, 0, 0, 3 },
	{ "chains/chain-cross.pem", "chains/trust-both-roots.pem",
	    CERTSHOW_PEER_DNS, "www.example.com", WEB, 0, 0, 3 },
	{ "chains/chain-cross.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "www.example.com", WEB, 0, V(EXPIRED), 3 },
	/* several roots with one name; an intermediate that is an anchor */
	{ "chains/chain-valid.pem", "chains/trust-samename-first.pem",
	    CERTSHOW_PEER_DNS, "www.example.com", WEB, 0, 0, 3 },
	{ "chains/chain-valid.pem", "chains/ca-root-samename.pem",
	    CERTSHOW_PEER_DNS, "www.example.com", WEB, 0,
	    V(UNTRUSTED) | V(BAD_SIGNATURE), 2 },
	{ "chains/chain-valid.pem", "chains/trust-root-and-int.pem",
	    CERTSHOW_PEER_DNS, "www.example.com", WEB, 0, 0, 2 },
	/* CA rules */
	{ "chains/chain-pathlen.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "www.example.com", WEB, 0, V(PATH_LEN), 4 },
	{ "chains/chain-int-noca.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "www.example.com", WEB, 0, V(NOT_CA), 3 },
	{ "chains/chain-int-nokeycertsign.pem", "chains/ca-root.pem",
	    CERTSHOW_PEER_DNS, "www.example.com", WEB, 0, V(KEY_USAGE), 3 },
	{ "chains/chain-clientauth.pem", "chains/ca-root.pem",
	    CERTSHOW_PEER_DNS, "www.example.com", WEB, 0, V(EXT_KEY_USAGE), 3 },
	/* An intermediate's EKU constrains the leaf (web PKI). */
	{ "chains/chain-int-eku-client.pem", "chains/ca-root.pem",
	    CERTSHOW_PEER_DNS, "www.example.com", WEB, 0, V(EXT_KEY_USAGE), 3 },
	{ "chains/chain-nc-ok.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "www.example.com", WEB, 0, 0, 3 },
	{ "chains/chain-nc-violated.pem", "chains/ca-root.pem",
	    CERTSHOW_PEER_DNS, "www.example.org", WEB, 0,
	    V(NAME_CONSTRAINTS), 3 },
	{ "chains/chain-org.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "www.example.org", WEB, 0, 0, 3 },
	{ "chains/chain-critext.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "www.example.com", WEB, 0, V(UNKNOWN_CRITICAL), 3 },
	/* algorithms and keys: webpki refuses, rfc5280 accepts SHA-1 and
	 * RSA-1024 but not MD5 */
	{ "chains/chain-sha1.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "www.example.com", WEB, 0, V(INSECURE_ALGORITHM), 3 },
	{ "chains/chain-sha1.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "www.example.com", RFC, 0, 0, 3 },
	{ "chains/chain-md5.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "www.example.com", WEB, 0, V(INSECURE_ALGORITHM), 3 },
	{ "chains/chain-md5.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "www.example.com", RFC, 0, V(INSECURE_ALGORITHM), 3 },
	{ "chains/chain-rsa1024.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "www.example.com", WEB, 0, V(WEAK_KEY), 3 },
	{ "chains/chain-rsa1024.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "www.example.com", RFC, 0, 0, 3 },
	/* loops and long chains */
	{ "chains/chain-loop.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "www.example.com", WEB, 0, V(UNTRUSTED), 0 },
	{ "chains/chain-loop-exit.pem", "chains/ca-root.pem",
	    CERTSHOW_PEER_DNS, "www.example.com", WEB, 0, 0, 4 },
	{ "chains/chain-50.pem", "chains/ca-chain50-root.pem",
	    CERTSHOW_PEER_DNS, "www.example.com", RFC, 0,
	    V(UNTRUSTED) | V(DEPTH), 32 },
	{ "chains/chain-50.pem", "chains/ca-chain50-root.pem",
	    CERTSHOW_PEER_DNS, "www.example.com", RFC, 50, 0, 50 },
	{ "chains/chain-deep.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "www.example.com", WEB, 3, V(DEPTH), 4 },
	{ "chains/chain-deep.pem", "chains/ca-root.pem", CERTSHOW_PEER_DNS,
	    "www.example.com", WEB, 4, 0, 4 },
	/* a self-signed certificate that is not an anchor */
	{ "certs/ecdsa-p256.pem", "chains/ca-root.pem", CERTSHOW_PEER_NONE,
	    NULL, RFC, 0, V(UNTRUSTED) | V(SELF_SIGNED), 1 },
	/* a self-signed root sent at the end of the chain is not trusted
	 * for being there; with its own anchor, the twin verifies */
	{ "tls-extra/chain-root-included.pem", "chains/ca-root.pem",
	    CERTSHOW_PEER_NONE, NULL, RFC, 0, V(UNTRUSTED) | V(SELF_SIGNED),
	    3 },
	{ "tls-extra/chain-root-included.pem", "tls-extra/ca-a.pem",
	    CERTSHOW_PEER_NONE, NULL, RFC, 0, 0, 3 },
};

static void
flag_list(uint32_t f, char *buf, size_t size)
{
	uint32_t bit;
	size_t o = 0;

	buf[0] = '\0';
	for (bit = 1; bit != 0; bit <<= 1) {
		if ((f & bit) && o < size) {
			o += (size_t)snprintf(buf + o, size - o, "%s ",
			    certshow_verdict_name(bit, NULL));
		}
	}
}

static struct certshow_result *
run(struct certshow_ctx *ctx, const char *chain_path, const char *trust_path,
    const struct certshow_verify_opts *o)
{
	struct certshow_chain *chain = NULL;
	struct certshow_trust *trust = NULL;
	struct certshow_result *res = NULL;

	ck_assert_msg(certshow_chain_load_file(ctx, &chain,
	    test_data_path(chain_path)) == 0, "%s: %s", chain_path,
	    certshow_ctx_error(ctx));
	ck_assert_int_eq(certshow_trust_new(ctx, &trust), 0);
	ck_assert_msg(certshow_trust_add_path(ctx, trust,
	    test_data_path(trust_path), 0) == 0, "%s: %s", trust_path,
	    certshow_ctx_error(ctx));
	ck_assert_msg(certshow_verify(ctx, &res, chain, NULL, trust, o) == 0,
	    "%s", certshow_ctx_error(ctx));
	certshow_trust_free(trust);
	certshow_chain_free(chain);
	return res;
}

START_TEST(test_fixture)
{
	const struct row *r = &rows[_i];
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_result *res;
	char got[400], want[400];
	size_t i, k, n;
	uint32_t all = 0, flag;
	const char *msg;

	ck_assert_ptr_nonnull(ctx);
	o.has_time = 1;
	o.time = T_FIXED;
	o.peer_kind = r->kind;
	o.peer_name = r->name;
	o.profile = r->profile;
	o.max_depth = r->max_depth;
	res = run(ctx, r->chain, r->trust, &o);
	flag_list(certshow_result_flags(res), got, sizeof(got));
	flag_list(r->want, want, sizeof(want));
	ck_assert_msg(certshow_result_flags(res) == r->want,
	    "row %d (%s, trust %s, %s): flags [%s], want [%s]", _i, r->chain,
	    r->trust, r->name != NULL ? r->name : "-", got, want);
	n = certshow_result_path_len(res);
	if (r->want_len != 0) {
		ck_assert_msg(n == r->want_len, "row %d (%s): path of %zu, "
		    "want %zu", _i, r->chain, n, r->want_len);
	}
	/* A verified path ends at an anchor, and only there. */
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(test_is_anchor(res, i),
		    r->want == 0 ? i == n - 1 : test_is_anchor(
		    res, i));
		ck_assert_ptr_nonnull(certshow_result_path_cert(res, i, NULL));
		if (i + 1 < n) {
			ck_assert_int_eq(test_is_anchor(res, i),
			    0);
		}
		/* Every flag comes with a message, and vice versa. */
		for (k = 0; k < certshow_result_problem_count(res, i); k++) {
			ck_assert_int_eq(certshow_result_problem(res, i, k,
			    &flag, &msg), 0);
			ck_assert_ptr_nonnull(msg);
			ck_assert_msg(msg[0] != '\0', "empty message");
			all |= flag;
		}
	}
	ck_assert_uint_eq(all, certshow_result_flags(res));
	certshow_result_free(res);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_messages)
{
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_result *res;
	uint32_t flag;
	const char *msg;

	o.has_time = 1;
	o.time = T_FIXED;
	o.peer_kind = CERTSHOW_PEER_DNS;
	o.peer_name = "www.example.com";
	res = run(ctx, "chains/chain-int-expired.pem", "chains/ca-root.pem",
	    &o);
	ck_assert_uint_eq(certshow_result_problem_count(res, 0), 0);
	ck_assert_uint_eq(certshow_result_problem_count(res, 1), 1);
	ck_assert_int_eq(certshow_result_problem(res, 1, 0, &flag, &msg), 0);
	ck_assert_uint_eq(flag, CERTSHOW_V_EXPIRED);
	ck_assert_msg(strncmp(msg, "certificate 1 (", 15) == 0, "%s", msg);
	ck_assert_msg(strstr(msg, ") expired 2001-01-01, 8552 days before "
	    "the verification time") != NULL, "%s", msg);
	ck_assert_int_eq(certshow_result_problem(res, 1, 1, &flag, &msg),
	    CERTSHOW_E_NOTFOUND);
	certshow_result_free(res);

	/* missing intermediate: its name and no caIssuers URL */
	res = run(ctx, "chains/chain-missing-int.pem", "chains/ca-root.pem",
	    &o);
	ck_assert_ptr_nonnull(certshow_result_missing_issuer(res, NULL));
	ck_assert_msg(strstr(certshow_result_missing_issuer(res, NULL),
	    "O=certshow tests") != NULL, "%s",
	    certshow_result_missing_issuer(res, NULL));
	ck_assert_str_eq(certshow_result_missing_issuer(res, NULL),
	    certshow_cert_name(certshow_result_path_cert(res, 0, NULL),
	    CERTSHOW_DN_ISSUER)->rfc4514);
	ck_assert_ptr_null(test_missing_url(res));
	certshow_result_free(res);

	/* verified: no problem anywhere, no missing issuer */
	res = run(ctx, "chains/chain-valid.pem", "chains/ca-root.pem", &o);
	ck_assert_uint_eq(certshow_result_flags(res), 0);
	ck_assert_ptr_null(certshow_result_missing_issuer(res, NULL));
	ck_assert_uint_eq(certshow_result_problem_count(res, 0), 0);
	ck_assert_uint_eq(certshow_result_problem_count(res, 9), 0);
	ck_assert_ptr_null(certshow_result_path_cert(res, 3, NULL));
	/* Where each element came from: the chain given, then the trust
	 * store; out of range (or no result) says the chain. */
	ck_assert_int_eq(test_path_origin(res, 0), CERTSHOW_PATH_CHAIN);
	ck_assert_int_eq(test_path_origin(res, 1), CERTSHOW_PATH_CHAIN);
	ck_assert_int_eq(test_path_origin(res, 2), CERTSHOW_PATH_ANCHOR);
	ck_assert_int_eq(test_path_origin(res, 3), CERTSHOW_PATH_CHAIN);
	ck_assert_int_eq(test_path_origin(NULL, 0), CERTSHOW_PATH_CHAIN);
	certshow_result_free(res);
	certshow_ctx_free(ctx);
}
END_TEST

/* The verification time is per call and inclusive at both ends. */
START_TEST(test_time_bounds)
{
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_result *res;
	/* ca-int-expired ends 2001-01-01T00:00:00Z */
	const int64_t end = 978307200;

	o.has_time = 1;
	o.peer_kind = CERTSHOW_PEER_DNS;
	o.peer_name = "www.example.com";
	o.time = end;
	res = run(ctx, "chains/chain-int-expired.pem", "chains/ca-root.pem",
	    &o);
	ck_assert_uint_eq(certshow_result_flags(res), 0);
	certshow_result_free(res);
	o.time = end + 1;
	res = run(ctx, "chains/chain-int-expired.pem", "chains/ca-root.pem",
	    &o);
	ck_assert_uint_eq(certshow_result_flags(res), CERTSHOW_V_EXPIRED);
	certshow_result_free(res);
	/* 2000-01-01T00:00:00Z is every notBefore of the valid chain */
	o.time = 946684800;
	res = run(ctx, "chains/chain-valid.pem", "chains/ca-root.pem", &o);
	ck_assert_uint_eq(certshow_result_flags(res), 0);
	certshow_result_free(res);
	o.time = 946684799;
	res = run(ctx, "chains/chain-valid.pem", "chains/ca-root.pem", &o);
	ck_assert_uint_eq(certshow_result_flags(res), CERTSHOW_V_NOT_YET_VALID);
	certshow_result_free(res);
	certshow_ctx_free(ctx);
}
END_TEST

/* --warn-days: EXPIRES_SOON is a warning on each path element with
 * fewer than warn_days whole days left, never a verdict flag; an expired
 * certificate is a failure instead. Every certificate of chain-valid.pem
 * ends 2099-12-31T23:59:59Z. */
static const struct {
	int64_t before_end; /* verification time: seconds before notAfter */
	unsigned warn_days;
	uint32_t flags, warnings;
	size_t leaf_problems;
} expiry_rows[] = {
	{ 29 * 86400, 30, 0, CERTSHOW_V_EXPIRES_SOON, 1 }, /* N-1 */
	{ 30 * 86400 - 1, 30, 0, CERTSHOW_V_EXPIRES_SOON, 1 },
	{ 30 * 86400, 30, 0, 0, 0 },             /* N */
	{ 31 * 86400, 30, 0, 0, 0 },             /* N+1 */
	{ 29 * 86400, 0, 0, 0, 0 },              /* off */
	{ 0, 1, 0, CERTSHOW_V_EXPIRES_SOON, 1 }, /* last second */
	{ -1, 30, CERTSHOW_V_EXPIRED, 0, 1 },    /* expired */
};

START_TEST(test_expiry_warning)
{
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_result *res;
	const int64_t end = 4102444799; /* 2099-12-31T23:59:59Z */
	const char *msg = NULL;
	uint32_t flag;

	o.has_time = 1;
	o.peer_kind = CERTSHOW_PEER_DNS;
	o.peer_name = "www.example.com";
	o.time = end - expiry_rows[_i].before_end;
	o.warn_days = expiry_rows[_i].warn_days;
	res = run(ctx, "chains/chain-valid.pem", "chains/ca-root.pem", &o);
	ck_assert_msg(certshow_result_flags(res) == expiry_rows[_i].flags,
	    "row %d: flags %x", _i, certshow_result_flags(res));
	ck_assert_msg(certshow_result_warnings(res) == expiry_rows[_i].warnings,
	    "row %d: warnings %x", _i, certshow_result_warnings(res));
	ck_assert_uint_eq(certshow_result_path_len(res), 3);
	ck_assert_msg(certshow_result_problem_count(res, 0) ==
		expiry_rows[_i].leaf_problems,
	    "row %d: %zu problems", _i, certshow_result_problem_count(res, 0));
	if (expiry_rows[_i].warnings != 0) {
		ck_assert_int_eq(certshow_result_problem(res, 0, 0, &flag,
				     &msg),
		    0);
		ck_assert_uint_eq(flag, CERTSHOW_V_EXPIRES_SOON);
		ck_assert_uint_eq(certshow_result_problem_count(res, 2), 1);
	}
	if (_i == 0) {
		ck_assert_str_eq(msg,
		    "certificate 0 (CN=www.example.com,"
		    "O=certshow tests) expires 2099-12-31 23:59:59 UTC, in 29 "
		    "days (warning period 30 days)");
	}
	certshow_result_free(res);
	certshow_ctx_free(ctx);
}
END_TEST

/* Options of version 4 (before warn_days) are accepted, without
 * warnings. */
START_TEST(test_expiry_opts_v4)
{
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_result *res;

	o.version = 4;
	o.has_time = 1;
	o.time = 4102444799 - 86400;
	o.warn_days = 30; /* beyond a version 4 struct: ignored */
	res = run(ctx, "chains/chain-valid.pem", "chains/ca-root.pem", &o);
	ck_assert_uint_eq(certshow_result_flags(res), 0);
	ck_assert_uint_eq(certshow_result_warnings(res), 0);
	certshow_result_free(res);
	certshow_ctx_free(ctx);
}
END_TEST

/* Untrusted intermediates passed separately; purposes. */
START_TEST(test_untrusted_and_purpose)
{
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_chain *leaf = NULL, *inter = NULL;
	struct certshow_trust *trust = NULL;
	struct certshow_result *res = NULL;

	o.has_time = 1;
	o.time = T_FIXED;
	ck_assert_int_eq(certshow_chain_load_file(ctx, &leaf,
	    test_data_path("chains/leaf.pem")), 0);
	ck_assert_int_eq(certshow_chain_load_file(ctx, &inter,
	    test_data_path("chains/ca-int.pem")), 0);
	ck_assert_int_eq(certshow_trust_new(ctx, &trust), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, trust,
	    test_data_path("chains/ca-root.pem"), 0), 0);
	ck_assert_int_eq(certshow_verify(ctx, &res, leaf, NULL, trust, &o), 0);
	ck_assert_uint_eq(certshow_result_flags(res),
	    CERTSHOW_V_UNTRUSTED | CERTSHOW_V_MISSING_ISSUER);
	certshow_result_free(res);
	ck_assert_int_eq(certshow_verify(ctx, &res, leaf, inter, trust, &o), 0);
	ck_assert_uint_eq(certshow_result_flags(res), 0);
	certshow_result_free(res);
	o.purpose = CERTSHOW_PURPOSE_CLIENT;
	ck_assert_int_eq(certshow_verify(ctx, &res, leaf, inter, trust, &o), 0);
	ck_assert_uint_eq(certshow_result_flags(res), CERTSHOW_V_EXT_KEY_USAGE);
	certshow_result_free(res);
	o.purpose = CERTSHOW_PURPOSE_ANY;
	ck_assert_int_eq(certshow_verify(ctx, &res, leaf, inter, trust, &o), 0);
	ck_assert_uint_eq(certshow_result_flags(res), 0);
	certshow_result_free(res);
	o.purpose = CERTSHOW_PURPOSE_OID;
	o.purpose_oid = "1.3.6.1.5.5.7.3.1";
	ck_assert_int_eq(certshow_verify(ctx, &res, leaf, inter, trust, &o), 0);
	ck_assert_uint_eq(certshow_result_flags(res), 0);
	certshow_result_free(res);
	o.purpose_oid = "1.3.6.1.5.5.7.3.3";
	ck_assert_int_eq(certshow_verify(ctx, &res, leaf, inter, trust, &o), 0);
	ck_assert_uint_eq(certshow_result_flags(res), CERTSHOW_V_EXT_KEY_USAGE);
	certshow_result_free(res);
	/* invalid arguments are errors, not verdicts */
	o.purpose_oid = NULL;
	ck_assert_int_eq(certshow_verify(ctx, &res, leaf, inter, trust, &o),
	    CERTSHOW_E_INVAL);
	ck_assert_ptr_null(res);
	certshow_chain_free(leaf);
	certshow_chain_free(inter);
	certshow_trust_free(trust);
	certshow_ctx_free(ctx);
}
END_TEST

/* Bounded work: a signature budget of one check cannot verify a path
 * that needs two, and says so. */
START_TEST(test_work_limit)
{
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_result *res;

	o.has_time = 1;
	o.time = T_FIXED;
	o.peer_kind = CERTSHOW_PEER_DNS;
	o.peer_name = "www.example.com";
	ck_assert_int_eq(certshow_ctx_set_limit(ctx, CERTSHOW_LIMIT_PATH_WORK,
	    1), 0);
	res = run(ctx, "chains/chain-valid.pem", "chains/ca-root.pem", &o);
	ck_assert_uint_eq(certshow_result_flags(res),
	    CERTSHOW_V_UNTRUSTED | CERTSHOW_V_WORK_LIMIT);
	certshow_result_free(res);
	ck_assert_int_eq(certshow_ctx_set_limit(ctx, CERTSHOW_LIMIT_PATH_WORK,
	    2), 0);
	res = run(ctx, "chains/chain-valid.pem", "chains/ca-root.pem", &o);
	ck_assert_uint_eq(certshow_result_flags(res), 0);
	certshow_result_free(res);
	/* The loop is explored with few signature checks (each pair is
	 * verified at most once). */
	ck_assert_int_eq(certshow_ctx_set_limit(ctx, CERTSHOW_LIMIT_PATH_WORK,
	    8), 0);
	res = run(ctx, "chains/chain-loop-exit.pem", "chains/ca-root.pem", &o);
	ck_assert_uint_eq(certshow_result_flags(res), 0);
	certshow_result_free(res);
	certshow_ctx_free(ctx);
}
END_TEST

/* Anchors with the legacy encodings of some roots of the common bundles
 * (data/chains-anchor): the webpki profile holds configured anchors to
 * the CA/B root profile; a root program's anchors and the rfc5280
 * profile take them as they are. */
static const struct {
	const char *name;
	uint32_t configured_webpki;
} anchor_rows[] = {
	{ "ok", 0 },
	{ "bc-noncrit", CERTSHOW_V_MALFORMED },
	{ "no-ski", CERTSHOW_V_MALFORMED },
	{ "aki-full", CERTSHOW_V_MALFORMED },
};

static uint32_t
verify_anchor_fixture(struct certshow_ctx *ctx, const char *name,
    unsigned flags, enum certshow_profile profile)
{
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_chain *chain = NULL;
	struct certshow_trust *trust = NULL;
	struct certshow_result *res = NULL;
	char path[128];
	uint32_t f;

	o.has_time = 1;
	o.time = T_FIXED;
	o.peer_kind = CERTSHOW_PEER_DNS;
	o.peer_name = "www.example.com";
	o.profile = profile;
	snprintf(path, sizeof(path), "chains-anchor/leaf-%s.pem", name);
	ck_assert_int_eq(certshow_chain_load_file(ctx, &chain,
	    test_data_path(path)), 0);
	snprintf(path, sizeof(path), "chains-anchor/root-%s.pem", name);
	ck_assert_int_eq(certshow_trust_new(ctx, &trust), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, trust,
	    test_data_path(path), flags), 0);
	ck_assert_int_eq(certshow_verify(ctx, &res, chain, NULL, trust, &o), 0);
	ck_assert_uint_eq(certshow_result_path_len(res), 2);
	f = certshow_result_flags(res);
	certshow_result_free(res);
	certshow_trust_free(trust);
	certshow_chain_free(chain);
	return f;
}

START_TEST(test_anchor_encoding)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	const char *n = anchor_rows[_i].name;

	ck_assert_msg(verify_anchor_fixture(ctx, n, 0, WEB) ==
	    anchor_rows[_i].configured_webpki, "%s: configured, webpki", n);
	ck_assert_msg(verify_anchor_fixture(ctx, n, 0, RFC) == 0,
	    "%s: configured, rfc5280", n);
	ck_assert_msg(verify_anchor_fixture(ctx, n,
	    CERTSHOW_TRUST_ROOT_PROGRAM, WEB) == 0, "%s: root program, webpki",
	    n);
	ck_assert_msg(verify_anchor_fixture(ctx, n,
	    CERTSHOW_TRUST_ROOT_PROGRAM, RFC) == 0, "%s: root program, rfc5280",
	    n);
	ck_assert_int_eq(certshow_trust_add_path(ctx, NULL, "x", 0),
	    CERTSHOW_E_INVAL);
	certshow_ctx_free(ctx);
}
END_TEST

/* A root program's constraints still hold: a constraint an anchor
 * carries (here the leaf's validity is not at issue; the anchor's own
 * validity is) is enforced whatever the anchor's origin. */
START_TEST(test_anchor_constraints_kept)
{
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_chain *chain = NULL;
	struct certshow_trust *trust = NULL;
	struct certshow_result *res = NULL;

	o.has_time = 1;
	o.time = T_FIXED;
	o.peer_kind = CERTSHOW_PEER_DNS;
	o.peer_name = "www.example.com";
	ck_assert_int_eq(certshow_chain_load_file(ctx, &chain,
	    test_data_path("chains/chain-valid.pem")), 0);
	ck_assert_int_eq(certshow_trust_new(ctx, &trust), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, trust,
	    test_data_path("chains/ca-root-expired.pem"),
	    CERTSHOW_TRUST_ROOT_PROGRAM), 0);
	ck_assert_int_eq(certshow_verify(ctx, &res, chain, NULL, trust, &o), 0);
	ck_assert_uint_eq(certshow_result_flags(res), CERTSHOW_V_EXPIRED);
	certshow_result_free(res);
	certshow_trust_free(trust);
	certshow_chain_free(chain);
	certshow_ctx_free(ctx);
}
END_TEST

/* Every anchor of the system store is usable as the issuer of a path in
 * the webpki profile for TLS servers: nothing but its own validity period
 * may be held against it. Skips (passes with a note) without a system
 * store. */
START_TEST(test_system_anchors)
{
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_trust *trust = NULL;
	const uint32_t time_flags = CERTSHOW_V_EXPIRED |
	    CERTSHOW_V_NOT_YET_VALID;
	char why[600], fl[300];
	size_t i, n, bad = 0;
	uint32_t f;

	ck_assert_int_eq(certshow_trust_new(ctx, &trust), 0);
	if (certshow_trust_add_system(ctx, trust) != 0 ||
	    certshow_trust_count(trust, CERTSHOW_TRUST_ANCHORS) == 0) {
		fprintf(stderr, "test_system_anchors: no system store, "
		    "skipped\n");
		certshow_trust_free(trust);
		certshow_ctx_free(ctx);
		return;
	}
	o.has_time = 1;
	o.time = T_FIXED;
	n = certshow_trust_count(trust, CERTSHOW_TRUST_ANCHORS);
	for (i = 0; i < n; i++) {
		struct certshow_chain *chain = NULL;
		struct certshow_cert *c = NULL;
		struct certshow_result *res = NULL;

		/* As the issuer of a path (purpose server)... */
		o.purpose = CERTSHOW_PURPOSE_SERVER;
		ck_assert_int_eq(certshow__anchor_problems(ctx, trust, i, &o, &f,
		    why, sizeof(why)), 0);
		if ((f & ~time_flags) != 0) {
			flag_list(f, fl, sizeof(fl));
			fprintf(stderr, "system anchor %zu: [%s] %s\n", i, fl,
			    why);
			bad++;
		}
		/* ... and as a path of its own (purpose any, no peer). */
		o.purpose = CERTSHOW_PURPOSE_ANY;
		ck_assert_int_eq(certshow_chain_new(ctx, &chain), 0);
		ck_assert_int_eq(certshow_cert_from_der(ctx, &c, trust->a[i].der,
		    trust->a[i].len), 0);
		ck_assert_int_eq(certshow_chain_add(ctx, chain, c), 0);
		ck_assert_int_eq(certshow_verify(ctx, &res, chain, NULL, trust,
		    &o), 0);
		ck_assert_uint_eq(certshow_result_path_len(res), 1);
		ck_assert_int_eq(test_is_anchor(res, 0), 1);
		f = certshow_result_flags(res);
		if ((f & ~time_flags) != 0) {
			flag_list(f, fl, sizeof(fl));
			fprintf(stderr, "system anchor %zu alone: [%s]\n", i, fl);
			bad++;
		}
		certshow_result_free(res);
		certshow_chain_free(chain);
	}
	ck_assert_msg(bad == 0, "%zu of %zu system anchors are not usable",
	    bad, n);
	certshow_trust_free(trust);
	certshow_ctx_free(ctx);
}
END_TEST

/* Revocation from CRLs (data/chains-crl): one defect per CRL next to a
 * valid twin. `pos` is the path element the problem is reported on;
 * `leaf` checks the end-entity certificate only. "root.crl.pem" decides
 * for the intermediate wherever a row is about the leaf. */
static const struct {
	const char *chain;
	const char *crl[3];          /* under data/chains-crl, may be NULL */
	bool leaf;
	uint32_t want;
	size_t pos;
} crl_rows[] = {
	{ "chain-good.pem", { NULL }, false, 0, 0 },
	{ "chain-revoked.pem", { NULL }, false, 0, 0 },
	{ "chain-good.pem", { "int.crl.pem", "root.crl.pem" }, false, 0, 0 },
	{ "chain-revoked.pem", { "int.crl.pem", "root.crl.pem" }, false,
	    V(REVOKED), 0 },
	{ "chain-revoked.pem", { "int.crl.der", "root.crl.pem" }, false,
	    V(REVOKED), 0 },
	{ "chain-revoked.pem", { "int-noreason.crl.pem", "root.crl.pem" },
	    false, V(REVOKED), 0 },
	{ "chain-revoked.pem", { "both.crl.pem" }, false, V(REVOKED), 0 },
	{ "chain-good.pem", { "both.crl.pem" }, false, 0, 0 },
	/* a stale CRL, one not yet valid, one without cRLNumber, with an
	 * unknown critical extension, with a bad signature */
	{ "chain-good.pem", { "int-expired.crl.pem", "root.crl.pem" }, false,
	    V(REVOCATION_UNKNOWN), 0 },
	{ "chain-good.pem", { "int-notyet.crl.pem", "root.crl.pem" }, false,
	    V(REVOCATION_UNKNOWN), 0 },
	{ "chain-good.pem", { "int-nonumber.crl.pem", "root.crl.pem" }, false,
	    V(REVOCATION_UNKNOWN), 0 },
	{ "chain-good.pem", { "int-critext.crl.pem", "root.crl.pem" }, false,
	    V(REVOCATION_UNKNOWN), 0 },
	{ "chain-good.pem", { "int-badsig.crl.pem", "root.crl.pem" }, false,
	    V(REVOCATION_UNKNOWN), 0 },
	/* a current CRL decides even next to a stale one */
	{ "chain-good.pem", { "int-expired.crl.pem", "int.crl.pem",
	    "root.crl.pem" }, false, 0, 0 },
	{ "chain-revoked.pem", { "int-expired.crl.pem", "int.crl.pem",
	    "root.crl.pem" }, false, V(REVOKED), 0 },
	/* every certificate below the anchor needs a CRL: a CA (here the
	 * root, for the intermediate) without one fails; --crl-check leaf
	 * asks only for the leaf's */
	{ "chain-good.pem", { "int.crl.pem" }, false,
	    V(REVOCATION_UNKNOWN), 1 },
	{ "chain-good.pem", { "int.crl.pem" }, true, 0, 0 },
	{ "chain-revoked.pem", { "int.crl.pem" }, true, V(REVOKED), 0 },
	{ "chain-good.pem", { "root.crl.pem" }, false,
	    V(REVOCATION_UNKNOWN), 0 },
	{ "chain-good.pem", { "root.crl.pem" }, true,
	    V(REVOCATION_UNKNOWN), 0 },
	{ "chain-good.pem", { "root-revokes-int.crl.pem", "int.crl.pem" },
	    false, V(REVOKED), 1 },
	{ "chain-good.pem", { "root-revokes-int.crl.pem", "int.crl.pem" },
	    true, 0, 0 },
	/* RFC 5280 6.3.3 (f): the signer's keyUsage must allow cRLSign */
	{ "chain-nocrlsign.pem", { NULL }, false, 0, 0 },
	{ "chain-nocrlsign.pem", { "nocrlsign.crl.pem", "root.crl.pem" },
	    false, V(REVOCATION_UNKNOWN), 0 },
	/* delta CRLs: certificateHold on the base, removed by the delta;
	 * revoked by a delta on an empty base; a delta whose base is newer
	 * than the complete CRL given is not applied */
	{ "chain-good.pem", { "int-base-hold.crl.pem", "root.crl.pem" },
	    false, V(REVOKED), 0 },
	{ "chain-good.pem", { "int-base-hold.crl.pem",
	    "int-delta-remove.crl.pem", "root.crl.pem" }, false, 0, 0 },
	{ "chain-good.pem", { "int-base-empty.crl.pem", "root.crl.pem" },
	    false, 0, 0 },
	{ "chain-good.pem", { "int-base-empty.crl.pem",
	    "int-delta-revoke.crl.pem", "root.crl.pem" }, false,
	    V(REVOKED), 0 },
	{ "chain-good.pem", { "int-base-empty.crl.pem",
	    "int-delta-newbase.crl.pem", "root.crl.pem" }, false, 0, 0 },
	{ "chain-good.pem", { "int-delta-revoke.crl.pem", "root.crl.pem" },
	    false, V(REVOCATION_UNKNOWN), 0 },
	/* issuingDistributionPoint scope: a CA-only CRL does not cover the
	 * leaf but covers the intermediate; CRLs for some reasons cover a
	 * certificate only together */
	{ "chain-good.pem", { "int-onlyca.crl.pem", "root.crl.pem" }, false,
	    V(REVOCATION_UNKNOWN), 0 },
	{ "chain-good.pem", { "int.crl.pem", "root-onlyca.crl.pem" }, false,
	    0, 0 },
	{ "chain-good.pem", { "int-somereasons.crl.pem", "root.crl.pem" },
	    false, V(REVOCATION_UNKNOWN), 0 },
	{ "chain-good.pem", { "int-somereasons.crl.pem",
	    "int-otherreasons.crl.pem", "root.crl.pem" }, false, 0, 0 },
	/* a CRL signed by another key of the intermediate, whose own
	 * certificate is checked too (RFC 5280 6.3.3 (f)) */
	{ "chain-crlkey.pem", { "int-crlkey.crl.pem", "root.crl.pem" }, false,
	    V(REVOKED), 0 },
	{ "chain-crlkey.pem", { "int-crlkey.crl.pem",
	    "root-revokes-crlkey.crl.pem" }, false,
	    V(REVOCATION_UNKNOWN), 0 },
	{ "chain-revoked.pem", { "int-crlkey.crl.pem", "root.crl.pem" },
	    false, V(REVOCATION_UNKNOWN), 0 },
	/* an indirect CRL: entries name their certificate issuer */
	{ "chain-indirect.pem", { "indirect.crl.pem", "root.crl.pem" }, false,
	    V(REVOKED), 0 },
	{ "chain-indirect.pem", { "indirect-other.crl.pem", "root.crl.pem" },
	    false, 0, 0 },
	{ "chain-indirect.pem", { "root.crl.pem" }, false,
	    V(REVOCATION_UNKNOWN), 0 },
	/* the issuer's own CRL without a distribution point covers all of
	 * its certificates, whatever their cRLDistributionPoints say */
	{ "chain-indirect.pem", { "int.crl.pem", "root.crl.pem" }, false,
	    0, 0 },
};

static int
load_crl_row(struct certshow_ctx *ctx, struct certshow_crls *crls,
    const char *name)
{
	char path[128];

	if (name == NULL) {
		return 0;
	}
	snprintf(path, sizeof(path), "chains-crl/%s", name);
	return certshow_crls_add_file(ctx, crls, test_data_path(path));
}

START_TEST(test_crl)
{
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_crls *crls = NULL;
	struct certshow_result *res;
	char chain[128], got[300], want[300];
	uint32_t flag;
	const char *msg;
	size_t k;

	ck_assert_int_eq(certshow_crls_new(ctx, &crls), 0);
	for (k = 0; k < 3; k++) {
		ck_assert_int_eq(load_crl_row(ctx, crls, crl_rows[_i].crl[k]),
		    0);
	}
	o.has_time = 1;
	o.time = T_FIXED;
	o.peer_kind = CERTSHOW_PEER_DNS;
	o.peer_name = "www.example.com";
	o.crl_check = crl_rows[_i].leaf ? CERTSHOW_CRL_CHECK_LEAF :
	    CERTSHOW_CRL_CHECK_ALL;
	if (crl_rows[_i].crl[0] != NULL) {
		o.crls = crls;
	}
	snprintf(chain, sizeof(chain), "chains-crl/%s", crl_rows[_i].chain);
	res = run(ctx, chain, "chains-crl/root.pem", &o);
	flag_list(certshow_result_flags(res), got, sizeof(got));
	flag_list(crl_rows[_i].want, want, sizeof(want));
	ck_assert_msg(certshow_result_flags(res) == crl_rows[_i].want,
	    "row %d (%s, %s, %s, %s): [%s], want [%s]", _i,
	    crl_rows[_i].chain,
	    crl_rows[_i].crl[0] ? crl_rows[_i].crl[0] : "-",
	    crl_rows[_i].crl[1] ? crl_rows[_i].crl[1] : "-",
	    crl_rows[_i].crl[2] ? crl_rows[_i].crl[2] : "-", got, want);
	ck_assert_uint_eq(certshow_result_path_len(res), 3);
	if (crl_rows[_i].want != 0) {
		ck_assert_uint_eq(certshow_result_problem_count(res,
		    crl_rows[_i].pos), 1);
		ck_assert_int_eq(certshow_result_problem(res, crl_rows[_i].pos,
		    0, &flag, &msg), 0);
		ck_assert_uint_eq(flag, crl_rows[_i].want);
	}
	certshow_result_free(res);
	certshow_crls_free(crls);
	certshow_ctx_free(ctx);
}
END_TEST

/* Messages, loading, options versions. */
START_TEST(test_crl_api)
{
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_crls *crls = NULL;
	struct certshow_chain *chain = NULL;
	struct certshow_trust *trust = NULL;
	struct certshow_result *res = NULL;
	const char *msg;
	uint32_t flag;
	uint8_t *der, *bad;
	size_t len;

	ck_assert_int_eq(certshow_crls_new(ctx, &crls), 0);
	ck_assert_uint_eq(certshow_crls_count(crls), 0);
	ck_assert_int_eq(load_crl_row(ctx, crls, "both.crl.pem"), 0);
	ck_assert_uint_eq(certshow_crls_count(crls), 2);
	der = test_read_file(test_data_path("chains-crl/int.crl.der"), &len);
	ck_assert_int_eq(certshow_crls_add_mem(ctx, crls, der, len, NULL), 0);
	ck_assert_uint_eq(certshow_crls_count(crls), 3);
	/* not a CRL: a certificate, garbage, nothing */
	ck_assert_int_eq(load_crl_row(ctx, crls, "root.pem"),
	    CERTSHOW_E_PARSE);
	ck_assert_int_eq(certshow_crls_add_mem(ctx, crls, der, len / 2,
	    "half"), CERTSHOW_E_PARSE);
	ck_assert_msg(strstr(certshow_ctx_error(ctx), "half") != NULL, "%s",
	    certshow_ctx_error(ctx));
	ck_assert_int_eq(load_crl_row(ctx, crls, "no-such.crl"),
	    CERTSHOW_E_IO);
	ck_assert_uint_eq(certshow_crls_count(crls), 3);
	free(der);
	/* PEM through pem.c's strict block reader: one extra character in
	 * the base64 refuses the file, naming it, the CRL and the line; its
	 * twin loads. */
	der = test_read_file(test_data_path("chains-crl/int.crl.pem"), &len);
	bad = malloc(len + 1);
	ck_assert_ptr_nonnull(bad);
	memcpy(bad, der, 35);
	bad[35] = '*';
	memcpy(bad + 36, der + 35, len - 35);
	ck_assert_int_eq(certshow_crls_add_mem(ctx, crls, bad, len + 1,
	    "int.crl.pem"), CERTSHOW_E_PARSE);
	ck_assert_str_eq(certshow_ctx_error(ctx), "int.crl.pem: CRL 1 (BEGIN "
	    "X509 CRL at line 1): bad base64 at line 2: unexpected character "
	    "'*' (byte offset 35)");
	ck_assert_uint_eq(certshow_crls_count(crls), 3);
	ck_assert_int_eq(certshow_crls_add_mem(ctx, crls, der, len,
	    "int.crl.pem"), 0);
	ck_assert_uint_eq(certshow_crls_count(crls), 4);
	/* A BEGIN inside a line is not a boundary (RFC 7468 section 2). */
	ck_assert_int_eq(certshow_crls_add_mem(ctx, crls, (const uint8_t *)
	    "x -----BEGIN X509 CRL-----\n", 27, "x.pem"), CERTSHOW_E_PARSE);
	ck_assert_str_eq(certshow_ctx_error(ctx), "x.pem: no X509 CRL PEM "
	    "block (a BEGIN inside a line is not one)");
	free(bad);
	free(der);

	ck_assert_int_eq(certshow_chain_load_file(ctx, &chain,
	    test_data_path("chains-crl/chain-revoked.pem")), 0);
	ck_assert_int_eq(certshow_trust_new(ctx, &trust), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, trust,
	    test_data_path("chains-crl/root.pem"), 0), 0);
	o.has_time = 1;
	o.time = T_FIXED;
	o.crls = crls;
	ck_assert_int_eq(certshow_verify(ctx, &res, chain, NULL, trust, &o), 0);
	ck_assert_uint_eq(certshow_result_flags(res), CERTSHOW_V_REVOKED);
	ck_assert_int_eq(certshow_result_problem(res, 0, 0, &flag, &msg), 0);
	ck_assert_msg(strstr(msg, "was revoked 2020-01-01 (reason: "
	    "keyCompromise): serial ") != NULL, "%s", msg);
	ck_assert_msg(strstr(msg, "chains-crl/both.crl.pem #2 of "
	    "CN=CRL Test Intermediate,O=certshow tests") != NULL, "%s", msg);
	ck_assert_str_eq(certshow_verdict_name(CERTSHOW_V_REVOCATION_UNKNOWN,
	    NULL),
	    "REVOCATION_UNKNOWN");
	certshow_result_free(res);
	/* Version 1 options (no crls field) still work: no revocation. */
	o.version = 1;
	ck_assert_int_eq(certshow_verify(ctx, &res, chain, NULL, trust, &o), 0);
	ck_assert_uint_eq(certshow_result_flags(res), 0);
	certshow_result_free(res);
	/* Version 2 options (no policy inputs) still check revocation. */
	o.version = 2;
	ck_assert_int_eq(certshow_verify(ctx, &res, chain, NULL, trust, &o), 0);
	ck_assert_uint_eq(certshow_result_flags(res), CERTSHOW_V_REVOKED);
	certshow_result_free(res);
	o.version = CERTSHOW_VERIFY_OPTS_VERSION + 1;
	ck_assert_int_eq(certshow_verify(ctx, &res, chain, NULL, trust, &o),
	    CERTSHOW_E_INVAL);
	ck_assert_ptr_null(res);
	certshow_chain_free(chain);
	certshow_trust_free(trust);
	certshow_crls_free(crls);
	certshow_crls_free(NULL);
	ck_assert_uint_eq(certshow_crls_count(NULL), 0);
	certshow_ctx_free(ctx);
}
END_TEST

/*
 * Relying-party rules (data/chains-rp, one defect per chain, chain-ok the
 * twin of all): what RFC 5280 section 6 or the web PKI's relying parties
 * reject fails with exactly that flag; what only an issuer must do
 * verifies with a note (flag 0) whose message contains `note`.
 */
struct rp_row {
	const char *chain;           /* under data/chains-rp */
	enum certshow_profile profile;
	unsigned trust_flags;        /* CERTSHOW_TRUST_ROOT_PROGRAM or 0 */
	enum certshow_peer_kind kind;
	const char *name;
	uint32_t want;
	const char *note;            /* NULL: no note */
};

#define RP_PROG CERTSHOW_TRUST_ROOT_PROGRAM
#define DNS CERTSHOW_PEER_DNS
#define WWW "www.example.com"

static const struct rp_row rp_rows[] = {
	{ "chain-ok.pem", WEB, 0, DNS, WWW, 0, NULL },
	{ "chain-ok.pem", RFC, 0, DNS, WWW, 0, NULL },
	{ "chain-ok.pem", WEB, RP_PROG, DNS, WWW, 0, NULL },
	/* RFC 6962 3.1: a precertificate is never a certificate. */
	{ "chain-poison.pem", WEB, 0, DNS, WWW, V(UNKNOWN_CRITICAL), NULL },
	{ "chain-poison.pem", RFC, 0, DNS, WWW, V(UNKNOWN_CRITICAL), NULL },
	/* No EKU: any purpose under a configured anchor; under a root
	 * program's anchor the webpki profile requires serverAuth. */
	{ "chain-no-eku.pem", WEB, 0, DNS, WWW, 0, "has no extKeyUsage" },
	{ "chain-no-eku.pem", RFC, 0, DNS, WWW, 0, "has no extKeyUsage" },
	{ "chain-no-eku.pem", WEB, RP_PROG, DNS, WWW, V(EXT_KEY_USAGE),
	    NULL },
	{ "chain-no-eku.pem", RFC, RP_PROG, DNS, WWW, 0,
	    "has no extKeyUsage" },
	/* An EKU without the purpose fails everywhere. */
	{ "chain-eku-client.pem", WEB, 0, DNS, WWW, V(EXT_KEY_USAGE), NULL },
	{ "chain-eku-client.pem", RFC, 0, DNS, WWW, V(EXT_KEY_USAGE), NULL },
	{ "chain-eku-client.pem", WEB, RP_PROG, DNS, WWW, V(EXT_KEY_USAGE),
	    NULL },
	/* Non-critical basicConstraints in a CA: an issuance rule for RFC
	 * 5280 (6.1.4 (k) asks only for cA); the webpki profile keeps it. */
	{ "chain-bc-noncrit.pem", RFC, 0, DNS, WWW, 0,
	    "non-critical basicConstraints" },
	{ "chain-bc-noncrit.pem", WEB, 0, DNS, WWW, V(MALFORMED), NULL },
	/* CN not among the SANs: not a name of the certificate. */
	{ "chain-cn-not-in-san.pem", WEB, 0, DNS, WWW, 0,
	    "common name that is not one of its subjectAltNames" },
	{ "chain-cn-not-in-san.pem", RFC, 0, DNS, WWW, 0,
	    "common name that is not one of its subjectAltNames" },
	{ "chain-cn-not-in-san.pem", WEB, 0, DNS, "other.example.com",
	    V(HOSTNAME_MISMATCH), "common name" },
	/* An IP-literal CN under DNS constraints, with its IP SAN inside
	 * the permitted range: the CN is not constrained. Twin: the SAN
	 * outside the range. */
	{ "chain-ip-cn.pem", WEB, 0, CERTSHOW_PEER_IP, "192.0.2.10", 0, NULL },
	{ "chain-ip-cn.pem", RFC, 0, CERTSHOW_PEER_IP, "192.0.2.10", 0, NULL },
	{ "chain-ip-cn-outside.pem", WEB, 0, CERTSHOW_PEER_IP,
	    "198.51.100.10", V(NAME_CONSTRAINTS), "common name" },
	/* O=Evil<TAB>Corp equals O=Evil Corp (RFC 5280 7.1, RFC 4518 2.2
	 * maps TAB to SPACE): excluded, as the same name with a space. */
	{ "chain-dn-tab.pem", WEB, 0, DNS, WWW, V(NAME_CONSTRAINTS), NULL },
	{ "chain-dn-tab.pem", RFC, 0, DNS, WWW, V(NAME_CONSTRAINTS), NULL },
	{ "chain-dn-space.pem", WEB, 0, DNS, WWW, V(NAME_CONSTRAINTS), NULL },
	{ "chain-dn-good.pem", WEB, 0, DNS, WWW, 0, NULL },
	{ "chain-dn-good.pem", RFC, 0, DNS, WWW, 0, NULL },
};

START_TEST(test_relying_party)
{
	const struct rp_row *r = &rp_rows[_i];
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_chain *chain = NULL;
	struct certshow_trust *trust = NULL;
	struct certshow_result *res = NULL;
	char path[128], got[400], want[400];
	const char *msg, *note = NULL;
	uint32_t flag;
	size_t i, k;

	o.has_time = 1;
	o.time = T_FIXED;
	o.peer_kind = r->kind;
	o.peer_name = r->name;
	o.profile = r->profile;
	snprintf(path, sizeof(path), "chains-rp/%s", r->chain);
	ck_assert_int_eq(certshow_chain_load_file(ctx, &chain,
	    test_data_path(path)), 0);
	ck_assert_int_eq(certshow_trust_new(ctx, &trust), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, trust,
	    test_data_path("chains-rp/root.pem"), r->trust_flags), 0);
	ck_assert_int_eq(certshow_verify(ctx, &res, chain, NULL, trust, &o), 0);
	flag_list(certshow_result_flags(res), got, sizeof(got));
	flag_list(r->want, want, sizeof(want));
	ck_assert_msg(certshow_result_flags(res) == r->want,
	    "row %d (%s, %s, %s): flags [%s], want [%s]", _i, r->chain,
	    r->profile == WEB ? "webpki" : "rfc5280",
	    r->trust_flags ? "root program" : "configured", got, want);
	ck_assert_uint_eq(certshow_result_path_len(res), 3);
	for (i = 0; i < certshow_result_path_len(res); i++) {
		for (k = 0; k < certshow_result_problem_count(res, i); k++) {
			ck_assert_int_eq(certshow_result_problem(res, i, k,
			    &flag, &msg), 0);
			if (flag == 0 && note == NULL) {
				note = msg;
			}
		}
	}
	if (r->note == NULL) {
		ck_assert_msg(note == NULL, "row %d (%s): unexpected note "
		    "'%s'", _i, r->chain, note != NULL ? note : "");
	} else {
		ck_assert_msg(note != NULL && strstr(note, r->note) != NULL,
		    "row %d (%s): note '%s', want one with '%s'", _i,
		    r->chain, note != NULL ? note : "(none)", r->note);
	}
	certshow_result_free(res);
	certshow_trust_free(trust);
	certshow_chain_free(chain);
	certshow_ctx_free(ctx);
}
END_TEST

/* The result is labelled with the input the caller gave, even when the
 * trust store holds the same certificate under another file name. */
START_TEST(test_label_is_input)
{
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_chain *chain = NULL;
	struct certshow_trust *trust = NULL;
	struct certshow_result *res = NULL;
	uint8_t *data;
	size_t len;

	o.has_time = 1;
	o.time = T_FIXED;
	o.purpose = CERTSHOW_PURPOSE_ANY;
	data = test_read_file(test_data_path("chains-rp/root.pem"), &len);
	ck_assert_int_eq(certshow_chain_load_mem(ctx, &chain, data, len,
	    "copy-of-root.pem"), 0);
	ck_assert_int_eq(certshow_trust_new(ctx, &trust), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, trust,
	    test_data_path("chains-rp/root.pem"), 0), 0);
	ck_assert_int_eq(certshow_verify(ctx, &res, chain, NULL, trust, &o), 0);
	ck_assert_uint_eq(certshow_result_flags(res), 0);
	ck_assert_uint_eq(certshow_result_path_len(res), 1);
	ck_assert_int_eq(test_is_anchor(res, 0), 1);
	ck_assert_str_eq(res->source, "copy-of-root.pem");
	certshow_result_free(res);
	certshow_trust_free(trust);
	certshow_chain_free(chain);
	certshow_ctx_free(ctx);
	free(data);
}
END_TEST

START_TEST(test_verdict_names)
{
	uint32_t bit;

	for (bit = 1; bit <= CERTSHOW_V_EXPIRES_SOON; bit <<= 1) {
		ck_assert_str_ne(certshow_verdict_name(bit, NULL), "UNKNOWN");
		ck_assert_str_ne(test_verdict_desc(bit),
		    "unknown verdict flag");
	}
	ck_assert_str_eq(certshow_verdict_name(CERTSHOW_V_EXPIRED, NULL),
	    "EXPIRED");
	ck_assert_str_eq(certshow_verdict_name(CERTSHOW_V_POLICY_LIMIT, NULL),
	    "POLICY_LIMIT");
	ck_assert_str_eq(certshow_verdict_name(CERTSHOW_V_MUST_STAPLE, NULL),
	    "MUST_STAPLE");
	ck_assert_str_eq(certshow_verdict_name(CERTSHOW_V_EXPIRES_SOON, NULL),
	    "EXPIRES_SOON");
	ck_assert_str_eq(certshow_verdict_name(CERTSHOW_V_EXPIRES_SOON << 1,
			     NULL),
	    "UNKNOWN");
	/* Flag 0 marks a note (an issuance rule, not a failure). */
	ck_assert_str_eq(certshow_verdict_name(0, NULL), "NOTE");
}
END_TEST

/* What was checked (certshow_result_checked()): the options' inputs and
 * the trust store's sources, copied into the result (run() frees the
 * store, and the peer name is changed after the call). */
START_TEST(test_checked)
{
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_checked c = { CERTSHOW_CHECKED_VERSION, 0, NULL, 0,
		NULL, 0, 0, 0, 0, 0, 0, 0 };
	struct certshow_trust_source ts = { CERTSHOW_TRUST_SOURCE_VERSION, 0,
		NULL, NULL, 0 };
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_result *res;
	struct certshow_crls *crls = NULL;
	char name[] = "www.example.com";

	ck_assert_int_eq(certshow_crls_new(ctx, &crls), 0);
	o.has_time = 1;
	o.time = T_FIXED;
	o.peer_kind = CERTSHOW_PEER_DNS;
	o.peer_name = name;
	o.profile = RFC;
	o.purpose = CERTSHOW_PURPOSE_OID;
	o.purpose_oid = "1.3.6.1.5.5.7.3.1";
	o.crls = crls;
	res = run(ctx, "chains/chain-valid.pem", "chains/ca-root.pem", &o);
	name[0] = 'x';
	ck_assert_int_eq(certshow_result_checked(res, &c), 0);
	ck_assert_int_eq(c.peer_kind, CERTSHOW_PEER_DNS);
	ck_assert_str_eq(c.peer_name, "www.example.com");
	ck_assert_int_eq(c.purpose, CERTSHOW_PURPOSE_OID);
	ck_assert_str_eq(c.purpose_oid, "1.3.6.1.5.5.7.3.1");
	ck_assert_int_eq(c.profile, RFC);
	ck_assert_int_eq(c.time, T_FIXED);
	ck_assert_int_eq(c.time_given, 1);
	ck_assert_uint_eq(c.revocation, CERTSHOW_CHECKED_CRL_FILES);
	ck_assert_uint_eq(c.crls, 0);
	ck_assert_uint_eq(c.trust_anchors, 1);
	ck_assert_uint_eq(c.trust_sources, 1);
	ck_assert_int_eq(certshow_result_trust_source(res, 0, &ts), 0);
	ck_assert_int_eq(ts.kind, CERTSHOW_TRUST_SOURCE_FILE);
	ck_assert_str_eq(ts.path, test_data_path("chains/ca-root.pem"));
	ck_assert_ptr_null(ts.env);
	ck_assert_uint_eq(ts.anchors, 1);
	ck_assert_int_eq(certshow_result_trust_source(res, 1, &ts),
	    CERTSHOW_E_NOTFOUND);
	certshow_result_free(res);

	/* The defaults: no name, serverAuth, the clock, nothing about
	 * revocation. */
	res = run(ctx, "chains/chain-valid.pem", "chains/ca-root.pem", NULL);
	ck_assert_int_eq(certshow_result_checked(res, &c), 0);
	ck_assert_int_eq(c.peer_kind, CERTSHOW_PEER_NONE);
	ck_assert_ptr_null(c.peer_name);
	ck_assert_int_eq(c.purpose, CERTSHOW_PURPOSE_SERVER);
	ck_assert_str_eq(c.purpose_oid, "1.3.6.1.5.5.7.3.1");
	ck_assert_int_eq(c.profile, WEB);
	ck_assert_int_eq(c.time_given, 0);
	ck_assert_uint_eq(c.revocation, 0);
	c.version = 0;
	ck_assert_int_eq(certshow_result_checked(res, &c), CERTSHOW_E_INVAL);
	c.version = CERTSHOW_CHECKED_VERSION;
	ck_assert_int_eq(certshow_result_checked(NULL, &c), CERTSHOW_E_INVAL);
	certshow_result_free(res);
	certshow_crls_free(crls);
	certshow_ctx_free(ctx);
}
END_TEST

/* A result through the writer, in `fmt` with writer `flags`; the output,
 * malloc'd. */
static char *
write_result(struct certshow_ctx *ctx, const struct certshow_result *res,
    enum certshow_format fmt, unsigned flags)
{
	struct certshow_write_opts wo = CERTSHOW_WRITE_OPTS_INIT;
	struct certshow_writer *w = NULL;
	struct certshow_chain *chain = NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(fp);
	wo.flags = flags;
	ck_assert_int_eq(certshow_chain_load_file(ctx, &chain,
			     test_data_path("chains/chain-leaf-expired.pem")),
	    0);
	ck_assert_int_eq(certshow_writer_new(ctx, &w, fp, fmt, &wo), 0);
	ck_assert_int_eq(certshow_writer_add_result(ctx, w, chain, res), 0);
	ck_assert_int_eq(certshow_writer_finish(ctx, w), 0);
	certshow_writer_free(w);
	certshow_chain_free(chain);
	ck_assert_int_eq(fclose(fp), 0);
	return buf;
}

/* The short report's last line is the verdict, coloured only without
 * CERTSHOW_WF_NO_COLOR; the full view keeps its verdict first and adds
 * what was checked; JSON carries the "checked" object. */
START_TEST(test_short_report)
{
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_result *res;
	const char *last;
	char *out;

	o.has_time = 1;
	o.time = T_FIXED;
	o.peer_kind = CERTSHOW_PEER_DNS;
	o.peer_name = "www.example.com";
	res = run(ctx, "chains/chain-leaf-expired.pem", "chains/ca-root.pem",
	    &o);
	ck_assert_uint_eq(certshow_result_flags(res), V(EXPIRED));
	out = write_result(ctx, res, CERTSHOW_FORMAT_TEXT,
	    CERTSHOW_WF_SUMMARY | CERTSHOW_WF_NO_COLOR);
	last = out + strlen(out) - 1;
	ck_assert_int_eq(*last, '\n');
	while (last > out && last[-1] != '\n') {
		last--;
	}
	ck_assert_str_eq(last, "Verdict: FAILED (EXPIRED)\n");
	ck_assert_ptr_nonnull(strstr(out,
	    "\n  0 www.example.com, issuer "
	    "certshow Test Intermediate CA, RSA 2048, expired 2001-01-01 "
	    "(8552 days ago)\n"));
	ck_assert_ptr_nonnull(strstr(out,
	    "\n  name:       www.example.com "
	    "(DNS)\n"));
	ck_assert_ptr_null(strchr(out, '\033'));
	free(out);
	out = write_result(ctx, res, CERTSHOW_FORMAT_TEXT, CERTSHOW_WF_SUMMARY);
	ck_assert_ptr_nonnull(
	    strstr(out, "\n\033[31mVerdict: FAILED (EXPIRED)\033[0m\n"));
	free(out);
	out = write_result(ctx, res, CERTSHOW_FORMAT_TEXT,
	    CERTSHOW_WF_NO_COLOR);
	ck_assert_ptr_nonnull(strstr(out, ": FAILED (EXPIRED)\n  path:\n"));
	ck_assert_ptr_nonnull(strstr(out, "\n  Checked:\n"));
	ck_assert_ptr_null(strstr(out, "Verdict:"));
	free(out);
	out = write_result(ctx, res, CERTSHOW_FORMAT_JSON, 0);
	ck_assert_ptr_nonnull(strstr(out,
	    "\"checked\": {\"peer\": {\"name\": "
	    "\"www.example.com\", \"type\": \"dns\"},"));
	ck_assert_ptr_nonnull(strstr(out,
	    "\"profile\": \"webpki\", "
	    "\"purpose\": \"server\", \"purpose_oid\": \"1.3.6.1.5.5.7.3.1\""));
	ck_assert_ptr_nonnull(strstr(out,
	    "\"time\": \"2024-06-01T00:00:00Z\", "
	    "\"time_given\": true, \"revocation\": [], \"crls\": 0}"));
	free(out);
	certshow_result_free(res);
	certshow_ctx_free(ctx);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("verify");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_fixture, 0,
	    (int)(sizeof(rows) / sizeof(rows[0])));
	tcase_add_test(tc, test_messages);
	tcase_add_test(tc, test_time_bounds);
	tcase_add_loop_test(tc, test_expiry_warning, 0,
	    (int)(sizeof(expiry_rows) / sizeof(expiry_rows[0])));
	tcase_add_test(tc, test_expiry_opts_v4);
	tcase_add_test(tc, test_untrusted_and_purpose);
	tcase_add_test(tc, test_work_limit);
	tcase_add_test(tc, test_verdict_names);
	tcase_add_loop_test(tc, test_relying_party, 0,
	    (int)(sizeof(rp_rows) / sizeof(rp_rows[0])));
	tcase_add_test(tc, test_label_is_input);
	tcase_add_loop_test(tc, test_anchor_encoding, 0,
	    (int)(sizeof(anchor_rows) / sizeof(anchor_rows[0])));
	tcase_add_test(tc, test_anchor_constraints_kept);
	tcase_add_test(tc, test_system_anchors);
	tcase_add_loop_test(tc, test_crl, 0,
	    (int)(sizeof(crl_rows) / sizeof(crl_rows[0])));
	tcase_add_test(tc, test_crl_api);
	tcase_add_test(tc, test_checked);
	tcase_add_test(tc, test_short_report);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
