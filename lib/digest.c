/*
 * digest.c - a certificate's fingerprints, each computed on first use.
 *
 * The owner of struct certshow__digests (internal.h): the decoder
 * (cert.c) only allocates it. This module calls nothing else of the
 * library (the check-cycles test keeps it a leaf): the signature cache
 * and the printers use it, and it uses only GnuTLS's hashes.
 */
#include "internal.h"

#include <sched.h>
#include <string.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

/* Uppercase hex of n bytes separated by colons into dst (3n bytes). */
static void
hex_colons(char *dst, const uint8_t *src, size_t n)
{
	static const char digits[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < n; i++) {
		*dst++ = digits[src[i] >> 4];
		*dst++ = digits[src[i] & 0x0f];
		*dst++ = i + 1 < n ? ':' : '\0';
	}
	if (n == 0) {
		*dst = '\0';
	}
}

/* Lazy digests. The three fingerprints cost about half of a decode, and
 * most outputs (PEM, Python dicts) and verification (which needs only the
 * SHA-256) never show them, so each is computed on first use. A decoded
 * certificate is shared read-only between threads (verify --jobs, trust
 * stores), so the first use is guarded by a once flag per digest in the
 * certificate, not by a global lock: the thread whose compare-and-swap
 * moves the flag from NONE to BUSY computes the digest and publishes it
 * with a release store of DONE (or FAILED); a thread that finds BUSY
 * yields until the flag changes; every reader loads the flag with acquire
 * ordering before reading the digest, so it sees the bytes written before
 * the release. After the first use an access is one acquire load. The
 * flags and buffers live in c->dg, allocated at decode: the accessors
 * take a const certificate and never write through it. */
enum {
	CERTSHOW__ONCE_NONE = 0,
	CERTSHOW__ONCE_BUSY,
	CERTSHOW__ONCE_DONE,
	CERTSHOW__ONCE_FAILED
};

/* Compute digest `which` into dg; 0 or a negative GnuTLS code. */
static int
digest_compute(const struct certshow_cert *c, struct certshow__digests *dg,
    enum certshow_fingerprint which)
{
	uint8_t md[32];
	gnutls_datum_t in, out;
	int rv;

	switch (which) {
	case CERTSHOW_FP_SHA256:
		rv = gnutls_hash_fast(GNUTLS_DIG_SHA256, c->der, c->der_len,
		    dg->sha256);
		if (rv >= 0) {
			hex_colons(dg->fp_sha256, dg->sha256, 32);
		}
		return rv;
	case CERTSHOW_FP_SHA1:
		rv = gnutls_hash_fast(GNUTLS_DIG_SHA1, c->der, c->der_len, md);
		if (rv >= 0) {
			hex_colons(dg->fp_sha1, md, 20);
		}
		return rv;
	case CERTSHOW_FP_SPKI_PIN_SHA256:
		break;
	}
	rv = gnutls_hash_fast(GNUTLS_DIG_SHA256, c->spki, c->spki_len, md);
	if (rv < 0) {
		return rv;
	}
	/* RFC 7469 2.4: pin-sha256 is the base64 SHA-256 of the SPKI. */
	in.data = md;
	in.size = 32;
	rv = gnutls_base64_encode2(&in, &out);
	if (rv < 0) {
		return rv;
	}
	if (out.size >= sizeof(dg->pin_sha256)) {
		gnutls_free(out.data);
		return GNUTLS_E_SHORT_MEMORY_BUFFER;
	}
	memcpy(dg->pin_sha256, out.data, out.size);
	dg->pin_sha256[out.size] = '\0';
	gnutls_free(out.data);
	return 0;
}

/* Make digest `which` available: true when it is (computed now or
 * before), false when hashing failed. */
static bool
digest_once(const struct certshow_cert *c, enum certshow_fingerprint which)
{
	struct certshow__digests *dg = c->dg;
	unsigned *flag = &dg->state[which];
	unsigned st = __atomic_load_n(flag, __ATOMIC_ACQUIRE);
	unsigned expect = CERTSHOW__ONCE_NONE;

	if (st == CERTSHOW__ONCE_NONE && __atomic_compare_exchange_n(flag,
	    &expect, CERTSHOW__ONCE_BUSY, false, __ATOMIC_ACQ_REL,
	    __ATOMIC_ACQUIRE)) {
		st = digest_compute(c, dg, which) >= 0 ?
		    CERTSHOW__ONCE_DONE : CERTSHOW__ONCE_FAILED;
		__atomic_store_n(flag, st, __ATOMIC_RELEASE);
		return st == CERTSHOW__ONCE_DONE;
	}
	if (st == CERTSHOW__ONCE_NONE) {
		st = expect; /* another thread got there first */
	}
	while (st == CERTSHOW__ONCE_BUSY) {
		sched_yield();
		st = __atomic_load_n(flag, __ATOMIC_ACQUIRE);
	}
	return st == CERTSHOW__ONCE_DONE;
}

const char *
certshow_cert_fingerprint(const struct certshow_cert *c,
    enum certshow_fingerprint which)
{
	if (c == NULL || c->dg == NULL || (unsigned)which > 2 ||
	    !digest_once(c, which)) {
		return NULL;
	}
	switch (which) {
	case CERTSHOW_FP_SHA256:
		return c->dg->fp_sha256;
	case CERTSHOW_FP_SHA1:
		return c->dg->fp_sha1;
	case CERTSHOW_FP_SPKI_PIN_SHA256:
		break;
	}
	return c->dg->pin_sha256;
}

int
certshow__cert_sha256(const struct certshow_cert *c, uint8_t md[32])
{
	if (c == NULL || c->dg == NULL || !digest_once(c, CERTSHOW_FP_SHA256)) {
		return -1;
	}
	memcpy(md, c->dg->sha256, 32);
	return 0;
}
