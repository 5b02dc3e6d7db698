/* check_names.c - names, RFC 4514 strings and general names
 * (lib/names.c), on hand-made DER. */
#include <string.h>

#include "asn1.h"
#include "internal.h"
#include "testutil.h"

/* Decode the Name TLV in `der`. Returns the CERTSHOW_E_* code. */
static int
decode(struct certshow__arena *a, const uint8_t *der, size_t len,
    struct certshow_name *n, struct certshow__derr *e)
{
	struct certshow__der d;
	struct certshow__tlv t;

	certshow__der_init(&d, der, len);
	ck_assert_int_eq(certshow__der_next(&d, &t), 0);
	return certshow__name_decode_at(a, &t, n, e);
}

struct name_row {
	const char *what;
	uint8_t der[64];
	size_t len;
	const char *rfc4514;  /* NULL: decoding must fail */
	const char *value;    /* first attribute's UTF-8 value */
	size_t value_len;
	int code;             /* CERTSHOW__DER_* when failing */
	size_t at;            /* offset of the failure */
};

static const struct name_row name_rows[] = {
	{ "empty name", { 0x30, 0x00 }, 2, "", NULL, 0, 0, 0 },
	{ "printable CN",
	    { 0x30, 0x0c, 0x31, 0x0a, 0x30, 0x08, 0x06, 0x03, 0x55, 0x04, 0x03,
	      0x13, 0x01, 'a' }, 14, "CN=a", "a", 1, 0, 0 },
	{ "BMPString odd length: U+FFFD",
	    { 0x30, 0x0e, 0x31, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x04, 0x03,
	      0x1e, 0x03, 0x00, 'a', 0x00 }, 16, "CN=a\xef\xbf\xbd",
	    "a\xef\xbf\xbd", 4, 0, 0 },
	{ "BMPString lone surrogate: U+FFFD",
	    { 0x30, 0x0d, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x03,
	      0x1e, 0x02, 0xd8, 0x00 }, 15, "CN=\xef\xbf\xbd", "\xef\xbf\xbd",
	    3, 0, 0 },
	{ "UniversalString past U+10FFFF: U+FFFD",
	    { 0x30, 0x0f, 0x31, 0x0d, 0x30, 0x0b, 0x06, 0x03, 0x55, 0x04, 0x03,
	      0x1c, 0x04, 0x00, 0x11, 0x00, 0x00 }, 17, "CN=\xef\xbf\xbd",
	    "\xef\xbf\xbd", 3, 0, 0 },
	{ "T61String as Latin-1",
	    { 0x30, 0x0c, 0x31, 0x0a, 0x30, 0x08, 0x06, 0x03, 0x55, 0x04, 0x0a,
	      0x14, 0x01, 0xe9 }, 14, "O=\xc3\xa9", "\xc3\xa9", 2, 0, 0 },
	{ "unknown type, string value",
	    { 0x30, 0x0d, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x04, 0x2a, 0x03, 0x04,
	      0x05, 0x0c, 0x01, '=' }, 15, "1.2.3.4.5==", "=", 1, 0, 0 },
	{ "leading # and NUL escaped",
	    { 0x30, 0x0d, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x03,
	      0x0c, 0x02, '#', 0x00 }, 15, "CN=\\#\\00", "#\0", 2, 0, 0 },
	{ "DEL and invalid UTF-8 escaped",
	    { 0x30, 0x0e, 0x31, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x04, 0x03,
	      0x0c, 0x03, 0x7f, 0xc0, 0x80 }, 16, "CN=\\7F\\C0\\80",
	    "\x7f\xc0\x80", 3, 0, 0 },
	{ "type name: surname",
	    { 0x30, 0x0e, 0x31, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x04,
	      0x04, 0x0c, 0x03, 0x44, 0x6f, 0x65 },
	    16, "surname=Doe", "Doe", 3, 0, 0 },
	{ "type name: givenName",
	    { 0x30, 0x0d, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04,
	      0x2a, 0x0c, 0x02, 0x4a, 0x6f },
	    15, "givenName=Jo", "Jo", 2, 0, 0 },
	{ "type name: title",
	    { 0x30, 0x0d, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04,
	      0x0c, 0x0c, 0x02, 0x44, 0x72 },
	    15, "title=Dr", "Dr", 2, 0, 0 },
	{ "type name: initials",
	    { 0x30, 0x0d, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04,
	      0x2b, 0x0c, 0x02, 0x4a, 0x44 },
	    15, "initials=JD", "JD", 2, 0, 0 },
	{ "type name: generationQualifier",
	    { 0x30, 0x0d, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04,
	      0x2c, 0x0c, 0x02, 0x4a, 0x72 },
	    15, "generationQualifier=Jr", "Jr", 2, 0, 0 },
	{ "type name: postalCode",
	    { 0x30, 0x10, 0x31, 0x0e, 0x30, 0x0c, 0x06, 0x03, 0x55, 0x04,
	      0x11, 0x0c, 0x05, 0x33, 0x35, 0x30, 0x30, 0x30 },
	    18, "postalCode=35000", "35000", 5, 0, 0 },
	{ "type name: pseudonym",
	    { 0x30, 0x0d, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04,
	      0x41, 0x0c, 0x02, 0x7a, 0x7a },
	    15, "pseudonym=zz", "zz", 2, 0, 0 },
	{ "type name: dnQualifier",
	    { 0x30, 0x0c, 0x31, 0x0a, 0x30, 0x08, 0x06, 0x03, 0x55, 0x04,
	      0x2e, 0x0c, 0x01, 0x71 },
	    14, "dnQualifier=q", "q", 1, 0, 0 },
	{ "type name: serialNumber",
	    { 0x30, 0x0d, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04,
	      0x05, 0x0c, 0x02, 0x34, 0x32 },
	    15, "serialNumber=42", "42", 2, 0, 0 },
	{ "type name: organizationIdentifier",
	    { 0x30, 0x0e, 0x31, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x04,
	      0x61, 0x0c, 0x03, 0x56, 0x41, 0x54 },
	    16, "organizationIdentifier=VAT", "VAT", 3, 0, 0 },
	{ "type name: businessCategory",
	    { 0x30, 0x0e, 0x31, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x04,
	      0x0f, 0x0c, 0x03, 0x47, 0x6f, 0x76 },
	    16, "businessCategory=Gov", "Gov", 3, 0, 0 },
	{ "type name: emailAddress",
	    { 0x30, 0x14, 0x31, 0x12, 0x30, 0x10, 0x06, 0x09, 0x2a, 0x86,
	      0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01, 0x0c, 0x03, 0x61,
	      0x40, 0x62 },
	    22, "emailAddress=a@b", "a@b", 3, 0, 0 },
	{ "type name: jurisdictionCountryName",
	    { 0x30, 0x15, 0x31, 0x13, 0x30, 0x11, 0x06, 0x0b, 0x2b, 0x06,
	      0x01, 0x04, 0x01, 0x82, 0x37, 0x3c, 0x02, 0x01, 0x03, 0x0c,
	      0x02, 0x46, 0x52 },
	    23, "jurisdictionCountryName=FR", "FR", 2, 0, 0 },
	{ "type name: S/MIME Capabilities: no descr, dotted",
	    { 0x30, 0x12, 0x31, 0x10, 0x30, 0x0e, 0x06, 0x09, 0x2a, 0x86,
	      0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x0f, 0x0c, 0x01, 0x78 },
	    20, "1.2.840.113549.1.9.15=x", "x", 1, 0, 0 },
	{ "empty RDN SET",
	    { 0x30, 0x02, 0x31, 0x00 }, 4, NULL, NULL, 0,
	    CERTSHOW__DER_BAD_VALUE, 2 },
	{ "RDN not a SET",
	    { 0x30, 0x02, 0x30, 0x00 }, 4, NULL, NULL, 0,
	    CERTSHOW__DER_UNEXPECTED, 2 },
	{ "attribute with trailing data",
	    { 0x30, 0x0e, 0x31, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x04, 0x03,
	      0x13, 0x01, 'a', 0x05, 0x00 }, 16, NULL, NULL, 0,
	    CERTSHOW__DER_TRAILING, 14 },
	{ "type not an OID",
	    { 0x30, 0x0b, 0x31, 0x09, 0x30, 0x07, 0x02, 0x01, 0x01, 0x13, 0x02,
	      'a', 'b' }, 13, NULL, NULL, 0, CERTSHOW__DER_UNEXPECTED, 6 },
	{ "value missing",
	    { 0x30, 0x09, 0x31, 0x07, 0x30, 0x05, 0x06, 0x03, 0x55, 0x04, 0x03 },
	    11, NULL, NULL, 0, CERTSHOW__DER_TRUNCATED, 11 },
	{ "attribute overruns its RDN",
	    { 0x30, 0x0c, 0x31, 0x06, 0x30, 0x08, 0x06, 0x03, 0x55, 0x04, 0x03,
	      0x13, 0x01, 'a' }, 14, NULL, NULL, 0, CERTSHOW__DER_TRUNCATED, 4 },
	{ "non-minimal OID",
	    { 0x30, 0x0d, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x04, 0x2a, 0x80, 0x03,
	      0x04, 0x13, 0x01, 'a' }, 15, NULL, NULL, 0,
	    CERTSHOW__DER_BAD_VALUE, 6 },
};

START_TEST(test_names)
{
	const struct name_row *r = &name_rows[_i];
	struct certshow__arena a = { NULL };
	struct certshow_name n;
	struct certshow__derr e;
	const char *v;
	size_t vl;
	int rv;

	rv = decode(&a, r->der, r->len, &n, &e);
	if (r->rfc4514 == NULL) {
		ck_assert_msg(rv == CERTSHOW_E_PARSE, "row %d (%s): rv %d", _i,
		    r->what, rv);
		ck_assert_msg(e.code == r->code, "row %d (%s): code %d want %d",
		    _i, r->what, e.code, r->code);
		ck_assert_msg((size_t)(e.at - r->der) == r->at,
		    "row %d (%s): at %td want %zu", _i, r->what, e.at - r->der,
		    r->at);
	} else {
		ck_assert_msg(rv == 0, "row %d (%s): rv %d", _i, r->what, rv);
		ck_assert_msg(strcmp(certshow_name_string(&n), r->rfc4514) == 0,
		    "row %d (%s): '%s'", _i, r->what, certshow_name_string(&n));
		if (r->value != NULL) {
			ck_assert_int_eq(certshow_name_attr(&n, 0, 0, NULL, NULL,
			    &v, &vl), 0);
			ck_assert_uint_eq(vl, r->value_len);
			ck_assert_msg(memcmp(v, r->value, vl) == 0,
			    "row %d (%s): value", _i, r->what);
			ck_assert_uint_eq(v[vl], 0);
		}
	}
	certshow__arena_free(&a);
}
END_TEST

START_TEST(test_multi_valued)
{
	/* SET { CN=a, O=b }, SET { C=FR }: reverse order, '+' inside. */
	static const uint8_t der[] = { 0x30, 0x21,
		0x31, 0x14,
		0x30, 0x08, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x01, 'a',
		0x30, 0x08, 0x06, 0x03, 0x55, 0x04, 0x0a, 0x0c, 0x01, 'b',
		0x31, 0x09,
		0x30, 0x07, 0x06, 0x03, 0x55, 0x04, 0x06, 0x13, 0x00 };
	struct certshow__arena a = { NULL };
	struct certshow_name n;
	struct certshow__derr e;
	const char *oid, *type, *v;
	size_t vl;

	ck_assert_int_eq(decode(&a, der, sizeof(der), &n, &e), 0);
	ck_assert_str_eq(certshow_name_string(&n), "C=,CN=a+O=b");
	ck_assert_uint_eq(certshow_name_rdn_count(&n), 2);
	ck_assert_uint_eq(certshow_name_attr_count(&n, 0), 2);
	ck_assert_uint_eq(certshow_name_attr_count(&n, 1), 1);
	ck_assert_uint_eq(certshow_name_attr_count(&n, 2), 0);
	ck_assert_int_eq(certshow_name_attr(&n, 0, 1, &oid, &type, &v, &vl),
	    0);
	ck_assert_str_eq(oid, "2.5.4.10");
	ck_assert_str_eq(type, "organizationName");
	ck_assert_str_eq(v, "b");
	ck_assert_int_eq(certshow_name_attr(&n, 0, 2, &oid, &type, &v, &vl),
	    CERTSHOW_E_NOTFOUND);
	ck_assert_int_eq(certshow_name_attr(&n, 2, 0, &oid, &type, &v, &vl),
	    CERTSHOW_E_NOTFOUND);
	ck_assert_ptr_eq(n.der, der);
	ck_assert_uint_eq(n.der_len, sizeof(der));
	certshow__arena_free(&a);
}
END_TEST

struct gn_row {
	const char *what;
	uint8_t der[40];
	size_t len;
	int ok;
	enum certshow_gn_type type;
	const char *oid;
	const char *value;   /* NULL: the value is checked by offset */
	size_t value_len;
	size_t value_off;    /* offset of the value in der */
};

static const struct gn_row gn_rows[] = {
	{ "dNSName", { 0x82, 0x03, 'a', '.', 'b' }, 5, 1, CERTSHOW_GN_DNS,
	    NULL, "a.b", 3, 0 },
	{ "NUL in dNSName kept", { 0x82, 0x03, 'a', 0x00, 'b' }, 5, 1,
	    CERTSHOW_GN_DNS, NULL, "a\0b", 3, 0 },
	{ "rfc822Name", { 0x81, 0x03, 'a', '@', 'b' }, 5, 1, CERTSHOW_GN_EMAIL,
	    NULL, "a@b", 3, 0 },
	{ "URI", { 0x86, 0x01, 'u' }, 3, 1, CERTSHOW_GN_URI, NULL, "u", 1, 0 },
	{ "iPAddress", { 0x87, 0x04, 10, 0, 0, 1 }, 6, 1, CERTSHOW_GN_IP, NULL,
	    NULL, 4, 2 },
	{ "registeredID", { 0x88, 0x03, 0x2a, 0x03, 0x04 }, 5, 1,
	    CERTSHOW_GN_RID, "1.2.3.4", NULL, 3, 2 },
	{ "otherName", { 0xa0, 0x0a, 0x06, 0x03, 0x2a, 0x03, 0x04, 0xa0, 0x03,
	    0x0c, 0x01, 'x' }, 12, 1, CERTSHOW_GN_OTHER, "1.2.3.4", NULL, 3,
	    9 },
	{ "directoryName", { 0xa4, 0x0e, 0x30, 0x0c, 0x31, 0x0a, 0x30, 0x08,
	    0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x01, 'n' }, 16, 1,
	    CERTSHOW_GN_DIRNAME, NULL, "CN=n", 4, 0 },
	{ "x400Address kept as DER", { 0xa3, 0x02, 0x30, 0x00 }, 4, 1,
	    CERTSHOW_GN_X400, NULL, NULL, 4, 0 },
	{ "tag [9]", { 0x89, 0x01, 0x00 }, 3, 0, 0, NULL, NULL, 0, 0 },
	{ "universal class", { 0x16, 0x01, 'a' }, 3, 0, 0, NULL, NULL, 0, 0 },
	{ "constructed dNSName", { 0xa2, 0x00 }, 2, 0, 0, NULL, NULL, 0, 0 },
	{ "primitive otherName", { 0x80, 0x00 }, 2, 0, 0, NULL, NULL, 0, 0 },
	{ "otherName without [0]", { 0xa0, 0x05, 0x06, 0x03, 0x2a, 0x03,
	    0x04 }, 7, 0, 0, NULL, NULL, 0, 0 },
	{ "otherName trailing", { 0xa0, 0x0c, 0x06, 0x03, 0x2a, 0x03, 0x04,
	    0xa0, 0x03, 0x0c, 0x01, 'x', 0x05, 0x00 }, 14, 0, 0, NULL, NULL,
	    0, 0 },
	{ "directoryName not a Name", { 0xa4, 0x02, 0x31, 0x00 }, 4, 0, 0,
	    NULL, NULL, 0, 0 },
	{ "bad registeredID", { 0x88, 0x02, 0x2a, 0x80 }, 4, 0, 0, NULL, NULL,
	    0, 0 },
};

START_TEST(test_gnames)
{
	const struct gn_row *r = &gn_rows[_i];
	struct certshow__arena a = { NULL };
	struct certshow__der d;
	struct certshow__tlv t;
	struct certshow__gname g;
	const char *why = NULL;
	int rv;

	certshow__der_init(&d, r->der, r->len);
	ck_assert_int_eq(certshow__der_next(&d, &t), 0);
	rv = certshow__gname_decode(&a, &t, &g, &why);
	if (!r->ok) {
		ck_assert_msg(rv == CERTSHOW_E_PARSE, "row %d (%s): rv %d", _i,
		    r->what, rv);
		ck_assert_ptr_nonnull(why);
		certshow__arena_free(&a);
		return;
	}
	ck_assert_msg(rv == 0, "row %d (%s): rv %d", _i, r->what, rv);
	ck_assert_int_eq(g.type, r->type);
	if (r->oid != NULL) {
		ck_assert_str_eq(g.oid, r->oid);
	} else {
		ck_assert_ptr_null(g.oid);
	}
	ck_assert_uint_eq(g.len, r->value_len);
	if (r->value != NULL) {
		ck_assert_msg(memcmp(g.value, r->value, g.len) == 0,
		    "row %d (%s): value", _i, r->what);
	} else {
		ck_assert_ptr_eq(g.value, r->der + r->value_off);
	}
	if (r->type == CERTSHOW_GN_DIRNAME) {
		ck_assert_uint_eq(certshow_name_rdn_count(g.dirname), 1);
	}
	certshow__arena_free(&a);
}
END_TEST

START_TEST(test_oid_helpers)
{
	static const uint8_t big[] = { 0x88, 0x37, 0x83, 0xeb, 0x47 };
	static const uint8_t arc0[] = { 0x00 };
	static const uint8_t huge[] = { 0x81, 0x80, 0x80, 0x80, 0x80, 0x80,
		0x80, 0x80, 0x80, 0x80, 0x00 };
	struct certshow__arena a = { NULL };

	ck_assert_str_eq(certshow__oid_dup(&a, big, sizeof(big)),
	    "2.999.62919");
	ck_assert_str_eq(certshow__oid_dup(&a, arc0, sizeof(arc0)), "0.0");
	ck_assert_ptr_null(certshow__oid_dup(&a, huge, sizeof(huge)));
	ck_assert_str_eq(certshow__oid_pyname("2.5.4.9"), "streetAddress");
	ck_assert_str_eq(certshow__oid_pyname("2.5.4.97"),
	    "organizationIdentifier");
	ck_assert_str_eq(certshow__oid_pyname("1.2.840.113549.1.9.1"),
	    "emailAddress");
	ck_assert_ptr_null(certshow__oid_pyname("1.2.3"));
	ck_assert_str_eq(certshow__oid_shortname("2.5.4.9"), "STREET");
	ck_assert_str_eq(certshow__oid_shortname(
	    "0.9.2342.19200300.100.1.25"), "DC");
	ck_assert_ptr_null(certshow__oid_shortname("2.5.4.5"));
	ck_assert_str_eq(certshow__ext_name("2.5.29.17"), "subjectAltName");
	ck_assert_ptr_null(certshow__ext_name("1.2.3"));
	ck_assert_str_eq(certshow__oid_algname("1.2.840.113549.1.1.4"),
	    "md5WithRSAEncryption");
	ck_assert_str_eq(certshow__oid_algname("1.3.101.113"), "ED448");
	ck_assert_str_eq(certshow__oid_algname("1.2.840.10045.2.1"), "EC");
	/* MD5 (OIW) and GOST signature and key algorithms (RFC 4491,
	 * RFC 9215), by OpenSSL's long names. */
	ck_assert_str_eq(certshow__oid_algname("1.3.14.3.2.3"), "md5WithRSA");
	ck_assert_str_eq(certshow__oid_algname("1.2.643.2.2.3"),
	    "GOST R 34.11-94 with GOST R 34.10-2001");
	ck_assert_str_eq(certshow__oid_algname("1.2.643.7.1.1.3.2"),
	    "GOST R 34.10-2012 with GOST R 34.11-2012 (256 bit)");
	ck_assert_str_eq(certshow__oid_algname("1.2.643.7.1.1.3.3"),
	    "GOST R 34.10-2012 with GOST R 34.11-2012 (512 bit)");
	ck_assert_str_eq(certshow__oid_algname("1.2.643.7.1.1.1.1"),
	    "GOST R 34.10-2012 with 256 bit modulus");
	ck_assert_str_eq(certshow__oid_algname("1.2.643.2.2.19"),
	    "GOST R 34.10-2001");
	ck_assert_ptr_null(certshow__oid_algname("1.2.643.2.2.99"));
	/* The raw view's names: its own table, then the attribute types
	 * and algorithms of the decoder's tables (one owner each). */
	ck_assert_str_eq(certshow__asn1_oid_name("1.2.840.113549.2.5"),
	    "md5");
	ck_assert_str_eq(certshow__asn1_oid_name("1.2.643.7.1.1.2.2"),
	    "GOST R 34.11-2012 with 256 bit hash");
	ck_assert_str_eq(certshow__asn1_oid_name("1.2.643.7.1.1.3.2"),
	    "GOST R 34.10-2012 with GOST R 34.11-2012 (256 bit)");
	ck_assert_str_eq(certshow__asn1_oid_name("2.5.4.42"), "givenName");
	ck_assert_str_eq(certshow__asn1_oid_name("2.5.4.65"), "pseudonym");
	ck_assert_str_eq(certshow__asn1_oid_name("1.2.840.113549.1.1.1"),
	    "rsaEncryption");
	certshow__arena_free(&a);
}
END_TEST

/* Hand-made Name: SEQUENCE { SET { SEQUENCE { O, UTF8String v } }
 * [, SET { SEQUENCE { CN, UTF8String cn } }] }. */
static size_t
mkname(uint8_t *out, const char *o, const char *cn)
{
	size_t n = 2, lo = strlen(o), lc = cn != NULL ? strlen(cn) : 0;
	static const uint8_t oid_o[] = { 0x06, 0x03, 0x55, 0x04, 0x0A };
	static const uint8_t oid_cn[] = { 0x06, 0x03, 0x55, 0x04, 0x03 };

	out[n++] = 0x31;
	out[n++] = (uint8_t)(lo + 9);
	out[n++] = 0x30;
	out[n++] = (uint8_t)(lo + 7);
	memcpy(out + n, oid_o, 5);
	n += 5;
	out[n++] = 0x0C;
	out[n++] = (uint8_t)lo;
	memcpy(out + n, o, lo);
	n += lo;
	if (cn != NULL) {
		out[n++] = 0x31;
		out[n++] = (uint8_t)(lc + 9);
		out[n++] = 0x30;
		out[n++] = (uint8_t)(lc + 7);
		memcpy(out + n, oid_cn, 5);
		n += 5;
		out[n++] = 0x0C;
		out[n++] = (uint8_t)lc;
		memcpy(out + n, cn, lc);
		n += lc;
	}
	out[0] = 0x30;
	out[1] = (uint8_t)(n - 2);
	return n;
}

/* The one DN comparison (RFC 5280 7.1): ASCII case, and every white
 * space run (TAB included, RFC 4518 2.2) folds to one space; leading and
 * trailing space is insignificant. Subtrees compare whole RDNs. */
START_TEST(test_name_compare)
{
	uint8_t a[128], b[128];
	size_t la, lb;

	la = mkname(a, "Evil\tCorp", "www");
	lb = mkname(b, "evil  corp ", "WWW");
	ck_assert(certshow__name_eq(a, la, b, lb));
	lb = mkname(b, "Evil Corp", NULL);
	ck_assert(!certshow__name_eq(a, la, b, lb));
	ck_assert_int_eq(certshow__name_within(a, la, b, lb), 1);
	lb = mkname(b, "EvilCorp", NULL);
	ck_assert(!certshow__name_eq(a, la, b, lb));
	ck_assert_int_eq(certshow__name_within(a, la, b, lb), 0);
	/* a prefix of a value is not a prefix of the name */
	lb = mkname(b, "Evil", NULL);
	ck_assert_int_eq(certshow__name_within(a, la, b, lb), 0);
	lb = mkname(b, "Evil Corp", "www.x");
	ck_assert_int_eq(certshow__name_within(a, la, b, lb), 0);
	/* RFC 5280 7.1 compares text, not string types: O=EVIL CORP as a
	 * BMPString is within O=Evil Corp (UTF8String), so an encoding
	 * cannot step out of an excluded subtree; an odd-length BMPString
	 * is not text and equals only itself. */
	{
		static const uint8_t bmp[] = {
			0x30, 0x1F, 0x31, 0x1D, 0x30, 0x1B, 0x06, 0x03, 0x55,
			0x04, 0x0A, 0x1E, 0x14, 0, 'E', 0, 'V', 0, 'I', 0, 'L',
			0, ' ', 0, 'C', 0, 'O', 0, 'R', 0, 'P', 0, ' ',
		};
		static const uint8_t odd[] = {
			0x30, 0x0C, 0x31, 0x0A, 0x30, 0x08, 0x06, 0x03, 0x55,
			0x04, 0x0A, 0x1E, 0x01, 'E',
		};

		lb = mkname(b, "Evil Corp", NULL);
		ck_assert(certshow__name_eq(bmp, sizeof(bmp), b, lb));
		ck_assert_int_eq(certshow__name_within(bmp, sizeof(bmp), b,
		    lb), 1);
		lb = mkname(b, "E", NULL);
		ck_assert(!certshow__name_eq(odd, sizeof(odd), b, lb));
		ck_assert(certshow__name_eq(odd, sizeof(odd), odd,
		    sizeof(odd)));
	}
	/* the empty name is every name's subtree */
	b[0] = 0x30;
	b[1] = 0;
	ck_assert_int_eq(certshow__name_within(a, la, b, 2), 1);
	/* malformed: equal only to itself, never compared as a subtree */
	b[1] = 5;
	ck_assert(!certshow__name_eq(a, la, b, 2));
	ck_assert(certshow__name_eq(b, 2, b, 2));
	ck_assert_int_eq(certshow__name_within(a, la, b, 2), -1);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("names");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_names, 0,
	    sizeof(name_rows) / sizeof(name_rows[0]));
	tcase_add_test(tc, test_multi_valued);
	tcase_add_test(tc, test_name_compare);
	tcase_add_loop_test(tc, test_gnames, 0,
	    sizeof(gn_rows) / sizeof(gn_rows[0]));
	tcase_add_test(tc, test_oid_helpers);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
