/*
 * crl.c - certificate revocation lists (RFC 5280 section 5) and the
 * revocation check of a certificate against them (RFC 5280 6.3).
 *
 * A CRL is decoded once, by our strict DER reader (der.c): the
 * TBSCertList bytes the signature covers, the entries with their reason
 * codes and certificateIssuer, and every CRL extension; PEM blocks go
 * through pem.c's strict block reader, as certificates do. GnuTLS only
 * checks the signature over the raw TBS bytes, as verify.c does for
 * certificates. A set is immutable once loaded and may be shared by
 * threads.
 *
 * certshow__crl_check() implements the algorithm of RFC 5280 6.3.3 in
 * the shape OpenSSL gives it: each complete CRL whose issuer and scope
 * (issuingDistributionPoint against the certificate's
 * cRLDistributionPoints) cover the certificate, that is current and
 * whose signer verify.c accepts (the signer's own path, section 6.3.3
 * (f)), adds the reasons it covers; a delta CRL of it is applied on top
 * (removeFromCRL un-revokes). The status is decided when a CRL lists
 * the certificate, or when the accumulated reasons are all reasons.
 */
#include "verify.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <gnutls/x509.h>

#define OID_CRL_NUMBER "2.5.29.20"
#define OID_DELTA_CRL "2.5.29.27"
#define OID_IDP "2.5.29.28"
#define OID_REASON "2.5.29.21"
#define OID_CERT_ISSUER "2.5.29.29"
#define OID_AKI "2.5.29.35"
#define OID_RSA_PSS "1.2.840.113549.1.1.10"

/* CRL extensions that carry no constraint we must honour when they are
 * critical; any other critical one makes the CRL unusable (RFC 5280 5.2:
 * "MUST NOT use that CRL to determine the status of certificates"). */
static const char *const crl_known_ext[] = {
	"2.5.29.35",          /* authorityKeyIdentifier */
	"2.5.29.18",          /* issuerAltName */
	"2.5.29.46",          /* freshestCRL */
	"1.3.6.1.5.5.7.1.1",  /* authorityInfoAccess */
};

/* Entry extensions understood besides reasonCode and certificateIssuer:
 * invalidityDate, holdInstructionCode. */
static const char *const entry_known_ext[] = {
	"2.5.29.24",
	"2.5.29.23",
};

static const char *const reason_names[] = {
	"unspecified", "keyCompromise", "cACompromise", "affiliationChanged",
	"superseded", "cessationOfOperation", "certificateHold", "7",
	"removeFromCRL", "privilegeWithdrawn", "aACompromise",
};

const char *
certshow__crl_reason_name(int reason)
{
	if (reason < 0 || (size_t)reason >= sizeof(reason_names) /
	    sizeof(reason_names[0])) {
		return "not given";
	}
	return reason_names[reason];
}

int
certshow_crls_new(struct certshow_ctx *ctx, struct certshow_crls **out)
{
	if (out == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_crls_new: NULL out");
	}
	*out = calloc(1, sizeof(**out));
	if (*out == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	return 0;
}

static void
crl_clear(struct certshow__crl *c)
{
	size_t i;

	for (i = 0; i < c->n_eiss; i++) {
		free(c->eiss[i]);
	}
	free(c->eiss);
	free(c->der);
	free(c->name);
	free(c->issuer_norm);
	free(c->entries);
	memset(c, 0, sizeof(*c));
}

void
certshow_crls_free(struct certshow_crls *crls)
{
	size_t i;

	if (crls == NULL) {
		return;
	}
	for (i = 0; i < crls->n; i++) {
		crl_clear(&crls->v[i]);
	}
	free(crls->v);
	free(crls);
}

size_t
certshow_crls_count(const struct certshow_crls *crls)
{
	return crls == NULL ? 0 : crls->n;
}

static bool
in_list(const char *const *l, size_t n, const char *oid)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(l[i], oid) == 0) {
			return true;
		}
	}
	return false;
}

/* Record why the CRL cannot be used; the first reason is kept. */
static void set_unusable(struct certshow__crl *c, const char *fmt, ...)
    CERTSHOW__PRINTF(2, 3);
static void
set_unusable(struct certshow__crl *c, const char *fmt, ...)
{
	va_list ap;

	if (c->unusable[0] != '\0') {
		return;
	}
	va_start(ap, fmt);
	vsnprintf(c->unusable, sizeof(c->unusable), fmt, ap);
	va_end(ap);
}

static int
serial_cmp(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	size_t n = alen < blen ? alen : blen;
	int r = memcmp(a, b, n);

	if (r != 0) {
		return r;
	}
	return alen < blen ? -1 : alen > blen;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct certshow__crl_entry *x = a, *y = b;

	return serial_cmp(x->serial, x->serial_len, y->serial, y->serial_len);
}

/* Compare two non-negative DER INTEGER contents as numbers. */
static int
int_cmp(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	while (alen > 0 && a[0] == 0) {
		a++;
		alen--;
	}
	while (blen > 0 && b[0] == 0) {
		b++;
		blen--;
	}
	if (alen != blen) {
		return alen < blen ? -1 : 1;
	}
	return alen == 0 ? 0 : memcmp(a, b, alen);
}

/* One Extension ::= SEQUENCE { extnID, critical DEFAULT FALSE, extnValue }:
 * fills oid (dotted), *critical and the value TLV. */
static int
read_ext(struct certshow__der *d, const uint8_t *base, char *oid,
    size_t oid_size, bool *critical, struct certshow__tlv *val)
{
	struct certshow__der x;
	struct certshow__tlv seq, t;
	int rv;

	if (certshow__der_expect(d, &seq, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0) {
		return -1;
	}
	certshow__der_enter(&x, &seq, base);
	if (certshow__der_expect(&x, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_OID, false) != 0 ||
	    certshow__der_oid_str(t.val, t.len, oid, oid_size) < 0) {
		return -1;
	}
	*critical = false;
	rv = certshow__der_optional(&x, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_BOOLEAN, false);
	if (rv < 0 || (rv == 1 && (certshow__der_bool(&t, critical) != 0 ||
	    !*critical))) {
		/* DER: the DEFAULT FALSE is never encoded. */
		return -1;
	}
	if (certshow__der_expect(&x, val, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_OCTET_STRING, false) != 0 ||
	    certshow__der_done(&x) != 0) {
		return -1;
	}
	return 0;
}

static int
read_time(struct certshow__der *d, int64_t *out, bool optional)
{
	struct certshow__tlv t;
	const uint8_t *save = d->p;

	if (!certshow__der_more(d)) {
		return optional ? 0 : -1;
	}
	if (certshow__der_next(d, &t) != 0) {
		return -1;
	}
	if (t.cls != CERTSHOW__CLASS_UNIVERSAL ||
	    (t.tag != CERTSHOW__TAG_UTCTIME &&
	    t.tag != CERTSHOW__TAG_GENERALIZEDTIME)) {
		if (optional) {
			d->p = save;
			return 0;
		}
		return -1;
	}
	return certshow__der_time(&t, out) == 0 ? 1 : -1;
}

/* ReasonFlags BIT STRING contents to a mask of (1u << bit). */
static int
read_reasons(const struct certshow__tlv *t, unsigned *mask)
{
	const uint8_t *bits;
	size_t len, i;
	unsigned unused;

	if (certshow__der_bitstring(t, &bits, &len, &unused) != 0) {
		return -1;
	}
	*mask = 0;
	for (i = 0; i < len * 8 - unused && i < 16; i++) {
		if (bits[i / 8] & (0x80u >> (i % 8))) {
			*mask |= 1u << i;
		}
	}
	return 0;
}

/* A single INTEGER inside an extension value (cRLNumber, BaseCRLNumber):
 * non-negative, at most 20 octets (RFC 5280 5.2.3). */
static int
read_number(const struct certshow__tlv *val, const uint8_t **p, size_t *len)
{
	struct certshow__der d;
	struct certshow__tlv t;
	bool neg;

	certshow__der_init(&d, val->val, val->len);
	if (certshow__der_expect(&d, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_INTEGER, false) != 0 ||
	    certshow__der_done(&d) != 0 ||
	    certshow__der_int_check(&t, &neg) != 0 || neg || t.len > 21) {
		return -1;
	}
	*p = t.val;
	*len = t.len;
	return 0;
}

/* issuingDistributionPoint (RFC 5280 5.2.5):
 *   SEQUENCE { distributionPoint [0] DistributionPointName OPTIONAL,
 *     onlyContainsUserCerts [1] BOOLEAN DEFAULT FALSE,
 *     onlyContainsCACerts [2] BOOLEAN DEFAULT FALSE,
 *     onlySomeReasons [3] ReasonFlags OPTIONAL,
 *     indirectCRL [4] BOOLEAN DEFAULT FALSE,
 *     onlyContainsAttributeCerts [5] BOOLEAN DEFAULT FALSE } */
static int
read_idp(struct certshow__crl *c, const struct certshow__tlv *val)
{
	struct certshow__der d, x, in;
	struct certshow__tlv seq, t, dpn;
	int last = -1;

	certshow__der_init(&d, val->val, val->len);
	if (certshow__der_expect(&d, &seq, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0 || certshow__der_done(&d) != 0) {
		return -1;
	}
	c->idp = val->val;
	c->idp_len = val->len;
	certshow__der_enter(&x, &seq, val->val);
	while (certshow__der_more(&x)) {
		if (certshow__der_next(&x, &t) != 0 ||
		    t.cls != CERTSHOW__CLASS_CONTEXT || (int)t.tag <= last ||
		    t.tag > 5) {
			return -1;
		}
		last = (int)t.tag;
		if (t.tag == 0) {
			/* explicit: the DistributionPointName CHOICE */
			if (!t.constructed) {
				return -1;
			}
			certshow__der_enter(&in, &t, val->val);
			if (certshow__der_next(&in, &dpn) != 0 ||
			    certshow__der_done(&in) != 0 ||
			    dpn.cls != CERTSHOW__CLASS_CONTEXT ||
			    dpn.tag > 1 || !dpn.constructed) {
				return -1;
			}
			c->idp_dp = dpn.hdr;
			c->idp_dp_len = dpn.hdr_len + dpn.len;
			continue;
		}
		if (t.tag == 3) {
			if (t.constructed || read_reasons(&t,
			    &c->idp_reasons) != 0) {
				return -1;
			}
			c->idp_reasons &= CERTSHOW__REASONS_ALL;
			continue;
		}
		/* [1], [2], [4], [5]: IMPLICIT BOOLEAN, only TRUE encoded. */
		if (t.constructed || t.len != 1 || t.val[0] != 0xff) {
			return -1;
		}
		switch (t.tag) {
		case 1:
			c->only_user = true;
			break;
		case 2:
			c->only_ca = true;
			break;
		case 4:
			c->indirect = true;
			break;
		default:
			c->only_attr = true;
			break;
		}
	}
	if ((int)c->only_user + (int)c->only_ca + (int)c->only_attr > 1) {
		/* RFC 5280 5.2.5: at most one of the three. */
		set_unusable(c, "has an issuingDistributionPoint asserting "
		    "more than one of onlyContainsUserCerts, "
		    "onlyContainsCACerts and onlyContainsAttributeCerts");
	}
	return 0;
}

/* certificateIssuer ::= GeneralNames: the normalized directoryName. */
static int
read_cert_issuer(struct certshow__crl *c, const struct certshow__tlv *val,
    const uint8_t **norm, size_t *norm_len)
{
	struct certshow__der d, x, in;
	struct certshow__tlv seq, t, name;
	uint8_t **nv, *n = NULL;
	size_t len = 0;

	certshow__der_init(&d, val->val, val->len);
	if (certshow__der_expect(&d, &seq, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0 || certshow__der_done(&d) != 0) {
		return -1;
	}
	certshow__der_enter(&x, &seq, val->val);
	while (certshow__der_more(&x)) {
		if (certshow__der_next(&x, &t) != 0 ||
		    t.cls != CERTSHOW__CLASS_CONTEXT) {
			free(n);
			return -1;
		}
		if (t.tag != 4 || n != NULL) {
			continue;
		}
		certshow__der_enter(&in, &t, val->val);
		if (certshow__der_expect(&in, &name, CERTSHOW__CLASS_UNIVERSAL,
		    CERTSHOW__TAG_SEQUENCE, true) != 0 ||
		    certshow__der_done(&in) != 0) {
			return -1;
		}
		n = certshow__name_norm(name.hdr, name.hdr_len + name.len,
		    &len);
		if (n == NULL) {
			return -1;
		}
	}
	if (n == NULL) {
		/* No directoryName: no certificate of ours can match. */
		*norm = (const uint8_t *)"";
		*norm_len = 0;
		return 0;
	}
	nv = realloc(c->eiss, (c->n_eiss + 1) * sizeof(*nv));
	if (nv == NULL) {
		free(n);
		return -2;
	}
	c->eiss = nv;
	c->eiss[c->n_eiss++] = n;
	*norm = n;
	*norm_len = len;
	return 0;
}

/* CRLReason ::= ENUMERATED, inside the extension's OCTET STRING. */
static int
read_reason(const struct certshow__tlv *val)
{
	struct certshow__der d;
	struct certshow__tlv t;

	certshow__der_init(&d, val->val, val->len);
	if (certshow__der_expect(&d, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_ENUMERATED, false) != 0 ||
	    certshow__der_done(&d) != 0 || t.len != 1 || t.val[0] > 10 ||
	    t.val[0] == 7) {
		return -2;
	}
	return t.val[0];
}

/* Entry extensions (RFC 5280 5.3). `*iss` carries the certificate
 * issuer from entry to entry (indirect CRLs). */
static const char *
read_entry_exts(struct certshow__crl *c, const struct certshow__tlv *ex,
    struct certshow__crl_entry *en, const uint8_t **iss, size_t *iss_len)
{
	struct certshow__der exts;
	struct certshow__tlv v;
	char oid[64];
	bool crit;
	int rv;

	if (c->version != 2) {
		return "version 1 CRL with entry extensions";
	}
	certshow__der_enter(&exts, ex, c->der);
	if (!certshow__der_more(&exts)) {
		return "empty crlEntryExtensions";
	}
	while (certshow__der_more(&exts)) {
		if (read_ext(&exts, c->der, oid, sizeof(oid), &crit,
		    &v) != 0) {
			return "malformed entry extension";
		}
		if (strcmp(oid, OID_REASON) == 0) {
			en->reason = read_reason(&v);
			if (en->reason == -2) {
				return "malformed reasonCode";
			}
		} else if (strcmp(oid, OID_CERT_ISSUER) == 0) {
			rv = read_cert_issuer(c, &v, iss, iss_len);
			if (rv == -2) {
				return "out of memory";
			}
			if (rv != 0) {
				return "malformed certificateIssuer";
			}
		} else if (crit && !in_list(entry_known_ext,
		    sizeof(entry_known_ext) / sizeof(entry_known_ext[0]),
		    oid)) {
			set_unusable(c, "has an entry with an unknown critical "
			    "extension %s", oid);
		}
	}
	return NULL;
}

static const char *
read_entries(struct certshow__crl *c, const struct certshow__tlv *list)
{
	struct certshow__der ents, ent;
	struct certshow__tlv e, v, ex;
	struct certshow__crl_entry *ne, *en;
	const uint8_t *iss = c->issuer_norm;
	size_t iss_len = c->issuer_norm_len, n = 0, cap = 0;
	const char *why;
	int rv;

	certshow__der_enter(&ents, list, c->der);
	while (certshow__der_more(&ents)) {
		if (certshow__der_expect(&ents, &e, CERTSHOW__CLASS_UNIVERSAL,
		    CERTSHOW__TAG_SEQUENCE, true) != 0) {
			return "malformed revoked certificate entry";
		}
		if (n == cap) {
			ne = certshow__grow(c->entries, &cap, n + 1,
			    sizeof(*ne), 16);
			if (ne == NULL) {
				return "out of memory";
			}
			c->entries = ne;
		}
		en = &c->entries[n];
		memset(en, 0, sizeof(*en));
		en->reason = -1;
		certshow__der_enter(&ent, &e, c->der);
		if (certshow__der_expect(&ent, &v, CERTSHOW__CLASS_UNIVERSAL,
		    CERTSHOW__TAG_INTEGER, false) != 0 ||
		    certshow__der_int_check(&v, NULL) != 0 ||
		    read_time(&ent, &en->date, false) != 1) {
			return "malformed revoked certificate entry";
		}
		en->serial = v.val;
		en->serial_len = v.len;
		rv = certshow__der_optional(&ent, &ex,
		    CERTSHOW__CLASS_UNIVERSAL, CERTSHOW__TAG_SEQUENCE, true);
		if (rv < 0 || certshow__der_done(&ent) != 0) {
			return "malformed revoked certificate entry";
		}
		if (rv == 1) {
			why = read_entry_exts(c, &ex, en, &iss, &iss_len);
			if (why != NULL) {
				return why;
			}
		}
		en->issuer_norm = iss;
		en->issuer_norm_len = iss_len;
		n++;
	}
	if (n == 0) {
		/* RFC 5280 5.1.2.6: absent when empty. */
		return "empty revokedCertificates";
	}
	c->n_entries = n;
	/* Stable for equal serials is not needed: lookups scan the run of
	 * equal serials. */
	qsort(c->entries, n, sizeof(*c->entries), entry_cmp);
	return NULL;
}

/* crlExtensions (RFC 5280 5.2). */
static const char *
read_crl_exts(struct certshow__crl *c, const struct certshow__tlv *t)
{
	struct certshow__der x, exts, a, ai;
	struct certshow__tlv seq, v, as, kid;
	char oid[64];
	bool crit;

	if (c->version != 2) {
		return "version 1 CRL with extensions";
	}
	certshow__der_enter(&x, t, c->der);
	if (certshow__der_expect(&x, &seq, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0 ||
	    certshow__der_done(&x) != 0 || seq.len == 0) {
		return "malformed crlExtensions";
	}
	certshow__der_enter(&exts, &seq, c->der);
	while (certshow__der_more(&exts)) {
		if (read_ext(&exts, c->der, oid, sizeof(oid), &crit,
		    &v) != 0) {
			return "malformed CRL extension";
		}
		if (strcmp(oid, OID_CRL_NUMBER) == 0) {
			if (c->number != NULL || read_number(&v, &c->number,
			    &c->number_len) != 0) {
				return "malformed cRLNumber";
			}
			if (crit) {
				set_unusable(c, "has a critical cRLNumber "
				    "(RFC 5280 5.2.3)");
			}
		} else if (strcmp(oid, OID_DELTA_CRL) == 0) {
			if (c->base != NULL || read_number(&v, &c->base,
			    &c->base_len) != 0) {
				return "malformed deltaCRLIndicator";
			}
			if (!crit) {
				/* RFC 5280 5.2.4: always critical */
				set_unusable(c, "has a non-critical "
				    "deltaCRLIndicator (RFC 5280 5.2.4)");
			}
		} else if (strcmp(oid, OID_IDP) == 0) {
			if (c->idp != NULL || read_idp(c, &v) != 0) {
				return "malformed issuingDistributionPoint";
			}
		} else if (strcmp(oid, OID_AKI) == 0) {
			certshow__der_init(&a, v.val, v.len);
			if (certshow__der_expect(&a, &as,
			    CERTSHOW__CLASS_UNIVERSAL, CERTSHOW__TAG_SEQUENCE,
			    true) != 0) {
				return "malformed authorityKeyIdentifier";
			}
			certshow__der_enter(&ai, &as, v.val);
			if (certshow__der_optional(&ai, &kid,
			    CERTSHOW__CLASS_CONTEXT, 0, false) == 1) {
				c->aki = kid.val;
				c->aki_len = kid.len;
			}
		} else if (crit && !in_list(crl_known_ext,
		    sizeof(crl_known_ext) / sizeof(crl_known_ext[0]), oid)) {
			set_unusable(c, "has an unknown critical extension %s",
			    oid);
		}
	}
	return NULL;
}

/* The outer CertificateList: the TBSCertList into tl, the signature
 * algorithm and value into c; NULL or what is wrong. */
static const char *
parse_crl_outer(struct certshow__crl *c, struct certshow__tlv *tl)
{
	struct certshow__der d, x, ad;
	struct certshow__tlv t, seq, alg, ao;
	unsigned unused;

	certshow__der_init(&d, c->der, c->len);
	if (certshow__der_expect(&d, &seq, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0 || certshow__der_done(&d) != 0) {
		return "not a DER CertificateList";
	}
	certshow__der_enter(&x, &seq, c->der);
	if (certshow__der_expect(&x, tl, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0) {
		return "malformed TBSCertList";
	}
	c->tbs = tl->hdr;
	c->tbs_len = tl->hdr_len + tl->len;
	if (certshow__der_expect(&x, &alg, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0 ||
	    certshow__der_expect(&x, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_BIT_STRING, false) != 0 ||
	    certshow__der_done(&x) != 0) {
		return "malformed signature";
	}
	c->sig_alg = alg.hdr;
	c->sig_alg_len = alg.hdr_len + alg.len;
	certshow__der_enter(&ad, &alg, c->der);
	if (certshow__der_expect(&ad, &ao, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_OID, false) != 0 ||
	    certshow__der_oid_str(ao.val, ao.len, c->sig_oid,
	    sizeof(c->sig_oid)) < 0) {
		return "malformed signature algorithm";
	}
	if (certshow__der_bitstring(&t, &c->sig, &c->sig_len,
	    &unused) != 0) {
		return "malformed signature";
	}
	if (unused != 0) {
		set_unusable(c, "has a signature that is not a whole number "
		    "of octets");
	}
	return NULL;
}

/* The issuer name from tbs into c, normalized and hashed; NULL or what
 * is wrong. */
static const char *
read_issuer(struct certshow__crl *c, struct certshow__der *tbs)
{
	struct certshow__tlv t;

	if (certshow__der_expect(tbs, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0) {
		return "malformed issuer";
	}
	c->issuer = t.hdr;
	c->issuer_len = t.hdr_len + t.len;
	c->issuer_norm = certshow__name_norm(c->issuer, c->issuer_len,
	    &c->issuer_norm_len);
	if (c->issuer_norm == NULL) {
		return "malformed issuer name";
	}
	c->issuer_hash = certshow__hash(c->issuer_norm, c->issuer_norm_len);
	return NULL;
}

/* Walk CertificateList (RFC 5280 5.1). Structural errors return a
 * message; problems that only make the CRL unusable go to c->unusable. */
static const char *
parse_crl(struct certshow__crl *c)
{
	struct certshow__der tbs;
	struct certshow__tlv t, tl, ents;
	const char *why;
	bool has_ents;
	int64_t ver = 0;
	int rv;

	c->idp_reasons = CERTSHOW__REASONS_ALL;
	why = parse_crl_outer(c, &tl);
	if (why != NULL) {
		return why;
	}
	certshow__der_enter(&tbs, &tl, c->der);
	rv = certshow__der_optional(&tbs, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_INTEGER, false);
	if (rv < 0 || (rv == 1 && (certshow__der_int64(&t, &ver) != 0 ||
	    ver != 1))) {
		return "unknown CRL version";
	}
	c->version = rv == 1 ? 2 : 1;
	if (certshow__der_expect(&tbs, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0 || t.hdr_len + t.len !=
	    c->sig_alg_len || memcmp(t.hdr, c->sig_alg, c->sig_alg_len) != 0) {
		/* RFC 5280 5.1.1.2: the same algorithm inside and out. */
		return "different signature algorithms inside and outside "
		    "the signed part";
	}
	why = read_issuer(c, &tbs);
	if (why != NULL) {
		return why;
	}
	if (read_time(&tbs, &c->this_update, false) != 1) {
		return "malformed thisUpdate";
	}
	rv = read_time(&tbs, &c->next_update, true);
	if (rv < 0) {
		return "malformed nextUpdate";
	}
	c->has_next = rv == 1;
	rv = certshow__der_optional(&tbs, &ents, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true);
	if (rv < 0) {
		return "malformed revokedCertificates";
	}
	has_ents = rv == 1;
	rv = certshow__der_optional(&tbs, &t, CERTSHOW__CLASS_CONTEXT, 0,
	    true);
	if (rv < 0) {
		return "malformed crlExtensions";
	}
	/* The CRL extensions first: entries need to know the version and
	 * nothing else of them. */
	if (rv == 1) {
		why = read_crl_exts(c, &t);
		if (why != NULL) {
			return why;
		}
	}
	if (certshow__der_done(&tbs) != 0) {
		return "data after crlExtensions";
	}
	if (has_ents) {
		why = read_entries(c, &ents);
		if (why != NULL) {
			return why;
		}
	}
	if (c->number == NULL) {
		/* RFC 5280 5.2.3: conforming CRL issuers MUST include it. */
		set_unusable(c, "has no cRLNumber (RFC 5280 5.2.3)");
	}
	return NULL;
}

/* Add one DER CRL (copied). */
static int
add_crl(struct certshow_ctx *ctx, struct certshow_crls *crls,
    const uint8_t *der, size_t len, const char *name, size_t index,
    bool label)
{
	struct certshow__crl *c, *nv;
	const char *why;
	char num[32];
	size_t nlen;
	int rv;

	if (crls->n == crls->cap) {
		nv = certshow__grow(crls->v, &crls->cap,
		    crls->n + 1, sizeof(*nv), 8);
		if (nv == NULL) {
			return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
			    "out of memory loading CRLs");
		}
		crls->v = nv;
	}
	c = &crls->v[crls->n];
	memset(c, 0, sizeof(*c));
	c->der = malloc(len > 0 ? len : 1);
	if (c->der != NULL) {
		memcpy(c->der, der, len);
		c->len = len;
	}
	if (label) {
		snprintf(num, sizeof(num), " #%zu", index + 1);
	} else {
		num[0] = '\0';
	}
	nlen = strlen(name) + strlen(num) + 1;
	c->name = malloc(nlen);
	if (c->der == NULL || c->name == NULL) {
		crl_clear(c);
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory loading CRLs");
	}
	snprintf(c->name, nlen, "%s%s", name, num);
	why = parse_crl(c);
	if (why != NULL) {
		rv = certshow__set_error(ctx, strcmp(why, "out of memory") == 0 ?
		    CERTSHOW_E_NOMEM : CERTSHOW_E_PARSE, "%s: %s", c->name,
		    why);
		crl_clear(c);
		return rv;
	}
	crls->n++;
	return 0;
}

int
certshow_crls_add_mem(struct certshow_ctx *ctx, struct certshow_crls *crls,
    const uint8_t *data, size_t len, const char *name)
{
	struct certshow__pem_iter it;
	struct certshow__pem_block b;
	size_t count = 0;
	int rv, pass;

	if (crls == NULL || (data == NULL && len > 0)) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_crls_add_mem: NULL argument");
	}
	if (name == NULL) {
		name = "(memory)";
	}
	if (len > certshow_ctx_get_limit(ctx, CERTSHOW_LIMIT_INPUT_SIZE)) {
		return certshow__set_error(ctx, CERTSHOW_E_LIMIT,
		    "%s: larger than the input size limit", name);
	}
	if (len == 0 || certshow__pem_find(data, data + len,
	    "-----BEGIN X509 CRL-----") == NULL) {
		if (len == 0 || data[0] != 0x30) {
			return certshow__set_error(ctx, CERTSHOW_E_PARSE,
			    "%s: not a PEM or DER CRL", name);
		}
		return add_crl(ctx, crls, data, len, name, 0, false);
	}
	/* PEM "X509 CRL" blocks (RFC 7468 section 6) through pem.c's strict
	 * block reader: the first pass checks every block and counts them
	 * (a file of several names each "FILE #N"), the second adds them. */
	for (pass = 0; pass < 2; pass++) {
		certshow__pem_iter_init(&it, data, len, name, "X509 CRL", "CRL",
		    true);
		while ((rv = certshow__pem_next_block(ctx, &it, &b)) == 1) {
			if (pass == 0) {
				count++;
				continue;
			}
			rv = add_crl(ctx, crls, b.der, b.der_len, name,
			    b.index, count > 1);
			if (rv < 0) {
				break;
			}
		}
		certshow__pem_iter_free(&it);
		if (rv < 0) {
			return rv;
		}
		if (count == 0) {
			return certshow__set_error(ctx, CERTSHOW_E_PARSE,
			    "%s: no X509 CRL PEM block (a BEGIN inside a line "
			    "is not one)", name);
		}
	}
	return 0;
}

int
certshow_crls_add_file(struct certshow_ctx *ctx, struct certshow_crls *crls,
    const char *path)
{
	uint8_t *buf;
	size_t len;
	int rv;

	if (crls == NULL || path == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_crls_add_file: NULL argument");
	}
	rv = certshow__read_file(ctx, path,
	    certshow_ctx_get_limit(ctx, CERTSHOW_LIMIT_INPUT_SIZE), &buf, &len);
	if (rv != 0) {
		return rv;
	}
	rv = certshow_crls_add_mem(ctx, crls, buf, len, path);
	free(buf);
	return rv;
}

/* RSASSA-PSS-params hashAlgorithm [0] (SHA-1 when absent). */
static gnutls_digest_algorithm_t
pss_hash(const struct certshow__crl *c)
{
	static const struct {
		const char *oid;
		gnutls_digest_algorithm_t dig;
	} tab[] = {
		{ "2.16.840.1.101.3.4.2.1", GNUTLS_DIG_SHA256 },
		{ "2.16.840.1.101.3.4.2.2", GNUTLS_DIG_SHA384 },
		{ "2.16.840.1.101.3.4.2.3", GNUTLS_DIG_SHA512 },
	};
	struct certshow__der d, x, h, a;
	struct certshow__tlv t, seq, ha, o;
	char oid[64];
	size_t i;

	certshow__der_init(&d, c->sig_alg, c->sig_alg_len);
	if (certshow__der_expect(&d, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0) {
		return GNUTLS_DIG_UNKNOWN;
	}
	certshow__der_enter(&x, &t, c->sig_alg);
	if (certshow__der_expect(&x, &o, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_OID, false) != 0 ||
	    certshow__der_expect(&x, &seq, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0) {
		return GNUTLS_DIG_UNKNOWN;
	}
	certshow__der_enter(&h, &seq, c->sig_alg);
	if (certshow__der_optional(&h, &t, CERTSHOW__CLASS_CONTEXT, 0,
	    true) != 1) {
		return GNUTLS_DIG_SHA1;
	}
	certshow__der_enter(&a, &t, c->sig_alg);
	if (certshow__der_expect(&a, &ha, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0) {
		return GNUTLS_DIG_UNKNOWN;
	}
	certshow__der_enter(&x, &ha, c->sig_alg);
	if (certshow__der_expect(&x, &o, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_OID, false) != 0 ||
	    certshow__der_oid_str(o.val, o.len, oid, sizeof(oid)) < 0) {
		return GNUTLS_DIG_UNKNOWN;
	}
	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
		if (strcmp(tab[i].oid, oid) == 0) {
			return tab[i].dig;
		}
	}
	return GNUTLS_DIG_UNKNOWN;
}

bool
certshow__crl_verify_sig(const struct certshow__crl *c,
    const struct certshow_cert *issuer)
{
	gnutls_pubkey_t pk;
	gnutls_datum_t d, data, sig;
	gnutls_sign_algorithm_t algo;
	gnutls_digest_algorithm_t dig = GNUTLS_DIG_UNKNOWN;
	unsigned bits;
	int pka, rv;

	if (strcmp(c->sig_oid, OID_RSA_PSS) == 0) {
		dig = pss_hash(c);
		algo = dig == GNUTLS_DIG_UNKNOWN ? GNUTLS_SIGN_UNKNOWN :
		    gnutls_pk_to_sign(GNUTLS_PK_RSA_PSS, dig);
	} else {
		algo = gnutls_oid_to_sign(c->sig_oid);
	}
	if (algo == GNUTLS_SIGN_UNKNOWN || gnutls_pubkey_init(&pk) < 0) {
		return false;
	}
	d.data = (unsigned char *)(uintptr_t)issuer->spki;
	d.size = (unsigned)issuer->spki_len;
	if (gnutls_pubkey_import(pk, &d, GNUTLS_X509_FMT_DER) < 0) {
		gnutls_pubkey_deinit(pk);
		return false;
	}
	/* RSASSA-PSS under an rsaEncryption key: the RSAE variants
	 * (salt length = hash length, as GnuTLS assumes). */
	pka = gnutls_pubkey_get_pk_algorithm(pk, &bits);
	if (pka == GNUTLS_PK_RSA && dig != GNUTLS_DIG_UNKNOWN) {
		switch (dig) {
		case GNUTLS_DIG_SHA256:
			algo = GNUTLS_SIGN_RSA_PSS_RSAE_SHA256;
			break;
		case GNUTLS_DIG_SHA384:
			algo = GNUTLS_SIGN_RSA_PSS_RSAE_SHA384;
			break;
		case GNUTLS_DIG_SHA512:
			algo = GNUTLS_SIGN_RSA_PSS_RSAE_SHA512;
			break;
		default:
			gnutls_pubkey_deinit(pk);
			return false;
		}
	}
	data.data = (unsigned char *)(uintptr_t)c->tbs;
	data.size = (unsigned)c->tbs_len;
	sig.data = (unsigned char *)(uintptr_t)c->sig;
	sig.size = (unsigned)c->sig_len;
	/* Algorithm policy is the profile's (verify.c), not GnuTLS's. */
	rv = gnutls_pubkey_verify_data2(pk, algo, GNUTLS_VERIFY_ALLOW_BROKEN |
	    GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1, &data, &sig);
	gnutls_pubkey_deinit(pk);
	return rv >= 0;
}

/* ------------------------------------------------------------------ */
/* Distribution point names (RFC 5280 4.2.1.13, 5.2.5)                  */
/* ------------------------------------------------------------------ */

#define MAX_NAMES 16
#define MAX_DPS 8

/* A set of GeneralNames, directoryNames normalized. */
struct gnames {
	size_t n;
	struct {
		unsigned tag;
		uint8_t *v;              /* owned */
		size_t len;
	} v[MAX_NAMES];
};

static void
gnames_free(struct gnames *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		free(g->v[i].v);
	}
	g->n = 0;
}

static int
gnames_push(struct gnames *g, unsigned tag, uint8_t *v, size_t len)
{
	if (v == NULL) {
		return -1;
	}
	if (g->n == MAX_NAMES) {
		free(v);
		return 0;
	}
	g->v[g->n].tag = tag;
	g->v[g->n].v = v;
	g->v[g->n].len = len;
	g->n++;
	return 0;
}

static uint8_t *
dup_bytes(const uint8_t *p, size_t len)
{
	uint8_t *v = malloc(len > 0 ? len : 1);

	if (v != NULL && len > 0) {
		memcpy(v, p, len);
	}
	return v;
}

/* GeneralNames contents [p, p+len). */
static int
gnames_read(struct gnames *g, const uint8_t *p, size_t len)
{
	struct certshow__der d, in;
	struct certshow__tlv t, name;
	uint8_t *norm;
	size_t nlen;

	certshow__der_init(&d, p, len);
	while (certshow__der_more(&d)) {
		if (certshow__der_next(&d, &t) != 0 ||
		    t.cls != CERTSHOW__CLASS_CONTEXT) {
			return -1;
		}
		if (t.tag == 4) {
			certshow__der_enter(&in, &t, p);
			if (certshow__der_expect(&in, &name,
			    CERTSHOW__CLASS_UNIVERSAL, CERTSHOW__TAG_SEQUENCE,
			    true) != 0) {
				return -1;
			}
			norm = certshow__name_norm(name.hdr,
			    name.hdr_len + name.len, &nlen);
			if (gnames_push(g, 4, norm, nlen) != 0) {
				return -1;
			}
		} else if (gnames_push(g, t.tag, dup_bytes(t.val, t.len),
		    t.len) != 0) {
			return -1;
		}
	}
	return 0;
}

/* A Name TLV with one more RDN (SET TLV) at its end, normalized. */
static int
name_plus_rdn(struct gnames *g, const uint8_t *name, size_t name_len,
    const struct certshow__tlv *rdn)
{
	struct certshow__der d;
	struct certshow__tlv t;
	uint8_t *buf, *norm;
	size_t clen, hl = 0, nlen;

	certshow__der_init(&d, name, name_len);
	if (certshow__der_expect(&d, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0) {
		return -1;
	}
	clen = t.len + rdn->hdr_len + rdn->len;
	buf = malloc(clen + 8);
	if (buf == NULL) {
		return -1;
	}
	buf[hl++] = 0x30;
	if (clen < 0x80) {
		buf[hl++] = (uint8_t)clen;
	} else if (clen < 0x100) {
		buf[hl++] = 0x81;
		buf[hl++] = (uint8_t)clen;
	} else if (clen < 0x10000) {
		buf[hl++] = 0x82;
		buf[hl++] = (uint8_t)(clen >> 8);
		buf[hl++] = (uint8_t)clen;
	} else {
		free(buf);
		return -1;
	}
	memcpy(buf + hl, t.val, t.len);
	/* the RDN as a SET (it is [1] IMPLICIT in the DistributionPoint) */
	memcpy(buf + hl + t.len, rdn->hdr, rdn->hdr_len + rdn->len);
	buf[hl + t.len] = 0x31;
	norm = certshow__name_norm(buf, hl + clen, &nlen);
	free(buf);
	return gnames_push(g, 4, norm, nlen);
}

/* DistributionPointName TLV ([0] fullName or [1] a relative name
 * appended to `base`, a Name TLV). */
static int
dpname_read(struct gnames *g, const uint8_t *p, size_t len,
    const uint8_t *base, size_t base_len)
{
	struct certshow__der d;
	struct certshow__tlv t;

	certshow__der_init(&d, p, len);
	if (certshow__der_next(&d, &t) != 0 ||
	    t.cls != CERTSHOW__CLASS_CONTEXT || !t.constructed) {
		return -1;
	}
	if (t.tag == 0) {
		return gnames_read(g, t.val, t.len);
	}
	if (t.tag == 1 && base != NULL) {
		return name_plus_rdn(g, base, base_len, &t);
	}
	return -1;
}

static bool
gnames_meet(const struct gnames *a, const struct gnames *b)
{
	size_t i, j;

	for (i = 0; i < a->n; i++) {
		for (j = 0; j < b->n; j++) {
			if (a->v[i].tag == b->v[j].tag &&
			    a->v[i].len == b->v[j].len &&
			    memcmp(a->v[i].v, b->v[j].v, a->v[i].len) == 0) {
				return true;
			}
		}
	}
	return false;
}

static bool
gnames_has_dn(const struct gnames *g, const uint8_t *norm, size_t len)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		if (g->v[i].tag == 4 && g->v[i].len == len &&
		    memcmp(g->v[i].v, norm, len) == 0) {
			return true;
		}
	}
	return false;
}

/* One DistributionPoint of the certificate. */
struct dpoint {
	bool has_name, has_crl_issuer;
	struct gnames name, crl_issuer;
	unsigned reasons;
};

static void
dps_free(struct dpoint *dp, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		gnames_free(&dp[i].name);
		gnames_free(&dp[i].crl_issuer);
	}
}

/* The first directoryName of a cRLIssuer's GeneralNames (iss), the base
 * of a relative distribution point name: *base stays NULL without one.
 * Returns 0, or -1 when malformed. */
static int
dp_issuer_base(const struct certshow__tlv *iss, const uint8_t **base,
    size_t *base_len)
{
	struct certshow__der g, gi;
	struct certshow__tlv gt, gn;

	*base = NULL;
	certshow__der_init(&g, iss->val, iss->len);
	while (certshow__der_more(&g) && *base == NULL) {
		if (certshow__der_next(&g, &gt) != 0) {
			return -1;
		}
		if (gt.tag != 4) {
			continue;
		}
		certshow__der_enter(&gi, &gt, iss->val);
		if (certshow__der_next(&gi, &gn) != 0) {
			return -1;
		}
		*base = gn.hdr;
		*base_len = gn.hdr_len + gn.len;
	}
	return 0;
}

/* One DistributionPoint (the SEQUENCE t inside the extension value
 * `value`) into p, already zeroed. Returns 0, or -1 when malformed or
 * out of memory (p may hold names to free). */
static int
dp_read(const struct certshow_cert *c, const uint8_t *value,
    const struct certshow__tlv *t, struct dpoint *p)
{
	struct certshow__der y;
	struct certshow__tlv r, name, iss, in;
	const unsigned cls = CERTSHOW__CLASS_CONTEXT;
	const uint8_t *base;
	size_t base_len;
	bool has_dpn;

	certshow__der_enter(&y, t, value);
	/* [0] distributionPoint, [1] reasons, [2] cRLIssuer */
	has_dpn = certshow__der_optional(&y, &name, cls, 0, true) == 1;
	if (certshow__der_optional(&y, &r, cls, 1, false) == 1) {
		if (read_reasons(&r, &p->reasons) != 0) {
			return -1;
		}
		p->reasons &= CERTSHOW__REASONS_ALL;
	}
	if (certshow__der_optional(&y, &iss, cls, 2, true) == 1) {
		p->has_crl_issuer = true;
		if (gnames_read(&p->crl_issuer, iss.val, iss.len) != 0) {
			return -1;
		}
	}
	if (!has_dpn) {
		return 0;
	}
	/* relative names are relative to the cRLIssuer when present, else
	 * to the certificate issuer */
	base = c->issuer.der;
	base_len = c->issuer.der_len;
	if (p->has_crl_issuer && dp_issuer_base(&iss, &base, &base_len) != 0) {
		return -1;
	}
	p->has_name = true;
	certshow__der_init(&y, name.val, name.len);
	if (certshow__der_next(&y, &in) != 0 ||
	    dpname_read(&p->name, in.hdr, in.hdr_len + in.len, base,
		base_len) != 0) {
		return -1;
	}
	return 0;
}

/* cRLDistributionPoints of `c` into dp[]; returns the count, or -1 when
 * malformed or out of memory. */
static int
dps_read(const struct certshow_cert *c, struct dpoint *dp)
{
	struct certshow__der d, x;
	struct certshow__tlv seq, t;
	const struct certshow__ext *ext = NULL;
	size_t i;
	int n = 0;

	for (i = 0; i < c->n_ext; i++) {
		if (c->ext[i].id == CERTSHOW__EXT_CRLDP) {
			ext = &c->ext[i];
		}
	}
	if (ext == NULL) {
		return 0;
	}
	certshow__der_init(&d, ext->value, ext->len);
	if (certshow__der_expect(&d, &seq, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0) {
		return -1;
	}
	certshow__der_enter(&x, &seq, ext->value);
	while (certshow__der_more(&x) && n < MAX_DPS) {
		struct dpoint *p = &dp[n];

		memset(p, 0, sizeof(*p));
		p->reasons = CERTSHOW__REASONS_ALL;
		n++;
		if (certshow__der_expect(&x, &t, CERTSHOW__CLASS_UNIVERSAL,
			CERTSHOW__TAG_SEQUENCE, true) != 0 ||
		    dp_read(c, ext->value, &t, p) != 0) {
			dps_free(dp, (size_t)n);
			return -1;
		}
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* Revocation status (RFC 5280 6.3.3)                                   */
/* ------------------------------------------------------------------ */

/* The entry for (issuer, serial) of `c`, or NULL. */
static const struct certshow__crl_entry *
crl_lookup(const struct certshow__crl *c, const struct certshow__crl_query *q)
{
	const struct certshow_cert *x = q->cert;
	size_t lo = 0, hi = c->n_entries, mid, i;
	int r;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		r = serial_cmp(c->entries[mid].serial,
		    c->entries[mid].serial_len, x->serial, x->serial_len);
		if (r < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	for (i = lo; i < c->n_entries && serial_cmp(c->entries[i].serial,
	    c->entries[i].serial_len, x->serial, x->serial_len) == 0; i++) {
		if (c->entries[i].issuer_norm_len == q->issuer_norm_len &&
		    memcmp(c->entries[i].issuer_norm, q->issuer_norm,
		    q->issuer_norm_len) == 0) {
			return &c->entries[i];
		}
	}
	return NULL;
}

static bool
same_name(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	return alen == blen && memcmp(a, b, alen) == 0;
}

/* Current at the verification time (6.3.3 (a)); writes why not. */
static bool
crl_current(const struct certshow__crl *c, int64_t now, char *why,
    size_t size)
{
	if (now < c->this_update) {
		snprintf(why, size, "the CRL %s is not valid yet (thisUpdate)",
		    c->name);
		return false;
	}
	if (c->has_next && now > c->next_update) {
		snprintf(why, size, "the CRL %s is out of date (nextUpdate "
		    "has passed)", c->name);
		return false;
	}
	return true;
}

/* Issuer and scope of complete or delta CRL `c` for the certificate
 * (6.3.3 (b)): the reasons it covers, or 0 when it does not apply. */
static unsigned
crl_scope(const struct certshow__crl *c, const struct certshow__crl_query *q,
    const struct dpoint *dp, int ndp)
{
	const struct certshow_cert *x = q->cert;
	bool issuer_ok, ca = x->has_bc && x->bc_ca;
	struct gnames idp;
	unsigned reasons = 0;
	int i;

	issuer_ok = same_name(c->issuer_norm, c->issuer_norm_len,
	    q->issuer_norm, q->issuer_norm_len);
	if (c->only_attr || (ca && c->only_user) || (!ca && c->only_ca)) {
		return 0;
	}
	memset(&idp, 0, sizeof(idp));
	if (c->idp_dp != NULL && dpname_read(&idp, c->idp_dp, c->idp_dp_len,
	    c->issuer, c->issuer_len) != 0) {
		gnames_free(&idp);
		return 0;
	}
	for (i = 0; i < ndp && reasons == 0; i++) {
		/* (b)(1): a cRLIssuer names the CRL issuer, which then
		 * issues an indirect CRL; else the certificate issuer
		 * issues the CRL. */
		if (dp[i].has_crl_issuer) {
			if (!c->indirect || !gnames_has_dn(&dp[i].crl_issuer,
			    c->issuer_norm, c->issuer_norm_len)) {
				continue;
			}
		} else if (!issuer_ok) {
			continue;
		}
		/* (b)(2)(i): names of the IDP against the DP's name, or
		 * against its cRLIssuer when it has no name. */
		if (c->idp_dp != NULL && (dp[i].has_name ?
		    !gnames_meet(&idp, &dp[i].name) :
		    dp[i].has_crl_issuer ? !gnames_meet(&idp,
		    &dp[i].crl_issuer) : false)) {
			continue;
		}
		reasons = c->idp_reasons & dp[i].reasons;
		if (reasons == 0) {
			/* a DP whose reasons the CRL does not cover */
			continue;
		}
	}
	if (reasons == 0 && i == ndp && issuer_ok && c->idp_dp == NULL) {
		/* No matching distribution point: the certificate issuer's
		 * own CRL, when it does not name a distribution point. */
		reasons = c->idp_reasons;
	}
	gnames_free(&idp);
	return reasons;
}

/* Delta CRL `d` applies to complete CRL `c` (RFC 5280 5.2.4, 6.3.3 (c)):
 * same issuer and scope, based on a CRL no newer than `c`, newer than
 * it. */
static bool
delta_of(const struct certshow__crl *d, const struct certshow__crl *c)
{
	if (d->base == NULL || c->base != NULL || c->number == NULL ||
	    d->number == NULL) {
		return false;
	}
	if (!same_name(d->issuer_norm, d->issuer_norm_len, c->issuer_norm,
	    c->issuer_norm_len)) {
		return false;
	}
	if ((d->idp == NULL) != (c->idp == NULL) || (d->idp != NULL &&
	    !same_name(d->idp, d->idp_len, c->idp, c->idp_len))) {
		return false;
	}
	if ((d->aki == NULL) != (c->aki == NULL) || (d->aki != NULL &&
	    !same_name(d->aki, d->aki_len, c->aki, c->aki_len))) {
		return false;
	}
	return int_cmp(d->base, d->base_len, c->number, c->number_len) <= 0 &&
	    int_cmp(d->number, d->number_len, c->number, c->number_len) > 0;
}

static void
note(char *first, size_t size, const char *why)
{
	if (first[0] == '\0') {
		snprintf(first, size, "%s", why);
	}
}

/* The newest usable delta CRL of complete CRL c, NULL when none. */
static const struct certshow__crl *
newest_delta(const struct certshow_crls *crls, const struct certshow__crl *c,
    const struct certshow__crl_query *q)
{
	const struct certshow__crl *d, *delta = NULL;
	char why[300];
	size_t j;

	for (j = 0; j < crls->n; j++) {
		d = &crls->v[j];
		if (!delta_of(d, c) || d->unusable[0] != '\0' ||
		    (delta != NULL && int_cmp(d->number,
		    d->number_len, delta->number,
		    delta->number_len) <= 0) ||
		    !crl_current(d, q->now, why, sizeof(why)) ||
		    !q->signer(q->arg, j, why, sizeof(why))) {
			continue;
		}
		delta = d;
	}
	return delta;
}

int
certshow__crl_check(const struct certshow_crls *crls,
    const struct certshow__crl_query *q, struct certshow__crl_answer *a)
{
	struct dpoint dp[MAX_DPS];
	const struct certshow__crl *c, *delta;
	const struct certshow__crl_entry *ent;
	char why[300];
	unsigned mask = 0, interim;
	size_t k;
	int ndp;

	memset(a, 0, sizeof(*a));
	a->status = CERTSHOW__CRL_UNKNOWN;
	ndp = dps_read(q->cert, dp);
	if (ndp < 0) {
		snprintf(a->why, sizeof(a->why), "its cRLDistributionPoints "
		    "cannot be read");
		return 0;
	}
	for (k = 0; k < crls->n && mask != CERTSHOW__REASONS_ALL; k++) {
		c = &crls->v[k];
		if (c->base != NULL) {
			continue; /* deltas are applied with their base */
		}
		interim = crl_scope(c, q, dp, ndp);
		if (interim == 0) {
			continue;
		}
		if ((interim & ~mask) == 0) {
			continue; /* (e): nothing new */
		}
		if (c->unusable[0] != '\0') {
			snprintf(why, sizeof(why), "the CRL %s %s", c->name,
			    c->unusable);
			note(a->why, sizeof(a->why), why);
			continue;
		}
		if (!crl_current(c, q->now, why, sizeof(why))) {
			note(a->why, sizeof(a->why), why);
			continue;
		}
		if (!q->signer(q->arg, k, why, sizeof(why))) {
			note(a->why, sizeof(a->why), why);
			continue;
		}
		delta = newest_delta(crls, c, q);
		/* (i)-(k): the delta first, then the complete CRL;
		 * removeFromCRL means not revoked. */
		ent = NULL;
		if (delta != NULL) {
			ent = crl_lookup(delta, q);
			a->delta = ent != NULL;
		}
		if (ent == NULL) {
			ent = crl_lookup(c, q);
		}
		if (ent != NULL && ent->reason != 8) {
			a->status = CERTSHOW__CRL_REVOKED;
			a->crl = a->delta ? delta : c;
			a->entry = ent;
			dps_free(dp, (size_t)ndp);
			return 0;
		}
		a->delta = false;
		mask |= interim;
	}
	dps_free(dp, (size_t)ndp);
	if (mask == CERTSHOW__REASONS_ALL) {
		a->status = CERTSHOW__CRL_GOOD;
		a->why[0] = '\0';
		return 0;
	}
	if (a->why[0] == '\0') {
		snprintf(a->why, sizeof(a->why), mask == 0 ? "no CRL given "
		    "covers it" : "the CRLs given cover only some revocation "
		    "reasons");
	}
	return 0;
}
