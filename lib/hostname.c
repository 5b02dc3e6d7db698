/*
 * hostname.c - matching a peer's identity against a certificate.
 *
 * DNS names follow RFC 6125 section 6.4 / RFC 9525 section 6.3 with the
 * CA/Browser Forum restrictions: ASCII only (IDNs are compared as
 * A-labels, octet for octet after ASCII case folding), a wildcard is only
 * the complete left-most label and matches exactly one label, and it must
 * be followed by at least two labels that are not a public suffix of the
 * ICANN section of the Public Suffix List (so "*.com", "*.co.uk" and "*"
 * never match).
 * IP addresses are compared as octets against iPAddress SANs only (never
 * against dNSName or CN). Email addresses are compared against
 * rfc822Name SANs: the local part exactly, the domain case-insensitively.
 * The subject CN is consulted only when the caller allows it and the
 * certificate has no subjectAltName extension (RFC 9525 section 6.1
 * forbids it altogether; RFC 6125 6.4.4 allowed it as a fallback).
 */
#include "verify.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libpsl.h>

static int
lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

static bool
is_ldh(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-';
}

/* One LDH label (RFC 1034 3.5, RFC 1123 2.1): 1..63 octets, no hyphen
 * at either end. */
static bool
label_ok(const char *p, size_t len)
{
	size_t i;

	if (len == 0 || len > 63 || p[0] == '-' || p[len - 1] == '-') {
		return false;
	}
	for (i = 0; i < len; i++) {
		if (!is_ldh((unsigned char)p[i])) {
			return false;
		}
	}
	return true;
}

/* Every label of p[0..len) valid; returns the number of labels or 0. */
static size_t
labels_ok(const char *p, size_t len)
{
	size_t i, start = 0, n = 0;

	if (len == 0 || len > 253) {
		return 0;
	}
	for (i = 0; i <= len; i++) {
		if (i == len || p[i] == '.') {
			if (!label_ok(p + start, i - start)) {
				return 0;
			}
			n++;
			start = i + 1;
		}
	}
	return n;
}

static bool
all_digits(const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (p[i] < '0' || p[i] > '9') {
			return false;
		}
	}
	return true;
}

int
certshow__host_normalize(const char *in, size_t len, char *out, size_t size)
{
	size_t i, last;

	if (len > 0 && in[len - 1] == '.') {
		len--;
	}
	if (len == 0 || len + 1 > size || labels_ok(in, len) == 0) {
		return -1;
	}
	/* A name whose last label is numeric is an IPv4 literal or garbage,
	 * never a host name (RFC 1123 2.1; RFC 3696 2). */
	last = len;
	while (last > 0 && in[last - 1] != '.') {
		last--;
	}
	if (all_digits(in + last, len - last)) {
		return -1;
	}
	for (i = 0; i < len; i++) {
		out[i] = (char)lower((unsigned char)in[i]);
	}
	out[len] = '\0';
	return (int)len;
}

bool
certshow__dns_valid(const char *p, size_t len, bool allow_wildcard)
{
	if (len > 0 && p[len - 1] == '.') {
		len--;
	}
	if (allow_wildcard && len >= 2 && p[0] == '*' && p[1] == '.') {
		p += 2;
		len -= 2;
	}
	return labels_ok(p, len) != 0;
}

static bool
eq_nocase(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i])) {
			return false;
		}
	}
	return true;
}

/*
 * "*.S" is a public-suffix wildcard when S is a public suffix (CA/B BR
 * 3.2.2.6: CAs must refuse such names; RFC 9525 6.3 leaves clients to
 * refuse them). libpsl's built-in list is compiled into the library
 * (psl_builtin(): no file I/O, no state, safe from any thread). Only the
 * ICANN section counts, as BR 3.2.2.6 advises and Chrome does: a
 * private-section suffix (github.io, s3.amazonaws.com) is run by the
 * company that holds the wildcard for it. Only listed rules count
 * (PSL_TYPE_NO_STAR_RULE): an unlisted TLD is already refused by the
 * two-label rule. S is a valid LDH name here (labels_ok()).
 */
bool
certshow__public_suffix(const char *s, size_t len)
{
	const psl_ctx_t *psl = psl_builtin();
	char buf[256];
	size_t i;

	if (psl == NULL || len == 0 || len >= sizeof(buf)) {
		return false;
	}
	for (i = 0; i < len; i++) {
		buf[i] = (char)lower((unsigned char)s[i]);
	}
	buf[len] = '\0';
	return psl_is_public_suffix2(psl, buf, PSL_TYPE_ICANN |
	    PSL_TYPE_NO_STAR_RULE) == 1;
}

bool
certshow__host_match(const char *pat, size_t plen, const char *host,
    size_t hlen)
{
	const char *dot;
	size_t n;

	if (plen > 0 && pat[plen - 1] == '.') {
		plen--;
	}
	if (hlen == 0) {
		return false;
	}
	if (plen >= 2 && pat[0] == '*' && pat[1] == '.') {
		/* RFC 6125 6.4.3 / CA/B BR 1.6.1 "Wildcard Domain Name": the
		 * wildcard is the whole left-most label; the rest must be a
		 * valid name of at least two labels (a wildcard directly
		 * under a TLD or the root is a public-suffix wildcard). */
		n = labels_ok(pat + 2, plen - 2);
		if (n < 2 || certshow__public_suffix(pat + 2, plen - 2)) {
			return false;
		}
		dot = memchr(host, '.', hlen);
		if (dot == NULL || dot == host) {
			return false;
		}
		n = hlen - (size_t)(dot + 1 - host);
		return n == plen - 2 && eq_nocase(dot + 1, pat + 2, n);
	}
	if (labels_ok(pat, plen) == 0) {
		return false; /* partial wildcards, NUL, non-ASCII, '_' */
	}
	return plen == hlen && eq_nocase(pat, host, hlen);
}

/* ------------------------------------------------------------------ */
/* IP addresses                                                         */
/* ------------------------------------------------------------------ */

static int
parse_v4(const char *s, size_t len, uint8_t out[4])
{
	size_t i = 0, part = 0;
	unsigned v;
	size_t digits;

	while (part < 4) {
		v = 0;
		digits = 0;
		while (i < len && s[i] >= '0' && s[i] <= '9') {
			/* No leading zeros: "010" is octal to inet_aton. */
			if (digits == 1 && v == 0) {
				return 0;
			}
			v = v * 10 + (unsigned)(s[i] - '0');
			if (v > 255) {
				return 0;
			}
			digits++;
			i++;
		}
		if (digits == 0) {
			return 0;
		}
		out[part++] = (uint8_t)v;
		if (part < 4) {
			if (i >= len || s[i] != '.') {
				return 0;
			}
			i++;
		}
	}
	return i == len ? 4 : 0;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	c = lower(c);
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	return -1;
}

/* One group of 1 to 4 hex digits at s[*ip]; *ip ends past it. Returns
 * 0, or -1 without a digit or with more than four. */
static int
v6_group(const char *s, size_t len, size_t *ip, uint16_t *out)
{
	size_t i = *ip;
	unsigned v = 0;
	int h, nd = 0;

	while (i < len && (h = hexval((unsigned char)s[i])) >= 0) {
		if (++nd > 4) {
			return -1;
		}
		v = v << 4 | (unsigned)h;
		i++;
	}
	if (nd == 0) {
		return -1;
	}
	*out = (uint16_t)v;
	*ip = i;
	return 0;
}

/* The ng groups of g (with "::" before group dc, or dc (size_t)-1 for
 * none) as 16 octets. Returns 16, or 0 when the count is wrong. */
static int
v6_expand(uint16_t g[8], size_t ng, size_t dc, uint8_t out[16])
{
	size_t k, j;

	if (dc == (size_t)-1) {
		if (ng != 8) {
			return 0;
		}
	} else {
		if (ng >= 8) {
			return 0;
		}
		k = 8 - ng; /* zero groups inserted at dc */
		for (j = ng; j > dc; j--) {
			g[j - 1 + k] = g[j - 1];
		}
		for (j = 0; j < k; j++) {
			g[dc + j] = 0;
		}
	}
	for (j = 0; j < 8; j++) {
		out[2 * j] = (uint8_t)(g[j] >> 8);
		out[2 * j + 1] = (uint8_t)g[j];
	}
	return 16;
}

static int
parse_v6(const char *s, size_t len, uint8_t out[16])
{
	uint16_t g[8];
	size_t ng = 0, i = 0, dc = (size_t)-1;

	if (len < 2) {
		return 0;
	}
	if (s[0] == ':') {
		if (s[1] != ':') {
			return 0;
		}
		dc = 0;
		i = 2;
		if (i == len) {
			memset(out, 0, 16);
			return 16;
		}
	}
	while (i < len) {
		if (ng == 8) {
			return 0;
		}
		/* Embedded IPv4 in the last 32 bits (RFC 4291 2.2 (3)). */
		if (memchr(s + i, '.', len - i) != NULL &&
		    memchr(s + i, ':', len - i) == NULL) {
			uint8_t v4[4];

			if (ng > 6 || parse_v4(s + i, len - i, v4) != 4) {
				return 0;
			}
			g[ng++] = (uint16_t)(v4[0] << 8 | v4[1]);
			g[ng++] = (uint16_t)(v4[2] << 8 | v4[3]);
			i = len;
			break;
		}
		if (v6_group(s, len, &i, &g[ng]) != 0) {
			return 0;
		}
		ng++;
		if (i == len) {
			break;
		}
		if (s[i] != ':') {
			return 0;
		}
		i++;
		if (i < len && s[i] == ':') {
			if (dc != (size_t)-1) {
				return 0;
			}
			dc = ng;
			i++;
			if (i == len) {
				break;
			}
		} else if (i == len) {
			return 0; /* trailing single colon */
		}
	}
	return v6_expand(g, ng, dc, out);
}

int
certshow__ip_parse(const char *s, size_t len, uint8_t out[16])
{
	if (s == NULL || len == 0 || memchr(s, '\0', len) != NULL) {
		return 0;
	}
	if (memchr(s, ':', len) != NULL) {
		return parse_v6(s, len, out);
	}
	return parse_v4(s, len, out);
}

void
certshow__ip_format(const uint8_t *ip, size_t len, char *buf, size_t size)
{
	size_t i, best = 0, bestlen = 0, run, o = 0;
	unsigned g[8];
	int n;

	if (size == 0) {
		return;
	}
	buf[0] = '\0';
	if (len == 4) {
		snprintf(buf, size, "%u.%u.%u.%u", ip[0], ip[1], ip[2], ip[3]);
		return;
	}
	if (len != 16) {
		snprintf(buf, size, "(%zu-octet address)", len);
		return;
	}
	for (i = 0; i < 8; i++) {
		g[i] = (unsigned)ip[2 * i] << 8 | ip[2 * i + 1];
	}
	/* RFC 5952 4.2: compress the longest run (first on ties) of two or
	 * more zero groups; 4.3: lowercase; 5: IPv4-mapped as dotted. */
	for (i = 0; i < 8; i += run ? run : 1) {
		run = 0;
		while (i + run < 8 && g[i + run] == 0) {
			run++;
		}
		if (run > bestlen) {
			best = i;
			bestlen = run;
		}
	}
	if (bestlen < 2) {
		bestlen = 0;
	}
	if (bestlen == 5 && best == 0 && g[5] == 0xffff) {
		snprintf(buf, size, "::ffff:%u.%u.%u.%u", ip[12], ip[13],
		    ip[14], ip[15]);
		return;
	}
	for (i = 0; i < 8 && o < size; i++) {
		if (bestlen != 0 && i == best) {
			n = snprintf(buf + o, size - o, "::");
			o += (size_t)n;
			i += bestlen - 1;
			continue;
		}
		n = snprintf(buf + o, size - o, "%s%x",
		    (i == 0 || (bestlen != 0 && i == best + bestlen)) ? "" :
		    ":", g[i]);
		o += (size_t)n;
	}
	if (o >= size) {
		buf[size - 1] = '\0';
	}
}

bool
certshow__email_split(const char *p, size_t len, size_t *at)
{
	size_t i, pos = (size_t)-1;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c <= 0x20 || c >= 0x7f) {
			return false;
		}
		if (c == '@') {
			if (pos != (size_t)-1) {
				return false;
			}
			pos = i;
		}
	}
	if (pos == (size_t)-1 || pos == 0 || pos + 1 == len) {
		return false;
	}
	*at = pos;
	return true;
}

/* ------------------------------------------------------------------ */
/* Peer matching                                                        */
/* ------------------------------------------------------------------ */

static int
match_dns(const struct certshow_cert *c, const char *name, bool cn_fallback,
    char *why, size_t why_size)
{
	char host[256];
	int hlen;
	size_t i, j, k;
	bool any = false;

	hlen = certshow__host_normalize(name, strlen(name), host,
	    sizeof(host));
	if (hlen < 0) {
		snprintf(why, why_size, "'%s' is not a valid DNS name", name);
		return 0;
	}
	for (i = 0; i < c->n_san; i++) {
		if (c->san[i].type != CERTSHOW_GN_DNS) {
			continue;
		}
		any = true;
		if (certshow__host_match((const char *)c->san[i].value,
		    c->san[i].len, host, (size_t)hlen)) {
			return 1;
		}
	}
	if (c->has_san) {
		/* Say so when only a public-suffix wildcard stood in the
		 * way. */
		for (i = 0; i < c->n_san; i++) {
			const char *p = (const char *)c->san[i].value;
			const char *dot = memchr(host, '.', (size_t)hlen);

			k = c->san[i].len;
			if (k > 0 && p[k - 1] == '.') {
				k--;
			}
			if (c->san[i].type != CERTSHOW_GN_DNS || k < 3 ||
			    p[0] != '*' || p[1] != '.' || dot == NULL ||
			    (size_t)(host + hlen - dot - 1) != k - 2 ||
			    strncasecmp(dot + 1, p + 2, k - 2) != 0 ||
			    !certshow__public_suffix(p + 2, k - 2)) {
				continue;
			}
			snprintf(why, why_size, "%s is covered only by the "
			    "wildcard *.%.*s, and %.*s is a public suffix "
			    "(CA/B BR 3.2.2.6)", host, (int)(k - 2), p + 2,
			    (int)(k - 2), p + 2);
			return 0;
		}
		snprintf(why, why_size, "%s does not match any of the "
		    "certificate's %s", host, any ? "DNS names" :
		    "subjectAltNames (none is a DNS name)");
		return 0;
	}
	if (!cn_fallback) {
		snprintf(why, why_size, "%s: the certificate has no "
		    "subjectAltName extension", host);
		return 0;
	}
	for (i = 0; i < c->subject.n; i++) {
		const struct certshow__rdn *r = &c->subject.rdns[i];

		for (j = 0; j < r->n; j++) {
			const struct certshow__ava *a = &r->avas[j];

			if (strcmp(a->oid, "2.5.4.3") != 0) {
				continue;
			}
			k = a->value.len;
			if (certshow__host_match(a->value.p, k, host,
			    (size_t)hlen)) {
				return 1;
			}
		}
	}
	snprintf(why, why_size, "%s does not match the subject common name "
	    "(the certificate has no subjectAltName)", host);
	return 0;
}

static int
match_ip(const struct certshow_cert *c, const char *name, char *why,
    size_t why_size)
{
	uint8_t ip[16];
	int n;
	size_t i;

	n = certshow__ip_parse(name, strlen(name), ip);
	if (n == 0) {
		snprintf(why, why_size, "'%s' is not an IP address", name);
		return 0;
	}
	for (i = 0; i < c->n_san; i++) {
		if (c->san[i].type == CERTSHOW_GN_IP &&
		    c->san[i].len == (size_t)n &&
		    memcmp(c->san[i].value, ip, (size_t)n) == 0) {
			return 1;
		}
	}
	snprintf(why, why_size, "%s does not match any IP address "
	    "subjectAltName", name);
	return 0;
}

static int
match_email(const struct certshow_cert *c, const char *name, char *why,
    size_t why_size)
{
	size_t len = strlen(name), at, sat, i;

	if (!certshow__email_split(name, len, &at)) {
		snprintf(why, why_size, "'%s' is not an email address", name);
		return 0;
	}
	for (i = 0; i < c->n_san; i++) {
		const char *v = (const char *)c->san[i].value;

		if (c->san[i].type != CERTSHOW_GN_EMAIL ||
		    c->san[i].len != len ||
		    !certshow__email_split(v, c->san[i].len, &sat) ||
		    sat != at) {
			continue;
		}
		/* RFC 5280 7.5: local part case-sensitive, host not. */
		if (memcmp(v, name, at) == 0 &&
		    eq_nocase(v + at, name + at, len - at)) {
			return 1;
		}
	}
	snprintf(why, why_size, "%s does not match any email "
	    "subjectAltName", name);
	return 0;
}

int
certshow__peer_match(const struct certshow_cert *c,
    enum certshow_peer_kind kind, const char *name, bool cn_fallback,
    char *why, size_t why_size)
{
	if (why_size > 0) {
		why[0] = '\0';
	}
	if (name == NULL) {
		snprintf(why, why_size, "no peer name given");
		return 0;
	}
	switch (kind) {
	case CERTSHOW_PEER_NONE:
		return 1;
	case CERTSHOW_PEER_DNS:
		return match_dns(c, name, cn_fallback, why, why_size);
	case CERTSHOW_PEER_IP:
		return match_ip(c, name, why, why_size);
	case CERTSHOW_PEER_EMAIL:
		return match_email(c, name, why, why_size);
	}
	snprintf(why, why_size, "unknown peer name kind");
	return 0;
}
