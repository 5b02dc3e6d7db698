/*
 * asn1view.c - the raw ASN.1 view (certshow_asn1_write) and the lenient
 * BER walker that it shares with lint (over asn1.c's header reader).
 *
 * Unlike der.c, the walker accepts what BER allows (X.690 8): long-form
 * and indefinite lengths, high-tag-number form for small tags, padded
 * integers, constructed strings. It reports each such encoding as a note
 * (DER, X.690 10 and 11, forbids them) and keeps going. It stops only
 * where the structure itself is broken (a header past the end, a length
 * beyond the enclosing value, a missing end-of-contents) and then says
 * exactly where and why. Depth is bounded by the caller's limit; the
 * recursion depth of the walker is that limit.
 */
#include "asn1.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Walker                                                               */
/* ------------------------------------------------------------------ */

struct walker {
	const uint8_t *data;    /* offset 0 of the walk */
	const uint8_t *data_end;
	bool truncated;         /* inside a value that runs past the end */
	size_t base;
	unsigned max_depth;
	bool open_nested;
	const struct certshow__asn1_labels *labels;
	certshow__ber_cb cb;    /* NULL: a dry run that only checks */
	void *arg;
	char why[160];
};

static size_t
w_off(const struct walker *w, const uint8_t *p)
{
	return w->base + (size_t)(p - w->data);
}

static int
emit(struct walker *w, const struct certshow__ber_ev *ev)
{
	if (w->cb == NULL) {
		return 0;
	}
	return w->cb(w->arg, ev);
}

static int
stop(struct walker *w, const uint8_t *at, unsigned depth, int code)
{
	struct certshow__ber_ev ev;
	int rv;

	memset(&ev, 0, sizeof(ev));
	ev.kind = CERTSHOW__BER_STOP;
	ev.depth = depth;
	ev.off = w_off(w, at);
	ev.why = w->why;
	rv = emit(w, &ev);
	return rv != 0 ? rv : code;
}

static int
note(struct walker *w, size_t off, unsigned depth, unsigned n)
{
	struct certshow__ber_ev ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = CERTSHOW__BER_NOTE;
	ev.depth = depth;
	ev.off = off;
	ev.note = n;
	ev.why = certshow__ber_note_str(n, true);
	return emit(w, &ev);
}

static int
notes(struct walker *w, size_t off, unsigned depth, unsigned bits)
{
	unsigned b;
	int rv;

	for (b = 1; b <= CERTSHOW__BER_N_CONS_STR; b <<= 1) {
		if (bits & b) {
			rv = note(w, off, depth, b);
			if (rv != 0) {
				return rv;
			}
		}
	}
	return 0;
}

/* Value-level DER rules for primitives (X.690 8.3.2, 11.1, 11.2). */
static unsigned
value_notes(const struct certshow__ber_hdr *h, const uint8_t *v)
{
	if (h->cls != CERTSHOW__CLASS_UNIVERSAL) {
		return 0;
	}
	switch (h->tag) {
	case CERTSHOW__TAG_INTEGER:
	case CERTSHOW__TAG_ENUMERATED:
		if (h->len > 1 && ((v[0] == 0x00 && (v[1] & 0x80) == 0) ||
		    (v[0] == 0xFF && (v[1] & 0x80) != 0))) {
			return CERTSHOW__BER_N_INT_PAD;
		}
		return 0;
	case CERTSHOW__TAG_BOOLEAN:
		if (h->len == 1 && v[0] != 0x00 && v[0] != 0xFF) {
			return CERTSHOW__BER_N_BOOL;
		}
		return 0;
	case CERTSHOW__TAG_BIT_STRING:
		if (h->len > 1 && v[0] > 0 && v[0] < 8 &&
		    (v[h->len - 1] & ((1u << v[0]) - 1)) != 0) {
			return CERTSHOW__BER_N_BITS;
		}
		return 0;
	default:
		return 0;
	}
}

static bool
is_string_tag(unsigned long tag)
{
	switch (tag) {
	case CERTSHOW__TAG_BIT_STRING:
	case CERTSHOW__TAG_OCTET_STRING:
	case CERTSHOW__TAG_UTF8STRING:
	case CERTSHOW__TAG_NUMERICSTRING:
	case CERTSHOW__TAG_PRINTABLESTRING:
	case CERTSHOW__TAG_T61STRING:
	case CERTSHOW__TAG_IA5STRING:
	case CERTSHOW__TAG_UTCTIME:
	case CERTSHOW__TAG_GENERALIZEDTIME:
	case CERTSHOW__TAG_VISIBLESTRING:
	case CERTSHOW__TAG_UNIVERSALSTRING:
	case CERTSHOW__TAG_BMPSTRING:
		return true;
	default:
		return false;
	}
}

static int walk_run(struct walker *w, const uint8_t *p, const uint8_t *end,
    unsigned depth, bool encaps, bool indef, const uint8_t **after);
static int walk_truncated(struct walker *w, const uint8_t *p,
    const struct certshow__ber_hdr *hp, const uint8_t *end, unsigned depth,
    bool encaps);

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/*
 * Should the contents of this OCTET/BIT STRING be shown as nested DER?
 * Only when they are exactly one TLV that parses completely, and that TLV
 * is constructed, or the string is an extension's extnValue (RFC 5280
 * 4.1: always DER). That keeps random bytes (keys, signatures, key
 * identifiers) from being shown as structures by coincidence.
 */
static bool
try_open(const struct walker *w, const struct certshow__ber_hdr *h,
    const uint8_t *v, unsigned depth, const char *label,
    const uint8_t **inner)
{
	struct certshow__ber_hdr ih;
	struct walker dry;
	const uint8_t *p = v;
	size_t n = h->len;
	const char *why;

	if (!w->open_nested || h->cls != CERTSHOW__CLASS_UNIVERSAL ||
	    h->constructed || depth + 1 >= w->max_depth) {
		return false;
	}
	if (h->tag == CERTSHOW__TAG_BIT_STRING) {
		if (n < 3 || v[0] != 0) {
			return false;
		}
		p++;
		n--;
	} else if (h->tag != CERTSHOW__TAG_OCTET_STRING || n < 2) {
		return false;
	}
	if (certshow__ber_header(p, n, 0, &ih, &why) != 0 || ih.indefinite ||
	    ih.hdr_len + ih.len != n) {
		return false;
	}
	if (!ih.constructed && !(label != NULL &&
	    ends_with(label, "extnValue"))) {
		return false;
	}
	if (ih.cls == CERTSHOW__CLASS_UNIVERSAL &&
	    (ih.tag == 0 || ih.tag > CERTSHOW__TAG_BMPSTRING)) {
		return false;
	}
	dry = *w;
	dry.cb = NULL;
	dry.open_nested = false;
	if (walk_run(&dry, p, p + n, depth + 1, true, false, NULL) != 0) {
		return false;
	}
	*inner = p;
	return true;
}

static int
walk_truncated(struct walker *w, const uint8_t *p,
    const struct certshow__ber_hdr *hp, const uint8_t *end, unsigned depth,
    bool encaps)
{
	struct certshow__ber_hdr h = *hp;
	struct certshow__ber_ev ev;
	int rv;

	memset(&ev, 0, sizeof(ev));
	ev.kind = CERTSHOW__BER_ENTER;
	ev.depth = depth;
	ev.h = &h;
	ev.val = p + h.hdr_len;
	ev.encapsulated = encaps;
	ev.label = certshow__asn1_label_at(w->labels, h.off);
	rv = emit(w, &ev);
	if (rv != 0) {
		return rv;
	}
	/* Only the outermost truncated value is marked; the ones inside
	 * it end at the same place for the same reason. */
	if (!w->truncated) {
		memset(&ev, 0, sizeof(ev));
		ev.kind = CERTSHOW__BER_BROKEN;
		ev.depth = depth;
		ev.off = h.off;
		ev.why = w->why;
		rv = emit(w, &ev);
		if (rv != 0) {
			return rv;
		}
		w->truncated = true;
	}
	rv = walk_run(w, p + h.hdr_len, end, depth + 1, encaps, false, NULL);
	/* The contents may end exactly at a TLV boundary: the value is
	 * still incomplete. */
	return rv != 0 ? rv : 1;
}

/* The contents of a constructed TLV (ev->h, contents at ev->val): its
 * children up to the end of the value, or up to end-of-contents for an
 * indefinite length (then h->len is set); *pp ends past the value. */
static int
walk_constructed(struct walker *w, const uint8_t **pp, const uint8_t *end,
    struct certshow__ber_hdr *h, struct certshow__ber_ev *ev)
{
	const uint8_t *v = ev->val, *after = NULL;
	unsigned depth = ev->depth;
	bool encaps = ev->encapsulated;
	int rv;

	if (h->cls == CERTSHOW__CLASS_UNIVERSAL && is_string_tag(h->tag)) {
		h->notes |= CERTSHOW__BER_N_CONS_STR;
	}
	rv = emit(w, ev);
	if (rv == 0) {
		rv = notes(w, h->off, depth, h->notes);
	}
	if (rv != 0) {
		return rv;
	}
	if (h->indefinite) {
		rv = walk_run(w, v, end, depth + 1, encaps, true, &after);
		if (rv != 0) {
			return rv;
		}
		if (after == NULL) {
			snprintf(w->why, sizeof(w->why),
			    "end-of-contents octets of the value at "
			    "%zu missing",
			    h->off);
			return stop(w, end, depth, 1);
		}
		h->len = (size_t)(after - v) - 2;
		*pp = after;
	} else {
		rv = walk_run(w, v, v + h->len, depth + 1, encaps, false, NULL);
		if (rv != 0) {
			return rv;
		}
		*pp = v + h->len;
	}
	ev->kind = CERTSHOW__BER_LEAVE;
	return emit(w, ev);
}

/* A primitive TLV; a value that holds DER (an OCTET STRING or BIT
 * STRING wrapping a structure) is opened and walked as well. */
static int
walk_primitive(struct walker *w, const uint8_t **pp,
    struct certshow__ber_hdr *h, struct certshow__ber_ev *ev)
{
	const uint8_t *v = ev->val, *inner = NULL;
	unsigned depth = ev->depth;
	int rv;

	h->notes |= value_notes(h, v);
	ev->opened = try_open(w, h, v, depth, ev->label, &inner);
	rv = emit(w, ev);
	if (rv == 0) {
		rv = notes(w, h->off, depth, h->notes);
	}
	if (rv == 0 && ev->opened) {
		rv = walk_run(w, inner, v + h->len, depth + 1, true, false,
		    NULL);
		if (rv == 0) {
			ev->kind = CERTSHOW__BER_LEAVE;
			rv = emit(w, ev);
		}
	}
	*pp = v + h->len;
	return rv;
}

static int
walk_one(struct walker *w, const uint8_t **pp, const uint8_t *end,
    unsigned depth, bool encaps)
{
	const uint8_t *p = *pp, *v;
	struct certshow__ber_hdr h;
	struct certshow__ber_ev ev;
	const char *why;
	size_t avail = (size_t)(end - p);
	/* The bound is the end of the input itself (not of an enclosing
	 * value that happens to end there). */
	bool at_input_end = end == w->data_end && (depth == 0 || w->truncated);

	if (certshow__ber_header(p, avail, w_off(w, p), &h, &why) != 0) {
		snprintf(w->why, sizeof(w->why), "%s (%zu byte%s left)", why,
		    avail, avail == 1 ? "" : "s");
		return stop(w, p, depth, 1);
	}
	if (!h.indefinite && h.len > avail - h.hdr_len) {
		snprintf(w->why, sizeof(w->why),
		    "length %zu exceeds the %zu byte%s left in the %s", h.len,
		    avail - h.hdr_len, avail - h.hdr_len == 1 ? "" : "s",
		    at_input_end ? "input" : "enclosing value");
		/* A truncated input: show the constructed value's contents
		 * as far as they go, so the view ends where the data does. */
		if (at_input_end && h.constructed &&
		    depth < w->max_depth && w->cb != NULL) {
			return walk_truncated(w, p, &h, end, depth, encaps);
		}
		return stop(w, p, depth, 1);
	}
	if (depth >= w->max_depth) {
		snprintf(w->why, sizeof(w->why), "nesting deeper than %u",
		    w->max_depth);
		return stop(w, p, depth, 2);
	}
	v = p + h.hdr_len;
	memset(&ev, 0, sizeof(ev));
	ev.kind = CERTSHOW__BER_ENTER;
	ev.depth = depth;
	ev.h = &h;
	ev.val = v;
	ev.encapsulated = encaps;
	ev.label = certshow__asn1_label_at(w->labels, h.off);
	if (h.constructed) {
		return walk_constructed(w, pp, end, &h, &ev);
	}
	return walk_primitive(w, pp, &h, &ev);
}

static int
walk_run(struct walker *w, const uint8_t *p, const uint8_t *end,
    unsigned depth, bool encaps, bool indef, const uint8_t **after)
{
	int rv;

	while (p < end) {
		/* X.690 8.1.5: end-of-contents closes an indefinite value. */
		if (indef && end - p >= 2 && p[0] == 0 && p[1] == 0) {
			*after = p + 2;
			return 0;
		}
		if (!indef && p[0] == 0) {
			/* X.690 8.1.5: tag 0 is only end-of-contents, and
			 * only inside an indefinite-length value; a run of
			 * zero bytes is usually padding after the data. */
			snprintf(w->why, sizeof(w->why), "end-of-contents or "
			    "zero bytes outside an indefinite-length value "
			    "(%zu byte%s left)", (size_t)(end - p),
			    end - p == 1 ? "" : "s");
			return stop(w, p, depth, 1);
		}
		rv = walk_one(w, &p, end, depth, encaps);
		if (rv != 0) {
			return rv;
		}
	}
	if (indef) {
		*after = NULL;
	}
	return 0;
}

int
certshow__ber_walk(const uint8_t *data, size_t len, size_t base,
    const struct certshow__ber_walk_opts *o, certshow__ber_cb cb, void *arg)
{
	struct walker w;

	memset(&w, 0, sizeof(w));
	w.data = data;
	w.data_end = data + len;
	w.base = base;
	w.max_depth = o->max_depth == 0 ? 64 : o->max_depth;
	w.open_nested = o->open_nested;
	w.labels = o->labels;
	w.cb = cb;
	w.arg = arg;
	return walk_run(&w, data, data + len, 0, false, false, NULL);
}

/* ------------------------------------------------------------------ */
/* Printing                                                             */
/* ------------------------------------------------------------------ */

#define VALBUF 640

struct vbuf {
	char s[VALBUF];
	size_t n;
};

static void
vb_add(struct vbuf *b, const char *fmt, ...) CERTSHOW__PRINTF(2, 3);

static void
vb_add(struct vbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->n + 1 >= sizeof(b->s)) {
		return;
	}
	va_start(ap, fmt);
	n = vsnprintf(b->s + b->n, sizeof(b->s) - b->n, fmt, ap);
	va_end(ap);
	if (n < 0) {
		return;
	}
	b->n += (size_t)n;
	if (b->n >= sizeof(b->s)) {
		b->n = sizeof(b->s) - 1;
	}
}

/* Bytes as hex, at most `max` of them. */
static void
vb_hex(struct vbuf *b, const uint8_t *p, size_t len, size_t max)
{
	size_t i;

	for (i = 0; i < len && i < max; i++) {
		vb_add(b, "%02X", p[i]);
	}
	if (len > max) {
		vb_add(b, "... (%zu bytes)", len);
	}
}

/* One code point, escaped unless printable. */
static void
vb_cp(struct vbuf *b, uint32_t cp)
{
	if (cp == '\'' || cp == '\\') {
		vb_add(b, "\\%c", (char)cp);
	} else if (cp >= 0x20 && cp < 0x7F) {
		vb_add(b, "%c", (char)cp);
	} else if (cp < 0xA0 || (cp >= 0xD800 && cp < 0xE000) ||
	    cp > 0x10FFFF || (cp >= 0x200B && cp <= 0x200F) ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
		/* Controls, surrogates and bidirectional overrides could
		 * change how the terminal shows the rest of the line. */
		if (cp < 0x100) {
			vb_add(b, "\\x%02X", (unsigned)cp);
		} else {
			vb_add(b, "\\u{%X}", (unsigned)cp);
		}
	} else if (cp < 0x800) {
		vb_add(b, "%c%c", (char)(0xC0 | (cp >> 6)),
		    (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		vb_add(b, "%c%c%c", (char)(0xE0 | (cp >> 12)),
		    (char)(0x80 | ((cp >> 6) & 0x3F)),
		    (char)(0x80 | (cp & 0x3F)));
	} else {
		vb_add(b, "%c%c%c%c", (char)(0xF0 | (cp >> 18)),
		    (char)(0x80 | ((cp >> 12) & 0x3F)),
		    (char)(0x80 | ((cp >> 6) & 0x3F)),
		    (char)(0x80 | (cp & 0x3F)));
	}
}

/* Length of a valid UTF-8 sequence at p (1..4) and its code point, or 0. */
static size_t
utf8_seq(const uint8_t *p, size_t n, uint32_t *cp)
{
	size_t k, i;
	uint32_t c;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		k = 2;
		c = p[0] & 0x1Fu;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		k = 3;
		c = p[0] & 0x0Fu;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		k = 4;
		c = p[0] & 0x07u;
	} else {
		return 0;
	}
	if (k > n) {
		return 0;
	}
	for (i = 1; i < k; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			return 0;
		}
		c = (c << 6) | (p[i] & 0x3Fu);
	}
	if ((k == 3 && c < 0x800) || (k == 4 && (c < 0x10000 ||
	    c > 0x10FFFF))) {
		return 0;
	}
	*cp = c;
	return k;
}

#define STRMAX 256

static void
vb_string(struct vbuf *b, unsigned long tag, const uint8_t *p, size_t len)
{
	size_t i = 0, shown = len < STRMAX ? len : STRMAX;
	uint32_t cp;

	vb_add(b, "'");
	if (tag == CERTSHOW__TAG_BMPSTRING || tag == CERTSHOW__TAG_UNIVERSALSTRING) {
		size_t w = tag == CERTSHOW__TAG_BMPSTRING ? 2 : 4;

		for (i = 0; i + w <= shown; i += w) {
			cp = w == 2 ? (uint32_t)p[i] << 8 | p[i + 1] :
			    (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 |
			    (uint32_t)p[i + 2] << 8 | p[i + 3];
			vb_cp(b, cp);
		}
		for (; i < shown; i++) {
			vb_add(b, "\\x%02X", p[i]);
		}
	} else {
		while (i < shown) {
			size_t k = tag == CERTSHOW__TAG_UTF8STRING ?
			    utf8_seq(p + i, len - i, &cp) : 0;

			if (k == 0) {
				if (p[i] >= 0x20 && p[i] < 0x7F) {
					vb_cp(b, p[i]);
				} else {
					vb_add(b, "\\x%02X", p[i]);
				}
				i++;
			} else {
				vb_cp(b, cp);
				i += k;
			}
		}
	}
	vb_add(b, "'");
	if (len > shown) {
		vb_add(b, "... (%zu bytes)", len);
	}
}

static bool
all_printable(const uint8_t *p, size_t len)
{
	size_t i;

	if (len == 0) {
		return false;
	}
	for (i = 0; i < len; i++) {
		if (p[i] < 0x20 || p[i] > 0x7E) {
			return false;
		}
	}
	return true;
}

static void
vb_time(struct vbuf *b, const struct certshow__ber_hdr *h, const uint8_t *v)
{
	struct certshow__tlv t;
	int64_t secs, y;
	unsigned mo, d, hh, mi, s;

	vb_string(b, h->tag, v, h->len);
	memset(&t, 0, sizeof(t));
	t.val = v;
	t.len = h->len;
	t.cls = h->cls;
	t.tag = (unsigned)h->tag;
	if (certshow__der_time(&t, &secs) != 0) {
		vb_add(b, " (not a valid RFC 5280 time)");
		return;
	}
	certshow__civil_from_epoch(secs, &y, &mo, &d, &hh, &mi, &s);
	vb_add(b, " (%04lld-%02u-%02u %02u:%02u:%02u UTC)", (long long)y, mo,
	    d, hh, mi, s);
}

static void
vb_integer(struct vbuf *b, const uint8_t *v, size_t len)
{
	size_t i;

	if (len == 0) {
		vb_add(b, "(empty)");
		return;
	}
	if (len <= 8) {
		int64_t x = (v[0] & 0x80) ? -1 : 0;
		uint64_t u = (uint64_t)x;

		for (i = 0; i < len; i++) {
			u = (u << 8) | v[i];
		}
		x = (int64_t)u;
		vb_add(b, "%lld", (long long)x);
		if (len > 1) {
			vb_add(b, " (0x");
			vb_hex(b, v, len, len);
			vb_add(b, ")");
		}
		return;
	}
	vb_add(b, "0x");
	vb_hex(b, v, len, 32);
	if (v[0] & 0x80) {
		vb_add(b, " (negative)");
	}
}

static void
vb_boolean(struct vbuf *b, const uint8_t *v, size_t len)
{
	if (len != 1) {
		vb_hex(b, v, len, 32);
		return;
	}
	vb_add(b, "%s", v[0] ? "TRUE" : "FALSE");
	if (v[0] != 0 && v[0] != 0xFF) {
		vb_add(b, " (0x%02X)", v[0]);
	}
}

static void
vb_oid(struct vbuf *b, const uint8_t *v, size_t len)
{
	char oid[160];
	const char *name;

	if (certshow__der_oid_str(v, len, oid, sizeof(oid)) < 0) {
		vb_add(b, "invalid OID ");
		vb_hex(b, v, len, 32);
		return;
	}
	name = certshow__asn1_oid_name(oid);
	vb_add(b, "%s", oid);
	if (name != NULL) {
		vb_add(b, " (%s)", name);
	}
}

/* `opened`: the contents are walked as DER (after the unused-bits
 * octet), so only the count is shown here. */
static void
vb_bit_string(struct vbuf *b, const uint8_t *v, size_t len, bool opened)
{
	if (len == 0) {
		vb_add(b, "(empty)");
		return;
	}
	vb_add(b, "unused=%u", v[0]);
	if (opened) {
		vb_add(b, ", encapsulates");
	} else if (len > 1) {
		vb_add(b, " ");
		vb_hex(b, v + 1, len - 1, 32);
	}
}

static void
vb_value(struct vbuf *b, const struct certshow__ber_ev *ev)
{
	const struct certshow__ber_hdr *h = ev->h;
	const uint8_t *v = ev->val;

	if (h->cls != CERTSHOW__CLASS_UNIVERSAL) {
		if (all_printable(v, h->len)) {
			vb_string(b, CERTSHOW__TAG_IA5STRING, v, h->len);
		} else {
			vb_hex(b, v, h->len, 32);
		}
		return;
	}
	switch (h->tag) {
	case CERTSHOW__TAG_BOOLEAN:
		vb_boolean(b, v, h->len);
		break;
	case CERTSHOW__TAG_INTEGER:
	case CERTSHOW__TAG_ENUMERATED:
		vb_integer(b, v, h->len);
		break;
	case CERTSHOW__TAG_NULL:
		if (h->len != 0) {
			vb_hex(b, v, h->len, 32);
		}
		break;
	case CERTSHOW__TAG_OID:
		vb_oid(b, v, h->len);
		break;
	case CERTSHOW__TAG_BIT_STRING:
		vb_bit_string(b, v, h->len, ev->opened);
		break;
	case CERTSHOW__TAG_OCTET_STRING:
		if (ev->opened) {
			vb_add(b, "encapsulates");
		} else {
			vb_hex(b, v, h->len, 32);
		}
		break;
	case CERTSHOW__TAG_UTCTIME:
	case CERTSHOW__TAG_GENERALIZEDTIME:
		vb_time(b, h, v);
		break;
	default:
		if (certshow__der_is_char_string(h->tag)) {
			vb_string(b, h->tag, v, h->len);
		} else {
			vb_hex(b, v, h->len, 32);
		}
		break;
	}
}

static const char *const universal_names[] = {
	"EOC", "BOOLEAN", "INTEGER", "BIT STRING", "OCTET STRING", "NULL",
	"OBJECT", "ObjectDescriptor", "EXTERNAL", "REAL", "ENUMERATED",
	"EMBEDDED PDV", "UTF8String", "RELATIVE-OID", "TIME", "[UNIVERSAL 15]",
	"SEQUENCE", "SET", "NumericString", "PrintableString", "T61String",
	"VideotexString", "IA5String", "UTCTime", "GeneralizedTime",
	"GraphicString", "VisibleString", "GeneralString", "UniversalString",
	"CHARACTER STRING", "BMPString",
};

static void
tag_name(const struct certshow__ber_hdr *h, char *buf, size_t size)
{
	switch (h->cls) {
	case CERTSHOW__CLASS_UNIVERSAL:
		if (h->tag < sizeof(universal_names) /
		    sizeof(universal_names[0])) {
			snprintf(buf, size, "%s", universal_names[h->tag]);
		} else {
			snprintf(buf, size, "[UNIVERSAL %lu]", h->tag);
		}
		break;
	case CERTSHOW__CLASS_APPLICATION:
		snprintf(buf, size, "[APPLICATION %lu]", h->tag);
		break;
	case CERTSHOW__CLASS_CONTEXT:
		snprintf(buf, size, "[%lu]", h->tag);
		break;
	default:
		snprintf(buf, size, "[PRIVATE %lu]", h->tag);
		break;
	}
}

struct printer {
	FILE *fp;
	unsigned flags;
	size_t max_lines;
	size_t lines;
	unsigned indent_base;   /* extra depth inside PEM blocks: none */
	/* First problem, for the return code and message. */
	int first_code;
	bool lines_hit;          /* the line limit cut the output */
	size_t first_off;
	char first_why[256];
};

#define P_LIMIT 3

static int
p_line(struct printer *pr)
{
	if (pr->lines >= pr->max_lines) {
		fprintf(pr->fp, "...: output stopped after %zu lines\n",
		    pr->lines);
		if (pr->first_code == 0) {
			pr->lines_hit = true;
			pr->first_code = CERTSHOW_E_LIMIT;
			snprintf(pr->first_why, sizeof(pr->first_why),
			    "output stopped after %zu lines", pr->lines);
		}
		return P_LIMIT;
	}
	pr->lines++;
	return 0;
}

static void
p_problem(struct printer *pr, int code, size_t off, const char *why)
{
	if (pr->first_code == 0) {
		pr->first_code = code;
		pr->first_off = off;
		snprintf(pr->first_why, sizeof(pr->first_why), "%s", why);
	}
}

static int
print_ev(void *arg, const struct certshow__ber_ev *ev)
{
	struct printer *pr = arg;
	const struct certshow__ber_hdr *h = ev->h;
	char tag[48], lenbuf[24];
	struct vbuf vb;
	int rv;

	switch (ev->kind) {
	case CERTSHOW__BER_LEAVE:
		if (!h->indefinite) {
			return 0;
		}
		rv = p_line(pr);
		if (rv != 0) {
			return rv;
		}
		fprintf(pr->fp, "%5zu:d=%-2u hl=2 l=    0 prim: %*sEOC\n",
		    h->off + h->hdr_len + h->len, ev->depth + 1,
		    (int)(ev->depth + 1) * 2, "");
		return 0;
	case CERTSHOW__BER_NOTE:
		p_problem(pr, CERTSHOW_E_PARSE, ev->off, ev->why);
		rv = p_line(pr);
		if (rv != 0) {
			return rv;
		}
		fprintf(pr->fp, "%5zu: !! not DER: %s\n", ev->off, ev->why);
		return 0;
	case CERTSHOW__BER_BROKEN:
		p_problem(pr, CERTSHOW_E_PARSE, ev->off, ev->why);
		rv = p_line(pr);
		if (rv != 0) {
			return rv;
		}
		fprintf(pr->fp, "%5zu: ** truncated: %s\n", ev->off, ev->why);
		return 0;
	case CERTSHOW__BER_STOP:
		p_problem(pr, CERTSHOW_E_PARSE, ev->off, ev->why);
		rv = p_line(pr);
		if (rv != 0) {
			return rv;
		}
		fprintf(pr->fp, "%5zu: ** stopped: %s\n", ev->off, ev->why);
		return 0;
	case CERTSHOW__BER_ENTER:
		break;
	}
	rv = p_line(pr);
	if (rv != 0) {
		return rv;
	}
	tag_name(h, tag, sizeof(tag));
	if (h->indefinite) {
		snprintf(lenbuf, sizeof(lenbuf), "inf");
	} else {
		snprintf(lenbuf, sizeof(lenbuf), "%zu", h->len);
	}
	fprintf(pr->fp, "%5zu:d=%-2u hl=%zu l=%5s %s: %*s%s", h->off,
	    ev->depth, h->hdr_len, lenbuf, h->constructed ? "cons" : "prim",
	    (int)ev->depth * 2, "", tag);
	if (ev->label != NULL && !(pr->flags & CERTSHOW_ASN1_NO_NAMES)) {
		fprintf(pr->fp, " (%s)", ev->label);
	}
	if (!h->constructed && !(pr->flags & CERTSHOW_ASN1_NO_VALUES)) {
		vb.n = 0;
		vb.s[0] = '\0';
		vb_value(&vb, ev);
		if (vb.n > 0) {
			fprintf(pr->fp, ": %s", vb.s);
		}
	}
	fputc('\n', pr->fp);
	return 0;
}

/* Field names for every top-level certificate of a DER input. */
static int
labels_for(struct certshow_ctx *ctx, const uint8_t *der, size_t len,
    struct certshow__asn1_labels *out)
{
	struct certshow__asn1_labels one;
	asn1_node defs = NULL;
	size_t off = 0, i;
	int rv;

	memset(out, 0, sizeof(*out));
	rv = certshow__asn1_defs(ctx, &defs);
	if (rv != 0) {
		return rv;
	}
	while (off < len) {
		struct certshow__ber_hdr h;
		const char *why;

		if (certshow__ber_header(der + off, len - off, off, &h,
		    &why) != 0) {
			break;
		}
		if (h.indefinite || h.len > len - off - h.hdr_len) {
			/* BER or truncated: libtasn1 may still decode the
			 * rest of the input as one certificate. */
			h.len = len - off - h.hdr_len;
		}
		if (der[off] == 0x30) {
			rv = certshow__asn1_labels_cert(defs, der + off,
			    h.hdr_len + h.len, off, &one);
			if (rv != 0) {
				break;
			}
			/* Merge: the maps of separate items do not overlap. */
			if (out->n == 0) {
				*out = one;
			} else {
				struct certshow__asn1_label *v;

				v = realloc(out->v, (out->n + one.n) *
				    sizeof(*v));
				if (v == NULL) {
					certshow__asn1_labels_free(&one);
					rv = CERTSHOW_E_NOMEM;
					break;
				}
				out->v = v;
				for (i = 0; i < one.n; i++) {
					out->v[out->n++] = one.v[i];
				}
				out->cap = out->n;
				free(one.v);
			}
		}
		off += h.hdr_len + h.len;
	}
	asn1_delete_structure(&defs);
	if (rv != 0) {
		certshow__asn1_labels_free(out);
		return certshow__set_error(ctx, rv,
		    "naming ASN.1 fields: out of memory");
	}
	return 0;
}

static int
view_der(struct certshow_ctx *ctx, struct printer *pr, const uint8_t *der,
    size_t len, const struct certshow_asn1_opts *o)
{
	struct certshow__ber_walk_opts wo;
	struct certshow__asn1_labels labels;
	int rv;

	memset(&labels, 0, sizeof(labels));
	if (!(o->flags & CERTSHOW_ASN1_NO_NAMES)) {
		rv = labels_for(ctx, der, len, &labels);
		if (rv != 0) {
			return rv;
		}
	}
	memset(&wo, 0, sizeof(wo));
	wo.max_depth = o->max_depth == 0 ? 64 : o->max_depth;
	wo.open_nested = !(o->flags & CERTSHOW_ASN1_NO_OPEN);
	wo.labels = &labels;
	rv = certshow__ber_walk(der, len, 0, &wo, print_ev, pr);
	certshow__asn1_labels_free(&labels);
	if (rv == 2 && pr->first_code == CERTSHOW_E_PARSE &&
	    strncmp(pr->first_why, "nesting", 7) == 0) {
		pr->first_code = CERTSHOW_E_LIMIT;
	}
	return rv == P_LIMIT ? P_LIMIT : 0;
}

int
certshow_asn1_write(struct certshow_ctx *ctx, FILE *fp, const uint8_t *data,
    size_t len, const struct certshow_asn1_opts *opts)
{
	static const struct certshow_asn1_opts defaults =
	    CERTSHOW_ASN1_OPTS_INIT;
	const struct certshow_asn1_opts *o = opts != NULL ? opts : &defaults;
	struct certshow__asn1_items it;
	struct printer pr;
	size_t i;
	int rv = 0;

	if (ctx == NULL || fp == NULL || (data == NULL && len > 0)) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_asn1_write: invalid argument");
	}
	if (o->version != CERTSHOW_ASN1_OPTS_VERSION) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_asn1_write: unknown options version %u",
		    o->version);
	}
	certshow__clear_error(ctx);
	memset(&pr, 0, sizeof(pr));
	pr.fp = fp;
	pr.flags = o->flags;
	pr.max_lines = o->max_lines == 0 ? 100000 : o->max_lines;
	if (len == 0) {
		return certshow__set_error(ctx, CERTSHOW_E_PARSE,
		    "no data to show");
	}
	memset(&it, 0, sizeof(it));
	if (data[0] != 0x30 && certshow__asn1_is_pem(data, len)) {
		/* PEM: one view per block, offsets within its DER. */
		rv = certshow__asn1_split(ctx, data, len, &it);
		if (rv != 0) {
			return rv;
		}
		for (i = 0; i < it.n && rv == 0; i++) {
			if (pr.lines >= pr.max_lines) {
				break;
			}
			pr.lines++;
			fprintf(fp, "# PEM block %zu: %s, %zu bytes of DER\n",
			    i + 1, it.label[i], it.len[i]);
			rv = view_der(ctx, &pr, it.der[i], it.len[i], o);
		}
		if (it.problem[0] != '\0' && rv == 0) {
			fprintf(fp, "    -: ** PEM: %s\n", it.problem);
			p_problem(&pr, CERTSHOW_E_PARSE, 0, it.problem);
		}
		certshow__asn1_items_free(&it);
	} else {
		rv = view_der(ctx, &pr, data, len, o);
	}
	if (rv < 0) {
		return rv;
	}
	if (fflush(fp) != 0 || ferror(fp)) {
		return certshow__set_error_errno(ctx, CERTSHOW_E_IO,
		    "writing the ASN.1 view");
	}
	if (pr.first_code == CERTSHOW_E_LIMIT && pr.lines_hit) {
		return certshow__set_error(ctx, CERTSHOW_E_LIMIT, "%s",
		    pr.first_why);
	}
	if (pr.first_code != 0) {
		return certshow__set_error(ctx, pr.first_code,
		    "at offset %zu: %s", pr.first_off, pr.first_why);
	}
	return 0;
}
