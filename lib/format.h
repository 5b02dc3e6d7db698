/*
 * format.h - internals shared by the output writers (format*.c) and the
 * verification-result renderer (format_result.c). Not installed.
 *
 * JSON documents (contract, see doc/json-schema.md):
 *   dump:   {"format_version": 1, "certificates": [CERT, ...]}
 *   verify: {"format_version": 1, "results": [RESULT, ...]}
 * The writer opens the document at the first item and picks the array by
 * the kind of that item; mixing certificates and results in one writer is
 * CERTSHOW_E_INVAL.
 */
#ifndef CERTSHOW_FORMAT_H
#define CERTSHOW_FORMAT_H

#include "internal.h"

#include <stdio.h>

enum certshow__doc_kind {
	CERTSHOW__DOC_NONE = 0,
	CERTSHOW__DOC_CERTS,
	CERTSHOW__DOC_RESULTS
};

struct certshow_writer {
	FILE *fp;
	enum certshow_format fmt;
	struct certshow_write_opts opts;
	enum certshow__doc_kind kind;
	size_t n_items;          /* items written so far */
	bool failed;             /* a write to fp failed */
};

/* JSON string literal (with quotes) for bytes that may hold NUL, control
 * characters or invalid UTF-8 (invalid bytes become \u00XX of the byte's
 * Latin-1 reading, so the output is always valid JSON and UTF-8). */
void certshow__json_string(FILE *fp, const char *p, size_t len);
/* One certificate as a JSON object at the given indent level. */
void certshow__json_cert(FILE *fp, const struct certshow_cert *c,
    unsigned indent);
/* Text for humans: bytes with control characters, escape sequences and
 * invalid UTF-8 neutralised (shown as \xNN), so a certificate cannot
 * control the terminal. */
void certshow__text_string(FILE *fp, const char *p, size_t len);
/* One certificate as a human-readable block; `pos` is its chain position
 * (printed as "Certificate #pos"). */
void certshow__text_cert(FILE *fp, const struct certshow_cert *c, size_t pos,
    const struct certshow_write_opts *opts);
/* One certificate as PEM. */
void certshow__pem_cert(FILE *fp, const struct certshow_cert *c);

/* format_result.c: a verification result in the writer's format. */
int certshow__write_result(struct certshow_ctx *ctx, struct certshow_writer *w,
    const struct certshow_chain *chain, const struct certshow_result *res);

#endif
