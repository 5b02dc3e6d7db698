/*
 * verify.h - internals shared by trust.c, verify.c, hostname.c and
 * format_result.c. Not installed.
 */
#ifndef CERTSHOW_VERIFY_H
#define CERTSHOW_VERIFY_H

#include "internal.h"

/* ------------------------------------------------------------------ */
/* hostname.c: peer identity matching (RFC 6125 / RFC 9525, CA/B BR)     */
/* ------------------------------------------------------------------ */

/* Normalize a reference DNS name (what the caller asked for): ASCII
 * only, one trailing dot removed, lowercased, LDH labels of 1..63 octets
 * (underscore refused), at most 253 octets, last label not all-numeric.
 * Writes a NUL-terminated copy to out; returns its length or -1. */
int certshow__host_normalize(const char *in, size_t len, char *out,
    size_t size);
/* 1 when dNSName `pat` (a presented identifier, maybe "*.rest") matches
 * the normalized reference `host`. A wildcard is only the whole left-most
 * label, followed by at least two labels that are not an ICANN public
 * suffix, and matches exactly one label.
 * Invalid presented names (non-ASCII, NUL, partial wildcards) never
 * match. */
bool certshow__host_match(const char *pat, size_t plen, const char *host,
    size_t hlen);
/* `s` (a valid LDH name, any case, no trailing dot) is a public suffix of
 * the ICANN section of libpsl's built-in list ("co.uk", "com", "foo.ck"
 * through "*.ck"). */
bool certshow__public_suffix(const char *s, size_t len);
/* Syntax check of a presented dNSName: LDH labels; with allow_wildcard a
 * leading "*." label is accepted. One trailing dot is tolerated. */
bool certshow__dns_valid(const char *p, size_t len, bool allow_wildcard);
/* Parse an IP literal (dotted quad without leading zeros, or RFC 4291
 * text form without zone). Returns 4 or 16, or 0 when not an address. */
int certshow__ip_parse(const char *s, size_t len, uint8_t out[16]);
/* Canonical text of an address: dotted quad, or RFC 5952 for IPv6. */
void certshow__ip_format(const uint8_t *ip, size_t len, char *buf,
    size_t size);
/* Split an rfc822 mailbox "local@domain": exactly one '@', both parts
 * non-empty, printable ASCII. Returns false when malformed. */
bool certshow__email_split(const char *p, size_t len, size_t *at);
/* Peer check of an end-entity certificate. Returns 1 when the name
 * matches, 0 when not; `why` receives a short explanation. With
 * cn_fallback the subject CN is consulted for DNS names when the
 * certificate has no subjectAltName extension at all. */
int certshow__peer_match(const struct certshow_cert *c,
    enum certshow_peer_kind kind, const char *name, bool cn_fallback,
    char *why, size_t why_size);

/* ------------------------------------------------------------------ */
/* trust.c                                                              */
/* ------------------------------------------------------------------ */

struct certshow__anchor {
	uint8_t *der;            /* whole certificate */
	size_t len;
	const uint8_t *subject;  /* subject Name TLV inside der */
	size_t subject_len;
	uint32_t hash;           /* hash of the normalized subject */
	const char *source;      /* file it came from */
	size_t index;            /* position in that file */
	bool program;            /* from a root program (the system store):
				  * its encoding is not judged */
};

/* What was added to a store, in order (certshow_trust_source()). */
struct certshow__trust_src {
	enum certshow_trust_source_kind kind;
	char *path;      /* NULL: a chain, or GnuTLS's system trust */
	const char *env; /* static: "SSL_CERT_FILE", ... or NULL */
	size_t anchors;  /* anchors this source added */
};

struct certshow_trust {
	size_t n, cap;
	struct certshow__anchor *a;
	size_t nbuckets;         /* power of two */
	size_t *bucket;          /* index+1 of first anchor, 0 = empty */
	size_t *next;            /* chain: index+1 of next anchor */
	size_t n_failed, cap_failed;
	char **failed_path;
	char **failed_reason;
	char **sources;          /* interned source names */
	size_t n_sources;
	struct certshow__trust_src *src; /* what was added, in order */
	size_t n_src;
};

uint32_t certshow__hash(const uint8_t *p, size_t len);
/* Iterate anchors whose normalized subject equals `norm`: start with
 * *it = 0; returns the anchor index or (size_t)-1 at the end. */
size_t certshow__trust_next(const struct certshow_trust *t,
    const uint8_t *norm, size_t norm_len, uint32_t hash, size_t *it);
/* Index of the anchor with exactly this DER, or (size_t)-1. */
size_t certshow__trust_find_der(const struct certshow_trust *t,
    const uint8_t *der, size_t len);
/* Locate the subject Name TLV in a certificate's DER without decoding
 * anything else. Returns 0 or -1 when the DER is not a certificate. */
int certshow__cert_subject_der(const uint8_t *der, size_t len,
    const uint8_t **subject, size_t *subject_len, size_t *cert_len);

/* ------------------------------------------------------------------ */
/* crl.c                                                                */
/* ------------------------------------------------------------------ */

struct certshow__crl_entry {
	const uint8_t *serial;   /* INTEGER contents */
	size_t serial_len;
	int64_t date;            /* revocationDate */
	int reason;              /* CRLReason, -1 when absent */
	/* Normalized name of the certificates' issuer: the CRL issuer, or
	 * the last certificateIssuer (indirect CRLs, RFC 5280 5.3.3). */
	const uint8_t *issuer_norm;
	size_t issuer_norm_len;
};

/* ReasonFlags bits (RFC 5280 4.2.1.13): bit i of the BIT STRING is
 * (1u << i); every reason a CRL can cover, bits 1 to 8. */
#define CERTSHOW__REASONS_ALL 0x1FEu

struct certshow__crl {
	uint8_t *der;
	size_t len;
	char *name;              /* file name, "#n" when several */
	const uint8_t *tbs;      /* TBSCertList TLV inside der */
	size_t tbs_len;
	const uint8_t *sig_alg;  /* AlgorithmIdentifier TLV */
	size_t sig_alg_len;
	char sig_oid[64];
	const uint8_t *sig;
	size_t sig_len;
	int version;             /* 1 or 2 */
	const uint8_t *issuer;   /* Name TLV */
	size_t issuer_len;
	uint8_t *issuer_norm;    /* certshow__name_norm() */
	size_t issuer_norm_len;
	uint32_t issuer_hash;
	int64_t this_update;
	int64_t next_update;
	bool has_next;
	const uint8_t *aki;      /* keyIdentifier or NULL */
	size_t aki_len;
	const uint8_t *number;   /* cRLNumber INTEGER contents or NULL */
	size_t number_len;
	const uint8_t *base;     /* deltaCRLIndicator BaseCRLNumber, or NULL
				  * for a complete CRL */
	size_t base_len;
	/* issuingDistributionPoint (RFC 5280 5.2.5) */
	const uint8_t *idp;      /* extnValue contents, NULL when absent */
	size_t idp_len;
	const uint8_t *idp_dp;   /* DistributionPointName TLV or NULL */
	size_t idp_dp_len;
	bool only_user, only_ca, only_attr, indirect;
	unsigned idp_reasons;    /* onlySomeReasons, or all */
	/* Why the CRL cannot decide any status (unknown critical
	 * extension, no cRLNumber ...), or "". */
	char unusable[128];
	size_t n_entries;        /* sorted by serial */
	struct certshow__crl_entry *entries;
	uint8_t **eiss;          /* normalized certificateIssuer names */
	size_t n_eiss;
};

struct certshow_crls {
	size_t n, cap;
	struct certshow__crl *v;
};

/* Revocation status of one certificate (RFC 5280 6.3.3). */
enum certshow__crl_status {
	CERTSHOW__CRL_GOOD = 0,      /* every reason covered, not listed */
	CERTSHOW__CRL_REVOKED,
	CERTSHOW__CRL_UNKNOWN        /* reasons left uncovered */
};

/* The CRL signer check of RFC 5280 6.3.3 (f)-(g): does CRL `k` have a
 * signer whose key verifies it, that may sign CRLs and whose own path
 * validates to the path's anchor? 1 yes; 0 no, with the reason in why. */
typedef int (*certshow__crl_signer_fn)(void *arg, size_t k, char *why,
    size_t why_size);

struct certshow__crl_query {
	const struct certshow_cert *cert;
	const uint8_t *issuer_norm;  /* the certificate's issuer, normalized */
	size_t issuer_norm_len;
	int64_t now;
	certshow__crl_signer_fn signer;
	void *arg;
};

struct certshow__crl_answer {
	enum certshow__crl_status status;
	const struct certshow__crl *crl;         /* REVOKED: the deciding */
	const struct certshow__crl_entry *entry; /* CRL and its entry */
	bool delta;              /* REVOKED: the entry is on a delta CRL */
	char why[300];           /* UNKNOWN: why no CRL covers it */
};

/* RFC 5280 6.3.3 for q->cert against every CRL of `crls`. Returns 0, or
 * CERTSHOW_E_NOMEM. */
int certshow__crl_check(const struct certshow_crls *crls,
    const struct certshow__crl_query *q, struct certshow__crl_answer *a);
/* Name of a CRLReason value ("keyCompromise"); "not given" for -1. */
const char *certshow__crl_reason_name(int reason);
/* The CRL's signature verifies with the key of `issuer`. */
bool certshow__crl_verify_sig(const struct certshow__crl *c,
    const struct certshow_cert *issuer);

/* ------------------------------------------------------------------ */
/* verify.c: anchors                                                    */
/* ------------------------------------------------------------------ */

/* The problems trust anchor `ti` has as the issuer of a path under
 * `opts` (the anchor rules, doc/verification.md): its own certificate
 * stands in for the one it issues and only the anchor's problems are
 * reported, as flags and the first message. For tests. Returns 0 or a
 * CERTSHOW_E_* code (the anchor cannot be decoded). */
int certshow__anchor_problems(struct certshow_ctx *ctx,
    const struct certshow_trust *trust, size_t ti,
    const struct certshow_verify_opts *opts, uint32_t *flags, char *why,
    size_t why_size);

/* ------------------------------------------------------------------ */
/* verify.c: result                                                     */
/* ------------------------------------------------------------------ */

struct certshow__problem {
	uint32_t flag;
	char *message;
	bool warning;                /* not part of the verdict (soft
				      * revocation): certshow_result_warnings() */
};

/* Revocation facts of one path element (certshow_result_revocation()). */
struct certshow__rev {
	enum certshow_rev_status status;
	enum certshow_rev_source source;
	char *url;                   /* strdup'd or NULL */
	int reason;                  /* -1 when not given */
	int64_t revoked_at, this_update, next_update, produced_at;
	char *message;               /* strdup'd or NULL ("not checked") */
};

struct certshow__pelem {
	struct certshow_cert *cert;  /* owned copy */
	bool anchor;
	bool fetched;                /* came from a caIssuers URL */
	size_t n_prob;
	struct certshow__problem *prob;
	struct certshow__rev rev;
};

/* What a verification checked (certshow_result_checked()): copies of
 * the options' inputs and of the trust store's description, so that the
 * result stands alone. */
struct certshow__checked {
	enum certshow_peer_kind peer_kind;
	char *peer_name;
	enum certshow_purpose purpose;
	char *purpose_oid;
	enum certshow_profile profile;
	bool time_given;
	unsigned revocation; /* CERTSHOW_CHECKED_* */
	size_t crls;
	size_t anchors;
	struct certshow__trust_src *src;
	size_t n_src;
};

struct certshow_result {
	uint32_t flags;
	size_t n;
	struct certshow__pelem *path;
	char *missing_issuer;
	char *missing_issuer_url;
	char *source;                /* source name of the leaf */
	int64_t time;                /* verification time used */
	unsigned long work;          /* signature checks made */
	bool fetched;                /* the path uses a fetched issuer */
	/* Policy processing (policy.c): checked, and the authority- and
	 * user-constrained sets (certshow_policy_set order), strdup'd. */
	bool policy_checked;
	char **policies[2];
	size_t n_policies[2];
	/* Revocation stage (revocation.c): it ran (a staple, CRLs or
	 * online checking were asked for), and the warnings. */
	bool rev_checked;
	uint32_t warnings;
	/* Expiry stage (expiry.c): the warn_days it ran with, 0 when not. */
	unsigned warn_days;
	/* What was checked (checked.c). */
	struct certshow__checked chk;
};

/* ------------------------------------------------------------------ */
/* revocation.c: the revocation stage of certshow_verify()              */
/* ------------------------------------------------------------------ */

/* Reset *rv to "not checked". */
void certshow__rev_init(struct certshow__rev *rv);
void certshow__rev_clear(struct certshow__rev *rv);
/* After the path of r is chosen (and its CRL facts recorded by
 * verify.c): the stapled OCSP response, live OCSP, must-staple, and the
 * soft/hard policy for what stays undecided (doc/verification.md,
 * "Revocation"). Adds problems to r's path and recomputes r->flags and
 * r->warnings. Returns 0 or CERTSHOW_E_NOMEM. */
int certshow__revocation_stage(struct certshow_ctx *ctx,
    struct certshow_result *r, const struct certshow_verify_opts *o);
/* CRL download (CERTSHOW_ONLINE_CRL): for the certificates of r's path
 * that need an answer, fetch the CRLs of their cRLDistributionPoints
 * (online.c). *out is NULL when none came, else a new set holding
 * copies of o->crls and the downloaded CRLs (the caller frees it).
 * Download failures are not errors (the CRL check then finds no CRL).
 * Returns 0 or CERTSHOW_E_NOMEM. */
int certshow__revocation_download(struct certshow_ctx *ctx,
    const struct certshow_result *r, const struct certshow_verify_opts *o,
    struct certshow_crls **out);
/* Add a problem (`warning`: not part of the verdict) to path element i
 * of r, worded as verify.c words them ("certificate I (SUBJECT) MSG").
 * Returns 0 or -1 (out of memory). */
int certshow__result_add_problem(struct certshow_result *r, size_t i,
    uint32_t flag, bool warning, const char *msg);
/* Recompute r->flags and r->warnings from the problems of r's path. */
void certshow__result_recompute_flags(struct certshow_result *r);

/* ------------------------------------------------------------------ */
/* checked.c: what a verification checked                              */
/* ------------------------------------------------------------------ */

/* Fill r->chk from the caller's options `o` (before any CRL download
 * was merged into them) and the trust store. 0 or CERTSHOW_E_NOMEM. */
int
certshow__checked_record(struct certshow_ctx *ctx, struct certshow_result *r,
    const struct certshow_trust *trust, const struct certshow_verify_opts *o);
void certshow__checked_free(struct certshow__checked *c);

/* ------------------------------------------------------------------ */
/* expiry.c: expiry warnings, the last stage of certshow_verify()        */
/* ------------------------------------------------------------------ */

/* With o->warn_days: an EXPIRES_SOON warning on each path element of r
 * that expires soon at r->time, and in r->warnings. Returns 0 or
 * CERTSHOW_E_NOMEM. */
int certshow__expiry_stage(struct certshow_ctx *ctx, struct certshow_result *r,
    const struct certshow_verify_opts *o);

/* The revocation mode `o` means (DEFAULT resolved). */
enum certshow_revocation_mode certshow__revocation_mode(
    const struct certshow_verify_opts *o);

#endif
