/*
 * sigcache.c - certificate signature checks and the verification cache.
 *
 * A signature is verified with GnuTLS's public-key API over the raw
 * TBSCertificate bytes that our DER reader located (no GnuTLS certificate
 * parsing): gnutls_pubkey_import of the issuer's SubjectPublicKeyInfo,
 * gnutls_pubkey_verify_data2 with the child's signature algorithm.
 *
 * Most of the cost of verifying many chains is checking the same
 * intermediate-by-root signatures and importing the same issuer keys
 * again and again, so each context keeps:
 *
 *  - signature results keyed by (SHA-256 of the issuer's SPKI, SHA-256 of
 *    the child certificate). The child's DER covers its TBSCertificate,
 *    signature algorithm (with RSA-PSS parameters) and signature value,
 *    and the SPKI covers the issuer's key and its parameters: together
 *    they determine the outcome, so a hit can never answer for another
 *    subject or another key. Only outcomes of a completed
 *    gnutls_pubkey_verify_data2 are stored (not memory errors).
 *    8-way set-associative with least-recently-used replacement inside a
 *    set: bounded, O(1), and the few hot intermediate entries survive a
 *    stream of leaves that are each seen once.
 *  - imported issuer keys (gnutls_pubkey_t) keyed by SPKI digest, a small
 *    LRU table. A key handed out during a verify call is not evicted
 *    before the next call starts; when every slot is in use by the
 *    current call the key is imported privately for that call.
 *
 * The cache belongs to the context, not to the trust store: a context is
 * used by one thread at a time, so no lock is taken on the verification
 * path, and trust stores stay immutable and freely shareable between
 * threads. Contexts on several threads (a scan's workers) can also share
 * a certshow_verify_cache: signature results only, behind a lock, asked
 * after the context's own cache misses, so that each intermediate is
 * checked once per process rather than once per thread.
 */
#include "sigcache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <gnutls/crypto.h>
#include <gnutls/x509.h>

#define OID_RSA_PSS "1.2.840.113549.1.1.10"

/* Defaults: 4096 signature results (about 300 KiB), 64 keys. */
#define SIG_WAYS 8
#define DEFAULT_SIG_ENTRIES 4096
#define DEFAULT_KEY_ENTRIES 64

enum { SIG_EMPTY = 0, SIG_BAD, SIG_OK };

struct sigent {
	uint8_t key[64];         /* issuer key digest, child digest */
	uint32_t used;           /* tick of the last use */
	uint8_t state;
};

struct keyent {
	uint8_t md[32];          /* SHA-256 of the SPKI */
	size_t spki_len;
	gnutls_pubkey_t pk;      /* NULL: empty slot */
	uint32_t used;           /* tick of the last use */
	uint32_t call;           /* call that last used it */
};

struct certshow__vcache {
	struct sigent *sig;
	size_t nsets;            /* power of two */
	struct keyent *keys;
	size_t nkeys;
	uint32_t tick;
	uint32_t call;
	struct certshow__vcache_stats st;
};

/* A cache shared by contexts on several threads: signature results only
 * (no keys: a key is handed out for a whole verify call), under a lock. */
struct certshow_verify_cache {
	pthread_mutex_t mu;
	struct certshow__vcache *vc;
};

/* ------------------------------------------------------------------ */
/* Cache object                                                         */
/* ------------------------------------------------------------------ */

struct certshow__vcache *
certshow__vcache_new(size_t sig_entries, size_t key_entries)
{
	struct certshow__vcache *vc;
	size_t sets = 1;

	while (sets * SIG_WAYS < sig_entries && sets < ((size_t)1 << 24)) {
		sets <<= 1;
	}
	vc = calloc(1, sizeof(*vc));
	if (vc == NULL) {
		return NULL;
	}
	vc->sig = calloc(sets * SIG_WAYS, sizeof(*vc->sig));
	vc->keys = calloc(key_entries > 0 ? key_entries : 1,
	    sizeof(*vc->keys));
	if (vc->sig == NULL || vc->keys == NULL) {
		free(vc->sig);
		free(vc->keys);
		free(vc);
		return NULL;
	}
	vc->nsets = sets;
	vc->nkeys = key_entries;
	vc->st.sig_capacity = (unsigned long)(sets * SIG_WAYS);
	vc->st.key_capacity = (unsigned long)key_entries;
	return vc;
}

void
certshow__vcache_free(struct certshow__vcache *vc)
{
	size_t i;

	if (vc == NULL) {
		return;
	}
	for (i = 0; i < vc->nkeys; i++) {
		if (vc->keys[i].pk != NULL) {
			gnutls_pubkey_deinit(vc->keys[i].pk);
		}
	}
	free(vc->keys);
	free(vc->sig);
	free(vc);
}

/* Replaces the context's cache with vc (NULL: none), giving the context
 * the destructor it calls in certshow_ctx_free(). */
static void
vcache_attach(struct certshow_ctx *ctx, struct certshow__vcache *vc)
{
	certshow__vcache_free(ctx->vcache);
	ctx->vcache = vc;
	ctx->vcache_free = certshow__vcache_free;
}

int
certshow_ctx_set_verify_cache(struct certshow_ctx *ctx, size_t entries)
{
	struct certshow__vcache *vc = NULL;

	if (ctx == NULL) {
		return CERTSHOW_E_INVAL;
	}
	if (entries > ((size_t)1 << 24) * SIG_WAYS) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "verification cache: at most %zu entries",
		    ((size_t)1 << 24) * SIG_WAYS);
	}
	if (entries > 0) {
		vc = certshow__vcache_new(entries, DEFAULT_KEY_ENTRIES);
		if (vc == NULL) {
			return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
			    "out of memory for the verification cache");
		}
	}
	vcache_attach(ctx, vc);
	ctx->vcache_off = entries == 0;
	return 0;
}

int
certshow_verify_cache_new(struct certshow_ctx *ctx,
    struct certshow_verify_cache **out, size_t entries)
{
	struct certshow_verify_cache *sh;

	if (ctx == NULL || out == NULL) {
		return CERTSHOW_E_INVAL;
	}
	*out = NULL;
	if (entries == 0 || entries > ((size_t)1 << 24) * SIG_WAYS) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "verification cache: 1 to %zu entries",
		    ((size_t)1 << 24) * SIG_WAYS);
	}
	sh = calloc(1, sizeof(*sh));
	if (sh != NULL) {
		sh->vc = certshow__vcache_new(entries, 0);
	}
	if (sh == NULL || sh->vc == NULL ||
	    pthread_mutex_init(&sh->mu, NULL) != 0) {
		if (sh != NULL) {
			certshow__vcache_free(sh->vc);
		}
		free(sh);
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory for the verification cache");
	}
	*out = sh;
	return 0;
}

void
certshow_verify_cache_free(struct certshow_verify_cache *sh)
{
	if (sh == NULL) {
		return;
	}
	pthread_mutex_destroy(&sh->mu);
	certshow__vcache_free(sh->vc);
	free(sh);
}

int
certshow_ctx_set_shared_verify_cache(struct certshow_ctx *ctx,
    struct certshow_verify_cache *sh)
{
	if (ctx == NULL) {
		return CERTSHOW_E_INVAL;
	}
	ctx->shared_vcache = sh;
	return 0;
}

void
certshow__verify_cache_get_stats(struct certshow_verify_cache *sh,
    struct certshow__vcache_stats *st)
{
	memset(st, 0, sizeof(*st));
	if (sh != NULL) {
		pthread_mutex_lock(&sh->mu);
		*st = sh->vc->st;
		pthread_mutex_unlock(&sh->mu);
	}
}

void
certshow__vcache_get_stats(const struct certshow_ctx *ctx,
    struct certshow__vcache_stats *st)
{
	memset(st, 0, sizeof(*st));
	if (ctx != NULL && ctx->vcache != NULL) {
		*st = ctx->vcache->st;
	}
}

void
certshow__sig_call_begin(struct certshow_ctx *ctx)
{
	if (ctx->vcache == NULL && !ctx->vcache_off) {
		/* Without memory for a cache every check is computed. */
		vcache_attach(ctx,
		    certshow__vcache_new(DEFAULT_SIG_ENTRIES,
			DEFAULT_KEY_ENTRIES));
	}
	if (ctx->vcache != NULL) {
		ctx->vcache->call++;
	}
}

/* ------------------------------------------------------------------ */
/* Digests                                                              */
/* ------------------------------------------------------------------ */

/* The certificate's own SHA-256 (computed once per certificate and
 * shared with its fingerprint) instead of hashing the DER a second time. */
static int
der_digest(struct certshow__signode *n)
{
	if (n->have_der_md) {
		return 0;
	}
	if (certshow__cert_sha256(n->c, n->der_md) != 0) {
		return -1;
	}
	n->have_der_md = true;
	return 0;
}

static int
key_digest(struct certshow__signode *n)
{
	if (n->have_key_md) {
		return 0;
	}
	if (n->c->spki == NULL || gnutls_hash_fast(GNUTLS_DIG_SHA256,
	    n->c->spki, n->c->spki_len, n->key_md) < 0) {
		return -1;
	}
	n->have_key_md = true;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Keys                                                                 */
/* ------------------------------------------------------------------ */

void
certshow__signode_init(struct certshow__signode *n,
    const struct certshow_cert *c)
{
	memset(n, 0, sizeof(*n));
	n->c = c;
}

void
certshow__signode_clear(struct certshow__signode *n)
{
	if (n->pk_owned && n->pk != NULL) {
		gnutls_pubkey_deinit(n->pk);
	}
	n->pk = NULL;
	n->pk_owned = false;
	n->pk_state = 0;
}

/* 0, GNUTLS_E_MEMORY_ERROR, or another negative code (unusable key). */
static int
import_key(const struct certshow_cert *c, gnutls_pubkey_t *out)
{
	gnutls_pubkey_t pk;
	gnutls_datum_t d;
	int rv;

	if (c->spki == NULL) {
		return GNUTLS_E_INVALID_REQUEST;
	}
	rv = gnutls_pubkey_init(&pk);
	if (rv < 0) {
		return rv;
	}
	d.data = (unsigned char *)(uintptr_t)c->spki;
	d.size = (unsigned)c->spki_len;
	rv = gnutls_pubkey_import(pk, &d, GNUTLS_X509_FMT_DER);
	if (rv < 0) {
		gnutls_pubkey_deinit(pk);
		return rv;
	}
	*out = pk;
	return 0;
}

/* The issuer's key: from the cache, or imported (and cached when a slot
 * is free or holds a key the current call does not use). */
static int
node_key(struct certshow__vcache *vc, struct certshow__signode *n)
{
	struct keyent *e, *victim = NULL;
	uint32_t age, oldest = 0;
	gnutls_pubkey_t pk;
	size_t i;

	if (n->pk_state != 0) {
		return n->pk_state > 0 ? 0 : -1;
	}
	if (vc != NULL && vc->nkeys > 0 && key_digest(n) == 0) {
		vc->tick++;
		for (i = 0; i < vc->nkeys; i++) {
			e = &vc->keys[i];
			if (e->pk != NULL && e->spki_len == n->c->spki_len &&
			    memcmp(e->md, n->key_md, 32) == 0) {
				e->used = vc->tick;
				e->call = vc->call;
				vc->st.key_hits++;
				n->pk = e->pk;
				n->pk_state = 1;
				return 0;
			}
			if (e->pk == NULL) {
				if (victim == NULL || victim->pk != NULL) {
					victim = e;
				}
				continue;
			}
			age = vc->tick - e->used;
			if (e->call != vc->call && (victim == NULL ||
			    (victim->pk != NULL && age > oldest))) {
				victim = e;
				oldest = age;
			}
		}
		if (import_key(n->c, &pk) != 0) {
			n->pk_state = -1;
			return -1;
		}
		vc->st.key_imports++;
		if (victim != NULL) {
			if (victim->pk != NULL) {
				gnutls_pubkey_deinit(victim->pk);
			} else {
				vc->st.key_entries++;
			}
			memcpy(victim->md, n->key_md, 32);
			victim->spki_len = n->c->spki_len;
			victim->pk = pk;
			victim->used = vc->tick;
			victim->call = vc->call;
			n->pk = pk;
			n->pk_state = 1;
			return 0;
		}
		n->pk = pk;
		n->pk_owned = true;
		n->pk_state = 1;
		return 0;
	}
	if (import_key(n->c, &pk) != 0) {
		n->pk_state = -1;
		return -1;
	}
	n->pk = pk;
	n->pk_owned = true;
	n->pk_state = 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Verification                                                         */
/* ------------------------------------------------------------------ */

static int
pss_params(const struct certshow_cert *c, gnutls_digest_algorithm_t *dig,
    unsigned *salt)
{
	struct certshow__der d, h;
	struct certshow__tlv seq, t, alg, oid;
	char buf[64];
	int64_t v;

	/* RSASSA-PSS-params (RFC 4055 3.1): every field has a default
	 * (SHA-1, MGF1-SHA-1, salt 20). */
	*dig = GNUTLS_DIG_SHA1;
	*salt = 20;
	if (c->sig_params == NULL) {
		return 0;
	}
	certshow__der_init(&d, c->sig_params, c->sig_params_len);
	if (certshow__der_expect(&d, &seq, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0) {
		return -1;
	}
	certshow__der_enter(&d, &seq, c->sig_params);
	while (certshow__der_more(&d)) {
		if (certshow__der_next(&d, &t) != 0 ||
		    t.cls != CERTSHOW__CLASS_CONTEXT) {
			return -1;
		}
		if (t.tag == 0) {
			certshow__der_enter(&h, &t, c->sig_params);
			if (certshow__der_expect(&h, &alg,
			    CERTSHOW__CLASS_UNIVERSAL, CERTSHOW__TAG_SEQUENCE,
			    true) != 0) {
				return -1;
			}
			certshow__der_enter(&h, &alg, c->sig_params);
			if (certshow__der_expect(&h, &oid,
			    CERTSHOW__CLASS_UNIVERSAL, CERTSHOW__TAG_OID,
			    false) != 0 || certshow__der_oid_str(oid.val,
			    oid.len, buf, sizeof(buf)) < 0) {
				return -1;
			}
			*dig = gnutls_oid_to_digest(buf);
			if (*dig == GNUTLS_DIG_UNKNOWN) {
				return -1;
			}
		} else if (t.tag == 2) {
			certshow__der_enter(&h, &t, c->sig_params);
			if (certshow__der_expect(&h, &alg,
			    CERTSHOW__CLASS_UNIVERSAL, CERTSHOW__TAG_INTEGER,
			    false) != 0 || certshow__der_int64(&alg, &v) != 0 ||
			    v > 1024) {
				return -1;
			}
			*salt = (unsigned)v;
		}
	}
	return 0;
}

/* RSA-PSS: the salt length is a parameter of the signature, so it is set
 * on a private copy of the issuer's key (the shared key keeps its own
 * parameters). Returns the algorithm or GNUTLS_SIGN_UNKNOWN. */
static gnutls_sign_algorithm_t
pss_key(const struct certshow_cert *issuer, gnutls_pubkey_t pk,
    const struct certshow_cert *child, gnutls_pubkey_t *out)
{
	gnutls_sign_algorithm_t algo;
	gnutls_digest_algorithm_t dig;
	gnutls_x509_spki_t spki;
	gnutls_pubkey_t pss;
	unsigned salt, bits;
	int pka, rv;

	if (pss_params(child, &dig, &salt) != 0) {
		return GNUTLS_SIGN_UNKNOWN;
	}
	pka = gnutls_pubkey_get_pk_algorithm(pk, &bits);
	if (pka == GNUTLS_PK_RSA_PSS) {
		algo = gnutls_pk_to_sign(GNUTLS_PK_RSA_PSS, dig);
	} else if (pka == GNUTLS_PK_RSA) {
		algo = dig == GNUTLS_DIG_SHA256 ?
		    GNUTLS_SIGN_RSA_PSS_RSAE_SHA256 :
		    dig == GNUTLS_DIG_SHA384 ?
		    GNUTLS_SIGN_RSA_PSS_RSAE_SHA384 :
		    dig == GNUTLS_DIG_SHA512 ?
		    GNUTLS_SIGN_RSA_PSS_RSAE_SHA512 : GNUTLS_SIGN_UNKNOWN;
	} else {
		return GNUTLS_SIGN_UNKNOWN;
	}
	if (algo == GNUTLS_SIGN_UNKNOWN || import_key(issuer, &pss) != 0) {
		return GNUTLS_SIGN_UNKNOWN;
	}
	if (gnutls_x509_spki_init(&spki) < 0) {
		gnutls_pubkey_deinit(pss);
		return GNUTLS_SIGN_UNKNOWN;
	}
	gnutls_x509_spki_set_rsa_pss_params(spki, dig, salt);
	rv = gnutls_pubkey_set_spki(pss, spki, 0);
	gnutls_x509_spki_deinit(spki);
	if (rv < 0) {
		gnutls_pubkey_deinit(pss);
		return GNUTLS_SIGN_UNKNOWN;
	}
	*out = pss;
	return algo;
}

/* 1 verified, 0 not, -1 not verified for a reason that may not recur
 * (out of memory): such an outcome is not cached. */
static int
verify_now(struct certshow__vcache *vc, struct certshow__signode *issuer,
    const struct certshow_cert *child)
{
	gnutls_datum_t data, sig;
	gnutls_sign_algorithm_t algo;
	gnutls_pubkey_t pss = NULL, pk;
	int rv;

	if (child->sig_oid == NULL || child->tbs == NULL ||
	    child->sig == NULL || node_key(vc, issuer) != 0) {
		return 0;
	}
	pk = issuer->pk;
	data.data = (unsigned char *)(uintptr_t)child->tbs;
	data.size = (unsigned)child->tbs_len;
	sig.data = (unsigned char *)(uintptr_t)child->sig;
	sig.size = (unsigned)child->sig_len;
	if (strcmp(child->sig_oid, OID_RSA_PSS) == 0) {
		algo = pss_key(issuer->c, pk, child, &pss);
		if (algo == GNUTLS_SIGN_UNKNOWN) {
			return 0;
		}
		pk = pss;
	} else {
		algo = gnutls_oid_to_sign(child->sig_oid);
		if (algo == GNUTLS_SIGN_UNKNOWN) {
			return 0;
		}
	}
	/* Algorithm policy is decided by the profile (INSECURE_ALGORITHM),
	 * not here: let GnuTLS check SHA-1 and MD5 signatures too. */
	rv = gnutls_pubkey_verify_data2(pk, algo, GNUTLS_VERIFY_ALLOW_BROKEN |
	    GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1, &data, &sig);
	if (pss != NULL) {
		gnutls_pubkey_deinit(pss);
	}
	if (rv >= 0) {
		return 1;
	}
	return rv == GNUTLS_E_MEMORY_ERROR ? -1 : 0;
}

/* The set of `vc` that holds `key` (issuer key digest, child digest):
 * both halves are uniform, so a few octets of each index the set. */
static struct sigent *
sig_set(struct certshow__vcache *vc, const uint8_t *key)
{
	size_t h = ((size_t)key[32] | (size_t)key[33] << 8 |
		       (size_t)key[34] << 16) ^
	    ((size_t)key[0] | (size_t)key[1] << 8);

	return &vc->sig[(h & (vc->nsets - 1)) * SIG_WAYS];
}

/* SIG_OK, SIG_BAD, or SIG_EMPTY when `vc` does not know `key`. */
static int
sig_find(struct certshow__vcache *vc, const uint8_t *key)
{
	struct sigent *set = sig_set(vc, key);
	size_t w;

	vc->tick++;
	for (w = 0; w < SIG_WAYS; w++) {
		if (set[w].state != SIG_EMPTY &&
		    memcmp(set[w].key, key, 64) == 0) {
			set[w].used = vc->tick;
			vc->st.sig_hits++;
			return set[w].state;
		}
	}
	vc->st.sig_misses++;
	return SIG_EMPTY;
}

/* Remember the outcome in an empty way of the set, else in its least
 * recently used one. */
static void
sig_put(struct certshow__vcache *vc, const uint8_t *key, int ok)
{
	struct sigent *set = sig_set(vc, key), *e, *victim = &set[0];
	uint32_t age, oldest = 0;
	size_t w;

	for (w = 0; w < SIG_WAYS; w++) {
		e = &set[w];
		if (e->state == SIG_EMPTY) {
			victim = e;
			vc->st.sig_entries++;
			break;
		}
		age = vc->tick - e->used;
		if (age > oldest) {
			victim = e;
			oldest = age;
		}
	}
	memcpy(victim->key, key, 64);
	victim->used = vc->tick;
	victim->state = ok ? SIG_OK : SIG_BAD;
}

/* The shared cache's answer (under its lock), copied into the context's
 * own cache. */
static int
shared_find(struct certshow_verify_cache *sh, struct certshow__vcache *vc,
    const uint8_t *key)
{
	int state;

	pthread_mutex_lock(&sh->mu);
	state = sig_find(sh->vc, key);
	pthread_mutex_unlock(&sh->mu);
	if (state != SIG_EMPTY && vc != NULL) {
		sig_put(vc, key, state == SIG_OK);
	}
	return state;
}

int
certshow__sig_check(struct certshow_ctx *ctx, struct certshow__signode *issuer,
    struct certshow__signode *child)
{
	struct certshow__vcache *vc = ctx->vcache;
	struct certshow_verify_cache *sh = ctx->shared_vcache;
	uint8_t key[64];
	int ok, state = SIG_EMPTY;

	if ((vc != NULL || sh != NULL) &&
	    (key_digest(issuer) != 0 || der_digest(child) != 0)) {
		vc = NULL;
		sh = NULL;
	}
	if (vc != NULL || sh != NULL) {
		memcpy(key, issuer->key_md, 32);
		memcpy(key + 32, child->der_md, 32);
		state = vc != NULL ? sig_find(vc, key) : SIG_EMPTY;
		if (state == SIG_EMPTY && sh != NULL) {
			state = shared_find(sh, vc, key);
		}
		if (state != SIG_EMPTY) {
			return state == SIG_OK;
		}
	}
	ok = verify_now(vc, issuer, child->c);
	if (ok < 0 || (vc == NULL && sh == NULL)) {
		return ok > 0;
	}
	if (vc != NULL) {
		sig_put(vc, key, ok);
	}
	if (sh != NULL) {
		pthread_mutex_lock(&sh->mu);
		sig_put(sh->vc, key, ok);
		pthread_mutex_unlock(&sh->mu);
	}
	return ok;
}

/* ------------------------------------------------------------------ */
/* DSA parameter inheritance (RFC 5280 6.1.4 (f), RFC 3279 2.3.2)      */
/* ------------------------------------------------------------------ */

#define OID_DSA "1.2.840.10040.4.1"

bool
certshow__dsa_key(const struct certshow_cert *c)
{
	return c->key_oid != NULL && strcmp(c->key_oid, OID_DSA) == 0;
}

bool
certshow__dsa_no_params(const struct certshow_cert *c)
{
	/* Absent, or (tolerated) an explicit NULL. */
	return certshow__dsa_key(c) && (c->key_params == NULL ||
	    (c->key_params_len == 2 && c->key_params[0] == 0x05 &&
	    c->key_params[1] == 0x00));
}

/* The contents of the next INTEGER of d as a datum. */
static int
next_int(struct certshow__der *d, gnutls_datum_t *out)
{
	struct certshow__tlv t;

	if (certshow__der_expect(d, &t, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_INTEGER, false) != 0 ||
	    certshow__der_int_check(&t, NULL) != 0) {
		return -1;
	}
	out->data = (unsigned char *)(uintptr_t)t.val;
	out->size = (unsigned)t.len;
	return 0;
}

int
certshow__sig_check_dsa_inherited(const struct certshow_cert *signer,
    const struct certshow_cert *params_from, const char *sig_oid,
    const uint8_t *tbs, size_t tbs_len, const uint8_t *sigv, size_t sig_len)
{
	struct certshow__der d, pd;
	struct certshow__tlv seq;
	gnutls_datum_t p, q, g, y, data, sig;
	gnutls_sign_algorithm_t algo;
	gnutls_pubkey_t pk;
	int rv;

	if (!certshow__dsa_key(params_from) ||
	    certshow__dsa_no_params(params_from) || sig_oid == NULL ||
	    tbs == NULL || sigv == NULL) {
		return 0;
	}
	/* Dss-Parms ::= SEQUENCE { p, q, g INTEGER } */
	certshow__der_init(&d, params_from->key_params,
	    params_from->key_params_len);
	if (certshow__der_expect(&d, &seq, CERTSHOW__CLASS_UNIVERSAL,
	    CERTSHOW__TAG_SEQUENCE, true) != 0 ||
	    certshow__der_done(&d) != 0) {
		return 0;
	}
	certshow__der_enter(&pd, &seq, params_from->key_params);
	if (next_int(&pd, &p) != 0 || next_int(&pd, &q) != 0 ||
	    next_int(&pd, &g) != 0 || certshow__der_done(&pd) != 0) {
		return 0;
	}
	/* DSAPublicKey ::= INTEGER, the subjectPublicKey bits. */
	certshow__der_init(&d, signer->key, signer->key_len);
	if (next_int(&d, &y) != 0 || certshow__der_done(&d) != 0) {
		return 0;
	}
	algo = gnutls_oid_to_sign(sig_oid);
	if (algo == GNUTLS_SIGN_UNKNOWN ||
	    gnutls_sign_get_pk_algorithm(algo) != GNUTLS_PK_DSA ||
	    gnutls_pubkey_init(&pk) < 0) {
		return 0;
	}
	rv = gnutls_pubkey_import_dsa_raw(pk, &p, &q, &g, &y);
	if (rv >= 0) {
		data.data = (unsigned char *)(uintptr_t)tbs;
		data.size = (unsigned)tbs_len;
		sig.data = (unsigned char *)(uintptr_t)sigv;
		sig.size = (unsigned)sig_len;
		rv = gnutls_pubkey_verify_data2(pk, algo,
		    GNUTLS_VERIFY_ALLOW_BROKEN |
		    GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1, &data, &sig);
	}
	gnutls_pubkey_deinit(pk);
	return rv >= 0 ? 1 : 0;
}
