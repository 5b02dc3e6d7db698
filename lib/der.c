/*
 * der.c - strict DER reader built on libtasn1's tag and length primitives.
 *
 * libtasn1's asn1_get_tag_der() and asn1_get_length_der() decode BER
 * headers; they accept non-minimal lengths and tags. X.690 section 10
 * (DER) requires definite, minimal lengths (10.1) and the reader enforces
 * that here, along with "every child inside its parent" (the cursor never
 * reads past `end`) and no trailing data (certshow__der_done()).
 * Nothing here recurses: callers walk nested structures explicitly.
 */
#include "internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libtasn1.h>

static const char *const der_reason[] = {
	"truncated",
	"invalid or non-minimal length",
	"invalid or non-minimal tag",
	"unexpected tag",
	"trailing data",
	"invalid value encoding",
	"nesting too deep",
};

const char *
certshow__der_strreason(int code)
{
	if (code == CERTSHOW__DER_OK) {
		return "ok";
	}
	if (code > CERTSHOW__DER_TRUNCATED || code < CERTSHOW__DER_TOO_DEEP) {
		return "invalid encoding";
	}
	return der_reason[CERTSHOW__DER_TRUNCATED - code];
}

void
certshow__der_init(struct certshow__der *d, const uint8_t *p, size_t len)
{
	d->p = p;
	d->end = p + len;
	d->base = p;
}

void
certshow__der_enter(struct certshow__der *d, const struct certshow__tlv *t,
    const uint8_t *base)
{
	d->p = t->val;
	d->end = t->val + t->len;
	d->base = base;
}

size_t
certshow__der_offset(const struct certshow__der *d, const uint8_t *p)
{
	return (size_t)(p - d->base);
}

int
certshow__der_next(struct certshow__der *d, struct certshow__tlv *out)
{
	size_t avail = (size_t)(d->end - d->p);
	unsigned char cls;
	unsigned long tag;
	int taglen, lenlen;
	long len;
	int n;

	if (avail < 2) {
		return CERTSHOW__DER_TRUNCATED;
	}
	n = avail > INT_MAX ? INT_MAX : (int)avail;
	if (asn1_get_tag_der(d->p, n, &cls, &taglen, &tag) != ASN1_SUCCESS) {
		return CERTSHOW__DER_BAD_TAG;
	}
	/* X.690 8.1.2.4: high tag numbers only for tags >= 31, no leading
	 * 0x80 octet. */
	if (taglen > 1) {
		if (tag < 31 || d->p[1] == 0x80) {
			return CERTSHOW__DER_BAD_TAG;
		}
	}
	if ((size_t)taglen >= avail) {
		return CERTSHOW__DER_TRUNCATED;
	}
	/* X.690 10.1: definite form, minimal number of length octets: long
	 * form never for lengths below 128, no leading zero octet. */
	if (d->p[taglen] == 0x80) {
		return CERTSHOW__DER_BAD_LENGTH;
	}
	if (d->p[taglen] > 0x80) {
		size_t k = d->p[taglen] & 0x7Fu;

		if ((size_t)taglen + 1 + k > avail) {
			return CERTSHOW__DER_TRUNCATED;
		}
		if (d->p[taglen + 1] == 0 ||
		    (k == 1 && d->p[taglen + 1] < 0x80)) {
			return CERTSHOW__DER_BAD_LENGTH;
		}
	}
	len = asn1_get_length_der(d->p + taglen, n - taglen, &lenlen);
	if (len == -1) {
		/* Indefinite length (BER only), X.690 10.1. */
		return CERTSHOW__DER_BAD_LENGTH;
	}
	if (len < 0) {
		if (len == -4) {
			return CERTSHOW__DER_TRUNCATED;
		}
		return CERTSHOW__DER_BAD_LENGTH;
	}
	if ((size_t)len > avail - (size_t)taglen - (size_t)lenlen) {
		return CERTSHOW__DER_TRUNCATED;
	}
	out->hdr = d->p;
	out->hdr_len = (size_t)taglen + (size_t)lenlen;
	out->val = d->p + out->hdr_len;
	out->len = (size_t)len;
	out->cls = cls & 0xC0;
	out->constructed = (cls & 0x20) != 0;
	out->tag = (unsigned)tag;
	d->p = out->val + out->len;
	return CERTSHOW__DER_OK;
}

int
certshow__der_expect(struct certshow__der *d, struct certshow__tlv *out,
    unsigned cls, unsigned tag, bool constructed)
{
	const uint8_t *save = d->p;
	int rv;

	rv = certshow__der_next(d, out);
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

int
certshow__der_optional(struct certshow__der *d, struct certshow__tlv *out,
    unsigned cls, unsigned tag, bool constructed)
{
	int rv;

	if (!certshow__der_more(d)) {
		return 0;
	}
	rv = certshow__der_expect(d, out, cls, tag, constructed);
	if (rv == CERTSHOW__DER_UNEXPECTED) {
		return 0;
	}
	if (rv != 0) {
		return rv;
	}
	return 1;
}

int
certshow__der_done(const struct certshow__der *d)
{
	return d->p == d->end ? 0 : CERTSHOW__DER_TRAILING;
}

int
certshow__der_bool(const struct certshow__tlv *t, bool *out)
{
	/* X.690 11.1: TRUE is 0xFF in DER. */
	if (t->len != 1 || (t->val[0] != 0 && t->val[0] != 0xFF)) {
		return CERTSHOW__DER_BAD_VALUE;
	}
	*out = t->val[0] != 0;
	return 0;
}

int
certshow__der_int_check(const struct certshow__tlv *t, bool *neg)
{
	/* X.690 8.3.2: no redundant leading 0x00 or 0xFF octet. */
	if (t->len == 0) {
		return CERTSHOW__DER_BAD_VALUE;
	}
	if (t->len > 1) {
		if ((t->val[0] == 0x00 && (t->val[1] & 0x80) == 0) ||
		    (t->val[0] == 0xFF && (t->val[1] & 0x80) != 0)) {
			return CERTSHOW__DER_BAD_VALUE;
		}
	}
	if (neg != NULL) {
		*neg = (t->val[0] & 0x80) != 0;
	}
	return 0;
}

int
certshow__der_int64(const struct certshow__tlv *t, int64_t *out)
{
	bool neg;
	uint64_t v = 0;
	size_t i;
	int rv;

	rv = certshow__der_int_check(t, &neg);
	if (rv != 0) {
		return rv;
	}
	if (neg || t->len > 8 || (t->len == 8 && t->val[0] & 0x80)) {
		return CERTSHOW__DER_BAD_VALUE;
	}
	for (i = 0; i < t->len; i++) {
		v = (v << 8) | t->val[i];
	}
	*out = (int64_t)v;
	return 0;
}

int
certshow__der_bitstring(const struct certshow__tlv *t, const uint8_t **bits,
    size_t *len, unsigned *unused)
{
	unsigned u;

	/* X.690 8.6.2 and 11.2: unused bits 0..7, zero when empty, and the
	 * unused bits themselves zero in DER. */
	if (t->len == 0 || t->val[0] > 7) {
		return CERTSHOW__DER_BAD_VALUE;
	}
	u = t->val[0];
	if (t->len == 1 && u != 0) {
		return CERTSHOW__DER_BAD_VALUE;
	}
	if (u != 0 && (t->val[t->len - 1] & ((1u << u) - 1)) != 0) {
		return CERTSHOW__DER_BAD_VALUE;
	}
	*bits = t->val + 1;
	*len = t->len - 1;
	if (unused != NULL) {
		*unused = u;
	}
	return 0;
}

int
certshow__der_oid_check(const uint8_t *p, size_t len)
{
	size_t i;
	bool start = true;

	/* X.690 8.19.2: each sub-identifier minimal (no leading 0x80), the
	 * last octet of the encoding ends a sub-identifier. */
	if (len == 0) {
		return CERTSHOW__DER_BAD_VALUE;
	}
	for (i = 0; i < len; i++) {
		if (start && p[i] == 0x80) {
			return CERTSHOW__DER_BAD_VALUE;
		}
		start = (p[i] & 0x80) == 0;
	}
	if (!start) {
		return CERTSHOW__DER_BAD_VALUE;
	}
	return 0;
}

int
certshow__der_oid_str(const uint8_t *p, size_t len, char *buf, size_t size)
{
	size_t i, pos = 0;
	uint64_t v = 0;
	bool first = true;
	int n;

	if (certshow__der_oid_check(p, len) != 0 || size == 0) {
		return -1;
	}
	for (i = 0; i < len; i++) {
		if (v > (UINT64_MAX >> 7)) {
			return -1;
		}
		v = (v << 7) | (p[i] & 0x7F);
		if (p[i] & 0x80) {
			continue;
		}
		if (first) {
			unsigned arc1 = v < 40 ? 0 : v < 80 ? 1 : 2;

			n = snprintf(buf + pos, size - pos, "%u.%llu", arc1,
			    (unsigned long long)(v - 40u * arc1));
			first = false;
		} else {
			n = snprintf(buf + pos, size - pos, ".%llu",
			    (unsigned long long)v);
		}
		if (n < 0 || (size_t)n >= size - pos) {
			return -1;
		}
		pos += (size_t)n;
		v = 0;
	}
	return (int)pos;
}

int
certshow__derr_fail(struct certshow__derr *e, const char *field,
    const uint8_t *at, int code)
{
	e->field = field;
	e->at = at;
	e->code = code;
	e->nomem = false;
	return CERTSHOW_E_PARSE;
}

int
certshow__derr_nomem(struct certshow__derr *e, const char *field,
    const uint8_t *at)
{
	e->field = field;
	e->at = at;
	e->code = CERTSHOW__DER_OK;
	e->nomem = true;
	return CERTSHOW_E_NOMEM;
}

bool
certshow__der_is_char_string(unsigned long tag)
{
	switch (tag) {
	case CERTSHOW__TAG_UTF8STRING:
	case CERTSHOW__TAG_NUMERICSTRING:
	case CERTSHOW__TAG_PRINTABLESTRING:
	case CERTSHOW__TAG_T61STRING:
	case 21: /* VideotexString */
	case CERTSHOW__TAG_IA5STRING:
	case 25: /* GraphicString */
	case CERTSHOW__TAG_VISIBLESTRING:
	case 27: /* GeneralString */
	case CERTSHOW__TAG_UNIVERSALSTRING:
	case CERTSHOW__TAG_BMPSTRING:
		return true;
	default:
		return false;
	}
}

/* Howard Hinnant's days_from_civil: days since 1970-01-01. */
int64_t
certshow__days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

void
certshow__civil_from_epoch(int64_t t, int64_t *y, unsigned *mo, unsigned *d,
    unsigned *h, unsigned *mi, unsigned *s)
{
	int64_t z, era, secs;
	unsigned doe, yoe, doy, mp;

	z = t / 86400;
	secs = t % 86400;
	if (secs < 0) {
		secs += 86400;
		z--;
	}
	*h = (unsigned)(secs / 3600);
	*mi = (unsigned)(secs / 60 % 60);
	*s = (unsigned)(secs % 60);
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = (int64_t)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*mo = mp < 10 ? mp + 3 : mp - 9;
	*y += *mo <= 2;
}

static int
digits(const uint8_t *p, size_t n, unsigned *out)
{
	size_t i;
	unsigned v = 0;

	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9') {
			return -1;
		}
		v = v * 10 + (unsigned)(p[i] - '0');
	}
	*out = v;
	return 0;
}

int
certshow__der_time(const struct certshow__tlv *t, int64_t *out)
{
	static const unsigned mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31,
		30, 31, 30, 31 };
	const uint8_t *p = t->val;
	unsigned y, mo, d, h, mi, s;
	int64_t year;

	/* RFC 5280 4.1.2.5.1 / 4.1.2.5.2: YYMMDDHHMMSSZ and
	 * YYYYMMDDHHMMSSZ, seconds present, Zulu, no fraction. */
	if (t->cls != CERTSHOW__CLASS_UNIVERSAL || t->constructed) {
		return CERTSHOW__DER_UNEXPECTED;
	}
	if (t->tag == CERTSHOW__TAG_UTCTIME) {
		if (t->len != 13 || p[12] != 'Z' || digits(p, 2, &y) != 0) {
			return CERTSHOW__DER_BAD_VALUE;
		}
		year = y >= 50 ? 1900 + y : 2000 + y;
		p += 2;
	} else if (t->tag == CERTSHOW__TAG_GENERALIZEDTIME) {
		if (t->len != 15 || p[14] != 'Z' || digits(p, 4, &y) != 0) {
			return CERTSHOW__DER_BAD_VALUE;
		}
		year = y;
		p += 4;
	} else {
		return CERTSHOW__DER_UNEXPECTED;
	}
	if (digits(p, 2, &mo) != 0 || digits(p + 2, 2, &d) != 0 ||
	    digits(p + 4, 2, &h) != 0 || digits(p + 6, 2, &mi) != 0 ||
	    digits(p + 8, 2, &s) != 0) {
		return CERTSHOW__DER_BAD_VALUE;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 ||
	    mi > 59 || s > 59) {
		return CERTSHOW__DER_BAD_VALUE;
	}
	if (mo == 2 && d == 29 &&
	    !((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) {
		return CERTSHOW__DER_BAD_VALUE;
	}
	*out = certshow__days_from_civil(year, mo, d) * 86400 +
	    (int64_t)h * 3600 + (int64_t)mi * 60 + s;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Arena                                                                */
/* ------------------------------------------------------------------ */

struct certshow__arena_blk {
	struct certshow__arena_blk *next;
	size_t used, size;
	max_align_t data[];
};

void *
certshow__arena_alloc(struct certshow__arena *a, size_t n)
{
	struct certshow__arena_blk *b = a->head;
	size_t al = sizeof(max_align_t);
	size_t need = (n + al - 1) / al * al;
	void *p;

	if (n == 0) {
		need = al;
	}
	if (need < n) {
		return NULL;
	}
	if (b == NULL || b->size - b->used < need) {
		size_t sz = need > 4096 ? need : 4096;

		b = malloc(sizeof(*b) + sz);
		if (b == NULL) {
			return NULL;
		}
		b->size = sz;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += need;
	memset(p, 0, n);
	return p;
}

char *
certshow__arena_strndup(struct certshow__arena *a, const void *p, size_t n)
{
	char *s;

	if (n + 1 == 0) {
		return NULL;
	}
	s = certshow__arena_alloc(a, n + 1);
	if (s == NULL) {
		return NULL;
	}
	if (n > 0) {
		memcpy(s, p, n);
	}
	s[n] = '\0';
	return s;
}

void
certshow__arena_free(struct certshow__arena *a)
{
	struct certshow__arena_blk *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
}
