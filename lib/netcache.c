/*
 * netcache.c - the cache of answers fetched over HTTP.
 *
 * Memory: a struct certshow_http_cache is a small table (at most 1024
 * entries, 64 MiB) behind a mutex, so one cache may serve every context
 * of a process (certshow_ctx_set_http_cache()): the same URL is fetched
 * once per process, also across threads. A context without one creates
 * its own on first use. Expired entries are dropped when met; when the
 * table is full the least recently used entry goes. Lookups are linear:
 * a verification asks a few keys, and the table is small.
 *
 * Disk (the verify options' cache_dir): one file per key, named by the
 * hex SHA-256 of the key, holding
 *
 *     "certshow-netcache 1\n" EXPIRES "\n" KEYLEN "\n" KEY "\n" DATA
 *
 * The key is stored and compared, so a file never answers for another
 * key. A new entry is written to a temporary file in the same directory
 * (mkstemp, mode 0600) and renamed over the old one.
 */
#include "netcache.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>

#define MAGIC "certshow-netcache 1\n"

struct entry {
	char *key;
	uint8_t *data;
	size_t len;
	int64_t expires;
	uint64_t used; /* tick of the last use */
};

struct certshow_http_cache {
	pthread_mutex_t lock;
	struct entry *v;
	size_t n;
	size_t cap;
	size_t bytes;
	uint64_t tick;
};

static void
entry_clear(struct entry *e)
{
	free(e->key);
	free(e->data);
	memset(e, 0, sizeof(*e));
}

/* Remove entry i (the lock is held). */
static void
drop(struct certshow_http_cache *c, size_t i)
{
	c->bytes -= c->v[i].len;
	entry_clear(&c->v[i]);
	c->v[i] = c->v[c->n - 1];
	c->n--;
}

int
certshow_http_cache_new(struct certshow_ctx *ctx,
    struct certshow_http_cache **out)
{
	struct certshow_http_cache *c;

	if (out == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_http_cache_new: no output pointer");
	}
	*out = NULL;
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "HTTP cache: out of memory");
	}
	if (pthread_mutex_init(&c->lock, NULL) != 0) {
		free(c);
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "HTTP cache: cannot create its lock");
	}
	*out = c;
	return 0;
}

void
certshow_http_cache_free(struct certshow_http_cache *c)
{
	size_t i;

	if (c == NULL) {
		return;
	}
	for (i = 0; i < c->n; i++) {
		entry_clear(&c->v[i]);
	}
	free(c->v);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

int
certshow_ctx_set_http_cache(struct certshow_ctx *ctx,
    struct certshow_http_cache *c)
{
	if (ctx == NULL) {
		return CERTSHOW_E_INVAL;
	}
	if (ctx->hcache_free != NULL) {
		ctx->hcache_free(ctx->hcache);
	}
	ctx->hcache = c;
	ctx->hcache_free = NULL;
	return 0;
}

/* The context's memory cache, created on first use. */
static int
ctx_cache(struct certshow_ctx *ctx, struct certshow_http_cache **out)
{
	int rv;

	if (ctx->hcache == NULL) {
		rv = certshow_http_cache_new(ctx, &ctx->hcache);
		if (rv != 0) {
			return rv;
		}
		ctx->hcache_free = certshow_http_cache_free;
	}
	*out = ctx->hcache;
	return 0;
}

static int
mem_get(struct certshow_http_cache *c, const char *key, int64_t now,
    uint8_t **data, size_t *len)
{
	int ret = CERTSHOW_E_NOTFOUND;
	size_t i;

	pthread_mutex_lock(&c->lock);
	for (i = 0; i < c->n; i++) {
		if (strcmp(c->v[i].key, key) != 0) {
			continue;
		}
		if (c->v[i].expires <= now) {
			break;
		}
		*len = c->v[i].len;
		*data = malloc(*len != 0 ? *len : 1);
		if (*data == NULL) {
			ret = CERTSHOW_E_NOMEM;
			break;
		}
		memcpy(*data, c->v[i].data, *len);
		c->v[i].used = ++c->tick;
		ret = 0;
		break;
	}
	pthread_mutex_unlock(&c->lock);
	return ret;
}

/* Make room for `len` more bytes in one more entry (the lock is held):
 * drop the entry of the same key and the least recently used ones. */
static void
mem_make_room(struct certshow_http_cache *c, const char *key, size_t len)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		if (strcmp(c->v[i].key, key) == 0) {
			drop(c, i);
			break;
		}
	}
	while (c->n > 0 && (c->n >= CERTSHOW__NETCACHE_ENTRIES ||
	    c->bytes + len > CERTSHOW__NETCACHE_BYTES)) {
		size_t lru = 0;

		for (i = 1; i < c->n; i++) {
			if (c->v[i].used < c->v[lru].used) {
				lru = i;
			}
		}
		drop(c, lru);
	}
}

static int
mem_put(struct certshow_http_cache *c, const char *key, const uint8_t *data,
    size_t len, int64_t expires)
{
	struct entry e;
	struct entry *nv;

	if (len > CERTSHOW__NETCACHE_BYTES) {
		return 0; /* too large to keep in memory */
	}
	memset(&e, 0, sizeof(e));
	e.key = strdup(key);
	e.data = malloc(len != 0 ? len : 1);
	if (e.key == NULL || e.data == NULL) {
		entry_clear(&e);
		return CERTSHOW_E_NOMEM;
	}
	memcpy(e.data, data, len);
	e.len = len;
	e.expires = expires;
	pthread_mutex_lock(&c->lock);
	mem_make_room(c, key, len);
	nv = certshow__grow(c->v, &c->cap, c->n + 1, sizeof(*c->v), 16);
	if (nv == NULL) {
		pthread_mutex_unlock(&c->lock);
		entry_clear(&e);
		return CERTSHOW_E_NOMEM;
	}
	c->v = nv;
	e.used = ++c->tick;
	c->v[c->n++] = e;
	c->bytes += len;
	pthread_mutex_unlock(&c->lock);
	return 0;
}

static const char *
cache_dir(const struct certshow_verify_opts *o)
{
	if (o == NULL || o->version < 4 || o->cache_dir == NULL ||
	    o->cache_dir[0] == '\0') {
		return NULL;
	}
	return o->cache_dir;
}

/* DIR/HEX(SHA-256(key)) into a malloc'd *out. */
static int
disk_path(const char *dir, const char *key, char **out)
{
	static const char hx[] = "0123456789abcdef";
	uint8_t md[32];
	char name[65];
	size_t i, n;

	*out = NULL;
	if (gnutls_hash_fast(GNUTLS_DIG_SHA256, key, strlen(key), md) < 0) {
		return CERTSHOW_E_IO;
	}
	for (i = 0; i < sizeof(md); i++) {
		name[2 * i] = hx[md[i] >> 4];
		name[2 * i + 1] = hx[md[i] & 15];
	}
	name[64] = '\0';
	n = strlen(dir) + 1 + 64 + 1;
	*out = malloc(n);
	if (*out == NULL) {
		return CERTSHOW_E_NOMEM;
	}
	snprintf(*out, n, "%s/%s", dir, name);
	return 0;
}

/* Parse a decimal field ending in '\n' at *p (inside [*p, end)). */
static bool
parse_num(const uint8_t **p, const uint8_t *end, int64_t *v)
{
	const uint8_t *q = *p;
	bool neg = false;
	int64_t x = 0;

	if (q < end && *q == '-') {
		neg = true;
		q++;
	}
	if (q >= end || *q < '0' || *q > '9') {
		return false;
	}
	while (q < end && *q >= '0' && *q <= '9') {
		if (x > (INT64_MAX - 9) / 10) {
			return false;
		}
		x = x * 10 + (*q - '0');
		q++;
	}
	if (q >= end || *q != '\n') {
		return false;
	}
	*p = q + 1;
	*v = neg ? -x : x;
	return true;
}

/* A disk hit: 0 with the data copied out; CERTSHOW_E_NOTFOUND for a
 * missing, expired, foreign or malformed file. */
static int
disk_get(struct certshow_ctx *ctx, const char *dir, const char *key,
    int64_t now, uint8_t **data, size_t *len)
{
	struct certshow_ctx tmp;
	const uint8_t *p, *end;
	uint8_t *buf = NULL;
	char *path = NULL;
	size_t blen = 0, klen = strlen(key);
	int64_t expires, kl;
	int ret;

	ret = disk_path(dir, key, &path);
	if (ret != 0) {
		return ret;
	}
	/* A missing file is the common case: keep the caller's message. */
	memset(&tmp, 0, sizeof(tmp));
	ret = certshow__read_file(&tmp, path,
	    CERTSHOW__NETCACHE_DISK_MAX + klen + 64, &buf, &blen);
	free(path);
	if (ret == CERTSHOW_E_NOMEM) {
		return ret;
	}
	if (ret != 0) {
		return CERTSHOW_E_NOTFOUND;
	}
	ret = CERTSHOW_E_NOTFOUND;
	p = buf;
	end = buf + blen;
	if (blen < strlen(MAGIC) || memcmp(p, MAGIC, strlen(MAGIC)) != 0) {
		goto out;
	}
	p += strlen(MAGIC);
	if (!parse_num(&p, end, &expires) || !parse_num(&p, end, &kl) ||
	    kl < 0 || (uint64_t)kl != klen || (size_t)(end - p) < klen + 1 ||
	    memcmp(p, key, klen) != 0 || p[klen] != '\n') {
		goto out;
	}
	p += klen + 1;
	if (expires <= now) {
		goto out;
	}
	*len = (size_t)(end - p);
	*data = malloc(*len != 0 ? *len : 1);
	if (*data == NULL) {
		ret = CERTSHOW_E_NOMEM;
		goto out;
	}
	memcpy(*data, p, *len);
	ret = 0;
	if (ctx->hcache != NULL) {
		(void)mem_put(ctx->hcache, key, *data, *len, expires);
	}
out:
	free(buf);
	return ret;
}

static bool
write_all(int fd, const void *p, size_t n)
{
	const uint8_t *b = p;

	while (n > 0) {
		ssize_t w = write(fd, b, n);

		if (w < 0 && errno == EINTR) {
			continue;
		}
		if (w <= 0) {
			return false;
		}
		b += w;
		n -= (size_t)w;
	}
	return true;
}

static int
disk_put(struct certshow_ctx *ctx, const char *dir, const char *key,
    const uint8_t *data, size_t len, int64_t expires)
{
	char head[64];
	char *path = NULL, *tmp = NULL;
	size_t n;
	int fd = -1, ret;

	if (len > CERTSHOW__NETCACHE_DISK_MAX) {
		return 0;
	}
	ret = disk_path(dir, key, &path);
	if (ret != 0) {
		return certshow__set_error(ctx, ret, "cache directory '%s': "
		    "cannot name an entry", dir);
	}
	n = strlen(path) + 16;
	tmp = malloc(n);
	if (tmp == NULL) {
		ret = certshow__set_error(ctx, CERTSHOW_E_NOMEM, "cache: out "
		    "of memory");
		goto out;
	}
	snprintf(tmp, n, "%s.tmpXXXXXX", path);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		ret = certshow__set_error_errno(ctx, CERTSHOW_E_IO, "cache "
		    "directory '%s'", dir);
		goto out;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		ret = certshow__set_error_errno(ctx, CERTSHOW_E_IO, "cache "
		    "directory '%s': cannot create an entry", dir);
		goto out;
	}
	snprintf(head, sizeof(head), "%" PRId64 "\n%zu\n", expires,
	    strlen(key));
	if (!write_all(fd, MAGIC, strlen(MAGIC)) ||
	    !write_all(fd, head, strlen(head)) ||
	    !write_all(fd, key, strlen(key)) || !write_all(fd, "\n", 1) ||
	    !write_all(fd, data, len)) {
		ret = certshow__set_error_errno(ctx, CERTSHOW_E_IO, "cache "
		    "entry '%s': cannot write", tmp);
		unlink(tmp);
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		ret = certshow__set_error_errno(ctx, CERTSHOW_E_IO, "cache "
		    "entry '%s': cannot write", tmp);
		unlink(tmp);
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		ret = certshow__set_error_errno(ctx, CERTSHOW_E_IO, "cache "
		    "entry '%s'", path);
		unlink(tmp);
		goto out;
	}
	ret = 0;
out:
	if (fd >= 0) {
		close(fd);
	}
	free(tmp);
	free(path);
	return ret;
}

int
certshow__netcache_get(struct certshow_ctx *ctx,
    const struct certshow_verify_opts *o, const char *key, int64_t now,
    uint8_t **data, size_t *len)
{
	struct certshow_http_cache *c;
	const char *dir = cache_dir(o);
	int ret;

	*data = NULL;
	*len = 0;
	ret = ctx_cache(ctx, &c);
	if (ret != 0) {
		return ret;
	}
	ret = mem_get(c, key, now, data, len);
	if (ret == CERTSHOW_E_NOTFOUND && dir != NULL) {
		ret = disk_get(ctx, dir, key, now, data, len);
	}
	if (ret == CERTSHOW_E_NOMEM) {
		return certshow__set_error(ctx, ret, "cache: out of memory");
	}
	return ret;
}

int
certshow__netcache_put(struct certshow_ctx *ctx,
    const struct certshow_verify_opts *o, const char *key,
    const uint8_t *data, size_t len, int64_t expires)
{
	struct certshow_http_cache *c;
	const char *dir = cache_dir(o);
	int ret;

	ret = ctx_cache(ctx, &c);
	if (ret != 0) {
		return ret;
	}
	ret = mem_put(c, key, data, len, expires);
	if (ret != 0) {
		return certshow__set_error(ctx, ret, "cache: out of memory");
	}
	if (dir != NULL) {
		return disk_put(ctx, dir, key, data, len, expires);
	}
	return 0;
}

size_t
certshow__netcache_count(struct certshow_ctx *ctx)
{
	size_t n;

	if (ctx->hcache == NULL) {
		return 0;
	}
	pthread_mutex_lock(&ctx->hcache->lock);
	n = ctx->hcache->n;
	pthread_mutex_unlock(&ctx->hcache->lock);
	return n;
}
