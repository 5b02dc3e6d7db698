/*
 * util.c - small helpers: time parsing (public API) and bounded
 * whole-file reading (internal).
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static bool
leap(unsigned y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned
month_days(unsigned y, unsigned m)
{
	static const unsigned days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && leap(y) ? 29 : days[m - 1];
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
		return CERTSHOW_E_INVAL;
	}
	max = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; *p != '\0'; p++) {
		if (*p < '0' || *p > '9') {
			return CERTSHOW_E_INVAL;
		}
		if (v > (max - (uint64_t)(*p - '0')) / 10) {
			return CERTSHOW_E_INVAL;
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

/*
 * RFC 3339 section 5.6 date-time: full-date "T" full-time, where
 * full-time is HH:MM:SS[.frac] followed by "Z" or +HH:MM / -HH:MM. The
 * section's note allows "t", "z" and a space for "T". A leap second
 * (:60) is accepted and counts as the next second, as POSIX time has no
 * room for it; fractions are truncated.
 */
int
certshow_time_parse(const char *s, int64_t *out)
{
	unsigned y, mo, d, h, mi, sec, oh = 0, om = 0;
	int64_t t;
	int sign = 0;
	size_t n;

	if (s == NULL || out == NULL) {
		return CERTSHOW_E_INVAL;
	}
	if (s[0] == '@') {
		return parse_epoch(s + 1, out);
	}
	n = strlen(s);
	if (n < 20 || !digits(s, 4, &y) || s[4] != '-' ||
	    !digits(s + 5, 2, &mo) || s[7] != '-' || !digits(s + 8, 2, &d) ||
	    (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
	    !digits(s + 11, 2, &h) || s[13] != ':' ||
	    !digits(s + 14, 2, &mi) || s[16] != ':' ||
	    !digits(s + 17, 2, &sec)) {
		return CERTSHOW_E_INVAL;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > month_days(y, mo) || h > 23 ||
	    mi > 59 || sec > 60) {
		return CERTSHOW_E_INVAL;
	}
	s += 19;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9') {
			return CERTSHOW_E_INVAL;
		}
		while (*s >= '0' && *s <= '9') {
			s++;
		}
	}
	if ((s[0] == 'Z' || s[0] == 'z') && s[1] == '\0') {
		sign = 0;
	} else if ((s[0] == '+' || s[0] == '-') && strlen(s) == 6 &&
	    digits(s + 1, 2, &oh) && s[3] == ':' && digits(s + 4, 2, &om) &&
	    oh <= 23 && om <= 59) {
		sign = s[0] == '-' ? -1 : 1;
	} else {
		return CERTSHOW_E_INVAL;
	}
	t = certshow__days_from_civil((int64_t)y, mo, d) * 86400 +
	    (int64_t)h * 3600 + (int64_t)mi * 60 + (int64_t)sec;
	/* The local time is UTC plus the offset (section 4.2). */
	t -= (int64_t)sign * ((int64_t)oh * 3600 + (int64_t)om * 60);
	*out = t;
	return 0;
}

/* One reader for every whole-file input (CA bundles, CRLs), so that they
 * all fail with the same messages as certshow_reader_open_file():
 * "PATH: cannot open: strerror", "PATH: cannot read: strerror" (a
 * directory: EISDIR), "PATH: input larger than the input size limit (N
 * bytes)". */
int
certshow__read_file(struct certshow_ctx *ctx, const char *path, size_t max,
    uint8_t **out, size_t *len)
{
	uint8_t *buf = NULL, *nb;
	size_t cap = 0, n = 0, got;
	FILE *fp;
	int rv = 0;

	*out = NULL;
	*len = 0;
	fp = fopen(path, "rb");
	if (fp == NULL) {
		return certshow__set_error_errno(ctx, CERTSHOW_E_IO,
		    "%s: cannot open", path);
	}
	for (;;) {
		if (n == cap) {
			cap = cap == 0 ? 64 * 1024 : cap * 2;
			nb = realloc(buf, cap);
			if (nb == NULL) {
				rv = certshow__set_error(ctx, CERTSHOW_E_NOMEM,
				    "%s: out of memory", path);
				break;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
		if (n > max) {
			rv = certshow__set_error(ctx, CERTSHOW_E_LIMIT,
			    "%s: input larger than the input size limit "
			    "(%zu bytes)", path, max);
			break;
		}
		if (got == 0) {
			if (ferror(fp)) {
				rv = certshow__set_error_errno(ctx,
				    CERTSHOW_E_IO, "%s: cannot read", path);
			}
			break;
		}
	}
	fclose(fp);
	if (rv != 0) {
		free(buf);
		return rv;
	}
	*out = buf;
	*len = n;
	return 0;
}
