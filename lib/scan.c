/*
 * scan.c - the scan engine (certshow_scanner_*): a fixed pool of worker
 * threads that fetch and verify many targets, with a bound on the
 * targets in flight, a per-address limit, a rate limit, a deadline per
 * target and a stop flag; and certshow_session_verify(), the one way a
 * fetched chain is verified ('certshow HOST' and every scanned target).
 *
 * Threads rather than an event loop around GnuTLS's non-blocking API:
 * certshow_fetch() is blocking code with its own timeouts (connect,
 * STARTTLS, handshake), and a thread per target in flight reuses it
 * unchanged, so a scan and 'certshow HOST' cannot drift apart. Each
 * worker has its own context (contexts are per thread); the trust
 * stores are immutable and shared, and so is one HTTP cache, which takes
 * its own lock.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* clock_gettime(), nanosleep() */
#endif

#include "internal.h"
#include "verify.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SCAN_NO_SLOT ((size_t)-1)
#define SCAN_STOPPED ((size_t)-2)

/* A queued target: the caller's, with every string copied. */
struct scan_item {
	struct certshow_scan_target t;
	char *addr_key; /* "host|port" in lower case: the per-address key */
};

struct certshow_scanner {
	struct certshow_scan_opts opts;
	const struct certshow_trust *trust;
	certshow_scan_cb cb;
	void *payload;
	struct certshow_http_cache *hcache; /* shared by the workers */
	struct certshow_http_cache *own_hcache;
	/* Signature results shared by the workers: each intermediate is
	 * checked once per scan, not once per worker. */
	struct certshow_verify_cache *vcache;
	struct scan_item *items;
	size_t n, cap;
	/* Further targets, pulled one at a time under feed_mu once the
	 * queue is empty; feed_done once it said there are no more. */
	certshow_scan_feed_cb feed;
	void *feed_payload;
	pthread_mutex_t feed_mu;
	bool feed_done;
	int feed_error; /* a target the feed gave was invalid */
	volatile sig_atomic_t stop;
	pthread_mutex_t mu;    /* the queue, the slots, the rate limit */
	pthread_mutex_t cb_mu; /* one callback at a time */
	pthread_cond_t addr_cv;
	size_t next;       /* next item to take */
	char **inflight;   /* address keys in flight (jobs slots) */
	double next_start; /* rate limit: earliest next connection */
};

int
certshow_session_verify(struct certshow_ctx *ctx, struct certshow_result **out,
    const struct certshow_session *s, const struct certshow_chain *untrusted,
    const struct certshow_trust *trust, const struct certshow_verify_opts *opts)
{
	struct certshow_verify_opts vo = CERTSHOW_VERIFY_OPTS_INIT;

	if (s == NULL || out == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_session_verify: no session");
	}
	if (opts != NULL) {
		if (opts->version != CERTSHOW_VERIFY_OPTS_VERSION) {
			/* The copy below needs the current layout;
			 * certshow_verify() itself still takes older
			 * versions. */
			return certshow__set_error(ctx, CERTSHOW_E_INVAL,
			    "certshow_session_verify: verify options version "
			    "%u (want %u)",
			    opts->version, CERTSHOW_VERIFY_OPTS_VERSION);
		}
		vo = *opts;
	}
	/* The staple joins the verdict; must-staple applies. */
	vo.ocsp_staple = certshow_session_ocsp_der(s, &vo.ocsp_staple_len);
	vo.flags |= CERTSHOW_VF_FROM_TLS;
	return certshow_verify(ctx, out, certshow_session_chain(s), untrusted,
	    trust, &vo);
}

const char *
certshow_scan_status_name(enum certshow_scan_status s)
{
	static const char *const names[] = { "ok", "warning", "failed",
		"error" };

	return (unsigned)s < sizeof(names) / sizeof(names[0]) ? names[s]
							      : "error";
}

/* ------------------------------------------------------------------ */
/* The scanner object                                                 */

static bool
stores_valid(const struct certshow_scan_opts *o)
{
	size_t i;

	if (o->n_compare > 0 && o->compare == NULL) {
		return false;
	}
	for (i = 0; i < o->n_compare; i++) {
		if (o->compare[i].name == NULL || o->compare[i].trust == NULL) {
			return false;
		}
	}
	return true;
}

/* Options of version 1 upgraded into *buf (the version 2 members, lint,
 * off); NULL for an unknown version. */
static const struct certshow_scan_opts *
opts_current(const struct certshow_scan_opts *o, struct certshow_scan_opts *buf)
{
	if (o == NULL || o->version == CERTSHOW_SCAN_OPTS_VERSION) {
		return o;
	}
	if (o->version != 1) {
		return NULL;
	}
	memset(buf, 0, sizeof(*buf));
	memcpy(buf, o, offsetof(struct certshow_scan_opts, lint));
	buf->version = CERTSHOW_SCAN_OPTS_VERSION;
	return buf;
}

int
certshow_scanner_new(struct certshow_ctx *ctx, struct certshow_scanner **out,
    const struct certshow_trust *trust, const struct certshow_scan_opts *opts,
    certshow_scan_cb cb, void *payload)
{
	struct certshow_scan_opts v2;
	struct certshow_scanner *s;

	opts = opts_current(opts, &v2);
	if (out == NULL || opts == NULL || cb == NULL ||
	    (trust == NULL && !opts->no_verify) ||
	    (opts->fetch != NULL &&
		opts->fetch->version != CERTSHOW_FETCH_OPTS_VERSION) ||
	    (opts->verify != NULL &&
		opts->verify->version != CERTSHOW_VERIFY_OPTS_VERSION) ||
	    !stores_valid(opts) || opts->rate < 0) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_scanner_new: invalid argument");
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	s->opts = *opts;
	if (s->opts.jobs == 0) {
		s->opts.jobs = 32;
	}
	if (s->opts.per_address == 0) {
		s->opts.per_address = 4;
	}
	s->trust = trust;
	s->cb = cb;
	s->payload = payload;
	s->hcache = opts->http_cache;
	if (s->hcache == NULL &&
	    certshow_http_cache_new(ctx, &s->own_hcache) != 0) {
		free(s);
		return certshow__ctx_error_code(ctx);
	}
	if (s->hcache == NULL) {
		s->hcache = s->own_hcache;
	}
	if (certshow_verify_cache_new(ctx, &s->vcache, 4096) != 0) {
		certshow_http_cache_free(s->own_hcache);
		free(s);
		return certshow__ctx_error_code(ctx);
	}
	pthread_mutex_init(&s->mu, NULL);
	pthread_mutex_init(&s->cb_mu, NULL);
	pthread_mutex_init(&s->feed_mu, NULL);
	pthread_cond_init(&s->addr_cv, NULL);
	*out = s;
	return 0;
}

static char *
dup_or_null(const char *p, bool *failed)
{
	char *d;

	if (p == NULL) {
		return NULL;
	}
	d = strdup(p);
	if (d == NULL) {
		*failed = true;
	}
	return d;
}

static void
item_clear(struct scan_item *it)
{
	free((char *)(uintptr_t)it->t.target);
	free((char *)(uintptr_t)it->t.source);
	free((char *)(uintptr_t)it->t.host);
	free((char *)(uintptr_t)it->t.port);
	free((char *)(uintptr_t)it->t.sni);
	free((char *)(uintptr_t)it->t.invalid);
	free(it->addr_key);
}

/* The per-address key of a valid target: host and port, lower case. */
static char *
addr_key(const struct certshow_scan_target *t)
{
	const char *port = t->port != NULL && t->port[0] != '\0' ? t->port
								 : "-";
	size_t i, n = strlen(t->host) + strlen(port) + 2;
	char *k = malloc(n);

	if (k != NULL) {
		snprintf(k, n, "%s|%s", t->host, port);
		for (i = 0; k[i] != '\0'; i++) {
			k[i] = (char)tolower((unsigned char)k[i]);
		}
	}
	return k;
}

static bool
target_valid(const struct certshow_scan_target *t)
{
	return t != NULL && t->version == CERTSHOW_SCAN_TARGET_VERSION &&
	    (t->invalid != NULL || t->host != NULL);
}

/* The scanner's copy of a valid target into *it: every string and the
 * per-address key; 0 or CERTSHOW_E_NOMEM (*it cleared). */
static int
item_copy(struct scan_item *it, const struct certshow_scan_target *t)
{
	bool failed = false;

	memset(it, 0, sizeof(*it));
	it->t = *t;
	it->t.target = dup_or_null(t->target != NULL ? t->target : t->host,
	    &failed);
	it->t.source = dup_or_null(t->source, &failed);
	it->t.host = dup_or_null(t->host, &failed);
	it->t.port = dup_or_null(t->port, &failed);
	it->t.sni = dup_or_null(t->sni, &failed);
	it->t.invalid = dup_or_null(t->invalid, &failed);
	if (!failed && t->invalid == NULL) {
		it->addr_key = addr_key(t);
		failed = it->addr_key == NULL;
	}
	if (failed) {
		item_clear(it);
		memset(it, 0, sizeof(*it));
		return CERTSHOW_E_NOMEM;
	}
	return 0;
}

int
certshow_scanner_add(struct certshow_ctx *ctx, struct certshow_scanner *s,
    const struct certshow_scan_target *t)
{
	if (s == NULL || !target_valid(t)) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_scanner_add: invalid target");
	}
	if (s->n == s->cap) {
		size_t cap = s->cap != 0 ? s->cap * 2 : 64;
		struct scan_item *v = realloc(s->items, cap * sizeof(*v));

		if (v == NULL) {
			return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
			    "out of memory");
		}
		s->items = v;
		s->cap = cap;
	}
	if (item_copy(&s->items[s->n], t) != 0) {
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	s->n++;
	return 0;
}

int
certshow_scanner_set_feed(struct certshow_ctx *ctx, struct certshow_scanner *s,
    certshow_scan_feed_cb feed, void *payload)
{
	if (s == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_scanner_set_feed: no scanner");
	}
	s->feed = feed;
	s->feed_payload = payload;
	s->feed_done = false;
	return 0;
}

void
certshow_scanner_stop(struct certshow_scanner *s)
{
	/* Only a store to a sig_atomic_t: async-signal-safe. Workers
	 * waiting for a slot or their turn look at it every 100 ms. */
	if (s != NULL) {
		s->stop = 1;
	}
}

int
certshow_scanner_stopped(const struct certshow_scanner *s)
{
	return s != NULL && s->stop ? 1 : 0;
}

void
certshow_scanner_free(struct certshow_scanner *s)
{
	size_t i;

	if (s == NULL) {
		return;
	}
	for (i = 0; i < s->n; i++) {
		item_clear(&s->items[i]);
	}
	free(s->items);
	pthread_cond_destroy(&s->addr_cv);
	pthread_mutex_destroy(&s->cb_mu);
	pthread_mutex_destroy(&s->feed_mu);
	pthread_mutex_destroy(&s->mu);
	certshow_http_cache_free(s->own_hcache);
	certshow_verify_cache_free(s->vcache);
	free(s);
}

/* ------------------------------------------------------------------ */
/* One target                                                         */

/* One target's result and what it owns until the callback returned. */
struct scan_work {
	struct certshow_scan_result r;
	struct certshow_session *session;
	struct certshow_result *res;
	struct certshow_scan_compare *cmp;
	struct certshow_lint *lint; /* the lint option's findings */
	struct timespec t0;
	char note[CERTSHOW__ERRBUF + 32]; /* a stop's message */
};

static double
ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) * 1e3 +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

static bool
is_ip(const char *s)
{
	struct in6_addr a6;
	struct in_addr a4;

	return inet_pton(AF_INET, s, &a4) == 1 ||
	    inet_pton(AF_INET6, s, &a6) == 1;
}

static void
work_error(struct scan_work *w, int code, const char *reason, const char *msg)
{
	w->r.status = CERTSHOW_SCAN_ERROR;
	w->r.error = code;
	w->r.reason = reason != NULL ? reason : certshow__error_name(code);
	w->r.message = msg;
}

/* The fetch options of one target: the scanner's, with the target's
 * name and STARTTLS, each step bounded by half the deadline. */
static void
target_fetch_opts(const struct certshow_scanner *s,
    const struct certshow_scan_target *t, struct certshow_fetch_opts *fo)
{
	struct certshow_fetch_opts def = CERTSHOW_FETCH_OPTS_INIT;
	unsigned step = s->opts.deadline_ms / 2;

	*fo = s->opts.fetch != NULL ? *s->opts.fetch : def;
	fo->sni = t->sni;
	if (t->has_starttls) {
		fo->starttls = t->starttls;
	}
	fo->starttls_domain = t->sni != NULL ? t->sni : t->host;
	if (s->opts.deadline_ms == 0) {
		return;
	}
	if (step == 0) {
		step = 1;
	}
	if (fo->connect_timeout_ms == 0 || fo->connect_timeout_ms > step) {
		fo->connect_timeout_ms = step;
	}
	if (fo->handshake_timeout_ms == 0 || fo->handshake_timeout_ms > step) {
		fo->handshake_timeout_ms = step;
	}
}

/* Verify the session against the trust store and each comparison
 * store; 0 or the error code (message in ctx). */
static int
target_verify(struct certshow_ctx *ctx, const struct certshow_scanner *s,
    const struct certshow_scan_target *t, struct scan_work *w)
{
	struct certshow_verify_opts vo = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_result *res;
	const char *name = t->sni != NULL ? t->sni : t->host;
	size_t i;
	int rv;

	if (s->opts.verify != NULL) {
		vo = *s->opts.verify;
	}
	vo.peer_kind = is_ip(name) ? CERTSHOW_PEER_IP : CERTSHOW_PEER_DNS;
	vo.peer_name = name;
	rv = certshow_session_verify(ctx, &w->res, w->session,
	    s->opts.untrusted, s->trust, &vo);
	for (i = 0; rv == 0 && i < s->opts.n_compare; i++) {
		rv = certshow_session_verify(ctx, &res, w->session,
		    s->opts.untrusted, s->opts.compare[i].trust, &vo);
		if (rv == 0) {
			w->cmp[i].result = res;
			w->cmp[i].status = certshow_result_flags(res) != 0
			    ? CERTSHOW_SCAN_FAILED
			    : certshow_result_warnings(res) != 0
			    ? CERTSHOW_SCAN_WARNING
			    : CERTSHOW_SCAN_OK;
		}
	}
	return rv;
}

static const char *
first_flag(uint32_t flags)
{
	uint32_t bit;

	for (bit = 1; bit != 0; bit <<= 1) {
		if ((flags & bit) != 0) {
			return certshow_verdict_name(bit, NULL);
		}
	}
	return NULL;
}

/* The verification time: the result's, else (no_verify) the verify
 * options' time or now. */
static int64_t
target_time(const struct certshow_scanner *s, const struct scan_work *w)
{
	const struct certshow_verify_opts *vo = s->opts.verify;

	if (w->res != NULL) {
		return w->res->time;
	}
	return vo != NULL && vo->has_time ? vo->time : (int64_t)time(NULL);
}

/* Days left and the status of a target whose chain arrived. The
 * warning rule is certshow_verify()'s (expiry.c: EXPIRES_SOON within the
 * verify options' warn_days, soft revocation), never a second one. */
static void
target_classify(const struct certshow_scanner *s, struct scan_work *w,
    const struct certshow_session_info *info)
{
	const struct certshow_cert *leaf;
	int64_t now = target_time(s, w);

	if (w->res != NULL) {
		w->r.flags = certshow_result_flags(w->res);
		w->r.warnings = certshow_result_warnings(w->res);
	}
	leaf = certshow_chain_get(certshow_session_chain(w->session), 0);
	if (leaf != NULL) {
		w->r.has_expiry = 1;
		certshow_cert_validity(leaf, NULL, &w->r.not_after);
		w->r.days_left = (long)certshow__days_left(w->r.not_after, now);
	}
	if (info->handshake_error != 0) {
		w->r.error = info->handshake_error;
		w->r.message = info->handshake_message != NULL
		    ? info->handshake_message
		    : "handshake failed after the certificates";
	}
	if (w->r.flags != 0) {
		w->r.status = CERTSHOW_SCAN_FAILED;
		w->r.reason = first_flag(w->r.flags);
	} else if (info->handshake_error != 0) {
		w->r.status = CERTSHOW_SCAN_WARNING;
		w->r.reason = "HANDSHAKE_FAILED";
	} else if (w->r.warnings != 0) {
		w->r.status = CERTSHOW_SCAN_WARNING;
		w->r.reason = first_flag(w->r.warnings);
	} else {
		w->r.status = CERTSHOW_SCAN_OK;
	}
}

/* The lint option: what the verification looked at, linted as
 * 'certshow HOST --lint' does (at the verification time, with the
 * verify options' warn_days), into w->lint and the result's counts;
 * 0 or the error code (message in ctx). Findings never change the
 * status. */
static int
target_lint(struct certshow_ctx *ctx, const struct certshow_scanner *s,
    struct scan_work *w)
{
	struct certshow_lint_opts lo = CERTSHOW_LINT_OPTS_INIT;
	struct certshow_lint_finding f = CERTSHOW_LINT_FINDING_INIT;
	size_t i, n;
	int rv;

	lo.has_now = 1;
	lo.now = target_time(s, w);
	if (s->opts.verify != NULL) {
		lo.warn_days = s->opts.verify->warn_days; /* one threshold */
	}
	lo.flags = s->opts.lint_flags;
	rv = certshow_lint_new(ctx, &w->lint);
	if (rv == 0) {
		rv = certshow_lint_add_verified(ctx, w->lint,
		    certshow_session_chain(w->session), w->res, &lo);
	}
	if (rv != 0) {
		return rv;
	}
	n = certshow_lint_count(w->lint, CERTSHOW_LINT_FINDINGS);
	for (i = 0; i < n; i++) {
		if (certshow_lint_finding(w->lint, i, &f) != 0) {
			continue;
		}
		if (f.severity == CERTSHOW_LINT_ERROR) {
			w->r.lint_errors++;
		} else if (f.severity == CERTSHOW_LINT_WARNING) {
			w->r.lint_warnings++;
		} else {
			w->r.lint_notices++;
		}
	}
	w->r.lint = w->lint;
	return 0;
}

/* Fetch and verify one valid target into w. */
static void
target_run(struct certshow_ctx *ctx, const struct certshow_scanner *s,
    const struct certshow_scan_target *t, struct scan_work *w)
{
	struct certshow_fetch_opts fo;
	struct certshow_session_info info = CERTSHOW_SESSION_INFO_INIT;
	struct timespec t1;
	int rv;

	target_fetch_opts(s, t, &fo);
	rv = certshow_fetch(ctx, &w->session, t->host,
	    t->port != NULL && t->port[0] != '\0' ? t->port : NULL, &fo);
	w->r.ms_fetch = ms_since(&w->t0);
	if (rv == CERTSHOW_E_TIMEOUT && s->stop) {
		/* The stop ended the wait (ctx->cancel), not the clock. */
		snprintf(w->note, sizeof(w->note), "scan stopped: %s",
		    certshow_ctx_error(ctx));
		work_error(w, rv, NULL, w->note);
		return;
	}
	if (rv != 0) {
		work_error(w, rv, NULL, certshow_ctx_error(ctx));
		return;
	}
	w->r.session = w->session;
	if (certshow_session_info(w->session, &info) != 0) {
		work_error(w, CERTSHOW_E_INVAL, NULL,
		    certshow_strerror(CERTSHOW_E_INVAL));
		return;
	}
	w->r.address = info.peer_addr;
	w->r.port = info.peer_port;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	rv = s->opts.no_verify ? 0 : target_verify(ctx, s, t, w);
	w->r.ms_verify = ms_since(&t1);
	if (rv != 0) {
		work_error(w, rv, NULL, certshow_ctx_error(ctx));
		return;
	}
	w->r.result = w->res;
	target_classify(s, w, &info);
	if (s->opts.lint && target_lint(ctx, s, w) != 0) {
		work_error(w, certshow__ctx_error_code(ctx), NULL,
		    certshow_ctx_error(ctx));
	}
}

static void
work_clear(struct scan_work *w, size_t n_compare)
{
	size_t i;

	for (i = 0; w->cmp != NULL && i < n_compare; i++) {
		certshow_result_free(
		    (struct certshow_result *)(uintptr_t)w->cmp[i].result);
	}
	free(w->cmp);
	certshow_lint_free(w->lint);
	certshow_result_free(w->res);
	certshow_session_free(w->session);
}

/* Scan one item (ctx NULL: the worker has no context) and report it. */
static void
scan_item_run(struct certshow_ctx *ctx, struct certshow_scanner *s,
    const struct scan_item *it)
{
	struct scan_work w;
	size_t i;

	memset(&w, 0, sizeof(w));
	clock_gettime(CLOCK_MONOTONIC, &w.t0);
	w.r.version = CERTSHOW_SCAN_RESULT_VERSION;
	w.r.target = &it->t;
	w.cmp = calloc(s->opts.n_compare + 1, sizeof(*w.cmp));
	for (i = 0; w.cmp != NULL && i < s->opts.n_compare; i++) {
		w.cmp[i].name = s->opts.compare[i].name;
		w.cmp[i].status = CERTSHOW_SCAN_ERROR;
	}
	if (it->t.invalid != NULL) {
		work_error(&w, CERTSHOW_E_PARSE, "MALFORMED", it->t.invalid);
	} else if (ctx == NULL || w.cmp == NULL) {
		work_error(&w, CERTSHOW_E_NOMEM, NULL, "out of memory");
	} else {
		target_run(ctx, s, &it->t, &w);
	}
	if (w.cmp != NULL) {
		w.r.n_compare = s->opts.n_compare;
		w.r.compare = w.cmp;
	}
	w.r.ms_total = ms_since(&w.t0);
	pthread_mutex_lock(&s->cb_mu);
	if (s->cb(&w.r, s->payload) != 0) {
		s->stop = 1;
	}
	pthread_mutex_unlock(&s->cb_mu);
	work_clear(&w, s->opts.n_compare);
}

/* ------------------------------------------------------------------ */
/* The pool                                                           */

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Sleep until `t` (now_s() time) in steps of at most 0.1 s, so that a
 * stop is noticed soon. */
static void
sleep_until(const struct certshow_scanner *s, double t)
{
	struct timespec ts;
	double left;

	while (!s->stop && (left = t - now_s()) > 0) {
		if (left > 0.1) {
			left = 0.1;
		}
		ts.tv_sec = 0;
		ts.tv_nsec = (long)(left * 1e9);
		nanosleep(&ts, NULL);
	}
}

static size_t
addr_count(const struct certshow_scanner *s, const char *key)
{
	size_t i, n = 0;

	for (i = 0; i < s->opts.jobs; i++) {
		if (s->inflight[i] != NULL &&
		    strcmp(s->inflight[i], key) == 0) {
			n++;
		}
	}
	return n;
}

/* Wait for a slot of `key` (at most per_address in flight), take it and
 * the start time the rate limit gives; the slot's index, or
 * SCAN_STOPPED. Called with s->mu held. */
static size_t
addr_acquire(struct certshow_scanner *s, char *key, double *start)
{
	struct timespec until;
	size_t i;

	while (addr_count(s, key) >= s->opts.per_address) {
		if (s->stop) {
			return SCAN_STOPPED;
		}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 100000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&s->addr_cv, &s->mu, &until);
	}
	for (i = 0; s->inflight[i] != NULL; i++) {
		continue; /* a free slot exists: at most jobs workers */
	}
	s->inflight[i] = key;
	*start = now_s();
	if (s->opts.rate > 0) {
		if (s->next_start > *start) {
			*start = s->next_start;
		}
		s->next_start = *start + 1.0 / s->opts.rate;
	}
	return i;
}

static void
addr_release(struct certshow_scanner *s, size_t slot)
{
	pthread_mutex_lock(&s->mu);
	s->inflight[slot] = NULL;
	pthread_cond_broadcast(&s->addr_cv);
	pthread_mutex_unlock(&s->mu);
}

/* The feed's next target as a new item (the worker's to free); NULL
 * when the feed has no more, stopped the scan or gave an invalid
 * target. */
static struct scan_item *
feed_next(struct certshow_scanner *s)
{
	struct certshow_scan_target t = CERTSHOW_SCAN_TARGET_INIT;
	struct scan_item *it = NULL;
	int rv;

	pthread_mutex_lock(&s->feed_mu);
	if (s->feed == NULL || s->feed_done || s->stop) {
		goto out;
	}
	rv = s->feed(&t, s->feed_payload);
	if (rv <= 0) {
		s->feed_done = true;
		if (rv < 0) {
			s->stop = 1;
		}
		goto out;
	}
	it = malloc(sizeof(*it));
	rv = !target_valid(&t) ? CERTSHOW_E_INVAL
	    : it == NULL       ? CERTSHOW_E_NOMEM
			       : item_copy(it, &t);
	if (rv != 0) {
		free(it);
		it = NULL;
		s->feed_error = rv;
		s->feed_done = true;
		s->stop = 1;
	}
out:
	pthread_mutex_unlock(&s->feed_mu);
	return it;
}

static void
item_release(struct scan_item *it, bool owned)
{
	if (owned && it != NULL) {
		item_clear(it);
		free(it);
	}
}

/* Take the next item, queued (*owned false) or from the feed (*owned
 * true: the caller frees it with item_release()), and for a valid one
 * its address slot; NULL when nothing is left or the scan stopped. */
static struct scan_item *
take_next(struct certshow_scanner *s, bool connect, bool *owned, size_t *slot,
    double *start)
{
	struct scan_item *it = NULL;

	*slot = SCAN_NO_SLOT;
	*owned = false;
	pthread_mutex_lock(&s->mu);
	if (!s->stop && s->next < s->n) {
		it = &s->items[s->next++];
	}
	pthread_mutex_unlock(&s->mu);
	if (it == NULL) {
		it = feed_next(s);
		*owned = it != NULL;
	}
	if (it == NULL || it->t.invalid != NULL || !connect) {
		return it;
	}
	pthread_mutex_lock(&s->mu);
	*slot = addr_acquire(s, it->addr_key, start);
	pthread_mutex_unlock(&s->mu);
	if (*slot == SCAN_STOPPED) {
		item_release(it, *owned);
		it = NULL;
	}
	return it;
}

static void *
scan_worker(void *arg)
{
	struct certshow_scanner *s = arg;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct scan_item *it;
	bool owned;
	size_t slot;
	double start = 0;

	if (ctx != NULL &&
	    (certshow_ctx_set_http_cache(ctx, s->hcache) != 0 ||
		certshow_ctx_set_shared_verify_cache(ctx, s->vcache) != 0)) {
		certshow_ctx_free(ctx);
		ctx = NULL;
	}
	if (ctx != NULL) {
		/* A stop cuts the connect, STARTTLS and handshake waits of
		 * the targets in flight short: they end at once, as at
		 * their deadline (TIMEOUT), and are reported. */
		ctx->cancel = &s->stop;
	}
	while (
	    (it = take_next(s, ctx != NULL, &owned, &slot, &start)) != NULL) {
		if (slot != SCAN_NO_SLOT) {
			sleep_until(s, start);
			if (s->stop) {
				/* Not started: the stop came while it waited
				 * for its turn of the rate limit. */
				addr_release(s, slot);
				item_release(it, owned);
				break;
			}
		}
		scan_item_run(ctx, s, it);
		if (slot != SCAN_NO_SLOT) {
			addr_release(s, slot);
		}
		item_release(it, owned);
	}
	certshow_ctx_free(ctx);
	return NULL;
}

int
certshow_scanner_run(struct certshow_ctx *ctx, struct certshow_scanner *s)
{
	pthread_t *th;
	size_t i, n, left;

	if (s == NULL) {
		return certshow__set_error(ctx, CERTSHOW_E_INVAL,
		    "certshow_scanner_run: no scanner");
	}
	/* With a feed, how many targets are left is not known: a full
	 * pool. */
	left = s->feed != NULL && !s->feed_done ? s->opts.jobs : s->n - s->next;
	n = left < s->opts.jobs ? left : s->opts.jobs;
	if (n == 0) {
		return 0;
	}
	s->feed_error = 0;
	s->inflight = calloc(s->opts.jobs, sizeof(*s->inflight));
	th = calloc(n, sizeof(*th));
	if (s->inflight == NULL || th == NULL) {
		free(s->inflight);
		s->inflight = NULL;
		free(th);
		return certshow__set_error(ctx, CERTSHOW_E_NOMEM,
		    "out of memory");
	}
	s->next_start = 0;
	for (i = 0; i < n; i++) {
		if (pthread_create(&th[i], NULL, scan_worker, s) != 0) {
			break; /* fewer workers; none at all is an error */
		}
	}
	n = i;
	for (i = 0; i < n; i++) {
		pthread_join(th[i], NULL);
	}
	free(th);
	free(s->inflight);
	s->inflight = NULL;
	if (n == 0) {
		return certshow__set_error(ctx, CERTSHOW_E_LIMIT,
		    "cannot start a scan worker thread");
	}
	if (s->feed_error != 0) {
		return certshow__set_error(ctx, s->feed_error,
		    s->feed_error == CERTSHOW_E_NOMEM
			? "out of memory"
			: "certshow_scanner_run: the feed gave an invalid "
			  "target (no host)");
	}
	return 0;
}
