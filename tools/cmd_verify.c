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
	OPT_INHIBIT_ANY_POLICY
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
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
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
	    "      --at TIME         verification time: RFC 3339 or @SECONDS\n"
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
	    "                        only with one of these four options)\n"
	    "  -j, --jobs N          verify N files at a time on N threads\n"
	    "                        (0: one per processor; default 1); the\n"
	    "                        output keeps the order of the FILEs\n"
	    "      --lint            also lint each FILE's certificates and the\n"
	    "                        intermediates its path took from elsewhere\n"
	    "                        (text: findings on standard error; json: a\n"
	    "                        \"lint\" member in each result; see\n"
	    "                        'certshow help lint')\n"
	    "  -f, --format FMT      text (default) or json\n"
	    "  -h, --help            show this help\n"
	    "\n"
	    "Exit status: 0 every FILE verified, 1 at least one did not (the\n"
	    "reasons are printed) or lint found an error, 4 all verified and\n"
	    "lint found warnings only, 2 usage error, 3 an input or trust\n"
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
	va_list ap;

	fprintf(stderr, "%s: verify: ", cli_progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cli_usage_hint("verify");
	return EXIT_USAGE;
}

/* Load the trust store; EXIT_OK or EXIT_OPERATIONAL (reported). */
static int
load_trust(struct certshow_ctx *ctx, struct certshow_trust **out,
    const struct list *cafiles, const struct list *capaths)
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
	for (i = 0; i < certshow_trust_failed_count(t); i++) {
		if (certshow_trust_failed(t, i, &path, &reason) == 0) {
			cli_error("warning: trust anchor file %s: %s", path,
			    reason);
		}
	}
	if (certshow_trust_count(t) == 0) {
		cli_error("no trust anchors loaded");
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
	int done;
};

/* What every verification shares: read-only while workers run. */
struct shared {
	const struct certshow_trust *trust;
	const struct certshow_chain *extra;
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
	if (certshow_chain_load_file(ctx, &j->chain, j->path) < 0) {
		j->chain = NULL;
		j->err = xstrdup_err(NULL, certshow_ctx_error(ctx));
		return;
	}
	if (certshow_verify(ctx, &j->res, j->chain, sh->extra, sh->trust,
	    sh->vo) < 0) {
		j->res = NULL;
		j->err = xstrdup_err(j->path, certshow_ctx_error(ctx));
		return;
	}
	if (sh->lo != NULL && cli_lint_verified(ctx, &j->lint, j->chain,
	    j->res, sh->lo) < 0) {
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
		goto out;
	}
	if (certshow_result_flags(j->res) != 0) {
		*status = cli_status_merge(*status, EXIT_VERIFY_FAILED);
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

int
cmd_verify(int argc, char **argv)
{
	struct certshow_verify_opts vo = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_lint_opts lo = CERTSHOW_LINT_OPTS_INIT;
	struct certshow_write_opts wo = CERTSHOW_WRITE_OPTS_INIT;
	struct list cafiles = { NULL, 0 }, capaths = { NULL, 0 },
	    untrusted = { NULL, 0 }, crlfiles = { NULL, 0 },
	    policies = { NULL, 0 };
	struct certshow_crls *crls = NULL;
	struct certshow_ctx *ctx = NULL;
	struct certshow_trust *trust = NULL;
	struct certshow_chain *extra = NULL, *more;
	struct certshow_writer *w = NULL;
	struct shared sh;
	struct job *jobs = NULL;
	int c, fmt = CERTSHOW_FORMAT_TEXT, status = EXIT_OK, peers = 0;
	int do_lint = 0;
	unsigned long v;
	unsigned nthreads = 1;
	long ncpu;
	char *end;
	size_t i, k, n;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:hj:", verify_options,
	    NULL)) != -1) {
		switch (c) {
		case OPT_CAFILE:
			if (list_add(&cafiles, optarg) < 0) {
				status = EXIT_OPERATIONAL;
				goto out;
			}
			break;
		case OPT_CAPATH:
			if (list_add(&capaths, optarg) < 0) {
				status = EXIT_OPERATIONAL;
				goto out;
			}
			break;
		case OPT_UNTRUSTED:
			if (list_add(&untrusted, optarg) < 0) {
				status = EXIT_OPERATIONAL;
				goto out;
			}
			break;
		case OPT_CRL:
			if (list_add(&crlfiles, optarg) < 0) {
				status = EXIT_OPERATIONAL;
				goto out;
			}
			break;
		case OPT_POLICY:
			if (optarg[0] < '0' || optarg[0] > '2' ||
			    strspn(optarg, "0123456789.") != strlen(optarg) ||
			    strchr(optarg, '.') == NULL) {
				status = usage_error("invalid --policy '%s' "
				    "(a dotted OID)", optarg);
				goto out;
			}
			if (list_add(&policies, optarg) < 0) {
				status = EXIT_OPERATIONAL;
				goto out;
			}
			vo.policies = policies.v;
			vo.n_policies = policies.n;
			break;
		case OPT_EXPLICIT_POLICY:
			vo.explicit_policy = 1;
			break;
		case OPT_INHIBIT_POLICY_MAPPING:
			vo.inhibit_policy_mapping = 1;
			break;
		case OPT_INHIBIT_ANY_POLICY:
			vo.inhibit_any_policy = 1;
			break;
		case OPT_HOST:
		case OPT_IP:
		case OPT_EMAIL:
			peers++;
			vo.peer_name = optarg;
			vo.peer_kind = c == OPT_HOST ? CERTSHOW_PEER_DNS :
			    c == OPT_IP ? CERTSHOW_PEER_IP : CERTSHOW_PEER_EMAIL;
			break;
		case OPT_AT:
			if (cli_time_parse(optarg, &vo.time) < 0) {
				status = usage_error("invalid --at time '%s' "
				    "(expected RFC 3339 or @SECONDS)", optarg);
				goto out;
			}
			vo.has_time = 1;
			break;
		case OPT_PURPOSE:
			if (strcmp(optarg, "server") == 0) {
				vo.purpose = CERTSHOW_PURPOSE_SERVER;
			} else if (strcmp(optarg, "client") == 0) {
				vo.purpose = CERTSHOW_PURPOSE_CLIENT;
			} else if (strcmp(optarg, "any") == 0) {
				vo.purpose = CERTSHOW_PURPOSE_ANY;
			} else if (optarg[0] >= '0' && optarg[0] <= '2' &&
			    strspn(optarg, "0123456789.") == strlen(optarg) &&
			    strchr(optarg, '.') != NULL) {
				vo.purpose = CERTSHOW_PURPOSE_OID;
				vo.purpose_oid = optarg;
			} else {
				status = usage_error("unknown --purpose '%s' "
				    "(server, client, any or a dotted OID)",
				    optarg);
				goto out;
			}
			break;
		case OPT_MAX_DEPTH:
			errno = 0;
			v = strtoul(optarg, &end, 10);
			if (optarg[0] < '0' || optarg[0] > '9' || *end != '\0' ||
			    errno != 0 || v < 1 || v > 256) {
				status = usage_error("invalid --max-depth '%s' "
				    "(1 to 256)", optarg);
				goto out;
			}
			vo.max_depth = (unsigned)v;
			break;
		case OPT_CRL_CHECK:
			if (strcmp(optarg, "all") == 0) {
				vo.crl_check = CERTSHOW_CRL_CHECK_ALL;
			} else if (strcmp(optarg, "leaf") == 0) {
				vo.crl_check = CERTSHOW_CRL_CHECK_LEAF;
			} else {
				status = usage_error("unknown --crl-check '%s' "
				    "(all or leaf)", optarg);
				goto out;
			}
			break;
		case OPT_PROFILE:
			if (strcmp(optarg, "webpki") == 0) {
				vo.profile = CERTSHOW_PROFILE_WEBPKI;
			} else if (strcmp(optarg, "rfc5280") == 0) {
				vo.profile = CERTSHOW_PROFILE_RFC5280;
			} else {
				status = usage_error("unknown --profile '%s' "
				    "(webpki or rfc5280)", optarg);
				goto out;
			}
			break;
		case 'j':
			errno = 0;
			v = strtoul(optarg, &end, 10);
			if (optarg[0] < '0' || optarg[0] > '9' || *end != '\0' ||
			    errno != 0 || v > 1024) {
				status = usage_error("invalid --jobs '%s' "
				    "(0 to 1024)", optarg);
				goto out;
			}
			if (v == 0) {
				ncpu = sysconf(_SC_NPROCESSORS_ONLN);
				v = ncpu > 0 ? (unsigned long)ncpu : 1;
			}
			nthreads = (unsigned)v;
			break;
		case OPT_LINT:
			do_lint = 1;
			break;
		case 'f':
			fmt = cli_parse_format(optarg);
			if (fmt != CERTSHOW_FORMAT_TEXT &&
			    fmt != CERTSHOW_FORMAT_JSON) {
				status = usage_error("unknown format '%s' "
				    "(text or json)", optarg);
				goto out;
			}
			break;
		case 'h':
			usage_verify(stdout);
			goto out;
		case ':':
			status = usage_error("option '%s' needs an argument",
			    argv[optind - 1]);
			goto out;
		default:
			status = usage_error("unknown option '%s'",
			    argv[optind - 1]);
			goto out;
		}
	}
	if (peers > 1) {
		status = usage_error("give at most one of --host, --ip "
		    "and --email");
		goto out;
	}
	if (optind >= argc) {
		status = usage_error("no FILE to verify");
		goto out;
	}
	ctx = certshow_ctx_new();
	if (ctx == NULL) {
		cli_error("out of memory");
		status = EXIT_OPERATIONAL;
		goto out;
	}
	status = load_trust(ctx, &trust, &cafiles, &capaths);
	if (status != EXIT_OK) {
		goto out;
	}
	if (untrusted.n > 0) {
		if (certshow_chain_new(ctx, &extra) < 0) {
			cli_error("%s", certshow_ctx_error(ctx));
			status = EXIT_OPERATIONAL;
			goto out;
		}
		for (i = 0; i < untrusted.n; i++) {
			if (certshow_chain_load_file(ctx, &more,
			    untrusted.v[i]) < 0) {
				cli_error("--untrusted: %s",
				    certshow_ctx_error(ctx));
				status = EXIT_OPERATIONAL;
				goto out;
			}
			/* Move the certificates: decode copies are cheap
			 * but unnecessary. */
			for (k = 0; k < certshow_chain_count(more); k++) {
				const struct certshow_cert *cc =
				    certshow_chain_get(more, k);
				struct certshow_cert *copy;
				size_t len;
				const uint8_t *der = certshow_cert_der(cc, &len);

				if (certshow_cert_from_der(ctx, &copy, der,
				    len) < 0 || certshow_chain_add(ctx, extra,
				    copy) < 0) {
					cli_error("%s", certshow_ctx_error(ctx));
					certshow_chain_free(more);
					status = EXIT_OPERATIONAL;
					goto out;
				}
			}
			certshow_chain_free(more);
		}
	}
	if (crlfiles.n > 0) {
		if (certshow_crls_new(ctx, &crls) < 0) {
			cli_error("%s", certshow_ctx_error(ctx));
			status = EXIT_OPERATIONAL;
			goto out;
		}
		for (i = 0; i < crlfiles.n; i++) {
			if (certshow_crls_add_file(ctx, crls,
			    crlfiles.v[i]) < 0) {
				cli_error("--crl: %s", certshow_ctx_error(ctx));
				status = EXIT_OPERATIONAL;
				goto out;
			}
		}
		vo.crls = crls;
	}
	if (certshow_writer_new(ctx, &w, stdout, (enum certshow_format)fmt,
	    &wo) < 0) {
		cli_error("%s", certshow_ctx_error(ctx));
		status = EXIT_OPERATIONAL;
		goto out;
	}
	n = (size_t)(argc - optind);
	jobs = calloc(n, sizeof(*jobs));
	if (jobs == NULL) {
		cli_error("out of memory");
		status = EXIT_OPERATIONAL;
		goto out;
	}
	for (i = 0; i < n; i++) {
		jobs[i].path = argv[optind + (int)i];
	}
	sh.trust = trust;
	sh.extra = extra;
	sh.vo = &vo;
	sh.fmt = (enum certshow_format)fmt;
	sh.lo = NULL;
	if (do_lint) {
		/* Lint at the verification time; the rfc5280 profile drops
		 * the Baseline Requirements rules from lint as well. */
		lo.has_now = 1;
		lo.now = vo.has_time ? vo.time : (int64_t)time(NULL);
		if (vo.profile == CERTSHOW_PROFILE_RFC5280) {
			lo.flags |= CERTSHOW_LINT_F_RFC5280_ONLY;
		}
		sh.lo = &lo;
	}
	(void)run_jobs(ctx, w, &sh, jobs, n, nthreads, &status);
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
	free(cafiles.v);
	free(capaths.v);
	free(untrusted.v);
	free(crlfiles.v);
	free(policies.v);
	return status;
}
