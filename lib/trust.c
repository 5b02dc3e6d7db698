/*
 * trust.c - trust stores: sets of anchor certificates.
 *
 * Loading is deliberately cheap: an anchor is kept as its DER bytes plus
 * the location of its subject Name, found by walking the first fields of
 * the TBSCertificate; nothing else is decoded until a verification looks
 * the anchor up (verify.c decodes the anchors it touches, per call). The
 * anchors are indexed by a hash of their normalized subject so an
 * issuer lookup costs one hash. Once loaded, a store is never modified by
 * verification and may be shared by threads.
 */
#include "verify.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

/* Bundle files of the common distributions, tried in order before asking
 * GnuTLS for its configured system trust (which parses every anchor and
 * costs several times more). */
static const char *const system_bundles[] = {
	"/etc/ssl/certs/ca-certificates.crt",  /* Debian, Ubuntu, Alpine */
	"/etc/pki/tls/certs/ca-bundle.crt",    /* Fedora, RHEL */
	"/etc/ssl/ca-bundle.pem",              /* openSUSE */
	"/etc/pki/tls/cacert.pem",             /* OpenELEC */
	"/etc/ssl/cert.pem",                   /* Alpine, macOS, BSD */
	"/usr/local/share/certs/ca-root-nss.crt", /* FreeBSD */
};

uint32_t
certshow__hash(const uint8_t *p, size_t len)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 16777619u;
	}
	return h;
}

int
certshow__cert_subject_der(const uint8_t *der, size_t len,
    const uint8_t **subject, size_t *subject_len, size_t *cert_len)
{
	struct certshow__der d;
	struct certshow__tlv cert, tbs, t;
	int i;

	certshow__der_init(&d, der, len);
	if (certshow__der_expect(&d, &cert, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0) {
		return -1;
	}
	*cert_len = cert.hdr_len + cert.len;
	certshow__der_enter(&d, &cert, der);
	if (certshow__der_expect(&d, &tbs, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0) {
		return -1;
	}
	certshow__der_enter(&d, &tbs, der);
	/* [0] version (optional), serial, signature, issuer, validity,
	 * subject (RFC 5280 4.1). */
	if (certshow__der_optional(&d, &t, CERTSHOW__CLASS_CONTEXT, 0,
	    true) < 0) {
		return -1;
	}
	for (i = 0; i < 5; i++) {
		if (certshow__der_next(&d, &t) != 0) {
			return -1;
		}
	}
	if (t.cls != CERTSHOW__CLASS_UNIVERSAL ||
	    t.tag != CERTSHOW__TAG_SEQUENCE || !t.constructed) {
		return -1;
	}
	*subject = t.hdr;
	*subject_len = t.hdr_len + t.len;
	return 0;
}

/* ------------------------------------------------------------------ */
/* The store                                                            */
/* ------------------------------------------------------------------ */

int
certshow_trust_new(struct certshow_ctx *ctx, struct certshow_trust **out)
{
	struct certshow_trust *t;

	if (out == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_trust_new: NULL out");
	}
	*out = NULL;
	t = calloc(1, sizeof(*t));
	if (t == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory creating a trust store");
	}
	*out = t;
	return 0;
}

void
certshow_trust_free(struct certshow_trust *t)
{
	size_t i;

	if (t == NULL) {
		return;
	}
	for (i = 0; i < t->n; i++) {
		free(t->a[i].der);
	}
	for (i = 0; i < t->n_failed; i++) {
		free(t->failed_path[i]);
		free(t->failed_reason[i]);
	}
	for (i = 0; i < t->n_sources; i++) {
		free(t->sources[i]);
	}
	free(t->sources);
	for (i = 0; i < t->n_src; i++) {
		free(t->src[i].path);
	}
	free(t->src);
	free(t->failed_path);
	free(t->failed_reason);
	free(t->a);
	free(t->bucket);
	free(t->next);
	free(t);
}

size_t
certshow_trust_count(const struct certshow_trust *t,
    enum certshow_trust_count which)
{
	if (t == NULL) {
		return 0;
	}
	switch (which) {
	case CERTSHOW_TRUST_ANCHORS:
		return t->n;
	case CERTSHOW_TRUST_FAILED:
		return t->n_failed;
	}
	return 0;
}

int
certshow_trust_failed(const struct certshow_trust *t, size_t i,
    const char **path, const char **reason)
{
	if (t == NULL || i >= t->n_failed) {
		return CERTSHOW_E_NOTFOUND;
	}
	if (path != NULL) {
		*path = t->failed_path[i];
	}
	if (reason != NULL) {
		*reason = t->failed_reason[i];
	}
	return 0;
}

size_t
certshow_trust_source_count(const struct certshow_trust *t)
{
	return t != NULL ? t->n_src : 0;
}

int
certshow_trust_source(const struct certshow_trust *t, size_t i,
    struct certshow_trust_source *out)
{
	if (t == NULL || out == NULL ||
	    out->version != CERTSHOW_TRUST_SOURCE_VERSION) {
		return CERTSHOW_E_INVAL;
	}
	if (i >= t->n_src) {
		return CERTSHOW_E_NOTFOUND;
	}
	out->kind = t->src[i].kind;
	out->path = t->src[i].path;
	out->env = t->src[i].env;
	out->anchors = t->src[i].anchors;
	return 0;
}

/* Record what an add call added: `kind` from `path` (may be NULL), the
 * anchors beyond the first `before`. 0 or CERTSHOW_E_NOMEM. */
static int
record_source(struct certshow_ctx *ctx, struct certshow_trust *t,
    enum certshow_trust_source_kind kind, const char *path, unsigned flags,
    size_t before)
{
	struct certshow__trust_src *ns, *e;

	ns = realloc(t->src, (t->n_src + 1) * sizeof(*ns));
	if (ns == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	t->src = ns;
	e = &t->src[t->n_src];
	e->kind = kind;
	e->path = NULL;
	if (path != NULL && (e->path = strdup(path)) == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	e->env = (flags & CERTSHOW_TRUST_FROM_SSL_CERT_FILE) != 0
	    ? "SSL_CERT_FILE"
	    : (flags & CERTSHOW_TRUST_FROM_SSL_CERT_DIR) != 0 ? "SSL_CERT_DIR"
							      : NULL;
	e->anchors = t->n - before;
	t->n_src++;
	return 0;
}

static int
record_failure(struct certshow_ctx *ctx, struct certshow_trust *t,
    const char *path, const char *reason)
{
	char **np, **nr;
	size_t cap;

	if (t->n_failed == t->cap_failed) {
		/* Two arrays of one capacity: grow the second to the first's. */
		cap = t->cap_failed;
		np = certshow__grow(t->failed_path, &cap, t->n_failed + 1,
		    sizeof(*np), 8);
		if (np == NULL) {
			return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
			    "out of memory");
		}
		t->failed_path = np;
		nr = realloc(t->failed_reason, cap * sizeof(*nr));
		if (nr == NULL) {
			return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
			    "out of memory");
		}
		t->failed_reason = nr;
		t->cap_failed = cap;
	}
	t->failed_path[t->n_failed] = strdup(path);
	t->failed_reason[t->n_failed] = strdup(reason);
	if (t->failed_path[t->n_failed] == NULL ||
	    t->failed_reason[t->n_failed] == NULL) {
		free(t->failed_path[t->n_failed]);
		free(t->failed_reason[t->n_failed]);
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	t->n_failed++;
	return 0;
}

static const char *
intern_source(struct certshow_trust *t, const char *name)
{
	char **ns;
	char *s;

	if (t->n_sources > 0 &&
	    strcmp(t->sources[t->n_sources - 1], name) == 0) {
		return t->sources[t->n_sources - 1];
	}
	ns = realloc(t->sources, (t->n_sources + 1) * sizeof(*ns));
	if (ns == NULL) {
		return NULL;
	}
	t->sources = ns;
	s = strdup(name);
	if (s == NULL) {
		return NULL;
	}
	t->sources[t->n_sources++] = s;
	return s;
}

static int
rehash(struct certshow_trust *t, size_t nb)
{
	size_t *bucket, *next, i, b;

	bucket = calloc(nb, sizeof(*bucket));
	next = calloc(t->cap, sizeof(*next));
	if (bucket == NULL || next == NULL) {
		free(bucket);
		free(next);
		return -1;
	}
	/* Insert in reverse so each bucket lists anchors in load order. */
	for (i = t->n; i > 0; i--) {
		b = t->a[i - 1].hash & (nb - 1);
		next[i - 1] = bucket[b];
		bucket[b] = i;
	}
	free(t->bucket);
	free(t->next);
	t->bucket = bucket;
	t->next = next;
	t->nbuckets = nb;
	return 0;
}

size_t
certshow__trust_find_der(const struct certshow_trust *t, const uint8_t *der,
    size_t len)
{
	const uint8_t *subj;
	size_t subj_len, clen, nlen, it = 0, i;
	uint8_t *norm;
	uint32_t h;

	if (t == NULL || t->n == 0 ||
	    certshow__cert_subject_der(der, len, &subj, &subj_len, &clen) != 0) {
		return (size_t)-1;
	}
	norm = certshow__name_norm(subj, subj_len, &nlen);
	h = certshow__hash(norm != NULL ? norm : subj, nlen);
	while ((i = certshow__trust_next(t, norm != NULL ? norm : subj, nlen,
	    h, &it)) != (size_t)-1) {
		if (t->a[i].len == len && memcmp(t->a[i].der, der, len) == 0) {
			break;
		}
	}
	free(norm);
	return i;
}

size_t
certshow__trust_next(const struct certshow_trust *t, const uint8_t *norm,
    size_t norm_len, uint32_t hash, size_t *it)
{
	size_t i;
	uint8_t *an;
	size_t an_len;
	bool eq;

	if (t == NULL || t->nbuckets == 0) {
		return (size_t)-1;
	}
	i = *it == 0 ? t->bucket[hash & (t->nbuckets - 1)] : t->next[*it - 1];
	for (; i != 0; i = t->next[i - 1]) {
		const struct certshow__anchor *a = &t->a[i - 1];

		if (a->hash != hash) {
			continue;
		}
		an = certshow__name_norm(a->subject, a->subject_len, &an_len);
		eq = an_len == norm_len && memcmp(an != NULL ? an : a->subject,
		    norm, norm_len) == 0;
		free(an);
		if (eq) {
			*it = i;
			return i - 1;
		}
	}
	*it = 0;
	return (size_t)-1;
}

/* Add one DER certificate (copied). Duplicates (same DER) are skipped;
 * a duplicate loaded from a root program marks the kept copy as a
 * root-program anchor. Returns 1 added, 0 duplicate, -1 not a
 * certificate, or a CERTSHOW_E_* code. */
static int
add_der(struct certshow_ctx *ctx, struct certshow_trust *t,
    const uint8_t *der, size_t len, const char *source, size_t index,
    bool program)
{
	struct certshow__anchor *a, *na;
	const uint8_t *subj;
	size_t subj_len, clen, nlen, cap, i;
	uint8_t *norm, *copy;
	uint32_t h;

	if (certshow__cert_subject_der(der, len, &subj, &subj_len, &clen) != 0) {
		return -1;
	}
	/* A TRUSTED CERTIFICATE block carries OpenSSL's auxiliary trust
	 * data after the certificate; only the certificate is kept. */
	len = clen;
	norm = certshow__name_norm(subj, subj_len, &nlen);
	h = certshow__hash(norm != NULL ? norm : subj, nlen);
	i = 0;
	while ((cap = certshow__trust_next(t, norm != NULL ? norm : subj, nlen,
	    h, &i)) != (size_t)-1) {
		if (t->a[cap].len == len && memcmp(t->a[cap].der, der,
		    len) == 0) {
			t->a[cap].program = t->a[cap].program || program;
			free(norm);
			return 0;
		}
	}
	free(norm);
	if (t->n == t->cap) {
		na = certshow__grow(t->a, &t->cap, t->n + 1, sizeof(*na), 64);
		if (na == NULL) {
			return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
			    "out of memory loading anchors");
		}
		t->a = na;
		cap = t->cap;
		if (rehash(t, t->nbuckets > cap ? t->nbuckets : cap) != 0) {
			return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
			    "out of memory loading anchors");
		}
	}
	copy = malloc(len);
	if (copy == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory loading anchors");
	}
	memcpy(copy, der, len);
	a = &t->a[t->n];
	a->der = copy;
	a->len = len;
	a->subject = copy + (subj - der);
	a->subject_len = subj_len;
	a->hash = h;
	a->source = intern_source(t, source);
	a->index = index;
	a->program = program;
	if (a->source == NULL) {
		free(copy);
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory loading anchors");
	}
	/* Append to the end of its bucket's list to keep load order. */
	i = h & (t->nbuckets - 1);
	t->next[t->n] = 0;
	if (t->bucket[i] == 0) {
		t->bucket[i] = t->n + 1;
	} else {
		size_t j = t->bucket[i];

		while (t->next[j - 1] != 0) {
			j = t->next[j - 1];
		}
		t->next[j - 1] = t->n + 1;
	}
	t->n++;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Reading a file                                                       */
/* ------------------------------------------------------------------ */

/* Load every certificate of one file's bytes through the library's one
 * certificate reader (pem.c: PEM with strict base64, DER, PKCS#7; the
 * certificates are not decoded here). Returns the number of anchors seen
 * (added or duplicate) or a CERTSHOW_E_* code. With `strict` (a file the
 * caller named) a block that cannot be read refuses the whole file, with
 * the reader's message naming the file and the line; otherwise (a file
 * of a directory, the system bundle) it is recorded and the load goes
 * on. */
static int
load_buffer(struct certshow_ctx *ctx, struct certshow_trust *t,
    const uint8_t *data, size_t len, const char *name, bool program,
    bool strict, size_t *bad_out)
{
	struct certshow_reader *r = NULL;
	const uint8_t *der;
	size_t dlen, index, bad = 0;
	char msg[CERTSHOW__ERRBUF + 40];
	int rv, seen = 0;

	*bad_out = 0;
	rv = certshow_reader_open_mem(ctx, &r, data, len, name);
	if (rv < 0) {
		return rv;
	}
	for (;;) {
		rv = certshow__reader_next_der(ctx, r, &der, &dlen, &index);
		if (rv == 0) {
			break;
		}
		if (rv == 1) {
			rv = add_der(ctx, t, der, dlen, name, index, program);
			if (rv < -1) {
				break;
			}
			if (rv >= 0) {
				seen++;
				continue;
			}
			rv = certshow__set_error(ctx, CERTSHOW_E_PARSE,
			    "%s: certificate #%zu: not a DER certificate",
			    name, index);
		}
		if (rv == CERTSHOW_E_NOMEM || strict) {
			break;
		}
		/* The reader's message already names the file. */
		snprintf(msg, sizeof(msg), "%s", ctx->err);
		bad++;
		rv = record_failure(ctx, t, name, strncmp(msg, name,
		    strlen(name)) == 0 && msg[strlen(name)] == ':' ?
		    msg + strlen(name) + 2 : msg);
		if (rv < 0) {
			break;
		}
	}
	certshow_reader_free(r);
	*bad_out = bad;
	return rv < 0 ? rv : seen;
}

static int
load_file(struct certshow_ctx *ctx, struct certshow_trust *t,
    const char *path, bool program, bool strict, size_t *bad)
{
	uint8_t *data;
	size_t len;
	int rv;

	rv = certshow__read_file(ctx, path,
	    certshow_ctx_get_limit(ctx, CERTSHOW_LIMIT_INPUT_SIZE), &data, &len);
	if (rv < 0) {
		return rv;
	}
	rv = load_buffer(ctx, t, data, len, path, program, strict, bad);
	free(data);
	return rv;
}

/* OpenSSL's c_rehash names: 8 hex digits, '.', a decimal number. */
static bool
hashed_name(const char *n)
{
	size_t i;

	for (i = 0; i < 8; i++) {
		if (!((n[i] >= '0' && n[i] <= '9') ||
		    (n[i] >= 'a' && n[i] <= 'f'))) {
			return false;
		}
	}
	if (n[8] != '.' || n[9] == '\0') {
		return false;
	}
	for (i = 9; n[i] != '\0'; i++) {
		if (n[i] < '0' || n[i] > '9') {
			return false;
		}
	}
	return true;
}

static bool
wanted_name(const char *n)
{
	size_t len = strlen(n);

	if (len > 4 && (strcmp(n + len - 4, ".pem") == 0 ||
	    strcmp(n + len - 4, ".crt") == 0 ||
	    strcmp(n + len - 4, ".cer") == 0)) {
		return true;
	}
	return hashed_name(n);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
load_dir(struct certshow_ctx *ctx, struct certshow_trust *t,
    const char *path, bool program)
{
	DIR *dir;
	struct dirent *de;
	char **names = NULL, **nn, *full;
	size_t n = 0, i, bad;
	int rv = 0;
	struct stat st;

	dir = opendir(path);
	if (dir == NULL) {
		return certshow__set_error_errno(ctx, CERTSHOW_E_IO,
		    "cannot open directory '%s'", path);
	}
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.' || !wanted_name(de->d_name)) {
			continue;
		}
		nn = realloc(names, (n + 1) * sizeof(*nn));
		if (nn == NULL) {
			rv = certshow__set_error(ctx, CERTSHOW_E_NOMEM,
			    "out of memory");
			goto out;
		}
		names = nn;
		names[n] = strdup(de->d_name);
		if (names[n] == NULL) {
			rv = certshow__set_error(ctx, CERTSHOW_E_NOMEM,
			    "out of memory");
			goto out;
		}
		n++;
	}
	/* Sorted, so the load order (and which duplicate wins) does not
	 * depend on the file system. */
	if (n > 1) {
		qsort(names, n, sizeof(*names), cmp_str);
	}
	for (i = 0; i < n; i++) {
		size_t len = strlen(path) + strlen(names[i]) + 2;

		full = malloc(len);
		if (full == NULL) {
			rv = certshow__set_error(ctx, CERTSHOW_E_NOMEM,
			    "out of memory");
			goto out;
		}
		snprintf(full, len, "%s/%s", path, names[i]);
		if (stat(full, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(full);
			continue;
		}
		rv = load_file(ctx, t, full, program, false, &bad);
		if (rv == CERTSHOW_E_IO) {
			/* An unreadable file inside a directory is recorded,
			 * not fatal. */
			rv = record_failure(ctx, t, full, ctx != NULL ?
			    ctx->err : "cannot read");
		}
		free(full);
		if (rv < 0) {
			goto out;
		}
		rv = 0;
	}
out:
	for (i = 0; i < n; i++) {
		free(names[i]);
	}
	free(names);
	closedir(dir);
	return rv;
}

int
certshow_trust_add_path(struct certshow_ctx *ctx, struct certshow_trust *t,
    const char *path, unsigned flags)
{
	const unsigned known = CERTSHOW_TRUST_ROOT_PROGRAM |
	    CERTSHOW_TRUST_FROM_SSL_CERT_FILE |
	    CERTSHOW_TRUST_FROM_SSL_CERT_DIR;
	struct stat st;
	size_t bad, before;
	bool program = (flags & CERTSHOW_TRUST_ROOT_PROGRAM) != 0;
	int rv;

	if (t == NULL || path == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_trust_add_path: NULL argument");
	}
	if ((flags & ~known) != 0) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_trust_add_path: unknown flags 0x%x",
		    flags);
	}
	if (stat(path, &st) != 0) {
		return certshow__set_error_errno(ctx, CERTSHOW_E_IO,
		    "cannot access trust path '%s'", path);
	}
	before = t->n;
	if (S_ISDIR(st.st_mode)) {
		rv = load_dir(ctx, t, path, program);
	} else {
		rv = load_file(ctx, t, path, program, !program, &bad);
	}
	if (rv < 0) {
		return rv;
	}
	return record_source(ctx, t,
	    S_ISDIR(st.st_mode) ? CERTSHOW_TRUST_SOURCE_DIR
				: CERTSHOW_TRUST_SOURCE_FILE,
	    path, flags, before);
}

int
certshow_trust_add_chain(struct certshow_ctx *ctx, struct certshow_trust *t,
    const struct certshow_chain *chain)
{
	size_t i, n, before;
	int rv;

	if (t == NULL || chain == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_trust_add_chain: NULL argument");
	}
	n = certshow_chain_count(chain);
	before = t->n;
	for (i = 0; i < n; i++) {
		const struct certshow_cert *c = certshow_chain_get(chain, i);

		rv = add_der(ctx, t, c->der, c->der_len,
		    c->source != NULL ? c->source : "(chain)", i, false);
		if (rv < -1) {
			return rv;
		}
		if (rv == -1) {
			return certshow__set_error(ctx, CERTSHOW_E_PARSE,
			    "certificate %zu of the chain is not a "
			    "certificate", i);
		}
	}
	return record_source(ctx, t, CERTSHOW_TRUST_SOURCE_CHAIN, NULL, 0,
	    before);
}

/* Fallback when no bundle file is known: GnuTLS's configured system
 * trust (PKCS#11 trust module, directory or file), exported anchor by
 * anchor. */
static int
add_gnutls_system(struct certshow_ctx *ctx, struct certshow_trust *t)
{
	gnutls_x509_trust_list_t tl;
	gnutls_x509_trust_list_iter_t iter = NULL;
	gnutls_x509_crt_t crt;
	gnutls_datum_t d;
	int rv, n = 0;

	if (gnutls_x509_trust_list_init(&tl, 0) < 0) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "cannot create a GnuTLS trust list");
	}
	rv = gnutls_x509_trust_list_add_system_trust(tl, 0, 0);
	if (rv < 0) {
		gnutls_x509_trust_list_deinit(tl, 1);
		return certshow__set_error(ctx, CERTSHOW_E_TRUST,
		    "loading the system trust store: %s", gnutls_strerror(rv));
	}
	while (gnutls_x509_trust_list_iter_get_ca(tl, &iter, &crt) == 0) {
		if (gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_DER, &d) == 0) {
			rv = add_der(ctx, t, d.data, d.size, "system", (size_t)n,
			    true);
			gnutls_free(d.data);
			if (rv < -1) {
				gnutls_x509_crt_deinit(crt);
				gnutls_x509_trust_list_iter_deinit(iter);
				gnutls_x509_trust_list_deinit(tl, 1);
				return rv;
			}
			n++;
		}
		gnutls_x509_crt_deinit(crt);
	}
	gnutls_x509_trust_list_iter_deinit(iter);
	gnutls_x509_trust_list_deinit(tl, 1);
	if (n == 0) {
		return certshow__set_error(ctx, CERTSHOW_E_TRUST,
		    "the system trust store is empty");
	}
	return 0;
}

int
certshow_trust_add_system(struct certshow_ctx *ctx, struct certshow_trust *t)
{
	size_t i, bad, before;
	int rv;

	if (t == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_trust_add_system: NULL argument");
	}
	before = t->n;
	for (i = 0; i < sizeof(system_bundles) / sizeof(system_bundles[0]);
	    i++) {
		if (access(system_bundles[i], R_OK) != 0) {
			continue;
		}
		rv = load_file(ctx, t, system_bundles[i], true, false, &bad);
		if (rv > 0) {
			return record_source(ctx, t,
			    CERTSHOW_TRUST_SOURCE_SYSTEM, system_bundles[i], 0,
			    before);
		}
		if (rv < 0 && rv != CERTSHOW_E_IO) {
			return rv;
		}
	}
	rv = add_gnutls_system(ctx, t);
	if (rv < 0) {
		return rv;
	}
	return record_source(ctx, t, CERTSHOW_TRUST_SOURCE_SYSTEM, NULL, 0,
	    before);
}
