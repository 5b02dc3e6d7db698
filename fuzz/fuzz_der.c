/*
 * fuzz_der.c - the strict DER reader and the certificate decoder on raw
 * bytes (no PEM detection in front).
 */
#include <stdint.h>
#include <stdlib.h>

#include "internal.h"
#include "fuzz.h"

/* Walk every TLV iteratively with an explicit stack, as a consumer of the
 * reader would, so malformed nesting is exercised without recursion. */
static void
walk(const uint8_t *data, size_t size)
{
	struct certshow__der stack[64];
	struct certshow__tlv t;
	size_t depth = 0;
	int64_t v;
	char buf[128];

	certshow__der_init(&stack[0], data, size);
	for (;;) {
		struct certshow__der *d = &stack[depth];

		if (!certshow__der_more(d) ||
		    certshow__der_next(d, &t) != 0) {
			if (depth == 0) {
				return;
			}
			depth--;
			continue;
		}
		if (t.cls == CERTSHOW__CLASS_UNIVERSAL && !t.constructed) {
			switch (t.tag) {
			case CERTSHOW__TAG_INTEGER:
				(void)certshow__der_int64(&t, &v);
				break;
			case CERTSHOW__TAG_OID:
				(void)certshow__der_oid_str(t.val, t.len, buf,
				    sizeof(buf));
				break;
			case CERTSHOW__TAG_UTCTIME:
			case CERTSHOW__TAG_GENERALIZEDTIME:
				(void)certshow__der_time(&t, &v);
				break;
			default:
				break;
			}
		}
		if (t.constructed && depth + 1 < 64) {
			depth++;
			certshow__der_enter(&stack[depth], &t, data);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c = NULL;

	if (ctx == NULL) {
		abort();
	}
	walk(data, size);
	if (certshow_cert_from_der(ctx, &c, data, size) == 0) {
		(void)certshow_cert_serial_hex(c);
		certshow_cert_free(c);
	}
	certshow_ctx_free(ctx);
	return 0;
}
