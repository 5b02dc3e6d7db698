/*
 * cmd_dump.c - 'certshow dump': decode the certificates of files and print
 * them. Each input is streamed through a reader into one writer, so a
 * bundle of any size is shown with bounded memory and JSON output is a
 * single document for the whole run.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

enum {
	OPT_MAX_INPUT = 256,
	OPT_MAX_CERT,
	OPT_MAX_CERTS,
	OPT_AT,
	OPT_NOW,
	OPT_LINT,
	OPT_PROFILE,
	OPT_WARN_DAYS
};

static const struct option dump_options[] = {
	{ "max-input-size", required_argument, NULL, OPT_MAX_INPUT },
	{ "max-cert-size", required_argument, NULL, OPT_MAX_CERT },
	{ "max-certs", required_argument, NULL, OPT_MAX_CERTS },
	{ "format", required_argument, NULL, 'f' },
	{ "at", required_argument, NULL, OPT_AT },
	{ "now", required_argument, NULL, OPT_NOW },
	{ "lint", no_argument, NULL, OPT_LINT },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "warn-days", required_argument, NULL, OPT_WARN_DAYS },
	{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
};

void
usage_dump(FILE *fp)
{
	fprintf(fp,
	    "usage: certshow dump [OPTIONS] FILE...\n"
	    "\n"
	    "Decode and print every certificate of each FILE (\"-\" is standard\n"
	    "input). A FILE may be PEM (one or many CERTIFICATE, TRUSTED\n"
	    "CERTIFICATE, X509 CERTIFICATE or PKCS7 blocks, with any text\n"
	    "around them; other blocks such as private keys are skipped), a DER\n"
	    "certificate, or a DER PKCS#7 bundle (.p7b). Inputs are streamed:\n"
	    "large bundles are shown with bounded memory.\n"
	    "\n"
	    "Options:\n"
	    "  -f, --format FMT        text (default), json, python or pem; json is\n"
	    "                          one document for all files\n"
	    "      --at TIME           reference time for \"expires in N days\"\n"
	    "                          and --lint: RFC 3339 (2024-03-01T12:00:00Z,\n"
	    "                          offsets allowed), a date (2027-01-01,\n"
	    "                          midnight UTC) or @SECONDS since the epoch\n"
	    "                          (--now: deprecated spelling)\n"
	    "      --max-input-size N  largest input in bytes (K, M, G suffixes;\n"
	    "                          default 64M)\n"
	    "      --max-cert-size N   largest certificate in bytes (default 1M)\n"
	    "      --max-certs N       most certificates per input (default 100000)\n"
	    "      --lint              also lint each certificate (json: a \"lint\"\n"
	    "                          member of the document; other formats:\n"
	    "                          findings on standard error; see\n"
	    "                          'certshow help lint')\n"
	    "      --profile P         with --lint: webpki (default) or rfc5280\n"
	    "                          (RFC 5280 and DER rules only)\n"
	    "      --warn-days N       warn (exit 4) when a certificate valid at\n"
	    "                          --at expires within N days (default 0:\n"
	    "                          off); json: \"days_left\" per certificate\n"
	    "  -h, --help              show this help\n"
	    "\n"
	    "Errors name the file and the certificate's 0-based position in it\n"
	    "(\"certshow: FILE: certificate #3: ...\"); the remaining certificates\n"
	    "and files are still shown. With -f json every error is also in the\n"
	    "document (\"errors\": [{\"source\", \"error\": {\"code\", \"message\"}}]).\n"
	    "\n"
	    "Exit status: 0 every certificate was shown, 2 usage error, 3 an input\n"
	    "could not be read or held a malformed certificate (over any other\n"
	    "status), 4 a certificate expires within --warn-days; with --lint,\n"
	    "1 lint errors, 4 lint warnings only.\n");
}

/* A size with an optional K, M or G (binary) suffix; 0 on error. */
static size_t
parse_size(const char *s)
{
	unsigned long long v;
	char *end;

	if (s[0] < '0' || s[0] > '9') {
		return 0;
	}
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0) {
		return 0;
	}
	switch (*end) {
	case 'K':
	case 'k':
		v = v > (unsigned long long)SIZE_MAX >> 10 ? 0 : v << 10;
		end++;
		break;
	case 'M':
	case 'm':
		v = v > (unsigned long long)SIZE_MAX >> 20 ? 0 : v << 20;
		end++;
		break;
	case 'G':
	case 'g':
		v = v > (unsigned long long)SIZE_MAX >> 30 ? 0 : v << 30;
		end++;
		break;
	default:
		break;
	}
	if (*end != '\0' || v > SIZE_MAX) {
		return 0;
	}
	return (size_t)v;
}

/* Report the library's error `code` about input `path`: on standard
 * error and, for JSON, in the document. */
static void
dump_error(struct certshow_ctx *ctx, struct certshow_writer *w,
    const char *path, int code)
{
	fflush(stdout);
	cli_error("%s", certshow_ctx_error(ctx));
	(void)certshow_writer_add_error(ctx, w, path, code,
	    certshow_ctx_error(ctx));
}

/* --warn-days: a warning line for a certificate that expires soon (the
 * rule of certshow_cert_expiry()); EXIT_WARNING or EXIT_OK. */
static int
dump_expiry(const struct certshow_cert *cert, int64_t now, unsigned days)
{
	char msg[200];
	const char *src;
	size_t idx = 0;

	if (certshow_cert_expiry(cert, now, days, NULL, msg, sizeof(msg)) !=
	    1) {
		return EXIT_OK;
	}
	src = certshow_cert_source(cert, &idx);
	fflush(stdout);
	cli_error("warning: %s: certificate #%zu %s", src != NULL ? src : "-",
	    idx, msg);
	return EXIT_WARNING;
}

/* What one input is streamed with. */
struct dump_run {
	struct certshow_ctx *ctx;
	struct certshow_writer *w;
	struct certshow_lint *lint; /* --lint, or NULL */
	const struct certshow_lint_opts *lo;
	int64_t now;
	unsigned warn_days; /* 0: no expiry warning */
	int fatal;          /* writing the output failed */
};

/* One decoded certificate: written, linted, its expiry checked; the
 * status it implies. */
static int
dump_cert(struct dump_run *d, const struct certshow_cert *cert)
{
	int status = EXIT_OK;

	if (certshow_writer_add_cert(d->ctx, d->w, cert) < 0) {
		cli_error("writing output: %s", certshow_ctx_error(d->ctx));
		d->fatal = 1;
		return EXIT_OPERATIONAL;
	}
	if (d->lint != NULL &&
	    cli_lint_cert(d->ctx, d->lint, cert, d->lo) < 0) {
		cli_error("lint: %s", certshow_ctx_error(d->ctx));
		status = EXIT_OPERATIONAL;
	}
	return cli_status_merge(status,
	    dump_expiry(cert, d->now, d->warn_days));
}

/* Stream one input into the writer. Returns the status it implies:
 * EXIT_OK, EXIT_WARNING (--warn-days) or EXIT_OPERATIONAL (reported);
 * d->fatal is set when output itself failed. */
static int
dump_file(struct dump_run *d, const char *path)
{
	struct certshow_ctx *ctx = d->ctx;
	struct certshow_reader *r;
	struct certshow_cert *cert;
	int rv, status = EXIT_OK;

	rv = certshow_reader_open_file(ctx, &r, path);
	if (rv < 0) {
		dump_error(ctx, d->w, path, rv);
		return EXIT_OPERATIONAL;
	}
	for (;;) {
		rv = certshow_reader_next(ctx, r, &cert);
		if (rv == 0 && cert == NULL) {
			break;
		}
		if (rv < 0) {
			/* The reader goes on after an error confined to one
			 * certificate and ends after any other one. */
			dump_error(ctx, d->w, path, rv);
			status = EXIT_OPERATIONAL;
			continue;
		}
		status = cli_status_merge(status, dump_cert(d, cert));
		certshow_cert_free(cert);
		if (d->fatal) {
			break;
		}
	}
	certshow_reader_free(r);
	return status;
}

/* What the command line asked for. */
struct dump_args {
	int fmt;
	int do_lint;
	int help;                     /* --help printed: stop, status 0 */
	size_t limits[3];             /* --max-input, --max-cert, --max-certs */
	int64_t now;
	int have_now;
	unsigned warn_days; /* --warn-days, 0: off */
	enum certshow_profile profile;
};

/* One option `c` (argument in optarg); 0, or -1 after reporting a usage
 * error. */
static int
dump_parse_opt(struct dump_args *a, int c, const char *err)
{
	switch (c) {
	case 'f':
		a->fmt = cli_parse_format(optarg);
		if (a->fmt < 0) {
			cli_error("dump: unknown format '%s' (expected "
			    "text, json, python or pem)", optarg);
			return -1;
		}
		return 0;
	case OPT_NOW:
	case OPT_AT:
		if (c == OPT_NOW) {
			cli_error("dump: note: --now is deprecated, use --at");
		}
		if (cli_time_parse(optarg, &a->now) < 0) {
			cli_error("dump: invalid --%s '%s' (expected RFC 3339, "
			    "a date such as 2027-01-01, or @SECONDS)",
			    c == OPT_AT ? "at" : "now", optarg);
			return -1;
		}
		a->have_now = 1;
		return 0;
	case OPT_PROFILE:
		if (cli_profile_from_name(optarg, &a->profile) != 0) {
			cli_error("dump: unknown --profile '%s' (webpki or "
			    "rfc5280)", optarg);
			return -1;
		}
		return 0;
	case OPT_MAX_INPUT:
	case OPT_MAX_CERT:
	case OPT_MAX_CERTS:
		a->limits[c - OPT_MAX_INPUT] = parse_size(optarg);
		if (a->limits[c - OPT_MAX_INPUT] == 0) {
			cli_error("dump: invalid --%s '%s' (expected a "
			    "positive number)",
			    dump_options[c - OPT_MAX_INPUT].name, optarg);
			return -1;
		}
		return 0;
	case OPT_LINT:
		a->do_lint = 1;
		return 0;
	case OPT_WARN_DAYS:
		if (cli_warn_days_parse(optarg, &a->warn_days) < 0) {
			cli_error("dump: invalid --warn-days '%s' (expected 0 "
				  "to 36500)",
			    optarg);
			return -1;
		}
		return 0;
	case 'h':
		usage_dump(stdout);
		a->help = 1;
		return 0;
	default:
		cli_error("dump: %s", err);
		return -1;
	}
}

/* The options and at least one FILE; 0 (a->help set: --help printed),
 * or -1 after reporting a usage error. */
static int
dump_parse_args(struct dump_args *a, int argc, char **argv)
{
	char err[CLI_MSG_MAX];
	int c;

	memset(a, 0, sizeof(*a));
	a->fmt = CERTSHOW_FORMAT_TEXT;
	opterr = 0;
	optind = 1;
	while ((c = cli_getopt(argc, argv, ":f:h", dump_options, err,
	    sizeof(err))) != -1) {
		if (dump_parse_opt(a, c, err) < 0) {
			return -1;
		}
		if (a->help) {
			return 0;
		}
	}
	if (optind >= argc) {
		cli_error("dump: no input file (use '-' for standard input)");
		return -1;
	}
	return 0;
}

/* After the inputs: close the document and show the lint findings;
 * the exit status from `status`, the inputs' one. */
static int
dump_finish(struct certshow_ctx *ctx, struct certshow_writer *w,
    struct certshow_lint *lint, int fmt, int fatal, int status)
{
	/* JSON: the findings close the document (a "lint" member whose
	 * "certificate" indexes are those of "certificates"), so the run
	 * stays one document; other formats: on standard error. */
	if (lint != NULL && fmt == CERTSHOW_FORMAT_JSON) {
		(void)certshow_writer_set_lint(ctx, w, lint);
	}
	if (!fatal && certshow_writer_finish(ctx, w) < 0) {
		cli_error("writing output: %s", certshow_ctx_error(ctx));
		status = EXIT_OPERATIONAL;
	}
	if (lint != NULL) {
		if (fmt != CERTSHOW_FORMAT_JSON) {
			fflush(stdout);
			if (certshow_lint_write(ctx, stderr,
			    CERTSHOW_FORMAT_TEXT, lint) < 0) {
				status = EXIT_OPERATIONAL;
			}
		}
		/* An input that could not be shown (3) wins: the run was
		 * incomplete. */
		status = cli_status_merge(status, cli_lint_status(lint));
	}
	return status;
}

int
cmd_dump(int argc, char **argv)
{
	struct certshow_write_opts wopts = CERTSHOW_WRITE_OPTS_INIT;
	struct certshow_writer *w = NULL;
	struct certshow_ctx *ctx;
	int i, status = EXIT_OK;
	struct certshow_lint_opts lo = CERTSHOW_LINT_OPTS_INIT;
	struct certshow_lint *lint = NULL;
	struct dump_args a;
	struct dump_run d;

	if (dump_parse_args(&a, argc, argv) < 0) {
		cli_usage_hint("dump");
		return EXIT_USAGE;
	}
	if (a.help) {
		return EXIT_OK;
	}
	ctx = certshow_ctx_new();
	if (ctx == NULL) {
		cli_error("out of memory");
		return EXIT_OPERATIONAL;
	}
	for (i = 0; i < 3; i++) {
		if (a.limits[i] != 0) {
			certshow_ctx_set_limit(ctx,
			    (enum certshow_limit)(CERTSHOW_LIMIT_INPUT_SIZE + i),
			    a.limits[i]);
		}
	}
	wopts.now = a.have_now ? a.now : (int64_t)time(NULL);
	if (!isatty(STDOUT_FILENO) || getenv("NO_COLOR") != NULL) {
		wopts.flags |= CERTSHOW_WF_NO_COLOR;
	}
	/* Only when asked for: the output stays independent of the clock. */
	if (a.have_now || a.warn_days > 0) {
		wopts.flags |= CERTSHOW_WF_DAYS_LEFT;
	}
	if (certshow_writer_new(ctx, &w, stdout, (enum certshow_format)a.fmt,
	    &wopts) < 0) {
		cli_error("%s", certshow_ctx_error(ctx));
		certshow_ctx_free(ctx);
		return EXIT_OPERATIONAL;
	}
	if (a.do_lint && certshow_lint_new(ctx, &lint) < 0) {
		cli_error("%s", certshow_ctx_error(ctx));
		certshow_writer_free(w);
		certshow_ctx_free(ctx);
		return EXIT_OPERATIONAL;
	}
	lo.has_now = 1;
	lo.now = wopts.now;
	if (a.profile == CERTSHOW_PROFILE_RFC5280) {
		lo.flags |= CERTSHOW_LINT_F_RFC5280_ONLY;
	}
	memset(&d, 0, sizeof(d));
	d.ctx = ctx;
	d.w = w;
	d.lint = lint;
	d.lo = &lo;
	d.now = wopts.now;
	d.warn_days = a.warn_days;
	for (i = optind; i < argc && !d.fatal; i++) {
		status = cli_status_merge(status, dump_file(&d, argv[i]));
	}
	status = dump_finish(ctx, w, lint, a.fmt, d.fatal, status);
	certshow_lint_free(lint);
	certshow_writer_free(w);
	certshow_ctx_free(ctx);
	return status;
}
