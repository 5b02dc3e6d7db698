/*
 * pem.c - certificate input: PEM/DER detection, PEM block splitting,
 * PKCS#7 certs-only bundles, bounded streaming readers, and chains; and
 * the one PEM/base64 parser of the library: the block iterator over a
 * buffer (CRLs strict, the ASN.1 view and lint lenient) shares the
 * reader's line, boundary, header and base64 rules (b64_line()).
 *
 * Implementation notes
 *
 * Detection looks at the first two bytes only. DER input starts with a
 * SEQUENCE (0x30) whose length uses the long form (0x81..0x84): every
 * certificate and every PKCS#7 bundle is longer than 127 bytes, and no
 * UTF-8 text has a byte 0x80..0x84 right after a leading '0'. 0x30 0x80
 * (BER indefinite length) is taken as DER too, to be reported as such.
 * Anything else is read as PEM text.
 *
 * PEM follows RFC 7468 with the "lax" parsing section 2 recommends:
 * arbitrary text between blocks, CRLF or LF line ends, whitespace inside
 * the base64, base64 lines of any length. It is strict where leniency
 * would hide damage: an invalid base64 character, data after padding, an
 * incomplete final group, an END line that does not match its BEGIN, or a
 * BEGIN without END are errors. RFC 1421 style headers ("Name: value")
 * before the base64 are skipped.
 *
 * Streaming: a file is read in CHUNK-sized pieces and one PEM block is
 * decoded at a time, so memory is bounded by the largest single block
 * (at most the certificate size limit, or the input size limit for a
 * PKCS#7 block) plus one chunk, whatever the number of certificates. A DER
 * input is one TLV and is read whole, within the same limits.
 *
 * Errors: messages start with the input's name, then "certificate #N"
 * (0-based position in the input) when one certificate is concerned. An
 * error confined to one certificate (bad base64, decode error, size limit,
 * an unsupported PKCS#7 entry) leaves the reader usable: the next call
 * continues with the next certificate, and the failed one still uses up
 * its index, so indexes always match positions in the input. Any other
 * error (I/O, input size or count limit, missing END line at the end of
 * input, malformed DER input) ends the reader: the next call returns 0.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (64u * 1024)
#define LABEL_MAX CERTSHOW__PEM_LABEL_MAX

/* What a PEM label carries. */
enum kind {
	K_OTHER = 0,  /* private key, CRL, ...: skipped */
	K_CERT,       /* CERTIFICATE, X509 CERTIFICATE */
	K_TRUSTED,    /* TRUSTED CERTIFICATE: certificate + OpenSSL aux */
	K_PKCS7       /* PKCS7, CMS: SignedData with certificates */
};

/* State of the base64 decoder across the lines of one block. */
struct b64 {
	uint32_t acc;         /* base64 bits of the current group */
	unsigned nacc;        /* characters in the current group */
	unsigned npad;        /* '=' seen in the current group */
	bool padded;          /* a group ended with padding */
};

enum state {
	S_START = 0,  /* nothing read yet: detect PEM or DER */
	S_OUTSIDE,    /* PEM: between blocks */
	S_BLOCK,      /* PEM: inside a certificate-bearing block */
	S_SKIP,       /* PEM: inside a block that carries no certificate */
	S_DISCARD,    /* PEM: rest of a block whose error was reported */
	S_DRAINED,    /* input consumed: say so if it held nothing */
	S_END         /* finished (or a fatal error was reported) */
};

struct certshow_reader {
	char *name;

	/* Source: memory, or a descriptor read in CHUNK-sized pieces. The
	 * unread bytes are src[pos..len). */
	const uint8_t *mem;
	int fd;               /* -1 for memory */
	bool own_fd;
	uint8_t *buf;         /* descriptor read buffer (CHUNK bytes) */
	size_t pos, len;
	bool eof;
	uint64_t total;       /* bytes taken from the source */
	uint64_t consumed;    /* bytes handed to the parser (offsets) */

	enum state st;
	unsigned long line;   /* current line, 1-based */
	bool mid_line;        /* the last fragment did not end its line */
	size_t index;         /* index of the next certificate */
	size_t n_errors;      /* errors reported so far */
	bool is_der;          /* the input is one DER TLV */
	bool input_done;      /* PEM: the last line was read */

	/* Current PEM block. */
	enum kind kind;
	char label[LABEL_MAX + 1];
	unsigned long begin_line;
	bool in_data;         /* base64 seen (no more headers) */
	unsigned long last_data_line;
	uint8_t *der;
	size_t der_len, der_cap;
	struct b64 b64;       /* base64 decoder state */

	/* Certificates pending from a PKCS#7 bundle: a cursor over the
	 * `certificates` SET inside `hold` (owned). */
	bool pending;
	struct certshow__der set;
	uint8_t *hold;
	unsigned long p7_line; /* PEM line of the bundle, 0 for DER */

	/* Statistics for the "no certificate found" message. */
	bool nonblank;
	size_t n_skipped;
	char skipped_label[LABEL_MAX + 1];
	unsigned long skipped_line;
	size_t n_p7;

	/* certshow__reader_next_der(): hand out each certificate's DER
	 * (a copy in raw, valid until the next call) without decoding. */
	bool want_raw;
	uint8_t *raw;
	size_t raw_len, raw_cap, raw_index;
};

struct certshow_chain {
	struct certshow_cert **v;
	size_t n, cap;
};

/* ------------------------------------------------------------------ */
/* Source                                                               */
/* ------------------------------------------------------------------ */

static const uint8_t *
src(const struct certshow_reader *r)
{
	return r->fd < 0 ? r->mem : r->buf;
}

/* Read more bytes from the descriptor into buf[len..CHUNK). */
static int
fill(struct certshow_ctx *ctx, struct certshow_reader *r)
{
	size_t max_input = certshow_ctx_get_limit(ctx,
	    CERTSHOW_LIMIT_INPUT_SIZE);
	ssize_t n;

	if (r->fd < 0 || r->eof) {
		return 0;
	}
	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	if (r->len == CHUNK) {
		return 0;
	}
	for (;;) {
		n = read(r->fd, r->buf + r->len, CHUNK - r->len);
		if (n >= 0) {
			break;
		}
		if (errno != EINTR) {
			return certshow__set_error_errno(ctx, CERTSHOW_E_IO,
			    "%s: read error", r->name);
		}
	}
	if (n == 0) {
		r->eof = true;
		return 0;
	}
	r->len += (size_t)n;
	r->total += (uint64_t)n;
	if (r->total > max_input) {
		return certshow__set_error(ctx, CERTSHOW_E_LIMIT,
		    "%s: input larger than the input size limit (%zu bytes)",
		    r->name, max_input);
	}
	return 0;
}

/* Make at least `want` (<= CHUNK) bytes available unless the input ends
 * first. */
static int
ensure(struct certshow_ctx *ctx, struct certshow_reader *r, size_t want)
{
	int rv;

	while (r->fd >= 0 && !r->eof && r->len - r->pos < want) {
		rv = fill(ctx, r);
		if (rv < 0) {
			return rv;
		}
	}
	return 0;
}

/* Next line without its '\n', or a CHUNK-sized fragment of a longer line.
 * Returns 1, 0 at the end of input, or a negative code. *cont is set when
 * the piece continues the previous one's line. */
static int
next_line(struct certshow_ctx *ctx, struct certshow_reader *r,
    const uint8_t **p, size_t *n, bool *cont)
{
	const uint8_t *s, *nl;
	bool ends;
	size_t take;
	int rv;

	for (;;) {
		s = src(r);
		nl = memchr(s + r->pos, '\n', r->len - r->pos);
		if (nl != NULL) {
			take = (size_t)(nl - (s + r->pos));
			ends = true;
			break;
		}
		if (r->fd < 0 || r->eof || (r->pos == 0 && r->len == CHUNK)) {
			/* Last line without '\n', or a fragment of a line
			 * longer than the buffer. */
			take = r->len - r->pos;
			if (take == 0) {
				return 0;
			}
			ends = r->fd < 0 || r->eof;
			break;
		}
		rv = fill(ctx, r);
		if (rv < 0) {
			return rv;
		}
	}
	*cont = r->mid_line;
	if (!r->mid_line) {
		r->line++;
	}
	r->mid_line = !ends;
	*p = s + r->pos;
	*n = take;
	r->pos += take + (nl != NULL ? 1 : 0);
	r->consumed += take + (nl != NULL ? 1 : 0);
	return 1;
}

/* ------------------------------------------------------------------ */
/* Errors                                                               */
/* ------------------------------------------------------------------ */

/* A fatal error: report it and end the reader. */
static int
fatal(struct certshow_reader *r, int code)
{
	r->st = S_END;
	r->pending = false;
	r->n_errors++;
	return code;
}

/* An error confined to one certificate: the reader goes on. */
static int
soft(struct certshow_reader *r, int code)
{
	r->n_errors++;
	return code;
}

/* Rewrite the context's message (set by the decoder) as
 * "NAME: certificate #I: MESSAGE (WHERE)". */
static int
wrap_cert_error(struct certshow_ctx *ctx, const struct certshow_reader *r,
    size_t idx, const char *where)
{
	char old[CERTSHOW__ERRBUF];
	int code = ctx->err_code != 0 ? ctx->err_code : CERTSHOW_E_PARSE;

	memcpy(old, ctx->err, sizeof(old));
	old[sizeof(old) - 1] = '\0';
	if (where != NULL && where[0] != '\0') {
		return certshow__set_error(ctx, code,
		    "%s: certificate #%zu: %s (%s)", r->name, idx, old, where);
	}
	return certshow__set_error(ctx, code, "%s: certificate #%zu: %s",
	    r->name, idx, old);
}

/* ------------------------------------------------------------------ */
/* Certificates                                                         */
/* ------------------------------------------------------------------ */

/* Claim the next index; fails (fatally) past the count limit. */
static int
claim_index(struct certshow_ctx *ctx, struct certshow_reader *r,
    size_t *idx)
{
	size_t max_certs = certshow_ctx_get_limit(ctx, CERTSHOW_LIMIT_CERTS);

	if (r->index >= max_certs) {
		return fatal(r, certshow__set_error(ctx, CERTSHOW_E_LIMIT,
		    "%s: more than %zu certificates (certificate count limit)",
		    r->name, max_certs));
	}
	*idx = r->index++;
	return 0;
}

static void
describe(const struct certshow_reader *r, char *buf, size_t size)
{
	if (r->pending && r->p7_line > 0) {
		snprintf(buf, size, "in the PKCS#7 block at line %lu",
		    r->p7_line);
	} else if (r->pending) {
		snprintf(buf, size, "in the PKCS#7 bundle");
	} else if (r->is_der) {
		buf[0] = '\0';
	} else {
		snprintf(buf, size, "PEM block at line %lu", r->begin_line);
	}
}

/* Decode one certificate's DER into *out; soft error on failure. */
static int
make_cert(struct certshow_ctx *ctx, struct certshow_reader *r, size_t idx,
    const uint8_t *der, size_t len, struct certshow_cert **out)
{
	size_t max_cert = certshow_ctx_get_limit(ctx,
	    CERTSHOW_LIMIT_CERT_SIZE);
	char where[80];
	int rv;

	describe(r, where, sizeof(where));
	if (len > max_cert) {
		certshow__set_error(ctx, CERTSHOW_E_LIMIT,
		    "%zu bytes, larger than the certificate size limit "
		    "(%zu bytes)", len, max_cert);
		return soft(r, wrap_cert_error(ctx, r, idx, where));
	}
	if (r->want_raw) {
		if (len > r->raw_cap) {
			uint8_t *nb = realloc(r->raw, len);

			if (nb == NULL) {
				return fatal(r, certshow__set_error(ctx,
				    CERTSHOW_E_NOMEM, "%s: out of memory",
				    r->name));
			}
			r->raw = nb;
			r->raw_cap = len;
		}
		memcpy(r->raw, der, len);
		r->raw_len = len;
		r->raw_index = idx;
		*out = NULL;
		return 1;
	}
	certshow__clear_error(ctx);
	rv = certshow__cert_new(ctx, out, der, len, r->name, idx);
	if (rv < 0) {
		*out = NULL;
		if (ctx->err_code == 0) {
			certshow__set_error(ctx, rv, "%s",
			    certshow_strerror(rv));
		}
		ctx->err_code = rv;
		return soft(r, wrap_cert_error(ctx, r, idx, where));
	}
	return 1;
}

/* ------------------------------------------------------------------ */
/* PKCS#7 (RFC 2315 section 9.1, RFC 5652 section 5.1)                  */
/* ------------------------------------------------------------------ */

/* 1.2.840.113549.1.7.2 id-signedData */
static const uint8_t oid_signed_data[] = {
	0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02
};

/* A walk through a PKCS#7 bundle: the nested cursors, the one being read
 * (which still points at the offending TLV on failure) and what it was
 * reading, for the message. */
struct p7_walk {
	struct certshow__der top, ci, sd, *cur;
	const char *what;
	const uint8_t *der;
};

/* Read the ContentInfo up to its contentType, left in *oid_tlv.
 * Returns 0 or a negative DER reason. */
static int
p7_content_type(struct p7_walk *w, size_t len, struct certshow__tlv *oid_tlv)
{
	struct certshow__tlv t;
	int rv;

	certshow__der_init(&w->top, w->der, len);
	w->cur = &w->top;
	w->what = "ContentInfo";
	rv = certshow__der_expect(w->cur, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true);
	if (rv == 0) {
		w->what = "after the ContentInfo";
		rv = certshow__der_done(w->cur);
	}
	if (rv != 0) {
		return rv;
	}
	certshow__der_enter(&w->ci, &t, w->der);
	w->cur = &w->ci;
	w->what = "contentType";
	return certshow__der_expect(w->cur, oid_tlv, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_OID, false);
}

/* Read the content [0] SignedData, setting r->set over its
 * `certificates [0]` (empty when absent). Returns 0 or a negative DER
 * reason. */
static int
p7_signed_data(struct p7_walk *w, struct certshow_reader *r)
{
	struct certshow__tlv t, content;
	int rv, opt;

	w->what = "content [0]";
	rv = certshow__der_expect(w->cur, &content, CERTSHOW__CLASS_CONTEXT, 0,
	    true);
	if (rv == 0) {
		w->what = "after content [0]";
		rv = certshow__der_done(w->cur);
	}
	if (rv != 0) {
		return rv;
	}
	certshow__der_enter(&w->ci, &content, w->der);
	w->what = "SignedData";
	rv = certshow__der_expect(w->cur, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true);
	if (rv == 0) {
		w->what = "after SignedData";
		rv = certshow__der_done(w->cur);
	}
	if (rv != 0) {
		return rv;
	}
	certshow__der_enter(&w->sd, &t, w->der);
	w->cur = &w->sd;
	w->what = "SignedData version";
	rv = certshow__der_expect(w->cur, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_INTEGER, false);
	if (rv != 0) {
		return rv;
	}
	w->what = "digestAlgorithms";
	rv = certshow__der_expect(w->cur, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SET, true);
	if (rv != 0) {
		return rv;
	}
	w->what = "encapContentInfo";
	rv = certshow__der_expect(w->cur, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true);
	if (rv != 0) {
		return rv;
	}
	w->what = "certificates [0]";
	opt = certshow__der_optional(w->cur, &t, CERTSHOW__CLASS_CONTEXT, 0,
	    true);
	if (opt < 0) {
		return opt;
	}
	if (opt == 1) {
		certshow__der_enter(&r->set, &t, w->der);
	} else {
		certshow__der_init(&r->set, w->der, 0);
	}
	w->what = "crls [1]";
	opt = certshow__der_optional(w->cur, &t, CERTSHOW__CLASS_CONTEXT, 1,
	    true);
	if (opt < 0) {
		return opt;
	}
	w->what = "signerInfos";
	rv = certshow__der_expect(w->cur, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SET, true);
	if (rv == 0) {
		w->what = "after signerInfos";
		rv = certshow__der_done(w->cur);
	}
	return rv;
}

/* Set up r->set over the `certificates [0] IMPLICIT SET OF` of the
 * ContentInfo in der[0..len), taking ownership of `der` (malloc'd).
 * Returns 0 or a negative code with the message set; the caller decides
 * whether that ends the reader. */
static int
p7_open(struct certshow_ctx *ctx, struct certshow_reader *r, uint8_t *der,
    size_t len, const char *where)
{
	struct p7_walk w;
	struct certshow__tlv t;
	char oid[128];
	int rv;

	r->n_p7++;
	w.der = der;
	rv = p7_content_type(&w, len, &t);
	if (rv != 0) {
		goto bad;
	}
	if (t.len != sizeof(oid_signed_data) ||
	    memcmp(t.val, oid_signed_data, t.len) != 0) {
		if (certshow__der_oid_str(t.val, t.len, oid, sizeof(oid)) < 0) {
			snprintf(oid, sizeof(oid), "(invalid OID)");
		}
		free(der);
		return certshow__set_error(ctx, CERTSHOW_E_UNSUPPORTED,
		    "%s: PKCS#7 content type %s is not signedData (%s)",
		    r->name, oid, where);
	}
	rv = p7_signed_data(&w, r);
	if (rv != 0) {
		goto bad;
	}
	free(r->hold);
	r->hold = der;
	r->pending = true;
	return 0;
bad:
	/* On failure the cursor still points at the offending TLV. */
	rv = certshow__set_error(ctx, CERTSHOW_E_PARSE,
	    "%s: malformed PKCS#7 bundle (%s): %s: %s at byte offset %zu",
	    r->name, where, w.what, certshow__der_strreason(rv),
	    certshow__der_offset(w.cur, w.cur->p));
	free(der);
	return rv;
}

/* Next certificate of the pending PKCS#7 set: 1, 0 when the set is
 * exhausted, or a negative code. */
static int
p7_next(struct certshow_ctx *ctx, struct certshow_reader *r,
    struct certshow_cert **out)
{
	struct certshow__tlv t;
	char where[80];
	size_t idx = 0, off;
	int rv;

	if (!certshow__der_more(&r->set)) {
		r->pending = false;
		free(r->hold);
		r->hold = NULL;
		return 0;
	}
	rv = claim_index(ctx, r, &idx);
	if (rv < 0) {
		return rv;
	}
	describe(r, where, sizeof(where));
	off = certshow__der_offset(&r->set, r->set.p);
	rv = certshow__der_next(&r->set, &t);
	if (rv != 0) {
		/* The set cannot be resynchronised: drop the rest. */
		r->pending = false;
		return soft(r, certshow__set_error(ctx, CERTSHOW_E_PARSE,
		    "%s: certificate #%zu: %s at byte offset %zu of the "
		    "PKCS#7 bundle (%s)", r->name, idx,
		    certshow__der_strreason(rv), off, where));
	}
	/* CertificateChoices (RFC 5652 section 10.2.2): only the plain
	 * Certificate is X.509; the [0]..[3] alternatives are obsolete or
	 * attribute certificates. */
	if (t.cls != CERTSHOW__CLASS_UNIVERSAL ||
	    t.tag != CERTSHOW__TAG_SEQUENCE || !t.constructed) {
		return soft(r, certshow__set_error(ctx,
		    CERTSHOW_E_UNSUPPORTED,
		    "%s: certificate #%zu: PKCS#7 entry at byte offset %zu "
		    "is not an X.509 certificate (tag [%u]) (%s)", r->name,
		    idx, off, t.tag, where));
	}
	return make_cert(ctx, r, idx, t.hdr, t.hdr_len + t.len, out);
}

/* ------------------------------------------------------------------ */
/* DER input                                                            */
/* ------------------------------------------------------------------ */

/* Read exactly `total` bytes of the source into a new buffer. */
static int
read_exact(struct certshow_ctx *ctx, struct certshow_reader *r,
    size_t total, uint8_t **out)
{
	uint8_t *der;
	size_t have = 0, n;
	int rv;

	der = malloc(total);
	if (der == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "%s: out of memory", r->name);
	}
	while (have < total) {
		n = r->len - r->pos;
		if (n == 0) {
			rv = fill(ctx, r);
			if (rv < 0) {
				free(der);
				return rv;
			}
			n = r->len - r->pos;
			if (n == 0) {
				break;
			}
		}
		if (n > total - have) {
			n = total - have;
		}
		memcpy(der + have, src(r) + r->pos, n);
		r->pos += n;
		r->consumed += n;
		have += n;
	}
	if (have < total) {
		free(der);
		return certshow__set_error(ctx, CERTSHOW_E_PARSE,
		    "%s: truncated DER: the header announces %zu bytes, the "
		    "input has %zu", r->name, total, have);
	}
	*out = der;
	return 0;
}

/* The whole input is one DER TLV: a certificate, or a PKCS#7
 * ContentInfo. The caller saw 0x30 0x80..0x84. */
static int
der_input(struct certshow_ctx *ctx, struct certshow_reader *r,
    struct certshow_cert **out)
{
	size_t max_input = certshow_ctx_get_limit(ctx,
	    CERTSHOW_LIMIT_INPUT_SIZE);
	size_t max_cert = certshow_ctx_get_limit(ctx,
	    CERTSHOW_LIMIT_CERT_SIZE);
	const uint8_t *s;
	size_t k, i, body = 0, total, have, idx = 0;
	bool is_p7;
	const char *kind;
	uint8_t *der = NULL;
	int rv;

	r->st = S_DRAINED;
	r->is_der = true;
	rv = ensure(ctx, r, 7);
	if (rv < 0) {
		return fatal(r, rv);
	}
	s = src(r) + r->pos;
	have = r->len - r->pos;
	if (s[1] == 0x80) {
		/* X.690 10.1: DER forbids the indefinite form. */
		return fatal(r, certshow__set_error(ctx, CERTSHOW_E_PARSE,
		    "%s: indefinite length (BER) at byte offset 1: DER "
		    "required", r->name));
	}
	k = s[1] & 0x7Fu;
	if (have < 3 + k) {
		return fatal(r, certshow__set_error(ctx, CERTSHOW_E_PARSE,
		    "%s: truncated DER: %zu bytes", r->name, have));
	}
	for (i = 0; i < k; i++) {
		body = (body << 8) | s[2 + i];
	}
	total = 2 + k + body;
	/* A Certificate starts with the tbsCertificate SEQUENCE, a
	 * ContentInfo with its contentType OID. */
	is_p7 = s[2 + k] == CERTSHOW__TAG_OID;
	if (is_p7 && total > max_input) {
		return fatal(r, certshow__set_error(ctx, CERTSHOW_E_LIMIT,
		    "%s: PKCS#7 bundle of %zu bytes, larger than the input "
		    "size limit (%zu bytes)", r->name, total, max_input));
	}
	if (!is_p7 && total > max_cert) {
		return fatal(r, certshow__set_error(ctx, CERTSHOW_E_LIMIT,
		    "%s: certificate #0: %zu bytes, larger than the "
		    "certificate size limit (%zu bytes)", r->name, total,
		    max_cert));
	}
	rv = read_exact(ctx, r, total, &der);
	if (rv == 0) {
		rv = ensure(ctx, r, 1);
	}
	if (rv == 0 && r->len > r->pos) {
		rv = certshow__set_error(ctx, CERTSHOW_E_PARSE,
		    "%s: trailing data after the DER %s at byte offset %zu",
		    r->name, is_p7 ? "PKCS#7 bundle" : "certificate", total);
	}
	if (rv < 0) {
		free(der);
		return fatal(r, rv);
	}
	if (is_p7) {
		rv = p7_open(ctx, r, der, total, "DER");
		return rv < 0 ? fatal(r, rv) : 0;
	}
	kind = certshow__der_not_cert(der, total);
	if (kind != NULL) {
		free(der);
		return fatal(r,
		    certshow__set_error(ctx, CERTSHOW_E_PARSE,
			"%s: no certificate found (a DER %s)", r->name, kind));
	}
	rv = claim_index(ctx, r, &idx);
	if (rv == 0) {
		rv = make_cert(ctx, r, idx, der, total, out);
	}
	free(der);
	return rv;
}

/* Tag byte of a universal or context-specific TLV, for the comparisons
 * below. */
static unsigned
tlv_id(const struct certshow__tlv *t)
{
	return t->cls | (t->constructed ? 0x20u : 0u) | t->tag;
}

static bool
is_seq(const struct certshow__tlv *t)
{
	return tlv_id(t) == (0x20u | CERTSHOW__TAG_SEQUENCE);
}

static bool
is_time(const struct certshow__tlv *t)
{
	return tlv_id(t) == CERTSHOW__TAG_UTCTIME ||
	    tlv_id(t) == CERTSHOW__TAG_GENERALIZEDTIME;
}

/* see internal.h. The shapes (first elements of the outer SEQUENCE and
 * of the "to be signed" one):
 *   Certificate (RFC 5280 4.1): SEQUENCE { SEQUENCE { [0] version, ... or
 *     INTEGER serial, SEQUENCE signature, SEQUENCE issuer, SEQUENCE
 *     validity ... } ... }
 *   CRL (RFC 5280 5.1): SEQUENCE { SEQUENCE { [INTEGER version,]
 *     SEQUENCE signature, SEQUENCE issuer, Time thisUpdate ... } ... }
 *   CSR (RFC 2986 4.1): SEQUENCE { SEQUENCE { INTEGER version, SEQUENCE
 *     subject, SEQUENCE spki, [0] attributes } ... }
 *   private keys (RFC 5208, RFC 8017 A.1.2, RFC 5915): SEQUENCE {
 *     INTEGER version, ... } */
const char *
certshow__der_not_cert(const uint8_t *der, size_t len)
{
	struct certshow__der d;
	struct certshow__tlv t, c[4];
	size_t n;

	certshow__der_init(&d, der, len);
	if (certshow__der_expect(&d, &t, CERTSHOW__CLASS_UNIVERSAL,
		CERTSHOW__TAG_SEQUENCE, true) != 0) {
		return NULL;
	}
	certshow__der_enter(&d, &t, der);
	if (certshow__der_next(&d, &t) != 0) {
		return NULL;
	}
	if (tlv_id(&t) == CERTSHOW__TAG_INTEGER) {
		/* Only keys start with a version INTEGER, then INTEGER
		 * (RSA), SEQUENCE (PKCS#8) or OCTET STRING (EC). */
		if (certshow__der_next(&d, &t) == 0 &&
		    (tlv_id(&t) == CERTSHOW__TAG_INTEGER ||
			tlv_id(&t) == (0x20u | CERTSHOW__TAG_SEQUENCE) ||
			tlv_id(&t) == CERTSHOW__TAG_OCTET_STRING)) {
			return "private key";
		}
		return NULL;
	}
	if (tlv_id(&t) != (0x20u | CERTSHOW__TAG_SEQUENCE)) {
		return NULL;
	}
	certshow__der_enter(&d, &t, der);
	for (n = 0; n < 4 && certshow__der_next(&d, &c[n]) == 0; n++) {
		;
	}
	/* v1 CRL: no version; v2 CRL and CSR: a version INTEGER first. */
	if (n >= 3 && is_seq(&c[0]) && is_seq(&c[1]) && is_time(&c[2])) {
		return "CRL";
	}
	if (n < 4 || tlv_id(&c[0]) != CERTSHOW__TAG_INTEGER || !is_seq(&c[1]) ||
	    !is_seq(&c[2])) {
		return NULL;
	}
	if (is_time(&c[3])) {
		return "CRL";
	}
	if (tlv_id(&c[3]) == (CERTSHOW__CLASS_CONTEXT | 0x20u)) {
		return "certificate request (CSR)";
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* PEM input                                                            */
/* ------------------------------------------------------------------ */

static bool
is_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static size_t
rtrim(const uint8_t *p, size_t n)
{
	while (n > 0 && is_space(p[n - 1])) {
		n--;
	}
	return n;
}

static bool
has_prefix(const uint8_t *p, size_t n, const char *pre)
{
	size_t m = strlen(pre);

	return n >= m && memcmp(p, pre, m) == 0;
}

const uint8_t *
certshow__pem_find(const uint8_t *p, const uint8_t *end, const char *s)
{
	size_t n = strlen(s);

	while ((size_t)(end - p) >= n) {
		const uint8_t *q = memchr(p, s[0], (size_t)(end - p) - n + 1);

		if (q == NULL) {
			return NULL;
		}
		if (memcmp(q, s, n) == 0) {
			return q;
		}
		p = q + 1;
	}
	return NULL;
}

/* "-----BEGIN LABEL-----" or "-----END LABEL-----" (already trimmed):
 * copy LABEL into `label`. Returns false when the line is not one. */
static bool
boundary(const uint8_t *p, size_t n, const char *pre, char *label)
{
	size_t m = strlen(pre), i;

	if (!has_prefix(p, n, pre) || n < m + 5 ||
	    memcmp(p + n - 5, "-----", 5) != 0) {
		return false;
	}
	n -= m + 5;
	p += m;
	if (n > LABEL_MAX) {
		return false;
	}
	for (i = 0; i < n; i++) {
		if (p[i] < 0x20 || p[i] > 0x7E) {
			return false;
		}
	}
	memcpy(label, p, n);
	label[n] = '\0';
	return true;
}

static enum kind
label_kind(const char *label)
{
	/* RFC 7468 section 5 (CERTIFICATE; "X509 CERTIFICATE" and
	 * "X.509 CERTIFICATE" are legacy spellings it lists), OpenSSL's
	 * TRUSTED CERTIFICATE, and certs-only bundles (RFC 7468 sections 8
	 * and 9: PKCS7, CMS; OpenSSL's "PKCS #7 SIGNED DATA"). */
	if (strcmp(label, "CERTIFICATE") == 0 ||
	    strcmp(label, "X509 CERTIFICATE") == 0 ||
	    strcmp(label, "X.509 CERTIFICATE") == 0) {
		return K_CERT;
	}
	if (strcmp(label, "TRUSTED CERTIFICATE") == 0) {
		return K_TRUSTED;
	}
	if (strcmp(label, "PKCS7") == 0 || strcmp(label, "CMS") == 0 ||
	    strcmp(label, "PKCS #7 SIGNED DATA") == 0) {
		return K_PKCS7;
	}
	return K_OTHER;
}

static void
begin_block(struct certshow_reader *r, enum kind kind, const char *label)
{
	r->kind = kind;
	memcpy(r->label, label, strlen(label) + 1);
	r->begin_line = r->line;
	r->in_data = false;
	r->der_len = 0;
	memset(&r->b64, 0, sizeof(r->b64));
	r->st = kind == K_OTHER ? S_SKIP : S_BLOCK;
	if (kind == K_OTHER && r->n_skipped++ == 0) {
		memcpy(r->skipped_label, label, strlen(label) + 1);
		r->skipped_line = r->line;
	}
}

/* Error about the current block (a certificate's, which uses up its
 * index, or a PKCS#7 block's). The reader continues in state `next`. */
static int
block_error(struct certshow_ctx *ctx, struct certshow_reader *r, int code,
    enum state next, const char *detail)
{
	size_t idx = 0;
	int rv;

	if (r->kind == K_PKCS7) {
		r->st = next;
		return soft(r, certshow__set_error(ctx, code,
		    "%s: PKCS#7 block at line %lu: %s", r->name,
		    r->begin_line, detail));
	}
	rv = claim_index(ctx, r, &idx);
	if (rv < 0) {
		return rv;
	}
	r->st = next;
	return soft(r, certshow__set_error(ctx, code,
	    "%s: certificate #%zu: %s", r->name, idx, detail));
}

/* Values of the base64 alphabet (RFC 4648 table 1), -1 elsewhere. */
static const signed char b64_tab[256] = {
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 62, -1, -1, -1, 63,
	52, 53, 54, 55, 56, 57, 58, 59, 60, 61, -1, -1, -1, -1, -1, -1,
	-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
	15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, -1, -1, -1, -1, -1,
	-1, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
	41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
};

/* Outcome of b64_line(). */
enum {
	B64_OK = 0,
	B64_PAD,              /* '=' before two characters, or twice */
	B64_CHAR,             /* a byte outside the alphabet */
	B64_AFTER_PAD,        /* a character after padding */
	B64_FULL              /* the next group would pass `max` */
};

/* Decode one base64 line, or a fragment of a very long one, p[0..n),
 * appending to out[*olen..) and never past `max` bytes in all; the
 * caller provides room for min(max, *olen + n / 4 * 3 + 3) bytes. This
 * is the one base64 decoder of PEM input, strict or lenient: whitespace
 * is skipped, padding only completes the final group (RFC 4648 3.2),
 * nothing follows it. Returns B64_OK, or the problem with *at the index
 * of the offending byte. */
static int
b64_line(struct b64 *s, const uint8_t *p, size_t n, uint8_t *out,
    size_t *olen, size_t max, size_t *at)
{
	size_t i, len = *olen, k;
	uint32_t g;
	int v, a, b, c;

	for (i = 0; i < n; i++) {
		/* Fast path: whole groups of four alphabet characters at a
		 * group boundary (almost every line of a PEM block); any
		 * other character goes through the checks below. */
		while (s->nacc == 0 && s->npad == 0 && !s->padded &&
		    n - i >= 4 && len + 3 <= max) {
			a = b64_tab[p[i]];
			b = b64_tab[p[i + 1]];
			c = b64_tab[p[i + 2]];
			v = b64_tab[p[i + 3]];
			if ((a | b | c | v) < 0) {
				break;
			}
			out[len++] = (uint8_t)(a << 2 | b >> 4);
			out[len++] = (uint8_t)((b & 15) << 4 | c >> 2);
			out[len++] = (uint8_t)((c & 3) << 6 | v);
			i += 4;
		}
		if (i == n) {
			break;
		}
		if (is_space(p[i])) {
			continue;
		}
		*at = i;
		if (p[i] == '=') {
			if (s->nacc < 2 || s->padded) {
				*olen = len;
				return B64_PAD;
			}
			s->npad++;
		} else {
			v = b64_tab[p[i]];
			if (v < 0) {
				*olen = len;
				return B64_CHAR;
			}
			if (s->npad > 0 || s->padded) {
				*olen = len;
				return B64_AFTER_PAD;
			}
			s->acc = (s->acc << 6) | (uint32_t)v;
			s->nacc++;
		}
		if (s->nacc + s->npad == 4) {
			k = 3 - s->npad;
			if (len + k > max) {
				*olen = len;
				return B64_FULL;
			}
			g = s->acc << (6 * s->npad);
			out[len++] = (uint8_t)(g >> 16);
			if (k > 1) {
				out[len++] = (uint8_t)(g >> 8);
			}
			if (k > 2) {
				out[len++] = (uint8_t)g;
			}
			s->padded = s->npad > 0;
			s->acc = 0;
			s->nacc = 0;
			s->npad = 0;
		}
	}
	*olen = len;
	return B64_OK;
}

/* The message for a b64_line() problem at byte `c` of line `line`. */
static void
b64_message(int st, uint8_t c, unsigned long line, char *msg, size_t size)
{
	if (st == B64_PAD) {
		snprintf(msg, size, "bad base64 at line %lu: misplaced "
		    "padding", line);
	} else if (st == B64_AFTER_PAD) {
		snprintf(msg, size, "bad base64 at line %lu: data after "
		    "padding", line);
	} else if (c >= 0x21 && c <= 0x7E) {
		snprintf(msg, size, "bad base64 at line %lu: unexpected "
		    "character '%c'", line, c);
	} else {
		snprintf(msg, size, "bad base64 at line %lu: unexpected byte "
		    "0x%02X", line, c);
	}
}

/* End of a block's base64: true when it ended on a group boundary. A
 * lenient caller keeps the bytes of an incomplete final group (`flush`):
 * two or three characters carry one or two whole bytes. */
static bool
b64_done(struct b64 *s, uint8_t *out, size_t *olen, bool flush)
{
	uint32_t g;

	if (s->nacc == 0 && s->npad == 0) {
		return true;
	}
	if (flush && s->nacc >= 2) {
		g = s->acc << (6 * (4 - s->nacc));
		out[(*olen)++] = (uint8_t)(g >> 16);
		if (s->nacc == 3) {
			out[(*olen)++] = (uint8_t)(g >> 8);
		}
	}
	return false;
}

/* Decode base64 text (RFC 4648 section 4) into the block's DER. */
static int
b64_feed(struct certshow_ctx *ctx, struct certshow_reader *r,
    const uint8_t *p, size_t n)
{
	size_t limit = certshow_ctx_get_limit(ctx, r->kind == K_PKCS7 ?
	    CERTSHOW_LIMIT_INPUT_SIZE : CERTSHOW_LIMIT_CERT_SIZE);
	char msg[160];
	size_t need, at;
	uint8_t *nd;
	int st;

	/* Room for the whole line, within the limit (b64_line() stops at
	 * the group that would pass it). */
	need = r->der_len + n / 4 * 3 + 3;
	if (need > limit) {
		need = limit;
	}
	if (need > r->der_cap) {
		nd = certshow__grow(r->der, &r->der_cap, need, 1, 4096);
		if (nd == NULL) {
			return fatal(r, certshow__set_error(ctx,
			    CERTSHOW_E_NOMEM, "%s: out of memory", r->name));
		}
		r->der = nd;
	}
	st = b64_line(&r->b64, p, n, r->der, &r->der_len, limit, &at);
	if (st == B64_FULL) {
		snprintf(msg, sizeof(msg), "larger than the %s size limit "
		    "(%zu bytes) (PEM block at line %lu)", r->kind == K_PKCS7 ?
		    "input" : "certificate", limit, r->begin_line);
		return block_error(ctx, r, CERTSHOW_E_LIMIT, S_DISCARD, msg);
	}
	if (st != B64_OK) {
		b64_message(st, p[at], r->line, msg, sizeof(msg));
		return block_error(ctx, r, CERTSHOW_E_PARSE, S_DISCARD, msg);
	}
	return 0;
}

/* The END line of the current block was read: produce its certificate
 * (1), open its PKCS#7 set (0), or fail. */
static int
end_block(struct certshow_ctx *ctx, struct certshow_reader *r,
    struct certshow_cert **out)
{
	struct certshow__der d;
	struct certshow__tlv t, aux;
	char msg[160], where[80];
	size_t idx = 0, clen;
	uint8_t *copy;
	int rv;

	r->st = S_OUTSIDE;
	if (!b64_done(&r->b64, r->der, &r->der_len, false)) {
		snprintf(msg, sizeof(msg), "bad base64 at line %lu: incomplete "
		    "final group", r->last_data_line);
		return block_error(ctx, r, CERTSHOW_E_PARSE, S_OUTSIDE, msg);
	}
	if (r->der_len == 0) {
		snprintf(msg, sizeof(msg), "empty PEM block at line %lu",
		    r->begin_line);
		return block_error(ctx, r, CERTSHOW_E_PARSE, S_OUTSIDE, msg);
	}
	if (r->kind == K_PKCS7) {
		copy = malloc(r->der_len);
		if (copy == NULL) {
			return fatal(r, certshow__set_error(ctx,
			    CERTSHOW_E_NOMEM, "%s: out of memory", r->name));
		}
		memcpy(copy, r->der, r->der_len);
		snprintf(where, sizeof(where), "PEM block at line %lu",
		    r->begin_line);
		rv = p7_open(ctx, r, copy, r->der_len, where);
		if (rv < 0) {
			return soft(r, rv);
		}
		r->p7_line = r->begin_line;
		return 0;
	}
	rv = claim_index(ctx, r, &idx);
	if (rv < 0) {
		return rv;
	}
	clen = r->der_len;
	certshow__der_init(&d, r->der, r->der_len);
	if (certshow__der_next(&d, &t) == 0) {
		clen = t.hdr_len + t.len;
		/* OpenSSL's TRUSTED CERTIFICATE is the certificate followed
		 * by an X509_CERT_AUX SEQUENCE (trust settings, alias): keep
		 * the certificate, require exactly one aux SEQUENCE. */
		if (r->kind == K_TRUSTED && certshow__der_more(&d)) {
			if (certshow__der_expect(&d, &aux,
			    CERTSHOW__CLASS_UNIVERSAL, CERTSHOW__TAG_SEQUENCE,
			    true) != 0 || certshow__der_done(&d) != 0) {
				return soft(r, certshow__set_error(ctx,
				    CERTSHOW_E_PARSE, "%s: certificate #%zu: "
				    "data after the certificate at byte offset "
				    "%zu is not an OpenSSL aux SEQUENCE (PEM "
				    "block at line %lu)", r->name, idx, clen,
				    r->begin_line));
			}
		} else if (certshow__der_more(&d)) {
			return soft(r, certshow__set_error(ctx,
			    CERTSHOW_E_PARSE, "%s: certificate #%zu: %zu "
			    "bytes of trailing data after the certificate at "
			    "byte offset %zu (PEM block at line %lu)", r->name,
			    idx, r->der_len - clen, clen, r->begin_line));
		}
	}
	return make_cert(ctx, r, idx, r->der, clen, out);
}

/* One line inside a certificate-bearing block. */
static int
block_line(struct certshow_ctx *ctx, struct certshow_reader *r,
    const uint8_t *p, size_t n, struct certshow_cert **out)
{
	char label[LABEL_MAX + 1], msg[200];
	int rv;

	if (has_prefix(p, n, "-----END ")) {
		if (!boundary(p, n, "-----END ", label) ||
		    strcmp(label, r->label) != 0) {
			snprintf(msg, sizeof(msg), "END line at line %lu does "
			    "not match BEGIN %s at line %lu", r->line,
			    r->label, r->begin_line);
			return block_error(ctx, r, CERTSHOW_E_PARSE,
			    S_OUTSIDE, msg);
		}
		return end_block(ctx, r, out);
	}
	if (boundary(p, n, "-----BEGIN ", label)) {
		snprintf(msg, sizeof(msg), "missing END line for BEGIN %s at "
		    "line %lu (BEGIN %s at line %lu)", r->label,
		    r->begin_line, label, r->line);
		rv = block_error(ctx, r, CERTSHOW_E_PARSE, S_OUTSIDE, msg);
		if (r->st != S_END) {
			begin_block(r, label_kind(label), label);
		}
		return rv;
	}
	if (!r->in_data && memchr(p, ':', n) != NULL) {
		/* RFC 1421 section 4.6 header line ("Proc-Type: ..."). */
		return 0;
	}
	if (n > 0) {
		r->in_data = true;
		r->last_data_line = r->line;
	}
	return b64_feed(ctx, r, p, n);
}

/* Read PEM lines until a certificate (1), an error (< 0), a PKCS#7 set
 * was opened (0, r->pending) or the input ended (0, r->input_done). */
static int
pem_step(struct certshow_ctx *ctx, struct certshow_reader *r,
    struct certshow_cert **out)
{
	static const uint8_t bom[] = { 0xEF, 0xBB, 0xBF };
	const uint8_t *p;
	char label[LABEL_MAX + 1], msg[200];
	size_t n, i;
	bool cont;
	int rv;

	for (;;) {
		rv = next_line(ctx, r, &p, &n, &cont);
		if (rv < 0) {
			return fatal(r, rv);
		}
		if (rv == 0) {
			r->input_done = true;
			return 0;
		}
		if (r->line == 1 && !cont && n >= 3 &&
		    memcmp(p, bom, 3) == 0) {
			p += 3;
			n -= 3;
		}
		n = rtrim(p, n);
		for (i = 0; i < n && is_space(p[i]); i++) {
			continue;
		}
		if (i < n) {
			r->nonblank = true;
		}
		if (cont) {
			/* Rest of a very long line: only base64 matters. */
			if (r->st == S_BLOCK) {
				rv = b64_feed(ctx, r, p, n);
				if (rv < 0) {
					return rv;
				}
			}
			continue;
		}
		/* Be lax about indentation (RFC 7468 section 2). */
		p += i;
		n -= i;
		switch (r->st) {
		case S_OUTSIDE:
		case S_DISCARD:
			if (boundary(p, n, "-----BEGIN ", label)) {
				begin_block(r, label_kind(label), label);
			} else if (r->st == S_DISCARD &&
			    has_prefix(p, n, "-----END ")) {
				r->st = S_OUTSIDE;
			}
			break;
		case S_SKIP:
			if (boundary(p, n, "-----END ", label) &&
			    strcmp(label, r->label) == 0) {
				r->st = S_OUTSIDE;
			} else if (boundary(p, n, "-----BEGIN ", label)) {
				snprintf(msg, sizeof(msg), "%s: BEGIN %s at "
				    "line %lu has no END line (BEGIN %s at "
				    "line %lu)", r->name, r->label,
				    r->begin_line, label, r->line);
				begin_block(r, label_kind(label), label);
				return soft(r, certshow__set_error(ctx,
				    CERTSHOW_E_PARSE, "%s", msg));
			}
			break;
		case S_BLOCK:
			rv = block_line(ctx, r, p, n, out);
			if (rv != 0 || r->pending) {
				return rv;
			}
			break;
		default:
			return 0;
		}
	}
}

/* End of PEM input: complain about a block left open. */
static int
pem_eof(struct certshow_ctx *ctx, struct certshow_reader *r)
{
	char msg[200];
	int rv;

	if (r->st == S_BLOCK) {
		snprintf(msg, sizeof(msg), "missing END line for BEGIN %s at "
		    "line %lu (end of input)", r->label, r->begin_line);
		rv = block_error(ctx, r, CERTSHOW_E_PARSE, S_END, msg);
		return rv;
	}
	if (r->st == S_SKIP) {
		r->st = S_END;
		return soft(r, certshow__set_error(ctx, CERTSHOW_E_PARSE,
		    "%s: BEGIN %s at line %lu has no END line (end of input)",
		    r->name, r->label, r->begin_line));
	}
	r->st = S_DRAINED;
	return 0;
}

/* The input ended without a certificate or an error: say why. */
static int
no_certificate(struct certshow_ctx *ctx, struct certshow_reader *r)
{
	if (r->consumed == 0) {
		return fatal(r, certshow__set_error(ctx, CERTSHOW_E_PARSE,
		    "%s: empty input", r->name));
	}
	if (r->n_p7 > 0) {
		return fatal(r, certshow__set_error(ctx, CERTSHOW_E_PARSE,
		    "%s: no certificate found (the PKCS#7 bundle holds none)",
		    r->name));
	}
	if (r->n_skipped > 0) {
		return fatal(r, certshow__set_error(ctx, CERTSHOW_E_PARSE,
		    "%s: no certificate found (skipped %zu PEM block%s, the "
		    "first is %s at line %lu)", r->name, r->n_skipped,
		    r->n_skipped == 1 ? "" : "s", r->skipped_label,
		    r->skipped_line));
	}
	if (!r->nonblank) {
		return fatal(r, certshow__set_error(ctx, CERTSHOW_E_PARSE,
		    "%s: no certificate found (only whitespace)", r->name));
	}
	return fatal(r, certshow__set_error(ctx, CERTSHOW_E_PARSE,
	    "%s: no certificate found (no PEM BEGIN line, and not DER)",
	    r->name));
}

/* ------------------------------------------------------------------ */
/* PEM blocks in memory                                                 */
/* ------------------------------------------------------------------ */

/* The same lines, boundaries, headers and base64 as the reader above,
 * over a buffer, for inputs that are not certificates (CRLs) and for the
 * ASN.1 view and lint, which must show a broken block rather than refuse
 * it (see internal.h). */

void
certshow__pem_iter_init(struct certshow__pem_iter *it, const uint8_t *data,
    size_t len, const char *name, const char *want, const char *what,
    bool strict)
{
	memset(it, 0, sizeof(*it));
	it->data = data;
	it->len = len;
	it->name = name != NULL ? name : "(memory)";
	it->want = want;
	it->what = what != NULL ? what : "PEM block";
	it->strict = strict;
}

void
certshow__pem_iter_free(struct certshow__pem_iter *it)
{
	free(it->buf);
	it->buf = NULL;
	it->cap = 0;
}

/* Strict: the error about the current block; the iterator ends. Lenient:
 * record the block's first problem. */
static int
iter_problem(struct certshow_ctx *ctx, struct certshow__pem_iter *it,
    struct certshow__pem_block *b, const char *detail)
{
	if (it->strict) {
		it->pos = it->len;
		return certshow__set_error(ctx, CERTSHOW_E_PARSE,
		    "%s: %s %zu (BEGIN %s at line %lu): %s", it->name, it->what,
		    b->index + 1, b->label, b->line, detail);
	}
	if (b->problem[0] == '\0') {
		snprintf(b->problem, sizeof(b->problem), "block %zu (BEGIN %s "
		    "at line %lu, byte offset %zu): %s", b->index + 1,
		    b->label, b->line, b->offset, detail);
	}
	return 0;
}

/* Room for `more` bytes after the block's DER. */
static int
iter_room(struct certshow_ctx *ctx, struct certshow__pem_iter *it,
    size_t used, size_t more)
{
	size_t need = used + more;
	uint8_t *nb;

	if (need <= it->cap) {
		return 0;
	}
	if (need < used) {
		nb = NULL; /* used + more wrapped around */
	} else {
		nb = certshow__grow(it->buf, &it->cap, need, 1, 4096);
	}
	if (nb == NULL) {
		it->pos = it->len;
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "%s: out of memory", it->name);
	}
	it->buf = nb;
	return 0;
}

/* The block's base64 ended (END line, next BEGIN or end of input). */
static int
iter_finish(struct certshow_ctx *ctx, struct certshow__pem_iter *it,
    struct certshow__pem_block *b, struct b64 *s, size_t used, bool cut,
    unsigned long last_data_line)
{
	char msg[160];
	int rv;

	rv = iter_room(ctx, it, used, 3);
	if (rv < 0) {
		return rv;
	}
	if (!b64_done(s, it->buf, &used, !it->strict) && !cut) {
		snprintf(msg, sizeof(msg), "bad base64 at line %lu: incomplete "
		    "final group", last_data_line);
		rv = iter_problem(ctx, it, b, msg);
		if (rv < 0) {
			return rv;
		}
	}
	if (it->strict && used == 0) {
		snprintf(msg, sizeof(msg), "empty PEM block at line %lu",
		    b->line);
		return iter_problem(ctx, it, b, msg);
	}
	b->der = it->buf;
	b->der_len = used;
	it->index++;
	return 1;
}

/* The decoding state of the block being read. */
struct pem_scan {
	struct b64 s;
	size_t used;                  /* DER bytes in it->buf */
	unsigned long last_data_line; /* for an incomplete final group */
	bool in_data;                 /* past the RFC 1421 headers */
	bool cut;                     /* a base64 error cut the block */
};

/* Read the next line of the input into (*pp, *np), without a leading BOM
 * or surrounding white space; *start is its byte offset. */
static void
iter_line(struct certshow__pem_iter *it, const uint8_t **pp, size_t *np,
    size_t *start)
{
	static const uint8_t bom[] = { 0xEF, 0xBB, 0xBF };
	const uint8_t *p, *nl;
	size_t n, i;

	*start = it->pos;
	p = it->data + *start;
	nl = memchr(p, '\n', it->len - *start);
	n = nl != NULL ? (size_t)(nl - p) : it->len - *start;
	it->pos = *start + n + (nl != NULL ? 1 : 0);
	it->line++;
	if (it->line == 1 && n >= 3 && memcmp(p, bom, 3) == 0) {
		p += 3;
		n -= 3;
	}
	n = rtrim(p, n);
	for (i = 0; i < n && is_space(p[i]); i++) {
		continue;
	}
	*pp = p + i;
	*np = n - i;
}

/* Outside a block: whether the line opens a wanted block, then described
 * in *b; *skip tracks a block of another label. */
static bool
iter_begin(struct certshow__pem_iter *it, struct certshow__pem_block *b,
    const uint8_t *p, size_t n, size_t start, bool *skip)
{
	char label[LABEL_MAX + 1];

	if (*skip) {
		/* Another label's block: only its end matters, or a
		 * BEGIN. */
		if (boundary(p, n, "-----END ", label)) {
			*skip = false;
			return false;
		}
	}
	if (!boundary(p, n, "-----BEGIN ", label)) {
		return false;
	}
	if (it->want != NULL && strcmp(label, it->want) != 0) {
		*skip = true;
		return false;
	}
	memcpy(b->label, label, strlen(label) + 1);
	b->index = it->index;
	b->offset = start;
	b->line = it->line;
	*skip = false;
	return true;
}

/* A line of a block that is not a boundary: an RFC 1421 header line,
 * skipped, or base64 decoded into it->buf. */
static int
iter_data(struct certshow_ctx *ctx, struct certshow__pem_iter *it,
    struct certshow__pem_block *b, struct pem_scan *sc, const uint8_t *p,
    size_t n)
{
	char msg[200];
	size_t at;
	int rv, st;

	if (sc->cut || (!sc->in_data && memchr(p, ':', n) != NULL)) {
		/* Cut (lenient), or an RFC 1421 header line. */
		return 0;
	}
	if (n > 0) {
		sc->in_data = true;
		sc->last_data_line = it->line;
	}
	rv = iter_room(ctx, it, sc->used, n / 4 * 3 + 3);
	if (rv < 0) {
		return rv;
	}
	st = b64_line(&sc->s, p, n, it->buf, &sc->used, SIZE_MAX, &at);
	if (st != B64_OK) {
		b64_message(st, p[at], it->line, msg, sizeof(msg));
		n = strlen(msg);
		snprintf(msg + n, sizeof(msg) - n, " (byte offset %zu)%s",
		    (size_t)(p + at - it->data),
		    it->strict ? "" : "; the block is cut there");
		rv = iter_problem(ctx, it, b, msg);
		if (rv < 0) {
			return rv;
		}
		sc->cut = true;
	}
	return 0;
}

int
certshow__pem_next_block(struct certshow_ctx *ctx,
    struct certshow__pem_iter *it, struct certshow__pem_block *b)
{
	char label[LABEL_MAX + 1], msg[200];
	const uint8_t *p;
	struct pem_scan sc;
	size_t n, start;
	bool in_block = false, skip = false;
	int rv;

	memset(b, 0, sizeof(*b));
	memset(&sc, 0, sizeof(sc));
	while (it->pos < it->len) {
		iter_line(it, &p, &n, &start);
		if (!in_block) {
			in_block = iter_begin(it, b, p, n, start, &skip);
			continue;
		}
		if (has_prefix(p, n, "-----END ")) {
			if (!boundary(p, n, "-----END ", label) ||
			    strcmp(label, b->label) != 0) {
				snprintf(msg, sizeof(msg), "END line at line "
				    "%lu does not match BEGIN %s", it->line,
				    b->label);
				rv = iter_problem(ctx, it, b, msg);
				if (rv < 0) {
					return rv;
				}
			}
			return iter_finish(ctx, it, b, &sc.s, sc.used, sc.cut,
			    sc.last_data_line);
		}
		if (boundary(p, n, "-----BEGIN ", label)) {
			snprintf(msg, sizeof(msg), "no END line (BEGIN %s at "
			    "line %lu)", label, it->line);
			rv = iter_problem(ctx, it, b, msg);
			if (rv < 0) {
				return rv;
			}
			/* The next call starts with that BEGIN line. */
			it->pos = start;
			it->line--;
			return iter_finish(ctx, it, b, &sc.s, sc.used, sc.cut,
			    sc.last_data_line);
		}
		rv = iter_data(ctx, it, b, &sc, p, n);
		if (rv < 0) {
			return rv;
		}
	}
	if (!in_block) {
		return 0;
	}
	rv = iter_problem(ctx, it, b, "no END line (end of input)");
	if (rv < 0) {
		return rv;
	}
	return iter_finish(ctx, it, b, &sc.s, sc.used, sc.cut,
	    sc.last_data_line);
}

/* ------------------------------------------------------------------ */
/* Public reader API                                                    */
/* ------------------------------------------------------------------ */

static int
reader_alloc(struct certshow_ctx *ctx, struct certshow_reader **out,
    const char *name)
{
	struct certshow_reader *r;
	size_t n = strlen(name);

	r = calloc(1, sizeof(*r));
	if (r == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	r->name = malloc(n + 1);
	if (r->name == NULL) {
		free(r);
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	memcpy(r->name, name, n + 1);
	r->fd = -1;
	*out = r;
	return 0;
}

int
certshow_reader_open_file(struct certshow_ctx *ctx,
    struct certshow_reader **out, const char *path)
{
	size_t max_input = certshow_ctx_get_limit(ctx,
	    CERTSHOW_LIMIT_INPUT_SIZE);
	struct certshow_reader *r = NULL;
	struct stat st;
	int fd, rv;

	if (out != NULL) {
		*out = NULL;
	}
	if (ctx == NULL || out == NULL || path == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_reader_open_file: NULL argument");
	}
	certshow__clear_error(ctx);
	if (strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
	} else {
		do {
			fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
		} while (fd < 0 && errno == EINTR);
		if (fd < 0) {
			return certshow__set_error_errno(ctx, CERTSHOW_E_IO,
			    "%s: cannot open", path);
		}
	}
	if (fstat(fd, &st) != 0) {
		rv = certshow__set_error_errno(ctx, CERTSHOW_E_IO,
		    "%s: cannot stat", path);
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		rv = certshow__set_error_errno(ctx, CERTSHOW_E_IO,
		    "%s: cannot read", path);
		goto fail;
	}
	if (S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uint64_t)st.st_size > max_input) {
		rv = certshow__set_error(ctx, CERTSHOW_E_LIMIT,
		    "%s: input larger than the input size limit (%zu bytes)",
		    path, max_input);
		goto fail;
	}
	rv = reader_alloc(ctx, &r, path);
	if (rv < 0) {
		goto fail;
	}
	r->buf = malloc(CHUNK);
	if (r->buf == NULL) {
		rv = certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
		goto fail;
	}
	r->fd = fd;
	r->own_fd = fd != STDIN_FILENO;
	*out = r;
	return 0;
fail:
	if (fd != STDIN_FILENO) {
		close(fd);
	}
	if (r != NULL) {
		r->fd = -1;
		certshow_reader_free(r);
	}
	return rv;
}

int
certshow_reader_open_mem(struct certshow_ctx *ctx,
    struct certshow_reader **out, const uint8_t *data, size_t len,
    const char *name)
{
	size_t max_input = certshow_ctx_get_limit(ctx,
	    CERTSHOW_LIMIT_INPUT_SIZE);
	struct certshow_reader *r;
	int rv;

	if (out != NULL) {
		*out = NULL;
	}
	if (ctx == NULL || out == NULL || (data == NULL && len > 0)) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_reader_open_mem: NULL argument");
	}
	certshow__clear_error(ctx);
	if (name == NULL) {
		name = "(memory)";
	}
	if (len > max_input) {
		return certshow__set_error(ctx, CERTSHOW_E_LIMIT,
		    "%s: input larger than the input size limit (%zu bytes)",
		    name, max_input);
	}
	rv = reader_alloc(ctx, &r, name);
	if (rv < 0) {
		return rv;
	}
	r->mem = data != NULL ? data : (const uint8_t *)"";
	r->len = len;
	r->total = len;
	*out = r;
	return 0;
}

static int reader_step(struct certshow_ctx *ctx, struct certshow_reader *r,
    struct certshow_cert **out);

int
certshow_reader_next(struct certshow_ctx *ctx, struct certshow_reader *r,
    struct certshow_cert **out)
{
	int rv;

	if (out != NULL) {
		*out = NULL;
	}
	if (ctx == NULL || r == NULL || out == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_reader_next: NULL argument");
	}
	certshow__clear_error(ctx);
	r->want_raw = false;
	rv = reader_step(ctx, r, out);
	return rv > 0 ? 0 : rv;
}

int
certshow__reader_next_der(struct certshow_ctx *ctx, struct certshow_reader *r,
    const uint8_t **der, size_t *len, size_t *index)
{
	struct certshow_cert *unused = NULL;
	int rv;

	certshow__clear_error(ctx);
	r->want_raw = true;
	rv = reader_step(ctx, r, &unused);
	r->want_raw = false;
	if (rv == 1) {
		*der = r->raw;
		*len = r->raw_len;
		*index = r->raw_index;
	}
	return rv;
}

/* The reader's loop: the next certificate (1), the end (0), an error. */
static int
reader_step(struct certshow_ctx *ctx, struct certshow_reader *r,
    struct certshow_cert **out)
{
	const uint8_t *s;
	int rv;

	for (;;) {
		if (r->pending) {
			rv = p7_next(ctx, r, out);
			if (rv != 0) {
				return rv;
			}
			continue;
		}
		switch (r->st) {
		case S_START:
			rv = ensure(ctx, r, 2);
			if (rv < 0) {
				return fatal(r, rv);
			}
			s = src(r) + r->pos;
			if (r->len - r->pos >= 2 && s[0] == 0x30 &&
			    s[1] >= 0x80 && s[1] <= 0x84) {
				rv = der_input(ctx, r, out);
				if (rv != 0) {
					return rv;
				}
				break;
			}
			r->st = S_OUTSIDE;
			break;
		case S_OUTSIDE:
		case S_BLOCK:
		case S_SKIP:
		case S_DISCARD:
			rv = pem_step(ctx, r, out);
			if (rv != 0) {
				return rv;
			}
			if (r->input_done && !r->pending) {
				rv = pem_eof(ctx, r);
				if (rv < 0) {
					return rv;
				}
			}
			break;
		case S_DRAINED:
			r->st = S_END;
			if (r->index == 0 && r->n_errors == 0) {
				return no_certificate(ctx, r);
			}
			return 0;
		case S_END:
		default:
			return 0;
		}
	}
}

void
certshow_reader_free(struct certshow_reader *r)
{
	if (r == NULL) {
		return;
	}
	if (r->own_fd && r->fd >= 0) {
		close(r->fd);
	}
	free(r->buf);
	free(r->der);
	free(r->hold);
	free(r->raw);
	free(r->name);
	free(r);
}

/* ------------------------------------------------------------------ */
/* Chains                                                               */
/* ------------------------------------------------------------------ */

int
certshow_chain_new(struct certshow_ctx *ctx, struct certshow_chain **out)
{
	if (out == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_chain_new: NULL argument");
	}
	*out = calloc(1, sizeof(**out));
	if (*out == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	return 0;
}

int
certshow_chain_add(struct certshow_ctx *ctx, struct certshow_chain *chain,
    struct certshow_cert *cert)
{
	struct certshow_cert **v;

	if (chain == NULL || cert == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_chain_add: NULL argument");
	}
	if (chain->n == chain->cap) {
		v = certshow__grow(chain->v, &chain->cap, chain->n + 1,
		    sizeof(*v), 8);
		if (v == NULL) {
			return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
			    "out of memory");
		}
		chain->v = v;
	}
	chain->v[chain->n++] = cert;
	return 0;
}

size_t
certshow_chain_count(const struct certshow_chain *chain)
{
	return chain == NULL ? 0 : chain->n;
}

const struct certshow_cert *
certshow_chain_get(const struct certshow_chain *chain, size_t i)
{
	if (chain == NULL || i >= chain->n) {
		return NULL;
	}
	return chain->v[i];
}

void
certshow_chain_free(struct certshow_chain *chain)
{
	size_t i;

	if (chain == NULL) {
		return;
	}
	for (i = 0; i < chain->n; i++) {
		certshow_cert_free(chain->v[i]);
	}
	free(chain->v);
	free(chain);
}

/* Drain a reader into a new chain; the first error fails the load. */
static int
load_all(struct certshow_ctx *ctx, struct certshow_chain **out,
    struct certshow_reader *r)
{
	struct certshow_chain *chain = NULL;
	struct certshow_cert *cert;
	int rv;

	rv = certshow_chain_new(ctx, &chain);
	if (rv < 0) {
		return rv;
	}
	for (;;) {
		rv = certshow_reader_next(ctx, r, &cert);
		if (rv < 0 || cert == NULL) {
			break;
		}
		rv = certshow_chain_add(ctx, chain, cert);
		if (rv < 0) {
			certshow_cert_free(cert);
			break;
		}
	}
	if (rv < 0) {
		certshow_chain_free(chain);
		return rv;
	}
	*out = chain;
	return 0;
}

int
certshow_chain_load_file(struct certshow_ctx *ctx,
    struct certshow_chain **out, const char *path)
{
	struct certshow_reader *r;
	int rv;

	if (out != NULL) {
		*out = NULL;
	}
	if (out == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_chain_load_file: NULL argument");
	}
	rv = certshow_reader_open_file(ctx, &r, path);
	if (rv < 0) {
		return rv;
	}
	rv = load_all(ctx, out, r);
	certshow_reader_free(r);
	return rv;
}

int
certshow_chain_load_mem(struct certshow_ctx *ctx,
    struct certshow_chain **out, const uint8_t *data, size_t len,
    const char *name)
{
	struct certshow_reader *r;
	int rv;

	if (out != NULL) {
		*out = NULL;
	}
	if (out == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_chain_load_mem: NULL argument");
	}
	rv = certshow_reader_open_mem(ctx, &r, data, len, name);
	if (rv < 0) {
		return rv;
	}
	rv = load_all(ctx, out, r);
	certshow_reader_free(r);
	return rv;
}
