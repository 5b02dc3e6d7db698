/*
 * fuzz_policy.c - certificate policy processing (lib/policy.c) over
 * fuzzed paths, without signatures: every decodable certificate counts.
 *
 * Input: one options byte, then certificates as concatenated DER TLVs,
 * the one issued by the (implicit) anchor first and the end entity last
 * (at most 16 are used; one that does not decode is skipped). Options
 * byte: bit 0 initial-explicit-policy, bit 1 initial-policy-mapping-
 * inhibit, bit 2 initial-any-policy-inhibit, bit 3 user set
 * {1.3.6.1.4.1.55555.2.1, 2.16.840.1.101.3.2.1.48.1} instead of
 * anyPolicy, bits 4-7 the first four certificates are self-issued.
 */
#include <stdint.h>
#include <stdlib.h>

#include "internal.h"
#include "policy.h"
#include "fuzz.h"

#define MAX_CERTS 16

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const user[] = { "1.3.6.1.4.1.55555.2.1",
		"2.16.840.1.101.3.2.1.48.1" };
	struct certshow__policy_cert path[MAX_CERTS];
	struct certshow_cert *certs[MAX_CERTS];
	struct certshow__policy_in in;
	struct certshow__policy_out out;
	struct certshow_ctx *ctx;
	struct certshow__der d;
	struct certshow__tlv t;
	size_t n = 0, i;
	uint8_t o;

	if (size < 1) {
		return 0;
	}
	o = data[0];
	ctx = certshow_ctx_new();
	if (ctx == NULL) {
		abort();
	}
	certshow__der_init(&d, data + 1, size - 1);
	while (n < MAX_CERTS && certshow__der_more(&d) &&
	    certshow__der_next(&d, &t) == 0) {
		if (certshow_cert_from_der(ctx, &certs[n], t.hdr,
		    t.hdr_len + t.len) != 0) {
			continue;
		}
		path[n].c = certs[n];
		path[n].self_issued = n < 4 && (o >> (4 + n)) & 1;
		n++;
	}
	if (n > 0) {
		in.user_set = user;
		in.n_user = (o & 8) ? 2 : 0;
		in.explicit_policy = (o & 1) != 0;
		in.inhibit_mapping = (o & 2) != 0;
		in.inhibit_any = (o & 4) != 0;
		if (certshow__policy_run(path, n, &in, true, &out) == 0) {
			for (i = 0; i < out.n_auth; i++) {
				(void)out.auth[i][0];
			}
			for (i = 0; i < out.n_user; i++) {
				(void)out.user[i][0];
			}
			certshow__policy_out_free(&out);
		}
	}
	for (i = 0; i < n; i++) {
		certshow_cert_free(certs[i]);
	}
	certshow_ctx_free(ctx);
	return 0;
}
