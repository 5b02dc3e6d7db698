/*
 * lint.c - certificate lint: RFC 5280, X.690 DER and CA/Browser Forum
 * Baseline Requirements checks reported as findings.
 *
 * Lint reads the certificate through the PKIX module with libtasn1's
 * lenient (BER) decoder, so that a certificate the strict decoder rejects
 * still gets every check that its fields allow; the encoding problems
 * themselves come from the BER walker of asn1view.c. Every check is one
 * row of `checks` below (identifier, severity, citation); doc/lint.md
 * lists them and compares them with zlint, pkilint and x509lint.
 *
 * Roles: a certificate is a CA certificate when basicConstraints has
 * cA TRUE. A TLS subscriber certificate is a non-CA certificate whose
 * extKeyUsage is absent or includes serverAuth or anyExtendedKeyUsage;
 * the Baseline Requirements rules about names and validity apply to
 * those only.
 */
#include "asn1.h"
#include "format.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* The checks                                                           */
/* ------------------------------------------------------------------ */

enum {
	L_DER_MALFORMED,
	L_DER_TRAILING,
	L_DER_LENGTH,
	L_DER_INDEFINITE,
	L_DER_INTEGER,
	L_DER_OTHER,
	L_DER_DEFAULT,
	L_DER_SET_ORDER,
	L_TIME_FORMAT,
	L_TIME_GEN_BEFORE_2050,
	L_NAME_STRING_TYPE,
	L_NAME_STRING_DEPRECATED,
	L_NAME_PRINTABLE,
	L_NAME_MULTIVALUED,
	L_VERSION_INVALID,
	L_VERSION_MISMATCH,
	L_SERIAL_LONG,
	L_SERIAL_NEGATIVE,
	L_SERIAL_ZERO,
	L_SERIAL_SHORT,
	L_SIG_MD5,
	L_SIG_SHA1,
	L_SIG_MISMATCH,
	L_RSA_SMALL,
	L_RSA_EXPONENT,
	L_RSA_PARAMS,
	L_EC_UNNAMED,
	L_EC_WEAK,
	L_EC_NOT_ALLOWED,
	L_VALIDITY_NEGATIVE,
	L_VALIDITY_LONG,
	L_SAN_MISSING,
	L_CN_NOT_IN_SAN,
	L_WILDCARD,
	L_DNS_INVALID,
	L_EXT_DUPLICATE,
	L_EXT_UNKNOWN_CRITICAL,
	L_EXT_MALFORMED,
	L_CA_NO_KEYCERTSIGN,
	L_CA_NO_SKI,
	L_CA_BC_NOT_CRITICAL,
	L_KEYCERTSIGN_NOT_CA,
	L_PATHLEN_NOT_CA,
	L_LEAF_CA,
	L_AKI_MISSING,
	L_EMPTY_SUBJECT,
	L_KU_EMPTY,
	L_KU_ENC_DEC_ONLY,
	L_KU_KEY_MISMATCH,
	L_KU_TLS_LEAF,
	L_INHIBIT_NOT_CRITICAL,
	L_POLCONS_NOT_CRITICAL,
	L_POLCONS_EMPTY,
	L_POLMAP_ANY,
	L_EXPIRED,
	L_NOT_YET_VALID,
	L_EXPIRES_SOON,
	L_SAN_NO_ENTRIES,
	L_SAN_EMPTY_NAME,
	L_SAN_IP_LENGTH,
	L_RSA_MOD_EVEN,
	L_KU_NOT_CRITICAL,
	L_AKI_CRITICAL,
	L_SKI_CRITICAL,
	L_UNIQUE_ID,
	L_ISSUER_EMPTY,
	L_DER_NAMED_BITS,
	L_NAME_UTF8_INVALID,
	L_INHIBIT_NEGATIVE,
	L_COUNT
};

#define E CERTSHOW_LINT_ERROR
#define W CERTSHOW_LINT_WARNING
#define N CERTSHOW_LINT_NOTICE

static const struct check {
	const char *id;
	enum certshow_lint_severity sev;
	const char *cite;
	bool cabf;               /* a Baseline Requirements rule */
} checks[L_COUNT] = {
	[L_DER_MALFORMED] = { "der-malformed", E, "X.690 8.1", false },
	[L_DER_TRAILING] = { "der-trailing-data", E, "RFC 5280 4.1", false },
	[L_DER_LENGTH] = { "der-length-nonminimal", E, "X.690 10.1", false },
	[L_DER_INDEFINITE] = { "der-length-indefinite", E, "X.690 10.1",
	    false },
	[L_DER_INTEGER] = { "der-integer-nonminimal", E, "X.690 8.3.2",
	    false },
	[L_DER_OTHER] = { "der-encoding", E, "X.690 10-11", false },
	[L_DER_DEFAULT] = { "der-default-encoded", E, "X.690 11.5", false },
	[L_DER_SET_ORDER] = { "der-set-unsorted", E, "X.690 11.6", false },
	[L_TIME_FORMAT] = { "time-format", E, "RFC 5280 4.1.2.5", false },
	[L_TIME_GEN_BEFORE_2050] = { "time-generalized-before-2050", E,
	    "RFC 5280 4.1.2.5", false },
	[L_NAME_STRING_TYPE] = { "name-string-type", E,
	    "RFC 5280 appendix A.1", false },
	[L_NAME_STRING_DEPRECATED] = { "name-string-deprecated", W,
	    "RFC 5280 4.1.2.6", false },
	[L_NAME_PRINTABLE] = { "name-printable-charset", E, "X.680 41.4",
	    false },
	[L_NAME_MULTIVALUED] = { "name-multivalued-rdn", W, "CABF BR 7.1.4.1",
	    true },
	[L_VERSION_INVALID] = { "version-invalid", E, "RFC 5280 4.1.2.1",
	    false },
	[L_VERSION_MISMATCH] = { "version-mismatch", E, "RFC 5280 4.1.2.1",
	    false },
	[L_SERIAL_LONG] = { "serial-too-long", E, "RFC 5280 4.1.2.2", false },
	[L_SERIAL_NEGATIVE] = { "serial-negative", E, "RFC 5280 4.1.2.2",
	    false },
	[L_SERIAL_ZERO] = { "serial-zero", E, "RFC 5280 4.1.2.2", false },
	[L_SERIAL_SHORT] = { "serial-low-entropy", W, "CABF BR 7.1", true },
	[L_SIG_MD5] = { "sig-md5", E, "CABF BR 7.1.3.2", false },
	[L_SIG_SHA1] = { "sig-sha1", E, "CABF BR 7.1.3.2", false },
	[L_SIG_MISMATCH] = { "sig-alg-mismatch", E, "RFC 5280 4.1.1.2",
	    false },
	[L_RSA_SMALL] = { "rsa-key-too-small", E, "CABF BR 6.1.5", false },
	[L_RSA_EXPONENT] = { "rsa-exponent", W, "CABF BR 6.1.6", false },
	[L_RSA_PARAMS] = { "rsa-params-not-null", E, "RFC 3279 2.3.1", false },
	[L_EC_UNNAMED] = { "ec-curve-unnamed", E, "RFC 5480 2.1.1", false },
	[L_EC_WEAK] = { "ec-curve-weak", E, "CABF BR 6.1.5", false },
	[L_EC_NOT_ALLOWED] = { "ec-curve-not-allowed", W, "CABF BR 6.1.5",
	    true },
	[L_VALIDITY_NEGATIVE] = { "validity-negative", E, "RFC 5280 4.1.2.5",
	    false },
	[L_VALIDITY_LONG] = { "validity-too-long", E, "CABF BR 6.3.2", true },
	[L_SAN_MISSING] = { "san-missing", E, "CABF BR 7.1.2.7.12", true },
	[L_CN_NOT_IN_SAN] = { "cn-not-in-san", E, "CABF BR 7.1.4.3", true },
	[L_WILDCARD] = { "wildcard-invalid", E, "RFC 6125 6.4.3", false },
	[L_DNS_INVALID] = { "dns-name-invalid", E, "RFC 5280 4.2.1.6", false },
	[L_EXT_DUPLICATE] = { "ext-duplicate", E, "RFC 5280 4.2", false },
	[L_EXT_UNKNOWN_CRITICAL] = { "ext-unknown-critical", E, "RFC 5280 4.2",
	    false },
	[L_EXT_MALFORMED] = { "ext-malformed", E, "RFC 5280 4.2", false },
	[L_CA_NO_KEYCERTSIGN] = { "ca-no-keycertsign", E, "RFC 5280 4.2.1.3",
	    false },
	[L_CA_NO_SKI] = { "ca-no-ski", E, "RFC 5280 4.2.1.2", false },
	[L_CA_BC_NOT_CRITICAL] = { "ca-bc-not-critical", E,
	    "RFC 5280 4.2.1.9", false },
	[L_KEYCERTSIGN_NOT_CA] = { "keycertsign-not-ca", E,
	    "RFC 5280 4.2.1.3", false },
	[L_PATHLEN_NOT_CA] = { "pathlen-not-ca", E, "RFC 5280 4.2.1.9",
	    false },
	[L_LEAF_CA] = { "leaf-ca-true", E, "CABF BR 7.1.2.7.8", true },
	[L_AKI_MISSING] = { "aki-missing", E, "RFC 5280 4.2.1.1", false },
	[L_EMPTY_SUBJECT] = { "empty-subject-san-not-critical", E,
	    "RFC 5280 4.2.1.6", false },
	[L_KU_EMPTY] = { "ku-empty", E, "RFC 5280 4.2.1.3", false },
	[L_KU_ENC_DEC_ONLY] = { "ku-encipher-decipher-only", E,
	    "RFC 5280 4.2.1.3", false },
	[L_KU_KEY_MISMATCH] = { "ku-key-mismatch", E, "RFC 5480 3", false },
	[L_KU_TLS_LEAF] = { "ku-tls-leaf-bits", W, "CABF BR 7.1.2.7.11",
	    true },
	[L_INHIBIT_NOT_CRITICAL] = { "inhibitanypolicy-not-critical", E,
	    "RFC 5280 4.2.1.14", false },
	[L_POLCONS_NOT_CRITICAL] = { "policyconstraints-not-critical", E,
	    "RFC 5280 4.2.1.11", false },
	[L_POLCONS_EMPTY] = { "policyconstraints-empty", E,
	    "RFC 5280 4.2.1.11", false },
	[L_POLMAP_ANY] = { "policymappings-anypolicy", E, "RFC 5280 4.2.1.5",
	    false },
	[L_EXPIRED] = { "expired", E, "RFC 5280 4.1.2.5", false },
	[L_NOT_YET_VALID] = { "not-yet-valid", W, "RFC 5280 4.1.2.5", false },
	[L_EXPIRES_SOON] = { "expires-soon", W, "RFC 5280 4.1.2.5", false },
	[L_SAN_NO_ENTRIES] = { "san-no-entries", E, "RFC 5280 4.2.1.6",
	    false },
	[L_SAN_EMPTY_NAME] = { "san-empty-name", E, "RFC 5280 4.2.1.6",
	    false },
	[L_SAN_IP_LENGTH] = { "san-ip-length", E, "RFC 5280 4.2.1.6", false },
	[L_RSA_MOD_EVEN] = { "rsa-modulus-even", W, "CABF BR 6.1.6", false },
	[L_KU_NOT_CRITICAL] = { "ku-not-critical", W, "RFC 5280 4.2.1.3",
	    false },
	[L_AKI_CRITICAL] = { "aki-critical", E, "RFC 5280 4.2.1.1", false },
	[L_SKI_CRITICAL] = { "ski-critical", E, "RFC 5280 4.2.1.2", false },
	[L_UNIQUE_ID] = { "unique-id-present", E, "RFC 5280 4.1.2.8", false },
	[L_ISSUER_EMPTY] = { "issuer-empty", E, "RFC 5280 4.1.2.4", false },
	[L_DER_NAMED_BITS] = { "der-named-bits-nonminimal", E, "X.690 11.2.2",
	    false },
	[L_NAME_UTF8_INVALID] = { "name-utf8-invalid", E, "RFC 5280 4.1.2.4",
	    false },
	[L_INHIBIT_NEGATIVE] = { "inhibitanypolicy-negative", E,
	    "RFC 5280 4.2.1.14", false },
};

#undef E
#undef W
#undef N

/* ------------------------------------------------------------------ */
/* Findings list                                                        */
/* ------------------------------------------------------------------ */

struct finding {
	unsigned check;
	size_t cert;
	char *msg;
};

struct lint_error {
	char *source; /* NULL: none */
	int code;
	char *message;
};

struct certshow_lint {
	size_t n, cap;
	struct finding *v;
	size_t n_certs, cap_certs;
	char **sources;
	/* Inputs that could not be linted (certshow_lint_add_error()). */
	size_t n_errs, cap_errs;
	struct lint_error *errs;
};

int
certshow_lint_new(struct certshow_ctx *ctx, struct certshow_lint **out)
{
	if (out == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_lint_new: out is NULL");
	}
	*out = calloc(1, sizeof(**out));
	if (*out == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "creating a lint list: out of memory");
	}
	return 0;
}

void
certshow_lint_free(struct certshow_lint *l)
{
	size_t i;

	if (l == NULL) {
		return;
	}
	for (i = 0; i < l->n; i++) {
		free(l->v[i].msg);
	}
	for (i = 0; i < l->n_certs; i++) {
		free(l->sources[i]);
	}
	for (i = 0; i < l->n_errs; i++) {
		free(l->errs[i].source);
		free(l->errs[i].message);
	}
	free(l->v);
	free(l->sources);
	free(l->errs);
	free(l);
}

int
certshow_lint_add_error(struct certshow_ctx *ctx, struct certshow_lint *l,
    const char *source, int code, const char *message)
{
	struct lint_error *nv, *e;

	if (l == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_lint_add_error: NULL list");
	}
	if (message == NULL) {
		message = certshow_strerror(code);
	}
	nv = certshow__grow(l->errs, &l->cap_errs, l->n_errs + 1, sizeof(*nv),
	    4);
	if (nv == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "lint: out of memory");
	}
	l->errs = nv;
	e = &l->errs[l->n_errs];
	e->code = code;
	e->source = source != NULL ? strdup(source) : NULL;
	e->message = strdup(message);
	if (e->message == NULL || (source != NULL && e->source == NULL)) {
		free(e->source);
		free(e->message);
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "lint: out of memory");
	}
	l->n_errs++;
	return 0;
}

/* State of one certificate being linted. */
struct lc {
	struct certshow_ctx *ctx;
	struct certshow_lint *l;
	const struct certshow_lint_opts *o;
	size_t index;
	int err;                 /* first allocation failure */
	bool seen[L_COUNT];

	const uint8_t *der;      /* the certificate TLV */
	size_t len;
	asn1_node defs;
	asn1_node cert;

	int version;             /* 1..3, as printed */
	bool is_ca, has_bc, bc_critical;
	bool has_ku;
	unsigned ku;             /* CERTSHOW_KU_* bits */
	bool has_eku, eku_server, eku_any;
	bool has_san, san_critical, san_dns;
	bool has_ski, has_aki;
	bool self_issued;
	bool subject_empty;
	const char *key_type;    /* "RSA", "EC", "Ed25519", "Ed448", other */
	bool times_ok;
	int64_t not_before, not_after;
};

static int
lint_add(struct lc *c, unsigned check, const char *fmt, ...)
    CERTSHOW__PRINTF(3, 4);

static int
lint_add(struct lc *c, unsigned check, const char *fmt, ...)
{
	struct certshow_lint *l = c->l;
	char buf[512];
	va_list ap;
	size_t n;

	if (checks[check].cabf && c->o != NULL &&
	    (c->o->flags & CERTSHOW_LINT_F_RFC5280_ONLY)) {
		return 0;
	}
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (l->n == l->cap) {
		struct finding *v = certshow__grow(l->v, &l->cap,
		    l->n + 1, sizeof(*v), 16);

		if (v == NULL) {
			c->err = CERTSHOW_E_NOMEM;
			return c->err;
		}
		l->v = v;
	}
	n = strlen(buf);
	l->v[l->n].msg = malloc(n + 1);
	if (l->v[l->n].msg == NULL) {
		c->err = CERTSHOW_E_NOMEM;
		return c->err;
	}
	memcpy(l->v[l->n].msg, buf, n + 1);
	l->v[l->n].check = check;
	l->v[l->n].cert = c->index;
	l->n++;
	c->seen[check] = true;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Encoding: the BER walk                                               */
/* ------------------------------------------------------------------ */

struct enc_state {
	struct lc *c;
	size_t count[8];
	size_t first[8];
	const char *stop_why;
	size_t stop_off;
	char stop_buf[200];
};

static unsigned
note_index(unsigned note)
{
	unsigned i = 0;

	while (note > 1) {
		note >>= 1;
		i++;
	}
	return i < 8 ? i : 7;
}

static int
enc_cb(void *arg, const struct certshow__ber_ev *ev)
{
	struct enc_state *s = arg;
	unsigned i;

	if (ev->kind == CERTSHOW__BER_NOTE) {
		i = note_index(ev->note);
		if (s->count[i]++ == 0) {
			s->first[i] = ev->off;
		}
	} else if ((ev->kind == CERTSHOW__BER_STOP ||
	    ev->kind == CERTSHOW__BER_BROKEN) && s->stop_why == NULL) {
		snprintf(s->stop_buf, sizeof(s->stop_buf), "%s", ev->why);
		s->stop_why = s->stop_buf;
		s->stop_off = ev->off;
	}
	return 0;
}

static void
enc_report(struct lc *c, struct enc_state *s, unsigned note, unsigned check)
{
	unsigned i = note_index(note);

	if (s->count[i] == 0) {
		return;
	}
	if (s->count[i] == 1) {
		lint_add(c, check, "%s at offset %zu",
		    certshow__ber_note_str(note, false), s->first[i]);
	} else {
		lint_add(c, check, "%s at offset %zu and %zu more place%s",
		    certshow__ber_note_str(note, false), s->first[i], s->count[i] - 1,
		    s->count[i] == 2 ? "" : "s");
	}
}

static void
lint_encoding(struct lc *c, const struct certshow__asn1_labels *labels)
{
	struct certshow__ber_walk_opts wo;
	struct enc_state s;

	memset(&s, 0, sizeof(s));
	s.c = c;
	memset(&wo, 0, sizeof(wo));
	wo.max_depth = 64;
	wo.open_nested = true;
	wo.labels = labels;
	certshow__ber_walk(c->der, c->len, 0, &wo, enc_cb, &s);
	if (s.stop_why != NULL) {
		lint_add(c, L_DER_MALFORMED, "structure broken at offset %zu: %s",
		    s.stop_off, s.stop_why);
	}
	enc_report(c, &s, CERTSHOW__BER_N_LEN_LONG, L_DER_LENGTH);
	enc_report(c, &s, CERTSHOW__BER_N_LEN_INDEF, L_DER_INDEFINITE);
	enc_report(c, &s, CERTSHOW__BER_N_INT_PAD, L_DER_INTEGER);
	enc_report(c, &s, CERTSHOW__BER_N_TAG_LONG, L_DER_OTHER);
	enc_report(c, &s, CERTSHOW__BER_N_BOOL, L_DER_OTHER);
	enc_report(c, &s, CERTSHOW__BER_N_BITS, L_DER_OTHER);
	enc_report(c, &s, CERTSHOW__BER_N_CONS_STR, L_DER_OTHER);
}

/* ------------------------------------------------------------------ */
/* Helpers over the decoded tree                                        */
/* ------------------------------------------------------------------ */

/* The TLV of element `name`: header parsed leniently. */
static int
elem_tlv(struct lc *c, const char *name, struct certshow__ber_hdr *h,
    const uint8_t **val)
{
	size_t s, e;
	const char *why;

	if (certshow__asn1_range(c->cert, c->der, c->len, name, &s, &e) != 0) {
		return CERTSHOW_E_NOTFOUND;
	}
	if (certshow__ber_header(c->der + s, e - s + 1, s, h, &why) != 0) {
		return CERTSHOW_E_PARSE;
	}
	*val = c->der + s + h->hdr_len;
	if (h->indefinite) {
		h->len = e + 1 - s - h->hdr_len;
	}
	return 0;
}

static bool
read_oid(struct lc *c, const char *name, char *buf, size_t size)
{
	return certshow__asn1_read_buf(c->cert, name, buf, size, NULL) == 0;
}

static bool
read_bool(asn1_node n, const char *name, bool *out)
{
	char buf[8];

	if (certshow__asn1_read_buf(n, name, buf, sizeof(buf), NULL) != 0) {
		return false;
	}
	*out = strcmp(buf, "TRUE") == 0;
	return true;
}

/* ------------------------------------------------------------------ */
/* Times (RFC 5280 4.1.2.5)                                             */
/* ------------------------------------------------------------------ */

static bool
all_digits(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9') {
			return false;
		}
	}
	return true;
}

static void
lint_time(struct lc *c, const char *which, int64_t *out, bool *ok)
{
	char path[64];
	struct certshow__ber_hdr h;
	struct certshow__tlv t;
	const uint8_t *v;
	const char *what = NULL;

	*ok = false;
	snprintf(path, sizeof(path), "tbsCertificate.validity.%s", which);
	if (elem_tlv(c, path, &h, &v) != 0) {
		return;
	}
	if (h.cls != CERTSHOW__CLASS_UNIVERSAL || h.constructed ||
	    (h.tag != CERTSHOW__TAG_UTCTIME &&
	    h.tag != CERTSHOW__TAG_GENERALIZEDTIME)) {
		lint_add(c, L_TIME_FORMAT, "%s is not a UTCTime or "
		    "GeneralizedTime", which);
		return;
	}
	{
		size_t digits = h.tag == CERTSHOW__TAG_UTCTIME ? 12 : 14;

		if (h.len == digits - 2 + 1 && v[h.len - 1] == 'Z' &&
		    all_digits(v, h.len - 1)) {
			what = "seconds are missing";
		} else if (h.len >= digits && all_digits(v, digits) &&
		    h.len > digits && v[digits] == '.') {
			what = "has fractional seconds";
		} else if (h.len >= digits - 2 && all_digits(v, digits - 2) &&
		    (v[h.len - 5] == '+' || v[h.len - 5] == '-')) {
			what = "has a time zone offset instead of Z";
		} else if (h.len >= 1 && v[h.len - 1] != 'Z') {
			what = "does not end in Z";
		}
	}
	if (what != NULL) {
		lint_add(c, L_TIME_FORMAT, "%s (%s) %s", which,
		    h.tag == CERTSHOW__TAG_UTCTIME ? "UTCTime" :
		    "GeneralizedTime", what);
		return;
	}
	memset(&t, 0, sizeof(t));
	t.val = v;
	t.len = h.len;
	t.tag = (unsigned)h.tag;
	t.cls = h.cls;
	if (certshow__der_time(&t, out) != 0) {
		lint_add(c, L_TIME_FORMAT, "%s is not a valid %s", which,
		    h.tag == CERTSHOW__TAG_UTCTIME ? "UTCTime (YYMMDDHHMMSSZ)" :
		    "GeneralizedTime (YYYYMMDDHHMMSSZ)");
		return;
	}
	/* 4.1.2.5: dates through 2049 MUST be UTCTime. 2524608000 is
	 * 2050-01-01T00:00:00Z. */
	if (h.tag == CERTSHOW__TAG_GENERALIZEDTIME && *out < 2524608000LL) {
		lint_add(c, L_TIME_GEN_BEFORE_2050, "%s uses GeneralizedTime "
		    "for a date before 2050", which);
	}
	*ok = true;
}

static int64_t
add_months(int64_t t, unsigned months)
{
	int64_t y, mo_total;
	unsigned mo, d, h, mi, s;
	static const unsigned mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31,
		30, 31, 30, 31 };
	unsigned dim;

	certshow__civil_from_epoch(t, &y, &mo, &d, &h, &mi, &s);
	mo_total = y * 12 + (int64_t)(mo - 1) + months;
	y = mo_total / 12;
	mo = (unsigned)(mo_total % 12) + 1;
	dim = mdays[mo - 1];
	if (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) {
		dim = 29;
	}
	if (d > dim) {
		d = dim;
	}
	return certshow__days_from_civil(y, mo, d) * 86400 +
	    (int64_t)h * 3600 + (int64_t)mi * 60 + s;
}

/* CABF BR 6.3.2: the maximum validity of a subscriber certificate as
 * a function of its notBefore (the limit in force when it was issued).
 * The validity period includes both ends: notAfter - notBefore + 1s. */
static void
lint_validity(struct lc *c, bool tls_leaf)
{
	static const struct {
		int64_t from;     /* notBefore >= from */
		unsigned days;    /* 0: months instead */
		unsigned months;
		const char *rule;
	} rules[] = {
		{ 1867017600LL, 47, 0, "47 days from 2029-03-15" },
		{ 1804982400LL, 100, 0, "100 days from 2027-03-15" },
		{ 1773532800LL, 200, 0, "200 days from 2026-03-15" },
		{ 1598918400LL, 398, 0, "398 days from 2020-09-01" },
		{ 1519862400LL, 825, 0, "825 days from 2018-03-01" },
		{ 1427846400LL, 0, 39, "39 months from 2015-04-01" },
		{ INT64_MIN, 0, 60, "60 months before 2015-04-01" },
	};
	size_t i;
	int64_t period, max;

	if (!c->times_ok) {
		return;
	}
	if (c->not_after < c->not_before) {
		lint_add(c, L_VALIDITY_NEGATIVE, "notAfter is before notBefore");
		return;
	}
	if (!tls_leaf) {
		return;
	}
	period = c->not_after - c->not_before + 1;
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		if (c->not_before >= rules[i].from) {
			break;
		}
	}
	if (rules[i].days != 0) {
		max = (int64_t)rules[i].days * 86400;
	} else {
		max = add_months(c->not_before, rules[i].months) -
		    c->not_before;
	}
	if (period > max) {
		lint_add(c, L_VALIDITY_LONG, "validity of %lld days exceeds the "
		    "limit of %s", (long long)((period + 86399) / 86400),
		    rules[i].rule);
	}
}

static void
lint_expiry(struct lc *c)
{
	const struct certshow_lint_opts *o = c->o;

	if (!c->times_ok || o == NULL || !o->has_now ||
	    c->not_after < c->not_before) {
		return;
	}
	if (o->now > c->not_after) {
		lint_add(c, L_EXPIRED, "expired %lld days before the check time",
		    (long long)((o->now - c->not_after) / 86400));
		return;
	}
	if (o->now < c->not_before) {
		lint_add(c, L_NOT_YET_VALID, "valid only from %lld days after "
		    "the check time",
		    (long long)((c->not_before - o->now + 86399) / 86400));
		return;
	}
	if (certshow__expires_soon(c->not_before, c->not_after, o->now,
		o->warn_days)) {
		lint_add(c, L_EXPIRES_SOON,
		    "expires in %lld days (warning "
		    "threshold %u days)",
		    (long long)certshow__days_left(c->not_after, o->now),
		    o->warn_days);
	}
}

/* ------------------------------------------------------------------ */
/* Names                                                                */
/* ------------------------------------------------------------------ */

/* RFC 3629 section 4 (no overlong forms, surrogates or code points past
 * U+10FFFF), which X.680 41.16 requires of a UTF8String. */
static bool
utf8_ok(const uint8_t *p, size_t len)
{
	uint32_t cp;
	size_t i = 0, n;

	while (i < len) {
		n = certshow__utf8_decode(p + i, len - i, &cp);
		if (n == 0) {
			return false;
		}
		i += n;
	}
	return true;
}

/* X.680 41.4: the PrintableString repertoire. */
static bool
printable_ok(const uint8_t *p, size_t n)
{
	static const char extra[] = " '()+,-./:=?";
	size_t i;

	for (i = 0; i < n; i++) {
		uint8_t ch = p[i];

		if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		    (ch >= '0' && ch <= '9')) {
			continue;
		}
		if (ch == 0 || strchr(extra, ch) == NULL) {
			return false;
		}
	}
	return true;
}

enum want_str {
	WANT_DIRSTRING,  /* DirectoryString */
	WANT_PRINTABLE,
	WANT_IA5,
	WANT_ANY
};

static enum want_str
attr_syntax(const char *oid)
{
	/* RFC 5280 appendix A.1. */
	if (strcmp(oid, "2.5.4.6") == 0 || strcmp(oid, "2.5.4.5") == 0 ||
	    strcmp(oid, "2.5.4.46") == 0 ||
	    strcmp(oid, "1.3.6.1.4.1.311.60.2.1.3") == 0) {
		return WANT_PRINTABLE;
	}
	if (strcmp(oid, "1.2.840.113549.1.9.1") == 0 ||
	    strcmp(oid, "0.9.2342.19200300.100.1.25") == 0) {
		return WANT_IA5;
	}
	if (strncmp(oid, "2.5.4.", 6) == 0 ||
	    strncmp(oid, "1.3.6.1.4.1.311.60.2.1.", 23) == 0) {
		return WANT_DIRSTRING;
	}
	return WANT_ANY;
}

/* The string type's name (format.c's table, which also names BIT
 * STRING: not a string type for a name attribute). */
static const char *
str_tag_name(unsigned long tag)
{
	const char *n = NULL;

	if (tag != CERTSHOW__TAG_BIT_STRING && tag <= 30) {
		n = certshow__str_tag_name((unsigned)tag);
	}
	return n != NULL ? n : "a non-string type";
}

static void
attr_name(const char *oid, char *buf, size_t size)
{
	const char *n = certshow__asn1_oid_name(oid);

	snprintf(buf, size, "%s", n != NULL ? n : oid);
}

/* The CNs of the subject, for cn-not-in-san (at most 8). */
struct cns {
	size_t n;
	const uint8_t *v[8];
	size_t len[8];
};

static void
lint_ava(struct lc *c, const char *which, const char *path, struct cns *cns)
{
	char p2[200], oid[128], an[160];
	struct certshow__ber_hdr h;
	const uint8_t *v;
	enum want_str want;

	snprintf(p2, sizeof(p2), "%s.type", path);
	if (!read_oid(c, p2, oid, sizeof(oid))) {
		return;
	}
	snprintf(p2, sizeof(p2), "%s.value", path);
	if (elem_tlv(c, p2, &h, &v) != 0 || h.indefinite) {
		return;
	}
	attr_name(oid, an, sizeof(an));
	if (strcmp(oid, "2.5.4.3") == 0 && cns != NULL && cns->n < 8) {
		cns->v[cns->n] = v;
		cns->len[cns->n] = h.len;
		cns->n++;
	}
	want = attr_syntax(oid);
	if (h.cls != CERTSHOW__CLASS_UNIVERSAL || h.constructed) {
		if (want != WANT_ANY) {
			lint_add(c, L_NAME_STRING_TYPE, "%s %s is not a string",
			    which, an);
		}
		return;
	}
	switch (want) {
	case WANT_PRINTABLE:
		if (h.tag != CERTSHOW__TAG_PRINTABLESTRING) {
			lint_add(c, L_NAME_STRING_TYPE, "%s %s is a %s, not a "
			    "PrintableString", which, an, str_tag_name(h.tag));
			return;
		}
		break;
	case WANT_IA5:
		if (h.tag != CERTSHOW__TAG_IA5STRING) {
			lint_add(c, L_NAME_STRING_TYPE, "%s %s is a %s, not an "
			    "IA5String", which, an, str_tag_name(h.tag));
			return;
		}
		break;
	case WANT_DIRSTRING:
		if (h.tag != CERTSHOW__TAG_UTF8STRING &&
		    h.tag != CERTSHOW__TAG_PRINTABLESTRING &&
		    h.tag != CERTSHOW__TAG_T61STRING &&
		    h.tag != CERTSHOW__TAG_UNIVERSALSTRING &&
		    h.tag != CERTSHOW__TAG_BMPSTRING) {
			lint_add(c, L_NAME_STRING_TYPE, "%s %s is a %s, not a "
			    "DirectoryString", which, an, str_tag_name(h.tag));
			return;
		}
		/* 4.1.2.6 (subject) and 4.1.2.4: PrintableString or
		 * UTF8String, the others only for legacy names. */
		if (h.tag != CERTSHOW__TAG_UTF8STRING &&
		    h.tag != CERTSHOW__TAG_PRINTABLESTRING) {
			lint_add(c, L_NAME_STRING_DEPRECATED, "%s %s is a %s; "
			    "new names use UTF8String or PrintableString",
			    which, an, str_tag_name(h.tag));
		}
		break;
	case WANT_ANY:
		break;
	}
	if (h.tag == CERTSHOW__TAG_PRINTABLESTRING && !printable_ok(v, h.len)) {
		lint_add(c, L_NAME_PRINTABLE, "%s %s has characters outside "
		    "the PrintableString set", which, an);
	}
	if (h.tag == CERTSHOW__TAG_UTF8STRING && !utf8_ok(v, h.len)) {
		lint_add(c, L_NAME_UTF8_INVALID, "%s %s is a UTF8String that "
		    "is not valid UTF-8", which, an);
	}
}

/* X.690 11.6: SET OF components in ascending order of their encodings,
 * the shorter padded at the end with zero octets. */
static int
der_cmp(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	size_t i, n = alen > blen ? alen : blen;

	for (i = 0; i < n; i++) {
		unsigned x = i < alen ? a[i] : 0, y = i < blen ? b[i] : 0;

		if (x != y) {
			return x < y ? -1 : 1;
		}
	}
	return 0;
}

static void
lint_name(struct lc *c, const char *field, const char *which,
    struct cns *cns, size_t *n_rdns)
{
	char path[128], avp[192];
	size_t i, j, nr, na;

	snprintf(path, sizeof(path), "tbsCertificate.%s.rdnSequence", field);
	nr = certshow__asn1_count(c->cert, path);
	*n_rdns = nr;
	for (i = 1; i <= nr && i <= 256; i++) {
		const uint8_t *prev = NULL;
		size_t prev_len = 0;
		bool sorted = true;

		snprintf(avp, sizeof(avp), "%s.?%zu", path, i);
		na = certshow__asn1_count(c->cert, avp);
		if (na > 1) {
			lint_add(c, L_NAME_MULTIVALUED, "%s RDN %zu has %zu "
			    "attributes", which, i, na);
		}
		for (j = 1; j <= na && j <= 64; j++) {
			size_t s, e;

			snprintf(avp, sizeof(avp), "%s.?%zu.?%zu", path, i, j);
			lint_ava(c, which, avp, cns);
			if (na > 1 && certshow__asn1_range(c->cert, c->der,
			    c->len, avp, &s, &e) == 0) {
				if (prev != NULL && der_cmp(prev, prev_len,
				    c->der + s, e - s + 1) > 0) {
					sorted = false;
				}
				prev = c->der + s;
				prev_len = e - s + 1;
			}
		}
		if (!sorted) {
			lint_add(c, L_DER_SET_ORDER, "%s RDN %zu: attributes "
			    "are not in DER SET OF order", which, i);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Serial, version, signature, key                                      */
/* ------------------------------------------------------------------ */

static void
lint_serial(struct lc *c)
{
	struct certshow__ber_hdr h;
	const uint8_t *v;
	size_t i, sig;

	if (elem_tlv(c, "tbsCertificate.serialNumber", &h, &v) != 0 ||
	    h.len == 0) {
		return;
	}
	if (v[0] & 0x80) {
		lint_add(c, L_SERIAL_NEGATIVE, "serial number is negative");
		return;
	}
	for (i = 0; i < h.len && v[i] == 0; i++) {
	}
	if (i == h.len) {
		lint_add(c, L_SERIAL_ZERO, "serial number is zero");
		return;
	}
	if (h.len > 20) {
		lint_add(c, L_SERIAL_LONG, "serial number is %zu octets "
		    "(at most 20)", h.len);
	}
	/* BR 7.1: at least 64 bits of CSPRNG output; fewer than 8
	 * significant octets cannot hold them. */
	sig = h.len - i;
	if (sig < 8) {
		lint_add(c, L_SERIAL_SHORT, "serial number has %zu significant "
		    "octets, too few for 64 random bits", sig);
	}
}

static void
lint_version(struct lc *c, bool has_ext, bool has_uid)
{
	struct certshow__ber_hdr h;
	const uint8_t *v;
	char vb[8];
	size_t vl;

	/* Absent means the DEFAULT, v1. */
	c->version = 1;
	if (elem_tlv(c, "tbsCertificate.version", &h, &v) == 0) {
		c->version = 0;
		if (certshow__asn1_read_buf(c->cert, "tbsCertificate.version",
		    vb, sizeof(vb), &vl) == 0 && vl == 1) {
			c->version = (int)(signed char)vb[0] + 1;
		}
	}
	if (c->version < 1 || c->version > 3) {
		lint_add(c, L_VERSION_INVALID, "version field is not v1, v2 or "
		    "v3");
		return;
	}
	/* X.690 11.5: a DEFAULT value is never encoded. */
	if (c->version == 1 && elem_tlv(c, "tbsCertificate.version", &h,
	    &v) == 0) {
		lint_add(c, L_DER_DEFAULT, "version v1 (the DEFAULT) is "
		    "encoded");
	}
	if (has_ext && c->version != 3) {
		lint_add(c, L_VERSION_MISMATCH, "extensions present in a v%d "
		    "certificate (they need v3)", c->version);
	}
	if (has_uid && c->version == 1) {
		lint_add(c, L_VERSION_MISMATCH, "unique identifiers present in "
		    "a v1 certificate (they need v2 or v3)");
	}
}

static void
lint_sigalg(struct lc *c)
{
	char oid[128];
	size_t s1, e1, s2, e2;
	const char *name;

	if (!read_oid(c, "signatureAlgorithm.algorithm", oid, sizeof(oid))) {
		return;
	}
	name = certshow__asn1_oid_name(oid);
	if (name == NULL) {
		name = oid;
	}
	if (strcmp(oid, "1.2.840.113549.1.1.4") == 0 ||
	    strcmp(oid, "1.2.840.113549.1.1.2") == 0) {
		lint_add(c, L_SIG_MD5, "signature algorithm %s uses %s", name,
		    strcmp(oid, "1.2.840.113549.1.1.4") == 0 ? "MD5" : "MD2");
	}
	if (strcmp(oid, "1.2.840.113549.1.1.5") == 0 ||
	    strcmp(oid, "1.2.840.10045.4.1") == 0 ||
	    strcmp(oid, "1.2.840.10040.4.3") == 0 ||
	    strcmp(oid, "1.3.14.3.2.29") == 0) {
		lint_add(c, L_SIG_SHA1, "signature algorithm %s uses SHA-1",
		    name);
	}
	if (certshow__asn1_range(c->cert, c->der, c->len,
	    "tbsCertificate.signature", &s1, &e1) == 0 &&
	    certshow__asn1_range(c->cert, c->der, c->len, "signatureAlgorithm",
	    &s2, &e2) == 0 &&
	    (e1 - s1 != e2 - s2 ||
	    memcmp(c->der + s1, c->der + s2, e1 - s1 + 1) != 0)) {
		lint_add(c, L_SIG_MISMATCH, "tbsCertificate.signature differs "
		    "from signatureAlgorithm");
	}
}

/* Significant bits of a big-endian unsigned integer. */
static unsigned
int_bits(const uint8_t *p, size_t n)
{
	size_t i = 0;
	unsigned b = 8;

	while (i < n && p[i] == 0) {
		i++;
	}
	if (i == n) {
		return 0;
	}
	while (b > 0 && !(p[i] & (1u << (b - 1)))) {
		b--;
	}
	return (unsigned)((n - i - 1) * 8) + b;
}

static void
lint_rsa(struct lc *c)
{
	struct certshow__ber_hdr h;
	const uint8_t *v;
	asn1_node k = NULL;
	uint8_t *mod = NULL, *ex = NULL;
	size_t ml, el;
	unsigned bits, ebits;

	/* RFC 3279 2.3.1: parameters MUST be NULL. */
	if (elem_tlv(c, "tbsCertificate.subjectPublicKeyInfo.algorithm."
	    "parameters", &h, &v) != 0 || h.cls != CERTSHOW__CLASS_UNIVERSAL ||
	    h.tag != CERTSHOW__TAG_NULL || h.len != 0) {
		lint_add(c, L_RSA_PARAMS, "rsaEncryption parameters are not "
		    "NULL");
	}
	if (elem_tlv(c, "tbsCertificate.subjectPublicKeyInfo.subjectPublicKey",
	    &h, &v) != 0 || h.len < 2 || v[0] != 0) {
		return;
	}
	if (certshow__asn1_decode(NULL, c->defs, "PKIX.RSAPublicKey", v + 1,
	    h.len - 1, false, &k) != 0) {
		lint_add(c, L_DER_MALFORMED, "RSA public key does not decode as "
		    "RSAPublicKey");
		return;
	}
	if (certshow__asn1_read(NULL, k, "modulus", &mod, &ml) != 0 ||
	    certshow__asn1_read(NULL, k, "publicExponent", &ex, &el) != 0) {
		goto out;
	}
	bits = int_bits(mod, ml);
	if (bits < 2048) {
		lint_add(c, L_RSA_SMALL, "RSA modulus is %u bits (at least "
		    "2048)", bits);
	}
	/* BR 6.1.6: the modulus SHOULD be odd (a product of two odd
	 * primes always is; an even one has the factor 2). */
	if (ml > 0 && (mod[ml - 1] & 1) == 0) {
		lint_add(c, L_RSA_MOD_EVEN, "RSA modulus is even");
	}
	ebits = int_bits(ex, el);
	/* BR 6.1.6: odd, at least 3, SHOULD be in [2^16+1, 2^256-1]. */
	if (el == 0 || (ex[el - 1] & 1) == 0 || ebits < 2) {
		lint_add(c, L_RSA_EXPONENT, "RSA public exponent is even or "
		    "below 3");
	} else if (ebits < 17 || ebits > 256) {
		if (ebits <= 32) {
			unsigned long e = 0;
			size_t i;

			for (i = 0; i < el; i++) {
				e = (e << 8) | ex[i];
			}
			lint_add(c, L_RSA_EXPONENT, "RSA public exponent %lu is "
			    "outside [2^16+1, 2^256-1]", e);
		} else {
			lint_add(c, L_RSA_EXPONENT, "RSA public exponent of %u "
			    "bits is outside [2^16+1, 2^256-1]", ebits);
		}
	}
out:
	free(mod);
	free(ex);
	asn1_delete_structure(&k);
}

static void
lint_ec(struct lc *c)
{
	struct certshow__ber_hdr h;
	const uint8_t *v;
	char oid[128];
	const char *name;

	if (elem_tlv(c, "tbsCertificate.subjectPublicKeyInfo.algorithm."
	    "parameters", &h, &v) != 0 || h.cls != CERTSHOW__CLASS_UNIVERSAL ||
	    h.tag != CERTSHOW__TAG_OID) {
		lint_add(c, L_EC_UNNAMED, "EC key without a named curve "
		    "(implicit or explicit parameters)");
		return;
	}
	if (certshow__der_oid_str(v, h.len, oid, sizeof(oid)) < 0) {
		return;
	}
	if (strcmp(oid, "1.2.840.10045.3.1.7") == 0 ||
	    strcmp(oid, "1.3.132.0.34") == 0 ||
	    strcmp(oid, "1.3.132.0.35") == 0) {
		return;
	}
	name = certshow__asn1_oid_name(oid);
	if (strcmp(oid, "1.2.840.10045.3.1.1") == 0 ||
	    strcmp(oid, "1.3.132.0.33") == 0 ||
	    strncmp(oid, "1.3.132.0.", 10) == 0 ||
	    strncmp(oid, "1.2.840.10045.3.1.", 18) == 0) {
		/* prime192v1..v3, secp224r1 and the other small SEC 2
		 * curves: below 128-bit security. */
		if (strcmp(oid, "1.3.132.0.10") != 0) {
			lint_add(c, L_EC_WEAK, "EC curve %s is weak",
			    name != NULL ? name : oid);
			return;
		}
	}
	lint_add(c, L_EC_NOT_ALLOWED, "EC curve %s is not P-256, P-384 or "
	    "P-521", name != NULL ? name : oid);
}

static void
lint_key(struct lc *c)
{
	char oid[128];

	c->key_type = "other";
	if (!read_oid(c, "tbsCertificate.subjectPublicKeyInfo.algorithm."
	    "algorithm", oid, sizeof(oid))) {
		return;
	}
	if (strcmp(oid, "1.2.840.113549.1.1.1") == 0) {
		c->key_type = "RSA";
		lint_rsa(c);
	} else if (strcmp(oid, "1.2.840.10045.2.1") == 0) {
		c->key_type = "EC";
		lint_ec(c);
	} else if (strcmp(oid, "1.3.101.112") == 0) {
		c->key_type = "Ed25519";
	} else if (strcmp(oid, "1.3.101.113") == 0) {
		c->key_type = "Ed448";
	}
}

/* ------------------------------------------------------------------ */
/* Extensions                                                           */
/* ------------------------------------------------------------------ */

struct ext {
	char oid[96];
	bool critical;
	const uint8_t *val;      /* extnValue contents */
	size_t len;
};

struct sans {
	size_t n;
	struct {
		unsigned type;   /* GeneralName choice number */
		const uint8_t *v;
		size_t len;
	} v[64];
};

static const char *const ext_types[][2] = {
	{ "2.5.29.14", "PKIX.SubjectKeyIdentifier" },
	{ "2.5.29.15", "PKIX.KeyUsage" },
	{ "2.5.29.17", "PKIX.SubjectAltName" },
	{ "2.5.29.18", "PKIX.IssuerAltName" },
	{ "2.5.29.19", "PKIX.BasicConstraints" },
	{ "2.5.29.30", "PKIX.NameConstraints" },
	{ "2.5.29.31", "PKIX.CRLDistributionPoints" },
	{ "2.5.29.32", "PKIX.CertificatePolicies" },
	{ "2.5.29.33", "PKIX.PolicyMappings" },
	{ "2.5.29.35", "PKIX.AuthorityKeyIdentifier" },
	{ "2.5.29.36", "PKIX.PolicyConstraints" },
	{ "2.5.29.37", "PKIX.ExtKeyUsageSyntax" },
	{ "2.5.29.54", "PKIX.InhibitAnyPolicy" },
	{ "1.3.6.1.5.5.7.1.1", "PKIX.AuthorityInfoAccessSyntax" },
	{ "1.3.6.1.5.5.7.1.3", "PKIX.QCStatements" },
	{ "1.3.6.1.5.5.7.1.24", "PKIX.Features" },
};

static const char *
ext_type(const char *oid)
{
	size_t i;

	for (i = 0; i < sizeof(ext_types) / sizeof(ext_types[0]); i++) {
		if (strcmp(ext_types[i][0], oid) == 0) {
			return ext_types[i][1];
		}
	}
	return NULL;
}

/* X.690 11.2.2: a named bit list is encoded without trailing 0 bits,
 * so the last content octet's last used bit is 1 (or the string is
 * empty: 03 01 00). `p` is the BIT STRING TLV. */
static void
ext_named_bits(struct lc *c, const char *what, const uint8_t *p, size_t n)
{
	struct certshow__ber_hdr h;
	const uint8_t *v;
	const char *why;
	unsigned unused, want = 0;
	uint8_t last;

	if (certshow__ber_header(p, n, 0, &h, &why) != 0 || h.constructed ||
	    h.indefinite || h.len == 0 || h.len > n - h.hdr_len) {
		return;
	}
	v = p + h.hdr_len;
	unused = v[0];
	if (h.len == 1 || unused > 7) {
		return;       /* empty, or bad unused bits: der-encoding */
	}
	last = v[h.len - 1];
	if (h.len > 1 && last != 0 && (last >> unused) & 1) {
		return;
	}
	if (last != 0) {
		while (!((last >> want) & 1)) {
			want++;
		}
		lint_add(c, L_DER_NAMED_BITS, "%s BIT STRING declares %u "
		    "unused bits where its trailing zero bits make %u",
		    what, unused, want);
	} else {
		lint_add(c, L_DER_NAMED_BITS, "%s BIT STRING ends with a zero "
		    "octet", what);
	}
}

static void
ext_ku(struct lc *c, asn1_node n)
{
	uint8_t buf[4] = { 0, 0, 0, 0 };
	int len = 32, rv;
	unsigned bit;

	rv = asn1_read_value(n, "", buf, &len);
	if (rv != ASN1_SUCCESS) {
		return;
	}
	c->has_ku = true;
	c->ku = 0;
	for (bit = 0; bit < 9 && (int)bit < len; bit++) {
		if (buf[bit / 8] & (0x80u >> (bit % 8))) {
			c->ku |= 1u << bit;
		}
	}
}

static void
ext_bc(struct lc *c, asn1_node n, const struct ext *e)
{
	bool ca = false;
	size_t s, en;

	c->has_bc = true;
	c->bc_critical = e->critical;
	if (read_bool(n, "cA", &ca)) {
		c->is_ca = ca;
	}
	/* X.690 11.5: cA FALSE is the DEFAULT and is not encoded. */
	if (!ca && certshow__asn1_range(n, e->val, e->len, "cA", &s,
	    &en) == 0) {
		lint_add(c, L_DER_DEFAULT, "basicConstraints cA FALSE (the "
		    "DEFAULT) is encoded");
	}
	if (certshow__asn1_range(n, e->val, e->len, "pathLenConstraint", &s,
	    &en) == 0 && !ca) {
		lint_add(c, L_PATHLEN_NOT_CA, "pathLenConstraint without cA "
		    "TRUE");
	}
}

static void
ext_eku(struct lc *c, asn1_node n)
{
	size_t i, cnt = certshow__asn1_count(n, NULL);
	char p[16], oid[96];

	c->has_eku = true;
	for (i = 1; i <= cnt && i <= 64; i++) {
		snprintf(p, sizeof(p), "?%zu", i);
		if (certshow__asn1_read_buf(n, p, oid, sizeof(oid), NULL) != 0) {
			continue;
		}
		if (strcmp(oid, "1.3.6.1.5.5.7.3.1") == 0) {
			c->eku_server = true;
		} else if (strcmp(oid, "2.5.29.37.0") == 0) {
			c->eku_any = true;
		}
	}
}

static void
ext_san(struct lc *c, asn1_node n, const struct ext *e, struct sans *sans)
{
	size_t i, cnt = certshow__asn1_count(n, NULL);
	static const char *const alts[] = { "otherName", "rfc822Name",
		"dNSName", "x400Address", "directoryName", "ediPartyName",
		"uniformResourceIdentifier", "iPAddress", "registeredID" };

	c->has_san = true;
	c->san_critical = e->critical;
	/* RFC 5280 A.2: GeneralNames ::= SEQUENCE SIZE (1..MAX). */
	if (cnt == 0) {
		lint_add(c, L_SAN_NO_ENTRIES, "subjectAltName has no name");
	}
	for (i = 1; i <= cnt && sans->n < 64; i++) {
		char p[48], choice[48];
		size_t s, en, k;
		struct certshow__ber_hdr h;
		const char *why;

		snprintf(p, sizeof(p), "?%zu", i);
		if (certshow__asn1_read_buf(n, p, choice, sizeof(choice),
		    NULL) != 0) {
			continue;
		}
		for (k = 0; k < 9; k++) {
			if (strcmp(alts[k], choice) == 0) {
				break;
			}
		}
		if (k == 9 || certshow__asn1_range(n, e->val, e->len, p, &s,
		    &en) != 0 || certshow__ber_header(e->val + s, en - s + 1,
		    s, &h, &why) != 0) {
			continue;
		}
		/* RFC 5280 4.2.1.6: no empty rfc822Name, dNSName or URI
		 * (" " and "" are not names), and an iPAddress of exactly
		 * 4 (IPv4) or 16 (IPv6) octets. */
		if ((k == 1 || k == 2 || k == 6) && h.len == 0) {
			lint_add(c, L_SAN_EMPTY_NAME, "subjectAltName %s is "
			    "empty", alts[k]);
		} else if (k == 7 && h.len != 4 && h.len != 16) {
			lint_add(c, L_SAN_IP_LENGTH, "subjectAltName iPAddress "
			    "of %zu octets (4 or 16)", h.len);
		}
		sans->v[sans->n].type = (unsigned)k;
		sans->v[sans->n].v = e->val + s + h.hdr_len;
		sans->v[sans->n].len = h.len;
		sans->n++;
		if (k == 2 || k == 7) {
			c->san_dns = true;
		}
	}
}

static void
ext_policy_mappings(struct lc *c, asn1_node n)
{
	size_t i, cnt = certshow__asn1_count(n, NULL);
	char p[48], a[96], b[96];

	for (i = 1; i <= cnt && i <= 64; i++) {
		snprintf(p, sizeof(p), "?%zu.issuerDomainPolicy", i);
		if (certshow__asn1_read_buf(n, p, a, sizeof(a), NULL) != 0) {
			continue;
		}
		snprintf(p, sizeof(p), "?%zu.subjectDomainPolicy", i);
		if (certshow__asn1_read_buf(n, p, b, sizeof(b), NULL) != 0) {
			continue;
		}
		if (strcmp(a, "2.5.29.32.0") == 0 ||
		    strcmp(b, "2.5.29.32.0") == 0) {
			lint_add(c, L_POLMAP_ANY, "policyMappings maps anyPolicy");
			return;
		}
	}
}

/* InhibitAnyPolicy ::= SkipCerts, INTEGER (0..MAX) (RFC 5280
 * 4.2.1.14): the value is the extension's whole INTEGER. */
static void
ext_inhibit_any(struct lc *c, const struct ext *e)
{
	if (e->len >= 3 && e->val[0] == CERTSHOW__TAG_INTEGER &&
	    e->val[1] >= 1 && e->val[1] < 0x80 && (e->val[2] & 0x80) != 0) {
		lint_add(c, L_INHIBIT_NEGATIVE, "inhibitAnyPolicy is negative "
		    "(SkipCerts is INTEGER (0..MAX))");
	}
}

static void
ext_one(struct lc *c, const struct ext *e, struct sans *sans)
{
	const char *type = ext_type(e->oid);
	const char *name = certshow__asn1_oid_name(e->oid);
	asn1_node n = NULL;

	/* Criticality rules hold whatever the value: RFC 5280 4.2.1.1 and
	 * 4.2.1.2 (MUST be non-critical), 4.2.1.3 (SHOULD be critical). */
	if (strcmp(e->oid, "2.5.29.35") == 0 && e->critical) {
		lint_add(c, L_AKI_CRITICAL, "authorityKeyIdentifier is "
		    "critical");
	} else if (strcmp(e->oid, "2.5.29.14") == 0 && e->critical) {
		lint_add(c, L_SKI_CRITICAL, "subjectKeyIdentifier is critical");
	} else if (strcmp(e->oid, "2.5.29.15") == 0 && !e->critical) {
		lint_add(c, L_KU_NOT_CRITICAL, "keyUsage is not critical");
	}
	/* ext.c's table of understood extensions, the one the verifier
	 * rejects on (a critical CT poison included, RFC 6962 3.1). */
	if (e->critical && !certshow__ext_understood_oid(e->oid)) {
		lint_add(c, L_EXT_UNKNOWN_CRITICAL, "%s extension %s is "
		    "critical", type == NULL ? "unknown" : "unsupported",
		    e->oid);
	}
	if (type == NULL) {
		return;
	}
	if (certshow__asn1_decode(NULL, c->defs, type, e->val, e->len, false,
	    &n) != 0) {
		lint_add(c, L_EXT_MALFORMED, "%s value does not decode", name);
		return;
	}
	if (strcmp(e->oid, "2.5.29.14") == 0) {
		c->has_ski = true;
	} else if (strcmp(e->oid, "2.5.29.35") == 0) {
		c->has_aki = true;
	} else if (strcmp(e->oid, "2.5.29.15") == 0) {
		ext_named_bits(c, "keyUsage", e->val, e->len);
		ext_ku(c, n);
	} else if (strcmp(e->oid, "2.5.29.19") == 0) {
		ext_bc(c, n, e);
	} else if (strcmp(e->oid, "2.5.29.37") == 0) {
		ext_eku(c, n);
	} else if (strcmp(e->oid, "2.5.29.17") == 0) {
		ext_san(c, n, e, sans);
	} else if (strcmp(e->oid, "2.5.29.54") == 0) {
		if (!e->critical) {
			lint_add(c, L_INHIBIT_NOT_CRITICAL, "inhibitAnyPolicy is "
			    "not critical");
		}
		ext_inhibit_any(c, e);
	} else if (strcmp(e->oid, "2.5.29.36") == 0) {
		if (!e->critical) {
			lint_add(c, L_POLCONS_NOT_CRITICAL, "policyConstraints "
			    "is not critical");
		}
		if (certshow__asn1_range(n, e->val, e->len,
		    "requireExplicitPolicy", &(size_t){ 0 },
		    &(size_t){ 0 }) != 0 &&
		    certshow__asn1_range(n, e->val, e->len,
		    "inhibitPolicyMapping", &(size_t){ 0 },
		    &(size_t){ 0 }) != 0) {
			lint_add(c, L_POLCONS_EMPTY, "policyConstraints is an "
			    "empty sequence");
		}
	} else if (strcmp(e->oid, "2.5.29.33") == 0) {
		ext_policy_mappings(c, n);
	}
	asn1_delete_structure(&n);
}

static void
lint_extensions(struct lc *c, struct sans *sans, bool *has_ext)
{
	size_t i, j, cnt;
	struct ext *ex;

	cnt = certshow__asn1_count(c->cert, "tbsCertificate.extensions");
	*has_ext = cnt > 0 || certshow__asn1_range(c->cert, c->der, c->len,
	    "tbsCertificate.extensions", &(size_t){ 0 }, &(size_t){ 0 }) == 0;
	if (cnt == 0) {
		return;
	}
	if (cnt > 256) {
		cnt = 256;
	}
	ex = calloc(cnt, sizeof(*ex));
	if (ex == NULL) {
		c->err = CERTSHOW_E_NOMEM;
		return;
	}
	for (i = 0; i < cnt; i++) {
		char p[80];
		struct certshow__ber_hdr h;
		const uint8_t *v;
		size_t s, e;

		snprintf(p, sizeof(p), "tbsCertificate.extensions.?%zu.extnID",
		    i + 1);
		if (!read_oid(c, p, ex[i].oid, sizeof(ex[i].oid))) {
			continue;
		}
		snprintf(p, sizeof(p),
		    "tbsCertificate.extensions.?%zu.critical", i + 1);
		read_bool(c->cert, p, &ex[i].critical);
		if (!ex[i].critical && certshow__asn1_range(c->cert, c->der,
		    c->len, p, &s, &e) == 0) {
			const char *nm = certshow__asn1_oid_name(ex[i].oid);

			lint_add(c, L_DER_DEFAULT, "extension %s: critical FALSE "
			    "(the DEFAULT) is encoded", nm != NULL ? nm :
			    ex[i].oid);
		}
		snprintf(p, sizeof(p),
		    "tbsCertificate.extensions.?%zu.extnValue", i + 1);
		if (elem_tlv(c, p, &h, &v) != 0 || h.constructed) {
			continue;
		}
		ex[i].val = v;
		ex[i].len = h.len;
	}
	for (i = 0; i < cnt; i++) {
		if (ex[i].oid[0] == '\0') {
			continue;
		}
		for (j = 0; j < i; j++) {
			if (strcmp(ex[i].oid, ex[j].oid) == 0) {
				break;
			}
		}
		if (j < i) {
			const char *nm = certshow__asn1_oid_name(ex[i].oid);

			lint_add(c, L_EXT_DUPLICATE, "extension %s appears more "
			    "than once", nm != NULL ? nm : ex[i].oid);
			continue;
		}
		if (ex[i].val != NULL) {
			ext_one(c, &ex[i], sans);
		}
	}
	free(ex);
}

/* ------------------------------------------------------------------ */
/* Names in SANs                                                        */
/* ------------------------------------------------------------------ */

/* RFC 5280 4.2.1.6 (preferred name syntax, RFC 1034 3.5) plus the
 * wildcard rules of RFC 6125 6.4.3 and BR 7.1.2.7.12: "*" only as the
 * whole leftmost label, followed by at least two labels. */
static void
lint_dns(struct lc *c, const uint8_t *v, size_t n)
{
	size_t i, label = 0, labels = 1, stars = 0;
	bool bad = n == 0 || n > 253;
	char shown[80];

	for (i = 0; i < n && !bad; i++) {
		uint8_t ch = v[i];

		if (ch == '.') {
			if (label == 0 || v[i - 1] == '-') {
				bad = true;
			}
			label = 0;
			labels++;
			continue;
		}
		if (ch == '*') {
			stars++;
			label++;
			continue;
		}
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || (ch == '-' && label > 0))) {
			bad = true;
		}
		if (++label > 63) {
			bad = true;
		}
	}
	if (!bad && (label == 0 || (n > 0 && v[n - 1] == '-'))) {
		bad = true;
	}
	/* Shown with unprintable bytes (NUL included) as '?'. */
	for (i = 0; i < n && i < sizeof(shown) - 1; i++) {
		shown[i] = v[i] >= 0x20 && v[i] < 0x7F ? (char)v[i] : '?';
	}
	shown[i] = '\0';
	if (bad) {
		lint_add(c, L_DNS_INVALID, "dNSName '%s' is not a valid host "
		    "name", shown);
		return;
	}
	if (stars == 0) {
		return;
	}
	if (stars > 1 || n < 2 || v[0] != '*' || v[1] != '.' || labels < 3) {
		lint_add(c, L_WILDCARD, "dNSName '%s': a wildcard must be the "
		    "whole leftmost label of a name with at least two more "
		    "labels", shown);
	}
}

static bool
ascii_ieq(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
	size_t i;

	if (an != bn) {
		return false;
	}
	for (i = 0; i < an; i++) {
		uint8_t x = a[i], y = b[i];

		if (x >= 'A' && x <= 'Z') {
			x = (uint8_t)(x + 32);
		}
		if (y >= 'A' && y <= 'Z') {
			y = (uint8_t)(y + 32);
		}
		if (x != y) {
			return false;
		}
	}
	return true;
}

static bool
cn_in_sans(const uint8_t *cn, size_t n, const struct sans *sans)
{
	size_t i;
	char ip[48];

	for (i = 0; i < sans->n; i++) {
		if (sans->v[i].type == 2 &&
		    ascii_ieq(cn, n, sans->v[i].v, sans->v[i].len)) {
			return true;
		}
		if (sans->v[i].type == 7 && sans->v[i].len == 4) {
			const uint8_t *a = sans->v[i].v;
			int k = snprintf(ip, sizeof(ip), "%u.%u.%u.%u", a[0],
			    a[1], a[2], a[3]);

			if (k > 0 && (size_t)k == n && memcmp(ip, cn, n) == 0) {
				return true;
			}
		}
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* Roles: CA, subscriber, key usage                                     */
/* ------------------------------------------------------------------ */

static void
lint_roles(struct lc *c, bool tls_leaf)
{
	if (c->is_ca) {
		if (!c->has_ku || !(c->ku & CERTSHOW_KU_KEY_CERT_SIGN)) {
			lint_add(c, L_CA_NO_KEYCERTSIGN, "CA certificate %s",
			    c->has_ku ? "lacks keyCertSign in keyUsage" :
			    "has no keyUsage extension");
		}
		if (!c->has_ski) {
			lint_add(c, L_CA_NO_SKI, "CA certificate has no "
			    "subjectKeyIdentifier");
		}
		if (!c->bc_critical) {
			lint_add(c, L_CA_BC_NOT_CRITICAL, "basicConstraints of "
			    "a CA certificate is not critical");
		}
		if (c->san_dns) {
			lint_add(c, L_LEAF_CA, "certificate for host names "
			    "(dNSName/iPAddress SANs) asserts cA TRUE");
		}
	} else if (c->has_ku && (c->ku & CERTSHOW_KU_KEY_CERT_SIGN)) {
		lint_add(c, L_KEYCERTSIGN_NOT_CA, "keyCertSign set without "
		    "basicConstraints cA TRUE");
	}
	if (!c->self_issued && !c->has_aki && c->version == 3) {
		lint_add(c, L_AKI_MISSING, "no authorityKeyIdentifier in a "
		    "certificate that is not self-issued");
	}
	if (!c->has_ku) {
		return;
	}
	if (c->ku == 0) {
		lint_add(c, L_KU_EMPTY, "keyUsage has no bit set");
		return;
	}
	if ((c->ku & (CERTSHOW_KU_ENCIPHER_ONLY | CERTSHOW_KU_DECIPHER_ONLY)) &&
	    !(c->ku & CERTSHOW_KU_KEY_AGREEMENT)) {
		lint_add(c, L_KU_ENC_DEC_ONLY, "encipherOnly/decipherOnly "
		    "without keyAgreement");
	}
	/* RFC 5480 3: no key or data encipherment with EC keys; RFC 3279
	 * 2.3.1: no key agreement with RSA keys; RFC 8410 5: signatures
	 * and certificate/CRL signing only with EdDSA keys. */
	if (strcmp(c->key_type, "EC") == 0 && (c->ku &
	    (CERTSHOW_KU_KEY_ENCIPHERMENT | CERTSHOW_KU_DATA_ENCIPHERMENT))) {
		lint_add(c, L_KU_KEY_MISMATCH, "key or data encipherment with "
		    "an EC key");
	} else if (strcmp(c->key_type, "RSA") == 0 && (c->ku &
	    (CERTSHOW_KU_KEY_AGREEMENT | CERTSHOW_KU_ENCIPHER_ONLY |
	    CERTSHOW_KU_DECIPHER_ONLY))) {
		lint_add(c, L_KU_KEY_MISMATCH, "key agreement with an RSA key");
	} else if (strncmp(c->key_type, "Ed", 2) == 0 && (c->ku &
	    ~(unsigned)(CERTSHOW_KU_DIGITAL_SIGNATURE |
	    CERTSHOW_KU_NON_REPUDIATION | CERTSHOW_KU_KEY_CERT_SIGN |
	    CERTSHOW_KU_CRL_SIGN))) {
		lint_add(c, L_KU_KEY_MISMATCH, "encipherment or key agreement "
		    "with an %s key", c->key_type);
	}
	if (tls_leaf) {
		unsigned ok = CERTSHOW_KU_DIGITAL_SIGNATURE;

		/* BR 7.1.2.7.11: RSA keyEncipherment, EC keyAgreement. */
		if (strcmp(c->key_type, "RSA") == 0) {
			ok |= CERTSHOW_KU_KEY_ENCIPHERMENT;
		} else if (strcmp(c->key_type, "EC") == 0) {
			ok |= CERTSHOW_KU_KEY_AGREEMENT;
		}
		if (c->ku & ~ok & ~(unsigned)CERTSHOW_KU_KEY_CERT_SIGN &
		    ~(unsigned)(CERTSHOW_KU_ENCIPHER_ONLY |
		    CERTSHOW_KU_DECIPHER_ONLY)) {
			lint_add(c, L_KU_TLS_LEAF, "keyUsage of a TLS "
			    "subscriber certificate has bits beyond "
			    "digitalSignature and %s",
			    strcmp(c->key_type, "EC") == 0 ? "keyAgreement" :
			    "keyEncipherment");
		}
	}
}

/* ------------------------------------------------------------------ */
/* One certificate                                                      */
/* ------------------------------------------------------------------ */

static int
add_source(struct certshow_lint *l, const char *source)
{
	char *copy = NULL;

	if (l->n_certs == l->cap_certs) {
		char **v = certshow__grow(l->sources, &l->cap_certs,
		    l->n_certs + 1, sizeof(*v), 8);

		if (v == NULL) {
			return CERTSHOW_E_NOMEM;
		}
		l->sources = v;
	}
	if (source != NULL) {
		size_t n = strlen(source);

		copy = malloc(n + 1);
		if (copy == NULL) {
			return CERTSHOW_E_NOMEM;
		}
		memcpy(copy, source, n + 1);
	}
	l->sources[l->n_certs++] = copy;
	return 0;
}

static void
lint_fields(struct lc *c)
{
	struct sans sans;
	struct cns cns;
	size_t n_subj = 0, n_iss = 0, s1, e1, s2, e2, i;
	bool has_ext = false, has_uid, tls_leaf, ok_nb = false, ok_na = false;

	memset(&sans, 0, sizeof(sans));
	memset(&cns, 0, sizeof(cns));
	has_uid = certshow__asn1_range(c->cert, c->der, c->len,
	    "tbsCertificate.issuerUniqueID", &s1, &e1) == 0 ||
	    certshow__asn1_range(c->cert, c->der, c->len,
	    "tbsCertificate.subjectUniqueID", &s1, &e1) == 0;
	lint_extensions(c, &sans, &has_ext);
	lint_version(c, has_ext, has_uid);
	lint_serial(c);
	lint_sigalg(c);
	lint_name(c, "issuer", "issuer", NULL, &n_iss);
	lint_name(c, "subject", "subject", &cns, &n_subj);
	c->subject_empty = n_subj == 0;
	if (n_iss == 0) {
		lint_add(c, L_ISSUER_EMPTY, "issuer is an empty name");
	}
	/* RFC 5280 4.1.2.8: conforming CAs MUST NOT generate them. */
	if (has_uid) {
		lint_add(c, L_UNIQUE_ID, "issuerUniqueID or subjectUniqueID "
		    "present");
	}
	if (certshow__asn1_range(c->cert, c->der, c->len,
	    "tbsCertificate.issuer", &s1, &e1) == 0 &&
	    certshow__asn1_range(c->cert, c->der, c->len,
	    "tbsCertificate.subject", &s2, &e2) == 0) {
		c->self_issued = e1 - s1 == e2 - s2 &&
		    memcmp(c->der + s1, c->der + s2, e1 - s1 + 1) == 0;
	}
	lint_time(c, "notBefore", &c->not_before, &ok_nb);
	lint_time(c, "notAfter", &c->not_after, &ok_na);
	c->times_ok = ok_nb && ok_na;
	lint_key(c);

	tls_leaf = !c->is_ca && (!c->has_eku || c->eku_server || c->eku_any);
	lint_validity(c, tls_leaf);
	lint_expiry(c);
	lint_roles(c, tls_leaf);
	for (i = 0; i < sans.n; i++) {
		/* An empty one is san-empty-name already. */
		if (sans.v[i].type == 2 && sans.v[i].len > 0) {
			lint_dns(c, sans.v[i].v, sans.v[i].len);
		}
	}
	if (c->subject_empty && (!c->has_san || !c->san_critical)) {
		lint_add(c, L_EMPTY_SUBJECT, "empty subject %s",
		    c->has_san ? "with a subjectAltName that is not critical" :
		    "and no subjectAltName");
	}
	if (tls_leaf && !c->has_san) {
		lint_add(c, L_SAN_MISSING, "subscriber certificate without "
		    "subjectAltName");
	}
	if (tls_leaf && c->has_san) {
		for (i = 0; i < cns.n; i++) {
			if (!cn_in_sans(cns.v[i], cns.len[i], &sans)) {
				lint_add(c, L_CN_NOT_IN_SAN, "commonName is not "
				    "one of the dNSName or iPAddress SANs");
				break;
			}
		}
	}
}

static int
lint_der(struct certshow_ctx *ctx, struct certshow_lint *l,
    const uint8_t *der, size_t len, const char *source,
    const struct certshow_lint_opts *opts)
{
	struct certshow__asn1_labels labels;
	struct certshow__ber_hdr h;
	struct lc c;
	const char *why;
	int rv;

	if (ctx == NULL || l == NULL || (der == NULL && len > 0)) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "lint: invalid argument");
	}
	if (opts != NULL && opts->version != CERTSHOW_LINT_OPTS_VERSION) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "lint: unknown options version %u", opts->version);
	}
	memset(&c, 0, sizeof(c));
	c.ctx = ctx;
	c.l = l;
	c.o = opts;
	c.index = l->n_certs;
	c.der = der;
	c.len = len;
	c.key_type = "other";
	rv = add_source(l, source);
	if (rv != 0) {
		return certshow__set_error(ctx, rv, "lint: out of memory");
	}
	rv = certshow__asn1_defs(ctx, &c.defs);
	if (rv != 0) {
		return rv;
	}
	memset(&labels, 0, sizeof(labels));
	/* The certificate is the first TLV; anything after it is trailing
	 * data (RFC 5280 4.1: exactly one Certificate). */
	if (certshow__ber_header(der, len, 0, &h, &why) == 0 &&
	    !h.indefinite && h.len <= len - h.hdr_len &&
	    h.hdr_len + h.len < len) {
		lint_add(&c, L_DER_TRAILING, "%zu bytes after the certificate "
		    "at offset %zu", len - h.hdr_len - h.len,
		    h.hdr_len + h.len);
		c.len = h.hdr_len + h.len;
	}
	if (certshow__asn1_labels_cert(c.defs, c.der, c.len, 0,
	    &labels) != 0) {
		c.err = CERTSHOW_E_NOMEM;
	}
	lint_encoding(&c, &labels);
	certshow__asn1_labels_free(&labels);
	if (certshow__asn1_decode(NULL, c.defs, "PKIX.Certificate", c.der,
	    c.len, false, &c.cert) != 0) {
		if (!c.seen[L_DER_MALFORMED]) {
			lint_add(&c, L_DER_MALFORMED, "not an X.509 certificate "
			    "that the PKIX module decodes");
		}
	} else {
		lint_fields(&c);
	}
	asn1_delete_structure(&c.cert);
	asn1_delete_structure(&c.defs);
	if (c.err != 0) {
		return certshow__set_error(ctx, c.err, "lint: out of memory");
	}
	return 0;
}

int
certshow_lint_add_der(struct certshow_ctx *ctx, struct certshow_lint *l,
    const uint8_t *der, size_t len, const char *source,
    const struct certshow_lint_opts *opts)
{
	return lint_der(ctx, l, der, len, source, opts);
}

/* Item i of an input is linted as a certificate: a SEQUENCE in a
 * certificate's PEM block (RFC 7468 5.1 and the labels OpenSSL writes), or
 * in DER unless its shape says it is something else (a CRL, a CSR, a
 * key: certshow__der_not_cert()). Other items are no certificate, not a
 * malformed one. */
static bool
lintable(const struct certshow__asn1_items *it, size_t i)
{
	const char *lb = it->label[i];

	if (it->len[i] == 0 || it->der[i][0] != 0x30) {
		return false;
	}
	if (lb != NULL) {
		return strcmp(lb, "CERTIFICATE") == 0 ||
		    strcmp(lb, "X509 CERTIFICATE") == 0 ||
		    strcmp(lb, "TRUSTED CERTIFICATE") == 0;
	}
	return certshow__der_not_cert(it->der[i], it->len[i]) == NULL;
}

/* An input with nothing to lint: the reader's words for it ("no
 * certificate found (skipped 1 PEM block, the first is X509 CRL at line
 * 1)", "empty input", ...), so that every command says the same. */
static int
no_certificate(struct certshow_ctx *ctx, const uint8_t *data, size_t len,
    const char *source)
{
	struct certshow_chain *chain = NULL;
	int rv;

	rv = certshow_chain_load_mem(ctx, &chain, data, len,
	    source != NULL ? source : "input");
	certshow_chain_free(chain);
	if (rv < 0) {
		return rv;
	}
	return certshow__set_error(ctx, CERTSHOW_E_PARSE,
	    "%s: no certificate found", source != NULL ? source : "input");
}

int
certshow_lint_add_input(struct certshow_ctx *ctx, struct certshow_lint *l,
    const uint8_t *data, size_t len, const char *source,
    const struct certshow_lint_opts *opts)
{
	struct certshow__asn1_items it;
	size_t i, n = 0;
	int rv;

	if (ctx == NULL || l == NULL || (data == NULL && len > 0)) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "lint: invalid argument");
	}
	rv = certshow__asn1_split(ctx, data, len, &it);
	if (rv != 0) {
		return rv;
	}
	for (i = 0; i < it.n; i++) {
		if (!lintable(&it, i)) {
			continue;
		}
		rv = lint_der(ctx, l, it.der[i], it.len[i], source, opts);
		if (rv != 0) {
			break;
		}
		n++;
	}
	certshow__asn1_items_free(&it);
	if (rv != 0) {
		return rv;
	}
	if (n == 0) {
		return no_certificate(ctx, data, len, source);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* What a verification looked at                                        */
/* ------------------------------------------------------------------ */

static bool
chain_holds(const struct certshow_chain *chain, const struct certshow_cert *c)
{
	const struct certshow_cert *d;
	size_t i;

	for (i = 0; i < certshow_chain_count(chain); i++) {
		d = certshow_chain_get(chain, i);
		if (d->der_len == c->der_len &&
		    memcmp(d->der, c->der, c->der_len) == 0) {
			return true;
		}
	}
	return false;
}

/* The path's certificates that are neither in `chain` nor the anchor,
 * each named by its input, else by its place on the path ("path #1"). */
static int
lint_path_extra(struct certshow_ctx *ctx, struct certshow_lint *l,
    const struct certshow_chain *chain, const struct certshow_result *res,
    const struct certshow_lint_opts *o)
{
	const struct certshow_cert *c;
	enum certshow_path_origin origin;
	const char *src;
	char name[32];
	size_t i, n = certshow_result_path_len(res);
	int rv;

	for (i = 0; i < n; i++) {
		c = certshow_result_path_cert(res, i, &origin);
		if (c == NULL || origin == CERTSHOW_PATH_ANCHOR ||
		    chain_holds(chain, c)) {
			continue;
		}
		src = certshow_cert_source(c, NULL);
		if (src == NULL) {
			snprintf(name, sizeof(name), "path #%zu", i);
			src = name;
		}
		rv = lint_der(ctx, l, c->der, c->der_len, src, o);
		if (rv != 0) {
			return rv;
		}
	}
	return 0;
}

int
certshow_lint_add_verified(struct certshow_ctx *ctx, struct certshow_lint *l,
    const struct certshow_chain *chain, const struct certshow_result *res,
    const struct certshow_lint_opts *opts)
{
	const struct certshow_cert *c;
	size_t i;
	int rv;

	if (ctx == NULL || l == NULL || chain == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "lint: invalid argument");
	}
	for (i = 0; i < certshow_chain_count(chain); i++) {
		c = certshow_chain_get(chain, i);
		rv = lint_der(ctx, l, c->der, c->der_len,
		    certshow_cert_source(c, NULL), opts);
		if (rv != 0) {
			return rv;
		}
	}
	/* A trust anchor is configuration, not part of what was presented:
	 * its self-signature is never checked (RFC 5280 6.1.1 (d)), so a
	 * SHA-1 root, for one, would only be noise. Intermediates taken
	 * from elsewhere (untrusted, fetched) are part of the path and
	 * linted. */
	return res != NULL ? lint_path_extra(ctx, l, chain, res, opts) : 0;
}

/* ------------------------------------------------------------------ */
/* Accessors and output                                                 */
/* ------------------------------------------------------------------ */

size_t
certshow_lint_count(const struct certshow_lint *l,
    enum certshow_lint_count which)
{
	if (l == NULL) {
		return 0;
	}
	switch (which) {
	case CERTSHOW_LINT_FINDINGS:
		return l->n;
	case CERTSHOW_LINT_CERTS:
		return l->n_certs;
	}
	return 0;
}

int
certshow_lint_finding(const struct certshow_lint *l, size_t i,
    struct certshow_lint_finding *out)
{
	const struct check *k;

	if (l == NULL || out == NULL || out->version < 1 ||
	    out->version > CERTSHOW_LINT_FINDING_VERSION) {
		return CERTSHOW_E_INVAL;
	}
	if (i >= l->n) {
		return CERTSHOW_E_NOTFOUND;
	}
	k = &checks[l->v[i].check];
	out->id = k->id;
	out->severity = k->sev;
	out->cert_index = l->v[i].cert;
	out->message = l->v[i].msg;
	out->citation = k->cite;
	return 0;
}

const char *
certshow_lint_severity_name(enum certshow_lint_severity s)
{
	switch (s) {
	case CERTSHOW_LINT_ERROR:
		return "error";
	case CERTSHOW_LINT_WARNING:
		return "warning";
	case CERTSHOW_LINT_NOTICE:
		return "notice";
	default:
		return "unknown";
	}
}

/* JSON string through the one JSON escaper (format_json.c): UTF-8 kept as
 * is, controls and invalid bytes escaped. */
static void
json_str(FILE *fp, const char *s)
{
	certshow__json_string(fp, s != NULL ? s : "", s != NULL ? strlen(s) : 0);
}

static void
text_str(FILE *fp, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch < 0x20 || ch == 0x7F) {
			fprintf(fp, "\\x%02X", ch);
		} else {
			fputc(ch, fp);
		}
	}
}

static void
write_text(FILE *fp, const struct certshow_lint *l)
{
	size_t i, k, cnt[4] = { 0, 0, 0, 0 };

	for (k = 0; k < l->n_certs; k++) {
		size_t nf = 0;

		for (i = 0; i < l->n; i++) {
			if (l->v[i].cert != k) {
				continue;
			}
			fprintf(fp, "[%zu] ", k);
			text_str(fp, l->sources[k] != NULL ? l->sources[k] : "-");
			fprintf(fp, ": %s %s: ",
			    certshow_lint_severity_name(
			    checks[l->v[i].check].sev), checks[l->v[i].check].id);
			text_str(fp, l->v[i].msg);
			fprintf(fp, " (%s)\n", checks[l->v[i].check].cite);
			cnt[checks[l->v[i].check].sev]++;
			nf++;
		}
		if (nf == 0) {
			fprintf(fp, "[%zu] ", k);
			text_str(fp, l->sources[k] != NULL ? l->sources[k] : "-");
			fprintf(fp, ": no findings\n");
		}
	}
	/* Nothing linted because nothing could be read: the errors were
	 * reported where they happened, and a "0 certificates: 0 errors"
	 * line would read as a clean result. */
	if (l->n_certs == 0 && l->n_errs > 0) {
		return;
	}
	fprintf(fp,
	    "%zu certificate%s: %zu error%s, %zu warning%s, "
	    "%zu notice%s",
	    l->n_certs, l->n_certs == 1 ? "" : "s", cnt[CERTSHOW_LINT_ERROR],
	    cnt[CERTSHOW_LINT_ERROR] == 1 ? "" : "s",
	    cnt[CERTSHOW_LINT_WARNING],
	    cnt[CERTSHOW_LINT_WARNING] == 1 ? "" : "s",
	    cnt[CERTSHOW_LINT_NOTICE],
	    cnt[CERTSHOW_LINT_NOTICE] == 1 ? "" : "s");
	if (l->n_errs > 0) {
		fprintf(fp, "; %zu input%s not linted", l->n_errs,
		    l->n_errs == 1 ? "" : "s");
	}
	fputc('\n', fp);
}

static void
write_json(FILE *fp, const struct certshow_lint *l)
{
	size_t i;

	fprintf(fp, "{\n  \"format_version\": 1,\n  \"certificates\": [");
	for (i = 0; i < l->n_certs; i++) {
		fprintf(fp, "%s\n    {\"index\": %zu, \"source\": ",
		    i > 0 ? "," : "", i);
		if (l->sources[i] != NULL) {
			json_str(fp, l->sources[i]);
		} else {
			fputs("null", fp);
		}
		fputc('}', fp);
	}
	fprintf(fp, "%s],\n  \"findings\": [", l->n_certs > 0 ? "\n  " : "");
	for (i = 0; i < l->n; i++) {
		const struct check *ck = &checks[l->v[i].check];

		fprintf(fp, "%s\n    {\"id\": ", i > 0 ? "," : "");
		json_str(fp, ck->id);
		fprintf(fp, ", \"severity\": \"%s\", \"certificate\": %zu, "
		    "\"message\": ", certshow_lint_severity_name(ck->sev),
		    l->v[i].cert);
		json_str(fp, l->v[i].msg);
		fprintf(fp, ", \"citation\": ");
		json_str(fp, ck->cite);
		fputc('}', fp);
	}
	fprintf(fp, "%s]", l->n > 0 ? "\n  " : "");
	/* Inputs that could not be linted, as the writer lists them. */
	if (l->n_errs > 0) {
		fputs(",\n  \"errors\": [\n", fp);
		for (i = 0; i < l->n_errs; i++) {
			certshow__json_error(fp, 2, l->errs[i].source,
			    l->errs[i].code, l->errs[i].message);
			fputs(i + 1 < l->n_errs ? ",\n" : "\n", fp);
		}
		fputs("  ]", fp);
	}
	fputs("\n}\n", fp);
}

static void
json_indent(FILE *fp, unsigned ind)
{
	while (ind-- > 0) {
		fputs("  ", fp);
	}
}

void
certshow__lint_json(FILE *fp, const struct certshow_lint *l, unsigned ind)
{
	fputs("{\n", fp);
	certshow__lint_json_members(fp, l, ind + 1);
	fputc('\n', fp);
	json_indent(fp, ind);
	fputc('}', fp);
}

void
certshow__lint_json_members(FILE *fp, const struct certshow_lint *l,
    unsigned ind)
{
	size_t i;

	json_indent(fp, ind);
	fputs("\"certificates\": [", fp);
	for (i = 0; i < l->n_certs; i++) {
		fputs(i > 0 ? ",\n" : "\n", fp);
		json_indent(fp, ind + 1);
		fprintf(fp, "{\"index\": %zu, \"source\": ", i);
		if (l->sources[i] != NULL) {
			json_str(fp, l->sources[i]);
		} else {
			fputs("null", fp);
		}
		fputc('}', fp);
	}
	if (l->n_certs > 0) {
		fputc('\n', fp);
		json_indent(fp, ind);
	}
	fputs("],\n", fp);
	json_indent(fp, ind);
	fputs("\"findings\": [", fp);
	for (i = 0; i < l->n; i++) {
		const struct check *ck = &checks[l->v[i].check];

		fputs(i > 0 ? ",\n" : "\n", fp);
		json_indent(fp, ind + 1);
		fputs("{\"id\": ", fp);
		json_str(fp, ck->id);
		fprintf(fp, ", \"severity\": \"%s\", \"certificate\": %zu, "
		    "\"message\": ", certshow_lint_severity_name(ck->sev),
		    l->v[i].cert);
		json_str(fp, l->v[i].msg);
		fputs(", \"citation\": ", fp);
		json_str(fp, ck->cite);
		fputc('}', fp);
	}
	if (l->n > 0) {
		fputc('\n', fp);
		json_indent(fp, ind);
	}
	fputc(']', fp);
}

int
certshow_lint_write(struct certshow_ctx *ctx, FILE *fp,
    enum certshow_format fmt, const struct certshow_lint *l)
{
	if (fp == NULL || l == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_lint_write: invalid argument");
	}
	switch (fmt) {
	case CERTSHOW_FORMAT_TEXT:
		write_text(fp, l);
		break;
	case CERTSHOW_FORMAT_JSON:
		write_json(fp, l);
		break;
	default:
		return certshow__set_error(ctx, CERTSHOW_E_UNSUPPORTED,
		    "lint findings are written as text or JSON only");
	}
	if (fflush(fp) != 0 || ferror(fp)) {
		return certshow__set_error_errno(ctx, CERTSHOW_E_IO,
		    "writing lint findings");
	}
	return 0;
}
