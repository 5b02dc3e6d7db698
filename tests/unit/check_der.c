/* check_der.c - the strict DER reader (lib/der.c). */
#include <limits.h>
#include <string.h>

#include "internal.h"
#include "testutil.h"

struct hdr_row {
	const char *what;
	uint8_t in[8];
	size_t len;
	int want;          /* CERTSHOW__DER_* */
	size_t want_len;   /* content length when OK */
};

static const struct hdr_row hdr_rows[] = {
	{ "short form", { 0x04, 0x01, 0xAA }, 3, CERTSHOW__DER_OK, 1 },
	{ "empty contents", { 0x05, 0x00 }, 2, CERTSHOW__DER_OK, 0 },
	{ "long form for 1 byte", { 0x04, 0x81, 0x01, 0xAA }, 4,
	    CERTSHOW__DER_BAD_LENGTH, 0 },
	{ "leading zero length octet", { 0x04, 0x82, 0x00, 0x81 }, 4,
	    CERTSHOW__DER_BAD_LENGTH, 0 },
	{ "indefinite length", { 0x30, 0x80, 0x00, 0x00 }, 4,
	    CERTSHOW__DER_BAD_LENGTH, 0 },
	{ "contents past end", { 0x04, 0x05, 0x01 }, 3,
	    CERTSHOW__DER_TRUNCATED, 0 },
	{ "header only", { 0x04 }, 1, CERTSHOW__DER_TRUNCATED, 0 },
	{ "high tag below 31", { 0x1F, 0x05, 0x00 }, 3, CERTSHOW__DER_BAD_TAG,
	    0 },
	{ "high tag 0x80 pad", { 0x1F, 0x80, 0x21, 0x00 }, 4,
	    CERTSHOW__DER_BAD_TAG, 0 },
	{ "high tag ok", { 0x1F, 0x21, 0x00 }, 3, CERTSHOW__DER_OK, 0 },
};

START_TEST(test_header)
{
	const struct hdr_row *r = &hdr_rows[_i];
	struct certshow__der d;
	struct certshow__tlv t;
	int rv;

	certshow__der_init(&d, r->in, r->len);
	rv = certshow__der_next(&d, &t);
	ck_assert_msg(rv == r->want, "row %d (%s): got %d want %d", _i,
	    r->what, rv, r->want);
	if (rv == 0) {
		ck_assert_uint_eq(t.len, r->want_len);
	}
}
END_TEST

START_TEST(test_integer)
{
	static const uint8_t ok[] = { 0x02, 0x02, 0x00, 0x80 };
	static const uint8_t pad[] = { 0x02, 0x02, 0x00, 0x7F };
	static const uint8_t negpad[] = { 0x02, 0x02, 0xFF, 0x80 };
	struct certshow__der d;
	struct certshow__tlv t;
	int64_t v;

	certshow__der_init(&d, ok, sizeof(ok));
	ck_assert_int_eq(certshow__der_next(&d, &t), 0);
	ck_assert_int_eq(certshow__der_int64(&t, &v), 0);
	ck_assert_int_eq(v, 128);
	certshow__der_init(&d, pad, sizeof(pad));
	ck_assert_int_eq(certshow__der_next(&d, &t), 0);
	ck_assert_int_eq(certshow__der_int64(&t, &v), CERTSHOW__DER_BAD_VALUE);
	certshow__der_init(&d, negpad, sizeof(negpad));
	ck_assert_int_eq(certshow__der_next(&d, &t), 0);
	ck_assert_int_eq(certshow__der_int_check(&t, NULL),
	    CERTSHOW__DER_BAD_VALUE);
}
END_TEST

START_TEST(test_oid)
{
	static const uint8_t cn[] = { 0x55, 0x04, 0x03 };
	static const uint8_t big[] = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D };
	static const uint8_t pad[] = { 0x2A, 0x80, 0x01 };
	char buf[64];

	ck_assert_int_eq(certshow__der_oid_str(cn, sizeof(cn), buf,
	    sizeof(buf)), 7);
	ck_assert_str_eq(buf, "2.5.4.3");
	ck_assert_int_gt(certshow__der_oid_str(big, sizeof(big), buf,
	    sizeof(buf)), 0);
	ck_assert_str_eq(buf, "1.2.840.113549");
	ck_assert_int_eq(certshow__der_oid_str(pad, sizeof(pad), buf,
	    sizeof(buf)), -1);
}
END_TEST

struct time_row {
	unsigned tag;
	const char *s;
	int want;
	int64_t t;
};

static const struct time_row time_rows[] = {
	{ CERTSHOW__TAG_UTCTIME, "700101000000Z", 0, 0 },
	{ CERTSHOW__TAG_UTCTIME, "491231235959Z", 0, 2524607999 },
	{ CERTSHOW__TAG_UTCTIME, "500101000000Z", 0, -631152000 },
	{ CERTSHOW__TAG_GENERALIZEDTIME, "19000101000000Z", 0, -2208988800 },
	{ CERTSHOW__TAG_GENERALIZEDTIME, "20991231235959Z", 0, 4102444799 },
	{ CERTSHOW__TAG_UTCTIME, "7001010000Z", CERTSHOW__DER_BAD_VALUE, 0 },
	{ CERTSHOW__TAG_UTCTIME, "700101000000+0100", CERTSHOW__DER_BAD_VALUE,
	    0 },
	{ CERTSHOW__TAG_GENERALIZEDTIME, "20990230000000Z",
	    CERTSHOW__DER_BAD_VALUE, 0 },
	{ CERTSHOW__TAG_GENERALIZEDTIME, "20000229000000Z", 0, 951782400 },
	{ CERTSHOW__TAG_GENERALIZEDTIME, "21000229000000Z",
	    CERTSHOW__DER_BAD_VALUE, 0 },
};

START_TEST(test_time)
{
	const struct time_row *r = &time_rows[_i];
	struct certshow__tlv t;
	int64_t v = -1;
	int rv;

	memset(&t, 0, sizeof(t));
	t.tag = r->tag;
	t.val = (const uint8_t *)r->s;
	t.len = strlen(r->s);
	rv = certshow__der_time(&t, &v);
	ck_assert_msg(rv == r->want, "row %d '%s': rv %d", _i, r->s, rv);
	if (rv == 0) {
		ck_assert_msg(v == r->t, "row %d '%s': %lld want %lld", _i,
		    r->s, (long long)v, (long long)r->t);
	}
}
END_TEST

START_TEST(test_civil_roundtrip)
{
	static const int64_t ts[] = { 0, -1, 86399, 951782400, -2208988800,
		4102444799, 253402300799 };
	size_t i;

	for (i = 0; i < sizeof(ts) / sizeof(ts[0]); i++) {
		int64_t y;
		unsigned mo, d, h, mi, s;

		certshow__civil_from_epoch(ts[i], &y, &mo, &d, &h, &mi, &s);
		ck_assert_int_eq(certshow__days_from_civil(y, mo, d) * 86400 +
		    h * 3600 + mi * 60 + s, ts[i]);
	}
}
END_TEST

START_TEST(test_bitstring)
{
	static const uint8_t ok[] = { 0x03, 0x02, 0x05, 0xA0 };
	static const uint8_t dirty[] = { 0x03, 0x02, 0x05, 0xA1 };
	static const uint8_t bad[] = { 0x03, 0x01, 0x01 };
	struct certshow__der d;
	struct certshow__tlv t;
	const uint8_t *bits;
	size_t n;
	unsigned u;

	certshow__der_init(&d, ok, sizeof(ok));
	ck_assert_int_eq(certshow__der_next(&d, &t), 0);
	ck_assert_int_eq(certshow__der_bitstring(&t, &bits, &n, &u), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(u, 5);
	certshow__der_init(&d, dirty, sizeof(dirty));
	ck_assert_int_eq(certshow__der_next(&d, &t), 0);
	ck_assert_int_eq(certshow__der_bitstring(&t, &bits, &n, &u),
	    CERTSHOW__DER_BAD_VALUE);
	certshow__der_init(&d, bad, sizeof(bad));
	ck_assert_int_eq(certshow__der_next(&d, &t), 0);
	ck_assert_int_eq(certshow__der_bitstring(&t, &bits, &n, &u),
	    CERTSHOW__DER_BAD_VALUE);
}
END_TEST

/* The reader's reasons never share a value with a public CERTSHOW_E_*
 * code, and the text accessor is bounded on both sides. */
START_TEST(test_reason_space)
{
	int e;

	for (e = CERTSHOW__DER_TOO_DEEP; e <= CERTSHOW__DER_TRUNCATED; e++) {
		ck_assert_msg(strcmp(certshow_strerror(e), "unknown error") == 0,
		    "DER reason %d is also a public error code", e);
	}
	ck_assert_str_eq(certshow__der_strreason(CERTSHOW__DER_OK), "ok");
	ck_assert_str_eq(certshow__der_strreason(CERTSHOW__DER_TRUNCATED),
	    "truncated");
	ck_assert_str_eq(certshow__der_strreason(CERTSHOW__DER_TOO_DEEP),
	    "nesting too deep");
	ck_assert_str_eq(certshow__der_strreason(CERTSHOW_E_NOMEM),
	    "invalid encoding");
	ck_assert_str_eq(certshow__der_strreason(CERTSHOW__DER_TOO_DEEP - 1),
	    "invalid encoding");
	ck_assert_str_eq(certshow__der_strreason(1), "invalid encoding");
	ck_assert_str_eq(certshow__der_strreason(INT_MIN), "invalid encoding");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("der");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_header, 0,
	    sizeof(hdr_rows) / sizeof(hdr_rows[0]));
	tcase_add_test(tc, test_integer);
	tcase_add_test(tc, test_oid);
	tcase_add_loop_test(tc, test_time, 0,
	    sizeof(time_rows) / sizeof(time_rows[0]));
	tcase_add_test(tc, test_civil_roundtrip);
	tcase_add_test(tc, test_bitstring);
	tcase_add_test(tc, test_reason_space);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
