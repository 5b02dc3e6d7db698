/* check_asn1.c - the raw ASN.1 view (lib/asn1view.c) and the libtasn1
 * glue (lib/asn1.c): exact output lines on good and broken DER. */
#include <stdlib.h>
#include <string.h>

#include "asn1.h"
#include "testutil.h"

/* Run the view on `in` and return its output (malloc'd). */
static char *
view(const uint8_t *in, size_t len, const struct certshow_asn1_opts *o,
    int *rv, char *err, size_t errsize)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	FILE *fp = tmpfile();
	char *buf;
	long n;

	ck_assert_ptr_nonnull(ctx);
	ck_assert_ptr_nonnull(fp);
	*rv = certshow_asn1_write(ctx, fp, in, len, o);
	snprintf(err, errsize, "%s", certshow_ctx_error(ctx));
	n = ftell(fp);
	rewind(fp);
	buf = calloc(1, (size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	certshow_ctx_free(ctx);
	return buf;
}

struct view_row {
	const char *what;
	uint8_t in[24];
	size_t len;
	unsigned max_depth;
	int want_rv;
	const char *want;      /* the whole output */
	const char *want_err;  /* the context's message */
};

static const struct view_row view_rows[] = {
	{ "good", { 0x30, 0x06, 0x02, 0x01, 0x05, 0x01, 0x01, 0xFF }, 8, 0, 0,
	    "    0:d=0  hl=2 l=    6 cons: SEQUENCE\n"
	    "    2:d=1  hl=2 l=    1 prim:   INTEGER: 5\n"
	    "    5:d=1  hl=2 l=    1 prim:   BOOLEAN: TRUE\n", "" },
	{ "truncated", { 0x30, 0x08, 0x02, 0x01, 0x05 }, 5, 0,
	    CERTSHOW_E_PARSE,
	    "    0:d=0  hl=2 l=    8 cons: SEQUENCE\n"
	    "    0: ** truncated: length 8 exceeds the 3 bytes left in the "
	    "input\n"
	    "    2:d=1  hl=2 l=    1 prim:   INTEGER: 5\n",
	    "at offset 0: length 8 exceeds the 3 bytes left in the input" },
	{ "truncated inside a primitive", { 0x30, 0x05, 0x04, 0x09, 0x01 }, 5,
	    0, CERTSHOW_E_PARSE,
	    "    0:d=0  hl=2 l=    5 cons: SEQUENCE\n"
	    "    0: ** truncated: length 5 exceeds the 3 bytes left in the "
	    "input\n"
	    "    2: ** stopped: length 9 exceeds the 1 byte left in the "
	    "input\n",
	    "at offset 0: length 5 exceeds the 3 bytes left in the input" },
	{ "bad length inside", { 0x30, 0x05, 0x02, 0x09, 0x01, 0x02, 0x03 }, 7,
	    0, CERTSHOW_E_PARSE,
	    "    0:d=0  hl=2 l=    5 cons: SEQUENCE\n"
	    "    2: ** stopped: length 9 exceeds the 3 bytes left in the "
	    "enclosing value\n",
	    "at offset 2: length 9 exceeds the 3 bytes left in the enclosing "
	    "value" },
	{ "trailing data", { 0x30, 0x03, 0x02, 0x01, 0x05, 0xFF }, 6, 0,
	    CERTSHOW_E_PARSE,
	    "    0:d=0  hl=2 l=    3 cons: SEQUENCE\n"
	    "    2:d=1  hl=2 l=    1 prim:   INTEGER: 5\n"
	    "    5: ** stopped: identifier octets truncated (1 byte left)\n",
	    "at offset 5: identifier octets truncated (1 byte left)" },
	{ "non-minimal length", { 0x04, 0x81, 0x01, 0xAA }, 4, 0,
	    CERTSHOW_E_PARSE,
	    "    0:d=0  hl=3 l=    1 prim: OCTET STRING: AA\n"
	    "    0: !! not DER: length not in minimal form (X.690 10.1)\n",
	    "at offset 0: length not in minimal form (X.690 10.1)" },
	{ "indefinite length", { 0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00 }, 7,
	    0, CERTSHOW_E_PARSE,
	    "    0:d=0  hl=2 l=  inf cons: SEQUENCE\n"
	    "    0: !! not DER: indefinite length (X.690 10.1)\n"
	    "    2:d=1  hl=2 l=    1 prim:   INTEGER: 5\n"
	    "    5:d=1  hl=2 l=    0 prim:   EOC\n",
	    "at offset 0: indefinite length (X.690 10.1)" },
	{ "missing end-of-contents", { 0x30, 0x80, 0x02, 0x01, 0x05 }, 5, 0,
	    CERTSHOW_E_PARSE,
	    "    0:d=0  hl=2 l=  inf cons: SEQUENCE\n"
	    "    0: !! not DER: indefinite length (X.690 10.1)\n"
	    "    2:d=1  hl=2 l=    1 prim:   INTEGER: 5\n"
	    "    5: ** stopped: end-of-contents octets of the value at 0 "
	    "missing\n",
	    "at offset 0: indefinite length (X.690 10.1)" },
	{ "padded integer", { 0x02, 0x02, 0x00, 0x05 }, 4, 0, CERTSHOW_E_PARSE,
	    "    0:d=0  hl=2 l=    2 prim: INTEGER: 5 (0x0005)\n"
	    "    0: !! not DER: INTEGER with a redundant leading octet "
	    "(X.690 8.3.2)\n",
	    "at offset 0: INTEGER with a redundant leading octet (X.690 "
	    "8.3.2)" },
	{ "nested DER opened", { 0x04, 0x05, 0x30, 0x03, 0x02, 0x01, 0x07 }, 7,
	    0, 0,
	    "    0:d=0  hl=2 l=    5 prim: OCTET STRING: encapsulates\n"
	    "    2:d=1  hl=2 l=    3 cons:   SEQUENCE\n"
	    "    4:d=2  hl=2 l=    1 prim:     INTEGER: 7\n", "" },
	{ "primitive in OCTET STRING not opened", { 0x04, 0x03, 0x02, 0x01,
	    0x07 }, 5, 0, 0,
	    "    0:d=0  hl=2 l=    3 prim: OCTET STRING: 020107\n", "" },
	{ "depth limit", { 0x30, 0x04, 0x30, 0x02, 0x30, 0x00 }, 6, 2,
	    CERTSHOW_E_LIMIT,
	    "    0:d=0  hl=2 l=    4 cons: SEQUENCE\n"
	    "    2:d=1  hl=2 l=    2 cons:   SEQUENCE\n"
	    "    4: ** stopped: nesting deeper than 2\n",
	    "at offset 4: nesting deeper than 2" },
	{ "string escapes", { 0x0C, 0x04, 'a', 0x1B, '\'', 0xFF }, 6, 0, 0,
	    "    0:d=0  hl=2 l=    4 prim: UTF8String: 'a\\x1B\\'\\xFF'\n",
	    "" },
};

START_TEST(test_view)
{
	const struct view_row *r = &view_rows[_i];
	struct certshow_asn1_opts o = CERTSHOW_ASN1_OPTS_INIT;
	char err[512], *out;
	int rv;

	o.max_depth = r->max_depth;
	out = view(r->in, r->len, &o, &rv, err, sizeof(err));
	ck_assert_msg(rv == r->want_rv, "row %d (%s): rv %d want %d", _i,
	    r->what, rv, r->want_rv);
	ck_assert_msg(strcmp(out, r->want) == 0,
	    "row %d (%s): got\n%s---\nwant\n%s---", _i, r->what, out, r->want);
	ck_assert_msg(strcmp(err, r->want_err) == 0,
	    "row %d (%s): message '%s' want '%s'", _i, r->what, err,
	    r->want_err);
	free(out);
}
END_TEST

START_TEST(test_values)
{
	static const uint8_t in[] = { 0x30, 0x1A, 0x06, 0x03, 0x55, 0x04,
		0x03, 0x05, 0x00, 0x0C, 0x02, 'h', 'i', 0x17, 0x0D, '2', '4',
		'0', '1', '0', '1', '0', '0', '0', '0', '0', '0', 'Z' };
	char err[512], *out;
	int rv;

	out = view(in, sizeof(in), NULL, &rv, err, sizeof(err));
	ck_assert_int_eq(rv, 0);
	ck_assert_str_eq(out,
	    "    0:d=0  hl=2 l=   26 cons: SEQUENCE\n"
	    "    2:d=1  hl=2 l=    3 prim:   OBJECT: 2.5.4.3 (commonName)\n"
	    "    7:d=1  hl=2 l=    0 prim:   NULL\n"
	    "    9:d=1  hl=2 l=    2 prim:   UTF8String: 'hi'\n"
	    "   13:d=1  hl=2 l=   13 prim:   UTCTime: '240101000000Z' "
	    "(2024-01-01 00:00:00 UTC)\n");
	free(out);
}
END_TEST

START_TEST(test_line_limit)
{
	static const uint8_t in[] = { 0x30, 0x06, 0x02, 0x01, 0x05, 0x01, 0x01,
		0xFF };
	struct certshow_asn1_opts o = CERTSHOW_ASN1_OPTS_INIT;
	char err[512], *out;
	int rv;

	o.max_lines = 1;
	out = view(in, sizeof(in), &o, &rv, err, sizeof(err));
	ck_assert_int_eq(rv, CERTSHOW_E_LIMIT);
	ck_assert_str_eq(out, "    0:d=0  hl=2 l=    6 cons: SEQUENCE\n"
	    "...: output stopped after 1 lines\n");
	ck_assert_str_eq(err, "output stopped after 1 lines");
	free(out);
	o.max_lines = 0;
	o.version = 7;
	out = view(in, sizeof(in), &o, &rv, err, sizeof(err));
	ck_assert_int_eq(rv, CERTSHOW_E_INVAL);
	free(out);
	out = view(in, 0, NULL, &rv, err, sizeof(err));
	ck_assert_int_eq(rv, CERTSHOW_E_PARSE);
	ck_assert_str_eq(out, "");
	free(out);
}
END_TEST

/* A certificate: field names from the PKIX module, nested DER opened. */
static bool
has_line(const char *out, const char *line)
{
	const char *p = strstr(out, line);

	return p != NULL && (p == out || p[-1] == '\n') &&
	    p[strlen(line)] == '\n';
}

START_TEST(test_cert_names)
{
	static const char *const lines[] = {
		"# PEM block 1: CERTIFICATE, 956 bytes of DER",
		"    0:d=0  hl=4 l=  952 cons: SEQUENCE (certificate)",
		"    4:d=1  hl=4 l=  672 cons:   SEQUENCE (tbsCertificate)",
		"    8:d=2  hl=2 l=    3 cons:     [0] (tbsCertificate.version)",
		"   13:d=2  hl=2 l=   16 prim:     INTEGER "
		"(tbsCertificate.serialNumber): "
		"0x4C1E5A0D3B2F6E7A19C8D4B3A2F1E0D9",
		"  114:d=3  hl=2 l=   13 prim:       UTCTime "
		"(tbsCertificate.validity.notBefore): '240101000000Z' "
		"(2024-01-01 00:00:00 UTC)",
		"  186:d=5  hl=2 l=   15 prim:           UTF8String "
		"(tbsCertificate.subject[2][0].value): 'www.example.com'",
		NULL
	};
	uint8_t *data;
	size_t len, i;
	char err[512], *out;
	int rv;

	data = test_read_file(test_data_path("lint/leaf-clean.pem"), &len);
	out = view(data, len, NULL, &rv, err, sizeof(err));
	ck_assert_int_eq(rv, 0);
	for (i = 0; lines[i] != NULL; i++) {
		ck_assert_msg(has_line(out, lines[i]), "missing line '%s'",
		    lines[i]);
	}
	ck_assert_ptr_nonnull(strstr(out, "SEQUENCE (basicConstraints)\n"));
	ck_assert_ptr_nonnull(strstr(out, "(subjectAltName[1]): "
	    "'example.com'"));
	ck_assert_ptr_nonnull(strstr(out, "(keyUsage): unused=5 A0"));
	ck_assert_ptr_nonnull(strstr(out, "OBJECT (certificatePolicies[0]."
	    "policyIdentifier): 2.23.140.1.2.1 (domain-validated)"));
	free(out);
	free(data);
}
END_TEST

/* The view goes on through a certificate the strict decoder rejects. */
START_TEST(test_cert_broken)
{
	uint8_t *data;
	size_t len;
	char err[512], *out;
	int rv;

	data = test_read_file(test_data_path("lint/der-length-nonminimal.pem"),
	    &len);
	out = view(data, len, NULL, &rv, err, sizeof(err));
	ck_assert_int_eq(rv, CERTSHOW_E_PARSE);
	ck_assert_str_eq(err, "at offset 13: length not in minimal form "
	    "(X.690 10.1)");
	ck_assert(has_line(out, "   13:d=2  hl=3 l=   16 prim:     INTEGER "
	    "(tbsCertificate.serialNumber): 0x4C1E5A0D3B2F6E7A19C8D4B3A2F1E0D9"));
	ck_assert(has_line(out, "   13: !! not DER: length not in minimal form "
	    "(X.690 10.1)"));
	ck_assert_ptr_nonnull(strstr(out, "BIT STRING (signature)"));
	free(out);
	free(data);
}
END_TEST

START_TEST(test_error_map)
{
	ck_assert_int_eq(certshow__asn1_map_error(ASN1_SUCCESS), 0);
	ck_assert_int_eq(certshow__asn1_map_error(ASN1_DER_ERROR),
	    CERTSHOW_E_PARSE);
	ck_assert_int_eq(certshow__asn1_map_error(ASN1_TAG_ERROR),
	    CERTSHOW_E_PARSE);
	ck_assert_int_eq(certshow__asn1_map_error(ASN1_MEM_ALLOC_ERROR),
	    CERTSHOW_E_NOMEM);
	ck_assert_int_eq(certshow__asn1_map_error(ASN1_ELEMENT_NOT_FOUND),
	    CERTSHOW_E_NOTFOUND);
	ck_assert_int_eq(certshow__asn1_map_error(ASN1_MEM_ERROR),
	    CERTSHOW_E_LIMIT);
	ck_assert_int_eq(certshow__asn1_map_error(ASN1_SYNTAX_ERROR),
	    CERTSHOW_E_INVAL);
}
END_TEST

/* Decode wrapper: strict rejects BER, lenient accepts it; two-pass read. */
START_TEST(test_decode_read)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow__asn1_items it;
	asn1_node defs = NULL, cert = NULL;
	uint8_t *data, *v = NULL;
	size_t len, vlen;

	ck_assert_int_eq(certshow__asn1_defs(ctx, &defs), 0);
	data = test_read_file(test_data_path("lint/der-length-indefinite.pem"),
	    &len);
	ck_assert_int_eq(certshow__asn1_split(ctx, data, len, &it), 0);
	ck_assert_uint_eq(it.n, 1);
	ck_assert_str_eq(it.label[0], "CERTIFICATE");
	ck_assert_int_eq(certshow__asn1_decode(ctx, defs, "PKIX.Certificate",
	    it.der[0], it.len[0], true, &cert), CERTSHOW_E_PARSE);
	ck_assert_ptr_null(cert);
	ck_assert_int_eq(certshow__asn1_decode(ctx, defs, "PKIX.Certificate",
	    it.der[0], it.len[0], false, &cert), 0);
	ck_assert_int_eq(certshow__asn1_read(ctx, cert,
	    "tbsCertificate.serialNumber", &v, &vlen), 0);
	ck_assert_uint_eq(vlen, 16);
	ck_assert_uint_eq(v[0], 0x4C);
	ck_assert_uint_eq(v[15], 0xD9);
	free(v);
	ck_assert_int_eq(certshow__asn1_read(ctx, cert,
	    "tbsCertificate.issuerUniqueID", &v, &vlen), CERTSHOW_E_NOTFOUND);
	ck_assert_uint_eq(certshow__asn1_count(cert,
	    "tbsCertificate.extensions"), 7);
	/* Trailing data is an error of the wrapper. */
	asn1_delete_structure(&cert);
	ck_assert_int_eq(certshow__asn1_decode(ctx, defs, "PKIX.Certificate",
	    it.der[0], it.len[0] - 1, false, &cert), CERTSHOW_E_PARSE);
	asn1_delete_structure(&cert);
	certshow__asn1_items_free(&it);
	asn1_delete_structure(&defs);
	free(data);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_split)
{
	static const char pem[] =
	    "junk\n-----BEGIN A-----\nMAA=\n-----END A-----\n"
	    "-----BEGIN B-----\nHdr: x\n\nBAFh\n-----END B-----\n"
	    "-----BEGIN C-----\nMA!A\n-----END C-----\n";
	static const uint8_t der[] = { 0x30, 0x00, 0x30, 0x01, 0x05, 0xEE };
	struct certshow__asn1_items it;

	ck_assert_int_eq(certshow__asn1_split(NULL, (const uint8_t *)pem,
	    sizeof(pem) - 1, &it), 0);
	ck_assert_uint_eq(it.n, 3);
	ck_assert_str_eq(it.label[0], "A");
	ck_assert_uint_eq(it.len[0], 2);
	ck_assert_str_eq(it.label[1], "B");
	ck_assert_uint_eq(it.len[1], 3);
	ck_assert_uint_eq(it.der[1][2], 'a');
	ck_assert_uint_eq(it.len[2], 1);
	ck_assert_str_eq(it.problem, "block 3 (BEGIN C at line 10, byte "
	    "offset 91): bad base64 at line 11: unexpected character '!' "
	    "(byte offset 111); the block is cut there");
	certshow__asn1_items_free(&it);
	/* DER: two items; the bytes after the second stay with it. */
	ck_assert_int_eq(certshow__asn1_split(NULL, der, sizeof(der), &it), 0);
	ck_assert_uint_eq(it.n, 2);
	ck_assert_uint_eq(it.len[0], 2);
	ck_assert_uint_eq(it.len[1], 4);
	ck_assert_ptr_null(it.label[1]);
	certshow__asn1_items_free(&it);
}
END_TEST

static Suite *
asn1_suite(void)
{
	Suite *s = suite_create("asn1");
	TCase *tc = tcase_create("view");

	tcase_add_loop_test(tc, test_view, 0,
	    (int)(sizeof(view_rows) / sizeof(view_rows[0])));
	tcase_add_test(tc, test_values);
	tcase_add_test(tc, test_line_limit);
	tcase_add_test(tc, test_cert_names);
	tcase_add_test(tc, test_cert_broken);
	suite_add_tcase(s, tc);
	tc = tcase_create("glue");
	tcase_add_test(tc, test_error_map);
	tcase_add_test(tc, test_decode_read);
	tcase_add_test(tc, test_split);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(asn1_suite());
}
