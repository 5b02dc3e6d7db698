/* check_policy.c - certificate policy processing (lib/policy.c, RFC 5280
 * 6.1) through certshow_verify() on the chains of data/chains-policy
 * (one defect each, with a valid twin; see data/README.md), and DSA
 * parameter inheritance (RFC 5280 6.1.4 (f)) on data/chains-dsa. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verify.h"
#include "testutil.h"

/* 2024-06-01T00:00:00Z, inside every certificate's validity. */
#define T_FIXED 1717200000

#define V(x) CERTSHOW_V_##x
#define WEB CERTSHOW_PROFILE_WEBPKI
#define RFC CERTSHOW_PROFILE_RFC5280
#define P1 "1.3.6.1.4.1.55555.2.1"
#define P2 "1.3.6.1.4.1.55555.2.2"
#define P3 "1.3.6.1.4.1.55555.2.3"

/* Option bits of a row. */
#define EXPL 1u   /* initial-explicit-policy */
#define NOMAP 2u  /* initial-policy-mapping-inhibit */
#define NOANY 4u  /* initial-any-policy-inhibit */

struct row {
	const char *chain;       /* under data/chains-policy */
	enum certshow_profile profile;
	const char *user[2];     /* user-initial-policy-set; none: any */
	unsigned opts;
	uint32_t want;
	int checked;             /* policy processing ran */
	const char *auth;        /* authority-constrained set, ","-joined */
	const char *uset;        /* user-constrained set */
};

static const struct row rows[] = {
	/* 0: CA {P1}, leaf {P1} */
	{ "same.pem", RFC, { NULL }, 0, 0, 1, P1, P1 },
	{ "same.pem", RFC, { P2 }, 0, 0, 1, P1, "" },
	{ "same.pem", RFC, { P2 }, EXPL, V(POLICY), 1, P1, "" },
	{ "same.pem", RFC, { P1 }, EXPL, 0, 1, P1, P1 },
	{ "same.pem", RFC, { P2, P1 }, EXPL, 0, 1, P1, P1 },
	/* 5: no common policy: acceptable until an explicit policy is
	 * required, by the CA (explicit.pem) or by the caller */
	{ "mismatch.pem", RFC, { NULL }, 0, 0, 1, "", "" },
	{ "mismatch.pem", RFC, { NULL }, EXPL, V(POLICY), 1, "", "" },
	{ "explicit.pem", RFC, { NULL }, 0, V(POLICY), 1, "", "" },
	{ "explicit-ok.pem", RFC, { NULL }, 0, 0, 1, P1, P1 },
	/* 9: mapping P1 -> P2; the sets name the anchor's domain */
	{ "map.pem", RFC, { NULL }, 0, 0, 1, P1, P1 },
	{ "map.pem", RFC, { P1 }, EXPL, 0, 1, P1, P1 },
	{ "map.pem", RFC, { P2 }, EXPL, V(POLICY), 1, P1, "" },
	{ "map.pem", RFC, { NULL }, EXPL | NOMAP, V(POLICY), 1, "", "" },
	{ "map-any.pem", RFC, { NULL }, 0, V(POLICY), 1, "", "" },
	{ "map2.pem", RFC, { NULL }, 0, 0, 1, P1, P1 },
	{ "map-inhibit.pem", RFC, { NULL }, 0, V(POLICY), 1, "", "" },
	/* 16: anyPolicy in both CAs; inhibited by a CA or the caller */
	{ "any.pem", RFC, { NULL }, 0, 0, 1, P1, P1 },
	{ "any.pem", RFC, { P1 }, 0, 0, 1, P1, P1 },
	{ "any-inhibit.pem", RFC, { NULL }, 0, V(POLICY), 1, "", "" },
	{ "any.pem", RFC, { NULL }, NOANY, V(POLICY), 1, "", "" },
	/* 20: anyPolicy in the middle of the path */
	{ "any-middle.pem", RFC, { NULL }, 0, 0, 1, P1, P1 },
	{ "any-middle.pem", RFC, { P1, P2 }, EXPL, 0, 1, P1, P1 },
	{ "any-middle.pem", RFC, { P2 }, EXPL, V(POLICY), 1, P1, "" },
	{ "any-middle.pem", RFC, { P3 }, 0, 0, 1, P1, "" },
	/* 24: the tree bound */
	{ "tree-big.pem", RFC, { NULL }, 0, V(POLICY_LIMIT), 1, "", "" },
	{ "tree-small.pem", RFC, { NULL }, 0, 0, 1, P1 "," P2 "," P3,
	    P1 "," P2 "," P3 },
	{ "tree-small.pem", RFC, { P2 }, EXPL, 0, 1, P1 "," P2 "," P3, P2 },
	/* 27: webpki processes policies only when asked */
	{ "tree-big.pem", WEB, { NULL }, 0, 0, 0, "", "" },
	{ "explicit.pem", WEB, { NULL }, 0, 0, 0, "", "" },
	{ "explicit.pem", WEB, { NULL }, EXPL, V(POLICY), 1, "", "" },
	{ "same.pem", WEB, { P2 }, 0, 0, 1, P1, "" },
	{ "same.pem", WEB, { P1 }, 0, 0, 1, P1, P1 },
};

/* The set as a ","-joined string. */
static void
joined(const struct certshow_result *res, enum certshow_policy_set set,
    char *buf, size_t size)
{
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < certshow_result_policy_count(res, set, NULL); i++) {
		o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? "," : "",
		    certshow_result_policy(res, set, i));
	}
	ck_assert_ptr_null(certshow_result_policy(res, set, i));
}

static struct certshow_result *
run(struct certshow_ctx *ctx, const char *dir, const char *file,
    const char *anchor, struct certshow_verify_opts *o)
{
	struct certshow_chain *chain;
	struct certshow_trust *trust;
	struct certshow_result *res;
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	ck_assert_int_eq(certshow_chain_load_file(ctx, &chain,
	    test_data_path(path)), 0);
	snprintf(path, sizeof(path), "%s/%s", dir, anchor);
	ck_assert_int_eq(certshow_trust_new(ctx, &trust), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, trust,
	    test_data_path(path), 0), 0);
	o->has_time = 1;
	o->time = T_FIXED;
	ck_assert_int_eq(certshow_verify(ctx, &res, chain, NULL, trust, o), 0);
	certshow_chain_free(chain);
	certshow_trust_free(trust);
	return res;
}

START_TEST(test_policy_rows)
{
	const struct row *r = &rows[_i];
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_result *res;
	char auth[256], uset[256];

	o.peer_kind = CERTSHOW_PEER_DNS;
	o.peer_name = "www.example.com";
	o.profile = r->profile;
	o.policies = r->user;
	o.n_policies = r->user[1] != NULL ? 2 : r->user[0] != NULL ? 1 : 0;
	o.explicit_policy = (r->opts & EXPL) != 0;
	o.inhibit_policy_mapping = (r->opts & NOMAP) != 0;
	o.inhibit_any_policy = (r->opts & NOANY) != 0;
	res = run(ctx, "chains-policy", r->chain, "root.pem", &o);
	joined(res, CERTSHOW_POLICY_SET_AUTHORITY, auth, sizeof(auth));
	joined(res, CERTSHOW_POLICY_SET_USER, uset, sizeof(uset));
	ck_assert_msg(certshow_result_flags(res) == r->want &&
	    test_policy_checked(res) == r->checked &&
	    strcmp(auth, r->auth) == 0 && strcmp(uset, r->uset) == 0,
	    "row %d (%s, opts %u): flags %#x want %#x, checked %d, "
	    "authority {%s} want {%s}, user {%s} want {%s}", _i, r->chain,
	    r->opts, certshow_result_flags(res), r->want,
	    test_policy_checked(res), auth, r->auth, uset, r->uset);
	certshow_result_free(res);
	certshow_ctx_free(ctx);
}
END_TEST

/* The messages name the rule and the certificate. */
START_TEST(test_policy_messages)
{
	static const struct {
		const char *chain;
		size_t at;
		uint32_t flag;
		const char *text;
	} m[] = {
		{ "explicit.pem", 0, V(POLICY), "(RFC 5280 6.1.3 (f))" },
		{ "map-any.pem", 1, V(POLICY), "maps anyPolicy" },
		{ "any-inhibit.pem", 1, V(POLICY), "(RFC 5280 6.1.3 (f))" },
		{ "tree-big.pem", 1, V(POLICY_LIMIT),
		    "exceed its bounds (4096 tree nodes" },
	};
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_result *res;
	const char *msg;
	uint32_t flag;
	size_t i;

	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;

		o.profile = RFC;
		res = run(ctx, "chains-policy", m[i].chain, "root.pem", &o);
		ck_assert_uint_eq(certshow_result_problem_count(res, m[i].at),
		    1);
		ck_assert_int_eq(certshow_result_problem(res, m[i].at, 0,
		    &flag, &msg), 0);
		ck_assert_uint_eq(flag, m[i].flag);
		ck_assert_msg(strstr(msg, m[i].text) != NULL, "%s: %s",
		    m[i].chain, msg);
		certshow_result_free(res);
	}
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_policy_api)
{
	static const char *const bad[] = { "1.2.x", "1", "3.1", "1..2", "1.",
	    "01.2", "" };
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_chain *chain;
	struct certshow_trust *trust;
	struct certshow_result *res;
	size_t i;

	ck_assert_int_eq(certshow_chain_load_file(ctx, &chain,
	    test_data_path("chains-policy/explicit.pem")), 0);
	ck_assert_int_eq(certshow_trust_new(ctx, &trust), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, trust,
	    test_data_path("chains-policy/root.pem"), 0), 0);
	o.has_time = 1;
	o.time = T_FIXED;
	o.profile = RFC;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		o.policies = &bad[i];
		o.n_policies = 1;
		ck_assert_int_eq(certshow_verify(ctx, &res, chain, NULL, trust,
		    &o), CERTSHOW_E_INVAL);
		ck_assert_ptr_null(res);
	}
	o.policies = NULL;
	ck_assert_int_eq(certshow_verify(ctx, &res, chain, NULL, trust, &o),
	    CERTSHOW_E_INVAL);
	/* Version 2 options: no policy inputs, so the CA's
	 * requireExplicitPolicy still decides under rfc5280. */
	o.n_policies = 0;
	o.version = 2;
	ck_assert_int_eq(certshow_verify(ctx, &res, chain, NULL, trust, &o), 0);
	ck_assert_uint_eq(certshow_result_flags(res), V(POLICY));
	ck_assert_int_eq(test_policy_checked(res), 1);
	ck_assert_uint_eq(certshow_result_policy_count(res,
	    (enum certshow_policy_set)7, NULL), 0);
	ck_assert_ptr_null(certshow_result_policy(res,
	    CERTSHOW_POLICY_SET_USER, 0));
	certshow_result_free(res);
	ck_assert_int_eq(test_policy_checked(NULL), 0);
	ck_assert_uint_eq(certshow_result_policy_count(NULL,
	    CERTSHOW_POLICY_SET_USER, NULL), 0);
	ck_assert_str_eq(certshow_verdict_name(V(POLICY_LIMIT), NULL),
	    "POLICY_LIMIT");
	certshow_chain_free(chain);
	certshow_trust_free(trust);
	certshow_ctx_free(ctx);
}
END_TEST

static Suite *
policy_suite(void)
{
	Suite *s = suite_create("policy");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_policy_rows, 0,
	    (int)(sizeof(rows) / sizeof(rows[0])));
	tcase_add_test(tc, test_policy_messages);
	tcase_add_test(tc, test_policy_api);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(policy_suite());
}
