/*
 * check_hostile.c - hostile input against the library: every row names
 * an input, and asserts the exact number of certificates, the exact error
 * code and the exact message the reader gives. Nothing may crash, hang or
 * leak (the sanitizer build runs this suite too).
 *
 * Large inputs (100 MB, 100,000 certificates, 100,000 names) are built at
 * test time in memory or in a temporary directory that is removed after.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "testutil.h"

/* ------------------------------------------------------------------ */
/* A growable byte buffer and a minimal DER builder                     */
/* ------------------------------------------------------------------ */

struct buf {
	uint8_t *p;
	size_t n, cap;
};

static void
put(struct buf *b, const void *p, size_t n)
{
	if (b->n + n > b->cap) {
		size_t nc = b->cap ? b->cap : 256;

		while (nc < b->n + n) {
			nc *= 2;
		}
		b->p = realloc(b->p, nc);
		ck_assert_ptr_nonnull(b->p);
		b->cap = nc;
	}
	if (n > 0) {
		memcpy(b->p + b->n, p, n);
	}
	b->n += n;
}

static void
put_str(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void
put_byte(struct buf *b, uint8_t c)
{
	put(b, &c, 1);
}

/* Identifier and minimal definite length (X.690 10.1). */
static void
put_hdr(struct buf *b, uint8_t tag, size_t len)
{
	uint8_t l[9];
	size_t k = 0, i;

	put_byte(b, tag);
	if (len < 128) {
		put_byte(b, (uint8_t)len);
		return;
	}
	while (k < sizeof(len) && (len >> (8 * k)) != 0) {
		k++;
	}
	l[0] = (uint8_t)(0x80 | k);
	for (i = 0; i < k; i++) {
		l[1 + i] = (uint8_t)(len >> (8 * (k - 1 - i)));
	}
	put(b, l, k + 1);
}

static void
put_tlv(struct buf *b, uint8_t tag, const void *p, size_t n)
{
	put_hdr(b, tag, n);
	put(b, p, n);
}

/* Append TLV(tag, inner) and free inner. */
static void
wrap(struct buf *b, uint8_t tag, struct buf *inner)
{
	put_tlv(b, tag, inner->p, inner->n);
	free(inner->p);
	memset(inner, 0, sizeof(*inner));
}

#define T_BOOL 0x01
#define T_INT 0x02
#define T_BITS 0x03
#define T_OCTETS 0x04
#define T_NULL 0x05
#define T_OID 0x06
#define T_UTF8 0x0C
#define T_IA5 0x16
#define T_UTCTIME 0x17
#define T_GENTIME 0x18
#define T_SEQ 0x30
#define T_SET 0x31

static const uint8_t oid_cn[] = { 0x55, 0x04, 0x03 };
static const uint8_t oid_o[] = { 0x55, 0x04, 0x0A };
static const uint8_t oid_san[] = { 0x55, 0x1D, 0x11 };
static const uint8_t oid_crldp[] = { 0x55, 0x1D, 0x1F };
static const uint8_t oid_aia[] = { 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01,
	0x01 };
static const uint8_t oid_ocsp[] = { 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30,
	0x01 };
static const uint8_t oid_sha256_rsa[] = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D,
	0x01, 0x01, 0x0B };

/* Name ::= SEQUENCE OF SET OF AttributeTypeAndValue; one attribute per
 * RDN. */
static void
put_name(struct buf *b, const uint8_t *const *oids, const uint8_t *tags,
    const char *const *vals, const size_t *lens, size_t n)
{
	struct buf name = { 0 }, set = { 0 }, atv = { 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		put_tlv(&atv, T_OID, oids[i], 3);
		put_tlv(&atv, tags[i], vals[i], lens[i]);
		wrap(&set, T_SEQ, &atv);
		wrap(&name, T_SET, &set);
	}
	wrap(b, T_SEQ, &name);
}

/* Extension ::= SEQUENCE { extnID, critical DEFAULT FALSE, extnValue }. */
static void
put_ext(struct buf *b, const uint8_t *oid, size_t oid_len, struct buf *value)
{
	struct buf ext = { 0 }, os = { 0 };

	put_tlv(&ext, T_OID, oid, oid_len);
	wrap(&os, T_SEQ, value);
	wrap(&ext, T_OCTETS, &os);
	wrap(b, T_SEQ, &ext);
}

/* An unsigned v3 certificate (decoding does not check signatures): the
 * subject is CN=<cn>, O=<org> as UTF8Strings, the key comes from
 * data/certs/ecdsa-p256.der, and `exts` (consumed) is the body of the
 * extensions SEQUENCE, or empty. */
static void
build_cert(struct buf *out, const char *cn, size_t cn_len, const char *org,
    size_t org_len, struct buf *exts)
{
	static const uint8_t version[] = { 0xA0, 0x03, 0x02, 0x01, 0x02 };
	static const uint8_t serial[] = { 0x02, 0x01, 0x01 };
	static const uint8_t bits[] = { 0x00, 0xAB, 0xCD };
	const uint8_t *oids[2] = { oid_cn, oid_o };
	const uint8_t tags[2] = { T_UTF8, T_UTF8 };
	const char *vals[2];
	size_t lens[2];
	struct buf tbs = { 0 }, alg = { 0 }, validity = { 0 }, cert = { 0 };
	struct buf x = { 0 };
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *key = NULL;
	const uint8_t *spki;
	uint8_t *der;
	size_t len;

	ck_assert_ptr_nonnull(ctx);
	der = test_read_file(test_data_path("certs/ecdsa-p256.der"), &len);
	ck_assert_int_eq(certshow_cert_from_der(ctx, &key, der, len), 0);
	free(der);

	put_tlv(&alg, T_OID, oid_sha256_rsa, sizeof(oid_sha256_rsa));
	put_tlv(&alg, T_NULL, NULL, 0);

	put(&tbs, version, sizeof(version));
	put(&tbs, serial, sizeof(serial));
	put_tlv(&tbs, T_SEQ, alg.p, alg.n);
	vals[0] = "hostile issuer";
	lens[0] = strlen(vals[0]);
	put_name(&tbs, oids, tags, vals, lens, 1);
	put_tlv(&validity, T_UTCTIME, "000101000000Z", 13);
	put_tlv(&validity, T_GENTIME, "20991231235959Z", 15);
	wrap(&tbs, T_SEQ, &validity);
	vals[0] = cn;
	lens[0] = cn_len;
	vals[1] = org;
	lens[1] = org_len;
	put_name(&tbs, oids, tags, vals, lens, org != NULL ? 2 : 1);
	spki = certshow_cert_raw(key, CERTSHOW_RAW_SPKI, &len);
	put(&tbs, spki, len);
	if (exts != NULL && exts->n > 0) {
		wrap(&x, T_SEQ, exts);
		wrap(&tbs, 0xA3, &x);
	}

	wrap(&cert, T_SEQ, &tbs);
	put_tlv(&cert, T_SEQ, alg.p, alg.n);
	put_tlv(&cert, T_BITS, bits, sizeof(bits));
	wrap(out, T_SEQ, &cert);

	free(alg.p);
	certshow_cert_free(key);
	certshow_ctx_free(ctx);
}

/* ------------------------------------------------------------------ */
/* Running a reader to its end                                          */
/* ------------------------------------------------------------------ */

/* What a reader produced: certificates, errors, and the first error's
 * code and message. */
struct outcome {
	size_t n_cert;
	size_t n_err;
	int code;
	char msg[CERTSHOW__ERRBUF];
};

/* Drain a reader; at most `bound` calls, so a reader that never ends
 * fails the test instead of hanging it. */
static void
drain(struct certshow_ctx *ctx, struct certshow_reader *r,
    struct outcome *o, size_t bound)
{
	struct certshow_cert *c;
	size_t calls = 0;
	int rv;

	for (;;) {
		ck_assert_msg(calls++ < bound, "reader does not end");
		rv = certshow_reader_next(ctx, r, &c);
		if (rv == 0 && c == NULL) {
			break;
		}
		if (rv < 0) {
			ck_assert_ptr_null(c);
			ck_assert_int_eq(certshow__ctx_error_code(ctx), rv);
			if (o->n_err++ == 0) {
				o->code = rv;
				snprintf(o->msg, sizeof(o->msg), "%s",
				    certshow_ctx_error(ctx));
			}
			continue;
		}
		ck_assert_int_eq(rv, 0);
		ck_assert_ptr_nonnull(c);
		o->n_cert++;
		certshow_cert_free(c);
	}
	/* The end is sticky. */
	ck_assert_int_eq(certshow_reader_next(ctx, r, &c), 0);
	ck_assert_ptr_null(c);
}

static void
run_mem(const uint8_t *p, size_t n, struct outcome *o, size_t bound)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_reader *r = NULL;

	memset(o, 0, sizeof(*o));
	ck_assert_ptr_nonnull(ctx);
	ck_assert_int_eq(certshow_reader_open_mem(ctx, &r, p, n, "in"), 0);
	drain(ctx, r, o, bound);
	certshow_reader_free(r);
	certshow_ctx_free(ctx);
}

/* ------------------------------------------------------------------ */
/* The table                                                            */
/* ------------------------------------------------------------------ */

static void
in_empty(struct buf *b)
{
	(void)b;
}

static void
in_whitespace(struct buf *b)
{
	put_str(b, " \t\r\n\n   \r\n\t\n");
}

/* 4 KiB of deterministic junk (xorshift32), not starting like DER. */
static void
in_junk(struct buf *b)
{
	uint32_t x = 2463534242u;
	size_t i;

	put_byte(b, 0xA5);
	for (i = 1; i < 4096; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		put_byte(b, (uint8_t)x);
	}
}

static void
in_pem_no_end(struct buf *b)
{
	put_str(b, "-----BEGIN CERTIFICATE-----\n"
	    "MIIBszCCAVmgAwIBAgIUPqa2\n");
}

static void
in_bad_base64(struct buf *b)
{
	put_str(b, "-----BEGIN CERTIFICATE-----\n"
	    "MIIBszCCAVmg*wIBAgIUPqa2\n"
	    "-----END CERTIFICATE-----\n");
}

static void
in_der_trailing(struct buf *b)
{
	size_t n;
	uint8_t *der = test_read_file(test_data_path("certs/rsa2048.der"), &n);

	put(b, der, n);
	put_str(b, "\n");
	free(der);
}

/* A BER indefinite length on the outer SEQUENCE. */
static void
in_ber_indefinite_outer(struct buf *b)
{
	size_t n;
	uint8_t *der = test_read_file(test_data_path("certs/rsa2048.der"), &n);

	put_byte(b, 0x30);
	put_byte(b, 0x80);
	put(b, der + 4, n - 4);
	put_byte(b, 0x00);
	put_byte(b, 0x00);
	free(der);
}

/* A BER indefinite length on the tbsCertificate inside a DER outer
 * SEQUENCE. */
static void
in_ber_indefinite_inner(struct buf *b)
{
	struct buf in = { 0 };

	put_byte(&in, 0x30);
	put_byte(&in, 0x80);
	put_tlv(&in, T_INT, "\x01", 1);
	put_byte(&in, 0x00);
	put_byte(&in, 0x00);
	while (in.n < 200) {
		put_byte(&in, 0x00);
	}
	wrap(b, T_SEQ, &in);
}

static void
in_len_ffffffff(struct buf *b)
{
	put(b, "\x30\x84\xFF\xFF\xFF\xFF\x02\x01\x00", 9);
}

static void
in_len_8_octets(struct buf *b)
{
	put(b, "\x30\x88\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x02\x01\x00", 13);
}

/* The outer SEQUENCE is fine; the tbsCertificate claims 4 GiB. */
static void
in_len_inner_ffffffff(struct buf *b)
{
	struct buf in = { 0 };

	put(&in, "\x30\x84\xFF\xFF\xFF\xFF\x02\x01\x00", 9);
	while (in.n < 200) {
		put_byte(&in, 0x00);
	}
	wrap(b, T_SEQ, &in);
}

/* The tbsCertificate's length has 8 octets (2^64 - 1). */
static void
in_len_inner_8_octets(struct buf *b)
{
	struct buf in = { 0 };

	put(&in, "\x30\x88\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x02\x01\x00", 13);
	while (in.n < 200) {
		put_byte(&in, 0x00);
	}
	wrap(b, T_SEQ, &in);
}

/* SEQUENCE nested 10,000 deep. */
static void
in_deep(struct buf *b)
{
	struct buf x = { 0 };
	size_t i;

	put_tlv(&x, T_NULL, NULL, 0);
	for (i = 0; i < 10000; i++) {
		struct buf y = { 0 };

		wrap(&y, T_SEQ, &x);
		x = y;
	}
	put(b, x.p, x.n);
	free(x.p);
}

/* A certificate whose unknown extension nests 10,000 deep, and whose
 * subject has an attribute value nested 10,000 deep. */
static void
in_deep_in_cert(struct buf *b)
{
	static const uint8_t oid_unknown[] = { 0x2B, 0x06, 0x01, 0x04, 0x01,
		0x83, 0xB2, 0x03, 0x01 };
	struct buf exts = { 0 }, x = { 0 };
	size_t i;

	put_tlv(&x, T_NULL, NULL, 0);
	for (i = 0; i < 10000; i++) {
		struct buf y = { 0 };

		wrap(&y, T_SEQ, &x);
		x = y;
	}
	put_ext(&exts, oid_unknown, sizeof(oid_unknown), &x);
	build_cert(b, "deep.example", 12, NULL, 0, &exts);
}

struct row {
	const char *name;
	void (*build)(struct buf *);
	size_t n_cert;
	size_t n_err;
	int code;
	const char *msg; /* first error; NULL when none */
};

static const struct row rows[] = {
	{ "empty", in_empty, 0, 1, CERTSHOW_E_PARSE, "in: empty input" },
	{ "whitespace", in_whitespace, 0, 1, CERTSHOW_E_PARSE,
	    "in: no certificate found (only whitespace)" },
	{ "junk", in_junk, 0, 1, CERTSHOW_E_PARSE,
	    "in: no certificate found (no PEM BEGIN line, and not DER)" },
	{ "pem-no-end", in_pem_no_end, 0, 1, CERTSHOW_E_PARSE,
	    "in: certificate #0: missing END line for BEGIN CERTIFICATE at "
	    "line 1 (end of input)" },
	{ "bad-base64", in_bad_base64, 0, 1, CERTSHOW_E_PARSE,
	    "in: certificate #0: bad base64 at line 2: unexpected character "
	    "'*'" },
	{ "der-trailing", in_der_trailing, 0, 1, CERTSHOW_E_PARSE,
	    "in: trailing data after the DER certificate at byte offset "
	    "868" },
	{ "ber-indefinite-outer", in_ber_indefinite_outer, 0, 1,
	    CERTSHOW_E_PARSE,
	    "in: indefinite length (BER) at byte offset 1: DER required" },
	{ "ber-indefinite-inner", in_ber_indefinite_inner, 0, 1,
	    CERTSHOW_E_PARSE,
	    "in: certificate #0: certificate: tbsCertificate at offset 3: "
	    "invalid or non-minimal length" },
	{ "len-84-ffffffff", in_len_ffffffff, 0, 1, CERTSHOW_E_LIMIT,
	    "in: certificate #0: 4294967301 bytes, larger than the "
	    "certificate size limit (1048576 bytes)" },
	{ "len-88", in_len_8_octets, 0, 1, CERTSHOW_E_PARSE,
	    "in: no certificate found (no PEM BEGIN line, and not DER)" },
	{ "len-inner-84-ffffffff", in_len_inner_ffffffff, 0, 1,
	    CERTSHOW_E_PARSE,
	    "in: certificate #0: certificate: tbsCertificate at offset 3: "
	    "invalid or non-minimal length" },
	{ "len-inner-88", in_len_inner_8_octets, 0, 1, CERTSHOW_E_PARSE,
	    "in: certificate #0: certificate: tbsCertificate at offset 3: "
	    "invalid or non-minimal length" },
	{ "deep-10000", in_deep, 0, 1, CERTSHOW_E_PARSE,
	    "in: certificate #0: certificate: signatureAlgorithm at offset "
	    "39833: truncated" },
	{ "deep-10000-in-extension", in_deep_in_cert, 1, 0, 0, NULL },
};

START_TEST(test_table)
{
	const struct row *row = &rows[_i];
	struct buf b = { 0 };
	struct outcome o;

	row->build(&b);
	run_mem(b.p, b.n, &o, 16);
	ck_assert_msg(o.n_cert == row->n_cert && o.n_err == row->n_err,
	    "row %s: %zu certificates and %zu errors, want %zu and %zu "
	    "(first error: %s)", row->name, o.n_cert, o.n_err, row->n_cert,
	    row->n_err, o.msg);
	ck_assert_msg(o.code == row->code, "row %s: code %d, want %d (%s)",
	    row->name, o.code, row->code, o.msg);
	if (row->msg != NULL) {
		ck_assert_msg(strcmp(o.msg, row->msg) == 0,
		    "row %s: message\n  '%s'\nwant\n  '%s'", row->name, o.msg,
		    row->msg);
	}
	free(b.p);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Truncation at every length                                           */
/* ------------------------------------------------------------------ */

/* DER of one real certificate cut at every length: the reader reports
 * exactly one error and no certificate, and the direct decoder fails
 * with CERTSHOW_E_PARSE, at every length. */
START_TEST(test_truncated_der_every_length)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c;
	struct outcome o;
	char want[8400];
	uint8_t *der;
	size_t n, k;
	int rv;

	ck_assert_ptr_nonnull(ctx);
	der = test_read_file(test_data_path("certs/rsa2048.der"), &n);
	ck_assert_uint_eq(n, 868);
	for (k = 0; k < n; k++) {
		run_mem(der, k, &o, 8);
		ck_assert_msg(o.n_cert == 0 && o.n_err == 1 &&
		    o.code == CERTSHOW_E_PARSE,
		    "length %zu: %zu certs, %zu errors, code %d (%s)", k,
		    o.n_cert, o.n_err, o.code, o.msg);
		if (k == 0) {
			snprintf(want, sizeof(want), "in: empty input");
		} else if (k == 1) {
			snprintf(want, sizeof(want), "in: no certificate found "
			    "(no PEM BEGIN line, and not DER)");
		} else if (k < 5) {
			snprintf(want, sizeof(want), "in: truncated DER: %zu "
			    "bytes", k);
		} else {
			snprintf(want, sizeof(want), "in: truncated DER: the "
			    "header announces 868 bytes, the input has %zu",
			    k);
		}
		ck_assert_msg(strcmp(o.msg, want) == 0,
		    "length %zu: '%s', want '%s'", k, o.msg, want);

		c = NULL;
		rv = certshow_cert_from_der(ctx, &c, der, k);
		ck_assert_msg(rv == CERTSHOW_E_PARSE && c == NULL,
		    "length %zu: decoder returned %d", k, rv);
		ck_assert_int_eq(certshow__ctx_error_code(ctx),
		    CERTSHOW_E_PARSE);
		ck_assert_msg(strncmp(certshow_ctx_error(ctx), "certificate",
		    11) == 0, "length %zu: '%s'", k, certshow_ctx_error(ctx));
	}
	/* The positive twin: the whole certificate decodes. */
	run_mem(der, n, &o, 8);
	ck_assert_uint_eq(o.n_cert, 1);
	ck_assert_uint_eq(o.n_err, 0);
	free(der);
	certshow_ctx_free(ctx);
}
END_TEST

/* PEM of the same certificate cut at every length: no certificate and
 * exactly one CERTSHOW_E_PARSE error until the END line is complete. */
START_TEST(test_truncated_pem_every_length)
{
	static const char end[] = "-----END CERTIFICATE-----";
	struct outcome o;
	uint8_t *pem;
	size_t n, k, end_at;
	char *e;

	pem = test_read_file(test_data_path("certs/rsa2048.pem"), &n);
	pem = realloc(pem, n + 1);
	ck_assert_ptr_nonnull(pem);
	pem[n] = '\0';
	e = strstr((char *)pem, end);
	ck_assert_ptr_nonnull(e);
	end_at = (size_t)(e - (char *)pem) + strlen(end);
	for (k = 0; k <= n; k++) {
		run_mem(pem, k, &o, 8);
		if (k >= end_at) {
			ck_assert_msg(o.n_cert == 1 && o.n_err == 0,
			    "length %zu: %zu certs, %zu errors (%s)", k,
			    o.n_cert, o.n_err, o.msg);
			continue;
		}
		ck_assert_msg(o.n_cert == 0 && o.n_err == 1 &&
		    o.code == CERTSHOW_E_PARSE,
		    "length %zu: %zu certs, %zu errors, code %d (%s)", k,
		    o.n_cert, o.n_err, o.code, o.msg);
	}
	free(pem);
}
END_TEST

/* A DER PKCS#7 bundle cut at every length. */
START_TEST(test_truncated_p7b_every_length)
{
	struct outcome o;
	uint8_t *der;
	size_t n, k;

	der = test_read_file(test_data_path("certs/bundle-der.p7b"), &n);
	for (k = 0; k < n; k++) {
		run_mem(der, k, &o, 8);
		ck_assert_msg(o.n_cert == 0 && o.n_err == 1 &&
		    o.code == CERTSHOW_E_PARSE,
		    "length %zu: %zu certs, %zu errors, code %d (%s)", k,
		    o.n_cert, o.n_err, o.code, o.msg);
	}
	run_mem(der, n, &o, 16);
	ck_assert_uint_gt(o.n_cert, 1);
	ck_assert_uint_eq(o.n_err, 0);
	free(der);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Size and count limits at their defaults                              */
/* ------------------------------------------------------------------ */

/* `copies` times the smallest PEM certificate of data/. */
static uint8_t *
repeat_pem(size_t copies, size_t *len)
{
	uint8_t *one, *all;
	size_t n, i;

	one = test_read_file(test_data_path("certs/ed25519.pem"), &n);
	all = malloc(n * copies);
	ck_assert_ptr_nonnull(all);
	for (i = 0; i < copies; i++) {
		memcpy(all + i * n, one, n);
	}
	free(one);
	*len = n * copies;
	return all;
}

/* 100,000 certificates (the default CERTSHOW_LIMIT_CERTS) all load. */
START_TEST(test_100000_certs)
{
	struct outcome o;
	uint8_t *all;
	size_t len;

	all = repeat_pem(100000, &len);
	run_mem(all, len, &o, 100010);
	ck_assert_uint_eq(o.n_cert, 100000);
	ck_assert_uint_eq(o.n_err, 0);
	free(all);
}
END_TEST

/* One more: 100,000 certificates, then a fatal CERTSHOW_E_LIMIT. */
START_TEST(test_100001_certs)
{
	struct outcome o;
	uint8_t *all;
	size_t len;

	all = repeat_pem(100001, &len);
	run_mem(all, len, &o, 100010);
	ck_assert_uint_eq(o.n_cert, 100000);
	ck_assert_uint_eq(o.n_err, 1);
	ck_assert_int_eq(o.code, CERTSHOW_E_LIMIT);
	ck_assert_str_eq(o.msg, "in: more than 100000 certificates "
	    "(certificate count limit)");
	free(all);
}
END_TEST

/* A certificate with `n` dNSName SANs "NNNNNN". */
static void
build_many_sans(struct buf *b, size_t n)
{
	struct buf exts = { 0 }, names = { 0 };
	char s[24];
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(s, sizeof(s), "%06zu", i);
		put_tlv(&names, 0x82, s, strlen(s));
	}
	put_ext(&exts, oid_san, sizeof(oid_san), &names);
	build_cert(b, "sans.example", 12, NULL, 0, &exts);
}

START_TEST(test_100000_sans)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c = NULL;
	enum certshow_gn_type type;
	const uint8_t *v;
	struct buf b = { 0 };
	size_t len;

	ck_assert_ptr_nonnull(ctx);
	build_many_sans(&b, 100000);
	ck_assert_int_eq(certshow_cert_from_der(ctx, &c, b.p, b.n), 0);
	ck_assert_uint_eq(certshow_cert_count(c, CERTSHOW_LIST_SAN), 100000);
	ck_assert_int_eq(certshow_cert_general_name(c, CERTSHOW_LIST_SAN, 99999,
	    &type, NULL, &v, &len),
	    0);
	ck_assert_int_eq(type, CERTSHOW_GN_DNS);
	ck_assert_uint_eq(len, 6);
	ck_assert_int_eq(memcmp(v, "099999", 6), 0);
	certshow_cert_free(c);
	free(b.p);
	certshow_ctx_free(ctx);
}
END_TEST

/* One name more than CERTSHOW_LIMIT_NAMES. */
START_TEST(test_100001_sans)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c = NULL;
	struct buf b = { 0 };

	ck_assert_ptr_nonnull(ctx);
	build_many_sans(&b, 100001);
	ck_assert_int_eq(certshow_cert_from_der(ctx, &c, b.p, b.n),
	    CERTSHOW_E_LIMIT);
	ck_assert_ptr_null(c);
	ck_assert_str_eq(certshow_ctx_error(ctx), "certificate: 100001 "
	    "names (subject alternative names and name constraints), more "
	    "than the limit of 100000");
	/* A lower limit applies the same way. */
	ck_assert_int_eq(certshow_ctx_set_limit(ctx, CERTSHOW_LIMIT_NAMES,
	    100002), 0);
	ck_assert_int_eq(certshow_cert_from_der(ctx, &c, b.p, b.n), 0);
	certshow_cert_free(c);
	free(b.p);
	certshow_ctx_free(ctx);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Files: 100 MB, directory, FIFO, permissions                          */
/* ------------------------------------------------------------------ */

static char tmpdir[4096];

static void
tmp_setup(void)
{
	const char *base = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/check_hostile.XXXXXX",
	    base != NULL && base[0] != '\0' ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
tmp_teardown(void)
{
	char cmd[4200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0) {
		fprintf(stderr, "cannot remove %s\n", tmpdir);
	}
}

static const char *
tmp_path(const char *name)
{
	static char p[4200];

	snprintf(p, sizeof(p), "%s/%s", tmpdir, name);
	return p;
}

static void
run_file(const char *path, struct outcome *o, int *open_rv)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_reader *r = NULL;

	memset(o, 0, sizeof(*o));
	ck_assert_ptr_nonnull(ctx);
	*open_rv = certshow_reader_open_file(ctx, &r, path);
	if (*open_rv < 0) {
		ck_assert_ptr_null(r);
		o->code = *open_rv;
		snprintf(o->msg, sizeof(o->msg), "%s", certshow_ctx_error(ctx));
	} else {
		drain(ctx, r, o, 16);
		certshow_reader_free(r);
	}
	certshow_ctx_free(ctx);
}

/* A sparse 100 MB file is refused before anything is read. */
START_TEST(test_100mb_sparse)
{
	struct outcome o;
	char want[8400];
	int fd, rv;

	fd = open(tmp_path("big"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, 100 * 1000 * 1000), 0);
	close(fd);
	run_file(tmp_path("big"), &o, &rv);
	ck_assert_int_eq(rv, CERTSHOW_E_LIMIT);
	snprintf(want, sizeof(want), "%s: input larger than the input size "
	    "limit (67108864 bytes)", tmp_path("big"));
	ck_assert_str_eq(o.msg, want);
}
END_TEST

/* Write `len` bytes of `p` (repeated) to a FIFO from a child process. */
static pid_t
fifo_writer(const char *path, const uint8_t *p, size_t n, size_t total)
{
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int fd = open(path, O_WRONLY);
		size_t done = 0;

		signal(SIGPIPE, SIG_DFL);
		if (fd < 0) {
			_exit(1);
		}
		while (done < total && n > 0) {
			size_t k = total - done < n ? total - done : n;
			ssize_t w = write(fd, p, k);

			if (w <= 0) {
				_exit(2);
			}
			done += (size_t)w;
		}
		close(fd);
		_exit(0);
	}
	return pid;
}

static int
reap(pid_t pid)
{
	int st;

	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	return st;
}

/* 100 MB streamed through a FIFO: the reader stops at 64 MiB. */
START_TEST(test_100mb_streamed)
{
	static uint8_t zeros[65536];
	struct outcome o;
	char want[8400];
	pid_t pid;
	int rv, st;

	ck_assert_int_eq(mkfifo(tmp_path("fifo"), 0600), 0);
	pid = fifo_writer(tmp_path("fifo"), zeros, sizeof(zeros),
	    100 * 1000 * 1000);
	run_file(tmp_path("fifo"), &o, &rv);
	ck_assert_int_eq(rv, 0);
	ck_assert_uint_eq(o.n_cert, 0);
	ck_assert_uint_eq(o.n_err, 1);
	ck_assert_int_eq(o.code, CERTSHOW_E_LIMIT);
	snprintf(want, sizeof(want), "%s: input larger than the input size "
	    "limit (67108864 bytes)", tmp_path("fifo"));
	ck_assert_str_eq(o.msg, want);
	/* The writer was cut off (SIGPIPE or EPIPE), not left blocked. */
	st = reap(pid);
	ck_assert(WIFSIGNALED(st) || (WIFEXITED(st) &&
	    WEXITSTATUS(st) == 2));
}
END_TEST

START_TEST(test_directory)
{
	struct outcome o;
	char want[8400];
	int rv;

	run_file(tmpdir, &o, &rv);
	ck_assert_int_eq(rv, CERTSHOW_E_IO);
	snprintf(want, sizeof(want), "%s: cannot read: %s", tmpdir,
	    strerror(EISDIR));
	ck_assert_str_eq(o.msg, want);
}
END_TEST

START_TEST(test_fifo_cert)
{
	struct outcome o;
	uint8_t *pem;
	size_t n;
	pid_t pid;
	int rv;

	pem = test_read_file(test_data_path("certs/bundle.pem"), &n);
	ck_assert_int_eq(mkfifo(tmp_path("fifo"), 0600), 0);
	pid = fifo_writer(tmp_path("fifo"), pem, n, n);
	run_file(tmp_path("fifo"), &o, &rv);
	ck_assert_int_eq(rv, 0);
	ck_assert_uint_eq(o.n_cert, 5);
	ck_assert_uint_eq(o.n_err, 0);
	ck_assert_int_eq(reap(pid), 0);
	free(pem);
}
END_TEST

START_TEST(test_fifo_empty)
{
	struct outcome o;
	char want[8400];
	pid_t pid;
	int rv;

	ck_assert_int_eq(mkfifo(tmp_path("fifo"), 0600), 0);
	pid = fifo_writer(tmp_path("fifo"), NULL, 0, 0);
	run_file(tmp_path("fifo"), &o, &rv);
	ck_assert_int_eq(rv, 0);
	ck_assert_uint_eq(o.n_cert, 0);
	ck_assert_int_eq(o.code, CERTSHOW_E_PARSE);
	snprintf(want, sizeof(want), "%s: empty input", tmp_path("fifo"));
	ck_assert_str_eq(o.msg, want);
	ck_assert_int_eq(reap(pid), 0);
}
END_TEST

START_TEST(test_unreadable)
{
	struct outcome o;
	char want[8400];
	int fd, rv;

	if (geteuid() == 0) {
		/* root reads any file: nothing to test. */
		return;
	}
	fd = open(tmp_path("secret.pem"), O_WRONLY | O_CREAT | O_TRUNC, 0);
	ck_assert_int_ge(fd, 0);
	close(fd);
	run_file(tmp_path("secret.pem"), &o, &rv);
	ck_assert_int_eq(rv, CERTSHOW_E_IO);
	snprintf(want, sizeof(want), "%s: cannot open: %s",
	    tmp_path("secret.pem"), strerror(EACCES));
	ck_assert_str_eq(o.msg, want);
}
END_TEST

START_TEST(test_missing)
{
	struct outcome o;
	char want[8400];
	int rv;

	run_file(tmp_path("nonexistent"), &o, &rv);
	ck_assert_int_eq(rv, CERTSHOW_E_IO);
	snprintf(want, sizeof(want), "%s: cannot open: %s",
	    tmp_path("nonexistent"), strerror(ENOENT));
	ck_assert_str_eq(o.msg, want);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Hostile strings never reach the output raw                           */
/* ------------------------------------------------------------------ */

/* NUL, terminal escapes (OSC title, CSI clear screen, 8-bit CSI as
 * UTF-8 U+009B), BEL, CR, DEL, invalid UTF-8 and a bidi override. */
static const char evil[] = "a\0b\x1b]0;pwned\x07\x1b[2J\r\x7f\xc2\x9b"
    "31m\xff\xfe\xc0\xaf\xe2\x80\xaez";
#define EVIL_LEN (sizeof(evil) - 1)

static void
in_evil_cert(struct buf *b)
{
	struct buf exts = { 0 }, v = { 0 }, ad = { 0 }, dp = { 0 }, x = { 0 };

	put_tlv(&v, 0x82, evil, EVIL_LEN);          /* dNSName */
	put_tlv(&v, 0x81, evil, EVIL_LEN);          /* rfc822Name */
	put_tlv(&v, 0x86, evil, EVIL_LEN);          /* URI */
	put_ext(&exts, oid_san, sizeof(oid_san), &v);

	/* AIA: one OCSP URI. */
	put_tlv(&ad, T_OID, oid_ocsp, sizeof(oid_ocsp));
	put_tlv(&ad, 0x86, evil, EVIL_LEN);
	wrap(&v, T_SEQ, &ad);
	put_ext(&exts, oid_aia, sizeof(oid_aia), &v);

	/* CRL DP: DistributionPoint { [0] { [0] { URI } } }. */
	put_tlv(&x, 0x86, evil, EVIL_LEN);
	wrap(&dp, 0xA0, &x);
	wrap(&x, 0xA0, &dp);
	wrap(&v, T_SEQ, &x);
	put_ext(&exts, oid_crldp, sizeof(oid_crldp), &v);

	build_cert(b, evil, EVIL_LEN, evil, EVIL_LEN, &exts);
}

/* Render `c` in `fmt` into memory. */
static char *
render(const struct certshow_cert *c, enum certshow_format fmt, size_t *len)
{
	struct certshow_write_opts wo = CERTSHOW_WRITE_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_writer *w = NULL;
	char *out = NULL;
	FILE *fp;

	ck_assert_ptr_nonnull(ctx);
	fp = open_memstream(&out, len);
	ck_assert_ptr_nonnull(fp);
	wo.now = 1700000000;
	wo.flags = CERTSHOW_WF_NO_COLOR;
	ck_assert_int_eq(certshow_writer_new(ctx, &w, fp, fmt, &wo), 0);
	ck_assert_int_eq(certshow_writer_add_cert(ctx, w, c), 0);
	ck_assert_int_eq(certshow_writer_finish(ctx, w), 0);
	certshow_writer_free(w);
	fclose(fp);
	certshow_ctx_free(ctx);
	return out;
}

/* No C0 control but newline and no DEL; with `c1` also no C1 control
 * encoded as UTF-8 (the text format escapes those too, JSON keeps them as
 * valid JSON, see check_format). */
static void
assert_inert(const char *what, const char *s, size_t n, bool c1)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i;

	for (i = 0; i < n; i++) {
		ck_assert_msg((p[i] >= 0x20 && p[i] != 0x7F) || p[i] == '\n',
		    "%s: raw byte 0x%02x at offset %zu", what, p[i], i);
		ck_assert_msg(!c1 || !(p[i] == 0xC2 && i + 1 < n &&
		    p[i + 1] >= 0x80 && p[i + 1] <= 0x9F),
		    "%s: C1 control U+00%02X at offset %zu", what, p[i + 1], i);
	}
}

static const char *const hostile_fixtures[] = {
	"certs/name-nul.der",
	"certs/name-ctrl.der",
	"certs/name-bad-utf8.der",
	"certs/san-all.der",
	NULL, /* the crafted certificate */
};

START_TEST(test_output_inert)
{
	static const enum certshow_format fmts[] = { CERTSHOW_FORMAT_TEXT,
		CERTSHOW_FORMAT_JSON, CERTSHOW_FORMAT_PYTHON };
	static const char *const fmt_names[] = { "text", "json", "python" };
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c = NULL;
	struct buf b = { 0 };
	char what[128];
	size_t f, len;
	char *out;

	ck_assert_ptr_nonnull(ctx);
	if (hostile_fixtures[_i] != NULL) {
		uint8_t *der = test_read_file(
		    test_data_path(hostile_fixtures[_i]), &len);

		put(&b, der, len);
		free(der);
	} else {
		in_evil_cert(&b);
	}
	ck_assert_msg(certshow_cert_from_der(ctx, &c, b.p, b.n) == 0,
	    "%s: %s", hostile_fixtures[_i] ? hostile_fixtures[_i] :
	    "crafted", certshow_ctx_error(ctx));
	for (f = 0; f < 3; f++) {
		out = render(c, fmts[f], &len);
		snprintf(what, sizeof(what), "%s as %s",
		    hostile_fixtures[_i] ? hostile_fixtures[_i] : "crafted",
		    fmt_names[f]);
		ck_assert_msg(len > 0, "%s: no output", what);
		assert_inert(what, out, len,
		    fmts[f] == CERTSHOW_FORMAT_TEXT);
		free(out);
	}
	certshow_cert_free(c);
	free(b.p);
	certshow_ctx_free(ctx);
}
END_TEST

/* The crafted certificate keeps its bytes: accessors return them
 * unchanged, with their length. */
START_TEST(test_evil_accessors)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c = NULL;
	enum certshow_gn_type type;
	const char *oid, *tn, *val;
	const uint8_t *v;
	struct buf b = { 0 };
	size_t len;

	ck_assert_ptr_nonnull(ctx);
	in_evil_cert(&b);
	ck_assert_int_eq(certshow_cert_from_der(ctx, &c, b.p, b.n), 0);
	ck_assert_uint_eq(certshow_cert_count(c, CERTSHOW_LIST_SAN), 3);
	ck_assert_int_eq(certshow_cert_general_name(c, CERTSHOW_LIST_SAN, 0,
	    &type, NULL, &v, &len), 0);
	ck_assert_int_eq(type, CERTSHOW_GN_DNS);
	ck_assert_uint_eq(len, EVIL_LEN);
	ck_assert_int_eq(memcmp(v, evil, EVIL_LEN), 0);
	ck_assert_int_eq(certshow_name_attr(certshow_cert_name(c,
	    CERTSHOW_DN_SUBJECT), 0, 0,
	    &oid, &tn, &val, &len), 0);
	ck_assert_str_eq(oid, "2.5.4.3");
	ck_assert_uint_eq(len, EVIL_LEN);
	ck_assert_int_eq(memcmp(val, evil, EVIL_LEN), 0);
	certshow_cert_free(c);
	free(b.p);
	certshow_ctx_free(ctx);
}
END_TEST

/* The certificate with a 10,000-deep extension value renders in every
 * format (nothing walks it recursively). */
START_TEST(test_deep_render)
{
	static const enum certshow_format fmts[] = { CERTSHOW_FORMAT_TEXT,
		CERTSHOW_FORMAT_JSON, CERTSHOW_FORMAT_PYTHON,
		CERTSHOW_FORMAT_PEM };
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_cert *c = NULL;
	struct buf b = { 0 };
	size_t f, len;
	char *out;

	ck_assert_ptr_nonnull(ctx);
	in_deep_in_cert(&b);
	ck_assert_int_eq(certshow_cert_from_der(ctx, &c, b.p, b.n), 0);
	ck_assert_uint_eq(certshow_cert_count(c, CERTSHOW_LIST_EXT), 1);
	for (f = 0; f < 4; f++) {
		out = render(c, fmts[f], &len);
		ck_assert_uint_gt(len, 0);
		assert_inert("deep", out, len,
		    fmts[f] == CERTSHOW_FORMAT_TEXT);
		free(out);
	}
	certshow_cert_free(c);
	free(b.p);
	certshow_ctx_free(ctx);
}
END_TEST

/* The raw ASN.1 view of 10,000-deep nesting stops at its depth limit
 * and says so; the linter reports it as a finding. */
START_TEST(test_asn1_deep)
{
	struct certshow_asn1_opts ao = CERTSHOW_ASN1_OPTS_INIT;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_lint *l = NULL;
	struct buf b = { 0 };
	char *out = NULL;
	size_t len;
	FILE *fp;

	ck_assert_ptr_nonnull(ctx);
	in_deep(&b);
	fp = open_memstream(&out, &len);
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(certshow_asn1_write(ctx, fp, b.p, b.n, &ao),
	    CERTSHOW_E_LIMIT);
	fclose(fp);
	ck_assert_str_eq(certshow_ctx_error(ctx), "at offset 256: nesting "
	    "deeper than 64");
	ck_assert_ptr_nonnull(strstr(out, "  256: ** stopped: nesting deeper "
	    "than 64\n"));
	free(out);

	ck_assert_int_eq(certshow_lint_new(ctx, &l), 0);
	ck_assert_int_eq(certshow_lint_add_input(ctx, l, b.p, b.n, "in",
	    NULL), 0);
	ck_assert_uint_eq(certshow_lint_count(l, CERTSHOW_LINT_CERTS), 1);
	ck_assert_uint_eq(certshow_lint_count(l, CERTSHOW_LINT_FINDINGS), 1);
	ck_assert_str_eq(test_finding(l, 0).id, "der-malformed");
	ck_assert_str_eq(test_finding(l, 0).message, "structure broken at "
	    "offset 256: nesting deeper than 64");
	certshow_lint_free(l);
	free(b.p);
	certshow_ctx_free(ctx);
}
END_TEST

/* The one growth rule: doubling from `first`, and NOMEM instead of a
 * wrapped size when the count or the bytes would not fit a size_t. */
START_TEST(test_grow_overflow)
{
	size_t cap = 0, n = 0;
	char *p, *q;

	ck_assert_int_eq(certshow__grow_cap(0, 1, 8, 16, &n), 0);
	ck_assert_uint_eq(n, 16);
	ck_assert_int_eq(certshow__grow_cap(16, 17, 8, 16, &n), 0);
	ck_assert_uint_eq(n, 32);
	ck_assert_int_eq(certshow__grow_cap(16, 100, 1, 16, &n), 0);
	ck_assert_uint_eq(n, 128);
	/* Doubling would wrap: the capacity is exactly what is needed. */
	ck_assert_int_eq(certshow__grow_cap(SIZE_MAX / 2 + 1, SIZE_MAX, 1, 8,
	    &n), 0);
	ck_assert_uint_eq(n, SIZE_MAX);
	/* The byte count would wrap. */
	n = 7;
	ck_assert_int_eq(certshow__grow_cap(SIZE_MAX / 8, SIZE_MAX / 8 + 1,
	    8, 8, &n), CERTSHOW_E_NOMEM);
	ck_assert_uint_eq(n, 7);
	ck_assert_int_eq(certshow__grow_cap(0, SIZE_MAX, sizeof(void *), 8,
	    &n), CERTSHOW_E_NOMEM);

	p = certshow__grow(NULL, &cap, 1, 1, 4);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(cap, 4);
	memcpy(p, "abc", 4);
	/* Room already: the same array. */
	ck_assert_ptr_eq(certshow__grow(p, &cap, 4, 1, 4), p);
	q = certshow__grow(p, &cap, 5, 1, 4);
	ck_assert_ptr_nonnull(q);
	ck_assert_uint_eq(cap, 8);
	ck_assert_str_eq(q, "abc");
	/* Overflow: NULL, and the array and its capacity stay valid. */
	ck_assert_ptr_null(certshow__grow(q, &cap, SIZE_MAX / 2 + 2, 2, 4));
	ck_assert_uint_eq(cap, 8);
	ck_assert_str_eq(q, "abc");
	free(q);
}
END_TEST

static Suite *
hostile_suite(void)
{
	Suite *s = suite_create("hostile");
	TCase *tc;

	tc = tcase_create("table");
	tcase_add_loop_test(tc, test_table, 0, sizeof(rows) / sizeof(rows[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("truncation");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_truncated_der_every_length);
	tcase_add_test(tc, test_truncated_pem_every_length);
	tcase_add_test(tc, test_truncated_p7b_every_length);
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_100000_certs);
	tcase_add_test(tc, test_100001_certs);
	tcase_add_test(tc, test_100000_sans);
	tcase_add_test(tc, test_100001_sans);
	tcase_add_test(tc, test_grow_overflow);
	suite_add_tcase(s, tc);

	tc = tcase_create("files");
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, test_100mb_sparse);
	tcase_add_test(tc, test_100mb_streamed);
	tcase_add_test(tc, test_directory);
	tcase_add_test(tc, test_fifo_cert);
	tcase_add_test(tc, test_fifo_empty);
	tcase_add_test(tc, test_unreadable);
	tcase_add_test(tc, test_missing);
	suite_add_tcase(s, tc);

	tc = tcase_create("strings");
	/* test_deep_render renders a deeply nested certificate in every
	 * format: seconds on a loaded machine, far past Check's 4 s. */
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_output_inert, 0,
	    sizeof(hostile_fixtures) / sizeof(hostile_fixtures[0]));
	tcase_add_test(tc, test_evil_accessors);
	tcase_add_test(tc, test_deep_render);
	tcase_add_test(tc, test_asn1_deep);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(hostile_suite());
}
