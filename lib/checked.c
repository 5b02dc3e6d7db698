/*
 * checked.c - what a verification checked: the peer name and its kind,
 * purpose, profile, time, revocation sources and trust store, copied
 * into the result so that every report of a verdict can say it
 * (certshow_result_checked(), the "checked" object of JSON results and
 * the "Checked:" block of the text report).
 */
#include "verify.h"

#include <stdlib.h>
#include <string.h>

/* The extKeyUsage OIDs of the named purposes (as verify.c requires). */
#define OID_SERVER_AUTH "1.3.6.1.5.5.7.3.1"
#define OID_CLIENT_AUTH "1.3.6.1.5.5.7.3.2"

static int
dup_or_null(const char *s, char **out)
{
	*out = NULL;
	if (s == NULL) {
		return 0;
	}
	*out = strdup(s);
	return *out != NULL ? 0 : -1;
}

/* The revocation sources the options ask for (CERTSHOW_CHECKED_*). */
static unsigned
revocation_sources(const struct certshow_verify_opts *o)
{
	unsigned v = 0;

	if (o->ocsp_staple != NULL) {
		v |= CERTSHOW_CHECKED_STAPLE;
	}
	if ((o->online & CERTSHOW_ONLINE_OCSP) != 0) {
		v |= CERTSHOW_CHECKED_OCSP;
	} else if ((o->online & CERTSHOW_ONLINE_OCSP_LEAF) != 0) {
		v |= CERTSHOW_CHECKED_OCSP_LEAF;
	}
	if (o->crls != NULL) {
		v |= CERTSHOW_CHECKED_CRL_FILES;
	}
	if ((o->online & CERTSHOW_ONLINE_CRL) != 0) {
		v |= CERTSHOW_CHECKED_CRL_DOWNLOAD;
	}
	return v;
}

/* Copy the trust store's sources into c. 0 or -1 (out of memory). */
static int
copy_sources(struct certshow__checked *c, const struct certshow_trust *t)
{
	size_t i;

	c->anchors = t->n;
	if (t->n_src == 0) {
		return 0;
	}
	c->src = calloc(t->n_src, sizeof(*c->src));
	if (c->src == NULL) {
		return -1;
	}
	for (i = 0; i < t->n_src; i++) {
		c->src[i] = t->src[i];
		c->src[i].path = NULL;
		c->n_src++;
		if (dup_or_null(t->src[i].path, &c->src[i].path) != 0) {
			return -1;
		}
	}
	return 0;
}

int
certshow__checked_record(struct certshow_ctx *ctx, struct certshow_result *r,
    const struct certshow_trust *trust, const struct certshow_verify_opts *o)
{
	struct certshow__checked *c = &r->chk;
	const char *oid;

	c->peer_kind = o->peer_kind;
	c->purpose = o->purpose;
	c->profile = o->profile;
	c->time_given = o->has_time != 0;
	c->revocation = revocation_sources(o);
	c->crls = o->crls != NULL ? o->crls->n : 0;
	oid = o->purpose == CERTSHOW_PURPOSE_SERVER ? OID_SERVER_AUTH
	    : o->purpose == CERTSHOW_PURPOSE_CLIENT ? OID_CLIENT_AUTH
	    : o->purpose == CERTSHOW_PURPOSE_OID    ? o->purpose_oid
						    : NULL;
	if (dup_or_null(o->peer_kind != CERTSHOW_PEER_NONE ? o->peer_name
							   : NULL,
		&c->peer_name) != 0 ||
	    dup_or_null(oid, &c->purpose_oid) != 0 ||
	    copy_sources(c, trust) != 0) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory recording what was checked");
	}
	return 0;
}

void
certshow__checked_free(struct certshow__checked *c)
{
	size_t i;

	for (i = 0; i < c->n_src; i++) {
		free(c->src[i].path);
	}
	free(c->src);
	free(c->peer_name);
	free(c->purpose_oid);
	memset(c, 0, sizeof(*c));
}

int
certshow_result_checked(const struct certshow_result *r,
    struct certshow_checked *out)
{
	if (r == NULL || out == NULL ||
	    out->version != CERTSHOW_CHECKED_VERSION) {
		return CERTSHOW_E_INVAL;
	}
	out->peer_kind = r->chk.peer_kind;
	out->peer_name = r->chk.peer_name;
	out->purpose = r->chk.purpose;
	out->purpose_oid = r->chk.purpose_oid;
	out->profile = r->chk.profile;
	out->time = r->time;
	out->time_given = r->chk.time_given;
	out->revocation = r->chk.revocation;
	out->crls = r->chk.crls;
	out->trust_anchors = r->chk.anchors;
	out->trust_sources = r->chk.n_src;
	return 0;
}

int
certshow_result_trust_source(const struct certshow_result *r, size_t i,
    struct certshow_trust_source *out)
{
	if (r == NULL || out == NULL ||
	    out->version != CERTSHOW_TRUST_SOURCE_VERSION) {
		return CERTSHOW_E_INVAL;
	}
	if (i >= r->chk.n_src) {
		return CERTSHOW_E_NOTFOUND;
	}
	out->kind = r->chk.src[i].kind;
	out->path = r->chk.src[i].path;
	out->env = r->chk.src[i].env;
	out->anchors = r->chk.src[i].anchors;
	return 0;
}
