/*
 * fetch_format.c - what is wrong with a chain as a server sent it, and
 * the connection report (certshow_writer_add_session()).
 *
 * "Certifies" here is structural: certificate B certifies A when B's
 * subject is A's issuer (the verifier's name comparison, RFC 5280 7.1,
 * names.c: so this analysis and the path builder agree on what chains)
 * and, when both are present, B's subject key
 * identifier equals A's authority key identifier. Signatures are the
 * verifier's business; this only explains how a chain was laid out.
 */
#include "fetch.h"
#include "format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool
same_der(const struct certshow_cert *a, const struct certshow_cert *b)
{
	return a->der_len == b->der_len &&
	    memcmp(a->der, b->der, a->der_len) == 0;
}

static bool
name_eq(const struct certshow_name *a, const struct certshow_name *b)
{
	return a->der != NULL && b->der != NULL &&
	    certshow__name_eq(a->der, a->der_len, b->der, b->der_len);
}

/* b certifies a (see the file comment). */
static bool
certifies(const struct certshow_cert *b, const struct certshow_cert *a)
{
	if (!name_eq(&b->subject, &a->issuer)) {
		return false;
	}
	if (b->ski != NULL && a->aki != NULL && (b->ski_len != a->aki_len ||
	    memcmp(b->ski, a->aki, a->aki_len) != 0)) {
		return false;
	}
	return true;
}

static bool
self_issued(const struct certshow_cert *c)
{
	return name_eq(&c->subject, &c->issuer);
}

/* Index of the first earlier copy of chain[i], or -1. */
static long
dup_of(const struct certshow_chain *ch, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++) {
		if (same_der(certshow_chain_get(ch, j),
		    certshow_chain_get(ch, i))) {
			return (long)j;
		}
	}
	return -1;
}

static bool
on_path(const struct certshow_result *res, const struct certshow_cert *c)
{
	size_t i, n = certshow_result_path_len(res);

	for (i = 0; i < n; i++) {
		if (same_der(certshow_result_path_cert(res, i, NULL), c)) {
			return true;
		}
	}
	return false;
}

static bool
in_chain(const struct certshow_chain *ch, const struct certshow_cert *c)
{
	size_t i, n = certshow_chain_count(ch);

	for (i = 0; i < n; i++) {
		if (same_der(certshow_chain_get(ch, i), c)) {
			return true;
		}
	}
	return false;
}

/* One problem: flag, the certificate it concerns (-1: the chain), and a
 * message. */
typedef void (*problem_cb)(void *arg, unsigned flag, long idx,
    const char *msg);

/* The certificate a local anchor stands for, or NULL. */
static const struct certshow_cert *
local_anchor(const struct certshow_chain *ch, const struct certshow_result *r)
{
	const struct certshow_cert *a;
	size_t n;
	enum certshow_path_origin origin = CERTSHOW_PATH_CHAIN;

	if (r == NULL || certshow_result_flags(r) != 0) {
		return NULL;
	}
	n = certshow_result_path_len(r);
	a = n >= 2 ? certshow_result_path_cert(r, n - 1, &origin) : NULL;
	if (a == NULL || origin != CERTSHOW_PATH_ANCHOR) {
		return NULL;
	}
	if (self_issued(a) || in_chain(ch, a)) {
		return NULL;
	}
	return a;
}

/* The problems of the sent certificate #i (i >= 1) of the chain: a
 * duplicate, a root, the order, and whether the path needs it. */
static unsigned
analyse_sent(const struct certshow_chain *ch, const struct certshow_result *res,
    size_t i, problem_cb cb, void *arg)
{
	const struct certshow_cert *c, *p;
	char msg[600];
	unsigned flags = 0;
	size_t n, k;
	long d;

	n = certshow_chain_count(ch);
	c = certshow_chain_get(ch, i);
	d = dup_of(ch, i);
	if (d >= 0) {
		flags |= CERTSHOW_SENT_DUPLICATE;
		if (cb != NULL) {
			snprintf(msg, sizeof(msg), "certificate #%zu "
			    "is a duplicate of #%ld", i, d);
			cb(arg, CERTSHOW_SENT_DUPLICATE, (long)i, msg);
		}
		return flags;
	}
	if (self_issued(c)) {
		flags |= CERTSHOW_SENT_ROOT_INCLUDED;
		if (cb != NULL) {
			snprintf(msg, sizeof(msg), "certificate #%zu "
			    "is a self-signed root (%s): a server need "
			    "not send it", i, c->subject.rfc4514);
			cb(arg, CERTSHOW_SENT_ROOT_INCLUDED, (long)i,
			    msg);
		}
	}
	/* Order: if #i certifies some other certificate of the
	 * chain, that one must be #i-1. */
	p = certshow_chain_get(ch, i - 1);
	if (!certifies(c, p)) {
		for (k = 0; k < n; k++) {
			if (k != i && !self_issued(c) &&
			    certifies(c, certshow_chain_get(ch, k))) {
				break;
			}
		}
		if (k < n) {
			flags |= CERTSHOW_SENT_WRONG_ORDER;
			if (cb != NULL) {
				snprintf(msg, sizeof(msg),
				    "wrong order: certificate #%zu "
				    "certifies #%zu, not #%zu before "
				    "it", i, k, i - 1);
				cb(arg, CERTSHOW_SENT_WRONG_ORDER,
				    (long)i, msg);
			}
		}
	}
	if (res != NULL && !self_issued(c) && !on_path(res, c)) {
		flags |= CERTSHOW_SENT_UNNEEDED;
		if (cb != NULL) {
			snprintf(msg, sizeof(msg), "certificate #%zu "
			    "(%s) is not on the verified path", i,
			    c->subject.rfc4514);
			cb(arg, CERTSHOW_SENT_UNNEEDED, (long)i, msg);
		}
	}
	return flags;
}

/* The path verified only through intermediates fetched from caIssuers
 * URLs (CERTSHOW_ONLINE_AIA): the server still failed to send them. */
static unsigned
analyse_fetched(const struct certshow_result *res, problem_cb cb, void *arg)
{
	const struct certshow_cert *c;
	enum certshow_path_origin origin;
	char msg[600];
	unsigned flags = 0;
	size_t i;

	for (i = 0; i < certshow_result_path_len(res); i++) {
		c = certshow_result_path_cert(res, i, &origin);
		if (origin != CERTSHOW_PATH_FETCHED) {
			continue;
		}
		flags |= CERTSHOW_SENT_MISSING_INTERMEDIATE;
		if (cb != NULL) {
			snprintf(msg, sizeof(msg), "missing intermediate: "
			    "the issuer '%s' was not sent; it was fetched "
			    "from its caIssuers URL %s (clients that do not "
			    "fetch will fail)", c->subject.rfc4514 != NULL ?
			    c->subject.rfc4514 : "", c->source != NULL ?
			    c->source : "?");
			cb(arg, CERTSHOW_SENT_MISSING_INTERMEDIATE, -1, msg);
		}
	}
	return flags;
}

static unsigned
analyse(const struct certshow_chain *ch, const struct certshow_result *res,
    problem_cb cb, void *arg)
{
	const struct certshow_cert *a;
	const char *missing, *url;
	char msg[600];
	unsigned flags = 0;
	size_t n, i;

	if (ch == NULL) {
		return 0;
	}
	n = certshow_chain_count(ch);
	for (i = 1; i < n; i++) {
		flags |= analyse_sent(ch, res, i, cb, arg);
	}
	if (res == NULL) {
		return flags;
	}
	if ((certshow_result_flags(res) & CERTSHOW_V_MISSING_ISSUER) != 0) {
		flags |= CERTSHOW_SENT_MISSING_INTERMEDIATE;
		missing = certshow_result_missing_issuer(res, &url);
		if (cb != NULL) {
			snprintf(msg, sizeof(msg), "missing intermediate: "
			    "the issuer '%s' was neither sent nor found in the "
			    "trust store (or it is a root that is not "
			    "trusted)%s%s",
			    missing != NULL ? missing : "?",
			    url != NULL ? "; caIssuers: " : "",
			    url != NULL ? url : "");
			cb(arg, CERTSHOW_SENT_MISSING_INTERMEDIATE, -1, msg);
		}
	}
	flags |= analyse_fetched(res, cb, arg);
	a = local_anchor(ch, res);
	if (a != NULL) {
		flags |= CERTSHOW_SENT_LOCAL_ANCHOR;
		if (cb != NULL) {
			snprintf(msg, sizeof(msg), "verified only thanks to "
			    "the local trust store certificate '%s', which is "
			    "not a root: clients without it will fail; the "
			    "server should send it", a->subject.rfc4514);
			cb(arg, CERTSHOW_SENT_LOCAL_ANCHOR, -1, msg);
		}
	}
	return flags;
}

unsigned
certshow_sent_chain_check(const struct certshow_chain *sent,
    const struct certshow_result *res)
{
	return analyse(sent, res, NULL, NULL);
}

const char *
certshow_sent_problem_name(unsigned flag)
{
	switch (flag) {
	case CERTSHOW_SENT_WRONG_ORDER:
		return "WRONG_ORDER";
	case CERTSHOW_SENT_DUPLICATE:
		return "DUPLICATE";
	case CERTSHOW_SENT_ROOT_INCLUDED:
		return "ROOT_INCLUDED";
	case CERTSHOW_SENT_UNNEEDED:
		return "UNNEEDED";
	case CERTSHOW_SENT_MISSING_INTERMEDIATE:
		return "MISSING_INTERMEDIATE";
	case CERTSHOW_SENT_LOCAL_ANCHOR:
		return "LOCAL_ANCHOR";
	default:
		return "UNKNOWN";
	}
}

/* ------------------------------------------------------------------ */
/* Text                                                                 */
/* ------------------------------------------------------------------ */

struct text_arg {
	struct certshow__out *o;
	unsigned n;
};

static void
text_problem(void *arg, unsigned flag, long idx, const char *msg)
{
	struct text_arg *t = arg;

	(void)idx;
	certshow__out_printf(t->o, "  - [%s] ", certshow_sent_problem_name(
	    flag));
	certshow__text_string_out(t->o, msg, strlen(msg));
	certshow__out_putc(t->o, '\n');
	t->n++;
}

static void
text_field(struct certshow__out *o, const char *label, const char *value)
{
	certshow__out_printf(o, "  %-14s", label);
	if (value == NULL) {
		certshow__out_puts(o, "(none)");
	} else {
		certshow__text_string_out(o, value, strlen(value));
	}
	certshow__out_putc(o, '\n');
}

/* What the stapled response said, as the revocation stage of the
 * verification found it (the writer prints, it never checks): "none",
 * "not checked" (no result), the leaf's status from the staple, or
 * "not used" (unusable or another source decided; the result's problems
 * and revocation lines say why). */
static const char *
staple_state(const struct certshow_session *s,
    const struct certshow_result *res)
{
	struct certshow_revocation rv;

	if (s->ocsp_der == NULL) {
		return "none";
	}
	rv.version = CERTSHOW_REVOCATION_VERSION;
	if (res == NULL || certshow_result_revocation(res, 0, &rv) != 0) {
		return "not_checked";
	}
	if (rv.source != CERTSHOW_REV_SOURCE_STAPLE ||
	    rv.status == CERTSHOW_REV_ERROR) {
		return "not_used";
	}
	return certshow_rev_status_name(rv.status);
}

static void
text_ocsp(struct certshow__out *o, const struct certshow_session *s,
    const struct certshow_result *res)
{
	const char *st = staple_state(s, res);

	if (s->ocsp_der == NULL) {
		certshow__out_printf(o, "  %-14snone\n", "OCSP staple:");
		return;
	}
	certshow__out_printf(o, "  %-14s%zu bytes, %s%s\n", "OCSP staple:",
	    s->ocsp_len, strcmp(st, "not_used") == 0 ? "not used (see the "
	    "verification)" : strcmp(st, "not_checked") == 0 ? "not checked" :
	    st, strcmp(st, "good") == 0 || strcmp(st, "revoked") == 0 ?
	    " (see the verification)" : "");
}

static void
write_text(struct certshow_ctx *ctx, struct certshow_writer *w,
    const struct certshow_session *s, const struct certshow_result *res)
{
	const struct certshow_cert *c;
	struct certshow__out o;
	struct text_arg ta;
	char port[16];
	size_t i, n;

	certshow__out_init(&o, w->fp);
	if (w->n_items > 0) {
		certshow__out_putc(&o, '\n');
	}
	certshow__out_puts(&o, "Connection\n");
	text_field(&o, "Host:", s->host);
	snprintf(port, sizeof(port), "%u", s->peer_port);
	certshow__out_printf(&o, "  %-14s%s port %s\n", "Address:",
	    s->peer_addr, port);
	text_field(&o, "SNI:", s->sni);
	text_field(&o, "Protocol:", s->version);
	if (s->cipher == NULL && s->hs_error != 0) {
		certshow__out_printf(&o, "  %-14s%s\n", "Cipher suite:",
		    "(not named: the handshake failed)");
	} else {
		text_field(&o, "Cipher suite:", s->cipher);
	}
	text_field(&o, "Key exchange:", s->group);
	text_field(&o, "ALPN:", s->alpn);
	text_ocsp(&o, s, res);
	if (!s->cert_requested) {
		certshow__out_printf(&o, "  %-14s%s\n", "Client certs:",
		    "not requested");
	} else {
		certshow__out_printf(&o, "  %-14srequested, %zu CA name%s\n",
		    "Client certs:", s->n_ca, s->n_ca == 1 ? "" : "s");
		for (i = 0; i < s->n_ca; i++) {
			certshow__out_printf(&o, "  %-14s", "");
			certshow__text_string_out(&o, s->ca[i].str,
			    strlen(s->ca[i].str));
			certshow__out_putc(&o, '\n');
		}
	}
	if (s->hs_error == 0) {
		certshow__out_printf(&o, "  %-14s%s\n", "Handshake:",
		    "completed");
	} else {
		certshow__out_printf(&o, "  %-14sFAILED after the server's "
		    "certificates: ", "Handshake:");
		certshow__text_string_out(&o, s->hs_message,
		    strlen(s->hs_message));
		certshow__out_putc(&o, '\n');
	}

	n = certshow_chain_count(s->chain);
	certshow__out_printf(&o, "\nChain as sent (%zu certificate%s)\n", n,
	    n == 1 ? "" : "s");
	for (i = 0; i < n; i++) {
		c = certshow_chain_get(s->chain, i);
		certshow__out_printf(&o, "  #%zu ", i);
		certshow__text_string_out(&o, c->subject.rfc4514,
		    strlen(c->subject.rfc4514));
		certshow__out_puts(&o, "\n     issuer ");
		certshow__text_string_out(&o, c->issuer.rfc4514,
		    strlen(c->issuer.rfc4514));
		certshow__out_putc(&o, '\n');
	}
	certshow__out_puts(&o, "\nProblems in the chain as sent\n");
	ta.o = &o;
	ta.n = 0;
	(void)analyse(s->chain, res, text_problem, &ta);
	if (ta.n == 0) {
		certshow__out_puts(&o, "  none\n");
	}
	certshow__out_putc(&o, '\n');
	if (certshow__out_flush(&o) < 0) {
		w->failed = true;
	}
}

/* ------------------------------------------------------------------ */
/* JSON                                                                 */
/* ------------------------------------------------------------------ */

static void
json_kv_str(struct certshow__out *o, const char *key, const char *v,
    bool last)
{
	certshow__out_printf(o, "    \"%s\": ", key);
	if (v == NULL) {
		certshow__out_puts(o, "null");
	} else {
		certshow__json_string_out(o, v, strlen(v));
	}
	certshow__out_puts(o, last ? "\n" : ",\n");
}

struct json_arg {
	struct certshow__out *o;
	unsigned n;
};

static void
json_problem(void *arg, unsigned flag, long idx, const char *msg)
{
	struct json_arg *j = arg;

	certshow__out_printf(j->o, "%s      {\"problem\": \"%s\", "
	    "\"certificate\": ", j->n > 0 ? ",\n" : "",
	    certshow_sent_problem_name(flag));
	if (idx < 0) {
		certshow__out_puts(j->o, "null");
	} else {
		certshow__out_printf(j->o, "%ld", idx);
	}
	certshow__out_puts(j->o, ", \"message\": ");
	certshow__json_string_out(j->o, msg, strlen(msg));
	certshow__out_putc(j->o, '}');
	j->n++;
}

static void
write_json_connection(struct certshow_ctx *ctx, struct certshow_writer *w,
    const struct certshow_session *s, const struct certshow_result *res)
{
	struct certshow__out o;
	struct json_arg ja;
	size_t i, n;

	certshow__out_init(&o, w->fp);
	certshow__out_puts(&o, "{\n  \"format_version\": 1,\n"
	    "  \"connection\": {\n");
	json_kv_str(&o, "host", s->host, false);
	json_kv_str(&o, "address", s->peer_addr, false);
	certshow__out_printf(&o, "    \"port\": %u,\n", s->peer_port);
	json_kv_str(&o, "sni", s->sni, false);
	json_kv_str(&o, "protocol", s->version, false);
	json_kv_str(&o, "cipher_suite", s->cipher, false);
	json_kv_str(&o, "group", s->group, false);
	json_kv_str(&o, "alpn", s->alpn, false);
	certshow__out_puts(&o, "    \"ocsp\": ");
	if (s->ocsp_der == NULL) {
		certshow__out_puts(&o, "null,\n");
	} else {
		certshow__out_printf(&o, "{\"length\": %zu, \"status\": "
		    "\"%s\"},\n", s->ocsp_len, staple_state(s, res));
	}
	certshow__out_printf(&o, "    \"client_cert_requested\": %s,\n",
	    s->cert_requested ? "true" : "false");
	certshow__out_puts(&o, "    \"client_ca_names\": [");
	for (i = 0; i < s->n_ca; i++) {
		certshow__out_puts(&o, i > 0 ? ", " : "");
		certshow__json_string_out(&o, s->ca[i].str,
		    strlen(s->ca[i].str));
	}
	certshow__out_printf(&o, "],\n    \"handshake_completed\": %s,\n",
	    s->hs_error == 0 ? "true" : "false");
	json_kv_str(&o, "handshake_error", s->hs_message, false);
	certshow__out_printf(&o, "    \"chain_length\": %zu,\n",
	    certshow_chain_count(s->chain));
	certshow__out_puts(&o, "    \"chain_problems\": [\n");
	ja.o = &o;
	ja.n = 0;
	(void)analyse(s->chain, res, json_problem, &ja);
	certshow__out_puts(&o, ja.n > 0 ? "\n    ]\n  },\n" : "    ]\n  },\n");
	/* The chain as sent, each certificate as `certshow dump` gives it. */
	certshow__out_puts(&o, "  \"certificates\": [\n");
	n = certshow_chain_count(s->chain);
	for (i = 0; i < n; i++) {
		certshow__json_cert_out(&o, certshow_chain_get(s->chain, i), 2,
		    NULL);
		certshow__out_puts(&o, i + 1 < n ? ",\n" : "\n");
	}
	certshow__out_puts(&o, "  ],\n  \"results\": [\n");
	if (certshow__out_flush(&o) < 0) {
		w->failed = true;
	}
}

/* ------------------------------------------------------------------ */
/* Short report (CERTSHOW_WF_SUMMARY)                                   */
/* ------------------------------------------------------------------ */

struct short_arg {
	struct certshow__out *o;
	unsigned n;
};

static void
short_problem(void *arg, unsigned flag, long idx, const char *msg)
{
	struct short_arg *a = arg;

	(void)idx;
	certshow__short_problem(a->o, &a->n, certshow_sent_problem_name(flag),
	    msg, NULL);
}

/* "Connected to HOST (ADDR port P): TLS1.3, CIPHER, GROUP, SNI NAME" */
static void
short_connection(struct certshow__out *o, const struct certshow_session *s)
{
	/* The name only when it is not the address itself. */
	bool named = s->host != NULL && strcmp(s->host, s->peer_addr) != 0;

	certshow__out_puts(o, "Connected to ");
	if (named) {
		certshow__text_string_out(o, s->host, strlen(s->host));
		certshow__out_puts(o, " (");
	}
	certshow__out_printf(o, "%s port %u", s->peer_addr, s->peer_port);
	certshow__out_puts(o, named ? "): " : ": ");
	certshow__out_puts(o, s->version != NULL ? s->version : "?");
	certshow__out_puts(o, ", ");
	certshow__out_puts(o,
	    s->cipher != NULL ? s->cipher : "(cipher not named)");
	if (s->group != NULL) {
		certshow__out_printf(o, ", %s", s->group);
	}
	if (s->alpn != NULL) {
		certshow__out_puts(o, ", ALPN ");
		certshow__text_string_out(o, s->alpn, strlen(s->alpn));
	}
	if (s->sni != NULL) {
		certshow__out_puts(o, ", SNI ");
		certshow__text_string_out(o, s->sni, strlen(s->sni));
	} else {
		certshow__out_puts(o, ", no SNI");
	}
	certshow__out_putc(o, '\n');
}

static void
write_short(struct certshow_writer *w, const struct certshow_session *s,
    const struct certshow_result *res)
{
	struct certshow__out o;
	struct short_arg a;
	size_t i, n = certshow_chain_count(s->chain);

	certshow__out_init(&o, w->fp);
	if (w->n_items > 0) {
		certshow__out_putc(&o, '\n');
	}
	short_connection(&o, s);
	if (res != NULL) {
		certshow__short_path(&o, res);
	} else {
		certshow__out_puts(&o, "Chain as sent:\n");
		for (i = 0; i < n; i++) {
			certshow__short_cert(&o,
			    certshow_chain_get(s->chain, i), i, w->opts.now,
			    NULL);
		}
	}
	a.o = &o;
	a.n = 0;
	(void)analyse(s->chain, res, short_problem, &a);
	if (s->hs_error != 0) {
		certshow__short_problem_begin(&o, &a.n);
		certshow__out_puts(&o,
		    "the handshake failed after the "
		    "server's certificates: ");
		certshow__text_string_out(&o, s->hs_message,
		    strlen(s->hs_message));
		certshow__out_putc(&o, '\n');
	}
	if (res != NULL) {
		certshow__short_result_problems(&o, &a.n, res);
		certshow__short_checked(&o, res, "");
	}
	certshow__short_verdict(&o, res,
	    (w->opts.flags & CERTSHOW_WF_NO_COLOR) == 0);
	if (certshow__out_flush(&o) < 0) {
		w->failed = true;
	}
}

/* Every certificate as sent, decoded as `certshow dump` shows it. */
static void
write_text_certs(struct certshow_writer *w, const struct certshow_session *s)
{
	struct certshow__out o;
	size_t i, n = certshow_chain_count(s->chain);

	certshow__out_init(&o, w->fp);
	certshow__out_printf(&o, "\nCertificates as sent, decoded (%zu)\n", n);
	for (i = 0; i < n; i++) {
		certshow__out_putc(&o, '\n');
		certshow__text_cert_out(&o, certshow_chain_get(s->chain, i), i,
		    &w->opts);
	}
	if (certshow__out_flush(&o) < 0) {
		w->failed = true;
	}
}

int
certshow_writer_add_session(struct certshow_ctx *ctx,
    struct certshow_writer *w, const struct certshow_session *s,
    const struct certshow_result *res)
{
	size_t i, n;
	int rv;

	if (w == NULL || s == NULL || w->finished) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "writer: NULL or finished writer, or NULL session");
	}
	switch (w->fmt) {
	case CERTSHOW_FORMAT_PEM:
	case CERTSHOW_FORMAT_PYTHON:
		n = certshow_chain_count(s->chain);
		for (i = 0; i < n; i++) {
			rv = certshow_writer_add_cert(ctx, w,
			    certshow_chain_get(s->chain, i));
			if (rv != 0) {
				return rv;
			}
		}
		return 0;
	case CERTSHOW_FORMAT_JSON:
		if (w->kind != CERTSHOW__DOC_NONE) {
			return certshow__set_error(ctx, CERTSHOW_E_INVAL,
			    "writer: a connection must be the only item of "
			    "a JSON document");
		}
		write_json_connection(ctx, w, s, res);
		/* The result array is open: the writer continues it and
		 * certshow_writer_finish() closes the document. */
		w->kind = CERTSHOW__DOC_RESULTS;
		if (res != NULL) {
			rv = certshow_writer_add_result(ctx, w, s->chain, res);
			if (rv != 0) {
				return rv;
			}
		}
		w->n_items = 1;
		break;
	case CERTSHOW_FORMAT_TEXT:
		if ((w->opts.flags & CERTSHOW_WF_SUMMARY) != 0) {
			write_short(w, s, res);
			w->kind = CERTSHOW__DOC_RESULTS;
			w->n_items++;
			break;
		}
		write_text(ctx, w, s, res);
		if (res != NULL) {
			w->kind = CERTSHOW__DOC_RESULTS;
			rv = certshow_writer_add_result(ctx, w, s->chain, res);
			if (rv != 0) {
				return rv;
			}
		}
		write_text_certs(w, s);
		w->n_items++;
		break;
	}
	if (w->failed || ferror(w->fp)) {
		w->failed = true;
		return certshow__set_error_errno(ctx, CERTSHOW_E_IO,
		    "writing output");
	}
	return 0;
}
