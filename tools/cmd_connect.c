/*
 * cmd_connect.c - 'certshow connect HOST[:PORT]' (also 'certshow HOST'):
 * fetch a server's chain over TLS, verify it with the same
 * certshow_verify() as offline files, and show it.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

enum {
	OPT_CAFILE = 256,
	OPT_CAPATH,
	OPT_HOST,
	OPT_SNI,
	OPT_NO_SNI,
	OPT_PORT,
	OPT_TIMEOUT,
	OPT_STARTTLS,
	OPT_AT,
	OPT_PURPOSE,
	OPT_INSECURE,
	OPT_ALPN,
	OPT_TLS12,
	OPT_TLS13,
	OPT_LINT,
	OPT_PROFILE,
	OPT_WARN_DAYS,
	OPT_FULL
};

static const struct option connect_options[] = {
	{ "cafile", required_argument, NULL, OPT_CAFILE },
	{ "capath", required_argument, NULL, OPT_CAPATH },
	{ "host", required_argument, NULL, OPT_HOST },
	{ "sni", required_argument, NULL, OPT_SNI },
	{ "no-sni", no_argument, NULL, OPT_NO_SNI },
	{ "port", required_argument, NULL, OPT_PORT },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "starttls", required_argument, NULL, OPT_STARTTLS },
	{ "format", required_argument, NULL, 'f' },
	{ "at", required_argument, NULL, OPT_AT },
	{ "purpose", required_argument, NULL, OPT_PURPOSE },
	{ "insecure-no-verify", no_argument, NULL, OPT_INSECURE },
	{ "alpn", required_argument, NULL, OPT_ALPN },
	{ "tls1.2", no_argument, NULL, OPT_TLS12 },
	{ "tls1.3", no_argument, NULL, OPT_TLS13 },
	{ "lint", no_argument, NULL, OPT_LINT },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	CLI_VERIFY_FILE_OPTIONS,
	{ "warn-days", required_argument, NULL, OPT_WARN_DAYS },
	{ "full", no_argument, NULL, OPT_FULL },
	{ "help", no_argument, NULL, 'h' },
	CLI_ONLINE_OPTIONS,
	{ NULL, 0, NULL, 0 },
};

void
usage_connect(FILE *fp)
{
	fprintf(fp,
	    "usage: certshow [connect] [OPTIONS] HOST[:PORT] [OPTIONS]\n"
	    "\n"
	    "Connect to HOST over TLS (1.2 or 1.3), capture the certificate chain\n"
	    "exactly as the server sends it, verify it and show it. HOST is a\n"
	    "name, an IPv4 address or an IPv6 address ([::1]:8443). The handshake\n"
	    "never fails because of the certificates: they are verified after it.\n"
	    "\n"
	    "Options:\n"
	    "      --cafile PATH       trust anchors from a PEM/DER file (repeatable);\n"
	    "                          default: the system trust store\n"
	    "      --capath DIR        trust anchors from a directory\n"
	    "      --host NAME         name to verify (and send as SNI); default HOST\n"
	    "      --sni NAME          server name to send instead\n"
	    "      --no-sni            send no server name\n"
	    "      --port N            port, 1 to 65535 (default 443, or the\n"
	    "                          STARTTLS protocol's)\n"
	    "      --timeout SECONDS   connect and handshake timeouts (default 10)\n"
	    "  -4, -6                  IPv4 or IPv6 only\n"
	    "      --starttls PROTO    smtp, imap, pop3, ftp, xmpp, ldap, postgres,\n"
	    "                          mysql (any case): speak PROTO first, then TLS\n"
	    "      --alpn LIST         offer ALPN protocols (\"h2,http/1.1\")\n"
	    "      --tls1.2, --tls1.3  allow only this TLS version (one of them)\n"
	    "  -f, --format FMT        text (default), json, python or pem\n"
	    "  -v, --full              text: the full view (every connection\n"
	    "                          fact, the result, each certificate\n"
	    "                          decoded) instead of the short report\n"
	    "      --at TIME           verify at TIME: RFC 3339, a date\n"
	    "                          (2027-01-01, midnight UTC) or @SECONDS\n"
	    "      --purpose P         server (default), client, any or a dotted OID\n"
	    "      --profile P         webpki (default) or rfc5280\n"
	    "      --untrusted FILE    more candidate intermediates (repeatable)\n"
	    "      --warn-days N       warn (exit 4 when verified) when a\n"
	    "                          certificate of the path expires within N\n"
	    "                          days (default 30; 0: off)\n"
	    "      --crl FILE          check revocation against the CRLs of FILE\n"
	    "                          (repeatable; see 'certshow help verify')\n");
	cli_online_usage(fp, 26);
	fprintf(fp,
	    "      --insecure-no-verify  show the chain without verifying it (only\n"
	    "                          this exact spelling, never an abbreviation)\n"
	    "      --lint              also lint the sent certificates (json: in\n"
	    "                          the result; else on standard error)\n"
	    "  -h, --help              show this help\n"
	    "\n"
	    "Exit status: 0 verified, 1 verification failed (the reasons are\n"
	    "printed and the certificates still shown; a valid revoked staple,\n"
	    "must-staple without one), 4 verified with warnings (a certificate\n"
	    "expiring within --warn-days, or a revocation status left open\n"
	    "under --revocation soft), 2 usage error, 3 network,\n"
	    "TLS or trust store failure. When the handshake fails after the server\n"
	    "sent its certificates (e.g. it requires a client certificate), they\n"
	    "are still shown and verified, a note says so, and the status is the\n"
	    "verdict's (0 or 1); 3 only when no certificate was received. With\n"
	    "--lint, lint errors also give 1, and warnings 4 when verified.\n");
}

struct connect_args {
	const char *target;
	const char *cafiles[64];
	size_t n_cafiles;
	const char *capath;
	const char *host;
	const char *sni;
	int no_sni;
	const char *port;
	unsigned timeout_ms;
	int family;
	enum certshow_starttls starttls;
	const char *alpn;
	unsigned tls_version;
	int fmt;
	int has_at;
	int64_t at;
	enum certshow_purpose purpose;
	const char *purpose_oid;
	enum certshow_profile profile;
	unsigned warn_days;
	int insecure;
	int lint;
	int full;
	struct cli_verify_files files; /* --untrusted, --crl */
	struct cli_online online;
};

static int
parse_timeout(const char *s, unsigned *ms)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || v <= 0 ||
	    v > 86400) {
		return -1;
	}
	*ms = (unsigned)(v * 1000.0 + 0.5);
	if (*ms == 0) {
		*ms = 1;
	}
	return 0;
}

/* --purpose NAME|OID into a->purpose; 0 or -1 (reported). */
static int
connect_parse_purpose(struct connect_args *a, const char *arg)
{
	if (cli_purpose_parse(arg, &a->purpose, &a->purpose_oid) != 0) {
		cli_error("unknown --purpose '%s' (server, client, any or "
			  "a dotted OID)",
		    arg);
		return -1;
	}
	return 0;
}

/* --profile webpki|rfc5280 into a->profile; 0 or -1 (reported). */
static int
connect_parse_profile(struct connect_args *a, const char *arg)
{
	if (cli_profile_from_name(arg, &a->profile) != 0) {
		cli_error("unknown --profile '%s' (webpki or rfc5280)", arg);
		return -1;
	}
	return 0;
}

/* One connection option `c` (argument in optarg): 0, -1 (reported), or
 * 1 when `c` is not a connection option. */
static int
connect_parse_net_opt(struct connect_args *a, int c)
{
	char err[CLI_MSG_MAX];

	switch (c) {
	case OPT_HOST:
		a->host = optarg;
		return 0;
	case OPT_SNI:
		a->sni = optarg;
		return 0;
	case OPT_NO_SNI:
		a->no_sni = 1;
		return 0;
	case OPT_PORT:
		if (cli_port_parse(optarg, NULL) != 0) {
			cli_error("invalid --port '%s' (expected 1 to 65535)",
			    optarg);
			return -1;
		}
		a->port = optarg;
		return 0;
	case OPT_TIMEOUT:
		if (parse_timeout(optarg, &a->timeout_ms) != 0) {
			cli_error("invalid --timeout '%s' (seconds)", optarg);
			return -1;
		}
		return 0;
	case '4':
	case '6':
		a->family = c == '4' ? 4 : 6;
		return 0;
	case OPT_STARTTLS:
		if (cli_starttls_from_name(optarg, &a->starttls) != 0) {
			cli_error("unknown --starttls '%s' (expected %s)",
			    optarg, cli_starttls_names());
			return -1;
		}
		return 0;
	case OPT_ALPN:
		if (cli_alpn_check(optarg, err, sizeof(err)) != 0) {
			cli_error("%s", err);
			return -1;
		}
		a->alpn = optarg;
		return 0;
	case OPT_TLS12:
	case OPT_TLS13:
		if (cli_tls_only(&a->tls_version,
			c == OPT_TLS12 ? CERTSHOW_TLS1_2 : CERTSHOW_TLS1_3, err,
			sizeof(err)) != 0) {
			cli_error("%s", err);
			return -1;
		}
		return 0;
	default:
		return 1;
	}
}

/* One option `c` (argument in optarg); 0 or -1 (reported). --help
 * prints the usage and exits. */
static int
connect_parse_opt(struct connect_args *a, int c)
{
	char err[256];
	int rv;

	rv = cli_online_parse(&a->online, c, optarg, err, sizeof(err));
	if (rv != 1) {
		if (rv != 0) {
			cli_error("%s", err);
		}
		return rv;
	}
	rv = cli_verify_files_parse(&a->files, c, optarg);
	if (rv != 1) {
		return rv;
	}
	switch (c) {
	case OPT_CAFILE:
		if (a->n_cafiles == sizeof(a->cafiles) /
		    sizeof(a->cafiles[0])) {
			cli_error("too many --cafile options");
			return -1;
		}
		a->cafiles[a->n_cafiles++] = optarg;
		return 0;
	case OPT_CAPATH:
		a->capath = optarg;
		return 0;
	case 'f':
		a->fmt = cli_parse_format(optarg);
		if (a->fmt < 0) {
			cli_error("unknown format '%s'", optarg);
			return -1;
		}
		return 0;
	case OPT_WARN_DAYS:
		if (cli_warn_days_parse(optarg, &a->warn_days) < 0) {
			cli_error(
			    "invalid --warn-days '%s' (expected 0 to 36500)",
			    optarg);
			return -1;
		}
		return 0;
	case OPT_AT:
		if (cli_time_parse(optarg, &a->at) != 0) {
			cli_error("invalid --at '%s' (expected RFC 3339, a "
			    "date such as 2027-01-01, or @SECONDS)", optarg);
			return -1;
		}
		a->has_at = 1;
		return 0;
	case OPT_PURPOSE:
		return connect_parse_purpose(a, optarg);
	case OPT_PROFILE:
		return connect_parse_profile(a, optarg);
	case OPT_INSECURE:
		a->insecure = 1;
		return 0;
	case OPT_LINT:
		a->lint = 1;
		return 0;
	case 'v':
	case OPT_FULL:
		a->full = 1;
		return 0;
	case 'h':
		usage_connect(stdout);
		exit(EXIT_OK);
	default:
		rv = connect_parse_net_opt(a, c);
		if (rv == 1) {
			cli_error("unknown option");
			return -1;
		}
		return rv;
	}
}

static int
parse_args(int argc, char **argv, struct connect_args *a)
{
	char err[CLI_MSG_MAX];
	int c;

	memset(a, 0, sizeof(*a));
	a->fmt = CERTSHOW_FORMAT_TEXT;
	/* A server's certificate is renewed before it expires: warn a
	 * month ahead unless told otherwise (--warn-days 0). */
	a->warn_days = 30;
	a->purpose = CERTSHOW_PURPOSE_SERVER;
	/* Our own messages: getopt's would name argv[0], which is
	 * "connect" or the program's path depending on the form used. */
	opterr = 0;
	/* 0, not 1: a full re-initialisation (glibc, musl), because
	 * connect_first_operand() may have scanned in "+" mode before. */
	optind = 0;
	while ((c = cli_getopt(argc, argv, ":46f:hv", connect_options, err,
		    sizeof(err))) != -1) {
		if (c == '?') {
			cli_error("%s", err);
			return -1;
		}
		if (connect_parse_opt(a, c) != 0) {
			return -1;
		}
	}
	if (a->sni != NULL && a->no_sni) {
		cli_error("--sni and --no-sni exclude each other");
		return -1;
	}

	if (optind >= argc) {
		cli_error("no HOST given");
		return -1;
	}
	a->target = argv[optind++];
	if (optind < argc) {
		cli_error("unexpected argument '%s'", argv[optind]);
		return -1;
	}
	return 0;
}

int
connect_first_operand(int argc, char **argv)
{
	int i;

	/* getopt_long() itself, so that abbreviations ("--caf"), "--x=y"
	 * and option arguments ("--host dump") are skipped exactly as
	 * parse_args() will; "+" stops at the first operand instead of
	 * permuting. Errors are ignored: parse_args() reports them. */
	opterr = 0;
	optind = 0;
	while (
	    getopt_long(argc, argv, "+:46f:hv", connect_options, NULL) != -1) {
		continue;
	}
	i = optind;
	optind = 0;
	return i;
}

static int
is_ip(const char *s)
{
	struct in6_addr a6;
	struct in_addr a4;

	return inet_pton(AF_INET, s, &a4) == 1 ||
	    inet_pton(AF_INET6, s, &a6) == 1;
}

static int
load_trust(struct certshow_ctx *ctx, const struct connect_args *a,
    struct certshow_trust **out)
{
	return cli_trust_load(ctx, a->cafiles, a->n_cafiles, a->capath, out);
}

/* Report the verdict flags on stderr, one name per flag. */
static void
report_flags(const char *name, const char *what, uint32_t flags)
{
	uint32_t bit;

	fprintf(stderr, "%s: %s: %s:", cli_progname, name, what);
	for (bit = 1; bit != 0; bit <<= 1) {
		if ((flags & bit) != 0) {
			fprintf(stderr, " %s", certshow_verdict_name(bit,
			    NULL));
		}
	}
	fputc('\n', stderr);
}

static void
insecure_note(const char *name)
{
	fprintf(stderr, "%s: %s: not verified (--insecure-no-verify)\n",
	    cli_progname, name);
}

/* What one connection produced, freed by cmd_connect(). */
struct connect_outcome {
	struct certshow_result *res;  /* NULL with --insecure */
	struct certshow_lint *lint;   /* --lint findings, or NULL */
	uint32_t flags;
	uint32_t warnings;            /* certshow_result_warnings() */
	int hs_failed;                /* handshake failed after the chain */
	const char *hs_msg;
};

/* The fetch options the arguments ask for. */
static void
connect_fetch_opts(struct certshow_fetch_opts *fo,
    const struct connect_args *a)
{
	fo->sni = a->sni != NULL ? a->sni : a->host;
	fo->no_sni = a->no_sni;
	fo->family = a->family;
	fo->connect_timeout_ms = a->timeout_ms;
	fo->handshake_timeout_ms = a->timeout_ms;
	fo->starttls = a->starttls;
	fo->starttls_domain = a->host;
	fo->alpn = a->alpn;
	fo->min_tls = a->tls_version;
	fo->max_tls = a->tls_version;
}

/* Verify the session's chain for `name`, its stapled OCSP response
 * included: the verdict in o->res, o->flags and o->warnings; 0 or -1
 * (reported). */
static int
connect_verify(struct certshow_ctx *ctx, struct certshow_session *s,
    const struct certshow_trust *trust, const struct connect_args *a,
    const char *name, struct connect_outcome *o)
{
	struct certshow_verify_opts vo = CERTSHOW_VERIFY_OPTS_INIT;
	struct certshow_chain *untrusted = NULL;
	struct certshow_crls *crls = NULL;
	int rv = -1;

	if (cli_load_untrusted(ctx, &untrusted, a->files.untrusted,
		a->files.n_untrusted) != 0 ||
	    cli_load_crls(ctx, &crls, a->files.crls, a->files.n_crls) != 0) {
		goto out;
	}
	vo.crls = crls;
	cli_online_apply(&a->online, &vo);

	vo.peer_kind = is_ip(name) ? CERTSHOW_PEER_IP : CERTSHOW_PEER_DNS;
	vo.peer_name = name;
	vo.purpose = a->purpose;
	vo.purpose_oid = a->purpose_oid;
	vo.profile = a->profile;
	vo.has_time = a->has_at;
	vo.time = a->at;
	vo.warn_days = a->warn_days;
	/* With the staple, as every scanned target (certshow_scanner). */
	if (certshow_session_verify(ctx, &o->res, s, untrusted, trust, &vo) !=
	    0) {
		cli_error("verifying: %s", certshow_ctx_error(ctx));
		goto out;
	}
	o->flags = certshow_result_flags(o->res);
	o->warnings = certshow_result_warnings(o->res);
	rv = 0;
out:
	certshow_chain_free(untrusted);
	certshow_crls_free(crls);
	return rv;
}

/* With --lint: lint the chain at wo->now into o->lint; then write the
 * session through a new writer *w; 0 or -1 (reported). */
static int
connect_write(struct certshow_ctx *ctx, struct certshow_writer **w,
    const struct certshow_session *s, const struct connect_args *a,
    const struct certshow_write_opts *wo, struct connect_outcome *o)
{
	struct certshow_lint_opts lo = CERTSHOW_LINT_OPTS_INIT;
	int rv;

	/* --lint: the sent chain (and intermediates the path took from
	 * elsewhere), at the verification time; JSON puts the findings in
	 * the result (cmd_lint.c, certshow_writer_set_lint()). */
	lo.has_now = 1;
	lo.now = wo->now;
	lo.warn_days = a->warn_days; /* one threshold for both */
	if (a->lint && cli_lint_verified(ctx, &o->lint,
	    certshow_session_chain(s), o->res, &lo) != 0) {
		cli_error("lint: %s", certshow_ctx_error(ctx));
		return -1;
	}
	rv = certshow_writer_new(ctx, w, stdout, (enum certshow_format)a->fmt,
	    wo);
	if (rv == 0 && o->lint != NULL && o->res != NULL &&
	    a->fmt == CERTSHOW_FORMAT_JSON) {
		rv = certshow_writer_set_lint(ctx, *w, o->lint);
	}
	if (rv == 0) {
		rv = certshow_writer_add_session(ctx, *w, s, o->res);
	}
	if (rv == 0) {
		rv = certshow_writer_finish(ctx, *w);
	}
	if (rv != 0) {
		cli_error("output: %s", certshow_ctx_error(ctx));
		return -1;
	}
	return 0;
}

/* The short report (text without --full): its last line is the verdict,
 * so nothing repeats it on standard error. */
static int
connect_brief(const struct connect_args *a)
{
	return !a->full && a->fmt == CERTSHOW_FORMAT_TEXT;
}

/* -f json when the run failed before its output (a trust store that
 * cannot be used, a connection that failed before any certificate, an
 * --untrusted or --crl file): one document whose only result is the
 * error, named "tls:HOST:PORT" as the certificates of a connection are,
 * with the message printed last, so that stdout still holds the
 * outcome. */
static void
connect_json_error(struct certshow_ctx *ctx, const struct connect_args *a,
    const char *host, const char *port)
{
	struct certshow_write_opts wo = CERTSHOW_WRITE_OPTS_INIT;
	struct certshow_writer *w = NULL;
	char msg[CLI_MSG_MAX], source[1200];
	int code = certshow_ctx_error_code(ctx);

	if (a->fmt != CERTSHOW_FORMAT_JSON) {
		return;
	}
	if (code == 0) {
		code = CERTSHOW_E_TRUST; /* "no usable trust anchor" */
	}
	cli_format(msg, sizeof(msg), "%s", cli_last_error());
	cli_format(source, sizeof(source), "tls:%s%s%s", host,
	    port[0] != '\0' ? ":" : "", port);
	wo.flags |= CERTSHOW_WF_RESULTS;
	if (certshow_writer_new(ctx, &w, stdout, CERTSHOW_FORMAT_JSON, &wo) !=
		0 ||
	    certshow_writer_add_error(ctx, w, source, code, msg) != 0 ||
	    certshow_writer_finish(ctx, w) != 0) {
		cli_error("output: %s", certshow_ctx_error(ctx));
	}
	certshow_writer_free(w);
}

/* Load the trust store first (a bad --cafile is found before any
 * network traffic), then fetch the server's chain into *s; 0, or -1
 * reported. */
static int
connect_fetch(struct certshow_ctx *ctx, struct certshow_session **s,
    struct certshow_trust **trust, const struct connect_args *a,
    const char *host, const char *port, const struct certshow_fetch_opts *fo)
{
	int rv;

	if (!a->insecure && load_trust(ctx, a, trust) != 0) {
		return -1;
	}
	rv = certshow_fetch(ctx, s, host, port[0] != '\0' ? port : NULL, fo);
	if (rv != 0) {
		cli_error("%s", certshow_ctx_error(ctx));
		return -1;
	}
	return 0;
}

/* After the output: the handshake note, the verdict on stderr (not after
 * the short report, which ends with them), the text lint findings; the
 * exit status. */
static int
connect_finish(struct certshow_ctx *ctx, const struct connect_args *a,
    const char *name, const struct connect_outcome *o)
{
	int ret, quiet = connect_brief(a);

	if (o->hs_failed && !quiet) {
		cli_error("note: the handshake failed after the server's "
		    "certificates, which are shown%s all the same: %s",
		    a->insecure ? "" : " and verified", o->hs_msg != NULL ?
		    o->hs_msg : "(no message)");
	}
	if (a->insecure) {
		/* The verdict line says why there is none (before the
		 * short report, whose last line is its verdict). */
		if (!quiet) {
			insecure_note(name);
		}
		ret = EXIT_OK;
	} else if (o->flags != 0) {
		if (!quiet) {
			report_flags(name, "verification failed", o->flags);
		}
		ret = EXIT_VERIFY_FAILED;
	} else if (o->warnings != 0) {
		if (!quiet) {
			report_flags(name, "verified with warnings",
			    o->warnings);
		}
		ret = EXIT_WARNING;
	} else {
		ret = EXIT_OK;
	}
	if (o->lint != NULL) {
		if (a->fmt != CERTSHOW_FORMAT_JSON || o->res == NULL) {
			fflush(stdout);
			if (certshow_lint_write(ctx, stderr,
			    CERTSHOW_FORMAT_TEXT, o->lint) != 0) {
				ret = EXIT_OPERATIONAL;
			}
		}
		ret = cli_status_merge(ret, cli_lint_status(o->lint));
	}
	return ret;
}

int
cmd_connect(int argc, char **argv)
{
	struct certshow_fetch_opts fo = CERTSHOW_FETCH_OPTS_INIT;
	struct certshow_session_info info = CERTSHOW_SESSION_INFO_INIT;
	struct certshow_write_opts wo = CERTSHOW_WRITE_OPTS_INIT;
	struct certshow_session *s = NULL;
	struct certshow_trust *trust = NULL;
	struct certshow_writer *w = NULL;
	struct connect_outcome o;
	struct certshow_ctx *ctx;
	struct connect_args a;
	struct cli_hostport hp;
	char err[CLI_MSG_MAX];
	char *host = hp.host, *port = hp.port;
	const char *name;
	int ret = EXIT_OPERATIONAL;

	memset(&o, 0, sizeof(o));
	if (parse_args(argc, argv, &a) != 0) {
		cli_usage_hint("connect");
		return EXIT_USAGE;
	}
	ctx = certshow_ctx_new();
	if (ctx == NULL) {
		cli_error("out of memory");
		return EXIT_OPERATIONAL;
	}
	if (cli_parse_hostport(a.target, &hp, err, sizeof(err)) != 0) {
		cli_error("%s", err);
		certshow_ctx_free(ctx);
		cli_usage_hint("connect");
		return EXIT_USAGE;
	}
	if (a.port != NULL) {
		snprintf(hp.port, sizeof(hp.port), "%s", a.port);
	}
	name = a.host != NULL ? a.host : host;
	connect_fetch_opts(&fo, &a);

	if (connect_fetch(ctx, &s, &trust, &a, host, port, &fo) != 0) {
		goto out;
	}
	/* The server's certificates arrived but the handshake failed
	 * afterwards (typically: a client certificate is required). The
	 * chain is still shown and verified and the exit status is the
	 * verdict's; the failure is reported on stderr and in the output. */
	if (certshow_session_info(s, &info) != 0) {
		cli_error("%s", certshow_strerror(CERTSHOW_E_INVAL));
		goto out;
	}
	o.hs_failed = info.handshake_error != 0;
	o.hs_msg = info.handshake_message;
	if (!a.insecure && connect_verify(ctx, s, trust, &a, name, &o) != 0) {
		goto out;
	}
	wo.now = a.has_at ? a.at : (int64_t)time(NULL);
	wo.flags = cli_write_flags(connect_brief(&a));
	if (a.insecure && connect_brief(&a)) {
		insecure_note(name);
	}
	if (connect_write(ctx, &w, s, &a, &wo, &o) != 0) {
		goto out;
	}
	ret = connect_finish(ctx, &a, name, &o);
out:
	if (w == NULL && ret == EXIT_OPERATIONAL) {
		connect_json_error(ctx, &a, host, port);
	}
	certshow_lint_free(o.lint);
	certshow_writer_free(w);
	certshow_result_free(o.res);
	certshow_trust_free(trust);
	certshow_session_free(s);
	certshow_ctx_free(ctx);
	return ret;
}
