/*
 * cmd_scan.c - 'certshow scan': fetch and verify many TLS endpoints at
 * once, one result per target (JSON Lines, CSV, or a summary table).
 *
 * Concurrency is a fixed pool of worker threads, each with its own
 * certshow_ctx and all sharing one trust store (immutable once loaded).
 * Threads rather than an event loop around GnuTLS's non-blocking API:
 * certshow_fetch() is blocking code with its own timeouts (connect,
 * STARTTLS, handshake), and a thread per connection in flight reuses it
 * unchanged, so 'scan' and 'connect' cannot drift apart. At the default
 * of 32 connections in flight the threads cost nothing that matters
 * (doc/scale-out.md).
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "scan.h"

enum {
	OPT_CAFILE = 256,
	OPT_CAPATH,
	OPT_TIMEOUT,
	OPT_DEADLINE,
	OPT_STARTTLS,
	OPT_AT,
	OPT_PROFILE,
	OPT_INSECURE,
	OPT_RATE,
	OPT_SHARD,
	OPT_MERGE,
	OPT_WARN_DAYS,
	OPT_PER_ADDR
};

static const struct option scan_options[] = { { "cafile", required_argument,
						  NULL, OPT_CAFILE },
	{ "capath", required_argument, NULL, OPT_CAPATH },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "deadline", required_argument, NULL, OPT_DEADLINE },
	{ "starttls", required_argument, NULL, OPT_STARTTLS },
	{ "at", required_argument, NULL, OPT_AT },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "insecure-no-verify", no_argument, NULL, OPT_INSECURE },
	{ "input", required_argument, NULL, 'i' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "rate", required_argument, NULL, OPT_RATE },
	{ "shard", required_argument, NULL, OPT_SHARD },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "warn-days", required_argument, NULL, OPT_WARN_DAYS },
	{ "per-address", required_argument, NULL, OPT_PER_ADDR },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };

void
usage_scan(FILE *fp)
{
	fprintf(fp,
	    "usage: certshow scan [OPTIONS] [TARGET...]\n"
	    "       certshow scan --merge [-f FMT] FILE...\n"
	    "\n"
	    "Fetch and verify the chains of many TLS endpoints concurrently.\n"
	    "TARGETs come from the operands and from -i FILE ('-': standard\n"
	    "input), one per line: HOST, HOST:PORT, [V6]:PORT, optionally\n"
	    "followed by 'starttls=PROTO' and 'sni=NAME'; '#' starts a comment.\n"
	    "A malformed line is a result (status error) with its line number.\n"
	    "\n"
	    "Options:\n"
	    "  -i, --input FILE        read targets from FILE (repeatable)\n"
	    "  -j, --jobs N            connections in flight (default 32)\n"
	    "      --per-address N     at most N at once to one HOST:PORT\n"
	    "                          (default 4)\n"
	    "      --rate N            at most N new connections per second\n"
	    "      --timeout SECONDS   connect and handshake timeouts (default 10)\n"
	    "      --deadline SECONDS  bound on one target's connect and\n"
	    "                          handshake together (default 2 x timeout)\n"
	    "      --cafile PATH       trust anchors (repeatable); default: system\n"
	    "      --capath DIR        trust anchors from a directory\n"
	    "      --starttls PROTO    default STARTTLS protocol of every target\n"
	    "      --at TIME           verify at TIME (RFC 3339, date, @SECONDS)\n"
	    "      --profile P         webpki (default) or rfc5280\n"
	    "      --warn-days N       status warning when the leaf expires\n"
	    "                          within N days (default 30)\n"
	    "      --insecure-no-verify  fetch only; every reachable target is ok\n"
	    "      --shard I/N         scan only shard I (0 to N-1) of N\n"
	    "      --merge             read jsonl outputs (FILE operands) and\n"
	    "                          print their summary or report\n"
	    "  -f, --format FMT        jsonl (default when standard output is not\n"
	    "                          a terminal), csv, html or text (summary)\n"
	    "  -h, --help              show this help\n"
	    "\n"
	    "Exit status: the worst of the targets: 3 a target could not be\n"
	    "scanned (or the trust store is unusable), 1 a verification failed,\n"
	    "4 warnings only, 0 all ok; 2 usage error; 130 interrupted by\n"
	    "Ctrl-C (the results so far and the summary are still written).\n");
}

struct scan_args {
	const char *cafiles[64];
	size_t n_cafiles;
	const char *capath;
	const char *inputs[64];
	size_t n_inputs;
	struct scan_conf conf;
	unsigned jobs;
	unsigned per_addr;
	double rate;
	unsigned shard_i, shard_n;
	int merge;
	enum scan_format fmt;
	int fmt_given;
	char **operands;
	int n_operands;
};

/* ------------------------------------------------------------------ */
/* Arguments                                                          */

static int
parse_uint(const char *s, unsigned lo, unsigned hi, unsigned *out)
{
	char *end;
	unsigned long v;

	if (s[0] < '0' || s[0] > '9') {
		return -1;
	}
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < lo || v > hi) {
		return -1;
	}
	*out = (unsigned)v;
	return 0;
}

static int
parse_seconds(const char *s, unsigned *ms)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || v <= 0 || v > 86400) {
		return -1;
	}
	*ms = (unsigned)(v * 1000.0 + 0.5);
	if (*ms == 0) {
		*ms = 1;
	}
	return 0;
}

/* "I/N" with 0 <= I < N. */
static int
parse_shard(const char *s, unsigned *i, unsigned *n)
{
	char buf[64];
	char *slash;

	if (strlen(s) >= sizeof(buf)) {
		return -1;
	}
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (slash == NULL) {
		return -1;
	}
	*slash = '\0';
	if (parse_uint(buf, 0, 1000000, i) != 0 ||
	    parse_uint(slash + 1, 1, 1000000, n) != 0 || *i >= *n) {
		return -1;
	}
	return 0;
}

static int
scan_parse_fmt(struct scan_args *a, const char *arg)
{
	if (strcmp(arg, "jsonl") == 0) {
		a->fmt = SCAN_FMT_JSONL;
	} else if (strcmp(arg, "csv") == 0) {
		a->fmt = SCAN_FMT_CSV;
	} else if (strcmp(arg, "html") == 0) {
		a->fmt = SCAN_FMT_HTML;
	} else if (strcmp(arg, "text") == 0) {
		a->fmt = SCAN_FMT_TEXT;
	} else {
		cli_error("unknown scan format '%s' (jsonl, csv, html or "
			  "text)",
		    arg);
		return -1;
	}
	a->fmt_given = 1;
	return 0;
}

/* Options of the scan itself (not of each connection); 1 when `c` is
 * not one of them. */
static int
scan_parse_run_opt(struct scan_args *a, int c)
{
	switch (c) {
	case 'i':
		if (a->n_inputs == sizeof(a->inputs) / sizeof(a->inputs[0])) {
			cli_error("too many -i options");
			return -1;
		}
		a->inputs[a->n_inputs++] = optarg;
		return 0;
	case 'j':
		if (parse_uint(optarg, 1, 4096, &a->jobs) != 0) {
			cli_error("invalid -j '%s' (1 to 4096)", optarg);
			return -1;
		}
		return 0;
	case OPT_PER_ADDR:
		if (parse_uint(optarg, 1, 4096, &a->per_addr) != 0) {
			cli_error("invalid --per-address '%s' (1 to 4096)",
			    optarg);
			return -1;
		}
		return 0;
	case OPT_RATE: {
		char *end;

		errno = 0;
		a->rate = strtod(optarg, &end);
		if (errno != 0 || end == optarg || *end != '\0' ||
		    !(a->rate > 0) || a->rate > 1e6) {
			cli_error("invalid --rate '%s' (connections per "
				  "second, > 0)",
			    optarg);
			return -1;
		}
		return 0;
	}
	case OPT_SHARD:
		if (parse_shard(optarg, &a->shard_i, &a->shard_n) != 0) {
			cli_error("invalid --shard '%s' (I/N, 0 <= I < N)",
			    optarg);
			return -1;
		}
		return 0;
	case OPT_MERGE:
		a->merge = 1;
		return 0;
	case 'f':
		return scan_parse_fmt(a, optarg);
	case 'h':
		usage_scan(stdout);
		exit(EXIT_OK);
	default:
		return 1;
	}
}

static int
scan_parse_opt(struct scan_args *a, int c)
{
	unsigned days;
	int rv;

	switch (c) {
	case OPT_CAFILE:
		if (a->n_cafiles ==
		    sizeof(a->cafiles) / sizeof(a->cafiles[0])) {
			cli_error("too many --cafile options");
			return -1;
		}
		a->cafiles[a->n_cafiles++] = optarg;
		return 0;
	case OPT_CAPATH:
		a->capath = optarg;
		return 0;
	case OPT_TIMEOUT:
		if (parse_seconds(optarg, &a->conf.timeout_ms) != 0) {
			cli_error("invalid --timeout '%s' (seconds)", optarg);
			return -1;
		}
		return 0;
	case OPT_DEADLINE:
		if (parse_seconds(optarg, &a->conf.deadline_ms) != 0) {
			cli_error("invalid --deadline '%s' (seconds)", optarg);
			return -1;
		}
		return 0;
	case OPT_STARTTLS:
		if (cli_starttls_from_name(optarg, &a->conf.starttls) != 0) {
			cli_error("unknown --starttls '%s' (expected %s)",
			    optarg, cli_starttls_names());
			return -1;
		}
		return 0;
	case OPT_AT:
		if (cli_time_parse(optarg, &a->conf.at) != 0) {
			cli_error("invalid --at '%s' (expected RFC 3339, a "
				  "date such as 2027-01-01, or @SECONDS)",
			    optarg);
			return -1;
		}
		a->conf.has_at = 1;
		return 0;
	case OPT_PROFILE:
		if (cli_profile_from_name(optarg, &a->conf.profile) != 0) {
			cli_error("unknown --profile '%s' (webpki or rfc5280)",
			    optarg);
			return -1;
		}
		return 0;
	case OPT_INSECURE:
		a->conf.insecure = 1;
		return 0;
	case OPT_WARN_DAYS:
		if (parse_uint(optarg, 0, 36500, &days) != 0) {
			cli_error("invalid --warn-days '%s' (0 to 36500)",
			    optarg);
			return -1;
		}
		a->conf.warn_days = (long)days;
		return 0;
	default:
		rv = scan_parse_run_opt(a, c);
		if (rv == 1) {
			cli_error("unknown option");
			return -1;
		}
		return rv;
	}
}

static int
scan_parse_args(int argc, char **argv, struct scan_args *a)
{
	char err[CLI_MSG_MAX];
	int c;

	memset(a, 0, sizeof(*a));
	a->conf.timeout_ms = 10000;
	a->jobs = 32;
	a->per_addr = 4;
	a->conf.warn_days = 30;
	a->conf.profile = CERTSHOW_PROFILE_WEBPKI;
	opterr = 0;
	optind = 0;
	while ((c = cli_getopt(argc, argv, ":f:hi:j:", scan_options, err,
		    sizeof(err))) != -1) {
		if (c == '?') {
			cli_error("%s", err);
			return -1;
		}
		if (scan_parse_opt(a, c) != 0) {
			return -1;
		}
	}
	a->operands = argv + optind;
	a->n_operands = argc - optind;
	if (a->conf.deadline_ms == 0) {
		a->conf.deadline_ms = a->conf.timeout_ms * 2;
	}
	if (!a->fmt_given) {
		a->fmt = isatty(STDOUT_FILENO) ? SCAN_FMT_TEXT : SCAN_FMT_JSONL;
	}
	if (a->merge) {
		if (a->n_operands == 0) {
			cli_error("--merge needs jsonl FILE operands");
			return -1;
		}
		if (a->n_inputs > 0) {
			cli_error("--merge reads FILE operands, not -i");
			return -1;
		}
	} else if (a->n_operands == 0 && a->n_inputs == 0) {
		cli_error("no TARGET given (operands or -i FILE)");
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Targets                                                            */

/* Read every target line of `path` ("-": stdin) into the list; 0 or -1
 * (reported). */
static int
read_targets(struct scan_list *l, const char *path)
{
	FILE *fp;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long lineno = 0;
	int rv = 0;

	fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (fp == NULL) {
		cli_error("%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = getline(&line, &cap, fp)) >= 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) {
			line[--n] = '\0';
		}
		if (scan_list_add(l, line, path, lineno) != 0) {
			cli_error("out of memory");
			rv = -1;
			break;
		}
	}
	if (rv == 0 && ferror(fp)) {
		cli_error("%s: %s", path, strerror(errno));
		rv = -1;
	}
	free(line);
	if (fp != stdin) {
		fclose(fp);
	}
	return rv;
}

static int
load_trust(struct certshow_ctx *ctx, const struct scan_args *a,
    struct certshow_trust **out)
{
	return cli_trust_load(ctx, a->cafiles, a->n_cafiles, a->capath, out);
}

/* ------------------------------------------------------------------ */
/* The worker pool                                                    */

static volatile sig_atomic_t scan_interrupted;

static void
on_sigint(int sig)
{
	(void)sig;
	scan_interrupted = 1;
}

struct pool {
	const struct scan_args *a;
	const struct certshow_trust *trust;
	struct scan_list *list;
	struct scan_report *report;
	FILE *out;
	pthread_mutex_t mu;
	pthread_cond_t addr_cv;
	size_t next;       /* next item of list to take */
	char **inflight;   /* address keys in flight (a->jobs slots) */
	double next_start; /* rate limit: earliest next connection */
	size_t done;
	double t0;
	int progress;
};

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Sleep `s` seconds in steps of at most 0.1 s, so that every worker
 * (not only the thread the signal reached) notices Ctrl-C soon. */
static void
sleep_s(double s)
{
	struct timespec ts;
	double step;

	while (s > 0 && !scan_interrupted) {
		step = s < 0.1 ? s : 0.1;
		ts.tv_sec = 0;
		ts.tv_nsec = (long)(step * 1e9);
		nanosleep(&ts, NULL);
		s -= step;
	}
}

static size_t
addr_count(const struct pool *p, const char *key)
{
	size_t i, n = 0;

	for (i = 0; i < p->a->jobs; i++) {
		if (p->inflight[i] != NULL &&
		    strcmp(p->inflight[i], key) == 0) {
			n++;
		}
	}
	return n;
}

/* Wait for a slot of `key` (at most per_addr in flight), take it and the
 * next start time of the rate limit; returns the slot index. Called
 * with p->mu held. */
static size_t
addr_acquire(struct pool *p, char *key, double *start)
{
	size_t i;
	double t;

	while (addr_count(p, key) >= p->a->per_addr) {
		pthread_cond_wait(&p->addr_cv, &p->mu);
	}
	for (i = 0; i < p->a->jobs; i++) {
		if (p->inflight[i] == NULL) {
			break;
		}
	}
	p->inflight[i] = key;
	t = now_s();
	*start = t;
	if (p->a->rate > 0) {
		if (p->next_start > t) {
			*start = p->next_start;
		}
		p->next_start = *start + 1.0 / p->a->rate;
	}
	return i;
}

static void
progress_line(struct pool *p)
{
	double el = now_s() - p->t0;
	double rate = el > 0 ? (double)p->done / el : 0;
	size_t total = p->list->n;
	double eta = rate > 0 ? (double)(total - p->done) / rate : 0;

	fprintf(stderr,
	    "\r%zu/%zu done, %.1f/s, %zu failed, %zu errors, "
	    "ETA %.0f s   ",
	    p->done, total, rate, p->report->count[SCAN_FAILED],
	    p->report->count[SCAN_ERROR], eta);
	fflush(stderr);
}

static void *
worker(void *arg)
{
	struct pool *p = arg;
	struct certshow_ctx *ctx = certshow_ctx_new();
	struct scan_item *it;
	struct scan_result r;
	size_t slot;
	double start;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		if (scan_interrupted || p->next >= p->list->n) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		it = &p->list->items[p->next++];
		slot = (size_t)-1;
		if (it->err == NULL && ctx != NULL) {
			slot = addr_acquire(p, it->addr_key, &start);
		}
		pthread_mutex_unlock(&p->mu);

		if (slot != (size_t)-1) {
			sleep_s(start - now_s());
		}
		if (scan_interrupted && slot != (size_t)-1) {
			/* Not started: Ctrl-C came while it waited for its
			 * address or its turn of the rate limit. */
			pthread_mutex_lock(&p->mu);
			p->inflight[slot] = NULL;
			pthread_cond_broadcast(&p->addr_cv);
			pthread_mutex_unlock(&p->mu);
			break;
		}
		scan_run_target(ctx, p->trust, &p->a->conf, it, &r);

		pthread_mutex_lock(&p->mu);
		if (slot != (size_t)-1) {
			p->inflight[slot] = NULL;
			pthread_cond_broadcast(&p->addr_cv);
		}
		scan_report_add(p->report, &r);
		scan_emit(p->out, p->a->fmt, &r);
		p->done++;
		if (p->progress) {
			progress_line(p);
		}
		pthread_mutex_unlock(&p->mu);
		scan_result_clear(&r);
	}
	certshow_ctx_free(ctx);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Running                                                            */

static int
scan_run(const struct scan_args *a, struct scan_list *list,
    const struct certshow_trust *trust, struct scan_report *rep)
{
	struct sigaction sa, old;
	pthread_t *th;
	struct pool p;
	unsigned i, n;
	int rv = 0;

	memset(&p, 0, sizeof(p));
	p.a = a;
	p.trust = trust;
	p.list = list;
	p.report = rep;
	p.out = stdout;
	p.t0 = now_s();
	p.progress = isatty(STDERR_FILENO) && a->fmt == SCAN_FMT_TEXT;
	n = a->jobs;
	if (n > list->n) {
		n = list->n > 0 ? (unsigned)list->n : 1;
	}
	p.inflight = calloc(a->jobs, sizeof(*p.inflight));
	th = calloc(n, sizeof(*th));
	if (p.inflight == NULL || th == NULL) {
		free(p.inflight);
		free(th);
		cli_error("out of memory");
		return -1;
	}
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.addr_cv, NULL);

	/* Ctrl-C: no new targets; those in flight end (each within its
	 * deadline) and the summary is still written. No SA_RESTART, so a
	 * sleeping rate limit wakes up. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old);

	for (i = 0; i < n; i++) {
		if (pthread_create(&th[i], NULL, worker, &p) != 0) {
			cli_error("cannot start worker thread %u", i);
			scan_interrupted = 1;
			rv = -1;
			break;
		}
	}
	n = i;
	for (i = 0; i < n; i++) {
		pthread_join(th[i], NULL);
	}
	sigaction(SIGINT, &old, NULL);
	if (p.progress) {
		fputc('\n', stderr);
	}
	pthread_cond_destroy(&p.addr_cv);
	pthread_mutex_destroy(&p.mu);
	free(p.inflight);
	free(th);
	return rv;
}

static int
scan_exit_status(const struct scan_report *rep, int interrupted)
{
	if (interrupted) {
		return 130;
	}
	if (rep->count[SCAN_ERROR] > 0) {
		return EXIT_OPERATIONAL;
	}
	if (rep->count[SCAN_FAILED] > 0) {
		return EXIT_VERIFY_FAILED;
	}
	if (rep->count[SCAN_WARNING] > 0) {
		return EXIT_WARNING;
	}
	return EXIT_OK;
}

static int64_t
report_now(const struct scan_args *a)
{
	return a->conf.has_at ? a->conf.at : (int64_t)time(NULL);
}

static void
scan_write_summary(const struct scan_args *a, const struct scan_report *rep)
{
	if (a->fmt == SCAN_FMT_HTML) {
		scan_report_html(stdout, rep, report_now(a));
	} else if (a->fmt == SCAN_FMT_TEXT) {
		scan_report_text(stdout, rep, scan_interrupted);
	}
	fflush(stdout);
}

static int
scan_merge(const struct scan_args *a)
{
	struct scan_report rep;
	int i, ret = EXIT_OK;

	memset(&rep, 0, sizeof(rep));
	for (i = 0; i < a->n_operands; i++) {
		if (scan_report_merge(&rep, a->operands[i]) != 0) {
			ret = EXIT_OPERATIONAL;
		}
	}
	if (ret == EXIT_OK) {
		if (a->fmt == SCAN_FMT_HTML) {
			scan_report_html(stdout, &rep, report_now(a));
		} else {
			/* jsonl and csv are the shard files themselves
			 * (concatenated); merging prints the summary. */
			scan_report_text(stdout, &rep, 0);
		}
		ret = scan_exit_status(&rep, 0);
	}
	scan_report_free(&rep);
	return ret;
}

int
cmd_scan(int argc, char **argv)
{
	struct certshow_trust *trust = NULL;
	struct certshow_ctx *ctx = NULL;
	struct scan_report rep;
	struct scan_list list;
	struct scan_args a;
	size_t i;
	int ret = EXIT_OPERATIONAL;

	memset(&rep, 0, sizeof(rep));
	memset(&list, 0, sizeof(list));
	if (scan_parse_args(argc, argv, &a) != 0) {
		cli_usage_hint("scan");
		return EXIT_USAGE;
	}
	if (a.merge) {
		return scan_merge(&a);
	}
	for (i = 0; i < (size_t)a.n_operands; i++) {
		if (scan_list_add(&list, a.operands[i], NULL, i + 1) != 0) {
			cli_error("out of memory");
			goto out;
		}
	}
	for (i = 0; i < a.n_inputs; i++) {
		if (read_targets(&list, a.inputs[i]) != 0) {
			goto out;
		}
	}
	if (a.shard_n > 0) {
		scan_list_shard(&list, a.shard_i, a.shard_n);
	}
	ctx = certshow_ctx_new();
	if (ctx == NULL) {
		cli_error("out of memory");
		goto out;
	}
	/* One trust store for every worker: loaded once, then only read. */
	if (!a.conf.insecure && load_trust(ctx, &a, &trust) != 0) {
		goto out;
	}
	scan_interrupted = 0;
	scan_emit_header(stdout, a.fmt);
	if (scan_run(&a, &list, trust, &rep) != 0) {
		goto out;
	}
	scan_write_summary(&a, &rep);
	if (scan_interrupted && a.fmt != SCAN_FMT_TEXT) {
		/* The summary goes to stderr when stdout holds the
		 * results. */
		scan_report_text(stderr, &rep, 1);
	}
	ret = scan_exit_status(&rep, scan_interrupted);
out:
	scan_report_free(&rep);
	scan_list_free(&list);
	certshow_trust_free(trust);
	certshow_ctx_free(ctx);
	return ret;
}
