/*
 * asn1.h - libtasn1 glue shared by asn1.c, asn1view.c and lint.c.
 * Not installed. This is the only internal header that includes
 * libtasn1.h; the rest of the library sees certshow__asn1_ext_describe()
 * through internal.h.
 */
#ifndef CERTSHOW_ASN1_H
#define CERTSHOW_ASN1_H

#include "internal.h"

#include <stdio.h>

#include <libtasn1.h>

/* Generated from lib/pkix.asn by asn1Parser (lib/pkix_asn1_tab.c). */
extern const asn1_static_node certshow_pkix_asn1_tab[];

/* ------------------------------------------------------------------ */
/* asn1.c: definitions, decoding, reads, error mapping                  */
/* ------------------------------------------------------------------ */

/* libtasn1 return code -> CERTSHOW_E_* (one place for the mapping). */
int certshow__asn1_map_error(int asn1_rv);
/* Set the context's message ("<what>: <libtasn1 message>") and return the
 * mapped code. */
int certshow__asn1_error(struct certshow_ctx *ctx, int asn1_rv,
    const char *fmt, ...) CERTSHOW__PRINTF(3, 4);

/* Build the definitions tree of the PKIX module. The tree is built per
 * call (never cached in a global) and released with
 * asn1_delete_structure(). */
int certshow__asn1_defs(struct certshow_ctx *ctx, asn1_node *out);

/* Decode `der` as the module type `type` ("PKIX.Certificate"). With
 * `strict` libtasn1 rejects BER (ASN1_DECODE_FLAG_STRICT_DER); without it,
 * BER lengths are accepted so that lint can still read fields of a
 * certificate whose encoding it reports. Trailing bytes after the value
 * are an error. */
int certshow__asn1_decode(struct certshow_ctx *ctx, asn1_node defs,
    const char *type, const uint8_t *der, size_t len, bool strict,
    asn1_node *out);

/* Two-pass read of element `name`: ask libtasn1 for the size, allocate,
 * read. *out is malloc'd (caller frees) and NUL-terminated; *len excludes
 * the NUL. For BIT STRINGs *len is the number of bits, as libtasn1 reports
 * it. CERTSHOW_E_NOTFOUND when the element is absent. */
int certshow__asn1_read(struct certshow_ctx *ctx, asn1_node node,
    const char *name, uint8_t **out, size_t *len);
/* Read a short value (OID text, BOOLEAN, small INTEGER) into a caller's
 * buffer; NUL-terminated when it fits. Returns 0, CERTSHOW_E_NOTFOUND or
 * CERTSHOW_E_LIMIT (buffer too small). */
int certshow__asn1_read_buf(asn1_node node, const char *name, char *buf,
    size_t size, size_t *len);
/* Number of elements of a SEQUENCE OF / SET OF (0 when absent). */
size_t certshow__asn1_count(asn1_node node, const char *name);
/* Byte range [*start, *end] (inclusive, libtasn1 convention) of element
 * `name` inside the DER it was decoded from. Returns 0 or
 * CERTSHOW_E_NOTFOUND. */
int certshow__asn1_range(asn1_node node, const uint8_t *der, size_t len,
    const char *name, size_t *start, size_t *end);

/* Name of a dotted OID from one table shared by the view and lint
 * (algorithms, attributes, extensions, key purposes, curves, policies),
 * or NULL. */
const char *certshow__asn1_oid_name(const char *oid);

/* ------------------------------------------------------------------ */
/* asn1.c: PKIX field names for the raw view                            */
/* ------------------------------------------------------------------ */

struct certshow__asn1_label {
	size_t off;              /* offset of the TLV in the input */
	char *name;              /* "tbsCertificate.validity.notBefore" */
};

struct certshow__asn1_labels {
	size_t n, cap;
	struct certshow__asn1_label *v; /* sorted by off */
};

/* Field names of a certificate (and of its known extensions) by offset.
 * Returns 0 with an empty map when `der` is not a certificate that the
 * module decodes. Offsets are relative to `der` plus `base`. */
int certshow__asn1_labels_cert(asn1_node defs, const uint8_t *der,
    size_t len, size_t base, struct certshow__asn1_labels *out);
const char *certshow__asn1_label_at(const struct certshow__asn1_labels *l,
    size_t off);
void certshow__asn1_labels_free(struct certshow__asn1_labels *l);

/* ------------------------------------------------------------------ */
/* asn1view.c: lenient BER walker                                       */
/* ------------------------------------------------------------------ */

/* Encodings that BER allows and DER (X.690 section 10) does not. */
#define CERTSHOW__BER_N_LEN_LONG 0x01   /* length not in minimal form */
#define CERTSHOW__BER_N_LEN_INDEF 0x02  /* indefinite length */
#define CERTSHOW__BER_N_TAG_LONG 0x04   /* tag number not in minimal form */
#define CERTSHOW__BER_N_INT_PAD 0x08    /* INTEGER with a redundant octet */
#define CERTSHOW__BER_N_BOOL 0x10       /* BOOLEAN TRUE not 0xFF */
#define CERTSHOW__BER_N_BITS 0x20       /* BIT STRING unused bits not 0 */
#define CERTSHOW__BER_N_CONS_STR 0x40   /* constructed string encoding */

struct certshow__ber_hdr {
	size_t off;          /* offset of the identifier octet */
	size_t hdr_len;      /* identifier + length octets */
	size_t len;          /* contents length (0 until known if indef) */
	unsigned cls;        /* CERTSHOW__CLASS_* */
	unsigned long tag;
	bool constructed;
	bool indefinite;
	unsigned notes;      /* CERTSHOW__BER_N_* of the header */
};

/* asn1.c: parse one header leniently at p[0..avail). Returns 0, or a reason
 * string on failure via *why (static). `off` is recorded in h->off. */
int certshow__ber_header(const uint8_t *p, size_t avail, size_t off,
    struct certshow__ber_hdr *h, const char **why);

enum certshow__ber_ev_kind {
	CERTSHOW__BER_ENTER,  /* a TLV; for constructed ones children follow */
	CERTSHOW__BER_LEAVE,  /* end of a constructed or opened TLV */
	CERTSHOW__BER_NOTE,   /* a non-DER encoding at `off` */
	CERTSHOW__BER_BROKEN, /* the TLV at `off` runs past the end of the
			       * input: its contents are walked as far as
			       * they go */
	CERTSHOW__BER_STOP    /* the walk stopped at `off` */
};

struct certshow__ber_ev {
	enum certshow__ber_ev_kind kind;
	unsigned depth;
	const struct certshow__ber_hdr *h;  /* ENTER/LEAVE */
	const uint8_t *val;                 /* ENTER: contents */
	bool opened;       /* ENTER: primitive whose contents are walked */
	bool encapsulated; /* ENTER: inside an opened OCTET/BIT STRING */
	const char *label; /* ENTER: PKIX field name or NULL */
	size_t off;        /* NOTE/STOP: where */
	unsigned note;     /* NOTE: CERTSHOW__BER_N_* */
	const char *why;   /* NOTE/STOP: static or walker-owned text */
};

/* Return nonzero from the callback to stop the walk (that value is
 * returned by certshow__ber_walk()). */
typedef int (*certshow__ber_cb)(void *arg, const struct certshow__ber_ev *ev);

struct certshow__ber_walk_opts {
	unsigned max_depth;
	bool open_nested;
	const struct certshow__asn1_labels *labels; /* may be NULL */
};

/* Walk every TLV of data[0..len) (offsets start at `base`). Returns 0 when
 * the walk reached the end, 1 when it stopped on malformed input (a STOP
 * event was delivered), 2 when the depth limit stopped it, or the
 * callback's nonzero value. */
int certshow__ber_walk(const uint8_t *data, size_t len, size_t base,
    const struct certshow__ber_walk_opts *o, certshow__ber_cb cb, void *arg);

/* Text of one CERTSHOW__BER_N_* note, with its X.690 section when
 * `cite`. */
const char *certshow__ber_note_str(unsigned note, bool cite);

/* PEM or DER input split into items (see certshow_lint_add_input()). */
struct certshow__asn1_items {
	size_t n;
	const uint8_t **der;
	size_t *len;
	char **label;         /* PEM label or NULL for DER */
	uint8_t *buf;         /* decoded PEM bytes */
	/* First PEM problem (bad base64, missing END line): the item is
	 * cut there; "" when none. */
	char problem[256];
};
/* True when data holds a "-----BEGIN " line. */
bool certshow__asn1_is_pem(const uint8_t *data, size_t len);
int certshow__asn1_split(struct certshow_ctx *ctx, const uint8_t *data,
    size_t len, struct certshow__asn1_items *out);
void certshow__asn1_items_free(struct certshow__asn1_items *it);

#endif
