/*
 * format_pydict.c - the Python output format: for each certificate, the
 * dict that CPython's ssl module returns from SSLSocket.getpeercert()
 * (Modules/_ssl.c, _decode_certificate()), printed exactly as
 * pprint.pprint() prints it, so that
 *
 *     ast.literal_eval(output) == ssl._ssl._test_decode_cert(pem)
 *
 * The ssl module builds the dict with OpenSSL, so the values follow
 * OpenSSL's conventions (X509_NAME entries, i2a_ASN1_INTEGER,
 * ASN1_TIME_print, GENERAL_NAME_print). To follow them exactly this file
 * reads the names and the subjectAltName, authorityInfoAccess and
 * cRLDistributionPoints extensions again from the certificate's DER
 * instead of using the decoded model, whose conventions differ.
 *
 * Printing is a port of pprint.PrettyPrinter (width 80, indent 1,
 * sort_dicts): a small tree of Python values is built per certificate
 * and laid out with the same algorithm, widths counted in code points.
 */
#include "format.h"

#include <string.h>

#include "format_pytables.h"

#define PP_WIDTH 80

/* ------------------------------------------------------------------ */
/* Python values                                                        */
/* ------------------------------------------------------------------ */

enum pyk {
	PY_STR,
	PY_BYTES,
	PY_INT,
	PY_TUPLE,
	PY_DICT,
	PY_NONE
};

struct pyv {
	enum pyk k;
	const uint32_t *cp;      /* STR: code points */
	const uint8_t *b;        /* BYTES */
	size_t n;                /* STR/BYTES length, TUPLE items, DICT pairs */
	long long iv;            /* INT */
	struct pyv **items;      /* TUPLE: n; DICT: 2n (key, value, ...) */
};

/* Builder state for one certificate. */
struct pyb {
	struct certshow__arena arena;
	bool nomem;
	bool py_fails;           /* the ssl module raises for this cert */
};

/* A growable list of values, turned into a tuple at the end. */
struct pylist {
	struct pyv **v;
	size_t n, cap;
};

static void *
pyb_alloc(struct pyb *b, size_t n)
{
	void *p = certshow__arena_alloc(&b->arena, n);

	if (p == NULL) {
		b->nomem = true;
	}
	return p;
}

/* Room for one more of n elements of `size` bytes in the arena array
 * *v of capacity *cap (copied into a larger one when full; the arena
 * frees the old one with the rest). Returns 0, or -1 with b->nomem set. */
static int
pyb_grow(struct pyb *b, void **v, size_t n, size_t *cap, size_t size,
    size_t min)
{
	size_t ncap;
	void *nv;

	if (n < *cap) {
		return 0;
	}
	if (certshow__grow_cap(*cap, n + 1, size, min, &ncap) != 0) {
		b->nomem = true;
		return -1;
	}
	nv = pyb_alloc(b, ncap * size);
	if (nv == NULL) {
		return -1;
	}
	if (n > 0) {
		memcpy(nv, *v, n * size);
	}
	*v = nv;
	*cap = ncap;
	return 0;
}

static struct pyv *
pyv_new(struct pyb *b, enum pyk k)
{
	struct pyv *v = pyb_alloc(b, sizeof(*v));

	if (v != NULL) {
		v->k = k;
	}
	return v;
}

static void
pylist_add(struct pyb *b, struct pylist *l, struct pyv *v)
{
	void *vp;

	if (v == NULL) {
		b->nomem = true;
		return;
	}
	vp = l->v;
	if (pyb_grow(b, &vp, l->n, &l->cap, sizeof(*l->v), 8) != 0) {
		return;
	}
	l->v = vp;
	l->v[l->n++] = v;
}

static struct pyv *
py_tuple(struct pyb *b, const struct pylist *l)
{
	struct pyv *v = pyv_new(b, PY_TUPLE);

	if (v != NULL) {
		v->items = l->v;
		v->n = l->n;
	}
	return v;
}

static struct pyv *
py_pair(struct pyb *b, struct pyv *x, struct pyv *y)
{
	struct pylist l = { NULL, 0, 0 };

	pylist_add(b, &l, x);
	pylist_add(b, &l, y);
	return py_tuple(b, &l);
}

static struct pyv *
py_str_cps(struct pyb *b, const uint32_t *cp, size_t n)
{
	struct pyv *v = pyv_new(b, PY_STR);
	uint32_t *c;

	if (v == NULL) {
		return NULL;
	}
	c = pyb_alloc(b, (n ? n : 1) * sizeof(*c));
	if (c == NULL) {
		return NULL;
	}
	if (n > 0) {
		memcpy(c, cp, n * sizeof(*c));
	}
	v->cp = c;
	v->n = n;
	return v;
}

/* ASCII or Latin-1 bytes: one code point per byte. */
static struct pyv *
py_str_latin1(struct pyb *b, const uint8_t *p, size_t n)
{
	struct pyv *v = pyv_new(b, PY_STR);
	uint32_t *c;
	size_t i;

	if (v == NULL) {
		return NULL;
	}
	c = pyb_alloc(b, (n ? n : 1) * sizeof(*c));
	if (c == NULL) {
		return NULL;
	}
	for (i = 0; i < n; i++) {
		c[i] = p[i];
	}
	v->cp = c;
	v->n = n;
	return v;
}

static struct pyv *
py_str(struct pyb *b, const char *s)
{
	return py_str_latin1(b, (const uint8_t *)s, strlen(s));
}

/* UTF-8 as PyUnicode_FromStringAndSize() decodes it (strict). Python
 * raises UnicodeDecodeError on invalid input; we mark the certificate
 * and keep each bad byte as a lone surrogate U+DC80+byte, which is what
 * errors="surrogateescape" would give, so the output stays a literal. */
static struct pyv *
py_str_utf8(struct pyb *b, const uint8_t *p, size_t n)
{
	struct pyv *v = pyv_new(b, PY_STR);
	uint32_t *c, cp;
	size_t i = 0, k, m = 0;

	if (v == NULL) {
		return NULL;
	}
	c = pyb_alloc(b, (n ? n : 1) * sizeof(*c));
	if (c == NULL) {
		return NULL;
	}
	while (i < n) {
		k = certshow__utf8_decode(p + i, n - i, &cp);
		if (k == 0) {
			b->py_fails = true;
			c[m++] = 0xDC00 + p[i];
			i++;
		} else {
			c[m++] = cp;
			i += k;
		}
	}
	v->cp = c;
	v->n = m;
	return v;
}

static struct pyv *
py_bytes(struct pyb *b, const uint8_t *p, size_t n)
{
	struct pyv *v = pyv_new(b, PY_BYTES);

	if (v != NULL) {
		v->b = p;
		v->n = n;
	}
	return v;
}

static struct pyv *
py_int(struct pyb *b, long long iv)
{
	struct pyv *v = pyv_new(b, PY_INT);

	if (v != NULL) {
		v->iv = iv;
	}
	return v;
}

/* ------------------------------------------------------------------ */
/* repr()                                                               */
/* ------------------------------------------------------------------ */

static bool
py_isprintable(uint32_t c)
{
	size_t lo = 0, hi = sizeof(py_printable) / sizeof(py_printable[0]);

	if (c < 0x80) {
		return c >= 0x20 && c < 0x7F;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c < py_printable[mid][0]) {
			hi = mid;
		} else if (c > py_printable[mid][1]) {
			lo = mid + 1;
		} else {
			return true;
		}
	}
	return false;
}

/* Python's quote choice (unicode_repr): single quotes unless the text
 * has a single quote and no double quote. */
static uint32_t
str_quote(const uint32_t *cp, size_t n)
{
	bool sq = false, dq = false;
	size_t i;

	for (i = 0; i < n; i++) {
		if (cp[i] == '\'') {
			sq = true;
		} else if (cp[i] == '"') {
			dq = true;
		}
	}
	return sq && !dq ? '"' : '\'';
}

/* Write the code point c (at least 0x80) in UTF-8. */
static void
put_utf8(struct certshow__out *o, uint32_t c)
{
	char u8[4];
	int k;

	if (c < 0x800) {
		u8[0] = (char)(0xC0 | c >> 6);
		u8[1] = (char)(0x80 | (c & 0x3F));
		k = 2;
	} else if (c < 0x10000) {
		u8[0] = (char)(0xE0 | c >> 12);
		u8[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		u8[2] = (char)(0x80 | (c & 0x3F));
		k = 3;
	} else {
		u8[0] = (char)(0xF0 | c >> 18);
		u8[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		u8[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		u8[3] = (char)(0x80 | (c & 0x3F));
		k = 4;
	}
	certshow__out_write(o, u8, (size_t)k);
}

/* Width of repr() of a str in code points; writes it to o when o is not
 * NULL. */
static size_t
str_repr(struct certshow__out *o, const uint32_t *cp, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	uint32_t q = str_quote(cp, n), c;
	size_t w = 2, i;
	char e[10];
	int el;

	if (o != NULL) {
		certshow__out_putc(o, (char)q);
	}
	for (i = 0; i < n; i++) {
		c = cp[i];
		el = 0;
		if (c == q || c == '\\') {
			e[0] = '\\';
			e[1] = (char)c;
			el = 2;
		} else if (c == '\t') {
			memcpy(e, "\\t", 2);
			el = 2;
		} else if (c == '\n') {
			memcpy(e, "\\n", 2);
			el = 2;
		} else if (c == '\r') {
			memcpy(e, "\\r", 2);
			el = 2;
		} else if (c < 0x20 || c == 0x7F) {
			el = 4;
		} else if (c < 0x7F) {
			w++;
			if (o != NULL) {
				certshow__out_putc(o, (char)c);
			}
			continue;
		} else if (py_isprintable(c)) {
			w++;
			if (o != NULL) {
				put_utf8(o, c);
			}
			continue;
		} else if (c <= 0xFF) {
			el = 4;
		} else if (c <= 0xFFFF) {
			el = 6;
		} else {
			el = 10;
		}
		if (el >= 4) {
			/* \xhh, \uhhhh or \Uhhhhhhhh */
			int digits = el - 2, d;

			e[0] = '\\';
			e[1] = el == 4 ? 'x' : el == 6 ? 'u' : 'U';
			for (d = 0; d < digits; d++) {
				e[2 + d] = hex[(c >> (4 * (digits - 1 - d))) & 15];
			}
		}
		w += (size_t)el;
		if (o != NULL) {
			certshow__out_write(o, e, (size_t)el);
		}
	}
	if (o != NULL) {
		certshow__out_putc(o, (char)q);
	}
	return w;
}

/* repr() of bytes (bytes_repr): b'...', same quote rule. */
static size_t
bytes_repr(struct certshow__out *o, const uint8_t *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	bool sq = false, dq = false;
	char q, e[4];
	size_t w = 3, i;
	int el;
	uint8_t c;

	for (i = 0; i < n; i++) {
		sq |= p[i] == '\'';
		dq |= p[i] == '"';
	}
	q = sq && !dq ? '"' : '\'';
	if (o != NULL) {
		certshow__out_putc(o, 'b');
		certshow__out_putc(o, q);
	}
	for (i = 0; i < n; i++) {
		c = p[i];
		if (c == (uint8_t)q || c == '\\') {
			e[0] = '\\';
			e[1] = (char)c;
			el = 2;
		} else if (c == '\t' || c == '\n' || c == '\r') {
			e[0] = '\\';
			e[1] = c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
			el = 2;
		} else if (c < 0x20 || c >= 0x7F) {
			e[0] = '\\';
			e[1] = 'x';
			e[2] = hex[c >> 4];
			e[3] = hex[c & 15];
			el = 4;
		} else {
			e[0] = (char)c;
			el = 1;
		}
		w += (size_t)el;
		if (o != NULL) {
			certshow__out_write(o, e, (size_t)el);
		}
	}
	if (o != NULL) {
		certshow__out_putc(o, q);
	}
	return w;
}

static size_t py_repr(struct certshow__out *o, const struct pyv *v);

/* The items of a tuple (per 1: "(a, b)", a one-tuple "(a,)") or a dict
 * (per 2: "{k: v, ...}"); returns the width, writing only when o is not
 * NULL. */
static size_t
py_items(struct certshow__out *o, const struct pyv *v, char open, char close,
    size_t per)
{
	size_t i, w = 2;

	if (o != NULL) {
		certshow__out_putc(o, open);
	}
	for (i = 0; i < v->n; i++) {
		if (i > 0) {
			if (o != NULL) {
				certshow__out_write(o, ", ", 2);
			}
			w += 2;
		}
		w += py_repr(o, v->items[per * i]);
		if (per == 2) {
			if (o != NULL) {
				certshow__out_write(o, ": ", 2);
			}
			w += 2 + py_repr(o, v->items[2 * i + 1]);
		}
	}
	if (per == 1 && v->n == 1) {
		if (o != NULL) {
			certshow__out_putc(o, ',');
		}
		w++;
	}
	if (o != NULL) {
		certshow__out_putc(o, close);
	}
	return w;
}

/* repr() of any value (pprint's _safe_repr: dict keys sorted, which the
 * builder guarantees by construction). */
static size_t
py_repr(struct certshow__out *o, const struct pyv *v)
{
	char buf[32];
	int n;

	switch (v->k) {
	case PY_STR:
		return str_repr(o, v->cp, v->n);
	case PY_BYTES:
		return bytes_repr(o, v->b, v->n);
	case PY_INT:
		n = snprintf(buf, sizeof(buf), "%lld", v->iv);
		if (o != NULL) {
			certshow__out_write(o, buf, (size_t)n);
		}
		return (size_t)n;
	case PY_TUPLE:
		return py_items(o, v, '(', ')', 1);
	case PY_NONE:
		if (o != NULL) {
			certshow__out_write(o, "None", 4);
		}
		return 4;
	case PY_DICT:
		return py_items(o, v, '{', '}', 2);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* pprint                                                               */
/* ------------------------------------------------------------------ */

struct pp {
	struct certshow__out *o;
	struct pyb *pb;          /* arena for the chunk lists of long strings */
};

static void pp_format(struct pp *pp, const struct pyv *v, long indent,
    long allowance, int level);

static void
pp_nl_indent(struct pp *pp, long indent)
{
	certshow__out_putc(pp->o, '\n');
	while (indent-- > 0) {
		certshow__out_putc(pp->o, ' ');
	}
}

/* _pprint_dict + _format_dict_items */
static void
pp_dict(struct pp *pp, const struct pyv *v, long indent, long allowance,
    int level)
{
	size_t i;
	long kw;
	bool last;

	certshow__out_putc(pp->o, '{');
	allowance += 1;
	indent += 1;
	for (i = 0; i < v->n; i++) {
		last = i + 1 == v->n;
		kw = (long)py_repr(pp->o, v->items[2 * i]);
		certshow__out_write(pp->o, ": ", 2);
		pp_format(pp, v->items[2 * i + 1], indent + kw + 2,
		    last ? allowance : 1, level);
		if (!last) {
			certshow__out_putc(pp->o, ',');
			pp_nl_indent(pp, indent);
		}
	}
	certshow__out_putc(pp->o, '}');
}

/* _pprint_tuple + _format_items (compact=False) */
static void
pp_tuple(struct pp *pp, const struct pyv *v, long indent, long allowance,
    int level)
{
	const char *endchar = v->n == 1 ? ",)" : ")";
	size_t i;
	bool last;

	certshow__out_putc(pp->o, '(');
	allowance += (long)strlen(endchar);
	indent += 1;
	for (i = 0; i < v->n; i++) {
		last = i + 1 == v->n;
		if (i > 0) {
			certshow__out_putc(pp->o, ',');
			pp_nl_indent(pp, indent);
		}
		pp_format(pp, v->items[i], indent, last ? allowance : 1, level);
	}
	certshow__out_puts(pp->o, endchar);
}

/* str.splitlines() boundaries. */
static bool
py_linebreak(uint32_t c)
{
	return (c >= 0x0A && c <= 0x0D) || (c >= 0x1C && c <= 0x1E) ||
	    c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* \s of the re module for str patterns (Py_UNICODE_ISSPACE). */
static bool
py_isspace(uint32_t c)
{
	return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) ||
	    c == 0x85 || c == 0xA0 || c == 0x1680 ||
	    (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
	    c == 0x202F || c == 0x205F || c == 0x3000;
}

/* A chunk of a long string: code points [a, b). */
struct span {
	size_t a, b;
};

struct spans {
	struct span *v;
	size_t n, cap;
};

static void
spans_add(struct pyb *pb, struct spans *s, size_t a, size_t b)
{
	void *vp;

	vp = s->v;
	if (pyb_grow(pb, &vp, s->n, &s->cap, sizeof(*s->v), 16) != 0) {
		return;
	}
	s->v = vp;
	s->v[s->n].a = a;
	s->v[s->n].b = b;
	s->n++;
}

/* End of the re.findall(r'\S*\s*') part that starts at i. */
static size_t
part_end(const uint32_t *cp, size_t i, size_t end)
{
	while (i < end && !py_isspace(cp[i])) {
		i++;
	}
	while (i < end && py_isspace(cp[i])) {
		i++;
	}
	return i;
}

/* The chunks of _pprint_str: each line that does not fit is cut after
 * runs of whitespace. */
static void
pp_str_chunks(struct pyb *pb, struct spans *chunks, const struct pyv *v,
    long indent, long allowance)
{
	const uint32_t *cp = v->cp;
	long max_width = PP_WIDTH - indent, max_width1 = max_width, max_width2;
	size_t ls = 0, le, cur_a, cur_b, pa, pe;
	bool last_line;

	while (ls < v->n) {
		le = ls;
		while (le < v->n && !py_linebreak(cp[le])) {
			le++;
		}
		if (le < v->n) {
			if (cp[le] == '\r' && le + 1 < v->n &&
			    cp[le + 1] == '\n') {
				le++;
			}
			le++;
		}
		last_line = le == v->n;
		if (last_line) {
			max_width1 -= allowance;
		}
		if ((long)str_repr(NULL, cp + ls, le - ls) <= max_width1) {
			spans_add(pb, chunks, ls, le);
			ls = le;
			continue;
		}
		max_width2 = max_width;
		cur_a = cur_b = ls;
		for (pa = ls; pa < le; pa = pe) {
			pe = part_end(cp, pa, le);
			if (pe == le && last_line) {
				max_width2 -= allowance;
			}
			/* candidate = current + part = [cur_a, pe) */
			if ((long)str_repr(NULL, cp + cur_a, pe - cur_a) >
			    max_width2) {
				if (cur_b > cur_a) {
					spans_add(pb, chunks, cur_a, cur_b);
				}
				cur_a = pa;
			}
			cur_b = pe;
		}
		if (cur_b > cur_a) {
			spans_add(pb, chunks, cur_a, cur_b);
		}
		ls = le;
	}
}

/* _pprint_str */
static void
pp_str(struct pp *pp, const struct pyv *v, long indent, long allowance,
    int level)
{
	struct spans chunks = { NULL, 0, 0 };
	size_t i;

	if (v->n == 0) {
		str_repr(pp->o, v->cp, 0);
		return;
	}
	if (level == 1) {
		indent += 1;
		allowance += 1;
	}
	pp_str_chunks(pp->pb, &chunks, v, indent, allowance);
	if (pp->pb->nomem || chunks.n <= 1) {
		str_repr(pp->o, v->cp, v->n);
		return;
	}
	if (level == 1) {
		certshow__out_putc(pp->o, '(');
	}
	for (i = 0; i < chunks.n; i++) {
		if (i > 0) {
			pp_nl_indent(pp, indent);
		}
		str_repr(pp->o, v->cp + chunks.v[i].a,
		    chunks.v[i].b - chunks.v[i].a);
	}
	if (level == 1) {
		certshow__out_putc(pp->o, ')');
	}
}

/* _pprint_bytes + _wrap_bytes_repr: cut every 4 bytes. */
static void
pp_bytes(struct pp *pp, const struct pyv *v, long indent, long allowance,
    int level)
{
	size_t i, cur_a = 0, cur_b = 0, last, pe;
	long width;
	bool first = true;

	if (v->n <= 4) {
		bytes_repr(pp->o, v->b, v->n);
		return;
	}
	if (level == 1) {
		indent += 1;
		allowance += 1;
		certshow__out_putc(pp->o, '(');
	}
	width = PP_WIDTH - indent;
	last = v->n / 4 * 4;
	for (i = 0; i < v->n; i += 4) {
		pe = i + 4 < v->n ? i + 4 : v->n;
		if (i == last) {
			width -= allowance;
		}
		if ((long)bytes_repr(NULL, v->b + cur_a, pe - cur_a) > width) {
			if (cur_b > cur_a) {
				if (!first) {
					pp_nl_indent(pp, indent);
				}
				bytes_repr(pp->o, v->b + cur_a, cur_b - cur_a);
				first = false;
			}
			cur_a = i;
		}
		cur_b = pe;
	}
	if (cur_b > cur_a) {
		if (!first) {
			pp_nl_indent(pp, indent);
		}
		bytes_repr(pp->o, v->b + cur_a, cur_b - cur_a);
	}
	if (level == 1) {
		certshow__out_putc(pp->o, ')');
	}
}

/* PrettyPrinter._format */
static void
pp_format(struct pp *pp, const struct pyv *v, long indent, long allowance,
    int level)
{
	long max_width = PP_WIDTH - indent - allowance;

	if (v->k == PY_INT || v->k == PY_NONE ||
	    (long)py_repr(NULL, v) <= max_width) {
		py_repr(pp->o, v);
		return;
	}
	switch (v->k) {
	case PY_DICT:
		pp_dict(pp, v, indent, allowance, level + 1);
		break;
	case PY_TUPLE:
		pp_tuple(pp, v, indent, allowance, level + 1);
		break;
	case PY_STR:
		pp_str(pp, v, indent, allowance, level + 1);
		break;
	case PY_BYTES:
		pp_bytes(pp, v, indent, allowance, level + 1);
		break;
	case PY_INT:
	case PY_NONE:
		break;
	}
}

/* ------------------------------------------------------------------ */
/* Building the dict from the DER, as _ssl.c and OpenSSL 3 see it        */
/* ------------------------------------------------------------------ */

#define OID_SAN "2.5.29.17"
#define OID_AIA "1.3.6.1.5.5.7.1.1"
#define OID_CRLDP "2.5.29.31"
#define OID_AD_OCSP "1.3.6.1.5.5.7.48.1"
#define OID_AD_CA_ISSUERS "1.3.6.1.5.5.7.48.2"

/* OBJ_obj2txt(no_name = 0): OpenSSL's long name, else the dotted OID. */
static struct pyv *
py_oid_name(struct pyb *b, const uint8_t *p, size_t len)
{
	char dotted[256];
	size_t lo = 0, hi = sizeof(py_oid_names) / sizeof(py_oid_names[0]);
	int cmp;

	if (certshow__der_oid_str(p, len, dotted, sizeof(dotted)) < 0) {
		/* Arcs beyond 64 bits: OpenSSL prints them, we cannot. */
		b->py_fails = true;
		return py_str(b, "<unsupported OID>");
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		cmp = strcmp(dotted, py_oid_names[mid].oid);
		if (cmp == 0) {
			return py_str(b, py_oid_names[mid].name);
		}
		if (cmp < 0) {
			hi = mid;
		} else {
			lo = mid + 1;
		}
	}
	return py_str(b, dotted);
}

static bool
oid_is(const struct certshow__tlv *t, const char *dotted)
{
	char buf[128];

	return certshow__der_oid_str(t->val, t->len, buf, sizeof(buf)) >= 0 &&
	    strcmp(buf, dotted) == 0;
}

/* Code points valid for OpenSSL's UTF-8 conversion (is_unicode_valid). */
static bool
unicode_valid(uint32_t v)
{
	return v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF);
}

/* An attribute value as _create_tuple_for_attribute() renders it:
 * ASN1_STRING_to_UTF8() for strings (T61String and the ASCII types are
 * read as Latin-1, BMPString as UCS-2, UniversalString as UCS-4), bytes
 * for a BIT STRING. Sets *bad when OpenSSL rejects the value (then the
 * name, and with it the certificate or the extension, does not decode);
 * the value is then rendered as UTF-8 with surrogate escapes. */
static struct pyv *
attr_value(struct pyb *b, const struct certshow__tlv *t, bool *bad)
{
	uint32_t *c, v;
	size_t i, n = 0, k;
	bool fails;
	struct pyv *r;

	if (t->cls == CERTSHOW__CLASS_UNIVERSAL && !t->constructed) {
		switch (t->tag) {
		case CERTSHOW__TAG_NUMERICSTRING:
		case CERTSHOW__TAG_PRINTABLESTRING:
		case CERTSHOW__TAG_T61STRING:
		case CERTSHOW__TAG_IA5STRING:
			return py_str_latin1(b, t->val, t->len);
		case CERTSHOW__TAG_BIT_STRING:
			/* Py_BuildValue("y#") of the bits; an empty BIT
			 * STRING has no data pointer and gives None. */
			if (t->len == 1) {
				return pyv_new(b, PY_NONE);
			}
			if (t->len > 1) {
				return py_bytes(b, t->val + 1, t->len - 1);
			}
			break;
		case CERTSHOW__TAG_BMPSTRING:
		case CERTSHOW__TAG_UNIVERSALSTRING:
			k = t->tag == CERTSHOW__TAG_BMPSTRING ? 2 : 4;
			if (t->len % k != 0) {
				break;
			}
			c = pyb_alloc(b, (t->len ? t->len : 1) * sizeof(*c));
			if (c == NULL) {
				return NULL;
			}
			for (i = 0; i < t->len; i += k) {
				v = (uint32_t)t->val[i] << 8 | t->val[i + 1];
				if (k == 4) {
					v = v << 16 |
					    (uint32_t)t->val[i + 2] << 8 |
					    t->val[i + 3];
				}
				if (!unicode_valid(v)) {
					break;
				}
				c[n++] = v;
			}
			if (i < t->len) {
				break;
			}
			return py_str_cps(b, c, n);
		case CERTSHOW__TAG_UTF8STRING:
			/* OpenSSL's UTF8_getc() and is_unicode_valid()
			 * accept exactly RFC 3629 UTF-8. */
			fails = b->py_fails;
			b->py_fails = false;
			r = py_str_utf8(b, t->val, t->len);
			if (b->py_fails) {
				*bad = true;
			}
			b->py_fails = fails;
			return r;
		default:
			/* VisibleString, OCTET STRING, times, ... are not
			 * among OpenSSL's X509_NAME_ENTRY value types
			 * (B_ASN1_PRINTABLE), so d2i fails; SEQUENCE and
			 * VideotexString decode but do not convert. */
			break;
		}
	}
	*bad = true;
	fails = b->py_fails;
	r = py_str_utf8(b, t->val, t->len);
	b->py_fails = fails;
	return r;
}

/* _create_tuple_for_X509_NAME over the Name TLV at (p, len): a tuple of
 * RDN tuples of (name, value) pairs; empty RDNs vanish. NULL with *bad
 * set when OpenSSL would not decode the name. */
static struct pyv *
name_tuple(struct pyb *b, const uint8_t *p, size_t len, bool *bad)
{
	struct certshow__der d, dr, da;
	struct certshow__tlv tn, tr, ta, toid, tval;
	struct pylist dn = { NULL, 0, 0 }, rdn;
	struct pyv *val;

	certshow__der_init(&d, p, len);
	if (certshow__der_expect(&d, &tn, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0) {
		*bad = true;
		return NULL;
	}
	certshow__der_enter(&d, &tn, p);
	while (certshow__der_more(&d)) {
		if (certshow__der_expect(&d, &tr, CERTSHOW__CLASS_UNIVERSAL,
		    CERTSHOW__TAG_SET, true) != 0) {
			*bad = true;
			return NULL;
		}
		certshow__der_enter(&dr, &tr, p);
		memset(&rdn, 0, sizeof(rdn));
		while (certshow__der_more(&dr)) {
			if (certshow__der_expect(&dr, &ta,
			    CERTSHOW__CLASS_UNIVERSAL, CERTSHOW__TAG_SEQUENCE,
			    true) != 0) {
				*bad = true;
				return NULL;
			}
			certshow__der_enter(&da, &ta, p);
			if (certshow__der_expect(&da, &toid,
			    CERTSHOW__CLASS_UNIVERSAL, CERTSHOW__TAG_OID,
			    false) != 0 ||
			    certshow__der_next(&da, &tval) != 0 ||
			    certshow__der_done(&da) != 0) {
				*bad = true;
				return NULL;
			}
			val = attr_value(b, &tval, bad);
			pylist_add(b, &rdn, py_pair(b,
			    py_oid_name(b, toid.val, toid.len), val));
		}
		if (rdn.n > 0) {
			pylist_add(b, &dn, py_tuple(b, &rdn));
		}
	}
	return py_tuple(b, &dn);
}

/* GENERAL_NAME_print() of an otherName, as far as _ssl.c keeps it: the
 * text after "othername:", cut at a NUL (%.*s) and after a newline or at
 * 2046 bytes in all (BIO_gets into buf[2048] - 1). */
static struct pyv *
othername_value(struct pyb *b, const struct certshow__tlv *t)
{
	static const struct {
		const char *oid;
		const char *label;
		unsigned tag;
	} known[] = {
		{ "1.3.6.1.5.5.7.8.9", "SmtpUTF8Mailbox:",
		    CERTSHOW__TAG_UTF8STRING },
		{ "1.3.6.1.5.5.7.8.5", "XmppAddr:", CERTSHOW__TAG_UTF8STRING },
		{ "1.3.6.1.5.5.7.8.7", "SRVName:", CERTSHOW__TAG_IA5STRING },
		{ "1.3.6.1.4.1.311.20.2.3", "UPN:", CERTSHOW__TAG_UTF8STRING },
		{ "1.3.6.1.5.5.7.8.8", "NAIRealm:", CERTSHOW__TAG_UTF8STRING },
	};
	struct certshow__der d, de;
	struct certshow__tlv toid, tx, tv;
	char buf[2048];
	size_t i, n, vlen, room;
	const uint8_t *nul, *nl;

	certshow__der_enter(&d, t, t->hdr);
	if (certshow__der_expect(&d, &toid, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_OID, false) != 0 ||
	    certshow__der_expect(&d, &tx, CERTSHOW__CLASS_CONTEXT, 0,
	    true) != 0 || certshow__der_done(&d) != 0) {
		return NULL;
	}
	certshow__der_enter(&de, &tx, t->hdr);
	if (certshow__der_next(&de, &tv) != 0 ||
	    certshow__der_done(&de) != 0) {
		return NULL;
	}
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (oid_is(&toid, known[i].oid)) {
			break;
		}
	}
	/* OpenSSL 3 checks the value's type before printing it: SRVName
	 * must be an IA5String, every other name a UTF8String. */
	if (i == sizeof(known) / sizeof(known[0]) ||
	    tv.cls != CERTSHOW__CLASS_UNIVERSAL || tv.constructed ||
	    tv.tag != known[i].tag) {
		return py_str(b, "<unsupported>");
	}
	n = strlen(known[i].label);
	memcpy(buf, known[i].label, n);
	vlen = tv.len;
	nul = memchr(tv.val, 0, vlen);
	if (nul != NULL) {
		vlen = (size_t)(nul - tv.val);
	}
	nl = memchr(tv.val, '\n', vlen);
	if (nl != NULL) {
		vlen = (size_t)(nl - tv.val) + 1;
	}
	/* "othername:" (10 bytes) precedes the label in the 2046 bytes. */
	room = 2046 - 10 - n;
	if (vlen > room) {
		vlen = room;
	}
	memcpy(buf + n, tv.val, vlen);
	return py_str_utf8(b, (const uint8_t *)buf, n + vlen);
}

/* A DirectoryString as OpenSSL's DIRECTORYSTRING accepts it, explicitly
 * tagged [n] (a CHOICE inside an implicitly tagged SEQUENCE). */
static bool
dirstring_ok(const struct certshow__tlv *t)
{
	struct certshow__der d;
	struct certshow__tlv v;

	if (!t->constructed) {
		return false;
	}
	certshow__der_enter(&d, t, t->hdr);
	if (certshow__der_next(&d, &v) != 0 || certshow__der_done(&d) != 0 ||
	    v.cls != CERTSHOW__CLASS_UNIVERSAL || v.constructed) {
		return false;
	}
	return v.tag == CERTSHOW__TAG_PRINTABLESTRING ||
	    v.tag == CERTSHOW__TAG_T61STRING ||
	    v.tag == CERTSHOW__TAG_BMPSTRING ||
	    v.tag == CERTSHOW__TAG_UNIVERSALSTRING ||
	    v.tag == CERTSHOW__TAG_UTF8STRING;
}

/* EDIPartyName ::= SEQUENCE { nameAssigner [0] DirectoryString OPTIONAL,
 * partyName [1] DirectoryString } (RFC 5280 4.2.1.6). */
static bool
ediparty_ok(const struct certshow__tlv *t)
{
	struct certshow__der d;
	struct certshow__tlv v;
	int rv;

	certshow__der_enter(&d, t, t->hdr);
	rv = certshow__der_optional(&d, &v, CERTSHOW__CLASS_CONTEXT, 0, true);
	if (rv < 0 || (rv == 1 && !dirstring_ok(&v))) {
		return false;
	}
	if (certshow__der_expect(&d, &v, CERTSHOW__CLASS_CONTEXT, 1,
	    true) != 0 || !dirstring_ok(&v)) {
		return false;
	}
	return certshow__der_done(&d) == 0;
}

/* ('DirName', ((...),)) for a directoryName [4] holding one Name;
 * NULL when malformed. */
static struct pyv *
gname_dirname(struct pyb *b, const struct certshow__tlv *t, bool *bad)
{
	struct certshow__der d;
	struct certshow__tlv tn;
	struct pyv *v;

	certshow__der_enter(&d, t, t->hdr);
	if (certshow__der_next(&d, &tn) != 0 || certshow__der_done(&d) != 0) {
		return NULL;
	}
	v = name_tuple(b, tn.hdr, tn.hdr_len + tn.len, bad);
	if (v == NULL || *bad) {
		return NULL;
	}
	return py_pair(b, py_str(b, "DirName"), v);
}

/* ('IP Address', '...') for an iPAddress [7]. */
static struct pyv *
gname_ip(struct pyb *b, const struct certshow__tlv *t)
{
	char buf[64];
	const uint8_t *p = t->val;

	if (t->len == 4) {
		snprintf(buf, sizeof(buf), "%d.%d.%d.%d", p[0], p[1], p[2],
		    p[3]);
	} else if (t->len == 16) {
		/* _ssl.c formats IPv6 itself: uppercase, no zero
		 * compression. */
		snprintf(buf, sizeof(buf), "%X:%X:%X:%X:%X:%X:%X:%X",
		    p[0] << 8 | p[1], p[2] << 8 | p[3], p[4] << 8 | p[5],
		    p[6] << 8 | p[7], p[8] << 8 | p[9], p[10] << 8 | p[11],
		    p[12] << 8 | p[13], p[14] << 8 | p[15]);
	} else {
		snprintf(buf, sizeof(buf), "<invalid>");
	}
	return py_pair(b, py_str(b, "IP Address"), py_str(b, buf));
}

/* One GeneralName as _get_peer_alt_names() renders it. Returns NULL with
 * *bad set when OpenSSL would not decode it. */
static struct pyv *
gname_tuple(struct pyb *b, const struct certshow__tlv *t, bool *bad)
{
	const uint8_t *p = t->val;
	struct pyv *v;

	if (t->cls != CERTSHOW__CLASS_CONTEXT) {
		*bad = true;
		return NULL;
	}
	switch (t->tag) {
	case 0:
		if (!t->constructed) {
			break;
		}
		v = othername_value(b, t);
		if (v == NULL) {
			break;
		}
		return py_pair(b, py_str(b, "othername"), v);
	case 1:
	case 2:
	case 6:
		if (t->constructed) {
			break;
		}
		return py_pair(b, py_str(b, t->tag == 1 ? "email" :
		    t->tag == 2 ? "DNS" : "URI"), py_str_utf8(b, p, t->len));
	case 3:
		if (!t->constructed) {
			break;
		}
		return py_pair(b, py_str(b, "X400Name"),
		    py_str(b, "<unsupported>"));
	case 4:
		if (!t->constructed) {
			break;
		}
		v = gname_dirname(b, t, bad);
		if (v == NULL) {
			break;
		}
		return v;
	case 5:
		if (!t->constructed || !ediparty_ok(t)) {
			break;
		}
		return py_pair(b, py_str(b, "EdiPartyName"),
		    py_str(b, "<unsupported>"));
	case 7:
		if (t->constructed) {
			break;
		}
		return gname_ip(b, t);
	case 8:
		if (t->constructed ||
		    certshow__der_oid_check(p, t->len) != 0) {
			break;
		}
		return py_pair(b, py_str(b, "Registered ID"),
		    py_oid_name(b, p, t->len));
	default:
		break;
	}
	*bad = true;
	return NULL;
}

/* The extension's value when the certificate has exactly one with this
 * OID (X509_get_ext_d2i() returns NULL for duplicates), else NULL. */
static const struct certshow__ext *
find_ext(const struct certshow_cert *c, const char *oid)
{
	const struct certshow__ext *found = NULL;
	size_t i;

	for (i = 0; i < c->n_ext; i++) {
		if (c->ext[i].oid != NULL && strcmp(c->ext[i].oid, oid) == 0) {
			if (found != NULL) {
				return NULL;
			}
			found = &c->ext[i];
		}
	}
	return found;
}

/* Open the outer SEQUENCE of an extension value. d2i reads one TLV and
 * ignores anything after it. */
static bool
ext_seq(const struct certshow__ext *e, struct certshow__der *d)
{
	struct certshow__der top;
	struct certshow__tlv t;

	if (e == NULL || e->value == NULL) {
		return false;
	}
	certshow__der_init(&top, e->value, e->len);
	if (certshow__der_expect(&top, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0) {
		return false;
	}
	certshow__der_enter(d, &t, e->value);
	return true;
}

/* subjectAltName: a tuple of (label, value) pairs; NULL when absent or
 * undecodable (the key is then omitted). */
static struct pyv *
san_tuple(struct pyb *b, const struct certshow_cert *c)
{
	struct certshow__der d;
	struct certshow__tlv t;
	struct pylist l = { NULL, 0, 0 };
	struct pyv *v;
	bool bad = false;
	bool fails = b->py_fails;

	if (!ext_seq(find_ext(c, OID_SAN), &d)) {
		return NULL;
	}
	while (certshow__der_more(&d)) {
		if (certshow__der_next(&d, &t) != 0) {
			b->py_fails = fails;
			return NULL;
		}
		v = gname_tuple(b, &t, &bad);
		if (v == NULL) {
			b->py_fails = fails;
			return NULL;
		}
		pylist_add(b, &l, v);
	}
	return py_tuple(b, &l);
}

/* Whether OpenSSL decodes this GeneralName. Only checks: the ssl module
 * converts nothing but URIs outside subjectAltName, so a name that
 * Python could not convert does not make it fail here. */
static bool
gname_ok(struct pyb *b, const struct certshow__tlv *t)
{
	bool fails = b->py_fails, bad = false;
	struct pyv *v = gname_tuple(b, t, &bad);

	b->py_fails = fails;
	return v != NULL;
}

/* Whether OpenSSL decodes every GeneralName of a list. */
static bool
gnames_ok(struct pyb *b, struct certshow__der *d)
{
	struct certshow__tlv t;

	while (certshow__der_more(d)) {
		if (certshow__der_next(d, &t) != 0 || !gname_ok(b, &t)) {
			return false;
		}
	}
	return true;
}

/* A URI GeneralName's text (the only kind _ssl.c keeps), or NULL. */
static struct pyv *
uri_value(struct pyb *b, const struct certshow__tlv *t)
{
	if (t->cls != CERTSHOW__CLASS_CONTEXT || t->tag != 6 ||
	    t->constructed) {
		return NULL;
	}
	return py_str_utf8(b, t->val, t->len);
}

/* _get_aia_uri() for both methods. */
static void
aia_tuples(struct pyb *b, const struct certshow_cert *c, struct pyv **ocsp,
    struct pyv **ca)
{
	struct certshow__der d, da, tmp;
	struct certshow__tlv ta, tm, tl;
	struct pylist lo = { NULL, 0, 0 }, lc = { NULL, 0, 0 };
	struct pyv *v;
	bool fails = b->py_fails;

	*ocsp = *ca = NULL;
	if (!ext_seq(find_ext(c, OID_AIA), &d)) {
		return;
	}
	while (certshow__der_more(&d)) {
		if (certshow__der_expect(&d, &ta, CERTSHOW__CLASS_UNIVERSAL,
		    CERTSHOW__TAG_SEQUENCE, true) != 0) {
			goto bad;
		}
		certshow__der_enter(&da, &ta, c->der);
		if (certshow__der_expect(&da, &tm, CERTSHOW__CLASS_UNIVERSAL,
		    CERTSHOW__TAG_OID, false) != 0 ||
		    certshow__der_oid_check(tm.val, tm.len) != 0 ||
		    certshow__der_next(&da, &tl) != 0 ||
		    certshow__der_done(&da) != 0) {
			goto bad;
		}
		certshow__der_init(&tmp, tl.hdr, tl.hdr_len + tl.len);
		if (!gnames_ok(b, &tmp)) {
			goto bad;
		}
		if (oid_is(&tm, OID_AD_OCSP)) {
			v = uri_value(b, &tl);
			if (v != NULL) {
				pylist_add(b, &lo, v);
			}
		} else if (oid_is(&tm, OID_AD_CA_ISSUERS)) {
			v = uri_value(b, &tl);
			if (v != NULL) {
				pylist_add(b, &lc, v);
			}
		}
	}
	if (lo.n > 0) {
		*ocsp = py_tuple(b, &lo);
	}
	if (lc.n > 0) {
		*ca = py_tuple(b, &lc);
	}
	return;
bad:
	b->py_fails = fails;
}

/* _get_crl_dp(): URIs of every fullName, in order. */
static struct pyv *
crldp_tuple(struct pyb *b, const struct certshow_cert *c)
{
	struct certshow__der d, dp, dn, dg;
	struct certshow__tlv tp, t, tname, tg;
	struct pylist l = { NULL, 0, 0 };
	struct pyv *v;
	bool fails = b->py_fails;

	if (!ext_seq(find_ext(c, OID_CRLDP), &d)) {
		return NULL;
	}
	while (certshow__der_more(&d)) {
		if (certshow__der_expect(&d, &tp, CERTSHOW__CLASS_UNIVERSAL,
		    CERTSHOW__TAG_SEQUENCE, true) != 0) {
			goto bad;
		}
		certshow__der_enter(&dp, &tp, c->der);
		while (certshow__der_more(&dp)) {
			if (certshow__der_next(&dp, &t) != 0 ||
			    t.cls != CERTSHOW__CLASS_CONTEXT) {
				goto bad;
			}
			if (t.tag == 2 && t.constructed) {
				/* cRLIssuer: must decode, not listed. */
				certshow__der_enter(&dg, &t, c->der);
				if (!gnames_ok(b, &dg)) {
					goto bad;
				}
				continue;
			}
			if (t.tag == 1 && !t.constructed) {
				continue;        /* reasons */
			}
			if (t.tag != 0 || !t.constructed) {
				goto bad;
			}
			/* distributionPoint: a CHOICE, so explicitly
			 * tagged (RFC 5280 4.2.1.13). */
			certshow__der_enter(&dn, &t, c->der);
			if (certshow__der_next(&dn, &tname) != 0 ||
			    certshow__der_done(&dn) != 0 ||
			    tname.cls != CERTSHOW__CLASS_CONTEXT ||
			    !tname.constructed) {
				goto bad;
			}
			if (tname.tag != 0) {
				continue;        /* nameRelativeToCRLIssuer */
			}
			certshow__der_enter(&dg, &tname, c->der);
			while (certshow__der_more(&dg)) {
				if (certshow__der_next(&dg, &tg) != 0 ||
				    !gname_ok(b, &tg)) {
					goto bad;
				}
				v = uri_value(b, &tg);
				if (v != NULL) {
					pylist_add(b, &l, v);
				}
			}
		}
	}
	return l.n > 0 ? py_tuple(b, &l) : NULL;
bad:
	b->py_fails = fails;
	return NULL;
}

/* The serial as _ssl.c shows it: i2a_ASN1_INTEGER() of the INTEGER as
 * c2i_ibuf() stores it (the magnitude without padding, "-" when
 * negative), uppercase hex, read back with BIO_gets(), which stops after
 * the "\\\n" that i2a_ASN1_INTEGER() puts after every 35 octets. */
static struct pyv *
serial_str(struct pyb *b, const struct certshow_cert *c)
{
	static const char hex[] = "0123456789ABCDEF";
	const uint8_t *p = c->serial;
	size_t len = c->serial_len, i, n = 0;
	uint8_t mag[36];
	char s[80];
	bool neg, pad = false;
	unsigned carry;

	if (p == NULL || len == 0) {
		return py_str(b, "00");
	}
	neg = (p[0] & 0x80) != 0;
	if (len > 1 && p[0] == 0x00) {
		pad = true;
	} else if (len > 1 && p[0] == 0xFF) {
		/* "FF 00 .. 00" is not padded: it is -(256^(len-1)). */
		for (i = 1; i < len; i++) {
			pad |= p[i] != 0;
		}
	}
	if (pad) {
		p++;
		len--;
	}
	if (neg) {
		/* Two's complement negation over the whole value: only the
		 * first 35 octets are shown, but the carry comes from the
		 * least significant end. */
		carry = 1;
		for (i = len; i-- > 0;) {
			carry += (uint8_t)~p[i];
			if (i < 35) {
				mag[i] = (uint8_t)carry;
			}
			carry >>= 8;
		}
		s[n++] = '-';
	} else {
		memcpy(mag, p, len < 35 ? len : 35);
	}
	for (i = 0; i < len && i < 35; i++) {
		s[n++] = hex[mag[i] >> 4];
		s[n++] = hex[mag[i] & 15];
	}
	if (len > 35) {
		s[n++] = '\\';
		s[n++] = '\n';
	}
	return py_str_latin1(b, (const uint8_t *)s, n);
}

/* ASN1_TIME_print: "Sep  9 12:00:00 2016 GMT". */
static struct pyv *
time_str(struct pyb *b, int64_t t)
{
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
		"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	char buf[64];
	int64_t y;
	unsigned mo, d, h, mi, s;

	certshow__civil_from_epoch(t, &y, &mo, &d, &h, &mi, &s);
	snprintf(buf, sizeof(buf), "%s %2u %02u:%02u:%02u %lld GMT",
	    mon[(mo - 1) % 12], d, h, mi, s, (long long)y);
	return py_str(b, buf);
}

struct kv {
	const char *key;
	struct pyv *val;
};

/* The whole dict, keys in sorted order as pprint prints them. */
static struct pyv *
cert_dict(struct pyb *b, const struct certshow_cert *c)
{
	struct kv kv[10];
	struct pyv *d, *ocsp, *ca, *subject, *issuer;
	size_t n = 0, i;
	bool bad = false;

	/* The ssl module cannot load a certificate whose names OpenSSL
	 * rejects; show what they hold anyway. */
	subject = name_tuple(b, c->subject.der, c->subject.der_len, &bad);
	issuer = name_tuple(b, c->issuer.der, c->issuer.der_len, &bad);
	if (subject == NULL || issuer == NULL || bad) {
		b->py_fails = true;
	}
	if (subject == NULL) {
		subject = py_tuple(b, &(struct pylist){ NULL, 0, 0 });
	}
	if (issuer == NULL) {
		issuer = py_tuple(b, &(struct pylist){ NULL, 0, 0 });
	}
	aia_tuples(b, c, &ocsp, &ca);

	/* Sorted: uppercase before lowercase. */
	kv[n++] = (struct kv){ "OCSP", ocsp };
	kv[n++] = (struct kv){ "caIssuers", ca };
	kv[n++] = (struct kv){ "crlDistributionPoints", crldp_tuple(b, c) };
	kv[n++] = (struct kv){ "issuer", issuer };
	kv[n++] = (struct kv){ "notAfter", time_str(b, c->not_after) };
	kv[n++] = (struct kv){ "notBefore", time_str(b, c->not_before) };
	kv[n++] = (struct kv){ "serialNumber", serial_str(b, c) };
	kv[n++] = (struct kv){ "subject", subject };
	kv[n++] = (struct kv){ "subjectAltName", san_tuple(b, c) };
	kv[n++] = (struct kv){ "version", py_int(b, c->version) };

	d = pyv_new(b, PY_DICT);
	if (d == NULL) {
		return NULL;
	}
	d->items = pyb_alloc(b, 2 * n * sizeof(*d->items));
	if (d->items == NULL) {
		return NULL;
	}
	for (i = 0; i < n; i++) {
		if (kv[i].val == NULL) {
			continue;
		}
		d->items[2 * d->n] = py_str(b, kv[i].key);
		d->items[2 * d->n + 1] = kv[i].val;
		d->n++;
	}
	return d;
}

int
certshow__pydict_cert(FILE *fp, const struct certshow_cert *c)
{
	struct pyb b;
	struct pyv *d;
	struct certshow__out o;
	struct pp pp;
	int rv;

	memset(&b, 0, sizeof(b));
	d = cert_dict(&b, c);
	certshow__out_init(&o, fp);
	if (d == NULL || b.nomem) {
		/* Still a literal, so a reader sees the gap. */
		certshow__out_puts(&o, "{}\n");
		certshow__out_flush(&o);
		certshow__arena_free(&b.arena);
		return -1;
	}
	pp.o = &o;
	pp.pb = &b;
	pp_format(&pp, d, 0, 0, 0);
	certshow__out_putc(&o, '\n');
	certshow__out_flush(&o);
	rv = b.py_fails ? 1 : 0;
	certshow__arena_free(&b.arena);
	return rv;
}

void
certshow__py_str_repr(FILE *fp, const char *p, size_t len)
{
	struct pyb b;
	struct pyv *v;
	struct certshow__out o;

	memset(&b, 0, sizeof(b));
	certshow__out_init(&o, fp);
	v = py_str_utf8(&b, (const uint8_t *)p, len);
	if (v != NULL) {
		str_repr(&o, v->cp, v->n);
	}
	certshow__out_flush(&o);
	certshow__arena_free(&b.arena);
}
