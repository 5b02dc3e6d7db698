/*
 * sigcache.h - certificate signature checks for verify.c, with a
 * per-context cache of results and of imported issuer keys. Not
 * installed.
 */
#ifndef CERTSHOW_SIGCACHE_H
#define CERTSHOW_SIGCACHE_H

#include "internal.h"

#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>

/* One certificate of a path search, as a signer (its key) and as a
 * signed object (its DER). Filled lazily; lives for one verify call. */
struct certshow__signode {
	const struct certshow_cert *c;
	gnutls_pubkey_t pk;      /* NULL until first use */
	bool pk_owned;           /* imported for this call only */
	signed char pk_state;    /* 0 untried, 1 usable, -1 unusable */
	bool have_key_md;
	bool have_der_md;
	uint8_t key_md[32];      /* SHA-256 of the SubjectPublicKeyInfo */
	uint8_t der_md[32];      /* SHA-256 of the whole certificate */
};

/* Counters of a context's cache (tests and benchmarks). */
struct certshow__vcache_stats {
	unsigned long sig_hits;      /* answered from the cache */
	unsigned long sig_misses;    /* verified with GnuTLS */
	unsigned long sig_entries;   /* results held now */
	unsigned long sig_capacity;
	unsigned long key_hits;      /* issuer keys reused */
	unsigned long key_imports;   /* issuer keys imported */
	unsigned long key_entries;
	unsigned long key_capacity;
};

void certshow__signode_init(struct certshow__signode *n,
    const struct certshow_cert *c);
/* Release what the node owns (not the keys borrowed from the cache). */
void certshow__signode_clear(struct certshow__signode *n);

/* Start a verify call: keys handed out from now on stay valid until the
 * next call starts. Creates the context's cache on first use (without a
 * cache, when disabled or out of memory, every check is computed). */
void certshow__sig_call_begin(struct certshow_ctx *ctx);

/* Does `issuer`'s key verify `child`'s signature over its raw
 * TBSCertificate? 1 yes, 0 no. Answers from the context's cache when
 * this exact (issuer key, child certificate) pair was checked before. */
int certshow__sig_check(struct certshow_ctx *ctx,
    struct certshow__signode *issuer, struct certshow__signode *child);

/* RFC 5280 6.1.4 (f): a DSA key without parameters (absent, or NULL)
 * uses those of the nearest DSA key above it in the path, so whether it
 * verifies a signature depends on the path. certshow__dsa_key(): the key
 * is DSA; certshow__dsa_no_params(): a DSA key without parameters.
 * certshow__sig_check_dsa_inherited(): does `signer`'s public value y,
 * with the p, q, g of `params_from` (a DSA key with parameters), verify
 * the signature `sig` (algorithm `sig_oid`) over `tbs` (a certificate's
 * or a CRL's)? 1 yes, 0 no (not cached). */
bool certshow__dsa_key(const struct certshow_cert *c);
bool certshow__dsa_no_params(const struct certshow_cert *c);
int certshow__sig_check_dsa_inherited(const struct certshow_cert *signer,
    const struct certshow_cert *params_from, const char *sig_oid,
    const uint8_t *tbs, size_t tbs_len, const uint8_t *sig, size_t sig_len);

/* A cache with room for `sig_entries` results (rounded up to a multiple
 * of the associativity) and `key_entries` imported keys. */
struct certshow__vcache *certshow__vcache_new(size_t sig_entries,
    size_t key_entries);
/* Releases a cache (NULL is fine); the context calls it through the
 * pointer it keeps beside the cache. */
void certshow__vcache_free(struct certshow__vcache *vc);
void certshow__vcache_get_stats(const struct certshow_ctx *ctx,
    struct certshow__vcache_stats *st);
/* The counters of a shared cache (taken under its lock). */
void certshow__verify_cache_get_stats(struct certshow_verify_cache *sh,
    struct certshow__vcache_stats *st);

#endif
