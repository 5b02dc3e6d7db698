/*
 * online.c - CRL download and AIA issuer fetching for certshow_verify().
 *
 * Both only fetch and decode: the CRLs land in a certshow_crls set that
 * crl.c checks like any other (signer, scope, dates: a downloaded CRL
 * gets no more trust than a file), and the certificates land in a pool
 * of candidate intermediates that the path builder may or may not use
 * (an unrelated certificate changes nothing). The answers are cached
 * (netcache.c) under the verification time.
 */
#include "online.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http.h"
#include "netcache.h"
#include "verify.h"

unsigned
certshow__online_timeout_ms(const struct certshow_verify_opts *o)
{
	if (o == NULL || o->version < 4 || o->http_timeout_ms == 0) {
		return CERTSHOW__HTTP_TIMEOUT_MS;
	}
	return o->http_timeout_ms;
}

int
certshow__online_url_ok(const char *url)
{
	return url != NULL && (strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0);
}

/* "PREFIX:URL", malloc'd. */
static char *
cache_key(const char *prefix, const char *url)
{
	size_t n = strlen(prefix) + strlen(url) + 2;
	char *k = malloc(n);

	if (k != NULL) {
		snprintf(k, n, "%s:%s", prefix, url);
	}
	return k;
}

/* Cached answer or a fresh fetch; *fresh tells which, *max_age is the
 * answer's (-1 when none or cached). */
static int
get_or_fetch(struct certshow_ctx *ctx, const struct certshow_verify_opts *o,
    const char *key, const char *url, size_t max, int64_t now,
    uint8_t **data, size_t *len, bool *fresh, long *max_age)
{
	struct certshow__http_req req;
	int rv;

	*fresh = false;
	*max_age = -1;
	rv = certshow__netcache_get(ctx, o, key, now, data, len);
	if (rv != CERTSHOW_E_NOTFOUND) {
		return rv;
	}
	memset(&req, 0, sizeof(req));
	req.url = url;
	req.max_size = max;
	req.timeout_ms = certshow__online_timeout_ms(o);
	rv = certshow__http_fetch(ctx, &req, data, len, max_age);
	if (rv == 0) {
		*fresh = true;
	}
	return rv;
}

/* Cache a fresh answer until `expires` (not when already past); a disk
 * that cannot be written costs only the cache. */
static void
keep(struct certshow_ctx *ctx, const struct certshow_verify_opts *o,
    const char *key, const uint8_t *data, size_t len, int64_t now,
    int64_t expires)
{
	char saved[CERTSHOW__ERRBUF];
	int code = ctx->err_code;

	if (expires <= now) {
		return;
	}
	memcpy(saved, ctx->err, sizeof(saved));
	(void)certshow__netcache_put(ctx, o, key, data, len, expires);
	memcpy(ctx->err, saved, sizeof(saved));
	ctx->err_code = code;
}

/* When a CRL may be reused: its nextUpdate, capped by max-age. */
static int64_t
crl_expiry(const struct certshow__crl *c, int64_t now, long max_age)
{
	int64_t exp;

	if (max_age == 0) {
		return now; /* no-store, no-cache */
	}
	if (!c->has_next) {
		return max_age > 0 ? now + max_age : now;
	}
	exp = c->next_update;
	if (max_age > 0 && now + max_age < exp) {
		exp = now + max_age;
	}
	return exp;
}

/* One distribution point: 0 with the CRLs added to `into`, or an error. */
static int
crl_from_url(struct certshow_ctx *ctx, const struct certshow_verify_opts *o,
    const char *url, int64_t now, struct certshow_crls *into, size_t *added)
{
	uint8_t *data = NULL;
	size_t len = 0, before = into->n, i;
	char *key = cache_key("crl", url);
	char pu[256];
	bool fresh;
	long max_age;
	int64_t exp;
	int rv;

	if (key == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	rv = get_or_fetch(ctx, o, key, url, CERTSHOW__HTTP_MAX_CRL, now,
	    &data, &len, &fresh, &max_age);
	if (rv != 0) {
		goto out;
	}
	certshow__http_url_printable(url, pu, sizeof(pu));
	rv = certshow_crls_add_mem(ctx, into, data, len, pu);
	if (rv != 0) {
		goto out;
	}
	*added += into->n - before;
	if (fresh) {
		/* The soonest expiry of what the URL answered. */
		exp = INT64_MAX;
		for (i = before; i < into->n; i++) {
			int64_t e = crl_expiry(&into->v[i], now, max_age);

			exp = e < exp ? e : exp;
		}
		keep(ctx, o, key, data, len, now, exp);
	}
out:
	free(data);
	free(key);
	return rv;
}

int
certshow__crl_download(struct certshow_ctx *ctx,
    const struct certshow_verify_opts *o, const struct certshow_cert *cert,
    int64_t now, struct certshow_crls *into)
{
	size_t i, added = 0, tried = 0;
	int rv, last = 0;

	for (i = 0; i < cert->crl_dp.n; i++) {
		const char *url = cert->crl_dp.v[i];

		if (!certshow__online_url_ok(url)) {
			continue;
		}
		tried++;
		rv = crl_from_url(ctx, o, url, now, into, &added);
		if (rv == CERTSHOW_E_NOMEM) {
			return rv;
		}
		if (rv != 0) {
			last = rv;
		}
	}
	if (tried > 0 && added == 0) {
		return last;
	}
	return (int)(added > (size_t)INT32_MAX ? INT32_MAX : added);
}

static bool
in_chain(const struct certshow_chain *ch, const struct certshow_cert *c)
{
	size_t i, n = certshow_chain_count(ch);

	for (i = 0; i < n; i++) {
		const struct certshow_cert *x = certshow_chain_get(ch, i);

		if (x->der_len == c->der_len &&
		    memcmp(x->der, c->der, c->der_len) == 0) {
			return true;
		}
	}
	return false;
}

int
certshow__aia_fetch(struct certshow_ctx *ctx,
    const struct certshow_verify_opts *o, const char *url, int64_t now,
    struct certshow_chain *into)
{
	struct certshow_chain *got = NULL;
	uint8_t *data = NULL;
	size_t len = 0, i, n, added = 0;
	char *key;
	bool fresh;
	long max_age;
	int rv;

	if (!certshow__online_url_ok(url)) {
		char pu[256];

		return certshow__set_error(ctx, CERTSHOW_E_UNSUPPORTED,
		    "%s: only http and https URLs are fetched",
		    certshow__http_url_printable(url, pu, sizeof(pu)));
	}
	key = cache_key("url", url);
	if (key == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	rv = get_or_fetch(ctx, o, key, url, CERTSHOW__HTTP_MAX_CERT, now,
	    &data, &len, &fresh, &max_age);
	if (rv != 0) {
		goto out;
	}
	/* The URL is the certificates' source, as a file name would be. */
	rv = certshow_chain_load_mem(ctx, &got, data, len, url);
	if (rv != 0) {
		goto out;
	}
	if (fresh) {
		keep(ctx, o, key, data, len, now, max_age < 0 ?
		    now + CERTSHOW__ONLINE_CERT_TTL : now + max_age);
	}
	n = certshow_chain_count(got);
	for (i = 0; i < n; i++) {
		const struct certshow_cert *c = certshow_chain_get(got, i);
		struct certshow_cert *copy;

		if (in_chain(into, c)) {
			continue;
		}
		rv = certshow__cert_new(ctx, &copy, c->der, c->der_len, url,
		    c->source_index);
		if (rv != 0) {
			goto out;
		}
		rv = certshow_chain_add(ctx, into, copy);
		if (rv != 0) {
			certshow_cert_free(copy);
			goto out;
		}
		added++;
	}
	rv = (int)added;
out:
	certshow_chain_free(got);
	free(data);
	free(key);
	return rv;
}
