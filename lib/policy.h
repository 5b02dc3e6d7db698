/*
 * policy.h - certificate policy processing (RFC 5280 6.1.2 to 6.1.5) for
 * verify.c. Not installed.
 */
#ifndef CERTSHOW_POLICY_H
#define CERTSHOW_POLICY_H

#include "internal.h"

#define CERTSHOW__OID_ANY_POLICY "2.5.29.32.0"

/* Bound on the valid_policy_tree: nodes plus expected_policy_set entries.
 * A path of a few certificates with many policies and mappings can grow
 * the tree exponentially (CVE-2023-0464); past this bound the path is
 * rejected (CERTSHOW_V_POLICY_LIMIT) instead of processed. */
#define CERTSHOW__POLICY_TREE_MAX 4096
/* Bound on the comparisons one path's processing makes (certificates may
 * list very many policies and mappings); past it, the same verdict. */
#define CERTSHOW__POLICY_WORK_MAX (1ul << 24)

/* RFC 5280 6.1.1 (c), (e), (f), (g). */
struct certshow__policy_in {
	const char *const *user_set; /* user-initial-policy-set; n_user == 0
				      * means {anyPolicy} */
	size_t n_user;
	bool explicit_policy;        /* initial-explicit-policy */
	bool inhibit_mapping;        /* initial-policy-mapping-inhibit */
	bool inhibit_any;            /* initial-any-policy-inhibit */
};

/* One certificate of the path below the anchor. */
struct certshow__policy_cert {
	const struct certshow_cert *c;
	bool self_issued;
};

enum certshow__policy_status {
	CERTSHOW__POLICY_OK = 0,
	CERTSHOW__POLICY_FAIL,       /* 6.1.3 (f): explicit policy required,
				      * the tree is empty */
	CERTSHOW__POLICY_NONE_ACCEPTABLE, /* 6.1.5 (g): the same after the
				      * intersection with the user set */
	CERTSHOW__POLICY_ANY_MAPPED, /* 6.1.4 (a): a mapping of anyPolicy */
	CERTSHOW__POLICY_LIMIT       /* the tree bound was hit */
};

struct certshow__policy_out {
	enum certshow__policy_status status;
	size_t at;                   /* certificate (index into the array
				      * given) the status concerns */
	/* With want_sets: the authority-constrained policy set (the
	 * valid_policy of every leaf-depth node of the tree after 6.1.5,
	 * before the intersection with the user set) and the
	 * user-constrained policy set (after it), malloc'd arrays of
	 * borrowed strings (from the certificates or the input), in tree
	 * order without duplicates. Either may hold anyPolicy. */
	const char **auth;
	size_t n_auth;
	const char **user;
	size_t n_user;
};

/* Run the policy algorithm over path[0..n): path[0] is the certificate
 * the anchor issued, path[n-1] the end entity (RFC 5280's order, certs
 * 1..n). Fills *out (free with certshow__policy_out_free()). Returns 0
 * or CERTSHOW_E_NOMEM. */
int certshow__policy_run(const struct certshow__policy_cert *path, size_t n,
    const struct certshow__policy_in *in, bool want_sets,
    struct certshow__policy_out *out);
void certshow__policy_out_free(struct certshow__policy_out *out);

/* The policy inputs of verification options (version 3 or upgraded):
 * *enabled tells whether policies are processed (always under the
 * rfc5280 profile, under webpki only when an input is set); *in borrows
 * the user set. An OID that is not dotted decimal is CERTSHOW_E_INVAL. */
int certshow__policy_opts(struct certshow_ctx *ctx,
    const struct certshow_verify_opts *o, bool *enabled,
    struct certshow__policy_in *in);
/* Copy the sets of *out into the result (policy checked). Returns 0 or
 * CERTSHOW_E_NOMEM. */
int certshow__policy_result_set(struct certshow_result *r,
    const struct certshow__policy_out *out);
void certshow__policy_result_free(struct certshow_result *r);

#endif
