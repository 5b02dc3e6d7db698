/*
 * netcache.h - the cache of answers fetched over HTTP (OCSP responses,
 * CRLs, certificates): in memory, shared by the contexts the caller
 * attaches one certshow_http_cache to, and on disk under the verify
 * options' cache_dir. Not installed.
 */
#ifndef CERTSHOW_NETCACHE_H
#define CERTSHOW_NETCACHE_H

#include "internal.h"

/* Bounds of one memory cache: entries and bytes held; a larger entry is
 * kept on disk only. */
#define CERTSHOW__NETCACHE_ENTRIES 1024
#define CERTSHOW__NETCACHE_BYTES (64u * 1024 * 1024)
/* Largest data an on-disk entry may hold (a CRL's cap). */
#define CERTSHOW__NETCACHE_DISK_MAX (20u * 1024 * 1024)

/*
 * Keys are strings naming what was fetched, e.g. "ocsp:<hex of the DER
 * CertID>", "crl:<url>" or "url:<url>". Times are epoch seconds on the
 * caller's clock: the verification time of the call (so a fixed
 * verification time sees a fixed cache).
 *
 * certshow__netcache_get(): 0 on a hit, with a malloc'd copy of the data
 * in *data (caller frees) and *len; CERTSHOW_E_NOTFOUND on a miss or an
 * expired entry (expires <= now). The memory cache is asked first, then
 * o->cache_dir when set (a hit there is copied into memory). An
 * unreadable or foreign disk entry is a miss. CERTSHOW_E_NOMEM.
 *
 * certshow__netcache_put(): store a copy until `expires` (nothing is
 * stored when expires <= now is already known to the caller: it should
 * not call). In memory, and in o->cache_dir when set: one file per key,
 * named by the SHA-256 of the key, written to a temporary file and
 * renamed, so readers in other processes see the old or the new entry,
 * never a part. Errors: CERTSHOW_E_IO (the disk entry could not be
 * written; the memory entry is kept), CERTSHOW_E_NOMEM.
 */
int certshow__netcache_get(struct certshow_ctx *ctx,
    const struct certshow_verify_opts *o, const char *key, int64_t now,
    uint8_t **data, size_t *len);
int certshow__netcache_put(struct certshow_ctx *ctx,
    const struct certshow_verify_opts *o, const char *key,
    const uint8_t *data, size_t len, int64_t expires);

/* Entries held in memory by the context's cache (tests). */
size_t certshow__netcache_count(struct certshow_ctx *ctx);

#endif /* CERTSHOW_NETCACHE_H */
