/*
 * ocsp.h - OCSP (RFC 6960): building requests and checking responses,
 * the one owner of that logic for stapled and live answers. Used by the
 * revocation stage (revocation.c). Not installed.
 */
#ifndef CERTSHOW_OCSP_H
#define CERTSHOW_OCSP_H

#include "internal.h"

/* Clock skew allowed between the responder and the verification time:
 * a response is current when thisUpdate <= now + SKEW and, with a
 * nextUpdate, now - SKEW <= nextUpdate. */
#define CERTSHOW__OCSP_SKEW 300
/* Without nextUpdate (RFC 6960 4.2.2.1: "newer information is always
 * available") a response is current for this long after thisUpdate. */
#define CERTSHOW__OCSP_NO_NEXT_MAX (4 * 86400)
/* The nonce we send (RFC 8954: 1 to 32 octets). */
#define CERTSHOW__OCSP_NONCE_LEN 32

/* What to check a response against. */
struct certshow__ocsp_query {
	const struct certshow_cert *cert;    /* the certificate asked about */
	const struct certshow_cert *issuer;  /* its issuer on the path */
	int64_t now;                         /* verification time */
	const uint8_t *nonce;  /* the request's nonce, NULL when none was
				* sent (then any nonce is ignored) */
	size_t nonce_len;
};

/* The outcome. status is GOOD, REVOKED or UNKNOWN for a usable
 * response, ERROR when it cannot be used (why says why). */
struct certshow__ocsp_answer {
	enum certshow_rev_status status;
	int reason;              /* REVOKED: CRLReason, -1 when not given */
	int64_t revoked_at;      /* REVOKED: revocationTime, else -1 */
	int64_t produced_at;     /* -1 when unparsable */
	int64_t this_update;
	int64_t next_update;     /* -1 when absent */
	char why[256];
};

/* Check an OCSP response (DER) for q->cert: parsed, responseStatus
 * successful, a SingleResponse whose CertID (hash algorithm of the
 * response's choice) matches the certificate and its issuer, signed by
 * the issuer or by a delegated responder certificate included in the
 * response that the issuer signed and that has id-kp-OCSPSigning
 * (RFC 6960 4.2.2.2) and is valid at q->now, current at q->now (skew
 * above), and carrying q->nonce when one was sent. Fills *a (status
 * ERROR with a reason for every defect). Returns 0, or CERTSHOW_E_NOMEM
 * (message in ctx). */
int certshow__ocsp_check(struct certshow_ctx *ctx, const uint8_t *der,
    size_t len, const struct certshow__ocsp_query *q,
    struct certshow__ocsp_answer *a);

/* A DER OCSPRequest for cert (SHA-1 CertID, as RFC 5019 2.1.1 profiles
 * it) with a random nonce when `nonce` is non-NULL (it receives the
 * nonce: CERTSHOW__OCSP_NONCE_LEN octets). *req is malloc'd. Returns 0,
 * CERTSHOW_E_PARSE (a certificate GnuTLS cannot import) or
 * CERTSHOW_E_NOMEM. */
int certshow__ocsp_request(struct certshow_ctx *ctx,
    const struct certshow_cert *cert, const struct certshow_cert *issuer,
    uint8_t *nonce, uint8_t **req, size_t *req_len);

/* Cache key of the SHA-1 CertID of cert: "ocsp:" and the hex of the
 * issuer name hash, issuer key hash and serial, into buf. Returns 0, or
 * -1 when the certificates cannot be imported or buf is too small. */
int certshow__ocsp_cache_key(const struct certshow_cert *cert,
    const struct certshow_cert *issuer, char *buf, size_t size);

#endif
