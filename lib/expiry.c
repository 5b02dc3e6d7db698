/*
 * expiry.c - expiry warnings: the one rule for "expires within N days"
 * (lint's EXPIRES_SOON finding and the EXPIRES_SOON warning of
 * certshow_verify()), and the last stage of certshow_verify(), which
 * puts that warning on the path (doc/verification.md, "Expiry
 * warnings").
 */
#include "verify.h"

#include <stdio.h>

int64_t
certshow__days_left(int64_t not_after, int64_t now)
{
	int64_t d = not_after - now;

	/* Rounded down, also below zero. */
	return d >= 0 ? d / 86400 : -((-d + 86399) / 86400);
}

bool
certshow__expires_soon(int64_t not_before, int64_t not_after, int64_t now,
    unsigned warn_days)
{
	/* Validity is inclusive at both ends (RFC 5280 4.1.2.5); an
	 * expired or not yet valid certificate is a failure, not a
	 * warning. */
	if (warn_days == 0 || now < not_before || now > not_after) {
		return false;
	}
	return certshow__days_left(not_after, now) < (int64_t)warn_days;
}

static void
fmt_date(int64_t t, char *buf, size_t size)
{
	int64_t y;
	unsigned mo, d, h, mi, s;

	certshow__civil_from_epoch(t, &y, &mo, &d, &h, &mi, &s);
	snprintf(buf, size, "%04lld-%02u-%02u %02u:%02u:%02u UTC", (long long)y,
	    mo, d, h, mi, s);
}

/* The warning's wording, for verify's problem and certshow_cert_expiry(). */
static void
expiry_message(char *msg, size_t size, int64_t not_after, int64_t left,
    unsigned warn_days)
{
	char date[40];

	fmt_date(not_after, date, sizeof(date));
	snprintf(msg, size,
	    "expires %s, in %lld day%s (warning period %u "
	    "days)",
	    date, (long long)left, left == 1 ? "" : "s", warn_days);
}

/* see certshow.h */
int
certshow_cert_expiry(const struct certshow_cert *c, int64_t now,
    unsigned warn_days, int64_t *days_left, char *msg, size_t msg_size)
{
	int64_t left;

	if (c == NULL) {
		return 0;
	}
	left = certshow__days_left(c->not_after, now);
	if (days_left != NULL) {
		*days_left = left;
	}
	if (!certshow__expires_soon(c->not_before, c->not_after, now,
		warn_days)) {
		return 0;
	}
	if (msg != NULL && msg_size > 0) {
		expiry_message(msg, msg_size, c->not_after, left, warn_days);
	}
	return 1;
}

int
certshow__expiry_stage(struct certshow_ctx *ctx, struct certshow_result *r,
    const struct certshow_verify_opts *o)
{
	const struct certshow_cert *c;
	char msg[200];
	int64_t left;
	size_t i;

	if (o->warn_days == 0) {
		return 0;
	}
	r->warn_days = o->warn_days;
	for (i = 0; i < r->n; i++) {
		c = r->path[i].cert;
		if (!certshow__expires_soon(c->not_before, c->not_after,
			r->time, o->warn_days)) {
			continue;
		}
		left = certshow__days_left(c->not_after, r->time);
		expiry_message(msg, sizeof(msg), c->not_after, left,
		    o->warn_days);
		if (certshow__result_add_problem(r, i, CERTSHOW_V_EXPIRES_SOON,
			true, msg) < 0) {
			return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
			    "out of memory in the expiry stage");
		}
		r->warnings |= CERTSHOW_V_EXPIRES_SOON;
	}
	return 0;
}
