/* check_pem.c - certificate input (lib/pem.c) and time parsing (util.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "testutil.h"

#define MAX_EVENTS 64

/* What a reader produced: one character per call ('C' certificate, 'E'
 * error), the error codes and messages, and each certificate's DER. */
struct events {
	char seq[MAX_EVENTS + 1];
	int codes[MAX_EVENTS];
	char msgs[MAX_EVENTS][CERTSHOW__ERRBUF];
	size_t n_err;
	size_t n_cert;
	uint8_t *der[MAX_EVENTS];
	size_t der_len[MAX_EVENTS];
	size_t index[MAX_EVENTS];
	char source[MAX_EVENTS][1024];
};

static void
drain(struct certshow_ctx *ctx, struct certshow_reader *r, struct events *ev)
{
	struct certshow_cert *c;
	const uint8_t *der;
	size_t n = 0, len;
	int rv;

	memset(ev, 0, sizeof(*ev));
	for (;;) {
		ck_assert_msg(n < MAX_EVENTS, "reader does not end");
		rv = certshow_reader_next(ctx, r, &c);
		if (rv == 0 && c == NULL) {
			break;
		}
		if (rv < 0) {
			ck_assert_ptr_null(c);
			ev->seq[n++] = 'E';
			ev->codes[ev->n_err] = rv;
			snprintf(ev->msgs[ev->n_err], CERTSHOW__ERRBUF, "%s",
			    certshow_ctx_error(ctx));
			ck_assert_int_eq(certshow__ctx_error_code(ctx), rv);
			ev->n_err++;
			continue;
		}
		ck_assert_int_eq(rv, 0);
		ck_assert_ptr_nonnull(c);
		ev->seq[n++] = 'C';
		der = certshow_cert_raw(c, CERTSHOW_RAW_DER, &len);
		ev->der[ev->n_cert] = malloc(len);
		ck_assert_ptr_nonnull(ev->der[ev->n_cert]);
		memcpy(ev->der[ev->n_cert], der, len);
		ev->der_len[ev->n_cert] = len;
		ev->index[ev->n_cert] = test_source_index(c);
		snprintf(ev->source[ev->n_cert], sizeof(ev->source[0]), "%s",
		    certshow_cert_source(c, NULL));
		ev->n_cert++;
		certshow_cert_free(c);
	}
	/* The end is sticky. */
	ck_assert_int_eq(certshow_reader_next(ctx, r, &c), 0);
	ck_assert_ptr_null(c);
}

static void
events_free(struct events *ev)
{
	size_t i;

	for (i = 0; i < ev->n_cert; i++) {
		free(ev->der[i]);
	}
}

/* Drain the fixture data/load/NAME through a memory reader named NAME. */
static void
drain_fixture_mem(struct certshow_ctx *ctx, const char *name,
    struct events *ev)
{
	char rel[128];
	struct certshow_reader *r;
	uint8_t *data;
	size_t len;

	snprintf(rel, sizeof(rel), "load/%s", name);
	data = test_read_file(test_data_path(rel), &len);
	ck_assert_int_eq(certshow_reader_open_mem(ctx, &r, data, len, name),
	    0);
	drain(ctx, r, ev);
	certshow_reader_free(r);
	free(data);
}

static void
drain_mem(struct certshow_ctx *ctx, const char *text, struct events *ev)
{
	struct certshow_reader *r;

	ck_assert_int_eq(certshow_reader_open_mem(ctx, &r,
	    (const uint8_t *)text, strlen(text), "in.pem"), 0);
	drain(ctx, r, ev);
	certshow_reader_free(r);
}

/* DER of the first certificate of a fixture. */
static uint8_t *
fixture_der(const char *name, size_t *len)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct events ev;
	uint8_t *der;
	size_t i;

	ck_assert_ptr_nonnull(ctx);
	drain_fixture_mem(ctx, name, &ev);
	ck_assert_uint_ge(ev.n_cert, 1);
	der = ev.der[0];
	*len = ev.der_len[0];
	for (i = 1; i < ev.n_cert; i++) {
		free(ev.der[i]);
	}
	certshow_ctx_free(ctx);
	return der;
}

/* ------------------------------------------------------------------ */
/* Fixtures: sequence of results and the exact first error message.      */
/* ------------------------------------------------------------------ */

struct fixture_row {
	const char *file;
	const char *seq;
	int code;            /* of the first error */
	const char *msg;     /* exact first error message, or NULL */
};

static const struct fixture_row fixture_rows[] = {
	{ "leaf.pem", "C", 0, NULL },
	{ "chain.pem", "CCC", 0, NULL },
	{ "text-around.pem", "CC", 0, NULL },
	{ "crlf.pem", "CCC", 0, NULL },
	{ "trusted.pem", "C", 0, NULL },
	{ "chain.p7.pem", "CCC", 0, NULL },
	{ "chain.p7b", "CCC", 0, NULL },
	{ "leaf.der", "C", 0, NULL },
	{ "empty.pem", "E", CERTSHOW_E_PARSE, "empty.pem: empty input" },
	{ "blank.pem", "E", CERTSHOW_E_PARSE,
	    "blank.pem: no certificate found (only whitespace)" },
	{ "garbage.bin", "E", CERTSHOW_E_PARSE,
	    "garbage.bin: no certificate found (no PEM BEGIN line, and not "
	    "DER)" },
	{ "key-only.pem", "E", CERTSHOW_E_PARSE,
	    "key-only.pem: no certificate found (skipped 1 PEM block, the "
	    "first is PRIVATE KEY at line 1)" },
	{ "bad-base64.pem", "E", CERTSHOW_E_PARSE,
	    "bad-base64.pem: certificate #0: bad base64 at line 3: "
	    "unexpected character '!'" },
	{ "missing-end.pem", "EC", CERTSHOW_E_PARSE,
	    "missing-end.pem: certificate #0: missing END line for BEGIN "
	    "CERTIFICATE at line 1 (BEGIN CERTIFICATE at line 12)" },
	{ "truncated.pem", "CE", CERTSHOW_E_PARSE,
	    "truncated.pem: certificate #1: missing END line for BEGIN "
	    "CERTIFICATE at line 13 (end of input)" },
	{ "der-trailing.der", "E", CERTSHOW_E_PARSE,
	    "der-trailing.der: trailing data after the DER certificate at "
	    "byte offset 433" },
};

START_TEST(test_fixture)
{
	const struct fixture_row *row = &fixture_rows[_i];
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct events ev;

	ck_assert_ptr_nonnull(ctx);
	drain_fixture_mem(ctx, row->file, &ev);
	ck_assert_msg(strcmp(ev.seq, row->seq) == 0,
	    "row %d (%s): got '%s' want '%s' (%s)", _i, row->file, ev.seq,
	    row->seq, ev.n_err ? ev.msgs[0] : "");
	if (row->code != 0) {
		ck_assert_msg(ev.codes[0] == row->code,
		    "row %d (%s): code %d want %d", _i, row->file, ev.codes[0],
		    row->code);
	}
	if (row->msg != NULL) {
		ck_assert_str_eq(ev.msgs[0], row->msg);
	}
	events_free(&ev);
	certshow_ctx_free(ctx);
}
END_TEST

/* The same fixtures through the file reader: same results, and the
 * source name is the path. */
START_TEST(test_fixture_file)
{
	const struct fixture_row *row = &fixture_rows[_i];
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_reader *r;
	struct events ev;
	char rel[128], path[4096];

	snprintf(rel, sizeof(rel), "load/%s", row->file);
	snprintf(path, sizeof(path), "%s", test_data_path(rel));
	ck_assert_int_eq(certshow_reader_open_file(ctx, &r, path), 0);
	drain(ctx, r, &ev);
	certshow_reader_free(r);
	ck_assert_msg(strcmp(ev.seq, row->seq) == 0,
	    "row %d (%s): got '%s' want '%s'", _i, row->file, ev.seq,
	    row->seq);
	if (ev.n_cert > 0) {
		ck_assert_str_eq(ev.source[0], path);
	}
	if (row->msg != NULL) {
		/* The message names the path instead of the bare name. */
		ck_assert_msg(strncmp(ev.msgs[0], path, strlen(path)) == 0 &&
		    strcmp(ev.msgs[0] + strlen(path),
		    row->msg + strlen(row->file)) == 0,
		    "row %d: '%s'", _i, ev.msgs[0]);
	}
	events_free(&ev);
	certshow_ctx_free(ctx);
}
END_TEST

/* Every format yields the same certificates, in order, with indexes. */
START_TEST(test_same_certs)
{
	static const char *const files[] = {
		"chain.pem", "crlf.pem", "chain.p7.pem", "chain.p7b"
	};
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct events ref, ev;
	size_t f, i;

	drain_fixture_mem(ctx, "chain.pem", &ref);
	ck_assert_uint_eq(ref.n_cert, 3);
	for (f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		drain_fixture_mem(ctx, files[f], &ev);
		ck_assert_uint_eq(ev.n_cert, 3);
		for (i = 0; i < 3; i++) {
			ck_assert_uint_eq(ev.index[i], i);
			ck_assert_str_eq(ev.source[i], files[f]);
			ck_assert_uint_eq(ev.der_len[i], ref.der_len[i]);
			ck_assert_msg(memcmp(ev.der[i], ref.der[i],
			    ref.der_len[i]) == 0, "%s: certificate %zu differs",
			    files[f], i);
		}
		events_free(&ev);
	}
	events_free(&ref);
	certshow_ctx_free(ctx);
}
END_TEST

struct der_row {
	const char *what;
	uint8_t in[8];
	size_t len;
	const char *msg;
};

static const struct der_row der_rows[] = {
	{ "indefinite length", { 0x30, 0x80, 0x30, 0x00, 0x00, 0x00 }, 6,
	    "d: indefinite length (BER) at byte offset 1: DER required" },
	{ "header cut", { 0x30, 0x82, 0x01 }, 3,
	    "d: truncated DER: 3 bytes" },
	{ "contents cut", { 0x30, 0x81, 0x90, 0x30, 0x00 }, 5,
	    "d: truncated DER: the header announces 147 bytes, the input has "
	    "5" },
	/* Short-form length: too short for a certificate, so text. */
	{ "short form", { 0x30, 0x03, 0x02, 0x01, 0x00 }, 5,
	    "d: no certificate found (no PEM BEGIN line, and not DER)" },
};

START_TEST(test_der_errors)
{
	const struct der_row *row = &der_rows[_i];
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_reader *r;
	struct events ev;

	ck_assert_int_eq(certshow_reader_open_mem(ctx, &r, row->in, row->len,
	    "d"), 0);
	drain(ctx, r, &ev);
	certshow_reader_free(r);
	ck_assert_msg(strcmp(ev.seq, "E") == 0, "row %d (%s): '%s'", _i,
	    row->what, ev.seq);
	ck_assert_int_eq(ev.codes[0], CERTSHOW_E_PARSE);
	ck_assert_str_eq(ev.msgs[0], row->msg);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_trusted_and_der)
{
	uint8_t *a, *b;
	size_t alen, blen;

	/* TRUSTED CERTIFICATE yields the certificate without the aux. */
	a = fixture_der("trusted.pem", &alen);
	b = fixture_der("ca.pem", &blen);
	ck_assert_uint_eq(alen, blen);
	ck_assert_mem_eq(a, b, alen);
	free(a);
	free(b);
	/* DER and PEM of the same certificate agree. */
	a = fixture_der("leaf.der", &alen);
	b = fixture_der("leaf.pem", &blen);
	ck_assert_uint_eq(alen, blen);
	ck_assert_mem_eq(a, b, alen);
	free(a);
	free(b);
	/* text-around.pem: the private key between blocks is skipped. */
	a = fixture_der("text-around.pem", &alen);
	b = fixture_der("leaf.der", &blen);
	ck_assert_mem_eq(a, b, blen);
	free(a);
	free(b);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Synthesised PEM defects                                              */
/* ------------------------------------------------------------------ */

/* PEM text of leaf.der with optional edits, built per test. */
static char *
leaf_pem(const char *before, const char *label, const char *headers,
    const uint8_t *extra, size_t extra_len, const char *after)
{
	static const char t[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	uint8_t *der, *all;
	size_t len, n, i, col = 0, o = 0;
	char *out;

	der = fixture_der("leaf.der", &len);
	n = len + extra_len;
	all = malloc(n);
	ck_assert_ptr_nonnull(all);
	memcpy(all, der, len);
	if (extra_len > 0) {
		memcpy(all + len, extra, extra_len);
	}
	free(der);
	out = malloc(4096 + strlen(before) + strlen(after));
	ck_assert_ptr_nonnull(out);
	o += (size_t)sprintf(out + o, "%s-----BEGIN %s-----\n%s", before,
	    label, headers);
	for (i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)all[i] << 16;

		v |= i + 1 < n ? (uint32_t)all[i + 1] << 8 : 0;
		v |= i + 2 < n ? all[i + 2] : 0;
		out[o++] = t[v >> 18 & 63];
		out[o++] = t[v >> 12 & 63];
		out[o++] = i + 1 < n ? t[v >> 6 & 63] : '=';
		out[o++] = i + 2 < n ? t[v & 63] : '=';
		col += 4;
		if (col == 64) {
			out[o++] = '\n';
			col = 0;
		}
	}
	if (col != 0) {
		out[o++] = '\n';
	}
	o += (size_t)sprintf(out + o, "-----END %s-----\n%s", label, after);
	free(all);
	return out;
}

START_TEST(test_pem_lax)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct events ev;
	char *pem;

	/* RFC 1421 headers, indentation, BOM, no final newline. */
	pem = leaf_pem("\xEF\xBB\xBF", "X509 CERTIFICATE",
	    "Proc-Type: 4,NONE\n\n", NULL, 0, "");
	drain_mem(ctx, pem, &ev);
	ck_assert_str_eq(ev.seq, "C");
	events_free(&ev);
	pem[strlen(pem) - 1] = '\0';
	drain_mem(ctx, pem, &ev);
	ck_assert_str_eq(ev.seq, "C");
	events_free(&ev);
	free(pem);
	pem = leaf_pem("  ", "CERTIFICATE", "", NULL, 0, "");
	drain_mem(ctx, pem, &ev);
	ck_assert_str_eq(ev.seq, "C");
	events_free(&ev);
	free(pem);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_trailing_in_block)
{
	static const uint8_t two[] = { 0, 0 };
	static const uint8_t junk[] = { 0x04, 0x01, 0x00 };
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct events ev;
	char *pem;

	pem = leaf_pem("", "CERTIFICATE", "", two, 2, "");
	drain_mem(ctx, pem, &ev);
	ck_assert_str_eq(ev.seq, "E");
	ck_assert_int_eq(ev.codes[0], CERTSHOW_E_PARSE);
	ck_assert_str_eq(ev.msgs[0], "in.pem: certificate #0: 2 bytes of "
	    "trailing data after the certificate at byte offset 433 (PEM "
	    "block at line 1)");
	free(pem);
	/* TRUSTED CERTIFICATE: what follows must be one aux SEQUENCE. */
	pem = leaf_pem("", "TRUSTED CERTIFICATE", "", junk, 3, "");
	drain_mem(ctx, pem, &ev);
	ck_assert_str_eq(ev.seq, "E");
	ck_assert_str_eq(ev.msgs[0], "in.pem: certificate #0: data after the "
	    "certificate at byte offset 433 is not an OpenSSL aux SEQUENCE "
	    "(PEM block at line 1)");
	free(pem);
	certshow_ctx_free(ctx);
}
END_TEST

struct b64_row {
	const char *text;
	const char *seq;
	const char *msg;
};

static const struct b64_row b64_rows[] = {
	{ "-----BEGIN CERTIFICATE-----\nMII=A\n-----END CERTIFICATE-----\n",
	    "E", "in.pem: certificate #0: bad base64 at line 2: data after "
	    "padding" },
	{ "-----BEGIN CERTIFICATE-----\nM===\n-----END CERTIFICATE-----\n",
	    "E", "in.pem: certificate #0: bad base64 at line 2: misplaced "
	    "padding" },
	{ "-----BEGIN CERTIFICATE-----\nMIIBr\n-----END CERTIFICATE-----\n",
	    "E", "in.pem: certificate #0: bad base64 at line 2: incomplete "
	    "final group" },
	{ "-----BEGIN CERTIFICATE-----\nMII\x01\n-----END CERTIFICATE-----\n",
	    "E", "in.pem: certificate #0: bad base64 at line 2: unexpected "
	    "byte 0x01" },
	{ "-----BEGIN CERTIFICATE-----\n\n-----END CERTIFICATE-----\n",
	    "E", "in.pem: certificate #0: empty PEM block at line 1" },
	{ "-----BEGIN CERTIFICATE-----\nMIIB\n-----END X509 CRL-----\n",
	    "E", "in.pem: certificate #0: END line at line 3 does not match "
	    "BEGIN CERTIFICATE at line 1" },
	{ "-----BEGIN PRIVATE KEY-----\nAAAA\n", "E",
	    "in.pem: BEGIN PRIVATE KEY at line 1 has no END line (end of "
	    "input)" },
	{ "-----BEGIN PKCS7-----\nAAAA\n", "E",
	    "in.pem: PKCS#7 block at line 1: missing END line for BEGIN PKCS7 "
	    "at line 1 (end of input)" },
	/* The DER of one byte-string is not a certificate; the decoder's
	 * own message varies, the prefix and suffix do not. */
	{ "-----BEGIN CERTIFICATE-----\nBAEA\n-----END CERTIFICATE-----\n",
	    "E", NULL },
	/* PKCS#7 whose content type is id-data (1.2.840.113549.1.7.1). */
	{ "-----BEGIN PKCS7-----\nMAsGCSqGSIb3DQEHAQ==\n-----END PKCS7-----\n",
	    "E", "in.pem: PKCS#7 content type 1.2.840.113549.1.7.1 is not "
	    "signedData (PEM block at line 1)" },
	{ "-----BEGIN PKCS7-----\nMAMCAQA=\n-----END PKCS7-----\n",
	    "E", "in.pem: malformed PKCS#7 bundle (PEM block at line 1): "
	    "contentType: unexpected tag at byte offset 2" },
};

START_TEST(test_b64)
{
	const struct b64_row *row = &b64_rows[_i];
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct events ev;

	drain_mem(ctx, row->text, &ev);
	ck_assert_msg(strcmp(ev.seq, row->seq) == 0, "row %d: got '%s' (%s)",
	    _i, ev.seq, ev.msgs[0]);
	if (row->msg != NULL) {
		ck_assert_str_eq(ev.msgs[0], row->msg);
	} else {
		ck_assert_int_eq(ev.codes[0], CERTSHOW_E_PARSE);
		ck_assert_msg(strncmp(ev.msgs[0], "in.pem: certificate #0: ",
		    24) == 0, "row %d: '%s'", _i, ev.msgs[0]);
		ck_assert_msg(strstr(ev.msgs[0], " (PEM block at line 1)") !=
		    NULL, "row %d: '%s'", _i, ev.msgs[0]);
	}
	events_free(&ev);
	certshow_ctx_free(ctx);
}
END_TEST

/* pem.c's block iterator (CRLs strict, the ASN.1 view and lint lenient)
 * decodes with the reader's base64 line decoder: the same defect gets the
 * same words from all three; lenient cuts the block there and keeps the
 * bytes decoded before it. */
struct iter_row {
	const char *b64;      /* the block's one base64 line */
	const char *detail;   /* the reader's message after its prefix */
	size_t off;           /* byte offset of the bad byte, 0: none */
	size_t lenient_len;   /* bytes the lenient mode keeps */
};

static const struct iter_row iter_rows[] = {
	{ "MII=A", "bad base64 at line 2: data after padding", 32, 2 },
	{ "M===", "bad base64 at line 2: misplaced padding", 29, 0 },
	{ "MIIBr", "bad base64 at line 2: incomplete final group", 0, 3 },
	{ "MII\x01", "bad base64 at line 2: unexpected byte 0x01", 31, 2 },
	{ "MI!I", "bad base64 at line 2: unexpected character '!'", 30, 1 },
};

START_TEST(test_iter_defects)
{
	const struct iter_row *row = &iter_rows[_i];
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow__pem_iter it;
	struct certshow__pem_block b;
	char text[200], want[300], off[40];
	struct events ev;
	size_t len;

	len = (size_t)snprintf(text, sizeof(text), "-----BEGIN CERTIFICATE-----"
	    "\n%s\n-----END CERTIFICATE-----\n", row->b64);
	off[0] = '\0';
	if (row->off != 0) {
		snprintf(off, sizeof(off), " (byte offset %zu)", row->off);
	}
	/* The reader. */
	drain_mem(ctx, text, &ev);
	ck_assert_str_eq(ev.seq, "E");
	snprintf(want, sizeof(want), "in.pem: certificate #0: %s",
	    row->detail);
	ck_assert_str_eq(ev.msgs[0], want);
	events_free(&ev);
	/* Strict: an error naming the input, the block and the line. */
	certshow__pem_iter_init(&it, (const uint8_t *)text, len, "in.pem",
	    "CERTIFICATE", "CRL", true);
	ck_assert_int_eq(certshow__pem_next_block(ctx, &it, &b),
	    CERTSHOW_E_PARSE);
	snprintf(want, sizeof(want), "in.pem: CRL 1 (BEGIN CERTIFICATE at "
	    "line 1): %s%s", row->detail, off);
	ck_assert_str_eq(certshow_ctx_error(ctx), want);
	ck_assert_int_eq(certshow__pem_next_block(ctx, &it, &b), 0);
	certshow__pem_iter_free(&it);
	/* Lenient: the block, cut, with the problem. */
	certshow__pem_iter_init(&it, (const uint8_t *)text, len, NULL, NULL,
	    NULL, false);
	ck_assert_int_eq(certshow__pem_next_block(ctx, &it, &b), 1);
	ck_assert_str_eq(b.label, "CERTIFICATE");
	ck_assert_uint_eq(b.der_len, row->lenient_len);
	snprintf(want, sizeof(want), "block 1 (BEGIN CERTIFICATE at line 1, "
	    "byte offset 0): %s%s%s", row->detail, off, row->off != 0 ?
	    "; the block is cut there" : "");
	ck_assert_str_eq(b.problem, want);
	ck_assert_int_eq(certshow__pem_next_block(ctx, &it, &b), 0);
	certshow__pem_iter_free(&it);
	certshow_ctx_free(ctx);
}
END_TEST

/* Valid input: the reader, the strict and the lenient iterator give the
 * same DER (headers, BOM, indentation, other blocks around). */
START_TEST(test_iter_same_der)
{
	static const char *const before[] = {
		"", "\xEF\xBB\xBF", "text\n-----BEGIN X-----\nAAAA\n"
		    "-----END X-----\n", "  "
	};
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow__pem_iter it;
	struct certshow__pem_block b;
	struct events ev;
	unsigned mode;
	char *pem;
	size_t len;

	pem = leaf_pem(before[_i], "CERTIFICATE", _i == 1 ?
	    "Proc-Type: 4,NONE\n\n" : "", NULL, 0, "");
	len = strlen(pem);
	drain_mem(ctx, pem, &ev);
	ck_assert_str_eq(ev.seq, "C");
	ck_assert_uint_eq(ev.der_len[0], 433);
	for (mode = 0; mode < 2; mode++) {
		certshow__pem_iter_init(&it, (const uint8_t *)pem, len, "in.pem",
		    "CERTIFICATE", "block", mode == 0);
		ck_assert_int_eq(certshow__pem_next_block(ctx, &it, &b), 1);
		ck_assert_str_eq(b.label, "CERTIFICATE");
		ck_assert_uint_eq(b.index, 0);
		ck_assert_uint_eq(b.line, _i == 2 ? 5 : 1);
		ck_assert_str_eq(b.problem, "");
		ck_assert_uint_eq(b.der_len, ev.der_len[0]);
		ck_assert_mem_eq(b.der, ev.der[0], b.der_len);
		ck_assert_int_eq(certshow__pem_next_block(ctx, &it, &b), 0);
		certshow__pem_iter_free(&it);
	}
	events_free(&ev);
	free(pem);
	certshow_ctx_free(ctx);
}
END_TEST

/* Block structure: a missing END, a mismatched END. */
START_TEST(test_iter_structure)
{
	static const char open[] = "-----BEGIN A-----\nMAA=\n"
	    "-----BEGIN B-----\nBAFh\n-----END B-----\n";
	static const char wrong[] = "-----BEGIN A-----\nMAA=\n"
	    "-----END B-----\n";
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow__pem_iter it;
	struct certshow__pem_block b;

	certshow__pem_iter_init(&it, (const uint8_t *)open, sizeof(open) - 1,
	    "x.pem", NULL, "CRL", true);
	ck_assert_int_eq(certshow__pem_next_block(ctx, &it, &b),
	    CERTSHOW_E_PARSE);
	ck_assert_str_eq(certshow_ctx_error(ctx), "x.pem: CRL 1 (BEGIN A at "
	    "line 1): no END line (BEGIN B at line 3)");
	certshow__pem_iter_free(&it);
	/* Lenient: A ends where B begins; B is whole. */
	certshow__pem_iter_init(&it, (const uint8_t *)open, sizeof(open) - 1,
	    NULL, NULL, NULL, false);
	ck_assert_int_eq(certshow__pem_next_block(ctx, &it, &b), 1);
	ck_assert_str_eq(b.label, "A");
	ck_assert_uint_eq(b.der_len, 2);
	ck_assert_str_eq(b.problem, "block 1 (BEGIN A at line 1, byte offset "
	    "0): no END line (BEGIN B at line 3)");
	ck_assert_int_eq(certshow__pem_next_block(ctx, &it, &b), 1);
	ck_assert_str_eq(b.label, "B");
	ck_assert_uint_eq(b.index, 1);
	ck_assert_uint_eq(b.offset, 23);
	ck_assert_uint_eq(b.der_len, 3);
	ck_assert_str_eq(b.problem, "");
	ck_assert_int_eq(certshow__pem_next_block(ctx, &it, &b), 0);
	certshow__pem_iter_free(&it);
	/* Only the wanted label: A is skipped, B is returned. */
	certshow__pem_iter_init(&it, (const uint8_t *)open + 23,
	    sizeof(open) - 24, "x.pem", "B", "CRL", true);
	ck_assert_int_eq(certshow__pem_next_block(ctx, &it, &b), 1);
	ck_assert_uint_eq(b.der_len, 3);
	ck_assert_int_eq(certshow__pem_next_block(ctx, &it, &b), 0);
	certshow__pem_iter_free(&it);
	certshow__pem_iter_init(&it, (const uint8_t *)wrong, sizeof(wrong) - 1,
	    "x.pem", NULL, "CRL", true);
	ck_assert_int_eq(certshow__pem_next_block(ctx, &it, &b),
	    CERTSHOW_E_PARSE);
	ck_assert_str_eq(certshow_ctx_error(ctx), "x.pem: CRL 1 (BEGIN A at "
	    "line 1): END line at line 3 does not match BEGIN A");
	certshow__pem_iter_free(&it);
	certshow_ctx_free(ctx);
}
END_TEST

/* After a bad block the reader goes on, and indexes keep counting. */
START_TEST(test_continue_after_error)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct events ev;
	char *good, *text;

	good = leaf_pem("", "CERTIFICATE", "", NULL, 0, "");
	text = malloc(2 * strlen(good) + 200);
	ck_assert_ptr_nonnull(text);
	sprintf(text, "%s-----BEGIN CERTIFICATE-----\n!!!!\n"
	    "-----END CERTIFICATE-----\n%s", good, good);
	drain_mem(ctx, text, &ev);
	ck_assert_str_eq(ev.seq, "CEC");
	ck_assert_uint_eq(ev.index[0], 0);
	ck_assert_uint_eq(ev.index[1], 2);
	ck_assert_str_eq(ev.msgs[0], "in.pem: certificate #1: bad base64 at "
	    "line 14: unexpected character '!'");
	events_free(&ev);
	free(text);
	free(good);
	certshow_ctx_free(ctx);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Limits                                                               */
/* ------------------------------------------------------------------ */

START_TEST(test_limit_cert_size)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct events ev;

	/* chain.pem: 433, 394 and 353 bytes. */
	ck_assert_int_eq(certshow_ctx_set_limit(ctx, CERTSHOW_LIMIT_CERT_SIZE,
	    400), 0);
	drain_fixture_mem(ctx, "chain.pem", &ev);
	ck_assert_str_eq(ev.seq, "ECC");
	ck_assert_int_eq(ev.codes[0], CERTSHOW_E_LIMIT);
	ck_assert_str_eq(ev.msgs[0], "chain.pem: certificate #0: larger than "
	    "the certificate size limit (400 bytes) (PEM block at line 1)");
	ck_assert_uint_eq(ev.index[0], 1);
	events_free(&ev);
	drain_fixture_mem(ctx, "chain.p7b", &ev);
	ck_assert_str_eq(ev.seq, "ECC");
	ck_assert_int_eq(ev.codes[0], CERTSHOW_E_LIMIT);
	ck_assert_str_eq(ev.msgs[0], "chain.p7b: certificate #0: 433 bytes, "
	    "larger than the certificate size limit (400 bytes) (in the "
	    "PKCS#7 bundle)");
	events_free(&ev);
	drain_fixture_mem(ctx, "leaf.der", &ev);
	ck_assert_str_eq(ev.seq, "E");
	ck_assert_int_eq(ev.codes[0], CERTSHOW_E_LIMIT);
	ck_assert_str_eq(ev.msgs[0], "leaf.der: certificate #0: 433 bytes, "
	    "larger than the certificate size limit (400 bytes)");
	events_free(&ev);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_limit_count)
{
	static const char *const files[] = {
		"chain.pem", "chain.p7.pem", "chain.p7b"
	};
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct events ev;
	char want[128];
	size_t i;

	ck_assert_int_eq(certshow_ctx_set_limit(ctx, CERTSHOW_LIMIT_CERTS, 2),
	    0);
	for (i = 0; i < 3; i++) {
		drain_fixture_mem(ctx, files[i], &ev);
		ck_assert_str_eq(ev.seq, "CCE");
		ck_assert_int_eq(ev.codes[0], CERTSHOW_E_LIMIT);
		snprintf(want, sizeof(want), "%s: more than 2 certificates "
		    "(certificate count limit)", files[i]);
		ck_assert_str_eq(ev.msgs[0], want);
		events_free(&ev);
	}
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_limit_input)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_reader *r = (struct certshow_reader *)1;
	struct events ev;
	const char *path;
	uint8_t *data;
	size_t len;
	char fdpath[64];
	int fds[2];

	path = test_data_path("load/chain.pem");
	data = test_read_file(path, &len);
	ck_assert_int_eq(certshow_ctx_set_limit(ctx,
	    CERTSHOW_LIMIT_INPUT_SIZE, 1000), 0);
	/* Memory and regular files: refused up front. */
	ck_assert_int_eq(certshow_reader_open_mem(ctx, &r, data, len, "m"),
	    CERTSHOW_E_LIMIT);
	ck_assert_ptr_null(r);
	ck_assert_str_eq(certshow_ctx_error(ctx),
	    "m: input larger than the input size limit (1000 bytes)");
	ck_assert_int_eq(certshow_reader_open_file(ctx, &r, path),
	    CERTSHOW_E_LIMIT);
	ck_assert_ptr_null(r);
	/* A stream: refused once more than the limit has been read. */
	ck_assert_int_eq(pipe(fds), 0);
	ck_assert_int_eq(write(fds[1], data, len), (ssize_t)len);
	close(fds[1]);
	snprintf(fdpath, sizeof(fdpath), "/dev/fd/%d", fds[0]);
	if (access(fdpath, R_OK) == 0) {
		ck_assert_int_eq(certshow_reader_open_file(ctx, &r, fdpath),
		    0);
		drain(ctx, r, &ev);
		certshow_reader_free(r);
		ck_assert_str_eq(ev.seq, "E");
		ck_assert_int_eq(ev.codes[0], CERTSHOW_E_LIMIT);
		ck_assert_str_eq(ev.msgs[0] + strlen(fdpath),
		    ": input larger than the input size limit (1000 bytes)");
		events_free(&ev);
	}
	close(fds[0]);
	free(data);
	certshow_ctx_free(ctx);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Files                                                                */
/* ------------------------------------------------------------------ */

START_TEST(test_file_errors)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_reader *r = (struct certshow_reader *)1;
	char want[4200];
	const char *dir;

	ck_assert_int_eq(certshow_reader_open_file(ctx, &r,
	    "no/such/file.pem"), CERTSHOW_E_IO);
	ck_assert_ptr_null(r);
	ck_assert_str_eq(certshow_ctx_error(ctx),
	    "no/such/file.pem: cannot open: No such file or directory");
	dir = test_data_path("load");
	snprintf(want, sizeof(want), "%s: cannot read: %s", dir,
	    strerror(EISDIR));
	ck_assert_int_eq(certshow_reader_open_file(ctx, &r, dir),
	    CERTSHOW_E_IO);
	ck_assert_str_eq(certshow_ctx_error(ctx), want);
	ck_assert_int_eq(certshow_reader_open_file(ctx, &r, NULL),
	    CERTSHOW_E_INVAL);
	ck_assert_int_eq(certshow_reader_open_file(ctx, NULL, "x"),
	    CERTSHOW_E_INVAL);
	ck_assert_int_eq(certshow_reader_open_mem(ctx, &r, NULL, 1, "x"),
	    CERTSHOW_E_INVAL);
	ck_assert_int_eq(certshow_reader_next(ctx, NULL, NULL),
	    CERTSHOW_E_INVAL);
	certshow_reader_free(NULL);
	certshow_ctx_free(ctx);
}
END_TEST

/* A file name longer than the context's message buffer: the message
 * loses its middle, never its start (what failed) or its end (why). */
START_TEST(test_file_error_long_name)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_reader *r = NULL;
	const char *msg, *tail = "aaa: cannot open: File name too long";
	char name[5001];
	size_t n;

	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	ck_assert_int_eq(certshow_reader_open_file(ctx, &r, name),
	    CERTSHOW_E_IO);
	msg = certshow_ctx_error(ctx);
	n = strlen(msg);
	ck_assert_uint_gt(n, 400);
	ck_assert_uint_lt(n, 512);
	ck_assert_msg(strcmp(msg + n - strlen(tail), tail) == 0, "%s", msg);
	ck_assert_ptr_nonnull(strstr(msg, "aaa [...] aaa"));
	certshow_ctx_free(ctx);
}
END_TEST

/* A line longer than the read buffer before the block, read from a
 * file: the streaming reader copes and counts lines right. */
START_TEST(test_long_line_file)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_reader *r;
	struct events ev;
	char path[] = "/tmp/check_pem.XXXXXX";
	char *pem, *big;
	size_t n = 200000;
	FILE *fp;
	int fd;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	fp = fdopen(fd, "w");
	ck_assert_ptr_nonnull(fp);
	big = malloc(n + 1);
	ck_assert_ptr_nonnull(big);
	memset(big, 'x', n);
	big[n] = '\0';
	pem = leaf_pem("", "CERTIFICATE", "", NULL, 0, "");
	/* Line 1 is 200000 bytes; a bad block starts at line 2. */
	fprintf(fp, "%s\n-----BEGIN CERTIFICATE-----\n%s\n%s", big, big, pem);
	fclose(fp);
	ck_assert_int_eq(certshow_reader_open_file(ctx, &r, path), 0);
	drain(ctx, r, &ev);
	certshow_reader_free(r);
	unlink(path);
	ck_assert_str_eq(ev.seq, "EC");
	ck_assert_str_eq(ev.msgs[0] + strlen(path), ": certificate #0: "
	    "missing END line for BEGIN CERTIFICATE at line 2 (BEGIN "
	    "CERTIFICATE at line 4)");
	events_free(&ev);
	free(pem);
	free(big);
	certshow_ctx_free(ctx);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Chains                                                               */
/* ------------------------------------------------------------------ */

START_TEST(test_chain)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_chain *chain = (struct certshow_chain *)1, *c2;
	struct certshow_cert *cert;
	const uint8_t *der;
	uint8_t *data;
	size_t len, dlen;

	ck_assert_int_eq(certshow_chain_load_file(ctx, &chain,
	    test_data_path("load/chain.p7b")), 0);
	ck_assert_uint_eq(certshow_chain_count(chain), 3);
	ck_assert_ptr_nonnull(certshow_chain_get(chain, 2));
	ck_assert_ptr_null(certshow_chain_get(chain, 3));
	ck_assert_uint_eq(test_source_index(
	    certshow_chain_get(chain, 2)), 2);
	certshow_chain_free(chain);

	data = test_read_file(test_data_path("load/crlf.pem"), &len);
	ck_assert_int_eq(certshow_chain_load_mem(ctx, &chain, data, len,
	    "crlf"), 0);
	ck_assert_uint_eq(certshow_chain_count(chain), 3);
	ck_assert_str_eq(certshow_cert_source(certshow_chain_get(chain, 0),
	    NULL),
	    "crlf");
	/* Build a chain by hand from the first certificate. */
	der = certshow_cert_raw(certshow_chain_get(chain, 0), CERTSHOW_RAW_DER,
	    &dlen);
	ck_assert_int_eq(certshow_chain_new(ctx, &c2), 0);
	ck_assert_uint_eq(certshow_chain_count(c2), 0);
	ck_assert_int_eq(certshow__cert_new(ctx, &cert, der, dlen, "x", 7), 0);
	ck_assert_int_eq(certshow_chain_add(ctx, c2, cert), 0);
	ck_assert_uint_eq(certshow_chain_count(c2), 1);
	ck_assert_uint_eq(test_source_index(certshow_chain_get(c2,
	    0)), 7);
	ck_assert_int_eq(certshow_chain_add(ctx, c2, NULL), CERTSHOW_E_INVAL);
	certshow_chain_free(c2);
	certshow_chain_free(chain);
	free(data);

	/* Any error fails the load; no certificate is an error. */
	chain = (struct certshow_chain *)1;
	ck_assert_int_eq(certshow_chain_load_file(ctx, &chain,
	    test_data_path("load/truncated.pem")), CERTSHOW_E_PARSE);
	ck_assert_ptr_null(chain);
	ck_assert_int_eq(certshow_chain_load_mem(ctx, &chain,
	    (const uint8_t *)"", 0, "e"), CERTSHOW_E_PARSE);
	ck_assert_ptr_null(chain);
	ck_assert_str_eq(certshow_ctx_error(ctx), "e: empty input");
	ck_assert_uint_eq(certshow_chain_count(NULL), 0);
	ck_assert_ptr_null(certshow_chain_get(NULL, 0));
	certshow_chain_free(NULL);
	certshow_ctx_free(ctx);
}
END_TEST

static Suite *
pem_suite(void)
{
	Suite *s = suite_create("pem");
	TCase *tc;

	tc = tcase_create("fixtures");
	tcase_add_loop_test(tc, test_fixture, 0,
	    sizeof(fixture_rows) / sizeof(fixture_rows[0]));
	tcase_add_loop_test(tc, test_fixture_file, 0,
	    sizeof(fixture_rows) / sizeof(fixture_rows[0]));
	tcase_add_test(tc, test_same_certs);
	tcase_add_test(tc, test_trusted_and_der);
	tcase_add_loop_test(tc, test_der_errors, 0,
	    sizeof(der_rows) / sizeof(der_rows[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("pem");
	tcase_add_test(tc, test_pem_lax);
	tcase_add_test(tc, test_trailing_in_block);
	tcase_add_loop_test(tc, test_b64, 0,
	    sizeof(b64_rows) / sizeof(b64_rows[0]));
	tcase_add_loop_test(tc, test_iter_defects, 0,
	    sizeof(iter_rows) / sizeof(iter_rows[0]));
	tcase_add_loop_test(tc, test_iter_same_der, 0, 4);
	tcase_add_test(tc, test_iter_structure);
	tcase_add_test(tc, test_continue_after_error);
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_add_test(tc, test_limit_cert_size);
	tcase_add_test(tc, test_limit_count);
	tcase_add_test(tc, test_limit_input);
	suite_add_tcase(s, tc);

	tc = tcase_create("files");
	tcase_add_test(tc, test_file_errors);
	tcase_add_test(tc, test_file_error_long_name);
	tcase_add_test(tc, test_long_line_file);
	suite_add_tcase(s, tc);

	tc = tcase_create("chain");
	tcase_add_test(tc, test_chain);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	return test_run_suite(pem_suite());
}
