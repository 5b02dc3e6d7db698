/*
 * cli_parse.c - argument parsers of the command-line tool that are no
 * business of the library: the option loop every command shares
 * (cli_getopt), "HOST:PORT" operands and ports, --at times, STARTTLS
 * protocol and --profile names, hints for other tools' option spellings
 * and misspelled commands, and messages that are elided rather than cut.
 * Pure functions (no output), so tests/unit/check_cli.c can drive them.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1 /* timegm() */
#endif
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* ------------------------------------------------------------------ */
/* Messages                                                             */
/* ------------------------------------------------------------------ */

void
cli_vformat(char *dst, size_t size, const char *fmt, va_list ap)
{
	static const char mark[] = " [...] ";
	size_t head, tail, n;
	va_list ap2;
	char *full;
	int len;

	if (size == 0) {
		return;
	}
	va_copy(ap2, ap);
	len = vsnprintf(dst, size, fmt, ap);
	if (len < 0 || (size_t)len < size) {
		va_end(ap2);
		return;
	}
	/* Too long: keep the start (what failed) and the end (why), and
	 * drop the middle, which is where a long value sits. */
	full = malloc((size_t)len + 1);
	if (full == NULL || size < sizeof(mark) + 16) {
		va_end(ap2);
		free(full);
		return;
	}
	vsnprintf(full, (size_t)len + 1, fmt, ap2);
	va_end(ap2);
	n = size - 1 - (sizeof(mark) - 1);
	head = n / 3;
	tail = n - head;
	memcpy(dst, full, head);
	memcpy(dst + head, mark, sizeof(mark) - 1);
	memcpy(dst + head + sizeof(mark) - 1, full + (size_t)len - tail, tail);
	dst[size - 1] = '\0';
	free(full);
}

void
cli_format(char *dst, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vformat(dst, size, fmt, ap);
	va_end(ap);
}

/* ------------------------------------------------------------------ */
/* Host and port                                                        */
/* ------------------------------------------------------------------ */

static int
fail(char *err, size_t err_size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(char *err, size_t err_size, const char *fmt, ...)
{
	va_list ap;

	if (err != NULL && err_size > 0) {
		va_start(ap, fmt);
		cli_vformat(err, err_size, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int
copy_part(char *dst, size_t size, const char *p, size_t n, const char *what,
    const char *in, char *err, size_t err_size)
{
	if (n >= size) {
		return fail(err, err_size, "'%s': %s too long", in, what);
	}
	memcpy(dst, p, n);
	dst[n] = '\0';
	return 0;
}

int
cli_port_parse(const char *s, unsigned *out)
{
	unsigned long v = 0;
	size_t i;

	/* Decimal digits only (no sign, space or service name), at most
	 * five of them, 1 to 65535. */
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9' || i == 5) {
			return -1;
		}
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (i == 0 || v < 1 || v > 65535) {
		return -1;
	}
	if (out != NULL) {
		*out = (unsigned)v;
	}
	return 0;
}

static int
check_port(const char *port, const char *in, char *err, size_t err_size)
{
	if (*port == '\0') {
		return fail(err, err_size, "'%s': empty port", in);
	}
	if (cli_port_parse(port, NULL) != 0) {
		return fail(err, err_size, "'%s': invalid port '%s' (expected "
		    "1 to 65535)", in, port);
	}
	return 0;
}

/* "[V6]" or "[V6]:PORT", from the '[' at p to end. */
static int
parse_bracketed(const char *in, const char *p, const char *end,
    struct cli_hostport *out, char *err, size_t err_size)
{
	const char *close;

	/* RFC 3986 3.2.2: an IPv6 literal is bracketed. */
	close = memchr(p, ']', (size_t)(end - p));
	if (close == NULL || close == p + 1) {
		return fail(err, err_size, "'%s': unterminated or empty '['",
		    in);
	}
	if (copy_part(out->host, sizeof(out->host), p + 1,
	    (size_t)(close - p - 1), "host", in, err, err_size) != 0) {
		return -1;
	}
	if (close + 1 == end) {
		return 0;
	}
	if (close[1] != ':') {
		return fail(err, err_size, "'%s': unexpected text after ']'",
		    in);
	}
	if (copy_part(out->port, sizeof(out->port), close + 2,
	    (size_t)(end - close - 2), "port", in, err, err_size) != 0) {
		return -1;
	}
	return check_port(out->port, in, err, err_size);
}

int
cli_parse_hostport(const char *in, struct cli_hostport *out, char *err,
    size_t err_size)
{
	const char *p, *end, *colon;

	out->host[0] = '\0';
	out->port[0] = '\0';
	p = strstr(in, "://");
	p = p != NULL ? p + 3 : in;
	end = p + strcspn(p, "/?#");
	if (p == end) {
		return fail(err, err_size, "'%s': no host", in);
	}
	if (*p == '[') {
		return parse_bracketed(in, p, end, out, err, err_size);
	}
	colon = memchr(p, ':', (size_t)(end - p));
	if (colon == NULL || memchr(colon + 1, ':',
	    (size_t)(end - colon - 1)) != NULL) {
		/* No colon: a name. Two colons or more and no brackets: a
		 * bare IPv6 literal. Either way there is no port. */
		return copy_part(out->host, sizeof(out->host), p,
		    (size_t)(end - p), "host", in, err, err_size);
	}
	if (colon == p) {
		return fail(err, err_size, "'%s': no host", in);
	}
	if (copy_part(out->host, sizeof(out->host), p, (size_t)(colon - p),
	    "host", in, err, err_size) != 0 ||
	    copy_part(out->port, sizeof(out->port), colon + 1,
	    (size_t)(end - colon - 1), "port", in, err, err_size) != 0) {
		return -1;
	}
	return check_port(out->port, in, err, err_size);
}

/* ------------------------------------------------------------------ */
/* Times                                                                */
/* ------------------------------------------------------------------ */

/* Parse exactly `n` decimal digits. */
static bool
digits(const char *s, size_t n, unsigned *out)
{
	unsigned v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	*out = v;
	return true;
}

/* Seconds since the epoch of a UTC date and time, through libc's timegm()
 * (the library has its own calendar arithmetic in lib/der.c, which is
 * not part of its API). Returns 0, or -1 for a day the month does not
 * have: timegm() would roll it over, so its fields are compared after.
 * A leap second (:60) counts as the next second. */
static int
utc_seconds(unsigned y, unsigned mo, unsigned d, unsigned h, unsigned mi,
    unsigned sec, int64_t *out)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)y - 1900;
	tm.tm_mon = (int)mo - 1;
	tm.tm_mday = (int)d;
	tm.tm_hour = (int)h;
	tm.tm_min = (int)mi;
	tm.tm_sec = sec == 60 ? 59 : (int)sec;
	t = timegm(&tm);
	if (tm.tm_mday != (int)d || tm.tm_mon != (int)mo - 1) {
		return -1;
	}
	*out = (int64_t)t + (sec == 60);
	return 0;
}

/* "@SECONDS": an optional sign and decimal digits, no overflow. */
static int
parse_epoch(const char *s, int64_t *out)
{
	bool neg = false;
	uint64_t v = 0, max;
	const char *p = s;

	if (*p == '-' || *p == '+') {
		neg = *p == '-';
		p++;
	}
	if (*p == '\0') {
		return -1;
	}
	max = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; *p != '\0'; p++) {
		if (*p < '0' || *p > '9') {
			return -1;
		}
		if (v > (max - (uint64_t)(*p - '0')) / 10) {
			return -1;
		}
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (neg) {
		*out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	} else {
		*out = (int64_t)v;
	}
	return 0;
}

/* The "Z" or +HH:MM / -HH:MM after the seconds (and fraction): the
 * offset in seconds east of UTC. */
static int
parse_offset(const char *s, int64_t *offset)
{
	unsigned oh, om;

	if ((s[0] == 'Z' || s[0] == 'z') && s[1] == '\0') {
		*offset = 0;
		return 0;
	}
	if ((s[0] == '+' || s[0] == '-') && strlen(s) == 6 &&
	    digits(s + 1, 2, &oh) && s[3] == ':' && digits(s + 4, 2, &om) &&
	    oh <= 23 && om <= 59) {
		*offset = (s[0] == '-' ? -1 : 1) *
		    ((int64_t)oh * 3600 + (int64_t)om * 60);
		return 0;
	}
	return -1;
}

/*
 * RFC 3339 section 5.6 date-time: full-date "T" full-time, where
 * full-time is HH:MM:SS[.frac] followed by "Z" or +HH:MM / -HH:MM. The
 * section's note allows "t", "z" and a space for "T". A bare full-date
 * ("2027-01-01") means midnight UTC. A leap second
 * (:60) is accepted and counts as the next second, as POSIX time has no
 * room for it; fractions are truncated.
 */
int
cli_time_parse(const char *s, int64_t *out)
{
	unsigned y, mo, d, h, mi, sec;
	int64_t offset;

	if (s[0] == '@') {
		return parse_epoch(s + 1, out);
	}
	/* A bare full-date is midnight UTC of that day. */
	if (strlen(s) == 10 && digits(s, 4, &y) && s[4] == '-' &&
	    digits(s + 5, 2, &mo) && s[7] == '-' && digits(s + 8, 2, &d)) {
		if (mo < 1 || mo > 12 || d < 1 || d > 31) {
			return -1;
		}
		return utc_seconds(y, mo, d, 0, 0, 0, out);
	}
	if (strlen(s) < 20 || !digits(s, 4, &y) || s[4] != '-' ||
	    !digits(s + 5, 2, &mo) || s[7] != '-' || !digits(s + 8, 2, &d) ||
	    (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
	    !digits(s + 11, 2, &h) || s[13] != ':' ||
	    !digits(s + 14, 2, &mi) || s[16] != ':' ||
	    !digits(s + 17, 2, &sec)) {
		return -1;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 60) {
		return -1;
	}
	s += 19;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9') {
			return -1;
		}
		while (*s >= '0' && *s <= '9') {
			s++;
		}
	}
	if (parse_offset(s, &offset) != 0) {
		return -1;
	}
	if (utc_seconds(y, mo, d, h, mi, sec, out) != 0) {
		return -1;
	}
	/* The local time is UTC plus the offset (section 4.2). */
	*out -= offset;
	return 0;
}

/* ------------------------------------------------------------------ */
/* STARTTLS protocols                                                   */
/* ------------------------------------------------------------------ */

static const struct {
	const char *name;
	enum certshow_starttls proto;
} protos[] = {
	{ "none", CERTSHOW_STARTTLS_NONE },
	{ "smtp", CERTSHOW_STARTTLS_SMTP },
	{ "imap", CERTSHOW_STARTTLS_IMAP },
	{ "pop3", CERTSHOW_STARTTLS_POP3 },
	{ "ftp", CERTSHOW_STARTTLS_FTP },
	{ "xmpp", CERTSHOW_STARTTLS_XMPP },
	{ "ldap", CERTSHOW_STARTTLS_LDAP },
	{ "postgres", CERTSHOW_STARTTLS_POSTGRES },
	{ "postgresql", CERTSHOW_STARTTLS_POSTGRES },
	{ "mysql", CERTSHOW_STARTTLS_MYSQL },
};

int
cli_starttls_from_name(const char *name, enum certshow_starttls *out)
{
	size_t i;

	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		if (strcasecmp(name, protos[i].name) == 0) {
			*out = protos[i].proto;
			return 0;
		}
	}
	return -1;
}

const char *
cli_starttls_names(void)
{
	return "smtp, imap, pop3, ftp, xmpp, ldap, postgres, mysql or none";
}

/* ------------------------------------------------------------------ */
/* Profiles                                                             */
/* ------------------------------------------------------------------ */

int
cli_profile_from_name(const char *name, enum certshow_profile *out)
{
	if (strcmp(name, "webpki") == 0) {
		*out = CERTSHOW_PROFILE_WEBPKI;
	} else if (strcmp(name, "rfc5280") == 0) {
		*out = CERTSHOW_PROFILE_RFC5280;
	} else {
		return -1;
	}
	return 0;
}

int
cli_purpose_parse(const char *arg, enum certshow_purpose *out, const char **oid)
{
	if (strcmp(arg, "server") == 0) {
		*out = CERTSHOW_PURPOSE_SERVER;
	} else if (strcmp(arg, "client") == 0) {
		*out = CERTSHOW_PURPOSE_CLIENT;
	} else if (strcmp(arg, "any") == 0) {
		*out = CERTSHOW_PURPOSE_ANY;
	} else if (arg[0] >= '0' && arg[0] <= '2' &&
	    strspn(arg, "0123456789.") == strlen(arg) &&
	    strchr(arg, '.') != NULL) {
		*out = CERTSHOW_PURPOSE_OID;
		*oid = arg;
		return 0;
	} else {
		return -1;
	}
	*oid = NULL;
	return 0;
}

int
cli_warn_days_parse(const char *s, unsigned *out)
{
	unsigned long days;
	char *end;

	if (s[0] < '0' || s[0] > '9') {
		return -1;
	}
	errno = 0;
	days = strtoul(s, &end, 10);
	if (*end != '\0' || errno != 0 || days > 36500) {
		return -1;
	}
	*out = (unsigned)days;
	return 0;
}

int
cli_alpn_check(const char *arg, char *err, size_t err_size)
{
	/* RFC 7301 3.1: a protocol name is 1 to 255 bytes. */
	if (arg[0] == '\0' || arg[0] == ',' || arg[strlen(arg) - 1] == ',' ||
	    strstr(arg, ",,") != NULL) {
		snprintf(err, err_size,
		    "invalid --alpn '%s' (a comma-separated list "
		    "of non-empty protocol names)",
		    arg);
		return -1;
	}
	return 0;
}

int
cli_tls_only(unsigned *cur, unsigned want, char *err, size_t err_size)
{
	if (*cur != 0 && *cur != want) {
		snprintf(err, err_size,
		    "--tls1.2 and --tls1.3 exclude each other "
		    "(give neither to allow both)");
		return -1;
	}
	*cur = want;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Other tools' spellings                                               */
/* ------------------------------------------------------------------ */

/*
 * Options of openssl (s_client, verify, x509) and gnutls-cli that people
 * type out of habit, with the certshow spelling of the same request. The
 * dashes are not part of the match: OpenSSL takes "-CAfile" and
 * "--CAfile" alike. A hint that starts with '-' is an option, offered
 * only by a command that has it; any other hint is an operand.
 */
static const struct {
	const char *theirs;
	const char *ours;
} foreign_opts[] = {
	/* openssl */
	{ "CAfile", "--cafile" },
	{ "CApath", "--capath" },
	{ "CAstore", "--cafile" },
	{ "CRLfile", "--crl" },
	{ "alpn", "--alpn" },
	{ "attime", "--at" },
	{ "connect", "HOST:PORT as the operand" },
	{ "crl_check", "--crl-check leaf" },
	{ "crl_check_all", "--crl-check all" },
	{ "explicit_policy", "--explicit-policy" },
	{ "in", "FILE as the operand" },
	{ "inhibit_any", "--inhibit-any-policy" },
	{ "inhibit_map", "--inhibit-policy-mapping" },
	{ "noservername", "--no-sni" },
	{ "policy", "--policy" },
	{ "purpose", "--purpose" },
	{ "servername", "--sni" },
	{ "showcerts", "-f pem" },
	{ "starttls", "--starttls" },
	{ "tls1_2", "--tls1.2" },
	{ "tls1_3", "--tls1.3" },
	{ "untrusted", "--untrusted" },
	{ "verify_depth", "--max-depth" },
	{ "verify_email", "--email" },
	{ "verify_hostname", "--host" },
	{ "verify_ip", "--ip" },
	{ "x509_strict", "--profile webpki" },
	/* gnutls-cli */
	{ "disable-sni", "--no-sni" },
	{ "insecure", "--insecure-no-verify" },
	{ "no-ca-verification", "--insecure-no-verify" },
	{ "print-cert", "-f pem" },
	{ "sni-hostname", "--sni" },
	{ "starttls-proto", "--starttls" },
	{ "verify-hostname", "--host" },
	{ "x509cafile", "--cafile" },
	{ "x509crlfile", "--crl" },
};

/* Whether the command whose options are `shortopts` and `longopts` has
 * the option a hint starts with ("--cafile", "-f pem"). */
static bool
has_option(const char *hint, const char *shortopts,
    const struct option *longopts)
{
	size_t n;

	if (hint[0] != '-') {
		return true;
	}
	if (hint[1] != '-') {
		return hint[1] != '\0' && hint[1] != ':' &&
		    strchr(shortopts, hint[1]) != NULL;
	}
	n = strcspn(hint + 2, " ");
	for (; longopts->name != NULL; longopts++) {
		if (strlen(longopts->name) == n &&
		    strncmp(longopts->name, hint + 2, n) == 0) {
			return true;
		}
	}
	return false;
}

/* The certshow spelling of another tool's option `arg`, whatever the
 * command, or NULL. */
static const char *
foreign_lookup(const char *arg)
{
	size_t i, n;

	while (*arg == '-') {
		arg++;
	}
	n = strcspn(arg, "=");
	for (i = 0; i < sizeof(foreign_opts) / sizeof(foreign_opts[0]); i++) {
		if (strlen(foreign_opts[i].theirs) == n &&
		    strncmp(foreign_opts[i].theirs, arg, n) == 0) {
			return foreign_opts[i].ours;
		}
	}
	return NULL;
}

const char *
cli_option_hint(const char *arg, const char *shortopts,
    const struct option *longopts)
{
	const char *ours = foreign_lookup(arg);

	return ours != NULL && has_option(ours, shortopts, longopts) ?
	    ours : NULL;
}

/* ------------------------------------------------------------------ */
/* The option loop                                                      */
/* ------------------------------------------------------------------ */

/* "unknown option 'X'", with the certshow spelling when `el` is another
 * tool's. */
static int
unknown_option(const char *el, const char *shown, const char *shortopts,
    const struct option *longopts, char *err, size_t err_size)
{
	const char *hint = cli_option_hint(el, shortopts, longopts);

	if (hint != NULL) {
		return fail(err, err_size, "unknown option '%.*s'; did you "
		    "mean %s?", (int)strcspn(el, "="), el, hint);
	}
	if (foreign_lookup(el) != NULL) {
		/* Another tool's option this command has no equivalent
		 * of: named whole, not as the cluster "-s..." it parses
		 * as. */
		return fail(err, err_size, "unknown option '%.*s'",
		    (int)strcspn(el, "="), el);
	}
	return fail(err, err_size, "unknown option '%s'", shown);
}

/* The argv element getopt_long() just took option `c` from. */
static const char *
short_element(int argc, char **argv, int c)
{
	const char *el;

	/* In the middle of a cluster ("-CAfile" after '-C'), optind has
	 * not moved past it yet. */
	if (optind < argc) {
		el = argv[optind];
		if (el[0] == '-' && el[1] != '-' && el[1] != '\0' &&
		    strchr(el + 1, c) != NULL) {
			return el;
		}
	}
	return optind > 0 ? argv[optind - 1] : "";
}

/* Number of long options that `name` (up to '=') abbreviates. */
static size_t
prefix_matches(const char *name, const struct option *longopts)
{
	size_t n = strcspn(name, "="), k = 0;

	for (; longopts->name != NULL; longopts++) {
		if (strncmp(longopts->name, name, n) == 0) {
			k++;
		}
	}
	return k;
}

/* The first --insecure-* option that `name` (up to '=') abbreviates
 * without naming it in full, or NULL. */
static const char *
insecure_prefix(const char *name, const struct option *longopts)
{
	size_t n = strcspn(name, "=");

	for (; longopts->name != NULL; longopts++) {
		if (strncmp(longopts->name, "insecure-", 9) == 0 &&
		    strlen(longopts->name) != n &&
		    strncmp(longopts->name, name, n) == 0) {
			return longopts->name;
		}
	}
	return NULL;
}

static int
insecure_error(const char *el, const char *full, char *err, size_t err_size)
{
	return fail(err, err_size, "unknown option '%.*s' (the --insecure-* "
	    "options are taken only when spelled out in full, e.g. --%s)",
	    (int)strcspn(el, "="), el, full);
}

/* getopt_long() returned '?' or ':'; the message for it. */
static int
option_error(int c, int argc, char **argv, const char *shortopts,
    const struct option *longopts, char *err, size_t err_size)
{
	const char *el;
	char shown[3] = { '-', 0, 0 };

	if (c == ':') {
		el = optind > 0 ? argv[optind - 1] : "";
		if (strncmp(el, "--", 2) == 0) {
			return fail(err, err_size, "option '%.*s' needs an "
			    "argument", (int)strcspn(el, "="), el);
		}
		return fail(err, err_size, "option '-%c' needs an argument",
		    optopt);
	}
	if (optopt != 0 && optopt < 256) {
		el = short_element(argc, argv, optopt);
		if (strncmp(el, "--", 2) != 0) {
			shown[1] = (char)optopt;
			return unknown_option(el, shown, shortopts, longopts,
			    err, err_size);
		}
	}
	el = optind > 0 ? argv[optind - 1] : "";
	if (strncmp(el, "--", 2) == 0 && optopt != 0) {
		/* A known long option given an argument it does not take
		 * ("--lint=yes"). */
		return fail(err, err_size, "option '%.*s' takes no argument",
		    (int)strcspn(el, "="), el);
	}
	if (cli_option_hint(el, shortopts, longopts) != NULL) {
		return unknown_option(el, el, shortopts, longopts, err,
		    err_size);
	}
	if (strncmp(el, "--", 2) == 0 &&
	    insecure_prefix(el + 2, longopts) != NULL) {
		return insecure_error(el, insecure_prefix(el + 2, longopts),
		    err, err_size);
	}
	if (strncmp(el, "--", 2) == 0 && prefix_matches(el + 2,
	    longopts) > 1) {
		return fail(err, err_size, "ambiguous option '%.*s'",
		    (int)strcspn(el, "="), el);
	}
	return unknown_option(el, el, shortopts, longopts, err, err_size);
}

int
cli_getopt(int argc, char **argv, const char *shortopts,
    const struct option *longopts, char *err, size_t err_size)
{
	const struct option *o;
	const char *el;
	int c, idx = -1;
	size_t n;

	c = getopt_long(argc, argv, shortopts, longopts, &idx);
	if (c == '?' || c == ':') {
		option_error(c, argc, argv, shortopts, longopts, err,
		    err_size);
		return '?';
	}
	if (c == -1 || idx < 0) {
		return c;
	}
	/* A switch that weakens verification is taken only when spelled
	 * out in full: getopt_long() would complete "--insec" to it, and
	 * an option added later could change what a prefix completes to. */
	o = &longopts[idx];
	if (strncmp(o->name, "insecure-", 9) != 0) {
		return c;
	}
	el = argv[optind - 1];
	if (o->has_arg != no_argument && optarg != NULL && optind >= 2 &&
	    optarg == argv[optind - 1]) {
		el = argv[optind - 2];
	}
	n = strcspn(el + 2, "=");
	if (strlen(o->name) != n || strncmp(o->name, el + 2, n) != 0) {
		if (cli_option_hint(el, shortopts, longopts) != NULL) {
			unknown_option(el, el, shortopts, longopts, err,
			    err_size);
		} else {
			insecure_error(el, o->name, err, err_size);
		}
		return '?';
	}
	return c;
}

/* ------------------------------------------------------------------ */
/* Misspelled commands                                                  */
/* ------------------------------------------------------------------ */

/* Optimal string alignment distance (Levenshtein plus transpositions of
 * adjacent characters), for short words; SIZE_MAX past 31 bytes. */
size_t
cli_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, v;
	size_t d[32][32];

	if (la >= 32 || lb >= 32) {
		return (size_t)-1;
	}
	for (i = 0; i <= la; i++) {
		d[i][0] = i;
	}
	for (j = 0; j <= lb; j++) {
		d[0][j] = j;
	}
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < v) {
				v = d[i - 1][j] + 1;
			}
			if (d[i][j - 1] + 1 < v) {
				v = d[i][j - 1] + 1;
			}
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v) {
				v = d[i - 2][j - 2] + 1;
			}
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

const char *
cli_command_suggest(const char *word, const char *const *names, size_t n)
{
	size_t i, dist, best = (size_t)-1, len = strlen(word);
	const char *pick = NULL;

	/* A host name has a dot, a port or a path; a command has none. */
	if (len < 2 || strpbrk(word, ".:/[@") != NULL) {
		return NULL;
	}
	for (i = 0; i < n; i++) {
		dist = cli_edit_distance(word, names[i]);
		if (dist < best) {
			best = dist;
			pick = names[i];
		}
	}
	/* One edit, or two in a word of five letters or more. */
	if (best == 0 || best > 2 || (best == 2 && len < 5)) {
		return NULL;
	}
	return pick;
}
