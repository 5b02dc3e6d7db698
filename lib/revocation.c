/*
 * revocation.c - the revocation stage of certshow_verify(): after the
 * path is chosen, decide each certificate's revocation status from the
 * stapled OCSP response (the leaf), live OCSP and CRLs, in that order,
 * and apply the soft/hard policy to what stays undecided
 * (doc/verification.md, "Revocation").
 *
 * CRLs are checked while the path is evaluated (verify.c,
 * check_revocation(): RFC 5280 6.3 may reject a path); their facts come
 * here in r->path[i].rev. An OCSP answer that decides a status replaces
 * a CRL's "unknown"; a valid "revoked" from any source stands.
 */
#include "verify.h"
#include "http.h"
#include "netcache.h"
#include "ocsp.h"
#include "online.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
certshow__rev_init(struct certshow__rev *rv)
{
	memset(rv, 0, sizeof(*rv));
	rv->status = CERTSHOW_REV_NOT_CHECKED;
	rv->source = CERTSHOW_REV_SOURCE_NONE;
	rv->reason = -1;
	rv->revoked_at = -1;
	rv->this_update = -1;
	rv->next_update = -1;
	rv->produced_at = -1;
}

void
certshow__rev_clear(struct certshow__rev *rv)
{
	free(rv->url);
	free(rv->message);
	certshow__rev_init(rv);
}

enum certshow_revocation_mode
certshow__revocation_mode(const struct certshow_verify_opts *o)
{
	if (o->revocation != CERTSHOW_REVOCATION_DEFAULT) {
		return o->revocation;
	}
	return (o->online & (CERTSHOW_ONLINE_OCSP | CERTSHOW_ONLINE_OCSP_LEAF |
	    CERTSHOW_ONLINE_CRL)) != 0 ? CERTSHOW_REVOCATION_SOFT :
	    CERTSHOW_REVOCATION_HARD;
}

/* One stage run. */
struct stage {
	struct certshow_ctx *ctx;
	struct certshow_result *r;
	const struct certshow_verify_opts *o;
	bool soft;
	bool oom;
};

static const char *
subj(const struct certshow_cert *c)
{
	return c->subject.rfc4514 != NULL && c->subject.rfc4514[0] != '\0' ?
	    c->subject.rfc4514 : "empty subject";
}

int
certshow__result_add_problem(struct certshow_result *r, size_t i, uint32_t flag,
    bool warning, const char *msg)
{
	struct certshow__pelem *pe = &r->path[i];
	struct certshow__problem *np;
	char full[768];
	size_t cap = pe->n_prob;

	snprintf(full, sizeof(full), "certificate %zu (%.200s) %s", i,
	    subj(pe->cert), msg);
	np = certshow__grow(pe->prob, &cap, pe->n_prob + 1, sizeof(*np), 1);
	if (np == NULL) {
		return -1;
	}
	pe->prob = np;
	np[pe->n_prob].flag = flag;
	np[pe->n_prob].warning = warning;
	np[pe->n_prob].message = strdup(full);
	if (np[pe->n_prob].message == NULL) {
		return -1;
	}
	pe->n_prob++;
	return 0;
}

/* Add a problem to path element i, worded as verify.c words them. */
static void add_prob(struct stage *st, size_t i, uint32_t flag, bool warning,
    const char *fmt, ...) CERTSHOW__PRINTF(5, 6);
static void
add_prob(struct stage *st, size_t i, uint32_t flag, bool warning,
    const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (certshow__result_add_problem(st->r, i, flag, warning, msg) < 0) {
		st->oom = true;
	}
}

static bool
has_prob(const struct certshow__pelem *pe, uint32_t flag)
{
	size_t k;

	for (k = 0; k < pe->n_prob; k++) {
		if (pe->prob[k].flag == flag) {
			return true;
		}
	}
	return false;
}

/* Drop the REVOCATION_UNKNOWN problems of element i (a later source
 * decided the status). */
static void
drop_unknown(struct certshow__pelem *pe)
{
	size_t k, w = 0;

	for (k = 0; k < pe->n_prob; k++) {
		if (pe->prob[k].flag == CERTSHOW_V_REVOCATION_UNKNOWN) {
			free(pe->prob[k].message);
		} else {
			pe->prob[w++] = pe->prob[k];
		}
	}
	pe->n_prob = w;
}

/* Under the soft policy an undecided status is a warning. */
static void
soften_unknown(struct certshow__pelem *pe)
{
	size_t k;

	for (k = 0; k < pe->n_prob; k++) {
		if (pe->prob[k].flag == CERTSHOW_V_REVOCATION_UNKNOWN) {
			pe->prob[k].warning = true;
		}
	}
}

static void
fmt_time(int64_t t, char *buf, size_t size)
{
	int64_t y;
	unsigned mo, d, h, mi, s;

	certshow__civil_from_epoch(t, &y, &mo, &d, &h, &mi, &s);
	snprintf(buf, size, "%04lld-%02u-%02u %02u:%02u:%02u UTC",
	    (long long)y, mo, d, h, mi, s);
}

static const char *
source_label(enum certshow_rev_source src)
{
	return src == CERTSHOW_REV_SOURCE_STAPLE ? "stapled OCSP response" :
	    src == CERTSHOW_REV_SOURCE_OCSP ? "OCSP" : "CRL";
}

/* Record a usable OCSP answer as element i's facts. */
static void
set_ocsp_facts(struct stage *st, size_t i, enum certshow_rev_source src,
    const char *url, const struct certshow__ocsp_answer *a)
{
	struct certshow__rev *rv = &st->r->path[i].rev;
	char msg[300], tb[40];

	certshow__rev_clear(rv);
	rv->status = a->status;
	rv->source = src;
	rv->reason = a->reason;
	rv->revoked_at = a->revoked_at;
	rv->this_update = a->this_update;
	rv->next_update = a->next_update;
	rv->produced_at = a->produced_at;
	if (a->status == CERTSHOW_REV_REVOKED) {
		fmt_time(a->revoked_at, tb, sizeof(tb));
		snprintf(msg, sizeof(msg), "%s%s%.200s: revoked %s (reason: "
		    "%s)", source_label(src), url != NULL ? " " : "",
		    url != NULL ? url : "", tb,
		    certshow__crl_reason_name(a->reason));
	} else {
		snprintf(msg, sizeof(msg), "%s%s%.200s: %s", source_label(src),
		    url != NULL ? " " : "", url != NULL ? url : "",
		    certshow_rev_status_name(a->status));
	}
	rv->message = strdup(msg);
	rv->url = url != NULL ? strdup(url) : NULL;
	if (rv->message == NULL || (url != NULL && rv->url == NULL)) {
		st->oom = true;
	}
}

/* Element i undecided after every source: its facts say why. */
static void
set_error_facts(struct stage *st, size_t i, enum certshow_rev_source src,
    const char *url, const char *why)
{
	struct certshow__rev *rv = &st->r->path[i].rev;

	certshow__rev_clear(rv);
	rv->status = CERTSHOW_REV_ERROR;
	rv->source = src;
	rv->message = strdup(why);
	rv->url = url != NULL ? strdup(url) : NULL;
	if (rv->message == NULL || (url != NULL && rv->url == NULL)) {
		st->oom = true;
	}
}

/* The answer decides element i: REVOKED (a problem) or GOOD. */
static void
decided(struct stage *st, size_t i, enum certshow_rev_source src,
    const char *url, const struct certshow__ocsp_answer *a)
{
	struct certshow__pelem *pe = &st->r->path[i];
	char tb[40];

	if (pe->rev.status == CERTSHOW_REV_REVOKED) {
		return; /* a CRL listed it: that stands */
	}
	drop_unknown(pe);
	set_ocsp_facts(st, i, src, url, a);
	if (a->status == CERTSHOW_REV_REVOKED) {
		fmt_time(a->revoked_at, tb, sizeof(tb));
		add_prob(st, i, CERTSHOW_V_REVOKED, false, "was revoked %s "
		    "(reason: %s) according to the %s%s%.200s", tb,
		    certshow__crl_reason_name(a->reason), source_label(src),
		    url != NULL ? " at " : "", url != NULL ? url : "");
	}
}

/* Must-staple (RFC 7633): a leaf whose TLS feature extension lists
 * status_request needs a staple in the handshake it came from. */
static void
check_must_staple(struct stage *st)
{
	const struct certshow_cert *leaf = st->r->path[0].cert;

	if ((st->o->flags & CERTSHOW_VF_FROM_TLS) != 0 && leaf->must_staple &&
	    st->o->ocsp_staple == NULL) {
		add_prob(st, 0, CERTSHOW_V_MUST_STAPLE, false, "requires a "
		    "stapled OCSP response (TLS feature status_request, RFC "
		    "7633) and the handshake carried none");
	}
}

/* The stapled response for the leaf: true when it decided the status.
 * An unusable staple is remembered in *bad (the caller reports it). */
static bool
check_staple(struct stage *st, char *bad, size_t bad_size)
{
	struct certshow__ocsp_query q;
	struct certshow__ocsp_answer a;

	memset(&q, 0, sizeof(q));
	q.cert = st->r->path[0].cert;
	q.issuer = st->r->path[1].cert;
	q.now = st->r->time;
	if (certshow__ocsp_check(st->ctx, st->o->ocsp_staple,
	    st->o->ocsp_staple_len, &q, &a) != 0) {
		st->oom = true;
		return false;
	}
	if (a.status == CERTSHOW_REV_GOOD || a.status == CERTSHOW_REV_REVOKED) {
		decided(st, 0, CERTSHOW_REV_SOURCE_STAPLE, NULL, &a);
		return true;
	}
	snprintf(bad, bad_size, "%s", a.status == CERTSHOW_REV_UNKNOWN ?
	    "the responder does not know the certificate (status unknown)" :
	    a.why);
	return false;
}

/* ------------------------------------------------------------------ */
/* Live OCSP (RFC 6960, profiled by RFC 5019)                           */
/* ------------------------------------------------------------------ */

/* Base64 of the request, with '+', '/' and '=' percent-encoded for a
 * GET URL path (RFC 6960 A.1). Returns its length, or 0 when it does
 * not fit in `size`. */
static size_t
b64url(const uint8_t *p, size_t n, char *out, size_t size)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	char quad[4];
	size_t i, k, at = 0;
	uint32_t v;

	for (i = 0; i < n; i += 3) {
		v = (uint32_t)p[i] << 16;
		v |= i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0;
		v |= i + 2 < n ? (uint32_t)p[i + 2] : 0;
		quad[0] = tab[(v >> 18) & 63];
		quad[1] = tab[(v >> 12) & 63];
		quad[2] = i + 1 < n ? tab[(v >> 6) & 63] : '=';
		quad[3] = i + 2 < n ? tab[v & 63] : '=';
		for (k = 0; k < 4; k++) {
			if (at + 4 >= size) {
				return 0;
			}
			if (quad[k] == '+' || quad[k] == '/' ||
			    quad[k] == '=') {
				at += (size_t)snprintf(out + at, size - at,
				    "%%%02X", (unsigned)quad[k]);
			} else {
				out[at++] = quad[k];
			}
		}
	}
	out[at] = '\0';
	return at;
}

/* Ask `url` about element i: POST the request, or GET when its encoded
 * form is under 255 bytes (RFC 5019 5). 0 with the body, or a
 * CERTSHOW_E_* code with the message in the context. */
static int
ocsp_send(struct stage *st, const char *url, const uint8_t *req,
    size_t req_len, uint8_t **body, size_t *len)
{
	struct certshow__http_req hr;
	char enc[256], *get = NULL;
	size_t ulen = strlen(url);
	long max_age;
	int rv;

	memset(&hr, 0, sizeof(hr));
	hr.max_size = CERTSHOW__HTTP_MAX_OCSP;
	hr.timeout_ms = certshow__online_timeout_ms(st->o);
	if (b64url(req, req_len, enc, sizeof(enc)) != 0) {
		get = malloc(ulen + strlen(enc) + 2);
		if (get == NULL) {
			return certshow__set_error(st->ctx, CERTSHOW_E_NOMEM,
			    "out of memory");
		}
		snprintf(get, ulen + strlen(enc) + 2, "%s%s%s", url,
		    ulen > 0 && url[ulen - 1] == '/' ? "" : "/", enc);
		hr.url = get;
	} else {
		hr.url = url;
		hr.post = req;
		hr.post_len = req_len;
		hr.content_type = "application/ocsp-request";
	}
	rv = certshow__http_fetch(st->ctx, &hr, body, len, &max_age);
	free(get);
	return rv;
}

/* One responder URL for element i: 1 when it decided, 0 not (why in
 * err), -1 out of memory. */
static int
ocsp_ask(struct stage *st, size_t i, const char *url, char *err,
    size_t err_size)
{
	const struct certshow_cert *c = st->r->path[i].cert;
	struct certshow__ocsp_query q;
	struct certshow__ocsp_answer a;
	uint8_t nonce[CERTSHOW__OCSP_NONCE_LEN], *req = NULL, *body = NULL;
	size_t req_len = 0, len = 0;
	char key[512];
	bool use_nonce = (st->o->online & CERTSHOW_ONLINE_OCSP_NONCE) != 0;
	bool cached = false;
	const char *msg, *why;
	int rv, ret = 0;

	memset(&q, 0, sizeof(q));
	q.cert = c;
	q.issuer = st->r->path[i + 1].cert;
	q.now = st->r->time;
	/* A cached answer cannot carry this request's nonce. */
	if (!use_nonce && certshow__ocsp_cache_key(c, q.issuer, key,
	    sizeof(key)) == 0 && certshow__netcache_get(st->ctx, st->o, key,
	    q.now, &body, &len) == 0) {
		cached = true;
	} else {
		rv = certshow__ocsp_request(st->ctx, c, q.issuer,
		    use_nonce ? nonce : NULL, &req, &req_len);
		if (rv == 0) {
			rv = ocsp_send(st, url, req, req_len, &body, &len);
		}
		if (rv == CERTSHOW_E_NOMEM) {
			ret = -1;
			goto out;
		}
		if (rv != 0) {
			/* http.c says "URL: why"; the URL (with the encoded
			 * request of a GET) is named once, without it. */
			msg = certshow_ctx_error(st->ctx);
			why = strstr(msg, ": ");
			snprintf(err, err_size, "OCSP %.150s: %.200s", url,
			    why != NULL ? why + 2 : msg);
			certshow__clear_error(st->ctx);
			goto out;
		}
		if (use_nonce) {
			q.nonce = nonce;
			q.nonce_len = sizeof(nonce);
		}
	}
	if (certshow__ocsp_check(st->ctx, body, len, &q, &a) != 0) {
		ret = -1;
		goto out;
	}
	if (a.status == CERTSHOW_REV_GOOD || a.status == CERTSHOW_REV_REVOKED) {
		decided(st, i, CERTSHOW_REV_SOURCE_OCSP, url, &a);
		/* Cache by CertID until nextUpdate (RFC 5019 6.2). */
		if (!cached && a.next_update > q.now &&
		    certshow__ocsp_cache_key(c, q.issuer, key,
		    sizeof(key)) == 0 && certshow__netcache_put(st->ctx,
		    st->o, key, body, len, a.next_update) == CERTSHOW_E_NOMEM) {
			ret = -1;
			goto out;
		}
		certshow__clear_error(st->ctx);
		ret = 1;
	} else {
		snprintf(err, err_size, "OCSP %.150s: %.200s", url,
		    a.status == CERTSHOW_REV_UNKNOWN ? "the responder does "
		    "not know the certificate (status unknown)" : a.why);
	}
out:
	free(req);
	free(body);
	return ret;
}

/* Live OCSP for element i at each http(s) URL of its AIA in turn until
 * one decides. true when decided; else err says why (empty when the
 * certificate names no responder). */
static bool
live_ocsp(struct stage *st, size_t i, char *err, size_t err_size,
    const char **err_url)
{
	const struct certshow_cert *c = st->r->path[i].cert;
	size_t k;
	int rv;

	for (k = 0; k < c->ocsp.n; k++) {
		if (!certshow__online_url_ok(c->ocsp.v[k])) {
			continue;
		}
		rv = ocsp_ask(st, i, c->ocsp.v[k], err, err_size);
		if (rv < 0) {
			st->oom = true;
			return false;
		}
		if (rv == 1) {
			return true;
		}
		*err_url = c->ocsp.v[k];
	}
	return false;
}

static bool
ocsp_wanted(const struct certshow_verify_opts *o, size_t i)
{
	return (o->online & CERTSHOW_ONLINE_OCSP) != 0 ||
	    (i == 0 && (o->online & CERTSHOW_ONLINE_OCSP_LEAF) != 0);
}

/* Which elements the caller wants an answer for: every one below the
 * anchor, or the leaf only (crl_check LEAF, or `--ocsp leaf` without
 * CRLs). */
static bool
in_scope(const struct certshow_verify_opts *o, size_t i)
{
	bool crl = o->crls != NULL || (o->online & CERTSHOW_ONLINE_CRL) != 0;

	if (i == 0) {
		return true;
	}
	if (crl && o->crl_check == CERTSHOW_CRL_CHECK_LEAF) {
		return false;
	}
	if (!crl && (o->online & CERTSHOW_ONLINE_OCSP) == 0) {
		return false; /* OCSP_LEAF only */
	}
	return true;
}

/* Element i after every source: an undecided status in scope is
 * REVOCATION_UNKNOWN, a warning under the soft policy. */
static void
finish_elem(struct stage *st, size_t i, bool required, const char *bad,
    bool was_decided)
{
	struct certshow__pelem *pe = &st->r->path[i];
	bool crl_decided = pe->rev.source == CERTSHOW_REV_SOURCE_CRL &&
	    (pe->rev.status == CERTSHOW_REV_GOOD ||
	    pe->rev.status == CERTSHOW_REV_REVOKED);

	if (bad[0] != '\0') {
		/* A staple that cannot be used is never ignored; when
		 * another source decided, it is only a warning. */
		add_prob(st, i, CERTSHOW_V_REVOCATION_UNKNOWN,
		    st->soft || was_decided || crl_decided, "has a stapled "
		    "OCSP response that cannot be used: %s", bad);
		if (!was_decided && !crl_decided && pe->rev.status !=
		    CERTSHOW_REV_UNKNOWN) {
			set_error_facts(st, i, CERTSHOW_REV_SOURCE_STAPLE,
			    NULL, bad);
		}
	}
	if (!was_decided && !crl_decided && required && in_scope(st->o, i) &&
	    !has_prob(pe, CERTSHOW_V_REVOCATION_UNKNOWN)) {
		add_prob(st, i, CERTSHOW_V_REVOCATION_UNKNOWN, st->soft,
		    "has no revocation source that decides its status%s%s",
		    pe->rev.message != NULL ? ": " : "",
		    pe->rev.message != NULL ? pe->rev.message : "");
		if (pe->rev.status == CERTSHOW_REV_NOT_CHECKED) {
			set_error_facts(st, i, CERTSHOW_REV_SOURCE_NONE, NULL,
			    "no revocation source (no OCSP URL, no CRL)");
		}
	}
	if (st->soft) {
		soften_unknown(pe);
	}
}

void
certshow__result_recompute_flags(struct certshow_result *r)
{
	size_t i, k;

	r->flags = 0;
	r->warnings = 0;
	for (i = 0; i < r->n; i++) {
		for (k = 0; k < r->path[i].n_prob; k++) {
			if (r->path[i].prob[k].warning) {
				r->warnings |= r->path[i].prob[k].flag;
			} else {
				r->flags |= r->path[i].prob[k].flag;
			}
		}
	}
}

int
certshow__revocation_download(struct certshow_ctx *ctx,
    const struct certshow_result *r, const struct certshow_verify_opts *o,
    struct certshow_crls **out)
{
	struct certshow_crls *set = NULL;
	const struct certshow__crl *c;
	size_t i, k, got = 0;
	int rv = 0;

	*out = NULL;
	if (r->n < 2 || !r->path[r->n - 1].anchor) {
		return 0; /* no path to ask about */
	}
	rv = certshow_crls_new(ctx, &set);
	for (k = 0; rv == 0 && o->crls != NULL && k < o->crls->n; k++) {
		c = &o->crls->v[k];
		rv = certshow_crls_add_mem(ctx, set, c->der, c->len, c->name);
	}
	for (i = 0; rv == 0 && i + 1 < r->n; i++) {
		if (!in_scope(o, i)) {
			continue;
		}
		rv = certshow__crl_download(ctx, o, r->path[i].cert, r->time,
		    set);
		if (rv > 0) {
			got += (size_t)rv;
		}
		if (rv != CERTSHOW_E_NOMEM) {
			certshow__clear_error(ctx);
			rv = 0;
		}
	}
	if (rv != 0 || got == 0) {
		certshow_crls_free(set);
		return rv;
	}
	*out = set;
	return 0;
}

int
certshow__revocation_stage(struct certshow_ctx *ctx,
    struct certshow_result *r, const struct certshow_verify_opts *o)
{
	struct stage st;
	char bad[300], err[400];
	const char *err_url;
	size_t i;
	bool required, staple, dec;

	staple = o->ocsp_staple != NULL;
	required = o->crls != NULL || (o->online & (CERTSHOW_ONLINE_OCSP |
	    CERTSHOW_ONLINE_OCSP_LEAF | CERTSHOW_ONLINE_CRL)) != 0;
	if (!required && !staple && (o->flags & CERTSHOW_VF_FROM_TLS) == 0) {
		return 0;
	}
	memset(&st, 0, sizeof(st));
	st.ctx = ctx;
	st.r = r;
	st.o = o;
	st.soft = certshow__revocation_mode(o) == CERTSHOW_REVOCATION_SOFT;
	r->rev_checked = required || staple;
	if (r->n > 0) {
		check_must_staple(&st);
	}
	/* Every element with its issuer on the path; the anchor has none
	 * to answer for it. */
	for (i = 0; i + 1 < r->n; i++) {
		bad[0] = '\0';
		dec = i == 0 && staple && check_staple(&st, bad, sizeof(bad));
		if (st.oom) {
			break;
		}
		/* Live OCSP only on a path to an anchor: the network is not
		 * asked about a chain that fails anyway. */
		if (!dec && ocsp_wanted(o, i) && r->path[r->n - 1].anchor &&
		    r->path[i].rev.status != CERTSHOW_REV_REVOKED) {
			err[0] = '\0';
			err_url = NULL;
			dec = live_ocsp(&st, i, err, sizeof(err), &err_url);
			if (st.oom) {
				break;
			}
			if (!dec && err[0] != '\0' &&
			    r->path[i].rev.source != CERTSHOW_REV_SOURCE_CRL) {
				set_error_facts(&st, i,
				    CERTSHOW_REV_SOURCE_OCSP, err_url, err);
			}
		}
		if (required || bad[0] != '\0') {
			finish_elem(&st, i, required, bad, dec);
		}
	}
	if (st.oom) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory in the revocation stage");
	}
	certshow__result_recompute_flags(r);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Accessors                                                            */
/* ------------------------------------------------------------------ */

const char *
certshow_rev_status_name(enum certshow_rev_status s)
{
	switch (s) {
	case CERTSHOW_REV_GOOD:
		return "good";
	case CERTSHOW_REV_REVOKED:
		return "revoked";
	case CERTSHOW_REV_UNKNOWN:
		return "unknown";
	case CERTSHOW_REV_ERROR:
		return "error";
	case CERTSHOW_REV_NOT_CHECKED:
	default:
		return "not_checked";
	}
}

const char *
certshow_rev_source_name(enum certshow_rev_source s)
{
	switch (s) {
	case CERTSHOW_REV_SOURCE_STAPLE:
		return "staple";
	case CERTSHOW_REV_SOURCE_OCSP:
		return "ocsp";
	case CERTSHOW_REV_SOURCE_CRL:
		return "crl";
	case CERTSHOW_REV_SOURCE_NONE:
	default:
		return "none";
	}
}

int
certshow_result_revocation(const struct certshow_result *r, size_t i,
    struct certshow_revocation *out)
{
	const struct certshow__rev *rv;

	if (r == NULL || out == NULL || i >= r->n ||
	    out->version != CERTSHOW_REVOCATION_VERSION) {
		return CERTSHOW_E_INVAL;
	}
	rv = &r->path[i].rev;
	out->status = rv->status;
	out->source = rv->source;
	out->url = rv->url;
	out->reason = rv->reason;
	out->revoked_at = rv->revoked_at;
	out->this_update = rv->this_update;
	out->next_update = rv->next_update;
	out->produced_at = rv->produced_at;
	out->message = rv->message != NULL ? rv->message :
	    r->path[i].anchor ? "trust anchor: not checked" : "not checked";
	return 0;
}

uint32_t
certshow_result_warnings(const struct certshow_result *r)
{
	return r != NULL ? r->warnings : 0;
}
