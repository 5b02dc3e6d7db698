/*
 * scan_target.c - 'certshow scan': parse a target line, shard the list,
 * and fetch + verify one target into a result.
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <math.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "scan.h"

uint64_t
scan_target_hash(const char *target)
{
	/* FNV-1a 64 over the normalised string: stable across machines,
	 * builds and runs, so N shards of one list cover it exactly once. */
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	const unsigned char *p = (const unsigned char *)target;
	int space = 0, started = 0;

	for (; *p != '\0'; p++) {
		if (isspace(*p)) {
			space = started;
			continue;
		}
		if (space) {
			h ^= (unsigned char)' ';
			h *= UINT64_C(0x100000001b3);
			space = 0;
		}
		started = 1;
		h ^= (unsigned char)tolower(*p);
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

static char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d != NULL) {
		memcpy(d, s, n);
	}
	return d;
}

static char *
fmt_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
fmt_err(const char *fmt, ...)
{
	char buf[CLI_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	cli_vformat(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return xstrdup(buf);
}

/* Parse the words of a trimmed, non-empty line into `it`; sets it->err
 * (malloc'd) when malformed. */
static void
parse_line(struct scan_item *it, char *words)
{
	struct cli_hostport hp;
	char err[CLI_MSG_MAX];
	char *w, *save = NULL;
	size_t i, n;

	w = strtok_r(words, " \t", &save);
	if (cli_parse_hostport(w, &hp, err, sizeof(err)) != 0) {
		it->err = fmt_err("%s", err);
		return;
	}
	if (hp.host[0] == '\0') {
		it->err = fmt_err("no host in '%s'", w);
		return;
	}
	if (hp.port[0] != '\0' && cli_port_parse(hp.port, NULL) != 0) {
		it->err = fmt_err("invalid port '%s' (1 to 65535)", hp.port);
		return;
	}
	it->host = xstrdup(hp.host);
	it->port = xstrdup(hp.port);
	if (it->host == NULL || it->port == NULL) {
		it->err = xstrdup("out of memory");
		return;
	}
	while ((w = strtok_r(NULL, " \t", &save)) != NULL) {
		if (strncmp(w, "starttls=", 9) == 0) {
			if (cli_starttls_from_name(w + 9, &it->starttls) != 0) {
				it->err = fmt_err("unknown starttls '%s'",
				    w + 9);
				return;
			}
			it->has_starttls = 1;
		} else if (strncmp(w, "sni=", 4) == 0 && w[4] != '\0' &&
		    it->sni == NULL) {
			it->sni = xstrdup(w + 4);
			if (it->sni == NULL) {
				it->err = xstrdup("out of memory");
				return;
			}
		} else {
			it->err = fmt_err("unexpected '%s' (expected "
					  "starttls=PROTO or sni=NAME)",
			    w);
			return;
		}
	}
	n = strlen(it->host) + strlen(it->port) + 3;
	it->addr_key = malloc(n);
	if (it->addr_key == NULL) {
		it->err = xstrdup("out of memory");
		return;
	}
	snprintf(it->addr_key, n, "%s|%s", it->host,
	    it->port[0] != '\0' ? it->port : "-");
	for (i = 0; it->addr_key[i] != '\0'; i++) {
		it->addr_key[i] = (char)tolower((unsigned char)it->addr_key[i]);
	}
}

int
scan_list_add(struct scan_list *l, const char *line, const char *source,
    unsigned long lineno)
{
	struct scan_item *it;
	char *copy, *s, *e, *hash;

	copy = xstrdup(line);
	if (copy == NULL) {
		return -1;
	}
	/* '#' starts a comment at the start of a line or after a blank;
	 * a '#' inside a word (a URL fragment) is the host parser's. */
	for (hash = copy; (hash = strchr(hash, '#')) != NULL; hash++) {
		if (hash == copy || isspace((unsigned char)hash[-1])) {
			*hash = '\0';
			break;
		}
	}
	for (s = copy; isspace((unsigned char)*s); s++) {
		continue;
	}
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1])) {
		*--e = '\0';
	}
	if (*s == '\0') {
		free(copy);
		return 0;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap != 0 ? l->cap * 2 : 64;
		struct scan_item *v = realloc(l->items, cap * sizeof(*v));

		if (v == NULL) {
			free(copy);
			return -1;
		}
		l->items = v;
		l->cap = cap;
	}
	it = &l->items[l->n];
	memset(it, 0, sizeof(*it));
	it->target = xstrdup(s);
	if (it->target == NULL) {
		free(copy);
		return -1;
	}
	it->source = source;
	it->lineno = lineno;
	parse_line(it, s);
	free(copy);
	l->n++;
	return 0;
}

static void
item_free(struct scan_item *it)
{
	free(it->target);
	free(it->err);
	free(it->host);
	free(it->port);
	free(it->sni);
	free(it->addr_key);
}

void
scan_list_shard(struct scan_list *l, unsigned i, unsigned n)
{
	size_t r, w = 0;

	for (r = 0; r < l->n; r++) {
		if (scan_target_hash(l->items[r].target) % n == i) {
			l->items[w++] = l->items[r];
		} else {
			item_free(&l->items[r]);
		}
	}
	l->n = w;
}

void
scan_list_free(struct scan_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		item_free(&l->items[i]);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

/* ------------------------------------------------------------------ */

static double
ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) * 1e3 +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* The symbolic name of a library error code, for the "error" member. */
static const char *
error_name(int code)
{
	static const struct {
		int code;
		const char *name;
	} names[] = { { CERTSHOW_E_NOMEM, "NOMEM" },
		{ CERTSHOW_E_INVAL, "INVAL" }, { CERTSHOW_E_IO, "IO" },
		{ CERTSHOW_E_PARSE, "PARSE" }, { CERTSHOW_E_TLS, "TLS" },
		{ CERTSHOW_E_TIMEOUT, "TIMEOUT" },
		{ CERTSHOW_E_TRUST, "TRUST" },
		{ CERTSHOW_E_UNSUPPORTED, "UNSUPPORTED" },
		{ CERTSHOW_E_LIMIT, "LIMIT" }, { CERTSHOW_E_DNS, "DNS" },
		{ CERTSHOW_E_CONNECT, "CONNECT" },
		{ CERTSHOW_E_ALERT, "ALERT" },
		{ CERTSHOW_E_STARTTLS, "STARTTLS" },
		{ CERTSHOW_E_NOTFOUND, "NOTFOUND" } };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (names[i].code == code) {
			return names[i].name;
		}
	}
	return "ERROR";
}

static int
is_ip(const char *s)
{
	struct in6_addr a6;
	struct in_addr a4;

	return inet_pton(AF_INET, s, &a4) == 1 ||
	    inet_pton(AF_INET6, s, &a6) == 1;
}

static void
fill_problems(struct scan_result *r, const struct certshow_result *res)
{
	size_t i, j, n = 0, len = certshow_result_path_len(res);
	const char *msg;
	uint32_t flag;

	for (i = 0; i < len; i++) {
		n += certshow_result_problem_count(res, i);
	}
	if (n == 0) {
		return;
	}
	r->problems = calloc(n, sizeof(*r->problems));
	if (r->problems == NULL) {
		return;
	}
	for (i = 0; i < len; i++) {
		for (j = 0; j < certshow_result_problem_count(res, i); j++) {
			if (certshow_result_problem(res, i, j, &flag, &msg) !=
			    0) {
				continue;
			}
			r->problems[r->n_problems].flag = flag;
			r->problems[r->n_problems].message = xstrdup(
			    msg != NULL ? msg : "");
			r->n_problems++;
		}
	}
}

/* Verify the session's chain for `name` into r. 0 or -1 (error set). */
static int
verify_session(struct certshow_ctx *ctx, const struct certshow_trust *trust,
    const struct scan_conf *c, const struct certshow_session *s,
    const char *name, struct scan_result *r)
{
	struct certshow_verify_opts vo = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_result *res = NULL;
	int rv;

	vo.peer_kind = is_ip(name) ? CERTSHOW_PEER_IP : CERTSHOW_PEER_DNS;
	vo.peer_name = name;
	vo.purpose = CERTSHOW_PURPOSE_SERVER;
	vo.profile = c->profile;
	vo.has_time = c->has_at;
	vo.time = c->at;
	rv = certshow_verify(ctx, &res, certshow_session_chain(s), NULL, trust,
	    &vo);
	if (rv != 0) {
		return rv;
	}
	r->flags = certshow_result_flags(res);
	fill_problems(r, res);
	certshow_result_free(res);
	return 0;
}

static void
set_error(struct scan_result *r, const char *code, const char *msg)
{
	r->status = SCAN_ERROR;
	r->error = code;
	free(r->message);
	r->message = xstrdup(msg);
}

/* Days left of the leaf and the status of a verified (or fetched)
 * target. */
static void
classify(const struct scan_conf *c, const struct certshow_cert *leaf,
    int hs_failed, const char *hs_msg, struct scan_result *r)
{
	int64_t now = c->has_at ? c->at : (int64_t)time(NULL);

	if (leaf != NULL) {
		r->has_expiry = 1;
		certshow_cert_validity(leaf, NULL, &r->not_after);
		r->days_left = (long)floor(
		    (double)(r->not_after - now) / 86400.0);
	}
	if (r->flags != 0) {
		r->status = SCAN_FAILED;
	} else if (hs_failed ||
	    (r->has_expiry && r->days_left < c->warn_days)) {
		r->status = SCAN_WARNING;
	} else {
		r->status = SCAN_OK;
	}
	if (hs_failed) {
		r->message = xstrdup(hs_msg != NULL
			? hs_msg
			: "handshake failed after the certificates");
	}
}

void
scan_run_target(struct certshow_ctx *ctx, const struct certshow_trust *trust,
    const struct scan_conf *c, const struct scan_item *it,
    struct scan_result *r)
{
	struct certshow_fetch_opts fo = CERTSHOW_FETCH_OPTS_INIT;
	struct certshow_session_info info = CERTSHOW_SESSION_INFO_INIT;
	struct certshow_session *s = NULL;
	struct timespec t0, t1;
	const char *name, *hs_msg = NULL, *addr;
	unsigned step;
	int hs_failed, rv;

	memset(r, 0, sizeof(*r));
	r->item = it;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (it->err != NULL) {
		set_error(r, "MALFORMED", it->err);
		return;
	}
	if (ctx == NULL) {
		set_error(r, "NOMEM", "out of memory");
		return;
	}
	name = it->sni != NULL ? it->sni : it->host;
	/* The deadline bounds connect and handshake together: each step
	 * gets at most half of it (and at most --timeout). */
	step = c->deadline_ms / 2 > 0 ? c->deadline_ms / 2 : 1;
	if (step > c->timeout_ms) {
		step = c->timeout_ms;
	}
	fo.sni = it->sni;
	fo.connect_timeout_ms = step;
	fo.handshake_timeout_ms = step;
	fo.starttls = it->has_starttls ? it->starttls : c->starttls;
	fo.starttls_domain = name;
	rv = certshow_fetch(ctx, &s, it->host,
	    it->port[0] != '\0' ? it->port : NULL, &fo);
	if (rv != 0) {
		set_error(r, error_name(rv), certshow_ctx_error(ctx));
		r->ms_fetch = r->ms_total = ms_since(&t0);
		return;
	}
	r->ms_fetch = ms_since(&t0);
	if (certshow_session_info(s, &info) != 0) {
		set_error(r, "INVAL", certshow_strerror(CERTSHOW_E_INVAL));
		goto out;
	}
	addr = info.peer_addr;
	snprintf(r->address, sizeof(r->address), "%s",
	    addr != NULL ? addr : "");
	r->port = info.peer_port;
	hs_failed = info.handshake_error != 0;
	hs_msg = info.handshake_message;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	rv = c->insecure ? 0 : verify_session(ctx, trust, c, s, name, r);
	if (rv != 0) {
		set_error(r, error_name(rv), certshow_ctx_error(ctx));
		goto out;
	}
	r->ms_verify = ms_since(&t1);
	classify(c, certshow_chain_get(certshow_session_chain(s), 0), hs_failed,
	    hs_msg, r);
out:
	r->ms_total = ms_since(&t0);
	certshow_session_free(s);
}

void
scan_result_clear(struct scan_result *r)
{
	size_t i;

	for (i = 0; i < r->n_problems; i++) {
		free(r->problems[i].message);
	}
	free(r->problems);
	free(r->message);
	memset(r, 0, sizeof(*r));
}
