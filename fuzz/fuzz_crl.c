/*
 * fuzz_crl.c - CRL decoding (crl.c) and revocation checking over fuzzed
 * CRLs.
 *
 * Input: one options byte, then CRLs: the rest as one PEM input when it
 * holds a BEGIN line, else as concatenated DER TLVs (at most 16 are
 * used; one that does not load is skipped). The fixed PKI of
 * data/chains-crl (crl_pki.h: root, intermediate, two leaves, an
 * indirect CRL issuer, another key of the intermediate) is verified
 * against them at a pinned time, leaf-good or leaf-indirect first, and
 * the result written as text.
 *
 * Options byte: bit 0 the leaf (leaf-good, leaf-indirect), bit 1
 * --crl-check leaf, bit 2 RFC 5280 profile, bit 3 the time (2020, 1999).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "crl_pki.h"
#include "fuzz.h"

#define MAX_CRLS 16

static void
setup(struct certshow_ctx *ctx, struct certshow_trust **trust,
    struct certshow_chain **pool)
{
	struct certshow_chain *root = NULL;

	if (certshow_trust_new(ctx, trust) != 0 ||
	    certshow_chain_load_mem(ctx, &root,
	    (const uint8_t *)fuzz_crl_root_pem, sizeof(fuzz_crl_root_pem) - 1,
	    "root") != 0 ||
	    certshow_trust_add_chain(ctx, *trust, root) != 0 ||
	    certshow_chain_load_mem(ctx, pool,
	    (const uint8_t *)fuzz_crl_certs_pem,
	    sizeof(fuzz_crl_certs_pem) - 1, "certs") != 0 ||
	    certshow_chain_count(*pool) != 5) {
		abort();
	}
	certshow_chain_free(root);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct certshow_verify_opts vo = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_write_opts wo = CERTSHOW_WRITE_OPTS_INIT;
	struct certshow_trust *trust = NULL;
	struct certshow_chain *pool = NULL, *leaf = NULL;
	struct certshow_crls *crls = NULL;
	struct certshow_result *res = NULL;
	struct certshow_writer *w = NULL;
	struct certshow_cert *c = NULL;
	struct certshow_ctx *ctx;
	struct certshow__der d;
	struct certshow__tlv t;
	const uint8_t *der;
	FILE *devnull;
	size_t n = 0, len;
	uint8_t o;

	if (size < 1) {
		return 0;
	}
	o = data[0];
	ctx = certshow_ctx_new();
	devnull = fopen("/dev/null", "w");
	if (ctx == NULL || devnull == NULL) {
		abort();
	}
	setup(ctx, &trust, &pool);
	if (certshow_crls_new(ctx, &crls) != 0 ||
	    certshow_chain_new(ctx, &leaf) != 0) {
		abort();
	}
	if (certshow__pem_find(data + 1, data + size, "-----BEGIN ") != NULL) {
		(void)certshow_crls_add_mem(ctx, crls, data + 1, size - 1,
		    "pem");
	} else {
		certshow__der_init(&d, data + 1, size - 1);
		while (n < MAX_CRLS && certshow__der_more(&d) &&
		    certshow__der_next(&d, &t) == 0) {
			(void)certshow_crls_add_mem(ctx, crls, t.hdr,
			    t.hdr_len + t.len, "der");
			n++;
		}
	}
	/* The leaf (position 1 or 2 of the pool), then the pool. */
	der = certshow_cert_raw(certshow_chain_get(pool, (o & 1) ? 2 : 1),
	    CERTSHOW_RAW_DER,
	    &len);
	if (certshow_cert_from_der(ctx, &c, der, len) != 0 ||
	    certshow_chain_add(ctx, leaf, c) != 0) {
		abort();
	}
	vo.purpose = CERTSHOW_PURPOSE_ANY;
	vo.crls = crls;
	vo.crl_check = (o & 2) ? CERTSHOW_CRL_CHECK_LEAF :
	    CERTSHOW_CRL_CHECK_ALL;
	vo.profile = (o & 4) ? CERTSHOW_PROFILE_RFC5280 :
	    CERTSHOW_PROFILE_WEBPKI;
	vo.has_time = 1;
	vo.time = (o & 8) ? 915148800 : 1577836800;
	if (certshow_verify(ctx, &res, leaf, pool, trust, &vo) == 0) {
		wo.now = 1700000000;
		wo.flags = CERTSHOW_WF_NO_COLOR;
		if (certshow_writer_new(ctx, &w, devnull, CERTSHOW_FORMAT_TEXT,
		    &wo) != 0) {
			abort();
		}
		(void)certshow_writer_add_result(ctx, w, leaf, res);
		(void)certshow_writer_finish(ctx, w);
		certshow_writer_free(w);
		certshow_result_free(res);
	}
	certshow_chain_free(leaf);
	certshow_chain_free(pool);
	certshow_crls_free(crls);
	certshow_trust_free(trust);
	certshow_ctx_free(ctx);
	fclose(devnull);
	return 0;
}
