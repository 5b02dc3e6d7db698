/*
 * verify.c - certification path building and validation.
 *
 * Path building (RFC 4158 ideas): starting at the leaf, the issuer
 * candidates of a certificate are the anchors and intermediates whose
 * subject equals its issuer (normalized comparison, RFC 5280 7.1),
 * ordered so the likely ones come first: an authorityKeyIdentifier that
 * matches the candidate's subjectKeyIdentifier, a candidate valid at the
 * verification time, a trust anchor, a byte-identical name. The search is
 * depth-first with back-tracking: every path that reaches an anchor is
 * validated completely (RFC 5280 section 6 plus the profile's rules) and
 * the first valid one wins; when none is valid the one with the fewest
 * problems is reported, and when no path reaches an anchor the longest
 * partial path is. A certificate never appears twice in a path (loops),
 * a subtree that cannot reach an anchor is not searched twice, and the
 * total work is bounded by CERTSHOW_LIMIT_PATH_WORK signature checks, a
 * cap on candidates per certificate and on visited nodes.
 *
 * Signatures are checked with GnuTLS's public-key API over the raw
 * TBSCertificate bytes (sigcache.c); every (subject, issuer) pair is
 * looked up at most once per call, and the context's cache answers for
 * pairs and issuer keys seen by earlier calls.
 */
#include "verify.h"
#include "policy.h"
#include "sigcache.h"
#include "online.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <gnutls/x509.h>

#define OID_SERVER_AUTH "1.3.6.1.5.5.7.3.1"
#define OID_CLIENT_AUTH "1.3.6.1.5.5.7.3.2"
#define OID_ANY_EKU "2.5.29.37.0"
#define OID_CN "2.5.4.3"
#define OID_EMAIL_ATTR "1.2.840.113549.1.9.1"
#define OID_RSA_PSS "1.2.840.113549.1.1.10"

#define OID_EXT_SKI "2.5.29.14"
#define OID_EXT_KU "2.5.29.15"
#define OID_EXT_SAN "2.5.29.17"
#define OID_EXT_BC "2.5.29.19"
#define OID_EXT_NC "2.5.29.30"
#define OID_EXT_PC "2.5.29.36"
#define OID_EXT_AKI "2.5.29.35"
#define OID_EXT_EKU "2.5.29.37"
#define OID_EXT_AIA "1.3.6.1.5.5.7.1.1"

/* Candidates considered per certificate, and visited nodes per call
 * (as a multiple of the signature budget). */
#define CAND_CAP 64
#define VISIT_FACTOR 8
/* Name-constraint comparisons per path (RFC 5280 does not bound them;
 * a hostile certificate can ask for millions). */
#define NC_WORK_LIMIT (1u << 20)
/* Absolute recursion bound whatever the limits say. */
#define HARD_DEPTH 256

/* ------------------------------------------------------------------ */
/* Verdict names                                                        */
/* ------------------------------------------------------------------ */

static const struct {
	uint32_t flag;
	const char *name;
	const char *desc;
} verdicts[] = {
	{ CERTSHOW_V_UNTRUSTED, "UNTRUSTED", "no path to a trust anchor" },
	{ CERTSHOW_V_EXPIRED, "EXPIRED", "a certificate has expired" },
	{ CERTSHOW_V_NOT_YET_VALID, "NOT_YET_VALID",
	    "a certificate is not yet valid" },
	{ CERTSHOW_V_HOSTNAME_MISMATCH, "HOSTNAME_MISMATCH",
	    "the peer name does not match the certificate" },
	{ CERTSHOW_V_NOT_CA, "NOT_CA", "an issuer is not a CA certificate" },
	{ CERTSHOW_V_KEY_USAGE, "KEY_USAGE",
	    "a key usage does not allow the certificate's use" },
	{ CERTSHOW_V_EXT_KEY_USAGE, "EXT_KEY_USAGE",
	    "the extended key usage does not allow the purpose" },
	{ CERTSHOW_V_BAD_SIGNATURE, "BAD_SIGNATURE",
	    "a signature does not verify" },
	{ CERTSHOW_V_INSECURE_ALGORITHM, "INSECURE_ALGORITHM",
	    "a signature algorithm is insecure or not permitted" },
	{ CERTSHOW_V_WEAK_KEY, "WEAK_KEY",
	    "a public key is too weak or of a type not permitted" },
	{ CERTSHOW_V_PATH_LEN, "PATH_LEN", "a pathLenConstraint is exceeded" },
	{ CERTSHOW_V_NAME_CONSTRAINTS, "NAME_CONSTRAINTS",
	    "a name violates an issuer's name constraints" },
	{ CERTSHOW_V_UNKNOWN_CRITICAL, "UNKNOWN_CRITICAL",
	    "a certificate has an unknown critical extension" },
	{ CERTSHOW_V_MISSING_ISSUER, "MISSING_ISSUER",
	    "an issuer certificate is not available" },
	{ CERTSHOW_V_DEPTH, "DEPTH",
	    "the path is longer than the maximum depth" },
	{ CERTSHOW_V_MALFORMED, "MALFORMED",
	    "a certificate violates the profile's encoding rules" },
	{ CERTSHOW_V_POLICY, "POLICY",
	    "the certificate policies are not acceptable" },
	{ CERTSHOW_V_REVOKED, "REVOKED", "a certificate is revoked" },
	{ CERTSHOW_V_WORK_LIMIT, "WORK_LIMIT",
	    "the path search exceeded its work limit" },
	{ CERTSHOW_V_SELF_SIGNED, "SELF_SIGNED",
	    "the certificate is self-signed and not trusted" },
	{ CERTSHOW_V_CA_LEAF, "CA_LEAF",
	    "the end-entity certificate is a CA certificate" },
	{ CERTSHOW_V_REVOCATION_UNKNOWN, "REVOCATION_UNKNOWN",
	    "no usable source decides whether a certificate is revoked" },
	{ CERTSHOW_V_POLICY_LIMIT, "POLICY_LIMIT",
	    "certificate policy processing exceeded its bounds" },
	{ CERTSHOW_V_MUST_STAPLE, "MUST_STAPLE",
	    "the certificate requires a stapled OCSP response, none came" },
	{ CERTSHOW_V_EXPIRES_SOON, "EXPIRES_SOON",
	    "a certificate expires within the warning period" },
};
#define N_VERDICTS (sizeof(verdicts) / sizeof(verdicts[0]))

const char *
certshow_verdict_name(uint32_t flag, const char **desc)
{
	size_t i;

	if (flag == 0) {
		if (desc != NULL) {
			*desc = "a rule for the issuer, not a reason to reject";
		}
		return "NOTE";
	}
	for (i = 0; i < N_VERDICTS; i++) {
		if (verdicts[i].flag == flag) {
			if (desc != NULL) {
				*desc = verdicts[i].desc;
			}
			return verdicts[i].name;
		}
	}
	if (desc != NULL) {
		*desc = "unknown verdict flag";
	}
	return "UNKNOWN";
}

/* ------------------------------------------------------------------ */
/* Per-call state                                                       */
/* ------------------------------------------------------------------ */

struct node {
	const struct certshow_cert *c;
	struct certshow_cert *owned;  /* decoded anchor */
	bool anchor;
	bool program;                 /* anchor of a root program */
	bool in_path;
	bool dead;                    /* cannot reach an anchor */
	bool self_issued;             /* subject == issuer (normalized) */
	uint8_t *sn, *in;             /* normalized subject / issuer */
	size_t sn_len, in_len;
	uint32_t sh, ih;
	struct certshow__signode sgn; /* key and digests (sigcache.c) */
};

struct sigent {
	uint32_t child, issuer;       /* node index + 1; 0 = empty slot */
	int ok;
};

enum top_reason {
	TOP_NONE = 0,
	TOP_MISSING,    /* no candidate issuer by name */
	TOP_SELF,       /* self-signed, not an anchor */
	TOP_BADSIG,     /* candidates, none whose key verifies */
	TOP_LOOP,       /* every candidate already on the path */
	TOP_DEPTH,      /* search depth exhausted */
	TOP_WORK        /* work limit */
};

struct vstate {
	struct certshow_ctx *ctx;
	const struct certshow_trust *trust;
	const struct certshow_verify_opts *o;
	const char *leaf_source;      /* label of the chain's leaf */
	int64_t now;
	bool webpki;
	const char *purpose_oid;      /* NULL: any */
	size_t max_depth;             /* certificates (self-issued not
				       * counted); 0 none */
	size_t hard_depth;

	struct node *nodes;
	size_t n, cap;
	size_t *anchor_node;          /* trust index -> node index + 1 */

	struct sigent *sig;
	size_t sig_cap, sig_n;

	unsigned long work, work_limit, visits, visit_limit;
	bool stop;                    /* budget exhausted */
	bool oom;
	unsigned long completes;      /* complete paths evaluated */
	unsigned long cuts;           /* depth cuts and loop skips */

	size_t *path;                 /* current path (node indices) */
	bool found;
	size_t *best;                 /* best complete path */
	size_t best_len;
	uint32_t best_flags;
	size_t *part;                 /* longest partial path */
	size_t part_len;
	enum top_reason part_reason;
	size_t part_badsig_issuer;    /* node index when TOP_BADSIG */

	/* CRL signature results: (CRL index, issuer node) pairs. */
	struct crlsig {
		size_t crl, node;
		bool ok;
	} *crlsig;
	size_t n_crlsig, cap_crlsig;

	bool policy;                  /* process certificate policies */
	struct certshow__policy_in pin;
	/* CRL signers validated on their own: (node, anchor node). */
	struct signerpath {
		size_t node, anchor;
		bool ok;
	} *spath;
	size_t n_spath, cap_spath;
	const struct certshow_chain *chain, *untrusted; /* the pool */
	const struct certshow_chain *fetched; /* AIA (online.c), or NULL */
	unsigned depth;               /* CRL signer nesting */
	unsigned *nest_budget;        /* signer validations left (shared) */
};

/* Problems collected while evaluating one path. */
struct plist {
	struct certshow__problem *v;
	size_t n, cap;
};

struct eval {
	struct vstate *vs;
	const size_t *p;
	size_t n;
	bool complete;
	bool msgs;
	uint32_t flags;
	struct plist *pl;             /* n entries when msgs */
	unsigned long nc_work;
	bool nc_limited;
	struct certshow__policy_out *pol; /* the policy sets, when wanted */
	struct certshow__rev *rev;    /* n CRL facts, when msgs */
};

static char *xstrdup(const char *s);

static const struct certshow_cert *
cert_at(const struct eval *e, size_t i)
{
	return e->vs->nodes[e->p[i]].c;
}

static const char *
subj_str(const struct certshow_cert *c)
{
	if (c->subject.rfc4514 != NULL && c->subject.rfc4514[0] != '\0') {
		return c->subject.rfc4514;
	}
	return "empty subject";
}

static void
vprob(struct eval *e, size_t i, uint32_t flag, bool prefix, const char *fmt,
    va_list ap)
{
	char msg[512], full[768];
	struct plist *l;
	struct certshow__problem *np;

	e->flags |= flag;
	if (!e->msgs) {
		return;
	}
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (prefix) {
		snprintf(full, sizeof(full), "certificate %zu (%.200s) %s", i,
		    subj_str(cert_at(e, i)), msg);
	} else {
		snprintf(full, sizeof(full), "%s", msg);
	}
	l = &e->pl[i];
	if (l->n == l->cap) {
		np = certshow__grow(l->v, &l->cap,
		    l->n + 1, sizeof(*np), 4);
		if (np == NULL) {
			e->vs->oom = true;
			return;
		}
		l->v = np;
	}
	l->v[l->n].flag = flag;
	l->v[l->n].warning = false;
	l->v[l->n].message = strdup(full);
	if (l->v[l->n].message == NULL) {
		e->vs->oom = true;
		return;
	}
	l->n++;
}

static void prob(struct eval *e, size_t i, uint32_t flag, const char *fmt,
    ...) CERTSHOW__PRINTF(4, 5);
static void
prob(struct eval *e, size_t i, uint32_t flag, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprob(e, i, flag, true, fmt, ap);
	va_end(ap);
}

/* A note: a rule for the issuer that certificate i does not meet. It is
 * reported with the path (flag 0) and never changes the verdict: a
 * relying party rejects only what RFC 5280 section 6 or the profile's
 * relying-party rules make it reject (doc/verification.md). */
static void note(struct eval *e, size_t i, const char *fmt, ...)
    CERTSHOW__PRINTF(3, 4);
static void
note(struct eval *e, size_t i, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprob(e, i, 0, true, fmt, ap);
	va_end(ap);
}

/* An encoding rule RFC 5280 sets for the issuing CA (a "conforming CA
 * MUST") that section 6 does not make a relying party check: a note in
 * the rfc5280 profile; MALFORMED in the webpki profile, whose relying
 * parties enforce the CA/B profile (doc/verification.md, "Relying-party
 * rules"). */
static void issuance(struct eval *e, size_t i, const char *fmt, ...)
    CERTSHOW__PRINTF(3, 4);
static void
issuance(struct eval *e, size_t i, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprob(e, i, e->vs->webpki ? CERTSHOW_V_MALFORMED : 0, true, fmt, ap);
	va_end(ap);
}

static void prob_raw(struct eval *e, size_t i, uint32_t flag,
    const char *fmt, ...) CERTSHOW__PRINTF(4, 5);
static void
prob_raw(struct eval *e, size_t i, uint32_t flag, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprob(e, i, flag, false, fmt, ap);
	va_end(ap);
}

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */
/* ------------------------------------------------------------------ */

static const struct certshow__ext *
find_ext(const struct certshow_cert *c, const char *oid)
{
	size_t i;

	for (i = 0; i < c->n_ext; i++) {
		if (c->ext[i].oid != NULL && strcmp(c->ext[i].oid, oid) == 0) {
			return &c->ext[i];
		}
	}
	return NULL;
}

static bool
list_has(const struct certshow__list *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (l->v[i] != NULL && strcmp(l->v[i], s) == 0) {
			return true;
		}
	}
	return false;
}

static void
fmt_time(int64_t t, char *buf, size_t size)
{
	int64_t y;
	unsigned mo, d, h, mi, s;

	certshow__civil_from_epoch(t, &y, &mo, &d, &h, &mi, &s);
	if (h == 0 && mi == 0 && s == 0) {
		snprintf(buf, size, "%04lld-%02u-%02u", (long long)y, mo, d);
	} else {
		snprintf(buf, size, "%04lld-%02u-%02u %02u:%02u:%02u UTC",
		    (long long)y, mo, d, h, mi, s);
	}
}

static void
fmt_span(int64_t secs, char *buf, size_t size)
{
	int64_t v;
	const char *unit;

	if (secs >= 86400) {
		v = secs / 86400;
		unit = "day";
	} else if (secs >= 3600) {
		v = secs / 3600;
		unit = "hour";
	} else if (secs >= 60) {
		v = secs / 60;
		unit = "minute";
	} else {
		v = secs;
		unit = "second";
	}
	snprintf(buf, size, "%lld %s%s", (long long)v, unit, v == 1 ? "" : "s");
}

/* Normalized-name equality of two nodes' fields. */
static bool
norm_eq(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	return alen == blen && memcmp(a, b, alen) == 0;
}

/* ------------------------------------------------------------------ */
/* Nodes                                                                */
/* ------------------------------------------------------------------ */

static int
node_norm(struct node *nd)
{
	const struct certshow_cert *c = nd->c;

	nd->sn = certshow__name_norm(c->subject.der, c->subject.der_len,
	    &nd->sn_len);
	nd->in = certshow__name_norm(c->issuer.der, c->issuer.der_len,
	    &nd->in_len);
	if (nd->sn == NULL) {
		/* Malformed name: compare the raw bytes. */
		nd->sn = malloc(c->subject.der_len + 1);
		if (nd->sn == NULL) {
			return -1;
		}
		memcpy(nd->sn, c->subject.der, c->subject.der_len);
		nd->sn_len = c->subject.der_len;
	}
	if (nd->in == NULL) {
		nd->in = malloc(c->issuer.der_len + 1);
		if (nd->in == NULL) {
			return -1;
		}
		memcpy(nd->in, c->issuer.der, c->issuer.der_len);
		nd->in_len = c->issuer.der_len;
	}
	nd->sh = certshow__hash(nd->sn, nd->sn_len);
	nd->ih = certshow__hash(nd->in, nd->in_len);
	nd->self_issued = norm_eq(nd->sn, nd->sn_len, nd->in, nd->in_len);
	return 0;
}

/* Append a node; returns its index or (size_t)-1 when out of memory. */
static size_t
add_node(struct vstate *vs, const struct certshow_cert *c,
    struct certshow_cert *owned, bool anchor)
{
	struct node *nn;

	if (vs->n == vs->cap) {
		nn = certshow__grow(vs->nodes, &vs->cap,
		    vs->n + 1, sizeof(*nn), 16);
		if (nn == NULL) {
			return (size_t)-1;
		}
		vs->nodes = nn;
	}
	nn = &vs->nodes[vs->n];
	memset(nn, 0, sizeof(*nn));
	nn->c = c;
	certshow__signode_init(&nn->sgn, c);
	nn->owned = owned;
	nn->anchor = anchor;
	if (node_norm(nn) != 0) {
		free(nn->sn);
		free(nn->in);
		return (size_t)-1;
	}
	return vs->n++;
}

static bool
same_der(const struct certshow_cert *a, const struct certshow_cert *b)
{
	return a->der_len == b->der_len &&
	    memcmp(a->der, b->der, a->der_len) == 0;
}

/* Node of trust anchor `ti`, decoding it on first use. */
static size_t
anchor_node(struct vstate *vs, size_t ti)
{
	const struct certshow__anchor *a = &vs->trust->a[ti];
	struct certshow_cert *c;
	size_t idx;
	char err[CERTSHOW__ERRBUF];
	int code;

	if (vs->anchor_node[ti] != 0) {
		return vs->anchor_node[ti] - 1;
	}
	/* A malformed anchor is skipped; keep the caller's error state. */
	memcpy(err, vs->ctx->err, sizeof(err));
	code = vs->ctx->err_code;
	if (certshow__cert_new(vs->ctx, &c, a->der, a->len, a->source,
	    a->index) != 0) {
		memcpy(vs->ctx->err, err, sizeof(err));
		vs->ctx->err_code = code;
		return (size_t)-1;
	}
	idx = add_node(vs, c, c, true);
	if (idx == (size_t)-1) {
		certshow_cert_free(c);
		vs->oom = true;
		return idx;
	}
	vs->nodes[idx].program = a->program;
	vs->anchor_node[ti] = idx + 1;
	return idx;
}

/* ------------------------------------------------------------------ */
/* Signatures                                                           */
/* ------------------------------------------------------------------ */

static int
sig_grow(struct vstate *vs)
{
	struct sigent *old = vs->sig, *nt;
	size_t oldcap = vs->sig_cap, cap, i, h;

	/* Doubling from 256 keeps the size a power of two. */
	if (certshow__grow_cap(oldcap, oldcap + 1, sizeof(*nt), 256,
	    &cap) != 0) {
		return -1;
	}
	nt = calloc(cap, sizeof(*nt));
	if (nt == NULL) {
		return -1;
	}
	for (i = 0; i < oldcap; i++) {
		if (old[i].child == 0) {
			continue;
		}
		h = (old[i].child * 2654435761u ^ old[i].issuer) & (cap - 1);
		while (nt[h].child != 0) {
			h = (h + 1) & (cap - 1);
		}
		nt[h] = old[i];
	}
	free(old);
	vs->sig = nt;
	vs->sig_cap = cap;
	return 0;
}

/* 1 verified, 0 not, -1 budget exhausted. */
static int
check_sig(struct vstate *vs, size_t child, size_t issuer)
{
	uint32_t c = (uint32_t)child + 1, i = (uint32_t)issuer + 1;
	size_t h;
	bool ok;

	/* RFC 5280 6.1.4 (f): a DSA key without parameters takes them from
	 * above, so its signatures are checked per complete path in
	 * check_inherited_sigs(). */
	if (certshow__dsa_no_params(vs->nodes[issuer].c)) {
		return 1;
	}
	if (vs->sig_cap != 0) {
		h = (c * 2654435761u ^ i) & (vs->sig_cap - 1);
		while (vs->sig[h].child != 0) {
			if (vs->sig[h].child == c && vs->sig[h].issuer == i) {
				return vs->sig[h].ok;
			}
			h = (h + 1) & (vs->sig_cap - 1);
		}
	}
	if (vs->work >= vs->work_limit) {
		vs->stop = true;
		return -1;
	}
	vs->work++;
	ok = certshow__sig_check(vs->ctx, &vs->nodes[issuer].sgn,
	    &vs->nodes[child].sgn) == 1;
	if ((vs->sig_n + 1) * 2 > vs->sig_cap && sig_grow(vs) != 0) {
		vs->oom = true;
		return ok ? 1 : 0;
	}
	h = (c * 2654435761u ^ i) & (vs->sig_cap - 1);
	while (vs->sig[h].child != 0) {
		h = (h + 1) & (vs->sig_cap - 1);
	}
	vs->sig[h].child = c;
	vs->sig[h].issuer = i;
	vs->sig[h].ok = ok ? 1 : 0;
	vs->sig_n++;
	return ok ? 1 : 0;
}

/* ------------------------------------------------------------------ */
/* Name constraints (RFC 5280 4.2.1.10, 6.1.3 (b)-(c))                  */
/* ------------------------------------------------------------------ */

static int
lc(int c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

static bool
ieq(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i;

	if (alen != blen) {
		return false;
	}
	for (i = 0; i < alen; i++) {
		if (lc((unsigned char)a[i]) != lc((unsigned char)b[i])) {
			return false;
		}
	}
	return true;
}

/* `name` equals `dom` or is inside it (ends with "." dom). */
static bool
dns_within(const char *name, size_t nlen, const char *dom, size_t dlen)
{
	if (dlen == 0) {
		return true;
	}
	if (ieq(name, nlen, dom, dlen)) {
		return true;
	}
	return nlen > dlen && name[nlen - dlen - 1] == '.' &&
	    ieq(name + nlen - dlen, dlen, dom, dlen);
}

static size_t
strip_dot(const char *p, size_t len)
{
	return (len > 0 && p[len - 1] == '.') ? len - 1 : len;
}

static bool
nc_dns_valid(const struct certshow__gname *g)
{
	/* A dNSName constraint is a DNS name: no wildcard, no leading
	 * period (RFC 5280 4.2.1.10 only allows that for URIs and
	 * mailboxes). The empty name matches everything. */
	return g->len == 0 ||
	    certshow__dns_valid((const char *)g->value, g->len, false);
}

static bool
mask_ok(const uint8_t *m, size_t n)
{
	size_t i;
	bool zero = false;
	int b;

	for (i = 0; i < n; i++) {
		for (b = 7; b >= 0; b--) {
			if (m[i] & (1u << b)) {
				if (zero) {
					return false;
				}
			} else {
				zero = true;
			}
		}
	}
	return true;
}

static bool
nc_ip_valid(const struct certshow__gname *g)
{
	return (g->len == 8 || g->len == 32) && mask_ok(g->value + g->len / 2,
	    g->len / 2);
}

static bool
nc_email_valid(const struct certshow__gname *g)
{
	const char *p = (const char *)g->value;
	size_t at;

	if (g->len == 0) {
		return false;
	}
	if (memchr(p, '@', g->len) != NULL) {
		return certshow__email_split(p, g->len, &at) &&
		    certshow__dns_valid(p + at + 1, g->len - at - 1, false);
	}
	if (p[0] == '.') {
		return certshow__dns_valid(p + 1, g->len - 1, false);
	}
	return certshow__dns_valid(p, g->len, false);
}

static bool
nc_uri_valid(const struct certshow__gname *g)
{
	const char *p = (const char *)g->value;

	if (g->len == 0) {
		return false;
	}
	if (p[0] == '.') {
		return certshow__dns_valid(p + 1, g->len - 1, false);
	}
	return certshow__dns_valid(p, g->len, false);
}

static bool
email_match(const char *name, size_t nlen, const struct certshow__gname *g)
{
	const char *cp = (const char *)g->value;
	size_t at, cat;

	if (!certshow__email_split(name, nlen, &at)) {
		return false;
	}
	if (memchr(cp, '@', g->len) != NULL) {
		/* A particular mailbox: local part exact, host folded. */
		if (!certshow__email_split(cp, g->len, &cat) || cat != at) {
			return false;
		}
		return memcmp(cp, name, at) == 0 &&
		    ieq(cp + at, g->len - at, name + at, nlen - at);
	}
	if (g->len > 0 && cp[0] == '.') {
		/* Any host inside the domain (not the domain itself). */
		return nlen - at - 1 > g->len - 1 &&
		    dns_within(name + at + 1, nlen - at - 1, cp + 1,
		    g->len - 1) && !ieq(name + at + 1, nlen - at - 1, cp + 1,
		    g->len - 1);
	}
	return ieq(name + at + 1, nlen - at - 1, cp, g->len);
}

/* Host of a URI "scheme://[userinfo@]host[:port][/...]", or false. */
static bool
uri_host(const char *u, size_t len, const char **host, size_t *hlen)
{
	const char *p = memchr(u, ':', len), *end = u + len, *h, *q;

	if (p == NULL || (size_t)(end - p) < 3 || p[1] != '/' || p[2] != '/') {
		return false;
	}
	h = p + 3;
	for (q = h; q < end && *q != '/' && *q != '?' && *q != '#'; q++) {
	}
	end = q;
	for (q = h; q < end; q++) {
		if (*q == '@') {
			h = q + 1;
		}
	}
	if (h < end && *h == '[') {
		return false; /* IP literal: not a host name constraint */
	}
	for (q = h; q < end && *q != ':'; q++) {
	}
	if (q == h) {
		return false;
	}
	*host = h;
	*hlen = (size_t)(q - h);
	return true;
}

static bool
uri_match(const char *host, size_t hlen, const struct certshow__gname *g)
{
	const char *cp = (const char *)g->value;

	if (g->len > 0 && cp[0] == '.') {
		return hlen > g->len - 1 && dns_within(host, hlen, cp + 1,
		    g->len - 1) && !ieq(host, hlen, cp + 1, g->len - 1);
	}
	return ieq(host, hlen, cp, g->len);
}

static bool
ip_match(const uint8_t *ip, size_t len, const struct certshow__gname *g)
{
	size_t i;

	if (g->len != 2 * len) {
		return false;
	}
	for (i = 0; i < len; i++) {
		if ((ip[i] & g->value[len + i]) !=
		    (g->value[i] & g->value[len + i])) {
			return false;
		}
	}
	return true;
}

/* How a DNS name relates to one constraint. Wildcards are handled
 * defensively (CVE-2025-61727): "*.S" is inside C when every name it
 * can match is, and touches C when any name it can match might be. */
static bool
dns_in(const char *n, size_t nlen, const char *c, size_t clen, bool excluded)
{
	if (nlen >= 2 && n[0] == '*' && n[1] == '.') {
		const char *s = n + 2;
		size_t slen = nlen - 2;

		if (dns_within(s, slen, c, clen)) {
			return true;
		}
		/* An excluded subtree strictly below S can be reached by
		 * the wildcard's single label. */
		return excluded && clen > slen && dns_within(c, clen, s, slen);
	}
	return dns_within(n, nlen, c, clen);
}

enum nkind { NK_DNS, NK_IP, NK_EMAIL, NK_DIR, NK_URI, NK_OTHER };

struct nc_name {
	enum nkind kind;
	enum certshow_gn_type gtype;  /* for NK_OTHER */
	const char *p;
	size_t len;
	const struct certshow_name *dn;
	bool valid;
	const char *what;             /* for messages */
};

static bool
gtype_of_kind(enum nkind k, enum certshow_gn_type t, enum certshow_gn_type g)
{
	switch (k) {
	case NK_DNS:
		return g == CERTSHOW_GN_DNS;
	case NK_IP:
		return g == CERTSHOW_GN_IP;
	case NK_EMAIL:
		return g == CERTSHOW_GN_EMAIL;
	case NK_DIR:
		return g == CERTSHOW_GN_DIRNAME;
	case NK_URI:
		return g == CERTSHOW_GN_URI;
	case NK_OTHER:
		return g == t;
	}
	return false;
}

/* Does name `nm` fall in constraint `g` (same type)? */
static bool
nc_hit(const struct nc_name *nm, const struct certshow__gname *g,
    bool excluded)
{
	const char *host;
	size_t hlen;
	int r;

	switch (nm->kind) {
	case NK_DNS:
		return dns_in(nm->p, strip_dot(nm->p, nm->len),
		    (const char *)g->value, strip_dot((const char *)g->value,
		    g->len), excluded);
	case NK_IP:
		return ip_match((const uint8_t *)nm->p, nm->len, g);
	case NK_EMAIL:
		return email_match(nm->p, nm->len, g);
	case NK_DIR:
		/* names.c's one comparison (RFC 5280 7.1); a name that
		 * cannot be normalized is excluded and not permitted. */
		if (g->dirname == NULL || nm->dn->der == NULL ||
		    g->dirname->der == NULL) {
			return excluded;
		}
		r = certshow__name_within(nm->dn->der, nm->dn->der_len,
		    g->dirname->der, g->dirname->der_len);
		return r < 0 ? excluded : r == 1;
	case NK_URI:
		return uri_host(nm->p, nm->len, &host, &hlen) &&
		    uri_match(host, hlen, g);
	case NK_OTHER:
		/* Forms we cannot compare: a name of a constrained form is
		 * treated as excluded and as not permitted (RFC 5280
		 * 4.2.1.10: reject what cannot be processed). */
		return excluded;
	}
	return false;
}

static void
nc_check_name(struct eval *e, size_t ca, size_t j, const struct nc_name *nm)
{
	const struct certshow_cert *c = cert_at(e, ca);
	size_t k;
	bool any_perm = false, ok = false;

	if (e->nc_limited) {
		return;
	}
	e->nc_work += c->n_nc_permitted + c->n_nc_excluded;
	if (e->nc_work > NC_WORK_LIMIT) {
		e->nc_limited = true;
		prob(e, ca, CERTSHOW_V_WORK_LIMIT, "has more name constraints "
		    "than can be checked against the names below it");
		return;
	}
	for (k = 0; k < c->n_nc_excluded; k++) {
		const struct certshow__gname *g = &c->nc_excluded[k];

		if (!gtype_of_kind(nm->kind, nm->gtype, g->type)) {
			continue;
		}
		if (!nm->valid || nc_hit(nm, g, true)) {
			prob(e, j, CERTSHOW_V_NAME_CONSTRAINTS, "%s %s is "
			    "excluded by the name constraints of certificate "
			    "%zu", nm->what, nm->valid ? "name" :
			    "(malformed) name", ca);
			return;
		}
	}
	for (k = 0; k < c->n_nc_permitted; k++) {
		const struct certshow__gname *g = &c->nc_permitted[k];

		if (!gtype_of_kind(nm->kind, nm->gtype, g->type)) {
			continue;
		}
		any_perm = true;
		if (nm->valid && nm->kind != NK_OTHER && nc_hit(nm, g, false)) {
			ok = true;
			break;
		}
	}
	if (any_perm && !ok) {
		prob(e, j, CERTSHOW_V_NAME_CONSTRAINTS, "%s name is outside the "
		    "permitted subtrees of certificate %zu", nm->what, ca);
	}
}

static bool
cn_is_host(const struct certshow__ava *a)
{
	return strcmp(a->oid, OID_CN) == 0 && memchr(a->value.p, '.',
	    a->value.len) != NULL && certshow__dns_valid(a->value.p,
	    a->value.len, true);
}

/* The subject of certificate j and the email addresses in it. */
static void
nc_check_subject(struct eval *e, size_t ca, size_t j)
{
	const struct certshow_cert *c = cert_at(e, j);
	struct nc_name nm;
	size_t i, k, at;

	if (c->subject.n == 0) {
		return;
	}
	memset(&nm, 0, sizeof(nm));
	nm.kind = NK_DIR;
	nm.dn = &c->subject;
	nm.valid = true;
	nm.what = "the subject";
	nc_check_name(e, ca, j, &nm);
	/* Email addresses in the subject (RFC 5280 4.2.1.10). */
	for (i = 0; i < c->subject.n; i++) {
		for (k = 0; k < c->subject.rdns[i].n; k++) {
			const struct certshow__ava *a =
			    &c->subject.rdns[i].avas[k];

			if (strcmp(a->oid, OID_EMAIL_ATTR) != 0) {
				continue;
			}
			memset(&nm, 0, sizeof(nm));
			nm.kind = NK_EMAIL;
			nm.p = a->value.p;
			nm.len = a->value.len;
			nm.valid = certshow__email_split(nm.p, nm.len, &at);
			nm.what = "the subject email address";
			nc_check_name(e, ca, j, &nm);
		}
	}
}

/* Describes subjectAltName g as a name to check; nm was zeroed and
 * holds g's value. */
static void
nc_san_name(const struct certshow__gname *g, struct nc_name *nm)
{
	size_t at;

	switch (g->type) {
	case CERTSHOW_GN_DNS:
		nm->kind = NK_DNS;
		nm->valid = certshow__dns_valid(nm->p, nm->len, true);
		nm->what = "the DNS subjectAltName";
		break;
	case CERTSHOW_GN_IP:
		nm->kind = NK_IP;
		nm->valid = g->len == 4 || g->len == 16;
		nm->what = "the IP address subjectAltName";
		break;
	case CERTSHOW_GN_EMAIL:
		nm->kind = NK_EMAIL;
		nm->valid = certshow__email_split(nm->p, nm->len, &at);
		nm->what = "the email subjectAltName";
		break;
	case CERTSHOW_GN_DIRNAME:
		nm->kind = NK_DIR;
		nm->dn = g->dirname;
		nm->valid = g->dirname != NULL;
		nm->what = "the directoryName subjectAltName";
		break;
	case CERTSHOW_GN_URI:
		nm->kind = NK_URI;
		nm->what = "the URI subjectAltName";
		break;
	default:
		nm->kind = NK_OTHER;
		nm->gtype = g->type;
		nm->what = "an unsupported subjectAltName form's";
		break;
	}
}

/* A host-like common name of certificate j without a subjectAltName. */
static void
nc_check_cn(struct eval *e, size_t ca, size_t j)
{
	const struct certshow_cert *c = cert_at(e, j);
	struct nc_name nm;
	size_t i, k;

	/* Without a subjectAltName extension, a CN that looks like a host
	 * name is constrained as a DNS name (it is the name a legacy
	 * client would match). When a SAN is present the CN is not a name
	 * of the certificate for a relying party (RFC 9525 6.3; Chromium,
	 * Go, rustls-webpki): it is neither matched nor constrained. */
	if (c->has_san) {
		return;
	}
	for (i = 0; i < c->subject.n; i++) {
		for (k = 0; k < c->subject.rdns[i].n; k++) {
			const struct certshow__ava *a =
			    &c->subject.rdns[i].avas[k];

			if (!cn_is_host(a)) {
				continue;
			}
			memset(&nm, 0, sizeof(nm));
			nm.kind = NK_DNS;
			nm.p = a->value.p;
			nm.len = a->value.len;
			nm.valid = true;
			nm.what = "the subject common name";
			nc_check_name(e, ca, j, &nm);
		}
	}
}

/* Check every name of certificate j against the constraints of CA ca. */
static void
nc_check_cert(struct eval *e, size_t ca, size_t j)
{
	const struct certshow_cert *c = cert_at(e, j);
	struct nc_name nm;
	size_t i;

	nc_check_subject(e, ca, j);
	for (i = 0; i < c->n_san; i++) {
		const struct certshow__gname *g = &c->san[i];

		memset(&nm, 0, sizeof(nm));
		nm.p = (const char *)g->value;
		nm.len = g->len;
		nm.valid = true;
		nc_san_name(g, &nm);
		nc_check_name(e, ca, j, &nm);
	}
	nc_check_cn(e, ca, j);
}

/* The constraints of certificate ca themselves. */
static void
nc_check_self(struct eval *e, size_t ca)
{
	const struct certshow_cert *c = cert_at(e, ca);
	const struct certshow__ext *x = find_ext(c, OID_EXT_NC);
	size_t k, t;

	if (x == NULL) {
		return;
	}
	if (!x->critical && !e->vs->webpki) {
		/* RFC 5280 4.2.1.10 tells the issuer to mark it critical;
		 * the constraints are enforced either way. The CA/B Forum
		 * allows a non-critical one (BR 7.1.2.5.2). */
		note(e, ca, "has a non-critical nameConstraints extension "
		    "(RFC 5280 4.2.1.10, a rule for the issuer; enforced)");
	}
	if (c->n_nc_permitted == 0 && c->n_nc_excluded == 0) {
		prob(e, ca, CERTSHOW_V_MALFORMED, "has a nameConstraints "
		    "extension with no subtrees");
	}
	for (t = 0; t < 2; t++) {
		size_t n = t ? c->n_nc_excluded : c->n_nc_permitted;
		const struct certshow__gname *v = t ? c->nc_excluded :
		    c->nc_permitted;

		for (k = 0; k < n; k++) {
			bool ok = true;

			switch (v[k].type) {
			case CERTSHOW_GN_DNS:
				ok = nc_dns_valid(&v[k]);
				break;
			case CERTSHOW_GN_IP:
				ok = nc_ip_valid(&v[k]);
				break;
			case CERTSHOW_GN_EMAIL:
				ok = nc_email_valid(&v[k]);
				break;
			case CERTSHOW_GN_URI:
				ok = nc_uri_valid(&v[k]);
				break;
			default:
				break;
			}
			if (!ok) {
				prob(e, ca, CERTSHOW_V_NAME_CONSTRAINTS,
				    "has a malformed %s name constraint",
				    t ? "excluded" : "permitted");
			}
		}
	}
}

/* ------------------------------------------------------------------ */
/* Profile checks of one certificate                                    */
/* ------------------------------------------------------------------ */

static bool
sig_insecure(const char *oid, bool webpki)
{
	static const char *const broken[] = {
		"1.2.840.113549.1.1.2",  /* md2WithRSAEncryption */
		"1.2.840.113549.1.1.3",  /* md4WithRSAEncryption */
		"1.2.840.113549.1.1.4",  /* md5WithRSAEncryption */
		"1.3.14.3.2.3",          /* md5WithRSA (OIW) */
	};
	static const char *const webpki_ok[] = {
		"1.2.840.113549.1.1.11", /* sha256WithRSAEncryption */
		"1.2.840.113549.1.1.12", /* sha384WithRSAEncryption */
		"1.2.840.113549.1.1.13", /* sha512WithRSAEncryption */
		"1.2.840.113549.1.1.10", /* RSASSA-PSS */
		"1.2.840.10045.4.3.2",   /* ecdsa-with-SHA256 */
		"1.2.840.10045.4.3.3",   /* ecdsa-with-SHA384 */
		"1.2.840.10045.4.3.4",   /* ecdsa-with-SHA512 */
	};
	size_t i;

	if (oid == NULL) {
		return true;
	}
	for (i = 0; i < sizeof(broken) / sizeof(broken[0]); i++) {
		if (strcmp(oid, broken[i]) == 0) {
			return true;
		}
	}
	if (!webpki) {
		return false;
	}
	/* CA/B BR 7.1.3.2: only these; SHA-1 among the refused. */
	for (i = 0; i < sizeof(webpki_ok) / sizeof(webpki_ok[0]); i++) {
		if (strcmp(oid, webpki_ok[i]) == 0) {
			return false;
		}
	}
	return true;
}

static void
check_key(struct eval *e, size_t i)
{
	const struct certshow_cert *c = cert_at(e, i);
	const char *alg = c->key_alg != NULL ? c->key_alg : "unknown";

	if (strcmp(alg, "RSA") == 0) {
		if (e->vs->webpki && (c->key_bits < 2048 ||
		    c->key_bits % 8 != 0)) {
			/* CA/B BR 6.1.5: at least 2048 bits, a multiple of
			 * 8. */
			prob(e, i, CERTSHOW_V_WEAK_KEY, "has a %u-bit RSA key "
			    "(at least 2048 bits, a multiple of 8, required)",
			    c->key_bits);
		} else if (!e->vs->webpki && c->key_bits < 1024) {
			prob(e, i, CERTSHOW_V_WEAK_KEY, "has a %u-bit RSA key",
			    c->key_bits);
		}
		return;
	}
	if (!e->vs->webpki) {
		return;
	}
	if (strcmp(alg, "EC") == 0) {
		if (c->key_curve != NULL && (strcmp(c->key_curve, "P-256") == 0 ||
		    strcmp(c->key_curve, "P-384") == 0 ||
		    strcmp(c->key_curve, "P-521") == 0)) {
			return;
		}
		/* BR 7.1.3.1.2: named curves P-256, P-384, P-521 only. */
		prob(e, i, CERTSHOW_V_WEAK_KEY, "has an EC key on %s, not "
		    "permitted by the webpki profile", c->key_curve != NULL ?
		    c->key_curve : "explicit or unknown curve parameters");
		return;
	}
	prob(e, i, CERTSHOW_V_WEAK_KEY, "has a %s key, not permitted by the "
	    "webpki profile", alg);
}

/* RFC 5280 4.1.2.2: a positive integer of at most 20 octets. */
static bool
serial_ok(const struct certshow_cert *c, const char **why)
{
	if (c->problems & CERTSHOW__PROB_SERIAL_NEGATIVE) {
		*why = "has a negative serial number";
		return false;
	}
	if (c->problems & CERTSHOW__PROB_SERIAL_ZERO) {
		*why = "has serial number zero";
		return false;
	}
	if (c->problems & CERTSHOW__PROB_SERIAL_LONG) {
		*why = "has a serial number longer than 20 octets";
		return false;
	}
	return true;
}

/*
 * Trust anchors. RFC 5280 6.1.1 (d) takes a name and a key from an
 * anchor; browsers, Go, rustls-webpki and pyca/cryptography trust the
 * anchors of their root stores that way and enforce only the
 * constraints an anchor carries. So on every anchor we enforce what
 * constrains the paths below it (validity, basicConstraints cA and
 * pathLenConstraint, keyUsage, extKeyUsage, name constraints, unknown
 * critical extensions, key strength) and not how it was encoded:
 * criticality flags, presence and form of key identifiers, an empty
 * issuer, serial number, version and its own signature algorithm are
 * issuance rules. The exception is the webpki profile on an anchor the
 * caller configured (a file, a directory, a chain): no root program has
 * reviewed it, so it must be a conforming CA/B root (BR 7.1.2.1). A
 * root-program anchor (the system store) was accepted as it is by that
 * program, legacy encodings included (Go Daddy Class 2's non-critical
 * basicConstraints, QuoVadis Root CA 2's authorityCertIssuer, TWCA
 * Global Root CA's missing subjectKeyIdentifier).
 */
static bool
anchor_exempt(const struct eval *e, size_t i, bool is_anchor)
{
	return is_anchor && e->vs->nodes[e->p[i]].program;
}

/* The CA/B root profile applies to anchor i (see above). */
static bool
anchor_judged(const struct eval *e, size_t i)
{
	return e->vs->webpki && !e->vs->nodes[e->p[i]].program;
}

/* Validity period against the verification time (RFC 5280 4.1.2.5). */
static void
check_validity(struct eval *e, size_t i)
{
	const struct certshow_cert *c = cert_at(e, i);
	char tb[40], sp[40];

	/* Validity, inclusive at both ends (RFC 5280 4.1.2.5). */
	if (e->vs->now > c->not_after) {
		fmt_time(c->not_after, tb, sizeof(tb));
		fmt_span(e->vs->now - c->not_after, sp, sizeof(sp));
		prob(e, i, CERTSHOW_V_EXPIRED, "expired %s, %s before the "
		    "verification time", tb, sp);
	}
	if (e->vs->now < c->not_before) {
		fmt_time(c->not_before, tb, sizeof(tb));
		fmt_span(c->not_before - e->vs->now, sp, sizeof(sp));
		prob(e, i, CERTSHOW_V_NOT_YET_VALID, "is not valid before %s, "
		    "%s after the verification time", tb, sp);
	}
}

/* Encoding problems the decoder recorded, unknown critical extensions. */
static void
check_encoding(struct eval *e, size_t i)
{
	const struct certshow_cert *c = cert_at(e, i);
	size_t k;

	/* Problems the decoder recorded (the certificate loaded, but it
	 * violates RFC 5280's encoding rules). Serial number rules are for
	 * issued certificates, not for anchors. */
	if (c->problems & (CERTSHOW__PROB_BAD_EXTENSION |
	    CERTSHOW__PROB_EXT_ENCODING | CERTSHOW__PROB_VERSION |
	    CERTSHOW__PROB_BAD_KEY)) {
		prob(e, i, CERTSHOW_V_MALFORMED, "is malformed: %s",
		    c->ext_error != NULL ? c->ext_error : "(no detail)");
	}
	if (c->dup_ext || (c->problems & CERTSHOW__PROB_DUP_EXTENSION)) {
		prob(e, i, CERTSHOW_V_MALFORMED, "has an extension twice "
		    "(RFC 5280 4.2)");
	}
	if (c->sig_alg_mismatch) {
		prob(e, i, CERTSHOW_V_MALFORMED, "has different signature "
		    "algorithms inside and outside the signed part "
		    "(RFC 5280 4.1.1.2)");
	}
	if (c->version < 3 && c->n_ext > 0) {
		prob(e, i, CERTSHOW_V_MALFORMED, "is version %d but has "
		    "extensions", c->version);
	}
	/* RFC 5280 4.2: the decoder's table (ext.c) says which
	 * extensions are understood; the verifier has no list of its own. */
	if (c->problems & CERTSHOW__PROB_UNKNOWN_CRITICAL) {
		for (k = 0; k < c->n_ext; k++) {
			if (c->ext[k].critical &&
			    !certshow__ext_understood(c->ext[k].id)) {
				prob(e, i, CERTSHOW_V_UNKNOWN_CRITICAL, "has an "
				    "unsupported critical extension %s%s%s%s",
				    c->ext[k].oid, c->ext[k].name != NULL ?
				    " (" : "", c->ext[k].name != NULL ?
				    c->ext[k].name : "", c->ext[k].name !=
				    NULL ? ")" : "");
			}
		}
	}
}

/* Extensions whose criticality RFC 5280 fixes. */
static void
check_criticality(struct eval *e, size_t i, bool enc)
{
	const struct certshow_cert *c = cert_at(e, i);
	const struct certshow__ext *x;

	/* Extensions that MUST be non-critical (RFC 5280 4.2.1.1, 4.2.1.2,
	 * 4.2.2.1) or critical (4.2.1.11). */
	if (enc && (x = find_ext(c, OID_EXT_AKI)) != NULL && x->critical) {
		issuance(e, i, "has a critical authorityKeyIdentifier (RFC "
		    "5280 4.2.1.1)");
	}
	if (enc && (x = find_ext(c, OID_EXT_SKI)) != NULL && x->critical) {
		issuance(e, i, "has a critical subjectKeyIdentifier (RFC 5280 "
		    "4.2.1.2)");
	}
	if (enc && (x = find_ext(c, OID_EXT_AIA)) != NULL && x->critical) {
		issuance(e, i, "has a critical authorityInfoAccess (RFC 5280 "
		    "4.2.2.1)");
	}
	/* RFC 5280 4.2.1.11 tells the issuer to mark policyConstraints
	 * critical; 6.1 does not check it (PKITS 4.8.6, 4.12.2): a note in
	 * the rfc5280 profile. webpki: CA/B BR 7.1.2.2.1, as
	 * pyca/cryptography's WebPKI verifier enforces. */
	if (enc && (x = find_ext(c, OID_EXT_PC)) != NULL && !x->critical) {
		if (e->vs->webpki) {
			prob(e, i, CERTSHOW_V_MALFORMED, "has a non-critical "
			    "policyConstraints");
		} else {
			note(e, i, "has a non-critical policyConstraints (RFC "
			    "5280 4.2.1.11, a rule for the issuer)");
		}
	}
}

/* Issuer and subject names, subjectAltName presence and form. */
static void
check_name_fields(struct eval *e, size_t i, bool enc)
{
	const struct certshow_cert *c = cert_at(e, i);

	if (enc && c->issuer.n == 0) {
		prob(e, i, CERTSHOW_V_MALFORMED, "has an empty issuer name "
		    "(RFC 5280 4.1.2.4)");
	}
	/* RFC 5280 4.2.1.6: an empty subject needs a critical SAN; CA/B
	 * BR 7.1.2.7.12: otherwise the SAN is not critical. */
	if (c->subject.n == 0 && (!c->has_san || !c->san_critical)) {
		prob(e, i, CERTSHOW_V_MALFORMED, "has an empty subject without "
		    "a critical subjectAltName");
	} else if (enc && c->subject.n > 0 && c->has_san &&
	    c->san_critical && e->vs->webpki) {
		prob(e, i, CERTSHOW_V_MALFORMED, "has a critical "
		    "subjectAltName and a non-empty subject");
	}
	if (c->has_san && c->n_san == 0) {
		prob(e, i, CERTSHOW_V_MALFORMED, "has an empty subjectAltName");
	}
}

/* basicConstraints, keyUsage and extKeyUsage consistency. */
static void
check_usage_fields(struct eval *e, size_t i)
{
	const struct certshow_cert *c = cert_at(e, i);

	/* RFC 5280 4.2.1.9: pathLenConstraint only with cA; keyCertSign
	 * only with cA (for an issuer, NOT_CA already says it). */
	if (c->has_bc && !c->bc_ca && c->bc_pathlen >= 0) {
		issuance(e, i, "has a pathLenConstraint without cA (RFC 5280 "
		    "4.2.1.9)");
	}
	/* Chromium rejects a leaf whose CA bits disagree; for RFC 5280
	 * it is the issuer's rule (4.2.1.9). */
	if (i == 0 && c->has_ku && (c->ku & CERTSHOW_KU_KEY_CERT_SIGN) &&
	    !(c->has_bc && c->bc_ca)) {
		prob(e, i, e->vs->webpki ? CERTSHOW_V_KEY_USAGE : 0,
		    "asserts keyCertSign but is not a CA (RFC 5280 "
		    "4.2.1.9)");
	}
	if (c->has_eku && c->eku.n == 0) {
		prob(e, i, CERTSHOW_V_MALFORMED, "has an empty "
		    "extKeyUsage");
	}
}

/* Issuance rules for a certificate that is not the anchor. */
static void
check_issued(struct eval *e, size_t i, bool is_anchor)
{
	const struct certshow_cert *c = cert_at(e, i);
	const char *why;

	/* RFC 5280 4.2.1.1: every certificate except a self-signed one
	 * names its issuer's key. An anchor is trusted as it is: its own
	 * issuer plays no part in the path. */
	if (!is_anchor && !e->vs->nodes[e->p[i]].self_issued &&
	    c->aki == NULL) {
		issuance(e, i, "has no authorityKeyIdentifier keyIdentifier "
		    "(RFC 5280 4.2.1.1)");
	}
	if (!is_anchor) {
		/* 4.1.2.2: certificate users handle these gracefully. */
		if (!serial_ok(c, &why)) {
			issuance(e, i, "%s (RFC 5280 4.1.2.2)", why);
		}
		if (e->vs->webpki && c->version != 3) {
			prob(e, i, CERTSHOW_V_MALFORMED, "is version %d, "
			    "not 3 (CA/B BR 7.1.1)", c->version);
		}
		if (sig_insecure(c->sig_oid, e->vs->webpki)) {
			prob(e, i, CERTSHOW_V_INSECURE_ALGORITHM, "is signed "
			    "with %s, which is %s", c->sig_name != NULL ?
			    c->sig_name : "an unknown algorithm",
			    e->vs->webpki ? "not permitted by the webpki "
			    "profile" : "insecure");
		}
	}
}

/* Structural rules that apply to a certificate wherever it sits. */
static void
check_cert_common(struct eval *e, size_t i, bool is_anchor)
{
	bool enc = !anchor_exempt(e, i, is_anchor);

	check_validity(e, i);
	check_encoding(e, i);
	check_criticality(e, i, enc);
	check_name_fields(e, i, enc);
	check_usage_fields(e, i);
	check_issued(e, i, is_anchor);
	check_key(e, i);
}

/* basicConstraints cA of an issuer and, when judged, its criticality. */
static void
check_issuer_ca(struct eval *e, size_t i, bool is_anchor, const char *why)
{
	const struct certshow_cert *c = cert_at(e, i);
	const struct certshow__ext *x;

	/* RFC 5280 6.1.4 (k); a version 1 anchor is a CA by trust. */
	if (!(c->has_bc && c->bc_ca) && !(is_anchor && c->version < 3)) {
		prob(e, i, CERTSHOW_V_NOT_CA, "is not a CA certificate "
		    "(basicConstraints cA is %s)", c->has_bc ? "false" :
		    "absent");
	} else if (c->has_bc && (!is_anchor || anchor_judged(e, i))) {
		/* Anchors: see anchor_exempt(). */
		x = find_ext(c, OID_EXT_BC);
		if (x != NULL && !x->critical && e->vs->webpki) {
			/* CA/B BR 7.1.2.1.4, 7.1.2.2.4, 7.1.2.3.4: as
			 * pyca/cryptography's WebPKI verifier enforces. */
			prob(e, i, CERTSHOW_V_MALFORMED, "is a CA with a "
			    "non-critical basicConstraints (RFC 5280 "
			    "4.2.1.9%s)", why);
		} else if (x != NULL && !x->critical) {
			/* RFC 5280 4.2.1.9 tells the issuer; 6.1.4 (k)
			 * only asks for cA (PKITS 4.6.4). */
			note(e, i, "is a CA with a non-critical "
			    "basicConstraints (RFC 5280 4.2.1.9, a rule for "
			    "the issuer)");
		}
	}
}

/* pathLenConstraint of issuer i against the path below it. */
static void
check_issuer_pathlen(struct eval *e, size_t i)
{
	const struct certshow_cert *c = cert_at(e, i);
	size_t k, below = 0;

	/* pathLenConstraint: intermediates below, self-issued ones not
	 * counted (RFC 5280 6.1.4 (l)-(m)). */
	if (c->has_bc && c->bc_ca && c->bc_pathlen >= 0) {
		for (k = 1; k < i; k++) {
			if (!e->vs->nodes[e->p[k]].self_issued) {
				below++;
			}
		}
		if (below > (size_t)c->bc_pathlen) {
			prob(e, i, CERTSHOW_V_PATH_LEN, "allows %d intermediate "
			    "CA%s below it but the path has %zu",
			    c->bc_pathlen, c->bc_pathlen == 1 ? "" : "s",
			    below);
		}
	}
}

/* extKeyUsage of issuer i against the purpose. */
static void
check_issuer_eku(struct eval *e, size_t i, bool is_anchor, const char *why)
{
	const struct certshow_cert *c = cert_at(e, i);

	/* Extended key usage of an issuer constrains the leaf (what
	 * browsers and GnuTLS do; RFC 5280 is silent). */
	if (c->has_eku && e->vs->purpose_oid != NULL) {
		if (is_anchor && anchor_judged(e, i)) {
			/* CA/B BR 7.1.2.1.2: a root has no extKeyUsage. A
			 * root-program anchor's EKU is a constraint. */
			prob(e, i, CERTSHOW_V_EXT_KEY_USAGE, "is a root with "
			    "an extKeyUsage extension (CA/B BR 7.1.2.1.2%s)",
			    why);
		} else if (!list_has(&c->eku, e->vs->purpose_oid) &&
		    !list_has(&c->eku, OID_ANY_EKU)) {
			prob(e, i, CERTSHOW_V_EXT_KEY_USAGE, "has an "
			    "extKeyUsage that does not include %s",
			    e->vs->purpose_oid);
		}
	}
}

/* authorityKeyIdentifier of a judged root (CA/B BR 7.1.2.1.3). */
static void
check_root_aki(struct eval *e, size_t i, bool is_anchor, const char *why)
{
	const struct certshow_cert *c = cert_at(e, i);

	/* CA/B BR 7.1.2.1.3: a root's AKI, if any, is just its key id. */
	if (is_anchor && anchor_judged(e, i) &&
	    e->vs->nodes[e->p[i]].self_issued &&
	    find_ext(c, OID_EXT_AKI) != NULL) {
		if (c->aki == NULL || c->has_aki_issuer ||
		    c->aki_serial != NULL) {
			prob(e, i, CERTSHOW_V_MALFORMED, "is a root whose "
			    "authorityKeyIdentifier %s (CA/B BR 7.1.2.1.3%s)",
			    c->aki == NULL ? "lacks the keyIdentifier" :
			    "names an issuer or serial", why);
		} else if (c->ski != NULL && c->aki != NULL &&
		    (c->ski_len != c->aki_len ||
		    memcmp(c->ski, c->aki, c->aki_len) != 0)) {
			prob(e, i, CERTSHOW_V_MALFORMED, "is a root whose "
			    "authorityKeyIdentifier differs from its "
			    "subjectKeyIdentifier (CA/B BR 7.1.2.1.3%s)", why);
		}
	}
}

/* Rules for a certificate that issues the one below it. */
static void
check_issuer(struct eval *e, size_t i, bool is_anchor)
{
	const struct certshow_cert *c = cert_at(e, i);
	/* Says why a configured anchor is judged (see anchor_exempt()). */
	const char *why = is_anchor ? "; the webpki profile holds anchors "
	    "that are not from a root program to the CA/B root profile" : "";

	check_issuer_ca(e, i, is_anchor, why);
	if (c->has_ku && !(c->ku & CERTSHOW_KU_KEY_CERT_SIGN)) {
		prob(e, i, CERTSHOW_V_KEY_USAGE, "has a keyUsage without "
		    "keyCertSign (RFC 5280 6.1.4 (n))");
	}
	if (c->subject.n == 0) {
		prob(e, i, CERTSHOW_V_MALFORMED, "is a CA with an empty "
		    "subject (RFC 5280 4.1.2.6)");
	}
	if (c->ski == NULL && !(is_anchor && (c->version < 3 ||
	    !anchor_judged(e, i)))) {
		issuance(e, i, "is a CA without a subjectKeyIdentifier (RFC "
		    "5280 4.2.1.2%s)", why);
	}
	check_issuer_pathlen(e, i);
	check_issuer_eku(e, i, is_anchor, why);
	nc_check_self(e, i);
	check_root_aki(e, i, is_anchor, why);
}

/* A CN that is meant as an IP address: contains ':' or parses the way
 * inet_aton() reads addresses (1 to 4 parts, decimal, octal or hex). */
static bool
cn_ip_like(const char *p, size_t len)
{
	size_t i = 0, parts = 0, digits;

	if (memchr(p, ':', len) != NULL) {
		return true;
	}
	while (i < len) {
		digits = 0;
		if (i + 1 < len && p[i] == '0' && (p[i + 1] == 'x' ||
		    p[i + 1] == 'X')) {
			i += 2;
			while (i < len && ((p[i] >= '0' && p[i] <= '9') ||
			    (lc((unsigned char)p[i]) >= 'a' &&
			    lc((unsigned char)p[i]) <= 'f'))) {
				i++;
				digits++;
			}
		} else {
			while (i < len && p[i] >= '0' && p[i] <= '9') {
				i++;
				digits++;
			}
		}
		if (digits == 0 || ++parts > 4) {
			return false;
		}
		if (i < len) {
			if (p[i] != '.') {
				return false;
			}
			i++;
		}
	}
	return parts > 0;
}

/* The CN, if any, should agree with the SANs (CA/B BR 7.1.4.3, an
 * issuance rule: a note, never a failure):
 * an address is the canonical text of an iPAddress SAN (dotted quad,
 * RFC 5952); a host name is a dNSName octet for octet, or the domain
 * of one (a CN of "example.com" over "*.example.com" is common and
 * harmless). A CN that is neither, or of a kind the SANs do not list,
 * is left alone. Matching itself never uses the CN when SANs are present. */
static void
check_cn_in_san(struct eval *e)
{
	const struct certshow_cert *c = cert_at(e, 0);
	size_t i, k, s;
	char ipbuf[64];

	for (i = 0; i < c->subject.n; i++) {
		for (k = 0; k < c->subject.rdns[i].n; k++) {
			const struct certshow__ava *a =
			    &c->subject.rdns[i].avas[k];
			const char *v = a->value.p;
			size_t vl = a->value.len;
			bool ip, found = false, kind = false;

			if (strcmp(a->oid, OID_CN) != 0) {
				continue;
			}
			ip = cn_ip_like(v, vl);
			if (!ip && (memchr(v, '.', vl) == NULL ||
			    memchr(v, ' ', vl) != NULL)) {
				continue;
			}
			for (s = 0; s < c->n_san && !found; s++) {
				const struct certshow__gname *g = &c->san[s];

				if (!ip && g->type == CERTSHOW_GN_DNS) {
					kind = true;
					found = (g->len == vl &&
					    memcmp(g->value, v, vl) == 0) ||
					    (g->len > vl + 1 &&
					    g->value[g->len - vl - 1] == '.' &&
					    memcmp(g->value + g->len - vl, v,
					    vl) == 0);
				} else if (ip && g->type == CERTSHOW_GN_IP) {
					kind = true;
					certshow__ip_format(g->value, g->len,
					    ipbuf, sizeof(ipbuf));
					found = strlen(ipbuf) == vl &&
					    memcmp(ipbuf, v, vl) == 0;
				}
			}
			/* Only a CN of a kind the SANs also name can
			 * disagree with them. */
			if (kind && !found) {
				note(e, 0, "has a common name that is not one "
				    "of its subjectAltNames (CA/B BR 7.1.4.3, a "
				    "rule for the issuer; the CN is not used)");
				return;
			}
		}
	}
}

static void
check_leaf(struct eval *e)
{
	const struct certshow_cert *c = cert_at(e, 0);
	const struct certshow_verify_opts *o = e->vs->o;
	const struct certshow__ext *x;
	const char *purpose = e->vs->purpose_oid;
	char why[300];
	unsigned need;

	if (c->has_nc && !(c->has_bc && c->bc_ca)) {
		issuance(e, 0, "is an end entity with a nameConstraints "
		    "extension (RFC 5280 4.2.1.10)");
	}
	if (e->vs->webpki && e->n > 1) {
		if (c->has_bc && c->bc_ca) {
			prob(e, 0, CERTSHOW_V_CA_LEAF, "is a CA certificate "
			    "used as the end entity (CA/B BR 7.1.2.7.8)");
		}
	}
	/* Extended key usage (RFC 5280 4.2.1.12). */
	if (purpose != NULL) {
		if (c->has_eku) {
			bool any = list_has(&c->eku, OID_ANY_EKU);

			if (e->vs->webpki && any) {
				prob(e, 0, CERTSHOW_V_EXT_KEY_USAGE, "lists "
				    "anyExtendedKeyUsage (CA/B BR 7.1.2.7.10)");
			} else if (!list_has(&c->eku, purpose) && !any) {
				prob(e, 0, CERTSHOW_V_EXT_KEY_USAGE, "has an "
				    "extKeyUsage that does not include %s",
				    purpose);
			}
			x = find_ext(c, OID_EXT_EKU);
			if (e->vs->webpki && x != NULL && x->critical) {
				prob(e, 0, CERTSHOW_V_MALFORMED, "has a "
				    "critical extKeyUsage (CA/B BR 7.1.2.7.6)");
			}
		} else if (e->vs->webpki && e->complete &&
		    e->vs->nodes[e->p[e->n - 1]].program) {
			/* Under a root program's anchor, as Chromium does
			 * for its root store (KeyPurpose::SERVER_AUTH_STRICT
			 * requires the EKU in the leaf). */
			prob(e, 0, CERTSHOW_V_EXT_KEY_USAGE, "has no "
			    "extKeyUsage (required under a root program's "
			    "anchor, CA/B BR 7.1.2.7.6)");
		} else {
			/* RFC 5280 4.2.1.12: no EKU, any purpose; what
			 * OpenSSL, GnuTLS, Python, Go and rustls-webpki
			 * decide for the anchors a user names. */
			note(e, 0, "has no extKeyUsage: any purpose under this "
			    "anchor (CA/B BR 7.1.2.7.6 requires one in "
			    "publicly trusted certificates)");
		}
	}
	/* Key usage for the purpose (RFC 5280 4.2.1.3; TLS: RFC 5246
	 * 7.4.2, RFC 8446 4.4.2.4). */
	if (c->has_ku && o->purpose != CERTSHOW_PURPOSE_ANY &&
	    o->purpose != CERTSHOW_PURPOSE_OID) {
		need = CERTSHOW_KU_DIGITAL_SIGNATURE | CERTSHOW_KU_KEY_AGREEMENT;
		if (o->purpose == CERTSHOW_PURPOSE_SERVER) {
			need |= CERTSHOW_KU_KEY_ENCIPHERMENT;
		}
		if ((c->ku & need) == 0) {
			prob(e, 0, CERTSHOW_V_KEY_USAGE, "has a keyUsage that "
			    "allows neither signatures nor key exchange");
		}
	}
	if (e->vs->webpki && o->purpose == CERTSHOW_PURPOSE_SERVER &&
	    !c->has_san) {
		prob(e, 0, CERTSHOW_V_MALFORMED, "has no "
		    "subjectAltName (CA/B BR 7.1.2.7.12)");
	} else if (o->purpose == CERTSHOW_PURPOSE_SERVER && c->has_san) {
		check_cn_in_san(e);
	}
	if (o->peer_kind != CERTSHOW_PEER_NONE &&
	    !certshow__peer_match(c, o->peer_kind, o->peer_name, !e->vs->webpki,
	    why, sizeof(why))) {
		prob_raw(e, 0, CERTSHOW_V_HOSTNAME_MISMATCH, "peer name "
		    "mismatch: %s", why);
	}
}

/* ------------------------------------------------------------------ */
/* Revocation (RFC 5280 6.3, CRLs given by the caller)                  */
/* ------------------------------------------------------------------ */

static int verify_run(struct certshow_ctx *ctx, struct certshow_result **out,
    const struct certshow_chain *fetched,
    const struct certshow_cert *leaf, const struct certshow_chain *chain,
    size_t chain_from, const struct certshow_chain *untrusted,
    const struct certshow_trust *trust,
    const struct certshow_verify_opts *opts, unsigned depth,
    unsigned *nest_budget);

/* The path element whose DSA parameters element i (a DSA key without
 * any) inherits: the nearest DSA key with parameters above it (RFC 5280
 * 6.1.4 (f)), or e->n when there is none. */
static size_t
dsa_params_at(const struct eval *e, size_t i)
{
	size_t j;

	for (j = i + 1; j < e->n && certshow__dsa_no_params(cert_at(e, j));
	    j++) {
	}
	return j < e->n && certshow__dsa_key(cert_at(e, j)) ? j : e->n;
}

/* The CRL's signature verifies with the key of node `signer` (each pair
 * checked once per call). */
static bool
crl_sig_ok(struct vstate *vs, size_t crl, size_t signer)
{
	const struct certshow__crl *r = &vs->o->crls->v[crl];
	struct crlsig *n;
	size_t k;
	bool ok;

	for (k = 0; k < vs->n_crlsig; k++) {
		if (vs->crlsig[k].crl == crl && vs->crlsig[k].node == signer) {
			return vs->crlsig[k].ok;
		}
	}
	ok = certshow__crl_verify_sig(r, vs->nodes[signer].c);
	if (vs->n_crlsig == vs->cap_crlsig) {
		n = certshow__grow(vs->crlsig, &vs->cap_crlsig,
		    vs->n_crlsig + 1, sizeof(*n), 8);
		if (n == NULL) {
			vs->oom = true;
			return ok;
		}
		vs->crlsig = n;
	}
	vs->crlsig[vs->n_crlsig].crl = crl;
	vs->crlsig[vs->n_crlsig].node = signer;
	vs->crlsig[vs->n_crlsig].ok = ok;
	vs->n_crlsig++;
	return ok;
}

/* CRL k's signature verifies with node cand's key. A DSA key without
 * parameters on this path uses those of the DSA key above it (RFC 5280
 * 6.1.4 (f)), known only on a complete path; off the path it verifies
 * nothing. */
static bool
crl_sig_verifies(struct eval *e, size_t k, size_t cand)
{
	const struct certshow__crl *r = &e->vs->o->crls->v[k];
	size_t is, j;

	if (!certshow__dsa_no_params(e->vs->nodes[cand].c)) {
		return crl_sig_ok(e->vs, k, cand);
	}
	for (is = 0; is < e->n && e->p[is] != cand; is++) {
	}
	if (is == e->n || !e->complete) {
		return false;
	}
	j = dsa_params_at(e, is);
	return j < e->n &&
	    certshow__sig_check_dsa_inherited(cert_at(e, is), cert_at(e, j),
	    r->sig_oid, r->tbs, r->tbs_len, r->sig, r->sig_len) == 1;
}

/* RFC 5280 6.3.3 (f): a CRL signer outside the path has its own path to
 * the same anchor, validated with the same options (revocation
 * included), without peer name or purpose. Cached per (signer, anchor);
 * nesting is bounded by MAX_CRL_NEST and the number of such validations
 * in one certshow_verify() call by MAX_CRL_SIGNER_PATHS (each has the
 * work limits of a call). */
#define MAX_CRL_NEST 3
#define MAX_CRL_SIGNER_PATHS 32
static bool
signer_path_ok(struct vstate *vs, size_t node, size_t anchor)
{
	struct certshow_verify_opts o = *vs->o;
	struct certshow_result *res = NULL;
	const struct certshow_cert *ac;
	struct signerpath *n;
	size_t k;
	bool ok = false;

	for (k = 0; k < vs->n_spath; k++) {
		if (vs->spath[k].node == node &&
		    vs->spath[k].anchor == anchor) {
			return vs->spath[k].ok;
		}
	}
	if (vs->depth + 1 < MAX_CRL_NEST && *vs->nest_budget > 0) {
		(*vs->nest_budget)--;
		o.peer_kind = CERTSHOW_PEER_NONE;
		o.peer_name = NULL;
		o.purpose = CERTSHOW_PURPOSE_ANY;
		o.purpose_oid = NULL;
		if (verify_run(vs->ctx, &res, vs->fetched,
		    vs->nodes[node].c, vs->chain, 0,
		    vs->untrusted, vs->trust, &o, vs->depth + 1,
		    vs->nest_budget) == 0 &&
		    res != NULL && res->n > 0) {
			ac = res->path[res->n - 1].cert;
			/* a CRL signer may well be a CA certificate */
			ok = (res->flags & ~CERTSHOW_V_CA_LEAF) == 0 &&
			    res->path[res->n - 1].anchor &&
			    same_der(ac, vs->nodes[anchor].c);
		}
		certshow_result_free(res);
	}
	if (vs->n_spath == vs->cap_spath) {
		n = certshow__grow(vs->spath, &vs->cap_spath,
		    vs->n_spath + 1, sizeof(*n), 4);
		if (n == NULL) {
			vs->oom = true;
			return ok;
		}
		vs->spath = n;
	}
	vs->spath[vs->n_spath].node = node;
	vs->spath[vs->n_spath].anchor = anchor;
	vs->spath[vs->n_spath].ok = ok;
	vs->n_spath++;
	return ok;
}

struct crl_arg {
	struct eval *e;
	size_t is;                    /* path position of the issuer */
};

/* The CRL's signature algorithm is one the profile accepts; else the
 * reason in why. */
static bool
crl_sig_alg_ok(const struct vstate *vs, const struct certshow__crl *r,
    char *why, size_t size)
{
	if (sig_insecure(r->sig_oid, vs->webpki)) {
		snprintf(why, size, "the CRL %s is signed with %s, which is %s",
		    r->name, r->sig_oid,
		    vs->webpki ? "not permitted by the webpki profile"
			       : "insecure");
		return false;
	}
	return true;
}

/* certshow__crl_signer_fn: find a signer of CRL k among the path's
 * issuer and the other certificates at hand (RFC 5280 6.3.3 (f), (g)). */
static int
crl_signer(void *arg, size_t k, char *why, size_t size)
{
	struct crl_arg *ca = arg;
	struct eval *e = ca->e;
	struct vstate *vs = e->vs;
	const struct certshow__crl *r = &vs->o->crls->v[k];
	size_t anchor = e->p[e->n - 1], order[2], i, j, cand, pass;
	const struct node *nd;
	bool in_path, found_key = false;

	why[0] = '\0';
	if (!crl_sig_alg_ok(vs, r, why, size)) {
		return 0;
	}
	/* The certificate's issuer first, then every other candidate. */
	order[0] = e->p[ca->is];
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < (pass == 0 ? 1 : vs->n); i++) {
			cand = pass == 0 ? order[0] : i;
			if (pass == 1 && cand == order[0]) {
				continue;
			}
			nd = &vs->nodes[cand];
			if (nd->sh != r->issuer_hash || !norm_eq(nd->sn,
			    nd->sn_len, r->issuer_norm, r->issuer_norm_len)) {
				continue;
			}
			if (r->aki != NULL && nd->c->ski != NULL &&
			    (r->aki_len != nd->c->ski_len || memcmp(r->aki,
			    nd->c->ski, r->aki_len) != 0)) {
				continue; /* another key of that name */
			}
			if (!crl_sig_verifies(e, k, cand)) {
				continue;
			}
			found_key = true;
			/* 6.3.3 (f): the signer's key may sign CRLs. */
			if (nd->c->has_ku && !(nd->c->ku &
			    CERTSHOW_KU_CRL_SIGN)) {
				snprintf(why, size, "the CRL %s is signed by "
				    "%.200s, whose keyUsage lacks cRLSign "
				    "(RFC 5280 6.3.3 (f))", r->name,
				    subj_str(nd->c));
				continue;
			}
			/* On this path, it is validated here. A CRL may
			 * cover its own signer (the checked certificate),
			 * when that one's keyUsage says cRLSign. */
			in_path = cand == e->p[ca->is - 1] && nd->c->has_ku;
			for (j = ca->is; j < e->n; j++) {
				in_path = in_path || e->p[j] == cand;
			}
			if (in_path) {
				return 1;
			}
			if (nd->anchor || !e->complete) {
				continue; /* another anchor's path */
			}
			if (signer_path_ok(vs, cand, anchor)) {
				return 1;
			}
			snprintf(why, size, "the CRL %s is signed by %.200s, "
			    "which has no valid path to the anchor of this "
			    "path (RFC 5280 6.3.3 (f))", r->name,
			    subj_str(nd->c));
		}
	}
	if (!found_key) {
		snprintf(why, size, "the CRL %s has a signature that no "
		    "certificate of its issuer verifies", r->name);
	} else if (why[0] == '\0') {
		/* Only signers that are anchors of their own, or a path that
		 * does not reach an anchor to validate the signer against. */
		snprintf(why, size, "the CRL %s is signed by a certificate "
		    "that has no valid path to the anchor of this path "
		    "(RFC 5280 6.3.3 (f))", r->name);
	}
	return 0;
}

/* Record what the CRLs said about path element i for the result
 * (certshow_result_revocation()); -1 when out of memory. */
static int
crl_facts(struct eval *e, size_t i, const struct certshow__crl_answer *a)
{
	struct certshow__rev *rv = &e->rev[i];
	char msg[400];

	certshow__rev_clear(rv);
	rv->source = CERTSHOW_REV_SOURCE_CRL;
	switch (a->status) {
	case CERTSHOW__CRL_REVOKED:
		rv->status = CERTSHOW_REV_REVOKED;
		rv->reason = a->entry->reason;
		rv->revoked_at = a->entry->date;
		rv->this_update = a->crl->this_update;
		rv->next_update = a->crl->has_next ? a->crl->next_update : -1;
		rv->url = xstrdup(a->crl->name);
		snprintf(msg, sizeof(msg), "CRL %.200s: revoked (%s)",
		    a->crl->name, certshow__crl_reason_name(a->entry->reason));
		break;
	case CERTSHOW__CRL_UNKNOWN:
		rv->status = CERTSHOW_REV_UNKNOWN;
		snprintf(msg, sizeof(msg), "CRL: %.300s", a->why);
		break;
	case CERTSHOW__CRL_GOOD:
	default:
		rv->status = CERTSHOW_REV_GOOD;
		snprintf(msg, sizeof(msg), "CRL: good (not listed)");
		break;
	}
	rv->message = strdup(msg);
	return rv->message == NULL || (rv->url == NULL &&
	    a->status == CERTSHOW__CRL_REVOKED) ? -1 : 0;
}

/* Revocation (RFC 5280 6.3): each certificate below the anchor (only
 * the leaf with CERTSHOW_CRL_CHECK_LEAF) needs CRLs that decide its
 * status: REVOKED when one lists it, REVOCATION_UNKNOWN when the usable
 * ones do not cover every reason. */
static void
check_revocation(struct eval *e)
{
	struct vstate *vs = e->vs;
	struct certshow__crl_query q;
	struct certshow__crl_answer a;
	struct crl_arg arg;
	char tb[40];
	size_t i, last;

	last = vs->o->crl_check == CERTSHOW_CRL_CHECK_LEAF ? 1 : e->n - 1;
	for (i = 0; i + 1 < e->n && i < last; i++) {
		const struct node *cn = &vs->nodes[e->p[i]];
		const struct certshow_cert *c = cn->c;

		arg.e = e;
		arg.is = i + 1;
		q.cert = c;
		q.issuer_norm = cn->in;
		q.issuer_norm_len = cn->in_len;
		q.now = vs->now;
		q.signer = crl_signer;
		q.arg = &arg;
		if (certshow__crl_check(vs->o->crls, &q, &a) != 0) {
			vs->oom = true;
			return;
		}
		if (e->rev != NULL && crl_facts(e, i, &a) != 0) {
			vs->oom = true;
			return;
		}
		if (a.status == CERTSHOW__CRL_REVOKED) {
			fmt_time(a.entry->date, tb, sizeof(tb));
			prob(e, i, CERTSHOW_V_REVOKED, "was revoked %s "
			    "(reason: %s): serial %s is on the %sCRL %s of "
			    "%.200s", tb,
			    certshow__crl_reason_name(a.entry->reason),
			    c->serial_hex != NULL ? c->serial_hex : "?",
			    a.delta ? "delta " : "", a.crl->name,
			    subj_str(cert_at(e, i + 1)));
		} else if (a.status == CERTSHOW__CRL_UNKNOWN) {
			prob(e, i, CERTSHOW_V_REVOCATION_UNKNOWN, "has an "
			    "unknown revocation status: %s", a.why);
		}
	}
}

/* Signatures made with DSA keys without parameters, checked per complete
 * path (check_sig() lets them through). */
static void
check_inherited_sigs(struct eval *e)
{
	const struct certshow_cert *c;
	size_t i, j;

	for (i = 1; i < e->n; i++) {
		if (!certshow__dsa_no_params(cert_at(e, i))) {
			continue;
		}
		j = dsa_params_at(e, i);
		c = cert_at(e, i - 1);
		e->vs->work++;
		if (j == e->n) {
			prob(e, i - 1, CERTSHOW_V_BAD_SIGNATURE, "is signed "
			    "with a DSA key without parameters, and no DSA "
			    "key above it has any (RFC 5280 6.1.4 (f))");
		} else if (certshow__sig_check_dsa_inherited(cert_at(e, i),
		    cert_at(e, j), c->sig_oid, c->tbs, c->tbs_len, c->sig,
		    c->sig_len) != 1) {
			prob(e, i - 1, CERTSHOW_V_BAD_SIGNATURE, "has a "
			    "signature that does not verify with its issuer's "
			    "DSA key and the parameters of certificate %zu "
			    "(RFC 5280 6.1.4 (f))", j);
		}
	}
}

/* Certificate policies of a complete path (policy.c: RFC 5280 6.1.3
 * (d)-(f), 6.1.4 (a), (b), (h)-(j), 6.1.5). */
static void
check_policy(struct eval *e)
{
	struct certshow__policy_cert pc[HARD_DEPTH + 1];
	struct certshow__policy_out own, *po = e->pol != NULL ? e->pol : &own;
	size_t i, n = e->n - 1, at;

	if (n == 0 || n > HARD_DEPTH) {
		return; /* the leaf is the anchor */
	}
	/* policy.c counts from the anchor down; the path is leaf first. */
	for (i = 0; i < n; i++) {
		pc[i].c = cert_at(e, n - 1 - i);
		pc[i].self_issued = e->vs->nodes[e->p[n - 1 - i]].self_issued;
	}
	if (certshow__policy_run(pc, n, &e->vs->pin, e->pol != NULL,
	    po) != 0) {
		e->vs->oom = true;
		return;
	}
	at = n - 1 - po->at;
	switch (po->status) {
	case CERTSHOW__POLICY_FAIL:
		prob(e, at, CERTSHOW_V_POLICY, "leaves no valid certificate "
		    "policy while an explicit policy is required (RFC 5280 "
		    "6.1.3 (f))");
		break;
	case CERTSHOW__POLICY_NONE_ACCEPTABLE:
		prob(e, at, CERTSHOW_V_POLICY, "ends a path whose certificate "
		    "policies include none of the acceptable ones while an "
		    "explicit policy is required (RFC 5280 6.1.5 (g))");
		break;
	case CERTSHOW__POLICY_ANY_MAPPED:
		prob(e, at, CERTSHOW_V_POLICY, "maps anyPolicy in its "
		    "policyMappings (RFC 5280 6.1.4 (a))");
		break;
	case CERTSHOW__POLICY_LIMIT:
		prob(e, at, CERTSHOW_V_POLICY_LIMIT, "makes policy processing "
		    "exceed its bounds (%d tree nodes and expected policies, "
		    "%lu comparisons); path rejected (CVE-2023-0464)",
		    CERTSHOW__POLICY_TREE_MAX, CERTSHOW__POLICY_WORK_MAX);
		break;
	case CERTSHOW__POLICY_OK:
	default:
		break;
	}
	if (po == &own) {
		certshow__policy_out_free(&own);
	}
}

/* Evaluate path p[0..n) (p[n-1] an anchor when complete). */
static void
evaluate(struct eval *e)
{
	struct vstate *vs = e->vs;
	size_t i, j, counted = 0;
	bool anchor;

	for (i = 0; i < e->n; i++) {
		anchor = e->complete && i == e->n - 1;
		check_cert_common(e, i, anchor);
		if (i > 0) {
			check_issuer(e, i, anchor);
		}
	}
	check_leaf(e);
	if (vs->o->crls != NULL) {
		check_revocation(e);
	}
	/* Name constraints of each CA apply to every certificate below
	 * it, except self-issued intermediates (RFC 5280 6.1.3 (b)). */
	for (i = 1; i < e->n; i++) {
		if (!cert_at(e, i)->has_nc) {
			continue;
		}
		for (j = 0; j < i; j++) {
			if (j > 0 && vs->nodes[e->p[j]].self_issued) {
				continue;
			}
			nc_check_cert(e, i, j);
		}
	}
	if (e->complete) {
		check_inherited_sigs(e);
	}
	if (e->complete && vs->policy) {
		check_policy(e);
	}
	if (e->complete && vs->max_depth != 0) {
		for (i = 0; i < e->n; i++) {
			if (i == 0 || i == e->n - 1 ||
			    !vs->nodes[e->p[i]].self_issued) {
				counted++;
			}
		}
		if (counted > vs->max_depth) {
			prob(e, e->n - 1, CERTSHOW_V_DEPTH, "ends a path of %zu "
			    "certificates, more than the maximum of %zu",
			    counted, vs->max_depth);
		}
	}
}

static uint32_t
eval_flags(struct vstate *vs, const size_t *p, size_t n, bool complete)
{
	struct eval e;

	memset(&e, 0, sizeof(e));
	e.vs = vs;
	e.p = p;
	e.n = n;
	e.complete = complete;
	evaluate(&e);
	return e.flags;
}

static unsigned
popcount(uint32_t v)
{
	unsigned n = 0;

	while (v != 0) {
		v &= v - 1;
		n++;
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* Path search                                                          */
/* ------------------------------------------------------------------ */

struct cand {
	size_t node;
	unsigned key;
};

static int
cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->key != y->key) {
		return x->key < y->key ? -1 : 1;
	}
	return x->node < y->node ? -1 : x->node > y->node;
}

static unsigned
cand_key(const struct vstate *vs, const struct node *child,
    const struct node *cand)
{
	const struct certshow_cert *c = child->c, *i = cand->c;
	unsigned key = 0;

	/* RFC 4158 3.5: matching key identifiers first, mismatching
	 * last; then candidates valid at the verification time, trust
	 * anchors (shorter paths), byte-identical names. */
	if (c->aki != NULL && i->ski != NULL) {
		if (c->aki_len != i->ski_len ||
		    memcmp(c->aki, i->ski, c->aki_len) != 0) {
			key |= 16;
		}
	} else {
		key |= 8;
	}
	if (vs->now < i->not_before || vs->now > i->not_after) {
		key |= 4;
	}
	if (!cand->anchor) {
		key |= 2;
	}
	if (c->issuer.der_len != i->subject.der_len ||
	    memcmp(c->issuer.der, i->subject.der, c->issuer.der_len) != 0) {
		key |= 1;
	}
	return key;
}

static void
save_partial(struct vstate *vs, size_t depth, enum top_reason why,
    size_t badsig)
{
	if (depth + 1 <= vs->part_len) {
		return;
	}
	memcpy(vs->part, vs->path, (depth + 1) * sizeof(*vs->path));
	vs->part_len = depth + 1;
	vs->part_reason = why;
	vs->part_badsig_issuer = badsig;
}

static void
consider_complete(struct vstate *vs, size_t len)
{
	uint32_t f;

	vs->completes++;
	f = eval_flags(vs, vs->path, len, true);
	if (f == 0) {
		memcpy(vs->best, vs->path, len * sizeof(*vs->path));
		vs->best_len = len;
		vs->best_flags = 0;
		vs->found = true;
		return;
	}
	if (vs->best_len == 0 || popcount(f) < popcount(vs->best_flags)) {
		memcpy(vs->best, vs->path, len * sizeof(*vs->path));
		vs->best_len = len;
		vs->best_flags = f;
	}
}

/* What the issuer search for one certificate met, to say why it ended. */
struct dead_end {
	size_t badsig;	/* first candidate whose signature failed */
	bool any_sig;	/* a candidate's signature verified */
	bool any_loop;	/* a candidate was already in the path */
};

/* Collects into cands the issuer candidates of node x: anchors by subject
 * (hash index), then intermediates; returns their count. */
static size_t
gather_cands(struct vstate *vs, size_t x, struct cand *cands)
{
	struct node *nx = &vs->nodes[x];
	size_t nc = 0, k, it, ti, idx;
	bool truncated = false;

	it = 0;
	while ((ti = certshow__trust_next(vs->trust, nx->in, nx->in_len,
	    nx->ih, &it)) != (size_t)-1) {
		idx = anchor_node(vs, ti);
		if (vs->oom) {
			return 0;
		}
		if (idx == (size_t)-1) {
			continue;
		}
		nx = &vs->nodes[x]; /* nodes may have moved */
		if (nc == CAND_CAP) {
			truncated = true;
			break;
		}
		cands[nc].node = idx;
		cands[nc].key = cand_key(vs, nx, &vs->nodes[idx]);
		nc++;
	}
	for (k = 0; k < vs->n; k++) {
		const struct node *cn = &vs->nodes[k];

		if (cn->anchor || cn->sh != nx->ih ||
		    !norm_eq(cn->sn, cn->sn_len, nx->in, nx->in_len)) {
			continue;
		}
		if (nc == CAND_CAP) {
			truncated = true;
			break;
		}
		cands[nc].node = k;
		cands[nc].key = cand_key(vs, nx, cn);
		nc++;
	}
	if (truncated) {
		vs->cuts++;
		vs->stop = true;
	}
	return nc;
}

static void dfs(struct vstate *vs, size_t depth);

/* Extends the path at depth with each candidate whose signature verifies,
 * best first, until a complete path is found. */
static void
try_cands(struct vstate *vs, size_t depth, const struct cand *cands,
    size_t nc, struct dead_end *de)
{
	size_t x = vs->path[depth], k;
	int rv;

	for (k = 0; k < nc && !vs->found; k++) {
		struct node *cn = &vs->nodes[cands[k].node];

		if (cn->in_path) {
			de->any_loop = true;
			vs->cuts++;
			continue;
		}
		if (cn->dead) {
			de->any_sig = true;
			continue;
		}
		rv = check_sig(vs, x, cands[k].node);
		if (rv < 0) {
			break;
		}
		if (rv == 0) {
			if (de->badsig == (size_t)-1) {
				de->badsig = cands[k].node;
			}
			continue;
		}
		de->any_sig = true;
		vs->path[depth + 1] = cands[k].node;
		cn->in_path = true;
		dfs(vs, depth + 1);
		vs->nodes[cands[k].node].in_path = false;
	}
}

/* Records the partial path ending at depth with the reason it ended. */
static void
save_dead_end(struct vstate *vs, size_t depth, size_t nc,
    const struct dead_end *de)
{
	bool self = vs->nodes[vs->path[depth]].self_issued;

	if (nc == 0) {
		save_partial(vs, depth, self ? TOP_SELF : TOP_MISSING,
		    (size_t)-1);
	} else if (!de->any_sig && de->badsig != (size_t)-1) {
		save_partial(vs, depth, TOP_BADSIG, de->badsig);
	} else if (!de->any_sig && de->any_loop) {
		save_partial(vs, depth, self ? TOP_SELF : TOP_LOOP,
		    (size_t)-1);
	} else if (vs->stop) {
		save_partial(vs, depth, TOP_WORK, (size_t)-1);
	} else {
		save_partial(vs, depth, TOP_MISSING, (size_t)-1);
	}
}

static void
dfs(struct vstate *vs, size_t depth)
{
	size_t x = vs->path[depth];
	struct node *nx = &vs->nodes[x];
	struct cand cands[CAND_CAP];
	struct dead_end de = { (size_t)-1, false, false };
	size_t nc;
	unsigned long completes0, cuts0;

	if (nx->anchor) {
		consider_complete(vs, depth + 1);
		return;
	}
	if (vs->stop || vs->oom) {
		return;
	}
	if (++vs->visits > vs->visit_limit) {
		vs->stop = true;
		return;
	}
	if (depth + 1 >= vs->hard_depth) {
		vs->cuts++;
		save_partial(vs, depth, TOP_DEPTH, (size_t)-1);
		return;
	}
	completes0 = vs->completes;
	cuts0 = vs->cuts;

	nc = gather_cands(vs, x, cands);
	if (vs->oom) {
		return;
	}
	qsort(cands, nc, sizeof(cands[0]), cand_cmp);

	try_cands(vs, depth, cands, nc, &de);
	if (vs->found) {
		return;
	}
	save_dead_end(vs, depth, nc, &de);
	if (!vs->stop && vs->completes == completes0 && vs->cuts == cuts0) {
		vs->nodes[x].dead = true;
	}
}

/* ------------------------------------------------------------------ */
/* Result                                                               */
/* ------------------------------------------------------------------ */

static void
free_plists(struct plist *pl, size_t n)
{
	size_t i, k;

	if (pl == NULL) {
		return;
	}
	for (i = 0; i < n; i++) {
		for (k = 0; k < pl[i].n; k++) {
			free(pl[i].v[k].message);
		}
		free(pl[i].v);
	}
	free(pl);
}

void
certshow_result_free(struct certshow_result *r)
{
	size_t i, k;

	if (r == NULL) {
		return;
	}
	for (i = 0; i < r->n; i++) {
		certshow_cert_free(r->path[i].cert);
		for (k = 0; k < r->path[i].n_prob; k++) {
			free(r->path[i].prob[k].message);
		}
		free(r->path[i].prob);
		certshow__rev_clear(&r->path[i].rev);
	}
	free(r->path);
	free(r->missing_issuer);
	free(r->missing_issuer_url);
	free(r->source);
	certshow__policy_result_free(r);
	certshow__checked_free(&r->chk);
	free(r);
}

static char *
xstrdup(const char *s)
{
	return s == NULL ? NULL : strdup(s);
}

/* Says why an incomplete path ends at certificate top; -1 when out of
 * memory. */
static int
explain_incomplete(struct eval *e, struct certshow_result *r, size_t top)
{
	struct vstate *vs = e->vs;
	const struct certshow_cert *tc = vs->nodes[e->p[top]].c;

	switch (vs->part_reason) {
	case TOP_SELF:
		prob(e, top, CERTSHOW_V_SELF_SIGNED, "is self-issued "
		    "and not a trust anchor");
		break;
	case TOP_BADSIG:
		prob(e, top, CERTSHOW_V_BAD_SIGNATURE, "has a signature "
		    "that does not verify with the key of its issuer "
		    "candidate %.200s",
		    subj_str(vs->nodes[vs->part_badsig_issuer].c));
		break;
	case TOP_LOOP:
		break;
	case TOP_DEPTH:
		prob(e, top, CERTSHOW_V_DEPTH, "is at the maximum path "
		    "depth (%zu) without reaching a trust anchor",
		    vs->hard_depth);
		break;
	case TOP_WORK:
		prob(e, top, CERTSHOW_V_WORK_LIMIT, "ends the path "
		    "search: work limit reached (%lu signature checks, "
		    "%lu nodes)", vs->work, vs->visits);
		break;
	case TOP_MISSING:
	case TOP_NONE:
	default:
		prob(e, top, CERTSHOW_V_MISSING_ISSUER, "is issued by "
		    "%.200s, which is neither a trust anchor nor among "
		    "the given certificates", tc->issuer.rfc4514 != NULL ?
		    tc->issuer.rfc4514 : "(empty name)");
		r->missing_issuer = xstrdup(tc->issuer.rfc4514 != NULL ?
		    tc->issuer.rfc4514 : "");
		if (r->missing_issuer == NULL) {
			return -1;
		}
		if (tc->ca_issuers.n > 0) {
			r->missing_issuer_url =
			    xstrdup(tc->ca_issuers.v[0]);
			if (r->missing_issuer_url == NULL) {
				return -1;
			}
		}
		break;
	}
	return 0;
}

/* Moves the path's certificates and their problems into r; 0 or a
 * CERTSHOW_E_* code (r->n then counts the certificates moved). */
static int
fill_path(struct eval *e, struct certshow_result *r)
{
	struct vstate *vs = e->vs;
	const size_t *p = e->p;
	size_t n = e->n, i;
	bool complete = e->complete;
	int rv;

	for (i = 0; i < n; i++) {
		struct node *nd = &vs->nodes[p[i]];

		r->path[i].anchor = complete && i == n - 1;
		if (nd->owned != NULL) {
			r->path[i].cert = nd->owned;
			nd->owned = NULL;
		} else if (certshow__cert_new(vs->ctx, &r->path[i].cert,
		    nd->c->der, nd->c->der_len, nd->c->source,
		    nd->c->source_index) != 0) {
			rv = vs->ctx->err_code != 0 ? vs->ctx->err_code :
			    CERTSHOW_E_NOMEM;
			r->n = i;
			return rv;
		}
		r->path[i].n_prob = e->pl[i].n;
		r->path[i].prob = e->pl[i].v;
		e->pl[i].v = NULL;
		e->pl[i].n = 0;
		r->path[i].rev = e->rev[i];
		certshow__rev_init(&e->rev[i]);
	}
	return 0;
}

/* The path to report: the best complete one (returns true), else the
 * partial one that came closest (at least the leaf). */
static bool
chosen_path(struct vstate *vs, const size_t **p, size_t *n)
{
	if (vs->best_len > 0) {
		*p = vs->best;
		*n = vs->best_len;
		return true;
	}
	*p = vs->part;
	*n = vs->part_len > 0 ? vs->part_len : 1;
	if (vs->part_len == 0) {
		vs->part[0] = 0;
	}
	return false;
}

static int
build_result(struct vstate *vs, struct certshow_result **out)
{
	struct certshow_result *r;
	struct certshow__policy_out pol;
	struct eval e;
	const size_t *p;
	size_t n, top;
	bool complete;
	int rv = CERTSHOW_E_NOMEM;

	complete = chosen_path(vs, &p, &n);
	r = calloc(1, sizeof(*r));
	if (r == NULL) {
		return certshow__set_error(vs->ctx, rv, "out of memory");
	}
	r->time = vs->now;
	r->work = vs->work;
	memset(&e, 0, sizeof(e));
	e.vs = vs;
	e.p = p;
	e.n = n;
	e.complete = complete;
	e.msgs = true;
	memset(&pol, 0, sizeof(pol));
	e.pol = &pol;
	e.pl = calloc(n, sizeof(*e.pl));
	e.rev = calloc(n, sizeof(*e.rev));
	r->path = calloc(n, sizeof(*r->path));
	if (e.pl == NULL || e.rev == NULL || r->path == NULL) {
		goto fail;
	}
	for (top = 0; top < n; top++) {
		certshow__rev_init(&e.rev[top]);
		certshow__rev_init(&r->path[top].rev);
	}
	evaluate(&e);
	if (complete && vs->policy && !vs->oom &&
	    certshow__policy_result_set(r, &pol) != 0) {
		vs->oom = true;
	}
	certshow__policy_out_free(&pol);
	top = n - 1;
	if (!complete) {
		prob(&e, top, CERTSHOW_V_UNTRUSTED, "does not lead to a trust "
		    "anchor");
		if (explain_incomplete(&e, r, top) != 0) {
			goto fail;
		}
	} else if (vs->stop && e.flags != 0) {
		prob(&e, top, CERTSHOW_V_WORK_LIMIT, "ends the best path "
		    "found before the work limit of %lu signature checks",
		    vs->work_limit);
	}
	if (vs->oom) {
		goto fail;
	}
	r->flags = e.flags;
	r->n = n;
	rv = fill_path(&e, r);
	if (rv != 0) {
		goto fail;
	}
	free_plists(e.pl, n);
	free(e.rev);
	/* The label is the input the caller gave, even when the trust
	 * store also holds the leaf (node 0 is then the anchor's copy). */
	r->source = xstrdup(vs->leaf_source);
	*out = r;
	return 0;
fail:
	free_plists(e.pl, n);
	for (top = 0; e.rev != NULL && top < n; top++) {
		certshow__rev_clear(&e.rev[top]);
	}
	free(e.rev);
	certshow_result_free(r);
	return certshow__set_error(vs->ctx, rv, "out of memory building the "
	    "verification result");
}

static void
vstate_free(struct vstate *vs)
{
	size_t i;

	for (i = 0; i < vs->n; i++) {
		free(vs->nodes[i].sn);
		free(vs->nodes[i].in);
		certshow__signode_clear(&vs->nodes[i].sgn);
		certshow_cert_free(vs->nodes[i].owned);
	}
	free(vs->nodes);
	free(vs->anchor_node);
	free(vs->sig);
	free(vs->path);
	free(vs->best);
	free(vs->part);
	free(vs->crlsig);
	free(vs->spath);
}

/* Options of an older version, upgraded into *buf (new fields zero);
 * NULL for an unknown version. Version 1 ends before `crls`, version 2
 * before `policies`, version 3 before `ocsp_staple`, version 4 before
 * `warn_days`. */
static const struct certshow_verify_opts *
opts_current(const struct certshow_verify_opts *o,
    struct certshow_verify_opts *buf)
{
	if (o->version == CERTSHOW_VERIFY_OPTS_VERSION) {
		return o;
	}
	if (o->version < 1 || o->version > 4) {
		return NULL;
	}
	memset(buf, 0, sizeof(*buf));
	memcpy(buf, o,
	    o->version == 1 ? offsetof(struct certshow_verify_opts, crls)
		: o->version == 2
		? offsetof(struct certshow_verify_opts, policies)
		: o->version == 3
		? offsetof(struct certshow_verify_opts, ocsp_staple)
		: offsetof(struct certshow_verify_opts, warn_days));
	buf->version = CERTSHOW_VERIFY_OPTS_VERSION;
	return buf;
}

static int
add_pool(struct vstate *vs, const struct certshow_cert *c)
{
	size_t i, ti;

	for (i = 0; i < vs->n; i++) {
		if (same_der(vs->nodes[i].c, c)) {
			return 0; /* duplicate */
		}
	}
	/* An intermediate that is also an anchor is the anchor. */
	ti = certshow__trust_find_der(vs->trust, c->der, c->der_len);
	if (ti != (size_t)-1) {
		return anchor_node(vs, ti) == (size_t)-1 && vs->oom ? -1 : 0;
	}
	return add_node(vs, c, NULL, false) == (size_t)-1 ? -1 : 0;
}

/* Appends a note (flag 0) to path element i of a finished result; -1
 * when out of memory. */
static int
result_note(struct certshow_result *r, size_t i, const char *msg)
{
	struct certshow__pelem *pe = &r->path[i];
	struct certshow__problem *nv;
	char *m = strdup(msg);

	nv = m == NULL ? NULL : realloc(pe->prob, (pe->n_prob + 1) *
	    sizeof(*nv));
	if (nv == NULL) {
		free(m);
		return -1;
	}
	pe->prob = nv;
	pe->prob[pe->n_prob].flag = 0;
	pe->prob[pe->n_prob].warning = false;
	pe->prob[pe->n_prob].message = m;
	pe->n_prob++;
	return 0;
}

struct chase {
	char **seen;                  /* caIssuers URLs fetched */
	size_t n_seen, cap_seen;
	unsigned fetches, max_fetches;
};

static bool
chase_seen(const struct chase *ch, const char *url)
{
	size_t i;

	for (i = 0; i < ch->n_seen; i++) {
		if (strcmp(ch->seen[i], url) == 0) {
			return true;
		}
	}
	return false;
}

/* Fetches the caIssuers URLs of the top of an incomplete path into
 * `pool`; returns the number of new certificates, or CERTSHOW_E_NOMEM.
 * A failed fetch becomes a note on the top certificate. */
static int
chase_top(struct certshow_ctx *ctx, const struct certshow_verify_opts *o,
    struct certshow_result *r, struct chase *ch, struct certshow_chain *pool)
{
	const struct certshow_cert *top = r->path[r->n - 1].cert;
	char msg[CERTSHOW__ERRBUF + 64];
	size_t i;
	int added = 0, rv;
	char **nv;

	for (i = 0; i < top->ca_issuers.n; i++) {
		const char *url = top->ca_issuers.v[i];

		if (!certshow__online_url_ok(url) || chase_seen(ch, url) ||
		    ch->fetches >= ch->max_fetches) {
			continue;
		}
		nv = certshow__grow(ch->seen, &ch->cap_seen, ch->n_seen + 1,
		    sizeof(*nv), 4);
		if (nv == NULL || (nv[ch->n_seen] = strdup(url)) == NULL) {
			if (nv != NULL) {
				ch->seen = nv;
			}
			return CERTSHOW_E_NOMEM;
		}
		ch->seen = nv;
		ch->n_seen++;
		ch->fetches++;
		rv = certshow__aia_fetch(ctx, o, url, r->time, pool);
		if (rv == CERTSHOW_E_NOMEM) {
			return rv;
		}
		if (rv < 0) {
			snprintf(msg, sizeof(msg), "caIssuers: %s",
			    certshow_ctx_error(ctx));
			if (result_note(r, r->n - 1, msg) != 0) {
				return CERTSHOW_E_NOMEM;
			}
			continue;
		}
		added += rv;
	}
	return added;
}

/* Marks the path certificates that came from `pool`. */
static void
mark_fetched(struct certshow_result *r, const struct certshow_chain *pool)
{
	size_t i, k, n = certshow_chain_count(pool);

	for (i = 0; i < r->n; i++) {
		for (k = 0; k < n && !r->path[i].anchor; k++) {
			if (same_der(r->path[i].cert,
			    certshow_chain_get(pool, k))) {
				r->path[i].fetched = true;
				r->fetched = true;
			}
		}
	}
}

/* certshow_verify() with CERTSHOW_ONLINE_AIA: while the best path stops
 * at a missing issuer, fetch the caIssuers URLs of its top certificate
 * (RFC 5280 4.2.2.1) into a pool of candidate intermediates and build
 * again. At most aia_max_depth rounds (default 4), twice that many
 * fetches in all, each URL once (loops end). A fetched certificate is
 * only a candidate: the path must still verify through it. */
static int
verify_chase(struct certshow_ctx *ctx, struct certshow_result **out,
    const struct certshow_chain *chain, const struct certshow_chain *untrusted,
    const struct certshow_trust *trust, const struct certshow_verify_opts *o)
{
	struct certshow_chain *pool = NULL;
	struct chase ch;
	unsigned rounds = 0, max_rounds;
	unsigned nest_budget;
	size_t i;
	int rv;

	memset(&ch, 0, sizeof(ch));
	max_rounds = o->aia_max_depth != 0 ? o->aia_max_depth : 4;
	ch.max_fetches = 2 * max_rounds;
	rv = certshow_chain_new(ctx, &pool);
	if (rv != 0) {
		return rv;
	}
	for (;;) {
		nest_budget = MAX_CRL_SIGNER_PATHS;
		rv = verify_run(ctx, out, pool, certshow_chain_get(chain, 0),
		    chain, 1, untrusted, trust, o, 0, &nest_budget);
		if (rv != 0 || (*out)->missing_issuer == NULL ||
		    rounds >= max_rounds) {
			break;
		}
		rv = chase_top(ctx, o, *out, &ch, pool);
		if (rv <= 0) {
			break;
		}
		rounds++;
		certshow_result_free(*out);
		*out = NULL;
	}
	if (rv == CERTSHOW_E_NOMEM) {
		certshow_result_free(*out);
		*out = NULL;
		rv = certshow__set_error(ctx, rv, "out of memory fetching "
		    "missing issuers");
	} else if (*out != NULL) {
		mark_fetched(*out, pool);
		rv = 0;
	}
	for (i = 0; i < ch.n_seen; i++) {
		free(ch.seen[i]);
	}
	free(ch.seen);
	certshow_chain_free(pool);
	return rv;
}

/* One verification of chain: AIA chasing or a single path search. */
static int
verify_once(struct certshow_ctx *ctx, struct certshow_result **out,
    const struct certshow_chain *chain, const struct certshow_chain *untrusted,
    const struct certshow_trust *trust, const struct certshow_verify_opts *opts,
    unsigned *nest_budget)
{
	if ((opts->online & CERTSHOW_ONLINE_AIA) != 0) {
		return verify_chase(ctx, out, chain, untrusted, trust, opts);
	}
	return verify_run(ctx, out, NULL, certshow_chain_get(chain, 0), chain,
	    1, untrusted, trust, opts, 0, nest_budget);
}

int
certshow_verify(struct certshow_ctx *ctx, struct certshow_result **out,
    const struct certshow_chain *chain, const struct certshow_chain *untrusted,
    const struct certshow_trust *trust, const struct certshow_verify_opts *opts)
{
	static const struct certshow_verify_opts defaults =
	    CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_verify_opts o_cur, o_dl;
	const struct certshow_verify_opts *given;
	struct certshow_crls *dl = NULL;
	unsigned nest_budget = MAX_CRL_SIGNER_PATHS;
	int rv;

	if (out == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_verify: NULL out");
	}
	*out = NULL;
	if (ctx == NULL || chain == NULL || trust == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_verify: NULL argument");
	}
	if (opts == NULL) {
		opts = &defaults;
	}
	opts = opts_current(opts, &o_cur);
	if (opts == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_verify: unknown options version");
	}
	given = opts;
	if ((opts->peer_kind != CERTSHOW_PEER_NONE && opts->peer_name == NULL) ||
	    (opts->purpose == CERTSHOW_PURPOSE_OID &&
	    opts->purpose_oid == NULL)) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_verify: peer name or purpose OID missing");
	}
	if (certshow_chain_count(chain) == 0) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_verify: empty chain");
	}
	certshow__sig_call_begin(ctx);
	rv = verify_once(ctx, out, chain, untrusted, trust, opts, &nest_budget);
	/* CRLs of the chosen path's certificates, downloaded, join the
	 * given ones; the path is then evaluated again with them. */
	if (rv == 0 && (opts->online & CERTSHOW_ONLINE_CRL) != 0) {
		rv = certshow__revocation_download(ctx, *out, opts, &dl);
		if (rv == 0 && dl != NULL) {
			o_dl = *opts;
			o_dl.crls = dl;
			opts = &o_dl;
			certshow_result_free(*out);
			*out = NULL;
			nest_budget = MAX_CRL_SIGNER_PATHS;
			rv = verify_once(ctx, out, chain, untrusted, trust, opts,
			    &nest_budget);
		}
	}
	if (rv == 0) {
		rv = certshow__revocation_stage(ctx, *out, opts);
	}
	if (rv == 0) {
		rv = certshow__expiry_stage(ctx, *out, opts);
	}
	if (rv == 0) {
		rv = certshow__checked_record(ctx, *out, trust, given);
	}
	if (rv != 0) {
		certshow_result_free(*out);
		*out = NULL;
	}
	certshow_crls_free(dl);
	return rv;
}

/* One path search from `leaf`, with chain[chain_from..] and `untrusted`
 * as candidate intermediates; `depth` counts the nesting of CRL signer
 * validations (0 for the caller's). */
/* The extKeyUsage purpose opts ask for, NULL for any. */
static const char *
wanted_purpose(const struct certshow_verify_opts *opts)
{
	switch (opts->purpose) {
	case CERTSHOW_PURPOSE_SERVER:
		return OID_SERVER_AUTH;
	case CERTSHOW_PURPOSE_CLIENT:
		return OID_CLIENT_AUTH;
	case CERTSHOW_PURPOSE_OID:
		return opts->purpose_oid;
	default:
		return NULL;
	}
}

/* Path depth and search work limits from the options and ctx limits. */
static void
set_limits(struct vstate *vs)
{
	size_t lim;

	lim = certshow_ctx_get_limit(vs->ctx, CERTSHOW_LIMIT_CHAIN_DEPTH);
	vs->max_depth = vs->o->max_depth != 0 ? vs->o->max_depth : lim;
	vs->hard_depth = vs->max_depth > lim ? vs->max_depth : lim;
	if (vs->hard_depth > HARD_DEPTH) {
		vs->hard_depth = HARD_DEPTH;
	}
	vs->work_limit = certshow_ctx_get_limit(vs->ctx,
	    CERTSHOW_LIMIT_PATH_WORK);
	vs->visit_limit = vs->work_limit * VISIT_FACTOR;
}

/* Adds the leaf as node 0 (an anchor itself when the store holds it),
 * then the chain from chain_from and the untrusted pool; -1 when out of
 * memory. */
static int
add_nodes(struct vstate *vs, const struct certshow_cert *leaf,
    size_t chain_from)
{
	size_t i, n, ti;

	vs->leaf_source = leaf->source;
	ti = certshow__trust_find_der(vs->trust, leaf->der, leaf->der_len);
	if (ti != (size_t)-1) {
		(void)anchor_node(vs, ti);
	}
	if (vs->oom) {
		return -1;
	}
	if (vs->n == 0 && add_node(vs, leaf, NULL, false) != 0) {
		return -1;
	}
	n = certshow_chain_count(vs->chain);
	for (i = chain_from; i < n; i++) {
		if (add_pool(vs, certshow_chain_get(vs->chain, i)) != 0) {
			return -1;
		}
	}
	n = vs->untrusted != NULL ? certshow_chain_count(vs->untrusted) : 0;
	for (i = 0; i < n; i++) {
		if (add_pool(vs, certshow_chain_get(vs->untrusted, i)) != 0) {
			return -1;
		}
	}
	n = vs->fetched != NULL ? certshow_chain_count(vs->fetched) : 0;
	for (i = 0; i < n; i++) {
		if (add_pool(vs, certshow_chain_get(vs->fetched, i)) != 0) {
			return -1;
		}
	}
	return 0;
}

static int
verify_run(struct certshow_ctx *ctx, struct certshow_result **out,
    const struct certshow_chain *fetched, const struct certshow_cert *leaf,
    const struct certshow_chain *chain, size_t chain_from, const struct certshow_chain *untrusted,
    const struct certshow_trust *trust,
    const struct certshow_verify_opts *opts, unsigned depth,
    unsigned *nest_budget)
{
	struct vstate vs;
	int rv;

	memset(&vs, 0, sizeof(vs));
	/* Policies constrain the caller's path; a CRL signer's own path
	 * (depth > 0) is validated without the caller's policy inputs. */
	if (depth == 0) {
		rv = certshow__policy_opts(ctx, opts, &vs.policy, &vs.pin);
		if (rv != 0) {
			return rv;
		}
	}
	vs.ctx = ctx;
	vs.chain = chain;
	vs.untrusted = untrusted;
	vs.fetched = fetched;
	vs.depth = depth;
	vs.nest_budget = nest_budget;
	vs.trust = trust;
	vs.o = opts;
	vs.now = opts->has_time ? opts->time : (int64_t)time(NULL);
	vs.webpki = opts->profile != CERTSHOW_PROFILE_RFC5280;
	vs.purpose_oid = wanted_purpose(opts);
	set_limits(&vs);
	vs.anchor_node = calloc(trust->n + 1, sizeof(*vs.anchor_node));
	vs.path = calloc(vs.hard_depth + 1, sizeof(*vs.path));
	vs.best = calloc(vs.hard_depth + 1, sizeof(*vs.best));
	vs.part = calloc(vs.hard_depth + 1, sizeof(*vs.part));
	if (vs.anchor_node == NULL || vs.path == NULL || vs.best == NULL ||
	    vs.part == NULL) {
		rv = certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
		goto out;
	}

	if (add_nodes(&vs, leaf, chain_from) != 0) {
		rv = certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
		goto out;
	}

	vs.path[0] = 0;
	vs.nodes[0].in_path = true;
	dfs(&vs, 0);
	if (vs.oom) {
		rv = certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory during path building");
		goto out;
	}
	rv = build_result(&vs, out);
out:
	vstate_free(&vs);
	return rv;
}

int
certshow__anchor_problems(struct certshow_ctx *ctx,
    const struct certshow_trust *trust, size_t ti,
    const struct certshow_verify_opts *opts, uint32_t *flags, char *why,
    size_t why_size)
{
	struct certshow_verify_opts o_cur;
	struct vstate vs;
	struct eval e;
	size_t p[2], k, idx;
	unsigned no_nesting = 0;
	int rv = 0;

	*flags = 0;
	if (why_size > 0) {
		why[0] = '\0';
	}
	if (opts != NULL) {
		opts = opts_current(opts, &o_cur);
	}
	if (trust == NULL || ti >= trust->n || opts == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow__anchor_problems: bad argument");
	}
	memset(&vs, 0, sizeof(vs));
	memset(&e, 0, sizeof(e));
	vs.ctx = ctx;
	vs.trust = trust;
	vs.nest_budget = &no_nesting;
	vs.o = opts;
	vs.now = opts->has_time ? opts->time : (int64_t)time(NULL);
	vs.webpki = opts->profile != CERTSHOW_PROFILE_RFC5280;
	vs.purpose_oid = opts->purpose == CERTSHOW_PURPOSE_SERVER ?
	    OID_SERVER_AUTH : opts->purpose == CERTSHOW_PURPOSE_CLIENT ?
	    OID_CLIENT_AUTH : opts->purpose == CERTSHOW_PURPOSE_OID ?
	    opts->purpose_oid : NULL;
	vs.anchor_node = calloc(trust->n + 1, sizeof(*vs.anchor_node));
	if (vs.anchor_node == NULL) {
		rv = certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
		goto out;
	}
	idx = anchor_node(&vs, ti);
	if (idx == (size_t)-1) {
		rv = certshow__set_error(ctx, vs.oom ? CERTSHOW_E_NOMEM :
		    CERTSHOW_E_PARSE, "anchor %zu cannot be decoded", ti);
		goto out;
	}
	/* The anchor's own certificate stands in for the one it issues:
	 * only the problems of position 1 (the anchor) are reported. */
	p[0] = add_node(&vs, vs.nodes[idx].c, NULL, false);
	p[1] = idx;
	if (p[0] == (size_t)-1) {
		rv = certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
		goto out;
	}
	e.vs = &vs;
	e.p = p;
	e.n = 2;
	e.complete = true;
	e.msgs = true;
	e.pl = calloc(2, sizeof(*e.pl));
	if (e.pl == NULL) {
		rv = certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
		goto out;
	}
	evaluate(&e);
	for (k = 0; k < e.pl[1].n; k++) {
		*flags |= e.pl[1].v[k].flag;
		if (k == 0 && why_size > 0) {
			snprintf(why, why_size, "%s", e.pl[1].v[k].message);
		}
	}
	if (vs.oom) {
		rv = certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
out:
	free_plists(e.pl, 2);
	vstate_free(&vs);
	return rv;
}

/* ------------------------------------------------------------------ */
/* Result accessors                                                     */
/* ------------------------------------------------------------------ */

uint32_t
certshow_result_flags(const struct certshow_result *r)
{
	return r == NULL ? CERTSHOW_V_UNTRUSTED : r->flags;
}

size_t
certshow_result_path_len(const struct certshow_result *r)
{
	return r == NULL ? 0 : r->n;
}

const struct certshow_cert *
certshow_result_path_cert(const struct certshow_result *r, size_t i,
    enum certshow_path_origin *origin)
{
	if (r == NULL || i >= r->n) {
		if (origin != NULL) {
			*origin = CERTSHOW_PATH_CHAIN;
		}
		return NULL;
	}
	if (origin != NULL) {
		*origin = r->path[i].anchor ? CERTSHOW_PATH_ANCHOR :
		    r->path[i].fetched ? CERTSHOW_PATH_FETCHED :
		    CERTSHOW_PATH_CHAIN;
	}
	return r->path[i].cert;
}

int
certshow_result_fetched(const struct certshow_result *r)
{
	return r != NULL && r->fetched ? 1 : 0;
}

size_t
certshow_result_problem_count(const struct certshow_result *r, size_t i)
{
	return (r == NULL || i >= r->n) ? 0 : r->path[i].n_prob;
}

int
certshow_result_problem(const struct certshow_result *r, size_t i, size_t j,
    uint32_t *flag, const char **message)
{
	if (r == NULL || i >= r->n || j >= r->path[i].n_prob) {
		return CERTSHOW_E_NOTFOUND;
	}
	if (flag != NULL) {
		*flag = r->path[i].prob[j].flag;
	}
	if (message != NULL) {
		*message = r->path[i].prob[j].message;
	}
	return 0;
}

const char *
certshow_result_missing_issuer(const struct certshow_result *r,
    const char **url)
{
	if (url != NULL) {
		*url = r == NULL ? NULL : r->missing_issuer_url;
	}
	return r == NULL ? NULL : r->missing_issuer;
}
