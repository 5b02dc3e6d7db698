/*
 * format.c - the output writer (certshow_writer_*): it dispatches to the
 * per-format renderers and exports PEM. The buffered output and the
 * renderings the formats share are in format_out.c, below every renderer.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* open_memstream() */
#endif
#include "format.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* PEM                                                                  */
/* ------------------------------------------------------------------ */

/* RFC 7468 section 2: base64 lines of exactly 64 characters. */
static void
pem_out(struct certshow__out *o, const uint8_t *der, size_t len)
{
	size_t i;

	certshow__out_puts(o, "-----BEGIN CERTIFICATE-----\n");
	for (i = 0; i < len; i += 48) {
		certshow__out_base64(o, der + i, len - i < 48 ? len - i : 48);
		certshow__out_putc(o, '\n');
	}
	certshow__out_puts(o, "-----END CERTIFICATE-----\n");
}

void
certshow__pem_cert(FILE *fp, const struct certshow_cert *c)
{
	struct certshow__out o;

	certshow__out_init(&o, fp);
	pem_out(&o, c->der, c->der_len);
	certshow__out_flush(&o);
}

/* ------------------------------------------------------------------ */
/* Writer                                                               */
/* ------------------------------------------------------------------ */

int
certshow_writer_new(struct certshow_ctx *ctx, struct certshow_writer **out,
    FILE *fp, enum certshow_format fmt, const struct certshow_write_opts *opts)
{
	struct certshow_writer *w;

	if (out == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "writer: no output pointer");
	}
	*out = NULL;
	if (fp == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "writer: no output stream");
	}
	if (fmt != CERTSHOW_FORMAT_TEXT && fmt != CERTSHOW_FORMAT_JSON &&
	    fmt != CERTSHOW_FORMAT_PYTHON && fmt != CERTSHOW_FORMAT_PEM) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "writer: unknown output format %d", (int)fmt);
	}
	if (opts != NULL && opts->version != CERTSHOW_WRITE_OPTS_VERSION) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "writer: unsupported options version %u (want %u)",
		    opts->version, CERTSHOW_WRITE_OPTS_VERSION);
	}
	w = calloc(1, sizeof(*w));
	if (w == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "writer: out of memory");
	}
	w->fp = fp;
	w->fmt = fmt;
	if (opts != NULL) {
		w->opts = *opts;
	} else {
		w->opts.version = CERTSHOW_WRITE_OPTS_VERSION;
	}
	*out = w;
	return 0;
}

/* Open the JSON document at the first item and write the separator
 * before every later one. */
static int
json_begin_item(struct certshow_ctx *ctx, struct certshow_writer *w,
    enum certshow__doc_kind kind)
{
	if (w->kind == CERTSHOW__DOC_NONE) {
		w->kind = kind;
		if (w->fmt == CERTSHOW_FORMAT_JSON) {
			fprintf(w->fp, "{\n  \"format_version\": 1,\n  \"%s\": [\n",
			    kind == CERTSHOW__DOC_CERTS ? "certificates" :
			    "results");
		}
	} else if (w->kind != kind) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "writer: cannot mix certificates and verification "
		    "results in one document");
	}
	if (w->fmt == CERTSHOW_FORMAT_JSON && w->n_items > 0) {
		fputs(",\n", w->fp);
	}
	return 0;
}

static int
check_fp(struct certshow_ctx *ctx, struct certshow_writer *w)
{
	if (w->failed || ferror(w->fp)) {
		w->failed = true;
		return certshow__set_error_errno(ctx, CERTSHOW_E_IO,
		    "writing output");
	}
	return 0;
}

static int
check_writer(struct certshow_ctx *ctx, const struct certshow_writer *w)
{
	if (w == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "writer: NULL writer");
	}
	if (w->finished) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "writer: already finished");
	}
	return 0;
}

int
certshow_writer_add_cert(struct certshow_ctx *ctx, struct certshow_writer *w,
    const struct certshow_cert *cert)
{
	struct certshow__out o;
	int rv;

	rv = check_writer(ctx, w);
	if (rv < 0) {
		return rv;
	}
	if (cert == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "writer: NULL certificate");
	}
	rv = json_begin_item(ctx, w, CERTSHOW__DOC_CERTS);
	if (rv < 0) {
		return rv;
	}
	switch (w->fmt) {
	case CERTSHOW_FORMAT_TEXT:
		certshow__out_init(&o, w->fp);
		if (w->n_items > 0) {
			certshow__out_putc(&o, '\n');
		}
		certshow__text_cert_out(&o, cert, w->n_items, &w->opts);
		if (certshow__out_flush(&o) < 0) {
			w->failed = true;
		}
		break;
	case CERTSHOW_FORMAT_JSON:
		certshow__out_init(&o, w->fp);
		certshow__json_cert_out(&o, cert, 2, &w->opts);
		if (certshow__out_flush(&o) < 0) {
			w->failed = true;
		}
		break;
	case CERTSHOW_FORMAT_PYTHON:
		if (w->n_items > 0) {
			fputc('\n', w->fp);
		}
		certshow__pydict_cert(w->fp, cert);
		break;
	case CERTSHOW_FORMAT_PEM:
		certshow__pem_cert(w->fp, cert);
		break;
	}
	w->n_items++;
	return check_fp(ctx, w);
}

int
certshow_writer_add_result(struct certshow_ctx *ctx, struct certshow_writer *w,
    const struct certshow_chain *chain, const struct certshow_result *res)
{
	int rv;

	rv = check_writer(ctx, w);
	if (rv < 0) {
		return rv;
	}
	if (chain == NULL || res == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "writer: NULL chain or result");
	}
	rv = json_begin_item(ctx, w, CERTSHOW__DOC_RESULTS);
	if (rv < 0) {
		return rv;
	}
	rv = certshow__write_result(ctx, w, chain, res);
	/* Consumed (certshow_writer_set_lint()). */
	free(w->lint_json);
	w->lint_json = NULL;
	w->n_items++;
	if (rv < 0) {
		return rv;
	}
	return check_fp(ctx, w);
}

int
certshow_writer_finish(struct certshow_ctx *ctx, struct certshow_writer *w)
{
	int rv;

	rv = check_writer(ctx, w);
	if (rv < 0) {
		return rv;
	}
	if (w->fmt == CERTSHOW_FORMAT_JSON) {
		if (w->kind == CERTSHOW__DOC_NONE) {
			/* No item: an empty list is still one complete
			 * document. */
			fprintf(w->fp,
			    "{\n  \"format_version\": 1,\n"
			    "  \"%s\": []",
			    (w->opts.flags & CERTSHOW_WF_RESULTS) != 0
				? "results"
				: "certificates");
		} else {
			fputs("\n  ]", w->fp);
		}
		/* Inputs that could not be used, after the list. */
		if (w->errors_json != NULL) {
			fprintf(w->fp, ",\n  \"errors\": [\n%s\n  ]",
			    w->errors_json);
		}
		/* certshow_writer_set_lint() on a certificates document: the
		 * findings follow the list they index into. */
		if (w->lint_json != NULL && w->kind != CERTSHOW__DOC_RESULTS) {
			fputs(",\n  \"lint\": ", w->fp);
			certshow__writer_put_lint(w->fp, w->lint_json, 1);
		}
		fputs("\n}\n", w->fp);
	}
	w->finished = true;
	if (fflush(w->fp) != 0) {
		w->failed = true;
	}
	return check_fp(ctx, w);
}

void
certshow_writer_free(struct certshow_writer *w)
{
	if (w == NULL) {
		return;
	}
	free(w->lint_json);
	free(w->errors_json);
	free(w);
}

/* The findings are rendered now, so the list may be freed or changed
 * right after the call: the writer keeps no pointer into it. */
int
certshow_writer_set_lint(struct certshow_ctx *ctx, struct certshow_writer *w,
    const struct certshow_lint *l)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mf;

	if (w == NULL || w->finished) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_writer_set_lint: NULL or finished writer");
	}
	if (l != NULL) {
		mf = open_memstream(&buf, &len);
		if (mf == NULL) {
			return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
			    "out of memory");
		}
		certshow__lint_json(mf, l, 0);
		if (ferror(mf) || fclose(mf) != 0) {
			free(buf);
			return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
			    "out of memory");
		}
	}
	free(w->lint_json);
	w->lint_json = buf;
	return 0;
}

/* Keep the error for the "errors" member of certshow_writer_finish(). */
static int
keep_error(struct certshow_ctx *ctx, struct certshow_writer *w,
    const char *source, int code, const char *message)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mf;

	mf = open_memstream(&buf, &len);
	if (mf == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	if (w->errors_json != NULL) {
		fprintf(mf, "%s,\n", w->errors_json);
	}
	certshow__json_error(mf, 2, source, code, message);
	if (ferror(mf) || fclose(mf) != 0) {
		free(buf);
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	free(w->errors_json);
	w->errors_json = buf;
	return 0;
}

int
certshow_writer_add_error(struct certshow_ctx *ctx, struct certshow_writer *w,
    const char *source, int code, const char *message)
{
	int rv;

	rv = check_writer(ctx, w);
	if (rv < 0) {
		return rv;
	}
	if (message == NULL) {
		message = certshow_strerror(code);
	}
	if (w->fmt != CERTSHOW_FORMAT_JSON) {
		return 0;
	}
	if ((w->opts.flags & CERTSHOW_WF_RESULTS) == 0) {
		return keep_error(ctx, w, source, code, message);
	}
	rv = json_begin_item(ctx, w, CERTSHOW__DOC_RESULTS);
	if (rv < 0) {
		return rv;
	}
	certshow__json_error(w->fp, 2, source, code, message);
	w->n_items++;
	return check_fp(ctx, w);
}
