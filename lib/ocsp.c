/*
 * ocsp.c - OCSP (RFC 6960) requests and response checking with GnuTLS's
 * OCSP API, for stapled responses and live answers alike.
 *
 * Implementation notes. The CertID is compared field by field (hash
 * algorithm, issuerNameHash, issuerKeyHash, serialNumber) against one
 * GnuTLS computes for the certificate and its issuer on the path, with
 * the hash algorithm the response chose. The signature is checked with
 * gnutls_ocsp_resp_verify_direct(): the issuer itself or a certificate of
 * the response's `certs` that the issuer signed and that has
 * id-kp-OCSPSigning (RFC 6960 4.2.2.2). GnuTLS judges the signer's
 * validity on the wall clock; those bits are ignored here and the
 * delegated responder's validity is compared with the verification time
 * instead. A delegated responder's own revocation status is not checked
 * (id-pkix-ocsp-nocheck, RFC 6960 4.2.2.2.1, says not to; without it we
 * do not either, and say so in doc/verification.md).
 */
#include "ocsp.h"

#include <gnutls/gnutls.h>
#include <gnutls/ocsp.h>
#include <gnutls/x509.h>
#include <gnutls/crypto.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
import_crt(const struct certshow_cert *c, gnutls_x509_crt_t *out)
{
	gnutls_datum_t d;
	int rv;

	*out = NULL;
	rv = gnutls_x509_crt_init(out);
	if (rv < 0) {
		return rv;
	}
	d.data = c->der;
	d.size = (unsigned)c->der_len;
	rv = gnutls_x509_crt_import(*out, &d, GNUTLS_X509_FMT_DER);
	if (rv < 0) {
		gnutls_x509_crt_deinit(*out);
		*out = NULL;
	}
	return rv;
}

static bool
datum_eq(const gnutls_datum_t *a, const gnutls_datum_t *b)
{
	return a->size == b->size && (a->size == 0 ||
	    memcmp(a->data, b->data, a->size) == 0);
}

struct certid {
	gnutls_digest_algorithm_t dig;
	gnutls_datum_t inh, ikh, sn;
};

static void
certid_clear(struct certid *id)
{
	gnutls_free(id->inh.data);
	gnutls_free(id->ikh.data);
	gnutls_free(id->sn.data);
	memset(id, 0, sizeof(*id));
}

/* The CertID of cert under issuer with digest `dig`, computed by
 * building a one-entry request (the same code that writes ours). */
static int
certid_make(gnutls_digest_algorithm_t dig, gnutls_x509_crt_t issuer,
    gnutls_x509_crt_t cert, struct certid *id)
{
	gnutls_ocsp_req_t req = NULL;
	int rv;

	memset(id, 0, sizeof(*id));
	rv = gnutls_ocsp_req_init(&req);
	if (rv < 0) {
		return rv;
	}
	rv = gnutls_ocsp_req_add_cert(req, dig, issuer, cert);
	if (rv == 0) {
		rv = gnutls_ocsp_req_get_cert_id(req, 0, &id->dig, &id->inh,
		    &id->ikh, &id->sn);
	}
	gnutls_ocsp_req_deinit(req);
	return rv;
}

static const struct {
	unsigned bit;
	const char *text;
} sig_bits[] = {
	{ GNUTLS_OCSP_VERIFY_SIGNER_NOT_FOUND,
	    "no signer certificate: neither the issuer nor a certificate "
	    "the response carries" },
	{ GNUTLS_OCSP_VERIFY_SIGNER_KEYUSAGE_ERROR,
	    "the delegated responder certificate lacks id-kp-OCSPSigning" },
	{ GNUTLS_OCSP_VERIFY_UNTRUSTED_SIGNER,
	    "the responder certificate is not issued by the certificate's "
	    "issuer" },
	{ GNUTLS_OCSP_VERIFY_INSECURE_ALGORITHM,
	    "insecure signature algorithm" },
	{ GNUTLS_OCSP_VERIFY_SIGNATURE_FAILURE,
	    "the signature does not verify" },
};

/* 1 when the response's signature verifies as RFC 6960 4.2.2.2 wants,
 * else 0 with the reason in a->why. */
static int
check_sig(gnutls_ocsp_resp_t resp, gnutls_x509_crt_t issuer,
    struct certshow__ocsp_answer *a)
{
	unsigned bits = 0, i;
	size_t n = 0;
	int rv;

	rv = gnutls_ocsp_resp_verify_direct(resp, issuer, &bits, 0);
	if (rv < 0) {
		snprintf(a->why, sizeof(a->why), "signature check failed: %s",
		    gnutls_strerror(rv));
		return 0;
	}
	/* Wall-clock judgements of the signer; see delegate_time(). */
	bits &= ~(unsigned)(GNUTLS_OCSP_VERIFY_CERT_NOT_ACTIVATED |
	    GNUTLS_OCSP_VERIFY_CERT_EXPIRED);
	if (bits == 0) {
		return 1;
	}
	a->why[0] = '\0';
	for (i = 0; i < sizeof(sig_bits) / sizeof(sig_bits[0]); i++) {
		if ((bits & sig_bits[i].bit) != 0 && n < sizeof(a->why)) {
			n += (size_t)snprintf(a->why + n, sizeof(a->why) - n,
			    "%s%s", n > 0 ? "; " : "", sig_bits[i].text);
		}
	}
	if (a->why[0] == '\0') {
		snprintf(a->why, sizeof(a->why), "signature check failed "
		    "(GnuTLS status 0x%x)", bits);
	}
	return 0;
}

/* A delegated responder (a certificate of the response issued by the
 * issuer, other than the issuer) must be valid at the verification
 * time. 1 when fine, else 0 with the reason. */
static int
delegate_time(gnutls_ocsp_resp_t resp, gnutls_x509_crt_t issuer,
    int64_t now, struct certshow__ocsp_answer *a)
{
	gnutls_x509_crt_t *certs = NULL;
	size_t n = 0, i;
	int64_t nb, na;
	int ok = 1;

	if (gnutls_ocsp_resp_get_certs(resp, &certs, &n) < 0) {
		return 1; /* none carried: the issuer signed it */
	}
	for (i = 0; i < n; i++) {
		if (ok && !gnutls_x509_crt_equals(certs[i], issuer) &&
		    gnutls_x509_crt_check_issuer(certs[i], issuer) != 0) {
			nb = (int64_t)gnutls_x509_crt_get_activation_time(
			    certs[i]);
			na = (int64_t)gnutls_x509_crt_get_expiration_time(
			    certs[i]);
			if (now < nb || now > na) {
				snprintf(a->why, sizeof(a->why), "the "
				    "delegated responder certificate is not "
				    "valid at the verification time");
				ok = 0;
			}
		}
		gnutls_x509_crt_deinit(certs[i]);
	}
	gnutls_free(certs);
	return ok;
}

/* Index of the SingleResponse about cert, or -1 (a->why set). */
static int
find_single(gnutls_ocsp_resp_t resp, gnutls_x509_crt_t issuer,
    gnutls_x509_crt_t cert, struct certshow__ocsp_answer *a)
{
	struct certid got, want;
	gnutls_digest_algorithm_t dig;
	unsigned i;
	int rv, found = -1;

	snprintf(a->why, sizeof(a->why), "the response is about another "
	    "certificate (no CertID matches it and its issuer)");
	for (i = 0; found < 0; i++) {
		memset(&got, 0, sizeof(got));
		rv = gnutls_ocsp_resp_get_single(resp, i, &dig, &got.inh,
		    &got.ikh, &got.sn, NULL, NULL, NULL, NULL, NULL);
		if (rv < 0) {
			break;
		}
		got.dig = dig;
		if (certid_make(dig, issuer, cert, &want) == 0 &&
		    want.dig == got.dig && datum_eq(&want.inh, &got.inh) &&
		    datum_eq(&want.ikh, &got.ikh) &&
		    datum_eq(&want.sn, &got.sn)) {
			found = (int)i;
		}
		certid_clear(&want);
		certid_clear(&got);
	}
	return found;
}

static int
check_nonce(gnutls_ocsp_resp_t resp, const struct certshow__ocsp_query *q,
    struct certshow__ocsp_answer *a)
{
	gnutls_datum_t got = { NULL, 0 }, want;
	int ok;

	if (q->nonce == NULL) {
		return 1;
	}
	if (gnutls_ocsp_resp_get_nonce(resp, NULL, &got) < 0) {
		snprintf(a->why, sizeof(a->why), "the response carries no "
		    "nonce, one was sent (RFC 8954)");
		return 0;
	}
	want.data = (unsigned char *)(uintptr_t)q->nonce;
	want.size = (unsigned)q->nonce_len;
	ok = datum_eq(&got, &want);
	gnutls_free(got.data);
	if (!ok) {
		snprintf(a->why, sizeof(a->why), "the response's nonce is not "
		    "the one sent (replayed or foreign answer)");
	}
	return ok;
}

/* 1 when the answer is current at q->now (CERTSHOW__OCSP_SKEW). */
static int
check_times(const struct certshow__ocsp_query *q,
    struct certshow__ocsp_answer *a)
{
	if (a->this_update > q->now + CERTSHOW__OCSP_SKEW) {
		snprintf(a->why, sizeof(a->why), "the response is not yet "
		    "valid: thisUpdate is after the verification time");
		return 0;
	}
	if (a->next_update >= 0 &&
	    a->next_update < q->now - CERTSHOW__OCSP_SKEW) {
		snprintf(a->why, sizeof(a->why), "the response is stale: "
		    "nextUpdate is before the verification time");
		return 0;
	}
	if (a->next_update < 0 &&
	    a->this_update + CERTSHOW__OCSP_NO_NEXT_MAX < q->now) {
		snprintf(a->why, sizeof(a->why), "the response is stale: no "
		    "nextUpdate and thisUpdate more than %d days before the "
		    "verification time", CERTSHOW__OCSP_NO_NEXT_MAX / 86400);
		return 0;
	}
	return 1;
}

/* Read SingleResponse idx into *a (status, times, reason). */
static int
read_single(gnutls_ocsp_resp_t resp, unsigned idx,
    struct certshow__ocsp_answer *a)
{
	time_t tu, nu, rt;
	unsigned st, reason;
	int rv;

	rv = gnutls_ocsp_resp_get_single(resp, idx, NULL, NULL, NULL, NULL,
	    &st, &tu, &nu, &rt, &reason);
	if (rv < 0) {
		snprintf(a->why, sizeof(a->why), "cannot read the "
		    "SingleResponse: %s", gnutls_strerror(rv));
		return 0;
	}
	a->this_update = (int64_t)tu;
	a->next_update = nu == (time_t)-1 ? -1 : (int64_t)nu;
	a->status = st == GNUTLS_OCSP_CERT_GOOD ? CERTSHOW_REV_GOOD :
	    st == GNUTLS_OCSP_CERT_REVOKED ? CERTSHOW_REV_REVOKED :
	    CERTSHOW_REV_UNKNOWN;
	if (a->status == CERTSHOW_REV_REVOKED) {
		a->revoked_at = (int64_t)rt;
		a->reason = (int)reason;
	}
	return 1;
}

/* The checks of certshow__ocsp_check() on a parsed response: 1 usable
 * (status in *a), 0 not (a->why), negative GnuTLS error. */
static int
check_parsed(gnutls_ocsp_resp_t resp, gnutls_x509_crt_t issuer,
    gnutls_x509_crt_t cert, const struct certshow__ocsp_query *q,
    struct certshow__ocsp_answer *a)
{
	int rv, idx;

	rv = gnutls_ocsp_resp_get_status(resp);
	if (rv != GNUTLS_OCSP_RESP_SUCCESSFUL) {
		snprintf(a->why, sizeof(a->why), "responseStatus is %d, not "
		    "successful (RFC 6960 4.2.1)", rv);
		return 0;
	}
	a->produced_at = (int64_t)gnutls_ocsp_resp_get_produced(resp);
	idx = find_single(resp, issuer, cert, a);
	if (idx < 0 || !read_single(resp, (unsigned)idx, a)) {
		return 0;
	}
	if (!check_sig(resp, issuer, a) ||
	    !delegate_time(resp, issuer, q->now, a) ||
	    !check_nonce(resp, q, a) || !check_times(q, a)) {
		return 0;
	}
	return 1;
}

static void
answer_init(struct certshow__ocsp_answer *a)
{
	memset(a, 0, sizeof(*a));
	a->status = CERTSHOW_REV_ERROR;
	a->reason = -1;
	a->revoked_at = -1;
	a->produced_at = -1;
	a->this_update = -1;
	a->next_update = -1;
}

int
certshow__ocsp_check(struct certshow_ctx *ctx, const uint8_t *der,
    size_t len, const struct certshow__ocsp_query *q,
    struct certshow__ocsp_answer *a)
{
	gnutls_ocsp_resp_t resp = NULL;
	gnutls_x509_crt_t issuer = NULL, cert = NULL;
	gnutls_datum_t d;
	int rv;

	answer_init(a);
	rv = gnutls_ocsp_resp_init(&resp);
	if (rv < 0) {
		return certshow__set_gnutls_error(ctx, rv, CERTSHOW_E_NOMEM,
		    "OCSP response");
	}
	d.data = (unsigned char *)(uintptr_t)der;
	d.size = (unsigned)len;
	if (der == NULL || len == 0 || len > UINT32_MAX ||
	    gnutls_ocsp_resp_import(resp, &d) < 0) {
		snprintf(a->why, sizeof(a->why), "not a valid OCSP response "
		    "(DER OCSPResponse, RFC 6960 4.2.1)");
		goto done;
	}
	if (import_crt(q->issuer, &issuer) < 0 ||
	    import_crt(q->cert, &cert) < 0) {
		snprintf(a->why, sizeof(a->why), "the certificate or its "
		    "issuer cannot be used for OCSP");
		goto done;
	}
	rv = check_parsed(resp, issuer, cert, q, a);
	if (rv <= 0) {
		a->status = CERTSHOW_REV_ERROR;
	}
done:
	gnutls_x509_crt_deinit(cert);
	gnutls_x509_crt_deinit(issuer);
	gnutls_ocsp_resp_deinit(resp);
	return 0;
}

int
certshow__ocsp_request(struct certshow_ctx *ctx,
    const struct certshow_cert *cert, const struct certshow_cert *issuer,
    uint8_t *nonce, uint8_t **req_out, size_t *req_len)
{
	gnutls_ocsp_req_t req = NULL;
	gnutls_x509_crt_t ic = NULL, cc = NULL;
	gnutls_datum_t out = { NULL, 0 }, nd;
	int rv;

	*req_out = NULL;
	*req_len = 0;
	if (import_crt(issuer, &ic) < 0 || import_crt(cert, &cc) < 0) {
		rv = certshow__set_error(ctx, CERTSHOW_E_PARSE, "OCSP request: "
		    "GnuTLS cannot import the certificate or its issuer");
		goto out;
	}
	rv = gnutls_ocsp_req_init(&req);
	if (rv == 0) {
		rv = gnutls_ocsp_req_add_cert(req, GNUTLS_DIG_SHA1, ic, cc);
	}
	if (rv == 0 && nonce != NULL) {
		rv = gnutls_rnd(GNUTLS_RND_NONCE, nonce,
		    CERTSHOW__OCSP_NONCE_LEN);
		nd.data = nonce;
		nd.size = CERTSHOW__OCSP_NONCE_LEN;
		if (rv == 0) {
			rv = gnutls_ocsp_req_set_nonce(req, 0, &nd);
		}
	}
	if (rv == 0) {
		rv = gnutls_ocsp_req_export(req, &out);
	}
	if (rv < 0) {
		rv = certshow__set_gnutls_error(ctx, rv, CERTSHOW_E_NOMEM,
		    "building an OCSP request");
		goto out;
	}
	*req_out = malloc(out.size);
	if (*req_out == NULL) {
		rv = certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
		goto out;
	}
	memcpy(*req_out, out.data, out.size);
	*req_len = out.size;
	rv = 0;
out:
	gnutls_free(out.data);
	gnutls_ocsp_req_deinit(req);
	gnutls_x509_crt_deinit(cc);
	gnutls_x509_crt_deinit(ic);
	return rv;
}

static size_t
put_hex(char *buf, size_t at, size_t size, const gnutls_datum_t *d)
{
	static const char hx[] = "0123456789abcdef";
	unsigned i;

	for (i = 0; i < d->size && at + 2 < size; i++) {
		buf[at++] = hx[d->data[i] >> 4];
		buf[at++] = hx[d->data[i] & 15];
	}
	buf[at] = '\0';
	return at;
}

int
certshow__ocsp_cache_key(const struct certshow_cert *cert,
    const struct certshow_cert *issuer, char *buf, size_t size)
{
	gnutls_x509_crt_t ic = NULL, cc = NULL;
	struct certid id;
	size_t need, at;
	int rv = -1;

	memset(&id, 0, sizeof(id));
	if (import_crt(issuer, &ic) < 0 || import_crt(cert, &cc) < 0 ||
	    certid_make(GNUTLS_DIG_SHA1, ic, cc, &id) < 0) {
		goto out;
	}
	need = 5 + 2 * ((size_t)id.inh.size + id.ikh.size + id.sn.size) + 3;
	if (need > size) {
		goto out;
	}
	at = (size_t)snprintf(buf, size, "ocsp:");
	at = put_hex(buf, at, size, &id.inh);
	buf[at++] = ':';
	at = put_hex(buf, at, size, &id.ikh);
	buf[at++] = ':';
	(void)put_hex(buf, at, size, &id.sn);
	rv = 0;
out:
	certid_clear(&id);
	gnutls_x509_crt_deinit(cc);
	gnutls_x509_crt_deinit(ic);
	return rv;
}
