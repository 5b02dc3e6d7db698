/*
 * cmd_verify.c - 'certshow verify': verify certificate chains from files
 * against trust anchors and print the verdicts.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

enum {
	OPT_CAFILE = 256,
	OPT_CAPATH,
	OPT_UNTRUSTED,
	OPT_HOST,
	OPT_IP,
	OPT_EMAIL,
	OPT_AT,
	OPT_PURPOSE,
	OPT_MAX_DEPTH,
	OPT_PROFILE,
	OPT_CRL,
	OPT_CRL_CHECK,
	OPT_JOBS,
	OPT_LINT,
	OPT_POLICY,
	OPT_EXPLICIT_POLICY,
	OPT_INHIBIT_POLICY_MAPPING,
	OPT_INHIBIT_ANY_POLICY,
	OPT_WARN_DAYS,
	OPT_FULL
};

static const struct option verify_options[] = {
	{ "cafile", required_argument, NULL, OPT_CAFILE },
	{ "capath", required_argument, NULL, OPT_CAPATH },
	{ "untrusted", required_argument, NULL, OPT_UNTRUSTED },
	{ "host", required_argument, NULL, OPT_HOST },
	{ "ip", required_argument, NULL, OPT_IP },
	{ "email", required_argument, NULL, OPT_EMAIL },
	{ "at", required_argument, NULL, OPT_AT },
	{ "purpose", required_argument, NULL, OPT_PURPOSE },
	{ "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "crl", required_argument, NULL, OPT_CRL },
	{ "policy", required_argument, NULL, OPT_POLICY },
	{ "explicit-policy", no_argument, NULL, OPT_EXPLICIT_POLICY },
	{ "inhibit-policy-mapping", no_argument, NULL,
	    OPT_INHIBIT_POLICY_MAPPING },
	{ "inhibit-any-policy", no_argument, NULL, OPT_INHIBIT_ANY_POLICY },
	{ "crl-check", required_argument, NULL, OPT_CRL_CHECK },
	{ "jobs", required_argument, NULL, 'j' },
	{ "lint", no_argument, NULL, OPT_LINT },
	{ "warn-days", required_argument, NULL, OPT_WARN_DAYS },
	{ "format", required_argument, NULL, 'f' },
	{ "full", no_argument, NULL, OPT_FULL },
	{ "help", no_argument, NULL, 'h' },
	CLI_ONLINE_OPTIONS,
	{ NULL, 0, NULL, 0 },
};

void
usage_verify(FILE *fp)
{
	fprintf(fp,
	    "usage: certshow verify [OPTIONS] FILE...\n"
	    "\n"
	    "Verify each FILE: its first certificate is the leaf, the others\n"
	    "are candidate intermediates in any order. A path is built to a\n"
	    "trust anchor (trying alternatives: cross-signed and duplicate\n"
	    "intermediates, several roots of one name) and checked against\n"
	    "RFC 5280 and, by default, the CA/Browser Forum rules.\n"
	    "\n"
	    "Options:\n"
	    "      --cafile PATH     trust anchors from a PEM/DER file (repeatable)\n"
	    "      --capath DIR      trust anchors from *.pem, *.crt, *.cer and\n"
	    "                        hashed *.0 files of DIR (repeatable)\n"
	    "                        (default without either: the system store)\n"
	    "      --untrusted FILE  more candidate intermediates (repeatable)\n"
	    "      --crl FILE        check revocation against the PEM/DER CRLs\n"
	    "                        of FILE (repeatable; RFC 5280 6.3): each\n"
	    "                        certificate checked needs CRLs that decide\n"
	    "                        its status, else REVOCATION_UNKNOWN\n"
	    "      --crl-check W     with --crl, check all (default: every\n"
	    "                        certificate below the anchor) or leaf\n"
	    "      --host NAME       check the leaf against a DNS name\n"
	    "      --ip ADDR         ... against an IPv4 or IPv6 address\n"
	    "      --email ADDR      ... against an email address\n"
	    "      --at TIME         verification time: RFC 3339, a date\n"
	    "                        (2027-01-01, midnight UTC) or @SECONDS\n"
	    "                        (default: now)\n"
	    "      --purpose P       server (default), client, any or an EKU OID\n"
	    "      --max-depth N     most certificates in a path, leaf and anchor\n"
	    "                        included, self-issued intermediates not\n"
	    "                        counted (default 32)\n"
	    "      --profile P       webpki (default, CA/B Forum rules) or rfc5280\n"
	    "      --policy OID      an acceptable certificate policy (repeatable;\n"
	    "                        default anyPolicy, 2.5.29.32.0)\n"
	    "      --explicit-policy the path must be valid for an acceptable\n"
	    "                        policy (initial-explicit-policy)\n"
	    "      --inhibit-policy-mapping  CAs may not map policies\n"
	    "      --inhibit-any-policy  anyPolicy in a CA matches no policy\n"
	    "                        (rfc5280 processes policies always, webpki\n"
	    "                        only with one of these four options)\n");
	cli_online_usage(fp, 24);
	fprintf(fp,
	    "  -j, --jobs N          verify N files at a time on N threads\n"
	    "                        (0: one per processor; default 1); the\n"
	    "                        output keeps the order of the FILEs\n"
	    "      --lint            also lint each FILE's certificates and the\n"
	    "                        intermediates its path took from elsewhere\n"
	    "                        (text: findings on standard error; json: a\n"
	    "                        \"lint\" member in each result; see\n"
	    "                        'certshow help lint')\n"
	    "      --warn-days N     warn (exit 4 when verified) when a\n"
	    "                        certificate of the path expires within N\n"
	    "                        days of the verification time (default 0:\n"
	    "                        off); also lint's threshold with --lint\n"
	    "  -f, --format FMT      text (default) or json\n"
	    "  -v, --full            text: the full result (path, revocation,\n"
	    "                        policies, every problem) instead of the\n"
	    "                        short report\n"
	    "  -h, --help            show this help\n"
	    "\n"
	    "Exit status: 0 every FILE verified, 1 at least one did not (the\n"
	    "reasons are printed) or lint found an error, 4 all verified with\n"
	    "warnings only (lint warnings, a certificate expiring within\n"
	    "--warn-days, or a revocation status left open under\n"
	    "--revocation soft), 2 usage error, 3 an input or trust\n"
	    "store could not be read (over any other status).\n");
}

struct list {
	const char **v;
	size_t n;
};

static int
list_add(struct list *l, const char *s)
{
	const char **nv = realloc(l->v, (l->n + 1) * sizeof(*nv));

	if (nv == NULL) {
		return -1;
	}
	l->v = nv;
	l->v[l->n++] = s;
	return 0;
}

static int usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
static int
usage_error(const char *fmt, ...)
{
	char msg[CLI_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	cli_vformat(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: verify: %s\n", cli_progname, msg);
	cli_usage_hint("verify");
	return EXIT_USAGE;
}

/* Load the trust store; EXIT_OK or EXIT_OPERATIONAL (reported, *code
 * set to CERTSHOW_E_TRUST when no anchor was loaded). */
static int
load_trust(struct certshow_ctx *ctx, struct certshow_trust **out,
    const struct list *cafiles, const struct list *capaths, int *code)
{
	struct certshow_trust *t;
	const char *path, *reason;
	size_t i;

	if (certshow_trust_new(ctx, &t) < 0) {
		cli_error("%s", certshow_ctx_error(ctx));
		return EXIT_OPERATIONAL;
	}
	for (i = 0; i < cafiles->n; i++) {
		if (certshow_trust_add_path(ctx, t, cafiles->v[i], 0) < 0) {
			cli_error("--cafile: %s", certshow_ctx_error(ctx));
			certshow_trust_free(t);
			return EXIT_OPERATIONAL;
		}
	}
	for (i = 0; i < capaths->n; i++) {
		if (certshow_trust_add_path(ctx, t, capaths->v[i], 0) < 0) {
			cli_error("--capath: %s", certshow_ctx_error(ctx));
			certshow_trust_free(t);
			return EXIT_OPERATIONAL;
		}
	}
	if (cafiles->n == 0 && capaths->n == 0 &&
	    cli_trust_default(ctx, t) < 0) {
		cli_error("default trust store: %s", certshow_ctx_error(ctx));
		certshow_trust_free(t);
		return EXIT_OPERATIONAL;
	}
	for (i = 0; i < certshow_trust_count(t, CERTSHOW_TRUST_FAILED); i++) {
		if (certshow_trust_failed(t, i, &path, &reason) == 0) {
			cli_error("warning: trust anchor file %s: %s", path,
			    reason);
		}
	}
	if (certshow_trust_count(t, CERTSHOW_TRUST_ANCHORS) == 0) {
		cli_error("no trust anchors loaded");
		*code = CERTSHOW_E_TRUST;
		certshow_trust_free(t);
		return EXIT_OPERATIONAL;
	}
	*out = t;
	return EXIT_OK;
}

/* One FILE: loaded and verified by a worker (or inline), written by the
 * main thread in input order. */
struct job {
	const char *path;
	struct certshow_chain *chain;
	struct certshow_result *res;
	struct certshow_lint *lint;   /* --lint findings, or NULL */
	char *err;                    /* operational error, or NULL */
	int err_code;                 /* its CERTSHOW_E_* code */
	int done;
};

/* What every verification shares: read-only while workers run. */
struct shared {
	const struct certshow_trust *trust;
	const struct certshow_chain *extra;
	struct certshow_http_cache *hcache; /* shared by the workers */
	const struct certshow_verify_opts *vo;
	const struct certshow_lint_opts *lo;  /* NULL: no --lint */
	enum certshow_format fmt;
};

static char *
xstrdup_err(const char *a, const char *b)
{
	size_t la = a != NULL ? strlen(a) : 0, lb = strlen(b);
	char *s = malloc(la + lb + 3);

	if (s == NULL) {
		return NULL;
	}
	if (a != NULL) {
		memcpy(s, a, la);
		memcpy(s + la, ": ", 2);
		la += 2;
	}
	memcpy(s + la, b, lb + 1);
	return s;
}

/* Load and verify one FILE with `ctx` (owned by the calling thread). */
static void
run_job(struct certshow_ctx *ctx, const struct shared *sh, struct job *j)
{
	int rv;

	rv = certshow_chain_load_file(ctx, &j->chain, j->path);
	if (rv < 0) {
		j->chain = NULL;
		j->err_code = rv;
		j->err = xstrdup_err(NULL, certshow_ctx_error(ctx));
		return;
	}
	rv = certshow_verify(ctx, &j->res, j->chain, sh->extra, sh->trust,
	    sh->vo);
	if (rv < 0) {
		j->res = NULL;
		j->err_code = rv;
		j->err = xstrdup_err(j->path, certshow_ctx_error(ctx));
		return;
	}
	if (sh->lo != NULL && cli_lint_verified(ctx, &j->lint, j->chain,
	    j->res, sh->lo) < 0) {
		j->err_code = CERTSHOW_E_NOMEM;
		j->err = xstrdup_err("lint", certshow_ctx_error(ctx));
	}
}

/* Write one finished job; updates *status. Returns -1 when the output
 * failed (stop), else 0. */
static int
emit_job(struct certshow_ctx *ctx, struct certshow_writer *w,
    const struct shared *sh, struct job *j, int *status)
{
	int rv = 0;

	if (j->err != NULL || j->chain == NULL || j->res == NULL ||
	    (sh->lo != NULL && j->lint == NULL)) {
		fflush(stdout);
		cli_error("%s", j->err != NULL ? j->err : "out of memory");
		*status = EXIT_OPERATIONAL;
		/* JSON: the input is a result with its error, in order. */
		if (certshow_writer_add_error(ctx, w, j->path,
			j->err != NULL ? j->err_code : CERTSHOW_E_NOMEM,
			j->err) < 0) {
			cli_error("writing output: %s",
			    certshow_ctx_error(ctx));
			rv = -1;
		}
		goto out;
	}
	if (certshow_result_flags(j->res) != 0) {
		*status = cli_status_merge(*status, EXIT_VERIFY_FAILED);
	} else if (certshow_result_warnings(j->res) != 0) {
		/* Soft revocation: verified, with a warning. */
		*status = cli_status_merge(*status, EXIT_WARNING);
	}
	/* JSON: the findings go into this result's object, so the run stays
	 * one document; text: after the result, on standard error, as
	 * 'dump --lint' writes them. */
	if (j->lint != NULL && sh->fmt == CERTSHOW_FORMAT_JSON) {
		(void)certshow_writer_set_lint(ctx, w, j->lint);
	}
	if (certshow_writer_add_result(ctx, w, j->chain, j->res) < 0) {
		cli_error("writing output: %s", certshow_ctx_error(ctx));
		(void)certshow_writer_set_lint(ctx, w, NULL);
		*status = EXIT_OPERATIONAL;
		rv = -1;
		goto out;
	}
	if (j->lint != NULL) {
		if (sh->fmt != CERTSHOW_FORMAT_JSON) {
			fflush(stdout);
			if (certshow_lint_write(ctx, stderr,
			    CERTSHOW_FORMAT_TEXT, j->lint) < 0) {
				*status = EXIT_OPERATIONAL;
			}
		}
		*status = cli_status_merge(*status, cli_lint_status(j->lint));
	}
out:
	certshow_lint_free(j->lint);
	certshow_result_free(j->res);
	certshow_chain_free(j->chain);
	free(j->err);
	j->res = NULL;
	j->chain = NULL;
	j->lint = NULL;
	j->err = NULL;
	return rv;
}

/* Workers take FILEs in order and run at most `window` FILEs ahead of
 * the writer, so memory stays bounded whatever the number of FILEs. */
struct pool {
	pthread_mutex_t mu;
	pthread_cond_t done_cv;       /* a job finished */
	pthread_cond_t room_cv;       /* the writer moved on, or stop */
	struct job *jobs;
	size_t n, next, written, window;
	int stop;
	const struct shared *sh;
};

static void *
worker(void *arg)
{
	struct pool *p = arg;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct job *j;
	size_t i;

	if (ctx != NULL && p->sh->hcache != NULL) {
		certshow_ctx_set_http_cache(ctx, p->sh->hcache);
	}
	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (!p->stop && p->next < p->n &&
		    p->next >= p->written + p->window) {
			pthread_cond_wait(&p->room_cv, &p->mu);
		}
		if (p->stop || p->next >= p->n) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		i = p->next++;
		pthread_mutex_unlock(&p->mu);
		j = &p->jobs[i];
		if (ctx != NULL) {
			run_job(ctx, p->sh, j);
		} else {
			j->err = xstrdup_err(j->path, "out of memory");
		}
		pthread_mutex_lock(&p->mu);
		j->done = 1;
		pthread_cond_broadcast(&p->done_cv);
		pthread_mutex_unlock(&p->mu);
	}
	certshow_ctx_free(ctx);
	return NULL;
}

/* Verify every job, writing in order. */
static int
run_jobs(struct certshow_ctx *ctx, struct certshow_writer *w,
    const struct shared *sh, struct job *jobs, size_t n, unsigned nthreads,
    int *status)
{
	struct pool p;
	pthread_t *tid;
	unsigned started = 0, t;
	size_t i;
	int rv = 0;

	if (nthreads > n) {
		nthreads = (unsigned)n;
	}
	if (nthreads <= 1) {
		for (i = 0; i < n; i++) {
			run_job(ctx, sh, &jobs[i]);
			if (emit_job(ctx, w, sh, &jobs[i], status) < 0) {
				return -1;
			}
		}
		return 0;
	}
	memset(&p, 0, sizeof(p));
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.done_cv, NULL);
	pthread_cond_init(&p.room_cv, NULL);
	p.jobs = jobs;
	p.n = n;
	p.window = 64 * (size_t)nthreads;
	p.sh = sh;
	tid = calloc(nthreads, sizeof(*tid));
	for (t = 0; tid != NULL && t < nthreads; t++) {
		if (pthread_create(&tid[t], NULL, worker, &p) != 0) {
			break;
		}
		started++;
	}
	if (started == 0) {
		/* No thread at all: do the work here. */
		free(tid);
		pthread_cond_destroy(&p.room_cv);
		pthread_cond_destroy(&p.done_cv);
		pthread_mutex_destroy(&p.mu);
		return run_jobs(ctx, w, sh, jobs, n, 1, status);
	}
	for (i = 0; i < n; i++) {
		pthread_mutex_lock(&p.mu);
		while (!jobs[i].done) {
			pthread_cond_wait(&p.done_cv, &p.mu);
		}
		pthread_mutex_unlock(&p.mu);
		if (emit_job(ctx, w, sh, &jobs[i], status) < 0) {
			rv = -1;
		}
		pthread_mutex_lock(&p.mu);
		p.written = i + 1;
		if (rv < 0) {
			p.stop = 1;
		}
		pthread_cond_broadcast(&p.room_cv);
		pthread_mutex_unlock(&p.mu);
		if (rv < 0) {
			break;
		}
	}
	for (t = 0; t < started; t++) {
		pthread_join(tid[t], NULL);
	}
	/* After a write error: release what the workers still finished. */
	for (; i < n; i++) {
		certshow_lint_free(jobs[i].lint);
		certshow_result_free(jobs[i].res);
		certshow_chain_free(jobs[i].chain);
		free(jobs[i].err);
	}
	free(tid);
	pthread_cond_destroy(&p.room_cv);
	pthread_cond_destroy(&p.done_cv);
	pthread_mutex_destroy(&p.mu);
	return rv;
}

/* What the command line asked for. */
struct verify_args {
	struct certshow_verify_opts vo;
	struct certshow_lint_opts lo;
	struct list cafiles, capaths, untrusted, crlfiles, policies;
	struct cli_online online;
	int fmt;
	int peers;
	int do_lint;
	int full;                     /* --full, -v */
	int help;                     /* --help printed: stop, status 0 */
	unsigned nthreads;
	int setup_code; /* CERTSHOW_E_* of a failed setup */
};

/* The defaults: no files, text output, one thread. */
static void
verify_args_init(struct verify_args *a)
{
	struct certshow_verify_opts vo = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_lint_opts lo = CERTSHOW_LINT_OPTS_INIT;

	memset(a, 0, sizeof(*a));
	a->vo = vo;
	a->lo = lo;
	a->fmt = CERTSHOW_FORMAT_TEXT;
	a->nthreads = 1;
	cli_online_init(&a->online);
}

/* --policy OID: checked and added; EXIT_OK or a failure status. */
static int
verify_add_policy(struct verify_args *a, const char *arg)
{
	if (arg[0] < '0' || arg[0] > '2' ||
	    strspn(arg, "0123456789.") != strlen(arg) ||
	    strchr(arg, '.') == NULL) {
		return usage_error("invalid --policy '%s' (a dotted OID)", arg);
	}
	if (list_add(&a->policies, arg) < 0) {
		return EXIT_OPERATIONAL;
	}
	a->vo.policies = a->policies.v;
	a->vo.n_policies = a->policies.n;
	return EXIT_OK;
}

/* --warn-days N, also lint's threshold with --lint (one number);
 * EXIT_OK or EXIT_USAGE (reported). */
static int
verify_parse_warn_days(struct verify_args *a, const char *arg)
{
	if (cli_warn_days_parse(arg, &a->vo.warn_days) < 0) {
		return usage_error(
		    "invalid --warn-days '%s' (expected 0 to 36500)", arg);
	}
	a->lo.warn_days = a->vo.warn_days;
	return EXIT_OK;
}

/* --purpose NAME|OID; EXIT_OK or EXIT_USAGE (reported). */
static int
verify_parse_purpose(struct certshow_verify_opts *vo, const char *arg)
{
	if (cli_purpose_parse(arg, &vo->purpose, &vo->purpose_oid) != 0) {
		return usage_error("unknown --purpose '%s' "
		    "(server, client, any or a dotted OID)", arg);
	}
	return EXIT_OK;
}

/* --max-depth N (1 to 256); EXIT_OK or EXIT_USAGE (reported). */
static int
verify_parse_max_depth(struct certshow_verify_opts *vo, const char *arg)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || errno != 0 ||
	    v < 1 || v > 256) {
		return usage_error("invalid --max-depth '%s' (1 to 256)", arg);
	}
	vo->max_depth = (unsigned)v;
	return EXIT_OK;
}

/* --crl-check all|leaf and --profile webpki|rfc5280; EXIT_OK or
 * EXIT_USAGE (reported). */
static int
verify_parse_choice(struct certshow_verify_opts *vo, int c, const char *arg)
{
	if (c == OPT_CRL_CHECK) {
		if (strcmp(arg, "all") == 0) {
			vo->crl_check = CERTSHOW_CRL_CHECK_ALL;
		} else if (strcmp(arg, "leaf") == 0) {
			vo->crl_check = CERTSHOW_CRL_CHECK_LEAF;
		} else {
			return usage_error("unknown --crl-check '%s' "
			    "(all or leaf)", arg);
		}
		return EXIT_OK;
	}
	if (cli_profile_from_name(arg, &vo->profile) != 0) {
		return usage_error("unknown --profile '%s' (webpki or rfc5280)",
		    arg);
	}
	return EXIT_OK;
}

/* --jobs N (0: one per processor); EXIT_OK or EXIT_USAGE (reported). */
static int
verify_parse_jobs(unsigned *nthreads, const char *arg)
{
	unsigned long v;
	long ncpu;
	char *end;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || errno != 0 ||
	    v > 1024) {
		return usage_error("invalid --jobs '%s' (0 to 1024)", arg);
	}
	if (v == 0) {
		ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		v = ncpu > 0 ? (unsigned long)ncpu : 1;
	}
	*nthreads = (unsigned)v;
	return EXIT_OK;
}

/* The list a repeatable file option adds to. */
static struct list *
verify_file_list(struct verify_args *a, int c)
{
	switch (c) {
	case OPT_CAFILE:
		return &a->cafiles;
	case OPT_CAPATH:
		return &a->capaths;
	case OPT_UNTRUSTED:
		return &a->untrusted;
	default:
		return &a->crlfiles;
	}
}

/* --explicit-policy, --inhibit-policy-mapping, --inhibit-any-policy. */
static void
verify_policy_flag(struct certshow_verify_opts *vo, int c)
{
	if (c == OPT_EXPLICIT_POLICY) {
		vo->explicit_policy = 1;
	} else if (c == OPT_INHIBIT_POLICY_MAPPING) {
		vo->inhibit_policy_mapping = 1;
	} else {
		vo->inhibit_any_policy = 1;
	}
}

/* One option `c` (argument in optarg); EXIT_OK to go on, or the status
 * to stop with (a->help set: --help printed). */
static int
verify_parse_opt(struct verify_args *a, int c, const char *err)
{
	char oerr[256];

	switch (cli_online_parse(&a->online, c, optarg, oerr, sizeof(oerr))) {
	case 0:
		return EXIT_OK;
	case -1:
		return usage_error("%s", oerr);
	default:
		break;
	}
	switch (c) {
	case OPT_CAFILE:
	case OPT_CAPATH:
	case OPT_UNTRUSTED:
	case OPT_CRL:
		if (list_add(verify_file_list(a, c), optarg) < 0) {
			return EXIT_OPERATIONAL;
		}
		return EXIT_OK;
	case OPT_POLICY:
		return verify_add_policy(a, optarg);
	case OPT_EXPLICIT_POLICY:
	case OPT_INHIBIT_POLICY_MAPPING:
	case OPT_INHIBIT_ANY_POLICY:
		verify_policy_flag(&a->vo, c);
		return EXIT_OK;
	case OPT_HOST:
	case OPT_IP:
	case OPT_EMAIL:
		a->peers++;
		a->vo.peer_name = optarg;
		a->vo.peer_kind = c == OPT_HOST ? CERTSHOW_PEER_DNS :
		    c == OPT_IP ? CERTSHOW_PEER_IP : CERTSHOW_PEER_EMAIL;
		return EXIT_OK;
	case OPT_AT:
		if (cli_time_parse(optarg, &a->vo.time) < 0) {
			return usage_error("invalid --at '%s' (expected RFC "
			    "3339, a date such as 2027-01-01, or @SECONDS)",
			    optarg);
		}
		a->vo.has_time = 1;
		return EXIT_OK;
	case OPT_PURPOSE:
		return verify_parse_purpose(&a->vo, optarg);
	case OPT_MAX_DEPTH:
		return verify_parse_max_depth(&a->vo, optarg);
	case OPT_CRL_CHECK:
	case OPT_PROFILE:
		return verify_parse_choice(&a->vo, c, optarg);
	case 'j':
		return verify_parse_jobs(&a->nthreads, optarg);
	case OPT_LINT:
		a->do_lint = 1;
		return EXIT_OK;
	case 'v':
	case OPT_FULL:
		a->full = 1;
		return EXIT_OK;
	case OPT_WARN_DAYS:
		return verify_parse_warn_days(a, optarg);
	case 'f':
		a->fmt = cli_parse_format(optarg);
		if (a->fmt != CERTSHOW_FORMAT_TEXT &&
		    a->fmt != CERTSHOW_FORMAT_JSON) {
			return usage_error("unknown format '%s' "
			    "(text or json)", optarg);
		}
		return EXIT_OK;
	case 'h':
		usage_verify(stdout);
		a->help = 1;
		return EXIT_OK;
	default:
		return usage_error("%s", err);
	}
}

/* The options and their consistency; EXIT_OK (a->help set: --help
 * printed) or the status to stop with. */
static int
verify_parse_args(struct verify_args *a, int argc, char **argv)
{
	char err[CLI_MSG_MAX];
	int c, status;

	opterr = 0;
	/* 0, not 1: a full re-initialisation (glibc, musl), because
	 * 'certshow [OPTIONS] FILE' scanned in "+" mode before. */
	optind = 0;
	while ((c = cli_getopt(argc, argv, ":f:hj:v", verify_options, err,
		    sizeof(err))) != -1) {
		status = verify_parse_opt(a, c, err);
		if (status != EXIT_OK || a->help) {
			return status;
		}
	}
	if (a->peers > 1) {
		return usage_error("give at most one of --host, --ip "
		    "and --email");
	}
	if (optind >= argc) {
		return usage_error("no FILE to verify");
	}
	return EXIT_OK;
}

/* One job per FILE argument into *out; EXIT_OK or EXIT_OPERATIONAL
 * (reported). */
static int
verify_make_jobs(struct job **out, char **files, size_t n)
{
	struct job *jobs;
	size_t i;

	jobs = calloc(n, sizeof(*jobs));
	if (jobs == NULL) {
		cli_error("out of memory");
		return EXIT_OPERATIONAL;
	}
	for (i = 0; i < n; i++) {
		jobs[i].path = files[i];
	}
	*out = jobs;
	return EXIT_OK;
}

/* With --lint: the lint options matching the verification, in a->lo. */
static void
verify_setup_lint(struct verify_args *a)
{
	/* Lint at the verification time; the rfc5280 profile drops the
	 * Baseline Requirements rules from lint as well. */
	a->lo.has_now = 1;
	a->lo.now = a->vo.has_time ? a->vo.time : (int64_t)time(NULL);
	if (a->vo.profile == CERTSHOW_PROFILE_RFC5280) {
		a->lo.flags |= CERTSHOW_LINT_F_RFC5280_ONLY;
	}
}

/* What every job shares, loaded once: the trust store, the --untrusted
 * pool, the --crl set (into a->vo) and, when online, one HTTP cache for
 * every worker (a URL is fetched once). Each *out is left NULL when not
 * needed; EXIT_OK or EXIT_OPERATIONAL (reported). */
static int
verify_load_inputs(struct certshow_ctx *ctx, struct verify_args *a,
    struct certshow_trust **trust, struct certshow_chain **extra,
    struct certshow_crls **crls, struct certshow_http_cache **hcache)
{
	int status;

	status = load_trust(ctx, trust, &a->cafiles, &a->capaths,
	    &a->setup_code);
	if (status == EXIT_OK && cli_load_untrusted(ctx, extra,
	    a->untrusted.v, a->untrusted.n) != 0) {
		status = EXIT_OPERATIONAL;
	}
	if (status == EXIT_OK && cli_load_crls(ctx, crls, a->crlfiles.v,
	    a->crlfiles.n) != 0) {
		status = EXIT_OPERATIONAL;
	}
	a->vo.crls = *crls;
	cli_online_apply(&a->online, &a->vo);
	if (status == EXIT_OK && a->vo.online != 0 &&
	    (certshow_http_cache_new(ctx, hcache) != 0 ||
	    certshow_ctx_set_http_cache(ctx, *hcache) != 0)) {
		cli_error("%s", certshow_ctx_error(ctx));
		status = EXIT_OPERATIONAL;
	}
	if (status != EXIT_OK && a->setup_code == 0) {
		a->setup_code = certshow_ctx_error_code(ctx);
	}
	return status;
}

/* -f json when what every FILE needs (trust store, --untrusted, --crl)
 * could not be loaded: each FILE is a result with that error (the message
 * printed last), so that stdout still holds the run's outcome. */
static void
verify_json_setup_error(struct certshow_ctx *ctx, const struct verify_args *a,
    char **files, size_t n)
{
	struct certshow_write_opts wo = CERTSHOW_WRITE_OPTS_INIT;
	struct certshow_writer *w = NULL;
	int code = a->setup_code != 0 ? a->setup_code : CERTSHOW_E_TRUST;
	char msg[CLI_MSG_MAX];
	size_t i;
	int rv;

	if (a->fmt != CERTSHOW_FORMAT_JSON) {
		return;
	}
	snprintf(msg, sizeof(msg), "%s", cli_last_error());
	wo.flags |= CERTSHOW_WF_RESULTS;
	rv = certshow_writer_new(ctx, &w, stdout, CERTSHOW_FORMAT_JSON, &wo);
	for (i = 0; rv == 0 && i < n; i++) {
		rv = certshow_writer_add_error(ctx, w, files[i], code, msg);
	}
	if (rv != 0 || certshow_writer_finish(ctx, w) != 0) {
		cli_error("writing output: %s", certshow_ctx_error(ctx));
	}
	certshow_writer_free(w);
}

int
cmd_verify(int argc, char **argv)
{
	struct certshow_write_opts wo = CERTSHOW_WRITE_OPTS_INIT;
	struct verify_args a;
	struct certshow_crls *crls = NULL;
	struct certshow_ctx *ctx = NULL;
	struct certshow_trust *trust = NULL;
	struct certshow_chain *extra = NULL;
	struct certshow_http_cache *hcache = NULL;
	struct certshow_writer *w = NULL;
	struct shared sh;
	struct job *jobs = NULL;
	int status;
	size_t n = 0;

	verify_args_init(&a);
	status = verify_parse_args(&a, argc, argv);
	if (status != EXIT_OK || a.help) {
		goto out;
	}
	ctx = certshow_ctx_new();
	if (ctx == NULL) {
		cli_error("out of memory");
		status = EXIT_OPERATIONAL;
		goto out;
	}
	status = verify_load_inputs(ctx, &a, &trust, &extra, &crls, &hcache);
	if (status != EXIT_OK) {
		verify_json_setup_error(ctx, &a, argv + optind,
		    (size_t)(argc - optind));
		goto out;
	}
	wo.now = a.vo.has_time ? a.vo.time : (int64_t)time(NULL);
	wo.flags = cli_write_flags(!a.full);
	/* Every FILE is a result, also one that could not be read. */
	wo.flags |= CERTSHOW_WF_RESULTS;
	if (certshow_writer_new(ctx, &w, stdout, (enum certshow_format)a.fmt,
	    &wo) < 0) {
		cli_error("%s", certshow_ctx_error(ctx));
		status = EXIT_OPERATIONAL;
		goto out;
	}
	n = (size_t)(argc - optind);
	status = verify_make_jobs(&jobs, argv + optind, n);
	if (status != EXIT_OK) {
		goto out;
	}
	sh.trust = trust;
	sh.extra = extra;
	sh.hcache = hcache;
	sh.vo = &a.vo;
	sh.fmt = (enum certshow_format)a.fmt;
	sh.lo = NULL;
	if (a.do_lint) {
		verify_setup_lint(&a);
		sh.lo = &a.lo;
	}
	(void)run_jobs(ctx, w, &sh, jobs, n, a.nthreads, &status);
	if (certshow_writer_finish(ctx, w) < 0) {
		cli_error("writing output: %s", certshow_ctx_error(ctx));
		status = EXIT_OPERATIONAL;
	}
out:
	free(jobs);
	certshow_writer_free(w);
	certshow_chain_free(extra);
	certshow_trust_free(trust);
	certshow_crls_free(crls);
	certshow_ctx_free(ctx);
	certshow_http_cache_free(hcache);
	free(a.cafiles.v);
	free(a.capaths.v);
	free(a.untrusted.v);
	free(a.crlfiles.v);
	free(a.policies.v);
	return status;
}
