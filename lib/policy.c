/*
 * policy.c - certificate policy processing, RFC 5280 6.1.2 to 6.1.5.
 *
 * The valid_policy_tree is a flat array of nodes (valid_policy, parent,
 * depth, expected_policy_set, live child count); deleted nodes stay in
 * the array, marked dead. Policy qualifiers are not kept: RFC 5280 6.1
 * lets a verifier ignore them and certshow has no use for them. Every
 * node and every expected_policy_set entry ever created counts against
 * CERTSHOW__POLICY_TREE_MAX, so the work is bounded whatever the path
 * holds (the tree of a few certificates with many policies, mappings and
 * anyPolicy can otherwise grow exponentially: CVE-2023-0464).
 *
 * Certificates are numbered as in the RFC, 1..n from the one the anchor
 * issued to the end entity; the tree's depth i holds the nodes created
 * for certificate i.
 */
#include "policy.h"
#include "verify.h"

#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)

struct pnode {
	const char *policy;          /* valid_policy */
	size_t parent;               /* NONE for the root */
	size_t exp, n_exp;           /* expected_policy_set in pool */
	size_t depth;
	size_t children;             /* live children */
	bool dead;
};

struct tree {
	struct pnode *v;
	size_t n, cap;
	const char **pool;
	size_t n_pool, cap_pool;
	bool null;                   /* valid_policy_tree == NULL */
	bool limit;                  /* a bound was hit */
	bool oom;
	unsigned long work;          /* comparisons, see charge() */
};

/* Count n steps of work (comparisons); false once the total passes
 * CERTSHOW__POLICY_WORK_MAX. A certificate may list a hundred thousand
 * policies or mappings, and the loops over them are quadratic. */
static bool
charge(struct tree *t, size_t n)
{
	t->work += n;
	if (t->work > CERTSHOW__POLICY_WORK_MAX) {
		t->limit = true;
		return false;
	}
	return true;
}

static bool
is_any(const char *oid)
{
	return strcmp(oid, CERTSHOW__OID_ANY_POLICY) == 0;
}

static bool
in_set(const char *const *v, size_t n, const char *oid)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(v[i], oid) == 0) {
			return true;
		}
	}
	return false;
}

/* Append n strings to the pool; returns their offset or NONE. */
static size_t
pool_add(struct tree *t, const char *const *s, size_t n)
{
	const char **np;
	size_t at;

	if (t->n + t->n_pool + n > CERTSHOW__POLICY_TREE_MAX) {
		t->limit = true;
		return NONE;
	}
	if (t->n_pool + n > t->cap_pool) {
		np = certshow__grow(t->pool, &t->cap_pool, t->n_pool + n,
		    sizeof(*np), 16);
		if (np == NULL) {
			t->oom = true;
			return NONE;
		}
		t->pool = np;
	}
	at = t->n_pool;
	memcpy(t->pool + at, s, n * sizeof(*s));
	t->n_pool += n;
	return at;
}

/* A new node; its expected_policy_set is {policy} unless exp is given.
 * Returns false when the bound was hit or memory ran out. */
static bool
node_add(struct tree *t, size_t parent, const char *policy,
    const char *const *exp, size_t n_exp)
{
	struct pnode *nv;
	size_t at;

	if (t->n + 1 + t->n_pool + (exp != NULL ? n_exp : 1) >
	    CERTSHOW__POLICY_TREE_MAX) {
		t->limit = true;
		return false;
	}
	if (t->n == t->cap) {
		nv = certshow__grow(t->v, &t->cap,
		    t->n + 1, sizeof(*nv), 16);
		if (nv == NULL) {
			t->oom = true;
			return false;
		}
		t->v = nv;
	}
	if (exp == NULL) {
		exp = &policy;
		n_exp = 1;
	}
	at = pool_add(t, exp, n_exp);
	if (at == NONE) {
		return false;
	}
	t->v[t->n].policy = policy;
	t->v[t->n].parent = parent;
	t->v[t->n].exp = at;
	t->v[t->n].n_exp = n_exp;
	t->v[t->n].depth = parent == NONE ? 0 : t->v[parent].depth + 1;
	t->v[t->n].children = 0;
	t->v[t->n].dead = false;
	if (parent != NONE) {
		t->v[parent].children++;
	}
	t->n++;
	return true;
}

static bool
live_at(const struct tree *t, size_t k, size_t depth)
{
	return !t->v[k].dead && t->v[k].depth == depth;
}

static void
node_kill(struct tree *t, size_t k)
{
	t->v[k].dead = true;
	if (t->v[k].parent != NONE) {
		t->v[t->v[k].parent].children--;
	} else {
		t->null = true;
	}
}

/* Delete every node of depth below `depth` without children, deepest
 * first so that the deletions cascade up (6.1.3 (d)(3), 6.1.4 (b)(2),
 * 6.1.5 (g)(iii)(4)). */
static void
prune(struct tree *t, size_t depth)
{
	size_t d, k;

	for (d = depth; d-- > 0;) {
		for (k = 0; k < t->n; k++) {
			if (live_at(t, k, d) && t->v[k].children == 0) {
				node_kill(t, k);
			}
		}
	}
}

/* The live node of `depth` with valid_policy anyPolicy, or NONE. */
static size_t
any_node(const struct tree *t, size_t depth)
{
	size_t k;

	for (k = 0; k < t->n; k++) {
		if (live_at(t, k, depth) && is_any(t->v[k].policy)) {
			return k;
		}
	}
	return NONE;
}

static bool
has_child(const struct tree *t, size_t parent, const char *policy)
{
	size_t k;

	for (k = parent + 1; k < t->n; k++) {
		if (!t->v[k].dead && t->v[k].parent == parent &&
		    strcmp(t->v[k].policy, policy) == 0) {
			return true;
		}
	}
	return false;
}

/* 6.1.3 (d): certificate i (1-based) with a certificatePolicies
 * extension. */
static void
process_policies(struct tree *t, const struct certshow_cert *c, size_t i,
    bool any_ok)
{
	const char *p;
	size_t j, k, m, end = t->n;
	bool matched, has_any = false;

	for (j = 0; j < c->policies.n && !t->limit && !t->oom; j++) {
		p = c->policies.v[j];
		if (!charge(t, j + end)) {
			return;
		}
		if (is_any(p)) {
			has_any = true;
			continue;
		}
		if (in_set(c->policies.v, j, p)) {
			continue; /* listed twice: processed already */
		}
		/* (d)(1)(i): children of the nodes that expect P. */
		matched = false;
		for (k = 0; k < end; k++) {
			if (live_at(t, k, i - 1) && in_set(t->pool + t->v[k].exp,
			    t->v[k].n_exp, p)) {
				matched = true;
				if (!node_add(t, k, p, NULL, 0)) {
					return;
				}
			}
		}
		/* (d)(1)(ii): otherwise a child of anyPolicy. */
		k = matched ? NONE : any_node(t, i - 1);
		if (k != NONE && !node_add(t, k, p, NULL, 0)) {
			return;
		}
	}
	/* (d)(2): anyPolicy expands every expected policy not yet a
	 * child. */
	if (has_any && any_ok) {
		for (k = 0; k < end; k++) {
			if (!live_at(t, k, i - 1)) {
				continue;
			}
			for (m = 0; m < t->v[k].n_exp; m++) {
				p = t->pool[t->v[k].exp + m];
				if (!charge(t, t->n)) {
					return;
				}
				if (!has_child(t, k, p) &&
				    !node_add(t, k, p, NULL, 0)) {
					return;
				}
			}
		}
	}
	/* (d)(3) */
	prune(t, i);
}

static bool
mapping_has_any(const struct certshow_cert *c)
{
	size_t j;

	for (j = 0; j < c->n_pmap; j++) {
		if (is_any(c->pmap_from[j]) || is_any(c->pmap_to[j])) {
			return true;
		}
	}
	return false;
}

/* 6.1.4 (b): the mappings of certificate i. */
static void
process_mappings(struct tree *t, const struct certshow_cert *c, size_t i,
    bool mapping_ok)
{
	const char *idp, *set[64], **big = NULL, **to;
	size_t j, k, ns, anyk, at;
	bool found;

	for (j = 0; j < c->n_pmap && !t->limit && !t->oom && !t->null; j++) {
		idp = c->pmap_from[j];
		if (!charge(t, j + c->n_pmap + t->n)) {
			return;
		}
		if (in_set(c->pmap_from, j, idp)) {
			continue; /* this ID-P is done */
		}
		if (!mapping_ok) {
			/* (b)(2) */
			for (k = 0; k < t->n; k++) {
				if (live_at(t, k, i) &&
				    strcmp(t->v[k].policy, idp) == 0) {
					node_kill(t, k);
				}
			}
			prune(t, i);
			continue;
		}
		/* (b)(1): the subjectDomainPolicy set of ID-P. */
		to = set;
		if (c->n_pmap > sizeof(set) / sizeof(set[0])) {
			big = malloc(c->n_pmap * sizeof(*big));
			if (big == NULL) {
				t->oom = true;
				return;
			}
			to = big;
		}
		ns = 0;
		for (k = j; k < c->n_pmap; k++) {
			if (strcmp(c->pmap_from[k], idp) == 0 &&
			    !in_set(to, ns, c->pmap_to[k])) {
				to[ns++] = c->pmap_to[k];
			}
		}
		found = false;
		for (k = 0; k < t->n; k++) {
			if (live_at(t, k, i) &&
			    strcmp(t->v[k].policy, idp) == 0) {
				found = true;
				at = pool_add(t, to, ns);
				if (at == NONE) {
					break;
				}
				t->v[k].exp = at;
				t->v[k].n_exp = ns;
			}
		}
		anyk = found ? NONE : any_node(t, i);
		if (anyk != NONE) {
			(void)node_add(t, t->v[anyk].parent, idp, to, ns);
		}
		free(big);
		big = NULL;
	}
}

/* Collect the valid_policy of the nodes whose parent is anyPolicy, and
 * anyPolicy itself when a leaf-depth anyPolicy node survives. */
static int
collect(const struct tree *t, size_t n, const char ***out, size_t *n_out)
{
	const char **v;
	const char *p;
	size_t k, par, cnt = 0;

	*out = NULL;
	*n_out = 0;
	if (t->null) {
		return 0;
	}
	v = malloc((t->n + 1) * sizeof(*v));
	if (v == NULL) {
		return CERTSHOW_E_NOMEM;
	}
	for (k = 0; k < t->n; k++) {
		if (t->v[k].dead) {
			continue;
		}
		par = t->v[k].parent;
		p = t->v[k].policy;
		if (is_any(p)) {
			if (t->v[k].depth != n) {
				continue;
			}
		} else if (par == NONE || !is_any(t->v[par].policy)) {
			continue;
		}
		if (!in_set(v, cnt, p)) {
			v[cnt++] = p;
		}
	}
	*out = v;
	*n_out = cnt;
	return 0;
}

/* 6.1.5 (g)(iii): intersect the tree with a user set that is not
 * {anyPolicy}. */
static void
intersect(struct tree *t, size_t n, const struct certshow__policy_in *in)
{
	size_t k, par, anyk, end = t->n, u;

	if (t->null) {
		return;
	}
	/* (2): nodes of valid_policy_node_set outside the user set go. */
	for (k = 0; k < end; k++) {
		par = t->v[k].parent;
		if (!t->v[k].dead && par != NONE && is_any(t->v[par].policy) &&
		    !is_any(t->v[k].policy) &&
		    !in_set(in->user_set, in->n_user, t->v[k].policy)) {
			node_kill(t, k);
		}
	}
	/* A deleted node takes its descendants with it. */
	for (k = 0; k < end; k++) {
		par = t->v[k].parent;
		if (!t->v[k].dead && par != NONE && t->v[par].dead) {
			node_kill(t, k);
		}
	}
	/* (3): a leaf-depth anyPolicy node becomes the user policies not
	 * already in valid_policy_node_set. */
	anyk = any_node(t, n);
	if (anyk != NONE) {
		par = t->v[anyk].parent;
		for (u = 0; u < in->n_user; u++) {
			bool have = false;

			if (!charge(t, t->n)) {
				return;
			}
			for (k = 0; k < t->n; k++) {
				size_t pk = t->v[k].parent;

				if (!t->v[k].dead && pk != NONE &&
				    is_any(t->v[pk].policy) &&
				    strcmp(t->v[k].policy,
				    in->user_set[u]) == 0) {
					have = true;
				}
			}
			if (!have && !node_add(t, par, in->user_set[u], NULL,
			    0)) {
				return;
			}
		}
		node_kill(t, anyk);
	}
	/* (4) */
	prune(t, n);
}

void
certshow__policy_out_free(struct certshow__policy_out *out)
{
	free(out->auth);
	free(out->user);
	out->auth = NULL;
	out->user = NULL;
	out->n_auth = out->n_user = 0;
}

static void
fail(struct certshow__policy_out *out, enum certshow__policy_status st,
    size_t at)
{
	out->status = st;
	out->at = at;
}

/* The state variables of RFC 5280 6.1.2 (d)-(f). */
struct counters {
	size_t explicit_policy;
	size_t inhibit_any;
	size_t policy_mapping;
};

/* The tree after a step: CERTSHOW_E_NOMEM when out of memory, 1 when the
 * size limit stopped the run at certificate at (out says so), 0 to go
 * on. */
static int
tree_check(const struct tree *t, struct certshow__policy_out *out,
    size_t at)
{
	if (t->oom) {
		return CERTSHOW_E_NOMEM;
	}
	if (t->limit) {
		fail(out, CERTSHOW__POLICY_LIMIT, at);
		return 1;
	}
	return 0;
}

/* 6.1.4 (a), (b): the policy mappings of certificate i; returns as
 * tree_check(). */
static int
map_step(struct tree *t, const struct certshow_cert *c, size_t i,
    bool mapping_ok, struct certshow__policy_out *out)
{
	if (c->n_pmap == 0) {
		return 0;
	}
	if (mapping_has_any(c)) {
		fail(out, CERTSHOW__POLICY_ANY_MAPPED, i - 1);
		return 1;
	}
	if (!t->null) {
		process_mappings(t, c, i, mapping_ok);
	}
	return tree_check(t, out, i - 1);
}

/* 6.1.4 (h)-(j): the counters after certificate pc. */
static void
count_step(struct counters *k, const struct certshow__policy_cert *pc)
{
	const struct certshow_cert *c = pc->c;

	/* (h) */
	if (!pc->self_issued) {
		k->explicit_policy -= k->explicit_policy > 0;
		k->policy_mapping -= k->policy_mapping > 0;
		k->inhibit_any -= k->inhibit_any > 0;
	}
	/* (i), (j) */
	if (c->pc_require >= 0 &&
	    (size_t)c->pc_require < k->explicit_policy) {
		k->explicit_policy = (size_t)c->pc_require;
	}
	if (c->pc_inhibit >= 0 &&
	    (size_t)c->pc_inhibit < k->policy_mapping) {
		k->policy_mapping = (size_t)c->pc_inhibit;
	}
	if (c->inhibit_any >= 0 &&
	    (size_t)c->inhibit_any < k->inhibit_any) {
		k->inhibit_any = (size_t)c->inhibit_any;
	}
}

int
certshow__policy_run(const struct certshow__policy_cert *path, size_t n,
    const struct certshow__policy_in *in, bool want_sets,
    struct certshow__policy_out *out)
{
	static const char *const any = CERTSHOW__OID_ANY_POLICY;
	struct tree t;
	struct counters k;
	const struct certshow_cert *c;
	size_t i;
	bool user_any;
	int rv = 0;

	memset(out, 0, sizeof(*out));
	memset(&t, 0, sizeof(t));
	/* 6.1.2 */
	if (!node_add(&t, NONE, any, NULL, 0)) {
		return CERTSHOW_E_NOMEM;
	}
	k.explicit_policy = in->explicit_policy ? 0 : n + 1;
	k.inhibit_any = in->inhibit_any ? 0 : n + 1;
	k.policy_mapping = in->inhibit_mapping ? 0 : n + 1;
	user_any = in->n_user == 0 || in_set(in->user_set, in->n_user, any);

	for (i = 1; i <= n; i++) {
		c = path[i - 1].c;
		/* 6.1.3 (d), (e) */
		if (!t.null && c->has_policies) {
			process_policies(&t, c, i, k.inhibit_any > 0 ||
			    (i < n && path[i - 1].self_issued));
		} else if (!t.null) {
			t.null = true;
		}
		rv = tree_check(&t, out, i - 1);
		if (rv != 0) {
			goto out;
		}
		/* (f) */
		if (k.explicit_policy == 0 && t.null) {
			fail(out, CERTSHOW__POLICY_FAIL, i - 1);
			goto out;
		}
		if (i == n) {
			break;
		}
		rv = map_step(&t, c, i, k.policy_mapping > 0, out);
		if (rv != 0) {
			goto out;
		}
		count_step(&k, &path[i - 1]);
	}
	/* 6.1.5 (a), (b) */
	k.explicit_policy -= k.explicit_policy > 0;
	if (n > 0 && path[n - 1].c->pc_require == 0) {
		k.explicit_policy = 0;
	}
	if (want_sets && collect(&t, n, &out->auth, &out->n_auth) != 0) {
		rv = CERTSHOW_E_NOMEM;
		goto out;
	}
	/* (g) */
	if (!user_any) {
		intersect(&t, n, in);
		rv = tree_check(&t, out, n - 1);
		if (rv != 0) {
			goto out;
		}
	}
	if (want_sets && collect(&t, n, &out->user, &out->n_user) != 0) {
		rv = CERTSHOW_E_NOMEM;
		goto out;
	}
	if (k.explicit_policy == 0 && t.null) {
		fail(out, CERTSHOW__POLICY_NONE_ACCEPTABLE, n - 1);
	}
out:
	free(t.v);
	free(t.pool);
	if (rv < 0) {
		certshow__policy_out_free(out);
		return rv;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Options and result                                                   */
/* ------------------------------------------------------------------ */

/* Dotted decimal with at least two arcs, the first 0..2 (X.660). */
static bool
oid_dotted(const char *s)
{
	size_t arcs = 0;
	const char *p = s;

	if (s == NULL || (s[0] < '0' || s[0] > '2') || s[1] != '.') {
		return false;
	}
	while (*p != '\0') {
		if (*p < '0' || *p > '9' || (*p == '0' && p[1] >= '0' &&
		    p[1] <= '9')) {
			return false;
		}
		while (*p >= '0' && *p <= '9') {
			p++;
		}
		arcs++;
		if (*p == '.') {
			p++;
			if (*p == '\0') {
				return false;
			}
		} else if (*p != '\0') {
			return false;
		}
	}
	return arcs >= 2;
}

int
certshow__policy_opts(struct certshow_ctx *ctx,
    const struct certshow_verify_opts *o, bool *enabled,
    struct certshow__policy_in *in)
{
	size_t i;

	memset(in, 0, sizeof(*in));
	if (o->n_policies > 0 && o->policies == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_verify: n_policies without policies");
	}
	for (i = 0; i < o->n_policies; i++) {
		if (!oid_dotted(o->policies[i])) {
			return certshow__set_error(ctx, CERTSHOW_E_INVAL,
			    "certshow_verify: policy '%s' is not a dotted "
			    "OID", o->policies[i] != NULL ? o->policies[i] :
			    "(null)");
		}
	}
	in->user_set = o->policies;
	in->n_user = o->n_policies;
	in->explicit_policy = o->explicit_policy != 0;
	in->inhibit_mapping = o->inhibit_policy_mapping != 0;
	in->inhibit_any = o->inhibit_any_policy != 0;
	*enabled = o->profile == CERTSHOW_PROFILE_RFC5280 ||
	    o->n_policies > 0 || in->explicit_policy ||
	    in->inhibit_mapping || in->inhibit_any;
	return 0;
}

static int
copy_set(char ***out, size_t *n_out, const char **v, size_t n)
{
	size_t i;

	*n_out = 0;
	*out = n > 0 ? calloc(n, sizeof(**out)) : NULL;
	if (n > 0 && *out == NULL) {
		return CERTSHOW_E_NOMEM;
	}
	for (i = 0; i < n; i++) {
		(*out)[i] = strdup(v[i]);
		if ((*out)[i] == NULL) {
			return CERTSHOW_E_NOMEM;
		}
		(*n_out)++;
	}
	return 0;
}

int
certshow__policy_result_set(struct certshow_result *r,
    const struct certshow__policy_out *out)
{
	r->policy_checked = true;
	if (copy_set(&r->policies[CERTSHOW_POLICY_SET_AUTHORITY],
	    &r->n_policies[CERTSHOW_POLICY_SET_AUTHORITY], out->auth,
	    out->n_auth) != 0 ||
	    copy_set(&r->policies[CERTSHOW_POLICY_SET_USER],
	    &r->n_policies[CERTSHOW_POLICY_SET_USER], out->user,
	    out->n_user) != 0) {
		return CERTSHOW_E_NOMEM;
	}
	return 0;
}

void
certshow__policy_result_free(struct certshow_result *r)
{
	size_t s, i;

	for (s = 0; s < 2; s++) {
		for (i = 0; i < r->n_policies[s]; i++) {
			free(r->policies[s][i]);
		}
		free(r->policies[s]);
		r->policies[s] = NULL;
		r->n_policies[s] = 0;
	}
}

size_t
certshow_result_policy_count(const struct certshow_result *r,
    enum certshow_policy_set set, int *checked)
{
	if (checked != NULL) {
		*checked = r != NULL && r->policy_checked ? 1 : 0;
	}
	if (r == NULL || (set != CERTSHOW_POLICY_SET_AUTHORITY &&
	    set != CERTSHOW_POLICY_SET_USER)) {
		return 0;
	}
	return r->n_policies[set];
}

const char *
certshow_result_policy(const struct certshow_result *r,
    enum certshow_policy_set set, size_t i)
{
	if (i >= certshow_result_policy_count(r, set, NULL)) {
		return NULL;
	}
	return r->policies[set][i];
}
