/* check_sigcache.c - the verification cache (lib/sigcache.c) never
 * changes a verdict: bad signatures fail every time, a cached good
 * signature answers only for its exact (issuer key, certificate) pair,
 * results equal those of a context without cache, the cache stays within
 * its bounds, and contexts on several threads share one trust store.
 * Signatures by DSA keys that inherit their parameters. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "verify.h"
#include "sigcache.h"
#include "testutil.h"

#define T_FIXED 1717200000 /* 2024-06-01, see check_verify.c */
#define V(x) CERTSHOW_V_##x

static struct certshow_trust *
load_trust(struct certshow_ctx *ctx, const char *rel)
{
	struct certshow_trust *t;

	ck_assert_int_eq(certshow_trust_new(ctx, &t), 0);
	ck_assert_msg(certshow_trust_add_path(ctx, t, test_data_path(rel), 0) ==
	    0, "%s: %s", rel, certshow_ctx_error(ctx));
	return t;
}

static struct certshow_chain *
load_chain(struct certshow_ctx *ctx, const char *rel)
{
	struct certshow_chain *ch;

	ck_assert_msg(certshow_chain_load_file(ctx, &ch,
	    test_data_path(rel)) == 0, "%s: %s", rel,
	    certshow_ctx_error(ctx));
	return ch;
}

static void
opts(struct certshow_verify_opts *o)
{
	struct certshow_verify_opts d = CERTSHOW_VERIFY_OPTS_INIT;

	*o = d;
	o->has_time = 1;
	o->time = T_FIXED;
	o->peer_kind = CERTSHOW_PEER_DNS;
	o->peer_name = "www.example.com";
}

/* Verify and return the flags; *len receives the path length. */
static uint32_t
verify_flags(struct certshow_ctx *ctx, const struct certshow_chain *ch,
    const struct certshow_trust *t, size_t *len, unsigned long *work)
{
	struct certshow_verify_opts o;
	struct certshow_result *res;
	uint32_t f;

	opts(&o);
	ck_assert_msg(certshow_verify(ctx, &res, ch, NULL, t, &o) == 0, "%s",
	    certshow_ctx_error(ctx));
	f = certshow_result_flags(res);
	if (len != NULL) {
		*len = certshow_result_path_len(res);
	}
	if (work != NULL) {
		*work = res->work;
	}
	certshow_result_free(res);
	return f;
}

/* chain-valid.pem with its leaf changed: one octet at `off` from the
 * start (off >= 0) or from the end (off < 0) of the DER, XOR `bit`. */
static struct certshow_chain *
tampered(struct certshow_ctx *ctx, const struct certshow_chain *valid,
    long off, unsigned bit)
{
	const struct certshow_cert *leaf = certshow_chain_get(valid, 0);
	struct certshow_chain *ch;
	struct certshow_cert *c;
	size_t len, i;
	const uint8_t *der = certshow_cert_raw(leaf, CERTSHOW_RAW_DER, &len);
	uint8_t *copy = malloc(len);

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, der, len);
	copy[off >= 0 ? (size_t)off : len - (size_t)(-off)] ^= (uint8_t)bit;
	ck_assert_int_eq(certshow_chain_new(ctx, &ch), 0);
	ck_assert_msg(certshow_cert_from_der(ctx, &c, copy, len) == 0, "%s",
	    certshow_ctx_error(ctx));
	ck_assert_int_eq(certshow_chain_add(ctx, ch, c), 0);
	for (i = 1; i < certshow_chain_count(valid); i++) {
		der = certshow_cert_raw(certshow_chain_get(valid, i),
		    CERTSHOW_RAW_DER, &len);
		ck_assert_int_eq(certshow_cert_from_der(ctx, &c, der, len), 0);
		ck_assert_int_eq(certshow_chain_add(ctx, ch, c), 0);
	}
	free(copy);
	return ch;
}

/* Offset of the last octet of the leaf's serial number: changing it
 * keeps the DER valid and changes the signed bytes. */
static long
serial_off(const struct certshow_chain *ch)
{
	const struct certshow_cert *c = certshow_chain_get(ch, 0);

	return (long)(c->serial - c->der) + (long)c->serial_len - 1;
}

START_TEST(test_bad_signature_every_time)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_trust *t = load_trust(ctx, "chains/ca-root.pem");
	struct certshow_chain *valid = load_chain(ctx, "chains/chain-valid.pem");
	struct certshow_chain *bad = tampered(ctx, valid, -1, 0x01);
	struct certshow__vcache_stats st;
	size_t len;
	int k;

	/* Bad first, then again after the good twin filled the cache. */
	for (k = 0; k < 2; k++) {
		ck_assert_uint_eq(verify_flags(ctx, bad, t, &len, NULL),
		    V(UNTRUSTED) | V(BAD_SIGNATURE));
		ck_assert_uint_eq(len, 1);
	}
	certshow__vcache_get_stats(ctx, &st);
	ck_assert_uint_eq(st.sig_misses, 1);
	ck_assert_uint_eq(st.sig_hits, 1); /* the second time: cached */
	ck_assert_uint_eq(verify_flags(ctx, valid, t, &len, NULL), 0);
	ck_assert_uint_eq(len, 3);
	ck_assert_uint_eq(verify_flags(ctx, bad, t, &len, NULL),
	    V(UNTRUSTED) | V(BAD_SIGNATURE));
	ck_assert_uint_eq(verify_flags(ctx, valid, t, NULL, NULL), 0);
	certshow_chain_free(bad);
	certshow_chain_free(valid);
	certshow_trust_free(t);
	certshow_ctx_free(ctx);
}
END_TEST

/* The good leaf's signature is cached; a leaf with other signed bytes
 * (serial changed, same signature, same issuer) must not pass. */
START_TEST(test_cached_good_is_not_reused)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_trust *t = load_trust(ctx, "chains/ca-root.pem");
	struct certshow_chain *valid = load_chain(ctx, "chains/chain-valid.pem");
	struct certshow_chain *other = tampered(ctx, valid, serial_off(valid),
	    0x02);
	struct certshow__vcache_stats st;
	const struct certshow_cert *a = certshow_chain_get(valid, 0);
	const struct certshow_cert *b = certshow_chain_get(other, 0);
	size_t len;

	/* Same issuer, same signature value, different certificate. */
	ck_assert_uint_eq(a->sig_len, b->sig_len);
	ck_assert_int_eq(memcmp(a->sig, b->sig, a->sig_len), 0);
	ck_assert_int_ne(memcmp(a->tbs, b->tbs, a->tbs_len), 0);
	ck_assert_uint_eq(verify_flags(ctx, valid, t, NULL, NULL), 0);
	ck_assert_uint_eq(verify_flags(ctx, valid, t, NULL, NULL), 0);
	certshow__vcache_get_stats(ctx, &st);
	ck_assert_uint_eq(st.sig_misses, 2);  /* leaf and intermediate */
	ck_assert_uint_eq(st.sig_hits, 2);
	ck_assert_uint_eq(verify_flags(ctx, other, t, &len, NULL),
	    V(UNTRUSTED) | V(BAD_SIGNATURE));
	ck_assert_uint_eq(len, 1);
	certshow_chain_free(other);
	certshow_chain_free(valid);
	certshow_trust_free(t);
	certshow_ctx_free(ctx);
}
END_TEST

/* The intermediate's signature by the real root is cached; a root with
 * the same name and another key must still fail, and the real one still
 * pass afterwards. */
START_TEST(test_other_key_same_name)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_trust *t = load_trust(ctx, "chains/ca-root.pem");
	struct certshow_trust *same = load_trust(ctx,
	    "chains/ca-root-samename.pem");
	struct certshow_chain *valid = load_chain(ctx, "chains/chain-valid.pem");
	size_t len;
	int k;

	for (k = 0; k < 2; k++) {
		ck_assert_uint_eq(verify_flags(ctx, valid, t, &len, NULL), 0);
		ck_assert_uint_eq(len, 3);
		ck_assert_uint_eq(verify_flags(ctx, valid, same, &len, NULL),
		    V(UNTRUSTED) | V(BAD_SIGNATURE));
		ck_assert_uint_eq(len, 2);
	}
	certshow_chain_free(valid);
	certshow_trust_free(same);
	certshow_trust_free(t);
	certshow_ctx_free(ctx);
}
END_TEST

/* Fixtures of check_verify.c: a context with the cache gives, twice, the
 * flags, path length and work count of a context without. */
static const struct {
	const char *chain, *trust;
} fixtures[] = {
	{ "chains/chain-valid.pem", "chains/ca-root.pem" },
	{ "chains/chain-valid.pem", "chains/ca-root-samename.pem" },
	{ "chains/chain-valid.pem", "chains/trust-samename-first.pem" },
	{ "chains/chain-valid.pem", "chains/trust-root-and-int.pem" },
	{ "chains/chain-alt-path.pem", "chains/ca-root.pem" },
	{ "chains/chain-cross.pem", "chains/ca-root-b.pem" },
	{ "chains/chain-cross.pem", "chains/trust-both-roots.pem" },
	{ "chains/chain-cross.pem", "chains/ca-root.pem" },
	{ "chains/chain-loop.pem", "chains/ca-root.pem" },
	{ "chains/chain-loop-exit.pem", "chains/ca-root.pem" },
	{ "chains/chain-deep.pem", "chains/ca-root.pem" },
	{ "chains/chain-out-of-order.pem", "chains/ca-root.pem" },
	{ "chains/chain-duplicated.pem", "chains/ca-root.pem" },
	{ "chains/chain-missing-int.pem", "chains/ca-root.pem" },
	{ "chains/chain-50.pem", "chains/ca-chain50-root.pem" },
	{ "chains/chain-md5.pem", "chains/ca-root.pem" },
	{ "chains/chain-sha1.pem", "chains/ca-root.pem" },
	{ "certs/ecdsa-p256.pem", "chains/ca-root.pem" },
};
#define N_FIXTURES (sizeof(fixtures) / sizeof(fixtures[0]))

START_TEST(test_same_as_without_cache)
{
	struct certshow_ctx *on = certshow_ctx_new(), *off = certshow_ctx_new();
	struct certshow_trust *t;
	struct certshow_chain *ch;
	struct certshow__vcache_stats st;
	uint32_t f_off, f_on;
	size_t l_off, l_on, i;
	unsigned long w_off, w_on;
	int pass;

	ck_assert_int_eq(certshow_ctx_set_verify_cache(off, 0), 0);
	/* Two passes over all fixtures: the second is answered from the
	 * cache filled by every fixture of the first. */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < N_FIXTURES; i++) {
			ch = load_chain(on, fixtures[i].chain);
			t = load_trust(on, fixtures[i].trust);
			f_off = verify_flags(off, ch, t, &l_off, &w_off);
			f_on = verify_flags(on, ch, t, &l_on, &w_on);
			ck_assert_msg(f_on == f_off && l_on == l_off &&
			    w_on == w_off, "pass %d, %s with %s: cache "
			    "0x%x/%zu/%lu, without 0x%x/%zu/%lu", pass,
			    fixtures[i].chain, fixtures[i].trust, f_on, l_on,
			    w_on, f_off, l_off, w_off);
			certshow_chain_free(ch);
			certshow_trust_free(t);
		}
	}
	certshow__vcache_get_stats(on, &st);
	ck_assert_uint_gt(st.sig_hits, 0);
	certshow__vcache_get_stats(off, &st);
	ck_assert_uint_eq(st.sig_hits + st.sig_misses + st.key_imports, 0);
	certshow_ctx_free(on);
	certshow_ctx_free(off);
}
END_TEST

/* A cache of 8 results (one set) holds 8 whatever is verified; the
 * verdicts do not change when entries are evicted. */
START_TEST(test_bounded)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_trust *t = load_trust(ctx, "chains/ca-root.pem");
	struct certshow_chain *ch = load_chain(ctx, "chains/chain-50.pem");
	struct certshow_trust *t50 = load_trust(ctx,
	    "chains/ca-chain50-root.pem");
	struct certshow_chain *valid = load_chain(ctx, "chains/chain-valid.pem");
	struct certshow__vcache_stats st;
	struct certshow_verify_opts o;
	struct certshow_result *res;
	unsigned long work = 0, w;
	int k;

	ck_assert_int_eq(certshow_ctx_set_verify_cache(ctx, 8), 0);
	opts(&o);
	o.profile = CERTSHOW_PROFILE_RFC5280;
	o.max_depth = 50;
	for (k = 0; k < 3; k++) {
		/* 49 signatures or more per call: more than the cache
		 * holds. */
		ck_assert_int_eq(certshow_verify(ctx, &res, ch, NULL, t50, &o),
		    0);
		ck_assert_uint_eq(certshow_result_flags(res), 0);
		ck_assert_uint_eq(certshow_result_path_len(res), 50);
		work += res->work;
		certshow_result_free(res);
		ck_assert_uint_eq(verify_flags(ctx, valid, t, NULL, &w), 0);
		work += w;
		certshow__vcache_get_stats(ctx, &st);
		ck_assert_uint_eq(st.sig_capacity, 8);
		ck_assert_uint_le(st.sig_entries, 8);
		ck_assert_uint_le(st.key_entries, st.key_capacity);
	}
	ck_assert_uint_eq(st.sig_entries, 8);
	/* Every check of every call went through the cache. */
	ck_assert_uint_ge(work, 3 * 51);
	ck_assert_uint_eq(st.sig_misses + st.sig_hits, work);
	ck_assert_int_eq(certshow_ctx_set_verify_cache(ctx, (size_t)1 << 30),
	    CERTSHOW_E_INVAL);
	ck_assert_int_eq(certshow_ctx_set_verify_cache(NULL, 8),
	    CERTSHOW_E_INVAL);
	certshow_chain_free(valid);
	certshow_trust_free(t50);
	certshow_chain_free(ch);
	certshow_trust_free(t);
	certshow_ctx_free(ctx);
}
END_TEST

/* Two contexts share one certshow_verify_cache: what the first checked
 * the second finds there (its own cache missed), a tampered leaf still
 * fails in both, and the answers equal those of unshared contexts. */
START_TEST(test_shared_cache)
{
	struct certshow_ctx *a = certshow_ctx_new(), *b = certshow_ctx_new();
	struct certshow_trust *t = load_trust(a, "chains/ca-root.pem");
	struct certshow_chain *valid = load_chain(a, "chains/chain-valid.pem");
	struct certshow_chain *bad = tampered(a, valid, -1, 0x80);
	struct certshow_verify_cache *sh;
	struct certshow__vcache_stats st;

	ck_assert_int_eq(certshow_verify_cache_new(a, &sh, 0),
	    CERTSHOW_E_INVAL);
	ck_assert_ptr_null(sh);
	ck_assert_int_eq(certshow_verify_cache_new(a, &sh, 64), 0);
	ck_assert_int_eq(certshow_ctx_set_shared_verify_cache(a, sh), 0);
	ck_assert_int_eq(certshow_ctx_set_shared_verify_cache(b, sh), 0);
	ck_assert_int_eq(certshow_ctx_set_shared_verify_cache(NULL, sh),
	    CERTSHOW_E_INVAL);

	/* a computes both signatures of the path and shares them. */
	ck_assert_uint_eq(verify_flags(a, valid, t, NULL, NULL), 0);
	certshow__verify_cache_get_stats(sh, &st);
	ck_assert_uint_eq(st.sig_hits, 0);
	ck_assert_uint_eq(st.sig_entries, 2);
	/* b answers both from the shared cache. */
	ck_assert_uint_eq(verify_flags(b, valid, t, NULL, NULL), 0);
	certshow__verify_cache_get_stats(sh, &st);
	ck_assert_uint_eq(st.sig_hits, 2);
	certshow__vcache_get_stats(b, &st);
	ck_assert_uint_eq(st.sig_misses, 2);
	ck_assert_uint_eq(st.sig_entries, 2);
	/* The tampered leaf is another key: computed, and it fails. */
	ck_assert_uint_eq(verify_flags(b, bad, t, NULL, NULL),
	    V(UNTRUSTED) | V(BAD_SIGNATURE));
	ck_assert_uint_eq(verify_flags(a, bad, t, NULL, NULL),
	    V(UNTRUSTED) | V(BAD_SIGNATURE));
	certshow__verify_cache_get_stats(sh, &st);
	ck_assert_uint_eq(st.sig_entries, 3);

	ck_assert_int_eq(certshow_ctx_set_shared_verify_cache(a, NULL), 0);
	ck_assert_int_eq(certshow_ctx_set_shared_verify_cache(b, NULL), 0);
	certshow_verify_cache_free(sh);
	certshow_verify_cache_free(NULL);
	certshow_chain_free(bad);
	certshow_chain_free(valid);
	certshow_trust_free(t);
	certshow_ctx_free(b);
	certshow_ctx_free(a);
}
END_TEST

/* Contexts on four threads share one trust store and one chain. */
struct thr {
	struct certshow_verify_cache *sh; /* NULL: none */
	const struct certshow_trust *t;
	const struct certshow_chain *valid, *bad;
	int errors;
};

static void *
thr_main(void *arg)
{
	struct thr *a = arg;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_verify_opts o;
	struct certshow_result *res;
	int k;

	opts(&o);
	if (ctx != NULL && a->sh != NULL) {
		(void)certshow_ctx_set_shared_verify_cache(ctx, a->sh);
	}
	for (k = 0; ctx != NULL && k < 200; k++) {
		const struct certshow_chain *ch = k % 3 == 2 ? a->bad :
		    a->valid;
		uint32_t want = k % 3 == 2 ? V(UNTRUSTED) | V(BAD_SIGNATURE) :
		    0;

		if (certshow_verify(ctx, &res, ch, NULL, a->t, &o) != 0 ||
		    certshow_result_flags(res) != want) {
			a->errors++;
		}
		certshow_result_free(res);
	}
	if (ctx == NULL) {
		a->errors++;
	}
	certshow_ctx_free(ctx);
	return NULL;
}

/* Twice: contexts with caches of their own, then also sharing one. */
START_TEST(test_threads)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_trust *t = load_trust(ctx, "chains/ca-root.pem");
	struct certshow_chain *valid = load_chain(ctx, "chains/chain-valid.pem");
	struct certshow_chain *bad = tampered(ctx, valid, -1, 0x80);
	struct certshow_verify_cache *sh;
	struct thr a[4];
	pthread_t tid[4];
	int i, round;

	ck_assert_int_eq(certshow_verify_cache_new(ctx, &sh, 64), 0);
	for (round = 0; round < 2; round++) {
		for (i = 0; i < 4; i++) {
			a[i].sh = round == 1 ? sh : NULL;
			a[i].t = t;
			a[i].valid = valid;
			a[i].bad = bad;
			a[i].errors = 0;
			ck_assert_int_eq(pthread_create(&tid[i], NULL, thr_main,
					     &a[i]),
			    0);
		}
		for (i = 0; i < 4; i++) {
			ck_assert_int_eq(pthread_join(tid[i], NULL), 0);
			ck_assert_int_eq(a[i].errors, 0);
		}
	}
	certshow_verify_cache_free(sh);
	certshow_chain_free(bad);
	certshow_chain_free(valid);
	certshow_trust_free(t);
	certshow_ctx_free(ctx);
}
END_TEST

/* RFC 5280 6.1.4 (f): a CA whose DSA key omits the parameters signs
 * with those of the DSA root above it (data/chains-dsa). The twin
 * verifies; an altered signature, or an EC root that has no parameters
 * to give, fails with BAD_SIGNATURE alone. Asked twice, so a second
 * answer cannot come from a cached first. */
START_TEST(test_dsa_inherited_params)
{
	static const struct {
		const char *chain, *anchor;
		uint32_t want;
	} rows[] = {
		{ "chains-dsa/inherit.pem", "chains-dsa/root.pem", 0 },
		{ "chains-dsa/inherit-badsig.pem", "chains-dsa/root.pem",
		    V(BAD_SIGNATURE) },
		{ "chains-dsa/inherit-ec.pem", "chains-dsa/root-ec.pem",
		    V(BAD_SIGNATURE) },
		{ "chains-dsa/inherit.pem", "chains-dsa/root-ec.pem",
		    V(UNTRUSTED) | V(BAD_SIGNATURE) },
	};
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_trust *t;
	struct certshow_chain *c;
	struct certshow_result *res;
	size_t i, k;

	o.has_time = 1;
	o.time = T_FIXED;
	o.profile = CERTSHOW_PROFILE_RFC5280;
	o.purpose = CERTSHOW_PURPOSE_ANY;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		t = load_trust(ctx, rows[i].anchor);
		c = load_chain(ctx, rows[i].chain);
		for (k = 0; k < 2; k++) {
			ck_assert_int_eq(certshow_verify(ctx, &res, c, NULL, t,
			    &o), 0);
			ck_assert_msg(certshow_result_flags(res) == rows[i].want,
			    "row %zu (%s under %s): flags %#x want %#x", i,
			    rows[i].chain, rows[i].anchor,
			    certshow_result_flags(res), rows[i].want);
			certshow_result_free(res);
		}
		certshow_chain_free(c);
		certshow_trust_free(t);
	}
	certshow_ctx_free(ctx);
}
END_TEST

/* A CRL signed by the parameter-less DSA key verifies with the inherited
 * parameters: it decides (the twin verifies, the other revokes) instead
 * of being unusable (REVOCATION_UNKNOWN). */
START_TEST(test_dsa_inherited_crl)
{
	static const struct {
		const char *crl;
		uint32_t want;
	} rows[] = {
		{ "chains-dsa/ca.crl.pem", 0 },
		{ "chains-dsa/ca-revoked.crl.pem", V(REVOKED) },
	};
	struct certshow_verify_opts o = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_trust *t = load_trust(ctx, "chains-dsa/root.pem");
	struct certshow_chain *c = load_chain(ctx, "chains-dsa/inherit.pem");
	struct certshow_crls *crls;
	struct certshow_result *res;
	size_t i;

	o.has_time = 1;
	o.time = T_FIXED;
	o.profile = CERTSHOW_PROFILE_RFC5280;
	o.purpose = CERTSHOW_PURPOSE_ANY;
	/* The fixture has no CRL of the root for the CA: the leaf only. */
	o.crl_check = CERTSHOW_CRL_CHECK_LEAF;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ck_assert_int_eq(certshow_crls_new(ctx, &crls), 0);
		ck_assert_int_eq(certshow_crls_add_file(ctx, crls,
		    test_data_path(rows[i].crl)), 0);
		o.crls = crls;
		ck_assert_int_eq(certshow_verify(ctx, &res, c, NULL, t, &o), 0);
		ck_assert_msg(certshow_result_flags(res) == rows[i].want,
		    "%s: flags %#x want %#x", rows[i].crl,
		    certshow_result_flags(res), rows[i].want);
		certshow_result_free(res);
		certshow_crls_free(crls);
	}
	certshow_chain_free(c);
	certshow_trust_free(t);
	certshow_ctx_free(ctx);
}
END_TEST

static Suite *
sigcache_suite(void)
{
	Suite *s = suite_create("sigcache");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_bad_signature_every_time);
	tcase_add_test(tc, test_cached_good_is_not_reused);
	tcase_add_test(tc, test_other_key_same_name);
	tcase_add_test(tc, test_same_as_without_cache);
	tcase_add_test(tc, test_bounded);
	tcase_add_test(tc, test_shared_cache);
	tcase_add_test(tc, test_threads);
	tcase_add_test(tc, test_dsa_inherited_params);
	tcase_add_test(tc, test_dsa_inherited_crl);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(sigcache_suite());
}
