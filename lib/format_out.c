/*
 * format_out.c - the buffered output every format writes through and the
 * renderings the formats share (string tags, times, IP addresses, key
 * usage, EKU and policy names, embedding rendered lint JSON). It sits
 * below format.c (the writer) and the renderers, and calls none of them.
 */
#include "format.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Buffered output                                                      */
/* ------------------------------------------------------------------ */

void
certshow__out_init(struct certshow__out *o, FILE *fp)
{
	o->fp = fp;
	o->n = 0;
	o->failed = false;
}

int
certshow__out_flush(struct certshow__out *o)
{
	if (o->n > 0 && !o->failed) {
		if (fwrite(o->buf, 1, o->n, o->fp) != o->n) {
			o->failed = true;
		}
	}
	o->n = 0;
	return o->failed ? -1 : 0;
}

void
certshow__out_write(struct certshow__out *o, const void *p, size_t len)
{
	const char *s = p;
	size_t room;

	while (len > 0) {
		room = sizeof(o->buf) - o->n;
		if (room == 0) {
			certshow__out_flush(o);
			continue;
		}
		if (room > len) {
			room = len;
		}
		memcpy(o->buf + o->n, s, room);
		o->n += room;
		s += room;
		len -= room;
	}
}

void
certshow__out_puts(struct certshow__out *o, const char *s)
{
	certshow__out_write(o, s, strlen(s));
}

void
certshow__out_printf(struct certshow__out *o, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0) {
		return;
	}
	if ((size_t)n >= sizeof(tmp)) {
		n = (int)sizeof(tmp) - 1;
	}
	certshow__out_write(o, tmp, (size_t)n);
}

void
certshow__out_hex(struct certshow__out *o, const uint8_t *p, size_t len,
    char sep)
{
	static const char lower[] = "0123456789abcdef";
	static const char upper[] = "0123456789ABCDEF";
	const char *h = sep ? upper : lower;
	size_t per = sep ? 3 : 2, i, room;
	char *q;

	for (i = 0; i < len;) {
		room = (sizeof(o->buf) - o->n) / per;
		if (room == 0) {
			certshow__out_flush(o);
			continue;
		}
		if (room > len - i) {
			room = len - i;
		}
		q = o->buf + o->n;
		for (; room > 0; room--, i++) {
			if (sep && i > 0) {
				*q++ = sep;
			}
			*q++ = h[p[i] >> 4];
			*q++ = h[p[i] & 15];
		}
		o->n = (size_t)(q - o->buf);
	}
}

void
certshow__out_int(struct certshow__out *o, long long v)
{
	char buf[24];
	size_t n = sizeof(buf);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v
				     : (unsigned long long)v;

	do {
		buf[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0) {
		buf[--n] = '-';
	}
	certshow__out_write(o, buf + n, sizeof(buf) - n);
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			  "abcdefghijklmnopqrstuvwxyz0123456789+/";

/* Base64 (RFC 4648 section 4) of up to 3 bytes into 4 characters. */
static void
b64_quad(char *q, const uint8_t *p, size_t n)
{
	uint32_t v = (uint32_t)p[0] << 16;

	if (n > 1) {
		v |= (uint32_t)p[1] << 8;
	}
	if (n > 2) {
		v |= p[2];
	}
	q[0] = b64[(v >> 18) & 63];
	q[1] = b64[(v >> 12) & 63];
	q[2] = n > 1 ? b64[(v >> 6) & 63] : '=';
	q[3] = n > 2 ? b64[v & 63] : '=';
}

void
certshow__out_base64(struct certshow__out *o, const uint8_t *p, size_t len)
{
	char q[4];
	size_t i;

	for (i = 0; i < len; i += 3) {
		b64_quad(q, p + i, len - i < 3 ? len - i : 3);
		certshow__out_write(o, q, 4);
	}
}

size_t
certshow__utf8_decode(const uint8_t *p, size_t len, uint32_t *cp)
{
	uint8_t b0 = p[0];
	uint8_t lo = 0x80, hi = 0xBF;
	size_t n, i;
	uint32_t v;

	if (b0 < 0x80) {
		*cp = b0;
		return 1;
	}
	if (b0 >= 0xC2 && b0 <= 0xDF) {
		n = 2;
		v = b0 & 0x1F;
	} else if (b0 >= 0xE0 && b0 <= 0xEF) {
		n = 3;
		v = b0 & 0x0F;
		if (b0 == 0xE0) {
			lo = 0xA0; /* overlong */
		} else if (b0 == 0xED) {
			hi = 0x9F; /* surrogates */
		}
	} else if (b0 >= 0xF0 && b0 <= 0xF4) {
		n = 4;
		v = b0 & 0x07;
		if (b0 == 0xF0) {
			lo = 0x90; /* overlong */
		} else if (b0 == 0xF4) {
			hi = 0x8F; /* above U+10FFFF */
		}
	} else {
		return 0;
	}
	if (len < n) {
		return 0;
	}
	if (p[1] < lo || p[1] > hi) {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			return 0;
		}
		v = v << 6 | (p[i] & 0x3F);
	}
	*cp = v;
	return n;
}

const char *
certshow__str_tag_name(unsigned tag)
{
	switch (tag) {
	case CERTSHOW__TAG_BIT_STRING:
		return "BIT STRING";
	case CERTSHOW__TAG_UTF8STRING:
		return "UTF8String";
	case CERTSHOW__TAG_NUMERICSTRING:
		return "NumericString";
	case CERTSHOW__TAG_PRINTABLESTRING:
		return "PrintableString";
	case CERTSHOW__TAG_T61STRING:
		return "TeletexString";
	case CERTSHOW__TAG_IA5STRING:
		return "IA5String";
	case CERTSHOW__TAG_VISIBLESTRING:
		return "VisibleString";
	case CERTSHOW__TAG_UNIVERSALSTRING:
		return "UniversalString";
	case CERTSHOW__TAG_BMPSTRING:
		return "BMPString";
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Shared renderings                                                    */
/* ------------------------------------------------------------------ */

void
certshow__fmt_time(char *buf, size_t size, int64_t t, int iso)
{
	int64_t y;
	unsigned mo, d, h, mi, s;

	certshow__civil_from_epoch(t, &y, &mo, &d, &h, &mi, &s);
	if (iso) {
		snprintf(buf, size, "%04lld-%02u-%02uT%02u:%02u:%02uZ",
		    (long long)y, mo, d, h, mi, s);
	} else {
		snprintf(buf, size, "%04lld-%02u-%02u %02u:%02u:%02u UTC",
		    (long long)y, mo, d, h, mi, s);
	}
}

/* Length of a contiguous prefix mask, or -1 when the mask has holes. */
static int
mask_prefix(const uint8_t *m, size_t len)
{
	size_t i;
	int bits = 0;
	bool ended = false;
	unsigned b;

	for (i = 0; i < len; i++) {
		for (b = 0x80; b != 0; b >>= 1) {
			if (m[i] & b) {
				if (ended) {
					return -1;
				}
				bits++;
			} else {
				ended = true;
			}
		}
	}
	return bits;
}

/* IPv6 text per RFC 5952 section 4: lowercase, leading zeros dropped,
 * the longest run (leftmost on ties) of two or more zero groups as
 * "::". */
static void
fmt_ipv6(char *buf, size_t size, const uint8_t *p)
{
	unsigned g[8];
	int best = -1, best_len = 0, run = -1, run_len = 0, i;
	size_t n = 0;

	for (i = 0; i < 8; i++) {
		g[i] = (unsigned)p[2 * i] << 8 | p[2 * i + 1];
		if (g[i] == 0) {
			if (run < 0) {
				run = i;
				run_len = 0;
			}
			run_len++;
			if (run_len > best_len) {
				best = run;
				best_len = run_len;
			}
		} else {
			run = -1;
		}
	}
	if (best_len < 2) {
		best = -1;
	}
	buf[0] = '\0';
	for (i = 0; i < 8 && n < size; i++) {
		if (i == best) {
			n += (size_t)snprintf(buf + n, size - n, "::");
			i += best_len - 1;
			continue;
		}
		n += (size_t)snprintf(buf + n, size - n, "%s%x",
		    (i > 0 && i != best + best_len) ? ":" : "", g[i]);
	}
}

static void
fmt_addr(char *buf, size_t size, const uint8_t *p, size_t len)
{
	if (len == 4) {
		snprintf(buf, size, "%u.%u.%u.%u", p[0], p[1], p[2], p[3]);
	} else {
		fmt_ipv6(buf, size, p);
	}
}

void
certshow__fmt_ip(char *buf, size_t size, const uint8_t *p, size_t len)
{
	size_t n, i;
	int prefix;

	if (len == 4 || len == 16) {
		fmt_addr(buf, size, p, len);
		return;
	}
	if (len == 8 || len == 32) {
		/* RFC 5280 4.2.1.10: address followed by mask. */
		fmt_addr(buf, size, p, len / 2);
		n = strlen(buf);
		prefix = mask_prefix(p + len / 2, len / 2);
		if (prefix >= 0) {
			snprintf(buf + n, size - n, "/%d", prefix);
		} else {
			buf[n++] = '/';
			fmt_addr(buf + n, size - n, p + len / 2, len / 2);
		}
		return;
	}
	n = 0;
	buf[0] = '\0';
	for (i = 0; i < len && n + 3 < size; i++) {
		n += (size_t)snprintf(buf + n, size - n, "%02x", p[i]);
	}
}

static const char *const ku_names[] = {
	"digitalSignature",
	"nonRepudiation",
	"keyEncipherment",
	"dataEncipherment",
	"keyAgreement",
	"keyCertSign",
	"cRLSign",
	"encipherOnly",
	"decipherOnly",
};

const char *
certshow__ku_name(unsigned bit)
{
	if (bit >= sizeof(ku_names) / sizeof(ku_names[0])) {
		return NULL;
	}
	return ku_names[bit];
}

struct oid_name {
	const char *oid;
	const char *name;
};

static const struct oid_name eku_names[] = {
	{ "1.3.6.1.5.5.7.3.1", "serverAuth" },
	{ "1.3.6.1.5.5.7.3.2", "clientAuth" },
	{ "1.3.6.1.5.5.7.3.3", "codeSigning" },
	{ "1.3.6.1.5.5.7.3.4", "emailProtection" },
	{ "1.3.6.1.5.5.7.3.5", "ipsecEndSystem" },
	{ "1.3.6.1.5.5.7.3.6", "ipsecTunnel" },
	{ "1.3.6.1.5.5.7.3.7", "ipsecUser" },
	{ "1.3.6.1.5.5.7.3.8", "timeStamping" },
	{ "1.3.6.1.5.5.7.3.9", "OCSPSigning" },
	{ "1.3.6.1.5.5.7.3.17", "ipsecIKE" },
	{ "1.3.6.1.5.5.7.3.21", "sshClient" },
	{ "1.3.6.1.5.5.7.3.22", "sshServer" },
	{ "2.5.29.37.0", "anyExtendedKeyUsage" },
	{ "1.3.6.1.4.1.311.10.3.3", "msSGC" },
	{ "1.3.6.1.4.1.311.10.3.4", "msEFS" },
	{ "1.3.6.1.4.1.311.20.2.2", "msSmartcardLogin" },
	{ "1.3.6.1.4.1.311.10.3.12", "msDocumentSigning" },
	{ "2.16.840.1.113730.4.1", "nsSGC" },
	{ "1.3.6.1.5.2.3.4", "pkInitClientAuth" },
	{ "1.3.6.1.5.2.3.5", "pkInitKDC" },
	{ "1.3.6.1.4.1.11129.2.4.4", "ctPrecertificateSigning" },
};

static const struct oid_name policy_names[] = {
	{ "2.5.29.32.0", "anyPolicy" },
	{ "2.23.140.1.1", "CA/B EV" },
	{ "2.23.140.1.2.1", "CA/B domain validated" },
	{ "2.23.140.1.2.2", "CA/B organization validated" },
	{ "2.23.140.1.2.3", "CA/B individual validated" },
	{ "2.23.140.1.3", "CA/B EV code signing" },
	{ "2.23.140.1.4.1", "CA/B code signing" },
	{ "2.23.140.1.5.1.1", "CA/B S/MIME mailbox legacy" },
};

static const char *
oid_lookup(const struct oid_name *t, size_t n, const char *oid)
{
	size_t i;

	if (oid == NULL) {
		return NULL;
	}
	for (i = 0; i < n; i++) {
		if (strcmp(t[i].oid, oid) == 0) {
			return t[i].name;
		}
	}
	return NULL;
}

const char *
certshow__eku_name(const char *oid)
{
	return oid_lookup(eku_names, sizeof(eku_names) / sizeof(eku_names[0]),
	    oid);
}

const char *
certshow__policy_name(const char *oid)
{
	return oid_lookup(policy_names,
	    sizeof(policy_names) / sizeof(policy_names[0]), oid);
}

const char *
certshow__sct_error(const struct certshow__sct *s)
{
	/* The decoder frames an SCT of another version but reads nothing
	 * out of it (ext.c): its log and time are unknown, not zero. */
	if (s->version != 0) {
		return "unsupported SCT version (RFC 6962 3.2 defines v1 "
		    "only): log ID and timestamp not decoded";
	}
	return NULL;
}

const char *
certshow__pqual_name(const char *oid)
{
	/* RFC 5280 4.2.1.4: id-qt-cps and id-qt-unotice. */
	if (oid != NULL && strcmp(oid, "1.3.6.1.5.5.7.2.1") == 0) {
		return "cps";
	}
	if (oid != NULL && strcmp(oid, "1.3.6.1.5.5.7.2.2") == 0) {
		return "unotice";
	}
	return NULL;
}

const char *
certshow__gn_label(enum certshow_gn_type type)
{
	switch (type) {
	case CERTSHOW_GN_OTHER:
		return "othername";
	case CERTSHOW_GN_EMAIL:
		return "email";
	case CERTSHOW_GN_DNS:
		return "DNS";
	case CERTSHOW_GN_X400:
		return "X400";
	case CERTSHOW_GN_DIRNAME:
		return "DirName";
	case CERTSHOW_GN_EDIPARTY:
		return "EdiParty";
	case CERTSHOW_GN_URI:
		return "URI";
	case CERTSHOW_GN_IP:
		return "IP";
	case CERTSHOW_GN_RID:
		return "RID";
	}
	return "unknown";
}

/* Indents each line after the first of rendered lint JSON by ind levels. */
void
certshow__writer_put_lint(FILE *fp, const char *json, unsigned ind)
{
	const char *p, *nl;
	unsigned i;

	for (p = json; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		if (nl == NULL) {
			fputs(p, fp);
			return;
		}
		fwrite(p, 1, (size_t)(nl - p) + 1, fp);
		for (i = 0; i < ind; i++) {
			fputs("  ", fp);
		}
	}
}
