/*
 * fuzz_asn1.c - the raw DER structure view (certshow_asn1_write) and the
 * linter, which both take bytes that need not pass the strict decoder.
 *
 * The first byte picks the view's flags (bits 0-2) and whether the lint
 * runs with the CA/Browser Forum rules (bit 3); the rest is the input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "certshow.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct certshow_asn1_opts ao = CERTSHOW_ASN1_OPTS_INIT;
	struct certshow_lint_opts lo = CERTSHOW_LINT_OPTS_INIT;
	struct certshow_lint *l = NULL;
	struct certshow_ctx *ctx;
	FILE *devnull;
	size_t i;

	if (size < 1) {
		return 0;
	}
	ctx = certshow_ctx_new();
	devnull = fopen("/dev/null", "w");
	if (ctx == NULL || devnull == NULL) {
		abort();
	}
	ao.flags = data[0] & 7u;
	(void)certshow_asn1_write(ctx, devnull, data + 1, size - 1, &ao);

	lo.has_now = 1;
	lo.now = 1700000000;
	if (data[0] & 8u) {
		lo.flags = CERTSHOW_LINT_F_RFC5280_ONLY;
	}
	if (certshow_lint_new(ctx, &l) != 0) {
		abort();
	}
	(void)certshow_lint_add_input(ctx, l, data + 1, size - 1, "fuzz", &lo);
	for (i = 0; i < certshow_lint_count(l, CERTSHOW_LINT_FINDINGS); i++) {
		struct certshow_lint_finding f = CERTSHOW_LINT_FINDING_INIT;

		if (certshow_lint_finding(l, i, &f) != 0 || f.id == NULL ||
		    f.message == NULL || f.citation == NULL) {
			abort();
		}
	}
	(void)certshow_lint_write(ctx, devnull, CERTSHOW_FORMAT_TEXT, l);
	(void)certshow_lint_write(ctx, devnull, CERTSHOW_FORMAT_JSON, l);
	certshow_lint_free(l);
	certshow_ctx_free(ctx);
	fclose(devnull);
	return 0;
}
