/*
 * internal.h - shared internals of libcertshow. Not installed.
 *
 * Names shared across files are certshow__<module>_<verb>; everything else
 * is static.
 */
#ifndef CERTSHOW_INTERNAL_H
#define CERTSHOW_INTERNAL_H

#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "certshow.h"

#if defined(__GNUC__)
#define CERTSHOW__PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define CERTSHOW__PRINTF(a, b)
#endif

#define CERTSHOW__ERRBUF 512

struct certshow__vcache;
struct certshow_verify_cache;
struct certshow_http_cache;

struct certshow_ctx {
	int err_code;
	char err[CERTSHOW__ERRBUF];
	size_t limits[6];
	/* sigcache.c: signature results and issuer keys of earlier
	 * verify calls; created on first use unless vcache_off. The cache
	 * hands the context its destructor with it, so the context (the
	 * base layer) frees it without calling up into sigcache.c. */
	struct certshow__vcache *vcache;
	void (*vcache_free)(struct certshow__vcache *vc);
	bool vcache_off;
	/* sigcache.c: a cache of signature results shared with other
	 * contexts (certshow_ctx_set_shared_verify_cache(); the caller's,
	 * never freed here), asked when vcache misses. */
	struct certshow_verify_cache *shared_vcache;
	/* netcache.c: the memory cache of fetched answers: attached by
	 * the caller (hcache_free NULL: not ours to free) or created on
	 * first use and freed with the context through hcache_free. */
	struct certshow_http_cache *hcache;
	void (*hcache_free)(struct certshow_http_cache *c);
	/* http.c: HTTP requests made through this context (tests). */
	unsigned long http_requests;
	/* scan.c: the scanner's stop flag for its workers' contexts, or
	 * NULL. Once set, every network wait of fetch.c and starttls.c
	 * ends as at its deadline (CERTSHOW_E_TIMEOUT). */
	const volatile sig_atomic_t *cancel;
};

/* error.c: set the context's message and return `code` (negative). */
int certshow__set_error(struct certshow_ctx *ctx, int code, const char *fmt,
    ...) CERTSHOW__PRINTF(3, 4);
/* Same, appending ": strerror(errno)". */
int certshow__set_error_errno(struct certshow_ctx *ctx, int code,
    const char *fmt, ...) CERTSHOW__PRINTF(3, 4);
/* Prefix the context's current message with more context (keeps code). */
int certshow__wrap_error(struct certshow_ctx *ctx, const char *fmt, ...)
    CERTSHOW__PRINTF(2, 3);
void certshow__clear_error(struct certshow_ctx *ctx);
/* Scan reason of a CERTSHOW_E_* code ("TIMEOUT", "CONNECT"; "ERROR"
 * when unknown); static. */
const char *certshow__error_name(int code);
/* Code of the last failure on the context (0 when none). */
int certshow__ctx_error_code(const struct certshow_ctx *ctx);

/* The one mapping of a (negative) GnuTLS error code to a CERTSHOW_E_*
 * code: out of memory, timeouts and fatal alerts have their own codes;
 * anything else is `fallback`, the code of the operation that failed. */
int certshow__gnutls_code(int gnutls_rv, int fallback);
/* certshow__set_error() with the mapped code of `gnutls_rv`, appending
 * ": gnutls_strerror(gnutls_rv)". */
int certshow__set_gnutls_error(struct certshow_ctx *ctx, int gnutls_rv,
    int fallback, const char *fmt, ...) CERTSHOW__PRINTF(4, 5);

/* ------------------------------------------------------------------ */
/* der.c: strict DER reader                                             */
/* ------------------------------------------------------------------ */

/* Tag classes as in the identifier octet (bits 8-7). */
#define CERTSHOW__CLASS_UNIVERSAL 0x00
#define CERTSHOW__CLASS_APPLICATION 0x40
#define CERTSHOW__CLASS_CONTEXT 0x80
#define CERTSHOW__CLASS_PRIVATE 0xC0

/* Universal tags. */
#define CERTSHOW__TAG_BOOLEAN 1
#define CERTSHOW__TAG_INTEGER 2
#define CERTSHOW__TAG_BIT_STRING 3
#define CERTSHOW__TAG_OCTET_STRING 4
#define CERTSHOW__TAG_NULL 5
#define CERTSHOW__TAG_OID 6
#define CERTSHOW__TAG_ENUMERATED 10
#define CERTSHOW__TAG_UTF8STRING 12
#define CERTSHOW__TAG_SEQUENCE 16
#define CERTSHOW__TAG_SET 17
#define CERTSHOW__TAG_NUMERICSTRING 18
#define CERTSHOW__TAG_PRINTABLESTRING 19
#define CERTSHOW__TAG_T61STRING 20
#define CERTSHOW__TAG_IA5STRING 22
#define CERTSHOW__TAG_UTCTIME 23
#define CERTSHOW__TAG_GENERALIZEDTIME 24
#define CERTSHOW__TAG_VISIBLESTRING 26
#define CERTSHOW__TAG_UNIVERSALSTRING 28
#define CERTSHOW__TAG_BMPSTRING 30

/* One decoded TLV. `hdr` points to the identifier octet; `val` to the
 * contents; `end` one past the contents. */
struct certshow__tlv {
	const uint8_t *hdr;
	const uint8_t *val;
	size_t len;        /* length of contents */
	size_t hdr_len;    /* identifier + length octets */
	unsigned cls;      /* CERTSHOW__CLASS_* */
	unsigned tag;      /* tag number */
	bool constructed;
};

/* A cursor over a run of TLVs: [p, end). `base` is the start of the
 * enclosing input, for offsets in messages. */
struct certshow__der {
	const uint8_t *p;
	const uint8_t *end;
	const uint8_t *base;
};

/*
 * Error reasons of the DER reader. They are negative (so "rv < 0" reads
 * as failure) but live in their own range, far from the public
 * CERTSHOW_E_* codes: a reason that leaked out of the decoder could never
 * be mistaken for CERTSHOW_E_NOMEM. A reason is always turned into a
 * CERTSHOW_E_* code (with a message from certshow__der_strreason()) before
 * it crosses the library's API.
 */
enum certshow__der_err {
	CERTSHOW__DER_OK = 0,
	CERTSHOW__DER_TRUNCATED = -101,  /* header or contents past the end */
	CERTSHOW__DER_BAD_LENGTH = -102, /* non-minimal or indefinite length */
	CERTSHOW__DER_BAD_TAG = -103,    /* non-minimal high tag number */
	CERTSHOW__DER_UNEXPECTED = -104, /* not the expected tag */
	CERTSHOW__DER_TRAILING = -105,   /* data after the expected end */
	CERTSHOW__DER_BAD_VALUE = -106,  /* contents violate DER for the type */
	CERTSHOW__DER_TOO_DEEP = -107    /* nesting limit exceeded */
};
/* The reason's text (static); "invalid encoding" for any other value. */
const char *certshow__der_strreason(int code);

void certshow__der_init(struct certshow__der *d, const uint8_t *p, size_t len);
/* Cursor over the contents of a constructed TLV. */
void certshow__der_enter(struct certshow__der *d, const struct certshow__tlv *t,
    const uint8_t *base);
static inline bool
certshow__der_more(const struct certshow__der *d)
{
	return d->p < d->end;
}
/* Read the next TLV (strict DER header). Returns CERTSHOW__DER_* code. */
int certshow__der_next(struct certshow__der *d, struct certshow__tlv *out);
/* Read the next TLV and require class/tag/constructed. */
int certshow__der_expect(struct certshow__der *d, struct certshow__tlv *out,
    unsigned cls, unsigned tag, bool constructed);
/* If the next TLV has this class/tag, read it and return 1; 0 if not
 * present (or at end); negative on malformed header. */
int certshow__der_optional(struct certshow__der *d, struct certshow__tlv *out,
    unsigned cls, unsigned tag, bool constructed);
/* Require the cursor to be exhausted. */
int certshow__der_done(const struct certshow__der *d);
/* Offset of p from the cursor's base, for messages. */
size_t certshow__der_offset(const struct certshow__der *d, const uint8_t *p);

/* True for the universal tags of the character string types (X.680
 * 41: UTF8String through BMPString). */
bool certshow__der_is_char_string(unsigned long tag);
/* Value helpers; return CERTSHOW__DER_* codes. */
int certshow__der_bool(const struct certshow__tlv *t, bool *out);
/* Minimal INTEGER encoding check; *neg set when negative. */
int certshow__der_int_check(const struct certshow__tlv *t, bool *neg);
/* Small non-negative INTEGER into *out (fails if > INT64_MAX). */
int certshow__der_int64(const struct certshow__tlv *t, int64_t *out);
/* BIT STRING: checks unused-bits octet; *bits points after it. */
int certshow__der_bitstring(const struct certshow__tlv *t,
    const uint8_t **bits, size_t *len, unsigned *unused);
/* OID contents check (minimal sub-identifiers). */
int certshow__der_oid_check(const uint8_t *p, size_t len);
/* Dotted text of OID contents into buf; returns length or -1 if too long /
 * malformed. */
int certshow__der_oid_str(const uint8_t *p, size_t len, char *buf,
    size_t size);
/* UTCTime / GeneralizedTime to epoch seconds (strict: Z, seconds). */
int certshow__der_time(const struct certshow__tlv *t, int64_t *out);

/* Days-from-civil helpers (proleptic Gregorian, any year). */
int64_t certshow__days_from_civil(int64_t y, unsigned m, unsigned d);
void certshow__civil_from_epoch(int64_t t, int64_t *y, unsigned *mo,
    unsigned *d, unsigned *h, unsigned *mi, unsigned *s);

/* expiry.c */
/* Whole days from `now` to `not_after`, rounded down (negative once
 * expired). */
int64_t certshow__days_left(int64_t not_after, int64_t now);
/* A certificate valid from not_before to not_after, valid at `now`,
 * expires within warn_days (days left < warn_days); false when warn_days
 * is 0. The one rule lint's EXPIRES_SOON and verify's share. */
bool certshow__expires_soon(int64_t not_before, int64_t not_after, int64_t now,
    unsigned warn_days);

/* ------------------------------------------------------------------ */
/* Arena: all of a certificate's decoded data lives in one arena.        */
/* ------------------------------------------------------------------ */

struct certshow__arena_blk;
struct certshow__arena {
	struct certshow__arena_blk *head;
};
void *certshow__arena_alloc(struct certshow__arena *a, size_t n);
/* Copy n bytes and append a NUL. */
char *certshow__arena_strndup(struct certshow__arena *a, const void *p,
    size_t n);
void certshow__arena_free(struct certshow__arena *a);

/* ------------------------------------------------------------------ */
/* Certificate model (cert.c, names.c, ext.c)                            */
/* ------------------------------------------------------------------ */

/* A string with length; p is NUL-terminated but may contain NULs. */
struct certshow__str {
	const char *p;
	size_t len;
};

struct certshow__ava {
	const char *oid;        /* dotted */
	const char *type_name;  /* Python name, or the dotted OID */
	unsigned str_tag;       /* tag number of the value */
	unsigned str_cls;       /* its class (CERTSHOW__CLASS_*) */
	struct certshow__str value; /* UTF-8 (converted from BMP, etc.);
				     * "#hex" of the TLV for non-strings */
	const uint8_t *der;     /* the whole value TLV, in the cert's DER */
	size_t der_len;
	const char *short_name; /* RFC 4514 short name ("CN") or NULL */
};

struct certshow__rdn {
	size_t n;
	struct certshow__ava *avas;
};

struct certshow_name {
	size_t n;
	struct certshow__rdn *rdns;
	const uint8_t *der;     /* the whole Name TLV, in the cert's DER */
	size_t der_len;
	const char *rfc4514;
};

struct certshow__gname {
	enum certshow_gn_type type;
	const char *oid;         /* OTHER: type-id; RID: the id */
	const uint8_t *value;    /* see enum certshow_gn_type */
	size_t len;
	const struct certshow_name *dirname; /* DIRNAME */
};

struct certshow__ext {
	const char *oid;
	const char *name;        /* NULL when unknown */
	bool critical;
	const uint8_t *value;    /* extnValue contents */
	size_t len;
	int id;                  /* CERTSHOW__EXT_* or 0 */
};

struct certshow__sct {
	unsigned version;
	const uint8_t *log_id;   /* 32 bytes */
	uint64_t timestamp_ms;
};

struct certshow__list {
	size_t n;
	const char **v;
};

/* A policy qualifier (RFC 5280 4.2.1.4) of policies.v[policy]. Strings
 * keep their length (NUL bytes survive); p is NULL when absent. */
struct certshow__pqual {
	size_t policy;
	const char *oid;          /* policyQualifierId, dotted */
	struct certshow__str cps; /* id-qt-cps: the CPS URI */
	struct certshow__str text; /* id-qt-unotice: explicitText, UTF-8 */
	struct certshow__str org; /* id-qt-unotice: noticeRef organization */
	size_t n_numbers;         /* noticeRef noticeNumbers */
	const int64_t *numbers;
	bool malformed;           /* the qualifier's value did not decode */
};

/* A certificate's digests, each computed on first use. state[] holds one
 * CERTSHOW__ONCE_* flag per enum certshow_fingerprint value. */
struct certshow__digests {
	unsigned state[3];
	uint8_t sha256[32];      /* of the DER, raw (the sigcache key) */
	char fp_sha256[96];
	char fp_sha1[60];
	char pin_sha256[48];
};

struct certshow_cert {
	struct certshow__arena arena;
	uint8_t *der;
	size_t der_len;
	const char *source;
	size_t source_index;

	/* TBSCertificate */
	const uint8_t *tbs;
	size_t tbs_len;
	int version;             /* 1..3 */
	const uint8_t *serial;   /* INTEGER contents */
	size_t serial_len;
	const char *serial_hex;
	const char *sig_oid;     /* outer signatureAlgorithm */
	const char *sig_name;
	const uint8_t *sig_params; /* full TLV of parameters or NULL */
	size_t sig_params_len;
	bool sig_alg_mismatch;   /* inner != outer AlgorithmIdentifier */
	const uint8_t *sig;      /* signature BIT STRING bits */
	size_t sig_len;
	struct certshow_name issuer;
	struct certshow_name subject;
	int64_t not_before;
	int64_t not_after;
	unsigned not_before_tag; /* UTCTime or GeneralizedTime */
	unsigned not_after_tag;
	const uint8_t *spki;     /* full SubjectPublicKeyInfo TLV */
	size_t spki_len;
	const char *key_oid;
	const char *key_alg;     /* "RSA", "EC", ... */
	unsigned key_bits;
	const char *key_curve;   /* "P-256" or NULL */
	const char *key_curve_oid;
	const uint8_t *key;      /* subjectPublicKey bits */
	size_t key_len;
	bool has_issuer_uid, has_subject_uid;

	/* Fingerprints, computed on first use: see certshow__cert_fp(). The
	 * pointer is set at decode; the block it points to is written once
	 * per digest under that digest's once flag. */
	struct certshow__digests *dg;

	/* Extensions, in order. */
	size_t n_ext;
	struct certshow__ext *ext;
	bool dup_ext;            /* an extension OID appears twice */

	/* Decoded extensions. */
	bool has_san;
	bool san_critical;
	size_t n_san;
	struct certshow__gname *san;
	struct certshow__list ocsp;
	struct certshow__list ca_issuers;
	struct certshow__list crl_dp;
	bool has_ku;
	unsigned ku;
	struct certshow__list eku;
	bool has_eku;
	bool has_bc;
	bool bc_ca;
	int bc_pathlen;          /* -1 when absent */
	const uint8_t *ski;
	size_t ski_len;
	const uint8_t *aki;      /* keyIdentifier */
	size_t aki_len;
	struct certshow__list policies;
	size_t n_pqual;           /* policy qualifiers, in policy order */
	struct certshow__pqual *pqual;
	/* policyMappings (RFC 5280 4.2.1.5): n_pmap pairs, issuer-domain
	 * policy pmap_from[i] maps to subject-domain policy pmap_to[i]. */
	size_t n_pmap;
	const char **pmap_from, **pmap_to;
	/* policyConstraints (4.2.1.11) and inhibitAnyPolicy (4.2.1.14):
	 * skip counts, -1 when absent. */
	int pc_require;          /* requireExplicitPolicy */
	int pc_inhibit;          /* inhibitPolicyMapping */
	int inhibit_any;         /* SkipCerts */
	bool has_nc;
	size_t n_nc_permitted, n_nc_excluded;
	struct certshow__gname *nc_permitted, *nc_excluded;
	size_t n_sct;
	struct certshow__sct *sct;
	bool must_staple;
	/* Set when an extension's value failed to decode: the cert still
	 * loads (the raw extension is listed) but verification rejects it. */
	const char *ext_error;

	/* CERTSHOW__PROB_* bits; ext_error describes the first one. */
	unsigned problems;
	const uint8_t *sig_alg;  /* outer AlgorithmIdentifier TLV */
	size_t sig_alg_len;
	const uint8_t *key_params; /* SPKI algorithm parameters TLV or NULL */
	size_t key_params_len;
	const uint8_t *aki_serial; /* authorityCertSerialNumber contents */
	size_t aki_serial_len;
	bool has_aki_issuer;     /* authorityCertIssuer present */
	bool has_policies;
	bool has_aia;
	bool has_crl_dp;
	bool has_sct;
	bool has_tlsfeature;
};

/* Inline fast paths of certshow__der_next/expect/optional for the headers
 * certificates are made of (tag number below 31, length below 65536).
 * They apply the same X.690 10.1 rules (minimal length octets) and return
 * the same codes; every other header goes through der.c. The decoder
 * reads a few hundred headers per certificate, so this matters. */
static inline int
certshow__der_next_fast(struct certshow__der *d, struct certshow__tlv *out)
{
	const uint8_t *p = d->p;
	size_t avail = (size_t)(d->end - p), len, hl;

	if (avail < 2 || (p[0] & 0x1F) == 0x1F) {
		return certshow__der_next(d, out);
	}
	if (p[1] < 0x80) {
		len = p[1];
		hl = 2;
	} else if (p[1] == 0x81 && avail >= 3 && p[2] >= 0x80) {
		len = p[2];
		hl = 3;
	} else if (p[1] == 0x82 && avail >= 4 && p[2] != 0) {
		len = (size_t)p[2] << 8 | p[3];
		hl = 4;
	} else {
		return certshow__der_next(d, out);
	}
	if (len > avail - hl) {
		return CERTSHOW__DER_TRUNCATED;
	}
	out->hdr = p;
	out->hdr_len = hl;
	out->val = p + hl;
	out->len = len;
	out->cls = p[0] & 0xC0u;
	out->constructed = (p[0] & 0x20) != 0;
	out->tag = p[0] & 0x1Fu;
	d->p = p + hl + len;
	return CERTSHOW__DER_OK;
}

static inline int
certshow__der_expect_fast(struct certshow__der *d, struct certshow__tlv *out,
    unsigned cls, unsigned tag, bool constructed)
{
	const uint8_t *save = d->p;
	int rv = certshow__der_next_fast(d, out);

	if (rv != 0) {
		return rv;
	}
	if (out->cls != cls || out->tag != tag ||
	    out->constructed != constructed) {
		d->p = save;
		return CERTSHOW__DER_UNEXPECTED;
	}
	return 0;
}

static inline int
certshow__der_optional_fast(struct certshow__der *d,
    struct certshow__tlv *out, unsigned cls, unsigned tag, bool constructed)
{
	int rv;

	if (d->p >= d->end) {
		return 0;
	}
	rv = certshow__der_expect_fast(d, out, cls, tag, constructed);
	if (rv == CERTSHOW__DER_UNEXPECTED) {
		return 0;
	}
	return rv == 0 ? 1 : rv;
}

static inline void
certshow__der_enter_fast(struct certshow__der *d, const struct certshow__tlv *t)
{
	d->p = t->val;
	d->end = t->val + t->len;
	d->base = NULL;
}

/* Problems that do not stop a certificate from loading but that
 * verification must reject (see certshow_cert.problems). ext_error holds
 * the message of the first one. */
#define CERTSHOW__PROB_SERIAL_NEGATIVE 0x0001u /* RFC 5280 4.1.2.2 */
#define CERTSHOW__PROB_SERIAL_ZERO 0x0002u
#define CERTSHOW__PROB_SERIAL_LONG 0x0004u     /* more than 20 octets */
#define CERTSHOW__PROB_VERSION 0x0008u         /* explicit v1, or UIDs /
						* extensions in v1/v2 */
#define CERTSHOW__PROB_UNKNOWN_CRITICAL 0x0010u
#define CERTSHOW__PROB_BAD_EXTENSION 0x0020u   /* known ext malformed */
#define CERTSHOW__PROB_DUP_EXTENSION 0x0040u   /* RFC 5280 4.2 */
#define CERTSHOW__PROB_EXT_ENCODING 0x0080u    /* explicit DEFAULT FALSE,
						* empty Extensions */
#define CERTSHOW__PROB_BAD_KEY 0x0100u         /* malformed public key */

/* Extension ids (certshow__ext.id). */
enum certshow__ext_id {
	CERTSHOW__EXT_UNKNOWN = 0,
	CERTSHOW__EXT_SAN,
	CERTSHOW__EXT_IAN,
	CERTSHOW__EXT_BC,
	CERTSHOW__EXT_KU,
	CERTSHOW__EXT_EKU,
	CERTSHOW__EXT_SKI,
	CERTSHOW__EXT_AKI,
	CERTSHOW__EXT_POLICIES,
	CERTSHOW__EXT_NC,
	CERTSHOW__EXT_AIA,
	CERTSHOW__EXT_CRLDP,
	CERTSHOW__EXT_SCT,
	CERTSHOW__EXT_TLSFEATURE,
	CERTSHOW__EXT_POLICY_MAPPINGS,
	CERTSHOW__EXT_POLICY_CONSTRAINTS,
	CERTSHOW__EXT_INHIBIT_ANY,
	CERTSHOW__EXT_FRESHEST_CRL,
	CERTSHOW__EXT_SIA,
	CERTSHOW__EXT_SUBJECT_DIR_ATTRS,
	CERTSHOW__EXT_CT_POISON,
	CERTSHOW__EXT_OTHER_KNOWN /* named, not decoded, not understood when
				   * critical */
};

/* An OID table row: contents octets, dotted form, a name and a
 * table-specific extra (RFC 4514 short name, key algorithm, ...). */
struct certshow__oid {
	const char *der;
	size_t len;
	const char *dotted;
	const char *name;
	const char *aux;
	int id;
};
const struct certshow__oid *certshow__oid_lookup(
    const struct certshow__oid *tab, size_t n, const uint8_t *p, size_t len);
/* Dotted text of OID contents, in the arena; NULL on malformed OID or no
 * memory. */
const char *certshow__oid_dup(struct certshow__arena *a, const uint8_t *p,
    size_t len);

/* Where and why a decode failed: `field` names the element (static
 * string), `at` points at it in the certificate's DER, `code` is a
 * CERTSHOW__DER_* reason (CERTSHOW__DER_OK with nomem set on allocation
 * failure). */
struct certshow__derr {
	const char *field;
	const uint8_t *at;
	int code;
	bool nomem;
};
/* Record where and why decoding stopped; return CERTSHOW_E_PARSE or
 * CERTSHOW_E_NOMEM (der.c). */
int certshow__derr_fail(struct certshow__derr *e, const char *field,
    const uint8_t *at, int code);
int certshow__derr_nomem(struct certshow__derr *e, const char *field,
    const uint8_t *at);
/* As certshow__name_decode / certshow__gname_decode with a located error. */
int certshow__name_decode_at(struct certshow__arena *a,
    const struct certshow__tlv *t, struct certshow_name *out,
    struct certshow__derr *e);
int certshow__gname_decode_at(struct certshow__arena *a,
    const struct certshow__tlv *t, struct certshow__gname *g,
    struct certshow__derr *e);
/* Uppercase hex of n bytes into dst (2n+1 bytes, or 3n with sep). */
void certshow__hex(char *dst, const uint8_t *src, size_t n, char sep);

/* Decode the DER in c->der (already copied) into c. Returns 0 or a
 * CERTSHOW_E_* code with the context's message set. */
int certshow__cert_decode(struct certshow_ctx *ctx, struct certshow_cert *c);
/* The SHA-256 of the certificate's DER into md (computed on first use,
 * as the fingerprints are). Returns 0, or -1 when hashing failed. */
int certshow__cert_sha256(const struct certshow_cert *c, uint8_t md[32]);
/* Create a cert from DER with a source name/index (both copied). */
int certshow__cert_new(struct certshow_ctx *ctx, struct certshow_cert **out,
    const uint8_t *der, size_t len, const char *source, size_t index);

/* names.c */
int certshow__name_decode(struct certshow__arena *a,
    const struct certshow__tlv *t, struct certshow_name *out,
    const char **why);
/* Python's name for an attribute type OID (dotted), or NULL. */
const char *certshow__oid_pyname(const char *oid);
/* Short name for RFC 4514 ("CN", "O", ...), or NULL. */
const char *certshow__oid_shortname(const char *oid);
/* Decode GeneralName TLV into g. */
int certshow__gname_decode(struct certshow__arena *a,
    const struct certshow__tlv *t, struct certshow__gname *g,
    const char **why);

/* ext.c */
/* Name of an extension OID, or NULL. */
const char *certshow__ext_name(const char *oid);
/* Normalized form of a Name (RFC 5280 7.1, simplified RFC 4518: string
 * values case-folded in ASCII with white space collapsed, any string
 * type). Returns a malloc'd buffer, or NULL (out of memory / malformed:
 * then *len is the raw length and the caller compares raw bytes). */
uint8_t *certshow__name_norm(const uint8_t *der, size_t len, size_t *out_len);
/* Two Names are equal after that normalization (a malformed one equals
 * only its own bytes). */
bool certshow__name_eq(const uint8_t *a, size_t alen, const uint8_t *b,
    size_t blen);
/* Name `n` is within the subtree `base` (RFC 5280 4.2.1.10
 * directoryName: base's RDNs, normalized, are the first RDNs of n): 1
 * yes, 0 no, -1 when either name cannot be normalized. */
int certshow__name_within(const uint8_t *n, size_t nlen, const uint8_t *base,
    size_t blen);
/* The one table of understood extensions (ext.c): false for an unknown
 * extension and for those a verifier must not accept as critical (the
 * CT precertificate poison). A critical extension that is not
 * understood sets CERTSHOW__PROB_UNKNOWN_CRITICAL. */
bool certshow__ext_understood(int id);
/* The same for a dotted OID (lint reads extensions with libtasn1). */
bool certshow__ext_understood_oid(const char *oid);
/* Decode every known extension of c (c->ext filled). Returns 0; on a
 * malformed known extension sets c->ext_error and returns CERTSHOW_E_PARSE
 * when `strict`. */
int certshow__ext_decode_all(struct certshow__arena *a, struct certshow_cert *c,
    const char **why);
/* Name of a signature/key algorithm OID, or NULL. */
const char *certshow__oid_algname(const char *oid);
/* RFC 5280 DisplayText (IA5String, VisibleString, BMPString or
 * UTF8String) `t` as UTF-8 in the arena: 0, -1 out of memory, 1 when
 * `t` is no DisplayText. */
int certshow__display_text(struct certshow__arena *a,
    const struct certshow__tlv *t, struct certshow__str *out);
/* Signature algorithm row for OID contents, or NULL. */
const struct certshow__oid *certshow__sig_alg_lookup(const uint8_t *p,
    size_t len);
/* Parse the Extensions SEQUENCE `exts` into c->ext (framing, names,
 * duplicates, unknown critical extensions). Returns 0 or a CERTSHOW_E_*
 * code with `e` set. */
int certshow__ext_list_decode(struct certshow__arena *a,
    struct certshow_cert *c, const struct certshow__tlv *exts,
    struct certshow__derr *e);
/* Parse the SubjectPublicKeyInfo TLV into c (spki, key_*). A malformed key
 * is recorded as a problem; bad framing returns CERTSHOW_E_PARSE. */
int certshow__spki_decode(struct certshow__arena *a, struct certshow_cert *c,
    const struct certshow__tlv *spki, struct certshow__derr *e);

/* ext.c: record a CERTSHOW__PROB_* bit; the first message goes to
 * c->ext_error. */
void certshow__cert_problem(struct certshow_cert *c, unsigned bit,
    const char *fmt, ...) CERTSHOW__PRINTF(3, 4);

/* ------------------------------------------------------------------ */
/* sock.c, fetch.c / starttls.c                                          */
/* ------------------------------------------------------------------ */

/* sock.c: monotonic milliseconds, for deadlines. */
int64_t certshow__now_ms(void);
/* Wait until fd is readable (`events` POLLIN) or writable (POLLOUT)
 * before `deadline_ms`, or until *cancel (may be NULL) is set, which
 * ends the wait as the deadline does. Returns 0, CERTSHOW_E_TIMEOUT
 * (message not set) or CERTSHOW_E_IO with errno set. */
int certshow__wait_fd(int fd, short events, int64_t deadline_ms,
    const volatile sig_atomic_t *cancel);
/* Run the STARTTLS preamble of `proto` on a non-blocking connected
 * socket; `domain` is the EHLO / XMPP name; `label` names the peer in
 * messages. Returns 0 when the server agreed to start TLS. */
int certshow__starttls_run(struct certshow_ctx *ctx, int fd,
    enum certshow_starttls proto, const char *domain, int64_t deadline_ms,
    const char *label);
/* Default port of `proto` as text ("443" for NONE, "25" for SMTP, ...;
 * "443" when out of range). Static storage. */
const char *certshow__starttls_default_port(enum certshow_starttls proto);

/* pem.c: the one PEM/DER/PKCS#7 certificate reader (RFC 7468, strict
 * base64: certshow_reader_*). Trust stores read through it with
 * certshow__reader_next_der(): the next certificate's DER (valid until
 * the next call on r) and its index in the input, without decoding it.
 * Returns 1, 0 at the end, or a negative code with the reader's message
 * ("FILE: certificate #N: bad base64 at line L: ..."); after an error
 * confined to one certificate the next call goes on with the next. */
int certshow__reader_next_der(struct certshow_ctx *ctx,
    struct certshow_reader *r, const uint8_t **der, size_t *len,
    size_t *index);
/* PEM blocks of a buffer, parsed by the same code as the reader (one
 * set of rules for lines, boundaries, RFC 1421 headers and base64).
 * Strict (CRLs): the first defect is an error, "NAME: WHAT N (BEGIN
 * LABEL at line L): bad base64 at line L2: ... (byte offset O)", and the
 * iterator ends. Lenient (the ASN.1 view and lint, which show broken
 * input rather than refuse it; nothing that feeds a verification): the
 * block is cut at its first bad base64 character, a block without an END
 * line ends at the next BEGIN or at the end of the input, and the first
 * defect is in `problem`. Only blocks labelled `want` are returned (all
 * when NULL). */
#define CERTSHOW__PEM_LABEL_MAX 64
struct certshow__pem_block {
	char label[CERTSHOW__PEM_LABEL_MAX + 1];
	size_t index;           /* 0-based, among the returned blocks */
	size_t offset;          /* byte offset of the BEGIN line */
	unsigned long line;     /* its line, 1-based */
	const uint8_t *der;     /* decoded; valid until the next call */
	size_t der_len;
	char problem[256];      /* lenient: first defect, "" if none */
};
struct certshow__pem_iter {
	const uint8_t *data;
	size_t len, pos;
	unsigned long line;
	const char *name, *want, *what;
	bool strict;
	size_t index;
	uint8_t *buf;
	size_t cap;
};
/* `name` names the input in errors (NULL: "(memory)"), `what` the blocks
 * ("CRL"; NULL: "PEM block"); both are borrowed. */
void certshow__pem_iter_init(struct certshow__pem_iter *it,
    const uint8_t *data, size_t len, const char *name, const char *want,
    const char *what, bool strict);
/* The next block (1), the end (0), or a negative code (strict: the
 * first defect; both: out of memory). */
int certshow__pem_next_block(struct certshow_ctx *ctx,
    struct certshow__pem_iter *it, struct certshow__pem_block *b);
void certshow__pem_iter_free(struct certshow__pem_iter *it);
/* First occurrence of the NUL-terminated string `s` in [p, end), or
 * NULL. */
const uint8_t *certshow__pem_find(const uint8_t *p, const uint8_t *end,
    const char *s);
/* What a DER SEQUENCE that is recognisably not a certificate is, by its
 * shape: "CRL", "certificate request (CSR)" or "private key"; NULL when
 * it may be a certificate (or is too broken to tell). For "no certificate
 * found" messages and for lint, which lints only certificates. */
const char *certshow__der_not_cert(const uint8_t *der, size_t len);

/* util */
/* Append escaped form of bytes for JSON/pydict/text; see format_*.c. */

/* util.c: the one growth rule for arrays. The capacity, for `size`-byte
 * elements, that holds `need` of them: `cap` doubled (starting from
 * `first` when 0) until it does. Returns 0 with *out set, or
 * CERTSHOW_E_NOMEM when the count or its size in bytes would not fit in
 * a size_t (limits are caller-settable up to SIZE_MAX). */
int certshow__grow_cap(size_t cap, size_t need, size_t size, size_t first,
    size_t *out);
/* realloc() `v`, an array of *cap elements of `size` bytes, so that it
 * holds at least `need` (certshow__grow_cap()). Returns the array, with
 * *cap updated, or NULL (out of memory or overflow: `v` and *cap are
 * unchanged and still valid). */
void *certshow__grow(void *v, size_t *cap, size_t need, size_t size,
    size_t first);

/* util.c: read the whole file `path` into *out (malloc'd, caller frees)
 * and *len. Errors, each message starting with the path:
 * CERTSHOW_E_IO ("cannot open: ...", "cannot read: ..."), CERTSHOW_E_LIMIT
 * (more than `max` bytes), CERTSHOW_E_NOMEM. */
int certshow__read_file(struct certshow_ctx *ctx, const char *path,
    size_t max, uint8_t **out, size_t *len);

/* ------------------------------------------------------------------ */
/* asn1.c: extensions without an accessor in the model                  */
/* ------------------------------------------------------------------ */

/* Short description of the value of an extension that the certificate
 * model has no accessor for, decoded through the library's PKIX module:
 * qcStatements ("QcCompliance, QcType(web)"), policyMappings ("a -> b"),
 * inhibitAnyPolicy ("skipCerts=0") and policyConstraints
 * ("requireExplicitPolicy=0"). *out is malloc'd (caller frees). Returns
 * CERTSHOW_E_NOTFOUND for other OIDs, CERTSHOW_E_PARSE when the value
 * does not decode; `ctx` may be NULL. */
int certshow__asn1_ext_describe(struct certshow_ctx *ctx, const char *oid,
    const uint8_t *value, size_t len, char **out);

#endif /* CERTSHOW_INTERNAL_H */
