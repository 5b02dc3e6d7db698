/*
 * cmd_lint.c - 'certshow lint': check certificates against RFC 5280, the
 * DER rules and the CA/Browser Forum Baseline Requirements. Also the
 * helpers that 'asn1' and the --lint option of other commands share.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

int
cli_lint_cert(struct certshow_ctx *ctx, struct certshow_lint *l,
    const struct certshow_cert *cert, const struct certshow_lint_opts *o)
{
	const uint8_t *der;
	size_t len;

	der = certshow_cert_raw(cert, CERTSHOW_RAW_DER, &len);
	return certshow_lint_add_der(ctx, l, der, len,
	    certshow_cert_source(cert, NULL), o);
}

/* Highest severity among the findings; 0 when there is none. */
static int
max_severity(const struct certshow_lint *l)
{
	struct certshow_lint_finding f = CERTSHOW_LINT_FINDING_INIT;
	size_t i, n = certshow_lint_count(l, CERTSHOW_LINT_FINDINGS);
	int max = 0;

	for (i = 0; i < n; i++) {
		if (certshow_lint_finding(l, i, &f) == 0 &&
		    (int)f.severity > max) {
			max = (int)f.severity;
		}
	}
	return max;
}

int
cli_lint_status(const struct certshow_lint *l)
{
	switch (max_severity(l)) {
	case CERTSHOW_LINT_ERROR:
		return EXIT_VERIFY_FAILED;
	case CERTSHOW_LINT_WARNING:
		return EXIT_WARNING;
	default:
		return EXIT_OK;
	}
}

static int
status_rank(int s)
{
	switch (s) {
	case EXIT_OK:
		return 0;
	case EXIT_WARNING:
		return 1;
	case EXIT_VERIFY_FAILED:
		return 2;
	default:
		return 3;        /* operational and usage errors */
	}
}

int
cli_status_merge(int a, int b)
{
	return status_rank(b) > status_rank(a) ? b : a;
}

/* The sent chain and the path certificates taken from elsewhere, never
 * the anchor: the library's certshow_lint_add_verified(), as the
 * scanner's lint option. */
int
cli_lint_verified(struct certshow_ctx *ctx, struct certshow_lint **out,
    const struct certshow_chain *chain, const struct certshow_result *res,
    const struct certshow_lint_opts *o)
{
	struct certshow_lint *l = NULL;

	*out = NULL;
	if (certshow_lint_new(ctx, &l) < 0) {
		return -1;
	}
	if (certshow_lint_add_verified(ctx, l, chain, res, o) < 0) {
		certshow_lint_free(l);
		return -1;
	}
	*out = l;
	return 0;
}

int
cli_lint_chain(struct certshow_ctx *ctx, const struct certshow_chain *chain,
    FILE *fp, enum certshow_format fmt, const struct certshow_lint_opts *o)
{
	struct certshow_lint *l = NULL;
	size_t i;
	int status;

	if (certshow_lint_new(ctx, &l) < 0) {
		cli_error("lint: %s", certshow_ctx_error(ctx));
		return EXIT_OPERATIONAL;
	}
	for (i = 0; i < certshow_chain_count(chain); i++) {
		if (cli_lint_cert(ctx, l, certshow_chain_get(chain, i),
		    o) < 0) {
			cli_error("lint: %s", certshow_ctx_error(ctx));
			certshow_lint_free(l);
			return EXIT_OPERATIONAL;
		}
	}
	if (certshow_lint_write(ctx, fp, fmt, l) < 0) {
		cli_error("lint: %s", certshow_ctx_error(ctx));
		certshow_lint_free(l);
		return EXIT_OPERATIONAL;
	}
	status = cli_lint_status(l);
	certshow_lint_free(l);
	return status;
}

enum {
	OPT_AT = 256,
	OPT_NOW,
	OPT_WARN_DAYS,
	OPT_PROFILE,
	OPT_RFC5280
};

static const struct option lint_options[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "at", required_argument, NULL, OPT_AT },
	{ "now", required_argument, NULL, OPT_NOW },
	{ "warn-days", required_argument, NULL, OPT_WARN_DAYS },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "rfc5280", no_argument, NULL, OPT_RFC5280 },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

void
usage_lint(FILE *fp)
{
	fprintf(fp,
	    "usage: certshow lint [OPTIONS] FILE...\n"
	    "\n"
	    "Check every certificate of each FILE (PEM, DER or PKCS#7; \"-\" is\n"
	    "standard input) against RFC 5280, the DER rules of X.690 and the\n"
	    "CA/Browser Forum Baseline Requirements. Certificates that the\n"
	    "strict decoder rejects are still checked: their encoding errors\n"
	    "are findings. Each finding has an id, a severity (error, warning,\n"
	    "notice), the certificate's index and a citation.\n"
	    "\n"
	    "Options:\n"
	    "  -f, --format FMT   text (default) or json\n"
	    "      --at TIME      check time for expiry: RFC 3339, a date\n"
	    "                     (2027-01-01, midnight UTC) or @SECONDS\n"
	    "                     (default: the current time; --now is a\n"
	    "                     deprecated spelling)\n"
	    "      --warn-days N  warn when a certificate expires within N days\n"
	    "                     of the check time (default 30)\n"
	    "      --profile P    webpki (default: RFC 5280, DER and Baseline\n"
	    "                     Requirements rules) or rfc5280 (no Baseline\n"
	    "                     Requirements rules; --rfc5280 is a deprecated\n"
	    "                     spelling)\n"
	    "  -h, --help         show this help\n"
	    "\n"
	    "Exit status: 0 no finding (notices only), 1 at least one error,\n"
	    "4 warnings but no error, 2 usage error, 3 an input could not be\n"
	    "read or holds no certificate.\n");
}

/* An input that could not be linted: reported on standard error and kept
 * in the list (JSON "errors"); EXIT_OPERATIONAL. */
static int
lint_input_error(struct certshow_ctx *ctx, struct certshow_lint *l,
    const char *path, int code)
{
	cli_error("%s", certshow_ctx_error(ctx));
	if (certshow_lint_add_error(ctx, l, path, code,
		certshow_ctx_error(ctx)) < 0) {
		cli_error("%s", certshow_ctx_error(ctx));
	}
	return EXIT_OPERATIONAL;
}

/* Lint the certificates of a chain; 0, or the library's error code. */
static int
lint_chain(struct certshow_ctx *ctx, struct certshow_lint *l,
    const struct certshow_chain *chain, const struct certshow_lint_opts *o)
{
	size_t i;
	int rv;

	for (i = 0; i < certshow_chain_count(chain); i++) {
		rv = cli_lint_cert(ctx, l, certshow_chain_get(chain, i), o);
		if (rv < 0) {
			return rv;
		}
	}
	return 0;
}

/* Lint one input: through the reader when it decodes, else the raw bytes
 * (so that encoding errors of a certificate become findings). An input
 * that cannot be read or holds no certificate (a CRL, a CSR, a key, ...)
 * is an error in the reader's words. Returns 0 or EXIT_OPERATIONAL. */
static int
lint_file(struct certshow_ctx *ctx, struct certshow_lint *l,
    const char *path, const struct certshow_lint_opts *o)
{
	struct certshow_chain *chain = NULL;
	uint8_t *buf;
	size_t len;
	int rv;

	rv = certshow_input_read(ctx, path, &buf, &len);
	if (rv < 0) {
		return lint_input_error(ctx, l, path, rv);
	}
	if (certshow_chain_load_mem(ctx, &chain, buf, len, path) == 0) {
		rv = lint_chain(ctx, l, chain, o);
	} else {
		rv = certshow_lint_add_input(ctx, l, buf, len, path, o);
	}
	certshow_chain_free(chain);
	certshow_free(buf);
	if (rv < 0) {
		return lint_input_error(ctx, l, path, rv);
	}
	return EXIT_OK;
}

/* --at/--now TIME and --profile/--rfc5280 into `o`, the deprecated
 * spellings with a note; 0 or -1 (reported). */
static int
lint_parse_vocab(struct certshow_lint_opts *o, int c, const char *arg)
{
	enum certshow_profile p = CERTSHOW_PROFILE_RFC5280;

	if (c == OPT_NOW || c == OPT_RFC5280) {
		cli_error("lint: note: --%s is deprecated, use %s",
		    c == OPT_NOW ? "now" : "rfc5280",
		    c == OPT_NOW ? "--at" : "--profile rfc5280");
	}
	if (c == OPT_AT || c == OPT_NOW) {
		if (cli_time_parse(arg, &o->now) < 0) {
			cli_error("lint: invalid --%s '%s' (expected RFC 3339, "
			    "a date such as 2027-01-01, or @SECONDS)",
			    c == OPT_AT ? "at" : "now", arg);
			return -1;
		}
		return 0;
	}
	if (c == OPT_PROFILE && cli_profile_from_name(arg, &p) != 0) {
		cli_error("lint: unknown --profile '%s' (webpki or rfc5280)",
		    arg);
		return -1;
	}
	if (p == CERTSHOW_PROFILE_RFC5280) {
		o->flags |= CERTSHOW_LINT_F_RFC5280_ONLY;
	} else {
		o->flags &= ~(unsigned)CERTSHOW_LINT_F_RFC5280_ONLY;
	}
	return 0;
}

/* The options into `o` and *fmt, and at least one FILE: 0, 1 when
 * --help was printed, or -1 after reporting a usage error. */
static int
lint_parse_args(struct certshow_lint_opts *o, int *fmt, int argc,
    char **argv)
{
	char err[CLI_MSG_MAX];
	int c;

	opterr = 0;
	optind = 1;
	while ((c = cli_getopt(argc, argv, ":f:h", lint_options, err,
	    sizeof(err))) != -1) {
		switch (c) {
		case 'f':
			*fmt = cli_parse_format(optarg);
			if (*fmt != CERTSHOW_FORMAT_TEXT &&
			    *fmt != CERTSHOW_FORMAT_JSON) {
				cli_error("lint: unknown format '%s' (expected "
				    "text or json)", optarg);
				return -1;
			}
			break;
		case OPT_AT:
		case OPT_NOW:
		case OPT_PROFILE:
		case OPT_RFC5280:
			if (lint_parse_vocab(o, c, optarg) < 0) {
				return -1;
			}
			break;
		case OPT_WARN_DAYS:
			if (cli_warn_days_parse(optarg, &o->warn_days) < 0) {
				cli_error("lint: invalid --warn-days '%s' "
					  "(expected 0 to 36500)",
				    optarg);
				return -1;
			}
			break;
		case 'h':
			usage_lint(stdout);
			return 1;
		default:
			cli_error("lint: %s", err);
			return -1;
		}
	}
	if (optind >= argc) {
		cli_error("lint: no input file (use '-' for standard input)");
		return -1;
	}
	return 0;
}

int
cmd_lint(int argc, char **argv)
{
	struct certshow_lint_opts o = CERTSHOW_LINT_OPTS_INIT;
	struct certshow_lint *l = NULL;
	struct certshow_ctx *ctx;
	int fmt = CERTSHOW_FORMAT_TEXT, i, status = EXIT_OK, ls;

	o.has_now = 1;
	o.now = (int64_t)time(NULL);
	ls = lint_parse_args(&o, &fmt, argc, argv);
	if (ls < 0) {
		cli_usage_hint("lint");
		return EXIT_USAGE;
	}
	if (ls > 0) {
		return EXIT_OK;
	}
	ctx = certshow_ctx_new();
	if (ctx == NULL || certshow_lint_new(ctx, &l) < 0) {
		cli_error("out of memory");
		certshow_ctx_free(ctx);
		return EXIT_OPERATIONAL;
	}
	for (i = optind; i < argc; i++) {
		if (lint_file(ctx, l, argv[i], &o) != EXIT_OK) {
			status = EXIT_OPERATIONAL;
		}
	}
	fflush(stderr);
	if (certshow_lint_write(ctx, stdout, (enum certshow_format)fmt,
	    l) < 0) {
		cli_error("writing output: %s", certshow_ctx_error(ctx));
		status = EXIT_OPERATIONAL;
	}
	/* An unreadable input wins over findings: the run was incomplete. */
	ls = cli_lint_status(l);
	if (status == EXIT_OK) {
		status = ls;
	}
	certshow_lint_free(l);
	certshow_ctx_free(ctx);
	return status;
}
