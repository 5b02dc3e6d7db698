/*
 * fuzz_verify.c - chain verification over fuzzed chains.
 *
 * Input: one options byte, then certificates as concatenated DER TLVs
 * (the first is the leaf; at most 40 are used; one that does not decode
 * is skipped). They are verified against a small fixed trust store
 * (anchors.h) at a pinned time, and the result is written as text and
 * JSON.
 *
 * Options byte: bits 0-1 peer name (none, DNS www.example.com, IP
 * 127.0.0.1, email a@example.com), bits 2-3 purpose (server, client, any,
 * the serverAuth OID), bit 4 RFC 5280 profile, bit 5 policy inputs
 * (user set {1.3.6.1.4.1.55555.2.1}, explicit policy, mapping inhibited
 * under RFC 5280, anyPolicy inhibited under webpki), bits 6-7 the time
 * (2023, 2000, 2100, 2001).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"
#include "anchors.h"
#include "fuzz.h"

#define MAX_CERTS 40

static const struct certshow_trust *
anchors(void)
{
	/* Built once: the store is immutable and shared read-only. */
	static struct certshow_trust *t;
	struct certshow_chain *ch = NULL;
	struct certshow_ctx *ctx;

	if (t != NULL) {
		return t;
	}
	ctx = certshow_ctx_new();
	if (ctx == NULL || certshow_trust_new(ctx, &t) != 0 ||
	    certshow_chain_load_mem(ctx, &ch,
	    (const uint8_t *)fuzz_anchors_pem, sizeof(fuzz_anchors_pem) - 1,
	    "anchors") != 0 ||
	    certshow_trust_add_chain(ctx, t, ch) != 0 ||
	    certshow_trust_count(t, CERTSHOW_TRUST_ANCHORS) != 3) {
		abort();
	}
	certshow_chain_free(ch);
	certshow_ctx_free(ctx);
	return t;
}

static void
touch_result(const struct certshow_result *res)
{
	size_t i, j;
	uint32_t flag;
	const char *msg;
	int anchor;
	enum certshow_path_origin origin;

	(void)certshow_result_flags(res);
	(void)certshow_result_missing_issuer(res, &msg);
	for (i = 0; i < certshow_result_policy_count(res,
	    CERTSHOW_POLICY_SET_AUTHORITY, &anchor); i++) {
		(void)certshow_result_policy(res, CERTSHOW_POLICY_SET_AUTHORITY,
		    i);
	}
	for (i = 0; i < certshow_result_policy_count(res,
	    CERTSHOW_POLICY_SET_USER, NULL); i++) {
		(void)certshow_result_policy(res, CERTSHOW_POLICY_SET_USER, i);
	}
	for (i = 0; i < certshow_result_path_len(res); i++) {
		(void)certshow_result_path_cert(res, i, &origin);
		for (j = 0; j < certshow_result_problem_count(res, i); j++) {
			(void)certshow_result_problem(res, i, j, &flag, &msg);
		}
	}
}

static void
write_result(struct certshow_ctx *ctx, FILE *devnull,
    const struct certshow_chain *chain, const struct certshow_result *res)
{
	static const enum certshow_format fmts[] = { CERTSHOW_FORMAT_TEXT,
		CERTSHOW_FORMAT_JSON };
	struct certshow_write_opts wo = CERTSHOW_WRITE_OPTS_INIT;
	struct certshow_writer *w;
	size_t i;

	wo.now = 1700000000;
	wo.flags = CERTSHOW_WF_NO_COLOR;
	for (i = 0; i < 2; i++) {
		w = NULL;
		if (certshow_writer_new(ctx, &w, devnull, fmts[i], &wo) != 0) {
			abort();
		}
		(void)certshow_writer_add_result(ctx, w, chain, res);
		(void)certshow_writer_finish(ctx, w);
		certshow_writer_free(w);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const peers[] = { NULL, "www.example.com",
		"127.0.0.1", "a@example.com" };
	static const int64_t times[] = { 1700000000, 946684800, 4102444800,
		978307200 };
	static const char *const user_set[] = { "1.3.6.1.4.1.55555.2.1" };
	struct certshow_verify_opts vo = CERTSHOW_VERIFY_OPTS_INIT;
	const struct certshow_trust *trust = anchors();
	struct certshow_chain *chain = NULL;
	struct certshow_result *res = NULL;
	struct certshow_ctx *ctx;
	struct certshow_cert *c;
	struct certshow__der d;
	struct certshow__tlv t;
	FILE *devnull;
	uint8_t o;
	size_t n = 0;

	if (size < 1) {
		return 0;
	}
	o = data[0];
	ctx = certshow_ctx_new();
	devnull = fopen("/dev/null", "w");
	if (ctx == NULL || devnull == NULL ||
	    certshow_chain_new(ctx, &chain) != 0) {
		abort();
	}
	certshow__der_init(&d, data + 1, size - 1);
	while (n < MAX_CERTS && certshow__der_more(&d) &&
	    certshow__der_next(&d, &t) == 0) {
		c = NULL;
		if (certshow_cert_from_der(ctx, &c, t.hdr,
		    t.hdr_len + t.len) != 0) {
			continue;
		}
		if (certshow_chain_add(ctx, chain, c) != 0) {
			certshow_cert_free(c);
			break;
		}
		n++;
	}
	if (n > 0) {
		vo.peer_kind = (enum certshow_peer_kind)(o & 3);
		vo.peer_name = peers[o & 3];
		vo.purpose = (enum certshow_purpose)((o >> 2) & 3);
		if (vo.purpose == CERTSHOW_PURPOSE_OID) {
			vo.purpose_oid = "1.3.6.1.5.5.7.3.1";
		}
		vo.profile = (o & 0x10) ? CERTSHOW_PROFILE_RFC5280 :
		    CERTSHOW_PROFILE_WEBPKI;
		vo.has_time = 1;
		vo.time = times[o >> 6];
		if (o & 0x20) {
			vo.policies = user_set;
			vo.n_policies = 1;
			vo.explicit_policy = 1;
			vo.inhibit_policy_mapping = (o & 0x10) != 0;
			vo.inhibit_any_policy = (o & 0x10) == 0;
		}
		if (certshow_verify(ctx, &res, chain, NULL, trust, &vo) == 0) {
			touch_result(res);
			write_result(ctx, devnull, chain, res);
			certshow_result_free(res);
		}
	}
	certshow_chain_free(chain);
	certshow_ctx_free(ctx);
	fclose(devnull);
	return 0;
}
