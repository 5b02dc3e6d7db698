/*
 * asn1.c - libtasn1 definitions of the PKIX module (lib/pkix.asn), the
 * decode and two-pass read wrappers, the one mapping of libtasn1 error
 * codes, PKIX field names for the raw view, input splitting (PEM/DER) and
 * short descriptions of the extensions that the certificate model has no
 * accessor for (qcStatements, policyMappings, inhibitAnyPolicy,
 * policyConstraints), and the lenient BER header reader that the split,
 * the raw view's walker and lint share.
 *
 * The definitions tree is built per call from the generated static table
 * (asn1_array2tree), never kept in a global: the library has no mutable
 * global state.
 */
#include "asn1.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int
certshow__asn1_map_error(int rv)
{
	switch (rv) {
	case ASN1_SUCCESS:
		return 0;
	case ASN1_MEM_ALLOC_ERROR:
		return CERTSHOW_E_NOMEM;
	case ASN1_ELEMENT_NOT_FOUND:
	case ASN1_VALUE_NOT_FOUND:
		return CERTSHOW_E_NOTFOUND;
	case ASN1_MEM_ERROR:
	case ASN1_RECURSION:
		return CERTSHOW_E_LIMIT;
	case ASN1_DER_ERROR:
	case ASN1_TAG_ERROR:
	case ASN1_DER_OVERFLOW:
	case ASN1_TIME_ENCODING_ERROR:
	case ASN1_VALUE_NOT_VALID:
	case ASN1_ELEMENT_NOT_EMPTY:
		return CERTSHOW_E_PARSE;
	case ASN1_GENERIC_ERROR:
	case ASN1_FILE_NOT_FOUND:
	case ASN1_IDENTIFIER_NOT_FOUND:
	case ASN1_SYNTAX_ERROR:
	case ASN1_NAME_TOO_LONG:
	case ASN1_ARRAY_ERROR:
	default:
		/* Definitions or API misuse: our bug, not the input's. */
		return CERTSHOW_E_INVAL;
	}
}

int
certshow__asn1_error(struct certshow_ctx *ctx, int rv, const char *fmt, ...)
{
	char what[256];
	va_list ap;
	int code = certshow__asn1_map_error(rv);

	if (code == 0) {
		code = CERTSHOW_E_INVAL;
	}
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return certshow__set_error(ctx, code, "%s: %s", what, asn1_strerror(rv));
}

int
certshow__asn1_defs(struct certshow_ctx *ctx, asn1_node *out)
{
	char desc[ASN1_MAX_ERROR_DESCRIPTION_SIZE];
	int rv;

	*out = NULL;
	desc[0] = '\0';
	rv = asn1_array2tree(certshow_pkix_asn1_tab, out, desc);
	if (rv != ASN1_SUCCESS) {
		return certshow__asn1_error(ctx, rv,
		    "building the PKIX ASN.1 definitions (%s)", desc);
	}
	return 0;
}

int
certshow__asn1_decode(struct certshow_ctx *ctx, asn1_node defs,
    const char *type, const uint8_t *der, size_t len, bool strict,
    asn1_node *out)
{
	char desc[ASN1_MAX_ERROR_DESCRIPTION_SIZE];
	int rv, max;

	*out = NULL;
	if (len > INT_MAX) {
		return certshow__set_error(ctx, CERTSHOW_E_LIMIT,
		    "%s: %zu bytes is too large to decode", type, len);
	}
	rv = asn1_create_element(defs, type, out);
	if (rv != ASN1_SUCCESS) {
		return certshow__asn1_error(ctx, rv, "creating %s", type);
	}
	desc[0] = '\0';
	max = (int)len;
	rv = asn1_der_decoding2(out, der, &max,
	    strict ? ASN1_DECODE_FLAG_STRICT_DER : 0, desc);
	if (rv == ASN1_SUCCESS && (size_t)max != len) {
		asn1_delete_structure(out);
		return certshow__set_error(ctx, CERTSHOW_E_PARSE,
		    "decoding %s: %zu bytes of trailing data at offset %d",
		    type, len - (size_t)max, max);
	}
	if (rv != ASN1_SUCCESS) {
		asn1_delete_structure(out);
		return certshow__asn1_error(ctx, rv, "decoding %s%s%s", type,
		    desc[0] != '\0' ? " at " : "", desc);
	}
	return 0;
}

int
certshow__asn1_read(struct certshow_ctx *ctx, asn1_node node,
    const char *name, uint8_t **out, size_t *len)
{
	uint8_t *buf;
	int rv, n = 0;
	unsigned et;

	*out = NULL;
	*len = 0;
	/* Pass 1: libtasn1 answers ASN1_MEM_ERROR with the size it needs. */
	rv = asn1_read_value_type(node, name, NULL, &n, &et);
	if (rv == ASN1_SUCCESS) {
		n = 0;
	} else if (rv != ASN1_MEM_ERROR) {
		if (certshow__asn1_map_error(rv) == CERTSHOW_E_NOTFOUND) {
			return CERTSHOW_E_NOTFOUND;
		}
		return certshow__asn1_error(ctx, rv, "reading %s", name);
	}
	/* Bit strings report their size in bits. */
	buf = malloc((et == ASN1_ETYPE_BIT_STRING ? (size_t)n / 8 + 1 :
	    (size_t)n) + 1);
	if (buf == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "reading %s: out of memory", name);
	}
	/* Pass 2. */
	rv = asn1_read_value(node, name, buf, &n);
	if (rv != ASN1_SUCCESS) {
		free(buf);
		return certshow__asn1_error(ctx, rv, "reading %s", name);
	}
	buf[et == ASN1_ETYPE_BIT_STRING ? ((size_t)n + 7) / 8 : (size_t)n] =
	    '\0';
	*out = buf;
	*len = (size_t)n;
	return 0;
}

int
certshow__asn1_read_buf(asn1_node node, const char *name, char *buf,
    size_t size, size_t *len)
{
	int rv, n;

	if (size == 0 || size > INT_MAX) {
		return CERTSHOW_E_INVAL;
	}
	n = (int)size - 1;
	rv = asn1_read_value(node, name, buf, &n);
	if (rv != ASN1_SUCCESS) {
		return certshow__asn1_map_error(rv);
	}
	if ((size_t)n < size) {
		buf[n] = '\0';
	}
	if (len != NULL) {
		*len = (size_t)n;
	}
	return 0;
}

size_t
certshow__asn1_count(asn1_node node, const char *name)
{
	int n = 0;

	/* libtasn1 names the root of an element "", not NULL. */
	if (asn1_number_of_elements(node, name == NULL ? "" : name, &n) !=
	    ASN1_SUCCESS ||
	    n < 0) {
		return 0;
	}
	return (size_t)n;
}

int
certshow__asn1_range(asn1_node node, const uint8_t *der, size_t len,
    const char *name, size_t *start, size_t *end)
{
	int s, e, rv;

	if (len > INT_MAX) {
		return CERTSHOW_E_LIMIT;
	}
	rv = asn1_der_decoding_startEnd(node, der, (int)len,
	    name == NULL ? "" : name, &s, &e);
	if (rv != ASN1_SUCCESS || s < 0 || e < s || (size_t)e >= len) {
		return CERTSHOW_E_NOTFOUND;
	}
	*start = (size_t)s;
	*end = (size_t)e;
	return 0;
}

/* ------------------------------------------------------------------ */
/* OID names                                                            */
/* ------------------------------------------------------------------ */

struct oid_name {
	const char *oid;
	const char *name;
};

/* Sorted by nothing in particular; the table is small and lookups are per
 * printed OID. Names follow OpenSSL's long names where one exists. */
static const struct oid_name oid_names[] = {
	/* Attribute types: names.c's table (certshow__oid_pyname). */
	/* Signature algorithms */
	{ "1.2.840.113549.1.1.2", "md2WithRSAEncryption" },
	{ "1.2.840.113549.1.1.4", "md5WithRSAEncryption" },
	{ "1.2.840.113549.1.1.5", "sha1WithRSAEncryption" },
	{ "1.2.840.113549.1.1.10", "rsassaPss" },
	{ "1.2.840.113549.1.1.11", "sha256WithRSAEncryption" },
	{ "1.2.840.113549.1.1.12", "sha384WithRSAEncryption" },
	{ "1.2.840.113549.1.1.13", "sha512WithRSAEncryption" },
	{ "1.2.840.113549.1.1.14", "sha224WithRSAEncryption" },
	{ "1.2.840.10045.4.1", "ecdsa-with-SHA1" },
	{ "1.2.840.10045.4.3.1", "ecdsa-with-SHA224" },
	{ "1.2.840.10045.4.3.2", "ecdsa-with-SHA256" },
	{ "1.2.840.10045.4.3.3", "ecdsa-with-SHA384" },
	{ "1.2.840.10045.4.3.4", "ecdsa-with-SHA512" },
	{ "1.2.840.10040.4.3", "dsa-with-SHA1" },
	{ "2.16.840.1.101.3.4.3.2", "dsa-with-SHA256" },
	{ "1.3.101.112", "ED25519" },
	{ "1.3.101.113", "ED448" },
	{ "1.3.14.3.2.29", "sha1WithRSA" },
	/* Key algorithms and curves */
	{ "1.2.840.113549.1.1.1", "rsaEncryption" },
	{ "1.2.840.10045.2.1", "id-ecPublicKey" },
	{ "1.2.840.10040.4.1", "dsaEncryption" },
	{ "1.3.101.110", "X25519" },
	{ "1.3.101.111", "X448" },
	{ "1.2.840.10045.3.1.1", "prime192v1" },
	{ "1.3.132.0.33", "secp224r1" },
	{ "1.2.840.10045.3.1.7", "prime256v1" },
	{ "1.3.132.0.34", "secp384r1" },
	{ "1.3.132.0.35", "secp521r1" },
	{ "1.3.132.0.10", "secp256k1" },
	{ "1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1" },
	{ "1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1" },
	{ "1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1" },
	/* Hashes (in RSASSA-PSS parameters) */
	{ "1.2.840.113549.2.5", "md5" },
	{ "1.2.643.2.2.9", "GOST R 34.11-94" },
	{ "1.2.643.7.1.1.2.2",
	    "GOST R 34.11-2012 with 256 bit hash" },
	{ "1.2.643.7.1.1.2.3",
	    "GOST R 34.11-2012 with 512 bit hash" },
	{ "1.3.14.3.2.26", "sha1" },
	{ "2.16.840.1.101.3.4.2.1", "sha256" },
	{ "2.16.840.1.101.3.4.2.2", "sha384" },
	{ "2.16.840.1.101.3.4.2.3", "sha512" },
	{ "1.2.840.113549.1.1.8", "mgf1" },
	/* Certificate extensions (RFC 5280 4.2) */
	{ "2.5.29.9", "subjectDirectoryAttributes" },
	{ "2.5.29.14", "subjectKeyIdentifier" },
	{ "2.5.29.15", "keyUsage" },
	{ "2.5.29.16", "privateKeyUsagePeriod" },
	{ "2.5.29.17", "subjectAltName" },
	{ "2.5.29.18", "issuerAltName" },
	{ "2.5.29.19", "basicConstraints" },
	{ "2.5.29.30", "nameConstraints" },
	{ "2.5.29.31", "cRLDistributionPoints" },
	{ "2.5.29.32", "certificatePolicies" },
	{ "2.5.29.33", "policyMappings" },
	{ "2.5.29.35", "authorityKeyIdentifier" },
	{ "2.5.29.36", "policyConstraints" },
	{ "2.5.29.37", "extKeyUsage" },
	{ "2.5.29.46", "freshestCRL" },
	{ "2.5.29.54", "inhibitAnyPolicy" },
	{ "1.3.6.1.5.5.7.1.1", "authorityInfoAccess" },
	{ "1.3.6.1.5.5.7.1.3", "qcStatements" },
	{ "1.3.6.1.5.5.7.1.11", "subjectInfoAccess" },
	{ "1.3.6.1.5.5.7.1.24", "tlsFeature" },
	{ "1.3.6.1.4.1.11129.2.4.2", "ctSignedCertificateTimestamps" },
	{ "1.3.6.1.4.1.11129.2.4.3", "ctPrecertificatePoison" },
	{ "1.3.6.1.5.5.7.48.1.5", "ocspNoCheck" },
	{ "2.16.840.1.113730.1.1", "netscapeCertType" },
	{ "2.16.840.1.113730.1.13", "netscapeComment" },
	/* Access methods, policy qualifiers, policies */
	{ "1.3.6.1.5.5.7.48.1", "ocsp" },
	{ "1.3.6.1.5.5.7.48.2", "caIssuers" },
	{ "1.3.6.1.5.5.7.2.1", "cps" },
	{ "1.3.6.1.5.5.7.2.2", "unotice" },
	{ "2.5.29.32.0", "anyPolicy" },
	{ "2.23.140.1.1", "ev-guidelines" },
	{ "2.23.140.1.2.1", "domain-validated" },
	{ "2.23.140.1.2.2", "organization-validated" },
	{ "2.23.140.1.2.3", "individual-validated" },
	/* Extended key usage (RFC 5280 4.2.1.12) */
	{ "2.5.29.37.0", "anyExtendedKeyUsage" },
	{ "1.3.6.1.5.5.7.3.1", "serverAuth" },
	{ "1.3.6.1.5.5.7.3.2", "clientAuth" },
	{ "1.3.6.1.5.5.7.3.3", "codeSigning" },
	{ "1.3.6.1.5.5.7.3.4", "emailProtection" },
	{ "1.3.6.1.5.5.7.3.8", "timeStamping" },
	{ "1.3.6.1.5.5.7.3.9", "OCSPSigning" },
	/* qcStatements (RFC 3739 3.2.6, ETSI EN 319 412-5 4) */
	{ "1.3.6.1.5.5.7.11.1", "id-qcs-pkixQCSyntax-v1" },
	{ "1.3.6.1.5.5.7.11.2", "id-qcs-pkixQCSyntax-v2" },
	{ "0.4.0.1862.1.1", "id-etsi-qcs-QcCompliance" },
	{ "0.4.0.1862.1.2", "id-etsi-qcs-QcLimitValue" },
	{ "0.4.0.1862.1.3", "id-etsi-qcs-QcRetentionPeriod" },
	{ "0.4.0.1862.1.4", "id-etsi-qcs-QcSSCD" },
	{ "0.4.0.1862.1.5", "id-etsi-qcs-QcPDS" },
	{ "0.4.0.1862.1.6", "id-etsi-qcs-QcType" },
	{ "0.4.0.1862.1.6.1", "id-etsi-qct-esign" },
	{ "0.4.0.1862.1.6.2", "id-etsi-qct-eseal" },
	{ "0.4.0.1862.1.6.3", "id-etsi-qct-web" },
	{ "0.4.0.1862.1.7", "id-etsi-qcs-QcCClegislation" },
	{ "0.4.0.194121.1.1", "id-etsi-qcs-semanticsId-Natural" },
	{ "0.4.0.194121.1.2", "id-etsi-qcs-semanticsId-Legal" },
	/* PKCS#7 content types, so that a .p7b is readable too */
	{ "1.2.840.113549.1.7.1", "pkcs7-data" },
	{ "1.2.840.113549.1.7.2", "pkcs7-signedData" },
};

const char *
certshow__asn1_oid_name(const char *oid)
{
	const char *name;
	size_t i;

	if (oid == NULL) {
		return NULL;
	}
	for (i = 0; i < sizeof(oid_names) / sizeof(oid_names[0]); i++) {
		if (strcmp(oid_names[i].oid, oid) == 0) {
			return oid_names[i].name;
		}
	}
	/* One owner per table: attribute types are names.c's, algorithms
	 * this table does not spell its own way are ext.c's. */
	name = certshow__oid_pyname(oid);
	return name != NULL ? name : certshow__oid_algname(oid);
}

/* ------------------------------------------------------------------ */
/* Field names for the raw view                                         */
/* ------------------------------------------------------------------ */

/*
 * libtasn1 has no public way to walk a decoded tree, but it tells where an
 * element named by its path starts (asn1_der_decoding_startEnd). So the
 * view asks for the paths below, expanding "?*" over the elements of a
 * SEQUENCE OF / SET OF; libtasn1 checks that the structure matches the
 * module, and each answer names the TLV at that offset. Outer paths come
 * first: a CHOICE and its alternative share an offset and the outer name
 * is the one kept.
 */
static const char *const cert_paths[] = {
	"tbsCertificate",
	"tbsCertificate.version",
	"tbsCertificate.serialNumber",
	"tbsCertificate.signature",
	"tbsCertificate.signature.algorithm",
	"tbsCertificate.signature.parameters",
	"tbsCertificate.issuer",
	"tbsCertificate.issuer.rdnSequence.?*",
	"tbsCertificate.issuer.rdnSequence.?*.?*",
	"tbsCertificate.issuer.rdnSequence.?*.?*.type",
	"tbsCertificate.issuer.rdnSequence.?*.?*.value",
	"tbsCertificate.validity",
	"tbsCertificate.validity.notBefore",
	"tbsCertificate.validity.notAfter",
	"tbsCertificate.subject",
	"tbsCertificate.subject.rdnSequence.?*",
	"tbsCertificate.subject.rdnSequence.?*.?*",
	"tbsCertificate.subject.rdnSequence.?*.?*.type",
	"tbsCertificate.subject.rdnSequence.?*.?*.value",
	"tbsCertificate.subjectPublicKeyInfo",
	"tbsCertificate.subjectPublicKeyInfo.algorithm",
	"tbsCertificate.subjectPublicKeyInfo.algorithm.algorithm",
	"tbsCertificate.subjectPublicKeyInfo.algorithm.parameters",
	"tbsCertificate.subjectPublicKeyInfo.subjectPublicKey",
	"tbsCertificate.issuerUniqueID",
	"tbsCertificate.subjectUniqueID",
	"tbsCertificate.extensions",
	"tbsCertificate.extensions.?*",
	"tbsCertificate.extensions.?*.extnID",
	"tbsCertificate.extensions.?*.critical",
	"tbsCertificate.extensions.?*.extnValue",
	"signatureAlgorithm",
	"signatureAlgorithm.algorithm",
	"signatureAlgorithm.parameters",
	"signature",
};

/* Module type of an extension's value, and the paths inside it. */
struct ext_paths {
	const char *oid;
	const char *name;
	const char *type;
	const char *paths[8];
};

static const struct ext_paths ext_paths[] = {
	{ "2.5.29.19", "basicConstraints", "PKIX.BasicConstraints",
	    { "cA", "pathLenConstraint", NULL } },
	{ "2.5.29.15", "keyUsage", "PKIX.KeyUsage", { NULL } },
	{ "2.5.29.14", "subjectKeyIdentifier", "PKIX.SubjectKeyIdentifier",
	    { NULL } },
	{ "2.5.29.35", "authorityKeyIdentifier",
	    "PKIX.AuthorityKeyIdentifier",
	    { "keyIdentifier", "authorityCertIssuer",
		"authorityCertSerialNumber", NULL } },
	{ "2.5.29.17", "subjectAltName", "PKIX.SubjectAltName",
	    { "?*", NULL } },
	{ "2.5.29.18", "issuerAltName", "PKIX.IssuerAltName", { "?*", NULL } },
	{ "2.5.29.37", "extKeyUsage", "PKIX.ExtKeyUsageSyntax",
	    { "?*", NULL } },
	{ "2.5.29.32", "certificatePolicies", "PKIX.CertificatePolicies",
	    { "?*", "?*.policyIdentifier", "?*.policyQualifiers", NULL } },
	{ "2.5.29.33", "policyMappings", "PKIX.PolicyMappings",
	    { "?*", "?*.issuerDomainPolicy", "?*.subjectDomainPolicy",
		NULL } },
	{ "2.5.29.36", "policyConstraints", "PKIX.PolicyConstraints",
	    { "requireExplicitPolicy", "inhibitPolicyMapping", NULL } },
	{ "2.5.29.54", "inhibitAnyPolicy", "PKIX.InhibitAnyPolicy", { NULL } },
	{ "2.5.29.30", "nameConstraints", "PKIX.NameConstraints",
	    { "permittedSubtrees", "excludedSubtrees", NULL } },
	{ "2.5.29.31", "cRLDistributionPoints",
	    "PKIX.CRLDistributionPoints",
	    { "?*", "?*.distributionPoint", NULL } },
	{ "1.3.6.1.5.5.7.1.1", "authorityInfoAccess",
	    "PKIX.AuthorityInfoAccessSyntax",
	    { "?*", "?*.accessMethod", "?*.accessLocation", NULL } },
	{ "1.3.6.1.5.5.7.1.3", "qcStatements", "PKIX.QCStatements",
	    { "?*", "?*.statementId", "?*.statementInfo", NULL } },
	{ "1.3.6.1.5.5.7.1.24", "tlsFeature", "PKIX.Features", { NULL } },
};

static const struct ext_paths *
ext_paths_find(const char *oid)
{
	size_t i;

	for (i = 0; i < sizeof(ext_paths) / sizeof(ext_paths[0]); i++) {
		if (strcmp(ext_paths[i].oid, oid) == 0) {
			return &ext_paths[i];
		}
	}
	return NULL;
}

static int
labels_add(struct certshow__asn1_labels *l, size_t off, const char *name)
{
	size_t i, n;
	char *copy;

	/* Keep the map sorted; the first name at an offset wins. */
	for (i = l->n; i > 0 && l->v[i - 1].off > off; i--) {
	}
	if (i > 0 && l->v[i - 1].off == off) {
		return 0;
	}
	if (l->n == l->cap) {
		struct certshow__asn1_label *v;

		v = certshow__grow(l->v, &l->cap, l->n + 1, sizeof(*v), 64);
		if (v == NULL) {
			return CERTSHOW_E_NOMEM;
		}
		l->v = v;
	}
	n = strlen(name);
	copy = malloc(n + 1);
	if (copy == NULL) {
		return CERTSHOW_E_NOMEM;
	}
	memcpy(copy, name, n + 1);
	memmove(&l->v[i + 1], &l->v[i], (l->n - i) * sizeof(l->v[0]));
	l->v[i].off = off;
	l->v[i].name = copy;
	l->n++;
	return 0;
}

/* Display form of a libtasn1 path below `prefix`: ".?3" becomes "[2]",
 * the CHOICE step "rdnSequence" is dropped. */
static void
display_path(const char *prefix, const char *path, char *buf, size_t size)
{
	char full[256];
	const char *p;
	size_t o = 0;
	int n;

	n = snprintf(full, sizeof(full), "%s%s%s",
	    prefix != NULL ? prefix : "",
	    prefix != NULL && prefix[0] != '\0' && path[0] != '\0' ? "." : "",
	    path);
	if (n < 0 || (size_t)n >= sizeof(full)) {
		buf[0] = '\0';
		return;
	}
	buf[0] = '\0';
	p = full;
	while (*p != '\0' && o + 1 < size) {
		if (strncmp(p, ".rdnSequence", 12) == 0 &&
		    (p[12] == '.' || p[12] == '\0')) {
			p += 12;
			continue;
		}
		if ((p[0] == '.' && p[1] == '?') || (p == full && p[0] == '?')) {
			unsigned long k;

			p += p[0] == '.' ? 2 : 1;
			k = strtoul(p, NULL, 10);
			n = snprintf(buf + o, size - o, "[%lu]",
			    k > 0 ? k - 1 : 0);
			if (n < 0 || (size_t)n >= size - o) {
				break;
			}
			o += (size_t)n;
			while (*p >= '0' && *p <= '9') {
				p++;
			}
			continue;
		}
		buf[o++] = *p++;
		buf[o] = '\0';
	}
}

/* Expand the first "?*" of `path` over the elements of the list before
 * it; for each concrete path, call add_one(). */
struct label_job {
	asn1_node node;
	const uint8_t *der;
	size_t len;
	size_t base;
	const char *prefix;
	struct certshow__asn1_labels *out;
};

static int
label_path(struct label_job *j, const char *path, unsigned budget)
{
	char buf[256], disp[256];
	const char *star = strstr(path, "?*");
	size_t s, e, k, n;
	int rv;

	if (budget == 0) {
		return 0;
	}
	if (star == NULL) {
		if (certshow__asn1_range(j->node, j->der, j->len, path, &s,
		    &e) != 0) {
			return 0;
		}
		display_path(j->prefix, path, disp, sizeof(disp));
		if (disp[0] == '\0') {
			return 0;
		}
		return labels_add(j->out, j->base + s, disp);
	}
	/* The list is the path up to the '.' before "?*". */
	if ((size_t)(star - path) >= sizeof(buf)) {
		return 0;
	}
	memcpy(buf, path, (size_t)(star - path));
	buf[star - path] = '\0';
	if (star > path) {
		buf[star - path - 1] = '\0';
	}
	n = certshow__asn1_count(j->node, buf[0] == '\0' ? NULL : buf);
	for (k = 1; k <= n && k <= 1000; k++) {
		char sub[256];
		int m;

		m = snprintf(sub, sizeof(sub), "%s%s?%zu%s", buf,
		    buf[0] == '\0' ? "" : ".", k, star + 2);
		if (m < 0 || (size_t)m >= sizeof(sub)) {
			return 0;
		}
		rv = label_path(j, sub, budget - 1);
		if (rv != 0) {
			return rv;
		}
	}
	return 0;
}

static int
label_paths(struct label_job *j, const char *const *paths, size_t n)
{
	size_t i;
	int rv;

	for (i = 0; i < n && paths[i] != NULL; i++) {
		rv = label_path(j, paths[i], 4);
		if (rv != 0) {
			return rv;
		}
	}
	return 0;
}

/* Name the inside of each extension value that the module knows. */
static int
label_extensions(asn1_node defs, asn1_node cert, const uint8_t *der,
    size_t len, size_t base, struct certshow__asn1_labels *out)
{
	size_t n = certshow__asn1_count(cert, "tbsCertificate.extensions");
	size_t k, s, e;
	int rv = 0;

	for (k = 1; k <= n && k <= 1000; k++) {
		char path[96], oid[128], prefix[96];
		const struct ext_paths *ep;
		struct certshow__tlv t;
		struct certshow__der d;
		struct label_job j;
		asn1_node ext = NULL;

		snprintf(path, sizeof(path), "tbsCertificate.extensions.?%zu.extnID",
		    k);
		if (certshow__asn1_read_buf(cert, path, oid, sizeof(oid),
		    NULL) != 0) {
			continue;
		}
		ep = ext_paths_find(oid);
		if (ep == NULL) {
			continue;
		}
		snprintf(path, sizeof(path),
		    "tbsCertificate.extensions.?%zu.extnValue", k);
		if (certshow__asn1_range(cert, der, len, path, &s, &e) != 0) {
			continue;
		}
		/* The OCTET STRING's contents are the extension's DER. */
		certshow__der_init(&d, der + s, e - s + 1);
		if (certshow__der_next(&d, &t) != 0) {
			continue;
		}
		if (certshow__asn1_decode(NULL, defs, ep->type, t.val, t.len,
		    false, &ext) != 0) {
			continue;
		}
		snprintf(prefix, sizeof(prefix), "%s", ep->name);
		j.node = ext;
		j.der = t.val;
		j.len = t.len;
		j.base = base + (size_t)(t.val - der);
		j.prefix = prefix;
		j.out = out;
		rv = labels_add(out, j.base, prefix);
		if (rv == 0) {
			rv = label_paths(&j, ep->paths,
			    sizeof(ep->paths) / sizeof(ep->paths[0]));
		}
		asn1_delete_structure(&ext);
		if (rv != 0) {
			break;
		}
	}
	return rv;
}

int
certshow__asn1_labels_cert(asn1_node defs, const uint8_t *der, size_t len,
    size_t base, struct certshow__asn1_labels *out)
{
	asn1_node cert = NULL;
	struct label_job j;
	int rv;

	memset(out, 0, sizeof(*out));
	if (certshow__asn1_decode(NULL, defs, "PKIX.Certificate", der, len,
	    false, &cert) != 0) {
		return 0;
	}
	j.node = cert;
	j.der = der;
	j.len = len;
	j.base = base;
	j.prefix = NULL;
	j.out = out;
	rv = labels_add(out, base, "certificate");
	if (rv == 0) {
		rv = label_paths(&j, cert_paths,
		    sizeof(cert_paths) / sizeof(cert_paths[0]));
	}
	if (rv == 0) {
		rv = label_extensions(defs, cert, der, len, base, out);
	}
	asn1_delete_structure(&cert);
	if (rv != 0) {
		certshow__asn1_labels_free(out);
	}
	return rv;
}

const char *
certshow__asn1_label_at(const struct certshow__asn1_labels *l, size_t off)
{
	size_t lo = 0, hi;

	if (l == NULL) {
		return NULL;
	}
	hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->v[mid].off == off) {
			return l->v[mid].name;
		}
		if (l->v[mid].off < off) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return NULL;
}

void
certshow__asn1_labels_free(struct certshow__asn1_labels *l)
{
	size_t i;

	if (l == NULL) {
		return;
	}
	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* ------------------------------------------------------------------ */
/* Descriptions of extensions without an accessor                        */
/* ------------------------------------------------------------------ */

struct sbuf {
	char *p;
	size_t n, cap;
	bool oom;
};

static void
sb_add(struct sbuf *b, const char *fmt, ...) CERTSHOW__PRINTF(2, 3);

static void
sb_add(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->oom) {
		return;
	}
	for (;;) {
		size_t room = b->cap - b->n;

		va_start(ap, fmt);
		n = vsnprintf(b->p == NULL ? NULL : b->p + b->n, room, fmt, ap);
		va_end(ap);
		if (n < 0) {
			b->oom = true;
			return;
		}
		if ((size_t)n < room) {
			b->n += (size_t)n;
			return;
		}
		{
			char *q = certshow__grow(b->p, &b->cap,
			    b->n + (size_t)n + 1, 1, 64);

			if (q == NULL) {
				b->oom = true;
				return;
			}
			b->p = q;
		}
	}
}

static void
sb_oid(struct sbuf *b, const char *oid)
{
	const char *name = certshow__asn1_oid_name(oid);

	if (name != NULL) {
		sb_add(b, "%s", name);
	} else {
		sb_add(b, "%s", oid);
	}
}

/* Short name of an ETSI statement: "id-etsi-qcs-QcType" -> "QcType". */
static const char *
qc_short(const char *oid)
{
	const char *name = certshow__asn1_oid_name(oid);

	if (name == NULL) {
		return oid;
	}
	if (strncmp(name, "id-etsi-qcs-", 12) == 0) {
		return name + 12;
	}
	if (strncmp(name, "id-etsi-qct-", 12) == 0) {
		return name + 12;
	}
	if (strncmp(name, "id-qcs-", 7) == 0) {
		return name + 7;
	}
	return name;
}

static int
describe_qc(struct certshow_ctx *ctx, asn1_node defs, asn1_node n,
    struct sbuf *b)
{
	size_t k, count = certshow__asn1_count(n, NULL);
	char path[64], oid[128];

	for (k = 1; k <= count && k <= 100; k++) {
		snprintf(path, sizeof(path), "?%zu.statementId", k);
		if (certshow__asn1_read_buf(n, path, oid, sizeof(oid),
		    NULL) != 0) {
			return certshow__set_error(ctx, CERTSHOW_E_PARSE,
			    "qcStatements: statement %zu has no readable id",
			    k);
		}
		sb_add(b, "%s%s", k > 1 ? ", " : "", qc_short(oid));
		/* ETSI EN 319 412-5 4.2.3: QcType lists the certificate's
		 * purposes (esign, eseal, web). */
		if (strcmp(oid, "0.4.0.1862.1.6") == 0) {
			uint8_t *info = NULL;
			size_t ilen, t;
			asn1_node qt = NULL;
			char p2[32], toid[128];

			snprintf(path, sizeof(path), "?%zu.statementInfo", k);
			if (certshow__asn1_read(ctx, n, path, &info, &ilen) != 0) {
				continue;
			}
			if (certshow__asn1_decode(ctx, defs, "PKIX.QcType", info,
			    ilen, false, &qt) == 0) {
				sb_add(b, "(");
				for (t = 1; t <= certshow__asn1_count(qt, NULL) &&
				    t <= 16; t++) {
					snprintf(p2, sizeof(p2), "?%zu", t);
					if (certshow__asn1_read_buf(qt, p2, toid,
					    sizeof(toid), NULL) == 0) {
						sb_add(b, "%s%s", t > 1 ? "," : "",
						    qc_short(toid));
					}
				}
				sb_add(b, ")");
				asn1_delete_structure(&qt);
			}
			free(info);
		}
	}
	if (count == 0) {
		sb_add(b, "(empty)");
	}
	return 0;
}

static int
describe_mappings(struct certshow_ctx *ctx, asn1_node n, struct sbuf *b)
{
	size_t k, count = certshow__asn1_count(n, NULL);
	char path[64], from[128], to[128];

	for (k = 1; k <= count && k <= 100; k++) {
		snprintf(path, sizeof(path), "?%zu.issuerDomainPolicy", k);
		if (certshow__asn1_read_buf(n, path, from, sizeof(from),
		    NULL) != 0) {
			return certshow__set_error(ctx, CERTSHOW_E_PARSE,
			    "policyMappings: mapping %zu unreadable", k);
		}
		snprintf(path, sizeof(path), "?%zu.subjectDomainPolicy", k);
		if (certshow__asn1_read_buf(n, path, to, sizeof(to),
		    NULL) != 0) {
			return certshow__set_error(ctx, CERTSHOW_E_PARSE,
			    "policyMappings: mapping %zu unreadable", k);
		}
		sb_add(b, "%s", k > 1 ? ", " : "");
		sb_oid(b, from);
		sb_add(b, " -> ");
		sb_oid(b, to);
	}
	return 0;
}

/* Read a small non-negative INTEGER element as unsigned long; libtasn1
 * returns INTEGER contents as big-endian two's complement. */
static int
read_small_uint(asn1_node n, const char *name, unsigned long *out)
{
	uint8_t buf[16];
	int len = (int)sizeof(buf), rv, i;
	unsigned long v = 0;

	rv = asn1_read_value(n, name, buf, &len);
	if (rv != ASN1_SUCCESS) {
		return certshow__asn1_map_error(rv);
	}
	if (len < 1 || len > (int)sizeof(unsigned long) || (buf[0] & 0x80)) {
		return CERTSHOW_E_PARSE;
	}
	for (i = 0; i < len; i++) {
		v = (v << 8) | buf[i];
	}
	*out = v;
	return 0;
}

/* InhibitAnyPolicy (RFC 5280 4.2.1.14): "skipCerts=N". */
static int
describe_inhibit_any(struct certshow_ctx *ctx, asn1_node n, struct sbuf *b)
{
	unsigned long v;

	if (read_small_uint(n, "", &v) != 0) {
		return certshow__set_error(ctx, CERTSHOW_E_PARSE,
		    "inhibitAnyPolicy: skipCerts is not a small "
		    "non-negative INTEGER");
	}
	sb_add(b, "skipCerts=%lu", v);
	return 0;
}

/* PolicyConstraints (RFC 5280 4.2.1.11): the fields present. */
static void
describe_constraints(asn1_node n, struct sbuf *b)
{
	unsigned long v;

	if (read_small_uint(n, "requireExplicitPolicy", &v) == 0) {
		sb_add(b, "requireExplicitPolicy=%lu", v);
	}
	if (read_small_uint(n, "inhibitPolicyMapping", &v) == 0) {
		sb_add(b, "%sinhibitPolicyMapping=%lu",
		    b->n > 0 ? ", " : "", v);
	}
	if (b->n == 0) {
		/* RFC 5280 4.2.1.11: MUST NOT be an empty sequence. */
		sb_add(b, "(empty)");
	}
}

int
certshow__asn1_ext_describe(struct certshow_ctx *ctx, const char *oid,
    const uint8_t *value, size_t len, char **out)
{
	static const struct {
		const char *oid;
		const char *type;
	} known[] = {
		{ "1.3.6.1.5.5.7.1.3", "PKIX.QCStatements" },
		{ "2.5.29.33", "PKIX.PolicyMappings" },
		{ "2.5.29.54", "PKIX.InhibitAnyPolicy" },
		{ "2.5.29.36", "PKIX.PolicyConstraints" },
	};
	struct sbuf b = { NULL, 0, 0, false };
	asn1_node defs = NULL, n = NULL;
	size_t i;
	int rv;

	*out = NULL;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (oid != NULL && strcmp(known[i].oid, oid) == 0) {
			break;
		}
	}
	if (i == sizeof(known) / sizeof(known[0])) {
		return CERTSHOW_E_NOTFOUND;
	}
	rv = certshow__asn1_defs(ctx, &defs);
	if (rv != 0) {
		return rv;
	}
	/* Extension values are DER (RFC 5280 4.2): decode strictly. */
	rv = certshow__asn1_decode(ctx, defs, known[i].type, value, len, true,
	    &n);
	if (rv != 0) {
		certshow__wrap_error(ctx, "%s",
		    certshow__asn1_oid_name(oid));
		goto out;
	}
	switch (i) {
	case 0:
		rv = describe_qc(ctx, defs, n, &b);
		break;
	case 1:
		rv = describe_mappings(ctx, n, &b);
		break;
	case 2:
		rv = describe_inhibit_any(ctx, n, &b);
		break;
	default:
		describe_constraints(n, &b);
		break;
	}
	if (rv == 0 && (b.oom || b.p == NULL)) {
		rv = certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "describing %s: out of memory", oid);
	}
	if (rv == 0) {
		*out = b.p;
		b.p = NULL;
	}
out:
	free(b.p);
	asn1_delete_structure(&n);
	asn1_delete_structure(&defs);
	return rv;
}

/* ------------------------------------------------------------------ */
/* Input splitting: PEM blocks or concatenated DER                      */
/* ------------------------------------------------------------------ */

static int
items_push(struct certshow__asn1_items *it, size_t off, size_t len,
    const char *label, size_t label_len)
{
	const uint8_t **der;
	size_t *lens;
	char **labels;
	size_t n = it->n + 1;

	der = realloc(it->der, n * sizeof(*der));
	if (der == NULL) {
		return CERTSHOW_E_NOMEM;
	}
	it->der = der;
	lens = realloc(it->len, n * sizeof(*lens));
	if (lens == NULL) {
		return CERTSHOW_E_NOMEM;
	}
	it->len = lens;
	labels = realloc(it->label, n * sizeof(*labels));
	if (labels == NULL) {
		return CERTSHOW_E_NOMEM;
	}
	it->label = labels;
	/* Offsets for now: `buf` may still move while PEM is decoded. */
	it->der[it->n] = (const uint8_t *)(uintptr_t)off;
	it->len[it->n] = len;
	it->label[it->n] = NULL;
	if (label != NULL) {
		it->label[it->n] = malloc(label_len + 1);
		if (it->label[it->n] == NULL) {
			return CERTSHOW_E_NOMEM;
		}
		memcpy(it->label[it->n], label, label_len);
		it->label[it->n][label_len] = '\0';
	}
	it->n = n;
	return 0;
}

/* PEM blocks, read by pem.c's block iterator in its lenient mode: the
 * view and lint must show what is there, so a block with a bad base64
 * character is cut at that character, a block without an END line runs
 * to the next BEGIN or the end of the input, and the first such problem
 * is recorded in it->problem. */
static int
split_pem(struct certshow_ctx *ctx, const uint8_t *data, size_t len,
    struct certshow__asn1_items *it)
{
	struct certshow__pem_iter pi;
	struct certshow__pem_block b;
	size_t used = 0, cap = len / 4 * 3 + 3;
	int rv;

	it->buf = malloc(cap);
	if (it->buf == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "decoding PEM: out of memory");
	}
	certshow__pem_iter_init(&pi, data, len, NULL, NULL, NULL, false);
	while ((rv = certshow__pem_next_block(ctx, &pi, &b)) == 1) {
		if (b.problem[0] != '\0' && it->problem[0] == '\0') {
			snprintf(it->problem, sizeof(it->problem), "%s",
			    b.problem);
		}
		/* Base64 decodes to at most 3/4 of its text: the buffer
		 * holds every block; offsets survive a move anyway. */
		if (b.der_len > cap - used) {
			uint8_t *nb = realloc(it->buf, used + b.der_len);

			if (nb == NULL) {
				rv = CERTSHOW_E_NOMEM;
				break;
			}
			it->buf = nb;
			cap = used + b.der_len;
		}
		memcpy(it->buf + used, b.der, b.der_len);
		rv = items_push(it, used, b.der_len, b.label,
		    strlen(b.label));
		if (rv != 0) {
			break;
		}
		used += b.der_len;
	}
	certshow__pem_iter_free(&pi);
	if (rv < 0) {
		/* Lenient: the only error is the lack of memory. */
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "decoding PEM: out of memory");
	}
	return 0;
}

bool
certshow__asn1_is_pem(const uint8_t *data, size_t len)
{
	return certshow__pem_find(data, data + len, "-----BEGIN ") != NULL;
}

/* Concatenated DER: each item is one top-level TLV; bytes after an item
 * that do not start another SEQUENCE stay with the item before them, so
 * that lint reports them as trailing data. */
static int
split_der(struct certshow_ctx *ctx, const uint8_t *data, size_t len,
    struct certshow__asn1_items *it)
{
	size_t off = 0;
	int rv;

	while (off < len) {
		struct certshow__ber_hdr h;
		const char *why;
		size_t n;

		if (certshow__ber_header(data + off, len - off, off, &h,
		    &why) != 0 || h.indefinite ||
		    h.len > len - off - h.hdr_len ||
		    (it->n > 0 && data[off] != 0x30)) {
			n = len - off;
			if (it->n > 0) {
				it->len[it->n - 1] += n;
				break;
			}
		} else {
			n = h.hdr_len + h.len;
		}
		rv = items_push(it, off, n, NULL, 0);
		if (rv != 0) {
			return certshow__set_error(ctx, rv,
			    "splitting DER: out of memory");
		}
		off += n;
	}
	return 0;
}

int
certshow__asn1_split(struct certshow_ctx *ctx, const uint8_t *data,
    size_t len, struct certshow__asn1_items *out)
{
	const uint8_t *base;
	size_t i;
	int rv;

	memset(out, 0, sizeof(*out));
	if (len > 0 && data[0] != 0x30 && certshow__asn1_is_pem(data, len)) {
		rv = split_pem(ctx, data, len, out);
		base = out->buf;
	} else {
		rv = split_der(ctx, data, len, out);
		base = data;
	}
	if (rv != 0) {
		certshow__asn1_items_free(out);
		return rv;
	}
	for (i = 0; i < out->n; i++) {
		out->der[i] = base + (uintptr_t)out->der[i];
	}
	return 0;
}

void
certshow__asn1_items_free(struct certshow__asn1_items *it)
{
	size_t i;

	if (it == NULL) {
		return;
	}
	for (i = 0; i < it->n; i++) {
		free(it->label[i]);
	}
	free(it->der);
	free(it->len);
	free(it->label);
	free(it->buf);
	memset(it, 0, sizeof(*it));
}

/* ------------------------------------------------------------------ */
/* Lenient header                                                       */
/* ------------------------------------------------------------------ */

/* X.690 8.1.2.4: a high tag number in base 128, from p[*ip] on; *ip
 * ends past it. Returns 0, or -1 with *why set. */
static int
ber_long_tag(const uint8_t *p, size_t avail, struct certshow__ber_hdr *h,
    size_t *ip, const char **why)
{
	size_t i = *ip;

	h->tag = 0;
	for (;;) {
		if (i >= avail) {
			*why = "identifier octets truncated";
			return -1;
		}
		if (i == 1 && p[i] == 0x80) {
			h->notes |= CERTSHOW__BER_N_TAG_LONG;
		}
		if (i > 4) {
			*why = "tag number too large";
			return -1;
		}
		h->tag = (h->tag << 7) | (p[i] & 0x7Fu);
		if ((p[i++] & 0x80) == 0) {
			break;
		}
	}
	if (h->tag < 31) {
		h->notes |= CERTSHOW__BER_N_TAG_LONG;
	}
	*ip = i;
	return 0;
}

int
certshow__ber_header(const uint8_t *p, size_t avail, size_t off,
    struct certshow__ber_hdr *h, const char **why)
{
	size_t i = 1;

	memset(h, 0, sizeof(*h));
	h->off = off;
	if (avail < 1) {
		*why = "identifier octet missing";
		return -1;
	}
	h->cls = p[0] & 0xC0u;
	h->constructed = (p[0] & 0x20u) != 0;
	h->tag = p[0] & 0x1Fu;
	if (h->tag == 0x1F && ber_long_tag(p, avail, h, &i, why) != 0) {
		return -1;
	}
	if (i >= avail) {
		*why = "length octets missing";
		return -1;
	}
	if (p[i] < 0x80) {
		h->len = p[i++];
	} else if (p[i] == 0x80) {
		/* X.690 8.1.3.6: indefinite form, constructed only. */
		if (!h->constructed) {
			*why = "indefinite length on a primitive value";
			return -1;
		}
		h->indefinite = true;
		h->notes |= CERTSHOW__BER_N_LEN_INDEF;
		i++;
	} else if (p[i] == 0xFF) {
		/* X.690 8.1.3.5 c): reserved. */
		*why = "reserved length octet 0xFF";
		return -1;
	} else {
		size_t k = p[i++] & 0x7Fu, j;

		if (k > avail - i) {
			*why = "length octets truncated";
			return -1;
		}
		if (p[i] == 0) {
			h->notes |= CERTSHOW__BER_N_LEN_LONG;
		}
		for (j = 0; j < k; j++) {
			if (h->len > (SIZE_MAX >> 8)) {
				*why = "length too large";
				return -1;
			}
			h->len = (h->len << 8) | p[i + j];
		}
		/* X.690 10.1: the minimum number of octets. */
		if (h->len < 0x80) {
			h->notes |= CERTSHOW__BER_N_LEN_LONG;
		}
		i += k;
	}
	h->hdr_len = i;
	return 0;
}

static const struct {
	unsigned note;
	const char *what;
	const char *full;
} note_text[] = {
	{ CERTSHOW__BER_N_LEN_LONG, "length not in minimal form",
	    "length not in minimal form (X.690 10.1)" },
	{ CERTSHOW__BER_N_LEN_INDEF, "indefinite length",
	    "indefinite length (X.690 10.1)" },
	{ CERTSHOW__BER_N_TAG_LONG, "tag number not in minimal form",
	    "tag number not in minimal form (X.690 8.1.2)" },
	{ CERTSHOW__BER_N_INT_PAD, "INTEGER with a redundant leading octet",
	    "INTEGER with a redundant leading octet (X.690 8.3.2)" },
	{ CERTSHOW__BER_N_BOOL, "BOOLEAN TRUE not encoded as 0xFF",
	    "BOOLEAN TRUE not encoded as 0xFF (X.690 11.1)" },
	{ CERTSHOW__BER_N_BITS, "BIT STRING unused bits not zero",
	    "BIT STRING unused bits not zero (X.690 11.2)" },
	{ CERTSHOW__BER_N_CONS_STR, "constructed string encoding",
	    "constructed string encoding (X.690 10.2)" },
};

const char *
certshow__ber_note_str(unsigned note, bool cite)
{
	size_t i;

	for (i = 0; i < sizeof(note_text) / sizeof(note_text[0]); i++) {
		if (note_text[i].note == note) {
			return cite ? note_text[i].full : note_text[i].what;
		}
	}
	return "not DER";
}
