/*
 * check_cli.c - the command-line tool's own parsers (tools/cli_parse.c):
 * HOST:PORT operands, --at times and STARTTLS protocol names.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* ------------------------------------------------------------------ */
/* cli_parse_hostport                                                   */
/* ------------------------------------------------------------------ */

struct hp_row {
	const char *in;
	int want;
	const char *host;
	const char *port;
};

static const struct hp_row hp_rows[] = {
	{ "example.com", 0, "example.com", "" },
	{ "example.com:8443", 0, "example.com", "8443" },
	{ "example.com:https", 0, "example.com", "https" },
	{ "[::1]:8443", 0, "::1", "8443" },
	{ "[::1]", 0, "::1", "" },
	{ "::1", 0, "::1", "" },
	{ "2001:db8::1", 0, "2001:db8::1", "" },
	{ "127.0.0.1:443", 0, "127.0.0.1", "443" },
	{ "https://example.com/path?q", 0, "example.com", "" },
	{ "https://[2001:db8::1]:4443/", 0, "2001:db8::1", "4443" },
	{ "example.com:", -1, "", "" },
	{ ":443", -1, "", "" },
	{ "[::1", -1, "", "" },
	{ "[]:443", -1, "", "" },
	{ "[::1]x", -1, "", "" },
	{ "", -1, "", "" },
	{ "host:4 43", -1, "", "" },
};

START_TEST(test_parse_hostport)
{
	const struct hp_row *r = &hp_rows[_i];
	struct cli_hostport hp;
	char err[256] = "";
	int rv;

	rv = cli_parse_hostport(r->in, &hp, err, sizeof(err));
	ck_assert_msg(rv == r->want, "row %d '%s': rv %d want %d", _i, r->in,
	    rv, r->want);
	if (rv == 0) {
		ck_assert_str_eq(hp.host, r->host);
		ck_assert_str_eq(hp.port, r->port);
	} else {
		ck_assert_str_ne(err, "");
	}
}
END_TEST

START_TEST(test_hostport_too_long)
{
	struct cli_hostport hp;
	char in[sizeof(hp.host) + 8], err[2 * sizeof(hp.host)] = "";

	memset(in, 'a', sizeof(hp.host));
	memcpy(in + sizeof(hp.host), ":1", 3);
	ck_assert_int_eq(cli_parse_hostport(in, &hp, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "host too long") != NULL, "%s", err);
	/* The valid twin: one byte shorter fits. */
	in[sizeof(hp.host) - 1] = ':';
	in[sizeof(hp.host)] = '1';
	in[sizeof(hp.host) + 1] = '\0';
	ck_assert_int_eq(cli_parse_hostport(in, &hp, err, sizeof(err)), 0);
	ck_assert_uint_eq(strlen(hp.host), sizeof(hp.host) - 1);
	ck_assert_str_eq(hp.port, "1");
}
END_TEST

START_TEST(test_starttls_names)
{
	enum certshow_starttls p;

	ck_assert_int_eq(cli_starttls_from_name("smtp", &p), 0);
	ck_assert_int_eq(p, CERTSHOW_STARTTLS_SMTP);
	ck_assert_int_eq(cli_starttls_from_name("postgres", &p), 0);
	ck_assert_int_eq(p, CERTSHOW_STARTTLS_POSTGRES);
	ck_assert_int_eq(cli_starttls_from_name("postgresql", &p), 0);
	ck_assert_int_eq(p, CERTSHOW_STARTTLS_POSTGRES);
	ck_assert_int_eq(cli_starttls_from_name("mysql", &p), 0);
	ck_assert_int_eq(p, CERTSHOW_STARTTLS_MYSQL);
	ck_assert_int_eq(cli_starttls_from_name("none", &p), 0);
	ck_assert_int_eq(p, CERTSHOW_STARTTLS_NONE);
	ck_assert_int_eq(cli_starttls_from_name("gopher", &p), -1);
	ck_assert_int_eq(cli_starttls_from_name("SMTP", &p), -1);
}
END_TEST

/* ------------------------------------------------------------------ */
/* cli_time_parse                                                       */
/* ------------------------------------------------------------------ */

struct time_row {
	const char *in;
	int rv;
	int64_t want;
};

static const struct time_row time_rows[] = {
	{ "1970-01-01T00:00:00Z", 0, 0 },
	{ "2024-03-01T12:00:00Z", 0, 1709294400 },
	{ "2024-03-01t12:00:00z", 0, 1709294400 },
	{ "2024-03-01 12:00:00Z", 0, 1709294400 },
	{ "2024-03-01T12:00:00.999Z", 0, 1709294400 },
	{ "2024-03-01T13:30:00+01:30", 0, 1709294400 },
	{ "2024-03-01T10:00:00-02:00", 0, 1709294400 },
	{ "2024-02-29T00:00:00Z", 0, 1709164800 },
	{ "1969-12-31T23:59:59Z", 0, -1 },
	{ "2100-01-01T00:00:00Z", 0, 4102444800 },
	{ "2016-12-31T23:59:60Z", 0, 1483228800 },
	{ "2000-02-29T00:00:00Z", 0, 951782400 },
	{ "0000-01-01T00:00:00Z", 0, -62167219200 },
	{ "9999-12-31T23:59:59Z", 0, 253402300799 },
	{ "2024-04-30T23:59:60Z", 0, 1714521600 },
	{ "@0", 0, 0 },
	{ "@1709294400", 0, 1709294400 },
	{ "@-86400", 0, -86400 },
	{ "@9223372036854775807", 0, INT64_MAX },
	{ "@9223372036854775808", -1, 0 },
	{ "@", -1, 0 },
	{ "@12x", -1, 0 },
	{ "2023-02-29T00:00:00Z", -1, 0 },
	{ "1900-02-29T00:00:00Z", -1, 0 },
	{ "2024-04-31T00:00:00Z", -1, 0 },
	{ "2024-03-00T00:00:00Z", -1, 0 },
	{ "2024-13-01T00:00:00Z", -1, 0 },
	{ "2024-03-01T24:00:00Z", -1, 0 },
	{ "2024-03-01T12:00:00", -1, 0 },
	{ "2024-03-01T12:00:00+0100", -1, 0 },
	{ "2024-03-01T12:00:00.Z", -1, 0 },
	{ "2024-03-01", -1, 0 },
	{ "2024-03-01T12:00:00Z ", -1, 0 },
	{ "", -1, 0 },
};

START_TEST(test_time_parse)
{
	const struct time_row *row = &time_rows[_i];
	int64_t t = 12345;
	int rv;

	rv = cli_time_parse(row->in, &t);
	ck_assert_msg(rv == row->rv, "row %d '%s': rv %d want %d", _i,
	    row->in, rv, row->rv);
	if (rv == 0) {
		ck_assert_msg(t == row->want, "row %d '%s': %lld want %lld",
		    _i, row->in, (long long)t, (long long)row->want);
	}
}
END_TEST

static Suite *
cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc;

	tc = tcase_create("hostport");
	tcase_add_loop_test(tc, test_parse_hostport, 0,
	    (int)(sizeof(hp_rows) / sizeof(hp_rows[0])));
	tcase_add_test(tc, test_hostport_too_long);
	suite_add_tcase(s, tc);

	tc = tcase_create("starttls");
	tcase_add_test(tc, test_starttls_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("time");
	tcase_add_loop_test(tc, test_time_parse, 0,
	    (int)(sizeof(time_rows) / sizeof(time_rows[0])));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(cli_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
