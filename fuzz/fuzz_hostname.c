/*
 * fuzz_hostname.c - the peer name matcher (lib/hostname.c).
 *
 * Input: one byte k, then a presented name (the next k bytes, at most
 * what is left) and a reference name (the rest). Both may hold any byte,
 * NUL included. Besides "no crash", it checks properties that must hold
 * for every input:
 *  - a reference name that normalizes matches itself as a presented name;
 *  - an IP literal that parses prints in a canonical form that parses
 *    back to the same address, and prints the same again.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "verify.h"
#include "fuzz.h"

static void
check_ip(const char *s, size_t len)
{
	uint8_t a[16], b[16];
	char t1[64], t2[64];
	int n, m;

	n = certshow__ip_parse(s, len, a);
	if (n == 0) {
		return;
	}
	if (n != 4 && n != 16) {
		abort();
	}
	certshow__ip_format(a, (size_t)n, t1, sizeof(t1));
	m = certshow__ip_parse(t1, strlen(t1), b);
	if (m != n || memcmp(a, b, (size_t)n) != 0) {
		abort();
	}
	certshow__ip_format(b, (size_t)m, t2, sizeof(t2));
	if (strcmp(t1, t2) != 0) {
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *pat, *ref;
	size_t plen, rlen, at;
	char norm[300];
	int n;

	if (size < 1) {
		return 0;
	}
	plen = data[0];
	if (plen > size - 1) {
		plen = size - 1;
	}
	pat = (const char *)data + 1;
	ref = pat + plen;
	rlen = size - 1 - plen;

	(void)certshow__dns_valid(pat, plen, true);
	(void)certshow__dns_valid(pat, plen, false);
	(void)certshow__email_split(pat, plen, &at);
	(void)certshow__email_split(ref, rlen, &at);
	check_ip(pat, plen);
	check_ip(ref, rlen);

	n = certshow__host_normalize(ref, rlen, norm, sizeof(norm));
	if (n >= 0) {
		if ((size_t)n >= sizeof(norm) || norm[n] != '\0') {
			abort();
		}
		(void)certshow__host_match(pat, plen, norm, (size_t)n);
		if (n > 0 && !certshow__host_match(norm, (size_t)n, norm,
		    (size_t)n)) {
			abort();
		}
	}
	/* The matcher must also survive references that were never
	 * normalized. */
	(void)certshow__host_match(pat, plen, ref, rlen);
	return 0;
}
