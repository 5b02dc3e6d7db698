/*
 * cli_parse.c - argument parsers of the command-line tool that are no
 * business of the library: "HOST:PORT" operands, --at times and STARTTLS
 * protocol names. Pure functions (no output),
 * so tests/unit/check_cli.c can drive them.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1 /* timegm() */
#endif
#include "cli.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

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
		vsnprintf(err, err_size, fmt, ap);
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

static int
check_port(const char *port, const char *in, char *err, size_t err_size)
{
	const char *p;

	if (*port == '\0') {
		return fail(err, err_size, "'%s': empty port", in);
	}
	for (p = port; *p != '\0'; p++) {
		if (*p <= ' ' || *p == '/' || *p == ':' || *p == '[' ||
		    *p == ']' || (unsigned char)*p >= 0x7f) {
			return fail(err, err_size, "'%s': invalid port", in);
		}
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
 * section's note allows "t", "z" and a space for "T". A leap second
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
		if (strcmp(name, protos[i].name) == 0) {
			*out = protos[i].proto;
			return 0;
		}
	}
	return -1;
}
