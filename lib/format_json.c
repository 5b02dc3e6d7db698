/*
 * format_json.c - certificates as JSON (RFC 8259), streamed straight to
 * the output: no document tree is built. The schema is a contract,
 * documented in doc/json-schema.md; keys appear in a fixed order and
 * every key is always present (null or [] when the certificate lacks the
 * field), so consumers never need to probe.
 */
#include "format.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Strings                                                              */
/* ------------------------------------------------------------------ */

/* Bytes that need no escaping in a JSON string: printable ASCII other
 * than '"' and '\\'. Bytes >= 0x80 are checked as UTF-8 separately. */
static bool
json_plain(uint8_t b)
{
	return b >= 0x20 && b < 0x7F && b != '"' && b != '\\';
}

static void
json_u(struct certshow__out *o, uint32_t v)
{
	static const char hex[] = "0123456789abcdef";
	char e[6] = { '\\', 'u', hex[(v >> 12) & 15], hex[(v >> 8) & 15],
		hex[(v >> 4) & 15], hex[v & 15] };

	certshow__out_write(o, e, sizeof(e));
}

void
certshow__json_string_out(struct certshow__out *o, const char *s, size_t len)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0, start, n;
	uint32_t cp;

	certshow__out_putc(o, '"');
	while (i < len) {
		start = i;
		while (i < len && json_plain(p[i])) {
			i++;
		}
		if (i > start) {
			certshow__out_write(o, p + start, i - start);
		}
		if (i >= len) {
			break;
		}
		switch (p[i]) {
		case '"':
			certshow__out_write(o, "\\\"", 2);
			i++;
			continue;
		case '\\':
			certshow__out_write(o, "\\\\", 2);
			i++;
			continue;
		case '\n':
			certshow__out_write(o, "\\n", 2);
			i++;
			continue;
		case '\r':
			certshow__out_write(o, "\\r", 2);
			i++;
			continue;
		case '\t':
			certshow__out_write(o, "\\t", 2);
			i++;
			continue;
		case '\b':
			certshow__out_write(o, "\\b", 2);
			i++;
			continue;
		case '\f':
			certshow__out_write(o, "\\f", 2);
			i++;
			continue;
		default:
			break;
		}
		if (p[i] < 0x80) {
			/* Other C0 controls, NUL and DEL. */
			json_u(o, p[i]);
			i++;
			continue;
		}
		n = certshow__utf8_decode(p + i, len - i, &cp);
		if (n == 0) {
			/* Invalid UTF-8: the byte's Latin-1 reading, so the
			 * document stays valid UTF-8 (RFC 8259 8.1). */
			json_u(o, p[i]);
			i++;
		} else if (cp == 0x2028 || cp == 0x2029) {
			/* Valid JSON raw, but not inside JavaScript strings
			 * before ES2019: escape them for embedders. */
			json_u(o, cp);
			i += n;
		} else {
			certshow__out_write(o, p + i, n);
			i += n;
		}
	}
	certshow__out_putc(o, '"');
}

void
certshow__json_string(FILE *fp, const char *p, size_t len)
{
	struct certshow__out o;

	certshow__out_init(&o, fp);
	certshow__json_string_out(&o, p, len);
	certshow__out_flush(&o);
}

/* see format.h */
void
certshow__json_error(FILE *fp, unsigned ind, const char *source, int code,
    const char *message)
{
	fprintf(fp, "%*s{\n%*s\"source\": ", (int)ind * 2, "", (int)ind * 2 + 2,
	    "");
	if (source != NULL) {
		certshow__json_string(fp, source, strlen(source));
	} else {
		fputs("null", fp);
	}
	fprintf(fp,
	    ",\n%*s\"error\": {\n%*s\"code\": \"%s\",\n%*s"
	    "\"message\": ",
	    (int)ind * 2 + 2, "", (int)ind * 2 + 4, "",
	    certshow_error_name(code), (int)ind * 2 + 4, "");
	certshow__json_string(fp, message, strlen(message));
	fprintf(fp, "\n%*s}\n%*s}", (int)ind * 2 + 2, "", (int)ind * 2, "");
}

/* ------------------------------------------------------------------ */
/* A tiny streaming emitter: pretty-printed, two spaces per level.      */
/* ------------------------------------------------------------------ */

#define JW_MAX_DEPTH 16

struct jw {
	struct certshow__out *o;
	unsigned depth;
	bool first[JW_MAX_DEPTH];
};

static void
jw_indent(struct jw *j)
{
	static const char spaces[] = "                                ";
	unsigned n = j->depth * 2;

	if (n > sizeof(spaces) - 1) {
		n = sizeof(spaces) - 1;
	}
	certshow__out_write(j->o, spaces, n);
}

/* Separator before a member or element. */
static void
jw_next(struct jw *j)
{
	if (!j->first[j->depth]) {
		certshow__out_putc(j->o, ',');
	}
	j->first[j->depth] = false;
	certshow__out_putc(j->o, '\n');
	jw_indent(j);
}

static void
jw_key(struct jw *j, const char *k)
{
	jw_next(j);
	certshow__out_putc(j->o, '"');
	certshow__out_puts(j->o, k);
	certshow__out_write(j->o, "\": ", 3);
}

static void
jw_open(struct jw *j, char ch)
{
	certshow__out_putc(j->o, ch);
	if (j->depth + 1 < JW_MAX_DEPTH) {
		j->depth++;
	}
	j->first[j->depth] = true;
}

static void
jw_close(struct jw *j, char ch)
{
	bool empty = j->first[j->depth];

	if (j->depth > 0) {
		j->depth--;
	}
	if (!empty) {
		certshow__out_putc(j->o, '\n');
		jw_indent(j);
	}
	certshow__out_putc(j->o, ch);
}

static void
jw_str(struct jw *j, const char *s)
{
	if (s == NULL) {
		certshow__out_write(j->o, "null", 4);
		return;
	}
	certshow__json_string_out(j->o, s, strlen(s));
}

static void
jw_strn(struct jw *j, const char *s, size_t len)
{
	certshow__json_string_out(j->o, s, len);
}

static void
jw_bool(struct jw *j, bool v)
{
	certshow__out_puts(j->o, v ? "true" : "false");
}

static void
jw_int(struct jw *j, long long v)
{
	certshow__out_int(j->o, v);
}

static void
jw_hex(struct jw *j, const uint8_t *p, size_t len)
{
	if (p == NULL) {
		certshow__out_write(j->o, "null", 4);
		return;
	}
	certshow__out_putc(j->o, '"');
	certshow__out_hex(j->o, p, len, 0);
	certshow__out_putc(j->o, '"');
}

static void
kv_str(struct jw *j, const char *k, const char *v)
{
	jw_key(j, k);
	jw_str(j, v);
}

static void
kv_int(struct jw *j, const char *k, long long v)
{
	jw_key(j, k);
	jw_int(j, v);
}

static void
kv_bool(struct jw *j, const char *k, bool v)
{
	jw_key(j, k);
	jw_bool(j, v);
}

static void
kv_hex(struct jw *j, const char *k, const uint8_t *p, size_t len)
{
	jw_key(j, k);
	jw_hex(j, p, len);
}

static void
kv_time(struct jw *j, const char *k, int64_t t)
{
	char buf[48];

	certshow__fmt_time(buf, sizeof(buf), t, 1);
	kv_str(j, k, buf);
}

/* ------------------------------------------------------------------ */
/* Certificate parts                                                    */
/* ------------------------------------------------------------------ */

/* A value type without a name: "tag 32" (universal), "[APPLICATION 1]",
 * "[0]" (context-specific) or "[PRIVATE 5]", as X.680 writes tags. */
static void
json_tag(struct jw *j, unsigned cls, unsigned tag)
{
	switch (cls) {
	case CERTSHOW__CLASS_UNIVERSAL:
		certshow__out_printf(j->o, "\"tag %u\"", tag);
		break;
	case CERTSHOW__CLASS_APPLICATION:
		certshow__out_printf(j->o, "\"[APPLICATION %u]\"", tag);
		break;
	case CERTSHOW__CLASS_CONTEXT:
		certshow__out_printf(j->o, "\"[%u]\"", tag);
		break;
	default:
		certshow__out_printf(j->o, "\"[PRIVATE %u]\"", tag);
		break;
	}
}

static void
json_name(struct jw *j, const struct certshow_name *n)
{
	const struct certshow__ava *a;
	const char *tn;
	size_t r, i;

	jw_open(j, '{');
	kv_str(j, "rfc4514", n->rfc4514 != NULL ? n->rfc4514 : "");
	jw_key(j, "rdns");
	jw_open(j, '[');
	for (r = 0; r < n->n; r++) {
		jw_next(j);
		jw_open(j, '[');
		for (i = 0; i < n->rdns[r].n; i++) {
			a = &n->rdns[r].avas[i];
			jw_next(j);
			jw_open(j, '{');
			kv_str(j, "oid", a->oid);
			kv_str(j, "name", a->type_name != NULL ?
			    a->type_name : a->oid);
			jw_key(j, "value");
			jw_strn(j, a->value.p != NULL ? a->value.p : "",
			    a->value.len);
			tn = a->str_cls == CERTSHOW__CLASS_UNIVERSAL ?
			    certshow__str_tag_name(a->str_tag) : NULL;
			jw_key(j, "string_type");
			if (tn != NULL) {
				jw_str(j, tn);
			} else {
				json_tag(j, a->str_cls, a->str_tag);
			}
			jw_close(j, '}');
		}
		jw_close(j, ']');
	}
	jw_close(j, ']');
	jw_close(j, '}');
}

static const char *
json_gn_type(enum certshow_gn_type t)
{
	switch (t) {
	case CERTSHOW_GN_OTHER:
		return "other";
	case CERTSHOW_GN_EMAIL:
		return "email";
	case CERTSHOW_GN_DNS:
		return "dns";
	case CERTSHOW_GN_X400:
		return "x400";
	case CERTSHOW_GN_DIRNAME:
		return "dirname";
	case CERTSHOW_GN_EDIPARTY:
		return "ediparty";
	case CERTSHOW_GN_URI:
		return "uri";
	case CERTSHOW_GN_IP:
		return "ip";
	case CERTSHOW_GN_RID:
		return "rid";
	}
	return "unknown";
}

static void
json_gname(struct jw *j, const struct certshow__gname *g)
{
	char ip[128];

	jw_next(j);
	jw_open(j, '{');
	kv_str(j, "type", json_gn_type(g->type));
	switch (g->type) {
	case CERTSHOW_GN_EMAIL:
	case CERTSHOW_GN_DNS:
	case CERTSHOW_GN_URI:
		jw_key(j, "value");
		jw_strn(j, g->value != NULL ? (const char *)g->value : "",
		    g->len);
		break;
	case CERTSHOW_GN_IP:
		certshow__fmt_ip(ip, sizeof(ip), g->value, g->len);
		kv_str(j, "value", ip);
		break;
	case CERTSHOW_GN_DIRNAME:
		if (g->dirname != NULL) {
			kv_str(j, "value", g->dirname->rfc4514 != NULL ?
			    g->dirname->rfc4514 : "");
		} else {
			jw_key(j, "value");
			jw_strn(j, g->value != NULL ?
			    (const char *)g->value : "", g->len);
		}
		break;
	case CERTSHOW_GN_RID:
		kv_str(j, "value", g->oid != NULL ? g->oid : "");
		break;
	case CERTSHOW_GN_OTHER:
		kv_str(j, "oid", g->oid);
		kv_hex(j, "value", g->value != NULL ? g->value :
		    (const uint8_t *)"", g->len);
		break;
	case CERTSHOW_GN_X400:
	case CERTSHOW_GN_EDIPARTY:
		kv_hex(j, "value", g->value != NULL ? g->value :
		    (const uint8_t *)"", g->len);
		break;
	}
	jw_close(j, '}');
}

static void
json_gnames(struct jw *j, const struct certshow__gname *g, size_t n)
{
	size_t i;

	jw_open(j, '[');
	for (i = 0; i < n; i++) {
		json_gname(j, &g[i]);
	}
	jw_close(j, ']');
}

static void
json_str_list(struct jw *j, const struct certshow__list *l)
{
	size_t i;

	jw_open(j, '[');
	for (i = 0; i < l->n; i++) {
		jw_next(j);
		jw_str(j, l->v[i]);
	}
	jw_close(j, ']');
}

/* A list of OIDs with well-known names: [{"oid", "name"}]. */
static void
json_oid_list(struct jw *j, const struct certshow__list *l,
    const char *(*namefn)(const char *))
{
	size_t i;

	jw_open(j, '[');
	for (i = 0; i < l->n; i++) {
		jw_next(j);
		jw_open(j, '{');
		kv_str(j, "oid", l->v[i]);
		kv_str(j, "name", namefn(l->v[i]));
		jw_close(j, '}');
	}
	jw_close(j, ']');
}

/* A string of the certificate that may be absent (null). */
static void
kv_cstr(struct jw *j, const char *k, const struct certshow__str *s)
{
	jw_key(j, k);
	if (s->p == NULL) {
		jw_str(j, NULL);
	} else {
		jw_strn(j, s->p, s->len);
	}
}

/* One policy qualifier; every member is always there (null when it does
 * not apply), so the shape is the same for each. */
static void
json_pqual(struct jw *j, const struct certshow__pqual *q)
{
	size_t k;

	jw_open(j, '{');
	kv_str(j, "oid", q->oid);
	kv_str(j, "name", certshow__pqual_name(q->oid));
	kv_cstr(j, "cps_uri", &q->cps);
	kv_cstr(j, "explicit_text", &q->text);
	kv_cstr(j, "organization", &q->org);
	jw_key(j, "notice_numbers");
	if (q->org.p == NULL) {
		jw_str(j, NULL);
	} else {
		jw_open(j, '[');
		for (k = 0; k < q->n_numbers; k++) {
			jw_next(j);
			jw_int(j, q->numbers[k]);
		}
		jw_close(j, ']');
	}
	kv_bool(j, "malformed", q->malformed);
	jw_close(j, '}');
}

/* certificatePolicies: each policy with its qualifiers (RFC 5280
 * 4.2.1.4). */
static void
json_policies(struct jw *j, const struct certshow_cert *c)
{
	size_t i, k;

	jw_open(j, '[');
	for (i = 0; i < c->policies.n; i++) {
		jw_next(j);
		jw_open(j, '{');
		kv_str(j, "oid", c->policies.v[i]);
		kv_str(j, "name", certshow__policy_name(c->policies.v[i]));
		jw_key(j, "qualifiers");
		jw_open(j, '[');
		for (k = 0; k < c->n_pqual; k++) {
			if (c->pqual[k].policy == i) {
				jw_next(j);
				json_pqual(j, &c->pqual[k]);
			}
		}
		jw_close(j, ']');
		jw_close(j, '}');
	}
	jw_close(j, ']');
}

static void
json_key_usage(struct jw *j, const struct certshow_cert *c)
{
	unsigned b;

	jw_key(j, "key_usage");
	if (!c->has_ku) {
		jw_str(j, NULL);
		return;
	}
	jw_open(j, '[');
	for (b = 0; certshow__ku_name(b) != NULL; b++) {
		if (c->ku & (1u << b)) {
			jw_next(j);
			jw_str(j, certshow__ku_name(b));
		}
	}
	jw_close(j, ']');
}

static void
json_scts(struct jw *j, const struct certshow_cert *c)
{
	const struct certshow__sct *s;
	char buf[48], tbuf[48];
	size_t i, n;
	int64_t secs;

	jw_key(j, "scts");
	jw_open(j, '[');
	for (i = 0; i < c->n_sct; i++) {
		s = &c->sct[i];
		jw_next(j);
		jw_open(j, '{');
		kv_int(j, "version", (long long)s->version);
		if (certshow__sct_error(s) != NULL) {
			/* Nothing made up: unknown, not zero. */
			kv_str(j, "log_id", NULL);
			kv_str(j, "timestamp", NULL);
			kv_str(j, "timestamp_ms", NULL);
			kv_str(j, "error", certshow__sct_error(s));
			jw_close(j, '}');
			continue;
		}
		jw_key(j, "log_id");
		certshow__out_putc(j->o, '"');
		if (s->log_id != NULL) {
			certshow__out_base64(j->o, s->log_id, 32);
		}
		certshow__out_putc(j->o, '"');
		secs = (int64_t)(s->timestamp_ms / 1000);
		certshow__fmt_time(tbuf, sizeof(tbuf), secs, 1);
		/* RFC 3339 with milliseconds: insert ".mmm" before 'Z'. */
		n = strlen(tbuf);
		snprintf(buf, sizeof(buf), "%.*s.%03uZ", (int)(n - 1), tbuf,
		    (unsigned)(s->timestamp_ms % 1000));
		kv_str(j, "timestamp", buf);
		kv_int(j, "timestamp_ms", (long long)s->timestamp_ms);
		kv_str(j, "error", NULL);
		jw_close(j, '}');
	}
	jw_close(j, ']');
}

static void
json_extensions(struct jw *j, const struct certshow_cert *c)
{
	const struct certshow__ext *e;
	char *desc = NULL;
	size_t i;

	jw_key(j, "extensions");
	jw_open(j, '[');
	for (i = 0; i < c->n_ext; i++) {
		e = &c->ext[i];
		jw_next(j);
		jw_open(j, '{');
		kv_str(j, "oid", e->oid);
		kv_str(j, "name", e->name);
		kv_bool(j, "critical", e->critical);
		kv_hex(j, "value", e->value != NULL ? e->value :
		    (const uint8_t *)"", e->len);
		/* Only for extensions without a model accessor (asn1.c). */
		if (certshow__asn1_ext_describe(NULL, e->oid, e->value, e->len,
		    &desc) == 0) {
			kv_str(j, "description", desc);
			free(desc);
		}
		jw_close(j, '}');
	}
	jw_close(j, ']');
}

static void
json_validity(struct jw *j, const struct certshow_cert *c,
    const struct certshow_write_opts *opts)
{
	jw_key(j, "validity");
	jw_open(j, '{');
	kv_time(j, "not_before", c->not_before);
	kv_time(j, "not_after", c->not_after);
	kv_int(j, "not_before_unix", (long long)c->not_before);
	kv_int(j, "not_after_unix", (long long)c->not_after);
	if (opts != NULL && (opts->flags & CERTSHOW_WF_DAYS_LEFT) != 0) {
		kv_int(j, "days_left",
		    (long long)certshow__days_left(c->not_after, opts->now));
	}
	jw_close(j, '}');
}

static void
json_public_key(struct jw *j, const struct certshow_cert *c)
{
	jw_key(j, "public_key");
	jw_open(j, '{');
	kv_str(j, "algorithm", c->key_alg);
	kv_str(j, "oid", c->key_oid);
	kv_int(j, "bits", (long long)c->key_bits);
	kv_str(j, "curve", c->key_curve);
	kv_str(j, "curve_oid", c->key_curve_oid);
	kv_hex(j, "value", c->key, c->key_len);
	kv_str(j, "spki_sha256_pin",
	    certshow_cert_fingerprint(c, CERTSHOW_FP_SPKI_PIN_SHA256));
	jw_close(j, '}');
}

static void
json_signature(struct jw *j, const struct certshow_cert *c)
{
	jw_key(j, "signature");
	jw_open(j, '{');
	kv_str(j, "algorithm", c->sig_name != NULL ? c->sig_name : c->sig_oid);
	kv_str(j, "oid", c->sig_oid);
	kv_hex(j, "parameters", c->sig_params, c->sig_params_len);
	kv_bool(j, "algorithm_mismatch", c->sig_alg_mismatch);
	kv_hex(j, "value", c->sig, c->sig_len);
	jw_close(j, '}');
}

static void
json_basic_constraints(struct jw *j, const struct certshow_cert *c)
{
	jw_key(j, "basic_constraints");
	if (!c->has_bc) {
		jw_str(j, NULL);
		return;
	}
	jw_open(j, '{');
	kv_bool(j, "ca", c->bc_ca);
	jw_key(j, "path_len");
	if (c->bc_pathlen >= 0) {
		jw_int(j, c->bc_pathlen);
	} else {
		jw_str(j, NULL);
	}
	jw_close(j, '}');
}

static void
json_name_constraints(struct jw *j, const struct certshow_cert *c)
{
	jw_key(j, "name_constraints");
	if (!c->has_nc) {
		jw_str(j, NULL);
		return;
	}
	jw_open(j, '{');
	jw_key(j, "permitted");
	json_gnames(j, c->nc_permitted, c->n_nc_permitted);
	jw_key(j, "excluded");
	json_gnames(j, c->nc_excluded, c->n_nc_excluded);
	jw_close(j, '}');
}

void
certshow__json_cert_out(struct certshow__out *o, const struct certshow_cert *c,
    unsigned indent, const struct certshow_write_opts *opts)
{
	struct jw j;

	memset(&j, 0, sizeof(j));
	j.o = o;
	j.depth = indent < JW_MAX_DEPTH ? indent : JW_MAX_DEPTH - 1;
	jw_indent(&j);
	jw_open(&j, '{');

	kv_str(&j, "source", c->source);
	kv_int(&j, "source_index", (long long)c->source_index);
	kv_int(&j, "version", c->version);
	kv_str(&j, "serial", c->serial_hex);
	kv_hex(&j, "serial_der", c->serial, c->serial_len);

	jw_key(&j, "subject");
	json_name(&j, &c->subject);
	jw_key(&j, "issuer");
	json_name(&j, &c->issuer);

	json_validity(&j, c, opts);
	json_public_key(&j, c);
	json_signature(&j, c);

	jw_key(&j, "fingerprints");
	jw_open(&j, '{');
	kv_str(&j, "sha256", certshow_cert_fingerprint(c, CERTSHOW_FP_SHA256));
	kv_str(&j, "sha1", certshow_cert_fingerprint(c, CERTSHOW_FP_SHA1));
	jw_close(&j, '}');

	kv_bool(&j, "issuer_unique_id", c->has_issuer_uid);
	kv_bool(&j, "subject_unique_id", c->has_subject_uid);

	jw_key(&j, "subject_alt_names");
	if (c->has_san) {
		json_gnames(&j, c->san, c->n_san);
	} else {
		jw_str(&j, NULL);
	}
	jw_key(&j, "ocsp");
	json_str_list(&j, &c->ocsp);
	jw_key(&j, "ca_issuers");
	json_str_list(&j, &c->ca_issuers);
	jw_key(&j, "crl_distribution_points");
	json_str_list(&j, &c->crl_dp);

	json_key_usage(&j, c);
	jw_key(&j, "extended_key_usage");
	if (c->has_eku) {
		json_oid_list(&j, &c->eku, certshow__eku_name);
	} else {
		jw_str(&j, NULL);
	}
	json_basic_constraints(&j, c);
	kv_hex(&j, "subject_key_id", c->ski, c->ski_len);
	kv_hex(&j, "authority_key_id", c->aki, c->aki_len);
	jw_key(&j, "policies");
	json_policies(&j, c);
	json_name_constraints(&j, c);
	json_scts(&j, c);
	kv_bool(&j, "must_staple", c->must_staple);

	json_extensions(&j, c);
	kv_bool(&j, "duplicate_extension", c->dup_ext);
	kv_str(&j, "extension_error", c->ext_error);
	jw_close(&j, '}');
}

void
certshow__json_cert(FILE *fp, const struct certshow_cert *c, unsigned indent)
{
	struct certshow__out o;

	certshow__out_init(&o, fp);
	certshow__json_cert_out(&o, c, indent, NULL);
	certshow__out_flush(&o);
}
