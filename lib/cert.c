/*
 * cert.c - decode one X.509 certificate (RFC 5280 4.1) into an immutable
 * snapshot, and the certificate accessors of certshow.h.
 *
 * Implementation notes:
 * - Everything is read with the strict DER reader (der.c): minimal
 *   lengths and tags, every child inside its parent, no trailing data.
 *   Nothing recurses: the structure is walked explicitly and opaque values
 *   (attribute values, extension internals we do not interpret, signature
 *   parameters) are framed but never entered.
 * - All decoded data lives in the certificate's arena; strings and byte
 *   ranges point either into the arena or into the copied DER. There is
 *   no per-field malloc and no libtasn1 tree.
 * - A framing error rejects the certificate with CERTSHOW_E_PARSE and a
 *   message naming the field and byte offset. Policy-level oddities
 *   (negative or zero serial, extensions in a v1 certificate, an unknown
 *   critical extension, a malformed value of a known extension) do not:
 *   they are recorded in c->problems / c->ext_error for verification.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

struct dec {
	struct certshow_ctx *ctx;
	struct certshow_cert *c;
};

static int
perr(struct dec *x, const char *field, const uint8_t *at, int code)
{
	const char *reason = certshow__der_strreason(code);

	return certshow__set_error(x->ctx, CERTSHOW_E_PARSE,
	    "certificate: %s at offset %zu: %s", field,
	    (size_t)(at - x->c->der), reason);
}

/* Report a sub-decoder's located error under `field`. */
static int
perr_sub(struct dec *x, const char *field, int rv,
    const struct certshow__derr *e)
{
	char buf[160];

	if (rv == CERTSHOW_E_NOMEM || e->nomem) {
		return certshow__set_error(x->ctx, CERTSHOW_E_NOMEM,
		    "certificate: out of memory decoding %s", field);
	}
	snprintf(buf, sizeof(buf), "%s.%s", field, e->field);
	return perr(x, buf, e->at, e->code);
}

static int
nomem(struct dec *x)
{
	return certshow__set_error(x->ctx, CERTSHOW_E_NOMEM,
	    "certificate: out of memory");
}

/* AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY
 * OPTIONAL } (RFC 5280 4.1.1.2). */
static int
alg_id(struct dec *x, const struct certshow__tlv *t, const char *field,
    const char **oid, const char **name, const uint8_t **params,
    size_t *params_len)
{
	struct certshow__der d;
	struct certshow__tlv o, p;
	const struct certshow__oid *ent;
	const uint8_t *at;
	char buf[96];
	int rv;

	certshow__der_enter_fast(&d, t);
	at = d.p;
	rv = certshow__der_expect_fast(&d, &o, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_OID, false);
	if (rv == 0 && certshow__der_oid_check(o.val, o.len) != 0) {
		rv = CERTSHOW__DER_BAD_VALUE;
	}
	if (rv != 0) {
		snprintf(buf, sizeof(buf), "%s.algorithm", field);
		return perr(x, buf, at, rv);
	}
	*params = NULL;
	*params_len = 0;
	if (certshow__der_more(&d)) {
		at = d.p;
		rv = certshow__der_next_fast(&d, &p);
		if (rv != 0) {
			snprintf(buf, sizeof(buf), "%s.parameters", field);
			return perr(x, buf, at, rv);
		}
		*params = p.hdr;
		*params_len = p.hdr_len + p.len;
	}
	if (certshow__der_done(&d) != 0) {
		return perr(x, field, d.p, CERTSHOW__DER_TRAILING);
	}
	ent = certshow__sig_alg_lookup(o.val, o.len);
	if (ent != NULL) {
		*oid = ent->dotted;
		*name = ent->name;
		return 0;
	}
	*oid = certshow__oid_dup(&x->c->arena, o.val, o.len);
	if (*oid == NULL) {
		snprintf(buf, sizeof(buf), "%s.algorithm", field);
		return perr(x, buf, o.hdr, CERTSHOW__DER_BAD_VALUE);
	}
	*name = *oid;
	return 0;
}

/* Serial number as Python's ssl module prints it (OpenSSL's
 * i2a_ASN1_INTEGER): "-" for negative numbers, then the magnitude in
 * uppercase hex without the sign octet, "00" for zero, and a backslash-
 * newline after every 35 octets. */
static int
serial_hex(struct dec *x, const uint8_t *p, size_t len, bool neg)
{
	struct certshow_cert *c = x->c;
	uint8_t stackbuf[64], *mag = stackbuf;
	size_t i, n, k;
	char *s, *q;

	if (len > sizeof(stackbuf)) {
		mag = certshow__arena_alloc(&c->arena, len);
		if (mag == NULL) {
			return nomem(x);
		}
	}
	if (neg) {
		/* Two's complement magnitude: invert and add one. */
		unsigned carry = 1;

		for (i = len; i-- > 0;) {
			unsigned v = (unsigned)(uint8_t)~p[i] + carry;

			mag[i] = (uint8_t)v;
			carry = v >> 8;
		}
	} else {
		memcpy(mag, p, len);
	}
	for (k = 0; k + 1 < len && mag[k] == 0; k++) {
	}
	n = len - k;
	s = certshow__arena_alloc(&c->arena, 1 + 2 * n + 2 * (n / 35) + 1);
	if (s == NULL) {
		return nomem(x);
	}
	q = s;
	if (neg) {
		*q++ = '-';
	}
	for (i = 0; i < n; i++) {
		if (i != 0 && i % 35 == 0) {
			*q++ = '\\';
			*q++ = '\n';
		}
		certshow__hex(q, mag + k + i, 1, '\0');
		q += 2;
	}
	*q = '\0';
	c->serial_hex = s;
	return 0;
}

static int
serial(struct dec *x, const struct certshow__tlv *t)
{
	struct certshow_cert *c = x->c;
	bool neg;
	size_t i;

	if (certshow__der_int_check(t, &neg) != 0) {
		return perr(x, "tbsCertificate.serialNumber", t->hdr,
		    CERTSHOW__DER_BAD_VALUE);
	}
	c->serial = t->val;
	c->serial_len = t->len;
	/* RFC 5280 4.1.2.2: a positive integer of at most 20 octets. */
	if (neg) {
		certshow__cert_problem(c, CERTSHOW__PROB_SERIAL_NEGATIVE,
		    "serial number is negative");
	} else {
		for (i = 0; i < t->len && t->val[i] == 0; i++) {
		}
		if (i == t->len) {
			certshow__cert_problem(c, CERTSHOW__PROB_SERIAL_ZERO,
			    "serial number is zero");
		}
	}
	if (t->len > 20) {
		certshow__cert_problem(c, CERTSHOW__PROB_SERIAL_LONG,
		    "serial number longer than 20 octets");
	}
	return serial_hex(x, t->val, t->len, neg);
}

static int
validity(struct dec *x, const struct certshow__tlv *t)
{
	struct certshow_cert *c = x->c;
	struct certshow__der d;
	struct certshow__tlv nb, na;
	const uint8_t *at;
	int rv;

	certshow__der_enter_fast(&d, t);
	at = d.p;
	rv = certshow__der_next_fast(&d, &nb);
	if (rv == 0) {
		rv = certshow__der_time(&nb, &c->not_before);
	}
	if (rv != 0) {
		return perr(x, "tbsCertificate.validity.notBefore", at, rv);
	}
	at = d.p;
	rv = certshow__der_next_fast(&d, &na);
	if (rv == 0) {
		rv = certshow__der_time(&na, &c->not_after);
	}
	if (rv != 0) {
		return perr(x, "tbsCertificate.validity.notAfter", at, rv);
	}
	if (certshow__der_done(&d) != 0) {
		return perr(x, "tbsCertificate.validity", d.p,
		    CERTSHOW__DER_TRAILING);
	}
	c->not_before_tag = nb.tag;
	c->not_after_tag = na.tag;
	return 0;
}

/* The optional tail of TBSCertificate: issuerUniqueID [1],
 * subjectUniqueID [2], extensions [3] (RFC 5280 4.1.2.8, 4.1.2.9). */
static int
tbs_tail(struct dec *x, struct certshow__der *d)
{
	struct certshow_cert *c = x->c;
	struct certshow__der ed;
	struct certshow__tlv t, exts;
	struct certshow__derr e;
	const uint8_t *at, *bits;
	size_t blen;
	int rv;

	at = d->p;
	rv = certshow__der_optional_fast(d, &t, CERTSHOW__CLASS_CONTEXT, 1, false);
	if (rv == 1 && certshow__der_bitstring(&t, &bits, &blen, NULL) != 0) {
		rv = CERTSHOW__DER_BAD_VALUE;
	}
	if (rv < 0) {
		return perr(x, "tbsCertificate.issuerUniqueID", at, rv);
	}
	c->has_issuer_uid = rv == 1;
	at = d->p;
	rv = certshow__der_optional_fast(d, &t, CERTSHOW__CLASS_CONTEXT, 2, false);
	if (rv == 1 && certshow__der_bitstring(&t, &bits, &blen, NULL) != 0) {
		rv = CERTSHOW__DER_BAD_VALUE;
	}
	if (rv < 0) {
		return perr(x, "tbsCertificate.subjectUniqueID", at, rv);
	}
	c->has_subject_uid = rv == 1;
	if ((c->has_issuer_uid || c->has_subject_uid) && c->version < 2) {
		certshow__cert_problem(c, CERTSHOW__PROB_VERSION,
		    "unique identifiers in a version 1 certificate");
	}
	at = d->p;
	rv = certshow__der_optional_fast(d, &t, CERTSHOW__CLASS_CONTEXT, 3, true);
	if (rv < 0) {
		return perr(x, "tbsCertificate.extensions", at, rv);
	}
	if (rv == 1) {
		if (c->version < 3) {
			certshow__cert_problem(c, CERTSHOW__PROB_VERSION,
			    "extensions in a version %d certificate",
			    c->version);
		}
		certshow__der_enter_fast(&ed, &t);
		at = ed.p;
		rv = certshow__der_expect_fast(&ed, &exts,
		    CERTSHOW__CLASS_UNIVERSAL, CERTSHOW__TAG_SEQUENCE, true);
		if (rv != 0) {
			return perr(x, "tbsCertificate.extensions", at, rv);
		}
		if (certshow__der_done(&ed) != 0) {
			return perr(x, "tbsCertificate.extensions", ed.p,
			    CERTSHOW__DER_TRAILING);
		}
		rv = certshow__ext_list_decode(&c->arena, c, &exts, &e);
		if (rv != 0) {
			return perr_sub(x, "tbsCertificate.extensions", rv, &e);
		}
	}
	if (certshow__der_done(d) != 0) {
		return perr(x, "tbsCertificate", d->p, CERTSHOW__DER_TRAILING);
	}
	return 0;
}

/* version [0] EXPLICIT Version DEFAULT v1 (RFC 5280 4.1.2.1). */
static int
tbs_version(struct dec *x, struct certshow__der *d)
{
	struct certshow_cert *c = x->c;
	struct certshow__der vd;
	struct certshow__tlv t, vi;
	const uint8_t *at = d->p;
	int64_t v;
	int rv;

	c->version = 1;
	rv = certshow__der_optional_fast(d, &t, CERTSHOW__CLASS_CONTEXT, 0,
	    true);
	if (rv < 0) {
		return perr(x, "tbsCertificate.version", at, rv);
	}
	if (rv == 0) {
		return 0;
	}
	certshow__der_enter_fast(&vd, &t);
	rv = certshow__der_expect_fast(&vd, &vi, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_INTEGER, false);
	if (rv == 0 && certshow__der_done(&vd) != 0) {
		rv = CERTSHOW__DER_TRAILING;
	}
	if (rv == 0 && (certshow__der_int64(&vi, &v) != 0 || v > 2)) {
		rv = CERTSHOW__DER_BAD_VALUE;
	}
	if (rv != 0) {
		return perr(x, "tbsCertificate.version", at, rv);
	}
	c->version = (int)v + 1;
	if (v == 0) {
		/* X.690 11.5: the DEFAULT v1 must be omitted. */
		certshow__cert_problem(c, CERTSHOW__PROB_VERSION,
		    "version 1 encoded explicitly");
	}
	return 0;
}

/* issuer or subject: a Name SEQUENCE (RFC 5280 4.1.2.4, 4.1.2.6). */
static int
tbs_name(struct dec *x, struct certshow__der *d, const char *field,
    struct certshow_name *out)
{
	struct certshow__tlv t;
	struct certshow__derr e;
	const uint8_t *at = d->p;
	int rv;

	rv = certshow__der_expect_fast(d, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true);
	if (rv != 0) {
		return perr(x, field, at, rv);
	}
	rv = certshow__name_decode_at(&x->c->arena, &t, out, &e);
	if (rv != 0) {
		return perr_sub(x, field, rv, &e);
	}
	return 0;
}

static int
tbs(struct dec *x, const struct certshow__tlv *tbs_tlv,
    const struct certshow__tlv **inner_alg_out, struct certshow__tlv *ia)
{
	struct certshow_cert *c = x->c;
	struct certshow__der d;
	struct certshow__tlv t;
	struct certshow__derr e;
	const uint8_t *at, *params;
	const char *oid, *name;
	size_t plen;
	int rv;

	certshow__der_enter_fast(&d, tbs_tlv);
	rv = tbs_version(x, &d);
	if (rv != 0) {
		return rv;
	}

	at = d.p;
	rv = certshow__der_expect_fast(&d, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_INTEGER, false);
	if (rv != 0) {
		return perr(x, "tbsCertificate.serialNumber", at, rv);
	}
	rv = serial(x, &t);
	if (rv != 0) {
		return rv;
	}

	at = d.p;
	rv = certshow__der_expect_fast(&d, ia, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true);
	if (rv != 0) {
		return perr(x, "tbsCertificate.signature", at, rv);
	}
	rv = alg_id(x, ia, "tbsCertificate.signature", &oid, &name, &params,
	    &plen);
	if (rv != 0) {
		return rv;
	}
	*inner_alg_out = ia;

	rv = tbs_name(x, &d, "tbsCertificate.issuer", &c->issuer);
	if (rv != 0) {
		return rv;
	}

	at = d.p;
	rv = certshow__der_expect_fast(&d, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true);
	if (rv != 0) {
		return perr(x, "tbsCertificate.validity", at, rv);
	}
	rv = validity(x, &t);
	if (rv != 0) {
		return rv;
	}

	rv = tbs_name(x, &d, "tbsCertificate.subject", &c->subject);
	if (rv != 0) {
		return rv;
	}

	at = d.p;
	rv = certshow__der_expect_fast(&d, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true);
	if (rv != 0) {
		return perr(x, "tbsCertificate.subjectPublicKeyInfo", at, rv);
	}
	rv = certshow__spki_decode(&c->arena, c, &t, &e);
	if (rv != 0) {
		return perr_sub(x, "tbsCertificate", rv, &e);
	}
	return tbs_tail(x, &d);
}

int
certshow__cert_decode(struct certshow_ctx *ctx, struct certshow_cert *c)
{
	struct dec x = { ctx, c };
	struct certshow__der d, cd;
	struct certshow__tlv cert, tbs_tlv, oa, sig;
	const struct certshow__tlv *ia = NULL;
	struct certshow__tlv ia_store;
	const uint8_t *at;
	const char *why = NULL;
	unsigned unused;
	int rv;

	/* Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm,
	 * signatureValue BIT STRING } (RFC 5280 4.1). */
	certshow__der_init(&d, c->der, c->der_len);
	rv = certshow__der_expect_fast(&d, &cert, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true);
	if (rv != 0) {
		return perr(&x, "Certificate", c->der, rv);
	}
	if (certshow__der_done(&d) != 0) {
		return perr(&x, "Certificate", d.p, CERTSHOW__DER_TRAILING);
	}
	certshow__der_enter_fast(&cd, &cert);
	at = cd.p;
	rv = certshow__der_expect_fast(&cd, &tbs_tlv, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true);
	if (rv != 0) {
		return perr(&x, "tbsCertificate", at, rv);
	}
	c->tbs = tbs_tlv.hdr;
	c->tbs_len = tbs_tlv.hdr_len + tbs_tlv.len;
	at = cd.p;
	rv = certshow__der_expect_fast(&cd, &oa, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true);
	if (rv != 0) {
		return perr(&x, "signatureAlgorithm", at, rv);
	}
	at = cd.p;
	rv = certshow__der_expect_fast(&cd, &sig, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_BIT_STRING, false);
	if (rv == 0 && certshow__der_bitstring(&sig, &c->sig, &c->sig_len,
	    &unused) != 0) {
		rv = CERTSHOW__DER_BAD_VALUE;
	}
	if (rv != 0) {
		return perr(&x, "signatureValue", at, rv);
	}
	if (certshow__der_done(&cd) != 0) {
		return perr(&x, "Certificate", cd.p, CERTSHOW__DER_TRAILING);
	}

	rv = tbs(&x, &tbs_tlv, &ia, &ia_store);
	if (rv != 0) {
		return rv;
	}
	rv = alg_id(&x, &oa, "signatureAlgorithm", &c->sig_oid, &c->sig_name,
	    &c->sig_params, &c->sig_params_len);
	if (rv != 0) {
		return rv;
	}
	c->sig_alg = oa.hdr;
	c->sig_alg_len = oa.hdr_len + oa.len;
	/* RFC 5280 4.1.2.3: the inner algorithm MUST equal the outer. */
	c->sig_alg_mismatch = ia->hdr_len + ia->len != c->sig_alg_len ||
	    memcmp(ia->hdr, oa.hdr, c->sig_alg_len) != 0;

	rv = certshow__ext_decode_all(&c->arena, c, &why);
	if (rv != 0) {
		return certshow__set_error(ctx, rv == CERTSHOW_E_NOMEM ?
		    CERTSHOW_E_NOMEM : CERTSHOW_E_PARSE,
		    "certificate: extensions: %s", why != NULL ? why : "error");
	}
	c->dg = certshow__arena_alloc(&c->arena, sizeof(*c->dg));
	if (c->dg == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "certificate: out of memory");
	}
	return 0;
}

/* CERTSHOW_LIMIT_NAMES: general names are what name matching and name
 * constraint checks iterate over (their cost grows with SANs times
 * subtrees), so their number is bounded apart from the size limit. */
static int
check_names_limit(struct certshow_ctx *ctx, const struct certshow_cert *c)
{
	size_t max = ctx->limits[CERTSHOW_LIMIT_NAMES];
	size_t n = c->n_san + c->n_nc_permitted + c->n_nc_excluded;

	if (n > max) {
		return certshow__set_error(ctx, CERTSHOW_E_LIMIT,
		    "certificate: %zu names (subject alternative names and "
		    "name constraints), more than the limit of %zu", n, max);
	}
	return 0;
}

int
certshow__cert_new(struct certshow_ctx *ctx, struct certshow_cert **out,
    const uint8_t *der, size_t len, const char *source, size_t index)
{
	struct certshow_cert *c;
	int rv;

	if (out == NULL || (der == NULL && len > 0)) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certificate: invalid argument");
	}
	*out = NULL;
	if (ctx != NULL && len > ctx->limits[CERTSHOW_LIMIT_CERT_SIZE]) {
		return certshow__set_error(ctx, CERTSHOW_E_LIMIT,
		    "certificate: %zu bytes exceeds the limit of %zu", len,
		    ctx->limits[CERTSHOW_LIMIT_CERT_SIZE]);
	}
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "certificate: out of memory");
	}
	c->der = malloc(len > 0 ? len : 1);
	if (c->der == NULL) {
		free(c);
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "certificate: out of memory");
	}
	if (len > 0) {
		memcpy(c->der, der, len);
	}
	c->der_len = len;
	c->bc_pathlen = -1;
	c->pc_require = -1;
	c->pc_inhibit = -1;
	c->inhibit_any = -1;
	c->source_index = index;
	if (source != NULL) {
		c->source = certshow__arena_strndup(&c->arena, source,
		    strlen(source));
		if (c->source == NULL) {
			certshow_cert_free(c);
			return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
			    "certificate: out of memory");
		}
	}
	rv = certshow__cert_decode(ctx, c);
	if (rv == 0 && ctx != NULL) {
		rv = check_names_limit(ctx, c);
	}
	if (rv != 0) {
		certshow_cert_free(c);
		return rv;
	}
	*out = c;
	return 0;
}

int
certshow_cert_from_der(struct certshow_ctx *ctx, struct certshow_cert **out,
    const uint8_t *der, size_t len)
{
	return certshow__cert_new(ctx, out, der, len, NULL, 0);
}

void
certshow_cert_free(struct certshow_cert *cert)
{
	if (cert == NULL) {
		return;
	}
	certshow__arena_free(&cert->arena);
	free(cert->der);
	free(cert);
}

/* ------------------------------------------------------------------ */
/* Accessors                                                            */
/* ------------------------------------------------------------------ */

const uint8_t *
certshow_cert_raw(const struct certshow_cert *c, enum certshow_raw which,
    size_t *len)
{
	const uint8_t *p = NULL;
	size_t n = 0;

	if (c != NULL) {
		switch (which) {
		case CERTSHOW_RAW_DER:
			p = c->der;
			n = c->der_len;
			break;
		case CERTSHOW_RAW_SERIAL:
			p = c->serial;
			n = c->serial_len;
			break;
		case CERTSHOW_RAW_SPKI:
			p = c->spki;
			n = c->spki_len;
			break;
		case CERTSHOW_RAW_SUBJECT_KEY_ID:
			p = c->ski;
			n = c->ski_len;
			break;
		case CERTSHOW_RAW_AUTHORITY_KEY_ID:
			p = c->aki;
			n = c->aki_len;
			break;
		}
	}
	if (len != NULL) {
		*len = p != NULL ? n : 0;
	}
	return p;
}

const char *
certshow_cert_source(const struct certshow_cert *c, size_t *index)
{
	if (index != NULL) {
		*index = c != NULL ? c->source_index : 0;
	}
	return c != NULL ? c->source : NULL;
}

int
certshow_cert_version(const struct certshow_cert *c)
{
	return c != NULL ? c->version : 0;
}

const char *
certshow_cert_serial_hex(const struct certshow_cert *c)
{
	return c != NULL ? c->serial_hex : NULL;
}

void
certshow_cert_sig_alg(const struct certshow_cert *c, const char **name,
    const char **oid)
{
	if (name != NULL) {
		*name = c != NULL ? c->sig_name : NULL;
	}
	if (oid != NULL) {
		*oid = c != NULL ? c->sig_oid : NULL;
	}
}

void
certshow_cert_key(const struct certshow_cert *c, const char **alg,
    unsigned *bits, const char **curve)
{
	if (alg != NULL) {
		*alg = c != NULL ? c->key_alg : NULL;
	}
	if (bits != NULL) {
		*bits = c != NULL ? c->key_bits : 0;
	}
	if (curve != NULL) {
		*curve = c != NULL ? c->key_curve : NULL;
	}
}

const struct certshow_name *
certshow_cert_name(const struct certshow_cert *c, enum certshow_dn which)
{
	if (c == NULL) {
		return NULL;
	}
	switch (which) {
	case CERTSHOW_DN_SUBJECT:
		return &c->subject;
	case CERTSHOW_DN_ISSUER:
		return &c->issuer;
	}
	return NULL;
}

void
certshow_cert_validity(const struct certshow_cert *c, int64_t *not_before,
    int64_t *not_after)
{
	if (not_before != NULL) {
		*not_before = c != NULL ? c->not_before : 0;
	}
	if (not_after != NULL) {
		*not_after = c != NULL ? c->not_after : 0;
	}
}

/* The string list `which` selects, or NULL when it is not one. */
static const struct certshow__list *
str_list(const struct certshow_cert *c, enum certshow_list which)
{
	switch (which) {
	case CERTSHOW_LIST_OCSP:
		return &c->ocsp;
	case CERTSHOW_LIST_CA_ISSUERS:
		return &c->ca_issuers;
	case CERTSHOW_LIST_CRL_DP:
		return &c->crl_dp;
	case CERTSHOW_LIST_EKU:
		return &c->eku;
	case CERTSHOW_LIST_POLICY:
		return &c->policies;
	case CERTSHOW_LIST_SAN:
	case CERTSHOW_LIST_NC_PERMITTED:
	case CERTSHOW_LIST_NC_EXCLUDED:
	case CERTSHOW_LIST_SCT:
	case CERTSHOW_LIST_EXT:
		break;
	}
	return NULL;
}

/* The general-name list `which` selects (*n set), or NULL. */
static const struct certshow__gname *
gn_list(const struct certshow_cert *c, enum certshow_list which, size_t *n)
{
	switch (which) {
	case CERTSHOW_LIST_SAN:
		*n = c->n_san;
		return c->san;
	case CERTSHOW_LIST_NC_PERMITTED:
		*n = c->n_nc_permitted;
		return c->nc_permitted;
	case CERTSHOW_LIST_NC_EXCLUDED:
		*n = c->n_nc_excluded;
		return c->nc_excluded;
	case CERTSHOW_LIST_OCSP:
	case CERTSHOW_LIST_CA_ISSUERS:
	case CERTSHOW_LIST_CRL_DP:
	case CERTSHOW_LIST_EKU:
	case CERTSHOW_LIST_POLICY:
	case CERTSHOW_LIST_SCT:
	case CERTSHOW_LIST_EXT:
		break;
	}
	*n = 0;
	return NULL;
}

size_t
certshow_cert_count(const struct certshow_cert *c, enum certshow_list which)
{
	const struct certshow__list *l;
	size_t n;

	if (c == NULL) {
		return 0;
	}
	if (which == CERTSHOW_LIST_SCT) {
		return c->n_sct;
	}
	if (which == CERTSHOW_LIST_EXT) {
		return c->n_ext;
	}
	l = str_list(c, which);
	if (l != NULL) {
		return l->n;
	}
	(void)gn_list(c, which, &n);
	return n;
}

const char *
certshow_cert_string(const struct certshow_cert *c, enum certshow_list which,
    size_t i)
{
	const struct certshow__list *l = c != NULL ? str_list(c, which) : NULL;

	return l != NULL && i < l->n ? l->v[i] : NULL;
}

int
certshow_cert_general_name(const struct certshow_cert *c,
    enum certshow_list which, size_t i, enum certshow_gn_type *type,
    const char **oid, const uint8_t **value, size_t *len)
{
	const struct certshow__gname *g;
	size_t n = 0;

	g = c != NULL ? gn_list(c, which, &n) : NULL;
	if (g == NULL || i >= n) {
		return CERTSHOW_E_NOTFOUND;
	}
	g += i;
	if (type != NULL) {
		*type = g->type;
	}
	if (oid != NULL) {
		*oid = g->oid;
	}
	if (value != NULL) {
		*value = g->value;
	}
	if (len != NULL) {
		*len = g->len;
	}
	return 0;
}

int
certshow_cert_key_usage(const struct certshow_cert *c, unsigned *bits)
{
	if (c == NULL || !c->has_ku) {
		if (bits != NULL) {
			*bits = 0;
		}
		return 0;
	}
	if (bits != NULL) {
		*bits = c->ku;
	}
	return 1;
}

int
certshow_cert_basic_constraints(const struct certshow_cert *c, int *ca,
    int *pathlen)
{
	if (c == NULL || !c->has_bc) {
		return 0;
	}
	if (ca != NULL) {
		*ca = c->bc_ca;
	}
	if (pathlen != NULL) {
		*pathlen = c->bc_pathlen;
	}
	return 1;
}

int
certshow_cert_sct(const struct certshow_cert *c, size_t i,
    const uint8_t **log_id, uint64_t *timestamp_ms)
{
	if (c == NULL || i >= c->n_sct) {
		return CERTSHOW_E_NOTFOUND;
	}
	if (log_id != NULL) {
		*log_id = c->sct[i].log_id;
	}
	if (timestamp_ms != NULL) {
		*timestamp_ms = c->sct[i].timestamp_ms;
	}
	return 0;
}

int
certshow_cert_must_staple(const struct certshow_cert *c)
{
	return c != NULL && c->must_staple ? 1 : 0;
}

int
certshow_cert_ext(const struct certshow_cert *c, size_t i, const char **oid,
    const char **name, int *critical, const uint8_t **value, size_t *len)
{
	const struct certshow__ext *x;

	if (c == NULL || i >= c->n_ext) {
		return CERTSHOW_E_NOTFOUND;
	}
	x = &c->ext[i];
	if (oid != NULL) {
		*oid = x->oid;
	}
	if (name != NULL) {
		*name = x->name;
	}
	if (critical != NULL) {
		*critical = x->critical;
	}
	if (value != NULL) {
		*value = x->value;
	}
	if (len != NULL) {
		*len = x->len;
	}
	return 0;
}
