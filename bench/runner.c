/*
 * runner.c - the pieces the conformance runners share (runner.h).
 */
#include "runner.h"

#include <stdio.h>
#include <string.h>

int
runner_case_new(struct runner_case *rc)
{
	memset(rc, 0, sizeof(*rc));
	rc->ctx = certshow_ctx_new();
	if (rc->ctx == NULL) {
		return -1;
	}
	if (certshow_trust_new(rc->ctx, &rc->trust) < 0 ||
	    certshow_chain_new(rc->ctx, &rc->anchors) < 0 ||
	    certshow_chain_new(rc->ctx, &rc->inter) < 0 ||
	    certshow_chain_new(rc->ctx, &rc->leaf) < 0 ||
	    certshow_crls_new(rc->ctx, &rc->crls) < 0) {
		return -1;
	}
	return 0;
}

void
runner_case_free(struct runner_case *rc)
{
	certshow_chain_free(rc->leaf);
	certshow_chain_free(rc->inter);
	certshow_chain_free(rc->anchors);
	certshow_trust_free(rc->trust);
	certshow_crls_free(rc->crls);
	certshow_ctx_free(rc->ctx);
	memset(rc, 0, sizeof(*rc));
}

int
runner_add_certs(struct certshow_ctx *ctx, struct certshow_chain *chain,
    struct certshow_reader *r)
{
	struct certshow_cert *cert;
	int rv;

	for (;;) {
		rv = certshow_reader_next(ctx, r, &cert);
		if (rv != 0 || cert == NULL) {
			break;
		}
		if (certshow_chain_add(ctx, chain, cert) < 0) {
			certshow_cert_free(cert);
			rv = -1;
			break;
		}
	}
	certshow_reader_free(r);
	return rv < 0 ? -1 : 0;
}

void
runner_flag_names(uint32_t flags, char *buf, size_t size)
{
	uint32_t bit;
	size_t o = 0;

	buf[0] = '\0';
	for (bit = 1; bit != 0 && o < size; bit <<= 1) {
		if (flags & bit) {
			o += (size_t)snprintf(buf + o, size - o, "%s%s",
			    o ? "," : "", certshow_verdict_name(bit, NULL));
		}
	}
}
