/*
 * format_short.c - the short report (CERTSHOW_WF_SUMMARY): what a person
 * reads first. One line per certificate, the problems, what was checked,
 * and the verdict as the last line, coloured on a terminal. The full
 * view (format_result.c, fetch_format.c, format_text.c) stays the
 * reference; this one only picks from the same result.
 *
 * Like every text output it is not a contract (JSON is), and every string
 * from a certificate goes through certshow__text_string_out().
 */
#include "format.h"
#include "verify.h"

#include <string.h>

#define SGR_RED "\033[31m"
#define SGR_GREEN "\033[32m"
#define SGR_YELLOW "\033[33m"
#define SGR_RESET "\033[0m"

#define OID_CN "2.5.4.3"

static void
put_str(struct certshow__out *o, const char *s)
{
	certshow__text_string_out(o, s, strlen(s));
}

/* The name a person knows a certificate by: its (last) common name, else
 * its first DNS name, else its whole subject. */
static void
put_cert_name(struct certshow__out *o, const struct certshow_cert *c)
{
	const struct certshow__ava *cn = NULL;
	size_t i, k;

	for (i = 0; i < c->subject.n; i++) {
		for (k = 0; k < c->subject.rdns[i].n; k++) {
			if (strcmp(c->subject.rdns[i].avas[k].oid, OID_CN) ==
			    0) {
				cn = &c->subject.rdns[i].avas[k];
			}
		}
	}
	if (cn != NULL && cn->value.len > 0) {
		certshow__text_string_out(o, cn->value.p, cn->value.len);
		return;
	}
	for (i = 0; i < c->n_san; i++) {
		if (c->san[i].type == CERTSHOW_GN_DNS) {
			certshow__text_string_out(o,
			    (const char *)c->san[i].value, c->san[i].len);
			return;
		}
	}
	put_str(o,
	    c->subject.rfc4514[0] != '\0' ? c->subject.rfc4514
					  : "(empty subject)");
}

/* The issuer's common name, else its whole name. */
static void
put_issuer_name(struct certshow__out *o, const struct certshow_cert *c)
{
	const struct certshow__ava *cn = NULL;
	size_t i, k;

	for (i = 0; i < c->issuer.n; i++) {
		for (k = 0; k < c->issuer.rdns[i].n; k++) {
			if (strcmp(c->issuer.rdns[i].avas[k].oid, OID_CN) ==
			    0) {
				cn = &c->issuer.rdns[i].avas[k];
			}
		}
	}
	if (cn != NULL && cn->value.len > 0) {
		certshow__text_string_out(o, cn->value.p, cn->value.len);
		return;
	}
	put_str(o,
	    c->issuer.rfc4514[0] != '\0' ? c->issuer.rfc4514 : "(empty name)");
}

/* "expires 2099-12-31 (in 27757 days)" or "expired 2001-01-01 (8400
 * days ago)", relative to `now` (the verification time). */
static void
put_expiry(struct certshow__out *o, int64_t not_after, int64_t now)
{
	char buf[32];
	int64_t left = certshow__days_left(not_after, now);

	certshow__fmt_time(buf, sizeof(buf), not_after, 1);
	buf[10] = '\0';
	if (not_after < now) {
		certshow__out_printf(o, "expired %s (%lld day%s ago)", buf,
		    (long long)-left, left == -1 ? "" : "s");
	} else {
		certshow__out_printf(o, "expires %s (in %lld day%s)", buf,
		    (long long)left, left == 1 ? "" : "s");
	}
}

void
certshow__short_cert(struct certshow__out *o, const struct certshow_cert *c,
    size_t i, int64_t now, const char *tag)
{
	certshow__out_printf(o, "  %zu ", i);
	put_cert_name(o, c);
	if (c->issuer.der_len == c->subject.der_len &&
	    memcmp(c->issuer.der, c->subject.der, c->subject.der_len) == 0) {
		certshow__out_puts(o, ", self-signed");
	} else {
		certshow__out_puts(o, ", issuer ");
		put_issuer_name(o, c);
	}
	certshow__out_puts(o, ", ");
	put_str(o, c->key_alg != NULL ? c->key_alg : "unknown key");
	if (c->key_curve != NULL) {
		certshow__out_putc(o, ' ');
		put_str(o, c->key_curve);
	} else if (c->key_bits != 0) {
		certshow__out_printf(o, " %u", c->key_bits);
	}
	certshow__out_puts(o, ", ");
	put_expiry(o, c->not_after, now);
	if (tag != NULL) {
		certshow__out_puts(o, " [");
		put_str(o, tag);
		certshow__out_putc(o, ']');
	}
	certshow__out_putc(o, '\n');
}

void
certshow__short_path(struct certshow__out *o, const struct certshow_result *r)
{
	const struct certshow__pelem *e;
	size_t i;

	certshow__out_puts(o, "Chain:\n");
	for (i = 0; i < r->n; i++) {
		e = &r->path[i];
		certshow__short_cert(o, e->cert, i, r->time,
		    e->anchor        ? "trust anchor"
			: e->fetched ? "fetched"
				     : NULL);
	}
}

void
certshow__short_problem_begin(struct certshow__out *o, unsigned *n)
{
	if ((*n)++ == 0) {
		certshow__out_puts(o, "Problems:\n");
	}
	certshow__out_puts(o, "  - ");
}

void
certshow__short_problem(struct certshow__out *o, unsigned *n, const char *tag,
    const char *msg, const char *suffix)
{
	certshow__short_problem_begin(o, n);
	if (tag != NULL) {
		certshow__out_printf(o, "[%s] ", tag);
	}
	put_str(o, msg);
	if (suffix != NULL) {
		certshow__out_puts(o, suffix);
	}
	certshow__out_putc(o, '\n');
}

void
certshow__short_result_problems(struct certshow__out *o, unsigned *n,
    const struct certshow_result *r)
{
	const struct certshow__problem *p;
	char suffix[64];
	size_t i, k;

	for (i = 0; i < r->n; i++) {
		for (k = 0; k < r->path[i].n_prob; k++) {
			p = &r->path[i].prob[k];
			snprintf(suffix, sizeof(suffix), " [%s%s]",
			    certshow_verdict_name(p->flag, NULL),
			    p->warning ? ", warning" : "");
			certshow__short_problem(o, n, NULL, p->message, suffix);
		}
	}
	/* The MISSING_ISSUER problem names the issuer; where to get it is
	 * the one fact it lacks. */
	if (r->missing_issuer != NULL && r->missing_issuer_url != NULL) {
		certshow__short_problem_begin(o, n);
		certshow__out_puts(o, "the missing issuer is published at ");
		put_str(o, r->missing_issuer_url);
		certshow__out_puts(o, " (caIssuers)\n");
	}
}

/* "file ca.pem (1 anchor)", "SSL_CERT_FILE=ca.pem (1 anchor)", "system
 * bundle /etc/ssl/certs/ca-certificates.crt (146 anchors)". */
static void
put_trust_source(struct certshow__out *o, const struct certshow__trust_src *s)
{
	if (s->env != NULL) {
		certshow__out_printf(o, "%s=", s->env);
	} else if (s->kind == CERTSHOW_TRUST_SOURCE_FILE) {
		certshow__out_puts(o, "file ");
	} else if (s->kind == CERTSHOW_TRUST_SOURCE_DIR) {
		certshow__out_puts(o, "directory ");
	} else if (s->kind == CERTSHOW_TRUST_SOURCE_SYSTEM) {
		certshow__out_puts(o,
		    s->path != NULL ? "system bundle "
				    : "system trust (GnuTLS)");
	} else {
		certshow__out_puts(o, "certificates given in memory");
	}
	if (s->path != NULL) {
		put_str(o, s->path);
	}
	certshow__out_printf(o, " (%zu anchor%s)\n", s->anchors,
	    s->anchors == 1 ? "" : "s");
}

const char *
certshow__checked_rev_name(unsigned bit)
{
	switch (bit) {
	case CERTSHOW_CHECKED_STAPLE:
		return "staple";
	case CERTSHOW_CHECKED_OCSP:
		return "ocsp";
	case CERTSHOW_CHECKED_OCSP_LEAF:
		return "ocsp_leaf";
	case CERTSHOW_CHECKED_CRL_FILES:
		return "crl_files";
	case CERTSHOW_CHECKED_CRL_DOWNLOAD:
		return "crl_download";
	default:
		return NULL;
	}
}

/* "stapled OCSP response, CRLs given (2)" or "not checked". */
static void
put_revocation(struct certshow__out *o, const struct certshow__checked *c)
{
	static const char *const text[] = { "stapled OCSP response",
		"live OCSP", "live OCSP (leaf only)", "CRLs given",
		"CRL download" };
	unsigned i, n = 0;

	for (i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
		if ((c->revocation & (1u << i)) == 0) {
			continue;
		}
		certshow__out_puts(o, n++ > 0 ? ", " : "");
		certshow__out_puts(o, text[i]);
		if ((1u << i) == CERTSHOW_CHECKED_CRL_FILES) {
			certshow__out_printf(o, " (%zu)", c->crls);
		}
	}
	certshow__out_puts(o, n == 0 ? "not checked\n" : "\n");
}

const char *
certshow__peer_kind_name(enum certshow_peer_kind k)
{
	switch (k) {
	case CERTSHOW_PEER_DNS:
		return "dns";
	case CERTSHOW_PEER_IP:
		return "ip";
	case CERTSHOW_PEER_EMAIL:
		return "email";
	default:
		return "none";
	}
}

const char *
certshow__purpose_name(enum certshow_purpose p)
{
	switch (p) {
	case CERTSHOW_PURPOSE_SERVER:
		return "server";
	case CERTSHOW_PURPOSE_CLIENT:
		return "client";
	case CERTSHOW_PURPOSE_ANY:
		return "any";
	default:
		return "oid";
	}
}

void
certshow__short_checked(struct certshow__out *o,
    const struct certshow_result *r, const char *ind)
{
	static const char *const kind_label[] = { "", "DNS", "IP", "email" };
	const struct certshow__checked *c = &r->chk;
	char when[32];
	size_t i;

	certshow__out_printf(o, "%sChecked:\n%s  name:       ", ind, ind);
	if (c->peer_name == NULL) {
		certshow__out_puts(o, "none (no name given)\n");
	} else {
		put_str(o, c->peer_name);
		certshow__out_printf(o, " (%s)\n", kind_label[c->peer_kind]);
	}
	certshow__out_printf(o, "%s  trust:      ", ind);
	for (i = 0; i < c->n_src; i++) {
		if (i > 0) {
			certshow__out_printf(o, "%s              ", ind);
		}
		put_trust_source(o, &c->src[i]);
	}
	if (c->n_src == 0) {
		certshow__out_printf(o, "%zu anchors\n", c->anchors);
	}
	certshow__out_printf(o, "%s  profile:    %s\n", ind,
	    c->profile == CERTSHOW_PROFILE_RFC5280 ? "rfc5280" : "webpki");
	certshow__out_printf(o, "%s  purpose:    ", ind);
	if (c->purpose == CERTSHOW_PURPOSE_OID) {
		put_str(o, c->purpose_oid != NULL ? c->purpose_oid : "?");
		certshow__out_putc(o, '\n');
	} else {
		certshow__out_printf(o, "%s\n",
		    certshow__purpose_name(c->purpose));
	}
	certshow__fmt_time(when, sizeof(when), r->time, 0);
	certshow__out_printf(o, "%s  time:       %s%s\n", ind, when,
	    c->time_given ? "" : " (now)");
	certshow__out_printf(o, "%s  revocation: ", ind);
	put_revocation(o, c);
}

static void
put_flags(struct certshow__out *o, uint32_t flags)
{
	uint32_t bit;
	bool first = true;

	for (bit = 1; bit != 0; bit <<= 1) {
		if ((flags & bit) != 0) {
			certshow__out_printf(o, "%s%s", first ? "" : ", ",
			    certshow_verdict_name(bit, NULL));
			first = false;
		}
	}
}

void
certshow__short_verdict(struct certshow__out *o,
    const struct certshow_result *r, bool color)
{
	const char *sgr;

	sgr = r == NULL || r->flags == 0
	    ? (r == NULL || r->warnings != 0 ? SGR_YELLOW : SGR_GREEN)
	    : SGR_RED;
	if (color) {
		certshow__out_puts(o, sgr);
	}
	certshow__out_puts(o, "Verdict: ");
	if (r == NULL) {
		certshow__out_puts(o, "not verified");
	} else if (r->flags != 0) {
		certshow__out_puts(o, "FAILED (");
		put_flags(o, r->flags);
		certshow__out_putc(o, ')');
	} else {
		certshow__out_puts(o,
		    r->fetched ? "verified with a fetched intermediate"
			       : "verified");
		if (r->warnings != 0) {
			certshow__out_puts(o, ", with warnings (");
			put_flags(o, r->warnings);
			certshow__out_putc(o, ')');
		}
	}
	if (color) {
		certshow__out_puts(o, SGR_RESET);
	}
	certshow__out_putc(o, '\n');
}

int
certshow__short_result(struct certshow_writer *w,
    const struct certshow_chain *chain, const struct certshow_result *r)
{
	struct certshow__out o;
	size_t n = chain != NULL ? certshow_chain_count(chain) : 0;
	unsigned np = 0;

	certshow__out_init(&o, w->fp);
	if (w->n_items > 0) {
		certshow__out_putc(&o, '\n');
	}
	certshow__out_puts(&o, "File: ");
	put_str(&o, r->source != NULL ? r->source : "-");
	certshow__out_printf(&o, " (%zu certificate%s)\n", n,
	    n == 1 ? "" : "s");
	certshow__short_path(&o, r);
	certshow__short_result_problems(&o, &np, r);
	certshow__short_checked(&o, r, "");
	certshow__short_verdict(&o, r,
	    (w->opts.flags & CERTSHOW_WF_NO_COLOR) == 0);
	return certshow__out_flush(&o);
}
