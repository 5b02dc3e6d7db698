/*
 * format.h - internals shared by the output writers (format*.c) and the
 * verification-result renderer (format_result.c). Not installed.
 *
 * JSON documents (contract, see doc/json-schema.md):
 *   dump:   {"format_version": 1, "certificates": [CERT, ...]}
 *   verify: {"format_version": 1, "results": [RESULT, ...]}
 * An input that could not be used is {"source", "error": {"code",
 * "message"}}: a RESULT of a results document (CERTSHOW_WF_RESULTS),
 * else an element of a last "errors" member (certshow_writer_add_error()).
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
	bool finished;           /* certshow_writer_finish() was called */
	/* certshow_writer_set_lint(): a snapshot of the findings as a JSON
	 * object rendered at indent level 0 (owned), for the next JSON
	 * result or the end of a certificates document; NULL when none. */
	char *lint_json;
	/* certshow_writer_add_error() outside a results document: the
	 * error objects rendered at indent level 2, ",\n"-separated, for
	 * the "errors" member certshow_writer_finish() writes; NULL when
	 * none. */
	char *errors_json;
};

/* format.c: the lint snapshot `json` at indent level `ind` (each line
 * after the first moved right by ind levels). */
void certshow__writer_put_lint(FILE *fp, const char *json, unsigned ind);

/* An input that could not be used: {"source": ..., "error": {"code":
 * certshow_error_name(code), "message": ...}} at indent level ind (two
 * spaces a level), without a newline after it; source may be NULL. The
 * one rendering of the writer's and lint's errors. */
void certshow__json_error(FILE *fp, unsigned ind, const char *source, int code,
    const char *message);
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

/* lint.c: findings as a JSON object {"certificates": [...], "findings":
 * [...]} whose members are at indent level ind + 1 (two spaces a level);
 * the opening brace is written where the caller stands, the closing one
 * on its own line at level ind, without a newline after it. */
void certshow__lint_json(FILE *fp, const struct certshow_lint *l,
    unsigned ind);
/* lint.c: the members of that object, "certificates": [...],
 * "findings": [...], each line at indent level ind, from where the
 * caller stands (an indent first) to the closing bracket of
 * "findings" (no newline after it). */
void certshow__lint_json_members(FILE *fp, const struct certshow_lint *l,
    unsigned ind);

/* format_result.c: one RESULT object (doc/json-schema.md) at indent
 * level `ind`, multi-line, without a trailing newline; lint_json (or
 * NULL): a snapshot of findings as certshow_writer_set_lint() renders
 * it (certshow__lint_json() at level 0), the result's last member. */
void certshow__json_result(FILE *fp, const struct certshow_result *r,
    const char *lint_json, unsigned ind);
/* format_result.c: a verification result in the writer's format. */
int certshow__write_result(struct certshow_ctx *ctx, struct certshow_writer *w,
    const struct certshow_chain *chain, const struct certshow_result *res);

/* format_short.c: the short report (CERTSHOW_WF_SUMMARY) of a result:
 * "File:" line, chain, problems, "Checked:" block and verdict. Returns 0
 * or -1 when writing failed. */
int certshow__short_result(struct certshow_writer *w,
    const struct certshow_chain *chain, const struct certshow_result *r);
/* Its pieces, for the short report of a connection (fetch_format.c). */
struct certshow__out;
/* "  I NAME, issuer NAME, KEY, expires DATE (in N days) [TAG]". */
void certshow__short_cert(struct certshow__out *o,
    const struct certshow_cert *c, size_t i, int64_t now, const char *tag);
/* "Chain:" and one line per element of r's path. */
void
certshow__short_path(struct certshow__out *o, const struct certshow_result *r);
/* One problem line ("  - [TAG] MSG SUFFIX"), preceded by "Problems:"
 * when it is the first (*n counts them); _begin writes only the
 * heading and "  - ". */
void certshow__short_problem_begin(struct certshow__out *o, unsigned *n);
void certshow__short_problem(struct certshow__out *o, unsigned *n,
    const char *tag, const char *msg, const char *suffix);
/* The problems of r's path (verdict flags, warnings, notes) and its
 * missing issuer. */
void certshow__short_result_problems(struct certshow__out *o, unsigned *n,
    const struct certshow_result *r);
/* The "Checked:" block, each line prefixed by `ind`. */
void certshow__short_checked(struct certshow__out *o,
    const struct certshow_result *r, const char *ind);
/* "Verdict: ..." (r NULL: "not verified"), green, red or yellow when
 * `color`. */
void certshow__short_verdict(struct certshow__out *o,
    const struct certshow_result *r, bool color);
/* JSON names: revocation source bit ("staple", ...; NULL for others),
 * peer kind ("dns", "ip", "email", "none"), purpose ("server", "client",
 * "any", "oid"). */
const char *certshow__checked_rev_name(unsigned bit);
const char *certshow__peer_kind_name(enum certshow_peer_kind k);
const char *certshow__purpose_name(enum certshow_purpose p);

/* ------------------------------------------------------------------ */
/* Buffered output shared by the writers. Each top-level call (one     */
/* certificate, one string) fills a buffer on the stack and hands it   */
/* to fp with fwrite() when full and at the end, so there is no        */
/* per-character stdio call and callers may mix it with their own      */
/* writes to fp between calls.                                          */
/* ------------------------------------------------------------------ */

#define CERTSHOW__OUT_SIZE 16384

struct certshow__out {
	FILE *fp;
	size_t n;
	bool failed;             /* fwrite() to fp failed */
	char buf[CERTSHOW__OUT_SIZE];
};

void certshow__out_init(struct certshow__out *o, FILE *fp);
/* Hand the buffered bytes to fp; returns 0 or -1 when a write failed
 * (now or earlier). */
int certshow__out_flush(struct certshow__out *o);
void certshow__out_write(struct certshow__out *o, const void *p, size_t len);
void certshow__out_puts(struct certshow__out *o, const char *s);
void certshow__out_printf(struct certshow__out *o, const char *fmt, ...)
    CERTSHOW__PRINTF(2, 3);
/* Lowercase hex of bytes (sep 0: none, else that separator between
 * octets, uppercase). */
void certshow__out_hex(struct certshow__out *o, const uint8_t *p, size_t len,
    char sep);
/* Decimal integer. */
void certshow__out_int(struct certshow__out *o, long long v);
void certshow__out_base64(struct certshow__out *o, const uint8_t *p,
    size_t len);
static inline void
certshow__out_putc(struct certshow__out *o, char ch)
{
	if (o->n == sizeof(o->buf)) {
		certshow__out_flush(o);
	}
	o->buf[o->n++] = ch;
}

/* One UTF-8 sequence at p (RFC 3629: no overlong forms, no surrogates,
 * nothing above U+10FFFF): returns its length and sets *cp, or returns 0
 * when the bytes at p do not start a valid sequence. */
size_t certshow__utf8_decode(const uint8_t *p, size_t len, uint32_t *cp);
/* Name of an ASN.1 string type tag ("UTF8String"), or NULL. */
const char *certshow__str_tag_name(unsigned tag);

/* Shared renderings (format.c). */
/* "2016-09-09T12:00:00Z" (iso 1) or "2016-09-09 12:00:00 UTC" (iso 0);
 * buf needs 32 bytes. */
void certshow__fmt_time(char *buf, size_t size, int64_t t, int iso);
/* An iPAddress general name: 4/16 bytes as an address (IPv6 in RFC 5952
 * form), 8/32 bytes (name constraints) as "address/prefix" or
 * "address/mask" when the mask is not contiguous; other lengths as hex.
 * buf needs 100 bytes. */
void certshow__fmt_ip(char *buf, size_t size, const uint8_t *p, size_t len);
/* Names of key usage bit i (RFC 5280 4.2.1.3), NULL past the end. */
const char *certshow__ku_name(unsigned bit);
/* Name of a well-known extended key usage / policy OID, or NULL. */
const char *certshow__eku_name(const char *oid);
const char *certshow__policy_name(const char *oid);
/* Why an SCT could not be read (an unknown version), or NULL when its
 * log ID and timestamp are valid. */
const char *certshow__sct_error(const struct certshow__sct *s);
/* Name of a policy qualifier type ("cps", "unotice"), or NULL. */
const char *certshow__pqual_name(const char *oid);
/* Label of a general name type ("DNS", "IP", "email", ...). */
const char *certshow__gn_label(enum certshow_gn_type type);

/* Out-buffer variants of the writers above, for renderers that compose
 * larger documents (the verify result writer, for instance). */
void certshow__json_string_out(struct certshow__out *o, const char *p,
    size_t len);
/* opts (may be NULL): CERTSHOW_WF_DAYS_LEFT adds "days_left" to
 * "validity", counted from opts->now. */
void
certshow__json_cert_out(struct certshow__out *o, const struct certshow_cert *c,
    unsigned indent, const struct certshow_write_opts *opts);
void certshow__text_string_out(struct certshow__out *o, const char *p,
    size_t len);
void certshow__text_cert_out(struct certshow__out *o,
    const struct certshow_cert *c, size_t pos,
    const struct certshow_write_opts *opts);

/* Python: the dict that ssl.SSLSocket.getpeercert() returns for the
 * certificate, printed as pprint.pprint() prints it (width 80), with a
 * final newline. Returns 1 when Python itself could not decode this
 * certificate (for instance invalid UTF-8 in a string, where the ssl
 * module raises): the output is then our best rendering (invalid bytes
 * as lone surrogates \udcXX, as errors="surrogateescape" would give),
 * still a valid Python literal. Returns 0 otherwise. */
int certshow__pydict_cert(FILE *fp, const struct certshow_cert *c);
/* repr() of a Python str holding these UTF-8 bytes (invalid bytes as
 * lone surrogates \udcXX), exactly as Python prints it. */
void certshow__py_str_repr(FILE *fp, const char *p, size_t len);

/* JSON documents from a writer: the writer writes the document's
 * opening, the separators between items (",\n") and the closing; an
 * item (certificate or result) is an object written at indent level 2
 * (four spaces) without a trailing newline. certshow__write_result() is
 * called after the separator and must write exactly one such object for
 * JSON; for the other formats it writes its own block. */

#endif
