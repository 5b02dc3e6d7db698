/*
 * cmd_scan.c - 'certshow scan': fetch and verify many TLS endpoints at
 * once, one result per target (JSON Lines, CSV, or a summary table).
 *
 * A thin driver of the library's scanner (certshow_scanner_*: the worker
 * pool, the limits and the per-target fetch and verification, the same
 * as 'certshow HOST'): it parses the options and the target lines, feeds
 * the scanner, and writes each result as its callback hands it over.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
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
	OPT_PER_ADDR,
	OPT_ALPN,
	OPT_TLS12,
	OPT_TLS13,
	OPT_COMPARE,
	OPT_PURPOSE,
	OPT_LINT
};

static const struct option scan_options[] = {
	{ "cafile", required_argument, NULL, OPT_CAFILE },
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
	{ "alpn", required_argument, NULL, OPT_ALPN },
	{ "tls1.2", no_argument, NULL, OPT_TLS12 },
	{ "tls1.3", no_argument, NULL, OPT_TLS13 },
	{ "compare-trust", required_argument, NULL, OPT_COMPARE },
	{ "purpose", required_argument, NULL, OPT_PURPOSE },
	{ "lint", no_argument, NULL, OPT_LINT },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	CLI_ONLINE_OPTIONS,
	CLI_VERIFY_FILE_OPTIONS,
	{ NULL, 0, NULL, 0 },
};

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
	    "  -4, -6                  IPv4 or IPv6 only\n"
	    "      --alpn LIST         offer ALPN protocols (\"h2,http/1.1\")\n"
	    "      --tls1.2, --tls1.3  allow only this TLS version (one of them)\n"
	    "      --at TIME           verify at TIME (RFC 3339, date, @SECONDS)\n"
	    "      --profile P         webpki (default) or rfc5280\n"
	    "      --purpose P         server (default), client, any or an\n"
	    "                          EKU OID\n"
	    "      --untrusted FILE    more candidate intermediates for every\n"
	    "                          target (repeatable)\n"
	    "      --crl FILE          check revocation against the CRLs of\n"
	    "                          FILE (repeatable)\n"
	    "      --warn-days N       status warning when the leaf expires\n"
	    "                          within N days (default 30)\n"
	    "      --compare-trust NAME=SOURCE  also verify every chain against\n"
	    "                          SOURCE ('system', a file or a directory;\n"
	    "                          repeatable): one status per store\n"
	    "      --lint              also lint each chain as 'certshow HOST\n"
	    "                          --lint' does (jsonl: a \"lint\" member;\n"
	    "                          csv: lint_errors and lint_warnings; text\n"
	    "                          and html: a lint summary); findings never\n"
	    "                          change a target's status\n"
	    "      --insecure-no-verify  fetch only; every reachable target is ok\n"
	    "      --shard I/N         scan only shard I (0 to N-1) of N\n"
	    "      --merge             read jsonl outputs (FILE operands) and\n"
	    "                          print their summary or report\n"
	    "  -f, --format FMT        jsonl (default when standard output is not\n"
	    "                          a terminal), csv, html or text (summary)\n"
	    "  -h, --help              show this help\n");
	cli_online_usage(fp, 26);
	fprintf(fp,
	    "Online revocation checking shares one HTTP cache between all\n"
	    "connections: a responder or CRL URL is asked once per scan.\n"
	    "\n"
	    "Exit status: the worst of the targets: 3 a target could not be\n"
	    "scanned (or the trust store is unusable), 1 a verification failed,\n"
	    "4 warnings only, 0 all ok; 2 usage error; 130 interrupted by\n"
	    "Ctrl-C (the results so far and the summary are still written).\n"
	    "With --lint, lint errors also give 1 and lint warnings 4 (never\n"
	    "lowering 3 or 130).\n");
}

/* What every target shares. */
struct scan_conf {
	enum certshow_starttls starttls; /* default of every target */
	unsigned timeout_ms;
	unsigned deadline_ms;
	int family;
	const char *alpn;
	unsigned tls_version;
	int has_at;
	int64_t at;
	enum certshow_profile profile;
	enum certshow_purpose purpose;
	const char *purpose_oid;
	int insecure;
	unsigned warn_days;
	struct cli_online online;
};

struct scan_args {
	const char *cafiles[64];
	size_t n_cafiles;
	const char *capath;
	struct cli_verify_files files; /* --untrusted, --crl */
	const char *inputs[64];
	size_t n_inputs;
	struct scan_conf conf;
	unsigned jobs;
	unsigned per_addr;
	double rate;
	unsigned shard_i, shard_n;
	int merge;
	int lint; /* --lint */
	enum scan_format fmt;
	int fmt_given;
	char *stores[SCAN_MAX_STORES]; /* --compare-trust NAME=SOURCE,
					* split at '=' (copies) */
	const char *store_src[SCAN_MAX_STORES];
	size_t n_stores;
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
	case OPT_LINT:
		a->lint = 1;
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

/* --compare-trust NAME=SOURCE; 0 or -1 (reported). */
static int
scan_add_store(struct scan_args *a, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char *name;

	if (eq == NULL || eq == arg || eq[1] == '\0') {
		cli_error("invalid --compare-trust '%s' (NAME=SOURCE: SOURCE "
			  "'system', a file or a directory)",
		    arg);
		return -1;
	}
	if (a->n_stores == SCAN_MAX_STORES) {
		cli_error("too many --compare-trust options (at most %d)",
		    SCAN_MAX_STORES);
		return -1;
	}
	name = strdup(arg);
	if (name == NULL) {
		cli_error("out of memory");
		return -1;
	}
	name[eq - arg] = '\0';
	a->stores[a->n_stores] = name;
	a->store_src[a->n_stores++] = eq + 1;
	return 0;
}

/* The connection options 'certshow HOST' has too (cli_parse.c's
 * checks); 1 when `c` is not one of them. */
static int
scan_parse_net_opt(struct scan_args *a, int c)
{
	char err[CLI_MSG_MAX];
	int rv;

	switch (c) {
	case '4':
	case '6':
		a->conf.family = c == '4' ? 4 : 6;
		return 0;
	case OPT_ALPN:
		if (cli_alpn_check(optarg, err, sizeof(err)) != 0) {
			cli_error("%s", err);
			return -1;
		}
		a->conf.alpn = optarg;
		return 0;
	case OPT_TLS12:
	case OPT_TLS13:
		if (cli_tls_only(&a->conf.tls_version,
			c == OPT_TLS12 ? CERTSHOW_TLS1_2 : CERTSHOW_TLS1_3, err,
			sizeof(err)) != 0) {
			cli_error("%s", err);
			return -1;
		}
		return 0;
	case OPT_COMPARE:
		return scan_add_store(a, optarg);
	case OPT_PURPOSE:
		if (cli_purpose_parse(optarg, &a->conf.purpose,
			&a->conf.purpose_oid) != 0) {
			cli_error("unknown --purpose '%s' (server, client, any "
				  "or a dotted OID)",
			    optarg);
			return -1;
		}
		return 0;
	default:
		rv = cli_online_parse(&a->conf.online, c, optarg, err,
		    sizeof(err));
		if (rv < 0) {
			cli_error("%s", err);
		}
		if (rv == 1) {
			rv = cli_verify_files_parse(&a->files, c, optarg);
		}
		return rv;
	}
}

static int
scan_parse_opt(struct scan_args *a, int c)
{
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
		if (cli_warn_days_parse(optarg, &a->conf.warn_days) != 0) {
			cli_error("invalid --warn-days '%s' (expected 0 to "
				  "36500)",
			    optarg);
			return -1;
		}
		return 0;
	default:
		rv = scan_parse_net_opt(a, c);
		if (rv == 1) {
			rv = scan_parse_run_opt(a, c);
		}
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
	a->conf.purpose = CERTSHOW_PURPOSE_SERVER;
	cli_online_init(&a->conf.online);
	opterr = 0;
	optind = 0;
	while ((c = cli_getopt(argc, argv, ":46f:hi:j:", scan_options, err,
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

/* --compare-trust's stores into v (n of them); 0 or -1 (reported). */
static int
load_stores(struct certshow_ctx *ctx, const struct scan_args *a,
    struct certshow_trust **v)
{
	const char *src;
	size_t i;

	for (i = 0; i < a->n_stores; i++) {
		src = a->store_src[i];
		if (strcmp(src, "system") != 0) {
			/* A file or a directory, loaded as --cafile is. */
			if (cli_trust_load(ctx, &src, 1, NULL, &v[i]) != 0) {
				cli_error("--compare-trust %s", a->stores[i]);
				return -1;
			}
			continue;
		}
		if (certshow_trust_new(ctx, &v[i]) != 0 ||
		    certshow_trust_add_system(ctx, v[i]) != 0) {
			cli_error("--compare-trust %s: %s", a->stores[i],
			    certshow_ctx_error(ctx));
			return -1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Running                                                            */

/* The scanner of the running scan, for the SIGINT handler. */
static struct certshow_scanner *volatile scan_active;
static volatile sig_atomic_t scan_interrupted;

static void
on_sigint(int sig)
{
	(void)sig;
	scan_interrupted = 1;
	certshow_scanner_stop(scan_active); /* async-signal-safe */
}

/* The callback's state; the scanner calls it one thread at a time. */
struct scan_sink {
	const struct scan_args *a;
	struct certshow_ctx *ctx; /* for the writers */
	struct scan_report *rep;
	struct scan_reader *rd; /* the feed's */
	size_t total, done;     /* total 0: not known (standard input) */
	double t0;
	int progress;
	int failed;      /* out of memory or output failed */
	int feed_failed; /* reading the targets failed */
};

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
progress_line(const struct scan_sink *k)
{
	double el = now_s() - k->t0;
	double rate = el > 0 ? (double)k->done / el : 0;
	double eta = rate > 0 && k->total > k->done
	    ? (double)(k->total - k->done) / rate
	    : 0;

	if (k->total > 0) {
		fprintf(stderr, "\r%zu/%zu done", k->done, k->total);
	} else {
		fprintf(stderr, "\r%zu done", k->done);
	}
	fprintf(stderr, ", %.1f/s, %zu failed, %zu errors", rate,
	    k->rep->count[SCAN_FAILED], k->rep->count[SCAN_ERROR]);
	if (k->total > 0) {
		fprintf(stderr, ", ETA %.0f s", eta);
	}
	fputs("   ", stderr);
	fflush(stderr);
}

static int
on_result(const struct certshow_scan_result *r, void *payload)
{
	struct scan_sink *k = payload;

	if (scan_report_add(k->rep, r) != 0) {
		cli_error("out of memory");
		k->failed = 1;
		return 1;
	}
	if (scan_emit(k->ctx, stdout, k->a->fmt, r, k->a->lint) != 0) {
		k->failed = 1;
		return 1;
	}
	k->done++;
	if (k->progress) {
		progress_line(k);
	}
	return 0;
}

/* The options of every target's fetch and verification. */
static void
scan_opts(const struct scan_args *a, struct certshow_fetch_opts *fo,
    struct certshow_verify_opts *vo, struct certshow_scan_opts *so)
{
	const struct scan_conf *c = &a->conf;

	fo->family = c->family;
	fo->connect_timeout_ms = c->timeout_ms;
	fo->handshake_timeout_ms = c->timeout_ms;
	fo->starttls = c->starttls;
	fo->alpn = c->alpn;
	fo->min_tls = c->tls_version;
	fo->max_tls = c->tls_version;
	vo->purpose = c->purpose;
	vo->purpose_oid = c->purpose_oid;
	vo->profile = c->profile;
	vo->has_time = c->has_at;
	vo->time = c->at;
	vo->warn_days = c->warn_days;
	cli_online_apply(&c->online, vo);
	so->jobs = a->jobs;
	so->per_address = a->per_addr;
	so->rate = a->rate;
	so->deadline_ms = c->deadline_ms;
	so->fetch = fo;
	so->verify = vo;
	so->no_verify = c->insecure;
	/* Lint at the verification time with the --warn-days threshold,
	 * as 'certshow HOST --lint' (the scanner reads both from vo). */
	so->lint = a->lint;
}

static int
feed_stopped(void *scanner)
{
	return certshow_scanner_stopped(scanner);
}

/* The scanner's feed: the next target of the operands and -i files,
 * read when a worker is free (one call at a time). */
static int
on_feed(struct certshow_scan_target *t, void *payload)
{
	struct scan_sink *k = payload;
	const struct scan_item *it;
	int rv = scan_reader_next(k->rd, &it);

	if (rv <= 0) {
		k->feed_failed = rv < 0;
		return rv;
	}
	t->target = it->target;
	t->source = it->source;
	t->line = it->lineno;
	t->invalid = it->err;
	t->host = it->host;
	t->port = it->port;
	t->sni = it->sni;
	t->has_starttls = it->has_starttls;
	t->starttls = it->starttls;
	return 1;
}

/* Run the scan with Ctrl-C stopping it; 0 or -1 (reported). */
static int
scan_run(struct certshow_ctx *ctx, struct certshow_scanner *s,
    struct scan_sink *k)
{
	struct sigaction sa, old;
	int rv;

	/* Ctrl-C: no new targets, those in flight cut short, and the
	 * summary is still written. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	scan_active = s;
	sigaction(SIGINT, &sa, &old);
	rv = certshow_scanner_run(ctx, s);
	sigaction(SIGINT, &old, NULL);
	scan_active = NULL;
	if (k->progress) {
		fputc('\n', stderr);
	}
	if (rv != 0) {
		cli_error("%s", certshow_ctx_error(ctx));
		return -1;
	}
	return k->failed || k->feed_failed ? -1 : 0;
}

static int
targets_status(const struct scan_report *rep)
{
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

/* The worst of the targets, then lint merged in as 'certshow HOST
 * --lint' merges it (errors 1, warnings 4, never lowering 3). */
static int
scan_exit_status(const struct scan_report *rep, int interrupted)
{
	if (interrupted) {
		return 130;
	}
	return cli_status_merge(targets_status(rep), scan_lint_status(rep));
}

/* The summary table, then the lint block (--lint, or merged lines with
 * findings). */
static void
summary_text(FILE *fp, const struct scan_report *rep, int interrupted)
{
	scan_report_text(fp, rep, interrupted);
	scan_lint_text(fp, rep);
	fflush(fp);
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
		summary_text(stdout, rep, scan_interrupted);
	}
	fflush(stdout);
	if (scan_interrupted && a->fmt != SCAN_FMT_TEXT) {
		/* The summary goes to stderr when stdout holds the
		 * results. */
		summary_text(stderr, rep, 1);
	}
}

static int
scan_merge(const struct scan_args *a)
{
	struct scan_report rep;
	int i, ret = EXIT_OK;

	memset(&rep, 0, sizeof(rep));
	rep.keep_recs = a->fmt == SCAN_FMT_HTML;
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
			summary_text(stdout, &rep, 0);
		}
		ret = scan_exit_status(&rep, 0);
	}
	scan_report_free(&rep);
	return ret;
}

/* What every target's verification reads: loaded once, then only
 * read by the workers. */
struct scan_shared {
	struct certshow_trust *trust;
	struct certshow_trust *cmp[SCAN_MAX_STORES];
	struct certshow_chain *untrusted; /* --untrusted, or NULL */
	struct certshow_crls *crls;       /* --crl, or NULL */
};

/* Load the trust store, the comparison stores and the --untrusted and
 * --crl files ('certshow HOST''s loaders); 0 or -1 (reported). */
static int
scan_shared_load(struct certshow_ctx *ctx, const struct scan_args *a,
    struct scan_shared *sh)
{
	if (!a->conf.insecure &&
	    cli_trust_load(ctx, a->cafiles, a->n_cafiles, a->capath,
		&sh->trust) != 0) {
		return -1;
	}
	if (load_stores(ctx, a, sh->cmp) != 0 ||
	    cli_load_untrusted(ctx, &sh->untrusted, a->files.untrusted,
		a->files.n_untrusted) != 0 ||
	    cli_load_crls(ctx, &sh->crls, a->files.crls, a->files.n_crls) !=
		0) {
		return -1;
	}
	return 0;
}

static void
scan_shared_free(struct scan_shared *sh, size_t n_stores)
{
	size_t i;

	for (i = 0; i < n_stores; i++) {
		certshow_trust_free(sh->cmp[i]);
	}
	certshow_trust_free(sh->trust);
	certshow_chain_free(sh->untrusted);
	certshow_crls_free(sh->crls);
}

/* The trust stores, the scanner and the scan itself; the exit status. */
static int
scan_main(struct certshow_ctx *ctx, const struct scan_args *a,
    struct scan_reader *rd, struct scan_report *rep)
{
	struct certshow_fetch_opts fo = CERTSHOW_FETCH_OPTS_INIT;
	struct certshow_verify_opts vo = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_scan_opts so = CERTSHOW_SCAN_OPTS_INIT;
	struct certshow_scan_store stores[SCAN_MAX_STORES];
	struct scan_shared sh;
	struct certshow_scanner *s = NULL;
	struct scan_sink k;
	size_t i;
	int ret = EXIT_OPERATIONAL;

	memset(&sh, 0, sizeof(sh));
	if (scan_shared_load(ctx, a, &sh) != 0) {
		goto out;
	}
	scan_opts(a, &fo, &vo, &so);
	vo.crls = sh.crls;
	so.untrusted = sh.untrusted;
	for (i = 0; i < a->n_stores && !a->conf.insecure; i++) {
		stores[i].name = a->stores[i];
		stores[i].trust = sh.cmp[i];
	}
	so.compare = stores;
	so.n_compare = a->conf.insecure ? 0 : a->n_stores;
	rep->stores = (const char *const *)a->stores;
	rep->n_stores = so.n_compare;
	memset(&k, 0, sizeof(k));
	k.a = a;
	k.ctx = ctx;
	k.rep = rep;
	k.rd = rd;
	k.t0 = now_s();
	k.progress = isatty(STDERR_FILENO) && a->fmt == SCAN_FMT_TEXT;
	/* The progress line's total and ETA: the files are read twice
	 * (counted ahead) unless one can be read only once. */
	if (k.progress && scan_reader_count(rd, &k.total) != 0) {
		k.total = 0;
	}
	/* Streaming: the scanner pulls each target as a worker frees up,
	 * so neither the list nor the scanner holds them all. */
	if (certshow_scanner_new(ctx, &s, sh.trust, &so, on_result, &k) != 0 ||
	    certshow_scanner_set_feed(ctx, s, on_feed, &k) != 0) {
		cli_error("%s", certshow_ctx_error(ctx));
		goto out;
	}
	/* A list on a pipe or a terminal is waited on only until the scan
	 * stops (Ctrl-C, an output that failed). */
	rd->stopped = feed_stopped;
	rd->stop_arg = s;
	scan_emit_header(stdout, a->fmt, rep->stores, rep->n_stores, a->lint);
	if (scan_run(ctx, s, &k) == 0) {
		scan_write_summary(a, rep);
		ret = scan_exit_status(rep, scan_interrupted);
	}
out:
	certshow_scanner_free(s);
	scan_shared_free(&sh, a->n_stores);
	return ret;
}

int
cmd_scan(int argc, char **argv)
{
	struct certshow_ctx *ctx = NULL;
	struct scan_report rep;
	struct scan_reader rd;
	struct scan_args a;
	size_t i;
	int ret = EXIT_OPERATIONAL;

	memset(&rep, 0, sizeof(rep));
	memset(&rd, 0, sizeof(rd));
	if (scan_parse_args(argc, argv, &a) != 0) {
		ret = EXIT_USAGE;
		cli_usage_hint("scan");
		goto out;
	}
	if (a.merge) {
		ret = scan_merge(&a);
		goto out;
	}
	/* Only the HTML report's table needs a record of every target; the
	 * summary keeps counts and the soonest expiries. */
	rep.keep_recs = a.fmt == SCAN_FMT_HTML;
	if (scan_reader_open(&rd, a.operands, (size_t)a.n_operands, a.inputs,
		a.n_inputs, a.shard_i, a.shard_n) != 0) {
		goto out;
	}
	ctx = certshow_ctx_new();
	if (ctx == NULL) {
		cli_error("out of memory");
		goto out;
	}
	scan_interrupted = 0;
	rep.lint.on = a.lint;
	ret = scan_main(ctx, &a, &rd, &rep);
out:
	for (i = 0; i < a.n_stores; i++) {
		free(a.stores[i]);
	}
	scan_report_free(&rep);
	scan_reader_close(&rd);
	certshow_ctx_free(ctx);
	return ret;
}
