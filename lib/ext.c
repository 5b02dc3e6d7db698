/*
 * ext.c - certificate extensions (RFC 5280 4.2): the list itself, one
 * decoder per known extension taking the raw extnValue, and the OID tables
 * for extension, signature and key algorithm names.
 *
 * A malformed value of a known extension does not stop the certificate
 * from loading: the raw extension stays listed, the decoded fields stay
 * empty and the problem is recorded (certshow_cert.problems, ext_error) so
 * that verification rejects the certificate. The problem recorder
 * (certshow__cert_problem) lives here, below cert.c, which uses it too.
 */
#include "internal.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
certshow__cert_problem(struct certshow_cert *c, unsigned bit, const char *fmt,
    ...)
{
	char buf[256];
	va_list ap;

	c->problems |= bit;
	if (c->ext_error != NULL) {
		return;
	}
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* On allocation failure the bit alone still records the problem. */
	c->ext_error = certshow__arena_strndup(&c->arena, buf, strlen(buf));
}

enum key_kind {
	KEY_OTHER = 0,
	KEY_RSA,
	KEY_EC,
	KEY_ED25519,
	KEY_ED448,
	KEY_DSA,
	KEY_X25519,
	KEY_X448,
	KEY_DH
};

static const struct certshow__oid ext_tab[] = {
	{ "\x55\x1D\x11", 3, "2.5.29.17",
	    "subjectAltName", NULL, CERTSHOW__EXT_SAN },
	{ "\x55\x1D\x13", 3, "2.5.29.19",
	    "basicConstraints", NULL, CERTSHOW__EXT_BC },
	{ "\x55\x1D\x0F", 3, "2.5.29.15", "keyUsage", NULL, CERTSHOW__EXT_KU },
	{ "\x55\x1D\x25", 3, "2.5.29.37",
	    "extendedKeyUsage", NULL, CERTSHOW__EXT_EKU },
	{ "\x55\x1D\x0E", 3, "2.5.29.14",
	    "subjectKeyIdentifier", NULL, CERTSHOW__EXT_SKI },
	{ "\x55\x1D\x23", 3, "2.5.29.35",
	    "authorityKeyIdentifier", NULL, CERTSHOW__EXT_AKI },
	{ "\x55\x1D\x20", 3, "2.5.29.32",
	    "certificatePolicies", NULL, CERTSHOW__EXT_POLICIES },
	{ "\x2B\x06\x01\x05\x05\x07\x01\x01", 8, "1.3.6.1.5.5.7.1.1",
	    "authorityInfoAccess", NULL, CERTSHOW__EXT_AIA },
	{ "\x55\x1D\x1F", 3, "2.5.29.31",
	    "crlDistributionPoints", NULL, CERTSHOW__EXT_CRLDP },
	{ "\x2B\x06\x01\x04\x01\xD6\x79\x02\x04\x02", 10, "1.3.6.1.4.1.11129.2.4.2",
	    "ct_precert_scts", NULL, CERTSHOW__EXT_SCT },
	{ "\x55\x1D\x1E", 3, "2.5.29.30",
	    "nameConstraints", NULL, CERTSHOW__EXT_NC },
	{ "\x2B\x06\x01\x05\x05\x07\x01\x18", 8, "1.3.6.1.5.5.7.1.24",
	    "tlsfeature", NULL, CERTSHOW__EXT_TLSFEATURE },
	{ "\x55\x1D\x12", 3, "2.5.29.18",
	    "issuerAltName", NULL, CERTSHOW__EXT_IAN },
	{ "\x55\x1D\x21", 3, "2.5.29.33",
	    "policyMappings", NULL, CERTSHOW__EXT_POLICY_MAPPINGS },
	{ "\x55\x1D\x24", 3, "2.5.29.36",
	    "policyConstraints", NULL, CERTSHOW__EXT_POLICY_CONSTRAINTS },
	{ "\x55\x1D\x36", 3, "2.5.29.54",
	    "inhibitAnyPolicy", NULL, CERTSHOW__EXT_INHIBIT_ANY },
	{ "\x55\x1D\x2E", 3, "2.5.29.46",
	    "freshestCRL", NULL, CERTSHOW__EXT_FRESHEST_CRL },
	{ "\x2B\x06\x01\x05\x05\x07\x01\x0B", 8, "1.3.6.1.5.5.7.1.11",
	    "subjectInfoAccess", NULL, CERTSHOW__EXT_SIA },
	{ "\x55\x1D\x09", 3, "2.5.29.9",
	    "subjectDirectoryAttributes", NULL, CERTSHOW__EXT_SUBJECT_DIR_ATTRS },
	{ "\x2B\x06\x01\x04\x01\xD6\x79\x02\x04\x03", 10, "1.3.6.1.4.1.11129.2.4.3",
	    "ct_precert_poison", NULL, CERTSHOW__EXT_CT_POISON },
	{ "\x55\x1D\x10", 3, "2.5.29.16",
	    "privateKeyUsagePeriod", NULL, CERTSHOW__EXT_OTHER_KNOWN },
	{ "\x2B\x06\x01\x05\x05\x07\x01\x03", 8, "1.3.6.1.5.5.7.1.3",
	    "qcStatements", NULL, CERTSHOW__EXT_OTHER_KNOWN },
	{ "\x2B\x06\x01\x05\x05\x07\x01\x02", 8, "1.3.6.1.5.5.7.1.2",
	    "biometricInfo", NULL, CERTSHOW__EXT_OTHER_KNOWN },
	{ "\x2B\x06\x01\x05\x05\x07\x30\x01\x05", 9, "1.3.6.1.5.5.7.48.1.5",
	    "noCheck", NULL, CERTSHOW__EXT_OTHER_KNOWN },
	{ "\x55\x1D\x38", 3, "2.5.29.56",
	    "noRevAvail", NULL, CERTSHOW__EXT_OTHER_KNOWN },
	{ "\x60\x86\x48\x01\x86\xF8\x42\x01\x01", 9, "2.16.840.1.113730.1.1",
	    "nsCertType", NULL, CERTSHOW__EXT_OTHER_KNOWN },
	{ "\x60\x86\x48\x01\x86\xF8\x42\x01\x0D", 9, "2.16.840.1.113730.1.13",
	    "nsComment", NULL, CERTSHOW__EXT_OTHER_KNOWN },
};

/* Signature algorithms: OpenSSL's names. */
static const struct certshow__oid sig_tab[] = {
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x01\x0B", 9, "1.2.840.113549.1.1.11",
	    "sha256WithRSAEncryption", NULL, 0 },
	{ "\x2A\x86\x48\xCE\x3D\x04\x03\x02", 8, "1.2.840.10045.4.3.2",
	    "ecdsa-with-SHA256", NULL, 0 },
	{ "\x2A\x86\x48\xCE\x3D\x04\x03\x03", 8, "1.2.840.10045.4.3.3",
	    "ecdsa-with-SHA384", NULL, 0 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x01\x0C", 9, "1.2.840.113549.1.1.12",
	    "sha384WithRSAEncryption", NULL, 0 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x01\x0D", 9, "1.2.840.113549.1.1.13",
	    "sha512WithRSAEncryption", NULL, 0 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x01\x0A", 9, "1.2.840.113549.1.1.10",
	    "RSASSA-PSS", NULL, 0 },
	{ "\x2B\x65\x70", 3, "1.3.101.112", "ED25519", NULL, 0 },
	{ "\x2B\x65\x71", 3, "1.3.101.113", "ED448", NULL, 0 },
	{ "\x2A\x86\x48\xCE\x3D\x04\x03\x04", 8, "1.2.840.10045.4.3.4",
	    "ecdsa-with-SHA512", NULL, 0 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x01\x05", 9, "1.2.840.113549.1.1.5",
	    "sha1WithRSAEncryption", NULL, 0 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x01\x0E", 9, "1.2.840.113549.1.1.14",
	    "sha224WithRSAEncryption", NULL, 0 },
	{ "\x2A\x86\x48\xCE\x3D\x04\x01", 7, "1.2.840.10045.4.1",
	    "ecdsa-with-SHA1", NULL, 0 },
	{ "\x2A\x86\x48\xCE\x3D\x04\x03\x01", 8, "1.2.840.10045.4.3.1",
	    "ecdsa-with-SHA224", NULL, 0 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x01\x04", 9, "1.2.840.113549.1.1.4",
	    "md5WithRSAEncryption", NULL, 0 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x01\x03", 9, "1.2.840.113549.1.1.3",
	    "md4WithRSAEncryption", NULL, 0 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x01\x02", 9, "1.2.840.113549.1.1.2",
	    "md2WithRSAEncryption", NULL, 0 },
	{ "\x2B\x0E\x03\x02\x1D", 5, "1.3.14.3.2.29", "sha1WithRSA", NULL, 0 },
	{ "\x2A\x86\x48\xCE\x38\x04\x03", 7, "1.2.840.10040.4.3",
	    "dsaWithSHA1", NULL, 0 },
	{ "\x60\x86\x48\x01\x65\x03\x04\x03\x01", 9, "2.16.840.1.101.3.4.3.1",
	    "dsa_with_SHA224", NULL, 0 },
	{ "\x60\x86\x48\x01\x65\x03\x04\x03\x02", 9, "2.16.840.1.101.3.4.3.2",
	    "dsa_with_SHA256", NULL, 0 },
	{ "\x60\x86\x48\x01\x65\x03\x04\x03\x03", 9, "2.16.840.1.101.3.4.3.3",
	    "dsa_with_SHA384", NULL, 0 },
	{ "\x60\x86\x48\x01\x65\x03\x04\x03\x04", 9, "2.16.840.1.101.3.4.3.4",
	    "dsa_with_SHA512", NULL, 0 },
	{ "\x60\x86\x48\x01\x65\x03\x04\x03\x09", 9, "2.16.840.1.101.3.4.3.9",
	    "ecdsa_with_SHA3-224", NULL, 0 },
	{ "\x60\x86\x48\x01\x65\x03\x04\x03\x0A", 9, "2.16.840.1.101.3.4.3.10",
	    "ecdsa_with_SHA3-256", NULL, 0 },
	{ "\x60\x86\x48\x01\x65\x03\x04\x03\x0B", 9, "2.16.840.1.101.3.4.3.11",
	    "ecdsa_with_SHA3-384", NULL, 0 },
	{ "\x60\x86\x48\x01\x65\x03\x04\x03\x0C", 9, "2.16.840.1.101.3.4.3.12",
	    "ecdsa_with_SHA3-512", NULL, 0 },
	{ "\x60\x86\x48\x01\x65\x03\x04\x03\x0D", 9, "2.16.840.1.101.3.4.3.13",
	    "RSA-SHA3-224", NULL, 0 },
	{ "\x60\x86\x48\x01\x65\x03\x04\x03\x0E", 9, "2.16.840.1.101.3.4.3.14",
	    "RSA-SHA3-256", NULL, 0 },
	{ "\x60\x86\x48\x01\x65\x03\x04\x03\x0F", 9, "2.16.840.1.101.3.4.3.15",
	    "RSA-SHA3-384", NULL, 0 },
	{ "\x60\x86\x48\x01\x65\x03\x04\x03\x10", 9, "2.16.840.1.101.3.4.3.16",
	    "RSA-SHA3-512", NULL, 0 },
	{ "\x2A\x81\x1C\xCF\x55\x01\x83\x75", 8, "1.2.156.10197.1.501",
	    "SM2-with-SM3", NULL, 0 },
	/* MD5 (OIW) and GOST (RFC 4491, RFC 9215): OpenSSL's long names. */
	{ "\x2B\x0E\x03\x02\x03", 5, "1.3.14.3.2.3",
	    "md5WithRSA", NULL, 0 },
	{ "\x2A\x85\x03\x02\x02\x03", 6, "1.2.643.2.2.3",
	    "GOST R 34.11-94 with GOST R 34.10-2001", NULL, 0 },
	{ "\x2A\x85\x03\x02\x02\x04", 6, "1.2.643.2.2.4",
	    "GOST R 34.11-94 with GOST R 34.10-94", NULL, 0 },
	{ "\x2A\x85\x03\x07\x01\x01\x03\x02", 8, "1.2.643.7.1.1.3.2",
	    "GOST R 34.10-2012 with GOST R 34.11-2012 (256 bit)", NULL, 0 },
	{ "\x2A\x85\x03\x07\x01\x01\x03\x03", 8, "1.2.643.7.1.1.3.3",
	    "GOST R 34.10-2012 with GOST R 34.11-2012 (512 bit)", NULL, 0 },
};

/* Public key algorithms; id = enum key_kind. */
static const struct certshow__oid key_tab[] = {
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x01\x01", 9, "1.2.840.113549.1.1.1",
	    "RSA", NULL, KEY_RSA },
	{ "\x2A\x86\x48\xCE\x3D\x02\x01", 7, "1.2.840.10045.2.1",
	    "EC", NULL, KEY_EC },
	{ "\x2B\x65\x70", 3, "1.3.101.112", "Ed25519", NULL, KEY_ED25519 },
	{ "\x2B\x65\x71", 3, "1.3.101.113", "Ed448", NULL, KEY_ED448 },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x01\x0A", 9, "1.2.840.113549.1.1.10",
	    "RSA-PSS", NULL, KEY_RSA },
	{ "\x2A\x86\x48\xCE\x38\x04\x01", 7, "1.2.840.10040.4.1",
	    "DSA", NULL, KEY_DSA },
	{ "\x2B\x65\x6E", 3, "1.3.101.110", "X25519", NULL, KEY_X25519 },
	{ "\x2B\x65\x6F", 3, "1.3.101.111", "X448", NULL, KEY_X448 },
	{ "\x2A\x86\x48\xCE\x3E\x02\x01", 7, "1.2.840.10046.2.1",
	    "DH", NULL, KEY_DH },
	{ "\x2A\x86\x48\x86\xF7\x0D\x01\x03\x01", 9, "1.2.840.113549.1.3.1",
	    "DH", NULL, KEY_DH },
	/* GOST (RFC 4491, RFC 9215): named, their parameters not decoded. */
	{ "\x2A\x85\x03\x02\x02\x13", 6, "1.2.643.2.2.19",
	    "GOST R 34.10-2001", NULL, KEY_OTHER },
	{ "\x2A\x85\x03\x02\x02\x14", 6, "1.2.643.2.2.20",
	    "GOST R 34.10-94", NULL, KEY_OTHER },
	{ "\x2A\x85\x03\x07\x01\x01\x01\x01", 8, "1.2.643.7.1.1.1.1",
	    "GOST R 34.10-2012 with 256 bit modulus", NULL, KEY_OTHER },
	{ "\x2A\x85\x03\x07\x01\x01\x01\x02", 8, "1.2.643.7.1.1.1.2",
	    "GOST R 34.10-2012 with 512 bit modulus", NULL, KEY_OTHER },
};

/* Named curves (RFC 5480 2.1.1.1, RFC 5639); id = field size. */
static const struct certshow__oid curve_tab[] = {
	{ "\x2A\x86\x48\xCE\x3D\x03\x01\x07", 8, "1.2.840.10045.3.1.7",
	    "P-256", NULL, 256 },
	{ "\x2B\x81\x04\x00\x22", 5, "1.3.132.0.34", "P-384", NULL, 384 },
	{ "\x2B\x81\x04\x00\x23", 5, "1.3.132.0.35", "P-521", NULL, 521 },
	{ "\x2B\x81\x04\x00\x21", 5, "1.3.132.0.33", "P-224", NULL, 224 },
	{ "\x2A\x86\x48\xCE\x3D\x03\x01\x01", 8, "1.2.840.10045.3.1.1",
	    "P-192", NULL, 192 },
	{ "\x2B\x81\x04\x00\x0A", 5, "1.3.132.0.10", "secp256k1", NULL, 256 },
	{ "\x2B\x24\x03\x03\x02\x08\x01\x01\x07", 9, "1.3.36.3.3.2.8.1.1.7",
	    "brainpoolP256r1", NULL, 256 },
	{ "\x2B\x24\x03\x03\x02\x08\x01\x01\x0B", 9, "1.3.36.3.3.2.8.1.1.11",
	    "brainpoolP384r1", NULL, 384 },
	{ "\x2B\x24\x03\x03\x02\x08\x01\x01\x0D", 9, "1.3.36.3.3.2.8.1.1.13",
	    "brainpoolP512r1", NULL, 512 },
	{ "\x2A\x81\x1C\xCF\x55\x01\x82\x2D", 8, "1.2.156.10197.1.301",
	    "SM2", NULL, 256 },
};

/* Frequent EKU and policy OIDs: their dotted text without conversion. */
static const struct certshow__oid common_tab[] = {
	{ "\x2B\x06\x01\x05\x05\x07\x03\x01", 8, "1.3.6.1.5.5.7.3.1",
	    "serverAuth", NULL, 0 },
	{ "\x2B\x06\x01\x05\x05\x07\x03\x02", 8, "1.3.6.1.5.5.7.3.2",
	    "clientAuth", NULL, 0 },
	{ "\x2B\x06\x01\x05\x05\x07\x03\x03", 8, "1.3.6.1.5.5.7.3.3",
	    "codeSigning", NULL, 0 },
	{ "\x2B\x06\x01\x05\x05\x07\x03\x04", 8, "1.3.6.1.5.5.7.3.4",
	    "emailProtection", NULL, 0 },
	{ "\x2B\x06\x01\x05\x05\x07\x03\x08", 8, "1.3.6.1.5.5.7.3.8",
	    "timeStamping", NULL, 0 },
	{ "\x2B\x06\x01\x05\x05\x07\x03\x09", 8, "1.3.6.1.5.5.7.3.9",
	    "OCSPSigning", NULL, 0 },
	{ "\x55\x1D\x25\x00", 4, "2.5.29.37.0",
	    "anyExtendedKeyUsage", NULL, 0 },
	{ "\x67\x81\x0C\x01\x02\x01", 6, "2.23.140.1.2.1",
	    "domain-validated", NULL, 0 },
	{ "\x67\x81\x0C\x01\x02\x02", 6, "2.23.140.1.2.2",
	    "organization-validated", NULL, 0 },
	{ "\x67\x81\x0C\x01\x02\x03", 6, "2.23.140.1.2.3",
	    "individual-validated", NULL, 0 },
	{ "\x67\x81\x0C\x01\x01", 5, "2.23.140.1.1", "ev-guidelines", NULL, 0 },
	{ "\x55\x1D\x20\x00", 4, "2.5.29.32.0", "anyPolicy", NULL, 0 },
	{ "\x2B\x06\x01\x04\x01\x82\xDF\x13\x01\x01\x01", 11, "1.3.6.1.4.1.44947.1.1.1",
	    "isrg-domain-validated", NULL, 0 },
	{ "\x2B\x06\x01\x05\x05\x07\x30\x01", 8, "1.3.6.1.5.5.7.48.1",
	    "ocsp", NULL, 0 },
	{ "\x2B\x06\x01\x05\x05\x07\x30\x02", 8, "1.3.6.1.5.5.7.48.2",
	    "caIssuers", NULL, 0 },
};

#define NELEM(t) (sizeof(t) / sizeof((t)[0]))

const char *
certshow__ext_name(const char *oid)
{
	size_t i;

	for (i = 0; i < NELEM(ext_tab); i++) {
		if (strcmp(ext_tab[i].dotted, oid) == 0) {
			return ext_tab[i].name;
		}
	}
	return NULL;
}

const char *
certshow__oid_algname(const char *oid)
{
	size_t i;

	for (i = 0; i < NELEM(sig_tab); i++) {
		if (strcmp(sig_tab[i].dotted, oid) == 0) {
			return sig_tab[i].name;
		}
	}
	for (i = 0; i < NELEM(key_tab); i++) {
		if (strcmp(key_tab[i].dotted, oid) == 0) {
			return key_tab[i].name;
		}
	}
	return NULL;
}

const struct certshow__oid *
certshow__sig_alg_lookup(const uint8_t *p, size_t len)
{
	return certshow__oid_lookup(sig_tab, NELEM(sig_tab), p, len);
}

/* Dotted text of an OID, without conversion for the frequent ones. */
static const char *
oid_text(struct certshow__arena *a, const uint8_t *p, size_t len)
{
	const struct certshow__oid *o;

	o = certshow__oid_lookup(common_tab, NELEM(common_tab), p, len);
	if (o != NULL) {
		return o->dotted;
	}
	return certshow__oid_dup(a, p, len);
}

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

/* The whole of [p, p+len) is exactly one TLV with this tag. */
static int
one(const uint8_t *p, size_t len, struct certshow__tlv *t, unsigned cls,
    unsigned tag, bool constructed, const char *field,
    struct certshow__derr *e)
{
	struct certshow__der d;
	int rv;

	certshow__der_init(&d, p, len);
	rv = certshow__der_expect_fast(&d, t, cls, tag, constructed);
	if (rv != 0) {
		return certshow__derr_fail(e, field, p, rv);
	}
	if (certshow__der_done(&d) != 0) {
		return certshow__derr_fail(
		    e, field, d.p, CERTSHOW__DER_TRAILING);
	}
	return 0;
}

static int
one_seq(const struct certshow__ext *x, struct certshow__tlv *t,
    const char *field, struct certshow__derr *e)
{
	return one(x->value, x->len, t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true, field, e);
}

/* Number of TLVs inside constructed t, checking each header. */
static int
count(const struct certshow__tlv *t, size_t *n, const char *field,
    struct certshow__derr *e)
{
	struct certshow__der d;
	struct certshow__tlv x;
	const uint8_t *at;
	int rv;

	*n = 0;
	certshow__der_enter_fast(&d, t);
	while (certshow__der_more(&d)) {
		at = d.p;
		rv = certshow__der_next_fast(&d, &x);
		if (rv != 0) {
			return certshow__derr_fail(e, field, at, rv);
		}
		(*n)++;
	}
	return 0;
}

/* Like count(), for SEQUENCE SIZE (1..MAX) OF. */
static int
count1(const struct certshow__tlv *t, size_t *n, const char *field,
    struct certshow__derr *e)
{
	int rv = count(t, n, field, e);

	if (rv == 0 && *n == 0) {
		return certshow__derr_fail(
		    e, field, t->hdr, CERTSHOW__DER_BAD_VALUE);
	}
	return rv;
}

static int
push(struct certshow__arena *a, struct certshow__list *l, size_t *cap,
    const char *s)
{
	if (l->n == *cap) {
		size_t nc;
		const char **v;

		if (certshow__grow_cap(*cap, l->n + 1, sizeof(*v), 4,
		    &nc) != 0) {
			return -1;
		}
		v = certshow__arena_alloc(a, nc * sizeof(*v));
		if (v == NULL) {
			return -1;
		}
		if (l->n > 0) {
			memcpy(v, l->v, l->n * sizeof(*v));
		}
		l->v = v;
		*cap = nc;
	}
	l->v[l->n++] = s;
	return 0;
}

/* ------------------------------------------------------------------ */
/* One decoder per extension                                            */
/* ------------------------------------------------------------------ */

/* RFC 5280 4.2.1.6: SubjectAltName ::= GeneralNames (SIZE (1..MAX)). */
static int
dec_san(struct certshow__arena *a, struct certshow_cert *c,
    const struct certshow__ext *x, struct certshow__derr *e)
{
	struct certshow__der d;
	struct certshow__tlv seq, t;
	struct certshow__gname *v;
	size_t n, i;
	int rv;

	rv = one_seq(x, &seq, "GeneralNames", e);
	if (rv == 0) {
		rv = count1(&seq, &n, "GeneralNames", e);
	}
	if (rv != 0) {
		return rv;
	}
	v = certshow__arena_alloc(a, n * sizeof(*v));
	if (v == NULL) {
		return certshow__derr_nomem(e, "GeneralNames", seq.hdr);
	}
	certshow__der_enter_fast(&d, &seq);
	for (i = 0; i < n; i++) {
		if (certshow__der_next_fast(&d, &t) != 0) {
			return certshow__derr_fail(
			    e, "GeneralName", d.p, CERTSHOW__DER_BAD_VALUE);
		}
		rv = certshow__gname_decode_at(a, &t, &v[i], e);
		if (rv != 0) {
			return rv;
		}
		/* RFC 5280 4.2.1.6: four octets for IPv4, sixteen for
		 * IPv6. */
		if (v[i].type == CERTSHOW_GN_IP && v[i].len != 4 &&
		    v[i].len != 16) {
			return certshow__derr_fail(
			    e, "iPAddress", t.hdr, CERTSHOW__DER_BAD_VALUE);
		}
	}
	c->san = v;
	c->n_san = n;
	c->has_san = true;
	c->san_critical = x->critical;
	return 0;
}

/* RFC 5280 4.2.1.9: BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT
 * FALSE, pathLenConstraint INTEGER (0..MAX) OPTIONAL }. */
static int
dec_bc(struct certshow__arena *a, struct certshow_cert *c,
    const struct certshow__ext *x, struct certshow__derr *e)
{
	struct certshow__der d;
	struct certshow__tlv seq, t;
	bool ca = false;
	int64_t pl = -1;
	int rv;

	(void)a;
	rv = one_seq(x, &seq, "BasicConstraints", e);
	if (rv != 0) {
		return rv;
	}
	certshow__der_enter_fast(&d, &seq);
	rv = certshow__der_optional_fast(&d, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_BOOLEAN, false);
	if (rv < 0) {
		return certshow__derr_fail(e, "BasicConstraints.cA", d.p, rv);
	}
	/* An explicit FALSE breaks X.690 11.5 (DEFAULT values are
	 * omitted) but is common in old certificates and harmless. */
	if (rv == 1 && certshow__der_bool(&t, &ca) != 0) {
		return certshow__derr_fail(
		    e, "BasicConstraints.cA", t.hdr, CERTSHOW__DER_BAD_VALUE);
	}
	rv = certshow__der_optional_fast(&d, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_INTEGER, false);
	if (rv < 0) {
		return certshow__derr_fail(
		    e, "BasicConstraints.pathLenConstraint", d.p, rv);
	}
	if (rv == 1 && (certshow__der_int64(&t, &pl) != 0 || pl > INT_MAX)) {
		return certshow__derr_fail(e,
		    "BasicConstraints.pathLenConstraint", t.hdr,
		    CERTSHOW__DER_BAD_VALUE);
	}
	if (certshow__der_done(&d) != 0) {
		return certshow__derr_fail(
		    e, "BasicConstraints", d.p, CERTSHOW__DER_TRAILING);
	}
	c->has_bc = true;
	c->bc_ca = ca;
	c->bc_pathlen = (int)pl;
	return 0;
}

/* RFC 5280 4.2.1.3: KeyUsage ::= BIT STRING; bit 0 is the most significant
 * bit of the first octet. */
static int
dec_ku(struct certshow__arena *a, struct certshow_cert *c,
    const struct certshow__ext *x, struct certshow__derr *e)
{
	struct certshow__tlv t;
	const uint8_t *bits;
	size_t len, i;
	unsigned ku = 0;
	int rv;

	(void)a;
	rv = one(x->value, x->len, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_BIT_STRING, false, "KeyUsage", e);
	if (rv != 0) {
		return rv;
	}
	if (certshow__der_bitstring(&t, &bits, &len, NULL) != 0) {
		return certshow__derr_fail(
		    e, "KeyUsage", t.hdr, CERTSHOW__DER_BAD_VALUE);
	}
	for (i = 0; i < 9 && i / 8 < len; i++) {
		if (bits[i / 8] & (0x80u >> (i % 8))) {
			ku |= 1u << i;
		}
	}
	c->has_ku = true;
	c->ku = ku;
	return 0;
}

/* SEQUENCE SIZE (1..MAX) OF OBJECT IDENTIFIER (EKU, RFC 5280 4.2.1.12). */
static int
dec_eku(struct certshow__arena *a, struct certshow_cert *c,
    const struct certshow__ext *x, struct certshow__derr *e)
{
	struct certshow__der d;
	struct certshow__tlv seq, t;
	const char **v;
	const uint8_t *at;
	size_t n, i;
	int rv;

	rv = one_seq(x, &seq, "ExtKeyUsageSyntax", e);
	if (rv == 0) {
		rv = count1(&seq, &n, "ExtKeyUsageSyntax", e);
	}
	if (rv != 0) {
		return rv;
	}
	v = certshow__arena_alloc(a, n * sizeof(*v));
	if (v == NULL) {
		return certshow__derr_nomem(e, "ExtKeyUsageSyntax", seq.hdr);
	}
	certshow__der_enter_fast(&d, &seq);
	for (i = 0; i < n; i++) {
		at = d.p;
		rv = certshow__der_expect_fast(&d, &t, CERTSHOW__CLASS_UNIVERSAL,
		    CERTSHOW__TAG_OID, false);
		if (rv != 0) {
			return certshow__derr_fail(e, "KeyPurposeId", at, rv);
		}
		v[i] = oid_text(a, t.val, t.len);
		if (v[i] == NULL) {
			return certshow__derr_fail(
			    e, "KeyPurposeId", at, CERTSHOW__DER_BAD_VALUE);
		}
	}
	c->eku.v = v;
	c->eku.n = n;
	c->has_eku = true;
	return 0;
}

/* RFC 5280 4.2.1.2: SubjectKeyIdentifier ::= OCTET STRING. */
static int
dec_ski(struct certshow__arena *a, struct certshow_cert *c,
    const struct certshow__ext *x, struct certshow__derr *e)
{
	struct certshow__tlv t;
	int rv;

	(void)a;
	rv = one(x->value, x->len, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_OCTET_STRING, false, "SubjectKeyIdentifier", e);
	if (rv != 0) {
		return rv;
	}
	c->ski = t.val;
	c->ski_len = t.len;
	return 0;
}

/* GeneralNames inside an IMPLICIT tag: decode each (and discard) so the
 * framing is checked. */
static int
check_gnames(struct certshow__arena *a, const struct certshow__tlv *t,
    const char *field, struct certshow__derr *e)
{
	struct certshow__der d;
	struct certshow__tlv g;
	struct certshow__gname tmp;
	const uint8_t *at;
	size_t n;
	int rv;

	rv = count1(t, &n, field, e);
	if (rv != 0) {
		return rv;
	}
	certshow__der_enter_fast(&d, t);
	while (certshow__der_more(&d)) {
		at = d.p;
		rv = certshow__der_next_fast(&d, &g);
		if (rv != 0) {
			return certshow__derr_fail(e, field, at, rv);
		}
		rv = certshow__gname_decode_at(a, &g, &tmp, e);
		if (rv != 0) {
			return rv;
		}
	}
	return 0;
}

/* RFC 5280 4.2.1.1: AuthorityKeyIdentifier ::= SEQUENCE {
 * keyIdentifier [0] OPTIONAL, authorityCertIssuer [1] GeneralNames
 * OPTIONAL, authorityCertSerialNumber [2] INTEGER OPTIONAL }. */
static int
dec_aki(struct certshow__arena *a, struct certshow_cert *c,
    const struct certshow__ext *x, struct certshow__derr *e)
{
	struct certshow__der d;
	struct certshow__tlv seq, kid, iss, ser;
	int rk, ri, rs, rv;

	rv = one_seq(x, &seq, "AuthorityKeyIdentifier", e);
	if (rv != 0) {
		return rv;
	}
	certshow__der_enter_fast(&d, &seq);
	rk = certshow__der_optional_fast(&d, &kid, CERTSHOW__CLASS_CONTEXT, 0,
	    false);
	if (rk < 0) {
		return certshow__derr_fail(
		    e, "AuthorityKeyIdentifier.keyIdentifier", d.p, rk);
	}
	ri = certshow__der_optional_fast(&d, &iss, CERTSHOW__CLASS_CONTEXT, 1,
	    true);
	if (ri < 0) {
		return certshow__derr_fail(
		    e, "AuthorityKeyIdentifier.authorityCertIssuer", d.p, ri);
	}
	if (ri == 1) {
		rv = check_gnames(a, &iss,
		    "AuthorityKeyIdentifier.authorityCertIssuer", e);
		if (rv != 0) {
			return rv;
		}
	}
	rs = certshow__der_optional_fast(&d, &ser, CERTSHOW__CLASS_CONTEXT, 2,
	    false);
	if (rs < 0) {
		return certshow__derr_fail(e,
		    "AuthorityKeyIdentifier.authorityCertSerialNumber", d.p,
		    rs);
	}
	if (rs == 1 && certshow__der_int_check(&ser, NULL) != 0) {
		return certshow__derr_fail(e,
		    "AuthorityKeyIdentifier.authorityCertSerialNumber", ser.hdr,
		    CERTSHOW__DER_BAD_VALUE);
	}
	if (certshow__der_done(&d) != 0) {
		return certshow__derr_fail(
		    e, "AuthorityKeyIdentifier", d.p, CERTSHOW__DER_TRAILING);
	}
	if (rk == 1) {
		c->aki = kid.val;
		c->aki_len = kid.len;
	}
	c->has_aki_issuer = ri == 1;
	if (rs == 1) {
		c->aki_serial = ser.val;
		c->aki_serial_len = ser.len;
	}
	return 0;
}

/* NoticeReference ::= SEQUENCE { organization DisplayText, noticeNumbers
 * SEQUENCE OF INTEGER } (RFC 5280 4.2.1.4). 0, -1 out of memory, 1
 * malformed. */
static int
dec_notice_ref(struct certshow__arena *a, const struct certshow__tlv *t,
    struct certshow__pqual *pq)
{
	struct certshow__der d, nd;
	struct certshow__tlv org, nums, num;
	int64_t *v = NULL;
	size_t n = 0, i;
	int rv;

	certshow__der_enter_fast(&d, t);
	if (certshow__der_next(&d, &org) != 0) {
		return 1;
	}
	rv = certshow__display_text(a, &org, &pq->org);
	if (rv != 0) {
		return rv;
	}
	if (certshow__der_expect(&d, &nums, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0 || certshow__der_done(&d) != 0) {
		return 1;
	}
	for (i = 0; i < 2; i++) {
		certshow__der_enter_fast(&nd, &nums);
		for (n = 0; certshow__der_more(&nd); n++) {
			if (certshow__der_expect(&nd, &num,
			    CERTSHOW__CLASS_UNIVERSAL, CERTSHOW__TAG_INTEGER,
			    false) != 0) {
				return 1;
			}
			if (v != NULL &&
			    certshow__der_int64(&num, &v[n]) != 0) {
				return 1;
			}
		}
		if (v != NULL || n == 0) {
			break;
		}
		v = certshow__arena_alloc(a, n * sizeof(*v));
		if (v == NULL) {
			return -1;
		}
	}
	pq->numbers = v;
	pq->n_numbers = n;
	return 0;
}

/* UserNotice ::= SEQUENCE { noticeRef NoticeReference OPTIONAL,
 * explicitText DisplayText OPTIONAL }. 0, -1 out of memory, 1
 * malformed. */
static int
dec_user_notice(struct certshow__arena *a, const struct certshow__tlv *t,
    struct certshow__pqual *pq)
{
	struct certshow__der d;
	struct certshow__tlv ref, txt;
	int rv;

	if (t->cls != CERTSHOW__CLASS_UNIVERSAL ||
	    t->tag != CERTSHOW__TAG_SEQUENCE || !t->constructed) {
		return 1;
	}
	certshow__der_enter_fast(&d, t);
	rv = certshow__der_optional(&d, &ref, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true);
	if (rv < 0) {
		return 1;
	}
	if (rv == 1) {
		rv = dec_notice_ref(a, &ref, pq);
		if (rv != 0) {
			return rv;
		}
	}
	if (certshow__der_more(&d)) {
		if (certshow__der_next(&d, &txt) != 0) {
			return 1;
		}
		rv = certshow__display_text(a, &txt, &pq->text);
		if (rv != 0) {
			return rv;
		}
	}
	return certshow__der_done(&d) != 0 ? 1 : 0;
}

/* PolicyQualifierInfo ::= SEQUENCE { policyQualifierId OID, qualifier
 * ANY }: id-qt-cps (an IA5String URI) and id-qt-unotice (a UserNotice)
 * are decoded, others listed by OID. A qualifier that does not decode
 * is marked malformed: RFC 5280 4.2.1.4 lets a relying party ignore
 * qualifiers, so the certificate still loads. 0 or -1 out of memory. */
static int
dec_qualifier(struct certshow__arena *a, const struct certshow__tlv *t,
    struct certshow__pqual *pq)
{
	static const uint8_t cps[] = { 0x2B, 6, 1, 5, 5, 7, 2, 1 };
	static const uint8_t unotice[] = { 0x2B, 6, 1, 5, 5, 7, 2, 2 };
	struct certshow__der d;
	struct certshow__tlv oid, val;
	int rv = 1;

	pq->malformed = true;
	if (t->cls != CERTSHOW__CLASS_UNIVERSAL ||
	    t->tag != CERTSHOW__TAG_SEQUENCE || !t->constructed) {
		return 0;
	}
	certshow__der_enter_fast(&d, t);
	if (certshow__der_expect(&d, &oid, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_OID, false) != 0 || certshow__der_next(&d,
	    &val) != 0 || certshow__der_done(&d) != 0) {
		return 0;
	}
	pq->oid = oid_text(a, oid.val, oid.len);
	if (pq->oid == NULL) {
		return 0;
	}
	if (oid.len == sizeof(cps) && memcmp(oid.val, cps, oid.len) == 0) {
		if (val.cls == CERTSHOW__CLASS_UNIVERSAL &&
		    val.tag == CERTSHOW__TAG_IA5STRING && !val.constructed) {
			pq->cps.p = certshow__arena_strndup(a, val.val,
			    val.len);
			if (pq->cps.p == NULL) {
				return -1;
			}
			pq->cps.len = val.len;
			rv = 0;
		}
	} else if (oid.len == sizeof(unotice) &&
	    memcmp(oid.val, unotice, oid.len) == 0) {
		rv = dec_user_notice(a, &val, pq);
	} else {
		rv = 0;
	}
	if (rv < 0) {
		return -1;
	}
	pq->malformed = rv != 0;
	return 0;
}

/* The qualifiers of every policy (quals[i]: policy i's policyQualifiers
 * SEQUENCE, hdr NULL when absent) into c->pqual. 0 or -1 out of
 * memory. */
static int
dec_policy_qualifiers(struct certshow__arena *a, struct certshow_cert *c,
    const struct certshow__tlv *quals, size_t n)
{
	struct certshow__der d;
	struct certshow__tlv q;
	size_t i, k = 0, total = 0;

	for (i = 0; i < n; i++) {
		certshow__der_enter_fast(&d, &quals[i]);
		while (quals[i].hdr != NULL && certshow__der_more(&d) &&
		    certshow__der_next(&d, &q) == 0) {
			total++;
		}
	}
	if (total == 0) {
		return 0;
	}
	c->pqual = certshow__arena_alloc(a, total * sizeof(*c->pqual));
	if (c->pqual == NULL) {
		return -1;
	}
	memset(c->pqual, 0, total * sizeof(*c->pqual));
	for (i = 0; i < n; i++) {
		certshow__der_enter_fast(&d, &quals[i]);
		while (quals[i].hdr != NULL && certshow__der_more(&d) &&
		    certshow__der_next(&d, &q) == 0) {
			c->pqual[k].policy = i;
			if (dec_qualifier(a, &q, &c->pqual[k]) != 0) {
				return -1;
			}
			k++;
		}
	}
	c->n_pqual = k;
	return 0;
}

/* RFC 5280 4.2.1.4: certificatePolicies ::= SEQUENCE SIZE (1..MAX) OF
 * PolicyInformation { policyIdentifier, policyQualifiers SEQUENCE
 * OPTIONAL }. The qualifiers are framed here and decoded by
 * dec_policy_qualifiers(). */
static int
dec_policies(struct certshow__arena *a, struct certshow_cert *c,
    const struct certshow__ext *x, struct certshow__derr *e)
{
	struct certshow__der d, pd;
	struct certshow__tlv seq, pi, oid, q, *quals;
	const char **v;
	const uint8_t *at;
	size_t n, i;
	int rv;

	rv = one_seq(x, &seq, "CertificatePolicies", e);
	if (rv == 0) {
		rv = count1(&seq, &n, "CertificatePolicies", e);
	}
	if (rv != 0) {
		return rv;
	}
	v = certshow__arena_alloc(a, n * sizeof(*v));
	quals = certshow__arena_alloc(a, n * sizeof(*quals));
	if (v == NULL || quals == NULL) {
		return certshow__derr_nomem(e, "CertificatePolicies", seq.hdr);
	}
	memset(quals, 0, n * sizeof(*quals));
	certshow__der_enter_fast(&d, &seq);
	for (i = 0; i < n; i++) {
		at = d.p;
		rv = certshow__der_expect_fast(&d, &pi, CERTSHOW__CLASS_UNIVERSAL,
		    CERTSHOW__TAG_SEQUENCE, true);
		if (rv != 0) {
			return certshow__derr_fail(
			    e, "PolicyInformation", at, rv);
		}
		certshow__der_enter_fast(&pd, &pi);
		at = pd.p;
		rv = certshow__der_expect_fast(&pd, &oid, CERTSHOW__CLASS_UNIVERSAL,
		    CERTSHOW__TAG_OID, false);
		if (rv != 0) {
			return certshow__derr_fail(
			    e, "PolicyInformation.policyIdentifier", at, rv);
		}
		v[i] = oid_text(a, oid.val, oid.len);
		if (v[i] == NULL) {
			return certshow__derr_fail(e,
			    "PolicyInformation.policyIdentifier", at,
			    CERTSHOW__DER_BAD_VALUE);
		}
		rv = certshow__der_optional_fast(&pd, &q, CERTSHOW__CLASS_UNIVERSAL,
		    CERTSHOW__TAG_SEQUENCE, true);
		if (rv < 0) {
			return certshow__derr_fail(
			    e, "PolicyInformation.policyQualifiers", pd.p, rv);
		}
		if (rv == 1 && q.len == 0) {
			return certshow__derr_fail(e,
			    "PolicyInformation.policyQualifiers", q.hdr,
			    CERTSHOW__DER_BAD_VALUE);
		}
		if (rv == 1) {
			quals[i] = q;
		}
		if (certshow__der_done(&pd) != 0) {
			return certshow__derr_fail(e, "PolicyInformation", pd.p,
			    CERTSHOW__DER_TRAILING);
		}
	}
	c->policies.v = v;
	c->policies.n = n;
	c->has_policies = true;
	if (dec_policy_qualifiers(a, c, quals, n) != 0) {
		return certshow__derr_nomem(e, "PolicyInformation", seq.hdr);
	}
	return 0;
}

/* GeneralSubtrees ::= SEQUENCE SIZE (1..MAX) OF GeneralSubtree { base
 * GeneralName, minimum [0] BaseDistance DEFAULT 0, maximum [1]
 * BaseDistance OPTIONAL } (RFC 5280 4.2.1.10). */
static int
dec_subtrees(struct certshow__arena *a, const struct certshow__tlv *t,
    struct certshow__gname **out, size_t *out_n, struct certshow__derr *e)
{
	struct certshow__der d, sd;
	struct certshow__tlv st, g, m;
	struct certshow__gname *v;
	const uint8_t *at;
	size_t n, i;
	unsigned tag;
	int rv;

	rv = count1(t, &n, "GeneralSubtrees", e);
	if (rv != 0) {
		return rv;
	}
	v = certshow__arena_alloc(a, n * sizeof(*v));
	if (v == NULL) {
		return certshow__derr_nomem(e, "GeneralSubtrees", t->hdr);
	}
	certshow__der_enter_fast(&d, t);
	for (i = 0; i < n; i++) {
		at = d.p;
		rv = certshow__der_expect_fast(&d, &st, CERTSHOW__CLASS_UNIVERSAL,
		    CERTSHOW__TAG_SEQUENCE, true);
		if (rv != 0) {
			return certshow__derr_fail(e, "GeneralSubtree", at, rv);
		}
		certshow__der_enter_fast(&sd, &st);
		at = sd.p;
		rv = certshow__der_next_fast(&sd, &g);
		if (rv != 0) {
			return certshow__derr_fail(
			    e, "GeneralSubtree.base", at, rv);
		}
		rv = certshow__gname_decode_at(a, &g, &v[i], e);
		if (rv != 0) {
			return rv;
		}
		/* RFC 5280 4.2.1.10: address and mask, 8 or 32 octets. */
		if (v[i].type == CERTSHOW_GN_IP && v[i].len != 8 &&
		    v[i].len != 32) {
			return certshow__derr_fail(e, "GeneralSubtree.base",
			    g.hdr, CERTSHOW__DER_BAD_VALUE);
		}
		for (tag = 0; tag < 2; tag++) {
			rv = certshow__der_optional_fast(&sd, &m,
			    CERTSHOW__CLASS_CONTEXT, tag, false);
			if (rv < 0) {
				return certshow__derr_fail(
				    e, "GeneralSubtree", sd.p, rv);
			}
			if (rv == 1 && certshow__der_int_check(&m, NULL) != 0) {
				return certshow__derr_fail(e, "GeneralSubtree",
				    m.hdr, CERTSHOW__DER_BAD_VALUE);
			}
		}
		if (certshow__der_done(&sd) != 0) {
			return certshow__derr_fail(
			    e, "GeneralSubtree", sd.p, CERTSHOW__DER_TRAILING);
		}
	}
	*out = v;
	*out_n = n;
	return 0;
}

/* RFC 5280 4.2.1.10: NameConstraints ::= SEQUENCE { permittedSubtrees
 * [0] OPTIONAL, excludedSubtrees [1] OPTIONAL }, not both absent. */
static int
dec_nc(struct certshow__arena *a, struct certshow_cert *c,
    const struct certshow__ext *x, struct certshow__derr *e)
{
	struct certshow__der d;
	struct certshow__tlv seq, p, q;
	struct certshow__gname *pv = NULL, *qv = NULL;
	size_t pn = 0, qn = 0;
	int rp, rq, rv;

	rv = one_seq(x, &seq, "NameConstraints", e);
	if (rv != 0) {
		return rv;
	}
	certshow__der_enter_fast(&d, &seq);
	rp = certshow__der_optional_fast(&d, &p, CERTSHOW__CLASS_CONTEXT, 0, true);
	if (rp < 0) {
		return certshow__derr_fail(
		    e, "NameConstraints.permittedSubtrees", d.p, rp);
	}
	rq = certshow__der_optional_fast(&d, &q, CERTSHOW__CLASS_CONTEXT, 1, true);
	if (rq < 0) {
		return certshow__derr_fail(
		    e, "NameConstraints.excludedSubtrees", d.p, rq);
	}
	if (certshow__der_done(&d) != 0) {
		return certshow__derr_fail(
		    e, "NameConstraints", d.p, CERTSHOW__DER_TRAILING);
	}
	if (rp == 0 && rq == 0) {
		return certshow__derr_fail(
		    e, "NameConstraints", seq.hdr, CERTSHOW__DER_BAD_VALUE);
	}
	if (rp == 1) {
		rv = dec_subtrees(a, &p, &pv, &pn, e);
		if (rv != 0) {
			return rv;
		}
	}
	if (rq == 1) {
		rv = dec_subtrees(a, &q, &qv, &qn, e);
		if (rv != 0) {
			return rv;
		}
	}
	c->has_nc = true;
	c->nc_permitted = pv;
	c->n_nc_permitted = pn;
	c->nc_excluded = qv;
	c->n_nc_excluded = qn;
	return 0;
}

/* RFC 5280 4.2.2.1: AuthorityInfoAccessSyntax ::= SEQUENCE SIZE (1..MAX)
 * OF AccessDescription { accessMethod, accessLocation GeneralName }. Only
 * URI locations of id-ad-ocsp and id-ad-caIssuers are listed. */
static int
dec_aia(struct certshow__arena *a, struct certshow_cert *c,
    const struct certshow__ext *x, struct certshow__derr *e)
{
	static const uint8_t ad[] = { 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07,
		0x30 };
	struct certshow__der d, ad_d;
	struct certshow__tlv seq, desc, oid, loc;
	struct certshow__gname g;
	struct certshow__list ocsp = { 0, NULL }, cai = { 0, NULL };
	const uint8_t *at;
	size_t n, i;
	int rv;

	rv = one_seq(x, &seq, "AuthorityInfoAccessSyntax", e);
	if (rv == 0) {
		rv = count1(&seq, &n, "AuthorityInfoAccessSyntax", e);
	}
	if (rv != 0) {
		return rv;
	}
	ocsp.v = certshow__arena_alloc(a, n * sizeof(*ocsp.v));
	cai.v = certshow__arena_alloc(a, n * sizeof(*cai.v));
	if (ocsp.v == NULL || cai.v == NULL) {
		return certshow__derr_nomem(
		    e, "AuthorityInfoAccessSyntax", seq.hdr);
	}
	certshow__der_enter_fast(&d, &seq);
	for (i = 0; i < n; i++) {
		at = d.p;
		rv = certshow__der_expect_fast(&d, &desc, CERTSHOW__CLASS_UNIVERSAL,
		    CERTSHOW__TAG_SEQUENCE, true);
		if (rv != 0) {
			return certshow__derr_fail(
			    e, "AccessDescription", at, rv);
		}
		certshow__der_enter_fast(&ad_d, &desc);
		at = ad_d.p;
		rv = certshow__der_expect_fast(&ad_d, &oid,
		    CERTSHOW__CLASS_UNIVERSAL, CERTSHOW__TAG_OID, false);
		if (rv == 0 && certshow__der_oid_check(oid.val, oid.len) != 0) {
			rv = CERTSHOW__DER_BAD_VALUE;
		}
		if (rv != 0) {
			return certshow__derr_fail(
			    e, "AccessDescription.accessMethod", at, rv);
		}
		at = ad_d.p;
		rv = certshow__der_next_fast(&ad_d, &loc);
		if (rv != 0) {
			return certshow__derr_fail(
			    e, "AccessDescription.accessLocation", at, rv);
		}
		if (certshow__der_done(&ad_d) != 0) {
			return certshow__derr_fail(e, "AccessDescription",
			    ad_d.p, CERTSHOW__DER_TRAILING);
		}
		rv = certshow__gname_decode_at(a, &loc, &g, e);
		if (rv != 0) {
			return rv;
		}
		if (g.type != CERTSHOW_GN_URI || oid.len != sizeof(ad) + 1 ||
		    memcmp(oid.val, ad, sizeof(ad)) != 0) {
			continue;
		}
		if (oid.val[sizeof(ad)] == 1) {
			ocsp.v[ocsp.n++] = (const char *)g.value;
		} else if (oid.val[sizeof(ad)] == 2) {
			cai.v[cai.n++] = (const char *)g.value;
		}
	}
	c->ocsp = ocsp;
	c->ca_issuers = cai;
	c->has_aia = true;
	return 0;
}

/* fullName URIs of one DistributionPointName [0] (RFC 5280 4.2.1.13). */
static int
dec_dpname(struct certshow__arena *a, const struct certshow__tlv *t,
    struct certshow__list *l, size_t *cap, struct certshow__derr *e)
{
	struct certshow__der d, gd;
	struct certshow__tlv ch, g;
	struct certshow__gname gn;
	const uint8_t *at;
	size_t n;
	int rv;

	/* distributionPoint [0] EXPLICIT (a CHOICE): fullName [0]
	 * GeneralNames or nameRelativeToCRLIssuer [1] RDN. */
	certshow__der_enter_fast(&d, t);
	at = d.p;
	rv = certshow__der_next_fast(&d, &ch);
	if (rv != 0) {
		return certshow__derr_fail(e, "DistributionPointName", at, rv);
	}
	if (certshow__der_done(&d) != 0) {
		return certshow__derr_fail(
		    e, "DistributionPointName", d.p, CERTSHOW__DER_TRAILING);
	}
	if (ch.cls != CERTSHOW__CLASS_CONTEXT || !ch.constructed ||
	    ch.tag > 1) {
		return certshow__derr_fail(
		    e, "DistributionPointName", at, CERTSHOW__DER_UNEXPECTED);
	}
	rv = count1(&ch, &n, "DistributionPointName", e);
	if (rv != 0 || ch.tag == 1) {
		return rv;
	}
	certshow__der_enter_fast(&gd, &ch);
	while (certshow__der_more(&gd)) {
		if (certshow__der_next_fast(&gd, &g) != 0) {
			return certshow__derr_fail(
			    e, "fullName", gd.p, CERTSHOW__DER_BAD_VALUE);
		}
		rv = certshow__gname_decode_at(a, &g, &gn, e);
		if (rv != 0) {
			return rv;
		}
		if (gn.type == CERTSHOW_GN_URI &&
		    push(a, l, cap, (const char *)gn.value) != 0) {
			return certshow__derr_nomem(e, "fullName", g.hdr);
		}
	}
	return 0;
}

/* CRLDistributionPoints ::= SEQUENCE SIZE (1..MAX) OF DistributionPoint {
 * distributionPoint [0] OPTIONAL, reasons [1] ReasonFlags OPTIONAL,
 * cRLIssuer [2] GeneralNames OPTIONAL }. */
static int
dec_crldp(struct certshow__arena *a, struct certshow_cert *c,
    const struct certshow__ext *x, struct certshow__derr *e)
{
	struct certshow__der d, pd;
	struct certshow__tlv seq, dp, t;
	struct certshow__list l = { 0, NULL };
	const uint8_t *at, *bits;
	size_t n, i, cap = 0, blen;
	int rv, r0, r1, r2;

	rv = one_seq(x, &seq, "CRLDistributionPoints", e);
	if (rv == 0) {
		rv = count1(&seq, &n, "CRLDistributionPoints", e);
	}
	if (rv != 0) {
		return rv;
	}
	certshow__der_enter_fast(&d, &seq);
	for (i = 0; i < n; i++) {
		at = d.p;
		rv = certshow__der_expect_fast(&d, &dp, CERTSHOW__CLASS_UNIVERSAL,
		    CERTSHOW__TAG_SEQUENCE, true);
		if (rv != 0) {
			return certshow__derr_fail(
			    e, "DistributionPoint", at, rv);
		}
		certshow__der_enter_fast(&pd, &dp);
		r0 = certshow__der_optional_fast(&pd, &t, CERTSHOW__CLASS_CONTEXT,
		    0, true);
		if (r0 < 0) {
			return certshow__derr_fail(
			    e, "DistributionPoint.distributionPoint", pd.p, r0);
		}
		if (r0 == 1) {
			rv = dec_dpname(a, &t, &l, &cap, e);
			if (rv != 0) {
				return rv;
			}
		}
		r1 = certshow__der_optional_fast(&pd, &t, CERTSHOW__CLASS_CONTEXT,
		    1, false);
		if (r1 < 0) {
			return certshow__derr_fail(
			    e, "DistributionPoint.reasons", pd.p, r1);
		}
		if (r1 == 1 &&
		    certshow__der_bitstring(&t, &bits, &blen, NULL) != 0) {
			return certshow__derr_fail(e,
			    "DistributionPoint.reasons", t.hdr,
			    CERTSHOW__DER_BAD_VALUE);
		}
		r2 = certshow__der_optional_fast(&pd, &t, CERTSHOW__CLASS_CONTEXT,
		    2, true);
		if (r2 < 0) {
			return certshow__derr_fail(
			    e, "DistributionPoint.cRLIssuer", pd.p, r2);
		}
		if (r2 == 1) {
			rv = check_gnames(a, &t, "DistributionPoint.cRLIssuer",
			    e);
			if (rv != 0) {
				return rv;
			}
		}
		if (certshow__der_done(&pd) != 0) {
			return certshow__derr_fail(e, "DistributionPoint", pd.p,
			    CERTSHOW__DER_TRAILING);
		}
		/* RFC 5280 4.2.1.13: a point with only reasons is
		 * invalid. */
		if (r0 == 0 && r2 == 0) {
			return certshow__derr_fail(e, "DistributionPoint",
			    dp.hdr, CERTSHOW__DER_BAD_VALUE);
		}
	}
	c->crl_dp = l;
	c->has_crl_dp = true;
	return 0;
}

static unsigned
be16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* One v1 SerializedSCT at p (2 length octets, then len octets) into v.
 * Returns 0 or a DER reason code with `e` set. */
static int
sct_v1(const uint8_t *p, size_t len, struct certshow__sct *v,
    struct certshow__derr *e)
{
	const uint8_t *q = p + 2;
	size_t ext_len, off, sig_len;
	uint64_t ts = 0;
	unsigned k;

	/* version + log_id + timestamp + extensions length */
	if (len < 1 + 32 + 8 + 2) {
		return certshow__derr_fail(e, "SerializedSCT", p,
		    CERTSHOW__DER_TRUNCATED);
	}
	ext_len = be16(q + 41);
	off = 43 + ext_len;
	/* hash, signature algorithm, signature length */
	if (off + 4 > len) {
		return certshow__derr_fail(e, "SerializedSCT", p,
		    CERTSHOW__DER_TRUNCATED);
	}
	sig_len = be16(q + off + 2);
	if (off + 4 + sig_len != len) {
		return certshow__derr_fail(e, "SerializedSCT", p,
		    off + 4 + sig_len > len ? CERTSHOW__DER_TRUNCATED
					    : CERTSHOW__DER_TRAILING);
	}
	for (k = 0; k < 8; k++) {
		ts = ts << 8 | q[33 + k];
	}
	v->log_id = q + 1;
	v->timestamp_ms = ts;
	return 0;
}

/* RFC 6962 3.3: the extnValue is an OCTET STRING holding a TLS-encoded
 * SignedCertificateTimestampList: opaque SerializedSCT<1..2^16-1> list
 * <1..2^16-1>. A v1 SCT is version(1) log_id(32) timestamp(8)
 * extensions<0..2^16-1> hash(1) signature_alg(1) signature<0..2^16-1>. */
static int
dec_sct(struct certshow__arena *a, struct certshow_cert *c,
    const struct certshow__ext *x, struct certshow__derr *e)
{
	struct certshow__tlv t;
	struct certshow__sct *v;
	const uint8_t *p, *end, *q;
	size_t n = 0, i, len;
	int rv;

	rv = one(x->value, x->len, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_OCTET_STRING, false, "SignedCertificateTimestampList",
	    e);
	if (rv != 0) {
		return rv;
	}
	if (t.len < 2 || be16(t.val) != t.len - 2 || t.len == 2) {
		return certshow__derr_fail(e, "SignedCertificateTimestampList",
		    t.hdr, CERTSHOW__DER_BAD_VALUE);
	}
	/* Pass 1: frame the serialized SCTs and count them. */
	end = t.val + t.len;
	for (p = t.val + 2; p < end; p += 2 + len) {
		if (end - p < 2) {
			return certshow__derr_fail(
			    e, "SerializedSCT", p, CERTSHOW__DER_TRUNCATED);
		}
		len = be16(p);
		if (len == 0 || len > (size_t)(end - p - 2)) {
			return certshow__derr_fail(
			    e, "SerializedSCT", p, CERTSHOW__DER_TRUNCATED);
		}
		n++;
	}
	v = certshow__arena_alloc(a, n * sizeof(*v));
	if (v == NULL) {
		return certshow__derr_nomem(
		    e, "SignedCertificateTimestampList", t.hdr);
	}
	for (p = t.val + 2, i = 0; i < n; p += 2 + len, i++) {
		len = be16(p);
		q = p + 2;
		v[i].version = q[0];
		if (q[0] != 0) {
			/* RFC 6962 3.2: only v1 is defined; later versions
			 * are kept opaque. */
			continue;
		}
		rv = sct_v1(p, len, &v[i], e);
		if (rv != 0) {
			return rv;
		}
	}
	c->sct = v;
	c->n_sct = n;
	c->has_sct = true;
	return 0;
}

/* RFC 7633 6: Features ::= SEQUENCE OF INTEGER; status_request is 5. */
static int
dec_tlsfeature(struct certshow__arena *a, struct certshow_cert *c,
    const struct certshow__ext *x, struct certshow__derr *e)
{
	struct certshow__der d;
	struct certshow__tlv seq, t;
	const uint8_t *at;
	bool staple = false;
	int64_t v;
	int rv;

	(void)a;
	rv = one_seq(x, &seq, "Features", e);
	if (rv != 0) {
		return rv;
	}
	certshow__der_enter_fast(&d, &seq);
	while (certshow__der_more(&d)) {
		at = d.p;
		rv = certshow__der_expect_fast(&d, &t, CERTSHOW__CLASS_UNIVERSAL,
		    CERTSHOW__TAG_INTEGER, false);
		if (rv != 0) {
			return certshow__derr_fail(e, "Features", at, rv);
		}
		if (certshow__der_int64(&t, &v) != 0 || v > 65535) {
			return certshow__derr_fail(
			    e, "Features", at, CERTSHOW__DER_BAD_VALUE);
		}
		if (v == 5) {
			staple = true;
		}
	}
	c->has_tlsfeature = true;
	c->must_staple = staple;
	return 0;
}

/* A SkipCerts value (INTEGER (0..MAX)) that fits an int. */
static int
skip_certs(const struct certshow__tlv *t, int *out)
{
	int64_t v;

	if (certshow__der_int64(t, &v) != 0 || v > INT_MAX) {
		return CERTSHOW__DER_BAD_VALUE;
	}
	*out = (int)v;
	return 0;
}

/* RFC 5280 4.2.1.5: PolicyMappings ::= SEQUENCE SIZE (1..MAX) OF SEQUENCE
 * { issuerDomainPolicy CertPolicyId, subjectDomainPolicy CertPolicyId }.
 * Mappings to or from anyPolicy decode; path validation refuses them
 * (6.1.4 (a)). */
static int
dec_policy_mappings(struct certshow__arena *a, struct certshow_cert *c,
    const struct certshow__ext *x, struct certshow__derr *e)
{
	struct certshow__der d, md;
	struct certshow__tlv seq, m, oid;
	const char **from, **to, **slot;
	const uint8_t *at;
	size_t n, i, k;
	int rv;

	rv = one_seq(x, &seq, "PolicyMappings", e);
	if (rv == 0) {
		rv = count1(&seq, &n, "PolicyMappings", e);
	}
	if (rv != 0) {
		return rv;
	}
	from = certshow__arena_alloc(a, n * sizeof(*from));
	to = certshow__arena_alloc(a, n * sizeof(*to));
	if (from == NULL || to == NULL) {
		return certshow__derr_nomem(e, "PolicyMappings", seq.hdr);
	}
	certshow__der_enter_fast(&d, &seq);
	for (i = 0; i < n; i++) {
		at = d.p;
		rv = certshow__der_expect_fast(&d, &m, CERTSHOW__CLASS_UNIVERSAL,
		    CERTSHOW__TAG_SEQUENCE, true);
		if (rv != 0) {
			return certshow__derr_fail(e, "PolicyMapping", at, rv);
		}
		certshow__der_enter_fast(&md, &m);
		for (k = 0; k < 2; k++) {
			slot = k == 0 ? &from[i] : &to[i];
			at = md.p;
			rv = certshow__der_expect_fast(&md, &oid,
			    CERTSHOW__CLASS_UNIVERSAL, CERTSHOW__TAG_OID, false);
			if (rv == 0) {
				*slot = oid_text(a, oid.val, oid.len);
				if (*slot == NULL) {
					rv = CERTSHOW__DER_BAD_VALUE;
				}
			}
			if (rv != 0) {
				return certshow__derr_fail(e, k == 0 ?
				    "PolicyMapping.issuerDomainPolicy" :
				    "PolicyMapping.subjectDomainPolicy", at, rv);
			}
		}
		if (certshow__der_done(&md) != 0) {
			return certshow__derr_fail(e, "PolicyMapping", md.p,
			    CERTSHOW__DER_TRAILING);
		}
	}
	c->pmap_from = from;
	c->pmap_to = to;
	c->n_pmap = n;
	return 0;
}

/* RFC 5280 4.2.1.11: PolicyConstraints ::= SEQUENCE {
 * requireExplicitPolicy [0] SkipCerts OPTIONAL, inhibitPolicyMapping [1]
 * SkipCerts OPTIONAL } (implicit tags), and not empty. */
static int
dec_policy_constraints(struct certshow__arena *a, struct certshow_cert *c,
    const struct certshow__ext *x, struct certshow__derr *e)
{
	struct certshow__der d;
	struct certshow__tlv seq, t;
	int req = -1, inh = -1, rv;

	(void)a;
	rv = one_seq(x, &seq, "PolicyConstraints", e);
	if (rv != 0) {
		return rv;
	}
	if (seq.len == 0) {
		return certshow__derr_fail(e, "PolicyConstraints", seq.hdr,
		    CERTSHOW__DER_BAD_VALUE);
	}
	certshow__der_enter_fast(&d, &seq);
	rv = certshow__der_optional_fast(&d, &t, CERTSHOW__CLASS_CONTEXT, 0,
	    false);
	if (rv == 1) {
		rv = skip_certs(&t, &req);
	}
	if (rv < 0) {
		return certshow__derr_fail(e,
		    "PolicyConstraints.requireExplicitPolicy", d.p, rv);
	}
	rv = certshow__der_optional_fast(&d, &t, CERTSHOW__CLASS_CONTEXT, 1,
	    false);
	if (rv == 1) {
		rv = skip_certs(&t, &inh);
	}
	if (rv < 0) {
		return certshow__derr_fail(e,
		    "PolicyConstraints.inhibitPolicyMapping", d.p, rv);
	}
	if (certshow__der_done(&d) != 0) {
		return certshow__derr_fail(e, "PolicyConstraints", d.p,
		    CERTSHOW__DER_TRAILING);
	}
	c->pc_require = req;
	c->pc_inhibit = inh;
	return 0;
}

/* RFC 5280 4.2.1.14: InhibitAnyPolicy ::= SkipCerts. */
static int
dec_inhibit_any(struct certshow__arena *a, struct certshow_cert *c,
    const struct certshow__ext *x, struct certshow__derr *e)
{
	struct certshow__tlv t;
	int v, rv;

	(void)a;
	rv = one(x->value, x->len, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_INTEGER, false, "InhibitAnyPolicy", e);
	if (rv != 0) {
		return rv;
	}
	rv = skip_certs(&t, &v);
	if (rv != 0) {
		return certshow__derr_fail(e, "InhibitAnyPolicy", t.hdr, rv);
	}
	c->inhibit_any = v;
	return 0;
}

typedef int (*ext_decoder)(struct certshow__arena *, struct certshow_cert *,
    const struct certshow__ext *, struct certshow__derr *);

static ext_decoder
decoder_for(int id)
{
	switch (id) {
	case CERTSHOW__EXT_SAN:
		return dec_san;
	case CERTSHOW__EXT_BC:
		return dec_bc;
	case CERTSHOW__EXT_KU:
		return dec_ku;
	case CERTSHOW__EXT_EKU:
		return dec_eku;
	case CERTSHOW__EXT_SKI:
		return dec_ski;
	case CERTSHOW__EXT_AKI:
		return dec_aki;
	case CERTSHOW__EXT_POLICIES:
		return dec_policies;
	case CERTSHOW__EXT_POLICY_MAPPINGS:
		return dec_policy_mappings;
	case CERTSHOW__EXT_POLICY_CONSTRAINTS:
		return dec_policy_constraints;
	case CERTSHOW__EXT_INHIBIT_ANY:
		return dec_inhibit_any;
	case CERTSHOW__EXT_NC:
		return dec_nc;
	case CERTSHOW__EXT_AIA:
		return dec_aia;
	case CERTSHOW__EXT_CRLDP:
		return dec_crldp;
	case CERTSHOW__EXT_SCT:
		return dec_sct;
	case CERTSHOW__EXT_TLSFEATURE:
		return dec_tlsfeature;
	default:
		return NULL;
	}
}

/*
 * The one table of understood extensions (RFC 5280 4.2: a certificate
 * with a critical extension the relying party does not recognise or
 * cannot process is invalid). The decoder records
 * CERTSHOW__PROB_UNKNOWN_CRITICAL from it, `certshow dump` and lint
 * report it, and the verifier rejects on it (UNKNOWN_CRITICAL); no other
 * file keeps a list of its own. "Understood" means the verifier
 * implements the extension's semantics or the extension places no
 * constraint on path validation.
 */
static const struct {
	int id;
	bool understood;
} ext_understood_tab[] = {
	{ CERTSHOW__EXT_UNKNOWN, false },
	{ CERTSHOW__EXT_SAN, true },            /* names, constraints */
	{ CERTSHOW__EXT_IAN, true },            /* informational */
	{ CERTSHOW__EXT_BC, true },             /* 6.1.4 (k), (l), (m) */
	{ CERTSHOW__EXT_KU, true },             /* 6.1.4 (n), leaf use */
	{ CERTSHOW__EXT_EKU, true },            /* purpose */
	{ CERTSHOW__EXT_SKI, true },            /* path building */
	{ CERTSHOW__EXT_AKI, true },            /* path building */
	{ CERTSHOW__EXT_POLICIES, true },       /* see doc/verification.md */
	{ CERTSHOW__EXT_NC, true },             /* 6.1.4 (g), 6.1.3 (b) */
	{ CERTSHOW__EXT_AIA, true },            /* informational */
	{ CERTSHOW__EXT_CRLDP, true },          /* informational */
	{ CERTSHOW__EXT_SCT, true },            /* informational */
	{ CERTSHOW__EXT_TLSFEATURE, true },     /* RFC 7633: a TLS rule */
	{ CERTSHOW__EXT_POLICY_MAPPINGS, true },
	{ CERTSHOW__EXT_POLICY_CONSTRAINTS, true },
	{ CERTSHOW__EXT_INHIBIT_ANY, true },
	{ CERTSHOW__EXT_FRESHEST_CRL, true },   /* informational */
	{ CERTSHOW__EXT_SIA, true },            /* informational */
	{ CERTSHOW__EXT_SUBJECT_DIR_ATTRS, true }, /* informational */
	/* RFC 6962 3.1: critical precisely so that a precertificate is
	 * never accepted as a certificate. */
	{ CERTSHOW__EXT_CT_POISON, false },
	/* Named for display only (privateKeyUsagePeriod, qcStatements,
	 * ...): not processed. */
	{ CERTSHOW__EXT_OTHER_KNOWN, false },
};

bool
certshow__ext_understood_oid(const char *oid)
{
	size_t i;

	for (i = 0; i < NELEM(ext_tab); i++) {
		if (strcmp(ext_tab[i].dotted, oid) == 0) {
			return certshow__ext_understood(ext_tab[i].id);
		}
	}
	return false;
}

bool
certshow__ext_understood(int id)
{
	size_t i;

	for (i = 0; i < NELEM(ext_understood_tab); i++) {
		if (ext_understood_tab[i].id == id) {
			return ext_understood_tab[i].understood;
		}
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* The extension list and the decoders' driver                          */
/* ------------------------------------------------------------------ */

/* Reads Extension i from d into x (criticality, value) and its extnID
 * into oid; 0 or the error through e. */
static int
ext_read(struct certshow__der *d, struct certshow_cert *c, size_t i,
    struct certshow__ext *x, struct certshow__tlv *oid,
    struct certshow__derr *e)
{
	struct certshow__der xd;
	struct certshow__tlv xt, crit, val;
	const uint8_t *at;
	int rv;

	at = d->p;
	rv = certshow__der_expect_fast(d, &xt, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true);
	if (rv != 0) {
		return certshow__derr_fail(e, "Extension", at, rv);
	}
	certshow__der_enter_fast(&xd, &xt);
	at = xd.p;
	rv = certshow__der_expect_fast(&xd, oid, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_OID, false);
	if (rv == 0 && certshow__der_oid_check(oid->val, oid->len) != 0) {
		rv = CERTSHOW__DER_BAD_VALUE;
	}
	if (rv != 0) {
		return certshow__derr_fail(
		    e, "Extension.extnID", at, rv);
	}
	at = xd.p;
	rv = certshow__der_optional_fast(&xd, &crit,
	    CERTSHOW__CLASS_UNIVERSAL, CERTSHOW__TAG_BOOLEAN, false);
	if (rv < 0) {
		return certshow__derr_fail(
		    e, "Extension.critical", at, rv);
	}
	if (rv == 1) {
		if (certshow__der_bool(&crit, &x->critical) != 0) {
			return certshow__derr_fail(e,
			    "Extension.critical", at,
			    CERTSHOW__DER_BAD_VALUE);
		}
		if (!x->critical) {
			/* X.690 11.5: DEFAULT FALSE is omitted. */
			certshow__cert_problem(c,
			    CERTSHOW__PROB_EXT_ENCODING,
			    "extension %zu: critical FALSE encoded",
			    i);
		}
	}
	at = xd.p;
	rv = certshow__der_expect_fast(&xd, &val, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_OCTET_STRING, false);
	if (rv != 0) {
		return certshow__derr_fail(
		    e, "Extension.extnValue", at, rv);
	}
	if (certshow__der_done(&xd) != 0) {
		return certshow__derr_fail(
		    e, "Extension", xd.p, CERTSHOW__DER_TRAILING);
	}
	x->value = val.val;
	x->len = val.len;
	return 0;
}

/* Names extension x by its extnID oid: the table's entry, or the dotted
 * form in a; 0 or the error through e. */
static int
ext_name(struct certshow__arena *a, struct certshow__ext *x,
    const struct certshow__tlv *oid, struct certshow__derr *e)
{
	const struct certshow__oid *ent;

	ent = certshow__oid_lookup(ext_tab, NELEM(ext_tab), oid->val,
	    oid->len);
	if (ent != NULL) {
		x->oid = ent->dotted;
		x->name = ent->name;
		x->id = ent->id;
	} else {
		x->oid = certshow__oid_dup(a, oid->val, oid->len);
		if (x->oid == NULL) {
			return certshow__derr_fail(e,
			    "Extension.extnID", oid->hdr,
			    CERTSHOW__DER_BAD_VALUE);
		}
	}
	return 0;
}

/* Records a repeated extension and an unsupported critical one among
 * v[0..i]. */
static void
ext_note(struct certshow_cert *c, const struct certshow__ext *v, size_t i)
{
	size_t j;

	/* Known OIDs share the table's string, so a pointer test
	 * settles them; only unknown ones need strcmp(). */
	for (j = 0; j < i; j++) {
		if (v[j].oid == v[i].oid || (v[i].id == 0 &&
		    v[j].id == 0 && strcmp(v[j].oid, v[i].oid) == 0)) {
			break;
		}
	}
	if (j < i) {
		c->dup_ext = true;
		certshow__cert_problem(c, CERTSHOW__PROB_DUP_EXTENSION,
		    "extension %s (%s) appears more than once",
		    v[i].name != NULL ? v[i].name : "unknown",
		    v[i].oid);
	}
	if (v[i].critical && !certshow__ext_understood(v[i].id)) {
		certshow__cert_problem(c,
		    CERTSHOW__PROB_UNKNOWN_CRITICAL,
		    "unsupported critical extension %s%s%s%s",
		    v[i].oid, v[i].name != NULL ? " (" : "",
		    v[i].name != NULL ? v[i].name : "",
		    v[i].name != NULL ? ")" : "");
	}
}

int
certshow__ext_list_decode(struct certshow__arena *a, struct certshow_cert *c,
    const struct certshow__tlv *exts, struct certshow__derr *e)
{
	struct certshow__der d;
	struct certshow__tlv oid;
	struct certshow__ext *v;
	size_t n, i;
	int rv;

	rv = count(exts, &n, "Extension", e);
	if (rv != 0) {
		return rv;
	}
	if (n == 0) {
		/* RFC 5280 4.1: Extensions ::= SEQUENCE SIZE (1..MAX). */
		certshow__cert_problem(c, CERTSHOW__PROB_EXT_ENCODING,
		    "empty extensions list");
	}
	v = certshow__arena_alloc(a, n * sizeof(*v));
	if (v == NULL) {
		return certshow__derr_nomem(e, "Extension", exts->hdr);
	}
	certshow__der_enter_fast(&d, exts);
	for (i = 0; i < n; i++) {
		rv = ext_read(&d, c, i, &v[i], &oid, e);
		if (rv != 0) {
			return rv;
		}
		rv = ext_name(a, &v[i], &oid, e);
		if (rv != 0) {
			return rv;
		}
		ext_note(c, v, i);
	}
	c->ext = v;
	c->n_ext = n;
	return 0;
}

int
certshow__ext_decode_all(struct certshow__arena *a, struct certshow_cert *c,
    const char **why)
{
	struct certshow__derr e;
	ext_decoder fn;
	size_t i, j;
	int rv;

	for (i = 0; i < c->n_ext; i++) {
		const struct certshow__ext *x = &c->ext[i];

		fn = decoder_for(x->id);
		if (fn == NULL) {
			continue;
		}
		/* A duplicate is already a problem; decode the first. */
		for (j = 0; j < i; j++) {
			if (c->ext[j].id == x->id) {
				break;
			}
		}
		if (j < i) {
			continue;
		}
		rv = fn(a, c, x, &e);
		if (rv == CERTSHOW_E_NOMEM) {
			if (why != NULL) {
				*why = "out of memory";
			}
			return rv;
		}
		if (rv != 0) {
			const char *reason = certshow__der_strreason(e.code);

			certshow__cert_problem(c, CERTSHOW__PROB_BAD_EXTENSION,
			    "extension %s (%s): %s at offset %zu: %s", x->name,
			    x->oid, e.field, (size_t)(e.at - c->der), reason);
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Public key (RFC 5280 4.1.2.7; algorithms of RFC 3279, 5480, 8410)    */
/* ------------------------------------------------------------------ */

/* Bit length of a non-negative INTEGER's contents. */
static unsigned
int_bits(const struct certshow__tlv *t)
{
	const uint8_t *p = t->val;
	size_t n = t->len;
	unsigned b = 0;
	uint8_t top;

	while (n > 0 && *p == 0) {
		p++;
		n--;
	}
	if (n == 0 || n > UINT_MAX / 8) {
		return 0;
	}
	for (top = p[0]; top != 0; top >>= 1) {
		b++;
	}
	return (unsigned)(n - 1) * 8 + b;
}

/* Read `k` non-negative INTEGERs from SEQUENCE contents [p, p+len); the
 * bit length of the first goes to *bits. Returns 0 or -1. */
static int
int_seq_bits(const uint8_t *p, size_t len, unsigned k, bool exact,
    unsigned *bits)
{
	struct certshow__der d, s;
	struct certshow__tlv seq, t;
	bool neg;
	unsigned i;

	certshow__der_init(&d, p, len);
	if (certshow__der_expect_fast(&d, &seq, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0 ||
	    certshow__der_done(&d) != 0) {
		return -1;
	}
	certshow__der_enter_fast(&s, &seq);
	for (i = 0; i < k; i++) {
		if (certshow__der_expect_fast(&s, &t, CERTSHOW__CLASS_UNIVERSAL,
		    CERTSHOW__TAG_INTEGER, false) != 0 ||
		    certshow__der_int_check(&t, &neg) != 0 || neg) {
			return -1;
		}
		if (i == 0) {
			*bits = int_bits(&t);
		}
	}
	if (exact && certshow__der_done(&s) != 0) {
		return -1;
	}
	return 0;
}

static void
bad_key(struct certshow_cert *c, const char *what)
{
	certshow__cert_problem(c, CERTSHOW__PROB_BAD_KEY,
	    "subjectPublicKeyInfo: malformed %s public key", what);
}

/* RFC 5480 2.1.1: ECParameters, namedCurve only in PKIX; the point is
 * 04||X||Y or a compressed 02/03||X. Sets the curve and returns the key
 * size in bits (from the curve, else from the point). */
static unsigned
ec_key_bits(struct certshow__arena *a, struct certshow_cert *c,
    const struct certshow__tlv *params, bool has_params)
{
	const struct certshow__oid *cv;
	unsigned bits = 0;

	if (has_params && params->cls == CERTSHOW__CLASS_UNIVERSAL &&
	    params->tag == CERTSHOW__TAG_OID) {
		cv = certshow__oid_lookup(curve_tab, NELEM(curve_tab),
		    params->val, params->len);
		if (cv != NULL) {
			c->key_curve = cv->name;
			c->key_curve_oid = cv->dotted;
			bits = (unsigned)cv->id;
		} else {
			c->key_curve_oid = certshow__oid_dup(a, params->val,
			    params->len);
			c->key_curve = c->key_curve_oid;
		}
	}
	if (bits == 0 && c->key_len > 1) {
		if (c->key[0] == 4) {
			bits = (unsigned)((c->key_len - 1) / 2 * 8);
		} else if (c->key[0] == 2 || c->key[0] == 3) {
			bits = (unsigned)((c->key_len - 1) * 8);
		}
	}
	if (c->key_len == 0 ||
	    (c->key[0] != 4 && c->key[0] != 2 && c->key[0] != 3)) {
		bad_key(c, "EC");
	}
	return bits;
}

/* Size and curve of the key; a malformed key is a problem, not an error
 * (the certificate still loads and verification rejects it). */
static void
key_details(struct certshow__arena *a, struct certshow_cert *c, int kind,
    const struct certshow__tlv *params, bool has_params)
{
	unsigned bits = 0;

	switch (kind) {
	case KEY_RSA:
		/* RFC 8017 A.1.1: RSAPublicKey ::= SEQUENCE { modulus,
		 * publicExponent }. */
		if (int_seq_bits(c->key, c->key_len, 2, true, &bits) != 0) {
			bad_key(c, "RSA");
			bits = 0;
		}
		break;
	case KEY_EC:
		bits = ec_key_bits(a, c, params, has_params);
		break;
	case KEY_ED25519:
	case KEY_X25519:
		/* RFC 8410 3: the raw 32-octet key. */
		bits = 256;
		if (c->key_len != 32) {
			bad_key(c, c->key_alg);
		}
		break;
	case KEY_ED448:
		bits = 456;
		if (c->key_len != 57) {
			bad_key(c, "Ed448");
		}
		break;
	case KEY_X448:
		bits = 448;
		if (c->key_len != 56) {
			bad_key(c, "X448");
		}
		break;
	case KEY_DSA:
	case KEY_DH:
		/* RFC 3279 2.3.2/2.3.3: Dss-Parms / DomainParameters start
		 * with p; DSA parameters may be inherited (absent). */
		if (has_params && params->cls == CERTSHOW__CLASS_UNIVERSAL &&
		    params->tag == CERTSHOW__TAG_SEQUENCE) {
			if (int_seq_bits(params->hdr,
			    params->hdr_len + params->len,
			    kind == KEY_DSA ? 3 : 2, kind == KEY_DSA,
			    &bits) != 0) {
				bad_key(c, c->key_alg);
				bits = 0;
			}
		}
		break;
	default:
		break;
	}
	c->key_bits = bits;
}

int
certshow__spki_decode(struct certshow__arena *a, struct certshow_cert *c,
    const struct certshow__tlv *spki, struct certshow__derr *e)
{
	struct certshow__der d, ad;
	struct certshow__tlv alg, key, oid, params;
	const struct certshow__oid *ent;
	const uint8_t *at;
	bool has_params = false;
	unsigned unused;
	int rv;

	c->spki = spki->hdr;
	c->spki_len = spki->hdr_len + spki->len;
	certshow__der_enter_fast(&d, spki);
	at = d.p;
	rv = certshow__der_expect_fast(&d, &alg, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true);
	if (rv != 0) {
		return certshow__derr_fail(
		    e, "subjectPublicKeyInfo.algorithm", at, rv);
	}
	at = d.p;
	rv = certshow__der_expect_fast(&d, &key, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_BIT_STRING, false);
	if (rv == 0 && certshow__der_bitstring(&key, &c->key, &c->key_len,
	    &unused) != 0) {
		rv = CERTSHOW__DER_BAD_VALUE;
	}
	if (rv != 0) {
		return certshow__derr_fail(
		    e, "subjectPublicKeyInfo.subjectPublicKey", at, rv);
	}
	if (certshow__der_done(&d) != 0) {
		return certshow__derr_fail(
		    e, "subjectPublicKeyInfo", d.p, CERTSHOW__DER_TRAILING);
	}
	certshow__der_enter_fast(&ad, &alg);
	at = ad.p;
	rv = certshow__der_expect_fast(&ad, &oid, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_OID, false);
	if (rv == 0 && certshow__der_oid_check(oid.val, oid.len) != 0) {
		rv = CERTSHOW__DER_BAD_VALUE;
	}
	if (rv != 0) {
		return certshow__derr_fail(
		    e, "subjectPublicKeyInfo.algorithm.algorithm", at, rv);
	}
	if (certshow__der_more(&ad)) {
		at = ad.p;
		rv = certshow__der_next_fast(&ad, &params);
		if (rv != 0) {
			return certshow__derr_fail(e,
			    "subjectPublicKeyInfo.algorithm.parameters", at,
			    rv);
		}
		has_params = true;
		c->key_params = params.hdr;
		c->key_params_len = params.hdr_len + params.len;
	}
	if (certshow__der_done(&ad) != 0) {
		return certshow__derr_fail(e, "subjectPublicKeyInfo.algorithm",
		    ad.p, CERTSHOW__DER_TRAILING);
	}
	ent = certshow__oid_lookup(key_tab, NELEM(key_tab), oid.val, oid.len);
	if (ent != NULL) {
		c->key_oid = ent->dotted;
		c->key_alg = ent->name;
	} else {
		c->key_oid = certshow__oid_dup(a, oid.val, oid.len);
		if (c->key_oid == NULL) {
			return certshow__derr_fail(e,
			    "subjectPublicKeyInfo.algorithm", oid.hdr,
			    CERTSHOW__DER_BAD_VALUE);
		}
		c->key_alg = c->key_oid;
	}
	key_details(a, c, ent != NULL ? ent->id : KEY_OTHER, &params,
	    has_params);
	return 0;
}
