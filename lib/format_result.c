/*
 * format_result.c - a verification result as text or JSON.
 *
 * The writer (format.c) owns the document: it opens {"format_version": 1,
 * "results": [ before the first result, separates items and closes the
 * document; this file writes one RESULT object (doc/json-schema.md,
 * "results") or one text block.
 */
#include "format.h"
#include "verify.h"

#include <string.h>

static void
indent(FILE *fp, unsigned n)
{
	while (n-- > 0) {
		fputs("  ", fp);
	}
}

static void
json_str(FILE *fp, const char *s)
{
	if (s == NULL) {
		fputs("null", fp);
	} else {
		certshow__json_string(fp, s, strlen(s));
	}
}

static void
json_flags(FILE *fp, uint32_t flags)
{
	uint32_t bit;
	bool first = true;

	fputc('[', fp);
	for (bit = 1; bit != 0; bit <<= 1) {
		if (flags & bit) {
			fprintf(fp, "%s\"%s\"", first ? "" : ", ",
			    certshow_verdict_name(bit, NULL));
			first = false;
		}
	}
	fputc(']', fp);
}

static void
json_list(FILE *fp, char *const *v, size_t n)
{
	size_t i;

	fputc('[', fp);
	for (i = 0; i < n; i++) {
		if (i > 0) {
			fputs(", ", fp);
		}
		json_str(fp, v[i]);
	}
	fputc(']', fp);
}

static void
json_time(FILE *fp, int64_t t)
{
	int64_t y;
	unsigned mo, d, h, mi, s;

	certshow__civil_from_epoch(t, &y, &mo, &d, &h, &mi, &s);
	fprintf(fp, "\"%04lld-%02u-%02uT%02u:%02u:%02uZ\"", (long long)y, mo,
	    d, h, mi, s);
}

/* One path element: the certificate and the problems found with it. */
static void json_revocation(FILE *fp, const struct certshow__rev *rv,
    unsigned ind);

static void
json_path_elem(FILE *fp, const struct certshow_result *r,
    const struct certshow__pelem *pe, unsigned ind)
{
	bool rev_checked = r->rev_checked;
	bool warn = r->rev_checked || r->warn_days != 0;
	size_t k;

	indent(fp, ind);
	fputs("{\n", fp);
	indent(fp, ind + 1);
	fputs("\"fingerprint_sha256\": ", fp);
	json_str(fp, certshow_cert_fingerprint(pe->cert,
	    CERTSHOW_FP_SHA256));
	fputs(",\n", fp);
	indent(fp, ind + 1);
	fputs("\"subject\": ", fp);
	json_str(fp, pe->cert->subject.rfc4514);
	fputs(",\n", fp);
	indent(fp, ind + 1);
	fputs("\"issuer\": ", fp);
	json_str(fp, pe->cert->issuer.rfc4514);
	fputs(",\n", fp);
	indent(fp, ind + 1);
	fprintf(fp, "\"anchor\": %s,\n", pe->anchor ? "true" : "false");
	indent(fp, ind + 1);
	fprintf(fp, "\"days_left\": %lld,\n",
	    (long long)certshow__days_left(pe->cert->not_after, r->time));
	/* Only for a certificate fetched from a caIssuers URL, so that
	 * other results keep their shape. */
	if (pe->fetched) {
		indent(fp, ind + 1);
		fputs("\"fetched_from\": ", fp);
		json_str(fp, pe->cert->source);
		fputs(",\n", fp);
	}
	if (rev_checked) {
		json_revocation(fp, &pe->rev, ind + 1);
	}
	indent(fp, ind + 1);
	fputs("\"problems\": [", fp);
	for (k = 0; k < pe->n_prob; k++) {
		fputs(k == 0 ? "\n" : ",\n", fp);
		indent(fp, ind + 2);
		fprintf(fp, "{\"code\": \"%s\", \"message\": ",
		    certshow_verdict_name(pe->prob[k].flag, NULL));
		json_str(fp, pe->prob[k].message);
		if (warn) {
			fprintf(fp, ", \"warning\": %s",
			    pe->prob[k].warning ? "true" : "false");
		}
		fputc('}', fp);
	}
	if (pe->n_prob > 0) {
		fputc('\n', fp);
		indent(fp, ind + 1);
	}
	fputs("]\n", fp);
	indent(fp, ind);
	fputc('}', fp);
}

/* "path": [...] at indent ind, up to the closing bracket. */
static void
json_path(FILE *fp, const struct certshow_result *r, unsigned ind)
{
	size_t i;

	indent(fp, ind);
	fputs("\"path\": [", fp);
	for (i = 0; i < r->n; i++) {
		fputs(i == 0 ? "\n" : ",\n", fp);
		json_path_elem(fp, r, &r->path[i], ind + 1);
	}
	if (r->n > 0) {
		fputc('\n', fp);
		indent(fp, ind);
	}
}

static void
json_time_or_null(FILE *fp, int64_t t)
{
	if (t < 0) {
		fputs("null", fp);
	} else {
		json_time(fp, t);
	}
}

/* "revocation": {...} of one path element (doc/json-schema.md). */
static void
json_revocation(FILE *fp, const struct certshow__rev *rv, unsigned ind)
{
	indent(fp, ind);
	fprintf(fp, "\"revocation\": {\"status\": \"%s\", \"source\": \"%s\", "
	    "\"url\": ", certshow_rev_status_name(rv->status),
	    certshow_rev_source_name(rv->source));
	json_str(fp, rv->url);
	fputs(", \"reason\": ", fp);
	if (rv->status == CERTSHOW_REV_REVOKED) {
		json_str(fp, certshow__crl_reason_name(rv->reason));
	} else {
		fputs("null", fp);
	}
	fputs(", \"revoked_at\": ", fp);
	json_time_or_null(fp, rv->revoked_at);
	fputs(", \"this_update\": ", fp);
	json_time_or_null(fp, rv->this_update);
	fputs(", \"next_update\": ", fp);
	json_time_or_null(fp, rv->next_update);
	fputs(", \"produced_at\": ", fp);
	json_time_or_null(fp, rv->produced_at);
	fputs(", \"message\": ", fp);
	json_str(fp, rv->message != NULL ? rv->message : "not checked");
	fputs("},\n", fp);
}

/* "trust": {"anchors": N, "sources": [{"type": "file", "path": "ca.pem",
 * "env": null, "anchors": 1}, ...]} */
static void
json_trust(FILE *fp, const struct certshow__checked *c)
{
	static const char *const kind[] = { "file", "dir", "system", "chain" };
	size_t i;

	fprintf(fp, "\"trust\": {\"anchors\": %zu, \"sources\": [", c->anchors);
	for (i = 0; i < c->n_src; i++) {
		fprintf(fp,
		    "%s{\"type\": \"%s\", \"path\": ", i > 0 ? ", " : "",
		    kind[c->src[i].kind]);
		json_str(fp, c->src[i].path);
		fputs(", \"env\": ", fp);
		json_str(fp, c->src[i].env);
		fprintf(fp, ", \"anchors\": %zu}", c->src[i].anchors);
	}
	fputs("]}", fp);
}

/* The "checked" member (doc/json-schema.md): what the verdict covers. */
static void
json_checked(FILE *fp, const struct certshow_result *r, unsigned ind)
{
	const struct certshow__checked *c = &r->chk;
	unsigned bit;
	bool first = true;

	indent(fp, ind);
	fputs("\"checked\": {\"peer\": {\"name\": ", fp);
	json_str(fp, c->peer_name);
	fprintf(fp, ", \"type\": \"%s\"},\n",
	    certshow__peer_kind_name(c->peer_kind));
	indent(fp, ind + 1);
	json_trust(fp, c);
	fputs(",\n", fp);
	indent(fp, ind + 1);
	fprintf(fp,
	    "\"profile\": \"%s\", \"purpose\": \"%s\", "
	    "\"purpose_oid\": ",
	    c->profile == CERTSHOW_PROFILE_RFC5280 ? "rfc5280" : "webpki",
	    certshow__purpose_name(c->purpose));
	json_str(fp, c->purpose_oid);
	fputs(",\n", fp);
	indent(fp, ind + 1);
	fputs("\"time\": ", fp);
	json_time(fp, r->time);
	fprintf(fp, ", \"time_given\": %s, \"revocation\": [",
	    c->time_given ? "true" : "false");
	for (bit = 1; certshow__checked_rev_name(bit) != NULL; bit <<= 1) {
		if ((c->revocation & bit) != 0) {
			fprintf(fp, "%s\"%s\"", first ? "" : ", ",
			    certshow__checked_rev_name(bit));
			first = false;
		}
	}
	fprintf(fp, "], \"crls\": %zu}", c->crls);
}

static void
write_json(FILE *fp, const struct certshow_result *r, const char *lint_json,
    unsigned ind)
{
	indent(fp, ind);
	fputs("{\n", fp);
	indent(fp, ind + 1);
	fputs("\"source\": ", fp);
	json_str(fp, r->source);
	fputs(",\n", fp);
	indent(fp, ind + 1);
	fprintf(fp, "\"verified\": %s,\n", r->flags == 0 ? "true" : "false");
	if (r->fetched) {
		indent(fp, ind + 1);
		fputs("\"fetched_intermediate\": true,\n", fp);
	}
	indent(fp, ind + 1);
	fputs("\"flags\": ", fp);
	json_flags(fp, r->flags);
	fputs(",\n", fp);
	/* Only when the revocation or expiry stage ran, so that other
	 * results keep their shape. */
	if (r->rev_checked || r->warn_days != 0) {
		indent(fp, ind + 1);
		fputs("\"warnings\": ", fp);
		json_flags(fp, r->warnings);
		fputs(",\n", fp);
	}
	indent(fp, ind + 1);
	fputs("\"verification_time\": ", fp);
	json_time(fp, r->time);
	fputs(",\n", fp);
	json_path(fp, r, ind + 1);
	fputs("],\n", fp);
	indent(fp, ind + 1);
	fputs("\"missing_issuer\": ", fp);
	if (r->missing_issuer == NULL) {
		fputs("null", fp);
	} else {
		fputs("{\"name\": ", fp);
		json_str(fp, r->missing_issuer);
		fputs(", \"ca_issuers_url\": ", fp);
		json_str(fp, r->missing_issuer_url);
		fputs("}", fp);
	}
	/* Only when policy processing ran, so that other results keep
	 * their shape. */
	if (r->policy_checked) {
		fputs(",\n", fp);
		indent(fp, ind + 1);
		fputs("\"policies\": {\"authority_constrained\": ", fp);
		json_list(fp, r->policies[CERTSHOW_POLICY_SET_AUTHORITY],
		    r->n_policies[CERTSHOW_POLICY_SET_AUTHORITY]);
		fputs(", \"user_constrained\": ", fp);
		json_list(fp, r->policies[CERTSHOW_POLICY_SET_USER],
		    r->n_policies[CERTSHOW_POLICY_SET_USER]);
		fputc('}', fp);
	}
	fputs(",\n", fp);
	json_checked(fp, r, ind + 1);
	/* certshow_writer_set_lint(): findings about this chain's
	 * certificates, a last member so the keys before keep their order. */
	if (lint_json != NULL) {
		fputs(",\n", fp);
		indent(fp, ind + 1);
		fputs("\"lint\": ", fp);
		certshow__writer_put_lint(fp, lint_json, ind + 1);
	}
	fputc('\n', fp);
	indent(fp, ind);
	fputc('}', fp);
}

void
certshow__json_result(FILE *fp, const struct certshow_result *r,
    const char *lint_json, unsigned ind)
{
	write_json(fp, r, lint_json, ind);
}

static void
text_str(FILE *fp, const char *s)
{
	if (s == NULL) {
		s = "";
	}
	certshow__text_string(fp, s, strlen(s));
}

/* "  user-constrained policies: 1.2.3, 2.5.29.32.0" or "(none)". */
static void
text_policies(FILE *fp, const char *what, char *const *v, size_t n)
{
	size_t i;

	fprintf(fp, "  %s policies: ", what);
	if (n == 0) {
		fputs("(none)", fp);
	}
	for (i = 0; i < n; i++) {
		if (i > 0) {
			fputs(", ", fp);
		}
		text_str(fp, v[i]);
	}
	fputc('\n', fp);
}

static void
text_flags(FILE *fp, uint32_t flags)
{
	uint32_t bit;
	bool first = true;

	for (bit = 1; bit != 0; bit <<= 1) {
		if (flags & bit) {
			fprintf(fp, "%s%s", first ? "" : ", ",
			    certshow_verdict_name(bit, NULL));
			first = false;
		}
	}
}

/* "2 hours ago" / "in 5 days" for t relative to the verification time
 * (so that a pinned --at gives the same text every run). */
static void
text_rel(FILE *fp, int64_t t, int64_t ref)
{
	int64_t d = t >= ref ? t - ref : ref - t, v;
	const char *unit;

	if (d >= 86400) {
		v = d / 86400;
		unit = "d";
	} else if (d >= 3600) {
		v = d / 3600;
		unit = "h";
	} else if (d >= 60) {
		v = d / 60;
		unit = "min";
	} else {
		v = d;
		unit = "s";
	}
	fprintf(fp, t >= ref ? "in %lld %s" : "%lld %s ago", (long long)v,
	    unit);
}

/* "    0  OCSP http://...: good, produced 2 h ago, next update in 5 d" */
static void
text_revocation(FILE *fp, const struct certshow_result *r, size_t i)
{
	const struct certshow__rev *rv = &r->path[i].rev;

	fprintf(fp, "    %zu  ", i);
	if (r->path[i].anchor) {
		fputs("trust anchor: not checked\n", fp);
		return;
	}
	text_str(fp, rv->message != NULL ? rv->message : "not checked");
	if (rv->status == CERTSHOW_REV_GOOD ||
	    rv->status == CERTSHOW_REV_REVOKED ||
	    rv->status == CERTSHOW_REV_UNKNOWN) {
		if (rv->produced_at >= 0) {
			fputs(", produced ", fp);
			text_rel(fp, rv->produced_at, r->time);
		} else if (rv->this_update >= 0) {
			fputs(", updated ", fp);
			text_rel(fp, rv->this_update, r->time);
		}
		if (rv->next_update >= 0) {
			fputs(", next update ", fp);
			text_rel(fp, rv->next_update, r->time);
		}
	}
	fputc('\n', fp);
}

/* The "Checked:" block of the short report, indented under the result. */
static void
text_checked(FILE *fp, const struct certshow_result *r)
{
	struct certshow__out o;

	certshow__out_init(&o, fp);
	certshow__short_checked(&o, r, "  ");
	(void)certshow__out_flush(&o);
}

static void
write_text(FILE *fp, const struct certshow_result *r)
{
	size_t i, k;

	text_str(fp, r->source != NULL ? r->source : "-");
	if (r->flags == 0) {
		fputs(r->fetched ? ": verified with a fetched intermediate" :
		    ": verified", fp);
		if (r->warnings != 0) {
			fputs(", with warnings (", fp);
			text_flags(fp, r->warnings);
			fputc(')', fp);
		}
		fputc('\n', fp);
	} else {
		fputs(": FAILED (", fp);
		text_flags(fp, r->flags);
		fputs(")\n", fp);
	}
	fputs("  path:\n", fp);
	for (i = 0; i < r->n; i++) {
		fprintf(fp, "    %zu  ", i);
		text_str(fp, r->path[i].cert->subject.rfc4514);
		if (r->path[i].anchor) {
			fputs("  [trust anchor]", fp);
		}
		if (r->path[i].fetched) {
			fputs("  [fetched from ", fp);
			text_str(fp, r->path[i].cert->source);
			fputc(']', fp);
		}
		fputc('\n', fp);
	}
	if (r->rev_checked) {
		fputs("  revocation:\n", fp);
		for (i = 0; i < r->n; i++) {
			text_revocation(fp, r, i);
		}
	}
	for (i = 0; i < r->n; i++) {
		for (k = 0; k < r->path[i].n_prob; k++) {
			fputs("  - ", fp);
			text_str(fp, r->path[i].prob[k].message);
			fprintf(fp, " [%s%s]\n",
			    certshow_verdict_name(r->path[i].prob[k].flag, NULL),
			    r->path[i].prob[k].warning ? ", warning" : "");
		}
	}
	if (r->policy_checked) {
		text_policies(fp, "authority-constrained",
		    r->policies[CERTSHOW_POLICY_SET_AUTHORITY],
		    r->n_policies[CERTSHOW_POLICY_SET_AUTHORITY]);
		text_policies(fp, "user-constrained",
		    r->policies[CERTSHOW_POLICY_SET_USER],
		    r->n_policies[CERTSHOW_POLICY_SET_USER]);
	}
	if (r->missing_issuer != NULL) {
		fputs("  missing issuer: ", fp);
		text_str(fp, r->missing_issuer);
		fputc('\n', fp);
		if (r->missing_issuer_url != NULL) {
			fputs("  caIssuers: ", fp);
			text_str(fp, r->missing_issuer_url);
			fputc('\n', fp);
		}
	}
	text_checked(fp, r);
}

int
certshow__write_result(struct certshow_ctx *ctx, struct certshow_writer *w,
    const struct certshow_chain *chain, const struct certshow_result *res)
{
	if (w == NULL || res == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "writing a result: NULL argument");
	}
	switch (w->fmt) {
	case CERTSHOW_FORMAT_JSON:
		write_json(w->fp, res, w->lint_json, 2);
		break;
	case CERTSHOW_FORMAT_TEXT:
		if ((w->opts.flags & CERTSHOW_WF_SUMMARY) != 0) {
			if (certshow__short_result(w, chain, res) < 0) {
				w->failed = true;
			}
			break;
		}
		if (w->n_items > 0) {
			fputc('\n', w->fp);
		}
		write_text(w->fp, res);
		break;
	default:
		return certshow__set_error(ctx, CERTSHOW_E_UNSUPPORTED,
		    "verification results are written as text or json only");
	}
	if (ferror(w->fp)) {
		w->failed = true;
		return certshow__set_error_errno(ctx, CERTSHOW_E_IO,
		    "writing a result");
	}
	return 0;
}
