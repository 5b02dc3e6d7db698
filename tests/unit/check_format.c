/* check_format.c - the output writers (lib/format*.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "format.h"
#include "testutil.h"

/* ------------------------------------------------------------------ */
/* Capturing output                                                     */
/* ------------------------------------------------------------------ */

struct cap {
	FILE *fp;
	char *buf;
	size_t len;
};

static void
cap_open(struct cap *c)
{
	c->buf = NULL;
	c->len = 0;
	c->fp = open_memstream(&c->buf, &c->len);
	ck_assert_ptr_nonnull(c->fp);
}

/* Close the stream; c->buf holds the NUL-terminated output. */
static void
cap_close(struct cap *c)
{
	ck_assert_int_eq(fclose(c->fp), 0);
	c->fp = NULL;
}

/* ------------------------------------------------------------------ */
/* Escaping tables: input bytes -> exact output bytes                   */
/* ------------------------------------------------------------------ */

struct esc_row {
	const char *what;
	const char *in;
	size_t len;
	const char *json;        /* with quotes */
	const char *py;          /* Python repr(), with quotes */
	const char *text;
};

#define S(lit) lit, sizeof(lit) - 1

static const struct esc_row esc_rows[] = {
	{ "plain", S("www.example.com"), "\"www.example.com\"",
	    "'www.example.com'", "www.example.com" },
	{ "empty", S(""), "\"\"", "''", "" },
	{ "NUL inside", S("a\0b"), "\"a\\u0000b\"", "'a\\x00b'", "a\\x00b" },
	{ "tab newline return", S("\t\n\r"), "\"\\t\\n\\r\"", "'\\t\\n\\r'",
	    "\\x09\\x0a\\x0d" },
	{ "backspace formfeed", S("\b\f"), "\"\\b\\f\"", "'\\x08\\x0c'",
	    "\\x08\\x0c" },
	{ "C0 and DEL", S("\x01\x1f\x7f"), "\"\\u0001\\u001f\\u007f\"",
	    "'\\x01\\x1f\\x7f'", "\\x01\\x1f\\x7f" },
	{ "ESC sequence", S("\x1b[31mred\x1b]0;t\x07"),
	    "\"\\u001b[31mred\\u001b]0;t\\u0007\"",
	    "'\\x1b[31mred\\x1b]0;t\\x07'",
	    "\\x1b[31mred\\x1b]0;t\\x07" },
	{ "double quote", S("a\"b"), "\"a\\\"b\"", "'a\"b'", "a\"b" },
	{ "single quote", S("it's"), "\"it's\"", "\"it's\"", "it's" },
	{ "both quotes", S("'\""), "\"'\\\"\"", "'\\'\"'", "'\"" },
	{ "backslash", S("a\\b"), "\"a\\\\b\"", "'a\\\\b'", "a\\b" },
	{ "slash", S("a/b"), "\"a/b\"", "'a/b'", "a/b" },
	{ "latin-1 letter", S("d\xc3\xa9j\xc3\xa0"), "\"d\xc3\xa9j\xc3\xa0\"",
	    "'d\xc3\xa9j\xc3\xa0'", "d\xc3\xa9j\xc3\xa0" },
	{ "C1 control CSI U+009B", S("\xc2\x9b"), "\"\xc2\x9b\"", "'\\x9b'",
	    "\\u009b" },
	{ "NEL U+0085", S("\xc2\x85"), "\"\xc2\x85\"", "'\\x85'",
	    "\\u0085" },
	{ "NBSP U+00A0", S("\xc2\xa0"), "\"\xc2\xa0\"", "'\\xa0'",
	    "\xc2\xa0" },
	{ "soft hyphen U+00AD", S("\xc2\xad"), "\"\xc2\xad\"", "'\\xad'",
	    "\xc2\xad" },
	{ "zero width space U+200B", S("\xe2\x80\x8b"), "\"\xe2\x80\x8b\"",
	    "'\\u200b'", "\xe2\x80\x8b" },
	{ "line separator U+2028", S("\xe2\x80\xa8"), "\"\\u2028\"",
	    "'\\u2028'", "\\u2028" },
	{ "RLO U+202E", S("\xe2\x80\xae"), "\"\xe2\x80\xae\"", "'\\u202e'",
	    "\\u202e" },
	{ "emoji U+1F600", S("\xf0\x9f\x98\x80"), "\"\xf0\x9f\x98\x80\"",
	    "'\xf0\x9f\x98\x80'", "\xf0\x9f\x98\x80" },
	{ "private use U+E000", S("\xee\x80\x80"), "\"\xee\x80\x80\"",
	    "'\\ue000'", "\xee\x80\x80" },
	{ "U+10FFFF", S("\xf4\x8f\xbf\xbf"), "\"\xf4\x8f\xbf\xbf\"",
	    "'\\U0010ffff'", "\xf4\x8f\xbf\xbf" },
	{ "invalid byte FF", S("a\xff" "b"), "\"a\\u00ffb\"", "'a\\udcffb'",
	    "a\\xffb" },
	{ "truncated sequence", S("\xc3"), "\"\\u00c3\"", "'\\udcc3'",
	    "\\xc3" },
	{ "lone continuation", S("\x80"), "\"\\u0080\"", "'\\udc80'",
	    "\\x80" },
	{ "overlong slash", S("\xc0\xaf"), "\"\\u00c0\\u00af\"",
	    "'\\udcc0\\udcaf'", "\\xc0\\xaf" },
	{ "overlong 3 bytes", S("\xe0\x80\xaf"),
	    "\"\\u00e0\\u0080\\u00af\"", "'\\udce0\\udc80\\udcaf'",
	    "\\xe0\\x80\\xaf" },
	{ "UTF-8 surrogate", S("\xed\xa0\x80"), "\"\\u00ed\\u00a0\\u0080\"",
	    "'\\udced\\udca0\\udc80'", "\\xed\\xa0\\x80" },
	{ "above U+10FFFF", S("\xf4\x90\x80\x80"),
	    "\"\\u00f4\\u0090\\u0080\\u0080\"",
	    "'\\udcf4\\udc90\\udc80\\udc80'", "\\xf4\\x90\\x80\\x80" },
	{ "invalid then valid", S("\xff\xc3\xa9"), "\"\\u00ff\xc3\xa9\"",
	    "'\\udcff\xc3\xa9'", "\\xff\xc3\xa9" },
};

START_TEST(test_json_string)
{
	const struct esc_row *r = &esc_rows[_i];
	struct cap c;

	cap_open(&c);
	certshow__json_string(c.fp, r->in, r->len);
	cap_close(&c);
	ck_assert_msg(c.len == strlen(r->json) &&
	    memcmp(c.buf, r->json, c.len) == 0,
	    "row %d (%s): got [%s] want [%s]", _i, r->what, c.buf, r->json);
	free(c.buf);
}
END_TEST

START_TEST(test_json_string_parses)
{
	const struct esc_row *r = &esc_rows[_i];
	json_error_t err;
	json_t *j;
	struct cap c;

	/* Whatever the bytes, the result is valid JSON (and UTF-8). */
	cap_open(&c);
	certshow__json_string(c.fp, r->in, r->len);
	cap_close(&c);
	j = json_loadb(c.buf, c.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
	ck_assert_msg(j != NULL && json_is_string(j),
	    "row %d (%s): not a JSON string: %s", _i, r->what, err.text);
	json_decref(j);
	free(c.buf);
}
END_TEST

START_TEST(test_py_string)
{
	const struct esc_row *r = &esc_rows[_i];
	struct cap c;

	cap_open(&c);
	certshow__py_str_repr(c.fp, r->in, r->len);
	cap_close(&c);
	ck_assert_msg(c.len == strlen(r->py) &&
	    memcmp(c.buf, r->py, c.len) == 0,
	    "row %d (%s): got [%s] want [%s]", _i, r->what, c.buf, r->py);
	free(c.buf);
}
END_TEST

START_TEST(test_text_string)
{
	const struct esc_row *r = &esc_rows[_i];
	struct cap c;
	size_t i;

	cap_open(&c);
	certshow__text_string(c.fp, r->in, r->len);
	cap_close(&c);
	ck_assert_msg(c.len == strlen(r->text) &&
	    memcmp(c.buf, r->text, c.len) == 0,
	    "row %d (%s): got [%s] want [%s]", _i, r->what, c.buf, r->text);
	/* Never a C0 control or DEL on the terminal. */
	for (i = 0; i < c.len; i++) {
		ck_assert_msg((unsigned char)c.buf[i] >= 0x20 &&
		    c.buf[i] != 0x7f, "row %d: control byte in output", _i);
	}
	free(c.buf);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Writers over real certificates                                       */
/* ------------------------------------------------------------------ */

static struct certshow_cert *
load_cert(struct certshow_ctx *ctx, const char *rel)
{
	struct certshow_chain *chain = NULL;
	struct certshow_cert *cert = NULL;
	const struct certshow_cert *c;
	const uint8_t *der;
	size_t len;

	ck_assert_int_eq(certshow_chain_load_file(ctx, &chain,
	    test_data_path(rel)), 0);
	c = certshow_chain_get(chain, 0);
	ck_assert_ptr_nonnull(c);
	der = certshow_cert_raw(c, CERTSHOW_RAW_DER, &len);
	ck_assert_int_eq(certshow_cert_from_der(ctx, &cert, der, len), 0);
	certshow_chain_free(chain);
	return cert;
}

/* Write certificates with a fresh writer; returns the output. */
static char *
write_certs(enum certshow_format fmt, const struct certshow_write_opts *o,
    struct certshow_cert **certs, size_t n, size_t *len)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_writer *w = NULL;
	struct cap c;
	size_t i;

	ck_assert_ptr_nonnull(ctx);
	cap_open(&c);
	ck_assert_int_eq(certshow_writer_new(ctx, &w, c.fp, fmt, o), 0);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(certshow_writer_add_cert(ctx, w, certs[i]),
		    0);
	}
	ck_assert_int_eq(certshow_writer_finish(ctx, w), 0);
	certshow_writer_free(w);
	cap_close(&c);
	certshow_ctx_free(ctx);
	if (len != NULL) {
		*len = c.len;
	}
	return c.buf;
}

START_TEST(test_json_document)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *certs[2];
	json_error_t err;
	json_t *doc, *arr, *c0, *san, *fv;
	char *out;
	size_t len;
	const char *keys[32];
	size_t nkeys = 0;
	const char *k;
	json_t *v;

	certs[0] = load_cert(ctx, "certs/san-all.pem");
	certs[1] = load_cert(ctx, "certs/name-nul.pem");
	out = write_certs(CERTSHOW_FORMAT_JSON, NULL, certs, 2, &len);
	doc = json_loadb(out, len, JSON_ALLOW_NUL | JSON_PRESERVE_ORDER, &err);
	ck_assert_msg(doc != NULL, "invalid JSON: %s (line %d)", err.text,
	    err.line);
	fv = json_object_get(doc, "format_version");
	ck_assert_int_eq(json_integer_value(fv), 1);
	arr = json_object_get(doc, "certificates");
	ck_assert_uint_eq(json_array_size(arr), 2);
	c0 = json_array_get(arr, 0);
	ck_assert_int_eq(json_integer_value(json_object_get(c0, "version")),
	    3);
	san = json_object_get(c0, "subject_alt_names");
	ck_assert_uint_eq(json_array_size(san), 10);
	ck_assert_str_eq(json_string_value(json_object_get(
	    json_array_get(san, 3), "value")), "2001:db8::1");
	ck_assert_str_eq(json_string_value(json_object_get(
	    json_array_get(san, 3), "type")), "ip");
	/* Stable order: the first keys of every certificate object. */
	json_object_foreach(c0, k, v) {
		if (nkeys < 32) {
			keys[nkeys++] = k;
		}
	}
	ck_assert_uint_ge(nkeys, 5);
	ck_assert_str_eq(keys[0], "source");
	ck_assert_str_eq(keys[1], "source_index");
	ck_assert_str_eq(keys[2], "version");
	ck_assert_str_eq(keys[3], "serial");
	/* Every certificate has the same keys in the same order. */
	ck_assert_uint_eq(json_object_size(json_array_get(arr, 1)), nkeys);
	json_decref(doc);
	free(out);
	certshow_cert_free(certs[0]);
	certshow_cert_free(certs[1]);
	certshow_ctx_free(ctx);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Decoding completeness in JSON: SCT versions, policy qualifiers,     */
/* value tags                                                           */
/* ------------------------------------------------------------------ */

/* The DER of data/<rel> with the first occurrence of `pat` (n bytes)
 * overwritten from its byte `at` by the `rn` bytes of `repl`; a cert
 * decoded from it. The signature no longer matches, which the decoder
 * does not look at. */
static struct certshow_cert *
patched_cert(struct certshow_ctx *ctx, const char *rel, const uint8_t *pat,
    size_t n, size_t at, const void *repl, size_t rn)
{
	struct certshow_cert *orig = load_cert(ctx, rel), *c = NULL;
	const uint8_t *der;
	uint8_t *buf;
	size_t len, i;

	der = certshow_cert_raw(orig, CERTSHOW_RAW_DER, &len);
	buf = malloc(len);
	ck_assert_ptr_nonnull(buf);
	memcpy(buf, der, len);
	for (i = 0; i + n <= len; i++) {
		if (memcmp(buf + i, pat, n) == 0) {
			break;
		}
	}
	ck_assert_msg(i + n <= len, "%s: pattern not found", rel);
	ck_assert_uint_le(i + at + rn, len);
	memcpy(buf + i + at, repl, rn);
	ck_assert_int_eq(certshow_cert_from_der(ctx, &c, buf, len), 0);
	free(buf);
	certshow_cert_free(orig);
	return c;
}

/* The JSON of one certificate, parsed; *cert is its object. */
static json_t *
cert_json(struct certshow_cert *cert, json_t **c0)
{
	json_error_t err;
	json_t *doc;
	char *out;
	size_t len;

	out = write_certs(CERTSHOW_FORMAT_JSON, NULL, &cert, 1, &len);
	doc = json_loadb(out, len, JSON_ALLOW_NUL, &err);
	ck_assert_msg(doc != NULL, "invalid JSON: %s", err.text);
	free(out);
	*c0 = json_array_get(json_object_get(doc, "certificates"), 0);
	ck_assert_ptr_nonnull(*c0);
	return doc;
}

/* SerializedSCT length 0x76, version 0, then the first log ID bytes of
 * data/certs/sct.pem's first SCT. */
static const uint8_t sct0[] = { 0x00, 0x76, 0x00, 0x28, 0x10, 0x05, 0x2e };

START_TEST(test_json_sct_version)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c;
	json_t *doc, *c0, *s0, *s1;

	/* _i 0: the fixture as is (twin); 1: its first SCT as version 2. */
	c = _i == 0 ? load_cert(ctx, "certs/sct.pem") :
	    patched_cert(ctx, "certs/sct.pem", sct0, sizeof(sct0), 2, "\x01",
	    1);
	doc = cert_json(c, &c0);
	s0 = json_array_get(json_object_get(c0, "scts"), 0);
	s1 = json_array_get(json_object_get(c0, "scts"), 1);
	ck_assert_uint_eq(json_array_size(json_object_get(c0, "scts")), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(s0, "version")),
	    _i);
	if (_i == 0) {
		ck_assert_str_eq(json_string_value(json_object_get(s0,
		    "log_id")), "KBAFLlzSJwhPQeqwnEBf+IaVT489STHQVvjmgm4vDCE=");
		ck_assert_str_eq(json_string_value(json_object_get(s0,
		    "timestamp")), "2020-01-01T00:00:00.000Z");
		ck_assert(json_is_null(json_object_get(s0, "error")));
	} else {
		/* No made-up log ID or 1970 timestamp: unknown. */
		ck_assert(json_is_null(json_object_get(s0, "log_id")));
		ck_assert(json_is_null(json_object_get(s0, "timestamp")));
		ck_assert(json_is_null(json_object_get(s0, "timestamp_ms")));
		ck_assert_str_eq(json_string_value(json_object_get(s0,
		    "error")), "unsupported SCT version (RFC 6962 3.2 "
		    "defines v1 only): log ID and timestamp not decoded");
	}
	/* The other SCT is read either way. */
	ck_assert_str_eq(json_string_value(json_object_get(s1, "timestamp")),
	    "2020-01-02T00:00:00.000Z");
	ck_assert(json_is_null(json_object_get(s1, "error")));
	json_decref(doc);
	certshow_cert_free(c);
	certshow_ctx_free(ctx);
}
END_TEST

/* A qualifier of policy `pi`, qualifier `qi` of c0. */
static json_t *
qualifier(json_t *c0, size_t pi, size_t qi)
{
	json_t *pol = json_array_get(json_object_get(c0, "policies"), pi);

	ck_assert_ptr_nonnull(pol);
	return json_array_get(json_object_get(pol, "qualifiers"), qi);
}

static const char *
jstr(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

START_TEST(test_json_policy_qualifiers)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c;
	json_t *doc, *c0, *q, *nums;

	c = load_cert(ctx, "lint/policy-qualifiers-clean.pem");
	doc = cert_json(c, &c0);
	ck_assert_uint_eq(json_array_size(json_object_get(json_array_get(
	    json_object_get(c0, "policies"), 0), "qualifiers")), 0);
	q = qualifier(c0, 1, 0);
	ck_assert_str_eq(jstr(q, "oid"), "1.3.6.1.5.5.7.2.1");
	ck_assert_str_eq(jstr(q, "name"), "cps");
	ck_assert_str_eq(jstr(q, "cps_uri"), "https://cps.example.com/cps");
	ck_assert(json_is_null(json_object_get(q, "explicit_text")));
	ck_assert(json_is_false(json_object_get(q, "malformed")));
	q = qualifier(c0, 1, 1);
	ck_assert_str_eq(jstr(q, "name"), "unotice");
	ck_assert(json_is_null(json_object_get(q, "cps_uri")));
	/* BMPString text, as UTF-8. */
	ck_assert_str_eq(jstr(q, "explicit_text"),
	    "Gr\xc3\xbc\xc3\x9f" "e \xe2\x82\xac");
	ck_assert_str_eq(jstr(q, "organization"), "Example CA");
	nums = json_object_get(q, "notice_numbers");
	ck_assert_uint_eq(json_array_size(nums), 2);
	ck_assert_int_eq(json_integer_value(json_array_get(nums, 0)), 1);
	ck_assert_int_eq(json_integer_value(json_array_get(nums, 1)), 2);
	ck_assert(json_is_false(json_object_get(q, "malformed")));
	ck_assert_ptr_null(qualifier(c0, 1, 2));
	json_decref(doc);
	certshow_cert_free(c);
	certshow_ctx_free(ctx);
}
END_TEST

/* The explicitText BMPString (tag 0x1E, 14 bytes) made a PrintableString,
 * which DisplayText does not allow: that qualifier is malformed, the
 * certificate and the other qualifier are still shown. */
START_TEST(test_json_policy_qualifier_malformed)
{
	static const uint8_t text[] = { 0x1e, 0x0e, 0x00, 'G' };
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c;
	json_t *doc, *c0, *q;

	c = patched_cert(ctx, "lint/policy-qualifiers-clean.pem", text,
	    sizeof(text), 0, "\x13", 1);
	doc = cert_json(c, &c0);
	q = qualifier(c0, 1, 1);
	ck_assert_str_eq(jstr(q, "name"), "unotice");
	ck_assert(json_is_true(json_object_get(q, "malformed")));
	ck_assert(json_is_null(json_object_get(q, "explicit_text")));
	q = qualifier(c0, 1, 0);
	ck_assert_str_eq(jstr(q, "cps_uri"), "https://cps.example.com/cps");
	ck_assert(json_is_false(json_object_get(q, "malformed")));
	json_decref(doc);
	certshow_cert_free(c);
	certshow_ctx_free(ctx);
}
END_TEST

/* A name attribute value with a long-form tag number (32): its class and
 * number as X.680 writes them, for each class. */
START_TEST(test_json_value_tag)
{
	/* The subject's organizationName, UTF8String "Example". */
	static const uint8_t org[] = { 0x55, 0x04, 0x0a, 0x0c, 0x07, 'E', 'x',
	    'a', 'm', 'p', 'l', 'e' };
	static const struct {
		uint8_t id;
		const char *want;
	} rows[] = {
		{ 0x0c, "UTF8String" },       /* the twin: a short form tag */
		{ 0x1f, "tag 32" },
		{ 0x5f, "[APPLICATION 32]" },
		{ 0x9f, "[32]" },
		{ 0xdf, "[PRIVATE 32]" },
	};
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c;
	json_t *doc, *c0, *rdns, *ava;
	uint8_t repl[9];
	const char *got;

	/* "0c 07 Example" -> "ID 20 06 Exampl", the same length; row 0
	 * writes the original bytes back (the twin). */
	if (rows[_i].id == 0x0c) {
		memcpy(repl, org + 3, sizeof(repl));
	} else {
		repl[0] = rows[_i].id;
		repl[1] = 0x20;
		repl[2] = 0x06;
		memcpy(repl + 3, "Exampl", 6);
	}
	c = patched_cert(ctx, "lint/leaf-clean.pem", org, sizeof(org), 3,
	    repl, sizeof(repl));
	doc = cert_json(c, &c0);
	rdns = json_object_get(json_object_get(c0, "subject"), "rdns");
	ava = json_array_get(json_array_get(rdns, 1), 0);
	ck_assert_str_eq(jstr(ava, "oid"), "2.5.4.10");
	got = jstr(ava, "string_type");
	ck_assert_msg(got != NULL && strcmp(got, rows[_i].want) == 0,
	    "row %d: '%s' want '%s'", _i, got != NULL ? got : "(null)",
	    rows[_i].want);
	json_decref(doc);
	certshow_cert_free(c);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_json_empty)
{
	char *out;

	out = write_certs(CERTSHOW_FORMAT_JSON, NULL, NULL, 0, NULL);
	ck_assert_str_eq(out,
	    "{\n  \"format_version\": 1,\n  \"certificates\": []\n}\n");
	free(out);
}
END_TEST

/* Every code has its own stable name and "unknown" is only for values
 * outside the space; the names are the JSON "code" contract. */
START_TEST(test_error_names)
{
	static const struct {
		int code;
		const char *name;
	} rows[] = {
		{ 0, "ok" },
		{ CERTSHOW_E_NOMEM, "nomem" },
		{ CERTSHOW_E_INVAL, "inval" },
		{ CERTSHOW_E_IO, "io" },
		{ CERTSHOW_E_PARSE, "parse" },
		{ CERTSHOW_E_TLS, "tls" },
		{ CERTSHOW_E_TIMEOUT, "timeout" },
		{ CERTSHOW_E_TRUST, "trust" },
		{ CERTSHOW_E_UNSUPPORTED, "unsupported" },
		{ CERTSHOW_E_LIMIT, "limit" },
		{ CERTSHOW_E_DNS, "dns" },
		{ CERTSHOW_E_CONNECT, "connect" },
		{ CERTSHOW_E_ALERT, "alert" },
		{ CERTSHOW_E_STARTTLS, "starttls" },
		{ CERTSHOW_E_NOTFOUND, "notfound" },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ck_assert_msg(strcmp(certshow_error_name(rows[i].code),
				  rows[i].name) == 0,
		    "code %d: '%s', want '%s'", rows[i].code,
		    certshow_error_name(rows[i].code), rows[i].name);
		ck_assert_str_ne(certshow_strerror(rows[i].code),
		    "unknown error");
	}
	ck_assert_str_eq(certshow_error_name(CERTSHOW_E_NOTFOUND - 1),
	    "unknown");
	ck_assert_str_eq(certshow_error_name(1), "unknown");
}
END_TEST

/* Writer with `flags`: error, certificate (when cert != NULL), error. */
static char *
write_errors(enum certshow_format fmt, unsigned flags,
    struct certshow_cert *cert)
{
	struct certshow_write_opts o = CERTSHOW_WRITE_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_writer *w = NULL;
	struct cap c;

	o.flags = flags | CERTSHOW_WF_NO_COLOR;
	cap_open(&c);
	ck_assert_int_eq(certshow_writer_new(ctx, &w, c.fp, fmt, &o), 0);
	ck_assert_int_eq(certshow_writer_add_error(ctx, w, "a\"b.pem",
			     CERTSHOW_E_IO,
			     "a\"b.pem: cannot open: No such file"),
	    0);
	if (cert != NULL) {
		ck_assert_int_eq(certshow_writer_add_cert(ctx, w, cert), 0);
	}
	ck_assert_int_eq(certshow_writer_add_error(ctx, w, NULL,
			     CERTSHOW_E_CONNECT, NULL),
	    0);
	ck_assert_int_eq(certshow_writer_finish(ctx, w), 0);
	certshow_writer_free(w);
	cap_close(&c);
	certshow_ctx_free(ctx);
	return c.buf;
}

static const char err_objs
    [] = "    {\n      \"source\": \"a\\\"b.pem\",\n      \"error\": {\n"
	 "        \"code\": \"io\",\n"
	 "        \"message\": \"a\\\"b.pem: cannot open: No such file\"\n"
	 "      }\n    },\n"
	 "    {\n      \"source\": null,\n      \"error\": {\n"
	 "        \"code\": \"connect\",\n"
	 "        \"message\": \"connection failed\"\n      }\n    }\n";

START_TEST(test_writer_add_error)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *cert = load_cert(ctx, "certs/san-all.pem");
	json_error_t jerr;
	json_t *doc;
	char want[2048], *out;

	/* A results document: each error is a RESULT, in order. */
	out = write_errors(CERTSHOW_FORMAT_JSON, CERTSHOW_WF_RESULTS, NULL);
	snprintf(want, sizeof(want),
	    "{\n  \"format_version\": 1,\n"
	    "  \"results\": [\n%s  ]\n}\n",
	    err_objs);
	ck_assert_str_eq(out, want);
	free(out);
	/* A certificates document: the errors follow the list. */
	out = write_errors(CERTSHOW_FORMAT_JSON, 0, cert);
	doc = json_loads(out, 0, &jerr);
	ck_assert_msg(doc != NULL, "%s: %s", jerr.text, out);
	ck_assert_uint_eq(json_array_size(json_object_get(doc, "certificates")),
	    1);
	ck_assert_uint_eq(json_array_size(json_object_get(doc, "errors")), 2);
	ck_assert_ptr_nonnull(strstr(out, err_objs));
	json_decref(doc);
	free(out);
	/* Its valid twin: no error, no "errors" member. */
	out = write_certs(CERTSHOW_FORMAT_JSON, NULL, &cert, 1, NULL);
	ck_assert_ptr_null(strstr(out, "\"errors\""));
	free(out);
	/* Text: the caller reports errors; nothing is written for them. */
	out = write_errors(CERTSHOW_FORMAT_TEXT, CERTSHOW_WF_RESULTS, NULL);
	ck_assert_str_eq(out, "");
	free(out);
	certshow_cert_free(cert);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_json_results_empty)
{
	struct certshow_write_opts o = CERTSHOW_WRITE_OPTS_INIT;
	char *out;

	o.flags = CERTSHOW_WF_RESULTS;
	out = write_certs(CERTSHOW_FORMAT_JSON, &o, NULL, 0, NULL);
	ck_assert_str_eq(out,
	    "{\n  \"format_version\": 1,\n  \"results\": []\n}\n");
	free(out);
}
END_TEST

/* days_left in JSON and certshow_cert_expiry(): the --warn-days rule at
 * N-1, N and N+1 days before notAfter, and on either side of the end. */
struct expiry_row {
	int64_t before_end; /* now = not_after - this */
	unsigned warn_days;
	int want;
	int64_t want_days;
};

static const struct expiry_row expiry_rows[] = {
	{ 29 * 86400, 30, 1, 29 },
	{ 30 * 86400, 30, 0, 30 },
	{ 31 * 86400, 30, 0, 31 },
	{ 30 * 86400 - 1, 30, 1, 29 },
	{ 0, 30, 1, 0 },
	{ -1, 30, 0, -1 },
	{ 29 * 86400, 0, 0, 29 },
};

START_TEST(test_cert_expiry)
{
	const struct expiry_row *r = &expiry_rows[_i];
	struct certshow_write_opts o = CERTSHOW_WRITE_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *cert = load_cert(ctx, "certs/san-all.pem");
	int64_t now = test_not_after(cert) - r->before_end, left = 12345;
	char msg[200] = "", want[64], *out;

	ck_assert_int_eq(certshow_cert_expiry(cert, now, r->warn_days, &left,
			     msg, sizeof(msg)),
	    r->want);
	ck_assert_msg(left == r->want_days, "row %d: %lld days left", _i,
	    (long long)left);
	if (r->want) {
		snprintf(want, sizeof(want),
		    "in %lld day%s (warning period "
		    "30 days)",
		    (long long)left, left == 1 ? "" : "s");
		ck_assert_msg(strstr(msg, want) != NULL, "row %d: '%s'", _i,
		    msg);
	} else {
		ck_assert_str_eq(msg, "");
	}
	o.now = now;
	o.flags = CERTSHOW_WF_DAYS_LEFT;
	out = write_certs(CERTSHOW_FORMAT_JSON, &o, &cert, 1, NULL);
	snprintf(want, sizeof(want), "\"days_left\": %lld\n",
	    (long long)r->want_days);
	ck_assert_msg(strstr(out, want) != NULL, "row %d: no %s", _i, want);
	free(out);
	/* Without the flag the output does not depend on `now`. */
	o.flags = 0;
	out = write_certs(CERTSHOW_FORMAT_JSON, &o, &cert, 1, NULL);
	ck_assert_ptr_null(strstr(out, "days_left"));
	free(out);
	certshow_cert_free(cert);
	certshow_ctx_free(ctx);
}
END_TEST

struct rel_row {
	const char *what;
	int64_t now_from_end;    /* now = not_after + this */
	int from_start;          /* use not_before instead */
	const char *want;
};

static const struct rel_row rel_rows[] = {
	{ "41 days left", -41 * 86400, 0, "Validity:             expires in 41 days\n" },
	{ "1 day left", -86400 - 5, 0, "Validity:             expires in 1 day\n" },
	{ "hours left", -5 * 3600, 0, "Validity:             expires in 5 hours\n" },
	{ "last second", 0, 0, "Validity:             expires in 0 seconds\n" },
	{ "expired 3 days", 3 * 86400, 0, "Validity:             expired 3 days ago\n" },
	{ "expired 1 second", 1, 0, "Validity:             expired 1 second ago\n" },
	{ "not yet valid", -7 * 86400, 1,
	    "Validity:             not valid for another 7 days\n" },
};

START_TEST(test_text_relative)
{
	const struct rel_row *r = &rel_rows[_i];
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_write_opts o = CERTSHOW_WRITE_OPTS_INIT;
	struct certshow_cert *cert = load_cert(ctx, "certs/san-all.pem");
	char *out;

	o.flags = CERTSHOW_WF_NO_COLOR;
	o.now = (r->from_start ? test_not_before(cert) :
	    test_not_after(cert)) + r->now_from_end;
	out = write_certs(CERTSHOW_FORMAT_TEXT, &o, &cert, 1, NULL);
	ck_assert_msg(strstr(out, r->want) != NULL, "row %d (%s): no [%s] in:\n%s",
	    _i, r->what, r->want, out);
	ck_assert_ptr_null(strchr(out, '\033'));
	free(out);
	certshow_cert_free(cert);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_text_block)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_write_opts o = CERTSHOW_WRITE_OPTS_INIT;
	struct certshow_cert *certs[2];
	char *out;
	size_t i, len;

	certs[0] = load_cert(ctx, "certs/san-all.pem");
	certs[1] = load_cert(ctx, "certs/name-ctrl.pem");
	o.flags = CERTSHOW_WF_NO_COLOR;
	o.now = 1700000000;
	out = write_certs(CERTSHOW_FORMAT_TEXT, &o, certs, 2, &len);
	ck_assert_ptr_nonnull(strstr(out, "Certificate #0\n"));
	ck_assert_ptr_nonnull(strstr(out, "\n\nCertificate #1\n"));
	ck_assert_ptr_nonnull(strstr(out, "    IP: 2001:db8::1\n"));
	ck_assert_ptr_nonnull(strstr(out, "    DNS: www.\\x1b[2Jx.example.com\n"));
	/* A hostile certificate puts no control byte on the terminal. */
	for (i = 0; i < len; i++) {
		ck_assert_msg(out[i] == '\n' ||
		    ((unsigned char)out[i] >= 0x20 && out[i] != 0x7f),
		    "control byte 0x%02x at %zu", (unsigned char)out[i], i);
	}
	free(out);
	/* With colour: only our own SGR sequences. */
	o.flags = 0;
	out = write_certs(CERTSHOW_FORMAT_TEXT, &o, certs, 1, NULL);
	ck_assert_ptr_nonnull(strstr(out, "\033[1mCertificate #0\033[0m\n"));
	free(out);
	certshow_cert_free(certs[0]);
	certshow_cert_free(certs[1]);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_pem_roundtrip)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *certs[2];
	struct certshow_chain *chain = NULL;
	const uint8_t *a, *b;
	size_t la, lb, len, i, col = 0;
	char *out;

	certs[0] = load_cert(ctx, "certs/rsa4096.pem");
	certs[1] = load_cert(ctx, "certs/ed25519.pem");
	out = write_certs(CERTSHOW_FORMAT_PEM, NULL, certs, 2, &len);
	ck_assert_int_eq(strncmp(out, "-----BEGIN CERTIFICATE-----\n", 28), 0);
	for (i = 0; i < len; i++) {
		if (out[i] == '\n') {
			ck_assert_uint_le(col, 64);
			col = 0;
		} else {
			col++;
		}
	}
	ck_assert_int_eq(certshow_chain_load_mem(ctx, &chain,
	    (const uint8_t *)out, len, "pem"), 0);
	ck_assert_uint_eq(certshow_chain_count(chain), 2);
	for (i = 0; i < 2; i++) {
		a = certshow_cert_raw(certs[i], CERTSHOW_RAW_DER, &la);
		b = certshow_cert_raw(certshow_chain_get(chain, i),
		    CERTSHOW_RAW_DER, &lb);
		ck_assert_uint_eq(la, lb);
		ck_assert_int_eq(memcmp(a, b, la), 0);
	}
	certshow_chain_free(chain);
	free(out);
	certshow_cert_free(certs[0]);
	certshow_cert_free(certs[1]);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_python_separator)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *certs[2];
	char *out, *sep;

	certs[0] = load_cert(ctx, "certs/ecdsa-p256.pem");
	certs[1] = load_cert(ctx, "certs/rsa2048.pem");
	out = write_certs(CERTSHOW_FORMAT_PYTHON, NULL, certs, 2, NULL);
	ck_assert_int_eq(out[0], '{');
	sep = strstr(out, "}\n\n{");
	ck_assert_ptr_nonnull(sep);
	ck_assert_ptr_null(strstr(sep + 3, "\n\n"));
	ck_assert_int_eq(out[strlen(out) - 2], '}');
	ck_assert_int_eq(out[strlen(out) - 1], '\n');
	free(out);
	certshow_cert_free(certs[0]);
	certshow_cert_free(certs[1]);
	certshow_ctx_free(ctx);
}
END_TEST

START_TEST(test_writer_errors)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_write_opts o = CERTSHOW_WRITE_OPTS_INIT;
	struct certshow_writer *w = NULL;
	struct certshow_cert *cert = load_cert(ctx, "certs/ecdsa-p256.pem");
	FILE *full;

	ck_assert_int_eq(certshow_writer_new(ctx, &w, NULL,
	    CERTSHOW_FORMAT_JSON, NULL), CERTSHOW_E_INVAL);
	ck_assert_ptr_null(w);
	ck_assert_int_eq(certshow_writer_new(ctx, &w, stdout,
	    (enum certshow_format)42, NULL), CERTSHOW_E_INVAL);
	o.version = 99;
	ck_assert_int_eq(certshow_writer_new(ctx, &w, stdout,
	    CERTSHOW_FORMAT_JSON, &o), CERTSHOW_E_INVAL);
	ck_assert_ptr_nonnull(strstr(certshow_ctx_error(ctx), "version"));

	/* Adding after finish is the caller's bug. */
	full = fopen("/dev/null", "w");
	ck_assert_ptr_nonnull(full);
	ck_assert_int_eq(certshow_writer_new(ctx, &w, full,
	    CERTSHOW_FORMAT_TEXT, NULL), 0);
	ck_assert_int_eq(certshow_writer_finish(ctx, w), 0);
	ck_assert_int_eq(certshow_writer_add_cert(ctx, w, cert),
	    CERTSHOW_E_INVAL);
	ck_assert_int_eq(certshow_writer_add_cert(ctx, NULL, cert),
	    CERTSHOW_E_INVAL);
	certshow_writer_free(w);
	fclose(full);
	certshow_writer_free(NULL);

	/* A failing stream is an I/O error, reported at the latest by
	 * finish (stdio may buffer the bytes until then). */
	full = fopen("/dev/full", "w");
	if (full != NULL) {
		int rv;

		ck_assert_int_eq(certshow_writer_new(ctx, &w, full,
		    CERTSHOW_FORMAT_JSON, NULL), 0);
		rv = certshow_writer_add_cert(ctx, w, cert);
		ck_assert(rv == 0 || rv == CERTSHOW_E_IO);
		ck_assert_int_eq(certshow_writer_finish(ctx, w),
		    CERTSHOW_E_IO);
		certshow_writer_free(w);
		fclose(full);
	}
	certshow_cert_free(cert);
	certshow_ctx_free(ctx);
}
END_TEST

struct ip_row {
	uint8_t in[32];
	size_t len;
	const char *want;
};

static const struct ip_row ip_rows[] = {
	{ { 192, 0, 2, 1 }, 4, "192.0.2.1" },
	{ { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, 16,
	    "2001:db8::1" },
	{ { 0 }, 16, "::" },
	{ { 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1 }, 16,
	    "1:0:1::1:0:1" },
	{ { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1 }, 16,
	    "2001:db8:0:1:1:1:1:1" },
	{ { 10, 0, 0, 0, 255, 0, 0, 0 }, 8, "10.0.0.0/8" },
	{ { 10, 0, 0, 0, 255, 0, 255, 0 }, 8, "10.0.0.0/255.0.255.0" },
	{ { 1, 2, 3 }, 3, "010203" },
};

START_TEST(test_fmt_ip)
{
	const struct ip_row *r = &ip_rows[_i];
	char buf[128];

	certshow__fmt_ip(buf, sizeof(buf), r->in, r->len);
	ck_assert_msg(strcmp(buf, r->want) == 0, "row %d: got %s want %s", _i,
	    buf, r->want);
}
END_TEST

static Suite *
format_suite(void)
{
	Suite *s = suite_create("format");
	TCase *tc = tcase_create("escaping");
	size_t n = sizeof(esc_rows) / sizeof(esc_rows[0]);

	tcase_add_loop_test(tc, test_json_string, 0, (int)n);
	tcase_add_loop_test(tc, test_json_string_parses, 0, (int)n);
	tcase_add_loop_test(tc, test_py_string, 0, (int)n);
	tcase_add_loop_test(tc, test_text_string, 0, (int)n);
	tcase_add_loop_test(tc, test_fmt_ip, 0,
	    (int)(sizeof(ip_rows) / sizeof(ip_rows[0])));
	suite_add_tcase(s, tc);

	tc = tcase_create("writers");
	tcase_add_test(tc, test_json_document);
	tcase_add_test(tc, test_json_empty);
	tcase_add_loop_test(tc, test_json_sct_version, 0, 2);
	tcase_add_test(tc, test_json_policy_qualifiers);
	tcase_add_test(tc, test_json_policy_qualifier_malformed);
	tcase_add_loop_test(tc, test_json_value_tag, 0, 5);
	tcase_add_loop_test(tc, test_text_relative, 0,
	    (int)(sizeof(rel_rows) / sizeof(rel_rows[0])));
	tcase_add_test(tc, test_text_block);
	tcase_add_test(tc, test_pem_roundtrip);
	tcase_add_test(tc, test_python_separator);
	tcase_add_test(tc, test_writer_errors);
	tcase_add_test(tc, test_error_names);
	tcase_add_test(tc, test_writer_add_error);
	tcase_add_test(tc, test_json_results_empty);
	tcase_add_loop_test(tc, test_cert_expiry, 0,
	    (int)(sizeof(expiry_rows) / sizeof(expiry_rows[0])));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(format_suite());
}
