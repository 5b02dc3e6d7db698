/*
 * check_cli.c - the command-line tool's own parsers (tools/cli_parse.c):
 * HOST:PORT operands and ports, --at times, STARTTLS protocol and
 * --profile names, the shared option loop (exact --insecure-* options,
 * other tools' spellings), misspelled commands and elided messages.
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
	{ "example.com:https", -1, "", "" },
	{ "example.com:0", -1, "", "" },
	{ "example.com:65535", 0, "example.com", "65535" },
	{ "example.com:65536", -1, "", "" },
	{ "example.com:80000", -1, "", "" },
	{ "example.com:+443", -1, "", "" },
	{ "example.com:1", 0, "example.com", "1" },
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
	/* Names are case-insensitive. */
	ck_assert_int_eq(cli_starttls_from_name("SMTP", &p), 0);
	ck_assert_int_eq(p, CERTSHOW_STARTTLS_SMTP);
	ck_assert_int_eq(cli_starttls_from_name("PostgreSQL", &p), 0);
	ck_assert_int_eq(p, CERTSHOW_STARTTLS_POSTGRES);
	ck_assert_int_eq(cli_starttls_from_name("smtps", &p), -1);
	ck_assert_int_eq(cli_starttls_from_name("", &p), -1);
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
	{ "2024-03-01", 0, 1709251200 },
	{ "2027-01-01", 0, 1798761600 },
	{ "1970-01-01", 0, 0 },
	{ "2023-02-29", -1, 0 },
	{ "2024-3-01", -1, 0 },
	{ "2024-03-01Z", -1, 0 },
	{ "2024-03-01T", -1, 0 },
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

/* ------------------------------------------------------------------ */
/* cli_port_parse, cli_profile_from_name                                */
/* ------------------------------------------------------------------ */

struct port_row {
	const char *in;
	int rv;
	unsigned want;
};

static const struct port_row port_rows[] = {
	{ "1", 0, 1 },
	{ "443", 0, 443 },
	{ "65535", 0, 65535 },
	{ "00443", 0, 443 },
	{ "0", -1, 0 },
	{ "65536", -1, 0 },
	{ "80000", -1, 0 },
	{ "100000", -1, 0 },
	{ "abc", -1, 0 },
	{ "https", -1, 0 },
	{ "", -1, 0 },
	{ "-1", -1, 0 },
	{ "+443", -1, 0 },
	{ " 443", -1, 0 },
	{ "443 ", -1, 0 },
	{ "44a", -1, 0 },
};

START_TEST(test_port_parse)
{
	const struct port_row *r = &port_rows[_i];
	unsigned v = 7;
	int rv;

	rv = cli_port_parse(r->in, &v);
	ck_assert_msg(rv == r->rv, "row %d '%s': rv %d want %d", _i, r->in,
	    rv, r->rv);
	ck_assert_uint_eq(v, rv == 0 ? r->want : 7);
}
END_TEST

START_TEST(test_profile_names)
{
	enum certshow_profile p = CERTSHOW_PROFILE_RFC5280;

	ck_assert_int_eq(cli_profile_from_name("webpki", &p), 0);
	ck_assert_int_eq(p, CERTSHOW_PROFILE_WEBPKI);
	ck_assert_int_eq(cli_profile_from_name("rfc5280", &p), 0);
	ck_assert_int_eq(p, CERTSHOW_PROFILE_RFC5280);
	ck_assert_int_eq(cli_profile_from_name("RFC5280x", &p), -1);
	ck_assert_int_eq(cli_profile_from_name("", &p), -1);
	ck_assert_int_eq(p, CERTSHOW_PROFILE_RFC5280);
}
END_TEST

/* ------------------------------------------------------------------ */
/* cli_getopt                                                           */
/* ------------------------------------------------------------------ */

enum {
	O_CAFILE = 256, O_CAPATH, O_INSECURE, O_INSECURE_TIME, O_STARTTLS,
	O_LINT
};

static const struct option opts[] = {
	{ "cafile", required_argument, NULL, O_CAFILE },
	{ "capath", required_argument, NULL, O_CAPATH },
	{ "insecure-no-verify", no_argument, NULL, O_INSECURE },
	{ "insecure-time", required_argument, NULL, O_INSECURE_TIME },
	{ "starttls", required_argument, NULL, O_STARTTLS },
	{ "lint", no_argument, NULL, O_LINT },
	{ "format", required_argument, NULL, 'f' },
	{ NULL, 0, NULL, 0 }
};

struct opt_row {
	const char *args[4];     /* after argv[0], NULL-terminated */
	int want;                /* first return of cli_getopt */
	const char *err;         /* message when want is '?' */
};

static const struct opt_row opt_rows[] = {
	/* The switches that weaken verification: spelled out in full. */
	{ { "--insecure-no-verify", NULL }, O_INSECURE, NULL },
	{ { "--insec", NULL }, '?', "unknown option '--insec' (the "
	    "--insecure-* options are taken only when spelled out in full, "
	    "e.g. --insecure-no-verify)" },
	{ { "--insecure-no", NULL }, '?', "unknown option '--insecure-no' "
	    "(the --insecure-* options are taken only when spelled out in "
	    "full, e.g. --insecure-no-verify)" },
	{ { "--insecure-t", "@0", NULL }, '?', "unknown option "
	    "'--insecure-t' (the --insecure-* options are taken only when "
	    "spelled out in full, e.g. --insecure-time)" },
	{ { "--insecure-time", "@0", NULL }, O_INSECURE_TIME, NULL },
	{ { "--insecure-time=@0", NULL }, O_INSECURE_TIME, NULL },
	/* gnutls-cli's --insecure: the hint names certshow's switch. */
	{ { "--insecure", NULL }, '?', "unknown option '--insecure'; did you "
	    "mean --insecure-no-verify?" },
	/* Other options still take unambiguous prefixes. */
	{ { "--caf", "x", NULL }, O_CAFILE, NULL },
	{ { "--li", NULL }, O_LINT, NULL },
	{ { "--ca", "x", NULL }, '?', "ambiguous option '--ca'" },
	/* openssl and gnutls-cli spellings. */
	{ { "-CAfile", "x", NULL }, '?', "unknown option '-CAfile'; did you "
	    "mean --cafile?" },
	{ { "--CAfile=x", NULL }, '?', "unknown option '--CAfile'; did you "
	    "mean --cafile?" },
	{ { "-CApath", "x", NULL }, '?', "unknown option '-CApath'; did you "
	    "mean --capath?" },
	{ { "--x509cafile", "x", NULL }, '?', "unknown option "
	    "'--x509cafile'; did you mean --cafile?" },
	{ { "-starttls", "smtp", NULL }, '?', "unknown option '-starttls'; "
	    "did you mean --starttls?" },
	{ { "-showcerts", NULL }, '?', "unknown option '-showcerts'; did you "
	    "mean -f pem?" },
	{ { "-connect", "h:1", NULL }, '?', "unknown option '-connect'; did "
	    "you mean HOST:PORT as the operand?" },
	/* A hint for an option this command lacks is not given; the
	 * option is named whole. */
	{ { "-servername", "x", NULL }, '?', "unknown option '-servername'" },
	{ { "-sx", NULL }, '?', "unknown option '-s'" },
	{ { "--bogus", NULL }, '?', "unknown option '--bogus'" },
	{ { "-z", NULL }, '?', "unknown option '-z'" },
	{ { "--lint=yes", NULL }, '?', "option '--lint' takes no argument" },
	{ { "--cafile", NULL }, '?', "option '--cafile' needs an argument" },
	{ { "-f", NULL }, '?', "option '-f' needs an argument" },
	{ { "-f", "json", NULL }, 'f', NULL },
	{ { "operand", NULL }, -1, NULL },
};

START_TEST(test_getopt)
{
	const struct opt_row *r = &opt_rows[_i];
	char store[5][64], *argv[6];
	char err[CLI_MSG_MAX] = "";
	int argc = 1, c;

	/* getopt_long() may permute argv: writable copies. */
	snprintf(store[0], sizeof(store[0]), "certshow");
	argv[0] = store[0];
	while (r->args[argc - 1] != NULL) {
		snprintf(store[argc], sizeof(store[argc]), "%s",
		    r->args[argc - 1]);
		argv[argc] = store[argc];
		argc++;
	}
	argv[argc] = NULL;
	opterr = 0;
	optind = 0;
	c = cli_getopt(argc, argv, ":f:h", opts, err, sizeof(err));
	ck_assert_msg(c == r->want, "row %d '%s': %d want %d (%s)", _i,
	    r->args[0], c, r->want, err);
	if (r->err != NULL) {
		ck_assert_str_eq(err, r->err);
	}
}
END_TEST

START_TEST(test_option_hint)
{
	/* --host is not an option of this table: no hint. */
	ck_assert_ptr_null(cli_option_hint("-verify_hostname", "", opts));
	ck_assert_str_eq(cli_option_hint("-CAfile", "", opts), "--cafile");
	ck_assert_str_eq(cli_option_hint("--CAfile=f", "", opts), "--cafile");
	ck_assert_ptr_null(cli_option_hint("-cafile", "", opts));
	ck_assert_ptr_null(cli_option_hint("-CAfilex", "", opts));
	/* "-f pem" only where -f exists. */
	ck_assert_ptr_null(cli_option_hint("-showcerts", "", opts));
	ck_assert_str_eq(cli_option_hint("-showcerts", ":f:", opts),
	    "-f pem");
}
END_TEST

/* ------------------------------------------------------------------ */
/* Misspelled commands                                                  */
/* ------------------------------------------------------------------ */

static const char *const cmds[] = {
	"asn1", "connect", "dump", "lint", "verify", "help"
};

struct cmd_row {
	const char *word;
	const char *want;     /* NULL: no suggestion (a host) */
};

static const struct cmd_row cmd_rows[] = {
	{ "verfy", "verify" },
	{ "veriy", "verify" },
	{ "vreify", "verify" },
	{ "dupm", "dump" },
	{ "dmup", "dump" },
	{ "lnit", "lint" },
	{ "conect", "connect" },
	{ "asn", "asn1" },
	{ "hepl", "help" },
	{ "vrfy", NULL },         /* two edits in four letters: a host */
	{ "localhost", NULL },
	{ "example.com", NULL },
	{ "dump.example", NULL },
	{ "lint:443", NULL },
	{ "[::1]", NULL },
	{ "x", NULL },
	{ "gitlab", NULL },
	{ "db", NULL },
	{ "vfy", NULL },
};

START_TEST(test_command_suggest)
{
	const struct cmd_row *r = &cmd_rows[_i];
	const char *got = cli_command_suggest(r->word, cmds,
	    sizeof(cmds) / sizeof(cmds[0]));

	ck_assert_msg((got == NULL && r->want == NULL) ||
	    (got != NULL && r->want != NULL && strcmp(got, r->want) == 0),
	    "row %d '%s': '%s' want '%s'", _i, r->word,
	    got != NULL ? got : "(none)", r->want != NULL ? r->want : "(none)");
}
END_TEST

START_TEST(test_edit_distance)
{
	ck_assert_uint_eq(cli_edit_distance("verify", "verify"), 0);
	ck_assert_uint_eq(cli_edit_distance("verfy", "verify"), 1);
	ck_assert_uint_eq(cli_edit_distance("dupm", "dump"), 1);
	ck_assert_uint_eq(cli_edit_distance("", "dump"), 4);
	ck_assert_uint_eq(cli_edit_distance("kitten", "sitting"), 3);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Elided messages                                                      */
/* ------------------------------------------------------------------ */

START_TEST(test_format_elided)
{
	char name[5001], buf[CLI_MSG_MAX], small[64];
	const char *reason = ": File name too long";
	size_t n;

	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	cli_format(buf, sizeof(buf), "cannot open '%s'%s", name, reason);
	n = strlen(buf);
	ck_assert_uint_eq(n, sizeof(buf) - 1);
	/* The start and the reason survive; the middle is marked. */
	ck_assert_msg(strncmp(buf, "cannot open 'aaa", 16) == 0, "%s", buf);
	ck_assert_msg(strcmp(buf + n - strlen(reason) - 1,
	    "': File name too long") == 0, "%s", buf + n - 40);
	ck_assert_ptr_nonnull(strstr(buf, " [...] "));
	/* Short messages are left alone (the twin). */
	cli_format(small, sizeof(small), "cannot open '%s'%s", "x", reason);
	ck_assert_str_eq(small, "cannot open 'x': File name too long");
	/* A port error message names the value and keeps the reason. */
	{
		struct cli_hostport hp;
		char err[CLI_MSG_MAX];

		ck_assert_int_eq(cli_parse_hostport("host:99999", &hp, err,
		    sizeof(err)), -1);
		ck_assert_str_eq(err, "'host:99999': invalid port '99999' "
		    "(expected 1 to 65535)");
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

	tc = tcase_create("values");
	tcase_add_loop_test(tc, test_port_parse, 0,
	    (int)(sizeof(port_rows) / sizeof(port_rows[0])));
	tcase_add_test(tc, test_profile_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("options");
	tcase_add_loop_test(tc, test_getopt, 0,
	    (int)(sizeof(opt_rows) / sizeof(opt_rows[0])));
	tcase_add_test(tc, test_option_hint);
	suite_add_tcase(s, tc);

	tc = tcase_create("commands");
	tcase_add_loop_test(tc, test_command_suggest, 0,
	    (int)(sizeof(cmd_rows) / sizeof(cmd_rows[0])));
	tcase_add_test(tc, test_edit_distance);
	tcase_add_test(tc, test_format_elided);
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
