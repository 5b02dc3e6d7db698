/*
 * check_scan.c - the scan engine (certshow_scanner_*) against loopback
 * TLS servers (tests/e2e/tls-server.c's serve_conn() behind a listener
 * on 127.0.0.1 in a thread): exact statuses, flags and reasons through
 * the callback, one callback at a time, comparison stores, the JSON
 * Lines writer, a stop from another thread, and targets pulled from a
 * feed as workers free up. Verification time fixed.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "internal.h"
#include "testutil.h"

#define TLS_SERVER_NO_MAIN
#include "tls-server.c"

#define AT 2524608000 /* 2050-01-01T00:00:00Z */
#define VALID "chains/chain-valid.pem"
#define EXPIRED "chains/chain-leaf-expired.pem"
#define LEAF_KEY "keys/leaf.key"
#define ROOT "chains/ca-root.pem"
#define OTHER_ROOT "chains/ca-root-b.pem"

/* ------------------------------------------------------------------ */
/* A loopback server: a listener on 127.0.0.1 whose thread serves one  */
/* connection after another until stopped.                             */

struct lserver {
	struct srv_cfg cfg;
	int lfd;
	char port[16];
	pthread_t thread;
	volatile int stop;
};

static void *
lserver_main(void *arg)
{
	struct lserver *ls = arg;
	struct pollfd p;
	int fd;

	while (!ls->stop) {
		p.fd = ls->lfd;
		p.events = POLLIN;
		if (poll(&p, 1, 50) <= 0) {
			continue;
		}
		fd = accept(ls->lfd, NULL, NULL);
		if (fd >= 0) {
			(void)serve_conn(&ls->cfg, fd);
			close(fd);
		}
	}
	return NULL;
}

/* Listen on 127.0.0.1, port into ls->port. */
static void
listen_loopback(struct lserver *ls)
{
	struct sockaddr_in sin;
	socklen_t sl = sizeof(sin);

	ls->lfd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(ls->lfd, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(ls->lfd, (struct sockaddr *)&sin, sizeof(sin)),
	    0);
	ck_assert_int_eq(listen(ls->lfd, 64), 0);
	ck_assert_int_eq(getsockname(ls->lfd, (struct sockaddr *)&sin, &sl), 0);
	snprintf(ls->port, sizeof(ls->port), "%u", ntohs(sin.sin_port));
}

static void
lserver_start_key(struct lserver *ls, const char *chain, const char *key)
{
	char c[4096], k[4096];

	memset(ls, 0, sizeof(*ls));
	snprintf(c, sizeof(c), "%s", test_data_path(chain));
	snprintf(k, sizeof(k), "%s", test_data_path(key));
	ck_assert_int_eq(srv_load(&ls->cfg, c, k, NULL, NULL), 0);
	ls->cfg.prio = prio_for(0);
	ls->cfg.silent_ms = 5000;
	listen_loopback(ls);
	ck_assert_int_eq(pthread_create(&ls->thread, NULL, lserver_main, ls),
	    0);
}

static void
lserver_start(struct lserver *ls, const char *chain)
{
	lserver_start_key(ls, chain, LEAF_KEY);
}

static void
lserver_stop(struct lserver *ls)
{
	ls->stop = 1;
	pthread_join(ls->thread, NULL);
	close(ls->lfd);
	srv_free(&ls->cfg);
}

/* ------------------------------------------------------------------ */
/* What the callback saw, by target line                               */

#define MAX_LINES 64

struct seen {
	pthread_mutex_t mu;
	int in_cb;     /* callbacks running now */
	int max_in_cb; /* most at once */
	size_t n;
	int count[MAX_LINES];
	enum certshow_scan_status status[MAX_LINES];
	uint32_t flags[MAX_LINES], warnings[MAX_LINES];
	int error[MAX_LINES];
	char reason[MAX_LINES][32];
	char message[MAX_LINES][256];
	char address[MAX_LINES][64];
	long days_left[MAX_LINES];
	size_t n_compare[MAX_LINES];
	enum certshow_scan_status cmp_status[MAX_LINES];
	uint32_t cmp_flags[MAX_LINES];
	json_t *json[MAX_LINES]; /* the jsonl line, parsed */
	/* The lint option: findings present, their counts by severity,
	 * and their ids ("id id ..."). */
	int has_lint[MAX_LINES];
	size_t lint_count[MAX_LINES][3];
	char lint_ids[MAX_LINES][128];
};

static json_t *
jsonl_of(const struct certshow_scan_result *r)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	json_error_t err;
	char *buf = NULL;
	size_t len = 0;
	FILE *mf = open_memstream(&buf, &len);
	json_t *j;

	ck_assert_ptr_nonnull(ctx);
	ck_assert_ptr_nonnull(mf);
	ck_assert_int_eq(certshow_scan_write_jsonl(ctx, mf, r), 0);
	fclose(mf);
	/* One line: its only newline is the last byte. */
	ck_assert_uint_gt(len, 0);
	ck_assert_ptr_eq(strchr(buf, '\n'), buf + len - 1);
	j = json_loads(buf, 0, &err);
	ck_assert_msg(j != NULL, "not JSON: %s: %s", err.text, buf);
	free(buf);
	certshow_ctx_free(ctx);
	return j;
}

static void
seen_lint(struct seen *sn, unsigned long k,
    const struct certshow_scan_result *r)
{
	struct certshow_lint_finding f = CERTSHOW_LINT_FINDING_INIT;
	size_t i, n, off = 0;

	ck_assert_int_eq(r->version, CERTSHOW_SCAN_RESULT_VERSION);
	sn->has_lint[k] = r->lint != NULL;
	sn->lint_count[k][0] = r->lint_errors;
	sn->lint_count[k][1] = r->lint_warnings;
	sn->lint_count[k][2] = r->lint_notices;
	n = r->lint != NULL
	    ? certshow_lint_count(r->lint, CERTSHOW_LINT_FINDINGS)
	    : 0;
	sn->lint_ids[k][0] = '\0';
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(certshow_lint_finding(r->lint, i, &f), 0);
		off += (size_t)snprintf(sn->lint_ids[k] + off,
		    sizeof(sn->lint_ids[k]) - off, "%s%s", i > 0 ? " " : "",
		    f.id);
		ck_assert_uint_lt(off, sizeof(sn->lint_ids[k]));
	}
}

static int
on_result(const struct certshow_scan_result *r, void *payload)
{
	struct seen *sn = payload;
	unsigned long k = r->target->line;
	int now;

	pthread_mutex_lock(&sn->mu);
	now = ++sn->in_cb;
	if (now > sn->max_in_cb) {
		sn->max_in_cb = now;
	}
	pthread_mutex_unlock(&sn->mu);
	/* Give a second callback the time to overlap if it could. */
	usleep(2000);
	ck_assert_uint_lt(k, MAX_LINES);
	sn->count[k]++;
	sn->status[k] = r->status;
	sn->flags[k] = r->flags;
	sn->warnings[k] = r->warnings;
	sn->error[k] = r->error;
	snprintf(sn->reason[k], sizeof(sn->reason[k]), "%s",
	    r->reason != NULL ? r->reason : "-");
	snprintf(sn->message[k], sizeof(sn->message[k]), "%s",
	    r->message != NULL ? r->message : "-");
	snprintf(sn->address[k], sizeof(sn->address[k]), "%s",
	    r->address != NULL ? r->address : "-");
	sn->days_left[k] = r->days_left;
	sn->n_compare[k] = r->n_compare;
	if (r->n_compare > 0) {
		sn->cmp_status[k] = r->compare[0].status;
		sn->cmp_flags[k] = r->compare[0].result != NULL
		    ? certshow_result_flags(r->compare[0].result)
		    : 0;
	}
	seen_lint(sn, k, r);
	sn->json[k] = jsonl_of(r);
	sn->n++;
	pthread_mutex_lock(&sn->mu);
	sn->in_cb--;
	pthread_mutex_unlock(&sn->mu);
	return 0;
}

static void
seen_init(struct seen *sn)
{
	memset(sn, 0, sizeof(*sn));
	pthread_mutex_init(&sn->mu, NULL);
}

static void
seen_free(struct seen *sn)
{
	size_t i;

	for (i = 0; i < MAX_LINES; i++) {
		json_decref(sn->json[i]);
	}
	pthread_mutex_destroy(&sn->mu);
}

static struct certshow_trust *
load_trust(struct certshow_ctx *ctx, const char *rel)
{
	struct certshow_trust *t = NULL;

	ck_assert_int_eq(certshow_trust_new(ctx, &t), 0);
	ck_assert_int_eq(certshow_trust_add_path(ctx, t, test_data_path(rel),
			     0),
	    0);
	return t;
}

static void
add(struct certshow_ctx *ctx, struct certshow_scanner *s, unsigned long line,
    const char *host, const char *port, const char *sni, const char *invalid)
{
	struct certshow_scan_target t = CERTSHOW_SCAN_TARGET_INIT;

	t.line = line;
	t.host = host;
	t.port = port;
	t.sni = sni;
	t.invalid = invalid;
	ck_assert_int_eq(certshow_scanner_add(ctx, s, &t), 0);
}

/* A port that was just free: bound, then closed (connecting is
 * refused). */
static void
closed_port(char *buf, size_t size)
{
	struct lserver ls;

	memset(&ls, 0, sizeof(ls));
	listen_loopback(&ls);
	snprintf(buf, size, "%s", ls.port);
	close(ls.lfd);
}

/* ------------------------------------------------------------------ */

/* The targets of test_statuses, line by line: what each must give. */
struct want {
	enum certshow_scan_status status;
	uint32_t flags;
	const char *reason;
	int error;
	enum certshow_scan_status cmp; /* under OTHER_ROOT */
};

static const struct want want_rows[] = {
	[1] = { CERTSHOW_SCAN_OK, 0, "-", 0, CERTSHOW_SCAN_FAILED },
	[2] = { CERTSHOW_SCAN_FAILED, CERTSHOW_V_EXPIRED, "EXPIRED", 0,
	    CERTSHOW_SCAN_FAILED },
	[3] = { CERTSHOW_SCAN_FAILED, CERTSHOW_V_HOSTNAME_MISMATCH,
	    "HOSTNAME_MISMATCH", 0, CERTSHOW_SCAN_FAILED },
	[4] = { CERTSHOW_SCAN_ERROR, 0, "MALFORMED", CERTSHOW_E_PARSE,
	    CERTSHOW_SCAN_ERROR },
	[5] = { CERTSHOW_SCAN_ERROR, 0, "CONNECT", CERTSHOW_E_CONNECT,
	    CERTSHOW_SCAN_ERROR },
	[6] = { CERTSHOW_SCAN_OK, 0, "-", 0, CERTSHOW_SCAN_FAILED },
};

START_TEST(test_statuses)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_verify_opts vo = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_scan_opts so = CERTSHOW_SCAN_OPTS_INIT;
	struct certshow_scan_store store;
	struct certshow_trust *trust, *other;
	struct certshow_scanner *s = NULL;
	struct lserver valid, expired;
	struct seen sn;
	char gone[16];
	size_t k;

	ck_assert_ptr_nonnull(ctx);
	seen_init(&sn);
	lserver_start(&valid, VALID);
	lserver_start(&expired, EXPIRED);
	closed_port(gone, sizeof(gone));
	trust = load_trust(ctx, ROOT);
	other = load_trust(ctx, OTHER_ROOT);
	vo.has_time = 1;
	vo.time = AT;
	vo.warn_days = 30;
	store.name = "other";
	store.trust = other;
	so.jobs = 4;
	so.verify = &vo;
	so.compare = &store;
	so.n_compare = 1;
	ck_assert_int_eq(certshow_scanner_new(ctx, &s, trust, &so, on_result,
			     &sn),
	    0);
	add(ctx, s, 1, "127.0.0.1", valid.port, "www.example.com", NULL);
	add(ctx, s, 2, "127.0.0.1", expired.port, "www.example.com", NULL);
	add(ctx, s, 3, "127.0.0.1", valid.port, "www.example.net", NULL);
	add(ctx, s, 4, NULL, NULL, NULL, "no host in ':1'");
	add(ctx, s, 5, "127.0.0.1", gone, "www.example.com", NULL);
	add(ctx, s, 6, "127.0.0.1", valid.port, "www.example.com", NULL);
	ck_assert_int_eq(certshow_scanner_run(ctx, s), 0);
	ck_assert_int_eq(certshow_scanner_stopped(s), 0);
	ck_assert_uint_eq(sn.n, 6);
	ck_assert_int_eq(sn.max_in_cb, 1);
	for (k = 1; k <= 6; k++) {
		const struct want *w = &want_rows[k];

		ck_assert_msg(sn.count[k] == 1, "line %zu: %d results", k,
		    sn.count[k]);
		ck_assert_msg(sn.status[k] == w->status &&
			sn.flags[k] == w->flags &&
			strcmp(sn.reason[k], w->reason) == 0 &&
			sn.error[k] == w->error,
		    "line %zu: status %d flags 0x%x reason %s error %d", k,
		    sn.status[k], sn.flags[k], sn.reason[k], sn.error[k]);
		ck_assert_uint_eq(sn.n_compare[k], 1);
		ck_assert_msg(sn.cmp_status[k] == w->cmp,
		    "line %zu: other store %d", k, sn.cmp_status[k]);
	}
	ck_assert_str_eq(sn.address[1], "127.0.0.1");
	ck_assert_int_eq(sn.days_left[1], 18261);
	ck_assert_uint_eq(sn.cmp_flags[1],
	    CERTSHOW_V_UNTRUSTED | CERTSHOW_V_MISSING_ISSUER);
	ck_assert_str_eq(sn.address[4], "-");
	certshow_scanner_free(s);
	certshow_trust_free(trust);
	certshow_trust_free(other);
	lserver_stop(&valid);
	lserver_stop(&expired);
	seen_free(&sn);
	certshow_ctx_free(ctx);
}
END_TEST

/* The jsonl line of a verified target and of a malformed one. */
START_TEST(test_jsonl)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_verify_opts vo = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_scan_opts so = CERTSHOW_SCAN_OPTS_INIT;
	struct certshow_scan_store store;
	struct certshow_trust *trust, *other;
	struct certshow_scanner *s = NULL;
	struct lserver valid;
	struct seen sn;
	json_t *j, *res, *tr;

	seen_init(&sn);
	lserver_start(&valid, VALID);
	trust = load_trust(ctx, ROOT);
	other = load_trust(ctx, OTHER_ROOT);
	vo.has_time = 1;
	vo.time = AT;
	store.name = "b\"root";
	store.trust = other;
	so.verify = &vo;
	so.compare = &store;
	so.n_compare = 1;
	ck_assert_int_eq(certshow_scanner_new(ctx, &s, trust, &so, on_result,
			     &sn),
	    0);
	add(ctx, s, 1, "127.0.0.1", valid.port, "www.example.com", NULL);
	add(ctx, s, 2, NULL, NULL, NULL, "bad \"line\"\n");
	ck_assert_int_eq(certshow_scanner_run(ctx, s), 0);
	j = sn.json[1];
	ck_assert_ptr_nonnull(j);
	ck_assert_str_eq(json_string_value(json_object_get(j, "status")), "ok");
	ck_assert(json_is_null(json_object_get(j, "reason")));
	ck_assert(json_is_true(json_object_get(j, "verified")));
	ck_assert_int_eq(json_integer_value(json_object_get(j, "days_left")),
	    18261);
	res = json_object_get(j, "result");
	ck_assert(json_is_true(json_object_get(res, "verified")));
	ck_assert_uint_eq(json_array_size(json_object_get(res, "path")), 3);
	ck_assert_str_eq(json_string_value(
			     json_object_get(res, "verification_time")),
	    "2050-01-01T00:00:00Z");
	tr = json_object_get(json_object_get(j, "trust"), "b\"root");
	ck_assert_str_eq(json_string_value(json_object_get(tr, "status")),
	    "failed");
	ck_assert_str_eq(json_string_value(
			     json_array_get(json_object_get(tr, "flags"), 0)),
	    "UNTRUSTED");
	j = sn.json[2];
	ck_assert_str_eq(json_string_value(json_object_get(j, "status")),
	    "error");
	ck_assert_str_eq(json_string_value(json_object_get(j, "error")),
	    "MALFORMED");
	ck_assert_str_eq(json_string_value(json_object_get(j, "message")),
	    "bad \"line\"\n");
	ck_assert(json_is_null(json_object_get(j, "result")));
	ck_assert(json_is_null(json_object_get(j, "tls")));
	certshow_scanner_free(s);
	certshow_trust_free(trust);
	certshow_trust_free(other);
	lserver_stop(&valid);
	seen_free(&sn);
	certshow_ctx_free(ctx);
}
END_TEST

/* The library's expiry rule decides a warning: the same chain is OK
 * with warn_days 0 and WARNING (EXPIRES_SOON) when the leaf's 18261
 * days left fall inside the warning period. */
START_TEST(test_expiry_warning)
{
	static const unsigned days[] = { 0, 18261, 18262 };
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_verify_opts vo = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_scan_opts so = CERTSHOW_SCAN_OPTS_INIT;
	struct certshow_trust *trust;
	struct certshow_scanner *s = NULL;
	struct lserver valid;
	struct seen sn;
	int warn = _i == 2;

	seen_init(&sn);
	lserver_start(&valid, VALID);
	trust = load_trust(ctx, ROOT);
	vo.has_time = 1;
	vo.time = AT;
	vo.warn_days = days[_i];
	so.verify = &vo;
	ck_assert_int_eq(certshow_scanner_new(ctx, &s, trust, &so, on_result,
			     &sn),
	    0);
	add(ctx, s, 1, "127.0.0.1", valid.port, "www.example.com", NULL);
	ck_assert_int_eq(certshow_scanner_run(ctx, s), 0);
	ck_assert_int_eq(sn.status[1],
	    warn ? CERTSHOW_SCAN_WARNING : CERTSHOW_SCAN_OK);
	ck_assert_uint_eq(sn.warnings[1], warn ? CERTSHOW_V_EXPIRES_SOON : 0);
	ck_assert_str_eq(sn.reason[1], warn ? "EXPIRES_SOON" : "-");
	certshow_scanner_free(s);
	certshow_trust_free(trust);
	lserver_stop(&valid);
	seen_free(&sn);
	certshow_ctx_free(ctx);
}
END_TEST

struct stopper {
	struct certshow_scanner *s;
	unsigned ms;
};

static void *
stop_later(void *arg)
{
	struct stopper *st = arg;

	usleep(st->ms * 1000);
	certshow_scanner_stop(st->s);
	return NULL;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A listener that never accepts nor answers: every handshake would time
 * out after 5 s. A stop from another thread at 300 ms cuts the two
 * targets in flight short (reported as TIMEOUT, "scan stopped") and
 * starts no other: the run ends within a second. */
START_TEST(test_stop_from_thread)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_fetch_opts fo = CERTSHOW_FETCH_OPTS_INIT;
	struct certshow_scan_opts so = CERTSHOW_SCAN_OPTS_INIT;
	struct certshow_scanner *s = NULL;
	struct stopper st;
	struct lserver mute;
	struct seen sn;
	pthread_t th;
	double t0, el;
	unsigned long k;

	seen_init(&sn);
	memset(&mute, 0, sizeof(mute));
	listen_loopback(&mute);
	fo.connect_timeout_ms = 5000;
	fo.handshake_timeout_ms = 5000;
	so.jobs = 2;
	so.fetch = &fo;
	so.no_verify = 1;
	ck_assert_int_eq(certshow_scanner_new(ctx, &s, NULL, &so, on_result,
			     &sn),
	    0);
	for (k = 1; k <= 20; k++) {
		add(ctx, s, k, "127.0.0.1", mute.port, NULL, NULL);
	}
	st.s = s;
	st.ms = 300;
	t0 = now_s();
	ck_assert_int_eq(pthread_create(&th, NULL, stop_later, &st), 0);
	ck_assert_int_eq(certshow_scanner_run(ctx, s), 0);
	el = now_s() - t0;
	pthread_join(th, NULL);
	ck_assert_int_eq(certshow_scanner_stopped(s), 1);
	ck_assert_uint_eq(sn.n, 2);
	ck_assert_msg(el < 1.0, "run took %.2f s", el);
	for (k = 1; k <= 20; k++) {
		if (sn.count[k] != 0) {
			ck_assert_int_eq(sn.status[k], CERTSHOW_SCAN_ERROR);
			ck_assert_int_eq(sn.error[k], CERTSHOW_E_TIMEOUT);
			ck_assert_str_eq(sn.reason[k], "TIMEOUT");
			ck_assert_msg(strncmp(sn.message[k],
					  "scan stopped: ", 14) == 0,
			    "line %lu: %s", k, sn.message[k]);
		}
	}
	certshow_scanner_free(s);
	close(mute.lfd);
	seen_free(&sn);
	certshow_ctx_free(ctx);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The feed: targets pulled as workers free up                         */

struct feeder {
	struct seen *sn;
	pthread_mutex_t mu;
	const char *port;
	unsigned long next, last; /* lines next..last, then the end */
	unsigned long bad_line;   /* this line: a malformed target */
	unsigned long stop_after; /* non-zero: -1 after this many */
	int give_hostless;        /* the first target has no host */
	size_t calls, fed, reported;
	size_t max_ahead; /* most fed and not yet reported, at a call */
	int in_feed, max_in_feed;
	char host[32];
};

static int
feed_result(const struct certshow_scan_result *r, void *payload)
{
	struct feeder *f = payload;

	(void)on_result(r, f->sn);
	pthread_mutex_lock(&f->mu);
	f->reported++;
	pthread_mutex_unlock(&f->mu);
	return 0;
}

static int
feed_target(struct certshow_scan_target *t, void *payload)
{
	struct feeder *f = payload;
	int rv = 1;

	pthread_mutex_lock(&f->mu);
	if (++f->in_feed > f->max_in_feed) {
		f->max_in_feed = f->in_feed;
	}
	f->calls++;
	if (f->fed - f->reported > f->max_ahead) {
		f->max_ahead = f->fed - f->reported;
	}
	pthread_mutex_unlock(&f->mu);
	usleep(1000); /* time for a second feed call to overlap if it could */
	/* One buffer for every target: the scanner copies the strings
	 * before the next call. */
	snprintf(f->host, sizeof(f->host), "127.0.0.1");
	if (f->stop_after != 0 && f->fed == f->stop_after) {
		rv = -1;
	} else if (f->next > f->last) {
		rv = 0;
	} else {
		t->line = f->next;
		t->host = f->give_hostless ? NULL : f->host;
		t->port = f->port;
		t->sni = "www.example.com";
		t->invalid = f->next == f->bad_line ? "no host in ':1'" : NULL;
		f->next++;
	}
	pthread_mutex_lock(&f->mu);
	f->fed += rv == 1;
	f->in_feed--;
	pthread_mutex_unlock(&f->mu);
	return rv;
}

static void
feeder_init(struct feeder *f, struct seen *sn, const char *port)
{
	memset(f, 0, sizeof(*f));
	f->sn = sn;
	f->port = port;
	pthread_mutex_init(&f->mu, NULL);
}

/* 2 queued targets then 40 from the feed, 4 workers: every target once
 * with its exact status, the queued ones first; the feed is asked one
 * call at a time, exactly once more than it has targets (never after it
 * said "no more"), and only when a worker is free: never more than the
 * other 3 workers' targets are fed and not yet reported. */
START_TEST(test_feed)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_verify_opts vo = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_scan_opts so = CERTSHOW_SCAN_OPTS_INIT;
	struct certshow_trust *trust = load_trust(ctx, ROOT);
	struct certshow_scanner *s = NULL;
	struct lserver valid;
	enum certshow_scan_status want;
	struct feeder f;
	struct seen sn;
	unsigned long k;

	seen_init(&sn);
	lserver_start(&valid, VALID);
	feeder_init(&f, &sn, valid.port);
	f.next = 3;
	f.last = 42;
	f.bad_line = 7;
	vo.has_time = 1;
	vo.time = AT;
	so.jobs = 4;
	so.verify = &vo;
	ck_assert_int_eq(certshow_scanner_new(ctx, &s, trust, &so, feed_result,
			     &f),
	    0);
	ck_assert_int_eq(certshow_scanner_set_feed(ctx, s, feed_target, &f), 0);
	add(ctx, s, 1, "127.0.0.1", valid.port, "www.example.com", NULL);
	add(ctx, s, 2, "127.0.0.1", valid.port, "www.example.net", NULL);
	ck_assert_int_eq(certshow_scanner_run(ctx, s), 0);
	ck_assert_int_eq(certshow_scanner_stopped(s), 0);
	ck_assert_uint_eq(sn.n, 42);
	ck_assert_uint_eq(f.fed, 40);
	ck_assert_uint_eq(f.calls, 41);
	ck_assert_int_eq(f.max_in_feed, 1);
	ck_assert_msg(f.max_ahead <= 3, "%zu fed ahead of the results",
	    f.max_ahead);
	for (k = 1; k <= 42; k++) {
		ck_assert_msg(sn.count[k] == 1, "line %lu: %d results", k,
		    sn.count[k]);
		want = k == 7 ? CERTSHOW_SCAN_ERROR
		    : k == 2  ? CERTSHOW_SCAN_FAILED
			      : CERTSHOW_SCAN_OK;
		ck_assert_msg(sn.status[k] == want, "line %lu: status %d", k,
		    sn.status[k]);
	}
	ck_assert_str_eq(sn.reason[7], "MALFORMED");
	ck_assert_str_eq(sn.reason[2], "HOSTNAME_MISMATCH");
	ck_assert_str_eq(sn.address[42], "127.0.0.1");
	/* A second run: the feed said "no more", nothing is asked again. */
	ck_assert_int_eq(certshow_scanner_run(ctx, s), 0);
	ck_assert_uint_eq(f.calls, 41);
	ck_assert_uint_eq(sn.n, 42);
	certshow_scanner_free(s);
	certshow_trust_free(trust);
	lserver_stop(&valid);
	pthread_mutex_destroy(&f.mu);
	seen_free(&sn);
	certshow_ctx_free(ctx);
}
END_TEST

/* A feed that returns -1 after 5 targets stops the scan as
 * certshow_scanner_stop() does: it is not asked again and no target
 * beyond those 5 is reported. A feed that gives a target without host
 * (and not invalid) stops the scan with CERTSHOW_E_INVAL. */
START_TEST(test_feed_stop)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_scan_opts so = CERTSHOW_SCAN_OPTS_INIT;
	struct certshow_scanner *s = NULL;
	struct lserver valid;
	struct feeder f;
	struct seen sn;
	unsigned long k;

	seen_init(&sn);
	lserver_start(&valid, VALID);
	feeder_init(&f, &sn, valid.port);
	f.next = 1;
	f.last = 50;
	f.stop_after = 5;
	so.jobs = 3;
	so.no_verify = 1;
	ck_assert_int_eq(certshow_scanner_new(ctx, &s, NULL, &so, feed_result,
			     &f),
	    0);
	ck_assert_int_eq(certshow_scanner_set_feed(ctx, s, feed_target, &f), 0);
	ck_assert_int_eq(certshow_scanner_run(ctx, s), 0);
	ck_assert_int_eq(certshow_scanner_stopped(s), 1);
	ck_assert_uint_eq(f.calls, 6);
	ck_assert_uint_eq(f.fed, 5);
	ck_assert_uint_le(sn.n, 5);
	for (k = 6; k <= 50; k++) {
		ck_assert_int_eq(sn.count[k], 0);
	}
	certshow_scanner_free(s);
	seen_free(&sn);
	pthread_mutex_destroy(&f.mu);

	seen_init(&sn);
	feeder_init(&f, &sn, valid.port);
	f.next = 1;
	f.last = 3;
	f.give_hostless = 1;
	ck_assert_int_eq(certshow_scanner_new(ctx, &s, NULL, &so, feed_result,
			     &f),
	    0);
	ck_assert_int_eq(certshow_scanner_set_feed(ctx, s, feed_target, &f), 0);
	ck_assert_int_eq(certshow_scanner_run(ctx, s), CERTSHOW_E_INVAL);
	ck_assert_ptr_nonnull(
	    strstr(certshow_ctx_error(ctx), "invalid target"));
	ck_assert_int_eq(certshow_scanner_stopped(s), 1);
	ck_assert_uint_eq(f.calls, 1);
	ck_assert_uint_eq(sn.n, 0);
	ck_assert_int_eq(certshow_scanner_set_feed(ctx, NULL, feed_target, &f),
	    CERTSHOW_E_INVAL);
	certshow_scanner_free(s);
	lserver_stop(&valid);
	pthread_mutex_destroy(&f.mu);
	seen_free(&sn);
	certshow_ctx_free(ctx);
}
END_TEST

/* The lint option, against data/lint/'s fixtures (one key, issued by
 * ca-clean.pem): the clean leaf has no finding, validity-too-long.pem
 * exactly one error, and neither changes the status (both verified,
 * OK). Lint off: no findings, no "lint" member. Options of version 1
 * are accepted, and their lint (not a version 1 member) is off. */
#define LINT_AT 1717200000 /* 2024-06-01T00:00:00Z */
#define LINT_KEY "lint/keys/leaf.key"

static void
lint_scan(struct seen *sn, unsigned version, int lint, const char *clean_port,
    const char *flagged_port)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_verify_opts vo = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_scan_opts so = CERTSHOW_SCAN_OPTS_INIT;
	struct certshow_trust *trust = load_trust(ctx, "lint/ca-clean.pem");
	struct certshow_scanner *s = NULL;

	vo.has_time = 1;
	vo.time = LINT_AT;
	vo.warn_days = 30;
	so.verify = &vo;
	so.version = version;
	so.lint = lint;
	ck_assert_int_eq(certshow_scanner_new(ctx, &s, trust, &so, on_result,
			     sn),
	    0);
	add(ctx, s, 1, "127.0.0.1", clean_port, "www.example.com", NULL);
	add(ctx, s, 2, "127.0.0.1", flagged_port, "www.example.com", NULL);
	add(ctx, s, 3, NULL, NULL, NULL, "no host");
	ck_assert_int_eq(certshow_scanner_run(ctx, s), 0);
	ck_assert_uint_eq(sn->n, 3);
	ck_assert_int_eq(sn->status[1], CERTSHOW_SCAN_OK);
	ck_assert_int_eq(sn->status[2], CERTSHOW_SCAN_OK);
	ck_assert_int_eq(sn->status[3], CERTSHOW_SCAN_ERROR);
	/* No chain: nothing linted, whatever the option. */
	ck_assert_int_eq(sn->has_lint[3], 0);
	ck_assert_ptr_null(json_object_get(sn->json[3], "lint"));
	certshow_scanner_free(s);
	certshow_trust_free(trust);
	certshow_ctx_free(ctx);
}

START_TEST(test_lint)
{
	struct lserver clean, flagged;
	struct seen sn;
	json_t *l, *f, *rl;
	size_t k;

	lserver_start_key(&clean, "lint/leaf-clean.pem", LINT_KEY);
	lserver_start_key(&flagged, "lint/validity-too-long.pem", LINT_KEY);

	seen_init(&sn);
	lint_scan(&sn, CERTSHOW_SCAN_OPTS_VERSION, 1, clean.port, flagged.port);
	ck_assert_int_eq(sn.has_lint[1], 1);
	ck_assert_uint_eq(sn.lint_count[1][0], 0);
	ck_assert_uint_eq(sn.lint_count[1][1], 0);
	ck_assert_uint_eq(sn.lint_count[1][2], 0);
	ck_assert_str_eq(sn.lint_ids[1], "");
	ck_assert_int_eq(sn.has_lint[2], 1);
	ck_assert_uint_eq(sn.lint_count[2][0], 1);
	ck_assert_uint_eq(sn.lint_count[2][1], 0);
	ck_assert_uint_eq(sn.lint_count[2][2], 0);
	ck_assert_str_eq(sn.lint_ids[2], "validity-too-long");
	/* jsonl: the counts and findings, and the result's own "lint" as
	 * 'certshow HOST --lint -f json' writes it. */
	l = json_object_get(sn.json[2], "lint");
	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(json_integer_value(json_object_get(l, "errors")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(l, "warnings")), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(l, "notices")), 0);
	ck_assert_uint_eq(json_array_size(json_object_get(l, "findings")), 1);
	f = json_array_get(json_object_get(l, "findings"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(f, "id")),
	    "validity-too-long");
	ck_assert_str_eq(json_string_value(json_object_get(f, "severity")),
	    "error");
	ck_assert_int_eq(json_integer_value(json_object_get(f, "certificate")),
	    0);
	ck_assert_str_eq(json_string_value(json_object_get(f, "citation")),
	    "CABF BR 6.3.2");
	ck_assert_uint_eq(json_array_size(json_object_get(l, "certificates")),
	    1);
	rl = json_object_get(json_object_get(sn.json[2], "result"), "lint");
	ck_assert_ptr_nonnull(rl);
	ck_assert(json_equal(json_object_get(rl, "findings"),
	    json_object_get(l, "findings")));
	ck_assert(json_equal(json_object_get(rl, "certificates"),
	    json_object_get(l, "certificates")));
	l = json_object_get(sn.json[1], "lint");
	ck_assert_int_eq(json_integer_value(json_object_get(l, "errors")), 0);
	ck_assert_uint_eq(json_array_size(json_object_get(l, "findings")), 0);
	seen_free(&sn);

	/* Off, and version 1 options (lint not read): no findings. */
	for (k = 0; k < 2; k++) {
		seen_init(&sn);
		lint_scan(&sn, k == 0 ? CERTSHOW_SCAN_OPTS_VERSION : 1, k,
		    clean.port, flagged.port);
		ck_assert_int_eq(sn.has_lint[1] + sn.has_lint[2], 0);
		ck_assert_uint_eq(sn.lint_count[2][0] + sn.lint_count[2][1] +
			sn.lint_count[2][2],
		    0);
		ck_assert_ptr_null(json_object_get(sn.json[2], "lint"));
		ck_assert_ptr_null(
		    json_object_get(json_object_get(sn.json[2], "result"),
			"lint"));
		seen_free(&sn);
	}
	lserver_stop(&clean);
	lserver_stop(&flagged);
}
END_TEST

static int
never(const struct certshow_scan_result *r, void *payload)
{
	(void)r;
	(void)payload;
	return 0;
}

START_TEST(test_bad_args)
{
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct certshow_scan_opts so = CERTSHOW_SCAN_OPTS_INIT;
	struct certshow_scan_target t = CERTSHOW_SCAN_TARGET_INIT;
	struct certshow_scan_store store;
	struct certshow_scanner *s = NULL;
	struct certshow_trust *trust = load_trust(ctx, ROOT);

	/* No callback; no trust store while verifying; a wrong version. */
	ck_assert_int_eq(certshow_scanner_new(ctx, &s, trust, &so, NULL, NULL),
	    CERTSHOW_E_INVAL);
	ck_assert_int_eq(certshow_scanner_new(ctx, &s, NULL, &so, never, NULL),
	    CERTSHOW_E_INVAL);
	so.version = 99;
	ck_assert_int_eq(certshow_scanner_new(ctx, &s, trust, &so, never, NULL),
	    CERTSHOW_E_INVAL);
	ck_assert_ptr_null(s);
	so.version = CERTSHOW_SCAN_OPTS_VERSION;
	/* A comparison store needs a name and a trust store. */
	store.name = "x";
	store.trust = NULL;
	so.compare = &store;
	so.n_compare = 1;
	ck_assert_int_eq(certshow_scanner_new(ctx, &s, trust, &so, never, NULL),
	    CERTSHOW_E_INVAL);
	so.compare = NULL;
	so.n_compare = 0;
	ck_assert_int_eq(certshow_scanner_new(ctx, &s, trust, &so, never, NULL),
	    0);
	/* A target needs a host unless it is invalid. */
	ck_assert_int_eq(certshow_scanner_add(ctx, s, &t), CERTSHOW_E_INVAL);
	t.invalid = "x";
	ck_assert_int_eq(certshow_scanner_add(ctx, s, &t), 0);
	certshow_scanner_free(s);
	certshow_scanner_free(NULL);
	certshow_trust_free(trust);
	certshow_ctx_free(ctx);
}
END_TEST

static Suite *
scan_suite(void)
{
	Suite *s = suite_create("scan");
	TCase *tc;

	tc = tcase_create("scanner");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_statuses);
	tcase_add_test(tc, test_jsonl);
	tcase_add_loop_test(tc, test_expiry_warning, 0, 3);
	tcase_add_test(tc, test_stop_from_thread);
	tcase_add_test(tc, test_bad_args);
	tcase_add_test(tc, test_feed);
	tcase_add_test(tc, test_feed_stop);
	tcase_add_test(tc, test_lint);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(scan_suite());
}
