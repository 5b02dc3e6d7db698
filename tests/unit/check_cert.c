/* check_cert.c - the certificate decoder (lib/cert.c, lib/ext.c). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gnutls/gnutls.h>

#include "internal.h"
#include "testutil.h"

/* DER of data/dec/<name>.pem (malloc'd). */
static uint8_t *
fixture_der(const char *name, size_t *len)
{
	char rel[128];
	gnutls_datum_t out;
	uint8_t *pem, *der;
	size_t n;
	gnutls_datum_t in;

	snprintf(rel, sizeof(rel), "dec/%s.pem", name);
	pem = test_read_file(test_data_path(rel), &n);
	in.data = pem;
	in.size = (unsigned)n;
	ck_assert_int_eq(gnutls_pem_base64_decode2("CERTIFICATE", &in, &out),
	    0);
	der = malloc(out.size);
	ck_assert_ptr_nonnull(der);
	memcpy(der, out.data, out.size);
	*len = out.size;
	gnutls_free(out.data);
	free(pem);
	return der;
}

static struct certshow_cert *
load(struct certshow_ctx *ctx, const char *name)
{
	struct certshow_cert *c = NULL;
	uint8_t *der;
	size_t len;
	int rv;

	der = fixture_der(name, &len);
	rv = certshow__cert_new(ctx, &c, der, len, name, 3);
	ck_assert_msg(rv == 0, "%s: %d %s", name, rv, certshow_ctx_error(ctx));
	free(der);
	return c;
}

/* Line `i` (0-based) of data/dec/<name>.fp, written by gen.sh from the
 * bytes it assembled. */
static void
fp_line(const char *name, int i, char *buf, size_t size)
{
	char rel[128];
	FILE *fp;
	int k;

	snprintf(rel, sizeof(rel), "dec/%s.fp", name);
	fp = fopen(test_data_path(rel), "r");
	ck_assert_ptr_nonnull(fp);
	for (k = 0; k <= i; k++) {
		ck_assert_ptr_nonnull(fgets(buf, (int)size, fp));
	}
	fclose(fp);
	buf[strcspn(buf, "\n")] = '\0';
}

static void
assert_attr(const struct certshow_name *n, size_t rdn, size_t i,
    const char *oid, const char *type, const char *value, size_t len)
{
	const char *o, *t, *v;
	size_t vl;

	ck_assert_int_eq(certshow_name_attr(n, rdn, i, &o, &t, &v, &vl), 0);
	ck_assert_str_eq(o, oid);
	ck_assert_str_eq(t, type);
	ck_assert_uint_eq(vl, len);
	ck_assert_msg(memcmp(v, value, len) == 0, "rdn %zu attr %zu value",
	    rdn, i);
}

static void
assert_gn(const struct certshow_cert *c, size_t i, enum certshow_gn_type type,
    const char *oid, const void *value, size_t len)
{
	enum certshow_gn_type t;
	const char *o;
	const uint8_t *v;
	size_t l;

	ck_assert_int_eq(certshow_cert_general_name(c, CERTSHOW_LIST_SAN, i, &t,
	    &o, &v, &l), 0);
	ck_assert_msg(t == type, "san %zu: type %d want %d", i, t, type);
	if (oid == NULL) {
		ck_assert_ptr_null(o);
	} else {
		ck_assert_str_eq(o, oid);
	}
	ck_assert_uint_eq(l, len);
	ck_assert_msg(memcmp(v, value, len) == 0, "san %zu value", i);
}

START_TEST(test_leaf_rsa)
{
	static const uint8_t ip4[] = { 192, 0, 2, 1 };
	static const uint8_t ip6[] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 1 };
	static const uint8_t other[] = { 0x0c, 0x10, 'u', 's', 'e', 'r', '@',
		'e', 'x', 'a', 'm', 'p', 'l', 'e', '.', 'c', 'o', 'm' };
	static const uint8_t rid[] = { 0x2a, 0x03, 0x04, 0x05 };
	static const char *const ext_oids[] = { "2.5.29.19", "2.5.29.15",
		"2.5.29.37", "2.5.29.14", "2.5.29.35", "2.5.29.17",
		"1.3.6.1.5.5.7.1.1", "2.5.29.31", "2.5.29.32",
		"1.3.6.1.5.5.7.1.24", "1.3.6.1.4.1.11129.2.4.2",
		"1.3.6.1.4.1.99999.7" };
	static const char *const ext_names[] = { "basicConstraints",
		"keyUsage", "extendedKeyUsage", "subjectKeyIdentifier",
		"authorityKeyIdentifier", "subjectAltName",
		"authorityInfoAccess", "crlDistributionPoints",
		"certificatePolicies", "tlsfeature", "ct_precert_scts", NULL };
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c = load(ctx, "leaf-rsa");
	const struct certshow_name *n;
	const uint8_t *p, *lid;
	const char *oid, *name;
	uint64_t ts;
	unsigned ku;
	size_t len, i;
	int ca, pl, crit;
	char want[128];

	ck_assert_str_eq(certshow_cert_source(c, NULL), "leaf-rsa");
	ck_assert_uint_eq(test_source_index(c), 3);
	ck_assert_int_eq(certshow_cert_version(c), 3);
	ck_assert_str_eq(certshow_cert_serial_hex(c),
	    "8F00112233445566778899AABBCCDDEE");
	p = certshow_cert_raw(c, CERTSHOW_RAW_SERIAL, &len);
	ck_assert_uint_eq(len, 17);
	ck_assert_uint_eq(p[0], 0x00);
	ck_assert_uint_eq(p[1], 0x8F);
	ck_assert_str_eq(test_sig_oid(c), "1.2.840.113549.1.1.11");
	ck_assert_str_eq(test_sig_name(c),
	    "sha256WithRSAEncryption");
	ck_assert(!c->sig_alg_mismatch);
	ck_assert_uint_eq(c->problems, 0);
	ck_assert_ptr_null(c->ext_error);

	n = certshow_cert_name(c, CERTSHOW_DN_SUBJECT);
	ck_assert_uint_eq(certshow_name_rdn_count(n), 8);
	assert_attr(n, 0, 0, "2.5.4.6", "countryName", "FR", 2);
	assert_attr(n, 3, 0, "2.5.4.10", "organizationName", "Example, Inc.",
	    13);
	ck_assert_uint_eq(certshow_name_attr_count(n, 5), 2);
	assert_attr(n, 5, 0, "2.5.4.3", "commonName", "www.example.com", 15);
	assert_attr(n, 5, 1, "0.9.2342.19200300.100.1.1", "userId", "uid42",
	    5);
	assert_attr(n, 6, 0, "1.2.840.113549.1.9.1", "emailAddress",
	    "admin@example.com", 17);
	assert_attr(n, 7, 0, "0.9.2342.19200300.100.1.25", "domainComponent",
	    "com", 3);
	ck_assert_str_eq(certshow_name_string(n),
	    "DC=com,emailAddress=admin@example.com,"
	    "CN=www.example.com+UID=uid42,OU=Ops,O=Example\\, Inc.,L=Paris,"
	    "ST=Ile-de-France,C=FR");
	ck_assert_str_eq(certshow_name_string(certshow_cert_name(c,
	    CERTSHOW_DN_ISSUER)),
	    "CN=certshow dec test CA,O=certshow,C=FR");
	ck_assert_int_eq(test_not_before(c), 946684800);
	ck_assert_int_eq(test_not_after(c), 4102444799);

	ck_assert_str_eq(test_key_alg(c), "RSA");
	ck_assert_uint_eq(test_key_bits(c), 2048);
	ck_assert_ptr_null(test_key_curve(c));
	p = certshow_cert_raw(c, CERTSHOW_RAW_SPKI, &len);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(p[0], 0x30);
	ck_assert_uint_eq(len, 294);
	fp_line("leaf-rsa", 0, want, sizeof(want));
	ck_assert_str_eq(certshow_cert_fingerprint(c, CERTSHOW_FP_SHA256), want);
	fp_line("leaf-rsa", 1, want, sizeof(want));
	ck_assert_str_eq(certshow_cert_fingerprint(c, CERTSHOW_FP_SHA1), want);
	fp_line("leaf-rsa", 2, want, sizeof(want));
	ck_assert_str_eq(certshow_cert_fingerprint(c,
	    CERTSHOW_FP_SPKI_PIN_SHA256), want);

	ck_assert_uint_eq(certshow_cert_count(c, CERTSHOW_LIST_SAN), 9);
	assert_gn(c, 0, CERTSHOW_GN_DNS, NULL, "www.example.com", 15);
	assert_gn(c, 1, CERTSHOW_GN_DNS, NULL, "*.example.org", 13);
	assert_gn(c, 2, CERTSHOW_GN_IP, NULL, ip4, 4);
	assert_gn(c, 3, CERTSHOW_GN_IP, NULL, ip6, 16);
	assert_gn(c, 4, CERTSHOW_GN_EMAIL, NULL, "admin@example.com", 17);
	assert_gn(c, 5, CERTSHOW_GN_URI, NULL, "https://example.com/path", 24);
	assert_gn(c, 6, CERTSHOW_GN_DIRNAME, NULL,
	    "CN=dir name,O=Dir\\, Inc.,C=FR", 29);
	ck_assert_uint_eq(certshow_name_rdn_count(c->san[6].dirname), 3);
	assert_gn(c, 7, CERTSHOW_GN_OTHER, "1.3.6.1.5.5.7.8.9", other,
	    sizeof(other));
	assert_gn(c, 8, CERTSHOW_GN_RID, "1.2.3.4.5", rid, sizeof(rid));
	ck_assert_int_eq(certshow_cert_general_name(c, CERTSHOW_LIST_SAN, 9,
	    NULL, NULL, NULL, NULL),
	    CERTSHOW_E_NOTFOUND);

	ck_assert_uint_eq(certshow_cert_count(c, CERTSHOW_LIST_OCSP), 2);
	ck_assert_str_eq(certshow_cert_string(c, CERTSHOW_LIST_OCSP, 0),
	    "http://ocsp1.example.com");
	ck_assert_str_eq(certshow_cert_string(c, CERTSHOW_LIST_OCSP, 1),
	    "http://ocsp2.example.com");
	ck_assert_ptr_null(certshow_cert_string(c, CERTSHOW_LIST_OCSP, 2));
	ck_assert_uint_eq(certshow_cert_count(c, CERTSHOW_LIST_CA_ISSUERS), 2);
	ck_assert_str_eq(certshow_cert_string(c, CERTSHOW_LIST_CA_ISSUERS, 0),
	    "http://ca.example.com/ca.der");
	ck_assert_str_eq(certshow_cert_string(c, CERTSHOW_LIST_CA_ISSUERS, 1),
	    "ldap://ca.example.com/ca");
	ck_assert_uint_eq(certshow_cert_count(c, CERTSHOW_LIST_CRL_DP), 3);
	ck_assert_str_eq(certshow_cert_string(c, CERTSHOW_LIST_CRL_DP, 0),
	    "http://crl1.example.com/a.crl");
	ck_assert_str_eq(certshow_cert_string(c, CERTSHOW_LIST_CRL_DP, 1),
	    "ldap://crl1.example.com/a");
	ck_assert_str_eq(certshow_cert_string(c, CERTSHOW_LIST_CRL_DP, 2),
	    "http://crl2.example.com/b.crl");

	ck_assert_int_eq(certshow_cert_key_usage(c, &ku), 1);
	ck_assert_uint_eq(ku, CERTSHOW_KU_DIGITAL_SIGNATURE |
	    CERTSHOW_KU_KEY_ENCIPHERMENT);
	ck_assert_uint_eq(certshow_cert_count(c, CERTSHOW_LIST_EKU), 2);
	ck_assert_str_eq(certshow_cert_string(c, CERTSHOW_LIST_EKU, 0),
	    "1.3.6.1.5.5.7.3.1");
	ck_assert_str_eq(certshow_cert_string(c, CERTSHOW_LIST_EKU, 1),
	    "1.3.6.1.5.5.7.3.2");
	ck_assert_int_eq(certshow_cert_basic_constraints(c, &ca, &pl), 1);
	ck_assert_int_eq(ca, 0);
	ck_assert_int_eq(pl, -1);
	p = certshow_cert_raw(c, CERTSHOW_RAW_SUBJECT_KEY_ID, &len);
	ck_assert_uint_eq(len, 20);
	for (i = 0; i < len; i++) {
		ck_assert_uint_eq(p[i], 0xA0 + i);
	}
	p = certshow_cert_raw(c, CERTSHOW_RAW_AUTHORITY_KEY_ID, &len);
	ck_assert_uint_eq(len, 20);
	for (i = 0; i < len; i++) {
		ck_assert_uint_eq(p[i], 1 + i);
	}
	ck_assert_uint_eq(certshow_cert_count(c, CERTSHOW_LIST_POLICY), 2);
	ck_assert_str_eq(certshow_cert_string(c, CERTSHOW_LIST_POLICY, 0),
	    "2.23.140.1.2.2");
	ck_assert_str_eq(certshow_cert_string(c, CERTSHOW_LIST_POLICY, 1),
	    "1.3.6.1.4.1.99999.1.2");
	ck_assert_uint_eq(certshow_cert_count(c, CERTSHOW_LIST_SCT), 2);
	ck_assert_int_eq(certshow_cert_sct(c, 0, &lid, &ts), 0);
	ck_assert_uint_eq(lid[0], 0x11);
	ck_assert_uint_eq(lid[31], 0x11);
	ck_assert_uint_eq(ts, 1577836800000ULL);
	ck_assert_int_eq(certshow_cert_sct(c, 1, &lid, &ts), 0);
	ck_assert_uint_eq(lid[0], 0x22);
	ck_assert_uint_eq(ts, 1577836801234ULL);
	ck_assert_int_eq(certshow_cert_sct(c, 2, &lid, &ts),
	    CERTSHOW_E_NOTFOUND);
	ck_assert_int_eq(certshow_cert_must_staple(c), 1);
	ck_assert_uint_eq(certshow_cert_count(c, CERTSHOW_LIST_NC_PERMITTED),
	    0);

	ck_assert_uint_eq(certshow_cert_count(c, CERTSHOW_LIST_EXT), 12);
	for (i = 0; i < 12; i++) {
		ck_assert_int_eq(certshow_cert_ext(c, i, &oid, &name, &crit, &p,
		    &len), 0);
		ck_assert_str_eq(oid, ext_oids[i]);
		if (ext_names[i] == NULL) {
			ck_assert_ptr_null(name);
		} else {
			ck_assert_str_eq(name, ext_names[i]);
		}
		ck_assert_int_eq(crit, i < 2);
	}
	/* The unknown extension's raw value: OCTET STRING "opaque". */
	ck_assert_uint_eq(len, 8);
	ck_assert_int_eq(memcmp(p, "\x04\x06opaque", 8), 0);
	ck_assert_int_eq(certshow_cert_ext(c, 12, NULL, NULL, NULL, NULL,
	    NULL), CERTSHOW_E_NOTFOUND);
	certshow_cert_free(c);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_san_exotic)
{
	static const uint8_t x400[] = { 0xa3, 0x02, 0x30, 0x00 };
	static const uint8_t edi[] = { 0xa5, 0x09, 0xa1, 0x07, 0x0c, 0x05, 'p',
		'a', 'r', 't', 'y' };
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c = load(ctx, "san-exotic");

	/* Kept as the whole GeneralName DER. */
	ck_assert_uint_eq(certshow_cert_count(c, CERTSHOW_LIST_SAN), 2);
	assert_gn(c, 0, CERTSHOW_GN_X400, NULL, x400, sizeof(x400));
	assert_gn(c, 1, CERTSHOW_GN_EDIPARTY, NULL, edi, sizeof(edi));
	ck_assert_uint_eq(c->problems, 0);
	certshow_cert_free(c);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_ca_rsa)
{
	static const uint8_t net[] = { 10, 0, 0, 0, 255, 0, 0, 0 };
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c = load(ctx, "ca-rsa");
	enum certshow_gn_type t;
	const uint8_t *v;
	unsigned ku;
	size_t len;
	int ca, pl;

	ck_assert_int_eq(certshow_cert_basic_constraints(c, &ca, &pl), 1);
	ck_assert_int_eq(ca, 1);
	ck_assert_int_eq(pl, 1);
	ck_assert_int_eq(certshow_cert_key_usage(c, &ku), 1);
	ck_assert_uint_eq(ku, CERTSHOW_KU_KEY_CERT_SIGN | CERTSHOW_KU_CRL_SIGN);
	ck_assert_ptr_null(certshow_cert_raw(c, CERTSHOW_RAW_AUTHORITY_KEY_ID,
	    &len));
	ck_assert_uint_eq(len, 0);
	ck_assert_uint_eq(certshow_cert_count(c, CERTSHOW_LIST_SAN), 0);
	ck_assert_int_eq(certshow_cert_must_staple(c), 0);
	ck_assert_str_eq(certshow_cert_serial_hex(c), "01");
	ck_assert_uint_eq(certshow_cert_count(c, CERTSHOW_LIST_NC_PERMITTED),
	    2);
	ck_assert_int_eq(certshow_cert_general_name(c,
	    CERTSHOW_LIST_NC_PERMITTED, 0, &t,
	    NULL, &v, &len),
	    0);
	ck_assert_int_eq(t, CERTSHOW_GN_DNS);
	ck_assert_uint_eq(len, 12);
	ck_assert_int_eq(memcmp(v, ".example.com", 12), 0);
	ck_assert_int_eq(certshow_cert_general_name(c,
	    CERTSHOW_LIST_NC_PERMITTED, 1, &t,
	    NULL, &v, &len),
	    0);
	ck_assert_int_eq(t, CERTSHOW_GN_IP);
	ck_assert_uint_eq(len, 8);
	ck_assert_int_eq(memcmp(v, net, 8), 0);
	ck_assert_uint_eq(certshow_cert_count(c, CERTSHOW_LIST_NC_EXCLUDED), 3);
	ck_assert_int_eq(certshow_cert_general_name(c,
	    CERTSHOW_LIST_NC_EXCLUDED, 1, &t,
	    NULL, &v, &len),
	    0);
	ck_assert_int_eq(t, CERTSHOW_GN_DIRNAME);
	ck_assert_str_eq((const char *)v, "O=Evil");
	ck_assert_int_eq(certshow_cert_general_name(c,
	    CERTSHOW_LIST_NC_EXCLUDED, 2, &t,
	    NULL, &v, &len),
	    0);
	ck_assert_int_eq(t, CERTSHOW_GN_EMAIL);
	ck_assert_int_eq(certshow_cert_general_name(c,
	    CERTSHOW_LIST_NC_EXCLUDED, 3, &t,
	    NULL, &v, &len),
	    CERTSHOW_E_NOTFOUND);
	certshow_cert_free(c);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_leaf_ec)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c = load(ctx, "leaf-ec");
	const struct certshow_name *n = certshow_cert_name(c,
	    CERTSHOW_DN_SUBJECT);

	ck_assert_str_eq(certshow_cert_serial_hex(c),
	    "7F0102030405060708090A0B0C0D0E0F10111213");
	ck_assert_str_eq(test_sig_name(c), "ecdsa-with-SHA384");
	ck_assert_str_eq(test_key_alg(c), "EC");
	ck_assert_uint_eq(test_key_bits(c), 256);
	ck_assert_str_eq(test_key_curve(c), "P-256");
	/* 1969-07-20T20:17:40Z as UTCTime, 2061-01-02T03:04:05Z as
	 * GeneralizedTime (RFC 5280 4.1.2.5). */
	ck_assert_int_eq(test_not_before(c), -14182940);
	ck_assert_uint_eq(c->not_before_tag, CERTSHOW__TAG_UTCTIME);
	ck_assert_int_eq(test_not_after(c), 2871860645LL);
	ck_assert_uint_eq(c->not_after_tag, CERTSHOW__TAG_GENERALIZEDTIME);
	assert_attr(n, 0, 0, "1.3.6.1.4.1.311.60.2.1.3",
	    "jurisdictionCountryName", "FR", 2);
	assert_attr(n, 1, 0, "1.3.6.1.4.1.311.60.2.1.2",
	    "jurisdictionStateOrProvinceName", "Bretagne", 8);
	assert_attr(n, 2, 0, "1.3.6.1.4.1.311.60.2.1.1",
	    "jurisdictionLocalityName", "Rennes", 6);
	assert_attr(n, 3, 0, "2.5.4.15", "businessCategory",
	    "Private Organization", 20);
	assert_attr(n, 4, 0, "2.5.4.5", "serialNumber", "123 456 789", 11);
	assert_attr(n, 5, 0, "2.5.4.97", "organizationIdentifier",
	    "VATFR-12345678901", 17);
	/* BMPString, T61String (Latin-1), UniversalString to UTF-8. */
	assert_attr(n, 6, 0, "2.5.4.10", "organizationName",
	    "Zo\xc3\xab \xe6\x97\xa5\xe6\x9c\xac", 11);
	assert_attr(n, 7, 0, "2.5.4.11", "organizationalUnitName",
	    "Caf\xc3\xa9", 5);
	assert_attr(n, 8, 0, "2.5.4.7", "localityName", "M\xc3\xbcnchen", 8);
	assert_attr(n, 9, 0, "2.5.4.9", "streetAddress",
	    " #lead,+\"\\<>;trail ", 19);
	ck_assert_str_eq(certshow_name_string(n),
	    "STREET=\\ #lead\\,\\+\\\"\\\\\\<\\>\\;trail\\ ,L=M\xc3\xbcnchen,"
	    "OU=Caf\xc3\xa9,O=Zo\xc3\xab \xe6\x97\xa5\xe6\x9c\xac,"
	    "organizationIdentifier=VATFR-12345678901,"
	    "serialNumber=123 456 789,businessCategory=Private Organization,"
	    "jurisdictionLocalityName=Rennes,"
	    "jurisdictionStateOrProvinceName=Bretagne,"
	    "jurisdictionCountryName=FR");
	certshow_cert_free(c);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_odd_name)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c = load(ctx, "odd-name");
	const struct certshow_name *n = certshow_cert_name(c,
	    CERTSHOW_DN_SUBJECT);

	/* Kept with its length: NUL, control character, invalid UTF-8. */
	assert_attr(n, 0, 0, "2.5.4.3", "commonName", "nul\0ctl\1bad\xff", 12);
	/* A non-string value is shown as RFC 4514's #hexstring. */
	assert_attr(n, 1, 0, "1.2.3.4.5.6", "1.2.3.4.5.6", "#02020102", 9);
	/* A UTF-16 surrogate pair in a BMPString. */
	assert_attr(n, 2, 0, "2.5.4.10", "organizationName",
	    "smile \xf0\x9f\x98\x80", 10);
	ck_assert_str_eq(certshow_name_string(n),
	    "O=smile \xf0\x9f\x98\x80,1.2.3.4.5.6=#02020102,"
	    "CN=nul\\00ctl\\01bad\\FF");
	ck_assert_uint_eq(c->problems, 0);
	certshow_cert_free(c);
	certshow_ctx_free(ctx);
}
END_TEST

struct alg_row {
	const char *file;
	const char *sig_oid, *sig_name, *key_alg;
	unsigned key_bits;
	int version;
	const char *serial;
	unsigned problems;
};

static const struct alg_row alg_rows[] = {
	{ "ed25519", "1.3.101.112", "ED25519", "Ed25519", 256, 3, "01", 0 },
	{ "pss", "1.2.840.113549.1.1.10", "RSASSA-PSS", "RSA", 2048, 3, "07",
	    0 },
	{ "sha1", "1.2.840.113549.1.1.5", "sha1WithRSAEncryption", "RSA", 2048,
	    3, "08", 0 },
	{ "ca-ec", "1.2.840.10045.4.3.3", "ecdsa-with-SHA384", "EC", 384, 3,
	    "02", 0 },
	{ "v1", "1.2.840.113549.1.1.11", "sha256WithRSAEncryption", "RSA",
	    2048, 1, "03E8", 0 },
	/* OpenSSL's i2a_ASN1_INTEGER breaks lines after 35 octets. */
	{ "big-serial", "1.2.840.113549.1.1.11", "sha256WithRSAEncryption",
	    "RSA", 2048, 3,
	    "0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"
	    "20212223\\\n2425262728", CERTSHOW__PROB_SERIAL_LONG },
};

START_TEST(test_algs)
{
	const struct alg_row *r = &alg_rows[_i];
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c = load(ctx, r->file);

	ck_assert_msg(strcmp(test_sig_oid(c), r->sig_oid) == 0,
	    "%s: %s", r->file, test_sig_oid(c));
	ck_assert_str_eq(test_sig_name(c), r->sig_name);
	ck_assert_str_eq(test_key_alg(c), r->key_alg);
	ck_assert_uint_eq(test_key_bits(c), r->key_bits);
	ck_assert_int_eq(certshow_cert_version(c), r->version);
	ck_assert_str_eq(certshow_cert_serial_hex(c), r->serial);
	ck_assert_uint_eq(c->problems, r->problems);
	if (r->version == 1) {
		ck_assert_uint_eq(certshow_cert_count(c, CERTSHOW_LIST_EXT), 0);
		ck_assert_int_eq(certshow_cert_basic_constraints(c, NULL, NULL),
		    0);
		ck_assert_int_eq(certshow_cert_key_usage(c, NULL), 0);
	}
	certshow_cert_free(c);
	certshow_ctx_free(ctx);
}
END_TEST

static size_t
find(const uint8_t *hay, size_t n, const void *needle, size_t m)
{
	size_t i;

	for (i = 0; i + m <= n; i++) {
		if (memcmp(hay + i, needle, m) == 0) {
			return i;
		}
	}
	ck_abort_msg("pattern not found");
	return 0;
}

/* Policy-level oddities load, each recorded as exactly one problem. */
struct odd_row {
	const char *file;
	unsigned problems;
	const char *serial;
};

static const struct odd_row odd_rows[] = {
	{ "neg-serial", CERTSHOW__PROB_SERIAL_NEGATIVE, "-05" },
	{ "zero-serial", CERTSHOW__PROB_SERIAL_ZERO, "00" },
	{ "v1-ext", CERTSHOW__PROB_VERSION, "09" },
	{ "unknown-critical", CERTSHOW__PROB_UNKNOWN_CRITICAL, "0A" },
	{ "bad-ku", CERTSHOW__PROB_BAD_EXTENSION, "0B" },
	{ "dup-ext", CERTSHOW__PROB_DUP_EXTENSION, "0C" },
	{ "alg-mismatch", 0, "0D" },
};

START_TEST(test_oddities)
{
	const struct odd_row *r = &odd_rows[_i];
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c = load(ctx, r->file);

	ck_assert_msg(c->problems == r->problems, "%s: problems %#x want %#x",
	    r->file, c->problems, r->problems);
	if (r->problems != 0) {
		ck_assert_ptr_nonnull(c->ext_error);
	} else {
		ck_assert_ptr_null(c->ext_error);
	}
	ck_assert_str_eq(certshow_cert_serial_hex(c), r->serial);
	ck_assert_int_eq(c->sig_alg_mismatch,
	    strcmp(r->file, "alg-mismatch") == 0);
	if (strcmp(r->file, "bad-ku") == 0) {
		/* The raw extension stays listed, its fields stay empty; the
		 * message names the value's offset (a NULL, not a BIT
		 * STRING). */
		static const uint8_t ku[] = { 0x06, 0x03, 0x55, 0x1d, 0x0f,
			0x01, 0x01, 0xff, 0x04, 0x02, 0x05, 0x00 };
		const uint8_t *der;
		size_t len, off;
		char want[128];

		ck_assert_uint_eq(certshow_cert_count(c, CERTSHOW_LIST_EXT), 2);
		ck_assert_int_eq(certshow_cert_key_usage(c, NULL), 0);
		der = certshow_cert_raw(c, CERTSHOW_RAW_DER, &len);
		off = find(der, len, ku, sizeof(ku)) + 10;
		snprintf(want, sizeof(want), "extension keyUsage (2.5.29.15): "
		    "KeyUsage at offset %zu: unexpected tag", off);
		ck_assert_str_eq(c->ext_error, want);
	}
	if (strcmp(r->file, "dup-ext") == 0) {
		size_t len;
		const uint8_t *p = certshow_cert_raw(c,
		    CERTSHOW_RAW_SUBJECT_KEY_ID, &len);

		ck_assert(c->dup_ext);
		ck_assert_uint_eq(len, 1);
		ck_assert_uint_eq(p[0], 1);
	}
	certshow_cert_free(c);
	certshow_ctx_free(ctx);
}
END_TEST

/* Every prefix of a real certificate is rejected cleanly. */
START_TEST(test_truncated)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c;
	uint8_t *der;
	size_t len, n;
	int rv;

	der = fixture_der("leaf-rsa", &len);
	for (n = 0; n < len; n++) {
		c = (struct certshow_cert *)1;
		rv = certshow_cert_from_der(ctx, &c, der, n);
		ck_assert_msg(rv == CERTSHOW_E_PARSE, "length %zu: rv %d", n, rv);
		ck_assert_ptr_null(c);
		ck_assert_msg(strncmp(certshow_ctx_error(ctx), "certificate: ",
		    13) == 0, "length %zu: %s", n, certshow_ctx_error(ctx));
	}
	free(der);
	certshow_ctx_free(ctx);
}
END_TEST

/* Flipping any single byte never crashes; the result is a certificate or
 * CERTSHOW_E_PARSE. */
START_TEST(test_mutations)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c;
	uint8_t *der;
	size_t len, i;
	int rv;

	der = fixture_der("leaf-rsa", &len);
	for (i = 0; i < len; i++) {
		der[i] ^= 0xFF;
		c = NULL;
		rv = certshow_cert_from_der(ctx, &c, der, len);
		ck_assert_msg(rv == 0 || rv == CERTSHOW_E_PARSE, "byte %zu: %d",
		    i, rv);
		ck_assert_int_eq(rv == 0, c != NULL);
		certshow_cert_free(c);
		der[i] ^= 0xFF;
	}
	free(der);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_bad_encodings)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c = NULL;
	uint8_t *der, *buf;
	size_t len, off;
	char want[160];

	der = fixture_der("leaf-rsa", &len);
	buf = malloc(len + 2);
	ck_assert_ptr_nonnull(buf);

	/* Trailing data after the certificate. */
	memcpy(buf, der, len);
	buf[len] = 0;
	ck_assert_int_eq(certshow_cert_from_der(ctx, &c, buf, len + 1),
	    CERTSHOW_E_PARSE);
	snprintf(want, sizeof(want),
	    "certificate: Certificate at offset %zu: trailing data", len);
	ck_assert_str_eq(certshow_ctx_error(ctx), want);

	/* Non-minimal length: 30 82 LL LL rewritten as 30 83 00 LL LL. */
	ck_assert_uint_eq(der[1], 0x82);
	buf[0] = 0x30;
	buf[1] = 0x83;
	buf[2] = 0x00;
	memcpy(buf + 3, der + 2, len - 2);
	ck_assert_int_eq(certshow_cert_from_der(ctx, &c, buf, len + 1),
	    CERTSHOW_E_PARSE);
	ck_assert_str_eq(certshow_ctx_error(ctx), "certificate: Certificate "
	    "at offset 0: invalid or non-minimal length");

	/* A bad digit in notAfter (GeneralizedTime 20991231235959Z). */
	memcpy(buf, der, len);
	off = find(buf, len, "\x18\x0f" "20991231235959Z", 17);
	buf[off + 5] = 'X';
	ck_assert_int_eq(certshow_cert_from_der(ctx, &c, buf, len),
	    CERTSHOW_E_PARSE);
	snprintf(want, sizeof(want), "certificate: tbsCertificate.validity."
	    "notAfter at offset %zu: invalid value encoding", off);
	ck_assert_str_eq(certshow_ctx_error(ctx), want);

	/* BOOLEAN TRUE must be 0xFF in DER (X.690 11.1). */
	memcpy(buf, der, len);
	off = find(buf, len, "\x06\x03\x55\x1d\x13\x01\x01\xff", 8);
	buf[off + 7] = 0x01;
	ck_assert_int_eq(certshow_cert_from_der(ctx, &c, buf, len),
	    CERTSHOW_E_PARSE);
	snprintf(want, sizeof(want), "certificate: tbsCertificate.extensions."
	    "Extension.critical at offset %zu: invalid value encoding", off + 5);
	ck_assert_str_eq(certshow_ctx_error(ctx), want);

	/* signatureValue must be a BIT STRING. */
	memcpy(buf, der, len);
	off = len - 256 - 5;
	ck_assert_uint_eq(buf[off], 0x03);
	buf[off] = 0x04;
	ck_assert_int_eq(certshow_cert_from_der(ctx, &c, buf, len),
	    CERTSHOW_E_PARSE);
	snprintf(want, sizeof(want),
	    "certificate: signatureValue at offset %zu: unexpected tag", off);
	ck_assert_str_eq(certshow_ctx_error(ctx), want);

	/* Non-minimal serial INTEGER (leading 0x00 before 0x01). */
	memcpy(buf, der, len);
	off = find(buf, len, "\x02\x11\x00\x8f", 4);
	buf[off + 3] = 0x0f;
	ck_assert_int_eq(certshow_cert_from_der(ctx, &c, buf, len),
	    CERTSHOW_E_PARSE);
	snprintf(want, sizeof(want), "certificate: tbsCertificate.serialNumber"
	    " at offset %zu: invalid value encoding", off);
	ck_assert_str_eq(certshow_ctx_error(ctx), want);
	ck_assert_ptr_null(c);

	/* Empty input and bad arguments. */
	ck_assert_int_eq(certshow_cert_from_der(ctx, &c, der, 0),
	    CERTSHOW_E_PARSE);
	ck_assert_int_eq(certshow_cert_from_der(ctx, NULL, der, len),
	    CERTSHOW_E_INVAL);
	ck_assert_int_eq(certshow_ctx_set_limit(ctx, CERTSHOW_LIMIT_CERT_SIZE,
	    100), 0);
	ck_assert_int_eq(certshow_cert_from_der(ctx, &c, der, len),
	    CERTSHOW_E_LIMIT);
	free(buf);
	free(der);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_null_accessors)
{
	size_t len = 99;

	ck_assert_ptr_null(certshow_cert_raw(NULL, CERTSHOW_RAW_DER, &len));
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(certshow_cert_version(NULL), 0);
	ck_assert_uint_eq(certshow_cert_count(NULL, CERTSHOW_LIST_SAN), 0);
	ck_assert_int_eq(certshow_cert_must_staple(NULL), 0);
	ck_assert_str_eq(certshow_name_string(NULL), "");
	certshow_cert_free(NULL);
}
END_TEST

/* A selector applied to the wrong kind of list, or out of range: the
 * string getter gives NULL, the general-name getter NOTFOUND, and an
 * unknown selector counts nothing; the valid twin of each reads. */
START_TEST(test_selectors)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c = load(ctx, "leaf-rsa");
	enum certshow_gn_type t;
	const uint8_t *v;
	size_t len = 99, n;

	n = certshow_cert_count(c, CERTSHOW_LIST_OCSP);
	ck_assert_uint_gt(n, 0);
	ck_assert_ptr_nonnull(certshow_cert_string(c, CERTSHOW_LIST_OCSP, 0));
	ck_assert_ptr_null(certshow_cert_string(c, CERTSHOW_LIST_OCSP, n));
	ck_assert_ptr_null(certshow_cert_string(c, CERTSHOW_LIST_SAN, 0));
	ck_assert_ptr_null(certshow_cert_string(c, CERTSHOW_LIST_EXT, 0));
	ck_assert_int_eq(certshow_cert_general_name(c, CERTSHOW_LIST_SAN, 0,
	    &t, NULL, &v, &len), 0);
	ck_assert_int_eq(t, CERTSHOW_GN_DNS);
	ck_assert_int_eq(certshow_cert_general_name(c, CERTSHOW_LIST_OCSP, 0,
	    &t, NULL, &v, &len), CERTSHOW_E_NOTFOUND);
	ck_assert_int_eq(certshow_cert_general_name(c, CERTSHOW_LIST_SAN, 9,
	    &t, NULL, &v, &len), CERTSHOW_E_NOTFOUND);
	ck_assert_uint_eq(certshow_cert_count(c, (enum certshow_list)99), 0);
	ck_assert_ptr_nonnull(certshow_cert_raw(c, CERTSHOW_RAW_DER, &len));
	ck_assert_uint_gt(len, 0);
	ck_assert_ptr_null(certshow_cert_raw(c, (enum certshow_raw)99, &len));
	ck_assert_uint_eq(len, 0);
	ck_assert_ptr_nonnull(certshow_cert_name(c, CERTSHOW_DN_ISSUER));
	ck_assert_ptr_null(certshow_cert_name(c, (enum certshow_dn)9));
	certshow_cert_free(c);
	certshow_ctx_free(ctx);
}
END_TEST

/* policyMappings, policyConstraints and inhibitAnyPolicy (RFC 5280
 * 4.2.1.5, 4.2.1.11, 4.2.1.14) from raw extension values: what decodes,
 * and what is a bad extension. */
static const struct {
	int id;
	const char *oid;
	const char *hex;   /* extnValue contents */
	int ok;
	int require, inhibit, any;
	size_t n_pmap;
} pext[] = {
	/* { { 1.2.3 -> 1.2.4 } } */
	{ CERTSHOW__EXT_POLICY_MAPPINGS, "2.5.29.33",
	    "300a300806022a0306022a04", 1, -1, -1, -1, 1 },
	/* two mappings, the second to anyPolicy (decodes; 6.1.4 refuses) */
	{ CERTSHOW__EXT_POLICY_MAPPINGS, "2.5.29.33",
	    "3016300806022a0306022a04300a06022a030604551d2000", 1, -1, -1, -1,
	    2 },
	/* empty; a mapping without its subjectDomainPolicy */
	{ CERTSHOW__EXT_POLICY_MAPPINGS, "2.5.29.33", "3000", 0, -1, -1, -1,
	    0 },
	{ CERTSHOW__EXT_POLICY_MAPPINGS, "2.5.29.33", "3006300406022a03", 0,
	    -1, -1, -1, 0 },
	/* requireExplicitPolicy 0; inhibitPolicyMapping 2; both */
	{ CERTSHOW__EXT_POLICY_CONSTRAINTS, "2.5.29.36", "3003800100", 1, 0,
	    -1, -1, 0 },
	{ CERTSHOW__EXT_POLICY_CONSTRAINTS, "2.5.29.36", "3003810102", 1, -1,
	    2, -1, 0 },
	{ CERTSHOW__EXT_POLICY_CONSTRAINTS, "2.5.29.36", "3006800101810100", 1,
	    1, 0, -1, 0 },
	/* empty, wrong order, negative */
	{ CERTSHOW__EXT_POLICY_CONSTRAINTS, "2.5.29.36", "3000", 0, -1, -1,
	    -1, 0 },
	{ CERTSHOW__EXT_POLICY_CONSTRAINTS, "2.5.29.36", "3006810100800100", 0,
	    -1, -1, -1, 0 },
	{ CERTSHOW__EXT_POLICY_CONSTRAINTS, "2.5.29.36", "30038001ff", 0, -1,
	    -1, -1, 0 },
	/* SkipCerts 1; negative; beyond int; not an INTEGER */
	{ CERTSHOW__EXT_INHIBIT_ANY, "2.5.29.54", "020101", 1, -1, -1, 1, 0 },
	{ CERTSHOW__EXT_INHIBIT_ANY, "2.5.29.54", "0201ff", 0, -1, -1, -1, 0 },
	{ CERTSHOW__EXT_INHIBIT_ANY, "2.5.29.54", "020500ffffffff", 0, -1, -1,
	    -1, 0 },
	{ CERTSHOW__EXT_INHIBIT_ANY, "2.5.29.54", "0500", 0, -1, -1, -1, 0 },
};

START_TEST(test_policy_ext_decoders)
{
	struct certshow_cert c;
	struct certshow__ext x;
	uint8_t val[64];
	const char *why = NULL, *h = pext[_i].hex;
	size_t n = strlen(h) / 2, k;

	ck_assert_uint_le(n, sizeof(val));
	for (k = 0; k < n; k++) {
		unsigned b;

		ck_assert_int_eq(sscanf(h + 2 * k, "%2x", &b), 1);
		val[k] = (uint8_t)b;
	}
	memset(&c, 0, sizeof(c));
	memset(&x, 0, sizeof(x));
	c.pc_require = c.pc_inhibit = c.inhibit_any = -1;
	x.oid = pext[_i].oid;
	x.id = pext[_i].id;
	x.critical = true;
	x.value = val;
	x.len = n;
	c.der = val;
	c.ext = &x;
	c.n_ext = 1;
	ck_assert_int_eq(certshow__ext_decode_all(&c.arena, &c, &why), 0);
	ck_assert_msg(((c.problems & CERTSHOW__PROB_BAD_EXTENSION) == 0) ==
	    pext[_i].ok, "row %d (%s): problems %#x (%s)", _i, h, c.problems,
	    c.ext_error != NULL ? c.ext_error : "-");
	ck_assert_int_eq(c.pc_require, pext[_i].require);
	ck_assert_int_eq(c.pc_inhibit, pext[_i].inhibit);
	ck_assert_int_eq(c.inhibit_any, pext[_i].any);
	ck_assert_uint_eq(c.n_pmap, pext[_i].n_pmap);
	if (_i == 0) {
		ck_assert_str_eq(c.pmap_from[0], "1.2.3");
		ck_assert_str_eq(c.pmap_to[0], "1.2.4");
	}
	if (_i == 1) {
		ck_assert_str_eq(c.pmap_to[1], "2.5.29.32.0");
	}
	certshow__arena_free(&c.arena);
}
END_TEST

/* Fingerprints are computed on first use: a decode leaves every digest
 * unset, one call computes that digest only, and an unknown selector is
 * NULL. */
START_TEST(test_fingerprint_lazy)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c = load(ctx, "leaf-rsa");
	char want[128];
	uint8_t md[32];
	const char *a, *b;

	ck_assert_ptr_nonnull(c->dg);
	ck_assert_uint_eq(c->dg->state[CERTSHOW_FP_SHA256], 0);
	ck_assert_uint_eq(c->dg->state[CERTSHOW_FP_SHA1], 0);
	ck_assert_uint_eq(c->dg->state[CERTSHOW_FP_SPKI_PIN_SHA256], 0);
	fp_line("leaf-rsa", 1, want, sizeof(want));
	a = certshow_cert_fingerprint(c, CERTSHOW_FP_SHA1);
	ck_assert_str_eq(a, want);
	ck_assert_uint_ne(c->dg->state[CERTSHOW_FP_SHA1], 0);
	ck_assert_uint_eq(c->dg->state[CERTSHOW_FP_SHA256], 0);
	ck_assert_uint_eq(c->dg->state[CERTSHOW_FP_SPKI_PIN_SHA256], 0);
	/* The second call returns the stored string. */
	b = certshow_cert_fingerprint(c, CERTSHOW_FP_SHA1);
	ck_assert_ptr_eq(a, b);
	/* The raw SHA-256 (the signature cache's key) matches the hex. */
	ck_assert_int_eq(certshow__cert_sha256(c, md), 0);
	fp_line("leaf-rsa", 0, want, sizeof(want));
	ck_assert_str_eq(certshow_cert_fingerprint(c, CERTSHOW_FP_SHA256),
	    want);
	ck_assert_uint_eq(md[0], strtoul((char[3]){ want[0], want[1], 0 },
	    NULL, 16));
	ck_assert_uint_eq(md[31], strtoul((char[3]){ want[93], want[94], 0 },
	    NULL, 16));
	ck_assert_ptr_null(certshow_cert_fingerprint(c,
	    (enum certshow_fingerprint)3));
	ck_assert_ptr_null(certshow_cert_fingerprint(NULL,
	    CERTSHOW_FP_SHA256));
	certshow_cert_free(c);
	certshow_ctx_free(ctx);
}
END_TEST

/* One certificate shared by threads that all ask for every fingerprint
 * at once: each must see the finished string (run under
 * -fsanitize=thread to check the once flags' ordering). */
struct fp_thread {
	const struct certshow_cert *c;
	const char *got[3];
};

static void *
fp_thread_run(void *arg)
{
	struct fp_thread *t = arg;
	int k;

	for (k = 2; k >= 0; k--) {
		t->got[k] = certshow_cert_fingerprint(t->c,
		    (enum certshow_fingerprint)k);
	}
	return NULL;
}

START_TEST(test_fingerprint_threads)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct fp_thread t[8];
	pthread_t tid[8];
	char want[3][128];
	int i, k, round;

	for (k = 0; k < 3; k++) {
		fp_line("leaf-rsa", k, want[k], sizeof(want[k]));
	}
	for (round = 0; round < 20; round++) {
		struct certshow_cert *c = load(ctx, "leaf-rsa");

		for (i = 0; i < 8; i++) {
			t[i].c = c;
			ck_assert_int_eq(pthread_create(&tid[i], NULL,
			    fp_thread_run, &t[i]), 0);
		}
		for (i = 0; i < 8; i++) {
			ck_assert_int_eq(pthread_join(tid[i], NULL), 0);
			for (k = 0; k < 3; k++) {
				ck_assert_msg(t[i].got[k] != NULL &&
				    strcmp(t[i].got[k], want[k]) == 0,
				    "round %d thread %d digest %d", round, i, k);
			}
		}
		certshow_cert_free(c);
	}
	certshow_ctx_free(ctx);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("cert");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_leaf_rsa);
	tcase_add_test(tc, test_fingerprint_lazy);
	tcase_add_test(tc, test_fingerprint_threads);
	tcase_add_test(tc, test_san_exotic);
	tcase_add_test(tc, test_ca_rsa);
	tcase_add_test(tc, test_leaf_ec);
	tcase_add_test(tc, test_odd_name);
	tcase_add_loop_test(tc, test_algs, 0,
	    sizeof(alg_rows) / sizeof(alg_rows[0]));
	tcase_add_loop_test(tc, test_oddities, 0,
	    sizeof(odd_rows) / sizeof(odd_rows[0]));
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_mutations);
	tcase_add_test(tc, test_bad_encodings);
	tcase_add_test(tc, test_null_accessors);
	tcase_add_test(tc, test_selectors);
	tcase_add_loop_test(tc, test_policy_ext_decoders, 0,
	    (int)(sizeof(pext) / sizeof(pext[0])));
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
