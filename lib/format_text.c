/*
 * format_text.c - certificates for humans: one block per certificate.
 *
 * This output is not a contract and may change between releases; JSON
 * and the Python format are the stable ones. Every string that comes from
 * a certificate goes through certshow__text_string_out(), so a hostile
 * certificate cannot move the cursor, change colours, rewrite the title
 * or hide text on the terminal that shows it.
 */
#include "format.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LABEL_WIDTH 22

/* ------------------------------------------------------------------ */
/* Escaping                                                             */
/* ------------------------------------------------------------------ */

static void
text_x(struct certshow__out *o, uint8_t b)
{
	static const char hex[] = "0123456789abcdef";
	char e[4] = { '\\', 'x', hex[b >> 4], hex[b & 15] };

	certshow__out_write(o, e, sizeof(e));
}

/* Code points that are valid UTF-8 but still dangerous on a terminal:
 * C1 controls (U+009B is CSI on terminals that honour 8-bit controls),
 * line and paragraph separators, and the bidirectional formatting
 * characters that can reorder what is displayed (CVE-2021-42574). */
static bool
text_unsafe_cp(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C ||
	    cp == 0x200E || cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

void
certshow__text_string_out(struct certshow__out *o, const char *s, size_t len)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0, start, n;
	uint32_t cp;

	while (i < len) {
		start = i;
		/* Backslashes pass through: names arrive already in
		 * RFC 4514 form, whose escapes would otherwise double. The
		 * output is for reading, not parsing; what matters is that
		 * no byte reaches the terminal as a control. */
		while (i < len && p[i] >= 0x20 && p[i] < 0x7F) {
			i++;
		}
		if (i > start) {
			certshow__out_write(o, p + start, i - start);
		}
		if (i >= len) {
			break;
		}
		if (p[i] < 0x80) {
			text_x(o, p[i]);
			i++;
			continue;
		}
		n = certshow__utf8_decode(p + i, len - i, &cp);
		if (n == 0) {
			text_x(o, p[i]);
			i++;
		} else if (text_unsafe_cp(cp)) {
			certshow__out_printf(o, "\\u%04x", (unsigned)cp);
			i += n;
		} else {
			certshow__out_write(o, p + i, n);
			i += n;
		}
	}
}

void
certshow__text_string(FILE *fp, const char *p, size_t len)
{
	struct certshow__out o;

	certshow__out_init(&o, fp);
	certshow__text_string_out(&o, p, len);
	certshow__out_flush(&o);
}

/* ------------------------------------------------------------------ */
/* Layout helpers                                                       */
/* ------------------------------------------------------------------ */

struct tw {
	struct certshow__out *o;
	bool color;
};

#define SGR_BOLD "\033[1m"
#define SGR_RED "\033[31m"
#define SGR_GREEN "\033[32m"
#define SGR_YELLOW "\033[33m"
#define SGR_RESET "\033[0m"

static void
tw_sgr(struct tw *t, const char *sgr)
{
	if (t->color) {
		certshow__out_puts(t->o, sgr);
	}
}

/* "  Label:<pad>" so that values line up. */
static void
tw_label(struct tw *t, const char *label)
{
	static const char spaces[] = "                          ";
	size_t n = strlen(label) + 1;

	certshow__out_write(t->o, "  ", 2);
	certshow__out_puts(t->o, label);
	certshow__out_putc(t->o, ':');
	if (n < LABEL_WIDTH) {
		certshow__out_write(t->o, spaces, LABEL_WIDTH - n);
	} else {
		certshow__out_putc(t->o, ' ');
	}
}

/* "  Label:" alone on its line; items follow. */
static void
tw_heading(struct tw *t, const char *label)
{
	certshow__out_write(t->o, "  ", 2);
	certshow__out_puts(t->o, label);
	certshow__out_write(t->o, ":\n", 2);
}

/* A sub-item line, indented under its label. */
static void
tw_item(struct tw *t)
{
	certshow__out_write(t->o, "    ", 4);
}

static void
tw_s(struct tw *t, const char *s)
{
	certshow__out_puts(t->o, s);
}

/* Certificate-provided text. */
static void
tw_cs(struct tw *t, const char *s, size_t len)
{
	certshow__text_string_out(t->o, s, len);
}

static void
tw_csz(struct tw *t, const char *s)
{
	if (s == NULL) {
		return;
	}
	certshow__text_string_out(t->o, s, strlen(s));
}

static void
tw_nl(struct tw *t)
{
	certshow__out_putc(t->o, '\n');
}

static void
tw_line(struct tw *t, const char *label, const char *value)
{
	tw_label(t, label);
	tw_csz(t, value);
	tw_nl(t);
}

/* ------------------------------------------------------------------ */
/* Fields                                                               */
/* ------------------------------------------------------------------ */

/* "41 days", "1 day", "5 hours", "3 minutes", "12 seconds". */
static void
fmt_span(char *buf, size_t size, int64_t secs)
{
	static const struct {
		int64_t unit;
		const char *name;
	} units[] = {
		{ 86400, "day" }, { 3600, "hour" }, { 60, "minute" },
		{ 1, "second" },
	};
	size_t i;
	int64_t n;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (secs >= units[i].unit || units[i].unit == 1) {
			n = secs / units[i].unit;
			snprintf(buf, size, "%lld %s%s", (long long)n,
			    units[i].name, n == 1 ? "" : "s");
			return;
		}
	}
}

static void
text_validity(struct tw *t, const struct certshow_cert *c, int64_t now)
{
	char buf[64], span[48];

	certshow__fmt_time(buf, sizeof(buf), c->not_before, 0);
	tw_line(t, "Not before", buf);
	certshow__fmt_time(buf, sizeof(buf), c->not_after, 0);
	tw_line(t, "Not after", buf);
	tw_label(t, "Validity");
	/* RFC 5280 4.1.2.5: both ends of the window are inclusive. */
	if (now < c->not_before) {
		fmt_span(span, sizeof(span), c->not_before - now);
		tw_sgr(t, SGR_YELLOW);
		certshow__out_printf(t->o, "not valid for another %s", span);
	} else if (now > c->not_after) {
		fmt_span(span, sizeof(span), now - c->not_after);
		tw_sgr(t, SGR_RED);
		certshow__out_printf(t->o, "expired %s ago", span);
	} else {
		fmt_span(span, sizeof(span), c->not_after - now);
		tw_sgr(t, SGR_GREEN);
		certshow__out_printf(t->o, "expires in %s", span);
	}
	tw_sgr(t, SGR_RESET);
	tw_nl(t);
}

static void
text_key(struct tw *t, const struct certshow_cert *c)
{
	tw_label(t, "Public key");
	tw_csz(t, c->key_alg != NULL ? c->key_alg : c->key_oid);
	if (c->key_curve != NULL) {
		tw_s(t, " ");
		tw_csz(t, c->key_curve);
	} else if (c->key_curve_oid != NULL) {
		tw_s(t, " curve ");
		tw_csz(t, c->key_curve_oid);
	}
	if (c->key_bits > 0) {
		certshow__out_printf(t->o, " (%u bits)", c->key_bits);
	}
	tw_nl(t);
}

static void
text_gname(struct tw *t, const struct certshow__gname *g)
{
	char ip[128];

	tw_s(t, certshow__gn_label(g->type));
	tw_s(t, ": ");
	switch (g->type) {
	case CERTSHOW_GN_EMAIL:
	case CERTSHOW_GN_DNS:
	case CERTSHOW_GN_URI:
		tw_cs(t, (const char *)g->value, g->len);
		break;
	case CERTSHOW_GN_IP:
		certshow__fmt_ip(ip, sizeof(ip), g->value, g->len);
		tw_s(t, ip);
		break;
	case CERTSHOW_GN_DIRNAME:
		if (g->dirname != NULL) {
			tw_csz(t, g->dirname->rfc4514);
		} else {
			tw_cs(t, (const char *)g->value, g->len);
		}
		break;
	case CERTSHOW_GN_RID:
		tw_csz(t, g->oid);
		break;
	case CERTSHOW_GN_OTHER:
		tw_csz(t, g->oid);
		tw_s(t, " ");
		certshow__out_hex(t->o, g->value, g->len, ':');
		break;
	case CERTSHOW_GN_X400:
	case CERTSHOW_GN_EDIPARTY:
		certshow__out_hex(t->o, g->value, g->len, ':');
		break;
	}
	tw_nl(t);
}

static void
text_gnames(struct tw *t, const char *label, const struct certshow__gname *g,
    size_t n)
{
	size_t i;

	if (n == 0) {
		tw_line(t, label, "(none)");
		return;
	}
	tw_heading(t, label);
	for (i = 0; i < n; i++) {
		tw_item(t);
		text_gname(t, &g[i]);
	}
}

static void
text_list(struct tw *t, const char *label, const struct certshow__list *l)
{
	size_t i;

	if (l->n == 0) {
		return;
	}
	tw_heading(t, label);
	for (i = 0; i < l->n; i++) {
		tw_item(t);
		tw_csz(t, l->v[i]);
		tw_nl(t);
	}
}

static void
text_oid_list(struct tw *t, const char *label, const struct certshow__list *l,
    const char *(*namefn)(const char *))
{
	const char *name;
	size_t i;

	if (l->n == 0) {
		tw_line(t, label, "(none)");
		return;
	}
	tw_heading(t, label);
	for (i = 0; i < l->n; i++) {
		tw_item(t);
		name = namefn(l->v[i]);
		if (name != NULL) {
			tw_s(t, name);
			tw_s(t, " (");
			tw_csz(t, l->v[i]);
			tw_s(t, ")");
		} else {
			tw_csz(t, l->v[i]);
		}
		tw_nl(t);
	}
}

/* One policy qualifier, under its policy. */
static void
text_pqual(struct tw *t, const struct certshow__pqual *q)
{
	size_t k;

	tw_item(t);
	tw_s(t, "  ");
	if (q->cps.p != NULL) {
		tw_s(t, "CPS: ");
		tw_cs(t, q->cps.p, q->cps.len);
	} else if (certshow__pqual_name(q->oid) != NULL &&
	    strcmp(certshow__pqual_name(q->oid), "unotice") == 0 &&
	    !q->malformed) {
		tw_s(t, "User notice:");
		if (q->text.p != NULL) {
			tw_s(t, " \"");
			tw_cs(t, q->text.p, q->text.len);
			tw_s(t, "\"");
		}
		if (q->org.p != NULL) {
			tw_s(t, " (");
			tw_cs(t, q->org.p, q->org.len);
			for (k = 0; k < q->n_numbers; k++) {
				certshow__out_printf(t->o, "%s%lld",
				    k == 0 ? ", notice " : ", ",
				    (long long)q->numbers[k]);
			}
			tw_s(t, ")");
		}
	} else {
		tw_s(t, "Qualifier ");
		tw_csz(t, q->oid != NULL ? q->oid : "?");
	}
	if (q->malformed) {
		tw_s(t, " (malformed)");
	}
	tw_nl(t);
}

/* certificatePolicies: one line per policy, its qualifiers below it. */
static void
text_policies(struct tw *t, const struct certshow_cert *c)
{
	const char *name;
	size_t i, k;

	tw_heading(t, "Policies");
	for (i = 0; i < c->policies.n; i++) {
		tw_item(t);
		name = certshow__policy_name(c->policies.v[i]);
		if (name != NULL) {
			tw_s(t, name);
			tw_s(t, " (");
			tw_csz(t, c->policies.v[i]);
			tw_s(t, ")");
		} else {
			tw_csz(t, c->policies.v[i]);
		}
		tw_nl(t);
		for (k = 0; k < c->n_pqual; k++) {
			if (c->pqual[k].policy == i) {
				text_pqual(t, &c->pqual[k]);
			}
		}
	}
}

static void
text_key_usage(struct tw *t, const struct certshow_cert *c)
{
	unsigned b;
	bool first = true;

	if (!c->has_ku) {
		return;
	}
	tw_label(t, "Key usage");
	for (b = 0; certshow__ku_name(b) != NULL; b++) {
		if (c->ku & (1u << b)) {
			if (!first) {
				tw_s(t, ", ");
			}
			tw_s(t, certshow__ku_name(b));
			first = false;
		}
	}
	if (first) {
		tw_s(t, "(none)");
	}
	tw_nl(t);
}

static void
text_hexline(struct tw *t, const char *label, const uint8_t *p, size_t len)
{
	if (p == NULL) {
		return;
	}
	tw_label(t, label);
	certshow__out_hex(t->o, p, len, ':');
	tw_nl(t);
}

static void
text_scts(struct tw *t, const struct certshow_cert *c)
{
	const struct certshow__sct *s;
	char buf[48];
	size_t i;

	if (c->n_sct == 0) {
		return;
	}
	tw_heading(t, "SCTs");
	for (i = 0; i < c->n_sct; i++) {
		s = &c->sct[i];
		tw_item(t);
		if (certshow__sct_error(s) != NULL) {
			certshow__out_printf(t->o, "v%u: ", s->version + 1);
			tw_s(t, certshow__sct_error(s));
			tw_nl(t);
			continue;
		}
		certshow__out_printf(t->o, "v%u log ", s->version + 1);
		if (s->log_id != NULL) {
			certshow__out_base64(t->o, s->log_id, 32);
		}
		certshow__fmt_time(buf, sizeof(buf),
		    (int64_t)(s->timestamp_ms / 1000), 0);
		tw_s(t, " at ");
		tw_s(t, buf);
		tw_nl(t);
	}
}

static void
text_extensions(struct tw *t, const struct certshow_cert *c)
{
	const struct certshow__ext *e;
	char *desc = NULL;
	size_t i;

	certshow__out_printf(t->o, "  Extensions (%zu):\n", c->n_ext);
	for (i = 0; i < c->n_ext; i++) {
		e = &c->ext[i];
		tw_item(t);
		tw_csz(t, e->oid);
		if (e->name != NULL) {
			tw_s(t, " ");
			tw_csz(t, e->name);
		}
		if (e->critical) {
			tw_s(t, " (critical)");
		}
		certshow__out_printf(t->o, ", %zu bytes", e->len);
		/* Extensions without a model accessor, decoded through the
		 * PKIX module (asn1.c). */
		if (certshow__asn1_ext_describe(NULL, e->oid, e->value, e->len,
		    &desc) == 0) {
			tw_s(t, ": ");
			tw_csz(t, desc);
			free(desc);
		}
		certshow__out_printf(t->o, "\n");
	}
	if (c->dup_ext) {
		tw_line(t, "Warning", "an extension appears more than once");
	}
	if (c->ext_error != NULL) {
		tw_line(t, "Extension error", c->ext_error);
	}
}

void
certshow__text_cert_out(struct certshow__out *o, const struct certshow_cert *c,
    size_t pos, const struct certshow_write_opts *opts)
{
	struct tw t;
	int64_t now = opts != NULL ? opts->now : 0;

	t.o = o;
	t.color = opts == NULL || !(opts->flags & CERTSHOW_WF_NO_COLOR);
	if (now == 0) {
		now = (int64_t)time(NULL);
	}

	tw_sgr(&t, SGR_BOLD);
	certshow__out_printf(o, "Certificate #%zu", pos);
	tw_sgr(&t, SGR_RESET);
	tw_nl(&t);
	if (c->source != NULL) {
		tw_label(&t, "Source");
		tw_csz(&t, c->source);
		certshow__out_printf(o, " #%zu\n", c->source_index);
	}
	tw_line(&t, "Subject", c->subject.rfc4514);
	tw_line(&t, "Issuer", c->issuer.rfc4514);
	tw_label(&t, "Serial");
	tw_csz(&t, c->serial_hex);
	tw_nl(&t);
	certshow__out_printf(o, "  Version:%*s%d\n", LABEL_WIDTH - 8, "",
	    c->version);
	text_validity(&t, c, now);
	text_key(&t, c);
	tw_label(&t, "Signature algorithm");
	tw_csz(&t, c->sig_name != NULL ? c->sig_name : c->sig_oid);
	if (c->sig_alg_mismatch) {
		tw_s(&t, " (differs from the inner algorithm!)");
	}
	tw_nl(&t);

	if (c->has_san) {
		text_gnames(&t, c->san_critical ?
		    "Subject alt names (critical)" : "Subject alt names",
		    c->san, c->n_san);
	}
	text_list(&t, "OCSP", &c->ocsp);
	text_list(&t, "CA issuers", &c->ca_issuers);
	text_list(&t, "CRL distribution", &c->crl_dp);
	text_key_usage(&t, c);
	if (c->has_eku) {
		text_oid_list(&t, "Extended key usage", &c->eku,
		    certshow__eku_name);
	}
	if (c->has_bc) {
		tw_label(&t, "Basic constraints");
		tw_s(&t, c->bc_ca ? "CA:TRUE" : "CA:FALSE");
		if (c->bc_pathlen >= 0) {
			certshow__out_printf(o, ", pathlen:%d", c->bc_pathlen);
		}
		tw_nl(&t);
	}
	text_hexline(&t, "Subject key ID", c->ski, c->ski_len);
	text_hexline(&t, "Authority key ID", c->aki, c->aki_len);
	if (c->policies.n > 0) {
		text_policies(&t, c);
	}
	if (c->has_nc) {
		text_gnames(&t, "Permitted subtrees", c->nc_permitted,
		    c->n_nc_permitted);
		text_gnames(&t, "Excluded subtrees", c->nc_excluded,
		    c->n_nc_excluded);
	}
	text_scts(&t, c);
	if (c->must_staple) {
		tw_line(&t, "Must staple", "yes (TLS feature status_request)");
	}
	tw_line(&t, "SHA-256 fingerprint",
	    certshow_cert_fingerprint(c, CERTSHOW_FP_SHA256));
	tw_line(&t, "SHA-1 fingerprint",
	    certshow_cert_fingerprint(c, CERTSHOW_FP_SHA1));
	tw_line(&t, "SPKI pin (sha256)",
	    certshow_cert_fingerprint(c, CERTSHOW_FP_SPKI_PIN_SHA256));
	text_extensions(&t, c);
}

void
certshow__text_cert(FILE *fp, const struct certshow_cert *c, size_t pos,
    const struct certshow_write_opts *opts)
{
	struct certshow__out o;

	certshow__out_init(&o, fp);
	certshow__text_cert_out(&o, c, pos, opts);
	certshow__out_flush(&o);
}
