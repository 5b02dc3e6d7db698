/*
 * crl.c - certificate revocation lists (RFC 5280 section 5).
 *
 * GnuTLS imports each CRL (PEM "X509 CRL" blocks or DER) and gives its
 * signature algorithm; our DER reader then walks the CertificateList for
 * what GnuTLS does not expose: the TBSCertList bytes the signature covers,
 * the entries' reason codes and the criticality of every extension. A
 * set is immutable once loaded and may be shared by threads. Checking a
 * certificate against the set is verify.c's job (check_revocation()).
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

/* CRL extensions that carry no constraint we must honour when they are
 * critical; any other critical one makes the CRL unusable (RFC 5280 5.2:
 * "MUST NOT use that CRL to determine the status of certificates"). */
static const char *const crl_known_ext[] = {
	"2.5.29.35",          /* authorityKeyIdentifier */
	"2.5.29.18",          /* issuerAltName */
	"2.5.29.20",          /* cRLNumber (checked below) */
	"2.5.29.28",          /* issuingDistributionPoint (scope below) */
	"2.5.29.46",          /* freshestCRL */
	"1.3.6.1.5.5.7.1.1",  /* authorityInfoAccess */
};

/* Entry extensions: reasonCode, invalidityDate, holdInstructionCode.
 * certificateIssuer (indirect CRLs) is not supported. */
static const char *const entry_known_ext[] = {
	"2.5.29.21",
	"2.5.29.24",
	"2.5.29.23",
};

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
entry_cmp(const void *a, const void *b)
{
	const struct certshow__crl_entry *x = a, *y = b;
	size_t n = x->serial_len < y->serial_len ? x->serial_len :
	    y->serial_len;
	int r = memcmp(x->serial, y->serial, n);

	if (r != 0) {
		return r;
	}
	return x->serial_len < y->serial_len ? -1 :
	    x->serial_len > y->serial_len;
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

/* issuingDistributionPoint (RFC 5280 5.2.5): the scope flags we honour;
 * the others make the CRL unusable. The distributionPoint name is not
 * compared with the certificate's cRLDistributionPoints. */
static const char *
read_idp(struct certshow__crl *c, const struct certshow__tlv *val)
{
	struct certshow__der d, x;
	struct certshow__tlv seq, t;
	bool b;

	certshow__der_init(&d, val->val, val->len);
	if (certshow__der_expect(&d, &seq, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0 || certshow__der_done(&d) != 0) {
		return "has a malformed issuingDistributionPoint";
	}
	certshow__der_enter(&x, &seq, val->val);
	while (certshow__der_more(&x)) {
		if (certshow__der_next(&x, &t) != 0 ||
		    t.cls != CERTSHOW__CLASS_CONTEXT) {
			return "has a malformed issuingDistributionPoint";
		}
		if (t.tag == 0) {
			continue;
		}
		/* [1]..[5] are IMPLICIT BOOLEAN (onlySomeReasons [3] is a
		 * BIT STRING). */
		if (t.tag == 3) {
			return "covers only some revocation reasons "
			    "(issuingDistributionPoint onlySomeReasons is not "
			    "supported)";
		}
		if (t.constructed || t.len != 1 || (t.val[0] != 0xff &&
		    t.val[0] != 0x00)) {
			return "has a malformed issuingDistributionPoint";
		}
		b = t.val[0] == 0xff;
		if (!b) {
			continue;
		}
		switch (t.tag) {
		case 1:
			c->scope = CERTSHOW__CRL_SCOPE_USER;
			break;
		case 2:
			c->scope = CERTSHOW__CRL_SCOPE_CA;
			break;
		case 4:
			return "is an indirect CRL (not supported)";
		case 5:
			return "covers only attribute certificates";
		default:
			return "has a malformed issuingDistributionPoint";
		}
	}
	return NULL;
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

/* Walk CertificateList (RFC 5280 5.1). Structural errors return a
 * message; problems that only make the CRL unusable go to c->unusable. */
static const char *
parse_crl(struct certshow__crl *c)
{
	struct certshow__der d, tbs, x, ents, ent, exts;
	struct certshow__tlv t, seq, tl, alg, v, e, ex;
	char oid[64];
	bool crit, has_number = false;
	size_t n = 0, cap = 0;
	int64_t ver = 0;
	int rv;

	certshow__der_init(&d, c->der, c->len);
	if (certshow__der_expect(&d, &seq, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0 || certshow__der_done(&d) != 0) {
		return "not a DER CertificateList";
	}
	certshow__der_enter(&x, &seq, c->der);
	if (certshow__der_expect(&x, &tl, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0) {
		return "malformed TBSCertList";
	}
	c->tbs = tl.hdr;
	c->tbs_len = tl.hdr_len + tl.len;
	if (certshow__der_expect(&x, &alg, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0 ||
	    certshow__der_expect(&x, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_BIT_STRING, false) != 0 ||
	    certshow__der_done(&x) != 0) {
		return "malformed signature";
	}
	c->sig_alg = alg.hdr;
	c->sig_alg_len = alg.hdr_len + alg.len;
	{
		struct certshow__der ad;
		struct certshow__tlv ao;

		certshow__der_enter(&ad, &alg, c->der);
		if (certshow__der_expect(&ad, &ao, CERTSHOW__CLASS_UNIVERSAL,
		    CERTSHOW__TAG_OID, false) != 0 ||
		    certshow__der_oid_str(ao.val, ao.len, c->sig_oid,
		    sizeof(c->sig_oid)) < 0) {
			return "malformed signature algorithm";
		}
	}
	{
		unsigned unused;

		if (certshow__der_bitstring(&t, &c->sig, &c->sig_len,
		    &unused) != 0 || unused != 0) {
			return "malformed signature";
		}
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
	if (certshow__der_expect(&tbs, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0) {
		return "malformed issuer";
	}
	c->issuer = t.hdr;
	c->issuer_len = t.hdr_len + t.len;
	if (read_time(&tbs, &c->this_update, false) != 1) {
		return "malformed thisUpdate";
	}
	rv = read_time(&tbs, &c->next_update, true);
	if (rv < 0) {
		return "malformed nextUpdate";
	}
	c->has_next = rv == 1;
	rv = certshow__der_optional(&tbs, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true);
	if (rv < 0) {
		return "malformed revokedCertificates";
	}
	if (rv == 1) {
		certshow__der_enter(&ents, &t, c->der);
		while (certshow__der_more(&ents)) {
			struct certshow__crl_entry *ne, *en;

			if (certshow__der_expect(&ents, &e,
			    CERTSHOW__CLASS_UNIVERSAL, CERTSHOW__TAG_SEQUENCE,
			    true) != 0) {
				return "malformed revoked certificate entry";
			}
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				ne = realloc(c->entries, cap * sizeof(*ne));
				if (ne == NULL) {
					return "out of memory";
				}
				c->entries = ne;
			}
			en = &c->entries[n];
			memset(en, 0, sizeof(*en));
			en->reason = -1;
			certshow__der_enter(&ent, &e, c->der);
			if (certshow__der_expect(&ent, &v,
			    CERTSHOW__CLASS_UNIVERSAL, CERTSHOW__TAG_INTEGER,
			    false) != 0 || certshow__der_int_check(&v,
			    NULL) != 0 || read_time(&ent, &en->date,
			    false) != 1) {
				return "malformed revoked certificate entry";
			}
			en->serial = v.val;
			en->serial_len = v.len;
			rv = certshow__der_optional(&ent, &ex,
			    CERTSHOW__CLASS_UNIVERSAL, CERTSHOW__TAG_SEQUENCE,
			    true);
			if (rv < 0 || certshow__der_done(&ent) != 0) {
				return "malformed revoked certificate entry";
			}
			if (rv == 1) {
				if (c->version != 2) {
					return "version 1 CRL with entry "
					    "extensions";
				}
				certshow__der_enter(&exts, &ex, c->der);
				while (certshow__der_more(&exts)) {
					if (read_ext(&exts, c->der, oid,
					    sizeof(oid), &crit, &v) != 0) {
						return "malformed entry "
						    "extension";
					}
					if (strcmp(oid, OID_REASON) == 0) {
						en->reason = read_reason(&v);
						if (en->reason == -2) {
							return "malformed "
							    "reasonCode";
						}
					} else if (strcmp(oid,
					    OID_CERT_ISSUER) == 0) {
						set_unusable(c, "is an indirect "
						    "CRL (certificateIssuer "
						    "entries are not "
						    "supported)");
					} else if (crit && !in_list(
					    entry_known_ext, sizeof(
					    entry_known_ext) / sizeof(
					    entry_known_ext[0]), oid)) {
						set_unusable(c, "has an entry with "
						    "an unknown critical "
						    "extension");
					}
				}
			}
			n++;
		}
		if (n == 0) {
			/* RFC 5280 5.1.2.6: absent when empty. */
			return "empty revokedCertificates";
		}
	}
	rv = certshow__der_optional(&tbs, &t, CERTSHOW__CLASS_CONTEXT, 0,
	    true);
	if (rv < 0) {
		return "malformed crlExtensions";
	}
	if (rv == 1) {
		if (c->version != 2) {
			return "version 1 CRL with extensions";
		}
		certshow__der_enter(&x, &t, c->der);
		if (certshow__der_expect(&x, &seq, CERTSHOW__CLASS_UNIVERSAL,
		    CERTSHOW__TAG_SEQUENCE, true) != 0 ||
		    certshow__der_done(&x) != 0 || seq.len == 0) {
			return "malformed crlExtensions";
		}
		certshow__der_enter(&exts, &seq, c->der);
		while (certshow__der_more(&exts)) {
			const char *why;

			if (read_ext(&exts, c->der, oid, sizeof(oid), &crit,
			    &v) != 0) {
				return "malformed CRL extension";
			}
			if (strcmp(oid, OID_CRL_NUMBER) == 0) {
				has_number = true;
				if (crit) {
					/* RFC 5280 5.2.3 */
					set_unusable(c, "has a critical "
					    "cRLNumber (RFC 5280 5.2.3)");
				}
			} else if (strcmp(oid, OID_AKI) == 0) {
				struct certshow__der a, ai;
				struct certshow__tlv as, kid;

				certshow__der_init(&a, v.val, v.len);
				if (certshow__der_expect(&a, &as,
				    CERTSHOW__CLASS_UNIVERSAL,
				    CERTSHOW__TAG_SEQUENCE, true) != 0) {
					return "malformed "
					    "authorityKeyIdentifier";
				}
				certshow__der_enter(&ai, &as, v.val);
				if (certshow__der_optional(&ai, &kid,
				    CERTSHOW__CLASS_CONTEXT, 0, false) == 1) {
					c->aki = kid.val;
					c->aki_len = kid.len;
				}
			} else if (strcmp(oid, OID_DELTA_CRL) == 0) {
				set_unusable(c, "is a delta CRL (not supported)");
			} else if (strcmp(oid, OID_IDP) == 0) {
				why = read_idp(c, &v);
				if (why != NULL) {
					set_unusable(c, "%s", why);
				}
			} else if (crit && !in_list(crl_known_ext,
			    sizeof(crl_known_ext) / sizeof(crl_known_ext[0]),
			    oid)) {
				set_unusable(c, "has an unknown critical "
				    "extension %s", oid);
			}
		}
	}
	if (certshow__der_done(&tbs) != 0) {
		return "data after crlExtensions";
	}
	if (!has_number) {
		/* RFC 5280 5.2.3: conforming CRL issuers MUST include it. */
		set_unusable(c, "has no cRLNumber (RFC 5280 5.2.3)");
	}
	c->n_entries = n;
	if (n > 1) {
		qsort(c->entries, n, sizeof(*c->entries), entry_cmp);
	}
	return NULL;
}

/* Add one DER CRL (copied) whose GnuTLS import succeeded. */
static int
add_crl(struct certshow_ctx *ctx, struct certshow_crls *crls,
    gnutls_x509_crl_t gc, const char *name, size_t index, size_t count)
{
	struct certshow__crl *c, *nv;
	gnutls_datum_t d;
	const char *why;
	char label[64];
	size_t cap, nlen;
	int rv, algo;

	if (crls->n == crls->cap) {
		cap = crls->cap ? crls->cap * 2 : 8;
		nv = realloc(crls->v, cap * sizeof(*nv));
		if (nv == NULL) {
			return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
			    "out of memory loading CRLs");
		}
		crls->v = nv;
		crls->cap = cap;
	}
	c = &crls->v[crls->n];
	memset(c, 0, sizeof(*c));
	rv = gnutls_x509_crl_export2(gc, GNUTLS_X509_FMT_DER, &d);
	if (rv < 0) {
		return certshow__set_error(ctx, CERTSHOW_E_PARSE,
		    "%s: CRL %zu: %s", name, index + 1, gnutls_strerror(rv));
	}
	c->der = malloc(d.size);
	if (c->der != NULL) {
		memcpy(c->der, d.data, d.size);
		c->len = d.size;
	}
	gnutls_free(d.data);
	if (count > 1) {
		snprintf(label, sizeof(label), " #%zu", index + 1);
	} else {
		label[0] = '\0';
	}
	nlen = strlen(name) + strlen(label) + 1;
	c->name = malloc(nlen);
	if (c->der == NULL || c->name == NULL) {
		crl_clear(c);
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory loading CRLs");
	}
	snprintf(c->name, nlen, "%s%s", name, label);
	algo = gnutls_x509_crl_get_signature_algorithm(gc);
	c->sign_algo = algo < 0 ? (int)GNUTLS_SIGN_UNKNOWN : algo;
	why = parse_crl(c);
	if (why == NULL) {
		c->issuer_norm = certshow__name_norm(c->issuer, c->issuer_len,
		    &c->issuer_norm_len);
		if (c->issuer_norm == NULL) {
			why = "malformed issuer name";
		}
	}
	if (why != NULL) {
		rv = certshow__set_error(ctx, strcmp(why, "out of memory") == 0 ?
		    CERTSHOW_E_NOMEM : CERTSHOW_E_PARSE, "%s: %s", c->name,
		    why);
		crl_clear(c);
		return rv;
	}
	c->issuer_hash = certshow__hash(c->issuer_norm, c->issuer_norm_len);
	crls->n++;
	return 0;
}

int
certshow_crls_add_mem(struct certshow_ctx *ctx, struct certshow_crls *crls,
    const uint8_t *data, size_t len, const char *name)
{
	static const char pem_begin[] = "-----BEGIN X509 CRL-----";
	gnutls_x509_crl_t *list = NULL, one;
	gnutls_datum_t in;
	unsigned n = 0, i;
	bool pem;
	int rv = 0;

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
	pem = len > 0 &&
	    certshow__pem_find(data, data + len, pem_begin) != NULL;
	in.data = (unsigned char *)(uintptr_t)data;
	in.size = (unsigned)len;
	if (pem) {
		rv = gnutls_x509_crl_list_import2(&list, &n, &in,
		    GNUTLS_X509_FMT_PEM, 0);
		if (rv < 0) {
			return certshow__set_error(ctx, CERTSHOW_E_PARSE,
			    "%s: not a PEM CRL: %s", name,
			    gnutls_strerror(rv));
		}
		rv = 0;
		for (i = 0; i < n; i++) {
			if (rv == 0) {
				rv = add_crl(ctx, crls, list[i], name, i, n);
			}
			gnutls_x509_crl_deinit(list[i]);
		}
		gnutls_free(list);
		return rv;
	}
	if (gnutls_x509_crl_init(&one) < 0) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	rv = gnutls_x509_crl_import(one, &in, GNUTLS_X509_FMT_DER);
	if (rv < 0) {
		gnutls_x509_crl_deinit(one);
		return certshow__set_error(ctx, CERTSHOW_E_PARSE,
		    "%s: not a PEM or DER CRL: %s", name, gnutls_strerror(rv));
	}
	rv = add_crl(ctx, crls, one, name, 0, 1);
	gnutls_x509_crl_deinit(one);
	return rv;
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

const struct certshow__crl_entry *
certshow__crl_find(const struct certshow__crl *c, const uint8_t *serial,
    size_t len)
{
	struct certshow__crl_entry key;

	if (c->n_entries == 0) {
		return NULL;
	}
	memset(&key, 0, sizeof(key));
	key.serial = serial;
	key.serial_len = len;
	return bsearch(&key, c->entries, c->n_entries, sizeof(key),
	    entry_cmp);
}

bool
certshow__crl_verify_sig(const struct certshow__crl *c,
    const struct certshow_cert *issuer)
{
	gnutls_pubkey_t pk;
	gnutls_datum_t d, data, sig;
	gnutls_sign_algorithm_t algo = (gnutls_sign_algorithm_t)c->sign_algo;
	unsigned bits;
	int pka, rv;

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
	if (pka == GNUTLS_PK_RSA && gnutls_sign_get_pk_algorithm(algo) ==
	    GNUTLS_PK_RSA_PSS) {
		switch (gnutls_sign_get_hash_algorithm(algo)) {
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
